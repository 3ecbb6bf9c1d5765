"""'render reminder -o out/reminder' fills out/reminder, the folder the administrator typed
(it wrote out/reminder/reminder/); '-o out' still gives each document a folder of its own
inside it, out/reminder/, as the default documents/ does."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner
from .test_record import DRAFT, TODAY, paired, people  # noqa: F401 - paired: a fixture


def test_a_folder_named_for_the_document_is_filled_not_nested(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    said = run("render", "reminder", "--pairs", "pairs.xlsx", "-o", "out/reminder", DRAFT)
    written = tmp_path / "out" / "reminder"
    assert sorted(p.suffix for p in written.iterdir()) == [".eml"] * 8  # the four pairs
    assert "to out/reminder." in " ".join(said.output.split())
    run("remind", "pairs.xlsx", "-o", "sent/Reminder", DRAFT)  # its case as typed
    assert len(list((tmp_path / "sent" / "Reminder").glob("*.eml"))) == 8


def test_another_folder_holds_a_folder_for_the_document(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    run("render", "reminder", "--pairs", "pairs.xlsx", "-o", "out", DRAFT)
    assert len(list((tmp_path / "out" / "reminder").glob("*.eml"))) == 8


def test_remind_writes_where_its_help_says(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    # the help said "default: reminders/DATE", and the drafts went to reminders/DATE/reminder
    shown = " ".join(run("remind", "--help").output.split())
    assert "(default: reminders/DATE/reminder)" in shown
    run("remind", "pairs.xlsx", DRAFT)
    assert len(list((tmp_path / "reminders" / TODAY / "reminder").glob("*.eml"))) == 8
