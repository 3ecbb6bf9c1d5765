"""Mutation kills for what 'pair --keep' says of the pairs new at the last pairing."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner
from .test_record import paired

__all__ = ["paired"]  # the fixture, used by name


def test_the_first_keep_after_a_new_scheme_says_nothing_of_new_pairs(
        run: Runner, paired: Path) -> None:
    """The first re-pairing after a pairing that kept nothing: every pair of that pairing
    was new, and its introductions go to every pair, so no pair is singled out as 'new at
    the last pairing' (kills dropping the ``repaired`` clause of ``_new_last_time``)."""
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "kept" in said
    assert "new at the last pairing" not in said
