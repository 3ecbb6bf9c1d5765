"""The Settings sheet records what wessex last wrote in each pair's How paired cell, one row
for 'optimised' and one for 'kept' (each '(none)' when empty), and a pair it wrote that
neither row names was taken to have been written 'locked'. With one of the two rows deleted
or cleared while tidying the sheet, every pair that row named was so taken: status warned,
of each, that the Settings sheet records 'locked' in its How paired cell, and told the
administrator to type 'locked' there, which would make the letters say the two agreed to
be paired. A record missing one of its two rows is now read as no record, as a workbook
written before it is."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


@pytest.mark.parametrize("how", ["optimised", "kept"])
@pytest.mark.parametrize("lost", ["deleted", "cleared"])
def test_a_lost_row_of_the_record_makes_no_pair_locked(run: Runner, paired: Path, how: str,
                                                       lost: str) -> None:
    run("withdraw", "pairs.xlsx", "Dr Nikhil Lindqvist")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # 29 pairs 'kept', one 'optimised'
    title = {"optimised": "Pairs the last pairing made (How paired 'optimised')",
             "kept": "Pairs the last pairing kept (How paired 'kept')"}[how]
    book = openpyxl.load_workbook(paired)
    settings = book["Settings"]
    row = next(r for r in range(1, settings.max_row + 1)
               if settings.cell(r, 1).value == title)
    if lost == "deleted":
        settings.delete_rows(row)
    else:
        settings.cell(row, 2).value = None
    book.save(paired)
    said = _said(run, "status", "pairs.xlsx")
    assert "wrote 'locked' there" not in said
    assert "type back what the cell said: 'locked'" not in said
