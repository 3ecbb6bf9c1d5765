"""'feedback' and 'report --feedback' read the pairs workbook once (issue 14): the names a
quote may not carry come from the same reading as the record, every sheet of it, the
administrator's own among them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from wessex_cli import spreadsheet
from wessex_cli.scheme import load_scheme

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# a name that is on no sheet but one of the administrator's own
SAID = "Ottoline Brackwater showed me how the practice triages every morning call"
QUOTED = "[name] showed me how the practice triages every morning call"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The example pairs workbook with a sheet of the administrator's naming one more
    person, and survey answers naming her."""
    return _with_contacts(tmp_path, "pairs.xlsx"), _responses(tmp_path)


def _with_contacts(tmp_path: Path, name: str) -> Path:
    """The example workbook ``name`` with a sheet of the administrator's naming one more
    person, saved in ``tmp_path``."""
    book = openpyxl.load_workbook(EXAMPLES / name)
    own = book.create_sheet("Contacts")
    own.append(["Name", "Email"])
    own.append(["Ottoline Brackwater", "ottoline.brackwater@example.org"])
    book.save(tmp_path / name)
    return tmp_path / name


def _responses(tmp_path: Path) -> Path:
    """Three GPs' survey answers, each naming her."""
    responses = tmp_path / "responses.csv"
    with responses.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Profession", "What surprised you?"])
        writer.writerows([["GP", SAID]] * 3)
    return responses


def opened(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[Path]:
    """A list that grows by ``path`` each time a workbook's sheets are read from it."""
    reads: list[Path] = []
    real = spreadsheet._read_sheets

    def counted(read: Path, *args: Any) -> Any:
        if read == path:
            reads.append(read)
        return real(read, *args)

    monkeypatch.setattr(spreadsheet, "_read_sheets", counted)
    return reads


def test_the_pack_reads_the_pairs_workbook_once(monkeypatch: pytest.MonkeyPatch,
                                                files: tuple[Path, Path]) -> None:
    from wessex_cli.feedback import pack_from_files

    pairs, responses = files
    reads = opened(monkeypatch, pairs)
    pack = pack_from_files(responses, pairs=pairs)
    assert len(reads) == 1
    assert pack.quotes["surprise"] == {"GP": [QUOTED]}
    assert pack.participants == 59  # the example workbook's paired people, as before


def test_the_report_reads_the_pairs_workbook_once(monkeypatch: pytest.MonkeyPatch,
                                                  files: tuple[Path, Path]) -> None:
    from wessex_cli.report import build_report

    pairs, responses = files
    scheme = load_scheme(EXAMPLES / "scheme.toml")
    reads = opened(monkeypatch, pairs)
    report = build_report(pairs, scheme, feedback=responses)
    assert len(reads) == 1
    assert report.feedback is not None
    assert report.feedback.quotes["surprise"] == {"GP": [QUOTED]}
    assert report.gems == [QUOTED]


def test_the_pack_reads_the_volunteer_workbook_once(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    """Its names came from one opening to list the sheets and one more for each sheet; a
    sheet of the administrator's own is still read for its names."""
    from wessex_cli.feedback import pack_from_files

    volunteers = _with_contacts(tmp_path, "volunteers.xlsx")
    reads = opened(monkeypatch, volunteers)
    pack = pack_from_files(_responses(tmp_path), volunteers=volunteers)
    assert len(reads) == 1
    assert pack.quotes["surprise"] == {"GP": [QUOTED]}
