"""A Settings row wessex writes only when it has something to list (the pairs last marked
'added by hand'; the pairs agreed in advance, until it wrote that one '(none)' for none) is
wessex's own when a later pairing writes it no more, or writes it again (the pair found typed
in kept since, the one agreement ended): 'pair --keep' does not call its two cells the
administrator's own, left with no row to go with and kept only in the backup."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_keep_added_by_hand import nora_joins, type_a_pair_in
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _titles(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)["Settings"]
    return [str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0]]


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def test_the_agreed_row_gone_with_the_agreement_ended_is_not_called_your_own(
        run: Runner, paired: Path) -> None:
    # P017 (row 18), the example's one pair agreed in advance, kept; then its agreement ended
    # by hand: Oliver's Partner cell emptied, 'optimised' typed over its How paired cell and
    # its Reasons emptied
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "Pairs agreed in advance (their letters say so)" in _titles(paired)
    volunteers = paired.parent / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    book["Volunteers"]["P5"].value = None
    book.save(volunteers)
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["S18"].value, book["Pairs"]["T18"].value = None, "optimised"
    book.save(paired)
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "no row left to go with" not in said
    # the row is written with no pair now, as a workbook whose row is gone has had it deleted
    sheet = openpyxl.load_workbook(paired)["Settings"]
    assert [row[1] for row in sheet.iter_rows(values_only=True)
            if row[0] == "Pairs agreed in advance (their letters say so)"] == ["(none)"]


def test_the_added_by_hand_row_gone_once_the_pair_is_kept_is_not_called_your_own(
        run: Runner, paired: Path) -> None:
    nora_joins(paired.parent / "volunteers.xlsx")
    type_a_pair_in(paired, 31, None)  # P030's row copied, its people typed over, no ID
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    added = "Pairs the last pairing found typed in (How paired 'added by hand')"
    assert added in _titles(paired)
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "no row left to go with" not in said
    assert added not in _titles(paired)
