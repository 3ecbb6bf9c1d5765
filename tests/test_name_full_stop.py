"""A full stop typed after a name ("Dr. Ann Bell.", "Kai Moss MBBS."): the letters printed it
inside their sentences ("paired with Dr Ann Bell., GP", "If you would rather see Dr Bell.
alone"). The name is printed without it; an initial keeps its stop."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, patient_notice, person, write_book


def test_a_full_stop_after_a_name_is_not_printed_inside_a_sentence(run: Runner,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Dr. Ann Bell.", "ann.bell@nhs.net", "GP", Organisation="Hill Surgery"),
        person("Kai Moss MBBS.", "kai.moss@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Ann Bell"}),
        person("Lee B.", "lee.b@nhs.net", "GP", Organisation="Dale Surgery"),
        person("Ida Cole,", "ida.cole@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    assert "- Dr Ann Bell, GP, Hill Surgery\n" in letters["kai-moss-mbbs"]
    assert "- Kai Moss MBBS, Consultant, County Hospital\n" in letters["ann-bell"]
    assert "- Lee B., GP, Dale Surgery\n" in letters["ida-cole"]
    assert "- Ida Cole, Consultant, County Hospital\n" in letters["lee-b"]
    notice = patient_notice(run, tmp_path, "ann-bell-hosts-kai-moss-mbbs")
    assert "Today, Dr Ann Bell (GP) is welcoming" in notice
    assert "If you would rather see Dr Bell alone, just tell the receptionist or Dr Bell:" in \
        notice
    assert "from County Hospital, Kai Moss (consultant), to Hill Surgery." in notice
