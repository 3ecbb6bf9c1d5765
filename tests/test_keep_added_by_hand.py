"""A pair the administrator typed into the Pairs sheet by hand (a row copied from the one
above, its 'How paired' cell saying "kept" with it) was carried over by 'pair --keep' as a
pair of the pairing before, How paired "kept", so 'render --new' found nobody new and the
pair was never introduced. Its ID is not in the Settings list of the pairs wessex last
wrote: wessex never introduced it, so How paired says it was added by hand, and --new
writes to it, once."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import DRAFT, paired

__all__ = ["paired"]  # the fixture, used by name


def nora_joins(volunteers: Path) -> None:
    """A consultant joins the volunteer workbook (in the examples' layout): Dr Nora Quill."""
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    header = [cell.value for cell in sheet[3]]  # under the title
    row: list[object] = [None] * len(header)
    row[header.index("Full name")] = "Dr Nora Quill"
    row[header.index("E-mail")] = "nora.quill@nhs.net"
    row[header.index("Job title")] = "Consultant"
    row[header.index("Practice")] = "Eastshire General Hospital - Cardiology"
    sheet.append(row)
    book.save(volunteers)


def type_a_pair_in(path: Path, source: int, pair_id: str | None,
                   how: str | None = None) -> int:
    """Row ``source`` of the Pairs sheet copied below the last, its people typed over with
    Dr Maryam Kowalczyk (unpaired) and Dr Nora Quill, its Pair cell with ``pair_id`` and,
    given ``how``, its How paired cell (else left as copied); its row number."""
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    row = sheet.max_row + 1
    for column in range(1, sheet.max_column + 1):
        sheet.cell(row, column).value = sheet.cell(source, column).value
    typed = {"Pair": pair_id, "A name": "Dr Maryam Kowalczyk",
             "A email": "maryam.kowalczyk@nhs.net", "B name": "Dr Nora Quill",
             "B email": "nora.quill@nhs.net", **({"How paired": how} if how else {})}
    for title, value in typed.items():
        sheet.cell(row, header.index(title) + 1).value = value
    book.save(path)
    return row


def _typed_in(paired: Path, pair_id: str | None, copied: str = "P030") -> int:
    """The row of pair ``copied`` (P030, the last) copied below the last, its people typed
    over with Dr Maryam Kowalczyk (unpaired) and Dr Nora Quill, and How paired left as
    copied: "kept". Its row number."""
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    source = int(copied[1:]) + 1  # P017 is in row 18
    assert sheet.cell(source, 1).value == copied and sheet.max_row == 31
    return type_a_pair_in(paired, source, pair_id, "kept")


def _how_paired(paired: Path) -> dict[str, str]:
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    return {str(row[0]): str(row[header.index("How paired")])
            for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}


def test_a_pair_typed_in_by_hand_is_introduced_as_new(run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    nora_joins(paired.parent / "volunteers.xlsx")
    _typed_in(paired, "P031")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    how = _how_paired(paired)
    assert how["P031"] == "added by hand"
    assert {how[f"P{n:03d}"] for n in range(1, 31)} == {"kept"}
    assert "How paired now says 'added by hand' for 1 pair not in the list of the pairs " \
        "wessex last wrote (Pairs!T32)" in said
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o",
                 "intro", DRAFT)
    assert "nobody new" not in result.output
    folder = paired.parent / "intro" / "partner-introduction"
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["maryam-kowalczyk.eml", "nora-quill.eml"]  # to each of the two
    # introduced once: the next re-pairing carries it over as wessex's own
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert _how_paired(paired)["P031"] == "kept"


def test_a_pair_typed_in_without_an_id_is_new_too(run: Runner, paired: Path) -> None:
    nora_joins(paired.parent / "volunteers.xlsx")
    _typed_in(paired, None)
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    how = _how_paired(paired)
    assert how["P031"] == "added by hand"  # numbered afresh
    assert {how[f"P{n:03d}"] for n in range(1, 31)} == {"kept"}



def test_a_pair_typed_in_over_a_copy_of_a_locked_row_is_not_said_to_be_agreed(
        run: Runner, paired: Path) -> None:
    """P017 was agreed in advance: its Reasons say "locked as agreed". Its row copied to type
    a pair in by hand, the copied Reasons made the new pair one agreed in advance, and its
    introduction said so ("As agreed in advance, your exchange partner is"), though the
    two had agreed nothing: the administrator paired them."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    nora_joins(paired.parent / "volunteers.xlsx")
    row = _typed_in(paired, "P031", copied="P017")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert not str(sheet.cell(row, header.index("Reasons") + 1).value).startswith("locked")
    assert str(sheet.cell(18, header.index("Reasons") + 1).value).startswith("locked as agreed")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "intro",
        "--format", "txt", DRAFT)
    for letter in (paired.parent / "intro" / "partner-introduction").iterdir():
        text = " ".join(letter.read_text(encoding="utf-8").split())
        assert "agreed in advance" not in text
        # nor chosen by the pairing from everyone's preferences: the administrator chose them
        assert "preferences and availability" not in text
        assert "Thank you for taking part in Eastshire Learning from Liaison Exchange 2027. " \
            "We have paired you with:" in text


def test_a_pair_typed_over_a_copied_row_is_warned_of_the_half_day_it_carries(
        run: Runner, paired: Path) -> None:
    """P030's row, its half day done, copied to type a new pair in: the copy carried the half
    day, and status, the reminders and a certificate counted it as the new pair's, without
    a word."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    run("visit", "pairs.xlsx", "Wilf Umeh", "--hosted", "10/5/2027")  # P030's first half day
    nora_joins(paired.parent / "volunteers.xlsx")
    _typed_in(paired, "P031")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Warning: row 32 of the Pairs sheet (Dr Maryam Kowalczyk and Dr Nora Quill), typed " \
        "in by hand, already has a half day done recorded: copied with the row it was typed " \
        "over? If not so for these two, empty those cells" in said
    assert "row 31 of the Pairs sheet" not in said  # Wilf Umeh's own half day is his


def test_a_copied_plan_and_reflection_are_warned_of_too(run: Runner, paired: Path) -> None:
    # a half day only planned (dated, not done) and a reflection ticked, copied with the row
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    run("visit", "pairs.xlsx", "Wilf Umeh", "--planned", "10/6/2027")
    run("visit", "pairs.xlsx", "Jude Greaves", "--reflection")
    nora_joins(paired.parent / "volunteers.xlsx")
    _typed_in(paired, "P031")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "row 32 of the Pairs sheet (Dr Maryam Kowalczyk and Dr Nora Quill), typed in by " \
        "hand, already has a half day's date and a reflection received recorded" in said


def test_render_new_before_pair_keep_names_a_pair_typed_in_and_waits_for_the_record(
        run: Runner, paired: Path) -> None:
    """A pair typed in by hand over a copy of a kept row, How paired "kept" copied with it,
    and 'render --new' run before 'pair --keep': --new went by the cell, left the pair out
    and said nobody was new, so the two were never introduced. It goes by the record now:
    the pair is in no list of the pairs wessex wrote, so it is named, with the way to have
    it introduced once ('pair --keep' marks it, then --new writes to it). Written to now,
    the next --new after 'pair --keep' would write to it a second time."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # every pair now says "kept"
    nora_joins(paired.parent / "volunteers.xlsx")
    row = _typed_in(paired, "P031")
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "intro", DRAFT).output.split())
    assert f"Pairs!A{row} (Dr Maryam Kowalczyk and Dr Nora Quill): pair P031 is not one " \
        "the last 'wessex pair' wrote, so it was typed in by hand since, and --new leaves it " \
        "out, whatever its How paired cell says. To introduce it, once, run 'wessex pair " \
        "--keep' first (it marks the pair 'added by hand'), then this command again." in said
    assert "run 'wessex pair --keep' first" in said
    assert not (paired.parent / "intro").exists()  # nobody else is new
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "intro", DRAFT).output.split())
    assert "typed in by hand" not in said
    folder = paired.parent / "intro" / "partner-introduction"
    assert sorted(p.name for p in folder.iterdir()) == ["maryam-kowalczyk.eml",
                                                       "nora-quill.eml"]


def test_render_new_leaves_a_pair_typed_in_out_whatever_its_how_paired_cell_says(
        run: Runner, paired: Path) -> None:
    """Copied from a row the first pairing wrote, How paired says "optimised": --new wrote
    to the pair before 'pair --keep', which then made it "added by hand", and the next --new
    wrote to both of them again. Before 'pair --keep' it is named and left out."""
    nora_joins(paired.parent / "volunteers.xlsx")
    row = _typed_in(paired, "P031")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row, header.index("How paired") + 1).value = "optimised"
    book.save(paired)
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "intro", DRAFT).output.split())
    assert f"Pairs!A{row} (Dr Maryam Kowalczyk and Dr Nora Quill): pair P031 is not one " \
        "the last 'wessex pair' wrote, so it was typed in by hand since" in said
    folder = paired.parent / "intro" / "partner-introduction"
    assert "maryam-kowalczyk.eml" not in {p.name for p in folder.iterdir()}
    assert len(list(folder.iterdir())) == 60  # the 30 pairs of the first pairing, all new


def _locked_row_typed_over(paired: Path) -> int:
    """P017's row (agreed in advance: How paired "locked" as the first pairing wrote it)
    copied below the last, its people typed over with Dr Maryam Kowalczyk and Dr Nora Quill,
    How paired left as copied; its row number."""
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(18, header.index("How paired") + 1).value == "locked"
    return type_a_pair_in(paired, 18, "P031")


def _introductions(run: Runner, paired: Path) -> list[str]:
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "intro",
        "--format", "txt", DRAFT)
    folder = paired.parent / "intro" / "partner-introduction"
    return [" ".join(letter.read_text(encoding="utf-8").split())
            for letter in sorted(folder.iterdir())]


def test_a_copied_locked_how_paired_cell_is_no_agreement_and_is_warned_of(
        run: Runner, paired: Path) -> None:
    """How paired "locked", copied from an agreed pair's row of the first pairing: the pair
    typed in by hand was taken as agreed in advance without a word, and its introduction
    said 'As agreed in advance', though only the Partner column or --lock agrees a pair."""
    nora_joins(paired.parent / "volunteers.xlsx")
    row = _locked_row_typed_over(paired)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"Warning: Pairs!T{row} says 'locked' for the pair of Dr Maryam Kowalczyk and Dr " \
        "Nora Quill, typed in by hand (copied with the row it was typed over?), but no lock " \
        "names the two" in said
    assert "type each one's name in the other's Partner cell in the volunteer workbook" in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert not str(sheet.cell(row, header.index("Reasons") + 1).value).startswith("locked")
    letters = _introductions(run, paired)
    assert len(letters) == 2
    assert all("agreed in advance" not in text and "We have paired you with" in text
               for text in letters)


def test_a_full_render_before_the_keep_words_a_copied_locked_row_as_chosen(
        run: Runner, paired: Path) -> None:
    """Rendered whole before 'pair --keep' has read it, the pair typed in over a copy of an
    agreed pair's row (How paired and Reasons saying "locked") was introduced 'As agreed in
    advance', which no lock said: its letters now say the administrator paired them."""
    row = _locked_row_typed_over(paired)
    assert row == 32
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "intro", "--format",
        "txt", DRAFT)
    folder = paired.parent / "intro" / "partner-introduction"
    for name in ("maryam-kowalczyk", "nora-quill"):
        text = " ".join((folder / f"{name}.txt").read_text(encoding="utf-8").split())
        assert "agreed in advance" not in text and "We have paired you with:" in text
    # P017 itself, agreed in advance, still says so
    agreed = [letter for letter in folder.iterdir()
              if "As agreed in advance" in " ".join(letter.read_text(encoding="utf-8").split())]
    assert len(agreed) == 2


def test_a_pair_typed_in_that_the_partner_column_locks_is_agreed(run: Runner,
                                                                 paired: Path) -> None:
    """Each named in the other's Partner cell, as the warning says to do: the pair typed in
    is agreed in advance, and its introduction says so (a lock naming a pair kept was passed
    over, so it said 'We have paired you with')."""
    volunteers = paired.parent / "volunteers.xlsx"
    nora_joins(volunteers)
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    header = [cell.value for cell in sheet[3]]
    partner = "Partner"
    for cells in sheet.iter_rows(min_row=4):
        name = cells[header.index("Full name")].value
        if name in ("Dr Maryam Kowalczyk", "Dr Nora Quill"):
            cells[header.index(partner)].value = "Dr Nora Quill" \
                if name == "Dr Maryam Kowalczyk" else "Dr Maryam Kowalczyk"
    book.save(volunteers)
    row = _typed_in(paired, "P031")  # How paired "kept", copied from P030
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "says 'locked'" not in said
    # why its Reasons now begin so: the Partner column, not a How paired cell saying 'locked'
    # (it said 'kept', and no warning came before), as the run had said
    assert "saying 'locked' warned of above" not in said
    assert f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!S{row}), as the " \
        "Partner column of the volunteer workbook (or --lock) names its two as each other's " \
        "partners: its letters say that the two agreed in advance." in said
    pairs = openpyxl.load_workbook(paired)["Pairs"]
    titles = [cell.value for cell in pairs[1]]
    assert str(pairs.cell(row, titles.index("Reasons") + 1).value).startswith(
        "locked as agreed")
    letters = _introductions(run, paired)
    assert len(letters) == 2 and all("agreed in advance" in text for text in letters)
