"""A pair held as it stands by 'pair --keep --skip-errors' (one of its people has an error in
their row) was left out of the Settings list of the pairs wessex last wrote, though its row
stayed on the Pairs sheet: once the row was fixed, the next 'pair --keep' took it for a pair
typed in by hand, How paired "added by hand", and 'render --new' would have introduced its
two people to each other a second time. It stays listed."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.pairs_workbook import PAIRS_SETTING

from .conftest import Runner
from .test_keep_added_by_hand import type_a_pair_in
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def isla_host_days(volunteers: Path, text: str) -> None:
    """Dr Isla Okonkwo's host days (Volunteers!I6, in P011) typed as ``text``."""
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    assert sheet["A6"].value == "Dr Isla Okonkwo"
    sheet["I6"].value = text
    book.save(volunteers)


def _listed(paired: Path) -> list[object]:
    """The Settings sheet's list of the pairs wessex last wrote, a cell a row."""
    return [row[1] for row in openpyxl.load_workbook(paired)["Settings"].iter_rows(
        values_only=True) if row[0] == PAIRS_SETTING]


def test_a_pair_held_for_an_error_stays_listed_and_is_not_added_by_hand(
        run: Runner, paired: Path) -> None:
    volunteers = paired.parent / "volunteers.xlsx"
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    isla_host_days(volunteers, "Tuesday lunchtime")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
                    .output.split())
    assert "Pair P011 is kept as it stands" in said
    assert _listed(paired) == ["P001-P030"]
    isla_host_days(volunteers, "Mon")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "added by hand" not in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet["A12"].value == "P011"
    assert sheet.cell(12, header.index("How paired") + 1).value == "kept"


def test_a_pair_typed_in_by_hand_and_held_is_still_not_listed(run: Runner,
                                                              paired: Path) -> None:
    """Only a held pair wessex wrote stays listed: one typed in by hand, held for an error in
    its person's row, is still to be introduced once the row is fixed, so it is not listed
    as written (listed, the next 'pair --keep' would call it "kept", never "added by hand",
    and 'render --new' would not introduce its two people)."""
    volunteers = paired.parent / "volunteers.xlsx"
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    type_a_pair_in(paired, 30, "P031", "optimised")  # Dr Maryam Kowalczyk's
    book = openpyxl.load_workbook(volunteers)
    assert book["Volunteers"]["A26"].value == "Dr Maryam Kowalczyk"
    book["Volunteers"]["I26"].value = "Tuesday lunchtime"
    book.save(volunteers)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
                    .output.split())
    assert "Pair P031 is kept as it stands" in said
    assert _listed(paired) == ["P001-P030"]
