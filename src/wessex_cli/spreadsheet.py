"""Opening whatever file an administrator hands us, safely, as a grid of cells.

``.xlsx`` and ``.ods`` go through python-calamine (the fastest reader measured); ``.csv``
through the csv module. Before any parser sees a zip, its directory is checked, so that
a zip bomb, an XML entity attack, an old ``.xls``, a password-protected workbook or Excel's
``~$`` lock file is refused with a message that says what to do instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import GIVE_A_SPREADSHEET, NotASpreadsheet, SpreadsheetError
from .inspection import LIMITS, Inspection, check_extent, inspect_input

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

# The limits themselves live in one place, ``inspection.LIMITS``.
MAX_FILE_BYTES = LIMITS.file_bytes
MAX_UNCOMPRESSED = LIMITS.unpacked_bytes


Merged = tuple[tuple[int, int], tuple[int, int]]  # ((top, left), (bottom, right)), from 0


class SheetWarning(tuple[str, str]):
    """A reader's warning about a cell: (cell, message) as the readers unpack it, knowing too
    the cell's row and column as Excel numbers them (0 for a warning about no one cell), so
    that putting warnings in order never reads them back out of the cell's text."""

    row: int
    column: int

    def __new__(cls, cell: str, message: str, row: int = 0, column: int = 0) -> SheetWarning:
        """The warning ``message`` about ``cell`` ("C7"), in row ``row`` and column ``column``."""
        made = super().__new__(cls, (cell, message))
        made.row, made.column = row, column
        return made

    def __getnewargs__(self) -> tuple[str, str, int, int]:
        """What a copy is made from: the row and column too, not the pair alone."""
        return self[0], self[1], self.row, self.column

    @classmethod
    def at(cls, row_index: int, col_index: int, message: str) -> SheetWarning:
        """The warning about the cell at zero-based ``row_index``, ``col_index``."""
        return cls(cell_ref(row_index, col_index), message, row_index + 1, col_index + 1)


@dataclass
class Grid:
    """One sheet as rows of cells: ``rows[0][0]`` is cell A1 (nothing is shifted)."""

    path: Path
    sheet: str
    rows: list[list[Cell]]
    warnings: list[SheetWarning] = field(default_factory=list)  # (cell, message)
    # merged ranges, ((top, left), (bottom, right)) from 0: merged across one row, a reader
    # that knows where its header row is decides whether that hides a value
    merged: list[Merged] = field(default_factory=list)

    def is_sheet(self, name: str) -> bool:
        """Whether this grid is the sheet called ``name`` (``same_sheet``)."""
        return same_sheet(self.sheet, name)


def same_sheet(title: str, wanted: str) -> bool:
    """Whether a sheet called ``title`` is the one called ``wanted``: any case, and spaces
    around the name ignored ("pairs" and "Pairs " are the Pairs sheet), for every reader
    and the editor alike."""
    return title.strip().casefold() == wanted.strip().casefold()


def cell_text(value: Cell) -> str:
    """A cell's value as the text the administrator sees: ``3.0`` -> ``"3"``, dates as ISO."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return " ".join(value.split())  # type: ignore[union-attr]
    if kind is float:
        number = float(value)  # type: ignore[arg-type]
        return str(int(number)) if number.is_integer() else repr(number)
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() else \
            value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).split())



def cell_lines(value: Cell) -> str:
    """``cell_text``, but a cell's line breaks kept (each line's spaces tidied, blank lines
    dropped): for Notes, Adjustments and the columns carried through as typed."""
    if isinstance(value, str):
        lines = (" ".join(line.split()) for line in value.splitlines())
        return "\n".join(line for line in lines if line)
    return cell_text(value)


HEADER_SCAN_ROWS = 50  # a header row lower than this is not looked for


def find_header_row(rows: Sequence[Sequence[Cell]], score: Callable[[list[str]], int],
                    minimum: int = 1, scan: int = HEADER_SCAN_ROWS) -> int | None:
    """The index of the header row: among the first ``scan`` rows, the first that scores
    highest, if it scores at least ``minimum``; else None.

    Every sheet reader finds its header this way, so that a title or a note typed above a
    table is handled alike everywhere. ``score`` sees the row's cells as text
    (:func:`cell_text`) and says how much the row looks like the header wanted (for
    example, how many known columns it names)."""
    best, best_score = None, minimum - 1
    for index, row in enumerate(rows[:scan]):
        found = score([cell_text(c) for c in row])
        if found > best_score:
            best, best_score = index, found
    return best


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row_index: int, col_index: int) -> str:
    """Zero-based indices to an A1 reference."""
    return f"{column_letter(col_index)}{row_index + 1}"


def read_grid(path: Path, preferred_sheet: str = "Volunteers", *,
              only: bool = False, alongside: Callable[[], None] | None = None) -> Grid:
    """Read the sheet named ``preferred_sheet`` (any case), otherwise the first worksheet;
    with ``only``, a workbook without that sheet gives an empty grid whose sheet is "" (a
    pairs workbook without a Withdrawn sheet, say), and no other sheet is read for nothing.

    The file is inspected first (``inspection.inspect_input``): nothing reads a file that
    could exhaust memory or time.

    ``alongside`` is work that does not need the grid (an import, a check of the settings):
    it runs in a second thread while calamine reads, which it does without holding Python's
    lock, so the work costs no time. What it raises is raised here once the read is done;
    when the read itself fails, that failure is the one raised.
    """
    def choose(worksheets: list[str]) -> list[str | None]:
        return [next((n for n in worksheets if same_sheet(n, preferred_sheet)),
                     None if only else worksheets[0])]

    return _read(path, choose, alongside, lambda: [_read_csv(path)])[0]


def read_grids(path: Path, titles: Sequence[str], *,
               alongside: Callable[[], None] | None = None) -> list[Grid]:
    """The sheets called ``titles``, each as ``read_grid(path, title, only=True)`` reads it
    (a title the workbook has no worksheet of gives an empty grid whose sheet is ""), from
    one opening of the workbook rather than one for each; ``alongside`` as for ``read_grid``."""
    if not titles:
        return []

    def choose(worksheets: list[str]) -> list[str | None]:
        return [next((n for n in worksheets if same_sheet(n, title)), None) for title in titles]

    def csv_grids() -> list[Grid]:  # a CSV is one sheet: each title gets it or nothing
        grid = _read_csv(path)
        return [grid if same_sheet(grid.sheet, title) else Grid(path, "", [])
                for title in titles]

    return _read(path, choose, alongside, csv_grids)


def read_every_grid(path: Path, *, alongside: Callable[[], None] | None = None
                    ) -> list[Grid]:
    """Every worksheet of the workbook in its order (a CSV's one sheet), each as ``read_grid``
    reads it, from one opening of the workbook; ``alongside`` as for ``read_grid``."""
    def choose(worksheets: list[str]) -> list[str | None]:
        return list(worksheets)

    return _read(path, choose, alongside, lambda: [_read_csv(path)])


def _read(path: Path, choose: Callable[[list[str]], list[str | None]],
          alongside: Callable[[], None] | None, csv_grids: Callable[[], list[Grid]]
          ) -> list[Grid]:
    """The inspected read behind ``read_grid`` and ``read_grids``: the worksheets ``choose``
    picks (``csv_grids`` for a CSV file), with ``alongside`` run while calamine reads."""
    inspection = inspect_input(path)
    if inspection.kind == "csv":  # read in Python: nothing to overlap, so read, then work
        grids = csv_grids()
        if alongside is not None:
            alongside()
        return [_clean_cells(grid) for grid in grids]
    worker = _Alongside(alongside) if alongside is not None else None
    try:
        grids = _read_sheets(path, inspection, choose)
    finally:
        if worker is not None:
            worker.thread.join()
    if worker is not None and worker.error is not None:
        raise worker.error
    return [_clean_cells(grid) for grid in grids]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, then restore it as it was.

    Reading a roster, pairing it and writing the pairs create millions of small objects and
    no reference cycles that matter (plain reference counting frees them); the collector
    would walk them all again and again (reading 100,000 rows took twice as long with it
    on). Anything cyclic left over is collected once it runs again."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Alongside:
    """``read_grid``'s ``alongside`` work, running in its own thread from creation."""

    def __init__(self, work: Callable[[], None]) -> None:
        """Start ``work`` now; ``error`` holds what it raised, once the thread has ended."""
        import threading

        self.error: BaseException | None = None
        self.work = work
        self.thread = threading.Thread(target=self._run, name="wessex-alongside", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.work()
        except BaseException as exc:  # handed to the reading thread, which raises it
            self.error = exc


CONTROL_WARNINGS_LISTED = 50


def _clean_cells(grid: Grid) -> Grid:
    """Every cell's text as it enters, in one pass over the rows. Control characters (NUL,
    terminal escape sequences, other C0 and C1 codes) are taken out, each with a warning
    naming its cell: nothing downstream (a terminal, an e-mail header, a Word document, a
    workbook) ever sees one. A cell longer than ``LONGEST_CELL`` refuses the file."""
    from .text import has_controls, strip_controls

    grid.sheet = strip_controls(grid.sheet)
    found = 0
    for row_index, row in enumerate(grid.rows):
        texts = "".join([value for value in row if type(value) is str])
        if len(texts) > LONGEST_CELL:
            _refuse_a_long_cell(grid, row_index)
        # a row whose texts are all printable (most rows) is passed over at once
        if texts.isprintable():
            continue
        for col_index, value in enumerate(row):
            if type(value) is str and not value.isprintable() and has_controls(value):
                row[col_index] = strip_controls(value)
                found += 1
                if found <= CONTROL_WARNINGS_LISTED:
                    grid.warnings.append(SheetWarning.at(row_index, col_index, (
                        "this cell held control characters (invisible codes such as NUL or "
                        "terminal escape sequences, usually pasted from another program); "
                        "they were removed. Check the cell reads as intended.")))
    if found > CONTROL_WARNINGS_LISTED:
        grid.warnings.append(SheetWarning("", f"{found - CONTROL_WARNINGS_LISTED} more cells "
                                              "held control characters; they were removed too."))
    return grid


# Excel's limit for a cell. A longer one is no volunteer's entry, and every word of it
# would be folded character by character (twelve million characters took 1 GB).
LONGEST_CELL = 32_767


def _refuse_a_long_cell(grid: Grid, row_index: int) -> None:
    """Refuse the file if a cell of row ``row_index`` holds more than ``LONGEST_CELL``
    characters (the row's texts together may, when no one cell does)."""
    for col_index, value in enumerate(grid.rows[row_index]):
        if type(value) is str and len(value) > LONGEST_CELL:
            raise SpreadsheetError(
                f"the cell holds {len(value):,} characters, more than a spreadsheet cell "
                f"can ({LONGEST_CELL:,}).", "Shorten it: no cell of the list needs more "
                "than a few hundred characters.", file=grid.path, sheet=grid.sheet or None,
                cell=cell_ref(row_index, col_index))


def _read_sheets(path: Path, inspection: Inspection,
                 choose: Callable[[list[str]], list[str | None]]) -> list[Grid]:
    """The worksheets ``choose`` picks from the names of all of them (None: an empty grid
    whose sheet is ""), read with one opening of the workbook."""
    from python_calamine import CalamineWorkbook

    read: list[tuple[str | None, Any, list[Merged]]] = []  # calamine's rows, as Grid's
    breaks = inspection.kind == "ods" and any(s.breaks for s in inspection.sheets.values())
    try:
        with (CalamineWorkbook.from_filelike(_ods_with_breaks(path)) if breaks else
              CalamineWorkbook.from_path(str(path))) as workbook:
            metadata = workbook.sheets_metadata
            worksheets = [m.name for m in metadata if str(m.typ).endswith("WorkSheet")]
            if not worksheets:
                raise SpreadsheetError("the workbook has no worksheets.",
                                       "Add a sheet named 'Volunteers' with the list.", file=path)
            for chosen in choose(worksheets):
                if chosen is None:
                    read.append((None, [], []))
                    continue
                sheet = workbook.get_sheet_by_name(chosen)
                read.append((chosen, sheet.to_python(skip_empty_area=False),
                             list(getattr(sheet, "merged_cell_ranges", None) or [])))
    except SpreadsheetError:
        raise
    except BaseException as exc:  # calamine may raise a Rust panic, a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise SpreadsheetError(f"the workbook could not be read ({_short(exc)}).",
                               "Open it in Excel or LibreOffice and save it again as .xlsx.",
                               file=path) from None
    grids = []
    for chosen, rows, merged in read:
        if chosen is None:
            grids.append(Grid(path, "", []))
            continue
        grid = Grid(path, chosen, rows)
        grid.warnings.extend(_merged_down(merged))
        grid.merged = merged[:1000]
        if inspection.kind == "xlsx":
            grid.warnings.extend(_formulas_without_values(path, chosen, inspection))
        grids.append(grid)
    return grids


# A line break or a tab in an .ods cell's text, which python-calamine reads as nothing
# (joining the words either side), and what it reads instead: the character itself. Names
# as written, as the reader compares "text:p" and "text:s" and as the inspection counts the
# breaks that make this rewrite happen: a "t:line-break" whose prefix is bound to the same
# namespace reads as the reader reads it, with or without another cell's break in the file
_ODS_CHARACTER = {"text:line-break": b"&#10;", "text:tab": b"&#9;"}


def _ods_with_breaks(path: Path) -> io.BytesIO:
    """The .ods at ``path`` (already inspected) as python-calamine is to read it, each line
    break and tab in its cells (``<text:line-break/>``, ``<text:tab/>``) written as the
    character it stands for: "Hale<text:line-break/>Great visit" reads "Hale\nGreat visit",
    not "HaleGreat visit". Only the parts the reader reads are copied (the content, with the
    type and a manifest that say it is a spreadsheet), the content a chunk at a time: what is
    held is the copy, compressed, and a chunk or so of the part."""
    import zipfile

    copy = io.BytesIO()
    with zipfile.ZipFile(path) as archive, \
            zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as written:
        content = next(info for info in archive.infolist()
                       if info.filename.replace("\\", "/").lower() == "content.xml")
        written.writestr("mimetype", b"application/vnd.oasis.opendocument.spreadsheet",
                         zipfile.ZIP_STORED)
        written.writestr("META-INF/manifest.xml", b"")
        with archive.open(content) as source, written.open("content.xml", "w") as target:
            _write_breaks_as_characters(source, target, content.filename, path)
    copy.seek(0)
    return copy


def _write_breaks_as_characters(source: IO[bytes], target: IO[bytes], part: str,
                                path: Path) -> None:
    """Copy the XML part ``source`` to ``target`` byte for byte, but for each line-break and
    tab element (``_ODS_CHARACTER``), written as its character reference. The part goes
    through the hardened parser and guards that inspected it, which says where each element
    begins and ends, so that markup in a comment or CDATA section, or a ">" in an attribute's
    value, is never taken for one (it was, by a regular expression). Such an element holds
    nothing; one written open and closed around something (spaces, say) is replaced whole,
    what it holds with it."""
    from .inspection import CHUNK, feed_chunks, hardened_parser

    held = bytearray()  # bytes read and not yet written, from offset ``base`` of the part
    base = 0
    edits: deque[tuple[int, int, bytes]] = deque()  # (from, to, written instead), in order
    empty: list[bool] = []  # for each break element open, whether it is <x/>
    around: list[int] = []  # where the outermost open-and-closed break began, while open

    def tag_end(at: int) -> int:
        """The offset just after the tag that begins at offset ``at`` (whole in ``held``:
        the parser has read it), passing over quoted attribute values."""
        index = at - base
        while True:
            close = held.index(b">", index)
            quotes = [q for q in (held.find(b'"', index, close), held.find(b"'", index, close))
                      if q >= 0]
            if not quotes:
                return base + close + 1
            index = held.index(held[min(quotes):min(quotes) + 1], min(quotes) + 1) + 1

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name in _ODS_CHARACTER:
            at = parser.CurrentByteIndex  # where the tag begins
            after = at - base + len(name) + 1  # "<" and the name
            if held[after:after + 2] == b"/>":  # as every program writes it: no attributes
                end, empty_tag = at + len(name) + 3, True
            else:
                end = tag_end(at)
                empty_tag = held[end - base - 2] == ord("/")
            empty.append(empty_tag)
            if around:  # inside another break: replaced with it
                return
            if empty_tag:
                edits.append((at, end, _ODS_CHARACTER[name]))
            else:
                around.append(at)

    def end(name: str) -> None:
        # the end of an open-and-closed break that no other holds (every break still open
        # holds this one: a <x/> closes as it opens)
        if name in _ODS_CHARACTER and not empty.pop() and not empty:
            at = parser.CurrentByteIndex
            edits.append((around.pop(), tag_end(at), _ODS_CHARACTER[name]))

    def write(upto: int) -> None:
        """Write what is held up to offset ``upto``, each edit before it made."""
        nonlocal base
        done = base
        pieces: list[bytes | bytearray] = []
        while edits and edits[0][0] < upto:
            begin, finish, instead = edits.popleft()
            pieces += (held[done - base:begin - base], instead)
            done = finish
        upto = max(upto, done)
        pieces.append(held[done - base:upto - base])
        target.write(b"".join(pieces))
        del held[:upto - base]
        base = upto

    def chunks() -> Iterator[bytes]:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            held.extend(chunk)
            yield chunk
            # between chunks the parser is just past the last thing it read (expat's
            # documented position outside a handler): every element before is reported.
            # An open-and-closed break still open is held until its end is read.
            write(min([parser.CurrentByteIndex, *around]))

    parser = hardened_parser(start, end, namespaces=False)
    feed_chunks(parser, chunks(), part, path)
    write(base + len(held))


def merged_warning(merged: Merged) -> SheetWarning:
    """(the first blanked cell, the warning) for a merged range: a spreadsheet keeps the
    value in the first cell only, so the others read as empty."""
    (top, left), (bottom, right) = merged
    down = bottom > top
    return SheetWarning.at(
        top + 1 if down else top, left if down else left + 1,
        f"cells {cell_ref(top, left)}:{cell_ref(bottom, right)} are merged, so only "
        f"{cell_ref(top, left)} holds a value and the cells "
        f"{'below' if down else 'beside'} it read as empty. Unmerge them and fill in "
        "each cell.")


def _merged_down(ranges: list[Merged]) -> list[SheetWarning]:
    """A warning for each range merged down several rows (two people's Cluster cells made
    one, say). One merged across a row only a reader that knows its header row can judge
    (a title above it is no matter): ``Grid.merged`` keeps them for it."""
    return [merged_warning(merged) for merged in ranges[:1000]
            if merged[1][0] > merged[0][0]]


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


# How a reader's warning about such a cell begins: the pairs workbook's reader recognises it
UNCALCULATED = "this cell has a formula that was never calculated"
FORMULA_ERROR = "this cell shows an error (such as #N/A or #DIV/0!) where a value belongs"


def _formulas_without_values(path: Path, sheet: str,
                             inspection: Inspection) -> list[SheetWarning]:
    """Cells holding a formula that was never calculated (written by a program, not Excel),
    as the inspection found them in the sheet's part."""
    extent = next((e for e in inspection.sheets.values() if e.title == sheet), None)
    if extent is None:
        return []
    return [SheetWarning.at(row - 1, column - 1, f"{UNCALCULATED}, so its value is unknown. "
                            "Open the workbook in Excel or LibreOffice and save it.")
            for row, column in extent.formulas_without_values] + \
        [SheetWarning.at(row - 1, column - 1, f"{FORMULA_ERROR}, so wessex reads it as blank. "
                         "Correct its formula, or type the value in its place.")
         for row, column in extent.errors]


_SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}


# The bytes Windows text (cp1252) leaves unassigned: a file holding one was not written in
# it. Mac Roman has a letter at each (0x8D is "ç", 0x8F "è", 0x90 "ê").
_NOT_WINDOWS = b"\x81\x8d\x8f\x90\x9d"
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_OPENING_QUOTES = "\u2018\u201c"  # ‘ “
# symbols a word may follow or hold: quotes, dashes, a hard space, a soft hyphen
_BEFORE_WORDS = "«¿¡…–—\u00a0\u00ad"
_FEW_LETTERS = frozenset("ƒıﬁﬂ")  # letters no name or answer has, where a byte reads wrong
# control characters, private ones (Apple's logo, Mac Roman's 0xF0), unassigned ones
_NO_TEXT = frozenset({"Cc", "Co", "Cn"})


def _older_encoding(data: bytes) -> str:
    """How to read a CSV file that is not UTF-8: "mac_roman" where Excel for Mac saved it as
    'CSV (Macintosh)', otherwise "cp1252", as Excel for Windows saves it. Both give a
    character for almost every byte, so the file's own text decides: a Mac file read as
    Windows text shows "Zoë" as "Zo‘" and "José" as "JosŽ", a Windows file read as Mac
    text "Zoë" as "ZoÎ". Mac Roman is chosen only when its reading has fewer such
    misplaced characters; an even count keeps Windows text, as before."""
    if any(byte in data for byte in _NOT_WINDOWS):
        return "mac_roman"
    windows, mac = (_misplaced(data.decode(encoding, errors="replace"))
                    for encoding in ("cp1252", "mac_roman"))
    return "mac_roman" if mac < windows else "cp1252"


def _misplaced(text: str, most: int = 10_000) -> int:
    """How many of the first ``most`` characters beyond ASCII in ``text`` sit where no one
    writes them: a capital inside a word ("JŸrgen"), a rare letter ("ƒ"), a symbol inside a
    word ("caf…"), a closing quote after a space or an opening one after a letter ("Zo‘")."""
    import unicodedata

    count = 0
    for number, found in enumerate(_NOT_ASCII.finditer(text)):
        if number == most:
            break
        at, character = found.start(), found.group()
        before = text[at - 1] if at else " "
        after = text[at + 1:at + 2] or " "
        if character.isalpha():
            count += character in _FEW_LETTERS or (
                before.isalpha() and character.isupper() and (before.islower() or
                                                              after.islower()))
        elif character == "\u2019":  # ’, an apostrophe: after a letter, or before ("’90s")
            count += not before.isalpha() and not after.isalnum()
        elif character in _OPENING_QUOTES:  # after a word (inside one: a mistyped ’)
            count += before.isalpha() and not after.isalpha()
        elif character == "\u201d":  # ”
            count += before.isspace()
        elif unicodedata.category(character) in _NO_TEXT:
            count += 2
        elif character not in _BEFORE_WORDS:  # a symbol inside a word, or at its start
            count += after.islower() or (before.isalpha() and after.isalpha())
    return count


def _read_csv(path: Path) -> Grid:
    data = path.read_bytes()
    warnings: list[SheetWarning] = []
    if b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            raise NotASpreadsheet(
                "this is not a spreadsheet or a CSV file (it holds binary data).",
                GIVE_A_SPREADSHEET, file=path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = _older_encoding(data)
            text = data.decode(encoding, errors="replace")
            read_as = "Mac text (Mac Roman), as Excel for Mac saves 'CSV (Macintosh)'" \
                if encoding == "mac_roman" else "Windows text (cp1252)"
            warnings.append(SheetWarning("", f"the CSV file is not UTF-8; it was read as "
                                         f"{read_as}. If accents look wrong, save it from "
                                         "Excel as 'CSV UTF-8 (Comma delimited)'."))
    sample = text[:8192]
    delimiter = ","
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        pass
    # The reader builds a whole record before its width can be looked at: one record of
    # seven million fields (a 20 MB line of "x,") took it past 800 MB. Each separator makes
    # at most one more field, so a file with fewer than twice the cell limit of them (room
    # for the commas people type inside quoted text) holds no record that large.
    separators = text.count(delimiter)
    if separators > 2 * LIMITS.cells:
        raise SpreadsheetError(
            f"the CSV file is too large to read safely: it holds {separators:,} "
            f"{_SEPARATOR_NAMES.get(delimiter, 'field separators')} between its fields, "
            f"more than a list within the limit of {LIMITS.cells:,} cells could.",
            "Open it in Excel or LibreOffice, delete what does not belong to the list, and "
            "save it again.", file=path)
    rows: list[list[Cell]] = []
    widest = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(list(record))
            widest = max(widest, len(record))
            if len(rows) > LIMITS.rows or widest > LIMITS.columns or \
                    len(rows) * widest > LIMITS.cells:
                check_extent(path, None, len(rows), widest)
    except csv.Error as exc:
        raise SpreadsheetError(f"the CSV file cannot be read ({exc}).",
                               "Open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8.",
                               file=path) from None
    return Grid(path, path.stem, rows, warnings)
