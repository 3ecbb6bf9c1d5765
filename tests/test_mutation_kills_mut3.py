"""Tests written against mutants of the day's decision lines that the existing tests let
live (pairs typed in by hand, the list of the pairs agreed in advance gone, ...). Each
expected value is written from the README and the templates' own words."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_hand_pair_letters_kept import CHOSEN_BY_HAND, _letter
from .test_keep_added_by_hand import _how_paired, _typed_in, nora_joins
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

HAND_ROW = "Pairs typed in by hand (their letters say you paired them)"


def _settings(path: Path) -> dict[str, object]:
    sheet = openpyxl.load_workbook(path)["Settings"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}


def _delete_setting(path: Path, title: str) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    number = next(row[0].row for row in sheet.iter_rows() if row[0].value == title)
    sheet.delete_rows(number)
    book.save(path)


def test_the_run_that_finds_a_pair_typed_in_records_it_at_once(run: Runner,
                                                                paired: Path) -> None:
    """The 'pair --keep' that marks P031 'added by hand' writes the Settings row naming it
    then, not only at a later run (mutant: by_hand taken from the record alone)."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    nora_joins(paired.parent / "volunteers.xlsx")
    _typed_in(paired, "P031")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _how_paired(paired)["P031"] == "added by hand"
    assert _settings(paired)[HAND_ROW] == "P031"


def test_a_workbook_without_the_hand_row_reads_the_pairs_the_last_run_found_typed_in(
        run: Runner, paired: Path) -> None:
    """A workbook written before the row 'Pairs typed in by hand': the pairs its last run
    marked 'added by hand' (the Settings row of that How paired value) count as typed in by
    hand, so after the next 'pair --keep' ('kept' in the cell) P031's letter still says the
    administrator paired the two (mutant: that fallback dropped)."""
    folder = paired.parent
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    nora_joins(folder / "volunteers.xlsx")
    _typed_in(paired, "P031")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    _delete_setting(paired, HAND_ROW)  # as a workbook written before the row
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _how_paired(paired)["P031"] == "kept"
    letter = _letter(run, folder, "again")
    assert CHOSEN_BY_HAND in letter, letter[:300]
    assert "preferences" not in letter
    assert _settings(paired)[HAND_ROW] == "P031"  # and the row is written again



LIST_ROW = "Pairs agreed in advance"


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _type(path: Path, **cells: str | None) -> None:
    """Type each value in its cell of the Pairs sheet (``S2="..."``)."""
    book = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        book["Pairs"][cell].value = value
    book.save(path)


def _delete_list(path: Path) -> None:
    _delete_setting(path, next(str(title) for title in _settings(path)
                               if str(title).startswith(LIST_ROW)))


def test_the_backups_copy_is_named_only_when_there_is_a_backups_folder(
        run: Runner, paired: Path) -> None:
    """The warning of the list deleted points to a copy in the backups folder only when
    there is one: a workbook 'pair' has just written has none (mutant: always said)."""
    assert not (paired.parent / "backups").exists()
    _delete_list(paired)
    status = _said(run, "status", "pairs.xlsx")
    assert "The letters of P017 still say its two agreed in advance" in status
    assert "backups" not in status
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # a backup of the workbook made
    _delete_list(paired)
    assert "(P017 among them). If it was deleted, a copy of the workbook in the backups " \
        "folder from before then has it." in _said(run, "status", "pairs.xlsx")


def test_two_pairs_whose_reasons_still_say_agreed_are_named_together(
        run: Runner, paired: Path) -> None:
    """P001's Reasons begun 'locked as agreed; ' as well as P017's: the warning speaks of
    both pairs, 'their two' (mutant: 'its two' for any number)."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    reasons = str(openpyxl.load_workbook(paired)["Pairs"]["S2"].value)
    _type(paired, S2=f"locked as agreed; {reasons}")
    _delete_list(paired)
    status = _said(run, "status", "pairs.xlsx")
    assert "The letters of P001 and P017 still say their two agreed in advance, as their " \
        "cells say (Pairs!S2" in status, status


def test_a_locked_typed_over_a_pair_chosen_by_the_pairing_is_not_read_as_wessex_s(
        run: Runner, paired: Path) -> None:
    """The list deleted, and P001 ('kept', chosen by the pairing) given 'locked' in its How
    paired cell and its Reasons emptied: the warning of the list gone names the one pair
    whose cells as wessex wrote them say its two agreed, P017, and asks nothing about P001
    (mutants: a 'locked' not written by wessex taken as its; P001 asked about as an agreed
    pair whose Reasons were emptied)."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    _type(paired, S2=None, T2="locked")
    _delete_list(paired)
    status = _said(run, "status", "pairs.xlsx")
    assert "which did not keep that list? The letters of P017 still say its two agreed in " \
        "advance, as its cells say (Pairs!S18)" in status, status
    assert "whether the two of pair P001" not in status


def test_optimised_typed_over_a_kept_agreed_pair_is_asked_about(run: Runner,
                                                                paired: Path) -> None:
    """P017, agreed in advance and kept ('kept' in its How paired cell, the Settings list
    naming it): 'optimised' typed over that cell and 'locked as agreed; ' taken out of its
    Reasons. status asks whether the cell was typed over, since the record says the two
    agreed (mutant: asked only of a pair whose cell wessex last wrote 'locked')."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    reasons = str(openpyxl.load_workbook(paired)["Pairs"]["S18"].value)
    assert reasons.startswith("locked as agreed; ")
    _type(paired, S18=reasons.removeprefix("locked as agreed; "), T18="optimised")
    status = _said(run, "status", "pairs.xlsx")
    assert "Pairs!T18 says 'optimised' for pair P017 (Dr Oliver Pemberton and Dr Dara " \
        "Arkwright), but the Settings sheet records the two as agreed in advance, and its " \
        "Reasons (Pairs!S18) do not begin 'locked as agreed': was the cell typed over?" \
        in status, status
