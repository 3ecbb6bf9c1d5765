"""A cell holding an error value: a done cell whose formula gives #N/A, or a #DIV/0! pasted
as a value. python-calamine reads such a cell as blank, so the visit was counted as not
done and nothing said why; the cell is now named, with what to do."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from .conftest import EXAMPLES, Runner


def _errors_in(path: Path, cells: dict[str, str]) -> None:
    """Each cell of ``cells`` on the Pairs sheet (sheet1.xml) made one holding an error, as
    Excel and LibreOffice save one: the given XML inside <c r=... t="e">."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, inner in cells.items():
        xml, count = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)',
                             f'<c r="{ref}" t="e">{inner}</c>', xml, count=1)
        assert count == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _example(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    for name in ("scheme.toml", "volunteers.xlsx", "pairs.xlsx"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder / "pairs.xlsx"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example pairs workbook with P001's 'A hosts B: done' (V2) a formula giving #N/A,
    and P002's (V3) a #DIV/0! pasted as a value."""
    path = _example(tmp_path, monkeypatch)
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    assert sheet["V1"].value == "A hosts B: done"
    sheet["V2"] = "yes"
    sheet["V3"] = "yes"
    book.save(path)
    _errors_in(path, {"V2": "<f>VLOOKUP(A2,Log!A:B,2,FALSE)</f><v>#N/A</v>",
                      "V3": "<v>#DIV/0!</v>"})
    return path


def test_a_done_cell_holding_an_error_is_named(run: Runner, broken: Path) -> None:
    said = " ".join(run("status", "pairs.xlsx").output.split())
    for cell in ("V2", "V3"):
        assert f"Pairs!{cell}: this cell shows an error (such as #N/A or #DIV/0!) where a " \
            "value belongs, so wessex reads it as blank. Correct its formula, or type the " \
            "value in its place." in said


def test_an_error_in_a_column_of_ones_own_is_not_wessexs_to_name(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The administrator's own formula column (here 'Follow up', after wessex's columns) is
    theirs to read: as with a formula never calculated, nothing is said of it."""
    path = _example(tmp_path, monkeypatch)
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    own = sheet.max_column + 1
    sheet.cell(1, own).value = "Follow up"
    sheet.cell(2, own).value = "later"
    sheet["V2"] = "yes"
    book.save(path)
    letter = openpyxl.utils.get_column_letter(own)
    _errors_in(path, {f"{letter}2": "<f>1/0</f><v>#DIV/0!</v>", "V2": "<v>#N/A</v>"})
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"Pairs!{letter}2" not in said
    assert "Pairs!V2: this cell shows an error" in said


def test_an_error_pasted_as_a_value_in_a_sheet_of_no_formula_is_named(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No formula anywhere, so the sheet's rows are plain: the quick measure of them must
    not pass over the one cell holding an error (pasted as a value)."""
    path = _example(tmp_path, monkeypatch)
    book = openpyxl.load_workbook(path)
    book["Pairs"]["X4"] = "yes"
    assert book["Pairs"]["X1"].value == "B hosts A: done"
    book.save(path)
    _errors_in(path, {"X4": "<v>#N/A</v>"})
    assert "<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Pairs!X4: this cell shows an error (such as #N/A or #DIV/0!)" in said
