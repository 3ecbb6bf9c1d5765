"""Two people in one Avoid entry, parted by a spaced dash or brackets ("Ann Bell - Bob
Hale", "Ann Bell (Bob Hale)"): a name is read without what follows a dash or sits in
brackets (a role, a workplace, pronouns), so such an entry would have kept Ann Bell away and
let Bob Hale through. When each part is a volunteer, it is an error, told how to write it;
a role after a dash, or an address in angle brackets, still finds the one person."""

from __future__ import annotations

from pathlib import Path

import pytest

from wessex_cli.roster import read_roster

from .conftest import person, write_book


def people(avoid: str) -> list[dict[str, object]]:
    return [
        person("Cy Ward", "cy@example.org", "GP", Avoid=avoid),
        person("Ann Bell", "ann@example.org", "Consultant"),
        person("Bob Hale", "bob@example.org", "Consultant"),
    ]


@pytest.mark.parametrize("avoid", ["Ann Bell - Bob Hale", "Ann Bell (Bob Hale)",
                                   "Ann Bell \u2013 Bob Hale"])
def test_two_people_parted_by_a_dash_or_brackets_are_an_error(tmp_path: Path,
                                                              avoid: str) -> None:
    roster = read_roster(write_book(tmp_path / "v.xlsx", people(avoid)))
    problem = next(p for p in roster.problems if p.cell == "Volunteers!M2")
    assert problem.severity == "error"
    assert problem.text == (f"'{avoid}' is 2 people in one entry. Separate them with ';': "
                            "'Ann Bell; Bob Hale'.")


@pytest.mark.parametrize("avoid", ["Bob Hale - GP Partner", "Bob Hale (MILLBROOK)",
                                   "Hale, Bob <bob@example.org>"])
def test_one_person_with_notes_is_avoided(tmp_path: Path, avoid: str) -> None:
    roster = read_roster(write_book(tmp_path / "v.xlsx", people(avoid)))
    assert not [p for p in roster.problems if p.severity == "error"]
    cy = next(v for v in roster.volunteers if v.key == "cy@example.org")
    assert cy.avoid == ("bob@example.org",)
