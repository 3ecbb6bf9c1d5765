"""Tests written against mutants of the day's re-paired sentence in the partner
introduction that tests/test_introduction_repaired.py let live. README: when the pair that
ended was agreed in advance, whether it ended before the pairing cannot be told from the
workbook, and the letter reads as a first introduction. Every person here is invented."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, write_book
from .test_introduction_repaired import CONSULTANTS, EARLIER, GPS, SCHEME, _letters, _partners, _to


def test_a_partner_left_by_a_pair_agreed_in_advance_gets_a_first_introduction(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    gp, colm = GPS[0]["Name"], CONSULTANTS[0]["Name"]
    agreed = [dict(GPS[0], Partner=colm), *GPS[1:], dict(CONSULTANTS[0], Partner=gp),
              *CONSULTANTS[1:]]
    write_book(tmp_path / "v.xlsx", agreed)
    run("pair", "v.xlsx")
    assert _partners(tmp_path)[colm] == {gp}  # locked, as the Partner cells agree
    run("withdraw", "pairs.xlsx", gp, "--reason", "a new post")
    write_book(tmp_path / "v.xlsx", [*GPS[1:], *CONSULTANTS])  # the Partner cells cleared
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    [spare] = _partners(tmp_path)[colm]
    letter = _to(_letters(run, tmp_path, "all"), colm, spare)
    assert f"- **{spare}**" in letter, letter
    assert EARLIER not in letter, letter
