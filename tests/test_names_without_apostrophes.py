"""A name with an apostrophe typed without it ("Sean OBrien" for Sean O'Brien, as many type
it and as addresses write it): a preference naming him matched nobody, an Avoid naming him
was an error that left the row out of the pairing, and 'visit pairs.xlsx "Sean OBrien"'
found no one. With or without the apostrophe, the name is his, either way round."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_a_name_typed_without_its_apostrophe_finds_him(run: Runner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-20")
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Dr Sean O'Brien", "sean.obrien@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Ciara ODonnell", "ciara.odonnell@nhs.net", "GP", Organisation="Moor Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Sean OBrien"}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Dr Sean OBrien",
               **{"Preference 1": "Ciara O\u2019Donnell"}),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 0 warnings" in checked
    run("pair", "v.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    head = {c.value: c.column for c in sheet[1] if c.value}
    assert {frozenset((sheet.cell(row, head["A email"]).value,
                       sheet.cell(row, head["B email"]).value))
            for row in range(2, sheet.max_row + 1)} == {
        frozenset(("sean.obrien@nhs.net", "priya.lund@example.org")),
        frozenset(("ciara.odonnell@nhs.net", "owen.hart@example.org"))}
    visited = run("visit", "pairs.xlsx", "Sean OBrien", "--planned", "30/6/2027").stdout
    assert "Recorded: Dr Sean O'Brien (planned for 30 June 2027) with Priya Lund" in \
        " ".join(visited.split())
