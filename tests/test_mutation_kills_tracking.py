"""Tests added to kill mutants of ``tracking.track`` (benchmarks/MUTATION.md, tracking run):
how each cell the administrator fills in is read, and what the warning says, cell by cell.
SPEC: "a value that cannot be read is a warning with its cell, never a crash and never
silently taken as done"; dates in UK order, "4/5" in the scheme's year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wessex_cli.model import PairRecord, Person
from wessex_cli.pairs_workbook import PAIRS_HEADERS
from wessex_cli.tracking import track

HEADERS = list(PAIRS_HEADERS)
A = Person("Dr Amelia Ashworth", "amelia@nhs.net", side="primary")
B = Person("Oliver Pemberton", "oliver@nhs.net", side="secondary")
NOW = dt.date(2027, 6, 1)


def col(title: str) -> str:
    """The column letter of ``title`` in the Pairs sheet wessex writes."""
    index = HEADERS.index(title)
    return chr(ord("A") + index) if index < 26 else "A" + chr(ord("A") + index - 26)


def read(cells: dict[str, Any], now: dt.date | None = NOW, year: int | None = 2027,
         row: int = 7) -> PairRecord:
    """Row ``row`` of a Pairs sheet holding ``cells`` (by header), read as status reads it."""
    record = PairRecord("P006", A, B, row=row, values=dict(cells))
    return track(record, HEADERS, "Pairs", now=now, year=year)


def test_both_visits_read_from_their_own_columns_host_and_visitor_named() -> None:
    found = read({"A hosts B: date": "4/5/2027", "A hosts B: done": "yes",
                  "B hosts A: date": "18/5", "B hosts A: done": "✓"})
    first, second = found.visits
    assert (first.host_email, first.visitor_email, first.date, first.done) == \
        ("amelia@nhs.net", "oliver@nhs.net", dt.date(2027, 5, 4), True)
    assert (second.host_email, second.visitor_email, second.date, second.done) == \
        ("oliver@nhs.net", "amelia@nhs.net", dt.date(2027, 5, 18), True)
    assert found.warnings == []


def test_a_date_without_a_year_is_in_the_schemes_year() -> None:
    found = read({"A hosts B: date": "4/5", "A hosts B: done": "yes"}, year=2026,
                 now=dt.date(2026, 6, 1))
    assert found.visits[0].date == dt.date(2026, 5, 4)


def test_reflections_are_read_each_from_its_own_column() -> None:
    assert read({"Reflection from A": "yes"}).reflections == (True, False)
    assert read({"Reflection from B": "received"}).reflections == (False, True)
    assert read({"Reflection from A": "x", "Reflection from B": "no"}).reflections == \
        (True, False)


def test_an_unreadable_date_names_its_cell_and_why() -> None:
    found = read({"A hosts B: date": "31/2/2027"})
    assert found.warnings == [
        f"Pairs!{col('A hosts B: date')}7: '31/2/2027' is not a date that wessex can read "
        "(February 2027 has no 31st); write it like 4/5/2027 or 2027-05-04."]
    assert found.visits[0].date is None and not found.visits[0].done


def test_a_done_cell_that_is_not_yes_or_no_names_its_cell() -> None:
    found = read({"B hosts A: done": "maybe"})
    assert found.warnings == [f"Pairs!{col('B hosts A: done')}7: 'maybe' is not yes or no; "
                              "the visit is counted as not done."]
    assert found.visits[1].done is False


def test_done_without_a_date_counts_but_holds_the_certificate_back() -> None:
    found = read({"A hosts B: done": "yes"})
    assert found.visits[0].done is True and found.visits[0].date is None
    assert found.warnings == [
        f"Pairs!{col('A hosts B: date')}7: the date is blank, but "
        f"Pairs!{col('A hosts B: done')}7 says the visit was done. The visit counts as done, "
        "but no certificate goes to this pair until the date is filled in; write it like "
        "4/5/2027 or 2027-05-04."]


def test_a_date_typed_in_the_done_cell_is_its_date() -> None:
    found = read({"A hosts B: done": "4/5/2027"})
    assert (found.visits[0].done, found.visits[0].date) == (True, dt.date(2027, 5, 4))
    typed = read({"B hosts A: done": dt.datetime(2027, 5, 9, 0, 0)})
    assert (typed.visits[1].done, typed.visits[1].date) == (True, dt.date(2027, 5, 9))
    assert typed.warnings == []


def test_done_but_dated_after_today_is_planned_until_then() -> None:
    found = read({"A hosts B: date": "20/6/2027", "A hosts B: done": "yes"})
    assert found.visits[0].done is False
    assert found.warnings == [
        f"Pairs!{col('A hosts B: done')}7: marked done, but the visit is dated 20 June 2027, "
        "which is still to come; it is counted as planned until then."]
    looking_back = read({"A hosts B: date": "20/6/2027", "A hosts B: done": "yes"}, now=None)
    assert looking_back.visits[0].done is True and looking_back.warnings == []


def test_an_uncalculated_done_formula_is_said_once_in_plain_words() -> None:
    where = f"Pairs!{col('A hosts B: done')}7"
    record = PairRecord("P006", A, B, row=7, values={},
                        warnings=[f"{where}: this cell has a formula that was never "
                                  "calculated, so its value is unknown.", "other note"])
    found = track(record, HEADERS, "Pairs", now=NOW, year=2027)
    assert found.warnings == [
        "other note",
        f"{where}: formula with no saved result, so wessex cannot tell whether the visit was "
        "done; it is counted as not done. Open and save the workbook in Excel or "
        "LibreOffice."]


def test_a_missing_column_reads_as_empty_and_is_named_at_column_a() -> None:
    headers = [h for h in HEADERS if h != "A hosts B: date"]
    record = PairRecord("P006", A, B, row=3, values={"A hosts B: done": "yes"})
    found = track(record, headers, "Pairs", now=NOW, year=2027)
    assert found.visits[0].done is True
    assert found.warnings[0].startswith("Pairs!A3: the date is blank, but Pairs!")


def test_a_date_in_the_date_column_wins_over_a_date_in_the_done_cell() -> None:
    """The done cell may hold the day itself (a real date, or "4/5" in the scheme's year);
    the date column, when filled, is the day."""
    both = read({"A hosts B: date": "4/5/2027", "A hosts B: done": dt.date(2027, 5, 9)})
    assert both.visits[0].date == dt.date(2027, 5, 4)
    plain = read({"B hosts A: done": dt.date(2027, 5, 9)})
    assert (plain.visits[1].done, plain.visits[1].date) == (True, dt.date(2027, 5, 9))
    short = read({"A hosts B: done": "4/5"})
    assert (short.visits[0].done, short.visits[0].date) == (True, dt.date(2027, 5, 4))
    assert short.warnings == []
    assert read({"Reflection from B": "4/5"}).reflections == (False, True)


def test_an_empty_uncalculated_done_cell_is_also_said_in_plain_words() -> None:
    where = f"Pairs!{col('B hosts A: done')}7"
    record = PairRecord("P006", A, B, row=7, values={"B hosts A: done": ""},
                        warnings=[f"{where}: this cell has a formula that was never "
                                  "calculated, so its value is unknown."])
    found = track(record, HEADERS, "Pairs", now=NOW, year=2027)
    assert len(found.warnings) == 1 and "formula with no saved result" in found.warnings[0]


def test_a_cell_is_found_by_its_header_whatever_its_spelling() -> None:
    record = PairRecord("P006", A, B, values={"Reason ": "moved away", "notes": ""})
    assert record.value("reason") == "moved away"
    assert record.value("REASON") == "moved away"
    assert record.value("Notes") == ""
    assert record.value("Date withdrawn") is None


def test_with_visits_sets_each_visit_host_first() -> None:
    pair = PairRecord.with_visits("P1", A, B, (True, False), (dt.date(2027, 5, 4), None))
    assert (pair.pair_id, pair.a, pair.b) == ("P1", A, B)
    first, second = pair.visits
    assert (first.host_email, first.visitor_email, first.date, first.done) == \
        ("amelia@nhs.net", "oliver@nhs.net", dt.date(2027, 5, 4), True)
    assert (second.host_email, second.visitor_email, second.date, second.done) == \
        ("oliver@nhs.net", "amelia@nhs.net", None, False)
    owed = PairRecord("P2", A, B)  # no visits given: both owed, each with its host
    assert [(v.host_email, v.done) for v in owed.visits] == \
        [("amelia@nhs.net", False), ("oliver@nhs.net", False)]


def test_the_summary_counts_visits_by_the_hosts_side() -> None:
    from wessex_cli.model import summarise

    done = PairRecord.with_visits("P1", A, B, (True, True), (dt.date(2027, 5, 4),) * 2)
    half = PairRecord.with_visits("P2", A, B, (False, True), (None, dt.date(2027, 5, 9)))
    found = summarise([done, half], dt.date(2027, 7, 19), dt.date(2027, 8, 1))
    assert (found.pairs, found.complete, found.visits_done, found.visits_owed,
            found.overdue) == (2, 1, 3, 1, 1)
    assert found.hosted_by_side == {"primary": (1, 2), "secondary": (2, 2)}


def test_each_visit_state_as_the_letters_see_it() -> None:
    """Done; a date to come is planned; a date gone by, not marked done, is unconfirmed
    (still owed); no date is owed. For both visits of a pair, as of the day given."""
    pair = PairRecord.with_visits("P1", A, B, (False, False),
                                  (dt.date(2027, 6, 20), dt.date(2027, 5, 20)))
    assert pair.visit_states(NOW) == ("planned", "unconfirmed")
    assert pair.visit_states(dt.date(2027, 5, 1)) == ("planned", "planned")
    assert PairRecord.with_visits("P2", A, B, (True, False)).visit_states(NOW) == \
        ("done", "owed")
    assert pair.visits[0].state(dt.date(2027, 6, 21)) == "unconfirmed"


def test_a_person_whose_side_is_not_known_is_counted_under_a_question_mark() -> None:
    from wessex_cli.model import summarise

    nobody = Person("Sam Doe", "sam@nhs.net")
    found = summarise([PairRecord.with_visits("P1", nobody, B, (True, False))], None, NOW)
    assert found.hosted_by_side == {"?": (1, 1), "secondary": (0, 1)}
