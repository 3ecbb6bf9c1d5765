"""A pair whose row has its consultant in the A columns (typed in by hand so, or its two
having swapped sides since) and a visit recorded ('A hosts B: done': the consultant hosted).
'pair --keep' wrote the GP into the A columns and the consultant into B, and left the visit
cells as they were, so the record then said that the GP had hosted: the certificate would
have named the wrong host, and the run said only that the name cells were 'copied again
from the volunteer workbook'. A kept pair now keeps its row's order."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _cells(path: Path, *titles: str) -> list[object]:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet["A2"].value == "P001"
    return [sheet.cell(2, header.index(title) + 1).value for title in titles]


def test_a_kept_pair_keeps_its_rows_order_and_its_visits_their_meaning(
        run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    # P001: Dr Amelia Ashworth (GP) in A, Prof Chidi Zielinski (consultant) in B; swapped
    people = [title[2:] for title in header if title and title.startswith("A ")
              and title[2:] in ("name", "email", "phone", "profession", "side",
                                "organisation", "specialty", "adjustments")]
    for field in people:
        a, b = header.index(f"A {field}") + 1, header.index(f"B {field}") + 1
        swapped = sheet.cell(2, b).value, sheet.cell(2, a).value
        sheet.cell(2, a).value, sheet.cell(2, b).value = swapped
    sheet.cell(2, header.index("A hosts B: date") + 1).value = "4/5/2027"
    sheet.cell(2, header.index("A hosts B: done") + 1).value = "yes"  # the consultant hosted
    book.save(paired)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert _cells(paired, "A name", "B name", "A hosts B: done", "B hosts A: done") == [
        "Prof Chidi Zielinski", "Dr Amelia Ashworth", "yes", None]
    assert "Pairs!B2 (A name)" not in said  # nothing was written over the names
    # the half day done is the consultant's hosting, as typed
    pair = json.loads(run("status", "pairs.xlsx", "--json").stdout)["pairs"][0]
    assert pair["id"] == "P001"
    done = [(v["host"], v["visitor"]) for v in pair["visits"] if v["done"]]
    assert done == [("chidi.zielinski@nhs.net", "amelia.ashworth@nhs.net")]
