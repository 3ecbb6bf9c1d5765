"""A first 'pair --skip-errors' put the people it left out for an error in their row on the
Unpaired sheet, but the terminal's count of the unpaired, its Unpaired table, the Summary
sheet's 'People unpaired' and --json left them out: the figures disagreed with the sheet.
They are counted and listed as unpaired everywhere now."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from .conftest import Runner, person, small_roster, write_book

BAD = person("Ben Gale", "not-an-address", "GP", Organisation="Oak Surgery")


def _sheet(path: Path, title: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[title].iter_rows(min_row=2, values_only=True))


def test_the_people_left_out_are_counted_as_unpaired(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [*small_roster(), BAD])  # 2 pairs, Ben's row in error
    said = " ".join(run("pair", "v.xlsx", "--skip-errors").output.split())
    assert [row[0] for row in _sheet(tmp_path / "pairs.xlsx", "Unpaired")] == ["Ben Gale"]
    summary = dict(row[:2] for row in _sheet(tmp_path / "pairs.xlsx", "Summary"))
    assert summary["People unpaired"] == 1
    assert summary["Active volunteers"] == 5  # 4 paired and Ben: no more placed than there are
    assert "2 pairs, 4 people paired, 1 unpaired;" in said
    unpaired_table = said.split("Unpaired")[1].split("2 pairs,")[0]
    assert "Ben Gale" in unpaired_table and "row 6" in unpaired_table
    data = json.loads(run("pair", "v.xlsx", "--skip-errors", "--json", "-o",
                          "again.xlsx").stdout)
    assert data["summary"]["unpaired"] == 1
    assert data["summary"]["active"] == 5
    assert [u["name"] for u in data["unpaired"]] == ["Ben Gale"]
    assert [u["name"] for u in data["left_out"]] == ["Ben Gale"]
