"""The report's 'Reflections returned X of Y' counts, as its visits do, the people whose
pair has since ended: a reflection one of them returned is counted in both figures and named
apart, one never written is owed by nobody. It counted the Pairs sheet alone, so a
reflection returned before a pair was withdrawn was lost from the figure."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_a_reflection_returned_before_the_pair_was_withdrawn_is_counted(
        run: Runner, paired: Path) -> None:
    from wessex_cli.report import build_report
    from wessex_cli.scheme import load_scheme

    path, folder = paired, paired.parent  # 30 pairs of 59 people (Leon Ince is in two)
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    assert [sheet[f"A{row}"].value for row in (2, 3)] == ["P001", "P002"]
    # P001: Amelia Ashworth (A) hosted and wrote her reflection; P002: Noor Kerrigan (B)
    # hosted Arjun Rasmussen (A), who wrote his
    sheet["U2"], sheet["V2"], sheet["Y2"] = "10/5/2027", "yes", "yes"
    sheet["W3"], sheet["X3"], sheet["Y3"] = "12/5/2027", "yes", "yes"
    book.save(path)
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen", "--reason", "moved away")
    figures = build_report(path, load_scheme(folder / "scheme.toml")).figures
    # due: the 57 people of the 29 pairs left, and Arjun, who returned his; Noor, whose
    # pair ended and who wrote none, owes none
    assert (figures.reflections_returned, figures.reflections_expected) == (2, 58)
    assert figures.reflections_returned_withdrawn == 1
    run("report", "pairs.xlsx", "-o", "report.html")
    page = " ".join(re.sub(r"<[^>]+>", " ", (folder / "report.html").read_text()).split())
    assert ("Reflections returned: 2 of 58, including 1 from someone whose pair later "
            "ended.") in page
    assert "Reflections returned 2 of 58, including 1 from someone whose pair later ended" \
        in page  # the key figures
