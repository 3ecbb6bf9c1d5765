"""The pairs workbook: the scheme's running record from pairing to the end.

Sheets: ``Pairs`` (one row per pair, both people, score, reasons, and the tracking columns
the administrator fills in), ``Unpaired``, ``Summary`` and ``Settings``, and, once someone
withdraws, ``Withdrawn``. The columns are fixed here once (the schema below), so that
writing (``wessex pair``, with xlsxwriter), reading back (``read_pairs_workbook``, with
calamine, into the ``model`` classes) and editing in place (``record``, with openpyxl
through ``workbook_edit``) agree on every column and find the header row the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .model import (
    AGREEMENT_ENDED,
    HALVES,
    PERSON_FIELDS,
    PairRecord,
    PairsWorkbook,
    Person,
    Withdrawn,
    copied_rows,
    how_paired_text,
    pair_number,
    standard_id,
)
from .spreadsheet import (
    FORMULA_ERROR,
    HEADER_SCAN_ROWS,
    UNCALCULATED,
    Cell,
    Grid,
    cell_lines,
    cell_ref,
    cell_text,
    collector_paused,
    find_header_row,
    read_every_grid,
    read_grid,
    read_grids,
    same_sheet,
)
from .text import (
    address_from_cell,
    and_list,
    clean_cell,
    email_key,
    figure_or_text,
    first_columns,
    first_few,
    header_key,
    person_key,
    plural,
)

if TYPE_CHECKING:
    from .check import LeftOut
    from .pairing import Pair, PairingResult
    from .roster import Roster, Volunteer
    from .scheme import Scheme
    from .xlsx_out import SheetSpec, Value

# ---------------------------------------------------------------- the schema
# Every reader and writer of a pairs workbook takes its columns from here: the writer
# below (xlsxwriter), the reader below (calamine) and the editor in ``record`` (openpyxl,
# through ``workbook_edit``).

VISIT_COLUMNS = (("A hosts B: date", "A hosts B: done"), ("B hosts A: date", "B hosts A: done"))
REFLECTION_COLUMNS = ("Reflection from A", "Reflection from B")
TRACKING_COLUMNS = (*VISIT_COLUMNS[0], *VISIT_COLUMNS[1], *REFLECTION_COLUMNS, "Notes")
ID_COLUMN = "Pair"
WITHDRAWN_HEADERS = ["Withdrawn person", "Reason", "Date withdrawn", "Withdrew from"]
# After why each person was not paired, the rest of what the volunteer workbook said of
# them, so that 'init --from' can carry them into next year as fully as the paired: their
# other details, their notes, then the workbook's own columns (as on the Pairs sheet).
UNPAIRED_HEADERS = ["Name", "Email", "Side", "Profession", "Organisation", "Places unfilled",
                    "Reason", "Phone", "Specialty", "Adjustments", "Notes"]


def person_header(half: str, name: str) -> str:
    """The column holding field ``name`` of the person in half ``half`` ("A" or "B")."""
    return f"{half} {name}"


def person_headers(half: str) -> list[str]:
    """The columns of one half of a Pairs row, in the order they are written."""
    return [person_header(half, f) for f in PERSON_FIELDS]


PAIRS_HEADERS = [ID_COLUMN, *person_headers("A"), *person_headers("B"), "Score", "Reasons",
                 "How paired", *TRACKING_COLUMNS]
_EMAILS = frozenset(header_key(person_header(h, "email")) for h in HALVES)
_KNOWN = frozenset(header_key(h) for h in PAIRS_HEADERS)
# After those, what the volunteer workbook says of each person that wessex only carries:
# "A notes", then "A <title>" for each of its columns wessex does not know, then B's.
NOTES_FIELD = "notes"


def carried_titles(people: Sequence[Person | Volunteer]) -> list[str]:
    """The titles of the volunteer workbook's extra columns these people have, in their
    order, each once (the roster makes them distinct: a second "Parking" is "Parking (2)")."""
    return list(dict.fromkeys(title for person in people for title, _ in person.extra))


def carried_headers(titles: Sequence[str]) -> list[str]:
    """The carried columns of a Pairs sheet for extra columns ``titles``: A's, then B's. A
    title that, prefixed, would read as one of wessex's own columns ("hosts B: date" as
    "A hosts B: date") is marked "(volunteer list)", so that nothing is lost or misread."""
    headers = []
    for half in HALVES:
        headers.append(person_header(half, NOTES_FIELD))
        for title in titles:
            header = person_header(half, title)
            if header_key(header) in _OWN:
                header = f"{header} (volunteer list)"
            headers.append(header)
    return headers


# wessex's own columns of a Pairs row, the carried notes included
_OWN = _KNOWN | {header_key(person_header(half, NOTES_FIELD)) for half in HALVES}
_WITHDRAWN = frozenset(header_key(h) for h in WITHDRAWN_HEADERS)


def pairs_header_score(cells: list[str]) -> int:
    """How much a row looks like the Pairs sheet's header: the known columns it names, or 0
    unless it names both e-mail columns (``spreadsheet.find_header_row``'s score)."""
    keys = {header_key(c) for c in cells if c}
    return len(keys & _KNOWN) if _EMAILS <= keys else 0


def withdrawn_header_score(cells: list[str]) -> int:
    """The same for the Withdrawn sheet: 0 unless the row names 'Withdrawn person'."""
    keys = {header_key(c) for c in cells if c}
    return len(keys & (_KNOWN | _WITHDRAWN)) if header_key("Withdrawn person") in keys else 0


def unpaired_header_score(cells: list[str]) -> int:
    """The same for the Unpaired sheet: 0 unless the row names 'Name' and 'Email'."""
    keys = {header_key(c) for c in cells if c}
    return len(keys & _UNPAIRED) if {"name", "email"} <= keys else 0


_UNPAIRED = frozenset(header_key(h) for h in UNPAIRED_HEADERS)
_SCORES = {"withdrawn": withdrawn_header_score, "unpaired": unpaired_header_score}


def find_pairs_header(rows: Sequence[Sequence[Cell]], sheet: str = "Pairs") -> int | None:
    """The index of the header row of a Pairs (or Withdrawn, or Unpaired) sheet, whatever
    reads it. A sheet whose header is not among the first rows looked at is looked through
    to its end: a sheet of many pairs sorted with its header row has it at the bottom, and
    ``refuse_pairs_above`` then says so, where "no header row" did."""
    score = _SCORES.get(sheet.strip().casefold(), pairs_header_score)
    found = find_header_row(rows, score)
    if found is None and len(rows) > HEADER_SCAN_ROWS:
        found = find_header_row(rows, score, scan=len(rows))
    return found


def refuse_pairs_above(rows: Sequence[Sequence[Cell]], header: int, sheet: str = "Pairs",
                       path: Path | None = None) -> None:
    """Refuse a Pairs (or Withdrawn) sheet with rows of pairs (an address in both e-mail
    columns) above its header row, the index ``header`` of ``rows``: a sheet sorted with its
    header row, whose pairs would be read as titles, and so as deleted."""
    from .errors import TrackingError

    columns = [n for n, value in enumerate(rows[header]) if header_key(cell_text(value))
               in _EMAILS]
    above = [number for number, row in enumerate(rows[:header], start=1)
             if all(n < len(row) and "@" in cell_text(row[n]) for n in columns)]
    if not columns or not above:
        return
    which = f"row {above[0]}" if len(above) == 1 else f"rows {above[0]} to {above[-1]}"
    raise TrackingError(
        f"the header row is below {len(above)} {'row' if len(above) == 1 else 'rows'} of "
        f"pairs ({which}), which would be read as titles above it: the sheet was sorted "
        "with its header row, perhaps.",
        "Put the header row back above the pairs: in Excel, undo the sort (Ctrl+Z), or cut "
        f"row {header + 1} and insert it above row {above[0]}. To sort the pairs, tick 'My "
        "data has headers' in Data > Sort.", file=path, sheet=sheet, cell=cell_ref(header, 0))


CARRIED_SETTING = "Column carried from the volunteer workbook"


HISTORY_SETTING = "History (earlier pairs workbooks)"
# The pairs on the Pairs sheet when wessex last wrote it ('pair', 'pair --keep'; 'withdraw'
# takes out those it moves): a pair on neither the Pairs nor the Withdrawn sheet now had its
# row deleted by hand since
PAIRS_SETTING = "Pairs when wessex last wrote this workbook"
# The IDs of pairs whose rows were deleted by hand and paired past (pair --keep --force):
# on no sheet, so in no list of the pairs written, but in the letters sent, so never given
# to a new pair. The row is written only when there are some.
GONE_SETTING = "Pair IDs of rows deleted, never given again"
# The pairs wessex listed in PAIRS_SETTING that 'withdraw' or a re-pairing moved to the
# Withdrawn sheet since: a row copied back from there (a withdrawal undone by hand) is a
# pair wessex wrote and introduced, not one added by hand. The row is written only when
# there are some; a workbook older than it has none, and reads as before.
MOVED_SETTING = "Pairs moved to the Withdrawn sheet"
INPUT_SETTING = "Input file"
# The pairs whose two people were agreed in advance (the Partner column or --lock) when
# wessex last wrote the workbook: 'locked' when made, 'kept' since, their Reasons begun
# "locked as agreed". Their letters say the two agreed; the record keeps that true when the
# How paired or Reasons cell is typed over or emptied between runs. Written "(none)" when
# there are none (written only when there were some until then): a workbook older than it has
# none, and its letters read the cells alone.
AGREED_SETTING = "Pairs agreed in advance (their letters say so)"
# The pairs typed into the Pairs sheet by hand, marked 'added by hand' by the 'pair --keep'
# that found them and 'kept' by every one since: the administrator chose the two, so their
# letters never say the pairing chose them from everyone's preferences. Written "(none)" when
# there are none, as the list above, so that the row deleted or emptied is warned of
# (``hand_list_gone``); a workbook older than it has the 'added by hand' pairs wessex last
# wrote (``HOW_SETTINGS``), read as such.
HAND_SETTING = "Pairs typed in by hand (their letters say you paired them)"
# What wessex wrote in each pair's How paired cell when it last wrote the workbook, as the
# pairs under each value: a cell copied or filled down over it since ('locked') can be typed
# back as it was (``lock_edits``). The 'optimised' and 'kept' rows are always
# written, the 'added by hand' one only when there are some; a workbook older than them
# has neither, and its warning asks which.
# The pairs made in place of a pair on the Withdrawn sheet, each with the IDs of those it
# replaced ("P031 in place of P003; P040 in place of P010, P012"): once 'pair --keep' has
# kept such a pair ('kept' in its How paired cell), the record of the last pairing no longer
# tells it was new then, and its letters would stop saying the new partner is in the earlier
# one's place. 'pair --keep' writes it of the pairs it keeps or holds, '(none)' when there
# are none but the Withdrawn sheet has a pair, so that a row found missing then was deleted
# (``in_place_list_gone``); with the Withdrawn sheet empty the row is not written.
IN_PLACE_SETTING = "Pairs made in place of a withdrawn pair (their letters say so)"
HOW_SETTINGS = {"optimised": "Pairs the last pairing made (How paired 'optimised')",
                "kept": "Pairs the last pairing kept (How paired 'kept')",
                "added by hand": "Pairs the last pairing found typed in (How paired 'added "
                                 "by hand')"}


def pair_agreed(pair: Pair) -> bool:
    """Whether the pairing wrote ``pair`` as agreed in advance: 'locked' when made, or kept
    since with its Reasons begun "locked as agreed" (``AGREED_SETTING``)."""
    from .pairing import LOCKED_REASON

    return pair.how == "locked" or pair.reasons[:1] == (LOCKED_REASON,)


def agreed_as_recorded(book: PairsWorkbook, pair: PairRecord, pair_id: str = "") -> bool:
    """Whether the Settings sheet of ``book`` lists ``pair`` (under ``pair_id``, else its
    own) as agreed in advance (``AGREED_SETTING``) and its How paired cell does not end that
    (``AGREEMENT_ENDED``): read with each pair, and again for the one whose ID was typed
    over, under the ID 'pair --keep' gives it back (``missing_id_back``)."""
    return (pair_id or pair.pair_id) in book.agreed and \
        pair.how_paired() not in AGREEMENT_ENDED


def setting_values(rows: Sequence[Sequence[Cell]], title: str) -> list[str]:
    """What the Settings sheet (its rows) gives under ``title``, one value a row, in order
    (a setting such as the history may take several rows)."""
    wanted = header_key(title)
    return [text for row in rows if len(row) > 1 and header_key(cell_text(row[0])) == wanted
            and (text := cell_text(row[1]))]


def carried_setting(rows: Sequence[Sequence[Cell]]) -> frozenset[str]:
    """The columns the Settings sheet (its rows) says came from the volunteer workbook, as
    ``header_key`` of their titles without "A " or "B "."""
    return frozenset(header_key(text) for text in setting_values(rows, CARRIED_SETTING))


def recorded_files(path: Path, title: str) -> list[tuple[str, Path]]:
    """The files the Settings sheet of ``path`` records under ``title`` (the history, the
    input file): each as written there, a path from the workbook's folder (``path_beside``
    wrote it), and where that puts it."""
    return [(entry, path.parent / entry) for entry in
            setting_values(read_grid(path, "Settings", only=True).rows, title)
            if entry != "(none)"]


def path_beside(earlier: Path, written: Path | None) -> str:
    """``earlier`` as a path from the folder of the workbook ``written`` ("../2027/pairs.xlsx"),
    so that 'pair --keep' finds it again wherever the two folders are moved together; its
    whole path where there is none (another drive on Windows)."""
    if written is None:
        return earlier.name
    return path_from(earlier, written.resolve().parent)


def path_from(path: Path, folder: Path) -> str:
    """``path`` as typed from ``folder`` ("../2027/pairs.xlsx"), with forward slashes, which
    every system reads; its whole path when there is no way from one to the other (another
    drive on Windows)."""
    import os

    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:
        return str(path.resolve())


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, recorded in the Settings sheet so that the pairs can be
    traced to the exact volunteer workbook they came from."""
    import hashlib  # a tracking command, which reads the workbook only, never loads it

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _person_values(person: Volunteer, scheme: Scheme) -> list[Any]:
    """The person columns of one half of a row, as the volunteer workbook gave them; the
    side as its drop-down offers it ("Primary care"), which ``side_key`` reads back."""
    return [scheme.side_label(person.side) if f == "side" else getattr(person, f)
            for f in PERSON_FIELDS]


# The Summary sheet's rows naming the label of each side, in scheme.toml's order
SIDE_ROWS = ("A side", "B side")


def side_labels(summary: Grid) -> tuple[str, ...]:
    """The label of each side as the Summary sheet's "A side" and "B side" rows give it
    ("" for a row not there): the labels the workbook's Side cells were written with."""
    found = {header_key(cell_text(row[0])): cell_text(row[1])
             for row in summary.rows if len(row) > 1} if summary.is_sheet("Summary") else {}
    return tuple(found.get(header_key(title), "") for title in SIDE_ROWS)


def side_key(text: str, labels: Sequence[str] = ()) -> str:
    """The side a Side cell of the pairs workbook names, as its key ("primary"): the label
    wessex writes there ("Primary care"), the workbook's own label of it (``labels``, from
    its Summary sheet, ``side_labels``), or the key itself, as workbooks written before the
    labels hold; text that names no side is kept as typed."""
    wanted = header_key(text)
    if not wanted:
        return text
    keys, _, names = _side_names()
    for key, label in zip(keys, labels, strict=False):  # the workbook's own labels first
        if label and header_key(label) == wanted:
            return key
    return names.get(wanted, text)


@lru_cache(maxsize=1)
def _side_names() -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """The two sides' keys, in scheme.toml's order (always these two; their labels may
    differ), their default labels, and each side by its key, default label and common words,
    folded."""
    from .scheme import SIDE_WORDS, Scheme

    sides = Scheme().sides
    return tuple(side.key for side in sides), tuple(side.label for side in sides), {
        name: side.key for side in sides
        for name in (header_key(side.key), header_key(side.label), *SIDE_WORDS.get(side.key, ()))}


def carried_values(person: Person | Volunteer, titles: Sequence[str]
                   ) -> list[str | int | float]:
    """The person's notes and extra columns, as typed (a plain figure as a number, as the
    volunteer workbook's cell most likely held it), under ``carried_headers(titles)``."""
    typed = dict(person.extra)
    return [person.notes, *[figure_or_text(typed.get(title, "")) for title in titles]]


def _tracking_validation(title: str) -> dict[str, Any]:
    """The tracking cell's drop-down or date check, with the note Excel shows when the cell
    is selected: how wessex will read what is typed there. Only a warning: the cell keeps
    whatever is typed, and the readers say what they could not use."""
    if title.endswith("date"):
        return {"validate": "date", "criteria": ">", "value": dt.date(2000, 1, 1),
                "error_type": "information", "input_title": "Date of the half day",
                "input_message": "A date such as 4/5/2027 (day first). Until the done "
                                 "cell says yes, it counts as planned."}
    if "Reflection" in title:
        return {"validate": "list", "source": ["yes", "no"], "error_type": "information",
                "input_title": "Reflection received?",
                "input_message": "yes once their written reflection has come in."}
    return {"validate": "list", "source": ["yes", "no"], "error_type": "information",
            "input_title": "Did the half day happen?",
            "input_message": "yes once it has taken place; a date still to come stays "
                             "planned until then."}


def write_pairs_workbook(path: Path, result: PairingResult, source: Path, *,
                         left_out: Sequence[LeftOut] = (), history: Sequence[Path] = ()) -> None:
    """Write a new pairs workbook atomically (the caller has checked it may be replaced).

    A re-pairing (``pair --keep``) does not rewrite the kept workbook with this: it brings
    the same sheets into the kept one (``record.carry_pairing``), keeping the rest.
    """
    from .xlsx_out import write_workbook

    write_workbook(path, pairs_workbook_sheets(result, source, left_out=left_out,
                                               history=history, written=path))


def pairs_workbook_sheets(result: PairingResult, source: Path, *,
                          left_out: Sequence[LeftOut] = (),
                          history: Sequence[Path] = (),
                          written: Path | None = None,
                          gone: Collection[str] = (),
                          moved: Collection[str] = (),
                          held: Collection[str] = (),
                          held_how: Mapping[str, str] | None = None,
                          held_agreed: Collection[str] = (),
                          moved_agreed: Collection[str] = (),
                          hand: Collection[str] = (),
                          in_place: Mapping[str, Collection[str]] | None = None
                          ) -> list[SheetSpec]:
    """The sheets of a pairs workbook for ``result``: Pairs, Unpaired, Summary, Settings.

    ``left_out`` (``--skip-errors``) are listed on the Unpaired sheet with their row's
    errors; ``history`` (``--history``) is named on the Settings sheet with the weights, so
    that the workbook says how its pairs were made; ``gone``: the IDs of pairs deleted by
    hand that no pair is to take (``GONE_SETTING``); ``moved``: the IDs of pairs wessex
    wrote that are on the Withdrawn sheet now or were (``MOVED_SETTING``); ``held``: the IDs
    of pairs held as they stand (``--skip-errors``) that wessex wrote, listed with the pairs
    (their rows are still on the Pairs sheet, none typed in by hand); ``held_how``: what the
    How paired cell of each of them holds as wessex wrote it (``held_how_paired``), recorded
    with the pairs this run wrote so, since their cells are left as they were;
    ``held_agreed``: those of them agreed in advance (``AGREED_SETTING``); ``moved_agreed``:
    those of the ``moved`` agreed in advance when they went, still listed so, so that a row
    copied back (the withdrawal undone) is introduced as agreed whatever its cells say;
    ``hand``: the pairs the Settings sheet records as typed in by hand (``HAND_SETTING``),
    listed so again when held or moved, as the pairs of this run typed in are;
    ``in_place``: pair ID -> the IDs of the Withdrawn sheet's pairs it was made in place of
    (``IN_PLACE_SETTING``: ``in_place_record``), for the pairs kept or held; its row is
    written ("(none)" for none) unless it is None.
    """
    from .xlsx_out import SheetSpec

    scheme = result.scheme
    untracked = [None] * len(TRACKING_COLUMNS)  # the administrator fills these in
    # the roster's own columns, even when every pair is held or kept and none is new
    titles = result.extra_columns or \
        carried_titles([p for pair in result.pairs for p in (pair.a, pair.b)])
    rows = [[pair.pair_id, *_person_values(pair.a, scheme), *_person_values(pair.b, scheme),
             pair.score,
             "; ".join(pair.reasons), pair.how, *untracked,
             *carried_values(pair.a, titles), *carried_values(pair.b, titles)]
            for pair in result.pairs]
    reasons_col = PAIRS_HEADERS.index("Reasons")
    widths = {reasons_col: 70.0}
    for title in TRACKING_COLUMNS:
        widths[PAIRS_HEADERS.index(title)] = 16.0
    date_cols = frozenset(PAIRS_HEADERS.index(t) for t in TRACKING_COLUMNS if t.endswith("date"))
    carried = carried_headers(titles)
    pairs_sheet = SheetSpec("Pairs", PAIRS_HEADERS + carried, rows, widths=widths,
                            wrap_columns=frozenset({reasons_col}), date_columns=date_cols,
                            validations=[(PAIRS_HEADERS.index(t), _tracking_validation(t))
                                         for t in TRACKING_COLUMNS if t != "Notes"])
    unpaired_rows: list[list[Value]] = [
        [u.person.name, u.person.email, scheme.side_label(u.person.side), u.person.profession,
         u.person.organisation, u.places, u.reason, u.person.phone, u.person.specialty,
         u.person.adjustments, *carried_values(u.person, titles)] for u in result.unpaired]
    unpaired_rows += [[p.name, p.email, scheme.side_label(p.side), p.profession,
                       p.organisation, None,
                       p.unpaired_reason] for p in left_out]
    # the carried titles as the Pairs sheet has them, without "A " (the Settings sheet
    # lists them so)
    extra_headers = [header[len("A "):] for header in carried[1:len(titles) + 1]]
    unpaired = SheetSpec("Unpaired", UNPAIRED_HEADERS + extra_headers, unpaired_rows,
                         widths={6: 80.0}, wrap_columns=frozenset({6}))
    from .pairing import HELD_LEFT_OUT

    summary = result.summary()
    # as the terminal says it: a held pair's preferences and score are not this run's, nor
    # counted in the bound (the kept and locked pairs' scores and the best of the rest)
    held_said = f" {HELD_LEFT_OUT}" if result.held else ""
    summary_rows: list[list[Any]] = [
        ["Scheme", scheme.name],
        ["Volunteers in the workbook", summary["volunteers"]],
        ["Active volunteers", summary["active"]],
        ["Pairs", summary["pairs"]],
        ["People paired", summary["paired"]],
        ["People unpaired", summary["unpaired"]],
        [f"Paired people with a preference met{held_said}", result.preference_met],
        [f"Total score{held_said}", summary["score"]],
        [f"Upper bound on the total score{held_said}", result.upper_bound],
        ["A side", scheme.sides[0].label],
        ["B side", scheme.sides[1].label],
    ]
    settings_rows: list[list[Any]] = [
        ["Seed", result.seed],
        ["Weights: person choices", ", ".join(map(str, scheme.weights.person))],
        ["Weights: specialty or organisation choices", ", ".join(map(str, scheme.weights.topic))],
        ["Weights: same cluster", scheme.weights.cluster],
        ["Weights: an organisation not visited before (year two)",
         scheme.weights.new_organisation],
        *([[HISTORY_SETTING, path_beside(earlier, written)] for earlier in history] or
          [[HISTORY_SETTING, "(none)"]]),
        [INPUT_SETTING, path_beside(source, written)],  # from this workbook's folder
        ["Input SHA-256", file_sha256(source)],
        ["wessex version", __version__],
        # from this workbook's folder, as the input: which scheme.toml, not only its name
        ["Scheme file", path_beside(scheme.source, written) if scheme.source else "(defaults)"],
        # an ID of the administrator's own too ('X3'), kept: its row is no row typed over
        # since, which a pair deleted by hand might be (``missing_id_back``)
        [PAIRS_SETTING, id_ranges([*(pair.pair_id for pair in result.pairs), *held])],
        # which "A ..." and "B ..." columns are the volunteer workbook's, not the administrator's
        *[[CARRIED_SETTING, header[len("A "):]] for header in carried[1:len(titles) + 1]],
        *([[GONE_SETTING, id_ranges(sorted(gone))]] if gone else []),
        *([[MOVED_SETTING, id_ranges(sorted(moved))]] if moved else []),
        # "(none)" when none: a workbook without the row has had it deleted (``agreed_list_gone``)
        [AGREED_SETTING, id_ranges(sorted([
            *(pair.pair_id for pair in result.pairs if pair_agreed(pair)),
            *(pair_id for pair_id in held if pair_id in held_agreed),
            *(pair_id for pair_id in moved if pair_id in moved_agreed)]))],
        # "(none)" when none, as the list above (``hand_list_gone``)
        [HAND_SETTING, id_ranges(sorted([
            *(pair.pair_id for pair in result.pairs if pair.by_hand),
            *(pair_id for pair_id in [*held, *moved] if pair_id in hand)]))],
        *([[title, id_ranges(ids)] for how, title in HOW_SETTINGS.items()
           if (ids := [*(pair.pair_id for pair in result.pairs if pair.how == how),
                       *(pair_id for pair_id, was in (held_how or {}).items() if was == how)])
           or how in ("optimised", "kept")]),
        # below those rows: a list cleared above them is found just above the 'optimised' row
        *([[IN_PLACE_SETTING, in_place_text(in_place) or "(none)"]]
          if in_place is not None else []),
    ]
    return [
        pairs_sheet, unpaired,
        SheetSpec("Summary", ["Item", "Value"], summary_rows, widths={0: 38.0, 1: 50.0}),
        SheetSpec("Settings", ["Setting", "Value"], settings_rows, widths={0: 42.0, 1: 70.0}),
    ]


def leave_out_withdrawn(roster: Roster, withdrawals: list[Withdrawn],
                        source: Path) -> tuple[Roster, list[str]]:
    """The roster with everyone who withdrew from the scheme (Withdrawn sheet of ``source``)
    made inactive, even if the volunteer workbook still says active; and a line for each."""
    from dataclasses import replace

    gone = {w.key: w for w in withdrawals if w.whole_scheme and w.key}
    # an address corrected in the volunteer workbook since: the one volunteer of that name
    # (as 'pair --keep' finds a kept pair's), so someone who left is not paired afresh
    keys = roster.by_key()
    readdressed: set[str] = set()
    for w in withdrawals:
        found = [v.key for v in roster.find(w.person)] if w.person and "@" not in w.person \
            else []
        if w.whole_scheme and w.key not in keys and len(found) == 1 and found[0] not in gone:
            gone[found[0]] = w
            readdressed.add(found[0])
    notes, people = [], []
    for volunteer in roster.volunteers:
        left = gone.get(volunteer.key)
        if left and volunteer.active:
            other = f", as {left.key}: the same name" if volunteer.key in readdressed else ""
            # someone who left two pairs has a row for each: one deleted, the other still
            # keeps them out
            ids = sorted(w.pair_id for w in withdrawals if w.whole_scheme and w.key == left.key)
            rows = "that row" if len(ids) < 2 else \
                f"{'both' if len(ids) == 2 else f'all {len(ids)} of'} their rows"
            which = f" (pairs {and_list(ids)})" if len(ids) > 1 and all(ids) else ""
            notes.append(f"{volunteer.name} withdrew on {left.said_when} ({source.name}, Withdrawn "
                         f"sheet{other}); left out. To pair them again, delete {rows} of the "
                         f"Withdrawn sheet{which}.")
            volunteer = replace(volunteer, active=False, status="withdrawn")
        people.append(volunteer)
    return replace(roster, volunteers=people, _index=None), notes


# ---------------------------------------------------------------- the reader

def read_pairs_workbook(path: Path, *, now: dt.date | None = None, year: int | None = None,
                        side_sheets: bool = True, every_sheet: bool = False,
                        unpaired: bool = True) -> PairsWorkbook:
    """The pairs workbook as the model: each Pairs row (located by header, so re-sorted,
    added and titled rows are fine) a :class:`PairRecord` with its visits read.

    ``now`` and ``year`` are as for ``tracking.track``. ``side_sheets``: read the Withdrawn
    sheet too (its pairs, and the withdrawals that ``pair --keep`` respects), and the people
    on the Unpaired sheet, unless not ``unpaired`` (the Withdrawn sheet alone: its pairs
    and their warnings, for 'status'). ``every_sheet``: keep every worksheet as read, in
    the record's ``sheets``, from the same opening (the names anywhere in it, for
    'feedback')."""
    with collector_paused():  # thousands of records, no cycles: see collector_paused
        return _read_pairs_workbook(path, now, year, side_sheets, every_sheet,
                                    side_sheets and unpaired)


def _read_pairs_workbook(path: Path, now: dt.date | None, year: int | None,
                         side_sheets: bool, every_sheet: bool, unpaired: bool
                         ) -> PairsWorkbook:
    from .errors import TrackingError

    # one opening of the workbook for every sheet the record is read from
    titles = ("Pairs", "Settings", "Withdrawn", "Unpaired" if unpaired else "")
    every = None
    if every_sheet:  # each sheet read_grids would give, taken from them all
        every = read_every_grid(path, alongside=_import_record_readers)
        grids = [next((g for g in every if title and same_sheet(g.sheet, title)),
                      Grid(path, "", [])) for title in titles]
    else:
        grids = read_grids(path, titles, alongside=_import_record_readers)
    grid, settings_grid, withdrawn_grid, unpaired_grid = grids
    if not grid.is_sheet("Pairs"):
        raise TrackingError("this workbook has no 'Pairs' sheet, so it is not a pairs workbook "
                            "written by 'wessex pair'.", "Give the pairs workbook (pairs.xlsx).",
                            file=path)
    header_index = find_pairs_header(grid.rows)
    if header_index is None:
        raise TrackingError("the Pairs sheet has no header row with 'A email' and 'B email'.",
                            "Restore the header row as 'wessex pair' wrote it.", file=path,
                            sheet="Pairs", cell="A1")
    refuse_pairs_above(grid.rows, header_index, path=path)
    # read once: the columns carried from the volunteer workbook, and the pairs last written
    settings = settings_grid.rows
    carried = carried_setting(settings)
    headers, pairs, skipped = _pair_records(grid, header_index, now, year, True, carried)
    book = PairsWorkbook(path, headers, pairs, warnings=skipped, sheets=every)
    # the workbook paired from, which warnings below name in the command to run
    book.paired_from = [entry for entry in setting_values(settings, INPUT_SETTING)
                        if entry != "(none)"]
    if side_sheets:
        book.withdrawn, book.withdrawals = withdrawn_rows(withdrawn_grid, lambda _: carried,
                                                          now, year, book.withdrawn_unread)
        book.unpaired = unpaired_rows(unpaired_grid, carried) if unpaired else []
    # the Withdrawn sheet's pairs, made into records once for every use below
    withdrawn = book.withdrawn if side_sheets else withdrawn_rows(withdrawn_grid)[0]
    # an ID of the administrator's own is read in the list where a pair holds it now
    known = {p.pair_id for p in [*book.pairs, *withdrawn]
             if p.pair_id and pair_number(p.pair_id) is None}
    written, book.unread_list = written_pairs(settings, known)
    if setting_values(settings, PAIRS_SETTING) and not book.unread_list:
        book.listed = frozenset(written)
    book.warnings += book.unread_list
    book.warnings += [f"{shared}. The letters and 'wessex pair --keep' know a pair by its ID, "
                      f"so these rows would be taken as one pair. {OWN_ID_FIX}"
                      for shared in rows_sharing_an_id(book)]
    moved, book.unread_moved = moved_pairs(settings, known)
    book.moved = frozenset(moved)
    book.moved_emptied = _moved_emptied(settings, withdrawn)
    book.warnings += book.unread_moved + book.moved_emptied
    book.on_both_sheets = rows_sharing_an_id_with_withdrawn(book, withdrawn, withdrawn_grid)
    book.warnings += book.on_both_sheets
    book.deleted = _pairs_deleted(book, written, withdrawn)
    book.moved_deleted = _moved_deleted(book, withdrawn)
    book.warnings += moved_deleted_warnings(book)
    book.gone = sorted(_ids_in(", ".join(setting_values(settings, GONE_SETTING)))[0])
    book.how_written, book.unread_how = _how_written(settings, known)
    book.how_rows_lost, book.moved_row_lost = _rows_lost(book, settings, withdrawn)
    agreed, unread_agreed = _listed_ids(settings, AGREED_SETTING, known, "the pairs agreed in "
                                        "advance, whose letters say so")
    book.unread_how += unread_agreed
    book.agreed = frozenset(agreed)
    book.agreed_written = bool(setting_values(settings, AGREED_SETTING))
    places = _list_places(settings)
    book.agreed_cell, book.agreed_cleared = places[AGREED_SETTING]
    book.hand_written = bool(setting_values(settings, HAND_SETTING))
    book.hand_cell, book.hand_cleared = places[HAND_SETTING]
    hand, unread_hand = _listed_ids(settings, HAND_SETTING, known, "the pairs typed in by "
                                    "hand, whose letters say you paired them")
    book.unread_how += unread_hand
    book.hand = frozenset(hand) | {pair_id for pair_id, how in (book.how_written or {}).items()
                                   if how == "added by hand"}
    for pair in book.pairs:  # read with the pair, as its letters and 'pair --keep' ask it
        pair.agreed_recorded = agreed_as_recorded(book, pair)
        pair.hand_recorded = pair.pair_id in book.hand
    in_place, unread_in_place = _in_place_read(settings, known)
    book.in_place_written = bool(setting_values(settings, IN_PLACE_SETTING))
    book.in_place_cell = next((f"Settings!{cell_ref(number, 1)}" for number, row in
                               enumerate(settings) if row and header_key(cell_text(row[0])) ==
                               header_key(IN_PLACE_SETTING)), "")
    book.unread_how += unread_in_place
    for pair in book.pairs:  # whom it was made in place of, when 'pair --keep' recorded it
        pair.in_place_of = in_place.get(pair.pair_id)
    for pair in book.withdrawn:  # whether a new pair may be in its place, for the letters
        pair.ended_before_pairing = ended_before_pairing(book, pair)
    replaced = {ended for ids in in_place.values() for ended in ids}
    if not book.in_place_written:  # the record lost: a pair kept most likely replaced them
        replaced |= {ended for ids in likely_in_place(book)[0].values() for ended in ids}
    for pair in book.withdrawn:  # and whether one made since is (only the first is)
        pair.replaced = pair.pair_id in replaced
    book.withdrawn_id_emptied = withdrawn_id_emptied(book, withdrawn, withdrawn_grid, in_place)
    book.warnings += book.withdrawn_id_emptied
    book.warnings += book.unread_how
    if book.unread_list and not written:  # the list typed over: nothing is found missing
        book.unknown_ids = _ids_unknown(book, withdrawn, settings)
        book.warnings += book.unknown_ids
    if book.deleted:
        book.renamed = [p.row for p in book.pairs
                        if p.pair_id not in written and p.pair_id not in book.moved]
        book.unnamed_withdrawn = [p.row for p in withdrawn if not p.pair_id]
        found = _one_for_one(book)
        if found is None:
            warning = deleted_warning(book.deleted, path, book.renamed, book.unnamed_withdrawn)
        elif pair_number(found[0].pair_id) is None:  # blank, or an ID of the administrator's
            warning = _id_back_warning(book, *found)  # (``missing_id_back``)
            # read as the pair 'pair --keep' takes it for, its letters too, until given back
            found[0].agreed_recorded = agreed_as_recorded(book, *found)
            found[0].hand_recorded = found[1] in book.hand
        else:  # written as wessex writes them ('P003'): most likely typed over the one given
            warning = _retyped_warning(book, *found)
        book.warnings.append(warning)
    _sides_as_labelled(book, withdrawn, every)
    return book


def _sides_as_labelled(book: PairsWorkbook, withdrawn: list[PairRecord],
                       every: list[Grid] | None) -> None:
    """Read again, by the labels the Summary sheet gives the sides (``side_labels``), the
    Side cells of ``book``'s pairs, the ``withdrawn`` ones and its unpaired people that name
    no side by its key, default label or common words: a scheme's own labels ("GP
    surgeries"). The Summary sheet is read only then (from ``every`` when read already)."""
    from dataclasses import replace

    keys, defaults, _ = _side_names()
    pairs = [*book.pairs, *withdrawn]
    if not any(someone.side and someone.side not in keys
               for someone in [*(p for pair in pairs for p in pair.people), *book.unpaired]):
        return
    summary = next((grid for grid in every if same_sheet(grid.sheet, "Summary")),
                   Grid(book.path, "", [])) if every is not None else \
        read_grid(book.path, "Summary", only=True)
    labels = side_labels(summary)
    if any(labels):
        for pair in pairs:
            pair.a, pair.b = (replace(p, side=side_key(p.side, labels)) for p in pair.people)
        book.unpaired = [replace(p, side=side_key(p.side, labels)) for p in book.unpaired]
    # a Pairs sheet Side cell naming neither side (a label mistyped): status would count a
    # side of that name
    columns = first_columns(book.headers)
    names = [label or default for label, default in
             zip([*labels, "", ""], defaults, strict=False)]

    def mistyped(where: str, what_follows: str) -> str:
        from .sources import volunteers_argument

        return (f"{where} names neither side ('{names[0]}' or '{names[1]}'): {what_follows}. "
                "Type the side's name there as the Summary sheet gives it, or run 'wessex pair "
                f"{volunteers_argument(book.path, book.paired_from)} --keep {book.path.name}', "
                "which writes it "
                "again from the volunteer workbook.")

    for pair in book.pairs:
        for letter, person in zip("AB", pair.people, strict=True):
            column = columns.get(header_key(f"{letter} side"))
            if person.side and person.side not in keys and column is not None:
                book.warnings.append(mistyped(
                    f"Pairs!{cell_ref(pair.row - 1, column)} says '{person.side}', which",
                    f"{person.name} is taken to be on neither side, so status counts a side "
                    "of that name and their letters are written as for neither side (those of "
                    f"someone on the {names[0]} side leave out the patient notice)"))
    for person in book.unpaired:  # counted by side in the report, as a side of its own
        if person.side and person.side not in keys:
            row = re.sub(r"^.*![A-Z]+", "", person.email_cell)
            where = f"The Side cell of row {row} of the Unpaired sheet" if row else \
                f"The Side cell of {person.name}'s row of the Unpaired sheet"
            book.warnings.append(mistyped(
                f"{where} says '{person.side}', which",
                f"the report counts {person.name} on a side of that name"))


WESSEX_SHEETS = ("Pairs", "Withdrawn", "Unpaired", "Summary", "Settings")


def administrators_sheets(path: Path) -> list[str]:
    """The titles of the sheets of the pairs workbook ``path`` that are not wessex's own."""
    from .inspection import inspect_input

    return [sheet.title for sheet in inspect_input(path).sheets.values() if sheet.title and
            not any(same_sheet(sheet.title, ours) for ours in WESSEX_SHEETS)]


def administrators_grids(path: Path) -> list[tuple[str, Grid]]:
    """The administrator's own sheets of the pairs workbook ``path`` (title, grid), read in
    one opening."""
    titles = administrators_sheets(path)
    return list(zip(titles, read_grids(path, titles), strict=True))


def id_ranges(ids: Sequence[str]) -> str:
    """Pair IDs as the Settings sheet lists them: runs of numbers as one ("P001-P030, P032"),
    any other ID as it is; "(none)" for none."""
    numbers = sorted(n for i in ids if (n := pair_number(i)) is not None)
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    written = [f"P{a:03d}" if a == b else f"P{a:03d}-P{b:03d}" for a, b in runs]
    return ", ".join(written + sorted(i for i in ids if pair_number(i) is None)) or "(none)"


_MOST_IDS = 200_000  # more pairs than any sheet the inspection lets through could hold


def _ids_in(text: str, room: int = _MOST_IDS, known: Collection[str] = ()
            ) -> tuple[set[str], list[str]]:
    """The pair IDs in a cell of the Settings sheet's list, read only where shaped as
    ``id_ranges`` writes them ("P007", "P001-P030"; "(none)" for none), ``known`` (IDs of
    the administrator's own that pairs hold, "X3") or shaped like such an ID (one held by no
    pair now, its row deleted: ``_shaped_like_id``), at most ``room``; and the parts of the
    cell that are not (text typed there, or a run longer than any workbook could hold),
    which are no IDs."""
    found: set[str] = set()
    other = []
    for part in (p.strip() for p in text.split(",")):
        run = re.fullmatch(r"[Pp]([0-9]{1,9})-[Pp]([0-9]{1,9})", part)  # 'p001-p030' too
        if run and 0 <= int(run[2]) - int(run[1]) < room - len(found):
            found |= {f"P{n:03d}" for n in range(int(run[1]), int(run[2]) + 1)}
        elif (pair_number(part) is not None or part in known or
              (not run and _shaped_like_id(part, known))) and len(found) < room:
            found.add(standard_id(part))
        elif part and part != "(none)":
            other.append(part)
    return found, other


# a version typed beside the list ('v2', 'Rev3', 'draft2', 'v2.1'): its letters, else None
_VERSION = re.compile(r"(v|ver|version|rev|revision|draft)[-_.]?[0-9]+(?:\.[0-9]+)*",
                      re.IGNORECASE)


def _shaped_like_id(part: str, known: Collection[str] = ()) -> bool:
    """Whether a part of the Settings list is shaped like an ID of the administrator's own
    ('X3', 'CW-12'): one word of letters and figures, both; not a word, a sentence or a
    date typed beside the IDs ('note', 'checked by Sam', '1/6/2027'), nor a run of wessex's
    IDs written otherwise than it writes them ('P001–P030', an en dash), nor a version
    ('v2', 'Rev3', 'draft2') unless a pair holds an ID with its letters now (``known``:
    'V1', so 'V2' was one too), as a note typed there is most often."""
    version = _VERSION.fullmatch(part)
    if version and not any(re.match(rf"{version[1]}[-_.]?[0-9]", other, re.IGNORECASE)
                           for other in known):
        return False
    return len(part) <= 20 and not any(c.isspace() for c in part) and \
        any(c.isdigit() for c in part) and any(c.isalpha() for c in part) and \
        len(re.findall(r"[Pp][0-9]", part)) < 2


def written_pairs(rows: Sequence[Sequence[Cell]], known: Collection[str] = ()
                  ) -> tuple[set[str], list[str]]:
    """The pairs the Settings sheet (its rows) lists as on the Pairs sheet when wessex last
    wrote it (``known``: IDs of the administrator's own a pair holds now), and a warning
    naming the cell for anything else typed in that list: a sentence typed over it is no
    pair ID, and read as one it would be a pair deleted."""
    return _listed_ids(rows, PAIRS_SETTING, known, "the pairs on the Pairs sheet when wessex "
                       "last wrote this workbook (written like 'P001-P029, P031'), by which a "
                       "pair row deleted by hand is found")


def moved_pairs(rows: Sequence[Sequence[Cell]], known: Collection[str] = ()
                ) -> tuple[set[str], list[str]]:
    """The pairs the Settings sheet (its rows) lists as moved to the Withdrawn sheet by
    wessex (``MOVED_SETTING``), and a warning naming the cell for anything else typed in
    that list, as ``written_pairs``."""
    return _listed_ids(rows, MOVED_SETTING, known, "the pairs wessex moved to the Withdrawn "
                       "sheet, by which a pair copied back from it is known as a pair wessex "
                       "wrote, not one added by hand")


def _moved_emptied(rows: Sequence[Sequence[Cell]], withdrawn: Sequence[PairRecord]
                   ) -> list[str]:
    """A warning for each Settings row of the pairs wessex moved to the Withdrawn sheet
    (``MOVED_SETTING``) found empty: wessex writes it only with IDs in it, so it was emptied
    by hand, and what it kept is lost with it (a pair copied back is taken as typed in, and
    the ID of a Withdrawn row deleted may be given again). The IDs the Withdrawn sheet
    still holds are named, to type back."""
    wanted = header_key(MOVED_SETTING)
    ids = [pair.pair_id for pair in withdrawn if pair.pair_id]
    there = f"those in the Withdrawn sheet's Pair column ({id_ranges(ids)}) and " if ids else ""
    return [f"Settings!{cell_ref(number, 1)}, the list of the pairs wessex moved to the "
            "Withdrawn sheet, has been emptied. Without it, 'wessex pair --keep' may give a new "
            "pair an ID that letters already sent use, and takes a pair copied back from the "
            "Withdrawn sheet for a new one, to be introduced again. Type back in that cell the "
            f"IDs it held, separated by commas: {there}those of any pair whose row you deleted "
            "from that sheet or copied back to the Pairs sheet (the letters sent name them)."
            for number, row in enumerate(rows)
            if row and header_key(cell_text(row[0])) == wanted and
            cell_text(row[1] if len(row) > 1 else None) in ("", "(none)")]


def _listed_ids(rows: Sequence[Sequence[Cell]], title: str, known: Collection[str],
                what: str) -> tuple[set[str], list[str]]:
    """The IDs in the Settings rows titled ``title`` (read by ``_ids_in``), and a warning
    naming the cell for anything else typed there, which is not read in the list of
    ``what``."""
    wanted = header_key(title)
    found: set[str] = set()
    said = []
    for number, row in enumerate(rows):
        if len(row) > 1 and header_key(cell_text(row[0])) == wanted:
            ids, other = _ids_in(cell_text(row[1]), _MOST_IDS - len(found), known)
            found |= ids
            if other:
                listed = ", ".join(f"'{part}'" for part in other)
                one = len(other) == 1
                said.append(f"Settings!{cell_ref(number, 1)}: {listed} "
                            f"{'is not a pair ID' if one else 'are not pair IDs'}, so "
                            f"{'it is' if one else 'they are'} not read in the list of {what}. "
                            "Keep your own text in column C of that row: 'wessex pair --keep' "
                            "writes this cell afresh.")
    return found, said


def _list_places(rows: Sequence[Sequence[Cell]]) -> dict[str, tuple[str, bool]]:
    """Where the Settings sheet (its rows) holds the list of the pairs agreed in advance
    (``AGREED_SETTING``) and that of the pairs typed in by hand (``HAND_SETTING``), each: the
    cell of its value ("Settings!B14"), and False; or, no row titled so, the blank row where
    wessex writes it (just above the 'optimised' row of ``HOW_SETTINGS``, the hand list's
    below the agreed one's), and True: the row cleared, title and all; ("", False) for
    neither."""
    titles = [header_key(cell_text(row[0])) if row else "" for row in rows]
    places: dict[str, tuple[str, bool]] = {}
    for title in (AGREED_SETTING, HAND_SETTING):
        if header_key(title) in titles:
            number = titles.index(header_key(title))
            places[title] = f"Settings!{cell_ref(number, 1)}", False
    after = header_key(HOW_SETTINGS["optimised"])
    above = titles.index(after) - 1 if after in titles else -1
    for title in (HAND_SETTING, AGREED_SETTING):  # upwards from the 'optimised' row
        if title in places:
            above = titles.index(header_key(title)) - 1
        elif above >= 1 and not any(cell_text(value) for value in rows[above]):
            places[title] = f"Settings!{cell_ref(above, 1)}", True
            above -= 1
        else:
            places[title] = "", False
            above = -1
    return places


def _how_written(rows: Sequence[Sequence[Cell]], known: Collection[str]
                 ) -> tuple[dict[str, str] | None, list[str]]:
    """Pair ID -> what wessex last wrote in its How paired cell, from the Settings rows
    ``HOW_SETTINGS`` (``known``: IDs of the administrator's own a pair holds now), None for a
    workbook written before them or without one of them; and a warning naming the cell for
    anything else typed in those rows, as ``written_pairs``."""
    if not all(setting_values(rows, HOW_SETTINGS[how]) for how in ("optimised", "kept")):
        # both are always written ('(none)' when empty): without one (deleted or cleared),
        # a pair it named would be taken for one written 'locked', so nothing is read
        return None, []
    written: dict[str, str] = {}
    said: list[str] = []
    for how, title in HOW_SETTINGS.items():
        ids, unread = _listed_ids(rows, title, known, f"the pairs whose How paired cell wessex "
                                  f"last wrote '{how}', by which a cell copied or filled down "
                                  "over it is typed back as it was")
        written.update(dict.fromkeys(ids, how))
        said += unread
    return written, said


def _rows_lost(book: PairsWorkbook, rows: Sequence[Sequence[Cell]],
               withdrawn: Sequence[PairRecord]) -> tuple[list[tuple[str, str]], bool]:
    """The rows of the record of the last pairing (``HOW_SETTINGS``, 'optimised' and 'kept')
    deleted or emptied, each as its title and the cell of its IDs ("" when deleted), and
    whether the row of the pairs moved to the Withdrawn sheet (``MOVED_SETTING``) was deleted
    (a pair wessex wrote is on that sheet, in neither list): ``book.how_rows_lost`` and
    ``book.moved_row_lost``. Only in a workbook that one of those rows or a list written
    with them (``AGREED_SETTING``, ``HAND_SETTING``) shows to be new enough to have them: an
    older one never had them."""
    titles = [header_key(cell_text(row[0])) if row else "" for row in rows]
    how = [HOW_SETTINGS["optimised"], HOW_SETTINGS["kept"]]
    if not any(header_key(title) in titles for title in (*how, AGREED_SETTING, HAND_SETTING)):
        return [], False  # older than the record
    lost = []
    for title in how:
        if not setting_values(rows, title):
            number = titles.index(header_key(title)) if header_key(title) in titles else None
            lost.append((title, "" if number is None else f"Settings!{cell_ref(number, 1)}"))
    moved_lost = header_key(MOVED_SETTING) not in titles and book.listed is not None and \
        any(pair.pair_id and pair.pair_id not in book.listed for pair in withdrawn)
    return lost, moved_lost


def ended_before_pairing(book: PairsWorkbook, pair: PairRecord) -> bool:
    """Whether ``pair``, on the Withdrawn sheet, ended before the last pairing ran (or in
    it). The Settings sheet records what that pairing wrote in the How paired cell of each
    pair then on the Pairs sheet (``HOW_SETTINGS``), every one but a locked pair, and
    'withdraw' leaves that record as it is: a pair moved to the Withdrawn sheet with
    "optimised", "kept" or "added by hand" in that cell, which the record does not name, was
    not on the Pairs sheet when the pairing ran. A locked pair cannot be told so, nor any
    pair of a workbook whose record is older or cannot be read whole."""
    written = book.how_written
    return written is not None and not book.unread_how and bool(pair.pair_id) and \
        pair.pair_id not in written and pair.how_paired() in HOW_SETTINGS


def in_place_text(in_place: Mapping[str, Collection[str]]) -> str:
    """The Settings sheet's record of the pairs made in place of a withdrawn pair
    (``IN_PLACE_SETTING``): "P031 in place of P003; P040 in place of P010, P012"."""
    return "; ".join(f"{pair_id} in place of {id_ranges(sorted(ended))}"
                     for pair_id, ended in sorted(in_place.items(), key=lambda item: (
                         pair_number(item[0]) is None, pair_number(item[0]) or 0, item[0])))


def _in_place_read(rows: Sequence[Sequence[Cell]], known: Collection[str]
                   ) -> tuple[dict[str, frozenset[str]], list[str]]:
    """Pair ID -> the IDs of the Withdrawn sheet's pairs the Settings sheet records it as
    made in place of (``IN_PLACE_SETTING``), and a warning naming the cell for anything
    typed there that is not read so (its letters then leave the sentence out until it is
    put right: ``ended_before_pairing``)."""
    wanted = header_key(IN_PLACE_SETTING)
    found: dict[str, frozenset[str]] = {}
    said = []
    for number, row in enumerate(rows):
        if len(row) < 2 or header_key(cell_text(row[0])) != wanted:
            continue
        other = []
        for part in (p.strip() for p in cell_text(row[1]).split(";")):
            entry = re.fullmatch(r"(\S+)\s+in place of\s+(.+)", part, re.IGNORECASE)
            ids, left = _ids_in(entry[2], known=known) if entry else (set(), [part])
            if entry and ids and not left:
                found[standard_id(entry[1])] = frozenset(ids)
            elif part and part != "(none)":
                other.append(part)
        if other:
            listed = ", ".join(f"'{part}'" for part in other)
            said.append(f"Settings!{cell_ref(number, 1)}: {listed} cannot be read as "
                        "'P031 in place of P003' (a pair, and the IDs of the withdrawn pairs "
                        "it was made in place of), so it is not read in the list of the pairs "
                        "made in place of a withdrawn pair. Type it back as it was, or delete "
                        "what you typed there: a note of your own goes in column C of that "
                        "row.")
    return found, said


def withdrawn_id_emptied(book: PairsWorkbook, withdrawn: Sequence[PairRecord], grid: Grid,
                         in_place: Mapping[str, Collection[str]]) -> list[str]:
    """A warning for each pair of the Withdrawn sheet (``withdrawn``; ``grid``, the sheet as
    read) whose Pair cell is empty while one of its two stayed in the scheme: a pair made for
    them since is known to be in its place only by its ID (``earlier_partners``), so their
    letters leave the sentence saying so out, and 'pair --keep' records nothing of it (nor
    keeps what it recorded). The ID most likely lost is named: one the Settings sheet lists
    as moved to the Withdrawn sheet (``book.moved``) or replaced (``in_place``) that no row
    holds now."""
    unnamed = [(stayed, gone, pair) for stayed, entries in partners_left(withdrawn).items()
               for gone, _, pair in entries if not pair.pair_id]
    if not unnamed:
        return []
    header = find_pairs_header(grid.rows, "Withdrawn")
    titles = [cell_text(c) for c in grid.rows[header]] if header is not None else []
    column = first_columns(titles).get(header_key(ID_COLUMN), 0)
    held = {p.pair_id for p in [*book.pairs, *withdrawn]}
    lost = sorted({*book.moved, *(ended for ids in in_place.values() for ended in ids)} - held,
                  key=lambda i: (pair_number(i) is None, pair_number(i) or 0, i))
    hint = f", most likely {lost[0]}" if len(lost) == 1 else \
        f", most likely one of {and_list(lost)}" if lost else ""
    said = []
    for stayed, gone, pair in unnamed:
        who = next(p for p in pair.people if p.key == stayed)
        left = next((p for p in pair.people if p.key == gone), pair.people[0])
        said.append(
            f"Withdrawn!{cell_ref(pair.row - 1, column)}, the Pair cell of the withdrawn pair "
            f"of {people_of(pair)}, is empty. Without its ID, wessex cannot tell which pair "
            f"took its place: no introduction of {who.name} to a new partner says that the "
            f"new partner is in the place of {left.name}, who withdrew, and 'wessex pair "
            f"--keep' cannot record one. Type the pair's ID back in that cell{hint} (the "
            "letters sent to the two name it).")
    return said


def partners_left(withdrawn: Sequence[PairRecord]
                  ) -> dict[str, list[tuple[str, bool, PairRecord]]]:
    """The people of the Withdrawn sheet's pairs ``withdrawn`` whose partner withdrew (its
    "Withdrawn person" cell names one of the two), by key: for each such pair, the key of
    the partner who withdrew, whether they left the scheme altogether (its "Withdrew from"
    cell does not say "this pair only"), and the pair."""
    found: dict[str, list[tuple[str, bool, PairRecord]]] = {}
    for pair in withdrawn:
        name = person_key(cell_text(pair.value("Withdrawn person")))
        if not name:
            continue
        halves = [n for n, someone in enumerate(pair.people) if person_key(someone.name) == name]
        if len(halves) != 1:
            continue  # nobody named, or both: who stayed cannot be told
        gone, stayed = pair.people[halves[0]], pair.people[1 - halves[0]]
        if stayed.key:
            whole = not cell_text(pair.value("Withdrew from")).casefold().startswith("this pair")
            found.setdefault(stayed.key, []).append((gone.key, whole, pair))
    return found


def earlier_partners(pair: PairRecord, index: int,
                     left: Mapping[str, Sequence[tuple[str, bool, PairRecord]]],
                     new: bool, rivals: Sequence[PairRecord] = ()
                     ) -> list[tuple[str, bool, PairRecord]]:
    """The partners who withdrew from the one at ``index`` of ``pair`` (``left``:
    ``partners_left``) whom ``pair`` is in the place of, as its letter to them says: those
    the Settings sheet records it as made in place of (``PairRecord.in_place_of``); else,
    for a pair the last pairing made (``new``: not kept), those of a pair that ended before
    that pairing (``PairRecord.ended_before_pairing``) that the record names no other pair
    as made in place of (``PairRecord.replaced``: a partner added since is a further one).
    One place is filled once: of the pairs that pairing made for the one who stayed
    (``rivals``: the other pairs of the workbook that pairing made, the Settings sheet
    recording none of them), the first given (``_given_first``) is in it, and any other is a
    further partner. Never its own partner."""
    someone, other = pair.people[index].key, pair.people[1 - index].key
    return [(gone, whole, ended) for gone, whole, ended in left.get(someone, [])
            if gone != other and (ended.pair_id in pair.in_place_of
                                  if pair.in_place_of is not None
                                  else new and ended.ended_before_pairing and
                                  not ended.replaced and
                                  not any(_given_first(rival, pair) and rival.in_place_of is None
                                          and someone in {p.key for p in rival.people} and
                                          gone not in {p.key for p in rival.people}
                                          for rival in rivals))]


def _given_first(one: PairRecord, other: PairRecord) -> bool:
    """Whether the pair ``one``, another row than ``other``, was given before it by the same
    pairing: its pair ID of a lower number ('P004' before 'P005'), one numbered before one
    not, else the row above."""
    def order(pair: PairRecord) -> tuple[bool, int, int]:
        number = pair_number(pair.pair_id)
        return number is None, number or 0, pair.row

    return one is not other and order(one) < order(other)


def in_place_record(book: PairsWorkbook, new: Callable[[PairRecord], bool]
                    ) -> dict[str, set[str]]:
    """What 'pair --keep' records of the pairs of ``book`` it keeps (``IN_PLACE_SETTING``):
    pair ID -> the IDs of the Withdrawn sheet's pairs its letters say it is in the place of
    (``earlier_partners``; ``new``: whether a pair's letters word it as not kept), so that
    they say it still once the pair is kept."""
    left = partners_left(book.withdrawn)
    rivals = [pair for pair in book.pairs if new(pair)]
    found: dict[str, set[str]] = {}
    for pair in book.pairs:
        ended = {gone.pair_id for index in (0, 1)
                 for _, _, gone in earlier_partners(pair, index, left, new(pair), rivals)
                 if gone.pair_id}
        if pair.pair_id and ended:
            found[pair.pair_id] = ended
    return found


def in_place_held_back(book: PairsWorkbook) -> list[str]:
    """A warning for each pair of ``book`` whose introduction may leave out the sentence
    that the new partner is in the place of one who withdrew (``earlier_partners``), because
    the Settings sheet's record of what the last pairing wrote (``HOW_SETTINGS`` and the
    lists read with it) cannot be read whole: text typed over it, or one of its rows lost
    (``record_rows_lost``). Nothing is said of a workbook older than the record."""
    if not (book.how_rows_lost if book.how_written is None else book.unread_how):
        return []
    written = book.how_written or {}
    left = partners_left([pair for pair in book.withdrawn if pair.pair_id not in written
                          and pair.how_paired() in HOW_SETTINGS and not pair.replaced])
    held: list[tuple[PairRecord, int, list[str]]] = []
    for pair in book.pairs:
        if pair.in_place_of is not None or pair.how_paired() == "kept":
            continue  # its record says whom it replaced, or the pairing before made it
        for index, someone in enumerate(pair.people):
            other = pair.people[1 - index]
            ended = [gone.pair_id or "with no ID" for key, _, gone in left.get(someone.key, [])
                     if key != other.key]
            if ended:
                held.append((pair, index, ended))
    said = []
    for pair, index, ended in held:
        someone, other = pair.people[index], pair.people[1 - index]
        # one place is filled once: of two pairs given to the one who stayed, only the first
        # given would say so (``earlier_partners``), so only its letter loses the sentence
        if any(_given_first(rival, pair) and rival.people[at].key == someone.key
               for rival, at, _ in held):
            continue
        which = f"pair {ended[0]}" if len(ended) == 1 else f"pairs {and_list(ended)}"
        said.append(
            f"The introduction of {someone.name} to {other.name} (pair "
            f"{pair.pair_id or 'with no ID'}) leaves out the sentence saying that "
            f"{other.name} is a new partner in the place of one who withdrew ({which} "
            "on the Withdrawn sheet): it needs the Settings sheet's record of what "
            "the last 'wessex pair' wrote in the How paired cells, which cannot be "
            "read whole (the warning above names the cell or row). Put that right, "
            "then render the letter again.")
    return said


def added_by_hand(book: PairsWorkbook) -> set[int]:
    """The rows of the Pairs sheet whose pair wessex never wrote there: its ID (or no ID) is
    not in the Settings list of the pairs wessex last wrote, read whole, nor among the pairs
    it moved to the Withdrawn sheet (``returned_pairs``), while every pair listed is still
    on a sheet (a row whose ID was typed over may be a pair deleted). Typed in by hand, such
    a pair was never introduced by a letter of wessex's."""
    if book.listed is None or book.deleted:
        return set()
    return {pair.row for pair in book.pairs
            if pair.pair_id not in book.listed and pair.pair_id not in book.moved}


def typed_in_since(book: PairsWorkbook, added: Collection[int]) -> list[str]:
    """What 'render --new' says of each pair typed in by hand since wessex last wrote the
    Pairs sheet (``added``: ``added_by_hand``), which it leaves out: introduced now, it would
    be introduced again once 'pair --keep' has marked it "added by hand". With the Settings
    list of the pairs moved to the Withdrawn sheet emptied, it may be a withdrawal undone."""
    # that list emptied, a row copied back from the Withdrawn sheet is not told apart
    how = "typed in by hand since, or copied back from the Withdrawn sheet (the warning " \
        "about the emptied Settings list says more)" if book.moved_emptied else \
        "typed in by hand since"
    then = "If it was typed in, run 'wessex pair --keep' first (it marks the pair 'added by " \
        "hand'), then this command again, to introduce it once." if book.moved_emptied else \
        "To introduce it, once, run 'wessex pair --keep' first (it marks the pair 'added by " \
        "hand'), then this command again."
    return [f"{_id_cell(book, pair)} ({people_of(pair)}): "
            f"{f'pair {pair.pair_id}' if pair.pair_id else 'the pair'} is not one the last "
            f"'wessex pair' wrote, so it was {how}, and --new leaves it out, whatever its How "
            f"paired cell says. {then}" for pair in book.pairs if pair.row in added]


def _how_found(typed: str) -> str:
    """What a How paired cell holding none of the values wessex writes is said to hold:
    ``typed``, its text, or blank."""
    from .pairing import HOW_PAIRED

    return f"says '{typed}', none of the values wessex writes there " \
        f"({', '.join(repr(how) for how in HOW_PAIRED)})," if typed else \
        "is blank, though wessex always fills it,"


def how_paired_unknown(book: PairsWorkbook, pairs: Sequence[PairRecord]) -> list[str]:
    """What 'render --new' says of each pair of ``pairs``, whose How paired cell is blank or
    holds none of the values wessex writes there (a typo, a note), which it leaves out: the
    cell was emptied or typed over by hand, and what it said (new, or kept with its people
    introduced already) is known no longer."""

    column = first_columns(book.headers).get(header_key("How paired"), 0)
    said = []
    for pair in pairs:
        typed = cell_text(pair.value("How paired"))
        found = _how_found(typed)
        said.append(
            f"Pairs!{cell_ref(pair.row - 1, column)} ({people_of(pair)}): the How paired cell "
            f"of {f'pair {pair.pair_id}' if pair.pair_id else 'the pair'} {found} so whether "
            "the pair is new is not known: --new leaves it out, rather than introduce its "
            "people a second time. Type back what the cell said: "
            f"{_type_back(recorded_how(book, pair))[:-1]}"
            f"{' (a note of your own goes in the Notes column)' if typed else ''}; then run "
            "this command again.")
    return said


def how_paired_kept_retyped(book: PairsWorkbook, pairs: Sequence[PairRecord],
                            unlocked: Collection[int] = ()) -> list[str]:
    """What 'render --new' says of each pair of ``pairs``, which it leaves out: its How paired
    cell says "optimised" or "locked", new, while the Settings sheet records that the last
    'wessex pair' kept it from the pairing before (the cell typed over, copied or filled down
    from a new pair's row), so its people have had their introductions. ``unlocked``: the
    rows of those whose "locked" the Reasons do not bear out (``lock_edits``), whose warning
    this one says too, with what 'pair --keep' would make of it, so that the cell has one
    warning naming the value to type back."""
    from .pairing import LOCKED_REASON

    columns = first_columns(book.headers)
    column = columns.get(header_key("How paired"), 0)
    why = columns.get(header_key("Reasons"), 0)
    said = []
    for pair in pairs:
        start = (f"Pairs!{cell_ref(pair.row - 1, column)} ({people_of(pair)}): pair "
                 f"{pair.pair_id} is left out, though its How paired cell says "
                 f"'{pair.how_paired()}': the Settings sheet records that the last 'wessex "
                 "pair' kept it from the pairing before, so its people have had their "
                 "introductions")
        if pair.row in unlocked:
            reasons = f"Pairs!{cell_ref(pair.row - 1, why)}"
            said.append(f"{start}, and its Reasons ({reasons}) do not begin "
                        f"'{LOCKED_REASON}', as an agreed pair's do (was the cell typed over, "
                        "copied or filled down?). "
                        f"{_taken_as_locked(False, True, 'kept', reasons)} To write to them "
                        "again all the same, leave out --new.")
        else:
            said.append(f"{start} (was the cell typed over, copied or filled down?). Type back "
                        "'kept'; to write to them again all the same, leave out --new.")
    return said


def recorded_how(book: PairsWorkbook, pair: PairRecord) -> str:
    """What wessex last wrote in ``pair``'s How paired cell, as the Settings sheet records it
    (``HOW_SETTINGS``): a pair it wrote (``book.listed``) under none of those values was
    "locked", the one value they leave out; "" when the record is older than those rows or
    the pair is not one wessex wrote."""
    written = book.how_written
    if written is None or not pair.pair_id:
        return ""
    if pair.pair_id in written:
        return written[pair.pair_id]
    return "locked" if book.listed is not None and pair.pair_id in book.listed else ""


def held_how_paired(book: PairsWorkbook, pair: PairRecord) -> str:
    """What the How paired cell of ``pair``, held as it stands (``pair --skip-errors``), holds
    as wessex last wrote it: as the Settings sheet records it (``recorded_how``), or, where
    that record says nothing of it (a workbook older than the record, or a pair moved to the
    Withdrawn sheet by the last run and copied back since), the value wessex writes that the
    cell holds now; "" for none. The run leaves the cell as it is, so its record says the
    same again."""
    from .pairing import HOW_PAIRED

    recorded = recorded_how(book, pair)
    if recorded:
        return recorded
    typed = pair.how_paired()
    return typed if typed in HOW_PAIRED else ""


def how_paired_unknown_ahead(book: PairsWorkbook, added: Collection[int]) -> list[str]:
    """A warning, ahead of 'render --new', for each pair wessex wrote (not typed in by hand:
    ``added``) whose How paired cell is blank or holds none of the values wessex writes:
    --new will leave it out, and 'pair --keep' writes "kept" over it, after which --new never
    introduces it. It names the value to type back, as the Settings sheet records it."""
    from .pairing import HOW_PAIRED

    column = first_columns(book.headers).get(header_key("How paired"))
    if column is None:  # no column: 'render --new' refuses, and says so
        return []
    title = book.headers[column]  # found once, not matched again for each of the rows
    said = []
    for pair in book.pairs:
        if pair.row in added or how_paired_text(pair.values.get(title)) in HOW_PAIRED:
            continue
        typed = cell_text(pair.values.get(title))
        found = _how_found(typed)
        recorded = recorded_how(book, pair)
        said.append(
            f"Pairs!{cell_ref(pair.row - 1, column)} ({people_of(pair)}): the How paired cell "
            f"of {f'pair {pair.pair_id}' if pair.pair_id else 'the pair'} {found} so 'render "
            "--new' will leave the pair out, not knowing whether it is new, and 'wessex pair "
            "--keep' would write 'kept' over it, after which --new never introduces its people. "
            f"Type back what the cell said"
            f"{' (a note of your own goes in the Notes column)' if typed else ''}: "
            f"{_type_back(recorded)} {_worded_meanwhile(recorded)}")
    return said


def _worded_meanwhile(recorded: str) -> str:
    """How the letters of a pair whose How paired cell is blank or typed over are worded
    until it is fixed (``documents.letter_how``): as the Settings sheet records the cell
    (``recorded``: ``recorded_how``), else as for a pair added by hand, claiming no choice
    by the pairing."""
    if recorded:
        return f"Until then, its letters are worded as for a pair '{recorded}', as the " \
            "Settings sheet records the cell."
    return "Until then, its letters do not say that the pairing chose the two by their " \
        "preferences."


def perhaps_deleted(book: PairsWorkbook) -> list[PairRecord]:
    """The pairs of the Pairs sheet that may be pairs wessex wrote whose ID is on no sheet now
    (``book.deleted``): their ID is blank or none wessex wrote (``book.renamed``), the row
    typed in again or its ID typed over. Their people may have had their letters, so
    'render --new' does not take them for new, whatever their How paired cells say."""
    rows = set(book.renamed)
    return [pair for pair in book.pairs if pair.row in rows]


def perhaps_deleted_left_out(book: PairsWorkbook, pairs: Sequence[PairRecord]) -> list[str]:
    """What 'render --new' says of each pair of ``pairs`` (``perhaps_deleted``), which it
    leaves out: introduced now, its people might be introduced to the same partner twice."""
    one = len(book.deleted) == 1
    missing = f"pair {book.deleted[0]}" if one else f"one of pairs {id_ranges(book.deleted)}"
    settle = f"{book.deleted[0]} as the warning about it says" if one else \
        "those pairs as the warning about them says"
    return [f"{_id_cell(book, pair)} ({people_of(pair)}): "
            f"{f'pair {pair.pair_id} is ' if pair.pair_id else ''}left out, as it may be "
            f"{missing} (written by wessex, on no sheet now) typed in again or given a new "
            f"ID, so its people could be introduced twice. Settle {settle}, run 'wessex pair "
            "--keep', then 'render --new' again."
            for pair in pairs]


def returned_pairs(book: PairsWorkbook) -> list[str]:
    """A note for each pair on the Pairs sheet that wessex moved to the Withdrawn sheet
    (``MOVED_SETTING``) and that is on it no longer: its row copied back, most likely a
    withdrawal undone. Its people were introduced, so it is kept as a pair wessex wrote."""
    on_withdrawn = {pair.pair_id for pair in book.withdrawn}
    return [f"{_id_cell(book, pair)}: pair {pair.pair_id} ({people_of(pair)}), moved to the "
            "Withdrawn sheet before, is back on the Pairs sheet (a withdrawal undone, its row "
            "copied back?), so it is kept as it was, with what is recorded in its row, and "
            "'render --new' does not introduce its people again. If that row is another pair "
            f"typed in under {pair.pair_id}, empty its Pair cell: 'wessex pair --keep' gives "
            "it a new ID, and 'render --new' introduces it."
            for pair in book.pairs if pair.pair_id in book.moved and
            (book.listed is None or pair.pair_id not in book.listed) and
            pair.pair_id not in on_withdrawn]


def ids_listed(written: str, among: Collection[str]) -> set[str]:
    """Which of the IDs ``among`` the Settings cell ``written`` lists (``id_ranges``)."""
    return _ids_in(written, known=among)[0] & set(among)


def ids_with(written: str, more: Collection[str]) -> str:
    """The text of a Settings cell listing pair IDs (``id_ranges``) with the IDs ``more``
    added, anything else typed there kept after them (``ids_without``'s counterpart)."""
    ids, other = _ids_in(written, known=more)
    return ", ".join([id_ranges(sorted(ids | set(more))), *other])


def ids_without(written: str, gone: Collection[str]) -> str:
    """The text of a Settings cell listing pair IDs (``id_ranges``) with the IDs ``gone``
    taken out: what 'withdraw' leaves there once their rows have moved to the Withdrawn
    sheet. Anything else in the cell (an ID of the administrator's own, text typed there)
    stays as it is, after the IDs, so that nothing typed is lost; a cell holding none of
    ``gone`` is given back as it is."""
    ids, other = _ids_in(written, known=gone)
    if not ids & set(gone):
        return written
    left = sorted(ids - set(gone))
    return ", ".join(([id_ranges(left)] if left or not other else []) + other)


def _pairs_deleted(book: PairsWorkbook, written: set[str],
                   withdrawn: Sequence[PairRecord]) -> list[str]:
    """The IDs of the pairs the Settings sheet says wessex last wrote on the Pairs sheet
    (``written``: ``written_pairs``) that are on no sheet now: not the Pairs sheet, not the
    Withdrawn sheet (``withdrawn``, its pairs), and not moved whole (their ID with them) to a
    sheet of the administrator's, which 'pair --keep' names by row. Their rows were deleted
    by hand, and their visits with them (a workbook older than the setting has none)."""
    missing = written - {p.pair_id for p in book.pairs}
    if missing:
        missing -= {p.pair_id for p in withdrawn}
    if missing:
        book.other_sheets = administrators_grids(book.path)
        missing -= {cell_text(cell) for _, grid in book.other_sheets
                    for row in grid.rows for cell in row}
    return sorted(missing)


def _moved_deleted(book: PairsWorkbook, withdrawn: Sequence[PairRecord]) -> list[str]:
    """The IDs of the pairs the Settings sheet says wessex moved to the Withdrawn sheet
    (``book.moved``: by 'withdraw' or a re-pairing) that are on neither it nor the Pairs
    sheet now: their Withdrawn row was deleted by hand, or moved to a sheet of the
    administrator's own (``book.moved_elsewhere`` says where), and with it went what kept
    their people out of a re-pairing (a row copied back to the Pairs sheet is
    ``returned_pairs``'). A deleted one is not said while a Withdrawn row without an ID may
    be it: its ID was emptied, the row is there."""
    missing = set(book.moved) - {p.pair_id for p in [*book.pairs, *withdrawn]}
    if missing and book.other_sheets is None:
        book.other_sheets = administrators_grids(book.path)
    for title, grid in book.other_sheets or ():
        for number, row in enumerate(grid.rows):
            for cell in row:
                if (text := cell_text(cell)) in missing:
                    book.moved_elsewhere.setdefault(text, (title, number + 1))
    deleted = missing - set(book.moved_elsewhere)
    if deleted and sum(1 for p in withdrawn if not p.pair_id) >= len(deleted):
        deleted = set()
    return sorted(deleted | set(book.moved_elsewhere),
                  key=lambda i: (pair_number(i) or 0, i))


def moved_deleted_warnings(book: PairsWorkbook, run: str = "", undo: str = "",
                           made: bool = True) -> list[str]:
    """What is said of ``book.moved_deleted``: by 'status' and the like, or by 'pair --keep'
    as its ``run`` pairs those people ("this pairing", "the real run"), with the way back
    (``undo``) once it has; ``made``: whether that run makes any new pair (none, it pairs
    nobody again, but it is said no more after it). Deleting the row is also how a
    withdrawal is undone (``leave_out_withdrawn`` says so), so each allows that it was
    meant. The deleted pairs are said together, each moved to a sheet of one's own alone."""
    deleted = [i for i in book.moved_deleted if i not in book.moved_elsewhere]
    said = [_moved_gone(book, deleted, "", run, undo, made)] if deleted else []
    return said + [_moved_gone(book, [i], f"row {row} of the sheet '{title}'", run, undo, made)
                   for i in book.moved_deleted if i in book.moved_elsewhere
                   for title, row in (book.moved_elsewhere[i],)]


def _moved_gone(book: PairsWorkbook, ids: list[str], where: str, run: str, undo: str,
                made: bool) -> str:
    """``moved_deleted_warnings``' sentence for the pairs ``ids``, deleted, or (``where``)
    one on a sheet of the administrator's own."""
    one = len(ids) == 1
    them, its = ("it", "its") if one else ("them", "their")
    found = (f"{'Pair' if one else 'Pairs'} {id_ranges(ids)} {'was' if one else 'were'} moved "
             "to the Withdrawn sheet (the Settings sheet lists "
             f"{them}), but {'is' if one else 'are'} " +
             (f"on {where} now, which wessex does not read for pairs" if where else
              "on no sheet now"))
    blank = [pair.row for pair in book.withdrawn if not pair.pair_id]
    if blank and not where:  # fewer such rows than pairs missing: one may be among them
        found += (f" (unless {'it is' if one else 'one of them is'} "
                  f"{_rows_in(blank, 'Withdrawn')}, whose Pair cell is blank)")
    if where:
        back = "move it back to the Withdrawn sheet"
        mistake = "If it was moved there by mistake"
    else:
        back = f"put {them} back on the Withdrawn sheet ({copy_back(ids, book.path)})"
        mistake = f"If {rows_of(ids)} {'was' if one else 'were'} deleted by mistake"
    if run and not made and undo:  # nobody paired again, yet no pairing says this again
        return (f"{found}. {run[0].upper()}{run[1:]} made no new pair, so nobody was paired "
                f"again; but nothing keeps {its} people out of the next pairing, which will "
                f"not say so. {mistake}, {back}.")
    if run and not made:
        return (f"{found}. {run[0].upper()}{run[1:]} makes no new pair, so nobody would be "
                f"paired again; but after it nothing keeps {its} people out of the next "
                f"pairing, which will not say so. {mistake}, {back} first.")
    if undo:  # paired already: the previous version holds the rows
        return (f"{found}, so {its} people were not kept out of {run}, as when a withdrawal "
                f"is undone: they may have been paired again, even with each other. "
                f"{mistake}, {undo}; then {back}, and run 'wessex pair --keep' again.")
    if run:
        return (f"{found}, so {its} people are not kept out of {run}, as when a withdrawal "
                f"is undone: they may be paired again, even with each other. {mistake}, "
                f"{back} first.")
    from .sources import volunteers_argument

    return (f"{found}, so 'wessex pair --keep' no longer keeps {its} people out, as when a "
            "withdrawal is undone: it may pair them again, even with each other. "
            f"{mistake}, {back}; if not, 'wessex pair "
            f"{volunteers_argument(book.path, book.paired_from)} --keep {book.path.name}' pairs "
            "them and ends this warning.")


def _ids_unknown(book: PairsWorkbook, withdrawn: Sequence[PairRecord],
                 settings: Sequence[Sequence[Cell]]) -> list[str]:
    """A warning for each Pairs row without an ID when no ID could be read from the Settings
    list of the pairs wessex last wrote (typed over): the pair missing, and so the ID the
    row had, cannot be told from it. With one such row (and no Withdrawn row without an
    ID), the one number up to the highest ID that is on no sheet and was never deleted
    (``GONE_SETTING``) is most likely it: wessex never numbers a pair into a gap."""
    blank = [pair for pair in book.pairs if not pair.pair_id]
    if not blank:
        return []
    held = {n for i in [*(p.pair_id for p in [*book.pairs, *withdrawn]), *book.gone]
            if (n := pair_number(i)) is not None}
    top = max(held, default=0)
    gaps = [n for n in range(1, top + 1) if n not in held] if top <= _MOST_IDS else []
    wanted = header_key(PAIRS_SETTING)
    cells = " and ".join(f"Settings!{cell_ref(n, 1)}" for n, row in enumerate(settings)
                         if len(row) > 1 and header_key(cell_text(row[0])) == wanted)
    said = []
    for pair in blank:
        cell = _id_cell(book, pair)
        found = (f"{cell} ({people_of(pair)}) has no pair ID, and which ID it had cannot be "
                 f"told: the list of the pairs wessex last wrote ({cells}), by which the "
                 "missing pair is found, was typed over.")
        if len(blank) == 1 and len(gaps) == 1 and all(p.pair_id for p in withdrawn):
            likely = f"P{gaps[0]:03d}"
            todo = (f"{likely} is the only ID up to P{top:03d} on no sheet, so it is most "
                    f"likely {likely}: if the letters sent name the pair so, type {likely} "
                    f"in {cell}.")
        else:
            todo = f"Type in {cell} the ID the letters sent give this pair."
        said.append(f"{found} {todo} Left blank, 'wessex pair --keep' gives it a new one.")
    return said


def missing_id_back(book: PairsWorkbook) -> tuple[PairRecord, str] | None:
    """The one pair of the Pairs sheet whose ID is blank or none wessex wrote, and the ID of
    the one pair wessex last wrote that is on no sheet now, when there is exactly one of
    each (and no Withdrawn row without an ID that might be it): the row is that pair, its ID
    emptied or typed over, and 'pair --keep' gives it that ID back, as the letters sent name
    it, rather than a new one. None otherwise: which row is which cannot be told; and for a
    row holding an ID written as wessex writes them ('P003'), typed there to match the
    letters over one wessex gave it when it could not tell (the Settings list typed over),
    which is the administrator's to keep (``_retyped_warning``)."""
    found = _one_for_one(book)
    return found if found is not None and pair_number(found[0].pair_id) is None else None


def _one_for_one(book: PairsWorkbook) -> tuple[PairRecord, str] | None:
    """The one Pairs row whose ID is none wessex wrote, and the one ID wessex wrote that is
    on no sheet now, when there is exactly one of each and no Withdrawn row without an ID.
    None for an ID of the administrator's own ('X3'): read from the Settings list, it may be
    a note typed there ('batch2', ``_own_ids_read``), never an ID to give a row."""
    if len(book.deleted) != 1 or len(book.renamed) != 1 or book.unnamed_withdrawn or \
            pair_number(book.deleted[0]) is None:
        return None
    return next(p for p in book.pairs if p.row == book.renamed[0]), book.deleted[0]


def _retyped_warning(book: PairsWorkbook, pair: PairRecord, pair_id: str) -> str:
    """What status says of ``_one_for_one``'s row when it holds an ID written as wessex
    writes them but not one it wrote (most likely the administrator typed the ID the letters
    give over the one wessex gave it): nothing is lost if the administrator changed the ID,
    and the way back only if the row is another pair (copying the missing pair's row back
    over a changed ID would put the pair in two rows)."""
    return (f"{_missing_and(book, pair, pair_id)} says {pair.pair_id}, which is none of the "
            f"IDs wessex last wrote. If you changed {pair_id} to {pair.pair_id} there (to "
            "match the letters sent, say), nothing is lost, and the next 'wessex pair --keep' "
            f"records it. If that row is another pair, {pair_id}'s row was deleted: "
            f"{copy_back([pair_id], book.path)}.")


def id_back_finding(book: PairsWorkbook, pair: PairRecord, pair_id: str,
                    held_now: bool) -> tuple[str, str]:
    """The ID cell of ``missing_id_back``'s row, and its finding in words up to the ID it is
    taken to be ("Pair P003, ... is on no sheet now, and Pairs!A4 (A and B) is blank: the
    only pair without an ID wessex wrote, it is"); ``held_now``: the cell as it is (status),
    else as it was before 'pair --keep' gave the ID back."""
    was = pair.pair_id
    held = ("is blank" if held_now else "was blank") if not was else \
        (f"says '{was}'" if held_now else f"said '{was}'")
    return _id_cell(book, pair), (f"{_missing_and(book, pair, pair_id)} {held}: the only "
                                  "pair without an ID wessex wrote, it is")


def _id_cell(book: PairsWorkbook, pair: PairRecord) -> str:
    """The Pair cell of ``pair``'s row: "Pairs!A4"."""
    column = first_columns(book.headers).get(header_key(ID_COLUMN), 0)
    return f"Pairs!{cell_ref(pair.row - 1, column)}"


def _missing_and(book: PairsWorkbook, pair: PairRecord, pair_id: str) -> str:
    """The finding both warnings of one missing pair and one row without a written ID
    start with: "Pair P003, ... is on no sheet now, and Pairs!A4 (A and B)"."""
    return (f"Pair {pair_id}, on the Pairs sheet when wessex last wrote this workbook, is on "
            f"no sheet now, and {_id_cell(book, pair)} ({people_of(pair)})")


# What to do about two rows under one pair ID, for the warning and for pair --keep's refusal
OWN_ID_FIX = ("Keep the ID in the row of the pair whose letters name it. In the other, type "
              "the ID its own letters gave, or empty its Pair cell so that 'wessex pair --keep' "
              "gives it a new one.")


def rows_sharing_an_id(book: PairsWorkbook) -> list[str]:
    """Each pair ID that more than one row of the Pairs sheet holds, in words: its cells, the
    ID and each row's people ("Pairs!A31 and A32 both hold the pair ID P030 (A and B; C and
    B)"). A pair is known by its ID to the letters and to 'pair --keep', which would keep
    the rows as one pair, one written over the other."""
    rows: dict[str, list[PairRecord]] = {}  # each pair is a row of its own
    for pair in book.pairs:
        if pair.pair_id:
            rows.setdefault(pair.pair_id, []).append(pair)
    found = []
    for pair_id, shared in rows.items():
        if len(shared) < 2 or [len(same) for same in copied_rows(shared)] == [len(shared)]:
            continue  # one row, or one pair's row copied: ``model.copied_rows`` says so
        cells = [_id_cell(book, pair).removeprefix("Pairs!") for pair in shared]
        listed = f"Pairs!{', '.join(cells[:-1])} and {cells[-1]}"  # the sheet named once
        found.append(f"{listed} {'both hold' if len(shared) == 2 else 'all hold'} the pair "
                     f"ID {pair_id} ({'; '.join(people_of(pair) for pair in shared)})")
    return found


def rows_sharing_an_id_with_withdrawn(book: PairsWorkbook, withdrawn: Sequence[PairRecord],
                                      grid: Grid) -> list[str]:
    """A warning for each row of the Pairs sheet holding the pair ID of a row of the
    Withdrawn sheet (``withdrawn``, its pairs; ``grid``, the sheet as read), naming both
    cells: the same pair, a withdrawal undone without its Withdrawn row deleted, which
    'pair --keep' would end again; or another pair under an ID the withdrawn pair's
    letters give, which it would keep under that ID."""
    ended: dict[str, list[PairRecord]] = {}
    for pair in withdrawn:
        if pair.pair_id:
            ended.setdefault(pair.pair_id, []).append(pair)
    if not ended:
        return []
    header = find_pairs_header(grid.rows, "Withdrawn")
    titles = [cell_text(c) for c in grid.rows[header]] if header is not None else []
    column = first_columns(titles).get(header_key(ID_COLUMN), 0)
    said = []
    for pair in book.pairs:
        for other in ended.get(pair.pair_id, []) if pair.pair_id else []:
            cells = (f"{_id_cell(book, pair)} and Withdrawn!{cell_ref(other.row - 1, column)} "
                     f"both hold the pair ID {pair.pair_id}")
            if {p.key for p in pair.people} == {p.key for p in other.people}:
                said.append(
                    f"{cells}, the pair of {people_of(pair)} on both sheets: 'wessex pair "
                    "--keep' ends it again, as the Withdrawn sheet says. If the withdrawal "
                    f"was a mistake, delete row {other.row} of the Withdrawn sheet, once "
                    "anything typed only there is in the Pairs row; if not, delete row "
                    f"{pair.row} of the Pairs sheet, once anything typed only there is in the "
                    "Withdrawn row.")
            else:
                said.append(
                    f"{cells} ({people_of(pair)}; {people_of(other)}, withdrawn), and the "
                    "withdrawn pair's letters name it so. In the Pairs row, type the ID its "
                    "own letters gave, or empty its Pair cell so that 'wessex pair --keep' "
                    "gives it a new one.")
    return said


def copied_row_warnings(pairs: Sequence[PairRecord]) -> list[str]:
    """A warning for each pair that stands in more than one row (``model.copied_rows``):
    counted once a row, it would be counted twice, and so would each letter to its people,
    as 'visit' and 'pair --keep' refuse it."""
    return [f"rows {' and '.join(str(p.row) for p in same)} of the Pairs sheet both hold the "
            f"pair of {same[0].a.name} and {same[0].b.name}, so it is counted "
            f"{'twice' if len(same) == 2 else f'{len(same)} times'}, and so is each letter to "
            "them. Keep one row: move anything typed in the others into it, and delete them."
            for same in copied_rows(pairs)]


def lock_edits(book: PairsWorkbook, added: Collection[int], keeping: bool = False,
               writing: bool = True) -> list[tuple[PairRecord, str, bool]]:
    """Each pair warned of, with the warning, and whether its cell says "locked".

    A warning for each pair wessex wrote (not typed in by hand: ``added``) whose How
    paired cell says "locked" while its Reasons do not begin as an agreed pair's do, or
    while the Settings sheet records another value there (``HOW_SETTINGS``): "optimised",
    a pair the pairing made, whatever its Reasons say (copied too), or "kept" or "added by
    hand" over Reasons emptied. The cell was copied or filled down from an agreed pair's
    row. 'pair --keep' takes the cell at its word and keeps the pair as
    agreed in advance from then on, its letters saying so: as status says it, or
    (``keeping``) as that run says it before it does so (or would, when not ``writing``:
    --dry-run). And one for each pair the Settings sheet records as "locked" whose cell now
    says another value wessex writes, its Reasons not begun as an agreed pair's: 'pair
    --keep' would no longer keep it as agreed (``_unlocked_by_edit``); or, its Reasons begun
    so, whom the Settings sheet's list of the pairs agreed in advance leaves out, the
    Reasons copied from an agreed pair's row (``_agreed_by_copy``)."""
    from .pairing import ADDED_BY_HAND, HOW_PAIRED, LOCKED_REASON

    columns = first_columns(book.headers)
    how, why = columns.get(header_key("How paired")), columns.get(header_key("Reasons"))
    if how is None or why is None:  # without both, nothing tells a copy from a lock
        return []
    # each row's cells by their titles, as PairRecord.value finds them, without matching
    # every title of every row (a tenth of a second of status on 5,000 pairs)
    how_title, why_title = book.headers[how], book.headers[why]
    said: list[tuple[PairRecord, str, bool]] = []
    for pair in book.pairs:
        typed = how_paired_text(pair.values.get(how_title))
        if typed not in HOW_PAIRED or pair.row in added:
            continue
        reasons = cell_text(pair.values.get(why_title))
        begun = reasons.startswith(LOCKED_REASON)
        recorded = recorded_how(book, pair)  # "" for a workbook older than the record
        reasons_cell = f"Pairs!{cell_ref(pair.row - 1, why)}"
        cell = f"Pairs!{cell_ref(pair.row - 1, how)}"
        named = f"{f'pair {pair.pair_id}' if pair.pair_id else 'the pair'} ({people_of(pair)})"
        if typed != "locked":
            # the record of the pairs agreed in advance keeps them so unless the cell ends it
            # (``AGREEMENT_ENDED``): 'kept' over 'locked' changes nothing
            listed = pair.pair_id in book.agreed
            if not begun and listed and typed == recorded and typed in AGREEMENT_ENDED:
                # the cell as wessex wrote it (the pairing's choice, a pair found typed in),
                # not typed over: the pair's ID was typed into the list since
                said.append((pair, listed_over_choice(book, named, cell, typed,
                                                      reasons_cell, keeping, writing,
                                                      pair.pair_id), False))
            elif not begun and not pair.agreed_recorded and (recorded == "locked" or listed):
                said.append((pair, _unlocked_by_edit(cell, typed, named, reasons_cell,
                                                     keeping, writing, recorded,
                                                     pair.pair_id), False))
            elif begun and not listed and not pair.agreed_recorded and book.agreed_written \
                    and pair.pair_id in (book.listed or ()):  # on the Pairs sheet it wrote
                said.append((pair, _agreed_by_copy(named, reasons_cell, keeping, writing,
                                                   pair.pair_id), False))
            elif pair.agreed_recorded and not begun and reasons:
                # the list alone says agreed, over Reasons of other words (emptied, they are
                # what the list is kept for): an ID typed in the list, or the Reasons typed over
                said.append((pair, agreed_by_list(book, named, cell, typed, reasons_cell,
                                                  keeping, writing, pair.pair_id), False))
            continue
        if recorded == "locked" or pair.pair_id in book.agreed:
            # wessex wrote the two as agreed ('locked' there, or listed as agreed since):
            # 'locked' says so again, the Reasons alone were typed over
            continue
        if reasons and not begun:
            said.append((pair, (
                f"{cell} says 'locked' for {named}, but its Reasons ({reasons_cell}) do not "
                f"begin '{LOCKED_REASON}', as an agreed pair's do: was the cell copied or "
                "filled down from another row? "
                f"{_taken_as_locked(keeping, writing, recorded, reasons_cell, False, pair.pair_id)}"
            ), True))
        elif recorded == "optimised" or (recorded in ("kept", ADDED_BY_HAND) and not begun):
            # Reasons emptied, or copied too: the record still says what the cell held, the
            # pairing's choice or a pair kept as not agreed
            copied = f" and its Reasons ({reasons_cell})" if begun else ""
            said.append((pair, (
                f"{cell} says 'locked' for {named}, but the Settings sheet records that the "
                f"last 'wessex pair' wrote '{recorded}' there, not as agreed in advance: was "
                f"the cell{copied} copied or filled down from another row? "
                f"{_taken_as_locked(keeping, writing, recorded, reasons_cell, begun, pair.pair_id)}"
            ), True))
    return said


def _unlocked_by_edit(cell: str, typed: str, named: str, reasons: str, keeping: bool,
                      writing: bool, recorded: str = "locked", pair_id: str = "") -> str:
    """The warning for a How paired cell (``cell``) saying ``typed`` over a pair (``named``)
    the Settings sheet records as "locked", or as agreed in advance (``AGREED_SETTING``) with
    ``recorded`` written in that cell ("kept"), its Reasons cell (``reasons``) not begun as an
    agreed pair's: 'pair --keep' takes the cell at its word and keeps the two as not agreed
    in advance from then on, as status foretells it, or as that run (``keeping``) says it
    first, about to write or (not ``writing``) dry."""
    from .pairing import LOCKED_REASON

    record = "that the last 'wessex pair' wrote 'locked' there, as agreed in advance" \
        if recorded == "locked" else "the two as agreed in advance"
    said = (f"{cell} says '{typed}' for {named}, but the Settings sheet records {record}, and "
            f"its Reasons ({reasons}) do not begin '{LOCKED_REASON}': was the cell typed "
            "over? ")
    # the value that, typed back, keeps the two agreed: 'locked', or any the record reads
    back = _type_back(recorded if recorded in ("locked", "kept") else "kept")
    if not keeping:
        # status reads no volunteer workbook: a Partner cell naming the two (or --lock) keeps
        # them agreed at that run all the same
        return said + ("'wessex pair --keep' would keep the two as not agreed in advance from "
                       "then on, unless the Partner column of the volunteer workbook (or "
                       "--lock) names them as each other's partners. If they did agree in "
                       f"advance, type back what the cell said: {back}")
    if not writing:
        return said + ("Without --dry-run, this run would keep the two as not agreed in "
                       "advance from then on. If they did agree in advance, type back what the "
                       f"cell said before running without --dry-run: {back}")
    # both places: the Reasons alone, over a list that leaves the pair out, read as copied
    return said + ("This run takes the cell at its word: it keeps the two as not agreed in "
                   "advance from now on. If they did agree in advance, once it is done, "
                   f"{redo_agreement(reasons, pair_id or 'its pair ID')}")


def _agreed_by_copy(named: str, reasons: str, keeping: bool, writing: bool,
                    pair_id: str) -> str:
    """The warning for a pair (``named``) wessex wrote whose Reasons cell (``reasons``) begins
    "locked as agreed" while the Settings sheet does not list it as agreed in advance
    (``AGREED_SETTING``): copied or filled down from an agreed pair's row. Its letters say
    the two agreed, and 'pair --keep' takes the Reasons at their word: as status foretells
    it, or as that run (``keeping``) says it first, about to write or (not ``writing``) dry."""
    from .pairing import LOCKED_REASON

    said = (f"{reasons} begins '{LOCKED_REASON}' for {named}, but the Settings sheet does not "
            "record the two as agreed in advance: were the Reasons copied or filled down from "
            "another row? ")
    if not keeping:
        return said + ("While they begin so, their letters say the two agreed in advance, and "
                       "'wessex pair --keep' would keep them so from then on. If they did not "
                       f"agree in advance, take '{LOCKED_REASON}' out of the start of "
                       f"{reasons}.")
    if not writing:
        return said + ("Without --dry-run, this run would keep the two as agreed in advance "
                       "from then on, and their letters would say so. If they did not agree in "
                       f"advance, take '{LOCKED_REASON}' out of the start of {reasons} before "
                       "running without --dry-run.")
    return said + ("This run takes the Reasons at their word: it keeps the two as agreed in "
                   "advance from now on, and their letters say so. If they did not agree in "
                   f"advance, once it is done {undo_agreement(reasons, pair_id)}")


def agreed_by_list(book: PairsWorkbook, named: str, cell: str, typed: str, reasons: str,
                   keeping: bool, writing: bool, pair_id: str) -> str:
    """The warning for a pair (``named``) that the Settings sheet of ``book`` lists as agreed
    in advance (``AGREED_SETTING``, at ``book.agreed_cell``) while neither its How paired
    cell (``cell``, saying ``typed``) nor its Reasons (``reasons``, not emptied) say so: its
    ID typed into the list, or the Reasons typed over. Its letters say the two agreed, and
    'pair --keep' begins its Reasons so: as status foretells it, or as that run
    (``keeping``) says it first, about to write or (not ``writing``) dry."""
    from .pairing import LOCKED_REASON

    where = book.agreed_cell or "the Settings sheet's row 'Pairs agreed in advance'"
    said = (f"{where} lists {named} as agreed in advance, but its How paired cell ({cell}) "
            f"says '{typed}' and its Reasons ({reasons}) do not begin '{LOCKED_REASON}': was "
            "its ID typed into that list, or the Reasons typed over? ")
    if not keeping:
        return said + ("While the list names it, its letters say the two agreed in advance, "
                       f"and 'wessex pair --keep' would begin its Reasons '{LOCKED_REASON}'. "
                       "If they did not agree in advance, take "
                       f"{pair_id} out of {where}; if they did, type '{LOCKED_REASON}; ' at "
                       f"the start of {reasons}.")
    if not writing:
        return said + (f"Without --dry-run, this run would begin its Reasons '{LOCKED_REASON}' "
                       "and keep the two as agreed in advance from then on, their "
                       "letters saying so. If they did not agree in advance, take "
                       f"{pair_id} out of {where} before running without --dry-run.")
    return said + (f"This run takes the list at its word: it begins its Reasons "
                   f"'{LOCKED_REASON}' and keeps the two as agreed in advance from now "
                   "on, their letters saying so. If they did not agree in advance, once it is "
                   f"done {undo_agreement(reasons, pair_id)}")


def listed_over_choice(book: PairsWorkbook, named: str, cell: str, typed: str, reasons: str,
                       keeping: bool, writing: bool, pair_id: str) -> str:
    """The warning for a pair (``named``) that the Settings sheet of ``book`` lists as agreed
    in advance (``AGREED_SETTING``, at ``book.agreed_cell``) while its How paired cell
    (``cell``) says ``typed`` ('optimised', 'added by hand') as wessex last wrote it there, its
    Reasons (``reasons``) not begun as an agreed pair's: its ID typed into the list since,
    which the cell overrules (``AGREEMENT_ENDED``), so its letters do not say the two agreed
    and 'pair --keep' takes it out of the list. Reasons begun so too make the two agreed: as
    status foretells it, or as that run (``keeping``) says it first, about to write or (not
    ``writing``) dry."""
    from .pairing import LOCKED_REASON

    where = book.agreed_cell or "the Settings sheet's row 'Pairs agreed in advance'"
    said = (f"{where} lists {named} as agreed in advance, but its How paired cell ({cell}) "
            f"says '{typed}', as the last 'wessex pair' wrote it, which that list does not "
            "overrule: was the ID typed there? ")
    begin = f"type '{LOCKED_REASON}; ' at the start of its Reasons ({reasons}) too"
    if not keeping:
        return said + ("Its letters do not say the two agreed in advance, and 'wessex pair "
                       f"--keep' would take {pair_id} out of the list. If they did agree in "
                       f"advance, {begin}; if not, take {pair_id} out of {where}.")
    if not writing:
        return said + ("Without --dry-run, this run would keep the two as not agreed in advance "
                       f"and take {pair_id} out of the list. If they did agree in advance, "
                       f"{begin}, before running without --dry-run.")
    return said + (f"This run keeps the two as not agreed in advance and takes {pair_id} out "
                   "of the list. If they did agree in advance, once it is done, "
                   f"{redo_agreement(reasons, pair_id)}")


def agreed_list_gone(book: PairsWorkbook, added: Collection[int], keeping: bool = False,
                     writing: bool = True, still_agreed: Collection[str] = ()) -> list[str]:
    """A warning when the Settings sheet of ``book``, written by a wessex that lists the pairs
    agreed in advance (``AGREED_SETTING``; its How paired rows tell it), has lost that list
    (its row deleted, emptied or cleared) while a pair wessex wrote (none typed in by hand:
    ``added``) shows it had something to keep: a kept pair whose Reasons were emptied too,
    whose agreement nothing in the workbook can tell now (its letters say the pairing chose
    the two), or Reasons still begun "locked as agreed". Said as status foretells it, or as
    'pair --keep' (``keeping``) says it first, about to write or (not ``writing``) dry, of the
    pairs it keeps as not agreed (none ``still_agreed``: a lock names them), with the way
    back. A list emptied once no pair is agreed (``undo_agreement`` followed) says nothing."""
    from .pairing import LOCKED_REASON

    if book.agreed_written or book.how_written is None:
        return []  # the list is there, or the workbook is older than it
    columns = first_columns(book.headers)
    how, why = columns.get(header_key("How paired")), columns.get(header_key("Reasons"))
    if how is None or why is None:
        return []
    how_title, why_title = book.headers[how], book.headers[why]
    # a cell still saying the two agreed (Reasons, or How paired as wessex wrote it): the
    # list had them, and their letters say so
    shown: list[tuple[PairRecord, str]] = []
    lost: list[PairRecord] = []  # Reasons emptied too: agreed or not, nothing tells now
    for pair in book.pairs:
        if pair.row in added or book.listed is None or pair.pair_id not in book.listed:
            continue
        typed = how_paired_text(pair.values.get(how_title))
        reasons = cell_text(pair.values.get(why_title))
        recorded = recorded_how(book, pair)
        if reasons.startswith(LOCKED_REASON):
            shown.append((pair, cell_ref(pair.row - 1, why)))
        elif recorded == typed == "locked":
            shown.append((pair, cell_ref(pair.row - 1, how)))
        elif not reasons and recorded in ("kept", "added by hand") and \
                typed not in ("locked", *AGREEMENT_ENDED) and pair.pair_id not in still_agreed:
            lost.append(pair)
    if not lost and (keeping or not shown):
        return []
    said, back, copy = _list_lost(book, AGREED_SETTING, book.agreed_cell, book.agreed_cleared,
                                  "the pairs agreed in advance")
    cells = f"Pairs!{first_few([cell_ref(p.row - 1, why) for p in lost])}"
    one = len(lost) == 1
    them = (f"the two of pair {lost[0].pair_id} ({people_of(lost[0])}) agreed" if one else
            f"any of {plural(len(lost), 'pair')} ({first_few([p.pair_id for p in lost])}) "
            "was agreed")
    unknown = (f"Without the list, nothing in the workbook says whether {them} in advance, "
               f"{'its' if one else 'their'} Reasons ({cells}) being emptied too: ")
    they = "they" if one else "any"  # of the pairs ``lost``
    if keeping and not writing:
        return [said + unknown + ("without --dry-run, this run would keep "
                                  f"{'it' if one else 'them'} as not agreed in advance from "
                                  "then on, the letters saying the pairing chose the two. If "
                                  f"{they} did agree in advance, before running without "
                                  f"--dry-run, {back}.{copy}")]
    if keeping:
        return [said + unknown + (f"this run keeps {'it' if one else 'them'} as not agreed in "
                                  "advance from now on, the letters saying the pairing chose "
                                  f"the two. If {they} did agree in advance, once it is "
                                  "done, " + (redo_agreement(cells, lost[0].pair_id) if one
                                              else f"for each that did, {redo_agreement()}"))]
    if lost:
        return [said + unknown + (f"{'its' if one else 'their'} letters say the pairing chose "
                                  f"{'the two' if one else 'them'}, and 'wessex pair "
                                  f"--keep' would keep {'it' if one else 'them'} as not "
                                  "agreed in advance from then on, unless the Partner column "
                                  "of the volunteer workbook names "
                                  + ("the two" if one else "a pair's two") + " as each "
                                  "other's partners. Put "
                                  f"the list back: {back}, or '(none)' if none was.{copy}")]
    begun = f"Pairs!{first_few([cell for _, cell in shown])}"
    one = len(shown) == 1
    return [said + (f"The letters of {and_list([p.pair_id for p, _ in shown])} still say "
                    f"{'its' if one else 'their'} two agreed in advance, as "
                    f"{'its' if one else 'their'} cells say ({begun}); but without the list, "
                    "an agreed pair kept since ('kept' in its How paired cell) whose Reasons "
                    "are emptied is introduced as chosen by the pairing. To keep the record, "
                    f"{back} ({and_list([p.pair_id for p, _ in shown])} among them).{copy}")]


def record_rows_lost(book: PairsWorkbook, keeping: bool = False,
                     writing: bool = True) -> list[str]:
    """A warning for each Settings row of ``book`` that keeps the record of the last pairing
    (``HOW_SETTINGS``) found deleted or emptied, and for the row of the pairs moved to the
    Withdrawn sheet (``MOVED_SETTING``) found deleted (``_rows_lost``): read as no record,
    as in a workbook older than them, what they kept is lost with them. Worded as
    ``_list_lost`` words the lost lists, as status and render say it, or as 'pair --keep'
    (``keeping``) says it, about to write or (not ``writing``) dry, with the way back."""
    said = []
    for title, cell in book.how_rows_lost:
        how = "optimised" if title == HOW_SETTINGS["optimised"] else "kept"
        listed = f"the pairs the last pairing {'made' if how == 'optimised' else 'kept'}"
        question, back, copy = _list_lost(book, title, cell, False, listed)
        ids = [pair.pair_id for pair in book.pairs if pair.pair_id and pair.how_paired() == how]
        hint = f" (most likely those whose How paired cell says '{how}': " \
            f"{first_few(ids)})" if ids else ""
        lost = ("Without it, what the last pairing wrote in the How paired cells is not "
                "known, ")
        if keeping and not writing:
            said.append(question + lost + "so without --dry-run, this run would take each "
                        "cell at its word (a 'locked' copied or filled down over a pair the "
                        "pairing chose would keep the two as agreed in advance) and write the "
                        f"row afresh. Before running without --dry-run, {back}{hint}.{copy}")
        elif keeping:
            said.append(question + lost + "so this run takes each cell at its word (a "
                        "'locked' copied or filled down over a pair the pairing chose keeps "
                        "the two as agreed in advance) and writes the row afresh. If a How "
                        "paired cell was typed over since the last pairing, check that pair's "
                        f"Reasons, which say how it was made.{copy}")
        else:
            said.append(question + lost + "so a cell typed over, copied or filled down since "
                        "is taken at its word, and a letter to someone re-paired in place of "
                        "a partner who withdrew leaves out the sentence saying so. Put the row "
                        f"back: {back}{hint}, or '(none)' if there were none.{copy}")
    if book.moved_row_lost:
        listed = "the pairs wessex moved to the Withdrawn sheet"
        question, back, copy = _list_lost(book, MOVED_SETTING, "", False, listed,
                                          writer="'wessex withdraw'", none=False)
        ids = [pair.pair_id for pair in book.withdrawn if pair.pair_id]
        back += f" (those in the Withdrawn sheet's Pair column, {first_few(ids)}, and any " \
            "whose row you deleted from that sheet)" if ids else ""
        lost = "Without it, a pair copied back from the Withdrawn sheet is taken for one " \
            "typed in by hand, to be introduced again"
        if keeping and not writing:
            said.append(f"{question}{lost}: before running without --dry-run, {back}.{copy}")
        elif keeping:
            said.append(f"{question}{lost}, and this run writes the row with only the pairs "
                        f"it moves there itself. Once it is done, {back}.{copy}")
        else:
            said.append(f"{question}{lost}, and 'wessex pair --keep' would not list them there "
                        f"again. Put the row back: {back}.{copy}")
    return said


def _list_lost(book: PairsWorkbook, title: str, cell: str, cleared: bool,
               listed: str, writer: str = "'wessex pair'", none: bool = True
               ) -> tuple[str, str, str]:
    """How a list wessex keeps on the Settings sheet of ``book`` (the row titled ``title``,
    its IDs in ``cell``, "" when there is no such row; ``cleared``: its title cleared too) was
    lost, asked as a question; the start of the way back, which ends "the IDs of
    ``listed``"; and where a copy that has the list may be, "" without a backups folder (the
    newest copy may be one made since the list was lost, by this run too). ``writer``: the
    command said to write the row; ``none``: whether it writes '(none)' for none."""
    copy = "" if not (book.path.parent / "backups").is_dir() else \
        " If it was deleted, a copy of the workbook in the backups folder from before then " \
        "has it." if not cell else \
        " A copy of the workbook in the backups folder from before the list was lost has it."
    title = f"'{title}'"
    if not cell:
        said = (f"The Settings sheet has no row {title}, which {writer} writes with the "
                f"IDs of {listed}{(', or ' + repr('(none)')) if none else ''}: was it deleted, "
                "or was the workbook last written by an older wessex, which did not keep that "
                "list? ")
        back = (f"type {title} in column A of an empty row of the Settings sheet and, in "
                "column B, ")
    elif cleared:
        number = cell.removeprefix("Settings!B")
        said = (f"Row {number} of the Settings sheet is empty, where {writer} writes "
                f"{title} and the IDs of {listed}, or '(none)': was it cleared? ")
        back = f"type {title} back in Settings!A{number} and, in {cell}, "
    else:
        said = (f"{cell} is empty, where {writer} lists the IDs of {listed} ({title}), "
                "or writes '(none)': was it emptied? ")
        back = f"type in {cell} "
    return said, back + f"the IDs of {listed}", copy


def in_place_list_gone(book: PairsWorkbook, added: Collection[int], keeping: bool = False,
                       writing: bool = True) -> list[str]:
    """A warning when the Settings sheet of ``book`` has no row of the pairs made in place
    of a withdrawn pair (``IN_PLACE_SETTING``), or that row empty, while a pair kept (none
    typed in by hand since: ``added``) was most likely made in place of one
    (``likely_in_place``): its letters, which only that row tells, leave out the sentence
    saying so. Said as status foretells it, or as 'pair --keep' (``keeping``) says
    it, about to write the row without it or (not ``writing``) dry, with the way back, in
    the words ``_list_lost`` gives the lost lists."""
    if book.in_place_written:
        return []
    likely, letters = likely_in_place(book, added)
    if not likely:
        return []
    said, back, copy = _list_lost(book, IN_PLACE_SETTING, book.in_place_cell, False,
                                  "the pairs made in place of a withdrawn pair",
                                  writer="'wessex pair --keep'")
    entries = f"'{in_place_text(likely)}'"
    back += (", each followed by 'in place of' and the ID of the withdrawn pair, most likely "
             f"{entries}")
    one = len(letters) == 1
    lost = (f"Without it, the introduction{'' if one else 's'} of {and_list(letters)} "
            f"{'leaves' if one else 'leave'} out the sentence saying that the new partner is "
            "in the place of one who withdrew")
    if_so = "If it was" if len(likely) == 1 else "For each that was"
    if keeping and not writing:
        return [f"{said}{lost}, and without --dry-run, this run would write the row without "
                f"{'it' if len(likely) == 1 else 'them'}. {if_so} made in that one's place, "
                f"before running without --dry-run, {back}.{copy}"]
    if keeping:
        return [f"{said}{lost}, and this run writes the row without "
                f"{'it' if len(likely) == 1 else 'them'}. {if_so} made in that one's place, "
                f"once it is done, type {entries} in that row of the Settings sheet "
                f"('{IN_PLACE_SETTING}'), over '(none)', or after what it lists with '; ' "
                f"between.{copy}"]
    return [f"{said}{lost}, and 'wessex pair --keep' would write the row without "
            f"{'it' if len(likely) == 1 else 'them'}. {if_so} made in that one's place, put "
            f"the row back: {back}.{copy}"]


def likely_in_place(book: PairsWorkbook, added: Collection[int] = ()
                    ) -> tuple[dict[str, set[str]], list[str]]:
    """The pairs of ``book`` most likely made in place of a withdrawn pair, for when the
    Settings sheet has no record of them (``IN_PLACE_SETTING``): each pair kept since the
    last pairing but one (How paired 'kept'; none of the rows ``added`` by hand since) with
    someone whose partner on the Withdrawn sheet withdrew from a pair of a lower ID that
    ended before the last pairing (``ended_before_pairing``: that pairing wrote the record,
    '(none)' for none), by ID, with the IDs of those pairs; and each introduction that would
    say so, as "Dr A to Dr B (pair P031)". Of two such pairs for one withdrawn pair, the
    first given (``_given_first``) is in its place, as the letters read it."""
    left = partners_left(book.withdrawn)
    kept = [pair for pair in book.pairs if pair.row not in added and pair.pair_id and (
        recorded_how(book, pair) if book.how_written is not None else pair.how_paired()
    ) == "kept"]
    # each withdrawn pair (by its row) -> the kept pairs that may be in its place
    places: dict[int, list[PairRecord]] = {}
    for pair in kept:
        for index, someone in enumerate(pair.people):
            for key, _, gone in left.get(someone.key, []):
                if key != pair.people[1 - index].key and gone.ended_before_pairing and \
                        _before(gone.pair_id, pair.pair_id):
                    places.setdefault(gone.row, []).append(pair)
    likely: dict[str, set[str]] = {}
    letters = []
    for pair in kept:
        for index, someone in enumerate(pair.people):
            other = pair.people[1 - index]
            ended = {gone.pair_id for key, _, gone in left.get(someone.key, [])
                     if key != other.key and gone.ended_before_pairing and
                     _before(gone.pair_id, pair.pair_id) and
                     not any(_given_first(rival, pair) for rival in places[gone.row])}
            if ended:
                likely.setdefault(pair.pair_id, set()).update(ended)
                letters.append(f"{someone.name} to {other.name} (pair {pair.pair_id})")
    return likely, letters


def _before(earlier: str, later: str) -> bool:
    """Whether the pair ID ``earlier`` may have been given before ``later`` (IDs are given
    in order; either not numbered, it cannot be told, and may)."""
    first, then = pair_number(earlier), pair_number(later)
    return first is None or then is None or first < then


def hand_list_gone(book: PairsWorkbook, added: Collection[int], keeping: bool = False,
                   writing: bool = True) -> list[str]:
    """A warning when the Settings sheet of ``book``, written by a wessex that keeps the
    record of the pairs typed in by hand (``HAND_SETTING``; its How paired rows tell it), has
    lost that list (its row deleted, emptied or cleared) while a pair it kept (none typed in
    by hand since: ``added``) may be one: nothing else in the workbook tells, and the letters
    of such a pair would say the pairing chose the two. Said as status foretells it, or as
    'pair --keep' (``keeping``) says it, about to write the row afresh or (not ``writing``)
    dry, with the way back, as ``agreed_list_gone`` says of the list above it."""
    if book.hand_written or book.how_written is None:
        return []  # the list is there, or the workbook is older than the record
    if not any(recorded_how(book, pair) == "kept" for pair in book.pairs
               if pair.row not in added):
        return []  # no pair kept: none of them was typed in by hand before the last run
    said, back, copy = _list_lost(book, HAND_SETTING, book.hand_cell, book.hand_cleared,
                                  "the pairs typed into the Pairs sheet by hand")
    unknown = ("Without the list, nothing in the workbook tells which of the kept pairs were "
               "typed in by hand: ")
    if keeping and not writing:
        return [said + unknown + ("without --dry-run, this run would write '(none)' there, "
                                  "and the letters of any such pair would say the pairing "
                                  "chose the two. If any was typed in by hand, before "
                                  f"running without --dry-run, {back}.{copy}")]
    if keeping:
        return [said + unknown + ("this run writes '(none)' there, and the letters of any "
                                  "such pair say the pairing chose the two. If any was typed "
                                  "in by hand, once it is done, type its ID over '(none)' in "
                                  f"that row of the Settings sheet ('{HAND_SETTING}').{copy}")]
    return [said + unknown + ("the letters of any such pair say the pairing chose the two, "
                              "and 'wessex pair --keep' would write '(none)' there. Put the "
                              f"list back: {back}, or '(none)' if none was.{copy}")]


def _type_back(how: str) -> str:
    """The How paired value to type back over a copied "locked", ``how`` as the Settings
    sheet records it (``HOW_SETTINGS``), or, unrecorded, how to tell which."""
    if how == "optimised":
        return "'optimised', as the last 'wessex pair' made the pair."
    if how == "kept":
        return "'kept', as the last 'wessex pair' kept the pair from the pairing before."
    if how == "added by hand":
        return "'added by hand', as the last 'wessex pair' found the pair typed in, not yet " \
            "introduced."
    if how == "locked":
        return "'locked', as the last 'wessex pair' paired the two as agreed in advance."
    return "'optimised' if the last 'wessex pair' made the pair, 'kept' if it kept it from " \
        "the pairing before."


def _taken_as_locked(keeping: bool, writing: bool, how: str, reasons: str,
                     begun: bool = False, pair_id: str = "") -> str:
    """What 'pair --keep' does with a How paired cell saying "locked" over a pair wessex
    chose, and how not to: as status foretells it, or as that run (``keeping``) says it
    first, about to write or (not ``writing``) dry; ``how``: what the cell said before, as
    the Settings sheet records it (``_type_back``); ``reasons``: the pair's Reasons cell,
    which, ``begun`` as an agreed pair's (copied too), is to lose that start as well.
    What the run writes in the Reasons its note afterwards says."""
    from .pairing import LOCKED_REASON

    back = _type_back(how)
    if begun:  # the Reasons alone would keep the two as agreed
        back = f"{back[:-1]}, and take '{LOCKED_REASON}' out of the start of {reasons}."
    if not keeping:
        return ("While it says 'locked', their letters say the two agreed in advance, and "
                "'wessex pair --keep' would keep them so from then on. If they did not agree "
                f"in advance, type back what the cell said: {back}")
    if not writing:
        return ("Without --dry-run, this run would keep the two as agreed in advance from then "
                "on, and their letters would say so. If they did not agree in advance, type "
                f"back what the cell said before running without --dry-run: {back}")
    return ("This run takes the cell at its word: it keeps the two as agreed in advance from "
            "now on, and their letters say so. If they did not agree in advance, once it is "
            f"done {undo_agreement(reasons, pair_id)}")


def undo_agreement(reasons: str, pair_id: str = "") -> str:
    """How to undo an agreement a run of 'pair --keep' took at its word (written both in the
    Reasons cell ``reasons`` and on the Settings sheet's list, ``AGREED_SETTING``), from
    'take' on: the Reasons alone would have the next run begin them again from the list."""
    from .pairing import LOCKED_REASON

    which = pair_id or "its pair ID"
    return (f"take '{LOCKED_REASON}' out of the start of {reasons}, and {which} out of the "
            "Settings sheet's row 'Pairs agreed in advance'.")


def redo_agreement(reasons: str = "its Reasons cell", pair_id: str = "its pair ID") -> str:
    """How to keep as agreed in advance a pair a run of 'pair --keep' kept as not agreed, in
    both places it reads (the Reasons cell ``reasons`` and the Settings sheet's list,
    ``AGREED_SETTING``), so that neither is warned of as the other's copy; from 'type' on."""
    from .pairing import LOCKED_REASON

    return (f"type '{LOCKED_REASON}; ' at the start of {reasons}, and {pair_id} in the "
            "Settings sheet's row 'Pairs agreed in advance', in place of '(none)' if it says "
            "so.")


def beyond_capacity(roster: Roster, volunteer: Volunteer, pairs: int, keep: Path,
                    source: str = "the volunteer workbook") -> str:
    """What to do about ``volunteer``, in ``pairs`` pairs of the pairs workbook ``keep``
    while the volunteer workbook ``roster`` (called ``source``) lets them take fewer
    partners: raise the number in their Capacity cell, named as the sheet titles it, or end
    a pair ("... lets them take 1 partner. To keep ...")."""
    cell, title = roster.cell(volunteer, "capacity"), roster.columns.get("capacity", "")
    where = f"their {title} cell ({cell})" if cell and title else \
        f"the number of partners in their row{f' ({cell})' if cell else ''}"
    every = "both" if pairs == 2 else f"all {pairs}"
    return (f"{source} lets them take {plural(volunteer.capacity, 'partner')}. To keep "
            f"{every}, make {where} {pairs}; if not, run 'wessex withdraw {keep.name} "
            f"\"{volunteer.name}\" --partner NAME' for the pair to end")


def people_of(pair: PairRecord) -> str:
    """The two people of a pair as a warning names its row: "A and B"."""
    return " and ".join(person.name or person.email for person in pair.people)


def _id_back_warning(book: PairsWorkbook, pair: PairRecord, pair_id: str) -> str:
    """What status (any command reading the workbook) says of ``missing_id_back``'s row: the
    ID to type back in its cell, rather than a row to copy back, which would put the pair
    in two rows."""
    cell, found = id_back_finding(book, pair, pair_id, held_now=True)
    kept = " What the cell says now can go in the pair's Notes." if pair.pair_id else ""
    return (f"{found} most likely {pair_id}. Type {pair_id} in {cell}, or leave it to the next "
            f"'wessex pair --keep', which gives it back there.{kept} If that row is another "
            f"pair, {pair_id}'s row was deleted: {copy_back([pair_id], book.path)}.")


def deleted_warning(ids: Sequence[str], path: Path, renamed: Sequence[int] = (),
                    unnamed_withdrawn: Sequence[int] = ()) -> str:
    """The warning for the pairs ``ids`` wessex last wrote on the Pairs sheet of ``path``,
    on no sheet now (``_pairs_deleted``): what is lost with a deleted row, and the way back.
    ``renamed`` and ``unnamed_withdrawn``: the rows that may be some of them
    (``deleted_pairs``)."""
    found = deleted_pairs(ids, renamed, unnamed_withdrawn)
    if len(renamed) + len(unnamed_withdrawn) >= len(ids):  # those rows may be them all
        return (f"{found} {which_is_which(ids)}, and the visits recorded there are no longer "
                f"counted: {copy_back(ids, path)}, before 'wessex pair --keep' pairs "
                f"{'its' if len(ids) == 1 else 'their'} people again as if new. {END_A_PAIR}")
    return (f"{found} If {rows_of(ids)} {'was' if len(ids) == 1 else 'were'} deleted, the "
            f"visits recorded there are no longer counted: {copy_back(ids, path)}. "
            f"{END_A_PAIR}")


END_A_PAIR = "To end a pair, use 'wessex withdraw'; never delete its row."


def which_is_which(ids: Sequence[str]) -> str:
    """What to do when the rows whose ID is blank or none wessex wrote are as many as the
    pairs ``ids`` missing, and so may be them (``deleted_pairs``): which is which cannot be
    told from the workbook, whose only record of a pair's people is its row, so the IDs the
    letters give are typed in those rows; a pair whose ID is then in none of them was
    deleted ("... its row was deleted", for the caller to say what follows)."""
    one = len(ids) == 1
    then = f"If {ids[0]} is then in none of them, its row was deleted" if one else \
        f"Any of {id_ranges(ids)} whose ID is then in none of them had its row deleted"
    return ("Which is which cannot be told from the workbook: type in the Pair cell of each "
            f"of those rows the ID the letters sent give its pair. {then}")


def rows_of(ids: Sequence[str]) -> str:
    """"its row" of one pair, "their rows" of several."""
    return "its row" if len(ids) == 1 else "their rows"


def copy_back(ids: Sequence[str], path: Path) -> str:
    """The way back for the rows of the pairs ``ids``, deleted by hand from the workbook
    ``path``: where a copy is (a workbook no command has changed since 'pair' has none in
    backups/)."""
    from .safe_write import backups_of

    them = "it" if len(ids) == 1 else "them"
    if not backups_of(path):
        # true after a run that backs the workbook up too: that copy lacks the rows as well
        return (f"no copy of {path.name} in backups/ has {rows_of(ids)}, so restore {them} "
                f"from a copy of your own, or type {them} in again (each pair's ID and people "
                "are in the letters sent)")
    return f"copy {rows_of(ids)} back from the newest copy in backups/ that has {them}"


def deleted_pairs(ids: Sequence[str], renamed: Sequence[int] = (),
                  unnamed_withdrawn: Sequence[int] = ()) -> str:
    """Which pairs wessex last wrote are on no sheet now (``deleted_warning``'s finding),
    and, as rows that may be them, ``renamed`` (Pairs rows whose ID is none wessex wrote) and
    ``unnamed_withdrawn`` (Withdrawn rows without an ID: withdrawn once their ID was gone)."""
    one = len(ids) == 1
    total = len(renamed) + len(unnamed_withdrawn)
    unless = ""
    if total:
        places = [_rows_in(rows, sheet) for rows, sheet in
                  ((renamed, "Pairs"), (unnamed_withdrawn, "Withdrawn")) if rows]
        if total == 1:
            which, kind, whose = ("it is" if one else "one of them is"), "pair", "ID is"
            wrote = "not one wessex wrote"
        else:
            which, kind, whose = ("it is one of" if one else "they are among"), "pairs", "IDs are"
            wrote = "not ones wessex wrote"
        unless = f" (unless {which} the {kind} in {' and '.join(places)}, whose {whose} " \
                 f"blank or {wrote})"
    return (f"{'pair' if one else 'pairs'} {id_ranges(ids)}, on the Pairs sheet when wessex "
            f"last wrote this workbook, {'is' if one else 'are'} on neither the Pairs nor "
            f"the Withdrawn sheet now{unless}.{_own_ids_read(ids)}")


def _own_ids_read(ids: Sequence[str]) -> str:
    """For the IDs among ``ids`` not written as wessex writes them ('X3'), which were read
    from the Settings list as IDs of the administrator's own (``_shaped_like_id``), how to
    tell a note typed in that list ('batch2') from them: "" when there are none."""
    own = [pair_id for pair_id in ids if pair_number(pair_id) is None]
    if not own:
        return ""
    one = len(own) == 1
    quoted = ", ".join(f"'{pair_id}'" for pair_id in own)
    return (f" ({quoted} "
            f"{'is an ID' if one else 'are IDs'} of your own, as the Settings sheet's list "
            f"'{PAIRS_SETTING}' gives {'it' if one else 'them'}: if "
            f"{'it is' if one else 'they are'} a note typed there, not a pair's ID, move "
            f"{'it' if one else 'them'} to column C of that row.)")


def typed_in_under_a_note(ids: Sequence[str], renamed: Sequence[int]) -> str:
    """For 'pair --keep', which numbers afresh the Pairs rows without an ID wessex wrote
    (``renamed``) while only IDs of the administrator's own are missing (``ids``, perhaps
    notes typed in the Settings list, ``_own_ids_read``): such a row is then most likely a
    pair typed in by hand, never introduced, which "kept" would leave out of 'render --new';
    how to have it introduced. "" otherwise."""
    if not renamed or any(pair_number(pair_id) is not None for pair_id in ids):
        return ""
    one = len(renamed) == 1
    return (f" If {'that is a note' if len(ids) == 1 else 'those are notes'}, the "
            f"{'pair' if one else 'pairs'} in {_rows_in(renamed, 'Pairs')} "
            f"{'was' if one else 'were'} typed in by hand, and never introduced: type "
            f"'added by hand' in {'its' if one else 'each'} How paired cell, and "
            f"'render --new' introduces {'it' if one else 'them'}, once.")


def _rows_in(rows: Sequence[int], sheet: str) -> str:
    """"row 4 of the Pairs sheet", "rows 2, 3 and 5 of ...", five named and the rest counted."""
    shown = [str(row) for row in rows[:5]]
    rest = len(rows) - len(shown)
    where = ", ".join(shown) + f" and {rest} more" if rest else \
        and_list(shown)
    return f"{'row' if len(rows) == 1 else 'rows'} {where} of the {sheet} sheet"


def _import_record_readers() -> None:
    """The modules that make rows into records, imported while calamine reads (which it
    does without Python's lock): a tracking command pays for neither import on its own."""
    from . import roster, tracking  # noqa: F401


class PairsLayout:
    """Where each column of a Pairs (or Withdrawn) sheet is, from the text of its header row:
    what the calamine reader and the openpyxl editor both go by to make a row a pair."""

    def __init__(self, headers: list[str], carried: Collection[str] = (),
                 labels: Sequence[str] = ()) -> None:
        """Where each column is, from the header row as read. ``carried``: the columns the
        Settings sheet says came from the volunteer workbook (``carried_setting``); other
        columns beginning "A " or "B " are the administrator's, and belong to nobody.
        ``labels``: each side's label as the Summary sheet gives it (``side_labels``), for
        ``side_key`` to read a Side cell by."""
        self.headers = headers
        self.labels = tuple(labels)
        self.lookup = first_columns(headers)
        self.people = {half: [(name, self.column(person_header(half, name)))
                              for name in PERSON_FIELDS] for half in HALVES}
        notes = {half: header_key(person_header(half, NOTES_FIELD)) for half in HALVES}
        self.carried = {half: [(h[len(half) + 1:], n) for n, h in enumerate(headers)
                               if h[:len(half) + 1].upper() == f"{half} "
                               and header_key(h[len(half) + 1:]) in carried
                               and self.lookup.get(header_key(h)) == n] for half in HALVES}
        self.notes = {half: self.lookup.get(notes[half]) for half in HALVES}
        self.named = [(n, h) for n, h in enumerate(headers) if h]
        # no column without a title, nor two with one: each row's cells then zip to titles
        self.titled = len(self.named) == len(headers) == len(set(headers))
        self.id_col = self.column(ID_COLUMN)

    def column(self, title: str) -> int | None:
        """The 0-based column headed ``title`` (matched by ``text.header_key``), if any."""
        return self.lookup.get(header_key(title))

    @staticmethod
    def text(raw: Sequence[Cell], col: int) -> str:
        """The text of cell ``col`` of a row with its line breaks (a carried Notes cell is
        as the volunteer typed it), "" past its end."""
        return cell_lines(raw[col]) if col < len(raw) else ""

    def pair(self, raw: Sequence[Cell], row: int, sheet: str = "Pairs",
             notes: list[str] | None = None) -> PairRecord | None:
        """Row number ``row`` (its cells ``raw``) as a pair record, its visits not yet read
        (``tracking.track`` reads them); None for an empty row. Given ``notes``, an e-mail
        cell that is not an address adds a warning there, and the record takes the notes."""
        from .roster import address_fault, spaced_address_warning

        width = len(raw)
        if self.titled and width >= len(self.headers):  # the usual row: zip stops at the end
            values = dict(zip(self.headers, raw, strict=False))
        else:
            values = {}  # the first of two columns with one title is the one read
            for n, h in self.named:
                values.setdefault(h, raw[n] if n < width else None)
        if not any(v not in (None, "") and cell_text(v) for v in values.values()):
            return None

        def person(half: str) -> Person:
            found: dict[str, Any] = {}
            for name, col in self.people[half]:
                cell = raw[col] if col is not None and col < width else None
                # adjustments keep their lines, which the letters keep apart
                found[name] = cell_lines(cell) if name == "adjustments" else \
                    clean_cell(cell) if type(cell) is str else cell_text(cell)
            email_col = self.people[half][PERSON_FIELDS.index("email")][1]
            email_cell = f"{sheet}!{cell_ref(row - 1, email_col or 0)}"
            name_col = self.people[half][PERSON_FIELDS.index("name")][1]
            # the fault quotes the cell as typed; the address read loses its spaces
            typed = found["email"]
            if notes is not None and (typed or found["name"]):
                fault = address_fault(email_cell, typed, found["name"], advise=True) or \
                    spaced_address_warning(email_cell, typed)
                if fault:
                    notes.append(fault)
            found["email"] = address_from_cell(typed)
            found["side"] = side_key(found["side"], self.labels)  # a label or a key
            notes_col = self.notes[half]
            return Person(**found, email_cell=email_cell if email_col is not None else "",
                          email_typed=typed,
                          name_cell=f"{sheet}!{cell_ref(row - 1, name_col)}"
                          if name_col is not None else "",
                          notes=self.text(raw, notes_col) if notes_col is not None else "",
                          extra=tuple((title, self.text(raw, col))
                                      for title, col in self.carried[half]))

        id_col = self.id_col
        pair_id = standard_id(cell_text(raw[id_col])) if id_col is not None and \
            id_col < width else ""
        a, b = person("A"), person("B")
        return PairRecord(pair_id, a, b, row=row, values=values,
                          warnings=notes if notes is not None else [])


def _pair_records(grid: Grid, header_index: int, now: dt.date | None, year: int | None,
                  check_emails: bool, carried: Collection[str] = (),
                  labels: Sequence[str] = ()) -> tuple[list[str], list[PairRecord], list[str]]:
    """The headers and the pairs below them on a Pairs (or Withdrawn) sheet, and (with
    ``check_emails``) a warning for each row below them that names nobody."""
    from .tracking import track

    layout = PairsLayout([cell_text(c) for c in grid.rows[header_index]], carried, labels)
    cleaned: dict[int, list[str]] = {}  # row number -> warnings from the reader
    ours = {header_key(title) for title in PAIRS_HEADERS}  # and the volunteer workbook's:
    ours |= {header_key(layout.headers[n]) for half in HALVES for _, n in layout.carried[half]}
    ours |= {header_key(person_header(half, NOTES_FIELD)) for half in HALVES}
    for warning in grid.warnings if check_emails else ():
        cell, message = warning
        header = layout.headers[warning.column - 1] \
            if 0 < warning.column <= len(layout.headers) else ""
        if message.startswith((UNCALCULATED, FORMULA_ERROR)) and header_key(header) not in ours:
            continue  # the administrator's own formula column: wessex does not read it
        cleaned.setdefault(warning.row, []).append(f"{grid.sheet}!{cell}: {message}" if cell
                                                   else message)
    pairs, skipped = [], []
    for index in range(header_index + 1, len(grid.rows)):
        record = layout.pair(grid.rows[index], index + 1, grid.sheet,
                             list(cleaned.get(index + 1, [])) if check_emails else None)
        if record is None:
            continue
        if not (record.a.email or record.b.email):
            # a total or a note of the administrator's below the pairs ("Total", and a count
            # in each name column), or a row whose people nobody could write to
            said = _no_address(record, grid.sheet)
            if said:
                skipped.append(said)
            continue
        if check_emails and grid.sheet == "Pairs" and (said := _half_emptied(record)):
            skipped.append(said)
        pairs.append(track(record, layout.headers, grid.sheet, now=now, year=year))
    return layout.headers, pairs, skipped


def _half_emptied(record: PairRecord) -> str:
    """The warning for a pair on the Pairs sheet one of whose two has neither a name nor an
    address left (both cells emptied by hand): the pair is still read, so its visits are
    counted as owed, but render and remind refuse any batch naming it; "" otherwise."""
    for index, gone in enumerate(record.people):
        stayed = record.people[1 - index]
        if gone.name or gone.email_as_typed or not stayed.email:
            continue
        cells = gone.cells_emptied
        pair = f"pair {record.pair_id}" if record.pair_id else "a pair with no ID"
        half = HALVES[index]
        return (f"{cells or f'Pairs!A{record.row}'}: row {record.row} ({pair}) names nobody "
                f"as {stayed.name or stayed.email}'s partner (its cells {half} name and "
                f"{half} email are empty), so its two visits are counted as still owed, and "
                "render and remind refuse any batch of letters naming the pair. Type the name "
                "and address back in (the volunteer workbook, or a copy of this workbook in "
                "the backups folder, has them); if that person has left, type them back "
                "and record it with 'wessex withdraw'.")
    return ""


def _no_address(record: PairRecord, sheet: str) -> str:
    """The warning for a row of ``sheet`` with no e-mail address on either side, which is
    not read: a total or note is fine there (on the Withdrawn sheet, "" for a row naming
    nobody); a withdrawn pair whose two addresses were emptied is counted nowhere, its
    withdrawal with it."""
    row = record.row
    names = [person.name for person in record.people if person.name]
    if sheet != "Withdrawn":
        return (f"{sheet}!A{row}: row {row} has no e-mail address on either side, so it is "
                "not counted as a pair; a total or note kept there is fine.")
    if not names:
        return ""
    found = [person.email_cell for person in record.people if person.email_cell]
    # the sheet named once: "Withdrawn!C5 and K5 are empty", "Withdrawn!C5 is empty"
    cells = " and ".join(cell.removeprefix(f"{sheet}!") if n else cell
                         for n, cell in enumerate(found))
    empty = f" ({cells} {'is' if len(found) == 1 else 'are'} empty)" if found else ""
    return (f"{sheet}!A{row}: row {row} ({' and '.join(names)}) has no e-mail address on "
            f"either side{empty}, so it is not read: "
            "status and the report count neither the pair nor the withdrawal, and 'wessex "
            "pair --keep' does not leave out whoever withdrew. Type the two addresses back in "
            "(the copies in backups/ have them).")


def withdrawn_rows(grid: Grid, carried_of: Callable[[list[str]], frozenset[str]] | None = None,
                   now: dt.date | None = None, year: int | None = None,
                   unread: list[str] | None = None, labels: Sequence[str] = ()
                   ) -> tuple[list[PairRecord], list[Withdrawn]]:
    """The rows of ``grid``, a Withdrawn sheet however read (``record`` reads it from the
    workbook open for a change), as pairs and as withdrawals; ``carried_of(headers)``: the
    columns carried from the volunteer workbook (``carried_setting``), none without it.
    ``now`` and ``year`` are as for the Pairs sheet (``tracking.track``): a visit ticked
    done there but dated after today is no more done on this sheet than on that one.
    ``unread``, given, takes a warning for each row not read (no address on either side).
    ``labels``: each side's label, as for ``PairsLayout``."""
    if not grid.is_sheet("Withdrawn") or not grid.rows:
        return [], []
    header_index = find_pairs_header(grid.rows, "Withdrawn")
    if header_index is None:
        return [], []
    refuse_pairs_above(grid.rows, header_index, "Withdrawn")
    headers = [cell_text(c) for c in grid.rows[header_index]]
    carried = carried_of(headers) if carried_of is not None else frozenset()
    headers, pairs, skipped = _pair_records(grid, header_index, now, year, False, carried,
                                            labels)
    if unread is not None:
        unread += skipped
    # the first of two columns with one title is wessex's own (withdraw writes its four
    # columns first; a Pairs column of the same title goes to a second one)
    lookup = first_columns(headers)
    found = []
    for pair in pairs:
        name = cell_text(pair.values.get(headers[lookup[header_key("Withdrawn person")]]))
        if not name:
            continue
        half = "A" if person_key(pair.a.name) == person_key(name) else \
            "B" if person_key(pair.b.name) == person_key(name) else ""
        other = {"A": "B", "B": "A"}.get(half, "")
        halves = {"A": pair.a, "B": pair.b}
        scope_col = lookup.get(header_key("Withdrew from"))
        scope = cell_text(pair.values.get(headers[scope_col])) if scope_col is not None else ""
        when_col = lookup.get(header_key("Date withdrawn"))
        when = _plain(pair.values.get(headers[when_col])) if when_col is not None else ""
        found.append(Withdrawn(
            name, email_key(halves[half].email) if half else "",
            email_key(halves[other].email) if other else "", pair.pair_id,
            when.isoformat() if isinstance(when, dt.date) else cell_text(when),
            not scope.casefold().startswith("this pair")))
    return pairs, found


def unpaired_rows(grid: Grid, carried: Collection[str] = (), labels: Sequence[str] = ()
                  ) -> list[Person]:
    """The people of ``grid``, an Unpaired sheet however read (``record`` reads it from the
    workbook open for a change), with the ``carried`` columns (those the Settings sheet
    lists as from the volunteer workbook) after wessex's own; their Side cells read by
    ``side_key`` with ``labels``."""
    from .roster import email_problem

    if not grid.is_sheet("Unpaired"):
        return []
    header_index = find_pairs_header(grid.rows, "Unpaired")
    if header_index is None:
        return []
    headers = [cell_text(c) for c in grid.rows[header_index]]
    lookup = first_columns(headers)
    extra = [(title, n) for n, title in enumerate(headers)
             if n >= len(UNPAIRED_HEADERS) and header_key(title) in carried]
    notes = lookup.get(header_key("Notes"))
    people = []
    for index, raw in enumerate(grid.rows[header_index + 1:], start=header_index + 1):
        if not any(cell_text(c) for c in raw):
            continue
        columns: dict[str, Any] = {
            name: (cell_lines if name == "adjustments" else cell_text)(raw[lookup[name]])
            for name in PERSON_FIELDS if name in lookup and lookup[name] < len(raw)}
        # 'Ann <ann@nhs.net>' is Ann's address, as on the Pairs sheet; what is none stays as
        # typed, for the warning to quote
        typed = columns.get("email", "")
        address = address_from_cell(typed)
        if address and email_problem(address) is None:
            columns["email"] = address
        if "side" in columns:
            columns["side"] = side_key(columns["side"], labels)
        people.append(Person(
            **columns, email_typed=typed,
            notes=PairsLayout.text(raw, notes) if notes is not None else "",
            extra=tuple((title, PairsLayout.text(raw, n)) for title, n in extra),
            email_cell=f"{grid.sheet}!{cell_ref(index, lookup['email'])}" if "email" in lookup
            else "",
            name_cell=f"{grid.sheet}!{cell_ref(index, lookup['name'])}" if "name" in lookup
            else ""))
    return people


def _plain(value: Any) -> Any:
    """A date cell as a date (openpyxl, and calamine for a cell that shows a time, give a
    datetime at midnight), anything else as read."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():  # a time is never false
        return value.date()
    return value
