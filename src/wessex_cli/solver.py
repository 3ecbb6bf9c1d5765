"""The pairing solver: most pairs first, then the greatest total score. Exact.

The model is a min-cost flow (OR-Tools): source → left person (capacity = places) → right
person (capacity 1 per pair, so nobody gets the same partner twice) → sink, solved with
``solve_max_flow_with_min_cost`` — the maximum number of pairs and, among those, the least
cost, i.e. the greatest score. That is SPEC's strict priority, with no big-M constant.

Dense rosters have millions of eligible pairs but few distinct scores: most pairs score
0. Handing OR-Tools every arc is slow (PERFORMANCE-NOTES), so large problems are solved by
*column generation*: solve on a sparse candidate set (every scoring pair plus a few random
eligible ones per person), take the LP potentials of the optimal flow (Bellman-Ford on the
residual graph), and price every eligible pair in one vectorised pass. A pair with negative
reduced cost could improve the solution: add those and solve again. When none is left, the
sparse optimum is optimal for the whole problem (LP duality; the assignment polytope is
integral). Typically two rounds.

Ties are broken by a seeded shuffle of both sides before solving: the same seed gives the
same pairs; another seed can give a different, equally good, result.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Int = npt.NDArray[np.int64]
DENSE_LIMIT = 300_000  # eligible pairs below which the whole graph is handed to OR-Tools
SAMPLE_PER_PERSON = 6
MAX_ROUNDS = 50


def solve_matching(eligible: npt.NDArray[np.bool_], scores: npt.NDArray[np.int32],
                   cap_left: Int, cap_right: Int, seed: int) -> list[tuple[int, int]]:
    """The optimal set of (left, right) index pairs."""
    n_left, n_right = eligible.shape
    if n_left == 0 or n_right == 0 or cap_left.sum() == 0 or cap_right.sum() == 0:
        return []
    rng = np.random.default_rng(seed)
    perm_left, perm_right = rng.permutation(n_left), rng.permutation(n_right)
    elig = eligible[np.ix_(perm_left, perm_right)]
    score = scores[np.ix_(perm_left, perm_right)].astype(np.int64)
    cap_l, cap_r = cap_left[perm_left], cap_right[perm_right]
    elig &= (cap_l[:, None] > 0) & (cap_r[None, :] > 0)
    if int(elig.sum()) <= DENSE_LIMIT:
        rows, cols = np.nonzero(elig)
        flows = _Flow(n_left, n_right, cap_l, cap_r).solve(rows, cols, score[rows, cols])
        chosen = flows > 0
        found = list(zip(rows[chosen].tolist(), cols[chosen].tolist(), strict=True))
    else:
        found = _column_generation(elig, score, cap_l, cap_r, rng)
    return sorted((int(perm_left[i]), int(perm_right[j])) for i, j in found)


class _Flow:
    """One min-cost flow network over a given set of left→right arcs."""

    def __init__(self, n_left: int, n_right: int, cap_left: Int, cap_right: Int) -> None:
        self.n_left, self.n_right = n_left, n_right
        self.cap_left, self.cap_right = cap_left, cap_right
        self.source, self.sink = n_left + n_right, n_left + n_right + 1
        self.source_flow: Int = np.zeros(n_left, np.int64)
        self.sink_flow: Int = np.zeros(n_right, np.int64)

    def solve(self, rows: Int, cols: Int, score: Int) -> Int:
        from ortools.graph.python import min_cost_flow

        flow = min_cost_flow.SimpleMinCostFlow()
        n_left, n_right = self.n_left, self.n_right
        arcs = flow.add_arcs_with_capacity_and_unit_cost(
            rows.astype(np.int32), (cols + n_left).astype(np.int32),
            np.ones(len(rows), np.int64), -score.astype(np.int64))
        left_arcs = flow.add_arcs_with_capacity_and_unit_cost(
            np.full(n_left, self.source, np.int32), np.arange(n_left, dtype=np.int32),
            self.cap_left.astype(np.int64), np.zeros(n_left, np.int64))
        right_arcs = flow.add_arcs_with_capacity_and_unit_cost(
            np.arange(n_left, n_left + n_right, dtype=np.int32),
            np.full(n_right, self.sink, np.int32), self.cap_right.astype(np.int64),
            np.zeros(n_right, np.int64))
        supply = int(min(self.cap_left.sum(), self.cap_right.sum()))
        flow.set_node_supply(self.source, supply)
        flow.set_node_supply(self.sink, -supply)
        status = flow.solve_max_flow_with_min_cost()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"min-cost flow ended with status {status}")
        self.source_flow = np.asarray(flow.flows(left_arcs), np.int64)
        self.sink_flow = np.asarray(flow.flows(right_arcs), np.int64)
        return np.asarray(flow.flows(arcs), np.int64)

    def potentials(self, rows: Int, cols: Int, score: Int, flows: Int) -> Int | None:
        """Node potentials proving the flow optimal on its arcs (shortest distances in the
        residual graph, with a reward M per unit of flow for the cardinality priority)."""
        n_left, n_right = self.n_left, self.n_right
        source, sink = self.source, self.sink
        big = int(np.abs(score).sum()) + 1
        left_nodes = np.arange(n_left)
        right_nodes = np.arange(n_left, n_left + n_right)
        unused = flows == 0
        pieces_u = [rows[unused], cols[~unused] + n_left]
        pieces_v = [cols[unused] + n_left, rows[~unused]]
        pieces_c = [-score[unused], score[~unused]]
        spare_l, used_l = self.source_flow < self.cap_left, self.source_flow > 0
        spare_r, used_r = self.sink_flow < self.cap_right, self.sink_flow > 0
        for mask, u, v in ((spare_l, source, left_nodes), (used_l, left_nodes, source),
                           (spare_r, right_nodes, sink), (used_r, sink, right_nodes)):
            count = int(mask.sum())
            us = np.full(count, u) if np.isscalar(u) else np.asarray(u)[mask]
            vs = np.full(count, v) if np.isscalar(v) else np.asarray(v)[mask]
            pieces_u.append(us)
            pieces_v.append(vs)
            pieces_c.append(np.zeros(count, np.int64))
        pieces_u.append(np.array([sink]))
        pieces_v.append(np.array([source]))
        pieces_c.append(np.array([-big]))
        if self.source_flow.sum() > 0:
            pieces_u.append(np.array([source]))
            pieces_v.append(np.array([sink]))
            pieces_c.append(np.array([big]))
        u = np.concatenate(pieces_u).astype(np.int64)
        v = np.concatenate(pieces_v).astype(np.int64)
        c = np.concatenate(pieces_c).astype(np.int64)
        distance = np.zeros(n_left + n_right + 2, np.int64)
        for _ in range(len(distance) + 1):  # Bellman-Ford, one vectorised sweep at a time
            relaxed = distance.copy()
            np.minimum.at(relaxed, v, distance[u] + c)
            if np.array_equal(relaxed, distance):
                return distance
            distance = relaxed
        return None  # a negative cycle: cannot happen for an optimal flow


def _candidates(elig: npt.NDArray[np.bool_], score: Int,
                rng: np.random.Generator) -> tuple[Int, Int]:
    """A sparse start: each person's best-scoring eligible partners (ties at random) on
    both sides, and every scoring pair when there are few of them."""
    n_left, n_right = elig.shape
    k = SAMPLE_PER_PERSON
    keyed = np.where(elig, score.astype(np.float32), np.float32(-1))
    keyed += rng.random(keyed.shape, dtype=np.float32) * np.float32(0.5)
    pieces_r, pieces_c = [], []
    if n_right > k:
        top = np.argpartition(-keyed, k, axis=1)[:, :k]
        pieces_r.append(np.repeat(np.arange(n_left), k))
        pieces_c.append(top.ravel())
    else:
        pieces_r.append(np.repeat(np.arange(n_left), n_right))
        pieces_c.append(np.tile(np.arange(n_right), n_left))
    if n_left > k:
        top = np.argpartition(-keyed, k, axis=0)[:k, :]
        pieces_r.append(top.ravel())
        pieces_c.append(np.tile(np.arange(n_right), k))
    scoring_r, scoring_c = np.nonzero(elig & (score > 0))
    if len(scoring_r) <= 10 * (n_left + n_right):
        pieces_r.append(scoring_r)
        pieces_c.append(scoring_c)
    all_r, all_c = np.concatenate(pieces_r), np.concatenate(pieces_c)
    keep = elig[all_r, all_c]
    key = np.unique(all_r[keep].astype(np.int64) * n_right + all_c[keep])
    return key // n_right, key % n_right


def _column_generation(elig: npt.NDArray[np.bool_], score: Int, cap_l: Int, cap_r: Int,
                       rng: np.random.Generator) -> list[tuple[int, int]]:
    n_left, n_right = elig.shape
    rows, cols = _candidates(elig, score, rng)
    network = _Flow(n_left, n_right, cap_l, cap_r)
    for _ in range(MAX_ROUNDS):
        flows = network.solve(rows, cols, score[rows, cols])
        distance = network.potentials(rows, cols, score[rows, cols], flows)
        if distance is None:
            break
        # Reduced cost of an unused arc i→j: -score + d(i) - d(j); negative = improving.
        reduced = distance[:n_left, None] - distance[None, n_left:n_left + n_right]
        improving = elig & (reduced < score)
        improving[rows, cols] = False
        if not improving.any():
            chosen = flows > 0
            return list(zip(rows[chosen].tolist(), cols[chosen].tolist(), strict=True))
        new_r, new_c = np.nonzero(improving)
        key = np.unique(np.concatenate([rows * n_right + cols, new_r * n_right + new_c]))
        rows, cols = key // n_right, key % n_right
    # Fall back to the whole graph: slower, never wrong.
    rows, cols = np.nonzero(elig)
    flows = _Flow(n_left, n_right, cap_l, cap_r).solve(rows, cols, score[rows, cols])
    chosen = flows > 0
    return list(zip(rows[chosen].tolist(), cols[chosen].tolist(), strict=True))
