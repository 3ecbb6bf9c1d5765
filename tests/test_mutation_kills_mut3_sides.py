"""Tests written against mutants of the day's decision lines about sides that the existing
tests let live. Expected values are written by hand from the people of tests/test_record.py
(Consultant 0 is row 6 of v.xlsx, Profession column C; a Side column added after the
sixteen of tests/conftest.py is column Q)."""

from __future__ import annotations

from pathlib import Path

from .conftest import HEADERS, Runner, write_book
from .test_record import paired, people
from .test_side_changed_after_visits import _consultant_0_becomes_a_gp

__all__ = ["paired"]  # the fixture, used by name


def test_a_blank_side_cell_is_named_beside_the_profession_cell(run: Runner, paired: Path,
                                                              tmp_path: Path) -> None:
    """The volunteer workbook has a Side column, blank for everyone, and Consultant 0's
    Profession is typed over with 'GP': the side comes from the Profession cell, so the
    warning names it first, and the Side cell beside it, which could say a side too
    (mutant: the Side cell named alone, as if it were what changed)."""
    pair_id, gp = _consultant_0_becomes_a_gp(run, paired, tmp_path, both=True)
    write_book(tmp_path / "v.xlsx", [dict(p, Profession="GP", Side="") if p["Email"] ==
                                     "c0@example.org" else dict(p, Side="") for p in people()],
               headers=[*HEADERS, "Side"])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Pair {pair_id} ({gp} and Consultant 0) has both half days done: Consultant 0's "
            "Profession cell (Volunteers!C6), or their Side cell (Volunteers!Q6), now puts "
            "them on the Primary care side") in said, said


def test_a_workbook_without_its_summary_sheet_is_still_changed(run: Runner, paired: Path,
                                                              tmp_path: Path) -> None:
    """The Summary sheet deleted while tidying the workbook: recording a visit, which reads
    the Side cells by the labels that sheet would give, still records it (mutant: the
    missing sheet looked up, and the command stopped)."""
    import openpyxl

    book = openpyxl.load_workbook(paired)
    del book["Summary"]
    book.save(paired)
    result = run("visit", "pairs.xlsx", "Consultant 0", "--hosted", "4/5/2027")
    assert result.exit_code == 0, result.output
    assert "4 May 2027" in " ".join(result.output.split())


def test_a_side_cell_retyped_in_lower_case_is_not_listed_as_written_over(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A pair's A side cell typed 'primary care' over 'Primary care': the same side, which
    'pair --keep' writes back as wessex writes it without listing the cell among those it
    copied again over different text (mutant: the text typed compared with the side's key)."""
    import openpyxl

    from .test_record import columns

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    cell = sheet.cell(2, columns(sheet)["A side"])
    assert cell.value == "Primary care"
    cell.value = "primary care"
    book.save(paired)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "(A side)" not in said, said
    assert openpyxl.load_workbook(paired)["Pairs"][cell.coordinate].value == "Primary care"


def test_the_one_whose_side_changed_is_named_when_the_other_s_side_cell_is_blank(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """The GP's A side cell emptied in the pairs workbook, and Consultant 0's Profession
    typed over with 'GP': the pair records no side for the GP, so only Consultant 0 is
    named as having changed side (mutant: both named, as if each had)."""
    import openpyxl

    from .test_record import columns

    pair_id, gp = _consultant_0_becomes_a_gp(run, paired, tmp_path, both=True)
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    titles = columns(sheet)
    number = next(r for r in range(2, sheet.max_row + 1)
                  if sheet.cell(r, titles["Pair"]).value == pair_id)
    sheet.cell(number, titles["A side"]).value = None
    book.save(paired)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Pair {pair_id} ({gp} and Consultant 0) has both half days done: Consultant "
            "0's Profession cell (Volunteers!C6) now puts them on the Primary care side, as "
            f"{gp} is, not the Secondary care side they were paired from.") in said, said
