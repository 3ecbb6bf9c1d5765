"""A date typed without its year ("4/5", "Tue 4 May") is the scheme's year to 'status', and
now to 'visit' too: recording that same visit changed the workbook (and pushed out a backup)
'replacing' a date it could not read, and a different date did not say which visit it
replaced."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_record import columns, paired, row_of, status_json, visits_of

__all__ = ["paired"]  # the fixture, used by name


@pytest.mark.parametrize("typed", ["4/5", "Tue 4 May", "4th May"])
def test_a_visit_typed_without_its_year_is_already_recorded(run: Runner, paired: Path,
                                                            typed: str) -> None:
    row, side = row_of(paired, "gp1@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    sheet.cell(row, col[f"{side} hosts {other}: date"]).value = typed
    sheet.cell(row, col[f"{side} hosts {other}: done"]).value = "yes"
    book.save(paired)
    assert visits_of(status_json(run), "gp1@example.org")["date"] == "2027-05-04"
    before = paired.read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", "gp1@example.org", "--hosted",
                        "4/5/2027").output.split())
    assert said.startswith("Nothing to change:") and "already recorded" in said
    assert paired.read_bytes() == before
    said = " ".join(run("visit", "pairs.xlsx", "gp1@example.org", "--hosted",
                        "6/5/2027").output.split())
    assert "replacing the visit recorded as done on 4 May 2027" in said


@pytest.mark.parametrize(("typed", "meant"), [
    ("Mon 10 Jan", "2028-01-10"), ("10/1", "2028-01-10"), ("29/2", "2028-02-29"),
    ("4 Nov", "2027-11-04"), ("10/1/2027", "2027-01-10")])
def test_a_day_without_its_year_in_a_scheme_over_new_year_is_in_the_scheme(
        typed: str, meant: str) -> None:
    # a scheme from November 2027 to February 2028: "Mon 10 Jan" was refused as "10 January
    # 2027 is a Sunday", and 'visit --hosted 10/1' as before the start
    import datetime as dt

    from wessex_cli.dates import parse_date
    from wessex_cli.scheme import Scheme

    scheme = Scheme(start=dt.date(2027, 11, 1), end=dt.date(2028, 2, 28))
    assert str(parse_date(typed, scheme.year)) == meant
    # a scheme within one year reads every month in it
    assert str(parse_date("10/1", Scheme(start=dt.date(2027, 1, 4)).year)) == "2027-01-10"


def test_visit_in_a_scheme_over_new_year(run: Runner, paired: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (paired.parent / "scheme.toml").write_text("[dates]\nstart = 2027-11-01\n"
                                               "end = 2028-02-28\n")
    monkeypatch.setenv("WESSEX_TODAY", "2028-02-01")
    said = " ".join(run("visit", "pairs.xlsx", "gp1@example.org", "--hosted",
                        "Mon 10 Jan").output.split())
    assert "hosted on 10 January 2028" in said
    assert visits_of(status_json(run), "gp1@example.org")["date"] == "2028-01-10"
