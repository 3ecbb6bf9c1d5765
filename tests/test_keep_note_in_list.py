"""A note shaped like an ID of the administrator's own ('batch2') typed beside the Settings
list of the pairs wessex last wrote, and a pair typed in by hand without an ID: the note
was read as the one pair missing, and the row as that pair with its ID emptied, so status
said to type 'batch2' in its Pair cell and 'pair --keep' wrote it there, How paired "kept":
a word from a note became a pair's ID, and the pair was never introduced. An ID wessex gives
is a fresh P-number; the output says how to have the pair introduced if that was a note."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.pairs_workbook import PAIRS_SETTING

from .conftest import Runner
from .test_keep_added_by_hand import _typed_in, nora_joins
from .test_record_fixes import DRAFT, paired

__all__ = ["paired"]  # the fixture, used by name


def _note_in_list(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    for key, value in book["Settings"].iter_rows(max_col=2):
        if key.value == PAIRS_SETTING:
            value.value = "P001-P030, batch2"
    book.save(path)


def test_a_note_in_the_list_never_becomes_the_id_of_a_pair_typed_in(run: Runner,
                                                                    paired: Path) -> None:
    nora_joins(paired.parent / "volunteers.xlsx")
    row = _typed_in(paired, None)
    _note_in_list(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Type batch2 in" not in said and "most likely batch2" not in said
    assert "if it is a note typed there, not a pair's ID, move it to column C" in said
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet.cell(row, 1).value == "P031"  # numbered on from P030, as any new ID
    assert "batch2" not in [sheet.cell(n, 1).value for n in range(2, sheet.max_row + 1)]
    assert f"If that is a note, the pair in row {row} of the Pairs sheet was typed in by " \
        "hand, and never introduced: type 'added by hand' in its How paired cell, and " \
        "'render --new' introduces it, once." in said
    # done as said: the two are introduced, and nobody else
    book = openpyxl.load_workbook(paired)
    header = [cell.value for cell in book["Pairs"][1]]
    book["Pairs"].cell(row, header.index("How paired") + 1).value = "added by hand"
    book.save(paired)
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "intro",
        DRAFT)
    folder = paired.parent / "intro" / "partner-introduction"
    assert sorted(p.name for p in folder.iterdir()) == ["maryam-kowalczyk.eml",
                                                       "nora-quill.eml"]
