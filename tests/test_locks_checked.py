"""``wessex check`` names the Partner cells that ``wessex pair`` would refuse.

SPEC: check lists every problem with its cell, and a lock that breaks a rule is an error
naming the rule. A lock with an Avoid entry, a lock inside one organisation, or one person
locked to two partners with a capacity of one: check said "No problems found" and pair
then refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner, person, write_book


def _check(run: Runner, tmp_path: Path, people: list[dict[str, object]]) -> dict[str, str]:
    write_book(tmp_path / "v.xlsx", people)  # type: ignore[arg-type]
    data = json.loads(run("check", "v.xlsx", "--json", code=1).stdout)
    return {p["cell"]: p["message"] for p in data["problems"] if p["severity"] == "error"}


def test_a_lock_with_an_avoid_entry_is_an_error_at_the_partner_cell(
        run: Runner, tmp_path: Path) -> None:
    errors = _check(run, tmp_path, [
        person("Dr Eve Eyre", "eve@example.org", "GP", Organisation="Elm Surgery",
               Partner="Dr Fay Finch", Avoid="fay@example.org"),
        person("Dr Fay Finch", "fay@example.org", "Consultant", Organisation="Hospital")])
    assert errors == {"Volunteers!O2": "the locked partner Dr Fay Finch may not be paired with "
                      "Dr Eve Eyre: that pair breaks rule 4 (named under avoid). Remove the "
                      "lock, or correct the cell that excludes them if it is wrong."}
    run("pair", "v.xlsx", code=1)  # as pair refuses it


def test_a_lock_inside_one_organisation_is_an_error(run: Runner, tmp_path: Path) -> None:
    errors = _check(run, tmp_path, [
        person("Dr Ann Ash", "ann@example.org", "GP", Organisation="Hospital - A",
               Partner="Dr Col Cole"),
        person("Dr Col Cole", "col@example.org", "Consultant", Organisation="Hospital - A")])
    assert list(errors) == ["Volunteers!O2"]
    assert "rule 2 (same organisation)" in errors["Volunteers!O2"]


def test_two_locks_on_one_person_of_capacity_one_are_named(run: Runner,
                                                            tmp_path: Path) -> None:
    errors = _check(run, tmp_path, [
        person("Dr Ann Ash", "ann@example.org", "GP", Organisation="Surgery A",
               Partner="Dr Col Cole"),
        person("Dr Bea Birch", "bea@example.org", "GP", Organisation="Surgery B"),
        person("Dr Col Cole", "col@example.org", "Consultant", Organisation="Hospital",
               Partner="Dr Bea Birch")])
    assert set(errors) == {"Volunteers!O2", "Volunteers!O4"}
    assert all(m.startswith("Dr Col Cole is the locked partner in 2 Partner cells, more than "
                            "their capacity (1).") for m in errors.values())


def test_one_lock_written_in_both_rows_is_no_problem(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ann Ash", "ann@example.org", "GP", Organisation="Surgery A",
               Partner="col@example.org"),
        person("Dr Col Cole", "col@example.org", "Consultant", Organisation="Hospital",
               Partner="Dr Ann Ash")])
    run("check", "v.xlsx")
    run("pair", "v.xlsx")


def test_a_row_whose_avoid_names_nobody_counts_with_errors_as_skip_errors_leaves_it_out(
        run: Runner, tmp_path: Path) -> None:
    # The error is found against the other rows (after the row was read): check counted the
    # row as fine, and 'rows_with_errors' left it out, while 'pair --skip-errors' left the
    # person out of the pairing.
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ann Ash", "ann@example.org", "GP", Organisation="Surgery A", Avoid="Karen"),
        person("Dr Bea Birch", "bea@example.org", "GP", Organisation="Surgery B",
               Capacity="two"),
        person("Dr Col Cole", "col@example.org", "Consultant", Organisation="Hospital")])
    data = json.loads(run("check", "v.xlsx", "--json", code=1).stdout)
    assert [r["row"] for r in data["rows_with_errors"]] == [2, 3]
    assert data["sides"]["primary"]["with_errors"] == 2
    pairing = json.loads(run("pair", "v.xlsx", "--skip-errors", "--dry-run", "--json").stdout)
    assert sorted(p["row"] for p in pairing["left_out"]) == [2, 3]


def _ann_locked_to_col(**ann: object) -> list[dict[str, object]]:
    """Two GPs and two consultants, Ann's Partner cell naming Col (her row given ``ann``)."""
    return [
        person("Dr Ann Ash", "ann@example.org", "GP", Organisation="Surgery A",
               Partner="Dr Col Cole", **ann),
        person("Dr Bea Birch", "bea@example.org", "GP", Organisation="Surgery B"),
        person("Dr Col Cole", "col@example.org", "Consultant", Organisation="Hospital"),
        person("Dr Dee Dale", "dee@example.org", "Consultant", Organisation="Hospital")]


def test_a_kept_locked_pair_that_now_breaks_a_rule_is_kept_with_a_warning(
        run: Runner, tmp_path: Path) -> None:
    # A pair first made by a Partner lock, under way in the pairs workbook; an Avoid entry
    # typed since. 'pair --keep' keeps any other pair that now breaks a rule, with a warning
    # naming it, but the lock's error (right for a fresh pairing) refused the whole re-pairing
    # mid-scheme, so nobody new could be paired until the Partner cell was emptied.
    people = _ann_locked_to_col()
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")
    people[0]["Avoid"] = "col@example.org"
    people.append(person("Dr Eli Eden", "eli@example.org", "GP", Organisation="Surgery C"))
    people.append(person("Dr Fox Finn", "fox@example.org", "Consultant", Organisation="Hosp B"))
    write_book(tmp_path / "v.xlsx", people)
    run("check", "v.xlsx", code=1)  # a fresh pairing would refuse the lock: an error still
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "(Dr Ann Ash and Dr Col Cole) is kept as it stands, but it breaks rule 4" in said
    assert "1 new" in said
    # a lock not yet a pair is refused as before
    people[4]["Partner"] = "Dr Col Cole"
    write_book(tmp_path / "v.xlsx", people)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", code=1).output.split())
    assert "Dr Col Cole is the locked partner in 2 Partner cells" in said


def _email_in_row_of(path: Path, partner: str, email: str) -> None:
    """Type ``email`` as person A's address in the Pairs row whose B is ``partner``."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    titles = [cell.value for cell in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, titles.index("B email") + 1).value == partner:
            sheet.cell(row, titles.index("A email") + 1).value = email
    book.save(path)


def test_a_kept_locked_pair_under_a_corrected_address_is_kept_with_a_warning(
        run: Runner, tmp_path: Path) -> None:
    # Ann's address corrected in the volunteer workbook (she is found by her name, as
    # pairing finds her), and an Avoid typed since against her locked partner: kept
    people = _ann_locked_to_col()
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")
    _email_in_row_of(tmp_path / "pairs.xlsx", "col@example.org", "ann.old@example.org")
    people[0]["Avoid"] = "col@example.org"
    write_book(tmp_path / "v.xlsx", people)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "taken to be the same person by name" in said
    assert "(Dr Ann Ash and Dr Col Cole) is kept as it stands, but it breaks rule 4" in said


def test_a_locked_pair_pairing_cannot_keep_leaves_its_lock_refused_at_the_cell(
        run: Runner, tmp_path: Path) -> None:
    # Ann (Capacity 2) in two pairs, her address corrected in one row only: the one volunteer
    # of her name has the address the other kept pair uses, so pairing does not take the old
    # address to be hers and cannot keep that pair. Its lock, which breaks a rule (an Avoid
    # typed since), is then no kept pair: refused at its cell as check says, as in a fresh
    # pairing; a rule of its own took the old address to be Ann's and let the error go
    people = [*_ann_locked_to_col(Capacity=2),
              person("Dr Eve Eld", "eve@example.org", "Consultant", Organisation="Hospital")]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")
    _email_in_row_of(tmp_path / "pairs.xlsx", "col@example.org", "ann.old@example.org")
    people[0]["Avoid"] = "col@example.org"
    write_book(tmp_path / "v.xlsx", people)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", code=1).output.split())
    assert "the volunteer workbook has 1 error, the first at Volunteers!O2: the locked " \
        "partner Dr Col Cole may not be paired with Dr Ann Ash: that pair breaks rule 4" in said
