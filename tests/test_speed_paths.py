"""The fast paths give what the plain ones give: the eligibility matrix built in place
against the rules one pair at a time, the score matrix against ``pair_score``, the
sort-based distinct arcs against ``np.unique``, and the inspection's quick reading of cell
references against the pattern it falls back to."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wessex_cli import solver, spreadsheet
from wessex_cli.eligibility import EligibilityModel
from wessex_cli.errors import SchemeError, SpreadsheetError
from wessex_cli.inspection import inspect_input
from wessex_cli.roster import read_roster
from wessex_cli.rules import rules_broken
from wessex_cli.scheme import Weights
from wessex_cli.scoring import pair_score, score_matrix
from wessex_cli.spreadsheet import read_grid

from . import oracle
from .conftest import Runner, write_book
from .hostile.files import xlsx


def _sides(seed: int, style: str, tmp_path: Path) -> EligibilityModel:
    case = oracle.generate(seed, max_side=9, style=style)
    roster = read_roster(case.write(tmp_path / f"volunteers-{seed}.csv"))
    active = roster.active
    return EligibilityModel([v for v in active if v.side == "primary"],
                            [v for v in active if v.side == "secondary"])


@pytest.mark.parametrize("seed", range(30))
def test_eligibility_matrix_and_counts_match_the_rules_pair_by_pair(seed: int,
                                                                    tmp_path: Path) -> None:
    model = _sides(300 + seed, "dense" if seed % 2 else "mixed", tmp_path)
    expected = np.array([[not rules_broken(a, b) for b in model.right.people]
                         for a in model.left.people], dtype=bool).reshape(
                             len(model.left), len(model.right))
    assert np.array_equal(model.matrix(), expected)
    left, right = model.eligible_counts()
    assert left.tolist() == expected.sum(axis=1).tolist()
    assert right.tolist() == expected.sum(axis=0).tolist()


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("weights", [Weights(), Weights(cluster=3), Weights(cluster=0),
                                     Weights(person=(9, 5, 1), topic=(4, 0, 2), cluster=2)])
def test_score_matrix_matches_pair_score_for_every_pair(seed: int, weights: Weights,
                                                        tmp_path: Path) -> None:
    model = _sides(500 + seed, "heavy" if seed % 2 else "mixed", tmp_path)
    scores = score_matrix(model, weights)
    for i, a in enumerate(model.left.people):
        for j, b in enumerate(model.right.people):
            assert int(scores[i, j]) == pair_score(a, b, weights)[0], (a.name, b.name)


@given(st.lists(st.integers(0, 50), max_size=60))
@settings(max_examples=200, deadline=None)
def test_distinct_arcs_are_numpys_unique(keys: list[int]) -> None:
    array = np.array(keys, dtype=np.int64)
    assert solver._distinct(array).tolist() == np.unique(array).tolist()


def _values(rng: np.random.Generator, shape: tuple[int, int]) -> solver.Values:
    values = rng.integers(0, 6, size=shape).astype(np.int16)
    values[rng.random(shape) < 0.3] = -1
    return values


@pytest.mark.parametrize("seed", range(10))
def test_pricing_finds_the_same_arcs_in_any_width_and_block_size(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Against zero potentials (int16 gains) and large ones (int32), in one block or in
    blocks of one row: the same improving arcs, and every one of them improving."""
    rng = np.random.default_rng(seed)
    values = _values(rng, (23, 17))
    for d_left, d_right in ((np.zeros(23, np.int64), np.zeros(17, np.int64)),
                            (rng.integers(-300, 300, 23), rng.integers(-300, 300, 17))):
        found = []
        for cells in (1 << 20, 17):
            monkeypatch.setattr(solver, "BLOCK_CELLS", cells)
            rows, cols = solver._price(values, d_left, d_right, np.zeros(0, np.int64),
                                       np.zeros(0, np.int64), np.random.default_rng(1))
            found.append(sorted(zip(rows.tolist(), cols.tolist(), strict=True)))
        assert found[0] == found[1]
        reduced = -values.astype(np.int64) + d_left[:, None] - d_right[None, :]
        improving = {(i, j) for i, j in zip(*np.nonzero((values >= 0) & (reduced < 0)),
                                            strict=True)}
        assert set(found[0]) <= improving
        assert bool(found[0]) == bool(improving)  # nothing found only when nothing improves


@pytest.mark.parametrize(("refs", "rows", "columns"), [
    (["A1", "B1", "C1"], 1, 3),
    (["$A$1", "$c$7"], 7, 3),  # absolute and lower-case references
    (["A1", "AB12", "b2"], 12, 28),
    (["A1", "A01", "Z3"], 3, 26),
    (["A1", "C1", "A2", "C2", "$C$3"], 3, 3),  # letters seen before, from the table
])
def test_cell_references_are_read_as_the_pattern_reads_them(
        tmp_path: Path, refs: list[str], rows: int, columns: int) -> None:
    path = xlsx(tmp_path / "book.xlsx", [(ref, "x") for ref in refs])
    extent = inspect_input(path).sheets["xl/worksheets/sheet1.xml"]
    assert (extent.rows, extent.columns) == (rows, columns)


def _sheet(path: Path, body: str, prefix: str = "") -> Path:
    xlsx(path, [("A1", "x")])
    colon = f"{prefix}:" if prefix else ""
    namespace = f'xmlns{":" + prefix if prefix else ""}="http://schemas.openxmlformats.org/' \
                'spreadsheetml/2006/main"'
    data = (f'<?xml version="1.0"?><{colon}worksheet {namespace}><{colon}sheetData>{body}'
            f'</{colon}sheetData></{colon}worksheet>').encode()
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    parts["xl/worksheets/sheet1.xml"] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def test_cells_without_a_usable_reference_count_along_the_row(tmp_path: Path) -> None:
    # No r, and a reference that is not A1 style: each is the next cell of its row.
    body = '<row r="4"><c r="A4"/><c r="B4"/><c/><c r="4"/><c r="A1B"/></row>'
    extent = inspect_input(_sheet(tmp_path / "odd.xlsx", body)).sheets[
        "xl/worksheets/sheet1.xml"]
    assert (extent.rows, extent.columns) == (4, 5)


def test_a_reference_with_many_digits_is_the_row_it_names(tmp_path: Path) -> None:
    # Eight digits, its letters seen before: the reader puts it on row 12,345,678.
    body = '<row r="4"><c r="A4"/><c r="B4"/><c r="A12345678"/></row>'
    with pytest.raises(SpreadsheetError, match="row 12,345,678"):
        inspect_input(_sheet(tmp_path / "far.xlsx", body))


def test_prefixed_cells_are_scanned_and_limited_like_plain_ones(tmp_path: Path) -> None:
    body = '<x:row r="1"><x:c r="C1"/></x:row><x:row r="9"><x:c r="ALM9"/></x:row>'
    with pytest.raises(SpreadsheetError, match="column 1,001"):
        inspect_input(_sheet(tmp_path / "wide.xlsx", body, prefix="x"))
    body = '<x:row r="1"><x:c r="C1"/></x:row><x:row r="9"><x:c r="D9"/></x:row>'
    extent = inspect_input(_sheet(tmp_path / "prefixed.xlsx", body, prefix="x")).sheets[
        "xl/worksheets/sheet1.xml"]
    assert (extent.rows, extent.columns) == (9, 4)


def test_a_far_cell_after_many_near_ones_is_still_refused(tmp_path: Path) -> None:
    # The table of column letters seen before must not let a later far reference through.
    cells = [(f"{letter}{row}", "x") for row in range(1, 30) for letter in "ABC"]
    path = xlsx(tmp_path / "far.xlsx", [*cells, ("A100001", "x")])
    with pytest.raises(SpreadsheetError, match="row 100,001"):
        inspect_input(path)


@pytest.mark.parametrize("seed", range(10))
def test_pricing_gives_every_improvable_row_and_column_an_arc(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row's and each column's most improving arc: with one arc a row, a column whose
    arcs are no row's best still gets one."""
    monkeypatch.setattr(solver, "PRICED_PER_ROW", 1)
    rng = np.random.default_rng(100 + seed)
    values = _values(rng, (19, 31))
    d_left, d_right = rng.integers(-4, 4, 19), rng.integers(-4, 4, 31)
    for cells in (1 << 20, 31):
        monkeypatch.setattr(solver, "BLOCK_CELLS", cells)
        rows, cols = solver._price(values, d_left, d_right, np.zeros(0, np.int64),
                                   np.zeros(0, np.int64), np.random.default_rng(1))
        reduced = -values.astype(np.int64) + d_left[:, None] - d_right[None, :]
        improving = (values >= 0) & (reduced < 0)
        assert set(rows.tolist()) == set(np.flatnonzero(improving.any(axis=1)).tolist())
        assert set(cols.tolist()) >= set(np.flatnonzero(improving.any(axis=0)).tolist())
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            assert improving[i, j]


@pytest.mark.parametrize("seed", range(6))
def test_values_and_upper_bound_match_their_plain_definitions(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from wessex_cli.pairing import _upper_bound

    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 40)), int(rng.integers(1, 40)))
    scores = rng.integers(0, 12, size=shape).astype(np.int16)
    eligible = rng.random(shape) < 0.6
    cap_left, cap_right = rng.integers(0, 3, shape[0]), rng.integers(0, 3, shape[1])
    masked = np.where(eligible, scores, 0).astype(np.int64)
    bound = (int((masked.max(axis=1) * cap_left).sum()) +
             int((masked.max(axis=0) * cap_right).sum())) // 2
    for cells in (1 << 20, 7):  # one block, and blocks of a row
        monkeypatch.setattr(solver, "BLOCK_CELLS", cells)
        assert solver._values(eligible, scores).tolist() == \
            np.where(eligible, scores, -1).tolist()
        assert _upper_bound(scores, eligible, cap_left, cap_right) == bound


# --- work done while calamine reads (spreadsheet.read_grid's ``alongside``) --------------


def _roster_file(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Volunteers"
    sheet.append(["Name", "Email", "Profession"])
    sheet.append(["Dr Ines Calloway", "ines.calloway@nhs.net", "GP"])
    path = tmp_path / "volunteers.xlsx"
    book.save(path)
    return path


def test_work_alongside_the_read_runs_in_another_thread_and_finishes_first(
        tmp_path: Path) -> None:
    seen: list[str] = []
    grid = read_grid(_roster_file(tmp_path),
                     alongside=lambda: seen.append(threading.current_thread().name))
    assert seen == ["wessex-alongside"]  # done, and not in the reading thread
    assert grid.rows[1][:2] == ["Dr Ines Calloway", "ines.calloway@nhs.net"]


def test_what_the_work_alongside_raises_is_raised_after_the_read(tmp_path: Path) -> None:
    def broken() -> None:
        raise SchemeError("the template is broken.", "Mend it.")

    with pytest.raises(SchemeError, match="the template is broken"):
        read_grid(_roster_file(tmp_path), alongside=broken)


def test_a_failed_read_is_the_error_raised_even_when_the_work_alongside_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(path: Path, *_: object) -> None:
        raise SpreadsheetError("the workbook could not be read (damaged).", "Save it again.",
                               file=path)

    def broken() -> None:
        raise SchemeError("the template is broken.", "Mend it.")

    monkeypatch.setattr(spreadsheet, "_read_sheets", unreadable)
    with pytest.raises(SpreadsheetError, match="could not be read"):
        read_grid(_roster_file(tmp_path), alongside=broken)


def test_a_csv_roster_runs_the_work_alongside_too(tmp_path: Path) -> None:
    path = tmp_path / "volunteers.csv"
    path.write_text("Name,Email,Profession\nDr Ines Calloway,ines.calloway@nhs.net,GP\n")
    seen: list[bool] = []
    read_grid(path, alongside=lambda: seen.append(True))
    assert seen == [True]


def test_a_failed_csv_read_is_the_error_raised_too(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "volunteers.csv"
    path.write_text("Name,Email,Profession\n")

    def unreadable(given: Path) -> None:
        raise SpreadsheetError("the file could not be read (damaged).", "Save it again.",
                               file=given)

    def broken() -> None:
        raise SchemeError("the template is broken.", "Mend it.")

    monkeypatch.setattr(spreadsheet, "_read_csv", unreadable)
    with pytest.raises(SpreadsheetError, match="could not be read"):
        read_grid(path, alongside=broken)


def test_check_says_the_rosters_own_error_before_a_broken_template(run: Runner,
                                                                   tmp_path: Path) -> None:
    """The settings are checked while the roster is read; a template of the administrator's
    own that cannot be read is still said where it always was, after the roster's error."""
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Northmoor Exchange"\n')
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "call-to-action.md.j2").write_text(
        "+++\naudience = 'nobody'\n+++\nHello\n", encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [{"Name": "Dr Ines Calloway", "Profession": "GP"}],
               ["Name", "Profession"])
    said = " ".join(run("check", "v.xlsx", code=1).output.split())
    assert "the required column Email is missing" in said
    assert "audience" not in said
    write_book(tmp_path / "v.xlsx", [{"Name": "Dr Ines Calloway", "Email":
                                      "ines.calloway@nhs.net", "Profession": "GP"}],
               ["Name", "Email", "Profession"])
    said = " ".join(run("check", "v.xlsx", code=1).output.split())
    assert "template 'call-to-action' has audience 'nobody'" in said
