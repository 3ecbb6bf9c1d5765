"""A "tick several" question (caring responsibilities) attacked as a reader would: every
published figure, the sums the table keeps (the groups add up to All, the boxes to Total),
and, for an insider who knows who sent a form back, the number of people in each column,
none of whom ticks a box twice and each of whom ticks one at least. An exact solver finds
the least and the most each cell can hold; no count of 1 to 7 may be left one value."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from wessex_cli.equality import POOLED, QUESTIONS, SUPPRESS_BELOW, ProtectedTable, build_table

BOXES = [c for c in QUESTIONS["caring"][2] if c not in ("Another answer", "Prefer not to say")]


def published_bounds(table: ProtectedTable) -> tuple[np.ndarray, np.ndarray]:
    """The least and most each cell can hold from its own figure, row by row: a star is 1 to
    7 or a figure hidden to guard one (1 at least, or 0 where the note says no figure is
    shown: too few answered, or all alike), 0 is exact, a rounded figure is within 2 and 8 at
    least."""
    uniform = any("No figure is shown" in note for note in table.notes)
    values = [value for row in table.cells for value in row]
    low, high = np.zeros(len(values)), np.full(len(values), 10_000.0)
    for i, value in enumerate(values):
        if value == "*":
            low[i] = 0 if uniform else 1
        elif value == "0":
            high[i] = 0
        else:
            low[i], high[i] = max(int(value) - 2, SUPPRESS_BELOW), int(value) + 2
    return low, high


def cell_ranges(table: ProtectedTable, people: list[int] | None
                ) -> dict[tuple[int, int], tuple[int, int]]:
    """The least and most each cell of ``table`` can hold, given what it publishes (and the
    people in each column, when ``people`` is given)."""
    rows, cols = len(table.rows), len(table.columns)

    def at(r: int, c: int) -> int:
        return r * cols + c

    low, high = published_bounds(table)
    sums = []
    for r in range(rows if cols > 1 else 0):  # All = the groups
        sums.append([(at(r, 0), 1)] + [(at(r, c), -1) for c in range(1, cols)])
    for c in range(cols):  # Total = the boxes
        sums.append([(at(rows - 1, c), 1)] + [(at(r, c), -1) for r in range(rows - 1)])
    matrix = np.zeros((len(sums), rows * cols))
    for i, terms in enumerate(sums):
        for index, factor in terms:
            matrix[i, index] += factor
    for c, count in enumerate(people or []):
        for r in range(rows - 1):
            high[at(r, c)] = min(high[at(r, c)], count)  # nobody ticks a box twice
        low[at(rows - 1, c)] = max(low[at(rows - 1, c)], count)  # each ticks one at least
    found = {}
    for r in range(rows):
        for c in range(cols):
            ends = []
            for sign in (1, -1):
                cost = np.zeros(rows * cols)
                cost[at(r, c)] = sign
                result = milp(cost, constraints=LinearConstraint(matrix, 0, 0),
                              integrality=np.ones(rows * cols), bounds=Bounds(low, high))
                assert result.success, result.message
                ends.append(round(sign * result.fun))
            found[(r, c)] = (ends[0], ends[1])
    return found


GROUPS = st.sampled_from(["primary", "secondary", "Not stated"])
# most tick "None"; a few tick one box or several: the few are who must not be given away
forms = st.tuples(st.lists(GROUPS, min_size=0, max_size=30).map(
                      lambda groups: [(g, frozenset({"None"})) for g in groups]),
                  st.lists(st.tuples(GROUPS, st.frozensets(st.sampled_from(BOXES[1:]),
                                                           min_size=1, max_size=3)),
                           max_size=12)).map(lambda parts: parts[0] + parts[1])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms, st.booleans())
def test_no_count_of_a_tick_several_question_can_be_worked_out(
        answers: list[tuple[str, frozenset[str]]], grouped: bool) -> None:
    table = build_table("caring", [(g, sorted(boxes)) for g, boxes in answers], grouped)
    columns = table.columns
    if len(answers) < SUPPRESS_BELOW:  # no figure at all, not even a 0
        assert {value for row in table.cells for value in row} <= {"*"}
        return

    def column_of(group: str) -> str | None:
        if group in columns:
            return group
        return POOLED if POOLED in columns else None

    truth = [[0] * len(columns) for _ in table.rows]
    people = [0] * len(columns)
    for group, boxes in answers:
        for c in {0, *([columns.index(g)] if (g := column_of(group)) else [])}:
            people[c] += 1
            for box in boxes:
                truth[table.rows.index(box)][c] += 1
                truth[-1][c] += 1
    for knows in (None, people):  # a reader, then an insider
        for (r, c), (least, most) in cell_ranges(table, knows).items():
            assert least <= truth[r][c] <= most  # the attack is sound
            if least == most:  # worked out exactly: never a count of 1 to 7
                assert not 1 <= least < SUPPRESS_BELOW, (table.rows[r], columns[c],
                                                         table.cells)
                if knows and r < len(table.rows) - 1:  # nor those who did not tick it
                    assert not 1 <= knows[c] - least < SUPPRESS_BELOW



def test_every_small_column_of_ticks_keeps_its_small_counts_hidden() -> None:
    """Brute force over one column: 8 to 14 ticks of "None" beside 0 to 2 of each other
    box (whether one person ticked them or several: the table is the same). In one column
    the exact range of a cell is its own bounds, cut by the total less the others' bounds."""
    import itertools

    for nones in range(SUPPRESS_BELOW, 15):
        for others in itertools.product(range(3), repeat=len(BOXES) - 1):
            answers = [("x", ["None"])] * nones + [
                ("x", [box]) for box, count in zip(BOXES[1:], others, strict=True)
                for _ in range(count)]
            table = build_table("caring", answers, grouped=False)
            low, high = published_bounds(table)  # one column: index r is row r
            counts = [nones, *others]
            for r, count in enumerate(counts):
                row = table.rows.index(BOXES[r])
                rest = [i for i in range(len(table.rows) - 1) if i != row]
                least = max(low[row], low[-1] - sum(high[i] for i in rest))
                most = min(high[row], high[-1] - sum(low[i] for i in rest))
                assert least <= count <= most
                assert least < most or not 1 <= count < SUPPRESS_BELOW, (counts, table.cells)


def test_four_single_ticks_beside_eight_nones_are_not_each_given_away() -> None:
    """Eight people ticked None and four one box each. Published "None 10, Total 10" with
    four stars, the stars hold 4 at most between them (None 8 at least, Total 12 at most):
    each was 1, and the table said so."""
    answers = [("x", ["None"])] * 8 + [("x", [box]) for box in BOXES[2:]]
    table = build_table("caring", answers, grouped=False)
    ranges = cell_ranges(table, None)
    hidden = [r for r, row in enumerate(table.cells) if row[0] == "*"]
    assert len(hidden) >= 4
    assert all(ranges[(r, 0)][0] < ranges[(r, 0)][1] for r in hidden)
