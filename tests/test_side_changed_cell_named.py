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
