"""A minister is never "Revd" with the surname alone: the patient notice asked patients to
see "Revd Reed" of the Revd Dr Tom Reed, and "Revd Cole" of the Revd Ida Cole. Now "Revd Dr
Reed" (the second title with the surname) and "Revd Ida Cole" (in full)."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, patient_notice, person, write_book


def test_the_patient_notice_names_a_minister_as_the_style_is(run: Runner,
                                                             tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Revd Dr Tom Reed", "tom.reed@nhs.net", "GP", Organisation="Vale Surgery"),
        person("Rev Ida Cole", "ida.cole@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    run("pair", "v.xlsx")
    notice = patient_notice(run, tmp_path, "tom-reed-hosts-ida-cole")
    assert "You do not have to agree to Revd Ida Cole being present." in notice
    assert "If you would rather see Revd Dr Reed alone, just tell the receptionist or Revd " \
        "Dr Reed:" in notice
    assert "Revd Reed" not in notice and "Revd Cole" not in notice


def test_the_formal_style_s_the_before_a_title_is_no_first_name(run: Runner,
                                                                 tmp_path: Path) -> None:
    """"The Revd Dr Tom Reed", as the formal style writes a minister, was greeted "Dear The,"
    and named "The Revd Dr Tom Reed" in full to patients: "The" is part of the style, and a
    preference naming "Tom Reed" found nobody."""
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("The Revd Dr Tom Reed", "tom.reed@nhs.net", "GP", Organisation="Vale Surgery"),
        person("Ida Cole", "ida.cole@example.org", "Consultant", Organisation="County Hospital",
               **{"Preference 1": "Tom Reed"}),
    ])
    paired = " ".join(run("pair", "v.xlsx").output.split())
    assert "1 of 2 paired people (50%) has a preference met" in paired
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents"
    letters = {path.stem: " ".join(path.read_text().split())
               for path in (folder / "partner-introduction").glob("*.txt")}
    assert next(text for stem, text in letters.items() if "tom" in stem).startswith("Dear Tom,")
    notice = " ".join((folder / "patient-notice" / "tom-reed-hosts-ida-cole.txt")
                      .read_text().split())
    assert "If you would rather see Revd Dr Reed alone" in notice
