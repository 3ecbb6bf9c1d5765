"""Attacks on the privacy promises: formula text in every file written (issue 9.6), names in
the delegate pack (9.4), disclosure in equality tables (9.5), and the workbooks and packs
people are handed (12.9, 12.10).

Every attack is built here in code; expected values are written by hand from the issue.
"""

from __future__ import annotations

import csv
import io
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import docx
import openpyxl

from ..conftest import Runner

# The first characters a spreadsheet runs as a formula when it parses text (OWASP CSV
# injection), written out by hand rather than taken from the code under test.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

HOSTILE_PEOPLE = [
    {"Name": "Dr Ann Hale", "Email": "+ann@nhs.net", "Phone": "+44 7700 900001",
     "Profession": "GP", "Organisation": "-Harbour Surgery", "Specialty": "@SUM(1)",
     "Notes": "＝1+1"},
    {"Name": '=HYPERLINK("http://evil.example.org","x")', "Email": "bob@nhs.net",
     "Phone": "=1+2", "Profession": "Consultant", "Organisation": "General Hospital",
     "Specialty": "\tCardiology", "Notes": "＠cmd"},
    {"Name": "Cora Lund", "Email": "cora@nhs.net", "Phone": "-1", "Profession": "GP",
     "Organisation": "＋Hill Practice", "Specialty": "＝1+1", "Notes": "\rline"},
    {"Name": "Dev Amin", "Email": "dev@nhs.net", "Phone": "07700 900004",
     "Profession": "Consultant", "Organisation": "City Hospital", "Specialty": "－5",
     "Notes": ""},
]
TYPED = [v for p in HOSTILE_PEOPLE for k, v in p.items()
         if k != "Notes" and v and v.startswith(DANGEROUS)]


def write_hostile_roster(folder: Path) -> Path:
    path = folder / "v.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(HOSTILE_PEOPLE[0]))
        writer.writeheader()
        writer.writerows(HOSTILE_PEOPLE)
    return path


def xlsx_cells(path: Path) -> list[Any]:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula_cells(path: Path) -> list[str]:
    """No cell of ``path`` is a formula, and no text carries a neutralising apostrophe."""
    cells = xlsx_cells(path)
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    assert formulas == [], (path.name, formulas)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    quoted = [t for t in texts if t.startswith("'") and t[1:].startswith(DANGEROUS)]
    assert quoted == [], (path.name, quoted)
    return texts


def test_xlsx_cells_hold_the_text_as_typed_and_never_a_formula(run: Runner,
                                                                tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    texts = assert_no_formula_cells(tmp_path / "pairs.xlsx")
    for value in TYPED:
        if value.startswith(("\t", "\r")):
            continue  # the reader folds surrounding whitespace, as for any cell
        assert value in texts, value
    run("mailmerge", "pairs.xlsx", "-o", "merge.xlsx")
    merged = assert_no_formula_cells(tmp_path / "merge.xlsx")
    assert "+44 7700 900001" in merged and "+ann@nhs.net" in merged
    run("equality", "template", "-o", "forms.xlsx")
    assert_no_formula_cells(tmp_path / "forms.xlsx")
    run("init", "fresh")
    assert_no_formula_cells(tmp_path / "fresh" / "volunteers.xlsx")


def test_formula_like_text_in_xlsx_is_quote_prefixed_for_later_edits(run: Runner,
                                                                     tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    cells = xlsx_cells(tmp_path / "pairs.xlsx")
    phone = next(c for c in cells if c.value == "+44 7700 900001")
    assert phone.data_type == "s" and phone.quotePrefix
    plain = next(c for c in cells if c.value == "Dr Ann Hale")
    assert not plain.quotePrefix


def test_no_apostrophe_leaks_into_rendered_documents(run: Runner, tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    for fmt in ("txt", "md", "html", "eml", "docx"):
        run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", fmt,
            "-o", fmt)
    text = "\n".join(p.read_text("utf-8") for p in (tmp_path / "txt").rglob("*.txt"))
    assert "Telephone: +44 7700 900001" in text
    assert "Telephone: =1+2" in text
    docx_text = "\n".join(
        paragraph.text for p in (tmp_path / "docx").rglob("*.docx")
        for paragraph in docx.Document(str(p)).paragraphs)
    assert "+44 7700 900001" in docx_text
    addressed = []
    for eml in (tmp_path / "eml").rglob("*.eml"):
        message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
        addressed.append(str(message["To"]))
        body = message.get_body(("plain",))
        assert body is not None
        text += body.get_content()
    assert any(to.endswith("<+ann@nhs.net>") for to in addressed), addressed
    for folder in ("md", "html"):
        text += "\n".join(p.read_text("utf-8") for p in (tmp_path / folder).rglob("*.*"))
    text += docx_text
    for mark in DANGEROUS[:4]:
        assert f"'{mark}" not in text, mark


def test_csv_neutralises_every_dangerous_first_character(run: Runner, tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    run("mailmerge", "pairs.xlsx", "-o", "merge.csv")
    raw = (tmp_path / "merge.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, raw
    for cell in cells:
        assert not cell.lstrip(" ").startswith(DANGEROUS), cell
    # the values are there, made inert with one apostrophe and otherwise as typed
    for expected in ("'+44 7700 900001", "'+ann@nhs.net", "'-Harbour Surgery", "'@SUM(1)",
                     "'＝1+1", "'＋Hill Practice", "'=1+2", "'－5"):
        assert expected in cells, expected
    # every field is quoted (OWASP), so a separator inside a value never splits it
    for line in raw.strip("\r\n").split("\r\n")[:1]:
        assert line.startswith('"') and line.endswith('"')


def test_withdraw_writes_a_formula_reason_as_text(run: Runner, tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    reason = '=HYPERLINK("http://evil.example.org","click me")'
    run("withdraw", "pairs.xlsx", "Dev Amin", "--reason", reason)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    withdrawn = book["Withdrawn"]
    cells = [c for row in withdrawn.iter_rows() for c in row]
    assert any(c.value == reason and c.data_type == "s" for c in cells)
    # the copied row keeps the other pair member's formula-like text as text, too
    assert any(c.value == "-1" or c.value == "+44 7700 900001" or c.value == "=1+2"
               for c in cells)
    assert_no_formula_cells(tmp_path / "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "bob@nhs.net", "--reason", "@SUM(A1:A9)")
    assert_no_formula_cells(tmp_path / "pairs.xlsx")
