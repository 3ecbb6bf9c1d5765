"""Tests added to kill mutants of ``tracking`` that survived the 22nd hand mutation run.
SPEC ("track"): the tool reads back the tracking columns the administrator edits; a value
that cannot be read is a warning with its cell, never silently taken as done; a visit
dated after today is still to come."""

from __future__ import annotations

from .test_mutation_kills_tracking import NOW, col, read


def test_an_excel_false_in_a_done_cell_is_not_done() -> None:
    """An unticked checkbox or a typed FALSE reaches wessex as the boolean False: not done, and
    nothing to warn about. TRUE is done."""
    found = read({"A hosts B: date": "4/5/2027", "A hosts B: done": False,
                  "B hosts A: date": "18/5/2027", "B hosts A: done": True})
    assert (found.visits[0].done, found.visits[1].done) == (False, True)
    assert found.warnings == []
    assert read({"Reflection from A": False, "Reflection from B": True}).reflections == \
        (False, True)


def test_a_visit_done_today_is_done_not_planned() -> None:
    """Only a date after today is "still to come": a visit marked done and dated today
    (NOW, 1 June 2027) happened, and counts as done with no warning."""
    found = read({"A hosts B: date": "1/6/2027", "A hosts B: done": "yes",
                  "B hosts A: date": "2/6/2027", "B hosts A: done": "yes"})
    assert found.visits[0].done is True
    assert found.visits[1].done is False  # tomorrow: planned
    assert found.warnings == [
        f"Pairs!{col('B hosts A: done')}7: marked done, but the visit is dated 2 June 2027, "
        "which is still to come; it is counted as planned until then."]


def test_an_unreadable_reflection_cell_is_not_taken_as_received() -> None:
    """'maybe' is neither yes nor no: the reflection is counted as not received (the other,
    'yes', is received), with a warning naming the cell."""
    # a visit done, so that the reflection received is not questioned as one before any visit
    found = read({"Reflection from A": "maybe", "Reflection from B": "yes",
                  "A hosts B: date": "4/5/2027", "A hosts B: done": "yes"}, now=NOW)
    assert found.reflections == (False, True)
    assert found.warnings == [
        f"Pairs!{col('Reflection from A')}7: 'maybe' is not yes or no; the reflection is "
        "counted as not received."]
