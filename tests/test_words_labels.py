"""Wording read as the administrator and a recipient read it: the sides named by the labels
scheme.toml gives them, as typed, in sentences that read properly around them."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner, few_pairs, person, write_book

# labels an administrator may choose: an acronym and a proper name, never to be lower-cased
LABELS = ('[sides.primary]\nlabel = "General practice"\n\n'
          '[sides.secondary]\nlabel = "NHS Trust"\n')


def test_the_advice_to_take_two_partners_names_the_workbook_s_own_column(
        run: Runner, tmp_path: Path) -> None:
    """check told the administrator to write 'Capacity 2' whatever the column is headed, so
    a workbook with a 'Max partners' column (the example's) sent them looking for a Capacity
    column it does not have; without such a column, one is to be added."""
    people = [person("Dr Amelia Ashworth", "amelia@example.org", "GP"),
              person("Dr Isla Okonkwo", "isla@example.org", "GP"),
              person("Dr Oliver Pemberton", "oliver@example.org", "Consultant")]
    headers = ["Name", "Email", "Profession", "Max partners"]
    write_book(tmp_path / "max.xlsx", people, headers)
    write_book(tmp_path / "none.xlsx", people, headers[:3])

    def advice(book: str) -> str:
        (problem,) = [p["message"] for p in json.loads(run(
            "check", book, "--json").output)["problems"] if "take two partners" in p["message"]]
        return str(problem)

    assert advice("max.xlsx").endswith("take two partners (Max partners 2).")
    assert advice("none.xlsx").endswith(
        "take two partners (2 in a Capacity column, added to the workbook).")


def test_status_gives_each_side_a_sentence_of_its_own(run: Runner, tmp_path: Path) -> None:
    """The line under the table joined the sides with a semicolon, so the second side's
    label, a capital letter, came mid-sentence ('...; Secondary care hosts: ...')."""
    few_pairs(tmp_path / "pairs.xlsx", 2)
    (tmp_path / "scheme.toml").write_text(LABELS, encoding="utf-8")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    # two pairs, nobody has hosted yet: each side hosts once a pair
    assert "General practice hosts: 0 of 2 done. NHS Trust hosts: 0 of 2 done." in said
    assert "; NHS Trust" not in said


def test_an_unbalanced_roster_is_counted_in_the_sides_labels(run: Runner,
                                                              tmp_path: Path) -> None:
    """check's warning and pair's reason counted places by the sides' keys ('2 primary
    places for 1 secondary place') where every other output names a side by its label."""
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP",
               Organisation="Harbourside Surgery"),
        person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Quayside"),
        # at Isla's organisation: Amelia's partner, and nobody Isla may be paired with
        person("Oliver Pemberton", "oliver@example.org", "Consultant", Organisation="Quayside",
               Specialty="Cardiology")])
    (tmp_path / "scheme.toml").write_text(LABELS, encoding="utf-8")
    checked = [p["message"] for p in
               json.loads(run("check", "v.xlsx", "--json").output)["problems"]]
    assert ("the sides are unbalanced: 2 places on the General practice side for 1 on the NHS "
            "Trust side, so at least 1 place on the General practice side will go unpaired. "
            "Recruit more volunteers for the NHS Trust side, or ask one of its volunteers to "
            "take two partners "
            "(Capacity 2).") in checked
    # and the table under the problems names the sides so too (it gave the keys, 'primary')
    table = run("check", "v.xlsx").output
    rows = [line.split("│")[1].strip() for line in table.splitlines()
            if line.startswith("│") and line.split("│")[2].strip().isdigit()]
    assert rows == ["General practice", "NHS Trust"]
    (unpaired,) = json.loads(run("pair", "v.xlsx", "--dry-run", "--json").output)["unpaired"]
    assert unpaired["name"] == "Dr Isla Okonkwo"
    assert unpaired["reason"].startswith("side imbalance: 2 places on the General practice "
                                         "side for 1 on the NHS Trust side; no eligible "
                                         "partner on the NHS Trust "
                                         "side (")


def test_an_address_with_a_space_in_it_is_warned_of_by_its_cell(run: Runner,
                                                                  tmp_path: Path) -> None:
    """'spaced name@nhs.net' was read as spacedname@nhs.net without a word, where the space
    may be a dot mistyped: every letter would go to another inbox."""
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia ashworth@nhs.net", "GP"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant")])
    problems = json.loads(run("check", "v.xlsx", "--json").output)["problems"]
    spaced = [p for p in problems if "has a space in it" in p["message"]]
    assert [(p["severity"], p["message"]) for p in spaced] == [(
        "warning", "'amelia ashworth@nhs.net' has a space in it, which no address can hold, "
        "so wessex writes to ameliaashworth@nhs.net. If a dot or an underscore was meant "
        "where the space is, correct the cell.")]
    assert spaced[0]["cell"].endswith("B2")
    assert not any("has a space" in p["message"] for p in problems
                   if "oliver" in p["message"])
