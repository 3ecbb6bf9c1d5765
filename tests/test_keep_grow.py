"""``pair --keep`` and what covered the pairs down to the last one: a total, a name, the print
area grow over the new pairs whether or not the administrator has rows under the pairs (they
grew only when a row of theirs, a note, had to move down), and a formula in a kept pair's
own row keeps pointing at that row (a running count in the last pair's row grew)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

from .conftest import Runner, write_book
from .test_keep_totals import NEWCOMERS
from .test_record import columns, paired, people

__all__ = ["paired"]  # the fixture, used by name


@pytest.mark.parametrize("note", [False, True], ids=["nothing-below", "a-note-below"])
def test_what_covered_the_pairs_grows_over_the_new_pair_with_or_without_rows_below(
        run: Runner, paired: Path, tmp_path: Path, note: bool) -> None:
    """The four pairs are rows 2 to 5; the new pair goes in row 6. A total on a sheet of the
    administrator's, a name for the scores and the print area end on row 5: each reaches row
    6, as in Excel a range typed under grows. A note in row 8 (when there is one) moves
    down a row and changes nothing else."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    score = get_column_letter(columns(sheet)["Score"])
    if note:
        sheet["A8"] = "Checked by the lead"
    board = book.create_sheet("Board")
    board["A1"] = f"=SUM(Pairs!{score}2:{score}5)"
    board["A2"] = f"=COUNT(Pairs!${score}$2:${score}$5)"
    board["A3"] = f"=Pairs!{score}5"  # one cell, the last pair's: it stays that pair's
    book.defined_names["Scores"] = DefinedName("Scores",
                                               attr_text=f"Pairs!${score}$2:${score}$5")
    sheet.print_area = "A1:H5"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert [sheet.cell(r, 1).value for r in range(2, 7)] == \
        ["P001", "P002", "P003", "P004", "P005"]
    assert [book["Board"][f"A{r}"].value for r in (1, 2, 3)] == \
        [f"=SUM(Pairs!{score}2:{score}6)", f"=COUNT(Pairs!${score}$2:${score}$6)",
         f"=Pairs!{score}5"]
    assert book.defined_names["Scores"].attr_text == f"Pairs!${score}$2:${score}$6"
    assert sheet.print_area == "'Pairs'!$A$1:$H$6"
    assert [sheet["A8"].value, sheet["A9"].value] == \
        ([None, "Checked by the lead"] if note else [None, None])


@pytest.mark.parametrize("note", [False, True], ids=["nothing-below", "a-note-below"])
def test_a_running_count_in_the_kept_pairs_rows_keeps_to_its_own_row(
        run: Runner, paired: Path, tmp_path: Path, note: bool) -> None:
    """A column of the administrator's adds the scores down to each pair's own row. The
    last kept pair's (row 5) grew to row 6 when a note below had to move, counting the new
    pair in pair 4's row; the new pair's row has no formula of the administrator's."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    score = get_column_letter(columns(sheet)["Score"])
    running = get_column_letter(sheet.max_column + 1)
    sheet[f"{running}1"] = "Running total"
    for row in range(2, 6):
        sheet[f"{running}{row}"] = f"=SUM(${score}$2:{score}{row})"
    if note:
        sheet["A8"] = "Checked by the lead"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["A6"].value == "P005"
    assert [sheet[f"{running}{row}"].value for row in range(2, 7)] == \
        [f"=SUM(${score}$2:{score}2)", f"=SUM(${score}$2:{score}3)",
         f"=SUM(${score}$2:{score}4)", f"=SUM(${score}$2:{score}5)", None]
