"""Tracking: reading back what the administrator typed, and never losing it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from wessex_cli import record, safe_write, workbook_edit
from wessex_cli.dates import parse_date
from wessex_cli.errors import OutputError, TrackingError
from wessex_cli.tracking import parse_done

from .conftest import Runner, person, write_book


@pytest.mark.parametrize(("value", "expected"), [
    ("4/5/2027", dt.date(2027, 5, 4)), ("2027-05-04", dt.date(2027, 5, 4)),
    (dt.datetime(2027, 5, 4, 0, 0), dt.date(2027, 5, 4)), (46511, dt.date(2027, 5, 4)),
    ("4 May 2027", dt.date(2027, 5, 4)), ("", None), (None, None),
    # year first with slashes or dots; Excel's own d-mmm-yy, its two digits the year
    ("2027/05/04", dt.date(2027, 5, 4)), ("2027.5.4", dt.date(2027, 5, 4)),
    ("4-May-27", dt.date(2027, 5, 4)), ("04-SEPT-27", dt.date(2027, 9, 4)),
])
def test_dates_in_every_form(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("yes", True), ("Y", True), ("✓", True), ("x", True), (1, True), (True, True),
    ("done", True), (dt.date(2027, 5, 4), True), ("", False), ("no", False), (None, False),
    ("maybe", None),
])
def test_done_in_every_form(value: object, expected: bool | None) -> None:
    assert parse_done(value) is expected


def eight_people() -> list[dict[str, object]]:
    people = [person(f"Dr GP {i}", f"gp{i}@example.org", "GP", Organisation=f"Practice {i}")
              for i in range(4)]
    return people + [person(f"Consultant {i}", f"c{i}@example.org", "Consultant",
                            Organisation="Hospital") for i in range(4)]


@pytest.fixture
def paired(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-20")  # mid-exchange: May visits have happened
    write_book(tmp_path / "v.xlsx", eight_people())
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    return tmp_path / "pairs.xlsx"


def test_status_reads_what_a_person_typed(run: Runner, paired: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [c.value for c in sheet[1]]
    col = {h: header.index(h) + 1 for h in header}
    sheet.cell(2, col["A hosts B: date"], dt.datetime(2027, 5, 4))
    sheet.cell(2, col["A hosts B: done"], "✓")
    sheet.cell(2, col["B hosts A: date"], "18/5/2027")
    sheet.cell(2, col["B hosts A: done"], "yes")
    sheet.cell(3, col["A hosts B: done"], "maybe")  # unreadable: a warning, not done
    sheet.cell(3, col["B hosts A: date"], "30/6/2027")
    sheet.cell(1, len(header) + 1, "Room booked")
    sheet.cell(2, len(header) + 1, "Room 4")
    # Re-sort the rows, as a person sorting by name in Excel would.
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    for offset, values in enumerate(reversed(rows)):
        for index, value in enumerate(values, start=1):
            sheet.cell(2 + offset, index).value = value
    book.save(paired)
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    result = run("status", "pairs.xlsx", "--json")
    data = json.loads(result.stdout)
    complete = [p for p in data["pairs"] if p["complete"]]
    assert len(complete) == 1
    assert [v["date"] for v in complete[0]["visits"]] == ["2027-05-04", "2027-05-18"]
    assert data["summary"] == {"pairs": 4, "complete": 1, "visits_done": 2, "visits_owed": 6,
                               "overdue": 0}
    assert "is not yes or no" in result.stderr
    planned = run("status", "pairs.xlsx")
    assert "planned for 30 Jun" in planned.stdout and "1 of 4 pairs complete" in planned.stdout
    # the JSON says what the table says: each visit's state, and the reflections
    states = sorted(v["state"] for p in data["pairs"] for v in p["visits"])
    assert states == ["done", "done", "owed", "owed", "owed", "owed", "owed", "planned"]
    assert all(p["reflections"] == {"a": False, "b": False} for p in data["pairs"])
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-01")
    late = json.loads(run("status", "pairs.xlsx", "--json", "--owed").stdout)
    assert late["summary"]["overdue"] == 3 and len(late["pairs"]) == 3


def test_an_unreadable_reflection_cell_is_a_warning_at_its_cell(run: Runner,
                                                                paired: Path) -> None:
    """'received 3/6' in a reflection cell showed as not received, with no word of why."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [c.value for c in sheet[1]]
    column = header.index("Reflection from A") + 1
    sheet.cell(2, column, "received 3/6")
    sheet.cell(3, column, "yes")
    # a visit done in that pair, so that its reflection received is not questioned as one
    # before any visit
    sheet.cell(3, header.index("A hosts B: date") + 1, "4/5/2027")
    sheet.cell(3, header.index("A hosts B: done") + 1, "yes")
    book.save(paired)
    result = run("status", "pairs.xlsx")
    cell = sheet.cell(2, column).coordinate
    assert f"Pairs!{cell}: 'received 3/6' is not yes or no; the reflection is counted as " \
        "not received." in " ".join(result.stderr.split())
    assert f"Pairs!{sheet.cell(3, column).coordinate}" not in result.stderr


def test_visit_records_and_keeps_everything_else(run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A1"].font = openpyxl.styles.Font(bold=True, color="FF0000")
    book.create_sheet("My notes")["A1"] = "keep me"
    book.save(paired)
    name = book["Pairs"].cell(2, 2).value
    run("visit", "pairs.xlsx", str(name).lower(), "--hosted", "4/5/2027", "--reflection")
    after = openpyxl.load_workbook(paired)
    header = [c.value for c in after["Pairs"][1]]
    assert after["Pairs"].cell(2, header.index("A hosts B: date") + 1).value == \
        dt.datetime(2027, 5, 4)
    assert after["Pairs"].cell(2, header.index("A hosts B: done") + 1).value == "yes"
    assert after["Pairs"].cell(2, header.index("Reflection from A") + 1).value == "yes"
    assert after["My notes"]["A1"].value == "keep me"
    assert after["Pairs"]["A1"].font.bold
    assert len(list((paired.parent / "backups").glob("pairs-*.xlsx"))) >= 1


def test_visit_refuses_ambiguity_and_unknown_people(run: Runner, paired: Path) -> None:
    assert "nobody called" in run("visit", "pairs.xlsx", "Nobody", "--hosted", "today",
                                  code=1).output
    assert "not a date" in run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", "soonish",
                               code=1).output
    assert "nothing to record" in run("visit", "pairs.xlsx", "gp1@example.org", code=1).output


def test_capacity_two_needs_partner(run: Runner, tmp_path: Path) -> None:
    people = eight_people()[:2] + [person("Consultant X", "cx@example.org", "Consultant",
                                          Capacity=2)]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")
    result = run("visit", "pairs.xlsx", "Consultant X", "--hosted", "today", code=1)
    assert "--partner" in result.output and "more than one pair" in result.output
    run("visit", "pairs.xlsx", "Consultant X", "--partner", "Dr GP 1", "--hosted", "today")


def test_failed_writes_leave_the_original_byte_identical(run: Runner, paired: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    original = paired.read_bytes()
    lock = paired.with_name("~$pairs.xlsx")
    lock.write_bytes(b"owner")
    assert "open in Excel" in run("visit", "pairs.xlsx", "gp0@example.org", "--hosted",
                                  "today", code=1).output
    lock.unlink()
    assert paired.read_bytes() == original

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook_edit, "atomic_write", lambda path, write: (write(path.with_name(
        ".partial.xlsx")), crash()))
    with pytest.raises(OSError):
        record.record_visit(paired, "gp0@example.org", hosted=dt.date(2027, 5, 4),
                            now=dt.date(2027, 5, 20))
    assert paired.read_bytes() == original
    monkeypatch.undo()

    from wessex_cli import safe_write

    def killed(src: object, dst: object) -> None:  # the process dies before the replace
        raise KeyboardInterrupt

    monkeypatch.setattr(safe_write.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        record.record_visit(paired, "gp0@example.org", hosted=dt.date(2027, 5, 4),
                            now=dt.date(2027, 5, 20))
    monkeypatch.undo()
    assert paired.read_bytes() == original
    assert not list(paired.parent.glob(".pairs-*"))  # no temporary file left behind


def test_read_only_folder(run: Runner, paired: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that refuses new files (read-only, or a full disk) changes nothing."""
    from wessex_cli import safe_write

    original = paired.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_write.tempfile, "mkstemp", refuse)
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "today", code=1)
    assert "read-only" in result.output
    assert paired.read_bytes() == original


def test_refuses_features_openpyxl_would_drop(run: Runner, paired: Path) -> None:
    import zipfile

    original = paired.read_bytes()
    with zipfile.ZipFile(paired, "a") as archive:
        archive.writestr("xl/charts/chart1.xml", "<chart/>")
    changed = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "today", code=1)
    assert "charts" in result.output
    assert paired.read_bytes() == changed != original


def test_second_writer_is_refused(run: Runner, paired: Path) -> None:
    with safe_write.write_lock(paired):
        with pytest.raises(OutputError, match="another wessex command"):
            with workbook_edit.edit_workbook(paired):
                pass


def test_withdraw_then_keep_repairs_the_partner(run: Runner, paired: Path,
                                                tmp_path: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    withdrawn_email = sheet.cell(2, 3).value
    partner_name = sheet.cell(2, 10).value
    other_ids = [sheet.cell(r, 1).value for r in range(3, 6)]
    result = run("withdraw", "pairs.xlsx", str(withdrawn_email), "--reason", "moved away")
    assert "--keep" in result.output
    book = openpyxl.load_workbook(paired)
    assert book["Withdrawn"].cell(2, 2).value == "moved away"
    assert [book["Pairs"].cell(r, 1).value for r in range(2, 5)] == other_ids
    people = [dict(p, Status="withdrawn") if p["Email"] == withdrawn_email else p
              for p in eight_people()]
    write_book(tmp_path / "v.xlsx", people)
    out = run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert "Unpaired" in out.stdout  # the partner's side has one person too many now
    after = openpyxl.load_workbook(paired)
    assert [after["Pairs"].cell(r, 1).value for r in range(2, 5)] == other_ids
    assert "Withdrawn" in after.sheetnames
    unpaired = [c.value for c in after["Unpaired"]["A"]][1:]
    assert unpaired == [partner_name]


def test_remind_writes_drafts_for_owed_visits(run: Runner, paired: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "4/5/2027")
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    result = run("remind", "pairs.xlsx", "-o", "out", "--allow-placeholders")
    files = list((paired.parent / "out" / "reminder").glob("*.eml"))
    assert len(files) == 8  # gp0 still owes the visit to their partner
    assert "Wrote 8 reminders" in result.stdout
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-01")
    run("remind", "pairs.xlsx", "-o", "late", "--allow-placeholders")
    text = next((paired.parent / "late" / "reminder").glob("*.eml")).read_text()
    assert "Subject: Overdue" in text


def test_status_on_a_volunteer_workbook_says_so(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", eight_people())
    result = run("status", "v.xlsx", code=1)
    assert "not a pairs workbook" in result.output
    with pytest.raises(TrackingError):
        record.record_visit(tmp_path / "v.xlsx", "gp0@example.org", reflection=True)


@pytest.mark.parametrize(("typed", "why"), [
    ("2027/13/04", "there is no month 13"), ("31-Feb-27", "February 2027 has no 31st"),
    ("2027/05-04", ""), ("4-Maybe-27", ""),  # two separators, a word that is no month
])
def test_a_year_first_or_excel_short_date_that_is_no_day_says_why(typed: str, why: str
                                                                   ) -> None:
    from wessex_cli.dates import DateError

    with pytest.raises(DateError) as caught:
        parse_date(typed)
    assert caught.value.reason == why


def test_a_date_whose_weekday_is_wrong_is_refused() -> None:
    """"Wednesday 4th May 2027" was taken as 4 May, a Tuesday: one of the two is a slip, and
    wessex cannot tell which."""
    from wessex_cli.dates import DateError, parse_date

    assert parse_date("Tuesday 4th May 2027") == dt.date(2027, 5, 4)
    assert parse_date("Tues 4 May", 2027) == dt.date(2027, 5, 4)
    with pytest.raises(DateError, match=r"\(4 May 2027 is a Tuesday\)"):
        parse_date("Wednesday 4th May 2027")


def test_a_date_error_quotes_its_reason_not_a_bracket_of_the_text() -> None:
    """"5 May 2027 (Wed)" holds a bracket of its own: the reason was cut from it ("is not a
    date: Wed)' is not a date")."""
    from wessex_cli.dates import DateError, why_not

    for text, reason in (("31/2/2027", "February 2027 has no 31st"),
                         ("5 May 2027 (Wed)", ""), ("Wednesday 4th May 2027",
                                                    "4 May 2027 is a Tuesday")):
        with pytest.raises(DateError) as caught:
            parse_date(text)
        assert why_not(caught.value) == reason


@pytest.mark.parametrize(("today", "said"), [
    # before the start, the days are not yet days for visits (it said "95 days left")
    ("2027-04-15", "; the exchange starts on Monday 19 April 2027, in 4 days."),
    ("2027-04-18", "; the exchange starts on Monday 19 April 2027, in 1 day."),
    ("2027-04-19", "; 91 days left."),
    ("2027-07-17", "; 2 days left."), ("2027-07-18", "; 1 day left."),
    ("2027-07-19", "; today is its last day."),  # visits can still happen on the end date
    ("2027-07-20", "; the exchange period has ended.")])
def test_status_counts_the_days_left_as_a_person_would(run: Runner, paired: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       today: str, said: str) -> None:
    monkeypatch.setenv("WESSEX_TODAY", today)  # the exchange ends on Monday 19 July 2027
    assert said in " ".join(run("status", "pairs.xlsx").output.split())


def test_no_certificate_for_a_done_pair_without_a_date_says_why(run: Runner,
                                                                 paired: Path) -> None:
    """status counts the pair complete (both done), but a certificate states both dates:
    the message says a date is needed, not only that the visits must be done."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = {c.value: c.column for c in sheet[1]}
    sheet.cell(2, col["A hosts B: date"], dt.datetime(2027, 5, 4))
    sheet.cell(2, col["A hosts B: done"], "yes")
    sheet.cell(2, col["B hosts A: done"], "yes")  # its date left blank
    book.save(paired)
    assert "1 of 4 pairs complete" in " ".join(run("status", "pairs.xlsx").output.split())
    said = " ".join(run("render", "certificate", "--pairs", "pairs.xlsx",
                        "--allow-placeholders").output.split())
    assert "Nobody needs 'certificate' at the moment; nothing written. It goes only to people " \
        "whose two visits are both recorded as done, each with its date" in said


def test_the_reflections_cell_says_whose_came_in() -> None:
    from wessex_cli.commands.tracking import _reflections_in

    assert [_reflections_in(r) for r in ((True, True), (True, False), (False, True),
                                          (False, False))] == \
        ["from both", "from A", "from B", "none yet"]
