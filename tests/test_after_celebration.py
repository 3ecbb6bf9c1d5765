"""After the celebration: `wessex findings` (template and action plan) and `wessex report`.

The report's figures are checked against the files themselves: the test reads the pairs
workbook, the volunteer workbook, the survey and the findings with openpyxl and counts for
itself, never through wessex's own readers.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from .conftest import EXAMPLES, Runner, person, write_book


@pytest.fixture(autouse=True)
def after_the_celebration(monkeypatch: pytest.MonkeyPatch) -> None:
    """These files are read as the report is made: after the scheme (19 April to 19 July
    2027) and its feedback survey (20 July), so every visit dated in it is in the past."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-02")

SWOT = {"Strength", "Weakness", "Opportunity", "Threat"}


# The findings workbook --------------------------------------------------------------------

def list_values(book: Any, formula: str) -> list[str]:
    """What a list validation offers: an inline list ("a,b") or the cells a range points at
    (``Lists!$A$2:$A$5``), read back from the file."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    match = re.fullmatch(r"=?(\w+)!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", formula)
    assert match, formula
    sheet, col, first, _, last = match.groups()
    return [book[sheet][f"{col}{r}"].value for r in range(int(first), int(last) + 1)]


def validation_for(sheet: Any, header: str) -> Any:
    column = next(c.column_letter for c in sheet[1] if c.value == header)
    found = [v for v in sheet.data_validations.dataValidation
             if any(column in str(r) for r in v.sqref.ranges)]
    assert len(found) == 1, header
    return found[0]


def test_the_template_has_working_drop_downs(run: Runner, tmp_path: Path) -> None:
    run("findings", "template", "-o", "tables.xlsx")
    book = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert {"Actions", "SWOT"} <= set(book.sheetnames)
    actions = book["Actions"]
    headers = [c.value for c in actions[1]]
    for wanted in ("Proposed action", "Lead", "By when", "Confidence"):
        assert wanted in headers
    confidence = validation_for(actions, "Confidence")
    assert confidence.type == "list"
    choices = list_values(book, confidence.formula1)
    assert len(choices) >= 3 and all(choices), choices  # a real list, no blank entries
    swot = validation_for(book["SWOT"], "Heading")
    assert set(list_values(book, swot.formula1)) == SWOT
    assert swot.errorStyle in (None, "stop")  # anything else is refused
    assert "Very confident" in choices
    # run twice: never overwritten without --force
    run("findings", "template", "-o", "tables.xlsx", code=1)


def fill(path: Path, actions: list[list[Any]], swot: list[list[Any]]) -> Path:
    """A table's filled-in workbook, as typed in Excel into the template's columns."""
    book = openpyxl.load_workbook(path)
    sheet = book["Actions"]
    headers = [c.value for c in sheet[1]]
    for row in actions:
        values = dict(zip(("Table", "Proposed action", "Lead", "By when", "Confidence",
                           "Health inequalities", "Notes"), row, strict=True))
        sheet.append([values.get(str(h)) for h in headers])
    for row in swot:
        book["SWOT"].append(row)
    target = path.with_name(f"table-{actions[0][0]}.xlsx")
    book.save(target)
    return target


def findings_files(run: Runner, tmp_path: Path) -> list[Path]:
    run("findings", "template", "-o", "blank.xlsx")
    blank = tmp_path / "blank.xlsx"
    one = fill(blank, [
        [1, "Named discharge contact on every ward", "Dr Helena Marsh", dt.date(2027, 10, 1),
         "Very confident", "Should narrow them", "Fewer missed follow-ups in deprived wards"],
        [1, "Joint teaching evening twice a year", "", "end of March", "Fairly confident",
         "Could widen them", "Evening sessions shut out part-time carers"],
    ], [[1, "Strength", "Seeing each other's pressures first hand"],
        [1, "Threat", "Rota gaps make release hard"]])
    two = fill(blank, [
        [2, "Advice line for respiratory referrals", "helena marsh", dt.date(2027, 9, 1),
         "Fairly confident", "No likely effect", ""],
        [2, "A shared template for discharge letters", "", None, "Not very confident", "", ""],
        [2, "Run the exchange again with pharmacists", "Tobias Wren", None, "Very confident",
         "Not sure", ""],
    ], [[2, "Opportunity", "Widen it to pharmacists"]])
    return [one, two]


def test_findings_read_back_as_a_plan_grouped_by_lead(run: Runner, tmp_path: Path) -> None:
    one, two = findings_files(run, tmp_path)
    data = json.loads(run("findings", one.name, two.name, "--json").output)
    groups = [(g["lead"], [a["action"] for a in g["actions"]]) for g in data["groups"]]
    assert groups == [
        # one lead however it was typed; soonest first
        ("Dr Helena Marsh", ["Advice line for respiratory referrals",
                             "Named discharge contact on every ward"]),
        ("Tobias Wren", ["Run the exchange again with pharmacists"]),
        # no lead: grouped last; a date in words before none at all
        (None, ["Joint teaching evening twice a year", "A shared template for discharge letters"]),
    ]
    assert data["without_lead"] == 2 and data["without_date"] == 2
    assert data["swot"]["Strengths"] == [{"point": "Seeing each other's pressures first hand",
                                          "table": "1"}]
    assert [p["point"] for p in data["swot"]["Opportunities"]] == ["Widen it to pharmacists"]
    table = " ".join(run("findings", one.name, two.name).output.split())
    assert "No lead named yet" in table and "no date set" in table
    assert "5 actions from 2 workbooks; 2 with no lead, 2 with no date." in table


def test_a_time_frame_in_words_takes_its_place_among_the_dates(run: Runner,
                                                               tmp_path: Path) -> None:
    """"31 October 2027" was listed before "end of September": words came after every date.
    A month or season in words now takes its place (today is 1 June 2027, so a September
    with no year is this year's, a March next year's); words naming none still come last."""
    run("findings", "template", "-o", "blank.xlsx")
    table = fill(tmp_path / "blank.xlsx", [
        [1, "Audit the shared letters", "Dr Michael Brown", dt.date(2027, 10, 31), "", "", ""],
        [1, "Agree a joint referral form", "Dr Michael Brown", "end of September", "", "", ""],
        [1, "Repeat the exchange", "Dr Michael Brown", "end of March", "", "", ""],
        [1, "Teach the new registrars", "Dr Michael Brown", "when the rota allows", "", "",
         ""],
        [1, "Open the clinic to pharmacists", "Dr Michael Brown", "Spring 2028", "", "", ""],
        [1, "Write up the audit", "Dr Michael Brown", "by Christmas", "", "", ""],
        [1, "Cost the clinic", "Dr Michael Brown", "end of the financial year", "", "", ""],
    ], [])
    data = json.loads(run("findings", table.name, "--json").output)
    (group,) = data["groups"]
    assert [a["action"] for a in group["actions"]] == [
        "Agree a joint referral form",  # 30 September 2027
        "Audit the shared letters",  # 31 October 2027
        "Write up the audit",  # 25 December 2027
        "Cost the clinic",  # 31 March 2028, the financial year's end (then by name)
        "Repeat the exchange",  # 31 March 2028
        "Open the clinic to pharmacists",  # 31 May 2028
        "Teach the new registrars"]  # no month: last
    assert [a["due_text"] for a in group["actions"]][:1] == ["end of September"]  # as written


def test_a_workbook_that_is_not_a_findings_form_is_refused(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "volunteers.xlsx", [person("Dr A Bell", "a.bell@nhs.net")])
    result = run("findings", "volunteers.xlsx", code=1)
    assert "wessex findings template" in result.output


# The report -------------------------------------------------------------------------------

def volunteers() -> list[dict[str, Any]]:
    return [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside",
               **{"Preference 1": "Oliver Pemberton"}),
        person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield",
               **{"Preference 1": "Cardiology", "Preference 2": "Arjun Rasmussen"}),
        person("Dr Callum Whitlow", "callum@nhs.net", "GP", Organisation="Orchard Lane",
               **{"Preference 2": "Noor Kerrigan"}),
        person("Marta Juniper", "marta@nhs.net", "Practice nurse", Organisation="Harbourside"),
        person("Dr Ravi Sandhu", "ravi@nhs.net", "GP", Organisation="Quayside"),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant", Organisation="Hospital - Cardio",
               Specialty="Cardiology", **{"Preference 3": "Amelia Ashworth"}),
        person("Arjun Rasmussen", "arjun@nhs.net", "Consultant", Organisation="Hospital - Resp",
               Specialty="Respiratory"),
        person("Noor Kerrigan", "noor@nhs.net", "Consultant", Organisation="Hospital - Psych",
               Specialty="Psychiatry"),
        person("Winifred Upton", "winifred@nhs.net", "Registrar", Organisation="Hospital - Ortho",
               Specialty="Orthopaedics"),
    ]


def build_scheme(run: Runner, tmp_path: Path) -> dict[str, Path]:
    """A finished scheme: pairs with tracking typed in, one withdrawal, survey, forms, findings."""
    (tmp_path / "scheme.toml").write_text(
        '[scheme]\nname = "Testshire Exchange"\n[dates]\nstart = 2027-04-19\n'
        'end = 2027-07-19\n', encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", volunteers())
    run("pair", "volunteers.xlsx", "-o", "pairs.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    col = {c.value: c.column for c in sheet[1]}
    # as an administrator would type them: dates, ticks, a done without a date
    typed = {2: {"A hosts B: date": dt.date(2027, 5, 4), "A hosts B: done": "yes",
                 "B hosts A: date": "20/5/2027", "B hosts A: done": "✓",
                 "Reflection from A": "yes", "Reflection from B": "yes"},
             3: {"A hosts B: done": "yes", "Reflection from B": "y"},
             4: {"B hosts A: date": dt.date(2027, 6, 9), "B hosts A: done": "x"}}
    for row, values in typed.items():
        for title, value in values.items():
            sheet.cell(row, col[title]).value = value
    book.save(tmp_path / "pairs.xlsx")
    last = sheet.cell(5, col["A name"]).value
    run("withdraw", "pairs.xlsx", str(last), "--reason", "moved away")
    answers = openpyxl.Workbook()
    survey = answers.active
    assert survey is not None
    survey.append(["ID", "Start time", "Completion time", "Email", "Name", "Profession",
                   "Did anything surprise or shock you?", "What will you take back?",
                   "How useful was the exchange? (1 to 5)"])
    rows = [("GP", "How much time Oliver Pemberton spends chasing letters by phone on 07700 "
             "900123 every single week", "A named contact for discharge summaries", 5),
            ("GP", "Nothing", "Better communication with the ward teams about referrals", 4),
            ("Consultant", "How busy the practice reception was all morning long",
             "Phone the practice before discharge when things are complicated", 4),
            ("Consultant", "", "Use advice and guidance more often for referrals", 3),
            ("Practice nurse", "The pressure on appointments at the surgery every day",
             "More respect for how hard primary care works", 5)]
    for n, (profession, surprise, back, rating) in enumerate(rows, start=1):
        survey.append([n, dt.datetime(2027, 7, 20, 9), dt.datetime(2027, 7, 20, 9, 5),
                       f"person{n}@nhs.net", f"Person {n}", profession, surprise, back, rating])
    answers.save(tmp_path / "responses.xlsx")
    forms = openpyxl.Workbook()
    sheet = forms.active
    assert sheet is not None
    sheet.append(["Profession or side", "Gender", "Gender: your own term", "Age band"])
    for n in range(12):
        sheet.append(["GP" if n < 6 else "Consultant", "Man" if n == 0 else "Woman",
                      "Zebra-term" if n == 0 else "", "40 to 44"])
    forms.save(tmp_path / "forms.xlsx")
    tables = findings_files(run, tmp_path)
    return {"pairs": tmp_path / "pairs.xlsx", "responses": tmp_path / "responses.xlsx",
            "forms": tmp_path / "forms.xlsx", "table1": tables[0], "table2": tables[1]}


DONE = {"yes", "y", "✓", "x"}


def expected_figures(files: dict[str, Path], roster: list[dict[str, Any]]) -> dict[str, str]:
    """The key figures, counted here straight from the workbooks."""
    book = openpyxl.load_workbook(files["pairs"])
    rows = list(book["Pairs"].values)
    head = list(rows[0])
    pairs = [dict(zip(head, r, strict=False)) for r in rows[1:] if r[0]]
    emails = {p[f"{x} email"] for p in pairs for x in "AB"}
    unpaired = [r[1] for r in list(book["Unpaired"].values)[1:]]
    withdrawn_rows = list(book["Withdrawn"].values)
    w_head = list(withdrawn_rows[0])
    withdrawn = [dict(zip(w_head, r, strict=False)) for r in withdrawn_rows[1:]]
    everyone = emails | set(unpaired) | {w[f"{x} email"] for w in withdrawn for x in "AB"}
    # the partner someone withdrew from was paired too
    left = {w[f"{x} email"] for w in withdrawn for x in "AB"
            if w[f"{x} name"] != w["Withdrawn person"]}
    visits = [p[t] for p in pairs for t in ("A hosts B: done", "B hosts A: done")]
    done = sum(1 for v in visits if str(v or "").strip().lower() in DONE)
    complete = sum(1 for p in pairs if all(str(p[t] or "").lower() in DONE
                                           for t in ("A hosts B: done", "B hosts A: done")))
    reflections = sum(1 for p in pairs for t in ("Reflection from A", "Reflection from B")
                      if str(p[t] or "").lower() in DONE)
    by_email = {p["Email"]: p for p in roster}
    by_name = {p["Name"].replace("Dr ", ""): p for p in roster}
    met = 0
    for pair in pairs:
        for me, other in (("A", "B"), ("B", "A")):
            chooser = by_email[pair[f"{me} email"]]
            partner = by_email[pair[f"{other} email"]]
            choices = [chooser.get(f"Preference {k}") for k in (1, 2, 3)]
            if any(c and (by_name.get(c.replace("Dr ", "")) is partner or
                          c == partner.get("Specialty")) for c in choices):
                met += 1
    answers = list(openpyxl.load_workbook(files["responses"]).active.values)[1:]  # type: ignore[union-attr]
    return {"volunteered": str(len(everyone)), "paired": str(len(emails | left)),
            "pairs": str(len(pairs)), "withdrew": str(len(withdrawn)),
            "choice_met": str(met), "visits_done": f"{done} of {2 * len(pairs)}",
            "pairs_complete": f"{complete} of {len(pairs)}",
            "reflections": f"{reflections} of {2 * len(pairs)}",
            "responses": str(len(answers)),
            "mean": str((Decimal(sum(r[-1] for r in answers)) / len(answers))  # halves up
                        .quantize(Decimal("0.1"), ROUND_HALF_UP))}


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts, and the key figures by id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.figures: dict[str, str] = {}
        self.current: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.cell_id = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.current = self.tables.setdefault(found.get("id") or str(len(self.tables)), [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("td", "th"):
            self.cell, self.cell_id = [], found.get("id") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.current is not None:
            text = " ".join("".join(self.cell).split())
            self.current[-1].append(text)
            if self.cell_id.startswith("fig-"):
                self.figures[self.cell_id[4:]] = text
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


@pytest.fixture
def scheme_files(run: Runner, tmp_path: Path) -> dict[str, Path]:
    return build_scheme(run, tmp_path)


def test_report_figures_match_the_files(run: Runner, scheme_files: dict[str, Path],
                                        tmp_path: Path) -> None:
    files = scheme_files
    run("report", "pairs.xlsx", "--feedback", "responses.xlsx", "--equality", "forms.xlsx",
        "--findings", files["table1"].name, "--findings", files["table2"].name,
        "-o", "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    parsed = Tables()
    parsed.feed(page)
    expected = expected_figures(files, volunteers())
    for key in ("volunteered", "paired", "pairs", "withdrew", "choice_met", "visits_done",
                "pairs_complete", "reflections", "responses"):
        assert parsed.figures[key] == expected[key], key
    # who volunteered, by profession, counted from the volunteer workbook (nobody was
    # withdrawn there, so everyone appears somewhere in the pairs workbook)
    by_profession: dict[str, int] = {}
    for p in volunteers():
        by_profession[p["Profession"]] = by_profession.get(p["Profession"], 0) + 1
    shown = {row[1]: int(row[2]) for row in parsed.tables["participation"][1:]}
    assert shown == by_profession
    assert f"mean {expected['mean']}" in page
    # visits over time: a chart, and the dates typed in (ISO, UK text, a done without date)
    assert "the first on 4 May 2027 and the last on 9 June 2027" in page
    assert "1 completed visit has no date and is not on the chart" in page
    assert page.count("<svg") == 2  # the timeline and the one rated question
    assert re.search(r"@page\s*\{\s*size:\s*A4", page)  # prints on A4


def test_report_keeps_every_privacy_rule(run: Runner, scheme_files: dict[str, Path],
                                         tmp_path: Path) -> None:
    run("report", "pairs.xlsx", "--feedback", "responses.xlsx", "--equality", "forms.xlsx",
        "-o", "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for p in volunteers():  # no volunteer's name, first or last, in the quotes
        for word in p["Name"].replace("Dr ", "").split():
            assert word not in page, word
    assert "07700" not in page and "person1@nhs.net" not in page
    assert "Gems" in page and "[name]" in page  # the quote naming Oliver is there, anonymised
    parsed = Tables()
    parsed.feed(page)
    gender = next(t for t in parsed.tables.values() if t and t[0][:2] == ["", "All"]
                  and t[1][0] == "Man")
    assert gender[1][1] == "*"  # a single man is never shown as 1
    assert "Zebra-term" not in page  # free text is never printed
    assert "Forms returned: about 10 (rounded to the nearest 5)." in page  # 12 forms


def test_report_says_to_publish_the_equality_figures_once(
        run: Runner, scheme_files: dict[str, Path], tmp_path: Path) -> None:
    """'wessex equality' and its page say to publish the figures once, when every form is in
    (two roundings a few forms apart show how the late few answered); the evaluation report,
    which prints the same figures, said nothing of it, in HTML or Word."""
    from wessex_cli.equality import PUBLISH_ONCE

    run("report", "pairs.xlsx", "--equality", "forms.xlsx", "-o", "report.html")
    page = " ".join((tmp_path / "report.html").read_text(encoding="utf-8").split())
    assert PUBLISH_ONCE in page
    run("report", "pairs.xlsx", "--equality", "forms.xlsx", "-o", "report.docx")
    document = docx.Document(str(tmp_path / "report.docx"))
    assert any(PUBLISH_ONCE in p.text for p in document.paragraphs)


def test_the_report_says_the_number_of_forms_is_rounded(
        run: Runner, scheme_files: dict[str, Path], tmp_path: Path) -> None:
    """12 forms came back: the report shows 10, rounded so that the total cannot undo a
    suppressed cell, and says so in HTML and Word ('Forms returned: 10.' read as exact)."""
    from wessex_cli.equality import PUBLISH_ONCE

    said = "Forms returned: about 10 (rounded to the nearest 5)."
    run("report", "pairs.xlsx", "--equality", "forms.xlsx", "-o", "report.html")
    page = " ".join((tmp_path / "report.html").read_text(encoding="utf-8").split())
    assert said in page and "Forms returned: 10." not in page
    run("report", "pairs.xlsx", "--equality", "forms.xlsx", "-o", "report.docx")
    document = docx.Document(str(tmp_path / "report.docx"))
    assert [p.text for p in document.paragraphs if "Forms returned" in p.text] == [
        "Counts are rounded to the nearest 5; * marks a count from 1 to 7, or one hidden so "
        f"that it cannot be worked out from the totals. {said} " + PUBLISH_ONCE]


def test_a_reflection_from_someone_with_two_partners_counts_once(run: Runner,
                                                                   tmp_path: Path) -> None:
    """Dr Leon Ince (two partners) writes one reflection. Ticked on one row, the report said
    "3 of 60" (his second row counted as owing one); ticked on both, "4 of 60": the same
    three reflections from 59 people, as the certificates count them."""
    import shutil

    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path)
    run("pair", "volunteers.xlsx")
    for who in ("Amelia Ashworth", "Phoebe Mbeki"):
        run("visit", "pairs.xlsx", who, "--hosted", "4/5/2027", "--reflection")
    run("visit", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga", "--hosted", "5/5/2027",
        "--reflection")
    for partner in ("", "Zainab Abernethy"):
        if partner:  # the same reflection ticked on his other row too
            run("visit", "pairs.xlsx", "Leon Ince", "--partner", partner, "--reflection")
        run("report", "pairs.xlsx", "-o", "report.html", "--force")
        page = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert 'id="fig-reflections">3 of 59<' in page, partner


def test_an_action_plan_sentence_agrees_with_one() -> None:
    import dataclasses

    from wessex_cli.findings import Action, ActionPlan
    from wessex_cli.report import plan_sentences

    fields = {f.name: "" for f in dataclasses.fields(Action)} | {"due": None}
    led = Action(**{**fields, "action": "Shared clinic", "lead": "Dr Marsh",  # type: ignore
                    "due": dt.date(2027, 9, 1)})
    unled = Action(**{**fields, "action": "Joint teaching"})  # type: ignore[arg-type]
    plan = ActionPlan([led, unled], [], [])
    assert plan_sentences(plan) == [("2 actions proposed by the celebration tables, grouped "
                                     "by who leads them.", False), ("1 still needs a lead.", True),
                                    ("1 has no date.", True)]


def test_report_action_plan_and_health_inequalities(run: Runner, scheme_files: dict[str, Path],
                                                    tmp_path: Path) -> None:
    files = scheme_files
    run("report", "pairs.xlsx", "--findings", files["table1"].name, "--findings",
        files["table2"].name, "-o", "report.html")
    text = " ".join((tmp_path / "report.html").read_text(encoding="utf-8").split())
    assert "2 still need a lead" in text and "2 have no date" in text
    assert ("Of 5 proposed actions, the tables expect 1 to narrow health inequalities and 1 "
            "to risk widening them; 1 should make no difference, the tables were unsure about "
            "1, and 1 was not assessed.") in text
    assert "Evening sessions shut out part-time carers" in text


def test_report_as_word_has_the_same_figures(run: Runner, scheme_files: dict[str, Path],
                                             tmp_path: Path) -> None:
    run("report", "pairs.xlsx", "--feedback", "responses.xlsx", "-o", "report.docx")
    document = docx.Document(str(tmp_path / "report.docx"))
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows[1:]}
    expected = expected_figures(scheme_files, volunteers())
    assert figures["Half-day visits completed"] == expected["visits_done"]
    assert figures["Reflections returned"] == expected["reflections"]
    assert figures["People who volunteered"] == expected["volunteered"]
    assert len(document.inline_shapes) == 2  # timeline and rating charts
    # a rating's line of figures keeps with its chart, below its heading: never a chart
    # alone at the top of a page, its question and figures at the foot of the last
    summaries = [p for p in document.paragraphs if " on a scale of " in p.text]
    assert summaries and all(p.paragraph_format.keep_with_next for p in summaries)
    # proofread in UK English, as every letter is
    assert 'w:lang w:val="en-GB"' in document.styles.element.xml
    assert document.core_properties.language == "en-GB"


def test_the_word_report_says_what_the_web_report_says(run: Runner,
                                                      scheme_files: dict[str, Path],
                                                      tmp_path: Path) -> None:
    """Every sentence of the web page's prose is in the Word report too: a board reading
    either reads the same report."""
    run("report", "pairs.xlsx", "--feedback", "responses.xlsx", "-o", "report.docx")
    run("report", "pairs.xlsx", "--feedback", "responses.xlsx", "-o", "report.html")
    document = docx.Document(str(tmp_path / "report.docx"))
    word = " ".join(" ".join(p.text.split()) for p in document.paragraphs)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    prose = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", found)).split())
             for found in re.findall(r"<p>(.*?)</p>", page, flags=re.S)]
    # one withdrawal, after which nobody paired the partner again ('pair --keep' not run)
    assert ("Everyone who volunteered, by side and profession, and what became of them. Paired "
            "includes 1 person whose partner withdrew and who has no new partner.") in prose
    pairs = expected_figures(scheme_files, volunteers())["pairs"]
    assert f"{pairs} pairs were made. Each volunteer could name three colleagues, " \
        "specialties or organisations; this is the best of their choices each paired person " \
        "was given." in prose
    missing = [sentence for sentence in prose if sentence and sentence not in word]
    assert missing == []


def test_report_without_o_writes_report_html_beside_the_equality_page(
        run: Runner, scheme_files: dict[str, Path], tmp_path: Path) -> None:
    """The README's order in one folder: the equality page (equality.html), then the report
    under its default name, report.html; neither is in the other's way."""
    (tmp_path / "equality.html").write_text("the equality page", encoding="utf-8")
    said = " ".join(run("report", "pairs.xlsx").output.split())
    assert "report.html" in said
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (tmp_path / "equality.html").read_text(encoding="utf-8") == "the equality page"


def test_report_output_must_be_html_or_docx_and_is_not_overwritten(
        run: Runner, scheme_files: dict[str, Path], tmp_path: Path) -> None:
    assert "report.html" in run("report", "pairs.xlsx", "-o", "report.pdf", code=1).output
    run("report", "pairs.xlsx", "-o", "report.html")
    run("report", "pairs.xlsx", "-o", "report.html", code=1)
    run("report", "pairs.xlsx", "-o", "report.html", "--force")


def test_a_report_made_mid_scheme_says_so_and_counts_who_is_missing(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read on 1 June 2027 the exchange (to 19 July) is still running: the report says the
    day its figures were read, that visits are still being made, how many are arranged for
    the days ahead, and that someone not active when the pairs were made is not counted."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    people = [person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside"),
              person("Oliver Pemberton", "oliver@nhs.net", "Consultant", Organisation="Hosp"),
              person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield",
                     Status="withdrawn")]
    write_book(tmp_path / "volunteers.xlsx", people)
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n",
                                          encoding="utf-8")
    run("pair", "volunteers.xlsx", "-o", "pairs.xlsx")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--planned", "10/6/2027")
    run("report", "pairs.xlsx", "-o", "report.html")
    page = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "report.html").read_text("utf-8"))
                    .split())
    assert ("Figures as at 1 June 2027; the exchange runs until 19 July 2027, "
            "so visits are still being made.") in page
    assert "1 more visit is arranged for the days ahead." in page
    # a visit planned for today is still arranged, as status says ("planned for 10 Jun")
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-10")
    run("report", "pairs.xlsx", "-o", "today.html")
    assert "1 more visit is arranged for the days ahead." in " ".join(
        re.sub(r"<[^>]+>", " ", (tmp_path / "today.html").read_text("utf-8")).split())
    assert "planned for 10 Jun" in run("status", "pairs.xlsx").output
    assert ("the volunteer workbook listed 3 people, 1 of whom was no longer active; that "
            "person is not counted below.") in page
    # and the figure of withdrawals is not read as contradicting it: it counts only those
    # who left a pair
    assert "People who withdrew after being paired 0" in page


def test_someone_withdrawn_after_pairing_is_not_also_called_missing(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Isla withdrew from the scheme after pairing, and the pairs were made again with
    --keep: she is in the record (Withdrawn sheet) and counted there, so the opening says
    only Noor, never active, is missing: 1 of 5 people, not 2."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    people = [person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside"),
              person("Oliver Pemberton", "oliver@nhs.net", "Consultant", Organisation="Hosp"),
              person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield"),
              person("Arjun Rasmussen", "arjun@nhs.net", "Consultant", Organisation="Resp"),
              person("Dr Noor Kerrigan", "noor@nhs.net", "GP", Organisation="Quay",
                     Status="withdrawn")]
    write_book(tmp_path / "volunteers.xlsx", people)
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n",
                                          encoding="utf-8")
    run("pair", "volunteers.xlsx", "-o", "pairs.xlsx")
    run("withdraw", "pairs.xlsx", "Isla Okonkwo", "--reason", "moved", "--in",
        "volunteers.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "-o", "pairs.xlsx")
    run("report", "pairs.xlsx", "-o", "report.html")
    page = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "report.html").read_text("utf-8"))
                    .split())
    assert "listed 5 people, 1 of whom was no longer active; that person is not counted" \
        in page


def test_the_paper_findings_form_asks_what_the_workbook_collects() -> None:
    """The findings workbook and the report read a table's confidence and the effect on
    health inequalities, which the paper form the tables filled in never asked for."""
    from wessex_cli.documents import load_template, recipients, render_all
    from wessex_cli.findings import CONFIDENCE, INEQUALITY_EFFECTS, INSTRUCTIONS
    from wessex_cli.scheme import load_scheme

    scheme = load_scheme(EXAMPLES / "scheme.toml")
    form = load_template("event-findings", scheme)
    text = render_all(form, recipients(form, scheme), "md", scheme)[0][1].decode()
    for choice in (*CONFIDENCE, *INEQUALITY_EFFECTS):
        assert f"☐ {choice}" in text, choice
    assert "## How confident we are" in text and "## Health inequalities" in text
    # the group sheet's five questions are placed on the SWOT sheet's four headings
    said = dict(INSTRUCTIONS)["From the group feedback sheet"]
    assert all(word in said for word in ("Strength", "Weakness", "Opportunity", "Actions"))


@pytest.mark.parametrize(("words", "meant"), [
    ("end of August", dt.date(2027, 8, 31)),  # said on 5 August: this August
    ("early August", dt.date(2027, 8, 1)),
    ("end of July", dt.date(2028, 7, 31)),  # July has gone: next year's
    ("by Christmas", dt.date(2027, 12, 25)),
    ("end of the financial year", dt.date(2028, 3, 31)),
    ("Spring 2028", dt.date(2028, 5, 31)),
    ("we may need funding", None),
    ("March or April", None),
])
def test_a_time_frame_in_words_means_its_next_day(words: str, meant: dt.date | None) -> None:
    from wessex_cli.findings import approximate_due

    assert approximate_due(words, dt.date(2027, 8, 5)) == meant


def test_report_names_the_cells_equality_and_feedback_would_warn_about(
        run: Runner, scheme_files: dict[str, Path], tmp_path: Path) -> None:
    # README, "wessex report": warnings about cells in the files are printed on the
    # terminal, not in the report. An equality answer counted as "Another answer", and a
    # survey question never quoted, were said by 'equality' and 'feedback' but not by 'report'.
    forms = openpyxl.load_workbook(scheme_files["forms"])
    sheet = forms.active
    assert sheet is not None
    sheet["D3"] = "45-54"  # crosses two bands: 'Another answer', with a warning
    forms.save(scheme_files["forms"])
    survey = openpyxl.load_workbook(scheme_files["responses"])
    answers = survey.active
    assert answers is not None
    column = answers.max_column + 1
    answers.cell(1, column, "Any other comments?")
    answers.cell(2, column, "Lunch was late")
    survey.save(scheme_files["responses"])
    alone = " ".join(run("equality", "forms.xlsx", "-o", "equality.html").output.split())
    assert "Sheet!D3: the answer to 'Age band' is not one of the form's choices" in alone
    result = run("report", "pairs.xlsx", "--equality", "forms.xlsx", "--feedback",
                 "responses.xlsx", "-o", "report.html")
    text = " ".join(result.output.split())
    assert "forms.xlsx, Sheet!D3: the answer to 'Age band' is not one of the form's " \
           "choices" in text
    assert "responses.xlsx, Sheet!J1: the column 'Any other comments?' is not one of the " \
           "reflective questions" in text
    assert "These warnings are not printed in the report" in text
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Sheet!D3" not in page  # for the administrator, never the board
