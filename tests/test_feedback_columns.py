"""``wessex feedback`` says how it used a free-text question it does not recognise."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl

from wessex_cli.feedback import analyse, read_responses

from .conftest import Runner

HEADERS = ["Profession", "Did anything surprise you?", "Any other comments?",
           "How useful was the visit (1-5)?"]
ROWS = [["GP", "The phone queue", "Lunch was late", 4],
        ["GP", "Busy clinics", "", 5],
        ["Nurse", "Shared notes", "Please run it again", 3]]


def export(path: Path, headers: list[str] = HEADERS,
           rows: Sequence[Sequence[object]] = ROWS) -> Path:
    """A survey export: a Responses sheet of ``headers``, then ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Responses"
    for row in [headers, *rows]:
        sheet.append(list(row))
    book.save(path)
    return path


def test_an_unrecognised_free_text_column_is_named_with_how_it_was_used(tmp_path: Path) -> None:
    survey = read_responses(export(tmp_path / "responses.xlsx"))
    assert survey.warnings == [
        "Responses!C1: the column 'Any other comments?' is not one of the reflective questions "
        "(what surprised you, what you expected, what you will take back), so its answers are "
        "quoted neither in the delegate pack nor in the board report; they are anonymised and "
        "counted only towards the themes."]  # 'wessex report' prints it too: not "the pack"
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


def rated_export(path: Path, header: str, answers: list[object]) -> Path:
    return export(path, ["Profession", "Did anything surprise you?", header],
                  [["GP", "The phone queue", answer] for answer in answers])


def test_a_zero_on_a_zero_to_ten_question_counts(tmp_path: Path) -> None:
    # eight answers, two of them 0: the mean is 48 / 8 = 6.0 (a 1-10 scale dropped the
    # zeros without a word and gave 8.0 from six)
    answers: list[object] = [0, 0, 8, 8, 8, 8, 8, 8]
    for header in ("How likely are you to recommend the exchange?",
                   "How likely are you to recommend it (0-10)?"):
        survey = read_responses(rated_export(tmp_path / "r.xlsx", header, answers))
        (rated,) = survey.rated
        assert (rated.scale, len(rated.values), rated.mean) == ((0, 10), 8, 6.0), header
        assert rated.distribution()[0] == 2
        assert survey.warnings == []


def test_an_answer_that_is_no_rating_is_named_not_dropped_quietly(tmp_path: Path) -> None:
    answers: list[object] = [4, "five", 3, "very", 5, 9]
    survey = read_responses(rated_export(tmp_path / "r.xlsx", "How useful was it (1-5)?",
                                         answers))
    (rated,) = survey.rated
    assert sorted(rated.values) == [3, 4, 5, 5]  # "five" read as 5
    assert survey.warnings == [
        "Responses!C5: 'very' under 'How useful was it (1-5)?' is not a rating from 1 to 5, "
        "so it is not counted.",
        "Responses!C7: '9' under 'How useful was it (1-5)?' is not a rating from 1 to 5, so "
        "it is not counted."]


def test_the_pack_shows_a_practice_as_the_report_does(tmp_path: Path, run: Runner) -> None:
    """A practice named in a quote is "[practice]" in the delegate pack as in the board
    report: with one or two volunteers from it, its name names them. A hospital is not."""
    import shutil

    from .conftest import EXAMPLES

    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    export(tmp_path / "responses.xlsx", ["Profession", "Did anything surprise you?"], [
        ["GP", "The volume of paperwork at Harbourside Surgery shocked me"],
        ["GP", "Kingsway's triage, and the wards of Eastshire General Hospital"]])
    run("feedback", "responses.xlsx", "--pairs", "pairs.xlsx", "-o", "pack.md")
    pack = (tmp_path / "pack.md").read_text(encoding="utf-8")
    assert "The volume of paperwork at [practice] shocked me" in pack
    assert "[practice] triage, and the wards of Eastshire General Hospital" in pack
    assert "Harbourside" not in pack and "Kingsway" not in pack
    assert "Each practice in the pairs workbook is shown as [practice]" in pack


def test_a_profession_typed_loosely_is_one_group() -> None:
    """One GP typed "gp": with two "GP" that made groups of two and one, both pooled under
    "Other professions", and the GPs' section disappeared. Spellings that differ only in case
    and spaces are one group, shown as most respondents spelt it."""
    from wessex_cli.feedback import pool_groups

    assert pool_groups(["GP", "GP", "gp", "Nurse", "nurse ", "NURSE", "nurse", "Nurse",
                        "Nurse"]) == ["GP"] * 3 + ["Nurse"] * 6
