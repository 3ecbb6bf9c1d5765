"""``pair --keep`` names the cells it rewrote in the rows of kept pairs by where they stand
in the workbook it saves. The rows are gone through from the bottom up, and a pair that is
not kept leaves the Pairs sheet for the Withdrawn sheet, so that every pair below it moves
up a row after its cells were noted: the output named the rows they had stood in."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from .conftest import Runner, write_book
from .test_record import columns, paired, people

__all__ = ["paired"]  # the fixture, used by name


def test_the_cells_named_are_where_the_kept_pairs_stand_once_a_pair_went(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    # Dr GP 1 (pair P002, row 3) has left the volunteer workbook: P003 and P004 move up
    write_book(tmp_path / "v.xlsx", [p for p in people() if p["Email"] != "gp1@example.org"])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    how = get_column_letter(columns(sheet)["How paired"])
    assert [sheet.cell(r, 1).value for r in (2, 3, 4)] == ["P001", "P003", "P004"]
    assert [sheet[f"{how}{r}"].value for r in (2, 3, 4)] == ["kept", "kept", "kept"]
    assert (f"How paired now says 'kept' for 3 pairs carried over from the pairing before "
            f"(Pairs!{how}2, {how}3, {how}4), so that 'render --new' writes only to the new "
            "pairs.") in said
