"""A volunteer list that keeps each name in two columns (First name, Surname).

SPEC: bad input gets an error naming the cell and the fix. Without a Name column, the fix
offered was "Rename 'Surname' to 'Name'", which pairs, greets and matches people by their
surname alone (two Dr Lees become one name). The fix is to join the two columns.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, write_book

HEADERS = ["Title", "First name", "Surname", "Email address", "Job title", "Practice"]


def test_a_name_split_in_two_columns_is_not_fixed_by_renaming_one(run: Runner,
                                                                   tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        {"Title": "Dr", "First name": "Amy", "Surname": "Lee", "Email address": "amy@example.org",
         "Job title": "GP", "Practice": "Surgery A"}], headers=HEADERS)
    result = run("check", "v.xlsx", code=1)
    text = " ".join(result.output.split())
    assert "Volunteers!B1: the required column Name is missing from the header row (row 1); " \
           "the names are split between 'First name' (B1) and 'Surname' (C1)." in text
    assert "type =B2&\" \"&C2 in its first row and fill it down" in text
    assert "Rename 'Surname'" not in text


def test_a_misspelt_name_header_is_still_told_to_be_renamed(run: Runner,
                                                            tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        {"Ful name": "Amy Lee", "Email": "amy@example.org", "Profession": "GP"}],
        headers=["Ful name", "Email", "Profession"])
    text = " ".join(run("check", "v.xlsx", code=1).output.split())
    assert "Rename 'Ful name' to 'Name'." in text
