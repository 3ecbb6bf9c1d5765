"""A surname alone, or a title and a surname, before a role after a spaced dash ("Hale -
GP Partner", "Dr Ross - GP Partner"): with no title the role was read into the name, so
letters greeted 'Dear Hale - GP Partner', the certificate named 'Hale - GP Partner', and a
preference or Avoid naming 'Hale - GP Partner' as another cell typed it found the role
too. The role is no part of the name; "Anne - Marie Bell", with no word in capitals, is a
name still; and an Avoid cell typed either way still keeps the two apart."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.text import person_key

from .conftest import COMPLETE_SCHEME, Runner, assert_kept_apart, person, write_book


def test_a_role_after_a_surname_and_a_dash(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Hale - GP Partner", "hale@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Dr Ross - GP Partner", "ross@nhs.net", "GP", Organisation="Moor Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Hale"}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Dr Ross"}),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "was Priya Lund's 1st choice" in paired
    assert "was Owen Hart's 1st choice" in paired
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    assert "GP Partner" not in " ".join(letters.values())
    assert "- Hale, GP, Quayside Surgery\n" in letters["priya-lund"]
    assert "- Dr Ross, GP, Moor Surgery\n" in letters["owen-hart"]
    assert letters["hale"].startswith("Dear Hale,\n")
    assert letters["ross"].startswith("Dear Dr Ross,\n")


def test_a_name_with_a_dash_and_no_role_stays_whole() -> None:
    assert person_key("Anne - Marie Bell") == "anne marie bell"
    assert person_key("Hale - ANN BELL") == "hale ann bell"  # a name in capitals may follow
    assert person_key("Ann Ashworth - Smith") == "ann ashworth smith"


def test_an_avoid_naming_them_so_still_keeps_them_apart(run: Runner, tmp_path: Path) -> None:
    assert_kept_apart(run, tmp_path, [
        person("Hale - GP Partner", "hale@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Dr Ross - GP Partner", "ross@nhs.net", "GP", Organisation="Moor Surgery"),
        person("Ida Cole", "ida.cole@nhs.net", "GP", Organisation="Hill Surgery"),
        person("Kai Moss", "kai.moss@nhs.net", "GP", Organisation="Vale Surgery"),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Hale - GP Partner; Dr Ross",
               **{"Preference 1": "Hale", "Preference 2": "Dr Ross"}),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Hale; Dr Ross - GP Partner",
               **{"Preference 1": "Hale", "Preference 2": "Dr Ross"}),
    ], ("Owen Hart", "Priya Lund"), ("Hale", "Ross"))

