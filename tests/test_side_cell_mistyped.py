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
        f"'Secondary care'): {person} is taken to be on neither side, so status counts a side " \
        "of that name" in said
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


def test_the_warning_in_render_says_what_the_letters_lose(run: Runner, paired: Path) -> None:
    """Rendered with a GP's A side cell mistyped ('Primry care'), the GP's introduction left
    out the patient notice a primary care host is sent, while the warning said only that
    'status counts' them on a side of that name, and told the administrator to run
    'wessex pair --keep', a command that needs the two workbooks to run."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert sheet["F1"].value == "A side" and sheet["F2"].value == "Primary care"
    person = sheet["B2"].value
    sheet["F2"].value = "Primry care"
    book.save(paired)
    said = _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx",
                 "--format", "md", "-o", "letters")
    assert f"Pairs!F2 says 'Primry care', which names neither side ('Primary care' or " \
        f"'Secondary care'): {person} is taken to be on neither side, so status counts a " \
        "side of that name and their letters are written as for neither side (those of " \
        "someone on the Primary care side leave out the patient notice)." in said
    assert "run 'wessex pair volunteers.xlsx --keep pairs.xlsx'" in said
    letter = (paired.parent / "letters" / "partner-introduction" / "amelia-ashworth.md")
    assert person == "Dr Amelia Ashworth" and "patients" not in letter.read_text()
