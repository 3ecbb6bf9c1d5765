"""The rows of a written workbook are written directly (``xlsx_out._write_rows_directly``)
rather than cell by cell through xlsxwriter, for speed: the sheet's XML must be the same,
byte for byte, as xlsxwriter's own for every kind of value a sheet can hold."""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wessex_cli.xlsx_out import SheetSpec, Value, _write, _write_rows_directly

# Text with what xlsxwriter treats specially: control characters (written _xHHHH_), text
# already shaped like that escape, spaces at either end, markup characters, characters XML
# forbids, formula starts, and long runs
_PIECES = ["a", "Z", " ", "\t", "\n", "\r", "\x00", "\x01", "\x1f", "\x7f", "&", "<", ">", '"',
           "'", "=", "+", "-", "@", "_x0041_", "_x00", "é", "\u00a0", "\u2028", "\ufffe",
           "\uffff", "😀", "\u3000", "_", "x" * 40]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join).filter(
    lambda text: not (text.startswith("<r>") and text.endswith("</r>")))
_VALUES: st.SearchStrategy[Value] = st.one_of(
    st.none(), st.just(""), _TEXT, _TEXT, _TEXT, st.booleans(), st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)), st.datetimes(dt.datetime(1900, 3, 1)))
_ROWS = st.lists(st.lists(_VALUES, max_size=6), max_size=6)


def _sheet_xml(sheets: list[SheetSpec], folder: Path, direct: bool) -> list[bytes]:
    path = folder / f"{direct}.xlsx"
    path.unlink(missing_ok=True)
    _write(path, sheets, {"Professions": ["GP", "=1+1"]}, direct=direct)
    with zipfile.ZipFile(path) as book:
        return [book.read(name) for name in sorted(book.namelist())]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(rows=[[None, "a"], ["=b"], [None, None, "c"]], headers=[], note="",
         dates=frozenset(), wrapped=frozenset())  # no header: the rows set the dimension
@example(rows=[[" " * 32_767 + "=1+1", "x"], ["y"]], headers=["H"], note="",
         dates=frozenset(), wrapped=frozenset())  # formula-like only past what is stored
@example(rows=[["y" * 40_000, "😀" * 20_000, "a" * 16_384], ["z" * 32_768]], headers=["H"],
         note="", dates=frozenset(), wrapped=frozenset())  # texts a cell cannot hold, cut
@example(rows=[["a & b <c>", "x\x01y", "_x0041_", "\ufffe\uffff", " lead", "trail\n", "=1"],
               [True, 7, 2.5, dt.date(2027, 5, 4), dt.datetime(2027, 5, 4, 9, 30), "-1",
                "@x", "\tz"], ["last"]],
         headers=["A", "B"], note="", dates=frozenset({3}), wrapped=frozenset({0}))
@given(rows=_ROWS, headers=st.lists(_TEXT, max_size=5), note=_TEXT,
       dates=st.frozensets(st.integers(0, 5)), wrapped=st.frozensets(st.integers(0, 5)))
def test_rows_written_directly_are_xlsxwriters_own(
        tmp_path: Path, rows: list[list[Value]], headers: list[str], note: str,
        dates: frozenset[int], wrapped: frozenset[int]) -> None:
    sheets = [SheetSpec("Pairs", headers, rows, date_columns=dates, wrap_columns=wrapped,
                        note=note),
              SheetSpec("Second", ["Name"], [["x"], [None], [1.5]])]
    assert _sheet_xml(sheets, tmp_path, True) == _sheet_xml(sheets, tmp_path, False)


def test_a_text_shaped_as_rich_text_is_escaped_like_any_other(tmp_path: Path) -> None:
    rich = '<r><t>x</t></r></is></c><c r="Z1"><f>1+1</f></c><c r="Z2"><is><r><t>y</t></r>'
    path = tmp_path / "rich.xlsx"
    # (the last row is xlsxwriter's to write: test_safety_outputs reads that back)
    _write(path, [SheetSpec("Pairs", ["Name", "Notes"], [["Ann", rich], ["Bo", "x"]])], {})
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert '<c r="B2" s="2" t="inlineStr"><is><t>&lt;r&gt;&lt;t&gt;x&lt;/t&gt;' in xml


@pytest.mark.parametrize("row", [["b", math.nan], ["b", math.inf], ["b", 10 ** 400],
                                 ["b"] * 16_385])
def test_a_row_xlsxwriter_writes_otherwise_is_left_to_it(tmp_path: Path,
                                                        row: list[Value]) -> None:
    # a number that is not finite (xlsxwriter refuses it), one too large for a float, a
    # cell beyond the last column (xlsxwriter leaves it out): the rows are then written
    # cell by cell, nothing twice
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "book.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("Pairs")
    plain = book.add_format()
    assert not _write_rows_directly(sheet, 1, [["a", 1], row, ["c"]], plain, plain)
    assert sheet.dim_rowmax is None  # nothing was written
    book.close()


def test_an_xlsxwriter_laid_out_otherwise_is_left_to_write_its_own_cells(
        tmp_path: Path) -> None:
    # older xlsxwriter kept a column's settings as a list, not an object with its format:
    # the direct writer then writes nothing, and the cells go through xlsxwriter's own calls
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "book.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("Pairs")
    plain = book.add_format()
    sheet.set_column(0, 0, 10, plain)
    real = sheet.col_info
    sheet.col_info = {0: [10, plain, False, 0, False, False]}
    assert not _write_rows_directly(sheet, 1, [["a"], ["b"]], plain, plain)
    assert sheet.dim_rowmax is None
    sheet.col_info = real
    book.close()
