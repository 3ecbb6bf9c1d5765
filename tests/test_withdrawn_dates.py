"""The Withdrawn sheet is read with today's date, as the Pairs sheet is: a half day ticked
done there but dated after today is a plan, not a visit. It was read without the date, so
such a tick counted as done in the report and in the notes 'init --from' carries into next
year, where the same tick on the Pairs sheet was questioned and counted as planned."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


@pytest.fixture
def withdrawn_with_a_tick_to_come(run: Runner, paired: Path) -> Path:
    """The example scheme on 2 June 2027: P002 (Arjun Rasmussen hosts Noor Kerrigan in
    U3/V3, Noor hosts Arjun in W3/X3) has Noor's half day done on 12 May and Arjun's ticked
    done but dated 20 June, still to come; then Arjun withdraws from the scheme."""
    path = paired
    book = openpyxl.load_workbook(path)
    sheet = book["Pairs"]
    assert (sheet["A3"].value, sheet["C3"].value) == ("P002", "arjun.rasmussen@nhs.net")
    sheet["U3"], sheet["V3"] = "20/6/2027", "yes"  # Arjun hosts Noor: to come
    sheet["W3"], sheet["X3"] = "12/5/2027", "yes"  # Noor hosted Arjun: done
    book.save(path)
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen", "--reason", "moved away")
    return path


def test_the_report_counts_a_withdrawn_pairs_visit_still_to_come_as_not_done(
        withdrawn_with_a_tick_to_come: Path) -> None:
    from wessex_cli.report import build_report
    from wessex_cli.scheme import load_scheme

    path = withdrawn_with_a_tick_to_come
    report = build_report(path, load_scheme(path.parent / "scheme.toml"))
    # one half day of the withdrawn pair happened (12 May); the one dated 20 June has not
    assert report.figures.visits_done_withdrawn == 1
    assert any(w.startswith("Withdrawn!") and "dated 20 June 2027, which is still to come" in w
               for w in report.warnings)


def test_init_from_does_not_carry_a_visit_still_to_come_as_done(
        run: Runner, withdrawn_with_a_tick_to_come: Path) -> None:
    run("init", "2028", "--from", "pairs.xlsx")
    folder = withdrawn_with_a_tick_to_come.parent
    rows = list(openpyxl.load_workbook(folder / "2028" / "volunteers.xlsx")["Volunteers"]
                .values)
    head = list(rows[0])
    notes = {r[head.index("Email")]: r[head.index("Notes")] for r in rows[1:]}
    # Noor hosted Arjun (done); Arjun hosting Noor is still to come, so not done
    noor = notes["noor.kerrigan@nhs.net"]
    assert isinstance(noor, str)
    assert "hosted them; the visit to their workplace not recorded as done" in noor
    arjun = notes["arjun.rasmussen@nhs.net"]
    assert isinstance(arjun, str)
    assert "visited them; hosting them not recorded as done" in arjun
