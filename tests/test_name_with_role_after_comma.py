"""A role typed after a name and a comma ("Dr Alys Penrose, GP", "Ann Bell, Practice
Nurse"): the role's last word was taken for the surname, so the patient notice asked
patients to see "Dr GP", and a preference or an Avoid naming "Alys Penrose" matched nobody.
After a whole name, what follows a comma is not the name; one word before the comma is a
surname typed first ("Penrose, Alys"), and letters after it stay as typed ("Dr Ann Bell,
MBBS")."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_a_role_after_a_comma_is_no_part_of_the_name(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Dr Alys Penrose, GP", "alys.penrose@nhs.net", "GP",
               Organisation="Quayside Surgery"),
        person("Ann Bell, Practice Nurse", "ann.bell@nhs.net", "Practice nurse",
               Organisation="Moor Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Alys Penrose"}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Alys Penrose"),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "was Priya Lund's 1st choice" in paired
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    assert "- Dr Alys Penrose, GP, Quayside Surgery\n" in letters["priya-lund"]
    assert "- Ann Bell, Practice nurse, Moor Surgery\n" in letters["owen-hart"]
    assert letters["ann-bell"].startswith("Dear Ann,\n")
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notice = next(" ".join(path.read_text().split()) for path in
                  (tmp_path / "documents" / "patient-notice").iterdir()
                  if path.stem.startswith("alys-penrose"))
    assert "If you would rather see Dr Penrose alone, just tell the receptionist or Dr " \
        "Penrose:" in notice
    assert "Dr GP" not in notice
