"""Who has nobody to pair with, judged pair by pair (``rules.partnerless``) so that
``wessex check`` needs no numpy, and the same answer as counting every pair at once.

SPEC: check warns about anyone with no eligible partner, naming the rules that exclude the
candidates. The hand-made roster below is three primary and three secondary people; the
expected warnings are worked out from the rules by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings

from wessex_cli import check, rules
from wessex_cli.check import without_partners
from wessex_cli.roster import Roster, Volunteer
from wessex_cli.rules import Partnerless, Rule, partnerless
from wessex_cli.scheme import Scheme

from .conftest import EXAMPLES
from .test_pairing import make, rosters

MON_AM, TUE_AM, ANY = 1, 2, 0x3FFF


def hand_made() -> tuple[list[Volunteer], list[Volunteer]]:
    """P0 (organisation 1) hosts and visits only on Monday morning, and names S1 under
    avoid. No secondary volunteer visits on Monday morning, so availability excludes all
    three for P0; S0 is also a registered patient at P0's organisation.

    S0 (organisation 2) visits only on Tuesday morning: P0 cannot host then, P1 works at
    organisation 2 too, and P2 was S0's partner in an earlier scheme. Nobody is left.

    P1 and P2 are free every half-day and may pair with S1 (visits Tuesday morning) or S2
    (hosts on Tuesday morning only), who may pair with them."""
    left = [make(0, "primary", 1, 0, MON_AM, MON_AM, 1, 0, [], [1]),
            make(1, "primary", 2, 0, ANY, ANY, 1, 0, [], []),
            make(2, "primary", 3, 0, ANY, ANY, 1, 0, [], [])]
    right = [make(0, "secondary", 2, 1, ANY, TUE_AM, 1, 0, [], []),
             make(1, "secondary", 4, 0, ANY, TUE_AM, 1, 0, [], []),
             make(2, "secondary", 5, 0, TUE_AM, ANY, 1, 0, [], [])]
    left[2] = replace(left[2], previous=("s0@example.org",))
    return left, right


def test_the_two_nobody_may_pair_with_are_found_with_every_rule_counted() -> None:
    left, right = hand_made()
    assert partnerless(left, right) == [
        Partnerless(left[0], {Rule.ORGANISATION: 0, Rule.REGISTERED: 1, Rule.AVOID: 1,
                              Rule.AVAILABILITY: 3, Rule.PARTNERED_BEFORE: 0}),
        Partnerless(right[0], {Rule.ORGANISATION: 1, Rule.REGISTERED: 1, Rule.AVOID: 0,
                               Rule.AVAILABILITY: 1, Rule.PARTNERED_BEFORE: 1})]


def test_someone_on_the_second_side_is_found_too() -> None:
    """S2 may visit only on Tuesday morning, when none of the primary side hosts."""
    left = [make(i, "primary", i + 1, 0, MON_AM, ANY, 1, 0, [], []) for i in range(2)]
    right = [make(0, "secondary", 5, 0, ANY, MON_AM, 1, 0, [], []),
             make(1, "secondary", 6, 0, ANY, TUE_AM, 1, 0, [], [])]
    assert partnerless(left, right) == [Partnerless(right[1], {
        Rule.ORGANISATION: 0, Rule.REGISTERED: 0, Rule.AVOID: 0, Rule.AVAILABILITY: 2,
        Rule.PARTNERED_BEFORE: 0})]


def force_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pair may be judged one at a time: ``partnerless`` gives up at once."""
    monkeypatch.setattr(rules, "_MOST_JUDGED", 0)
    monkeypatch.setattr(rules, "_JUDGED_PER_PERSON", 0)


def test_past_its_budget_it_gives_way_to_the_counts_with_the_same_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    left, right = hand_made()
    quick = without_partners(left, right)
    force_numpy(monkeypatch)
    assert partnerless(left, right) is None
    assert without_partners(left, right) == quick


def test_a_large_roster_of_hard_cases_is_left_to_numpy() -> None:
    """Nobody may pair (nobody visits when the other side hosts): proving it one pair at a
    time would judge every pair, far past the budget."""
    left = [make(i, "primary", 0, 0, MON_AM, MON_AM, 1, 0, [], []) for i in range(300)]
    right = [make(j, "secondary", 0, 0, TUE_AM, TUE_AM, 1, 0, [], []) for j in range(300)]
    assert partnerless(left, right) is None
    found = without_partners(left, right)
    assert [p.person for p in found] == left + right
    assert {p.excluded[Rule.AVAILABILITY] for p in found} == {300}


@settings(max_examples=300, deadline=None)
@given(rosters(max_side=6))
def test_pair_by_pair_agrees_with_counting_every_pair(roster: Roster) -> None:
    left = [v for v in roster.volunteers if v.side == "primary"]
    right = [v for v in roster.volunteers if v.side == "secondary"]
    quick = without_partners(left, right)
    with pytest.MonkeyPatch.context() as patch:
        force_numpy(patch)
        assert without_partners(left, right) == quick


def test_check_warns_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    left, right = hand_made()
    roster = Roster(Path("test.xlsx"), "Volunteers", left + right, [], {}, [], 6)
    warned = [p.message for p in check.check_roster(roster, Scheme(), settings=[]).problems]
    assert "primary 0 has no eligible partner on the other side (1 by registered patient at " \
        "the other's organisation, 1 by named under avoid, 3 by no common half-day to host " \
        "and visit both ways)." in warned
    assert "secondary 0 has no eligible partner on the other side (1 by same organisation, 1 " \
        "by registered patient at the other's organisation, 1 by no common half-day to host " \
        "and visit both ways, 1 by partners in an earlier scheme)." in warned
    force_numpy(monkeypatch)
    assert [p.message for p in check.check_roster(roster, Scheme(), settings=[]).problems] == warned


def test_checking_a_roster_where_everyone_has_someone_loads_no_numpy(tmp_path: Path) -> None:
    probe = ("import json, sys\n"
             "sys.argv = ['wessex', 'check', sys.argv[1], '--scheme', sys.argv[2]]\n"
             "from wessex_cli.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe, str(EXAMPLES / "volunteers.xlsx"),
                           str(EXAMPLES / "scheme.toml")], capture_output=True, text=True,
                          cwd=tmp_path, check=True, env={"COLUMNS": "100", "NO_COLOR": "1"})
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "wessex_cli.rules" in modules  # the check ran as far as the partners
    assert not {"numpy", "wessex_cli.eligibility"} & modules
