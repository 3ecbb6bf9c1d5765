"""The volunteer reader: forgiving about what administrators type, exact about cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from wessex_cli.availability import AvailabilityError, describe, parse_availability
from wessex_cli.errors import RosterError, SchemeError
from wessex_cli.roster import read_roster
from wessex_cli.scheme import Scheme, load_scheme

from .conftest import HEADERS, person, small_roster, write_book, write_ods


@pytest.mark.parametrize(("text", "expected"), [
    ("Mon, Wed", "Mon, Wed"), ("Monday/Thursday", "Mon, Thu"), ("Tue-Thu", "Tue, Wed, Thu"),
    ("Fri am", "Fri am"), ("Mon PM", "Mon pm"), ("any", "any day"), ("", "any day"),
    ("Tuesday mornings", "Tue am"), ("Wed pm, Thu", "Wed pm, Thu"), ("weekdays", "any weekday"),
    ("all day Friday", "Fri"), ("Fri a.m.", "Fri am"), ("Mon am and pm", "Mon"),
])
def test_availability_forms(text: str, expected: str) -> None:
    assert describe(parse_availability(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # days joined by "and", "&" or "/" are read as English reads them: the half after the
    # last is the half of each ("Tuesday and Thursday afternoons")
    ("Tues & Thurs pm", "Tue pm, Thu pm"), ("Mon and Wed mornings", "Mon am, Wed am"),
    ("Tues/Thurs PM", "Tue pm, Thu pm"), ("Mon & Wed am, Fri", "Mon am, Wed am, Fri"),
    # a comma ends the run, and a day with a half of its own keeps it
    ("Mon, Wed pm", "Mon, Wed pm"), ("Mon & Tue, Wed pm", "Mon, Tue, Wed pm"),
    ("Mon am & Wed", "Mon am, Wed"), ("Tue-Thu & Fri am", "Tue, Wed, Thu, Fri am"),
    # a list "A, B and C" is one run: the half after its last day is the half of each, as
    # "Monday, Tuesday and Thursday afternoons" reads (Monday was read as the whole day)
    ("Mon, Tues & Thurs pm", "Mon pm, Tue pm, Thu pm"),
    ("Mon, Tue, Wed and Thu am", "Mon am, Tue am, Wed am, Thu am"),
    ("Mon, Tues & Thurs pm, Fri", "Mon pm, Tue pm, Thu pm, Fri"),
    ("Mon, Tue & Wed", "Mon, Tue, Wed"), ("Mon, Tue-Thu & Fri am", "Mon, Tue, Wed, Thu, Fri am"),
])
def test_days_joined_by_and_share_the_half_after_them(text: str, expected: str) -> None:
    assert describe(parse_availability(text)) == expected


def test_availability_rejects_unknown_words() -> None:
    with pytest.raises(AvailabilityError):
        parse_availability("lunchtime")


def test_header_below_title_aliases_and_extra_columns(tmp_path: Path) -> None:
    headers = ["Full name", "E-MAIL ADDRESS", "Job title", "Surgery", "PCN", "Days to host",
               "1st choice", "Do not pair with", "Max partners", "Years qualified"]
    people = [{"Full name": "  Dr  Siân\nÓ Briain ", "E-MAIL ADDRESS": "SIAN@EXAMPLE.ORG",
               "Job title": "GP", "Surgery": "Harbourside", "PCN": 3, "Days to host": "Tue-Thu",
               "1st choice": "no preference", "Years qualified": 12},
              {"Full name": "Oliver Pemberton", "E-MAIL ADDRESS": "oliver@example.org",
               "Job title": "Consultant", "PCN": "3", "Do not pair with": "dr sian o briain",
               "Max partners": 2.0}]
    path = write_book(tmp_path / "v.xlsx", people, headers,
                      above=[["My exchange 2027"], [], []])
    roster = read_roster(path)
    assert roster.header_row == 4
    sian, oliver = roster.volunteers
    assert sian.name == "Dr Siân Ó Briain"
    assert sian.cluster == oliver.cluster == "3"
    assert sian.side == "primary" and oliver.side == "secondary"
    assert sian.preferences == ()
    assert oliver.avoid == (sian.key,)
    assert oliver.capacity == 2
    assert dict(sian.extra) == {"Years qualified": "12"}
    assert roster.errors == []


def test_problems_name_their_cells(tmp_path: Path) -> None:
    people = [
        person("A One", "one@example.org", "GP", **{"Host days": "lunchtime"}),
        person("", "two@example.org", "GP"),
        person("B Three", "not-an-email", "GP"),
        person("C Four", "ONE@example.org", "Consultant"),
        person("D Five", "five@example.org", "Astronaut"),
        person("E Six", "six@example.org", "Consultant", Capacity="two"),
        person("F Seven", "seven@example.org", "Consultant", Avoid="Nobody Atall"),
        person("G Eight", "eight@example.org", "GP", Partner="A One"),
        person("H Nine", "nine@example.org", "GP", **{"Preference 1": "Cardiolgy"}),
        person("I Ten", "ten@example.org", "Consultant", Specialty="Cardiology",
               **{"Registered practice": "Harbourside Surgery"}),
    ]
    roster = read_roster(write_book(tmp_path / "v.xlsx", people))
    cells = {(p.cell, p.severity) for p in roster.problems}
    assert ("Volunteers!H2", "error") in cells  # host days
    assert ("Volunteers!A3", "error") in cells  # missing name
    assert ("Volunteers!B4", "error") in cells  # invalid e-mail
    # an e-mail two people share: both rows, either may be the mistyped one
    assert {("Volunteers!B5", "error"), ("Volunteers!B2", "error")} <= cells
    assert ("Volunteers!C6", "error") in cells  # profession with no side
    assert ("Volunteers!N7", "error") in cells  # capacity
    assert ("Volunteers!M8", "error") in cells  # avoid names nobody
    # the locked partner is row 2, left out for its own error: a warning here, not a second
    # error that would leave this volunteer out of 'pair --skip-errors' too
    assert ("Volunteers!O9", "warning") in cells
    assert ("Volunteers!J10", "warning") in cells  # preference matches nothing
    assert ("Volunteers!G11", "warning") in cells  # registered practice unknown
    # someone outside the list needs no avoiding: the fix says the entry may go
    avoid = next(p for p in roster.problems if p.cell == "Volunteers!M8")
    assert avoid.fix.endswith("if they are not taking part, delete the entry: nobody outside "
                              "the list can be paired with them.")
    typo = next(p for p in roster.problems if p.cell == "Volunteers!J10")
    assert "Did you mean 'Cardiology'" in typo.text
    astronaut = next(p for p in roster.problems if p.cell == "Volunteers!C6")
    assert "Did you mean" not in astronaut.text  # nothing near: no guess


def test_a_misspelt_profession_gets_the_nearest_one_the_scheme_recruits(
        tmp_path: Path) -> None:
    roster = read_roster(write_book(tmp_path / "v.xlsx", [
        person("A One", "one@example.org", "Consultnt")]))
    problem = next(p for p in roster.problems if p.cell == "Volunteers!C2")
    assert "the profession 'Consultnt' belongs to no side" in problem.text
    assert "Did you mean 'Consultant'? Otherwise add a column headed Side" in problem.text


def test_a_profession_of_no_side_is_told_which_side_cell_takes_the_side(
        tmp_path: Path) -> None:
    """The problem is named at the Profession cell, but the fix goes in the Side cell of
    the same row: the message names that cell and the words it takes."""
    roster = read_roster(write_book(tmp_path / "v.xlsx", [
        person("A One", "one@example.org", "GP"),
        person("Bo Two", "two@example.org", "Physiotherapist")],
        headers=["Name", "Email", "Profession", "Side"]))
    problem = next(p for p in roster.problems if p.cell == "Volunteers!C3")
    assert problem.text == (
        "the profession 'Physiotherapist' belongs to no side. Type Primary care or Secondary "
        "care in their Side cell (D3), or add the profession to [sides.primary] or "
        "[sides.secondary] professions in scheme.toml.")
    # the words it gives are words the Side cell takes (the drop-down's, as init writes it)
    roster = read_roster(write_book(tmp_path / "w.xlsx", [
        person("A One", "one@example.org", "GP"),
        person("Bo Two", "two@example.org", "Physiotherapist", Side="Secondary care")],
        headers=["Name", "Email", "Profession", "Side"]))
    assert not [p for p in roster.problems if p.level == "error"]
    assert [v.side for v in roster.volunteers] == ["primary", "secondary"]


def test_ambiguous_names_are_errors(tmp_path: Path) -> None:
    people = [person("Dr Sam Lee", "sam1@example.org", "GP"),
              person("Sam Lee", "sam2@example.org", "GP"),
              person("Kim Park", "kim@example.org", "Consultant", Avoid="Sam Lee")]
    roster = read_roster(write_book(tmp_path / "v.xlsx", people))
    problem = next(p for p in roster.problems if p.column == "avoid")
    assert problem.severity == "error" and "could be any of" in problem.text


def test_missing_required_column_is_an_error(tmp_path: Path) -> None:
    path = write_book(tmp_path / "v.xlsx", [{"Name": "A", "Email": "a@example.org"}],
                      ["Name", "Email", "Phone"])
    with pytest.raises(RosterError, match="Profession"):
        read_roster(path)


def test_no_header_row(tmp_path: Path) -> None:
    path = write_book(tmp_path / "v.xlsx", [], ["just", "some", "words"])
    with pytest.raises(RosterError, match="no header row"):
        read_roster(path)


def test_csv_with_bom_semicolons_and_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes("\ufeffName;Email;Profession\nSiân Ó Briain;sian@example.org;GP\n"
                     .encode())
    assert read_roster(path).volunteers[0].name == "Siân Ó Briain"
    legacy = tmp_path / "old.csv"
    legacy.write_bytes("Name,Email,Profession\nZoë Ćwik,zoe@example.org,GP\n".encode("cp1252",
                                                                                   "replace"))
    roster = read_roster(legacy)
    assert roster.volunteers[0].name.startswith("Zo")
    assert any("cp1252" in p.message for p in roster.problems)


def test_ods_is_read(tmp_path: Path) -> None:
    write_ods(tmp_path / "v.ods", "Volunteers",
              [["Name", "Email", "Profession"], ["Ann Bee", "ann@example.org", "GP"]])
    assert read_roster(tmp_path / "v.ods").volunteers[0].email == "ann@example.org"


def test_scheme_defaults_and_bad_settings(tmp_path: Path) -> None:
    assert load_scheme(None, tmp_path) == Scheme()
    bad = tmp_path / "scheme.toml"
    bad.write_text('[scheme]\nname = "X"\n\n[weights]\nperson = [6, 4]\n')
    with pytest.raises(SchemeError, match=r"'weights.person' \(line 5\)"):
        load_scheme(bad)
    bad.write_text('[dates]\nstart = "soon"\n')
    with pytest.raises(SchemeError, match="line 2"):
        load_scheme(bad)
    bad.write_text('[scheme\nname = 1')
    with pytest.raises(SchemeError, match="not valid TOML"):
        load_scheme(bad)


@pytest.mark.parametrize(("toml", "line"), [
    ('[sides.primary]\nprofessions = ["GP"]\n\n'
     '[sides.secondary]\nprofessions = ["Consultant", 3]', 5),
    ('[sides]\nprimary.professions = ["GP"]\n"secondary" . professions = [3]', 3),
    # an inline table: the line that opens it (it named the first side's line 2)
    ('[sides.primary]\nprofessions = ["GP"]\n\n[sides]\n'
     'secondary = { label = "Hospital teams", professions = ["Consultant", 3] }', 5),
    ('sides.secondary = { "professions" = [3] }\n\n[sides.primary]\nprofessions = ["GP"]',
     1),
    # both sides inline: the second's line, not the first table setting 'professions'
    ('[sides]\nprimary = { professions = ["GP"] }\n'
     'secondary = { professions = ["Consultant", 3] }', 3),
])
def test_a_bad_setting_of_the_second_side_names_its_own_line(tmp_path: Path, toml: str,
                                                              line: int) -> None:
    """Both sides set 'professions' and the second side's is wrong: the error names its line
    (it named the first 'professions =' in the file, the first side's, line 2)."""
    (tmp_path / "scheme.toml").write_text(toml + "\n")
    with pytest.raises(SchemeError) as refused:
        load_scheme(tmp_path / "scheme.toml")
    assert f"'sides.secondary.professions' (line {line}) must be a list" in str(refused.value)


def test_scheme_moves_a_profession(tmp_path: Path) -> None:
    toml = tmp_path / "scheme.toml"
    toml.write_text('[sides.primary]\nprofessions = ["GP", "Physio"]\n')
    scheme = load_scheme(toml)
    people = [*small_roster(), person("Pat Physio", "pat@example.org", "physio")]
    roster = read_roster(write_book(tmp_path / "v.xlsx", people), scheme)
    assert roster.volunteers[-1].side == "primary"


def test_a_preference_naming_a_row_with_an_error_says_so(tmp_path: Path) -> None:
    """A preference naming a colleague whose own row has an error is not 'nobody': the
    warning names that row, and offers no other colleague in its place."""
    people = small_roster()
    people[3]["Host days"] = "Tuesday lunchtime"  # an error of its own
    people[0]["Preference 1"] = people[3]["Name"]
    write_book(tmp_path / "v.xlsx", people)
    roster = read_roster(tmp_path / "v.xlsx")
    texts = [p.text for p in roster.problems if p.severity == "warning"]
    name = people[3]["Name"]
    assert any(f"'{name}' is on row 5, which has an error" in t for t in texts), texts
    assert not any("matches no volunteer" in t for t in texts), texts


def test_a_preference_by_first_name_alone_suggests_the_colleague(tmp_path: Path) -> None:
    """"Tom" is no near spelling of "Dr Tom Harris", so no suggestion was made; a first
    name alone now suggests the people who have it (and is still not used: it may be
    someone else's Tom)."""
    people = [*small_roster(), person("Dr Tom Harris", "tom.harris@example.org", "Consultant",
                                      Organisation="Downland Hospital")]
    people[0]["Preference 1"] = "Tom"
    write_book(tmp_path / "v.xlsx", people)
    roster = read_roster(tmp_path / "v.xlsx")
    hints = [p.fix for p in roster.problems if "preference 'Tom'" in p.text]
    assert hints == ["Did you mean 'Dr Tom Harris'? Check the spelling against the list."]
    assert roster.volunteers[0].preferences == ()


def test_a_date_in_host_days_is_called_a_date(tmp_path: Path) -> None:
    """"3rd March" in Host days was explained as "'3' is not a day"; it is a date, and the
    column wants days of the week."""
    people = small_roster()
    people[0]["Host days"] = "3rd March"
    write_book(tmp_path / "v.xlsx", people)
    errors = [p.message for p in read_roster(tmp_path / "v.xlsx").problems
              if p.severity == "error"]
    assert errors == ["cannot read '3rd March' as days: it is a date, and this column takes "
                      "the days of the week that suit them."]


def test_a_repeat_quotes_each_rows_own_address(tmp_path: Path) -> None:
    """Row 3 has james.patel@nhs.net, row 6 repeats him as James.Patel@nhs.net: the message
    quoted row 6's capitals as what row 3 has."""
    people = small_roster()
    people.insert(1, person("Dr James Patel", "james.patel@nhs.net", "GP",
                            Organisation="Acre Surgery"))
    people.append(person("Dr James Patel", "James.Patel@nhs.net", "GP",
                         Organisation="Acre Surgery"))
    write_book(tmp_path / "v.xlsx", people)
    messages = [p.message for p in read_roster(tmp_path / "v.xlsx").problems
                if "repeats them" in p.message]
    assert messages == ["row 3 already has Dr James Patel with the e-mail james.patel@nhs.net "
                        "(here James.Patel@nhs.net): this row repeats them."]


def test_a_volunteer_naming_themself_is_told_so(tmp_path: Path) -> None:
    """A first choice or an Avoid entry naming the volunteer themself passed without a word:
    neither can do anything."""
    people = small_roster()
    people[0]["Preference 1"] = people[0]["Name"]
    people[1]["Avoid"] = people[1]["Email"]
    roster = read_roster(write_book(tmp_path / "v.xlsx", people))
    found = {p.cell: (p.severity, p.message) for p in roster.problems}
    assert found["Volunteers!J2"] == (
        "warning", f"preference '{people[0]['Name']}' is the volunteer themself, so it "
        "cannot be honoured.")
    assert found["Volunteers!M3"] == (
        "warning", "the volunteer is named in their own Avoid cell, which keeps nobody apart.")
    assert roster.volunteers[0].preferences == ()
    assert roster.volunteers[1].avoid == ()


def test_cells_merged_down_rows_are_named(tmp_path: Path) -> None:
    """Two people's Cluster cells merged into one: the second person's row read as no
    cluster, and nothing said so. A title merged across its row is not questioned."""
    import openpyxl

    path = write_book(tmp_path / "v.xlsx", small_roster(), above=[["Exchange 2027"]])
    book = openpyxl.load_workbook(path)
    sheet = book["Volunteers"]
    sheet.merge_cells("A1:F1")  # the title, across
    sheet.merge_cells("F3:F4")  # Cluster of the first two volunteers, down
    sheet.merge_cells("D5:E5")  # a volunteer's Organisation and Specialty, across
    book.save(path)
    roster = read_roster(path)
    found = {p.cell: p.message for p in roster.problems if p.severity == "warning"}
    assert found["Volunteers!F4"] == (
        "cells F3:F4 are merged, so only F3 holds a value and the cells below it read as "
        "empty. Unmerge them and fill in each cell.")
    assert found["Volunteers!E5"] == (
        "cells D5:E5 are merged, so only D5 holds a value and the cells beside it read as "
        "empty. Unmerge them and fill in each cell.")
    assert not any(cell.startswith("Volunteers!A") or cell.endswith("!B1") for cell in found)


@pytest.mark.parametrize(("setting", "named", "said"), [
    # TOML's own values, each valid TOML, each beyond what the setting can mean: they ended
    # in "an unexpected internal problem" (a seed below 0, a weight past 64 bits wrapping to
    # a negative score, a year whose plan runs past 9999-12-31) or went into certificates
    ("[pairing]\nseed = -1", "pairing.seed", "from 0 to 4,294,967,295, not -1"),
    ("[weights]\nperson = [9223372036854775807, 4, 2]", "weights.person", "from 0 to 1,000,000"),
    ("[weights]\ncluster = 9223372036854775807", "weights.cluster", "from 0 to 1,000,000"),
    ("[weights]\nnew_organisation = -2", "weights.new_organisation", "from 0 to 1,000,000"),
    ("[dates]\nstart = 9999-10-01", "dates.start", "(9999-10-01) is not in a year"),
    ("[dates]\nend = 1066-10-14", "dates.end", "(1066-10-14) is not in a year"),
    ("[scheme]\ncpd_hours = nan", "scheme.cpd_hours", "above 0 and up to 100, not nan"),
    ("[scheme]\ncpd_hours = inf", "scheme.cpd_hours", "above 0 and up to 100, not inf"),
    ("[scheme]\ncpd_hours = -3", "scheme.cpd_hours", "above 0 and up to 100, not -3"),
])
def test_a_setting_out_of_its_range_is_refused_naming_it(
        tmp_path: Path, setting: str, named: str, said: str) -> None:
    toml = tmp_path / "scheme.toml"
    toml.write_text(setting + "\n")
    with pytest.raises(SchemeError) as refused:
        load_scheme(toml)
    assert f"'{named}' (line 2)" in str(refused.value)
    assert said in str(refused.value)


def test_settings_at_the_edges_of_their_range_are_taken(tmp_path: Path) -> None:
    toml = tmp_path / "scheme.toml"
    toml.write_text("[scheme]\ncpd_hours = 0.5\n[pairing]\nseed = 0\n[weights]\n"
                    "person = [1000000, 0, 0]\n[dates]\nstart = 2027-04-19\n")
    scheme = load_scheme(toml)
    assert (scheme.cpd_hours, scheme.seed, scheme.weights.person) == (0.5, 0, (1000000, 0, 0))


def test_two_people_joined_by_and_in_an_avoid_cell_are_told_to_be_separated(
        tmp_path: Path) -> None:
    """Avoid takes a list separated by ';': two names joined by 'and' are an error still (a
    misread Avoid must never let the two be paired), told how to write them."""
    roster = read_roster(write_book(tmp_path / "v.xlsx", [
        person("Ann Hughes", "ann@example.org", "GP", Avoid="Bob Stone and Carol Ng"),
        person("Bob Stone", "bob@example.org", "Consultant", Avoid="Ann Hughes & Dee Ray"),
        person("Carol Ng", "carol@example.org", "Consultant")]))
    both = next(p for p in roster.problems if p.cell == "Volunteers!M2")
    assert both.severity == "error"
    assert both.text == ("'Bob Stone and Carol Ng' is 2 people in one entry, so it names "
                         "nobody in the list. Separate them with ';': 'Bob Stone; Carol Ng'.")
    # Dee Ray is nobody in the list: the entry is not two volunteers, and is named as before
    other = next(p for p in roster.problems if p.cell == "Volunteers!M3")
    assert other.text.startswith("'Ann Hughes & Dee Ray' names nobody in the list.")


@pytest.mark.parametrize(("name", "dates", "warned"), [
    # last year's name kept for this year's dates: every letter says 2027 beside 2028
    ("Dale Exchange 2027", "start = 2028-04-03\nend = 2028-07-03", "says 2027, but the "
     "exchange runs in 2028"),
    ("Dale Exchange 2027", "start = 2027-04-19", ""),
    ("Dale Exchange 2027/28", "start = 2027-11-01\nend = 2028-02-01", ""),
    ("Dale Exchange 2027-28", "start = 2028-04-03", ""),
    ("Dale Exchange", "start = 2028-04-03", ""),
    ("Dale Exchange 2027", "", ""),  # no dates yet: init has said to set both
])
def test_a_name_holding_a_year_the_dates_are_not_in_is_warned_of(
        tmp_path: Path, name: str, dates: str, warned: str) -> None:
    path = tmp_path / "scheme.toml"
    path.write_text(f'[scheme]\nname = "{name}"\n[dates]\n{dates}\n', encoding="utf-8")
    warnings = [w for w in load_scheme(path).warnings if "the scheme's name" in w]
    if not warned:
        assert warnings == []
    else:
        assert warnings == [f"scheme.toml: the scheme's name '{name}' {warned}, and every letter "
                            "prints both. Change name under [scheme] unless the year is meant."]


def test_a_preference_naming_a_profession_is_told_what_a_choice_names(
        tmp_path: Path) -> None:
    """'GP' as a consultant's choice is spelt right: it is everyone of a profession, which
    no choice can be, and checking its spelling, as the warning said, gets nowhere."""
    roster = read_roster(write_book(tmp_path / "v.xlsx", [
        person("Ann Hughes", "ann@example.org", "GP", Specialty="General Practice",
               **{"Preference 1": "physiotherapist"}),  # a profession only the sheet has
        person("Carol Ng", "carol@example.org", "Consultant", Specialty="Cardiology",
               **{"Preference 1": "GP", "Preference 2": "Generl Practice"}),
        person("Bob Stone", "bob@example.org", "Physiotherapist", Side="secondary")],
        headers=[*HEADERS, "Side"]))
    other = next(p for p in roster.problems if p.cell == "Volunteers!J2")
    assert other.text.startswith("preference 'physiotherapist' is a profession, where")
    first = next(p for p in roster.problems if p.cell == "Volunteers!J3")
    assert first.text == (
        "preference 'GP' is a profession, where a choice names a colleague, a specialty or a "
        "workplace, so it cannot be honoured. Name a colleague, a specialty (as the Specialty "
        "column words it) or a workplace, or write 'no preference'.")
    second = next(p for p in roster.problems if p.cell == "Volunteers!K3")  # a misspelling
    assert "Did you mean 'General Practice'? Check the spelling" in second.text


def test_a_side_cell_naming_no_side_is_told_the_words_the_drop_down_offers(
        tmp_path: Path) -> None:
    roster = read_roster(write_book(tmp_path / "v.xlsx", [
        person("A One", "one@example.org", "GP", Side="Tertiary")],
        headers=["Name", "Email", "Profession", "Side"]))
    problem = next(p for p in roster.problems if p.cell == "Volunteers!D2")
    assert problem.text == ("the side 'Tertiary' is not one of Primary care or Secondary "
                            "care. Write Primary care or Secondary care, or leave it blank.")
