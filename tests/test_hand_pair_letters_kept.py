"""A pair the administrator typed into the Pairs sheet by hand is marked 'added by hand' by
the next 'pair --keep', and its introduction says "We have paired you with:". At the
'pair --keep' after that its How paired cell says 'kept' (so 'render --new' does not write
to it twice), and its letters, rendered again, said "Taking into account everyone's
preferences and availability, we have paired you with:": untrue, as nobody's preferences
chose the two. The Settings sheet now records the pairs typed in by hand, run after run, and
their letters say so however many times the pairing is kept.

Expected words are the template's own for a pair the administrator paired
(templates/partner-introduction.md.j2)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_keep_added_by_hand import _how_paired, _typed_in, nora_joins
from .test_record_fixes import DRAFT, paired

__all__ = ["paired"]  # the fixture, used by name

CHOSEN_BY_HAND = "Thank you for taking part in **Eastshire Learning from Liaison Exchange " \
    "2027**. We have paired you with: - **Dr Nora Quill**"


def _letter(run: Runner, folder: Path, name: str, new: bool = False) -> str:
    """Maryam Kowalczyk's introduction rendered as Markdown into ``folder`` (``new``: with
    --new), its words on one line; "" when none was written to her."""
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "md", "-o",
        name, *(["--new"] if new else []), DRAFT)
    path = folder / name / "partner-introduction" / "maryam-kowalczyk.md"
    return " ".join(path.read_text(encoding="utf-8").split()) if path.exists() else ""


def test_a_pair_typed_in_by_hand_is_never_said_to_be_chosen_by_preferences(
        run: Runner, paired: Path) -> None:
    folder = paired.parent
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    nora_joins(folder / "volunteers.xlsx")
    _typed_in(paired, "P031")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _how_paired(paired)["P031"] == "added by hand"
    first = _letter(run, folder, "first", new=True)
    assert CHOSEN_BY_HAND in first and "preferences" not in first
    for run_number in (2, 3):  # a second and third 'pair --keep'
        run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
        assert _how_paired(paired)["P031"] == "kept"  # so that --new writes to it no more
        letter = _letter(run, folder, f"again-{run_number}")
        assert CHOSEN_BY_HAND in letter, letter[:300]
        assert "preferences" not in letter
        assert _letter(run, folder, f"new-{run_number}", new=True) == ""
    # the record names the pair on the Settings sheet
    settings = openpyxl.load_workbook(paired)["Settings"]
    rows = {row[0]: row[1] for row in settings.iter_rows(values_only=True)}
    assert rows["Pairs typed in by hand (their letters say you paired them)"] == "P031"
    # a pair the pairing made still says what it did: P030 was chosen by the pairing
    other = folder / "again-3" / "partner-introduction" / "wilf-umeh.md"
    assert "Taking into account everyone's preferences and availability, we have paired " \
        "you with:" in " ".join(other.read_text(encoding="utf-8").split())
