"""``pair --keep`` leaves a total or a heading of the administrator's on the Pairs sheet
where it is: a row with no e-mail address on either side is not a pair."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, write_book
from .test_record import columns, paired, people

__all__ = ["paired"]  # the fixture, used by name


def test_keep_leaves_a_total_and_a_heading_of_the_administrators_where_they_are(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A total typed under the pairs ("Total" in the Pair column, a SUM beside it) and a
    heading row were moved to the Withdrawn sheet as pairs 'no longer in the volunteer
    workbook', the formula lost, while the output (and --dry-run) said nothing of them."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    score = openpyxl.utils.get_column_letter(columns(sheet)["Score"])
    sheet["A7"] = "Total"
    sheet[f"{score}7"] = f"=SUM({score}2:{score}5)"
    sheet["A9"] = "North cluster"
    book.save(paired)
    volunteers = [dict(p, Status="inactive") if p["Email"] == "c1@example.org" else p
                  for p in people()]
    write_book(tmp_path / "v.xlsx", volunteers)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "3 pairs kept with their visits and notes, 0 new, 1 moved to the Withdrawn sheet" in said
    after = openpyxl.load_workbook(paired)
    sheet = after["Pairs"]
    # the pair of c1 moved up from rows 2-5: the total and the heading move up one with it
    assert sheet["A6"].value == "Total"
    assert sheet[f"{score}6"].value == f"=SUM({score}2:{score}4)"
    assert sheet["A8"].value == "North cluster"
    withdrawn = after["Withdrawn"]
    assert [withdrawn.cell(r, columns(withdrawn)["Withdrawn person"]).value
            for r in range(2, withdrawn.max_row + 1)] == ["Consultant 1"]
