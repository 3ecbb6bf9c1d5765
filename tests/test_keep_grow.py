"""``pair --keep`` and what covered the pairs down to the last one: a total, a name, the print
area grow over the new pairs whether or not the administrator has rows under the pairs (they
grew only when a row of theirs, a note, had to move down), and a formula in a kept pair's
own row keeps pointing at that row (a running count in the last pair's row grew). A share of
all the pairs in a pair's own row, and the formulas of a colour rule or a drop-down on the
Pairs sheet, grow too (they kept to the old pairs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from wessex_cli.sheet_rows import extend_ranges_down
from wessex_cli.workbook_edit import Workbook

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


def _kept_with_a_column(run: Runner, paired: Path, tmp_path: Path, note: bool, title: str,
                       formula: Callable[[str, int], str],
                       more: Callable[[Any, str, str], None] = lambda *_: None
                       ) -> tuple[str, str, Any]:
    """The four pairs (rows 2 to 5) with a column of the administrator's, ``title``, each
    pair's cell ``formula(Score's letter, row)``, what ``more(sheet, Score's letter, the
    column's)`` adds, and a note in row 8 when ``note``; then a new pair kept with them.
    Returns the Score column's letter, the column's, and the Pairs sheet afterwards."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    score = get_column_letter(columns(sheet)["Score"])
    column = get_column_letter(sheet.max_column + 1)
    sheet[f"{column}1"] = title
    for row in range(2, 6):
        sheet[f"{column}{row}"] = formula(score, row)
    more(sheet, score, column)
    if note:
        sheet["A8"] = "Checked by the lead"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["A6"].value == "P005"
    return score, column, sheet


@pytest.mark.parametrize("note", [False, True], ids=["nothing-below", "a-note-below"])
def test_a_running_count_in_the_kept_pairs_rows_keeps_to_its_own_row(
        run: Runner, paired: Path, tmp_path: Path, note: bool) -> None:
    """A column of the administrator's adds the scores down to each pair's own row. The
    last kept pair's (row 5) grew to row 6 when a note below had to move, counting the new
    pair in pair 4's row; the new pair's row has no formula of the administrator's."""
    score, running, sheet = _kept_with_a_column(
        run, paired, tmp_path, note, "Running total",
        lambda score, row: f"=SUM(${score}$2:{score}{row})")
    assert [sheet[f"{running}{row}"].value for row in range(2, 7)] == \
        [f"=SUM(${score}$2:{score}2)", f"=SUM(${score}$2:{score}3)",
         f"=SUM(${score}$2:{score}4)", f"=SUM(${score}$2:{score}5)", None]


def _rules(sheet: Any, score: str, share: str) -> None:
    """A colour rule for the scores above their average, a drop-down offering them."""
    sheet.conditional_formatting.add(
        f"{score}2:{score}5", FormulaRule(formula=[f"{score}2>AVERAGE(${score}$2:${score}$5)"]))
    offered = DataValidation(type="list", formula1=f"${score}$2:${score}$5")
    offered.add(f"{share}2:{share}5")
    sheet.add_data_validation(offered)


@pytest.mark.parametrize("note", [False, True], ids=["nothing-below", "a-note-below"])
def test_a_share_of_the_pairs_and_the_pairs_sheets_rules_count_the_new_pair(
        run: Runner, paired: Path, tmp_path: Path, note: bool) -> None:
    """A column of the administrator's gives each pair's share of all the scores, rows 2 to
    5 written with "$"; a colour rule marks the scores above their average and a drop-down
    offers the scores. Once the new pair is in row 6, each counts rows 2 to 6: in the last
    kept pair's row too, where the range ends on the formula's own row but with "$"."""
    score, share, sheet = _kept_with_a_column(
        run, paired, tmp_path, note, "Share",
        lambda score, row: f"={score}{row}/SUM(${score}$2:${score}$5)", _rules)
    assert [sheet[f"{share}{row}"].value for row in range(2, 6)] == \
        [f"={score}{row}/SUM(${score}$2:${score}$6)" for row in range(2, 6)]
    assert [(str(f.sqref), [r.formula for r in f.rules])
            for f in sheet.conditional_formatting] == \
        [(f"{score}2:{score}6", [[f"{score}2>AVERAGE(${score}$2:${score}$6)"]])]
    assert [(str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation
            if str(v.sqref).startswith(share)] == \
        [(f"{share}2:{share}6", f"${score}$2:${score}$6")]


def test_a_range_ending_on_its_own_row_unfixed_keeps_to_it_in_a_cell_and_in_a_rule() -> None:
    """Pairs in rows 2 to 5, two new ones written in rows 6 and 7. What ends on row 5 grows
    to row 7, but for a range whose last row is its formula's own (a cell's row, or the first
    row a rule is written for) and has no "$": it is a running count, copied down so."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Pairs"
    sheet["S2"] = "=R2/SUM($R$2:$R$5)"
    sheet["S5"] = "=R5/SUM(R$2:R$5)"  # its own row, fixed: the pairs, grown
    sheet["T4"] = "=SUM($R$2:R4)"  # ends above the last pair
    sheet["T5"] = "=SUM($R$2:R5)"  # a running count in the last pair's row
    sheet["U5"] = "=ROWS($2:5)"  # the same, of whole rows
    sheet["U1"] = "=ROWS($2:$5)"
    sheet.conditional_formatting.add("W5", FormulaRule(formula=["W5>=MAX($R$2:R5)"]))
    sheet.conditional_formatting.add("R2:R5", FormulaRule(formula=["R2>AVERAGE($R$2:$R$5)"]))
    offered = DataValidation(type="list", formula1="$R$2:$R$5")
    offered.add("X2:X5")
    sheet.add_data_validation(offered)
    extend_ranges_down(Workbook(book, Path("pairs.xlsx")), sheet, 5, 7)
    assert [sheet[c].value for c in ("S2", "S5", "T4", "T5", "U5", "U1")] == \
        ["=R2/SUM($R$2:$R$7)", "=R5/SUM(R$2:R$7)", "=SUM($R$2:R4)", "=SUM($R$2:R5)",
         "=ROWS($2:5)", "=ROWS($2:$7)"]
    assert sorted((str(f.sqref), r.formula) for f in sheet.conditional_formatting
                  for r in f.rules) == \
        [("R2:R7", ["R2>AVERAGE($R$2:$R$7)"]), ("W5:W7", ["W5>=MAX($R$2:R5)"])]
    assert [(str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation] == \
        [("X2:X7", "$R$2:$R$7")]
