"""The forms printed blank and filled in by hand (the reflection template, the equality
monitoring form, the celebration tables' findings and group feedback sheets) carried the day
they were rendered at the top right, as a letter does: a feedback sheet handed round on 29 July
read "1 June 2027", and a reflection written in July looked dated before the visits it is
about. The guide's own forms carry no date (the reflection asks for the dates of the visits).
A form now prints no date; letters and the business case still do."""

from __future__ import annotations

import email
import io
import shutil
from email.message import Message
from pathlib import Path

import docx

from .conftest import EXAMPLES, Runner, few_pairs

PINNED = "1 June 2027"  # WESSEX_TODAY, as conftest pins it
FORMS = ("reflection", "equality-form", "event-findings", "table-feedback")


def _paragraphs(data: bytes) -> list[str]:
    return [p.text.strip() for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_form_handed_out_blank_carries_no_date(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    for name in FORMS:
        run("render", name, "--format", "docx", "--force")
        lines = _paragraphs((tmp_path / "documents" / f"{name}.docx").read_bytes())
        assert PINNED not in lines, name
        assert not any("2027" in line and "June" in line for line in lines), name
    # the reflection still asks for the dates of the visits, written in by hand
    assert "Dates of your visits: ________" in lines_of(tmp_path, "reflection")
    # a document that is not a form is still dated, on a line of its own
    run("render", "business-case", "--format", "docx", "--force")
    assert PINNED in _paragraphs((tmp_path / "documents" / "business-case.docx").read_bytes())


def lines_of(folder: Path, name: str) -> list[str]:
    return _paragraphs((folder / "documents" / f"{name}.docx").read_bytes())


def test_the_reflection_sent_with_an_introduction_is_undated_too(run: Runner,
                                                                 tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    few_pairs(tmp_path / "pairs.xlsx", 1)
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--force")
    draft = next((tmp_path / "documents" / "partner-introduction").glob("*.eml"))
    message = email.message_from_bytes(draft.read_bytes())
    attached = {part.get_filename(): part for part in message.walk()
                if part.get_filename()}
    reflection = next(part for name, part in attached.items() if "reflection" in name)
    assert isinstance(reflection, Message)
    payload = reflection.get_payload(decode=True)
    assert isinstance(payload, bytes)
    lines = _paragraphs(payload)
    assert "Reflecting on your exchange" in lines
    assert PINNED not in lines


def test_a_copy_of_a_form_made_before_layout_existed_is_undated_too(run: Runner,
                                                                     tmp_path: Path) -> None:
    """An administrator's copy of the reflection template made by 'wessex templates copy'
    before forms were marked (no `layout` line) printed the day it was rendered still: it
    takes the built-in template's layout, as it takes the keys added since it was made."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    (tmp_path / "templates").mkdir()
    builtin = (Path(__file__).resolve().parent.parent / "templates" /
               "reflection.md.j2").read_text(encoding="utf-8")
    older = "".join(line for line in builtin.splitlines(keepends=True)
                    if not line.startswith("layout"))
    assert older != builtin
    (tmp_path / "templates" / "reflection.md.j2").write_text(older, encoding="utf-8")
    run("render", "reflection", "--format", "docx", "--force")
    lines = lines_of(tmp_path, "reflection")
    assert PINNED not in lines
    assert "Reflecting on your exchange" in lines
