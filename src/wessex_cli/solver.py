"""The pairing solver: most pairs first, then the greatest total score. Exact.

**Model.** A min-cost flow: source → left person i (capacity ``cap_left[i]``, cost 0) →
right person j (capacity 1, so nobody gets the same partner twice; cost ``-score[i, j]``)
→ sink (capacity ``cap_right[j]``, cost 0). OR-Tools' ``solve_max_flow_with_min_cost``
returns a flow of maximum value and, among those, of least cost: the most pairs, then
the greatest score. That is SPEC's strict priority, with no big-M constant in the solve.

**Small problems** (at most ``DENSE_LIMIT`` eligible pairs) hand every eligible arc to
OR-Tools at once.

**Large problems** are solved on a sparse subset of the arcs (*column generation*), and
the result is proved optimal for the whole graph before it is returned:

1. Start from a candidate set: every pair scoring above some level and a random share of
   those at that level (``TOP_PER_PERSON`` per person in all), each person's best of
   ``DRAWS`` random partners, and ``START_PRICED`` pricing passes against zero potentials
   (each row's and column's best partners, ties broken at random).
2. Solve the flow on the candidate arcs.
3. Make it a *circulation*: add the return arc sink → source with cost ``-M`` and, when
   the flow is not empty, its residual source → sink with cost ``+M``, where
   ``M = (most pairs possible) x (highest score) + 1``. Because scores are 0 or more, no
   set of pairs scores ``M`` or more, so one more pair outweighs any difference of score
   and the least-cost circulation is exactly the lexicographic optimum (most pairs, then
   greatest score). An optimal flow leaves no negative cycle in the residual graph, so
   Bellman-Ford from a virtual root at distance 0 gives potentials ``d`` with
   ``c(u, v) + d(u) - d(v) >= 0`` on every residual arc (``_Flow.potentials``).
4. Price every eligible pair (i, j) that carries no flow (``_price``): its reduced cost
   is ``-score[i, j] + d(i) - d(j)``. If none is negative, ``d`` is a feasible dual solution
   for the whole graph that satisfies complementary slackness with the flow, so the flow
   is optimal for the whole graph (LP duality; the network matrix is totally unimodular,
   so the LP optimum is the integer optimum). Otherwise add each row's
   ``PRICED_PER_ROW`` and each column's most negative arcs and go back to 2.

Pairs already carrying flow are left out of the pricing: their reverse residual arc is
what step 3 checks. Scores below 0 are refused (scheme.toml refuses negative weights):
the choice of ``M`` depends on it. The benchmark rosters need one to three rounds; after
``MAX_ROUNDS`` the whole graph is handed to OR-Tools, which is slower but never wrong.

**Ties** are broken by a seeded shuffle of both sides (the node numbering and the arc
order OR-Tools sees): the same seed gives the same pairs; another seed can give a
different, equally good, result.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Int = npt.NDArray[np.int64]
Values = npt.NDArray[np.signedinteger[Any]]
DENSE_LIMIT = 300_000  # eligible pairs below which the whole graph is handed to OR-Tools
TOP_PER_PERSON = 8  # best-scoring pairs in the starting set, per person
SAMPLE_PER_PERSON = 4  # each person's best of DRAWS random partners, in the starting set
DRAWS = 32
START_PRICED = 3  # pricing passes against zero potentials in the starting set
LEVEL_STRIDE = 8  # the starting set's score level is counted on every 8th row
PRICED_PER_ROW = 6  # improving arcs added per row and round
MAX_ROUNDS = 200
BLOCK_CELLS = 1 << 20  # cells per block in the dense passes: fits in cache
NOISE_ROWS = 61  # rows of tie-break noise, reused cyclically down the matrix


def solve_matching(eligible: npt.NDArray[np.bool_], scores: npt.NDArray[Any],
                   cap_left: Int, cap_right: Int, seed: int) -> list[tuple[int, int]]:
    """The optimal set of (left, right) index pairs, sorted."""
    n_left, n_right = eligible.shape
    if n_left == 0 or n_right == 0 or cap_left.sum() == 0 or cap_right.sum() == 0:
        return []
    if int(scores.min(initial=0)) < 0:
        raise ValueError("pair scores must be 0 or more: the optimality argument needs it")
    rng = np.random.default_rng(seed)
    perm_left, perm_right = rng.permutation(n_left), rng.permutation(n_right)
    if not (cap_left > 0).all() or not (cap_right > 0).all():
        eligible = eligible & (cap_left[:, None] > 0) & (cap_right[None, :] > 0)
    if int(np.count_nonzero(eligible)) <= DENSE_LIMIT:
        # The whole graph, with both sides shuffled.
        elig = eligible[np.ix_(perm_left, perm_right)]
        rows, cols = np.nonzero(elig)
        score = scores[np.ix_(perm_left, perm_right)][rows, cols].astype(np.int64)
        flows = _Flow(cap_left[perm_left], cap_right[perm_right]).solve(rows, cols, score)
        chosen = flows > 0
        found = list(zip(perm_left[rows[chosen]].tolist(), perm_right[cols[chosen]].tolist(),
                         strict=True))
    else:
        found = _column_generation(_values(eligible, scores), cap_left, cap_right,
                                   perm_left, perm_right, rng)
    return sorted((int(i), int(j)) for i, j in found)


def _values(eligible: npt.NDArray[np.bool_], scores: npt.NDArray[Any]) -> Values:
    """One compact matrix: the score of each eligible pair, -1 where a pair is not eligible."""
    small = int(scores.max(initial=0)) <= np.iinfo(np.int16).max  # a pair has three terms
    kind: Any = np.int16 if small else np.int64
    values: Values = np.empty(scores.shape, dtype=kind)
    step = max(1, BLOCK_CELLS // max(1, scores.shape[1]))
    for start in range(0, scores.shape[0], step):  # block by block, in the cache
        rows = slice(start, start + step)
        block = values[rows]
        # (score + 1) * eligible - 1: the score where eligible, -1 where not, by arithmetic
        # (a masked copy is several times slower)
        np.add(scores[rows], 1, out=block, casting="unsafe")
        block *= eligible[rows]
        block -= 1
    return values


class _Flow:
    """One min-cost flow network over a given set of left→right arcs.

    ``node_left[i]`` and ``node_right[j]`` are the node numbers OR-Tools sees (a shuffle,
    for the tie-break); everything else, flows and potentials included, is indexed by
    person.
    """

    def __init__(self, cap_left: Int, cap_right: Int, node_left: Int | None = None,
                 node_right: Int | None = None) -> None:
        self.n_left, self.n_right = len(cap_left), len(cap_right)
        self.cap_left, self.cap_right = cap_left, cap_right
        self.node_left = np.arange(self.n_left) if node_left is None else node_left
        self.node_right = np.arange(self.n_right) if node_right is None else node_right
        self.source_flow: Int = np.zeros(self.n_left, np.int64)
        self.sink_flow: Int = np.zeros(self.n_right, np.int64)

    def solve(self, rows: Int, cols: Int, score: Int) -> Int:
        """The flow on each arc (rows[k] → cols[k]) of a maximum flow of least cost."""
        from ortools.graph.python import min_cost_flow

        flow = min_cost_flow.SimpleMinCostFlow()
        n_left, n_right = self.n_left, self.n_right
        source, sink = n_left + n_right, n_left + n_right + 1
        arcs = flow.add_arcs_with_capacity_and_unit_cost(
            self.node_left[rows].astype(np.int32),
            (self.node_right[cols] + n_left).astype(np.int32),
            np.ones(len(rows), np.int64), -score.astype(np.int64))
        left_arcs = flow.add_arcs_with_capacity_and_unit_cost(
            np.full(n_left, source, np.int32), self.node_left.astype(np.int32),
            self.cap_left.astype(np.int64), np.zeros(n_left, np.int64))
        right_arcs = flow.add_arcs_with_capacity_and_unit_cost(
            (self.node_right + n_left).astype(np.int32), np.full(n_right, sink, np.int32),
            self.cap_right.astype(np.int64), np.zeros(n_right, np.int64))
        supply = int(min(self.cap_left.sum(), self.cap_right.sum()))
        flow.set_node_supply(source, supply)
        flow.set_node_supply(sink, -supply)
        status = flow.solve_max_flow_with_min_cost()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"min-cost flow ended with status {status}")
        self.source_flow = np.asarray(flow.flows(left_arcs), np.int64)
        self.sink_flow = np.asarray(flow.flows(right_arcs), np.int64)
        return np.asarray(flow.flows(arcs), np.int64)

    def potentials(self, rows: Int, cols: Int, score: Int, flows: Int,
                   big: int) -> Int | None:
        """Node potentials proving the flow optimal on its arcs: shortest distances in the
        residual graph of the circulation (flow plus return arc of cost -M), nodes numbered
        left people, right people, source, sink. None if there is a negative cycle, which
        an optimal flow cannot have."""
        n_left, n_right = self.n_left, self.n_right
        source, sink = n_left + n_right, n_left + n_right + 1
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
        pieces_u.append(np.array([sink]))  # the return arc
        pieces_v.append(np.array([source]))
        pieces_c.append(np.array([-big]))
        if self.source_flow.sum() > 0:  # its residual, when it carries flow
            pieces_u.append(np.array([source]))
            pieces_v.append(np.array([sink]))
            pieces_c.append(np.array([big]))
        u = np.concatenate(pieces_u).astype(np.int64)
        v = np.concatenate(pieces_v).astype(np.int64)
        c = np.concatenate(pieces_c).astype(np.int64)
        distance = np.zeros(n_left + n_right + 2, np.int64)  # a virtual root at distance 0
        for _ in range(len(distance) + 1):  # Bellman-Ford, one vectorised sweep at a time
            relaxed = distance.copy()
            np.minimum.at(relaxed, v, distance[u] + c)
            if np.array_equal(relaxed, distance):
                return distance
            distance = relaxed
        return None


def _blocks(n_rows: int, n_cols: int) -> list[slice]:
    step = max(1, BLOCK_CELLS // max(1, n_cols))
    return [slice(start, min(start + step, n_rows)) for start in range(0, n_rows, step)]


def _candidates(values: Values, rng: np.random.Generator) -> tuple[Int, Int]:
    """The starting arcs (step 1 of the module's description): the best-scoring eligible
    pairs, each person's best of a few random partners, and each person's best partners."""
    n_left, n_right = values.shape
    budget = TOP_PER_PERSON * (n_left + n_right)
    # Every pair scoring more than `level`, and a random share of those scoring `level`:
    # `level` is the highest score at which the pairs scoring that much or more exceed the
    # budget (0 if none does). Counted from the top down, one pass per score; over a matrix
    # of more than BLOCK_CELLS, on every LEVEL_STRIDE-th row, scaled up: a tenth of the time
    # of counting every row, and a level a little off changes only how many arcs the start
    # holds, never the answer.
    level = 0
    sample = values[::LEVEL_STRIDE] if values.size > BLOCK_CELLS else values
    for score in range(int(values.max()), 0, -1):
        if np.count_nonzero(sample >= score) * n_left > budget * len(sample):
            level = score
            break
    pieces_r, pieces_c = [], []
    if level > 0:
        at_least = np.flatnonzero(values >= level)  # one pass, in the order np.nonzero gives
        above = values.ravel()[at_least] > level
        pieces_r.append(at_least[above] // n_right)
        pieces_c.append(at_least[above] % n_right)
        room = budget - int(np.count_nonzero(above))
        if room > 0:
            edge = at_least[~above]
            pick = rng.choice(len(edge), size=min(room, len(edge)), replace=False)
            pieces_r.append(edge[pick] // n_right)
            pieces_c.append(edge[pick] % n_right)
    # Each person's best among DRAWS random partners (ties broken by the draw order).
    for draws_r, draws_c in ((np.repeat(np.arange(n_left), DRAWS),
                              rng.integers(0, n_right, n_left * DRAWS)),
                             (rng.integers(0, n_left, n_right * DRAWS),
                              np.repeat(np.arange(n_right), DRAWS))):
        drawn = values[draws_r, draws_c].reshape(-1, DRAWS)
        best = np.argsort(-drawn, axis=1, kind="stable")[:, :SAMPLE_PER_PERSON]
        picked = (best + np.arange(len(best))[:, None] * DRAWS).ravel()
        pieces_r.append(draws_r[picked])
        pieces_c.append(draws_c[picked])
    # Pricing against zero potentials: each person's best partners, ties broken at random,
    # each pass with fresh noise.
    zero_l, zero_r, none = np.zeros(n_left, np.int64), np.zeros(n_right, np.int64), \
        np.zeros(0, np.int64)
    for _ in range(START_PRICED):
        best_r, best_c = _price(values, zero_l, zero_r, none, none, rng)
        pieces_r.append(best_r)
        pieces_c.append(best_c)
    all_r = np.concatenate(pieces_r).astype(np.int64)
    all_c = np.concatenate(pieces_c).astype(np.int64)
    keep = values[all_r, all_c] >= 0
    key = _distinct(all_r[keep] * n_right + all_c[keep])
    return key // n_right, key % n_right


def _distinct(keys: Int) -> Int:
    """The distinct values of ``keys``, sorted: what ``np.unique`` returns, by a plain sort
    (numpy 2's hash-based ``unique`` took ten times longer on these arrays)."""
    ordered = np.sort(keys)
    if len(ordered) < 2:
        return ordered
    first = np.empty(len(ordered), bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def _price(values: Values, d_left: Int, d_right: Int, used_r: Int, used_c: Int,
           rng: np.random.Generator) -> tuple[Int, Int]:
    """Eligible arcs outside the flow with a negative reduced cost ``-score + d(i) - d(j)``:
    each row's and each column's most negative one. Empty when the flow is optimal."""
    n_left, n_right = values.shape
    # gain = (score - reduced cost) * 64 + noise: the noise (0..63) breaks ties at random
    # without changing which arcs improve (gain > 63 exactly when the reduced cost < 0).
    # |gain| <= (highest score + 2 * spread) * 64 + 63: the narrowest type that holds it,
    # since every pass below runs over the whole matrix (int16 against zero potentials).
    spread = max(np.abs(d_left).max(), np.abs(d_right).max(), int(values.max()))
    wide: Any = np.int16 if spread < 170 else np.int32 if spread < 2**22 else np.int64
    dl, dr = d_left.astype(wide) * 64, d_right.astype(wide) * 64
    noise = rng.integers(0, 64, size=(NOISE_ROWS, n_right)).astype(wide)
    col_gain: Int = np.zeros(n_right, wide)
    col_row = np.zeros(n_right, np.int64)
    new_r, new_c = [], []
    order = np.argsort(used_r, kind="stable")
    used_r, used_c = used_r[order], used_c[order]
    eligible = np.empty((max(1, BLOCK_CELLS // max(1, n_right)), n_right), dtype=bool)
    for rows in _blocks(n_left, n_right):
        block = values[rows]
        gain: Int = block.astype(wide)
        gain *= 64
        gain += dr[None, :]
        gain -= dl[rows, None]
        row = rows.start
        while row < rows.stop:  # the noise rows, cyclically, added in place
            first = row % NOISE_ROWS
            count = min(NOISE_ROWS - first, rows.stop - row)
            gain[row - rows.start:row - rows.start + count] += noise[first:first + count]
            row += count
        gain *= np.greater_equal(block, 0, out=eligible[:len(gain)])  # 0 where ineligible
        lo, hi = np.searchsorted(used_r, [rows.start, rows.stop])
        gain[used_r[lo:hi] - rows.start, used_c[lo:hi]] = 0  # arcs already carrying flow
        # Each column's best row so far: only columns whose best in this block beats both
        # their best before it and the threshold of an improving arc are looked at again
        # (argmax down a column is slow; a column's maximum is not).
        block_max = gain.max(axis=0)
        better = np.flatnonzero(block_max > np.maximum(col_gain, 63))
        if len(better):
            col_row[better] = gain[:, better].argmax(axis=0) + rows.start
            col_gain[better] = block_max[better]
        # Each row's PRICED_PER_ROW best improving arcs, best first. A row with no improving
        # arc has none in later passes either, so once most rows are done the passes run
        # over a copy of the rows still improving (the same arcs, found sooner).
        live, inside = gain, np.arange(gain.shape[0])
        for _ in range(PRICED_PER_ROW):
            best_c = live.argmax(axis=1)
            best_gain = live[np.arange(len(live)), best_c]
            improving = np.flatnonzero(best_gain > 63)
            if len(improving) == 0:
                break
            new_r.append(inside[improving] + rows.start)
            new_c.append(best_c[improving])
            if 2 * len(improving) < len(live):
                live, inside = live[improving], inside[improving]
                live[np.arange(len(live)), best_c[improving]] = 0
            else:
                live[improving, best_c[improving]] = 0
    improving_c = np.flatnonzero(col_gain > 63)
    new_r.append(col_row[improving_c])
    new_c.append(improving_c)
    return np.concatenate(new_r).astype(np.int64), np.concatenate(new_c).astype(np.int64)


def _column_generation(values: Values, cap_l: Int, cap_r: Int, perm_left: Int,
                       perm_right: Int, rng: np.random.Generator) -> list[tuple[int, int]]:
    n_left, n_right = values.shape
    node_left, node_right = np.argsort(perm_left), np.argsort(perm_right)
    rows, cols = _candidates(values, rng)
    # M: more than any flow's total score, so one more pair outweighs any score.
    big = int(min(cap_l.sum(), cap_r.sum())) * max(0, int(values.max())) + 1
    network = _Flow(cap_l, cap_r, node_left, node_right)
    for _ in range(MAX_ROUNDS):
        order = np.argsort(node_left[rows] * n_right + node_right[cols])  # shuffled arc order
        rows, cols = rows[order], cols[order]
        arc_scores = values[rows, cols].astype(np.int64)
        flows = network.solve(rows, cols, arc_scores)
        distance = network.potentials(rows, cols, arc_scores, flows, big)
        if distance is None:
            break
        chosen = flows > 0
        new_r, new_c = _price(values, distance[:n_left], distance[n_left:n_left + n_right],
                              rows[chosen], cols[chosen], rng)
        if len(new_r) == 0:
            return list(zip(rows[chosen].tolist(), cols[chosen].tolist(), strict=True))
        key = _distinct(np.concatenate((rows * n_right + cols, new_r * n_right + new_c)))
        rows, cols = key // n_right, key % n_right
    # Fall back to the whole graph: slower, never wrong.
    rows, cols = np.nonzero(values >= 0)
    flows = _Flow(cap_l, cap_r, node_left, node_right).solve(rows, cols,
                                                           values[rows, cols].astype(np.int64))
    chosen = flows > 0
    return list(zip(rows[chosen].tolist(), cols[chosen].tolist(), strict=True))
