"""A kept pair whose Pair cell was emptied (cleared by mistake, or lost in a sort): --keep
numbered it afresh and added it again below, so the pair stood twice, once with the visit
typed in its row and once owing it, while the output said '0 new'. It now takes the new ID
in its own row, and the output says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from .conftest import Runner, write_book
from .test_record import columns, paired, row_of, status_json

__all__ = ["paired"]  # the fixture, used by name


def test_a_kept_pair_without_its_id_takes_a_new_one_in_its_own_row(run: Runner,
                                                                   paired: Path) -> None:
    """Two ID cells emptied: which missing ID is whose cannot be told, so each takes a new
    one (one alone takes back the one ID missing: test_keep_id_back)."""
    row, side = row_of(paired, "gp2@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    other_row = row_of(paired, "gp3@example.org")[0]
    emptied = {sheet.cell(row, col["Pair"]).value, sheet.cell(other_row, col["Pair"]).value}
    sheet.cell(row, col["Pair"]).value = None
    sheet.cell(other_row, col["Pair"]).value = None
    sheet.cell(row, col[f"{side} hosts {other}: date"]).value = dt.datetime(2027, 5, 6)
    sheet.cell(row, col[f"{side} hosts {other}: done"]).value = "yes"
    book.save(paired)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet.max_row == 5  # four pairs, none twice
    given = sheet.cell(row, col["Pair"]).value
    assert given and "given a new one there: Pairs!" in said and f"A{row} ({given})" in said
    pairs = status_json(run)["pairs"]
    assert isinstance(pairs, list) and len(pairs) == 4
    assert len({p["id"] for p in pairs}) == 4
    # numbered on from P004, the highest wessex wrote: never one of the two emptied IDs,
    # which the letters sent give to pairs whose rows these may not be
    assert {sheet.cell(r, col["Pair"]).value for r in (row, other_row)} == {"P005", "P006"}
    assert not emptied & {p["id"] for p in pairs}


def test_a_pair_whose_id_was_emptied_and_is_not_kept_goes_to_the_withdrawn_sheet(
        run: Runner, tmp_path: Path) -> None:
    """P001's ID cell was emptied, and its GP has since left the volunteer workbook: the
    output says one pair moved to the Withdrawn sheet, and so it must have (it stayed on the
    Pairs sheet, its partner listed as unpaired too)."""
    from .test_record import people

    write_book(tmp_path / "v.xlsx", people())
    run("pair", "v.xlsx")
    paired = tmp_path / "pairs.xlsx"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    gone = sheet.cell(2, col["A email"]).value
    sheet["A2"] = None
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [p for p in people() if gone not in p.values()])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "1 moved to the Withdrawn sheet" in said
    book = openpyxl.load_workbook(paired)
    emails = [book["Pairs"].cell(r, col["A email"]).value
              for r in range(2, book["Pairs"].max_row + 1)]
    assert gone not in emails
    withdrawn = book["Withdrawn"]
    assert gone in [cell.value for row in withdrawn.iter_rows() for cell in row]
