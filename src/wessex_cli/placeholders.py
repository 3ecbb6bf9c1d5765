"""Settings a document needs that scheme.toml does not give, so that no placeholder goes out.

Templates see a copy of the scheme in which every missing setting is a ``Placeholder``: a
piece of text that is false in ``{% if %}`` (so an optional mention is simply left out) and,
when a template prints it, is noted and shown bracketed, e.g. ``[celebration venue]``.
After rendering, the notes say exactly which settings the documents used but lack; the
commands refuse to write anything unless ``--allow-placeholders`` asks for a draft.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import SchemeError
from .scheme import Contact, Scheme
from .text import plural

# What ``Scheme()`` says when scheme.toml is silent: text no letter may carry.
DEFAULT_ADMIN = Contact("Scheme administrator", "exchange.admin@example.org")
DEFAULT_VENUE = "to be confirmed"
# what the line to add to scheme.toml suggests for a side's organisation
ORGANISATION_EXAMPLES = {"primary": "Eastshire Integrated Care Board",
                         "secondary": "Eastshire Hospitals NHS Foundation Trust"}


@dataclass(frozen=True)
class Missing:
    """One setting scheme.toml lacks, and the lines that would give it."""

    key: str  # dotted, e.g. "celebration.venue"
    label: str  # what the reader sees, e.g. "celebration venue"
    lines: str  # what to add to scheme.toml
    example: str = ""  # the example 'wessex init' wrote there, when it is still there

    def describe(self) -> str:
        """What is missing and the lines of scheme.toml that would give it, for a warning."""
        if self.example:
            return f"the {self.label} ({self.key}) is still init's example '{self.example}': " \
                   f"write yours {self.lines}"
        return f"the {self.label} ({self.key}): add {self.lines}"

    def sentence(self) -> str:
        """The setting's state as a sentence's subject and verb: what scheme.toml lacks."""
        if self.example:
            return (f"scheme.toml still has init's example {self.label} ('{self.example}') "
                    f"({self.key})")
        return f"scheme.toml does not give the {self.label} ({self.key})"


class Placeholder(str):
    """A missing setting as a template sees it: false in ``if``, bracketed when printed."""

    missing: Missing

    def __new__(cls, missing: Missing) -> Placeholder:
        """The placeholder text ``[label]``, remembering what setting it stands for."""
        value = super().__new__(cls, f"[{missing.label}]")
        value.missing = missing
        return value

    def __bool__(self) -> bool:
        """False, so that a template's ``{% if %}`` skips a missing setting."""
        return False


class _MissingLeads(tuple[Contact, ...]):
    """No [[leads]]: false in ``if``, but a loop over it prints a placeholder lead."""

    def __bool__(self) -> bool:
        return False


_used: list[dict[str, Missing]] = []


@contextlib.contextmanager
def collecting() -> Iterator[dict[str, Missing]]:
    """Collect the placeholders printed while the block renders."""
    found: dict[str, Missing] = {}
    _used.append(found)
    try:
        yield found
    finally:
        _used.remove(found)


def note(value: Any) -> None:
    """Called for every value a template prints."""
    if isinstance(value, Placeholder) and _used:
        _used[-1].setdefault(value.missing.key, value.missing)


def missing_settings(scheme: Scheme) -> dict[str, Missing]:
    """Every placeholder-prone setting that this scheme.toml does not give."""
    from .dates import today
    from .timeline import add_months, suggested_start

    found: dict[str, Missing] = {}

    def add(key: str, label: str, lines: str, example: str = "") -> None:
        found[key] = Missing(key, label, lines, example)

    admin = scheme.administrator
    # init writes the defaults into scheme.toml as examples; either way they are no one's
    if not admin.name.strip() or admin.name == DEFAULT_ADMIN.name:
        add("administrator.name", "administrator's name",
            'under [administrator]: name = "Your Name"',
            admin.name if admin.name == DEFAULT_ADMIN.name and _written(scheme, "name") else "")
    if not admin.email.strip() or admin.email == DEFAULT_ADMIN.email:
        add("administrator.email", "administrator's e-mail",
            'under [administrator]: email = "your.name@nhs.net"',
            admin.email if admin.email == DEFAULT_ADMIN.email and _written(scheme, "email")
            else "")
    # an example date this year's scheme could take, never one already past
    start = scheme.start or suggested_start(today())
    if scheme.start is None:
        add("dates.start", "start date", f"under [dates]: start = {start.isoformat()} (or "
            "the day you choose; 'wessex plan --start' shows the dates it leads to)")
    end = scheme.end or add_months(start, 3)
    if scheme.end is None:
        add("dates.end", "end date",
            f"under [dates]: end = {end.isoformat()} (three months after the start)")
    celebration = scheme.celebration
    if celebration.date is None:
        after = end + dt.timedelta(days=10)
        add("celebration.date", "celebration date",
            f"under [celebration]: date = {after.isoformat()} "
            "(after the end date; 'wessex plan --save' writes one)")
    if "celebration.time" not in scheme.given or not celebration.time.strip():
        add("celebration.time", "celebration time", 'under [celebration]: time = "18:30"')
    if not celebration.venue.strip() or celebration.venue == DEFAULT_VENUE:
        add("celebration.venue", "celebration venue",
            'under [celebration]: venue = "Postgraduate Centre, County Hospital"')
    for side in scheme.sides:
        # the body that runs each side, which the call to action names as the scheme's
        # organisers: a side's label ("Primary care") is no organisation's name
        if not side.organisation.strip():
            example = ORGANISATION_EXAMPLES.get(side.key, "Name of the organisation")
            add(f"sides.{side.key}.organisation", f"{side.label.lower()} organisation",
                f'under [sides.{side.key}]: organisation = "{example}"')
    if not scheme.leads:
        add("leads", "scheme leads",
            'a [[leads]] block for each lead, with name = "Dr A Lead" and role = "GP lead"')
    return found


def template_view(scheme: Scheme) -> Scheme:
    """The scheme as templates see it: every missing setting a ``Placeholder``."""
    missing = missing_settings(scheme)
    if not missing:
        return scheme

    def holder(key: str, current: Any) -> Any:
        return Placeholder(missing[key]) if key in missing else current

    admin = dataclasses.replace(
        scheme.administrator, name=holder("administrator.name", scheme.administrator.name),
        email=holder("administrator.email", scheme.administrator.email))
    celebration_changes: dict[str, Any] = {
        "date": holder("celebration.date", scheme.celebration.date),
        "time": holder("celebration.time", scheme.celebration.time),
        "venue": holder("celebration.venue", scheme.celebration.venue)}
    changes: dict[str, Any] = {
        "administrator": admin,
        "start": holder("dates.start", scheme.start),
        "end": holder("dates.end", scheme.end),
        "celebration": dataclasses.replace(scheme.celebration, **celebration_changes),
        "sides": tuple(dataclasses.replace(side, organisation=holder(
            f"sides.{side.key}.organisation", side.organisation)) for side in scheme.sides)}
    if "leads" in missing:
        lead = Placeholder(missing["leads"])
        changes["leads"] = _MissingLeads((Contact(lead, "", "", ""),))
    return dataclasses.replace(scheme, **changes)


def _written(scheme: Scheme, field: str) -> bool:
    """Whether scheme.toml itself gives the administrator's ``field`` (as init writes it),
    rather than leaving it out."""
    import tomllib

    if scheme.source is None:
        return False
    try:
        data = tomllib.loads(scheme.source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    section = data.get("administrator")
    return isinstance(section, dict) and field in section


def refusal(missing: dict[str, Missing], what: str, scheme: Scheme) -> SchemeError:
    """The one paragraph that says which settings to add before ``what`` can be written."""
    lines = "; ".join(m.describe() for m in missing.values())
    return SchemeError(f"{what} would go out with placeholders, because scheme.toml does not "
                       f"give {plural(len(missing), 'setting')} of its own it uses: {lines}.",
                       "Add them to scheme.toml and run the command again, or add "
                       "--allow-placeholders for a draft in which each one is shown "
                       "in [brackets].", file=scheme.source)
