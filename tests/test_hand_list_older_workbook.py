"""A pairs workbook last written by a wessex older than the Settings row 'Pairs typed in by
hand (their letters say you paired them)' has no such row, exactly as one whose row was
deleted. After any 'pair --keep' of that older wessex, the first 'status' or 'render' of
this one asked 'was it deleted?' and said a copy in the backups folder from before the list
was lost had it: nobody had deleted anything, and no copy had it. The warning now names
both causes, and points to a backup only if the row was deleted."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

TITLE = "Pairs typed in by hand (their letters say you paired them)"


def _as_an_older_wessex_left_it(path: Path) -> None:
    """The Settings sheet without the row, as a wessex older than it wrote the workbook."""
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    row = next(cells[0].row for cells in sheet.iter_rows() if cells[0].value == TITLE)
    sheet.delete_rows(row)
    book.save(path)


def test_a_workbook_older_than_the_row_is_not_said_to_have_lost_it(
        run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now 'kept'
    assert (paired.parent / "backups").is_dir()
    _as_an_older_wessex_left_it(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "was it deleted, or was the workbook last written by an older wessex, which " \
        "did not keep that list?" in said
    assert "from before the list was lost has it" not in said
    assert "If it was deleted, a copy of the workbook in the backups folder from before " \
        "then has it." in said
