"""A Preference cell holds one choice. Two colleagues typed in one ("Cal Dean, Ann Bell",
"Cal Dean and Ann Bell") were read, since names typed "Surname, Forename" are read, as the
first of them with nothing said: the second choice was lost without a word. 'check' now
says so at the cell, and the first named is the choice that counts."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import HEADERS, Runner, person, write_book

PEOPLE = [
    person("Dr Ann Bell", "ann@example.org", "GP", Organisation="Practice 1"),
    person("Dr Cal Dean", "cal@example.org", "GP", Organisation="Practice 2"),
    person("Dr Alys Penrose", "alys@example.org", "GP", Organisation="Practice 3"),
    person("Mr Bob Hale", "bob@example.org", "Consultant", Organisation="General Hospital"),
]


def _check(run: Runner, folder: Path, preference: str) -> str:
    eve = person("Ms Eve Ford", "eve@example.org", "Consultant",
                 Organisation="General Hospital", **{"Preference 1": preference})
    write_book(folder / "v.xlsx", [*PEOPLE, eve])
    problems = json.loads(run("check", "v.xlsx", "--json").output)["problems"]
    return " | ".join(f"{problem['cell']} {problem['message']}" for problem in problems)


def test_two_colleagues_in_one_preference_cell_are_said(run: Runner, tmp_path: Path) -> None:
    for typed in ("Cal Dean, Ann Bell", "Cal Dean and Ann Bell", "Cal Dean / Ann Bell"):
        said = _check(run, tmp_path, typed)
        assert f"Volunteers!J6 preference '{typed}' names 2 people, where a Preference cell " \
            "holds one choice, so only Dr Cal Dean counts. Put one choice in each of " \
            "'Preference 1', 'Preference 2' and 'Preference 3'." in said


def test_one_colleague_however_typed_is_no_two(run: Runner, tmp_path: Path) -> None:
    for typed in ("Penrose, Alys", "Dr Alys Penrose, GP", "Cal Dean"):
        said = _check(run, tmp_path, typed)
        assert "Volunteers!J6" not in said


def test_the_fix_names_the_columns_as_the_sheet_heads_them(run: Runner, tmp_path: Path) -> None:
    """A workbook headed '1st choice', '2nd choice', '3rd choice' (as the Eastshire example is)
    was told to use 'Preference 1, 2 and 3', columns it does not have: the fix names its own."""
    heads = ["1st choice" if h == "Preference 1" else "2nd choice" if h == "Preference 2"
             else "3rd choice" if h == "Preference 3" else h for h in HEADERS]
    eve = person("Ms Eve Ford", "eve@example.org", "Consultant",
                 Organisation="General Hospital", **{"1st choice": "Cal Dean, Ann Bell"})
    write_book(tmp_path / "v.xlsx", [*PEOPLE, eve], heads)
    problems = json.loads(run("check", "v.xlsx", "--json").output)["problems"]
    said = " | ".join(f"{problem['cell']} {problem['message']}" for problem in problems)
    assert "Volunteers!J6 preference 'Cal Dean, Ann Bell' names 2 people" in said
    assert "Put one choice in each of '1st choice', '2nd choice' and '3rd choice'." in said
    assert "Preference 1" not in said
