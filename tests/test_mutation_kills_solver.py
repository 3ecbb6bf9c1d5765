"""Tests added to kill mutants of the solver's column generation (benchmarks/MUTATION.md).

SPEC's pairing priorities: "the greatest number of pairs", then "the greatest total score".
On large rosters the solver works on a subset of the eligible pairs and must *prove* its
result optimal for the whole roster before returning it (``solver``'s module docstring):
potentials with no negative reduced cost, and a pricing step that finds every eligible pair
outside the flow whose reduced cost ``-score + d(i) - d(j)`` is negative. These tests judge
those two steps directly, with values worked out by hand, and the whole path against an
integer programme of its own (SciPy's ``milp``), not against the dense path.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from wessex_cli import solver

Arcs = set[tuple[int, int]]


def price(values: list[list[int]], d_left: list[int], d_right: list[int],
          used: list[tuple[int, int]] = (), seed: int = 0) -> Arcs:  # type: ignore[assignment]
    used_r = np.array([i for i, _ in used], np.int64)
    used_c = np.array([j for _, j in used], np.int64)
    new_r, new_c = solver._price(np.array(values, np.int64), np.array(d_left, np.int64),
                                 np.array(d_right, np.int64), used_r, used_c,
                                 np.random.default_rng(seed))
    return set(zip(new_r.tolist(), new_c.tolist(), strict=True))


@pytest.mark.parametrize("block_cells", [solver.BLOCK_CELLS, 1])
@pytest.mark.parametrize("seed", range(4))
def test_pricing_finds_exactly_the_pairs_whose_reduced_cost_is_negative(
        block_cells: int, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The optimality proof: every eligible pair outside the flow with a negative reduced
    cost is found; a reduced cost of exactly 0, an ineligible pair (-1) and a pair already
    in the flow are not, however good they look. Also one row per block."""
    monkeypatch.setattr(solver, "BLOCK_CELLS", block_cells)
    values = [[3, -1, 0],
              [2, 5, 1]]
    # Reduced costs -score + d(i) - d(j) with d_left = (0, 4), d_right = (0, 10, 3):
    # (0,0) -3; (0,1) not eligible; (0,2) -3; (1,0) +2; (1,1) -11 but in the flow;
    # (1,2) exactly 0.
    assert price(values, [0, 4], [0, 10, 3], [(1, 1)], seed) == {(0, 0), (0, 2)}
    # Without the flow on (1,1), it is the most negative of all.
    assert price(values, [0, 4], [0, 10, 3], [], seed) == {(0, 0), (0, 2), (1, 1)}


@pytest.mark.parametrize("seed", range(4))
def test_pricing_finds_nothing_when_the_flow_is_optimal(seed: int) -> None:
    """No negative reduced cost: an empty answer, which is what ends column generation."""
    values = [[3, -1, 0],
              [2, 5, 1]]
    # d_left = (3, 5), d_right = 0: reduced costs 0, -, 3 / 3, 0, 4.
    assert price(values, [3, 5], [0, 0, 0], [], seed) == set()


@pytest.mark.parametrize("block_cells", [solver.BLOCK_CELLS, 8])
@pytest.mark.parametrize("seed", range(4))
def test_pricing_takes_each_rows_six_best_and_each_columns_best(
        block_cells: int, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row's PRICED_PER_ROW (6) most negative arcs, and each column's most negative."""
    monkeypatch.setattr(solver, "BLOCK_CELLS", block_cells)
    values = [[10 + j for j in range(8)],   # row 0 is every column's best
              [1 + j for j in range(8)]]    # row 1: all improving, its six best are 2..7
    expected = {(0, j) for j in range(8)} | {(1, j) for j in range(2, 8)}
    assert price(values, [0, 0], [0] * 8, [], seed) == expected


def test_pricing_with_large_potentials_or_scores_does_not_overflow() -> None:
    """The reduced cost is exact whatever the size of the potentials and scores: a gain
    (times 64) of 2**31 or more, past 32 bits, is still seen for what it is."""
    assert price([[1]], [2**26], [0]) == set()            # reduced cost 2**26 - 1 > 0
    assert price([[1]], [0], [2**25]) == {(0, 0)}         # reduced cost -(2**25 + 1) < 0
    assert price([[2**25]], [0], [0]) == {(0, 0)}         # reduced cost -2**25 < 0


@pytest.mark.parametrize("seed", range(4))
def test_pricing_reads_a_reduced_cost_of_exactly_zero_as_no_gain(seed: int) -> None:
    """A tie is not an improvement: on a roster of all-zero scores and zero potentials every
    reduced cost is 0, whatever random tie-break each arc draws, so nothing is priced in —
    otherwise column generation would never prove its answer."""
    zeros = [[0] * 300 for _ in range(70)]
    assert price(zeros, [0] * 70, [0] * 300, [], seed) == set()
    assert price([[0] * 300], [0], [0] * 300, [], seed) == set()


@pytest.mark.parametrize("seed", range(4))
def test_pricing_finds_every_arc_that_gains_just_one(seed: int) -> None:
    """A reduced cost of -1 is an improvement, whatever tie-break it draws: all 300 arcs of a
    one-row roster (six through the row, the rest through their columns), and all three of
    each row of a 70-row one."""
    assert price([[1] * 300], [0], [0] * 300, [], seed) == {(0, j) for j in range(300)}
    ones = [[1] * 3 for _ in range(70)]
    assert price(ones, [0] * 70, [0] * 3, [], seed) == \
        {(i, j) for i in range(70) for j in range(3)}


def test_values_keep_scores_too_large_for_16_bits() -> None:
    """A pair's score is kept whole (weights in scheme.toml may be large); ineligible is -1."""
    values = solver._values(np.array([[True, False, True]]),
                            np.array([[40_000, 7, 32_767]], np.int64))
    assert values.tolist() == [[40_000, -1, 32_767]]


def flow_of(rows: list[int], cols: list[int], flows: list[int], caps_l: list[int],
            caps_r: list[int]) -> solver._Flow:
    network = solver._Flow(np.array(caps_l, np.int64), np.array(caps_r, np.int64))
    source, sink = np.zeros(len(caps_l), np.int64), np.zeros(len(caps_r), np.int64)
    for i, j, f in zip(rows, cols, flows, strict=True):
        source[i] += f
        sink[j] += f
    network.source_flow, network.sink_flow = source, sink
    return network


def test_potentials_are_the_shortest_distances_in_the_residual_graph() -> None:
    """Worked by hand: left people 0, 1 (one place each), right person 0 (one place), arcs
    (0,0) scoring 3 (in the flow) and (1,0) scoring 1; M = 1 x 3 + 1 = 4. Nodes L0=0, L1=1,
    R0=2, source=3, sink=4; residual arcs R0→L0 +3, L1→R0 -1, source→L1 0, L0→source 0,
    sink→R0 0, sink→source -4, source→sink +4. From a virtual root at 0, Bellman-Ford
    settles at L0 -2, L1 -4, R0 -5, source -4, sink 0 — and the unused arc's reduced cost
    -1 + (-4) - (-5) = 0 proves the flow optimal."""
    network = flow_of([0, 1], [0, 0], [1, 0], [1, 1], [1])
    rows, cols = np.array([0, 1]), np.array([0, 0])
    d = network.potentials(rows, cols, np.array([3, 1]), np.array([1, 0]), big=4)
    assert d is not None
    assert d.tolist() == [-2, -4, -5, -4, 0]


def test_potentials_of_one_pair() -> None:
    """One arc scoring 5 in the flow, M = 6: only the source is pulled down, by the return
    arc sink→source (-6)."""
    network = flow_of([0], [0], [1], [1], [1])
    d = network.potentials(np.array([0]), np.array([0]), np.array([5]), np.array([1]), big=6)
    assert d is not None
    assert d.tolist() == [0, 0, -6, 0]


def test_potentials_reach_a_busy_right_person_from_the_sink() -> None:
    """Worked by hand: left person 0 (one place) paired with right person 0 (score 5);
    right person 1 could take them for 1. M = 1 x 5 + 1 = 6. Nodes L0=0, R0=1, R1=2,
    source=3, sink=4; residual arcs R0→L0 +5, L0→R1 -1, L0→source 0, sink→R0 0 (R0's place
    is used), R1→sink 0 (R1's is free), sink→source -6, source→sink +6. Distances: R1 -1
    (through L0), sink -1 (through R1), R0 -1 (from the sink), source -7."""
    network = flow_of([0, 0], [0, 1], [1, 0], [1], [1, 1])
    d = network.potentials(np.array([0, 0]), np.array([0, 1]), np.array([5, 1]),
                           np.array([1, 0]), big=6)
    assert d is not None
    assert d.tolist() == [0, -1, -1, -7, -1]


def test_potentials_refuse_a_flow_that_is_not_optimal() -> None:
    """Pairs (0,1) and (1,0) scoring 0 where (0,0) and (1,1) score 5: the residual graph has
    the negative cycle L0→R0→L1→R1→L0 (-10), so there are no potentials (None)."""
    network = flow_of([0, 1], [1, 0], [1, 1], [1, 1], [1, 1])
    rows, cols = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    d = network.potentials(rows, cols, np.array([5, 0, 0, 5]), np.array([0, 1, 1, 0]), big=11)
    assert d is None


def reference(values: Any, cap_l: Any, cap_r: Any) -> tuple[int, int]:
    """Most pairs, then the greatest score: one integer programme whose objective gives each
    pair more than any total score can reach, so one more pair always wins."""
    rows, cols = np.nonzero(values >= 0)
    score = values[rows, cols].astype(float)
    weight = float(score.sum()) + 1
    n = len(rows)
    a_left = np.zeros((values.shape[0], n))
    a_left[rows, np.arange(n)] = 1
    a_right = np.zeros((values.shape[1], n))
    a_right[cols, np.arange(n)] = 1
    found = milp(-(score + weight), integrality=np.ones(n), bounds=Bounds(0, 1),
                 constraints=[LinearConstraint(a_left, 0, cap_l),
                              LinearConstraint(a_right, 0, cap_r)])
    x = np.round(found.x).astype(bool)
    return int(x.sum()), int(score[x].sum())


def one_partner(seed: int) -> tuple[Any, Any, Any]:
    """The adversarial family for pricing (issue 13): 30 people on the left who can pair
    only with "their" right person, among 200 on the right, all scores 0 (every candidate
    ties). The random starting arcs miss most of those single pairs; pricing must find
    them. The most pairs: the 30 single pairs plus 30 more among the rest (min(30, 170))."""
    rng = np.random.default_rng(seed)
    values = np.full((60, 200), -1)
    values[np.arange(30), np.arange(30)] = 0
    values[30:, 30:] = 0 if seed % 2 == 0 else rng.integers(0, 3, size=(30, 170))
    return values, np.ones(60, np.int64), np.ones(200, np.int64)


def random_roster(seed: int) -> tuple[Any, Any, Any]:
    rng = np.random.default_rng(seed)
    n_left, n_right = 90 + seed, 120
    values = rng.integers(0, 12, size=(n_left, n_right))
    values[rng.random((n_left, n_right)) < 0.5] = -1
    return values, rng.integers(1, 4, n_left), rng.integers(1, 3, n_right)


@pytest.mark.parametrize("case", [one_partner, random_roster])
@pytest.mark.parametrize("seed", range(4))
def test_column_generation_proves_its_answer_without_the_whole_graph(
        case: Any, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The greatest number of pairs, then the greatest total score, found on a subset of the
    arcs and proved optimal there: the whole graph is never handed to OR-Tools (that is the
    slow fallback after MAX_ROUNDS, or when the proof fails)."""
    values, cap_l, cap_r = case(seed)
    n_left, n_right = values.shape
    rng = np.random.default_rng(seed)
    networks: list[int] = []
    whole = solver._Flow.__init__

    def counted(self: solver._Flow, *args: Any, **kwargs: Any) -> None:
        networks.append(1)
        whole(self, *args, **kwargs)

    monkeypatch.setattr(solver._Flow, "__init__", counted)
    perm_l, perm_r = rng.permutation(n_left), rng.permutation(n_right)
    found = solver._column_generation(values, cap_l, cap_r, perm_l, perm_r, rng)
    assert len(networks) == 1, "proved optimal on the candidate arcs, no fallback"
    assert len(set(found)) == len(found)
    assert all(values[i, j] >= 0 for i, j in found)
    assert all(sum(i == k for i, _ in found) <= cap_l[k] for k in range(n_left))
    assert all(sum(j == k for _, j in found) <= cap_r[k] for k in range(n_right))
    assert (len(found), sum(int(values[i, j]) for i, j in found)) == \
        reference(values, cap_l, cap_r)
    if case is one_partner:
        assert len(found) == 60


@pytest.mark.parametrize("case", [one_partner, random_roster])
@pytest.mark.parametrize("max_rounds", [0, 1])
def test_column_generation_falls_back_to_the_whole_graph_and_stays_exact(
        case: Any, max_rounds: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """After MAX_ROUNDS without a proof, the whole graph: slower, the same optimum, pairs
    scoring 0 included (the one-partner family scores 0 throughout)."""
    monkeypatch.setattr(solver, "MAX_ROUNDS", max_rounds)
    values, cap_l, cap_r = case(0)
    rng = np.random.default_rng(11)
    found = solver._column_generation(values, cap_l, cap_r, rng.permutation(values.shape[0]),
                                      rng.permutation(values.shape[1]), rng)
    assert all(values[i, j] >= 0 for i, j in found)
    assert (len(found), sum(int(values[i, j]) for i, j in found)) == \
        reference(values, cap_l, cap_r)


@pytest.mark.parametrize("seed", range(3))
def test_starting_arcs_are_eligible_distinct_and_hold_each_persons_best(seed: int) -> None:
    """The candidate set: only eligible pairs, each once, and (from pricing against zero
    potentials) every person's best-scoring partner."""
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 40, size=(20, 25))
    values[rng.random((20, 25)) < 0.4] = -1
    rows, cols = solver._candidates(values, rng)
    arcs = list(zip(rows.tolist(), cols.tolist(), strict=True))
    assert len(set(arcs)) == len(arcs)
    assert all(values[i, j] >= 0 for i, j in arcs)
    for i in range(20):
        if values[i].max() > 0:
            assert any(r == i and values[r, c] == values[i].max() for r, c in arcs)
    for j in range(25):
        if values[:, j].max() > 0:
            assert any(c == j and values[r, c] == values[:, j].max() for r, c in arcs)
