"""The Settings row 'Pairs made in place of a withdrawn pair (their letters say so)' deleted
while tidying the sheet. Once a later 'pair --keep' has marked a re-paired pair 'kept', that
row is all that tells its introduction to say the new partner is in the place of the one who
withdrew: without it the letter left the sentence out, and status, render and 'pair --keep'
said nothing. The loss is now warned of, once by each, with the way back; a workbook as wessex
left it, or one without the row that has no such pair, says nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, write_book
from .test_introduction_repaired import (
    CONSULTANTS,
    EARLIER,
    GPS,
    SCHEME,
    _letters,
    _paired_with_one_over,
    _partners,
    _second_partner_before,
    _to,
)

TITLE = "Pairs made in place of a withdrawn pair (their letters say so)"


def _said(run: Runner, *args: str) -> str:
    return " ".join(run(*args).output.split())


def _render(run: Runner, out: str) -> str:
    return _said(run, "render", "partner-introduction", "--pairs", "pairs.xlsx", "--format",
                 "md", "-o", out, "--allow-placeholders")


def _ids(folder: Path) -> dict[frozenset[str], str]:
    """Pair ID by the names of its two people, on the Pairs and the Withdrawn sheets."""
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    found = {}
    for sheet in (book["Pairs"], *([book["Withdrawn"]] if "Withdrawn" in book else [])):
        head = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if row[head.index("Pair")]:
                found[frozenset((row[head.index("A name")], row[head.index("B name")]))] = \
                    row[head.index("Pair")]
    return found


def _in_place_row(folder: Path) -> str:
    """The value of the Settings row titled TITLE in the pairs workbook of ``folder``."""
    settings = openpyxl.load_workbook(folder / "pairs.xlsx")["Settings"]
    return next(str(row[1]) for row in settings.iter_rows(values_only=True) if row[0] == TITLE)


def _delete_row(path: Path) -> bool:
    """Delete the row titled TITLE from the Settings sheet; whether there was one."""
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    rows = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == TITLE]
    for number in reversed(rows):
        sheet.delete_rows(number)
    book.save(path)
    return bool(rows)


def test_the_row_deleted_is_warned_of_once_by_each_with_the_way_back(
        run: Runner, tmp_path: Path) -> None:
    first, spare = _paired_with_one_over(run, tmp_path)
    ended = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", first))]
    run("withdraw", "pairs.xlsx", first)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # Colm 0 with the spare GP: a new pair
    new = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", spare))]
    # without the row, as an older wessex wrote it: the new pair is not kept yet, so its
    # letter still tells, and there is nothing to warn of
    _delete_row(tmp_path / "pairs.xlsx")
    assert TITLE not in _said(run, "status", "pairs.xlsx")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # the new pair kept, and recorded
    for said in (_said(run, "status", "pairs.xlsx"), _render(run, "untouched")):
        assert TITLE not in said  # as wessex left it
    assert _delete_row(tmp_path / "pairs.xlsx")
    way_back = f"'{new} in place of {ended}'"
    for said in (_said(run, "status", "pairs.xlsx"), _render(run, "lost")):
        assert said.count(f"The Settings sheet has no row '{TITLE}'") == 1
        assert "was it deleted" in said
        assert f"Without it, the introduction of Mr Colm Reid 0 to {spare} (pair {new}) " \
            "leaves out the sentence" in said
        assert way_back in said and "backups folder" in said
    assert EARLIER not in _to(_letters(run, tmp_path, "lost-letters"), "Mr Colm Reid 0", spare)
    dry = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert dry.count(f"The Settings sheet has no row '{TITLE}'") == 1
    assert way_back in dry and "before running without --dry-run" in dry
    # the way back: the entry typed back in a row of its own
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    book["Settings"].append([TITLE, f"{new} in place of {ended}"])
    book.save(tmp_path / "pairs.xlsx")
    assert TITLE not in _said(run, "status", "pairs.xlsx")
    assert EARLIER in _to(_letters(run, tmp_path, "back"), "Mr Colm Reid 0", spare)
    # 'pair --keep' over the row deleted says so once, and what to type once it is done
    _delete_row(tmp_path / "pairs.xlsx")
    said = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert said.count(f"The Settings sheet has no row '{TITLE}'") == 1
    assert way_back in said and "once it is done" in said


def test_no_warning_for_a_partner_who_came_before_the_withdrawal(
        run: Runner, tmp_path: Path) -> None:
    """Colm 0's second partner was paired with him before his first withdrew: a kept pair
    whose person's partner withdrew, made in nobody's place. The workbook as 'pair --keep'
    leaves it says nothing of the row."""
    first = _second_partner_before(run, tmp_path)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # the second partner's pair 'kept'
    run("withdraw", "pairs.xlsx", first)
    assert TITLE not in _said(run, "status", "pairs.xlsx")
    for time in range(2):
        run("pair", "v.xlsx", "--keep", "pairs.xlsx")
        assert _partners(tmp_path)["Mr Colm Reid 0"] == {"Dr Gwen Pryce 2"}
        for said in (_said(run, "status", "pairs.xlsx"), _render(run, f"letters-{time}")):
            assert TITLE not in said


def test_without_the_row_a_partner_added_later_is_in_nobody_s_place_either(
        run: Runner, tmp_path: Path) -> None:
    """Colm 0, re-paired in place of the partner who withdrew, takes a newcomer as a second
    partner once that pair is kept; the row deleted, the letter about the newcomer still
    says nothing of an earlier partner, and 'pair --keep' records the newcomer's pair in
    nobody's place."""
    from .conftest import person

    (tmp_path / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [*GPS, *CONSULTANTS])
    run("pair", "v.xlsx")
    first = next(iter(_partners(tmp_path)["Mr Colm Reid 0"]))
    run("withdraw", "pairs.xlsx", first)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1],
                                     person("Dr Gwen Pryce 9", "gp9@example.org", "GP",
                                            Organisation="Practice 9")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    newcomer = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", "Dr Gwen Pryce 9"))]
    assert _delete_row(tmp_path / "pairs.xlsx")
    letters = _letters(run, tmp_path, "lost")
    assert EARLIER not in _to(letters, "Mr Colm Reid 0", "Dr Gwen Pryce 9")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    settings = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Settings"]
    row = {str(r[0]): r[1] for r in settings.iter_rows(values_only=True)}
    assert newcomer not in str(row[TITLE])
