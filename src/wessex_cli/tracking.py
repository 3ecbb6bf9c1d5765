"""Reading the tracking columns back as the administrator left them.

Dates may be real dates, Excel serial numbers or text in UK order (``4/5/2027`` is 4 May;
ISO works too). "Done" may be yes/y/true/✓/x/1/done or a date. A value that cannot be read
is a warning with its cell, never a crash and never silently taken as done.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from .dates import parse_date, why_not
from .model import PairRecord, Visit
from .pairs_workbook import REFLECTION_COLUMNS, VISIT_COLUMNS
from .spreadsheet import UNCALCULATED, cell_ref, cell_text, same_sheet
from .text import header_key
from .wording import day_month_year

DONE_WORDS = {"yes", "y", "true", "done", "x", "1", "complete", "completed", "visited",
              "hosted", "ok", "✓", "✔", "☑", "tick", "ticked", "received"}
NOT_DONE_WORDS = {"", "no", "n", "false", "0", "not yet", "notyet", "pending", "planned", "tbc",
                  "-", "✗", "✘", "cancelled", "owed"}


def parse_done(value: Any, year: int | None = None) -> bool | None:
    """True/False for a "done" cell; None when it cannot be read (the caller warns)."""
    if value is None or value == "":  # most cells, until the visits happen
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return True
    text = cell_text(value).casefold()
    if text in DONE_WORDS:
        return True
    if text in NOT_DONE_WORDS:
        return False
    try:
        return parse_date(value, year) is not None
    except ValueError:
        return None


@lru_cache(maxsize=16)
def _tracking_headers(headers: tuple[str, ...]) -> dict[str, str | None]:
    """Each tracking column's title -> the header it has on this sheet (matched by
    ``header_key``), worked out once per sheet rather than once per row."""
    lookup = {header_key(h): h for h in headers if h}
    titles = [title for pair in VISIT_COLUMNS for title in pair] + list(REFLECTION_COLUMNS)
    return {title: lookup.get(header_key(title)) for title in titles}


def track(row: PairRecord, headers: list[str], sheet: str = "Pairs",
          now: dt.date | None = None, year: int | None = None) -> PairRecord:
    """Read a Pairs row's visits and reflections into ``row`` (which is returned), warning
    about unreadable cells.

    Given ``now`` (today, for status and documents), a visit marked done but dated after it
    is a plan, not a visit: it is counted as not done, with a warning, so no certificate is
    issued for it. Without ``now`` (looking back over a finished scheme) the cells are taken
    as written. ``year`` (the scheme's) completes a date typed without one, such as "4/5".
    """
    found = _tracking_headers(tuple(headers))
    warnings: list[str] = list(row.warnings)  # cells the reader cleaned or could not use

    def raw(title: str) -> Any:
        header = found[title]
        return row.values.get(header) if header else None

    def where(title: str) -> str:
        header = found[title]
        col = headers.index(header) if header in headers else 0
        return f"{sheet}!{cell_ref(row.row - 1, col)}"

    visits = []
    for (date_title, done_title), (host, visitor) in zip(
            VISIT_COLUMNS, ((row.a, row.b), (row.b, row.a)), strict=True):
        date = None
        unreadable = ""
        try:
            date = parse_date(raw(date_title), year)
        except ValueError as exc:
            why = why_not(exc)
            unreadable = (f"{where(date_title)}: '{cell_text(raw(date_title))}' is not a date "
                          f"that wessex can read{' (' + why + ')' if why else ''}")
        done_value = raw(done_title)
        uncalculated = f"{where(done_title)}: {UNCALCULATED}" if warnings else ""
        if uncalculated and done_value in (None, "") and \
                any(w.startswith(uncalculated) for w in warnings):
            warnings = [w for w in warnings if not w.startswith(uncalculated)]
            warnings.append(f"{where(done_title)}: formula with no saved result, so wessex "
                            "cannot tell whether the visit was done; it is counted as not "
                            "done. Open and save the workbook in Excel or LibreOffice.")
        done = parse_done(done_value, year)
        if done is None:
            warnings.append(f"{where(done_title)}: '{cell_text(done_value)}' is not yes or no; "
                            "the visit is counted as not done.")
            done = False
        if isinstance(done_value, dt.date) and date is None:
            date = done_value if not isinstance(done_value, dt.datetime) else done_value.date()
        elif done and date is None and cell_text(done_value):
            try:
                date = parse_date(done_value, year)
            except ValueError:
                date = None
        if done and date is None:
            # Done but undated: done for status, but a certificate states both dates, so
            # none is written for this pair until the date cell holds a real date.
            said = unreadable or (f"{where(date_title)}: the date is blank, but "
                                  f"{where(done_title)} says the visit was done")
            warnings.append(f"{said}. The visit counts as done, but no certificate goes to "
                            "this pair until the date is filled in; write it like 4/5/2027 "
                            "or 2027-05-04.")
        elif unreadable:
            warnings.append(f"{unreadable}; write it like 4/5/2027 or 2027-05-04.")
        if now is not None and done and date and date > now:
            warnings.append(f"{where(done_title)}: marked done, but the visit is dated "
                            f"{day_month_year(date)}, which is still to come; it is counted as "
                            "planned until then.")
            done = False
        visits.append(Visit(host.email, visitor.email, date, done))
    reflections = []
    for title in REFLECTION_COLUMNS:
        received = parse_done(raw(title), year)
        if received is None:
            warnings.append(f"{where(title)}: '{cell_text(raw(title))}' is not yes or no; the "
                            "reflection is counted as not received.")
        reflections.append(bool(received))
    for title, writer, received in zip(REFLECTION_COLUMNS, row.people, reflections,
                                       strict=True):
        if received and not any(v.done for v in visits):
            # a reflection is written after a visit: the tick or the visits may be wrong
            warnings.append(reflection_before_visits(where(title), writer.name, row.pair_id,
                                                     same_sheet(sheet, "Withdrawn")))
    row.visits = (visits[0], visits[1])
    row.reflections = (reflections[0], reflections[1])
    row.warnings = warnings
    return row


def reflection_before_visits(cell: str, name: str, pair_id: str,
                             withdrawn: bool = False) -> str:
    """A reflection received (in ``cell``, "Pairs!Y3") by a pair with neither half day done,
    in the words of status's, report's and remind's warning and of visit --reflection's note
    alike: a reflection comes after a visit, so the visit or the cell may be wrong. A pair
    ``withdrawn`` (its row on the Withdrawn sheet) has its half day typed there, as 'wessex
    visit' refuses it."""
    pair = f"pair {pair_id}" if pair_id else "their pair"
    record = ("If the two met before their pair ended, type the half day's date and 'yes' in "
              "its row on the Withdrawn sheet.") if withdrawn else \
        ("If the two have met, record the half day too: 'wessex visit' with the name of "
         "whoever hosted and --hosted DATE.")
    return (f"{cell}: {name or 'this person'}'s reflection is recorded as received, but {pair} "
            f"has no half day recorded as done, and a reflection comes after a visit. {record} "
            f"If the reflection is someone else's, clear {cell} and record it for whoever "
            "wrote it. Meanwhile it counts as received.")


def dated_before(row: PairRecord, headers: list[str], start: dt.date | None,
                 sheet: str = "Pairs") -> list[str]:
    """A warning for each visit marked done and dated before the exchange started: most
    often last year typed by habit (4/5/2026 for 4/5/2027), and the certificate, for
    appraisal, would state that date beside the scheme's own dates. The visit still counts;
    the cell is named so that it can be corrected."""
    if start is None:
        return []
    found = _tracking_headers(tuple(headers))
    said = []
    for (date_title, _), visit in zip(VISIT_COLUMNS, row.visits, strict=True):
        header = found[date_title]
        if visit.done and visit.date is not None and visit.date < start and header:
            said.append(f"{sheet}!{cell_ref(row.row - 1, headers.index(header))}: the visit "
                        f"is dated {day_month_year(visit.date)}, before the exchange "
                        f"started ({day_month_year(start)}); if the year is wrong, correct it, "
                        "as the certificate states the date.")
    return said
