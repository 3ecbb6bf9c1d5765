"""Hand-mutation kills (mut4) for the Settings row of the pairs made in place of a withdrawn
pair, as typed back by hand: an ID typed in lower case is read as the ID it is, and an
entry with a note after its IDs is not read but warned of, naming the cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_in_place_row_lost import TITLE, _ids, _said
from .test_introduction_repaired import (
    EARLIER,
    _letters,
    _paired_with_one_over,
    _to,
)


def _kept_in_place(run: Runner, folder: Path) -> tuple[str, str, str]:
    """Colm 0 re-paired with the spare GP in place of his first partner, who withdrew, and
    that pair kept by a later 'pair --keep': (the spare GP, the new pair, the ended pair)."""
    first, spare = _paired_with_one_over(run, folder)
    ended = _ids(folder)[frozenset(("Mr Colm Reid 0", first))]
    run("withdraw", "pairs.xlsx", first)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # the new pair kept
    return spare, _ids(folder)[frozenset(("Mr Colm Reid 0", spare))], ended


def _type_in_row(path: Path, text: str) -> str:
    """Type ``text`` over the row's IDs; the cell typed in."""
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    number = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == TITLE)
    sheet.cell(number, 2).value = text
    book.save(path)
    return f"Settings!B{number}"


def test_an_id_typed_in_lower_case_is_read(run: Runner, tmp_path: Path) -> None:
    spare, new, ended = _kept_in_place(run, tmp_path)
    _type_in_row(tmp_path / "pairs.xlsx", f"{new.lower()} in place of {ended.lower()}")
    assert "cannot be read" not in _said(run, "status", "pairs.xlsx")
    assert EARLIER in _to(_letters(run, tmp_path, "out"), "Mr Colm Reid 0", spare)


def test_a_note_after_the_ids_is_warned_of_not_read(run: Runner, tmp_path: Path) -> None:
    spare, new, ended = _kept_in_place(run, tmp_path)
    cell = _type_in_row(tmp_path / "pairs.xlsx", f"{new} in place of {ended}, checked by Sam")
    said = _said(run, "status", "pairs.xlsx")
    assert f"{cell}: '{new} in place of {ended}, checked by Sam' cannot be read" in said
    assert EARLIER not in _to(_letters(run, tmp_path, "out"), "Mr Colm Reid 0", spare)
