"""The same warning about many returned forms is given once, with how many and the first
cells, where 'wessex equality' said it again for each form (fourteen forms with an answer off
the list gave fourteen paragraphs alike but for a cell)."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.equality import read_forms
from wessex_cli.scheme import Scheme


def test_answers_off_the_list_in_many_forms_are_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    # rows 2-8: seven gender answers off the list; row 9: one age off it; row 10: a nurse,
    # of neither side in a scheme of practice nurses and ward nurses; rows 11-12: fine
    path.write_text("Profession or side,Gender,Age band\n" + "GP,Womn,40 to 44\n" * 7 +
                    "Consultant,Man,forties\nNurse,Woman,30 to 34\n" +
                    "Consultant,Man,50 to 54\n" * 2, encoding="utf-8")
    warnings = read_forms(path, Scheme().side_of_answer).warnings
    assert warnings == [
        "forms.csv, forms!A10: the first column names neither side nor a profession listed in "
        "scheme.toml, so the form is counted under 'Not stated'. Type the side (for example "
        "primary) or the profession as scheme.toml lists it, and run again.",
        "forms.csv, 7 forms (forms!B2, B3, B4, B5, B6 and 2 more): the answers to 'Gender' "
        "are not among the form's choices, so each is counted as 'Another answer'. If a "
        "form ticks one choice on the list, type that choice as the list words it and run "
        "again; an answer naming two choices cannot be counted in either.",  # "a", of seven
        "forms.csv, forms!C9: the answer to 'Age band' is not one of the form's choices, so "
        "it is counted as 'Another answer'. If the form gives one age or one of the form's "
        "bands, type that (for example 46, or 45 to 49) and run again; a range that crosses "
        "two bands cannot be counted in either."]


def test_a_first_column_naming_no_side_in_many_forms_is_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    path.write_text("Profession or side,Gender\n" + "GP,Woman\n" * 6 + "Nurse,Man\n" * 3,
                    encoding="utf-8")
    assert read_forms(path, Scheme().side_of_answer).warnings == [
        "forms.csv, 3 forms (forms!A8, A9, A10): the first column names neither side nor a "
        "profession listed in scheme.toml, so each form is counted under 'Not stated'. Type "
        "the side (for example primary) or the profession as scheme.toml lists it, and run "
        "again."]
