"""``wessex check``'s core: every problem of a volunteer workbook, and a summary per side."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .roster import Problem, Roster, read_roster, side_counts
from .scheme import Scheme


@dataclass
class CheckReport:
    roster: Roster
    problems: list[Problem]
    sides: dict[str, dict[str, int]]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.roster.path),
            "volunteers": self.roster.rows,
            "active": len(self.roster.active),
            "sides": self.sides,
            "problems": [{"severity": p.severity, "cell": p.cell, "column": p.column,
                          "message": p.text} for p in self.problems],
        }


def check_roster(roster: Roster, scheme: Scheme, now: dt.date | None = None) -> CheckReport:
    """Roster problems, then what only the whole roster shows: imbalance, nobody to pair with,
    and the scheme.toml settings that the documents due next would lack."""
    from .eligibility import EligibilityModel

    problems = list(roster.problems) + settings_problems(scheme, now)
    sides = side_counts(roster, scheme)
    first, second = scheme.side_keys
    cap_a, cap_b = sides[first]["capacity"], sides[second]["capacity"]
    if cap_a != cap_b and roster.active:
        more, fewer = (first, second) if cap_a > cap_b else (second, first)
        problems.append(Problem(
            "warning", "", "side",
            f"the sides are unbalanced: {sides[more]['capacity']} {more} places for "
            f"{sides[fewer]['capacity']} {fewer} places, so at least {abs(cap_a - cap_b)} "
            f"{more} place(s) will go unpaired.",
            f"Recruit more {fewer} volunteers, or ask a {fewer} volunteer to take two partners "
            "(Capacity 2)."))
    left = [v for v in roster.active if v.side == first]
    right = [v for v in roster.active if v.side == second]
    if left and right:
        model = EligibilityModel(left, right)
        left_counts, right_counts = model.eligible_counts()
        for people, counts, which in ((left, left_counts, "left"), (right, right_counts, "right")):
            for index, person in enumerate(people):
                if counts[index]:
                    continue
                excluded = model.exclusion_counts(which, index)
                reasons = ", ".join(f"{n} by {rule.short}" for rule, n in excluded.items() if n)
                problems.append(Problem(
                    "warning", f"{roster.sheet}!A{person.row}", "name",
                    f"{person.name} has no eligible partner on the other side "
                    f"({reasons or 'nobody to pair with'}).",
                    "Widen their days to host and visit, or check their organisation, "
                    "registered practice and avoid list."))
    problems.sort(key=lambda p: (p.severity != "error", _row_of(p.cell), p.cell))
    return CheckReport(roster, problems, sides)


# The documents each step of the timeline sends, in order (timeline.MILESTONES).
STAGES = (("call-to-action", ("call-to-action", "equality-form")),
          ("preferences-request", ("preferences-request",)),
          ("introductions", ("partner-introduction", "patient-notice", "reflection")),
          ("end", ("reminder",)),
          ("celebration", ("celebration-invite", "event-planning")),
          ("", ("certificate",)))


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
    return [Problem("warning", "", "scheme.toml",
                    f"scheme.toml does not give the {missing.label} ({key}), which "
                    f"{', '.join(names)} (due next) would print.",
                    f"Add {missing.lines} before rendering.")
            for key, (missing, names) in needed.items()]


def _row_of(cell: str) -> int:
    digits = "".join(ch for ch in cell.rsplit("!", 1)[-1] if ch.isdigit())
    return int(digits) if digits else 0


def check_file(path: Path, scheme: Scheme) -> CheckReport:
    return check_roster(read_roster(path, scheme), scheme)
