"""Figures that must be right as a reader reads them: answers placed in one equality
category only when they fit it alone, rounding half up everywhere a figure is shown, counts
that agree with their nouns, and a findings answer marked with "?" read as unsure.
Every expected value is worked out by hand; the data are fictional."""

from __future__ import annotations

import csv
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import EXAMPLES, Runner, person, write_book
from wessex_cli.equality import OTHER, classify
from wessex_cli.text import half_up, percent

# ---------------------------------------------------------------- equality: one choice each


@pytest.mark.parametrize(("answer", "expected"), [
    ("46", "45 to 49"), ("45-49", "45 to 49"), ("45 to 49", "45 to 49"),
    ("45 \u2013 49", "45 to 49"), ("aged 47", "45 to 49"), ("66-70", "65 or over"),
    ("over 70", "65 or over"), ("65+", "65 or over"),
])
def test_an_age_wholly_inside_one_band_counts_there(answer: str, expected: str) -> None:
    assert classify("age", answer) == ([expected], True)


@pytest.mark.parametrize("answer", ["45-54", "30-39", "44 to 45", "50+", "40s", "under 25",
                                    "49-45", "45, 46"])
def test_an_age_crossing_bands_or_not_one_band_is_another_answer(answer: str) -> None:
    """45-54 touches 45 to 49 and 50 to 54; 50+ runs past 54; "40s" and "under 25" are not
    read as one band: none is put in a band it only touches."""
    assert classify("age", answer) == ([OTHER], False)


@pytest.mark.parametrize(("question", "answer"), [
    ("religion", "Christian and Muslim"), ("religion", "Jewish Christian"),
    ("working_pattern", "Full time and part time"), ("working_pattern", "Full-time / Part-time"),
    ("marriage", "No, but in a civil partnership"), ("marriage", "married, now divorced"),
    ("gender", "female to male"), ("gender", "Non-binary woman"),
    ("sexual_orientation", "Gay or lesbian"),
    ("flexible_working", "Compressed hours and homeworking"), ("disability", "Yes and no"),
    ("ethnicity", "Black and Asian"), ("ethnicity", "Asian and white"),
])
def test_an_answer_naming_two_choices_is_another_answer(question: str, answer: str) -> None:
    assert classify(question, answer) == ([OTHER], False)


@pytest.mark.parametrize(("question", "answer", "expected"), [
    ("marriage", "not married", "No"),  # "married" inside "not married" names nothing more
    ("marriage", "Yes, married", "Yes"),  # two ways of saying the same choice
    ("sexual_orientation", "gay woman", "Lesbian"),
    ("working_pattern", "less than full time", "Part-time"),
    ("religion", "Roman Catholic", "Christian"),
    ("ethnicity", "Black British", "Black, African, Caribbean or Black British"),
    ("ethnicity", "British Indian", "Asian or Asian British"),
    ("ethnicity", "White and Asian", "Mixed or multiple ethnic groups"),
])
def test_an_answer_naming_one_choice_still_counts_there(question: str, answer: str,
                                                        expected: str) -> None:
    assert classify(question, answer) == ([expected], True)


@pytest.mark.parametrize(("question", "answer"), [
    ("religion", "None of your business"), ("religion", "Mind your own business!"),
    ("sexual_orientation", "Not telling"), ("disability", "Not disclosed"),
    ("gender", "I'd rather not say"), ("ethnicity", "Don't wish to say"),
    ("caring", "Declined"), ("marriage", "No comment"), ("age", "Withheld"),
])
def test_declining_in_other_words_is_prefer_not_to_say(question: str, answer: str) -> None:
    # the form's own choice typed differently: never the choice one of its words names
    # ("none" is "No religion or belief"; "no" is a marriage answer)
    assert classify(question, answer) == (["Prefer not to say"], True)


@pytest.mark.parametrize(("answer", "expected"), [
    ("No children", ["None"]), ("no dependants", ["None"]), ("Not applicable", ["None"]),
    ("N/A", ["None"]), ("No", ["None"]), ("Nobody", ["None"]),
    ("Secondary carer; no children", ["Secondary carer", "None"]),
    ("Primary carer of my children", ["Primary carer of a child or children under 18"]),
])
def test_a_caring_answer_that_says_no_cares_for_nobody(answer: str,
                                                       expected: list[str]) -> None:
    # "no children" names children only to say there are none: not a child carer
    assert classify("caring", answer)[0] == expected


def test_the_equality_report_says_to_publish_its_figures_once(run: Runner,
                                                              tmp_path: Path) -> None:
    # rounding protects one set of figures: 12 women of 22 show as 10 of 20, and one more
    # woman's form makes 15 of 25, which beside the first report tells how she answered
    from wessex_cli.equality import build_table

    before = build_table("gender", [("GP", ["Woman"])] * 12 + [("GP", ["Man"])] * 10,
                         grouped=False)
    after = build_table("gender", [("GP", ["Woman"])] * 13 + [("GP", ["Man"])] * 10,
                        grouped=False)
    row = {table.rows[n]: table.cells[n][0] for table in (before,)
           for n in range(len(table.rows))}
    assert (row["Woman"], row["Man"], row["Total"]) == ("10", "10", "20")
    row = {after.rows[n]: after.cells[n][0] for n in range(len(after.rows))}
    assert (row["Woman"], row["Man"], row["Total"]) == ("15", "10", "25")
    # ...so both the page and the terminal say to publish once
    rows = [["Side", "Gender"]] + [["GP", "Woman"]] * 12 + [["GP", "Man"]] * 10
    with (tmp_path / "forms.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    said = " ".join(run("equality", "forms.csv", "-o", "report.html").output.split())
    once = ("Publish these figures once, when every form is in: two versions a few forms "
            "apart, side by side, can show how the late few answered.")
    assert once in said
    assert once in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_a_group_whose_every_answer_is_the_same_is_not_shown_by_answer() -> None:
    # ten consultants, every one "No" to disability: "Consultant: Yes 0, No 10" told what
    # each of them answered, though no count was small; hiding the consultants' cells was
    # not enough either ("Prefer not to say 0" in "All" left them Yes or No), so the table
    # is not broken down by group, and the note names no group
    from wessex_cli.equality import build_table

    table = build_table("disability", [("GP", ["Yes"])] * 10 + [("GP", ["No"])] * 10 +
                        [("Consultant", ["No"])] * 10)
    assert table.columns == ["All"]
    assert table.cells == [["10"], ["20"], ["0"], ["30"]]  # Yes, No, Prefer not, Total
    assert table.notes == ["Not broken down by group: a group's figures could tell what "
                           "someone answered, as fewer than 8 in it answered this question "
                           "or their answers were too alike."]
    # a group with answers of more than one kind is shown as before
    mixed = build_table("disability", [("GP", ["Yes"])] * 10 + [("GP", ["No"])] * 10 +
                        [("Consultant", ["No"])] * 10 + [("Consultant", ["Yes"])] * 10)
    assert dict(zip(mixed.rows, mixed.cells, strict=True))["No"] == ["20", "10", "10"]
    assert not mixed.notes
    # and everyone's alike: "Yes 20, No 0" in "All" told each respondent's answer (and
    # saying so told it too: see tests/test_equality_alike.py)
    alike = build_table("marriage", [("GP", ["Yes"])] * 10 + [("Consultant", ["Yes"])] * 10)
    assert [row[0] for row in alike.cells] == ["*", "*", "*", "*"]


def test_equality_warns_about_an_age_range_crossing_two_bands(run: Runner,
                                                              tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Forms"
    sheet.append(["Side", "Gender", "Age band"])
    for age in ["45-54", "46", "45 to 49", "45-49", "30-34", "31", "62", "45-54"]:
        sheet.append(["GP", "Woman", age])
    book.save(tmp_path / "forms.xlsx")
    result = run("equality", "forms.xlsx", "--json")
    warnings = json.loads(result.stdout)["warnings"]
    # the two forms of 45-54, in one warning (tests/test_equality_once.py)
    assert [w.split(":")[0] for w in warnings] == ["forms.xlsx, 2 forms (Forms!C2, C9)"]
    assert "counted as 'Another answer'" in warnings[0]
    assert "run again" in warnings[0]
    assert "45-54" not in warnings[0]  # the cell is named, never the answer


# ---------------------------------------------------------------- rounding half up


@pytest.mark.parametrize(("value", "places", "expected"), [
    (4.25, 1, "4.3"),  # round() and "%.1f" give 4.2 (half to even)
    (4.35, 1, "4.4"),  # the float is 4.34999...: a reader still rounds 4.35 up
    (4.15, 1, "4.2"), (4.0, 1, "4.0"), (3.96, 1, "4.0"), (2.5, 0, "3"), (0.5, 0, "1"),
    (Fraction(25, 2), 0, "13"), (Fraction(1, 3), 1, "0.3"),
])
def test_half_up_rounds_halves_up(value: float | Fraction, places: int, expected: str) -> None:
    assert half_up(value, places) == expected


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (1, 8, "13%"),  # 12.5
    (3, 24, "13%"),  # 12.5
    (1, 40, "3%"),  # 2.5
    (5, 8, "63%"),  # 62.5
    (1, 3, "33%"), (2, 3, "67%"), (0, 7, "0%"), (7, 7, "100%"), (0, 0, "-"),
])
def test_percent_rounds_halves_up(part: int, whole: int, expected: str) -> None:
    assert percent(part, whole) == expected


def _ratings(path: Path, ratings: list[int]) -> Path:
    rows = [["Profession", "Q3. What will you take back to your own workplace?",
             "How useful was the exchange? (1-5)"]]
    rows += [["GP" if index % 2 else "Consultant", "Shorter letters", str(rating)]
             for index, rating in enumerate(ratings)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_the_delegate_pack_shows_a_mean_of_4_25_as_4_3(run: Runner, tmp_path: Path) -> None:
    """5, 4, 5 and 3 make 17 / 4 = 4.25: to one place, 4.3."""
    _ratings(tmp_path / "responses.csv", [5, 4, 5, 3])
    result = run("feedback", "responses.csv", "-o", "pack.md", "--no-names-source")
    assert "mean 4.3" in result.stdout
    pack = (tmp_path / "pack.md").read_text(encoding="utf-8")
    assert "(4 answers): mean 4.3, median 4.5." in pack
    run("feedback", "responses.csv", "-o", "pack.html", "--no-names-source")
    assert "4 answers; mean 4.3, median 4.5" in (tmp_path / "pack.html").read_text("utf-8")


def test_the_board_report_shows_a_mean_of_4_35_as_4_4(run: Runner, tmp_path: Path) -> None:
    """Twenty ratings summing to 87: 87 / 20 = 4.35, which a float holds as 4.3499..."""
    _ratings(tmp_path / "responses.csv", [5] * 7 + [4] * 13)
    run("report", str(EXAMPLES / "pairs.xlsx"), "--scheme", str(EXAMPLES / "scheme.toml"),
        "--feedback", "responses.csv", "-o", "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "20 answers; mean 4.4, median 4 on a scale of 1 to 5." in page


def _eight_pairs(run: Runner, tmp_path: Path, preference: bool = False) -> Any:
    people = []
    for index, letter in enumerate("ABCDEFGH"):
        people.append(person(f"Dr Gp{letter} Ashcombe", f"gp{index}@example.org", "GP",
                             Organisation=f"Surgery {letter}"))
        people.append(person(f"Cons{letter} Brightwell", f"cons{index}@example.org",
                             "Consultant", Organisation=f"Hospital {letter}"))
    if preference:  # two people of the sixteen name a colleague
        people[0]["Preference 1"] = "ConsA Brightwell"
        people[3]["Preference 1"] = "Dr GpB Ashcombe"
    write_book(tmp_path / "volunteers.xlsx", people)
    return run("pair", "volunteers.xlsx", "-o", "pairs.xlsx", "--seed", "1")


def test_pair_shows_two_preferences_met_in_sixteen_people_as_13_percent(
        run: Runner, tmp_path: Path) -> None:
    """2 of 16 is 12.5%: 13%, not 12%."""
    result = _eight_pairs(run, tmp_path, preference=True)
    assert "2 of 16 paired people (13%) have a preference met" in " ".join(result.stdout.split())


def test_status_shows_one_pair_complete_in_eight_as_13_percent(run: Runner,
                                                               tmp_path: Path) -> None:
    """1 of 8 pairs complete is 12.5%, shown as 13%."""
    _eight_pairs(run, tmp_path)
    pairs = json.loads(run("status", "pairs.xlsx", "--json").stdout)["pairs"]
    first = next(p for p in pairs if p["a"]["email"] == "gp0@example.org")
    for host in (first["a"]["email"], first["b"]["email"]):
        run("visit", "pairs.xlsx", host, "--hosted", "2027-05-20")
    result = run("status", "pairs.xlsx")
    assert "1 of 8 pairs complete (13%)" in " ".join(result.stdout.split())


def test_the_response_rate_of_2_in_16_shows_as_13_percent(run: Runner, tmp_path: Path) -> None:
    """Two responses from the sixteen people paired: 12.5%, shown as 13%."""
    _eight_pairs(run, tmp_path)
    _ratings(tmp_path / "responses.csv", [4, 5])
    result = run("feedback", "responses.csv", "--pairs", "pairs.xlsx", "-o", "pack.md")
    [line] = [line for line in result.stdout.splitlines() if "Response rate" in line]
    assert line.split("│")[2].strip() == "13%"
    assert "2 responses from 16 participants (13%)." in (tmp_path / "pack.md").read_text("utf-8")


# ---------------------------------------------------------------- the report's counts


def _findings(run: Runner, tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    run("findings", "template", "-o", "blank.xlsx")
    book = openpyxl.load_workbook(tmp_path / "blank.xlsx")
    sheet = book["Actions"]
    headers = [cell.value for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(str(header)) for header in headers])
    book.save(tmp_path / "tables1.xlsx")
    return tmp_path / "tables1.xlsx"


def _report_text(run: Runner, tmp_path: Path, rows: list[dict[str, Any]]) -> str:
    _eight_pairs(run, tmp_path)
    _findings(run, tmp_path, rows)
    run("report", "pairs.xlsx", "--findings", "tables1.xlsx", "-o", "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_report_says_one_action_still_needs_a_lead_and_has_no_date(
        run: Runner, tmp_path: Path) -> None:
    text = _report_text(run, tmp_path, [
        {"Table": 1, "Proposed action": "Shared clinic letters", "Lead": "Dr Helena Marsh",
         "Health inequalities": "Should narrow them"},  # no date
        {"Table": 1, "Proposed action": "Joint teaching", "By when": "2027-10-01",
         "Health inequalities": "No likely effect"},  # no lead
    ])
    assert ("2 actions proposed by the celebration tables, grouped by who leads them. "
            "1 still needs a lead. 1 has no date.") in text
    # eight pairs, no visit done: "0 of 16 ... were", and "0 of 8 pairs"
    assert "0 of 16 half-day visits were completed. 0 of 8 pairs did both." in text


def test_one_answer_to_a_rated_question_is_one_answer() -> None:
    from wessex_cli.feedback import Rated

    assert Rated("How useful?", (1, 5), [4]).summary == \
        "1 answer; mean 4.0, median 4 on a scale of 1 to 5."
    assert Rated("How useful?", (1, 5), [5, 4, 5, 3]).summary == \
        "4 answers; mean 4.3, median 4.5 on a scale of 1 to 5."


# ---------------------------------------------------------------- findings: unsure answers


def test_a_question_marked_answer_counts_as_unsure_in_the_report(run: Runner,
                                                                 tmp_path: Path) -> None:
    text = _report_text(run, tmp_path, [
        {"Table": 1, "Proposed action": "Evening teaching", "Lead": "Dr Helena Marsh",
         "By when": "2027-10-01", "Health inequalities": "widen?"},
        {"Table": 1, "Proposed action": "Advice line", "Lead": "Dr Helena Marsh",
         "By when": "2027-11-01", "Health inequalities": "Should narrow them"},
    ])
    assert ("Of 2 proposed actions, the tables expect 1 to narrow health inequalities and 0 to "
            "risk widening them; 0 should make no difference, the tables were unsure about 1, "
            "and 0 were not assessed.") in text
    assert "Could widen them: check before going ahead" not in text


@pytest.mark.parametrize(("typed", "expected"), [
    ("widen?", "Not sure"), ("Could widen them?", "Not sure"), ("narrow?", "Not sure"),
    ("not sure, might widen", "Not sure"),
    ("widen", "Could widen them"), ("narrows the gap", "Should narrow them"),
    ("Increase", "Could widen them"), ("may increase the gaps", "Could widen them"),
    ("reduce health inequalities", "Should narrow them"), ("lessens them.", "Should narrow them"),
    # an answer, then why: since 'reduce' counted only before the gaps (104200a), these were
    # warned about as unreadable; 'Reducing' never counted
    ("Reduce - by seeing them sooner", "Should narrow them"),
    ("Reduce (better access)", "Should narrow them"),
    ("Reducing inequalities", "Should narrow them"),
    ("increasing the gap", "Could widen them"),
])
def test_typed_health_inequality_answers(run: Runner, tmp_path: Path, typed: str,
                                         expected: str) -> None:
    _findings(run, tmp_path, [{"Table": 2, "Proposed action": "Shared letters",
                               "Lead": "Tobias Wren", "Health inequalities": typed}])
    plan = json.loads(run("findings", "tables1.xlsx", "--json").stdout)
    assert [a["health_inequalities"] for g in plan["groups"] for a in g["actions"]] == [expected]
    assert plan["warnings"] == []


@pytest.mark.parametrize("typed", ["increase access", "Reduce waiting times",
                                   "increases uptake in deprived areas", "Increasing access"])
def test_an_aim_is_not_an_effect_on_the_gaps(run: Runner, tmp_path: Path, typed: str) -> None:
    # increasing access narrows inequalities: "increase" alone would have counted it as
    # widening them. What the action does is not its effect: warned, left for the reader
    _findings(run, tmp_path, [{"Table": 2, "Proposed action": "Shared letters",
                               "Lead": "Tobias Wren", "Health inequalities": typed}])
    plan = json.loads(run("findings", "tables1.xlsx", "--json").stdout)
    assert [a["health_inequalities"] for g in plan["groups"] for a in g["actions"]] != \
        ["Could widen them"]
    [warning] = plan["warnings"]
    assert warning.startswith("tables1.xlsx, Actions!H2:")


def test_an_answer_naming_two_effects_is_unsure_and_warned(run: Runner, tmp_path: Path) -> None:
    _findings(run, tmp_path, [{"Table": 2, "Proposed action": "Shared letters",
                               "Lead": "Tobias Wren", "Health inequalities": "narrow or widen"}])
    plan = json.loads(run("findings", "tables1.xlsx", "--json").stdout)
    assert [a["health_inequalities"] for g in plan["groups"] for a in g["actions"]] == \
        ["Not sure"]
    [warning] = plan["warnings"]
    assert warning.startswith("tables1.xlsx, Actions!H2:")


@pytest.mark.parametrize("answer", [
    "No - secondary carer", "no children but I care for my disabled father",
    "Not the main carer but I help with my dad"])
def test_a_caring_answer_that_says_no_then_whom_they_care_for_is_named(answer: str) -> None:
    # "No" at the start made the whole answer None, in silence, though it goes on to say
    # whom they care for (before that fix, "No - secondary carer" counted as Secondary
    # carer): it is not guessed at, but counted as another answer with its cell named
    assert classify("caring", answer) == (["Another answer"], False)
