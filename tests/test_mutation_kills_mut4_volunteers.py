"""Hand-mutation kills (mut4) for sources.volunteers_argument: the volunteer workbook
recorded in another folder and since deleted (none of its name beside the pairs workbook
either) is still named where the Settings sheet records it, not as a file beside the pairs
workbook that was never there."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book


def test_a_recorded_workbook_since_deleted_is_named_where_it_was(run: Runner,
                                                                  tmp_path: Path) -> None:
    (tmp_path / "intake").mkdir()
    write_book(tmp_path / "intake" / "team.xlsx", [
        person("Dr Ben Carter", "ben.carter@example.org", "GP", Organisation="Orchard Lane"),
        person("Mark Quinn", "mark.quinn@example.org", "Consultant",
               Organisation="Westshire Royal"),
    ])
    run("pair", "intake/team.xlsx", "-o", "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "Carter", "--reason", "moved away")
    (tmp_path / "intake" / "team.xlsx").unlink()
    said = " ".join(run("visit", "pairs.xlsx", "Quinn", "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "Run 'wessex pair intake/team.xlsx --keep pairs.xlsx' to find them one." in said
