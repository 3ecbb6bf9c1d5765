"""``wessex pair`` from file to file: read, leave out, keep, pair, and save.

``run_pairing`` is the command's whole core. It reads the volunteer workbook, leaves out
rows with errors (``--skip-errors``), applies earlier years (``--history``), keeps the pairs
of an earlier pairs workbook (``--keep``: read under that workbook's lock, so that no
``wessex visit`` can slip in between reading its tracking columns and saving the new pairs,
and then changed in place rather than rebuilt), pairs, and writes the pairs workbook. It
prints nothing; the command shows what it returns.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RosterError
from .text import and_list, email_key, first_capital, person_key, plural

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from .check import LeftOut
    from .model import PairRecord, PairsWorkbook
    from .pairing import Explanation, Pair, PairingResult
    from .roster import Roster, Volunteer
    from .scheme import Scheme
    from .spreadsheet import Grid


@dataclass
class PairingRequest:
    """What ``wessex pair`` was asked to do, its options as plain values."""

    volunteers: Path
    scheme: Scheme
    output: Path | None = None  # default: pairs.xlsx beside the volunteer workbook
    keep: Path | None = None
    locks: list[str] = field(default_factory=list)
    seed: int | None = None
    history: list[Path] = field(default_factory=list)
    skip_errors: bool = False
    force: bool = False
    dry_run: bool = False
    why: str | None = None  # explain this person instead of writing anything

    @property
    def target(self) -> Path:
        """The pairs workbook to write: ``-o``, else the one ``--keep`` names (it is changed
        in place, wherever it is and whatever it is called), else pairs.xlsx beside the
        volunteer workbook."""
        return self.output or self.keep or self.volunteers.with_name("pairs.xlsx")

    @property
    def writing(self) -> bool:
        """Whether a pairs workbook is written (not for --dry-run or --why)."""
        return not (self.dry_run or self.why)


class NoteKind(Enum):
    """What a note after the pairing is: said for the record, or a warning of something that
    may be wrong and wants the administrator's look (the terminal begins it "Warning:",
    ``--json`` lists it under "warnings")."""

    NOTE = "note"
    WARNING = "warning"


@dataclass(frozen=True)
class Note:
    """One thing ``wessex pair`` says after the pairs, and its kind."""

    text: str
    kind: NoteKind = NoteKind.NOTE

    def __str__(self) -> str:
        """As the terminal says it: a warning begins "Warning:"."""
        return f"Warning: {self.text}" if self.kind is NoteKind.WARNING else self.text


@dataclass
class PairingRun:
    """What ``run_pairing`` did: the pairs, who was left out and why, and what was saved."""

    result: PairingResult
    roster: Roster
    left_out: list[LeftOut]
    notes: list[Note]  # withdrawals honoured, locks let go: each said to the administrator
    saved: Path | None
    in_place: bool  # --keep changed the kept workbook itself (a backup was kept)
    explanation: Explanation | None = None
    unchanged: bool = False  # --keep found nothing to change: nothing saved, no backup
    backup: Path | None = None  # the copy kept of the workbook --keep changed in place
    replaced: Path | None = None  # the copy kept of another file -o named, replaced (--force)


def run_pairing(request: PairingRequest,
                reading: Callable[[int, int], None] | None = None,
                solving: Callable[[int], AbstractContextManager[Any]] | None = None
                ) -> PairingRun:
    """Pair the volunteers of ``request`` and save the pairs workbook.

    ``reading(rows_read, rows)`` reports progress through a long sheet; ``solving(active)``
    is entered while the solver runs (a spinner on a terminal)."""
    from .spreadsheet import collector_paused

    with collector_paused():  # read, pair and write: no cycles worth the collector's passes
        return _run_pairing(request, reading, solving)


def _run_pairing(request: PairingRequest, reading: Callable[[int, int], None] | None,
                 solving: Callable[[int], AbstractContextManager[Any]] | None) -> PairingRun:
    from .check import unread_rows, without_errors
    from .dates import today
    from .pairing import LOCKED_REASON, explain, held_in, pair_volunteers, parse_lock
    from .pairs_workbook import (
        added_by_hand,
        agreed_list_gone,
        hand_list_gone,
        in_place_list_gone,
        leave_out_withdrawn,
        lock_edits,
        missing_id_back,
        moved_deleted_warnings,
        pair_agreed,
        read_pairs_workbook,
        record_rows_lost,
        returned_pairs,
    )
    from .record import carry_pairing
    from .roster import read_roster
    from .safe_write import (
        guard_output,
        real_path,
        refuse_writing_over_input,
        shown_backup,
        write_lock,
    )
    from .workbook_edit import edit_workbook

    for lock in request.locks:  # a mistyped --lock is said first, before any file is looked at
        parse_lock(lock)
    from_scheme = _scheme_history(request)
    roster = read_roster(request.volunteers, request.scheme, reading,
                         alongside=functools.partial(_heavy_imports, request.writing))
    if not roster.rows:
        raise RosterError(f"no volunteers found in {request.volunteers.name}: the header row "
                          f"(row {roster.header_row}) has nothing below it.",
                          "Add one row per volunteer under the headers.",
                          file=request.volunteers)
    left_out: list[LeftOut] = []
    notes: list[Note] = []
    if from_scheme:  # each workbook read once, whether listed there, given, or both
        from .history import new_files

        request.history = [*request.history, *new_files(from_scheme, request.history)]
        notes.append(Note(f"Earlier partners kept apart, as {_shown(request.scheme.source)} "
                          "says under [pairing] history: from "
                          f"{', '.join(_shown(earlier) for earlier in from_scheme)}."))
    target, keep = request.target, request.keep
    if keep is not None and keep.suffix.lower() in (".xlsx", ".xlsm"):  # others: refused
        from .errors import TrackingError
        from .inspection import inspect_input
        from .sources import is_pairs_workbook

        inspect_input(keep)  # an unsafe file is refused as such, before anything else
        if not is_pairs_workbook(keep):  # said first: not "pairs.xlsx exists, use --force"
            raise TrackingError("this workbook has no 'Pairs' sheet, so it is not a pairs "
                                "workbook written by 'wessex pair'.",
                                "Give --keep the pairs workbook to keep (pairs.xlsx).",
                                file=keep)
        given = {earlier.resolve() for earlier in request.history}
        recorded = [(entry, earlier) for entry, earlier in
                    _history_of(keep, missing_ok=bool(request.history))
                    if earlier.resolve() not in given]
        request.history = [*request.history, *(earlier for _, earlier in recorded)]
        if recorded:  # as well as any given now: a --history adds a year, drops none
            notes.append(Note(f"Earlier partners kept apart again, as when {keep.name} was "
                              f"paired: from {', '.join(entry for entry, _ in recorded)} "
                              f"(as its Settings sheet says, from {keep.name}'s folder)."))
    elif request.writing and request.force and not request.history and target.is_file() \
            and target.suffix.lower() == ".xlsx":  # without --force, it is refused anyway
        _refuse_to_drop_history(target)
    history = None
    if request.history:
        from .history import read_history

        history = read_history(request.history)  # once, for --skip-errors and the pairing
    if request.skip_errors:
        from .history import with_history_problems

        # a lock of earlier partners (every year: given, in scheme.toml, or in the Settings
        # of --keep) is an error of its row, as 'check' says: left out too
        if history is not None:
            roster = with_history_problems(roster, history)
        unread = unread_rows(roster)
        roster, left_out = without_errors(roster)
        _refuse_naming_the_left_out(request, left_out)
        if unread:
            notes.append(Note(f"{plural(len(unread), 'row')} repeating someone listed earlier "
                         f"{'was' if len(unread) == 1 else 'were'} not read (row "
                         f"{', '.join(map(str, unread))}): move anything new in "
                         f"{'it' if len(unread) == 1 else 'them'} (a phone number, a note) "
                         "to that person's first row, then delete the repeat."))
    if history is not None:
        from .history import apply_history, new_addresses

        for key, old in new_addresses(roster, history).items():
            person = roster.by_key()[key]
            notes.append(Note(f"{person.name} ({person.email}) is taken to be the "
                              f"{history.names[old]} of the earlier pairs ({old}): the same "
                              "name under another address, so their earlier partners are "
                              "kept apart."))
        roster = apply_history(roster, history)
    in_place = keep is not None and real_path(target) == real_path(keep)
    replaced = None
    if request.writing and not in_place:  # with --force: backed up
        refuse_writing_over_input(target, request.volunteers, "pairs workbook",
                                  "volunteer workbook", "pairs.xlsx")
        replaced = guard_output(target, request.force, "pairs workbook")
    editing = edit_workbook(keep, save_to=None if in_place else target, keep_backup=in_place) \
        if keep is not None and request.writing else None
    with editing if editing is not None else write_lock(target) if request.writing \
            else contextlib.nullcontext() as book:
        # the backup of the workbook this run writes over, named before the save so that
        # the way back can name it; "" when it writes over nothing it was given to keep
        copy_before = shown_backup(book.backup, keep) \
            if book is not None and keep is not None and book.backup else ""
        kept, retired, apart = [], [], []
        gone: set[str] = set()  # IDs of pairs deleted by hand, on no sheet: never given again
        # by address and by name: the error may be in the address itself
        held = {email_key(p.email) for p in left_out if p.email} | \
            {person_key(p.name) for p in left_out if p.name}
        given_back: dict[int, str] = {}  # a row whose ID was emptied or typed over -> its ID
        added: set[int] = set()  # rows of pairs typed in by hand, never introduced
        # pairs whose Reasons this run begins as an agreed pair's, warned of first: How
        # paired 'locked' typed in, or the list of the pairs agreed in advance naming them
        warned_agreed: set[str] = set()
        deleted_note: int | None = None  # where the notes say a Withdrawn row was deleted
        # the warnings of How paired cells typed over (``lock_edits``): pair, note, locking
        edit_notes: list[tuple[PairRecord, Note, bool]] = []
        if keep is not None:
            earlier = read_pairs_workbook(keep)  # its pairs and its Withdrawn sheet, read once
            _refuse_rows_it_cannot_keep(keep, earlier)
            notes += [_unread_list(said, keep, request, copy_before)
                      for said in [*earlier.unread_list, *earlier.unread_moved,
                                   *earlier.unread_how]]
            notes += [_moved_emptied(said, keep, request, copy_before)
                      for said in earlier.moved_emptied]
            notes += [Note(said, NoteKind.WARNING) for said in earlier.unknown_ids]
            back = missing_id_back(earlier)
            if back is not None and not held_in(back[0], held):  # a held row stays as it is
                notes.append(_id_given_back(earlier, *back, request.writing))
                back[0].pair_id = given_back[back[0].row] = back[1]
            elif earlier.deleted:
                notes.append(_pairs_deleted_since(keep, earlier, request.force,
                                                  request.writing, bool(request.why),
                                                  copy_before))
            kept = [p for p in earlier.pairs if p.a.email and p.b.email]
            added = added_by_hand(earlier)
            # 'locked' copied or filled down over a pair wessex chose: said before this run
            # takes it at its word (the Reasons it begins are named after, without repeating)
            edits = lock_edits(earlier, added, keeping=True, writing=request.writing)
            edit_notes = [(pair, Note(said, NoteKind.WARNING), locking)
                          for pair, said, locking in edits]
            notes += [note for _, note, _ in edit_notes]
            # named alone once done, the warning above having said what it means; or, the
            # list naming the pair (``agreed_by_list``), not again: that warning names the
            # cell and says this run begins it
            warned_agreed = {pair.pair_id for pair, _, locking in edits
                             if locking or pair.agreed_recorded}
            notes += map(Note, returned_pairs(earlier))
            notes += [Note(said, NoteKind.WARNING) for said in earlier.on_both_sheets]
            # their people are no longer kept out: said here once the pairs are made
            deleted_note = len(notes) if earlier.moved_deleted else None
            notes += [Note(said, NoteKind.WARNING) for said in earlier.withdrawn_unread]
            notes += [Note(found, NoteKind.WARNING) for pair in earlier.pairs
                      if pair.row in added and (found := _recorded_before_added(pair))]
            withdrawals = earlier.withdrawals
            # an ID on no sheet now is still in the letters sent (its row emptied or deleted):
            # a pair numbered afresh never takes it, whichever it was
            gone = {*earlier.deleted, *earlier.gone, *earlier.moved_deleted}
            # and a pair moved to the Withdrawn sheet keeps its ID there, even once its row
            # there is deleted: its letters name it
            retired = [w.pair_id for w in withdrawals if w.pair_id] + sorted(gone) + \
                sorted(earlier.moved)
            apart = [(w.key, w.partner_key) for w in withdrawals
                     if not w.whole_scheme and w.key and w.partner_key]
            roster, withdrawn = leave_out_withdrawn(roster, withdrawals, keep)
            notes += map(Note, withdrawn)
            roster = _locks_already_kept(roster, kept)
        if history is not None:  # said of whoever is in this pairing: not one withdrawn
            from .history import choices_partnered_before

            notes += [Note(said) for said in choices_partnered_before(roster)]
        with solving(len(roster.active)) if solving else contextlib.nullcontext():
            result = pair_volunteers(roster, request.scheme, locks=request.locks, keep=kept,
                                     seed=request.seed, retired_ids=retired, apart=apart,
                                     held=held, added=added)
        held_kept: set[str] = set()  # held pairs whose How paired cell alone says 'kept' now
        held_agreed: set[str] = set()  # held pairs agreed in advance, recorded so again
        if keep is not None:
            from .pairs_workbook import held_how_paired

            # the pairs wessex wrote that are on the Withdrawn sheet now or were, or on the
            # Pairs sheet when it last wrote it
            written_before = {*earlier.moved, *(earlier.listed or ())}
            # a held pair's How paired cell is left as it was, and recorded so again; but one
            # the pairing before made says 'kept' now, as a pair carried over does, or
            # 'render --new' would introduce its people to each other twice
            held_how = {p.pair_id: how for p in result.held
                        if p.pair_id in written_before and (how := held_how_paired(earlier, p))}
            held_kept = {p.pair_id for p in result.held
                         if p.pair_id in held_how and _held_now_kept(p, held_how[p.pair_id])}
            held_agreed = {p.pair_id for p in result.held
                           if p.agreed_recorded or held_how.get(p.pair_id) == "locked" or
                           str(p.value("Reasons") or "").startswith(LOCKED_REASON)}
            held_how.update(dict.fromkeys(held_kept, "kept"))
            if deleted_note is not None:  # as paired: a run pairing nobody new says so
                undo = (f"copy {copy_before} back over {keep.name}" if copy_before
                        else f"pair again from {keep.name}, which this run left as it was") \
                    if request.writing else ""
                said = moved_deleted_warnings(
                    earlier, "this pairing" if request.writing else "the real run", undo,
                    made=any(not p.carried for p in result.pairs))
                notes[deleted_note:deleted_note] = [Note(s, NoteKind.WARNING) for s in said]
            # an agreement said to end, kept by a lock (a Partner cell, --lock) naming the two:
            # the warning is untrue, and the note of their Reasons begun again says why (one
            # the Settings list keeps agreed says so itself: ``agreed_by_list``)
            still_agreed = {p.pair_id for p in result.pairs if pair_agreed(p)}
            untrue = [note for pair, note, locking in edit_notes
                      if not locking and not pair.agreed_recorded and
                      pair.pair_id in still_agreed and
                      not str(pair.value("Reasons") or "").startswith(LOCKED_REASON)]
            notes = [note for note in notes if all(note is not wrong for wrong in untrue)]
            notes += [Note(said, NoteKind.WARNING) for said in agreed_list_gone(
                earlier, added, keeping=True, writing=request.writing, still_agreed=still_agreed)]
            notes += [Note(said, NoteKind.WARNING) for said in hand_list_gone(
                earlier, added, keeping=True, writing=request.writing)]
            notes += [Note(said, NoteKind.WARNING) for said in in_place_list_gone(
                earlier, added, keeping=True, writing=request.writing)]
            notes += [Note(said, NoteKind.WARNING) for said in earlier.withdrawn_id_emptied]
            notes += [Note(said, NoteKind.WARNING) for said in record_rows_lost(
                earlier, keeping=True, writing=request.writing)]
            notes += _kept_but_broken(result, keep, roster)
            notes += _locked_by_copy(earlier, added, result, request.writing, copy_before)
            notes += _pairs_on_other_sheets(keep, earlier.other_sheets, result, roster,
                                            set(earlier.moved_elsewhere.values()))
        for pair in result.held:
            if pair.pair_id in result.side_changed:
                notes.append(_side_changed_note(pair, result.side_changed[pair.pair_id],
                                                keep))
                continue
            rows = [f"{p.name}'s row (row {p.row})" for p in left_out
                    if email_key(p.email) in {pair.a.key, pair.b.key} or
                    person_key(p.name) in {person_key(pair.a.name), person_key(pair.b.name)}]
            # as the note of the How paired cells now 'kept' counts it among them
            says = "now says" if request.writing else "would say"
            but = f", but for its How paired cell, which {says} 'kept', as for every pair " \
                "carried over from the pairing before" if pair.pair_id in held_kept else ""
            notes.append(Note(f"Pair {pair.pair_id} is kept as it stands: "
                              f"{and_list(rows)} "
                              f"{'has an error' if len(rows) == 1 else 'have errors'}, so the "
                              f"pair is neither changed nor ended{but}. Fix the row, then pair "
                              "again with --keep."))
        if request.why:
            return PairingRun(result, roster, left_out, notes, None, in_place,
                              explain(result, roster, request.why))
        unpaired = [p for p in left_out if not any(
            held_in(pair, {email_key(p.email), person_key(p.name)}) for pair in result.held)]
        result.left_out = unpaired  # on the Unpaired sheet: counted with the unpaired
        saved, unchanged = None, False
        if request.writing and book is None:
            _write(target, result, request, left_out)
            saved = target
        elif keep is not None and keep.suffix.lower() in (".xlsx", ".xlsm"):
            # --keep: the new pairs are brought into the kept workbook; with --dry-run, into
            # a copy in memory that is thrown away, so the run can say what it would change
            from .pairs_workbook import pairs_workbook_sheets
            from .workbook_edit import open_in_memory, refuse_what_saving_would_lose

            if book is None:
                refuse_what_saving_would_lose(keep)  # as a real run would refuse it
            trial = book if book is not None else open_in_memory(keep)
            on_sheet = {p.pair_id for p in result.pairs}  # an ID given back is no longer gone
            # the pairs wessex wrote that are on the Withdrawn sheet now or were: moved there
            # before, or by this run (listed, neither kept, held nor deleted); a pair held as
            # it stands stays listed, its row on the Pairs sheet
            held_ids = {p.pair_id for p in result.held}
            moved = written_before - gone - on_sheet - held_ids
            # whose letters say they are in a withdrawn pair's place: said still once kept;
            # the row written '(none)' for none while the Withdrawn sheet has a pair, so that
            # one found missing was deleted (``in_place_list_gone``)
            replacing: dict[str, set[str]] | None = {
                pair_id: ended for pair_id, ended in _in_place_of(earlier, added).items()
                if pair_id in on_sheet}
            if not replacing and not earlier.withdrawn and not moved:
                replacing = None
            said = carry_pairing(trial, pairs_workbook_sheets(result, request.volunteers,
                                                              left_out=unpaired,
                                                              history=request.history,
                                                              written=keep,
                                                              gone=gone - on_sheet,
                                                              moved=moved,
                                                              held=held_ids &
                                                              written_before,
                                                              held_how=held_how,
                                                              held_agreed=held_agreed,
                                                              moved_agreed=earlier.agreed |
                                                              _agreed_when_moved(earlier,
                                                                                 moved),
                                                              hand=earlier.hand,
                                                              in_place=replacing),
                                 roster, today(), held=held_ids,
                                 given_back=given_back,
                                 moved_emptied=bool(earlier.moved_emptied),
                                 warned_agreed=warned_agreed, held_kept=held_kept,
                                 recorded_agreed={p.pair_id for p in earlier.pairs
                                                  if p.agreed_recorded})
            said += _new_last_time(earlier, on_sheet - held_ids)
            if book is not None:
                notes += map(Note, said)
                saved = target
                unchanged = book.unchanged and in_place
                book.unchanged = unchanged  # -o another file: it is written all the same
            elif said:
                notes += map(Note, [f"--dry-run: nothing was saved. Without it, this run "
                                    f"would also change {keep.name} as follows.", *said])
    return PairingRun(result, roster, left_out, [*notes, *map(Note, result.released)], saved,
                      in_place, unchanged=unchanged,
                      backup=book.backup if book is not None and in_place else None,
                      replaced=replaced)


def _side_changed_note(pair: PairRecord, change: str, keep: Path | None) -> Note:
    """The warning for a kept pair with a half day done, or both, whose two people the
    volunteer workbook now puts on one side (``change``: who, and the cell): it is held as
    it stands, nothing of its record undone, and for a pair under way, how to end it if the
    change is real."""
    from .pairs_workbook import people_of
    from .record import only_this_pair

    if pair.complete:
        return Note(f"Pair {pair.pair_id} ({people_of(pair)}) has both half days done: "
                    f"{change}. That changes nothing for a finished pair: it is kept as it "
                    "stands, its visits as recorded, and neither is given a new partner in "
                    "its place. If the cell is a mistake, correct it.", NoteKind.WARNING)
    first, second = pair.visits
    done = pair.a if first.done else pair.b
    other = pair.b if first.done else pair.a
    name = keep.name if keep is not None else "pairs.xlsx"
    return Note(f"Pair {pair.pair_id} ({people_of(pair)}) has one half day done "
                f"({done.name} hosted {other.name}): {change}. The pair is kept as it "
                "stands, its visit as recorded, and neither is given a new partner. If the "
                "cell is a mistake, correct it; if the change is real and the other half day "
                f"is not to go ahead, run 'wessex withdraw {name} \"{pair.a.name}\" --partner "
                f"\"{pair.b.name}\"'; neither has left the scheme, so "
                f"{only_this_pair(pair.a.name)}; then pair again with --keep.", NoteKind.WARNING)


def _new_last_time(earlier: PairsWorkbook, kept: Collection[str]) -> list[str]:
    """What is said of the pairs the last re-pairing made, or found typed in by hand, that
    this run carries over: their How paired cell says 'kept' from now on, so 'render --new',
    which writes only to the pairs of the last run, will not introduce them if nobody did.
    The first re-pairing, after a pairing that kept nothing, says nothing of the pairs that
    pairing made: the introductions of a new scheme go to every pair."""
    from .pairing import ADDED_BY_HAND
    from .pairs_workbook import people_of

    written = earlier.how_written or {}
    repaired = "kept" in written.values()
    fresh = [pair for pair in earlier.pairs if pair.pair_id in kept
             and (how := written.get(pair.pair_id)) in ("optimised", ADDED_BY_HAND)
             and (repaired or how == ADDED_BY_HAND) and pair.how_paired() == how]
    said = []
    for pair in fresh:
        said.append(f"{pair.pair_id} ({people_of(pair)}) was new at the last pairing: now "
                    "that its How paired cell says 'kept', 'render partner-introduction "
                    "--new' will not write to it. If its introductions have not gone out "
                    "yet, render partner-introduction without --new into a folder of its own "
                    "(-o) and send only the letters to these two.")
    return said


def _in_place_of(earlier: PairsWorkbook, added: Collection[int]) -> dict[str, set[str]]:
    """The pairs of ``earlier`` whose introductions say they are in the place of a pair on
    its Withdrawn sheet, each with the IDs of those pairs (``in_place_record``), their How
    paired cells read as the letters read them (``documents.letter_how``); not one typed
    in by hand since (``added``), which no letter has introduced yet."""
    from dataclasses import replace

    from .documents import letter_how
    from .pairs_workbook import in_place_record, recorded_how

    return in_place_record(earlier, lambda pair: pair.row not in added and letter_how(
        replace(pair, how_recorded=recorded_how(earlier, pair))) != "kept")


def _agreed_when_moved(earlier: PairsWorkbook, moved: Collection[str]) -> set[str]:
    """The pairs of ``earlier``'s Pairs sheet that this run moves to the Withdrawn sheet
    (among ``moved``) whose cells say the two agreed in advance ('locked', or Reasons begun
    "locked as agreed"), as the Settings sheet records the others (``PairsWorkbook.agreed``),
    so that a row copied back is still agreed."""
    from .pairing import LOCKED_REASON

    return {pair.pair_id for pair in earlier.pairs if pair.pair_id in moved and (
        pair.how_paired() == "locked" or
        str(pair.value("Reasons") or "").startswith(LOCKED_REASON))}


def _held_now_kept(pair: PairRecord, how: str) -> bool:
    """Whether the How paired cell of ``pair``, held as it stands (``--skip-errors``) and
    recorded as ``how``, says "kept" after this run: a pair the pairing before made, as its
    cell still says ("optimised", or "locked" with the Reasons an agreed pair's begin, which
    keep it agreed), is carried over as every other kept pair is."""
    from .pairing import LOCKED_REASON

    if how not in ("optimised", "locked") or pair.how_paired() != how:
        return False
    return how == "optimised" or str(pair.value("Reasons") or "").startswith(LOCKED_REASON)


def _locks_already_kept(roster: Roster, kept: list[Any]) -> Roster:
    """The roster without its errors about Partner locks that are all kept pairs already
    (a lock breaking a rule added since the pairing, or more than a Capacity lowered since):
    the pair is kept as it stands, with the warning every kept pair that breaks a rule has,
    rather than the whole re-pairing refused for a pair already under way. A person of a
    kept pair whose address was corrected is found as pairing finds them (``readdressed``):
    a pair it will not keep leaves its lock to be refused."""
    import dataclasses

    from .pairing import readdressed

    if not kept:
        return roster
    moved = readdressed(roster, kept)

    def key_of(person: Any) -> str:
        return moved[person.key].key if person.key in moved else str(person.key)

    pairs = {frozenset((key_of(p.a), key_of(p.b))) for p in kept}
    problems = [p for p in roster.problems if not (p.locks and p.locks <= pairs)]
    if len(problems) == len(roster.problems):
        return roster
    return dataclasses.replace(roster, problems=problems)


def _recorded_before_added(pair: PairRecord) -> str:
    """What a pair typed in by hand (``added_by_hand``) already has recorded, a half day or a
    reflection, in words; "" for nothing. Most likely it came with the row copied to type the
    pair in, and status, the reminders and a certificate would count it as the new pair's."""
    recorded = []
    if any(visit.done for visit in pair.visits):
        recorded.append("a half day done")
    elif any(visit.date for visit in pair.visits):
        recorded.append("a half day's date")
    if any(pair.reflections):
        recorded.append("a reflection received")
    if not recorded:
        return ""
    from .pairs_workbook import people_of

    return (f"row {pair.row} of the Pairs sheet ({people_of(pair)}), typed in by hand, "
            f"already has {and_list(recorded)} recorded: copied with the row it was typed "
            "over? If not so for these two, empty those cells: status, the reminders and the "
            "certificates count them as this pair's.")


def _locked_by_copy(earlier: PairsWorkbook, added: Collection[int], result: PairingResult,
                    writing: bool, copy_before: str) -> list[Note]:
    """A warning for each pair typed in by hand (``added``) whose How paired cell says
    "locked", most likely copied with the row it was typed over, that no lock (the Partner
    column, --lock) names: it is not taken as agreed in advance, and its introduction says
    the administrator paired them. ``copy_before``: the backup of the workbook this run
    writes over, as shown ("" when it writes another file)."""
    from .pairing import LOCKED_REASON
    from .pairs_workbook import people_of
    from .spreadsheet import cell_ref
    from .text import first_columns, header_key

    column = first_columns(earlier.headers).get(header_key("How paired"))
    agreed = {frozenset((p.a.key, p.b.key)) for p in result.pairs
              if p.reasons[:1] == (LOCKED_REASON,)}
    warnings = []
    for pair in earlier.pairs:
        if column is None or pair.row not in added or \
                pair.how_paired() != "locked" or \
                pair.couple in agreed:
            continue
        if writing:
            undo = f"copy {copy_before} back over {earlier.path.name}" if copy_before \
                else f"pair again from {earlier.path.name}, which this run left as it was"
            todo = (f"the cell now says 'added by hand'. If the two did agree in advance, "
                    f"{undo}, type each one's name in the other's Partner cell in the "
                    "volunteer workbook, and run 'wessex pair --keep' again.")
        else:
            todo = ("if the two did agree in advance, type each one's name in the other's "
                    "Partner cell in the volunteer workbook before running without --dry-run.")
        warnings.append(Note(
            f"Pairs!{cell_ref(pair.row - 1, column)} says 'locked' for the pair of "
            f"{people_of(pair)}, "
            "typed in by hand (copied with the row it was typed over?), but no lock names the "
            "two: a pair is agreed in advance by the Partner column of the volunteer workbook "
            "or --lock. So it is not taken as agreed, and its introduction says that you "
            f"paired them; {todo}", NoteKind.WARNING))
    return warnings


def _refuse_rows_it_cannot_keep(keep: Path, earlier: PairsWorkbook) -> None:
    """Refuse to re-pair over a Pairs row that names both people but has lost one e-mail
    address: the pair could not be kept, so its ID went to a new pair, which was written
    over its row, and the visits and notes typed there were then another pair's. Refuse
    too a pair in two rows (a row copied): it was kept twice, as two pairs; and two rows
    under one pair ID: they were kept as one, one row written over the other."""
    from .errors import TrackingError
    from .pairs_workbook import OWN_ID_FIX, person_header, rows_sharing_an_id
    from .record import refuse_copied_rows
    from .spreadsheet import cell_ref
    from .text import header_key

    refuse_copied_rows(earlier.pairs, keep, "it would be kept twice, as two pairs. Nothing "
                       "was changed.")
    shared = rows_sharing_an_id(earlier)
    if shared:
        raise TrackingError(f"{'; '.join(shared)}, so the rows would be kept as one pair, one "
                            "written over the other, and a pair and its visits lost. Nothing "
                            "was changed.", OWN_ID_FIX, file=keep, sheet="Pairs")
    keys = [header_key(title) for title in earlier.headers]
    for pair in earlier.pairs:
        for half, person, other in (("A", pair.a, pair.b), ("B", pair.b, pair.a)):
            if person.email or not other.email:
                continue
            column = keys.index(header_key(person_header(half, "email")))
            cell = cell_ref(pair.row - 1, column)
            who = person.name or f"person {half}"
            raise TrackingError(
                f"row {pair.row} of the Pairs sheet (pair {pair.pair_id or 'without an ID'}) "
                f"has no e-mail address for {who}, so the pair could be neither kept nor "
                "ended: its ID, and the visits and notes in its row, would go to another "
                "pair. Nothing was changed.",
                f"Type {who}'s e-mail address in {cell} as the volunteer workbook has it, "
                "then run the command again.", file=keep, sheet="Pairs", cell=cell)


def _pairs_deleted_since(keep: Path, earlier: PairsWorkbook, force: bool,
                         writing: bool = True, explaining: bool = False,
                         copy_before: str = "") -> Note:
    """Refuse to pair again while pairs wessex last wrote are on no sheet of ``keep`` (their
    rows deleted by hand, their visits with them), unless ``force``: their people would be
    paired as new, the visits recorded in the deleted rows lost for good. Forced, or when
    the pairs whose ID was emptied or typed over are as many and so may be them all, a
    warning (of what the run does, or would do when it is not ``writing``); ``explaining``
    (--why, which pairs to explain and writes nothing), the warning alone; once forced and
    written, no longer the way back, as the row copied back would pair its people twice.
    ``copy_before``: the backup of ``keep``, as shown, when the run writes over it ("" when
    it writes another file)."""
    from .errors import TrackingError
    from .pairs_workbook import (
        END_A_PAIR,
        copy_back,
        deleted_pairs,
        deleted_warning,
        id_ranges,
        rows_of,
        typed_in_under_a_note,
        which_is_which,
    )

    ids = earlier.deleted
    maybe = (earlier.renamed, earlier.unnamed_withdrawn)  # rows that may be the missing pairs
    said = deleted_warning(ids, keep, *maybe)
    found = deleted_pairs(ids, *maybe)
    if explaining:  # --why changes nothing: it is told
        return Note(said, NoteKind.WARNING)
    if sum(map(len, maybe)) >= len(ids):
        # which is which cannot be told: the rows are kept as they are (any new ID they take
        # can be typed over), and a pair among the missing whose row was deleted is paired
        # again as if new; the way back is the previous version, which has no such pair yet
        one = len(ids) == 1
        its = "its" if one else "their"
        if not writing:
            return Note(f"{found} {which_is_which(ids)}: {copy_back(ids, keep)}, before "
                        f"running without --dry-run, which would pair {its} people again as "
                        f"if new. {END_A_PAIR}", NoteKind.WARNING)
        undo = f"copy {copy_before} back over {keep.name}" if copy_before \
            else f"pair again from {keep.name}, which this run left as it was"
        return Note(f"{found} {which_is_which(ids)}, and this run paired {its} people again "
                    f"as if new, the visits recorded in {rows_of(ids)} no longer counted. To "
                    f"undo that, {undo}, put {rows_of(ids)} back into it ("
                    f"{copy_back(ids, keep)}), and run 'wessex pair --keep' again."
                    f"{typed_in_under_a_note(ids, earlier.renamed)} {END_A_PAIR}",
                    NoteKind.WARNING)
    if not force:  # fewer such rows than missing pairs: one at least was deleted
        way_back = copy_back(ids, keep)
        raise TrackingError(f"{first_capital(found)} Pairing again now would lose the "
                            f"visits recorded in {rows_of(ids)} for good. Nothing was changed.",
                            f"{first_capital(way_back)}, then run the command again "
                            "(to end a pair, use 'wessex withdraw'). To pair the people "
                            "afresh all the same, run it again with --force: nothing is "
                            "lost if you deleted a row of the Withdrawn sheet so that its "
                            "people could be paired again.",
                            file=keep, sheet="Pairs")
    if not writing:  # a dry run: the rows can still be copied back before the real run
        return Note(f"{said} With --force, the people of {id_ranges(ids)} would be paired "
                    "again as if new.", NoteKind.WARNING)
    one = len(ids) == 1
    return Note(f"{found} With --force, the people of {id_ranges(ids)} "
                f"were paired again as if new: the visits recorded in {rows_of(ids)} are no "
                f"longer counted, and {'it is' if one else 'they are'} not to be copied back "
                f"from backups/ now, as {'its' if one else 'their'} people are in this "
                "pairing. To end a pair, use 'wessex withdraw'; never delete its row.",
                NoteKind.WARNING)


def _id_given_back(earlier: PairsWorkbook, pair: PairRecord, pair_id: str,
                   writing: bool) -> Note:
    """What 'pair --keep' says of the one row whose ID was emptied or typed over, given
    back the ID of the one pair missing from every sheet (``missing_id_back``): which cell,
    what it held, and how to undo it if that row is another pair."""
    from .pairs_workbook import copy_back, id_back_finding

    cell, found = id_back_finding(earlier, pair, pair_id, held_now=False)
    was = pair.pair_id
    undo = f"type '{was}' back in {cell}" if was else f"empty {cell} again"
    said = f"{found} taken to be {pair_id}"
    if not writing:
        return Note(f"{said}, and would have its ID back there, as the letters sent name it.",
                    NoteKind.WARNING)
    return Note(f"{said}, and has its ID back there, as the letters sent name it. If that "
                f"row is another pair, {undo}, and for {pair_id}: "
                f"{copy_back([pair_id], earlier.path)}.", NoteKind.WARNING)


def _unread_list(said: str, keep: Path, request: PairingRequest, copy_before: str) -> Note:
    """The warning for a cell of a Settings sheet's list of pairs holding text that is no
    pair ID (``pairs_workbook.written_pairs``, ``moved_pairs``), and where that text is once
    this run has written the list afresh over it."""
    if request.why:
        return Note(said, NoteKind.WARNING)
    if not request.writing:
        return Note(f"{said} Without --dry-run, this run would write it afresh.",
                    NoteKind.WARNING)
    where = f"the previous version of {keep.name}, {copy_before}," if copy_before else keep.name
    return Note(f"{said} This run wrote it afresh; {where} has your text.", NoteKind.WARNING)


def _scheme_history(request: PairingRequest) -> list[Path]:
    """The earlier pairs workbooks scheme.toml names under [pairing] history (``init --from``
    writes last year's there), each checked to be there: a year whose partners could not
    be read would let them meet again, unnoticed."""
    from .errors import SchemeError
    from .history import missing_year

    for earlier in request.scheme.history:
        if not earlier.is_file():
            problem, fix = missing_year(earlier, request.scheme.source)
            raise SchemeError(f"{problem}.", fix, file=request.scheme.source)
    return list(request.scheme.history)


def _shown(path: Path | None) -> str:
    """A path as the administrator would type it in the folder the command runs in."""
    from .pairs_workbook import path_from

    return "scheme.toml" if path is None else path_from(path, Path.cwd())


def _moved_emptied(said: str, keep: Path, request: PairingRequest, copy_before: str) -> Note:
    """The warning for the Settings list of the pairs moved to the Withdrawn sheet found
    emptied (``pairs_workbook._moved_emptied``), and the way back once this run, which
    went on without it, has written the list afresh without what it held."""
    if request.why:
        return Note(said, NoteKind.WARNING)
    if not request.writing:
        return Note(f"{said} Do so before running without --dry-run.", NoteKind.WARNING)
    undo = f"copy {copy_before} back over {keep.name}, type them back in it there" \
        if copy_before else f"type them back in it in {keep.name}, which this run left as it " \
        "was"
    return Note(f"{said} This run went on without them: if the list held any, {undo}, and "
                "run 'wessex pair --keep' again.", NoteKind.WARNING)


def _refuse_to_drop_history(target: Path) -> None:
    """Refuse to write a pairing made without --history over a pairs workbook that was made
    with it (``pair --force``): last year's partners could meet again, unnoticed."""
    from .errors import PairingError, WessexError
    from .pairs_workbook import HISTORY_SETTING, recorded_files
    from .sources import is_pairs_workbook

    try:
        recorded = recorded_files(target, HISTORY_SETTING) if is_pairs_workbook(target) else []
    except (WessexError, OSError):
        return  # not a pairs workbook wessex can read: guard_output says what it says
    if recorded:
        raise PairingError(
            f"{target.name} was paired keeping earlier partners apart (its Settings sheet "
            f"names {', '.join(entry for entry, _ in recorded)} under History), and this "
            "pairing would replace it without them, so last year's partners could be paired "
            "again.", f"Give --history again (from this folder: "
            f"{', '.join(str(earlier) for _, earlier in recorded)}), or move "
            f"{target.name} away first if this pairing is meant to have none.", file=target)


def _history_of(keep: Path, missing_ok: bool = False) -> list[tuple[str, Path]]:
    """The earlier pairs workbooks that ``keep`` was paired with (its Settings sheet names
    them from its own folder), so that a re-pairing keeps last year's partners apart as
    the first pairing did; refused, with what to do, when one of them is not there now
    (left out with ``missing_ok``: the --history given instead is used)."""
    from .errors import PairingError
    from .history import new_files
    from .pairs_workbook import HISTORY_SETTING, recorded_files

    found: list[tuple[str, Path]] = []
    for entry, earlier in recorded_files(keep, HISTORY_SETTING):
        if not new_files([earlier], (seen for _, seen in found)):
            continue  # a year the Settings sheet names twice: read and recorded once
        if not earlier.is_file() or earlier.resolve() == keep.resolve():
            if missing_ok:
                continue
            if earlier.is_file():  # this year's record saved where last year's was
                raise PairingError(
                    f"{keep.name}'s Settings sheet names '{entry}' under History as an "
                    f"earlier year, but from {keep.name}'s folder that is {keep.name} itself: "
                    "this year's pairs were saved over last year's, or the row was typed over, "
                    "so wessex cannot tell who must not be paired again.",
                    "Give last year's pairs workbook (from a copy or backups/): --history "
                    "PATH-TO-LAST-YEARS-pairs.xlsx.", file=keep)
            raise PairingError(
                f"{keep.name} was paired keeping earlier partners apart (its Settings sheet "
                f"names '{entry}' under History), but wessex cannot find that workbook from "
                f"{keep.name}'s folder, so it cannot tell who must not be paired again.",
                "Give it again: --history PATH-TO-LAST-YEARS-pairs.xlsx.", file=keep)
        found.append((entry, earlier))
    return found


def _refuse_naming_the_left_out(request: PairingRequest, left_out: list[LeftOut]) -> None:
    """A --lock or --why naming someone --skip-errors left out is told why, rather than that
    nobody of that name is in the list."""
    from .errors import PairingError
    from .pairing import parse_lock

    named = [(f"--lock '{text}'", who) for text in request.locks for who in parse_lock(text)]
    if request.why:
        named.append(("--why", request.why))
    for where, who in named:
        key = email_key(who) if "@" in who else person_key(who)
        for person in left_out:
            if key and key in {email_key(person.email), person_key(person.name)}:
                raise PairingError(
                    f"{where} names '{who}', whose row (row {person.row}) has an error, so "
                    "--skip-errors left them out.",
                    "Fix the row first: 'wessex check' lists its errors.",
                    file=request.volunteers)


def _heavy_imports(writing: bool) -> None:
    """What pairing will import (numpy with the rules and scores, the min-cost flow solver,
    and the workbook writer when one is written), done while calamine reads the roster
    without holding Python's lock (``spreadsheet.read_grid``): about a tenth of a second
    that no longer adds to the run. A broken install is not said here: the same import
    fails again where pairing needs it, after anything wrong with the roster is said."""
    with contextlib.suppress(ImportError):
        from ortools.graph.python import min_cost_flow  # noqa: F401

        from . import eligibility, scoring, solver  # noqa: F401

        if writing:
            import xlsxwriter  # noqa: F401


def _write(path: Path, result: PairingResult, request: PairingRequest,
           left_out: list[LeftOut]) -> None:
    from .pairs_workbook import write_pairs_workbook

    write_pairs_workbook(path, result, request.volunteers, left_out=left_out,
                         history=request.history)


# The sheets of a pairs workbook that wessex writes and reads; any other is the
# administrator's, and never read for pairs


def _pairs_on_other_sheets(keep: Path, sheets: list[tuple[str, Grid]] | None,
                           result: PairingResult, roster: Roster,
                           named: Collection[tuple[str, int]] = ()) -> list[Note]:
    """A warning for each row of the administrator's own sheets that holds the addresses of
    two volunteers, one of them now paired afresh: a pair cut from the Pairs sheet to a sheet
    of finished pairs ("Completed"), whose two people were paired again as new, and would be
    introduced again. A list of contacts (one address a row) says nothing. ``sheets``: those
    sheets as reading the workbook read them, if it did (else they are read here);
    ``named``: rows (title, number) said already, a Withdrawn row moved there
    (``PairsWorkbook.moved_elsewhere``)."""
    from .pairs_workbook import administrators_grids
    from .spreadsheet import cell_ref, cell_text

    fresh = {person.key: person for pair in result.pairs if not pair.carried
             for person in (pair.a, pair.b)}
    if not fresh or keep.suffix.lower() not in (".xlsx", ".xlsm", ".ods"):
        return []
    known = roster.by_key()
    said: list[Note] = []
    for title, grid in sheets if sheets is not None else administrators_grids(keep):
        for number, row in enumerate(grid.rows):
            found = {key: column for column, cell in reversed(list(enumerate(row)))
                     if "@" in (text := cell_text(cell)) and (key := email_key(text)) in known}
            again = [fresh[key] for key in found if key in fresh]
            if len(found) < 2 or not again or (title, number + 1) in named:
                continue
            for person in again:  # each person is named once
                del fresh[person.key]
            names = " and ".join(person.name for person in again)
            cell = cell_ref(number, found[email_key(again[0].email)])
            said.append(Note(
                f"{names} {'were' if len(again) > 1 else 'was'} paired afresh, but "
                f"row {number + 1} of the sheet '{title}' ({title}!{cell}), which wessex "
                "does not read for pairs, holds a pair of theirs. If it was moved there from "
                "the Pairs sheet, move it back (a pair whose visits are done counts as done "
                "there) and run 'wessex pair' with --keep again, or they are paired twice.",
                NoteKind.WARNING))
    return said


def _kept_but_broken(result: PairingResult, keep: Path, roster: Roster) -> list[Note]:
    """A warning for each kept pair that breaks a pairing rule now: an Avoid or Registered
    practice added since the pairing, or a partner typed over by hand in the Pairs sheet. The
    pair stays as it stands (SPEC: kept pairs and their tracking stay), but it is never
    passed over in silence as if it were eligible."""
    from .rules import rules_broken

    said: list[Note] = []
    for pair in result.pairs:
        if not pair.carried:
            continue
        broken = rules_broken(pair.a, pair.b)
        if broken:
            rules = "; ".join(f"rule {r.value} ({r.short})" for r in broken)
            said.append(Note(f"pair {pair.pair_id} ({pair.a.name} and {pair.b.name}) is "
                             f"kept as it stands, but it breaks {rules}. If they must not be "
                             f"paired, run 'wessex withdraw {keep.name} \"{pair.a.name}\" "
                             f"--partner \"{pair.b.name}\"', then pair again with --keep; if "
                             "the volunteer workbook is wrong, correct it.", NoteKind.WARNING))
    return said + _kept_beyond_capacity(result, keep, roster)


def _kept_beyond_capacity(result: PairingResult, keep: Path, roster: Roster) -> list[Note]:
    """A warning for each person whose pairs, kept ones among them, are more than the
    partners the volunteer workbook ``roster`` lets them take: a pair typed in by hand with
    someone already paired. Kept as they stand, but never passed over in silence; the cell
    to raise named as status names it (``beyond_capacity``)."""
    from .pairs_workbook import beyond_capacity

    # a person's key -> (the person, a partner, their pair), for each of their pairs
    partners_of: dict[str, list[tuple[Volunteer, Volunteer, Pair]]] = {}
    for pair in result.pairs:
        for person, partner in ((pair.a, pair.b), (pair.b, pair.a)):
            partners_of.setdefault(person.key, []).append((person, partner, pair))
    said: list[Note] = []
    for found in partners_of.values():
        person = found[0][0]
        if len(found) <= person.capacity or not any(pair.carried for *_, pair in found):
            continue
        partners = [f"{partner.name} ({pair.pair_id})" for _, partner, pair in found]
        advice = beyond_capacity(roster, person, len(found), keep, roster.path.name)
        said.append(Note(f"{person.name} is kept in {len(found)} pairs, with "
                         f"{and_list(partners)}, but {advice}, then pair again with "
                         "--keep.", NoteKind.WARNING))
    return said
