"""'pair --keep' and a How paired cell typed over, which it takes at its word: 'locked' over a
pair the pairing made makes the two agreed in advance from then on; another value over an
agreed pair whose Reasons no longer begin 'locked as agreed' ends the agreement. Status warned
only of a 'locked' cell over Reasons of the pairing's own, and so did the run. With the
Reasons copied too (the row's two cells filled down from an agreed pair), or the Reasons of
an agreed pair emptied, both went on in silence, though the Settings sheet records what the
cell said. Both now warn first, naming the cell and the value recorded there."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import COMPLETE_SCHEME, Runner, small_roster, write_book
from .test_keep_added_by_hand import nora_joins, type_a_pair_in
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _paired(run: Runner, folder: Path) -> None:
    """P001 Dr Amelia Ashworth with Oliver Pemberton (Pairs row 2), made by the pairing;
    P002 Dr Isla Okonkwo with Arjun Rasmussen (row 3), agreed in advance (--lock). Reasons
    are column S, How paired column T."""
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(folder / "v.xlsx", small_roster())
    run("pair", "v.xlsx", "--lock", "Dr Isla Okonkwo=Arjun Rasmussen")
    sheet = openpyxl.load_workbook(folder / "pairs.xlsx")["Pairs"]
    assert (sheet["S1"].value, sheet["T1"].value) == ("Reasons", "How paired")
    assert (sheet["A2"].value, sheet["T2"].value) == ("P001", "optimised")
    assert (sheet["A3"].value, sheet["T3"].value) == ("P002", "locked")


def _set(folder: Path, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    for ref, value in cells.items():
        book["Pairs"][ref].value = value
    book.save(folder / "pairs.xlsx")


def _cell(folder: Path, ref: str) -> str:
    return str(openpyxl.load_workbook(folder / "pairs.xlsx")["Pairs"][ref].value or "")


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def test_an_agreed_row_filled_down_over_a_pair_the_pairing_made_is_warned_of_first(
        run: Runner, tmp_path: Path) -> None:
    _paired(run, tmp_path)
    _set(tmp_path, {"S2": _cell(tmp_path, "S3"), "T2": "locked"})  # P002's two cells
    copied = ("Pairs!T2 says 'locked' for pair P001 (Dr Amelia Ashworth and Oliver "
              "Pemberton), but the Settings sheet records that the last 'wessex pair' wrote "
              "'optimised' there, not as agreed in advance: was the cell and its Reasons "
              "(Pairs!S2) copied or filled down from another row?")
    status = _said(run, "status", "pairs.xlsx")
    assert copied in status
    assert "type back what the cell said: 'optimised', as the last 'wessex pair' made the " \
        "pair, and take 'locked as agreed' out of the start of Pairs!S2." in status
    dry = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert f"Warning: {copied} Without --dry-run, this run would keep the two as agreed in " \
        "advance from then on" in dry
    kept = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert f"Warning: {copied} This run takes the cell at its word: it keeps the two as " \
        "agreed in advance from now on" in kept
    assert _cell(tmp_path, "S2").startswith("locked as agreed")  # as it warned


def test_another_value_over_an_agreed_pair_whose_reasons_were_emptied_is_warned_of_first(
        run: Runner, tmp_path: Path) -> None:
    _paired(run, tmp_path)
    _set(tmp_path, {"S3": None, "T3": "optimised"})
    typed = ("Pairs!T3 says 'optimised' for pair P002 (Dr Isla Okonkwo and Arjun Rasmussen), "
             "but the Settings sheet records that the last 'wessex pair' wrote 'locked' there, "
             "as agreed in advance, and its Reasons (Pairs!S3) do not begin 'locked as "
             "agreed': was the cell typed over?")
    status = _said(run, "status", "pairs.xlsx")
    assert f"{typed} 'wessex pair --keep' would keep the two as not agreed in advance from " \
        "then on, unless the Partner column of the volunteer workbook (or --lock) names " \
        "them as each other's partners. If they did agree in advance, type back what the " \
        "cell said: 'locked', as " \
        "the last 'wessex pair' paired the two as agreed in advance." in status
    dry = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert f"Warning: {typed} Without --dry-run, this run would keep the two as not agreed " \
        "in advance from then on." in dry
    kept = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert f"Warning: {typed} This run takes the cell at its word: it keeps the two as not " \
        "agreed in advance from now on. If they did agree in advance, once it is done, type " \
        "'locked as agreed; ' at the start of Pairs!S3, and P002 in the Settings sheet's " \
        "row 'Pairs agreed in advance', in place of '(none)' if it says so." in kept
    assert not _cell(tmp_path, "S3").startswith("locked as agreed")
    # the way back the warning gives holds: status warns of neither cell (the Reasons alone
    # were called copied, the list leaving the pair out), and the next run keeps the two as
    # agreed again
    _set(tmp_path, {"S3": "locked as agreed; " + _cell(tmp_path, "S3")})
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    listed = next(row[1] for row in book["Settings"].iter_rows()
                  if row[0].value == "Pairs agreed in advance (their letters say so)")
    listed.value = "P002" if listed.value == "(none)" else f"{listed.value}, P002"
    book.save(tmp_path / "pairs.xlsx")
    assert "P002" not in _said(run, "status", "pairs.xlsx").split("Visits")[0]
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _cell(tmp_path, "S3").startswith("locked as agreed")


def test_locked_typed_over_a_kept_agreed_pair_changes_nothing_and_is_not_warned_of(
        run: Runner, tmp_path: Path) -> None:
    _paired(run, tmp_path)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # both say 'kept'; P002's Reasons agreed
    assert _cell(tmp_path, "T3") == "kept"
    _set(tmp_path, {"T3": "locked"})
    assert "Pairs!T3" not in _said(run, "status", "pairs.xlsx")
    assert "Pairs!T3 says" not in _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _cell(tmp_path, "S3").startswith("locked as agreed")


def test_another_value_over_an_agreed_pair_whose_reasons_still_say_so_is_not_warned_of(
        run: Runner, tmp_path: Path) -> None:
    """The Reasons still begin 'locked as agreed', so the two stay agreed in advance whatever
    How paired says: nothing ends, and nothing is warned of."""
    _paired(run, tmp_path)
    _set(tmp_path, {"T3": "optimised"})
    assert "Pairs!T3" not in _said(run, "status", "pairs.xlsx")
    assert "Pairs!T3 says" not in _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _cell(tmp_path, "S3").startswith("locked as agreed")


def test_locked_over_a_pair_added_by_hand_whose_reasons_were_emptied_is_warned_of(
        run: Runner, paired: Path) -> None:
    """P031, typed in by hand and recorded 'added by hand' by the last run, its Reasons
    emptied and 'locked' typed in How paired: the record says what the cell held."""
    nora_joins(paired.parent / "volunteers.xlsx")
    row = type_a_pair_in(paired, 31, "P031", "kept")  # P030's row copied, people typed over
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert row == 32 and _cell(paired.parent, "T32") == "added by hand"
    _set(paired.parent, {"S32": None, "T32": "locked"})
    assert "Pairs!T32 says 'locked' for pair P031 (Dr Maryam Kowalczyk and Dr Nora Quill), " \
        "but the Settings sheet records that the last 'wessex pair' wrote 'added by hand' " \
        "there, not as agreed in advance: was the cell copied or filled down from another " \
        "row? While it says 'locked', their letters say the two agreed in advance, and " \
        "'wessex pair --keep' would keep them so from then on. If they did not agree in " \
        "advance, type back what the cell said: 'added by hand', as the last 'wessex pair' " \
        "found the pair typed in, not yet introduced." in _said(run, "status", "pairs.xlsx")


def test_an_agreed_pair_whose_two_cells_were_emptied_is_still_introduced_as_agreed(
        run: Runner, tmp_path: Path) -> None:
    """P002's How paired cell blanked and its Reasons typed over: status asks for 'locked'
    back, as the Settings sheet records it, and until then the letters read the record too,
    so Isla's introduction still says the two agreed in advance."""
    _paired(run, tmp_path)
    _set(tmp_path, {"S3": "same cluster", "T3": None})
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt", "-o",
        "letters")
    folder = tmp_path / "letters" / "partner-introduction"
    isla = " ".join((folder / "isla-okonkwo.txt").read_text(encoding="utf-8").split())
    assert "As agreed in advance, your exchange partner is:" in isla
    assert "preferences and availability" not in isla
    amelia = " ".join((folder / "amelia-ashworth.txt").read_text(encoding="utf-8").split())
    assert "agreed in advance" not in amelia
