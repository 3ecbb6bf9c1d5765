"""The Settings sheet's list of the pairs typed in by hand ('Pairs typed in by hand (their
letters say you paired them)') deleted, emptied or cleared while tidying the sheet. Once such
a pair has been kept twice its How paired cell says 'kept' like any other's, and that list is
all that tells its letters the administrator paired the two: without it they said the pairing
chose them from everyone's preferences, and status, render and 'pair --keep' said nothing. As
the list of the pairs agreed in advance, the row is now written '(none)' when empty, and its
loss is warned of, with the way back. Dr Maryam Kowalczyk and Dr Nora Quill are typed in by
hand as P031."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_hand_pair_letters_kept import CHOSEN_BY_HAND, _letter
from .test_keep_added_by_hand import _typed_in, nora_joins
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

TITLE = "Pairs typed in by hand (their letters say you paired them)"
BY_PREFERENCES = "Taking into account everyone's preferences and availability"


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _settings(path: Path) -> dict[str, object]:
    sheet = openpyxl.load_workbook(path)["Settings"]
    return {str(row[0]): row[1] for row in sheet.iter_rows(values_only=True) if row[0]}


def _hand_row(path: Path) -> int:
    sheet = openpyxl.load_workbook(path)["Settings"]
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == TITLE)


def _kept_twice(run: Runner, paired: Path) -> Path:
    """P031 typed in by hand and kept by two runs: its How paired cell says 'kept'."""
    folder = paired.parent
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    nora_joins(folder / "volunteers.xlsx")
    _typed_in(paired, "P031")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _settings(paired)[TITLE] == "P031"
    return folder


def test_the_row_is_written_none_when_no_pair_was_typed_in(run: Runner, paired: Path) -> None:
    assert _settings(paired)[TITLE] == "(none)"
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _settings(paired)[TITLE] == "(none)"
    assert "Warning" not in _said(run, "status", "pairs.xlsx")


@pytest.mark.parametrize("how", ["deleted", "emptied", "cleared"])
def test_the_list_lost_is_warned_of_and_the_way_back_followed(
        run: Runner, paired: Path, how: str) -> None:
    folder = _kept_twice(run, paired)
    number = _hand_row(paired)
    book = openpyxl.load_workbook(paired)
    sheet = book["Settings"]
    if how == "deleted":
        sheet.delete_rows(number)
    else:
        sheet.cell(number, 2).value = None
        if how == "cleared":
            sheet.cell(number, 1).value = None
    book.save(paired)
    asked = {"deleted": "The Settings sheet has no row",
             "emptied": f"Settings!B{number} is empty",
             "cleared": f"Row {number} of the Settings sheet is empty"}[how]
    for said in (_said(run, "status", "pairs.xlsx"),
                 _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx",
                       "--format", "md", "-o", f"lost-{how}", "--allow-placeholders")):
        assert asked in said
        assert "say the pairing chose the two" in said
        assert "'(none)' if none was" in said
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert asked in dry and "before running without --dry-run" in dry
    # the way back the warning gives: the list typed back
    book = openpyxl.load_workbook(paired)
    sheet = book["Settings"]
    if how == "deleted":
        sheet.append([TITLE, "P031"])
    else:
        sheet.cell(number, 1).value = TITLE
        sheet.cell(number, 2).value = "P031"
    book.save(paired)
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    letter = _letter(run, folder, f"back-{how}")
    assert CHOSEN_BY_HAND in letter and BY_PREFERENCES not in letter


def test_pair_keep_over_the_list_deleted_says_it_writes_none_and_how_to_undo(
        run: Runner, paired: Path) -> None:
    folder = _kept_twice(run, paired)
    book = openpyxl.load_workbook(paired)
    book["Settings"].delete_rows(_hand_row(paired))
    book.save(paired)
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "was it deleted, or was the workbook last written by an older wessex" in said \
        and "this run writes '(none)' there" in said
    assert _settings(paired)[TITLE] == "(none)"
    assert "Warning" not in _said(run, "status", "pairs.xlsx")  # '(none)' is a list
    # the way back it gives: P031 typed over '(none)'
    book = openpyxl.load_workbook(paired)
    book["Settings"].cell(_hand_row(paired), 2).value = "P031"
    book.save(paired)
    letter = _letter(run, folder, "after")
    assert CHOSEN_BY_HAND in letter and BY_PREFERENCES not in letter
