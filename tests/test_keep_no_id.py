"""A kept pair whose Pair cell was emptied (cleared by mistake, or lost in a sort): --keep
numbered it afresh and added it again below, so the pair stood twice, once with the visit
typed in its row and once owing it, while the output said '0 new'. It now takes the new ID
in its own row, and the output says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record import columns, paired, row_of, status_json

__all__ = ["paired"]  # the fixture, used by name


def test_a_kept_pair_without_its_id_takes_a_new_one_in_its_own_row(run: Runner,
                                                                   paired: Path) -> None:
    row, side = row_of(paired, "gp2@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    sheet.cell(row, col["Pair"]).value = None
    sheet.cell(row, col[f"{side} hosts {other}: date"]).value = dt.datetime(2027, 5, 6)
    sheet.cell(row, col[f"{side} hosts {other}: done"]).value = "yes"
    book.save(paired)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet.max_row == 5  # four pairs, none twice
    given = sheet.cell(row, col["Pair"]).value
    assert given and f"given a new one there: Pairs!A{row} ({given})." in said
    pairs = status_json(run)["pairs"]
    assert isinstance(pairs, list) and len(pairs) == 4
    assert len({p["id"] for p in pairs}) == 4
