"""Hand-mutation kill (mut5) for equality's pooling: small groups that together have
exactly SUPPRESS_BELOW (8) answers are enough for a column of their own, "Other groups",
as a group of 8 is enough for its own (fewer than 8 is what is never shown)."""

from __future__ import annotations

from wessex_cli.equality import POOLED, build_table


def _answers(group: str, count: int) -> list[tuple[str, list[str]]]:
    return [(group, ["Man" if i % 2 else "Woman"]) for i in range(count)]


def test_small_groups_of_eight_together_are_pooled() -> None:
    table = build_table("gender", [*_answers("GP", 10), *_answers("Nurse", 5),
                                   *_answers("Pharmacist", 3)])
    assert table.columns == ["All", "GP", POOLED]
