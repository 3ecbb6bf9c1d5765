"""Hand-mutation kills (mut5) for the sources of the names ``wessex feedback`` takes out of
quotes: an address of initials alone names no one, the initials of a first name and a
surname are a name's too, a possessive without its apostrophe needs a name of three
letters, a single name gives no initials, and a letter in brackets within a name is part
of it (only an organisation in capitals in brackets is dropped)."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.feedback import Anonymiser, _address_name, names_in_workbook

from .conftest import person, write_book


def test_an_address_of_initials_alone_gives_no_name() -> None:
    """Its words are initials, which count only beside a name: nothing to look for."""
    assert _address_name("j.k@nhs.net") == ""
    assert _address_name("a.b.c@example.org") == ""
    assert _address_name("j.kapur@nhs.net") == "j kapur"


def test_a_first_name_and_surname_s_initials_are_hers() -> None:
    """Sarah Jane Smith is "S.J.S." and "S.S." as people write her."""
    remove = Anonymiser(["Sarah Jane Smith"])
    assert remove("Thanks to S.S. for the day") == "Thanks to [name] for the day"
    assert remove("Thanks to S.J.S. for the day") == "Thanks to [name] for the day"


def test_a_two_letter_name_gives_no_bare_possessive() -> None:
    """"Has" opening a sentence is no possessive of Dr Linh Ha's surname, typed without its
    apostrophe; "Hales" is one of Ellis Hale's."""
    assert Anonymiser(["Dr Linh Ha"])("Has anyone else been?") == "Has anyone else been?"
    assert Anonymiser(["Ellis Hale"])("Hales clinic") == "[name] clinic"


def test_one_name_alone_gives_no_initials() -> None:
    """Initials are read from two words or more: "Ellis" alone is not "E.E."."""
    assert Anonymiser(["Ellis"])("We used the E.E. form.") == "We used the E.E. form."


def test_a_middle_initial_in_brackets_stays_part_of_the_name(tmp_path: Path) -> None:
    """"Jo (M) Smith": one capital in brackets is an initial, not an organisation; the quote
    "Jo M Smith" goes whole."""
    book = write_book(tmp_path / "v.xlsx", [
        person("Jo (M) Smith", "jo.smith@example.org", "GP", Organisation="Quay Surgery")])
    remove = Anonymiser(names_in_workbook(book))
    assert remove("Jo M Smith showed me round") == "[name] showed me round"
