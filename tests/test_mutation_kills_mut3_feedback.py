"""Tests written against mutants of the day's removal of the organisers' names from quotes
that tests/test_feedback_organisers.py let live: the privacy note says those names are
removed, in the pack made without a volunteer or pairs workbook too.
The people are those of that file, all invented."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner
from .test_feedback_organisers import _files

SAID = "So are the names scheme.toml gives for the administrator, the leads and the guest " \
    "speaker."


def test_the_pack_without_a_names_source_says_the_organisers_names_are_removed(
        run: Runner, tmp_path: Path) -> None:
    _files(run, tmp_path)
    run("feedback", "responses.csv", "--no-names-source", "-o", "pack.md")
    markdown = " ".join((tmp_path / "pack.md").read_text("utf-8").split())
    assert "No volunteer or pairs workbook was given" in markdown
    assert SAID in markdown

