"""A mail-merge source for Word and Outlook: one row per recipient, every field a letter
might use, column names without spaces (Word's merge fields refuse them)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .documents import PairRecord, person_context
from .safe_write import write_bytes
from .scheme import Scheme
from .text import neutralise_formula

PERSON = ("Name", "FirstName", "Title", "Email", "Phone", "Profession", "Organisation",
          "Specialty", "Side")
PARTNER = tuple(f"Partner{f}" for f in PERSON) + ("PartnerAdjustments", "PairID")
SCHEME = ("SchemeName", "StartDate", "EndDate", "CelebrationDate", "CelebrationTime",
          "CelebrationVenue", "AdminName", "AdminEmail", "AdminPhone", "CPDHours")


def _person_fields(record: dict[str, str], prefix: str = "") -> dict[str, str]:
    context = person_context(record)
    keys = ("name", "first_name", "title", "email", "phone", "profession", "organisation",
            "specialty", "side")
    return {f"{prefix}{column}": context[key] for column, key in zip(PERSON, keys, strict=True)}


def _scheme_fields(scheme: Scheme) -> dict[str, str]:
    def day(value: Any) -> str:
        return f"{value:%A} {value.day} {value:%B %Y}" if value else ""

    return {"SchemeName": scheme.name, "StartDate": day(scheme.start), "EndDate": day(scheme.end),
            "CelebrationDate": day(scheme.celebration.date),
            "CelebrationTime": scheme.celebration.time,
            "CelebrationVenue": scheme.celebration.venue, "AdminName": scheme.administrator.name,
            "AdminEmail": scheme.administrator.email, "AdminPhone": scheme.administrator.phone,
            "CPDHours": str(scheme.cpd_hours)}


def merge_rows(scheme: Scheme, volunteers: Sequence[dict[str, str]] | None = None,
               pairs: Sequence[PairRecord] | None = None) -> tuple[list[str], list[list[str]]]:
    headers = [*PERSON, "Adjustments"]
    if pairs is not None:
        headers += list(PARTNER)
    headers += list(SCHEME)
    rows: list[dict[str, str]] = []
    if pairs is not None:
        for pair in pairs:
            for person, partner in ((pair.a, pair.b), (pair.b, pair.a)):
                row = {**_person_fields(person), "Adjustments": person.get("adjustments", ""),
                       **_person_fields(partner, "Partner"),
                       "PartnerAdjustments": partner.get("adjustments", ""),
                       "PairID": pair.pair_id, **_scheme_fields(scheme)}
                rows.append(row)
    else:
        for person in volunteers or []:
            rows.append({**_person_fields(person), "Adjustments": person.get("adjustments", ""),
                         **_scheme_fields(scheme)})
    return headers, [[row.get(h, "") for h in headers] for row in rows]


def write_merge(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    if path.suffix.lower() == ".xlsx":
        from .xlsx_out import SheetSpec, write_workbook

        write_workbook(path, [SheetSpec("Merge", headers, rows)])
        return
    buffer = io.StringIO()
    # OWASP's advice for CSV a spreadsheet will open: every field quoted, and a formula-like
    # value made inert with a leading apostrophe.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in row])
    # UTF-8 with a byte-order mark: Excel and Word then read accents correctly.
    write_bytes(path, buffer.getvalue().encode("utf-8-sig"))
