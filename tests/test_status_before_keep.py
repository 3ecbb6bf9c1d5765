"""What 'wessex status' tells the administrator before they run 'wessex pair --keep', of hand
edits to the pairs workbook that the re-pairing would act on without their knowing: a How
paired cell saying "locked" filled down over pairs that wessex chose, a person typed into
more pairs than they can take, and the Settings list of the pairs moved to the Withdrawn
sheet emptied."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, newest_backup
from .test_keep_added_by_hand import nora_joins, type_a_pair_in
from .test_record_fixes import paired
from .test_status_sheets_read import sheets_read

__all__ = ["paired", "sheets_read"]  # the fixtures, used by name


def _said(run: Runner, *args: str) -> str:
    """The output of ``wessex ARGS`` (warnings included) on one line."""
    return " ".join(run(*args).output.split())


def _set(path: Path, sheet: str, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref].value = value
    book.save(path)


def _cell(path: Path, sheet: str, ref: str) -> object:
    return openpyxl.load_workbook(path)[sheet][ref].value


# The example pairing: P017 (row 18) is locked as agreed, How paired T18 "locked", Reasons
# S18 "locked as agreed; ..."; P018 (row 19, Dr Priya Varga and Dr Leon Ince) and P019
# (row 20) were chosen by the pairing: "optimised".


def test_status_warns_of_locked_filled_down_over_pairs_wessex_chose(run: Runner,
                                                                   paired: Path) -> None:
    """T18's "locked" filled down over T19 and T20: status said nothing, and 'pair --keep'
    took both pairs as agreed in advance for good ("locked as agreed" put first in their
    Reasons), so their introductions said "As agreed in advance"."""
    assert _cell(paired, "Pairs", "T19") == "optimised"
    _set(paired, "Pairs", {"T19": "locked", "T20": "Locked "})
    said = _said(run, "status", "pairs.xlsx")
    assert "Warning: Pairs!T19 says 'locked' for pair P018 (Dr Priya Varga and Dr Leon " \
        "Ince), but its Reasons (Pairs!S19) do not begin 'locked as agreed', as an agreed " \
        "pair's do: was the cell copied or filled down from another row?" in said
    assert "While it says 'locked', their letters say the two agreed in advance, and 'wessex " \
        "pair --keep' would keep them so from then on. If they did not agree in advance, " \
        "type back what the cell said: 'optimised', as the last 'wessex pair' made the " \
        "pair." in said
    assert "Pairs!T20 says 'locked' for pair P019" in said
    # the pair agreed in advance, whose Reasons say so, is no copy
    assert "Pairs!T18" not in said



def test_what_the_locked_warning_says_holds(run: Runner, paired: Path) -> None:
    """The letters of a pair whose How paired was filled down to "locked" do say the two
    agreed in advance; typed back as the warning says, 'pair --keep' keeps it as chosen."""
    _set(paired, "Pairs", {"T19": "locked"})
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "intro", "--format",
        "txt", "--allow-placeholders")
    letter = paired.parent / "intro" / "partner-introduction" / "priya-varga.txt"
    assert "agreed in advance" in " ".join(letter.read_text(encoding="utf-8").split())
    _set(paired, "Pairs", {"T19": "optimised"})
    assert "says 'locked'" not in _said(run, "status", "pairs.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    reasons = str(_cell(paired, "Pairs", "S19"))
    assert reasons.startswith("no preference between them")


def _typed_in_with_jude(paired: Path) -> int:
    """P030's row (row 31: Wilf Umeh and Prof Jude Greaves) copied below the last as P031,
    Wilf Umeh typed over with Dr Maryam Kowalczyk and Prof Jude Greaves left in it; its row."""
    row = type_a_pair_in(paired, 31, "P031")  # Dr Maryam Kowalczyk and Dr Nora Quill
    _set(paired, "Pairs", {f"J{row}": _cell(paired, "Pairs", "J31"),
                           f"K{row}": _cell(paired, "Pairs", "K31")})
    return row


def test_status_warns_of_someone_typed_into_more_pairs_than_they_can_take(
        run: Runner, paired: Path) -> None:
    """P030's row (Wilf Umeh and Prof Jude Greaves, row 31) copied to type in a pair for Dr
    Maryam Kowalczyk, whom the pairing left unpaired, with Prof Jude Greaves left in it: he
    takes one partner (Max partners blank), and status said nothing until 'pair --keep'."""
    assert _typed_in_with_jude(paired) == 32
    said = _said(run, "status", "pairs.xlsx")
    assert "Warning: Prof Jude Greaves is in 2 pairs on the Pairs sheet, with Wilf Umeh " \
        "(P030, row 31) and with Dr Maryam Kowalczyk (P031, row 32), but volunteers.xlsx, " \
        "the volunteer workbook they were paired from, lets them take 1 partner. To keep " \
        "both, make their Max partners cell (Volunteers!O46) 2; if not, run 'wessex " \
        "withdraw pairs.xlsx \"Prof Jude Greaves\" --partner NAME' for the pair to end. Until " \
        "then 'wessex pair --keep' keeps both pairs as they stand, and says so." in said
    # Dr Leon Ince is in two pairs (P018, P022) and takes two partners: nothing to say
    assert "Leon Ince is in" not in said
    # what 'pair --keep' says of it
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "Warning: Prof Jude Greaves is kept in 2 pairs, with Wilf Umeh (P030) and Dr " \
        "Maryam Kowalczyk (P031), but volunteers.xlsx lets them take 1 partner. To " \
        "keep both, make their Max partners cell (Volunteers!O46) 2; if not, run 'wessex " \
        "withdraw pairs.xlsx \"Prof Jude Greaves\" --partner NAME' for the pair to end, " \
        "then pair again with --keep." in said
    assert "31 pairs" in said  # both kept


def test_no_capacity_warning_without_the_volunteer_workbook(run: Runner,
                                                            paired: Path) -> None:
    """The volunteer workbook the Settings sheet names is not beside the pairs workbook:
    nothing tells how many partners anyone takes, so nothing is said, and status works."""
    _typed_in_with_jude(paired)
    (paired.parent / "volunteers.xlsx").rename(paired.parent / "elsewhere.xlsx")
    assert "is in 2 pairs" not in _said(run, "status", "pairs.xlsx")


def test_the_volunteer_workbook_is_read_only_for_someone_in_two_pairs(
        run: Runner, paired: Path, sheets_read: list[str]) -> None:
    """Everyone takes one partner at least: with nobody in two pairs, status reads no
    volunteer workbook."""
    run("withdraw", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga")  # one pair left
    sheets_read.clear()
    run("status", "pairs.xlsx")
    assert "Volunteers" not in sheets_read and "Pairs" in sheets_read


MOVED = "Pairs moved to the Withdrawn sheet"


def _moved_cell(paired: Path) -> str:
    """The Settings cell that lists the pairs wessex moved to the Withdrawn sheet."""
    sheet = openpyxl.load_workbook(paired)["Settings"]
    return next(f"B{row[0].row}" for row in sheet.iter_rows(max_col=2) if row[0].value == MOVED)


def _withdrawn_row_deleted(run: Runner, paired: Path) -> None:
    """Wilf Umeh leaves the scheme: P030, the highest ID, moves to the Withdrawn sheet and
    into the Settings list of the pairs moved there; then its Withdrawn row is deleted."""
    run("withdraw", "pairs.xlsx", "Wilf Umeh", "--in", "volunteers.xlsx")
    book = openpyxl.load_workbook(paired)
    assert book["Withdrawn"]["E2"].value == "P030"
    book["Withdrawn"].delete_rows(2)
    book.save(paired)
    assert _cell(paired, "Settings", _moved_cell(paired)) == "P030"


def test_status_warns_of_the_list_of_pairs_moved_to_withdrawn_emptied(run: Runner,
                                                                     paired: Path) -> None:
    """That list emptied by hand, status said nothing, and 'pair --keep' gave P030 (in the
    letters to Wilf Umeh and Prof Jude Greaves) to the new pair of Dr Maryam Kowalczyk and
    Dr Nora Quill."""
    _withdrawn_row_deleted(run, paired)
    cell = _moved_cell(paired)
    _set(paired, "Settings", {cell: None})
    said = _said(run, "status", "pairs.xlsx")
    assert f"Warning: Settings!{cell}, the list of the pairs wessex moved to the Withdrawn " \
        "sheet, has been emptied. Without it, 'wessex pair --keep' may give a new pair an ID " \
        "that letters already sent use, and takes a pair copied back from the Withdrawn " \
        "sheet for a new one, to be introduced again. Type back in that cell the IDs it " \
        "held, separated by commas: those of any pair whose row you deleted from that sheet " \
        "or copied back to the Pairs sheet (the letters sent name them)." in said
    # typed back as it says, the ID is never given again
    _set(paired, "Settings", {cell: "P030"})
    assert "has been emptied" not in _said(run, "status", "pairs.xlsx")
    nora_joins(paired.parent / "volunteers.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _cell(paired, "Pairs", "A31") == "P031"
    assert _cell(paired, "Pairs", "B31") == "Dr Maryam Kowalczyk"


def test_the_emptied_list_warning_names_the_pairs_still_on_the_withdrawn_sheet(
        run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Amelia Ashworth")  # P001
    run("withdraw", "pairs.xlsx", "Wilf Umeh")  # P030
    cell = _moved_cell(paired)
    assert _cell(paired, "Settings", cell) == "P001, P030"
    _set(paired, "Settings", {cell: "(none)"})
    said = _said(run, "status", "pairs.xlsx")
    assert f"Settings!{cell}, the list of the pairs wessex moved to the Withdrawn sheet, has " \
        "been emptied." in said
    assert "Type back in that cell the IDs it held, separated by commas: those in the " \
        "Withdrawn sheet's Pair column (P001, P030) and those of any pair whose row you " \
        "deleted from that sheet or copied back to the Pairs sheet (the letters sent name " \
        "them)." in said
    # P004 is on the Pairs sheet, a pair never moved: no example offers it to type in
    assert "'P004" not in said


def test_pair_keep_says_it_went_on_without_the_emptied_list_and_the_way_back(
        run: Runner, paired: Path) -> None:
    """Run without 'status' first, 'pair --keep' gave P030 again without a word, and wrote
    the Settings sheet afresh without the emptied row, the last trace of what it held."""
    _withdrawn_row_deleted(run, paired)
    cell = _moved_cell(paired)
    _set(paired, "Settings", {cell: None})
    nora_joins(paired.parent / "volunteers.xlsx")
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert f"Warning: Settings!{cell}, the list of the pairs wessex moved to the Withdrawn " \
        "sheet, has been emptied." in said
    assert "(the letters sent name them). Do so before running without --dry-run." in said
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "(the letters sent name them). This run went on without them: if the list held " \
        f"any, copy {newest_backup(paired)} back over pairs.xlsx, type them back in it " \
        "there, and run 'wessex pair --keep' again." in said
    assert _cell(paired, "Pairs", "A31") == "P030"  # given again, as the warning says
    # the way back it gives
    backup = sorted((paired.parent / "backups").glob("pairs-*.xlsx"))[-1]
    paired.write_bytes(backup.read_bytes())
    _set(paired, "Settings", {cell: "P030"})
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert (_cell(paired, "Pairs", "A31"), _cell(paired, "Pairs", "B31")) == \
        ("P031", "Dr Maryam Kowalczyk")
