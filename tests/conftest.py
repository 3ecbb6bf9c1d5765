"""Shared helpers: workbooks built in the test, a CLI runner with a fixed width."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import settings
from typer.testing import CliRunner

from wessex_cli.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

HEADERS = ["Name", "Email", "Profession", "Organisation", "Specialty", "Cluster",
           "Registered practice", "Host days", "Visit days", "Preference 1", "Preference 2",
           "Preference 3", "Avoid", "Capacity", "Partner", "Status"]


_FEW_PAIRS: dict[int, bytes] = {}


def few_pairs(path: Path, pairs: int = 2) -> Path:
    """examples/pairs.xlsx cut to its first pairs (P001 Amelia Ashworth and Chidi Zielinski,
    P002 Arjun Rasmussen and Noor Kerrigan, ...), for a test about one letter's words or one
    warning: every pair rendered is its people's documents to write, about 0.15 s each."""
    if pairs not in _FEW_PAIRS:
        from wessex_cli.pairs_workbook import PAIRS_SETTING

        book = openpyxl.load_workbook(EXAMPLES / "pairs.xlsx")
        book["Pairs"].delete_rows(2 + pairs, book["Pairs"].max_row)
        # as if 'wessex pair' had written these pairs only: no warning of pairs deleted
        for setting, value in book["Settings"].iter_rows(min_row=2, max_col=2):
            if setting.value == PAIRS_SETTING:
                value.value = f"P001-P{pairs:03d}"
        kept = io.BytesIO()
        book.save(kept)
        _FEW_PAIRS[pairs] = kept.getvalue()
    path.write_bytes(_FEW_PAIRS[pairs])
    return path


def newest_backup(path: Path) -> str:
    """The newest backup of ``path``, as a message names it from ``path``'s folder
    ("backups/pairs-20270601-091233-123456-UTC.xlsx"), the one made last whatever the clock
    did (``backups_of`` puts them in the order made)."""
    from wessex_cli.safe_write import backups_of

    return f"backups/{backups_of(path)[-1].name}"


def person(name: str, email: str, profession: str = "GP", **fields: Any) -> dict[str, Any]:
    return {"Name": name, "Email": email, "Profession": profession, **fields}


def write_book(path: Path, people: Sequence[dict[str, Any]], headers: Sequence[str] = HEADERS,
               above: Sequence[Sequence[Any]] = (), sheet: str = "Volunteers") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in above:
        ws.append(list(row))
    ws.append(list(headers))
    for p in people:
        ws.append([p.get(h) for h in headers])
    book.save(path)
    return path


def partners(path: Path) -> dict[str, str]:
    """Each person on the Pairs sheet of the pairs workbook at ``path`` and their partner, by
    e-mail."""
    sheet = openpyxl.load_workbook(path)["Pairs"]
    head = {c.value: c.column for c in sheet[1] if c.value}
    found: dict[str, str] = {}
    for row in range(2, sheet.max_row + 1):
        a = str(sheet.cell(row, head["A email"]).value)
        b = str(sheet.cell(row, head["B email"]).value)
        found[a], found[b] = b, a
    return found


def write_ods(path: Path, sheet: str, rows: Sequence[Sequence[str]]) -> Path:
    """A spreadsheet as LibreOffice saves it (.ods): one sheet of ``rows``, every cell text."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for values in rows:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


class Runner:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int | None = 0) -> Any:
        old = Path.cwd()
        os.chdir(self.folder)
        try:
            result = self.runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
        finally:
            os.chdir(old)
        if code is not None:
            assert result.exit_code == code, (result.exit_code, result.output)
        assert "Traceback" not in result.output
        return result


@pytest.fixture
def run(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


@pytest.fixture
def calamine_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each file python-calamine opens from now on, once an opening."""
    import python_calamine

    opened: list[str] = []
    real = python_calamine.CalamineWorkbook.from_path

    def counting(path: str, *args: object, **kwargs: object) -> object:
        opened.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", counting)
    return opened


def small_roster() -> list[dict[str, Any]]:
    return [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP", Organisation="Harbourside Surgery",
               Cluster="1", **{"Preference 1": "Oliver Pemberton"}),
        person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Elmfield Surgery",
               Cluster="2", **{"Preference 1": "Cardiology"}),
        person("Oliver Pemberton", "oliver@example.org", "Consultant",
               Organisation="General Hospital - Cardiology", Specialty="Cardiology", Cluster="1"),
        person("Arjun Rasmussen", "arjun@example.org", "Consultant",
               Organisation="General Hospital - Respiratory", Specialty="Respiratory",
               Cluster="2"),
    ]


# Every setting a letter prints, so that documents render without placeholders.
COMPLETE_SCHEME = (
    '[scheme]\nname = "Test exchange"\n\n'
    '[administrator]\nname = "Robin Fairweather"\nemail = "test.exchange@nhs.net"\n\n'
    '[[leads]]\nname = "Dr Helena Marsh"\nemail = "helena.marsh@nhs.net"\nrole = "GP lead"\n\n'
    '[dates]\nstart = 2027-04-19\nend = 2027-07-19\n\n'
    '[celebration]\ndate = 2027-07-29\ntime = "18:30"\nvenue = "Hall"\n\n'
    '[sides.primary]\norganisation = "Test Integrated Care Board"\n\n'
    '[sides.secondary]\norganisation = "Test Hospitals NHS Trust"\n'
)


def small_paired(run: Runner, folder: Path) -> openpyxl.Workbook:
    """``small_roster`` paired in ``folder`` (v.xlsx, pairs.xlsx) under COMPLETE_SCHEME, so
    that its letters render without placeholders: the pairs workbook, opened."""
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(folder / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    return openpyxl.load_workbook(folder / "pairs.xlsx")


# No test depends on the clock or on luck: today is pinned (a test may pin another day with
# monkeypatch.setenv), and hypothesis draws the same examples on every run, everywhere.
# HYPOTHESIS_PROFILE=explore brings back random exploration for a local bug hunt.
settings.register_profile("wessex", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "wessex"))

PINNED_TODAY = "2027-06-01"  # a Tuesday inside the examples' scheme period


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    if "WESSEX_TODAY" not in os.environ:
        monkeypatch.setenv("WESSEX_TODAY", PINNED_TODAY)


def assert_kept_apart(run: Runner, folder: Path, people: Sequence[dict[str, Any]],
                      avoiders: Sequence[str], avoided: Sequence[str]) -> None:
    """The volunteer workbook of ``people`` (with the complete scheme) is checked with no
    error and paired; each of ``avoiders`` is paired, and never on a row naming any of
    ``avoided`` (compared without case): an Avoid cell that stopped excluding would show."""
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(folder / "v.xlsx", people)
    assert "0 errors" in " ".join(run("check", "v.xlsx").stdout.split())
    run("pair", "v.xlsx")
    rows = [" ".join(str(cell) for cell in row) for row in openpyxl.load_workbook(
        folder / "pairs.xlsx")["Pairs"].iter_rows(values_only=True)]
    assert sum(1 for row in rows if any(name in row for name in avoiders)) == len(avoiders)
    for row in rows:
        assert not (any(name in row for name in avoiders) and
                    any(word.casefold() in row.casefold() for word in avoided)), row


def patient_notice(run: Runner, folder: Path, stem: str) -> str:
    """Render the notice for patients of every pair in ``folder``'s pairs.xlsx as text and
    give the one named ``stem`` ("ann-bell-hosts-ida-cole"), its spaces made single."""
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    path = folder / "documents" / "patient-notice" / f"{stem}.txt"
    return " ".join(path.read_text(encoding="utf-8").split())
