"""A Name cell on the Pairs sheet emptied by hand (its e-mail cell kept): the render wrote
"Dear ," to that person, told their partner to "get in touch with  directly", named the file
'item.eml', and said nothing. SPEC: a letter never goes out with a gap, and a problem names
its cell and the fix. Like a missing address, it now stops the batch, naming the cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from .conftest import EXAMPLES, Runner, few_pairs


@pytest.fixture
def nameless(tmp_path: Path) -> Path:
    """The example's P002 with Dr Arjun Rasmussen's Name cell (Pairs!B3) emptied."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    path = few_pairs(tmp_path / "pairs.xlsx", 2)
    book = openpyxl.load_workbook(path)
    assert book["Pairs"]["B3"].value == "Dr Arjun Rasmussen"
    assert book["Pairs"]["C3"].value == "arjun.rasmussen@nhs.net"
    book["Pairs"]["B3"].value = None
    book.save(path)
    return tmp_path


@pytest.mark.parametrize(("document", "fmt"), [
    ("partner-introduction", "eml"), ("partner-introduction", "docx"), ("reminder", "txt"),
    ("patient-notice", "docx"), ("celebration-invite", "md")])
def test_no_letter_greets_or_names_someone_whose_name_cell_is_empty(
        run: Runner, nameless: Path, document: str, fmt: str) -> None:
    result = run("render", document, "--pairs", "pairs.xlsx", "--format", fmt, code=1)
    said = " ".join(result.output.split())
    assert f"no copy of '{document}' was written" in said
    assert "Pairs!B3 (the name of arjun.rasmussen@nhs.net) is empty" in said
    assert "Type the name into each cell named" in said
    assert not (nameless / "documents").exists()


def test_remind_writes_no_draft_to_dear_nobody(run: Runner, nameless: Path) -> None:
    result = run("remind", "pairs.xlsx", "-o", "reminders", code=1)
    assert "Pairs!B3 (the name of arjun.rasmussen@nhs.net) is empty" in \
        " ".join(result.output.split())
    assert not (nameless / "reminders").exists()


def test_the_name_typed_back_writes_the_letters(run: Runner, nameless: Path) -> None:
    book = openpyxl.load_workbook(nameless / "pairs.xlsx")
    book["Pairs"]["B3"].value = "Dr Arjun Rasmussen"
    book.save(nameless / "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    letter = (nameless / "documents" / "partner-introduction" / "noor-kerrigan.txt").read_text(
        encoding="utf-8")
    assert "get in touch with Arjun directly" in " ".join(letter.split())
