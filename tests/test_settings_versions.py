"""A version typed beside the Settings list of the pairs wessex last wrote ('v2', 'Rev3',
'draft2', as one marks a workbook edited) was read as a pair ID of the administrator's own
that no row holds: status warned that pair v2 was deleted, and 'pair --keep' refused to
pair again without --force. It is text typed in the list, unless a pair holds an ID with
its letters ('V1'), the administrator numbering pairs so."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_a_version_beside_the_list_is_no_pair_id() -> None:
    from wessex_cli.pairs_workbook import PAIRS_SETTING, written_pairs

    found, said = written_pairs([[PAIRS_SETTING, "P001-P003, v2, Rev3, draft2, X3"]])
    assert found == {"P001", "P002", "P003", "X3"}  # 'X3' is still read as an own ID
    assert said[0].startswith("Settings!B1: 'v2', 'Rev3', 'draft2' are not pair IDs")


def test_a_version_with_a_point_is_no_pair_id_either() -> None:
    """'v2.1', 'Rev1.0.3', 'draft_2.4': a version numbered with a point is as much a note as
    'v2' (it was read as an own ID, held by no row, and so a pair deleted)."""
    from wessex_cli.pairs_workbook import PAIRS_SETTING, written_pairs

    found, said = written_pairs([[PAIRS_SETTING, "P001-P003, v2.1, Rev1.0.3, draft_2.4"]])
    assert found == {"P001", "P002", "P003"}
    assert said[0].startswith("Settings!B1: 'v2.1', 'Rev1.0.3', 'draft_2.4' are not pair IDs")


def test_a_version_is_an_id_where_pairs_are_numbered_with_its_letters() -> None:
    from wessex_cli.pairs_workbook import PAIRS_SETTING, written_pairs

    found, said = written_pairs([[PAIRS_SETTING, "V1, V2, rev3"]], known={"V1"})
    assert found == {"V1", "V2"}
    assert said[0].startswith("Settings!B1: 'rev3' is not a pair ID")


def _type_in_the_list(paired: Path, text: str) -> str:
    """``text`` typed after the IDs of the Settings list; its cell."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Settings"]
    row = next(r for r in range(1, sheet.max_row + 1)
               if sheet.cell(r, 1).value == "Pairs when wessex last wrote this workbook")
    assert sheet.cell(row, 2).value == "P001-P030"
    sheet.cell(row, 2).value = f"P001-P030, {text}"
    book.save(paired)
    return f"Settings!B{row}"


def test_status_and_pair_keep_take_v2_for_a_note(run: Runner, paired: Path) -> None:
    cell = _type_in_the_list(paired, "v2")
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert "pair v2" not in status and "pair V2" not in status
    assert f"{cell}: 'v2' is not a pair ID" in status
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Updated pairs.xlsx: 30 pairs kept" in said
