"""``pair --keep`` and what the volunteer workbook changed since the pairing.

SPEC: with --keep the pairs already made, and their tracking data, stay as they are; pairs
never break an exclusion without a word; nothing the administrator typed is lost or moved to
the wrong pair. Two things an administrator does between pairings: correct someone's
e-mail address, and add an Avoid entry they have just learnt of.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from .conftest import Runner, small_roster, write_book


def _pairs_rows(path: Path) -> dict[str, dict[str, object]]:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    rows = list(sheet.iter_rows(values_only=True))
    return {str(r[0]): dict(zip(rows[0], r, strict=False)) for r in rows[1:] if r[0]}


def test_a_kept_pair_that_now_breaks_avoid_is_warned_about(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    rows = _pairs_rows(tmp_path / "pairs.xlsx")
    (a, b), = [(r["A name"], r["B name"]) for r in rows.values()
               if r["B email"] == "oliver@example.org"]
    people = small_roster()
    people[2]["Avoid"] = a  # learnt after the pairing: Oliver must not be paired with a
    write_book(tmp_path / "v.xlsx", people)
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    text = " ".join(result.output.split())
    assert f"({a} and {b}) is kept as it stands, but it breaks rule 4 (named under avoid)" \
        in text
    assert f"'wessex withdraw pairs.xlsx \"{a}\" --partner \"{b}\"'" in text
    # --json: the warning goes to stderr, the JSON stays one object
    data = json.loads(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run",
                          "--json").stdout)
    assert len(data["pairs"]) == 2


def test_kept_pairs_that_break_nothing_give_no_warning(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "breaks rule" not in result.output
