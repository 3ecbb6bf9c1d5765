"""'check' warns at a Preference cell naming the volunteer's partner of an earlier year. When
that partner has withdrawn this year (Status 'withdrawn'), 'wessex pair' leaves them out for
that, whatever the earlier years say, yet check (and pair's own note) gave rule 6 as the
reason. They now say the partner has withdrawn. A pair withdrawn in the earlier year counts
for nothing (only the Pairs sheet is history): check says nothing of it and pair pairs the two,
as they did before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import HEADERS, Runner, write_book
from .test_year_two import four, last_year, pairs_of


@pytest.fixture(autouse=True)
def last_summer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2026-09-01")


def _column(title: str) -> str:
    return chr(ord("A") + HEADERS.index(title))


def _earlier(problems: list[dict[str, str]]) -> list[dict[str, str]]:
    return [p for p in problems if "earlier scheme" in p["message"]]


def test_a_choice_of_last_years_partner_who_has_withdrawn_gives_the_withdrawal(
        run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Preference 1": "Oliver Pemberton"},
        "oliver@nhs.net": {"Status": "withdrawn"}}))  # row 4
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)
    said = _earlier(checked["problems"])
    assert [(p["severity"], p["cell"]) for p in said] == \
        [("warning", f"Volunteers!{_column('Preference 1')}2")]
    message = said[0]["message"]
    assert message.startswith("Dr Amelia Ashworth's 1st choice, Oliver Pemberton, cannot be "
                              "met: Oliver Pemberton has withdrawn (Status 'withdrawn' at "
                              f"Volunteers!{_column('Status')}4)")
    assert "rule 6" not in message
    paired = " ".join(run("pair", "2027/volunteers.xlsx", "--dry-run").output.split())
    assert "Dr Amelia Ashworth's 1st choice, Oliver Pemberton, has withdrawn, so was left " \
        "out of the pairing" in paired
    assert "rule 6" not in paired


def test_a_choice_of_last_years_partner_still_taking_part_still_gives_rule_6(
        run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Preference 1": "Oliver Pemberton"}}))
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)
    said = _earlier(checked["problems"])
    assert len(said) == 1
    assert "the two were partners in an earlier scheme, and rule 6 (partners in an earlier " \
        "scheme) never pairs them again" in said[0]["message"]


def test_a_pair_withdrawn_last_year_is_no_earlier_partnership(run: Runner,
                                                              tmp_path: Path) -> None:
    old = last_year(run, tmp_path)
    run("withdraw", str(old), "Arjun Rasmussen", "--reason", "illness")  # P002 ends
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "isla@nhs.net": {"Preference 1": "Arjun Rasmussen", "Partner": "Arjun Rasmussen"}}))
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)
    # neither the choice nor the lock is said to name an earlier partner
    assert _earlier(checked["problems"]) == []
    assert checked["rows_with_errors"] == []
    paired = run("pair", "2027/volunteers.xlsx", "--dry-run", "--json").stdout
    assert frozenset(("isla@nhs.net", "arjun@nhs.net")) in pairs_of(paired)


def test_a_withdrawal_on_the_withdrawn_sheet_is_the_reason_pair_keep_gives(
        run: Runner, tmp_path: Path) -> None:
    """Oliver withdrew this year with 'wessex withdraw' (his Status cell still blank): 'pair
    --keep' leaves him out for that, yet its note gave rule 6 as the reason Amelia's choice
    of him was not met, and spoke of his own choice of her, who is in no pairing of his: the
    note was written before the Withdrawn sheet was read."""
    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Preference 1": "Oliver Pemberton"},
        "oliver@nhs.net": {"Preference 2": "Dr Amelia Ashworth"}}))
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx")
    run("withdraw", "2027/pairs.xlsx", "Oliver Pemberton", "--reason", "moved away")
    said = " ".join(run("pair", "2027/volunteers.xlsx", "--keep", "2027/pairs.xlsx",
                        "--dry-run").output.split())
    assert "Dr Amelia Ashworth's 1st choice, Oliver Pemberton, has withdrawn, so was left " \
        "out of the pairing; the two were partners in an earlier scheme too." in said
    assert "rule 6" not in said
    assert "Oliver Pemberton's 2nd choice" not in said
