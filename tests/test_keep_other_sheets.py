"""pair --keep and a pair the administrator moved to a sheet of their own: its two people
were paired again as new, and would have been introduced again, without a word."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner, write_book
from .test_record import people


@pytest.fixture
def moved(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """A pairs workbook whose first pair was cut to a sheet 'Completed', and a 'Contacts'
    sheet of one address a row; the two people of the moved pair, by e-mail."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    write_book(tmp_path / "v.xlsx", people())
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    pairs = book["Pairs"]
    header = [c.value for c in pairs[1]]
    row = [c.value for c in pairs[2]]
    done = book.create_sheet("Completed")
    done.append(header)
    done.append(row)
    pairs.delete_rows(2)
    contacts = book.create_sheet("Contacts")
    contacts.append(["Name", "Email"])
    for someone in people():
        contacts.append([someone["Name"], someone["Email"]])
    book.save(tmp_path / "pairs.xlsx")
    a = row[header.index("A email")]
    b = row[header.index("B email")]
    return str(a), str(b)


def test_a_pair_moved_to_a_sheet_of_ones_own_is_named_when_paired_again(
        run: Runner, moved: tuple[str, str]) -> None:
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run").output.split())
    assert "paired afresh, but row 2 of the sheet 'Completed' (Completed!" in said
    assert "which wessex does not read for pairs, holds a pair of theirs" in said
    assert said.count("holds a pair of theirs") == 1  # the Contacts sheet says nothing
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run", "--json")
    warnings = json.loads(result.stdout)["warnings"]
    assert len(warnings) == 1 and "row 2 of the sheet 'Completed' (Completed!" in warnings[0]
    assert warnings[0].endswith("or they are paired twice.")
    assert "Note: Warning" not in result.stderr and "Warning: " in result.stderr
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "row 2 of the sheet 'Completed'" in said


def test_a_list_of_contacts_alone_says_nothing(run: Runner, moved: tuple[str, str],
                                                tmp_path: Path) -> None:
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    del book["Completed"]  # the pair's row is then on no sheet: kept only with --force
    book.save(tmp_path / "pairs.xlsx")
    said = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run", "--force").output
    assert "holds a pair of theirs" not in said and "pair P001, on the Pairs sheet" in said


def test_the_administrators_sheets_are_read_in_one_opening(
        run: Runner, moved: tuple[str, str], tmp_path: Path,
        calamine_opened: list[str]) -> None:
    # each of the administrator's sheets opened the workbook again: as many openings as
    # sheets, where one reads them all
    opened = calamine_opened
    opened.clear()  # what the setup opened
    run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    with_two = opened.count("pairs.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    for title in ("Notes", "Rota", "Budget"):
        book.create_sheet(title).append(["a note", "not a pair"])
    book.save(tmp_path / "pairs.xlsx")
    opened.clear()
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run").output.split())
    assert opened.count("pairs.xlsx") == with_two  # five sheets of theirs, not two
    assert "row 2 of the sheet 'Completed'" in said and said.count("holds a pair of theirs") == 1


def test_visit_for_someone_whose_partner_withdrew_names_the_pair_not_the_unpaired_sheet(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Dr Marta Juniper's partner Dr Isla Okonkwo withdrew, and the re-pairing found her
    # nobody (the Unpaired sheet lists her): 'visit' said only that the pairing found her no
    # partner, where her half day with Isla, before the withdrawal, belongs on the Withdrawn
    # sheet.
    import shutil

    from .conftest import EXAMPLES

    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path)
    run("pair", "volunteers.xlsx")
    run("withdraw", "pairs.xlsx", "Dr Isla Okonkwo", "--reason", "moved away")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    said = " ".join(run("visit", "pairs.xlsx", "Marta Juniper", "--hosted", "5/5",
                        code=1).output.split())
    assert "Dr Marta Juniper's pair P011 with Dr Isla Okonkwo is on the Withdrawn sheet" in said
    assert "Unpaired sheet" not in said


def test_the_administrators_sheets_are_read_once_when_a_pair_was_moved_there(
        run: Runner, moved: tuple[str, str], calamine_opened: list[str]) -> None:
    """A pair missing from the Pairs sheet has the administrator's sheets read to find it
    (on 'Completed'); 'pair --keep' looked there again for pairs of people paired afresh."""
    calamine_opened.clear()  # what the setup opened
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run").output.split())
    assert "row 2 of the sheet 'Completed'" in said
    # the openings: is it a pairs workbook, its history (Settings), wessex's own sheets,
    # and the administrator's sheets, once
    assert calamine_opened.count("pairs.xlsx") == 4
