"""SPEC's pairing rules and score weights, one literal test each, written from SPEC alone.

Every roster here has two people (three where a preference must name someone else) and
goes through ``wessex pair --json`` as a CSV typed in the test. Each rule test has a twin
that differs only in the field the rule reads: the rule refuses one and allows the other,
so the rule alone decides. A refused pair is tried twice: as a ``--lock`` (SPEC: "a lock
that breaks a rule is an error that names the rule") and as a plain run, where the
unpaired reason names the rule. Each weight test writes the expected total score as a
number worked out by hand from SPEC's defaults.
"""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest

from .conftest import Runner

COLUMNS = ["Name", "Email", "Profession", "Side", "Organisation", "Specialty", "Cluster",
           "Registered practice", "Host days", "Visit days", "Preference 1", "Preference 2",
           "Preference 3", "Avoid", "Status"]

RULE_REASON = {
    1: "rule 1 (same side or not active)",
    2: "rule 2 (same organisation)",
    3: "rule 3 (registered patient at the other's organisation)",
    4: "rule 4 (named under avoid)",
    5: "rule 5 (no common half-day to host and visit both ways)",
}
UNPAIRED_REASON = {
    2: "1 by same organisation",
    3: "1 by registered patient at the other's organisation",
    4: "1 by named under avoid",
    5: "1 by no common half-day to host and visit both ways",
}


def gp(**fields: str) -> dict[str, str]:
    return {"Name": "Dr Amelia Ashworth", "Email": "amelia.ashworth@nhs.net", "Profession": "GP",
            "Organisation": "Harbourside Surgery", **fields}


def consultant(**fields: str) -> dict[str, str]:
    return {"Name": "Oliver Pemberton", "Email": "oliver.pemberton@nhs.net",
            "Profession": "Consultant", "Organisation": "Wessex General Hospital",
            "Specialty": "Cardiology", **fields}


def pair_json(run: Runner, people: list[dict[str, str]], *args: str,
              code: int = 0) -> Any:
    path = run.folder / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(people)
    result = run("pair", path.name, "--json", "--dry-run", *args, code=code)
    return json.loads(result.stdout) if code == 0 else result.output


def assert_refused(run: Runner, rule: int, people: list[dict[str, str]]) -> None:
    """The pair breaks ``rule``: no pair is made, and the rule is named."""
    a, b = people[0]["Email"], people[1]["Email"]
    output = pair_json(run, people, "--lock", f"{a}={b}", code=1)
    assert RULE_REASON[rule] in " ".join(output.split())
    found = pair_json(run, people)
    assert found["pairs"] == []
    if rule in UNPAIRED_REASON:
        reasons = {u["email"]: u["reason"] for u in found["unpaired"]}
        assert UNPAIRED_REASON[rule] in reasons[a]
        assert UNPAIRED_REASON[rule] in reasons[b]
        warnings = check_warnings(run)
        assert len(warnings) == 2
        assert all("no eligible partner" in w and f"({UNPAIRED_REASON[rule]})" in w
                   for w in warnings), warnings


def check_warnings(run: Runner) -> list[str]:
    """What `wessex check` says about people without an eligible partner."""
    found = json.loads(run("check", "volunteers.csv", "--json").stdout)
    return [p["message"] for p in found["problems"] if "eligible partner" in p["message"]]


def assert_allowed(run: Runner, people: list[dict[str, str]]) -> None:
    """The twin breaks no rule: the two are paired, with and without a lock."""
    a, b = people[0]["Email"], people[1]["Email"]
    found = pair_json(run, people)
    assert [(p["a"]["email"], p["b"]["email"]) for p in found["pairs"]] == [(a, b)]
    locked = pair_json(run, people, "--lock", f"{a}={b}")
    assert locked["summary"]["pairs"] == 1
    assert check_warnings(run) == []


# Rule 1: "a and b are on different sides, both active"

def test_rule1_different_sides_two_gps_are_refused(run: Runner) -> None:
    """Rule 1: a and b are on different sides — two GPs (both primary) never pair."""
    other_gp = gp(Name="Dr Isla Okonkwo", Email="isla.okonkwo@nhs.net",
                  Organisation="Elmfield Surgery")
    assert_refused(run, 1, [gp(), other_gp])


def test_rule1_twin_gp_and_consultant_pair(run: Runner) -> None:
    """Rule 1 twin: a GP (primary) and a consultant (secondary) may pair."""
    assert_allowed(run, [gp(), consultant()])


def test_rule1_side_column_overrides_profession(run: Runner) -> None:
    """Rule 1: the side column decides the side — a consultant typed as primary is on the
    GP's side, so the two are refused."""
    assert_refused(run, 1, [gp(), consultant(Side="primary")])


@pytest.mark.parametrize("status", ["withdrawn", "dropped out", "inactive", "Withdrawn"])
def test_rule1_both_active_withdrawn_is_refused(run: Runner, status: str) -> None:
    """Rule 1: both active — `withdrawn` (or `dropped out`, `inactive`) leaves a person out."""
    people = [gp(), consultant(Status=status)]
    output = pair_json(run, people, "--lock", "amelia.ashworth@nhs.net=oliver.pemberton@nhs.net",
                       code=1)
    assert RULE_REASON[1] in " ".join(output.split())
    found = pair_json(run, people)
    assert found["pairs"] == []
    assert found["summary"]["active"] == 1
    assert [u["email"] for u in found["unpaired"]] == ["amelia.ashworth@nhs.net"]


def test_rule1_twin_active_status_pairs(run: Runner) -> None:
    """Rule 1 twin: a status that is not withdrawal keeps the person active."""
    assert_allowed(run, [gp(Status="active"), consultant(Status="")])


# Rule 2: "they do not work at the same organisation", compared after case-folding,
# trimming, collapsing spaces and punctuation, and dropping titles.

@pytest.mark.parametrize("typed", [
    "Harbourside Surgery",          # exactly the same
    "HARBOURSIDE surgery",          # case-folding
    "   Harbourside Surgery  ",     # trimming
    "Harbourside     Surgery",      # collapsing spaces
    "Harbourside - Surgery.",       # collapsing punctuation
    "Harbourside, Surgery",         # punctuation as a separator
])
def test_rule2_same_organisation_is_refused(run: Runner, typed: str) -> None:
    """Rule 2: they do not work at the same organisation (compared after case-folding,
    trimming, collapsing spaces and punctuation)."""
    assert_refused(run, 2, [gp(), consultant(Organisation=typed)])


def test_rule2_twin_different_organisation_pairs(run: Runner) -> None:
    """Rule 2 twin: different organisations may pair."""
    assert_allowed(run, [gp(), consultant(Organisation="Harbourside Hospital")])


def test_rule2_twin_blank_organisations_are_not_the_same(run: Runner) -> None:
    """Rule 2 twin: two blank organisations are not "the same organisation"."""
    assert_allowed(run, [gp(Organisation=""), consultant(Organisation="")])


# Rule 3: "neither is a registered patient at the other's organisation
# (registered_practice of one equals organisation of the other)"

def test_rule3_consultant_registered_at_gps_practice_is_refused(run: Runner) -> None:
    """Rule 3: neither is a registered patient at the other's organisation (b at a's)."""
    assert_refused(run, 3, [gp(), consultant(**{"Registered practice": "harbourside  surgery"})])


def test_rule3_gp_registered_at_consultants_organisation_is_refused(run: Runner) -> None:
    """Rule 3, the other direction: a registered at b's organisation."""
    assert_refused(run, 3, [gp(**{"Registered practice": "Wessex General Hospital"}),
                            consultant()])


def test_rule3_twin_registered_elsewhere_pairs(run: Runner) -> None:
    """Rule 3 twin: registered at a third practice, so neither is the other's patient."""
    assert_allowed(run, [gp(**{"Registered practice": "Elmfield Surgery"}),
                         consultant(**{"Registered practice": "Elmfield Surgery"})])


# Rule 4: "neither names the other under avoid"

@pytest.mark.parametrize("typed", ["Oliver Pemberton", "oliver.pemberton@nhs.net",
                                   "Mr Oliver Pemberton", "OLIVER  PEMBERTON"])
def test_rule4_a_avoids_b_is_refused(run: Runner, typed: str) -> None:
    """Rule 4: neither names the other under avoid (a names b; by name, e-mail, with a
    title or in other case — names compare after folding and dropping titles)."""
    assert_refused(run, 4, [gp(Avoid=typed), consultant()])


@pytest.mark.parametrize("typed", ["Amelia Ashworth", "Dr Amelia Ashworth",
                                   "AMELIA.ASHWORTH@NHS.NET"])
def test_rule4_b_avoids_a_is_refused(run: Runner, typed: str) -> None:
    """Rule 4, the other direction: b names a under avoid."""
    assert_refused(run, 4, [gp(), consultant(Avoid=typed)])


def test_rule4_twin_avoid_naming_a_third_person_pairs(run: Runner) -> None:
    """Rule 4 twin: an avoid naming someone else does not refuse this pair."""
    third = gp(Name="Dr Isla Okonkwo", Email="isla.okonkwo@nhs.net",
               Organisation="Elmfield Surgery", **{"Host days": "Sat", "Visit days": "Sat"})
    found = pair_json(run, [gp(), consultant(Avoid="Isla Okonkwo"), third])
    assert [(p["a"]["email"], p["b"]["email"]) for p in found["pairs"]] == \
        [("amelia.ashworth@nhs.net", "oliver.pemberton@nhs.net")]


# Rule 5: "some half-day slot in which a can host and b can visit, and some in which b can
# host and a can visit (blank = any)"

@pytest.mark.parametrize(("a_host", "a_visit", "b_host", "b_visit"), [
    ("Mon am", "", "", "Mon pm"),          # a hosts Monday morning, b visits only afternoons
    ("", "Tue", "Wed", ""),                # b hosts Wednesday, a visits only Tuesday
    ("Mon", "Mon", "Tue", "Tue"),          # neither direction fits
    ("Fri am", "Fri pm", "Fri am", "Fri pm"),  # b visits pm, a hosts am: no fit a→b
])
def test_rule5_availability_must_fit_both_ways(run: Runner, a_host: str, a_visit: str,
                                               b_host: str, b_visit: str) -> None:
    """Rule 5: their availability fits both ways — a host slot of a that b can visit and a
    host slot of b that a can visit; one way alone is not enough."""
    people = [gp(**{"Host days": a_host, "Visit days": a_visit}),
              consultant(**{"Host days": b_host, "Visit days": b_visit})]
    assert_refused(run, 5, people)


@pytest.mark.parametrize(("a_host", "a_visit", "b_host", "b_visit"), [
    ("", "", "", ""),                      # blank = any
    ("Mon am", "Tue", "Tue pm", "Monday"),  # a day without am/pm means both halves
    ("Tue-Thu", "Fri am", "Fri", "Wed pm"),  # ranges
    ("Monday/Thursday", "any", "Mon, Wed", "Thu PM"),
])
def test_rule5_twin_availability_fits_both_ways(run: Runner, a_host: str, a_visit: str,
                                                b_host: str, b_visit: str) -> None:
    """Rule 5 twin: a common half day each way (blank = any; a day alone = both halves)."""
    assert_allowed(run, [gp(**{"Host days": a_host, "Visit days": a_visit}),
                         consultant(**{"Host days": b_host, "Visit days": b_visit})])


# Weights: pref(a→b) + pref(b→a) + cluster(a,b); person 6/4/2; specialty or organisation
# 3/2/1; the best match counts; cluster 1 when both have the same non-blank cluster.

def score_of(run: Runner, a: dict[str, str], b: dict[str, str]) -> int:
    found = pair_json(run, [a, b])
    assert found["summary"]["pairs"] == 1
    return int(found["summary"]["score"])


@pytest.mark.parametrize(("rank", "expected"), [(1, 6), (2, 4), (3, 2)])
def test_weight_person_choice_6_4_2(run: Runner, rank: int, expected: int) -> None:
    """pref(x→y): x's k-th preference names y in person: 6, 4, 2 for k = 1, 2, 3."""
    a = gp(**{f"Preference {rank}": "Oliver Pemberton"})
    assert score_of(run, a, consultant()) == expected


@pytest.mark.parametrize(("rank", "expected"), [(1, 6), (2, 4), (3, 2)])
def test_weight_person_choice_by_email_from_the_other_side(run: Runner, rank: int,
                                                           expected: int) -> None:
    """pref(x→y) names y in person (by e-mail, chosen by the consultant): 6, 4, 2."""
    b = consultant(**{f"Preference {rank}": "amelia.ashworth@nhs.net"})
    assert score_of(run, gp(), b) == expected


@pytest.mark.parametrize(("rank", "expected"), [(1, 3), (2, 2), (3, 1)])
def test_weight_specialty_choice_3_2_1(run: Runner, rank: int, expected: int) -> None:
    """pref(x→y): x's k-th preference names y's specialty: 3, 2, 1 for k = 1, 2, 3."""
    a = gp(**{f"Preference {rank}": "Cardiology"})
    assert score_of(run, a, consultant()) == expected


@pytest.mark.parametrize(("rank", "expected"), [(1, 3), (2, 2), (3, 1)])
def test_weight_organisation_choice_3_2_1(run: Runner, rank: int, expected: int) -> None:
    """pref(x→y): x's k-th preference names y's organisation: 3, 2, 1 for k = 1, 2, 3."""
    b = consultant(**{f"Preference {rank}": "Harbourside Surgery"})
    assert score_of(run, gp(), b) == expected


def test_weight_no_preference_scores_zero(run: Runner) -> None:
    """A pair with no preference either way and no shared cluster scores 0."""
    assert score_of(run, gp(**{"Preference 1": "no preference"}), consultant()) == 0


def test_weight_best_match_counts_not_the_sum(run: Runner) -> None:
    """pref(x→y): the best match counts — 1st choice Cardiology (3) and 2nd choice Oliver in
    person (4) give 4, not 7."""
    a = gp(**{"Preference 1": "Cardiology", "Preference 2": "Oliver Pemberton",
              "Preference 3": "Wessex General Hospital"})
    assert score_of(run, a, consultant()) == 4


def test_weight_best_match_counts_person_first(run: Runner) -> None:
    """The best match counts — 1st choice in person (6) beats the specialty also chosen."""
    a = gp(**{"Preference 1": "oliver.pemberton@nhs.net", "Preference 2": "Cardiology"})
    assert score_of(run, a, consultant()) == 6


def test_weight_both_directions_add(run: Runner) -> None:
    """A pair's score is pref(a→b) + pref(b→a): 6 (a's 1st) + 4 (b's 2nd) = 10."""
    a = gp(**{"Preference 1": "Oliver Pemberton"})
    b = consultant(**{"Preference 2": "Dr Amelia Ashworth"})
    assert score_of(run, a, b) == 10


def test_weight_both_directions_topic_and_person(run: Runner) -> None:
    """pref(a→b) by specialty (3rd: 1) + pref(b→a) by organisation (1st: 3) = 4."""
    a = gp(**{"Preference 3": "cardiology"})
    b = consultant(**{"Preference 1": "harbourside surgery"})
    assert score_of(run, a, b) == 4


def test_weight_cluster_adds_one(run: Runner) -> None:
    """cluster(a,b): 1 when both have the same non-blank cluster."""
    assert score_of(run, gp(Cluster="North PCN"), consultant(Cluster="North PCN")) == 1


@pytest.mark.parametrize(("left", "right"), [("", ""), ("North PCN", "South PCN"),
                                             ("North PCN", "")])
def test_weight_cluster_blank_or_different_adds_nothing(run: Runner, left: str,
                                                        right: str) -> None:
    """cluster(a,b) is 1 only for the same non-blank cluster: blank or different give 0."""
    assert score_of(run, gp(Cluster=left), consultant(Cluster=right)) == 0


def test_weight_everything_together(run: Runner) -> None:
    """6 (a's 1st choice in person) + 2 (b's 2nd choice: a's organisation) + 1 (cluster) = 9."""
    a = gp(Cluster="Coastal", **{"Preference 1": "Oliver Pemberton"})
    b = consultant(Cluster="Coastal", **{"Preference 2": "Harbourside Surgery"})
    assert score_of(run, a, b) == 9


def test_more_pairs_beat_a_higher_score(run: Runner) -> None:
    """Strict priority: the greatest number of pairs first, then the score. Amelia's 1st
    choice (6 + 6) would leave Isla without her only eligible partner, so two pairs win."""
    isla = gp(Name="Dr Isla Okonkwo", Email="isla.okonkwo@nhs.net",
              Organisation="Elmfield Surgery", Avoid="Arjun Rasmussen")
    arjun = consultant(Name="Arjun Rasmussen", Email="arjun.rasmussen@nhs.net",
                       Specialty="Respiratory")
    a = gp(**{"Preference 1": "Oliver Pemberton"})
    b = consultant(**{"Preference 1": "Amelia Ashworth"})
    found = pair_json(run, [a, isla, b, arjun])
    assert found["summary"]["pairs"] == 2
    assert found["summary"]["score"] == 0
    assert {(p["a"]["email"], p["b"]["email"]) for p in found["pairs"]} == {
        ("amelia.ashworth@nhs.net", "arjun.rasmussen@nhs.net"),
        ("isla.okonkwo@nhs.net", "oliver.pemberton@nhs.net")}


def test_each_unpaired_reason_counts_only_their_own_exclusions(run: Runner) -> None:
    """Everyone left unpaired gets a reason: no eligible partner, with the rules that excluded
    each candidate counted — for each person their own candidates, not their neighbours'."""
    isla = gp(Name="Dr Isla Okonkwo", Email="isla.okonkwo@nhs.net",
              Organisation="Elmfield Surgery", Avoid="Oliver Pemberton")
    freya = gp(Name="Dr Freya Quennell", Email="freya.quennell@nhs.net",
               Organisation="Kingsway Practice", **{"Host days": "Sat"})
    people = [gp(Organisation="Wessex General Hospital"), isla, freya,
              consultant(**{"Visit days": "Mon"})]
    found = pair_json(run, people)
    assert found["pairs"] == []
    # The primary side also learns that it outnumbers the secondary: that prefix is true too.
    imbalance = ("side imbalance: 3 places on the Primary care side for 1 on the Secondary "
                 "care side; ")
    reasons = {u["email"]: u["reason"].removeprefix(imbalance) for u in found["unpaired"]}
    assert reasons == {
        "amelia.ashworth@nhs.net": "no eligible partner on the Secondary care side "
                                   "(1 by same organisation)",
        "isla.okonkwo@nhs.net": "no eligible partner on the Secondary care side "
                                "(1 by named under avoid)",
        "freya.quennell@nhs.net": "no eligible partner on the Secondary care side "
                                  "(1 by no common half-day to host and visit both ways)",
        "oliver.pemberton@nhs.net": "no eligible partner on the Primary care side "
                                    "(1 by same organisation, 1 by named under avoid, 1 by no "
                                    "common half-day to host and visit both ways)",
    }


def test_with_nobody_on_the_other_side_the_reason_says_so(run: Runner) -> None:
    """Everyone left unpaired gets a reason: with no one active on the other side, that is
    the reason — never an empty list of excluding rules."""
    found = pair_json(run, [gp()])
    [reason] = [u["reason"] for u in found["unpaired"]]
    assert reason.endswith("nobody active on the Secondary care side to pair with"), reason
    assert "()" not in reason
