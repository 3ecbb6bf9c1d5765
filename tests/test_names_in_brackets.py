"""What a name holds in brackets or quotation marks: the name someone goes by ("Robert (Bob)
Hale", 'Dr Robert "Bob" Hale') or their pronouns ("Dr Ema Fox (she/her)"). A preference or
an Avoid naming "Bob Hale", "Robert Hale" or "Ema Fox" matched nobody, letters greeted
"Dear Robert," a man who goes by Bob, and the patient notice named "Dr (she/her)". Now
either name finds him, letters call him Bob, and the brackets are no part of a surname."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import COMPLETE_SCHEME, Runner, partners, person, write_book


def volunteers(robert: str, ema: str, priya: str, owen: str) -> list[dict[str, object]]:
    """Two GPs and two consultants: Priya's first choice is ``priya``; Owen would rather
    have Robert's practice, but his Avoid cell names ``owen``."""
    return [
        person(robert, "bob.hale@nhs.net", "GP", Organisation="Millbrook Surgery"),
        person(ema, "ema.fox@nhs.net", "GP", Organisation="Moor Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": priya}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid=owen,
               **{"Preference 1": "Millbrook Surgery"}),
    ]


@pytest.mark.parametrize(("robert", "priya", "owen"), [
    ("Robert (Bob) Hale", "Bob Hale", "Robert Hale"),
    ("Robert (Bob) Hale", "Robert Hale", "Bob Hale"),
    ('Mr Robert "Bob" Hale', "Bob Hale", "Mr Robert Hale"),
    ("Robert Hale", "Robert (Bob) Hale", "Robert Hale (Millbrook)"),
])
def test_either_name_finds_him(run: Runner, tmp_path: Path, robert: str, priya: str,
                               owen: str) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", volunteers(robert, "Dr Ema Fox (she/her)", priya, owen))
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    run("pair", "v.xlsx")
    assert partners(tmp_path / "pairs.xlsx") == {
        "bob.hale@nhs.net": "priya.lund@example.org",
        "priya.lund@example.org": "bob.hale@nhs.net",
        "ema.fox@nhs.net": "owen.hart@example.org",
        "owen.hart@example.org": "ema.fox@nhs.net"}


def test_an_avoid_finds_her_without_her_pronouns(run: Runner, tmp_path: Path) -> None:
    # Owen would rather have Ema's practice, but his Avoid cell names her
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    people = volunteers("Robert Hale", "Dr Ema Fox (she/her)", "no preference", "Ema Fox")
    people[3]["Preference 1"] = "Moor Surgery"
    write_book(tmp_path / "v.xlsx", people)
    assert "0 errors, 0 warnings" in " ".join(run("check", "v.xlsx").stdout.split())
    run("pair", "v.xlsx")
    assert partners(tmp_path / "pairs.xlsx")["ema.fox@nhs.net"] == "priya.lund@example.org"


def test_letters_call_him_by_the_name_he_goes_by(run: Runner, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-20")
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", volunteers("Robert (Bob) Hale", "Dr Ema Fox (she/her)",
                                               "Bob Hale", "Robert Hale"))
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    to_bob = next(text for stem, text in letters.items() if "hale" in stem)
    assert to_bob.startswith("Dear Bob,\n")
    assert "- Robert (Bob) Hale, GP, Millbrook Surgery" in letters["priya-lund"]
    assert "in touch with Bob directly" in letters["priya-lund"]
    assert "in touch with Ema directly" in letters["owen-hart"]
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notices = {path.stem: " ".join(path.read_text().split())
               for path in (tmp_path / "documents" / "patient-notice").iterdir()}
    to_emas = next(text for stem, text in notices.items() if stem.startswith("ema"))
    assert "If you would rather see Dr Fox alone, just tell the receptionist or Dr Fox:" in \
        to_emas
    to_bobs = next(text for stem, text in notices.items() if "hale" in stem)
    assert "If you would rather see Robert Hale alone" in to_bobs
    visited = run("visit", "pairs.xlsx", "Bob Hale", "--planned", "30/6/2027").stdout
    assert "Recorded: Robert (Bob) Hale (planned for 30 June 2027) with Priya Lund" in \
        " ".join(visited.split())
