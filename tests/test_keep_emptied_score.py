"""A kept pair's Score and Reasons cells emptied by hand (tidying the sheet, or a pair's row
typed in again without them): 'pair --keep' fills them again, and said it had worked them out
again for pairs 'whose preferences or details changed' in the volunteer workbook, where
nothing had changed. It says they were empty."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_score_and_reasons_emptied_by_hand_are_said_to_have_been_empty(
        run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet["A2"].value == "P001"
    score = sheet.cell(2, header.index("Score") + 1)
    reasons = sheet.cell(2, header.index("Reasons") + 1)
    assert (score.coordinate, reasons.coordinate) == ("R2", "S2")
    score.value = reasons.value = None
    book.save(paired)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Worked out again from the volunteer workbook, where they were empty: Pairs!R2 " \
        "(Score), S2 (Reasons)." in said
    assert "details changed there" not in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["R2"].value == 3  # Harbourside Surgery, Prof Chidi Zielinski's 1st choice
    assert str(sheet["S2"].value).startswith("Harbourside Surgery was Prof Chidi Zielinski's")
