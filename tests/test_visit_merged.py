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


def test_keep_refuses_to_refresh_a_cell_merged_with_another_pairs(run: Runner, paired: Path,
                                                                  tmp_path: Path) -> None:
    """--keep stopped with the same internal problem when a cell it refreshes (the Reasons
    of a pair) was merged with the next pair's."""
    from .conftest import person, write_book
    from .test_record import people

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    column = openpyxl.utils.get_column_letter(columns(sheet)["A organisation"])
    sheet.merge_cells(f"{column}2:{column}3")
    book.save(paired)
    volunteers = [dict(p, Organisation=f"Renamed {p['Organisation']}") if p["Profession"] == "GP"
                  else p for p in people()]
    write_book(tmp_path / "v.xlsx", [*volunteers, person("Dr GP 9", "gp9@example.org")])
    before = paired.read_bytes()
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", code=1).output.split())
    assert "unexpected" not in said
    assert f"Pairs!{column}3: this cell is one of the merged cells {column}2:{column}3" in said
    assert paired.read_bytes() == before


def test_a_merge_along_one_row_is_not_said_to_reach_another_row(run: Runner,
                                                                 paired: Path) -> None:
    """A cell merged with its neighbour in the same row (a date typed across two columns)
    was refused as 'without changing another row's cell', which no other row had."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    first = sheet.cell(2, col["A hosts B: date"] - 1)
    cell = sheet.cell(2, col["A hosts B: date"])
    merged = f"{first.coordinate}:{cell.coordinate}"
    sheet.merge_cells(merged)
    who = sheet.cell(2, col["A email"]).value
    book.save(paired)
    said = " ".join(run("visit", "pairs.xlsx", who, "--hosted", "5/5/2027",
                        code=1).output.split())
    assert f"Pairs!{cell.coordinate}: this cell is one of the merged cells {merged}" in said
    assert "another row" not in said and "only the first of merged cells" in said
