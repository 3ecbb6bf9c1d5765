"""Letters after a name ("Dr Ann Bell, MBBS") in matching: the letters were read without
them, but a name still had to be typed with them to find her. A preference or an Avoid cell
naming "Ann Bell" named nobody (so her colleague's Avoid stopped 'pair' with an error), an
Avoid cell naming "Dr Ann Bell, MBBS" named 'MBBS' (the comma parts two entries), and
'visit pairs.xlsx Bell' found no one, "MBBS" being taken for her surname."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner, partners, person, write_book

TODAY = "2027-05-20"  # mid-exchange


def volunteers(**owen: str) -> list[dict[str, object]]:
    """Two GPs, one with letters after her name, and two consultants: Priya's first choice
    is "Ann Bell"; Owen is given ``owen``'s cells."""
    return [
        person("Dr Ann Bell, MBBS", "ann.bell@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Dr Tom Reed", "tom.reed@nhs.net", "GP", Organisation="Millbrook Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Ann Bell"}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", **owen),
    ]


# the name without her letters, or with them after a comma, which also parts two entries
@pytest.mark.parametrize("avoid", ["Ann Bell", "Dr Ann Bell, MBBS"])
def test_a_preference_and_an_avoid_find_her_without_her_letters(run: Runner, tmp_path: Path,
                                                                 avoid: str) -> None:
    # Owen would rather have Ann's practice, but his Avoid cell names her
    write_book(tmp_path / "v.xlsx", volunteers(Avoid=avoid,
                                               **{"Preference 1": "Quayside Surgery"}))
    checked = run("check", "v.xlsx").stdout
    assert "0 errors" in checked
    assert "Ann Bell'" not in checked  # no "'Ann Bell' names nobody", nor "matches no"
    result = run("pair", "v.xlsx")
    assert "Priya Lund's 1st choice" in " ".join(result.stdout.split())
    assert partners(tmp_path / "pairs.xlsx") == {
        "ann.bell@nhs.net": "priya.lund@example.org", "priya.lund@example.org": "ann.bell@nhs.net",
        "tom.reed@nhs.net": "owen.hart@example.org", "owen.hart@example.org": "tom.reed@nhs.net"}


def test_a_partner_cell_finds_her_without_her_letters(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", volunteers(Partner="Ann Bell"))
    assert "0 errors" in run("check", "v.xlsx").stdout
    run("pair", "v.xlsx")
    assert partners(tmp_path / "pairs.xlsx")["ann.bell@nhs.net"] == "owen.hart@example.org"


@pytest.mark.parametrize("who", ["Ann Bell", "Bell", "Dr Bell"])
def test_visit_and_withdraw_find_her_without_her_letters(run: Runner, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         who: str) -> None:
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    write_book(tmp_path / "v.xlsx", volunteers())
    run("pair", "v.xlsx")
    visited = run("visit", "pairs.xlsx", who, "--planned", "30/6/2027").stdout
    assert "Dr Ann Bell, MBBS" in visited
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    assert "2027-06-30" in " ".join(str(c.value) for c in sheet[2])
    withdrawn = run("withdraw", "pairs.xlsx", who, "--reason", "moved away").stdout
    assert "Dr Ann Bell, MBBS" in withdrawn
    assert "ann.bell@nhs.net" not in partners(tmp_path / "pairs.xlsx")  # her pair ended
