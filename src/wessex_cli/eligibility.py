"""Who may be paired with whom, for every pair of a roster at once: the rules of ``rules``
(SPEC pairing rules 1–5, and rule 6 of a second year) vectorised with numpy.

``rules.rules_broken`` explains a single pair in words; ``EligibilityModel`` answers the
same question for every pair at once, block by block so that memory stays bounded however
large the roster.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .roster import Volunteer
from .rules import Rule

BoolMatrix = npt.NDArray[np.bool_]


class Vocabulary:
    """Folded strings to small integer codes, shared by both sides so codes compare."""

    def __init__(self) -> None:
        """An empty vocabulary: codes are given out in the order keys are first seen."""
        self.codes: dict[str, int] = {}

    def code(self, key: str, blank: int) -> int:
        """The code of ``key``, or ``blank`` for an empty key (so blanks never match each other)."""
        if not key:
            return blank
        return self.codes.setdefault(key, len(self.codes))


@dataclass
class SideArrays:
    """One side's volunteers as parallel numpy arrays."""

    people: list[Volunteer]
    organisation: npt.NDArray[np.int32]
    registered: npt.NDArray[np.int32]
    cluster: npt.NDArray[np.int32]
    specialty: npt.NDArray[np.int32]
    host: npt.NDArray[np.int32]
    visit: npt.NDArray[np.int32]
    capacity: npt.NDArray[np.int64]

    @classmethod
    def build(cls, people: Sequence[Volunteer], vocab: Vocabulary) -> SideArrays:
        """One side's people as arrays of codes, in the vocabulary both sides share."""
        from .text import cluster_key, fold

        def codes(values: list[str], blank: int) -> npt.NDArray[np.int32]:
            return np.fromiter((vocab.code(v, blank) for v in values), np.int32, len(values))

        people = list(people)
        return cls(
            people=people,
            organisation=codes([p.organisation_key for p in people], -1),
            registered=codes([p.registered_key for p in people], -2),
            cluster=codes([cluster_key(p.cluster) for p in people], -3),
            specialty=codes([fold(p.specialty) for p in people], -4),
            host=np.fromiter((p.host_slots for p in people), np.int32, len(people)),
            visit=np.fromiter((p.visit_slots for p in people), np.int32, len(people)),
            capacity=np.fromiter((p.capacity for p in people), np.int64, len(people)),
        )

    def __len__(self) -> int:
        """How many people are on this side."""
        return len(self.people)


class EligibilityModel:
    """Rules 2–5 for every (left, right) pair; rule 1 holds by construction (two sides,
    active people only)."""

    def __init__(self, left: Sequence[Volunteer], right: Sequence[Volunteer]) -> None:
        """Arrays for both sides, and the (left, right) index pairs that an avoid entry or an
        earlier partnership forbids (rules 4 and 6)."""
        self.vocab = Vocabulary()
        self.left = SideArrays.build(left, self.vocab)
        self.right = SideArrays.build(right, self.vocab)
        left_index = {p.key: i for i, p in enumerate(self.left.people)}
        right_index = {p.key: j for j, p in enumerate(self.right.people)}
        pairs: set[tuple[int, int]] = set()
        for i, person in enumerate(self.left.people):
            pairs.update((i, right_index[k]) for k in person.avoid if k in right_index)
        for j, person in enumerate(self.right.people):
            pairs.update((left_index[k], j) for k in person.avoid if k in left_index)
        ordered = sorted(pairs)
        self.avoid_i = np.array([i for i, _ in ordered], dtype=np.int64)
        self.avoid_j = np.array([j for _, j in ordered], dtype=np.int64)
        before = sorted({(i, right_index[k]) for i, p in enumerate(self.left.people)
                         for k in p.previous if k in right_index} |
                        {(left_index[k], j) for j, p in enumerate(self.right.people)
                         for k in p.previous if k in left_index})
        self.before_i = np.array([i for i, _ in before], dtype=np.int64)
        self.before_j = np.array([j for _, j in before], dtype=np.int64)

    def rule_masks(self, rows: slice) -> dict[Rule, BoolMatrix]:
        """For rows of the left side: where each rule is broken (True = broken)."""
        L, R = self.left, self.right
        org_l = L.organisation[rows, None]
        reg_l = L.registered[rows, None]
        same_org = (org_l == R.organisation[None, :]) & (org_l >= 0)
        registered = (reg_l == R.organisation[None, :]) | (org_l == R.registered[None, :])
        availability = ((L.host[rows, None] & R.visit[None, :]) == 0) | \
            ((R.host[None, :] & L.visit[rows, None]) == 0)
        avoid = np.zeros(same_org.shape, dtype=bool)
        start = rows.start or 0
        stop = rows.stop if rows.stop is not None else len(L)
        inside = (self.avoid_i >= start) & (self.avoid_i < stop)
        avoid[self.avoid_i[inside] - start, self.avoid_j[inside]] = True
        before = np.zeros(same_org.shape, dtype=bool)
        inside = (self.before_i >= start) & (self.before_i < stop)
        before[self.before_i[inside] - start, self.before_j[inside]] = True
        return {Rule.ORGANISATION: same_org, Rule.REGISTERED: registered, Rule.AVOID: avoid,
                Rule.AVAILABILITY: availability, Rule.PARTNERED_BEFORE: before}

    def blocks(self, target_cells: int = 4_000_000) -> Iterator[slice]:
        """Row slices of the left side small enough to keep each block's memory bounded."""
        step = max(1, target_cells // max(1, len(self.right)))
        for start in range(0, len(self.left), step):
            yield slice(start, min(start + step, len(self.left)))

    def matrix(self) -> BoolMatrix:
        """The whole eligibility matrix (left x right)."""
        out = np.empty((len(self.left), len(self.right)), dtype=bool)
        for _ in self._eligible_blocks(out):
            pass  # each block is computed in its own rows of ``out``
        return out

    def _eligible_blocks(self, out: BoolMatrix | None = None
                         ) -> Iterator[tuple[slice, BoolMatrix]]:
        """Which pairs break none of the rules (True: may be paired), for every row, block
        by block, computed in place (into ``out``'s rows, or into one reused buffer) through
        two scratch arrays, with no mask per rule: the same rules as ``rule_masks``, with
        fewer passes over memory. Blocks are small enough to stay in the processor's cache."""
        L, R = self.left, self.right
        if len(L) == 0 or len(R) == 0:
            return
        buffer = scratch = np.empty((0, len(R)), dtype=bool)
        slots = np.empty((0, len(R)), dtype=np.int32)
        for rows in self.blocks(1 << 18):
            height = rows.stop - rows.start
            if scratch.shape[0] != height:
                scratch, slots = np.empty((height, len(R)), bool), np.empty((height, len(R)),
                                                                           np.int32)
                if out is None:
                    buffer = np.empty((height, len(R)), bool)
            broken = out[rows] if out is not None else buffer
            org_l, reg_l = L.organisation[rows, None], L.registered[rows, None]
            np.equal(org_l, R.organisation[None, :], out=broken)
            broken &= org_l >= 0
            broken |= np.equal(reg_l, R.organisation[None, :], out=scratch)
            broken |= np.equal(org_l, R.registered[None, :], out=scratch)
            np.bitwise_and(L.host[rows, None], R.visit[None, :], out=slots)
            broken |= np.equal(slots, 0, out=scratch)
            np.bitwise_and(R.host[None, :], L.visit[rows, None], out=slots)
            broken |= np.equal(slots, 0, out=scratch)
            start, stop = rows.start, rows.stop
            for pick_i, pick_j in ((self.avoid_i, self.avoid_j),
                                   (self.before_i, self.before_j)):
                inside = (pick_i >= start) & (pick_i < stop)
                broken[pick_i[inside] - start, pick_j[inside]] = True
            np.logical_not(broken, out=broken)
            yield rows, broken

    def eligible_counts(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """How many eligible partners each left and each right person has."""
        left = np.zeros(len(self.left), dtype=np.int64)
        right = np.zeros(len(self.right), dtype=np.int64)
        for rows, block in self._eligible_blocks():
            left[rows] = np.count_nonzero(block, axis=1)
            right += np.count_nonzero(block, axis=0)
        return left, right

    def exclusion_counts(self, side: str, index: int) -> dict[Rule, int]:
        """For one person, how many candidates on the other side each rule excludes."""
        if side == "left":
            masks = self.rule_masks(slice(index, index + 1))
            return {rule: int(mask.sum()) for rule, mask in masks.items()}
        counts = dict.fromkeys(Rule, 0)
        for rows in self.blocks():
            for rule, mask in self.rule_masks(rows).items():
                counts[rule] += int(mask[:, index].sum())
        counts.pop(Rule.SIDE)
        return counts
