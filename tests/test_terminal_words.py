"""What the tracking commands print for the administrator, read as they read it: dates as
the letters and other messages give them ('12 May 2027'), and each line telling apart what
it is about."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, few_pairs, person, write_book


def said(run: Runner, *args: str) -> str:
    """What a command printed, its lines joined as one."""
    return " ".join(run(*args).output.split())


def test_visit_and_remind_give_dates_as_the_letters_do(run: Runner, tmp_path: Path) -> None:
    """'Recorded: ... (hosted on 2027-05-12)' and the remind list's 'hosting done
    2027-05-12' gave ISO dates where every other message to the administrator says
    '12 May 2027'; status --json keeps ISO dates for scripts."""
    few_pairs(tmp_path / "pairs.xlsx", 2)  # P001 Amelia Ashworth and Chidi Zielinski, P002
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    assert said(run, "visit", "pairs.xlsx", "Chidi Zielinski", "--hosted", "12/5/2027") \
        .startswith("Recorded: Prof Chidi Zielinski (hosted on 12 May 2027) with Dr Amelia "
                    "Ashworth, row 2.")
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--planned", "30/6/2027")
    assert "(planned for 2 July 2027; replacing the plan for 30 June 2027)" in \
        said(run, "visit", "pairs.xlsx", "Arjun Rasmussen", "--planned", "2/7/2027")
    reminded = said(run, "remind", "pairs.xlsx")
    assert "hosting done 12 May 2027; visiting owed" in reminded  # Chidi
    assert "hosting owed; visiting done 12 May 2027" in reminded  # Amelia
    assert "hosting planned 2 July 2027; visiting owed" in reminded  # Arjun
    # the same visits for scripts, dated as ISO
    pairs = json.loads(run("status", "pairs.xlsx", "--json").output)["pairs"]
    assert [v["date"] for v in pairs[0]["visits"]] == [None, "2027-05-12"]
    assert [v["date"] for v in pairs[1]["visits"]] == ["2027-07-02", None]


def test_remind_says_which_partner_each_reminder_is_about(run: Runner, tmp_path: Path) -> None:
    """Oliver took two partners and owes both his half days with each: the list gave him two
    lines alike, 'Oliver Pemberton <oliver@example.org>: hosting owed; visiting owed'."""
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP",
               Organisation="Harbourside Surgery"),
        person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Quayside Surgery"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant",
               Organisation="General Hospital - Cardiology", Specialty="Cardiology",
               Capacity=2)])
    run("pair", "v.xlsx")
    ids = {pair["a"]["email"]: pair["id"]
           for pair in json.loads(run("status", "pairs.xlsx", "--json").output)["pairs"]}
    lines = [line.strip() for line in run("remind", "pairs.xlsx").output.splitlines()]
    assert f"Oliver Pemberton <oliver@example.org>, with Dr Amelia Ashworth " \
           f"({ids['amelia@example.org']}): hosting owed; visiting owed" in lines
    assert f"Oliver Pemberton <oliver@example.org>, with Dr Isla Okonkwo " \
           f"({ids['isla@example.org']}): hosting owed; visiting owed" in lines
    assert f"Dr Isla Okonkwo <isla@example.org>, with Oliver Pemberton " \
           f"({ids['isla@example.org']}): hosting owed; visiting owed" in lines
