"""An output named as the file the command reads: refused, even with --force, so that the
volunteers' workbook (or the pairs workbook) is never replaced by what was made from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Runner, few_pairs, small_roster, write_book


@pytest.mark.parametrize("output", ["v.xlsx", "./v.xlsx", "link.xlsx"])
def test_pair_never_writes_over_the_volunteer_workbook(run: Runner, tmp_path: Path,
                                                       output: str) -> None:
    volunteers = write_book(tmp_path / "v.xlsx", small_roster())
    (tmp_path / "link.xlsx").symlink_to("v.xlsx")
    before = volunteers.read_bytes()
    result = run("pair", "v.xlsx", "-o", output, "--force", code=1)
    said = " ".join(result.output.split())
    assert "the pairs workbook would be written over v.xlsx, the volunteer workbook it is " \
        "made from, so nothing was written" in said
    assert "such as pairs.xlsx" in said
    assert volunteers.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_mailmerge_never_writes_over_the_pairs_workbook_it_reads(run: Runner,
                                                                 tmp_path: Path) -> None:
    pairs = few_pairs(tmp_path / "pairs.xlsx")
    before = pairs.read_bytes()
    result = run("mailmerge", "pairs.xlsx", "-o", "pairs.xlsx", "--force",
                 "--allow-placeholders", code=1)
    said = " ".join(result.output.split())
    assert "the merge file would be written over pairs.xlsx, the workbook it is made from, " \
        "so nothing was written. Name the merge file something else with -o, such as " \
        "merge.xlsx." in said
    assert pairs.read_bytes() == before
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize("command", [
    ("report", "pairs.xlsx", "-o", "pairs.xlsx"),
    ("equality", "pairs.xlsx", "-o", "pairs.xlsx"),
    ("feedback", "pairs.xlsx", "-o", "pairs.xlsx"),
    ("plan", "--ics", "pairs.xlsx"),
    ("remind", "pairs.xlsx", "-o", "pairs.xlsx"),
    ("render", "certificate", "--pairs", "pairs.xlsx", "-o", "pairs.xlsx"),
    ("findings", "pairs.xlsx", "-o", "pairs.xlsx"),
])
def test_no_command_writes_over_the_workbook_it_reads(run: Runner, tmp_path: Path,
                                                      command: tuple[str, ...]) -> None:
    """README: no command writes its output over the workbook it reads, even with --force.
    Each other command that takes an output refuses it (by what it writes, or as a folder)
    or writes nothing there; the workbook is as it was, and no copy of it was needed."""
    pairs = few_pairs(tmp_path / "pairs.xlsx")
    before = pairs.read_bytes()
    run(*command, "--force", code=None)
    assert pairs.read_bytes() == before
    assert not (tmp_path / "backups").exists()
