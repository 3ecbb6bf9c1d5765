"""``wessex check``'s core: every problem of a volunteer workbook, and a summary per side."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import WessexError
from .roster import (
    Problem,
    Roster,
    Volunteer,
    error_rows,
    read_roster,
    side_counts,
)
from .rules import Partnerless, partnerless
from .scheme import Scheme
from .spreadsheet import collector_paused
from .text import plural


@dataclass
class CheckReport:
    """What ``wessex check`` found: the roster as read, every problem, and head counts per side."""

    roster: Roster
    problems: list[Problem]
    sides: dict[str, dict[str, int]]

    @property
    def errors(self) -> list[Problem]:
        """The problems that leave a row out of pairing."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth a look that do not stop the row being paired."""
        return [p for p in self.problems if p.severity == "warning"]

    def as_json(self) -> dict[str, Any]:
        """The report as plain data for ``--json``, built from the same objects the tables show."""
        flagged = error_rows(self.roster)  # once: a roster may have thousands of errors
        return {
            "file": str(self.roster.path),
            # the people the sides count (a row repeating someone is no second volunteer),
            # and the rows they came from
            "volunteers": sum(counts["people"] for counts in self.sides.values()),
            "rows": self.roster.rows,
            "active": len(self.roster.active) + sum(r.active for r in self.roster.rejected),
            "rows_with_errors": sorted(
                [{"row": r.row, "name": r.name, "email": r.email, "side": r.side}
                 for r in self.roster.rejected] +
                [{"row": v.row, "name": v.name, "email": v.email, "side": v.side}
                 for v in self.roster.volunteers if v.row in flagged],
                key=lambda entry: int(entry["row"])),
            "repeated_rows": unread_rows(self.roster),  # each repeats someone: not read
            "sides": self.sides,
            "problems": [{"severity": p.severity, "cell": p.cell, "column": p.column,
                          "message": p.text} for p in self.problems],
        }


def _two_partners(roster: Roster) -> str:
    """Where a volunteer's second partner is written: the capacity column under the heading
    the workbook gives it ('Max partners 2'), or a Capacity column to add."""
    heading = roster.columns.get("capacity")
    return f"{heading} 2" if heading else "2 in a Capacity column, added to the workbook"


def check_roster(roster: Roster, scheme: Scheme, now: dt.date | None = None, *,
                 settings: list[Problem] | None = None) -> CheckReport:
    """Roster problems, then what only the whole roster shows: imbalance, nobody to pair with,
    and the scheme.toml settings that the documents due next would lack (``settings``, when
    they have been worked out already: ``settings_problems``)."""
    if settings is None:
        settings = settings_problems(scheme, now)
    problems = list(roster.problems) + settings
    if not roster.rows:
        problems.append(Problem(
            "warning", "",
            f"no volunteers found: the header row (row {roster.header_row}) has nothing "
            "below it.", "Add one row per volunteer under the headers.",
            sheet=roster.sheet, row=roster.header_row + 1, col=1))
    sides = side_counts(roster, scheme)
    first, second = scheme.side_keys
    cap_a, cap_b = sides[first]["capacity"], sides[second]["capacity"]
    if cap_a != cap_b and roster.active:
        more, fewer = (first, second) if cap_a > cap_b else (second, first)
        # the sides by their labels from scheme.toml, as typed, and only as "the ... side":
        # never after "a" (an "Acute trust"), nor before a noun ("GPs volunteers")
        many, few = scheme.side_label(more), scheme.side_label(fewer)
        counted = (f"the sides are unbalanced: {plural(sides[more]['capacity'], 'place')} on "
                   f"the {many} side for {sides[fewer]['capacity']:,} on the {few} side")
        # people whose side is the error in their row could even the sides, or tip them
        # the other way: recruiting for a side is no advice until they are counted
        unknown = sides.get("side unknown", {}).get("capacity", 0)
        problems.append(Problem(
            "warning", "side",
            f"{counted}, not counting {plural(unknown, 'place')} of people whose side is not "
            "known until the errors in their rows are fixed." if unknown else
            f"{counted}, so at least {plural(abs(cap_a - cap_b), 'place')} on the {many} side "
            "will go unpaired.",
            "Fix those rows first and check again: the sides may balance once they are "
            "counted." if unknown else
            f"Recruit more volunteers for the {few} side, or ask one of its volunteers to "
            f"take two partners ({_two_partners(roster)})."))
    left = [v for v in roster.active if v.side == first]
    right = [v for v in roster.active if v.side == second]
    for nobody in without_partners(left, right):
        reasons = ", ".join(f"{n} by {rule.short}" for rule, n in nobody.excluded.items() if n)
        person = nobody.person
        problems.append(Problem(
            "warning", "name",
            f"{person.name} has no eligible partner on the other side "
            f"({reasons or 'nobody to pair with'}).",
            "Widen their days to host and visit, or check their organisation, "
            "registered practice and avoid list.", sheet=roster.sheet, row=person.row, col=1))
    problems.sort(key=lambda p: (p.severity != "error", p.row, p.col))
    return CheckReport(roster, problems, sides)


def without_partners(left: list[Volunteer], right: list[Volunteer]) -> list[Partnerless]:
    """Everyone with no eligible partner on the other side: judged pair by pair when that
    is quick (``rules.partnerless``, nearly always), else by counting every pair at once."""
    if not left or not right:
        return []
    found = partnerless(left, right)
    if found is not None:
        return found
    from .eligibility import EligibilityModel  # numpy: only for a roster of hard cases

    model = EligibilityModel(left, right)
    left_counts, right_counts = model.eligible_counts()
    return [Partnerless(person, model.exclusion_counts(which, index))
            for people, counts, which in ((left, left_counts, "left"),
                                          (right, right_counts, "right"))
            for index, person in enumerate(people) if not counts[index]]


# The documents each step of the timeline sends, in order (timeline.MILESTONES).
STAGES = (("call-to-action", ("call-to-action", "equality-form")),
          ("preferences-request", ("preferences-request",)),
          ("introductions", ("partner-introduction", "patient-notice", "reflection")),
          ("end", ("reminder",)),
          ("celebration", ("celebration-invite", "event-planning")),
          ("", ("certificate-email", "certificate")))


def documents_due(scheme: Scheme, now: dt.date) -> tuple[str, ...]:
    """The documents the timeline sends next: the first step whose date has not passed."""
    if scheme.start is None:
        return STAGES[0][1]
    from .timeline import make_plan

    plan = make_plan(scheme.start, scheme)
    for milestone, names in STAGES:
        if not milestone or plan.date(milestone) >= now:
            return names
    return STAGES[-1][1]


def settings_problems(scheme: Scheme, now: dt.date | None = None) -> list[Problem]:
    """A warning for each setting that the documents due next would print as a placeholder."""
    from .dates import today
    from .documents import load_template, settings_needed

    due = documents_due(scheme, now or today())
    needed: dict[str, tuple[Any, list[str]]] = {}
    for name in due:
        for key, missing in settings_needed(load_template(name, scheme), scheme).items():
            needed.setdefault(key, (missing, []))[1].append(name)
    from .history import missing_year

    # an earlier year's pairs workbook that 'pair' would look for in vain, said before it
    # stops for it
    gone = [Problem("warning", "scheme.toml",
                    f"scheme.toml's {problem}, and 'wessex pair' stops for it.", fix)
            for problem, fix in (missing_year(earlier, scheme.source)
                                 for earlier in scheme.history if not earlier.is_file())]
    return [Problem("warning", "scheme.toml",
                    f"{missing.sentence()}, which {', '.join(names)} (due next) would "
                    "print.",
                    f"Add {missing.lines} before rendering.")
            for key, (missing, names) in needed.items()] + gone


def check_file(path: Path | str, scheme: Scheme,
               progress: Callable[[int, int], None] | None = None) -> CheckReport:
    """Read the volunteer workbook and check it: ``wessex check``'s core, usable without the CLI.

    The cyclic collector pauses throughout (``spreadsheet.collector_paused``), the checks as well
    as the read: they make no cycles worth its passes over the roster's objects. While the
    sheet is read, the settings are checked, which needs no roster: calamine reads without
    holding Python's lock."""
    settings: list[list[Problem]] = []

    def meanwhile() -> None:
        with contextlib.suppress(WessexError):  # raised again where it always was, below
            settings.append(settings_problems(scheme))

    with collector_paused():
        roster = read_roster(path, scheme, progress, alongside=meanwhile)
        from .history import with_earlier_partners

        roster = with_earlier_partners(roster, scheme.history, choices=True)
        return check_roster(roster, scheme, settings=settings[0] if settings else None)


@dataclass(frozen=True)
class LeftOut:
    """Someone ``pair --skip-errors`` left out, and the errors in their row."""

    name: str
    row: int
    reasons: tuple[str, ...]
    email: str = ""
    side: str = ""
    profession: str = ""
    organisation: str = ""

    def as_json(self) -> dict[str, Any]:
        """This person and why they were left out, as plain data for ``--json``."""
        return {"name": self.name, "email": self.email, "row": self.row,
                "reasons": list(self.reasons)}

    @property
    def unpaired_reason(self) -> str:
        """Why they are on the Unpaired sheet: their row and its errors."""
        errors = " ".join(self.reasons).rstrip(".") or "run 'wessex check' to see it"
        return (f"left out by --skip-errors, because row {self.row} has an error: {errors}. "
                "Fix the row, then pair again with --keep.")


def without_errors(roster: Roster) -> tuple[Roster, list[LeftOut]]:
    """The roster without the people whose rows have an error, and who they are.

    For the administrator who cannot wait for one person to fix a cell: everyone else can
    be paired now. A locked partner who is left out frees the other person to be paired."""
    by_row: dict[int, list[str]] = {}
    for problem in roster.errors:
        if problem.row:
            by_row.setdefault(problem.row, []).append(problem.text)
    left_out = [LeftOut(r.name or "(no name)", r.row, tuple(by_row.get(r.row, ())), r.email,
                        r.side, r.profession, r.organisation) for r in roster.rejected]
    kept = []
    for volunteer in roster.volunteers:
        if volunteer.row in by_row:
            left_out.append(LeftOut(volunteer.name, volunteer.row, tuple(by_row[volunteer.row]),
                                    volunteer.email, volunteer.side, volunteer.profession,
                                    volunteer.organisation))
        else:
            kept.append(volunteer)
    gone = {v.key for v in roster.volunteers} - {v.key for v in kept}
    kept = [replace(v, partner=None) if v.partner in gone else v for v in kept]
    # an error in the header row (a column that keeps people apart, not read) stays: it is
    # nobody's row, and leaving it out would pair without the column
    problems = [p for p in roster.problems if p.severity != "error" or
                p.row in (0, roster.header_row)]
    left_out.sort(key=lambda person: person.row)
    return replace(roster, volunteers=kept, problems=problems, rejected=[],
                   _index=None), left_out


def unread_rows(roster: Roster) -> list[int]:
    """Rows with an error that are no one to leave out: a row repeating someone already
    listed (same name, same address), not read at all. ``--skip-errors`` and ``check
    --json`` name them, so what only they hold (a phone number, a note) is moved by hand."""
    listed = {r.row for r in roster.rejected} | {v.row for v in roster.volunteers}
    return sorted(error_rows(roster) - listed)
