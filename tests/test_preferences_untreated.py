"""The preferences request to an exchange of administrative staff (receptionists, practice
managers, ward clerks: examples/admin-staff) asked everyone to avoid "a colleague you have
treated, or who has treated you", and an agreed pair to say "if one of you has treated the
other": nobody in such a scheme treats anyone. Where no profession of the scheme is a
clinician's, those words are left out; the rule on registered patients and the invitation to
say privately whom to avoid stay."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import EXAMPLES, Runner


def _requests(run: Runner, folder: Path, scheme: Path, volunteers: Path) -> dict[str, str]:
    shutil.copy(scheme, folder / "scheme.toml")
    shutil.copy(volunteers, folder / volunteers.name)
    run("render", "preferences-request", "--volunteers", volunteers.name, "--format", "txt",
        "--force")
    return {path.stem: " ".join(path.read_text(encoding="utf-8").split())
            for path in (folder / "documents" / "preferences-request").glob("*.txt")}


def test_administrative_staff_are_not_asked_about_treating_each_other(
        run: Runner, tmp_path: Path) -> None:
    admin = EXAMPLES / "admin-staff"
    letters = _requests(run, tmp_path, admin / "scheme.toml", admin / "volunteers.csv")
    letter = letters["tamsin-okafor"]
    assert "- Everyone: Tell us privately if there is anyone you should not be paired " \
        "with." in letter
    assert "- General practice: do not choose anyone who is registered as a patient at " \
        "your practice." in letter
    for text in letters.values():
        assert "treated" not in text


def test_clinicians_are_still_asked(run: Runner, tmp_path: Path) -> None:
    letters = _requests(run, tmp_path, EXAMPLES / "scheme.toml", EXAMPLES / "volunteers.xlsx")
    assert "- Everyone: avoid a colleague you have treated, or who has treated you. Tell us " \
        "privately if there is anyone you should not be paired with." in \
        letters["amelia-ashworth"]
    assert "tell us if one of you is registered as a patient at the practice where the other " \
        "works, or if one of you has treated the other." in letters["oliver-pemberton"]
