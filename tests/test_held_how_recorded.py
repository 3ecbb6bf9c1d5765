"""A pair held as it stands by 'pair --keep --skip-errors' (one of its people has an error in
their row) keeps its How paired cell as it was, but the Settings rows recording what wessex
wrote in each How paired cell left it out. Listed among the pairs wessex wrote yet under no
value, it read as 'locked': a blank How paired cell on it was asked back as 'locked' by
status and 'render --new', which would have made a pair chosen by the pairing one agreed in
advance. It is recorded under the value its cell holds, as wessex wrote it; one the pairing
before made is carried over as every kept pair is, its How paired cell now 'kept' (and so
recorded), or 'render --new' introduced its people to each other a second time."""

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


def test_a_held_pair_made_by_the_pairing_before_is_carried_over_as_kept(
        run: Runner, paired: Path) -> None:
    volunteers = paired.parent / "volunteers.xlsx"
    isla_host_days(volunteers, "Tuesday lunchtime")  # not days: an error in her row
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert "Pair P011 is kept as it stands" in said
    # carried over from the pairing before, as every other pair: 'kept', and recorded so
    assert _recorded(paired) == {"optimised": "(none)", "kept": "P001-P030"}
    cell = _empty_p011_how_paired(paired)
    status = _said(run, "status", "pairs.xlsx")
    assert f"Pairs!{cell} (Dr Isla Okonkwo and Dr Marta Juniper): the How paired cell of " \
        "pair P011 is blank" in status
    assert "Type back what the cell said: 'kept', as the last 'wessex pair' kept the pair " \
        "from the pairing before." in status
    assert "'locked', as" not in status
    render = _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                   "-o", "letters", "--format", "md")
    assert "Type back what the cell said: 'kept', as the last 'wessex pair' kept the pair " \
        "from the pairing before; then run this command again." in render
    assert "'locked', as" not in render


def test_render_new_after_a_re_pairing_with_held_pairs_introduces_only_the_new_pair(
        run: Runner, paired: Path) -> None:
    """The introductions went out after the first pairing. Dr Elif Strand withdraws, and the
    re-pairing that finds Anwen Zubair a partner holds two pairs for errors in their rows:
    P011 (made by the pairing) and P017 (agreed in advance). 'render --new' wrote to both
    again, as if new."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    volunteers = paired.parent / "volunteers.xlsx"
    isla_host_days(volunteers, "Tuesday lunchtime")
    book = openpyxl.load_workbook(volunteers)
    assert book["Volunteers"]["A5"].value == "Dr Oliver Pemberton"  # in P017, locked
    book["Volunteers"]["I5"].value = "Tuesday lunchtime"
    book.save(volunteers)
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert "Pair P011 is kept as it stands" in said
    assert "Pair P017 is kept as it stands" in said
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "letters",
        "--format", "md")
    written = {p.name for p in (paired.parent / "letters" / "partner-introduction").iterdir()}
    # the new pair alone: Anwen Zubair with Dr Maryam Kowalczyk, the one left unpaired
    assert written == {"anwen-zubair-with-maryam-kowalczyk.md", "maryam-kowalczyk.md"}
    # the pair agreed in advance is still so in every letter
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "all", "--format",
        "md")
    letter = (paired.parent / "all" / "partner-introduction" / "oliver-pemberton.md")
    assert "agreed in advance" in letter.read_text(encoding="utf-8")


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
    # its cell said 'optimised': carried over, it says 'kept' now
    assert _recorded(paired) == {"optimised": "(none)", "kept": "P001-P030"}


def _isla_status(volunteers: Path, text: str | None) -> None:
    """Dr Isla Okonkwo's Status cell (row 6 of the examples' Volunteers sheet) set to
    ``text``."""
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    header = [cell.value for cell in sheet[3]]
    assert sheet["A6"].value == "Dr Isla Okonkwo"
    sheet.cell(6, header.index("Status") + 1).value = text
    book.save(volunteers)


def test_a_held_pair_back_from_the_withdrawn_sheet_is_recorded_as_its_cell_says(
        run: Runner, paired: Path) -> None:
    """P011 was moved to the Withdrawn sheet by 'pair --keep' (Status 'withdrawn'), so that
    run recorded no How paired value for it; the withdrawal undone by hand (Status emptied,
    the row copied back), and the pair then held for an error in Isla's row, it was
    recorded under none, which reads as 'locked': status then called its 'optimised' cell
    typed over an agreed pair, and asked for 'locked' to be typed back."""
    from .test_withdrawal_undone import _copy_back

    volunteers = paired.parent / "volunteers.xlsx"
    _isla_status(volunteers, "withdrawn")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # P011 moved to the Withdrawn sheet
    _isla_status(volunteers, None)
    row = _copy_back(paired)
    isla_host_days(volunteers, "Tuesday lunchtime")
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert "Pair P011 is kept as it stands" in said
    # its cell, copied back, said 'optimised' as the first pairing wrote it: carried over
    # as a held pair is, it says 'kept' now, and is recorded so
    assert _recorded(paired) == {"optimised": "(none)", "kept": "P001-P030"}
    status = _said(run, "status", "pairs.xlsx")
    assert f"Pairs!T{row}" not in status
    assert "'locked', as" not in status

def test_a_held_pair_typed_in_by_hand_is_recorded_under_no_value_wessex_wrote(
        run: Runner, paired: Path) -> None:
    """P031, typed in by hand (its How paired cell 'kept', copied with the row), held for an
    error in Dr Maryam Kowalczyk's row: wessex never wrote its cell, so the Settings sheet
    does not record it among the pairs the last pairing kept."""
    from .test_keep_added_by_hand import nora_joins, type_a_pair_in

    volunteers = paired.parent / "volunteers.xlsx"
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    nora_joins(volunteers)
    type_a_pair_in(paired, 31, "P031", "kept")
    book = openpyxl.load_workbook(volunteers)
    assert book["Volunteers"]["A26"].value == "Dr Maryam Kowalczyk"
    book["Volunteers"]["I26"].value = "Friday lunchtime"  # her host days: an error
    book.save(volunteers)
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors")
    assert "Pair P031 is kept as it stands" in said
    assert _recorded(paired) == {"optimised": "(none)", "kept": "P001-P030"}
