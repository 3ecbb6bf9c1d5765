"""Letters after a name ("Dr Amelia Ashworth MRCGP", "Dr Ann Bell, MBBS"): the last word was
taken for the surname and a comma for "Surname, First name", so the letters greeted
"Dear MBBS,", headed the letter "Dr MBBS Ann Bell", and the notice for patients offered to
see "Dr MRCGP" alone. The qualifications stay in the name as typed; the name is read
without them. A surname in capitals ("Amelia ASHWORTH") is a surname, not letters."""

from __future__ import annotations

import pytest

from wessex_cli import wording


@pytest.mark.parametrize(("typed", "shown", "first", "formal"), [
    ("Dr Amelia Ashworth MRCGP", "Dr Amelia Ashworth MRCGP", "Amelia", "Dr Ashworth"),
    ("Dr Ann Bell, MBBS", "Dr Ann Bell, MBBS", "Ann", "Dr Bell"),
    ("Mr Ben Carr FRCS (Orth)", "Mr Ben Carr FRCS (Orth)", "Ben", "Mr Carr"),
    ("Prof Dame Ivy Hale DBE FRCP", "Prof Dame Ivy Hale DBE FRCP", "Ivy", "Prof Hale"),
    ("Jo Birch RGN", "Jo Birch RGN", "Jo", "Jo Birch RGN"),  # no title: the name as typed
    ("Dr Omar Said PhD", "Dr Omar Said PhD", "Omar", "Dr Said"),
    ("Penrose, Alys", "Alys Penrose", "Alys", "Alys Penrose"),
    ("Dr Penrose, Alys, MRCGP", "Dr Alys Penrose, MRCGP", "Alys", "Dr Penrose"),
    ("Amelia ASHWORTH", "Amelia ASHWORTH", "Amelia", "Amelia ASHWORTH"),
    ("Dr Li Ma", "Dr Li Ma", "Li", "Dr Ma"),  # Ma is a surname, never an MA
])
def test_letters_after_a_name_are_not_its_names(typed: str, shown: str, first: str,
                                                formal: str) -> None:
    assert wording.display_name(typed) == shown
    assert wording.given_name(wording.display_name(typed)) == first
    assert wording.formal_name(wording.display_name(typed)) == formal


def test_a_list_of_volunteers_sorts_by_surname_not_by_letters() -> None:
    names = ["Dr Zak Young MRCGP", "Dr Amelia Ashworth MRCGP", "Dr Ann Bell, MBBS"]
    assert sorted(names, key=wording.alphabetical) == [
        "Dr Amelia Ashworth MRCGP", "Dr Ann Bell, MBBS", "Dr Zak Young MRCGP"]
