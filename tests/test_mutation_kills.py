"""Tests added to kill mutants that survived mutation testing (benchmarks/MUTATION.md).

Each states the rule it defends. Expected values are worked out by hand from the rules in
SPEC (small numbers suppressed, then rounded to 5; nobody identifiable; nothing half-written).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from wessex_cli import safe_write
from wessex_cli.equality import build_table, protect
from wessex_cli.errors import OutputError
from wessex_cli.feedback import Anonymiser, valid_nhs_number
from wessex_cli.safe_write import write_batch

# ---------------------------------------------------------------- equality: small numbers


def test_seven_is_hidden_but_eight_is_published_rounded() -> None:
    # A count of 1 to 7 is suppressed; 8 is not small and is shown rounded to 10.
    assert protect([[7], [7]]) == [["*"], ["*"]]
    assert protect([[8], [8]]) == [["10"], ["10"]]


def test_secondary_suppression_hides_the_smallest_other_count_not_the_total() -> None:
    # Groups g1..g3 (column 0 is the row total, last row the column totals).
    # Row A's 3 is hidden; so its row (total 32) would give it away: the smallest other
    # count in the row (9, not 20) is hidden too. Column g1 then hides B's 10, column g3
    # hides B's 11, and every row and column holds two hidden cells or none.
    matrix = [[32, 3, 20, 9],
              [33, 10, 12, 11],
              [65, 13, 32, 20]]
    assert protect(matrix) == [["30", "*", "20", "*"],
                               ["35", "*", "10", "*"],
                               ["65", "15", "30", "20"]]


def test_secondary_suppression_never_spends_itself_on_a_zero() -> None:
    # Hiding a 0 beside the 3 would still let 20 = 23 - 3 - 0 be read: the 20 is hidden.
    matrix = [[23, 3, 0, 20],
              [33, 10, 12, 11],
              [56, 13, 12, 31]]
    assert protect(matrix) == [["25", "*", "0", "*"],
                               ["35", "*", "10", "*"],
                               ["55", "15", "10", "30"]]


def test_a_row_total_hidden_to_protect_its_column_is_not_left_alone_in_its_row() -> None:
    # Row B (4 = 2 + 2) is hidden and so is the total row's 2. Column 0 then hides A's 8,
    # which would be 0 + 8 from A's own row: A's 8 in group g2 is hidden as well.
    matrix = [[8, 0, 8],
              [4, 2, 2],
              [0, 0, 0],
              [12, 2, 10]]
    assert protect(matrix) == [["*", "0", "*"],
                               ["*", "*", "*"],
                               ["0", "0", "0"],
                               ["10", "*", "*"]]


GENDER_ROWS = ["Man", "Woman", "Intersex", "Non-binary", "Another answer",
               "Prefer not to say", "Total"]


def _zero_rows(width: int) -> list[list[str]]:
    return [["0"] * width for _ in range(4)]  # Intersex, Non-binary, Another, Prefer


def test_groups_of_eight_or_more_each_get_a_column() -> None:
    # (each group's answers of two kinds: a group whose every answer is one kind is not
    # shown answer by answer)
    answers = ([("Consultant", ["Man"])] * 9 + [("Consultant", ["Woman"])] * 10
               + [("GP", ["Man"])] * 4 + [("GP", ["Woman"])] * 4
               + [("GP", [])] * 3)  # blanks are not answers
    table = build_table("gender", answers)
    assert table.title == "Gender"
    assert table.rows == GENDER_ROWS  # "Another answer" always listed: the form has a write-in
    assert table.columns == ["All", "Consultant", "GP"]
    # Man 13/9/4, Woman 14/10/4, Total 27/19/8: the GPs' 4 and 4 are too few to show, and
    # each row's other group is hidden so that they cannot be worked out from "All"; the
    # rest rounded to the nearest 5. Eight GPs answered: their column is shown.
    assert table.cells == [["15", "*", "*"], ["15", "*", "*"], *_zero_rows(3),
                           ["25", "20", "10"]]
    assert table.notes == []


def test_an_ungrouped_table_has_only_the_all_column() -> None:
    # (answers of two kinds: a column whose every answer is one kind is not shown by answer)
    table = build_table("gender", [("GP", ["Woman"])] * 8 + [("GP", ["Man"])] * 8,
                        grouped=False)
    assert table.columns == ["All"]
    assert table.cells == [["10"], ["10"], *_zero_rows(1), ["15"]]  # 8, 8 and 16 rounded


def test_small_groups_are_pooled_when_together_they_reach_eight() -> None:
    answers = ([("Pharmacist", ["Man"])] * 5 + [("Pharmacist", ["Woman"])] * 5
               + [("GP", ["Woman"])] * 4 + [("Dentist", ["Man"])] * 4)
    table = build_table("gender", answers)
    # The pooled column comes last, after the named groups in order: 4 GPs and 4 dentists
    # make 8 in 'Other groups'. Man 9/5/4, Woman 9/5/4: every group's count is under 8.
    assert table.columns == ["All", "Pharmacist", "Other groups"]
    assert table.cells == [["10", "*", "*"], ["10", "*", "*"], *_zero_rows(3),
                           ["20", "10", "10"]]
    assert len(table.notes) == 1
    assert "'Dentist' and 'GP'" in table.notes[0] and "'Other groups'" in table.notes[0]
    assert "fewer than 8" in table.notes[0]


def test_when_every_group_is_small_the_pooled_column_is_not_shown() -> None:
    """Pooled, they made an 'Other groups' column equal to 'All' in every row."""
    answers = [("GP", ["Woman"])] * 5 + [("Dentist", ["Man"])] * 5
    table = build_table("gender", answers)
    assert table.columns == ["All"]
    # the note names no group, and reads as it does for a group that answered alike
    # (tests/test_equality_one_note.py)
    assert table.notes == ["Not broken down by group: a group's figures could tell what "
                           "someone answered, as fewer than 8 in it answered this question "
                           "or their answers were too alike."]


def test_small_groups_too_small_together_are_not_broken_down() -> None:
    # 3 + 2 = 5 people: even pooled they are too few, and a lone column for them could be
    # worked out as All minus the big group; the table is not broken down at all.
    answers = ([("Consultant", ["Man"])] * 10 + [("GP", ["Woman"])] * 3
               + [("Dentist", ["Woman"])] * 2)
    table = build_table("gender", answers)
    assert table.columns == ["All"]
    # 5 women are suppressed, so the 10 men are too (15 - 10 would give the 5 away).
    assert table.cells == [["*"], ["*"], *_zero_rows(1), ["15"]]
    assert table.notes == ["Not broken down by group: a group's figures could tell what "
                           "someone answered, as fewer than 8 in it answered this question "
                           "or their answers were too alike."]


def test_fewer_than_eight_answers_show_no_figure_at_all() -> None:
    table = build_table("gender", [("GP", ["Man"])] * 7 + [("GP", [])] * 4)
    assert table.columns == ["All"]
    assert table.cells == [["*"]] * 7
    assert len(table.notes) == 1
    assert "No figure is shown for this question: fewer than 8 people answered it" \
        in table.notes[0]


def test_another_answer_is_listed_only_when_the_form_offers_it_or_someone_gave_one() -> None:
    plain = build_table("marriage", [("GP", ["Yes"])] * 8 + [("GP", ["No"])] * 8,
                        grouped=False)
    assert plain.rows == ["Yes", "No", "Prefer not to say", "Total"]
    assert plain.cells == [["10"], ["10"], ["0"], ["15"]]
    odd = build_table("marriage", [("GP", ["Yes"])] * 8 + [("GP", ["Another answer"])],
                      grouped=False)
    assert odd.rows == ["Yes", "No", "Another answer", "Prefer not to say", "Total"]


# ---------------------------------------------------------------- feedback: nobody identifiable


def test_an_nhs_number_a_phone_number_and_a_postcode_are_each_replaced_by_their_label() -> None:
    anonymise = Anonymiser([])
    # 9434765919: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 11 - 299 % 11 = 9, the last digit
    assert anonymise("patient 943 476 5919 seen") == "patient [NHS number] seen"
    assert anonymise("clinic at SO16 6YD today") == "clinic at [postcode] today"


def test_phone_numbers_are_ten_to_thirteen_digits_and_other_numbers_stay() -> None:
    anonymise = Anonymiser([])
    assert anonymise("call 9434765918 now") == "call [phone] now"  # 10 digits, not an NHS no.
    assert anonymise("call +44 (0)7700 900123 now") == "call [phone] now"  # 13 digits
    assert anonymise("ref 0044 7700 900123 x") == "ref 0044 7700 900123 x"  # 14: not a phone
    assert anonymise("ref 123 456 789 x") == "ref 123 456 789 x"  # 9 digits: a reference


def test_an_nhs_number_must_be_ten_digits() -> None:
    assert valid_nhs_number("9434765919")
    assert not valid_nhs_number("94347659a9")
    assert not valid_nhs_number("943476591")


def test_a_one_word_name_and_each_part_of_a_hyphenated_name_are_removed() -> None:
    assert Anonymiser(["Kwame"])("Kwame said hi") == "[name] said hi"
    assert Anonymiser(["Ana Smith-Jones"])("Smith was kind, Jones too") == \
        "[name] was kind, [name] too"


def test_a_particle_inside_a_surname_is_not_a_name_on_its_own() -> None:
    assert Anonymiser(["Pieter van der Berg"])("Der Spiegel lay on the desk") == \
        "Der Spiegel lay on the desk"


def test_an_initial_is_a_name_only_between_two_name_words() -> None:
    anonymise = Anonymiser(["Rhys J Pask"])
    assert anonymise("Rhys J Pask came") == "[name] came"
    assert anonymise("We met Rhys J Pask") == "We met [name]"
    assert anonymise("Option J was chosen") == "Option J was chosen"
    assert anonymise("Option J Pask came") == "Option J [name] came"
    assert anonymise("Rhys J said") == "[name] J said"
    assert anonymise("J Pask met Rhys") == "J [name] met [name]"


# ---------------------------------------------------------------- safe writes: nothing half-written


def test_a_batch_fills_existing_and_new_nested_folders(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    write_batch([(tmp_path / "old" / "a.txt", b"one"),
                 (tmp_path / "x" / "y" / "z" / "b.txt", b"two"),
                 (tmp_path / "x" / "y" / "z" / "c.txt", b"three")])
    assert (tmp_path / "old" / "a.txt").read_bytes() == b"one"
    assert (tmp_path / "x" / "y" / "z" / "b.txt").read_bytes() == b"two"
    assert (tmp_path / "x" / "y" / "z" / "c.txt").read_bytes() == b"three"
    assert [p.name for p in (tmp_path / "x" / "y").iterdir()] == ["z"]  # no staging left


def test_a_new_folder_is_staged_hidden_beside_its_place_then_renamed_in_one_step(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Beside it (same disk), so the rename is one step; hidden and named for the folder, so
    # a reader never takes the unfinished folder for the output.
    renames: list[tuple[Path, Path]] = []
    real_rename = os.rename

    def spy(src: str | Path, dst: str | Path) -> None:
        renames.append((Path(src), Path(dst)))
        real_rename(src, dst)

    monkeypatch.setattr(safe_write.os, "rename", spy)
    write_batch([(tmp_path / "letters" / "a.txt", b"one")])
    [(staging, final)] = renames
    assert final == tmp_path / "letters"
    assert staging.parent == tmp_path and staging.name.startswith(".letters-")


def test_a_failed_batch_leaves_no_folder_and_no_staging(tmp_path: Path) -> None:
    # The same name twice cannot be created exclusively: the batch fails part-way.
    with pytest.raises(OutputError) as failure:
        write_batch([(tmp_path / "out" / "a.txt", b"one"), (tmp_path / "out" / "a.txt", b"2")])
    assert list(tmp_path.iterdir()) == []
    # The message says which folder, that nothing is half-written, and what to check.
    assert failure.value.file == tmp_path / "out"
    assert "nothing was left half-written" in failure.value.message
    assert "writable" in failure.value.hint


def test_a_new_folder_gets_the_usual_permissions_not_a_private_temporary_folders(
        tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_batch([(tmp_path / "letters" / "a.txt", b"one")])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "letters").stat().st_mode) == 0o755  # 0777 less the umask


def test_a_batch_stopped_by_any_other_error_also_leaves_nothing_behind(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def stop(_fd: int) -> None:
        raise RuntimeError("stopped part-way")

    monkeypatch.setattr(safe_write.os, "fsync", stop)
    with pytest.raises(RuntimeError, match="stopped part-way"):
        write_batch([(tmp_path / "out" / "a.txt", b"one")])
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_a_killed_run_are_all_removed_and_nothing_else(tmp_path: Path) -> None:
    book = tmp_path / "pairs.xlsx"
    book.write_bytes(b"record")
    temp = tmp_path / ".pairs-a1b_c2d3.xlsx"  # what mkstemp names an unfinished save
    temp.write_bytes(b"half")
    (tmp_path / "backups").mkdir()
    partial = tmp_path / "backups" / ".pairs-20261125-101500-123456.xlsx.partial"
    partial.write_bytes(b"half")
    kept = [tmp_path / "backups" / "pairs-20261125-101500-123456.xlsx",  # a whole backup
            tmp_path / ".pairs-notes.xlsx"]  # not eight letters: not wessex's
    for path in kept:
        path.write_bytes(b"keep")
    assert sorted(safe_write.remove_leftovers(book)) == sorted([temp, partial])
    assert not temp.exists() and not partial.exists()
    assert all(path.exists() for path in kept) and book.read_bytes() == b"record"


def test_a_backup_that_cannot_be_made_stops_the_change_and_says_so(tmp_path: Path) -> None:
    book = tmp_path / "pairs.xlsx"
    book.write_bytes(b"record")
    (tmp_path / "backups").write_bytes(b"a file where the folder should be")
    with pytest.raises(OutputError) as failure:
        safe_write.backup(book)
    assert failure.value.file == book
    assert "so the file was not changed" in failure.value.message
    assert "Check the folder is writable" in failure.value.hint
    assert book.read_bytes() == b"record"
