"""The warning of a How paired cell filled down to "locked" names the value to type back for
each pair, from what the Settings sheet records wessex wrote there: it asked the
administrator to type back "'optimised' if the last 'wessex pair' made the pair, 'kept' if it
kept it", which nothing told them."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.pairs_workbook import HOW_SETTINGS
from wessex_cli.text import slug

from .conftest import Runner
from .test_keep_added_by_hand import nora_joins, type_a_pair_in
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _set(path: Path, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book["Pairs"][ref].value = value
    book.save(path)


def _unrecorded(path: Path) -> openpyxl.Workbook:
    """The pairs workbook ``path`` without the Settings rows recording what wessex wrote in
    How paired, as one written before them, to change further and save."""
    book = openpyxl.load_workbook(path)
    settings = book["Settings"]
    for row in reversed(range(1, settings.max_row + 1)):
        if settings.cell(row, 1).value in HOW_SETTINGS.values():
            settings.delete_rows(row)
    return book


def _nora_paired(run: Runner, paired: Path) -> int:
    """Dr Nora Quill joins and 'pair --keep' pairs her, keeping the thirty pairs: her pair's
    row (How paired 'optimised'; the others 'kept')."""
    nora_joins(paired.parent / "volunteers.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    rows = [row for row in range(2, sheet.max_row + 1)
            if "nora.quill@nhs.net" in (sheet.cell(row, header.index("A email") + 1).value,
                                        sheet.cell(row, header.index("B email") + 1).value)]
    assert len(rows) == 1 and sheet.cell(rows[0], 1).value == "P031"
    assert sheet.cell(19, header.index("How paired") + 1).value == "kept"  # P018
    return rows[0]


def test_the_locked_warning_says_which_value_to_type_back(run: Runner, paired: Path) -> None:
    """After 'pair --keep', P018 (row 19) was kept and P031, Nora's, was made: "locked"
    filled down over both, status names 'kept' for the first and 'optimised' for the other."""
    row = _nora_paired(run, paired)
    _set(paired, {"T19": "locked", f"T{row}": "locked"})
    said = _said(run, "status", "pairs.xlsx")
    assert "Pairs!T19 says 'locked' for pair P018" in said
    assert f"Pairs!T{row} says 'locked' for pair P031" in said
    assert "If they did not agree in advance, type back what the cell said: 'kept', as the " \
        "last 'wessex pair' kept the pair from the pairing before." in said
    assert "If they did not agree in advance, type back what the cell said: 'optimised', as " \
        "the last 'wessex pair' made the pair." in said
    assert "'optimised' if the last 'wessex pair' made the pair" not in said
    # typed back as said, nothing is warned of, and --keep keeps both as chosen
    _set(paired, {"T19": "kept", f"T{row}": "optimised"})
    assert "says 'locked'" not in _said(run, "status", "pairs.xlsx")


def test_a_fresh_pairing_says_optimised(run: Runner, paired: Path) -> None:
    """Straight after 'wessex pair', every pair it did not lock was made by it."""
    _set(paired, {"T19": "locked"})
    said = _said(run, "status", "pairs.xlsx")
    assert "Pairs!T19 says 'locked' for pair P018" in said
    assert "type back what the cell said: 'optimised', as the last 'wessex pair' made the " \
        "pair." in said


def test_a_workbook_older_than_the_record_is_asked_as_before(run: Runner,
                                                             paired: Path) -> None:
    """A pairs workbook written before the Settings sheet recorded the How paired values
    gets the question as it was, naming both values."""
    book = _unrecorded(paired)
    book["Pairs"]["T19"].value = "locked"
    book.save(paired)
    assert "type back what the cell said: 'optimised' if the last 'wessex pair' made the " \
        "pair, 'kept' if it kept it from the pairing before." in _said(run, "status",
                                                                          "pairs.xlsx")


def test_a_pair_found_typed_in_says_added_by_hand(run: Runner, paired: Path) -> None:
    """A pair typed in, marked 'added by hand' by 'pair --keep' and not yet introduced: the
    cell filled down to "locked" is to say 'added by hand' again ('kept' would leave it out
    of 'render --new')."""
    nora_joins(paired.parent / "volunteers.xlsx")
    row = type_a_pair_in(paired, 31, "P031", how="optimised")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert openpyxl.load_workbook(paired)["Pairs"][f"T{row}"].value == "added by hand"
    _set(paired, {f"T{row}": "locked"})
    assert "type back what the cell said: 'added by hand', as the last 'wessex pair' found " \
        "the pair typed in, not yet introduced." in _said(run, "status", "pairs.xlsx")


def test_text_typed_in_a_how_paired_list_is_named(run: Runner, paired: Path) -> None:
    """A note typed into the Settings row of the pairs made 'optimised' is no pair ID: it is
    named with its cell, as it is in the list of the pairs on the Pairs sheet, not dropped
    without a word; the IDs beside it are still read."""
    book = openpyxl.load_workbook(paired)
    settings = book["Settings"]
    row = next(r for r in range(1, settings.max_row + 1)
               if settings.cell(r, 1).value == HOW_SETTINGS["optimised"])
    settings.cell(row, 2).value = f"{settings.cell(row, 2).value}, checked by Sam"
    book["Pairs"]["T19"].value = "locked"
    book.save(paired)
    said = _said(run, "status", "pairs.xlsx")
    assert f"Settings!B{row}: 'checked by Sam' is not a pair ID, so it is not read in the " \
        "list of the pairs whose How paired cell wessex last wrote 'optimised', by which a " \
        "cell copied or filled down over it is typed back as it was. Keep your own text in " \
        "column C of that row: 'wessex pair --keep' writes this cell afresh." in said
    # P018 is still read in that list
    assert "type back what the cell said: 'optimised', as the last 'wessex pair' made the " \
        "pair." in said
    kept = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert f"Settings!B{row}: 'checked by Sam' is not a pair ID" in kept
    assert "writes this cell afresh. Without --dry-run, this run would write it afresh." in kept


def test_a_letter_is_worded_as_recorded_when_its_how_paired_was_typed_over(
        run: Runner, paired: Path) -> None:
    """A pair the last 'pair --keep' found typed in ('added by hand', chosen by the
    administrator) whose cell is typed over ('added?'): its introduction must not say that
    the pairing chose the two by their preferences. It is worded as the Settings sheet
    records the cell, and the warning says so."""
    nora_joins(paired.parent / "volunteers.xlsx")
    row = type_a_pair_in(paired, 31, "P031", how="optimised")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    _set(paired, {f"T{row}": "added?"})
    said = _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "-o",
                 "letters", "--format", "md")
    assert f"Pairs!T{row} (Dr Maryam Kowalczyk and Dr Nora Quill): the How paired cell of " \
        "pair P031 says 'added?'" in said
    assert "Until then, its letters are worded as for a pair 'added by hand', as the Settings " \
        "sheet records the cell." in said
    letter = " ".join((paired.parent / "letters" / "partner-introduction" /
                       "nora-quill.md").read_text(encoding="utf-8").split())
    assert "We have paired you with:" in letter
    assert "Taking into account everyone's preferences" not in letter


def test_a_letter_claims_no_choice_when_nothing_records_the_cell(run: Runner,
                                                                  paired: Path) -> None:
    """A workbook written before the Settings sheet recorded the How paired values, a cell
    typed over ('optmised'): how the pair was made is not known, so its letters do not say
    that the pairing chose the two by their preferences."""
    book = _unrecorded(paired)
    book["Pairs"]["T19"].value = "optmised"
    name = str(book["Pairs"]["B19"].value)  # P018's person A
    book.save(paired)
    said = _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "-o",
                 "letters", "--format", "md")
    assert "Pairs!T19 (" in said and "Type back what the cell said (a note of your own goes " \
        "in the Notes column): 'optimised' if the last " \
        "'wessex pair' made the pair, 'kept' if it kept it from the pairing before. Until " \
        "then, its letters do not say that the pairing chose the two by their preferences." \
        in said
    letter = " ".join((paired.parent / "letters" / "partner-introduction" /
                       f"{slug(name)}.md").read_text(encoding="utf-8").split())
    assert "We have paired you with:" in letter
    assert "Taking into account everyone's preferences" not in letter


def test_a_pair_typed_in_as_locked_is_not_asked_about_as_a_copy(run: Runner,
                                                                paired: Path) -> None:
    """A pair typed in by hand, its How paired cell 'locked' over another pair's Reasons:
    the administrator's own pair, which 'pair --keep' marks 'added by hand', is not asked
    about as a cell copied from an agreed pair's row; P018's cell copied down still is."""
    row = type_a_pair_in(paired, 19, "P031", how="locked")  # P018's row, Reasons and all
    _set(paired, {"T19": "locked"})
    said = _said(run, "status", "pairs.xlsx")
    assert "Pairs!T19 says 'locked' for pair P018" in said
    assert f"Pairs!T{row} says 'locked'" not in said


def test_a_blank_cell_of_a_pair_wessex_never_wrote_is_not_asked_back_as_locked(
        run: Runner, paired: Path) -> None:
    """P030's row deleted, so no pair is taken as typed in, and P031 typed in with its How
    paired cell blank: not one of the pairs the Settings sheet lists, it was not 'locked' by
    wessex, and the question names the values it may have held instead."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(31)  # P030
    book.save(paired)
    row = type_a_pair_in(paired, 19, "P031")
    _set(paired, {f"T{row}": None})
    said = _said(run, "status", "pairs.xlsx")
    assert f"Pairs!T{row} (Dr Maryam Kowalczyk and Dr Nora Quill): the How paired cell of " \
        "pair P031 is blank" in said
    assert "Type back what the cell said: 'optimised' if the last 'wessex pair' made the " \
        "pair, 'kept' if it kept it from the pairing before." in said
    assert "'locked', as the last 'wessex pair' paired the two as agreed in advance" \
        not in said


def test_an_agreed_pairs_reasons_typed_over_are_not_taken_for_a_copied_lock(
        run: Runner, paired: Path) -> None:
    """P017 (row 18) was paired as agreed in advance, and the Settings sheet records its
    How paired cell 'locked'; the administrator typed their own words over its Reasons.
    status asked whether the 'locked' cell had been copied, and to type back 'optimised' or
    'kept', which would have ended an agreement nobody had touched."""
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert (sheet["A18"].value, sheet["T18"].value) == ("P017", "locked")
    _set(paired, {"S18": "agreed by phone with both"})
    assert "Pairs!T18" not in _said(run, "status", "pairs.xlsx")
    assert "Pairs!T18" not in _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert str(sheet["S18"].value).startswith("locked as agreed")  # still agreed


def test_an_agreed_pairs_blanked_cell_is_said_to_word_its_letters_as_agreed(
        run: Runner, paired: Path) -> None:
    """P017's How paired cell (recorded 'locked') emptied and its Reasons typed over: its
    introduction still says 'As agreed in advance', as the record says, yet status said its
    letters 'do not say that the pairing chose the two', reading the record without the one
    value it leaves out."""
    _set(paired, {"T18": None, "S18": "agreed by phone with both"})
    said = _said(run, "status", "pairs.xlsx")
    assert "Type back what the cell said: 'locked', as the last 'wessex pair' paired the two " \
        "as agreed in advance. Until then, its letters are worded as for a pair 'locked', as " \
        "the Settings sheet records the cell." in said
