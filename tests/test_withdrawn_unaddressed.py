"""A row of the Withdrawn sheet whose two e-mail cells were emptied is not read: status and
the report left the pair and its withdrawal out without a word, and 'pair --keep' paired the
person who withdrew again, with the same partner, as a new pair. It is warned of by its row
and cells, with the way back."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

WARNING = ("Withdrawn!A2: row 2 (Dr Elif Strand and Anwen Zubair) has no e-mail address on "
           "either side (Withdrawn!G2 and O2 are empty), so it is not read: status and the "
           "report count neither the pair nor the withdrawal, and 'wessex pair --keep' does "
           "not leave out whoever withdrew. Type the two addresses back in (the copies in "
           "backups/ have them).")


def _addresses_emptied(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Withdrawn"]
    header = [cell.value for cell in sheet[1]]
    for title in ("A email", "B email"):
        cell = sheet.cell(2, header.index(title) + 1)
        assert cell.coordinate in ("G2", "O2") and cell.value
        cell.value = None
    book.save(path)


def test_a_withdrawn_row_without_addresses_is_warned_of(run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "moved away")
    _addresses_emptied(paired)
    assert WARNING in " ".join(run("status", "pairs.xlsx").output.split())
    assert WARNING in " ".join(run("report", "pairs.xlsx", "-o", "report.html")
                               .output.split())
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
                    .output.split())
    assert f"Warning: {WARNING}" in said


def test_a_note_on_the_withdrawn_sheet_is_no_row_to_warn_of(run: Runner,
                                                            paired: Path) -> None:
    """A note of the administrator's under the withdrawn pairs, naming nobody, is fine."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    book["Withdrawn"]["B4"] = "checked with the leads"
    book.save(paired)
    assert "Withdrawn!" not in run("status", "pairs.xlsx").output


def test_one_address_column_gone_names_one_cell_as_empty(run: Runner, paired: Path) -> None:
    """With the B email column's header typed over, the row's one address cell is named:
    'Withdrawn!G2 is empty', not 'are empty' of one cell."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "moved away")
    _addresses_emptied(paired)
    book = openpyxl.load_workbook(paired)
    book["Withdrawn"]["O1"] = "B address (old)"
    book.save(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "has no e-mail address on either side (Withdrawn!G2 is empty), so it is not " \
        "read" in said
