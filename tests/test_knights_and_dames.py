"""A knight or a dame is Sir or Dame with their first name: the patient notice asked patients
to see "Sir Reed" and "Dame Hale", which nobody is called. Now "Sir Tom" and "Dame Ivy"."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_the_patient_notice_names_a_knight_and_a_dame_by_their_first_names(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Sir Tom Reed", "tom.reed@nhs.net", "GP", Organisation="Vale Surgery"),
        person("Dame Ivy Hale DBE", "ivy.hale@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    run("pair", "v.xlsx")
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notices = [" ".join(path.read_text().split())
               for path in (tmp_path / "documents" / "patient-notice").iterdir()]
    assert len(notices) == 1
    assert "You do not have to agree to Dame Ivy being present." in notices[0]
    assert "If you would rather see Sir Tom alone, just tell the receptionist or Sir Tom:" in \
        notices[0]
    assert "Sir Reed" not in notices[0] and "Dame Hale" not in notices[0]
