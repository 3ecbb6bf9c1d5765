"""A pair typed in by hand without an ID, not kept by 'pair --keep' (one of them is not in
the volunteer workbook), is named by its row: the output said "Pair  was not kept", and two
such rows were given one reason, the last one's, as both were filed under the ID ''."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record import columns, paired  # noqa: F401 - paired: a fixture


def test_a_pair_without_an_id_not_kept_is_named_by_its_row(
        run: Runner, paired: Path) -> None:  # noqa: F811
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    typed = {6: ("Dr Nia Brook", "nia.brook@example.org", "Consultant Omar Lyle",
                 "omar.lyle@example.org"),
             7: ("Dr Ivo Marsh", "ivo.marsh@example.org", "Consultant Ada Pell",
                 "ada.pell@example.org")}
    for row, (a, a_mail, b, b_mail) in typed.items():  # nobody the volunteer workbook has
        for title, value in (("A name", a), ("A email", a_mail), ("A profession", "GP"),
                             ("B name", b), ("B email", b_mail), ("B profession", "Consultant")):
            sheet.cell(row, col[title]).value = value
    book.save(paired)
    trial = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run").stdout.split())
    assert "move 2 to the Withdrawn sheet (row 6, row 7)" in trial
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "Pair was not kept" not in said
    assert "The pair in row 6 of the Pairs sheet, with no ID, was not kept: Dr Nia Brook " \
        "and Consultant Omar Lyle are no longer in the volunteer workbook." in said
    assert "The pair in row 7 of the Pairs sheet, with no ID, was not kept: Dr Ivo Marsh " \
        "and Consultant Ada Pell are no longer in the volunteer workbook." in said
    withdrawn = openpyxl.load_workbook(paired)["Withdrawn"]
    assert withdrawn.max_row == 3  # both rows moved there, nothing lost
