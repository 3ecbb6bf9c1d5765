"""The Withdrawn sheet 'withdraw' makes shows its dates: each column it gains is as wide as
the same column of the Pairs sheet, or as its title and value need, so that the date
withdrawn and a visit's date read "1 Jun 2027", where Excel and LibreOffice showed "###"
in columns of the default width (about eight digits)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from wessex_cli.workbook_edit import column_width

from .conftest import Runner
from .test_record import columns, paired, row_of

__all__ = ["paired"]  # the fixture, used by name


def _widths(sheet: object) -> dict[str, float | None]:
    """Each titled column's width, None where it has the default."""
    return {title: column_width(sheet, n) for title, n in columns(sheet).items()}


def test_a_new_withdrawn_sheet_is_wide_enough_for_its_dates(run: Runner, paired: Path) -> None:
    row, side = row_of(paired, "gp0@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    pairs = book["Pairs"]
    date_column = columns(pairs)[f"{side} hosts {other}: date"]
    pairs.column_dimensions[get_column_letter(columns(pairs)["A name"])].width = 60
    book.save(paired)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "12/5/2027")
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    withdrawn = _widths(openpyxl.load_workbook(paired)["Withdrawn"])
    # "12 May 2027" is 11 characters: a column narrower than that shows "###"
    assert (withdrawn["Date withdrawn"] or 0) >= 12
    # a Pairs column keeps its width: pair's date column, and a name column the
    # administrator widened
    assert withdrawn[f"{side} hosts {other}: date"] == column_width(pairs, date_column)
    assert withdrawn["A name"] == 60
    assert all(width is not None for width in withdrawn.values())


def test_a_width_the_administrator_gave_the_withdrawn_sheet_stays(run: Runner,
                                                                 paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    sheet = book["Withdrawn"]
    after = get_column_letter(sheet.max_column + 1)
    sheet.column_dimensions[after].width = 50  # widened ahead of a column to come
    pairs = book["Pairs"]
    row, _ = row_of(paired, "gp1@example.org")
    pairs.cell(1, pairs.max_column + 1).value = "Contact log"
    pairs.cell(row, pairs.max_column).value = "rang 3 May"
    book.save(paired)
    run("withdraw", "pairs.xlsx", "gp1@example.org", "--reason", "retired")
    sheet = openpyxl.load_workbook(paired)["Withdrawn"]
    assert get_column_letter(columns(sheet)["Contact log"]) == after
    assert _widths(sheet)["Contact log"] == 50


def test_a_withdrawn_sheet_made_before_takes_widths_where_it_has_none(
        run: Runner, paired: Path) -> None:
    # a Withdrawn sheet as an older wessex made it: every column at the default width, so
    # the next date withdrawn showed as "###" however often withdraw ran
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    sheet = book["Withdrawn"]
    for letter in list(sheet.column_dimensions):
        del sheet.column_dimensions[letter]
    sheet.column_dimensions[get_column_letter(columns(sheet)["Reason"])].width = 40  # theirs
    book.save(paired)
    assert set(_widths(openpyxl.load_workbook(paired)["Withdrawn"]).values()) == {None, 40}
    run("withdraw", "pairs.xlsx", "gp1@example.org", "--reason", "retired")
    widths = _widths(openpyxl.load_workbook(paired)["Withdrawn"])
    assert (widths["Date withdrawn"] or 0) >= 12  # "12 May 2027" is 11 characters
    assert widths["Reason"] == 40  # a width set is kept
    assert all(width is not None for width in widths.values())


def test_a_date_is_measured_as_a_workbook_shows_it() -> None:
    """A date column is made as wide as "30 Sep 2027" needs (11 characters, and 2 of room),
    a date and time too: written in the workbook's date format, it shows the same."""
    import datetime as dt

    from wessex_cli.xlsx_out import fitted_width

    assert fitted_width("Date", [dt.date(2027, 9, 30)]) == 13
    assert fitted_width("Date", [dt.datetime(2027, 9, 30, 14, 5)]) == 13
