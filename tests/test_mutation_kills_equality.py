"""Reading and classifying the equality monitoring forms, checked answer by answer against
the form's own choices (the guide's monitoring form, as ``wessex equality template`` writes
it). Every expected category below is written by hand from the form; none is pasted from
the code's output. Found by mutation testing (benchmarks/MUTATION.md, the equality run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wessex_cli import equality
from wessex_cli.equality import OTHER, PREFER, classify, find_columns, form_choices
from wessex_cli.errors import RosterError

WHITE, MIXED = "White", "Mixed or multiple ethnic groups"
ASIAN, BLACK = "Asian or Asian British", "Black, African, Caribbean or Black British"
OTHER_ETHNIC = "Other ethnic group"
CHILD, DISABLED_CHILD = "Primary carer of a child or children under 18", \
    "Primary carer of a disabled child"
DISABLED_ADULT, OLDER = "Primary carer of a disabled adult", "Primary carer of an older person"
ONE_CHOICE = ("If the form ticks one choice on the list, type that choice as the list words it "
              "and run again; an answer naming two choices cannot be counted in either.")
ONE_AGE = ("If the form gives one age or one of the form's bands, type that (for example 46, "
           "or 45 to 49) and run again; a range that crosses two bands cannot be counted in "
           "either.")
EACH_BOX = ("If the form ticks boxes on the list, type each as the list words it, separated "
            "by ; and run again.")


@pytest.mark.parametrize(("answer", "expected"), [
    ("16 to 24", "16 to 24"), ("16-24", "16 to 24"), ("16", "16 to 24"), ("24", "16 to 24"),
    ("25", "25 to 29"), ("29", "25 to 29"), ("30-34", "30 to 34"), ("42", "40 to 44"),
    ("44", "40 to 44"), ("45", "45 to 49"), ("aged 50 to 54", "50 to 54"),
    ("64", "60 to 64"), ("65", "65 or over"), ("65+", "65 or over"), ("81", "65 or over"),
    ("65 or over", "65 or over"),
])
def test_an_age_falls_in_its_band(answer: str, expected: str) -> None:
    """A band typed as on the form, with a hyphen, or a single age inside it."""
    assert classify("age", answer) == ([expected], True)


@pytest.mark.parametrize("answer", ["15", "12 to 15", "forty", "0", "201"])
def test_an_age_outside_every_band_is_another_answer(answer: str) -> None:
    assert classify("age", answer) == ([OTHER], False)


def test_a_range_counts_in_a_band_only_when_it_lies_wholly_inside_it() -> None:
    """"30-39" crosses 30 to 34 and 35 to 39: it belongs to neither, so it is another answer
    (with a warning), never the band it starts in; "31-33" lies inside 30 to 34."""
    assert classify("age", "30-39") == ([OTHER], False)
    assert classify("age", "31-33") == (["30 to 34"], True)


@pytest.mark.parametrize(("answer", "expected"), [
    ("White", WHITE), ("white british", WHITE), ("English", WHITE), ("Welsh", WHITE),
    ("Irish", WHITE), ("Gypsy or Irish Traveller", WHITE), ("Roma", WHITE),
    ("British", WHITE), ("Scottish", WHITE), ("Northern Irish", WHITE),
    ("Mixed", MIXED), ("White and Black Caribbean", MIXED), ("White and Asian", MIXED),
    ("Mixed white and black African", MIXED), ("Multiple ethnic groups", MIXED),
    ("Asian British", ASIAN), ("Indian", ASIAN), ("Pakistani", ASIAN),
    ("Bangladeshi", ASIAN), ("Chinese", ASIAN),
    ("Black British", BLACK), ("African", BLACK), ("Caribbean", BLACK),
    ("Arab", OTHER_ETHNIC), ("Any other ethnic group", OTHER_ETHNIC),
    ("Other ethnic group", OTHER_ETHNIC),
    ("Black, African, Caribbean or Black British", BLACK),
    ("Mixed or multiple ethnic groups", MIXED), ("Asian or Asian British", ASIAN),
])
def test_an_ethnic_background_counts_under_its_broad_group(answer: str, expected: str) -> None:
    """The form's five broad groups, named or through a background in them; "Black
    British" and "Asian British" are not white backgrounds, and "White and ..." is mixed."""
    assert classify("ethnicity", answer) == ([expected], True)


@pytest.mark.parametrize("answer", ["Martian", "Whiteish", "Blackpool", "Asiatic"])
def test_an_unknown_ethnic_answer_is_another_answer(answer: str) -> None:
    """A word that merely begins like a group's ("Blackpool") names no group."""
    assert classify("ethnicity", answer) == ([OTHER], False)


@pytest.mark.parametrize(("answer", "expected"), [
    ("None", ["None"]), ("no caring responsibilities", ["None"]), ("Not a carer", ["None"]),
    ("Secondary carer", ["Secondary carer"]),
    ("Primary carer of a child or children under 18", [CHILD]),
    ("Primary carer of a disabled child", [DISABLED_CHILD]),
    ("carer of a disabled adult", [DISABLED_ADULT]),
    ("Primary carer of an older person", [OLDER]), ("my elderly mother", [OLDER]),
    ("Secondary carer; primary carer of a child", ["Secondary carer", CHILD]),
    ("Secondary carer, Secondary carer", ["Secondary carer"]),
    ("disabled child\nolder person", [DISABLED_CHILD, OLDER]),
])
def test_caring_answers_count_each_box_ticked_once(answer: str, expected: list[str]) -> None:
    assert classify("caring", answer) == (expected, True)


def test_prefer_not_to_say_anywhere_in_a_caring_answer_is_the_answer() -> None:
    """Ticking a box and "prefer not to say" together says the person prefers not to: the
    answer counts once, under Prefer not to say, not under the box as well."""
    assert classify("caring", "None; prefer not to say") == ([PREFER], True)


def test_a_caring_part_not_on_the_form_is_another_answer_and_warned() -> None:
    assert classify("caring", "gardening") == ([OTHER], False)
    assert classify("caring", "Secondary carer; gardening") == (["Secondary carer", OTHER],
                                                                 False)
    assert classify("caring", " ; ,") == ([], True)  # only separators: nothing ticked
    assert classify("caring", "; Secondary carer") == (["Secondary carer"], True)


@pytest.mark.parametrize(("question", "answer", "expected"), [
    ("marriage", "married", "Yes"), ("marriage", "Civil partnership", "Yes"),
    ("marriage", "civil partner", "Yes"), ("marriage", "Single", "No"),
    ("marriage", "divorced", "No"), ("marriage", "widowed", "No"),
    ("marriage", "not married", "No"), ("marriage", "married for ten years", "Yes"),
    ("gender", "male", "Man"), ("gender", "F", "Woman"), ("gender", "m", "Man"),
    ("gender", "Non-binary", "Non-binary"), ("gender", "my own term", OTHER),
    ("sexual_orientation", "straight", "Heterosexual"),
    ("sexual_orientation", "gay man", "Gay"), ("sexual_orientation", "gay woman", "Lesbian"),
    ("sexual_orientation", "Bisexual", "Bisexual"),
    ("religion", "atheist", "No religion or belief"), ("religion", "none", "No religion or belief"),
    ("religion", "Roman Catholic", "Christian"), ("religion", "Church of England", "Christian"),
    ("religion", "Islam", "Muslim"), ("religion", "Judaism", "Jewish"),
    ("religion", "sikhism", "Sikh"), ("religion", "another religion", OTHER),
    ("working_pattern", "full time", "Full-time"), ("working_pattern", "LTFT", "Part-time"),
    ("working_pattern", "Part-time (0.6)", "Part-time"),
    ("working_pattern", "part time 3 days", "Part-time"),
    ("flexible_working", "Compressed hours", "Compressed hours"),
    ("flexible_working", "Job-share", "Job-share"), ("flexible_working", "other", OTHER),
    ("disability", "Yes", "Yes"), ("disability", "no", "No"),
    ("gender", "nonbinary", "Non-binary"), ("flexible_working", "Flexitime", "Flexi-time"),
    ("flexible_working", "Compressed hours (Fridays off)", "Compressed hours"),
])
def test_the_ways_people_type_a_choice_count_as_that_choice(question: str, answer: str,
                                                            expected: str) -> None:
    assert classify(question, answer) == ([expected], True)


@pytest.mark.parametrize(("question", "answer"), [
    ("gender", "Womanly"), ("sexual_orientation", "Gayish"), ("religion", "Christianish"),
    ("marriage", "marriedish"), ("working_pattern", "fulltimer"), ("disability", "Yesterday"),
    ("gender", "mx"),
])
def test_a_word_that_only_begins_like_a_choice_is_not_that_choice(question: str,
                                                                  answer: str) -> None:
    assert classify(question, answer) == ([OTHER], False)


@pytest.mark.parametrize("question", list(equality.QUESTIONS))
def test_blank_and_prefer_not_to_say_in_every_question(question: str) -> None:
    assert classify(question, "   ") == ([], True)
    assert classify(question, "I'd prefer not to say") == ([PREFER], True)
    assert classify(question, "PREFER NOT TO SAY") == ([PREFER], True)


def test_categorise_is_classify_without_the_flag() -> None:
    assert equality.categorise("age", "42") == ["40 to 44"]
    assert equality.categorise("caring", "Secondary carer; x") == ["Secondary carer", OTHER]


# ---------------------------------------------------------------- the columns


def test_each_heading_is_recognised_for_its_question() -> None:
    headers = ["Ref", "Profession", "Gender", "Age band", "Ethnic group", "Disability",
               "Sexual orientation", "Religion or belief", "Marital status",
               "Working pattern", "Flexible working", "Caring responsibilities"]
    assert find_columns(headers) == {
        "group": 1, "gender": 2, "age": 3, "ethnicity": 4, "disability": 5,
        "sexual_orientation": 6, "religion": 7, "marriage": 8, "working_pattern": 9,
        "flexible_working": 10, "caring": 11}


@pytest.mark.parametrize(("header", "question"), [
    ("Side", "group"), ("Setting", "group"), ("Sector", "group"), ("Your profession", "group"),
    ("Age", "age"), ("Ageband", "age"), ("Your age band", "age"), ("Ethnicity", "ethnicity"),
    ("Are you married or in a civil partnership?", "marriage"), ("Spouse", "marriage"),
    ("Faith", "religion"), ("Belief", "religion"), ("Orientation", "sexual_orientation"),
    ("Full-time or part-time", "working_pattern"), ("Carer", "caring"),
    ("Disabled?", "disability"),
])
def test_other_ways_of_heading_a_column(header: str, question: str) -> None:
    assert find_columns(["Ref", header]) == {question: 1}


@pytest.mark.parametrize("header", ["Stage", "Page", "Message", "Non-religion notes", "", "Ref"])
def test_headings_that_only_contain_a_question_word_are_not_taken(header: str) -> None:
    """"Stage" holds "age" but is not an age; notes about non-religion are not the
    religion question."""
    assert find_columns([header]) == {}


def test_a_heading_that_holds_another_questions_word_still_finds_its_own() -> None:
    """"Religion (see page 2)" holds "age" in "page" and "Flexible working
    (non-religion)" holds "religion": each is passed over for that question only."""
    assert find_columns(["Religion (see page 2)"]) == {"religion": 0}
    assert find_columns(["Flexible working (non-religion)"]) == {"flexible_working": 0}
    assert find_columns(["", "Gender", "Age"]) == {"gender": 1, "age": 2}  # a blank cell


def test_the_first_column_of_each_question_and_group_is_used() -> None:
    assert find_columns(["Side", "Profession", "Gender", "Gender (other)", "Age", "Age 2"]) \
        == {"group": 0, "gender": 2, "age": 4}


# ---------------------------------------------------------------- the forms as read


def _forms(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "forms.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def tables(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[list[Any], bool]]:
    """What read_forms hands to build_table for each question: (group, categories) per form,
    and whether the table is broken down by group."""
    seen: dict[str, tuple[list[Any], bool]] = {}
    real = equality.build_table

    def recording(question: str, answers: list[Any], grouped: bool = True) -> Any:
        seen[question] = (list(answers), grouped)
        return real(question, answers, grouped)

    monkeypatch.setattr(equality, "build_table", recording)
    return seen


def test_each_form_counts_under_its_group_with_its_categories(
        tmp_path: Path, tables: dict[str, tuple[list[Any], bool]]) -> None:
    path = _forms(tmp_path, [
        "Equality monitoring, Wessex 2027",  # a title above the table
        "Profession,Gender,Age band,Caring responsibilities",
        "GP,Woman,42,None",
        "Consultant,male,,Secondary carer; primary carer of a child",
        ",,,",  # an empty row is no form
        ",Martian,15,gardening",
        "Nurse,prefer not to say,65",  # a short row: the last answer is blank
    ])
    result = equality.read_forms(path)
    assert result.forms == 4
    assert tables["gender"] == ([("GP", ["Woman"]), ("Consultant", ["Man"]),
                                 ("Not stated", [OTHER]), ("Nurse", [PREFER])], True)
    assert tables["age"][0] == [("GP", ["40 to 44"]), ("Consultant", []),
                                ("Not stated", [OTHER]), ("Nurse", ["65 or over"])]
    assert tables["caring"][0] == [("GP", ["None"]),
                                   ("Consultant", ["Secondary carer", CHILD]),
                                   ("Not stated", [OTHER]), ("Nurse", [])]
    assert set(tables) == {"gender", "age", "caring"}
    assert [t.title for t in result.tables] == ["Gender", "Age band",
                                                "Caring responsibilities"]
    # each warning names its cell (row 6 of the file: the Martian) and never the words
    assert result.warnings == [
        f"forms.csv, forms!{col}6: the answer to '{title}' is not one of the form's choices, "
        f"so it is counted as '{OTHER}'. {fix}" for col, title, fix in
        (("B", "Gender", ONE_CHOICE), ("C", "Age band", ONE_AGE),
         ("D", "Caring responsibilities", EACH_BOX))]
    assert not any("Martian" in w or "gardening" in w for w in result.warnings)


def test_groups_go_through_side_of_and_a_table_without_a_group_column_is_not_broken_down(
        tmp_path: Path, tables: dict[str, tuple[list[Any], bool]]) -> None:
    path = _forms(tmp_path, ["Profession,Gender,Ethnic group", "GP,Woman,Indian",
                             "Consultant,Man,Arab", "Porter,Man,"])
    equality.read_forms(path, side_of=lambda g: {"GP": "primary", "Consultant":
                                                 "secondary"}.get(g, ""))
    assert tables["gender"][0] == [("primary", ["Woman"]), ("secondary", ["Man"]),
                                   ("Not stated", ["Man"])]
    assert tables["ethnicity"][0] == [("primary", [ASIAN]), ("secondary", [OTHER_ETHNIC]),
                                      ("Not stated", [])]
    tables.clear()
    # the group column last, and a row that stops before it: that form's group is not stated
    equality.read_forms(_forms(tmp_path, ["Gender,Age band,Profession", "Woman,30",
                                          "Man,31,GP"]))
    assert tables["gender"][0] == [("Not stated", ["Woman"]), ("GP", ["Man"])]
    tables.clear()
    ungrouped = _forms(tmp_path, ["Gender,Age band", "Woman,30", "Man,31"])
    result = equality.read_forms(ungrouped)
    assert tables["gender"] == ([("Not stated", ["Woman"]), ("Not stated", ["Man"])], False)
    assert result.forms == 2 and result.warnings == []


def test_forms_without_a_header_or_without_answers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as no_header:
        equality.read_forms(_forms(tmp_path, ["Name,Email", "A,a@example.org"]))
    assert str(no_header.value) == (
        "forms.csv, sheet 'forms': no header row with the monitoring questions was found. "
        "Use 'wessex equality template' to get a workbook with the right columns.")
    with pytest.raises(RosterError) as no_forms:
        equality.read_forms(_forms(tmp_path, ["Gender,Age band", ",", ","]))
    assert str(no_forms.value) == (
        "forms.csv, sheet 'forms': no returned forms were found: the Forms sheet has its "
        "headers but no answers below them. Type or paste one row per returned form under "
        "the headers, then run 'wessex equality' again.")
    # one recognised heading is not a header row: two are needed
    with pytest.raises(RosterError, match="no header row"):
        equality.read_forms(_forms(tmp_path, ["Gender,Notes", "Woman,x"]))


def test_the_forms_sheet_is_read_wherever_it_is_in_the_workbook(tmp_path: Path) -> None:
    """A collection workbook may have a notes sheet first: the sheet called Forms (any
    case) holds the answers."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Gender", "Age band"])  # a header row, but not the forms
    book.active.append(["Woman", "30"])
    forms = book.create_sheet("FORMS")
    for row in (["Profession", "Gender", "Age band"], ["GP", "Man", "44"],
                ["Nurse", "Woman", "25"], ["GP", "Man", "60"]):
        forms.append(row)
    book.save(tmp_path / "forms.xlsx")
    result = equality.read_forms(tmp_path / "forms.xlsx")
    assert result.forms == 3


def test_aggregate_returns_the_tables_and_the_number_of_forms(tmp_path: Path) -> None:
    tables, forms = equality.aggregate(_forms(tmp_path, ["Gender,Age", "Woman,30", "Man,44"]))
    assert forms == 2 and [t.title for t in tables] == ["Gender", "Age band"]


# ---------------------------------------------------------------- the collection workbook


def test_the_drop_downs_offer_a_write_in_only_where_the_form_has_one() -> None:
    assert form_choices("gender") == ["Man", "Woman", "Intersex", "Non-binary", OTHER, PREFER]
    assert form_choices("marriage") == ["Yes", "No", PREFER]
    assert form_choices("religion")[-2:] == [OTHER, PREFER]
    assert OTHER not in form_choices("age") and form_choices("age")[0] == "16 to 24"


@pytest.mark.parametrize(("names", "said"), [
    (["GP"], "'GP'"), (["GP", "Nurse"], "'GP' and 'Nurse'"),
    (["GP", "Nurse", "ANP"], "'GP', 'Nurse' and 'ANP'"),
])
def test_groups_are_listed_in_plain_english(names: list[str], said: str) -> None:
    assert equality._listed(names) == said


def test_aggregate_passes_the_groups_on(tmp_path: Path,
                                        tables: dict[str, tuple[list[Any], bool]]) -> None:
    equality.aggregate(_forms(tmp_path, ["Profession,Gender", "GP,Woman", "Consultant,Man"]),
                       side_of=lambda g: "primary" if g == "GP" else "secondary")
    assert tables["gender"][0] == [("primary", ["Woman"]), ("secondary", ["Man"])]


# ---------------------------------------------------------------- what is published


def test_a_table_as_json_holds_only_the_published_cells() -> None:
    table = equality.ProtectedTable("gender", "Gender", ["Man", "Woman", "Total"],
                                    ["All", "primary"], [["10", "*"], ["*", "*"], ["15", "10"]],
                                    ["A note."])
    assert table.as_json() == {
        "question": "gender", "title": "Gender", "columns": ["All", "primary"],
        "rows": [{"category": "Man", "counts": {"All": "10", "primary": "*"}},
                 {"category": "Woman", "counts": {"All": "*", "primary": "*"}},
                 {"category": "Total", "counts": {"All": "15", "primary": "10"}}],
        "notes": ["A note."]}


@pytest.mark.parametrize(("forms", "shown"), [
    (0, "none"), (1, "fewer than 8"), (7, "fewer than 8"),
    (8, "about 10 (rounded to the nearest 5)"),
    (12, "about 10 (rounded to the nearest 5)"), (13, "about 15 (rounded to the nearest 5)"),
    (39, "about 40 (rounded to the nearest 5)")])
def test_the_number_of_forms_is_itself_protected(forms: int, shown: str) -> None:
    """Fewer than 8 forms is said as such, more is rounded to the nearest 5 and says so: 39
    forms shown as "Forms returned: 40" read as 40 exactly."""
    page = equality.report_html([], forms, "Wessex Exchange 2027")
    assert "<h1>Equality monitoring: Wessex Exchange 2027</h1>" in page
    assert f"Forms returned: {shown}. Publish these figures once" in page


def test_the_collection_workbook_has_a_drop_down_of_each_questions_choices(
        tmp_path: Path) -> None:
    """Each question's column offers exactly the form's choices for it (from the hidden
    Lists sheet), and the first column is for the profession or side."""
    import openpyxl

    equality.write_template(tmp_path / "forms.xlsx")
    book = openpyxl.load_workbook(tmp_path / "forms.xlsx")
    forms = book["Forms"]
    headers = [c.value for c in forms[1]]
    assert headers == ["Profession or side", "Gender", "Married or in a civil partnership",
                       "Age band", "Ethnic group", "Disability or health condition",
                       "Sexual orientation", "Religion or belief", "Working pattern",
                       "Flexible working", "Caring responsibilities"]
    lists = book["Lists"]
    assert lists.sheet_state == "hidden"
    by_column: dict[str, list[str]] = {}
    for validation in forms.data_validations.dataValidation:
        if validation.type is None:  # the side: any text, with a note on what to type
            assert str(validation.sqref).startswith("A2:")
            assert validation.promptTitle == "Side of the exchange"
            continue
        source = validation.formula1.lstrip("=")
        sheet, cells = source.split("!")
        assert sheet == "Lists"
        first, last = cells.replace("$", "").split(":")
        values = [c.value for row in lists[f"{first}:{last}"] for c in row]
        for column in str(validation.sqref).split():
            by_column[column.rstrip("0123456789:")[:1]] = values
    assert by_column["B"] == ["Man", "Woman", "Intersex", "Non-binary", OTHER, PREFER]
    assert by_column["C"] == ["Yes", "No", PREFER]
    assert by_column["D"] == ["16 to 24", "25 to 29", "30 to 34", "35 to 39", "40 to 44",
                              "45 to 49", "50 to 54", "55 to 59", "60 to 64", "65 or over",
                              PREFER]
    assert by_column["K"] == ["None", CHILD, DISABLED_CHILD, DISABLED_ADULT, OLDER,
                              "Secondary carer", PREFER]
    # ethnicity: each background the printed form lists, under its group, each counted
    # under that group
    assert by_column["E"][:2] == ["White: British", "White: English"]
    assert "Mixed or multiple ethnic groups: White and Black African" in by_column["E"]
    assert "Other ethnic group: Arab" in by_column["E"] and by_column["E"][-1] == PREFER
    assert len(by_column["E"]) == 8 + 4 + 5 + 3 + 2 + 1
    for choice in by_column["E"][:-1]:
        assert classify("ethnicity", choice) == ([choice.split(":")[0]], True), choice
    assert set(by_column) == set("BCDEFGHIJK")
    assert lists["A1"].value == "Gender"


def test_each_list_of_choices_is_headed_by_its_whole_question(tmp_path: Path) -> None:
    """The hidden Lists sheet, shown again in Excel, heads each column of choices with the
    question whole, the one whose drop-down draws on it: a cell has no 30-character limit
    (it read 'Married or in a civil partners')."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    equality.write_template(tmp_path / "forms.xlsx")
    book = openpyxl.load_workbook(tmp_path / "forms.xlsx")
    forms, lists = book["Forms"], book["Lists"]
    headed = {}
    for validation in forms.data_validations.dataValidation:
        if validation.type == "list":
            source = validation.formula1.lstrip("=").removeprefix("Lists!$").split("$")[0]
            served = str(validation.sqref).rstrip("0123456789:")[:1]
            headed[forms[f"{served}1"].value] = lists[f"{source}1"].value
    assert headed["Married or in a civil partnership"] == "Married or in a civil partnership"
    assert len(headed) == 10 and all(q == h for q, h in headed.items())
    # as another reader sees the file: the same headings, in the drop-downs' order
    calamine = CalamineWorkbook.from_path(str(tmp_path / "forms.xlsx"))
    assert calamine.get_sheet_by_name("Lists").to_python()[0][:3] == [
        "Gender", "Married or in a civil partnership", "Age band"]


def test_a_question_with_several_ticks_says_its_total_counts_ticks() -> None:
    # ten forms, one of them ticking two boxes: eleven ticks, which the total shows
    answers = [("", ["Secondary carer", CHILD])] + [("", ["None"])] * 9
    table = equality.build_table("caring", answers, grouped=False)
    assert "the total counts the boxes ticked, not the people" in " ".join(table.notes)
    assert table.cells[-1] == ["10"]  # 11, rounded to the nearest 5
    single = equality.build_table("caring", [("", ["None"])] * 10, grouped=False)
    assert not any("ticked" in note for note in single.notes)
