"""Writing new workbooks (xlsxwriter): tables with a clear header, frozen panes, filters and
widths that fit, and every text value stored as text, never run as a formula.

A string cell in .xlsx is text whatever it starts with, so values are stored exactly as
typed (no leading apostrophe that would leak into letters and merges). Text that looks like
a formula also gets Excel's "quote prefix" style, so that editing the cell in Excel later
keeps it text too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def fitted_width(header: str, values: Sequence[Value], cap: float = 45) -> float:
    """A column width that fits the header and the first 500 values, within ``cap``."""
    longest = max([len(header)] + [len(str(v)) for v in values[:500] if v is not None] or [8])
    return float(min(cap, max(8, longest + 2)))


def write_workbook(path: Path, sheets: Sequence[SheetSpec],
                   hidden_lists: Mapping[str, Sequence[str]] | None = None) -> None:
    """Write ``sheets`` to ``path`` atomically."""
    atomic_write(path, lambda temp: _write(temp, sheets, hidden_lists or {}))


def _write(temp: Path, sheets: Sequence[SheetSpec], lists: Mapping[str, Sequence[str]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False,
                                           "strings_to_urls": False,
                                           "strings_to_numbers": False,
                                           "constant_memory": True})
    book.set_properties({"created": CREATED})
    header_fmt = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                  "text_wrap": True, "valign": "top"})
    wrap_fmt = book.add_format({"text_wrap": True, "valign": "top"})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
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
        for r, row in enumerate(spec.rows, start=first + 1):
            for col, value in enumerate(row):
                _write_cell(sheet, r, col, value, date_fmt, quoted_fmt)
        sheet.freeze_panes(first + 1, 0)
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
        text = str(value)
        _write_text(sheet, row, col, text, quoted_fmt if looks_like_formula(text) else None)


def _write_text(sheet: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
    """Write ``text`` as a text cell, whatever it holds.

    xlsxwriter takes a string that begins "<r>" and ends "</r>" for rich text it rendered
    itself and copies it into the sheet unescaped, so a volunteer's cell typed that way
    could put any XML in the workbook, a formula among it. Such a text is written as rich
    text of three plain runs instead (its fewest), which xlsxwriter escapes: it reads back
    as typed."""
    if text.startswith("<r>") and text.endswith("</r>"):
        sheet.write_rich_string(row, col, text[:1], text[1:2], text[2:], *([fmt] if fmt else []))
    elif fmt is None:
        sheet.write_string(row, col, text)
    else:
        sheet.write_string(row, col, text, fmt)
