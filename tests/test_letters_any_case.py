"""Letters after a name typed in capitals or small letters ("DR ANN BELL MBCHB", "Ian Cole
Phd", "jo birch rgn"): only the list's own spelling was known, so "MBCHB" was taken for the
surname. The patient notice asked patients to see "Dr MBCHB", and a preference for "Ann
Bell" matched nobody. Now such letters are letters in any case, printed as the list spells
them; the few that are also surnames (Obe, Mbe, Bem, Mba) count only in capitals."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_letters_in_any_case_are_letters(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("DR ANN BELL MBCHB", "ann.bell@nhs.net", "GP", Organisation="Hill Surgery"),
        person("jo birch rgn", "jo.birch@nhs.net", "Practice nurse",
               Organisation="Dale Surgery"),
        person("Dr Ian Cole Phd", "ian.cole@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Ann Bell"}),
        person("Dr Kai Moss", "kai.moss@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Ian Cole; Ann Bell"),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    to_ian = next(text for stem, text in letters.items() if stem.startswith("ian-cole"))
    assert "- Dr Ann Bell MBChB, GP, Hill Surgery" in to_ian
    assert "in touch with Ann directly" in to_ian
    to_kai = letters["kai-moss"]
    assert "- Jo Birch RGN, Practice nurse, Dale Surgery" in to_kai
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notice = next(" ".join(path.read_text().split()) for path in
                  (tmp_path / "documents" / "patient-notice").iterdir()
                  if path.stem.startswith("ann-bell"))
    assert "If you would rather see Dr Bell alone, just tell the receptionist or Dr Bell:" in \
        notice
    assert "You do not have to agree to Dr Cole being present." in notice


@pytest.mark.parametrize(("typed", "formal"), [("Dr Ann Obe", "Dr Obe"),
                                               ("Dr Ann Mba", "Dr Mba")])
def test_a_surname_that_is_also_letters_stays_a_surname(typed: str, formal: str) -> None:
    from wessex_cli import wording

    assert wording.formal_name(typed) == formal
