"""A table's calculated column over the Pairs sheet fills the rows 'pair --keep' adds with its
formula, which has no saved result until Excel works it out. A reader that does not
calculate (python-calamine, so every wessex command) found such a "done" never calculated,
and status, remind and render warned of it on every new pair. The result is now the one
Excel showed in a kept row where the formula reads the same values; where none does, or the
formula reads the day or a range of cells, nothing is made up."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.table import Table, TableFormula

from .conftest import Runner, write_book
from .test_keep_totals import NEWCOMERS
from .test_record import columns, paired, people, status_json, visits_of

__all__ = ["paired"]  # the fixture, used by name

STRUCTURED = 'IF(PairsTable[[#This Row],[A hosts B: date]]<>"","yes","no")'


def _done_as_a_calculated_column(paired: Path, formula: str, dated: set[int],
                                 shown: dict[int, str] | None = None) -> str:
    """The Pairs sheet (pairs in rows 2 to 5) made a table whose "A hosts B: done" column
    is calculated by ``formula`` ("{date}" and "{row}": the date column's letter, the row),
    as Excel saves it: the formula in each row with the result it showed, "yes" in the rows
    ``dated`` (which get a date) and "no" in the others, unless ``shown`` gives a row's.
    Returns the done column's letter."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    date, done = (get_column_letter(col[f"A hosts B: {t}"]) for t in ("date", "done"))
    for row in range(2, 6):
        sheet[f"{done}{row}"] = "=" + formula.format(date=date, row=row)
        if row in dated:
            sheet[f"{date}{row}"] = dt.datetime(2027, 5, 10)
    table = Table(displayName="PairsTable", ref=f"A1:{get_column_letter(sheet.max_column)}5")
    table._initialise_columns()  # noqa: SLF001 - the columns, to be named as in the sheet
    for number, found in enumerate(table.tableColumns, start=1):
        found.name = str(sheet.cell(1, number).value)
    table.tableColumns[col["A hosts B: done"] - 1].calculatedColumnFormula = TableFormula(
        attr_text=formula.format(date=date, row=2))
    sheet.add_table(table)
    book.save(paired)
    with zipfile.ZipFile(paired) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml, found = re.subn(
        rf'<c r="{done}(\d+)"([^>]*)>(<f>.*?</f>)<v\s*(?:/>|></v>)</c>',
        lambda m: f'<c r="{done}{m[1]}"{m[2]} t="str">{m[3]}'
                  f'<v>{(shown or {}).get(int(m[1]), "yes" if int(m[1]) in dated else "no")}'
                  "</v></c>",
        parts[name].decode())
    assert found == 4
    parts[name] = xml.encode()
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return done


def _keep_a_new_pair(run: Runner, tmp_path: Path) -> tuple[Any, str]:
    """pair --keep with two newcomers, paired in row 6; (its stderr, its A's e-mail)."""
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    assert sheet["A6"].value == "P005"
    return sheet, sheet.cell(6, columns(sheet)["A email"]).value


def _calamine_done(path: Path, done: str) -> Any:
    """The new pair's (row 6) cell of column ``done`` as python-calamine reads it."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Pairs").to_python()
    return rows[5][column_index_from_string(done) - 1]


@pytest.mark.parametrize("formula", [STRUCTURED, 'IF({date}{row}<>"","yes","no")'],
                         ids=["as-excel-saves-it", "cell-reference"])
def test_a_new_pairs_calculated_done_has_the_result_of_a_kept_row_reading_the_same(
        run: Runner, paired: Path, tmp_path: Path, formula: str) -> None:
    # P001 is dated, so "yes"; P002-P004 are not, so "no"; the new pair is not dated either
    done = _done_as_a_calculated_column(paired, formula, dated={2})
    sheet, host = _keep_a_new_pair(run, tmp_path)
    date = get_column_letter(columns(sheet)["A hosts B: date"])
    assert sheet[f"{done}6"].value == "=" + formula.format(date=date, row=6)
    assert _calamine_done(paired, done) == "no"
    result = run("status", "pairs.xlsx", "--json")
    assert "no saved result" not in result.stderr and "never calculated" not in result.stderr
    assert visits_of(status_json(run), host)["done"] is False


@pytest.mark.parametrize(("formula", "dated"), [
    (STRUCTURED, {2, 3, 4, 5}),  # every kept pair dated: none reads what the new one does
    ('IF(AND({date}{row}="",TODAY()>0),"no","yes")', set()),  # the day read, not a cell
    ('IF(COUNTA({date}$2:{date}{row})=0,"no","yes")', set()),  # a range, grown by the row
], ids=["no-kept-row-alike", "reads-the-day", "reads-a-range"])
def test_no_result_is_made_up_where_no_kept_row_vouches_for_it(
        run: Runner, paired: Path, tmp_path: Path, formula: str, dated: set[int]) -> None:
    done = _done_as_a_calculated_column(paired, formula, dated)
    _, host = _keep_a_new_pair(run, tmp_path)
    assert _calamine_done(paired, done) in (None, "")
    result = run("status", "pairs.xlsx", "--json")
    assert f"Pairs!{done}6: formula with no saved result" in result.stderr
    assert visits_of(status_json(run), host)["done"] is False


def test_no_result_is_made_up_where_kept_rows_alike_show_two(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """P002 to P004 read the same (none dated), but Excel showed "yes" in P003's row (a
    result not worked out again since, say) and "no" in the others: which the new pair's
    would be cannot be told, so it is left for Excel, not given the first one found."""
    done = _done_as_a_calculated_column(paired, STRUCTURED, dated={2}, shown={4: "yes"})
    _keep_a_new_pair(run, tmp_path)
    assert _calamine_done(paired, done) in (None, "")
    result = run("status", "pairs.xlsx", "--json")
    assert f"Pairs!{done}6: formula with no saved result" in result.stderr
