"""A Name cell on the Pairs sheet emptied by hand stops render and remind, naming the cell
(tests/test_nameless.py), but 'wessex status' showed the pair with a blank where the name
was and no word about it: the administrator learnt of it only when the letters were
refused. status now warns, naming the cell as render does, and saying what it stops: the
whole batch of letters that would greet or name that person, not their letters alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from .conftest import EXAMPLES, Runner, few_pairs


def emptied(folder: Path, *cells: str) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", folder / "scheme.toml")
    path = few_pairs(folder / "pairs.xlsx", 2)
    book = openpyxl.load_workbook(path)
    for cell in cells:
        book["Pairs"][cell].value = None
    book.save(path)


def test_status_names_the_emptied_name_cell(run: Runner, tmp_path: Path) -> None:
    emptied(tmp_path, "B3")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Pairs!B3 (the name of arjun.rasmussen@nhs.net) is empty" in said
    # render and remind refuse the whole batch (tests/test_nameless.py), not this person's
    # letters alone: the warning must not let the administrator expect the others written
    assert "until the name is typed back in, render and remind will refuse any batch of " \
        "letters that would greet or name this person, writing no letter of it" in said
    assert "will write no letter to or about" not in said
    assert "Type the name into each cell named (the volunteer workbook has it)" in said
    assert said.count("Pairs!B3") == 1


def test_two_emptied_names_are_one_warning(run: Runner, tmp_path: Path) -> None:
    emptied(tmp_path, "B3", "J2")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert said.count("(the name of") == 2
    assert said.count("Type the name into each cell named") == 1
    assert "until the names are typed back in, render and remind will refuse any batch of " \
        "letters that would greet or name these people, writing no letter of it" in said
    assert "Pairs!J2 (the name of chidi.zielinski@nhs.net) is empty" in said


def test_a_workbook_with_every_name_says_nothing_of_names(run: Runner, tmp_path: Path) -> None:
    emptied(tmp_path)
    assert "the name of" not in run("status", "pairs.xlsx").output
