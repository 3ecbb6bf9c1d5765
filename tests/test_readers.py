"""One header-row finder: a note typed above a table is handled alike by every sheet reader.

Each reader is given the same table twice, once as it is and once with two lines of notes in
A1 and A2 above its header row, and must read the same thing both times (SPEC: "title or
blank rows stand above it").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from wessex_cli import equality, feedback, findings, preferences_import
from wessex_cli.roster import read_roster
from wessex_cli.scheme import Scheme

# Two notes an administrator might type above a table; the second even mentions a column.
NOTES: list[list[Any]] = [["Wessex exchange 2027: please do not sort this sheet"],
                          ["Email the scheme office if a row looks wrong"]]


def _book(path: Path, sheet: str, notes: Sequence[Sequence[Any]],
          table: Sequence[Sequence[Any]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in [*notes, *table]:
        ws.append(list(row))
    book.save(path)
    return path


def roster(folder: Path, notes: Sequence[Sequence[Any]]) -> object:
    path = _book(folder / "volunteers.xlsx", "Volunteers", notes, [
        ["Name", "Email", "Profession", "Organisation"],
        ["Dr Amelia Ashworth", "amelia@nhs.net", "GP", "Harbourside Surgery"],
        ["Oliver Pemberton", "oliver@nhs.net", "Consultant", "General Hospital"],
    ])
    found = read_roster(path)
    return [(v.name, v.email) for v in found.volunteers], len(found.errors)


def equality_forms(folder: Path, notes: Sequence[Sequence[Any]]) -> object:
    rows = [["Profession or side", "Gender", "Age band"]]
    rows += [["GP", "Woman", "30 to 34"]] * 9 + [["GP", "Man", "40 to 44"]] * 9
    result = equality.read_forms(_book(folder / "forms.xlsx", "Forms", notes, rows))
    return result.forms, [t.title for t in result.tables], result.warnings


def feedback_responses(folder: Path, notes: Sequence[Sequence[Any]]) -> object:
    path = _book(folder / "responses.xlsx", "Responses", notes, [
        ["Profession", "Did anything surprise you?", "What will you take back?"],
        ["GP", "How busy the ward was", "Ring before referring"],
        ["Consultant", "The phone queue", "Shorter letters"],
    ])
    survey = feedback.read_responses(path)
    return survey.responses, survey.groups, survey.reflective


def findings_actions(folder: Path, notes: Sequence[Sequence[Any]]) -> object:
    path = _book(folder / "tables.xlsx", "Actions", notes, [
        ["Table", "Proposed action", "Lead", "By when"],
        [1, "Shared referral template", "Dr Helena Marsh", "end of March"],
        [2, "Named contact per practice", "Oliver Pemberton", ""],
    ])
    plan = findings.read_findings([path])
    return [(a.table, a.action, a.lead, a.due_text) for a in plan.actions]


def preferences_survey(folder: Path, notes: Sequence[Sequence[Any]]) -> object:
    volunteers = _book(folder / "volunteers.xlsx", "Volunteers", [], [
        ["Name", "Email", "Profession", "Organisation", "Specialty", "Preference 1"],
        ["Dr Amelia Ashworth", "amelia@nhs.net", "GP", "Harbourside Surgery", "", ""],
        ["Oliver Pemberton", "oliver@nhs.net", "Consultant", "General Hospital", "Cardiology",
         ""],
    ])
    responses = _book(folder / "survey.xlsx", "Sheet1", notes, [
        ["Email", "Name", "First choice: who or what would you like to visit?"],
        ["amelia@nhs.net", "Amelia Ashworth", "Cardiology"],
    ])
    result = preferences_import.import_preferences(responses, volunteers, Scheme(),
                                                   dry_run=True)
    return result.answered, [(c.cell, c.new) for c in result.changes]


READERS: dict[str, Callable[[Path, Sequence[Sequence[Any]]], object]] = {
    "roster": roster, "equality forms": equality_forms,
    "feedback responses": feedback_responses, "findings": findings_actions,
    "preferences import": preferences_survey,
}
# What each reader must find, written from the tables above.
EXPECTED: dict[str, object] = {
    "roster": ([("Dr Amelia Ashworth", "amelia@nhs.net"), ("Oliver Pemberton", "oliver@nhs.net")],
               0),
    "equality forms": (18, ["Gender", "Age band"], []),
    "feedback responses": (2, ["GP", "Consultant"],
                           [("surprise", ["How busy the ward was", "The phone queue"]),
                            ("take_back", ["Ring before referring", "Shorter letters"])]),
    "findings": [("1", "Shared referral template", "Dr Helena Marsh", "end of March"),
                 ("2", "Named contact per practice", "Oliver Pemberton", "")],
    "preferences import": ([("Dr Amelia Ashworth", "amelia@nhs.net", "e-mail")],
                           [("Volunteers!F2", "Cardiology")]),
}


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("notes", [[], NOTES], ids=["no notes", "notes in A1 and A2"])
def test_every_reader_finds_the_header_below_notes(tmp_path: Path, reader: str,
                                                   notes: list[list[Any]]) -> None:
    assert READERS[reader](tmp_path, notes) == EXPECTED[reader]


def test_answers_that_echo_the_questions_do_not_outscore_the_header(tmp_path: Path) -> None:
    # Every answer mentions a surprise or an expectation, in more cells than the header
    # names reflective questions: the header is still the row above them.
    path = _book(tmp_path / "responses.xlsx", "Responses", NOTES, [
        ["Profession", "Did anything surprise you?", "What will you take back?",
         "Any other comments?"],
        ["GP", "Nothing surprised me", "What I expected", "As expected, nothing surprised me"],
    ])
    survey = feedback.read_responses(path)
    assert survey.responses == 1
    assert survey.reflective == [("surprise", ["Nothing surprised me"]),
                                 ("take_back", ["What I expected"])]


def test_a_sheet_asked_for_alone_is_not_replaced_by_the_first(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """A pairs workbook without a Withdrawn sheet (or Unpaired, Summary, SWOT) is read
    without parsing its Pairs sheet a second time in the missing sheet's place."""
    from wessex_cli import spreadsheet
    from wessex_cli.pairs_workbook import read_pairs_workbook

    path = _book(tmp_path / "pairs.xlsx", "Pairs", [], [
        ["Pair", "A name", "A email", "B name", "B email"],
        ["P001", "Dr Ann Lee", "ann@example.org", "Bo Ray", "bo@example.org"]])
    alone = spreadsheet.read_grid(path, "Withdrawn", only=True)
    assert (alone.sheet, alone.rows) == ("", [])
    assert spreadsheet.read_grid(path, "Withdrawn").sheet == "Pairs"  # the usual fallback
    sheets_read: list[str] = []
    real = spreadsheet._read_sheets

    def counting(path: Path, inspection: Any, choose: Any) -> Any:
        grids = real(path, inspection, choose)
        sheets_read.extend(grid.sheet for grid in grids)
        return grids

    monkeypatch.setattr(spreadsheet, "_read_sheets", counting)
    book = read_pairs_workbook(path)
    assert [p.pair_id for p in book.pairs] == ["P001"]
    assert book.withdrawn == [] and book.withdrawals == [] and book.unpaired == []
    assert sheets_read.count("Pairs") == 1


def test_the_pairs_workbook_is_opened_once_for_all_its_sheets(
        calamine_opened: list[str]) -> None:
    """Pairs, Settings, Withdrawn and Unpaired come from one opening of the workbook (each
    sheet opened it again, the Settings sheet twice)."""
    from wessex_cli.pairs_workbook import read_pairs_workbook

    book = read_pairs_workbook(Path(__file__).parent.parent / "examples" / "pairs.xlsx")
    assert len(book.pairs) == 30 and calamine_opened == ["pairs.xlsx"]


def test_a_formula_never_calculated_is_warned_of_in_wessex_columns_only(
        tmp_path: Path) -> None:
    """The reader's warning about an uncalculated formula is kept for a column wessex reads
    (a column carried from the volunteer workbook too) and dropped for a column of the
    administrator's own, found by the column the warning carries."""
    import shutil

    from wessex_cli.pairs_workbook import read_pairs_workbook

    path = tmp_path / "pairs.xlsx"
    shutil.copy(Path(__file__).parent.parent / "examples" / "pairs.xlsx", path)
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    assert (sheet["AE1"].value, sheet["AF1"].value) == ("B Years qualified", None)
    sheet["AF1"] = "My check"
    sheet["AE2"] = "=1+1"  # carried from the volunteer workbook: read by wessex
    sheet["AF2"] = "=2+2"  # the administrator's own column
    book.save(path)  # openpyxl saves no value for a formula: never calculated
    warned = " ".join(read_pairs_workbook(path).pairs[0].warnings)
    assert "Pairs!AE2: this cell has a formula that was never calculated" in warned
    assert "AF2" not in warned
