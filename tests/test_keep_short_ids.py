"""A pair ID typed without the zeros wessex writes ('P7' for P007), or with a small p
('p007'), is that pair's ID: the same number. It counted as an ID typed over, so P007 was
warned of as missing at every reading, and 'pair --keep' listed the pair as P007 (the list
writes numbers so) and warned again next time; the cell is now read as P007, and 'pair
--keep' writes it so (a Pair column sorted as text put 'P7' after 'P030'), saying which
cell it changed."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name
# P007 is Dr Freya Delacroix and Dr Ravi Ollerton, in row 8


def _type(path: Path, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book["Pairs"][ref] = value
    book.save(path)


@pytest.mark.parametrize("typed", ["P7", "p007", "p7"])
def test_p7_is_read_as_p007_and_pair_keep_writes_it_so(run: Runner, paired: Path,
                                                        typed: str) -> None:
    # 'p007' and 'p7' (a small p) were IDs of the administrator's own, P007 missing
    assert openpyxl.load_workbook(paired)["Pairs"]["A8"].value == "P007"
    _type(paired, {"A8": typed, "U8": "12/5/2027", "V8": "yes"})
    status = run("status", "pairs.xlsx", "--json")
    assert "P007" not in status.stderr  # nothing missing, nothing typed over
    pairs = {p["id"]: p for p in json.loads(status.stdout)["pairs"]}
    assert len(pairs) == 30 and typed not in pairs
    assert pairs["P007"]["visits"][0]["done"] is True
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Warning" not in said
    assert ("A Pair cell typed otherwise than wessex writes it now holds the ID as wessex "
            f"writes it, as the letters sent name it (the same pair): Pairs!A8 (was '{typed}').") \
        in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert (sheet["A8"].value, sheet["B8"].value, sheet["V8"].value) == \
        ("P007", "Dr Freya Delacroix", "yes")
    assert sheet.max_row == 31  # no pair moved away, none added
    assert run("status", "pairs.xlsx").stderr == ""


def test_the_settings_list_reads_p7_as_p007() -> None:
    from wessex_cli.pairs_workbook import PAIRS_SETTING, written_pairs

    assert written_pairs([[PAIRS_SETTING, "P001-P006, P7, P0008"]]) == (
        {"P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008"}, [])


def test_two_short_ids_are_named_in_the_order_of_the_sheet(run: Runner, paired: Path) -> None:
    _type(paired, {"A8": "P7", "A9": "P08"})
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert ("Pair cells typed otherwise than wessex writes them now hold the ID as wessex "
            "writes it, as the letters sent name it (the same pair): Pairs!A8 (was 'P7'), "
            "A9 (was 'P08').") in said
