"""A volunteer re-paired in place of a partner who withdrew is told so in their partner
introduction; a later 'pair --keep' marks that pair 'kept', and the same letter rendered
again must still say it, in the same words: the Settings sheet records the pair as made in
place of the withdrawn one, and 'pair --keep' writes that record again."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book
from .test_introduction_repaired import (
    CONSULTANTS,
    EARLIER,
    GPS,
    ONE,
    _letters,
    _others,
    _paired_with_one_over,
    _partners,
    _to,
)


def test_the_sentence_stays_once_a_later_pair_keep_has_kept_the_pair(
        run: Runner, tmp_path: Path) -> None:
    first, spare = _paired_with_one_over(run, tmp_path)
    run("withdraw", "pairs.xlsx", first, "--reason", "a family illness")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    before = _to(_letters(run, tmp_path, "before"), "Mr Colm Reid 0", spare)
    assert ONE.format("Gwen") in before
    # a later re-pairing, with a newcomer: the pair is 'kept' from now on
    write_book(tmp_path / "v.xlsx", [*GPS, *CONSULTANTS,
                                     person("Mr Ivo Lund", "ivo@example.org", "Consultant",
                                            Organisation="General Hospital")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # and another, changing nothing
    letters = _letters(run, tmp_path, "after")
    assert _to(letters, "Mr Colm Reid 0", spare) == before
    assert _others(letters, "Mr Colm Reid 0", spare) == []
    assert not [stem for stem, text in letters.items()
                if EARLIER in text and "colm" not in stem]


def test_a_record_that_cannot_be_read_whole_holds_the_sentence_back_with_a_warning(
        run: Runner, tmp_path: Path) -> None:
    """Text typed into the Settings row of the pairs the last pairing made: whether the
    withdrawn pair ended before that pairing is not known, so the letter leaves the
    sentence out, and render says so, naming the pair and the people."""

    first, spare = _paired_with_one_over(run, tmp_path)
    run("withdraw", "pairs.xlsx", first)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    row = _type_into_the_record(tmp_path / "pairs.xlsx")
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "md",
                 "-o", "held", "--allow-placeholders")
    said = " ".join(result.output.split())
    letters = {path.stem: " ".join(path.read_text(encoding="utf-8").split())
               for path in (tmp_path / "held").rglob("*.md")}
    assert EARLIER not in _to(letters, "Mr Colm Reid 0", spare)
    assert f"Settings!B{row}" in said  # the cell, named by the warning already there
    assert said.count("leaves out the sentence") == 1
    assert f"The introduction of Mr Colm Reid 0 to {spare}" in said
    assert "cannot be read whole" in said


def test_a_partner_added_at_a_later_pair_keep_is_in_nobody_s_place(
        run: Runner, tmp_path: Path) -> None:
    """Colm 0 is re-paired in place of the partner who withdrew; at a later 'pair --keep' he
    takes a second partner, a newcomer. Only the first pair made after the withdrawal is in
    its place: the letter about the second says nothing of an earlier partner."""
    first, spare = _paired_with_one_over(run, tmp_path)
    run("withdraw", "pairs.xlsx", first, "--reason", "a family illness")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # Colm 0 with the spare GP, in its place
    newcomer = person("Dr Gwen Pryce 9", "gp9@example.org", "GP", Organisation="Practice 9")
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1],
                                     newcomer])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path)["Mr Colm Reid 0"] == {spare, "Dr Gwen Pryce 9"}
    letters = _letters(run, tmp_path, "after")
    assert EARLIER not in _to(letters, "Mr Colm Reid 0", "Dr Gwen Pryce 9")
    assert EARLIER in _to(letters, "Mr Colm Reid 0", spare)  # the first, in its place
    assert _others(letters, "Mr Colm Reid 0", spare) == []
    # the record of the last pairing typed over: no warning that the second's letter leaves
    # out a sentence it never had
    import shutil


    shutil.copy(tmp_path / "pairs.xlsx", tmp_path / "whole.xlsx")
    row = _type_into_the_record(tmp_path / "pairs.xlsx")
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format",
                        "md", "-o", "typed", "--allow-placeholders").output.split())
    assert f"Settings!B{row}" in said and "leaves out the sentence" not in said
    shutil.copy(tmp_path / "whole.xlsx", tmp_path / "pairs.xlsx")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # and once the second is kept too
    letters = _letters(run, tmp_path, "kept")
    assert _others(letters, "Mr Colm Reid 0", spare) == []


def test_the_row_names_the_pair_from_the_next_pair_keep(run: Runner, tmp_path: Path) -> None:
    """As the README says: the run that makes the new pair leaves the Settings row saying
    '(none)' (the record of the last pairing tells it then), and the next 'pair --keep',
    which marks the pair 'kept', names it there."""
    import openpyxl

    from .test_in_place_row_lost import TITLE, _ids

    def row() -> str:
        sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Settings"]
        return next(str(r[1]) for r in sheet.iter_rows(values_only=True) if r[0] == TITLE)

    first, spare = _paired_with_one_over(run, tmp_path)
    run("withdraw", "pairs.xlsx", first, "--reason", "a family illness")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert row() == "(none)"
    assert ONE.format("Gwen") in _to(_letters(run, tmp_path, "made"), "Mr Colm Reid 0", spare)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    ids = _ids(tmp_path)
    new, ended = (ids[frozenset(("Mr Colm Reid 0", who))] for who in (spare, first))
    assert row() == f"{new} in place of {ended}"


def _type_into_the_record(path: Path) -> int:
    """Text of the administrator's own typed after the IDs in the Settings row of the pairs
    the last pairing made, so that the row can no longer be read whole: its row number."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    settings = book["Settings"]
    row = next(r for r in range(1, settings.max_row + 1) if settings.cell(r, 1).value ==
               "Pairs the last pairing made (How paired 'optimised')")
    settings.cell(row, 2).value = f"{settings.cell(row, 2).value}, checked by Sam"
    book.save(path)
    return row
