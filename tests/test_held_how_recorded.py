"""A pair held as it stands by 'pair --keep --skip-errors' (one of its people has an error in
their row) keeps its How paired cell as it was, but the Settings rows recording what wessex
wrote in each How paired cell left it out. Listed among the pairs wessex wrote yet under no
value, it read as 'locked': a blank How paired cell on it was asked back as 'locked' by
status and 'render --new', which would have made a pair chosen by the pairing one agreed in
advance. It is recorded under the value its cell holds, as wessex wrote it."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.pairs_workbook import HOW_SETTINGS

from .conftest import Runner
from .test_keep_held_listed import isla_host_days
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _recorded(path: Path) -> dict[str, str]:
    """How paired value -> the Settings cell listing the pairs recorded under it."""
    rows = openpyxl.load_workbook(path)["Settings"].iter_rows(values_only=True)
    titles = {title: how for how, title in HOW_SETTINGS.items()}
    return {titles[row[0]]: str(row[1]) for row in rows if row[0] in titles}


def _empty_p011_how_paired(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet["A12"].value == "P011"
    cell = sheet.cell(12, header.index("How paired") + 1)
    cell.value = None
    book.save(path)
    return str(cell.coordinate)


def test_a_held_pair_made_by_the_pairing_before_is_asked_back_as_optimised(
        run: Runner, paired: Path) -> None:
    volunteers = paired.parent / "volunteers.xlsx"
    isla_host_days(volunteers, "Tuesday lunchtime")  # not days: an error in her row
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert "Pair P011 is kept as it stands" in said
    # its cell still says 'optimised' (never introduced by this run), and is recorded so
    assert _recorded(paired) == {"optimised": "P011", "kept": "P001-P010, P012-P030"}
    cell = _empty_p011_how_paired(paired)
    status = _said(run, "status", "pairs.xlsx")
    assert f"Pairs!{cell} (Dr Isla Okonkwo and Dr Marta Juniper): the How paired cell of " \
        "pair P011 is blank" in status
    assert "Type back what the cell said: 'optimised', as the last 'wessex pair' made the " \
        "pair." in status
    assert "'locked', as" not in status
    render = _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                   "-o", "letters", "--format", "md")
    assert "Type back what the cell said: 'optimised', as the last 'wessex pair' made the " \
        "pair; then run this command again." in render
    assert "'locked', as" not in render


def test_a_held_kept_pair_is_asked_back_as_kept(run: Runner, paired: Path) -> None:
    volunteers = paired.parent / "volunteers.xlsx"
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    isla_host_days(volunteers, "Tuesday lunchtime")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert _recorded(paired) == {"optimised": "(none)", "kept": "P001-P030"}
    _empty_p011_how_paired(paired)
    status = _said(run, "status", "pairs.xlsx")
    assert "Type back what the cell said: 'kept', as the last 'wessex pair' kept the pair " \
        "from the pairing before." in status
    assert "'locked', as" not in status


def test_a_held_pair_of_a_workbook_older_than_the_record_is_recorded_as_its_cell_says(
        run: Runner, paired: Path) -> None:
    """A workbook written before the How paired record: the held pair's cell, left as it is,
    is all there is to go by, and it holds a value wessex writes."""
    book = openpyxl.load_workbook(paired)
    settings = book["Settings"]
    for row in reversed(range(1, settings.max_row + 1)):
        if settings.cell(row, 1).value in HOW_SETTINGS.values():
            settings.delete_rows(row)
    book.save(paired)
    isla_host_days(paired.parent / "volunteers.xlsx", "Tuesday lunchtime")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert _recorded(paired) == {"optimised": "P011", "kept": "P001-P010, P012-P030"}
