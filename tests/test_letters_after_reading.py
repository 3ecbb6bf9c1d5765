"""Letters typed after a name are read back from the end a word at a time. The pattern that
did it was searched from every position of the cell, so a Name cell with a long run of
spaces (32,767 characters, as a cell may hold) cost seconds for each time it was read, and
'Ann Bell,MBBS' (no space after the comma) kept MBBS as a word of her name."""

from __future__ import annotations

from wessex_cli.text import letters_after, only_letters_after, person_key


def test_letters_after_a_comma_with_no_space_are_letters() -> None:
    assert letters_after("Dr Ann Bell,MBBS") == ("Dr Ann Bell", ",MBBS")
    assert person_key("Dr Ann Bell,MBBS") == person_key("Ann Bell") == "ann bell"
    assert letters_after("Ann Bell,MBBS, FRCP.") == ("Ann Bell", ",MBBS, FRCP.")


def test_the_reading_is_as_before_with_spaces() -> None:
    assert letters_after("Ann Bell, MBBS") == ("Ann Bell", ", MBBS")
    assert letters_after("Amelia Ashworth MRCGP FRCP") == ("Amelia Ashworth", " MRCGP FRCP")
    assert letters_after("Jo Birch RGN.") == ("Jo Birch", " RGN.")
    assert letters_after("MBBS") == ("MBBS", "")  # one word always stays
    assert letters_after("Li Ma") == ("Li Ma", "")  # a surname, not a degree
    assert only_letters_after("MRCGP FRCP") and not only_letters_after("Ann Bell")


def test_a_cell_of_many_spaces_is_read_whole() -> None:
    spaced = "Ann" + " " * 32_000 + "Bell FRCP"
    assert letters_after(spaced) == ("Ann" + " " * 32_000 + "Bell", " FRCP")
    assert person_key(spaced) == "ann bell"
    many = "Ann Bell" + ", MBBS" * 5_000
    assert letters_after(many) == ("Ann Bell", ", MBBS" * 5_000)


def test_a_nurses_and_a_midwifes_registration_are_letters() -> None:
    """'Ann Bell RN' kept RN as a word of her name, so 'Ann Bell' matched nobody; a
    midwife's RM and a health visitor's RHV alike."""
    for letters in ("RN", "RM", "RHV", "RGN, RN"):
        assert person_key(f"Ann Bell {letters}") == "ann bell"
    assert person_key("Rn Bell") == "rn bell"  # matched as typed: a first name stays
