"""Hand-mutation kills (mut5) for sources.volunteers_argument: when the Settings sheet
records several volunteer workbooks and the first is no longer in the folder, the advice
names the one that is there, not the one that has gone."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, person, write_book


def test_the_recorded_workbook_still_there_is_named(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "team.xlsx", [
        person("Dr Ben Carter", "ben.carter@example.org", "GP", Organisation="Orchard Lane"),
        person("Mark Quinn", "mark.quinn@example.org", "Consultant",
               Organisation="Westshire Royal"),
    ])
    run("pair", "team.xlsx", "-o", "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "Carter", "--reason", "moved away")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    settings = book["Settings"]
    (row,) = [c.row for c in settings["A"] if c.value == "Input file"]
    settings.insert_rows(row)  # an older volunteer workbook recorded first, since deleted
    settings.cell(row, 1).value = "Input file"
    settings.cell(row, 2).value = "old-team.xlsx"
    book.save(tmp_path / "pairs.xlsx")
    said = " ".join(run("visit", "pairs.xlsx", "Quinn", "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "Run 'wessex pair team.xlsx --keep pairs.xlsx' to find them one." in said
    assert "old-team.xlsx" not in said


def test_a_workbook_moved_beside_the_pairs_workbook_is_named_there(run: Runner,
                                                                   tmp_path: Path) -> None:
    """Recorded in another folder, since gone from it, and a workbook of its name beside the
    pairs workbook: that one is named, as the one the next pairing run should read."""
    (tmp_path / "intake").mkdir()
    write_book(tmp_path / "intake" / "team.xlsx", [
        person("Dr Ben Carter", "ben.carter@example.org", "GP", Organisation="Orchard Lane"),
        person("Mark Quinn", "mark.quinn@example.org", "Consultant",
               Organisation="Westshire Royal"),
    ])
    run("pair", "intake/team.xlsx", "-o", "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "Carter", "--reason", "moved away")
    (tmp_path / "intake" / "team.xlsx").rename(tmp_path / "team.xlsx")
    said = " ".join(run("visit", "pairs.xlsx", "Quinn", "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "Run 'wessex pair team.xlsx --keep pairs.xlsx' to find them one." in said
    assert "intake/team.xlsx" not in said
