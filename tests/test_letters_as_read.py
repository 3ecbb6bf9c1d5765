"""The partner introduction read as its recipient reads it, on any day it may be sent: before
the half days are arranged, once they are booked, once one is done; its two half days in the
order they come."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wessex_cli.documents import load_template, recipients, render_all
from wessex_cli.model import PairRecord, Person
from wessex_cli.scheme import load_scheme
from wessex_cli.wording import UNCONFIRMED, VisitView, introduction_visits

from .conftest import COMPLETE_SCHEME

LEON = Person("Dr Leon Ince", "leon.ince@nhs.net", profession="Consultant", side="secondary",
              adjustments="Step-free access needed")
PRIYA = Person("Dr Priya Varga", "priya.varga@nhs.net", profession="GP", side="primary")
TODAY = dt.date(2027, 6, 1)


def introductions(folder: Path, pair: PairRecord) -> dict[str, str]:
    """Each person's partner introduction for ``pair``, as one line of Markdown, by e-mail."""
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    scheme = load_scheme(folder / "scheme.toml")
    template = load_template("partner-introduction", scheme)
    people = recipients(template, scheme, pairs=[pair], now=TODAY)
    return {r.recipient.email: " ".join(r.markdown.split())
            for r, _ in render_all(template, people, "md", scheme)}


@pytest.mark.parametrize(("done", "dates", "together"), [
    # nothing arranged yet
    ((False, False), (None, None), "your half days together allow"),
    # both booked: Priya hosts Leon on 14 June, Leon hosts Priya on 24 June
    ((False, False), (dt.date(2027, 6, 14), dt.date(2027, 6, 24)),
     "your half days together allow"),
    # Priya hosted Leon on 4 May; Leon's turn is booked
    ((True, False), (dt.date(2027, 5, 4), dt.date(2027, 6, 24)),
     "your other half day together allows"),
])
def test_the_adjustments_are_asked_for_in_words_true_once_visits_are_booked(
        tmp_path: Path, done: tuple[bool, bool], dates: tuple[dt.date | None, dt.date | None],
        together: str) -> None:
    """Priya's letter said 'Leon has asked for these adjustments, so please plan the visits
    around them' of visits already booked, and Leon's 'So that the visits can be planned
    around them' when they had been."""
    letters = introductions(tmp_path, PairRecord.with_visits("P1", PRIYA, LEON, done, dates))
    assert (f"Leon has asked for these adjustments; please make sure {together} for them: "
            "Step-free access needed") in letters["priya.varga@nhs.net"]
    assert ("We have passed on to Priya the adjustments you asked for (Step-free access "
            f"needed), as we said we would when we asked for volunteers, so that {together} "
            "for them.") in letters["leon.ince@nhs.net"]
    # "as the invitation said": Leon was sent no invitation but the celebration's, after
    # the visits; what promised to pass his adjustments on was the call for volunteers
    assert "invitation" not in letters["leon.ince@nhs.net"]
    for letter in letters.values():
        assert "plan the visits around" not in letter and "planned around" not in letter


def test_the_half_days_are_listed_in_date_order(tmp_path: Path) -> None:
    """Leon hosts Priya on Monday 14 June, ten days before she hosts him: her introduction
    listed her hosting first all the same, the later day before the earlier."""
    letters = introductions(tmp_path, PairRecord.with_visits(
        "P1", PRIYA, LEON, (False, False), (dt.date(2027, 6, 24), dt.date(2027, 6, 14))))
    assert ("Our records show that you are due to visit Leon's workplace on **Monday 14 June "
            "2027**, and you are due to host them on **Thursday 24 June 2027**.") \
        in letters["priya.varga@nhs.net"]
    # Leon's letter already ran in date order: his hosting is the earlier day
    assert ("Our records show that you are due to host Priya on **Monday 14 June 2027**, and "
            "you are due to visit their workplace on **Thursday 24 June 2027**.") \
        in letters["leon.ince@nhs.net"]


def test_two_half_days_gone_by_unrecorded_are_asked_about_in_date_order() -> None:
    """Both planned days passed without a record, the visit (Thursday 20 May) before the
    hosting (Monday 24 May): each sentence that names both gives the earlier first."""
    hosting = VisitView("host", UNCONFIRMED, dt.date(2027, 5, 24))
    visiting = VisitView("visit", UNCONFIRMED, dt.date(2027, 5, 20))
    said = introduction_visits(hosting, visiting, "Noor", dt.date(2027, 7, 19), TODAY)
    assert said == [
        "Our records show that you planned to visit Noor's workplace on Thursday 20 May 2027 "
        "and to host them on Monday 24 May 2027, but we have no record yet that either half "
        "day went ahead.",
        "If either half day went ahead as planned (visiting them on Thursday 20 May 2027, "
        "hosting them on Monday 24 May 2027), please reply to tell us which, and we will "
        "update the record; for any that did not, please agree a new date with Noor, to take "
        "place by Monday 19 July 2027, when the exchange period ends."]
