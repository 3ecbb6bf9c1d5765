"""status asks for the warnings of the Withdrawn sheet's rows, and with them the reader read
and parsed the Unpaired sheet too, for nothing: status names nobody unpaired. It reads the
Pairs, Settings and Withdrawn sheets only; the letters to people in no pair still read the
Unpaired sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


@pytest.fixture
def sheets_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each worksheet python-calamine reads from now on."""
    from wessex_cli import spreadsheet

    read: list[str] = []
    real = spreadsheet._read_sheets  # noqa: SLF001

    def counting(path: Path, inspection: Any,
                 choose: Callable[[list[str]], list[str | None]]) -> Any:
        def chosen(names: list[str]) -> list[str | None]:
            picked = choose(names)
            read.extend(name for name in picked if name)
            return picked
        return real(path, inspection, chosen)

    monkeypatch.setattr(spreadsheet, "_read_sheets", counting)
    return read


def test_status_reads_no_unpaired_sheet(run: Runner, paired: Path,
                                        sheets_read: list[str]) -> None:
    run("withdraw", "pairs.xlsx", "Amelia Ashworth")  # the workbook has a Withdrawn sheet
    sheets_read.clear()
    run("status", "pairs.xlsx")
    # and the volunteer workbook's, as Dr Leon Ince is in two pairs: whether he may be
    # (test_status_before_keep)
    assert sorted(sheets_read) == ["Pairs", "Settings", "Volunteers", "Withdrawn"]


def test_a_letter_to_the_unpaired_still_reads_the_unpaired_sheet(
        run: Runner, paired: Path, sheets_read: list[str]) -> None:
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "out",
        "--allow-placeholders")
    assert "Unpaired" in sheets_read
