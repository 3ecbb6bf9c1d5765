"""A withdrawal typed by mistake, undone by hand: the pair's row copied back from the Withdrawn
sheet to the Pairs sheet, and its Withdrawn row deleted. 'withdraw' had taken the pair's ID
out of the Settings list of the pairs wessex last wrote, so 'pair --keep' called the pair
"added by hand" and 'render --new' wrote both people a second introduction. The Settings
sheet now records the pairs moved to the Withdrawn sheet, so the pair comes back as kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from wessex_cli.pairs_workbook import MOVED_SETTING, PAIRS_SETTING

from .conftest import EXAMPLES, Runner, newest_backup
from .test_keep_added_by_hand import type_a_pair_in
from .test_record_fixes import DRAFT, delete_pair_row, paired

__all__ = ["paired"]  # the fixture, used by name


def _setting(path: Path, title: str) -> list[object]:
    return [row[1] for row in openpyxl.load_workbook(path)["Settings"].iter_rows(
        values_only=True) if row[0] == title]


def _copy_back(path: Path, undone: bool = True) -> int:
    """Row 2 of the Withdrawn sheet copied back under the last pair, each cell under the
    column of its title, and (``undone``) deleted from the Withdrawn sheet, as an
    administrator undoes a withdrawal; the row it went to."""
    book = openpyxl.load_workbook(path)
    pairs, withdrawn = book["Pairs"], book["Withdrawn"]
    titles = [cell.value for cell in withdrawn[1]]
    values = dict(zip(titles, (cell.value for cell in withdrawn[2]), strict=True))
    row = pairs.max_row + 1
    for cell in pairs[1]:
        if cell.value in values:
            pairs.cell(row, cell.column).value = values[cell.value]
    if undone:
        withdrawn.delete_rows(2)
    book.save(path)
    return row


def _moved_typed(path: Path, text: str | None) -> str:
    """``text`` typed in the Settings cell of the pairs moved to the Withdrawn sheet (None
    empties it): that cell, as "B14"."""
    book = openpyxl.load_workbook(path)
    cell = next(value for key, value in book["Settings"].iter_rows(max_col=2)
                if key.value == MOVED_SETTING)
    cell.value = text
    book.save(path)
    return str(cell.coordinate)

def test_a_withdrawal_undone_by_hand_brings_the_pair_back_kept(run: Runner,
                                                               paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "typed by mistake")
    assert _setting(paired, PAIRS_SETTING) == ["P001-P004, P006-P030"]
    assert _setting(paired, MOVED_SETTING) == ["P005"]
    row = _copy_back(paired)
    assert row == 31  # 29 pairs in rows 2 to 30
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "added by hand" not in said
    # the Settings row of the pairs moved, wessex's own, is not written again and is no
    # cell of the administrator's said to be left in the backup (it named Settings!A14, B14)
    assert "no row left to go with" not in said
    assert f"Pairs!A{row}: pair P005 (Dr Elif Strand and Anwen Zubair), moved to the " \
        "Withdrawn sheet before, is back on the Pairs sheet" in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row, 1).value == "P005"
    assert sheet.cell(row, header.index("How paired") + 1).value == "kept"
    # wessex writes it again: listed, no longer among the pairs moved
    assert _setting(paired, PAIRS_SETTING) == ["P001-P030"]
    assert _setting(paired, MOVED_SETTING) == []
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o",
                 "intro", DRAFT)
    assert "nobody new" in result.output
    assert not (paired.parent / "intro").exists()


def test_the_pairs_moved_stay_recorded_through_a_re_pairing(run: Runner,
                                                            paired: Path) -> None:
    """Withdrawn, then paired again with --keep before the mistake is seen: the record of
    P005 is written again with the Settings sheet, and P029's, ended by the re-pairing (its
    person made inactive in the volunteer workbook), joins it."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "typed by mistake")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert sheet["A29"].value == "P029"
    leaving = sheet["C29"].value
    book.save(paired)
    volunteers = openpyxl.load_workbook(paired.parent / "volunteers.xlsx")
    roster = volunteers["Volunteers"]
    header = [cell.value for cell in roster[3]]
    for cells in roster.iter_rows(min_row=4):
        if cells[header.index("E-mail")].value == leaving:
            cells[header.index("Status")].value = "withdrawn"
    volunteers.save(paired.parent / "volunteers.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _setting(paired, MOVED_SETTING) == ["P005, P029"]
    assert "P029" not in str(_setting(paired, PAIRS_SETTING))


def test_a_pair_on_both_sheets_is_warned_of_with_both_cells(run: Runner,
                                                            paired: Path) -> None:
    """The row copied back, its Withdrawn row left: status said nothing, and 'pair --keep'
    ended the pair a second time. Withdrawn!E2 is the Pair cell after withdraw's four
    columns."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "typed by mistake")
    row = _copy_back(paired, undone=False)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"Pairs!A{row} and Withdrawn!E2 both hold the pair ID P005, the pair of Dr Elif " \
        "Strand and Anwen Zubair on both sheets: 'wessex pair --keep' ends it again, as the " \
        "Withdrawn sheet says. If the withdrawal was a mistake, delete row 2 of the " \
        f"Withdrawn sheet, once anything typed only there is in the Pairs row; if not, " \
        f"delete row {row} of the Pairs sheet" in said
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
                    .output.split())
    assert f"Warning: Pairs!A{row} and Withdrawn!E2 both hold the pair ID P005" in said
    # not also kept as a withdrawal undone, which the warning says it is not yet
    assert "is back on the Pairs sheet" not in said


def test_another_pair_under_a_withdrawn_pairs_id_is_warned_of(run: Runner,
                                                              paired: Path) -> None:
    """A pair typed in by hand under P005, the ID of a pair withdrawn, whose letters give
    it: status said nothing, and 'pair --keep' kept the new pair under it."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "moved away")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet["A30"].value == "P030" and sheet.max_row == 30
    assert type_a_pair_in(paired, 30, "P005") == 31  # P030's row copied to type one in
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Pairs!A31 and Withdrawn!E2 both hold the pair ID P005 (Dr Maryam Kowalczyk and " \
        "Dr Nora Quill; Dr Elif Strand and Anwen Zubair, withdrawn), and the withdrawn " \
        "pair's letters name it so. In the Pairs row, type the ID its own letters gave, or " \
        "empty its Pair cell so that 'wessex pair --keep' gives it a new one." in said


def test_a_pair_copied_back_is_not_taken_for_a_pair_deleted_since(run: Runner,
                                                                 paired: Path) -> None:
    """P005 copied back after its withdrawal, and P011's row deleted by hand: the row of
    P005 is a pair wessex wrote under its own ID, not P011's row with its ID typed over, so
    it is never said to be P011 (and 'pair --keep' would have given it P011's ID)."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "typed by mistake")
    _copy_back(paired)
    delete_pair_row(paired, 11, "P011")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "pair P011, on the Pairs sheet when wessex last wrote this workbook, is on " \
        "neither the Pairs nor the Withdrawn sheet now" in said
    assert "most likely P011" not in said


def test_a_withdrawn_pairs_id_is_never_given_again_once_its_row_is_deleted(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """P030 moved to the Withdrawn sheet, and its row there was then deleted: the letters
    sent still name P030, so the pair made next is P031 (it was P030 again)."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-01")
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    run("pair", "volunteers.xlsx")
    run("withdraw", "pairs.xlsx", "Wilf Umeh", "--reason", "moved away")  # P030
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    assert book["Withdrawn"]["A2"].value == "Wilf Umeh"
    book["Withdrawn"].delete_rows(2)
    book.save(tmp_path / "pairs.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--force")
    ids = [row[0] for row in openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"].iter_rows(
        min_row=2, values_only=True)]
    assert "P030" not in ids and ids[-1] == "P031"


def test_withdrawing_a_pair_without_an_id_leaves_the_settings_as_typed(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pair whose Pair cell was emptied has no ID to take out of the Settings list: the
    list stays as typed (a stray comma and all), and no list of pairs moved is begun, with
    '(none)' in it, for a pair that has no ID."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-01")
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    run("pair", "volunteers.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    book["Pairs"]["A31"] = None  # P030, Wilf Umeh's pair
    for key, value in book["Settings"].iter_rows(max_col=2):
        if key.value == PAIRS_SETTING:
            value.value = "P001-P029, "
    book.save(tmp_path / "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "Wilf Umeh", "--reason", "moved away")
    settings = dict(openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Settings"].iter_rows(
        min_row=2, values_only=True))
    assert settings[PAIRS_SETTING] == "P001-P029, " and MOVED_SETTING not in settings


def test_a_note_typed_over_the_list_of_pairs_moved_is_named(run: Runner, paired: Path) -> None:
    """The Settings row of the pairs moved to the Withdrawn sheet typed over: what is not an
    ID is named by its cell, as in the list of the pairs written, since a pair copied back
    would otherwise be taken, without a word, for one added by hand."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "typed by mistake")
    cell = _moved_typed(paired, "P005, checked with Robin")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"Settings!{cell}: 'checked with Robin' is not a pair ID, so it is not read in " \
        "the list of the pairs wessex moved to the Withdrawn sheet, by which a pair copied " \
        "back from it is known as a pair wessex wrote, not one added by hand. Keep your own " \
        "text in column C of that row" in said
    row = _copy_back(paired)  # P005 itself is still read: back as kept
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
                    .output.split())
    assert f"Pairs!A{row}: pair P005 (Dr Elif Strand and Anwen Zubair), moved to the " \
        "Withdrawn sheet before, is back on the Pairs sheet" in said


def test_pair_keep_names_a_note_typed_in_the_list_of_pairs_moved_as_status_does(
        run: Runner, paired: Path) -> None:
    """'pair --keep' writes that list afresh, the text typed there gone with it: it said so
    of the list of the pairs wessex last wrote, and nothing of this one, which status warns
    of in the same words."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "moved away")
    cell = _moved_typed(paired, "P005, checked with Robin")
    warning = f"Warning: Settings!{cell}: 'checked with Robin' is not a pair ID, so it is " \
        "not read in the list of the pairs wessex moved to the Withdrawn sheet"
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
                    .output.split())
    assert warning in said
    assert "Without --dry-run, this run would write it afresh." in said
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert warning in said
    assert "This run wrote it afresh; the previous version of pairs.xlsx, " \
        f"{newest_backup(paired)}, has your text." in said
    assert _setting(paired, MOVED_SETTING) == ["P005"]
    backup = sorted((paired.parent / "backups").glob("*.xlsx"))[-1]
    assert _setting(backup, MOVED_SETTING) == ["P005, checked with Robin"]


def test_a_withdrawal_undone_with_the_list_of_pairs_moved_emptied_is_not_called_unintroduced(
        run: Runner, paired: Path) -> None:
    """P005 withdrawn, its row copied back, the Settings list of the pairs moved emptied:
    nothing tells the pair from one typed in by hand, so 'pair --keep' marks it "added by
    hand", and said that, typed in by hand, it was never introduced, of a pair whose people
    had their letters."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "typed by mistake")
    _moved_typed(paired, None)
    row = _copy_back(paired)
    header = [cell.value for cell in openpyxl.load_workbook(paired)["Pairs"][1]]
    how = f"{get_column_letter(header.index('How paired') + 1)}{row}"
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "never introduced" not in said
    assert f"How paired now says 'added by hand' for 1 pair not in the list of the pairs " \
        f"wessex last wrote (Pairs!{how}): typed in by hand, or a withdrawal undone, its " \
        "row copied back from the Withdrawn sheet, which the list of the pairs moved there " \
        "would tell, had it not been emptied. 'render --new' writes to it as to the new " \
        "pairs: if its people had their introductions before, type 'kept' in that cell " \
        "first. The next 'wessex pair --keep' says 'kept'." in said


def test_render_new_does_not_call_a_withdrawal_undone_with_the_list_emptied_typed_in(
        run: Runner, paired: Path) -> None:
    """The same, 'render --new' run before 'pair --keep': it said the pair 'was typed in by
    hand since the last wessex pair' and to run 'pair --keep' to introduce it, of P005, whose
    people had their letters before Dr Elif Strand's withdrawal."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "typed by mistake")
    _moved_typed(paired, None)
    row = _copy_back(paired)
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "intro", DRAFT).output.split())
    assert f"Pairs!A{row} (Dr Elif Strand and Anwen Zubair): pair P005 is not one the last " \
        "'wessex pair' wrote, so it was typed in by hand since, or copied back from the " \
        "Withdrawn sheet (the warning about the emptied Settings list says more), and --new " \
        "leaves it out, whatever its How paired cell says. If it was typed in, run 'wessex " \
        "pair --keep' first (it marks the pair 'added by hand'), then this command again, to " \
        "introduce it once." in said
    assert "has been emptied" in said  # the warning it points to, in the same run
