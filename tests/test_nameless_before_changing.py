"""A Name cell of the Pairs sheet emptied by hand (its e-mail kept) was warned of by 'status'
only: 'visit' and 'withdraw', which change the workbook, said nothing of it, though render and
remind will refuse the letters that greet or name that person until it is typed back. The
administrator may never run status first: both now give the same warning before they change
anything."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_introduction_repaired import _paired_with_one_over


def _empty_a_name(path: Path, keep: str) -> tuple[str, str]:
    """Empty the A name cell of the first pair on the Pairs sheet not holding ``keep``: that
    cell ("Pairs!B2") and the e-mail beside it."""
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    head = [c.value for c in sheet[1]]
    a_name, a_email = head.index("A name") + 1, head.index("A email") + 1
    for row in range(2, sheet.max_row + 1):
        names = {sheet.cell(row, a_name).value, sheet.cell(row, head.index("B name") + 1).value}
        if keep not in names:
            sheet.cell(row, a_name).value = None
            book.save(path)
            letter = openpyxl.utils.get_column_letter(a_name)
            return f"Pairs!{letter}{row}", str(sheet.cell(row, a_email).value)
    raise AssertionError("no other pair")


def test_visit_and_withdraw_warn_of_an_emptied_name_cell(run: Runner, tmp_path: Path) -> None:
    _paired_with_one_over(run, tmp_path)
    cell, email = _empty_a_name(tmp_path / "pairs.xlsx", "Mr Colm Reid 0")
    warning = f"{cell} (the name of {email}) is empty"
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert status.count(warning) == 1
    for args in (("visit", "pairs.xlsx", "Mr Colm Reid 0", "--planned", "3/6/2027"),
                 ("withdraw", "pairs.xlsx", "Mr Colm Reid 0")):
        said = " ".join(run(*args).output.split())
        assert said.count(warning) == 1, args
        assert "render and remind will refuse" in said
    # the change was made all the same: the pair is on the Withdrawn sheet
    withdrawn = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Withdrawn"]
    assert "Mr Colm Reid 0" in {c.value for row in withdrawn.iter_rows() for c in row}
