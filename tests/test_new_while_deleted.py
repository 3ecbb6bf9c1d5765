"""'render --new' while a pair wessex wrote is on no sheet (its row deleted by hand): a row
whose ID is none wessex wrote may be that pair typed in again, its people introduced
already, so it is left out and said, whatever its How paired cell says. No row is "added
by hand" then, and --new took such a row for new from its How paired cell alone: a pair
typed in again with that cell blank had its introductions written a second time."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, person, small_paired, small_roster, write_book


def _paired_twice(run: Runner, folder: Path) -> None:
    """P001 Amelia Ashworth with Oliver Pemberton, P002 Isla Okonkwo with Arjun Rasmussen
    (kept), and P003 Amelia with Dr Mei Corrigan, made by the last pairing."""
    small_paired(run, folder)
    write_book(folder / "v.xlsx", [{**small_roster()[0], "Capacity": 2}, *small_roster()[1:],
                                   person("Dr Mei Corrigan", "mei@example.org", "Consultant",
                                          Organisation="General Hospital - Neurology")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")


def _typed_in_again(folder: Path, ids: tuple[str, ...], typed: dict[str, str]) -> int:
    """Delete the rows of the pairs ``ids``, then type the last of them in again below,
    its people only, with ``typed`` (title -> value) besides: the row typed."""
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    rows = [row for row in range(2, sheet.max_row + 1) if sheet.cell(row, 1).value in ids]
    again = {title: sheet.cell(rows[-1], header.index(title) + 1).value
             for title in ("A name", "A email", "B name", "B email")}
    for row in reversed(rows):
        sheet.delete_rows(row)
    below = sheet.max_row + 1
    for title, value in {**again, **typed}.items():
        sheet.cell(below, header.index(title) + 1).value = value
    book.save(folder / "pairs.xlsx")
    return below


def test_a_deleted_pair_typed_in_again_is_not_introduced_again(run: Runner,
                                                               tmp_path: Path) -> None:
    _paired_twice(run, tmp_path)
    row = _typed_in_again(tmp_path, ("P002",), {})  # no ID, How paired blank
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    # the new pair alone: Isla Okonkwo and Arjun Rasmussen had theirs with P002
    assert {p.name for p in (tmp_path / "letters" / "partner-introduction").iterdir()} == \
        {"amelia-ashworth-with-mei-corrigan.md", "mei-corrigan.md"}
    message = (f"Pairs!A{row} (Dr Isla Okonkwo and Arjun Rasmussen): left out, as it may be "
               "pair P002 (written by wessex, on no sheet now) typed in again or given a new "
               "ID, so its people could be introduced twice. Settle P002 as the warning about "
               "it says, run 'wessex pair --keep', then 'render --new' again.")
    assert message in said


def test_rows_that_may_be_deleted_pairs_are_left_out_whatever_how_paired_says(
        run: Runner, tmp_path: Path) -> None:
    _paired_twice(run, tmp_path)
    # two pairs deleted, one typed in again under an ID of the administrator's, its How
    # paired cell copied from the new pair's row
    row = _typed_in_again(tmp_path, ("P001", "P002"), {"Pair": "X1",
                                                       "How paired": "optimised"})
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    assert {p.name for p in (tmp_path / "letters" / "partner-introduction").iterdir()} == \
        {"amelia-ashworth.md", "mei-corrigan.md"}  # Amelia's one pair now: P003
    assert (f"Pairs!A{row} (Dr Isla Okonkwo and Arjun Rasmussen): pair X1 is left out, as "
            "it may be one of pairs P001-P002 (written by wessex, on no sheet now) typed in "
            "again or given a new ID, so its people could be introduced twice. Settle those "
            "pairs as the warning about them says, run 'wessex pair --keep', then 'render "
            "--new' again.") in said
