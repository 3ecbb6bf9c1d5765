"""'visit' writing "yes" in a done or reflection cell where the administrator had typed
words of their own ("cancelled - rearranging", "emailed 3/6"), which status warned were
not yes or no: the message says what the cell held and which cell, as it does for a date
cell's text, so that the note is not lost unseen (it was replaced without a word; the
backup still had it)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from .conftest import Runner
from .test_record import columns, paired, row_of

__all__ = ["paired"]  # the fixture, used by name


def _type(paired: Path, email: str, title: str, text: str) -> str:
    """Type ``text`` in the cell of column ``title`` (its side's: 'A hosts B' for person
    A) of ``email``'s pair; the cell's reference."""
    row, side = row_of(paired, email)
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    column = columns(sheet)[title.format(side=side, other=other)]
    cell = f"{get_column_letter(column)}{row}"
    sheet[cell] = text
    book.save(paired)
    return cell


def test_a_done_cell_typed_in_is_said_when_visit_writes_yes_over_it(run: Runner,
                                                                    paired: Path) -> None:
    cell = _type(paired, "gp0@example.org", "{side} hosts {other}: done",
                 "cancelled - rearranging")
    said = " ".join(run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "12/5/2027")
                    .output.split())
    assert f"replacing 'cancelled - rearranging' in {cell}" in said
    assert openpyxl.load_workbook(paired)["Pairs"][cell].value == "yes"


def test_a_reflection_cell_typed_in_is_said_when_visit_writes_yes_over_it(run: Runner,
                                                                         paired: Path) -> None:
    cell = _type(paired, "gp1@example.org", "Reflection from {side}", "emailed 3/6")
    said = " ".join(run("visit", "pairs.xlsx", "gp1@example.org", "--reflection")
                    .output.split())
    assert f"reflection received, replacing 'emailed 3/6' in {cell}" in said


def test_yes_no_and_blank_need_no_word(run: Runner, paired: Path) -> None:
    cell = _type(paired, "gp2@example.org", "{side} hosts {other}: done", "no")
    said = run("visit", "pairs.xlsx", "gp2@example.org", "--hosted", "12/5/2027").output
    assert "replacing" not in said and cell not in said
