"""The pairs workbook: the scheme's running record from pairing to the end.

Sheets: ``Pairs`` (one row per pair, both people, score, reasons, and the tracking columns
the administrator fills in), ``Unpaired``, ``Summary`` and ``Settings``. The layout is
fixed here once, so that writing (``wessex pair``) and reading back (``--keep``, ``status``,
``visit``, documents) agree on every column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .pairing import KeptPair, PairingResult
from .roster import PERSON_FIELDS, Roster, Volunteer, email_problem
from .spreadsheet import cell_ref, cell_text, read_grid
from .text import address_from_cell, email_key, header_key, person_key
from .xlsx_out import SheetSpec, write_workbook

TRACKING_COLUMNS = ("A hosts B: date", "A hosts B: done", "B hosts A: date", "B hosts A: done",
                    "Reflection from A", "Reflection from B", "Notes")
ID_COLUMN = "Pair"


def person_headers(letter: str) -> list[str]:
    return [f"{letter} {f}" for f in PERSON_FIELDS]


PAIRS_HEADERS = [ID_COLUMN, *person_headers("A"), *person_headers("B"), "Score", "Reasons",
                 "How paired", *TRACKING_COLUMNS]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _person_values(person: Volunteer) -> list[Any]:
    return [getattr(person, f) for f in PERSON_FIELDS]


def write_pairs_workbook(path: Path, result: PairingResult, source: Path) -> None:
    """Write a new pairs workbook atomically (the caller has checked it may be replaced).

    A re-pairing (``pair --keep``) does not rewrite the kept workbook with this: it brings
    this workbook's rows into the kept one (``record.carry_pairing``), keeping the rest.
    """
    scheme = result.scheme
    extra_titles: list[str] = []
    for pair in result.pairs:
        for title, _ in pair.tracking:
            if title not in TRACKING_COLUMNS and title not in extra_titles:
                extra_titles.append(title)
    headers = PAIRS_HEADERS + extra_titles
    rows = []
    for pair in result.pairs:
        tracking = dict(pair.tracking)
        rows.append([pair.pair_id, *_person_values(pair.a), *_person_values(pair.b), pair.score,
                     "; ".join(pair.reasons), pair.how,
                     *[tracking.get(t) for t in TRACKING_COLUMNS],
                     *[tracking.get(t) for t in extra_titles]])
    reasons_col = PAIRS_HEADERS.index("Reasons")
    widths = {reasons_col: 70.0}
    for title in TRACKING_COLUMNS:
        widths[PAIRS_HEADERS.index(title)] = 16.0
    date_cols = frozenset(PAIRS_HEADERS.index(t) for t in TRACKING_COLUMNS if t.endswith("date"))
    pairs_sheet = SheetSpec("Pairs", headers, rows, widths=widths,
                            wrap_columns=frozenset({reasons_col}), date_columns=date_cols,
                            validations=[(PAIRS_HEADERS.index(t), {
                                "validate": "list", "source": ["yes", "no"],
                                "error_type": "information"})
                                for t in TRACKING_COLUMNS if "done" in t or "Reflection" in t])
    unpaired = SheetSpec("Unpaired", ["Name", "Email", "Side", "Profession", "Organisation",
                                      "Places unfilled", "Reason"],
                         [[u.person.name, u.person.email, u.person.side, u.person.profession,
                           u.person.organisation, u.places, u.reason] for u in result.unpaired],
                         widths={6: 80.0}, wrap_columns=frozenset({6}))
    summary = result.summary()
    summary_rows: list[list[Any]] = [
        ["Scheme", scheme.name],
        ["Volunteers in the workbook", summary["volunteers"]],
        ["Active volunteers", summary["active"]],
        ["Pairs", summary["pairs"]],
        ["People paired", summary["paired"]],
        ["People unpaired", summary["unpaired"]],
        ["Paired people with a preference met", result.preference_met],
        ["Total score", summary["score"]],
        ["Upper bound on the total score", result.upper_bound],
        ["A side", scheme.sides[0].label],
        ["B side", scheme.sides[1].label],
    ]
    settings_rows: list[list[Any]] = [
        ["Seed", result.seed],
        ["Weights: person choices", ", ".join(map(str, scheme.weights.person))],
        ["Weights: specialty or organisation choices", ", ".join(map(str, scheme.weights.topic))],
        ["Weights: same cluster", scheme.weights.cluster],
        ["Input file", source.name],
        ["Input SHA-256", file_sha256(source)],
        ["wessex version", __version__],
        ["Scheme file", scheme.source.name if scheme.source else "(defaults)"],
    ]
    write_workbook(path, [
        pairs_sheet, unpaired,
        SheetSpec("Summary", ["Item", "Value"], summary_rows, widths={0: 38.0, 1: 50.0}),
        SheetSpec("Settings", ["Setting", "Value"], settings_rows, widths={0: 42.0, 1: 70.0}),
    ])


@dataclass(frozen=True)
class Withdrawn:
    """One row of the Withdrawn sheet: who left which pair, when, and whether they left the
    scheme altogether (rows written before that column existed count as the scheme)."""

    person: str  # name as written
    key: str  # e-mail key of the person who withdrew ("" if it cannot be told)
    partner_key: str
    pair_id: str
    when: str
    whole_scheme: bool


def read_withdrawals(path: Path) -> list[Withdrawn]:
    """The Withdrawn sheet of a pairs workbook (none if it has no such sheet)."""
    from python_calamine import CalamineWorkbook

    from .inspection import inspect_input

    inspect_input(path)
    with CalamineWorkbook.from_path(str(path)) as book:
        if "Withdrawn" not in book.sheet_names:
            return []
        rows = book.get_sheet_by_name("Withdrawn").to_python(skip_empty_area=False)
    if not rows:
        return []
    lookup = {header_key(cell_text(c)): n for n, c in enumerate(rows[0])}

    def get(raw: list[Any], title: str) -> str:
        col = lookup.get(header_key(title))
        return cell_text(raw[col]) if col is not None and col < len(raw) else ""

    found = []
    for raw in rows[1:]:
        name = get(raw, "Withdrawn person")
        if not name:
            continue
        side = "A" if person_key(get(raw, "A name")) == person_key(name) else \
            "B" if person_key(get(raw, "B name")) == person_key(name) else ""
        other = {"A": "B", "B": "A"}.get(side, "")
        scope = get(raw, "Withdrew from").casefold()
        when = _plain(raw[lookup[header_key("Date withdrawn")]]) \
            if header_key("Date withdrawn") in lookup else ""
        found.append(Withdrawn(
            name, email_key(get(raw, f"{side} email")) if side else "",
            email_key(get(raw, f"{other} email")) if other else "", get(raw, ID_COLUMN),
            when.isoformat() if isinstance(when, dt.date) else cell_text(when),
            not scope.startswith("this pair")))
    return found


def leave_out_withdrawn(roster: Roster, withdrawals: list[Withdrawn],
                        source: Path) -> tuple[Roster, list[str]]:
    """The roster with everyone who withdrew from the scheme (Withdrawn sheet of ``source``)
    made inactive, even if the volunteer workbook still says active; and a line for each."""
    from dataclasses import replace

    gone = {w.key: w for w in withdrawals if w.whole_scheme and w.key}
    notes, people = [], []
    for volunteer in roster.volunteers:
        left = gone.get(volunteer.key)
        if left and volunteer.active:
            try:
                when = dt.date.fromisoformat(left.when)
                said = f"{when.day} {when:%B %Y}"
            except ValueError:
                said = left.when or "an unrecorded date"
            notes.append(f"{volunteer.name} withdrew on {said} ({source.name}, Withdrawn "
                         "sheet); left out. To pair them again, delete that row of the "
                         "Withdrawn sheet.")
            volunteer = replace(volunteer, active=False, status="withdrawn")
        people.append(volunteer)
    return replace(roster, volunteers=people, _index=None), notes


@dataclass
class PairRow:
    """One row of the Pairs sheet as read back."""

    row: int
    pair_id: str
    a: dict[str, str]
    b: dict[str, str]
    values: dict[str, Any]  # every column by its header, raw
    warnings: list[str] = field(default_factory=list)  # cells cleaned or not understood


def read_pair_rows(path: Path) -> tuple[list[PairRow], list[str]]:
    """The Pairs sheet's rows, located by header (re-sorted and added rows are fine)."""
    from .errors import TrackingError

    grid = read_grid(path, "Pairs")
    if grid.sheet.casefold() != "pairs":
        raise TrackingError("this workbook has no 'Pairs' sheet, so it is not a pairs workbook "
                            "written by 'wessex pair'.", "Give the pairs workbook (pairs.xlsx).",
                            file=path)
    header_index = None
    for index, row in enumerate(grid.rows[:20]):
        keys = {header_key(cell_text(c)) for c in row}
        if header_key("A email") in keys and header_key("B email") in keys:
            header_index = index
            break
    if header_index is None:
        raise TrackingError("the Pairs sheet has no header row with 'A email' and 'B email'.",
                            "Restore the header row as 'wessex pair' wrote it.", file=path,
                            sheet="Pairs", cell="A1")
    headers = [cell_text(c) for c in grid.rows[header_index]]
    lookup = {header_key(h): n for n, h in enumerate(headers) if h}
    cleaned: dict[int, list[str]] = {}  # row number -> warnings from the reader
    for cell, message in grid.warnings:
        number = int("".join(ch for ch in cell if ch.isdigit()) or 0)
        cleaned.setdefault(number, []).append(f"{grid.sheet}!{cell}: {message}" if cell
                                              else message)
    rows = []
    for index in range(header_index + 1, len(grid.rows)):
        raw = grid.rows[index]
        values = {h: (raw[n] if n < len(raw) else None) for n, h in enumerate(headers) if h}
        if not any(cell_text(v) for v in values.values()):
            continue

        notes = list(cleaned.get(index + 1, []))

        def person(letter: str, raw: list[Any] = raw, row: int = index,
                   notes: list[str] = notes) -> dict[str, str]:
            found = {}
            for fld in PERSON_FIELDS:
                col = lookup.get(header_key(f"{letter} {fld}"))
                found[fld] = cell_text(raw[col]) if col is not None and col < len(raw) else ""
                if fld == "email" and found[fld] and col is not None:
                    found[fld] = address_from_cell(found[fld])
                    why = email_problem(found[fld])
                    if why:
                        notes.append(f"{grid.sheet}!{cell_ref(row, col)}: '{found[fld]}' is not "
                                     f"a valid e-mail address ({why.rstrip('.')}); correct it "
                                     "before sending anything to this person.")
            return found

        id_col = lookup.get(header_key(ID_COLUMN))
        pair_id = cell_text(raw[id_col]) if id_col is not None and id_col < len(raw) else ""
        rows.append(PairRow(index + 1, pair_id, person("A"), person("B"), values, notes))
    return rows, headers


GENERATED = set(PAIRS_HEADERS) - set(TRACKING_COLUMNS)


def kept_pairs(path: Path) -> list[KeptPair]:
    """The pairs of an earlier workbook with every column the administrator may have typed."""
    rows, headers = read_pair_rows(path)
    kept = []
    for row in rows:
        if not row.a["email"] or not row.b["email"]:
            continue
        tracking = tuple((h, _plain(row.values.get(h))) for h in headers
                         if h and h not in GENERATED and row.values.get(h) not in (None, ""))
        kept.append(KeptPair(email_key(row.a["email"]), email_key(row.b["email"]),
                             row.pair_id, tracking))
    return kept


def _plain(value: Any) -> Any:
    """Keep dates as dates and numbers as numbers when they are carried into a new workbook."""
    if isinstance(value, dt.datetime) and not value.time():
        return value.date()
    return value
