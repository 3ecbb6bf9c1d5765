"""scheme.toml: the scheme's settings, every one with a default.

A bare volunteer workbook is enough to run ``wessex pair``: when no scheme.toml is found
the defaults below apply. A bad setting is a ``SchemeError`` naming the key and its line.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import SchemeError
from .text import and_list, header_key

SCHEME_FILE = "scheme.toml"
SCHEME_YEARS = (1990, 2200)  # the years a date in scheme.toml may fall in
MOST_WEIGHT = 1_000_000  # a weight's largest value: scores add up over thousands of pairs

DEFAULT_PRIMARY = (
    "GP", "General practitioner", "GP registrar", "GP trainee", "Practice nurse",
    "ANP", "Advanced nurse practitioner", "Practice pharmacist", "Clinical pharmacist",
    "Paramedic practitioner", "Physician associate", "Practice manager",
)
DEFAULT_SECONDARY = (
    "Consultant", "Registrar", "Specialty doctor", "Associate specialist", "Ward nurse",
    "Clinical nurse specialist", "Hospital pharmacist", "Matron", "Ward sister",
)


@dataclass(frozen=True)
class Side:
    """One side of the exchange (``primary`` or ``secondary`` by default)."""

    key: str
    label: str
    professions: tuple[str, ...]
    organisation: str  # the body that runs this side (an ICB, a hospital trust)
    workplace: str  # what a workplace on this side is called in letters ("surgery", "hospital")


@dataclass(frozen=True)
class Contact:
    """A person to contact about the scheme: the administrator or a lead."""

    name: str
    email: str
    phone: str = ""
    role: str = ""


@dataclass(frozen=True)
class Weights:
    """Scores of the pairing objective (SPEC): person choices, specialty/organisation choices."""

    person: tuple[int, int, int] = (6, 4, 2)
    topic: tuple[int, int, int] = (3, 2, 1)
    cluster: int = 1
    new_organisation: int = 0  # year two: a partner's organisation this person has not visited

    def as_dict(self) -> dict[str, Any]:
        """The weights as plain data, under the names scheme.toml gives them."""
        return {"person": list(self.person), "topic": list(self.topic), "cluster": self.cluster,
                "new_organisation": self.new_organisation}


# The agenda when scheme.toml gives none: each item at its share of the way through the
# event (for 18:30 to 21:00: 18:30, 18:50, 19:05, 19:35, 20:00, 21:00), the speaker's slot only
# when there is a speaker
DEFAULT_AGENDA = ((0, "Refreshments and arrivals"), (20, "Welcome"), (35, "Guest speaker"),
                  (65, "What we saw: feedback from the visits"),
                  (90, "What next? Table-top discussions in mixed groups"), (150, "Close"))


def clock_minutes(clock: str) -> int | None:
    """"18:30" (or "18.30") as minutes after midnight; None for anything else."""
    found = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", clock)
    if found is None or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        return None
    return int(found.group(1)) * 60 + int(found.group(2))


def _later(clock: str, minutes: int) -> str:
    """The time ``minutes`` after ``clock`` ("" when it cannot be read)."""
    start = clock_minutes(clock)
    if start is None:
        return ""
    return f"{(start + minutes) // 60 % 24:02d}:{(start + minutes) % 60:02d}"


# what the invitation promises when scheme.toml does not word it
DEFAULT_REFRESHMENTS = "Refreshments provided"


def default_refreshments(words: str) -> bool:
    """Whether ``[celebration] refreshments`` is the default promise (however punctuated or
    capitalised): only then may the agenda and the checklist speak of refreshments in words
    of their own; the organisers' own wording ("No catering this year") is quoted as it is."""
    return words.strip().rstrip(".!").casefold() == DEFAULT_REFRESHMENTS.casefold()


def default_agenda(start: str, end: str, speaker: str,
                   refreshments: str = DEFAULT_REFRESHMENTS) -> tuple[tuple[str, str], ...]:
    """The default agenda fitted to the event's own times (rounded to five minutes): an
    event from 16:00 to 18:00 does not list refreshments at 18:30. Without times that can be
    read, the items alone. Only the default promise opens it with refreshments: with none,
    or with the organisers' own words ("Bring your own lunch", "No catering this year"),
    which the invitation prints as they are and the agenda cannot safely reword, the first
    item is arrivals alone."""
    served = default_refreshments(refreshments)
    items = [(share, what if served or share else "Arrivals")
             for share, what in DEFAULT_AGENDA if speaker or what != "Guest speaker"]
    first, last = clock_minutes(start), clock_minutes(end)
    if first is None or last is None:
        return tuple(("", what) for _, what in items)
    length = last - first if last > first else DEFAULT_AGENDA[-1][0]
    return tuple((_later(start, 5 * round(share * length / DEFAULT_AGENDA[-1][0] / 5)), what)
                 for share, what in items)


@dataclass(frozen=True)
class Celebration:
    """When and where the celebration event is, as letters and the plan print it."""

    date: dt.date | None = None
    time: str = "18:30"
    end_time: str = "21:00"
    venue: str = "to be confirmed"
    speaker: str = ""
    speaker_topic: str = ""
    # what the invitation promises to eat and drink, as scheme.toml words it; "" promises none
    refreshments: str = DEFAULT_REFRESHMENTS
    # as scheme.toml gives it, else default_agenda for the event's own times
    agenda: tuple[tuple[str, str], ...] = default_agenda("18:30", "21:00", "")

    @property
    def default_refreshments(self) -> bool:
        """Whether the invitation makes the default promise of refreshments."""
        return default_refreshments(self.refreshments)

    @property
    def runs_backwards(self) -> bool:
        """Both hours readable, and the end no later than the start ("18:30 to 17:00")."""
        begins, ends = clock_minutes(self.time), clock_minutes(self.end_time)
        return begins is not None and ends is not None and ends <= begins


@dataclass(frozen=True)
class Letterhead:
    """What Word documents carry at the top: the organisation, its address and a logo."""

    organisation: str = ""
    address: tuple[str, ...] = ()
    logo: Path | None = None  # an image file, relative paths read from scheme.toml's folder


@dataclass(frozen=True)
class Scheme:
    """Everything scheme.toml can say, with defaults for what it does not."""

    name: str = "Workplace Exchange"
    locality: str = ""
    cpd_hours: int = 8
    sides: tuple[Side, Side] = (
        Side("primary", "Primary care", DEFAULT_PRIMARY, "", "surgery"),
        Side("secondary", "Secondary care", DEFAULT_SECONDARY, "", "hospital"),
    )
    administrator: Contact = Contact("Scheme administrator", "exchange.admin@example.org")
    leads: tuple[Contact, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    celebration: Celebration = field(default_factory=Celebration)
    weights: Weights = field(default_factory=Weights)
    seed: int = 2027
    source: Path | None = None
    themes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # settings read but not understood (a misspelt key)

    @property
    def year(self) -> int | None:
        """The scheme's year: what a date typed without one ("4 May") belongs to; for a
        scheme that runs over New Year, the months before its start's are the next year's
        (``dates.SchemeYear``)."""
        from .dates import SchemeYear

        if self.start is not None:
            ends = self.end or self.celebration.date
            return SchemeYear(self.start.year, self.start.month,
                              ends is not None and ends.year > self.start.year)
        for day in (self.end, self.celebration.date):
            if day is not None:
                return day.year
        return None
    letterhead: Letterhead = field(default_factory=Letterhead)
    # [pairing] history: earlier years' pairs workbooks whose partners are never paired
    # again, as with 'pair --history' (relative paths are read from scheme.toml's folder)
    history: tuple[Path, ...] = ()
    given: frozenset[str] = frozenset()  # the dotted keys scheme.toml sets, e.g. "dates.end"
    survey_url: str = ""  # [feedback] survey_url: the online reflection survey, if any

    @property
    def side_keys(self) -> tuple[str, str]:
        """The two sides' keys, in scheme.toml order."""
        return (self.sides[0].key, self.sides[1].key)

    def side_label(self, key: str) -> str:
        """The label of the side whose key is ``key`` ("Primary care"), as every output
        names a side; ``key`` itself when no side has it (a cell typed otherwise)."""
        return next((side.label for side in self.sides if side.key == key), key)

    def side(self, key: str) -> Side:
        """The side whose key is ``key`` (KeyError if none)."""
        for side in self.sides:
            if side.key == key:
                return side
        raise KeyError(key)

    def profession_as_listed(self, profession: str) -> str:
        """The profession as scheme.toml spells it ("gp" is "GP"), so that tables, the pairs
        workbook and the board report count one profession once; one it does not list
        keeps the words typed, with single spaces."""
        cleaned = " ".join(profession.split())
        return _professions_listed(self.sides).get(header_key(cleaned), cleaned)

    def side_for_profession(self, profession: str) -> str | None:
        """The side a profession belongs to, matched forgivingly; None when unknown."""
        return _profession_sides(self.sides).get(header_key(profession))

    def side_of_answer(self, text: str) -> str:
        """The side an equality form's first column gives, as a side or a profession;
        "Not stated" when it names neither."""
        return self.side_from_text(text) or self.side_for_profession(text) or NOT_STATED

    def group_of_answer(self, text: str) -> str:
        """The column an equality form is counted under: its side's label, as every table
        of them heads it ("Primary care"), or "Not stated". The two labels are never alike
        (``_SchemeReader.checked_side_label`` refuses them), so the sides are two columns."""
        side = self.side_of_answer(text)
        return side if side == NOT_STATED else self.side(side).label

    def side_from_text(self, text: str) -> str | None:
        """Read a ``side`` cell: the key, the label, or common words for each setting."""
        wanted = header_key(text)
        if not wanted:
            return None
        # each side's workplace too ("surgery", "ward"), when the two differ
        places = {header_key(side.workplace) for side in self.sides}
        for side in self.sides:
            names = {header_key(side.key), header_key(side.label), *SIDE_WORDS.get(side.key, ())}
            if len(places) == len(self.sides) and header_key(side.workplace):
                names.add(header_key(side.workplace))
            if wanted in names:
                return side.key
        return None


# The equality tables' columns besides the sides' own ("Other groups" pools the small
# groups), which no side may be labelled (``_SchemeReader.checked_side_label``): two columns
# would be headed alike. Here, not in ``equality``, so that reading a scheme loads no more.
POOLED = "Other groups"
ALL = "All"  # the column counting everyone, before the groups' own
NOT_STATED = "Not stated"  # the group of a form that names no side
OWN_COLUMNS = (ALL, NOT_STATED, POOLED)
ANSWER = "Answer"  # the equality tables' first column: the answers, a row each
# The headings of the table of pairs 'wessex pair' prints besides the sides' two columns
PAIR_COLUMNS = ("Pair", "Score", "Why")
# Each table a side's label heads a column of, and the headings of its own there: a side
# labelled like one of them would head a second column alike (``checked_side_label``)
_HEADINGS_BESIDE = (("the equality tables have", "The tables keep", "their",
                     (ANSWER, *OWN_COLUMNS)),
                    ("the table of pairs 'wessex pair' prints has", "That table keeps", "its",
                     PAIR_COLUMNS))

# Words a Side cell may hold for each side besides its key and label (as header_key folds
# them): a label may not be one of the other side's, or a cell of it would go to this side
SIDE_WORDS = {"primary": ("primarycare", "generalpractice", "community", "gp"),
              "secondary": ("secondarycare", "hospital", "acute", "trust")}


@lru_cache(maxsize=16)
def _professions_listed(sides: tuple[Side, Side]) -> dict[str, str]:
    """Each profession scheme.toml lists, by ``header_key``, as it spells it (the first of
    two that fold alike), worked out once: ``profession_as_listed`` asks for every row."""
    found: dict[str, str] = {}
    for side in sides:
        for profession in side.professions:
            found.setdefault(header_key(profession), profession)
    return found


@lru_cache(maxsize=16)
def _profession_sides(sides: tuple[Side, Side]) -> dict[str, str]:
    found: dict[str, str] = {}
    for side in sides:
        for profession in side.professions:
            found.setdefault(header_key(profession), side.key)
    return found


def find_scheme(path: Path | str | None, folder: Path | str | None = None) -> Path | None:
    """``--scheme PATH`` if given, else ``scheme.toml`` in ``folder`` (default: here) if present."""
    if path is not None:
        given = _found_at(Path(path))
        if given is None:
            raise SchemeError(f"there is no scheme file at {path}.",
                              "Check the path, or run 'wessex init' to write one.", file=path)
        return given
    return _found_at(Path(folder or Path.cwd()) / SCHEME_FILE)


def _found_at(path: Path) -> Path | None:
    """``path`` when a file is there, else None. Windows says a file at the end of a path too
    long for it is not there: it is looked for again by the long form of its path, or the
    scheme's own settings would give way to the defaults without a word (or --scheme be
    refused as missing)."""
    if path.is_file():
        return path
    from .safe_write import windows_long_form

    long_form = windows_long_form(path)
    return long_form if long_form is not None and long_form.is_file() else None


def load_scheme(path: Path | str | None = None, folder: Path | str | None = None) -> Scheme:
    """Read scheme.toml (or return the defaults when there is none)."""
    found = find_scheme(path, folder)
    if found is None:
        return Scheme()
    raw_text = found.read_text(encoding="utf-8-sig", errors="replace")
    try:
        data = tomllib.loads(raw_text)
    except RecursionError:
        raise SchemeError("scheme.toml is not valid TOML: its brackets nest too deep.",
                          "Check the brackets around lists and tables.", file=found) from None
    except tomllib.TOMLDecodeError as exc:
        raise _uk_date_error(raw_text, found) or SchemeError(
            f"scheme.toml is not valid TOML: {exc}.",
            "Check quotes around text and '=' between key and value.", file=found) from None
    return _SchemeReader(found, raw_text, data).read()


# ``start = 4/5/2027`` or ``start = 4 May 2027``: a date typed as people write it, which TOML
# cannot read without quotes. A value that starts with a quote, bracket or brace is TOML's.
_UNQUOTED_VALUE = re.compile(r"\s*([A-Za-z_][\w-]*)\s*=\s*([^\s\"'\[{#][^#]*?)\s*(?:#.*)?")


def _uk_date_error(text: str, path: Path) -> SchemeError | None:
    """A kind message for the most likely TOML mistake: a date not written year first."""
    from .dates import parse_date, why_not

    for number, line in enumerate(text.splitlines(), 1):
        found = _UNQUOTED_VALUE.fullmatch(line)
        if not found or not re.search(r"\d", found[2]):
            continue
        try:
            tomllib.loads(f"value = {found[2]}")
            continue  # a number, a true date: TOML reads it
        except tomllib.TOMLDecodeError:
            pass
        try:
            meant = parse_date(found[2], 2027)
        except ValueError as exc:
            if not why_not(exc):
                continue
            return SchemeError(  # 31/2/2027 or 2027-02-31: a date's form, but no such day
                f"setting '{found[1]}' (line {number}) is {found[2]}, which is not a day of "
                f"the calendar ({why_not(exc)}).",
                "Write the day meant as year-month-day, such as 2027-05-04 (no quotes).",
                file=path)
        example = meant.isoformat() if meant else "2027-05-04"
        return SchemeError(
            f"setting '{found[1]}' (line {number}) is the date {found[2]}, written in a form "
            "that scheme.toml cannot hold.",
            f"Write dates in scheme.toml as {example} (year-month-day, no quotes).", file=path)
    return None


# Every setting scheme.toml can hold: a section maps to its keys (None: any key allowed).
KNOWN_SETTINGS: dict[str, dict[str, Any] | None] = {
    "scheme": {"name": None, "locality": None, "cpd_hours": None},
    "sides": {side: {"label": None, "professions": None, "organisation": None,
                     "workplace": None} for side in ("primary", "secondary")},
    "administrator": {"name": None, "email": None, "phone": None, "role": None},
    "leads": {"name": None, "email": None, "phone": None, "role": None, "side": None},
    "dates": {"start": None, "end": None},
    "celebration": {"date": None, "time": None, "end_time": None, "venue": None,
                    "speaker": None, "speaker_topic": None, "agenda": None,
                    "refreshments": None},
    "weights": {"person": None, "topic": None, "cluster": None},
    "pairing": {"seed": None, "history": None},
    "feedback": {"themes": None},
}


def _paths(tree: dict[str, Any], prefix: str = "") -> set[str]:
    found = set()
    for key, inner in tree.items():
        found.add(prefix + key)
        if inner is not None:
            found |= _paths(inner, f"{prefix}{key}.")
    return found


def name_of_another_year(name: str, start: dt.date | None,
                         end: dt.date | None) -> list[str]:
    """A warning when the scheme's name holds a year its dates are not in ("Exchange 2027"
    copied for 2028): every letter prints the name beside the dates."""
    years = {int(y) for y in re.findall(r"\b(20\d\d)\b", name)}
    years |= {int(y[:2] + y[-2:]) for y in re.findall(r"\b20\d\d[/-]\d\d\b", name)}  # 2027/28
    running = {day.year for day in (start, end) if day is not None}
    if not years or not running or years & running:
        return []
    return [f"scheme.toml: the scheme's name '{name}' says {' and '.join(map(str, sorted(years)))}"
            f", but the exchange runs in {' and '.join(map(str, sorted(running)))}, and every "
            "letter prints both. Change name under [scheme] unless the year is meant."]


def unknown_settings(data: dict[str, Any], read: set[str] | frozenset[str] = frozenset()
                     ) -> list[str]:
    """A warning for each section or key that wessex does not read, with a "did you mean".

    Known are the settings listed in ``KNOWN_SETTINGS`` and every key the reader looked up
    (``read``), so a setting added to the reader is never reported as unknown."""
    from .text import suggest

    known = _paths(KNOWN_SETTINGS) | set(read)
    found: list[str] = []

    def walk(table: dict[str, Any], prefix: str) -> None:
        for key, value in table.items():
            path = prefix + key
            is_section = isinstance(value, dict) or (
                isinstance(value, list) and bool(value) and
                all(isinstance(v, dict) for v in value))
            inside = [k for k in known if k.startswith(path + ".")]
            if path not in known and not inside:
                siblings = sorted({k[len(prefix):].split(".")[0] for k in known
                                   if k.startswith(prefix)})
                near = suggest(key, siblings, 1, 0.6)
                shown = f"[{path}]" if is_section else f"'{key}'"
                where = f" in [{prefix.rstrip('.')}]" if prefix and not is_section else ""
                hint = ""
                if near:
                    hint = (f" Did you mean [{prefix}{near[0]}]?" if is_section
                            else f" Did you mean '{near[0]}'?")
                found.append(f"scheme.toml: {shown}{where} is not a setting wessex knows, so "
                             f"it is ignored.{hint}")
            elif is_section and inside:  # a table of free keys (feedback.themes) has none
                for inner in value if isinstance(value, list) else [value]:
                    walk(inner, path + ".")

    walk(data, "")
    return found


class _SchemeReader:
    """Pulls typed values out of the parsed TOML, naming key and line when one is wrong."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path, self.text, self.data = path, text, data
        self.read_keys: set[str] = set()  # every key looked up: the settings wessex knows

    def fail(self, key: str, problem: str, hint: str = "") -> SchemeError:
        line = self.line_of(key)
        where = f"'{key}'" + (f" (line {line})" if line else "")
        return SchemeError(f"setting {where} {problem}.", hint, file=self.path)

    def line_of(self, key: str) -> int | None:
        """The line setting ``key``: under its own [table] ("professions" under
        [sides.secondary], not the first side's), or in an inline table on the line that
        sets its table (``secondary = { professions = [3] }``), else the first setting its
        last part."""
        leaf = key.rsplit(".", 1)[-1]
        lines = self.text.splitlines()
        table = ""
        for number, text in enumerate(lines, 1):
            heading = re.match(r"\s*\[\[?([^\]]*)\]", text)
            setting = re.match(r"\s*([^=#\[]+?)\s*=", text)
            if heading:
                table = _dotted(heading[1])
                continue
            if not setting:
                continue
            path = ".".join(filter(None, (table, _dotted(setting[1]))))
            if path == key or (key.startswith(path + ".") and
                               re.search(rf"[{{,]\s*[\"']?{re.escape(leaf)}[\"']?\s*=",
                                         text[setting.end():])):
                return number
        return next((n for n, t in enumerate(lines, 1)
                     if re.match(rf"\s*{re.escape(leaf)}\s*=", t)), None)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        self.read_keys.add(key)
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        if isinstance(node, bool) and kind is int:
            raise self.fail(key, "must be a whole number, not true/false")
        if not isinstance(node, kind):
            kinds = (kind,) if isinstance(kind, type) else kind
            names = " or ".join(k.__name__ for k in kinds)
            raise self.fail(key, f"must be {_describe(names)}, not {node!r}")
        return node

    def text_value(self, key: str, default: str = "") -> str:
        from .text import strip_controls

        return strip_controls(str(self.get(key, str, default))).strip()

    def date(self, key: str, year: int | None = None) -> dt.date | None:
        from .dates import parse_date

        value = self.get(key, (dt.date, str), None)
        try:
            day = parse_date(value, year)
        except ValueError as exc:
            raise self.fail(key, f"is not a date ({exc})",
                            "Write dates in scheme.toml as 2027-05-04 (year-month-day).") from None
        # the plan counts weeks and working days on from each date: a year like 9999 is a
        # slip of the keyboard, and would run past the calendar's last day
        if day is not None and not SCHEME_YEARS[0] <= day.year <= SCHEME_YEARS[1]:
            raise self.fail(key, f"({day}) is not in a year an exchange could run "
                            f"({SCHEME_YEARS[0]} to {SCHEME_YEARS[1]})",
                            "Check the year: dates are written 2027-05-04 (year-month-day).")
        return day

    def checked_side_label(self, key: str, default: str, other_key: str,
                           other: str = "") -> str:
        """A side's label, which heads the side's column in the equality tables and names
        the side in every table: never empty, never the ``other`` side's label, nor a word
        a Side cell gives for the side keyed ``other_key`` ("Hospital"), and never one of
        the tables' own columns ("All", "Answer", "Pair"), which would head two columns
        alike, and in --json leave one key for the two, the other's counts lost."""
        label = self.text_value(key, default)
        if not header_key(label):
            said = "is empty" if not label else f"is '{label}', with no letter or digit"
            raise self.fail(key, f"{said}: the label names the side in every table and "
                            "report", f'Give the side a label, for example: label = "{default}".')
        if header_key(label) in {other_key, *SIDE_WORDS.get(other_key, ())}:
            raise self.fail(key, f"is '{label}', a word a Side cell may use for the {other_key} "
                            "side, so a Side cell reading it could mean either side",
                            f'Give the side a label of its own, for example: label = "{default}".')
        if other and header_key(label) == header_key(other):
            raise self.fail(key, f"is '{label}', the other side's label too, so the two sides "
                            "could not be told apart in the tables",
                            f'Give each side its own label, for example: label = "{default}".')
        for table, keep, whose, headings in _HEADINGS_BESIDE:
            taken = next((c for c in headings if header_key(c) == header_key(label)), None)
            if taken is not None:
                kept = and_list([f"'{c}'" for c in headings])
                raise self.fail(key, f"is '{label}': {table} a column of {whose} own headed "
                                f"'{taken}', so two columns would be headed alike",
                                f'Give the side another label, for example: label = '
                                f'"{default}". {keep} {kept} for columns of {whose} own.')
        return label

    def whole_number(self, key: str, default: int, most: int) -> int:
        """A whole number from 0 to ``most``: beyond it a weight would overflow the
        solver's arithmetic, or a seed the random generator's."""
        value = self.get(key, int, default)
        if not 0 <= value <= most:
            raise self.fail(key, f"must be a whole number from 0 to {most:,}, not {value}")
        return int(value)

    def contact(self, key: str, default: Contact) -> Contact:
        table = self.get(key, dict, None)
        if table is None:
            return default
        return Contact(self.text_value(f"{key}.name", default.name),
                       self.text_value(f"{key}.email", default.email),
                       self.text_value(f"{key}.phone", default.phone),
                       self.text_value(f"{key}.role", default.role))

    def triple(self, key: str, default: tuple[int, int, int]) -> tuple[int, int, int]:
        value = self.get(key, list, list(default))
        if len(value) != 3 or not all(isinstance(v, int) and not isinstance(v, bool) and
                                      0 <= v <= MOST_WEIGHT for v in value):
            raise self.fail(key, f"must be three whole numbers from 0 to {MOST_WEIGHT:,} for "
                            "the 1st, 2nd and 3rd choice",
                            "For example: person = [6, 4, 2]")
        return (value[0], value[1], value[2])

    def read(self) -> Scheme:
        base = Scheme()
        sides: list[Side] = []
        first, second = (side.key for side in base.sides)
        other_keys = {first: second, second: first}
        for default_side in base.sides:
            key = f"sides.{default_side.key}"
            professions = self.get(f"{key}.professions", list, list(default_side.professions))
            if not all(isinstance(p, str) for p in professions):
                raise self.fail(f"{key}.professions", "must be a list of profession names")
            sides.append(Side(default_side.key,
                              self.checked_side_label(f"{key}.label", default_side.label,
                                                      other_keys[default_side.key],
                                                      sides[0].label if sides else ""),
                              tuple(p.strip() for p in professions if p.strip()),
                              self.text_value(f"{key}.organisation", ""),
                              self.text_value(f"{key}.workplace", default_side.workplace)))
        leads_raw = self.get("leads", list, [])
        leads = []
        for lead in leads_raw:
            if not isinstance(lead, dict):
                raise self.fail("leads", "must be a list of [[leads]] tables")
            role = lead.get("role", lead.get("side", ""))
            leads.append(Contact(str(lead.get("name", "")), str(lead.get("email", "")),
                                 str(lead.get("phone", "")), str(role)))
        agenda_raw = self.get("celebration.agenda", list, None)
        agenda = base.celebration.agenda
        time = self.text_value("celebration.time", base.celebration.time)
        # an event of the default length from its own start, not to 21:00 from 12:30; a
        # start it cannot read ("12.30pm") gives no end at all, never the default evening's
        end_time = self.text_value("celebration.end_time", "") or \
            _later(time, DEFAULT_AGENDA[-1][0])
        speaker = self.text_value("celebration.speaker", "")
        refreshments = self.refreshments(base.celebration.refreshments)
        if agenda_raw is None:
            agenda = default_agenda(time, end_time, speaker, refreshments)
        else:
            from .text import strip_controls

            items = []
            for item in agenda_raw:
                if isinstance(item, str) and "=" not in item:
                    text = strip_controls(item).strip()
                    time_part, _, what = text.partition(" ")
                    timed = re.match(r"\d", time_part)
                    items.append((time_part, what.strip()) if timed else ("", text))
                elif isinstance(item, list) and len(item) == 2:
                    items.append((strip_controls(str(item[0])).strip(),
                                  strip_controls(str(item[1])).strip()))
                else:
                    raise self.fail("celebration.agenda", "must be a list like "
                                    "[\"18:30 Refreshments\", \"19:00 Welcome\"]")
            # an entry left blank ("", a trailing comma's worth) would print an empty line
            # on every invitation; a list with none but those, an Agenda heading alone
            agenda = tuple(item for item in items if any(item))
            if not agenda:
                raise self.fail("celebration.agenda", "has no entries, so every invitation "
                                "would print an Agenda heading with nothing under it",
                                "Give the timings, as agenda = [\"18:30 Refreshments\", "
                                "\"19:00 Welcome\"], or delete the line for the usual agenda.")
        start = self.date("dates.start")
        end = self.date("dates.end", start.year if start else None)
        celebration = Celebration(
            date=self.date("celebration.date", start.year if start else
                           end.year if end else None),
            time=time,
            end_time=end_time,
            venue=self.text_value("celebration.venue", base.celebration.venue),
            speaker=speaker,
            speaker_topic=self.text_value("celebration.speaker_topic", ""),
            refreshments=refreshments,
            agenda=agenda,
        )
        cluster = self.whole_number("weights.cluster", base.weights.cluster, MOST_WEIGHT)
        new_organisation = self.whole_number("weights.new_organisation", 0, MOST_WEIGHT)
        weights = Weights(self.triple("weights.person", base.weights.person),
                          self.triple("weights.topic", base.weights.topic), cluster,
                          new_organisation)
        themes_raw = self.get("feedback.themes", dict, {})
        themes = {str(k): tuple(str(w) for w in v) for k, v in themes_raw.items()
                  if isinstance(v, list)}
        survey_key = "feedback.survey_url" if self.get("feedback.survey_url", str, "") \
            else "scheme.survey_url"
        survey_url = self.text_value(survey_key, "")
        if survey_url and not re.fullmatch(r"https?://[^\s<>\"'`]+", survey_url):
            raise self.fail(survey_key, f"is not a web address: {survey_url!r}",
                            'Write the full link, e.g. survey_url = '
                            '"https://forms.example.org/exchange".')
        if start and end and end <= start:
            raise self.fail("dates.end", f"({end}) must come after the start date ({start})")
        if celebration.date and end and celebration.date <= end:
            raise self.fail("celebration.date", f"({celebration.date}) must come after the end "
                            f"date ({end}): the celebration shares what the visits taught",
                            "Move the celebration after [dates] end, or delete the line and "
                            "let 'wessex plan --save' choose one.")
        cpd = self.get("scheme.cpd_hours", (int, float), base.cpd_hours)
        if not 0 < cpd <= 100:  # also refuses nan and inf, which no comparison holds for
            raise self.fail("scheme.cpd_hours", f"must be a number of hours above 0 and up to "
                            f"100, not {cpd}", "For example: cpd_hours = 8")
        return Scheme(
            name=self.text_value("scheme.name", base.name),
            locality=self.text_value("scheme.locality", ""),
            cpd_hours=int(cpd) if float(cpd).is_integer() else cpd,
            sides=(sides[0], sides[1]),
            administrator=self.contact("administrator", base.administrator),
            leads=tuple(leads),
            start=start,
            end=end,
            celebration=celebration,
            weights=weights,
            seed=self.whole_number("pairing.seed", base.seed, 2**32 - 1),
            source=self.path,
            themes=themes,
            letterhead=self.letterhead(),
            history=self.history(),
            given=frozenset(_dotted_keys(self.data)),
            survey_url=survey_url,
            warnings=(*unknown_settings(self.data, self.read_keys),  # after every read
                      *name_of_another_year(self.text_value("scheme.name", base.name),
                                            start, end)),
        )

    def refreshments(self, default: str) -> str:
        """``[celebration] refreshments``: the words the invitation promises them in; ""
        or false promises none, true the default words."""
        value = self.get("celebration.refreshments", (str, bool), default)
        if isinstance(value, bool):
            return default if value else ""
        return self.text_value("celebration.refreshments", default)

    def history(self) -> tuple[Path, ...]:
        """``[pairing] history``: one path or a list, each read from scheme.toml's folder.
        Whether each is there is for ``pair`` to say, which reads them; no other command
        needs them."""
        value = self.get("pairing.history", (list, str), [])
        entries = [value] if isinstance(value, str) else value
        if not all(isinstance(entry, str) and entry.strip() for entry in entries):
            raise self.fail("pairing.history", "must be a list of the earlier pairs workbooks",
                            'For example: history = ["../exchange-2027/pairs.xlsx"]')
        paths = (Path(entry.strip()).expanduser() for entry in entries)
        return tuple(path if path.is_absolute() else self.path.parent / path
                     for path in paths)

    def letterhead(self) -> Letterhead:
        address = self.get("letterhead.address", (list, str), [])
        if isinstance(address, str):
            address = [address]
        if not all(isinstance(line, str) for line in address):
            raise self.fail("letterhead.address", "must be a list of address lines",
                            'For example: address = ["1 High Street", "Eastshire EA1 1AA"]')
        logo_text = self.text_value("letterhead.logo", "")
        logo = None
        if logo_text:
            logo = Path(logo_text).expanduser()
            if not logo.is_absolute():
                logo = self.path.parent / logo
            if not logo.is_file():
                raise self.fail("letterhead.logo", f"names an image that does not exist ({logo})",
                                "Give the path of a PNG or JPEG file, relative to scheme.toml.")
        from .text import strip_controls

        # cleaned as every other text setting is: a control character in an address line
        # stopped every Word document, whose page header prints it
        lines = (strip_controls(line).strip() for line in address)
        return Letterhead(self.text_value("letterhead.organisation", ""),
                          tuple(line for line in lines if line), logo)


def _dotted(key: str) -> str:
    """A TOML key or table name as dotted words: ``sides . "secondary"`` is
    ``sides.secondary``."""
    return ".".join(part.strip().strip("\"'") for part in key.split("."))


def _dotted_keys(data: dict[str, Any], prefix: str = "") -> list[str]:
    found = []
    for key, value in data.items():
        found.append(prefix + key)
        if isinstance(value, dict):
            found += _dotted_keys(value, f"{prefix}{key}.")
    return found


def _describe(kind: str) -> str:
    return {"str": "text in quotes", "int": "a whole number", "list": "a list in [ ]",
            "dict": "a table", "date or str": "a date (YYYY-MM-DD)",
            "int or float": "a number",
            "str or bool": "text in quotes, or false for none",
            "list or str": "text in quotes, or a list of them in [ ]"}.get(kind, kind)
