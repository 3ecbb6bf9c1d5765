"""Issue 14: withdraw's core says who is still paired after a withdrawal and, with the
volunteer workbook read, who has a place left; the command only words it. Tested here at the
core, on the example pairs workbook: Dr Leon Ince is in P018 with Dr Priya Varga and in P022
with Dr Zainab Abernethy."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from wessex_cli.record import StillPaired, withdraw

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WHEN = dt.date(2027, 6, 1)


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    return tmp_path / "pairs.xlsx"


def test_a_partner_with_another_pair_is_still_paired_with_key_and_partners(pairs: Path) -> None:
    done = withdraw(pairs, "Priya Varga", "illness", WHEN)
    assert done.partners == ["Dr Leon Ince"]
    assert done.still_paired == {
        "Dr Leon Ince": StillPaired("leon.ince@nhs.net", ("Dr Zainab Abernethy",))}


def test_partners_left_without_a_pair_are_not_still_paired(pairs: Path) -> None:
    done = withdraw(pairs, "Leon Ince", "", WHEN)
    assert sorted(done.partners) == ["Dr Priya Varga", "Dr Zainab Abernethy"]
    assert done.still_paired == {}
