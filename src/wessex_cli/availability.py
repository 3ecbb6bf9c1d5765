"""Availability cells ("Mon, Wed", "Tue-Thu", "Fri am", "any") as half-day slots.

A slot set is a 14-bit integer: bit ``2*day + half`` with Monday = 0 and am = 0, pm = 1.
Integers make "can a host and b visit in some common slot" a single ``&`` — and a
vectorised one over a whole roster in ``eligibility``.
"""

from __future__ import annotations

import re
from functools import lru_cache

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ALL_SLOTS = (1 << 14) - 1
WEEKDAYS = tuple(range(5))

_DAY_WORDS = {
    0: ("mon", "monday", "mondays", "mo"),
    1: ("tue", "tues", "tuesday", "tuesdays", "tu"),
    2: ("wed", "weds", "wednesday", "wednesdays", "we"),
    3: ("thu", "thur", "thurs", "thursday", "thursdays", "th"),
    4: ("fri", "friday", "fridays", "fr"),
    5: ("sat", "saturday", "saturdays", "sa"),
    6: ("sun", "sunday", "sundays", "su"),
}
DAY_OF = {word: day for day, words in _DAY_WORDS.items() for word in words}
HALF_OF = {"am": (0,), "morning": (0,), "mornings": (0,), "pm": (1,), "afternoon": (1,),
           "afternoons": (1,), "allday": (0, 1), "fullday": (0, 1), "day": (0, 1),
           "days": (0, 1)}
ANY_WORDS = {"any", "anyday", "anytime", "all", "flexible", "either", "everyday", "alldays",
             "anydays", "nopreference", "nopref", "open"}
WEEKDAY_WORDS = {"weekday", "weekdays", "monfri", "mondaytofriday"}
SEPARATORS = {",", "/", ";", "&", "+", "and", "or", "|", "."}
JOINERS = {"and", "&", "/", "+"}  # "Tue & Thu pm": both days take the half after them
RANGE_WORDS = {"-", "–", "—", "to", "through", "thru", "till", "until"}
_TOKEN = re.compile(r"a\.m\.?|p\.m\.?|[a-z]+|\d+|\S")


class AvailabilityError(ValueError):
    """An availability cell with a word that is not a day, a range, am/pm or 'any'."""


def _norm_token(token: str) -> str:
    return token.replace(".", "") if token.startswith(("a.", "p.")) else token


def _tokens(text: str) -> list[str]:
    raw = [_norm_token(t) for t in _TOKEN.findall(text.lower())]
    merged: list[str] = []
    for token in raw:  # "all day", "any day", "full day", "no preference" are one word
        if merged and token in {"day", "days", "time", "preference", "pref"} and \
                merged[-1] in {"all", "any", "full", "every", "no"}:
            merged[-1] += token
            continue
        merged.append(token)
    return merged


def slot(day: int, half: int) -> int:
    """The bit of one half-day (``day`` 0 is Monday, ``half`` 0 the morning) in a mask."""
    return 1 << (2 * day + half)


@lru_cache(maxsize=4096)
def parse_availability(text: str) -> int:
    """Parse an availability cell into a slot set; blank means any slot.

    >>> describe(parse_availability("Mon, Wed pm"))
    'Mon, Wed pm'
    >>> describe(parse_availability("Tue & Thu pm"))
    'Tue pm, Thu pm'
    >>> describe(parse_availability("Mon, Tue & Thu pm"))
    'Mon pm, Tue pm, Thu pm'
    """
    tokens = _tokens(text)
    if not tokens:
        return ALL_SLOTS
    slots = 0
    index = 0
    prefix_halves: list[int] = []  # "all day Friday", "am Tue": the half comes first
    joined: tuple[int, ...] = ()  # "Tue &" of "Tue & Thu pm": days waiting for the next's half
    # "Mon," of "Mon, Tue & Thu pm": a list ending "and" a day with a half shares it (all three
    # afternoons); one ending without ("Mon, Wed pm") leaves these days whole
    listed: tuple[int, ...] = ()
    while index < len(tokens):
        token = tokens[index]
        if token in HALF_OF and index + 1 < len(tokens) and tokens[index + 1] in DAY_OF:
            prefix_halves = list(HALF_OF[token])
            index += 1
            continue
        if token in SEPARATORS:
            if token not in JOINERS:  # "Mon, Wed pm": a comma ends the run, Mon is all day
                slots |= _whole_days(joined)
                joined = ()
            index += 1
            continue
        if token in ANY_WORDS:
            slots |= ALL_SLOTS
            index += 1
            continue
        days: tuple[int, ...]
        if token in WEEKDAY_WORDS:
            days, index = WEEKDAYS, index + 1
        elif token in DAY_OF:
            first = DAY_OF[token]
            index += 1
            if index + 1 < len(tokens) and tokens[index] in RANGE_WORDS and \
                    tokens[index + 1] in DAY_OF:
                last = DAY_OF[tokens[index + 1]]
                days = tuple(range(first, last + 1)) if last >= first else \
                    tuple(range(first, 7)) + tuple(range(0, last + 1))
                index += 2
            else:
                days = (first,)
        elif token in HALF_OF:
            days = WEEKDAYS  # "mornings" alone: any weekday morning
        else:
            raise AvailabilityError(token)
        halves: list[int] = []
        while index < len(tokens) and (tokens[index] in HALF_OF or
                                       (tokens[index] in {"and", "&", "/", "+"} and
                                        index + 1 < len(tokens) and tokens[index + 1] in HALF_OF
                                        and halves)):
            if tokens[index] in HALF_OF:
                halves.extend(HALF_OF[tokens[index]])
            index += 1
        if not halves and token in HALF_OF:
            halves = list(HALF_OF[token])
        halves = halves or prefix_halves
        prefix_halves = []
        if token in DAY_OF and len(days) == 1:  # a single day shares its half with those joined
            if not halves and not joined and index < len(tokens) and tokens[index] == ",":
                listed += days
                continue
            if not halves and index < len(tokens) and tokens[index] in JOINERS:
                joined += days
                continue
            if joined:
                days = listed + joined + days
            else:
                slots |= _whole_days(listed)
        else:
            slots |= _whole_days(listed + joined)
        joined = listed = ()
        for day in days:
            for half in (halves or [0, 1]):
                slots |= slot(day, half)
    return slots | _whole_days(listed + joined)


def _whole_days(days: tuple[int, ...]) -> int:
    """Both halves of each of ``days``."""
    return sum(slot(day, 0) | slot(day, 1) for day in set(days))


@lru_cache(maxsize=4096)  # a roster has few distinct slot sets; reasons ask for each often
def describe(slots: int) -> str:
    """A slot set in words, as compact as the administrator would write it."""
    if slots == ALL_SLOTS:
        return "any day"
    if slots == sum(slot(d, h) for d in WEEKDAYS for h in (0, 1)):
        return "any weekday"
    parts = []
    for day, name in enumerate(DAYS):
        am, pm = bool(slots & slot(day, 0)), bool(slots & slot(day, 1))
        if am and pm:
            parts.append(name)
        elif am:
            parts.append(f"{name} am")
        elif pm:
            parts.append(f"{name} pm")
    return ", ".join(parts) if parts else "no day"
