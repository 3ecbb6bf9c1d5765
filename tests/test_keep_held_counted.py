"""'pair --keep --skip-errors' holding a pair as it stands (one of its people has an error in
their row) counted that person among the people paired but not among the active volunteers:
the Summary sheet and --json said 59 active volunteers, 59 people paired and 1 unpaired, more
people placed than there were. Someone whose pair is held is still an active volunteer."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_keep_held_listed import isla_host_days
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_a_person_whose_pair_is_held_is_counted_as_active(run: Runner, paired: Path) -> None:
    # the example: 61 volunteers, one withdrawn; 30 pairs, 59 people paired, 1 unpaired
    isla_host_days(paired.parent / "volunteers.xlsx", "Tuesday lunchtime")  # P011 held
    result = run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors", "--json")
    data = json.loads(result.stdout)
    assert [held["id"] for held in data["held"]] == ["P011"]
    assert data["summary"]["active"] == 60
    assert data["summary"]["paired"] == 59
    assert data["summary"]["unpaired"] == 1
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(paired)["Summary"]
               .iter_rows(values_only=True)}
    assert summary["Active volunteers"] == 60
    assert summary["People paired"] == 59
