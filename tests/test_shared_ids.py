"""Two rows under one pair ID: a pair typed in by hand with the ID of the row above copied
with it. 'pair --keep' knows a pair by its ID, so it kept the two rows as one, writing the
hand-typed pair over the other: Wilf Umeh's pair was gone from the sheet, and nothing was
said. Every reading now warns of the rows by their cells, and pair --keep refuses."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from wessex_cli.model import PairRecord, PairsWorkbook, Person
from wessex_cli.pairs_workbook import rows_sharing_an_id

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _second_row_as_p030(paired: Path) -> None:
    """Row 32: the unpaired Maryam Kowalczyk with P030's partner, typed by copying row 31
    (P030, Wilf Umeh and Prof Jude Greaves), its ID with it."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert (sheet["A31"].value, sheet["B31"].value, sheet.max_row) == ("P030", "Wilf Umeh", 31)
    for column in range(1, sheet.max_column + 1):
        sheet.cell(32, column).value = sheet.cell(31, column).value
    sheet["B32"], sheet["C32"] = "Dr Maryam Kowalczyk", "maryam.kowalczyk@nhs.net"
    sheet["D32"], sheet["G32"] = None, "Westcliff Medical Group"
    book.save(paired)


def test_two_rows_under_one_id_are_warned_of_and_not_kept_as_one(run: Runner,
                                                                  paired: Path) -> None:
    _second_row_as_p030(paired)
    run("visit", "pairs.xlsx", "Maryam Kowalczyk", "--hosted", "20/5/2027")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert ("Pairs!A31 and A32 both hold the pair ID P030 (Wilf Umeh and Prof Jude Greaves; "
            "Dr Maryam Kowalczyk and Prof Jude Greaves)") in said
    assert "Keep the ID in the row of the pair whose letters name it" in said
    scripted = run("status", "pairs.xlsx", "--json")  # the warnings beside the JSON
    assert "both hold the pair ID P030" in " ".join(scripted.stderr.split())
    assert len(json.loads(scripted.stdout)["pairs"]) == 31

    before = paired.read_bytes()
    refused = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                       .output.split())
    assert "Pairs!A31 and A32 both hold the pair ID P030" in refused
    assert "Nothing was changed" in refused
    assert paired.read_bytes() == before

    # the way out the message gives: the hand-typed row's Pair cell emptied
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A32"] = None
    book.save(paired)
    assert "both hold" not in run("status", "pairs.xlsx").output
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    pairs = json.loads(run("status", "pairs.xlsx", "--json").stdout)["pairs"]
    by_id = {p["id"]: p for p in pairs}
    assert by_id["P030"]["a"]["name"] == "Wilf Umeh"
    assert by_id["P031"]["a"]["name"] == "Dr Maryam Kowalczyk"
    assert [v["done"] for v in by_id["P031"]["visits"]] == [True, False]  # her half day kept


def test_a_pairs_row_copied_is_said_once(run: Runner, paired: Path) -> None:
    # the same pair in two rows, under its ID: the copied-row warning says it, alone
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    for column in range(1, sheet.max_column + 1):
        sheet.cell(32, column).value = sheet.cell(31, column).value
    book.save(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "rows 31 and 32 of the Pairs sheet both hold the pair of Wilf Umeh and Prof Jude " \
        "Greaves, so it is counted twice" in said
    assert "both hold the pair ID" not in said


def _row(pair_id: str, row: int, a: tuple[str, str], b: tuple[str, str]) -> PairRecord:
    return PairRecord(pair_id, Person(name=a[0], email=a[1]), Person(name=b[0], email=b[1]),
                      row=row)


ANN, BO = ("Ann Ash", "ann@example.org"), ("Bo Birch", "bo@example.org")
CY, DI = ("Cy Cole", "cy@example.org"), ("Di Dunn", "di@example.org")


def test_three_rows_under_one_id_are_named_as_a_list_of_one_sheets_cells() -> None:
    # the sheet named once, before the first cell, as for two rows ("Pairs!A31 and A32"):
    # the middle cell kept its own "Pairs!"
    book = PairsWorkbook(Path("pairs.xlsx"), ["Pair"], [
        _row("P030", 31, ANN, BO), _row("P030", 32, CY, BO), _row("P030", 33, DI, ANN)])
    assert rows_sharing_an_id(book) == [
        "Pairs!A31, A32 and A33 all hold the pair ID P030 (Ann Ash and Bo Birch; Cy Cole and "
        "Bo Birch; Di Dunn and Ann Ash)"]


def test_a_row_copied_without_an_address_is_warned_of_as_an_id_held_twice() -> None:
    # model.copied_rows names a pair copied only when each of its people has an address:
    # this copy would be said by nobody else
    nameless = ("Ann Ash", "")
    book = PairsWorkbook(Path("pairs.xlsx"), ["Pair"], [
        _row("P004", 5, nameless, BO), _row("P004", 6, nameless, BO)])
    assert rows_sharing_an_id(book) == [
        "Pairs!A5 and A6 both hold the pair ID P004 (Ann Ash and Bo Birch; Ann Ash and "
        "Bo Birch)"]


def test_every_id_two_rows_share_is_named(run: Runner, paired: Path) -> None:
    # two IDs each under two rows: pair --keep named only the first, and once it was mended
    # refused again for the second
    _second_row_as_p030(paired)
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert (sheet["A30"].value, sheet["B30"].value) == ("P029", "Vivienne Thackeray")
    for column in range(1, sheet.max_column + 1):
        sheet.cell(33, column).value = sheet.cell(30, column).value
    sheet["B33"], sheet["C33"] = "Ines Okafor", "ines.okafor@example.org"
    book.save(paired)
    refused = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                       .output.split())
    assert "Pairs!A31 and A32 both hold the pair ID P030" in refused
    assert "Pairs!A30 and A33 both hold the pair ID P029" in refused
