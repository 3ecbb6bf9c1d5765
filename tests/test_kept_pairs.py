"""``pair --keep`` and what the volunteer workbook changed since the pairing.

SPEC: with --keep the pairs already made, and their tracking data, stay as they are; pairs
never break an exclusion without a word; nothing the administrator typed is lost or moved to
the wrong pair. Two things an administrator does between pairings: correct someone's
e-mail address, and add an Avoid entry they have just learnt of.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from .conftest import HEADERS, Runner, person, small_roster, write_book


def _pairs_rows(path: Path) -> dict[str, dict[str, object]]:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    rows = list(sheet.iter_rows(values_only=True))
    return {str(r[0]): dict(zip(rows[0], r, strict=False)) for r in rows[1:] if r[0]}


def test_a_corrected_email_keeps_the_pair_and_its_visits(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    (pair_id, row), = [(k, r) for k, r in _pairs_rows(tmp_path / "pairs.xlsx").items()
                       if r["B email"] == "oliver@example.org"]
    run("visit", "pairs.xlsx", "Oliver Pemberton", "--hosted", "10/5/2027")
    people = small_roster()
    people[2]["Email"] = "oliver.pemberton@example.org"  # the address corrected
    write_book(tmp_path / "v.xlsx", people)
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    text = " ".join(result.output.split())
    assert "taken to be the same person by name" in text
    rows = _pairs_rows(tmp_path / "pairs.xlsx")
    assert set(rows) == {"P001", "P002"}  # no new pair of the same two people
    kept = rows[pair_id]
    assert (kept["A name"], kept["B email"]) == (row["A name"], "oliver.pemberton@example.org")
    assert kept["B hosts A: date"] is not None  # the visit stays with the pair
    assert "Withdrawn" not in openpyxl.load_workbook(tmp_path / "pairs.xlsx").sheetnames or \
        openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Withdrawn"].max_row <= 1


def test_two_people_of_that_name_are_not_guessed_between(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    people = small_roster()
    people[2]["Email"] = "oliver.pemberton@example.org"
    people.append(person("Oliver Pemberton", "o.pemberton@example.org", "Consultant",
                         Organisation="General Hospital - Renal"))
    write_book(tmp_path / "v.xlsx", people)
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "taken to be the same person" not in result.output


def test_a_kept_pair_that_now_breaks_avoid_is_warned_about(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    rows = _pairs_rows(tmp_path / "pairs.xlsx")
    (a, b), = [(r["A name"], r["B name"]) for r in rows.values()
               if r["B email"] == "oliver@example.org"]
    people = small_roster()
    people[2]["Avoid"] = a  # learnt after the pairing: Oliver must not be paired with a
    write_book(tmp_path / "v.xlsx", people)
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    text = " ".join(result.output.split())
    assert f"({a} and {b}) is kept as it stands, but it breaks rule 4 (named under avoid)" \
        in text
    assert f"'wessex withdraw pairs.xlsx \"{a}\" --partner \"{b}\"'" in text
    # --json: the warning goes to stderr, the JSON stays one object
    said = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run", "--json")
    data = json.loads(said.stdout)
    assert len(data["pairs"]) == 2
    assert "Warning: pair" in said.stderr and "Note: Warning" not in said.stderr
    # and, for scripts, under "warnings", told by its kind rather than by its first word
    assert data["warnings"] == [
        f"pair P001 ({a} and {b}) is kept as it stands, but it breaks rule 4 (named under "
        f"avoid). If they must not be paired, run 'wessex withdraw pairs.xlsx \"{a}\" --partner "
        f"\"{b}\"', then pair again with --keep; if the volunteer workbook is wrong, correct it."]


def test_kept_pairs_that_break_nothing_give_no_warning(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "breaks rule" not in result.output
    data = json.loads(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run", "--json").stdout)
    assert data["warnings"] == []
    assert "warnings" not in json.loads(run("pair", "v.xlsx", "--dry-run", "--json").stdout)


def test_visit_by_a_name_two_people_share_asks_for_the_address(run: Runner,
                                                                tmp_path: Path) -> None:
    # Two volunteers called Sam Lee, paired with each other: 'visit "Sam Lee"' said "'Sam
    # Lee' has more than one pair" and listed row 2 twice, and --partner "Sam Lee" could not
    # settle it. It is two people: the address says which.
    write_book(tmp_path / "v.xlsx", [
        person("Dr Sam Lee", "sam.gp@example.org", "GP", Organisation="Surgery A"),
        person("Dr Sam Lee", "sam.cons@example.org", "Consultant", Organisation="Hospital")])
    run("pair", "v.xlsx")
    result = run("visit", "pairs.xlsx", "Sam Lee", "--hosted", "4/5/2027", code=1)
    text = " ".join(result.output.split())
    assert "'Sam Lee' names 2 people in the Pairs sheet: Dr Sam Lee <sam.gp@example.org> " \
           "(row 2); Dr Sam Lee <sam.cons@example.org> (row 2). Give the e-mail address of " \
           "the one you mean in place of the name." in text
    run("visit", "pairs.xlsx", "sam.gp@example.org", "--hosted", "4/5/2027")


def test_a_pair_typed_in_with_someone_already_paired_is_warned_about(run: Runner,
                                                                    tmp_path: Path) -> None:
    # The administrator copies a row to type in a pair for a new GP, and keeps its consultant,
    # who takes one partner and has one already: pair --keep kept both pairs without a word.
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    people = [*small_roster(), person("Dr Mei Corrigan", "mei@example.org", "GP",
                                      Organisation="Westcliff Surgery")]
    write_book(tmp_path / "v.xlsx", people)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    for column in range(1, sheet.max_column + 1):
        sheet.cell(4, column).value = sheet.cell(2, column).value
    header = [cell.value for cell in sheet[1]]
    sheet.cell(4, header.index("A name") + 1).value = "Dr Mei Corrigan"
    sheet.cell(4, header.index("A email") + 1).value = "mei@example.org"
    sheet.cell(4, 1).value = None
    first_a, consultant = sheet.cell(2, 2).value, sheet.cell(2, header.index("B name") + 1).value
    book.save(tmp_path / "pairs.xlsx")
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    text = " ".join(result.output.split())
    # the cell to raise named, as status names it: their row of v.xlsx, its Capacity column
    cell = f"Volunteers!{chr(ord('A') + HEADERS.index('Capacity'))}" \
        f"{2 + [p['Name'] for p in people].index(consultant)}"
    assert f"Warning: {consultant} is kept in 2 pairs, with {first_a} (P001) and Dr Mei " \
           "Corrigan (P003), but v.xlsx lets them take 1 partner. To keep " \
           f"both, make their Capacity cell ({cell}) 2; if not, run " \
           f"'wessex withdraw pairs.xlsx \"{consultant}\" --partner NAME' for the pair to " \
           "end, then pair again with --keep." in text
