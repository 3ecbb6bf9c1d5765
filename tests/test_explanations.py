"""Every explanation is a fact: unpaired reasons and --why checked against brute force.

The oracle here is written from SPEC in the test (its own eligibility, its own score, every
feasible set of pairs enumerated); it does not call the package's rules, scores or solver.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wessex_cli import pairing
from wessex_cli.pairing import explain, pair_volunteers
from wessex_cli.roster import Preference, Roster, Volunteer
from wessex_cli.scheme import Scheme

from .test_pairing import make

SCHEME = Scheme()
PERSON_WEIGHTS, TOPIC_WEIGHTS, CLUSTER_WEIGHT = (6, 4, 2), (3, 2, 1), 1  # SPEC's defaults


def ok(a: Volunteer, b: Volunteer) -> bool:
    """SPEC rules 2-5 for generated volunteers (organisations are written 'org N')."""
    if a.organisation and a.organisation == b.organisation:
        return False
    if (a.registered_practice and a.registered_practice == b.organisation) or \
            (b.registered_practice and b.registered_practice == a.organisation):
        return False
    if b.key in a.avoid or a.key in b.avoid:
        return False
    return bool(a.host_slots & b.visit_slots) and bool(b.host_slots & a.visit_slots)


def pref(x: Volunteer, y: Volunteer) -> int:
    best = 0
    for p in x.preferences:
        if p.person == y.key:
            best = max(best, PERSON_WEIGHTS[p.rank - 1])
        elif p.person is None and p.topic and p.topic == y.organisation:
            best = max(best, TOPIC_WEIGHTS[p.rank - 1])
    return best


def value(a: Volunteer, b: Volunteer) -> int:
    same = bool(a.cluster) and a.cluster == b.cluster
    return pref(a, b) + pref(b, a) + (CLUSTER_WEIGHT if same else 0)


Matching = tuple[tuple[str, str], ...]


def all_matchings(roster: Roster) -> list[tuple[int, Matching]]:
    """Every feasible set of pairs with its score: capacities respected, no pair twice."""
    left = [v for v in roster.volunteers if v.side == "primary"]
    right = [v for v in roster.volunteers if v.side == "secondary"]
    edges = [(a, b) for a in left for b in right if ok(a, b)]
    cap = {v.key: v.capacity for v in roster.volunteers}
    found: list[tuple[int, Matching]] = []

    def walk(k: int, chosen: list[tuple[Volunteer, Volunteer]], score: int) -> None:
        if k == len(edges):
            found.append((score, tuple((a.key, b.key) for a, b in chosen)))
            return
        walk(k + 1, chosen, score)
        a, b = edges[k]
        if cap[a.key] and cap[b.key]:
            cap[a.key] -= 1
            cap[b.key] -= 1
            chosen.append((a, b))
            walk(k + 1, chosen, score + value(a, b))
            chosen.pop()
            cap[a.key] += 1
            cap[b.key] += 1

    walk(0, [], 0)
    return found


def fill(matching: Matching, key: str) -> int:
    return sum(key in pair for pair in matching)


REASON = re.compile(
    r"^(?:(?P<missing>\d+) of (?P<capacity>\d+) places unfilled: )?"
    r"(?:side imbalance: (?P<mine>\d+) places? on the (?P<side>[\w ]+?) side for "
    r"(?P<theirs>\d+) on the [\w ]+? side; )?"
    r"(?:(?P<none>no eligible partner on the [\w ]+ side \(.*\))"
    r"|(?P<own>(?:their only eligible partner is|all (?P<own_n>\d+) of their eligible "
    r"partners are) already paired with them)"
    r"|(?:(?:all (?P<full_n>\d+) eligible partners already have|their (?P<full_1>1) eligible "
    r"partner already has) as many partners as they can take; "
    r"(?:at best, pairing them with (?P<with>.+?) would "
    r"(?:leave (?P<left>.+?) unpaired|take a partner from (?P<taken>.+?)) "
    r"and lower the total score by (?P<drop>\d+)"
    r"|pairing them with (?P<with0>.+?) scores the same but "
    r"(?:leaves (?P<left0>.+?) unpaired|takes a partner from (?P<taken0>.+?))"
    r"; the seeded tie-break decided)))$")


@st.composite
def rosters(draw: st.DrawFn) -> Roster:
    """Small rosters, often unbalanced, with shared organisations, clusters and choices."""
    people = []
    for side, count in (("primary", draw(st.integers(1, 4))),
                        ("secondary", draw(st.integers(1, 3)))):
        for index in range(count):
            prefs = draw(st.lists(st.tuples(st.sampled_from(["person", "org"]),
                                            st.integers(0, 3)), max_size=3))
            people.append(make(
                index, side, draw(st.integers(0, 3)), draw(st.integers(0, 3)),
                draw(st.sampled_from([3, 12, 0x3FFF])), draw(st.sampled_from([3, 0x3FFF])),
                draw(st.sampled_from([1, 1, 2])), draw(st.integers(0, 2)), prefs,
                draw(st.lists(st.integers(0, 3), max_size=1))))
    return Roster(Path("test.xlsx"), "Volunteers", people, [], {}, [], len(people))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roster=rosters())
def test_every_unpaired_reason_is_a_fact(roster: Roster) -> None:
    result = pair_volunteers(roster, SCHEME)
    matchings = all_matchings(roster)
    most = max(len(m) for _, m in matchings)
    best = max(s for s, m in matchings if len(m) == most)
    current: Matching = tuple((p.a.key, p.b.key) for p in result.pairs)
    assert (len(current), result.score) == (most, best)
    by_name = {v.name: v for v in roster.volunteers}
    places = {side: sum(v.capacity for v in roster.volunteers if v.side == side)
              for side in ("primary", "secondary")}
    for unpaired in result.unpaired:
        person = unpaired.person
        match = REASON.match(unpaired.reason)
        assert match, unpaired.reason
        have = fill(current, person.key)
        assert unpaired.places == person.capacity - have > 0
        if match["missing"]:
            assert (int(match["missing"]), int(match["capacity"])) == \
                (person.capacity - have, person.capacity)
        else:
            assert have == 0
        other_side = "secondary" if person.side == "primary" else "primary"
        if match["side"]:
            assert match["side"] == SCHEME.side_label(person.side)  # "Primary care"
            assert (int(match["mine"]), int(match["theirs"])) == \
                (places[person.side], places[other_side])
            assert places[person.side] > places[other_side]
        else:
            assert places[person.side] <= places[other_side]
        others = [v for v in roster.volunteers if v.side == other_side and
                  (ok(person, v) if person.side == "primary" else ok(v, person))]
        partners = {k for pair in current if person.key in pair for k in pair} - {person.key}
        if match["none"]:
            assert others == []
            continue
        if match["own"]:
            assert others and {v.key for v in others} == partners
            assert int(match["own_n"] or 1) == len(others)
            continue
        free = [v for v in others if v.key not in partners]
        assert int(match["full_n"] or match["full_1"]) == len(free)
        assert all(fill(current, v.key) == v.capacity for v in free)
        # The re-solve: the best arrangement giving this person one more partner.
        drop = int(match["drop"] or 0)
        new = [by_name[n] for n in (match["with"] or match["with0"]).split(" and ")]
        losers = [by_name[n] for n in (match["left"] or match["taken"] or match["left0"] or
                                       match["taken0"]).split(" and ")]
        forced = [(s, m) for s, m in matchings if fill(m, person.key) == have + 1]
        assert forced
        assert max(len(m) for _, m in forced) == most  # the number of pairs cannot grow
        assert max(s for s, m in forced if len(m) == most) == best - drop
        witnesses = [m for s, m in forced if len(m) == most and s == best - drop and
                     all(frozenset((person.key, v.key)) in {frozenset(e) for e in m}
                         for v in new) and
                     all(fill(m, v.key) < fill(current, v.key) for v in losers)]
        assert witnesses, unpaired.reason
        if match["left"] or match["left0"]:
            assert any(all(fill(m, v.key) == 0 for v in losers) for m in witnesses)
        if match["drop"] is None:
            assert drop == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roster=rosters())
def test_without_a_re_solve_the_weaker_sentence_is_still_true(roster: Roster) -> None:
    """Past the re-solve budget: 'pairing them would cost another volunteer on the SIDE side
    a partner'."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pairing, "RESOLVE_ARCS", 0)
        result = pair_volunteers(roster, SCHEME)
    matchings = all_matchings(roster)
    current: Matching = tuple((p.a.key, p.b.key) for p in result.pairs)
    for unpaired in result.unpaired:
        person = unpaired.person
        weak = re.search(r"pairing them would cost another volunteer on the ([\w ]+?) side a "
                         r"partner", unpaired.reason)
        if not weak:
            assert "eligible partner" in unpaired.reason and "score" not in unpaired.reason
            continue
        assert weak[1] == SCHEME.side_label(person.side)
        same_side = [v for v in roster.volunteers if v.side == person.side and v is not person]
        for _, m in matchings:
            if fill(m, person.key) > fill(current, person.key):
                assert any(fill(m, v.key) < fill(current, v.key) for v in same_side)


def test_a_reason_never_counts_a_partner_twice() -> None:
    """Dr P0 (capacity 2) has two eligible partners and gets one: one place unfilled, and the
    other partner is the only one left to count."""
    people = [make(0, "primary", 1, 0, 0x3FFF, 0x3FFF, 2, 0, [], []),
              make(1, "primary", 2, 0, 0x3FFF, 0x3FFF, 1, 0, [], []),
              make(0, "secondary", 3, 0, 0x3FFF, 0x3FFF, 1, 0, [], []),
              make(1, "secondary", 3, 0, 0x3FFF, 0x3FFF, 1, 0, [], [])]
    roster = Roster(Path("t.xlsx"), "Volunteers", people, [], {}, [], len(people))
    result = pair_volunteers(roster, SCHEME)
    assert len(result.pairs) == 2
    reasons = {u.person.name: u.reason for u in result.unpaired}
    assert list(reasons) == ["primary 0"]
    assert reasons["primary 0"].startswith("1 of 2 places unfilled: side imbalance: 3 places on "
                                           "the Primary care side for 2 on the Secondary care "
                                           "side; their 1 eligible partner already has")


def test_why_counts_the_candidates_of_each_choice_separately() -> None:
    """Choice 1 names org 5 (one candidate there), choice 2 org 6 (two candidates there)."""
    chooser = make(0, "primary", 1, 0, 0x3FFF, 0x3FFF, 1, 0, [], [])
    chooser = replace(chooser, preferences=(Preference(1, "Org five", topic="org 5"),
                                            Preference(2, "Org six", topic="org 6")))
    people = [chooser, make(0, "secondary", 5, 0, 0x3FFF, 0x3FFF, 1, 0, [], []),
              make(1, "secondary", 6, 0, 0x3FFF, 0x3FFF, 1, 0, [], []),
              make(2, "secondary", 6, 0, 0x3FFF, 0x3FFF, 1, 0, [], [])]
    roster = Roster(Path("t.xlsx"), "Volunteers", people, [], {}, [], len(people))
    result = pair_volunteers(roster, SCHEME)
    explanation = explain(result, roster, "p0@example.org")
    # each named with where they went: a mutual choice left unmet is seen at once
    assert explanation.choices == [
        ("1. Org five", "1 eligible candidate matches: secondary 0 (their partner)"),
        ("2. Org six", "2 eligible candidates match: secondary 1 (unpaired), secondary 2 "
                       "(unpaired)")]


def test_a_cluster_of_dash_is_no_cluster_in_scores_and_reasons() -> None:
    """Two people whose Cluster cell reads '-' share no cluster: a locked pair and a solved
    pair both score 0 and no reason says 'same cluster'."""
    people = [replace(make(i, side, i + 1 if side == "primary" else 0, 0, 0x3FFF, 0x3FFF, 1,
                           0, [], []), cluster="-")
              for side in ("primary", "secondary") for i in range(2)]
    roster = Roster(Path("t.xlsx"), "Volunteers", people, [], {}, [], len(people))
    result = pair_volunteers(roster, SCHEME, locks=["p0@example.org=s0@example.org"])
    assert [p.how for p in result.pairs] == ["locked", "optimised"]
    for pair in result.pairs:
        assert pair.score == 0
        assert not any("cluster" in reason for reason in pair.reasons)


def test_a_partner_held_by_a_lock_is_said_so() -> None:
    """P0's only eligible partner, S0, is locked with P1: no re-solve can free S0."""
    people = [make(0, "primary", 1, 0, 0x3FFF, 0x3FFF, 1, 0, [], []),
              make(1, "primary", 2, 0, 0x3FFF, 0x3FFF, 1, 0, [], []),
              make(0, "secondary", 3, 0, 0x3FFF, 0x3FFF, 1, 0, [], [])]
    roster = Roster(Path("t.xlsx"), "Volunteers", people, [], {}, [], len(people))
    result = pair_volunteers(roster, SCHEME, locks=["p1@example.org=s0@example.org"])
    assert explain(result, roster, "p0@example.org").unpaired_reason == result.unpaired[0].reason
    assert [(u.person.name, u.reason) for u in result.unpaired] == [(
        "primary 0", "side imbalance: 2 places on the Primary care side for 1 on the Secondary "
        "care side; their 1 "
        "eligible partner already has as many partners as they can take, in a kept or locked "
        "pair")]


@pytest.mark.parametrize("seed", range(12))
def test_a_tie_break_reason_names_the_one_person_it_would_cost(seed: int) -> None:
    """Eight GPs for six consultants, everyone eligible with everyone and no choices: any
    six GPs make an equally good set of pairs. Pairing one of the two left over costs
    exactly one paired GP their partner, so the reason names one person, not two (the
    re-solve once also paired the other GP left over, and named two to make room)."""
    people = [make(index, side, 0, 0, 3, 3, 1, 0, [], [])
              for side, count in (("primary", 8), ("secondary", 6)) for index in range(count)]
    roster = Roster(Path("test.xlsx"), "Volunteers", people, [], {}, [], len(people))
    result = pair_volunteers(roster, replace(SCHEME, seed=seed))
    assert len(result.pairs) == 6
    assert len(result.unpaired) == 2
    for unpaired in result.unpaired:
        match = REASON.match(unpaired.reason)
        assert match and match["left0"], unpaired.reason
        left_over = {u.person.name for u in result.unpaired}
        assert " and " not in match["left0"], unpaired.reason
        assert match["left0"] not in left_over


def test_the_re_solve_keeps_its_scores_inside_the_solvers_arithmetic() -> None:
    """Scores are multiplied to prefer keeping today's pairs only while the re-solve's largest
    score (with its bonus, times the pairs) stays within 2**40: a scheme of 30 pairs at the
    default weights is; 600 pairs scoring up to 6,000,000 (weights may reach a million) is
    not, and is re-solved with its scores as they are."""
    assert pairing._keeping_scale(30, 30, 13) == 31
    assert pairing._keeping_scale(600, 600, 6_000_000) == 1
    assert pairing._keeping_scale(0, 5, 13) == 1  # nothing made yet, nothing to keep
