"""withdraw's last lines, what to do next, read as the administrator reads them. Someone
whose partner has a second pair: the partner keeps that pair, and the lines said to run pair
--keep 'to find Dr Leon Ince a new partner', as if they had none (with a Capacity of 1
beside the pair kept, pair --keep gives them nobody)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner, newest_backup, person, write_book
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name


def test_a_partner_still_in_a_pair_is_not_sent_to_find_a_new_one(run: Runner,
                                                                 paired: Path) -> None:
    # Leon Ince is in P018 with Priya Varga and in P022 with Zainab Abernethy
    said = " ".join(run("withdraw", "pairs.xlsx", "Priya Varga", "--reason", "illness"
                        ).output.split())
    assert "Moved the pair of Dr Priya Varga and Dr Leon Ince to the Withdrawn sheet." in said
    assert "Dr Leon Ince is still paired with Dr Zainab Abernethy, so needs no new partner " \
        "unless their row in the volunteer workbook lets them take one more." in said
    assert "a new partner." not in said
    assert "Next: 'wessex pair volunteers.xlsx --keep pairs.xlsx' pairs only those with a place " \
        "left." in said


def test_a_partner_left_without_a_pair_is_still_sent_to_find_one(run: Runner,
                                                                paired: Path) -> None:
    # Leon Ince withdraws from both pairs: Priya Varga and Zainab Abernethy have no other
    said = " ".join(run("withdraw", "pairs.xlsx", "Leon Ince").output.split())
    assert "still paired" not in said
    assert "Next: run 'wessex pair volunteers.xlsx --keep pairs.xlsx' to find Dr Priya Varga and " \
        "Dr Zainab Abernethy a new partner." in said


def test_with_in_the_status_cell_written_is_not_said_to_say_active(run: Runner,
                                                                  paired: Path) -> None:
    """--in writes 'withdrawn' in the person's Status cell, and the next line said the
    Withdrawn sheet kept them out 'even while the volunteer workbook says active'."""
    said = " ".join(run("withdraw", "pairs.xlsx", "Priya Varga", "--in", "volunteers.xlsx"
                        ).output.split())
    assert "Wrote 'withdrawn' in Dr Priya Varga's Status cell" in said
    assert "says active" not in said
    assert "The Withdrawn sheet and their Status cell keep Dr Priya Varga out of that " \
        "pairing; every other pair stays as it is." in said


def test_with_in_a_partner_with_a_place_left_is_sent_to_find_a_new_one(
        run: Runner, paired: Path) -> None:
    """With --in the volunteer workbook is read, and Leon Ince's Capacity there is 2: the
    lines said he needed no new partner 'unless their row ... lets them take one more',
    leaving the administrator to look, and did not say that 'pair --keep' finds him one."""
    said = " ".join(run("withdraw", "pairs.xlsx", "Priya Varga", "--in", "volunteers.xlsx"
                        ).output.split())
    # the number named by the title of its column and its cell, as the administrator sees it
    assert "Dr Leon Ince is still paired with Dr Zainab Abernethy and can take 2 partners " \
        "(Max partners, Volunteers!O48 in volunteers.xlsx), so has a place for one more." \
        in said
    assert "Capacity" not in said
    assert "unless" not in said
    assert "Next: run 'wessex pair volunteers.xlsx --keep pairs.xlsx' to find Dr Leon Ince " \
        "a new partner." in said


def test_with_in_a_partner_with_no_place_left_needs_none(run: Runner, paired: Path) -> None:
    import openpyxl

    volunteers = paired.parent / "volunteers.xlsx"
    book = openpyxl.load_workbook(volunteers)
    sheet = book["Volunteers"]
    header_row = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Full name")
    titles = [cell.value for cell in sheet[header_row]]
    leon = next(row[0].row for row in sheet.iter_rows() if row[0].value == "Dr Leon Ince")
    sheet.cell(leon, titles.index("Max partners") + 1).value = 1
    book.save(volunteers)
    said = " ".join(run("withdraw", "pairs.xlsx", "Priya Varga", "--in", "volunteers.xlsx"
                        ).output.split())
    assert "Dr Leon Ince is still paired with Dr Zainab Abernethy and can take 1 partner " \
        "(Max partners, Volunteers!O48 in volunteers.xlsx), so needs no new partner." in said
    assert "Next: 'wessex pair volunteers.xlsx --keep pairs.xlsx' pairs only those with a " \
        "place left." in said


def test_with_in_the_way_back_says_to_empty_the_status_cell_too(run: Runner,
                                                                paired: Path) -> None:
    """The way back from a withdrawal typed by mistake was to copy pairs.xlsx back from
    backups/; with --in, the Status cell still said withdrawn, and the next 'pair --keep'
    ended the pair again, moving it to the Withdrawn sheet."""
    said = " ".join(run("withdraw", "pairs.xlsx", "Isla Okonkwo", "--in", "volunteers.xlsx"
                        ).output.split())
    pairs_copy, volunteers_copy = newest_backup(paired), \
        newest_backup(paired.parent / "volunteers.xlsx")
    assert f"If this withdrawal was a mistake, copy {pairs_copy} back over pairs.xlsx and " \
        "empty that cell: while it says withdrawn, 'wessex pair --keep' ends their pair " \
        "again." in said
    # the way back is given once, whole: the line of the pairs workbook's backup offered
    # half of it ('copy it back ... if this was a mistake') a line before
    assert f"The previous version of pairs.xlsx is kept as {pairs_copy}. Wrote" in said
    assert f"of volunteers.xlsx, whose previous version is kept as {volunteers_copy}." in said
    assert said.count("mistake") == 1


GPS = [person("Dr Ada Quill", "ada@example.org", "GP", Organisation="Quay Surgery", Capacity=2),
       person("Dr Ben Roe", "ben@example.org", "GP", Organisation="Mill Surgery")]
CONSULTANTS = [person("Mr Xavier Pell", "xavier@example.org", "Consultant",
                      Organisation="General Hospital - Surgery", Capacity=2),
               person("Dr Yara Moss", "yara@example.org", "Consultant",
                      Organisation="General Hospital - Renal")]


def _two_and_two(run: Runner, folder: Path) -> None:
    """Three places a side, so three pairs: Ada Quill with Xavier Pell and Yara Moss, Ben Roe
    with Xavier Pell (Ada and Xavier take two partners each)."""
    write_book(folder / "v.xlsx", [*GPS, *CONSULTANTS])
    run("pair", "v.xlsx")


def _pairs_kept_and_made(run: Runner, folder: Path, *joins: dict[str, object]
                         ) -> set[frozenset[str]]:
    """The pairs of 'pair --keep' once ``joins`` have joined the volunteer workbook."""
    write_book(folder / "v.xlsx", [*GPS, *CONSULTANTS, *joins])
    data = json.loads(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--json").stdout)
    return {frozenset((p["a"]["name"], p["b"]["name"])) for p in data["pairs"]}


def test_with_partner_the_next_line_holds_for_a_partner_still_paired(run: Runner,
                                                                    tmp_path: Path) -> None:
    """withdraw --partner without --in: the partner keeps another pair, and is told they need
    no new partner unless their row lets them take one more; the Next line says 'pair
    --keep' pairs those with a place left, which is what it does: with Capacity 2 and a GP
    free, the partner is given that GP (and the two who parted are kept apart)."""
    _two_and_two(run, tmp_path)
    said = " ".join(run("withdraw", "pairs.xlsx", "Ada Quill", "--partner", "Xavier Pell"
                        ).output.split())
    assert "Mr Xavier Pell is still paired with Dr Ben Roe, so needs no new partner unless " \
        "their row in the volunteer workbook lets them take one more." in said
    assert "Next: 'wessex pair v.xlsx --keep pairs.xlsx' pairs only those with a place " \
        "left." in said
    assert _pairs_kept_and_made(run, tmp_path, person(
        "Dr Cara Voss", "cara@example.org", "GP", Organisation="Dene Surgery")) == {
        frozenset(("Dr Ada Quill", "Dr Yara Moss")), frozenset(("Dr Ben Roe", "Mr Xavier Pell")),
        frozenset(("Dr Cara Voss", "Mr Xavier Pell"))}


def test_the_next_line_names_a_partner_still_paired_beside_one_left_without(
        run: Runner, tmp_path: Path) -> None:
    """Ada Quill withdraws: Yara Moss is left without a partner, Xavier Pell keeps Ben Roe.
    The Next line sent only Yara to 'pair --keep', which gives Xavier one more too when
    his row lets him take it, as the line before said only of him."""
    _two_and_two(run, tmp_path)
    said = " ".join(run("withdraw", "pairs.xlsx", "Ada Quill").output.split())
    assert "Next: run 'wessex pair v.xlsx --keep pairs.xlsx' to find Dr Yara Moss a new " \
        "partner (and Mr Xavier Pell another, if their row in the volunteer workbook lets " \
        "them take one more)." in said
    # two GPs join: one for Yara, and one for Xavier, whose second place is free again
    made = _pairs_kept_and_made(
        run, tmp_path, person("Dr Cara Voss", "cara@example.org", "GP",
                              Organisation="Dene Surgery"),
        person("Dr Dan Hale", "dan@example.org", "GP", Organisation="Fell Surgery"))
    assert frozenset(("Dr Ben Roe", "Mr Xavier Pell")) in made and len(made) == 3
    assert [len([p for p in made if name in p]) for name in ("Dr Yara Moss", "Mr Xavier Pell",
                                                           "Dr Cara Voss", "Dr Dan Hale")] \
        == [1, 2, 1, 1]


def test_with_partner_the_next_line_names_the_one_who_stays_in_another_pair(
        run: Runner, tmp_path: Path) -> None:
    """Ada Quill leaves her pair with Yara Moss and stays with Xavier Pell: the Next line
    sent only Yara to 'pair --keep', which, Ada's row letting her take two partners, gives
    Ada a new one as well."""
    _two_and_two(run, tmp_path)
    said = " ".join(run("withdraw", "pairs.xlsx", "Ada Quill", "--partner", "Yara Moss"
                        ).output.split())
    assert "Dr Ada Quill stays in the scheme with their other partner." in said
    assert "Next: run 'wessex pair v.xlsx --keep pairs.xlsx' to find Dr Yara Moss a new " \
        "partner (and Dr Ada Quill another, if their row in the volunteer workbook lets them " \
        "take one more)." in said
    assert _pairs_kept_and_made(run, tmp_path, person(
        "Dr Zed Lamb", "zed@example.org", "Consultant",
        Organisation="General Hospital - Eyes")) == {
        frozenset(("Dr Ada Quill", "Mr Xavier Pell")), frozenset(("Dr Ben Roe", "Mr Xavier Pell")),
        frozenset(("Dr Ada Quill", "Dr Zed Lamb"))}


def test_the_next_line_names_each_partner_still_paired_beside_one_left_without(
        run: Runner, tmp_path: Path) -> None:
    """Ada Quill, with three partners, withdraws: Zed Lamb is left without one, Xavier Pell
    and Yara Moss each keep another pair. The Next line names both of them."""
    write_book(tmp_path / "v.xlsx", [
        {**GPS[0], "Capacity": 3}, GPS[1],
        person("Dr Cara Voss", "cara@example.org", "GP", Organisation="Dene Surgery"),
        CONSULTANTS[0], {**CONSULTANTS[1], "Capacity": 2},
        person("Dr Zed Lamb", "zed@example.org", "Consultant",
               Organisation="General Hospital - Eyes")])
    data = json.loads(run("pair", "v.xlsx", "--json").stdout)  # every place taken
    ada = {p["b"]["name"] for p in data["pairs"] if p["a"]["name"] == "Dr Ada Quill"}
    assert ada == {"Mr Xavier Pell", "Dr Yara Moss", "Dr Zed Lamb"}
    said = " ".join(run("withdraw", "pairs.xlsx", "Ada Quill").output.split())
    line = "Next: run 'wessex pair v.xlsx --keep pairs.xlsx' to find Dr Zed Lamb a new " \
        "partner (and {} another, if their row in the volunteer workbook lets them take one " \
        "more)."
    assert any(line.format(both) in said for both in ("Mr Xavier Pell and Dr Yara Moss",
                                                      "Dr Yara Moss and Mr Xavier Pell"))
