"""'pair --keep' and a kept pair whose How paired cell says "locked" while its Reasons do not
begin "locked as agreed" (the cell filled down, or typed): it keeps the pair as agreed in
advance, writing those words first in its Reasons, and says that this is why the Reasons
changed. It said they were worked out again for pairs "whose preferences or details changed"
in the volunteer workbook, where nothing had changed."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, small_paired, small_roster, write_book


def _locked_by_hand(folder: Path) -> tuple[str, str]:
    """Type 'locked' in the How paired cell of P002 (Dr Isla Okonkwo and Arjun Rasmussen,
    which the pairing chose): that cell and the pair's Reasons cell, as "T3", "S3"."""
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "P002")
    how = sheet.cell(row, header.index("How paired") + 1)
    how.value = "locked"
    book.save(folder / "pairs.xlsx")
    return str(how.coordinate), str(sheet.cell(row, header.index("Reasons") + 1).coordinate)


def test_reasons_changed_by_a_locked_cell_alone_name_that_cell_as_the_cause(
        run: Runner, tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    _, reasons = _locked_by_hand(tmp_path)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{reasons}), as "
            "its How paired cell said 'locked': its letters say that the two agreed in "
            "advance, and every 'wessex pair --keep' keeps it so. If they did not (the cell "
            "typed or filled down by mistake), take 'locked as agreed' out of the start of "
            "that Reasons cell.") in said
    assert "whose preferences or details changed" not in said  # none did
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    assert str(sheet[reasons].value).startswith("locked as agreed; same cluster")


def test_a_locked_cell_and_a_changed_preference_are_both_named(run: Runner,
                                                                tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    _, reasons = _locked_by_hand(tmp_path)
    isla = {**small_roster()[1], "Preference 1": "Respiratory"}  # Arjun's specialty now
    write_book(tmp_path / "v.xlsx", [small_roster()[0], isla, *small_roster()[2:]])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{reasons}), as " \
        "its How paired cell said 'locked'" in said
    # her choice changed them as well: said as before, with the Score it raised
    assert "Worked out again from the volunteer workbook for kept pairs, whose preferences or " \
        "details changed there: Pairs!" in said
    assert f"{reasons} (Reasons)" in said
