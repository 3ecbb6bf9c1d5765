"""Headers in the administrator's own words: a column that wessex does not recognise is
never dropped in silence when it looks like one it reads (round 18: "Do not pair with
(names)" and "GP registered with" were carried through as the administrator's own columns,
so nobody was kept apart, and `check` said nothing)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import HEADERS, Runner, person, write_book


def roster(headers: list[str]) -> list[dict[str, object]]:
    """Two GPs and two consultants; Amelia will not be paired with Oliver."""
    people = [person("Dr Amelia Ashworth", "amelia@example.org", "GP",
                     Organisation="Harbourside Surgery", Avoid="Oliver Pemberton"),
              person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Elmfield"),
              person("Oliver Pemberton", "oliver@example.org", "Consultant",
                     Organisation="Hospital - Cardiology",
                     **{"Preference 1": "Dr Amelia Ashworth"}),
              person("Arjun Rasmussen", "arjun@example.org", "Consultant",
                     Organisation="Hospital - Respiratory")]
    renamed = dict(zip(HEADERS, headers, strict=True))
    return [{renamed[key]: value for key, value in p.items()} for p in people]


def problems(run: Runner, code: int = 0) -> dict[str, tuple[str, str]]:
    """cell -> (severity, message) of what 'check --json' finds."""
    found = json.loads(run("check", "v.xlsx", "--json", code=code).stdout)["problems"]
    return {p["cell"]: (p["severity"], p["message"]) for p in found}


def renamed(old: str, new: str) -> list[str]:
    return [new if header == old else header for header in HEADERS]


def test_words_in_brackets_after_a_known_header_are_read_past(run: Runner,
                                                              tmp_path: Path) -> None:
    headers = renamed("Avoid", "Do not pair with (names)")
    write_book(tmp_path / "v.xlsx", roster(headers), headers)
    run("check", "v.xlsx")
    refused = run("pair", "v.xlsx", "--dry-run", "--lock",
                  "Dr Amelia Ashworth=Oliver Pemberton", code=1)
    assert "rule 4" in refused.output


def test_a_misspelt_exclusion_column_stops_check_and_pair(run: Runner,
                                                          tmp_path: Path) -> None:
    headers = renamed("Avoid", "Do not pair wiht")
    write_book(tmp_path / "v.xlsx", roster(headers), headers)
    severity, message = problems(run, code=1)["Volunteers!M1"]
    assert severity == "error"
    assert message.startswith("'Do not pair wiht' looks like the Avoid column")
    assert "the people listed there could be paired together" in message
    for extra in ((), ("--skip-errors",)):
        refused = " ".join(run("pair", "v.xlsx", "--dry-run", *extra, code=1).output.split())
        assert "the first at Volunteers!M1" in refused


def test_a_misspelt_days_column_is_a_warning_at_its_cell(run: Runner, tmp_path: Path) -> None:
    headers = renamed("Host days", "Days to hots")
    write_book(tmp_path / "v.xlsx", roster(headers), headers)
    severity, message = problems(run)["Volunteers!H1"]
    assert severity == "warning"
    assert message.startswith("'Days to hots' looks like the Host days column")
    assert "everyone counts as free to host on any day" in message


def test_a_column_of_the_administrators_own_is_not_questioned(run: Runner,
                                                              tmp_path: Path) -> None:
    headers = [*HEADERS, "Parking", "Years qualified", "Hosting notes"]
    write_book(tmp_path / "v.xlsx", roster(HEADERS), headers)
    checked = run("check", "v.xlsx").output
    assert "looks like" not in checked  # Host days is there: Hosting notes is theirs


def test_a_misspelt_required_column_is_named_where_it_is(run: Runner, tmp_path: Path) -> None:
    headers = renamed("Profession", "Job titel")
    write_book(tmp_path / "v.xlsx", roster(headers), headers)
    said = " ".join(run("check", "v.xlsx", code=1).output.split())
    assert "Volunteers!C1: the required column Profession is missing from the header row " \
        "(row 1); 'Job titel' in C1 looks like it. Rename 'Job titel' to 'Profession'." in said


def test_a_plural_cluster_header_is_read() -> None:
    """'PCNs' was neither read as the Cluster column nor questioned."""
    from wessex_cli.roster import column_meant

    assert column_meant("PCNs") == "cluster" and column_meant("Clusters") == "cluster"
