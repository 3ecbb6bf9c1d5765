"""The partner introduction read as its recipient reads it, on any day it may be sent: before
the half days are arranged, once they are booked, once one is done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wessex_cli.documents import load_template, recipients, render_all
from wessex_cli.model import PairRecord, Person
from wessex_cli.scheme import load_scheme

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
            f"needed), as the invitation said we would, so that {together} for them.") \
        in letters["leon.ince@nhs.net"]
    for letter in letters.values():
        assert "plan the visits around" not in letter and "planned around" not in letter
