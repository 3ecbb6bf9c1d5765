"""A question every respondent answered alike was hidden answer by answer, but the note under
it said "Every answer from everyone who answered was the same": anyone who knew one answer
(their own) or could guess it then knew everyone's. It now looks exactly like a question
too few answered: every figure hidden, the total too, under one note giving either reason.

Every form here is invented; the expected tables are written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from wessex_cli.equality import build_table

from .conftest import Runner

HIDDEN = ("No figure is shown for this question: fewer than 8 people answered it, or their "
          "answers were too alike to show any figure without telling what someone answered.")


def _published(table: object) -> tuple[object, ...]:
    return (table.rows, table.columns, table.cells, table.notes)  # type: ignore[attr-defined]


def test_a_question_everyone_answered_alike_looks_like_one_too_few_answered() -> None:
    alike = build_table("marriage", [("GP", ["Yes"])] * 12 + [("Consultant", ["Yes"])] * 10)
    few = build_table("marriage", [("GP", ["No"])] * 3 + [("Consultant", ["Yes"])] * 2)
    assert _published(alike) == _published(few)
    assert alike.rows == ["Yes", "No", "Prefer not to say", "Total"]
    assert alike.columns == ["All"]
    assert alike.cells == [["*"], ["*"], ["*"], ["*"]]
    assert alike.notes == [HIDDEN]


def test_an_answer_only_some_gave_leaves_no_row_or_note_behind() -> None:
    # "Another answer" is a row only where someone gave one, and the caring table says when
    # boxes were ticked together: either would tell the hidden tables apart
    alike = build_table("caring", [("GP", ["None", "Secondary carer"])] * 20)
    few = build_table("caring", [("GP", ["Another answer"])] * 3)
    assert _published(alike) == _published(few)
    assert alike.notes == [HIDDEN]


def write_forms(path: Path, answers: list[tuple[str, str, str]]) -> None:
    """An equality forms workbook: a Forms sheet of (side, gender, disability) answers."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Forms"
    sheet.append(["Profession or side", "Gender", "Disability"])
    for answer in answers:
        sheet.append(list(answer))
    book.save(path)


def test_the_equality_command_does_not_say_everyone_answered_alike(run: Runner,
                                                                   tmp_path: Path) -> None:
    write_forms(tmp_path / "forms.xlsx", [("primary" if index % 2 else "secondary",
                                           "Man" if index % 3 else "Woman", "No")
                                          for index in range(20)])
    result = run("equality", "forms.xlsx", "--json")
    tables = {t["question"]: t for t in json.loads(result.stdout)["tables"]}
    disability = tables["disability"]
    assert disability["columns"] == ["All"]
    assert [r["counts"]["All"] for r in disability["rows"]] == ["*", "*", "*", "*"]
    assert disability["notes"] == [HIDDEN]
    assert "same" not in result.stdout


def test_a_group_all_ticking_one_box_is_not_broken_down() -> None:
    # ten GPs each ticked "None" and "Secondary carer" (their column's twenty ticks matched
    # no box's count): "GP: Secondary carer 10" told that each of them is a carer
    answers = ([("GP", ["None", "Secondary carer"])] * 10 + [("Consultant", ["None"])] * 5 +
               [("Consultant", ["Primary carer of an older person"])] * 5)
    table = build_table("caring", answers)
    assert table.columns == ["All"]
    assert table.notes[0] == ("Not broken down by group: a group's figures could tell what "
                              "someone answered, as fewer than 8 in it answered this question "
                              "or their answers were too alike.")
