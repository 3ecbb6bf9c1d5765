"""One inspection of every input file before any reader sees it, against limits kept here.

A workbook is a zip of XML, and both can lie about their size: a 5 KB .xlsx with one cell
at ``AAA200000`` makes a reader allocate the whole used range (gigabytes), a 1 KB .ods can
repeat a cell a billion times, and a zip can unpack to a thousand times its size. So
before reading, every command that opens a file (through :func:`inspect_input`) checks:

* the path is a regular file (a pipe or a device is refused, never waited on) and its size;
* the zip directory: number of parts, total unpacked size, compression ratio, encryption,
  and every part's checksum (by streaming it, so a part that lies about its size is found);
* the used range of every sheet (the furthest row and column holding a cell, with .ods
  repeats multiplied out), by streaming the sheet's XML through expat with DTDs and
  entities forbidden, as defusedxml does, and stopping as soon as a limit is passed; an
  .xlsx sheet whose rows are all written plainly has them measured at once instead
  (``plain_sheet``), and only what surrounds them streamed.

The readers are python-calamine (Rust: its own zip library and XML tokenizer, far more
lenient than expat) and openpyxl, and an allocation too large for memory aborts the
process rather than raising. So the inspection measures what *they* will read, not what
a well-behaved workbook would hold: the zip as both libraries find it, the parts the
readers reach through the package's relations (names folded as calamine folds them), cells
placed by calamine's row counter, names and counts compared as calamine compares them, and
the cells openpyxl makes for merges, hyperlinks and comments. Wherever the two could read
one file two ways, the file is refused ("not laid out as Excel or LibreOffice lays out a
workbook"). ``tests/hostile/test_reader_agreement.py`` holds a file for each way found.

All limits live in :data:`LIMITS`.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import GIVE_A_SPREADSHEET, NotASpreadsheet, SpreadsheetError


@dataclass(frozen=True)
class InputLimits:
    """The largest input any command reads: far above any real scheme (a few hundred
    volunteers), low enough that no command needs more than 500 MB to read it."""

    file_bytes: int = 20 * 1024 * 1024  # the file as stored
    unpacked_bytes: int = 200 * 1024 * 1024  # all parts of a workbook, unpacked
    zip_parts: int = 10_000  # Excel writes a few dozen
    part_ratio: int = 200  # real parts compress 5-20 times; bombs a thousand times or more
    rows: int = 100_000  # the furthest row of a sheet
    columns: int = 1_000  # the furthest column of a sheet
    # rows x columns of a sheet's used range: reading costs about 350 bytes a cell from file
    # to checked roster (measured by benchmarks/safety.py), so a million stays under 500 MB
    cells: int = 1_000_000
    # all the sheets of a workbook changed in place (visit, withdraw): openpyxl loads it
    # twice, and 500,000 cells each holding a different text took visit to 485 MB, 400,000
    # to 420 MB; the element limits below add at most some 90 MB to this one's
    edit_cells: int = 350_000
    # openpyxl, which changes it, builds an object for every element of every part but the
    # sheets (a workbook at the edit limit has some tens of thousands), every named style,
    # every <row> element with a format, and each cell of a table's range when it saves
    edit_elements: int = 200_000
    # of the sheets, it keeps every element outside their rows (and each row, emptied)
    edit_outside_rows: int = 200_000
    edit_styles: int = 10_000
    # styles.xml's elements: openpyxl builds about 2.4 KB for each cell format over its two
    # loads (190,000 took visit to 517 MB); Excel itself stops at 64,000 cell formats
    edit_style_elements: int = 40_000
    # the bytes of the parts that are not sheets or shared texts: openpyxl keeps the theme
    # as it is, twice (a 190 MB theme took visit to 625 MB); Excel's are some kilobytes
    edit_other_bytes: int = 20_000_000
    # the ranges listed by a workbook's defined names: openpyxl reads a print area's in time
    # that grows with their square (20,000 took visit two minutes); a print area has a few
    edit_defined_ranges: int = 1_000
    # the ranges that data validations and conditional formats list: openpyxl builds an
    # object for each, twice (20 validations of 150,000 cells each took visit to 1.4 GB)
    edit_listed_ranges: int = 100_000
    # a conditional format's ranges for each of its rules: openpyxl sorts and prints them
    # all again for every rule (150,000 ranges and 300 rules took visit four minutes)
    edit_rule_ranges: int = 1_000_000
    # the text of every cell and every shared string, used or not (openpyxl loads them all,
    # twice, at up to 4 bytes a character: one emoji makes a whole text so; 190 MB of such
    # text took visit to 1.55 GB), by its size in UTF-8
    edit_text_chars: int = 10_000_000
    # runs of mixed formatting in texts: openpyxl, keeping them, builds a run and a font for
    # each, some 12 KB (200,000 took visit to 2.4 GB and over a minute)
    edit_text_runs: int = 5_000
    # all of it together, as :func:`edit_memory` estimates it: each limit above alone stays
    # well under 500 MB, but a file at all of them at once took visit to 560 MB; the rest
    # of the process (Python, wessex, the reading first) takes some 70 MB
    edit_memory: int = 430_000_000
    # openpyxl reads the sheets' elements one at a time, keeping those outside a row
    # (edit_outside_rows counts them), and all of one row's until the row ends
    edit_sheet_elements: int = 2_000_000  # all the sheets': time, at three elements a cell
    edit_row_elements: int = 50_000  # a row at the column limit has a few thousand
    edit_sheets: int = 100  # openpyxl loads every sheet, twice (formulas and their values)
    edit_rules: int = 10_000  # conditional formats and data validations of a sheet
    # characters in a sheet's cells once read: one long text that many cells share (a
    # shared string, an .ods cell repeated) is a copy in each cell to the reader
    text_chars: int = 50_000_000
    # XML elements in one part: a sheet at the cell limit has about three million; past a
    # few million, reading (the reader keeps every cell) and inspecting take minutes
    part_elements: int = 4_000_000
    # XML elements streamed from all the parts of one file: twenty parts of millions each
    # (a 200 KB zip) took the inspection 40 seconds
    file_elements: int = 8_000_000
    # styles x the longest number format: the reader reads each style's format in full when
    # it opens a workbook (a thousand long formats in a million styles would take an hour)
    style_work: int = 50_000_000
    # characters of the range lists (merged cells, hyperlinks, comments, tables) of a whole
    # workbook: each range's corners are read in Python, a few seconds for ten million
    range_chars: int = 10_000_000


LIMITS = InputLimits()

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 20


@dataclass(frozen=True)
class SheetExtent:
    """How far a sheet reaches: its furthest row and column (1-based counts)."""

    part: str
    rows: int
    columns: int
    # (row, column) of each, as Excel numbers them (column A is 1)
    formulas_without_values: tuple[tuple[int, int], ...] = ()
    shared_cells: int = 0  # cells whose text is a shared string (t="s")
    elements: int = 0  # XML elements in the sheet's part
    rules: int = 0  # conditional formats and data validations (openpyxl builds each)
    title: str = ""  # the sheet's name in the workbook, when the workbook gives one
    # (row, column) of each cell holding an error value ("#N/A", "#DIV/0!": t="e"), which
    # python-calamine reads as an empty cell: a visit marked by a broken formula is not done
    errors: tuple[tuple[int, int], ...] = ()
    # line breaks and tabs written as elements in an .ods table's cells, which the reader
    # reads as nothing ("Hale<text:line-break/>Great" as "HaleGreat"): see
    # ``spreadsheet._ods_with_breaks``
    breaks: int = 0

    @property
    def cells(self) -> int:
        """How many cells the sheet spans, the figure the limits are checked against."""
        return self.rows * self.columns


@dataclass
class PartCounts:
    """What openpyxl would build from the parts that are not sheets: their elements, the
    named styles, and the largest table's range (it makes each cell of it on saving)."""

    elements: int = 0
    named_styles: int = 0
    table_cells: int = 0
    style_elements: int = 0  # of styles.xml
    unpacked: int = 0  # bytes, shared texts left out (limited as text)
    shared_text: int = 0  # the size of the shared strings part's texts and attributes
    text_runs: int = 0  # runs of mixed formatting in the shared strings and the notes


@dataclass(frozen=True)
class Inspection:
    """What the inspection found: the kind of file and each sheet's extent."""

    path: Path
    kind: str  # "xlsx", "ods" or "csv"
    sheets: dict[str, SheetExtent] = field(default_factory=dict)  # by part (xlsx) or name
    other: PartCounts = field(default_factory=lambda: PartCounts())  # the other XML parts

    @property
    def largest(self) -> int:
        """The cell count of the biggest sheet, the one that decides whether reading is safe."""
        return max((s.cells for s in self.sheets.values()), default=0)


def inspect_input(path: Path) -> Inspection:
    """Check ``path`` against :data:`LIMITS` before anything reads it; raise
    ``SpreadsheetError`` (naming the file and what to do) when it is not safe to read."""
    info = _stat(path)
    return _inspect_cached(str(path), path.resolve(), info.st_size, info.st_mtime_ns,
                           info.st_ino)


def check_editable(inspection: Inspection) -> EditLoads:
    """Changing a workbook in place (openpyxl) costs far more per cell than reading it, and
    openpyxl builds what calamine never reads: see :class:`InputLimits`. The sheets and the
    workbook part are streamed again, as openpyxl will read them (:func:`edit_loads`), and
    what that found a save would drop is returned (``EditLoads.dropped``) for
    ``workbook_edit.refuse_what_saving_would_lose`` to name with the rest."""
    loads = edit_loads(inspection)
    problem = _edit_problem(inspection, loads)
    if problem:
        raise SpreadsheetError(
            f"the workbook is too large to change safely: {problem} wessex changes in place.",
            "Record the change by hand in Excel, or remove rows, columns, styles and sheets "
            "nobody uses.", file=inspection.path)
    return loads


# What openpyxl builds for each thing it loads, in bytes, over visit's two loads (measured
# by the attack rounds of 2026-11-26 on the 2-core machine): a cell with a short text, a
# byte of text (at worst 4 a character, twice), a run of mixed formatting with its font, an
# element of the styles, another element outside the sheets or their rows, a byte of a part
# kept whole (the theme), a row with a format of its own
_BYTES_EACH = {"cell": 800, "text": 8, "run": 12_000, "style": 2_400, "element": 400,
               "kept": 100, "part": 3, "row format": 1_400}


def _cells_built(inspection: Inspection, loads: EditLoads) -> int:
    """The cells openpyxl builds, twice (formulas, then their values): every cell of every
    sheet (its used range, or the children of its rows if more), and one for each place a
    merge or hyperlink covers. The sheets count together: twelve of 500,000 empty cells
    took visit to 4.5 GB."""
    sheets = loads.sheets
    return sum(max(sheet.cells, sheets[part].cells if part in sheets else 0) +
               (sheets[part].covered if part in sheets else 0)
               for part, sheet in inspection.sheets.items())


def edit_memory(inspection: Inspection, loads: EditLoads) -> int:
    """About how many bytes openpyxl would need to change the workbook in place: what each
    edit limit measures, weighed by :data:`_BYTES_EACH`, all together."""
    other, sheets = inspection.other, loads.sheets.values()
    counts = {"cell": _cells_built(inspection, loads),
              "text": sum(load.text for load in sheets) + other.shared_text,
              "run": sum(load.runs for load in sheets) + other.text_runs,
              "style": other.style_elements, "element": other.elements - other.style_elements,
              "kept": sum(load.kept for load in sheets), "part": other.unpacked,
              "row format": sum(load.row_formats for load in sheets)}
    return sum(_BYTES_EACH[name] * count for name, count in counts.items())


def _edit_problem(inspection: Inspection, loads: EditLoads) -> str | None:
    """What about the workbook is beyond the edit limits, in words; None when nothing is."""
    other, sheets = inspection.other, loads.sheets
    together = _cells_built(inspection, loads)
    kept = sum(load.kept for load in sheets.values())
    widest = max(sheets.values(), key=lambda load: load.largest_row, default=EditLoad())
    listed = sum(load.listed for load in sheets.values())
    rule_ranges = sum(load.rule_ranges for load in sheets.values())
    text = sum(load.text for load in sheets.values()) + other.shared_text
    runs = sum(load.runs for load in sheets.values()) + other.text_runs
    spans = max(together, other.table_cells)
    measured = [  # what openpyxl would build, its limit, and what it is in words
        (spans, LIMITS.edit_cells, f"its sheets together, or a table, span {spans:,} cells"),
        (kept, LIMITS.edit_outside_rows,
         f"its sheets hold {kept:,} XML elements outside their rows"),
        (widest.largest_row, LIMITS.edit_row_elements,
         f"a row of the sheet '{widest.title}' holds {widest.largest_row:,} XML elements"),
        (listed, LIMITS.edit_listed_ranges,
         f"its data validations and conditional formats list {listed:,} cell ranges"),
        (rule_ranges, LIMITS.edit_rule_ranges, "its conditional formats' ranges, counted "
                                               f"once for each of their rules, come to "
                                               f"{rule_ranges:,}"),
        (loads.defined_ranges, LIMITS.edit_defined_ranges,
         f"its defined names (print areas among them) list {loads.defined_ranges:,} cell "
         "ranges"),
        (other.unpacked, LIMITS.edit_other_bytes,
         f"its parts other than the sheets unpack to {other.unpacked:,} bytes"),
        (text, LIMITS.edit_text_chars,
         f"its cells and shared texts hold {text:,} characters (by their size in UTF-8)"),
        (runs, LIMITS.edit_text_runs,
         f"its texts are written in {runs:,} runs of mixed formatting")]
    for count, limit, said in measured:
        if count > limit:
            return f"{said}, more than the {limit:,}"
    needed = edit_memory(inspection, loads)
    if needed > LIMITS.edit_memory:
        return f"its cells, texts, styles and other parts together would take about " \
               f"{needed // 1_000_000:,} MB to change, more than the " \
               f"{LIMITS.edit_memory // 1_000_000:,} MB"
    # a row far down costs no more than any other (LibreOffice writes the sheet's last row,
    # 1,048,576, once a row above it was deleted): rows count by their number of elements,
    # above, and those with a format of their own by their weight (edit_memory)
    if len(inspection.sheets) > LIMITS.edit_sheets or \
            sum(s.elements for s in inspection.sheets.values()) > \
            LIMITS.edit_sheet_elements or any(
                s.rules > LIMITS.edit_rules for s in inspection.sheets.values()):
        return "it has more sheets, or a sheet more parts or rules, than the ones"
    if other.elements > LIMITS.edit_elements or other.named_styles > LIMITS.edit_styles or \
            other.style_elements > LIMITS.edit_style_elements:
        return (f"it holds {other.elements:,} elements outside its sheets "
                f"({other.style_elements:,} of them styles) and {other.named_styles:,} "
                "named styles, more than in the workbooks")
    return None


@dataclass(frozen=True)
class EditLoad:
    """What openpyxl holds of a sheet as it loads it to change it."""

    title: str = ""
    cells: int = 0  # children of rows: openpyxl makes a cell of each, whatever its name
    kept: int = 0  # elements not inside a row, which it keeps as read (a row's own, emptied)
    largest_row: int = 0  # the most elements inside one row, all held until the row ends
    covered: int = 0  # the places merged ranges and hyperlinks cover: a cell for each
    listed: int = 0  # ranges listed by data validations and conditional formats
    rule_ranges: int = 0  # a conditional format's ranges, once for each of its rules
    lost: tuple[str, ...] = ()  # what saving through openpyxl would drop or change
    text: int = 0  # the size of its texts, values and attributes (a shared formula's in
    # each cell it is copied into), as the shared strings'
    runs: int = 0  # runs of mixed formatting in its cells' own texts
    row_formats: int = 0  # rows with a format (height, style, outline...) of their own


@dataclass(frozen=True)
class EditLoads:
    """What openpyxl holds of a workbook: each sheet's load, and the workbook part's."""

    sheets: dict[str, EditLoad] = field(default_factory=dict)
    defined_ranges: int = 0  # the ranges its defined names list (print areas and titles)
    lost: tuple[str, ...] = ()  # what saving would drop of the workbook part

    @property
    def dropped(self) -> set[str]:
        """What saving through openpyxl would drop of the sheets and the workbook part."""
        return {what for load in self.sheets.values() for what in load.lost} | set(self.lost)


# What openpyxl reads of a sheet but does not save again
_DROPPED_SHEET_PARTS = {"protectedRanges": "ranges protected with their own password",
                        "customSheetViews": "custom views", "dataConsolidate": "consolidations",
                        "cellWatches": "cells on the watch window"}
# The spreadsheet namespace, in which openpyxl knows an element ("main|row")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main|"
_OPENPYXL_ROW = _MAIN + "row"


def edit_loads(inspection: Inspection) -> EditLoads:
    """Each sheet of an Excel workbook, and its workbook part, measured as openpyxl will read
    them (nothing for another kind of file, which wessex never changes). The reading scan
    goes by local names alone, as calamine does; openpyxl goes by namespace, so a row written
    with a prefix bound to another one (or under another default namespace) is, to openpyxl,
    an element it keeps whole, and this scan counts it so."""
    if inspection.kind != "xlsx":
        return EditLoads()
    budget = _BUDGET.set(_FileBudget())
    try:
        with zipfile.ZipFile(inspection.path) as archive:
            sheets = {part: _edit_load(archive, archive.getinfo(part), inspection.path,
                                       sheet.title or part)
                      for part, sheet in inspection.sheets.items()}
            return EditLoads(sheets, *_workbook_part(archive, inspection.path))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError,
            NotImplementedError) as exc:
        raise _damaged(inspection.path, str(exc)) from None
    finally:
        _BUDGET.reset(budget)


def _first_ranges(sqref: str, shown: int = 3) -> str:
    """"R2:R31 T2:T31": the first ranges of a list, and how many more (a list can be long)."""
    found = sqref.split()
    more = f" and {len(found) - shown} more" if len(found) > shown else ""
    return " ".join(found[:shown])[:200] + more


def _edit_load(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
               title: str) -> EditLoad:
    """One sheet's :class:`EditLoad`, streamed with namespaces resolved as openpyxl's
    parser resolves them. openpyxl empties each row when it ends, after making a cell of
    each of its children; everything else it meets stays in its tree. It drops a sheet's
    extension list (the drop-downs, formats and sparklines Excel keeps there) with a
    warning, and writes a hyperlink over a range into every cell of it."""
    rows: list[bool] = []  # for each element open, whether it is a row
    within = 0  # rows open
    cells = kept = in_row = largest = covered = listed = rule_ranges = format_ranges = 0
    text = runs = row_formats = 0
    lost: set[str] = set()
    # shared formulas: openpyxl writes the first cell's formula, translated, into every
    # other cell of the group (a 4,000-character one in 30,000 cells took visit to 695 MB)
    shared: dict[str, list[int]] = {}  # group -> [the first formula's size, cells after it]
    formula: list[str | None] = [None]  # the group of the first formula being read
    ranges: list[str] = [""]  # the cells of the conditional format or drop-down being read
    newer: list[str] = []  # the cells of each extension found ("" when not known)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal within, cells, kept, in_row, covered, listed, rule_ranges, format_ranges, runs
        nonlocal text, row_formats
        if rows and rows[-1]:
            cells += 1
        if within:
            in_row += 1
        else:
            kept += 1
        is_row = name == _OPENPYXL_ROW
        rows.append(is_row)
        within += is_row
        if attrs:  # a validation's prompt, say: openpyxl keeps an attribute's text too
            text += _text_size("".join(attrs.values()))
        if is_row:  # a row with a format of its own: an object for it (about 1.4 KB)
            row_formats += bool(set(attrs) - {"r", "spans"})
            return
        if not name.startswith(_MAIN):
            return
        tag = name[len(_MAIN):]
        if tag == "f" and attrs.get("t") == "shared":
            group = shared.setdefault(attrs.get("si", ""), [0, 0])
            if "ref" in attrs:
                formula[0] = attrs.get("si", "")
            else:
                group[1] += 1
        elif tag in ("mergeCell", "hyperlink"):
            area = _area(attrs.get("ref", ""))
            covered += area
            if tag == "hyperlink" and area > 1:
                lost.add("a hyperlink over a range of cells (saving would copy it into "
                         "every cell of the range)")
        elif tag in ("dataValidation", "conditionalFormatting"):
            ranges[0] = attrs.get("sqref", "")
            format_ranges = len(ranges[0].split())
            listed += format_ranges
        elif tag == "cfRule":
            rule_ranges += format_ranges
        elif tag == "r":
            runs += 1
        elif tag == "ext":
            newer.append(ranges[0])
        elif tag in _DROPPED_SHEET_PARTS:
            lost.add(_DROPPED_SHEET_PARTS[tag])

    def end(name: str) -> None:
        nonlocal within, in_row, largest
        formula[0] = None
        if name in (_MAIN + "conditionalFormatting", _MAIN + "dataValidation"):
            ranges[0] = ""
        if rows.pop():
            within -= 1
            if not within:
                largest, in_row = max(largest, in_row), 0

    def characters(data: str) -> None:
        nonlocal text
        size = _text_size(data)
        text += size
        if formula[0] is not None:
            shared[formula[0]][0] += size

    parser = hardened_parser(start, end)
    parser.CharacterDataHandler = characters
    _feed(parser, archive, info, path)
    text += sum(size * copies for size, copies in shared.values())
    if newer:
        known = " ".join(dict.fromkeys(r for r in newer if r))
        cells_named = f", cells {_first_ranges(known)}" if known else ""
        lost.add("drop-down lists, conditional formats or sparklines that Excel keeps in its "
                 f"newer form (sheet '{title}'{cells_named}: a data bar or an icon set, say, "
                 "which Home > Conditional Formatting > Clear Rules removes)")
    return EditLoad(title, cells, kept, largest, covered, listed, rule_ranges,
                    tuple(sorted(lost)), text, runs, row_formats)


def _area(ranges: str) -> int:
    """How many places a range list such as ``"A1:B2 D4"`` covers, each range counted in
    full (a whole row or column, or what cannot be read, as past every limit)."""
    total = 0
    for token in ranges.replace("$", "").split():
        found = [_split_ref(corner) or _lenient_ref(corner) for corner in token.split(":")]
        if not found or None in found:
            return _BEYOND
        corners = [corner for corner in found if corner is not None]
        rows = max(r for r, _ in corners) - min(r for r, _ in corners) + 1
        columns = max(c for _, c in corners) - min(c for _, c in corners) + 1
        total += rows * columns
        if total >= _BEYOND:
            return _BEYOND
    return total


def _workbook_part(archive: zipfile.ZipFile, path: Path) -> tuple[int, tuple[str, ...]]:
    """The cell ranges the workbook's defined names list, each name's text split at its
    commas (``$A$1,$B$1``), openpyxl reading a print area's in quadratic time; and what
    saving would drop of the workbook part (its custom views)."""
    info = next((i for i in archive.infolist() if _folded(i.filename) == "xl/workbook.xml"),
                None)
    if info is None:
        return 0, ()
    ranges = [0, False]  # the count, whether inside a defined name
    lost: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name == _MAIN + "definedName":
            ranges[0] += 1
            ranges[1] = True
        elif name == _MAIN + "customWorkbookViews" and not lost:
            lost.append("custom views")

    def end(_name: str) -> None:
        ranges[1] = False

    def text(data: str) -> None:
        if ranges[1]:
            ranges[0] += data.count(",")

    parser = hardened_parser(start, end)
    parser.CharacterDataHandler = text
    _feed(parser, archive, info, path)
    return int(ranges[0]), tuple(lost)


def check_extent(path: Path, sheet: str | None, rows: int, columns: int) -> None:
    """Raise when a sheet (or CSV) reaches further than :data:`LIMITS` allows."""
    problem = None
    if rows > LIMITS.rows:
        problem = f"it reaches row {rows:,}, beyond the limit of {LIMITS.rows:,} rows"
    elif columns > LIMITS.columns:
        problem = (f"it reaches column {columns:,}, beyond the limit of {LIMITS.columns:,} "
                   "columns")
    elif rows * columns > LIMITS.cells:
        problem = (f"its used range of {rows:,} rows by {columns:,} columns is more than "
                   f"the limit of {LIMITS.cells:,} cells")
    if problem:
        raise SpreadsheetError(
            f"the {'sheet' if sheet else 'file'} is too large to read safely: {problem}.",
            "Delete the rows and columns beyond the list (select them, right-click, Delete), "
            "save, and try again.", file=path, sheet=sheet or None)


# ---------------------------------------------------------------- the path and the bytes

def refuse_too_long(exc: OSError, path: Path) -> None:
    """Say so when ``path`` could not be read for being longer than the computer takes (on
    Windows, which says "not found", 260 characters or more): the workbook is there, and
    the way out is a shorter path, not a look for a file that is not."""
    from .safe_write import too_long

    found = too_long(exc)
    if found is not None:
        # one name too long: moving the workbook keeps it, renaming mends it
        fix = ("Move the workbook to a folder with a shorter path, nearer the top of the "
               "drive, or shorten the names of the folders on the way to it." if not found.name
               else f"Rename the folder '{found.name}' with a shorter name (200 characters at "
               "most), or move the workbook out of it." if found.folder else
               "Rename the workbook with a shorter name (200 characters at most).")
        raise SpreadsheetError(f"the file cannot be opened: {found.reason}.", fix,
                               file=path) from None


def _stat(path: Path) -> os.stat_result:
    if path.name.startswith("~$"):
        raise SpreadsheetError(
            "this is the lock file Excel keeps while a workbook is open, not the workbook.",
            f"Use '{path.name[2:]}' instead; if Excel has it open, save and close it first.",
            file=path)
    try:
        info = path.stat()
    except OSError as exc:
        refuse_too_long(exc, path)
        if not isinstance(exc, FileNotFoundError):
            raise SpreadsheetError(f"the file cannot be opened ({exc.strerror or exc}).",
                                   "Check the path and that you may read it.",
                                   file=path) from None
        folder = path.parent
        hint = (near_file(path) + "Check the name and the folder."
                if folder.exists() or str(folder) == "."
                else f"The folder '{folder}' does not exist either.")
        raise SpreadsheetError("there is no such file.", hint, file=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise SpreadsheetError("this is a folder, not a file.",
                               "Give the path of the workbook inside it.", file=path)
    if not stat.S_ISREG(info.st_mode):
        raise SpreadsheetError(
            "this is not an ordinary file (it is a pipe, a socket or a device), so it was not "
            "read: wessex would wait on it for ever.",
            "Save the workbook as a file and give its path.", file=path)
    if info.st_size == 0:
        raise SpreadsheetError("the file is empty (0 bytes).",
                               "Save the workbook again from Excel and try once more.", file=path)
    if info.st_size > LIMITS.file_bytes:
        from fractions import Fraction

        from .text import half_up

        raise SpreadsheetError(
            f"the file is {half_up(Fraction(info.st_size, 1024 * 1024), 1)} MB, larger than the "
            f"{LIMITS.file_bytes // 1024 // 1024} MB wessex reads (a list of 60,000 volunteers "
            "takes about 4 MB).",
            "Check you chose the right file; remove pictures and unused sheets from it.",
            file=path)
    return info


@lru_cache(maxsize=32)
def _inspect_cached(shown: str, _resolved: Path, _size: int, _mtime: int,
                    _inode: int) -> Inspection:
    path = Path(shown)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if head.startswith(ZIP_MAGIC):
        return _inspect_zip(path)
    if path.suffix.lower() in {".xlsx", ".xlsm", ".ods", ".xls"}:
        raise SpreadsheetError(
            f"the file is named {path.suffix} but is not a spreadsheet: it may be damaged or "
            "only partly copied.",
            "Open it in Excel or LibreOffice; if it opens, save it again as .xlsx.", file=path)
    return Inspection(path, "csv")


def near_file(missing: Path, as_typed: str | None = None) -> str:
    """"Did you mean 'pairs.xlsx'? " for a file in the folder of ``missing`` whose name is
    close to the one typed ("pairs.xls", "pairs", "volunters.xlsx"), or nothing. Lock files
    and hidden files are never suggested. ``as_typed``: the path as the administrator typed
    it (a setting read from another folder), which the suggestion keeps but for its name."""
    from .text import suggest

    try:
        with os.scandir(missing.parent) as entries:
            names = [entry.name for entry in itertools.islice(entries, 10_000)
                     if entry.is_file() and not entry.name.startswith(("~$", "."))]
    except OSError:  # a folder that cannot be listed suggests nothing
        return ""
    near = suggest(missing.name, names)
    if not near:
        return ""
    shown = Path(as_typed).with_name(near[0]).as_posix() if as_typed is not None else \
        missing.with_name(near[0])
    return f"Did you mean '{shown}'? "


def _ole_error(path: Path) -> SpreadsheetError:
    """An OLE2 container: an old .xls, a password-protected xlsx, or an old Word or
    PowerPoint file."""
    with path.open("rb") as handle:
        data = handle.read(4 * 1024 * 1024)
    if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data or \
            "EncryptedPackage".encode("utf-16-le") in data:
        return SpreadsheetError(
            "the workbook is protected with a password, so it cannot be read.",
            "Open it in Excel, remove the password (File > Info > Protect Workbook > "
            "Encrypt with Password, clear it) and save it.", file=path)
    # the same container holds old Word and PowerPoint files: their main stream's name, in
    # the container's directory, tells them apart from a workbook's
    for stream, what in (("WordDocument", "an old Word 97–2003 document (.doc)"),
                         ("PowerPoint Document", "an old PowerPoint 97–2003 file (.ppt)")):
        if stream.encode("utf-16-le") in data:
            return NotASpreadsheet(f"this is {what}, not a spreadsheet.", GIVE_A_SPREADSHEET,
                                   file=path)
    return SpreadsheetError(
        "this is an old Excel 97–2003 (.xls) workbook, which wessex does not read.",
        "Open it in Excel and use File > Save As > Excel Workbook (.xlsx).", file=path)


def _bomb(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        "the file unpacks to far more data than any workbook holds (a 'zip bomb'), so it was "
        "not opened.", "Check where the file came from.", file=path)


def _damaged(path: Path, detail: str = "") -> SpreadsheetError:
    why = f" ({detail})" if detail else ""
    return SpreadsheetError(
        f"the file is damaged{why}: it looks like a workbook but cannot be opened (perhaps it "
        "was only partly copied or downloaded).",
        "Copy it again, or open and re-save it in Excel or LibreOffice.", file=path)


def _count_parts(path: Path, size: int) -> int:
    """The number of parts the zip's end record claims, read before the directory is.

    Python's zipfile and the reader's zip library find the directory differently when a
    file holds more than one end record, a comment that does not end the file, zip64
    records (which no file under the size limit needs) or bytes before the first part: each
    could then read another archive than the one inspected, so the zip must be plain."""
    with path.open("rb") as handle:
        handle.seek(max(0, size - 66_000))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise _damaged(path)
    _, _, _, _, total, directory_size, directory_at, comment = struct.unpack(
        "<4s4H2LH", tail[at:at + 22])
    end_at = size - (len(tail) - at)
    if tail.count(b"PK\x05\x06") != 1 or at + 22 + comment != len(tail) or \
            b"PK\x06\x06" in tail or b"PK\x06\x07" in tail or \
            directory_at + directory_size != end_at:
        raise _unusual(path, "its zip directory can be read in more than one way")
    return int(total)


def _inspect_zip(path: Path) -> Inspection:
    """Check the zip's directory and stream every part before any parser inflates it."""
    budget = _BUDGET.set(_FileBudget())
    try:
        return _inspect_parts(path)
    finally:
        _BUDGET.reset(budget)


@dataclass
class _FileBudget:
    """What the parts of one file may still hold, charged as each part is read: elements
    streamed (``_guard_elements``) and characters of range lists (``_range_corner``)."""

    elements: int = field(default_factory=lambda: LIMITS.file_elements)
    range_chars: int = field(default_factory=lambda: LIMITS.range_chars)


_BUDGET: ContextVar[_FileBudget | None] = ContextVar("file_budget", default=None)


def _budget() -> _FileBudget:
    """The budget of the file being inspected (a fresh one for a part read on its own)."""
    return _BUDGET.get() or _FileBudget()


def _inspect_parts(path: Path) -> Inspection:
    parts = _count_parts(path, path.stat().st_size)
    if parts > LIMITS.zip_parts:
        raise SpreadsheetError(
            f"the file holds {parts:,} parts where a workbook has a few dozen, so it was not "
            "opened.", "Open it in Excel or LibreOffice and save it again as a new .xlsx.",
            file=path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _damaged(path) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > LIMITS.zip_parts:
            raise _bomb(path)
        if infos and min(info.header_offset for info in infos) != 0:
            raise _unusual(path, "there are bytes before its first part")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > LIMITS.unpacked_bytes or (info.file_size > 10_000_000 and
                                                  ratio > LIMITS.part_ratio):
                raise _bomb(path)
            if info.flag_bits & 0x1:
                raise SpreadsheetError("the workbook is encrypted, so it cannot be read.",
                                       "Remove the password in Excel and save it.", file=path)
        by_name = _parts_by_name(archive, infos, path)
        kind = _kind(archive, by_name, path)
        sheets: dict[str, SheetExtent] = {}
        strings = by_name.get("xl/sharedstrings.xml") if kind == "xlsx" else None
        styles = by_name.get("xl/styles.xml") if kind == "xlsx" else None
        other = PartCounts()
        try:
            titles = _workbook_sheets(archive, by_name, path) if kind == "xlsx" else {}
            for info in infos:
                if info is strings:
                    continue  # read whole below, for the length of each string
                if not (kind == "xlsx" and (info.filename in titles or
                                            info.filename.startswith("xl/worksheets/"))):
                    other.unpacked += info.file_size
                if info is styles:
                    _check_styles(archive, info, path, other)
                    continue
                if kind == "xlsx" and (info.filename in titles or (
                        info.filename.startswith("xl/worksheets/") and
                        info.filename.endswith(".xml"))):
                    title = titles.get(info.filename) or Path(info.filename).stem
                    sheets[info.filename] = _scan_xlsx_sheet(archive, info, path, title)
                elif kind == "ods" and _folded(info.filename) == "content.xml":
                    for extent in _scan_ods(archive, info, path):
                        sheets[extent.part] = extent
                elif kind == "xlsx":
                    _count_part(archive, info, path, other)
                else:
                    _stream(archive, info, path)
            for part, extent in list(sheets.items()) if kind == "xlsx" else []:
                sheets[part] = _with_comments(archive, by_name, path, extent,
                                              titles.get(part) or Path(part).stem)
            if strings is not None:
                lengths = _shared_string_lengths(archive, strings, path, other)
                for part, extent in sheets.items():
                    _check_shared_text(archive, archive.getinfo(part), path, extent,
                                       titles.get(part) or Path(part).stem, lengths)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise _damaged(path, str(exc)) from None
    return Inspection(path, kind, sheets, other)


# ------------------------------------------------------------ which parts the reader reads
#
# python-calamine finds a part by its name folded to lower case, with "\" read as "/"; it
# picks its reader by the file's extension, exactly as typed, and tries each reader in turn
# for any other extension; it follows the package's relations to the workbook and its
# sheets, wherever they point. So the inspection looks at the parts the same way, and
# refuses any file in which the reader could read a part the inspection did not measure.

_XLSX_PARTS = ("_rels/.rels", "xl/workbook.xml", "[content_types].xml")
_ODS_PARTS = ("content.xml", "mimetype")
# The main part of an Office file that is no workbook, and what that file is
_OTHER_DOCUMENTS = {"word/document.xml": "a Word document",
                    "ppt/presentation.xml": "a PowerPoint presentation"}
# The reader chosen by each extension (as typed: ".XLSX" is none of these)
_READER_BY_EXTENSION = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlam": "xlsx", ".ods": "ods",
                        ".xls": "xls", ".xla": "xls", ".xlsb": "xlsb"}
_SHEET_RELATIONS = ("worksheet", "chartsheet", "dialogsheet")
_PACKAGE_PART_BYTES = 10 * 1024 * 1024  # workbook.xml and the relations: a few KB in life
_PACKAGE_ELEMENTS = 100_000  # and a few dozen elements (a defined name or a sheet each)


def _folded(name: str) -> str:
    """A part's name as the reader looks it up."""
    return name.replace("\\", "/").lower()


class _TextShape:
    """The shape of one text (a cell's ``<is>`` or a shared ``<si>``), as far as the two
    readers would read it alike: one ``<t>`` alone, or runs (``<r>``) of one ``<t>`` each,
    with phonetic runs (``<rPh>``) after either. Two ``<t>`` side by side calamine joins and
    openpyxl keeps the last of; a ``<t>`` after runs calamine reads last and openpyxl
    first. ``what`` names where such a text is, for the refusal."""

    __slots__ = ("path", "what", "texts", "runs", "run_texts", "in_run", "in_phonetic")

    def __init__(self, path: Path, what: str) -> None:
        self.path, self.what = path, what
        self.texts = self.runs = self.run_texts = self.in_run = self.in_phonetic = 0

    def reset(self) -> None:
        self.texts = self.runs = self.run_texts = self.in_run = self.in_phonetic = 0

    def start(self, tag: str) -> None:
        if tag == "rPh":
            self.in_phonetic += 1
        elif self.in_phonetic:
            return
        elif tag == "r":
            self.in_run += 1
            self.runs += 1
            self.run_texts = 0
            if self.texts:
                self._refuse()
        elif tag == "t":
            if self.in_run:
                self.run_texts += 1
                if self.run_texts > 1:
                    self._refuse()
            else:
                self.texts += 1
                if self.texts > 1 or self.runs:
                    self._refuse()

    def end(self, tag: str) -> None:
        if tag == "rPh":
            self.in_phonetic -= 1
        elif tag == "r" and not self.in_phonetic:
            self.in_run -= 1

    def _refuse(self) -> None:
        raise _unusual(self.path, f"{self.what} gives a text in pieces that the readers "
                                  "would each put together differently")


def _unusual(path: Path, what: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"the file is not laid out as Excel or LibreOffice lays out a workbook ({what}), so "
        "it was not opened.", "Open it in Excel or LibreOffice and save it again as a new "
        ".xlsx.", file=path)


# Zip extra fields that give an entry another name (Info-ZIP Unicode Path) or comment: the
# reader's zip library takes the name from them, Python's does not
_RENAMING_EXTRAS = frozenset({0x7075, 0x6375})


def _extra_ids(extra: bytes) -> set[int]:
    """The ids of the fields in a zip entry's extra data."""
    ids, at = set(), 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        ids.add(kind)
        at += 4 + size
    return ids


def _local_extra(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The extra data of an entry's local header (which may differ from the directory's)."""
    handle = archive.fp
    if handle is None:
        return b""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return b""
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    handle.seek(info.header_offset + 30 + name_length)
    return handle.read(extra_length)


def _parts_by_name(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
                   path: Path) -> dict[str, zipfile.ZipInfo]:
    """Every part by the name the reader looks it up by. Refused: two parts that the reader
    could confuse (the same name, or names differing only in case or slashes), a name that
    is not plain ASCII (Excel's never are), and an entry that carries another name for
    itself in an extra field."""
    found: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if not info.filename.isascii() or "\x00" in info.filename:
            raise _unusual(path, "a part's name is not plain ASCII")
        if _RENAMING_EXTRAS & (_extra_ids(info.extra) | _extra_ids(_local_extra(archive, info))):
            raise _unusual(path, f"the part '{info.filename}' carries a second name")
        folded = _folded(info.filename)
        if folded in found:
            raise _unusual(path, f"two parts are named '{info.filename}'")
        found[folded] = info
    return found


def _kind(archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], path: Path) -> str:
    """"xlsx" or "ods": what the zip holds, which must be what the reader will take it for."""
    if any(name.endswith("workbook.bin") for name in by_name):
        raise SpreadsheetError("this is a binary workbook (.xlsb), which wessex does not "
                               "read.", "Use File > Save As > Excel Workbook (.xlsx).",
                               file=path)
    other = next((what for part, what in _OTHER_DOCUMENTS.items() if part in by_name), None)
    if other is not None and "xl/workbook.xml" not in by_name:
        raise NotASpreadsheet(f"this is {other}, not a spreadsheet.", GIVE_A_SPREADSHEET,
                              file=path)
    excel = any(name in by_name for name in _XLSX_PARTS)
    libre = any(name in by_name for name in _ODS_PARTS)
    if excel and libre:
        raise _unusual(path, "it holds the parts of an Excel workbook and of an .ods "
                             "spreadsheet at once")
    if excel:
        kind = "xlsx"
    elif libre and _is_ods(archive):
        kind = "ods"
    else:
        raise NotASpreadsheet(
            "this is a zip file but not a spreadsheet (perhaps a Word document?).",
            GIVE_A_SPREADSHEET, file=path)
    reader = _READER_BY_EXTENSION.get(path.suffix)
    if reader is not None and reader != kind:
        right, held = (".xlsx", "an Excel") if kind == "xlsx" else (".ods", "an .ods")
        raise SpreadsheetError(
            f"the file is named {path.suffix} but holds {held} spreadsheet, so it was not "
            "opened.",
            f"Rename it to end in {right}, or open it and save it again as {right}.", file=path)
    return kind


def _package_xml(archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], name: str,
                 path: Path) -> Any:
    """A small package part (the relations, the workbook) parsed safely, or None when the
    zip has no such part."""
    from defusedxml.ElementTree import fromstring

    info = by_name.get(name)
    if info is None:
        return None
    if info.file_size > _PACKAGE_PART_BYTES:
        raise _bomb(path)
    data = archive.read(info)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _entities(path)
    _check_encoding(data, info.filename, path)
    # streamed first, with the guards every part has, and counted: ElementTree keeps the
    # whole part (a million elements in a 10 MB part took it to 430 MB)
    seen = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        seen[0] += 1
        if seen[0] > _PACKAGE_ELEMENTS:
            raise _unusual(path, f"{info.filename} holds more than {_PACKAGE_ELEMENTS:,} "
                                 "XML elements")

    feed_chunks(hardened_parser(start, namespaces=False), _pieces(data), info.filename, path)
    try:
        return fromstring(data)
    except Exception:  # noqa: BLE001 - defusedxml's refusals and expat's errors alike
        raise _damaged(path, f"{info.filename} cannot be read") from None


def _local(name: str) -> str:
    """A tag or attribute without its namespace or prefix: ``{ns}sheet`` -> ``sheet``,
    ``table:table-row`` -> ``table-row``."""
    return name.rsplit("}", 1)[-1].rsplit("|", 1)[-1].rsplit(":", 1)[-1]


# An element's start tag with its attributes as written (quoted values may hold ">")
# (no "<" within a tag, even quoted, as XML allows none: each try stops at the next "<",
# so a part of many unclosed tags is read in one pass, not one pass for each of them)
_TAG = r"<(?:[^\s/<>:!?]+:)?{name}(?=[\s/>])((?:[^<>\"']++|\"[^\"<]*+\"|'[^'<]*+')*+)>"
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_WORKBOOK_TYPES = ".main+xml"  # the content types of a workbook, with or without macros


def _raw_tags(data: bytes, name: str) -> list[dict[str, str]]:
    """The attributes of every ``name`` element, local name after the first colon, exactly
    as written: python-calamine compares relation ids and targets before any unescaping,
    openpyxl after, so a value the two could read differently is refused by the caller."""
    found = []
    for tag in re.finditer(_TAG.format(name=re.escape(name)), data.decode("utf-8", "replace")):
        attrs: dict[str, str] = {}
        for key, double, single in _ATTRIBUTE.findall(tag.group(1)):
            attrs.setdefault(key, double or single)
        found.append(attrs)
    return found


def _plain(values: list[str], path: Path) -> None:
    if any(char in value for value in values for char in "&\t\r\n\\"):
        raise _unusual(path, "a relation between its parts is written with escapes")


def _package_part(archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], name: str,
                  path: Path) -> bytes | None:
    """A package part's bytes, once it has been parsed safely (well-formed, no entities)."""
    if _package_xml(archive, by_name, name, path) is None:
        return None
    return archive.read(by_name[name])


def _workbook_sheets(archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo],
                     path: Path) -> dict[str, str]:
    """Every part either reader could read as a sheet, by its name in the zip, with the
    sheet's name: found as python-calamine finds them (through ``_rels/.rels``, names
    folded) and as openpyxl does (through ``[Content_Types].xml``, ``..`` resolved)."""
    import html
    import posixpath

    workbook = _package_part(archive, by_name, "xl/workbook.xml", path)
    package = _package_part(archive, by_name, "_rels/.rels", path)
    if package is None:
        raise _damaged(path, "_rels/.rels is missing")
    documents = [tag.get("Target", "") for tag in _raw_tags(package, "Relationship")
                 if tag.get("Type", "").endswith("/relationships/officeDocument")]
    _plain(documents, path)
    if not documents or any(t.lower() not in ("xl/workbook.xml", "/xl/workbook.xml")
                            for t in documents):
        raise _unusual(path, "its main part is not xl/workbook.xml")
    types = _package_part(archive, by_name, "[content_types].xml", path) or b""
    mains = [tag.get("PartName", "") for tag in _raw_tags(types, "Override")
             if _WORKBOOK_TYPES in tag.get("ContentType", "")]
    _plain(mains, path)
    if any(part.lower() != "/xl/workbook.xml" for part in mains):
        raise _unusual(path, "its list of contents names another main part")
    relations = _package_part(archive, by_name, "xl/_rels/workbook.xml.rels", path)
    if relations is None or workbook is None:
        raise _damaged(path, "the workbook's list of sheets is missing")
    sheets = _raw_tags(workbook, "sheet")
    named = [(value, html.unescape(tag.get("name", ""))) for tag in sheets
             for key, value in tag.items() if key.split(":", 1)[-1] == "id"]
    ids = dict(named)
    _plain(list(ids), path)
    if len(ids) < len(named):  # openpyxl would load (and save) the one part once for each
        raise _unusual(path, "two of its sheets are one and the same part")
    found: dict[str, str] = {}
    for tag in _raw_tags(relations, "Relationship"):
        target, kind, name = tag.get("Target", ""), tag.get("Type", ""), tag.get("Id", "")
        _plain([target, kind, name], path)
        if name not in ids and kind.rsplit("/", 1)[-1] not in _SHEET_RELATIONS:
            continue
        # where each reader looks: calamine joins without resolving "..", openpyxl resolves
        for part in (target[1:] if target.startswith("/") else "xl/" + target,
                     posixpath.normpath(posixpath.join("xl", target)).lstrip("/")):
            info = by_name.get(_folded(part))
            if info is not None:
                if name in ids and found.get(info.filename) not in (None, ids[name]):
                    raise _unusual(path, "two of its sheets are one and the same part")
                found[info.filename] = found.get(info.filename) or ids.get(name, "")
    return found


# Encodings in which markup is written in the bytes of ASCII, so that expat and the reader
# (which reads bytes as UTF-8) see the same tags; UTF-16 can hide one document inside another
_SAFE_ENCODINGS = re.compile(r"(utf-?8|us-ascii|ascii|iso-8859-\d+|latin-?1|windows-125\d|"
                             r"cp125\d)", re.I)
_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")


def _check_encoding(first: bytes, part: str, path: Path) -> None:
    """Refuse an XML part that is not written in an ASCII-compatible encoding."""
    head = first[3:] if first.startswith(b"\xef\xbb\xbf") else first
    declared = _DECLARATION.match(head[:500])
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4] or (
            declared is not None and
            not _SAFE_ENCODINGS.fullmatch(declared.group(1).decode("ascii", "replace"))):
        raise _unusual(path, f"{part} is not written in UTF-8")


def _with_comments(archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], path: Path,
                   extent: SheetExtent, title: str) -> SheetExtent:
    """The sheet's extent grown to its comments: openpyxl (which edits the pairs workbook)
    makes a cell where each comment is, wherever its relations put the comments part."""
    import dataclasses
    import posixpath

    folder, name = posixpath.split(extent.part)
    relations = _package_part(archive, by_name, _folded(f"{folder}/_rels/{name}.rels"), path)
    if relations is None:
        return extent
    found = [extent.rows, extent.columns]
    seen = [0]

    def start(element: str, attrs: dict[str, str]) -> None:
        _one_more(seen, path, part)
        if element[element.rfind(":") + 1:] == "comment":
            row, column = _range_corner(attrs.get("ref", ""), path)
            found[0], found[1] = max(found[0], row), max(found[1], column)
            check_extent(path, title, found[0], found[1])

    for tag in _raw_tags(relations, "Relationship"):
        _plain([tag.get("Type", "")], path)  # openpyxl compares it unescaped
        if not tag.get("Type", "").endswith("/comments"):
            continue
        target = tag.get("Target", "")
        _plain([target], path)
        part = target[1:] if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
        info = by_name.get(_folded(part))
        if info is not None:
            _feed(hardened_parser(start, namespaces=False), archive, info, path)
    return dataclasses.replace(extent, rows=found[0], columns=found[1])


def _count_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
                counts: PartCounts) -> None:
    """Add a part's elements, and the range of any table it defines, to ``counts``, reading
    it to its end (for its checksum). A part that is not well-formed XML stops counting but
    is not refused: openpyxl, the only reader of most such parts, refuses it itself. One
    that is no XML at all (``_is_xml``) is only read."""
    seen = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        counts.elements += 1
        _one_more(seen, path, info.filename)
        tag = name[name.rfind(":") + 1:]
        if tag == "table" and "ref" in attrs:
            rows, columns = _range_corner(attrs["ref"], path)
            counts.table_cells = max(counts.table_cells, rows * columns)
        elif tag == "r":  # a run of a note's text, kept with its font like a cell's
            counts.text_runs += 1

    with archive.open(info) as member:
        chunks = iter(lambda: member.read(CHUNK), b"")
        first = next(chunks, b"")
        if not _is_xml(info.filename, first):  # a picture, a printer's settings
            for _ in chunks:
                pass
            return
        if b"<!DOCTYPE" in first or b"<!ENTITY" in first:
            raise _entities(path)
        feed_chunks(hardened_parser(start, namespaces=False), itertools.chain([first], chunks),
                     info.filename, path, damaged_ok=True)


def _check_styles(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
                  others: PartCounts) -> None:
    """Refuse styles that would keep the reader busy for minutes when it opens the file: it
    reads a style's number format in full for each style, so the work is the number of
    styles times the longest format. (Its elements and named styles count for editing.)"""
    counts = [0, 0]  # styles, the longest format code
    seen = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        others.elements += 1
        others.style_elements += 1
        _one_more(seen, path, info.filename)
        tag = name[name.rfind(":") + 1:]
        if tag == "cellStyle":
            others.named_styles += 1
        elif tag == "xf":
            counts[0] += 1
        elif tag == "numFmt":
            counts[1] = max(counts[1], len(attrs.get("formatCode", "")))

    _feed(hardened_parser(start, namespaces=False), archive, info, path)
    if counts[0] * counts[1] > LIMITS.style_work:
        raise _unusual(path, f"{counts[0]:,} styles with number formats of up to "
                             f"{counts[1]:,} characters")


def _one_more(seen: list[int], path: Path, part: str) -> None:
    """Count one more element of ``part``, refusing the file past the limit."""
    seen[0] += 1
    if seen[0] > LIMITS.part_elements:
        raise _too_many_elements(path, part)


def _too_many_elements(path: Path, part: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"the file is too large to read safely: its part {part} holds more than "
        f"{LIMITS.part_elements:,} XML elements.", "Open it in Excel or LibreOffice, delete "
        "what does not belong to the list, and save it again.", file=path)


def _text_size(text: str) -> int:
    """Text as the limit counts it: a character a byte, one beyond ASCII by its size in
    UTF-8 (the reader keeps it so, and Python up to four bytes: 49 million emoji passed a
    count of characters and took the read to 600 MB)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _too_much_text(path: Path, sheet: str, characters: int,
                   repeated: bool = True) -> SpreadsheetError:
    """The refusal of a sheet whose cells hold more text than ``LIMITS.text_chars``:
    ``repeated`` when a text shared by many cells (or an .ods cell repeated) is the cause."""
    counted = "once each copy of a repeated text is counted " if repeated else ""
    return SpreadsheetError(
        f"the sheet is too large to read safely: its cells hold {characters:,} characters "
        f"{counted}(beyond ASCII, by their size in bytes), beyond the limit of "
        f"{LIMITS.text_chars:,}.",
        ("A very long text is repeated in many cells: delete" if repeated else "Delete") +
        " the cells that do not belong to the list, save, and try again.", file=path,
        sheet=sheet or None)


def _shared_string_lengths(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                           path: Path, counts: PartCounts) -> list[int]:
    """The length of each shared string, in order; and the part's ``uniqueCount`` checked,
    as the reader sets aside room for that many strings before reading one. Elements
    outside the strings count in ``counts``: openpyxl, which edits the pairs workbook,
    lets go of each string once read, but keeps anything else (3.9 million took it to
    1.4 GB)."""
    lengths: list[int] = []
    count: list[str | None] = []
    current = [0]  # characters in the string being read
    seen = [0]
    inside = [False]  # within a string: one inside another is refused (none is written so,
    # and the reader would end the outer at the inner's end, keeping its text under one index)
    shape = _TextShape(path, info.filename)

    def start(name: str, attrs: dict[str, str]) -> None:
        _one_more(seen, path, info.filename)
        tag = name[name.rfind(":") + 1:]
        if inside[0]:
            shape.start(tag)
        if attrs:  # openpyxl keeps attributes' text too, inside the strings or out
            counts.shared_text += _text_size("".join(attrs.values()))
        if not inside[0] and tag != "si":
            counts.elements += 1
        if inside[0] and tag == "r":
            counts.text_runs += 1
        if tag == "si":
            if inside[0]:
                raise _unusual(path, f"{info.filename} writes a text inside another")
            inside[0] = True
            current[0] = 0
            shape.reset()
        elif tag == "sst" and not count:
            count.append(attrs.get("uniqueCount"))
            given = count[0]
            if given is not None and not (given.isascii() and given.isdigit() and
                                          len(given) <= 9 and int(given) <= LIMITS.cells):
                raise _too_many_texts(path, f"says it holds {given}")

    def end(name: str) -> None:
        if inside[0]:
            shape.end(name[name.rfind(":") + 1:])
        if name[name.rfind(":") + 1:] == "si":
            inside[0] = False
            lengths.append(current[0])
            if len(lengths) > LIMITS.cells:  # what it holds, whatever it says
                raise _too_many_texts(path, f"holds over {LIMITS.cells:,}")

    def text(data: str) -> None:
        size = _text_size(data)
        current[0] += size
        counts.shared_text += size  # every text of the part, a string's or not

    parser = hardened_parser(start, end, namespaces=False)
    parser.CharacterDataHandler = text
    _feed(parser, archive, info, path)
    return lengths


def _too_many_texts(path: Path, holds: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"the workbook {holds} different texts, more than the {LIMITS.cells:,} wessex reads, "
        "so it was not opened.",
        "Open it in Excel or LibreOffice and save it again as a new .xlsx.", file=path)


def _check_shared_text(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
                       extent: SheetExtent, title: str, lengths: list[int]) -> None:
    """Refuse a sheet whose shared-string cells, each a copy to the reader, hold more
    text than :data:`LIMITS` allows. The bound (cells x longest string) settles nearly every
    file; only past it is the sheet read again for each cell's own string."""
    longest = max(lengths, default=0)
    if not lengths or extent.shared_cells * longest <= LIMITS.text_chars:
        return
    total = [0]
    shared = [False]
    index: list[str] = []  # the value's text, which may come in pieces

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name[name.rfind(":") + 1:]
        if tag == "c":
            shared[0] = attrs.get("t") == "s"
        elif tag == "v" and shared[0]:
            index.clear()
            parser.CharacterDataHandler = index.append

    def end(name: str) -> None:
        if name[name.rfind(":") + 1:] == "v" and parser.CharacterDataHandler is not None:
            parser.CharacterDataHandler = None
            number = "".join(index)
            # The reader takes an index it cannot parse (" 1", "+1", "x") as 0, and may read
            # others its own way: any index but plain digits counts as the longest string.
            if number.isascii() and number.isdigit() and len(number) <= 9 and \
                    int(number) < len(lengths):
                total[0] += lengths[int(number)]
            else:
                total[0] += longest
            if total[0] > LIMITS.text_chars:
                raise _too_much_text(path, title, total[0])

    parser = hardened_parser(start, end, namespaces=False)
    _feed(parser, archive, info, path)


def _is_ods(archive: zipfile.ZipFile) -> bool:
    try:
        return b"spreadsheet" in archive.read("mimetype")[:200]
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return True  # no mimetype member: let the reader decide


# The parts written in XML, counted element by element whatever else they hold: a drawing
# of notes (".vml") is XML too, and wessex reads it whole into a tree to keep each note's
# box; left uncounted, 4.7 million empty elements in one took a visit to 460 MB and 19 s.
_XML_PARTS = (".xml", ".rels", ".vml")
# How a part of any other name begins when it is XML all the same (openpyxl finds the notes
# through the sheet's relations, whatever their name: 3.9 million elements in notes named
# "comment1.dat" took a visit to 560 MB and a minute): "<" after a UTF-8 mark and spaces,
# or a "<" in UTF-16, which is refused as any XML part in it is.
_XML_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*<|\xff\xfe<\x00|\xfe\xff\x00<|<\x00|\x00<")


def _is_xml(name: str, first: bytes) -> bool:
    """Whether a part named ``name`` whose first bytes are ``first`` is read as XML."""
    return _folded(name).endswith(_XML_PARTS) or _XML_START.match(first) is not None


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """Read a part to its end: zipfile checks its size and checksum on the way."""
    with archive.open(info) as member:
        first = member.read(4096)
        if _folded(info.filename).endswith((".xml", ".rels")):
            if b"<!DOCTYPE" in first or b"<!ENTITY" in first:
                raise _entities(path)
            _check_encoding(first, info.filename, path)
        while member.read(CHUNK):
            pass


def _entities(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        "the workbook contains XML entity declarations, which Excel never writes and which "
        "can be used to attack the reader; it was not opened.",
        "Open it in Excel or LibreOffice and save it again as a new .xlsx.", file=path)


# ---------------------------------------------------------------- streaming the XML

class _Forbidden(Exception):  # noqa: N818 - internal: a DTD or entity in a part
    pass


def hardened_parser(start: Any, end: Any = None, namespaces: bool = True) -> Any:
    """An expat parser hardened as defusedxml hardens its own: no DTD, no entities, no
    external references. (expat's own handlers, rather than ElementTree's, because a
    100,000-row sheet must be scanned in seconds.)"""
    from xml.parsers import expat

    from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    def no_dtd(name: str, *_: Any) -> None:
        raise DTDForbidden(name, None, None)

    def no_entity(name: str, *_: Any) -> None:
        raise EntitiesForbidden(name, None, None, None, None, None)

    def no_external(context: str, base: Any, sysid: Any, pubid: Any) -> int:
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser = expat.ParserCreate(namespace_separator="|") if namespaces else \
        expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_entity
    parser.UnparsedEntityDeclHandler = no_entity
    parser.ExternalEntityRefHandler = no_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    return parser


def _feed(parser: Any, archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """Stream a part through ``parser``, a chunk at a time."""
    with archive.open(info) as member:
        feed_chunks(parser, iter(lambda: member.read(CHUNK), b""), info.filename, path)


def feed_chunks(parser: Any, chunks: Iterator[bytes], part: str, path: Path,
                 damaged_ok: bool = False) -> None:
    """Parse ``chunks``, refusing entities, a part expat would keep too much of, and (unless
    ``damaged_ok``: the rest is then read to its end for its checksum only) bad XML."""
    from xml.parsers import expat

    from defusedxml.common import DefusedXmlException

    names: set[bytes] = set()
    since = [0]  # bytes since the last "<"
    settle = _guard_elements(parser, part, path)
    try:
        for number, chunk in enumerate(chunks):
            if number == 0:
                _check_encoding(chunk, part, path)
            _few_names(chunk, names, part, path)
            _no_huge_tag(chunk, since, part, path)
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except DefusedXmlException:
        raise _entities(path) from None
    except expat.ExpatError as exc:
        if not damaged_ok:
            raise _damaged(path, f"{part}: {exc}") from None
        for _ in chunks:
            pass
    finally:
        settle()


# Elements open at once, and different element names, in a part: Excel's parts nest a dozen
# deep and use a few hundred names. expat keeps every open element and every name it meets,
# so four million nested (or named differently) took it past a gigabyte.
_DEEPEST, _MOST_ELEMENT_NAMES = 1_000, 50_000
# The different names of a part (element or attribute), all their characters: a few
# thousand in life; 50,000 names of 4,000 characters took expat past 600 MB
_MOST_NAME_CHARACTERS = 5_000_000


def _guard_elements(parser: Any, part: str, path: Path) -> Callable[[], None]:
    """Wrap the parser's element handlers so that a part nesting elements deeper than
    :data:`_DEEPEST`, or using more than :data:`_MOST_ELEMENT_NAMES` element names, is
    refused as it is read, before expat has kept much of it; and so that the parts of one
    file together hold at most ``LIMITS.file_elements``. Returns what to call when the
    part is read, to leave the file's count for its next part. (Called for every element
    of every part streamed, so kept lean: counts in the closure, one test on the way.)"""
    start, end = parser.StartElementHandler, parser.EndElementHandler
    budget = _budget()
    left = budget.elements
    depth = spelled = 0  # elements open, characters of the different names
    names: set[str] = set()

    def opened(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, left
        depth += 1
        left -= 1
        if left < 0 or depth > _DEEPEST or name not in names:
            admit(name)
        if start is not None:
            start(name, attrs)

    def admit(name: str) -> None:
        nonlocal spelled
        if left < 0:
            raise SpreadsheetError(
                f"the file is too large to read safely: its parts hold more than "
                f"{LIMITS.file_elements:,} XML elements in all.", "Open it in Excel or "
                "LibreOffice, delete what does not belong to the list, and save it again.",
                file=path)
        if depth > _DEEPEST:
            raise _unusual(path, f"{part} nests elements more than {_DEEPEST:,} deep")
        names.add(name)
        spelled += len(name)
        if len(names) > _MOST_ELEMENT_NAMES or spelled > _MOST_NAME_CHARACTERS:
            raise _unusual(path, f"{part} uses more than {_MOST_ELEMENT_NAMES:,} "
                                 f"different element names, or names of more than "
                                 f"{_MOST_NAME_CHARACTERS:,} characters in all")

    def closed(name: str) -> None:
        nonlocal depth
        depth -= 1
        if end is not None:
            end(name)

    def settle() -> None:
        budget.elements = left

    parser.StartElementHandler = opened
    parser.EndElementHandler = closed
    return settle


# A name followed by "=", after a space: an attribute's (or a word of text followed by "=",
# which only makes the count larger)
_NAME_AND_EQUALS = re.compile(rb"[ \t\r\n]([^\s=<>\"']++)[ \t\r\n]*+=")
_MOST_NAME_AND_EQUALSS = 50_000  # Excel's parts use a few hundred


def _few_names(chunk: bytes, names: set[bytes], part: str, path: Path) -> None:
    """Add the attribute names in ``chunk`` to ``names``, refusing a part that uses more
    than :data:`_MOST_NAME_AND_EQUALSS`, or names of more than
    :data:`_MOST_NAME_CHARACTERS` bytes in all: expat keeps every name it meets, and three
    million (a 7 MB workbook) took it past 600 MB, as did 158,000 of 1,200 characters."""
    found = set(_NAME_AND_EQUALS.findall(chunk)) - names
    if not found:
        return
    names.update(found)
    if len(names) > _MOST_NAME_AND_EQUALSS or \
            sum(map(len, names)) > _MOST_NAME_CHARACTERS:
        raise _unusual(path, f"{part} uses more than {_MOST_NAME_AND_EQUALSS:,} different "
                             f"attribute names, or names of more than "
                             f"{_MOST_NAME_CHARACTERS:,} characters in all")


_LONGEST_TAG = 1 << 20  # a megabyte: Excel's longest are lists of ranges some kilobytes long


def _no_huge_tag(chunk: bytes, since: list[int], part: str, path: Path) -> None:
    """Refuse a part with a megabyte or more between one "<" and the next, ``since`` the
    count carried from chunk to chunk: a tag that long (or a text, where a cell holds
    32,767 characters) is nothing a spreadsheet writes, and expat keeps all of a tag's
    attributes at once (ten million on one row took it past 600 MB)."""
    first = chunk.find(b"<")
    if first < 0:
        since[0] += len(chunk)
    else:
        since[0] += first
        if since[0] < _LONGEST_TAG:
            since[0] = len(chunk) - chunk.rfind(b"<") - 1
    if since[0] >= _LONGEST_TAG:
        raise _unusual(path, f"{part} holds a tag or text of a megabyte or more")


def _pieces(data: bytes) -> Iterator[bytes]:
    """``data`` in chunks, as a part is streamed (so a malformed part's error names the
    same place either way)."""
    return (data[at:at + CHUNK] for at in range(0, len(data), CHUNK))


@lru_cache(maxsize=4096)
def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - 64)
    return number


# Letters then digits, of any length: the reader (calamine) takes any such reference at its
# word, so "A12345678" is row 12,345,678 to it, not a malformed reference to skip.
_REF = re.compile(r"\$?([A-Za-z]+)\$?([0-9]+)")
_BEYOND = 10**9  # a row or column number past every limit, for references too long to count


def _split_ref(ref: str) -> tuple[int, int] | None:
    """``"AB12"`` -> (12, 28); None when it is not an A1 reference (an attribute's value,
    not XML, so a pattern reads it). A number too long to be real counts as beyond every
    limit."""
    found = _REF.fullmatch(ref)
    if found is None:
        return None
    letters, digits = found.groups()
    row = int(digits) if len(digits) <= 9 else _BEYOND
    return row, _column_number(letters) if len(letters) <= 6 else _BEYOND


def _lenient_ref(ref: str) -> tuple[int, int] | None:
    """Where openpyxl (which edits the pairs workbook) puts a cell whose reference the A1
    pattern does not read: it takes the letters before the first digit as the column and
    passes the rest to ``int``, which allows spaces and underscores (``"XFD1_000_000"``)."""
    at = next((i for i, char in enumerate(ref) if char.isdigit()), len(ref))
    letters, rest = ref[:at], ref[at:]
    if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isupper():
        return None
    try:
        row = int(rest) if len(rest) <= 40 else _BEYOND
    except ValueError:
        return None
    return row, _column_number(letters)


_WHOLE_COLUMN, _WHOLE_ROW = 1_048_576, 16_384  # how far "A:A" and "1:1" reach


def _whole_line(corner: str) -> tuple[int, int]:
    """How far a corner that is a whole row ("7") or column ("C") reaches; anything else
    counts as beyond every limit."""
    if corner.isdigit():
        return (int(corner) if len(corner) <= 9 else _BEYOND), _WHOLE_ROW
    column = _column_number(corner) if corner.isalpha() and len(corner) <= 6 else _BEYOND
    return _WHOLE_COLUMN, column


def _range_corner(ranges: str, path: Path) -> tuple[int, int]:
    """The furthest row and column of a range list such as ``"A1:B2 D4"``, as openpyxl,
    which makes a cell for each place a merge, hyperlink or comment covers, would read it
    (a whole column reaching the last row, a reference only openpyxl reads counted too).

    The list is charged to the file's budget of range characters before it is read, since
    each corner costs Python work."""
    budget = _budget()
    budget.range_chars -= len(ranges)
    if budget.range_chars < 0:
        raise _unusual(path, f"its merged cells, hyperlinks, comments and tables list more "
                             f"than {LIMITS.range_chars:,} characters of cell ranges")
    far_row = far_column = 0
    for corner in re.split(r"[\s:]+", ranges.replace("$", "")):
        if not corner:
            continue
        found = _split_ref(corner) or _lenient_ref(corner) or _whole_line(corner)
        far_row, far_column = max(far_row, found[0]), max(far_column, found[1])
    return far_row, far_column


def _row_number(given: str) -> int | None:
    """The row a ``<row r>`` names, read as generously as either reader reads it: calamine
    parses it like a cell reference ("A99" is row 99), openpyxl through ``float``."""
    found = _REF.fullmatch(given.strip())
    if found is not None:
        digits = found.group(2)
        return int(digits) if len(digits) <= 9 else _BEYOND
    try:
        number = float(given) if len(given) <= 40 else float(_BEYOND)
    except ValueError:
        return None
    return int(min(number, _BEYOND)) if number == number else None  # NaN names no row


# A sheet part up to this size is read whole, so that its rows can be measured at once when
# they are written plainly (``plain_sheet``); a larger one is streamed.
_WHOLE_SHEET_BYTES = 64 * 1024 * 1024


def _scan_xlsx_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
                     sheet: str) -> SheetExtent:
    """The furthest row and column holding a cell, and formulas saved without a value:
    measured at once when the sheet's rows are written plainly, else by streaming."""
    part = info.filename
    # A part larger than the text limit could hold more text than it in its cells' own
    # (inline) texts: then they are counted as it streams. (190 MB of them took 970 MB.)
    inline = info.file_size > LIMITS.text_chars
    if info.file_size > _WHOLE_SHEET_BYTES:
        return _stream_xlsx_sheet(lambda parser: _feed(parser, archive, info, path), path,
                                  part, sheet, inline)
    with archive.open(info) as member:
        data = member.read()
    return (None if inline else _plain_xlsx_sheet(data, path, part, sheet)) or \
        _stream_xlsx_sheet(lambda parser: feed_chunks(parser, _pieces(data), part, path),
                           path, part, sheet, inline)


def _plain_xlsx_sheet(data: bytes, path: Path, part: str, sheet: str) -> SheetExtent | None:
    """The sheet measured with its rows taken at once (``plain_sheet.plain_rows``) and only
    what surrounds them streamed; None when that cannot be done, or finds a problem, so
    that the streaming scan of the whole part decides (and words any refusal)."""
    import dataclasses

    from .plain_sheet import plain_rows

    _check_encoding(data[:CHUNK], part, path)
    rows = plain_rows(data)
    if rows is None:
        return None
    around = data[:rows.start] + data[rows.end:]
    try:
        extent = _stream_xlsx_sheet(
            lambda parser: feed_chunks(parser, _pieces(around), part, path), path, part,
            sheet)
    except SpreadsheetError:
        return None
    far_row, far_column = max(extent.rows, rows.rows), max(extent.columns, rows.columns)
    elements = extent.elements + rows.elements
    if elements > LIMITS.part_elements:
        return None
    try:
        check_extent(path, sheet, far_row, far_column)
    except SpreadsheetError:
        return None
    return dataclasses.replace(extent, rows=far_row, columns=far_column, elements=elements,
                               shared_cells=extent.shared_cells + rows.shared_cells)


def _stream_xlsx_sheet(feed: Callable[[Any], None], path: Path, part: str,
                       sheet: str, inline: bool = False) -> SheetExtent:
    """The furthest row and column holding a cell, and formulas saved without a value,
    from the sheet's XML as ``feed`` streams it through a parser.

    Cells are placed as python-calamine places them: a cell's own reference gives its
    position; a cell without one goes on the reader's row counter (set by ``<row r>``, one
    more at each ``</row>``, but not by a row written inside a cell, which the reader skips),
    one column after the cell before it (back to the first at each ``</row>``). A reference
    only openpyxl reads (see ``_lenient_ref``) counts as well.

    Called for every element of the sheet, so it is kept lean: no namespace processing
    (a tag is ``c`` or ``x:c``), a cell reference split by ``rstrip`` with its letters
    looked up in a table (the pattern only for letters not seen before), ends of elements
    looked at only for rows and formula cells, and text only inside a formula cell's value
    (and, with ``inline``, inside a cell's own text, against the text limit).
    """
    from .plain_sheet import numbers_read_apart

    # the reader's row counter, the column of the cell just seen, that cell's row, the furthest
    counter = column = cell_row = far_row = far_column = 0
    formula: list[Any] = [None, False]  # the formula cell's (row, column), its value seen
    missing: list[tuple[int, int]] = []
    errors: list[tuple[int, int]] = []  # cells holding an error value, the first thousand
    inside = [False]  # within a cell, where the reader skips everything but the value
    # cells holding a shared string, elements, rules
    shared = [0, 0, 0]
    tags: dict[str, str] = {}  # element name -> its local name (a few dozen at most)
    columns: dict[str, int] = {}  # the letters of a reference -> the column's number
    parser = hardened_parser(None, None, namespaces=False)

    def reach(row: int, col: int) -> None:
        nonlocal far_row, far_column
        if row > far_row or col > far_column:
            far_row, far_column = max(far_row, row), max(far_column, col)
            check_extent(path, sheet, far_row, far_column)

    def value_text(data: str) -> None:
        if data.strip():
            formula[1] = True

    inline_size = [0, 0]  # the inline texts' size, the <is> elements open
    # The cell being read, as the two readers could read it otherwise: its values (<v> or
    # <is>: calamine keeps the last, openpyxl the first), whether it holds a shared string
    # (whose index, as written, is in ``index``: calamine reads " 1", "+1" or "-1" as 0,
    # openpyxl as 1, 1 and the last string), the <is> open (a <v> in it is no value; its
    # shape is ``shape``'s) and the cell's type (openpyxl reads an <is> only in inlineStr)
    cell: list[Any] = [0, False, 0, ""]
    index: list[str] = []
    shape = _TextShape(path, f"a cell of {part}")

    shared_text = False  # whether the <v> being collected numbers a shared text

    def collect_value(data: str) -> None:
        """A <v>'s text, kept to be checked at its end: a shared text's number or a number."""
        index.append(data)
        value_text(data)

    def one_more_value() -> None:
        cell[0] += 1
        if cell[0] > 1:
            raise _unusual(path, f"a cell of {part} holds two values, which the readers "
                                 "would each read differently")

    def inline_text(data: str) -> None:
        inline_size[0] += _text_size(data)
        if inline_size[0] > LIMITS.text_chars:
            raise _too_much_text(path, sheet, inline_size[0], repeated=False)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal counter, column, cell_row, shared_text
        shared[1] += 1
        if shared[1] > LIMITS.part_elements:
            raise _too_many_elements(path, part)
        tag = tags.get(name)
        if tag is None:
            tag = name[name.rfind(":") + 1:]
            if len(tags) < 64:
                tags[name] = tag
        if tag == "c":
            inside[0] = True
            ref = attrs.get("r")
            cell_row = counter + 1  # a cell's own reference never moves the counter
            if ref:
                letters = ref.rstrip("0123456789")
                known = columns.get(letters)
                if known is not None and 0 < len(ref) - len(letters) <= 7:
                    cell_row, column = int(ref[len(letters):]), known
                else:
                    found = _split_ref(ref)
                    if found is None:  # calamine refuses it; openpyxl may not
                        lenient = _lenient_ref(ref)
                        if lenient is not None:
                            reach(*lenient)
                        column += 1
                    else:
                        cell_row, column = found
                        if len(columns) < 100_000:
                            columns[letters] = column
            else:
                column += 1
            if cell_row > far_row or column > far_column:  # reach(), inline: every cell
                reach(cell_row, column)
            formula[0] = None
            cell[0] = cell[2] = 0
            cell[3] = attrs.get("t")
            if cell[3] == "e" and len(errors) < 1000:
                errors.append((cell_row, column))
            cell[1] = cell[3] == "s"
            if cell[1]:
                shared[0] += 1
        elif tag == "row" and not inside[0]:
            given = attrs.get("r")
            number = _row_number(given) if given else None
            if number is not None:
                counter = max(number - 1, 0)
        elif tag in ("cfRule", "dataValidation") and not inside[0]:
            shared[2] += 1
        elif tag in ("mergeCell", "hyperlink") and not inside[0]:
            reach(*_range_corner(attrs.get("ref", ""), path))  # openpyxl: each cell
        elif tag == "f":
            formula[0], formula[1] = (cell_row, column), False
        elif tag == "v" and inside[0]:
            if not cell[2]:
                one_more_value()
            if formula[0] and cell[3] == "str":
                # a text result, empty too: Excel and LibreOffice save a formula giving ""
                # as <v></v> in a "str" cell (openpyxl's, never calculated, has no type)
                formula[1] = True
            if cell[1] or cell[3] in (None, "n"):
                # a shared text's number (a formula's shown shared text too: openpyxl reads
                # it for visit), or a number (a formula's shown one too)
                index.clear()
                shared_text = cell[1]
                parser.CharacterDataHandler = collect_value
            elif formula[0]:
                parser.CharacterDataHandler = value_text
        elif tag == "is":
            if inside[0]:
                one_more_value()
                if cell[3] != "inlineStr":  # calamine reads the text, openpyxl nothing
                    raise _unusual(path, f"a cell of {part} holds a text of its own but is "
                                         "not of the type that holds one, which the readers "
                                         "would each read differently")
                cell[2] += 1
                shape.reset()
            if inline:
                inline_size[1] += 1
                parser.CharacterDataHandler = inline_text
        elif tag in ("r", "rPh", "t") and cell[2]:
            shape.start(tag)

    def end(name: str) -> None:
        nonlocal counter, column
        tag = tags.get(name) or name[name.rfind(":") + 1:]
        if tag == "row" and not inside[0]:
            counter += 1
            column = 0
        elif tag == "v":  # back to counting when a value was written inside a text
            if parser.CharacterDataHandler == collect_value and shared_text:
                number = "".join(index)
                if number and not (number.isascii() and number.isdigit()):  # "": none
                    raise _unusual(path, f"a cell of {part} gives its shared text's number "
                                         f"as '{number[:20]}', which the readers would "
                                         "each read differently")
            elif parser.CharacterDataHandler == collect_value:
                number = "".join(index)
                if numbers_read_apart(number):  # (plain_sheet's)
                    raise _unusual(path, f"a cell of {part} gives its number as "
                                         f"'{number[:20]}', which the readers would each "
                                         "read differently")
            parser.CharacterDataHandler = inline_text if inline_size[1] else None
        elif tag in ("r", "rPh") and cell[2]:
            shape.end(tag)
        elif tag == "is":
            if inside[0]:
                cell[2] -= 1
            if inline:
                inline_size[1] -= 1
                if not inline_size[1]:
                    parser.CharacterDataHandler = None
        elif tag == "c":
            inside[0] = False
            if formula[0]:
                if not formula[1] and len(missing) < 1000:
                    missing.append(formula[0])
                formula[0] = None

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    feed(parser)
    return SheetExtent(part, far_row, far_column, tuple(missing),
                       shared_cells=shared[0], elements=shared[1], rules=shared[2],
                       title=sheet, errors=tuple(errors))


_COUNT = re.compile(r"\s*\+?([0-9]+)\s*")  # as Rust reads a count: "+6000" is 6000
# A cell's attributes that give it a value to the reader, even with no value-type
_VALUE_ATTRIBUTES = frozenset({"value-type", "value", "boolean-value", "string-value",
                               "date-value", "time-value", "formula"})


def _count(value: str) -> int:
    found = _COUNT.fullmatch(value)
    if found is None:
        return 1  # the reader refuses any other count
    digits = found.group(1)
    return int(digits) if len(digits) <= 12 else _BEYOND


def _repeat(attrs: dict[str, str], name: str) -> int:
    """A repeat count, the largest of every attribute of that name in any namespace (the
    reader reads its own prefix's; a decoy in another namespace must not hide it)."""
    return max((_count(value) for key, value in attrs.items() if _local(key) == name),
               default=1)


_ODS_STRUCTURE = frozenset({"table", "table-row", "table-cell", "covered-table-cell"})


# A line break and a tab inside a cell's text, as the reader names them (exactly)
_ODS_BREAKS = frozenset({"text:line-break", "text:tab"})


def _scan_ods(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
              path: Path) -> list[SheetExtent]:
    """Each table's furthest row and column holding content, and the characters the cells
    of all tables hold, repeats multiplied out (the reader copies a repeated cell's text into
    each copy, and writes ``<text:s text:c="N"/>`` as N spaces). Empty repeated rows and
    cells (LibreOffice writes a million of them) cost nothing."""
    found: list[SheetExtent] = []
    state: dict[str, Any] = {"table": "", "row": 0, "rows": 0, "cols": 0, "text": 0,
                             "open": False, "elements": 0, "breaks": 0}
    row: dict[str, int] = {}
    cell: dict[str, int] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        state["elements"] += 1
        if state["elements"] > LIMITS.part_elements:
            raise _too_many_elements(path, info.filename)
        tag = _local(name)
        if tag in _ODS_STRUCTURE and name != "table:" + tag:
            raise _unusual(path, f"it names a {tag} '{name}', not 'table:{tag}'")
        if cell:
            if tag in _ODS_STRUCTURE:  # the reader would skip it, or end the cell there
                raise _unusual(path, f"a {tag} is written inside a cell")
            cell["content"] = 1  # any element inside a cell is content
            if tag == "s":
                cell["text"] += _repeat(attrs, "c")
            elif name in _ODS_BREAKS:  # read as one character each
                cell["text"] += 1
                state["breaks"] += 1
            return
        if tag == "table":
            if state["open"]:
                raise _unusual(path, "a table is written inside another")
            state.update(table=next((v for k, v in attrs.items() if _local(k) == "name"), ""),
                         row=0, rows=0, cols=0, open=True)  # text counts on: see below
        elif tag == "table-row":
            if row:
                raise _unusual(path, "a table-row is written inside another")
            # a repeat of 0 is one row to the reader while it reads (it drops it only after)
            row.update(repeat=max(_repeat(attrs, "number-rows-repeated"), 1), col=0, cols=0,
                       text=0)
        elif tag in ("table-cell", "covered-table-cell") and row:
            values = [v for k, v in attrs.items() if _local(k) in _VALUE_ATTRIBUTES]
            cell.update(repeat=max(_repeat(attrs, "number-columns-repeated"), 1),
                        content=int(bool(values)), text=sum(map(_text_size, values)))

    def text(data: str) -> None:
        if cell:
            cell["text"] += _text_size(data)

    def end(name: str) -> None:
        tag = _local(name)
        if cell and tag in ("table-cell", "covered-table-cell"):
            row["col"] += cell["repeat"]
            row["text"] += cell["text"] * cell["repeat"]
            if cell["content"]:
                row["cols"] = row["col"]
            cell.clear()
        elif cell:
            return
        elif tag == "table-row" and row:
            state["row"] += row["repeat"]
            if row["cols"]:
                state["rows"] = state["row"]
                state["cols"] = max(state["cols"], row["cols"])
                check_extent(path, state["table"], state["rows"], state["cols"])
            state["text"] += row["text"] * row["repeat"]
            if state["text"] > LIMITS.text_chars:
                raise _too_much_text(path, state["table"], state["text"])
            row.clear()
        elif tag == "table":
            state["open"] = False
            found.append(SheetExtent(state["table"], state["rows"], state["cols"],
                                     breaks=state["breaks"]))
            state["breaks"] = 0
            # the reader reads every table of an .ods when it opens the file, not only the
            # one asked for: the tables' cells count together, as their text does
            spanned = sum(extent.cells for extent in found)
            if spanned > LIMITS.cells:
                raise SpreadsheetError(
                    f"the spreadsheet is too large to read safely: its sheets together span "
                    f"{spanned:,} cells, more than the limit of {LIMITS.cells:,}.",
                    "Delete the sheets, rows and columns nobody uses, save, and try again.",
                    file=path)

    # names compared as written, as the reader compares them ("table:table-row" exactly)
    parser = hardened_parser(start, end, namespaces=False)
    parser.CharacterDataHandler = text
    _feed(parser, archive, info, path)
    return found
