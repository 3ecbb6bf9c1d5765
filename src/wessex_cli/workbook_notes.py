"""Notes (Excel's cell comments) kept as Excel shows them when openpyxl saves a workbook.

openpyxl keeps a note's text and author, but writes every note plain, at its default size,
hidden and in its default place: the bold name Excel puts at the top of a new note, a box
made larger to fit its text, a note set to stay shown, all were lost when wessex recorded a
visit. ``read_looks`` takes them from the workbook as it was opened; after openpyxl has
saved it, ``restored_parts`` gives the comments and drawing parts again with them put back.
A look belongs to the note object, so it follows a note that openpyxl moves with its cell
(a row deleted above it) and one copied to another sheet (``copy_note``); its place moves
by as many rows and columns as the note did.
"""

from __future__ import annotations

import copy
import re
import zipfile
from dataclasses import dataclass
from typing import Any

COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
VML = "{urn:schemas-microsoft-com:vml}"
EXCEL = "{urn:schemas-microsoft-com:office:excel}"
# CSS lengths in a VML style, as pixels (openpyxl writes a note's size in pixels)
PIXELS = {"px": 1.0, "pt": 4 / 3, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "pc": 16.0,
          "": 1.0}
LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*([a-z]*)\s*")


@dataclass
class NoteLook:
    """How one note looked when the workbook was opened."""

    text: Any  # openpyxl's Text with the runs of formatting as Excel wrote them, or None
    plain: str  # the text without formatting: a note whose text changed keeps none of it
    row: int  # where the note was (1-based), to move its place with it
    column: int
    shown: bool = False  # set to stay shown, not only when the pointer is on its cell
    anchor: tuple[int, ...] = ()  # Excel's place for the box: column, offset, row, offset...


def read_looks(path: Any, book: Any) -> dict[int, tuple[Any, NoteLook]]:
    """id(note) -> (the note, its look) for the notes of ``book`` (just loaded by openpyxl
    from ``path``) that have a look of their own: formatted text, or a box in the sheet's
    drawing of notes. A part wessex cannot read gives no looks: those notes are saved as
    openpyxl saves them, text and author kept."""
    from openpyxl.utils import coordinate_to_tuple

    looks: dict[int, tuple[Any, NoteLook]] = {}
    with zipfile.ZipFile(path) as archive:
        for sheet in book.worksheets:
            relations = getattr(sheet, "_rels", None)
            if relations is None:
                continue
            texts: dict[str, Any] = {}
            for relation in relations.find(COMMENTS):
                texts.update(_formatted_texts(archive, relation.target))
            boxes = _boxes(archive, [r.target for r in relations.find(DRAWING)])
            places = {coordinate_to_tuple(ref): text for ref, text in texts.items()}
            for (row, column) in places.keys() | boxes.keys():
                # only a cell that is there: sheet.cell() would make one wherever a drawing
                # claims a note (row 1,048,576, say), and later passes would walk to it
                cell = sheet._cells.get((row, column))  # noqa: SLF001
                note = cell.comment if cell is not None else None
                if note is None:
                    continue
                text = places.get((row, column))
                if text is not None and text.content != note.content:
                    text = None  # not the note openpyxl attached here
                box = boxes.get((row, column), {})
                note.width = box.get("width", note.width)
                note.height = box.get("height", note.height)
                looks[id(note)] = (note, NoteLook(
                    text, note.content, row, column, shown=bool(box.get("shown")),
                    anchor=box.get("anchor", ())))
    return looks


def _formatted_texts(archive: zipfile.ZipFile, part: str) -> dict[str, Any]:
    """Cell reference -> openpyxl's Text, for each note of a comments part whose text has
    runs of formatting (a plain one openpyxl keeps as it is). Streamed: a part may list a
    great many notes, and only a few thousand runs pass the inspection."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.cell.text import Text
    from openpyxl.utils import coordinate_to_tuple

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    found: dict[str, Any] = {}
    try:
        with archive.open(part) as stream:
            for _, element in iterparse(stream):
                if element.tag != f"{main}comment":
                    continue
                text = element.find(f"{main}text")
                ref = element.get("ref", "").replace("$", "")  # "$AA$3" too, as openpyxl
                if text is not None and text.find(f"{main}r") is not None:
                    try:
                        coordinate_to_tuple(ref)
                        found[ref] = Text.from_tree(text)
                    except Exception:  # noqa: BLE001 - this note only keeps openpyxl's look
                        pass
                element.clear()
    except Exception:  # noqa: BLE001 - openpyxl read the notes: how they looked is a bonus
        return {}
    return found


def _boxes(archive: zipfile.ZipFile, parts: list[str]) -> dict[tuple[int, int], dict[str, Any]]:
    """(row, column) -> the size in pixels, shown or not, and the place of each note's box
    in the sheet's drawing of notes (VML), streamed."""
    from defusedxml.ElementTree import iterparse

    found: dict[tuple[int, int], dict[str, Any]] = {}
    for part in parts:
        try:
            with archive.open(part.lstrip("/")) as stream:
                for _, shape in iterparse(stream):
                    if shape.tag == f"{VML}shape":
                        found.update(_box(shape))
                        shape.clear()
        except Exception:  # noqa: BLE001 - a drawing wessex cannot read keeps the defaults
            continue
    return found


def _box(shape: Any) -> dict[tuple[int, int], dict[str, Any]]:
    """{(row, column): how the box looks} for a note's shape; {} for any other shape."""
    data = shape.find(f"{EXCEL}ClientData")
    if data is None or data.get("ObjectType") != "Note":
        return {}
    try:
        where = (int(data.findtext(f"{EXCEL}Row", "")) + 1,
                 int(data.findtext(f"{EXCEL}Column", "")) + 1)
    except ValueError:
        return {}
    style = _style(shape.get("style", ""))
    visible = data.find(f"{EXCEL}Visible")  # <x:Visible/> is shown; "False" in it is not
    box: dict[str, Any] = {"shown": style.get("visibility") == "visible" or (
        visible is not None and (visible.text or "").strip().casefold() not in
        ("false", "f", "0"))}
    for side in ("width", "height"):
        pixels = _pixels(style.get(side, ""))
        if pixels is not None:
            box[side] = pixels
    anchor = [number.strip() for number in data.findtext(f"{EXCEL}Anchor", "").split(",")]
    if len(anchor) == 8 and all(number.isdigit() and len(number) < 8 for number in anchor):
        box["anchor"] = tuple(int(number) for number in anchor)
    return {where: box}


def _style(style: str) -> dict[str, str]:
    """A VML style attribute ("width:108pt;visibility:hidden") as a dict."""
    pairs = (item.partition(":") for item in style.split(";"))
    return {key.strip().lower(): value.strip().lower() for key, _, value in pairs if value}


def _pixels(length: str) -> float | int | None:
    """A CSS length as pixels, whole when it is whole ("108pt" is 144); None if unreadable."""
    match = LENGTH.fullmatch(length)
    if match is None or match.group(2) not in PIXELS:
        return None
    pixels = round(float(match.group(1)) * PIXELS[match.group(2)], 2)
    return int(pixels) if pixels == int(pixels) else pixels


def copy_note(looks: dict[int, tuple[Any, NoteLook]], source: Any, target: Any) -> None:
    """Give cell ``target`` a copy of ``source``'s note, with its look."""
    note = copy.copy(source.comment)
    target.comment = note
    found = looks.get(id(source.comment))
    if found is not None and found[0] is source.comment:
        looks[id(note)] = (note, found[1])


def restored_parts(book: Any, looks: dict[int, tuple[Any, NoteLook]],
                   saved: dict[str, bytes]) -> dict[str, bytes]:
    """The comments and drawing parts of ``saved`` (openpyxl's output, part name -> bytes)
    written again with each note's look put back; only parts that change."""
    from openpyxl.comments.comment_sheet import CommentSheet
    from openpyxl.xml.functions import fromstring, tostring

    changed: dict[str, bytes] = {}
    for sheet in book.worksheets:
        records = getattr(sheet, "_comments", None)
        drawing = getattr(sheet, "legacy_drawing", None)
        targets = [r.Target for r in sheet._rels if r.Type == COMMENTS]  # noqa: SLF001
        if not records or not targets:
            continue
        placed: dict[tuple[int, int], NoteLook] = {}
        formatted = False
        for record in records:
            cell = sheet[record.ref]  # openpyxl wrote this record from the cell: it is there
            found = looks.get(id(cell.comment))
            if found is None or found[0] is not cell.comment or \
                    cell.comment.content != found[1].plain:
                continue
            if found[1].text is not None:
                record.text = found[1].text
                formatted = True
            placed[(cell.row, cell.column)] = found[1]
        if not placed:
            continue
        if formatted:  # else openpyxl wrote the text as it was
            changed[targets[0].lstrip("/")] = tostring(
                CommentSheet.from_comments(records).to_tree())
        if drawing is not None and drawing in saved:
            root = fromstring(saved[drawing])
            if _place_boxes(root, placed):
                changed[drawing] = tostring(root)
    return changed


def _place_boxes(root: Any, placed: dict[tuple[int, int], NoteLook]) -> bool:
    """Show the boxes of notes that were shown and put boxes back where they were, moved
    with their notes; whether anything changed."""
    # lxml's or ElementTree's, whichever openpyxl parsed its own drawing with
    from openpyxl.xml.functions import Element, SubElement

    changed = False
    for shape in root.iter(f"{VML}shape"):
        data = shape.find(f"{EXCEL}ClientData")
        if data is None:
            continue
        try:
            row = int(data.findtext(f"{EXCEL}Row", "")) + 1
            column = int(data.findtext(f"{EXCEL}Column", "")) + 1
        except ValueError:
            continue
        look = placed.get((row, column))
        if look is None:
            continue
        if look.anchor:
            down, across = row - look.row, column - look.column
            # moved with the note; a box above or left of the sheet's edge stops at it
            moved = [max(0, n + (across if i in (0, 4) else down if i in (2, 6) else 0))
                     for i, n in enumerate(look.anchor)]
            anchor = Element(f"{EXCEL}Anchor")
            anchor.text = ", ".join(str(n) for n in moved)
            # Excel reads a note's children in the order of its schema: after the size
            data.insert(_after(data, ("MoveWithCells", "SizeWithCells")), anchor)
            changed = True
        if look.shown:
            shape.set("style", shape.get("style", "").replace("visibility:hidden",
                                                              "visibility:visible"))
            SubElement(data, f"{EXCEL}Visible")
            changed = True
    return changed


def _after(data: Any, names: tuple[str, ...]) -> int:
    """The index just after the last child of ``data`` named one of ``names``."""
    index = 0
    for at, child in enumerate(data):
        if child.tag.removeprefix(EXCEL) in names:
            index = at + 1
    return index
