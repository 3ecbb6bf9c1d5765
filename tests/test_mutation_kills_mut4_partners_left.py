"""Hand-mutation kills (mut4) for pairs_workbook.partners_left and earlier_partners: a
partner who withdrew and is paired again with the one who stayed is never their own
'earlier partner', and a Withdrawn person naming both halves of a pair tells no one who
stayed."""

from __future__ import annotations

from wessex_cli.model import PairRecord, Person
from wessex_cli.pairs_workbook import earlier_partners, partners_left

COLM = Person("Mr Colm Reid", "colm.reid@example.org")
GWEN = Person("Dr Gwen Pryce", "gwen.pryce@example.org")
ANN = Person("Dr Ann Hale", "ann.hale@example.org")


def _ended() -> PairRecord:
    """Gwen withdrew from her pair P001 with Colm, which ended before the last pairing."""
    return PairRecord("P001", COLM, GWEN, values={"Withdrawn person": "Dr Gwen Pryce",
                                                  "Withdrew from": "the scheme"},
                      ended_before_pairing=True)


def test_a_new_partner_is_in_the_place_of_the_one_who_withdrew() -> None:
    left = partners_left([_ended()])
    said = earlier_partners(PairRecord("P003", COLM, ANN), 0, left, True)
    assert [(gone, whole) for gone, whole, _ in said] == [(GWEN.key, True)]


def test_the_partner_who_withdrew_paired_again_is_in_no_one_s_place() -> None:
    left = partners_left([_ended()])
    assert earlier_partners(PairRecord("P004", COLM, GWEN), 0, left, True) == []


def test_a_withdrawn_person_naming_both_halves_tells_no_one_who_stayed() -> None:
    twins = PairRecord("P005", Person("Sam Lee", "sam.lee@example.org"),
                       Person("Sam Lee", "s.lee@example.org"),
                       values={"Withdrawn person": "Sam Lee", "Withdrew from": "the scheme"},
                       ended_before_pairing=True)
    assert partners_left([twins]) == {}
