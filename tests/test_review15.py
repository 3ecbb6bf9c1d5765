"""Defects found by trying issue 15's commands as an administrator, a board member and an
attacker would: each test here failed before its fix."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import docx
import openpyxl

from .conftest import Runner, person, write_book
from .test_after_celebration import Tables, build_scheme
from .test_preferences_import import cells, roster, survey

ACTION_HEADERS = ("Table", "Proposed action", "Lead", "Supported by", "By when", "Confidence",
                  "How we will know", "Health inequalities", "Notes")


def table_book(run: Runner, tmp_path: Path, name: str, actions: list[dict[str, Any]],
               swot: list[list[Any]] = ()) -> Path:  # type: ignore[assignment]
    """A findings workbook from the template, filled in as a table typed it."""
    if not (tmp_path / "blank.xlsx").exists():
        run("findings", "template", "-o", "blank.xlsx")
    book = openpyxl.load_workbook(tmp_path / "blank.xlsx")
    sheet = book["Actions"]
    headers = [c.value for c in sheet[1]]
    assert set(ACTION_HEADERS) <= set(headers)
    for action in actions:
        sheet.append([action.get(str(h)) for h in headers])
    for row in swot:
        book["SWOT"].append(row)
    book.save(tmp_path / name)
    return tmp_path / name


# Findings typed by hand -------------------------------------------------------------------

def test_typed_answers_are_read_as_the_list_means_them(run: Runner, tmp_path: Path) -> None:
    table_book(run, tmp_path, "t.xlsx", [
        {"Table": 1, "Proposed action": "Shared discharge template", "Lead": "Ann Bell",
         "Confidence": "very confident", "Health inequalities": "narrow"},
        {"Table": 1, "Proposed action": "Evening teaching", "Lead": "Ann Bell",
         "Confidence": "Fairly confident", "Health inequalities": "maybe, who knows?"},
        {"Table": 1, "Proposed action": "Advice line", "Lead": "Ann Bell",
         "Health inequalities": "Could widen them"},
    ], [[1, "Strenght", "Goodwill on both sides"], [1, None, "Enjoyed it"]])
    data = json.loads(run("findings", "t.xlsx", "--json").output)
    actions = {a["action"]: a for g in data["groups"] for a in g["actions"]}
    assert actions["Shared discharge template"]["confidence"] == "Very confident"
    assert actions["Shared discharge template"]["health_inequalities"] == "Should narrow them"
    # an answer that cannot be placed is counted, once, and the table is told
    assert actions["Evening teaching"]["health_inequalities"] == "Not sure"
    assert sum(data["health_inequalities"].values()) == 3
    # each warning names the cell it is about: Health inequalities is column H
    assert any("'maybe, who knows?'" in w and "Actions!H3" in w for w in data["warnings"])
    assert not any("Confidence" in w for w in data["warnings"])  # both answers are listed
    # a slip in a SWOT heading is forgiven; a missing one is named as missing
    assert [p["point"] for p in data["swot"]["Strengths"]] == ["Goodwill on both sides"]
    assert any("SWOT!B3" in w and "no heading" in w for w in data["warnings"])  # Heading: B
    assert not any("''" in w for w in data["warnings"])


def test_by_when_is_a_date_only_when_it_is_a_whole_real_date(run: Runner,
                                                              tmp_path: Path) -> None:
    table_book(run, tmp_path, "t.xlsx", [
        {"Proposed action": "A", "Lead": "Ann Bell", "By when": "2027-13-01"},
        {"Proposed action": "B", "Lead": "Ann Bell", "By when": "March 2028",
         "Confidence": "Confidant"},
        {"Proposed action": "C", "Lead": "Ann Bell", "By when": "31/12/2027"},
        {"Proposed action": "D", "Lead": "Ann Bell", "By when": "1 October 2027"},
        {"Proposed action": "E", "Lead": "Ann Bell", "By when": dt.date(2027, 9, 1)},
    ])
    data = json.loads(run("findings", "t.xlsx", "--json").output)
    due = {a["action"]: (a["due"], a["due_text"]) for g in data["groups"] for a in g["actions"]}
    assert due["A"] == (None, "2027-13-01")  # a slip: not 13 January 2027
    assert due["B"] == (None, "March 2028")  # no day named: not 1 March
    assert due["C"][0] == "2027-12-31" and due["D"][0] == "2027-10-01"
    assert due["E"][0] == "2027-09-01"
    assert any("Actions!F3: 'Confidant' under Confidence" in w for w in data["warnings"])
    assert any("'2027-13-01'" in w and "not a real date" in w and "Actions!E2" in w
               for w in data["warnings"])  # By when is column E


def test_a_by_when_that_is_no_day_says_what_is_wrong_in_the_order_it_was_typed(
        run: Runner, tmp_path: Path) -> None:
    """'2027-13-01' was said not to be a date "(day/month/year)": typed year first, that
    order was not the one it was read in, and the warning never said what was wrong."""
    table_book(run, tmp_path, "t.xlsx", [
        {"Proposed action": "A", "Lead": "Ann Bell", "By when": "2027-13-01"},
        {"Proposed action": "B", "Lead": "Ann Bell", "By when": "31/4/2028"},
    ])
    warnings = json.loads(run("findings", "t.xlsx", "--json").output)["warnings"]
    assert any("'2027-13-01' under By when is not a real date (there is no month 13)" in w
               for w in warnings)
    assert any("'31/4/2028' under By when is not a real date (April 2028 has no 31st)" in w
               for w in warnings)
    assert not any("day/month/year" in w for w in warnings)


# The report -------------------------------------------------------------------------------

def test_health_inequality_sentence_adds_up(run: Runner, tmp_path: Path) -> None:
    files = build_scheme(run, tmp_path)
    table_book(run, tmp_path, "t.xlsx", [
        {"Proposed action": "A", "Health inequalities": "narrow"},
        {"Proposed action": "B", "Health inequalities": "Should narrow them"},
        {"Proposed action": "C", "Health inequalities": "Could widen them"},
        {"Proposed action": "D", "Health inequalities": "unsure"},
        {"Proposed action": "E"},
    ])
    run("report", files["pairs"].name, "--findings", "t.xlsx", "-o", "report.html")
    text = " ".join((tmp_path / "report.html").read_text(encoding="utf-8").split())
    assert ("Of 5 proposed actions, the tables expect 2 to narrow health inequalities and 1 to "
            "risk widening them; 0 should make no difference, the tables were unsure about 1, "
            "and 1 was not assessed.") in text


def test_survey_tool_columns_are_not_themes_or_ratings(run: Runner, tmp_path: Path) -> None:
    """Microsoft Forms' Start time and Completion time are not answers: read as free text
    they became '[phone]' and counted as 'Communication' in every response."""
    files = build_scheme(run, tmp_path)
    run("report", files["pairs"].name, "--feedback", "responses.xlsx", "-o", "report.html")
    parsed = Tables()
    parsed.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    themes = next(t for t in parsed.tables.values() if t and t[0][0] == "Theme")
    counts = {row[0]: int(row[1]) for row in themes[1:]}
    # counted by hand from the five answers in build_scheme: 'phone', 'contact',
    # 'communication' and 'Phone the practice' are in four responses' text
    answers = list(openpyxl.load_workbook(files["responses"]).active.values)[1:]  # type: ignore[union-attr]
    assert len(answers) == 5
    assert counts["Communication"] <= 4


def test_best_choice_counts_each_person_once(run: Runner, tmp_path: Path) -> None:
    """Someone with two partners (capacity 2) is one person: the table of choices adds up to
    the people paired."""
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Two Partners"\n', encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside",
               **{"Preference 1": "Oliver Pemberton"}),
        person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield",
               **{"Preference 1": "Oliver Pemberton"}),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant", Organisation="Hospital",
               Capacity=2, **{"Preference 1": "Amelia Ashworth",
                              "Preference 2": "Isla Okonkwo"}),
    ])
    run("pair", "volunteers.xlsx", "-o", "pairs.xlsx")
    run("report", "pairs.xlsx", "-o", "report.html")
    parsed = Tables()
    parsed.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    choices = {row[0]: int(row[1]) for row in parsed.tables["choices"][1:]}
    # Amelia and Isla had Oliver first; Oliver had Amelia first: three people, all 1st choice
    assert parsed.figures["paired"] == "3"
    assert choices == {"1st choice": 3, "2nd choice": 0, "3rd choice": 0,
                       "none of their choices (or gave none)": 0}


def test_cell_warnings_stay_on_the_terminal_not_in_the_board_report(
        run: Runner, tmp_path: Path) -> None:
    files = build_scheme(run, tmp_path)
    table_book(run, tmp_path, "t.xlsx", [{"Proposed action": "A"}], [[1, "Gossip", "x"]])
    result = run("report", files["pairs"].name, "--findings", "t.xlsx", "-o", "report.html")
    assert "SWOT!B2" in result.output and "not printed in the report" in result.output
    assert "SWOT!B2" not in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_word_report_has_what_the_html_has(run: Runner, tmp_path: Path) -> None:
    files = build_scheme(run, tmp_path)
    run("report", files["pairs"].name, "--findings", files["table1"].name, "--findings",
        files["table2"].name, "-o", "report.docx")
    document = docx.Document(str(tmp_path / "report.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "pairs did both" in text and "Reflections returned:" in text
    assert "still need a lead" in text
    assert any(t.rows[0].cells[0].text == "Month" for t in document.tables)
    # a column is never narrower than its header needs (no "Confiden/ce")
    for grid in document.tables:
        for cell in grid.rows[0].cells:
            assert cell.width is None or cell.width.cm >= 0.21 * len(cell.text) + 0.3, cell.text


# Preferences import -----------------------------------------------------------------------

def test_the_pairs_workbook_given_as_the_survey_is_refused(run: Runner, tmp_path: Path) -> None:
    """Given by mistake, the pairs workbook wrote each partner's specialty in as a choice."""
    files = build_scheme(run, tmp_path)
    before = (tmp_path / "volunteers.xlsx").read_bytes()
    result = run("preferences", "import", files["pairs"].name, "--into", "volunteers.xlsx",
                 code=1)
    assert "pairs workbook" in result.output and "Traceback" not in result.output
    assert (tmp_path / "volunteers.xlsx").read_bytes() == before
    result = run("preferences", "import", "volunteers.xlsx", "--into", "volunteers.xlsx",
                 code=1)
    assert "same file" in result.output


def test_own_specialty_is_not_a_choice(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [["isla@nhs.net", "Isla Okonkwo", "Dermatology",
                                        "Cardiology"]],
           ["ID", "Start time", "Completion time", "Email", "Name", "Your specialty",
            "First choice"])
    run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx")
    isla = cells(tmp_path / "volunteers.xlsx")["isla@nhs.net"]
    assert isla["Preference 1"] == "Cardiology"
    assert isla["Preference 2"] is None


def test_no_preference_typed_in_is_no_choice(run: Runner, tmp_path: Path) -> None:
    people = roster()
    people[1]["Preference 1"] = "No preference"
    write_book(tmp_path / "volunteers.xlsx", people)
    survey(tmp_path / "answers.xlsx", [["isla@nhs.net", "Isla Okonkwo", "Cardiology", "", "",
                                        "", "", ""]])
    result = run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx")
    assert "--force" not in result.output
    assert cells(tmp_path / "volunteers.xlsx")["isla@nhs.net"]["Preference 1"] == "Cardiology"


def test_findings_template_is_always_an_xlsx_and_takes_no_file(run: Runner,
                                                                 tmp_path: Path) -> None:
    for name in ("tables.csv", "tables.docx"):
        result = run("findings", "template", "-o", name, code=1)
        assert ".xlsx" in result.output and not (tmp_path / name).exists()
    result = run("findings", "template", "table1.xlsx", code=1)
    assert "takes no file" in result.output and "-o" in result.output
    run("findings", "template", "-o", "blank.xlsx")
    result = run("findings", "blank.xlsx")
    assert "No actions were found" in result.output


def test_init_from_warns_that_the_name_is_last_years(run: Runner, tmp_path: Path) -> None:
    files = build_scheme(run, tmp_path)  # scheme.toml "Testshire Exchange" beside it
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Testshire Exchange 2027"\n',
                                          encoding="utf-8")
    result = run("init", "next", "--from", files["pairs"].name)
    assert "Testshire Exchange 2027" in (tmp_path / "next" / "scheme.toml").read_text("utf-8")
    assert "keeps last year's name 'Testshire Exchange 2027'" in " ".join(result.output.split())


def test_no_visits_yet_draws_no_empty_chart(run: Runner, tmp_path: Path) -> None:
    """With no dated visit the chart was an empty axis stretched over several years."""
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Early Days"\n[dates]\n'
                                          'start = 2027-04-19\nend = 2027-07-19\n',
                                          encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside"),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant", Organisation="Hospital")])
    run("pair", "volunteers.xlsx", "-o", "pairs.xlsx")
    run("report", "pairs.xlsx", "-o", "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<svg" not in page and "0 of 2 half-day visits were completed" in page
    assert "wessex report --findings" not in page  # a board paper, not a command line
    run("report", "pairs.xlsx", "-o", "report.docx")
    assert len(docx.Document(str(tmp_path / "report.docx")).inline_shapes) == 0


def test_an_answer_meaning_nothing_is_not_written(run: Runner, tmp_path: Path) -> None:
    """'-' under adjustments went into the workbook (and every partner letter) as "'-"."""
    write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [["isla@nhs.net", "Isla Okonkwo", "n/a", "Cardiology",
                                        "", "", "", "-"]])
    run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx")
    isla = cells(tmp_path / "volunteers.xlsx")["isla@nhs.net"]
    assert isla.get("Preference 1") is None and isla["Preference 2"] == "Cardiology"
    assert isla.get("Adjustments") is None


def test_the_terminal_plan_shows_dates_as_the_report_does(run: Runner, tmp_path: Path) -> None:
    table_book(run, tmp_path, "t.xlsx", [
        {"Proposed action": "A", "Lead": "Ann Bell", "By when": dt.date(2027, 10, 1)},
        {"Proposed action": "B", "Lead": "Ann Bell", "By when": "31/12/2027"}])
    output = run("findings", "t.xlsx").output
    assert "1 October 2027" in output and "31 December 2027" in output
    assert "2027-10-01" not in output


def test_each_share_says_what_it_is_a_share_of(run: Runner, tmp_path: Path) -> None:
    files = build_scheme(run, tmp_path)
    run("report", files["pairs"].name, "-o", "report.html")
    run("report", files["pairs"].name, "-o", "report.docx")
    page = " ".join((tmp_path / "report.html").read_text(encoding="utf-8").split())
    words = "\n".join(p.text for p in docx.Document(str(tmp_path / "report.docx")).paragraphs)
    for text in (page, words):
        assert "people paired, of those who volunteered" in text
        assert "feedback responses, of the people paired" in text


def test_a_name_two_volunteers_share_is_said_to_be_shared(run: Runner, tmp_path: Path) -> None:
    people = [*roster(), person("Dr Isla Okonkwo", "isla.two@nhs.net", "Consultant",
                                Organisation="General Hospital - Renal")]
    write_book(tmp_path / "volunteers.xlsx", people)
    survey(tmp_path / "answers.xlsx", [["", "Isla Okonkwo", "Cardiology", "", "", "", "", ""]])
    data = json.loads(run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx",
                          "--json").output)
    assert len(data["unknown_respondents"]) == 1
    assert "2 volunteers have this name" in data["unknown_respondents"][0]
    assert data["changes"] == []


def test_a_practice_named_in_a_gem_is_removed(run: Runner, tmp_path: Path) -> None:
    """Harbourside had one GP in the scheme: a quote naming it names her."""
    files = build_scheme(run, tmp_path)
    page = _reported_with(run, tmp_path, files["pairs"], [
        "The reception team at Harbourside Surgery answered calls all morning long without "
        "a break", "Everyone at harbourside knows every family on their list well",
        "Discharge letters need a clear list of actions for the GP"])
    assert "Gems" in page and "answered calls all morning" in page
    assert "harbourside" not in page.casefold()
    assert "The reception team at [practice] answered" in page


def test_a_withdrawn_volunteers_practice_named_in_a_gem_is_removed(
        run: Runner, tmp_path: Path) -> None:
    """A practice whose one volunteer is in no pair now (the Withdrawn or Unpaired sheet)
    names that person in a quote as surely as any other: the report hides it, as
    'feedback' does."""
    from wessex_cli.pairs_workbook import read_pairs_workbook
    from wessex_cli.scheme import load_scheme

    files = build_scheme(run, tmp_path)
    primary = load_scheme(tmp_path / "scheme.toml").side_keys[0]
    book = read_pairs_workbook(files["pairs"])
    paired = {p.organisation for r in book.pairs for p in r.people}
    gone = [p.organisation for p in [*(q for r in book.withdrawn for q in r.people),
                                     *book.unpaired]
            if p.side == primary and p.organisation and p.organisation not in paired]
    assert gone  # five GPs for four consultants, and a withdrawal: one practice is left out
    page = _reported_with(run, tmp_path, files["pairs"], [
        f"The reception team at {gone[0]} answered calls all morning long without a break",
        "Discharge letters need a clear list of actions for the GP"])
    assert "The reception team at [practice] answered" in page
    assert gone[0].casefold() not in page.casefold()


def _reported_with(run: Runner, tmp_path: Path, pairs: Path, answers: list[str]) -> str:
    """The report page of ``pairs`` with a survey of GPs who each gave one of ``answers``
    to what they will take back."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Email", "Profession", "What will you take back?"])
    for n, text in enumerate(answers):
        sheet.append([n + 1, f"r{n}@nhs.net", "GP", text])
    book.save(tmp_path / "answers.xlsx")
    run("report", pairs.name, "--feedback", "answers.xlsx", "-o", "report.html")
    return (tmp_path / "report.html").read_text(encoding="utf-8")


def test_json_says_whether_the_workbook_was_saved(run: Runner, tmp_path: Path) -> None:
    """With --dry-run --json every change said 'written' and nothing said it was not."""
    write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [["isla@nhs.net", "Isla Okonkwo", "Cardiology", "", "",
                                        "", "", ""]])
    before = (tmp_path / "volunteers.xlsx").read_bytes()
    data = json.loads(run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx",
                          "--dry-run", "--json").output)
    assert data["saved"] is False and (tmp_path / "volunteers.xlsx").read_bytes() == before
    data = json.loads(run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx",
                          "--json").output)
    assert data["saved"] is True
    assert cells(tmp_path / "volunteers.xlsx")["isla@nhs.net"]["Preference 1"] == "Cardiology"


def test_a_workbook_named_twice_is_read_once(run: Runner, tmp_path: Path) -> None:
    table_book(run, tmp_path, "t.xlsx", [{"Proposed action": "A", "Lead": "Ann Bell"}])
    data = json.loads(run("findings", "t.xlsx", "./t.xlsx", "--json").output)
    assert [len(g["actions"]) for g in data["groups"]] == [1]
    assert any("more than once" in w for w in data["warnings"])


def test_a_missing_lead_column_is_named_not_silently_emptied(run: Runner,
                                                             tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    sheet.append(["Table", "Proposed action", "Person in charge", "By when"])
    sheet.append([1, "Advice line", "Ann Bell", "1/10/2027"])
    book.save(tmp_path / "t.xlsx")
    data = json.loads(run("findings", "t.xlsx", "--json").output)
    assert any("no 'Lead' column" in w for w in data["warnings"])
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    sheet.append(["Table", "Proposed action", "Responsible", "By when"])
    sheet.append([1, "Advice line", "Ann Bell", "1/10/2027"])
    book.save(tmp_path / "t2.xlsx")
    data = json.loads(run("findings", "t2.xlsx", "--json").output)
    assert data["groups"][0]["lead"] == "Ann Bell" and not data["warnings"]


def test_report_help_names_findings_as_a_file(run: Runner) -> None:
    output = run("report", "--help").output
    assert "list[Path]" not in output and "--findings TABLES" in output


def test_pair_help_names_history_as_a_file(run: Runner) -> None:
    output = run("pair", "--help").output
    assert "list[Path]" not in output and "--history OLD-PAIRS.xlsx" in output


def test_an_answer_off_a_list_is_told_the_lists_choices(run: Runner, tmp_path: Path) -> None:
    """A warning of a Confidence or Health inequalities answer off the list says what to
    pick instead, as the SWOT heading's does."""
    table_book(run, tmp_path, "t.xlsx", [{"Proposed action": "A", "Lead": "Ann Bell",
                                          "Confidence": "confident?",
                                          "Health inequalities": "narrow or widen"}])
    warnings = json.loads(run("findings", "t.xlsx", "--json").output)["warnings"]
    assert any(w.endswith(
        ": 'confident?' under Confidence is not one of the list; it is shown as written. To "
        "have it read as one, pick Very confident, Fairly confident, Not very confident or "
        "Not at all confident in its drop-down.") for w in warnings)
    assert any(w.endswith(
        ": 'narrow or widen' under Health inequalities is not one of the list; it is counted "
        "as 'Not sure'. If the table said more, pick Should narrow them, No likely effect or "
        "Could widen them in its drop-down.") for w in warnings)


def test_a_confidence_off_the_list_is_named(run: Runner, tmp_path: Path) -> None:
    table_book(run, tmp_path, "t.xlsx", [{"Proposed action": "A", "Lead": "Ann Bell",
                                          "Confidence": "Confident"}])
    data = json.loads(run("findings", "t.xlsx", "--json").output)
    assert data["groups"][0]["actions"][0]["confidence"] == "Confident"
    assert any("'Confident' under Confidence" in w for w in data["warnings"])
