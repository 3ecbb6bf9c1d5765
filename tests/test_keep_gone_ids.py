"""A pair whose row was deleted by hand and then paired past with --force keeps its ID out
of every later numbering: the letters sent still name it. The run with --force left it out
of the Settings sheet's list of the pairs wessex wrote (the pair is on no sheet), so the
run after numbered on from the highest ID left and gave a newcomers' pair that very ID."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from wessex_cli.pairs_workbook import GONE_SETTING

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _status_of(folder: Path, names: tuple[str, str], status: str | None,
               new_address: bool = False) -> None:
    """Set the Status of the volunteers ``names`` (and give them new addresses, as people
    who join afresh)."""
    book = openpyxl.load_workbook(folder / "volunteers.xlsx")
    sheet = book["Volunteers"]
    header = [c.value for c in sheet[3]]  # under the title
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row, 1).value in names:
            sheet.cell(row, header.index("Status") + 1).value = status
            if new_address:
                email = sheet.cell(row, header.index("E-mail") + 1)
                email.value = str(email.value).replace("@", ".new@")
    book.save(folder / "volunteers.xlsx")


def _settings(path: Path, title: str) -> list[object]:
    return [row[1] for row in openpyxl.load_workbook(path)["Settings"].iter_rows(
        values_only=True) if row[0] == title]


@pytest.fixture
def forced(run: Runner, paired: Path) -> Path:
    """P030's row deleted by hand, its two people inactive, paired past with --force."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [c.value for c in sheet[1]]
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "P030"
    names = (str(sheet.cell(last, header.index("A name") + 1).value),
             str(sheet.cell(last, header.index("B name") + 1).value))
    sheet.delete_rows(last)
    book.save(paired)
    _status_of(paired.parent, names, "inactive")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--force")
    shutil.copy(paired, paired.parent / "after-force.xlsx")
    _status_of(paired.parent, names, None, new_address=True)  # back, as newcomers
    return paired


def test_a_pair_deleted_and_paired_past_keeps_its_id_from_the_next_new_pair(
        run: Runner, forced: Path) -> None:
    assert _settings(forced.parent / "after-force.xlsx", GONE_SETTING) == ["P030"]
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(forced)["Pairs"]
    ids = [sheet.cell(row, 1).value for row in range(2, sheet.max_row + 1)]
    assert "P030" not in ids and ids[-1] == "P031"
    assert _settings(forced, GONE_SETTING) == ["P030"]  # and for every run after


def test_a_workbook_with_no_pair_deleted_has_no_such_setting(paired: Path) -> None:
    assert _settings(paired, GONE_SETTING) == []
