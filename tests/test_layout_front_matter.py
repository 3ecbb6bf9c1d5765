"""The README lists the front matter key 'layout' with two values: "certificate" (centred in
a border) and "form" (printed blank and filled in by hand, so not dated). An administrator's
own form that says layout = "form" is undated as the built-in forms are. A value wessex does
not know ("Form", "forms") was passed over in silence and the form printed dated, as every
other key with a fixed list of values (audience, format, until, from) is not: it is now an
error naming the template, as theirs are."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx

from .conftest import EXAMPLES, Runner

PINNED = "1 June 2027"  # WESSEX_TODAY, as conftest pins it
FORM = "Please write your table's ideas below.\n"


def _lines(path: Path) -> list[str]:
    return [p.text.strip() for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs]


def test_an_own_form_is_undated_and_a_layout_mistyped_is_refused(run: Runner,
                                                                 tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    own = tmp_path / "templates"
    own.mkdir()
    (own / "ideas.md.j2").write_text('+++\naudience = "scheme"\nlayout = "form"\n+++\n' + FORM)
    run("render", "ideas", "--format", "docx", "-o", "a")
    lines = _lines(tmp_path / "a" / "ideas.docx")
    assert "Please write your table's ideas below." in lines
    assert PINNED not in lines
    # without a layout it is a letter, dated
    (own / "ideas.md.j2").write_text('+++\naudience = "scheme"\n+++\n' + FORM)
    run("render", "ideas", "--format", "docx", "-o", "b")
    assert PINNED in _lines(tmp_path / "b" / "ideas.docx")
    for typed in ("Form", "forms"):
        (own / "ideas.md.j2").write_text(
            f'+++\naudience = "scheme"\nlayout = "{typed}"\n+++\n' + FORM)
        result = run("render", "ideas", "--format", "docx", "-o", f"c-{typed}", code=1)
        words = " ".join(result.output.split())
        assert f"template 'ideas' has layout = '{typed}'" in words
        assert "Use one of: certificate, form, or leave it out." in words
        assert "ideas.md.j2" in words
        assert not (tmp_path / f"c-{typed}" / "ideas.docx").exists()


def test_a_layout_mistyped_in_a_copy_suggests_the_one_meant(run: Runner, tmp_path: Path) -> None:
    """'from' for 'form' in a copied template was refused with the list alone: the refusal now
    says which value was most likely meant, once."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    run("templates", "copy", "reflection")
    copy = tmp_path / "templates" / "reflection.md.j2"
    assert 'layout = "form"' in copy.read_text()
    copy.write_text(copy.read_text().replace('layout = "form"', 'layout = "from"'))
    result = run("render", "reflection", "--format", "docx", "-o", "r", code=1)
    words = " ".join(result.output.split())
    assert "template 'reflection' has layout = 'from'. Did you mean 'form'? Use one of: " \
        "certificate, form, or leave it out." in words
    assert words.count("Did you mean") == 1
    assert "reflection.md.j2" in words
