"""findings reads a 'By when' cell with the one date reader visit uses for the tracking
cells, so a date typed any way visit takes it is a date in the plan too, and a date that is
no day of the calendar is refused with the same reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from wessex_cli.dates import parse_date, why_not
from wessex_cli.findings import read_findings

MAY_4 = dt.date(2027, 5, 4)


def _plan_of(tmp_path: Path, due: str) -> tuple[dt.date | None, list[str]]:
    """The date findings reads from one action's By when cell, with the plan's warnings."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    sheet.append(["Table", "Proposed action", "Lead", "By when"])
    sheet.append([1, "Shared discharge template", "Ann Bell", due])
    book.save(tmp_path / "t.xlsx")
    plan = read_findings([tmp_path / "t.xlsx"])
    return plan.actions[0].due, plan.warnings


@pytest.mark.parametrize("typed", ["2027/05/04", "2027.5.4", "4-May-27", "4/5/2027",
                                   "04.05.27", "2027-05-04", "4 May 2027", "Tuesday 4th May 2027"])
def test_by_when_reads_every_date_visit_reads(tmp_path: Path, typed: str) -> None:
    due, warnings = _plan_of(tmp_path, typed)
    assert due == MAY_4 == parse_date(typed, 2027)
    assert warnings == []


@pytest.mark.parametrize(("typed", "why"), [
    ("2027/13/04", "there is no month 13"),
    ("31-Feb-27", "February 2027 has no 31st"),
    ("31/4/2028", "April 2028 has no 31st"),
    ("Wednesday 4th May 2027", "4 May 2027 is a Tuesday"),
])
def test_a_date_that_is_no_day_is_refused_for_the_reason_visit_gives(
        tmp_path: Path, typed: str, why: str) -> None:
    due, warnings = _plan_of(tmp_path, typed)
    assert due is None
    assert warnings == [f"t.xlsx, Actions!D2: '{typed}' under By when is not a real date "
                        f"({why}); it is kept as written. Correct it in the workbook."]
    with pytest.raises(ValueError) as refused:  # visit refuses it, for the same reason
        parse_date(typed, 2027)
    assert why_not(refused.value) == why


@pytest.mark.parametrize("typed", ["March 2028", "4/5", "end of May", "2027", "Spring 2028"])
def test_words_and_part_dates_stay_words_without_a_warning(tmp_path: Path, typed: str) -> None:
    due, warnings = _plan_of(tmp_path, typed)
    assert due is None and warnings == []
