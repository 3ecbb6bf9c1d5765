"""A degree followed by the university that gave it in brackets, as Oxford and Cambridge
graduates write it ("Dr Ann Bell, BM BCh (Oxon)", "DPhil (Oxon)", "MB BChir (Cantab)"), was
not read as letters after the name: "(Oxon)" stopped the reading, so her name was "Ann Bell
BM BCh Oxon" and a preference or an Avoid cell naming "Ann Bell" named nobody, as it did
for any degree before the letters were read (tests/test_letters_after_matching.py). The two
are now read as the London, Glasgow and Edinburgh ones already were."""

from __future__ import annotations

from pathlib import Path

import pytest

from wessex_cli.text import person_key

from .conftest import Runner, person, write_book


@pytest.mark.parametrize("typed", ["Dr Ann Bell, BM BCh (Oxon)", "Dr Ann Bell DPhil(Oxon)",
                                   "Dr Ann Bell MB BChir (Cantab) MRCP"])
def test_letters_with_the_university_after_them_are_not_her_name(typed: str) -> None:
    assert person_key(typed) == "ann bell"


def test_a_preference_for_her_without_her_letters_finds_her(run: Runner,
                                                            tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ann Bell BM BCh (Oxon)", "ann.bell@nhs.net", "GP",
               Organisation="Quayside Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Ann Bell"}),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors" in checked
    assert "Ann Bell'" not in checked  # no "'Ann Bell' matches no one"
    assert "Priya Lund's 1st choice" in " ".join(run("pair", "v.xlsx").stdout.split())
