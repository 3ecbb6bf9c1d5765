"""'pair --keep' and a kept pair whose How paired cell says "locked" while its Reasons do not
begin "locked as agreed" (the cell filled down, or typed): it keeps the pair as agreed in
advance, writing those words first in its Reasons, and says that this is why the Reasons
changed. It said they were worked out again for pairs "whose preferences or details changed"
in the volunteer workbook, where nothing had changed. It warns of the cell first, as status
does, in words for a run about to act (or, with --dry-run, that would), and then names the
Reasons cells without saying it all again; it said so only afterwards."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner, small_paired, small_roster, write_book


def _locked_by_hand(folder: Path, empty_reasons: bool = False) -> tuple[str, str]:
    """Type 'locked' in the How paired cell of P002 (Dr Isla Okonkwo and Arjun Rasmussen,
    which the pairing chose), and empty its Reasons if ``empty_reasons``: that cell and the
    pair's Reasons cell, as "T3", "S3"."""
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "P002")
    how = sheet.cell(row, header.index("How paired") + 1)
    how.value = "locked"
    why = sheet.cell(row, header.index("Reasons") + 1)
    if empty_reasons:
        why.value = None
    book.save(folder / "pairs.xlsx")
    return str(how.coordinate), str(why.coordinate)


def test_reasons_changed_by_a_locked_cell_alone_name_that_cell_as_the_cause(
        run: Runner, tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    how, reasons = _locked_by_hand(tmp_path)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    warning = (f"Warning: Pairs!{how} says 'locked' for pair P002 (Dr Isla Okonkwo and Arjun "
               f"Rasmussen), but its Reasons (Pairs!{reasons}) do not begin 'locked as "
               "agreed', as an agreed pair's do: was the cell copied or filled down from "
               "another row? This run takes the cell at its word: it keeps the two as agreed "
               "in advance from now on, and their letters say so. If they did not agree in "
               f"advance, once it is done take 'locked as agreed' out of the start of "
               f"Pairs!{reasons}, and P002 out of the Settings sheet's row 'Pairs agreed in "
               "advance'.")
    after = (f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{reasons}), for "
             "the How paired cell saying 'locked' warned of above.")
    assert warning in said and after in said
    assert said.index(warning) < said.index(after)  # warned of before it is done
    # the letters and the way back are said once, in the warning
    assert said.count("their letters say") + said.count("letters say that the two") == 1
    assert said.count("out of the start of") == 1
    # what is written in the Reasons is said once, by the note after
    assert said.count("'locked as agreed' first") + said.count("now begin 'locked as") == 1
    assert "whose preferences or details changed" not in said  # none did
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    assert str(sheet[reasons].value).startswith("locked as agreed; same cluster")


def test_a_locked_cell_and_a_changed_preference_are_both_named(run: Runner,
                                                                tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    _, reasons = _locked_by_hand(tmp_path)
    isla = {**small_roster()[1], "Preference 1": "Respiratory"}  # Arjun's specialty now
    write_book(tmp_path / "v.xlsx", [small_roster()[0], isla, *small_roster()[2:]])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{reasons}), for " \
        "the How paired cell saying 'locked' warned of above." in said
    # her choice changed them as well: said as before, with the Score it raised
    assert "Worked out again from the volunteer workbook for kept pairs, whose preferences or " \
        "details changed there: Pairs!" in said
    assert f"{reasons} (Reasons)" in said


def test_a_dry_run_warns_of_the_locked_cell_as_a_run_that_would_act(run: Runner,
                                                                    tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    how, reasons = _locked_by_hand(tmp_path)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run").output.split())
    assert (f"Warning: Pairs!{how} says 'locked' for pair P002 (Dr Isla Okonkwo and Arjun "
            f"Rasmussen), but its Reasons (Pairs!{reasons}) do not begin 'locked as agreed', "
            "as an agreed pair's do: was the cell copied or filled down from another row? "
            "Without --dry-run, this run would keep the two as agreed in advance from then "
            "on, and their letters would say so. If they did not agree in advance, type back "
            "what the cell said before "
            "running without --dry-run: 'optimised', as the last 'wessex pair' made the "
            "pair.") in said  # the first pairing made it, as its Settings sheet records
    assert said.count("letters would say so") == 1 and "out of the start of" not in said
    assert openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"][how].value == "locked"


def test_a_locked_cell_over_emptied_reasons_is_warned_of_by_the_settings_record(
        run: Runner, tmp_path: Path) -> None:
    """Emptied Reasons tell nothing, but the Settings sheet records 'optimised' for the pair:
    the run warned of nothing first, and made the two agreed in advance."""
    small_paired(run, tmp_path)
    how, reasons = _locked_by_hand(tmp_path, empty_reasons=True)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    warning = (f"Warning: Pairs!{how} says 'locked' for pair P002 (Dr Isla Okonkwo and Arjun "
               "Rasmussen), but the Settings sheet records that the last 'wessex pair' wrote "
               "'optimised' there, not as agreed in advance: was the cell copied or filled "
               "down from another row? This run takes the cell at its word: it keeps the two "
               "as agreed in advance from now on, and their letters say so. If they did not "
               f"agree in advance, once it is done take 'locked as agreed' out of the start of "
               f"Pairs!{reasons}, and P002 out of the Settings sheet's row 'Pairs agreed in "
               "advance'.")
    after = (f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{reasons}), for "
             "the How paired cell saying 'locked' warned of above.")
    assert warning in said and after in said
    assert said.index(warning) < said.index(after)
    assert said.count("out of the start of") == 1


def test_a_locked_cell_over_emptied_reasons_without_the_record_is_explained_afterwards(
        run: Runner, tmp_path: Path) -> None:
    # a workbook older than the Settings record of How paired: nothing tells a copied cell
    # from a lock, so no warning first, and the note after says it all
    from wessex_cli.pairs_workbook import HOW_SETTINGS

    small_paired(run, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    settings = book["Settings"]
    for row in reversed(range(1, settings.max_row + 1)):
        if settings.cell(row, 1).value in HOW_SETTINGS.values():
            settings.delete_rows(row)
    book.save(tmp_path / "pairs.xlsx")
    _, reasons = _locked_by_hand(tmp_path, empty_reasons=True)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Warning: Pairs!" not in said
    assert (f"The Reasons of 1 kept pair now begin 'locked as agreed' (Pairs!{reasons}), as "
            "its How paired cell said 'locked': its letters say that the two agreed in "
            "advance, and every 'wessex pair --keep' keeps it so. If they did not (the cell "
            "typed or filled down by mistake), take 'locked as agreed' out of the start of "
            "that Reasons cell, and its pair ID out of the Settings sheet's row 'Pairs agreed "
            "in advance'.") in said
