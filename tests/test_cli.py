"""The CLI as a whole: help everywhere, every command documented, errors without tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wessex_cli.cli import app

from .conftest import Runner

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _command_names() -> list[str]:
    """Every command as a user types it ("templates copy"), from the click group."""
    from typer.main import get_command

    group: Any = get_command(app)
    names = []
    for name in group.list_commands(None):
        inner = group.get_command(None, name)
        names += [f"{name} {sub}" for sub in inner.commands] if hasattr(inner, "commands") \
            else [name]
    return names


COMMANDS = _command_names()


def test_the_command_list_is_complete() -> None:
    assert sorted(COMMANDS) == sorted(["init", "check", "pair", "documents", "render",
                                       "mailmerge", "status", "visit", "remind", "withdraw",
                                       "plan", "feedback", "equality", "templates copy",
                                       "findings", "report", "preferences import"])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert f"wessex {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run: Runner, command: str) -> None:
    result = run(*command.split(), "--help")
    # each example on a line of its own, never rewrapped, so that it can be copied whole
    assert re.search(r"Examples?:\n(    wessex [^\n]+\n)+", result.output), result.output


def test_usage_errors_exit_2(run: Runner) -> None:
    assert run("pair", code=2).exit_code == 2
    assert run("no-such-command", code=2).exit_code == 2


def test_python_dash_m_works() -> None:
    done = subprocess.run([sys.executable, "-m", "wessex_cli", "--help"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and "pair" in done.stdout


def test_unexpected_errors_do_not_show_a_traceback(run: Runner,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from wessex_cli import check

    def broken(*args: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(check, "check_file", broken)
    result = run("check", "anything.xlsx", code=1)
    assert "unexpected internal problem" in result.output and "WESSEX_DEBUG" in result.output


def test_mistyped_names_get_a_suggestion(run: Runner, tmp_path: Path) -> None:
    from .conftest import small_roster, write_book

    write_book(tmp_path / "v.xlsx", small_roster())
    lock = run("pair", "v.xlsx", "--lock", "Amelia Ashwort=Oliver Pemberton", code=1)
    assert "Did you mean 'Dr Amelia Ashworth'?" in lock.output
    run("pair", "v.xlsx")
    visit = run("visit", "pairs.xlsx", "Olivr Pemberton", "--hosted", "today", code=1)
    assert "Did you mean 'Oliver Pemberton'?" in visit.output
    template = run("render", "partner-intro", code=1)
    assert "Did you mean 'partner-introduction'?" in template.output


def test_mailmerge_refuses_a_format_word_cannot_read(run: Runner, tmp_path: Path) -> None:
    from .conftest import EXAMPLES

    result = run("mailmerge", str(EXAMPLES / "pairs.xlsx"), "-o", "merge.docx", code=2)
    assert ".csv or .xlsx" in result.output
    assert not (tmp_path / "merge.docx").exists()


def test_feedback_refuses_a_file_that_is_not_a_survey(run: Runner) -> None:
    from .conftest import EXAMPLES

    result = run("feedback", str(EXAMPLES / "volunteers.xlsx"), code=1)
    assert "does not look like a survey export" in result.output


def test_the_lock_example_in_pair_help_works_on_the_example_scheme(run: Runner,
                                                                  tmp_path: Path) -> None:
    """The Example line of `wessex pair --help` is a command that runs on examples/."""
    import json
    import re
    import shutil

    from .conftest import EXAMPLES

    example = re.search(r'--lock "([^"]+)"', run("pair", "--help").output)
    assert example is not None
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    result = run("pair", "volunteers.xlsx", "--lock", example.group(1), "--dry-run", "--json")
    a, b = (part.strip() for part in example.group(1).split("="))
    assert any({a, b} <= {p["a"]["name"].removeprefix("Dr ").removeprefix("Prof "),
                          p["b"]["name"].removeprefix("Dr ").removeprefix("Prof ")}
               for p in json.loads(result.output)["pairs"])


@pytest.mark.parametrize("command", COMMANDS)
def test_usage_names_every_argument_in_capitals(run: Runner, command: str) -> None:
    """One way of naming what to type: `wessex check {VOLUNTEERS}`, `wessex visit {PAIRS}
    {PERSON}`, never `{volunteers}` beside `{PAIRS}` (a literal word such as `template`
    may follow a bar)."""
    usage = run(*command.split(), "--help").output.splitlines()[0]
    for token in re.findall(r"[{\[]([^}\]]+)[}\]]", usage.partition("[OPTIONS]")[2]):
        first = token.split("|")[0].removesuffix("...")
        assert first.isupper(), usage


def test_help_lists_every_command_without_building_any(run: Runner,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``wessex --help`` reads each command's summary from its registration: Typer's work of
    reading every parameter's type hints is left until a command is used."""
    import typer.main

    built: list[str] = []
    real = typer.main.get_command_from_info

    def counting(info: Any, **kwargs: Any) -> Any:
        built.append(info.callback.__name__)
        return real(info, **kwargs)

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    result = run("--help")
    assert built == []
    for name in ("init", "check", "pair", "status", "report", "templates", "preferences"):
        assert f"\n  {name} " in result.output
    run("status", "--help")
    assert built == ["status"]


def test_the_usage_line_names_arguments_as_the_readme_does(run: Runner) -> None:
    usage = run("visit", "--help").output.splitlines()[0]
    assert usage == "Usage: wessex visit [OPTIONS] PAIRS PERSON"


def test_a_mistyped_command_is_answered_with_the_nearest(run: Runner) -> None:
    result = run("stauts", code=2)
    assert "Did you mean 'status'?" in result.output


def test_a_format_render_does_not_write_is_a_usage_error(run: Runner) -> None:
    """Exit 2 with the formats it does write, as for any option given a wrong value."""
    result = run("render", "partner-introduction", "--format", "pdf", code=2)
    said = " ".join(result.output.split())
    assert "Invalid value for '--format': 'pdf' is not one of eml, html, txt, md, docx." in said
