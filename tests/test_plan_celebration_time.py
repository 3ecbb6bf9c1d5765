"""'wessex plan' warned of a celebration time it cannot read ("12.30pm") without saying
what the invitation would then say: since an end is no longer made up for such a start
(tests/test_words.py::test_an_end_time_is_not_made_up_for_a_start_that_cannot_be_read),
every delegate is told when it starts and never when it ends. The warning now says what
the invitation will print and how to put it right."""

from __future__ import annotations

from pathlib import Path

from .conftest import EXAMPLES, Runner


def plan_warning(run: Runner, folder: Path, old: str, new: str) -> str:
    text = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    assert old in text
    (folder / "scheme.toml").write_text(text.replace(old, new), encoding="utf-8")
    return " ".join(run("plan").output.split())


def test_a_start_it_cannot_read_gives_an_invitation_with_no_end_time(run: Runner,
                                                                     tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"\nend_time = "21:00"',
                        'time = "12.30pm"')
    assert "The celebration's start time in scheme.toml ('12.30pm') is not a time wessex " \
        "can read" in said
    assert "The invitation will say '12.30pm' with no end time" in said
    assert "the calendar will show 18:30 to 21:00" in said
    assert 'write time = "12:30"' in said
    assert "or add the end, such as end_time = \"15:00\"" in said


def test_with_an_end_given_the_invitation_prints_both_as_typed(run: Runner,
                                                               tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"', 'time = "6.30pm"')
    assert "The invitation will say '6.30pm to 21:00'" in said
    assert "with no end time" not in said
    assert 'write time = "18:30"' in said


def test_an_end_it_cannot_read(run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'end_time = "21:00"', 'end_time = "9pm"')
    assert "The celebration's end time in scheme.toml ('9pm') is not a time wessex can " \
        "read" in said
    assert "The invitation will say '18:30 to 9pm'" in said
    assert 'write end_time = "21:00"' in said


def test_a_time_that_cannot_be_guessed_is_shown_an_example(run: Runner,
                                                           tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"', 'time = "after evening clinic"')
    assert "The invitation will say 'after evening clinic to 21:00'" in said
    assert 'write time as a 24-hour time, such as "18:30"' in said


def test_an_agenda_typed_in_scheme_toml_keeps_its_times(run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"',
                        'time = "6.30pm"\nagenda = ["18:30 Arrivals", "19:00 Welcome"]')
    assert "The invitation will say '6.30pm to 21:00', and the calendar" in said
    assert "agenda" not in said
