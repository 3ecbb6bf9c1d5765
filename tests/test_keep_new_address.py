"""An e-mail address corrected in the volunteer workbook: --keep said the person was 'no
longer in the volunteer workbook', moved their pair (its visits and notes) to the Withdrawn
sheet and paired both of them again. The one volunteer of the same name is taken to be them,
and the pair is kept with its row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from .conftest import Runner, write_book
from .test_record import columns, paired, people, row_of, status_json, visits_of

__all__ = ["paired"]  # the fixture, used by name


def test_a_corrected_address_keeps_the_pair_and_its_visit(run: Runner, paired: Path,
                                                          tmp_path: Path) -> None:
    row, side = row_of(paired, "gp1@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    pair_id = sheet.cell(row, col["Pair"]).value
    sheet.cell(row, col[f"{side} hosts {other}: date"]).value = dt.datetime(2027, 5, 6)
    sheet.cell(row, col[f"{side} hosts {other}: done"]).value = "yes"
    sheet.cell(row, col["Notes"]).value = "met on the ward"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [dict(p, Email="gp.one@example.org")
                                     if p["Email"] == "gp1@example.org" else p
                                     for p in people()])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "e-mail is gp.one@example.org in the volunteer workbook, gp1@example.org in the " \
        "pairs workbook; taken to be the same person by name" in said
    after = openpyxl.load_workbook(paired)
    assert "Withdrawn" not in after.sheetnames
    sheet = after["Pairs"]
    assert sheet.cell(row, col["Pair"]).value == pair_id
    assert sheet.cell(row, col[f"{side} email"]).value == "gp.one@example.org"
    assert sheet.cell(row, col["Notes"]).value == "met on the ward"
    assert visits_of(status_json(run), "gp.one@example.org")["done"] is True


def test_two_volunteers_of_that_name_are_not_guessed_between(run: Runner, paired: Path,
                                                             tmp_path: Path) -> None:
    volunteers = [dict(p, Email="gp.one@example.org") if p["Email"] == "gp1@example.org"
                  else p for p in people()]
    twin = dict(next(p for p in volunteers if p["Email"] == "gp.one@example.org"),
                Email="other.gp1@example.org", Organisation="Practice 11")
    write_book(tmp_path / "v.xlsx", [*volunteers, twin])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "taken to be the same person" not in said
    assert "is no longer in the volunteer workbook" in said


def test_someone_who_withdrew_is_not_paired_afresh_under_a_corrected_address(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    # The Withdrawn sheet keeps someone who left out of every re-pairing, even while the
    # volunteer workbook says active; by address only, so an address corrected there since
    # (as --keep now follows for a kept pair) paired them afresh, introduction and all
    write_book(tmp_path / "v.xlsx", people())
    run("withdraw", "pairs.xlsx", "gp1@example.org", "--reason", "moved away")
    write_book(tmp_path / "v.xlsx", [dict(p, Email="gp.one@example.org")
                                     if p["Email"] == "gp1@example.org" else p
                                     for p in people()])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "withdrew on" in said and "left out" in said
    hosts = {v["host"] for p in status_json(run)["pairs"] for v in p["visits"]}  # type: ignore[attr-defined]
    assert "gp.one@example.org" not in hosts
