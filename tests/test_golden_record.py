"""The gallery (tests/golden.py) names its files as 'wessex render' does: a letter about one
pair to someone paired before with another partner, whose pair is on the Withdrawn sheet now,
is named for the partner. The gallery gave no Withdrawn sheet's pairs to ``recipients``, so it
named such a letter for the person alone, unlike the real render beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from . import golden
from .conftest import EXAMPLES, Runner


def _paired_before(folder: Path) -> None:
    """The example scheme copied into ``folder``, Dr Noor Kerrigan withdrawn from P002, and
    that pair's Withdrawn row made Dr Amelia Ashworth's (P001's first person): she has had
    two partners, Dr Kerrigan before and Prof Chidi Zielinski now."""
    for name in ("scheme.toml", "volunteers.xlsx", "pairs.xlsx"):
        shutil.copy(EXAMPLES / name, folder / name)
    runner = Runner(folder)
    runner("withdraw", "pairs.xlsx", "Noor Kerrigan", "--reason", "moved away")
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    pairs, withdrawn = book["Pairs"], book["Withdrawn"]
    theirs = [cell.value for cell in pairs[1]]
    titles = [cell.value for cell in withdrawn[1]]
    assert pairs.cell(2, theirs.index("A name") + 1).value == "Dr Amelia Ashworth"
    for title in ("A name", "A email"):
        withdrawn.cell(2, titles.index(title) + 1).value = \
            pairs.cell(2, theirs.index(title) + 1).value
    book.save(folder / "pairs.xlsx")


def test_the_gallery_names_a_letter_for_the_partner_as_render_does(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scheme = tmp_path / "scheme"
    scheme.mkdir()
    _paired_before(scheme)
    run("render", "partner-introduction", "--pairs", "scheme/pairs.xlsx", "--scheme",
        "scheme/scheme.toml", "-o", "cli", "--format", "md")
    by_cli = {p.name for p in (tmp_path / "cli" / "partner-introduction").iterdir()}
    monkeypatch.setattr(golden, "EXAMPLES", scheme)
    golden.render_gallery(tmp_path / "gallery", tmp_path)
    shown = {p.name for p in (tmp_path / "gallery" / "partner-introduction").glob("*.md")}
    assert shown == {"amelia-ashworth-with-chidi-zielinski.md", "chidi-zielinski.md"}
    assert shown <= by_cli
