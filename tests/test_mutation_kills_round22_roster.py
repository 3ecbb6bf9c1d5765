"""Tests added to kill mutants of ``roster``'s checks that survived the 22nd hand mutation
run. SPEC (the volunteer workbook): avoid entries are "names or e-mails, separated by `;`
`,` or new lines"; capacity is how many partners a person can take; status `withdrawn` (or
`dropped out`, `inactive`) leaves the person out; `check` lists every problem with its cell
(`Volunteers!C7`)."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.roster import Roster, read_roster
from wessex_cli.rules import Rule, rules_broken

from .conftest import person, write_book

# Columns as conftest.HEADERS lays them out: G registered practice, M avoid, N capacity,
# P status. The header is row 1, so the people are rows 2, 3, 4.


def roster(tmp_path: Path, ann: dict[str, object]) -> Roster:
    people = [person("Dr Ann Able", "ann@nhs.net", "GP", Organisation="Hill Surgery", **ann),
              person("Carl Cole", "carl@nhs.net", "Consultant", Organisation="County Hospital"),
              person("Dee Dunn", "dee@nhs.net", "Consultant", Organisation="County Hospital",
                     **{"Registered practice": "hill  SURGERY"})]
    return read_roster(write_book(tmp_path / "v.xlsx", people))


def test_avoid_entries_separated_by_commas_are_each_avoided(tmp_path: Path) -> None:
    found = roster(tmp_path, {"Avoid": "Carl Cole, dee@nhs.net"})
    assert found.problems == []
    ann, carl, dee = found.volunteers
    assert ann.avoid == ("carl@nhs.net", "dee@nhs.net")
    assert Rule.AVOID in rules_broken(ann, carl)
    assert Rule.AVOID in rules_broken(ann, dee)


def test_a_capacity_that_is_not_a_whole_number_is_an_error_in_its_cell(tmp_path: Path) -> None:
    found = roster(tmp_path, {"Capacity": 1.5})
    assert [(p.severity, p.cell, p.message) for p in found.problems
            if p.column == "capacity"] == [
        ("error", "Volunteers!N2",
         "capacity '1.5' is not a whole number of 1 or more.")]
    assert [v.email for v in found.volunteers] == ["carl@nhs.net", "dee@nhs.net"]
    assert roster(tmp_path, {"Capacity": 2}).volunteers[0].capacity == 2


def test_an_unknown_status_is_warned_about_and_the_person_stays_active(tmp_path: Path) -> None:
    found = roster(tmp_path, {"Status": "on leave"})
    assert [(p.severity, p.cell, p.message) for p in found.problems] == [
        ("warning", "Volunteers!P2",
         "status 'on leave' is not known; the person is treated as active.")]
    assert found.volunteers[0].active is True
    assert roster(tmp_path, {"Status": "Dropped out"}).volunteers[0].active is False


def test_a_registered_practice_spelt_in_another_case_matches_its_organisation(
        tmp_path: Path) -> None:
    """Dee is registered at 'hill  SURGERY': Ann's 'Hill Surgery' once case and spacing are
    folded. No warning that it 'matches no organisation', and rule 3 keeps them apart."""
    found = roster(tmp_path, {})
    assert found.problems == []
    ann, _, dee = found.volunteers
    assert rules_broken(ann, dee) == [Rule.REGISTERED]


def test_a_locked_partner_on_the_same_side_is_an_error_in_the_partner_cell(
        tmp_path: Path) -> None:
    """SPEC: a lock that breaks a rule is an error, never silently dropped; pairs cross
    sides (rule 1). Ann (GP, primary) names Bea (GP, primary) in Partner (column O); Carl
    (Consultant, secondary) naming Ann crosses sides and is no problem."""
    people = [person("Dr Ann Able", "ann@nhs.net", "GP", Organisation="Hill Surgery",
                     Partner="Bea Bell"),
              person("Bea Bell", "bea@nhs.net", "GP", Organisation="Dale Surgery"),
              person("Carl Cole", "carl@nhs.net", "Consultant", Organisation="County Hospital",
                     Partner="ann@nhs.net")]
    found = read_roster(write_book(tmp_path / "v.xlsx", people))
    assert [(p.severity, p.cell, p.message) for p in found.problems] == [
        ("error", "Volunteers!O2",
         "the locked partner Bea Bell is on the same side (Primary care).")]
