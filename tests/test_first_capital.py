"""text.first_capital, the one way a note is begun with a capital (four places did it by
hand): the first letter only, never the rest made small as str.capitalize would."""

from __future__ import annotations

from wessex_cli.text import first_capital


def test_only_the_first_letter_is_made_a_capital() -> None:
    assert first_capital("the NHS trust's row P007 is gone") == "The NHS trust's row P007 is gone"
    assert first_capital("Already") == "Already"
    assert first_capital("é") == "É"
    assert first_capital("") == ""
