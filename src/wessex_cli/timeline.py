"""``wessex plan``'s core: the scheme's timeline, its warnings, and a calendar.

The guide's rhythm: the call to action four to six weeks before the start, the
preferences request two to three weeks before, pairing, introductions a few days before,
three months of visits, and the celebration shortly after. E-mail milestones move to the
previous working day when they fall on a weekend, a bank holiday or the days between
Christmas Eve and New Year's Day, when an e-mail to a practice or a ward goes unread (to the
next working day instead when the previous one is too early for the guide's timing).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SchemeError
from .scheme import Scheme, clock_minutes
from .text import plural
from .wording import day_month_year, long_date

MILESTONES = ("call-to-action", "preferences-request", "replies", "pairing", "introductions",
              "start", "end", "invitations", "celebration")
LABELS = {
    "call-to-action": "Send the call to action (first e-mail)",
    "preferences-request": "Send the preferences request (second e-mail)",
    "replies": "Replies to the preferences request due",
    "pairing": "Pair the volunteers (wessex pair)",
    "introductions": "Send the partner introductions (third e-mail)",
    "start": "Exchange starts: visits can begin; start planning the celebration",
    "end": "Exchange ends: all visits done",
    "invitations": "Send the celebration invitations",
    "celebration": "Celebration event",
}
# Each step as the subject of a sentence ("... falls on a bank holiday"): the labels above
# are headings, and "Exchange starts: visits can begin falls on ..." does not read.
SUBJECTS = {
    "call-to-action": "The call to action",
    "preferences-request": "The preferences request",
    "replies": "The day replies are due",
    "pairing": "Pairing",
    "introductions": "The partner introductions",
    "start": "The start of the exchange",
    "end": "The end of the exchange",
    "invitations": "The celebration invitations",
    "celebration": "The celebration event",
}
SUMMER = ((7, 22), (9, 2))  # England's school summer holidays, roughly: 22 July to 2 September


@dataclass
class Milestone:
    """One dated step of the scheme (the call to action, pairing, the start, the celebration...)."""

    name: str
    date: dt.date

    @property
    def label(self) -> str:
        """The step's name as people read it."""
        return LABELS[self.name]

    @property
    def subject(self) -> str:
        """The step named as the subject of a sentence: "The start of the exchange"."""
        return SUBJECTS[self.name]


@dataclass
class Plan:
    """The scheme's timetable, with warnings (holiday clashes) and a clearer start if one helps."""

    milestones: list[Milestone]
    warnings: list[str] = field(default_factory=list)
    suggestion: dt.date | None = None

    def date(self, name: str) -> dt.date:
        """The date of the milestone called ``name``."""
        return next(m.date for m in self.milestones if m.name == name)

    def as_json(self) -> dict[str, Any]:
        """The plan as plain data for ``--json``."""
        return {"milestones": [{"name": m.name, "date": m.date.isoformat()}
                               for m in self.milestones], "warnings": self.warnings}


def bank_holidays(years: range) -> dict[dt.date, str]:
    """England's bank holidays in ``years``, from the holidays library (kept up to date there)."""
    import holidays

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=list(years)).items())


def closed_on(day: dt.date) -> str:
    """Why surgeries and clinics are shut on ``day`` ("a weekend day", "a bank holiday
    (Spring bank holiday)"), "" on a working day: a visit recorded then may be a slip."""
    if day.weekday() >= 5:
        return "a weekend day"
    holiday = bank_holidays(range(day.year, day.year + 1)).get(day)
    return f"a bank holiday ({holiday})" if holiday else ""


def time_left(start: dt.date | None, end: dt.date | None, today: dt.date) -> str:
    """Where ``today`` stands in the exchange period, in status's words: the days to the
    start while it is still to come (they are not yet days for visits), else the days left
    to ``end``, which is a day for visits too; "" with neither date to go by."""
    if start is not None and today < start:
        days = plural((start - today).days, "day")
        return f"the exchange starts on {long_date(start)}, in {days}"
    if end is None:
        return ""
    if end < today:
        return "the exchange period has ended"
    return "today is its last day" if end == today else f"{plural((end - today).days, 'day')} left"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 January + 1 is 28 or 29 February)."""
    from dateutil.relativedelta import relativedelta

    result: dt.date = day + relativedelta(months=months)
    return result


def christmas_break(years: range) -> set[dt.date]:
    """24 December to 1 January: not bank holidays all, but offices are thin and an e-mail
    sent then is buried by the time people are back."""
    return {dt.date(year, 12, day) for year in years for day in range(24, 32)} | \
        {dt.date(year + 1, 1, 1) for year in years}


def _working_day_before(day: dt.date, closed: dict[dt.date, str] | set[dt.date]) -> dt.date:
    while day.weekday() >= 5 or day in closed:
        day -= dt.timedelta(days=1)
    return day


def _sending_day(day: dt.date, no_mail: set[dt.date], earliest: dt.date,
                 latest: dt.date) -> dt.date:
    """The working day before ``day``; if that leaves the window (a long break in the way),
    the working day after it, if that is still in the window; else the day before anyway."""
    before = _working_day_before(day, no_mail)
    if before >= earliest:
        return before
    after = day
    while after.weekday() >= 5 or after in no_mail:
        after += dt.timedelta(days=1)
    return after if after <= latest else before


def _overlaps(start: dt.date, end: dt.date, first: dt.date, last: dt.date) -> bool:
    return start <= last and first <= end


def period_clashes(start: dt.date, end: dt.date,
                   summer: tuple[tuple[int, int], tuple[int, int]] = SUMMER) -> list[str]:
    """The guide's periods to avoid that the running period touches."""
    clashes = []
    for year in range(start.year, end.year + 1):
        if _overlaps(start, end, dt.date(year, 1, 1), dt.date(year, 3, 31)):
            clashes.append(f"QOF quarter 4 (1 January to 31 March {year}), the busiest time "
                           "in general practice")
        holiday_start = dt.date(year, *summer[0])
        holiday_end = dt.date(year, *summer[1])
        if _overlaps(start, end, holiday_start, holiday_end):
            clashes.append(f"the school summer holidays ({holiday_start.day} "
                           f"{holiday_start:%B} to {day_month_year(holiday_end)}), when many "
                           "people are away")
    return clashes


# Working days (weekends and bank holidays aside) the preferences request leaves for the
# replies: a week, however the holidays fall
REPLY_DAYS = 5

# Days after the end within which the celebration is "shortly after" (the guide's words; it
# puts the whole scheme, calls and celebration included, at five to six months)
CELEBRATION_WITHIN = 42


def make_plan(start: dt.date, scheme: Scheme | None = None) -> Plan:
    """The scheme's timetable from its start date: e-mails on working days before it, the end
    three months on, the celebration after, with warnings for holiday clashes."""
    scheme = scheme or Scheme()
    # the holidays of every year the plan can touch, worked out once: the year before the
    # start (the e-mails) to the year after a celebration, however far scheme.toml puts it
    last_year = max([start.year + 1] + [d.year for d in (scheme.end, scheme.celebration.date)
                                        if isinstance(d, dt.date)])
    years = range(start.year - 1, last_year + 2)
    closed = bank_holidays(years)
    no_mail = set(closed) | christmas_break(years)
    end = add_months(start, 3)
    if scheme.start == start and scheme.end:
        end = scheme.end
    else:  # one the plan chooses is a working day: the last before three months are up
        while end.weekday() >= 5 or end in no_mail:
            end -= dt.timedelta(days=1)
    celebration = end + dt.timedelta(days=10)
    if scheme.celebration.date:
        # The date in scheme.toml is the one the invitations print: the plan shows it too,
        # and never quietly moves it.
        if scheme.celebration.date <= end:
            raise SchemeError(
                f"setting 'celebration.date' ({scheme.celebration.date}) comes before the "
                f"exchange ends on {end}, so the celebration could not share what the visits "
                "taught.", "Move [celebration] date after the end date, or delete it and run "
                "'wessex plan --save' to choose one.", file=scheme.source)
        celebration = scheme.celebration.date
    if not scheme.celebration.date:  # one the plan chooses is on a working day
        while celebration.weekday() >= 5 or celebration in no_mail:
            celebration += dt.timedelta(days=1)
    # the invitations on the first working day after the end (a celebration straight after
    # it is still given a day's notice)
    invitations = end + dt.timedelta(days=1)
    while (invitations.weekday() >= 5 or invitations in no_mail) and \
            invitations < celebration - dt.timedelta(days=1):
        invitations += dt.timedelta(days=1)
    dates = _before_the_start(start, closed, no_mail) | {
        "start": start, "end": end, "invitations": min(invitations, celebration),
        "celebration": celebration,
    }
    plan = Plan([Milestone(name, dates[name]) for name in MILESTONES])
    if (celebration - end).days > CELEBRATION_WITHIN:  # only a date scheme.toml gives
        plan.warnings.append(
            f"The celebration set in scheme.toml ({day_month_year(celebration)}) is "
            f"{(celebration - end).days // 7} weeks after the exchange ends "
            f"({day_month_year(end)}); the guide holds it shortly after, while the visits "
            "are fresh. Change [celebration] date, or delete it and run 'wessex plan --save' "
            "to choose one.")
    unread = _unread_times(scheme)
    if unread:
        plan.warnings.append(unread)
    if scheme.celebration.runs_backwards:
        plan.warnings.append(
            f"The celebration would end at {scheme.celebration.end_time}, no later than it "
            f"starts ({scheme.celebration.time}): set [celebration] time and end_time in "
            "scheme.toml to the hours the event runs.")
    asked, due = plan.date("preferences-request"), plan.date("replies")
    # the days between Christmas Eve and New Year's Day are no days to reply in, though not
    # all are bank holidays
    days = _working_days_between(asked, due, no_mail)
    if days < REPLY_DAYS:  # only when Christmas leaves no room for a week
        plan.warnings.append(
            f"The preferences request ({day_month_year(asked)}) leaves only {days} working "
            f"day{'' if days == 1 else 's'} for replies (due {day_month_year(due)}) outside "
            "the holidays, not a week: the holidays leave no room between the request and "
            "pairing. Consider a later start.")
    for clash in period_clashes(start, end):
        plan.warnings.append(f"The exchange ({day_month_year(start)} to "
                             f"{day_month_year(end)}) overlaps {clash}.")
    for milestone in plan.milestones:
        if milestone.date in closed:
            plan.warnings.append(f"{milestone.subject} falls on a bank holiday "
                                 f"({closed[milestone.date]}, {day_month_year(milestone.date)}).")
        elif milestone.date in no_mail and milestone.name in ("start", "end", "celebration",
                                                               "replies"):
            plan.warnings.append(f"{milestone.subject} falls between Christmas Eve and New "
                                 f"Year's Day ({day_month_year(milestone.date)}), when many are "
                                 "away.")
        elif milestone.date.weekday() >= 5 and milestone.name in ("start", "end", "celebration"):
            plan.warnings.append(f"{milestone.subject} falls on a {milestone.date:%A} "
                                 f"({day_month_year(milestone.date)}).")
    if plan.warnings and period_clashes(start, end):
        plan.suggestion = nearest_clear_start(start)
        if plan.suggestion:
            plan.warnings.append(f"The nearest start that avoids these periods is "
                                 f"{long_date(plan.suggestion)}.")
    return plan


def _before_the_start(start: dt.date, closed: dict[dt.date, str],
                      no_mail: set[dt.date]) -> dict[str, dt.date]:
    """The days of the steps before the start, each a working day: the e-mails as the guide
    times them, in the window each must stay in (days before the start; the call to action
    four to six weeks ahead, the preferences two to three, pairing about a week, the
    introductions a few days), and the replies due two days or more before pairing, so that
    nobody is asked to answer after the pairs are made, and at least a week of working days
    (REPLY_DAYS) after the request goes out, so that nobody is asked to answer in two."""
    timing = {"call-to-action": (35, 42, 28), "preferences-request": (17, 21, 14),
              "pairing": (7, 14, 5), "introductions": (3, 7, 1)}
    dates = {name: _sending_day(start - dt.timedelta(days=target), no_mail,
                                start - dt.timedelta(days=earliest),
                                start - dt.timedelta(days=latest))
             for name, (target, earliest, latest) in timing.items()}
    dates["replies"] = _working_day_before(dates["pairing"] - dt.timedelta(days=2), no_mail)
    if dates["replies"] <= dates["preferences-request"]:  # Christmas between the two e-mails:
        # a working day in the break, rather than the day the request goes out
        dates["replies"] = _working_day_before(dates["pairing"] - dt.timedelta(days=1),
                                               closed)
    if _working_days_between(dates["preferences-request"], dates["replies"],
                             closed) >= REPLY_DAYS:
        return dates
    # A bank holiday pulled pairing, and with it the replies, towards the request (Easter):
    # send the request sooner, as far as the guide's three weeks allow...
    first = _working_day_after(start - dt.timedelta(days=timing["preferences-request"][1]),
                               no_mail)
    sooner = _working_day_before(_working_days_from(dates["replies"], -REPLY_DAYS, closed),
                                 no_mail)
    dates["preferences-request"] = max(sooner, first)
    # ...and if that is still not a week (Christmas in the way), give the replies the days
    # they lack when pairing can follow them inside its own window and before the
    # introductions; else they stay short, and make_plan says so
    replies = _working_days_from(dates["preferences-request"], REPLY_DAYS, closed)
    pairing = _working_day_after(replies + dt.timedelta(days=2), no_mail)
    if replies > dates["replies"] and pairing <= start - dt.timedelta(days=5) and \
            pairing < dates["introductions"]:
        dates["replies"] = replies
        dates["pairing"] = max(dates["pairing"], pairing)
    return dates


def _working_day_after(day: dt.date, closed: dict[dt.date, str] | set[dt.date]) -> dt.date:
    """``day`` if it is a working day, else the next one."""
    while day.weekday() >= 5 or day in closed:
        day += dt.timedelta(days=1)
    return day


def _working_days_from(day: dt.date, count: int,
                       closed: dict[dt.date, str] | set[dt.date]) -> dt.date:
    """The ``count``-th working day after ``day`` (before it when ``count`` is negative)."""
    step = dt.timedelta(days=1 if count > 0 else -1)
    left = abs(count)
    while left:
        day += step
        if day.weekday() < 5 and day not in closed:
            left -= 1
    return day


def _working_days_between(first: dt.date, last: dt.date,
                          closed: dict[dt.date, str] | set[dt.date]) -> int:
    """The working days after ``first`` up to ``last``, ``last`` included: the days a letter
    sent on ``first`` leaves for replies due on ``last``."""
    return sum(1 for offset in range(1, (last - first).days + 1)
               if (day := first + dt.timedelta(days=offset)).weekday() < 5
               and day not in closed)


def reply_deadline(start: dt.date) -> dt.date:
    """The day the preferences request asks for replies by, as ``wessex plan`` shows it: a
    working day two days or more before pairing, and a week of working days or more after
    the request goes out."""
    years = range(start.year - 1, start.year + 1)
    closed = bank_holidays(years)
    return _before_the_start(start, closed, set(closed) | christmas_break(years))["replies"]


def nearest_clear_start(start: dt.date) -> dt.date | None:
    """The Monday nearest ``start`` whose three months avoid QOF Q4 and the summer, and that
    is not itself a bank holiday (Easter Monday would be warned about in its turn)."""
    monday = start - dt.timedelta(days=start.weekday())
    closed = bank_holidays(range(start.year - 1, start.year + 2))
    for weeks in range(0, 53):
        for sign in (1, -1) if weeks else (1,):
            candidate = monday + dt.timedelta(weeks=sign * weeks)
            if candidate not in closed and \
                    not period_clashes(candidate, add_months(candidate, 3)):
                return candidate
    return None


def suggested_start(today: dt.date) -> dt.date:
    """A start to suggest where scheme.toml gives none: the first Monday six weeks or more
    away (the call to action goes four to six weeks before it) whose three months avoid
    QOF quarter 4 and the summer, and that is not Easter Monday.

    Of England's regular bank holidays, Easter Monday is the only one such a Monday can be
    (from May, its three months meet the summer; from late September, QOF quarter 4), and
    dateutil finds it: the holidays library, which knows them all, takes some 0.15 s and
    14 MB to load, which every 'check' of a scheme without dates would pay for a hint."""
    from dateutil.easter import easter

    earliest = today + dt.timedelta(weeks=6)
    monday = earliest + dt.timedelta(days=-earliest.weekday() % 7)
    for weeks in range(53):
        candidate = monday + dt.timedelta(weeks=weeks)
        if candidate != easter(candidate.year) + dt.timedelta(days=1) and \
                not period_clashes(candidate, add_months(candidate, 3)):
            return candidate
    return monday


# The scheme runs in England: a calendar's times are England's, wherever a device reads them.
SCHEME_ZONE = "Europe/London"


def write_ics(path: Path, plan: Plan, scheme: Scheme) -> None:
    """An RFC 5545 calendar: all-day milestones (DATE values, the same day everywhere) and
    the celebration as a timed event at England's time (``SCHEME_ZONE``), not a floating
    time that each device reads in its own zone. The zone's VTIMEZONE is the icalendar
    library's, for the celebration's year alone: one change to summer time and one back,
    without the RDATE lists a longer span brings, which Outlook reads badly.

    Each event keeps its UID from one save to the next (the scheme's name and the
    milestone's), and is stamped with the time of writing: a calendar program told of an
    event it already holds takes the copy with the later DTSTAMP as the newer (RFC 5546,
    2.1.5), so a date moved by ``plan --save`` replaces the old one on import."""
    import hashlib
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    from .dates import now
    from .safe_write import write_bytes
    from .text import one_line

    england = ZoneInfo(SCHEME_ZONE)
    # on one line: the library writes X-WR-CALNAME as it is given, and a line break typed in
    # the scheme's name (a TOML "\n", a multi-line string) stopped it with an internal error
    name = one_line(scheme.name)
    calendar = Calendar()
    calendar.add("prodid", "-//wessex//workplace exchange//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = now()
    timed: list[dt.date] = []
    for milestone in plan.milestones:
        event = Event()
        uid = hashlib.sha256(f"{name}|{milestone.name}".encode()).hexdigest()[:24]
        event.add("uid", f"{uid}@wessex")
        event.add("dtstamp", stamp)
        event.add("summary", f"{name}: {milestone.label}")
        if milestone.name == "celebration":
            begin, finish = _clock(scheme.celebration.time, 18, 30), \
                _clock(scheme.celebration.end_time, 21, 0)
            event.add("dtstart", dt.datetime.combine(milestone.date, begin, england))
            event.add("dtend", dt.datetime.combine(milestone.date, finish, england))
            event.add("location", scheme.celebration.venue)
            timed.append(milestone.date)
        else:
            event.add("dtstart", milestone.date)
            event.add("dtend", milestone.date + dt.timedelta(days=1))
        calendar.add_component(event)
    if timed:
        calendar.add_missing_timezones(first_date=dt.date(min(timed).year, 1, 1),
                                       last_date=dt.date(max(timed).year + 1, 1, 1))
    write_bytes(path, calendar.to_ical())


def _clock(text: str, hour: int, minute: int) -> dt.time:
    """The time of day in ``text`` as the invitations read it (``clock_minutes``: "7:30" too),
    else ``hour``:``minute`` (the plan warns that it cannot read it)."""
    minutes = clock_minutes(text)
    if minutes is None:
        return dt.time(hour, minute)
    return dt.time(minutes // 60, minutes % 60)


def _unread_times(scheme: Scheme) -> str:
    """A warning for a celebration time in scheme.toml that wessex cannot read ("12.30pm"):
    what the invitation and the calendar will say, and what to write instead ("" when
    both times read, or scheme.toml gives neither)."""
    celebration = scheme.celebration
    typed = {setting: getattr(celebration, setting) for setting in ("time", "end_time")
             if f"celebration.{setting}" in scheme.given and getattr(celebration, setting)
             and clock_minutes(getattr(celebration, setting)) is None}
    if not typed:
        return ""
    named = " and ".join("start" if setting == "time" else "end" for setting in typed)
    quoted = ", ".join(f"'{text}'" for text in typed.values())
    several = len(typed) > 1
    shown = celebration.time + (f" to {celebration.end_time}" if celebration.end_time else "")
    said = f"The invitation will say '{shown}'" + (
        "" if celebration.end_time else " with no end time")
    if "celebration.agenda" not in scheme.given:
        said += ", its agenda without times"
    calendar = (celebration.time if clock_minutes(celebration.time) is not None else "18:30",
                celebration.end_time if clock_minutes(celebration.end_time) is not None
                else "21:00")
    fixes = []
    for setting, text in typed.items():
        meant = _24_hour(text)
        fixes.append(f'{setting} = "{meant}"' if meant else
                     f'{setting} as a 24-hour time, such as '
                     f'"{"18:30" if setting == "time" else "21:00"}"')
    fix = "write " + " and ".join(fixes)
    if not celebration.end_time:
        start = _24_hour(celebration.time)
        end = _add_minutes(start, 150) if start else "21:00"
        fix += (" (the invitation then gives an end two and a half hours later), or add the "
                f'end, such as end_time = "{end}"')
    return (f"The celebration's {named} time{'s' if several else ''} in scheme.toml ({quoted}) "
            f"{'are not times' if several else 'is not a time'} wessex can read. {said}, and "
            f"the calendar will show {calendar[0]} to {calendar[1]}. To put it right, "
            f"{fix} under [celebration].")


def _24_hour(text: str) -> str | None:
    """A time of day written with am or pm ("12.30pm", "6 pm") as the 24-hour time
    scheme.toml needs ("12:30", "18:00"); None for anything else."""
    found = re.fullmatch(r"\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\.?\s*", text,
                         re.IGNORECASE)
    if found is None or not 1 <= int(found[1]) <= 12 or int(found[2] or 0) > 59:
        return None
    hour = int(found[1]) % 12 + (12 if found[3].lower() == "p" else 0)
    return f"{hour:02d}:{int(found[2] or 0):02d}"


def _add_minutes(clock: str, minutes: int) -> str:
    """``clock`` ("12:30") ``minutes`` later, on a 24-hour clock."""
    start = clock_minutes(clock) or 0
    return f"{(start + minutes) // 60 % 24:02d}:{(start + minutes) % 60:02d}"


def dates_moved(scheme: Scheme, plan: Plan) -> str:
    """The dates in scheme.toml that saving ``plan`` would change, as a phrase: "the start
    from 19 April 2027 to 3 May 2027 and the end from 19 July 2027 to 3 August 2027" ("" when
    the start stays, or scheme.toml has none yet)."""
    if scheme.start is None or scheme.start == plan.date("start"):
        return ""
    moved = []
    for name, was in (("start", scheme.start), ("end", scheme.end),
                      ("celebration", scheme.celebration.date)):
        now = plan.date(name)
        if isinstance(was, dt.date) and was != now:
            moved.append(f"the {name} from {day_month_year(was)} to {day_month_year(now)}")
    return moved[0] if len(moved) == 1 else f"{', '.join(moved[:-1])} and {moved[-1]}"


def moving_a_running_scheme(scheme: Scheme, moved: str, today: dt.date) -> str:
    """Why saving a plan would move an exchange already under way (its start in
    scheme.toml is ``today`` or before): the dates it would change (``moved``, as
    ``dates_moved`` gives them), and what the letters already sent said; "" when the start
    stays or the exchange has not started yet."""
    if not moved or scheme.start is None or scheme.start > today:
        return ""
    said = (f" (the partner introductions asked for the visits by {long_date(scheme.end)})"
            if scheme.end else "")
    return (f"the exchange started on {long_date(scheme.start)}, the start in scheme.toml "
            f"(today is {long_date(today)}), and --save would move {moved}. The reminders, "
            "certificates and invitations written from then on would give the new dates, "
            f"while the letters already sent gave the old ones{said}.")


def letters_with_old_dates(moved: str, folder: Path) -> str:
    """Before the exchange starts, moving its dates is allowed, but letters already written
    into ``folder`` (render's default, documents/ in the current folder) gave the old ones:
    a warning that counts them, or "" when the dates stay (``moved``, as ``dates_moved``
    gives them, is "") or the folder holds none."""
    if not moved or not folder.is_dir():
        return ""
    written = sum(1 for path in folder.rglob("*") if path.is_file())
    if not written:
        return ""
    return (f"{folder.name}/ holds {written:,} file{'s' if written != 1 else ''} written "
            f"before the move of {moved}: any that give a date give the old one. Render "
            "again (with --force, which keeps a backup of each) whatever has not been sent, "
            "and tell those who had a letter the new dates.")


def next_exchange_advice(scheme: Scheme, today: dt.date) -> str:
    """Once the exchange in scheme.toml has ended, what to do instead of moving its dates for
    the next one: a folder of its own; "" before its end."""
    if scheme.end is None or today <= scheme.end:
        return ""
    return ("If that exchange is over and this is the next one, give it a folder of its own "
            "('wessex init NEWFOLDER --from pairs.xlsx' carries the settings over, without the "
            "dates), so that the certificates of the last one keep its dates.")


def save_dates(path: Path, plan: Plan) -> tuple[bool, Path | None]:
    """Write start, end and celebration dates into scheme.toml, keeping every comment, and
    the version before in backups/. Returns whether it was written, and that backup (None
    for a scheme.toml written new). Not written when it already says just that: then no
    backup pushes out an older one (``plan --save`` run twice)."""
    import tomlkit

    from .safe_write import backup, refuse_if_read_only, write_text

    before = path.read_text(encoding="utf-8") if path.exists() else None
    try:
        document = tomlkit.parse(before) if before is not None else tomlkit.document()
    except tomlkit.exceptions.ParseError as exc:
        raise SchemeError(f"scheme.toml cannot be updated: {exc}.", file=path) from None
    dates = document.setdefault("dates", tomlkit.table())
    dates["start"] = plan.date("start")
    dates["end"] = plan.date("end")
    celebration = document.setdefault("celebration", tomlkit.table())
    celebration["date"] = plan.date("celebration")
    after = tomlkit.dumps(document)
    if after == before:
        return False, None
    refuse_if_read_only(path)
    # edited in place: keep the version before
    copy = backup(path) if before is not None else None
    write_text(path, after)
    return True, copy
