"""Shortcuts taken for speed change no answer, and leave nothing changed behind them.

The plain-address fast path may spare email-validator work, never overrule it: every
address it recognises is one email-validator accepts, and everything else still gets
email-validator's own verdict and reason. ``fold`` skips Unicode decomposition for ASCII
text, which decomposition would leave unchanged."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import email_validator
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from wessex_cli import roster, text
from wessex_cli.roster import (
    _PLAIN_EMAIL,
    _SPECIAL_USE_DOMAINS,
    email_problem,
    plainly_valid_email,
)


def verdict(address: str) -> str | None:
    """email-validator's own judgement: None, or its reason for refusing."""
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def accepted_by_email_validator(address: str) -> bool:
    return verdict(address) is None


# 100: drawing from the pattern is what costs (about 0.1 s an address, email-validator is
# quick), and 100 addresses fail the test for each loosening of the pattern tried (a hyphen
# at a label's edge, an empty part between dots, no cap on a label) as 400 did; a local
# part over 64 is caught by the parametrized cases below, which no draw reached at 400.
@settings(max_examples=100)
@given(st.from_regex(_PLAIN_EMAIL, fullmatch=True))
def test_every_address_the_fast_path_recognises_email_validator_accepts(address: str) -> None:
    if plainly_valid_email(address):
        assert accepted_by_email_validator(address), address


@settings(max_examples=300)
@given(st.text(alphabet="aZ09._+-@", max_size=30))
def test_near_misses_are_never_recognised_unless_email_validator_accepts(address: str) -> None:
    """Double dots, leading dots, hyphens at a label's edge, a missing top-level name: the
    fast path must leave all of them to the judge."""
    if plainly_valid_email(address):
        assert accepted_by_email_validator(address), address


@pytest.mark.parametrize("address", [
    "a" * 64 + "@nhs.net",  # the longest local part RFC 5321 allows
    "jo@" + "b" * 63 + ".org",  # the longest label
    "j@" + ".".join(["b" * 63] * 3) + "." + "b" * 56 + ".org",  # 254 in all
])
def test_lengths_at_the_limit_are_recognised_and_accepted(address: str) -> None:
    assert plainly_valid_email(address)
    assert accepted_by_email_validator(address)


@pytest.mark.parametrize("address", [
    "a" * 65 + "@nhs.net",  # one past the local part's limit
    "jo@" + "b" * 64 + ".org",  # one past a label's limit
    "jo@" + ".".join(["b" * 63] * 3) + "." + "b" * 57 + ".org",  # 255 in all
    "a" * 64 + "@" + ".".join(["b" * 63] * 4) + ".org",  # too long after the @ and in all
    "jo@ward.test", "jo@host.LOCALHOST", "jo@x.onion",  # special-use names
    "jo..smith@nhs.net", ".jo@nhs.net", "jo.@nhs.net", "jo@-nhs.net", "jo@nhs-.net",
    "jo@nhs", "jo@nhs.n3t", "jo@nhs..net", "jø@nhs.net", "jo@nhs.net ", "jo smith@nhs.net",
])
def test_anything_else_goes_to_email_validator(address: str) -> None:
    assert not plainly_valid_email(address)
    assert email_problem(address) == verdict(address)


def test_an_address_the_fast_path_leaves_gets_email_validators_reason() -> None:
    assert email_problem("jo@" + "b" * 64 + ".org") == (
        "After the @-sign, periods cannot be separated by so many characters (1 character "
        "too many).")
    assert email_problem("jo@ward.test") is not None
    assert email_problem("jø@nhs.net") is None  # internationalised: the judge allows it


def test_the_special_use_names_are_email_validators_own() -> None:
    assert set(email_validator.SPECIAL_USE_DOMAIN_NAMES) == set(_SPECIAL_USE_DOMAINS)


def test_plain_nhs_addresses_never_reach_email_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    """What makes the fast path worth having: a roster of ordinary addresses is checked
    without email-validator's per-address work."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("email-validator was asked")

    monkeypatch.setattr(email_validator, "validate_email", refuse)
    email_problem.cache_clear()
    try:
        assert roster.email_problem("jane.smith@nhs.net") is None
        assert roster.email_problem("Ravi.Patel-Jones+exchange@example.org") is None
    finally:
        email_problem.cache_clear()


def folded_the_long_way(value: str) -> str:
    """Folding with no shortcut: drop what shows as nothing, make the letters with no
    decomposition plain, decompose, drop accents, case-fold, and turn each run of anything
    but a letter or digit of any script, or @, into one space."""
    plain = text.without_invisible(value).translate(text._NO_DECOMPOSITION)
    decomposed = unicodedata.normalize("NFKD", plain)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() or ch == "@" else " " for ch in bare).split())


@settings(max_examples=300)
@given(st.text(max_size=30) | st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_fold_gives_the_same_key_with_or_without_the_ascii_shortcut(value: str) -> None:
    text.fold.cache_clear()
    assert text.fold(value) == folded_the_long_way(value)


def test_fold_of_ascii_and_accented_names_by_hand() -> None:
    assert text.fold("  Dr  O'Brien-Smith ") == "dr o brien smith"
    assert text.fold("Siân Ó-Briain") == "sian o briain"


def test_the_collector_pauses_for_a_pairing_run_and_is_restored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``wessex pair`` reads, pairs and writes with the cyclic collector paused (speed),
    and leaves it as it found it, on success and on a refusal alike."""
    import gc

    from wessex_cli import pairing
    from wessex_cli.errors import RosterError
    from wessex_cli.pairing_run import PairingRequest, run_pairing
    from wessex_cli.scheme import Scheme

    from .conftest import small_roster, write_book

    write_book(tmp_path / "v.xlsx", small_roster())
    seen: list[bool] = []
    real = pairing.pair_volunteers

    def watching(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pairing, "pair_volunteers", watching)
    assert gc.isenabled()
    run = run_pairing(PairingRequest(tmp_path / "v.xlsx", Scheme()))
    assert run.saved == tmp_path / "pairs.xlsx" and run.result.pairs
    assert seen == [False] and gc.isenabled()
    write_book(tmp_path / "empty.xlsx", [])
    with pytest.raises(RosterError):
        run_pairing(PairingRequest(tmp_path / "empty.xlsx", Scheme()))
    assert gc.isenabled()
    gc.disable()
    try:
        run_pairing(PairingRequest(tmp_path / "v.xlsx", Scheme(), dry_run=True))
        assert not gc.isenabled()  # paused before: still paused after
    finally:
        gc.enable()


def test_the_collector_pauses_for_a_check_and_is_restored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``wessex check`` runs its checks with the collector paused too, and restores it."""
    import gc

    from wessex_cli import check
    from wessex_cli.scheme import Scheme

    from .conftest import small_roster, write_book

    write_book(tmp_path / "v.xlsx", small_roster())
    seen: list[bool] = []
    real = check.check_roster

    def watching(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "check_roster", watching)
    report = check.check_file(tmp_path / "v.xlsx", Scheme())
    assert seen == [False] and gc.isenabled()
    assert not report.errors


@settings(max_examples=500)
@given(st.text(max_size=30) | st.text(alphabet=" \t\n\u00a0\u3000\u2028ab", max_size=12))
def test_clean_cell_is_the_split_and_join_it_shortcuts(value: str) -> None:
    assert text.clean_cell(value) == " ".join(value.split())


def test_clean_cell_by_hand() -> None:
    assert text.clean_cell("Ann  Lee") == "Ann Lee"
    assert text.clean_cell(" Ann Lee") == "Ann Lee"
    assert text.clean_cell("Ann\u00a0Lee\n") == "Ann Lee"  # a no-break space is space
    assert text.clean_cell("Ann Lee") == "Ann Lee"
