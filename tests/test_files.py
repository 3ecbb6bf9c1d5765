"""Hostile and broken files: one clear message and exit 1, never a traceback."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wessex_cli.errors import WessexError
from wessex_cli.roster import read_roster
from wessex_cli.spreadsheet import MAX_UNCOMPRESSED

from .conftest import EXAMPLES, Runner, person, small_roster, write_book


def test_check_example_json_is_golden(run: Runner) -> None:
    result = run("check", str(EXAMPLES / "volunteers.xlsx"), "--scheme",
                 str(EXAMPLES / "scheme.toml"), "--json")
    data = json.loads(result.stdout)
    data["file"] = Path(data["file"]).name
    expected = json.loads((EXAMPLES / "check.json").read_text(encoding="utf-8"))
    assert data == expected


def test_check_json_counts_a_repeated_person_once(run: Runner, tmp_path: Path) -> None:
    """A row repeating someone (same name, same address in capitals) is no second volunteer:
    'volunteers' agrees with the sides' people (it said 6 beside 5), 'rows' counts rows."""
    people = small_roster()
    people.append({**people[0], "Email": str(people[0]["Email"]).upper()})
    write_book(tmp_path / "v.xlsx", people)
    data = json.loads(run("check", "v.xlsx", "--json", code=1).stdout)
    assert (data["volunteers"], data["rows"]) == (len(people) - 1, len(people))
    assert data["repeated_rows"] == [len(people) + 1]  # the repeat's spreadsheet row
    assert sum(side["people"] for side in data["sides"].values()) == data["volunteers"]


def test_check_lists_errors_and_exits_1(run: Runner, tmp_path: Path) -> None:
    people = [*small_roster(), {"Name": "Bad Email", "Email": "nope", "Profession": "GP"}]
    write_book(tmp_path / "v.xlsx", people)
    result = run("check", "v.xlsx", code=1)
    assert "Volunteers!B6" in result.output and "not a valid e-mail" in result.output
    data = json.loads(run("check", "v.xlsx", "--json", code=1).stdout)
    assert data["volunteers"] == 5 and data["active"] == 5
    # the row with an error still counts on its side (issue 11.2)
    assert data["sides"]["primary"] == {"people": 3, "active": 3, "capacity": 3,
                                        "with_errors": 1}
    assert data["problems"][0] == {"severity": "error", "cell": "Volunteers!B6",
                                   "column": "email", "message": data["problems"][0]["message"]}


def test_check_warns_about_nobody_to_pair_with(run: Runner, tmp_path: Path) -> None:
    people = small_roster()
    people[0]["Host days"] = "Sat"
    people[2]["Visit days"] = people[3]["Visit days"] = "weekdays"
    write_book(tmp_path / "v.xlsx", people)
    data = json.loads(run("check", "v.xlsx", "--json").stdout)
    messages = [p["message"] for p in data["problems"]]
    assert any("Dr Amelia Ashworth has no eligible partner" in m and "2 by no common half-day"
               in m for m in messages)


def test_init_writes_and_refuses_to_overwrite(run: Runner, tmp_path: Path) -> None:
    run("init", "scheme")
    book = openpyxl.load_workbook(tmp_path / "scheme" / "volunteers.xlsx")
    assert book.sheetnames[:2] == ["Volunteers", "Instructions"]
    sheet = book["Volunteers"]
    assert sheet.freeze_panes == "B2"  # the header row, and the names beside every column
    assert [c.value for c in sheet[1]][:3] == ["Name", "Email", "Phone"]
    assert len(sheet.data_validations.dataValidation) >= 5
    assert "[weights]" in (tmp_path / "scheme" / "scheme.toml").read_text()
    before = (tmp_path / "scheme" / "scheme.toml").read_bytes()
    result = run("init", "scheme", code=1)
    assert "never overwrites" in result.output
    assert (tmp_path / "scheme" / "scheme.toml").read_bytes() == before
    # The written files work together: check reads the empty workbook without error.
    run("check", "scheme/volunteers.xlsx", "--scheme", "scheme/scheme.toml")


def test_the_instructions_explain_every_column_of_the_starter_workbook(
        run: Runner, tmp_path: Path) -> None:
    """The administrator fills in the sheet from the Instructions: a column they are not
    told of (Cluster, which changes the pairs) is guessed at or left empty."""
    import re

    run("init", "scheme")
    book = openpyxl.load_workbook(tmp_path / "scheme" / "volunteers.xlsx")
    topics = " / ".join(str(row[0]) for row in book["Instructions"].iter_rows(values_only=True))
    headers = [str(c.value) for c in book["Volunteers"][1]]
    assert headers[:2] == ["Name", "Email"]  # told of in 'One row per volunteer'
    unexplained = [h for h in headers[2:] if re.sub(r" \d$", "", h) not in topics]
    assert unexplained == []


def test_init_says_when_its_scheme_toml_is_a_copy_of_one_here(run: Runner,
                                                              tmp_path: Path) -> None:
    """The README's walkthrough runs init beside the example scheme.toml: the new one is a
    copy of it, less its dates, and init says so (a new administrator would otherwise take
    it for the commented one init writes, and wonder where its notes about last year's
    dates came from)."""
    said = " ".join(run("init", "plain").output.split())
    assert "is a copy of" not in said  # no scheme.toml here: the commented one
    (tmp_path / "scheme.toml").write_text(
        '[scheme]\nname = "Dale Exchange"\n[dates]\nstart = 2027-04-19\n', encoding="utf-8")
    said = " ".join(run("init", "copied").output.split())
    assert (f"{Path('copied') / 'scheme.toml'} is a copy of {tmp_path / 'scheme.toml'}, its "
            "dates left for you to set.") in said  # it had no guest speaker to set
    copied = (tmp_path / "copied" / "scheme.toml").read_text(encoding="utf-8")
    assert 'name = "Dale Exchange"' in copied and "start = 2027-04-19" not in copied


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("name", "content", "message"), [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Save As"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le")
     + b"\0" * 600, "password"),
    # an old Word or PowerPoint file is the same kind of container as an old workbook: it is
    # named for what it is, not called an .xls to be saved again from Excel
    ("responses.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
     + "WordDocument".encode("utf-16-le") + b"\0" * 500,
     "this is an old Word 97–2003 document (.doc), not a spreadsheet"),
    ("slides.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
     + "PowerPoint Document".encode("utf-16-le") + b"\0" * 500,
     "this is an old PowerPoint 97–2003 file (.ppt), not a spreadsheet"),
    ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not a spreadsheet"),
    ("empty.xlsx", b"", "empty"),
    ("binary.csv", b"\x00\x01\x02" * 50, "binary"),
])
def test_bad_files(run: Runner, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    result = run("check", name, code=1)
    assert message in result.output


def test_truncated_zip(run: Runner, tmp_path: Path) -> None:
    good = write_book(tmp_path / "good.xlsx", small_roster()).read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    assert "damaged" in run("check", "cut.xlsx", code=1).output


def test_zip_bomb_refused_before_inflating(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 24)
            for _ in range(MAX_UNCOMPRESSED // len(chunk) // 40 + 2):
                member.write(chunk)
    assert "zip bomb" in run("check", "bomb.xlsx", code=1).output


def test_xml_entities_refused(run: Runner, tmp_path: Path) -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook>&a;</workbook>'
    _zip(tmp_path / "evil.xlsx", {"xl/workbook.xml": evil, "[Content_Types].xml": b"<Types/>"})
    assert "entity" in run("check", "evil.xlsx", code=1).output


def test_docx_is_not_a_spreadsheet(run: Runner, tmp_path: Path) -> None:
    _zip(tmp_path / "letter.xlsx", {"word/document.xml": b"<document/>"})
    assert "Word document" in run("check", "letter.xlsx", code=1).output


def test_excel_lock_file_and_missing_paths(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "~$volunteers.xlsx").write_bytes(b"owner")
    assert "is open" in run("check", "~$volunteers.xlsx", code=1).output
    assert "no such file" in run("check", "missing.xlsx", code=1).output
    assert "does not exist either" in run("check", "nowhere/missing.xlsx", code=1).output
    (tmp_path / "folder.xlsx").mkdir()
    assert "folder" in run("check", "folder.xlsx", code=1).output


def test_a_missing_file_suggests_the_one_nearly_named(run: Runner, tmp_path: Path) -> None:
    """A name mistyped ("pairs.xls", "volunters.xlsx", no extension) is met with the file of
    that folder it most likely meant; Excel's lock file and hidden files are never offered,
    and a name like nothing there offers nothing."""
    for name in ("pairs.xlsx", "volunteers.xlsx", "~$budget.xlsx", ".budget.xlsm"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pairs.xlsx").write_bytes(b"x")

    def said(name: str) -> str:
        return " ".join(run("status", name, code=1).output.split())

    assert "Did you mean 'pairs.xlsx'? Check the name and the folder." in said("pairs.xls")
    assert "Did you mean 'pairs.xlsx'?" in said("pairs")
    assert "Did you mean 'volunteers.xlsx'?" in said("volunters.xlsx")
    assert f"Did you mean '{Path('sub', 'pairs.xlsx')}'?" in said(str(Path("sub", "pairs.xls")))
    assert "Did you mean" not in said("budget.xlsx")  # only a lock file and a hidden file
    assert "Did you mean" not in said("timetable.docx")


def test_formula_without_cached_value_warns(run: Runner, tmp_path: Path) -> None:
    people = small_roster()
    people[0]["Cluster"] = "=1+1"
    write_book(tmp_path / "v.xlsx", people)  # openpyxl stores formulas with no cached value
    data = json.loads(run("check", "v.xlsx", "--json").stdout)
    assert any(p["cell"] == "Volunteers!F2" and "never calculated" in p["message"]
               for p in data["problems"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".csv", ".ods", ".txt"]))
def test_any_bytes_give_a_result_or_a_wessex_error(tmp_path: Path, data: bytes,
                                                   suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        read_roster(path)
    except WessexError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.lists(st.one_of(st.none(), st.text(max_size=30), st.integers(),
                                         st.floats(allow_nan=False, allow_infinity=False),
                                         st.booleans()), min_size=3, max_size=6), max_size=8),
       data=st.data())
def test_random_cells_give_a_result_or_a_wessex_error(tmp_path: Path, cells: list[list[object]],
                                                      data: st.DataObject) -> None:
    headers = data.draw(st.permutations(["Name", "Email", "Profession", "Avoid", "Host days",
                                         "Capacity"]))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in cells:
        sheet.append([c if not isinstance(c, str) else
                      "".join(ch for ch in c if ch.isprintable()) for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "cells.xlsx"
    path.write_bytes(buffer.getvalue())
    try:
        roster = read_roster(path)
    except WessexError:
        return
    assert all(p.cell.startswith(f"{roster.sheet}!") or not p.cell for p in roster.problems)


def test_skip_errors_names_a_repeated_row_it_does_not_read(run: Runner, tmp_path: Path) -> None:
    """A row repeating someone is no one to leave out (the first row is paired), but it may
    hold what the first does not: --skip-errors named 3 rows left out of 4 with errors and
    said nothing of the fourth."""
    people = small_roster()
    people.append({**people[0], "Email": str(people[0]["Email"]).upper(), "Phone": "07700"})
    write_book(tmp_path / "v.xlsx", people)
    said = " ".join(run("pair", "v.xlsx", "--skip-errors", "--dry-run").output.split())
    assert f"1 row repeating someone listed earlier was not read (row {len(people) + 1}): " \
        "move anything new in it (a phone number, a note) to that person's first row, then " \
        "delete the repeat." in said


def test_the_balance_of_the_sides_waits_for_people_whose_side_is_unknown(
        run: Runner, tmp_path: Path) -> None:
    """Two physiotherapists, a profession of no side, and one GP: the sides read 1 to 0, but
    the two may well be on the other side, so recruiting for it is no advice yet (it was
    told to recruit for the side that would then have one place too many)."""
    write_book(tmp_path / "v.xlsx", [
        {"Name": "Ann Hughes", "Email": "ann@example.org", "Profession": "GP"},
        {"Name": "Bob Stone", "Email": "bob@example.org", "Profession": "Physiotherapist"},
        {"Name": "Cy Ray", "Email": "cy@example.org", "Profession": "Physiotherapist"}])
    problems = json.loads(run("check", "v.xlsx", "--json", code=1).stdout)["problems"]
    balance = [p["message"] for p in problems if "unbalanced" in p["message"]]
    assert balance == [
        "the sides are unbalanced: 1 place on the Primary care side for 0 on the Secondary "
        "care side, not counting 2 places of people whose side is not known until the errors "
        "in their rows are fixed. Fix those rows first and check again: the sides may balance "
        "once they are counted."]


@pytest.mark.parametrize("args", [
    ("pair", "volunteers.xlsx", "--keep", "pairx.xlsx"),
    ("pair", "volunteers.xlsx", "--history", "pairs.xlsx", "--history", "pairx.xlsx"),
    ("init", "next-year", "--from", "pairx.xlsx"),
    ("withdraw", "pairs.xlsx", "Dr Amelia Ashworth", "--in", "volunters.xlsx")])
def test_a_file_mistyped_in_an_option_gets_the_near_name(run: Runner, tmp_path: Path,
                                                         args: tuple[str, ...]) -> None:
    """A file named by an option (--keep, --history, --from, --in) and not there is a usage
    error, as Typer's own check made it, but names the near file in its folder, as a file
    given as an argument does: 'File 'pairx.xlsx' does not exist' said no more."""
    for name in ("volunteers.xlsx", "pairs.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    said = " ".join(run(*args, code=2).output.split())
    typed = next(arg for arg in args if arg in ("pairx.xlsx", "volunters.xlsx"))
    near = "pairs.xlsx" if typed == "pairx.xlsx" else "volunteers.xlsx"
    assert f"File '{typed}' does not exist. Did you mean '{near}'?" in said
    assert not (tmp_path / "next-year").exists()


def test_a_scheme_toml_beside_the_workbook_that_is_not_read_is_named(run: Runner,
                                                                     tmp_path: Path) -> None:
    """Run from the folder above a new scheme, as init's 'Next:' suggests, check read the
    scheme.toml of that folder (last year's, say, with last year's dates and no history) and
    said nothing of exchange-2028/scheme.toml beside the workbook: the administrator checked
    this year's volunteers against last year's settings without knowing it."""
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Exchange 2027"\n')
    (tmp_path / "exchange-2028").mkdir()
    (tmp_path / "exchange-2028" / "scheme.toml").write_text('[scheme]\nname = "Exchange 2028"\n')
    write_book(tmp_path / "exchange-2028" / "volunteers.xlsx",
               [person("Dr Ann Bell", "ann@example.org", "GP")])
    said = " ".join(run("check", "exchange-2028/volunteers.xlsx").output.split())
    beside = Path("exchange-2028") / "scheme.toml"
    assert (f"Warning: the settings read are those of scheme.toml in the folder this command "
            f"runs in, not {beside}, beside volunteers.xlsx, which differs from it. To use that "
            f"one, run the command from inside exchange-2028, or add --scheme {beside}.") in said
    # run from inside the new folder, or with the two files alike, nothing to say
    inside = Runner(tmp_path / "exchange-2028")
    assert "not read" not in inside("check", "volunteers.xlsx").output
    assert "differs from it" not in inside("check", "volunteers.xlsx").output
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Exchange 2028"\n')
    assert "differs from it" not in run("check", "exchange-2028/volunteers.xlsx").output


def test_the_readme_init_example_shows_what_init_prints_beside_a_scheme(run: Runner,
                                                                        tmp_path: Path) -> None:
    """The walkthrough runs 'wessex init exchange-2027' beside the example scheme.toml, and
    its example output left out the line saying the new scheme.toml is a copy of that one,
    less its dates and guest speaker: the first thing a new administrator compares."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ wessex init exchange-2027\n", 1)[1].split("```", 1)[0]
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    printed = run("init", "exchange-2027").output
    here = "/home/robin/eastshire"  # the README's folder, for this test's own
    assert " ".join(block.split()) == " ".join(printed.replace(str(tmp_path), here).split())


def test_the_instructions_state_the_registered_practice_rule_as_pair_keeps_it(
        run: Runner, tmp_path: Path) -> None:
    """'Nobody is paired with a GP from their own practice': the rule keeps a patient from
    anyone who works at their practice (its practice nurse or pharmacist too), and "their own
    practice" read as the one they work at."""
    run("init", "scheme")
    book = openpyxl.load_workbook(tmp_path / "scheme" / "volunteers.xlsx")
    said = {row[0]: row[1] for row in book["Instructions"].iter_rows(values_only=True)}
    assert said["Registered practice"] == (
        "The GP practice where the person is registered as a patient. Nobody is paired with "
        "anyone who works there, a GP, nurse or pharmacist alike.")
