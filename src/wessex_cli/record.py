"""Changing the pairs workbook in place, so that nothing the administrator typed is lost.

Edits go through openpyxl, which keeps formatting, extra columns and sheets, but silently
drops charts, images, pivot tables and macros: a workbook holding any of those is refused
with a message saying what would be lost. Every save is atomic, keeps a backup of the
previous version in ``backups/``, refuses while Excel has the file open, and holds a lock so
that two wessex commands never write the same workbook at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import TrackingError
from .roster import cell_text
from .safe_write import atomic_write, backup, refuse_if_open, write_lock
from .text import did_you_mean, email_key, header_key, person_key

DROPPED_PARTS = {
    "xl/charts/": "charts", "xl/drawings/": "images, shapes or charts",
    "xl/pivotTables/": "pivot tables", "xl/pivotCache/": "pivot tables",
    "xl/vbaProject.bin": "macros", "xl/media/": "pictures", "xl/slicers/": "slicers",
    "xl/timelines/": "timelines",
}


def features_that_would_be_lost(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        raise TrackingError("the pairs workbook is damaged and cannot be opened.",
                            "Restore the latest copy from the backups/ folder.",
                            file=path) from None
    return sorted({what for prefix, what in DROPPED_PARTS.items()
                   if any(n.startswith(prefix) for n in names)})


@contextlib.contextmanager
def edit_workbook(path: Path) -> Iterator[Any]:
    """Open the pairs workbook for changes; save it safely when the block ends cleanly."""
    if not path.exists():
        raise TrackingError("there is no such pairs workbook.",
                            "Run 'wessex pair' first, or check the path.", file=path)
    from .inspection import check_editable, inspect_input

    check_editable(inspect_input(path))  # before openpyxl builds every cell in memory
    refuse_if_open(path)
    lost = features_that_would_be_lost(path)
    if lost:
        raise TrackingError(f"the workbook contains {', '.join(lost)}, which wessex cannot "
                            "keep when it saves, so it was not changed.",
                            "Move them to another workbook, or record the visit by hand in "
                            "Excel.", file=path)
    import openpyxl

    with write_lock(path):
        try:
            book = openpyxl.load_workbook(path)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for bad files
            raise TrackingError(f"the pairs workbook cannot be opened ({exc}).",
                                "Open it in Excel and save it again, or restore a backup.",
                                file=path) from None
        if "Pairs" not in book.sheetnames:
            raise TrackingError("this workbook has no 'Pairs' sheet.",
                                "Give the pairs workbook written by 'wessex pair'.", file=path)
        yield book
        backup(path)
        atomic_write(path, lambda temp: book.save(temp))


@dataclass
class SheetRow:
    """A Pairs row found by person: its row number and where each column is."""

    number: int
    values: dict[str, Any]
    side: str  # "A" or "B": which half of the row the person is


def header_map(sheet: Any) -> dict[str, int]:
    """header_key -> 1-based column, read from the first row naming 'A email'."""
    for row in sheet.iter_rows(min_row=1, max_row=20):
        keys = {header_key(cell_text(c.value)): c.column for c in row if c.value}
        if header_key("A email") in keys:
            keys["__row__"] = row[0].row
            return keys
    raise TrackingError("the Pairs sheet has no header row with 'A email'.",
                        "Restore the header row as 'wessex pair' wrote it.", sheet="Pairs")


def find_rows(sheet: Any, columns: dict[str, int], who: str) -> list[SheetRow]:
    """Rows where ``who`` (name or e-mail, forgivingly) is person A or B."""
    wanted_email = email_key(who) if "@" in who else None
    wanted_name = person_key(who)
    found = []
    for number in range(columns["__row__"] + 1, sheet.max_row + 1):
        values = {key: sheet.cell(number, col).value for key, col in columns.items()
                  if key != "__row__"}
        for side in ("A", "B"):
            email = email_key(cell_text(values.get(header_key(f"{side} email"))))
            name = person_key(cell_text(values.get(header_key(f"{side} name"))))
            if (wanted_email and email == wanted_email) or (not wanted_email and name and
                                                             name == wanted_name):
                found.append(SheetRow(number, values, side))
    return found


def names_in(sheet: Any, columns: dict[str, int]) -> list[str]:
    """Everyone named in the Pairs sheet, for suggestions."""
    found = []
    for key in (header_key("A name"), header_key("B name")):
        if key in columns:
            found += [cell_text(sheet.cell(r, columns[key]).value)
                      for r in range(columns["__row__"] + 1, sheet.max_row + 1)]
    return [n for n in found if n]


def pick_row(rows: list[SheetRow], who: str, partner: str | None, path: Path,
             everyone: Callable[[], list[str]] = list) -> SheetRow:
    if partner:
        partner_key = person_key(partner) if "@" not in partner else email_key(partner)
        rows = [r for r in rows if partner_key in (
            person_key(cell_text(r.values.get(header_key(f"{'B' if r.side == 'A' else 'A'} "
                                                         "name")))),
            email_key(cell_text(r.values.get(header_key(f"{'B' if r.side == 'A' else 'A'} "
                                                        "email")))))]
    if not rows:
        hint = did_you_mean(who, everyone()) if not partner else ""
        raise TrackingError(f"nobody called '{who}'{' paired with ' + partner if partner else ''}"
                            " is in the Pairs sheet.", hint + "Use the name or e-mail as in the "
                            "workbook; 'wessex status' lists everyone.", file=path)
    if len(rows) > 1:
        names = "; ".join(
            f"row {r.number}: {cell_text(r.values.get(header_key('A name')))} & "
            f"{cell_text(r.values.get(header_key('B name')))}" for r in rows)
        raise TrackingError(f"'{who}' matches more than one pair ({names}).",
                            "Add --partner NAME, or use an e-mail address.", file=path)
    return rows[0]


def record_visit(path: Path, who: str, *, hosted: dt.date | None = None,
                 planned: dt.date | None = None, reflection: bool = False,
                 partner: str | None = None) -> str:
    """Record that ``who`` hosted their partner (or plans to), or sent a reflection."""
    with edit_workbook(path) as book:
        sheet = book["Pairs"]
        columns = header_map(sheet)
        row = pick_row(find_rows(sheet, columns, who), who, partner, path,
                       lambda: names_in(sheet, columns))
        other = "B" if row.side == "A" else "A"
        changes = []
        if hosted or planned:
            date_col = columns.get(header_key(f"{row.side} hosts {other}: date"))
            done_col = columns.get(header_key(f"{row.side} hosts {other}: done"))
            if date_col is None or done_col is None:
                raise TrackingError("the Pairs sheet has lost its visit columns.",
                                    "Restore them as 'wessex pair' wrote them.", file=path)
            cell = sheet.cell(row.number, date_col)
            cell.value = hosted or planned
            cell.number_format = "yyyy-mm-dd"
            if hosted:
                sheet.cell(row.number, done_col).value = "yes"
                changes.append(f"hosted on {hosted.isoformat()}")
            else:
                changes.append(f"planned for {planned.isoformat() if planned else ''}")
        if reflection:
            col = columns.get(header_key(f"Reflection from {row.side}"))
            if col is None:
                raise TrackingError("the Pairs sheet has lost its reflection columns.",
                                    "Restore them as 'wessex pair' wrote them.", file=path)
            sheet.cell(row.number, col).value = "yes"
            changes.append("reflection received")
        name = cell_text(row.values.get(header_key(f"{row.side} name")))
        partner_name = cell_text(row.values.get(header_key(f"{other} name")))
    return f"{name} ({'; '.join(changes)}) with {partner_name}, row {row.number}"


def withdraw(path: Path, who: str, reason: str, when: dt.date,
             partner: str | None = None) -> tuple[str, str]:
    """Move the person's pair to the Withdrawn sheet. Returns (person, their partner)."""
    from .text import strip_controls

    reason = strip_controls(reason)  # typed text too: no control character enters a workbook
    with edit_workbook(path) as book:
        sheet = book["Pairs"]
        columns = header_map(sheet)
        row = pick_row(find_rows(sheet, columns, who), who, partner, path,
                       lambda: names_in(sheet, columns))
        header_row = columns["__row__"]
        headers = [c.value for c in sheet[header_row]]
        values = [c.value for c in sheet[row.number]]
        if "Withdrawn" in book.sheetnames:
            target = book["Withdrawn"]
        else:
            target = book.create_sheet("Withdrawn")
            target.append(["Withdrawn person", "Reason", "Date withdrawn", *headers])
            target.freeze_panes = "A2"
        name = cell_text(row.values.get(header_key(f"{row.side} name")))
        other = "B" if row.side == "A" else "A"
        partner_name = cell_text(row.values.get(header_key(f"{other} name")))
        target.append([name, reason, when, *values])
        target.cell(target.max_row, 3).number_format = "yyyy-mm-dd"
        sheet.delete_rows(row.number)
    return name, partner_name
