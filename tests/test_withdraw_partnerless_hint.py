"""withdraw, without --in, of someone whose partner withdrew: nothing moves in the pairs
workbook, and the refusal must say how to record that they have left (--in), not only how
to find them a new partner, which is the one step that would pair someone who is leaving."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book


def test_the_refusal_says_how_to_record_the_withdrawal(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ben Carter", "ben@example.org", "GP", Organisation="Orchard Lane"),
        person("Mark Quinn", "mark@example.org", "Consultant", Organisation="Westshire Royal"),
    ])
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "Carter", "--reason", "moved away")
    said = " ".join(run("withdraw", "pairs.xlsx", "Quinn", "--reason", "retired",
                        code=1).output.split())
    assert "Mark Quinn's pair P001 with Dr Ben Carter is on the Withdrawn sheet" in said
    assert "If they have left, write withdrawn in their Status cell in the volunteer " \
        "workbook ('wessex withdraw ... --in v.xlsx' does)" in said
    # and the advice works: with --in the withdrawal is recorded
    said = " ".join(run("withdraw", "pairs.xlsx", "Quinn", "--reason", "retired",
                        "--in", "v.xlsx").output.split())
    assert "Wrote 'withdrawn' in their Status cell (Volunteers!P3) of v.xlsx" in said
