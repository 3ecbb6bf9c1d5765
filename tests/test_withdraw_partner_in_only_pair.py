"""'withdraw --partner' on someone's only pair writes 'the scheme' in its Withdrew from cell,
and says how to keep them in the scheme if only this pair was meant to end. With --in as well
('withdraw ... --partner ... --in VOLUNTEERS') that step was not given at all, though the
Status cell written 'withdrawn' keeps them out too. It is now given in the same words, with
that cell to empty first."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_introduction_repaired import _paired_with_one_over, _partners

STEP = ("If Mr Colm Reid 0 stays in the scheme (only this pair ends), before that run: {}if "
        "its row on the Withdrawn sheet says 'the scheme' in its Withdrew from cell "
        "(Withdrawn!D2), type 'this pair only' there, or the next pairing leaves Mr Colm Reid "
        "0 out.")


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def test_the_this_pair_only_step_is_given_with_in_too(run: Runner, tmp_path: Path) -> None:
    first, _ = _paired_with_one_over(run, tmp_path)
    shutil.copy(tmp_path / "pairs.xlsx", tmp_path / "other.xlsx")
    alone = _said(run, "withdraw", "other.xlsx", "Mr Colm Reid 0", "--partner", first)
    assert STEP.format("") in alone
    said = _said(run, "withdraw", "pairs.xlsx", "Mr Colm Reid 0", "--partner", first,
                 "--in", "v.xlsx")
    # Mr Colm Reid 0 is the fifth volunteer (row 5); Status is column P
    assert STEP.format("empty their Status cell (Volunteers!P5) in v.xlsx, and ") in said
    assert said.count("If Mr Colm Reid 0 stays in the scheme") == 1
    # the step followed, the next pairing finds him a partner
    volunteers = openpyxl.load_workbook(tmp_path / "v.xlsx")
    assert volunteers["Volunteers"]["P5"].value == "withdrawn"
    volunteers["Volunteers"]["P5"].value = None
    volunteers.save(tmp_path / "v.xlsx")
    pairs = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    assert pairs["Withdrawn"]["D2"].value == "the scheme"
    pairs["Withdrawn"]["D2"].value = "this pair only"
    pairs.save(tmp_path / "pairs.xlsx")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path).get("Mr Colm Reid 0")


def test_no_step_when_they_leave_every_pair(run: Runner, tmp_path: Path) -> None:
    """Without --partner, leaving the scheme was meant: nothing of the kind is said."""
    _paired_with_one_over(run, tmp_path)
    said = _said(run, "withdraw", "pairs.xlsx", "Mr Colm Reid 0", "--in", "v.xlsx")
    assert "stays in the scheme" not in said
