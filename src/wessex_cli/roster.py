"""Reading the volunteer workbook into ``Volunteer`` records and a list of ``Problem``s.

The reader forgives what administrators really type: a title above the header row,
headers in any case and spelling (with aliases), numbers where text is expected, stray
spaces and line breaks, days written every way. What it cannot make sense of becomes a
``Problem`` with its cell (``Volunteers!C7``) and a one-line fix, never an exception: the
caller decides whether errors stop the work (``wessex check`` lists them all).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .availability import AvailabilityError, parse_availability
from .errors import RosterError
from .scheme import Scheme
from .spreadsheet import (
    Cell,
    Grid,
    cell_lines,
    cell_ref,
    cell_text,
    collector_paused,
    merged_warning,
    read_grid,
)
from .spreadsheet import find_header_row as _find_header_row
from .text import (
    address_from_cell,
    cluster_text,
    did_you_mean_by_word,
    email_key,
    first_capital,
    fold,
    forename_first,
    header_key,
    letters_after,
    names_by_part,
    only_letters_after,
    organisation_key,
    person_key,
    person_keys,
    suggest,
    without_notes,
)

Severity = Literal["error", "warning"]

# Canonical column -> the headers that mean it (matched by ``header_key``).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "volunteer", "participant", "volunteer name",
             "participant name", "your name", "names"),
    "email": ("email", "e-mail", "email address", "e-mail address", "nhs email", "nhsmail",
              "mail", "work email", "contact email"),
    "phone": ("phone", "telephone", "tel", "mobile", "phone number", "telephone number",
              "mobile number", "contact number", "tel no", "phone no"),
    "profession": ("profession", "role", "job title", "job role", "staff group", "position"),
    "side": ("side", "setting", "sector", "care setting"),
    "organisation": ("organisation", "organization", "practice", "workplace", "hospital",
                     "surgery", "employer", "practice or hospital", "place of work", "base"),
    "specialty": ("specialty", "speciality", "specialism", "special interest", "specialities",
                  "specialties", "clinical specialty"),
    "cluster": ("cluster", "pcn", "locality", "network", "primary care network",
                "locality cluster", "pcns", "clusters", "pcn name"),
    "registered_practice": ("registered practice", "registered with", "registered at",
                            "gp practice", "own gp practice", "registered gp practice",
                            "patient at", "registered gp"),
    "host_days": ("host days", "days to host", "hosting days", "happy to host", "can host",
                  "host availability", "available to host", "days happy to host", "hosting"),
    "visit_days": ("visit days", "days to visit", "visiting days", "happy to visit",
                   "can visit", "visit availability", "available to visit",
                   "days happy to visit", "visiting"),
    "avoid": ("avoid", "do not pair with", "exclusions", "conflicts", "exclude", "not with",
              "do not pair", "conflicts of interest", "exclusion"),
    "capacity": ("capacity", "max partners", "maximum partners", "number of partners",
                 "partners wanted"),
    "partner": ("partner", "locked partner", "pre-agreed partner", "agreed partner",
                "fixed partner", "preagreed partner"),
    "status": ("status", "participation", "participation status"),
    "adjustments": ("adjustments", "reasonable adjustments", "access needs", "accessibility",
                    "access requirements"),
    "notes": ("notes", "comments", "note", "comment", "admin notes"),
}
_ORDINALS = {1: ("1", "1st", "first", "one"), 2: ("2", "2nd", "second", "two"),
             3: ("3", "3rd", "third", "three")}
for _k, _words in _ORDINALS.items():
    COLUMN_ALIASES[f"preference_{_k}"] = tuple(
        form for w in _words for form in (
            f"preference {w}", f"{w} preference", f"{w} choice", f"choice {w}", f"pref {w}",
            f"preferred colleague {w}", f"{w} pref", f"preference_{w}"))

CANONICAL_ORDER = ("name", "email", "phone", "profession", "side", "organisation", "specialty",
                   "cluster", "registered_practice", "host_days", "visit_days", "preference_1",
                   "preference_2", "preference_3", "avoid", "capacity", "partner", "status",
                   "adjustments", "notes")
HEADER_LOOKUP = {header_key(alias): column for column, aliases in COLUMN_ALIASES.items()
                 for alias in (column, *aliases)}
REQUIRED = ("name", "email", "profession")
# What is lost when a column is not recognised under a header wessex does not know: said
# when a header looks like one of these (a typo, or words of the administrator's own).
IGNORED_COLUMN = {
    "avoid": "the people listed there could be paired together",
    "registered_practice": "someone could be paired with a colleague at the practice "
                           "where they are a patient",
    "host_days": "everyone counts as free to host on any day",
    "visit_days": "everyone counts as free to visit on any day",
    "capacity": "everyone takes one partner",
    "partner": "no agreed partner is kept",
    "status": "everyone counts as taking part",
}
# Columns that keep people apart: one not recognised stops the pairing until it is named
EXCLUSION_COLUMNS = frozenset({"avoid", "registered_practice"})
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")


def column_meant(title: str) -> str | None:
    """The column a header means: by its aliases (``header_key``), or the same without words
    in brackets ("Do not pair with (names)", "Days to host (am/pm)")."""
    found = HEADER_LOOKUP.get(header_key(title))
    if found is None and ("(" in title or "[" in title):
        found = HEADER_LOOKUP.get(header_key(_BRACKETED.sub(" ", title)))
    return found


# A name kept in two columns, as many mailing lists keep it.
_FIRST_NAME = frozenset({"firstname", "forename", "forenames", "givenname", "first"})
_SURNAME = frozenset({"surname", "lastname", "familyname", "last"})


def _refuse_a_split_name(grid: Grid, sheet: str, header_index: int,
                         extra: list[tuple[str, int]]) -> None:
    """No Name column, but a first name and a surname column: renaming one of them to
    Name (the fix for a misspelt header) would pair people by half their name, so the
    error says to join the two."""
    from .spreadsheet import column_letter

    first = next(((t, c) for t, c in extra if header_key(t) in _FIRST_NAME), None)
    last = next(((t, c) for t, c in extra if header_key(t) in _SURNAME), None)
    if first is None or last is None:
        return
    header, row = header_index + 1, header_index + 2  # as Excel numbers them
    a, b = column_letter(first[1]), column_letter(last[1])
    raise RosterError(
        f"the required column Name is missing from the header row (row {header}); the names "
        f"are split between '{first[0]}' ({a}{header}) and '{last[0]}' ({b}{header}).",
        f"Add a column headed 'Name' with the whole name (in Excel, type ={a}{row}&\" \"&{b}{row} "
        "in its first row and fill it down); do not rename one of the two, which would keep "
        "half of each name.", file=grid.path, sheet=sheet, cell=f"{a}{header}")


def column_it_looks_like(title: str) -> tuple[str, str] | None:
    """(column, the alias it is nearest) for a header wessex does not know that is close to
    one of its names: a typo ("Do not pair wiht") or longer words ("Avoid pairing with")."""
    import difflib

    key = header_key(_BRACKETED.sub(" ", title))
    if len(key) < 4:
        return None
    aliases = [alias for alias in HEADER_LOOKUP if len(alias) >= 5]
    near = difflib.get_close_matches(key, aliases, n=1, cutoff=0.75)
    if not near:
        near = [alias for alias in sorted(aliases, key=len, reverse=True)
                if key.startswith(alias)][:1]
    if not near:
        return None
    column = HEADER_LOOKUP[near[0]]
    named = next((a for a in (column.replace("_", " "), *COLUMN_ALIASES[column])
                  if header_key(a) == near[0]), column)
    return column, named


MULTILINE = frozenset({"adjustments", "notes", "avoid"})
INACTIVE_STATUS = {"withdrawn", "withdrew", "droppedout", "dropout", "dropped", "inactive",
                   "left", "cancelled", "canceled", "no", "notparticipating"}
ACTIVE_STATUS = {"", "active", "yes", "confirmed", "participating", "ok", "paired", "new"}
NO_PREFERENCE = {"", "nopreference", "none", "nopref", "na", "n a", "any", "anyone", "no",
                 "nil", "notapplicable", "dontmind", "nopreferences", "noone"}
_SPLIT_LIST = re.compile(r"[;,\n]+")
# "Bob Stone and Carol Ng", "Bob Stone / Carol Ng", "Bob Stone + Carol Ng" in one entry
_AND = re.compile(r"\s*/\s*|\s+(?:and|&|\+)\s+", re.IGNORECASE)
# Where a name's notes begin (``text.without_notes``): a spaced dash, a bracket, a quotation
# mark; in an Avoid or Partner entry each part may be a person ("Ann Bell - Bob Hale")
_NOTES_APART = re.compile("\\s[-\u2013\u2014]\\s|[()\\[\\]<>\"\u201c\u201d]")
PROGRESS_EVERY = 500  # rows between two progress reports


def _entries(text: str) -> list[str]:
    """The entries of an Avoid or Partner cell, parted at ``;``, ``,`` and line breaks, but
    a name typed surname first kept whole: "Penrose, Alys; Bob Hale" is two people, "Alys
    Penrose" and "Bob Hale", never "Penrose", "Alys" and "Bob Hale" (``forename_first``
    reads only one word before the comma as a surname, so "Ann Bell, Bob Hale" stays two)."""
    parts = _SPLIT_LIST.split(text)
    between = _SPLIT_LIST.findall(text)
    entries: list[str] = []
    place = 0
    while place < len(parts):
        entry = parts[place].strip()
        if place + 1 < len(parts) and between[place] == ",":
            joined = f"{entry}, {parts[place + 1].strip()}"
            if forename_first(letters_after(without_notes(joined))[0]) is not None:
                entries.append(joined)
                place += 2
                continue
        entries.append(entry)
        place += 1
    return entries


def names_no_one(entry: str) -> bool:
    """Whether an Avoid or Partner entry says "nobody": a word for none ("n/a", "none"), or
    marks only ("-", "?"). A symbol or emoji, with no letter wessex can read, is not taken
    for a blank: it is looked up, and named as matching nobody, since a misread Avoid must
    never let the two be paired."""
    key = header_key(entry)
    if key:
        return key in NO_PREFERENCE
    return all(unicodedata.category(c)[0] in "PZC" for c in entry)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the workbook, where it is, and how to fix it."""

    severity: Severity
    column: str
    message: str
    fix: str = ""
    # for an error about Partner locks (one that breaks a rule, or more than a Capacity):
    # the locks, as pairs of e-mail keys; 'pair --keep' lets it pass when each is a kept pair
    locks: frozenset[frozenset[str]] = frozenset()
    # where it is: the sheet, and the row and column as Excel numbers them (column A is 1);
    # row 0 for a problem with no cell. ``cell`` is made from them, never the other way.
    sheet: str = ""
    row: int = 0
    col: int = 0

    @property
    def cell(self) -> str:
        """Where the problem is ("Volunteers!C7"), or "" when it is in no one cell."""
        return f"{self.sheet}!{cell_ref(self.row - 1, self.col - 1)}" if self.row else ""

    @property
    def text(self) -> str:
        """The message and its fix as one sentence, for plain-text output."""
        return f"{self.message} {self.fix}".strip()


@dataclass(frozen=True)
class Preference:
    """A volunteer's k-th choice: a colleague (``person``: their e-mail key) or a topic.

    A topic matches a candidate's specialty or organisation (``topic``: a folded key).
    """

    rank: int
    text: str
    person: str | None = None
    topic: str | None = None




@dataclass(frozen=True, slots=True)
class Volunteer:
    """One row of the volunteer workbook, cleaned and resolved."""

    row: int  # the spreadsheet row number (1-based), for messages
    name: str
    email: str
    key: str  # email_key(email): the volunteer's identity
    phone: str
    profession: str
    side: str
    organisation: str
    specialty: str
    cluster: str
    registered_practice: str
    host_days: str
    visit_days: str
    host_slots: int
    visit_slots: int
    preferences: tuple[Preference, ...]
    avoid: tuple[str, ...]  # e-mail keys
    capacity: int
    partner: str | None  # e-mail key of a locked partner
    status: str
    active: bool
    adjustments: str
    notes: str
    extra: tuple[tuple[str, str], ...] = ()
    # From earlier schemes' pairs workbooks (``history.apply_history``): partners' e-mail
    # keys, and the folded names of organisations this person has visited.
    previous: tuple[str, ...] = ()
    visited: tuple[str, ...] = ()
    # the Capacity cell blank (or no such column): ``capacity`` is the default of 1
    capacity_blank: bool = False

    @property
    def organisation_key(self) -> str:
        """The organisation as it compares (SPEC: folded, titles dropped)."""
        return organisation_key(self.organisation)

    @property
    def registered_key(self) -> str:
        """The registered practice as it compares with an organisation."""
        return organisation_key(self.registered_practice)


@dataclass(frozen=True)
class Rejected:
    """A row left out because of an error in it: still a volunteer to count and name."""

    row: int  # the spreadsheet row number (1-based)
    name: str
    email: str
    side: str  # "" when the row does not say
    capacity: int
    active: bool
    profession: str = ""  # as typed: the Unpaired sheet shows who was left out
    organisation: str = ""
    specialty: str = ""


@dataclass
class Roster:
    """Everything read from one volunteer workbook."""

    path: Path
    sheet: str
    volunteers: list[Volunteer]
    problems: list[Problem]
    columns: dict[str, str]  # canonical column -> the header as written
    extra_columns: list[str]
    rows: int  # data rows seen (non-blank)
    header_row: int = 1
    rejected: list[Rejected] = field(default_factory=list)  # rows with an error, left out
    # canonical column -> its 0-based number in the sheet, for a message naming a cell
    column_numbers: dict[str, int] = field(default_factory=dict)
    _index: _PeopleIndex | None = field(default=None, repr=False, compare=False)

    def cell(self, volunteer: Volunteer, column: str) -> str:
        """The cell of ``volunteer``'s row under ``column`` ("Volunteers!P5"); "" when the
        workbook has no such column."""
        from .spreadsheet import cell_ref

        number = self.column_numbers.get(column)
        return f"{self.sheet}!{cell_ref(volunteer.row - 1, number)}" if number is not None \
            else ""

    @property
    def errors(self) -> list[Problem]:
        """The problems that left a row out."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def active(self) -> list[Volunteer]:
        """The volunteers taking part (withdrawn people left out)."""
        return [v for v in self.volunteers if v.active]

    def by_key(self) -> dict[str, Volunteer]:
        """Volunteers by their e-mail key, the identity every other file uses."""
        return {v.key: v for v in self.volunteers}

    def find(self, text: str) -> list[Volunteer]:
        """Volunteers a name or e-mail names (titles, case and accents ignored)."""
        if self._index is None:
            self._index = _PeopleIndex(self.volunteers)
        return self._index.people(text)

    def named(self, text: str) -> list[Volunteer]:
        """Volunteers as the administrator names one in a command (``withdraw --in``): by
        e-mail or name as ``find``; by surname or first name (``text.named``) when ``text``
        is nobody's name. Every one it names, for the caller to refuse several. Whole names
        are looked up in ``find``'s index; only a text that is nobody's name is compared
        with each."""
        if "@" in text:
            return self.find(text)
        whole = self.find(text) if person_key(text) else []
        return whole or [v for v in self.volunteers if names_by_part(text, v.name)]


def find_header_row(rows: list[list[Cell]]) -> int | None:
    """The index of the row that names the most known columns (at least two)."""
    return _find_header_row(
        rows, lambda texts: len({HEADER_LOOKUP.get(header_key(t)) for t in texts} - {None}),
        minimum=2)


# The plainest addresses (``jane.smith@nhs.net``): ASCII letters, digits, ``_+-`` and
# single dots before the @; after it, two or more dot-separated labels of letters and digits
# with single inner hyphens, ending in a name of letters. Strictly narrower than what
# email-validator accepts (tests/test_fast_paths.py generates addresses from this
# pattern and has email-validator judge each), so it only spares the judge work: anything
# else, however ordinary, still goes to email-validator for its verdict and its reason.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
    r"@(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+[A-Za-z]{2,63}", re.ASCII)
# email-validator refuses these top-level names (its SPECIAL_USE_DOMAIN_NAMES, checked
# against the installed library by the test) without a DNS look-up.
_SPECIAL_USE_DOMAINS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def plainly_valid_email(address: str) -> bool:
    """True when ``address`` is of the plainest form (``jane.smith@nhs.net``), within
    the lengths the standard allows (64 before the @, 63 a label, 253 after, 254 in
    all) and not at a special-use name: a form email-validator always accepts."""
    if len(address) > 254 or not _PLAIN_EMAIL.fullmatch(address):
        return False
    local, _, domain = address.partition("@")
    labels = domain.split(".")
    return (len(local) <= 64 and len(domain) <= 253 and max(map(len, labels)) <= 63
            and labels[-1].lower() not in _SPECIAL_USE_DOMAINS)


def space_in_address(typed: str, address: str) -> tuple[str, str] | None:
    """What to say of an address cell typed with a space in it ('ann smith@nhs.net'), and
    what to do, once the address read from it (``address``, the space taken out, as no
    address holds one) is one; None otherwise. The space may stand for a dot or an
    underscore mistyped, and the letters would then go elsewhere."""
    # an address that is none even without the space is ``address_fault``'s to name, once
    if " " not in typed or "<" in typed or "@" not in address or email_problem(address):
        return None
    return (f"'{typed}' has a space in it, which no address can hold, so wessex writes to "
            f"{address}.", "If a dot or an underscore was meant where the space is, correct "
            "the cell.")


def spaced_address_warning(cell: str, typed: str) -> str:
    """``space_in_address`` as a warning of the pairs workbook naming its cell ("" for
    none), in the volunteer workbook's words for the same mistype; an address that is none
    even without the space is ``address_fault``'s."""
    from .text import address_from_cell

    typed = typed.strip()
    if " " not in typed:  # most cells: nothing more to look at
        return ""
    address = address_from_cell(typed)
    spaced = space_in_address(typed, address)
    return f"{f'{cell}: ' if cell else ''}{' '.join(spaced)}" if spaced else ""


def address_fault(cell: str, typed: str, name: str, about: str = "",
                  advise: bool = False) -> str:
    """What is wrong with the address ``typed`` in ``cell`` for ``name`` ("" when it is an
    address), in the one wording of every warning and refusal; ``about`` says more of who
    they are, and ``advise`` adds what to do, for a warning (a refusal says it once)."""
    found = address_fault_and_fix(typed, name, about)
    if found is None:
        return ""
    fault, fix = found
    where = f"{cell}: " if cell else ""
    return f"{where}{fault}; {fix}." if advise else f"{where}{fault}"


def address_fault_and_fix(typed: str, name: str, about: str = "") -> tuple[str, str] | None:
    """The fault and the fix of ``address_fault``, apart (None when ``typed`` is an address),
    for 'check', whose table gives the cell a column of its own and the fix a sentence."""
    from .text import address_from_cell

    address = address_from_cell(typed)
    problem = email_problem(address) if address else None
    if address and not problem:
        return None
    why = british(problem) if problem else None
    who = (name or "a volunteer") + (f" ({about})" if about else "")
    if why:
        return (f"'{typed.strip()}' is not a valid e-mail address ({why.rstrip('.')}), "
                f"for {who}", "correct it before sending anything to them")
    return f"{who} has no e-mail address", "fill it in before sending anything to them"


# email-validator's reasons are in American English, and the administrator is in the UK:
# its words that British English spells or says otherwise, and how it does
_BRITISH = ((re.compile(r"\bperiods\b"), "full stops"), (re.compile(r"\bperiod\b"), "full stop"),
            (re.compile(r"\bemail\b"), "e-mail"), (re.compile(r"\bEmail\b"), "E-mail"),
            (re.compile(r"\b(I|i)nternationalized\b"), r"\1nternationalised"),
            (re.compile(r"\bnormaliz(ation|ing)\b"), r"normalis\1"))


def british(reason: str) -> str:
    """email-validator's ``reason`` in British English and wessex's spelling: "An e-mail
    address cannot end with a full stop" for its "An email address cannot end with a period"."""
    for american, said in _BRITISH:
        reason = american.sub(said, reason)
    return reason


@lru_cache(maxsize=1 << 18)
def email_problem(address: str) -> str | None:
    """None when ``address`` is a valid e-mail address, else why not.

    email-validator (without a DNS look-up) judges every address but those of the plain
    form :func:`plainly_valid_email` recognises, which it is proven to accept: no looser
    shortcut that could let through what it would refuse. A cell of two or more addresses
    is said to hold them, as its separator would read as a mistyped character."""
    if plainly_valid_email(address):
        return None
    # two addresses in one cell (a work one and another): said so, not as a character wrong
    pieces = re.split(r"[;,/]", address)
    if len(pieces) > 1 and all("@" in piece for piece in pieces):
        others = "the other" if len(pieces) == 2 else "the others"
        return (f"It holds {len(pieces)} addresses, and a cell takes one: keep the one to "
                f"write to, and put {others} in Notes.")
    # one address, and after a separator nothing (copied from Outlook, which ends each
    # address with "; ") or a note: said so, not as a character wrong in the address
    if len(pieces) > 1 and sum("@" in piece for piece in pieces) == 1 and \
            "@" in pieces[0] and plainly_valid_email(pieces[0]):
        mark = address[len(pieces[0])]
        if not "".join(pieces[1:]).strip():
            return f"It ends in '{mark}' after the address: take the '{mark}' out."
        return (f"It holds an address and, after '{mark}', other text: keep the address "
                "alone, and put the rest in Notes.")
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def read_roster(path: Path | str, scheme: Scheme | None = None,
                progress: Callable[[int, int], None] | None = None, *,
                alongside: Callable[[], None] | None = None) -> Roster:
    """Read and check a volunteer workbook. Raises ``WessexError`` only when nothing usable
    can be read (no such file, not a spreadsheet, no header row, a required column missing).

    ``progress(rows_read, rows_in_sheet)`` is called now and then on a long sheet;
    ``alongside`` runs while the sheet is read (``spreadsheet.read_grid``)."""
    scheme = scheme or Scheme()
    with collector_paused():
        grid = read_grid(Path(path), alongside=alongside)
        return roster_from_grid(grid, scheme, progress)


def _column_label(column: str) -> str:
    """"Registered practice" for "registered_practice": a column's name as a header."""
    return column.replace("_", " ").capitalize()


def roster_from_grid(grid: Grid, scheme: Scheme,
                     progress: Callable[[int, int], None] | None = None) -> Roster:
    """``read_roster`` on a grid already read: header, rows, then the references between them."""
    rows = grid.rows
    sheet = grid.sheet
    header_index = find_header_row(rows)
    if header_index is None or _looks_like_pairs(rows):
        _refuse_pairs_workbook(grid)
        _refuse_other_file(grid)
        raise RosterError(
            "no header row found: no row names at least two of the columns wessex knows "
            "(Name, Email, Profession, ...).",
            "Put the column headers in one row above the volunteers; 'wessex init' writes "
            "a workbook with the right headers.", file=grid.path, sheet=sheet)
    header = rows[header_index]
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    extra: list[tuple[str, int]] = []
    problems: list[Problem] = []
    # Each titled header once: its column, title and the column it means (if any). When
    # two mean the same, the one headed with the column's own name wins ("Notes" over
    # "Comments"), else the first; the other is carried as an extra.
    titled = [(col, title, column_meant(title))
              for col, title in ((col, cell_text(raw)) for col, raw in enumerate(header)) if title]
    chosen: dict[str, tuple[int, int]] = {}  # canonical -> (0 for its own name, column)
    for col, title, canonical in titled:
        if canonical:
            rank = 0 if header_key(title) == header_key(canonical) else 1
            chosen[canonical] = min(chosen.get(canonical, (rank, col)), (rank, col))
    for col, title, canonical in titled:
        if canonical and chosen[canonical][1] == col:
            columns[canonical] = col
            written[canonical] = title
        else:
            extra.append((title, col))
    # The titles in use, and the names of the columns wessex reads ("notes" when the Notes
    # are headed "Comments"): a carried column may not take one of them.
    taken = {header_key(t) for t in written.values()} | {header_key(c) for c in columns}
    for index, (title, col) in enumerate(extra):
        # Extra columns are carried through by title, so each needs its own: a second
        # "Parking" (or a second Email) is carried as "Parking (2)", with a warning; a second
        # column for something wessex reads ("Mobile" beside "Phone") is said too.
        key, unique, number = header_key(title), title, 1
        while header_key(unique) in taken:
            number += 1
            unique = f"{title} ({number})"
        taken.add(header_key(unique))
        canonical = column_meant(title)
        if unique != title or canonical:
            extra[index] = (unique, col)
            first = written[canonical] if canonical else title
            named = "" if header_key(first) == key else f" ('{title}')"
            problems.append(Problem(
                "warning", title,
                f"a second '{first}' column{named}; this one is "
                f"{'not used to pair, and ' if canonical else ''}carried through to the pairs "
                f"workbook and the mail merge as '{unique}'.", "Rename or delete one of them.",
                sheet=sheet, row=header_index + 1, col=col + 1))
    unknown = [(title, col, column_it_looks_like(title)) for title, col in extra
               if column_meant(title) is None]
    missing = [c for c in REQUIRED if c not in columns]
    if "name" in missing:
        _refuse_a_split_name(grid, sheet, header_index, extra)
    if missing:
        names = ", ".join(m.capitalize() for m in missing)
        guess = next(((title, col) for title, col, near in unknown
                      if near and near[0] == missing[0]), None)
        where = cell_ref(header_index, guess[1]) if guess else f"A{header_index + 1}"
        raise RosterError(
            f"the required column{'s' if len(missing) > 1 else ''} {names} "
            f"{'are' if len(missing) > 1 else 'is'} missing from the header row "
            f"(row {header_index + 1})"
            + (f"; '{guess[0]}' in {where} looks like it." if guess else "."),
            (f"Rename '{guess[0]}' to '{missing[0].capitalize()}'." if guess else
             f"Add a column headed '{missing[0].capitalize()}' (aliases such as "
             f"'{COLUMN_ALIASES[missing[0]][1]}' work too)."),
            file=grid.path, sheet=sheet, cell=where)
    for title, col, near in unknown:
        if near is None or near[0] in columns:
            continue  # the column it looks like is there: this one is the administrator's
        column, alias = near
        lost = IGNORED_COLUMN.get(column, "it is only carried through to the pairs workbook")
        problems.append(Problem(
            "error" if column in EXCLUSION_COLUMNS else "warning", title,
            f"'{title}' looks like the {_column_label(column)} column ('{alias}'), but it is "
            f"not a header wessex knows, so this column is not read: {lost}.",
            f"Rename the header '{_column_label(column)}' if that is what it holds, or give "
            "it a title of your own that is not so close.", sheet=sheet, row=header_index + 1,
            col=col + 1))
    merged_across = [merged_warning(merged) for merged in grid.merged
                     # across a volunteer's row (a title above it is no matter)
                     if merged[0][0] == merged[1][0] > header_index]
    for warning in [*grid.warnings, *merged_across]:
        problems.append(Problem("warning", "", warning[1], sheet=sheet, row=warning.row,
                                col=warning.column))
    _SUGGESTIONS_LEFT[0] = 100
    reader = _RowReader(grid, scheme, columns, extra, problems, header_index)
    drafts = reader.read_rows(header_index + 1, progress)
    volunteers = _resolve(drafts, reader, scheme)
    return Roster(grid.path, sheet, volunteers, problems, written, [t for t, _ in extra],
                  rows=len(drafts) + reader.dropped_rows, header_row=header_index + 1,
                  rejected=reader.rejected, column_numbers=dict(columns))


# Headers only the pairs workbook has (its Pairs sheet): a pair id and the tracking columns.
_PAIRS_SIGNATURE = frozenset({"pair", "ahostsbdate", "bhostsadate", "aname", "bname"})


def _looks_like_pairs(rows: list[list[Cell]]) -> bool:
    return any(len(_PAIRS_SIGNATURE & {header_key(cell_text(c)) for c in row}) >= 3
               for row in rows[:5])


def _refuse_pairs_workbook(grid: Grid) -> None:
    """Name the mix-up when the pairs workbook is given where volunteers are expected."""
    if not grid.is_sheet("Pairs") and not _looks_like_pairs(grid.rows):
        return
    raise RosterError(
        "this is a pairs workbook (the record 'wessex pair' writes), not a volunteer "
        "workbook.",
        "Give the volunteer workbook here (the one with a row per volunteer). The pairs "
        "workbook is for status, visit, remind, render --pairs and pair --keep.",
        file=grid.path, sheet=grid.sheet)


# Files read as text that are plainly not a spreadsheet (a volunteer list, a survey's
# responses): said so by name, not as a missing header row.
NOT_SPREADSHEETS = {".html": "a web page", ".htm": "a web page", ".md": "a Markdown document",
                     ".eml": "an e-mail", ".json": "a JSON file", ".pdf": "a PDF document",
                     ".j2": "a document template", ".svg": "a picture", ".ini": "a settings file",
                     ".yaml": "a settings file", ".yml": "a settings file"}


def _refuse_other_file(grid: Grid) -> None:
    """Name the mix-up when the settings file, or another file that is not a spreadsheet, is
    given where the volunteer workbook is expected."""
    suffix = grid.path.suffix.lower()
    if suffix == ".toml":
        raise RosterError(
            "this is a settings file (like scheme.toml), not a volunteer workbook.",
            "Give the volunteer workbook here (.xlsx, .ods or .csv, a row per volunteer). "
            "The settings are read from scheme.toml in the current folder, or from the file "
            "given with --scheme.", file=grid.path)
    if suffix in NOT_SPREADSHEETS:
        raise RosterError(
            f"this is {NOT_SPREADSHEETS[suffix]} ({suffix}), not a spreadsheet.",
            "Give the volunteer workbook here (.xlsx, .ods or .csv, a row per volunteer).",
            file=grid.path)


@dataclass
class _Draft:
    """A row read but not yet resolved against the others (preferences, avoid, partner)."""

    row_index: int
    values: dict[str, str]
    side: str
    host_slots: int
    visit_slots: int
    capacity: int
    active: bool
    status: str
    extra: tuple[tuple[str, str], ...]


class _RowReader:
    def __init__(self, grid: Grid, scheme: Scheme, columns: dict[str, int],
                 extra: list[tuple[str, int]], problems: list[Problem],
                 header_index: int) -> None:
        self.grid, self.scheme, self.columns, self.extra = grid, scheme, columns, extra
        self.problems = problems
        self.dropped_rows = 0
        self.rejected: list[Rejected] = []
        self.header_index = header_index  # the header row, 0-based

    def problem(self, severity: Severity, row_index: int, column: str, message: str,
                fix: str = "", locks: frozenset[frozenset[str]] = frozenset()) -> None:
        col = self.columns.get(column, 0)  # a column not there: the row's first cell
        self.problems.append(Problem(severity, column, message, fix, locks, self.grid.sheet,
                                     row_index + 1, col + 1))

    def reject(self, row_index: int, values: dict[str, str], side: str, capacity: int,
               active: bool) -> None:
        self.rejected.append(Rejected(row_index + 1, values["name"], values["email"], side,
                                      capacity, active, values.get("profession", ""),
                                      values.get("organisation", ""),
                                      values.get("specialty", "")))

    def read_rows(self, first: int, progress: Callable[[int, int], None] | None = None
                  ) -> list[_Draft]:
        drafts: list[_Draft] = []
        total = len(self.grid.rows) - first
        seen_emails: dict[str, tuple[int, str, str]] = {}  # key -> row, name, e-mail as typed
        # Each column with the function that cleans it, decided once rather than per cell;
        # text cells (nearly all) are cleaned inline, as cell_text cleans them.
        mapped = [(column, col, cell_lines if column in MULTILINE else None)
                  for column, col in self.columns.items()]
        for row_index in range(first, len(self.grid.rows)):
            if progress is not None and not (row_index - first) % PROGRESS_EVERY:
                progress(row_index - first, total)
            raw = self.grid.rows[row_index]
            width = len(raw)
            values = {}
            for column, col, clean in mapped:
                cell = raw[col] if col < width else None
                if clean is not None:
                    values[column] = clean(cell)
                elif type(cell) is str:
                    values[column] = " ".join(cell.split())
                else:
                    values[column] = cell_text(cell)
            extra = tuple((title, cell_lines(raw[col]) if col < width else "")
                          for title, col in self.extra)
            if not any(values.values()) and not any(v for _, v in extra):
                continue  # a blank row
            if values["email"]:  # "Ann <ann@nhs.net>" is understood as ann@nhs.net
                typed = values["email"]
                values["email"] = address_from_cell(typed)
                spaced = space_in_address(typed, values["email"])
                if spaced:
                    self.problem("warning", row_index, "email", *spaced)
            key = email_key(values["email"])
            if key and key in seen_emails:
                first_index, first_name, first_email = seen_emails[key]
                self.dropped_rows += 1
                if person_key(values["name"]) == person_key(first_name):
                    written = values["email"] if values["email"] == first_email else \
                        f"{first_email} (here {values['email']})"
                    self.problem("error", row_index, "email",
                                 f"row {first_index + 1} already has {first_name} with the "
                                 f"e-mail {written}: this row repeats them.",
                                 f"Delete this repeat, keeping anything new it says in row "
                                 f"{first_index + 1}.")
                    continue
                self.problem("error", row_index, "email",
                             f"{values['name'] or 'this row'} has the e-mail "
                             f"{values['email']}, which row {first_index + 1} gives for "
                             f"{first_name or 'someone else'}; two people cannot share an "
                             "address.", "Correct one of the addresses.")
                # Either row may be the mistyped one, so both are in error: --skip-errors
                # must not pair the first and send its letters to the second's inbox.
                self.problem("error", first_index, "email",
                             f"{first_name or 'this row'} has the e-mail {first_email}, "
                             f"which row {row_index + 1} also gives for "
                             f"{values['name'] or 'someone else'}; two people cannot share an "
                             "address.", "Correct one of the addresses.")
                draft = self.read_row(row_index, values, extra, raw)
                if draft is not None:
                    self.reject(draft.row_index, values, draft.side, draft.capacity,
                                draft.active)
                continue
            if key:
                seen_emails[key] = (row_index, values["name"], values["email"])
            draft = self.read_row(row_index, values, extra, raw)
            if draft is None:
                self.dropped_rows += 1
                continue
            drafts.append(draft)
        return drafts

    def read_row(self, row_index: int, values: dict[str, str],
                 extra: tuple[tuple[str, str], ...], raw: list[Cell]) -> _Draft | None:
        ok = True
        if not values["name"]:
            self.problem("error", row_index, "name", "the name is missing.",
                         "Type the volunteer's full name.")
            ok = False
        else:
            kept, letters = letters_after(without_notes(values["name"]))
            turned = forename_first(kept)
            if turned is not None:  # read as the usual order, but shown as typed
                self.problem("warning", row_index, "name",
                             f"'{values['name']}' is typed surname first; wessex reads it "
                             f"as {turned}.", f"Type it '{turned}{letters}', so that the "
                             "letters and the pairs workbook name them the same way.")
        email = values["email"]
        if not email:
            self.problem("error", row_index, "email", "the e-mail address is missing.",
                         "Type the volunteer's e-mail: it is how wessex tells people apart.")
            ok = False
        else:  # read_rows has taken the address out of the cell already
            # quoted as typed: the address taken out of it has lost its spaces
            col = self.columns["email"]
            typed = " ".join(cell_text(raw[col]).split()) if col < len(raw) else email
            found = address_fault_and_fix(typed, values["name"])
            if found:  # in the words of every other address warning
                fault, fix = found
                self.problem("error", row_index, "email", f"{fault}.",
                             f"{first_capital(fix)}.")
                values = {**values, "email": typed}  # and kept so, for the Unpaired sheet
                ok = False
        profession = values["profession"]
        side_text = values.get("side", "")
        side = self.scheme.side_from_text(side_text) if side_text else None
        # the sides as the Side column's drop-down offers them ("Primary care"), which the
        # reader takes as it takes the keys of scheme.toml
        labels = [side.label for side in self.scheme.sides]
        if side_text and side is None:
            self.problem("error", row_index, "side", f"the side '{side_text}' is not one of "
                         f"{' or '.join(labels)}.",
                         f"Write {' or '.join(labels)}, or leave it blank.")
            ok = False
        if not profession:
            self.problem("error", row_index, "profession", "the profession is missing.",
                         "Type a profession such as GP or Consultant.")
            ok = False
        elif side is None and not side_text:
            side = self.scheme.side_for_profession(profession)
            if side is None:
                known = [p for s in self.scheme.sides for p in s.professions]
                near = _suggest(profession, known, 1, 0.75)
                words = " or ".join(labels)
                side_col = self.columns.get("side")
                where = (f"type {words} in their Side cell ({cell_ref(row_index, side_col)})"
                         if side_col is not None else
                         f"add a column headed Side and type {words} in this row")
                fix = (f"{where}, or add the profession to [sides.primary] or "
                       "[sides.secondary] professions in scheme.toml.")
                self.problem("error", row_index, "profession",
                             f"the profession '{profession}' belongs to no side.",
                             f"Did you mean '{near[0]}'? Otherwise {fix}" if near else
                             first_capital(fix))
                ok = False
        slots = []
        for column in ("host_days", "visit_days"):
            text = values.get(column, "")
            try:
                slots.append(parse_availability(text))
            except AvailabilityError as exc:
                why = ("it is a date, and this column takes the days of the week that suit "
                       "them" if _is_a_date(text) else
                       f"'{exc}' is not a day, a range, am/pm or 'any'")
                self.problem("error", row_index, column,
                             f"cannot read '{text}' as days: {why}.",
                             "Write days like 'Mon, Wed', 'Tue-Thu', 'Fri am' or 'any'.")
                slots.append(0)
                ok = False
        capacity = 1
        raw_capacity = values.get("capacity", "")
        if raw_capacity:
            col = self.columns["capacity"]
            cell = raw[col] if col < len(raw) else None
            number = cell if isinstance(cell, int | float) and not isinstance(cell, bool) else None
            if number is None:
                try:
                    number = float(raw_capacity)
                except ValueError:
                    number = None
            if number is None or not 1 <= number <= 1000 or number != int(number):
                self.problem("error", row_index, "capacity",
                             f"capacity '{raw_capacity}' is not a whole number of 1 or more.",
                             "Write 1 (or 2 for someone happy to take two partners).")
                ok = False
            else:
                capacity = int(number)
        status = values.get("status", "")
        status_key = header_key(status)
        active = status_key not in INACTIVE_STATUS
        if status_key not in INACTIVE_STATUS and status_key not in ACTIVE_STATUS:
            self.problem("warning", row_index, "status",
                         f"status '{status}' is not known; the person is treated as active.",
                         "Write 'withdrawn' to leave someone out, or leave it blank.")
        if not ok:
            self.reject(row_index, values, side or "", capacity, active)
            return None
        return _Draft(row_index, values, side or "", slots[0], slots[1], capacity, active,
                      status, extra)


_PASTED_ADDRESS = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")  # the address of "Name <address>"


class _PeopleIndex:
    """Look people up by e-mail or by name without titles, case or accents."""

    def __init__(self, volunteers: Iterable[Volunteer | _Draft]) -> None:
        self.by_email: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.items = list(volunteers)
        for index, item in enumerate(self.items):
            email, name = (item.email, item.name) if isinstance(item, Volunteer) else \
                (item.values["email"], item.values["name"])
            self.by_email[email_key(email)] = [index]
            for key in person_keys(name):  # "Robert (Bob) Hale" as Robert Hale and Bob Hale
                self.by_name[key].append(index)

    def indices(self, text: str) -> list[int]:
        if "@" in text:  # "Penrose, Alys <alys.penrose@nhs.net>", as Outlook copies one
            pasted = _PASTED_ADDRESS.search(text)
            return self.by_email.get(email_key(pasted.group(1) if pasted else text), [])
        # each of the keys of the name ("Sean O'Brien" is also Sean OBrien), each row once
        return list(dict.fromkeys(index for key in person_keys(text)
                                  for index in self.by_name.get(key, [])))

    def people(self, text: str) -> list[Volunteer]:
        return [v for v in (self.items[i] for i in self.indices(text)) if isinstance(v, Volunteer)]


def _one_choice_each(reader: _RowReader) -> str:
    """The fix for two choices in one Preference cell, naming the columns as the sheet heads
    them ('1st choice', '2nd choice' ...), not as wessex calls them."""
    header = reader.grid.rows[reader.header_index]
    heads = [f"'{cell_text(header[col])}'" for col in
             (reader.columns.get(f"preference_{rank}") for rank in (1, 2, 3))
             if col is not None and col < len(header)]
    if len(heads) < 2:
        return "Put one choice in each of Preference 1, 2 and 3."
    return f"Put one choice in each of {', '.join(heads[:-1])} and {heads[-1]}."


def _resolve(drafts: list[_Draft], reader: _RowReader, scheme: Scheme) -> list[Volunteer]:
    """Turn preferences, avoid and partner cells into references to people or topics."""
    index = _PeopleIndex(drafts)
    keys = [email_key(d.values["email"]) for d in drafts]
    organisations = {organisation_key(d.values.get("organisation", "")):
                     d.values.get("organisation", "")
                     for d in drafts if d.values.get("organisation")}
    specialties = {fold(d.values.get("specialty", "")) for d in drafts} - {""}

    def topic(text: str) -> str | None:
        """The key a specialty or organisation choice compares under; None if it names none."""
        if organisation_key(text) in organisations:
            return organisation_key(text)
        return fold(text) if fold(text) in specialties else None

    @lru_cache(maxsize=1)
    def vocabulary() -> list[str]:  # only built when a suggestion is needed
        return sorted({d.values["name"] for d in drafts} |
                      {d.values.get(c, "") for d in drafts for c in ("specialty", "organisation")}
                      - {""})

    @lru_cache(maxsize=1)
    def professions() -> frozenset[str]:  # as vocabulary(): only when a choice matches none
        return frozenset(fold(d.values.get("profession", "")) for d in drafts) - {""}

    rejected_rows = {**{person_key(r.name): r.row for r in reader.rejected if r.name},
                     **{email_key(r.email): r.row for r in reader.rejected if r.email}}

    def waiting(entry: str) -> int:
        """The row of someone left out for an error of their own (0: nobody)."""
        return rejected_rows.get(email_key(entry) if "@" in entry else person_key(entry), 0)

    # A specialty or organisation found only on rows left out for an error: the entry is
    # spelt right, and counts once such a row is fixed.
    # (Worked out at the first entry that matches nothing: 99,000 rows in error and no
    # unmatched entry need none of it.)
    @lru_cache(maxsize=1)
    def topics() -> dict[str, int]:
        """Each specialty and organisation (folded) of the rows left out -> the first row."""
        found: dict[str, int] = {}
        for r in reader.rejected:
            found.setdefault(fold(r.specialty), r.row)
            found.setdefault(organisation_key(r.organisation), r.row)
        found.pop("", None)
        return found

    def waiting_topic(text: str) -> int:
        """The row, left out for an error, whose specialty or organisation `text` is (0: none)."""
        return topics().get(fold(text)) or topics().get(organisation_key(text), 0)

    def by_part(entry: str) -> str:
        """"Did you mean 'Alys Penrose'? " for an entry that is the surname or the first
        name, with or without a title ("Penrose", "Dr Penrose"), of four people at most:
        a hint only, as the entry may mean someone outside the list."""
        if not _SUGGESTIONS_LEFT[0]:
            return ""
        found = [d.values["name"] for d in drafts if names_by_part(entry, d.values["name"])]
        quoted = " or ".join(f"'{name}'" for name in found)
        return f"Did you mean {quoted}? " if 0 < len(found) <= 4 else ""

    def one_each(parts: list[str]) -> list[int]:
        """The rows of the people ``parts`` name when there are several, each naming one
        person and no two the same ("Ann Bell", "Cal Dean"); none otherwise."""
        hits = [index.indices(part) for part in parts]
        if len(parts) > 1 and all(len(hit) == 1 for hit in hits) and \
                len({hit[0] for hit in hits}) == len(parts):
            return [hit[0] for hit in hits]
        return []

    def two_people(entry: str) -> list[str]:
        """The parts of ``entry``, parted at a spaced dash or at brackets, when each names
        one person and no two the same one; none otherwise."""
        parts = [part.strip() for part in _NOTES_APART.split(entry) if part.strip()]
        return parts if one_each(parts) else []

    def several_people(entry: str) -> list[int]:
        """The rows of the people ``entry`` names one after another ("Ann Bell, Cal Dean",
        "Ann Bell and Cal Dean"), each part naming one person and no two the same; none
        when it names one person or no one ("Penrose, Alys" is one)."""
        return one_each([part for whole in _entries(entry) for part in _AND.split(whole)
                         if part.strip()])

    def names(indices: list[int]) -> str:
        return ", ".join(f"{drafts[i].values['name']} (row {drafts[i].row_index + 1})"
                         for i in indices[:4])

    def people_in(draft: _Draft, column: str) -> tuple[str, ...]:
        text = draft.values.get(column, "")
        found: list[str] = []
        if not text:
            return ()
        for place, entry in enumerate(_entries(text)):
            if not entry or names_no_one(entry) or (place and only_letters_after(entry)):
                continue  # "MBBS" of "Dr Ann Bell, MBBS": the name before it is hers
            if without_notes(entry) != entry and (apart := two_people(entry)):
                # "Ann Bell - Bob Hale", "Ann Bell (Bob Hale)": a name read without its notes
                # would lose the second person, whom an Avoid must never let through
                reader.problem("error", draft.row_index, column,
                               f"'{entry}' is {len(apart)} people in one entry.",
                               f"Separate them with ';': '{'; '.join(apart)}'.")
                continue
            hits = index.indices(entry)
            if len(hits) == 1:
                found.append(keys[hits[0]])
            elif not hits and waiting(entry):
                reader.problem("warning", draft.row_index, column,
                               f"'{entry}' is on row {waiting(entry)}, which has an error of "
                               "its own; this entry counts once that row is fixed.")
            elif hits:
                reader.problem("error", draft.row_index, column,
                               f"'{entry}' could be any of: {names(hits)}.",
                               "Use the person's e-mail address instead of the name.")
            else:
                parts = _AND.split(entry)
                if column == "avoid" and one_each(parts):
                    reader.problem("error", draft.row_index, column,
                                   f"'{entry}' is {len(parts)} people in one entry, so it "
                                   "names nobody in the list.",
                                   f"Separate them with ';': '{'; '.join(parts)}'.")
                    continue
                near = _suggest(forename_first(entry) or entry,
                                [d.values["name"] for d in drafts], 1, 0.75)
                hint = f"Did you mean '{near[0]}'? " if near else by_part(entry)
                # An error still, not a warning: a misspelt Avoid must never let the two be
                # paired. But someone outside the scheme needs no avoiding, and the fix says so.
                outside = ("delete the entry: nobody outside the list can be paired with "
                           "them" if column == "avoid" else "clear the cell")
                fix = (hint + "Use a volunteer's name or e-mail exactly as listed; if they "
                       f"are not taking part, {outside}.")
                if place and (scheme.side_for_profession(entry) is not None or
                              fold(entry) in professions()):
                    # "Dr Cal Dean, GP": a role typed after the name, read as a second entry
                    fix = ("It is a profession, not a person: if it is the role of the name "
                           "before it, delete it with its comma.")
                reader.problem("error", draft.row_index, column,
                               f"'{entry}' names nobody in the list.", fix)
        return tuple(found)

    volunteers: list[Volunteer] = []
    for number, draft in enumerate(drafts):
        values = draft.values
        preferences = []
        for rank in (1, 2, 3):
            text = values.get(f"preference_{rank}", "")
            if names_no_one(text):  # an emoji alone is looked up, and named as matching none
                continue
            hits = index.indices(text)
            if several := several_people(text):
                # "Ann Bell, Cal Dean" in one Preference cell: one choice a cell, the first
                reader.problem("warning", draft.row_index, f"preference_{rank}",
                               f"preference '{text}' names {len(several)} people, where a "
                               "Preference cell holds one choice, so only "
                               f"{drafts[several[0]].values['name']} counts.",
                               _one_choice_each(reader))
                hits = several[:1]
            if hits == [number]:  # their own name: no pair can honour it
                reader.problem("warning", draft.row_index, f"preference_{rank}",
                               f"preference '{text}' is the volunteer themself, so it cannot "
                               "be honoured.", "Name a colleague, a specialty or a workplace, "
                               "or write 'no preference'.")
            elif len(hits) == 1:
                preferences.append(Preference(rank, text, person=keys[hits[0]]))
            elif len(hits) > 1:
                reader.problem("warning", draft.row_index, f"preference_{rank}",
                               f"preference '{text}' could be any of: {names(hits)}; it is not "
                               "used.", "Use the colleague's e-mail address instead.")
            elif (key := topic(text)) is not None:
                preferences.append(Preference(rank, text, topic=key))
            elif waiting(text):
                reader.problem("warning", draft.row_index, f"preference_{rank}",
                               f"preference '{text}' is on row {waiting(text)}, which has an "
                               "error of its own; it counts once that row is fixed.")
            elif left_out := waiting_topic(text):
                reader.problem("warning", draft.row_index, f"preference_{rank}",
                               f"preference '{text}' is the specialty or organisation only of "
                               f"row {left_out}, which has an error of its own; it counts "
                               "once that row is fixed.")
            elif scheme.side_for_profession(text) is not None or fold(text) in professions():
                # "GP": everyone of a profession is no one choice, and no spelling is wrong
                reader.problem("warning", draft.row_index, f"preference_{rank}",
                               f"preference '{text}' is a profession, where a choice names a "
                               "colleague, a specialty or a workplace, so it cannot be "
                               "honoured.", "Name a colleague, a specialty (as the Specialty "
                               "column words it) or a workplace, or write 'no preference'.")
            else:
                near = _suggest(text, vocabulary(), 1, 0.6)
                # a first name alone ("Tom") is no near spelling of a full name: by word
                hint = f"Did you mean '{near[0]}'? " if near else \
                    did_you_mean_by_word(text, vocabulary()) or by_part(text) \
                    if _SUGGESTIONS_LEFT[0] else ""
                reader.problem("warning", draft.row_index, f"preference_{rank}",
                               f"preference '{text}' matches no volunteer, specialty or "
                               "organisation in the list, so it cannot be honoured.",
                               hint + "Check the spelling against the list.")
        avoid = people_in(draft, "avoid")
        if keys[number] in avoid:  # nobody is paired with themself: the entry does nothing
            reader.problem("warning", draft.row_index, "avoid",
                           "the volunteer is named in their own Avoid cell, which keeps "
                           "nobody apart.", "Name the colleague they should not be paired "
                           "with, or delete the entry.")
            avoid = tuple(key for key in avoid if key != keys[number])
        partner_keys = people_in(draft, "partner")
        partner = partner_keys[0] if partner_keys else None
        if len(partner_keys) > 1:
            reader.problem("error", draft.row_index, "partner",
                           "more than one locked partner is named.",
                           "Name one partner here; use capacity for people taking two.")
        if partner == keys[number]:
            reader.problem("error", draft.row_index, "partner",
                           "the locked partner is the volunteer themself.",
                           "Name the agreed partner, or leave the cell blank.")
            partner = None
        registered = values.get("registered_practice", "")
        unknown = bool(registered) and organisation_key(registered) not in organisations
        if unknown and (left_out := topics().get(organisation_key(registered), 0)):
            reader.problem("warning", draft.row_index, "registered_practice",
                           f"registered practice '{registered}' is the organisation only of "
                           f"row {left_out}, which has an error of its own; it keeps them "
                           "apart once that row is fixed.")
        elif unknown:
            near = _suggest(registered, list(organisations.values()), 1, 0.6)
            reader.problem("warning", draft.row_index, "registered_practice",
                           f"registered practice '{registered}' matches no organisation in the "
                           "list, so it excludes nobody.",
                           (f"Did you mean '{near[0]}'? " if near else "") +
                           "Spell it as in the Organisation column.")
        volunteers.append(Volunteer(
            row=draft.row_index + 1, name=values["name"], email=values["email"],
            key=keys[number], phone=_phone(values.get("phone", "")),
            profession=reader.scheme.profession_as_listed(values["profession"]), side=draft.side,
            organisation=values.get("organisation", ""), specialty=values.get("specialty", ""),
            cluster=cluster_text(values.get("cluster", "")), registered_practice=registered,
            host_days=values.get("host_days", ""), visit_days=values.get("visit_days", ""),
            host_slots=draft.host_slots, visit_slots=draft.visit_slots,
            preferences=tuple(preferences), avoid=avoid, capacity=draft.capacity,
            partner=partner, status=draft.status, active=draft.active,
            adjustments=values.get("adjustments", ""), notes=values.get("notes", ""),
            extra=draft.extra, capacity_blank=not values.get("capacity", "")))
    by_key = {v.key: v for v in volunteers}
    locks: dict[str, set[frozenset[str]]] = defaultdict(set)  # person -> the locks naming them
    for volunteer in volunteers:
        partner_of = by_key.get(volunteer.partner or "")
        if partner_of is not None and volunteer.active and not partner_of.active:
            # 'pair' releases the lock, and says so, on whichever side they are
            reader.problem("warning", volunteer.row - 1, "partner",
                           partner_withdrawn(f"{volunteer.name}'s Partner cell", partner_of),
                           f"If {partner_of.name} is still taking part, correct the Status "
                           f"in row {partner_of.row}; if not, clear this cell.")
        elif partner_of is not None and volunteer.active and \
                partner_of.side == volunteer.side:
            # a withdrawn volunteer's own Partner cell locks nobody ('pair' leaves them
            # out), so it cannot stop a pairing whichever side it names
            reader.problem("error", volunteer.row - 1, "partner",
                           f"the locked partner {partner_of.name} is on the same side "
                           f"({scheme.side_label(volunteer.side)}).", "Pairs must cross sides: "
                           "name someone from the other side, or leave the cell blank.")
        elif partner_of is not None and volunteer.active and partner_of.active:
            _check_lock(reader, volunteer, partner_of)
            for person in (volunteer, partner_of):
                locks[person.key].add(frozenset((volunteer.key, partner_of.key)))
    # 'pair' refuses a lock that breaks a rule or gives someone more partners than their
    # Capacity: said here, at the cell, so that 'check' never says "no problems" first
    for volunteer in volunteers:
        partner_of = by_key.get(volunteer.partner or "")
        if partner_of is None or partner_of.side == volunteer.side:
            continue
        over = [p for p in (volunteer, partner_of) if len(locks[p.key]) > p.capacity]
        for person in over:
            reader.problem("error", volunteer.row - 1, "partner",
                           f"{person.name} is the locked partner in "
                           f"{len(locks[person.key])} Partner cells, more than their capacity "
                           f"({person.capacity}).", "Keep one of those Partner entries, or "
                           f"raise {person.name}'s Capacity.", frozenset(locks[person.key]))
    return volunteers


def partner_withdrawn(where: str, partner: Volunteer) -> str:
    """What 'check' and 'pair' say of a Partner cell (``where``) naming someone whose Status
    says they have withdrawn: one sentence for both."""
    return (f"{first_capital(where)} names {partner.name}, who has withdrawn; that lock is "
            "released.")


def _check_lock(reader: _RowReader, volunteer: Volunteer, partner: Volunteer) -> None:
    """An error at the Partner cell for each pairing rule the locked pair breaks (the side
    rule is said apart; a withdrawn partner is released by 'pair', not an error)."""
    from .rules import rules_broken  # rules reads this module's Volunteer

    broken = rules_broken(volunteer, partner)
    if broken:
        rules = "; ".join(f"rule {r.value} ({r.short})" for r in broken)
        reader.problem("error", volunteer.row - 1, "partner",
                       f"the locked partner {partner.name} may not be paired with "
                       f"{volunteer.name}: that pair breaks {rules}.",
                       "Remove the lock, or correct the cell that excludes them if it is "
                       "wrong.", frozenset({frozenset((volunteer.key, partner.key))}))


_SUGGESTIONS_LEFT = [0]  # reset per roster: suggestions cost time on a large list


def _is_a_date(text: str) -> bool:
    """Whether an availability cell that is no days reads as a date ("3rd March",
    "4/5/2027"): the fix is then days of the week, not another spelling."""
    from .dates import parse_date

    try:
        return parse_date(text, 2000) is not None
    except ValueError:
        return False


def _suggest(word: str, choices: list[str], n: int, cutoff: float) -> list[str]:
    """"Did you mean" (rapidfuzz), for the first 100 problems of a roster: past that the
    fix is a systematic one and speed matters more."""
    if _SUGGESTIONS_LEFT[0] <= 0:
        return []
    _SUGGESTIONS_LEFT[0] -= 1
    return suggest(word, choices, n, cutoff)


def _phone(text: str) -> str:
    """Excel drops a phone number's leading 0 when the cell is a number: put it back."""
    if text.isdigit() and len(text) == 10 and text[0] in "123789":
        return "0" + text
    return text


def error_rows(roster: Roster) -> set[int]:
    """The rows (as Excel numbers them) that hold an error, the header row aside."""
    return {p.row for p in roster.errors if p.row and p.row != roster.header_row}


def side_counts(roster: Roster, scheme: Scheme) -> dict[str, dict[str, int]]:
    """People, active people and total capacity per side.

    Rows left out for an error still count (and are counted again under ``with_errors``):
    they are volunteers whose cell needs fixing, and leaving them out would misstate the
    balance of the sides."""
    def blank() -> dict[str, int]:
        return {"people": 0, "active": 0, "capacity": 0, "with_errors": 0}

    counts = {key: blank() for key in scheme.side_keys}
    # a row read whole but with an error found against the others (an Avoid or Partner
    # naming nobody, a lock that breaks a rule) is left out by 'pair --skip-errors' too
    flagged = error_rows(roster)
    people: list[tuple[str, bool, int, bool]] = [
        (v.side, v.active, v.capacity, v.row in flagged) for v in roster.volunteers]
    people += [(r.side or "side unknown", r.active, r.capacity, True) for r in roster.rejected]
    for side, active, capacity, with_errors in people:
        entry = counts.setdefault(side, blank())
        entry["people"] += 1
        entry["with_errors"] += with_errors
        if active:
            entry["active"] += 1
            entry["capacity"] += capacity
    return counts


__all__ = ["Problem", "Preference", "Rejected", "Volunteer", "Roster", "read_roster",
           "roster_from_grid", "cell_text"]
