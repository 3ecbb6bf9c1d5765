"""'render --new' and a How paired cell found blank, or holding text wessex never writes (a
typo, a note): wessex writes "kept", "optimised", "locked" or "added by hand" there, never
nothing nor anything else, so such a cell was emptied or typed over by hand, and what it said
is lost. As for a pair typed in by hand, --new leaves the pair out and names the cell, rather
than take it for new: a kept pair's people would be introduced a second time. Case and spaces
aside, the four values are understood as ever."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, person, small_paired, small_roster, write_book
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _paired_twice(run: Runner, folder: Path) -> None:
    """P001 Amelia Ashworth with Oliver Pemberton, P002 Isla Okonkwo with Arjun Rasmussen
    (both kept), and P003 Amelia with Dr Mei Corrigan, made by the last pairing."""
    small_paired(run, folder)
    write_book(folder / "v.xlsx", [{**small_roster()[0], "Capacity": 2}, *small_roster()[1:],
                                   person("Dr Mei Corrigan", "mei@example.org", "Consultant",
                                          Organisation="General Hospital - Neurology")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")


def _emptied(folder: Path, pair_id: str, typed: str | None = None) -> str:
    """Empty the How paired cell of pair ``pair_id``, or type ``typed`` in it: that cell,
    as "T2"."""
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == pair_id)
    cell = sheet.cell(row, header.index("How paired") + 1)
    cell.value = typed
    book.save(folder / "pairs.xlsx")
    return str(cell.coordinate)


def _render_new(run: Runner, folder: Path) -> tuple[set[str], str]:
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    return {p.name for p in (folder / "letters" / "partner-introduction").iterdir()}, said


def test_a_kept_pair_whose_how_paired_was_emptied_is_not_introduced_again(
        run: Runner, tmp_path: Path) -> None:
    _paired_twice(run, tmp_path)
    cell = _emptied(tmp_path, "P001")
    written, said = _render_new(run, tmp_path)
    # the new pair alone: Amelia and Oliver Pemberton had theirs with P001 in the first run
    assert written == {"amelia-ashworth-with-mei-corrigan.md", "mei-corrigan.md"}
    assert (f"Pairs!{cell} (Dr Amelia Ashworth and Oliver Pemberton): the How paired cell of "
            "pair P001 is blank, though wessex always fills it, so whether the pair is new is "
            "not known: --new leaves it out, rather than introduce its people a second time. "
            "Type back what the cell said: 'kept', as the last 'wessex pair' kept the pair from "
            "the pairing before; then run this command again.") in said
    # the value, from the Settings sheet's record of what the last pairing wrote: not a
    # choice between two that the administrator cannot tell apart
    assert "'optimised' if" not in said


def test_a_new_pair_whose_how_paired_was_emptied_waits_for_the_cell(
        run: Runner, tmp_path: Path) -> None:
    _paired_twice(run, tmp_path)
    cell = _emptied(tmp_path, "P003")
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    assert not (tmp_path / "letters").exists()  # nobody known to be new: nothing written
    assert f"Pairs!{cell} (Dr Amelia Ashworth and Dr Mei Corrigan): the How paired cell of " \
        "pair P003 is blank" in said
    # the one new pair waits for its cell: not "the last pairing made no new pairs"
    assert "--new left out 1 pair that may be new until the cells named above are fixed, " \
        "and found no other new pair; nothing written. Fix those cells, then run this " \
        "command again." in said
    assert "made no new pairs" not in said


def test_a_pairing_that_kept_every_pair_still_says_it_made_none(
        run: Runner, tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # the same people: both pairs kept
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    assert "The last pairing made no new pairs, so there is nobody new to introduce" in said
    assert "--new left out" not in said


def test_a_kept_pair_whose_how_paired_holds_a_typo_is_not_introduced_again(
        run: Runner, tmp_path: Path) -> None:
    _paired_twice(run, tmp_path)
    cell = _emptied(tmp_path, "P001", "kep")
    written, said = _render_new(run, tmp_path)
    # not taken for new (it is not "kept"): Amelia and Oliver had their letters in the first run
    assert written == {"amelia-ashworth-with-mei-corrigan.md", "mei-corrigan.md"}
    assert (f"Pairs!{cell} (Dr Amelia Ashworth and Oliver Pemberton): the How paired cell of "
            "pair P001 says 'kep', none of the values wessex writes there ('optimised', "
            "'kept', 'locked', 'added by hand'), so whether the pair is new is not known: "
            "--new leaves it out, rather than introduce its people a second time. Type back "
            "what the cell said: 'kept', as the last 'wessex pair' kept the pair from the "
            "pairing before (a note of your own goes in the Notes column); then run this "
            "command again.") in said


def test_a_note_over_how_paired_is_named_while_case_and_spaces_are_read_past(
        run: Runner, tmp_path: Path) -> None:
    _paired_twice(run, tmp_path)
    noted = _emptied(tmp_path, "P002", "kept - checked")
    _emptied(tmp_path, "P001", "  Kept ")  # still kept: left out without a word
    # read as "added by hand", which is new (as 'pair --keep' marks a pair typed in)
    _emptied(tmp_path, "P003", "Added  by\u00a0hand ")
    written, said = _render_new(run, tmp_path)
    assert written == {"amelia-ashworth-with-mei-corrigan.md", "mei-corrigan.md"}
    assert f"Pairs!{noted} (Dr Isla Okonkwo and Arjun Rasmussen): the How paired cell of " \
        "pair P002 says 'kept - checked', none of the values wessex writes there" in said
    assert said.count("the How paired cell of pair") == 1  # P001 and P003 are understood


def test_status_warns_ahead_of_a_how_paired_cell_blank_or_typed_over(
        run: Runner, tmp_path: Path) -> None:
    """status names the cell before 'render --new' leaves the pair out, or 'pair --keep'
    writes 'kept' over it, and what to type back, as the Settings sheet records it."""
    _paired_twice(run, tmp_path)
    typo = _emptied(tmp_path, "P001", "kep")
    blank = _emptied(tmp_path, "P003")
    _emptied(tmp_path, "P002", " KEPT ")  # understood: no warning
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert (f"Pairs!{typo} (Dr Amelia Ashworth and Oliver Pemberton): the How paired cell of "
            "pair P001 says 'kep', none of the values wessex writes there ('optimised', "
            "'kept', 'locked', 'added by hand'), so 'render --new' will leave the pair out, "
            "not knowing whether it is new, and 'wessex pair --keep' would write 'kept' over "
            "it, after which --new never introduces its people. Type back what the cell said "
            "(a note of your own goes in the Notes column): 'kept', as the last 'wessex pair' "
            "kept the pair from the pairing before.") in said
    assert (f"Pairs!{blank} (Dr Amelia Ashworth and Dr Mei Corrigan): the How paired cell of "
            "pair P003 is blank, though wessex always fills it, so 'render --new' will leave "
            "the pair out") in said
    assert "Type back what the cell said: 'optimised', as the last 'wessex pair' made the " \
        "pair." in said
    assert said.count("the How paired cell of pair") == 2


def test_a_locked_pair_whose_how_paired_was_emptied_is_asked_back_as_locked(
        run: Runner, paired: Path) -> None:
    """The example's P017 (row 18) was agreed in advance: its How paired cell said "locked",
    the one value the Settings sheet's How lists leave out. Emptied, --new asked for 'kept'
    or 'optimised' back, and either would have unlocked it (proof41's find)."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["T18"].value = None
    book.save(paired)
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md", "--allow-placeholders"
                        ).output.split())
    assert "Pairs!T18 (Dr Oliver Pemberton and Dr Dara Arkwright): the How paired cell of " \
        "pair P017 is blank" in said
    assert "Type back what the cell said: 'locked', as the last 'wessex pair' paired the two " \
        "as agreed in advance; then run this command again." in said
    # status says it ahead, in the same words
    ahead = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Type back what the cell said: 'locked', as the last 'wessex pair' paired the two " \
        "as agreed in advance." in ahead
