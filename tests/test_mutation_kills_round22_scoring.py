"""Tests added to kill mutants that survived the 22nd hand mutation run (scoring, tracking,
equality, text, roster). Every expected value is worked out from SPEC.md by hand."""

from __future__ import annotations

from dataclasses import replace

from wessex_cli.eligibility import EligibilityModel
from wessex_cli.scheme import Weights
from wessex_cli.scoring import pair_score, score_matrix

from .test_pairing import make

ANY = 0x3FFF


def test_a_host_with_no_organisation_earns_no_new_organisation_bonus() -> None:
    """Year two (SPEC: `--history`; scheme.toml `[weights]` new_organisation): the weight
    rewards visiting an organisation not visited before. A host whose organisation is blank
    is no organisation at all, so visiting them earns nothing, from either side's choosers.

    P0 (primary, blank organisation, visited 'org 1') visiting S0 (org 1, visited before:
    0), S1 (org 2: new, +5), S2 (blank organisation: 0), S3 (org 4: new, +5). S3
    (secondary, visited 'org 9') visiting P0 (blank: 0), P1 (org 3: new, +5), P2 (blank:
    0). No choices, no clusters, so the bonuses are the whole score."""
    weights = Weights(new_organisation=5)
    left = [make(0, "primary", 0, 0, ANY, ANY, 1, 0, [], []),
            make(1, "primary", 3, 0, ANY, ANY, 1, 0, [], []),
            make(2, "primary", 0, 0, ANY, ANY, 1, 0, [], [])]
    left[0] = replace(left[0], visited=("org 1",))
    right = [make(0, "secondary", 1, 0, ANY, ANY, 1, 0, [], []),
             make(1, "secondary", 2, 0, ANY, ANY, 1, 0, [], []),
             make(2, "secondary", 0, 0, ANY, ANY, 1, 0, [], []),
             make(3, "secondary", 4, 0, ANY, ANY, 1, 0, [], [])]
    right[3] = replace(right[3], visited=("org 9",))
    # rows P0, P1, P2; columns S0, S1, S2, S3. P1 and P2 have no history: they give no bonus.
    expected = [[0, 5, 0, 5],
                [0, 0, 0, 5],
                [0, 0, 0, 0]]
    assert score_matrix(EligibilityModel(left, right), weights).tolist() == expected
    assert [[pair_score(a, b, weights)[0] for b in right] for a in left] == expected
