"""'withdraw --in' for someone whose row of the volunteer workbook has an error (a Capacity
cell typed 'two'): wessex leaves such a row out of its reading, and the command said that
they were 'not in the volunteer workbook', with their row there in front of the
administrator. It now says that their row has an error, which one, and what to do."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_withdraw_in_names_the_error_that_leaves_their_row_out(
        run: Runner, paired: Path) -> None:
    volunteers = paired.parent / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    assert (sheet["A5"].value, sheet["O3"].value) == ("Dr Oliver Pemberton", "Max partners")
    sheet["O5"].value = "two"
    book.save(volunteers)
    said = " ".join(run("withdraw", "pairs.xlsx", "Oliver Pemberton", "--in",
                        "volunteers.xlsx", code=1).output.split())
    assert "not in the volunteer workbook" not in said
    assert "Dr Oliver Pemberton's row of the volunteer workbook (row 5) has an error, so " \
        "wessex does not read it, and nothing was changed" in said
    assert "Volunteers!O5" in said  # the cell in error, named
    assert "'wessex check volunteers.xlsx'" in said
    # nothing moved: the pair is still on the Pairs sheet
    assert "P017" in [c.value for c in openpyxl.load_workbook(paired)["Pairs"]["A"]]
