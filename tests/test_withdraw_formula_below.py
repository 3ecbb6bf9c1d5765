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
    from wessex_cli.sheet_rows import _reaches_row

    assert not _reaches_row('=IF(U10<>"","yes","")', 5, own=True, sheet_name="Pairs")
    assert not _reaches_row("=Pairs!C10+Summary!B5", 5, own=False, sheet_name="Pairs")
    assert _reaches_row("=SUM(Pairs!R2:R31)", 5, own=False, sheet_name="Pairs")
    assert _reaches_row("=COUNTIF(V:V,\"yes\")", 5, own=True, sheet_name="Pairs")
    assert _reaches_row("=U5", 5, own=True, sheet_name="Pairs")
    assert not _reaches_row("=U5", 5, own=False, sheet_name="Pairs")  # another sheet's U5
