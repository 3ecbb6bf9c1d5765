"""A preference or registered practice that names the specialty or organisation of a row
left out for an error is spelt right: check says which row to fix, not to check the spelling."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner, person, write_book


def _problems(run: Runner, tmp_path: Path) -> dict[str, str]:
    result = run("check", "volunteers.xlsx", "--json", code=1)
    return {p["cell"]: p["message"] for p in json.loads(result.stdout)["problems"]}


def test_a_specialty_only_on_a_row_with_an_error(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "volunteers.xlsx", [
        person("Chloe Dunn", "chloe@example.org", "GP", Organisation="Harbourside Surgery",
               **{"Preference 1": "Respiratory"}),
        # row 3: the one respiratory consultant, whose address is mistyped
        person("Tom Okafor", "tom.okafor@nhs", "Consultant", Organisation="Eastshire General",
               Specialty="Respiratory"),
        person("Hana Lee", "hana@example.org", "Consultant", Organisation="Westshire Royal",
               Specialty="Paediatrics"),
    ])
    problems = _problems(run, tmp_path)
    assert "Volunteers!B3" in problems  # the address itself is the error
    message = problems["Volunteers!J2"]  # Preference 1 of Chloe Dunn
    assert "row 3, which has an error of its own" in message
    assert "matches no volunteer" not in message
    assert "spelling" not in message


def test_a_registered_practice_only_on_a_row_with_an_error(run: Runner, tmp_path: Path
                                                           ) -> None:
    write_book(tmp_path / "volunteers.xlsx", [
        # row 2: the only person at Orchard Lane, whose address is mistyped
        person("Ben Carter", "ben.carter@nhs", "GP", Organisation="Orchard Lane Practice"),
        person("Sam Evans", "sam@example.org", "GP", Organisation="Riverside Surgery"),
        person("Priya Nair", "priya@example.org", "Consultant", Organisation="Eastshire General",
               **{"Registered practice": "Orchard Lane Practice"}),
    ])
    problems = _problems(run, tmp_path)
    message = problems["Volunteers!G4"]  # Registered practice of Priya Nair
    assert "row 2, which has an error of its own" in message
    assert "Spell it as in the Organisation column" not in message
