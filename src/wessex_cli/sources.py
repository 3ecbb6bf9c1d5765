"""Loading whichever workbook a document or merge command is given: pairs or volunteers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .documents import PairRecord, volunteer_record
from .errors import TemplateError
from .scheme import Scheme


def load_pairs(path: Path, now: dt.date | None = None, only_new: bool = False,
               year: int | None = None) -> tuple[list[PairRecord], list[str]]:
    """Pairs with their visits as tracked (as of ``now``, default today), and warnings about
    unreadable tracking cells. ``only_new``: just the pairs the last 'wessex pair' made
    (How paired is not "kept"). ``year`` completes tracking dates typed without one."""
    from .dates import today
    from .pairs_workbook import read_pair_rows
    from .text import header_key
    from .tracking import track

    rows, headers = read_pair_rows(path)
    how = next((h for h in headers if header_key(h) == header_key("How paired")), None)
    if only_new:
        if how is None:
            raise TemplateError("this pairs workbook has no 'How paired' column, so the pairs "
                                "made in the last run cannot be told apart.",
                                "Leave out --new, or restore the column.", file=path)
        rows = [r for r in rows if str(r.values.get(how) or "").strip().casefold() != "kept"]
    records, warnings = [], []
    for row in rows:
        tracked = track(row, headers, now=now or today(), year=year)
        warnings.extend(tracked.warnings)
        records.append(PairRecord(row.pair_id, row.a, row.b,
                                  (tracked.visits[0].done, tracked.visits[1].done),
                                  (tracked.visits[0].date, tracked.visits[1].date)))
    return records, warnings


def load_volunteers(path: Path, scheme: Scheme) -> list[dict[str, str]]:
    from .roster import read_roster

    roster = read_roster(path, scheme)
    if roster.errors:
        first = roster.errors[0]
        raise TemplateError(f"the volunteer workbook has {len(roster.errors)} error(s), the "
                            f"first at {first.cell}: {first.text}",
                            f"Run 'wessex check {path.name}' and fix them first.", file=path)
    return [volunteer_record(v) for v in roster.active]


def is_pairs_workbook(path: Path) -> bool:
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return False
    from python_calamine import CalamineWorkbook

    from .errors import WessexError
    from .inspection import inspect_input

    try:
        inspect_input(path)  # a pipe, a bomb or a huge sheet is never opened here
    except WessexError:
        return False  # the volunteer reader inspects it again and explains
    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            return any(name.casefold() == "pairs" for name in book.sheet_names)
    except Exception:  # noqa: BLE001 - not readable here: let the real reader explain
        return False
