"""Attacks on the privacy promises: formula text in every file written (issue 9.6), names in
the delegate pack (9.4), disclosure in equality tables (9.5), and the workbooks and packs
people are handed (12.9, 12.10).

Every attack is built here in code; expected values are written by hand from the issue.
"""

from __future__ import annotations

import csv
import io
import json
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wessex_cli.equality import SUPPRESS_BELOW, build_table, categorise
from wessex_cli.feedback import (
    Anonymiser,
    analyse,
    names_in_workbook,
    pack_markdown,
    without_places,
)
from wessex_cli.text import fold

from ..conftest import COMPLETE_SCHEME, Runner

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
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
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
    run("findings", "template", "-o", "tables.xlsx")
    assert_no_formula_cells(tmp_path / "tables.xlsx")


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


def test_csv_writer_neutralises_each_dangerous_start_and_nothing_else(tmp_path: Path) -> None:
    from wessex_cli.mailmerge import write_merge

    dangerous = [f"{mark}cmd|' /C calc'!A0" for mark in DANGEROUS]
    dangerous += ["  =1+1", " \t@x"]  # spreadsheets look past leading spaces
    harmless = ["Ann Hale", "ann@nhs.net", "07700 900001", "O'Brien", "1-2 May", "'quoted"]
    write_merge(tmp_path / "m.csv", ["Value"], [[v] for v in dangerous + harmless])
    rows = list(csv.reader(io.StringIO((tmp_path / "m.csv").read_bytes().decode("utf-8-sig"),
                                       newline="")))
    values = [row[0] for row in rows[1:]]
    assert values == ["'" + v for v in dangerous] + harmless
    # in .xlsx the same values are text as typed (a carriage return is stored in the file's
    # own escape, _x000D_, which openpyxl shows as it is, so that one is left out here)
    typed = [v for v in dangerous + harmless if "\r" not in v]
    write_merge(tmp_path / "m.xlsx", ["Value"], [[v] for v in typed])
    texts = assert_no_formula_cells(tmp_path / "m.xlsx")
    assert texts == ["Value", *typed]


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
    # re-pairing keeps the Withdrawn record: still text, still as typed
    run("pair", "v.csv", "--keep", "pairs.xlsx", "-o", "kept.xlsx")
    kept = assert_no_formula_cells(tmp_path / "kept.xlsx")
    assert reason in kept and "@SUM(A1:A9)" in kept
    for backup in (tmp_path / "backups").glob("*.xlsx"):
        assert_no_formula_cells(backup)


def test_every_rendered_document_is_free_of_stray_apostrophes(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")  # after the visit recorded below
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    run("visit", "pairs.xlsx", "Dr Ann Hale", "--hosted", "2027-05-04")
    assert_no_formula_cells(tmp_path / "pairs.xlsx")
    documents = json.loads(run("documents", "--json").stdout)["documents"]
    text = ""
    for document in documents:
        source = ["--volunteers", "v.csv"] if document["name"] in (
            "preferences-request", "celebration-invite") else ["--pairs", "pairs.xlsx"]
        run("render", document["name"], *source, "--format", "txt", "-o", "out")
    for path in (tmp_path / "out").rglob("*.txt"):
        text += path.read_text("utf-8")
    assert "+44 7700 900001" in text and "-Harbour Surgery" in text
    for mark in DANGEROUS[:4] + DANGEROUS[6:]:
        assert f"'{mark}" not in text, mark


# ---------------------------------------------------------------- 9.4: the delegate pack

ROSTER = [
    # name, e-mail, profession, organisation, status
    ("Dr Siân Ó Briain", "sian@nhs.net", "GP", "Quayside Surgery", ""),
    ("Tomás Ferreira", "tomas@nhs.net", "Consultant", "Riverside Hospital", ""),
    ("Nkechi Adebayo-Lewis", "nkechi@nhs.net", "GP", "Millbrook Practice", ""),
    ("Prof Zoë Lindqvist", "zoe@nhs.net", "Consultant", "Riverside Hospital - ENT", ""),
    ("Orla Quennell", "orla@nhs.net", "GP", "Fernhill Surgery", "withdrawn"),
    ("Wren Halloway", "not-an-address", "GP", "Ashgrove Surgery", ""),  # an error row
    ("Bartholomew Knyvett", "bart@nhs.net", "GP", "Larch Surgery", ""),
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
              "ferreira's team", "Dr Tomas explained the whole referral pathway to me",
              "I shadowed SIAN in her busy morning clinic and Knyvett came too"],
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
    # Orla withdrew before pairing (Status). Three GPs for two consultants leave one GP
    # on the Unpaired sheet only; Tomás withdraws now, so he and his partner live only on
    # the Withdrawn sheet.
    run("withdraw", "pairs.xlsx", "tomas@nhs.net", "--reason", "moved away")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    on_pairs = " ".join(str(c.value) for row in book["Pairs"].iter_rows() for c in row)
    assert "Tomás" not in on_pairs and len(list(book["Unpaired"].iter_rows())) == 2
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
            # the pack claims no completeness it cannot keep: a nickname it does not know
            # would still be quoted, so it asks for every quote to be read
            assert "no quote names anyone" not in page
            assert "read every quote before sharing this pack" in page
            assert "only from what respondents wrote about themselves" not in page
            assert "[name]" in page
    # the evaluation report quotes the same answers, anonymised the same way
    run("report", "pairs.xlsx", "--feedback", "responses.csv", "-o", "report.html")
    page = folded((tmp_path / "report.html").read_text("utf-8"))
    expected = set(PARTS) - {"orla", "quennell", "wren", "halloway"}
    assert sorted(p for p in expected if re.search(rf"\b{p}\b", page)) == []
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


# ---------------------------------------------------------------- 9.5: equality tables

def write_forms(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def test_a_small_column_is_not_shown_even_as_zeros(run: Runner, tmp_path: Path) -> None:
    # the case: 12 GPs and 1 consultant; "Heterosexual 0" in a consultant column
    # would tell everyone the consultant's answer
    rows = [["Profession or side", "Sexual orientation"]]
    rows += [["GP", "Heterosexual"]] * 12 + [["Consultant", "Bisexual"]]
    write_forms(tmp_path / "forms.csv", rows)
    result = run("equality", "forms.csv", "--json")
    data = json.loads(result.stdout)
    table = data["tables"][0]
    assert table["columns"] == ["All"]
    counts = {row["category"]: row["counts"]["All"] for row in table["rows"]}
    # 1 bisexual: suppressed; then heterosexual hidden too, or it would give 13 - 12
    assert counts == {"Heterosexual": "*", "Gay": "0", "Lesbian": "0", "Bisexual": "*",
                      "Another answer": "0", "Prefer not to say": "0", "Total": "15"}
    assert any("Not broken down by group" in n and "fewer than 8" in n for n in table["notes"])
    run("equality", "forms.csv", "-o", "report.html")
    page = (tmp_path / "report.html").read_text("utf-8")
    assert "Not broken down by group" in page and "<th>secondary</th>" not in page
    plain = run("equality", "forms.csv")
    assert "Note: Not broken down by group" in plain.stdout


def test_small_groups_are_pooled_when_together_large_enough(run: Runner,
                                                            tmp_path: Path) -> None:
    rows = [["Side", "Gender"]]
    # (one primary "Man": a group whose every answer is alike is never broken down)
    rows += [["primary", "Woman"]] * 9 + [["primary", "Man"]] + [["secondary", "Man"]] * 5
    rows += [["", "Woman"]] * 4  # side not stated
    write_forms(tmp_path / "forms.csv", rows)
    table = json.loads(run("equality", "forms.csv", "--json").stdout)["tables"][0]
    assert table["columns"] == ["All", "Primary care", "Other groups"]  # the side's label
    assert any("counted together as 'Other groups'" in n for n in table["notes"])


def test_fewer_answers_than_the_threshold_show_no_figure(run: Runner, tmp_path: Path) -> None:
    write_forms(tmp_path / "forms.csv", [["Side", "Gender", "Age band"]] +
                [["primary", "Woman", "35 to 39"]] * 7)
    tables = json.loads(run("equality", "forms.csv", "--json").stdout)["tables"]
    for table in tables:
        assert {v for row in table["rows"] for v in row["counts"].values()} == {"*"}
        assert table["notes"]


def test_every_answer_on_the_form_has_its_category(run: Runner, tmp_path: Path) -> None:
    rows = [["Profession", "Caring responsibilities", "Religion or belief"]]
    for index in range(20):
        rows.append(["GP", "Primary carer of a child/children (under 18)" if index < 10
                     else "None", "Pagan druid" if index == 5 else "No religion or belief"])
    write_forms(tmp_path / "forms.csv", rows)
    result = run("equality", "forms.csv", "--json")
    data = json.loads(result.stdout)
    caring = next(t for t in data["tables"] if t["question"] == "caring")
    counts = {row["category"]: row["counts"] for row in caring["rows"]}
    assert counts["Primary carer of a child or children under 18"]["All"] == "10"
    assert counts["None"]["All"] == "10"
    assert counts["Prefer not to say"]["All"] == "0"
    religion = next(t for t in data["tables"] if t["question"] == "religion")
    other = next(r for r in religion["rows"] if r["category"] == "Another answer")
    assert other["counts"]["All"] == "*"  # one answer: counted there, and suppressed
    # the warning names the cell (row 7: the sixth form under the header), never the words
    assert "C7" in result.stderr and "Another answer" in result.stderr
    assert "Pagan" not in result.stdout + result.stderr
    assert data["warnings"] and "C7" in data["warnings"][0]


@pytest.mark.parametrize(("question", "answer", "expected"), [
    ("caring", "Primary carer of a child/children (under 18)",
     ["Primary carer of a child or children under 18"]),
    ("caring", "Primary carer of a disabled adult (18 or over)",
     ["Primary carer of a disabled adult"]),
    ("caring", "Secondary carer (someone else is the main carer)", ["Secondary carer"]),
    ("caring", "None; Primary carer of a disabled child",
     ["None", "Primary carer of a disabled child"]),
    ("caring", "Looks after the neighbour's parrot", ["Another answer"]),
    ("disability", "Not sure", ["Another answer"]),  # not "No" because it starts with it
    ("working_pattern", "Part-time (0.6 WTE)", ["Part-time"]),
    ("age", "about forty", ["Another answer"]),  # not "Prefer not to say"
    ("age", "42", ["40 to 44"]), ("age", "70", ["65 or over"]),
    ("religion", "Church of England", ["Christian"]),
    ("religion", "Pagan", ["Another answer"]),
    ("marriage", "Married", ["Yes"]),
    ("ethnicity", "Another ethnic group: Kurdish", ["Other ethnic group"]),
    ("ethnicity", "Martian", ["Another answer"]),
])
def test_answers_fall_in_their_category(question: str, answer: str,
                                        expected: list[str]) -> None:
    assert categorise(question, answer) == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["GP", "Consultant", "Nurse", "Not stated"]),
                          st.sampled_from(["Man", "Woman", "Non-binary", "Prefer not to say"])),
                max_size=60))
def test_no_cell_of_a_published_table_can_be_worked_out(
        forms: list[tuple[str, str]]) -> None:
    answers = [(group, [answer]) for group, answer in forms]
    table = build_table("gender", answers)
    threshold = SUPPRESS_BELOW
    sizes = {g: sum(1 for f, _ in forms if f == g) for g in {f for f, _ in forms}}
    if len(forms) < threshold:
        assert {v for row in table.cells for v in row} <= {"*"}
        return
    shown = [c for c in table.columns[1:] if c != "Other groups"]
    pooled = [g for g in sizes if g not in shown]
    for group in shown:  # a group shown alone has enough people for any figure, 0 included
        assert sizes[group] >= threshold
    if len(table.columns) > 1:
        # the rest, worked out as All minus the shown columns, is none or enough people
        rest = sum(sizes[g] for g in pooled)
        assert rest == 0 or rest >= threshold
    truth = {c: dict.fromkeys(table.columns, 0) for c in table.rows}
    for group, answer in forms:
        for column in ("All", group if group in shown else "Other groups"):
            if column in truth[answer]:
                truth[answer][column] += 1
            if column in truth["Total"]:
                truth["Total"][column] += 1
    for r, row in enumerate(table.rows):
        for c, column in enumerate(table.columns):
            value = table.cells[r][c]
            if value != "*":
                assert abs(int(value) - truth[row][column]) <= 2
                assert (value == "0") == (truth[row][column] == 0)
                assert value == "0" or int(value) >= threshold - 2
    # a row sums its groups into All (when there are groups); a column sums into Total
    lines = [list(row) for row in table.cells] if len(table.columns) > 1 else []
    lines += [list(col) for col in zip(*table.cells, strict=True)]
    for line in lines:  # no row or column reveals one hidden cell by subtraction
        assert line.count("*") != 1
    if table.columns == ["All"] and len(sizes) > 1:
        assert table.notes


# ---------------------------------------------------------------- 12.10: the collection workbook

FORM_CHOICES = {  # from the printed equality form, by hand
    "Gender": ["Man", "Woman", "Intersex", "Non-binary", "Another answer", "Prefer not to say"],
    "Age band": ["16 to 24", "25 to 29", "30 to 34", "35 to 39", "40 to 44", "45 to 49",
                 "50 to 54", "55 to 59", "60 to 64", "65 or over", "Prefer not to say"],
    "Disability or health condition": ["Yes", "No", "Prefer not to say"],
    "Caring responsibilities": ["None", "Primary carer of a child or children under 18",
                                "Primary carer of a disabled child",
                                "Primary carer of a disabled adult",
                                "Primary carer of an older person", "Secondary carer",
                                "Prefer not to say"],
}


def resolve(book: Any, formula: str) -> list[Any]:
    """The cells a list validation's ``Sheet!$A$2:$A$7`` refers to, read back."""
    match = re.fullmatch(r"=?'?([^'!]+)'?!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)", formula)
    assert match, formula
    sheet, first_col, first_row, last_col, last_row = match.groups()
    assert first_col == last_col, formula  # one column of choices
    return [book[sheet][f"{first_col}{row}"].value
            for row in range(int(first_row), int(last_row) + 1)]


def test_every_equality_drop_down_offers_its_whole_list(run: Runner, tmp_path: Path) -> None:
    run("equality", "template", "-o", "forms.xlsx")
    book = openpyxl.load_workbook(tmp_path / "forms.xlsx")
    forms = book["Forms"]
    headers = {cell.column_letter: cell.value for cell in forms[1]}
    validations = forms.data_validations.dataValidation
    # one per question, and a note on the side column (typed: any text)
    assert len(validations) == 11
    assert book["Lists"].sheet_state == "hidden"
    seen = {}
    for validation in validations:
        if validation.type is None:
            assert str(validation.sqref) == "A2:A5001" and headers["A"] == "Profession or side"
            continue
        assert validation.type == "list" and not validation.showDropDown  # arrow shown
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        assert str(validation.sqref) == f"{column}2:{column}5001"
        choices = resolve(book, validation.formula1)
        assert choices and all(isinstance(c, str) and c.strip() for c in choices), choices
        seen[headers[column]] = choices
    assert set(seen) == {h for h in headers.values() if h != "Profession or side"}
    for title, expected in FORM_CHOICES.items():
        assert seen[title] == expected, title
    marriage = "Married or in a civil partnership"
    assert seen[marriage] == ["Yes", "No", "Prefer not to say"]
    # every choice, typed into a form, is read back as itself: no warning, no other category
    rows = [["Profession or side", *seen]]
    longest = max(len(c) for c in seen.values())
    for index in range(longest * SUPPRESS_BELOW):
        rows.append(["GP", *[c[index % len(c)] for c in seen.values()]])
    filled = openpyxl.Workbook()
    sheet = filled.active
    assert sheet is not None
    sheet.title = "Forms"
    for row in rows:
        sheet.append(row)
    filled.save(tmp_path / "filled.xlsx")
    result = run("equality", "filled.xlsx", "--json")
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["warnings"] == []
    for table in data["tables"]:
        categories = [r["category"] for r in table["rows"]]
        for choice in seen[table["title"]]:
            if table["title"] == "Ethnic group":  # a background counts under its group
                choice = choice.split(":")[0]
            assert choice in categories
            counted = next(r for r in table["rows"] if r["category"] == choice)
            assert counted["counts"]["All"] not in ("0",), (table["title"], choice)


def eml_texts(folder: Path) -> list[str]:
    """Every text part and every attached .docx of the drafts in ``folder``, one per draft."""
    texts = []
    for eml in sorted(folder.rglob("*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
        parts = []
        for part in message.walk():
            if part.get_content_type() in ("text/plain", "text/html"):
                parts.append(part.get_content())
            elif part.get_filename() and part.get_filename().endswith(".docx"):
                document = docx.Document(io.BytesIO(part.get_payload(decode=True)))
                parts += [p.text for p in document.paragraphs]
        texts.append("\n".join(parts))
    return texts


SURVEY = "https://forms.example.org/exchange-2027"


def test_reminders_and_reflections_carry_the_survey_link(run: Runner, tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    (tmp_path / "scheme.toml").write_text(
        COMPLETE_SCHEME + f'\n[feedback]\nsurvey_url = "{SURVEY}"\n', encoding="utf-8")
    run("remind", "pairs.xlsx", "-o", "with")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "with")
    reminders = eml_texts(tmp_path / "with" / "reminder")
    introductions = eml_texts(tmp_path / "with" / "partner-introduction")
    assert len(reminders) == 4 and len(introductions) == 4
    for text in reminders + introductions:  # the introduction's attached reflection form
        assert SURVEY in text
    run("render", "reflection", "--format", "txt", "-o", "with")
    assert SURVEY in (tmp_path / "with" / "reflection.txt").read_text("utf-8")
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    run("remind", "pairs.xlsx", "-o", "without")
    for text in eml_texts(tmp_path / "without"):
        assert "forms.example.org" not in text and "online survey" not in text
    (tmp_path / "scheme.toml").write_text('[feedback]\nsurvey_url = "forms dot example"\n')
    result = run("remind", "pairs.xlsx", "-o", "bad", code=1)
    assert "feedback.survey_url" in result.stderr and "line 2" in result.stderr


def test_documents_lists_only_fields_a_person_can_use(run: Runner) -> None:
    data = json.loads(run("documents", "--json").stdout)
    every = {f for t in data["documents"] for f in t["fields"]}
    assert not any(f.startswith("loop") for f in every), every
    for fields in (t["fields"] for t in data["documents"]):
        for name in fields:  # never a field and, beside it, the way to it
            assert not any(other.startswith(name + ".") for other in fields), name
    reminder = next(t for t in data["documents"] if t["name"] == "reminder")
    assert "scheme.survey_url" in reminder["fields"]
    assert "scheme.administrator.name" in reminder["fields"]
    assert "scheme.administrator" not in reminder["fields"]
    request = next(t for t in data["documents"] if t["name"] == "preferences-request")
    assert "loop.last" not in request["fields"] and "volunteers_by_profession" in request["fields"]


def test_the_starter_scheme_offers_the_survey_link(run: Runner, tmp_path: Path) -> None:
    from wessex_cli.scheme import load_scheme

    run("init", "fresh")
    toml = tmp_path / "fresh" / "scheme.toml"
    text = toml.read_text("utf-8")
    assert "# [feedback]\n# survey_url = " in text
    assert load_scheme(toml).survey_url == ""
    toml.write_text(text.replace("# [feedback]\n# survey_url", "[feedback]\nsurvey_url"),
                    encoding="utf-8")
    assert load_scheme(toml).survey_url == "https://forms.example.org/exchange"


def test_next_years_workbook_carries_formula_like_text_as_text(run: Runner,
                                                               tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    run("init", "next", "--from", "pairs.xlsx")
    texts = assert_no_formula_cells(tmp_path / "next" / "volunteers.xlsx")
    for typed in ("+44 7700 900001", "+ann@nhs.net", "-Harbour Surgery",
                  '=HYPERLINK("http://evil.example.org","x")', "=1+2"):
        assert typed in texts, typed


def test_the_report_shows_the_equality_notes_under_its_tables(run: Runner,
                                                              tmp_path: Path) -> None:
    write_hostile_roster(tmp_path)
    run("pair", "v.csv")
    rows = [["Profession or side", "Sexual orientation"]]
    rows += [["GP", "Heterosexual"]] * 12 + [["Consultant", "Bisexual"]]
    write_forms(tmp_path / "forms.csv", rows)
    for output in ("report.html", "report.docx"):
        run("report", "pairs.xlsx", "--equality", "forms.csv", "-o", output)
    page = (tmp_path / "report.html").read_text("utf-8")
    assert "Not broken down by group" in page
    document = docx.Document(str(tmp_path / "report.docx"))
    assert any("Not broken down by group" in p.text for p in document.paragraphs)


def test_names_are_found_below_a_title_that_looks_like_a_header(tmp_path: Path) -> None:
    from wessex_cli.feedback import names_in_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Volunteers"
    sheet.append(["Scheme name", "Eastshire exchange"])  # a title, not the header
    sheet.append(["GP", "2027"])
    sheet.append([])
    sheet.append(["Full name", "E-mail", "Job title", "Do not pair with"])
    sheet.append(["Dr Siân Ó Briain", "sian@nhs.net", "GP", "Hal Voss; kit@nhs.net"])
    book.save(tmp_path / "v.xlsx")
    found = {n.strip() for n in names_in_workbook(tmp_path / "v.xlsx")}
    # the addresses' parts before the "@" name people too (tests/test_feedback_addresses.py)
    assert found == {"Dr Siân Ó Briain", "Hal Voss", "sian", "kit"}


@pytest.mark.parametrize(("name", "written"), [
    ("Søren Łukasz", "SOREN and lukasz came"), ("Dr Siân Ó Briain", "sian o briain spoke"),
    ("Tomás Ferreira", "DR. TOMAS's clinic"), ("Zoë Æsir-Þorn", "zoe aesir-thorn"),
])
def test_letters_without_an_accent_mark_match_their_plain_form(name: str, written: str) -> None:
    clean = Anonymiser([name])(written)
    assert clean.count("[name]") >= 1
    for word in re.findall(r"[a-z]{2,}", written.casefold()):
        if word not in {"and", "came", "spoke", "clinic", "dr"}:
            assert word not in clean.casefold(), (word, clean)


def test_a_blank_forms_workbook_says_no_forms_not_a_table_of_stars(run: Runner) -> None:
    """Equality data is only shown aggregated: with no forms there is nothing to aggregate,
    and a table of '*' ('too few to show') would say something untrue."""
    run("equality", "template", "-o", "forms.xlsx")
    result = run("equality", "forms.xlsx", code=1)
    assert "no returned forms were found" in result.output and "*" not in result.output


# A name with a character that shows as nothing inside it ("Fer\u200breira" shows as
# "Ferreira"), or with a Cyrillic letter drawn as a Latin one, as a respondent who wants a
# colleague named (or text pasted from a chat) writes it.
HIDDEN_IN_NAMES = {
    "zero-width space": "Tomás Fer\u200breira was a great host",
    "soft hyphen": "Tomás Fer\u00adreira was a great host",
    "word joiner": "Knyv\u2060ett ran the clinic",
    "grapheme joiner": "Barthol\u034fomew ran the clinic",
    "variation selector": "Lindq\ufe0fvist showed me theatre",
    "tag character": "Quenn\U000e0041ell was there",
    "cyrillic e": "Tomás F\u0435rreira was a great host",
    "cyrillic a and o": "Nkechi Ad\u0435b\u0430y\u043e explained it",
}


@pytest.mark.parametrize("case", sorted(HIDDEN_IN_NAMES))
def test_a_name_hidden_by_invisible_or_look_alike_letters_is_still_removed(case: str) -> None:
    anonymise = Anonymiser([r[0] for r in ROSTER])
    shown = anonymise(HIDDEN_IN_NAMES[case])
    # what a reader of the page would see: the invisible characters show as nothing and
    # the look-alike letters as the Latin ones
    seen = folded("".join(c for c in shown if c.isprintable()).translate(
        str.maketrans("\u0435\u0430\u043e", "eao")))
    assert "[name]" in shown
    for part in ("ferreira", "knyvett", "bartholomew", "lindqvist", "quennell", "adebayo"):
        assert part not in seen, (case, shown)


@pytest.mark.parametrize("unit", ["a", "Smith-", "A.", "O'"])
def test_a_long_answer_without_spaces_is_anonymised(unit: str) -> None:
    # An e-mail address was looked for from every start in a run of letters with no '@',
    # reading to the run's end each time: one 32,000-character answer took 5 s, a survey of
    # them hours. An address's part before the '@' is at most 64 characters. (The growth is
    # benchmarks/complexity.py's "unspaced-answer"; the suite times nothing.)
    text = (unit * 32_000)[:32_000]
    anonymise = Anonymiser(["Dr Catherine Ashworth"])
    assert anonymise(text) == text  # no name and no address in it: nothing taken out
    assert anonymise("mail " + "x" * 40 + ".ann@nhs.net now") == "mail [e-mail] now"


@pytest.mark.parametrize(("name", "written"), [
    ("Ελένη Παπαδοπούλου", "ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ showed me round"),
    ("Ελένη Παπαδοπούλου", "ελενη showed me round"),
    ("Дмитрий Иванов", "ДМИТРИЙ showed me round"),
    ("ДМИТРИЙ ИВАНОВ", "Иванов showed me round"),
    ("Νίκος Βασιλείου", "ΝΙΚΟΣ showed me round"),
])
def test_a_name_in_greek_or_cyrillic_is_removed_whatever_its_case(name: str,
                                                                  written: str) -> None:
    """The look-alike letters were read as Latin before case was folded, capitals by their
    own shapes: Greek "Ν" as N but "ν" as v, Cyrillic "Т" as T but "т" left as it was, so
    a name typed in capitals and the workbook's in small letters were two different words."""
    assert Anonymiser([name])(written) == "[name] showed me round"


@pytest.mark.parametrize(("name", "written", "shown"), [
    ("王小明", "我和王小明一起看门诊", "我和[name]一起看门诊"),  # Chinese: no spaces at all
    ("王 小明", "小明很好", "[name]很好"),  # the given name, the workbook's second part
    ("田中 太郎", "田中さんは優しかった", "[name]さんは優しかった"),  # Japanese, with "-san"
    ("สมชาย ใจดี", "สมชายเป็นคนดี", "[name]เป็นคนดี"),  # Thai
    ("김 민수", "민수가 도와줬어요", "[name]가 도와줬어요"),  # Korean, a particle after it
    ("Amelia Ashworth", "Ameliaさんと", "[name]さんと"),  # a Latin name in Japanese text
])
def test_a_name_in_a_script_without_spaces_is_removed_from_the_words_around_it(
        name: str, written: str, shown: str) -> None:
    """Chinese, Japanese and Thai put no space between words, so "王小明" was looked for
    as a whole word and the answer's "我和王小明一起" was one word that was no name."""
    assert Anonymiser([name])(written) == shown


@pytest.mark.parametrize(("written", "shown"), [
    ("ring me on 07700\u00a0900123", "ring me on [phone]"),  # no-break space, from Outlook
    ("ring me on 0117\u202f496\u202f0000", "ring me on [phone]"),  # narrow no-break space
    ("ring me on 07700.900.123", "ring me on [phone]"),
    ("ring me on 0117\u2013496\u20130000", "ring me on [phone]"),  # en dashes
    ("my number is 943\u00a0476\u00a05919", "my number is [NHS number]"),
    ("we are at BS1\u00a04DJ", "we are at [postcode]"),
    ("we are at BS1  4DJ", "we are at [postcode]"),
    ("rated 4.5 out of 5 on 1.6.2027", "rated 4.5 out of 5 on 1.6.2027"),  # no number
])
def test_a_number_or_postcode_spaced_as_a_signature_spaces_it_is_removed(
        written: str, shown: str) -> None:
    """Only a plain space or a hyphen could stand between the digits: a phone number pasted
    from an e-mail signature, with no-break spaces, stayed in the quote."""
    assert Anonymiser(["Eleni Papadopoulou"])(written) == shown


def test_a_group_whose_answers_are_alike_cannot_be_read_off_the_all_column() -> None:
    """Ten secondary-care forms all "Woman", and one "Man" among the primary ones. The
    secondary column was all stars, but "All" showed Woman 20 of Total 20, which leaves at
    most 4 for every other answer: only "Woman" could hold the ten secondary people, so
    the stars told what each of them said."""
    answers = [("secondary", ["Woman"])] * 10 + [("primary", ["Woman"])] * 9 + \
        [("primary", ["Man"])]
    table = build_table("gender", answers)
    assert table.columns == ["All"]
    cells = dict(zip(table.rows, (row[0] for row in table.cells), strict=True))
    # 1 man: hidden, and so is the woman's count, or Total - Woman would give him away
    assert (cells["Man"], cells["Woman"], cells["Total"]) == ("*", "*", "20")
    assert not any("secondary" in note or "primary" in note for note in table.notes)


def test_an_arabic_name_stretched_with_tatweel_is_still_removed() -> None:
    """The tatweel (U+0640) draws a word longer to fit its line and changes no letter:
    "محـمد" is "محمد", but it was a letter to the matching, and the name stayed."""
    anonymise = Anonymiser(["محمد الأحمد"])
    assert anonymise("مع محـمد في العيادة") == "مع [name] في العيادة"
    assert anonymise("الأحــمد") == "[name]"
    assert fold("محـمد") == fold("محمد")


@pytest.mark.parametrize(("written", "shown"), [
    ("The team at St Mary\u2019s were kind", "The team at [practice] were kind"),  # iPhone's
    ("ST. MARY'S SURGERY was busy", "[practice] was busy"),
    ("Ty Gwyn runs a diabetes clinic", "[practice] runs a diabetes clinic"),  # no accent
    ("I shadowed at St Luke's", "I shadowed at [practice]"),  # "St. Luke's Practice"
    ("Harbourside\u2019s reception", "[practice] reception"),
    ("the harbour side of town", "the harbour side of town"),  # not the practice
])
def test_a_practice_is_hidden_whatever_its_punctuation_case_or_accents(written: str,
                                                                      shown: str) -> None:
    """A practice was looked for exactly as the workbook spells it, case aside: "St Mary’s"
    with the curly apostrophe a phone types, "Ty Gwyn" for Tŷ Gwyn or "St Luke's" for "St.
    Luke's Practice" named the practice, and so its one or two volunteers."""
    practices = ["St Mary's Surgery", "Tŷ Gwyn Medical Centre", "St. Luke's Practice",
                 "Harbourside Surgery"]
    assert without_places(written, practices) == shown


@pytest.mark.parametrize(("written", "shown"), [
    ("write to jo.bloggs (at) example.org", "write to [e-mail]"),
    ("write to jo [at] example dot org.", "write to [e-mail]."),
    ("write to jo AT example DOT org", "write to [e-mail]"),
    ("write to jo {at} nhs (dot) net", "write to [e-mail]"),
    ("write to jo\uff20example.org", "write to [e-mail]"),  # the fullwidth at sign
    ("write to jo @ example.org", "write to [e-mail]"),
    # ordinary sentences with "at", "@" and dots stay as written
    ("we met at 9.30 and left @ 12.15", "we met at 9.30 and left @ 12.15"),
    ("seen at clinic.Then we talked at length", "seen at clinic.Then we talked at length"),
    ("we looked at it (at last) on the screen", "we looked at it (at last) on the screen"),
])
def test_an_e_mail_address_written_to_dodge_harvesters_is_removed(written: str,
                                                                  shown: str) -> None:
    """Only an address written with a plain "@" was found: "jo (at) example.org", as people
    write one so that a harvester misses it, stayed in the quote."""
    assert Anonymiser(["Eleni Papadopoulou"])(written) == shown


@pytest.mark.parametrize(("practice", "written", "shown"), [
    ("St Mary's Surgery", "The team at St Marys were kind", "The team at [practice] were kind"),
    ("St Mary's Surgery", "ST MARYS SURGERY was busy", "[practice] was busy"),
    ("St Johns Practice", "St John\u2019s reception", "[practice] reception"),
    ("St Johns Practice", "St John's Practice's nurses", "[practice] nurses"),
    ("St Mary's Surgery", "Mary showed me the St Marks leaflet",
     "Mary showed me the St Marks leaflet"),
])
def test_a_practice_is_hidden_with_or_without_its_apostrophe(practice: str, written: str,
                                                             shown: str) -> None:
    """Most people type "St Marys" for "St Mary's Surgery" (the pairing rules already read
    them as one practice), but the quote's "Marys" was compared with "Mary" and "s", and the
    practice, with its one or two volunteers, was named."""
    assert without_places(written, [practice]) == shown


@pytest.mark.parametrize(("written", "shown"), [
    ("Jiwoo showed me the ward", "[name] showed me the ward"),  # Kim Ji-woo, family first
    ("Min-jun showed me the ward", "[name] showed me the ward"),  # Park Minjun
    ("я была у Ивана в клинике", "я была у [name] в клинике"),  # Иван, genitive
    ("мы говорили с Ивановой", "мы говорили с [name]"),  # Иванова, instrumental
    ("спасибо Марии и Андрею", "спасибо [name] и [name]"),  # Мария, Андрей, dative
    ("AlRashid ran the clinic", "[name] ran the clinic"),  # Ahmed Rashid, "Al" run in
    ("شكرا والأحمد", "شكرا [name]"),  # "and al-Ahmad"
    ("كنت مع أحمد", "كنت مع [name]"),  # الأحمد without its "al"
])
def test_a_name_with_an_ending_a_prefix_or_its_hyphen_moved_is_removed(written: str,
                                                                       shown: str) -> None:
    """A name was found only as the workbook spelt its words: "Jiwoo" for Ji-woo, "Ивана"
    for Иван (the case a Russian sentence puts it in) and "والأحمد" stayed in the quote."""
    anonymise = Anonymiser(["Kim Ji-woo", "Park Minjun", "Иван Петров", "Мария Иванова",
                            "Андрей Соколов", "Ahmed Rashid", "محمد الأحمد"])
    assert anonymise(written) == shown


@pytest.mark.parametrize("ordinary", [
    "Иногда в пятницу мы обсуждали пациентов, было интересно",
    "Отделение работает хорошо, персонал внимателен к людям",
    "also the elderly almond grower was in the Alpine alcove",
    "ivana and ivanov in lower case Latin are no Cyrillic words",
    "كان الفريق ممتازا والعمل منظما",
])
def test_ordinary_text_keeps_its_words_beside_those_names(ordinary: str) -> None:
    """The endings and prefixes are looked for in their own script only, on a stem of three
    letters or more: no ordinary word of the answer goes with them."""
    anonymise = Anonymiser(["Kim Ji-woo", "Иван Петров", "Мария Иванова", "Андрей Соколов",
                            "Ahmed Rashid", "Lena Cove", "Tom Pine", "Mond", "محمد الأحمد"])
    assert anonymise(ordinary) == ordinary


def test_people_named_only_in_preference_cells_are_removed(tmp_path: Path) -> None:
    """A colleague named in a Preference or a "Preferred partner" cell who is no volunteer
    was no name to remove: "Yolanda Brisk was lovely" stayed in the quote. A specialty or a
    workplace chosen there is no name, and stays."""
    rows = [["Name", "Email", "Profession", "Organisation", "Specialty", "Preference 1",
             "Second choice", "Third choice", "Preferred partner", "Capacity"],
            ["Amelia Ashworth", "a@nhs.net", "GP", "Surgery One", "Dermatology",
             "Yolanda Brisk", "Acute Medicine", "Dr Quillfeather", "Xanthe Pellow", "2"],
            ["Bob Able", "b@nhs.net", "Consultant", "St Mary's Hospital", "Cardiology",
             "St Marys Hospital", "Cardiology", "Frailty", "", "1"]]
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    anonymise = Anonymiser(names_in_workbook(tmp_path / "v.csv"))
    assert anonymise("Yolanda Brisk and Xanthe Pellow were lovely; Quillfeather too") == \
        "[name] and [name] were lovely; [name] too"
    kept = "Acute Medicine, Cardiology and Frailty at St Marys Hospital were busy"
    assert anonymise(kept) == kept


def test_a_name_or_practice_typed_as_a_profession_is_no_heading(tmp_path: Path) -> None:
    """The profession a respondent types heads their quotes in the pack, and it was printed
    as typed: three who wrote "Harbourside Surgery" under Profession named the practice over
    their quotes, which hid it as [practice], and a name there was shown as a heading."""
    answers = [("", "Harbourside Surgery", f"Reception was busy on day {n}") for n in range(3)]
    answers += [("", "Dr Amelia Ashworth", f"Theatre was quiet on day {n}") for n in range(3)]
    write_survey(tmp_path, answers)
    pack = analyse(tmp_path / "responses.csv", ["Dr Amelia Ashworth"],
                   places=["Harbourside Surgery"])
    page = pack_markdown(pack, "Scheme")
    headings = sorted(line for line in page.splitlines() if line.startswith("### "))
    # the group is anonymised as the quotes are; each question has both groups
    assert headings == ["### [name]"] * 2 + ["### [practice]"] * 2, headings
    assert "Harbourside" not in page and "Ashworth" not in page


def test_an_address_typed_as_a_name_takes_no_domain_out_of_the_quotes(tmp_path: Path) -> None:
    """A respondent who typed their e-mail address in the name column made "nhs" and "net"
    names: every quote's "NHS" read "[name]". The part before the "@" is their name."""
    write_survey(tmp_path, [("amelia.ashworth@nhs.net", "GP", "Amelia liked the NHS app")] * 3)
    page = pack_markdown(analyse(tmp_path / "responses.csv"), "Scheme")
    assert "> [name] liked the NHS app (said by 3 people)" in page


def test_a_preference_written_as_a_sentence_is_no_name(tmp_path: Path) -> None:
    """A preference cell is taken for a name only when every word is capitalised: "Happy
    anywhere" names nobody, and its words stay in every quote."""
    rows = [["Name", "Email", "Profession", "Organisation", "Specialty", "Preference 1"],
            ["Amelia Ashworth", "a@nhs.net", "GP", "Surgery One", "Dermatology",
             "Happy anywhere"]]
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    anonymise = Anonymiser(names_in_workbook(tmp_path / "v.csv"))
    kept = "Happy to go anywhere, and happy to host next year"
    assert anonymise(kept) == kept


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_workplace_with_an_apostrophe_lends_no_name_its_words(tmp_path: Path,
                                                                apostrophe: str) -> None:
    """The topics were kept in two forms, "St Mary's" as "st mary s" and as "st marys": the
    first made "mary" a word of a workplace, so a colleague "Mary Hollins" named in a
    preference was taken for a topic and stayed in the quote. Each topic is now kept once,
    without its apostrophes, straight or curly; the workplace typed either way stays."""
    rows = [["Name", "Email", "Profession", "Organisation", "Specialty", "Preference 1",
             "Second choice", "Capacity"],
            ["Amelia Ashworth", "a@nhs.net", "GP", "Surgery One", "Dermatology",
             "Mary Hollins", "St Marys Hospital", "1"],
            ["Bob Able", "b@nhs.net", "Consultant", f"St Mary{apostrophe}s Hospital",
             "Cardiology", "Cardiology", f"St Mary{apostrophe}s Hospital", "1"]]
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    names = names_in_workbook(tmp_path / "v.csv")
    assert "Mary Hollins" in names
    assert not any("Hospital" in name for name in names)
