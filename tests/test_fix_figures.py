"""Figures that must be right as a reader reads them: answers placed in one equality
category only when they fit it alone, rounding half up everywhere a figure is shown, counts
that agree with their nouns, and a findings answer marked with "?" read as unsure.
Every expected value is worked out by hand; the data are fictional."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import Runner
from wessex_cli.equality import OTHER, classify

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
    assert [w.split(":")[0] for w in warnings] == ["forms.xlsx, Forms!C2", "forms.xlsx, Forms!C9"]
    assert "counted as 'Another answer'" in warnings[0]
    assert "run again" in warnings[0]
    assert "45-54" not in warnings[0]  # the cell is named, never the answer
