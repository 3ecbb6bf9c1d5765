"""The UK medical degree is as often typed in two words as in one ("MB ChB", "MB BS",
"BM BCh"), and a fellowship with its college joined on ("FRCP(Edin)"): only the one-word
forms were known, so "Dr Ann Bell, MB ChB" was read as "Surname, First name" (headed
"Dr MB ChB Ann Bell"), "Dr Ann Bell MB ChB" was "Dr ChB" to her patients, and "Ann Bell"
named nobody. The two words are now letters together when the first is MB or BM; MB alone
stays a name (it is left out of the list on purpose). Names are invented."""

from __future__ import annotations

import pytest

from wessex_cli import text, wording


@pytest.mark.parametrize(("typed", "formal"), [
    ("Dr Ann Bell, MB ChB", "Dr Bell"),
    ("Dr Ann Bell MB ChB", "Dr Bell"),
    ("Dr Ann Bell, MB BS, MRCGP", "Dr Bell"),
    ("Dr Ann Bell BM BCh", "Dr Bell"),
    ("Dr Ann Bell, MB BChir", "Dr Bell"),
    ("Dr Ann Bell, FRCP(Edin)", "Dr Bell"),
])
def test_a_degree_in_two_words_is_letters_after_the_name(typed: str, formal: str) -> None:
    assert wording.display_name(typed) == typed  # kept as typed, not turned round
    assert wording.given_name(wording.display_name(typed)) == "Ann"
    assert wording.formal_name(wording.display_name(typed)) == formal
    assert text.person_key(typed) == "ann bell"


def test_mb_alone_and_a_lone_second_half_stay_names() -> None:
    assert text.person_key("Dr Ann Bell MB") == "ann bell mb"
    assert text.person_key("Dr Ann ChB") == "ann chb"
    assert wording.formal_name("Dr Li Ma") == "Dr Ma"
