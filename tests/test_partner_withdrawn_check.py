"""A Partner cell (a partner agreed in advance) naming a volunteer whose Status says they have
withdrawn: 'pair' released the lock and said so, but 'check' said nothing of it, so the
administrator learnt only at pairing that the agreed pair would not be made. Both now say it,
in the same words."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner, person, write_book

SAID = ("Dr Amelia Ashworth's Partner cell names Oliver Pemberton, who has withdrawn; that "
        "lock is released.")


def test_check_says_what_pair_says_of_a_withdrawn_partner(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP", Organisation="Quayside Surgery",
               Partner="Oliver Pemberton"),
        person("Dr Tom Reed", "tom.reed@nhs.net", "GP", Organisation="Millbrook Surgery"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant",
               Organisation="County Hospital", Status="withdrawn"),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    problems = json.loads(run("check", "v.xlsx", "--json").stdout)["problems"]
    # the Partner column is the fifteenth, O; Amelia is on row 2 and Oliver on row 4
    assert [p for p in problems if p["cell"] == "Volunteers!O2"] == [{
        "severity": "warning", "cell": "Volunteers!O2", "column": "partner",
        "message": f"{SAID} If Oliver Pemberton is still taking part, correct the Status in "
                   "row 4; if not, clear this cell."}]
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "Volunteers!O2 (Dr Amelia Ashworth's Partner cell) names Oliver Pemberton, who has " \
        "withdrawn; that lock is released." in paired


def test_check_says_nothing_of_a_partner_still_taking_part(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP", Organisation="Quayside Surgery",
               Partner="Oliver Pemberton"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    problems = json.loads(run("check", "v.xlsx", "--json").stdout)["problems"]
    assert [p for p in problems if p["column"] == "partner"] == []
