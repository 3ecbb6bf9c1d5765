"""Several rows of the Pairs sheet deleted in one pass (``sheet_rows.delete_rows``): the
result is the one of deleting them one at a time from the bottom up, as ``withdraw`` and
``pair --keep`` did, each deletion moving every row and formula below it again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table

from wessex_cli import sheet_rows
from wessex_cli.workbook_edit import Workbook

from .conftest import Runner, write_book
from .test_record import TODAY, columns, paired, paired_twice, people, with_cached_formula

__all__ = ["paired"]  # the fixture, used by name

ROW = st.integers(2, 9)  # the rows under the header, which is row 1


def _rows(first: int, last: int, fixed: tuple[bool, bool]) -> str:
    return f"{'$' * fixed[0]}{first}:{'$' * fixed[1]}{last}"


def _cells(first: int, last: int, fixed: tuple[bool, bool]) -> str:
    return f"C{'$' * fixed[0]}{first}:C{'$' * fixed[1]}{last}"


FIXED = st.tuples(st.booleans(), st.booleans())
# a cell, a range of cells or of whole rows, its rows fixed with "$" or not; a range may be
# written bottom row first, which Excel never writes but a formula can hold
REFERENCE = st.one_of(
    st.builds(lambda row, fixed: f"C{'$' * fixed}{row}", ROW, st.booleans()),
    st.builds(_cells, ROW, ROW, FIXED),
    st.builds(_rows, ROW, ROW, FIXED))
FORMULA = st.lists(REFERENCE, min_size=1, max_size=3).map(
    lambda refs: "+".join(f"SUM({ref})" for ref in refs))
SPAN = st.tuples(ROW, ROW).map(sorted)  # first and last rows of a range, in order


@dataclass(frozen=True)
class Sheets:
    """What a drawn workbook holds that points at the rows of its Pairs sheet."""

    formulas: dict[int, str]  # row -> a formula in column B (without "=")
    others: list[str]  # formulas of the Board sheet, referring to Pairs
    merged: list[tuple[int, int]]  # merges in columns E and F
    rule: tuple[list[tuple[int, int]], str]  # a colour rule's ranges (column G), formula
    offered: tuple[tuple[int, int], str]  # a drop-down's range (column H), formula
    name: str  # a defined name's reference
    table: int  # the last row of a table from row 1
    array: tuple[int, str]  # an array formula's row (column N), formula
    gone: set[int]  # the rows deleted


SHEETS = st.builds(
    Sheets, st.dictionaries(ROW, FORMULA, max_size=6), st.lists(FORMULA, max_size=3),
    st.lists(SPAN.filter(lambda span: span[0] < span[1]), max_size=2),
    st.tuples(st.lists(SPAN, min_size=1, max_size=2), FORMULA), st.tuples(SPAN, REFERENCE),
    REFERENCE, ROW, st.tuples(ROW, FORMULA), st.sets(ROW, min_size=1, max_size=5))


def _built(drawn: Sheets) -> tuple[Workbook, Any]:
    """A workbook holding what ``drawn`` says, and its Pairs sheet: column A names each
    row, and every formula has a value Excel showed for it (its row, ten times over)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Pairs"
    board = book.create_sheet("Board")
    opened = Workbook(book, Path("pairs.xlsx"))
    sheet["A1"], sheet["K1"], sheet["L1"] = "Pair", "Seen", "By"
    for row in range(2, 10):
        sheet[f"A{row}"], sheet[f"C{row}"] = f"row {row}", row
        sheet.row_dimensions[row].height = 10 + row
    for row, formula in drawn.formulas.items():
        sheet[f"B{row}"] = f"={formula}"
    for row, formula in enumerate(drawn.others, start=1):
        board[f"A{row}"] = "=" + formula.replace("SUM(", "SUM(Pairs!")
    for cell in [*sheet["B"], *board["A"]]:
        if cell.data_type == "f":
            opened.cached[id(cell)] = (cell, cell.value, cell.row * 10)
    for column, (first, last) in zip("EF", drawn.merged, strict=False):
        sheet.merge_cells(f"{column}{first}:{column}{last}")
    spans, formula = drawn.rule
    sqref = " ".join(f"G{first}:G{last}" for first, last in spans)
    sheet.conditional_formatting.add(sqref, FormulaRule(formula=[f"{formula}>G{spans[0][0]}"]))
    board.conditional_formatting.add("A1:A3", FormulaRule(
        formula=[formula.replace("SUM(", "SUM(Pairs!")]))
    (first, last), reference = drawn.offered
    offered = DataValidation(type="list", formula1=reference)
    offered.add(f"H{first}:H{last}")
    sheet.add_data_validation(offered)
    elsewhere = DataValidation(type="list", formula1=f"Pairs!{reference}")
    elsewhere.add("B1:B3")
    board.add_data_validation(elsewhere)
    book.defined_names["Counted"] = DefinedName("Counted", attr_text=f"Pairs!{drawn.name}")
    sheet.print_area = f"A1:H{max(drawn.gone)}"
    sheet.auto_filter.ref = f"A1:H{drawn.table}"
    sheet.add_table(Table(displayName="Seen", ref=f"K1:L{max(drawn.table, 2)}"))
    opened.ignored["Pairs"] = [{"sqref": f"I{min(drawn.gone)}:I9 J{drawn.table}",
                                "numberStoredAsText": "1"}]
    row, formula = drawn.array
    sheet[f"M{row}"].hyperlink = "https://example.org/visits"
    sheet[f"N{row}"] = ArrayFormula(f"N{row}", f"={formula}")
    return opened, sheet


def _state(opened: Workbook, sheet: Any) -> dict[str, Any]:
    """Everything that points at the Pairs sheet's rows, as it stands."""
    book = opened.book
    cells = {f"{each.title}!{cell.coordinate}": (cell.value.ref, cell.value.text)
             if isinstance(cell.value, ArrayFormula) else cell.value
             for each in book.worksheets for cell in each._cells.values()
             if cell.value is not None}
    shown = {cell.coordinate: (formula, value) for cell, formula, value in opened.cached.values()
             if cell.parent._cells.get((cell.row, cell.column)) is cell and cell.value == formula}
    return {
        "cells": cells, "shown": shown,
        "merged": sorted(str(merged) for merged in sheet.merged_cells.ranges),
        "merge's other cells": sorted(cell.coordinate for cell in sheet._cells.values()
                                      if isinstance(cell, MergedCell)),
        "rules": [sorted((str(f.sqref), [r.formula for r in f.rules])
                         for f in each.conditional_formatting) for each in book.worksheets],
        "offered": [sorted((str(v.sqref), v.formula1) for v in each.data_validations.dataValidation)
                    for each in book.worksheets],
        "name": book.defined_names["Counted"].attr_text, "area": sheet.print_area,
        "filter": sheet.auto_filter.ref, "table": sheet.tables["Seen"].ref,
        "heights": {n: d.height for n, d in sheet.row_dimensions.items() if d.height},
        "ignored": opened.ignored["Pairs"],
        "links": {cell.coordinate: cell.hyperlink.ref for cell in sheet._cells.values()
                  if cell.hyperlink is not None},
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHEETS)
def test_rows_deleted_at_once_are_as_deleted_one_at_a_time_from_the_bottom(
        drawn: Sheets) -> None:
    at_once, sheet = _built(drawn)
    sheet_rows.delete_rows(at_once, sheet, drawn.gone)
    one_by_one, alone = _built(drawn)
    for row in sorted(drawn.gone, reverse=True):
        sheet_rows.delete_rows(one_by_one, alone, {row})
    assert _state(at_once, sheet) == _state(one_by_one, alone)


def test_rows_deleted_at_once_move_what_refers_to_them() -> None:
    """Rows 3 and 5 of eight under a header go: a reference below them moves up by those
    that went above it, a range across them shrinks by as many, one to a row that went is
    #REF!, and the value Excel showed is kept only where the rows it read all stay."""
    drawn = Sheets({9: "SUM(C2:C9)+C$8", 2: "SUM(C3)+SUM(4:6)", 4: "SUM(C4)"}, [], [(4, 6)],
                   ([(3, 9)], "SUM(C6)"), ((2, 9), "$C$5"), "$C$3:$C$5", 5,
                   (8, "SUM(C7:C8)"), {3, 5})
    opened, sheet = _built(drawn)
    sheet_rows.delete_rows(opened, sheet, drawn.gone)
    state = _state(opened, sheet)
    assert [sheet[f"A{row}"].value for row in range(2, 8)] == \
        ["row 2", "row 4", "row 6", "row 7", "row 8", "row 9"]
    assert [state["cells"][f"Pairs!B{row}"] for row in (2, 3, 7)] == \
        ["=SUM(#REF!)+SUM(3:4)", "=SUM(C3)", "=SUM(C2:C7)+C$6"]
    assert state["shown"] == {"B3": ("=SUM(C3)", 40)}
    assert state["merged"] == ["E3:E4"]
    # written for row 3, which went: row 4 takes its place, and C6 is 2 rows below it
    assert state["rules"][0] == [("G3:G7", [["SUM(C5)>G3"]])]
    assert state["offered"][0] == [("H2:H7", "#REF!")]
    assert state["name"] == "Pairs!$C$3:$C$3"
    assert [state["area"], state["filter"], state["table"]] == \
        ["'Pairs'!$A$1:$H$3", "A1:H3", "K1:L3"]
    assert state["heights"] == {2: 12, 3: 14, 4: 16, 5: 17, 6: 18, 7: 19}
    assert state["ignored"] == [{"sqref": "I3:I7", "numberStoredAsText": "1"}]  # J5 went
    assert state["links"] == {"M6": "M6"}
    assert state["cells"]["Pairs!N6"] == ("N6", "=SUM(C5:C6)")


def test_a_table_whose_rows_all_go_keeps_the_row_under_its_header() -> None:
    """A table over rows 1 to 3 loses rows 2 and 3: Excel's tables are never a header
    alone, so it keeps row 2 (the row 4 that was), as deleting row 3 and then row 2 left
    it; deleted at once, it stayed over rows 1 to 3."""
    drawn = Sheets({}, [], [], ([(2, 2)], "SUM(C2)"), ((2, 2), "C2"), "C2", 3, (9, "C9"),
                   {2, 3})
    opened, sheet = _built(drawn)
    sheet_rows.delete_rows(opened, sheet, drawn.gone)
    assert sheet.tables["Seen"].ref == "K1:L2"


def _moves_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of times the rows of a sheet are moved from now on, one entry a time."""
    real = sheet_rows._rows_moved
    moves: list[int] = []

    def counted(*args: Any) -> None:
        moves.append(1)
        real(*args)

    monkeypatch.setattr(sheet_rows, "_rows_moved", counted)
    return moves


def test_withdrawing_someone_with_two_pairs_moves_the_rows_once(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Consultant X's two pairs, rows 2 and 3, go in one pass. A column of the
    administrator's shows in row 2 what row 3 holds, by a formula: the Withdrawn sheet has
    what Excel showed for it, where it had the formula's text with row 3 gone, =#REF!."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    path = paired_twice(run, tmp_path)
    book = openpyxl.load_workbook(path)
    seen = get_column_letter(book["Pairs"].max_column + 1)
    book["Pairs"][f"{seen}1"], book["Pairs"][f"{seen}3"] = "Seen with", "lead"
    book.save(path)
    with_cached_formula(path, f"{seen}2", f"={seen}3", "lead")
    moves = _moves_counted(monkeypatch)
    said = run("withdraw", "pairs.xlsx", "Consultant X").stdout
    assert said.count("to the Withdrawn sheet") == 2
    assert len(moves) == 1
    book = openpyxl.load_workbook(path)
    assert book["Pairs"].max_row == 1
    withdrawn = book["Withdrawn"]
    column = next(cell.column for cell in withdrawn[1] if cell.value == "Seen with")
    assert [withdrawn.cell(row, column).value for row in (2, 3)] == ["lead", "lead"]


def test_keep_writes_in_a_kept_pairs_cell_merged_with_one_of_a_pair_that_went(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """The How paired cells of rows 2 and 3 are merged; the pair in row 2 goes. The pair of
    row 3, now row 2, says 'kept' there, as in every kept pair's row: the merge was still
    across both rows when the kept row was written, and the change was refused."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    how = get_column_letter(columns(sheet)["How paired"])
    leaving = next(email for email in (cell.value for cell in sheet[2])
                   if isinstance(email, str) and email.startswith("gp"))
    staying = sheet["A3"].value
    sheet.merge_cells(f"{how}2:{how}3")
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [p for p in people() if p["Email"] != leaving])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert [sheet["A2"].value, sheet[f"{how}2"].value] == [staying, "kept"]
    assert not sheet.merged_cells.ranges


def test_keep_moves_the_rows_of_the_pairs_not_kept_once(
        run: Runner, paired: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two of the four GPs leave: their two pairs go to the Withdrawn sheet in one pass,
    the other two stay, in rows 2 and 3."""
    leaving = {"gp0@example.org", "gp2@example.org"}
    before = openpyxl.load_workbook(paired)["Pairs"]
    staying = [row[0] for row in before.iter_rows(min_row=2, values_only=True)
               if not leaving & set(row)]
    write_book(tmp_path / "v.xlsx", [p for p in people() if p["Email"] not in leaving])
    moves = _moves_counted(monkeypatch)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert len(moves) == 1
    book = openpyxl.load_workbook(paired)
    assert len(staying) == 2
    assert [book["Pairs"].cell(row, 1).value for row in range(2, 5)] == [*staying, None]
    assert book["Withdrawn"].max_row == 3
