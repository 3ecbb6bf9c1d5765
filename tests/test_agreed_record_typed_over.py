"""The Settings sheet's record of the pairs agreed in advance ('Pairs agreed in advance
(their letters say so)') and a How paired cell typed over, its Reasons emptied.

'kept' typed over an agreed pair's 'locked' leaves it agreed: the record still lists it, its
letters say the two agreed and 'pair --keep' begins its Reasons so again. Status said that
'pair --keep' would keep the two as not agreed in advance, while the dry run of that command
said it would begin their Reasons 'locked as agreed'.

'optimised' typed over a kept agreed pair's 'kept' ends the agreement (model.AGREEMENT_ENDED),
which status and 'pair --keep' warned of only when the cell had said 'locked': once kept, the
agreement ended in silence, and the letters told the two that the pairing chose them."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_keep_how_typed_over import _cell, _paired, _said, _set
from .test_record_fixes import fill, paired

__all__ = ["paired"]  # the fixture, used by name


def _isla(run: Runner, folder: Path) -> str:
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "md", "-o",
        "letters", "--force")
    letter = folder / "letters" / "partner-introduction" / "isla-okonkwo.md"
    return " ".join(letter.read_text(encoding="utf-8").split())


def test_kept_typed_over_a_locked_pair_still_recorded_agreed_is_not_said_to_end_it(
        run: Runner, tmp_path: Path) -> None:
    _paired(run, tmp_path)  # P002 (row 3) agreed in advance by --lock, written 'locked'
    _set(tmp_path, {"S3": None, "T3": "kept"})
    assert "not agreed in advance" not in _said(run, "status", "pairs.xlsx")
    assert "As agreed in advance" in _isla(run, tmp_path)
    dry = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "not agreed in advance" not in dry
    kept = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert "not agreed in advance" not in kept
    assert _cell(tmp_path, "S3").startswith("locked as agreed; ")


def test_optimised_typed_over_a_kept_agreed_pair_whose_reasons_were_emptied_is_warned_of(
        run: Runner, tmp_path: Path) -> None:
    _paired(run, tmp_path)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # P002 'kept' now, recorded as agreed
    assert _cell(tmp_path, "T3") == "kept"
    _set(tmp_path, {"S3": None, "T3": "optimised"})
    typed = ("Pairs!T3 says 'optimised' for pair P002 (Dr Isla Okonkwo and Arjun Rasmussen), "
             "but the Settings sheet records the two as agreed in advance, and its Reasons "
             "(Pairs!S3) do not begin 'locked as agreed': was the cell typed over?")
    status = _said(run, "status", "pairs.xlsx")
    assert f"{typed} 'wessex pair --keep' would keep the two as not agreed in advance from " \
        "then on, unless the Partner column of the volunteer workbook (or --lock) names " \
        "them as each other's partners. If they did agree in advance, type back what the " \
        "cell said: 'kept', as " \
        "the last 'wessex pair' kept the pair from the pairing before." in status
    dry = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert f"Warning: {typed} Without --dry-run, this run would keep the two as not agreed " \
        "in advance from then on." in dry
    kept = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert f"Warning: {typed} This run takes the cell at its word: it keeps the two as not " \
        "agreed in advance from now on." in kept
    assert not _cell(tmp_path, "S3").startswith("locked as agreed")
    assert "As agreed in advance" not in _isla(run, tmp_path)


def test_an_agreed_pair_whose_id_was_typed_over_keeps_its_agreement_once_given_it_back(
        run: Runner, tmp_path: Path) -> None:
    """P002's Pair cell typed over ('AG1') and its Reasons emptied: 'pair --keep' gives it
    back its ID, as the letters sent name it, and with it the Settings sheet's record of the
    two as agreed in advance. It warned that 'kept' had been typed over the cell, and ended
    the agreement."""
    _paired(run, tmp_path)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # P002 'kept' now, recorded as agreed
    _set(tmp_path, {"A3": "AG1", "S3": None})
    dry = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run")
    assert "Pairs!T3 says" not in dry
    kept = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert "Pairs!T3 says" not in kept
    assert _cell(tmp_path, "A3") == "P002"
    assert _cell(tmp_path, "S3").startswith("locked as agreed; ")
    assert "As agreed in advance" in _isla(run, tmp_path)


def test_the_letters_of_an_agreed_pair_whose_id_was_typed_over_still_say_it_was_agreed(
        run: Runner, tmp_path: Path) -> None:
    """Status takes the row typed 'AG1' for P002, the one pair missing (the next 'pair
    --keep' gives it that ID back); the letters rendered before that run read the record of
    P002 as agreed in advance for it too, as that run then keeps it."""
    _paired(run, tmp_path)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    _set(tmp_path, {"A3": "AG1", "S3": None})
    assert "it is most likely P002" in _said(run, "status", "pairs.xlsx")
    isla = _isla(run, tmp_path)
    assert "As agreed in advance" in isla
    assert "preferences and availability" not in isla


def test_a_partner_cell_naming_the_two_keeps_them_agreed_and_no_warning_says_otherwise(
        run: Runner, paired: Path) -> None:
    """The example's P017 (row 18): Dr Oliver Pemberton's Partner cell names Dr Dara
    Arkwright. 'optimised' typed over its How paired cell, its Reasons emptied: 'pair --keep'
    warned that it would keep the two as not agreed in advance, then said it began their
    Reasons 'locked as agreed' as the Partner column names them, which it did."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    fill(paired, {"S18": None, "T18": "optimised"})
    for args in (("--dry-run",), ()):
        said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", *args)
                        .output.split())
        assert "not agreed in advance" not in said
        assert "The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!S18), as the " \
            "Partner column of the volunteer workbook (or --lock) names its two" in said
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert str(sheet["S18"].value).startswith("locked as agreed; ")


def test_status_does_not_say_pair_keep_ends_an_agreement_a_partner_cell_keeps(
        run: Runner, paired: Path) -> None:
    """The example's P017, 'optimised' typed over its 'locked', its Reasons emptied: status
    said 'pair --keep' would keep the two as not agreed in advance from then on, while
    Dr Oliver Pemberton's Partner cell names Dr Dara Arkwright, so that run begins their
    Reasons 'locked as agreed' again. Status reads no volunteer workbook: it says when the
    run keeps them agreed all the same."""
    fill(paired, {"S18": None, "T18": "optimised"})
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert "'wessex pair --keep' would keep the two as not agreed in advance from then on, " \
        "unless the Partner column of the volunteer workbook (or --lock) names them as each " \
        "other's partners. If they did agree in advance, type back what the cell said: " \
        "'locked'" in status
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert str(sheet["S18"].value).startswith("locked as agreed; ")  # as status now allows


def test_an_agreed_pair_withdrawn_and_copied_back_after_a_re_pairing_is_still_agreed(
        run: Runner, paired: Path) -> None:
    """P017's Reasons emptied while tidying (the Settings record alone says the two agreed;
    no Partner cell names them now), Dr Oliver Pemberton withdrawn, a re-pairing, then the
    withdrawal undone by copying the row back: the re-pairing had dropped P017 from the
    record, so its letters said the pairing had chosen the two, and the next 'pair --keep'
    kept them as not agreed, without a word."""
    volunteers = paired.parent / "volunteers.xlsx"
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(volunteers)
    book["Volunteers"]["P5"].value = None  # Oliver's Partner cell, naming Dara
    book.save(volunteers)
    fill(paired, {"S18": None})
    run("withdraw", "pairs.xlsx", "Oliver Pemberton", "--reason", "illness")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    book = openpyxl.load_workbook(paired)
    withdrawn, pairs = book["Withdrawn"], book["Pairs"]
    titles = [cell.value for cell in withdrawn[1]]
    row = [cell.value for cell in withdrawn[2]]
    assert row[titles.index("Pair")] == "P017"
    for column, title in enumerate(cell.value for cell in pairs[1]):
        pairs.cell(31, column + 1).value = row[titles.index(title)] if title in titles else None
    withdrawn.delete_rows(2)
    book.save(paired)
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "md", "-o",
        "letters")
    letter = paired.parent / "letters" / "partner-introduction" / "oliver-pemberton.md"
    assert "As agreed in advance" in letter.read_text(encoding="utf-8")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    assert str(openpyxl.load_workbook(paired)["Pairs"]["S31"].value) \
        .startswith("locked as agreed; ")


def test_reasons_copied_from_an_agreed_pair_are_warned_of(run: Runner, paired: Path) -> None:
    """P017's Reasons ('locked as agreed; ...', row 18) copied down over P018's (row 19) while
    the Settings sheet lists P017 alone as agreed in advance: the letters of P018 said that
    Dr Priya Varga and Dr Leon Ince agreed in advance, and 'pair --keep' kept them so, both
    without a word."""
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert (sheet["A18"].value, sheet["A19"].value) == ("P017", "P018")
    fill(paired, {"S19": sheet["S18"].value})
    copied = ("Pairs!S19 begins 'locked as agreed' for pair P018 (Dr Priya Varga and Dr Leon "
              "Ince), but the Settings sheet does not record the two as agreed in advance: "
              "were the Reasons copied or filled down from another row?")
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert f"{copied} While they begin so, their letters say the two agreed in advance, and " \
        "'wessex pair --keep' would keep them so from then on. If they did not agree in " \
        "advance, take 'locked as agreed' out of the start of Pairs!S19." in status
    dry = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run")
                   .output.split())
    assert f"Warning: {copied} Without --dry-run, this run would keep the two as agreed in " \
        "advance from then on" in dry
    kept = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"Warning: {copied} This run takes the Reasons at their word: it keeps the two " \
        "as agreed in advance from now on" in kept
    # as warned, and the way back it gives holds
    assert str(openpyxl.load_workbook(paired)["Pairs"]["S19"].value).startswith(
        "locked as agreed; ")
    assert "once it is done take 'locked as agreed' out of the start of Pairs!S19, and P018 " \
        "out of the Settings sheet's row 'Pairs agreed in advance'." in kept
    book = openpyxl.load_workbook(paired)
    reasons = str(book["Pairs"]["S19"].value)
    book["Pairs"]["S19"].value = reasons[len("locked as agreed; "):]
    for title, value in book["Settings"].iter_rows(min_row=2, max_col=2):
        if title.value == "Pairs agreed in advance (their letters say so)":
            assert value.value == "P017-P018"
            value.value = "P017"
    book.save(paired)
    assert "Pairs!S19" not in " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
                                       .output.split())
    assert not str(openpyxl.load_workbook(paired)["Pairs"]["S19"].value).startswith(
        "locked as agreed")


def test_the_way_back_from_locked_copied_over_a_pair_the_pairing_made_holds(
        run: Runner, tmp_path: Path) -> None:
    """'locked' filled down over P001 (made by the pairing): 'pair --keep' takes it at its
    word and says how to undo it once done. Taking 'locked as agreed' out of the Reasons
    alone no longer did: the Settings sheet now lists the pair as agreed in advance too, and
    the next run began its Reasons so again."""
    _paired(run, tmp_path)
    _set(tmp_path, {"T2": "locked"})
    kept = _said(run, "pair", "v.xlsx", "--keep", "pairs.xlsx")
    way_back = kept[kept.index("If they did not agree in advance"):]
    assert "Pairs!S2" in way_back and "Settings" in way_back
    reasons = _cell(tmp_path, "S2")
    assert reasons.startswith("locked as agreed; ")
    # as the warning says: the Reasons, and the pair's ID out of the Settings list
    _set(tmp_path, {"S2": reasons[len("locked as agreed; "):]})
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    for title, value in book["Settings"].iter_rows(min_row=2, max_col=2):
        if title.value == "Pairs agreed in advance (their letters say so)":
            assert value.value == "P001-P002"
            value.value = "P002"
    book.save(tmp_path / "pairs.xlsx")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert not _cell(tmp_path, "S2").startswith("locked as agreed")
    assert _cell(tmp_path, "S3").startswith("locked as agreed")  # P002 still agreed
