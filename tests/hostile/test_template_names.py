"""A document name typed wrong while one of the administrator's own templates has a
mistake: the message is about the name typed, not about the other template."""

from __future__ import annotations

from pathlib import Path

from ..conftest import COMPLETE_SCHEME, Runner


def _own_template(folder: Path, name: str, text: str) -> None:
    """The complete scheme in ``folder``, with an administrator's template ``name``."""
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "templates" / f"{name}.md.j2").write_text(text, encoding="utf-8")


def test_a_mistyped_name_is_said_even_beside_a_broken_template(run: Runner,
                                                               tmp_path: Path) -> None:
    _own_template(tmp_path, "notice", '+++\naudience = ["scheme"]\n+++\nA notice.\n')
    for args in (["render", "reflektion"], ["templates", "copy", "reflektion"]):
        said = " ".join(run(*args, code=1).output.split())
        assert "there is no document template named 'reflektion'. Did you mean " \
            "'reflection'?" in said
        assert "notice" not in said


def test_settings_written_between_dashes_are_refused_not_printed(run: Runner,
                                                                 tmp_path: Path) -> None:
    _own_template(tmp_path, "notice", '---\ntitle: "Notice"\naudience: scheme\n---\nA notice.\n')
    # a rule between paragraphs, with no settings in it, is the letter's own
    (tmp_path / "templates" / "ruled.md.j2").write_text(
        "---\n\nA line above and below.\n\n---\n", encoding="utf-8")
    said = " ".join(run("render", "notice", code=1).output.split())
    assert "notice.md.j2: template 'notice' begins with settings between --- lines, which " \
        "wessex does not read: they would be printed at the top of every letter. Put the " \
        "settings between +++ lines instead" in said
    assert not (tmp_path / "documents").exists()
    run("render", "ruled")
    assert "A line above and below." in \
        (tmp_path / "documents" / "ruled.md").read_text(encoding="utf-8")


def test_an_attachment_no_template_has_is_said_as_the_listing_templates_mistake(
        run: Runner, tmp_path: Path) -> None:
    _own_template(tmp_path, "notice", '+++\ntitle = "Notice"\naudience = "scheme"\n'
                  'format = "eml"\nattachments = ["reflektion"]\n+++\nA notice.\n')
    said = " ".join(run("render", "notice", code=1).output.split())
    assert "notice.md.j2: template 'notice' lists 'reflektion' among its attachments, but " \
        "there is no document template of that name. Did you mean 'reflection'? Correct " \
        "the name in attachments = [...] between the +++ lines, or take it out." in said
    assert not (tmp_path / "documents").exists()


def test_an_attachment_no_template_has_is_refused_in_every_format(run: Runner,
                                                                   tmp_path: Path) -> None:
    """Rendered as text or Word, such a template wrote its copies and advised rendering
    'reflektion' too and attaching it: a template there is not."""
    _own_template(tmp_path, "notice", '+++\ntitle = "Notice"\naudience = "scheme"\n'
                  'attachments = ["reflektion"]\n+++\nA notice.\n')
    for fmt in ("txt", "docx"):
        said = " ".join(run("render", "notice", "--format", fmt, code=1).output.split())
        assert "template 'notice' lists 'reflektion' among its attachments" in said
        assert "render reflektion" not in said
    assert not (tmp_path / "documents").exists()
