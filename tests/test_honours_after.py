"""Honours and offices typed after a name ("Dr Chika Obi OBE DL", "Mr Ben Carr JP", "Prof
Ivy Hale QHP"): only a few orders were known, so the last of the others was taken for the
surname. The patient notice named "Dr DL" and "Prof QHP", a preference for "Chika Obi"
matched nobody, and 'visit pairs.xlsx Hale' found no one. They are letters after a name now,
as degrees are."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def volunteers() -> list[dict[str, object]]:
    """Two GPs and two consultants, three with honours after their names: Priya's first
    choice is Chika; Ivy would rather have Chika's practice, but her Avoid names Chika."""
    return [
        person("Dr Chika Obi OBE DL", "chika.obi@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Mr Ben Carr JP", "ben.carr@nhs.net", "GP", Organisation="Millbrook Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Chika Obi"}),
        person("Prof Ivy Hale QHP", "ivy.hale@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Dr Chika Obi",
               **{"Preference 1": "Quayside Surgery"}),
    ]


@pytest.mark.parametrize(("honours", "formal"), [
    ("KC", "Ann Bell"), ("MBE DL", "Dr Bell"), ("CBE FRSE", "Dr Bell"),
    ("KHP", "Dr Bell"), ("FRCGP (Hon)", "Dr Bell"), ("GBE", "Dr Bell"), ("CVO", "Dr Bell"),
    ("RRC", "Dr Bell"), ("QC", "Dr Bell")])
def test_honours_are_letters_after_a_name(honours: str, formal: str) -> None:
    from wessex_cli import wording
    from wessex_cli.text import person_key

    typed = f"{'Dr ' if formal != 'Ann Bell' else ''}Ann Bell {honours}"
    assert person_key(typed) == "ann bell"
    assert wording.given_name(typed) == "Ann"
    assert wording.formal_name(typed) == formal


def test_a_name_with_honours_is_found_and_named_without_them(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-20")
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", volunteers())
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    run("pair", "v.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    head = {c.value: c.column for c in sheet[1] if c.value}
    pairs = {(sheet.cell(row, head["A email"]).value, sheet.cell(row, head["B email"]).value)
             for row in range(2, sheet.max_row + 1)}
    assert pairs == {("chika.obi@nhs.net", "priya.lund@example.org"),
                     ("ben.carr@nhs.net", "ivy.hale@example.org")} or pairs == {
        ("priya.lund@example.org", "chika.obi@nhs.net"),
        ("ivy.hale@example.org", "ben.carr@nhs.net")}
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notices = " ".join(" ".join(path.read_text().split()) for path in
                       (tmp_path / "documents" / "patient-notice").iterdir())
    for formal in ("Dr Obi", "Mr Carr", "Prof Hale"):
        assert f"You do not have to agree to {formal} being present." in notices or \
            f"see {formal} alone" in notices
    for wrong in ("Dr DL", "Mr JP", "Prof QHP", "Dr OBE"):
        assert wrong not in notices
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.name: path.read_text() for path in folder.iterdir()}
    assert sorted(letters) == ["ben-carr-jp.txt", "chika-obi-obe-dl.txt", "ivy-hale-qhp.txt",
                               "priya-lund.txt"]
    assert letters["ivy-hale-qhp.txt"].startswith("Dear Ivy,\n")
    assert "in touch with Chika directly" in letters["priya-lund.txt"]
    visited = run("visit", "pairs.xlsx", "Hale", "--planned", "30/6/2027").stdout
    assert "Recorded: Prof Ivy Hale QHP (planned for 30 June 2027)" in " ".join(visited.split())
