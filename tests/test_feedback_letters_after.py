"""Letters after a volunteer's name ("Dr Ann Bell, MBBS", "Jo Birch RGN") were learnt as words
of the name, so every quote lost them wherever they stood: "as an RGN I learnt a lot" was
published as "as an [name] I learnt a lot". The name goes; the letters are words of the
sentence. Every person here is invented; the expected quotes are written by hand."""

from __future__ import annotations

import pytest

from wessex_cli.feedback import Anonymiser

NAMES = ["Dr Ann Bell, MBBS", "Jo Birch RGN", "Prof Ivy Hale DBE FRCP"]


@pytest.mark.parametrize(("written", "expected"), [
    ("As an RGN I learnt a lot from Jo", "As an RGN I learnt a lot from [name]"),
    ("My MBBS training never covered this", "My MBBS training never covered this"),
    ("the FRCP exam came up", "the FRCP exam came up"),
    # the name itself still goes, whole or in part
    ("Dr Ann Bell was kind", "[name] was kind"),
    ("Birch showed me round", "[name] showed me round"),
    ("Prof Hale explained it", "[name] explained it"),
])
def test_letters_after_a_name_are_not_taken_for_it(written: str, expected: str) -> None:
    assert Anonymiser(NAMES)(written) == expected
