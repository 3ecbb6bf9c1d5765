"""'init --from' said it put "last year's partner in their Notes", while each Notes cell it
writes holds more: the person's own note of last year, then whom they were paired with, the
visits recorded as done, the pair's notes, and a withdrawal. Its message now says what the
cells hold, and the help of --from does too."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import HEADERS, Runner, person, write_book


@pytest.fixture(autouse=True)
def last_summer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2026-09-01")


def test_init_from_says_what_the_notes_hold(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "2026"
    folder.mkdir()
    people = [person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside",
                     Notes="Prefers afternoons", Partner="Oliver Pemberton"),
              person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield",
                     Partner="Arjun Rasmussen"),
              person("Oliver Pemberton", "oliver@nhs.net", "Consultant",
                     Organisation="Hospital - Cardio"),
              person("Arjun Rasmussen", "arjun@nhs.net", "Consultant",
                     Organisation="Hospital - Resp")]
    write_book(folder / "volunteers.xlsx", people, [*HEADERS, "Notes"])
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx")
    run("visit", "2026/pairs.xlsx", "Oliver Pemberton", "--hosted", "4/5/2026")
    run("withdraw", "2026/pairs.xlsx", "Arjun Rasmussen", "--reason", "moved away")
    said = " ".join(run("init", "2027", "--from", "2026/pairs.xlsx").output.split())
    assert "Carried forward 4 people from 2026/pairs.xlsx, their Status cells left blank " \
        "(taking part), and in their Notes, after any note of their own, last year's record: " \
        "whom they were paired with, if anyone, which visits were recorded as done, the " \
        "pair's notes and any withdrawal." in said
    assert "last year's partner in their Notes" not in said
    # what the message says is there
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    rows = list(sheet.values)
    head = list(rows[0])
    notes = {r[head.index("Email")]: r[head.index("Notes")] for r in rows[1:]}
    amelia = notes["amelia@nhs.net"].split("\n")
    assert amelia[0] == "Prefers afternoons"
    assert "partnered with Oliver Pemberton" in amelia[1]
    assert "hosted them" in notes["oliver@nhs.net"]
    assert "withdrew on 1 September 2026 (moved away)" in notes["arjun@nhs.net"]


def test_the_help_of_from_says_what_the_notes_hold(run: Runner) -> None:
    said = " ".join(run("init", "--help").output.split())
    assert "last year's partner noted" not in said
    assert "last year's record (partner, visits, any withdrawal) in their Notes" in said
