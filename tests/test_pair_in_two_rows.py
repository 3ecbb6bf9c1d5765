"""A pair's row copied (to keep a second note, say): 'visit' refused, telling the
administrator to say which with '--partner X or --partner X', the same option twice, so the
visit could never be recorded; 'pair --keep' kept the pair twice and counted it as two."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record import paired, row_of

__all__ = ["paired"]  # the fixture, used by name


def copy_row(path: Path, row: int) -> int:
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    below = sheet.max_row + 1
    for column in range(1, sheet.max_column + 1):
        sheet.cell(below, column).value = sheet.cell(row, column).value
    book.save(path)
    return below


def test_a_pair_in_two_rows_is_refused_naming_both(run: Runner, paired: Path) -> None:
    row, _ = row_of(paired, "gp1@example.org")
    below = copy_row(paired, row)
    before = paired.read_bytes()
    for command, so in (
            (["visit", "pairs.xlsx", "gp1@example.org", "--hosted", "4/5/2027"],
             "so wessex cannot tell which row to change."),
            (["pair", "v.xlsx", "--keep", "pairs.xlsx"],
             "so it would be kept twice, as two pairs. Nothing was changed.")):
        said = " ".join(run(*command, code=1).output.split())
        assert f"rows {row} and {below} of the Pairs sheet both hold the pair of" in said
        assert so in said
        assert "Keep one row: move anything typed in the others into it, delete them" in said
        assert "--partner" not in said
    assert paired.read_bytes() == before


def test_withdraw_refuses_a_pair_in_two_rows(run: Runner, paired: Path) -> None:
    """'withdraw' of someone whose pair's row was copied moved both rows to the Withdrawn
    sheet, saying 'Moved the pair ...' twice and 'find X and X a new partner'; it is refused
    naming both rows, as 'visit' and 'pair --keep' are."""
    row, _ = row_of(paired, "gp1@example.org")
    below = copy_row(paired, row)
    before = paired.read_bytes()
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    titles = [cell.value for cell in sheet[1]]
    partner = sheet.cell(row, titles.index("B email" if sheet.cell(
        row, titles.index("A email") + 1).value == "gp1@example.org" else "A email") + 1).value
    for more in ([], ["--partner", str(partner)]):  # naming the partner, the same
        said = " ".join(run("withdraw", "pairs.xlsx", "gp1@example.org", *more,
                            code=1).output.split())
        assert f"rows {row} and {below} of the Pairs sheet both hold the pair of" in said
        assert "so wessex cannot tell which row to change." in said
        assert "Keep one row: move anything typed in the others into it, delete them" in said
    assert paired.read_bytes() == before


def test_status_says_a_pair_stands_in_two_rows(run: Runner, paired: Path) -> None:
    """'visit' and 'pair --keep' refuse a pair copied into two rows; 'status' counted it as
    two pairs and 'render' wrote each letter twice (name.eml and name-2.eml), in silence."""
    row, _ = row_of(paired, "gp1@example.org")
    below = copy_row(paired, row)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"rows {row} and {below} of the Pairs sheet both hold the pair of" in said
    assert "so it is counted twice, and so is each letter to them" in said
