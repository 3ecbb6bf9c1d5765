"""Initials run on to the surname by their full stops ("Dr A.Penrose", "Mr T.J.Reed"), or
written together ("Mrs J.R. Smith"): the whole was taken for one word, so the letters wrote
"Dear Dr A.Penrose" and the patient notice "Dr A.Penrose" where it names everyone else "Dr
Penrose"; and "J.R." was taken for a first name, greeting "Dear T.J.,". The initials are
initials, and no name to greet anyone by."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, patient_notice, person, write_book


def test_initials_joined_to_the_surname_are_initials(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Dr A.Penrose", "a.penrose@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Mr T.J.Reed", "tj.reed@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    to_penrose = (folder / "a-penrose.txt").read_text()
    assert to_penrose.startswith("Dear Dr Penrose,\n")
    assert "- Mr T.J. Reed, Consultant, County Hospital\n" in to_penrose
    assert (folder / "t-j-reed.txt").read_text().startswith("Dear Mr Reed,\n")
    notice = patient_notice(run, tmp_path, "a-penrose-hosts-t-j-reed")
    assert "Today, Dr A. Penrose (GP) is welcoming" in notice
    assert "You do not have to agree to Mr Reed being present. If you would rather see Dr " \
        "Penrose alone" in notice
