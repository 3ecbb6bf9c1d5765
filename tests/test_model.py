"""One model of the record (issue 14, point 1): a pair written by 'wessex pair' reads back as
the same typed pair, wherever its header row is, and the openpyxl editor finds the columns
where the calamine reader does."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from wessex_cli import roster as roster_module
from wessex_cli.model import PERSON_FIELDS, PairRecord, Person, Visit, summarise
from wessex_cli.pairing import PairingResult, pair_volunteers
from wessex_cli.pairs_workbook import (
    find_pairs_header,
    read_pairs_workbook,
    write_pairs_workbook,
)
from wessex_cli.record import header_map, record_visit
from wessex_cli.roster import read_roster
from wessex_cli.scheme import Scheme, load_scheme
from wessex_cli.spreadsheet import read_grid
from wessex_cli.text import header_key

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def paired() -> tuple[Scheme, PairingResult]:
    scheme = load_scheme(EXAMPLES / "scheme.toml")
    roster = read_roster(EXAMPLES / "volunteers.xlsx", scheme)
    return scheme, pair_volunteers(roster, scheme)


@pytest.fixture
def written(tmp_path: Path, paired: tuple[Scheme, PairingResult]) -> Path:
    path = tmp_path / "pairs.xlsx"
    write_pairs_workbook(path, paired[1], EXAMPLES / "volunteers.xlsx")
    return path


def test_a_person_has_the_fields_the_pairs_workbook_keeps() -> None:
    assert not hasattr(roster_module, "PERSON_FIELDS")  # one list, in model
    assert PERSON_FIELDS == ("name", "email", "phone", "profession", "side", "organisation",
                             "specialty", "adjustments")


def test_every_person_field_reads_back_as_the_volunteer_typed_it(
        written: Path, paired: tuple[Scheme, PairingResult]) -> None:
    result = paired[1]
    book = read_pairs_workbook(written)
    assert [p.pair_id for p in book.pairs] == [p.pair_id for p in result.pairs]
    assert book.withdrawn == [] and book.withdrawals == []
    assert result.unpaired  # the example leaves people unpaired: the Unpaired sheet reads too
    # the unpaired too, whole: their details, notes and the workbook's own columns, for
    # 'init --from' to carry into next year (the sheet held five fields until 2026-11-26)
    assert book.unpaired == [Person.of(u.person) for u in result.unpaired]
    maryam = book.unpaired[0]
    assert (maryam.phone, maryam.specialty, maryam.extra) == (
        "07700 900163", "General Practice", (("Years qualified", "24"),))  # examples row
    for record, pair in zip(book.pairs, result.pairs, strict=True):
        for person, volunteer in ((record.a, pair.a), (record.b, pair.b)):
            assert type(person) is Person  # typed, not a dict
            for name in PERSON_FIELDS:
                assert getattr(person, name) == getattr(volunteer, name), (pair.pair_id, name)
        assert record == dataclasses.replace(pair.record(), row=record.row,
                                             values=record.values)
    # one person checked by hand against examples/volunteers.xlsx
    amelia = next(p for r in book.pairs for p in r.people if p.email == "amelia.ashworth@nhs.net")
    assert amelia == Person("Dr Amelia Ashworth", "amelia.ashworth@nhs.net", "07700 900210",
                            "GP", "primary", "Harbourside Surgery", "General Practice", "",
                            notes="", extra=(("Years qualified", "4"),))
    niamh = next(p for r in book.pairs for p in r.people if p.name == "Dr Niamh Mirza")
    assert niamh.adjustments == "Step-free access needed"


def test_a_pair_from_the_solver_is_a_record_with_both_visits_owed(
        paired: tuple[Scheme, PairingResult]) -> None:
    pair = paired[1].pairs[0]
    record = pair.record()
    assert (record.pair_id, record.a.email, record.b.email) == (pair.pair_id, pair.a.email,
                                                                pair.b.email)
    assert record.visits == (Visit(pair.a.email, pair.b.email), Visit(pair.b.email, pair.a.email))
    assert not record.complete and record.reflections == (False, False)


def _reverse_rows_below_header(sheet: Any) -> None:
    """Reverse the order of the data rows of a Pairs sheet whose header is row 1."""
    values = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    for number, row in enumerate(reversed(values), start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column).value = value


def test_a_resorted_sheet_with_a_title_above_the_header_still_reads(written: Path) -> None:
    before = read_pairs_workbook(written)
    book = openpyxl.load_workbook(written)
    sheet = book["Pairs"]
    sheet["Z5"] = "yes"  # a stray cell in a column with no header is ignored
    _reverse_rows_below_header(sheet)
    sheet.insert_rows(1, amount=2)
    sheet["A1"] = "Northmoor exchange 2027: pairs (sorted by me)"
    book.save(written)
    after = read_pairs_workbook(written)
    assert after.headers == before.headers
    count = len(before.pairs)
    assert [p.pair_id for p in after.pairs] == [p.pair_id for p in reversed(before.pairs)]
    by_id = {p.pair_id: p for p in before.pairs}
    for record in after.pairs:
        old = by_id[record.pair_id]
        assert (record.a, record.b) == (old.a, old.b)
        # two rows inserted above, order reversed: row n of 2..count+1 is now count+5-n
        assert record.row == count + 5 - old.row


def test_the_editor_and_the_reader_find_the_same_header_and_columns(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book["Pairs"]
    sheet.insert_rows(1, amount=3)
    sheet.insert_cols(1)
    sheet["A1"] = "Note: A email and B email are checked before every mailing"
    sheet["B2"] = "A email"  # a partial header above the real one is not the header
    sheet["A4"] = "My notes"
    book.save(written)
    grid = read_grid(written, "Pairs")
    index = find_pairs_header(grid.rows)
    assert index == 3  # row 4, by hand: three rows inserted above row 1
    columns = header_map(openpyxl.load_workbook(written)["Pairs"])
    assert columns["__row__"] == 4
    read = read_pairs_workbook(written)
    assert read.headers[0] == "My notes" and read.headers[1] == "Pair"
    for position, title in enumerate(read.headers, start=1):
        assert columns[header_key(title)] == position, title
    assert columns[header_key("A email")] == 4  # Pair, A name, then A email: shifted by one
    # and an edit made through the editor is what the reader then sees
    first = read.pairs[0]
    record_visit(written, first.a.email, hosted=dt.date(2027, 5, 4), now=dt.date(2027, 5, 5))
    again = read_pairs_workbook(written, now=dt.date(2027, 5, 5)).pairs[0]
    assert again.visits[0] == Visit(first.a.email, first.b.email, dt.date(2027, 5, 4), True)
    assert not again.visits[1].done


def test_a_pair_read_back_holds_what_the_administrator_typed(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    sheet = book["Pairs"]
    titles = [c.value for c in sheet[1]]
    sheet.cell(2, titles.index("B hosts A: done") + 1).value = "yes"
    sheet.cell(1, len(titles) + 1).value = "Parking"  # a column the administrator added
    sheet.cell(3, len(titles) + 1).value = "Bay 4"
    book.save(written)
    kept = read_pairs_workbook(written).pairs
    assert all(type(k) is PairRecord for k in kept)
    assert kept[0].value("B hosts A: done") == "yes"
    assert kept[1].value("parking") == "Bay 4"  # found by its title, as headers are matched
    assert kept[0].value("Parking") == "" and kept[1].value("Notes") == ""  # blank cells
    assert kept[0].visits[1].done and not kept[0].visits[0].done


def test_status_totals_come_from_the_model() -> None:
    a, b = Person("Dr Ann Vale", "ann@nhs.net", side="primary"), \
        Person("Bo Reed", "bo@example.org", side="secondary")
    day = dt.date(2027, 5, 4)
    pairs = [PairRecord.with_visits("P001", a, b, (True, True), (day, day)),
             PairRecord.with_visits("P002", a, b, (True, False), (day, None)),
             PairRecord("P003", b, a)]
    summary = summarise(pairs, end=dt.date(2027, 7, 1), now=dt.date(2027, 8, 1))
    assert summary.as_json() == {"pairs": 3, "complete": 1, "visits_done": 3, "visits_owed": 3,
                                 "overdue": 2}
    # primary hosted in P001 and P002 (A hosts B) and is due to host in P003 (B hosts A)
    assert summary.hosted_by_side == {"primary": (2, 3), "secondary": (1, 3)}


def test_letters_from_a_pairing_match_letters_from_its_workbook(
        written: Path, paired: tuple[Scheme, PairingResult]) -> None:
    from wessex_cli.documents import load_template, recipients, render_all

    scheme, result = paired
    template = load_template("partner-introduction", scheme)
    now = dt.date(2027, 4, 1)
    fresh = recipients(template, scheme, pairs=[p.record() for p in result.pairs], now=now)
    read = recipients(template, scheme, pairs=read_pairs_workbook(written).pairs, now=now)
    assert len(fresh) == 2 * len(result.pairs)  # one letter to each person of each pair
    assert [r.context for r in fresh] == [r.context for r in read]
    first = render_all(template, fresh[:1], "md", scheme, allow_placeholders=True)
    again = render_all(template, read[:1], "md", scheme, allow_placeholders=True)
    assert first[0][0].markdown == again[0][0].markdown


def test_side_sheets_with_a_note_above_their_header_still_read(
        written: Path, paired: tuple[Scheme, PairingResult]) -> None:
    from wessex_cli.history import scheme_name
    from wessex_cli.record import withdraw

    scheme, result = paired
    first, second = result.pairs[0], result.pairs[1]
    withdraw(written, first.a.email, "moved away", dt.date(2027, 5, 2))
    book = openpyxl.load_workbook(written)
    for name in ("Withdrawn", "Summary", "Unpaired"):
        book[name].insert_rows(1)
        book[name]["A1"] = "Kept by the scheme office; do not sort"
    book.save(written)
    withdraw(written, second.b.email, "", dt.date(2027, 5, 3), partner=second.a.email)
    read = read_pairs_workbook(written)
    assert [(w.key, w.partner_key, w.pair_id, w.when, w.whole_scheme)
            for w in read.withdrawals] == [
        (first.a.key, first.b.key, first.pair_id, "2027-05-02", True),
        (second.b.key, second.a.key, second.pair_id, "2027-05-03", True)]  # their only pair
    assert [(p.a.email, p.b.email) for p in read.withdrawn] == [
        (first.a.email, first.b.email), (second.a.email, second.b.email)]
    assert len(read.unpaired) == len(result.unpaired)
    assert scheme_name(written) == scheme.name


def test_the_module_map_in_the_readme_names_real_modules_and_names() -> None:
    """What the map names exists, and every module of the core is named: the issue asks that
    a reader follow the code by the map alone, so a module added without a line fails."""
    import importlib
    import re

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    start = readme.index("One volunteer's way through the core")
    section = readme[start:readme.index("All example and test data", start)]
    named = re.findall(r"`([a-z_]+)((?:\.[A-Za-z_]+)?)(?:\(\))?`", section)
    assert len(named) > 20
    for module, attribute in named:
        found = importlib.import_module(f"wessex_cli.{module}")
        if attribute:
            assert hasattr(found, attribute[1:]), f"{module}{attribute}"
    for cls in re.findall(r"`([A-Z][A-Za-z]+)(?:\.[a-z_]+\(\))?`", section):
        assert any(hasattr(importlib.import_module(f"wessex_cli.{m}"), cls)
                   for m in ("roster", "pairing", "model", "errors")), cls
    modules = {p.stem for p in (root / "src" / "wessex_cli").glob("*.py")
               if not p.stem.startswith("__")}
    layout = readme[readme.index("Layout: `src/wessex_cli/`"):start]  # cli, console
    mapped = {m for m, _ in named} | set(re.findall(r"`(\w+)(?:\.py)?`", layout))
    assert sorted(modules - mapped) == []


@pytest.mark.parametrize(("when", "said"), [("2027-06-02", "2 June 2027"),
                                            ("early June", "early June"),
                                            ("", "an unrecorded date")])
def test_a_withdrawal_says_its_day_as_the_administrator_reads_it(when: str, said: str) -> None:
    from wessex_cli.model import Withdrawn

    assert Withdrawn("Oliver Pemberton", "oliver@nhs.net", "", "P002", when, True).said_when \
        == said


def test_the_settings_list_of_pairs_reads_back_as_written() -> None:
    from wessex_cli.pairs_workbook import _ids_in, id_ranges

    ids = ["P001", "P002", "P003", "P007", "P009", "P010"]
    assert id_ranges(ids) == "P001-P003, P007, P009-P010"
    assert _ids_in(id_ranges(ids)) == (set(ids), [])
    assert id_ranges([*ids, "X1"]) == "P001-P003, P007, P009-P010, X1"  # said, not listed
    assert _ids_in("(none)") == (set(), []) and id_ranges([]) == "(none)"
    # a cell typed over with a range no workbook could hold is no list, not a million IDs
    assert _ids_in("P1-P999999999") == (set(), ["P1-P999999999"])


def test_a_column_title_found_once_reads_each_row_as_value_does() -> None:
    """``PairsWorkbook.column_title`` finds a column's header once for every row ('render
    --new' on thousands of pairs): the first of two columns with one title, case and
    spaces aside, as ``PairRecord.value`` reads it, and None for a column not there."""
    from wessex_cli.model import PairsWorkbook

    headers = ["Pair", "how  PAIRED", "Notes", "How paired"]
    someone = Person("Dr Amelia Ashworth", "amelia@example.org")
    pair = PairRecord("P001", someone, someone, values=dict(zip(
        headers, ["P001", "kept", "", "optimised"], strict=True)))
    book = PairsWorkbook(Path("pairs.xlsx"), headers, [pair])
    title = book.column_title("How paired")
    assert title == "how  PAIRED"
    assert pair.values[title] == pair.value("How paired") == "kept"
    assert book.column_title("Reasons") is None
