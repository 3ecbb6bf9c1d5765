"""``pair --keep`` names the cells it changed in kept pairs' rows in the sheet's order, top
row first, as the administrator reads down the sheet. The rows are gone through from the
bottom up, and only the Pair cells typed 'P7' were named the other way round again: a pair
given a new ID and a cell copied or filled again were named bottom row first, and the Scores
and Reasons worked out again column by column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from .conftest import Runner, write_book
from .test_record import columns, paired, people

__all__ = ["paired"]  # the fixture, used by name


def _keep(run: Runner) -> str:
    return " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())


def test_pairs_given_a_new_id_are_named_top_row_first(run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    for row in (2, 4):
        sheet.cell(row, columns(sheet)["Pair"]).value = None
    book.save(paired)
    said = _keep(run)
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    top, bottom = sheet["A2"].value, sheet["A4"].value  # new IDs, which one whose is not asked
    assert f"so it was given a new one there: Pairs!A2 ({top}), A4 ({bottom}). If" in said


def test_cells_copied_and_filled_again_are_named_top_row_first(run: Runner,
                                                               paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    for row in (2, 4):
        sheet.cell(row, col["A notes"]).value = "typed here"  # blank in the volunteer workbook
        sheet.cell(row, col["B name"]).value = None  # filled in the volunteer workbook
    book.save(paired)
    said = _keep(run)
    notes, name = get_column_letter(col["A notes"]), get_column_letter(col["B name"])
    assert ("Copied again from the volunteer workbook, over different text: "
            f"Pairs!{notes}2 (A notes), {notes}4 (A notes).") in said
    assert ("Filled again from the volunteer workbook, where they were empty: "
            f"Pairs!{name}2 (B name), {name}4 (B name).") in said


def test_scores_worked_out_again_are_named_row_by_row(run: Runner, paired: Path,
                                                      tmp_path: Path) -> None:
    """Person A of the pairs in rows 2 and 4 now names their partner as first choice: each
    row's Score and Reasons, the top row's two cells first (they were named column by
    column: both Scores, then both Reasons)."""
    _keep(run)  # How paired says "kept" from now on, and is not named again
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    col = columns(sheet)
    choice = {sheet.cell(row, col["A email"]).value: sheet.cell(row, col["B name"]).value
              for row in (2, 4)}
    write_book(tmp_path / "v.xlsx", [dict(p, **{"Preference 1": choice[p["Email"]]})
                                     if p["Email"] in choice else p for p in people()])
    said = _keep(run)
    score, reasons = get_column_letter(col["Score"]), get_column_letter(col["Reasons"])
    assert ("Worked out again from the volunteer workbook for kept pairs, whose preferences "
            f"or details changed there: Pairs!{score}2 (Score), {reasons}2 (Reasons), "
            f"{score}4 (Score), {reasons}4 (Reasons).") in said
