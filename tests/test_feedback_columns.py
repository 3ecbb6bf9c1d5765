"""``wessex feedback`` says how it used a free-text question it does not recognise."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.feedback import analyse, read_responses

from .conftest import Runner

HEADERS = ["Profession", "Did anything surprise you?", "Any other comments?",
           "How useful was the visit (1-5)?"]
ROWS = [["GP", "The phone queue", "Lunch was late", 4],
        ["GP", "Busy clinics", "", 5],
        ["Nurse", "Shared notes", "Please run it again", 3]]


def export(path: Path, headers: list[str] = HEADERS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Responses"
    for row in [headers, *ROWS]:
        sheet.append(row)
    book.save(path)
    return path


def test_an_unrecognised_free_text_column_is_named_with_how_it_was_used(tmp_path: Path) -> None:
    survey = read_responses(export(tmp_path / "responses.xlsx"))
    assert survey.warnings == [
        "Responses!C1: the column 'Any other comments?' is not one of the reflective questions "
        "(what surprised you, what you expected, what you will take back), so its answers are "
        "not quoted in the pack; they are anonymised and counted only towards the themes."]
    pack = analyse(tmp_path / "responses.xlsx")
    assert pack.warnings == survey.warnings
    assert "Lunch was late" not in str(pack.quotes)  # as the warning says: not quoted


def test_reflective_and_rated_columns_give_no_warning(tmp_path: Path) -> None:
    survey = read_responses(export(tmp_path / "responses.xlsx", [*HEADERS[:2], "", HEADERS[3]]))
    assert survey.warnings == []


def test_the_command_prints_the_warning(tmp_path: Path, run: Runner) -> None:
    export(tmp_path / "responses.xlsx")
    result = run("feedback", "responses.xlsx", "--no-names-source", "-o", "pack.html")
    text = " ".join(result.output.split())
    assert "Warning: Responses!C1: the column 'Any other comments?' is not one of the " \
           "reflective questions" in text
    assert "counted only towards the themes." in text
