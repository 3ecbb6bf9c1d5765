"""The nouns of the scheme's record, as plain typed data: a person, a visit, a pair, the
pairs workbook as read.

A pair leaves the solver as ``pairing.Pair`` (two ``roster.Volunteer``); ``Pair.record()``
turns it into the :class:`PairRecord` that everything after pairing uses: the pairs
workbook reader (``pairs_workbook.read_pairs_workbook``) gives the same class back with
the visits the administrator recorded, and documents, status, reminders, the report and a
re-pairing (``pair --keep``) all read it. People are :class:`Person`, never dicts; only
``documents.person_context`` turns one into the plain dict a template sees.

This module imports nothing heavy, so that ``wessex status`` stays quick to start.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .text import email_key
from .wording import day_month_year, visit_state

if TYPE_CHECKING:
    from .spreadsheet import Grid


def how_paired_text(cell: Any) -> str:
    """A How paired cell as wessex compares it (``PairRecord.how_paired``): in small letters,
    its spaces collapsed; for a caller that found the cell by its column once for all rows."""
    return " ".join(str(cell or "").split()).casefold()


class _HasPersonFields(Protocol):
    """Anything with the person fields (``roster.Volunteer`` has them)."""

    @property
    def name(self) -> str: ...

    @property
    def email(self) -> str: ...

    @property
    def phone(self) -> str: ...

    @property
    def profession(self) -> str: ...

    @property
    def side(self) -> str: ...

    @property
    def organisation(self) -> str: ...

    @property
    def specialty(self) -> str: ...

    @property
    def adjustments(self) -> str: ...


# The columns of each half of a Pairs row that say who the person is, in the order written.
PERSON_FIELDS: tuple[str, ...] = ("name", "email", "phone", "profession", "side",
                                  "organisation", "specialty", "adjustments")


@dataclass(frozen=True)
class Person:
    """One volunteer as the pairs record knows them: the columns the pairs workbook keeps
    for each half of a pair. ``side`` is the care side (for example primary or secondary).

    ``notes`` and ``extra`` (the volunteer workbook's Notes and its columns wessex does not
    know, as (title, text)) are carried to the pairs workbook and the mail-merge source, as
    the administrator typed them; they never decide a pairing and no built-in letter
    prints them."""

    name: str = ""
    email: str = ""
    phone: str = ""
    profession: str = ""
    side: str = ""
    organisation: str = ""
    specialty: str = ""
    adjustments: str = ""
    notes: str = ""
    extra: tuple[tuple[str, str], ...] = ()
    # where the e-mail address was read ("Pairs!C7"), for a message that names the cell to
    # correct; not part of who the person is
    email_cell: str = field(default="", compare=False)
    # that cell as typed ("ann@nhs.net; ann@home.org"), quoted by a message saying it is no
    # address: ``email`` is the address read from it, its spaces taken out
    email_typed: str = field(default="", compare=False)
    # where the name was read ("Pairs!B7"), for a letter refused while it is empty
    name_cell: str = field(default="", compare=False)

    @classmethod
    def of(cls, source: _HasPersonFields) -> Person:
        """The person fields of anything that has them (a ``roster.Volunteer``), as text,
        with its notes and extra columns when it has them."""
        return cls(**{name: str(getattr(source, name)) for name in PERSON_FIELDS},
                   notes=str(getattr(source, "notes", "") or ""),
                   extra=tuple(getattr(source, "extra", ())))

    @property
    def key(self) -> str:
        """The person's identity: their e-mail, folded (``text.email_key``)."""
        return email_key(self.email)

    @property
    def email_as_typed(self) -> str:
        """The e-mail cell as the administrator typed it, for a message to quote; the address
        itself for a person not read from a cell."""
        return self.email_typed or self.email

    @property
    def name_missing(self) -> str:
        """Their Name cell emptied by hand, its e-mail cell kept, as every message says it:
        "Pairs!B3 (the name of ann@nhs.net) is empty"; "" when the name is there (or
        nobody is, with no address either)."""
        if self.name.strip() or not self.email_as_typed.strip():
            return ""
        return f"{self.name_cell or self.email_cell} (the name of " \
            f"{self.email_as_typed.strip()}) is empty"

    @property
    def cells_emptied(self) -> str:
        """Their name and e-mail cells both emptied by hand (the pair still read from its
        other half), as every message names them: "Pairs!J2 and K2"; "" when either holds
        anything, or for a person not read from a pairs workbook's cells."""
        cells = [cell for cell in (self.name_cell, self.email_cell) if cell]
        if self.name.strip() or self.email_as_typed.strip() or not cells:
            return ""
        return " and ".join(cell.partition("!")[2] if n else cell
                            for n, cell in enumerate(cells))


# what to do about a Name cell emptied by hand, as render, remind and status all say it
TYPE_THE_NAME = "Type the name into each cell named (the volunteer workbook has it)"

HALVES = ("A", "B")  # the two halves of a pairs-workbook row; not the care sides


@dataclass(frozen=True)
class Visit:
    """One half-day visit of a pair: who hosts whom, when, and whether it happened."""

    host_email: str
    visitor_email: str
    date: dt.date | None = None
    done: bool = False

    def status(self, end: dt.date | None, now: dt.date) -> str:
        """The visit as ``wessex status`` shows it: "done 4 May", "planned for 4 May",
        "planned 4 May — not confirmed" (its day has passed), "OVERDUE" or "owed"; a day
        of another year than ``now``'s with its year, as a calendar shows it ("done 9 Dec
        2027" in January 2028)."""
        day = f"{self.date.day} {self.date:%b}" if self.date else ""
        if self.date and self.date.year != now.year:
            day += f" {self.date.year}"
        if self.done:
            return f"done {day}" if self.date else "done"
        if self.date and self.date >= now:
            return f"planned for {day}"
        late = end and now > end
        if self.date:
            unconfirmed = f"planned {day} — not confirmed"
            return f"OVERDUE: {unconfirmed}" if late else unconfirmed
        return "OVERDUE" if late else "owed"

    def state(self, now: dt.date) -> str:
        """The visit's state word for letters on ``now`` (``wording.VISIT_STATES``)."""
        return visit_state(self.done, self.date, now)


_OWED = Visit("", "")  # a placeholder for a visit not yet given its two people


# What a How paired cell says when it was typed over an agreed pair's to end the agreement
# ('pair --keep' and status warn of it first, and then take the cell at its word): the
# Settings sheet's record of the pair as agreed no longer makes it so.
AGREEMENT_ENDED = frozenset({"optimised", "added by hand"})


@dataclass
class PairRecord:
    """One pair of the record: its two people, its two visits (A hosts B, then B hosts A),
    the reflections received, and where it came from in the pairs workbook.

    ``row`` is the sheet row number (0 for a pair not read from a sheet), ``values`` every
    column of that row by its header as the reader found it (the administrator's own
    columns too: ``value`` finds one by its title)."""

    pair_id: str
    a: Person
    b: Person
    visits: tuple[Visit, Visit] = (_OWED, _OWED)  # the default: both owed
    reflections: tuple[bool, bool] = (False, False)
    row: int = 0
    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # typed in by hand since wessex last wrote the Pairs sheet (``added_by_hand``): its How
    # paired and Reasons cells, most likely copied with the row above, say nothing of it
    typed_in: bool = False
    # what the Settings sheet records wessex last wrote in its How paired cell
    # (``PairsWorkbook.how_written``), "" when it records nothing for the pair
    how_recorded: str = ""
    # the Settings sheet records the pair as agreed in advance when wessex last wrote it
    # (``pairs_workbook.AGREED_SETTING``), and its How paired cell does not say otherwise
    # (``AGREEMENT_ENDED``): its letters say so, its Reasons emptied or not
    agreed_recorded: bool = False
    # the Settings sheet records the pair as typed in by hand (``pairs_workbook.HAND_SETTING``,
    # or the 'added by hand' pairs wessex last wrote): the administrator chose the two, so
    # its letters say so after 'pair --keep' has written 'kept' in its How paired cell
    hand_recorded: bool = False
    # a pair of the Withdrawn sheet that ended before the last pairing ran (or in it): a
    # pair that pairing made may be in its place (``pairs_workbook.ended_before_pairing``)
    ended_before_pairing: bool = False
    # a pair of the Withdrawn sheet that the Settings sheet records a pair as made in place
    # of (``pairs_workbook.IN_PLACE_SETTING``): only the first pair made after it ended is
    # in its place, and a pair made since for the one who stayed is a further one
    replaced: bool = False
    # a pair of the Pairs sheet: the IDs of the Withdrawn sheet's pairs it was made in place
    # of, as the Settings sheet records them (``pairs_workbook.IN_PLACE_SETTING``), written
    # by the 'pair --keep' that kept it; None when the record names it not
    in_place_of: frozenset[str] | None = None

    def __post_init__(self) -> None:
        """Fill in the two owed visits, host and visitor named, when none are given."""
        if self.visits[0] is _OWED and self.visits[1] is _OWED:  # the default: say who hosts
            self.visits = (Visit(self.a.email, self.b.email), Visit(self.b.email, self.a.email))

    @classmethod
    def with_visits(cls, pair_id: str, a: Person, b: Person,
                    done: tuple[bool, bool] = (False, False),
                    dates: tuple[dt.date | None, dt.date | None] = (None, None)) -> PairRecord:
        """A pair whose visits (A hosts B, B hosts A) are done and dated as given."""
        return cls(pair_id, a, b, (Visit(a.email, b.email, dates[0], done[0]),
                                   Visit(b.email, a.email, dates[1], done[1])))

    def owed(self) -> PairRecord:
        """This pair as it was before any visit: both visits owed and undated, the rest kept."""
        return replace(self, visits=(_OWED, _OWED))

    @property
    def couple(self) -> frozenset[str]:
        """The pair's two people, by key: the same pair whichever row or read holds it."""
        return frozenset((self.a.key, self.b.key))

    def how_paired(self) -> str:
        """The pair's How paired cell as wessex compares it: "locked", "optimised", "kept",
        "added by hand", or what else was typed, in small letters, its spaces collapsed."""
        return how_paired_text(self.value("How paired"))

    def value(self, title: str) -> Any:
        """The raw cell of this pair's row under column ``title`` (matched as headers are:
        case, spaces and punctuation aside), None when there is no such column."""
        from .text import header_key

        wanted = header_key(title)
        return next((v for h, v in self.values.items() if header_key(h) == wanted), None)

    @property
    def people(self) -> tuple[Person, Person]:
        """Person A and person B."""
        return self.a, self.b

    @property
    def complete(self) -> bool:
        """Both visits done."""
        return all(v.done for v in self.visits)

    def overdue(self, end: dt.date | None, now: dt.date) -> bool:
        """The exchange period has ended with a visit still not done."""
        return bool(end and now > end and not self.complete)

    @property
    def visit_dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The dates of the two visits (A hosts B, B hosts A), None where not known."""
        first, second = self.visits
        return first.date, second.date

    def visit_states(self, now: dt.date) -> tuple[str, str]:
        """The two visits' state words on ``now`` (``wording.VISIT_STATES``)."""
        first, second = self.visits
        return first.state(now), second.state(now)


@dataclass(frozen=True)
class Placement:
    """Where a person stands in a pair: the pair, and which half of its row ("A" or "B")
    is theirs (how the workbook editor reports finding someone)."""

    pair: PairRecord
    half: str

    @property
    def person(self) -> Person:
        """The person found."""
        return self.pair.a if self.half == "A" else self.pair.b

    @property
    def partner(self) -> Person:
        """The other person of the pair."""
        return self.pair.b if self.half == "A" else self.pair.a


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

    @property
    def said_when(self) -> str:
        """The day they withdrew as the administrator is told it ("4 May 2027"), or the
        cell as written when it is not an ISO date."""
        try:
            return day_month_year(dt.date.fromisoformat(self.when))
        except ValueError:
            return self.when or "an unrecorded date"


@dataclass
class PairsWorkbook:
    """A pairs workbook as read: the Pairs sheet's headers and pairs, the Withdrawn sheet's
    rows both as pairs (visits included) and as withdrawals, and the Unpaired sheet's people."""

    path: Path
    headers: list[str]
    pairs: list[PairRecord]
    withdrawn: list[PairRecord] = field(default_factory=list)
    withdrawals: list[Withdrawn] = field(default_factory=list)
    unpaired: list[Person] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # rows of the Pairs sheet not read
    # a warning for each row of the Withdrawn sheet not read (no address on either side),
    # said with the warnings of its rows (status, the report, 'pair --keep')
    withdrawn_unread: list[str] = field(default_factory=list)
    # the IDs of the pairs wessex last wrote that are on no sheet now (rows deleted by hand,
    # warned of among ``warnings``): 'pair --keep' will not pair their people anew unforced,
    # unless ``renamed`` and ``unnamed_withdrawn`` give as many rows of pairs whose ID is
    # none wessex wrote (emptied or typed over on the Pairs sheet; withdrawn once emptied):
    # the missing pairs may be those
    deleted: list[str] = field(default_factory=list)
    renamed: list[int] = field(default_factory=list)
    unnamed_withdrawn: list[int] = field(default_factory=list)
    # a warning for each cell of the Settings sheet's list of the pairs wessex last wrote that
    # holds something other than pair IDs (among ``warnings`` too): not read as IDs
    unread_list: list[str] = field(default_factory=list)
    # the same for the Settings list of the pairs moved to the Withdrawn sheet: 'pair --keep'
    # writes both afresh, the text typed there gone with them, and says so
    unread_moved: list[str] = field(default_factory=list)
    # a warning for each Pairs row without an ID when no ID could be read from that list
    # (typed over): which pair is missing, and so the row's ID, cannot be told from it
    unknown_ids: list[str] = field(default_factory=list)
    # the IDs that list gives, when it is there and read whole (None when it is not): a pair
    # under none of them, or under no ID, was typed in by hand since (``added_by_hand``)
    listed: frozenset[str] | None = None
    # pairs deleted by hand before, paired past with --force: IDs never to give again
    # (``pairs_workbook.GONE_SETTING``)
    gone: list[str] = field(default_factory=list)
    # the pairs wessex wrote that it moved to the Withdrawn sheet since
    # (``pairs_workbook.MOVED_SETTING``): one back on the Pairs sheet is not added by hand
    moved: frozenset[str] = frozenset()
    # pair ID -> what wessex last wrote in its How paired cell ("optimised", "kept", "added
    # by hand": ``pairs_workbook.HOW_SETTINGS``); None for a workbook older than that record
    how_written: dict[str, str] | None = None
    # the pairs the Settings sheet lists as agreed in advance (``pairs_workbook.AGREED_SETTING``),
    # whatever their How paired cells say now (``PairRecord.agreed_recorded`` says what stands)
    agreed: frozenset[str] = frozenset()
    # whether the Settings sheet has that list at all ("(none)" counts): without it (a
    # workbook older than it, one written before "(none)" was, with no pair agreed, or one
    # whose row was deleted or emptied) Reasons begun "locked as agreed" are not checked
    agreed_written: bool = False
    # the Settings cell that holds that list ("Settings!B14"), or held it: the row found
    # emptied, or (``agreed_cleared``) blank where wessex writes it, its title cleared too;
    # "" when there is no such row (``pairs_workbook.agreed_list_gone`` reads these)
    agreed_cell: str = ""
    agreed_cleared: bool = False
    # whether the Settings sheet has the row of the pairs made in place of a withdrawn pair
    # (``pairs_workbook.IN_PLACE_SETTING``), "(none)" counting, and the cell of its value
    # ("" when there is no such row), which ``pairs_workbook.in_place_list_gone`` reads
    in_place_written: bool = False
    in_place_cell: str = ""
    # the warnings of a Withdrawn pair's Pair cell found empty while one of its two stayed
    # (``pairs_workbook.withdrawn_id_emptied``), in ``warnings`` and said by 'pair --keep' too
    withdrawn_id_emptied: list[str] = field(default_factory=list)
    # the same of the list of the pairs typed in by hand (``pairs_workbook.HAND_SETTING``),
    # which ``pairs_workbook.hand_list_gone`` reads
    hand_written: bool = False
    hand_cell: str = ""
    hand_cleared: bool = False
    # the pairs the Settings sheet records as typed in by hand (``pairs_workbook.HAND_SETTING``
    # and the 'added by hand' pairs of ``how_written``): ``PairRecord.hand_recorded``
    hand: frozenset[str] = frozenset()
    # a warning naming each cell of those Settings rows that holds text no pair ID (among
    # ``warnings`` too), which 'pair --keep' says in its own words, as ``unread_list``
    unread_how: list[str] = field(default_factory=list)
    # the rows of that record (``pairs_workbook.HOW_SETTINGS``, 'optimised' and 'kept') found
    # deleted or emptied in a workbook new enough to have them, each as its title and the cell
    # that held its IDs ("" for a row deleted): the record is then not read at all
    # (``how_written`` None), which ``pairs_workbook.record_rows_lost`` warns of
    how_rows_lost: list[tuple[str, str]] = field(default_factory=list)
    # the Settings row of the pairs wessex moved to the Withdrawn sheet
    # (``pairs_workbook.MOVED_SETTING``) deleted: a pair there that wessex wrote is in
    # neither list, which ``pairs_workbook.record_rows_lost`` warns of
    moved_row_lost: bool = False
    # the IDs of the pairs wessex moved to the Withdrawn sheet (``moved``) that are on no
    # sheet now, their Withdrawn row deleted (warned of among ``warnings``): their people are
    # no longer kept out of a re-pairing, which 'pair --keep' says as it pairs
    moved_deleted: list[str] = field(default_factory=list)
    # those of them found on a sheet of the administrator's own, which wessex does not read
    # for pairs: ID -> (the sheet's title, the row's number)
    moved_elsewhere: dict[str, tuple[str, int]] = field(default_factory=dict)
    # a warning for each Pairs row holding the ID of a Withdrawn row (among ``warnings``
    # too), which 'pair --keep' says as well
    on_both_sheets: list[str] = field(default_factory=list)
    # the administrator's own sheets (title, grid), when looking for the deleted pairs read
    # them: 'pair --keep' looks there for pairs of people paired afresh without reading them
    # again; None when they were not read
    other_sheets: list[tuple[str, Grid]] | None = None
    # a warning for each Settings row of the pairs moved to the Withdrawn sheet found emptied
    # by hand (among ``warnings`` too): what it kept is lost, which 'pair --keep' says too
    moved_emptied: list[str] = field(default_factory=list)
    # the volunteer workbook the Settings sheet says the pairs were made from
    # (``pairs_workbook.INPUT_SETTING``), as written there: a path from this one's folder
    paired_from: list[str] = field(default_factory=list)
    # every worksheet, wessex's and the administrator's, when the reader was asked for them
    # (``every_sheet``): a name a feedback pack leaves out may be on any of them
    sheets: list[Grid] | None = None

    def paired_people(self) -> set[str]:
        """The e-mail keys of everyone paired this year who did not withdraw: the Pairs
        sheet's people and the partners someone withdrew from (they were paired, and may
        have hosted, visited or answered the survey before their partner left), unless they
        later left the scheme themselves."""
        gone = {w.key for w in self.withdrawals if w.whole_scheme}
        left = {w.partner_key for w in self.withdrawals} - gone
        return ({email_key(p.email) for pair in self.pairs for p in pair.people} | left) - {""}

    def column_title(self, wanted: str) -> str | None:
        """The Pairs sheet's header matching ``wanted`` as ``PairRecord.value`` matches it
        (case, spaces and punctuation aside; the first of two such columns), None for none:
        found once, ``pair.values.get(title)`` is then each row's ``pair.value(wanted)``
        without matching every title of every row (a tenth of a second on 5,000 pairs)."""
        from .text import first_columns, header_key

        column = first_columns(self.headers).get(header_key(wanted))
        return None if column is None else self.headers[column]


def pair_number(pair_id: str) -> int | None:
    """The number of an ID wessex gives ("P007" is 7, and so are "P7" and "p007" typed for
    it), None for one typed otherwise: the one rule for numbering new pairs on and for
    listing IDs as runs."""
    return int(pair_id[1:]) if re.fullmatch(r"[Pp][0-9]{1,9}", pair_id) else None


def standard_id(pair_id: str) -> str:
    """A pair ID as wessex writes it: "P7" (or "P0007") typed for P007 is that pair's ID,
    the same number, and is read so by every reader; any other ID as typed."""
    number = pair_number(pair_id)
    return f"P{number:03d}" if number is not None else pair_id


def copied_rows(pairs: Iterable[PairRecord]) -> list[list[PairRecord]]:
    """Each pair that stands in more than one row of its sheet (a row copied to keep a
    second note, say), as its rows in order: the same two people, each with an address.
    Counted twice, a pair would be two pairs, and which row to change could not be told.
    One row found twice (two people of one name in it) is one row."""
    rows: dict[frozenset[str], dict[int, PairRecord]] = {}
    for pair in pairs:
        if pair.a.key and pair.b.key:
            rows.setdefault(pair.couple, {}).setdefault(pair.row, pair)
    return [list(same.values()) for same in rows.values() if len(same) > 1]


@dataclass(frozen=True)
class VisitSummary:
    """The totals ``wessex status`` prints: pairs, complete pairs, visits done and owed,
    pairs overdue, and per care side the visits its people hosted and were due to host."""

    pairs: int
    complete: int
    visits_done: int
    visits_owed: int
    overdue: int
    hosted_by_side: dict[str, tuple[int, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, int]:
        """The figures ``status --json`` gives under "summary"."""
        return {"pairs": self.pairs, "complete": self.complete, "visits_done": self.visits_done,
                "visits_owed": self.visits_owed, "overdue": self.overdue}


def summarise(pairs: list[PairRecord], end: dt.date | None, now: dt.date) -> VisitSummary:
    """Totals over ``pairs`` as of ``now``, for a scheme whose exchange ends on ``end``."""
    done = sum(v.done for p in pairs for v in p.visits)
    by_side: dict[str, list[int]] = {}
    for pair in pairs:
        for visit, host in zip(pair.visits, pair.people, strict=True):
            entry = by_side.setdefault(host.side or "?", [0, 0])
            entry[0] += visit.done
            entry[1] += 1
    return VisitSummary(len(pairs), sum(p.complete for p in pairs), done, 2 * len(pairs) - done,
                        sum(p.overdue(end, now) for p in pairs),
                        {side: (d, due) for side, (d, due) in by_side.items()})
