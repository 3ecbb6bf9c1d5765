"""'withdraw' names, in the step it gives next, the volunteer workbook the pairs were made
from ('wessex pair v.xlsx --keep pairs.xlsx'). It found that name by opening the pairs
workbook again, after writing it, to read its Settings sheet: the workbook open for the
move already has it, and the file is now read once."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner
from .test_introduction_repaired import _paired_with_one_over


def test_withdraw_names_the_volunteer_workbook_without_reading_the_pairs_again(
        run: Runner, tmp_path: Path, calamine_opened: list[str]) -> None:
    first, _ = _paired_with_one_over(run, tmp_path)
    calamine_opened.clear()
    said = " ".join(run("withdraw", "pairs.xlsx", first).output.split())
    assert "Next: run 'wessex pair v.xlsx --keep pairs.xlsx' to find Mr Colm Reid 0 a new " \
        "partner." in said
    # once, for the warnings said before the change (as 'status' gives them)
    assert calamine_opened.count("pairs.xlsx") == 1


def test_with_nothing_recorded_the_step_names_volunteers(run: Runner, tmp_path: Path) -> None:
    """The Settings sheet's Input file row deleted: the step says VOLUNTEERS, as before."""
    import openpyxl

    first, _ = _paired_with_one_over(run, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    settings = book["Settings"]
    for number in range(settings.max_row, 0, -1):
        if settings.cell(number, 1).value == "Input file":
            settings.delete_rows(number)
    book.save(tmp_path / "pairs.xlsx")
    said = " ".join(run("withdraw", "pairs.xlsx", first).output.split())
    assert "Next: run 'wessex pair VOLUNTEERS --keep pairs.xlsx'" in said
