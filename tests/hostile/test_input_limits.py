"""Hostile input files: every command inspects a file before reading it, and refuses one
that would exhaust memory or time, in one paragraph naming the file and what to do.

"Before reading" is proved by replacing the readers (python-calamine and openpyxl) with
traps; files that are accepted are read in a subprocess whose peak memory is measured."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wessex_cli.errors import SpreadsheetError
from wessex_cli.inspection import LIMITS, inspect_input
from wessex_cli.spreadsheet import read_grid

from ..conftest import Runner, small_roster, write_book
from .files import HEADER, ODS_HEADER, ODS_PERSON, ods, ods_cell, ods_row, xlsx

PERSON = [("A2", "Ann Example"), ("B2", "ann@nhs.net"), ("C2", "GP")]


@pytest.fixture
def no_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any use of a real reader on a hostile file fail the test: the refusal must come
    first. (Other files, such as a good roster beside it, are read as usual.)"""
    import openpyxl
    import python_calamine

    real_calamine, real_openpyxl = python_calamine.CalamineWorkbook, openpyxl.load_workbook

    def guarded(real: Any) -> Any:
        def reader(path: Any, *args: Any, **kwargs: Any) -> Any:
            if Path(str(path)).name != "good.xlsx":
                raise AssertionError("a reader was reached before the refusal")
            return real(path, *args, **kwargs)
        return reader

    class Trap:
        from_path = staticmethod(guarded(real_calamine.from_path))

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Trap)
    monkeypatch.setattr(openpyxl, "load_workbook", guarded(real_openpyxl))


def _row_renumbered(path: Path, number: str, given: str) -> Path:
    """Give the ``<row>`` of ``number`` another number, leaving its cells' references."""
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(f'<row r="{number}">'.encode(),
                                        f'<row r="{given}">'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


HOSTILE = {
    # one cell at the last cell of a sheet: a reader would allocate 17 billion cells
    "xfd.xlsx": lambda p: xlsx(p, [*HEADER, *PERSON, ("XFD1048576", "x")]),
    "aaa.xlsx": lambda p: xlsx(p, [*HEADER, *PERSON, ("AAA200000", "x")]),
    "rows.xlsx": lambda p: xlsx(p, [*HEADER, *PERSON, (f"A{LIMITS.rows + 1}", "x")]),
    "columns.xlsx": lambda p: xlsx(p, [*HEADER, *PERSON, ("ALM2", "x")]),  # column 1,001
    "cells.xlsx": lambda p: xlsx(p, [*HEADER, *PERSON, ("ALL1501", "x")]),  # 1,000 x 1,501
    # eight digits in a row that says it is row 3: the reader takes row 99,999,999 at its
    # word (it ran out of memory and aborted the process when the inspection skipped such a
    # reference as malformed)
    "long-ref.xlsx": lambda p: _row_renumbered(
        xlsx(p, [*HEADER, *PERSON, ("ALL99999999", "x")]), "99999999", "3"),
    "long-letters.xlsx": lambda p: xlsx(p, [*HEADER, *PERSON, ("ABCDEFGH2", "x")]),
    # one non-empty cell repeated across a billion columns, one row a billion times
    "columns.ods": lambda p: ods(p, ODS_HEADER + ods_row(ods_cell("x", 1_000_000_000))),
    "rows.ods": lambda p: ods(p, ODS_HEADER + ods_row(ods_cell("x"), 1_000_000_000)),
    "both.ods": lambda p: ods(p, ODS_HEADER + ods_row(ods_cell("x", 16_384), 1_048_576)),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_small_file_claiming_a_huge_sheet_is_refused_before_reading(
        tmp_path: Path, name: str, no_readers: None) -> None:
    path = HOSTILE[name](tmp_path / name)
    assert path.stat().st_size < 5_000
    with pytest.raises(SpreadsheetError) as caught:
        read_grid(path)
    assert "too large to read safely" in str(caught.value)
    assert caught.value.file == path
    assert caught.value.sheet == "Volunteers"  # named as the user knows it


def _commands(path: str) -> dict[str, list[str]]:
    return {
        "check": ["check", path], "pair": ["pair", path, "--dry-run"],
        "status": ["status", path], "visit": ["visit", path, "Ann", "--planned", "2027-06-20"],
        "withdraw": ["withdraw", path, "Ann", "--reason", "moved"], "remind": ["remind", path],
        "render-pairs": ["render", "partner-introduction", "--pairs", path],
        "render-volunteers": ["render", "call-to-action", "--volunteers", path],
        "mailmerge": ["mailmerge", path], "feedback": ["feedback", path],
        "equality": ["equality", path], "keep": ["pair", "good.xlsx", "--keep", path],
        "feedback-pairs": ["feedback", "good.xlsx", "--pairs", path],
        "feedback-volunteers": ["feedback", "good.xlsx", "--volunteers", path],
        "preferences": ["preferences", "import", path, "--into", "good.xlsx"],
        "preferences-into": ["preferences", "import", "good.xlsx", "--into", path],
        "history": ["pair", "good.xlsx", "--history", path, "--dry-run"],
        "init-from": ["init", "next-year", "--from", path],
        "findings": ["findings", path],
        "report": ["report", path, "-o", "report.html"],
    }


@pytest.mark.parametrize("command", sorted(_commands("")))
@pytest.mark.parametrize("name", ["aaa.xlsx", "rows.ods"])
def test_every_command_refuses_before_reading(run: Runner, tmp_path: Path, command: str,
                                              name: str, no_readers: None) -> None:
    HOSTILE[name](tmp_path / name)
    write_book(tmp_path / "good.xlsx", small_roster())
    result = run(*_commands(name)[command], code=1)
    assert name in result.output
    assert len(result.output.strip().splitlines()) == 1
    if name.endswith(".ods") and command in ("visit", "withdraw", "keep", "preferences-into"):
        # these change the workbook, and refuse anything but .xlsx even sooner
        assert "only" in result.output and ".xlsx" in result.output
        return
    assert "too large to read safely" in result.output
    assert "Delete the rows and columns" in result.output


PEAK_PROBE = """
import resource
from pathlib import Path
status = Path('/proc/self/status')
lines = status.read_text().splitlines() if status.exists() else []
hwm = [int(line.split()[1]) for line in lines if line.startswith('VmHWM:')]
print('PEAK', (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) // 1024)
"""


def _peak_mb(code: str, *args: str) -> tuple[int, str]:
    """Run ``code`` in a fresh interpreter; its peak resident memory in MB and its output."""
    # VmHWM is this process's own high-water mark; Linux carries ru_maxrss over exec from
    # the forking parent, so a large pytest process would be counted as the child's peak.
    script = code + PEAK_PROBE
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    peak = int(done.stdout.rsplit("PEAK", 1)[1])
    return peak, done.stdout


READ = ("import sys\nfrom pathlib import Path\nfrom wessex_cli.roster import read_roster\n"
        "roster = read_roster(Path(sys.argv[1]))\nprint('PEOPLE', len(roster.volunteers))\n")


@pytest.mark.parametrize("name", ["dimension.xlsx", "trailing.ods"])
def test_honest_small_files_whose_size_claims_lie_are_read_in_little_memory(
        tmp_path: Path, name: str) -> None:
    # Excel's <dimension> is only a claim, and LibreOffice writes a million empty rows
    # and columns after the data: neither costs anything, so both files are read.
    path = tmp_path / name
    if name.endswith(".xlsx"):
        xlsx(path, [*HEADER, *PERSON], dimension="A1:XFD1048576")
    else:
        ods(path, ODS_HEADER + ODS_PERSON.replace(
            "</table:table-row>", '<table:table-cell table:number-columns-repeated="16381"/>'
            "</table:table-row>") + ods_row(
            '<table:table-cell table:number-columns-repeated="16384"/>', 1_048_574))
    peak, output = _peak_mb(READ, str(path))
    assert "PEOPLE 1" in output
    assert peak < 200


def test_a_zip_bomb_is_refused(run: Runner, tmp_path: Path, no_readers: None) -> None:
    path = tmp_path / "bomb.xlsx"
    xlsx(path, [*HEADER, *PERSON])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 24)
            for _ in range(LIMITS.unpacked_bytes // len(chunk) + 1):
                member.write(chunk)
    assert path.stat().st_size < 1_000_000
    assert "zip bomb" in run("check", "bomb.xlsx", code=1).output


def test_a_part_that_lies_about_its_size_is_refused(run: Runner, tmp_path: Path,
                                                    no_readers: None) -> None:
    # The directory says 100 bytes; the part inflates to 30 MB. Streaming it finds out.
    path = tmp_path / "liar.xlsx"
    xlsx(path, [*HEADER, *PERSON])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/styles.xml", b"<a/>" + b" " * 30_000_000)
    data = bytearray(path.read_bytes())
    big = struct.pack("<L", 30_000_004)
    for at in range(len(data) - 4):  # both the local header and the directory entry
        if data[at:at + 4] == big:
            data[at:at + 4] = struct.pack("<L", 100)
    path.write_bytes(bytes(data))
    assert "damaged" in run("check", "liar.xlsx", code=1).output


def test_a_zip_of_too_many_parts_is_refused(run: Runner, tmp_path: Path,
                                            no_readers: None) -> None:
    path = tmp_path / "parts.xlsx"
    xlsx(path, [*HEADER, *PERSON])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as archive:
        for number in range(LIMITS.zip_parts):
            archive.writestr(f"x/{number}", b"")
    assert "parts where a workbook has a few dozen" in run("check", "parts.xlsx", code=1).output


def test_a_file_above_the_size_limit_is_refused_with_the_reason(
        run: Runner, tmp_path: Path, no_readers: None) -> None:
    path = tmp_path / "big.csv"
    line = b"Ann Example,ann@nhs.net,GP\n"
    path.write_bytes(b"Name,Email,Profession\n" + line * (LIMITS.file_bytes // len(line) + 1))
    output = run("check", "big.csv", code=1).output
    assert "larger than the 20 MB wessex reads" in output and "big.csv" in output


@pytest.mark.parametrize(("rows", "columns", "what"), [
    (LIMITS.rows + 1, 3, f"reaches row {LIMITS.rows + 1:,}, beyond the limit of "
                         f"{LIMITS.rows:,} rows"),
    (2, LIMITS.columns + 1, f"reaches column {LIMITS.columns + 1:,}"),
    (LIMITS.cells // 1_000 + 1, 1_000, f"more than the limit of {LIMITS.cells:,} cells"),
])
def test_csv_beyond_the_limits_is_refused(run: Runner, tmp_path: Path, rows: int, columns: int,
                                          what: str) -> None:
    path = tmp_path / "wide.csv"
    lines = ["Name,Email,Profession" + "," * (columns - 3)]
    lines += ["a,b,c" + "," * (columns - 3)] * (rows - 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert what in run("check", "wide.csv", code=1).output


def test_csv_at_the_limits_is_read(tmp_path: Path) -> None:
    path = tmp_path / "full.csv"
    path.write_text("Name,Email,Profession\n" + "a,b,c\n" * (LIMITS.rows - 1), encoding="utf-8")
    assert len(read_grid(path).rows) == LIMITS.rows


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
@pytest.mark.parametrize("name", ["pipe.xlsx", "pipe.csv"])
def test_a_pipe_is_refused_not_waited_on(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    for args in (["check", name], ["status", name], ["mailmerge", name]):
        done = subprocess.run([sys.executable, "-m", "wessex_cli", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 1
        assert "not an ordinary file" in done.stderr and name in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused(run: Runner) -> None:
    assert "not an ordinary file" in run("check", "/dev/zero", code=1).output


def test_editing_is_refused_above_its_own_limit(run: Runner, tmp_path: Path) -> None:
    # Below the reading limits, but openpyxl needs ~0.5 KB a cell to change a workbook.
    xlsx(tmp_path / "pairs.xlsx", [("A1", "Pair"), ("B1", "A email"), ("C1", "B email"),
                                   ("ALL600", "x")], sheet="Pairs")
    for args in (["visit", "pairs.xlsx", "Ann", "--planned", "2027-06-20"],
                 ["withdraw", "pairs.xlsx", "Ann", "--reason", "moved"]):
        output = run(*args, code=1).output
        assert "more than the 350,000 wessex changes in place" in output


def test_inspection_is_done_once_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wessex_cli import inspection

    path = xlsx(tmp_path / "v.xlsx", [*HEADER, *PERSON])
    calls: list[Path] = []
    real = inspection._inspect_zip
    monkeypatch.setattr(inspection, "_inspect_zip", lambda p: calls.append(p) or real(p))
    inspect_input(path)
    inspect_input(path)
    assert len(calls) == 1
    path.write_bytes(path.read_bytes() + b"")  # a new version of the file is inspected again
    os.utime(path, ns=(1, 1))
    inspect_input(path)
    assert len(calls) == 2


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(st.integers(1, 2_500), st.integers(1, 1_200)), min_size=1,
                      max_size=6))
def test_the_inspection_measures_what_the_reader_would_allocate(tmp_path: Path,
                                                                 cells: list[tuple[int, int]]
                                                                 ) -> None:
    # Oracle: python-calamine itself. When the inspection lets a sheet through, the grid
    # read is exactly as large as the inspection measured, and within the limits.
    from wessex_cli.spreadsheet import column_letter

    refs = sorted(set(cells))
    path = xlsx(tmp_path / "random.xlsx",
                [(f"{column_letter(c - 1)}{r}", "x") for r, c in refs])
    rows, columns = max(r for r, _ in refs), max(c for _, c in refs)
    try:
        grid = read_grid(path)
    except SpreadsheetError as exc:
        assert "too large to read safely" in str(exc)
        assert rows > LIMITS.rows or columns > LIMITS.columns or rows * columns > LIMITS.cells
        return
    assert rows * columns <= LIMITS.cells
    assert len(grid.rows) == rows and max(len(r) for r in grid.rows) == columns


def _calamine_position(ref: str) -> tuple[int, int] | None:
    """Where python-calamine puts a cell whose reference is ``ref`` (1-based row, column),
    written from its parser: letters then digits of any length, either case; anything else
    is an error (None)."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    if not letters or not digits or not letters.isascii() or not letters.isalpha() \
            or int(digits) == 0:
        return None
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return int(digits), column


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ref=st.one_of(st.from_regex(r"[A-Za-z]{1,5}[0-9]{1,12}", fullmatch=True),
                     st.from_regex(r"\$?[A-Za-z]{0,4}\$?[0-9]{0,9}", fullmatch=True)))
def test_no_cell_reference_reaches_further_than_the_inspection_measured(tmp_path: Path,
                                                                        ref: str) -> None:
    # Whatever a reference says, the reader puts its cell no further than the inspection
    # measured (or refuses the file itself): the oracle is calamine's own reading of a
    # reference, checked against calamine wherever it is small enough to read.
    path = xlsx(tmp_path / "ref.xlsx", [("A1", "Name"), (ref, "x")])
    position = _calamine_position(ref)
    try:
        extent = inspect_input(path).sheets["xl/worksheets/sheet1.xml"]
    except SpreadsheetError as exc:
        assert "too large to read safely" in str(exc)
        # refused: too far for the limits, or a reference the reader would refuse itself
        assert position is None or (position[0] > LIMITS.rows or
                                          position[1] > LIMITS.columns or
                                          position[0] * position[1] > LIMITS.cells)
        return
    assert position is None or (position[0] <= extent.rows and position[1] <= extent.columns)
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            sheet = book.get_sheet_by_index(0)
    except CalamineError:
        assert position is None  # the reader refuses what the oracle calls an error
        return
    assert position is not None
    assert sheet.end == (max(position[0], 1) - 1, max(position[1], 1) - 1)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layout=st.lists(st.tuples(st.integers(1, 1_500), st.integers(1, 900), st.booleans()),
                       min_size=1, max_size=5))
def test_the_ods_model_of_repeats_matches_the_reader(tmp_path: Path,
                                                     layout: list[tuple[int, int, bool]]) -> None:
    # Each row: repeated ``times``, one cell repeated ``width`` times, empty or not.
    body = "".join(ods_row(ods_cell("x", width) if filled else
                           f'<table:table-cell table:number-columns-repeated="{width}"/>', times)
                   for times, width, filled in layout)
    path = ods(tmp_path / "random.ods", ODS_HEADER + body)
    try:
        grid = read_grid(path)
    except SpreadsheetError as exc:
        assert "too large to read safely" in str(exc)
        return
    extent = inspect_input(path).sheets["Volunteers"]
    assert (len(grid.rows), max(len(r) for r in grid.rows)) == (extent.rows, extent.columns)
    assert extent.cells <= LIMITS.cells


def test_a_cell_is_looked_for_among_merged_ranges_without_parsing_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each cell pair --keep writes is looked for among the sheet's merged ranges: parsing its
    # reference once for each range ('coordinate in range'), 1,000 pairs beside 15,000 merges
    # took 249 s (4 without). The comparison is of numbers: a range is never asked whether it
    # holds a coordinate.
    import openpyxl
    from openpyxl.worksheet.cell_range import CellRange

    from wessex_cli.errors import TrackingError
    from wessex_cli.workbook_edit import Workbook

    def parsed(*_: object) -> bool:
        raise AssertionError("a coordinate was parsed for a merged range")

    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(2, 102):
        for column in range(31, 61, 2):
            sheet.merge_cells(start_row=row, start_column=column, end_row=row,
                              end_column=column + 1)
    sheet.merge_cells("C5:C6")
    opened = Workbook(book, tmp_path / "pairs.xlsx")
    monkeypatch.setattr(CellRange, "__contains__", parsed)
    for row in range(2, 202):
        if row not in (5, 6):
            opened.unmerged(sheet.cell(row, 3))
    with pytest.raises(TrackingError, match="C5:C6"):
        opened.unmerged(sheet.cell(5, 3))
    opened.unmerged(sheet.cell(7, 31))  # a merge within its row is written in its first cell
