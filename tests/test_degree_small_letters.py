"""A name typed in haste all in small letters with a degree of two words ("dr ann bell mb
bs"): the degree was read as the end of her name, so the patient notice asked patients to
see 'Dr Bs', letters listed 'Dr Ann Bell Mb Bs', and a preference or Avoid naming 'Ann
Bell' named nobody. "mb bs" is MB BS when both halves are in small letters; an Avoid cell
naming her either way still keeps the two apart."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.text import person_key

from .conftest import COMPLETE_SCHEME, Runner, assert_kept_apart, person, write_book


def test_a_degree_of_two_words_in_small_letters(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("dr ann bell mb bs", "ann.bell@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Ann Bell"}),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "was Priya Lund's 1st choice" in paired
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    to_ann = next(text for stem, text in letters.items() if stem.startswith("ann-bell"))
    assert to_ann.startswith("Dear Ann,\n")
    assert "- Dr Ann Bell MB BS, GP, Quayside Surgery\n" in letters["priya-lund"]
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notice = next(" ".join(path.read_text().split()) for path in
                  (tmp_path / "documents" / "patient-notice").iterdir()
                  if path.stem.startswith("ann-bell"))
    assert "If you would rather see Dr Bell alone" in notice
    assert "Bs" not in notice


def test_only_both_halves_in_small_letters_are_a_degree() -> None:
    assert person_key("ann bell mb bs") == "ann bell"
    assert person_key("Ann Bell Mb bs") == "ann bell mb bs"  # mixed: as typed
    assert person_key("ann bell bs") == "ann bell bs"  # a second half alone is no degree


def test_an_avoid_naming_her_so_still_keeps_them_apart(run: Runner, tmp_path: Path) -> None:
    assert_kept_apart(run, tmp_path, [
        person("dr ann bell mb bs", "ann.bell@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Ida Cole", "ida.cole@nhs.net", "GP", Organisation="Moor Surgery"),
        person("Kai Moss", "kai.moss@nhs.net", "GP", Organisation="Hill Surgery"),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Ann Bell",
               **{"Preference 1": "Ann Bell"}),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", Avoid="dr ann bell mb bs",
               **{"Preference 1": "Ann Bell"}),
    ], ("Owen Hart", "Priya Lund"), ("ann bell",))

