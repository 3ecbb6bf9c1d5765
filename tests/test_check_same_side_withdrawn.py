"""A Partner cell naming someone of the same side is an error, for pairs must cross sides;
but when the person named has withdrawn (their Status says so), 'pair' releases that lock,
and 'check' and 'pair' refused it as a same-side error all the same, hiding the real news.
Both now say that the partner named has withdrawn and the lock is released, a warning."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book

PEOPLE = [
    person("Dr Ann Hale", "ann@example.org", "GP", Organisation="Practice 1",
           Partner="Dr Bea Cole"),
    person("Dr Bea Cole", "bea@example.org", "GP", Organisation="Practice 2",
           Status="withdrawn"),
    person("Dr Cal Dean", "cal@example.org", "GP", Organisation="Practice 3"),
    person("Mr Dev Ellis", "dev@example.org", "Consultant", Organisation="General Hospital"),
    person("Ms Eve Ford", "eve@example.org", "Consultant", Organisation="General Hospital"),
]
RELEASED = "Dr Ann Hale's Partner cell names Dr Bea Cole, who has withdrawn; that lock is " \
    "released."


def _said(run: Runner, *args: str, code: int | None = 0) -> str:
    return " ".join(run(*args, code=code).output.split())


def test_a_withdrawn_partner_of_the_same_side_is_released_not_an_error(
        run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", PEOPLE)
    check = _said(run, "check", "v.xlsx")
    assert "same side" not in check
    assert RELEASED in check
    paired = _said(run, "pair", "v.xlsx")
    assert "same side" not in paired and "that lock is released" in paired
    assert (tmp_path / "pairs.xlsx").is_file()


def test_an_active_partner_of_the_same_side_is_still_an_error(run: Runner,
                                                               tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [PEOPLE[0], {**PEOPLE[1], "Status": None}, *PEOPLE[2:]])
    check = _said(run, "check", "v.xlsx", code=None)
    assert "the locked partner Dr Bea Cole is on the same side" in check
    assert "who has withdrawn" not in check


def test_a_withdrawn_volunteer_naming_someone_of_their_own_side_stops_nothing(
        run: Runner, tmp_path: Path) -> None:
    """Dr Bea Cole has withdrawn, her own Partner cell naming Dr Cal Dean, a GP as she is:
    'pair' leaves her out and her cell with her, so it is no error that stops the pairing."""
    withdrawn_naming = [{**PEOPLE[0], "Partner": None},
                        {**PEOPLE[1], "Partner": "Dr Cal Dean"}, *PEOPLE[2:]]
    write_book(tmp_path / "v.xlsx", withdrawn_naming)
    assert "same side" not in _said(run, "check", "v.xlsx")
    assert "same side" not in _said(run, "pair", "v.xlsx")
    assert (tmp_path / "pairs.xlsx").is_file()
