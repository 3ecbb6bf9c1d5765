"""The partner introduction's paragraph about the two half days (``wording.introduction_visits``)
for every pair of states: done, planned, planned for a day gone by without being recorded
(unconfirmed), not arranged, and planned for a day after the end, before the end date, on it
and after it.

Expected sentences are written by hand. The people and dates: the partner is Noor, the
exchange ends on Monday 19 July 2027; the letter is written on Tuesday 1 June 2027 (before the
end), on the end date, or on Monday 2 August 2027 (after it). SPEC.md: both half days should
happen before the end date; after it a pair is overdue. The letter says what the reminder says
of the same record (wording.situation and wording.next_steps), and only what an introduction
alone needs in its own words: nothing arranged yet while the period lasts, and what to do if a
planned date has to move. After the end nobody is asked for a day "by" a date gone by.
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

# what the record says of each half day, named first and then after the other ("them")
HOSTED_NOOR = "you hosted Noor on Wednesday 5 May 2027"
HOSTED_THEM = "you hosted them on Wednesday 5 May 2027"
TO_HOST_NOOR = "you are due to host Noor on Monday 7 June 2027"
TO_HOST_THEM = "you are due to host them on Monday 7 June 2027"
LATE_HOST_NOOR = "you are due to host Noor on Sunday 25 July 2027"
LATE_HOST_THEM = "you are due to host them on Sunday 25 July 2027"
UNRECORDED_HOST_NOOR = ("you planned to host Noor on Thursday 20 May 2027, but we have no record "
                        "yet that it went ahead")
UNRECORDED_HOST_THEM = ("you planned to host them on Thursday 20 May 2027, but we have no record "
                        "yet that it went ahead")
NOT_HOSTED_NOOR = "you have not yet hosted Noor at your workplace"
NOT_HOSTED_THEM = "you have not yet hosted them at your workplace"
VISITED_NOOR = "you visited Noor's workplace on Wednesday 12 May 2027"
VISITED_THEM = "you visited their workplace on Wednesday 12 May 2027"
TO_VISIT_NOOR = "you are due to visit Noor's workplace on Monday 14 June 2027"
TO_VISIT_THEM = "you are due to visit their workplace on Monday 14 June 2027"
LATE_VISIT_NOOR = "you are due to visit Noor's workplace on Monday 9 August 2027"
LATE_VISIT_THEM = "you are due to visit their workplace on Monday 9 August 2027"
UNRECORDED_VISIT_NOOR = ("you planned to visit Noor's workplace on Monday 24 May 2027, but we "
                         "have no record yet that it went ahead")
UNRECORDED_VISIT_THEM = ("you planned to visit their workplace on Monday 24 May 2027, but we "
                         "have no record yet that it went ahead")
NOT_VISITED_NOOR = "you have not yet visited Noor's workplace"
NOT_VISITED_THEM = "you have not yet visited their workplace"
SHOW = "Our records show that"

# what is asked while the period lasts
AGREE_HOST = ("Please agree a date with Noor for the half day when you host them, to take place by "
              "Monday 19 July 2027, when the exchange period ends.")
AGREE_VISIT = ("Please agree a date with Noor for the half day when you visit them, to take place "
               "by Monday 19 July 2027, when the exchange period ends.")
AGREE_BOTH = ("Please agree dates with Noor for both half days, to take place by Monday 19 "
              "July 2027, when the exchange period ends.")
CONFIRM_HOST = ("If you hosted them on Thursday 20 May 2027 as planned, please reply to say so "
                "and we will update the record; if not, please agree a new date with Noor, to take "
                "place by Monday 19 July 2027, when the exchange period ends.")
CONFIRM_VISIT = ("If you visited them on Monday 24 May 2027 as planned, please reply to say so "
                 "and we will update the record; if not, please agree a new date with Noor, "
                 "to take place by Monday 19 July 2027, when the exchange period ends.")
CONFIRM_BOTH = ("If either half day went ahead as planned (hosting them on Thursday 20 May 2027, "
                "visiting them on Monday 24 May 2027), please reply to tell us which, and we "
                "will update the record; for any that did not, please agree a new date with Noor, "
                "to take place by Monday 19 July 2027, when the exchange period ends.")
# beside a half day owed, whose sentence gave the end date already
CONFIRM_HOST_TOO = ("If you hosted them on Thursday 20 May 2027 as planned, please reply to say "
                    "so and we will update the record; if not, please agree a new date for it "
                    "with Noor as well, by the same day.")
CONFIRM_VISIT_TOO = ("If you visited them on Monday 24 May 2027 as planned, please reply to say "
                     "so and we will update the record; if not, please agree a new date for it "
                     "with Noor as well, by the same day.")
FORWARD_HOST = ("The half day when you host them is planned for Sunday 25 July 2027, after the "
                "exchange period ends on Monday 19 July 2027. If you can, please bring it "
                "forward; if not, let us know that it will go ahead then.")
FORWARD_VISIT = ("The half day when you visit them is planned for Monday 9 August 2027, after "
                 "the exchange period ends on Monday 19 July 2027. If you can, please bring it "
                 "forward; if not, let us know that it will go ahead then.")
MOVE_HOST = ("If the day when you host them has to move, please agree a new one with Noor "
             "within the exchange period.")
MOVE_VISIT = ("If the day when you visit them has to move, please agree a new one with Noor "
              "within the exchange period.")
MOVE_BOTH = ("If either day has to move, please agree a new one with Noor within the exchange "
             "period.")
BOTH_OWED = ("Please get in touch with Noor directly to arrange your two half days: one where "
             "you host Noor at your workplace, and one where you visit theirs. The exchange only "
             "works if it goes both ways, so please plan both visits and complete them by "
             "Monday 19 July 2027.")

BEFORE_END = {
    ("done", "done"): f"{SHOW} {HOSTED_NOOR}, and {VISITED_THEM}.",
    ("done", "planned"): f"{SHOW} {HOSTED_NOOR}, and {TO_VISIT_THEM}. {MOVE_VISIT}",
    ("done", "unconfirmed"): f"{SHOW} {HOSTED_NOOR}. Y{UNRECORDED_VISIT_THEM[1:]}. "
                             f"{CONFIRM_VISIT}",
    ("done", "owed"): f"{SHOW} {HOSTED_NOOR}. Y{NOT_VISITED_THEM[1:]}. {AGREE_VISIT}",
    ("done", "late"): f"{SHOW} {HOSTED_NOOR}, and {LATE_VISIT_THEM}. {FORWARD_VISIT}",
    ("planned", "done"): f"{SHOW} {VISITED_NOOR}, and {TO_HOST_THEM}. {MOVE_HOST}",
    ("unconfirmed", "done"): f"{SHOW} {VISITED_NOOR}. Y{UNRECORDED_HOST_THEM[1:]}. "
                             f"{CONFIRM_HOST}",
    ("owed", "done"): f"{SHOW} {VISITED_NOOR}. Y{NOT_HOSTED_THEM[1:]}. {AGREE_HOST}",
    ("late", "done"): f"{SHOW} {VISITED_NOOR}, and {LATE_HOST_THEM}. {FORWARD_HOST}",
    ("planned", "planned"): f"{SHOW} {TO_HOST_NOOR}, and {TO_VISIT_THEM}. {MOVE_BOTH}",
    ("planned", "unconfirmed"): f"{SHOW} {UNRECORDED_VISIT_NOOR}. Y{TO_HOST_THEM[1:]}. "
                                f"{CONFIRM_VISIT} {MOVE_HOST}",
    ("planned", "owed"): f"{SHOW} {TO_HOST_NOOR}. Y{NOT_VISITED_THEM[1:]}. {AGREE_VISIT} "
                         f"{MOVE_HOST}",
    ("planned", "late"): f"{SHOW} {TO_HOST_NOOR}, and {LATE_VISIT_THEM}. {FORWARD_VISIT} "
                         f"{MOVE_HOST}",
    ("unconfirmed", "planned"): f"{SHOW} {UNRECORDED_HOST_NOOR}. Y{TO_VISIT_THEM[1:]}. "
                                f"{CONFIRM_HOST} {MOVE_VISIT}",
    ("owed", "planned"): f"{SHOW} {TO_VISIT_NOOR}. Y{NOT_HOSTED_THEM[1:]}. {AGREE_HOST} "
                         f"{MOVE_VISIT}",
    ("late", "planned"): f"{SHOW} {TO_VISIT_NOOR}, and {LATE_HOST_THEM}. {FORWARD_HOST} "
                         f"{MOVE_VISIT}",
    ("unconfirmed", "unconfirmed"): "Our records show that you planned to host Noor on Thursday "
                                    "20 May 2027 and to visit their workplace on Monday 24 May "
                                    "2027, but we have no record yet that either half day went "
                                    f"ahead. {CONFIRM_BOTH}",
    # the reviewer's case: nothing done, a planned day gone by
    ("unconfirmed", "owed"): f"{SHOW} {UNRECORDED_HOST_NOOR}, and {NOT_VISITED_THEM}. "
                             f"{AGREE_VISIT} {CONFIRM_HOST_TOO}",
    ("owed", "unconfirmed"): f"{SHOW} {UNRECORDED_VISIT_NOOR}, and {NOT_HOSTED_THEM}. "
                             f"{AGREE_HOST} {CONFIRM_VISIT_TOO}",
    ("unconfirmed", "late"): f"{SHOW} {UNRECORDED_HOST_NOOR}. Y{LATE_VISIT_THEM[1:]}. "
                             f"{FORWARD_VISIT} {CONFIRM_HOST}",
    ("late", "unconfirmed"): f"{SHOW} {UNRECORDED_VISIT_NOOR}. Y{LATE_HOST_THEM[1:]}. "
                             f"{FORWARD_HOST} {CONFIRM_VISIT}",
    ("owed", "owed"): BOTH_OWED,
    ("late", "owed"): f"{SHOW} {LATE_HOST_NOOR}. Y{NOT_VISITED_THEM[1:]}. {AGREE_VISIT} "
                      f"{FORWARD_HOST}",
    ("owed", "late"): f"{SHOW} {LATE_VISIT_NOOR}. Y{NOT_HOSTED_THEM[1:]}. {AGREE_HOST} "
                      f"{FORWARD_VISIT}",
    ("late", "late"): f"{SHOW} {LATE_HOST_NOOR}, and {LATE_VISIT_THEM}. {FORWARD_HOST} "
                      f"{FORWARD_VISIT}",
}

ENDED = "The exchange period ended on Monday 19 July 2027."
STILL = "whether it can still happen, and when, or whether it will not go ahead."
STILL_ONE = ("please tell us whether that half day can still happen, and when, or whether it "
             "will not go ahead.")

# After the end (2 August) a half day is done, unrecorded, not arranged, or planned after
# the end and still to come (the visit on 9 August; hosting on 25 July would be unrecorded):
# that one is not to be brought forward into a period gone by
AFTER_END = {
    ("done", "done"): f"{SHOW} {HOSTED_NOOR}, and {VISITED_THEM}.",
    ("done", "unconfirmed"): f"{SHOW} {HOSTED_NOOR}. Y{UNRECORDED_VISIT_THEM[1:]}. {ENDED} "
                             "If you visited them on Monday 24 May 2027 as planned, please "
                             "reply to say so and we will update the record; if not, "
                             f"{STILL_ONE}",
    ("done", "owed"): f"{SHOW} {HOSTED_NOOR}. Y{NOT_VISITED_THEM[1:]}. {ENDED} If you did "
                      "visit Noor's workplace, please reply with the date so that we can "
                      f"record it; if not, {STILL_ONE}",
    ("done", "late"): f"{SHOW} {HOSTED_NOOR}, and {LATE_VISIT_THEM}. The half day when you "
                      "visit them is planned for Monday 9 August 2027, after the exchange "
                      "period, which ended on Monday 19 July 2027. Please let us know whether "
                      "it will still go ahead then.",
    ("unconfirmed", "done"): f"{SHOW} {VISITED_NOOR}. Y{UNRECORDED_HOST_THEM[1:]}. {ENDED} "
                             "If you hosted them on Thursday 20 May 2027 as planned, please "
                             "reply to say so and we will update the record; if not, "
                             f"{STILL_ONE}",
    ("owed", "done"): f"{SHOW} {VISITED_NOOR}. Y{NOT_HOSTED_THEM[1:]}. {ENDED} If you did host "
                      "Noor, please reply with the date so that we can record it; if not, "
                      f"{STILL_ONE}",
    ("unconfirmed", "unconfirmed"): "Our records show that you planned to host Noor on Thursday "
                                    "20 May 2027 and to visit their workplace on Monday 24 May "
                                    f"2027, but we have no record yet that either half day went "
                                    f"ahead. {ENDED} If either half day went ahead as planned "
                                    "(hosting them on Thursday 20 May 2027, visiting them on "
                                    "Monday 24 May 2027), please reply to tell us which, and we "
                                    "will update the record; for any that did not, please tell "
                                    f"us {STILL}",
    ("unconfirmed", "owed"): f"{SHOW} {UNRECORDED_HOST_NOOR}, and {NOT_VISITED_THEM}. {ENDED} "
                             "If you did visit Noor's workplace, please reply with the date so "
                             f"that we can record it; if not, {STILL_ONE} If you hosted them on "
                             "Thursday 20 May 2027 as planned, please reply to say so and we "
                             "will update the record; if not, please tell us in the same reply "
                             "whether that half day can still happen.",
    ("owed", "unconfirmed"): f"{SHOW} {UNRECORDED_VISIT_NOOR}, and {NOT_HOSTED_THEM}. {ENDED} "
                             "If you did host Noor, please reply with the date so that we can "
                             f"record it; if not, {STILL_ONE} If you visited them on Monday 24 "
                             "May 2027 as planned, please reply to say so and we will update "
                             "the record; if not, please tell us in the same reply whether that "
                             "half day can still happen.",
    ("owed", "owed"): "Our records show that neither of your two half days with Noor has taken "
                      "place yet: you are still to host Noor at your workplace, and to spend "
                      f"half a day at theirs. {ENDED} If either half day with Noor did take "
                      "place, please reply with its date so that we can record it; for any "
                      f"that did not, please tell us {STILL}",
    ("owed", "late"): f"{SHOW} {LATE_VISIT_NOOR}. Y{NOT_HOSTED_THEM[1:]}. {ENDED} If you did "
                      "host Noor, please reply with the date so that we can record it; if not, "
                      f"{STILL_ONE} The half day when you visit them is planned for Monday 9 "
                      "August 2027, after the exchange period, which ended on Monday 19 July "
                      "2027. Please let us know whether it will still go ahead then.",
}


def _paragraph(hosting: VisitView, visiting: VisitView, today: dt.date,
               end: dt.date | None = END) -> str:
    return " ".join(introduction_visits(hosting, visiting, "Noor", end, today))


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
    assert _paragraph(HOST["done"], VISIT["owed"], END) == BEFORE_END[("done", "owed")]
    today = VisitView("visit", PLANNED, END)
    assert _paragraph(HOST["done"], today, END) == (
        f"{SHOW} {HOSTED_NOOR}, and you are due to visit their workplace on Monday 19 July "
        f"2027. {MOVE_VISIT}")
    # the day after, it has ended
    assert _paragraph(HOST["owed"], VISIT["owed"], END + dt.timedelta(days=1)) == \
        AFTER_END[("owed", "owed")]


def test_no_end_date_asks_for_no_day() -> None:
    """With no end date in scheme.toml nothing is asked for by a day, as in the reminder."""
    assert _paragraph(HOST["done"], VISIT["owed"], BEFORE, None) == (
        f"{SHOW} {HOSTED_NOOR}. Y{NOT_VISITED_THEM[1:]}. Please agree a date with Noor for the "
        "half day when you visit them.")
    assert _paragraph(HOST["owed"], VISIT["owed"], BEFORE, None).endswith(
        "so please plan both visits and complete them by the end of the exchange period.")
    assert _paragraph(HOST["done"], VISIT["planned"], BEFORE, None) == (
        f"{SHOW} {HOSTED_NOOR}, and {TO_VISIT_THEM}. {MOVE_VISIT}")


def test_the_letter_says_what_the_reminder_says() -> None:
    """One record, one account: where the introduction and the reminder speak of the same
    half days, their sentences are the same ones (Rosa, in the reminder's test, is Noor)."""
    from wessex_cli.wording import next_steps, situation

    for hosting, visiting in (("done", "owed"), ("unconfirmed", "owed"), ("owed", "done")):
        for today in (BEFORE, AFTER):
            host, visit = HOST[hosting], VISIT[visiting]
            said = introduction_visits(host, visit, "Noor", END, today)
            assert said == [situation(host, visit, "Noor"),
                            *next_steps(host, visit, "Noor", END, today > END)]


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
    assert "Our records show that you planned to host Noor on **Thursday 20 May 2027**, but we " \
        "have no record yet that it went ahead, and you have not yet visited their workplace. " \
        "The exchange period ended on **Monday 19 July 2027**. If you did visit Noor's " \
        "workplace, please reply with the date so that we can record it; if not, please tell " \
        "us whether that half day can still happen, and when, or whether it will not go " \
        "ahead. If you hosted them on **Thursday 20 May 2027** as planned, please reply to " \
        "say so and we will update the record; if not, please tell us in the same reply " \
        "whether that half day can still happen." in arjun
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


def test_the_filter_refuses_what_is_not_a_pairs_visits() -> None:
    """A template that hands visit_sentences something else is told so, where the sentences
    would otherwise fail on a state they do not know."""
    from wessex_cli.documents import _visit_sentences
    from wessex_cli.errors import TemplateError

    owed = {"state": "owed", "date": None}
    assert "Please get in touch with Noor" in _visit_sentences(owed, owed, "Noor", "Robin",
                                                              END, BEFORE)
    with pytest.raises(TemplateError, match="other than a pair's visits"):
        _visit_sentences({"state": "hosted"}, owed, "Noor", "Robin", END, BEFORE)



def _letter(folder: Path, hosting: tuple[bool, dt.date | None],
            visiting: tuple[bool, dt.date | None], today: dt.date) -> str:
    """The GP's introduction, as Markdown on one line, written on ``today`` (the scheme runs
    from 19 April to Monday 19 July 2027; the celebration is on Thursday 29 July)."""
    from wessex_cli.documents import load_template, recipients, render_markdown
    from wessex_cli.model import PairRecord, Person
    from wessex_cli.scheme import load_scheme

    from .conftest import COMPLETE_SCHEME

    (folder / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    scheme = load_scheme(folder / "scheme.toml")
    gp = Person("Dr Tamsin Eddowes", "tamsin.eddowes@nhs.net", side="primary", profession="GP")
    other = Person("Dr Noor Lund", "noor.lund@nhs.net", side="secondary",
                   profession="Consultant")
    pair = PairRecord.with_visits("P1", gp, other, (hosting[0], visiting[0]),
                                  (hosting[1], visiting[1]))
    template = load_template("partner-introduction", scheme)
    letter, = (r for r in recipients(template, scheme, pairs=[pair], now=today)
               if r.email == gp.email)
    return " ".join(render_markdown(template, letter).markdown.split())


NOTHING: tuple[bool, dt.date | None] = (False, None)
PLAN = "**Planning the half days.**"
SAVE = "Please save the date: the celebration is on **Thursday 29 July 2027**"
HOPE = "We hope you find the exchange worthwhile."
NOTICE = "We also attach a notice you can show patients on the day you host"
BEFORE_HOSTING = "Before hosting, check with your practice manager"


def test_the_whole_letter_is_true_before_during_and_after_the_period(tmp_path: Path) -> None:
    """Before the start and in the middle, the letter asks the pair to plan and invites them
    to the celebration. After the end it plans only a half day still to take place and
    offers the notice for a day the GP may still host; after the celebration it no longer
    asks anyone to save its date. No day says "We hope you enjoy the exchange", which read
    as if it were still to come once it was over."""
    for today in (dt.date(2027, 4, 12), BEFORE):
        text = _letter(tmp_path, NOTHING, NOTHING, today)
        assert f"{PLAN} Agree beforehand what the visitor will see" in text, today
        assert BEFORE_HOSTING in text and f"{NOTICE}." in text and SAVE in text, today
        assert HOPE in text and "enjoy the exchange" not in text, today
    between = _letter(tmp_path, NOTHING, NOTHING, dt.date(2027, 7, 24))  # ended, not held
    assert f"{PLAN} If a half day is still to take place, agree beforehand what the visitor " \
        "will see" in between
    assert f"{NOTICE}, should you still host Noor." in between
    assert SAVE in between and HOPE in between
    after = _letter(tmp_path, NOTHING, NOTHING, AFTER)  # both the end and the celebration
    assert f"{PLAN} If a half day is still to take place" in after
    assert "save the date" not in after and "celebration" not in after
    assert HOPE in after and "enjoy the exchange" not in after


def test_who_has_hosted_is_not_told_how_to_prepare_to_host(tmp_path: Path) -> None:
    """The GP hosted Noor on 5 May: the letter of 1 June neither tells her what to check
    before hosting nor offers a notice for the day she hosts."""
    text = _letter(tmp_path, (True, dt.date(2027, 5, 5)), NOTHING, BEFORE)
    assert "Our records show that you hosted Noor on **Wednesday 5 May 2027**." in text
    assert f"{PLAN} Agree beforehand what the visitor will see" in text
    assert BEFORE_HOSTING not in text and NOTICE not in text
