"""status warns of what it cannot read in a pair's row on the Withdrawn sheet, as the
report does: a half day typed there before the pair ended ('wessex withdraw' says to type
it there) in words wessex cannot read counts as not done, and only the report said so."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_status_names_the_withdrawn_sheets_unreadable_cells_with_json_too(
        run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Callum Whitlow", "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    sheet = book["Withdrawn"]
    header = [cell.value for cell in sheet[1]]
    date = sheet.cell(2, header.index("A hosts B: date") + 1)
    done = sheet.cell(2, header.index("A hosts B: done") + 1)
    date.value, done.value = "sometime in May", "maybe"
    book.save(paired)
    unreadable_date = (f"Withdrawn!{date.coordinate}: 'sometime in May' is not a date that "
                       "wessex can read; write it like 4/5/2027 or 2027-05-04.")
    not_yes = f"Withdrawn!{done.coordinate}: 'maybe' is not yes or no; the visit is counted " \
        "as not done."
    for args in ((), ("--json",)):
        result = run("status", "pairs.xlsx", *args)
        said = " ".join(result.stderr.split())
        assert f"Warning: {unreadable_date}" in said and f"Warning: {not_yes}" in said
    data = json.loads(result.stdout)  # the warnings on stderr only: the JSON still reads
    assert len(data["pairs"]) == 29
