"""A pair on the Withdrawn sheet whose Pair cell was emptied: a partner found since for the
one who stayed is known to be in its place only by that ID, so the introduction left out the
sentence saying the new partner is in the place of one who withdrew, 'pair --keep' recorded
'(none)' (or dropped what it had recorded), and status, render and 'pair --keep' said
nothing. Each now says so once, naming the cell and the ID most likely lost; typed back,
the letter says it again and 'pair --keep' records it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from .conftest import Runner
from .test_in_place_row_lost import _ids, _in_place_row, _render, _said
from .test_introduction_repaired import EARLIER, ONE, _letters, _paired_with_one_over, _to

SAID = "the Pair cell of the withdrawn pair of"


def _pair_cell(path: Path, value: str | None = None) -> str:
    """Set the Pair cell of the Withdrawn sheet's only pair to ``value`` (None: empty it);
    that cell, "Withdrawn!E2"."""
    book = openpyxl.load_workbook(path)
    sheet = book["Withdrawn"]
    column = [c.value for c in sheet[1]].index("Pair") + 1
    sheet.cell(2, column).value = value
    book.save(path)
    return f"Withdrawn!{get_column_letter(column)}2"


def test_an_emptied_withdrawn_pair_id_is_warned_of_and_typed_back(run: Runner,
                                                                  tmp_path: Path) -> None:
    first, spare = _paired_with_one_over(run, tmp_path)
    ended = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", first))]
    run("withdraw", "pairs.xlsx", first)
    cell = _pair_cell(tmp_path / "pairs.xlsx")
    warning = f"{cell}, {SAID} {first} and Mr Colm Reid 0, is empty."
    way_back = f"Type the pair's ID back in that cell, most likely {ended}"
    said = _said(run, "status", "pairs.xlsx")
    assert said.count(warning) == 1 and way_back in said
    assert "no introduction of Mr Colm Reid 0 to a new partner says" in said
    dry = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert dry.count(warning) == 1
    kept = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")  # Colm 0 with the spare GP
    assert kept.count(warning) == 1
    new = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", spare))]
    rendered = _render(run, "held")
    assert rendered.count(warning) == 1
    # what it says is so: the letter leaves the sentence out
    assert EARLIER not in _to(_letters(run, tmp_path, "without"), "Mr Colm Reid 0", spare)
    # typed back: nothing said, the letter says it, and 'pair --keep' records it
    _pair_cell(tmp_path / "pairs.xlsx", ended)
    assert SAID not in _said(run, "status", "pairs.xlsx")
    assert ONE.format("Gwen") in _to(_letters(run, tmp_path, "back"), "Mr Colm Reid 0", spare)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _in_place_row(tmp_path) == f"{new} in place of {ended}"
    # emptied once recorded: said again, the ID the record names offered
    _pair_cell(tmp_path / "pairs.xlsx")
    said = _said(run, "status", "pairs.xlsx")
    assert said.count(warning) == 1 and way_back in said


def test_nothing_said_when_nobody_stayed(run: Runner, tmp_path: Path) -> None:
    """The Withdrawn person cell emptied too: nobody is known to have stayed, so no letter
    can be in its place, and the empty Pair cell is not this warning's business."""
    first, _ = _paired_with_one_over(run, tmp_path)
    run("withdraw", "pairs.xlsx", first)
    _pair_cell(tmp_path / "pairs.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Withdrawn"]
    sheet.cell(2, [c.value for c in sheet[1]].index("Withdrawn person") + 1).value = None
    book.save(tmp_path / "pairs.xlsx")
    assert SAID not in _said(run, "status", "pairs.xlsx")
