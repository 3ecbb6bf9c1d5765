"""The Settings rows that record what the last pairing wrote in the How paired cells (one for
'optimised', one for 'kept', each '(none)' when empty) and the row of the pairs moved to the
Withdrawn sheet, deleted or emptied while tidying the sheet, were read as no record without a
word, while the lists written beside them warn when lost. Each is now warned of, once, by
status, render and pair --keep, naming the row and how to put it back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

OPTIMISED = "Pairs the last pairing made (How paired 'optimised')"
KEPT = "Pairs the last pairing kept (How paired 'kept')"
MOVED = "Pairs moved to the Withdrawn sheet"


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _lose(path: Path, title: str, how: str) -> int:
    """Delete the Settings row ``title``, or empty its value; its row number."""
    book = openpyxl.load_workbook(path)
    settings = book["Settings"]
    row = next(r for r in range(1, settings.max_row + 1) if settings.cell(r, 1).value == title)
    if how == "deleted":
        settings.delete_rows(row)
    else:
        settings.cell(row, 2).value = None
    book.save(path)
    return row


@pytest.mark.parametrize(("title", "how"), [(OPTIMISED, "deleted"), (KEPT, "deleted"),
                                            (KEPT, "emptied"), (MOVED, "deleted")])
def test_a_lost_row_is_warned_of_once_by_status_render_and_pair_keep(
        run: Runner, paired: Path, title: str, how: str) -> None:
    run("withdraw", "pairs.xlsx", "Dr Nikhil Lindqvist")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # one pair made, 29 kept
    row = _lose(paired, title, how)
    said = {
        "status": _said(run, "status", "pairs.xlsx"),
        "render": _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "-o",
                        "letters", "--format", "md", "--allow-placeholders"),
        "dry": _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run"),
        "keep": _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx"),
    }
    start = f"The Settings sheet has no row '{title}'" if how == "deleted" else \
        f"Settings!B{row} is empty, where 'wessex pair' lists the IDs of"
    for command, text in said.items():
        assert text.count(start) == 1, command
    if title != MOVED:  # and the letter it holds the sentence back from is named
        assert "leaves out the sentence saying that" in said["render"]
    if title == MOVED:  # the pair there named, to type back
        assert "P016" in said["status"].split(start)[1]
        # the run wrote no row of them: the next one warns again
        assert start in _said(run, "status", "pairs.xlsx")
    else:  # written afresh by the run
        assert start not in _said(run, "status", "pairs.xlsx")


def test_a_workbook_older_than_the_record_is_not_warned_of(run: Runner, paired: Path) -> None:
    """A workbook written before these rows has none of them, nor the lists written with
    them: nothing was lost."""
    run("withdraw", "pairs.xlsx", "Dr Nikhil Lindqvist")
    for title in (OPTIMISED, KEPT, MOVED, "Pairs agreed in advance (their letters say so)",
                  "Pairs typed in by hand (their letters say you paired them)"):
        _lose(paired, title, "deleted")
    assert "The Settings sheet has no row" not in _said(run, "status", "pairs.xlsx")
