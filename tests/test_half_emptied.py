"""One of a pair's two emptied from the Pairs sheet by hand, name and e-mail cells both:
'status' counted the pair's two visits as owed, with nobody to owe them to, and said
nothing, while render and remind refused any batch naming the pair. Status (and every
command that reads the workbook) now says which cells, what follows, and how to put it
right."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

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


def test_no_letter_is_written_to_or_about_the_half_emptied(run: Runner, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """The warning says render refuses any batch naming the pair, and the README that a
    letter to or about someone whose name was emptied is written in no format; the notice
    for patients of P001's visit at Harbourside Surgery was written all the same, naming
    its visitor as nobody ('a colleague ..., **** (consultant)'), and the celebration
    invitation in any format but e-mail greeted the emptied half 'Dear ,'."""
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    _empty(tmp_path / "pairs.xlsx", 2, "B name", "B email")
    refused = "Pairs!J2 and K2 (the name and address of Dr Amelia Ashworth's partner) are empty"
    result = run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt",
                 "-o", "notices", code=1)
    said = " ".join(result.output.split())
    assert "no copy of 'patient-notice' was written" in said
    assert refused in said
    assert "Type the name and address back into each cell named" in said
    assert not (tmp_path / "notices").exists()
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-20")
    result = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "--format", "txt",
                 "-o", "invitations", code=1)
    # an invitation is to each person alone: the cells are named without the partner
    assert "Pairs!J2 and K2 (the name and address) are empty" in " ".join(result.output.split())
    assert not (tmp_path / "invitations").exists()
    # typed back, both are written
    book = openpyxl.load_workbook(EXAMPLES / "pairs.xlsx")
    name, email = (book["Pairs"][cell].value for cell in ("J2", "K2"))
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    book["Pairs"]["J2"], book["Pairs"]["K2"] = name, email
    book.save(tmp_path / "pairs.xlsx")
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "--format", "txt",
        "-o", "invitations")
    written = list((tmp_path / "invitations" / "celebration-invite").iterdir())
    assert len(written) == 60  # the README's 59 people paired and 1 unpaired
