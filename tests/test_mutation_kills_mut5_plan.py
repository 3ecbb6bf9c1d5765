"""Hand-mutation kills (mut5) for the warning 'wessex plan' gives of a celebration time it
cannot read: the 24-hour time it suggests is only ever a real one ("0pm" and "6.75pm" get
an example instead), "6.30 p.m." is read as people write it, the end it suggests runs past
midnight on a 24-hour clock, and two such times are named together."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner
from .test_plan_celebration_time import plan_warning


def test_an_hour_of_nought_is_no_time_to_suggest(run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"', 'time = "0pm"')
    assert 'write time as a 24-hour time, such as "18:30"' in said


def test_minutes_past_59_are_no_time_to_suggest(run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"', 'time = "6.75pm"')
    assert 'write time as a 24-hour time, such as "18:30"' in said


def test_pm_with_full_stops_is_read(run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"', 'time = "6.30 p.m."')
    assert 'write time = "18:30"' in said


def test_the_end_suggested_for_a_late_start_is_after_midnight(run: Runner,
                                                              tmp_path: Path) -> None:
    """Two and a half hours after 11pm is half past one in the morning, "01:30"."""
    said = plan_warning(run, tmp_path, 'time = "18:30"\nend_time = "21:00"', 'time = "11pm"')
    assert 'write time = "23:00"' in said
    assert 'or add the end, such as end_time = "01:30"' in said


def test_two_times_it_cannot_read_are_named_together(run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"\nend_time = "21:00"',
                        'time = "6.30pm"\nend_time = "9pm"')
    assert "The celebration's start and end times in scheme.toml ('6.30pm', '9pm') are not " \
        "times wessex can read." in said
    assert 'write time = "18:30" and end_time = "21:00" under [celebration]' in said


def test_an_empty_time_is_not_warned_of_as_unreadable(run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"', 'time = ""')
    assert "is not a time wessex can read" not in said


def test_refreshments_true_promises_them_in_the_usual_words(run: Runner,
                                                            tmp_path: Path) -> None:
    from .test_refreshments import invitation

    assert "Refreshments provided. The event counts towards your CPD." in \
        invitation(run, tmp_path, "refreshments = true")


def test_with_no_start_to_reckon_from_the_end_suggested_is_the_evening_s(
        run: Runner, tmp_path: Path) -> None:
    said = plan_warning(run, tmp_path, 'time = "18:30"\nend_time = "21:00"',
                        'time = "after evening clinic"')
    assert 'or add the end, such as end_time = "21:00"' in said
