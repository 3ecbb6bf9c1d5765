"""A pair agreed in advance (Dr Oliver Pemberton's Partner cell names Dr Dara Arkwright: P017)
is written 'kept' by the first 'pair --keep', its Reasons beginning "locked as agreed", which
is all that tells its letters the two agreed. The Reasons cell emptied by hand (tidying the
sheet), the next 'pair --keep' worked them out afresh without those words, though the Partner
cell still names the two: every letter then asked them whom they would like, or said the
pairing chose them, and nothing said the agreement had gone."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _p017(path: Path) -> tuple[openpyxl.Workbook, int, list[object]]:
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "P017")
    return book, row, [cell.value for cell in sheet[1]]


def test_a_kept_agreed_pair_whose_reasons_were_emptied_stays_agreed(run: Runner,
                                                                    paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    book, row, header = _p017(paired)
    sheet = book["Pairs"]
    assert sheet.cell(row, header.index("B name") + 1).value == "Dr Dara Arkwright"
    assert sheet.cell(row, header.index("How paired") + 1).value == "kept"
    reasons = sheet.cell(row, header.index("Reasons") + 1)
    assert str(reasons.value).startswith("locked as agreed")
    reasons.value = None
    book.save(paired)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    book, row, header = _p017(paired)
    assert str(book["Pairs"].cell(row, header.index("Reasons") + 1).value).startswith(
        "locked as agreed; ")
    # the first 'pair --keep' recorded the two as agreed (tests/test_agreed_recorded.py)
    assert f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{reasons.coordinate}" \
        "), as the Settings sheet records its two as agreed in advance, which its letters " \
        "say." in said
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters", "--format",
        "md")
    letter = paired.parent / "letters" / "partner-introduction" / "oliver-pemberton.md"
    assert "agreed in advance" in letter.read_text(encoding="utf-8")


def test_emptied_reasons_of_a_kept_pair_no_lock_names_are_not_made_agreed(
        run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet["A2"].value == "P001"  # chosen by the pairing, no Partner cell
    sheet.cell(2, header.index("Reasons") + 1).value = None
    book.save(paired)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "now begin 'locked as agreed'" not in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert not str(sheet.cell(2, header.index("Reasons") + 1).value).startswith("locked")
