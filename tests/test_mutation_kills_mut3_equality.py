"""Tests written against mutants of the day's equality decisions that the existing tests
let live (tests/test_equality_alike.py covers the rest). Every form here is invented; the
expected tables are written by hand from the README: a question fewer than 8 people answered
shows no figure, and a hidden question keeps the form's own rows, its 'please specify' row
included."""

from __future__ import annotations

from wessex_cli.equality import build_table


def test_eight_answers_not_all_alike_are_shown() -> None:
    """Eight is not fewer than 8: the figures are shown (mutant: eight hidden too)."""
    table = build_table("marriage", [("GP", ["Yes"])] * 5 + [("GP", ["No"])] * 3)
    assert table.rows[-1] == "Total"
    assert table.cells[-1][0] != "*"
    assert not any("No figure is shown" in note for note in table.notes)


def test_a_hidden_question_with_a_write_in_box_keeps_its_row() -> None:
    """Gender, whose form has a box to write one's own term in: every respondent answering
    alike hides it, and its rows are the form's own, 'Another answer' among them (mutant:
    that row dropped, as for a question whose form has no such box)."""
    table = build_table("gender", [("GP", ["Woman"])] * 12)
    assert table.rows == ["Man", "Woman", "Intersex", "Non-binary", "Another answer",
                          "Prefer not to say", "Total"]
    assert table.cells == [["*"]] * 7
