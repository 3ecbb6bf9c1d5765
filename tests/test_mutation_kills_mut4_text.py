"""Hand-mutation kills (mut4) for the letters typed after a name and the apostrophes typed
for one (text.letters_after, person_key, fold_char)."""

from __future__ import annotations

from wessex_cli.text import fold_char, letters_after, person_key


def test_one_word_always_stays() -> None:
    # nothing but a separator before the letters: the cell is kept whole, never emptied
    assert letters_after(", MBBS") == (", MBBS", "")
    assert letters_after(" FRCP") == (" FRCP", "")


def test_a_title_before_the_letters_alone_keeps_them_as_the_name() -> None:
    # "Dr MBBS" leaves no name but the title without the letters, so they are the name
    assert person_key("Dr MBBS") == "mbbs"
    assert person_key("Dr Ann Bell, MBBS") == "ann bell"


def test_every_apostrophe_folds_to_the_straight_one() -> None:
    for mark in ("\u2019", "\u2018", "`", "\u02bc"):
        assert fold_char(mark) == "'"
