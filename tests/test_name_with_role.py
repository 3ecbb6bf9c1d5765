"""A role or a workplace typed after a name and a dash ("Dr Bob Hale - GP Partner", "Ema
Fox – ANP"): the patient notice asked patients to see "Dr Partner", and a preference or an
Avoid naming "Bob Hale" matched nobody. What follows a spaced dash after a whole name is no
part of it, unless it is one word that may end a double surname ("Ann Ashworth - Smith")."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_a_role_after_a_dash_is_no_part_of_the_name(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Dr Bob Hale - GP Partner", "bob.hale@nhs.net", "GP",
               Organisation="Millbrook Surgery"),
        person("Ema Fox \u2013 ANP", "ema.fox@nhs.net", "GP", Organisation="Moor Surgery"),
        # Owen would rather have Bob's practice, but his Avoid cell names Bob
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Bob Hale",
               **{"Preference 1": "Millbrook Surgery"}),
        person("Ann Ashworth - Smith", "ann.ashworth-smith@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Bob Hale"}),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "was Ann Ashworth - Smith's 1st choice" in paired  # Bob
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    assert "- Ema Fox, GP, Moor Surgery\n" in letters["owen-hart"]  # he avoids Bob
    to_ann = next(text for stem, text in letters.items() if stem.startswith("ann-ashworth"))
    assert to_ann.startswith("Dear Ann,\n")
    assert "- Dr Bob Hale, GP, Millbrook Surgery\n" in to_ann
    assert "- Ann Ashworth - Smith, Consultant, County Hospital\n" in letters["bob-hale"]
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notice = next(" ".join(path.read_text().split()) for path in
                  (tmp_path / "documents" / "patient-notice").iterdir()
                  if path.stem.startswith("bob-hale"))
    assert "Today, Dr Bob Hale (GP) is welcoming a colleague from County Hospital, Ann " \
        "Ashworth - Smith" in notice
    assert "just tell the receptionist or Dr Hale:" in notice
