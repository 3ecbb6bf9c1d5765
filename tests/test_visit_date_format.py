"""The date 'visit' writes is a date value shown as its column shows dates: in a column the
administrator formatted DD/MM/YYYY it reads 12/05/2027 (it was given yyyy-mm-dd, whatever
the column's format), and where nothing shows dates, "12 May 2027". Every reader of
wessex's reads it back as the date recorded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from .conftest import Runner
from .test_record import columns, paired, row_of, status_json, visits_of

__all__ = ["paired"]  # the fixture, used by name

MAY_12 = (dt.date(2027, 5, 12), dt.datetime(2027, 5, 12))  # as a reader may give it


def _date_cell(paired: Path, host: str) -> tuple[str, str]:
    """(the date column's letter, the cell) of the visit ``host`` makes."""
    row, side = row_of(paired, host)
    other = "B" if side == "A" else "A"
    column = columns(openpyxl.load_workbook(paired)["Pairs"])[f"{side} hosts {other}: date"]
    return get_column_letter(column), f"{get_column_letter(column)}{row}"


def _calamine_cell(path: Path, cell: str) -> Any:
    """The cell of the Pairs sheet as python-calamine, wessex's reader, reads it."""
    from python_calamine import CalamineWorkbook

    from wessex_cli.spreadsheet import cell_ref

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Pairs").to_python()
    return next(value for r, line in enumerate(rows) for c, value in enumerate(line)
                if cell_ref(r, c) == cell)


@pytest.mark.parametrize(("column_format", "shown"), [
    ("DD/MM/YYYY", "DD/MM/YYYY"),  # as a UK administrator formats the column
    ("[$-809]d mmmm yyyy", "[$-809]d mmmm yyyy"),  # a long date in English (UK)
    ("General", "d mmm yyyy"),  # no format: the day first, the month in words
    ("hh:mm", "d mmm yyyy"),  # a time alone would hide the date
])
def test_a_visit_date_is_a_date_shown_as_its_column_shows_dates(
        run: Runner, paired: Path, column_format: str, shown: str) -> None:
    # the whole column formatted in Excel: its cells without a value have no style of their
    # own, the column's is what Excel shows them in
    letter, cell = _date_cell(paired, "gp0@example.org")
    book = openpyxl.load_workbook(paired)
    book["Pairs"].column_dimensions[letter].number_format = column_format
    book.save(paired)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "12/5/2027")
    written = openpyxl.load_workbook(paired)["Pairs"][cell]
    assert (written.value, written.number_format, written.is_date) == \
        (dt.datetime(2027, 5, 12), shown, True)
    assert _calamine_cell(paired, cell) in MAY_12
    visit = visits_of(status_json(run), "gp0@example.org")
    assert (visit["date"], visit["done"]) == ("2027-05-12", True)


def test_a_date_cell_formatted_on_its_own_keeps_its_look(run: Runner, paired: Path) -> None:
    # cells formatted by selecting them, not the column: each empty one is saved with its
    # own style, which the date written keeps, its fill as well as its format
    letter, cell = _date_cell(paired, "c2@example.org")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert sheet.column_dimensions[letter].number_format == "d mmm yyyy"  # as pair wrote it
    sheet[cell].number_format = "dd/mm/yy"
    sheet[cell].fill = PatternFill("solid", fgColor="FFFFFF00")
    book.save(paired)
    run("visit", "pairs.xlsx", "c2@example.org", "--planned", "12/5/2027", "--force")
    written = openpyxl.load_workbook(paired)["Pairs"][cell]
    assert (written.value, written.number_format, written.fill.fgColor.rgb) == \
        (dt.datetime(2027, 5, 12), "dd/mm/yy", "FFFFFF00")
    assert _calamine_cell(paired, cell) in MAY_12
    assert visits_of(status_json(run), "c2@example.org")["date"] == "2027-05-12"


def test_a_formatted_row_shows_the_date_before_its_formatted_column(
        run: Runner, paired: Path) -> None:
    # a whole row formatted in Excel as well as the whole column: a value typed where they
    # cross takes the row's look, as Excel gives it, so the date written does too
    letter, cell = _date_cell(paired, "gp0@example.org")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.column_dimensions[letter].number_format = "DD/MM/YYYY"
    sheet.row_dimensions[int(cell[len(letter):])].number_format = "dd.mm.yyyy"
    book.save(paired)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "12/5/2027")
    written = openpyxl.load_workbook(paired)["Pairs"][cell]
    assert (written.value, written.number_format) == (dt.datetime(2027, 5, 12), "dd.mm.yyyy")
