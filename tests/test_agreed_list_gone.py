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
    _delete_settings_rows(paired, "Pairs agreed in advance", "Pairs the last pairing")
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
                      "and 'wessex pair --keep' would begin its Reasons 'locked as agreed' "
                      f"again. If they did not agree in advance, take P001 out of {where}.") \
        in status
    assert status.count("Warning") == 1  # none of P017, agreed, as its cells say
    rendered = _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "-o",
                     "letters", "--format", "md")
    assert warning in rendered
    dry = _said(run, "pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert warning + ("Without --dry-run, this run would begin its Reasons 'locked as "
                      "agreed' again and keep the two as agreed in advance from then on, "
                      "their letters saying so. If they did not agree in advance, take P001 "
                      f"out of {where} before running without --dry-run.") in dry
    # the way back, followed: nothing said, the letters say the pairing chose them
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
