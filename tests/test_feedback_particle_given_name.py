"""A given name that is also a surname particle ("Al" of Al Jones, "Di" of Di Evans, "Mac"
of Mac Oduya) was never taken out of a quote on its own: the particle rule keeps "van" of
"van der Berg" for beside the surname only, and read the first word of every name so. "Al
was a great host" reached the delegate pack as typed. Such a word is now taken out as a
short form of a given name is: written with its capital, so "et al." stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from wessex_cli.feedback import Anonymiser, names_in_workbook

from .conftest import person, write_book


@pytest.mark.parametrize(("name", "quote", "anonymised"), [
    ("Al Jones", "Al was a great host.", "[name] was a great host."),
    ("Dr Di Evans", "Thanks to Di for the clinic.", "Thanks to [name] for the clinic."),
    ("Mr Mac Oduya", "Mac showed me theatres.", "[name] showed me theatres."),
    ("Al Jones", "As Smith et al. found, it helps.", "As Smith et al. found, it helps."),
])
def test_a_given_name_that_is_a_particle_goes(tmp_path: Path, name: str, quote: str,
                                              anonymised: str) -> None:
    book = write_book(tmp_path / "v.xlsx", [
        person(name, "volunteer7@example.org", "GP", Organisation="Quay Surgery")])
    assert Anonymiser(names_in_workbook(book))(quote) == anonymised


def test_a_particle_before_a_surname_is_still_no_name_alone() -> None:
    """"van" of "Pieter van der Berg" is no given name: "the van was late" stays."""
    remove = Anonymiser(["Pieter van der Berg"])
    assert remove("the van was late") == "the van was late"
    assert remove("Pieter van der Berg hosted") == "[name] hosted"
