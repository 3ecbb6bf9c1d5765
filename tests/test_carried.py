"""SPEC: a volunteer's notes are "carried through", and "unknown extra columns are kept and
carried through to outputs": to the pairs workbook (after the tracking columns, one set for
each person of the pair) and to the mail-merge source, never into a decision or a letter."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from wessex_cli.mailmerge import merge_field
from wessex_cli.pairs_workbook import read_pairs_workbook

from .conftest import HEADERS, Runner, person, write_book

ROSTER_HEADERS = [*HEADERS, "Comments", "Line manager", "Parking"]


def _people(hamza_notes: str = "Keen to meet a GP with a diabetes interest") -> list[dict]:
    return [
        person("Dr Amelia Ashworth", "amelia.ashworth@nhs.net", "GP",
               Organisation="Harbourside Surgery", **{"Line manager": "Dr Rhys Penhallow",
                                                      "Comments": ""}),
        person("Dr Hamza Eversley", "hamza.eversley@nhs.net", "Consultant",
               Organisation="Eastshire General Hospital - Orthopaedics",
               **{"Comments": hamza_notes, "Parking": "Staff car park B"}),
    ]


@pytest.fixture
def paired(run: Runner, tmp_path: Path) -> Path:
    write_book(tmp_path / "v.xlsx", _people(), ROSTER_HEADERS)
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    return tmp_path / "pairs.xlsx"


def _pairs_sheet(path: Path) -> tuple[list[str], list[object]]:
    sheet = openpyxl.load_workbook(path)["Pairs"]
    return [c.value for c in sheet[1]], [c.value for c in sheet[2]]


def test_notes_and_extra_columns_follow_the_tracking_columns_of_the_pairs_sheet(
        paired: Path) -> None:
    headers, row = _pairs_sheet(paired)
    assert headers[headers.index("Notes") + 1:] == [
        "A notes", "A Line manager", "A Parking", "B notes", "B Line manager", "B Parking"]
    carried = dict(zip(headers, row, strict=True))
    assert (carried["A name"], carried["B name"]) == ("Dr Amelia Ashworth", "Dr Hamza Eversley")
    assert carried["A Line manager"] == "Dr Rhys Penhallow"
    assert carried["B notes"] == "Keen to meet a GP with a diabetes interest"
    assert carried["B Parking"] == "Staff car park B"
    assert carried["A notes"] is None and carried["A Parking"] is None  # blank stays blank
    assert carried["Notes"] is None  # the pair's own notes are the administrator's to write


def test_the_reader_gives_each_person_their_notes_and_columns(paired: Path) -> None:
    (pair,) = read_pairs_workbook(paired).pairs
    assert pair.a.notes == "" and pair.b.notes == "Keen to meet a GP with a diabetes interest"
    assert pair.a.extra == (("Line manager", "Dr Rhys Penhallow"), ("Parking", ""))
    assert pair.b.extra == (("Line manager", ""), ("Parking", "Staff car park B"))


def test_a_column_the_administrator_adds_to_the_pairs_sheet_is_nobodys(paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(1, sheet.max_column + 1).value = "Room booked"
    sheet.cell(2, sheet.max_column).value = "Room 4"
    book.save(paired)
    (pair,) = read_pairs_workbook(paired).pairs
    assert [t for t, _ in pair.a.extra] == [t for t, _ in pair.b.extra] == \
        ["Line manager", "Parking"]
    assert pair.value("Room booked") == "Room 4"


def test_the_mail_merge_source_carries_them_under_names_word_accepts(run: Runner,
                                                                      paired: Path) -> None:
    run("mailmerge", "pairs.xlsx", "-o", "merge.csv", "--allow-placeholders")
    text = (paired.parent / "merge.csv").read_text("utf-8-sig")
    rows = {r["Email"]: r for r in csv.DictReader(io.StringIO(text))}
    hamza = rows["hamza.eversley@nhs.net"]
    assert (hamza["Notes"], hamza["Parking"], hamza["LineManager"]) == \
        ("Keen to meet a GP with a diabetes interest", "Staff car park B", "")
    assert (hamza["PartnerLineManager"], hamza["PartnerNotes"]) == ("Dr Rhys Penhallow", "")
    amelia = rows["amelia.ashworth@nhs.net"]
    assert amelia["PartnerParking"] == "Staff car park B"
    assert amelia["PartnerNotes"] == "Keen to meet a GP with a diabetes interest"


def test_the_mail_merge_from_the_volunteer_workbook_carries_them_too(run: Runner,
                                                                      tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", _people(), ROSTER_HEADERS)
    run("mailmerge", "v.xlsx", "-o", "merge.csv", "--allow-placeholders")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "merge.csv").read_text("utf-8-sig"))))
    assert [(r["Email"], r["LineManager"], r["Parking"], r["Notes"]) for r in rows] == [
        ("amelia.ashworth@nhs.net", "Dr Rhys Penhallow", "", ""),
        ("hamza.eversley@nhs.net", "", "Staff car park B",
         "Keen to meet a GP with a diabetes interest")]


def test_keep_refreshes_them_from_the_volunteer_workbook_and_keeps_the_tracking(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A hosts B: date") + 1).value = "4/5/2027"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", _people("Now prefers Thursdays"), ROSTER_HEADERS)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    headers, row = _pairs_sheet(paired)
    carried = dict(zip(headers, row, strict=True))
    assert carried["B notes"] == "Now prefers Thursdays"
    assert carried["A hosts B: date"] == "4/5/2027"


def test_a_second_column_of_the_same_title_is_carried_under_its_own(run: Runner,
                                                                     tmp_path: Path) -> None:
    """Two "Parking" columns, and a second Email: each value reaches the Pairs sheet under a
    title of its own ("Parking (2)", "Email (2)"), never one read as the person's address,
    and check says so."""
    headers = [*HEADERS, "Parking", "Email", "parking"]
    rows = [{**p, "Parking": f"Bay {n}"} for n, p in enumerate(_people(), start=1)]
    path = write_book(tmp_path / "v.xlsx", rows, headers)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.cell(2, len(headers) - 1).value = "amelia.home@example.org"  # the second Email
    sheet.cell(3, len(headers)).value = "Level 2"  # the second parking column
    book.save(path)
    checked = " ".join(run("check", "v.xlsx", code=None).output.split())
    assert "a second 'Email' column; this one is not used to pair, and carried through to " \
        "the pairs workbook and the mail merge as 'Email (2)'." in checked
    assert "a second 'parking' column; this one is carried through to the pairs workbook " \
        "and the mail merge as 'parking (2)'." in checked
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    written, row = _pairs_sheet(tmp_path / "pairs.xlsx")
    assert written[written.index("Notes") + 1:] == [
        "A notes", "A Parking", "A Email (2)", "A parking (2)",
        "B notes", "B Parking", "B Email (2)", "B parking (2)"]
    carried = dict(zip(written, row, strict=True))
    assert (carried["A Parking"], carried["A Email (2)"], carried["B parking (2)"]) == \
        ("Bay 1", "amelia.home@example.org", "Level 2")
    (pair,) = read_pairs_workbook(tmp_path / "pairs.xlsx").pairs
    assert pair.a.email == "amelia.ashworth@nhs.net"


def test_a_title_that_would_read_as_a_tracking_column_is_marked(run: Runner,
                                                                 tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [{**p, "hosts B: date": "ask"} for p in _people()],
               [*HEADERS, "hosts B: date"])
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    written, row = _pairs_sheet(tmp_path / "pairs.xlsx")
    carried = dict(zip(written, row, strict=True))
    assert carried["A hosts B: date (volunteer list)"] == "ask"
    assert carried["A hosts B: date"] is None  # the tracking column is left for the visit
    (pair,) = read_pairs_workbook(tmp_path / "pairs.xlsx").pairs
    assert pair.visits[0].date is None
    assert pair.a.extra == (("hosts B: date (volunteer list)", "ask"),)


def test_keep_copies_text_that_looks_like_a_formula_like_any_other(run: Runner,
                                                                   tmp_path: Path) -> None:
    """A note typed as "=1+1" in a CSV is text: written as text, and replaced by --keep
    like any other text when the volunteer workbook changes (only a live formula typed in
    the pairs workbook is left alone)."""
    def roster(note: str) -> None:
        (tmp_path / "v.csv").write_text(
            "Name,Email,Profession,Notes\n"
            "Dr Amelia Ashworth,amelia.ashworth@nhs.net,GP,\n"
            f"Dr Hamza Eversley,hamza.eversley@nhs.net,Consultant,{note}\n", encoding="utf-8")

    roster("=1+1")
    run("pair", "v.csv", "-o", "pairs.xlsx")
    assert dict(zip(*_pairs_sheet(tmp_path / "pairs.xlsx"), strict=True))["B notes"] == "=1+1"
    roster("now plain text")
    run("pair", "v.csv", "--keep", "pairs.xlsx")
    assert dict(zip(*_pairs_sheet(tmp_path / "pairs.xlsx"), strict=True))["B notes"] == \
        "now plain text"


def _set_pairs_cell(paired: Path, title: str, value: str | None) -> str:
    """Type ``value`` into the first pair's ``title`` column, as the administrator would;
    the column's letter."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index(title) + 1).value = value
    book.save(paired)
    return str(openpyxl.utils.get_column_letter(headers.index(title) + 1))


def _keep_again(run: Runner, tmp_path: Path) -> str:
    """Pair the same volunteers again with --keep; what it says, on one line."""
    write_book(tmp_path / "v.xlsx", _people(), ROSTER_HEADERS)
    return " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())


def test_keep_says_which_cells_it_copied_over_different_text(run: Runner, paired: Path,
                                                             tmp_path: Path) -> None:
    column = _set_pairs_cell(paired, "A notes", "Ann: keep away from ward 3")
    said = _keep_again(run, tmp_path)
    assert f"Copied again from the volunteer workbook, over different text: Pairs!{column}2 " \
        "(A notes)." in said
    assert "backups" in said  # what was typed there is in the backup kept before the change


def test_keep_empties_a_column_the_volunteer_workbook_no_longer_has(run: Runner,
                                                                    paired: Path,
                                                                    tmp_path: Path) -> None:
    """A column taken out of the volunteer workbook (a home address, say) does not live on
    in the pairs workbook; a column the administrator added to the Pairs sheet stays."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(1, sheet.max_column + 1).value = "A level"  # the administrator's own
    sheet.cell(2, sheet.max_column).value = "ground floor"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", _people(), [*HEADERS, "Comments", "Line manager"])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "The volunteer workbook no longer has the column 'Parking', so its cells in the " \
        "Pairs sheet were emptied" in said
    carried = dict(zip(*_pairs_sheet(paired), strict=True))
    assert carried["B Parking"] is None and carried["A Line manager"] == "Dr Rhys Penhallow"
    assert carried["A level"] == "ground floor"
    (pair,) = read_pairs_workbook(paired).pairs
    assert [t for t, _ in pair.a.extra] == ["Line manager"]  # "A level" is nobody's
    assert pair.value("A level") == "ground floor"


@pytest.mark.parametrize(("title", "taken", "field"), [
    ("Line manager", set(), "LineManager"),
    ("NHS number", set(), "NHSNumber"),
    ("Siân’s côté", set(), "SiansCote"),  # accents dropped, the apostrophe joins
    ("Søren's Æble", set(), "SorensAeble"),  # letters Unicode does not decompose too
    ("2nd site", set(), "Column2ndSite"),  # a merge field begins with a letter
    ("!!", set(), "Column"),
    ("Notes", {"Notes"}, "Notes2"),  # never one already taken
    ("SURNAME", {"Surname"}, "SURNAME2"),  # in any case: Word does not tell them apart
    ("Room booked " * 5, set(), "RoomBookedRoomBookedRoomBookedRoomBooked"),  # 40 at most
])
def test_merge_field_names(title: str, taken: set[str], field: str) -> None:
    assert merge_field(title, taken) == field


def test_an_uncalculated_formula_in_a_carried_column_is_warned_about(paired: Path) -> None:
    """The administrator's own formula columns are not read, so theirs go unremarked; a
    carried column is read (the mail merge uses it), so a formula there that was never
    calculated is named, as in the visit columns."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A Line manager") + 1).value = '=UPPER("x")'
    sheet.cell(1, sheet.max_column + 1).value = "Budget"  # the administrator's own column
    sheet.cell(2, sheet.max_column).value = "=1+1"
    book.save(paired)  # openpyxl saves formulas without a calculated value
    (pair,) = read_pairs_workbook(paired).pairs
    column = openpyxl.utils.get_column_letter(headers.index("A Line manager") + 1)
    assert [w for w in pair.warnings if "never calculated" in w] == [
        f"Pairs!{column}2: this cell has a formula that was never calculated, so its value is "
        "unknown. Open the workbook in Excel or LibreOffice and save it."]


def test_keep_never_writes_over_the_administrators_column_of_the_same_title(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """The administrator added "A level" to the Pairs sheet; later the volunteer workbook
    gains a Level column. Its copy goes beside theirs, marked, and theirs is untouched."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(1, sheet.max_column + 1).value = "A level"
    sheet.cell(2, sheet.max_column).value = "passed maths, physics"
    book.save(paired)
    people = [{**p, "Level": level} for p, level in zip(_people(), ("ST3", "Consultant"),
                                                         strict=True)]
    write_book(tmp_path / "v.xlsx", people, [*ROSTER_HEADERS, "Level"])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "Copied again" not in said  # nothing of theirs was written over
    carried = dict(zip(*_pairs_sheet(paired), strict=True))
    assert carried["A level"] == "passed maths, physics"
    assert (carried["A Level (volunteer list)"], carried["B Level (volunteer list)"]) == \
        ("ST3", "Consultant")
    (pair,) = read_pairs_workbook(paired).pairs
    assert dict(pair.a.extra)["Level (volunteer list)"] == "ST3"
    assert "level" not in {t.casefold() for t, _ in pair.a.extra}
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # and again: still beside, still theirs
    again = dict(zip(*_pairs_sheet(paired), strict=True))
    assert again["A level"] == "passed maths, physics"
    assert again["A Level (volunteer list)"] == "ST3"


def test_a_second_column_for_something_wessex_reads_is_said_and_carried(
        run: Runner, tmp_path: Path) -> None:
    """A "Comments" column, then a "Notes" column; Phone, then "Mobile": the column headed
    with wessex's own name is used (Notes, Phone), the other is not, check says so, and it
    is carried under a title of its own."""
    headers = [*HEADERS, "Phone", "Comments", "Mobile", "Notes"]
    people = [{**p, "Phone": "07700 900001", "Comments": "c1", "Mobile": "07700 900002",
               "Notes": "n1"} for p in _people()]
    write_book(tmp_path / "v.xlsx", people, headers)
    checked = " ".join(run("check", "v.xlsx", code=None).output.split())
    assert "a second 'Phone' column ('Mobile'); this one is not used to pair, and carried " \
        "through to the pairs workbook and the mail merge as 'Mobile'." in checked
    assert "a second 'Notes' column ('Comments'); this one is not used to pair, and carried " \
        "through to the pairs workbook and the mail merge as 'Comments'." in checked
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    (pair,) = read_pairs_workbook(tmp_path / "pairs.xlsx").pairs
    assert (pair.a.phone, pair.a.notes) == ("07700 900001", "n1")
    assert pair.a.extra == (("Comments", "c1"), ("Mobile", "07700 900002"))


def test_emptying_a_column_the_volunteer_workbook_dropped_keeps_a_formula(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A Parking") + 1).value = '=UPPER("bay 9")'
    book.save(paired)
    write_book(tmp_path / "v.xlsx", _people(), [*HEADERS, "Comments", "Line manager"])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    after = openpyxl.load_workbook(paired)["Pairs"]
    assert after.cell(2, headers.index("A Parking") + 1).value == '=UPPER("bay 9")'
    assert after.cell(2, headers.index("B Parking") + 1).value is None


def test_a_note_keeps_its_line_breaks_to_the_mail_merge(run: Runner, tmp_path: Path) -> None:
    people = _people("Keen to meet a GP\nwith a diabetes interest")
    people[0]["Line manager"] = "Dr Rhys Penhallow\n(until June)"
    write_book(tmp_path / "v.xlsx", people, ROSTER_HEADERS)
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    (pair,) = read_pairs_workbook(tmp_path / "pairs.xlsx").pairs
    assert pair.b.notes == "Keen to meet a GP\nwith a diabetes interest"
    assert dict(pair.a.extra)["Line manager"] == "Dr Rhys Penhallow\n(until June)"
    run("mailmerge", "pairs.xlsx", "-o", "merge.csv", "--allow-placeholders")
    rows = {r["Email"]: r for r in csv.DictReader(io.StringIO(
        (tmp_path / "merge.csv").read_text("utf-8-sig"), newline=""))}
    assert rows["hamza.eversley@nhs.net"]["Notes"] == \
        "Keen to meet a GP\nwith a diabetes interest"


def test_keep_says_which_emptied_cells_it_filled_again(run: Runner, paired: Path,
                                                       tmp_path: Path) -> None:
    """The administrator emptied Hamza's note in the pairs workbook (to share it without
    it); the volunteer workbook still has it, so --keep fills it in again, and says so."""
    column = _set_pairs_cell(paired, "B notes", None)
    said = _keep_again(run, tmp_path)
    assert f"Filled again from the volunteer workbook, where they were empty: Pairs!{column}2 " \
        "(B notes). To keep such a cell empty" in said
    assert "Copied again" not in said
    # a column new to the sheet is filled without a word: there was nothing to empty
    write_book(tmp_path / "v.xlsx", [{**p, "Badge": "B-1"} for p in _people()],
               [*ROSTER_HEADERS, "Badge"])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "Filled again" not in said and "Copied again" not in said


def test_keep_with_dry_run_says_what_it_would_change_and_changes_nothing(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    before = paired.read_bytes()
    write_book(tmp_path / "v.xlsx", _people("Now prefers Thursdays"), ROSTER_HEADERS[:-1])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run").stdout.split())
    assert "--dry-run: nothing was saved. Without it, this run would also change pairs.xlsx " \
        "as follows." in said
    assert "Copied again from the volunteer workbook, over different text" in said
    assert "(B notes)" in said
    assert "no longer has the column 'Parking'" in said
    assert paired.read_bytes() == before and not (tmp_path / "backups").exists()


def test_a_pair_held_for_a_row_error_keeps_its_carried_columns(run: Runner, paired: Path,
                                                               tmp_path: Path) -> None:
    """The only pair is held (Amelia's days are mistyped) and no pair is new: the carried
    columns are still the volunteer workbook's, so nothing in them is emptied."""
    people = _people()
    people[0]["Host days"] = "Tuesday lunchtime"
    write_book(tmp_path / "v.xlsx", people, ROSTER_HEADERS)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--skip-errors").stdout.split())
    assert "is kept as it stands" in said and "no longer has the column" not in said
    carried = dict(zip(*_pairs_sheet(paired), strict=True))
    assert carried["A Line manager"] == "Dr Rhys Penhallow"
    assert carried["B Parking"] == "Staff car park B"
    (pair,) = read_pairs_workbook(paired).pairs
    assert dict(pair.a.extra)["Line manager"] == "Dr Rhys Penhallow"


def test_a_column_the_administrator_adds_beside_a_carried_one_of_that_title_stays_theirs(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """"A Line manager" is wessex's; the administrator adds a second "A line manager" of
    their own to the right: --keep writes only the first, the reader reads only the first."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(1, sheet.max_column + 1).value = "A line manager"
    sheet.cell(2, sheet.max_column).value = "admin's own: ask HR"
    book.save(paired)
    people = _people()
    people[0]["Line manager"] = "Dr Wyn Talfryn"
    write_book(tmp_path / "v.xlsx", people, ROSTER_HEADERS)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    headers, row = _pairs_sheet(paired)
    assert row[headers.index("A Line manager")] == "Dr Wyn Talfryn"
    assert row[len(headers) - 1 - headers[::-1].index("A line manager")] == \
        "admin's own: ask HR"
    (pair,) = read_pairs_workbook(paired).pairs
    assert [v for t, v in pair.a.extra if t.casefold() == "line manager"] == ["Dr Wyn Talfryn"]


def test_a_long_list_of_cells_is_cut_to_five_and_a_count() -> None:
    from wessex_cli.text import first_few

    cells = [f"A{n} (A notes)" for n in range(2, 9)]  # seven cells
    assert first_few(cells) == \
        "A2 (A notes), A3 (A notes), A4 (A notes), A5 (A notes), A6 (A notes) and 2 more"
    assert first_few(cells[:5]) == ", ".join(cells[:5])


def test_the_settings_sheet_is_read_once_for_both_sheets_that_carry(
        run: Runner, paired: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Pairs and the Withdrawn sheets both carry the volunteer workbook's columns; the
    Settings sheet that lists them is read once for both."""
    from wessex_cli import pairs_workbook

    run("withdraw", "pairs.xlsx", "Dr Amelia Ashworth", "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    assert "B Parking" in [c.value for c in book["Withdrawn"][1]]
    read = pairs_workbook.read_grid
    asked: list[str] = []

    def counting(path: Path, sheet: str = "Volunteers", **options: object) -> object:
        asked.append(sheet)
        return read(path, sheet, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pairs_workbook, "read_grid", counting)
    found = read_pairs_workbook(paired)
    assert asked.count("Settings") <= 1
    assert dict(found.withdrawn[0].b.extra)["Parking"] == "Staff car park B"


@pytest.mark.parametrize(("typed", "written"), [
    ("4", 4), ("0", 0), ("2.5", 2.5), ("123456789012345", 123456789012345),
    # text that a number would change, or that is no plain number: as typed
    ("007", "007"), ("1.50", "1.50"), ("-4", "-4"), ("+4", "+4"), ("4 years", "4 years"),
    ("1234567890123456", "1234567890123456"), ("1e5", "1e5"), ("", ""), ("٣", "٣"),
    ("4.", "4."), (".5", ".5")])
def test_a_plain_figure_is_carried_as_a_number(typed: str, written: object) -> None:
    from wessex_cli.text import figure_or_text

    assert figure_or_text(typed) == written and type(figure_or_text(typed)) is type(written)


def test_a_column_of_figures_stays_figures_in_the_pairs_workbook(run: Runner,
                                                                 tmp_path: Path) -> None:
    """"Years qualified" 4 reached the pairs workbook as the text "4" (Excel's green
    triangle, sorted as text); a staff number typed with its leading zeros stays text."""
    people = _people()
    people[0]["Parking"], people[1]["Parking"] = 4, "0042"
    write_book(tmp_path / "v.xlsx", people, ROSTER_HEADERS)
    run("pair", "v.xlsx", "-o", "pairs.xlsx")
    headers, row = _pairs_sheet(tmp_path / "pairs.xlsx")
    carried = dict(zip(headers, row, strict=True))
    assert carried["A Parking"] == 4 and carried["B Parking"] == "0042"
    run("mailmerge", "pairs.xlsx", "-o", "merge.csv", "--allow-placeholders")
    merged = list(csv.DictReader(io.StringIO(
        (tmp_path / "merge.csv").read_text(encoding="utf-8-sig"))))
    assert [r["Parking"] for r in merged] == ["4", "0042"]
