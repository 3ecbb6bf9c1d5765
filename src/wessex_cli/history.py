"""Year two: what earlier schemes' pairs workbooks say about each person.

``read_history`` collects, from one or more earlier pairs workbooks, who was whose partner
and which organisations each person visited (a visit recorded as done). ``apply_history``
puts that on the volunteers of a new roster, where the eligibility rule "partners in an
earlier scheme" and the ``new_organisation`` weight read it. ``carry_forward`` lists last
year's people for ``wessex init --from``: everyone, their Status left blank and last year's
partner (or withdrawal) written as a note.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .dates import today
from .model import PERSON_FIELDS, PairsWorkbook, Person
from .pairs_workbook import path_from, read_pairs_workbook
from .roster import Preference, Problem, Roster, Volunteer
from .scheme import Scheme
from .spreadsheet import Cell, Grid, cell_text, find_header_row, read_grid
from .text import figure_or_text, first_capital, header_key, organisation_key, person_key


@dataclass
class History:
    """What earlier schemes' pairs workbooks say: each person's past partners (rule 6:
    never the same partner twice) and the organisations they visited."""

    partners: dict[str, set[str]] = field(default_factory=dict)  # e-mail key -> partners
    visited: dict[str, set[str]] = field(default_factory=dict)  # e-mail key -> organisation keys
    files: list[Path] = field(default_factory=list)
    pairs: int = 0
    named: dict[str, set[str]] = field(default_factory=dict)  # name key -> e-mail keys
    names: dict[str, str] = field(default_factory=dict)  # e-mail key -> the name written
    # the two e-mail keys of each earlier pair -> where it is recorded: (workbook, pair ID)
    where: dict[frozenset[str], list[tuple[Path, str]]] = field(default_factory=dict)


def read_history(paths: list[Path]) -> History:
    """The partners and visited organisations recorded in earlier pairs workbooks."""
    history = History(files=list(paths))
    for path in paths:
        for row in _history_book(path).pairs:
            a, b = row.a.key, row.b.key
            if not a or not b:
                continue
            history.pairs += 1
            for person in (row.a, row.b):
                history.named.setdefault(person_key(person.name), set()).add(person.key)
                history.names[person.key] = person.name
            history.partners.setdefault(a, set()).add(b)
            history.partners.setdefault(b, set()).add(a)
            history.where.setdefault(frozenset((a, b)), []).append((path, row.pair_id))
            a_hosts_b, b_hosts_a = row.visits
            if a_hosts_b.done and row.a.organisation:
                history.visited.setdefault(b, set()).add(organisation_key(row.a.organisation))
            if b_hosts_a.done and row.b.organisation:
                history.visited.setdefault(a, set()).add(organisation_key(row.b.organisation))
    return history


def _history_book(path: Path) -> PairsWorkbook:
    """An earlier year's pairs workbook, read; a problem with it names it as given with
    --history ("../exchange-2027/pairs.xlsx"), not by its file name alone, which this
    year's workbook may share."""
    import dataclasses

    from .errors import WessexError

    try:
        return read_pairs_workbook(path, now=today(), side_sheets=False)
    except WessexError as exc:
        raise dataclasses.replace(
            exc, message=f"the workbook given with --history ({path}): {exc.message}") from None


def new_addresses(roster: Roster, history: History) -> dict[str, str]:
    """Volunteer key -> the e-mail key the earlier workbooks knew them by, for each whose
    address is not in them but whose name is, and is one person's there only (a new NHS
    address from one year to the next): rule 6 must still keep them from last year's
    partner."""
    current = {v.key for v in roster.volunteers}
    found = {}
    for volunteer in roster.volunteers:
        if volunteer.key in history.names:
            continue
        earlier = history.named.get(person_key(volunteer.name), set())
        if len(earlier) == 1 and not earlier & current:
            found[volunteer.key] = next(iter(earlier))
    return found


def apply_history(roster: Roster, history: History) -> Roster:
    """The same roster, each volunteer carrying their earlier partners and visits (found by
    name for someone with a new address: ``new_addresses``)."""
    moved = new_addresses(roster, history)
    now_known_as = {old: new for new, old in moved.items()}

    def earlier(volunteer: Volunteer, table: dict[str, set[str]]) -> set[str]:
        return table.get(moved.get(volunteer.key, volunteer.key), set())

    volunteers = [dataclasses.replace(
        v, previous=tuple(sorted(now_known_as.get(k, k) for k in earlier(v, history.partners))),
        visited=tuple(sorted(earlier(v, history.visited)))) for v in roster.volunteers]
    return dataclasses.replace(roster, volunteers=volunteers, _index=None)


def with_earlier_partners(roster: Roster, paths: Sequence[Path], *,
                          choices: bool = False) -> Roster:
    """``roster`` with an error at the Partner cell of each lock of two people who were
    partners in one of the earlier pairs workbooks ``paths`` (rule 6), which 'pair' refuses:
    'check' says so first, as it says of a lock breaking any other rule, and 'pair
    --skip-errors' leaves the row out as it does for those. With ``choices``, a warning too at
    each Preference cell naming such a partner ('check': the volunteer can still choose
    again). Unchanged while one of them is missing or unreadable (warned of, or refused,
    apart)."""
    from .errors import WessexError

    named = any(volunteer.partner or (choices and any(c.person for c in volunteer.preferences))
                for volunteer in roster.volunteers)
    if not paths or not named or not all(earlier.is_file() for earlier in paths):
        return roster  # nobody named to look up: the earlier workbooks are not read for nothing
    try:
        history = read_history(list(paths))
    except WessexError:  # 'pair' refuses the workbook itself, naming what is wrong
        return roster
    return with_history_problems(roster, history, choices=choices)


def with_history_problems(roster: Roster, history: History, *,
                          choices: bool = False) -> Roster:
    """``with_earlier_partners`` for earlier years already read: 'pair --skip-errors' reads
    them once, for this and for the pairing."""
    earlier = apply_history(roster, history)
    moved = new_addresses(roster, history)

    people = roster.by_key()

    def recorded(x: str, y: str) -> str:
        # where the earlier pair of x and y (keys of this roster) is written: the
        # administrator can open it and see for themselves, and find there under their
        # name of then someone whose name has changed (a surname taken on marriage)
        olds = [(key, moved.get(key, key)) for key in (x, y)]
        where = " and ".join(f"pair {pair_id or '(no ID)'} in {path_from(path, Path.cwd())}"
                             for path, pair_id in history.where.get(
                                 frozenset(old for _, old in olds), []))
        renamed = [f"{people[key].name} is written as {history.names[old]}"
                   for key, old in olds if key in people and old in history.names and
                   person_key(history.names[old]) != person_key(people[key].name)]
        return f"{where}, where {' and '.join(renamed)}" if where and renamed else where

    found = _earlier_partner_locks(roster, earlier, recorded) + \
        (_choices_of_earlier_partners(roster, earlier, recorded) if choices else [])
    return dataclasses.replace(roster, problems=[*roster.problems, *found], _index=None) \
        if found else roster


def _earlier_partner_locks(roster: Roster, earlier: Roster,
                          recorded: Callable[[str, str], str]) -> list[Problem]:
    """An error at each Partner cell locking someone's partner of an earlier scheme
    (``earlier``: the roster with ``apply_history``'s ``previous``), saying where that
    earlier pair is recorded (``recorded``)."""
    by_key = earlier.by_key()
    column = roster.column_numbers.get("partner")
    return [Problem("error", "partner",
                    f"the locked partner {partner.name} may not be paired with "
                    f"{volunteer.name}: that pair breaks {_rule_6()}"
                    f"{_as_recorded(recorded(volunteer.key, partner.key))}.",
                    "Remove the lock: 'wessex pair' refuses it, never pairing anyone with a "
                    "partner they had before.",
                    frozenset({frozenset((volunteer.key, partner.key))}), roster.sheet,
                    volunteer.row, (column or 0) + 1)
            for volunteer in earlier.volunteers
            if (partner := by_key.get(volunteer.partner or "")) is not None and
            volunteer.active and partner.active and partner.key in volunteer.previous]


def _choices_of_earlier_partners(roster: Roster, earlier: Roster,
                                 recorded: Callable[[str, str], str]) -> list[Problem]:
    """A warning at each Preference cell naming the volunteer's partner of an earlier scheme:
    'pair' says it only after pairing, too late to ask the volunteer for someone else. It
    says where that earlier pair is recorded (``recorded``)."""
    from .scoring import ORDINAL

    found = []
    for volunteer, choice, name, chosen in _earlier_partners_chosen(earlier):
        column = roster.column_numbers.get(f"preference_{choice.rank}")
        named = f"{volunteer.name}'s {ORDINAL.get(choice.rank, choice.rank)} choice, " \
            f"{name}, cannot be met:"
        where = recorded(volunteer.key, choice.person or "")
        if chosen is None or chosen.active:
            why = f"{named} the two were partners in an earlier scheme, and {_rule_6()} " \
                f"never pairs them again{_as_recorded(where)}."
        else:  # left out as withdrawn, whatever the earlier years say
            cell = roster.cell(chosen, "status")
            why = f"{named} {name} has withdrawn (Status '{chosen.status}'" \
                f"{f' at {cell}' if cell else ''}), so 'wessex pair' leaves them out. The two " \
                f"were partners in an earlier scheme too{f' ({where})' if where else ''}, " \
                "so they would not be paired again were that Status cell emptied."
        found.append(Problem(
            "warning", f"preference_{choice.rank}", why,
            "Ask them for someone else before pairing, or leave it: 'wessex pair' passes over "
            "this choice.", sheet=roster.sheet, row=volunteer.row, col=(column or 0) + 1))
    return found


def _as_recorded(where: str) -> str:
    """``recorded``'s place of an earlier pair as a sentence of its own, after the one saying
    rule 6 keeps them apart: " They were pair P002 in ../2027/pairs.xlsx"; "" when it is not
    known."""
    return f". They were {where}" if where else ""


def _rule_6() -> str:
    """Rule 6 as an error or warning names it."""
    from .rules import Rule

    return f"rule {Rule.PARTNERED_BEFORE.value} ({Rule.PARTNERED_BEFORE.short})"


def _earlier_partners_chosen(roster: Roster
                             ) -> list[tuple[Volunteer, Preference, str, Volunteer | None]]:
    """Each choice of an active volunteer naming their partner of an earlier scheme
    (``apply_history`` gave the roster its ``previous``), with that partner's name, and that
    partner (None if not in the roster)."""
    by_key = roster.by_key()
    return [(volunteer, choice, chosen.name if chosen else choice.text, chosen)
            for volunteer in roster.volunteers if volunteer.active
            for choice in volunteer.preferences
            if choice.person and choice.person in volunteer.previous
            for chosen in (by_key.get(choice.person),)]


def choices_partnered_before(roster: Roster) -> list[str]:
    """A sentence for each choice of a colleague who was the volunteer's partner in an
    earlier scheme (``apply_history`` gave the roster its ``previous``): rule 6 keeps the
    two apart, which the volunteer may not expect, so the administrator hears of it."""
    from .scoring import ORDINAL

    return [f"{volunteer.name}'s {ORDINAL.get(choice.rank, choice.rank)} choice, {name}, "
            "was their partner in an earlier scheme, so the two are not paired again "
            "(rule 6: never the same partner twice)." if chosen is None or chosen.active else
            f"{volunteer.name}'s {ORDINAL.get(choice.rank, choice.rank)} choice, {name}, "
            "has withdrawn, so was left out of the pairing; the "
            "two were partners in an earlier scheme too."
            for volunteer, choice, name, chosen in _earlier_partners_chosen(roster)]


def summary_rows(path: Path) -> list[dict[str, str]]:
    """The Summary sheet of a pairs workbook as header key -> text, its header row (Item,
    Value) found as every sheet reader finds one; [] when the sheet is absent."""
    return summary_of(read_grid(path, "Summary", only=True))


def summary_of(grid: Grid) -> list[dict[str, str]]:
    """The Summary sheet already read, as ``summary_rows`` gives it; [] for a grid that is
    not the Summary sheet (none in the workbook)."""
    if not grid.is_sheet("Summary"):
        return []
    index = find_header_row(grid.rows, lambda cells: 2 * ({"item", "value"} <= {
        header_key(c) for c in cells}))
    if index is None:
        return []
    headers = [header_key(cell_text(c)) for c in grid.rows[index]]
    return [{h: cell_text(r[n]) if n < len(r) else "" for n, h in enumerate(headers) if h}
            for r in grid.rows[index + 1:] if any(cell_text(c) for c in r)]


def scheme_name(path: Path) -> str:
    """The scheme's name from the Summary sheet, else the file's name."""
    for entry in summary_rows(path):
        if entry.get("item", "").casefold() == "scheme" and entry.get("value"):
            return entry["value"]
    return path.stem


@dataclass(frozen=True)
class Carried:
    """One of last year's people for ``wessex init --from``: who they are, and a note of
    what happened to them last year (for the Notes column)."""

    person: Person
    notes: str
    # what last year's volunteer workbook said that the pairs workbook does not hold
    # (cluster, registered practice, avoid, capacity), by the column's name
    kept: dict[str, str] = field(default_factory=dict)


def last_years_volunteers(path: Path, scheme: Scheme) -> tuple[Path | None, list[Volunteer]]:
    """The volunteer workbook that last year's pairs workbook ``path`` was paired from (its
    Settings sheet names it), if it is still beside it, and its volunteers."""
    from .sources import roster_paired_from

    roster = roster_paired_from(path, scheme)
    return (roster.path, roster.volunteers) if roster is not None else (None, [])


def missing_year(earlier: Path, scheme_file: Path | None) -> tuple[str, str]:
    """What to say of an earlier year's pairs workbook that scheme.toml (``scheme_file``)
    lists under [pairing] history and is not there, and what to do: 'pair' stops for it,
    'check' warns first. The path is quoted as the setting has it, to find it there, and
    from the folder the command runs in, when that differs."""
    from .inspection import near_file
    from .pairs_workbook import path_from

    here = path_from(earlier, Path.cwd())
    written = path_from(earlier, scheme_file.parent) if scheme_file is not None else here
    also = f" ({here} from this folder)" if here != written else ""
    if earlier.is_dir():
        return (f"setting 'pairing.history' names {written}{also}, which is a folder, not an "
                "earlier year's pairs workbook, so wessex cannot tell who was paired then",
                "Give the pairs workbook in that folder by its name, such as "
                "history = [\"../exchange-2027/pairs.xlsx\"], or take the folder out of the "
                "list.")
    # a near name in that folder ("pairs.xls" for pairs.xlsx), as a missing input file has
    near = near_file(earlier, written)
    return (f"setting 'pairing.history' names {written}{also}, an earlier year's pairs "
            "workbook, which is not there, so wessex cannot tell who was paired then",
            f"{near}Correct the path (it is read from "
            f"{scheme_file.name if scheme_file is not None else 'scheme.toml'}'s folder), or "
            "take it out of the list if that year's partners may be paired again.")


def new_files(paths: Iterable[Path], known: Iterable[Path] = ()) -> list[Path]:
    """``paths`` less those naming a file already in ``known`` or earlier in ``paths``, two
    spellings of one file ("../2026/pairs.xlsx", "../2026/../2026/pairs.xlsx") counted once: each
    earlier year is read, and recorded, once."""
    seen = {known_path.resolve() for known_path in known}
    found = []
    for candidate in paths:
        if candidate.resolve() not in seen:
            seen.add(candidate.resolve())
            found.append(candidate)
    return found


def earlier_years(path: Path) -> tuple[list[Path], list[str]]:
    """Last year's pairs workbook ``path`` and the earlier ones it was paired apart from (its
    Settings sheet names them), those still there: what a new year's scheme.toml lists under
    [pairing] history, so that nobody meets a partner of any of those years again; and the
    entries of those no longer there, as the Settings sheet gives them, for init to name."""
    from .pairs_workbook import HISTORY_SETTING, recorded_files

    recorded = recorded_files(path, HISTORY_SETTING)
    gone = [entry for entry, earlier in recorded if not earlier.is_file()]
    return new_files([path, *(earlier for _, earlier in recorded if earlier.is_file())]), gone


def _kept(volunteer: Volunteer, by_key: dict[str, Volunteer]) -> dict[str, str]:
    """What the volunteer workbook says of ``volunteer`` that holds for another year and the
    pairs workbook does not keep (where they work and are a patient, whom they must not
    meet, how many partners), the columns they filled, as text to write again (the people
    avoided by e-mail: a name could match someone new)."""
    kept = {"cluster": volunteer.cluster, "registered_practice": volunteer.registered_practice,
            "avoid": "; ".join(by_key[key].email if key in by_key else key
                               for key in volunteer.avoid),
            "capacity": str(volunteer.capacity) if volunteer.capacity != 1 else ""}
    return {name: text for name, text in kept.items() if text}


def carry_forward(path: Path, volunteers: Sequence[Volunteer] = ()) -> list[Carried]:
    """Last year's people, one per e-mail, each with what last year's workbook says of them,
    and what last year's ``volunteers`` (``last_years_volunteers``) said of them that the
    pairs workbook does not hold; everyone of those whom pairing never reached (withdrawn
    before it) comes back too."""
    label = scheme_name(path)
    people: dict[str, Person] = {}
    notes: dict[str, list[str]] = {}

    def add(person: Person, note: str) -> None:
        key = person.key
        if not key:
            return
        known = people.setdefault(key, person)
        # a later sheet may know what an earlier one did not
        people[key] = dataclasses.replace(known, **{name: getattr(known, name) or
                                                    getattr(person, name)
                                                    for name in PERSON_FIELDS})
        notes.setdefault(key, []).append(note)

    book = read_pairs_workbook(path, now=today())  # a tick dated after today is not done
    for row in book.pairs:
        a_hosts_b, b_hosts_a = row.visits
        for me, other, hosted, visited in ((row.a, row.b, a_hosts_b, b_hosts_a),
                                           (row.b, row.a, b_hosts_a, a_hosts_b)):
            where = f" ({other.organisation})" if other.organisation else ""
            said = " ".join(cell_text(row.value("Notes")).split())  # the pair's own Notes
            add(me, f"partnered with {other.name}{where}; "
                    f"{_visits_note(hosted.done, visited.done)}."
                    + (f" The pair's notes: {said.rstrip('.')}." if said else ""))
    paired = set(people)  # the Withdrawn sheet's pairs are the pairs that ended
    for gone_pair in book.withdrawn:
        gone = person_key(cell_text(gone_pair.value("Withdrawn person")))
        reason = cell_text(gone_pair.value("Reason"))
        when = _as_written(gone_pair.value("Date withdrawn"))
        this_pair = cell_text(gone_pair.value("Withdrew from")).casefold().startswith("this pair")
        on = f" on {when}" if when else ""
        a_hosts_b, b_hosts_a = gone_pair.visits
        for me, them, hosted, visited in ((gone_pair.a, gone_pair.b, a_hosts_b, b_hosts_a),
                                          (gone_pair.b, gone_pair.a, b_hosts_a, a_hosts_b)):
            # the half days they did before the pair ended happened: said as a pair's are
            done = _visits_note(hosted.done, visited.done)
            if me.name and person_key(me.name) == gone:
                left = f"left the pair with {them.name}" if this_pair else "withdrew"
                add(me, f"{left}{on}{' (' + reason + ')' if reason else ''}"
                    f"{', staying in the scheme' if this_pair else ''}"
                    f"{'' if this_pair else '; had been paired with ' + them.name}; {done}.")
            elif me.name:
                where = f" ({them.organisation})" if them.organisation else ""
                add(me, f"partnered with {them.name}{where}, who withdrew{on}; {done}.")
    for person in book.unpaired:  # last: after what happened to the pair they had
        # someone with two places and one partner is on the Unpaired sheet too, and so is
        # someone whose partner withdrew when no new partner was found
        add(person, "offered more partners than were found." if person.key in paired
                    else "no new partner was found." if person.key in people
                    else "volunteered but was not paired.")
    by_key = {v.key: v for v in volunteers}
    for volunteer in volunteers:
        if volunteer.key not in people and not volunteer.active:  # never in the pairs
            # withdrawn after volunteering, or marked so as not returning (init --from): true
            # of both
            add(Person.of(volunteer), f"not paired, as their Status said '{volunteer.status}' "
                                      "(they withdrew before pairing, or took no part that "
                                      "year).")
        elif volunteer.key not in people:
            status = f" (Status: {volunteer.status})" if volunteer.status else ""
            add(Person.of(volunteer), f"volunteered{status} but was not paired.")
    result = [Carried(person, _said_of(label, notes[key]),
                      _kept(by_key[key], by_key) if key in by_key else {})
              for key, person in people.items()]
    return sorted(result, key=lambda c: (c.person.side, c.person.name.casefold()))


def write_carried(book_path: Path, people: list[Carried], scheme: Scheme) -> None:
    """Fill the Volunteers sheet of a workbook ``wessex init`` has just written."""
    import openpyxl

    from .pairs_workbook import carried_titles
    from .safe_write import atomic_write
    from .starter import VOLUNTEER_HEADERS
    from .workbook_edit import put_value

    book = openpyxl.load_workbook(book_path)
    sheet = book["Volunteers"]
    columns = {header_key(cell_text(c.value)): c.column for c in sheet[1] if c.value}
    # last year's own columns of the volunteer workbook, carried through the pairs workbook,
    # come back as columns of this year's, after wessex's own
    titles = carried_titles([c.person for c in people])
    for offset, title in enumerate(titles, start=sheet.max_column + 1):
        put_value(sheet.cell(1, offset), title)
        columns.setdefault(header_key(title), offset)
    for number, carried in enumerate(people, start=2):
        for title, value in carried.person.extra:
            if value:
                put_value(sheet.cell(number, columns[header_key(title)]), figure_or_text(value))
        for canonical, title in VOLUNTEER_HEADERS.items():
            # the volunteer's own note of last year, then what happened to them
            value = "\n".join(n for n in (carried.person.notes, carried.notes) if n) \
                if canonical == "notes" else \
                getattr(carried.person, canonical, "") if canonical in PERSON_FIELDS else \
                carried.kept.get(canonical, "")
            if canonical == "side":
                # the profession decides, through this year's scheme.toml, as the column's
                # drop-down advises; else the side as that list offers it ("Primary care")
                profession = carried.person.profession
                value = "" if value not in scheme.side_keys \
                    or scheme.side_for_profession(profession) == value \
                    else scheme.side_label(value)
            col = columns.get(header_key(title))
            if value and col:
                # text as typed, never a formula; a capacity a number, as typed last year
                put_value(sheet.cell(number, col),
                          figure_or_text(value) if canonical == "capacity" else value)
    atomic_write(book_path, lambda temp: book.save(temp))


def _as_written(value: Cell) -> str:
    """A date cell as letters write dates ("1 June 2027"), anything else as its text."""
    import datetime as dt

    from .wording import day_month_year

    if isinstance(value, dt.date):  # a datetime (calamine's) is a date too
        return day_month_year(value if not isinstance(value, dt.datetime) else value.date())
    return cell_text(value)


def _said_of(label: str, notes: Sequence[str]) -> str:
    """One person's notes as one paragraph, the scheme named once at its start: each note
    after the first a sentence of its own."""
    return f"{label}: " + " ".join([notes[0], *map(first_capital, notes[1:])])


def _visits_note(hosted: bool, visited: bool) -> str:
    """Last year's two half days in words: both, one (which), or neither."""
    if hosted and visited:
        return "both visits done"
    if hosted:
        return "hosted them; the visit to their workplace not recorded as done"
    if visited:
        return "visited them; hosting them not recorded as done"
    return "neither visit recorded as done"
