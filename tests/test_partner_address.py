"""A letter in any format that gives the partner's e-mail address (the partner introduction,
the reminder) is not written while that address is missing or not an address: the Word
letter told its reader to write to 'gp0@example', or printed "E-mail:" and nothing, and the
corrected run then needed --force over the letters already written."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record import DRAFT, columns, paired  # noqa: F401 - paired: a fixture


def _names(book_path: Path, row: int) -> tuple[str, str]:
    sheet = openpyxl.load_workbook(book_path)["Pairs"]
    col = columns(sheet)
    return sheet.cell(row, col["A name"]).value, sheet.cell(row, col["B name"]).value


def _type_a_email(book_path: Path, typed: str) -> None:
    """Type ``typed`` in the first pair's A email cell (row 2)."""
    book = openpyxl.load_workbook(book_path)
    book["Pairs"].cell(2, columns(book["Pairs"])["A email"]).value = typed
    book.save(book_path)


def test_no_word_letter_gives_a_partner_address_that_is_wrong_or_missing(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    sheet.cell(2, col["A email"]).value = "gp0@example"  # its ".org" lost
    sheet.cell(3, col["B email"]).value = None
    typo, blank = sheet.cell(2, col["A email"]).coordinate, sheet.cell(3, col["B email"]).coordinate
    book.save(paired)
    mistyped, told_wrong = _names(paired, 2)  # B's letter would give A's address
    told_nothing, missing = _names(paired, 3)  # A's letter would give B's none
    for args in (["render", "partner-introduction", "--format", "docx"],
                 ["render", "reminder", "--format", "txt"]):
        refused = run(*args, "--pairs", "pairs.xlsx", DRAFT, code=1)
        said = " ".join(refused.stderr.split())
        # each named by its cell first, as the warnings above it are, which say what is
        # wrong with it
        assert f"Pairs!{typo}: 'gp0@example' is not a valid e-mail address (" in said
        assert f"Pairs!{typo} ({mistyped}'s address, warned of above), and {told_wrong}'s " \
            "copy would give it as their partner's address" in said
        assert f"Pairs!{blank}: {missing} has no e-mail address" in said
        assert f"Pairs!{blank} ({missing}'s address, warned of above), and {told_nothing}'s " \
            "copy would leave their partner's address blank" in said
        assert "Fill in or correct the address in each cell named" in said
        assert not (tmp_path / "documents").exists()  # not one letter of the batch
    book = openpyxl.load_workbook(paired)
    book["Pairs"][typo].value = "gp0@example.org"
    book["Pairs"][blank].value = "c9@example.org"
    book.save(paired)
    # corrected, the same command writes them all, with no --force
    run("render", "partner-introduction", "--format", "docx", "--pairs", "pairs.xlsx", DRAFT)
    assert len(list((tmp_path / "documents" / "partner-introduction").iterdir())) == 8


def test_a_letter_that_gives_no_partner_address_needs_none(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    """The celebration invitation names nobody's address: written whatever the cells say."""
    _type_a_email(paired, "gp0@example")
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "--format", "docx", DRAFT)
    assert len(list((tmp_path / "documents" / "celebration-invite").iterdir())) == 8


def test_the_refusal_quotes_the_partners_cell_as_typed(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    # it quoted the address with its spaces taken out ('gp0@exampleorg'), where the warning
    # above it quoted the cell as typed
    _type_a_email(paired, "gp0@example org")
    refused = run("render", "partner-introduction", "--format", "docx", "--pairs", "pairs.xlsx",
                  DRAFT, code=1)
    said = " ".join(refused.stderr.split())
    # by the warning, and only there: the refusal below it names the cell
    assert said.count("'gp0@example org' is not a valid e-mail address") == 1
    assert "exampleorg" not in said


def test_a_partner_address_given_in_the_subject_or_in_capitals_is_found(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    """A template of the administrator's own that gives the partner's address in its subject
    line, or in capitals, gives it all the same: it was looked for in the body only, as
    written, and the letter went out with 'gp0@example' in it."""
    _type_a_email(paired, "gp0@example")  # its ".org" lost
    mistyped, told_wrong = _names(paired, 2)
    own = tmp_path / "templates"
    own.mkdir()
    bodies = {"subject-line": ('subject = "Write to {{ partner.email }}"', "Dear you"),
              "capitals": ("", "WRITE TO {{ partner.email | upper }}")}
    for name, (subject, body) in bodies.items():
        (own / f"{name}.md.j2").write_text(f'+++\naudience = "pair"\n{subject}\n+++\n{body}\n',
                                           encoding="utf-8")
        refused = run("render", name, "--format", "docx", "--pairs", "pairs.xlsx", DRAFT,
                      code=1)
        said = " ".join(refused.stderr.split())
        assert f"({mistyped}'s address, warned of above), and {told_wrong}'s copy would give " \
            "it as their partner's address" in said
        assert not (tmp_path / "documents").exists()
