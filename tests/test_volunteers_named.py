"""Advice naming the next pairing run ('wessex pair VOLUNTEERS --keep pairs.xlsx') gave the
placeholder VOLUNTEERS, though the pairs workbook's Settings sheet records the volunteer
workbook it was paired from: in a visit refused for someone whose partner withdrew, and in
the warnings of a mistyped Side cell and of a withdrawn pair's row deleted. It now names
that workbook as it is typed from the folder the command runs in, in double quotes when
its name has a space; VOLUNTEERS only when nothing is recorded."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner, person, write_book


def _paired(run: Runner, folder: Path) -> Path:
    """Dr Ben Carter and Mark Quinn paired from 'Team 2027.xlsx': the pairs workbook."""
    write_book(folder / "Team 2027.xlsx", [
        person("Dr Ben Carter", "ben.carter@example.org", "GP", Organisation="Orchard Lane"),
        person("Mark Quinn", "mark.quinn@example.org", "Consultant",
               Organisation="Westshire Royal"),
    ])
    run("pair", "Team 2027.xlsx", "-o", "pairs.xlsx")
    return folder / "pairs.xlsx"


@pytest.fixture
def withdrawn(run: Runner, tmp_path: Path) -> Path:
    """The one pair of ``_paired``, Dr Ben Carter withdrawn."""
    paired = _paired(run, tmp_path)
    run("withdraw", "pairs.xlsx", "Carter", "--reason", "moved away")
    return paired


def _said(run: Runner, *args: str, code: int = 0) -> str:
    return " ".join(run(*args, code=code).output.split())


def test_a_refused_visit_names_the_workbook_paired_from(run: Runner, withdrawn: Path) -> None:
    said = _said(run, "visit", "pairs.xlsx", "Quinn", "--hosted", "10/5/2027", code=1)
    assert "Run 'wessex pair \"Team 2027.xlsx\" --keep pairs.xlsx' to find them one." in said
    assert "('wessex withdraw ... --in \"Team 2027.xlsx\"' does)" in said
    assert "VOLUNTEERS" not in said


def test_from_another_folder_the_workbook_is_named_from_there(withdrawn: Path) -> None:
    (withdrawn.parent / "sub").mkdir()
    said = _said(Runner(withdrawn.parent / "sub"), "visit", "../pairs.xlsx", "Quinn",
                 "--hosted", "10/5/2027", code=1)
    assert "Run 'wessex pair \"../Team 2027.xlsx\" --keep pairs.xlsx' to find them one." \
        in said


def test_with_nothing_recorded_the_placeholder_stays(run: Runner, withdrawn: Path) -> None:
    book = openpyxl.load_workbook(withdrawn)
    settings = book["Settings"]
    row = next(r[0].row for r in settings.iter_rows()
               if r[0].value == "Input file")
    settings.delete_rows(row)
    book.save(withdrawn)
    said = _said(run, "visit", "pairs.xlsx", "Quinn", "--hosted", "10/5/2027", code=1)
    assert "Run 'wessex pair VOLUNTEERS --keep pairs.xlsx' to find them one." in said


def test_a_mistyped_side_warning_names_the_workbook(run: Runner, tmp_path: Path) -> None:
    paired = _paired(run, tmp_path)
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A side") + 1).value = "Primry care"
    book.save(paired)
    said = _said(run, "status", "pairs.xlsx")
    assert "names neither side" in said
    assert "run 'wessex pair \"Team 2027.xlsx\" --keep pairs.xlsx'" in said
