"""The group feedback sheet named the locality after the scheme's name even when the name
already says it: "Eastshire Learning from Liaison Exchange 2027, Eastshire". The locality is
added only to a name that does not already contain it."""

from __future__ import annotations

from pathlib import Path

from .conftest import EXAMPLES, Runner


def _sheet(run: Runner, folder: Path, name: str) -> str:
    text = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    text = text.replace('name = "Eastshire Learning from Liaison Exchange 2027"',
                        f'name = "{name}"')
    (folder / "scheme.toml").write_text(text, encoding="utf-8")
    run("render", "table-feedback", "--format", "md", "--force")
    return (folder / "documents" / "table-feedback.md").read_text(encoding="utf-8")


def test_the_locality_is_not_said_twice(run: Runner, tmp_path: Path) -> None:
    sheet = _sheet(run, tmp_path, "Eastshire Learning from Liaison Exchange 2027")
    assert "**Eastshire Learning from Liaison Exchange 2027**\n" in sheet
    assert ", Eastshire" not in sheet


def test_a_name_without_the_locality_is_given_it(run: Runner, tmp_path: Path) -> None:
    sheet = _sheet(run, tmp_path, "Learning from Liaison Exchange 2027")
    assert "**Learning from Liaison Exchange 2027**, Eastshire\n" in sheet
