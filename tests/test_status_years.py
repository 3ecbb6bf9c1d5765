"""status names a visit's day without its year when it is this year's ("done 4 May"), and
with it when not, as a calendar does: in a scheme across New Year, "done 9 Dec" seen in
January read as a day still to come, and "planned for 12 Jan" in December as one gone."""

from __future__ import annotations

import datetime as dt

from wessex_cli.model import Visit

END = dt.date(2028, 2, 28)  # a winter exchange, December 2027 to February 2028


def _visit(day: dt.date, done: bool = False) -> Visit:
    return Visit("ann@example.org", "bo@example.org", day, done)


def test_a_day_of_this_year_has_no_year() -> None:
    now = dt.date(2027, 6, 1)
    assert _visit(dt.date(2027, 5, 4), done=True).status(END, now) == "done 4 May"
    assert _visit(dt.date(2027, 6, 12)).status(END, now) == "planned for 12 Jun"
    assert _visit(dt.date(2027, 5, 20)).status(END, now) == "planned 20 May — not confirmed"


def test_a_day_of_another_year_has_its_year() -> None:
    january = dt.date(2028, 1, 10)
    assert _visit(dt.date(2027, 12, 9), done=True).status(END, january) == "done 9 Dec 2027"
    assert _visit(dt.date(2027, 12, 15)).status(END, january) == \
        "planned 15 Dec 2027 — not confirmed"
    assert _visit(dt.date(2028, 1, 12)).status(END, january) == "planned for 12 Jan"
    december = dt.date(2027, 12, 20)
    assert _visit(dt.date(2028, 1, 12)).status(END, december) == "planned for 12 Jan 2028"
    assert _visit(dt.date(2027, 12, 1), done=True).status(END, december) == "done 1 Dec"
    after = dt.date(2028, 3, 6)  # the end has passed: an unconfirmed day is overdue
    assert _visit(dt.date(2027, 12, 15)).status(END, after) == \
        "OVERDUE: planned 15 Dec 2027 — not confirmed"
