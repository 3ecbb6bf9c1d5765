"""Tests added to kill mutants of the solver's starting arcs, blocks and flow network
(``_candidates``, ``_blocks``, ``_Flow``; benchmarks/MUTATION.md, seventh run).

The starting arcs only decide how fast column generation proves its answer (the proof
covers every eligible pair), so these tests pin what ``solver.py``'s step 1 says each part
of the start holds, one part at a time: the others are switched off by setting their
per-person counts to 0. Matrices are small and every expected set is counted by hand.
"""

from __future__ import annotations

import numpy as np
import pytest

from wessex_cli import solver

# -1: not eligible. Budget (one per person): 4 + 6 = 10 pairs.
# A: scores 4 (3 pairs), 2 (6 pairs), 1 (6 pairs). At least 2: 9 pairs, not more than 10;
#    at least 1: 15, more than 10. So the level is 1: the 9 above it, and 10 - 9 = 1 of the
#    six scoring 1.
TOP_ONE_ROOM = np.array([[4, 2, 1, 0, -1, 0],
                         [2, 4, 1, 2, 0, -1],
                         [1, 2, 4, 1, 0, 0],
                         [2, 1, 2, 1, -1, 0]])
# B: scores 3 (5 pairs) and 1 (6 pairs). At least 1: 11 pairs, more than 10: level 1, the 5
#    above it and 10 - 5 = 5 of the six scoring 1.
TOP_FIVE_ROOM = np.array([[3, 1, 0, 0, -1, 0],
                          [1, 3, 1, 0, 0, 0],
                          [0, 1, 3, 3, 1, -1],
                          [1, 0, 0, 0, 3, -1]])


def starting_arcs(values: np.ndarray, seed: int) -> list[tuple[int, int]]:
    rows, cols = solver._candidates(values, np.random.default_rng(seed))
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("values", "room"), [(TOP_ONE_ROOM, 1), (TOP_FIVE_ROOM, 5)])
def test_the_start_holds_every_pair_above_the_level_and_a_random_share_at_it(
        values: np.ndarray, room: int, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Step 1's first part alone: every pair scoring above the level, where the level is the
    highest score at which the pairs scoring that much or more exceed the budget, and as
    many distinct pairs at the level as the budget has room for."""
    monkeypatch.setattr(solver, "TOP_PER_PERSON", 1)
    monkeypatch.setattr(solver, "SAMPLE_PER_PERSON", 0)
    monkeypatch.setattr(solver, "START_PRICED", 0)
    arcs = starting_arcs(values, seed)
    assert len(arcs) == len(set(arcs)) == 10
    above = {(i, j) for i, j in zip(*np.nonzero(values > 1), strict=True)}
    assert above <= set(arcs)
    assert sorted(int(values[i, j]) for i, j in set(arcs) - above) == [1] * room


@pytest.mark.parametrize("seed", range(4))
def test_the_start_holds_each_persons_best_of_their_random_partners(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Step 1's second part alone: 32 random partners out of 3 all but surely include each
    person's best, which is then among their best 4; their worst (the diagonal, 0) never
    is, as 4 of the 32 draws beat it."""
    monkeypatch.setattr(solver, "TOP_PER_PERSON", 0)
    monkeypatch.setattr(solver, "START_PRICED", 0)
    values = np.array([[0, 2, 1], [1, 0, 2], [2, 1, 0]])
    arcs = set(starting_arcs(values, seed))
    assert {(0, 1), (1, 2), (2, 0)} <= arcs  # best of each row, and of each column
    assert not arcs & {(0, 0), (1, 1), (2, 2)}


@pytest.mark.parametrize("seed", range(4))
def test_pairs_scoring_zero_are_eligible_starting_arcs(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A roster where nobody chose anyone (every score 0) still starts from each person's
    random partners: a score of 0 is an eligible pair, not an ineligible one."""
    monkeypatch.setattr(solver, "START_PRICED", 0)
    values = np.zeros((3, 4), dtype=np.int64)
    values[0, 3] = -1
    arcs = starting_arcs(values, seed)
    assert {i for i, _ in arcs} == {0, 1, 2}
    assert {j for _, j in arcs} == {0, 1, 2, 3}
    assert (0, 3) not in arcs


@pytest.mark.parametrize("seed", range(4))
def test_pricing_at_the_start_takes_every_persons_best_partners(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Step 1's third part alone (one pass against zero potentials, no arc in use): every
    pair scoring 1 or more improves on nothing, so in a 2 x 3 matrix each row's (up to six)
    and each column's best are all its positive pairs; (0, 0) included."""
    monkeypatch.setattr(solver, "TOP_PER_PERSON", 0)
    monkeypatch.setattr(solver, "SAMPLE_PER_PERSON", 0)
    monkeypatch.setattr(solver, "START_PRICED", 1)
    values = np.array([[5, 1, 0], [1, 2, -1]])
    assert sorted(starting_arcs(values, seed)) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_blocks_cover_every_row_once_with_at_most_block_cells_cells(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of whole rows, in order, none overlapping, each as large as BLOCK_CELLS cells
    allows (8 here); a row wider than that is a block of its own."""
    monkeypatch.setattr(solver, "BLOCK_CELLS", 8)
    assert solver._blocks(10, 1) == [slice(0, 8), slice(8, 10)]
    assert solver._blocks(7, 3) == [slice(0, 2), slice(2, 4), slice(4, 6), slice(6, 7)]
    assert solver._blocks(3, 20) == [slice(0, 1), slice(1, 2), slice(2, 3)]
    assert solver._blocks(0, 4) == []


def test_a_flow_or_tools_cannot_solve_is_an_error_with_its_status() -> None:
    """Costs beyond OR-Tools' range (a score of 2**62) end without an optimal flow: that is
    an error naming the status, never an empty set of pairs read as the answer."""
    network = solver._Flow(np.array([1, 1]), np.array([1, 1]))
    with pytest.raises(RuntimeError, match=r"^min-cost flow ended with status .*BAD_COST_RANGE"):
        network.solve(np.array([0, 1]), np.array([0, 1]), np.array([2**62, 2**62]))


# C: 16 x 2, rows 0 and 8 (every LEVEL_STRIDE-th row) scoring 5, every other row 1. Budget
#    (one per person): 16 + 2 = 18. Counted on every row: at least 5, 4 pairs; at least 1,
#    32, more than 18: level 1, the 4 fives and 18 - 4 = 14 of the ones. Counted on rows 0
#    and 8 alone and scaled up (a matrix of more than BLOCK_CELLS cells): 4 of 4 sampled
#    pairs score 5, 32 in all, more than 18: level 5, and the start holds the 4 fives only.
SAMPLED_APART = np.ones((16, 2), dtype=np.int64)
SAMPLED_APART[[0, 8]] = 5


@pytest.mark.parametrize(("block_cells", "expected_ones"), [
    (solver.BLOCK_CELLS, 14), (32, 14),  # 32 cells, not more than 32: every row counted
    (31, 0)])  # more than 31 cells: every 8th row
def test_the_level_is_counted_on_every_row_unless_the_matrix_is_larger_than_a_block(
        block_cells: int, expected_ones: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The start's level is counted on every LEVEL_STRIDE-th row only for a matrix of more
    than BLOCK_CELLS cells (where counting every row cost 70 ms of 10,000 volunteers); a
    smaller one is counted exactly, here where the sampled rows differ from the rest."""
    monkeypatch.setattr(solver, "TOP_PER_PERSON", 1)
    monkeypatch.setattr(solver, "SAMPLE_PER_PERSON", 0)
    monkeypatch.setattr(solver, "START_PRICED", 0)
    monkeypatch.setattr(solver, "BLOCK_CELLS", block_cells)
    assert solver.LEVEL_STRIDE == 8
    arcs = starting_arcs(SAMPLED_APART, 0)
    assert len(arcs) == len(set(arcs)) == 4 + expected_ones
    assert {(0, 0), (0, 1), (8, 0), (8, 1)} <= set(arcs)
