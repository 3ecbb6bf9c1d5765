"""How documents speak about people and visits: canonical professions and titles, formal
names and salutations, and the plain-English account of which visits a person still owes.

Kept apart from the templates so that every document (and the mail-merge source) says the
same thing about the same person, and so that the reminder's sentences can be tested alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .text import (
    APOSTROPHES,
    TITLES,
    first_capital,
    fold,
    forename_first,
    known_as,
    letters_after,
    letters_as_listed,
    person_key,
    without_notes,
)
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


@lru_cache(maxsize=1 << 14)  # each letter reads one name as five forms (first, formal...)
def _parts(name: str) -> tuple[str, str]:
    """(canonical title, the rest in the usual order, without letters after it): every name
    form below starts here, so a name typed surname first with a comma ("Penrose, Alys")
    reads "Alys Penrose" in all, and "Dr Ann Bell, MBBS" is never a Dr MBBS."""
    title, typed = split_title(name)
    # the apostrophe typed before a cell's text to keep it text, or quotation marks about
    # the name ("'Ann Bell", "‘Ann Bell’"): the name is inside them
    inside = typed[1:-1] if typed[-1:] in APOSTROPHES else typed[1:]
    if typed[:1] in APOSTROPHES and any(c.isalnum() for c in inside):
        typed = inside
    # what the name holds in brackets is no part of it ("Dr Ann Bell MBBS (QUAYSIDE)"), but
    # for the name they go by, kept after the first name ("Hale, Robert (Bob)"); nor is a
    # role after a dash, which the title shows a whole name before ("Dr Hale - GP Partner")
    plain = without_notes(f"{title} {typed}" if title else typed)
    rest = _without_full_stop(letters_after(split_title(plain)[1] if title else plain)[0])
    rest = _JOINED_INITIALS.sub(r"\1 ", rest)  # "A.Penrose" is A. Penrose
    turned = forename_first(rest)  # the one reading of a comma, as names match
    if turned is not None:
        # "Hale, Dr Robert": the title after the comma is his title, not his first name
        title, rest = split_title(turned) if not title else (title, turned)
    called = known_as(forename_first(typed) or typed)
    words = rest.split()
    first = next((n for n, word in enumerate(words) if fold(word) not in TITLES), len(words))
    if called and first < len(words) - 1:
        words.insert(first + 1, f"({called})")
    return title, _name_case(" ".join(words))


# Initials written together ("J.R.", "J.R"), which are no first name to greet anyone by
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")
# Initials run on to the surname by their full stops ("A.Penrose", "A.B.Penrose")
_JOINED_INITIALS = re.compile(r"(?<![\w.])((?:[^\W\d_]\.)+)(?=[^\W\d_]{2})")
_WORD_START = re.compile(r"(^|[\s'\u2019(\"\u201c-])(\w)")
_MC = re.compile(r"\bMc(\w)(?=\w)")  # "McKay", "O'Brien-McKay"
# Words that begin a surname in small letters in a name typed in capitals ("VAN DER BERG"
# is "van der Berg"); the Irish and Scots ones are capitals ("Ó Briain", "Ní Bhriain").
_SMALL_PARTICLES = frozenset({"de", "del", "della", "der", "den", "di", "da", "das", "dos",
                              "du", "van", "von", "le", "la", "bin", "binti", "al", "el",
                              "ap", "ter", "ten"})


def _name_case(rest: str) -> str:
    """A name typed all in capitals or all in small letters ("ALYS PENROSE", "zoe marsh"),
    as a letter prints a name: "Alys Penrose", "Zoe Marsh", "O'Brien", "Ashworth-Smith",
    "McDonald", "Anna van der Berg". A name that mixes them is the person's own way of
    writing it and stays as typed ("Amelia ASHWORTH", "Ann-Marie d'Souza"), and so does one
    whose words are all of two letters or fewer, which may be initials ("LI MA", "MB BS")."""
    cased = [c for c in rest if c.isalpha() and c.lower() != c.upper()]
    if not cased or not (all(c.isupper() for c in cased) or all(c.islower() for c in cased)):
        return rest
    if all(c.isupper() for c in cased) and all(len(w.strip(".")) <= 2 for w in rest.split()):
        return rest
    words: list[str] = []
    typed = rest.lower().split(" ")
    for number, word in enumerate(typed):
        if number and word in _SMALL_PARTICLES and number < len(typed) - 1:
            words.append(word)  # "van der Berg"
            continue
        word = _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), word)
        words.append(_MC.sub(lambda m: "Mc" + m.group(1).upper(), word))
    return " ".join(words)


def _without_full_stop(text: str) -> str:
    """``text`` without the full stop, comma or semicolon typed after it ("Dr Ann Bell.",
    "Ann Bell,"), which the letters would print inside a sentence ("paired with Dr Ann Bell.,
    GP"); an initial keeps its stop ("Ann B.", "Ann Bell M.B.")."""
    text = text.rstrip(" ,;")
    last = text.rsplit(" ", 1)[-1]
    if last.endswith(".") and "." not in last[:-1] and len(last) > 2:
        return text[:-1]
    return text


def display_name(name: str) -> str:
    """The name with its title in canonical form: ``"Dr. amelia Ashworth"`` keeps
    ``amelia`` as typed but writes ``Dr``; letters after it are kept as typed, but for a
    full stop after them all ("MBBS.")."""
    typed = split_title(name)[1]  # letters in brackets ("FRCS (Orth)"), or before them
    letters = letters_as_listed(letters_after(typed)[1] or
                                letters_after(without_notes(typed))[1])
    return f"{plain_name(name)}{_without_full_stop(letters) if letters else ''}".strip()


def plain_name(name: str) -> str:
    """The name with its title in canonical form and without the letters after it ("Dr Ann
    Bell" of "Dr Ann Bell BM BCh (Oxon)"): for a reader to whom the letters mean nothing,
    such as a patient, and before a profession in brackets, which would follow theirs."""
    title, rest = _parts(name)
    return f"{title} {rest}".strip()


def surname(name: str) -> str:
    """The family name: the last word, with any particle before it (``Ó Briain``), never
    what the name holds in brackets ("Dr Ema Fox (she/her)" is Dr Fox)."""
    rest = without_notes(_parts(name)[1])
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
    alone ("Dr Okafor") or initials ("Dr J. R. Smith", "Mrs J.R. Smith"). "Penrose, Alys"
    gives Alys, and "Prof Sir John Smythe" John: a second title is a title, not his first
    name. The name someone goes by, in brackets after their first, is theirs: "Robert (Bob)
    Hale" is Bob."""
    rest = _parts(name)[1]
    if called := known_as(rest):
        return called
    words = without_notes(rest).split()
    while len(words) > 1 and fold(words[0]) in TITLES:
        words = words[1:]
    if len(words) < 2 or len(words[0].rstrip(".")) < 2 or _INITIALS.fullmatch(words[0]):
        return ""
    return words[0]


# Titles of a knight or a dame, that go with the first name: "Sir Tom", never "Sir Reed"
_WITH_FIRST_NAME = frozenset({"Sir", "Dame"})


def formal_name(name: str) -> str:
    """How a patient or a formal letter names someone: ``Dr Ashworth`` with a title, the full
    name without one (a title is never guessed); a knight or a dame by their first name
    (``Sir Tom``), or in full when the name gives only an initial; a minister in full
    (``Revd Tom Reed``) or with their second title (``Revd Dr Reed``), as the style is."""
    title, rest = _parts(name)
    if title in _WITH_FIRST_NAME and rest:
        given = given_name(name)
        return f"{title} {given}" if given else display_name(without_notes(name))
    words = [word for word in rest.split() if not word.startswith("(")]  # not "(Bob)"
    if title == "Revd" and len(words) > 1:  # never "Revd Reed": a second title, or in full
        second = TITLES.get(fold(words[0]))
        return f"Revd {second} {surname(name)}" if second else f"Revd {' '.join(words)}"
    if title and rest:
        return f"{title} {surname(name)}"
    # no title: the name in full, but not the letters after it, which a salutation or a
    # sentence ("Amelia Ashworth's workplace") leaves to the heading that lists them
    return " ".join(words) if words else display_name(without_notes(name))


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

    def when(self, day: Callable[[dt.date], str] = long_date) -> str:
        """`` on <date>`` when the visit has a date, else nothing: for the middle of a
        sentence (``day`` writes the date: the partner introduction's are in bold)."""
        return f" on {day(self.date)}" if self.date else ""


def _clause(visit: VisitView, partner: str, first: bool, day: Callable[[dt.date], str]) -> str:
    """What the record says about one visit, as part of a sentence."""
    who = partner if first else "them"
    when = visit.when(day)
    if visit.role == "host":
        return {
            OWED: f"you have not yet hosted {who} at your workplace",
            PLANNED: f"you are due to host {who}{when}",
            UNCONFIRMED: f"you planned to host {who}{when}, but we have no record "
                         "yet that it went ahead",
            DONE: f"you hosted {who}{when}",
        }[visit.state]
    place = f"{partner}'s workplace" if first else "their workplace"
    return {
        OWED: f"you have not yet visited {place}",
        PLANNED: f"you are due to visit {place}{when}",
        UNCONFIRMED: f"you planned to visit {place}{when}, but we have no record "
                     "yet that it went ahead",
        DONE: f"you visited {place}{when}",
    }[visit.state]


def in_date_order(hosting: VisitView, visiting: VisitView) -> tuple[VisitView, VisitView]:
    """The two half days as a letter lists them: by date when both have one, a dated one
    before one without, hosting first when neither is dated (a letter reads as the weeks
    run, whichever of the two comes first)."""
    if visiting.date and (hosting.date is None or visiting.date < hosting.date):
        return visiting, hosting
    return hosting, visiting


def situation(hosting: VisitView, visiting: VisitView, partner: str,
              day: Callable[[dt.date], str] = long_date) -> str:
    """What the record says about both of a person's visits, in one or two sentences.

    The two are said in date order (``in_date_order``). A visit done or with a date to
    come and one still owed, or planned but never confirmed, are said in a sentence each,
    so that a visit done is never joined by "but" to one missing; the first of the two is
    the one done or to come unless both are dated. ``day`` writes a date."""
    if hosting.state == OWED and visiting.state == OWED:
        return (f"Our records show that neither of your two half days with {partner} has "
                f"taken place yet: you are still to host {partner} at your workplace, and to "
                "spend half a day at theirs.")
    first, second = in_date_order(hosting, visiting)
    if hosting.state == UNCONFIRMED and visiting.state == UNCONFIRMED:
        said = (f"host {partner}{hosting.when(day)} and to visit their workplace"
                f"{visiting.when(day)}") if first is hosting else \
            (f"visit {partner}'s workplace{visiting.when(day)} and to host them"
             f"{hosting.when(day)}")
        return (f"Our records show that you planned to {said}, but we have no record yet "
                "that either half day went ahead.")
    good = (DONE, PLANNED)
    if (hosting.state in good) == (visiting.state in good):
        return (f"Our records show that {_clause(first, partner, True, day)}, and "
                f"{_clause(second, partner, False, day)}.")
    if not (hosting.date and visiting.date):  # one undated: the visit done or to come first
        first, second = (hosting, visiting) if hosting.state in good else (visiting, hosting)
    rest = _clause(second, partner, False, day)
    return (f"Our records show that {_clause(first, partner, True, day)}. "
            f"{first_capital(rest)}.")


def next_steps(hosting: VisitView, visiting: VisitView, partner: str, end: dt.date | None,
               overdue: bool, day: Callable[[dt.date], str] = long_date) -> list[str]:
    """What the person is asked to do, one paragraph each: agree what is owed, confirm
    what was planned (both planned visits in one paragraph), and, once the exchange period
    is over, say so first when nothing owed has said it already. ``day`` writes a date.

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
                steps.append(f"The exchange period ended on {day(end)}. If either half "
                             f"day with {partner} did take place, please reply with its date "
                             f"so that we can record it; for any that did not, "
                             f"{still.format('it')}.")
            else:
                happened = (f"you did host {partner}" if owed[0].role == "host" else
                            f"you did visit {partner}'s workplace")
                steps.append(f"The exchange period ended on {day(end)}. If {happened}, "
                             "please reply with the date so that we can record it; if not, "
                             f"{still.format('that half day')}.")
        elif end:
            # "by": the end date is a day for visits too, as the introduction says
            steps.append(f"Please agree {dates} with {partner} for {what}, to take place by "
                         f"{day(end)}, when the exchange period ends.")
        else:
            steps.append(f"Please agree {dates} with {partner} for {what}.")
    for late in (v for v in in_date_order(hosting, visiting) if v.state == PLANNED):
        if late.date is None or end is None or late.date <= end:
            continue
        half = "The half day when you host them" if late.role == "host" else \
            "The half day when you visit them"
        if overdue:  # the period is over: there is nothing left to bring it forward into
            steps.append(f"{half} is planned for {day(late.date)}, after the exchange "
                         f"period, which ended on {day(end)}. Please let us know whether it "
                         "will still go ahead then.")
            continue
        steps.append(f"{half} is planned for {day(late.date)}, after the exchange period "
                     f"ends on {day(end)}. If you can, please bring it forward; if not, "
                     "let us know that it will go ahead then.")
    if not unconfirmed:
        return steps
    # After the end date, a letter with nothing owed still says first that the period is over.
    ended = f"The exchange period ended on {day(end)}. " if overdue and end and \
        not owed else ""
    if overdue and owed:
        instead = "please tell us in the same reply whether that half day can still happen"
    elif overdue:
        instead = still.format("it" if len(unconfirmed) == 2 else "that half day")
    elif not end:
        instead = f"please agree a new date with {partner}"
    elif owed:  # the sentence before asked for a date by the end already: not twice
        instead = f"please agree a new date for it with {partner} as well, by the same day"
    else:  # as for a half day owed: with whom, and by when
        instead = (f"please agree a new date with {partner}, to take place by {day(end)}, "
                   "when the exchange period ends")
    if len(unconfirmed) == 2:
        planned = ", ".join(f"{'hosting' if v.role == 'host' else 'visiting'} them{v.when(day)}"
                            for v in in_date_order(hosting, visiting))
        steps.append(f"{ended}If either half day went ahead as planned ({planned}), please reply "
                     "to tell us which, and we will update the record; for any that did not, "
                     f"{instead}.")
        return steps
    visit = unconfirmed[0]
    what = "you hosted them" if visit.role == "host" else "you visited them"
    steps.append(f"{ended}If {what}{visit.when(day)} as planned, please reply to say so and "
                 f"we will update the record; if not, {instead}.")
    return steps


def when_to_tell(hosting: VisitView, visiting: VisitView) -> str:
    """When the person is to tell their partner of a change to their adjustments, true to
    what is arranged: "when you arrange the visits" only while neither half day is; "" once
    both are done, when there is no half day left to plan around them."""
    left = [v for v in (hosting, visiting) if v.state != DONE]
    if not left:
        return ""
    if len(left) == 2 and all(v.state == OWED for v in left):
        return "when you arrange the visits"
    if len(left) == 1 and left[0].state == OWED:
        return "when you arrange the other half day"
    return "before your next half day together"


def still_together(hosting: VisitView, visiting: VisitView) -> str:
    """The half days still to spend together, as the subject of "allow(s)": the other one
    once either is done, so that a letter never asks to plan around a visit gone by."""
    if DONE in (hosting.state, visiting.state):
        return "your other half day together allows"
    return "your half days together allow"


def day_to_come(visit: VisitView) -> dt.date | None:
    """The day a visit is planned for while it is still to come, else None: what a notice
    for the day may print (never a planned day gone by, nor one done)."""
    return visit.date if visit.state == PLANNED else None


def introduction_visits(hosting: VisitView, visiting: VisitView, partner: str,
                        end: dt.date | None, today: dt.date,
                        day: Callable[[dt.date], str] = long_date) -> list[str]:
    """The partner introduction's sentences about the two half days: the reminder's own
    (``situation`` and ``next_steps``), so both letters say one thing of one record, on any
    day. Only the introduction's own cases differ: nothing yet arranged while the period
    lasts (it introduces the two), and a planned date that may have to move."""
    overdue = bool(end and today > end)
    if hosting.state == OWED and visiting.state == OWED and not overdue:
        by = day(end) if end else "the end of the exchange period"
        return [f"Please get in touch with {partner} directly to arrange your two half days: "
                f"one where you host {partner} at your workplace, and one where you visit "
                "theirs.",
                "The exchange only works if it goes both ways, so please plan both visits and "
                f"complete them by {by}."]
    said = [situation(hosting, visiting, partner, day),
            *next_steps(hosting, visiting, partner, end, overdue, day)]
    # a planned day within the period (none is, once it has ended)
    in_time = [v for v in (hosting, visiting) if v.state == PLANNED and v.date and
               not (end and v.date > end)]
    if in_time:
        which = "either day" if len(in_time) == 2 else \
            f"the day when you {'host' if in_time[0].role == 'host' else 'visit'} them"
        said.append(f"If {which} has to move, please agree a new one with {partner} within "
                    "the exchange period.")
    return said


def summary(hosting: VisitView, visiting: VisitView) -> str:
    """A short line for the terminal: ``hosting owed; visiting planned 4 May 2027``, its date
    as messages to the administrator give one (``day_month_year``)."""
    def one(label: str, visit: VisitView) -> str:
        date = f" {day_month_year(visit.date)}" if visit.date and visit.state != OWED else ""
        return f"{label} {visit.state}{date}"

    return f"{one('hosting', hosting)}; {one('visiting', visiting)}"
