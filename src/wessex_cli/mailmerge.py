"""A mail-merge source for Word and Outlook: one row per recipient, every field a letter
might use, column names without spaces (Word's merge fields refuse them)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from .documents import person_context
from .model import PairRecord, Person
from .pairs_workbook import carried_titles, carried_values
from .safe_write import atomic_write
from .scheme import Scheme
from .text import neutralise_formula, without_accents
from .wording import DONE, long_date

PERSON = ("Title", "FirstName", "Surname", "FullName", "FormalName", "Salutation", "Email",
          "Phone", "Profession", "Organisation", "Specialty", "Side")
_KEYS = ("title", "first_name", "surname", "name", "formal_name", "salutation", "email",
         "phone", "profession", "organisation", "specialty", "side")
PARTNER = tuple(f"Partner{f}" for f in PERSON) + ("PartnerAdjustments", "PairID")
# the days this person hosted their partner and visited them, as a certificate states them:
# filled in only once the visit is done (a done visit dated after today is still planned)
VISITS = ("HostedOn", "VisitedOn")
SCHEME = ("SchemeName", "StartDate", "EndDate", "CelebrationDate", "CelebrationTime",
          "CelebrationVenue", "AdminName", "AdminEmail", "AdminPhone", "CPDHours")
# The scheme.toml settings behind the scheme fields: each must be set (no placeholders).
_NEEDS = ("dates.start", "dates.end", "celebration.date", "celebration.time",
          "celebration.venue", "administrator.name", "administrator.email")


def _person_fields(person: Person, scheme: Scheme, prefix: str = "") -> dict[str, str]:
    context = person_context(person, scheme)
    fields = {f"{prefix}{column}": context[key]
              for column, key in zip(PERSON, _KEYS, strict=True)}
    # a merged letter prints the side as scheme.toml names it ("Primary care"), as wessex's
    # own letters and tables do, not its key ("primary"), which templates compare
    if side := context["side"]:
        fields[f"{prefix}Side"] = scheme.side_label(side)
    return fields


def _scheme_fields(scheme: Scheme, allow_placeholders: bool) -> dict[str, str]:
    from .placeholders import missing_settings, refusal

    missing = {k: m for k, m in missing_settings(scheme).items() if k in _NEEDS}
    if missing and not allow_placeholders:
        raise refusal(missing, "the mail-merge source", scheme)

    def gap(key: str, value: str) -> str:
        return f"[{missing[key].label}]" if key in missing else value

    def day(key: str, value: Any) -> str:
        return gap(key, long_date(value) if value else "")

    return {"SchemeName": scheme.name, "StartDate": day("dates.start", scheme.start),
            "EndDate": day("dates.end", scheme.end),
            "CelebrationDate": day("celebration.date", scheme.celebration.date),
            "CelebrationTime": gap("celebration.time", scheme.celebration.time),
            "CelebrationVenue": gap("celebration.venue", scheme.celebration.venue),
            "AdminName": gap("administrator.name", scheme.administrator.name),
            "AdminEmail": gap("administrator.email", scheme.administrator.email),
            "AdminPhone": scheme.administrator.phone, "CPDHours": str(scheme.cpd_hours)}


def merge_field(title: str, taken: Collection[str]) -> str:
    """A Word merge-field name for a column the administrator added to the volunteer
    workbook: its words run together, each capitalised ("Line manager" -> "LineManager",
    "NHS number" -> "NHSNumber"), accents dropped, ASCII letters and digits only, beginning
    with a letter, at most 40 characters (what Word accepts), and none of ``taken``."""
    plain = without_accents(re.sub("['\u2019]", "", title))
    name = "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", plain))
    return unused_field(name if name[:1].isalpha() else f"Column{name}", taken)


def unused_field(name: str, taken: Collection[str]) -> str:
    """``name`` cut to Word's 40 characters, with a number added if it is ``taken`` in any
    case (Word does not tell «Surname» from «SURNAME»)."""
    folded = {t.casefold() for t in taken}
    candidate, number = name[:40], 2
    while candidate.casefold() in folded:
        candidate = f"{name[:40 - len(str(number))]}{number}"
        number += 1
    return candidate


def merge_rows(scheme: Scheme, volunteers: Sequence[Person] | None = None,
               pairs: Sequence[PairRecord] | None = None, allow_placeholders: bool = False,
               now: dt.date | None = None) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: each person (and partner), then the scheme's fields.

    Each person's Notes and the volunteer workbook's extra columns come too (SPEC: carried
    through), after the fields wessex knows, under names Word accepts (``merge_field``)."""
    people = [p for pair in pairs for p in (pair.a, pair.b)] if pairs is not None else \
        list(volunteers or [])
    titles = carried_titles(people)
    from .dates import today

    now = now or today()
    taken = {*PERSON, "Adjustments", "Notes", *PARTNER, *VISITS, "PartnerNotes", *SCHEME}
    own: dict[str, str] = {}
    for title in titles:
        own[title] = merge_field(title, taken)
        taken.add(own[title])
    partners: dict[str, str] = {}
    for title in titles:
        partners[title] = unused_field(f"Partner{own[title]}", taken)
        taken.add(partners[title])
    headers = [*PERSON, "Adjustments", "Notes", *own.values()]
    if pairs is not None:
        headers += [*PARTNER, *VISITS, "PartnerNotes", *partners.values()]
    headers += list(SCHEME)
    common = _scheme_fields(scheme, allow_placeholders)

    def carried(person: Person, names: dict[str, str], prefix: str = "") -> dict[str, str]:
        return dict(zip([f"{prefix}Notes", *names.values()],  # a merge field is text
                        map(str, carried_values(person, titles)), strict=True))

    # each row goes into the list in the headers' order straight away: at the largest
    # workbook wessex reads, keeping every row as a dict as well took 100 MB more
    rows: list[list[str]] = []
    if pairs is not None:
        for pair in pairs:
            done = [long_date(visit.date) if visit.date and visit.state(now) == DONE else ""
                    for visit in pair.visits]  # A hosts B, B hosts A
            for person, partner, (hosted, visited) in ((pair.a, pair.b, done),
                                                       (pair.b, pair.a, done[::-1])):
                row = {**_person_fields(person, scheme), "HostedOn": hosted, "VisitedOn": visited,
                       "Adjustments": person.adjustments, **carried(person, own),
                       **_person_fields(partner, scheme, "Partner"),
                       "PartnerAdjustments": partner.adjustments,
                       **carried(partner, partners, "Partner"),
                       "PairID": pair.pair_id, **common}
                rows.append([row.get(h, "") for h in headers])
    else:
        for person in people:
            row = {**_person_fields(person, scheme), "Adjustments": person.adjustments,
                   **carried(person, own), **common}
            rows.append([row.get(h, "") for h in headers])
    return headers, rows


def write_merge(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    """The merge source as .xlsx or as UTF-8 CSV with a byte-order mark (which Excel and
    Word need to show accents), whichever ``path`` ends in."""
    if path.suffix.lower() == ".xlsx":
        from .xlsx_out import SheetSpec, write_workbook

        write_workbook(path, [SheetSpec("Merge", headers, rows)])
        return
    def write(temp: Path) -> None:
        # UTF-8 with a byte-order mark: Excel and Word then read accents correctly. Written
        # row by row, not built whole in memory first.
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            # OWASP's advice for CSV a spreadsheet will open: every field quoted, and a
            # formula-like value made inert with a leading apostrophe.
            writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
            writer.writerow(headers)
            for row in rows:
                writer.writerow([neutralise_formula(v) for v in row])

    atomic_write(path, write)
