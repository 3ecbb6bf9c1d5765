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
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SpreadsheetError

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED = 1024 * 1024 * 1024
MAX_RATIO = 200  # real xlsx parts compress 5–20 times; bombs a thousand times or more
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Grid:
    """One sheet as rows of cells: ``rows[0][0]`` is cell A1 (nothing is shifted)."""

    path: Path
    sheet: str
    rows: list[list[Cell]]
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (cell, message)


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


def read_grid(path: Path, preferred_sheet: str = "Volunteers") -> Grid:
    """Read the sheet named ``preferred_sheet`` (any case), otherwise the first worksheet."""
    _check_path(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    size = path.stat().st_size
    if size == 0:
        raise SpreadsheetError("the file is empty (0 bytes).",
                               "Save the workbook again from Excel and try once more.", file=path)
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError(f"the file is {size // 1_000_000} MB, larger than a volunteer "
                               "list can be.", "Check you chose the right file.", file=path)
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if head.startswith(ZIP_MAGIC):
        kind = _inspect_zip(path)
        return _read_workbook(path, kind, preferred_sheet)
    if path.suffix.lower() in {".xlsx", ".xlsm", ".ods", ".xls"}:
        raise SpreadsheetError(
            f"the file is named {path.suffix} but is not a spreadsheet: it may be damaged or "
            "only partly copied.", "Open it in Excel; if it opens, save it again as .xlsx.",
            file=path)
    return _read_csv(path)


def _check_path(path: Path) -> None:
    if path.name.startswith("~$"):
        raise SpreadsheetError(
            "this is the lock file Excel keeps while a workbook is open, not the workbook.",
            f"Use '{path.name[2:]}' instead; if Excel has it open, save and close it first.",
            file=path)
    if path.is_dir():
        raise SpreadsheetError("this is a folder, not a file.",
                               "Give the path of the workbook inside it.", file=path)
    if not path.exists():
        folder = path.parent
        hint = ("Check the name and the folder." if folder.exists() or str(folder) == "."
                else f"The folder '{folder}' does not exist either.")
        raise SpreadsheetError("there is no such file.", hint, file=path)


def _ole_error(path: Path) -> SpreadsheetError:
    """An OLE2 container is either an old .xls or a password-protected xlsx."""
    with path.open("rb") as handle:
        data = handle.read(4 * 1024 * 1024)
    if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data or \
            "EncryptedPackage".encode("utf-16-le") in data:
        return SpreadsheetError(
            "the workbook is protected with a password, so it cannot be read.",
            "Open it in Excel, remove the password (File > Info > Protect Workbook > "
            "Encrypt with Password, clear it) and save it.", file=path)
    return SpreadsheetError(
        "this is an old Excel 97–2003 (.xls) workbook, which wessex does not read.",
        "Open it in Excel and use File > Save As > Excel Workbook (.xlsx).", file=path)


def _inspect_zip(path: Path) -> str:
    """Check the zip's directory and XML headers before any parser inflates it."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise SpreadsheetError(
            "the file is damaged: it looks like a workbook but cannot be opened (perhaps it was "
            "only partly copied or downloaded).", "Copy it again, or open and re-save it in Excel.",
            file=path) from None
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNCOMPRESSED or (info.file_size > 10_000_000 and ratio > MAX_RATIO):
                raise SpreadsheetError(
                    "the file unpacks to far more data than any workbook holds (a 'zip bomb'), so "
                    "it was not opened.", "Check where the file came from.", file=path)
            if info.flag_bits & 0x1:
                raise SpreadsheetError("the workbook is encrypted, so it cannot be read.",
                                       "Remove the password in Excel and save it.", file=path)
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            kind = "xlsb" if "xl/workbook.bin" in names else "xlsx"
        elif "content.xml" in names and _is_ods(archive):
            kind = "ods"
        else:
            raise SpreadsheetError(
                "this is a zip file but not a spreadsheet (perhaps a Word document?).",
                "Give the volunteer workbook (.xlsx, .ods or .csv).", file=path)
        try:
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as member:
                        start = member.read(4096)
                    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                        raise SpreadsheetError(
                            "the workbook contains XML entity declarations, which Excel never "
                            "writes and which can be used to attack the reader; it was not opened.",
                            "Open it in Excel and save it again as a new .xlsx.", file=path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise SpreadsheetError(f"the workbook is damaged ({exc}).",
                                   "Open and re-save it in Excel.", file=path) from None
    if kind == "xlsb":
        raise SpreadsheetError("this is a binary workbook (.xlsb), which wessex does not read.",
                               "Use File > Save As > Excel Workbook (.xlsx).", file=path)
    return kind


def _is_ods(archive: zipfile.ZipFile) -> bool:
    try:
        return b"spreadsheet" in archive.read("mimetype")[:200]
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return True  # no mimetype member: let the reader decide


def _read_workbook(path: Path, kind: str, preferred_sheet: str) -> Grid:
    from python_calamine import CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            metadata = workbook.sheets_metadata
            worksheets = [m.name for m in metadata if str(m.typ).endswith("WorkSheet")]
            if not worksheets:
                raise SpreadsheetError("the workbook has no worksheets.",
                                       "Add a sheet named 'Volunteers' with the list.", file=path)
            chosen = next((n for n in worksheets if n.strip().casefold() ==
                           preferred_sheet.casefold()), worksheets[0])
            rows = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except SpreadsheetError:
        raise
    except BaseException as exc:  # calamine may raise a Rust panic, a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise SpreadsheetError(f"the workbook could not be read ({_short(exc)}).",
                               "Open it in Excel and save it again as .xlsx.", file=path) from None
    grid = Grid(path, chosen, rows)  # type: ignore[arg-type]
    if kind == "xlsx":
        grid.warnings.extend(_formulas_without_values(path, chosen))
    return grid


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')


def _formulas_without_values(path: Path, sheet: str) -> list[tuple[str, str]]:
    """Cells holding a formula that was never calculated (written by a program, not Excel)."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
            rid = None
            for match in re.finditer(rb'<(?:\w+:)?sheet\b[^>]*>', workbook):
                tag = match.group(0)
                name = re.search(rb'name="([^"]*)"', tag)
                ident = re.search(rb'r:id="([^"]*)"', tag) or re.search(rb'\bid="([^"]*)"', tag)
                if name and ident and _xml_unescape(name.group(1)) == sheet:
                    rid = ident.group(1)
            if rid is None:
                return []
            target = None
            for match in re.finditer(rb'<Relationship\b[^>]*>', rels):
                tag = match.group(0)
                if re.search(rb'Id="' + re.escape(rid) + rb'"', tag):
                    found = re.search(rb'Target="([^"]*)"', tag)
                    target = found.group(1).decode() if found else None
            if not target:
                return []
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            data = archive.read(member)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return []
    if b"<f" not in data:
        return []
    return [(m.group(1).decode(), "this cell has a formula that was never calculated, so its "
             "value is unknown. Open the workbook in Excel and save it.")
            for m in _FORMULA_CELL.finditer(data)]


def _xml_unescape(raw: bytes) -> str:
    return (raw.decode("utf-8", "replace").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&"))


def _read_csv(path: Path) -> Grid:
    data = path.read_bytes()
    warnings: list[tuple[str, str]] = []
    if b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            raise SpreadsheetError(
                "this is not a spreadsheet or a CSV file (it holds binary data).",
                "Give the volunteer workbook (.xlsx, .ods or .csv).", file=path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warnings.append(("", "the CSV file is not UTF-8; it was read as Windows text "
                             "(cp1252). If accents look wrong, save it from Excel as "
                             "'CSV UTF-8 (Comma delimited)'."))
    sample = text[:8192]
    delimiter = ","
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        pass
    try:
        rows: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""),
                                                               delimiter=delimiter)]
    except csv.Error as exc:
        raise SpreadsheetError(f"the CSV file cannot be read ({exc}).",
                               "Open it in Excel and save it as .xlsx or CSV UTF-8.",
                               file=path) from None
    return Grid(path, path.stem, rows, warnings)
