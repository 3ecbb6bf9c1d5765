"""One title list and one name folder (text.py), used by everyone who compares names."""

from __future__ import annotations

from pathlib import Path

import pytest

from wessex_cli import text, wording
from wessex_cli.feedback import Anonymiser
from wessex_cli.roster import Volunteer, error_rows, read_roster
from wessex_cli.rules import Rule, rules_broken
from wessex_cli.scheme import Scheme, Weights
from wessex_cli.scoring import preference_score

from .conftest import Runner, person, small_roster, write_book

# Every title SPEC and the letters know, as people type them, and as letters print them.
TYPED = {"Dr": "Dr", "DR.": "Dr", "Doctor": "Dr", "prof": "Prof", "Professor": "Professor",
         "Mr": "Mr", "mrs.": "Mrs", "Ms": "Ms", "Miss": "Miss", "Mx": "Mx", "Sir": "Sir",
         "Dame": "Dame", "Rev": "Revd", "Revd.": "Revd", "Reverend": "Revd", "Lord": "Lord",
         "Lady": "Lady"}


@pytest.mark.parametrize("typed", list(TYPED))
def test_each_title_is_dropped_for_matching_and_printed_canonically(typed: str) -> None:
    assert text.person_key(f"{typed} Siân  Ó-Briain") == "sian o briain"
    assert wording.split_title(f"{typed} Siân Ó Briain") == (TYPED[typed], "Siân Ó Briain")
    # a knight or a dame is "Sir Siân", never "Sir Ó Briain" (tests/test_knights_and_dames.py),
    # and a minister "Revd Siân Ó Briain" in full (tests/test_ministers_named.py)
    called = {"Sir": "Siân", "Dame": "Siân", "Revd": "Siân Ó Briain"}.get(TYPED[typed],
                                                                      "Ó Briain")
    assert wording.formal_name(f"{typed} Siân Ó Briain") == f"{TYPED[typed]} {called}"
    assert Anonymiser(["Siân Ó Briain"])(f"Thanks to {typed} Briain.") == "Thanks to [name]."


def test_the_title_list_is_one_list() -> None:
    assert set(TYPED.values()) == set(text.TITLES.values())
    assert wording.split_title is text.split_title
    assert not hasattr(wording, "CANONICAL_TITLES")


def test_a_title_alone_is_a_name_and_a_title_later_in_a_name_is_kept() -> None:
    assert text.person_key("Dr") == "dr"
    assert wording.split_title("Dr") == ("", "Dr")
    assert text.person_key("Dr Prof Amelia Ashworth") == "amelia ashworth"
    assert text.person_key("Amelia Lady Ashworth") == "amelia lady ashworth"


def _roster(tmp_path: Path) -> dict[str, Volunteer]:
    people = [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Dr Patel's Surgery",
               **{"Preference 1": "patel’s   SURGERY"}),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant",
               Organisation="Patel's Surgery"),
        person("Arjun Rasmussen", "arjun@nhs.net", "Consultant",
               Organisation="General Hospital", **{"Registered practice": "DR. PATEL'S SURGERY"}),
        person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield Surgery",
               **{"Preference 1": "Dr Patel's Surgery"}),
    ]
    roster = read_roster(write_book(tmp_path / "volunteers.xlsx", people), Scheme())
    return {v.email: v for v in roster.volunteers}


def test_organisations_compare_after_dropping_titles(tmp_path: Path) -> None:
    # SPEC, "Pairing rules": names, e-mails and organisations compare after case-folding,
    # trimming, collapsing spaces and punctuation, and dropping titles.
    found = _roster(tmp_path)
    amelia, oliver = found["amelia@nhs.net"], found["oliver@nhs.net"]
    arjun = found["arjun@nhs.net"]
    assert Rule.ORGANISATION in rules_broken(amelia, oliver)
    assert Rule.REGISTERED in rules_broken(amelia, arjun)
    # Amelia's first choice, typed without the title, names Oliver's organisation: 3 points.
    assert preference_score(amelia, oliver, Weights())[0] == 3


@pytest.mark.parametrize("registered", ["St Marys Surgery", "ST MARY’S SURGERY",
                                        "St. Marys surgery", "St Mary's Surgery"])
def test_a_registered_practice_typed_without_its_apostrophe_still_keeps_them_apart(
        tmp_path: Path, registered: str) -> None:
    # Rule 3 must not hang on an apostrophe: "St Marys" is how most people type the practice
    # the Organisation column spells "St. Mary's Surgery", and check's own "did you mean"
    # named it while pair paired the patient with their own GP.
    people = [person("Dr Alice Brook", "alice@nhs.net", "GP", Organisation="St. Mary's Surgery"),
              person("Prof Karen Lowe", "karen@nhs.net", "Consultant",
                     Organisation="General Hospital", **{"Registered practice": registered})]
    roster = read_roster(write_book(tmp_path / "volunteers.xlsx", people), Scheme())
    alice, karen = roster.volunteers
    assert Rule.REGISTERED in rules_broken(alice, karen)
    assert text.organisation_key("Patels Surgery") == text.organisation_key("Patel's surgery")


def test_an_organisation_choice_with_a_title_names_the_same_organisation(tmp_path: Path) -> None:
    found = _roster(tmp_path)
    isla, oliver = found["isla@nhs.net"], found["oliver@nhs.net"]
    assert preference_score(isla, oliver, Weights())[0] == 3


@pytest.mark.parametrize(("typed", "first", "family"), [
    ("Dr Amelia Ashworth", "Amelia", "Ashworth"),
    ("Dr Okafor", "", "Okafor"),  # a title and a surname: no first name to use
    ("Dr J. R. Smith", "", "Smith"),  # an initial is not a name to greet anyone by
    ("Penrose, Alys", "Alys", "Penrose"),  # surname first, with a comma
    ("Tegan Rooke", "Tegan", "Rooke"),
])
def test_first_names_are_only_names(typed: str, first: str, family: str) -> None:
    from wessex_cli.wording import given_name, surname

    assert (given_name(typed), surname(typed)) == (first, family)


@pytest.mark.parametrize(("typed", "greeted"), [
    ("Dr Okafor", "Dr Okafor"), ("Dr J. R. Smith", "Dr Smith"), ("Penrose, Alys", "Alys"),
    ("Dr Amelia Ashworth", "Amelia")])
def test_a_letter_greets_by_first_name_or_else_formally(typed: str, greeted: str) -> None:
    """"Dear Okafor," and "Dear J.," read as mistakes: without a first name to use, a letter
    (and a reminder's "You can reach ...") names the person formally."""
    from wessex_cli.documents import person_context
    from wessex_cli.model import Person

    assert person_context(Person(typed, "someone@nhs.net"))["first_name"] == greeted


def test_a_name_typed_surname_first_reads_in_the_usual_order_in_every_form() -> None:
    assert wording.display_name("Penrose, Alys") == "Alys Penrose"
    assert wording.formal_name("Dr Penrose, Alys") == "Dr Penrose"
    assert wording.salutation("Penrose, Alys") == "Dear Alys Penrose"


# A name pasted with a character that shows as nothing is the name the page shows, in every
# comparison of names, not only in the anonymiser.
INVISIBLE = ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_a_name_with_an_invisible_character_is_the_name_it_shows(mark: str) -> None:
    assert text.person_key(f"Ash{mark}worth") == "ashworth"
    assert text.person_key(f"Dr Amelia{mark} Ashworth") == "amelia ashworth"
    assert Anonymiser([f"Amelia Ash{mark}worth"])("Ashworth was kind.") == "[name] was kind."
    # the characters that carry meaning stay: an ordinary hyphen and an apostrophe
    assert text.person_key("Ash-worth") == "ash worth"
    assert text.person_key("O'Brien") == "o brien"


def test_a_preference_pasted_with_a_zero_width_space_is_met(run: Runner,
                                                            tmp_path: Path) -> None:
    people = small_roster()
    people[0]["Preference 1"] = "Oliver Pem\u200bberton"
    write_book(tmp_path / "v.xlsx", people)
    check = run("check", "v.xlsx").output
    assert "0 errors" in check
    assert "matches no volunteer" not in check
    pairs = run("pair", "v.xlsx").output
    assert "Oliver Pemberton was Dr Amelia Ashworth's 1st choice" in pairs


def test_an_avoid_entry_pasted_with_a_soft_hyphen_is_kept(run: Runner, tmp_path: Path) -> None:
    people = small_roster()
    people[0]["Preference 1"] = None
    people[0]["Avoid"] = "Oliver Pem\u00adberton"  # same cluster: paired with him otherwise
    write_book(tmp_path / "v.xlsx", people)
    assert "matches no volunteer" not in run("check", "v.xlsx").output
    pairs = run("pair", "v.xlsx").output
    assert "P001 │ Dr Amelia Ashworth      │ Arjun Rasmussen" in pairs


def test_an_error_carries_the_row_it_was_found_on(tmp_path: Path) -> None:
    # two rows above the header: the header is row 3, the volunteers rows 4 to 7, and the
    # Avoid naming nobody is on Dr Isla Okonkwo's row, the 5th
    people = small_roster()
    people[1]["Avoid"] = "Nobody Atall"
    path = write_book(tmp_path / "v.xlsx", people, above=[["Exchange 2027"], []])
    roster = read_roster(path, Scheme())
    assert [(p.row, p.cell) for p in roster.errors] == [(5, "Volunteers!M5")]
    assert error_rows(roster) == {5}


@pytest.mark.parametrize(("name", "typed"), [
    ("Όλιβερ Πέμπερτον", "ολιβερ πεμπερτον"),  # Greek, typed without accents or capitals
    ("Оливер Пембертон", "Оливер Пембертон"),  # Cyrillic
    ("أوليفر بيمبرتون", "أوليفر بيمبرتون"),  # Arabic, right to left
    ("潘伯顿", "潘伯顿"),  # Chinese, one word
])
def test_an_avoid_entry_in_another_script_is_kept(run: Runner, tmp_path: Path, name: str,
                                                  typed: str) -> None:
    """A name with no Latin letter folded to nothing, and an Avoid cell that folds to
    nothing reads as blank: the pair the administrator forbade was made, without a word."""
    people = small_roster()
    people[2]["Name"] = name
    people[0]["Preference 1"] = people[1]["Preference 1"] = None
    people[0]["Avoid"] = typed  # same cluster as Amelia: paired with her otherwise
    write_book(tmp_path / "v.xlsx", people)
    assert "0 errors" in run("check", "v.xlsx").output
    pairs = run("pair", "v.xlsx").output
    assert "P001 │ Dr Amelia Ashworth      │ Arjun Rasmussen" in pairs


def test_a_name_in_another_script_after_a_title_is_not_the_title_alone(
        run: Runner, tmp_path: Path) -> None:
    """"Dr 王伟" and "Dr 李娜" were both "dr": a preference for someone not in the list was
    taken for the one Dr who was, and a Partner lock would have paired them "as agreed"."""
    people = small_roster()
    people[2]["Name"] = "Dr 李娜"
    people[0]["Preference 1"] = "Dr 王伟"
    write_book(tmp_path / "v.xlsx", people)
    assert text.person_key("Dr 王伟") == "王伟"
    check = " ".join(run("check", "v.xlsx", code=None).output.split())
    assert "Dr 王伟" in check and "matches no volunteer" in check


def test_letters_without_a_decomposition_fold_to_their_plain_letter() -> None:
    """"Søren" folded to "s ren" (ø has no accent to drop, and was not a-z): two words that
    neither "Soren" nor "Søren" typed by part would reach."""
    assert text.person_key("Dr Søren Łukasiewicz") == text.person_key("Soren Lukasiewicz") == \
        "soren lukasiewicz"
    assert text.names_by_part("Søren", "Dr Søren Łukasiewicz")


@pytest.mark.parametrize(("avoid", "refused"), [
    ("\U0001f642", True), ("\u2620", True),  # a symbol: no name read, so named as nobody
    ("-", False), ("?", False), ("n/a", False), ("\u2014", False),  # the ways to say none
])
def test_an_avoid_entry_with_no_readable_letter_is_not_taken_for_a_blank(
        run: Runner, tmp_path: Path, avoid: str, refused: bool) -> None:
    people = small_roster()
    people[0]["Avoid"] = avoid
    write_book(tmp_path / "v.xlsx", people)
    check = " ".join(run("check", "v.xlsx", code=1 if refused else 0).output.split())
    assert (f"'{avoid}' names nobody in the list" in check) == refused


@pytest.mark.parametrize(("preference", "warned"), [
    ("\U0001f642", True), ("\u2620", True),  # a symbol: not silently "no preference"
    ("-", False), ("?", False), ("n/a", False), ("No preference", False),
])
def test_a_preference_with_no_readable_letter_is_named_as_unmatched(
        run: Runner, tmp_path: Path, preference: str, warned: bool) -> None:
    people = small_roster()
    people[0]["Preference 1"] = preference
    write_book(tmp_path / "v.xlsx", people)
    check = " ".join(run("check", "v.xlsx").output.split())
    assert (f"preference '{preference}' matches no volunteer" in check) == warned
