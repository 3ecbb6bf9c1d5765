"""Tests added to kill mutants of ``eligibility`` (benchmarks/MUTATION.md, eighth run): the
vectorised rules block by block, rule 6 named from either side, and the counts ``check``
reads. SPEC: a pair is eligible only when every rule holds; rule 6 (second year): not
partners in an earlier scheme, whichever of the two the earlier workbook lists.

The roster is five primary and three secondary people, free every half day, so every pair
is eligible except five, each set by hand: P0 works at S2's organisation (rule 2); P2 is a
registered patient at S0's (rule 3); P1 names S0 under avoid (rule 4); P3 was S1's partner,
listed on P3's side only; P4 was S2's partner, listed on S2's side only (rule 6 both ways).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pytest

from wessex_cli.eligibility import EligibilityModel
from wessex_cli.roster import Volunteer
from wessex_cli.rules import Rule, rules_broken

from .test_pairing import make

ANY = 0x3FFF
EXPECTED = [[True, True, False],
            [False, True, True],
            [False, True, True],
            [True, False, True],
            [True, True, False]]


def sides() -> tuple[list[Volunteer], list[Volunteer]]:
    left = [make(i, "primary", 12 if i == 0 else i + 1, 10 if i == 2 else 0, ANY, ANY, 1, 0,
                 [], [0] if i == 1 else []) for i in range(5)]
    right = [make(j, "secondary", j + 10, 0, ANY, ANY, 1, 0, [], []) for j in range(3)]
    left[3] = replace(left[3], previous=("s1@example.org",))
    right[2] = replace(right[2], previous=("p4@example.org",))
    return left, right


@pytest.fixture
def two_rows_a_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of two rows (three blocks for five people), whatever size is asked for."""
    original = EligibilityModel.blocks

    def small(self: EligibilityModel, target_cells: int = 0) -> Iterator[slice]:
        return original(self, 2 * len(self.right))

    monkeypatch.setattr(EligibilityModel, "blocks", small)


def test_earlier_partners_are_kept_apart_whichever_side_lists_them() -> None:
    left, right = sides()
    assert rules_broken(left[3], right[1]) == [Rule.PARTNERED_BEFORE]
    assert rules_broken(left[4], right[2]) == [Rule.PARTNERED_BEFORE]
    assert rules_broken(left[1], right[0]) == [Rule.AVOID]
    assert rules_broken(left[0], right[2]) == [Rule.ORGANISATION]
    assert rules_broken(left[2], right[0]) == [Rule.REGISTERED]
    assert rules_broken(left[0], right[0]) == []


@pytest.mark.usefixtures("two_rows_a_block")
def test_the_matrix_and_counts_are_the_same_block_by_block() -> None:
    """Counts: each primary has 2 eligible partners (3 less their excluded one); S0 and S2
    have 3 (5 less two), S1 has 4."""
    model = EligibilityModel(*sides())
    assert model.matrix().tolist() == EXPECTED
    left, right = model.eligible_counts()
    assert (left.tolist(), right.tolist()) == ([2, 2, 2, 2, 2], [3, 4, 3])
    assert left.dtype == right.dtype == np.int64  # whole numbers, as check prints them


@pytest.mark.usefixtures("two_rows_a_block")
def test_a_right_persons_exclusions_are_counted_over_every_block() -> None:
    """S1 is excluded only by P3 (rule 6), in the second of three blocks."""
    model = EligibilityModel(*sides())
    assert model.exclusion_counts("right", 1) == {
        Rule.ORGANISATION: 0, Rule.REGISTERED: 0, Rule.AVOID: 0, Rule.AVAILABILITY: 0,
        Rule.PARTNERED_BEFORE: 1}


@pytest.mark.parametrize(("rows", "before"), [
    (slice(3, None), [[False, True, False], [False, False, True]]),
    (slice(3, 4), [[False, True, False]]),
])
def test_rule_masks_of_some_rows_hold_each_rule_as_booleans(
        rows: slice, before: list[list[bool]]) -> None:
    masks = EligibilityModel(*sides()).rule_masks(rows)
    assert all(mask.dtype == np.bool_ for mask in masks.values())
    assert masks[Rule.PARTNERED_BEFORE].tolist() == before
    assert not masks[Rule.AVOID].any()  # P1's avoid is in row 1, outside these rows


def test_a_side_with_nobody_has_no_eligible_pairs() -> None:
    left, _ = sides()
    model = EligibilityModel(left, [])
    assert model.matrix().shape == (5, 0)
    counts_left, counts_right = model.eligible_counts()
    assert (counts_left.tolist(), counts_right.tolist()) == ([0] * 5, [])
