"""Dates and deadlines at their edges, with today pinned by ``WESSEX_TODAY``.

SPEC: `wessex status` shows "each visit done / dated / owed, overdue after the end date";
`wessex plan` gives each e-mail's date with warnings for bank holidays; the tracking
columns take dates as the administrator types them (README: dates as dates, serial numbers
or text in UK order, 4/5/2027 is 4 May).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .conftest import Runner

PEOPLE = ("Name,Email,Profession,Organisation\n"
          "Dr Amelia Ashworth,amelia.ashworth@nhs.net,GP,Harbourside Surgery\n"
          "Oliver Pemberton,oliver.pemberton@nhs.net,Consultant,Wessex General Hospital\n")


def paired(run: Runner, end: str) -> None:
    (run.folder / "scheme.toml").write_text(
        f'[scheme]\nname = "Test exchange"\n\n[dates]\nstart = 2027-05-04\nend = {end}\n',
        encoding="utf-8")
    (run.folder / "v.csv").write_text(PEOPLE, encoding="utf-8")
    run("pair", "v.csv")


def status(run: Runner, monkeypatch: pytest.MonkeyPatch, today: str) -> Any:
    monkeypatch.setenv("WESSEX_TODAY", today)
    return json.loads(run("status", "pairs.xlsx", "--json").stdout)


# 12 July 2027 is an ordinary Monday; 30 August 2027 is England's summer bank holiday.
@pytest.mark.parametrize("end", ["2027-07-12", "2027-08-30"])
def test_not_overdue_on_the_end_day(run: Runner, monkeypatch: pytest.MonkeyPatch,
                                    end: str) -> None:
    """Overdue after the end date: on the end day itself (even a bank holiday) a visit still
    owed is owed, not overdue."""
    paired(run, end)
    found = status(run, monkeypatch, end)
    assert found["summary"]["overdue"] == 0
    assert found["summary"]["visits_owed"] == 2
    assert [p["overdue"] for p in found["pairs"]] == [False]


@pytest.mark.parametrize(("end", "day_after"), [("2027-07-12", "2027-07-13"),
                                                ("2027-08-30", "2027-08-31")])
def test_overdue_the_day_after_the_end(run: Runner, monkeypatch: pytest.MonkeyPatch,
                                       end: str, day_after: str) -> None:
    """Overdue after the end date: the day after the end, a pair with a visit owed is
    overdue (a bank holiday end date moves nothing)."""
    paired(run, end)
    found = status(run, monkeypatch, day_after)
    assert found["summary"]["overdue"] == 1
    assert [p["overdue"] for p in found["pairs"]] == [True]


def test_the_summary_counts_pairs_overdue_not_visits(run: Runner,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """One pair owing both its visits after the end: the summary says one pair overdue
    (the count is of pairs, as its JSON's is), beside the two visits owed."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-13")
    text = " ".join(run("status", "pairs.xlsx").stdout.split())
    assert "0 of 2 visits done; 1 pair overdue; the exchange period has ended." in text


def test_both_visits_done_is_never_overdue(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Overdue means a visit still owed after the end date: a pair whose two visits are
    done is not overdue, however late it is."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "1/6/2027")
    run("visit", "pairs.xlsx", "Oliver Pemberton", "--hosted", "today")
    found = status(run, monkeypatch, "2028-01-01")
    summary = found["summary"]
    assert (summary["overdue"], summary["complete"], summary["visits_done"],
            summary["visits_owed"]) == (0, 1, 2, 0)
    assert [v["date"] for v in found["pairs"][0]["visits"]] == ["2027-06-01", "2027-06-01"]


def test_one_visit_done_one_owed_is_overdue(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both half-day visits must happen before the end date: one done and one owed is
    overdue the day after the end."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "1/6/2027")
    found = status(run, monkeypatch, "2027-07-13")
    assert found["summary"]["overdue"] == 1 and found["summary"]["visits_done"] == 1


# Each form a date may be typed in, all meaning Tuesday 4 May 2027 (today pinned to it).
# Digits alone ("46511") are refused as typed text: see test_terminal.
TYPED = ["4/5/2027", "04/05/2027", "4/5/27", "4.5.2027", "2027-05-04", "4 May 2027",
         "4 May", "Tuesday 4 May 2027", "May 4, 2027", "today"]


@pytest.mark.parametrize("typed", TYPED)
def test_visit_date_typed_in_each_accepted_form(run: Runner, monkeypatch: pytest.MonkeyPatch,
                                                typed: str) -> None:
    """Dates in UK order (4/5/2027 is 4 May), ISO, words, "today" or an Excel serial number
    all record the same day."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-04")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", typed)
    found = status(run, monkeypatch, "2027-05-04")
    assert found["pairs"][0]["visits"][0] == {
        "host": "amelia.ashworth@nhs.net", "visitor": "oliver.pemberton@nhs.net",
        "date": "2027-05-04", "done": True, "state": "done"}


def test_visit_hosted_yesterday(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A visit is most often recorded the day after it: "yesterday" on Wednesday 5 May 2027
    is Tuesday 4 May."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-05")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", " Yesterday ")
    found = status(run, monkeypatch, "2027-05-05")
    assert found["pairs"][0]["visits"][0]["date"] == "2027-05-04"


def test_yesterday_before_the_start_is_not_told_to_check_the_day_first_order(
        run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the start day, "yesterday" is before the exchange: refused, as a date typed so
    is, but with no advice about the order of day and month, which a word has not got."""
    paired(run, "2027-07-12")  # the exchange starts on Tuesday 4 May 2027
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-04")
    said = " ".join(run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "yesterday",
                        code=1).output.split())
    assert "the visit date 3 May 2027 is before the exchange starts (4 May 2027), so it was " \
        "not recorded. Check the day; if the date is right, add --force." in said
    typed = " ".join(run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "3/5/2027",
                         code=1).output.split())
    assert "Check the year and the day-first order (4/5/2027 is 4 May)" in typed


@pytest.mark.parametrize("cell", [dt.datetime(2027, 5, 4), 46511, "4/5/2027", "04/05/2027",
                                  "2027-05-04", "4 May 2027", " 4/5/2027 "])
def test_tracking_date_typed_in_excel(run: Runner, monkeypatch: pytest.MonkeyPatch,
                                      cell: Any) -> None:
    """A tracking date typed in Excel, as a real date, a serial number or UK-order text,
    reads back as the same day (4/5/2027 is 4 May, not 5 April)."""
    paired(run, "2027-07-12")
    path = Path(run.folder / "pairs.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("B hosts A: date") + 1, cell)
    sheet.cell(2, headers.index("B hosts A: done") + 1, "yes")
    book.save(path)
    found = status(run, monkeypatch, "2027-07-13")
    assert found["pairs"][0]["visits"][1] == {
        "host": "oliver.pemberton@nhs.net", "visitor": "amelia.ashworth@nhs.net",
        "date": "2027-05-04", "done": True, "state": "done"}
    assert found["summary"]["overdue"] == 1  # Amelia's hosting is still owed


def test_a_date_that_cannot_be_read_is_refused(run: Runner,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A date wessex cannot read is an error, never a guess: exit 1, nothing recorded."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-04")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "the Tuesday after next",
        code=1)
    found = status(run, monkeypatch, "2027-05-04")
    assert found["summary"]["visits_done"] == 0


def test_plan_moves_an_email_off_a_bank_holiday(run: Runner) -> None:
    """E-mail dates move to the previous working day when they fall on a bank holiday:
    starting Thursday 3 June 2027, the introductions (three days before) would fall on the
    spring bank holiday, Monday 31 May, so they go out on Friday 28 May."""
    found = json.loads(run("plan", "--start", "2027-06-03", "--json").stdout)
    dates = {m["name"]: m["date"] for m in found["milestones"]}
    assert dates["introductions"] == "2027-05-28"
    assert dates["pairing"] == "2027-05-27"  # a week before: an ordinary Thursday
    assert dates["start"] == "2027-06-03" and dates["end"] == "2027-09-03"


def test_plan_ends_on_a_working_day_and_warns_of_a_bank_holiday_it_was_given(
        run: Runner, tmp_path: Path) -> None:
    """Three months after 30 May 2027 is Monday 30 August 2027, the summer bank holiday:
    the plan ends the exchange on Friday 27 August (it chose a Sunday end, then warned of
    it). An end scheme.toml sets on the bank holiday stays, with the warning."""
    found = json.loads(run("plan", "--start", "2027-05-30", "--json").stdout)
    dates = {m["name"]: m["date"] for m in found["milestones"]}
    assert dates["end"] == "2027-08-27"
    assert not any("end of the exchange falls" in w for w in found["warnings"])
    (tmp_path / "given").mkdir()
    (tmp_path / "given" / "scheme.toml").write_text(
        "[dates]\nstart = 2027-05-30\nend = 2027-08-30\n", encoding="utf-8")
    found = json.loads(run("plan", "--start", "2027-05-30", "--json", "--scheme",
                           str(tmp_path / "given" / "scheme.toml")).stdout)
    assert {m["name"]: m["date"] for m in found["milestones"]}["end"] == "2027-08-30"
    assert any("bank holiday" in w and "30 August 2027" in w for w in found["warnings"])


def visit_cells(run: Runner, monkeypatch: pytest.MonkeyPatch, today: str) -> list[str]:
    """The "A hosts B" and "B hosts A" cells of pair P001 in the status table."""
    monkeypatch.setenv("WESSEX_TODAY", today)
    table = run("status", "pairs.xlsx").stdout
    row = next(line for line in table.splitlines() if "P001" in line)
    cells = [c.strip() for c in row.split("│")]
    return cells[4:6]


@pytest.mark.parametrize(("today", "expected"), [
    ("2027-05-20", ["planned for 20 May", "owed"]),   # planned for today: still planned
    ("2027-05-19", ["planned for 20 May", "owed"]),
    # the planned day passed with nothing recorded: owed, and the plan is not dropped
    ("2027-05-21", ["planned 20 May — not confirmed", "owed"]),
    ("2027-07-12", ["planned 20 May — not confirmed", "owed"]),   # the end day: not overdue
    ("2027-07-13", ["OVERDUE: planned 20 May — not confirmed", "OVERDUE"]),  # the day after
])
def test_status_shows_each_visit_planned_owed_or_overdue(
        run: Runner, monkeypatch: pytest.MonkeyPatch, today: str, expected: list[str]) -> None:
    """`wessex status`: each visit done / dated / owed, overdue after the end date."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-04")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--planned", "20/5/2027")
    assert visit_cells(run, monkeypatch, today) == expected


def test_status_shows_a_done_visit_with_its_date_even_after_the_end(
        run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A visit done shows as done with its date; only the one still owed is overdue."""
    paired(run, "2027-07-12")
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-04")
    run("visit", "pairs.xlsx", "Oliver Pemberton", "--hosted", "today")
    assert visit_cells(run, monkeypatch, "2027-07-13") == ["OVERDUE", "done 4 May"]


@pytest.mark.parametrize("done", ["4/5/2027", "2027-05-04", "yes", "✓", "x", "1", "Done"])
def test_done_column_typed_as_a_word_or_a_date(run: Runner, monkeypatch: pytest.MonkeyPatch,
                                               done: str) -> None:
    """"Done" may be yes/y/✓/x/1/done or a date: each counts the visit as done."""
    paired(run, "2027-07-12")
    path = Path(run.folder / "pairs.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A hosts B: done") + 1, done)
    book.save(path)
    found = status(run, monkeypatch, "2027-07-13")
    assert found["pairs"][0]["visits"][0]["done"] is True
    assert found["summary"]["visits_done"] == 1


@pytest.mark.parametrize("done", ["no", "", "not yet", "pending"])
def test_done_column_saying_no_is_not_done(run: Runner, monkeypatch: pytest.MonkeyPatch,
                                           done: str) -> None:
    """A visit is never silently taken as done: no / blank / not yet / pending are not done."""
    paired(run, "2027-07-12")
    path = Path(run.folder / "pairs.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A hosts B: done") + 1, done or None)
    book.save(path)
    found = status(run, monkeypatch, "2027-07-13")
    assert found["pairs"][0]["visits"][0]["done"] is False


def test_status_shows_done_without_a_date(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A visit marked done with no date shows as plain "done", never as owed or overdue."""
    paired(run, "2027-07-12")
    path = Path(run.folder / "pairs.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A hosts B: done") + 1, "yes")
    book.save(path)
    assert visit_cells(run, monkeypatch, "2027-07-13") == ["done", "OVERDUE"]


def test_plan_sends_no_email_between_christmas_eve_and_new_year(run: Runner) -> None:
    """E-mails sent over Christmas go unread: starting Monday 10 January 2028, the
    preferences request (17 days before) would go on Friday 24 December 2027, so it goes
    before it; pairing (a week before: Monday 3 January 2028, the New Year bank holiday)
    would go back to 23 December, more than the two weeks ahead the guide allows, so it
    moves on to Tuesday 4 January. Replies are due on Friday 31 December (in the break, the
    last working day before it), and a week of working days before that (23, 24, 29, 30 and
    31 December: 27 and 28 are the Christmas bank holidays) is Wednesday 22 December."""
    found = json.loads(run("plan", "--start", "2028-01-10", "--json").stdout)
    dates = {m["name"]: m["date"] for m in found["milestones"]}
    assert dates["preferences-request"] == "2027-12-22"
    assert dates["replies"] == "2027-12-31"
    assert dates["pairing"] == "2028-01-04"
    assert dates["introductions"] == "2028-01-07"  # an ordinary Friday
    assert dates["call-to-action"] == "2027-12-06"


def test_plan_warns_when_the_exchange_starts_in_the_christmas_break(run: Runner) -> None:
    """A start on Wednesday 29 December 2027 is not a bank holiday, but most are away."""
    found = json.loads(run("plan", "--start", "2027-12-29", "--json").stdout)
    assert any("Christmas Eve and New Year" in w and "29 December 2027" in w
               for w in found["warnings"])
