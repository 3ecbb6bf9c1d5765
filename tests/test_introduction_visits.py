"""The partner introduction's paragraph about the two half days (``wording.introduction_visits``)
for every pair of states: done, planned, planned for a day gone by without being recorded
(unconfirmed), and not arranged (or planned only after the end), before the end date, on it
and after it.

Expected sentences are written by hand. The people and dates: the partner is Noor, the
administrator Robin Fairweather, the exchange ends on Monday 19 July 2027; the letter is
written on Tuesday 1 June 2027 (before the end), on the end date, or on Monday 2 August 2027
(after it). SPEC.md: both half days should happen before the end date; after it a pair is
overdue. After the end nobody is asked for a day "by" a date gone by: they are asked what
happened, as the reminder asks (wording.next_steps).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from wessex_cli.wording import DONE, OWED, PLANNED, UNCONFIRMED, VisitView, introduction_visits

from .conftest import EXAMPLES, Runner

END = dt.date(2027, 7, 19)
BEFORE = dt.date(2027, 6, 1)
AFTER = dt.date(2027, 8, 2)

# hosting Noor: done on 5 May, planned for 7 June, planned for 20 May (gone by), none,
# planned for 25 July (after the end)
HOST = {"done": VisitView("host", DONE, dt.date(2027, 5, 5)),
        "planned": VisitView("host", PLANNED, dt.date(2027, 6, 7)),
        "unconfirmed": VisitView("host", UNCONFIRMED, dt.date(2027, 5, 20)),
        "owed": VisitView("host", OWED, None),
        "late": VisitView("host", PLANNED, dt.date(2027, 7, 25))}
# visiting Noor: done on 12 May, planned for 14 June, planned for 24 May (gone by), none,
# planned for 9 August (after the end)
VISIT = {"done": VisitView("visit", DONE, dt.date(2027, 5, 12)),
         "planned": VisitView("visit", PLANNED, dt.date(2027, 6, 14)),
         "unconfirmed": VisitView("visit", UNCONFIRMED, dt.date(2027, 5, 24)),
         "owed": VisitView("visit", OWED, None),
         "late": VisitView("visit", PLANNED, dt.date(2027, 8, 9))}

THANKS = ("Our records show that you have already hosted Noor and visited Noor's workplace: "
          "thank you for completing both half days.")
NEW_DATE = ("if it took place, please let Robin Fairweather know; if not, please agree a new "
            "date with Noor for a day by Monday 19 July 2027.")
HOSTED = "Our records show that you have already hosted Noor."
VISITED = "Our records show that you have already visited Noor's workplace."
TO_HOST = "Our records show that you are to host Noor at your workplace on Monday 7 June 2027."
TO_VISIT = "Our records show that you are to visit Noor's workplace on Monday 14 June 2027."
ARRANGE_VISIT = ("Please get in touch with Noor directly to arrange the other half day, when "
                 "you visit theirs, and complete {} by Monday 19 July 2027: the exchange only "
                 "works if it goes both ways.")
ARRANGE_HOST = ("Please get in touch with Noor directly to arrange the other half day, when "
                "you host Noor at your workplace, and complete {} by Monday 19 July 2027: the "
                "exchange only works if it goes both ways.")
BOTH_OWED = ("Please get in touch with Noor directly to arrange your two half days: one where "
             "you host Noor at your workplace, and one where you visit theirs. The exchange only "
             "works if it goes both ways, so please plan both visits and complete them by "
             "Monday 19 July 2027.")

BEFORE_END = {
    ("done", "done"): THANKS,
    ("done", "planned"): f"{HOSTED} The other half day, when you visit theirs, is planned for "
                         "Monday 14 June 2027: if that date has to move, please agree a new one "
                         "with Noor for a day by Monday 19 July 2027, as the exchange only works "
                         "if it goes both ways.",
    ("done", "unconfirmed"): f"{HOSTED} The other half day, when you visit theirs, was planned "
                             "for Monday 24 May 2027, but it has not been recorded as done: "
                             f"{NEW_DATE}",
    ("done", "owed"): f"{HOSTED} {ARRANGE_VISIT.format('it')}",
    ("done", "late"): f"{HOSTED} {ARRANGE_VISIT.format('it')}",
    ("planned", "done"): f"{VISITED} The other half day, when you host Noor at your workplace, "
                         "is planned for Monday 7 June 2027: if that date has to move, please "
                         "agree a new one with Noor for a day by Monday 19 July 2027, as the "
                         "exchange only works if it goes both ways.",
    ("unconfirmed", "done"): f"{VISITED} The other half day, when you host Noor at your "
                             "workplace, was planned for Thursday 20 May 2027, but it has not "
                             f"been recorded as done: {NEW_DATE}",
    ("owed", "done"): f"{VISITED} {ARRANGE_HOST.format('it')}",
    ("late", "done"): f"{VISITED} {ARRANGE_HOST.format('it')}",
    ("planned", "planned"): "Our records show that you are to host Noor at your workplace on "
                            "Monday 7 June 2027, and to visit Noor's workplace on Monday 14 "
                            "June 2027. If either date has to move, please agree a new one "
                            "with Noor for a day by Monday 19 July 2027, as the exchange only "
                            "works if it goes both ways.",
    ("planned", "unconfirmed"): f"{TO_HOST} The other half day, when you visit theirs, was "
                                "planned for Monday 24 May 2027, but it has not been recorded "
                                f"as done: {NEW_DATE}",
    ("planned", "owed"): f"{TO_HOST} {ARRANGE_VISIT.format('both')}",
    ("planned", "late"): f"{TO_HOST} {ARRANGE_VISIT.format('both')}",
    ("unconfirmed", "planned"): f"{TO_VISIT} The other half day, when you host Noor at your "
                                "workplace, was planned for Thursday 20 May 2027, but it has "
                                f"not been recorded as done: {NEW_DATE}",
    ("owed", "planned"): f"{TO_VISIT} {ARRANGE_HOST.format('both')}",
    ("late", "planned"): f"{TO_VISIT} {ARRANGE_HOST.format('both')}",
    ("unconfirmed", "unconfirmed"): "Our records show that both half days were planned, when "
                                    "you host Noor at your workplace on Thursday 20 May 2027 "
                                    "and when you visit theirs on Monday 24 May 2027, but "
                                    "neither has been recorded as done: if either took place, "
                                    "please let Robin Fairweather know which; for any that did "
                                    "not, please agree a new date with Noor for a day by Monday "
                                    "19 July 2027.",
    # the reviewer's case: nothing done, a planned day gone by (it said "arrange your two
    # half days")
    ("unconfirmed", "owed"): "Our records show that the half day when you host Noor at your "
                             "workplace was planned for Thursday 20 May 2027, but it has not "
                             f"been recorded as done: {NEW_DATE} Please also get in touch with "
                             "Noor directly to arrange the other half day, when you visit "
                             "theirs, and complete it by Monday 19 July 2027: the exchange only "
                             "works if it goes both ways.",
    ("owed", "unconfirmed"): "Our records show that the half day when you visit Noor's "
                             "workplace was planned for Monday 24 May 2027, but it has not been "
                             f"recorded as done: {NEW_DATE} Please also get in touch with Noor "
                             "directly to arrange the other half day, when you host Noor at "
                             "your workplace, and complete it by Monday 19 July 2027: the "
                             "exchange only works if it goes both ways.",
    ("owed", "owed"): BOTH_OWED,
    ("late", "owed"): BOTH_OWED,
    ("owed", "late"): BOTH_OWED,
    ("late", "late"): BOTH_OWED,
}

ENDED = "The exchange period ended on Monday 19 July 2027"
IF_NOT = ("if not, please tell Robin Fairweather whether it can still happen, and when, or "
          "whether it will not go ahead.")
ANY_NOT = ("for any that did not, please tell Robin Fairweather whether it can still happen, "
           "and when, or whether it will not go ahead.")

# after the end no half day is planned in time: a day planned after it is not arranged
AFTER_END = {
    ("done", "done"): THANKS,
    ("done", "unconfirmed"): f"{HOSTED} {ENDED}, and the other half day, when you visit theirs, "
                             "was planned for Monday 24 May 2027, but it has not been recorded "
                             "as done: if it took place, please let Robin Fairweather know so "
                             f"that the record can be updated; {IF_NOT}",
    ("done", "owed"): f"{HOSTED} {ENDED}, and the other half day, when you visit theirs, has "
                      "not been recorded as done: if it took place, please let Robin "
                      f"Fairweather know its date so that the record can be updated; {IF_NOT}",
    ("done", "late"): f"{HOSTED} {ENDED}, and the other half day, when you visit theirs, has "
                      "not been recorded as done: if it took place, please let Robin "
                      f"Fairweather know its date so that the record can be updated; {IF_NOT}",
    ("unconfirmed", "done"): f"{VISITED} {ENDED}, and the other half day, when you host Noor at "
                             "your workplace, was planned for Thursday 20 May 2027, but it has "
                             "not been recorded as done: if it took place, please let Robin "
                             f"Fairweather know so that the record can be updated; {IF_NOT}",
    ("owed", "done"): f"{VISITED} {ENDED}, and the other half day, when you host Noor at your "
                      "workplace, has not been recorded as done: if it took place, please let "
                      "Robin Fairweather know its date so that the record can be updated; "
                      f"{IF_NOT}",
    ("unconfirmed", "unconfirmed"): f"{ENDED}. Our records show that both half days were "
                                    "planned, when you host Noor at your workplace on Thursday "
                                    "20 May 2027 and when you visit theirs on Monday 24 May "
                                    "2027, but neither has been recorded as done: if either "
                                    "took place, please let Robin Fairweather know which so "
                                    f"that the record can be updated; {ANY_NOT}",
    ("unconfirmed", "owed"): f"{ENDED}. Our records show that the half day when you host Noor "
                             "at your workplace was planned for Thursday 20 May 2027, but it "
                             "has not been recorded as done, and neither has the other half "
                             "day, when you visit theirs. If either took place, please let "
                             "Robin Fairweather know its date so that the record can be "
                             f"updated; {ANY_NOT}",
    ("owed", "unconfirmed"): f"{ENDED}. Our records show that the half day when you visit "
                             "Noor's workplace was planned for Monday 24 May 2027, but it has "
                             "not been recorded as done, and neither has the other half day, "
                             "when you host Noor at your workplace. If either took place, "
                             "please let Robin Fairweather know its date so that the record can "
                             f"be updated; {ANY_NOT}",
    ("owed", "owed"): f"{ENDED}, and neither of your two half days with Noor has been recorded "
                      "as done. If either took place, please let Robin Fairweather know its "
                      f"date so that the record can be updated; {ANY_NOT}",
    ("late", "owed"): f"{ENDED}, and neither of your two half days with Noor has been recorded "
                      "as done. If either took place, please let Robin Fairweather know its "
                      f"date so that the record can be updated; {ANY_NOT}",
}


def _paragraph(hosting: VisitView, visiting: VisitView, today: dt.date,
               end: dt.date | None = END) -> str:
    return " ".join(introduction_visits(hosting, visiting, "Noor", "Robin Fairweather", end,
                                        today))


@pytest.mark.parametrize(("states", "expected"), list(BEFORE_END.items()),
                         ids=["-".join(k) for k in BEFORE_END])
def test_before_the_end(states: tuple[str, str], expected: str) -> None:
    assert _paragraph(HOST[states[0]], VISIT[states[1]], BEFORE) == expected


@pytest.mark.parametrize(("states", "expected"), list(AFTER_END.items()),
                         ids=["-".join(k) for k in AFTER_END])
def test_after_the_end(states: tuple[str, str], expected: str) -> None:
    said = _paragraph(HOST[states[0]], VISIT[states[1]], AFTER)
    assert said == expected
    assert "by Monday 19 July 2027" not in said  # no day asked for by a date gone by


def test_on_the_end_date_a_day_can_still_be_asked_for() -> None:
    """The end date is the last day of the period, not after it."""
    assert _paragraph(HOST["owed"], VISIT["owed"], END) == BOTH_OWED
    assert _paragraph(HOST["done"], VISIT["unconfirmed"], END) == BEFORE_END[("done",
                                                                              "unconfirmed")]
    today = VisitView("visit", PLANNED, END)
    assert _paragraph(HOST["done"], today, END) == (
        f"{HOSTED} The other half day, when you visit theirs, is planned for Monday 19 July "
        "2027: if that date has to move, please agree a new one with Noor for a day by Monday "
        "19 July 2027, as the exchange only works if it goes both ways.")
    # the day after, it has ended
    assert _paragraph(HOST["owed"], VISIT["owed"], END + dt.timedelta(days=1)) == \
        AFTER_END[("owed", "owed")]


def test_no_end_date_says_the_end_of_the_period_in_words() -> None:
    assert _paragraph(HOST["done"], VISIT["owed"], BEFORE, None) == (
        f"{HOSTED} Please get in touch with Noor directly to arrange the other half day, when "
        "you visit theirs, and complete it by the end of the exchange period: the exchange "
        "only works if it goes both ways.")


def test_the_letter_after_the_end_asks_what_happened(run: Runner, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendered on 2 August 2027, after the example scheme ends on Monday 19 July 2027: Arjun
    planned to host Noor on 20 May, unrecorded, and nothing else is known. The letter (as
    Markdown: dates in bold) says the period has ended and asks what happened."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path)
    run("pair", "volunteers.xlsx")
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--planned", "20/5/2027", "--force")
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-02")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "md",
        "-o", "out")
    folder = tmp_path / "out" / "partner-introduction"
    arjun = " ".join((folder / "arjun-rasmussen.md").read_text(encoding="utf-8").split())
    assert "The exchange period ended on **Monday 19 July 2027**. Our records show that the " \
        "half day when you host Noor at your workplace was planned for **Thursday 20 May " \
        "2027**, but it has not been recorded as done, and neither has the other half day, " \
        "when you visit theirs. If either took place, please let Robin Fairweather know its " \
        "date so that the record can be updated; for any that did not, please tell Robin " \
        "Fairweather whether it can still happen, and when, or whether it will not go " \
        "ahead." in arjun
    assert "by **Monday 19 July 2027**" not in arjun


def test_the_letter_escapes_names_and_keeps_its_dates_bold(tmp_path: Path) -> None:
    """The sentences reach the letter as Markdown: a name from the spreadsheet is text (its
    '_' escaped, not italics), and the end date is in bold, as it was."""
    from wessex_cli.documents import load_template, recipients, render_markdown
    from wessex_cli.model import PairRecord, Person
    from wessex_cli.scheme import load_scheme

    from .conftest import COMPLETE_SCHEME

    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    scheme = load_scheme(tmp_path / "scheme.toml")
    gp = Person("Dr Tamsin Eddowes", "tamsin.eddowes@nhs.net", side="primary", profession="GP")
    other = Person("Sam_my Lund", "sammy.lund@nhs.net", side="secondary",
                   profession="Consultant")
    template = load_template("partner-introduction", scheme)
    letter = recipients(template, scheme, pairs=[PairRecord("P1", gp, other)], now=BEFORE)[0]
    text = " ".join(render_markdown(template, letter).markdown.split())
    assert "Please get in touch with Sam\\_my directly to arrange your two half days: one " \
        "where you host Sam\\_my at your workplace, and one where you visit theirs. The " \
        "exchange only works if it goes both ways, so please plan both visits and complete " \
        "them by **Monday 19 July 2027**." in text
