"""A Side cell of the Pairs or Unpaired sheet now holds the side's label ("Secondary care"),
which the administrator may mistype ("Secondry care"). status counted a third side of that
name ("Secondry care hosts: 0 of 1 done"), the report a third side in its table of who took
part, and neither said which cell held it. Both now warn, naming the cell, the person and the
two sides' names; 'pair --keep' writes the cell again from the volunteer workbook, and the
warning ends."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def test_a_mistyped_side_label_is_named_by_its_cell(run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert sheet["N1"].value == "B side"
    person = sheet["J5"].value  # the B name of row 5
    sheet["N5"].value = "Secondry care"
    sheet["F4"].value = "primary"  # the key, as older workbooks hold: a side still
    book.save(paired)
    said = _said(run, "status", "pairs.xlsx")
    assert f"Pairs!N5 says 'Secondry care', which names neither side ('Primary care' or " \
        f"'Secondary care'): status counts {person} on a side of that name." in said
    assert "Pairs!F4" not in said
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert openpyxl.load_workbook(paired)["Pairs"]["N5"].value == "Secondary care"
    assert "names neither side" not in _said(run, "status", "pairs.xlsx")


def test_a_mistyped_side_label_on_the_unpaired_sheet_is_named_by_the_report(
        run: Runner, paired: Path) -> None:
    """The report counts the people left unpaired by side: a mistyped label made a third side
    of its own in its table of who took part."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Unpaired"]
    assert sheet["C1"].value == "Side"
    person = sheet["A2"].value
    sheet["C2"].value = "Primry care"
    book.save(paired)
    said = _said(run, "report", "pairs.xlsx", "-o", "report.html")
    assert "The Side cell of row 2 of the Unpaired sheet says 'Primry care', which names " \
        "neither side ('Primary care' or 'Secondary care'): the report counts " \
        f"{person} on a side of that name." in said
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert openpyxl.load_workbook(paired)["Unpaired"]["C2"].value == "Primary care"
    assert "names neither side" not in _said(run, "report", "pairs.xlsx", "-o", "again.html")
