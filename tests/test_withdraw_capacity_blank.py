"""withdraw --in names the number of partners someone can take and the cell it is in. When
that cell was blank it said "can take 1 partner (Max partners, Volunteers!O48 in
volunteers.xlsx)", as if the cell held 1: the 1 is the default for a blank cell (SPEC:
capacity, blank means 1), and the line now says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from .conftest import HEADERS, Runner, person, write_book

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def test_a_blank_max_partners_cell_is_said_to_give_the_default(run: Runner,
                                                               tmp_path: Path) -> None:
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    run("pair", "volunteers.xlsx")  # Leon Ince (Max partners 2) with Priya and Zainab
    volunteers = tmp_path / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    assert sheet["O48"].value == 2 and sheet["A48"].value == "Dr Leon Ince"
    sheet["O48"].value = None  # emptied after the pairing
    book.save(volunteers)
    said = _said(run, "withdraw", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga",
                 "--in", "volunteers.xlsx")
    assert "Dr Leon Ince is still paired with Dr Zainab Abernethy and can take 1 partner " \
        "(the default, as their Max partners cell, Volunteers!O48 in volunteers.xlsx, is " \
        "blank), so needs no new partner." in said
    assert "Next: run 'wessex pair volunteers.xlsx --keep pairs.xlsx' to find Dr Priya " \
        "Varga a new partner." in said


def test_a_number_typed_in_the_cell_is_still_named_as_it_is(run: Runner,
                                                            tmp_path: Path) -> None:
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    run("pair", "volunteers.xlsx")
    volunteers = tmp_path / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    book["Volunteers"]["O48"].value = 1  # typed: no default about it
    book.save(volunteers)
    said = _said(run, "withdraw", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga",
                 "--in", "volunteers.xlsx")
    assert "can take 1 partner (Max partners, Volunteers!O48 in volunteers.xlsx), so needs " \
        "no new partner." in said
    assert "default" not in said


def test_a_workbook_without_the_column_is_said_to_give_the_default(run: Runner,
                                                                  tmp_path: Path) -> None:
    """Paired while the workbook had a Capacity column, withdrawn after it was deleted:
    the 1 is the default, and there is no cell to name."""
    people = [person("Dr Ada Quill", "ada@example.org", "GP", Organisation="Quay Surgery"),
              person("Dr Ben Roe", "ben@example.org", "GP", Organisation="Mill Surgery"),
              person("Mr Xavier Pell", "xavier@example.org", "Consultant",
                     Organisation="General Hospital - Surgery", Capacity=2)]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")  # Xavier Pell with Ada Quill and with Ben Roe
    write_book(tmp_path / "v.xlsx", people, [h for h in HEADERS if h != "Capacity"])
    said = _said(run, "withdraw", "pairs.xlsx", "Ada Quill", "--in", "v.xlsx")
    assert "Mr Xavier Pell is still paired with Dr Ben Roe and can take 1 partner (the " \
        "default, as v.xlsx has no column for how many partners someone takes), so needs " \
        "no new partner." in said
