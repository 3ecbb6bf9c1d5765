"""The celebration planning checklist drew a bullet and a tick box on every line in Word and
on the web page ("•  ☐ Venue booked"): two markers where a checklist has one. A list item
that opens with a box now has the box alone."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from .conftest import EXAMPLES, Runner


def _bulleted(paragraph: Any) -> bool:
    """Whether Word draws a list marker before ``paragraph``: its own numbering, else its
    style's (numbering 0 is none)."""
    for holder in (paragraph._p.pPr, paragraph.style.element.pPr):  # noqa: SLF001
        found = None if holder is None else holder.find(qn("w:numPr"))
        if found is not None:
            number = found.find(qn("w:numId"))
            return number is None or number.get(qn("w:val")) != "0"
    return False


def _render(run: Runner, folder: Path, fmt: str) -> Path:
    shutil.copy(EXAMPLES / "scheme.toml", folder / "scheme.toml")
    run("render", "event-planning", "--format", fmt)
    return folder / "documents" / f"event-planning.{fmt}"


def test_the_word_checklist_has_a_box_and_no_bullet(run: Runner, tmp_path: Path) -> None:
    document = docx.Document(str(_render(run, tmp_path, "docx")))
    boxes = [p for p in document.paragraphs if p.text.startswith("☐")]
    assert [p.text for p in boxes[:2]] == [
        "☐ Venue booked: The Atrium, Eastshire Postgraduate Centre, Eastshire General Hospital",
        "☐ Refreshments and parking arranged"]
    assert len(boxes) >= 15
    assert not any(_bulleted(p) for p in boxes)


def test_other_lists_keep_their_bullets(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    run("render", "business-case", "--format", "docx")
    document = docx.Document(str(tmp_path / "documents" / "business-case.docx"))
    listed = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert listed and all(_bulleted(p) for p in listed)


def test_the_web_page_checklist_has_a_box_and_no_bullet(run: Runner, tmp_path: Path) -> None:
    page = _render(run, tmp_path, "html").read_text(encoding="utf-8")
    assert '<li class="box">☐ Refreshments and parking arranged</li>' in page
    assert "<li>☐" not in page
    assert "li.box { list-style: none;" in page
