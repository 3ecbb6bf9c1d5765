"""'pair --keep --skip-errors' holding a pair as it stands leaves it out of the share of
paired people with a preference met and of the total score, as the terminal says ("(the
pairs held as they stand left out)"); the Summary sheet gave the same figures without a
word. Its two rows now say it in the same words while a pair is held, and so does its
"Upper bound on the total score" row, worked out without the held pairs too."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_keep_held_listed import isla_host_days
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

SAID = "(the pairs held as they stand left out)"


def _summary(path: Path) -> list[str]:
    return [str(row[0]) for row in openpyxl.load_workbook(path)["Summary"]
            .iter_rows(min_row=2, values_only=True)]


def test_the_summary_sheet_says_the_held_pairs_are_left_out(run: Runner, paired: Path) -> None:
    assert not [title for title in _summary(paired) if SAID in title]  # none held
    isla_host_days(paired.parent / "volunteers.xlsx", "Tuesday lunchtime")  # P011 held
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx",
                        "--skip-errors").output.split())
    assert f"a preference met {SAID}" in said  # the terminal's words
    titles = _summary(paired)
    assert f"Paired people with a preference met {SAID}" in titles
    assert f"Total score {SAID}" in titles
    # the bound is worked out without the held pairs too, as the terminal's is
    assert f"Upper bound on the total score {SAID}" in titles
    isla_host_days(paired.parent / "volunteers.xlsx", "Tuesday")  # fixed: none held
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    titles = _summary(paired)
    assert "Paired people with a preference met" in titles and "Total score" in titles
    assert "Upper bound on the total score" in titles
