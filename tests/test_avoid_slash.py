"""Two people joined by a slash or a plus in one Avoid entry ("Bob Stone / Carol Ng",
"Bob Stone+Carol Ng"): 'check' said only that the entry named nobody, where two names joined
by "and" are told to be separated with ';'. Joined either way, it is an error still (an Avoid
is never guessed), with the same plain fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from wessex_cli.roster import read_roster

from .conftest import person, write_book


@pytest.mark.parametrize("joined", ["Bob Stone / Carol Ng", "Bob Stone/Carol Ng",
                                    "Bob Stone + Carol Ng"])
def test_two_people_joined_by_a_slash_or_a_plus_are_told_to_be_separated(
        tmp_path: Path, joined: str) -> None:
    roster = read_roster(write_book(tmp_path / "v.xlsx", [
        person("Ann Hughes", "ann@example.org", "GP", Avoid=joined),
        person("Bob Stone", "bob@example.org", "Consultant"),
        person("Carol Ng", "carol@example.org", "Consultant")]))
    both = next(p for p in roster.problems if p.cell == "Volunteers!M2")
    assert both.severity == "error"
    assert both.text == (f"'{joined}' is 2 people in one entry, so it names nobody in the "
                         "list. Separate them with ';': 'Bob Stone; Carol Ng'.")
