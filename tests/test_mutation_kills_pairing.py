"""Tests added to kill mutants of ``pairing`` (benchmarks/MUTATION.md): locks as typed, the
people they name, and pair numbers. Each states the rule it defends; expected values are
worked out by hand from SPEC ("a lock that breaks a rule is an error that names the rule";
pair IDs are kept, and a withdrawn pair's ID is never given again)."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from wessex_cli.errors import PairingError
from wessex_cli.model import PairRecord, Person
from wessex_cli.pairing import pair_volunteers, parse_lock
from wessex_cli.roster import Roster, read_roster
from wessex_cli.scheme import Scheme

COLUMNS = ["Name", "Email", "Profession", "Organisation", "Specialty"]
PEOPLE = [
    ["Dr Amelia Ashworth", "amelia.ashworth@nhs.net", "GP", "Harbourside Surgery", ""],
    ["Dr Isla Okonkwo", "isla.okonkwo@nhs.net", "GP", "Elmfield Surgery", ""],
    ["Oliver Pemberton", "oliver.pemberton@nhs.net", "Consultant", "Wessex General Hospital",
     "Cardiology"],
    ["Arjun Rasmussen", "arjun.rasmussen@nhs.net", "Consultant", "Downland Hospital",
     "Respiratory"],
]


def kept_pair(a_email: str, b_email: str, pair_id: str) -> PairRecord:
    """A pair as read back from an earlier pairs workbook (only the e-mails decide)."""
    return PairRecord(pair_id, Person("", a_email), Person("", b_email))


def roster_of(folder: Path, people: list[list[str]]) -> Roster:
    path = folder / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(people)
    roster = read_roster(path)
    assert roster.errors == [], roster.errors
    return roster


def test_a_lock_is_split_at_its_first_equals_sign_and_trimmed() -> None:
    assert parse_lock(" Dr Amelia Ashworth = oliver.pemberton@nhs.net ") == \
        ("Dr Amelia Ashworth", "oliver.pemberton@nhs.net")
    assert parse_lock("a=b=c") == ("a", "b=c")


@pytest.mark.parametrize("typed", ["Amelia", "=Oliver", "Amelia=", " = ", ""])
def test_a_lock_not_of_the_form_a_equals_b_is_refused_with_an_example(typed: str) -> None:
    with pytest.raises(PairingError) as caught:
        parse_lock(typed)
    assert caught.value.message == f"--lock '{typed}' is not of the form \"A=B\"."
    assert caught.value.hint == \
        'Write it as --lock "Dr Amelia Ashworth=oliver.pemberton@nhs.net".'


def test_a_lock_naming_someone_not_in_the_list_says_who_and_suggests(tmp_path: Path) -> None:
    roster = roster_of(tmp_path, PEOPLE)
    with pytest.raises(PairingError) as caught:
        pair_volunteers(roster, Scheme(), locks=["Amelia Ashwort=Oliver Pemberton"])
    assert caught.value.message == ("--lock 'Amelia Ashwort=Oliver Pemberton' names "
                                    "'Amelia Ashwort', who is not in the volunteer list.")
    assert caught.value.hint == ("Did you mean 'Dr Amelia Ashworth'? Use the name or e-mail "
                                 "as in the workbook.")
    assert caught.value.file == roster.path


def test_a_lock_naming_two_people_of_the_same_name_asks_for_the_email(tmp_path: Path) -> None:
    twins = [*PEOPLE, ["Oliver Pemberton", "o.pemberton2@nhs.net", "Consultant",
                       "Downland Hospital", "Cardiology"]]
    roster = roster_of(tmp_path, twins)
    with pytest.raises(PairingError) as caught:
        pair_volunteers(roster, Scheme(), locks=["Dr Amelia Ashworth=Oliver Pemberton"])
    assert caught.value.message == (
        "--lock 'Dr Amelia Ashworth=Oliver Pemberton': 'Oliver Pemberton' could be any of "
        "Oliver Pemberton <oliver.pemberton@nhs.net>, Oliver Pemberton "
        "<o.pemberton2@nhs.net>.")
    assert caught.value.hint == "Use the e-mail address instead."
    assert caught.value.file == roster.path
    # The e-mail settles it.
    result = pair_volunteers(roster, Scheme(),
                             locks=["Dr Amelia Ashworth=o.pemberton2@nhs.net"])
    assert ("amelia.ashworth@nhs.net", "o.pemberton2@nhs.net") in \
        {(p.a.email, p.b.email) for p in result.pairs}


def test_pairs_are_numbered_from_p001_in_name_order(tmp_path: Path) -> None:
    result = pair_volunteers(roster_of(tmp_path, PEOPLE), Scheme())
    assert [(p.pair_id, p.a.name) for p in result.pairs] == \
        [("P001", "Dr Amelia Ashworth"), ("P002", "Dr Isla Okonkwo")]


def test_a_withdrawn_pairs_number_is_never_given_again(tmp_path: Path) -> None:
    """The next free numbers, skipping every retired one: P001 retired gives P002, P003."""
    result = pair_volunteers(roster_of(tmp_path, PEOPLE), Scheme(), retired_ids=["P001"])
    assert [(p.pair_id, p.a.name) for p in result.pairs] == \
        [("P002", "Dr Amelia Ashworth"), ("P003", "Dr Isla Okonkwo")]


def test_a_new_pair_is_numbered_after_the_highest_kept_one_never_in_a_gap(
        tmp_path: Path) -> None:
    """Kept P007 (P001 to P006 gone from the sheets: a row deleted by hand leaves no trace
    of its ID): the new pair is P008, so no ID in an older letter or backup names two pairs."""
    roster = roster_of(tmp_path, PEOPLE)
    kept = kept_pair("oliver.pemberton@nhs.net", "amelia.ashworth@nhs.net", "P007")
    result = pair_volunteers(roster, Scheme(), keep=[kept])
    assert sorted(p.pair_id for p in result.pairs) == ["P007", "P008"]


def test_a_dropped_pair_says_what_became_of_each_person_still_in_the_scheme(
        tmp_path: Path) -> None:
    """Oliver withdrew from kept P001: Arjun, the one consultant left, is locked to Amelia, so
    she is paired anew under P002 (P001 stays with the ended pair) and Isla is unpaired;
    Oliver, withdrawn, is in neither sentence."""
    from wessex_cli.pairing import after_dropped

    roster = roster_with(tmp_path, people_with({2: ("", "Withdrawn")}))
    lock = ["Dr Amelia Ashworth=Arjun Rasmussen"]
    for gp, said in (("amelia.ashworth@nhs.net",
                      "Dr Amelia Ashworth is now paired with Arjun Rasmussen (P002)."),
                     ("isla.okonkwo@nhs.net", "Dr Isla Okonkwo is unpaired.")):
        kept = kept_pair(gp, "oliver.pemberton@nhs.net", "P001")
        result = pair_volunteers(roster, Scheme(), keep=[kept], locks=lock)
        assert result.dropped == [kept]
        assert after_dropped(result, kept) == said


def people_with(extra: dict[int, tuple[str, str]]) -> list[list[str]]:
    """PEOPLE with a Capacity and a Status column; extra[row] = (capacity, status)."""
    return [[*p, *extra.get(n, ("", ""))] for n, p in enumerate(PEOPLE)]


def roster_with(folder: Path, people: list[list[str]]) -> Roster:
    path = folder / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "Capacity", "Status"])
        writer.writerows(people)
    roster = read_roster(path)
    assert roster.errors == [], roster.errors
    return roster


def test_a_kept_pair_is_stored_as_its_row_has_it_whichever_side_comes_first(
        tmp_path: Path) -> None:
    """A kept pair keeps its ID and its two people in its row's order, A and B, even with
    the consultant first: the visit cells beside them ("A hosts B: done") say who hosted by
    that order (tests/test_keep_row_order.py). It was stored GP first, so 'pair --keep'
    wrote the two people into each other's columns under visits that then said the
    opposite. Neither is paired again with anyone else in their place."""
    roster = roster_of(tmp_path, PEOPLE)
    kept = kept_pair("oliver.pemberton@nhs.net", "amelia.ashworth@nhs.net", "P007")
    result = pair_volunteers(roster, Scheme(), keep=[kept])
    mine = [p for p in result.pairs if p.pair_id == "P007"]
    assert [(p.a.name, p.b.name, p.how) for p in mine] == \
        [("Oliver Pemberton", "Dr Amelia Ashworth", "kept")]
    assert sum(1 for p in result.pairs
               if {p.a.name, p.b.name} & {"Oliver Pemberton", "Dr Amelia Ashworth"}) == 1


def test_a_kept_pair_with_someone_withdrawn_or_gone_is_dropped(tmp_path: Path) -> None:
    """Someone withdrew, or left the list: the kept pair is dropped (and reported), never
    kept with a withdrawn person, never a crash."""
    roster = roster_with(tmp_path, people_with({2: ("", "Withdrawn")}))
    withdrawn = kept_pair("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net", "P001")
    gone = kept_pair("nobody@nhs.net", "arjun.rasmussen@nhs.net", "P002")
    result = pair_volunteers(roster, Scheme(), keep=[withdrawn, gone])
    assert result.dropped == [withdrawn, gone]
    # and who, by name: the administrator is not left to guess which of the two it was
    assert result.dropped_why["P001"].startswith("Oliver Pemberton is no longer active")
    assert result.dropped_why["P002"] == "nobody@nhs.net is no longer in the volunteer workbook"
    assert all(p.how != "kept" for p in result.pairs)
    assert "oliver.pemberton@nhs.net" not in {p.b.email for p in result.pairs}


def test_a_workbook_with_errors_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "volunteers.csv"
    path.write_text("Name,Email,Profession,Organisation\nAmelia,not-an-email,GP,Harbourside\n",
                    encoding="utf-8")
    roster = read_roster(path)
    assert roster.errors
    with pytest.raises(PairingError) as caught:
        pair_volunteers(roster, Scheme())
    assert caught.value.file == roster.path
    assert "Fix them first: 'wessex check volunteers.csv' lists them all." == caught.value.hint


def test_someone_whose_only_partners_are_already_theirs_is_told_so(tmp_path: Path) -> None:
    """A GP with three places and two eligible consultants, both paired with her: "their only
    eligible partners (2) are already paired with them"; with one consultant: "partner (1)
    is"."""
    two = roster_with(tmp_path, people_with({0: ("3", ""), 1: ("", "Withdrawn")}))
    (gp,) = [u for u in pair_volunteers(two, Scheme()).unpaired
             if u.person.name == "Dr Amelia Ashworth"]
    assert gp.reason == ("1 of 3 places unfilled: side imbalance: 3 places on the Primary care "
                         "side for 2 on the Secondary care side; all 2 of their eligible "
                         "partners are already paired with them")
    one = roster_with(tmp_path, people_with({0: ("2", ""), 1: ("", "Withdrawn"),
                                              3: ("", "Withdrawn")}))
    (gp,) = pair_volunteers(one, Scheme()).unpaired
    assert gp.reason == ("1 of 2 places unfilled: side imbalance: 2 places on the Primary care "
                         "side for 1 on the Secondary care side; their only eligible partner "
                         "is already paired with them")


@pytest.mark.parametrize("budget", [0, 2, 3])
def test_the_cost_of_pairing_is_worked_out_within_the_re_solve_budget(
        tmp_path: Path, budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two GPs and one consultant, all eligible (2 eligible pairs): one GP is unpaired.
    Her cost is worked out by a re-solve when the budget still holds the 2 pairs (exactly
    2 is enough); otherwise the reason says plainly why, without a re-solve."""
    from wessex_cli import pairing

    monkeypatch.setattr(pairing, "RESOLVE_ARCS", budget)
    roster = roster_of(tmp_path, PEOPLE[:3])
    (unpaired,) = pair_volunteers(roster, Scheme()).unpaired
    start = ("side imbalance: 2 places on the Primary care side for 1 on the Secondary care "
             "side; their 1 eligible "
             "partner already has as many partners as they can take; ")
    assert unpaired.reason.startswith(start)
    if budget < 2:
        assert unpaired.reason == start + ("pairing them would cost another volunteer on "
                                           "the Primary care side a partner, as the number "
                                           "of pairs cannot grow")
    else:
        assert unpaired.reason.startswith(start + "pairing them with Oliver Pemberton")


def test_the_re_solve_budget_is_spent_person_by_person(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three GPs and one consultant (3 eligible pairs), budget 3: the first unpaired GP's
    cost is worked out, which spends the budget; the second is told plainly."""
    from wessex_cli import pairing

    monkeypatch.setattr(pairing, "RESOLVE_ARCS", 3)
    three = [*PEOPLE[:3], ["Dr Priya Villiers", "priya.villiers@nhs.net", "GP",
                           "Kingsway Practice", ""]]
    reasons = [u.reason for u in pair_volunteers(roster_of(tmp_path, three), Scheme()).unpaired]
    assert len(reasons) == 2
    assert sum(r.endswith("as the number of pairs cannot grow") for r in reasons) == 1
    assert sum("; pairing them with Oliver Pemberton" in r for r in reasons) == 1


def test_a_lock_that_breaks_a_rule_is_an_error_that_names_the_rule(tmp_path: Path) -> None:
    """SPEC: "a lock that breaks a rule is an error that names the rule"."""
    roster = roster_of(tmp_path, PEOPLE)
    with pytest.raises(PairingError) as caught:
        pair_volunteers(roster, Scheme(), locks=["Dr Amelia Ashworth=Dr Isla Okonkwo"])
    assert caught.value.message == (
        "--lock 'Dr Amelia Ashworth=Dr Isla Okonkwo' locks Dr Amelia Ashworth with Dr Isla "
        "Okonkwo, but that pair breaks rule 1 (same side or not active).")
    assert caught.value.hint == "Remove the lock, or fix the workbook if it is wrong."
    assert caught.value.file == roster.path


def test_locks_beyond_someones_capacity_are_refused(tmp_path: Path) -> None:
    """Each person has at most `capacity` partners: a second lock on a one-place GP fails."""
    roster = roster_of(tmp_path, PEOPLE)
    with pytest.raises(PairingError) as caught:
        pair_volunteers(roster, Scheme(), locks=["Dr Amelia Ashworth=Oliver Pemberton",
                                                 "Dr Amelia Ashworth=Arjun Rasmussen"])
    assert caught.value.message == (
        "--lock 'Dr Amelia Ashworth=Arjun Rasmussen' gives Dr Amelia Ashworth more partners "
        "than their capacity (1).")
    assert caught.value.hint == "Raise their Capacity, or remove a lock."
    assert caught.value.file == roster.path


def test_a_lock_stated_twice_counts_once_and_later_locks_still_hold(tmp_path: Path) -> None:
    roster = roster_of(tmp_path, PEOPLE)
    result = pair_volunteers(roster, Scheme(), locks=[
        "Dr Amelia Ashworth=Oliver Pemberton", "amelia.ashworth@nhs.net=oliver.pemberton@nhs.net",
        "Dr Isla Okonkwo=Arjun Rasmussen"])
    assert sorted((p.a.name, p.b.name, p.how) for p in result.pairs) == [
        ("Dr Amelia Ashworth", "Oliver Pemberton", "locked"),
        ("Dr Isla Okonkwo", "Arjun Rasmussen", "locked")]


def test_a_kept_pair_is_never_made_a_second_time(tmp_path: Path) -> None:
    """The same two people are never paired twice, even with places to spare on both
    sides: a GP and a consultant with two places each, kept together, stay one pair."""
    roster = roster_with(tmp_path, people_with({0: ("2", ""), 1: ("", "Withdrawn"),
                                                 2: ("2", ""), 3: ("", "Withdrawn")}))
    kept = kept_pair("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net", "P001")
    result = pair_volunteers(roster, Scheme(), keep=[kept])
    assert [(p.a.name, p.b.name) for p in result.pairs] == \
        [("Dr Amelia Ashworth", "Oliver Pemberton")]


# ---------------------------------------------------------------- survivors of the third run
# The Partner column, the people kept apart after one left their pair, a kept pair's own
# columns, and several broken rules in one lock (benchmarks/MUTATION.md, pairing).


def roster_with_partner(folder: Path, people: list[list[str]], status: dict[int, str]
                        ) -> Roster:
    """PEOPLE with Partner and Status columns: Amelia names Oliver as her agreed partner."""
    path = folder / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "Partner", "Status"])
        for n, row in enumerate(people):
            partner = "Oliver Pemberton" if n == 0 else ""
            writer.writerow([*row[:5], partner, status.get(n, "")])
    roster = read_roster(path)
    assert roster.errors == [], roster.errors
    return roster


def test_a_partner_cell_is_a_lock_kept_as_agreed(tmp_path: Path) -> None:
    """SPEC: a partner already agreed is kept exactly as written."""
    result = pair_volunteers(roster_with_partner(tmp_path, PEOPLE, {}), Scheme())
    (amelia,) = [p for p in result.pairs if p.a.name == "Dr Amelia Ashworth"]
    assert (amelia.b.name, amelia.how) == ("Oliver Pemberton", "locked")
    assert result.released == []


def test_a_partner_who_withdrew_releases_the_lock_and_says_so(tmp_path: Path) -> None:
    """Oliver (row 4) withdrew: Amelia's Partner cell no longer binds her, and the note
    names the row, both people and what happened."""
    result = pair_volunteers(roster_with_partner(tmp_path, PEOPLE, {2: "withdrawn"}),
                             Scheme())
    # the Partner column is the sixth, F, after the five of COLUMNS
    assert result.released == ["Volunteers!F2 (Dr Amelia Ashworth's Partner cell) names "
                               "Oliver Pemberton, who has withdrawn; that lock is released."]
    assert "oliver.pemberton@nhs.net" not in {p.b.email for p in result.pairs}
    assert all(p.how != "locked" for p in result.pairs)


def test_two_people_kept_apart_are_never_paired_again(tmp_path: Path) -> None:
    """One of Amelia and Oliver left their pair (and stayed in the scheme): even as each
    other's agreed partner, and whatever the scores, they are not paired again."""
    roster = roster_with_partner(tmp_path, PEOPLE, {})
    apart = [("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net")]
    for seed in range(4):
        result = pair_volunteers(roster, Scheme(), seed=seed, apart=apart)
        pairs = {frozenset((p.a.email, p.b.email)) for p in result.pairs}
        assert frozenset(apart[0]) not in pairs
        assert len(result.pairs) == 2  # Amelia with Arjun, Isla with Oliver
    # Oliver is still in the scheme (paired with Isla): only the pair was ended
    assert result.released == ["Volunteers!F2 (Dr Amelia Ashworth's Partner cell) names "
                               "Oliver Pemberton, but their pair was ended (Withdrawn sheet); "
                               "that lock is released."]
    # and the other way round: an apart pair given consultant first is kept apart too
    back = pair_volunteers(roster_of(tmp_path, PEOPLE), Scheme(),
                           apart=[("oliver.pemberton@nhs.net", "amelia.ashworth@nhs.net")])
    assert frozenset(apart[0]) not in {frozenset((p.a.email, p.b.email)) for p in back.pairs}


def test_an_unpaired_reason_says_the_only_partner_left_their_pair(tmp_path: Path) -> None:
    """Amelia's only eligible partner is Oliver, and one of the two left their pair: the
    Unpaired reason says so, not that Oliver is "already paired with them" (he is not)."""
    roster = roster_of(tmp_path, [PEOPLE[0], PEOPLE[2]])
    result = pair_volunteers(roster, Scheme(),
                             apart=[("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net")])
    assert result.pairs == []
    reasons = {u.person.name: u.reason for u in result.unpaired}
    expected = ("their only eligible partner was in a pair with them that one of the two "
                "left, so they are not paired again")
    assert reasons == {"Dr Amelia Ashworth": expected, "Oliver Pemberton": expected}


def test_an_unpaired_reason_counts_partners_paired_and_kept_apart(tmp_path: Path) -> None:
    """Oliver can take two partners; Isla is paired with him, Amelia left her pair with him:
    his second place is unfilled, and the reason counts both."""
    roster = roster_of(tmp_path, [PEOPLE[0], PEOPLE[1], PEOPLE[2]])
    roster.volunteers[2] = dataclasses.replace(roster.volunteers[2], capacity=2)
    result = pair_volunteers(dataclasses.replace(roster, _index=None), Scheme(),
                             apart=[("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net")])
    assert [(p.a.name, p.b.name) for p in result.pairs] == [("Dr Isla Okonkwo",
                                                             "Oliver Pemberton")]
    reasons = {u.person.name: u.reason for u in result.unpaired}
    assert reasons["Oliver Pemberton"] == (
        "1 of 2 places unfilled: of their 2 eligible partners, 1 is already paired with "
        "them, and 1 was in a pair with them that one of the two left, so they are not paired "
        "again")


def test_a_lock_breaking_two_rules_names_both(tmp_path: Path) -> None:
    """A lock that breaks a rule is an error naming the rule: two rules, both named, in
    order, separated by "; "."""
    people = [["Dr Amelia Ashworth", "amelia.ashworth@nhs.net", "GP", "Harbourside Surgery",
               "", "Oliver Pemberton"],
              PEOPLE[1] + [""],
              ["Oliver Pemberton", "oliver.pemberton@nhs.net", "Consultant",
               "Harbourside Surgery", "Cardiology", ""],
              PEOPLE[3] + [""]]
    path = tmp_path / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "Avoid"])
        writer.writerows(people)
    roster = read_roster(path)
    with pytest.raises(PairingError) as caught:
        pair_volunteers(roster, Scheme(), locks=["Amelia Ashworth=Oliver Pemberton"])
    message = caught.value.message
    assert message.startswith("--lock 'Amelia Ashworth=Oliver Pemberton' locks Dr Amelia "
                              "Ashworth with Oliver Pemberton, but that pair breaks rule ")
    assert "(same organisation); rule " in message and "(named under avoid)" in message


def test_a_kept_pair_also_named_in_the_partner_column_is_one_pair(tmp_path: Path) -> None:
    """After a re-pairing the Partner cell still names the partner of a kept pair: the same
    two people are one pair (kept, with its ID), never a second, locked one."""
    roster = roster_with_partner(tmp_path, PEOPLE, {})
    kept = kept_pair("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net", "P001")
    result = pair_volunteers(roster, Scheme(), keep=[kept])
    mine = [(p.pair_id, p.how) for p in result.pairs if p.a.name == "Dr Amelia Ashworth"]
    assert mine == [("P001", "kept")]


def test_a_released_partner_cell_leaves_the_next_rows_partner_cell_binding(
        tmp_path: Path) -> None:
    """Amelia's partner (Oliver) withdrew, so her lock is released; Isla's Partner cell,
    further down, still binds her to Arjun."""
    path = tmp_path / "volunteers.csv"
    partners = {0: "Oliver Pemberton", 1: "Arjun Rasmussen"}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "Partner", "Status"])
        for n, row in enumerate(PEOPLE):
            writer.writerow([*row, partners.get(n, ""), "withdrawn" if n == 2 else ""])
    result = pair_volunteers(read_roster(path), Scheme())
    assert [(p.a.name, p.b.name, p.how) for p in result.pairs] == \
        [("Dr Isla Okonkwo", "Arjun Rasmussen", "locked")]
    assert len(result.released) == 1


def test_a_roster_with_errors_is_refused_with_their_count_and_the_first(tmp_path: Path) -> None:
    """The core refuses a roster with errors, saying how many and where the first is, so a
    script that skips 'check' is still stopped."""
    bad = [[*PEOPLE[0][:1], "amelia.ashworth@nhs", *PEOPLE[0][2:]], PEOPLE[1],
           [*PEOPLE[2][:1], "oliver@", *PEOPLE[2][2:]], PEOPLE[3]]
    path = tmp_path / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(bad)
    roster = read_roster(path)
    with pytest.raises(PairingError) as caught:
        pair_volunteers(roster, Scheme())
    assert caught.value.message.startswith(
        f"the volunteer workbook has 2 errors, the first at {roster.errors[0].cell}: ")
    one = read_roster(path)
    one = dataclasses.replace(one, problems=[one.errors[0]])
    with pytest.raises(PairingError) as caught:
        pair_volunteers(one, Scheme())
    assert caught.value.message.startswith("the volunteer workbook has 1 error, the first at ")


def test_people_kept_apart_who_are_not_both_in_the_list_are_no_trouble(tmp_path: Path) -> None:
    """A withdrawal recorded for someone since gone from the list changes nothing else."""
    result = pair_volunteers(roster_of(tmp_path, PEOPLE), Scheme(),
                             apart=[("amelia.ashworth@nhs.net", "gone@nhs.net"),
                                    ("gone@nhs.net", "oliver.pemberton@nhs.net")])
    assert len(result.pairs) == 2


def test_the_result_keeps_its_seed_and_a_bound_that_counts_fixed_pairs(tmp_path: Path) -> None:
    """The seed is recorded (the Settings sheet shows it, to run the pairing again), and
    the upper bound on the total score includes what locked pairs score: never below the
    score itself. Amelia's first choice is Oliver (SPEC: 6 for a 1st-choice person), so the
    locked pair scores 6."""
    people = [[*PEOPLE[0], "Oliver Pemberton"], *[[*p, ""] for p in PEOPLE[1:]]]
    path = tmp_path / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "Preference 1"])
        writer.writerows(people)
    result = pair_volunteers(read_roster(path), Scheme(), seed=41,
                             locks=["Amelia Ashworth=Oliver Pemberton"])
    assert result.seed == 41
    (locked,) = [p for p in result.pairs if p.how == "locked"]
    assert locked.score == 6
    assert result.upper_bound >= result.score >= 6


def test_a_kept_pair_that_cannot_stay_says_who_in_each_case(tmp_path: Path) -> None:
    """Both gone from the list; both no longer active (their Status, as typed); or, after a
    change of profession, both on the same side: each said with the people's names."""
    gone = pair_volunteers(roster_of(tmp_path, PEOPLE), Scheme(),
                           keep=[kept_pair("ann@nhs.net", "bo@nhs.net", "P009")])
    assert gone.dropped_why == {"P009": "ann@nhs.net and bo@nhs.net are no longer in the "
                                        "volunteer workbook"}
    both = roster_with(tmp_path, people_with({0: ("", "Withdrawn"), 2: ("", "Withdrawn")}))
    idle = pair_volunteers(both, Scheme(), keep=[
        kept_pair("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net", "P001")])
    assert idle.dropped_why == {"P001": "Dr Amelia Ashworth and Oliver Pemberton are no "
                                        "longer active (Withdrawn; Withdrawn)"}
    one = roster_with(tmp_path, people_with({2: ("", "Withdrawn")}))
    alone = pair_volunteers(one, Scheme(), keep=[
        kept_pair("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net", "P001")])
    assert alone.dropped_why == {"P001": "Oliver Pemberton is no longer active (Withdrawn)"}
    same = pair_volunteers(roster_of(tmp_path, PEOPLE), Scheme(), keep=[
        kept_pair("amelia.ashworth@nhs.net", "isla.okonkwo@nhs.net", "P002")])
    assert same.dropped_why == {"P002": "Dr Amelia Ashworth and Dr Isla Okonkwo are now both "
                                        "on the Primary care side: see Dr Amelia Ashworth's "
                                        "Profession cell (volunteers!C2) and Dr Isla "
                                        "Okonkwo's Profession cell (volunteers!C3)"}


def test_the_upper_bound_is_half_of_everyone_at_their_best_in_whole_numbers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No pairing scores more than half the sum, over every person, of their best eligible
    partner's score times their places. Worked by hand for three GPs and two consultants,
    read in blocks of one row so that every block boundary is crossed."""
    import numpy as np

    from wessex_cli import pairing, solver

    scores = np.array([[6, 3], [2, 0], [5, 9]], dtype=np.int16)
    eligible = np.array([[True, True], [True, False], [False, True]])
    cap_left = np.array([1, 1, 2], dtype=np.int64)
    cap_right = np.array([1, 3], dtype=np.int64)
    # rows' best (eligible only): 6, 2, 9 -> 6 + 2 + 18 = 26; columns': 6, 9 -> 6 + 27 = 33
    for cells in (1, 2, 3, 1 << 20):
        monkeypatch.setattr(solver, "BLOCK_CELLS", cells)
        bound = pairing._upper_bound(scores, eligible, cap_left, cap_right)
        assert bound == (26 + 33) // 2 and isinstance(bound, int)
    empty = np.zeros((0, 2), dtype=np.int16)
    assert pairing._upper_bound(empty, empty.astype(bool), np.zeros(0, np.int64),
                                cap_right) == 0
