"""Attacks on the privacy promises: formula text in every file written (issue 9.6), names in
the delegate pack (9.4), disclosure in equality tables (9.5), and the workbooks and packs
people are handed (12.9, 12.10).

Every attack is built here in code; expected values are written by hand from the issue.
"""

from __future__ import annotations

import csv
import io
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from wessex_cli.feedback import Anonymiser

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


# ---------------------------------------------------------------- 9.4: the delegate pack

ROSTER = [
    # name, e-mail, profession, organisation, status
    ("Dr Siân Ó Briain", "sian@nhs.net", "GP", "Quayside Surgery", ""),
    ("Tomás Ferreira", "tomas@nhs.net", "Consultant", "Riverside Hospital", ""),
    ("Nkechi Adebayo-Lewis", "nkechi@nhs.net", "GP", "Millbrook Practice", ""),
    ("Prof Zoë Lindqvist", "zoe@nhs.net", "Consultant", "Riverside Hospital - ENT", ""),
    ("Orla Quennell", "orla@nhs.net", "GP", "Fernhill Surgery", "withdrawn"),
    ("Wren Halloway", "not-an-address", "GP", "Ashgrove Surgery", ""),  # an error row
    ("Bartholomew Knyvett", "bart@nhs.net", "GP", "Larch Surgery", ""),  # left unpaired
]


def write_roster(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Volunteers"
    sheet.append(["Name", "Email", "Profession", "Organisation", "Status"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_survey(folder: Path, answers: list[tuple[str, str, str]]) -> Path:
    """(respondent's own name, profession, answer to the first question) per response."""
    path = folder / "responses.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Your name", "Profession", "What surprised you on the visit?",
                         "What will you take back to your workplace?"])
        for own, profession, answer in answers:
            writer.writerow([own, profession, answer, "More joint teaching"])
    return path


# Each name in every way a respondent might write it: capitals, no accents, a title.
MENTIONS = {
    "Siân": ["SIAN was brilliant", "sian showed me round", "Dr Sian's clinic",
             "Dr. Siân Ó Briain ran it", "O BRIAIN again"],
    "Tomás": ["Tomas met me", "Dr Tomas explained", "TOMÁS FERREIRA was kind",
              "ferreira's team"],
    "Nkechi": ["NKECHI and I", "Adebayo-Lewis took notes", "adebayo lewis too"],
    "Zoë": ["Prof Zoe Lindqvist", "zoe's ward round", "LINDQVIST!"],
    "Orla": ["orla quennell (withdrawn) told me"],
    "Wren": ["Wren HALLOWAY phoned"],
    "Bartholomew": ["bartholomew knyvett came along"],
}
PARTS = ["sian", "briain", "tomas", "ferreira", "nkechi", "adebayo", "lewis", "zoe",
         "lindqvist", "orla", "quennell", "wren", "halloway", "bartholomew", "knyvett"]


def folded(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


def survey_answers() -> list[tuple[str, str, str]]:
    answers = [("", "GP" if i % 2 else "Consultant", text)
               for i, text in enumerate(t for texts in MENTIONS.values() for t in texts)]
    answers.append(("Yusuf Okafor-Blake", "GP", "I, YUSUF, learnt a lot"))
    return answers


def test_pack_names_nobody_from_any_source(run: Runner, tmp_path: Path) -> None:
    write_roster(tmp_path / "volunteers.xlsx", ROSTER)
    # 'pair' refuses a workbook with errors, so pairing uses the rows without one
    write_roster(tmp_path / "clean.xlsx", [r for r in ROSTER if "@" in r[1]])
    write_survey(tmp_path, survey_answers())
    run("pair", "clean.xlsx")
    # Orla withdrew before pairing (Status); Tomás withdraws now: his name then lives only
    # on the Withdrawn sheet; Bartholomew only on Unpaired.
    run("withdraw", "pairs.xlsx", "tomas@nhs.net", "--reason", "moved away")
    for sources in (["--volunteers", "volunteers.xlsx"], ["--pairs", "pairs.xlsx"],
                    ["--volunteers", "volunteers.xlsx", "--pairs", "pairs.xlsx"]):
        run("feedback", "responses.csv", *sources, "-o", "pack.html", "--force")
        run("feedback", "responses.csv", *sources, "-o", "pack.md", "--format", "md",
            "--force")
        for pack in ("pack.html", "pack.md"):
            page = folded((tmp_path / pack).read_text("utf-8"))
            expected = set(PARTS) | {"yusuf", "okafor", "blake"}
            if sources == ["--pairs", "pairs.xlsx"]:
                # the pairs workbook never held Orla (withdrawn before pairing) or Wren
                # (an error row): by the rules only the volunteer workbook knows them
                expected -= {"orla", "quennell", "wren", "halloway"}
            left = sorted(p for p in expected if re.search(rf"\b{p}\b", page))
            assert left == [], (sources, pack, left)
            assert "no quote names anyone known to the scheme" in page
            assert "only from what respondents wrote about themselves" not in page
            assert "[name]" in page


def test_pack_without_a_names_source_is_refused_or_says_so(run: Runner,
                                                           tmp_path: Path) -> None:
    write_survey(tmp_path, survey_answers())
    result = run("feedback", "responses.csv", "-o", "pack.html", code=1)
    assert "--no-names-source" in result.stderr and "responses.csv" in result.stderr
    assert result.stderr.strip().count("\n") == 0 or "Traceback" not in result.stderr
    assert not (tmp_path / "pack.html").exists()
    run("feedback", "responses.csv", "-o", "pack.html", "--no-names-source")
    page = (tmp_path / "pack.html").read_text("utf-8")
    assert "only from what respondents wrote about themselves" in page
    assert "identified" not in page and "names anyone" not in page
    assert "Yusuf" not in page and "YUSUF" not in page  # their own name is still removed
    assert "Okafor" not in page


@settings(max_examples=150, deadline=None)
@given(first=st.sampled_from(["Siân", "Tomás", "Zoë", "Ngozi", "Ífeoma", "Søren"]),
       last=st.sampled_from(["Ó Briain", "Müller-Ross", "Nuñez", "Ashworth", "D'Arcy"]),
       form=st.sampled_from(["upper", "lower", "plain", "titled", "dotted", "possessive",
                             "surname"]),
       before=st.text(alphabet="abc .,!", max_size=12),
       after=st.text(alphabet="xyz .,!", max_size=12))
def test_names_match_whatever_their_case_accents_or_title(first: str, last: str, form: str,
                                                          before: str, after: str) -> None:
    anonymise = Anonymiser([f"Dr {first} {last}"])
    plain_first = folded(first)
    written = {"upper": f"{first} {last}".upper(), "lower": f"{first} {last}".lower(),
               "plain": plain_first.title(), "titled": f"Dr {plain_first}",
               "dotted": f"DR. {first.upper()}", "possessive": f"{plain_first}'s",
               "surname": last.upper()}[form]
    clean = anonymise(f"{before} {written} {after}")
    tokens = re.findall(r"\w+", folded(f"{first} {last}"))
    for token in tokens:
        if len(token) >= 2:
            assert not re.search(rf"\b{token}\b", folded(clean)), (written, clean)
    assert "[name]" in clean


# ---------------------------------------------------------------- 12.9: reads like a report

def test_pack_counts_repeated_quotes_and_themes_per_response(run: Runner,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Profession", "What surprised you on the visit?",
                         "What will you take back to your workplace?"])
        for index in range(17):  # the same words, typed with different care
            said = "Better communication with the hospital" if index % 2 else \
                "better communication with the hospital."
            writer.writerow(["GP", said, "Joint teaching sessions"])
        writer.writerow(["GP", "The workload was huge", "I will phone more often"])
        writer.writerow(["GP", "How busy the wards were", "Joint teaching sessions"])
        writer.writerow(["GP", "Workload, workload, workload", "Nothing"])
    run("feedback", "responses.csv", "--no-names-source", "-o", "pack.md", "--format", "md")
    run("feedback", "responses.csv", "--no-names-source", "-o", "pack.html")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    page = (tmp_path / "pack.html").read_text("utf-8")
    for text in (markdown, page):
        assert text.casefold().count("better communication with the hospital") == 1
        assert text.count("(said by 17 people)") == 1
        assert text.count("Joint teaching sessions") == 1
        assert "(said by 18 people)" in text  # 18 answered "Joint teaching sessions"
        assert "The workload was huge" in text and "The workload was huge (said" not in text
        # 17 + the one who will phone: each response counts once, however often it says it
        assert "mentioned in 18 of 20 responses" in text
        assert "mentioned in 3 of 20 responses" in text  # workload, busy, workload x3
