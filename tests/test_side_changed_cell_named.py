"""A kept pair ended by 'pair --keep' because one of its two is now on their partner's side
(no half day done) was said to end because that person's 'Profession or Side in the volunteer
workbook has changed', though the example's workbook has neither column: its column is headed
'Job title', and nothing said which cell. The reason now names the cell, by the title the
workbook gives its column, as the warning of a pair held for the same change does."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_a_pair_ended_for_a_change_of_side_names_the_cell_by_the_workbooks_title(
        run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired.parent / "volunteers.xlsx")
    sheet = book["Volunteers"]
    assert (sheet["A50"].value, sheet["D3"].value) == ("Dr Noor Kerrigan", "Job title")
    sheet["D50"].value = "GP"  # P002, with Dr Arjun Rasmussen, a GP: no half day done
    book.save(paired.parent / "volunteers.xlsx")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert ("Pair P002 was not kept: Dr Noor Kerrigan is now on the Primary care side, as Dr "
            "Arjun Rasmussen is: Dr Noor Kerrigan's Job title cell (Volunteers!D50) in the "
            "volunteer workbook has changed since the pairing (the Secondary care side "
            "then).") in said
    assert "Profession or Side" not in said


def test_a_row_recording_both_on_the_side_they_left_names_both_cells(
        run: Runner, paired: Path) -> None:
    """P002's row typed to say both were paired from Secondary care (its A side cell, F3,
    says so for the GP Dr Arjun Rasmussen), and Dr Noor Kerrigan's Job title typed to GP:
    both now read on the Primary care side and both differ from the row. Neither alone
    'moved as the other is', so the reason names both cells, not one person's change."""
    book = openpyxl.load_workbook(paired)
    assert (book["Pairs"]["A3"].value, book["Pairs"]["F1"].value) == ("P002", "A side")
    book["Pairs"]["F3"].value = "Secondary care"
    book.save(paired)
    book = openpyxl.load_workbook(paired.parent / "volunteers.xlsx")
    assert book["Volunteers"]["A7"].value == "Dr Arjun Rasmussen"
    book["Volunteers"]["D50"].value = "GP"
    book.save(paired.parent / "volunteers.xlsx")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert ("Pair P002 was not kept: Dr Arjun Rasmussen and Dr Noor Kerrigan are now both on "
            "the Primary care side: see Dr Arjun Rasmussen's Job title cell (Volunteers!D7) "
            "and Dr Noor Kerrigan's Job title cell (Volunteers!D50).") in said
    assert "as Dr Noor Kerrigan is" not in said and "as Dr Arjun Rasmussen is" not in said
