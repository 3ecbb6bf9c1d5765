"""'pair --keep --skip-errors' holds a pair as it stands when one of its people has an error in
their row. Its note said the pair was "neither changed nor ended" while, in the same run, its
How paired cell was written 'kept' (a pair the pairing before made, carried over as every
kept pair is) and counted among the cells the next line says now say 'kept'. The note now
says that its How paired cell alone changes; a held pair whose cell says 'kept' already is
still neither changed nor ended."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_keep_held_listed import isla_host_days
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _p011_how_paired(path: Path) -> object:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet["A12"].value == "P011"
    return sheet.cell(12, header.index("How paired") + 1).value


def test_the_note_of_a_held_pair_says_its_how_paired_cell_now_says_kept(
        run: Runner, paired: Path) -> None:
    isla_host_days(paired.parent / "volunteers.xlsx", "Tuesday lunchtime")
    assert _p011_how_paired(paired) == "optimised"
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert "Pair P011 is kept as it stands: Dr Isla Okonkwo's row (row 6) has an error, so " \
        "the pair is neither changed nor ended, but for its How paired cell, which now says " \
        "'kept', as for every pair carried over from the pairing before. Fix the row, then " \
        "pair again with --keep." in said
    assert "neither changed nor ended. Fix" not in said
    assert _p011_how_paired(paired) == "kept"


def test_with_dry_run_the_note_says_the_cell_would_say_kept(run: Runner, paired: Path) -> None:
    isla_host_days(paired.parent / "volunteers.xlsx", "Tuesday lunchtime")
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors",
                 "--dry-run")
    assert "so the pair is neither changed nor ended, but for its How paired cell, which " \
        "would say 'kept', as for every pair carried over from the pairing before." in said
    assert _p011_how_paired(paired) == "optimised"


def test_a_held_pair_already_kept_is_neither_changed_nor_ended(run: Runner,
                                                                paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    isla_host_days(paired.parent / "volunteers.xlsx", "Tuesday lunchtime")
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert "Pair P011 is kept as it stands: Dr Isla Okonkwo's row (row 6) has an error, so " \
        "the pair is neither changed nor ended. Fix the row, then pair again with --keep." \
        in said
    assert "How paired cell, which" not in said
