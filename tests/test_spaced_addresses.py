"""An address typed with a space in the pairs workbook ('amelia ashworth@nhs.net'): the
readers took the space out without a word, and the letters went to ameliaashworth@nhs.net,
though the space most likely stands for a dot mistyped. The volunteer workbook's reader
warns of it; the Pairs and Unpaired sheets' readers now do too, in the same words."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import Runner
from .test_record_fixes import DRAFT, paired

__all__ = ["paired"]  # the fixture, used by name


def _spaced(path: Path) -> None:
    """The first dot of Pairs!C2 (Dr Amelia Ashworth) and Unpaired!B2 (Dr Maryam
    Kowalczyk) typed as a space."""
    book = openpyxl.load_workbook(path)
    for cell, address in (("Pairs!C2", "amelia.ashworth@nhs.net"),
                          ("Unpaired!B2", "maryam.kowalczyk@nhs.net")):
        sheet, ref = cell.split("!")
        assert book[sheet][ref].value == address
        book[sheet][ref].value = address.replace(".", " ", 1)
    book.save(path)


def test_a_space_in_an_address_of_the_pairs_sheet_is_warned_of(run: Runner,
                                                               paired: Path) -> None:
    _spaced(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Pairs!C2: 'amelia ashworth@nhs.net' has a space in it, which no address can " \
        "hold, so wessex writes to ameliaashworth@nhs.net. If a dot or " \
        "an underscore was meant where the space is, correct the cell." in said


def test_a_space_in_an_address_of_the_unpaired_sheet_is_warned_of(run: Runner,
                                                                  paired: Path) -> None:
    _spaced(paired)
    said = " ".join(run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "d",
                        "--format", "txt", DRAFT).output.split())
    assert "Unpaired!B2: 'maryam kowalczyk@nhs.net' has a space in it, which no address can " \
        "hold, so wessex writes to maryamkowalczyk@nhs.net. If a dot " \
        "or an underscore was meant where the space is, correct the cell." in said
