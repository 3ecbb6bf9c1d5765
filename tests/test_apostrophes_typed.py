"""An apostrophe typed as a backtick, a left quotation mark or the modifier letter
("O`Donnell", "O‘Donnell", "OʼDonnell") is an apostrophe: the delegate pack quoted
"O`[name]" and "Mrs O`[name]" where it removes "O'Donnell" whole, and a preference naming
"Ciara OʼDonnell" named nobody. Every person here is invented; the expected values are
written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from wessex_cli.feedback import Anonymiser

from .conftest import Runner, person, write_book

NAMES = ["Ciara O'Donnell", "Sean O`Hara"]


@pytest.mark.parametrize(("written", "expected"), [
    ("O`Donnell was kind", "[name] was kind"),
    ("Ciara O‘Donnell showed me round", "[name] showed me round"),
    ("OʼDonnell was kind", "[name] was kind"),
    ("O'Hara and O’Hara helped", "[name] and [name] helped"),  # typed with a backtick
    # a name after a title, known or not, goes whole whatever its apostrophe
    ("Mrs O`Neill and Mr O‘Brien said so", "[name] and [name] said so"),
    # the quotation marks around a word stay as written
    ("we called it ‘teamwork’", "we called it ‘teamwork’"),
])
def test_any_apostrophe_in_a_name_is_removed_with_it(written: str, expected: str) -> None:
    assert Anonymiser(NAMES)(written) == expected


@pytest.mark.parametrize("typed", ["Ciara O`Donnell", "Ciara O‘Donnell", "Ciara OʼDonnell"])
def test_a_preference_with_any_apostrophe_names_her(run: Runner, tmp_path: Path,
                                                     typed: str) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ciara O'Donnell", "ciara@example.org", "GP", Organisation="Quayside Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": typed}),
    ])
    assert "matches no volunteer" not in run("check", "v.xlsx").stdout
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "Dr Ciara O'Donnell was Priya Lund's 1st choice" in paired
