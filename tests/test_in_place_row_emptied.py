"""The Settings row 'Pairs made in place of a withdrawn pair (their letters say so)' with its
title kept and its value emptied loses what the row deleted loses: a kept re-paired pair's
introduction no longer says the new partner is in the place of one who withdrew. status,
render and 'pair --keep' (dry or not) each say so once, naming the emptied cell, with the
entry to type back there."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_in_place_row_lost import TITLE, _ids, _render, _said
from .test_introduction_repaired import EARLIER, ONE, _letters, _paired_with_one_over, _to


def _set_value(path: Path, value: str | None) -> str:
    """Set the value of the row titled TITLE (its title kept); that cell, "Settings!B18"."""
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    number = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == TITLE)
    sheet.cell(number, 2).value = value
    book.save(path)
    return f"Settings!B{number}"


def test_the_row_emptied_is_warned_of_like_the_row_deleted(run: Runner, tmp_path: Path) -> None:
    first, spare = _paired_with_one_over(run, tmp_path)
    ended = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", first))]
    run("withdraw", "pairs.xlsx", first)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # Colm 0 with the spare GP: a new pair
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # kept, and recorded
    new = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", spare))]
    entry = f"{new} in place of {ended}"
    cell = _set_value(tmp_path / "pairs.xlsx", None)
    emptied = f"{cell} is empty, where 'wessex pair --keep' lists the IDs of the pairs made in " \
        "place of a withdrawn pair"
    lost = f"the introduction of Mr Colm Reid 0 to {spare} (pair {new}) leaves out the sentence"
    for said in (_said(run, "status", "pairs.xlsx"), _render(run, "emptied"),
                 _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")):
        assert said.count(emptied) == 1
        assert lost in said and f"most likely '{entry}'" in said
        assert "no row" not in said  # the row is there: its cell is named
    assert EARLIER not in _to(_letters(run, tmp_path, "lost"), "Mr Colm Reid 0", spare)
    # the entry typed back in that cell: nothing said, and the letter says it again
    _set_value(tmp_path / "pairs.xlsx", entry)
    assert TITLE not in _said(run, "status", "pairs.xlsx")
    assert ONE.format("Gwen") in _to(_letters(run, tmp_path, "back"), "Mr Colm Reid 0", spare)
    # emptied again, the real run says it once, with what to type once it is done
    _set_value(tmp_path / "pairs.xlsx", None)
    said = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert said.count(emptied) == 1 and f"'{entry}'" in said and "once it is done" in said
