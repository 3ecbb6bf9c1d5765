"""pair --keep gives the one pair whose ID cell was emptied or typed over the ID of the one
pair missing from every sheet, and says so: that row is that pair, and the letters sent
name it by that ID. It gave the row a new ID (P031), so the record no longer matched the
letters; with more such rows or more missing pairs, which is which cannot be told, and
each such row still takes a new ID as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .conftest import Runner, newest_backup
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name
# P003 is Dr Callum Whitlow (A) and Dr Winifred Upton (B), in row 4; P004 in row 5.
CALLUM = "Pairs!A4 (Dr Callum Whitlow and Dr Winifred Upton)"


@pytest.fixture
def done(paired: Path) -> Path:
    """The example scheme paired (P001 to P030, test_record_fixes' fixture), Callum's half
    day done on 10 May."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert (sheet["A4"].value, sheet["B4"].value) == ("P003", "Dr Callum Whitlow")
    sheet["U4"], sheet["V4"] = "10/5/2027", "yes"
    book.save(paired)
    return paired


def _ids(path: Path, *cells: str) -> list[object]:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    return [sheet[cell].value for cell in cells]


def _pair_ids(run: Runner) -> list[str]:
    return [p["id"] for p in json.loads(run("status", "pairs.xlsx", "--json").stdout)["pairs"]]


def test_an_emptied_id_is_given_back_when_it_is_the_only_one_missing(
        run: Runner, done: Path) -> None:
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = None
    book.save(done)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Warning: Pair P003, on the Pairs sheet when wessex last wrote this workbook, is "
            f"on no sheet now, and {CALLUM} was blank: the only pair without an ID wessex "
            "wrote, it is taken to be P003, and has its ID back there, as the letters sent "
            "name it. If that row is another pair, empty Pairs!A4 again, and for P003:") in said
    assert "given a new one there" not in said
    assert "on neither the Pairs nor the Withdrawn sheet" not in said
    assert _ids(done, "A4", "V4") == ["P003", "yes"]  # its row, its half day
    ids = _pair_ids(run)
    assert "P003" in ids and "P031" not in ids and len(ids) == 30
    assert "neither the Pairs" not in run("status", "pairs.xlsx").output


def test_an_id_typed_over_is_given_back_and_what_was_typed_is_said(
        run: Runner, done: Path) -> None:
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = "Callum pair"
    book.save(done)
    before = done.read_bytes()
    trial = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
                     .output.split())
    assert (f"{CALLUM} said 'Callum pair': the only pair without an ID wessex wrote, it is "
            "taken to be P003, and would have its ID back there, as the letters sent name "
            "it.") in trial
    assert done.read_bytes() == before
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "If that row is another pair, type 'Callum pair' back in Pairs!A4, and for P003:" \
        in said
    assert _ids(done, "A4") == ["P003"]
    backups = sorted((done.parent / "backups").glob("*.xlsx"))
    assert len(backups) == 1 and _ids(backups[0], "A4") == ["Callum pair"]  # kept there


def test_a_pair_given_its_id_back_and_not_kept_goes_to_the_withdrawn_sheet_under_it(
        run: Runner, done: Path) -> None:
    """Callum is inactive in the volunteer workbook since: his pair moves to the Withdrawn
    sheet with the ID it had, not with the blank, which would leave P003 missing again."""
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = None
    book.save(done)
    volunteers = openpyxl.load_workbook(done.parent / "volunteers.xlsx")
    sheet = volunteers["Volunteers"]
    header = [c.value for c in sheet[3]]  # under the title
    row = next(r for r in range(4, sheet.max_row + 1)
               if sheet.cell(r, header.index("Full name") + 1).value == "Dr Callum Whitlow")
    sheet.cell(row, header.index("Status") + 1).value = "inactive"
    volunteers.save(done.parent / "volunteers.xlsx")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Pair P003 was not kept: Dr Callum Whitlow is no longer active" in said
    withdrawn = openpyxl.load_workbook(done)["Withdrawn"]
    header = [c.value for c in withdrawn[1]]
    assert [r[header.index("Pair")] for r in withdrawn.iter_rows(min_row=2, values_only=True)] \
        == ["P003"]
    assert "neither the Pairs" not in run("status", "pairs.xlsx").output


def test_two_emptied_ids_for_two_missing_pairs_take_new_ones_as_before(
        run: Runner, done: Path) -> None:
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"], book["Pairs"]["A5"] = None, None  # P003 and P004
    book.save(done)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Warning: pairs P003-P004, on the Pairs sheet when wessex last wrote this workbook, " \
        "are on neither the Pairs nor the Withdrawn sheet now (unless they are among the " \
        "pairs in rows 4 and 5 of the Pairs sheet" in said
    assert "has its ID back" not in said
    assert "A kept pair had no ID in its Pair cell, so it was given a new one there: " \
        "Pairs!" in said
    assert _ids(done, "A4", "A5") == ["P031", "P032"]  # numbered on, in name order


def test_status_says_to_type_the_id_back_in_the_one_emptied_cell(run: Runner,
                                                                 done: Path) -> None:
    # status named the row only as "unless it is the pair in row 4", and advised copying
    # P003's row back from a backup or typing it in again: the pair would then be in two
    # rows. The row is there; its ID is what to type back.
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = None
    book.save(done)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert (f"Warning: Pair P003, on the Pairs sheet when wessex last wrote this workbook, is "
            f"on no sheet now, and {CALLUM} is blank: the only pair without an ID wessex "
            "wrote, it is most likely P003. Type P003 in Pairs!A4, or leave it to the next "
            "'wessex pair --keep', which gives it back there. If that row is another pair, "
            "P003's row was deleted:") in said
    assert "on neither the Pairs nor the Withdrawn sheet" not in said


def test_status_says_what_was_typed_over_the_one_id(run: Runner, done: Path) -> None:
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = "see notes"
    book.save(done)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert (f"{CALLUM} says 'see notes': the only pair without an ID wessex wrote, it is most "
            "likely P003. Type P003 in Pairs!A4, or leave it to the next 'wessex pair --keep', "
            "which gives it back there. What the cell says now can go in the pair's Notes. If "
            "that row is another pair, P003's row was deleted:") in said
    assert ") (" not in said  # no two asides side by side


def test_an_id_the_administrator_typed_back_is_not_taken_away(run: Runner, done: Path) -> None:
    # P003's cell emptied while a note was typed over the Settings list: nothing told which
    # pair was missing, so pair --keep numbered the row P031. The administrator types P003
    # back, as the letters sent name it; P031 is then missing and the row's ID one wessex
    # did not write, and pair --keep gave the row P031 back "as the letters sent name it",
    # over the ID typed to match them.
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = None
    settings = book["Settings"]
    listed = next(row[1] for row in settings.iter_rows()
                  if row[0].value == "Pairs when wessex last wrote this workbook")
    listed.value = "see the Pairs sheet"
    book.save(done)
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _ids(done, "A4") == ["P031"]
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = "P003"
    book.save(done)
    # status, before the next pairing: the change is said to be harmless if it was theirs
    # (it advised copying P031's row back, which would have put the pair in two rows)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert ("Pair P031, on the Pairs sheet when wessex last wrote this workbook, is on no "
            f"sheet now, and {CALLUM} says P003, which is none of the IDs wessex last wrote. "
            "If you changed P031 to P003 there (to match the letters sent, say), nothing is "
            "lost, and the next 'wessex pair --keep' records it. If that row is another pair, "
            "P031's row was deleted: copy its row back") in said
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "taken to be P031" not in said
    assert _ids(done, "A4") == ["P003"]
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Type P031 in" not in said and "P031" not in said  # recorded: nothing to say


def _volunteer(done: Path, name: str, column: str, value: str) -> None:
    """Type ``value`` in ``name``'s cell of ``column`` in the volunteer workbook beside."""
    volunteers = openpyxl.load_workbook(done.parent / "volunteers.xlsx")
    sheet = volunteers["Volunteers"]
    header = [c.value for c in sheet[3]]  # under the title
    row = next(r for r in range(4, sheet.max_row + 1)
               if sheet.cell(r, header.index("Full name") + 1).value == name)
    sheet.cell(row, header.index(column) + 1).value = value
    volunteers.save(done.parent / "volunteers.xlsx")


def test_a_row_held_for_an_error_keeps_its_emptied_id_as_it_stands(
        run: Runner, done: Path) -> None:
    """Callum's days to host mistyped, his pair is held (--skip-errors): its row is left
    exactly as it is, the blank Pair cell too, and no ID is given back to it."""
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = None
    book.save(done)
    _volunteer(done, "Dr Callum Whitlow", "Days to host", "Tuesday lunchtime")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
                    .output.split())
    assert "has its ID back" not in said
    assert "is kept as it stands" in said
    assert _ids(done, "A4", "V4") == [None, "yes"]


def test_a_withdrawn_row_without_an_id_may_be_the_missing_pair_so_none_is_given_back(
        run: Runner, done: Path) -> None:
    """P004 withdrawn, its Pair cell on the Withdrawn sheet emptied since, and P003's on the
    Pairs sheet: two rows without an ID for P003, missing, so which is P003 cannot be told.
    Callum's row is numbered afresh, as with two emptied rows."""
    run("withdraw", "pairs.xlsx", str(_ids(done, "B5")[0]), "--reason", "moved away")
    book = openpyxl.load_workbook(done)
    withdrawn = book["Withdrawn"]
    header = [c.value for c in withdrawn[1]]
    assert withdrawn.cell(2, header.index("Pair") + 1).value == "P004"
    withdrawn.cell(2, header.index("Pair") + 1).value = None
    book["Pairs"]["A4"] = None
    book.save(done)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "has its ID back" not in said
    assert "unless it is one of the pairs in row 4 of the Pairs sheet and row 2 of the " \
        "Withdrawn sheet" in said
    assert _ids(done, "A4") == ["P031"]


def test_an_id_cell_holding_a_formula_is_left_to_it(run: Runner, done: Path) -> None:
    """A formula typed in Callum's Pair cell: the row is still given P003 in wessex's
    reading, but the formula, the administrator's, is not written over."""
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"] = '="C"&"W"'
    book.save(done)
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _ids(done, "A4") == ['="C"&"W"']


def test_a_workbook_read_as_history_makes_its_withdrawn_rows_into_records_once(
        run: Runner, done: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case above read as --history reads an earlier workbook (without its side
    sheets): the Withdrawn sheet is made into records once, for the IDs it holds, the pairs
    missing and its rows without an ID alike (it was made three times), and read the same."""
    from wessex_cli import pairs_workbook

    run("withdraw", "pairs.xlsx", str(_ids(done, "B5")[0]), "--reason", "moved away")
    book = openpyxl.load_workbook(done)
    withdrawn = book["Withdrawn"]
    header = [c.value for c in withdrawn[1]]
    withdrawn.cell(2, header.index("Pair") + 1).value = None
    book["Pairs"]["A4"] = None
    book.save(done)
    made = []
    real = pairs_workbook.withdrawn_rows

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pairs_workbook, "withdrawn_rows", counted)
    read = pairs_workbook.read_pairs_workbook(done, side_sheets=False)
    assert read.deleted == ["P003"]  # withdraw took P004 out of the list of pairs written
    assert read.unnamed_withdrawn == [2]
    assert len(made) == 1


def test_a_missing_pair_that_a_row_without_an_id_may_be_says_what_to_type_and_the_way_back(
        run: Runner, done: Path) -> None:
    """P003's row (Callum's half day in it) deleted, and P004, withdrawn, has its Pair cell
    on the Withdrawn sheet emptied: that row may be P003, so pair --keep is not refused, and
    which is which cannot be told (the workbook's only record of a pair's people is its
    row). The warning said only "if its row was deleted, copy it back", and pair --keep
    paired Callum and Winifred afresh, their half day lost, with the same words, where
    copying the row back would put them in two pairs. It now says what to type where, and
    after pair --keep how to undo it; followed, the pair and its half day are back."""
    import shutil

    run("withdraw", "pairs.xlsx", str(_ids(done, "B5")[0]), "--reason", "moved away")
    with_p003 = sorted((done.parent / "backups").glob("*.xlsx"))[-1]
    book = openpyxl.load_workbook(done)
    withdrawn = book["Withdrawn"]
    pair_column = [c.value for c in withdrawn[1]].index("Pair") + 1
    withdrawn.cell(2, pair_column).value = None
    book["Pairs"].delete_rows(4)  # P003's row
    book.save(done)
    found = ("pair P003, on the Pairs sheet when wessex last wrote this workbook, is on "
             "neither the Pairs nor the Withdrawn sheet now (unless it is the pair in row 2 of "
             "the Withdrawn sheet, whose ID is blank or not one wessex wrote). Which is which "
             "cannot be told from the workbook: type in the Pair cell of each of those rows the "
             "ID the letters sent give its pair. If P003 is then in none of them, its row was "
             "deleted")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert (f"Warning: {found}, and the visits recorded there are no longer counted: copy its "
            "row back from the newest copy in backups/ that has it, before 'wessex pair "
            "--keep' pairs its people again as if new. To end a pair, use 'wessex withdraw'; "
            "never delete its row.") in said
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Warning: {found}, and this run paired its people again as if new, the visits "
            f"recorded in its row no longer counted. To undo that, copy "
            f"{newest_backup(done)} back over pairs.xlsx, put its row back into it (copy its "
            "row back from the newest copy in backups/ that has it), and run 'wessex pair "
            "--keep' again.") in said
    assert "Dr Callum Whitlow" not in [r[1] for r in openpyxl.load_workbook(done)["Pairs"]
                                       .iter_rows(min_row=2, max_row=4, values_only=True)]
    # the way back, as said: the previous version, P003's row from the copy that has it,
    # and P004 typed in the Withdrawn row as the letters name it
    shutil.copy(sorted((done.parent / "backups").glob("*.xlsx"))[-1], done)
    source = openpyxl.load_workbook(with_p003)["Pairs"]
    book = openpyxl.load_workbook(done)
    sheet = book["Pairs"]
    sheet.insert_rows(4)
    for column in range(1, source.max_column + 1):
        sheet.cell(4, column).value = source.cell(4, column).value
    book["Withdrawn"].cell(2, pair_column).value = "P004"
    book.save(done)
    assert "Warning" not in run("status", "pairs.xlsx").output
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _ids(done, "A4", "B4", "V4") == ["P003", "Dr Callum Whitlow", "yes"]


def test_two_emptied_ids_for_two_missing_pairs_say_what_to_type(
        run: Runner, done: Path) -> None:
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"], book["Pairs"]["A5"] = None, None  # P003 and P004
    book.save(done)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert ("whose IDs are blank or not ones wessex wrote). Which is which cannot be told "
            "from the workbook: type in the Pair cell of each of those rows the ID the letters "
            "sent give its pair. Any of P003-P004 whose ID is then in none of them had its row "
            "deleted, and the visits recorded there are no longer counted: no copy of "
            "pairs.xlsx in backups/ has their rows, so restore them from a copy of your own, "
            "or type them in again (each pair's ID and people are in the letters sent), "
            "before 'wessex pair --keep' pairs their people again as if new.") \
        in said
    book = openpyxl.load_workbook(done)
    book["Pairs"]["A4"], book["Pairs"]["A5"] = "P003", "P004"  # as the letters name them
    book.save(done)
    assert "Warning" not in run("status", "pairs.xlsx").output
