"""The celebration invitation promised "Refreshments provided" to every delegate, and
scheme.toml had no setting to change it: an event with no catering could not stop the letter
promising some (nor its agenda stop opening with "Refreshments and arrivals").
[celebration] refreshments now says what is offered, or nothing when empty or false; without
it the invitation reads as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wessex_cli.errors import SchemeError
from wessex_cli.scheme import load_scheme

from .conftest import EXAMPLES, Runner, few_pairs


def invitation(run: Runner, folder: Path, setting: str | None) -> str:
    """Amelia Ashworth's invitation (text), with ``setting`` added under [celebration]."""
    text = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    if setting is not None:
        text = text.replace('speaker = "Professor', f'{setting}\nspeaker = "Professor')
    (folder / "scheme.toml").write_text(text, encoding="utf-8")
    few_pairs(folder / "pairs.xlsx", 1)
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "--format", "txt", "--force")
    letter = folder / "documents" / "celebration-invite" / "amelia-ashworth.txt"
    return " ".join(letter.read_text(encoding="utf-8").split())


def test_without_the_setting_refreshments_are_promised_as_before(run: Runner,
                                                                 tmp_path: Path) -> None:
    assert "Refreshments provided. The event counts towards your CPD." in \
        invitation(run, tmp_path, None)


def test_an_empty_setting_promises_no_refreshments(run: Runner, tmp_path: Path) -> None:
    text = invitation(run, tmp_path, 'refreshments = ""')
    assert "efreshments provided" not in text
    assert "- The event counts towards your CPD." in text
    # nor does the agenda wessex fits to the evening
    assert "- 18:30: Arrivals - 18:50: Welcome" in text


def test_the_setting_says_what_is_offered_in_the_organisers_words(run: Runner,
                                                                  tmp_path: Path) -> None:
    text = invitation(run, tmp_path, 'refreshments = "Tea, coffee and a light buffet"')
    assert "- Tea, coffee and a light buffet. The event counts towards your CPD." in text
    # typed with its own full stop, it is not given a second
    text = invitation(run, tmp_path, 'refreshments = "Bring your own lunch."')
    assert "- Bring your own lunch. The event counts towards your CPD." in text


def test_false_turns_the_promise_off_too(run: Runner, tmp_path: Path) -> None:
    assert "efreshments" not in invitation(run, tmp_path, "refreshments = false")


def test_the_planning_checklist_asks_for_refreshments_only_when_promised(
        run: Runner, tmp_path: Path) -> None:
    """The organiser's checklist listed 'Refreshments and parking arranged' for an event
    whose invitation promises none, and under the organisers' own words ("No catering this
    year, sorry") too: those it quotes, as the invitation prints them."""
    text = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    own_words = "☐ Parking arranged, and what the invitation says of food and drink:"
    for setting, item, quoted in (
            (None, "☐ Refreshments and parking arranged", ""),
            ("refreshments = false", "☐ Parking arranged", ""),
            ('refreshments = "refreshments provided!"', "☐ Refreshments and parking arranged",
             ""),
            ('refreshments = "Tea and biscuits"', own_words, "“Tea and biscuits”"),
            ('refreshments = "No catering this year, sorry"', own_words,
             "“No catering this year, sorry”")):
        changed = text if setting is None else \
            text.replace('speaker = "Professor', f'{setting}\nspeaker = "Professor')
        (tmp_path / "scheme.toml").write_text(changed, encoding="utf-8")
        run("render", "event-planning", "--format", "txt", "--force")
        checklist = " ".join((tmp_path / "documents" / "event-planning.txt")
                             .read_text(encoding="utf-8").split())
        assert item in checklist
        assert quoted in checklist
        assert ("Refreshments and parking" in checklist) == (not quoted and
                                                             setting != "refreshments = false")


def test_a_number_is_refused_naming_the_setting(tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text("[celebration]\nrefreshments = 3\n")
    with pytest.raises(SchemeError, match="refreshments") as refused:
        load_scheme(tmp_path / "scheme.toml")
    # in the words the administrator typed the file in, not Python's ("str or bool")
    assert "must be text in quotes, or false for none, not 3" in str(refused.value)


def test_init_writes_the_setting_with_todays_words(run: Runner, tmp_path: Path) -> None:
    run("init", "new")
    text = (tmp_path / "new" / "scheme.toml").read_text(encoding="utf-8")
    assert 'refreshments = "Refreshments provided"' in text
    assert load_scheme(tmp_path / "new" / "scheme.toml").celebration.refreshments == \
        "Refreshments provided"
    shutil.rmtree(tmp_path / "new")


@pytest.mark.parametrize("key", ["[pairing]\nhistory", "[letterhead]\naddress"])
def test_a_list_setting_of_the_wrong_kind_is_described_in_plain_words(
        tmp_path: Path, key: str) -> None:
    (tmp_path / "scheme.toml").write_text(f"{key} = 3\n")
    with pytest.raises(SchemeError) as refused:
        load_scheme(tmp_path / "scheme.toml")
    assert "must be text in quotes, or a list of them in [ ], not 3" in str(refused.value)


def test_the_agenda_opens_with_refreshments_only_when_the_default_is_promised(
        run: Runner, tmp_path: Path) -> None:
    """Reworded, the offer was printed in the organisers' words above an agenda that still
    opened with 'Refreshments and arrivals': under 'No catering this year, sorry' that is a
    promise the scheme does not make."""
    text = invitation(run, tmp_path, 'refreshments = "No catering this year, sorry"')
    assert "- No catering this year, sorry. The event counts towards your CPD." in text
    assert "- 18:30: Arrivals - 18:50: Welcome" in text
    assert "Refreshments and arrivals" not in text
    text = invitation(run, tmp_path, 'refreshments = "Tea and coffee"')
    assert "- 18:30: Arrivals - 18:50: Welcome" in text
    # the default words, typed out (with a full stop) or left out, keep the opening item
    for setting in ('refreshments = "Refreshments provided."', "refreshments = true", None):
        assert "- 18:30: Refreshments and arrivals - 18:50: Welcome" in \
            invitation(run, tmp_path, setting)
