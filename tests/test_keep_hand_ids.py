"""A pair kept under an ID of the administrator's own ('X3') was on the Pairs sheet when
wessex last wrote it: it is no row whose ID was emptied or typed over since. It was left out
of the Settings sheet's list of the pairs wessex wrote, so every later reading took its row
for one that might be a pair deleted by hand: a row of P010 deleted next was given back as
X3's row (X3 renamed P010, the letters of both pairs then naming the wrong people), where
pair --keep refuses a pair deleted with no row that may be it."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


# how a note typed in the list would be told from X3, an ID of the administrator's own
OWN_X3 = "('X3' is an ID of your own, as the Settings sheet's list 'Pairs when wessex last " \
    "wrote this workbook' gives it: if it is a note typed there, not a pair's ID, move it to " \
    "column C of that row.)"


def _keep_x3(run: Runner, paired: Path) -> None:
    """P003's ID typed over as 'X3' and P004's emptied, kept by pair --keep: two rows for
    the two pairs missing, so X3 stays and P004's row is numbered afresh."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert (sheet["A4"].value, sheet["A5"].value, sheet["A11"].value) == \
        ("P003", "P004", "P010")
    sheet["A4"], sheet["A5"] = "X3", None
    book.save(paired)
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert openpyxl.load_workbook(paired)["Pairs"]["A4"].value == "X3"


def test_a_row_deleted_next_is_not_given_back_as_the_hand_numbered_pairs_row(
        run: Runner, paired: Path) -> None:
    _keep_x3(run, paired)
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(11)  # P010's row, deleted by hand
    book.save(paired)
    before = paired.read_bytes()
    refused = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                       .output.split())
    assert "Pair P010, on the Pairs sheet when wessex last wrote this workbook, is on " \
        "neither the Pairs nor the Withdrawn sheet now" in refused
    assert "Nothing was changed" in refused
    assert paired.read_bytes() == before
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert "unless" not in status  # X3's row is named as no row that may be P010
    assert "is not a pair ID" not in status  # X3, listed, is read as the ID it is


def test_the_hand_numbered_pairs_row_deleted_is_a_pair_deleted(run: Runner,
                                                                paired: Path) -> None:
    """X3's own row deleted by hand: X3, listed, is held by no pair now, and was read as
    text typed in the list ("'X3' is not a pair ID"), so pair --keep paired Callum and
    Winifred afresh and their visits were lost. It is a pair deleted, as P010 would be."""
    _keep_x3(run, paired)
    book = openpyxl.load_workbook(paired)
    assert book["Pairs"]["A4"].value == "X3"
    book["Pairs"]["U4"], book["Pairs"]["V4"] = "10/5/2027", "yes"
    book.save(paired)
    book["Pairs"].delete_rows(4)  # X3's row, its half day with it
    book.save(paired)
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert "is not a pair ID" not in status
    assert "Warning: pair X3, on the Pairs sheet when wessex last wrote this workbook, is on " \
        f"neither the Pairs nor the Withdrawn sheet now. {OWN_X3} If its row was deleted, " \
        "the visits recorded there are no longer counted: copy its row back from the newest " \
        "copy in backups/ that has it." in status
    before = paired.read_bytes()
    refused = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                       .output.split())
    assert "Pair X3, on the Pairs sheet when wessex last wrote this workbook, is on neither " \
        f"the Pairs nor the Withdrawn sheet now. {OWN_X3} Pairing again now would lose the " \
        "visits recorded in its row for good. Nothing was changed." in refused
    assert paired.read_bytes() == before


def test_text_typed_in_the_list_is_no_id_unless_shaped_like_one() -> None:
    """An ID of the administrator's own, listed, is read as one when no pair holds it now
    (its row deleted) if it is one word of letters and figures ('X3', 'CW-12'); words,
    sentences and dates typed beside the IDs are text, as before."""
    from wessex_cli.pairs_workbook import PAIRS_SETTING, written_pairs

    found, said = written_pairs([[PAIRS_SETTING, "P001, CW-12, X3, note, checked by Sam, "
                                  "1/6/2027, 27-05"]])
    assert found == {"P001", "CW-12", "X3"}
    assert said[0].startswith("Settings!B1: 'note', 'checked by Sam', '1/6/2027', '27-05' are "
                              "not pair IDs")
