"""Tests added to kill mutants of ``equality``'s reading and classifying of the monitoring
forms (benchmarks/MUTATION.md, seventh run; tests/test_mutation_kills_equality.py has the
equality run on the code as it now is).

The rules, from the module and SPEC ("equality data is only ever shown aggregated"): an
answer counts under the form's own choice when it names it (however spaced, cased or
punctuated, or followed by more words), under a listed synonym, or, for age, under the band
its number falls in; anything else counts under "Another answer" with a warning naming its
cell, never its words. Caring answers may tick several boxes. Each expected category is
read off the form's choices (``equality.QUESTIONS``) by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from wessex_cli.equality import OTHER, PREFER, classify, find_columns, read_forms
from wessex_cli.errors import RosterError

NOT_BROKEN_DOWN = ("Not broken down by group: a group's figures could tell what someone "
                   "answered, as fewer than 8 in it answered this question or their answers "
                   "were too alike.")


@pytest.mark.parametrize(("question", "answer", "expected"), [
    ("gender", "", ([], True)),  # blank: not answered, nothing to warn about
    ("gender", "I would prefer not to answer", ([PREFER], True)),
    ("gender", "Nonbinary", (["Non-binary"], True)),  # the choice, spelt without its hyphen
    ("gender", "zebra", ([OTHER], False)),
    ("marriage", "Married", (["Yes"], True)),  # a synonym, the whole answer
    ("marriage", "Divorced (2019)", (["No"], True)),  # a synonym, then more words
    ("disability", "sometimes", ([OTHER], False)),  # a question with no synonyms
    ("flexible_working", "Compressed hours (9-day fortnight)", (["Compressed hours"], True)),
    ("age", "42", (["40 to 44"], True)),  # one number: the band it falls in
    ("age", "44", (["40 to 44"], True)),  # a band's upper end
    ("age", "70", (["65 or over"], True)),
    ("age", "42 to 50", ([OTHER], False)),  # a range that starts no band
    ("ethnicity", "Black British", (["Black, African, Caribbean or Black British"], True)),
    ("ethnicity", "British Indian", (["Asian or Asian British"], True)),
    ("ethnicity", "OtherEthnicGroup", (["Other ethnic group"], True)),
    ("caring", "None", (["None"], True)),
    ("caring", "Not a carer", (["None"], True)),
    ("caring", "Secondary carer; Primary carer of a disabled adult",
     (["Secondary carer", "Primary carer of a disabled adult"], True)),
    ("caring", "; Secondary carer", (["Secondary carer"], True)),
    ("caring", "Secondary carer, looking after bees", (["Secondary carer", OTHER], False)),
])
def test_each_answer_counts_under_the_forms_choice_it_names(
        question: str, answer: str, expected: tuple[list[str], bool]) -> None:
    assert classify(question, answer) == expected


@pytest.mark.parametrize(("headers", "expected"), [
    (["", "Side", "Gender", "Age"], {"group": 1, "gender": 2, "age": 3}),
    (["Setting", "Preferred language", "Your age band"], {"group": 0, "age": 2}),
    (["Sector", "Gender"], {"group": 0, "gender": 1}),
    (["Your profession", "Gender"], {"group": 0, "gender": 1}),
    (["Non-religion (please specify)", "Religion or belief", "Caring for someone of any age"],
     {"religion": 1, "caring": 2}),
])
def test_each_question_is_found_by_its_heading(headers: list[str],
                                               expected: dict[str, int]) -> None:
    """Side, setting, sector or profession is the group; 'age' must start the heading or be
    'age band' (not 'language'); a non-religion column is not the religion question."""
    assert find_columns(headers) == expected


def forms_book(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """A workbook whose first sheet is a guide and whose second is Forms."""
    book = openpyxl.Workbook()
    guide = book.active
    assert guide is not None
    guide.title = "Guide"
    guide.append(["Gender", "Age band"])
    guide.append(["Woman", "30 to 34"])
    forms = book.create_sheet("Forms")
    for row in rows:
        forms.append(list(row))
    book.save(path)
    return path


def sides(count: int) -> list[list[str]]:
    return ([["Primary care", "Woman"]] * count + [["Secondary care", "Man"]] * count +
            [["", "Woman"]] * count)


def test_the_forms_sheet_is_read_below_its_header_with_a_column_per_group(
        tmp_path: Path) -> None:
    """24 forms under a note and the header row (row 2): 8 per side and 8 with no side,
    which make a 'Not stated' column. The third form's gender (row 5, column B) is not a
    choice: counted as 'Another answer', its cell named."""
    rows: list[list[str]] = sides(8)
    rows[2] = ["Primary care", "zebra"]
    # one answer unlike the rest in each group: a group all alike is never broken down
    rows[10], rows[18] = ["Secondary care", "Woman"], ["", "Man"]
    path = forms_book(tmp_path / "forms.xlsx",
                      [["Equality monitoring, 2027"], ["Side", "Gender"], *rows])
    result = read_forms(path)
    assert result.forms == 24
    assert result.warnings == [
        "forms.xlsx, Forms!B5: the answer to 'Gender' is not one of the form's choices, so it "
        "is counted as 'Another answer'. If the form ticks one choice on the list, type that "
        "choice as the list words it and run again; an answer naming two choices cannot be "
        "counted in either."]
    [table] = result.tables
    assert table.columns == ["All", "Not stated", "Primary care", "Secondary care"]
    side_of = {"Primary care": "primary", "Secondary care": "secondary"}.get
    [table] = read_forms(path, lambda raw: side_of(raw, "")).tables
    assert table.columns == ["All", "Not stated", "primary", "secondary"]


def test_short_rows_are_blank_answers_and_no_side(tmp_path: Path) -> None:
    """A CSV row may stop early: the missing cells are blank (not answered, no side). 16
    forms have a side; 'Woman,40' and 'Man' have none, so 'Not stated' has 2 and the tables
    are not broken down. Age: 17 answers, 9 '40 to 44' (published as 10) and 8 '50 to 54'
    (a column whose every answer is one band is not shown by band)."""
    path = tmp_path / "forms.csv"
    path.write_text("Gender,Age band,Side\n" + "Woman,42,Primary care\n" * 8 +
                    "Man,52,Secondary care\n" * 8 + "Woman,40\nMan\n", encoding="utf-8")
    result = read_forms(path)
    assert result.forms == 18
    assert result.warnings == []
    gender, age = result.tables
    for table in (gender, age):
        assert table.columns == ["All"]
        assert table.notes == [NOT_BROKEN_DOWN]
    assert age.cells[age.rows.index("40 to 44")] == ["10"]
    assert age.cells[age.rows.index("Total")] == ["15"]


def test_forms_without_a_group_column_are_not_broken_down(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    path.write_text("Gender,Age band\n" + "Woman,42\n" * 8 + "Man,52\n" * 8, encoding="utf-8")
    [gender, age] = read_forms(path).tables
    assert gender.columns == age.columns == ["All"]
    assert gender.notes == age.notes == []


def test_a_sheet_naming_one_question_has_no_header_row(tmp_path: Path) -> None:
    """A header needs at least two known columns: one alone could be any table."""
    path = forms_book(tmp_path / "forms.xlsx", [["Gender"], ["Woman"]])
    with pytest.raises(RosterError) as caught:
        read_forms(path)
    error = caught.value
    assert (error.message, error.hint, error.file, error.sheet) == (
        "no header row with the monitoring questions was found.",
        "Use 'wessex equality template' to get a workbook with the right columns.",
        path, "Forms")


def test_a_forms_sheet_with_headers_and_no_answers_says_so(tmp_path: Path) -> None:
    path = forms_book(tmp_path / "forms.xlsx", [["Side", "Gender"], ["", ""]])
    with pytest.raises(RosterError) as caught:
        read_forms(path)
    error = caught.value
    assert (error.message, error.hint, error.file, error.sheet) == (
        "no returned forms were found: the Forms sheet has its headers but no answers "
        "below them.",
        "Type or paste one row per returned form under the headers, then run 'wessex "
        "equality' again.", path, "Forms")


def test_a_first_column_naming_no_side_or_profession_is_named_by_its_cell(
        tmp_path: Path) -> None:
    """'Nurse' fits neither side of a scheme whose professions are 'Practice nurse' and 'Ward
    nurse': the form counts under 'Not stated', and one such cell stops every table being
    broken down by side. It was silent; it is named like an answer not on the list. A blank
    cell, or one saying 'Prefer not to say', is not a slip and is not named."""
    from wessex_cli.scheme import Scheme

    path = tmp_path / "forms.csv"
    path.write_text("Profession or side,Gender\n" + "GP,Woman\n" * 8 + "Consultant,Man\n" * 8 +
                    "Nurse,Woman\n,Man\nPrefer not to say,Woman\n", encoding="utf-8")
    result = read_forms(path, Scheme().side_of_answer)
    assert result.warnings == [
        "forms.csv, forms!A18: the first column names neither side nor a profession listed in "
        "scheme.toml, so the form is counted under 'Not stated'. Type the side (for example "
        "primary) or the profession as scheme.toml lists it, and run again."]


def test_a_side_named_by_its_workplace_is_that_side(tmp_path: Path) -> None:
    """'Hospital' was read as the secondary side but 'Surgery', the primary side's workplace
    in scheme.toml, was named as fitting neither side; each side's workplace reads as it."""
    from wessex_cli.scheme import Scheme

    scheme = Scheme()
    assert scheme.side_of_answer("Hospital") == "secondary"
    assert scheme.side_of_answer("Surgery") == "primary"
    path = tmp_path / "forms.csv"
    path.write_text("Profession or side,Gender\n" + "Surgery,Woman\n" * 8 +
                    "Hospital,Man\n" * 8, encoding="utf-8")
    assert read_forms(path, scheme.side_of_answer).warnings == []
