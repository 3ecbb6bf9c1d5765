"""Someone whose partner withdrew was paired: the report and the feedback pack count them
so, and their survey answer counts in the response rate."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import openpyxl

from .conftest import EXAMPLES, Runner, few_pairs


def _answers(path: Path, names: list[str]) -> None:
    rows = [["Timestamp", "Your name", "Q3. What will you take back to your own workplace?",
             "How useful was the exchange? (1-5)"]]
    rows += [["2027-07-01", name, "Shorter letters to the practice", "4"] for name in names]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _text(page: str) -> str:
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_partner_of_someone_who_withdrew_is_counted_paired(run: Runner, tmp_path: Path) -> None:
    few_pairs(tmp_path / "pairs.xlsx", 3)  # P001 Amelia Ashworth and Chidi Zielinski, ...
    scheme = str(EXAMPLES / "scheme.toml")
    run("withdraw", "pairs.xlsx", "Chidi Zielinski", "--reason", "illness")
    _answers(tmp_path / "answers.csv", ["Amelia Ashworth", "Noor Kerrigan"])
    # six people were paired, Chidi left: five took part, Amelia among them, and two answered
    run("feedback", "answers.csv", "--pairs", "pairs.xlsx", "--scheme", scheme)
    assert "2 responses from 5 participants (40%)" in (tmp_path / "pack.html").read_text()
    run("report", "pairs.xlsx", "--feedback", "answers.csv", "--scheme", scheme,
        "-o", "report.html")
    page = _text((tmp_path / "report.html").read_text())
    assert "People paired 5 " in page
    assert "Feedback responses 2 40%" in page
    # Amelia, Arjun and Callum are GPs, all paired; Maryam Kowalczyk, on the Unpaired sheet,
    # is the one GP not paired
    assert re.search(r"Primary care GP (\d+) (\d+) (\d+) 0 ", page).groups() == ("4", "3", "1")
    assert "Paired includes 1 person whose partner withdrew and who has no new partner." in page


def test_someone_who_left_after_their_partner_withdrew_is_not_counted_paired(
        run: Runner, tmp_path: Path) -> None:
    few_pairs(tmp_path / "pairs.xlsx", 3)  # P001 Amelia Ashworth and Chidi Zielinski, ...
    run("withdraw", "pairs.xlsx", "Chidi Zielinski", "--reason", "illness")
    # then Amelia left the scheme too: the administrator types her own row of P001 on the
    # Withdrawn sheet, as 'withdraw' writes one for someone leaving the scheme
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Withdrawn"]
    sheet.append([cell.value for cell in sheet[2]])
    sheet.cell(3, 1).value = "Amelia Ashworth"
    book.save(tmp_path / "pairs.xlsx")
    run("report", "pairs.xlsx", "--scheme", str(EXAMPLES / "scheme.toml"), "-o", "report.html")
    page = _text((tmp_path / "report.html").read_text())
    # six were paired; Chidi and Amelia both left the scheme, so four remain, and nobody is
    # left whose partner withdrew while they stayed
    assert "People paired 4 " in page
    assert "whose partner withdrew" not in page
