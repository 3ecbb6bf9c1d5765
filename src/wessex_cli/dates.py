"""Dates as administrators type them: real dates, Excel serial numbers, or text in UK order
(``4/5/2027`` is 4 May; ISO works too). A light module: scheme.toml needs it at start-up.

One strict parser serves scheme.toml, the tracking cells and ``--hosted``. It accepts a
whole date and nothing else: digits alone ("2027", "46512" typed as text) and anything
left over after the date ("2027-05-0412") are refused rather than guessed at. A day and
a month without a year take the scheme's year, which the caller passes in; with no year
to take, the date is refused and the message asks for one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from .text import one_line

# How a date is shown in a workbook wessex writes, or in a cell of the administrator's that
# has no date format of its own: "12 May 2027", the day first as in the UK, and the month
# in words, so that no computer's date settings (a laptop set to US English) can show it as
# 5 December; wessex's messages and letters write dates so too
DATE_FORMAT = "d mmm yyyy"
# a date as DATE_FORMAT shows it at its widest: what a column of such dates is made to fit
DATE_SHOWN = "30 Sep 2027"

MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
WEEKDAYS = frozenset({"mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday",
                      "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday",
                      "sun", "sunday"})
_FILLER = frozenset({"st", "nd", "rd", "th", "of"})

# 2027-05-04, optionally with the time a spreadsheet adds ("2027-05-04 00:00:00").
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
# 2027/05/04 and 2027.05.04: year first is always year, month, day.
_YEAR_FIRST = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
# 4-May-27: Excel's own d-mmm-yy, whose two digits are the year (not a day, as in "4 May 27")
_EXCEL_SHORT = re.compile(r"(\d{1,2})-([a-z]{3,9})-(\d{2})")
# 4/5/2027, 4.5.27, 4-5-2027, 4/5 (day first, as in the UK).
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?")
_TOKENS = re.compile(r"[a-z]+|\d+|[^a-z\d\s,./-]")


class DateError(ValueError):
    """A value that is not a date; ``str()`` says what is wrong with it, and ``reason`` why,
    when there is more to say than that ("February 2027 has no 31st"), for a message of the
    caller's own."""

    def __init__(self, message: str, reason: str = "") -> None:
        """The whole message, with ``reason`` after it in brackets when given."""
        super().__init__(f"{message} ({reason})" if reason else message)
        self.reason = reason


def why_not(error: ValueError) -> str:
    """Why ``parse_date`` refused a value ("February 2027 has no 31st"); "" when there is
    no more to say than that it is not a date."""
    return error.reason if isinstance(error, DateError) else ""


def today() -> dt.date:
    """Today's date; ``WESSEX_TODAY=YYYY-MM-DD`` pins it (tests, demonstrations)."""
    pinned = os.environ.get("WESSEX_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def now() -> dt.datetime:
    """This moment in UTC, to the second; with ``WESSEX_TODAY`` pinned, the start of that day
    (so that files stamped with it are alike from run to run, as the tests need)."""
    if os.environ.get("WESSEX_TODAY"):
        return dt.datetime.combine(today(), dt.time(0, 0), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def parse_date(value: Any, year: int | None = None) -> dt.date | None:
    """A date from a cell or an option; None for blank; ``DateError`` when it is not one.

    ``year`` is the scheme's year, given to a day and month written without one.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = one_line(str(value))
    if not text:
        return None
    found = _ISO.fullmatch(text)
    if found:
        return _make(int(found[1]), int(found[2]), int(found[3]), text)
    found = _YEAR_FIRST.fullmatch(text)
    if found:
        return _make(int(found[1]), int(found[3]), int(found[4]), text)
    found = _EXCEL_SHORT.fullmatch(text.casefold())
    if found and found[2] in MONTHS:
        return _make(2000 + int(found[3]), MONTHS[found[2]], int(found[1]), text)
    found = _NUMERIC.fullmatch(text)
    if found:
        day, month, year_text = int(found[1]), int(found[3]), found[4]
        return _make(_year(year_text, year, text, month), month, day, text)
    return _from_words(text, year)


def _from_serial(value: float) -> dt.date:
    """An Excel serial number, converted by openpyxl (it knows Excel's 1900 leap-year bug)."""
    if not 1 <= value < 2958466:  # Excel's serial dates run from 1900 to 9999-12-31
        raise DateError(f"{value:g} is not an Excel date number")
    from openpyxl.utils.datetime import from_excel

    converted = from_excel(value)
    if not isinstance(converted, dt.datetime):
        raise DateError(f"{value:g} is not an Excel date number")
    return converted.date()


class SchemeYear(int):
    """The scheme's year (its start's), as the int every reader is given, knowing too the
    month the scheme starts in and whether it runs into the next year: a day and month typed
    without a year then take the year that puts them in the scheme ("10 Jan" in a scheme of
    November to February is the January after, not the one before it started)."""

    first_month: int
    runs_over_new_year: bool

    def __new__(cls, year: int, first_month: int = 1,
                runs_over_new_year: bool = False) -> SchemeYear:
        """The year ``year``, for a scheme starting in ``first_month``."""
        made = super().__new__(cls, year)
        made.first_month, made.runs_over_new_year = first_month, runs_over_new_year
        return made

    def of_month(self, month: int) -> int:
        """The year a day of ``month`` typed without one belongs to."""
        return int(self) + 1 if self.runs_over_new_year and month < self.first_month \
            else int(self)


def _year(written: str | None, default: int | None, text: str, month: int) -> int:
    if written is None:
        if default is None:
            raise DateError(f"'{text}' has no year")
        return default.of_month(month) if isinstance(default, SchemeYear) else default
    number = int(written)
    return 2000 + number if len(written) == 2 else number


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"'{text}' is not a day of the calendar",
                        no_such_day(year, month, day)) from None


def no_such_day(year: int, month: int, day: int) -> str:
    """Why a day, month and year make no date: "February 2027 has no 31st"."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return f"the year {year} is out of range"
    if day < 1:
        return "there is no day 0"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{dt.date(year, month, 1):%B %Y} has no {day}{suffix}"


def _from_words(text: str, year: int | None) -> dt.date:
    """``4 May 2027``, ``Tuesday 4th May``, ``May 4, 2027``: a month named in words."""
    tokens = _TOKENS.findall(text.casefold())
    day = month = written_year = None
    for token in tokens:
        if token.isdigit():
            if len(token) == 4 and written_year is None:
                written_year = token
            elif len(token) <= 2 and day is None:
                day = int(token)
            else:
                raise DateError(f"'{text}' is not a date")
        elif token in MONTHS and month is None:
            month = MONTHS[token]
        elif token not in WEEKDAYS and token not in _FILLER:
            raise DateError(f"'{text}' is not a date")
    if day is None or month is None:
        raise DateError(f"'{text}' is not a date")
    made = _make(_year(written_year, year, text, month), month, day, text)
    named = {_weekday_number(token) for token in tokens if token in WEEKDAYS}
    if named and named != {made.weekday()}:  # "Wednesday 4th May 2027": a Tuesday
        raise DateError(f"'{text}' gives a weekday its date does not fall on",
                        f"{made.day} {made:%B %Y} is a {made:%A}")
    return made


def _weekday_number(token: str) -> int:
    """0 for Monday ... 6 for Sunday, from a weekday's name or its short form."""
    return ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(token[:3])
