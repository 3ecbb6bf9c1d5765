"""A Pairs sheet sorted with its header row (the whole sheet selected, 'My data has headers'
not ticked): the header goes below the pairs, "Pair" sorting after "P030". Every pair was
then above the header and read as a title: status said all thirty pairs had been deleted
and to type them in again, visit found nobody, and pair --keep offered --force to pair
everyone afresh. The command now refuses, naming the header's cell and the way back."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _sort_with_header(path: Path, sheet_name: str = "Pairs") -> None:
    """Sort every row of the sheet, the header among them, by its first cell, as Excel does
    A to Z when it is not told the first row is a header."""
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_name]
    rows = sorted(([c.value for c in row] for row in sheet.iter_rows()),
                  key=lambda row: str(row[0]))
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(number, column).value = value
    book.save(path)


WAY_BACK = ("Put the header row back above the pairs: in Excel, undo the sort (Ctrl+Z), or "
            "cut row 31 and insert it above row 1. To sort the pairs, tick 'My data has "
            "headers' in Data > Sort.")


def test_status_visit_and_keep_refuse_a_header_sorted_below_the_pairs(run: Runner,
                                                                       paired: Path) -> None:
    _sort_with_header(paired)
    before = paired.read_bytes()
    for args in (("status", "pairs.xlsx"),
                 ("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "12/5/2027"),
                 ("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")):
        said = " ".join(run(*args, code=1).output.split())
        # each names the workbook too (visit named only the cell)
        assert ("pairs.xlsx, Pairs!A31: the header row is below 30 rows of pairs (rows 1 to "
                "30), which "
                "would be read as titles above it: the sheet was sorted with its header "
                "row, perhaps.") in said, args
        assert WAY_BACK in said, args
        assert "type them in again" not in said and "--force" not in said, args
    assert paired.read_bytes() == before


def test_a_title_above_the_header_is_still_a_title(run: Runner, paired: Path) -> None:
    # one address above the header, in a line of the administrator's: no pair
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.insert_rows(1)
    sheet["A1"], sheet["C1"] = "Eastshire exchange", "eastshire.exchange@nhs.net"
    book.save(paired)
    assert "header row is below" not in run("status", "pairs.xlsx").output


def test_a_withdrawn_sheet_sorted_with_its_header_is_refused(run: Runner, paired: Path) -> None:
    # its pairs read as titles, their people would be paired again by pair --keep
    run("withdraw", "pairs.xlsx", "Amelia Ashworth", "--reason", "moved away")
    run("withdraw", "pairs.xlsx", "Callum Whitlow", "--reason", "retired")
    _sort_with_header(paired, "Withdrawn")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                    .output.split())
    assert ("Withdrawn!A3: the header row is below 2 rows of pairs (rows 1 to 2), which would "
            "be read as titles above it") in said
    assert "cut row 3 and insert it above row 1" in said


def test_a_sheet_of_more_pairs_than_rows_looked_at_for_a_header_is_refused_alike(
        run: Runner, paired: Path) -> None:
    # 60 pairs, sorted with the header: the header goes to row 61, past the 50 rows a header
    # is looked for in, and the sheet was refused for having no header row at all, with no
    # word of the sort or the way back
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = {c.value: c.column for c in sheet[1]}
    for row in range(2, 32):
        values = [c.value for c in sheet[row]]
        values[col["Pair"] - 1] = f"P{row + 29:03d}"  # P031 to P060
        for title in ("A email", "B email"):
            values[col[title] - 1] = "more." + values[col[title] - 1]
        sheet.append(values)
    book.save(paired)
    _sort_with_header(paired)
    for args in (("status", "pairs.xlsx"),
                 ("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "12/5/2027")):
        said = " ".join(run(*args, code=1).output.split())
        assert ("Pairs!A61: the header row is below 60 rows of pairs (rows 1 to 60), which "
                "would be read as titles above it") in said, args
        assert "cut row 61 and insert it above row 1" in said, args
