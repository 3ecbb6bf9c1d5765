"""pair --keep writes nothing for an empty cell of a row it adds (a new pair's blank phone,
a blank tracking cell) nor for a kept pair's cell emptied in the volunteer workbook, as
Excel saves a cell that holds nothing. It wrote each as a cell
of empty text (<c t="inlineStr"></c>), which ISBLANK and COUNTA count as filled, on the
Pairs sheet's new and kept rows and the Unpaired sheet it writes afresh alike."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_keep_added_by_hand import nora_joins
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

EMPTY_TEXT = re.compile(r'<c r="([A-Z]+[0-9]+)"[^>]*t="inlineStr"\s*(?:/>|></c>)')


def _empty_text_cells(path: Path) -> list[str]:
    """The cells of every sheet of ``path`` saved as text of no characters (or no <is>)."""
    with zipfile.ZipFile(path) as archive:
        return [f"{name}!{ref}" for name in archive.namelist()
                if name.startswith("xl/worksheets/sheet")
                for ref in EMPTY_TEXT.findall(archive.read(name).decode())]


def test_a_new_pair_and_the_unpaired_sheet_have_no_cells_of_empty_text(
        run: Runner, paired: Path) -> None:
    # a consultant joins: Dr Maryam Kowalczyk, unpaired before, is paired with her; and
    # Dr Callum Whitlow leaves, so Dr Winifred Upton goes to the Unpaired sheet; Dr Amelia
    # Ashworth (P001, row 2) has her phone taken out
    volunteers = paired.parent / "volunteers.xlsx"
    nora_joins(volunteers)
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    header = [cell.value for cell in sheet[3]]  # under the title
    callum = next(r for r in range(4, sheet.max_row + 1)
                  if sheet.cell(r, header.index("Full name") + 1).value == "Dr Callum Whitlow")
    sheet.cell(callum, header.index("Status") + 1).value = "withdrawn"
    amelia = next(r for r in range(4, sheet.max_row + 1)
                  if sheet.cell(r, header.index("Full name") + 1).value == "Dr Amelia Ashworth")
    sheet.cell(amelia, header.index("Mobile") + 1).value = None
    book.save(volunteers)
    assert _empty_text_cells(paired) == []  # as 'wessex pair' wrote it
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    pairs = openpyxl.load_workbook(paired)
    new = [r for r in pairs["Pairs"].iter_rows(min_row=2, values_only=True)
           if "nora.quill@nhs.net" in r]
    assert len(new) == 1 and new[0][3] is not None  # Maryam's phone, written
    assert (pairs["Pairs"]["B2"].value, pairs["Pairs"]["D2"].value) == \
        ("Dr Amelia Ashworth", None)
    assert [r[0] for r in pairs["Unpaired"].iter_rows(min_row=2, values_only=True)] == \
        ["Dr Winifred Upton"]
    assert _empty_text_cells(paired) == []
