"""A visit cell merged with the next pair's (one date typed for two pairs): 'visit' stopped
with "an unexpected internal problem (AttributeError: 'MergedCell' object attribute 'value'
is read-only)"; it now names the merged cells and says to unmerge them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_record import columns, paired

__all__ = ["paired"]  # the fixture, used by name


@pytest.mark.parametrize("row", [2, 3])
def test_a_visit_into_merged_cells_is_refused_naming_them(run: Runner, paired: Path,
                                                          row: int) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    cell = sheet.cell(2, col["A hosts B: date"])
    cell.value = dt.datetime(2027, 5, 4)
    merged = f"{cell.coordinate}:{cell.column_letter}3"
    sheet.merge_cells(merged)
    who = sheet.cell(row, col["A email"]).value
    book.save(paired)
    before = paired.read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", who, "--hosted", "5/5/2027",
                        code=1).output.split())
    assert "unexpected" not in said
    assert f"Pairs!{cell.column_letter}{row}: this cell is one of the merged cells {merged}" \
        in said and "Unmerge them" in said
    assert paired.read_bytes() == before
