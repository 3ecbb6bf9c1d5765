"""timeline.time_left: where today stands in the exchange period, as status says it."""

from __future__ import annotations

import datetime as dt

import pytest

from wessex_cli.timeline import time_left

START, END = dt.date(2027, 4, 19), dt.date(2027, 7, 19)  # a Monday to a Monday


@pytest.mark.parametrize(("today", "said"), [
    # before the start the days are not yet days for visits: not "95 days left"
    (dt.date(2027, 4, 15), "the exchange starts on Monday 19 April 2027, in 4 days"),
    (dt.date(2027, 4, 18), "the exchange starts on Monday 19 April 2027, in 1 day"),
    (START, "91 days left"),  # April's 11 after the 19th, May 31, June 30, July 19
    (dt.date(2027, 7, 18), "1 day left"),
    (END, "today is its last day"),  # the end date is a day for visits too
    (dt.date(2027, 7, 20), "the exchange period has ended"),
])
def test_time_left_counts_to_the_start_then_to_the_end(today: dt.date, said: str) -> None:
    assert time_left(START, END, today) == said


def test_time_left_with_a_date_missing_says_what_it_can() -> None:
    assert time_left(None, END, dt.date(2027, 7, 17)) == "2 days left"
    assert time_left(None, None, END) == ""
    assert time_left(START, None, START) == ""  # started, with no end to count to
    assert time_left(START, None, dt.date(2027, 4, 12)) == \
        "the exchange starts on Monday 19 April 2027, in 7 days"
