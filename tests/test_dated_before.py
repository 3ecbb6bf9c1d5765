"""A visit typed into the Pairs sheet with last year's date (4/5/2026 in a 2027 scheme).

SPEC: the administrator edits the tracking columns in Excel and the tool reads them back;
a document never says something untrue. The certificate, for appraisal, printed "hosted
on Monday 4 May 2026" under "19 April 2027 to 19 July 2027", and nothing said so.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, small_paired


def _paired_with_a_typo(run: Runner, tmp_path: Path) -> str:
    book = small_paired(run, tmp_path)
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    for title, value in (("A hosts B: date", "4/5/2026"), ("A hosts B: done", "yes"),
                         ("B hosts A: date", "11/5/2027"), ("B hosts A: done", "yes")):
        sheet.cell(2, headers.index(title) + 1).value = value
    book.save(tmp_path / "pairs.xlsx")
    column = openpyxl.utils.get_column_letter(headers.index("A hosts B: date") + 1)
    return f"Pairs!{column}2: the visit is dated 4 May 2026, before the exchange started " \
           "(19 April 2027); if the year is wrong, correct it, as the certificate states the date."


def test_status_names_a_visit_dated_before_the_start(run: Runner, tmp_path: Path) -> None:
    said = _paired_with_a_typo(run, tmp_path)
    assert said in " ".join(run("status", "pairs.xlsx").output.split())


def test_the_certificate_render_and_the_report_name_it_too(run: Runner,
                                                            tmp_path: Path) -> None:
    said = _paired_with_a_typo(run, tmp_path)
    result = run("render", "certificate", "--pairs", "pairs.xlsx", "--format", "txt")
    assert said in " ".join(result.output.split())
    result = run("report", "pairs.xlsx", "-o", "report.html")
    assert said in " ".join(result.output.split())


def test_visits_within_the_scheme_give_no_such_warning(run: Runner, tmp_path: Path) -> None:
    _paired_with_a_typo(run, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("A hosts B: date") + 1).value = "4/5/2027"
    book.save(tmp_path / "pairs.xlsx")
    assert "before the exchange started" not in run("status", "pairs.xlsx").output
