"""Names pasted from NHSmail or Outlook: "PENROSE, Alys (QUAYSIDE SURGERY)", with the
workplace in brackets, and "Hale, Robert <robert.hale@nhs.net>", with the address. The
letters printed "Alys (QUAYSIDE SURGERY) PENROSE" and "Hale, Robert <robert.hale@nhs.net>"
(greeting him "Dear Hale,"), a preference for "Robert Hale" matched nobody, and an Avoid cell
holding such a name was cut at its comma into two entries naming nobody. The workplace and
the address are no part of the name; an address pasted in an Avoid cell finds its owner."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_a_name_pasted_from_mail_is_the_person(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("PENROSE, Alys (QUAYSIDE SURGERY)", "alys.penrose@nhs.net", "GP",
               Organisation="Quayside Surgery"),
        person("Hale, Robert <robert.hale@nhs.net>", "robert.hale@nhs.net", "GP",
               Organisation="Millbrook Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital"),
        # Owen would rather have Alys's practice than Robert, but his Avoid cell names her
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Penrose, Alys <alys.penrose@nhs.net>",
               **{"Preference 1": "Quayside Surgery", "Preference 3": "Robert Hale"}),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 2 warnings" in checked  # the two Name cells typed surname first
    assert "Type it 'Alys PENROSE'" in checked and "Type it 'Robert Hale'" in checked
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "robert.hale@nhs.net> was Owen Hart's 3rd choice" in paired
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    head = {c.value: c.column for c in sheet[1] if c.value}
    assert {frozenset((sheet.cell(row, head["A email"]).value,
                       sheet.cell(row, head["B email"]).value))
            for row in range(2, sheet.max_row + 1)} == {
        frozenset(("robert.hale@nhs.net", "owen.hart@example.org")),
        frozenset(("alys.penrose@nhs.net", "priya.lund@example.org"))}
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    assert sorted(letters) == ["alys-penrose", "owen-hart", "priya-lund", "robert-hale"]
    assert letters["alys-penrose"].startswith("Dear Alys,\n")
    assert letters["robert-hale"].startswith("Dear Robert,\n")
    assert "- Alys PENROSE, GP, Quayside Surgery\n" in letters["priya-lund"]
    assert "in touch with Alys directly" in letters["priya-lund"]
    assert "- Robert Hale, GP, Millbrook Surgery\n" in letters["owen-hart"]
    assert "in touch with Robert directly" in letters["owen-hart"]


def test_a_workplace_in_brackets_is_not_the_surname() -> None:
    from wessex_cli import wording

    assert wording.formal_name("Dr Ann Bell MBBS (QUAYSIDE SURGERY)") == "Dr Bell"
    assert wording.display_name("Dr Ann Bell MBBS (QUAYSIDE SURGERY)") == "Dr Ann Bell MBBS"
    assert wording.display_name("HALE, Robert (Bob) (NHS ENGLAND)") == "Robert (Bob) HALE"
