"""A title run on to the name by its full stop, with no space ("Dr.Nia Rowe", "Prof.Ivy
Hale"), was taken for her first name: the letters greeted her "Dear Dr.Nia,", told her
partner to get in touch with "Dr.Nia", and the patient notice named "Dr.Nia Rowe" where it
names everyone else "Dr Rowe". The title is a title however it is joined on."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, patient_notice, person, write_book


def test_a_title_joined_on_by_its_full_stop_is_a_title(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Dr.Nia Rowe", "nia.rowe@nhs.net", "GP", Organisation="Brook Surgery"),
        person("Prof.Ivy Hale", "ivy.hale@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    to_nia, to_ivy = ((folder / f"{stem}.txt").read_text() for stem in ("nia-rowe", "ivy-hale"))
    assert to_nia.startswith("Dear Nia,\n")
    assert to_ivy.startswith("Dear Ivy,\n")
    assert "- Dr Nia Rowe, GP, Brook Surgery" in to_ivy
    assert "in touch with Nia directly" in to_ivy
    assert "- Prof Ivy Hale, Consultant, County Hospital" in to_nia
    notice = patient_notice(run, tmp_path, "nia-rowe-hosts-ivy-hale")
    assert "Today, Dr Nia Rowe (GP) is welcoming" in notice
    assert "You do not have to agree to Prof Hale being present." in notice
    assert "just tell the receptionist or Dr Rowe:" in notice
