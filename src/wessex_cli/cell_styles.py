"""Cells keep their named cell style ("Good", "Follow up") when openpyxl saves a workbook
that LibreOffice wrote.

A cell's format names its cell style by a position in the workbook's list of style
formats (``cellStyleXfs``). Excel writes one entry per named style, in the order of the
names, so the position and the name's place agree. LibreOffice writes its own unnamed
entries between them ("Follow up" at position 20 of 21, with 7 names); openpyxl keeps only
the named ones, numbered afresh, but leaves each cell pointing at the old position: past
the end of the list, which openpyxl itself cannot read back and Excel offers to repair.
``relink_named_styles`` points every cell, row and column at its style's new position.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def relink_named_styles(book: Any, source: Path) -> None:
    """Point the formats of ``book`` (just loaded by openpyxl from ``source``) at their named
    styles' positions in openpyxl's list; nothing changes for a workbook Excel wrote. A
    format pointing at no named style gets the default one (Normal), as Excel reads it."""
    names = list(getattr(book._named_styles, "names", []))  # noqa: SLF001 - its own list
    positions = _style_positions(source)
    moved = {old: names.index(name) for name, old in positions if name in names}
    if not names or all(old == new for old, new in moved.items()):
        return
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.utils.indexed_list import IndexedList

    def relinked(style: Any) -> Any:
        copied = StyleArray(style)
        copied.xfId = moved.get(style.xfId, 0)
        return copied

    for sheet in book.worksheets:
        owners = [*sheet._cells.values(), *sheet.row_dimensions.values(),  # noqa: SLF001
                  *sheet.column_dimensions.values()]
        for owner in owners:
            style = getattr(owner, "_style", None)
            if style is not None and style.xfId:
                owner._style = relinked(style)  # noqa: SLF001 - each owner has its own copy
    # and the formats as listed (openpyxl writes every one it read, used or not)
    book._cell_styles = IndexedList(  # noqa: SLF001
        [relinked(style) for style in book._cell_styles])  # noqa: SLF001


def _style_positions(source: Path) -> list[tuple[str, int]]:
    """(name, position in ``cellStyleXfs``) of each named cell style of the workbook at
    ``source``; none when its styles cannot be read (openpyxl read them, or it would not
    have opened the workbook: nothing is then changed)."""
    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(source) as archive:
            name = next((n for n in archive.namelist() if n.lower() == "xl/styles.xml"), None)
            if name is None:
                return []
            root = fromstring(archive.read(name))
        return [(style.get("name", ""), int(style.get("xfId", "0")))
                for style in root.iter(f"{MAIN}cellStyle")]
    except Exception:  # noqa: BLE001 - unreadable: the formats are left as openpyxl read them
        return []
