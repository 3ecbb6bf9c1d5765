"""What a pairs workbook saved in LibreOffice Calc holds that Excel's seldom does, built here
by hand so that the tests run without LibreOffice: a whole column written as rows 1 to
1,048,576, the sheet's last row written out with a height of its own once the
administrator deleted a row above it, and the record Track Changes keeps of each edit."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .conftest import Runner, write_book
from .test_keep_totals import NEWCOMERS, _add_total
from .test_record import columns, paired, people, status_json, visits_of

__all__ = ["paired"]  # the fixture, used by name

LAST = 1_048_576  # a sheet's last row


def test_whole_columns_end_on_the_last_row_when_new_pairs_move_a_total_down(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A colour rule and a drop-down over whole columns, and a total counting a whole
    column, under the pairs. 'pair --keep' moved the total down for the new pair and pushed
    each range past the sheet's last row: openpyxl refused the colour rule's range and the
    command stopped with an internal error."""
    _add_total(paired)  # the total in row 6, under the four pairs
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    done = get_column_letter(col["A hosts B: done"])
    notes = get_column_letter(col["Notes"])
    sheet.conditional_formatting.add(
        f"{done}1:{done}{LAST}",
        CellIsRule(operator="equal", formula=['"yes"'], fill=PatternFill("solid", "C6EFCE")))
    choice = DataValidation(type="list", formula1='"to chase,chased"', allow_blank=True)
    sheet.add_data_validation(choice)
    choice.add(f"{notes}1:{notes}{LAST}")
    sheet["C6"] = f'=COUNTIF({done}2:{done}{LAST},"yes")'
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["A6"].value == "P005" and sheet["A7"].value == "Total"
    # each still the whole column: as far as the last row, and no further
    assert sheet["C7"].value == f'=COUNTIF({done}2:{done}{LAST},"yes")'
    assert f"{done}1:{done}{LAST}" in [str(f.sqref) for f in sheet.conditional_formatting]
    assert f"{notes}1:{notes}{LAST}" in \
        [str(v.sqref) for v in sheet.data_validations.dataValidation]


def _with_the_last_row(path: Path) -> None:
    """The Pairs sheet's last row written out with a height and no cells, as LibreOffice
    saves a sheet once a row above it was deleted."""
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(
        b"</sheetData>", f'<row r="{LAST}" customFormat="false" ht="12.8" hidden="false" '
                         'customHeight="false" outlineLevel="0" collapsed="false">'
                         '</row></sheetData>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _rows_written(path: Path) -> list[int]:
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    return [int(n) for n in re.findall(r'<row [^>]*?\br="(\d+)"', sheet)]


def test_a_sheet_whose_last_row_libreoffice_wrote_can_still_be_changed(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """After a row was deleted in LibreOffice, 'visit', 'withdraw' and 'pair --keep' each
    refused the workbook as 'too large to change safely'. The last row stays within the
    sheet when new pairs move the rows under the pairs down."""
    _add_total(paired)
    _with_the_last_row(paired)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    assert visits_of(status_json(run), "gp0@example.org")["done"] is True
    write_book(tmp_path / "v.xlsx", [*people(), *NEWCOMERS])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["A6"].value == "P005" and sheet["A7"].value == "Total"
    assert max(_rows_written(paired)) <= LAST  # the last row went, not pushed past it
    run("withdraw", "pairs.xlsx", "ione.gatacre@example.org")
    assert visits_of(status_json(run), "gp0@example.org")["done"] is True


def _with_tracked_changes(path: Path) -> None:
    """The record LibreOffice keeps of an edit while Track Changes records (U2 typed), as it
    saves it: a log of the edits and the list of logs."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/revisions/revisionHeaders.xml",
                         f'<headers xmlns="{main}" guid="{{0}}"><header guid="{{1}}" '
                         'dateTime="2027-05-10T09:00:00" userName="Robin" r:id="rId1" '
                         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                         'relationships"/></headers>')
        archive.writestr("xl/revisions/revisionLog1.xml",
                         f'<revisions xmlns="{main}"><rcc rId="1" sId="1"><nc r="U2" t="n">'
                         '<v>46517</v></nc></rcc></revisions>')


def test_tracked_changes_are_not_dropped_by_a_visit(run: Runner, paired: Path) -> None:
    """With Track Changes recording in LibreOffice, the workbook keeps a record of each
    edit. A visit saved the workbook without it, and nothing said so."""
    _with_tracked_changes(paired)
    before = paired.read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "contains tracked changes, which wessex cannot keep" in said
    assert "Accept or reject the tracked changes and stop recording them" in said
    assert paired.read_bytes() == before


def test_whole_columns_end_on_the_last_row_when_a_pair_is_withdrawn(run: Runner,
                                                                   paired: Path) -> None:
    """A colour rule and a drop-down over whole columns of the Pairs sheet, a count of a
    whole column on a sheet of the administrator's, and colour rules on the Withdrawn sheet.
    Each pair withdrawn left every range that reached the last row of the Pairs sheet one
    row short of it (rows 1 to 1,048,575), where Excel keeps a whole column whole."""
    run("withdraw", "pairs.xlsx", "gp0@example.org")  # the Withdrawn sheet, with one row
    book = openpyxl.load_workbook(paired)
    sheet, withdrawn = book["Pairs"], book["Withdrawn"]
    col = columns(sheet)
    done = get_column_letter(col["A hosts B: done"])
    notes = get_column_letter(col["Notes"])
    green = PatternFill("solid", "C6EFCE")
    sheet.conditional_formatting.add(
        f"{done}1:{done}{LAST}", CellIsRule(operator="equal", formula=['"yes"'], fill=green))
    choice = DataValidation(type="list", formula1='"to chase,chased"', allow_blank=True)
    sheet.add_data_validation(choice)
    choice.add(f"{notes}1:{notes}{LAST}")
    book.create_sheet("Board")["A1"] = f'=COUNTIF(Pairs!{done}2:{done}{LAST},"yes")'
    # on the Withdrawn sheet: a whole column, and a rule whose formula counts one of Pairs
    withdrawn.conditional_formatting.add(
        f"B1:B{LAST}", CellIsRule(operator="equal", formula=['"illness"'], fill=green))
    withdrawn.conditional_formatting.add(
        "A2:A5", FormulaRule(formula=[f"COUNTIF(Pairs!$B$2:$B${LAST},$A2)>0"], fill=green))
    book.save(paired)
    run("withdraw", "pairs.xlsx", "gp1@example.org")
    book = openpyxl.load_workbook(paired)
    sheet, withdrawn = book["Pairs"], book["Withdrawn"]
    assert withdrawn["A3"].value == "Dr GP 1"  # the second pair moved
    assert f"{done}1:{done}{LAST}" in [str(f.sqref) for f in sheet.conditional_formatting]
    assert f"{notes}1:{notes}{LAST}" in \
        [str(v.sqref) for v in sheet.data_validations.dataValidation]
    assert book["Board"]["A1"].value == f'=COUNTIF(Pairs!{done}2:{done}{LAST},"yes")'
    rules = {str(f.sqref): [r.formula for r in f.rules]
             for f in withdrawn.conditional_formatting}
    assert rules == {f"B1:B{LAST}": [['"illness"']],
                     "A2:A5": [[f"COUNTIF(Pairs!$B$2:$B${LAST},$A2)>0"]]}
