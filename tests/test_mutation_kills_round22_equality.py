"""Tests added to kill mutants of ``equality`` that survived the 22nd hand mutation run.
SPEC: `wessex equality` aggregates the monitoring forms with small-number suppression, so
no one can be picked out; equality data is only ever shown aggregated. The module's rules:
a count of 1 to 7 is shown as '*', others rounded to the nearest 5, a row or column with
one suppressed cell gets a second; an answer naming two choices counts under neither."""

from __future__ import annotations

from wessex_cli.equality import OTHER, build_table, classify


def test_a_single_person_is_suppressed_never_shown_as_a_rounded_zero() -> None:
    """13 forms, no group column: 12 'Man', 1 'Woman'. The 1 is suppressed ('*'), never
    rounded to '0' (which would say nobody); the column then holds one hidden cell, so the
    smallest other non-zero count (Man, 12) is hidden too. The total, 13, rounds to 15."""
    answers = [("", ["Man"])] * 12 + [("", ["Woman"])]
    table = build_table("gender", answers, grouped=False)
    assert table.columns == ["All"]
    assert table.rows == ["Man", "Woman", "Intersex", "Non-binary", OTHER,
                          "Prefer not to say", "Total"]
    assert table.cells == [["*"], ["*"], ["0"], ["0"], ["0"], ["0"], ["15"]]


def test_over_an_age_is_the_band_above_it() -> None:
    """'over 64' is 65 or older: wholly inside '65 or over'. 'over 24' is 25 or older,
    which crosses many bands, so it is another answer."""
    assert classify("age", "over 64") == (["65 or over"], True)
    assert classify("age", "older than 64") == (["65 or over"], True)
    assert classify("age", "over 24") == ([OTHER], False)


def test_an_answer_naming_two_religions_counts_under_neither() -> None:
    """'Christian and Muslim' names two of the form's choices: neither is the answer."""
    assert classify("religion", "Christian and Muslim") == ([OTHER], False)
    assert classify("working_pattern", "Full-time and part-time") == ([OTHER], False)


def test_an_answer_naming_two_ethnic_groups_counts_under_neither() -> None:
    """'Black and Asian' names two broad groups (and is not 'Mixed' as written): neither."""
    assert classify("ethnicity", "Black and Asian") == ([OTHER], False)
    assert classify("ethnicity", "Asian and Arab") == ([OTHER], False)
