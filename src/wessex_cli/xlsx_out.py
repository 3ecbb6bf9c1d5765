"""Writing new workbooks (xlsxwriter): tables with a clear header, frozen panes, filters and
widths that fit, and every text value stored as text, never run as a formula.

A string cell in .xlsx is text whatever it starts with, so values are stored exactly as
typed (no leading apostrophe that would leak into letters and merges). Text that looks like
a formula also gets Excel's "quote prefix" style, so that editing the cell in Excel later
keeps it text too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import DATE_FORMAT, DATE_SHOWN
from .safe_write import atomic_write
from .text import looks_like_formula

Value = str | int | float | bool | dt.date | None
# Written into the document properties instead of the clock's time, so the same input and
# seed give a byte-identical workbook at any hour (the zip entries are dated 1980 already).
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass
class SheetSpec:
    """One sheet to write: headers, rows, column widths, wrapped columns and drop-down lists."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Value]]
    widths: dict[int, float] = field(default_factory=dict)
    wrap_columns: frozenset[int] = frozenset()
    date_columns: frozenset[int] = frozenset()
    validations: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    note: str = ""  # a line written above the header, e.g. instructions
    frozen_columns: int = 0  # the columns kept in view beside the header row, e.g. a name


def fitted_width(header: str, values: Sequence[Value], cap: float = 45) -> float:
    """A column width that fits the header and the first 500 values, within ``cap``; a
    date as a workbook shows it (``DATE_SHOWN``), not as ``str`` writes it."""
    longest = max([len(header)] + [len(DATE_SHOWN) if isinstance(v, dt.date) else len(str(v))
                                   for v in values[:500] if v is not None] or [8])
    return float(min(cap, max(8, longest + 2)))


def write_workbook(path: Path, sheets: Sequence[SheetSpec],
                   hidden_lists: Mapping[str, Sequence[str]] | None = None) -> None:
    """Write ``sheets`` to ``path`` atomically."""
    atomic_write(path, lambda temp: _write(temp, sheets, hidden_lists or {}))


def _write(temp: Path, sheets: Sequence[SheetSpec], lists: Mapping[str, Sequence[str]],
           direct: bool = True) -> None:
    """Write the workbook to ``temp``. ``direct``: a sheet's rows are written by
    :func:`_write_rows_directly` (the same XML, several times faster); off only in the
    test that holds the two ways to the same bytes."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False,
                                           "strings_to_urls": False,
                                           "strings_to_numbers": False,
                                           "constant_memory": True})
    book.set_properties({"created": CREATED})
    header_fmt = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                  "text_wrap": True, "valign": "top"})
    wrap_fmt = book.add_format({"text_wrap": True, "valign": "top"})
    date_fmt = book.add_format({"num_format": DATE_FORMAT, "valign": "top"})
    top_fmt = book.add_format({"valign": "top"})
    note_fmt = book.add_format({"italic": True, "font_color": "#555555"})
    quoted_fmt = book.add_format({"quote_prefix": True, "valign": "top"})
    for spec in sheets:
        sheet = book.add_worksheet(spec.name)
        first = 0
        if spec.note:
            _write_text(sheet, 0, 0, spec.note, note_fmt)
            first = 1
        for col, header in enumerate(spec.headers):
            _write_text(sheet, first, col, header, header_fmt)
            values = [row[col] if col < len(row) else None for row in spec.rows]
            width = spec.widths.get(col, fitted_width(header, values))
            fmt = wrap_fmt if col in spec.wrap_columns else (
                date_fmt if col in spec.date_columns else top_fmt)
            sheet.set_column(col, col, width, fmt)
        if not (direct and _write_rows_directly(sheet, first + 1, spec.rows, date_fmt,
                                                quoted_fmt)):
            for r, row in enumerate(spec.rows, start=first + 1):
                for col, value in enumerate(row):
                    _write_cell(sheet, r, col, value, date_fmt, quoted_fmt)
        sheet.freeze_panes(first + 1, spec.frozen_columns)
        if spec.headers:
            sheet.autofilter(first, 0, first + max(len(spec.rows), 1), len(spec.headers) - 1)
        for col, validation in spec.validations:
            sheet.data_validation(first + 1, col, first + 5000, col, validation)
    if lists:
        sheet = book.add_worksheet("Lists")
        columns = list(lists.values())
        for col, title in enumerate(lists):
            _write_text(sheet, 0, col, title)
        # row by row: in constant_memory mode a row, once left, can no longer be written to,
        # so filling the lists column by column would leave all but the first empty
        for r in range(1, max(map(len, columns), default=0) + 1):
            for col, items in enumerate(columns):
                if r <= len(items):
                    _write_cell(sheet, r, col, items[r - 1], date_fmt, quoted_fmt)
        sheet.hide()
    book.close()


def _write_cell(sheet: Any, row: int, col: int, value: Value, date_fmt: Any,
                quoted_fmt: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_fmt)
    else:
        text = _stored(str(value))  # judged as stored, as the direct writer judges it
        _write_text(sheet, row, col, text, quoted_fmt if looks_like_formula(text) else None)


def _write_text(sheet: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
    """Write ``text`` as a text cell, whatever it holds.

    xlsxwriter takes a string that begins "<r>" and ends "</r>" (once shortened to the
    32,767 characters a cell holds) for rich text it rendered itself, and copies it into the
    sheet unescaped: a volunteer's cell typed that way could put any XML in the workbook, a
    formula among it. Such a text is handed over as that rich text, one run holding the
    text escaped here (xlsxwriter escapes its control characters itself, once), so it
    reads back as typed."""
    text = _stored(text)
    if _rich_shaped(text):
        text = _one_run(text)
    if fmt is None:
        sheet.write_string(row, col, text)
    else:
        sheet.write_string(row, col, text, fmt)


_CELL_UNITS = 32_767  # what a cell holds, in UTF-16 units: xlsxwriter cuts a text there


def _stored(text: str) -> str:
    """``text`` as xlsxwriter stores it: cut to what a cell holds (a character beyond
    U+FFFF counts twice, and is never split)."""
    if len(text) <= _CELL_UNITS // 2:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > _CELL_UNITS:
            return text[:index]
    return text


def _rich_shaped(text: str) -> bool:
    return text.startswith("<r>") and text.endswith("</r>")


_RUN_OPEN, _RUN_CLOSE = '<r><t xml:space="preserve">', "</t></r>"


def _one_run(text: str) -> str:
    """Rich text of one run holding ``text``, escaped, within what a cell holds (else
    xlsxwriter would cut the closing tags, and write the run as text): the longest start
    of the text that fits once escaped, found in one pass."""
    room = _CELL_UNITS - len(_RUN_OPEN) - len(_RUN_CLOSE)
    used = 0
    for index, char in enumerate(text):
        used += _ESCAPED_UNITS.get(char, 2 if ord(char) > 0xFFFF else 1)
        if used > room:
            text = text[:index]
            break
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _RUN_OPEN + escaped + _RUN_CLOSE


_ESCAPED_UNITS = {"&": 5, "<": 4, ">": 4}  # what each becomes: &amp; &lt; &gt;


# ---------------------------------------------------------------- rows written directly
#
# xlsxwriter spends some ten microseconds on each cell (a call through its checks, a tuple
# stored, then two patterns and three escapes when the row is written out): most of the
# time 'wessex pair' takes to write 10,000 volunteers. In its constant-memory mode it
# writes each finished row's XML to a file of its own and copies that file into the sheet
# when the workbook is closed, so the rows can be written to that file here at once, as
# the same XML it would write for each cell (tests/test_xlsx_rows.py holds the two to the
# same bytes). Every text is escaped here, including one shaped as rich text (which
# xlsxwriter is given as one run, ``_write_text``: so the same text, written differently).

_CONTROL = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL_CHARACTER = re.compile(r"([\x00-\x08\x0b-\x1f])")


def _write_rows_directly(sheet: Any, first: int, rows: Sequence[Sequence[Value]],
                         date_fmt: Any, quoted_fmt: Any) -> bool:
    """Write ``rows`` from row ``first`` (0-based) on as xlsxwriter would, cell by cell;
    False, having written nothing but the rows above, for anything it does not write the
    same way (a number that is not finite, a cell beyond the sheet's last row or column, a
    worksheet without the parts relied on)."""
    if not (getattr(sheet, "constant_memory", False) and all(
            hasattr(sheet, name) for name in ("fh", "previous_row", "col_info", "row_info",
                                              "_write_single_row", "_check_dimensions",
                                              "_convert_date_time"))) or not all(
            hasattr(info, "column_format") for info in sheet.col_info.values()):
        return False  # an xlsxwriter laid out otherwise (its column settings were lists)
    width = max(map(len, rows), default=0)
    if sheet.row_info or width > 16_384 or first + len(rows) > 1_048_576:
        return False  # beyond a sheet's last column or row: xlsxwriter leaves such cells out
    from xlsxwriter.utility import xl_col_to_name

    letters = [xl_col_to_name(col) for col in range(width)]
    column_formats = [sheet.col_info[col].column_format if col in sheet.col_info else None
                      for col in range(width)]
    # A format is numbered when a cell first uses it, so each is looked up as the cell is
    # written, in the order xlsxwriter would: the same numbers, the same styles part.
    styles: dict[int, str] = {}

    def style(fmt: Any) -> str:
        found = styles.get(id(fmt))
        if found is None:
            found = styles[id(fmt)] = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
        return found

    # The last row holding anything is left to xlsxwriter, which writes it out (and numbers
    # its formats) only when the workbook is closed, after the sheets that follow.
    last = next((n for n in range(len(rows) - 1, -1, -1)
                 if any(v is not None and v != "" for v in rows[n])), -1)
    if last > 0:
        sheet._write_single_row(first)  # the rows above (the header) go out first
    lines: list[str] = []  # built whole before any is written, so that False writes nothing
    top = bottom = left = right = -1  # the rows and columns written to
    for r, row in enumerate(rows[:max(last, 0)], start=first):
        number = r + 1
        cells: list[str] = []
        for col, value in enumerate(row):  # the cases and their order are _write_cell's
            if value is None or value == "":
                continue
            if not cells:
                left = col if left < 0 else min(left, col)
            ref = f"{letters[col]}{number}"
            if isinstance(value, bool):
                cells.append(f'<c r="{ref}"{style(column_formats[col])} t="b">'
                             f"<v>{int(value)}</v></c>")
            elif isinstance(value, int | float):
                if not _finite(value):  # refused by xlsxwriter, in its own words
                    return False
                cells.append(f'<c r="{ref}"{style(column_formats[col])}><v>{value:.16G}</v></c>')
            elif isinstance(value, dt.date):
                serial = sheet._convert_date_time(dt.datetime.combine(value, dt.time()))
                cells.append(f'<c r="{ref}"{style(date_fmt)}><v>{serial:.16G}</v></c>')
            else:
                text = _stored(str(value))
                cells.append(_text_cell(ref, text, style(
                    quoted_fmt if looks_like_formula(text) else column_formats[col])))
            right = max(right, col)
        if cells:
            lines.append(f'<row r="{number}">{"".join(cells)}</row>')
            top, bottom = (r if top < 0 else top), r
    if lines:
        sheet._check_dimensions(top, left)
        sheet._check_dimensions(bottom, right)
        sheet.fh.writelines(lines)
    for col, value in enumerate(rows[last] if last >= 0 else ()):
        _write_cell(sheet, first + last, col, value, date_fmt, quoted_fmt)
    return True


def _finite(number: float) -> bool:
    try:
        return math.isfinite(number)
    except OverflowError:  # an int too large for a float
        return False


def _text_cell(ref: str, text: str, style: str) -> str:
    """A text cell, as xlsxwriter writes it inline: control characters as _xHHHH_ (and
    such an escape already in the text escaped in turn), spaces at either end kept."""
    if _CONTROL.search(text):
        text = _ESCAPED_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL_CHARACTER.sub(lambda found: f"_x{ord(found.group(1)):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    keep = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{keep}>{text}</t></is></c>'
