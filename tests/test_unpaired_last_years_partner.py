"""Someone left unpaired while the only person on the other side with a place left was
their partner of an earlier year: the reason ('pair', its Unpaired table and sheet) said
only that their eligible partners were taken, as if nobody were free, and the administrator
could not tell that rule 6 (--history) was what kept them out of a pair."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner, person, write_book
from .test_year_two import last_year


@pytest.fixture(autouse=True)
def last_summer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2026-09-01")


def test_the_only_free_partner_was_last_years(run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    write_book(tmp_path / "volunteers.xlsx", [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside"),
        person("Dr Nia Rowe", "nia@nhs.net", "GP", Organisation="Quayside",
               Avoid="Oliver Pemberton", **{"Preference 1": "Arjun Rasmussen"}),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant",
               Organisation="Hospital - Cardio"),
        person("Arjun Rasmussen", "arjun@nhs.net", "Consultant",
               Organisation="Hospital - Resp"),
    ])
    data = json.loads(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                          str(old)).output)
    reasons = {u["email"]: u["reason"] for u in data["unpaired"]}
    said = ("the only volunteer on the Secondary care side with a place left, Oliver "
            "Pemberton, was their partner in an earlier scheme, and rule 6 never pairs the "
            "same two again")
    assert reasons["amelia@nhs.net"].startswith(
        "their 1 eligible partner already has as many partners as they can take")
    assert reasons["amelia@nhs.net"].endswith(said)
    # Oliver has no eligible partner at all: the rule counts say it, once
    assert reasons["oliver@nhs.net"] == ("no eligible partner on the Primary care side (1 by "
                                         "named under avoid, 1 by partners in an earlier "
                                         "scheme)")
    run("pair", "volunteers.xlsx", "--history", str(old))
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Unpaired"]
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row]
    assert any(said in cell for cell in cells)


def test_nothing_is_said_of_a_free_volunteer_kept_apart_by_another_rule(
        run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    write_book(tmp_path / "volunteers.xlsx", [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside",
               Avoid="Kai Moss"),
        person("Dr Nia Rowe", "nia@nhs.net", "GP", Organisation="Quayside",
               Avoid="Kai Moss", **{"Preference 1": "Arjun Rasmussen"}),
        person("Kai Moss", "kai@nhs.net", "Consultant", Organisation="Hospital - Cardio"),
        person("Arjun Rasmussen", "arjun@nhs.net", "Consultant",
               Organisation="Hospital - Resp"),
    ])
    data = json.loads(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                          str(old)).output)
    reasons = {u["email"]: u["reason"] for u in data["unpaired"]}
    assert "earlier scheme" not in reasons["amelia@nhs.net"]
