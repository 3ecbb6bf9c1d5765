"""One of a pair's two emptied from the Pairs sheet by hand, name and e-mail cells both:
'status' counted the pair's two visits as owed, with nobody to owe them to, and said
nothing, while render and remind refused any batch naming the pair. Status (and every
command that reads the workbook) now says which cells, what follows, and how to put it
right."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from .conftest import EXAMPLES, Runner


def _empty(path: Path, row: int, *titles: str) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    headers = [cell.value for cell in sheet[1]]
    for title in titles:
        sheet.cell(row, headers.index(title) + 1).value = None
    book.save(path)


def test_a_pair_with_one_half_emptied_is_warned_of(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    _empty(tmp_path / "pairs.xlsx", 2, "B name", "B email")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Pairs!J2 and K2: row 2 (pair P001) names nobody as Dr Amelia Ashworth's partner " \
        "(its cells B name and B email are empty), so its two visits are counted as still " \
        "owed, and render and remind refuse any batch of letters naming the pair. Type the " \
        "name and address back in" in said
    assert said.count("names nobody as") == 1


def test_no_warning_while_a_name_or_an_address_is_left(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    _empty(tmp_path / "pairs.xlsx", 2, "B email")
    _empty(tmp_path / "pairs.xlsx", 3, "A name")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "names nobody as" not in said
