"""Who may be paired with whom, one pair at a time: SPEC pairing rules 1–5, and rule 6 of
a second year (not an earlier scheme's partner).

``rules_broken`` is the rules as SPEC states them, for one pair; ``eligibility`` applies
the same rules to every pair of a roster at once with numpy. This module needs no numpy,
so that ``wessex check`` can find who has nobody to pair with without loading it
(``partnerless``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from .roster import Volunteer


class Rule(IntEnum):
    """The rules in SPEC order; the value is the rule's number there."""

    SIDE = 1
    ORGANISATION = 2
    REGISTERED = 3
    AVOID = 4
    AVAILABILITY = 5
    PARTNERED_BEFORE = 6

    @property
    def short(self) -> str:
        """The rule in a few words, for tables and reasons."""
        return RULE_SHORT[self]


RULE_SHORT = {
    Rule.SIDE: "same side or not active",
    Rule.ORGANISATION: "same organisation",
    Rule.REGISTERED: "registered patient at the other's organisation",
    Rule.AVOID: "named under avoid",
    Rule.AVAILABILITY: "no common half-day to host and visit both ways",
    Rule.PARTNERED_BEFORE: "partners in an earlier scheme",
}


def rules_broken(a: Volunteer, b: Volunteer) -> list[Rule]:
    """Every rule the pair (a, b) breaks; empty when they may be paired."""
    broken = []
    if a.side == b.side or not a.active or not b.active or a.key == b.key:
        broken.append(Rule.SIDE)
    org_a, org_b = a.organisation_key, b.organisation_key
    if org_a and org_a == org_b:
        broken.append(Rule.ORGANISATION)
    if (a.registered_key and a.registered_key == org_b) or \
            (b.registered_key and b.registered_key == org_a):
        broken.append(Rule.REGISTERED)
    if b.key in a.avoid or a.key in b.avoid:
        broken.append(Rule.AVOID)
    if not (a.host_slots & b.visit_slots and b.host_slots & a.visit_slots):
        broken.append(Rule.AVAILABILITY)
    if b.key in a.previous or a.key in b.previous:
        broken.append(Rule.PARTNERED_BEFORE)
    return broken


# How many pairs ``partnerless`` may judge one at a time before it leaves the question to
# ``eligibility``'s numpy: 50,000, or six a person on a larger roster (about two
# microseconds each: a tenth of a second, about what numpy's import and count would cost)
_MOST_JUDGED, _JUDGED_PER_PERSON = 50_000, 6


@dataclass(frozen=True)
class Partnerless:
    """Someone nobody on the other side may be paired with, and how many candidates each
    rule excludes (a candidate excluded by two rules counts under both)."""

    person: Volunteer
    excluded: dict[Rule, int]


def partnerless(left: Sequence[Volunteer], right: Sequence[Volunteer]
                ) -> list[Partnerless] | None:
    """Everyone on either side with no eligible partner on the other (left side first, each
    side in its order), judged pair by pair with ``rules_broken``; None when that would
    take too long, and ``eligibility.EligibilityModel`` must count every pair instead.

    In a real roster nearly everyone may be paired with most of the other side, so a
    partner turns up among the first few candidates, and someone found as a partner
    needs no search of their own: ``wessex check`` then learns that everyone has someone
    in a few milliseconds, without numpy's import or a pass over every pair. Only a person
    with no partner at all is compared with the whole other side, which also counts the
    rules that exclude each candidate."""
    budget = max(_MOST_JUDGED, _JUDGED_PER_PERSON * (len(left) + len(right)))
    found: list[Partnerless] = []
    partnered = [False] * len(right)
    for side, others in ((left, right), (right, left)):
        for index, person in enumerate(side):
            if others is left and partnered[index]:
                continue
            excluded: dict[Rule, int] = dict.fromkeys(_EXCLUDING, 0)
            count = len(others)
            for step in range(count):
                budget -= 1
                if budget < 0:
                    return None
                at = (index + step) % count  # each person starts at a different candidate
                broken = rules_broken(person, others[at])
                if not broken:
                    if others is right:
                        partnered[at] = True
                    break
                for rule in broken:
                    if rule in excluded:
                        excluded[rule] += 1
            else:
                found.append(Partnerless(person, excluded))
    return found


# The rules that can exclude a candidate on the other side: everyone there is on the other
# side and active, so rule 1 never does
_EXCLUDING: tuple[Rule, ...] = tuple(rule for rule in Rule if rule is not Rule.SIDE)
