"""A cell holding two addresses (a work one and another, as administrators keep them) is
said to, with what to do, at check and at render: it was "The part after the @-sign
contains invalid characters: ';', '@'", which sent the administrator looking for a typo."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from wessex_cli.roster import email_problem

from .conftest import Runner, person, write_book
from .test_record import DRAFT, columns, paired  # noqa: F401 - paired: a fixture

TWO = "It holds 2 addresses, and a cell takes one: keep the one to write to, and put the " \
    "other in Notes"


@pytest.mark.parametrize("cell", ["ann@example.org;ann.home@example.org",
                                  "ann@example.org,ann.home@example.org",
                                  "ann@example.org/ann.home@example.org"])
def test_two_addresses_are_said_to_be_two(cell: str) -> None:
    assert email_problem(cell) == TWO + "."


def test_three_are_counted_and_a_typo_is_still_a_typo() -> None:
    assert email_problem("a@example.org;b@example.org;c@example.org") == \
        "It holds 3 addresses, and a cell takes one: keep the one to write to, and put " \
        "the others in Notes."
    assert "2 addresses" not in (email_problem("ann@example,org") or "")
    assert "2 addresses" not in (email_problem("ann@example.org;") or "")


@pytest.mark.parametrize(("cell", "said"), [
    # pasted from Outlook, which ends each address with "; "
    ("ann@example.org;", "It ends in ';' after the address: take the ';' out."),
    ("ann@example.org,", "It ends in ',' after the address: take the ',' out."),
    # a note typed after it (its spaces taken out, as an address cell's are)
    ("ann@example.org;seenotes", "It holds an address and, after ';', other text: keep the "
                                 "address alone, and put the rest in Notes."),
])
def test_one_address_and_a_separator_is_said_so(cell: str, said: str) -> None:
    # it was "The part after the @-sign contains invalid characters: ';'"
    assert email_problem(cell) == said
    assert email_problem("ann@example;org") not in (said, None)  # a typo is still a typo


def test_check_and_render_say_so_naming_the_cell(run: Runner, tmp_path: Path,
                                                 paired: Path) -> None:  # noqa: F811
    write_book(tmp_path / "two.xlsx", [
        person("Ann Lee", "ann@example.org; ann.home@example.org", "GP"),
        person("Bo Hale", "bo@example.org", "Consultant")])
    said = " ".join(run("check", "two.xlsx", code=1).output.split())
    assert "Volunteers!B2 │ 'ann@example.org; ann.home@example.org' is not a valid " in said
    assert "It holds 2 addresses, and a cell takes one" in said
    # said once, as the error it is: not also as an address with a space to take out
    assert "has a space in it" not in said
    book = openpyxl.load_workbook(paired)
    book["Pairs"].cell(2, columns(book["Pairs"])["A email"]).value = \
        "gp0@example.org; gp0.home@example.org"
    book.save(paired)
    refused = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", DRAFT,
                           code=1).stderr.split())
    assert "Pairs!C2: 'gp0@example.org; gp0.home@example.org' is not a valid e-mail " \
        f"address ({TWO})" in refused


def test_the_refusal_quotes_the_cell_as_typed_as_the_warning_does(
        run: Runner, paired: Path) -> None:  # noqa: F811
    """The warning quoted the cell as typed, and the refusal below it the address with its
    spaces taken out ('gp0@example.org;gp0.home@example.org'), which is in no cell (the
    refusal now leaves the quoting to the warning, and names the cell)."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"].cell(2, columns(book["Pairs"])["A email"]).value = \
        "gp0@example.org; gp0.home@example.org"
    name = book["Pairs"].cell(2, columns(book["Pairs"])["A name"]).value
    book.save(paired)
    for template in ("partner-introduction", "celebration-invite"):  # a pair's, everyone's
        refused = " ".join(run("render", template, "--pairs", "pairs.xlsx", DRAFT,
                               code=1).stderr.split())
        assert "Pairs!C2: 'gp0@example.org; gp0.home@example.org' is not a valid e-mail " \
            f"address ({TWO})" in refused
        assert f"cannot be addressed: Pairs!C2 ({name}'s address, warned of above)" in refused
        assert "gp0@example.org;gp0.home" not in refused


def test_the_warning_of_a_withdrawn_partner_quotes_the_cell_as_typed(
        run: Runner, tmp_path: Path) -> None:
    """On the Withdrawn sheet, read as the Pairs sheet is, the partner of one who left the
    scheme was warned of as 'oliver@example.org;oliver.home@example.org', in no cell."""
    from .test_words import withdrawn_partner

    book, partner, address, _ = withdrawn_partner(run, tmp_path)
    address.value = "partner@example.org; partner.home@example.org"
    book.save(tmp_path / "pairs.xlsx")
    said = " ".join(run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "d",
                        "--format", "docx").stderr.split())
    assert f"Withdrawn!{address.coordinate}: 'partner@example.org; partner.home@example.org' " \
        f"is not a valid e-mail address ({TWO}), for {partner} (in no pair now); correct it" \
        in said
