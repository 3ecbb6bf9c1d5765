"""A reader's warning about a cell knows the cell's row and column from where it was made,
and check puts the problems in row order by them (it read the row back out of the text)."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl

from wessex_cli.check import check_roster
from wessex_cli.roster import read_roster
from wessex_cli.scheme import Scheme
from wessex_cli.spreadsheet import SheetWarning, read_grid

from .conftest import small_roster, write_book


def _awkward_book(tmp_path: Path) -> Path:
    """A roster with a control character in C4, cells merged down F2:F3 and across D5:E5,
    and a formula saved without its value in AB3 (column 28)."""
    people = small_roster()
    people[2]["Profession"] = "GP\x9b31m"  # row 4; a C1 control, as openpyxl refuses C0
    path = write_book(tmp_path / "v.xlsx", people)
    book = openpyxl.load_workbook(path)
    sheet = book["Volunteers"]
    sheet.merge_cells("F2:F3")
    sheet.merge_cells("D5:E5")
    sheet["AB3"] = "=1+1"  # openpyxl saves a formula with no value
    book.save(path)
    return path


def test_each_warning_knows_its_row_and_column(tmp_path: Path) -> None:
    grid = read_grid(_awkward_book(tmp_path))
    at = {cell: (warning.row, warning.column) for warning in grid.warnings
          for cell, _ in [warning]}
    assert at == {"C4": (4, 3), "F3": (3, 6), "AB3": (3, 28)}
    # merged across a row is judged by the roster reader, which knows the header row
    roster = read_roster(tmp_path / "v.xlsx")
    rows = {p.cell: p.row for p in roster.problems if p.severity == "warning"}
    assert {cell: rows[cell] for cell in ("Volunteers!C4", "Volunteers!F3",
                                          "Volunteers!AB3", "Volunteers!E5")} == {
        "Volunteers!C4": 4, "Volunteers!F3": 3, "Volunteers!AB3": 3, "Volunteers!E5": 5}


def test_check_lists_the_warnings_in_row_order(tmp_path: Path) -> None:
    _awkward_book(tmp_path)
    report = check_roster(read_roster(tmp_path / "v.xlsx"), Scheme())
    cells = [p.cell for p in report.warnings if p.row]
    assert cells.index("Volunteers!F3") < cells.index("Volunteers!C4") < \
        cells.index("Volunteers!E5")
    rows = [p.row for p in report.warnings]
    assert rows == sorted(rows)


def test_a_copied_warning_keeps_its_row_and_column() -> None:
    warning = SheetWarning.at(6, 2, "looked at")
    copied = copy.copy(warning)
    assert (copied, copied.row, copied.column) == (("C7", "looked at"), 7, 3)


def test_check_lists_a_rows_warnings_from_left_to_right(tmp_path: Path) -> None:
    """Row 3's warnings in F3 and AB3: AB3 was listed first, its text sorting before F3's."""
    _awkward_book(tmp_path)
    report = check_roster(read_roster(tmp_path / "v.xlsx"), Scheme())
    in_row_3 = [p.cell for p in report.warnings if p.row == 3]
    assert in_row_3 == ["Volunteers!F3", "Volunteers!AB3"]
