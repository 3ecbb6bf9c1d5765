"""The workbooks as Excel or LibreOffice save them after the administrator has edited them:
what wessex reads from them, and what its edits keep. (Each file is built in the test, its
XML shaped as those programs write it, so no spreadsheet program is needed to run them.)"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.table import Table, TableFormula

from .conftest import Runner, write_book
from .test_keep_grow import _kept_with_a_column
from .test_keep_totals import NEWCOMERS
from .test_record import columns, paired, people, status_json, visits_of, with_cached_formula

__all__ = ["paired"]  # the fixture, used by name


def _done_giving_empty_text(paired: Path) -> tuple[str, str, str]:
    """P001's first done cell filled by =IF(date<>"","yes",""), with no date, as Excel and
    LibreOffice save the empty text it gives: <c t="str"><f>..</f><v></v></c>, a value
    (openpyxl's own, never calculated, has no type). Returns the cell, A's and B's e-mail."""
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    col = columns(sheet)
    date = sheet.cell(2, col["A hosts B: date"]).coordinate
    done = sheet.cell(2, col["A hosts B: done"]).coordinate
    with_cached_formula(paired, done, f'=IF({date}<>"","yes","")', "")
    return done, sheet.cell(2, col["A email"]).value, sheet.cell(2, col["B email"]).value


def test_a_done_formula_whose_result_is_empty_text_was_calculated(run: Runner,
                                                                  paired: Path) -> None:
    # the visit is simply not done, and nothing asks to save the workbook again
    _, host, _ = _done_giving_empty_text(paired)
    result = run("status", "pairs.xlsx", "--json")
    assert "no saved result" not in result.stderr
    assert "never calculated" not in result.stderr
    assert visits_of(status_json(run), host)["done"] is False


def test_a_formula_giving_empty_text_keeps_its_result_through_an_edit(run: Runner,
                                                                     paired: Path) -> None:
    # a visit recorded for the other side of the pair: the save puts back the empty text
    # the formula showed, so the next read still finds it calculated
    done, _, visitor = _done_giving_empty_text(paired)
    run("visit", "pairs.xlsx", visitor, "--hosted", "12/5/2027")
    with zipfile.ZipFile(paired) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    kept = re.search(rf'<c r="{done}"[^>]*>.*?</c>', xml)
    assert kept is not None and 't="str"' in kept.group(0) and "<v></v>" in kept.group(0)
    result = run("status", "pairs.xlsx", "--json")
    assert "no saved result" not in result.stderr
    assert visits_of(status_json(run), visitor)["done"] is True


def _table_with_a_calculated_column(sheet: Any, score: str, column: str) -> None:
    # as Excel saves a table whose own column was filled by typing a formula in its first
    # row: each row's formula, and the formula kept with the table's column
    table = Table(displayName="PairsTable", ref=f"A1:{column}5")
    table._initialise_columns()  # noqa: SLF001 - the columns, to be named as in the sheet
    for number, found in enumerate(table.tableColumns, start=1):
        found.name = str(sheet.cell(1, number).value)
    table.tableColumns[-1].calculatedColumnFormula = TableFormula(attr_text=f"{score}2*2")
    sheet.add_table(table)


def test_a_new_pair_in_a_table_gets_the_formula_of_its_calculated_column(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    # a row added to a table in Excel takes the formulas of its calculated columns; the
    # new pair's row is added to the table, so it takes the column's formula too
    score, doubled, sheet = _kept_with_a_column(
        run, paired, tmp_path, False, "Doubled", lambda score, row: f"={score}{row}*2",
        _table_with_a_calculated_column)
    assert sheet.tables["PairsTable"].ref == f"A1:{doubled}6"
    assert [sheet[f"{doubled}{row}"].value for row in range(2, 7)] == \
        [f"={score}{row}*2" for row in range(2, 7)]


def _as_libreoffice_saves(path: Path, cell: str, typed: str = "TRUE") -> None:
    # TRUE or FALSE typed in LibreOffice is saved as the formula TRUE() or FALSE() with its
    # value
    book = openpyxl.load_workbook(path)
    book["Pairs"][cell] = f"={typed}()"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>{typed}\(\)</f><v\s*(?:/>|></v>)</c>')
    value = 1 if typed == "TRUE" else 0
    xml, found = pattern.subn(rf'<c r="{cell}"\1 t="b"><f aca="false">{typed}()</f>'
                              rf'<v>{value}</v></c>', parts[name].decode())
    assert found == 1
    parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def test_the_sheets_written_afresh_keep_how_their_headings_looked(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    # pair --keep writes the Summary and Settings sheets again: their headings keep the
    # look they had, wessex's own fill and one the administrator gave them
    book = openpyxl.load_workbook(paired)
    assert book["Settings"]["A1"].fill.fgColor.rgb == "FFDCE6F1"  # as 'pair' wrote it
    for cell in book["Summary"][1]:
        cell.fill = PatternFill("solid", fgColor="FFFFC000")
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    assert [(c.value, c.fill.fgColor.rgb, c.font.b) for c in book["Summary"][1]] == \
        [("Item", "FFFFC000", True), ("Value", "FFFFC000", True)]
    assert [(c.value, c.fill.fgColor.rgb, c.font.b) for c in book["Settings"][1]] == \
        [("Setting", "FFDCE6F1", True), ("Value", "FFDCE6F1", True)]


@pytest.mark.parametrize("typed", ["TRUE", "FALSE"])
def test_a_done_typed_true_or_false_in_libreoffice_can_be_dated_by_visit(
        run: Runner, paired: Path, typed: str) -> None:
    # done typed TRUE or FALSE in LibreOffice, no date: 'visit --hosted' gives it its date
    # and ticks it; the TRUE() or FALSE() LibreOffice saved is what was typed, not a formula
    # of the administrator's
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    col = columns(sheet)
    host = sheet.cell(2, col["A email"]).value
    done = sheet.cell(2, col["A hosts B: done"]).coordinate
    _as_libreoffice_saves(paired, done, typed)
    assert visits_of(status_json(run), host)["done"] is (typed == "TRUE")
    run("visit", "pairs.xlsx", host, "--hosted", "12/5/2027")
    found = visits_of(status_json(run), host)
    assert (found["date"], found["done"]) == ("2027-05-12", True)


def test_a_value_in_a_calculated_column_of_the_rows_a_table_grows_over_is_kept() -> None:
    """The rows a table grows over take its calculated column's formula only where they
    hold nothing: a value already there (typed over the formula, as Excel lets a row of a
    calculated column differ) stays. Built here as the edit leaves it: a table over rows 1
    to 3, column C calculated, rows 4 and 5 written below it, C4 holding a value."""
    from wessex_cli import sheet_rows
    from wessex_cli.workbook_edit import Workbook

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Pairs"
    sheet.append(["Pair", "Score", "Doubled"])
    for row in range(2, 6):
        sheet[f"A{row}"], sheet[f"B{row}"] = f"P{row - 1:03d}", row
    sheet["C2"], sheet["C3"] = "=B2*2", "=B3*2"
    sheet["C4"] = "n/a"  # typed over: not the column's formula
    _table_with_a_calculated_column(sheet, "B", "C")
    sheet.tables["PairsTable"].ref = "A1:C3"
    sheet_rows.extend_ranges_down(Workbook(book, Path("pairs.xlsx")), sheet, 3, 5)
    assert sheet.tables["PairsTable"].ref == "A1:C5"
    assert [sheet[f"C{row}"].value for row in range(2, 6)] == \
        ["=B2*2", "=B3*2", "n/a", "=B5*2"]


def _calamine_rows(path: Path) -> list[list[Any]]:
    """The Pairs sheet as python-calamine, wessex's reader, reads it."""
    from python_calamine import CalamineWorkbook

    rows: list[list[Any]] = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        "Pairs").to_python()
    return rows


def _with_empty_texts(paired: Path) -> str:
    """A column of the administrator's, 'Checked', whose cells in rows 2 and 3 (P001, P002)
    hold text of no characters, as some programs save it: an inline text with an empty
    <t/>, and the shared text "". Returns the column's letter."""
    column = get_column_letter(openpyxl.load_workbook(paired)["Pairs"].max_column + 1)
    with zipfile.ZipFile(paired) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode()
    # wessex writes its texts inline: a list of shared texts is added, holding the one ""
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t></t></si></sst>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    relations = "xl/_rels/workbook.xml.rels"
    parts[relations] = parts[relations].replace(
        b"</Relationships>", b'<Relationship Id="rIdTexts" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    for row, cell in ((1, '<c r="{}1" t="inlineStr"><is><t>Checked</t></is></c>'),
                      (2, '<c r="{}2" t="inlineStr"><is><t/></is></c>'),
                      (3, '<c r="{}3" t="s"><v>0</v></c>')):
        xml, found = re.subn(rf'(<row r="{row}"[^>]*>.*?)</row>',
                             lambda m, cell=cell: m.group(1) + cell.format(column) + "</row>",
                             xml, count=1, flags=re.S)
        assert found == 1
    parts[name] = xml.encode()
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    assert [openpyxl.load_workbook(paired)["Pairs"][f"{column}{r}"].value for r in (2, 3)] \
        == ["", ""]
    return column


def test_empty_texts_stay_empty_texts_through_a_visit_and_a_withdrawal(
        run: Runner, paired: Path) -> None:
    # an empty text is not an empty cell: ISBLANK is false of it and COUNTA counts it, so a
    # save keeps it as it was, and the row withdrawn takes it to the Withdrawn sheet
    column = _with_empty_texts(paired)
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    col = columns(sheet)
    p002_a = sheet.cell(3, col["A email"]).value
    run("visit", "pairs.xlsx", sheet.cell(2, col["A email"]).value, "--hosted", "12/5/2027")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert [(sheet[f"{column}{r}"].value, sheet[f"{column}{r}"].data_type) for r in (2, 3, 4)] \
        == [("", "s"), ("", "s"), (None, "n")]
    shown = _calamine_rows(paired)
    assert [shown[r - 1][column_index_from_string(column) - 1] for r in (2, 3)] == ["", ""]
    run("withdraw", "pairs.xlsx", p002_a, "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    withdrawn = book["Withdrawn"]
    checked = [c.column for c in withdrawn[1] if c.value == "Checked"]
    assert len(checked) == 1 and withdrawn.cell(2, checked[0]).value == ""
    assert book["Pairs"][f"{column}2"].value == ""  # P001's, still in row 2


def test_the_empty_text_of_a_row_withdrawn_is_not_put_in_the_row_moved_up_into_its_place(
        run: Runner, paired: Path) -> None:
    # P002's empty text (row 3) goes to the Withdrawn sheet with its row; P003's cell below
    # it, empty but formatted, moves up into row 3 and stays an empty cell: the empty text
    # is put back only where its own cell still is
    column = _with_empty_texts(paired)
    with zipfile.ZipFile(paired) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml, found = re.subn(r'(<row r="4"[^>]*>.*?)</row>',
                         lambda m: m.group(1) + f'<c r="{column}4" s="1"/></row>',
                         parts[name].decode(), count=1, flags=re.S)
    assert found == 1
    parts[name] = xml.encode()
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert (sheet[f"{column}4"].value, sheet[f"{column}4"].has_style) == (None, True)
    run("withdraw", "pairs.xlsx", sheet.cell(3, columns(sheet)["A email"]).value,
        "--reason", "moved away")
    moved_up = openpyxl.load_workbook(paired)["Pairs"][f"{column}3"]
    assert (moved_up.value, moved_up.has_style) == (None, True)
