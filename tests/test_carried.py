"""SPEC: a volunteer's notes are "carried through", and "unknown extra columns are kept and
carried through to outputs": to the pairs workbook (after the tracking columns, one set for
each person of the pair) and to the mail-merge source, never into a decision or a letter."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from wessex_cli.mailmerge import merge_field
from wessex_cli.pairs_workbook import read_pairs_workbook

from .conftest import HEADERS, Runner, person, write_book

ROSTER_HEADERS = [*HEADERS, "Comments", "Line manager", "Parking"]


def _people(hamza_notes: str = "Keen to meet a GP with a diabetes interest") -> list[dict]:
    return [
        person("Dr Amelia Ashworth", "amelia.ashworth@nhs.net", "GP",
               Organisation="Harbourside Surgery", **{"Line manager": "Dr Rhys Penhallow",
                                                      "Comments": ""}),
        person("Dr Hamza Eversley", "hamza.eversley@nhs.net", "Consultant",
               Organisation="Eastshire General Hospital - Orthopaedics",
               **{"Comments": hamza_notes, "Parking": "Staff car park B"}),
    ]


@pytest.fixture
def paired(run: Runner, tmp_path: Path) -> Path:
    write_book(tmp_path / "v.xlsx", _people(), ROSTER_HEADERS)
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    return tmp_path / "pairs.xlsx"


def _pairs_sheet(path: Path) -> tuple[list[str], list[object]]:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    return [c.value for c in sheet[1]], [c.value for c in sheet[2]]


def test_notes_and_extra_columns_follow_the_tracking_columns_of_the_pairs_sheet(
        paired: Path) -> None:
    headers, row = _pairs_sheet(paired)
    assert headers[headers.index("Notes") + 1:] == [
        "A notes", "A Line manager", "A Parking", "B notes", "B Line manager", "B Parking"]
    carried = dict(zip(headers, row, strict=True))
    assert (carried["A name"], carried["B name"]) == ("Dr Amelia Ashworth", "Dr Hamza Eversley")
    assert carried["A Line manager"] == "Dr Rhys Penhallow"
    assert carried["B notes"] == "Keen to meet a GP with a diabetes interest"
    assert carried["B Parking"] == "Staff car park B"
    assert carried["A notes"] is None and carried["A Parking"] is None  # blank stays blank
    assert carried["Notes"] is None  # the pair's own notes are the administrator's to write


def test_the_reader_gives_each_person_their_notes_and_columns(paired: Path) -> None:
    (pair,) = read_pairs_workbook(paired).pairs
    assert pair.a.notes == "" and pair.b.notes == "Keen to meet a GP with a diabetes interest"
    assert pair.a.extra == (("Line manager", "Dr Rhys Penhallow"), ("Parking", ""))
    assert pair.b.extra == (("Line manager", ""), ("Parking", "Staff car park B"))


def test_a_column_the_administrator_adds_to_the_pairs_sheet_is_nobodys(paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(1, sheet.max_column + 1).value = "Room booked"
    sheet.cell(2, sheet.max_column).value = "Room 4"
    book.save(paired)
    (pair,) = read_pairs_workbook(paired).pairs
    assert [t for t, _ in pair.a.extra] == [t for t, _ in pair.b.extra] == \
        ["Line manager", "Parking"]
    assert pair.value("Room booked") == "Room 4"


def test_the_mail_merge_source_carries_them_under_names_word_accepts(run: Runner,
                                                                      paired: Path) -> None:
    run("mailmerge", "pairs.xlsx", "-o", "merge.csv", "--allow-placeholders")
    text = (paired.parent / "merge.csv").read_text("utf-8-sig")
    rows = {r["Email"]: r for r in csv.DictReader(io.StringIO(text))}
    hamza = rows["hamza.eversley@nhs.net"]
    assert (hamza["Notes"], hamza["Parking"], hamza["LineManager"]) == \
        ("Keen to meet a GP with a diabetes interest", "Staff car park B", "")
    assert (hamza["PartnerLineManager"], hamza["PartnerNotes"]) == ("Dr Rhys Penhallow", "")
    amelia = rows["amelia.ashworth@nhs.net"]
    assert amelia["PartnerParking"] == "Staff car park B"
    assert amelia["PartnerNotes"] == "Keen to meet a GP with a diabetes interest"


def test_the_mail_merge_from_the_volunteer_workbook_carries_them_too(run: Runner,
                                                                      tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", _people(), ROSTER_HEADERS)
    run("mailmerge", "v.xlsx", "-o", "merge.csv", "--allow-placeholders")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "merge.csv").read_text("utf-8-sig"))))
    assert [(r["Email"], r["LineManager"], r["Parking"], r["Notes"]) for r in rows] == [
        ("amelia.ashworth@nhs.net", "Dr Rhys Penhallow", "", ""),
        ("hamza.eversley@nhs.net", "", "Staff car park B",
         "Keen to meet a GP with a diabetes interest")]


def test_keep_refreshes_them_from_the_volunteer_workbook_and_keeps_the_tracking(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A hosts B: date") + 1).value = "4/5/2027"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", _people("Now prefers Thursdays"), ROSTER_HEADERS)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    headers, row = _pairs_sheet(paired)
    carried = dict(zip(headers, row, strict=True))
    assert carried["B notes"] == "Now prefers Thursdays"
    assert carried["A hosts B: date"] == "4/5/2027"


def test_an_extra_column_that_would_read_as_one_of_wessexs_own_is_not_carried(
        run: Runner, tmp_path: Path) -> None:
    """A second Email column is kept as an extra; as "A Email" it would be read back as the
    person's address, so it stays in the volunteer workbook only."""
    headers = [*HEADERS, "Email"]
    rows = [{**p, "Email": p["Email"]} for p in _people()]
    write_book(tmp_path / "v.xlsx", rows, headers)
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    written, _ = _pairs_sheet(tmp_path / "pairs.xlsx")
    assert written.count("A email") == 1 and "A Email" not in written
    (pair,) = read_pairs_workbook(tmp_path / "pairs.xlsx").pairs
    assert pair.a.email == "amelia.ashworth@nhs.net"


@pytest.mark.parametrize(("title", "taken", "field"), [
    ("Line manager", set(), "LineManager"),
    ("NHS number", set(), "NHSNumber"),
    ("Siân’s côté", set(), "SiansCote"),  # accents dropped, the apostrophe joins
    ("2nd site", set(), "Column2ndSite"),  # a merge field begins with a letter
    ("!!", set(), "Column"),
    ("Notes", {"Notes"}, "Notes2"),  # never one already taken
    ("Room booked " * 5, set(), "RoomBookedRoomBookedRoomBookedRoomBooked"),  # 40 at most
])
def test_merge_field_names(title: str, taken: set[str], field: str) -> None:
    assert merge_field(title, taken) == field
