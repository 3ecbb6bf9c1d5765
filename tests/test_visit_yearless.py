"""A date typed without its year ("4/5", "Tue 4 May") is the scheme's year to 'status', and
now to 'visit' too: recording that same visit changed the workbook (and pushed out a backup)
'replacing' a date it could not read, and a different date did not say which visit it
replaced."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_record import columns, paired, row_of, status_json, visits_of

__all__ = ["paired"]  # the fixture, used by name


@pytest.mark.parametrize("typed", ["4/5", "Tue 4 May", "4th May"])
def test_a_visit_typed_without_its_year_is_already_recorded(run: Runner, paired: Path,
                                                            typed: str) -> None:
    row, side = row_of(paired, "gp1@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    sheet.cell(row, col[f"{side} hosts {other}: date"]).value = typed
    sheet.cell(row, col[f"{side} hosts {other}: done"]).value = "yes"
    book.save(paired)
    assert visits_of(status_json(run), "gp1@example.org")["date"] == "2027-05-04"
    before = paired.read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", "gp1@example.org", "--hosted",
                        "4/5/2027").output.split())
    assert said.startswith("Nothing to change:") and "already recorded" in said
    assert paired.read_bytes() == before
    said = " ".join(run("visit", "pairs.xlsx", "gp1@example.org", "--hosted",
                        "6/5/2027").output.split())
    assert "replacing the visit done of 2027-05-04" in said
