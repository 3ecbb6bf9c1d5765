"""``pair --keep`` puts new pairs straight under the last pair, above a total of the
administrator's: they went below it, so the total did not count them and the table was
split in two. A row with no e-mail address on either side is not a pair (the reader's rule)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from .conftest import Runner, person, write_book
from .test_record import columns, paired, people

__all__ = ["paired"]  # the fixture, used by name

NEWCOMERS = [person("Dr Ione Gatacre", "ione.gatacre@example.org", "GP",
                    Organisation="Larkrise Surgery"),
             person("Mr Piers Ottley", "piers.ottley@nhs.net", "Consultant",
                    Organisation="Hollin Vale Hospital")]


def _add_total(paired: Path) -> str:
    """A total under the four pairs (rows 2-5), a note two rows below, and a sheet of the
    administrator's that reads the total; returns the Score column's letter."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    score = get_column_letter(columns(sheet)["Score"])
    sheet["A6"] = "Total"
    sheet["B6"] = "=COUNTA(A2:A5)"
    sheet[f"{score}6"] = f"=SUM({score}2:{score}5)"
    sheet["A8"] = "Checked by the lead"
    book.create_sheet("Board")["A1"] = f"=Pairs!{score}6"
    book.save(paired)
    return score


def test_a_new_pair_goes_above_the_administrators_total(run: Runner, paired: Path,
                                                        tmp_path: Path) -> None:
    score = _add_total(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    # the new pair (P005) straight under the last kept one, in row 6
    assert sheet["A6"].value == "P005"
    assert {sheet.cell(6, col["A email"]).value, sheet.cell(6, col["B email"]).value} == \
        {"ione.gatacre@example.org", "piers.ottley@nhs.net"}
    # the total and the note one row down, the total now over the five pairs
    assert [sheet["A7"].value, sheet["B7"].value, sheet[f"{score}7"].value] == \
        ["Total", "=COUNTA(A2:A6)", f"=SUM({score}2:{score}6)"]
    assert sheet["A8"].value is None and sheet["A9"].value == "Checked by the lead"
    assert sheet.max_row == 9
    assert book["Board"]["A1"].value == f"=Pairs!{score}7"
    assert [sheet.cell(r, 1).value for r in range(2, 7)] == \
        ["P001", "P002", "P003", "P004", "P005"]
    assert ("Your own rows 6 to 8 under the pairs moved down 1 row, with what refers to "
            "them, so that the new pair stands straight under the last pair; a formula's "
            "range that reached the last pair (a total's) reaches the new pairs too.") in said
    assert "Updated pairs.xlsx: 4 pairs kept with their visits and notes, 1 new" in said


def test_when_the_rows_cannot_move_it_says_where_the_new_pair_went(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """Notes merged across the last pair's row and the total's: moving the total down would
    stretch the merge over the new pair, so the pair goes below, and the output says where."""
    score = _add_total(paired)
    book = openpyxl.load_workbook(paired)
    notes = get_column_letter(columns(book["Pairs"])["Notes"])
    book["Pairs"].merge_cells(f"{notes}5:{notes}6")
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["A6"].value == "Total" and sheet[f"{score}6"].value == \
        f"=SUM({score}2:{score}5)"
    assert sheet["A9"].value == "P005"
    assert ("The new pair went to row 9 of the Pairs sheet, below your own rows 6 to 8 under "
            f"the pairs, not straight under the last pair (row 5): the merged cells "
            f"{notes}5:{notes}6 reach across the last pair's row and the row below it, so "
            "wessex did not move your rows. A total there does not count the new pairs: "
            "move them up in Excel.") in said


def test_references_move_as_excel_moves_them_when_rows_go_in() -> None:
    """Two rows inserted at row 6, under the last pair in row 5: at or below row 6 a
    reference moves down two; a range across row 6 grows; a range ending on row 5 grows over
    the new rows only for a formula (a total), never a single cell."""
    from wessex_cli.sheet_rows import _range_down, _repointed

    def joined(ref: str) -> str:  # a range ending on the last pair reaches the new rows
        return _range_down(ref, 6, 2, join=True)

    cases = {"R5": "R5", "R6": "R8", "$R$9": "$R$11", "R2:R9": "R2:R11", "R7:R9": "R9:R11",
             "R2:R5": "R2:R5", "6:6": "8:8", "2:4": "2:4", "R:R": "R:R"}
    assert {ref: _range_down(ref, 6, 2) for ref in cases} == cases
    assert _range_down("R2:R5", 6, 2, join=True) == "R2:R7"
    assert _range_down("R5:R5", 6, 2, join=True) == "R5:R5"
    assert _repointed("=SUM(R2:R5)+Pairs!B6+Other!B6", joined, own=True,
                      sheet_name="Pairs") == "=SUM(R2:R7)+Pairs!B8+Other!B6"
    assert _repointed("=SUM(R2:R5)+'Pairs'!B6", joined, own=False,
                      sheet_name="Pairs") == "=SUM(R2:R5)+'Pairs'!B8"


def test_a_name_for_the_pairs_grows_over_the_new_pairs_as_a_totals_range_does(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A total written through a defined name (=SUM(Scores), Scores being the four pairs'
    scores) counts the new pair as =SUM(R2:R5) does, and a print area that was the pairs
    prints the new pair too: the names stayed on rows 2 to 5, the total left the pair out
    though the output said a total's range reached the new pairs."""
    from openpyxl.workbook.defined_name import DefinedName

    score = _add_total(paired)
    book = openpyxl.load_workbook(paired)
    book.defined_names["Scores"] = DefinedName("Scores", attr_text=f"Pairs!${score}$2:${score}$5")
    book.defined_names["Lead"] = DefinedName("Lead", attr_text=f"Pairs!${score}$3")
    book.defined_names["TheTotal"] = DefinedName("TheTotal", attr_text=f"Pairs!${score}$6")
    book["Pairs"].print_area = "A1:H5"
    book["Board"]["A2"] = "=SUM(Scores)"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    assert book.defined_names["Scores"].attr_text == f"Pairs!${score}$2:${score}$6"
    assert book.defined_names["Lead"].attr_text == f"Pairs!${score}$3"  # one cell: stays
    assert book.defined_names["TheTotal"].attr_text == f"Pairs!${score}$7"  # moved down
    assert book["Pairs"].print_area == "'Pairs'!$A$1:$H$6"
    assert book["Board"]["A2"].value == "=SUM(Scores)"
def test_a_tables_totals_row_stays_out_of_its_filter(run: Runner, paired: Path,
                                                     tmp_path: Path) -> None:
    """The pairs made an Excel table with a totals row (row 6), its filter over the header
    and the pairs only (A1 to row 5), as Excel writes it. The new pair goes in row 6, the
    totals row to row 7; the filter was set to the whole table, totals row and all, which
    Excel repairs on opening (and a sort would move the total in among the pairs)."""
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    last = get_column_letter(sheet.max_column)
    sheet["A6"] = "Total"
    table = Table(displayName="PairsTable", ref=f"A1:{last}6", totalsRowCount=1,
                  autoFilter=AutoFilter(ref=f"A1:{last}5"))
    sheet.add_table(table)
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["A6"].value == "P005" and sheet["A7"].value == "Total"
    table = sheet.tables["PairsTable"]
    assert (table.ref, table.autoFilter.ref) == (f"A1:{last}7", f"A1:{last}6")
def test_the_rows_moved_are_named_as_the_administrator_left_them_and_where_they_are(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """Dr GP 1's pair (row 3) is not kept and two new pairs come: the total (row 6) and the
    note (row 8) go up a row with the pair's and down two for the new pairs. The output
    named them by the rows between ("rows 5 to 7 ... moved down 2 rows"), rows they never
    stood in for the administrator."""
    score = _add_total(paired)
    more = [person("Dr Wenna Polgrain", "wenna.polgrain@example.org", "GP",
                   Organisation="Tremough Practice"),
            person("Ms Osric Vellan", "osric.vellan@nhs.net", "Consultant",
                   Organisation="Hollin Vale Hospital")]
    write_book(tmp_path / "v.xlsx", [p for p in people() if p["Email"] != "gp1@example.org"]
               + NEWCOMERS + more)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert [sheet.cell(r, 1).value for r in range(2, 10)] == \
        ["P001", "P003", "P004", "P005", "P006", "Total", None, "Checked by the lead"]
    assert sheet[f"{score}7"].value == f"=SUM({score}2:{score}6)"
    assert ("Your own rows 6 to 8 under the pairs are now rows 7 to 9, below the new pairs, "
            "with what refers to them, so that the new pairs stand straight under the last "
            "pair;") in said


def test_drop_downs_and_colours_on_another_sheet_follow_the_rows_they_point_at(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A sheet of the administrator's with a drop-down of the Pair IDs (rows 2 to 5 of the
    Pairs sheet), one of the names kept under the pairs (rows 8 to 9), and a cell coloured
    when the total (row 6) is above 0. Its formulas stayed on the old rows once the total
    and the names moved down: the colour read the new pair's score, the list its ID."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    score = _add_total(paired)
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A9"] = "Ms Tamsin Rowe"
    board = book["Board"]
    ids = DataValidation(type="list", formula1="Pairs!$A$2:$A$5")
    ids.add("B1")
    leads = DataValidation(type="list", formula1="Pairs!$A$8:$A$9")
    leads.add("C1")
    board.add_data_validation(ids)
    board.add_data_validation(leads)
    board.conditional_formatting.add("A1", FormulaRule(formula=[f"Pairs!${score}$6>0"],
                                                       fill=PatternFill("solid", "FFC7CE")))
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    assert book["Pairs"]["A7"].value == "Total" and book["Pairs"]["A10"].value == \
        "Ms Tamsin Rowe"
    board = book["Board"]
    assert {str(v.sqref): v.formula1 for v in board.data_validations.dataValidation} == \
        {"B1": "Pairs!$A$2:$A$6", "C1": "Pairs!$A$9:$A$10"}
    assert [rule.formula for formatting in board.conditional_formatting
            for rule in formatting.rules] == [[f"Pairs!${score}$7>0"]]


def test_a_done_worked_out_from_a_cell_under_the_pairs_still_reads_as_done(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """P001's "A hosts B: done" is a formula of the administrator's that reads a cell under
    the pairs (row 8, the lead's mark), saved by Excel with its result, "yes". The new pair
    moves the mark down to row 9 and the formula with it; the result was dropped with the
    old text, so that status read the visit as not done, with a warning, until the
    workbook was opened and saved again."""
    from .test_record import status_json, visits_of, with_cached_formula

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    date = get_column_letter(col["A hosts B: date"])
    done = get_column_letter(col["A hosts B: done"])
    sheet[f"{date}2"] = "2027-05-03"
    sheet["A7"] = "Confirmed by the lead"
    sheet["A8"] = "x"
    book.save(paired)
    with_cached_formula(paired, f"{done}2", '=IF($A$8="x","yes","no")', "yes")
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet[f"{done}2"].value == '=IF($A$9="x","yes","no")'
    assert sheet["A6"].value == "P005" and sheet["A9"].value == "x"
    data = status_json(run)
    host = sheet.cell(2, col["A email"]).value
    assert visits_of(data, host)["done"] is True
