"""The Settings sheet's list of the pairs agreed in advance ('Pairs agreed in advance (their
letters say so)'), as the administrator may leave it: deleted or emptied while tidying the
sheet, a pair's ID typed into it, or missing from a workbook written before wessex wrote it.
P017 is the example's one pair agreed in advance (Dr Oliver Pemberton's Partner cell, P5 of
the volunteer workbook, names Dr Dara Arkwright); row 18 of the Pairs sheet, its Reasons in
column S and its How paired cell in T."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

TITLE = "Pairs agreed in advance (their letters say so)"


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _settings_rows(path: Path) -> dict[str, int]:
    """Each Settings row's title -> its row number."""
    sheet = openpyxl.load_workbook(path)["Settings"]
    return {str(row[0].value): row[0].row for row in sheet.iter_rows() if row[0].value}


def _delete_settings_rows(path: Path, *starts: str) -> None:
    """Delete the Settings rows whose titles begin with any of ``starts``."""
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    for number in sorted((n for title, n in _settings_rows(path).items()
                          if title.startswith(starts)), reverse=True):
        sheet.delete_rows(number)
    book.save(path)


def _introduction(run: Runner, folder: Path, slug: str) -> str:
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters", "--format",
        "md", "--force")
    return " ".join((folder / "letters" / "partner-introduction" / f"{slug}.md")
                    .read_text(encoding="utf-8").split())


def test_a_workbook_written_before_the_list_is_not_read_as_agreeing_to_no_pair(
        run: Runner, paired: Path) -> None:
    """Written before wessex listed the pairs agreed in advance (or the How paired values):
    P017's Reasons, begun 'locked as agreed' by wessex, are not called copied from another
    row, as they would be were the missing list read as one naming no pair."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # P017 'kept' now
    # the list of the pairs typed in by hand, newer than these, goes too
    _delete_settings_rows(paired, "Pairs agreed in advance", "Pairs the last pairing",
                          "Pairs typed in by hand")
    assert str(openpyxl.load_workbook(paired)["Pairs"]["S18"].value).startswith(
        "locked as agreed; ")
    status = _said(run, "status", "pairs.xlsx")
    assert "copied or filled down" not in status
    assert "Warning" not in status
    assert "As agreed in advance, your exchange partner is: - **Dr Dara Arkwright**" in \
        _introduction(run, paired.parent, "oliver-pemberton")


def _set_list(path: Path, value: str | None) -> str:
    """Type ``value`` in the list of the pairs agreed in advance; its cell."""
    book = openpyxl.load_workbook(path)
    number = _settings_rows(path)[TITLE]
    book["Settings"].cell(number, 2).value = value
    book.save(path)
    return f"Settings!B{number}"


def test_an_id_typed_into_the_list_is_warned_of_by_status_render_and_the_dry_run(
        run: Runner, paired: Path) -> None:
    """P001, a pair the pairing chose, typed into the list: its letters say its two agreed
    in advance. 'pair --keep' said only that it began their Reasons so; status said nothing."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair 'kept' now
    where = _set_list(paired, "P001, P017")
    warning = (f"{where} lists pair P001 (Dr Amelia Ashworth and Prof Chidi Zielinski) as "
               "agreed in advance, but its How paired cell (Pairs!T2) says 'kept' and its "
               "Reasons (Pairs!S2) do not begin 'locked as agreed': was its ID typed into "
               "that list, or the Reasons typed over? ")
    status = _said(run, "status", "pairs.xlsx")
    assert warning + ("While the list names it, its letters say the two agreed in advance, "
                      "and 'wessex pair --keep' would begin its Reasons 'locked as agreed'. "
                      f"If they did not agree in advance, take P001 out of {where}; if they "
                      "did, type 'locked as agreed; ' at the start of Pairs!S2.") in status
    assert status.count("Warning") == 1  # none of P017, agreed, as its cells say
    rendered = _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "-o",
                     "letters", "--format", "md")
    assert warning in rendered
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert warning + ("Without --dry-run, this run would begin its Reasons 'locked as "
                      "agreed' and keep the two as agreed in advance from then on, "
                      "their letters saying so. If they did not agree in advance, take P001 "
                      f"out of {where} before running without --dry-run.") in dry
    # if they did: the Reasons begun too, nothing is said, and the letters say so
    book = openpyxl.load_workbook(paired)
    reasons = book["Pairs"]["S2"].value
    book["Pairs"]["S2"].value = f"locked as agreed; {reasons}"
    book.save(paired)
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    assert "As agreed in advance" in _introduction(run, paired.parent, "amelia-ashworth")
    # if not, the way back followed: nothing said, the letters say the pairing chose them
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["S2"].value = reasons
    book.save(paired)
    _set_list(paired, "P017")
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    assert "everyone's preferences" in _introduction(run, paired.parent, "amelia-ashworth")


def test_an_agreed_pair_whose_reasons_were_emptied_is_not_warned_of(
        run: Runner, paired: Path) -> None:
    """The list is kept for this: P017's Reasons emptied, its letters still say the two
    agreed, and nothing asks whether its ID was typed there."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["S18"].value = None
    book.save(paired)
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    assert "As agreed in advance" in _introduction(run, paired.parent, "oliver-pemberton")


def _tidied(run: Runner, paired: Path, partner: bool = False) -> None:
    """P017 kept ('kept' in its How paired cell), then its Reasons emptied while tidying the
    sheet, and (unless ``partner``) Dr Oliver Pemberton's Partner cell cleared, the pair made."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    if not partner:
        volunteers = paired.parent / "volunteers.xlsx"
        book = openpyxl.load_workbook(volunteers)
        assert book["Volunteers"]["P5"].value == "Dr Dara Arkwright"
        book["Volunteers"]["P5"].value = None
        book.save(volunteers)
    book = openpyxl.load_workbook(paired)
    assert book["Pairs"]["T18"].value == "kept"
    book["Pairs"]["S18"].value = None
    book.save(paired)


P017 = "pair P017 (Dr Oliver Pemberton and Dr Dara Arkwright)"
UNKNOWN = (f"Without the list, nothing in the workbook says whether the two of {P017} agreed "
           "in advance, its Reasons (Pairs!S18) being emptied too: ")
IDS = "the IDs of the pairs agreed in advance"


def test_the_list_deleted_over_an_agreed_pairs_emptied_reasons_is_warned_of(
        run: Runner, paired: Path) -> None:
    """The row deleted too: its letters said the pairing chose the two, and nothing said so."""
    _tidied(run, paired, partner=True)
    _delete_settings_rows(paired, "Pairs agreed in advance")
    deleted = ("The Settings sheet has no row 'Pairs agreed in advance (their letters say "
               "so)', which 'wessex pair' writes with the IDs of the pairs agreed in advance, "
               "or '(none)': was it deleted, or was the workbook last written by an older "
               "wessex, which did not keep that list? ")
    back = ("type 'Pairs agreed in advance (their letters say so)' in column A of an empty row "
            f"of the Settings sheet and, in column B, {IDS}, or '(none)' if none was. If it was "
            "deleted, a copy of the workbook in the backups folder from before then has it.")
    warning = deleted + UNKNOWN + (
        "its letters say the pairing chose the two, and 'wessex pair --keep' would keep it as "
        "not agreed in advance from then on, unless the Partner column of the volunteer "
        f"workbook names the two as each other's partners. Put the list back: {back}")
    assert warning in _said(run, "status", "pairs.xlsx")
    assert warning in _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx",
                            "-o", "letters", "--format", "md")
    # Oliver's Partner cell still names Dara: the dry run keeps them agreed, and says nothing
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "was it deleted" not in dry
    assert "as the Partner column of the volunteer workbook (or --lock) names its two" in dry
    # the way back, followed: the letters say the two agreed, and nothing is warned of
    book = openpyxl.load_workbook(paired)
    sheet = book["Settings"]
    sheet.cell(sheet.max_row + 1, 1).value = "Pairs agreed in advance (their letters say so)"
    sheet.cell(sheet.max_row, 2).value = "P017"
    book.save(paired)
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    assert "As agreed in advance" in _introduction(run, paired.parent, "oliver-pemberton")


def test_the_list_emptied_is_warned_of_by_the_dry_run_and_the_run(
        run: Runner, paired: Path) -> None:
    _tidied(run, paired)
    where = _set_list(paired, None)
    emptied = (f"{where} is empty, where 'wessex pair' lists the IDs of the pairs agreed in "
               "advance ('Pairs agreed in advance (their letters say so)'), or writes "
               "'(none)': was it emptied? ")
    assert emptied + UNKNOWN in _said(run, "status", "pairs.xlsx")
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert emptied + UNKNOWN + (
        "without --dry-run, this run would keep it as not agreed in advance from then on, the "
        "letters saying the pairing chose the two. If they did agree in advance, before "
        f"running without --dry-run, type in {where} {IDS}. A copy of the workbook in the "
        "backups folder from before the list was lost has it.") in dry
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert emptied + UNKNOWN + (
        "this run keeps it as not agreed in advance from now on, the letters saying the "
        "pairing chose the two. If they did agree in advance, once it is done, type 'locked as "
        "agreed; ' at the start of Pairs!S18, and P017 in the Settings sheet's row 'Pairs "
        "agreed in advance', in place of '(none)' if it says so.") in said
    assert "everyone's preferences" in _introduction(run, paired.parent, "oliver-pemberton")
    # followed: both places say the two agreed, and neither is warned of as the other's copy
    book = openpyxl.load_workbook(paired)
    reasons = str(book["Pairs"]["S18"].value)
    assert reasons and not reasons.startswith("locked as agreed")
    book["Pairs"]["S18"].value = f"locked as agreed; {reasons}"
    book.save(paired)
    assert _set_list(paired, "P017") == where
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    assert "As agreed in advance" in _introduction(run, paired.parent, "oliver-pemberton")


def test_the_list_cleared_title_and_all_is_warned_of(run: Runner, paired: Path) -> None:
    _tidied(run, paired)
    number = _settings_rows(paired)[TITLE]
    book = openpyxl.load_workbook(paired)
    book["Settings"].cell(number, 1).value = book["Settings"].cell(number, 2).value = None
    book.save(paired)
    assert (f"Row {number} of the Settings sheet is empty, where 'wessex pair' writes 'Pairs "
            "agreed in advance (their letters say so)' and the IDs of the pairs agreed in "
            f"advance, or '(none)': was it cleared? {UNKNOWN}") in _said(run, "status",
                                                                      "pairs.xlsx")
    assert (f"Put the list back: type 'Pairs agreed in advance (their letters say "
            f"so)' back in Settings!A{number} and, in Settings!B{number}, {IDS}, or '(none)' "
            "if none was.") in \
        _said(run, "status", "pairs.xlsx")


def test_the_list_deleted_while_reasons_still_say_agreed_is_warned_of(
        run: Runner, paired: Path) -> None:
    """Nothing lost yet: P017's Reasons still say so. But an agreed pair's Reasons emptied
    from now on would be introduced as chosen by the pairing."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    _delete_settings_rows(paired, "Pairs agreed in advance")
    status = _said(run, "status", "pairs.xlsx")
    assert "which did not keep that list? The letters of P017 still say its two agreed in " \
        "advance, as its cells say (Pairs!S18); but without the list, an agreed pair kept " \
        "since ('kept' in " \
        "its How paired cell) whose Reasons are emptied is introduced as chosen by the " \
        "pairing. To keep the record, type 'Pairs agreed in advance (their letters say so)' " \
        "in column A of an empty row of the Settings sheet and, in column B, the IDs of the " \
        "pairs agreed in advance (P017 among them)." in status
    # 'pair --keep' writes the list again from those Reasons, and says nothing of it
    assert "was it deleted" not in _said(run, "pair", "volunteers.xlsx", "--keep",
                                          "pairs.xlsx")
    assert "Warning" not in _said(run, "status", "pairs.xlsx")


def test_an_agreement_ended_as_the_way_back_says_is_not_warned_of(
        run: Runner, paired: Path) -> None:
    """undo_agreement's way back, followed for the one pair agreed in advance: 'locked as
    agreed' taken out of its Reasons, its ID out of the list, which is left empty."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    reasons = str(book["Pairs"]["S18"].value)
    book["Pairs"]["S18"].value = reasons.removeprefix("locked as agreed; ")
    book.save(paired)
    _set_list(paired, None)
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    assert "everyone's preferences" in _introduction(run, paired.parent, "oliver-pemberton")


def test_the_run_says_it_takes_an_id_typed_into_the_list_at_its_word(
        run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    where = _set_list(paired, "P001, P017")
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert f"{where} lists pair P001 (Dr Amelia Ashworth and Prof Chidi Zielinski) as agreed " \
        "in advance, but its How paired cell (Pairs!T2) says 'kept' and its Reasons " \
        "(Pairs!S2) do not begin 'locked as agreed': was its ID typed into that list, or the " \
        "Reasons typed over? This run takes the list at its word: it begins its Reasons " \
        "'locked as agreed' and keeps the two as agreed in advance from now on, their " \
        "letters saying so. If they did not agree in advance, once it is done take 'locked " \
        "as agreed' out of the start of Pairs!S2, and P001 out of the Settings sheet's row " \
        "'Pairs agreed in advance'." in said
    assert str(openpyxl.load_workbook(paired)["Pairs"]["S2"].value).startswith(
        "locked as agreed; ")


def test_the_list_deleted_over_a_reasons_column_emptied_names_the_pairs_by_count(
        run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    for row in range(2, 32):  # the whole Reasons column emptied, P001 to P030
        book["Pairs"].cell(row, 19).value = None
    book.save(paired)
    _delete_settings_rows(paired, "Pairs agreed in advance")
    assert "which did not keep that list? Without the list, nothing in the workbook says " \
        "whether any of 30 pairs (P001, P002, P003, P004, P005 and 25 more) was agreed in " \
        "advance, their " \
        "Reasons (Pairs!S2, S3, S4, S5, S6 and 25 more) being emptied too: their letters say " \
        "the pairing chose them, and 'wessex pair --keep' would keep them as not agreed in " \
        "advance from then on, unless the Partner column of the volunteer workbook names a " \
        "pair's two as each other's partners. Put the list back:" in _said(run, "status",
                                                                           "pairs.xlsx")


def test_an_id_typed_into_the_list_over_the_pairings_choice_is_not_called_a_cell_typed_over(
        run: Runner, paired: Path) -> None:
    """Before any 'pair --keep': P001's How paired cell says 'optimised', as wessex wrote it,
    which the list does not overrule. status asked whether that cell had been typed over,
    and to type back 'kept', 'as the last wessex pair kept the pair', which it had not."""
    where = _set_list(paired, "P001, P017")
    said = (f"{where} lists pair P001 (Dr Amelia Ashworth and Prof Chidi Zielinski) as agreed "
            "in advance, but its How paired cell (Pairs!T2) says 'optimised', as the last "
            "'wessex pair' wrote it, which that list does not overrule: was the ID typed "
            "there? ")
    status = _said(run, "status", "pairs.xlsx")
    assert said + ("Its letters do not say the two agreed in advance, and 'wessex pair "
                   "--keep' would take P001 out of the list. If they did agree in advance, "
                   "type 'locked as agreed; ' at the start of its Reasons (Pairs!S2) too; if "
                   f"not, take P001 out of {where}.") in status
    assert "typed over?" not in status
    assert said + ("Without --dry-run, this run would keep the two as not agreed in advance "
                   "and take P001 out of the list. If they did agree in advance, type 'locked "
                   "as agreed; ' at the start of its Reasons (Pairs!S2) too, before running "
                   "without --dry-run.") in _said(run, "pair", "volunteers.xlsx", "--keep",
                                                  "pairs.xlsx", "--dry-run")
    # the way back if they did, followed: nothing warned of, the letters and the run agree
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["S2"].value = f"locked as agreed; {book['Pairs']['S2'].value}"
    book.save(paired)
    assert "Warning" not in _said(run, "status", "pairs.xlsx")
    assert "As agreed in advance" in _introduction(run, paired.parent, "amelia-ashworth")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _set_list(paired, "P001, P017") == where  # as the run wrote it
    assert "Warning" not in _said(run, "status", "pairs.xlsx")


def test_an_id_typed_into_the_list_is_said_once_by_the_run(run: Runner, paired: Path) -> None:
    """The real 'pair --keep' warned of P001 typed into the list, saying it begins its
    Reasons 'locked as agreed', then said again that their Reasons now begin so, as the
    Settings sheet records the two as agreed. The warning says it once; P017's Reasons,
    emptied and begun again from the record without a warning, are still said."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair 'kept' now
    where = _set_list(paired, "P001, P017")
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["S18"].value = None
    book.save(paired)
    said = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert (f"{where} lists pair P001 (Dr Amelia Ashworth and Prof Chidi Zielinski) as "
            "agreed in advance, but its How paired cell (Pairs!T2) says 'kept' and its "
            "Reasons (Pairs!S2) do not begin 'locked as agreed': was its ID typed into that "
            "list, or the Reasons typed over? This run takes the list at its word: it begins "
            "its Reasons 'locked as agreed' and keeps the two as agreed in advance from now "
            "on, their letters saying so.") in said
    assert said.count("Pairs!S2") == 2  # in the warning, and its way back; no note after
    assert "The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!S18), as the " \
        "Settings sheet records its two as agreed in advance, which its letters say." in said
    assert said.count("now begin 'locked as agreed'") == 1
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert str(sheet["S2"].value).startswith("locked as agreed; ")
    assert str(sheet["S18"].value).startswith("locked as agreed; ")
