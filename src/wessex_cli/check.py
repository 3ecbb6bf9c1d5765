"""``wessex check``'s core: every problem of a volunteer workbook, and a summary per side."""

from __future__ import annotations

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


def check_roster(roster: Roster, scheme: Scheme) -> CheckReport:
    """Roster problems, then what only the whole roster shows: imbalance, nobody to pair with."""
    from .eligibility import EligibilityModel

    problems = list(roster.problems)
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


def _row_of(cell: str) -> int:
    digits = "".join(ch for ch in cell.rsplit("!", 1)[-1] if ch.isdigit())
    return int(digits) if digits else 0


def check_file(path: Path, scheme: Scheme) -> CheckReport:
    return check_roster(read_roster(path, scheme), scheme)
