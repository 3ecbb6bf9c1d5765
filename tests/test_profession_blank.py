"""A Profession cell on the Pairs sheet emptied by hand: the partner introduction listed the
partner as "Dr Arjun Rasmussen, , Orchard Lane Practice", the notice for patients welcomed
"Dr Arjun Rasmussen ()" and the certificate opened its line with ", Harbourside Surgery".
A profession nobody gave is left out of the sentence, as an organisation left blank is."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from .conftest import EXAMPLES, Runner, few_pairs


def _letters(run: Runner, folder: Path, document: str) -> dict[str, str]:
    run("render", document, "--pairs", "pairs.xlsx", "--format", "txt")
    return {path.stem: " ".join(path.read_text(encoding="utf-8").split())
            for path in (folder / "documents" / document).iterdir()}


def test_a_profession_left_blank_leaves_no_gap_in_the_letters(run: Runner,
                                                              tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    path = few_pairs(tmp_path / "pairs.xlsx", 2)
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027")
    run("visit", "pairs.xlsx", "Chidi Zielinski", "--hosted", "12/5/2027")
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    assert sheet["D1"].value == "A phone" and sheet["E1"].value == "A profession"
    assert (sheet["B2"].value, sheet["B3"].value) == ("Dr Amelia Ashworth", "Dr Arjun Rasmussen")
    sheet["E2"].value = sheet["E3"].value = None  # both GPs' Profession cells emptied
    book.save(path)
    noor = _letters(run, tmp_path, "partner-introduction")["noor-kerrigan"]
    assert "- Dr Arjun Rasmussen, Orchard Lane Practice - E-mail:" in noor
    notice = _letters(run, tmp_path, "patient-notice")["arjun-rasmussen-hosts-noor-kerrigan"]
    assert "Today, Dr Arjun Rasmussen is welcoming a colleague from Eastshire General " \
        "Hospital - Psychiatry, Dr Noor Kerrigan (consultant), to Orchard Lane Practice." \
        in notice
    certificates = _letters(run, tmp_path, "certificate")
    assert "Dr Amelia Ashworth ------------------ Harbourside Surgery completed" in \
        certificates["amelia-ashworth"]
    assert "completed a two-way workplace exchange with Dr Amelia Ashworth, Harbourside " \
        "Surgery: spent half a day" in certificates["chidi-zielinski"]
    for text in (noor, notice, *certificates.values()):
        assert ", ," not in text and "()" not in text
