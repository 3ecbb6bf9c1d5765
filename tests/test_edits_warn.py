"""'visit' and 'withdraw' read the pairs workbook they change but kept its warnings to
themselves: a pair deleted by hand, or two rows under one pair ID, went unsaid until the
next 'status'. They say them first, as status does, before the change is made."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

# P010's row (row 11) deleted by hand: status warns of it
DELETED = "pair P010, on the Pairs sheet when wessex last wrote this workbook, is on " \
    "neither the Pairs nor the Withdrawn sheet now"


def _delete_p010(paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    assert book["Pairs"]["A11"].value == "P010"
    book["Pairs"].delete_rows(11)
    book.save(paired)


def test_visit_says_the_workbooks_warnings_before_recording(run: Runner,
                                                            paired: Path) -> None:
    _delete_p010(paired)
    assert DELETED in " ".join(run("status", "pairs.xlsx").output.split())
    said = " ".join(run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "20/5/2027")
                    .output.split())
    assert f"Warning: {DELETED}" in said
    assert said.index(DELETED) < said.index("Recorded: Dr Amelia Ashworth")


def test_withdraw_says_the_workbooks_warnings_before_moving(run: Runner,
                                                            paired: Path) -> None:
    _delete_p010(paired)
    said = " ".join(run("withdraw", "pairs.xlsx", "Amelia Ashworth").output.split())
    assert f"Warning: {DELETED}" in said
    assert said.index(DELETED) < said.index("Moved the pair of Dr Amelia Ashworth")


def test_two_rows_under_one_id_are_said_by_visit(run: Runner, paired: Path) -> None:
    """Row 32 a copy of P004's row (row 5), its people typed over: the letters and 'pair
    --keep' would take the two rows for one pair."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    for column in range(1, sheet.max_column + 1):
        sheet.cell(32, column).value = sheet.cell(5, column).value
    sheet["B32"], sheet["C32"] = "Dr Maryam Kowalczyk", "maryam.kowalczyk@nhs.net"
    book.save(paired)
    said = " ".join(run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "20/5/2027")
                    .output.split())
    assert "Warning: Pairs!A5 and A32 both hold the pair ID P004" in said


def test_withdraw_warns_by_the_scheme_of_the_pairs_workbook(run: Runner,
                                                            paired: Path) -> None:
    # with --in a volunteer workbook in a folder of another scheme.toml, the pairs
    # workbook's warnings were read with that scheme: a half day dated before the start of
    # the pairs workbook's own scheme (19 April 2027) went unsaid, as status says it
    folder = paired.parent
    book = openpyxl.load_workbook(paired)
    assert book["Pairs"]["A3"].value == "P002" and book["Pairs"]["U3"].value is None
    book["Pairs"]["U3"], book["Pairs"]["V3"] = "1/3/2027", "yes"
    book.save(paired)
    for name, place in (("pairs.xlsx", "record"), ("scheme.toml", "record"),
                        ("volunteers.xlsx", "elsewhere")):
        (folder / place).mkdir(exist_ok=True)
        (folder / name).rename(folder / place / name)
    (folder / "elsewhere" / "scheme.toml").write_text("[dates]\nstart = 2027-02-01\n")
    before = "Pairs!U3: the visit is dated 1 March 2027, before the exchange started"
    assert before in " ".join(run("status", "record/pairs.xlsx").output.split())
    said = " ".join(run("withdraw", "record/pairs.xlsx", "Amelia Ashworth", "--reason",
                        "moved", "--in", "elsewhere/volunteers.xlsx").output.split())
    assert before in said
    assert said.index(before) < said.index("Moved the pair")
