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
    # no title: the name in full, its letters left to the heading that lists them, as a
    # salutation or a sentence ("Jo Birch's workplace") leaves them out
    ("Jo Birch RGN", "Jo Birch RGN", "Jo", "Jo Birch"),
    ("Dr Omar Said PhD", "Dr Omar Said PhD", "Omar", "Dr Said"),
    ("Penrose, Alys", "Alys Penrose", "Alys", "Alys Penrose"),
    ("Dr Penrose, Alys, MRCGP", "Dr Alys Penrose, MRCGP", "Alys", "Dr Penrose"),
    ("Amelia ASHWORTH", "Amelia ASHWORTH", "Amelia", "Amelia ASHWORTH"),
    ("Dr Li Ma", "Dr Li Ma", "Li", "Dr Ma"),  # Ma is a surname, never an MA
    # the medical degrees written as two words, as many universities write them
    ("Dr Ann Bell, MB BS", "Dr Ann Bell, MB BS", "Ann", "Dr Bell"),
    ("Dr Zak Young MB ChB MRCGP", "Dr Zak Young MB ChB MRCGP", "Zak", "Dr Young"),
    ("Dr Ivo Lund BM BCh", "Dr Ivo Lund BM BCh", "Ivo", "Dr Lund"),
    ("Dr Ann Bell MB BS (Lond)", "Dr Ann Bell MB BS (Lond)", "Ann", "Dr Bell"),
    # the first half alone is no degree, nor are two halves that are the whole name
    ("Dr Sam MB", "Dr Sam MB", "Sam", "Dr MB"),
    ("Dr MB BS", "Dr MB BS", "MB", "Dr BS"),
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


def test_a_name_with_thousands_of_letters_after_it_is_read_in_good_time() -> None:
    # a Name cell holding "MBBS" 7,000 times after the name (pasted over and over): each
    # was looked for from the start of the name again, a minute and more before the first
    # letter could be written; now the name is read as any other
    typed = "Dr Ann Bell" + " MBBS" * 7_000
    assert wording.display_name(typed) == typed
    assert wording.given_name(wording.display_name(typed)) == "Ann"
    assert wording.formal_name(wording.display_name(typed)) == "Dr Bell"


def test_someone_without_a_title_is_named_formally_without_their_letters() -> None:
    """The certificate said the holder 'spent half a day at Amelia Ashworth MRCGP's
    workplace', and the merge file's salutation was 'Dear Amelia Ashworth MRCGP'."""
    assert wording.salutation("Amelia Ashworth MRCGP") == "Dear Amelia Ashworth"
    assert wording.formal_name("Ema Fox (she/her)") == "Ema Fox"
    assert wording.formal_name("Hale, Robert (Bob)") == "Robert Hale"
