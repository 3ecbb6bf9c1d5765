"""Loading whichever workbook a document or merge command is given: pairs or volunteers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TemplateError
from .model import PairRecord, PairsWorkbook, Person, how_paired_text
from .scheme import Scheme
from .text import and_list, plural

if TYPE_CHECKING:
    from .documents import DocumentTemplate
    from .roster import Roster, Volunteer


def load_pairs(path: Path, now: dt.date | None = None,
               year: int | None = None, finished_withdrawn: bool = False,
               start: dt.date | None = None, withdrawn_warnings: bool = False,
               capacities: Scheme | None = None) -> tuple[list[PairRecord], list[str]]:
    """Pairs with their visits as tracked (as of ``now``, default today), and warnings about
    unreadable tracking cells. ``year`` completes tracking dates typed without one;
    ``start`` (the scheme's) names a visit dated before it.
    ``finished_withdrawn``: the pairs on the Withdrawn sheet whose two visits were both done
    and dated before one of them withdrew come too (their certificates are earned: someone
    whose second partner dropped out keeps the exchange they finished with the first).
    ``withdrawn_warnings``: the warnings of the Withdrawn sheet's rows come too (a half day
    typed there that cannot be read), as the report gives them (status).
    ``capacities``: the warnings of anyone in more pairs than the volunteer workbook the
    pairs were made from lets them take come too (``beyond_capacity_warnings``; status)."""
    pairs, _, warnings = load_pairs_ended(path, now, year, finished_withdrawn, start,
                                          withdrawn_warnings, ended=False,
                                          capacities=capacities)
    return pairs, warnings


def load_pairs_ended(path: Path, now: dt.date | None = None, year: int | None = None,
                     finished_withdrawn: bool = False, start: dt.date | None = None,
                     withdrawn_warnings: bool = False, ended: bool = True,
                     capacities: Scheme | None = None
                     ) -> tuple[list[PairRecord], list[PairRecord], list[str]]:
    """As ``load_pairs``, and from the same read the pairs of the Withdrawn sheet (when
    ``ended``), whom someone was paired with before: a letter to one with two partners, now
    or ever, is named for the partner it is about (``documents.several_partners``)."""
    from .dates import today

    book, pairs, warnings, _ = _read_pairs(path, now, False, year, side_sheets=(
        ended or finished_withdrawn or withdrawn_warnings), start=start, unpaired=False)
    if capacities is not None:
        warnings += beyond_capacity_warnings(book, pairs, capacities)
    if withdrawn_warnings:
        warnings += [*book.withdrawn_unread,
                     *(said for pair in book.withdrawn for said in pair.warnings)]
    if finished_withdrawn:
        day = now or today()
        # one exchange, one certificate: a pair still (or again) on the Pairs sheet, its row
        # copied back after a withdrawal typed by mistake, or moved there twice, comes once
        seen = {(pair.pair_id, pair.couple) for pair in pairs}
        for pair in book.withdrawn:
            same = (pair.pair_id, pair.couple)
            if same not in seen and all(visit.done and visit.date and visit.date <= day
                                        for visit in pair.visits):
                seen.add(same)
                pairs.append(pair)
                if not withdrawn_warnings:  # else given above with the others
                    warnings += pair.warnings
    return pairs, book.withdrawn, warnings


def load_new_pairs(path: Path, year: int | None = None, start: dt.date | None = None,
                   now: dt.date | None = None) -> RenderPairs:
    """For 'render --new', in one read: the pairs the last 'wessex pair' made (How paired is
    a value wessex writes, not "kept"; not one typed in by hand, nor one that may be a pair
    deleted), every pair of the Pairs sheet (whose letters are in the folder already), those
    of them introduced before, whom a new pair's letter names as partners already there (not
    a pair typed in by hand since, which no letter has introduced yet), the pairs of the
    Withdrawn sheet (as ``load_pairs_ended``), the warnings of the first, as ``load_pairs``
    gives them, and the pairs held back until a cell those warnings name is fixed."""
    book, pairs, warnings, held = _read_pairs(path, now, True, year, side_sheets=True,
                                              start=start, unpaired=False)
    new = {pair.row for pair in pairs}
    before = [pair for pair in book.pairs if not pair.typed_in and pair.row not in new]
    return RenderPairs(pairs, every=book.pairs, before=before, ended=book.withdrawn,
                       warnings=warnings, held=held)


def load_everyone(path: Path, year: int | None = None, start: dt.date | None = None,
                  now: dt.date | None = None
                  ) -> tuple[list[PairRecord], list[Person], list[str]]:
    """As ``load_pairs``, and in the same read the volunteers in no pair now but still in
    the scheme: the Unpaired sheet's, and on the Withdrawn sheet the partner of each who
    withdrew (until a re-pairing finds them someone). A warning names the cell of each
    whose address is missing or is not one: a letter reaches them, an e-mail cannot
    (``documents.refuse_unaddressed``)."""
    from .roster import address_fault, spaced_address_warning
    from .text import person_key

    book, pairs, warnings, _ = _read_pairs(path, now, False, year, side_sheets=True,
                                           start=start)
    gone = {left.key for left in book.withdrawals if left.whole_scheme}
    # someone whose address was emptied on the Withdrawn sheet is known by name: not the one
    # who left the scheme, nor someone on the Pairs or Unpaired sheet now, who is written to
    # there
    named = {person_key(someone.name) for someone in [
        *book.unpaired, *(person for pair in book.pairs for person in pair.people)]} | \
        {person_key(left.person) for left in book.withdrawals if left.whole_scheme}

    def still_here(someone: Person) -> bool:
        if someone.key:
            return someone.key not in gone
        return bool(someone.name) and person_key(someone.name) not in named

    others = [*book.unpaired, *(someone for pair in book.withdrawn for someone in pair.people
                                if still_here(someone))]
    for person in others:
        fault = address_fault(person.email_cell, person.email_as_typed, person.name,
                              "in no pair now", advise=True) or \
            spaced_address_warning(person.email_cell, person.email_as_typed)
        if fault:
            warnings.append(fault)
    return pairs, others, warnings


@dataclass
class RenderPairs:
    """The pairs workbook as 'wessex render' reads it for one template: the pairs written
    for, the volunteers in no pair (a letter to each volunteer goes to them too), with --new
    every pair and those introduced before, the Withdrawn sheet's pairs, and the warnings;
    ``held``: with --new, the pairs left out as perhaps new until a cell named in the
    warnings is fixed (How paired blank or unknown, typed in by hand, perhaps a pair deleted)."""

    pairs: list[PairRecord]
    unpaired: list[Person] = field(default_factory=list)
    every: list[PairRecord] = field(default_factory=list)
    before: list[PairRecord] = field(default_factory=list)
    ended: list[PairRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    held: list[PairRecord] = field(default_factory=list)


def load_render_pairs(path: Path, template: DocumentTemplate, scheme: Scheme, *,
                      new: bool = False, volunteers_given: bool = False,
                      now: dt.date | None = None) -> RenderPairs:
    """The pairs workbook ``path`` read for ``template`` as 'wessex render --pairs' reads it
    (and the gallery, tests/golden.py): a letter to each volunteer, with no volunteer
    workbook given, goes to everyone still in the scheme (``load_everyone``); --new, to the
    pairs the last pairing made; a certificate, to the Withdrawn sheet's finished pairs too."""
    year, start = scheme.year, scheme.start
    if not volunteers_given and not new and template.audience == "volunteer":
        pairs, unpaired, warnings = load_everyone(path, year=year, start=start, now=now)
        return RenderPairs(pairs, unpaired, warnings=warnings)
    if new:  # and every pair: whom else the new pairs' people are paired with
        return load_new_pairs(path, year=year, start=start, now=now)
    pairs, ended, warnings = load_pairs_ended(path, now, year=year,
                                              finished_withdrawn=template.only_complete,
                                              start=start)
    return RenderPairs(pairs, ended=ended, warnings=warnings)


def _read_pairs(path: Path, now: dt.date | None, only_new: bool, year: int | None,
               side_sheets: bool, start: dt.date | None = None, unpaired: bool = True
               ) -> tuple[PairsWorkbook, list[PairRecord], list[str], list[PairRecord]]:
    """The pairs workbook, the pairs written for, their warnings, and (``only_new``: for
    'render --new') the pairs held back as perhaps new, until a cell the warnings name is
    fixed: typed in by hand, perhaps a pair deleted, How paired blank or unknown."""
    from .dates import today
    from .pairing import HOW_PAIRED
    from .pairs_workbook import (
        added_by_hand,
        agreed_list_gone,
        copied_row_warnings,
        hand_list_gone,
        how_paired_kept_retyped,
        how_paired_unknown,
        how_paired_unknown_ahead,
        in_place_held_back,
        in_place_list_gone,
        lock_edits,
        perhaps_deleted,
        perhaps_deleted_left_out,
        read_pairs_workbook,
        record_rows_lost,
        recorded_how,
        typed_in_since,
    )
    from .tracking import dated_before

    book = read_pairs_workbook(path, now=now or today(), year=year, side_sheets=side_sheets,
                               unpaired=unpaired)
    held: list[PairRecord] = []
    for pair in book.pairs:
        pair.warnings = [*pair.warnings, *dated_before(pair, book.headers, start)]
    pairs = book.pairs
    copied = copied_row_warnings(pairs)
    added = added_by_hand(book)
    for pair in pairs:  # its letters are worded as for a pair the administrator chose
        pair.typed_in = pair.row in added
        # as status asks it back: a pair wessex wrote under none of the values was "locked"
        pair.how_recorded = recorded_how(book, pair)
    edits = lock_edits(book, added)
    locks_at = len(copied)  # the lock warnings' place, given once --new has said its own
    merged: set[int] = set()  # rows whose lock --new's warning of the pair left out says too
    if not only_new:  # --new says it of the pairs it leaves out, in its own words
        copied += how_paired_unknown_ahead(book, added)
    if only_new:
        title = book.column_title("How paired")  # each cell read once, not per filter
        if title is None:
            raise TemplateError("this pairs workbook has no 'How paired' column, so the pairs "
                                "made in the last run cannot be told apart.",
                                "Leave out --new, or restore the column.", file=path)
        # a pair typed in by hand since the last pairing is new to nobody's record yet,
        # whatever its How paired cell (copied with a row) says: 'pair --keep' marks it
        # "added by hand", and --new then introduces it, once
        copied += typed_in_since(book, added)
        # while a pair wessex wrote is on no sheet, no row is taken as added by hand: one
        # whose ID is none wessex wrote may be that pair, introduced already, typed in again
        # (its How paired cell blank or copied), so it is left out too, and said
        how = {p.row: how_paired_text(p.values.get(title)) for p in pairs}
        unsure = [p for p in perhaps_deleted(book) if how[p.row] != "kept"]
        copied += perhaps_deleted_left_out(book, unsure)
        left_out = added | {p.row for p in unsure}
        # a How paired cell blank or saying what wessex never writes (a typo, a note) was
        # emptied or typed over by hand: kept or new is not known, and a kept pair's people
        # would be introduced again, so it is left out as a pair typed in is, and said
        unknown = [p for p in pairs if p.row not in left_out and how[p.row] not in HOW_PAIRED]
        copied += how_paired_unknown(book, unknown)
        left_out |= {p.row for p in unknown}
        # one saying it is new, which the last pairing kept (introduced already): the cell
        # typed over, or copied or filled down from a new pair's row
        retyped = [p for p in pairs if p.row not in left_out and p.how_recorded == "kept" and
                   how[p.row] in ("optimised", "locked")]
        # 'locked' typed there over Reasons not an agreed pair's is said once, in that
        # warning, with the value to type back
        merged = {p.row for p, _, locking in edits if locking} & {p.row for p in retyped}
        copied += how_paired_kept_retyped(book, retyped, merged)
        left_out |= {p.row for p in retyped}
        held = [p for p in pairs if p.row in left_out]
        pairs = [p for p in pairs if p.row not in left_out and how[p.row] != "kept"]
    copied[locks_at:locks_at] = [*(said for pair, said, _ in edits if pair.row not in merged),
                                 *agreed_list_gone(book, added),
                                 *hand_list_gone(book, added),
                                 *in_place_list_gone(book, added),
                                 *record_rows_lost(book)]
    copied += in_place_held_back(book)
    return book, pairs, [*book.warnings, *copied, *(w for pair in pairs for w in pair.warnings)], \
        held


def paired_from(path: Path, entries: Sequence[str] | None = None) -> list[Path]:
    """Where the volunteer workbook that the pairs workbook ``path`` was paired from is, as
    its Settings sheet names it (``entries``: what it says, when already read): the path
    recorded there, from ``path``'s folder, or, when no file is there, its name alone beside
    ``path`` (a workbook written before the path was recorded). Empty when nothing is
    recorded."""
    from .pairs_workbook import INPUT_SETTING, recorded_files

    found = recorded_files(path, INPUT_SETTING) if entries is None else \
        [(entry, path.parent / entry) for entry in entries]
    return [given if given.is_file() or not (path.parent / given.name).is_file()
            else path.parent / given.name for _, given in found]


def volunteers_argument(pairs: Path, entries: Sequence[str] | None = None) -> str:
    """The volunteer workbook that ``pairs`` was paired from, as its Settings sheet records
    it (``entries``: what it says, when already read), written as it is typed in a command
    run from this folder ("team-2027.xlsx", in double quotes if it has a space, as every
    shell reads them); VOLUNTEERS, the name the help gives the argument, when nothing is
    recorded or the record cannot be read."""
    from .errors import WessexError
    from .pairs_workbook import path_from

    try:
        found = paired_from(pairs, entries)
    except WessexError:
        found = []
    if not found:
        return "VOLUNTEERS"
    there = [source for source in found if source.is_file()]
    typed = path_from((there or found)[0], Path.cwd())
    return f'"{typed}"' if any(c.isspace() for c in typed) else typed


def roster_paired_from(path: Path, scheme: Scheme, entries: Sequence[str] | None = None
                       ) -> Roster | None:
    """The volunteer workbook that the pairs workbook ``path`` was paired from (its Settings
    sheet names it; ``entries``: what it says, when already read), read, if it is still
    where that puts it or beside ``path``; else None, as when it cannot be read."""
    from .errors import WessexError
    from .roster import read_roster

    for source in paired_from(path, entries):
        if source.is_file() and source.resolve() != path.resolve():
            try:
                return read_roster(source, scheme)
            except WessexError:
                return None
    return None


def beyond_capacity_warnings(book: PairsWorkbook, pairs: Sequence[PairRecord],
                             scheme: Scheme) -> list[str]:
    """A warning for each person in more ``pairs`` of the pairs workbook ``book`` than the
    volunteer workbook it was paired from (``roster_paired_from``) lets them take, most
    often a pair typed in by hand with someone already paired: 'pair --keep' keeps them all
    as they stand, and says so then. Counted as it counts them: the pairs whose two people
    are both active there, a pair in two rows once. Nothing is said when that workbook is
    not found, and it is read only when someone is in two pairs or more (everyone takes
    one partner at least)."""
    from collections import Counter

    from .pairs_workbook import beyond_capacity

    rows: dict[frozenset[str], PairRecord] = {}
    for pair in pairs:
        if pair.a.key and pair.b.key:
            rows.setdefault(pair.couple, pair)
    if max(Counter(key for couple in rows for key in couple).values(), default=0) < 2:
        return []
    roster = roster_paired_from(book.path, scheme, book.paired_from)
    if roster is None:
        return []
    active = {volunteer.key: volunteer for volunteer in roster.active}
    theirs: dict[str, list[tuple[PairRecord, Person]]] = {}
    for pair in rows.values():
        x, y = active.get(pair.a.key), active.get(pair.b.key)
        if x is None or y is None or x.side == y.side:  # 'pair --keep' ends it
            continue
        for person, partner in ((pair.a, pair.b), (pair.b, pair.a)):
            theirs.setdefault(person.key, []).append((pair, partner))
    said = []
    for key, found in theirs.items():
        volunteer = active[key]
        if len(found) <= volunteer.capacity:
            continue
        partners = and_list([f"with {partner.name} ({pair.pair_id or 'no pair ID'}, row "
                             f"{pair.row})" for pair, partner in found])
        advice = beyond_capacity(roster, volunteer, len(found), book.path,
                                 f"{roster.path.name}, the volunteer workbook they were "
                                 "paired from,")
        said.append(f"{volunteer.name} is in {len(found)} pairs on the Pairs sheet, "
                    f"{partners}, but {advice}. Until then 'wessex pair --keep' keeps "
                    f"{'both' if len(found) == 2 else 'all'} pairs as they stand, and says so.")
    return said


def load_volunteers(path: Path, scheme: Scheme) -> list[Person]:
    """The active volunteers of a volunteer workbook, as the people documents are written to."""
    return load_volunteers_agreed(path, scheme)[0]


def load_volunteers_agreed(path: Path, scheme: Scheme
                           ) -> tuple[list[Person], dict[str, tuple[str, ...]]]:
    """As ``load_volunteers``, and from the same read ``agreed_partners``: whom the Partner
    column already pairs each volunteer with, for letters that would otherwise ask them to
    choose."""
    from .roster import read_roster

    roster = read_roster(path, scheme)
    if roster.errors:
        first = roster.errors[0]
        raise TemplateError(f"the volunteer workbook has {plural(len(roster.errors), 'error')}, "
                            f"the first at {first.cell}: {first.text}",
                            f"Run 'wessex check {path.name}' and fix them first.", file=path)
    return [Person.of(v) for v in roster.active], agreed_partners(roster.active)


def agreed_partners(volunteers: Sequence[Volunteer]) -> dict[str, tuple[str, ...]]:
    """The volunteers (by key) whose every place (their capacity) is taken by a partner
    agreed in the Partner column, their own or the partner's: the names of those partners.
    ``wessex pair`` keeps such a pair as given, so these people have nobody left to choose."""
    active = {v.key: v for v in volunteers}
    agreed: dict[str, dict[str, str]] = {}
    for volunteer in volunteers:
        partner = active.get(volunteer.partner or "")
        if partner is not None:
            agreed.setdefault(volunteer.key, {})[partner.key] = partner.name
            agreed.setdefault(partner.key, {})[volunteer.key] = volunteer.name
    return {key: tuple(names.values()) for key, names in agreed.items()
            if len(names) >= active[key].capacity}


def is_pairs_workbook(path: Path) -> bool:
    """Whether ``path`` is a pairs workbook written by ``wessex pair`` (it has a Pairs
    sheet), so commands that take either kind of workbook know which they were given."""
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return False
    from python_calamine import CalamineWorkbook

    from .errors import WessexError
    from .inspection import inspect_input
    from .spreadsheet import same_sheet

    try:
        inspect_input(path)  # a pipe, a bomb or a huge sheet is never opened here
    except WessexError:
        return False  # the volunteer reader inspects it again and explains
    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            return any(same_sheet(name, "Pairs") for name in book.sheet_names)
    except Exception:  # noqa: BLE001 - not readable here: let the real reader explain
        return False
