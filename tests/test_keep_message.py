"""What ``pair --keep`` says of the kept pairs is what it did to their rows: it said "4 pairs
kept as they were" while it rewrote each one's How paired from "optimised" to "kept" (the
mark 'render --new' goes by), and any Score and Reasons the volunteer workbook changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from .conftest import Runner, newest_backup, write_book
from .test_record import columns, pair_emails, paired, people

__all__ = ["paired"]  # the fixture, used by name


def _cells(path: Path) -> dict[str, Any]:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    return {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row}


def test_keep_says_how_paired_was_rewritten_and_nothing_else(run: Runner, paired: Path,
                                                            tmp_path: Path) -> None:
    before = _cells(paired)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    after = _cells(paired)
    how = get_column_letter(columns(openpyxl.load_workbook(paired)["Pairs"])["How paired"])
    # SPEC: the pairs already made stay as they are; How paired alone now says "kept"
    assert {ref: (before[ref], after[ref]) for ref in before if before[ref] != after[ref]} \
        == {f"{how}{row}": ("optimised", "kept") for row in (2, 3, 4, 5)}
    assert after.keys() == before.keys()
    assert (f"How paired now says 'kept' for 4 pairs carried over from the pairing before "
            f"(Pairs!{how}2, {how}3, {how}4, {how}5), so that 'render --new' writes only to "
            "the new pairs.") in said
    assert "Updated pairs.xlsx: 4 pairs kept with their visits and notes, 0 new; the " \
        f"previous version is kept as {newest_backup(paired)}." in said
    assert "as they were" not in said
    assert "Worked out again" not in said  # no Score or Reasons changed
    # a second run finds every pair marked kept already, and so nothing to change
    again = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "already says all this: 4 pairs kept as they were, nothing new" in again
    assert _cells(paired) == after


def test_keep_names_a_score_worked_out_again(run: Runner, paired: Path,
                                             tmp_path: Path) -> None:
    """Dr GP 2 names their partner as first choice after the pairing: the kept pair's Score
    becomes 6 (SPEC: a first preference naming the person scores 6) and the output says so,
    cell by cell, rather than that the pair was kept as it was."""
    partner = next(b if a == "gp2@example.org" else a for a, b in pair_emails(paired).values()
                   if "gp2@example.org" in (a, b))
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # How paired says "kept" from now on
    volunteers = [dict(p, **{"Preference 1": partner}) if p["Email"] == "gp2@example.org"
                  else p for p in people()]
    write_book(tmp_path / "v.xlsx", volunteers)
    before = _cells(paired)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    after = _cells(paired)
    col = columns(openpyxl.load_workbook(paired)["Pairs"])
    changed = {ref for ref in before if before[ref] != after[ref]}
    row = next(int(ref[len(get_column_letter(col["Score"])):]) for ref in changed)
    score = f"{get_column_letter(col['Score'])}{row}"
    reasons = f"{get_column_letter(col['Reasons'])}{row}"
    assert changed == {score, reasons}
    assert (before[score], after[score]) == (0, 6)
    assert (f"Worked out again from the volunteer workbook for kept pairs, whose preferences "
            f"or details changed there: Pairs!{score} (Score), {reasons} (Reasons).") in said
    assert "How paired now says" not in said
    assert "Updated pairs.xlsx: 4 pairs kept with their visits and notes, 0 new" in said


def test_a_second_keep_warns_that_the_last_runs_new_pairs_leave_render_new(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A re-pairing made P005 for two late volunteers; a second 'pair --keep' (run again, or
    after another withdrawal) before their introductions went out turned its How paired into
    'kept' and said only that this was so 'render --new' writes only to the new pairs. Then
    'render --new' found nobody new, and the two were never introduced, with no word of it."""
    from .conftest import person

    late = [person("Dr Late GP", "lategp@example.org", "GP", Organisation="Practice 9"),
            person("Late Consultant", "latec@example.org", "Consultant",
                   Organisation="Hospital")]
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # the first pairs are carried over
    write_book(tmp_path / "v.xlsx", [*people(), *late])
    first = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "1 new" in first and "new at the last pairing" not in first
    again = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert ("P005 (Dr Late GP and Late Consultant) was new at the last pairing: now that its "
            "How paired cell says 'kept', 'render partner-introduction --new' will not write "
            "to it. If its introductions have not gone out yet, render partner-introduction "
            "without --new into a folder of its own (-o) and send only the letters to these "
            "two.") in again
    # said once: the run after has nothing new at the last pairing to warn of
    third = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "new at the last pairing" not in third


def test_someone_who_left_two_pairs_is_told_to_delete_both_rows_to_come_back(
        run: Runner, tmp_path: Path, monkeypatch: Any) -> None:
    """Consultant X, with two partners, withdrew from both pairs: two rows of the Withdrawn
    sheet. 'pair --keep' said "To pair them again, delete that row of the Withdrawn sheet",
    but with one row deleted the other still keeps them out."""
    from .test_record import TODAY, paired_twice

    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    paired_twice(run, tmp_path)
    run("withdraw", "pairs.xlsx", "Consultant X", "--reason", "sabbatical")
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Consultant X withdrew on" in said
    assert "left out. To pair them again, delete both their rows of the Withdrawn sheet " \
        "(pairs P001 and P002)." in said


def test_a_pair_ended_by_a_change_of_side_names_who_changed(run: Runner, paired: Path,
                                                            tmp_path: Path) -> None:
    """Consultant 0's Profession was typed over with 'GP' after the pairing. 'pair --keep'
    ended their pair, saying only that the two 'are now on the same side', and the Withdrawn
    sheet named their partner, the GP, as the person who withdrew: nothing said whose cell to
    look at, nor that the GP withdrew from nothing. (No half day is done: a pair with one
    done is kept as it stands, tests/test_side_changed_after_visits.py.)"""
    pair_id, (gp_email, _) = next((pid, emails) for pid, emails in pair_emails(paired).items()
                                  if emails[1] == "c0@example.org")
    gp = f"Dr GP {gp_email[2]}"
    write_book(tmp_path / "v.xlsx", [dict(p, Profession="GP") if p["Email"] == "c0@example.org"
                                     else p for p in people()])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Pair {pair_id} was not kept: Consultant 0 is now on the Primary care side, as "
            f"{gp} is: Consultant 0's Profession cell (Volunteers!C6) in the volunteer workbook "
            "has changed "
            "since the pairing (the Secondary care side then).") in said
    withdrawn = openpyxl.load_workbook(paired)["Withdrawn"]
    head = [c.value for c in withdrawn[1]]
    row = next(r for r in withdrawn.iter_rows(min_row=2, values_only=True)
               if r[head.index("Pair")] == pair_id)
    assert row[head.index("Withdrawn person")] == "Consultant 0"
    assert row[head.index("Reason")] == (f"Profession or Side changed in the volunteer "
                                         f"workbook: now on the same side as {gp}")
    assert row[head.index("Withdrew from")] == "this pair only"
