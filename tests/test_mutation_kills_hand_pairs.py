"""Mutation kills for pairs typed into the Pairs sheet by hand and carried over by
'pair --keep'."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner
from .test_keep_added_by_hand import nora_joins, type_a_pair_in
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_a_pair_typed_in_by_hand_is_named_as_new_when_carried_over_again(
        run: Runner, paired: Path) -> None:
    """P031, typed in by hand, is written 'added by hand' by the next 'pair --keep'; the
    run after that makes it 'kept', so 'render --new' will pass it by: that run says so,
    as it does of a pair the last re-pairing made."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    nora_joins(paired.parent / "volunteers.xlsx")
    type_a_pair_in(paired, 31, "P031", "kept")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "P031 (Dr Maryam Kowalczyk and Dr Nora Quill) was new at the last pairing" in said
