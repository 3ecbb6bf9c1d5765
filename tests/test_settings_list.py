"""The Settings sheet's list of the pairs wessex last wrote is read only where it holds pair
IDs as wessex writes them; anything else typed there is warned of by its cell. Every part
of the cell was read as an ID of its own: a sentence typed over the list became 'pair see
the Pairs sheet ... is on neither the Pairs nor the Withdrawn sheet', and pair --keep was
refused as if a row had been deleted."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.pairs_workbook import PAIRS_SETTING

from .conftest import Runner, newest_backup
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _type_in_list(path: Path, text: str) -> str:
    """Type ``text`` over the list's cell; returns the cell, as 'Settings!B12'."""
    book = openpyxl.load_workbook(path)
    for key, value in book["Settings"].iter_rows(max_col=2):
        if key.value == PAIRS_SETTING:
            assert value.value == "P001-P030"
            value.value = text
            book.save(path)
            return f"Settings!{value.coordinate}"
    raise AssertionError("no list of pairs")


def _listed(path: Path) -> list[object]:
    return [row[1] for row in openpyxl.load_workbook(path)["Settings"].iter_rows(
        values_only=True) if row[0] == PAIRS_SETTING]


def test_a_sentence_typed_over_the_list_is_warned_of_by_its_cell_not_read_as_pairs(
        run: Runner, paired: Path) -> None:
    cell = _type_in_list(paired, "see the Pairs sheet, row 4")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "on neither the Pairs nor the Withdrawn sheet" not in said
    assert (f"{cell}: 'see the Pairs sheet', 'row 4' are not pair IDs, so they are not read "
            "in the list of the pairs on the Pairs sheet when wessex last wrote this "
            "workbook") in said
    assert "Keep your own text in column C of that row" in said


def test_a_note_beside_the_ids_leaves_the_ids_read_and_pair_keep_goes_on(
        run: Runner, paired: Path) -> None:
    """'checked by Sam' added to the list: the IDs are still read (a row of them deleted is
    still found), and pair --keep is not refused for a pair 'checked by Sam'; it writes the
    list afresh and says where the text typed there is kept."""
    cell = _type_in_list(paired, "P001-P030, checked by Sam")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"{cell}: 'checked by Sam' is not a pair ID, so it is not read" in said
    assert "neither the Pairs nor the Withdrawn" not in said
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(4)  # P003's row, deleted by hand
    book.save(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "pair P003, on the Pairs sheet when wessex last wrote this workbook, is on " \
        "neither the Pairs nor the Withdrawn sheet now" in said
    assert "checked by Sam, " not in said  # not a pair deleted
    # the row copied back, pair --keep goes on, writing the list afresh
    _restore_p003(paired)
    kept = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert (f"Warning: {cell}: 'checked by Sam' is not a pair ID") in kept
    assert ("This run wrote it afresh; the previous version of pairs.xlsx, "
            f"{newest_backup(paired)}, has your text.") in kept
    assert _listed(paired) == ["P001-P030"]
    backups = sorted((paired.parent / "backups").glob("*.xlsx"))
    assert len(backups) == 1
    assert _listed(backups[0]) == ["P001-P030, checked by Sam"]


def _restore_p003(path: Path) -> None:
    """Put P003's row back in row 4, as examples/pairs.xlsx (the same pairing) has it."""
    source = openpyxl.load_workbook(EXAMPLES / "pairs.xlsx")["Pairs"]
    assert source["A4"].value == "P003"
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    sheet.insert_rows(4)
    for column in range(1, source.max_column + 1):
        sheet.cell(4, column).value = source.cell(4, column).value
    book.save(path)


def test_withdraw_keeps_text_typed_in_the_list_and_takes_the_moved_pair_out(
        run: Runner, paired: Path) -> None:
    """Callum's pair P003 moves to the Withdrawn sheet: the list no longer holds it (else,
    that row deleted so that he can be paired again, P003 would be a pair deleted by hand),
    and the text typed there stays."""
    _type_in_list(paired, "P001-P030, checked by Sam")
    run("withdraw", "pairs.xlsx", "Callum Whitlow", "--reason", "moved away")
    assert _listed(paired) == ["P001-P002, P004-P030, checked by Sam"]


def test_ids_typed_by_hand_and_kept_are_listed_and_read_back_as_ids(
        run: Runner, paired: Path) -> None:
    """P003 and P004 given IDs of the administrator's own: pair --keep keeps them and lists
    them after its own, and the next reading takes them as the IDs they are (a pair holds
    them), warning of nothing it wrote itself; withdrawn, X3 leaves the list as P003 would."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A4"], book["Pairs"]["A5"] = "X3", "X4"
    book.save(paired)
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert openpyxl.load_workbook(paired)["Pairs"]["A4"].value == "X3"
    assert _listed(paired) == ["P001-P002, P005-P030, X3, X4"]
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Settings!" not in said
    run("withdraw", "pairs.xlsx", "Callum Whitlow", "--reason", "moved away")
    assert _listed(paired) == ["P001-P002, P005-P030, X4"]


def test_the_list_reads_only_ids_as_wessex_writes_them() -> None:
    from wessex_cli.pairs_workbook import ids_without, written_pairs

    rows = [["Setting", "Value"], [PAIRS_SETTING, "P001-P003, P007, note"],
            [PAIRS_SETTING, "(none)"], [PAIRS_SETTING, "P1-P999999999"]]
    found, said = written_pairs(rows)
    assert found == {"P001", "P002", "P003", "P007"}
    assert [w.split(":")[0] for w in said] == ["Settings!B2", "Settings!B4"]
    assert said[0].startswith("Settings!B2: 'note' is not a pair ID")
    # 'X9' is read as an ID where a pair holds it now, else as text
    assert written_pairs(rows[:2], {"note"}) == ({"P001", "P002", "P003", "P007", "note"}, [])
    assert ids_without("P001-P003, X9", {"P001"}) == "P002-P003, X9"  # the typed 'X9' stays
    assert ids_without("P001-P003, X9", {"X9"}) == "P001-P003"  # a pair of that ID gone
    assert ids_without("P001-P003", {"P002"}) == "P001, P003"
    assert ids_without("P002, note", {"P002"}) == "note"
    assert ids_without("P002", {"P002"}) == "(none)"


CALLUM = "Pairs!A4 (Dr Callum Whitlow and Dr Winifred Upton)"  # P003, row 4


def test_an_id_emptied_while_the_list_is_typed_over_is_named_with_the_likely_id(
        run: Runner, paired: Path) -> None:
    """P003's Pair cell emptied and a note typed over the list: nothing said which pair was
    missing, and pair --keep numbered the row P031 without a word on what the letters name
    it. The row is warned of by its cell; P003, the one number up to P030 on no sheet, is
    named as most likely, for the administrator to confirm from the letters."""
    cell = _type_in_list(paired, "see the Pairs sheet")
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A4"] = None
    book.save(paired)
    found = (f"{CALLUM} has no pair ID, and which ID it had cannot be told: the list of the "
             f"pairs wessex last wrote ({cell}), by which the missing pair is found, was typed "
             "over.")
    likely = ("P003 is the only ID up to P030 on no sheet, so it is most likely P003: if the "
              "letters sent name the pair so, type P003 in Pairs!A4. Left blank, 'wessex pair "
              "--keep' gives it a new one.")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"Warning: {found} {likely}" in said
    kept = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"Warning: {found} {likely}" in kept
    assert ("A kept pair had no ID in its Pair cell, so it was given a new one there: "
            "Pairs!A4 (P031). If the letters sent name it otherwise, type that ID over the new "
            "one: nothing is lost, and the next 'wessex pair --keep' records it.") in kept


def test_two_ids_emptied_while_the_list_is_typed_over_are_each_named(
        run: Runner, paired: Path) -> None:
    """Two rows without an ID: which is which cannot be told, so no ID is named likely."""
    cell = _type_in_list(paired, "see the Pairs sheet")
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A4"], book["Pairs"]["A5"] = None, None
    book.save(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    for row in ("Pairs!A4 (Dr Callum Whitlow and Dr Winifred Upton)",
                "Pairs!A5 (Dr Declan Dunmore and Dr Viktor Trelawny)"):
        ref = row.split(" ")[0]
        assert (f"Warning: {row} has no pair ID, and which ID it had cannot be told: the list "
                f"of the pairs wessex last wrote ({cell}), by which the missing pair is found, "
                f"was typed over. Type in {ref} the ID the letters sent give this pair. Left "
                "blank, 'wessex pair --keep' gives it a new one.") in said
    assert "most likely" not in said


def _typed_over_warnings(path: Path) -> list[str]:
    from wessex_cli.pairs_workbook import read_pairs_workbook

    return [w for w in read_pairs_workbook(path).warnings if "was typed over" in w]


def test_the_likely_id_passes_over_an_id_deleted_before(paired: Path) -> None:
    """P005 was deleted and paired past with --force: never given again, so not a gap a
    pair can have come from; P003 is still the one ID up to P030 on no sheet."""
    from wessex_cli.pairs_workbook import GONE_SETTING

    _type_in_list(paired, "see the Pairs sheet")
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A4"] = None
    book["Pairs"].delete_rows(6)  # P005
    book["Settings"].append([GONE_SETTING, "P005"])
    book.save(paired)
    [warning] = _typed_over_warnings(paired)
    assert "P003 is the only ID up to P030 on no sheet, so it is most likely P003" in warning


def test_two_rows_without_an_id_and_one_gap_name_no_likely_id(paired: Path) -> None:
    """P003's cell emptied and a pair typed in below by hand without an ID: one gap, two
    rows, and which row had P003 cannot be told."""
    _type_in_list(paired, "see the Pairs sheet")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet["A4"] = None
    for column in range(1, sheet.max_column + 1):
        sheet.cell(32, column).value = sheet.cell(31, column).value
    sheet["A32"] = None
    sheet["B32"], sheet["C32"] = "Dr Ada Quill", "ada.quill@nhs.net"
    sheet["J32"], sheet["K32"] = "Dr Ben Quarry", "ben.quarry@nhs.net"
    book.save(paired)
    warnings = _typed_over_warnings(paired)
    assert [w.split(" (")[0] for w in warnings] == ["Pairs!A4", "Pairs!A32"]
    assert not any("most likely" in w for w in warnings)


def test_no_list_at_all_is_not_a_list_typed_over(paired: Path) -> None:
    """A workbook without the list (written before wessex kept one) has nothing typed over
    it: a row without an ID is not warned of as if it had been."""
    book = openpyxl.load_workbook(paired)
    settings = book["Settings"]
    settings.delete_rows(next(row[0].row for row in settings.iter_rows(max_col=1)
                              if row[0].value == PAIRS_SETTING))
    book["Pairs"]["A4"] = None
    book.save(paired)
    assert _typed_over_warnings(paired) == []


def test_two_kept_pairs_numbered_afresh_are_each_one_of_them(run: Runner,
                                                             paired: Path) -> None:
    _type_in_list(paired, "see the Pairs sheet")
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A4"], book["Pairs"]["A5"] = None, None
    book.save(paired)
    kept = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "If the letters sent name one of them otherwise, type that ID over the new one" \
        in kept


def test_a_run_written_with_another_dash_is_no_id_of_the_administrators_own() -> None:
    """'P001–P030' (an en dash, as Word and Outlook write one pasted from them) names pairs
    written as wessex writes them: not one ID of the administrator's own, held by no pair
    and so taken for a pair deleted (every row of the sheet then one that might be it). It
    is text typed over the list, as before own IDs were read."""
    from wessex_cli.pairs_workbook import written_pairs

    for typed in ("P001–P030", "P001-P015;P016-P030"):
        found, said = written_pairs([[PAIRS_SETTING, typed]])
        assert found == set()
        assert said[0].startswith(f"Settings!B1: '{typed}' is not a pair ID")
    # one word of letters and figures naming no two pairs is still one ID
    assert written_pairs([[PAIRS_SETTING, "P001-P002, CW-12, X3"]]) == (
        {"P001", "P002", "CW-12", "X3"}, [])


def test_a_run_typed_with_a_small_p_is_read_as_the_ids_of_the_run(
        run: Runner, paired: Path) -> None:
    """'p001-p030' typed over the list is pairs P001 to P030, as 'p007' is P007 on the Pairs
    sheet: not one ID of the administrator's own, held by no row and so warned of as a pair
    deleted (and pair --keep refused for it)."""
    _type_in_list(paired, "p001-p030")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "neither the Pairs nor the Withdrawn" not in said
    assert "not a pair ID" not in said
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _listed(paired) == ["P001-P030"]
