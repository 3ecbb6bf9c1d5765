"""'wessex plan --start DATE --save' on an exchange already under way: every date moves with
the start (the end, the deadlines in reminders, the dates on certificates), while the letters
already sent gave the old ones. It is refused unless --force is given, as the tool refuses
other changes that could undo the administrator's work, and with --force it says what moved.

Expected dates are worked out by hand: scheme.toml starts the exchange on Monday 19 April 2027
and ends it on Monday 19 July 2027, with the celebration on 29 July 2027; three months from
Monday 26 April 2027 is Monday 26 July 2027, a working day. Today is pinned to 1 June 2027.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import COMPLETE_SCHEME, Runner

MOVED = ("the start from 19 April 2027 to 26 April 2027 and the end from 19 July 2027 to "
         "26 July 2027")


@pytest.fixture
def toml(tmp_path: Path) -> Path:
    path = tmp_path / "scheme.toml"
    path.write_text("# dates agreed with the leads\n" + COMPLETE_SCHEME, encoding="utf-8")
    return path


def test_moving_a_running_exchange_is_refused(run: Runner, toml: Path, tmp_path: Path) -> None:
    before = toml.read_bytes()
    result = run("plan", "--start", "2027-04-26", "--save", "--ics", "dates.ics", code=1)
    said = " ".join(result.output.split())
    assert "the exchange started on Monday 19 April 2027" in said
    assert "today is Tuesday 1 June 2027" in said
    assert f"--save would move {MOVED}." in said
    assert "the letters already sent gave the old ones (the partner introductions asked " \
        "for the visits by Monday 19 July 2027)" in said
    assert "leave out --save" in said and "--force" in said
    # nothing written: scheme.toml as it was, no backup of it, no calendar
    assert toml.read_bytes() == before
    assert not (tmp_path / "backups").exists() and not (tmp_path / "dates.ics").exists()


def test_the_start_day_itself_counts_as_started(run: Runner, toml: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-19")
    assert "started on Monday 19 April 2027" in \
        " ".join(run("plan", "--start", "2027-04-26", "--save", code=1).output.split())


def test_force_moves_it_and_says_what_moved(run: Runner, toml: Path) -> None:
    result = run("plan", "--start", "2027-04-26", "--save", "--force")
    said = " ".join(result.output.split())
    assert f"--force moved {MOVED} in scheme.toml. The letters already sent gave the old " \
        "dates: tell everyone taking part the new ones." in said
    assert "Saved the dates in scheme.toml" in said
    text = toml.read_text(encoding="utf-8")
    assert "start = 2027-04-26" in text and "end = 2027-07-26" in text
    assert "date = 2027-07-29" in text  # the celebration set in scheme.toml stays
    assert "# dates agreed with the leads" in text
    # and --json carries the same warning (moved back)
    data = json.loads(run("plan", "--start", "2027-04-19", "--save", "--force",
                          "--json").stdout)
    assert any("--force moved the start from 26 April 2027 to 19 April 2027" in w
               for w in data["warnings"])


def test_no_refusal_before_the_start_or_without_a_move(run: Runner, toml: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # the same start saved again, or only looked at: nothing moves
    assert "--force" not in run("plan", "--save").output
    assert "started on" not in run("plan", "--start", "2027-04-26").output
    # before the exchange starts, the start can be moved freely
    monkeypatch.setenv("WESSEX_TODAY", "2027-03-01")
    said = " ".join(run("plan", "--start", "2027-04-26", "--save").output.split())
    assert "Saved the dates in scheme.toml" in said and "moved" not in said
    assert "start = 2027-04-26" in toml.read_text(encoding="utf-8")


def test_after_the_end_it_points_to_a_folder_for_the_next_exchange(
        run: Runner, toml: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # next year's dates saved over this year's would change this year's certificates (the
    # celebration's date is taken out, as next year's plan needs)
    monkeypatch.setenv("WESSEX_TODAY", "2027-09-01")
    toml.write_text(toml.read_text(encoding="utf-8").replace("date = 2027-07-29\n", ""),
                    encoding="utf-8")
    before = toml.read_bytes()
    said = " ".join(run("plan", "--start", "2028-04-24", "--save", code=1).output.split())
    assert "the exchange started on Monday 19 April 2027" in said
    assert "'wessex init NEWFOLDER --from pairs.xlsx'" in said
    assert toml.read_bytes() == before


def test_moving_before_the_start_counts_the_letters_written_with_the_old_dates(
        run: Runner, toml: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the start the move is allowed, but the call to action rendered earlier gave
    the old dates: the warning counts what render wrote into documents/."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-03-01")
    quiet = " ".join(run("plan", "--start", "2027-04-26", "--save").output.split())
    assert "documents/" not in quiet  # nothing written yet: nothing to warn about
    run("plan", "--start", "2027-04-19", "--save")  # back again
    run("render", "call-to-action")
    written = sum(1 for path in (tmp_path / "documents").rglob("*") if path.is_file())
    assert written >= 1
    said = " ".join(run("plan", "--start", "2027-04-26", "--save").output.split())
    assert (f"documents/ holds {written:,} file{'s' if written != 1 else ''} written before "
            f"the move of {MOVED}: any that give a date give the old one.") in said
    assert "Saved the dates in scheme.toml" in said
    # the same dates again: nothing moves, nothing to warn about
    again = " ".join(run("plan", "--start", "2027-04-26", "--save").output.split())
    assert "documents/" not in again
