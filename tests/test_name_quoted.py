"""A name typed after an apostrophe, as a spreadsheet is told to keep a cell as text, or
between quotation marks ("'Ann Bell", "‘Ida Cole’"): the letters greeted "Dear 'Ann," and
told her partner to get in touch with "'Ann". The name is what is inside the marks."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, patient_notice, person, write_book


def test_a_name_in_quotation_marks_is_printed_without_them(run: Runner,
                                                            tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("'Ann Bell", "ann.bell@nhs.net", "GP", Organisation="Hill Surgery"),
        person("\u2018Ida Cole\u2019", "ida.cole@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Ann Bell"}),
    ])
    assert "0 errors" in run("check", "v.xlsx").stdout
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    to_ann, to_ida = ((folder / f"{stem}.txt").read_text() for stem in ("ann-bell", "ida-cole"))
    assert to_ann.startswith("Dear Ann,\n")
    assert to_ida.startswith("Dear Ida,\n")
    assert "- Ann Bell, GP, Hill Surgery\n" in to_ida
    assert "in touch with Ann directly" in to_ida
    assert "- Ida Cole, Consultant, County Hospital\n" in to_ann
    notice = patient_notice(run, tmp_path, "ann-bell-hosts-ida-cole")
    assert "Today, Ann Bell (GP) is welcoming a colleague from County Hospital, Ida Cole" in \
        notice
