"""withdraw --partner without --in: the next step named the volunteer workbook as the
placeholder VOLUNTEERS, though the pairs workbook's Settings sheet records the one it was
paired from; and ending someone's only pair that way wrote 'the scheme' in its Withdrew from
cell without the step, given by the warning of a pair held as it stands, that keeps them in
the next pairing."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, person, write_book

STEP = ("If Dr Ben Carter stays in the scheme (only this pair ends), before that run: if its "
        "row on the Withdrawn sheet says 'the scheme' in its Withdrew from cell (Withdrawn!D2), "
        "type 'this pair only' there, or the next pairing leaves Dr Ben Carter out.")


def _paired(run: Runner, folder: Path, shown: str = "") -> str:
    """Two GPs and three consultants paired from team-2027.xlsx (a name no message would
    guess) into pairs.xlsx in ``folder`` (``shown``: that folder as typed): two pairs, one
    consultant left over. Whom the pairing gave Dr Ben Carter."""
    folder.mkdir(exist_ok=True)
    write_book(folder / "team-2027.xlsx", [
        person("Dr Ben Carter", "ben@example.org", "GP", Organisation="Orchard Lane"),
        person("Dr Sue Mills", "sue@example.org", "GP", Organisation="Brookvale"),
        person("Mark Quinn", "mark@example.org", "Consultant", Organisation="Westshire Royal"),
        person("Tom Reed", "tom@example.org", "Consultant", Organisation="Westshire Royal"),
        person("Ann Lowe", "ann@example.org", "Consultant", Organisation="Westshire Royal"),
    ])
    run("pair", f"{shown}team-2027.xlsx", "-o", f"{shown}pairs.xlsx")
    for row in openpyxl.load_workbook(folder / "pairs.xlsx")["Pairs"].iter_rows(
            min_row=2, values_only=True):
        if "Dr Ben Carter" in (row[1], row[9]):
            return str(row[9] if row[1] == "Dr Ben Carter" else row[1])
    raise AssertionError("Dr Ben Carter is in no pair")


def _couples(pairs: Path) -> set[frozenset[str]]:
    return {frozenset((str(row[1]), str(row[9]))) for row in openpyxl.load_workbook(pairs)[
        "Pairs"].iter_rows(min_row=2, values_only=True)}


def test_the_workbook_paired_from_is_named_and_the_step_given(run: Runner,
                                                              tmp_path: Path) -> None:
    partner = _paired(run, tmp_path)
    said = " ".join(run("withdraw", "pairs.xlsx", "Carter", "--partner", partner
                        ).output.split())
    assert f"Next: run 'wessex pair team-2027.xlsx --keep pairs.xlsx' to find {partner} a " \
        "new partner." in said
    assert "VOLUNTEERS" not in said
    assert STEP in said
    # the cell named is the one that says so
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    withdrawn = book["Withdrawn"]
    assert (withdrawn["D1"].value, withdrawn["D2"].value) == ("Withdrew from", "the scheme")
    # and the step does what it says: Ben Carter is paired again, with someone new
    kept = _couples(tmp_path / "pairs.xlsx")
    withdrawn["D2"].value = "this pair only"
    book.save(tmp_path / "pairs.xlsx")
    again = " ".join(run("pair", "team-2027.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "left out" not in again
    now = _couples(tmp_path / "pairs.xlsx")
    assert kept < now and len(now) == 2
    (new,) = now - kept
    assert "Dr Ben Carter" in new and partner not in new


def test_run_from_another_folder_the_path_is_as_typed_here(run: Runner,
                                                           tmp_path: Path) -> None:
    partner = _paired(run, tmp_path / "2027", "2027/")
    said = " ".join(run("withdraw", "2027/pairs.xlsx", "Carter", "--partner", partner
                        ).output.split())
    assert "Next: run 'wessex pair 2027/team-2027.xlsx --keep 2027/pairs.xlsx' to find " \
        f"{partner} a new partner." in said


def test_nothing_recorded_keeps_the_placeholder(run: Runner, tmp_path: Path) -> None:
    partner = _paired(run, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    settings = book["Settings"]
    (row,) = [c.row for c in settings["A"] if c.value == "Input file"]
    settings.delete_rows(row)
    book.save(tmp_path / "pairs.xlsx")
    said = " ".join(run("withdraw", "pairs.xlsx", "Carter", "--partner", partner
                        ).output.split())
    assert f"Next: run 'wessex pair VOLUNTEERS --keep pairs.xlsx' to find {partner} a new " \
        "partner." in said


def test_no_step_where_they_left(run: Runner, tmp_path: Path) -> None:
    """Without --partner they dropped out. With --partner and --in, the step is given in the
    same words, their Status cell (just written 'withdrawn') to empty first
    (tests/test_withdraw_partner_in_only_pair.py)."""
    partner = _paired(run, tmp_path)
    before = (tmp_path / "pairs.xlsx").read_bytes()
    said = " ".join(run("withdraw", "pairs.xlsx", "Carter").output.split())
    assert "this pair only" not in said
    (tmp_path / "pairs.xlsx").write_bytes(before)
    said = " ".join(run("withdraw", "pairs.xlsx", "Carter", "--partner", partner, "--in",
                        "team-2027.xlsx").output.split())
    assert STEP.replace("before that run: ", "before that run: empty their Status cell "
                        "(Volunteers!P2) in team-2027.xlsx, and ") in said
    assert "'wessex pair team-2027.xlsx --keep pairs.xlsx'" in said
