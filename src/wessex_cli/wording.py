"""How documents speak about people and visits: canonical professions and titles, formal
names and salutations, and the plain-English account of which visits a person still owes.

Kept apart from the templates so that every document (and the mail-merge source) says the
same thing about the same person, and so that the reminder's sentences can be tested alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .text import person_key
from .text import split_title as split_title  # documents read it here; one list, in text.py

# Words that belong to the surname that follows them ("Ó Briain", "van der Berg"). Narrower
# on purpose than feedback.SURNAME_PARTICLES, which removes names and may take too much: a
# salutation must not make "y" of "García y López" part of the surname.
_PARTICLES = {"de", "del", "della", "der", "den", "di", "da", "das", "dos", "du", "van", "von",
              "le", "la", "ó", "ni", "ní", "nic", "mac", "bin", "binti", "al", "el", "ap",
              "ter", "ten"}

# Visit states, as the record and the reminder see them.
OWED = "owed"  # no date, not done
PLANNED = "planned"  # a date still to come
UNCONFIRMED = "unconfirmed"  # a planned date has passed, but nobody has recorded it as done
DONE = "done"
VISIT_STATES = (OWED, PLANNED, UNCONFIRMED, DONE)
CHASED = (OWED, UNCONFIRMED)  # the states a reminder is written about


def _parts(name: str) -> tuple[str, str]:
    """(canonical title, the rest in the usual order): every name form below starts here, so
    a name typed surname first with a comma ("Penrose, Alys") reads "Alys Penrose" in all."""
    title, rest = split_title(name)
    family, comma, given = rest.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        rest = f"{given.strip()} {family.strip()}"
    return title, rest


def display_name(name: str) -> str:
    """The name with its title in canonical form: ``"Dr. amelia Ashworth"`` keeps
    ``amelia`` as typed but writes ``Dr``."""
    title, rest = _parts(name)
    return f"{title} {rest}".strip()


def surname(name: str) -> str:
    """The family name: the last word, with any particle before it (``Ó Briain``)."""
    _, rest = _parts(name)
    words = rest.split()
    if len(words) < 2:
        return rest
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def alphabetical(name: str) -> tuple[str, str]:
    """Where a name goes in a list of people: by surname, then given name, titles, case and
    accents aside, so "Prof Chidi Zielinski" sorts among the Zs, not after every "Dr"."""
    return person_key(surname(name)), person_key(_parts(name)[1])


def given_name(name: str) -> str:
    """The first word after any title; "" when the name shows none: a title and a surname
    alone ("Dr Okafor") or an initial ("Dr J. R. Smith"). "Penrose, Alys" gives Alys."""
    words = _parts(name)[1].split()
    if len(words) < 2 or len(words[0].rstrip(".")) < 2:
        return ""
    return words[0]


def formal_name(name: str) -> str:
    """How a patient or a formal letter names someone: ``Dr Ashworth`` with a title, the full
    name without one (a title is never guessed)."""
    title, rest = _parts(name)
    return f"{title} {surname(name)}" if title and rest else rest


def salutation(name: str) -> str:
    """How a letter opens: ``Dear Dr Ashworth``, or the full name when there is no title."""
    return f"Dear {formal_name(name)}"


# ---------------------------------------------------------------- visits

def visit_state(done: bool, date: dt.date | None, now: dt.date) -> str:
    """One half-day visit's state on ``now``."""
    if done:
        return DONE
    if date is None:
        return OWED
    return PLANNED if date >= now else UNCONFIRMED


def long_date(day: dt.date) -> str:
    """A date as letters write it: ``Monday 3 May 2027``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_month_year(day: dt.date) -> str:
    """A date as reports and messages to the administrator say it: ``3 May 2027``
    (``%-d`` is not portable: Windows has no such directive)."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class VisitView:
    """One of a person's two visits, from their side: hosting or visiting."""

    role: str  # "host" or "visit"
    state: str
    date: dt.date | None

    @property
    def when(self) -> str:
        """`` on <date>`` when the visit has a date, else nothing: for the middle of a sentence."""
        return f" on {long_date(self.date)}" if self.date else ""


def _clause(visit: VisitView, partner: str, first: bool) -> str:
    """What the record says about one visit, as part of a sentence."""
    who = partner if first else "them"
    if visit.role == "host":
        return {
            OWED: f"you have not yet hosted {who} at your workplace",
            PLANNED: f"you are due to host {who}{visit.when}",
            UNCONFIRMED: f"you planned to host {who}{visit.when}, but we have no record "
                         "yet that it went ahead",
            DONE: f"you hosted {who}{visit.when}",
        }[visit.state]
    place = f"{partner}'s workplace" if first else "their workplace"
    return {
        OWED: f"you have not yet visited {place}",
        PLANNED: f"you are due to visit {place}{visit.when}",
        UNCONFIRMED: f"you planned to visit {place}{visit.when}, but we have no record "
                     "yet that it went ahead",
        DONE: f"you visited {place}{visit.when}",
    }[visit.state]


def situation(hosting: VisitView, visiting: VisitView, partner: str) -> str:
    """What the record says about both of a person's visits, in one or two sentences.

    Visits that went ahead or have a date to come are said first; a visit still owed, or
    planned but never confirmed, follows in a sentence of its own, so that a visit done is
    never joined by "but" to one missing."""
    if hosting.state == OWED and visiting.state == OWED:
        return (f"Our records show that neither of your two half days with {partner} has "
                "taken place yet: you are still to host them at your workplace, and to spend "
                "half a day at theirs.")
    if hosting.state == UNCONFIRMED and visiting.state == UNCONFIRMED:
        return (f"Our records show that you planned to host {partner}{hosting.when} and to "
                f"visit their workplace{visiting.when}, but we have no record yet that either "
                "half day went ahead.")
    good = (DONE, PLANNED)
    if (hosting.state in good) == (visiting.state in good):
        return (f"Our records show that {_clause(hosting, partner, True)}, and "
                f"{_clause(visiting, partner, False)}.")
    first, second = (hosting, visiting) if hosting.state in good else (visiting, hosting)
    rest = _clause(second, partner, False)
    return (f"Our records show that {_clause(first, partner, True)}. "
            f"{rest[0].upper()}{rest[1:]}.")


def next_steps(hosting: VisitView, visiting: VisitView, partner: str, end: dt.date | None,
               overdue: bool) -> list[str]:
    """What the person is asked to do, one paragraph each: agree what is owed, confirm
    what was planned (both planned visits in one paragraph), and, once the exchange period
    is over, say so first when nothing owed has said it already.

    After the end date nobody is asked to arrange a visit as if there were time: they are
    asked what happened (a date to record, if it went ahead unrecorded) and, for a half day
    that did not, whether it can still happen or will not."""
    steps = []
    owed = [v for v in (hosting, visiting) if v.state == OWED]
    unconfirmed = [v for v in (hosting, visiting) if v.state == UNCONFIRMED]
    # what to ask of a half day that did not happen, once the period is over
    still = ("please tell us whether {} can still happen, and when, or whether it will not "
             "go ahead")
    if owed:
        what = "both half days" if len(owed) == 2 else (
            "the half day when you host them" if owed[0].role == "host" else
            "the half day when you visit them")
        dates = "dates" if len(owed) == 2 else "a date"  # two half days, two days to agree
        if overdue and end:
            if len(owed) == 2:
                steps.append(f"The exchange period ended on {long_date(end)}. If either half "
                             f"day with {partner} did take place, please reply with its date "
                             f"so that we can record it; for any that did not, "
                             f"{still.format('it')}.")
            else:
                happened = (f"you did host {partner}" if owed[0].role == "host" else
                            f"you did visit {partner}'s workplace")
                steps.append(f"The exchange period ended on {long_date(end)}. If {happened}, "
                             "please reply with the date so that we can record it; if not, "
                             f"{still.format('that half day')}.")
        elif end:
            steps.append(f"Please agree {dates} with {partner} for {what}, before "
                         f"{long_date(end)} when the exchange period ends.")
        else:
            steps.append(f"Please agree {dates} with {partner} for {what}.")
    for late in (v for v in (hosting, visiting) if v.state == PLANNED):
        if late.date is None or end is None or late.date <= end:
            continue
        half = "The half day when you host them" if late.role == "host" else \
            "The half day when you visit them"
        steps.append(f"{half} is planned for {long_date(late.date)}, after the exchange period "
                     f"ends on {long_date(end)}. If you can, please bring it forward; if not, "
                     "let us know that it will go ahead then.")
    if not unconfirmed:
        return steps
    # After the end date, a letter with nothing owed still says first that the period is over.
    ended = f"The exchange period ended on {long_date(end)}. " if overdue and end and \
        not owed else ""
    if overdue and owed:
        instead = "please tell us in the same reply whether that half day can still happen"
    elif overdue:
        instead = still.format("it" if len(unconfirmed) == 2 else "that half day")
    else:
        instead = "please arrange a new date"
    if len(unconfirmed) == 2:
        steps.append(f"{ended}If either half day went ahead as planned (hosting them"
                     f"{hosting.when}, visiting them{visiting.when}), please reply to tell us "
                     f"which, and we will update the record; for any that did not, {instead}.")
        return steps
    visit = unconfirmed[0]
    what = "you hosted them" if visit.role == "host" else "you visited them"
    steps.append(f"{ended}If {what}{visit.when} as planned, please reply to say so and we "
                 f"will update the record; if not, {instead}.")
    return steps


def day_to_come(visit: VisitView) -> dt.date | None:
    """The day a visit is planned for while it is still to come, else None: what a notice
    for the day may print (never a planned day gone by, nor one done)."""
    return visit.date if visit.state == PLANNED else None


def _by_end(end: dt.date | None) -> str:
    """The end date as the plain letter writes it; unknown, the period's end in words."""
    return long_date(end) if end else "the end of the exchange period"


def introduction_visits(hosting: VisitView, visiting: VisitView, partner: str,
                        administrator: str, end: dt.date | None, today: dt.date,
                        day: Callable[[dt.date | None], str] = _by_end) -> list[str]:
    """The partner introduction's sentences about the two half days: what is done, what is
    planned, and what to do about the rest, by the end date while it is to come; after it,
    to say what happened (no day is asked for by a date gone by).

    ``day`` writes a date (the letter's in bold; None is the end date unknown). A half day
    planned after the end is not arranged in time: it is asked for as one not arranged."""
    def timely(visit: VisitView) -> str:
        """The state the letter speaks of: planned after the end (or undated) is not arranged."""
        if visit.state == PLANNED and (visit.date is None or (end and visit.date > end)):
            return OWED
        return visit.state

    def lead(visit: VisitView, named: bool = False) -> str:
        """A half day in a phrase; ``named``: it says whose workplace ("theirs" follows)."""
        if visit.role == "host":
            return f"when you host {partner} at your workplace"
        return f"when you visit {partner}'s workplace" if named else "when you visit theirs"

    hosted, visited = timely(hosting), timely(visiting)
    by = f"for a day by {day(end)}"
    if end and today > end:
        ended = f"The exchange period ended on {day(end)}"
        told = f"so that the record can be updated; if not, please tell {administrator} " \
               "whether it can still happen, and when, or whether it will not go ahead."
        either = f"so that the record can be updated; for any that did not, please tell " \
                 f"{administrator} whether it can still happen, and when, or whether it will " \
                 "not go ahead."
        ask = f"if it took place, please let {administrator} know {told}"
        ask_date = f"if it took place, please let {administrator} know its date {told}"
    else:
        ended = ""
        ask = ask_date = (f"if it took place, please let {administrator} know; if not, please "
                          f"agree a new date with {partner} {by}.")
        either = ""
    def the_other(other: VisitView, complete: str) -> str:
        """While the period lasts, the half day neither done nor planned: gone by
        unrecorded, or to arrange (``complete`` "it", or "both" when one is planned)."""
        if timely(other) == UNCONFIRMED:
            return (f"The other half day, {lead(other)}, was planned for {day(other.date)}, "
                    f"but it has not been recorded as done: {ask}")
        return (f"Please get in touch with {partner} directly to arrange the other half day, "
                f"{lead(other)}, and complete {complete} by {day(end)}: the exchange only works "
                "if it goes both ways.")

    if DONE in (hosted, visited):
        done, other = (hosting, visiting) if hosted == DONE else (visiting, hosting)
        did = f"hosted {partner}" if done.role == "host" else f"visited {partner}'s workplace"
        state = timely(other)
        if state == DONE:
            return [f"Our records show that you have already hosted {partner} and visited "
                    f"{partner}'s workplace: thank you for completing both half days."]
        first = f"Our records show that you have already {did}."
        if state == PLANNED:
            return [first, f"The other half day, {lead(other)}, is planned for "
                           f"{day(other.date)}: if that date has to move, please agree a new "
                           f"one with {partner} {by}, as the exchange only works if it goes "
                           "both ways."]
        if ended:
            if state == UNCONFIRMED:
                return [first, f"{ended}, and the other half day, {lead(other)}, was planned "
                               f"for {day(other.date)}, but it has not been recorded as done: "
                               f"{ask}"]
            return [first, f"{ended}, and the other half day, {lead(other)}, has not been "
                           f"recorded as done: {ask_date}"]
        return [first, the_other(other, "it")]
    if hosted == PLANNED and visited == PLANNED:
        return [f"Our records show that you are to host {partner} at your workplace on "
                f"{day(hosting.date)}, and to visit {partner}'s workplace on "
                f"{day(visiting.date)}.",
                f"If either date has to move, please agree a new one with {partner} {by}, as "
                "the exchange only works if it goes both ways."]
    if PLANNED in (hosted, visited):
        planned, other = (hosting, visiting) if hosted == PLANNED else (visiting, hosting)
        to = f"host {partner} at your workplace" if planned.role == "host" else \
            f"visit {partner}'s workplace"
        first = f"Our records show that you are to {to} on {day(planned.date)}."
        return [first, the_other(other, "both")]
    if hosted == UNCONFIRMED and visited == UNCONFIRMED:
        both = (f"both half days were planned, when you host {partner} at your workplace on "
                f"{day(hosting.date)} and when you visit theirs on {day(visiting.date)}, but "
                "neither has been recorded as done: ")
        if ended:
            return [f"{ended}.", f"Our records show that {both}if either took place, please "
                                 f"let {administrator} know which {either}"]
        return [f"Our records show that {both}if either took place, please let "
                f"{administrator} know which; for any that did not, please agree a new date "
                f"with {partner} {by}."]
    if UNCONFIRMED in (hosted, visited):
        gone, other = (hosting, visiting) if hosted == UNCONFIRMED else (visiting, hosting)
        first = (f"Our records show that the half day {lead(gone, True)} was planned for "
                 f"{day(gone.date)}, but it has not been recorded as done")
        if ended:
            return [f"{ended}.", f"{first}, and neither has the other half day, "
                                 f"{lead(other)}.",
                    f"If either took place, please let {administrator} know its date {either}"]
        return [f"{first}: {ask}",
                f"Please also get in touch with {partner} directly to arrange the other half "
                f"day, {lead(other)}, and complete it by {day(end)}: the exchange only works if "
                "it goes both ways."]
    if ended:
        return [f"{ended}, and neither of your two half days with {partner} has been recorded "
                "as done.",
                f"If either took place, please let {administrator} know its date {either}"]
    return [f"Please get in touch with {partner} directly to arrange your two half days: one "
            f"where you host {partner} at your workplace, and one where you visit theirs.",
            "The exchange only works if it goes both ways, so please plan both visits and "
            f"complete them by {day(end)}."]


def summary(hosting: VisitView, visiting: VisitView) -> str:
    """A short line for the terminal: ``hosting owed; visiting planned 2027-05-04``."""
    def one(label: str, visit: VisitView) -> str:
        date = f" {visit.date.isoformat()}" if visit.date and visit.state != OWED else ""
        return f"{label} {visit.state}{date}"

    return f"{one('hosting', hosting)}; {one('visiting', visiting)}"
