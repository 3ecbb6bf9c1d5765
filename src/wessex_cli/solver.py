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
MAX_ROUNDS = 200


def solve_matching(eligible: npt.NDArray[np.bool_], scores: npt.NDArray[np.int32],
                   cap_left: Int, cap_right: Int, seed: int) -> list[tuple[int, int]]:
    """The optimal set of (left, right) index pairs."""
    n_left, n_right = eligible.shape
    if n_left == 0 or n_right == 0 or cap_left.sum() == 0 or cap_right.sum() == 0:
        return []
    rng = np.random.default_rng(seed)
    perm_left, perm_right = rng.permutation(n_left), rng.permutation(n_right)
    elig = eligible[np.ix_(perm_left, perm_right)]
    score = scores[np.ix_(perm_left, perm_right)]
    cap_l, cap_r = cap_left[perm_left], cap_right[perm_right]
    elig &= (cap_l[:, None] > 0) & (cap_r[None, :] > 0)
    if int(elig.sum()) <= DENSE_LIMIT:
        rows, cols = np.nonzero(elig)
        flows = _Flow(n_left, n_right, cap_l, cap_r).solve(rows, cols,
                                                           score[rows, cols].astype(np.int64))
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


def _candidates(elig: npt.NDArray[np.bool_], score: npt.NDArray[np.int32],
                rng: np.random.Generator) -> tuple[Int, Int]:
    """A sparse start: the best-scoring eligible pairs (as many as a few per person), plus
    a few random eligible partners for every person on each side."""
    n_left, n_right = elig.shape
    budget = 20 * (n_left + n_right)
    counts = np.bincount(score[elig].clip(0, None)) if elig.any() else np.zeros(1, np.int64)
    above = np.cumsum(counts[::-1])[::-1]  # above[t] = eligible pairs scoring t or more
    threshold = next((t for t in range(1, len(counts)) if above[t] <= budget), len(counts))
    pieces_r = []
    pieces_c = []
    if threshold < len(counts):
        best_r, best_c = np.nonzero(elig & (score >= threshold))
        pieces_r.append(best_r)
        pieces_c.append(best_c)
    k = SAMPLE_PER_PERSON
    # Each person's best eligible partners, ties broken at random: one noisy int16 key
    # matrix, read by argmax a few times with the winners knocked out.
    keyed = np.where(elig, score.astype(np.int16) * np.int16(64), np.int16(-32000))
    keyed += rng.integers(0, 63, size=keyed.shape, dtype=np.int16)
    rows_all = np.arange(n_left)
    for _ in range(min(k, n_right)):
        best = keyed.argmax(axis=1)
        pieces_r.append(rows_all)
        pieces_c.append(best)
        keyed[rows_all, best] = -32000
    pieces_r += [np.repeat(np.arange(n_left), k), rng.integers(0, n_left, n_right * k)]
    pieces_c += [rng.integers(0, n_right, n_left * k), np.repeat(np.arange(n_right), k)]
    all_r = np.concatenate(pieces_r).astype(np.int64)
    all_c = np.concatenate(pieces_c).astype(np.int64)
    keep = elig[all_r, all_c]
    key = np.unique(all_r[keep] * n_right + all_c[keep])
    return key // n_right, key % n_right


def _column_generation(elig: npt.NDArray[np.bool_], score: npt.NDArray[np.int32], cap_l: Int,
                       cap_r: Int,
                       rng: np.random.Generator) -> list[tuple[int, int]]:
    n_left, n_right = elig.shape
    rows, cols = _candidates(elig, score, rng)
    network = _Flow(n_left, n_right, cap_l, cap_r)
    for _ in range(MAX_ROUNDS):
        arc_scores = score[rows, cols].astype(np.int64)
        flows = network.solve(rows, cols, arc_scores)
        distance = network.potentials(rows, cols, arc_scores, flows)
        if distance is None:
            break
        # Reduced cost of an unused arc i→j: -score + d(i) - d(j); negative = improving.
        small = np.int32 if np.abs(distance).max() < 2**30 else np.int64
        reduced = distance[:n_left, None].astype(small) - \
            distance[None, n_left:n_left + n_right].astype(small)
        gain = score - reduced  # > 0: the arc would improve the solution
        gain[~elig] = 0
        gain[rows, cols] = 0
        if not (gain > 0).any():
            chosen = flows > 0
            return list(zip(rows[chosen].tolist(), cols[chosen].tolist(), strict=True))
        # Partial pricing: each row's and each column's most improving arc.
        best_c = gain.argmax(axis=1)
        row_ok = gain[np.arange(n_left), best_c] > 0
        best_r = gain.argmax(axis=0)
        col_ok = gain[best_r, np.arange(n_right)] > 0
        new_r = np.concatenate([np.flatnonzero(row_ok), best_r[col_ok]])
        new_c = np.concatenate([best_c[row_ok], np.flatnonzero(col_ok)])
        key = np.union1d(rows * n_right + cols, new_r * n_right + new_c)
        rows, cols = key // n_right, key % n_right
    # Fall back to the whole graph: slower, never wrong.
    rows, cols = np.nonzero(elig)
    flows = _Flow(n_left, n_right, cap_l, cap_r).solve(rows, cols,
                                                       score[rows, cols].astype(np.int64))
    chosen = flows > 0
    return list(zip(rows[chosen].tolist(), cols[chosen].tolist(), strict=True))
