"""The findings and group feedback forms, one filled in by hand at each table of the
celebration, had nowhere to write the table: the findings workbook they are typed into
('wessex findings template') asks for it in the first column of both its sheets, Actions and
SWOT, so the administrator typing in a pile of forms could not fill it."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from .conftest import EXAMPLES, Runner


def test_each_table_form_asks_for_the_table(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    run("findings", "template", "-o", "tables.xlsx")
    book = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert book["Actions"]["A1"].value == "Table" and book["SWOT"]["A1"].value == "Table"
    for name, first in (("event-findings", "Proposed action"),
                        ("table-feedback", "What was good about the exchange?")):
        run("render", name, "--format", "txt", "--force")
        form = (tmp_path / "documents" / f"{name}.txt").read_text(encoding="utf-8")
        assert "\nTable number: ________\n" in form, name
        # asked once, above the first question
        assert form.count("Table number") == 1
        assert form.index("Table number") < form.index(first)
