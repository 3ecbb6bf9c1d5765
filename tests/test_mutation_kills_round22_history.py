"""Tests added to kill mutants of ``history`` that survived the 22nd hand mutation run.
SPEC: `wessex pair ... --history OLD-PAIRS`: year two, never the same partner again. Someone
whose e-mail changed since last year is recognised by name, but only when the name is one
person's there and their old address is nobody's this year: a guess would keep the wrong
people apart (or carry the wrong visits)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from wessex_cli.history import History, apply_history, new_addresses, read_history
from wessex_cli.roster import Roster, Volunteer

from .conftest import Runner, person, write_book
from .test_pairing import make

ANY = 0x3FFF


def volunteer(name: str, email: str, side: str = "primary") -> Volunteer:
    return replace(make(0, side, 1 if side == "primary" else 2, 0, ANY, ANY, 1, 0, [], []),
                   name=name, email=email, key=email)


def roster(*people: Volunteer) -> Roster:
    return Roster(Path("v.xlsx"), "Volunteers", list(people), [], {}, [], len(people))


def test_a_name_that_was_two_people_last_year_is_not_matched_to_either() -> None:
    """Last year two different Sam Joneses; this year one, at a new address: which of them
    this is cannot be told, so neither's history is taken."""
    history = History(partners={"sam1@old.nhs.net": {"x@nhs.net"},
                                "sam2@old.nhs.net": {"y@nhs.net"}},
                      named={"sam jones": {"sam1@old.nhs.net", "sam2@old.nhs.net"}},
                      names={"sam1@old.nhs.net": "Sam Jones", "sam2@old.nhs.net": "Sam Jones"})
    assert new_addresses(roster(volunteer("Dr Sam Jones", "sam@new.nhs.net")), history) == {}


def test_an_old_address_still_in_use_this_year_is_not_given_to_a_namesake() -> None:
    """Ann Able kept her address; a second Ann Able joins at another. The newcomer is not
    last year's Ann: she takes none of her history."""
    history = History(partners={"ann@nhs.net": {"carl@nhs.net"}},
                      named={"ann able": {"ann@nhs.net"}}, names={"ann@nhs.net": "Ann Able"})
    people = roster(volunteer("Ann Able", "ann@nhs.net"), volunteer("Ann Able", "ann.b@nhs.net"),
                    volunteer("Carl Cole", "carl@nhs.net", "secondary"))
    assert new_addresses(people, history) == {}
    kept, newcomer, carl = apply_history(people, history).volunteers
    assert (kept.previous, newcomer.previous, carl.previous) == (("carl@nhs.net",), (), ())


def test_someone_with_a_new_address_keeps_last_years_partner_and_visits() -> None:
    """Ann was ann.old@nhs.net last year, partnered with Carl, and visited County Hospital;
    this year she is ann@nhs.net. Her earlier partner and visited organisation follow her,
    and Carl's earlier partner is her new address."""
    history = History(partners={"ann.old@nhs.net": {"carl@nhs.net"},
                                "carl@nhs.net": {"ann.old@nhs.net"}},
                      visited={"ann.old@nhs.net": {"county hospital"}},
                      named={"ann able": {"ann.old@nhs.net"}, "carl cole": {"carl@nhs.net"}},
                      names={"ann.old@nhs.net": "Ann Able", "carl@nhs.net": "Carl Cole"})
    people = roster(volunteer("Ann Able", "ann@nhs.net"),
                    volunteer("Carl Cole", "carl@nhs.net", "secondary"))
    assert new_addresses(people, history) == {"ann@nhs.net": "ann.old@nhs.net"}
    ann, carl = apply_history(people, history).volunteers
    assert (ann.previous, ann.visited) == (("carl@nhs.net",), ("county hospital",))
    assert carl.previous == ("ann@nhs.net",)


def test_a_visit_to_an_organisation_is_recorded_even_when_the_visitors_own_is_blank(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2026: Amelia (GP, no organisation written) is paired with Oliver (Hospital - Cardio),
    and Oliver hosted her. Last year's workbook says Amelia visited 'hospital cardio'; Oliver
    visited nobody (his visit to Amelia was not done, and she has no organisation)."""
    monkeypatch.setenv("WESSEX_TODAY", "2026-09-01")
    folder = tmp_path / "2026"
    folder.mkdir()
    write_book(folder / "volunteers.xlsx", [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Partner="Oliver Pemberton"),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant",
               Organisation="Hospital - Cardio")])
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx")
    run("visit", "2026/pairs.xlsx", "Oliver Pemberton", "--hosted", "4/5/2026")
    history = read_history([folder / "pairs.xlsx"])
    assert history.visited == {"amelia@nhs.net": {"hospital cardio"}}
    assert history.partners == {"amelia@nhs.net": {"oliver@nhs.net"},
                                "oliver@nhs.net": {"amelia@nhs.net"}}
