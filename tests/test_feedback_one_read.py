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
    book = openpyxl.load_workbook(EXAMPLES / "pairs.xlsx")
    own = book.create_sheet("Contacts")
    own.append(["Name", "Email"])
    own.append(["Ottoline Brackwater", "ottoline.brackwater@example.org"])
    pairs = tmp_path / "pairs.xlsx"
    book.save(pairs)
    responses = tmp_path / "responses.csv"
    with responses.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Profession", "What surprised you?"])
        writer.writerows([["GP", SAID]] * 3)
    return pairs, responses


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
