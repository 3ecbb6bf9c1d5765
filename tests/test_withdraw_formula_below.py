"""A "done" filled by a formula in a row below a pair that moves to the Withdrawn sheet: its
references move up one with it, and what Excel last showed for it still holds. The value was
dropped, so the visit read as 'formula with no saved result', counted as not done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record import columns, paired, status_json, visits_of, with_cached_formula

__all__ = ["paired"]  # the fixture, used by name


def test_a_done_formula_below_a_withdrawn_pair_still_reads_as_done(run: Runner,
                                                                  paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    last = sheet.max_row
    host = sheet.cell(last, col["A email"]).value
    date = sheet.cell(last, col["A hosts B: date"])
    date.value = dt.datetime(2027, 5, 6)
    done = sheet.cell(last, col["A hosts B: done"]).coordinate
    first = sheet.cell(2, col["A email"]).value
    book.save(paired)
    with_cached_formula(paired, done, f'=IF({date.coordinate}<>"","yes","no")', "yes")
    assert visits_of(status_json(run), host)["done"] is True
    run("withdraw", "pairs.xlsx", first, "--reason", "moved away")
    moved = openpyxl.load_workbook(paired)["Pairs"].cell(last - 1, col["A hosts B: done"])
    assert moved.value == f'=IF({date.column_letter}{last - 1}<>"","yes","no")'
    result = run("status", "pairs.xlsx", "--json")
    assert "no saved result" not in result.stderr
    assert visits_of(status_json(run), host)["done"] is True


def test_only_a_formula_that_reached_the_deleted_row_loses_what_excel_showed() -> None:
    from wessex_cli.sheet_rows import _deleted, _moved_formula

    move = _deleted([5])  # as delete_rows moves a formula when row 5 goes

    def reaches(formula: str, own: bool) -> bool:
        return _moved_formula(formula, lambda ref: move.ref(ref, 0), move.reaches, own=own,
                              sheet_name="Pairs")[1]

    assert not reaches('=IF(U10<>"","yes","")', own=True)
    assert not reaches("=Pairs!C10+Summary!B5", own=False)
    assert reaches("=SUM(Pairs!R2:R31)", own=False)
    assert reaches("=COUNTIF(V:V,\"yes\")", own=True)
    assert reaches("=U5", own=True)
    assert not reaches("=U5", own=False)  # another sheet's U5
