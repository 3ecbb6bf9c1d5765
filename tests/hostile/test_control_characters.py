"""Control characters and odd e-mail cells: cleaned where text enters, each with a warning
naming its cell, so that none reaches a terminal, an e-mail header, a Word document or a
workbook; an e-mail cell is understood or refused with its cell, never an internal error."""

from __future__ import annotations

import email
import json
import os
import re
import subprocess
import sys
import zipfile
from email import policy
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from wessex_cli.text import address_from_cell, has_controls, strip_controls

from ..conftest import Runner

CONTROLS = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b"]
BAD = {
    "name": "\x1b[31mDr Ann\x00 Example\x1b[0m",
    "organisation": "Harbour\x07 Surgery\x1b]0;owned\x07",
    "adjustments": "Step-free\x0c access\x9b2J",
    "phone": "01632\x08 960001",
}
HEADERS = ["Name", "Email", "Profession", "Organisation", "Phone", "Adjustments"]


def _book(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS,
          sheet: str = "Volunteers") -> Path:
    """xlsxwriter keeps control characters in cells (as Excel does), unlike openpyxl."""
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(sheet)
    page.write_row(0, 0, headers)
    for number, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            page.write_string(number, col, value) if isinstance(value, str) else \
                page.write(number, col, value)
    book.close()
    return path


def _roster(path: Path, first_email: str = "ann@nhs.net") -> Path:
    return _book(path, [
        [BAD["name"], first_email, "GP", BAD["organisation"], BAD["phone"], BAD["adjustments"]],
        ["Ben Sample", "ben@example.org", "Consultant", "General Hospital", "", ""],
    ])


def _no_controls(data: bytes | str) -> None:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    found = [c for c in CONTROLS if c in text]
    assert not found, found


def test_check_warns_with_each_cell_and_shows_no_control_character(run: Runner,
                                                                   tmp_path: Path) -> None:
    _roster(tmp_path / "v.xlsx")
    result = run("check", "v.xlsx", "--json")
    _no_controls(result.output)
    problems = json.loads(result.stdout)["problems"]
    cells = {p["cell"] for p in problems if "control characters" in p["message"]}
    assert cells == {"Volunteers!A2", "Volunteers!D2", "Volunteers!E2", "Volunteers!F2"}
    _no_controls(run("check", "v.xlsx").output)


def test_pairs_workbook_and_every_document_format_are_clean(run: Runner,
                                                            tmp_path: Path) -> None:
    _roster(tmp_path / "v.xlsx")
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    with zipfile.ZipFile(tmp_path / "pairs.xlsx") as archive:
        for name in archive.namelist():
            data = archive.read(name).decode("utf-8", "replace")
            assert "_x001B_" not in data and "_x0000_" not in data, name
            _no_controls(data)
    status = run("status", "pairs.xlsx")
    _no_controls(status.output)
    assert "Dr Ann Example" in status.output
    for fmt in ("docx", "eml", "txt", "html", "md"):  # docx used to stop with an internal error
        run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", fmt,
            "-o", fmt, "--allow-placeholders")
        written = sorted((tmp_path / fmt / "partner-introduction").iterdir())
        assert len(written) == 2
        for path in written:
            if fmt == "docx":
                with zipfile.ZipFile(path) as archive:
                    body = archive.read("word/document.xml").decode()
                _no_controls(body)
            else:
                _no_controls(path.read_bytes())
    # Ann's organisation reaches her partner's letter, cleaned
    assert "Harbour Surgery" in (tmp_path / "md" / "partner-introduction" /
                                 "ben-sample.md").read_text(encoding="utf-8")


def test_email_headers_carry_no_control_characters(run: Runner, tmp_path: Path) -> None:
    _roster(tmp_path / "v.xlsx")
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "eml",
        "--allow-placeholders")
    path = tmp_path / "documents" / "partner-introduction" / "ann-example.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "Dr Ann Example <ann@nhs.net>"
    for header in ("To", "From", "Subject"):
        _no_controls(str(message[header]))


def test_a_pairs_workbook_cell_is_cleaned_with_a_warning_naming_it(run: Runner,
                                                                   tmp_path: Path) -> None:
    _roster(tmp_path / "v.xlsx")
    run("pair", "v.xlsx", "-o", "clean.xlsx")
    # Someone pastes terminal codes into the pairs workbook itself.
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(tmp_path / "clean.xlsx")) as book:
        rows = book.get_sheet_by_name("Pairs").to_python()
    headers = [str(h) for h in rows[0]]
    rows[1][headers.index("A name")] = "\x1b[2J\x1b[HAnn Example"
    _book(tmp_path / "pairs.xlsx", [list(r) for r in rows[1:]], headers, "Pairs")
    result = run("status", "pairs.xlsx")
    _no_controls(result.output)
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("A name")]
    warning = f"Pairs!{column}2: this cell held control characters"
    assert warning in result.output
    for args in (["render", "partner-introduction", "--pairs", "pairs.xlsx",
                  "--allow-placeholders"],
                 ["remind", "pairs.xlsx", "-o", "reminders", "--allow-placeholders"]):
        output = run(*args).output
        assert warning in output
        _no_controls(output)


def test_a_users_template_holding_a_control_character_still_makes_a_word_file(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test\\u001b[5m"\n',
                                          encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "note.md.j2").write_text(
        '+++\ntitle = "Note"\naudience = "scheme"\n+++\nA bell\x07 here, {{ scheme.name }}.\n',
        encoding="utf-8")
    run("render", "note", "--format", "docx", "--allow-placeholders")
    with zipfile.ZipFile(tmp_path / "documents" / "note.docx") as archive:
        body = archive.read("word/document.xml").decode()
    _no_controls(body)
    assert re.search(r"A bell\s+here, Test\.", body)


def test_email_cells_with_angle_brackets_are_understood(run: Runner, tmp_path: Path) -> None:
    _book(tmp_path / "v.xlsx", [
        ["Ann Example", "Ann Example <ann@nhs.net>", "GP", "Harbour Surgery", "", ""],
        ["Ben Sample", "<ben@example.org>", "Consultant", "General Hospital", "", ""],
    ])
    data = json.loads(run("check", "v.xlsx", "--json").stdout)
    assert [p for p in data["problems"] if p["severity"] == "error"] == []
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "eml",
        "--allow-placeholders")
    folder = tmp_path / "documents" / "partner-introduction"
    to = {str(email.message_from_bytes(p.read_bytes(), policy=policy.default)["To"])
          for p in folder.iterdir()}
    assert to == {"Ann Example <ann@nhs.net>", "Ben Sample <ben@example.org>"}


def test_an_email_cell_that_cannot_be_understood_is_refused_with_its_cell(
        run: Runner, tmp_path: Path) -> None:
    _book(tmp_path / "v.xlsx", [
        ["Ann Example", "Ann, Bob <ann@nhs.net>", "GP", "Harbour Surgery", "", ""],
        ["Ben Sample", "ben@example.org", "Consultant", "General Hospital", "", ""],
    ])
    result = run("check", "v.xlsx", code=1)
    assert "Volunteers!B2" in result.output and "not a valid e-mail" in result.output
    assert "internal" not in result.output


def test_a_bad_address_in_the_pairs_workbook_is_a_warning_then_a_refusal(
        run: Runner, tmp_path: Path) -> None:
    _roster(tmp_path / "v.xlsx")
    run("pair", "v.xlsx", "-o", "clean.xlsx")
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(tmp_path / "clean.xlsx")) as book:
        rows = book.get_sheet_by_name("Pairs").to_python()
    headers = [str(h) for h in rows[0]]
    for row in rows[1:]:
        row[headers.index("A email")] = "<ann@nhs@net>"
    _book(tmp_path / "pairs.xlsx", [list(r) for r in rows[1:]], headers, "Pairs")
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("A email")]
    status = run("status", "pairs.xlsx")
    assert f"Pairs!{column}2: '" in status.output and "not a valid e-mail" in status.output
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "eml",
                 "--allow-placeholders", code=1)
    assert f"Pairs!{column}2: '<ann@nhs@net>' is not a valid e-mail address" in \
        " ".join(result.output.split())
    assert "internal" not in result.output
    assert not (tmp_path / "documents").exists()


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_cleaned_text_never_holds_a_control_character(text: str) -> None:
    cleaned = strip_controls(text)
    assert not has_controls(cleaned)
    assert not any(ord(c) < 32 and c not in "\t\n\r" or 0x7F <= ord(c) <= 0x9F
                   for c in cleaned)
    assert strip_controls(cleaned) == cleaned
    if text.isprintable():
        assert cleaned == text


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_reading_an_address_never_fails(text: str) -> None:
    address_from_cell(text)


def test_a_reason_typed_with_control_characters_is_cleaned(run: Runner, tmp_path: Path) -> None:
    _roster(tmp_path / "v.xlsx")
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    result = run("withdraw", "pairs.xlsx", "Ben Sample", "--reason", "moved\x1b[31m away\x00")
    _no_controls(result.output)
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Withdrawn"]
    assert sheet.cell(2, 2).value == "moved away "


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_among_the_templates_is_refused_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    os.mkfifo(tmp_path / "templates" / "letter.md.j2")
    done = subprocess.run([sys.executable, "-m", "wessex_cli", "documents"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "letter.md.j2" in done.stderr and "not an ordinary file" in done.stderr
