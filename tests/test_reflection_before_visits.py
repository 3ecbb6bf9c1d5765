"""A reflection ticked as received by a pair with no visit done is questioned, not refused:
the administrator is told which cell, what looks wrong and what to do."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, few_pairs


def test_status_warns_of_a_reflection_ticked_before_any_visit(run: Runner,
                                                              tmp_path: Path) -> None:
    few_pairs(tmp_path / "pairs.xlsx", 2)  # P002: Arjun Rasmussen (A) and Noor Kerrigan (B)
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--reflection")
    said = " ".join(run("status", "pairs.xlsx").output.split())  # exit 0: a warning only
    # Reflection from A is column Y; P002 is on row 3
    assert ("Warning: Pairs!Y3: Dr Arjun Rasmussen's reflection is ticked as received, but "
            "pair P002 has no visit recorded as done (a reflection comes after a visit). If a "
            "visit has happened, record it with 'wessex visit'; if the tick is in the wrong "
            "row, move it to the right person's row. Until then it counts as received.") in said
    # once a visit is recorded, the tick is no longer questioned
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--hosted", "2027-05-04")
    assert "reflection is ticked" not in run("status", "pairs.xlsx").output


def test_visit_says_so_when_it_records_a_reflection_before_any_visit(
        run: Runner, tmp_path: Path) -> None:
    """visit --reflection for a pair with no half day done recorded it without a word; only
    the next status questioned it."""
    few_pairs(tmp_path / "pairs.xlsx", 2)
    said = " ".join(run("visit", "pairs.xlsx", "Arjun Rasmussen", "--reflection").output.split())
    assert ("Note: Pair P002 has no half day recorded as done yet, and a reflection comes "
            "after a visit. If the two have met, record the half day too: 'wessex visit "
            "pairs.xlsx NAME --hosted DATE', NAME being whoever hosted. If the reflection is "
            "someone else's, clear Pairs!Y3 and record it for them.") in said
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--hosted", "2027-05-04")
    after = run("visit", "pairs.xlsx", "Noor Kerrigan", "--reflection").output
    assert "Recorded:" in after and "Note:" not in after
