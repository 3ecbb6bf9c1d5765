"""Hand-mutation kills (mut5) for ``text``: letters after a name are dropped when two names
are matched (``person_key``), never from an organisation's name or a file name. SPEC
("Pairing rules"): organisations compare after case-folding, trimming, collapsing spaces
and punctuation, and dropping titles; nothing more is dropped from them."""

from __future__ import annotations

from dataclasses import replace

from wessex_cli.rules import rules_broken
from wessex_cli.text import organisation_key, person_key, slug

from .test_pairing import make

ANY = 0x3FFF


def test_an_organisation_keeps_words_that_are_letters_after_a_name() -> None:
    assert organisation_key("Haslar Surgery RN") == "haslar surgery rn"
    assert organisation_key("Dr Bell's Practice, MBBS") == "bells practice mbbs"
    assert person_key("Dr Ann Bell, MBBS") == "ann bell"  # a name loses them


def test_two_organisations_that_differ_by_such_letters_are_two() -> None:
    """Rule 2 does not keep apart people at "Haslar Surgery RN" and "Haslar Surgery"."""
    a = replace(make(0, "primary", 0, 0, ANY, ANY, 1, 0, [], []),
                organisation="Haslar Surgery RN")
    b = replace(make(0, "secondary", 0, 0, ANY, ANY, 1, 0, [], []),
                organisation="Haslar Surgery")
    assert rules_broken(a, b) == []


def test_a_file_name_keeps_them() -> None:
    """A file per profession: "Nurse" and "Nurse RN" must not write over one another."""
    assert slug("Nurse RN") == "nurse-rn"
    assert slug("Dr Ann Bell, MBBS") == "ann-bell-mbbs"


def test_a_two_word_degree_typed_with_two_spaces_is_still_one() -> None:
    """"MB  BS" (two spaces, as a slip of the thumb types it) is MB BS, not a surname."""
    assert person_key("Dr Ann Bell, MB  BS") == "ann bell"
    assert person_key("Ann Bell MB   ChB") == "ann bell"


def test_the_second_half_of_a_degree_alone_takes_no_surname_with_it() -> None:
    """"ChB" or "BS" counts only after "MB" or "BM": after a surname it is no degree, and the
    surname before it is never dropped as if it were the first half."""
    assert person_key("Ann Bell ChB") == "ann bell chb"
    # after a comma a word is a role or letters ("Ann Bell, GP"): left out, the surname kept
    assert person_key("Ann Bell, BS") == "ann bell"


def test_a_surname_spelt_as_letters_are_but_cased_as_a_name_stays() -> None:
    """Letters after a name are matched as typed: "Mba" is a surname, "MBA" a degree."""
    assert person_key("Chidi Mba") == "chidi mba"
    assert person_key("Chidi Okafor MBA") == "chidi okafor"
