"""Excel's "Ignore error" marks kept when openpyxl saves a workbook.

A phone number typed as text ("07700900123") shows Excel's green triangle for a number
stored as text; an administrator who chooses "Ignore error" has Excel note the cells in
the sheet's ``<ignoredErrors>``. openpyxl reads no such list and writes none, so every
visit recorded brought the triangles back. ``read_ignored`` takes the lists from the
workbook as it was opened; rows deleted move them (``sheet_rows.delete_rows``), and after
openpyxl has saved, ``restored_sheets`` writes them back into its sheet parts.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from typing import Any
from xml.sax.saxutils import quoteattr

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# The attributes of an <ignoredError> (ECMA-376, CT_IgnoredError): any other is dropped
KINDS = ("evalError", "twoDigitTextYear", "numberStoredAsText", "formula", "formulaRange",
         "unlockedFormula", "emptyCellReference", "listDataValidation", "calculatedColumn")
_RANGE = re.compile(r"[A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?")
# What follows <ignoredErrors> in a sheet part, in the order the schema gives
_AFTER = re.compile(rb"<(?:smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|"
                    rb"oleObjects|controls|webPublishItems|tableParts|extLst)[\s/>]")

Ignored = list[dict[str, str]]  # one sheet's marks: each {"sqref": ..., a kind: "1", ...}


def sheet_parts(read: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name -> its part ("xl/worksheets/sheet1.xml"), from a workbook's
    ``xl/workbook.xml`` and its relations, given ``read`` (a part's bytes by name)."""
    from defusedxml.ElementTree import fromstring

    workbook = fromstring(read("xl/workbook.xml"))
    relations = fromstring(read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    parts = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{RELATIONSHIP}id"), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") \
            else "xl/" + target
    return parts


def read_ignored(path: Any) -> dict[str, Ignored]:
    """Sheet name -> the cells marked "Ignore error" on it, and for which errors, in the
    workbook at ``path`` (inspected already). A part wessex cannot read gives none: those
    marks are lost as openpyxl loses them, and nothing else is."""
    from defusedxml.ElementTree import iterparse

    found: dict[str, Ignored] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for title, part in sheet_parts(archive.read).items():
                if part not in names or not _mentions_ignored(archive, part):
                    continue
                marks: Ignored = []
                with archive.open(part) as stream:
                    for _, element in iterparse(stream):
                        if element.tag == f"{MAIN}ignoredError":
                            mark = _mark(element.attrib)
                            if mark is not None:
                                marks.append(mark)
                        if element.tag in (f"{MAIN}row", f"{MAIN}ignoredError"):
                            element.clear()  # a large sheet is streamed, not kept
                if marks:
                    found[title] = marks
    except Exception:  # noqa: BLE001 - the marks are a courtesy; openpyxl read the sheet
        return {}
    return found


def _mentions_ignored(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether the part holds the word at all, read a megabyte at a time: most have none,
    and are then not parsed."""
    tail = b""
    with archive.open(part) as member:
        while piece := member.read(1 << 20):
            if b"ignoredError" in tail + piece:
                return True
            tail = piece[-16:]
    return False


def _mark(attributes: dict[str, str]) -> dict[str, str] | None:
    """One <ignoredError>'s attributes as kept: its ranges (each checked to be a range), and
    the kinds of error Excel was told to ignore there; None when nothing usable is left."""
    ranges = [r for r in attributes.get("sqref", "").replace("$", "").split()
              if _RANGE.fullmatch(r)]
    kinds = {k: "1" for k in KINDS if attributes.get(k, "").strip().lower() in ("1", "true")}
    return {"sqref": " ".join(ranges), **kinds} if ranges and kinds else None


def without_row(marks: Ignored, shift: Callable[[str], str]) -> Ignored:
    """The marks once a row is deleted: each range moved by ``shift`` (``sheet_rows``', as a
    formula's references move), a range on the deleted row alone gone."""
    kept = []
    for mark in marks:
        ranges = [moved for moved in (shift(r) for r in mark["sqref"].split())
                  if moved != "#REF!"]
        if ranges:
            kept.append({**mark, "sqref": " ".join(ranges)})
    return kept


def grown_marks(marks: Ignored, grow: Callable[[str], str | None]) -> Ignored:
    """The marks once pairs are added below the last kept one: each range list grown by
    ``grow`` (``sheet_rows``', as the drop-downs grow), or as it was."""
    return [{**mark, "sqref": grow(mark["sqref"]) or mark["sqref"]} for mark in marks]


def restored_sheets(book: Any, ignored: dict[str, Ignored],
                    saved: dict[str, bytes]) -> dict[str, bytes]:
    """The sheet parts of ``saved`` (openpyxl's output, part name -> bytes, as changed so
    far) with each sheet's marks written back where the schema puts them; only those that
    change. A sheet openpyxl wrote with marks of its own (a later version) is left alone."""
    if not any(ignored.get(title) for title in book.sheetnames):
        return {}
    parts = sheet_parts(saved.__getitem__)
    changed = {}
    for title in book.sheetnames:
        marks, part = ignored.get(title), parts.get(title)
        if not marks or part not in saved or b"<ignoredErrors" in saved[part]:
            continue
        changed[part] = _with_marks(saved[part], marks)
    return changed


def _with_marks(xml: bytes, marks: Iterable[dict[str, str]]) -> bytes:
    """openpyxl's sheet part with an <ignoredErrors> list put after its rows, before the
    first element the schema places after the list (or at the end)."""
    listed = "".join("<ignoredError " + " ".join(f"{name}={quoteattr(value)}"
                                                 for name, value in mark.items()) + "/>"
                     for mark in marks)
    element = f"<ignoredErrors>{listed}</ignoredErrors>".encode()
    rows_end = xml.find(b"</sheetData>")
    after = _AFTER.search(xml, max(rows_end, 0))
    at = after.start() if after is not None else xml.rindex(b"</worksheet>")
    return xml[:at] + element + xml[at:]
