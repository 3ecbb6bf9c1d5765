"""'render --new' after a re-pairing, when the How paired cell of a pair the re-pairing kept
says 'optimised' or 'locked' again (filled down from the new pair's row, or 'locked' typed to
mark a pair agreed in advance): it wrote their introductions again, as to a new pair, though
the Settings sheet records that the last 'wessex pair' kept the pair, its people introduced
already. It leaves such a pair out and says why, naming the cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_a_kept_pair_whose_how_paired_says_new_again_is_not_introduced_again(
        run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # Anwen Zubair's new pair: P031
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    how = header.index("How paired") + 1
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    assert sheet.cell(rows["P031"], how).value == "optimised"
    assert sheet.cell(rows["P002"], how).value == "kept"
    sheet.cell(rows["P002"], how).value = "optimised"  # filled down
    sheet.cell(rows["P017"], how).value = "locked"  # agreed in advance: typed to say so
    book.save(paired)
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    written = {p.name for p in (paired.parent / "letters" / "partner-introduction").iterdir()}
    assert written == {"anwen-zubair-with-maryam-kowalczyk.md", "maryam-kowalczyk.md"}
    cell = sheet.cell(rows["P017"], how).coordinate
    assert f"Pairs!{cell} (Dr Oliver Pemberton and Dr Dara Arkwright): pair P017 is left out, " \
        "though its How paired cell says 'locked': the Settings sheet records that the last " \
        "'wessex pair' kept it from the pairing before, so its people have had their " \
        "introductions (was the cell typed over, copied or filled down?). Type back 'kept'; " \
        "to write to them again all the same, leave out --new." in said
    assert f"Pairs!{sheet.cell(rows['P002'], how).coordinate} (Dr Arjun Rasmussen and Dr Noor " \
        "Kerrigan): pair P002 is left out, though its How paired cell says 'optimised'" in said


def test_the_new_pair_alone_says_optimised_and_nothing_is_said(run: Runner,
                                                               paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    assert "is left out" not in said
    written = {p.name for p in (paired.parent / "letters" / "partner-introduction").iterdir()}
    assert written == {"anwen-zubair-with-maryam-kowalczyk.md", "maryam-kowalczyk.md"}
