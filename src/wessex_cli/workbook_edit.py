"""Opening a workbook to change it, and saving it, so that nothing the administrator typed
is lost.

Edits go through openpyxl, which keeps formatting, extra columns and sheets, comments and
notes (``workbook_notes`` puts back how the notes looked), but drops charts, images, pivot
tables and macros: a workbook holding any of those is refused with a message saying what
would be lost (an empty drawing part, as LibreOffice leaves behind, holds nothing and is
not counted). openpyxl also writes formulas without
the values Excel last computed for them; wessex puts those values back, so a "done" filled
by a formula still reads as done afterwards, and it never overwrites a formula cell. It
puts back too the cells holding text of no characters, which openpyxl saves as empty
cells, and the sensitivity label, SharePoint's metadata and "Read-only recommended", which
openpyxl drops (``package_metadata``).

Every save is atomic, keeps a backup of the previous version in ``backups/``, follows a
symbolic link to the real file, refuses a read-only file and one open in Excel or
LibreOffice, and holds a lock so that two wessex commands never write the same workbook.
What changes the pairs workbook's rows is ``record``'s; deleting and adding rows as Excel
does is ``sheet_rows``'.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from .cell_styles import relink_named_styles
from .dates import DATE_FORMAT
from .errors import TrackingError
from .ignored_errors import Ignored, read_ignored, restored_sheets, sheet_parts
from .package_metadata import Metadata, not_kept, read_metadata, restored_package
from .safe_write import (
    atomic_write,
    backup,
    backup_name,
    real_path,
    refuse_if_open,
    refuse_if_read_only,
    remove_leftovers,
    write_lock,
)
from .spreadsheet import same_sheet
from .text import looks_like_formula
from .workbook_notes import NoteLook, read_looks, restored_parts


@dataclass(frozen=True)
class Dropped:
    """Something a save through openpyxl drops, as the refusal names it (``what``): the
    parts Excel keeps it in, by name, and the elements that open such a part, found by
    content wherever it is kept (openpyxl follows the relations, not Excel's folders)."""

    what: str
    parts: tuple[str, ...]
    elements: tuple[str, ...] = ()


# what a drawing holds; it places charts too, but each chart is a part of its own (as Excel,
# LibreOffice, xlsxwriter and openpyxl write them), which names it "charts"
DRAWINGS = "images or shapes"
TRACKED = "tracked changes"
PICTURES, EMBEDDED = "pictures", "embedded objects"  # found by their bytes too
DROPPED = (
    Dropped(DRAWINGS, ("xl/drawings/",), ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")),
    Dropped("charts", ("xl/charts/",), ("chartSpace",)),
    Dropped("pivot tables", ("xl/pivotTables/", "xl/pivotCache/"),
            ("pivotTableDefinition", "pivotCacheDefinition")),
    Dropped("macros", ("xl/vbaProject.bin",)),
    Dropped(PICTURES, ("xl/media/",)),
    Dropped("slicers", ("xl/slicers/",), ("slicers", "slicerCacheDefinition")),
    Dropped("timelines", ("xl/timelines/",), ("timelines", "timelineCacheDefinition")),
    Dropped("threaded comments (their replies)", ("xl/threadedComments/",),
            ("ThreadedComments",)),
    Dropped("pictures or data types placed in cells", ("xl/richData/",),
            ("valueMetadata", "rvData", "rvStructures")),
    Dropped("data connections (Power Query, external data)",
            ("xl/connections.xml", "xl/queryTables/"),
            ("connections", "queryTable")),
    Dropped(EMBEDDED, ("xl/embeddings/",)),
    Dropped("form controls", ("xl/ctrlProps/",), ("formControlPr",)),
    # what Track Changes recorded (LibreOffice's Edit > Track Changes > Record, an Excel
    # shared workbook's history): the cells stay as typed, the record of each edit goes
    Dropped(TRACKED, ("xl/revisions/",), ("revisions",)),
    # Excel 365's formulas that spill (openpyxl drops the part and the cells' link to it)
    Dropped("formulas that spill over several cells", ("xl/metadata.xml",),
            ("futureMetadata", "cellMetadata")),
)
DROPPED_PARTS = {part: dropped.what for dropped in DROPPED for part in dropped.parts}
ELEMENTS = {name: dropped.what for dropped in DROPPED for name in dropped.elements}


def _element(*names: str) -> re.Pattern[bytes]:
    """An element of one of ``names`` opening, under any namespace prefix (as XML allows,
    "x-d:", not only the word characters Excel uses); group 1 is its name."""
    return re.compile(rb"<(?:[^\s<>/:]+:)?(" + "|".join(names).encode() + rb")\b")


ANCHOR = _element(*DROPPED[0].elements)  # a shape, picture or chart placed in a drawing
CONTENT_MARK = _element(*ELEMENTS)  # any of them: a part searched once for all


# A VML shape that is not a comment's note (any other ObjectType, even an empty one), its
# value in either quotes and with spaces about the "=", as XML allows: ObjectType='Button'
# passed as a note, and a visit dropped the button
NOT_A_NOTE = re.compile(rb"""ObjectType[ \t\r\n]*=[ \t\r\n]*(["'])(?!Note\1)""")


def _sheet_title(titles: list[str], name: str) -> str:
    """The title of the sheet called ``name`` (``same_sheet``), or ``name`` itself."""
    return next((title for title in titles if same_sheet(title, name)), name)


def _harmless(archive: zipfile.ZipFile, name: str) -> bool:
    """Drawing parts that openpyxl can drop or rebuild without losing anything: the empty
    drawing LibreOffice writes, relationship files, and the shapes of comments (notes),
    which openpyxl writes again from the comments themselves."""
    if name.startswith("xl/drawings/_rels/") or name.endswith("/"):
        return True
    if name.startswith("xl/drawings/") and name.endswith(".xml"):
        return not _holds(archive, name, ANCHOR)
    if name.startswith("xl/drawings/") and name.endswith(".vml"):
        return not _holds(archive, name, NOT_A_NOTE)
    return False


def _holds(archive: zipfile.ZipFile, name: str, mark: re.Pattern[bytes]) -> bool:
    """Whether ``mark`` (a pattern of at most 64 bytes) is found in the part, read a
    megabyte at a time: a part can unpack to 200 MB, which read whole (and searched for
    every shape) took a check of it to 940 MB."""
    with archive.open(name) as member:
        return any(mark.search(window) for window in _windows(member))


def _windows(member: IO[bytes], first: bytes = b"") -> Iterator[bytes]:
    """A part a megabyte at a time (after ``first``, what was read of it already), each
    piece with the last 64 bytes before it, so a mark of up to 64 bytes that straddles two
    pieces is whole in one of them."""
    tail, piece = b"", first or member.read(1 << 20)
    while piece:
        window = tail + piece
        yield window
        tail, piece = window[-64:], member.read(1 << 20)


def refuse_what_saving_would_lose(path: Path, target: Path | None = None) -> None:
    """Refuse, in one message, a workbook that saving through openpyxl would harm: one too
    large to change safely (``inspection.check_editable``), or holding what a save would
    drop, whether sheet settings and the workbook's (``EditLoads.dropped``) or whole parts
    such as charts and macros (:func:`features_that_would_be_lost`). ``target``: the real
    file behind a link. ``pair --keep --dry-run`` asks too, so that a trial refuses what
    the real run would."""
    from .inspection import check_editable, inspect_input

    loads = check_editable(inspect_input(path))  # before openpyxl builds every cell
    lost = sorted(loads.dropped | set(features_that_would_be_lost(target or real_path(path))))
    if lost:
        hint = "Move them to another workbook, or record the change by hand in Excel."
        if TRACKED in lost:
            accept = ("Accept or reject the tracked changes and stop recording them (in "
                      "LibreOffice: Edit > Track Changes; in Excel: Review > Track Changes), "
                      "then run the command again.")
            hint = accept if lost == [TRACKED] else f"{accept} Anything else: {hint}"
        raise TrackingError(f"the workbook contains {', '.join(lost)}, which wessex cannot "
                            "keep when it saves, so it was not changed.", hint, file=path)


def features_that_would_be_lost(path: Path) -> list[str]:
    """Parts of the workbook that saving through openpyxl would drop (charts, pivot
    tables, macros...), so that wessex refuses to change it rather than lose them."""
    from .inspection import refuse_too_long

    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not _harmless(archive, n)]
            by_content = _found_by_content(archive, names)
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        if isinstance(exc, OSError):  # a path too long is no damage: restoring loses work
            refuse_too_long(exc, path)
        raise TrackingError("the pairs workbook is damaged and cannot be opened.",
                            "Restore the latest copy from the backups/ folder.",
                            file=path) from None
    odd = not_kept(names)  # a label's or SharePoint's part that is not as Excel names it
    metadata = {f"document metadata under a name Excel does not use ({', '.join(odd[:3])})"}
    found = {what for prefix, what in DROPPED_PARTS.items()
             if any(n.startswith(prefix) for n in names)} | by_content | \
        (metadata if odd else set())
    return sorted(found)


# What a part is, by its own bytes: openpyxl follows the relations to a drawing, a picture
# or a chart wherever it is kept, not only in the folders Excel uses
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"II+\x00",
               b"MM\x00+", b"BM", b"\x01\x00\x00\x00", b"\xd7\xcd\xc6\x9a", b"RIFF")


# binary parts openpyxl neither reads nor needs: printer settings, and the thumbnail Excel
# for Mac saves (both dropped on saving, harmlessly)
NOT_READ = re.compile(r"xl/printerSettings/[^/]+\.bin|docProps/thumbnail\.\w+", re.I)


def _found_by_content(archive: zipfile.ZipFile, names: list[str]) -> set[str]:
    """Pictures, drawings, charts and pivot tables found by what each part holds, whatever
    its name (read in pieces, so a large part costs little memory). A part that is not XML
    and not a picture is an embedded object: no part of a workbook wessex can change is."""
    found: set[str] = set()
    for name in names:
        if NOT_READ.fullmatch(name):
            continue
        with archive.open(name) as member:
            head = member.read(1 << 20)
            if head.startswith(IMAGE_MAGIC):
                found.add(PICTURES)
            elif head and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                found.add(EMBEDDED)
            for window in _windows(member, head):
                found.update(ELEMENTS[mark[1].decode()] for mark in CONTENT_MARK.finditer(window))
    return found


@dataclass
class Workbook:
    """An open pairs workbook: openpyxl's book, and what Excel last showed in formula cells."""

    book: Any
    path: Path
    cached: dict[int, tuple[Any, str, Any]] = field(default_factory=dict)  # id(cell) ->
    # (cell, formula, cached value)
    unchanged: bool = False  # set by an edit that found nothing to change: nothing is saved
    notes: dict[int, tuple[Any, NoteLook]] = field(default_factory=dict)  # id(note) -> (note,
    # how it looked: formatting, size, shown), put back after openpyxl saves (workbook_notes)
    ignored: dict[str, Ignored] = field(default_factory=dict)  # sheet name -> the cells
    # marked "Ignore error" there, put back after openpyxl saves (ignored_errors)
    metadata: Metadata = field(default_factory=Metadata)  # the sensitivity label, SharePoint's
    # custom XML and <fileSharing>, put back after openpyxl saves (package_metadata)
    empty_texts: dict[int, Any] = field(default_factory=dict)  # id(cell) -> a cell holding
    # text of no characters, which openpyxl saves as an empty cell: put back after it saves
    backup: Path | None = None  # the backup of the file its save replaces, named when opened
    # (so a message said before the save can name it), None when no backup is made

    def __getitem__(self, name: str) -> Any:
        """The sheet called ``name``, matched as every reader matches it (``same_sheet``)."""
        return self.book[_sheet_title(self.book.sheetnames, name)]

    def has_sheet(self, name: str) -> bool:
        """Whether the workbook has a sheet called ``name`` (``same_sheet``)."""
        return any(same_sheet(title, name) for title in self.book.sheetnames)

    @property
    def sheetnames(self) -> list[str]:
        """The names of the workbook's sheets."""
        return list(self.book.sheetnames)

    def create_sheet(self, name: str) -> Any:
        """A new sheet at the end of the workbook."""
        return self.book.create_sheet(name)

    def shown(self, cell: Any) -> Any:
        """The value as Excel shows it: a formula cell's last computed value."""
        found = self.cached.get(id(cell))
        return found[2] if found and cell.value == found[1] else cell.value

    def copy_empty_text(self, source: Any, target: Any) -> None:
        """Keep as empty text the copy ``target`` of ``source`` (a row moved to another sheet,
        a cell put back by its row) when ``source`` held the empty text it was opened with."""
        if self.empty_texts.get(id(source)) is source:
            self.empty_texts[id(target)] = target

    def writable(self, cell: Any, sheet: str = "Pairs") -> None:
        """Refuse to replace a formula the administrator wrote (text that only looks like
        one, stored as text, is not a formula), or to write into merged cells."""
        self.unmerged(cell, sheet)
        if is_formula(cell):
            raise TrackingError(f"this cell holds a formula ({cell.value}), which wessex will "
                                "not overwrite.", "Type the value in Excel instead, or clear "
                                "the formula and run the command again.", file=self.path,
                                sheet=sheet, cell=cell.coordinate)


    def unmerged(self, cell: Any, sheet: str = "Pairs") -> None:
        """Refuse to write in merged cells that reach another row (or in any but a merge's
        first cell, which openpyxl cannot write): the value would show in the other row."""
        from openpyxl.cell.cell import MergedCell

        # compared as numbers: 'coordinate in range' parses the coordinate for every range,
        # which for each cell pair --keep wrote beside 15,000 merges took 249 s, not 4
        row, column = cell.row, cell.column
        merged = next((m for m in cell.parent.merged_cells.ranges
                       if m.min_row <= row <= m.max_row and m.min_col <= column <= m.max_col),
                      None)
        if isinstance(cell, MergedCell) or (merged is not None and
                                            merged.min_row < merged.max_row):
            # merged along one row: only the first cell holds a value, none of another row's
            why = "without changing another row's cell" if merged is None or \
                merged.min_row < merged.max_row else "as only the first of merged cells " \
                "holds a value"
            raise TrackingError(f"this cell is one of the merged cells {merged or ''}, so "
                                f"wessex cannot write in it {why}.", "Unmerge them in Excel "
                                "(Home > Merge & Center), fill in each cell, and run the "
                                "command again.", file=self.path, sheet=sheet,
                                cell=cell.coordinate)


def open_in_memory(path: Path, require: str | None = "Pairs",
                   target: Path | None = None) -> Workbook:
    """The workbook at ``path`` (read from ``target``, its real path, when given) as
    openpyxl's book with what Excel last showed in its formula cells: to change and save
    (``edit_workbook``), or to try a change on and throw away (``pair --keep --dry-run``)."""
    import warnings

    import openpyxl

    source = target or path
    try:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            # rich text kept: a word made bold in a note would otherwise be saved back plain
            book = openpyxl.load_workbook(source, rich_text=True)
            shown = openpyxl.load_workbook(source, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for bad files
        raise TrackingError(f"the pairs workbook cannot be opened ({exc}).",
                            "Open it in Excel or LibreOffice and save it again, or restore "
                            "a backup.",
                            file=path) from None
    for warning in said:
        text = str(warning.message)
        if text.startswith("Print area cannot be set"):  # whole rows or columns ("$1:$31")
            area = text.partition(": ")[2].rstrip(".")
            raise TrackingError(
                f"its print area ({area}) is whole rows or columns, which wessex cannot keep "
                "when it saves, so it was not changed.", "Set the print area to cells in "
                "Excel (select them, then Page Layout > Print Area > Set Print Area) and run "
                "the command again.", file=path)
        warnings.warn_explicit(warning.message, warning.category, warning.filename,
                               warning.lineno)
    if require and not any(same_sheet(title, require) for title in book.sheetnames):
        raise TrackingError("this workbook has no 'Pairs' sheet.",
                            "Give the pairs workbook written by 'wessex pair'.", file=path)
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    relink_named_styles(book, source)  # a LibreOffice workbook's cell styles (cell_styles)
    try:
        metadata = read_metadata(source)
    except Exception:  # noqa: BLE001 - what openpyxl read, defusedxml may still refuse
        raise TrackingError("the workbook's list of its parts cannot be read, so its "
                            "sensitivity label or document metadata could be lost; it was "
                            "not changed.", "Open it in Excel or LibreOffice and save it again.",
                            file=path) from None
    opened = Workbook(book, path, notes=read_looks(source, book), ignored=read_ignored(source),
                      metadata=metadata)
    for sheet in book.worksheets:
        values = shown[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                link = cell.hyperlink
                if link is not None and cell.data_type == "f" and \
                        cell.value in (link.target, link.location):
                    # a link on an empty cell: openpyxl wrote its address in as the cell's
                    # value (it writes no link for an empty cell), and one beginning with
                    # "=" as a live formula, which saving would have put in the workbook:
                    # the address stays, as text
                    put_value(cell, cell.value)
                    continue
                if cell.value == "" and cell.data_type == "s":
                    opened.empty_texts[id(cell)] = cell
                # an array formula too (Ctrl+Shift+Enter, or what Excel 365 writes for a
                # formula that could spill), and a data table: a "done" it fills must still
                # read as done
                if cell.data_type == "f" and \
                        isinstance(cell.value, str | ArrayFormula | DataTableFormula):
                    opened.cached[id(cell)] = (cell, cell.value, _shown(values[cell.coordinate]))
    return opened


def _shown(cell: Any) -> Any:
    """What Excel showed in a formula cell: empty text when it saved the formula as giving
    text but with nothing in it (openpyxl reads that as no value, as if never calculated)."""
    return "" if cell.value is None and cell.data_type == "str" else cell.value


def refuse_unchangeable(path: Path) -> None:
    """Refuse a workbook that no change can be made to: none there, or not an .xlsx one;
    said before anything is read from it."""
    if not path.exists():
        raise TrackingError("there is no such pairs workbook.",
                            "Run 'wessex pair' first, or check the path.", file=path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise TrackingError("wessex can change only .xlsx workbooks, so this file was left "
                            "as it is.", "Make the change by hand, or save the file as .xlsx.",
                            file=path)


@contextlib.contextmanager
def edit_workbook(path: Path, require: str | None = "Pairs", save_to: Path | None = None,
                  keep_backup: bool = True) -> Iterator[Workbook]:
    """Open the pairs workbook (or, with ``require=None``, any .xlsx workbook) for changes;
    save it safely when the block ends cleanly: over itself, or as ``save_to`` (both are
    locked; the file replaced is backed up first unless ``keep_backup`` is false, as the
    ``backup`` of what is yielded, named from the start and None when nothing was saved)."""
    refuse_unchangeable(path)
    target = real_path(path)
    refuse_what_saving_would_lose(path, target)

    destination = real_path(save_to) if save_to is not None else target
    with write_lock(target), \
            (write_lock(destination) if destination != target else contextlib.nullcontext()):
        refuse_if_open(path)
        refuse_if_read_only(target)
        remove_leftovers(target)
        if destination != target and destination.exists():
            refuse_if_open(destination)
            refuse_if_read_only(destination)
        editing = open_in_memory(path, require, target)
        book = editing.book
        if keep_backup and destination.exists():
            editing.backup = backup_name(destination)
        yield editing
        if editing.unchanged:
            editing.backup = None  # no new version, so no backup pushing out an older one
            return
        if editing.backup is not None:
            backup(destination, to=editing.backup)

        def write(temp: Path) -> None:
            book.save(temp)
            finish_saved(temp, editing)

        atomic_write(destination, write)


CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*)>(<f\b[^>]*?(?:/>|>.*?</f>))<v\s*(?:/>|></v>)</c>',
                  re.S)


# The values Excel stores as errors (t="e"), older and newer
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                          "#UNKNOWN!", "#CONNECT!", "#BUSY!", "#PYTHON!"})


def _cached_xml(value: Any) -> tuple[str, str] | None:
    """(type attribute, text) of a cached value as Excel stores it, or None for none."""
    from xml.sax.saxutils import escape

    from openpyxl.utils.datetime import to_excel

    if value is None:
        return None
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return "", repr(to_excel(value))
    if isinstance(value, int | float):
        return "", repr(value)
    text = str(value)
    if text in EXCEL_ERRORS:  # only these: a formula's text "#TEAM A" stays text
        return ' t="e"', escape(text)
    return ' t="str"', escape(text)


def finish_saved(saved: Path, editing: Workbook) -> None:
    """Put back what openpyxl leaves out when it saves: the values Excel computed for the
    formulas, the empty texts, how the notes looked (``workbook_notes``), the cells marked
    "Ignore error" (``ignored_errors``), and the sensitivity label, SharePoint's metadata
    and "Read-only recommended" (``package_metadata``)."""
    with zipfile.ZipFile(saved) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
        infos = archive.infolist()
    changed = _cached_value_parts(parts, editing)
    changed.update(_empty_text_parts({**parts, **changed}, editing))
    changed.update(restored_parts(editing.book, editing.notes, parts))
    # a sheet part may have had its formulas' values or empty texts put back: the marks go
    # into that
    changed.update(restored_sheets(editing.book, editing.ignored, {**parts, **changed}))
    changed.update(restored_package(editing.metadata, {**parts, **changed}))
    if not changed:
        return
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in infos:
            archive.writestr(info, changed.get(info.filename, parts[info.filename]))
        for name in sorted(changed.keys() - parts.keys()):  # the parts openpyxl dropped
            added = zipfile.ZipInfo(name, infos[0].date_time)
            added.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(added, changed[name])


def _cached_value_parts(parts: dict[str, bytes], editing: Workbook) -> dict[str, bytes]:
    """The sheet parts of openpyxl's output (``parts``) with the values Excel computed put
    back in the formula cells that openpyxl saved without them; only those that change."""
    wanted: dict[str, dict[str, tuple[str, str]]] = {}
    for cell, formula, value in editing.cached.values():
        xml = _cached_xml(value)
        if xml is not None and cell.value == formula and _still_there(cell):
            wanted.setdefault(cell.parent.title, {})[cell.coordinate] = xml

    def fill(match: re.Match[str], found: tuple[str, str]) -> str:
        attributes = re.sub(r'\s+t="[^"]*"', "", match.group(2))
        return (f'<c r="{match.group(1)}"{attributes}{found[0]}>{match.group(3)}'
                f"<v>{found[1]}</v></c>")

    return _rewritten_cells(parts, wanted, CELL, fill)


# A cell openpyxl saved with no value: how it saves one holding text of no characters
EMPTY_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?)\s*(?:/>|></c>)')


def _empty_text_parts(parts: dict[str, bytes], editing: Workbook) -> dict[str, bytes]:
    """The sheet parts of openpyxl's output (``parts``) with the empty texts the workbook
    held put back: openpyxl saves a text of no characters as an empty cell, which formulas
    tell apart (ISBLANK, COUNTA); only the parts that change."""
    wanted: dict[str, dict[str, bool]] = {}
    for cell in editing.empty_texts.values():
        if cell.value == "" and cell.data_type == "s" and _still_there(cell):
            wanted.setdefault(cell.parent.title, {})[cell.coordinate] = True

    def fill(match: re.Match[str], _: bool) -> str:
        attributes = re.sub(r'\s+t="[^"]*"', "", match.group(2))
        return f'<c r="{match.group(1)}"{attributes} t="inlineStr"><is><t></t></is></c>'

    return _rewritten_cells(parts, wanted, EMPTY_CELL, fill)


T = TypeVar("T")  # what is put back in a cell (_rewritten_cells)


def _still_there(cell: Any) -> bool:
    """Whether ``cell`` is still its sheet's cell at its place (not deleted with its row)."""
    return cell.parent._cells.get((cell.row, cell.column)) is cell  # noqa: SLF001


def _rewritten_cells(parts: dict[str, bytes], wanted: dict[str, dict[str, T]],
                     pattern: re.Pattern[str],
                     fill: Callable[[re.Match[str], T], str]) -> dict[str, bytes]:
    """The sheet parts of ``parts`` holding cells of ``wanted`` (sheet title -> coordinate
    -> what to put back), each cell that ``pattern`` (group 1 its coordinate) finds there
    written as ``fill`` makes it; only the parts that change."""
    changed = {}
    for title, part in sheet_parts(parts.__getitem__).items() if wanted else ():
        cells = wanted.get(title)
        if not cells or part not in parts:
            continue

        def one(match: re.Match[str], cells: dict[str, T] = cells) -> str:
            found = cells.get(match.group(1))
            return match.group(0) if found is None else fill(match, found)

        changed[part] = pattern.sub(one, parts[part].decode("utf-8")).encode("utf-8")
    return changed


# How LibreOffice saves TRUE or FALSE typed in a cell: as a formula giving it
_TYPED_BOOLEAN = re.compile(r"=\s*(?:TRUE|FALSE)\s*\(\s*\)\s*", re.IGNORECASE)


def is_formula(cell: Any) -> bool:
    """A live formula in an openpyxl cell, not text that begins with "=" (which wessex and
    Excel's quote prefix store as text), nor TRUE or FALSE typed in LibreOffice, which it
    saves as the formula TRUE() or FALSE()."""
    return bool(cell.data_type == "f") and not (
        isinstance(cell.value, str) and _TYPED_BOOLEAN.fullmatch(cell.value))


def put_value(cell: Any, value: Any) -> None:
    """Write ``value`` into an openpyxl cell; text is always stored as text.

    openpyxl turns any string starting with ``=`` into a live formula, so a reason typed as
    ``=HYPERLINK(...)`` or a copied cell would run when the workbook is opened. Text is
    forced back to a string cell, and formula-like text gets Excel's quote prefix so that
    editing it later keeps it text.
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True


def put_date(cell: Any, day: dt.date) -> None:
    """Write ``day`` into an openpyxl cell as a date (a number Excel sorts and filters as a
    date), shown as the cell shows dates: in its own date format; for a cell with no
    formatting of its own, in its row's or column's, whose look Excel gives a cell typed
    there (a column formatted DD/MM/YYYY); else in :data:`DATE_FORMAT`."""
    from copy import copy

    if not cell.has_style:
        look = _row_or_column_style(cell)
        if look is not None:
            cell._style = copy(look)  # noqa: SLF001 - one workbook's styles
    shown = cell.number_format if shows_a_day(cell.number_format) else DATE_FORMAT
    cell.value = day
    cell.number_format = shown  # openpyxl gives a date yyyy-mm-dd unless it has a date format


def _row_or_column_style(cell: Any) -> Any:
    """The style of ``cell``'s row when it has one, else of its column, else None: what
    Excel formats a cell with when a value is typed in it."""
    sheet = cell.parent
    row = sheet.row_dimensions.get(cell.row)  # get: indexing would add the row
    if row is not None and row.has_style:
        return row._style  # noqa: SLF001
    for column in sheet.column_dimensions.values():
        if (column.min or 0) <= cell.column <= (column.max or 0) and column.has_style:
            return column._style  # noqa: SLF001
    return None


def column_width(sheet: Any, column: int) -> float | None:
    """The width set for the 1-based ``column`` of ``sheet``, alone or in a range of columns
    (``<col min max>``, as openpyxl reads it), or None where the column is as wide as any."""
    for dimension in sheet.column_dimensions.values():
        if (dimension.min or 0) <= column <= (dimension.max or 0) and dimension.width:
            return float(dimension.width)
    return None


def shows_a_day(number_format: str) -> bool:
    """Whether a number format shows a date with its day or year (DD/MM/YYYY, "mmm yyyy"),
    not a time alone ("hh:mm"), which would hide the date written."""
    from openpyxl.styles.numbers import is_date_format

    codes = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.split(";")[0])
    return bool(is_date_format(number_format) and re.search(r"[dy]", codes, re.IGNORECASE))


def append_values(sheet: Any, values: list[Any]) -> int:
    """Append a row through :func:`put_value`, nothing for an empty value (as Excel saves
    a cell that holds nothing, not as text of no characters); returns its row number."""
    number = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        if value not in (None, ""):
            put_value(sheet.cell(number, column), value)
    return number
