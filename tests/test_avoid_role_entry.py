"""A role typed after a name in an Avoid cell ("van der Berg, Anna, GP", "Dr Cal Dean, GP")
is read as a second entry naming nobody: an error still, so that an Avoid is never weakened
by a guess, but its fix now says what the entry is and what to do, where it told the
administrator to type a volunteer's name or delete someone not taking part."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner, person, write_book


def test_a_profession_after_a_name_in_an_avoid_cell_is_said_as_one(run: Runner,
                                                                   tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Anna van der Berg", "anna@example.org", "GP", Organisation="Practice 1"),
        person("Dr Cal Dean", "cal@example.org", "GP", Organisation="Practice 2"),
        person("Mr Eve Ford", "eve@example.org", "Consultant", Organisation="County Hospital",
               Avoid="van der Berg, Anna, GP"),
        person("Ms Kim Lo", "kim@example.org", "Consultant", Organisation="County Hospital",
               Avoid="GP"),
    ])
    problems = json.loads(run("check", "v.xlsx", "--json", code=None).output)["problems"]
    said = {problem["cell"]: problem["message"] for problem in problems if problem["cell"]}
    assert said["Volunteers!M4"] == "'GP' names nobody in the list. It is a profession, not " \
        "a person: if it is the role of the name before it, delete it with its comma."
    # alone in its cell it follows no name: the usual fix
    assert "It is a profession" not in said["Volunteers!M5"]
    # an error: nothing is paired until it is put right
    assert run("pair", "v.xlsx", code=1)
    assert not (tmp_path / "pairs.xlsx").exists()
