"""An e-mail is written to nobody whose address is missing or not an address: the render
stops before writing any, naming the cell of each, as a missing address stopped it (an
invalid one was warned of and its draft written all the same). Letters in other formats
need no address and are written."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record import DRAFT, columns, paired, people  # noqa: F401 - paired: a fixture


def _two_bad(book_path: Path) -> tuple[str, str]:
    """Break GP 0's address (no dot after the @) and blank Consultant ?'s in row 3: their
    cells, as the administrator finds them."""
    book = openpyxl.load_workbook(book_path)
    sheet = book["Pairs"]
    col = columns(sheet)
    typo = sheet.cell(2, col["A email"])
    typo.value = "gp0@example"  # the example.org of people() lost its ".org"
    blank = sheet.cell(3, col["B email"])
    blank.value = None
    book.save(book_path)
    return typo.coordinate, blank.coordinate


def test_no_draft_is_written_while_an_address_is_missing_or_invalid(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    typo, blank = _two_bad(paired)
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    typo_name = sheet.cell(2, columns(sheet)["A name"]).value
    blank_name = sheet.cell(3, columns(sheet)["B name"]).value
    refused = run("render", "partner-introduction", "--pairs", "pairs.xlsx", DRAFT, code=1)
    said = " ".join(refused.stderr.split())
    assert "no e-mail of 'partner-introduction' was written, as 2 of the 8 cannot be " \
        "addressed" in said
    assert f"Pairs!{typo}: 'gp0@example' is not a valid e-mail address" in said
    assert f"for {typo_name}" in said
    assert f"Pairs!{blank}: {blank_name} has no e-mail address" in said
    assert not (tmp_path / "documents").exists()  # none of the six good ones either
    reminded = run("remind", "pairs.xlsx", "-o", "reminders", DRAFT, code=1)
    assert f"Pairs!{typo}: 'gp0@example'" in " ".join(reminded.stderr.split())
    assert not (tmp_path / "reminders").exists()


def test_a_letter_in_another_format_needs_no_address(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    """The notice for patients, one for each GP hosting, gives nobody's address (a letter
    that gives the partner's is held back while it is wrong: test_partner_address)."""
    _two_bad(paired)
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "docx", DRAFT)
    assert len(list((tmp_path / "documents" / "patient-notice").iterdir())) == 4


def test_an_invalid_address_alone_stops_the_drafts(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    """The warning said 'correct it before sending anything to this person', and the draft
    to 'gp0@example' was written with the others, ready to send."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"].cell(2, columns(book["Pairs"])["A email"]).value = "gp0@example"
    book.save(paired)
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", DRAFT, code=1)
    assert not (tmp_path / "documents").exists()


def test_two_people_without_an_address_are_two_people(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    """A letter to each volunteer told people apart by their e-mail alone: two without one
    were one person, so the second got no invitation in any format, and the refusal to
    write e-mails named only the first."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    cells = [sheet.cell(2, col["A email"]), sheet.cell(3, col["B email"])]
    for cell in cells:
        cell.value = None
    book.save(paired)
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "--format", "docx", DRAFT)
    assert len(list((tmp_path / "documents" / "celebration-invite").iterdir())) == 8
    refused = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "mail", DRAFT,
                  code=1)
    said = " ".join(refused.stderr.split())
    assert "as 2 of the 8 cannot be addressed" in said
    assert all(f"Pairs!{cell.coordinate}: " in said for cell in cells)


def test_the_refusal_itself_names_the_cell(run: Runner, paired: Path) -> None:  # noqa: F811
    """The reader's warning above the refusal names the cell too; the refusal is what stops
    the batch, so it names the cell itself, whether the letter is to a pair's person or to
    each volunteer (what is wrong with it, the warning says)."""
    book = openpyxl.load_workbook(paired)
    cell = book["Pairs"].cell(2, columns(book["Pairs"])["A email"])
    cell.value = "gp0@example"
    name = book["Pairs"].cell(2, columns(book["Pairs"])["A name"]).value
    book.save(paired)
    for template in ("partner-introduction", "celebration-invite"):
        refused = run("render", template, "--pairs", "pairs.xlsx", DRAFT, code=1)
        assert (f"as 1 of the 8 cannot be addressed: Pairs!{cell.coordinate} ({name}'s "
                "address, warned of above).") in " ".join(refused.stderr.split())


def test_the_warning_and_the_refusal_word_the_fault_alike(run: Runner,
                                                          paired: Path) -> None:  # noqa: F811
    """The reader of the Pairs sheet warned 'correct it before sending anything to this
    person', naming nobody, where the refusal below it and the warning of someone in no pair
    name whom the address is for: one wording for all three now, and the refusal leaves the
    fault to the warning just above it, which says it with the fix (it said it again, word for
    word)."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    cell = sheet.cell(2, columns(sheet)["A email"])
    cell.value = "gp0@example"
    name = sheet.cell(2, columns(sheet)["A name"]).value
    book.save(paired)
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", DRAFT,
                        code=1).stderr.split())
    fault = (f"Pairs!{cell.coordinate}: 'gp0@example' is not a valid e-mail address (The part "
             f"after the @-sign is not valid. It should have a full stop), for {name}")
    assert f"{fault}; correct it before sending anything to them." in said  # the warning
    assert said.count(fault) == 1
    assert f"cannot be addressed: Pairs!{cell.coordinate} ({name}'s address, warned of " \
        "above). Fill in or correct the address in each cell named" in said  # the refusal
