"""Hand-mutation kills (mut4) for the names the feedback anonymiser takes from e-mail
addresses and from NHSmail display names."""

from __future__ import annotations

from wessex_cli.feedback import _address_name, _without_organisation


def test_a_two_letter_word_of_an_address_is_no_name_to_remove() -> None:
    # "an" would go from every quote ("an excellent day"); an initial counts beside a name
    assert _address_name("an.li@nhs.net") == ""
    assert _address_name("an.lindqvist@nhs.net") == "lindqvist"
    assert _address_name("t.brennock2@nhs.net") == "t brennock"


def test_what_follows_a_plus_in_an_address_is_not_read() -> None:
    # "+survey" is a tag the sender added, not part of her name, nor a shared mailbox
    assert _address_name("mel.ash+survey@nhs.net") == "mel ash"


def test_a_name_in_brackets_stays_and_an_organisation_in_capitals_goes() -> None:
    assert _without_organisation("Jo (Joanna) Smith") == "Jo (Joanna) Smith"
    assert "CARE" not in _without_organisation("HALE, Ellis (EASTSHIRE INTEGRATED CARE BOARD)")
