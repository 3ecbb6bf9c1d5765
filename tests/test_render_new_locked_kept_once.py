"""'render --new' after a re-pairing, when 'locked' is typed over the How paired cell of a pair
the re-pairing kept and its Reasons do not begin as an agreed pair's do: it gave two warnings
on that one cell, one about the lock, one about the pair left out, and each said to type back
'kept'. One warning now says both: why the pair is left out, what 'locked' would do, and what
to type back, once."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def _repaired_with_p002_locked(run: Runner, paired: Path, empty_reasons: bool
                               ) -> tuple[str, str]:
    """P002 (Dr Arjun Rasmussen and Dr Noor Kerrigan, chosen by the pairing) kept by a
    re-pairing, then 'locked' typed in its How paired cell; its How paired and Reasons
    cells."""
    run("withdraw", "pairs.xlsx", "Elif Strand", "--reason", "illness")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # Anwen Zubair's new pair: P031
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet["A3"].value == "P002"
    how = sheet.cell(3, header.index("How paired") + 1)
    reasons = sheet.cell(3, header.index("Reasons") + 1)
    assert how.value == "kept"
    assert str(reasons.value).startswith("Dr Noor Kerrigan was Dr Arjun Rasmussen's 1st")
    how.value = "locked"
    if empty_reasons:
        reasons.value = None
    book.save(paired)
    return f"Pairs!{how.coordinate}", f"Pairs!{reasons.coordinate}"


def _render_new(run: Runner) -> str:
    return " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())


def test_locked_over_a_kept_pair_is_one_warning_saying_type_back_once(
        run: Runner, paired: Path) -> None:
    how, reasons = _repaired_with_p002_locked(run, paired, empty_reasons=False)
    said = _render_new(run)
    assert said.count(how) == 1
    assert said.count("type back") + said.count("Type back") == 1
    assert f"{how} (Dr Arjun Rasmussen and Dr Noor Kerrigan): pair P002 is left out, though " \
        "its How paired cell says 'locked': the Settings sheet records that the last 'wessex " \
        "pair' kept it from the pairing before, so its people have had their introductions, " \
        f"and its Reasons ({reasons}) do not begin 'locked as agreed', as an agreed pair's do " \
        "(was the cell typed over, copied or filled down?). While it says 'locked', their " \
        "letters say the two agreed in advance, and 'wessex pair --keep' would keep them so " \
        "from then on. If they did not agree in advance, type back what the cell said: " \
        "'kept', as the last 'wessex pair' kept the pair from the pairing before. To write " \
        "to them again all the same, leave out --new." in said
    written = {p.name for p in (paired.parent / "letters" / "partner-introduction").iterdir()}
    assert written == {"anwen-zubair-with-maryam-kowalczyk.md", "maryam-kowalczyk.md"}


def test_locked_over_a_kept_pair_with_its_reasons_emptied_is_one_warning(
        run: Runner, paired: Path) -> None:
    how, reasons = _repaired_with_p002_locked(run, paired, empty_reasons=True)
    said = _render_new(run)
    assert said.count(how) == 1
    assert said.count("type back") + said.count("Type back") == 1
    assert f"and its Reasons ({reasons}) do not begin 'locked as agreed'" in said


def test_status_still_warns_of_the_lock_alone(run: Runner, paired: Path) -> None:
    """status leaves no pair out: its one warning is the lock's, as before."""
    how, reasons = _repaired_with_p002_locked(run, paired, empty_reasons=False)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert said.count(how) == 1
    assert f"{how} says 'locked' for pair P002 (Dr Arjun Rasmussen and Dr Noor Kerrigan), " \
        f"but its Reasons ({reasons}) do not begin 'locked as agreed'" in said
    assert "is left out" not in said
