"""``pair --keep`` refuses a pair that has lost an e-mail address, rather than giving its
ID, visits and notes to another pair."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from .conftest import Runner, person, write_book
from .test_record import columns, paired, people, row_of

__all__ = ["paired"]  # the fixture, used by name


def test_keep_refuses_a_pair_that_has_lost_an_e_mail_address(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A pair whose B email was emptied was not kept, so its ID went to a new pair, which
    was written over the row: the visit and note typed there became the new pair's, and the
    pair that made the visit lost it."""
    row, side = row_of(paired, "c3@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    sheet.cell(row, col[f"{other} hosts {side}: date"]).value = dt.datetime(2027, 5, 4)
    sheet.cell(row, col[f"{other} hosts {side}: done"]).value = "yes"
    sheet.cell(row, col["Notes"]).value = "met on the ward"
    sheet.cell(row, col[f"{side} email"]).value = None
    cell = sheet.cell(row, col[f"{side} email"]).coordinate
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9"),
                                     person("Consultant 9", "c9@example.org", "Consultant",
                                            Organisation="Hospital")])
    before = paired.read_bytes()
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", code=1)
    said = " ".join(result.output.split())
    assert f"Pairs!{cell}" in said and "has no e-mail address for Consultant 3" in said
    assert f"Type Consultant 3's e-mail address in {cell}" in said
    assert paired.read_bytes() == before
    assert not (tmp_path / "backups").exists() or not any(
        p.name.startswith("pairs-") for p in (tmp_path / "backups").iterdir())
