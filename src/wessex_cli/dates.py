"""Dates as administrators type them: real dates, Excel serial numbers, or text in UK order
(``4/5/2027`` is 4 May; ISO works too). A light module: scheme.toml needs it at start-up."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from .text import one_line

EXCEL_EPOCH = dt.date(1899, 12, 30)


def today() -> dt.date:
    """Today's date; ``WESSEX_TODAY=YYYY-MM-DD`` pins it (tests, demonstrations)."""
    pinned = os.environ.get("WESSEX_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def parse_date(value: Any) -> dt.date | None:
    """A date from a cell; None for blank; ValueError when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial dates run to 9999-12-31
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(value)
    text = one_line(str(value))
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if text.replace(".", "", 1).isdigit():
        return parse_date(float(text))
    from dateutil import parser

    try:
        parsed: dt.datetime = parser.parse(text, dayfirst=True,
                                           default=dt.datetime(today().year, 1, 1))
    except (ValueError, OverflowError, parser.ParserError):
        raise ValueError(text) from None
    return parsed.date()


