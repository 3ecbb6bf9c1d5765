"""Consultant 0's Profession cell is typed over with 'GP' after their pair's half days were
recorded. 'pair --keep' ended the pair for being on one side now, moved it to the Withdrawn
sheet with its visits, and paired both again: an exchange already made was undone, and each
would have been introduced to someone new for it. A pair with a half day done, or both, is
now kept as it stands (SPEC: with --keep the pairs already made and their tracking data stay
as they are), its row untouched but for How paired saying 'kept' as every kept pair's does,
and the run warns of the cell that changed, saying what that means for the pair.

Expected values are written by hand from the people below: the four GPs are rows 2 to 5 of
v.xlsx, Consultant 0 row 6, Profession column C."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from .conftest import Runner, write_book
from .test_record import columns, pair_emails, paired, people

__all__ = ["paired"]  # the fixture, used by name


def _row_of(path: Path, pair_id: str) -> dict[str, Any]:
    """The cells of pair ``pair_id``'s row of the Pairs sheet, by title."""
    sheet = openpyxl.load_workbook(path)["Pairs"]
    titles = columns(sheet)
    number = next(r for r in range(2, sheet.max_row + 1)
                  if sheet.cell(r, titles["Pair"]).value == pair_id)
    return {title: sheet.cell(number, column).value for title, column in titles.items()}


def _consultant_0_becomes_a_gp(run: Runner, paired: Path, tmp_path: Path,
                               both: bool) -> tuple[str, str]:
    """The GP paired with Consultant 0 hosts them on 4 May and, given ``both``, is hosted
    back on 11 May; then Consultant 0's Profession is typed over with 'GP'. Their pair's ID
    and the GP's name."""
    pair_id, (gp_email, _) = next((pid, emails) for pid, emails in pair_emails(paired).items()
                                  if emails[1] == "c0@example.org")
    gp = f"Dr GP {gp_email[2]}"
    run("visit", "pairs.xlsx", gp, "--hosted", "4/5/2027")
    if both:
        run("visit", "pairs.xlsx", "Consultant 0", "--hosted", "11/5/2027")
    write_book(tmp_path / "v.xlsx", [dict(p, Profession="GP") if p["Email"] == "c0@example.org"
                                     else p for p in people()])
    return pair_id, gp


def test_a_finished_pair_is_kept_when_a_profession_is_typed_over(run: Runner, paired: Path,
                                                                 tmp_path: Path) -> None:
    pair_id, gp = _consultant_0_becomes_a_gp(run, paired, tmp_path, both=True)
    before = _row_of(paired, pair_id)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    warning = (f"Pair {pair_id} ({gp} and Consultant 0) has both half days done: Consultant "
               "0's Profession cell (Volunteers!C6) now puts them on the Primary care side, as "
               f"{gp} is, not the Secondary care side they were paired from. That changes "
               "nothing for a finished pair: it is kept as it stands, its visits as recorded, "
               "and neither is given a new partner in its place. If the cell is a mistake, "
               "correct it.")
    assert warning in said
    assert "was not kept" not in said and "moved to the Withdrawn sheet" not in said
    assert "Updated pairs.xlsx: 3 pairs kept with their visits and notes, 1 held as it " \
        "stands, 0 new;" in said
    # the row as it was, How paired aside, which says 'kept' as every carried pair's does
    after = _row_of(paired, pair_id)
    assert (before["How paired"], after["How paired"]) == ("optimised", "kept")
    assert {t: v for t, v in after.items() if t != "How paired"} == \
        {t: v for t, v in before.items() if t != "How paired"}
    assert after["A hosts B: done"] == after["B hosts A: done"] == "yes"
    assert after["B profession"] == "Consultant"  # as when the exchange was made
    assert "Withdrawn" not in openpyxl.load_workbook(paired).sheetnames
    # the pair is still listed, and complete, in status
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert "1 of 4 pairs complete (25%); 2 of 8 visits done" in status
    # run again: said again, nothing changed
    again = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert warning in again
    assert "already says all this" in again
    assert _row_of(paired, pair_id) == after


def test_a_pair_with_one_half_day_done_is_kept_and_the_way_to_end_it_named(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """One half day done: the pair is under way. The change may be a mistake in the cell, or
    real; ending the pair is left to the administrator, with the command that does it."""
    pair_id, gp = _consultant_0_becomes_a_gp(run, paired, tmp_path, both=False)
    before = _row_of(paired, pair_id)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Pair {pair_id} ({gp} and Consultant 0) has one half day done ({gp} hosted "
            "Consultant 0): Consultant 0's Profession cell (Volunteers!C6) now puts them on "
            f"the Primary care side, as {gp} is, not the Secondary care side they were paired "
            "from. The pair is kept as it stands, its visit as recorded, and neither is given "
            "a new partner. If the cell is a mistake, correct it; if the change is real and "
            f"the other half day is not to go ahead, run 'wessex withdraw pairs.xlsx \"{gp}\" "
            "--partner \"Consultant 0\"'; neither has left the scheme, so if its row on the "
            "Withdrawn sheet says 'the scheme' in its Withdrew from cell, type 'this pair only' "
            f"there, or the next pairing leaves {gp} out; then pair again with --keep.") in said
    after = _row_of(paired, pair_id)
    assert {t: v for t, v in after.items() if t != "How paired"} == \
        {t: v for t, v in before.items() if t != "How paired"}
    assert "Withdrawn" not in openpyxl.load_workbook(paired).sheetnames
    # the command named ends the pair, its half day kept on the Withdrawn sheet
    run("withdraw", "pairs.xlsx", gp, "--partner", "Consultant 0", "--reason", "changed side")
    withdrawn = openpyxl.load_workbook(paired)["Withdrawn"]
    head = [c.value for c in withdrawn[1]]
    (row,) = [r for r in withdrawn.iter_rows(min_row=2, values_only=True)
              if r[head.index("Pair")] == pair_id]
    assert row[head.index("A hosts B: done")] == "yes"
    # the rest of the way: neither left the scheme, so neither is left out of the pairing
    assert row[head.index("Withdrew from")] == "the scheme"
    book = openpyxl.load_workbook(paired)
    number = next(r[0].row for r in book["Withdrawn"].iter_rows(min_row=2)
                  if r[head.index("Pair")].value == pair_id)
    book["Withdrawn"].cell(number, head.index("Withdrew from") + 1).value = "this pair only"
    book.save(paired)
    again = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "left out" not in again
    gone = {email for emails in pair_emails(paired).values() for email in emails}
    unpaired = openpyxl.load_workbook(paired)["Unpaired"]
    gone |= {str(r[1]) for r in unpaired.iter_rows(min_row=2, values_only=True)}
    assert {gp.replace("Dr GP ", "gp") + "@example.org", "c0@example.org"} <= gone


def test_the_side_cell_is_named_when_it_is_what_changed(run: Runner, paired: Path,
                                                       tmp_path: Path) -> None:
    """A Side column added to v.xlsx (column Q, after the sixteen of tests/conftest.py), and
    Consultant 0's typed 'Primary care': their Profession still says Consultant, so the cell
    to look at is the Side cell."""
    from .conftest import HEADERS

    pair_id, gp = _consultant_0_becomes_a_gp(run, paired, tmp_path, both=True)
    write_book(tmp_path / "v.xlsx", [dict(p, Side="Primary care") if p["Email"] ==
                                     "c0@example.org" else p for p in people()],
               headers=[*HEADERS, "Side"])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Pair {pair_id} ({gp} and Consultant 0) has both half days done: Consultant 0's "
            "Side cell (Volunteers!Q6) now puts them on the Primary care side") in said


def test_the_warning_names_the_column_by_the_title_the_workbook_gives_it(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    # the workbook's column C is headed "Job title" (read as the profession): the warning
    # names the cell as the administrator sees it in Excel, not as "Profession cell"
    pair_id, gp = _consultant_0_becomes_a_gp(run, paired, tmp_path, both=True)
    from .conftest import HEADERS

    write_book(tmp_path / "v.xlsx", [
        {("Job title" if title == "Profession" else title): value for title, value in
         (dict(p, Profession="GP") if p["Email"] == "c0@example.org" else p).items()}
        for p in people()], headers=["Job title" if h == "Profession" else h for h in HEADERS])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert ("Consultant 0's Job title cell (Volunteers!C6) now puts them on the Primary care "
            "side") in said
    assert "Profession cell" not in said
    # the summary leaves the held pair out of the share of preferences met, and says so
    # after the share, not between "people" and the figure
    summary = next(line for line in said.split("; ") if "a preference met" in line)
    assert "(the pairs held as they stand left out)" in summary
    assert "people (the pairs held" not in summary
