"""Pairing: no pair breaks a rule, capacities and locks hold, and the result is optimal."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from wessex_cli import solver
from wessex_cli.errors import PairingError
from wessex_cli.pairing import pair_volunteers
from wessex_cli.roster import Preference, Roster, Volunteer, read_roster
from wessex_cli.rules import rules_broken
from wessex_cli.scheme import Scheme
from wessex_cli.scoring import pair_score

from .conftest import EXAMPLES, Runner, person, small_roster, write_book

SCHEME = Scheme()


def make(index: int, side: str, org: int, reg: int, host: int, visit: int, cap: int,
         cluster: int, prefs: list[tuple[str, int]], avoid: list[int]) -> Volunteer:
    key = f"{side[0]}{index}@example.org"
    other = "s" if side == "primary" else "p"
    preferences = tuple(
        Preference(rank, f"{kind}{target}", person=f"{other}{target}@example.org")
        if kind == "person" else Preference(rank, f"org{target}", topic=f"org {target}")
        for rank, (kind, target) in enumerate(prefs, start=1))
    return Volunteer(
        row=index + 2, name=f"{side} {index}", email=key, key=key, phone="", profession="x",
        side=side, organisation=f"org {org}" if org else "", specialty="", cluster=str(cluster)
        if cluster else "", registered_practice=f"org {reg}" if reg else "", host_days="",
        visit_days="", host_slots=host, visit_slots=visit,
        preferences=preferences, avoid=tuple(f"{other}{a}@example.org" for a in avoid),
        capacity=cap, partner=None, status="", active=True, adjustments="", notes="")


@st.composite
def rosters(draw: st.DrawFn, max_side: int = 5) -> Roster:
    people = []
    for side, count in (("primary", draw(st.integers(0, max_side))),
                        ("secondary", draw(st.integers(0, max_side)))):
        for index in range(count):
            prefs = draw(st.lists(st.tuples(st.sampled_from(["person", "org"]),
                                            st.integers(0, max_side)), max_size=3))
            people.append(make(
                index, side, draw(st.integers(0, 3)), draw(st.integers(0, 3)),
                draw(st.sampled_from([3, 12, 15, 0x3FFF])), draw(st.sampled_from([3, 12, 0x3FFF])),
                draw(st.integers(1, 2)), draw(st.integers(0, 2)), prefs,
                draw(st.lists(st.integers(0, max_side), max_size=2))))
    return Roster(Path("test.xlsx"), "Volunteers", people, [], {}, [], len(people))


def brute_force(roster: Roster) -> tuple[int, int]:
    """(pairs, score) of the best assignment, by exhaustive search with memo."""
    left = [v for v in roster.volunteers if v.side == "primary"]
    right = [v for v in roster.volunteers if v.side == "secondary"]
    edges = {(i, j): pair_score(a, b, SCHEME.weights)[0]
             for i, a in enumerate(left) for j, b in enumerate(right) if not rules_broken(a, b)}

    @functools.cache
    def best(i: int, caps: tuple[int, ...]) -> tuple[int, int]:
        if i == len(left):
            return (0, 0)
        options = [j for j in range(len(right)) if (i, j) in edges and caps[j] > 0]
        found = best(i + 1, caps)
        choices: list[tuple[int, ...]] = [(j,) for j in options]
        if left[i].capacity >= 2:
            choices += [(j, k) for j in options for k in options if j < k]
        for chosen in choices:
            new_caps = list(caps)
            for j in chosen:
                new_caps[j] -= 1
            rest = best(i + 1, tuple(new_caps))
            value = (rest[0] + len(chosen), rest[1] + sum(edges[(i, j)] for j in chosen))
            found = max(found, value)
        return found

    return best(0, tuple(v.capacity for v in right))


def check_invariants(roster: Roster, result_pairs: list[tuple[Volunteer, Volunteer]]) -> None:
    counts: dict[str, int] = {}
    seen = set()
    for a, b in result_pairs:
        assert rules_broken(a, b) == []
        assert frozenset((a.key, b.key)) not in seen, "the same two people paired twice"
        seen.add(frozenset((a.key, b.key)))
        counts[a.key] = counts.get(a.key, 0) + 1
        counts[b.key] = counts.get(b.key, 0) + 1
    by_key = roster.by_key()
    assert all(counts[k] <= by_key[k].capacity for k in counts)


@pytest.mark.parametrize("dense_limit", [solver.DENSE_LIMIT, 0])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(roster=rosters())
def test_optimal_and_valid_on_small_rosters(dense_limit: int, roster: Roster,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solver, "DENSE_LIMIT", dense_limit)
    result = pair_volunteers(roster, SCHEME)
    check_invariants(roster, [(p.a, p.b) for p in result.pairs])
    assert (len(result.pairs), result.score) == brute_force(roster)
    assert result.score <= result.upper_bound


@pytest.mark.parametrize("dense_limit", [solver.DENSE_LIMIT, 0])
@pytest.mark.parametrize("seed", range(4))
def test_matches_scipy_on_larger_rosters(dense_limit: int, seed: int,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An independent solver (scipy) agrees on the number of pairs and the total score."""
    monkeypatch.setattr(solver, "DENSE_LIMIT", dense_limit)
    rng = np.random.default_rng(seed)
    n = 60
    people = []
    for side in ("primary", "secondary"):
        for i in range(n + (5 if side == "primary" else 0)):
            prefs = [("person" if rng.random() < 0.6 else "org", int(rng.integers(0, n)))
                     for _ in range(int(rng.integers(0, 4)))]
            people.append(make(i, side, int(rng.integers(0, 8)), int(rng.integers(0, 8)),
                               int(rng.choice([3, 12, 0x3FFF, 0x3FFF])),
                               int(rng.choice([3, 0x3FFF, 0x3FFF])), 1, int(rng.integers(0, 4)),
                               prefs, [int(rng.integers(0, n))]))
    roster = Roster(Path("t.xlsx"), "Volunteers", people, [], {}, [], len(people))
    result = pair_volunteers(roster, SCHEME, seed=seed)
    check_invariants(roster, [(p.a, p.b) for p in result.pairs])
    left = [v for v in people if v.side == "primary"]
    right = [v for v in people if v.side == "secondary"]
    big = 10_000
    weight = np.zeros((len(left), len(right)))
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if not rules_broken(a, b):
                weight[i, j] = big + pair_score(a, b, SCHEME.weights)[0]
    rows, cols = linear_sum_assignment(weight, maximize=True)
    chosen = weight[rows, cols]
    assert len(result.pairs) == int((chosen > 0).sum())
    assert result.score == int(chosen.sum() - big * (chosen > 0).sum())


def test_seed_changes_ties_not_quality() -> None:
    people = [make(i, side, i + 1 if side == "primary" else 0, 0, 0x3FFF, 0x3FFF, 1, 0, [], [])
              for side in ("primary", "secondary") for i in range(6)]
    roster = Roster(Path("t.xlsx"), "Volunteers", people, [], {}, [], len(people))
    outcomes = {tuple((p.a.key, p.b.key) for p in pair_volunteers(roster, SCHEME, seed=s).pairs)
                for s in range(8)}
    assert len(outcomes) > 1
    again = [tuple((p.a.key, p.b.key) for p in pair_volunteers(roster, SCHEME, seed=3).pairs)
             for _ in range(2)]
    assert again[0] == again[1]


def test_locks_are_kept_and_broken_locks_refused(tmp_path: Path) -> None:
    people = small_roster()
    roster = read_roster(write_book(tmp_path / "v.xlsx", people))
    result = pair_volunteers(roster, SCHEME, locks=["Dr Amelia Ashworth=arjun@example.org"])
    locked = [p for p in result.pairs if p.how == "locked"]
    assert [(p.a.name, p.b.name) for p in locked] == [("Dr Amelia Ashworth", "Arjun Rasmussen")]
    people[3]["Registered practice"] = "Harbourside Surgery"
    roster = read_roster(write_book(tmp_path / "v2.xlsx", people))
    with pytest.raises(PairingError, match=r"rule 3 \(registered patient"):
        pair_volunteers(roster, SCHEME, locks=["Amelia Ashworth=Arjun Rasmussen"])
    with pytest.raises(PairingError, match="not in the volunteer list"):
        pair_volunteers(roster, SCHEME, locks=["Nobody=Arjun Rasmussen"])


def test_partner_column_locks(tmp_path: Path) -> None:
    people = small_roster()
    people[1]["Partner"] = "oliver@example.org"
    roster = read_roster(write_book(tmp_path / "v.xlsx", people))
    result = pair_volunteers(roster, SCHEME)
    assert ("Dr Isla Okonkwo", "Oliver Pemberton", "locked") in \
        {(p.a.name, p.b.name, p.how) for p in result.pairs}


def test_preferences_win_and_reasons_say_why(tmp_path: Path) -> None:
    roster = read_roster(write_book(tmp_path / "v.xlsx", small_roster()))
    result = pair_volunteers(roster, SCHEME)
    pairs = {p.a.name: p for p in result.pairs}
    amelia = pairs["Dr Amelia Ashworth"]
    assert amelia.b.name == "Oliver Pemberton"
    assert amelia.score == 6 + 1
    assert "Oliver Pemberton was Dr Amelia Ashworth's 1st choice" in amelia.reasons
    assert "same cluster (1)" in amelia.reasons


def test_unpaired_reasons(tmp_path: Path) -> None:
    people = [*small_roster(),
              person("Dr Extra Person", "extra@example.org", "GP", Organisation="Kingsway"),
              person("Dr Lonely", "lonely@example.org", "GP", Organisation="Milldown",
                     Avoid="oliver@example.org; arjun@example.org")]
    roster = read_roster(write_book(tmp_path / "v.xlsx", people))
    result = pair_volunteers(roster, SCHEME)
    reasons = {u.person.name: u.reason for u in result.unpaired}
    assert "no eligible partner" in reasons["Dr Lonely"]
    assert "2 by named under avoid" in reasons["Dr Lonely"]
    assert any("side imbalance" in r for r in reasons.values())


def test_pair_cli_json_workbook_and_force(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    result = run("pair", "v.xlsx", "--json")
    data = json.loads(result.stdout)
    assert data["summary"] == {"volunteers": 4, "active": 4, "pairs": 2, "paired": 4,
                               "unpaired": 0, "score": 8}
    assert data["pairs"][0]["a"]["side"] == "primary"
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    assert book.sheetnames == ["Pairs", "Unpaired", "Summary", "Settings"]
    again = run("pair", "v.xlsx", code=1)
    assert "already exists" in again.output and "--force" in again.output
    run("pair", "v.xlsx", "--force")
    assert list((tmp_path / "backups").glob("pairs-*.xlsx"))


def test_pair_refuses_a_workbook_with_errors(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [*small_roster(), person("X", "bad", "GP")])
    result = run("pair", "v.xlsx", code=1)
    assert "Volunteers!B6" in result.output and "wessex check" in result.output


def test_keep_repairs_only_the_partner_of_a_withdrawn_person(run: Runner,
                                                             tmp_path: Path) -> None:
    people = [person(f"Dr GP {i}", f"gp{i}@example.org", "GP", Organisation=f"Practice {i}")
              for i in range(4)]
    people += [person(f"Consultant {i}", f"c{i}@example.org", "Consultant",
                      Organisation="Hospital") for i in range(4)]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [c.value for c in sheet[1]]
    done = header.index("A hosts B: done") + 1
    notes = header.index("Notes") + 1
    for row in range(2, 6):
        sheet.cell(row, done, "yes")
        sheet.cell(row, notes, f"note {row}")
    sheet.cell(1, len(header) + 1, "My column")
    sheet.cell(2, len(header) + 1, "kept text")
    book.save(tmp_path / "pairs.xlsx")
    before = {(r[1], r[8]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    withdrawn = sheet.cell(3, 3).value  # the A e-mail of the second pair
    people = [dict(p, Status="withdrawn") if p["Email"] == withdrawn else p for p in people]
    people.append(person("Dr New GP", "new@example.org", "GP", Organisation="Practice 9"))
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    after_book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    after_header = [c.value for c in after_book["Pairs"][1]]
    after = {(r[1], r[8]): r for r in after_book["Pairs"].iter_rows(min_row=2, values_only=True)}
    kept = [k for k in before if withdrawn not in (before[k][2],)]
    assert len(kept) == 3
    for key in kept:
        old, new = before[key], after[key]
        assert new[0] == old[0]  # same pair ID
        assert new[after_header.index("A hosts B: done")] == "yes"
        assert new[after_header.index("Notes")] == old[header.index("Notes")]
    assert "My column" in after_header
    new_pairs = [k for k in after if k not in before]
    assert [k[0] for k in new_pairs] == ["Dr New GP"]
    assert list((tmp_path / "backups").glob("pairs-*.xlsx"))


def test_why_explains_one_person(run: Runner, tmp_path: Path) -> None:
    people = small_roster()
    people[0]["Avoid"] = "arjun@example.org"
    write_book(tmp_path / "v.xlsx", people)
    result = run("pair", "v.xlsx", "--why", "amelia ashworth")
    assert "is paired with Oliver Pemberton" in result.output
    assert "Arjun Rasmussen: rule 4 (named under avoid)" in result.output


def test_why_and_lock_take_a_surname_as_visit_and_withdraw_do(run: Runner, tmp_path: Path
                                                             ) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    result = run("pair", "v.xlsx", "--why", "Ashworth")
    assert "is paired with Oliver Pemberton" in result.output
    locked = run("pair", "v.xlsx", "--lock", "Ashworth=Rasmussen", "--dry-run", "--json")
    pairs = {(p["a"]["name"], p["b"]["name"]) for p in json.loads(locked.stdout)["pairs"]}
    assert ("Dr Amelia Ashworth", "Arjun Rasmussen") in pairs


def test_example_golden_json(run: Runner, tmp_path: Path) -> None:
    """The shipped example pairs exactly as recorded in examples/pairs.json."""
    result = run("pair", str(EXAMPLES / "volunteers.xlsx"), "--scheme",
                 str(EXAMPLES / "scheme.toml"), "--dry-run", "--json")
    expected = json.loads((EXAMPLES / "pairs.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == expected


def test_same_input_and_seed_give_identical_workbooks(run: Runner, tmp_path: Path) -> None:
    """Same input and seed, the same file byte for byte (the creation time is fixed)."""
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx", "-o", "one.xlsx", "--seed", "5")
    run("pair", "v.xlsx", "-o", "two.xlsx", "--seed", "5")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


def test_a_locked_pair_kept_by_a_re_pairing_still_says_it_was_locked(run: Runner,
                                                                      tmp_path: Path) -> None:
    """SPEC: the pairs workbook says why each pair was made. A pair locked as agreed in the
    first run, then carried by ``--keep`` (the lock no longer given), is kept (not new, so
    no second introduction), and its reasons still say it was locked as agreed, run after
    run."""
    people = [person(f"Dr GP {i}", f"gp{i}@example.org", "GP", Organisation=f"Practice {i}")
              for i in range(3)]
    people += [person(f"Consultant {i}", f"c{i}@example.org", "Consultant",
                      Organisation="Hospital") for i in range(3)]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx", "--lock", "gp0@example.org=c2@example.org")
    people.append(person("Dr New GP", "new@example.org", "GP", Organisation="Practice 9"))
    people.append(person("Consultant New", "cn@example.org", "Consultant",
                         Organisation="Hospital"))
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=False))
            for r in sheet.iter_rows(min_row=2, values_only=True)]
    how = {(r["A email"], r["B email"]): r["How paired"] for r in rows}
    assert sorted(how.values()) == ["kept", "kept", "kept", "optimised"]
    locked_row = next(r for r in rows if r["A email"] == "gp0@example.org")
    assert locked_row["B email"] == "c2@example.org"
    assert str(locked_row["Reasons"]).startswith("locked as agreed")
    others = [r for r in rows if r["A email"] != "gp0@example.org"]
    assert not any(str(r["Reasons"]).startswith("locked") for r in others)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # a third run: still said
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    again = [dict(zip(header, r, strict=False))
             for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [str(r["Reasons"]).startswith("locked as agreed") for r in again
            if r["A email"] == "gp0@example.org"] == [True]


def test_a_mistyped_lock_is_said_before_the_output_that_exists(run: Runner,
                                                             tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    # a usage error, as SPEC's exit codes have it: 2, as Typer gives any other
    said = " ".join(run("pair", "v.xlsx", "--lock", "Amelia Ashworth", code=2).output.split())
    assert "--lock 'Amelia Ashworth' is not of the form \"A=B\"" in said
    assert "already exists" not in said


def test_each_tracking_cell_says_how_it_is_read(run: Runner, tmp_path: Path) -> None:
    """Selecting a tracking cell in Excel shows how wessex reads it: a date alone is a plan,
    done = yes makes it a visit; the dates are checked as dates, the rest offer yes/no."""
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    header = [c.value for c in sheet[1]]
    by_column = {str(v.sqref).split(":")[0].rstrip("0123456789"): v
                 for v in sheet.data_validations.dataValidation}

    def rule(title: str) -> Any:
        return by_column[openpyxl.utils.get_column_letter(header.index(title) + 1)]

    for title in ("A hosts B: date", "B hosts A: date"):
        assert rule(title).type == "date"
        assert "Until the done cell says yes, it counts as planned." in rule(title).prompt
    for title in ("A hosts B: done", "B hosts A: done", "Reflection from A",
                  "Reflection from B"):
        assert (rule(title).type, rule(title).formula1) == ("list", '"yes,no"')
        assert rule(title).prompt.startswith("yes once")
    assert all(v.errorStyle == "information" for v in by_column.values())  # warns, keeps
    assert openpyxl.utils.get_column_letter(header.index("Notes") + 1) not in by_column


def test_why_without_keep_beside_a_pairs_workbook_says_the_pairing_is_a_fresh_one(
        run: Runner, tmp_path: Path) -> None:
    """Once pairs.xlsx was written, '--why' without --keep said "is paired with" of a fresh
    pairing of the volunteer workbook as it is now: after a withdrawal, someone other than
    the partner pairs.xlsx gives them and their letters named."""
    people = small_roster()
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")  # Isla Okonkwo with Arjun Rasmussen, of her cluster
    # Amelia Ashworth has left: afresh, Oliver Pemberton, of Isla's choice Cardiology, is free
    write_book(tmp_path / "v.xlsx", people[1:])
    said = " ".join(run("pair", "v.xlsx", "--why", "Isla Okonkwo").output.split())
    assert "would be paired with Oliver Pemberton in a fresh pairing of v.xlsx" in said
    assert "is paired with" not in said
    assert "add --keep pairs.xlsx to explain the pairs written there" in said
    # with --keep, the pairs workbook's own pairs are explained, as they stand
    kept = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--why", "Isla Okonkwo")
                    .output.split())
    assert "is paired with Arjun Rasmussen" in kept and "fresh pairing" not in kept
