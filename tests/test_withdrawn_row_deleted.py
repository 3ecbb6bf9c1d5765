"""A Withdrawn row deleted by hand. 'wessex withdraw' moves a pair there, and the Withdrawn
sheet is all that keeps someone who left from being paired again: with the row deleted,
'pair --keep' paired Dr Elif Strand (withdrawn: illness) again with the partner she had
left, and neither 'status' nor 'pair --keep' said a word. The Settings sheet lists the
pairs moved there, so the missing row is now named, before and as the people are paired."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.pairs_workbook import GONE_SETTING, MOVED_SETTING

from .conftest import Runner, newest_backup
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _setting(path: Path, title: str) -> list[object]:
    return [row[1] for row in openpyxl.load_workbook(path)["Settings"].iter_rows(
        values_only=True) if row[0] == title]


def _delete_withdrawn_row(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    assert book["Withdrawn"].max_row == 2
    book["Withdrawn"].delete_rows(2)
    book.save(path)


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def test_status_names_a_withdrawn_pair_whose_row_was_deleted(run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    assert "was moved to the Withdrawn sheet" not in _said(run, "status", "pairs.xlsx")
    _delete_withdrawn_row(paired)
    said = _said(run, "status", "pairs.xlsx")
    assert "Pair P005 was moved to the Withdrawn sheet (the Settings sheet lists it), but is " \
        "on no sheet now, so 'wessex pair --keep' no longer keeps its people out, as when a " \
        "withdrawal is undone: it may pair them again, even with each other. If its row was " \
        "deleted by mistake, put it back on the Withdrawn sheet (copy its row back from the " \
        "newest copy in backups/ that has it); if not, 'wessex pair volunteers.xlsx --keep " \
        "pairs.xlsx' pairs them and ends this warning." in said


def test_status_advice_for_someone_taking_part_again_is_what_pairs_them(
        run: Runner, paired: Path) -> None:
    """Deleting the Withdrawn row is what 'pair --keep' itself advises to pair someone
    again. Status said 'nothing needs doing' then, yet they stayed unpaired and the warning
    came back on every run: 'pair --keep' is what pairs them, and what quiets it."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    _delete_withdrawn_row(paired)
    said = _said(run, "status", "pairs.xlsx")
    assert "nothing needs doing" not in said
    assert "if not, 'wessex pair volunteers.xlsx --keep pairs.xlsx' pairs them" in said
    assert "Pair P005" in _said(run, "status", "pairs.xlsx")  # still said until then
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert "Dr Elif Strand" in {cell.value for row in sheet.iter_rows(min_row=2)
                                for cell in row[1:10:8]}  # the A name and B name columns
    assert "P005" not in _said(run, "status", "pairs.xlsx")


def test_pair_keep_says_it_pairs_them_and_then_records_the_id_as_deleted(
        run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    assert _setting(paired, MOVED_SETTING) == ["P005"]
    _delete_withdrawn_row(paired)
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "Pair P005 was moved to the Withdrawn sheet (the Settings sheet lists it), but is " \
        "on no sheet now, so its people are not kept out of the real run, as when a " \
        "withdrawal is undone: they may be paired again, even with each other. If its row " \
        "was deleted by mistake, put it back on the Withdrawn sheet (copy its row back from " \
        "the newest copy in backups/ that has it) first." in dry
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "so its people were not kept out of this pairing, as when a withdrawal is undone: " \
        "they may have been paired again, even with each other. If its row was deleted by " \
        f"mistake, copy {newest_backup(paired)} back over pairs.xlsx; then put it back on " \
        "the Withdrawn sheet" in said
    # said once: P005 is recorded now as a pair whose row was deleted, its ID never given
    # again, and no longer as one on the Withdrawn sheet
    assert _setting(paired, MOVED_SETTING) == []
    assert _setting(paired, GONE_SETTING) == ["P005"]
    assert "P005" not in _said(run, "status", "pairs.xlsx")


def test_a_withdrawn_row_whose_id_was_emptied_is_not_taken_for_deleted(run: Runner,
                                                                       paired: Path) -> None:
    """The row is there, its Pair cell emptied: nothing was deleted, and its people are
    still kept out."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    book = openpyxl.load_workbook(paired)
    assert book["Withdrawn"]["E1"].value == "Pair"
    assert book["Withdrawn"]["E2"].value == "P005"
    book["Withdrawn"]["E2"].value = None
    book.save(paired)
    assert "was moved to the Withdrawn sheet" not in _said(run, "status", "pairs.xlsx")


def test_a_re_pairing_that_pairs_nobody_new_does_not_say_it_may_have(
        run: Runner, paired: Path) -> None:
    """Dr Elif Strand's withdrawal is written in her Status cell too, and Anwen Zubair has a
    new partner already: the Withdrawn row deleted after that, 'pair --keep' makes no new
    pair. It said someone who withdrew 'may have been paired again', when nobody was."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness", "--in",
        "volunteers.xlsx")
    assert "1 new" in _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    _delete_withdrawn_row(paired)
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "add 0 new" in dry
    assert "may be paired again" not in dry
    assert "Pair P005 was moved to the Withdrawn sheet (the Settings sheet lists it), but is " \
        "on no sheet now. The real run makes no new pair, so nobody would be paired again; " \
        "but after it nothing keeps its people out of the next pairing, which will not say " \
        "so. If its row was deleted by mistake, put it back on the Withdrawn sheet (copy its " \
        "row back from the newest copy in backups/ that has it) first." in dry
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "0 new" in said
    assert "may have been paired again" not in said
    assert "This pairing made no new pair, so nobody was paired again; but nothing keeps its " \
        "people out of the next pairing, which will not say so. If its row was deleted by " \
        "mistake, put it back on the Withdrawn sheet (copy its row back from the newest copy " \
        "in backups/ that has it)." in said
    assert _setting(paired, GONE_SETTING) == ["P005"]  # said once, as when people are paired


def test_two_withdrawn_rows_deleted_are_named_together(run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")  # P005
    run("withdraw", "pairs.xlsx", "Isla Okonkwo")  # P011
    book = openpyxl.load_workbook(paired)
    book["Withdrawn"].delete_rows(2, 2)
    book.save(paired)
    assert "Pairs P005, P011 were moved to the Withdrawn sheet (the Settings sheet lists " \
        "them), but are on no sheet now, so 'wessex pair --keep' no longer keeps their " \
        "people out, as when a withdrawal is undone: it may pair them again, even with each " \
        "other. If their rows were deleted by mistake, put them back on the Withdrawn sheet " \
        "(copy their rows back from the newest copy in backups/ that has them); if not, " \
        "'wessex pair volunteers.xlsx --keep pairs.xlsx' pairs them and ends this warning." \
        in _said(run, "status", "pairs.xlsx")


def test_a_row_deleted_beside_one_whose_id_was_emptied_is_still_named(
        run: Runner, paired: Path) -> None:
    """One Withdrawn row without an ID may be one of the two pairs moved there, not both: a
    pair is still missing, and said to be."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")  # P005, row 2
    run("withdraw", "pairs.xlsx", "Isla Okonkwo")  # P011, row 3
    book = openpyxl.load_workbook(paired)
    book["Withdrawn"]["E2"].value = None
    book["Withdrawn"].delete_rows(3)
    book.save(paired)
    said = _said(run, "status", "pairs.xlsx")
    # which of the two lost its row cannot be told: the row whose ID was emptied is named
    assert "Pairs P005, P011 were moved to the Withdrawn sheet (the Settings sheet lists " \
        "them), but are on no sheet now (unless one of them is row 2 of the Withdrawn sheet, " \
        "whose Pair cell is blank), so 'wessex pair --keep' no longer keeps their people " \
        "out" in said


def test_a_withdrawn_row_moved_to_a_sheet_of_ones_own_is_named_where_it_is(
        run: Runner, paired: Path) -> None:
    """Cut from the Withdrawn sheet and pasted on a sheet of the administrator's own, the row
    is still in the workbook, not deleted: but wessex does not read that sheet for pairs, so
    its people are no longer kept out. 'status' said nothing, and 'pair --keep' paired Dr
    Elif Strand again, saying only afterwards that a sheet of one's own held 'a pair of
    theirs' to move back 'from the Pairs sheet'. Both now name the row and the way back."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    book = openpyxl.load_workbook(paired)
    ended = book.create_sheet("Ended")
    for row in book["Withdrawn"].iter_rows(values_only=True):
        ended.append(row)
    book["Withdrawn"].delete_rows(2)
    book.save(paired)
    said = _said(run, "status", "pairs.xlsx")
    assert "on no sheet now" not in said
    assert "Pair P005 was moved to the Withdrawn sheet (the Settings sheet lists it), but is " \
        "on row 2 of the sheet 'Ended' now, which wessex does not read for pairs, so 'wessex " \
        "pair --keep' no longer keeps its people out, as when a withdrawal is undone: it may " \
        "pair them again, even with each other. If it was moved there by mistake, move it " \
        "back to the Withdrawn sheet; if not, 'wessex pair volunteers.xlsx --keep pairs.xlsx' " \
        "pairs them and ends this warning." in said
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "on no sheet now" not in dry
    assert "but is on row 2 of the sheet 'Ended' now, which wessex does not read for pairs, " \
        "so its people are not kept out of the real run" in dry
    done = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "so its people were not kept out of this pairing" in done
    assert f"If it was moved there by mistake, copy {newest_backup(paired)} back over " \
        "pairs.xlsx; then move it back to the Withdrawn sheet, and run 'wessex pair --keep' " \
        "again." in done
    assert "from the Pairs sheet, move it back" not in done  # that row is said once, truly
    assert _setting(paired, GONE_SETTING) == ["P005"]
    assert "P005" not in _said(run, "status", "pairs.xlsx")


def test_with_no_backup_the_way_back_does_not_contradict_itself(run: Runner,
                                                                 paired: Path) -> None:
    """backups/ emptied before the row was deleted: the run makes the only backup, of the
    workbook without the row. Its warning said to copy the previous version back from
    backups/ and, in the same breath, that there was no backup in backups/."""
    import shutil

    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    shutil.rmtree(paired.parent / "backups")
    _delete_withdrawn_row(paired)
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert "no backup" not in said.lower()
    assert f"If its row was deleted by mistake, copy {newest_backup(paired)} back over " \
        "pairs.xlsx; then put it back on the Withdrawn sheet (no copy of pairs.xlsx in " \
        "backups/ has its row, so restore it from a copy of your own, or type it in again " \
        "(each pair's ID and people are in the letters sent)), and run 'wessex pair --keep' " \
        "again." in said
