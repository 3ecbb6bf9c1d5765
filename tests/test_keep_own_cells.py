"""``pair --keep`` writes the Unpaired, Summary and Settings sheets afresh; a cell of the
administrator's own beside them goes with its row whole: its value, colour, note and link,
and a note typed on an empty cell too. Only the value went; the rest was lost without a
word, a formula lost the value Excel showed, and text that looks like one became one."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from .conftest import Runner, person, write_book
from .test_record import TODAY, people


def test_your_own_cells_on_rewritten_sheets_keep_their_look_note_and_link(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    five = [*people()[:4], person("Dr GP 8", "gp8@example.org", "GP",
                                  Organisation="Practice 8"), *people()[4:]]
    write_book(tmp_path / "v.xlsx", five)
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    paired = tmp_path / "pairs.xlsx"
    book = openpyxl.load_workbook(paired)
    unpaired, summary = book["Unpaired"], book["Summary"]
    email_col = [c.value for c in unpaired[1]].index("Email") + 1
    (who,) = [unpaired.cell(r, email_col).value for r in range(2, unpaired.max_row + 1)]
    mine = unpaired.max_column + 1
    unpaired.cell(1, mine).value = "Contact"
    unpaired.cell(2, mine).value = "rang 3 May"
    unpaired.cell(2, mine).fill = PatternFill("solid", fgColor="FFFF0000")
    unpaired.cell(2, mine).comment = Comment("left a voicemail", "Administrator")
    unpaired.cell(2, mine).hyperlink = "https://example.org/call-log"
    unpaired.cell(2, mine + 1).comment = Comment("ask about Fridays", "Administrator")
    measure = summary["A3"].value
    summary["C3"] = "check with finance"
    summary["C3"].comment = Comment("Finance: Jo", "Administrator")
    summary["D3"] = "=to ask"
    summary["D3"].data_type = "s"  # text typed with Excel's quote: '=to ask
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [person("Dr Aa First", "aa@example.org", "GP",
                                            Organisation="Practice A"), *five])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    unpaired, summary = book["Unpaired"], book["Summary"]
    row = next(r for r in range(2, unpaired.max_row + 1)
               if unpaired.cell(r, email_col).value == who)
    cell = unpaired.cell(row, mine)
    assert cell.value == "rang 3 May"
    assert cell.fill.fgColor.rgb == "FFFF0000"
    assert cell.comment is not None and cell.comment.text == "left a voicemail"
    assert cell.hyperlink is not None and cell.hyperlink.target == "https://example.org/call-log"
    note = unpaired.cell(row, mine + 1).comment
    assert note is not None and note.text == "ask about Fridays"
    row = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == measure)
    assert summary.cell(row, 3).value == "check with finance"
    note = summary.cell(row, 3).comment
    assert note is not None and note.text == "Finance: Jo"
    assert (summary.cell(row, 4).value, summary.cell(row, 4).data_type) == ("=to ask", "s")


def test_a_merged_note_below_the_unpaired_neither_hides_a_new_row_nor_goes_unnamed(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note typed under the Unpaired people, across merged cells: the sheet written afresh
    put the next unpaired person in that row and the merge stayed, hiding their address,
    side and organisation in Excel; the note went without a word."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    five = [*people()[:4], person("Dr GP 8", "gp8@example.org", "GP",
                                  Organisation="Practice 8"), *people()[4:]]
    write_book(tmp_path / "v.xlsx", five)
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    paired = tmp_path / "pairs.xlsx"
    book = openpyxl.load_workbook(paired)
    book["Unpaired"]["A3"] = "Ask them again in September"
    book["Unpaired"].merge_cells("A3:E3")
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [person("Dr Aa First", "aa@example.org", "GP",
                                            Organisation="Practice A"), *five])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "had no row left to go with (Unpaired!A3)" in said
    unpaired = openpyxl.load_workbook(paired)["Unpaired"]
    assert not unpaired.merged_cells.ranges
    assert unpaired.max_row == 3 and all(unpaired.cell(3, c).value for c in range(1, 6))


def test_a_heading_of_your_own_with_nothing_under_it_yet_stays(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A column title typed beside the Unpaired sheet, before anything was typed under it,
    went without a word when --keep wrote the sheet afresh."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    five = [*people()[:4], person("Dr GP 8", "gp8@example.org", "GP",
                                  Organisation="Practice 8"), *people()[4:]]
    write_book(tmp_path / "v.xlsx", five)
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    paired = tmp_path / "pairs.xlsx"
    book = openpyxl.load_workbook(paired)
    mine = book["Unpaired"].max_column + 2
    book["Unpaired"].cell(1, mine).value = "Contacted?"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [person("Dr Aa First", "aa@example.org", "GP",
                                            Organisation="Practice A"), *five])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert openpyxl.load_workbook(paired)["Unpaired"].cell(1, mine).value == "Contacted?"


def test_a_note_typed_below_the_summary_is_named(run: Runner, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A note typed under the Summary's measures, in its own columns, went without a word
    when --keep wrote the sheet afresh; the measures themselves are not named."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    write_book(tmp_path / "v.xlsx", people())
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    paired = tmp_path / "pairs.xlsx"
    book = openpyxl.load_workbook(paired)
    below = book["Summary"].max_row + 2
    book["Summary"].cell(below, 1).value = "Checked by Robin, 3 May"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"had no row left to go with (Summary!A{below})" in said
