"""A pair agreed in advance (Dr Oliver Pemberton's Partner cell, P5 of the example's
volunteer workbook, names Dr Dara Arkwright: P017) is written 'locked', then 'kept' by each
'pair --keep', and its letters say that the two agreed. Once kept, only its Reasons ("locked
as agreed; ...") said so: emptied by hand while tidying the sheet, the partner introduction
rendered next told the two that the pairing had chosen them from everyone's preferences.
The Settings sheet now records the pairs agreed in advance, as it records each How paired
value, and the letters and 'pair --keep' read it."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

TITLE = "Pairs agreed in advance (their letters say so)"


def _settings(path: Path) -> dict[str, str]:
    sheet = openpyxl.load_workbook(path)["Settings"]
    return {str(row[0]): str(row[1]) for row in sheet.iter_rows(values_only=True) if row[0]}


def _type_in(path: Path, pair_id: str, title: str, value: str | None) -> str:
    """Type ``value`` in the ``title`` cell of ``pair_id``'s row; its address."""
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == pair_id)
    cell = sheet.cell(row, header.index(title) + 1)
    cell.value = value
    book.save(path)
    return str(cell.coordinate)


def _empty_reasons(path: Path, pair_id: str) -> str:
    """Empty the Reasons cell of ``pair_id``'s row; its address."""
    return _type_in(path, pair_id, "Reasons", None)


def _introduction(run: Runner, folder: Path, slug: str) -> str:
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters", "--format",
        "md", "--force")
    return " ".join((folder / "letters" / "partner-introduction" / f"{slug}.md")
                    .read_text(encoding="utf-8").split())


def test_the_settings_sheet_lists_the_pair_agreed_in_advance_alone(paired: Path) -> None:
    # P017 is the example's one pair a Partner cell names; P001 the pairing chose
    assert _settings(paired)[TITLE] == "P017"


def test_letters_of_a_kept_agreed_pair_whose_reasons_were_emptied_say_it_was_agreed(
        run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _settings(paired)[TITLE] == "P017"  # 'kept' now, recorded as agreed all the same
    _empty_reasons(paired, "P017")
    letter = _introduction(run, paired.parent, "oliver-pemberton")
    assert "As agreed in advance, your exchange partner is: - **Dr Dara Arkwright**" in letter
    assert "everyone's preferences" not in letter
    # a pair the pairing chose, its Reasons emptied too, is not made agreed
    _empty_reasons(paired, "P001")
    chosen = openpyxl.load_workbook(paired)["Pairs"]["B2"].value
    assert chosen == "Dr Amelia Ashworth"
    assert "everyone's preferences" in _introduction(run, paired.parent, "amelia-ashworth")


def test_pair_keep_begins_the_reasons_again_from_the_record_when_no_partner_cell_names_them(
        run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    volunteers = paired.parent / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    assert book["Volunteers"]["P5"].value == "Dr Dara Arkwright"
    book["Volunteers"]["P5"].value = None  # the agreement is history: the pair is made
    book.save(volunteers)
    cell = _empty_reasons(paired, "P017")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{cell}), as the " \
        "Settings sheet records its two as agreed in advance, which its letters say." in said
    assert "Partner column" not in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert str(sheet[cell].value).startswith("locked as agreed; ")
    assert _settings(paired)[TITLE] == "P017"


def _keep_with_an_error_in_pembertons_row(run: Runner, paired: Path) -> None:
    """Dr Oliver Pemberton's row given an error (a Days cell naming no day), then
    'pair --keep --skip-errors': his pair, P017, is held as it stands."""
    volunteers = paired.parent / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    assert book["Volunteers"]["A5"].value == "Dr Oliver Pemberton"
    book["Volunteers"]["I5"].value = "Tuesday lunchtime"  # no days: an error in his row
    book.save(volunteers)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
                    .output.split())
    assert "Pair P017 is kept as it stands" in said


def test_a_held_agreed_pair_stays_recorded(run: Runner, paired: Path) -> None:
    _keep_with_an_error_in_pembertons_row(run, paired)
    assert _settings(paired)[TITLE] == "P017"


def test_locked_typed_over_a_kept_agreed_pair_is_no_copy(run: Runner, paired: Path) -> None:
    """'locked' over a pair the record lists as agreed says what the record says: no
    warning that the cell was copied from another row, as there was of a 'kept' pair."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    _empty_reasons(paired, "P017")
    how = _type_in(paired, "P017", "How paired", "locked")
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"Pairs!{how} says 'locked'" not in status
    assert "As agreed in advance" in _introduction(run, paired.parent, "oliver-pemberton")


def test_the_way_back_from_a_locked_pair_begun_again_holds(run: Runner, paired: Path) -> None:
    """P017 written 'locked', its Reasons emptied: 'pair --keep' begins them again and says
    how to undo it if the cell was typed by mistake. That advice named the Reasons cell
    alone, which the Settings sheet's list then began again at the next run."""
    volunteers = paired.parent / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    book["Volunteers"]["P5"].value = None  # no Partner cell names the two
    book.save(volunteers)
    cell = _empty_reasons(paired, "P017")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"(Pairs!{cell}), as its How paired cell said 'locked'" in said
    assert "If they did not (the cell typed or filled down by mistake), take 'locked as " \
        "agreed' out of the start of that Reasons cell, and its pair ID out of the Settings " \
        "sheet's row 'Pairs agreed in advance'." in said
    # followed, both of it: the next run keeps the two as not agreed
    reasons = openpyxl.load_workbook(paired)["Pairs"][cell].value
    _type_in(paired, "P017", "Reasons", str(reasons).removeprefix("locked as agreed; "))
    settings = openpyxl.load_workbook(paired)
    row = next(r for r in settings["Settings"].iter_rows() if r[0].value == TITLE)
    assert row[1].value == "P017"
    settings["Settings"].delete_rows(row[0].row)
    settings.save(paired)
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert not str(openpyxl.load_workbook(paired)["Pairs"][cell].value).startswith("locked")
    assert "everyone's preferences" in _introduction(run, paired.parent, "oliver-pemberton")


def test_a_held_pair_agreed_by_the_record_alone_stays_recorded(run: Runner,
                                                                 paired: Path) -> None:
    """Held as it stands (an error in Oliver Pemberton's row), P017 'kept' with its Reasons
    emptied is agreed by the Settings sheet's list alone: the run lists it again."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    _empty_reasons(paired, "P017")
    _keep_with_an_error_in_pembertons_row(run, paired)
    assert _settings(paired)[TITLE] == "P017"
    assert "As agreed in advance" in _introduction(run, paired.parent, "oliver-pemberton")
