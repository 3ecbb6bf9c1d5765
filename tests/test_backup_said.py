"""A command that replaces a file with --force says where the file it replaced went.

README: "An existing file is replaced only with --force ... and only after a copy of it is
complete in backups/ beside it ...; the command names the copy it made." The commands
replacing a file with --force (report, render, remind, mailmerge, feedback, plan --ics,
findings and equality template, pair) kept the copy and said nothing of it: someone who
overwrote a file by mistake was not told where the old one went. Each now says so once a
run: the copy named when it replaced one file, or how many it replaced and the folder their
copies are in ("4 files replaced; their previous versions are kept in
letters/backups/partner-introduction/").

A folder of letters holds only the letters: the administrator sends, prints or imports what
is in it, and the old drafts kept in a backups/ folder inside it could go out with the new
ones. Their copies are kept in a backups/ folder beside it, in a folder named for it
(letters/backups/partner-introduction/), each letter's newest five.

A command with --json lists the copies under "backups", its other keys as they were.

'pair --keep pairs.xlsx -o other.xlsx' said a note of the administrator's that found no row
was kept by "the backup in backups/": no copy of pairs.xlsx is made when the pairs are
written to another file, and pairs.xlsx itself, unchanged, is what still holds the note.

Only the newest five copies of a file are kept (README): six replacements with --force leave
five, the copies of the five newest versions, the oldest gone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner, small_paired, write_book
from .test_feedback_columns import export
from .test_record import paired, people

__all__ = ["paired"]  # the fixture, used by name

# a backup's name as safe_write makes it, in the folder beside the file, as typed from here
NAMED = re.compile(r"(?:[\w.-]+/)*backups/(?:[\w.-]+/)?[\w.-]+?-\d{8}-\d{6}-\d{6}-UTC\.[a-z]+")


def said(result: object) -> str:
    return " ".join(str(getattr(result, "output", "")).split())


def named(text: str) -> list[str]:
    return list(dict.fromkeys(NAMED.findall(text)))


def copies_in(folder: Path) -> dict[str, str]:
    """Each copy in ``folder`` by name, and what it holds (a file the test wrote as text)."""
    return {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}


@pytest.mark.parametrize(("command", "written"), [
    (["report", "pairs.xlsx"], "report.html"),
    (["mailmerge", "pairs.xlsx"], "merge.csv"),
    (["feedback", "responses.xlsx", "--no-names-source"], "pack.html"),
    (["plan", "--start", "2027-04-19", "--ics", "dates.ics"], "dates.ics"),
    (["findings", "template"], "tables.xlsx"),
    (["equality", "template"], "forms.xlsx"),
])
def test_a_file_replaced_with_force_is_named_where_it_went(run: Runner, tmp_path: Path,
                                                           command: list[str],
                                                           written: str) -> None:
    small_paired(run, tmp_path)
    export(tmp_path / "responses.xlsx")
    # written by the command before: no copy made, none named
    first = said(run(*command))
    assert "previous" not in first and named(first) == []
    assert not (tmp_path / "backups").exists()
    # the administrator's own edits, then the command again over them
    (tmp_path / written).write_text("my edited version", encoding="utf-8")
    text = said(run(*command, "--force"))
    [name] = named(text)
    stem, suffix = written.split(".")
    assert name.startswith(f"backups/{stem}-") and name.endswith(f".{suffix}")
    assert f"The previous {written} is kept as {name}." in text
    assert (tmp_path / name).read_text(encoding="utf-8") == "my edited version"
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_render_force_says_once_how_many_it_replaced_and_where(run: Runner,
                                                               tmp_path: Path) -> None:
    small_paired(run, tmp_path)  # two pairs: four letters
    args = ["render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters",
            "--format", "md"]
    first = said(run(*args))
    assert "replaced" not in first and "previous" not in first
    folder = tmp_path / "letters" / "partner-introduction"
    letters = sorted(path.name for path in folder.iterdir())
    assert len(letters) == 4
    for name in letters:
        (folder / name).write_text(f"edited {name}", encoding="utf-8")
    text = said(run(*args, "--force"))
    assert text.count("replaced") == 1  # once, not once a file
    assert "Wrote 4 md files of 'partner-introduction' to letters/partner-introduction. " \
        "4 files replaced; their previous versions are kept in " \
        "letters/backups/partner-introduction/." in text
    # the folder of letters holds the four letters and nothing else
    assert sorted(path.name for path in folder.iterdir()) == letters
    kept = copies_in(tmp_path / "letters" / "backups" / "partner-introduction")
    assert sorted(kept.values()) == [f"edited {name}" for name in letters]
    # only one of the four there before: that one copy is named
    for name in letters[1:]:
        (folder / name).unlink()
    (folder / letters[0]).write_text("edited again", encoding="utf-8")
    text = said(run(*args, "--force"))
    [name] = named(text)
    assert name.startswith("letters/backups/partner-introduction/" + letters[0][:-3] + "-")
    assert f"The previous {letters[0]} is kept as {name}." in text
    assert (tmp_path / name).read_text(encoding="utf-8") == "edited again"


def test_remind_force_says_how_many_reminders_it_replaced_and_where(run: Runner,
                                                                    tmp_path: Path) -> None:
    small_paired(run, tmp_path)  # every half day is owed on 1 June 2027: four reminders
    run("remind", "pairs.xlsx", "-o", "sent")
    text = said(run("remind", "pairs.xlsx", "-o", "sent", "--force"))
    assert text.endswith("4 files replaced; their previous versions are kept in "
                         "sent/backups/reminder/.")
    assert len(list((tmp_path / "sent" / "backups" / "reminder").iterdir())) == 4
    assert not (tmp_path / "sent" / "reminder" / "backups").exists()


def test_a_folder_of_letters_keeps_each_letters_newest_five_beside_it(run: Runner,
                                                                      tmp_path: Path) -> None:
    """Rendered again without --force, the refusal says where the copies would go; seven
    renders with it leave each of the four letters its five newest copies, 20 in all, in
    letters/backups/partner-introduction/, and the folder of letters holds only letters."""
    small_paired(run, tmp_path)  # two pairs: four letters
    args = ["render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters",
            "--format", "md"]
    run(*args)
    refused = said(run(*args, code=1))
    assert "add --force to replace them (a backup is kept in " \
        "letters/backups/partner-introduction/)." in refused
    folder = tmp_path / "letters" / "partner-introduction"
    letters = sorted(path.name for path in folder.iterdir())
    for version in range(1, 7):
        for name in letters:
            (folder / name).write_text(f"version {version}", encoding="utf-8")
        run(*args, "--force")
    assert sorted(path.name for path in folder.iterdir()) == letters
    kept = copies_in(tmp_path / "letters" / "backups" / "partner-introduction")
    assert len(kept) == 20
    for name in letters:
        assert sorted(text for copy, text in kept.items() if copy.startswith(name[:-3] + "-")) \
            == [f"version {n}" for n in range(2, 7)]


def test_letters_written_into_the_folder_run_in_have_their_backups_beside_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A letter written straight into the folder wessex runs in (a document for the scheme
    with -o .) has its copies in backups/ there, as any file there has, never in a folder
    above it; one in a folder of letters, beside that folder."""
    from wessex_cli.safe_write import backups_folder

    monkeypatch.chdir(tmp_path)
    assert backups_folder(Path("call-to-action-gp.eml"), letters=True) == \
        tmp_path.resolve() / "backups"
    assert backups_folder(Path("documents/call-to-action-gp.eml"), letters=True) == \
        tmp_path.resolve() / "backups" / "documents"
    assert backups_folder(Path("documents/call-to-action-gp.eml")) == \
        tmp_path.resolve() / "documents" / "backups"


def test_json_lists_the_copies_and_keeps_its_keys(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "tables.xlsx").write_text("my actions", encoding="utf-8")
    data = json.loads(run("findings", "template", "--force", "--json").stdout)
    assert data["wrote"] == "tables.xlsx"
    [name] = data["backups"]
    assert name.startswith("backups/tables-")
    assert (tmp_path / name).read_text(encoding="utf-8") == "my actions"
    fresh = json.loads(run("equality", "template", "--json").stdout)
    assert fresh == {"wrote": "forms.xlsx", "backups": []}  # nothing replaced
    (tmp_path / "dates.ics").write_text("my calendar", encoding="utf-8")
    plan = json.loads(run("plan", "--start", "2027-04-19", "--ics", "dates.ics", "--force",
                          "--json").stdout)
    assert plan["milestones"] and plan["warnings"] == []
    [name] = plan["backups"]
    assert (tmp_path / name).read_text(encoding="utf-8") == "my calendar"
    assert "backups" not in json.loads(run("plan", "--start", "2027-04-19",
                                           "--json").stdout)  # it wrote nothing
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test"\n', encoding="utf-8")
    saved = json.loads(run("plan", "--start", "2027-04-19", "--save", "--json").stdout)
    [name] = saved["backups"]
    assert name.startswith("backups/scheme-") and name.endswith(".toml")
    assert (tmp_path / name).read_text(encoding="utf-8") == '[scheme]\nname = "Test"\n'


def test_pair_force_names_the_copy_of_the_pairs_workbook_it_replaced(run: Runner,
                                                                     tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    before = (tmp_path / "pairs.xlsx").read_bytes()
    text = said(run("pair", "v.xlsx", "--force"))
    [name] = named(text)
    assert "Wrote pairs.xlsx (sheets Pairs, Unpaired, Summary, Settings). The previous " \
        f"pairs.xlsx is kept as {name}." in text
    assert (tmp_path / name).read_bytes() == before
    again = (tmp_path / "pairs.xlsx").read_bytes()
    data = json.loads(run("pair", "v.xlsx", "--force", "--json").stdout)
    assert set(data) == {"pairs", "unpaired", "held", "summary", "backups"}
    [name] = data["backups"]
    assert (tmp_path / name).read_bytes() == again
    assert "backups" not in json.loads(run("pair", "v.xlsx", "--dry-run", "--json").stdout)
    # --keep changing the workbook in place: its copy; nothing to change: none made
    before = (tmp_path / "pairs.xlsx").read_bytes()
    [name] = json.loads(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--json").stdout)[
        "backups"]
    assert (tmp_path / name).read_bytes() == before
    same = json.loads(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--json").stdout)
    assert same["backups"] == [] and "warnings" in same


def test_pair_keep_into_another_file_names_the_copy_of_that_file(run: Runner,
                                                                 tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    (tmp_path / "other.xlsx").write_bytes((tmp_path / "pairs.xlsx").read_bytes())
    before = (tmp_path / "other.xlsx").read_bytes()
    text = said(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "-o", "other.xlsx", "--force"))
    [name] = named(text)
    assert name.startswith("backups/other-")
    assert f"0 new; pairs.xlsx was left as it was; the earlier other.xlsx is kept as {name}." \
        in text
    assert (tmp_path / name).read_bytes() == before


def test_a_note_with_no_row_is_in_the_workbook_kept_when_saved_as_another(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A note beside someone no longer unpaired: written to other.xlsx, the run makes no
    copy of pairs.xlsx, which it left as it was and which still holds the note."""
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # gp0's partner now has nobody
    book = openpyxl.load_workbook(paired)
    unpaired = book["Unpaired"]
    note_column = unpaired.max_column + 1
    unpaired.cell(1, note_column).value = "Contact"
    unpaired.cell(2, note_column).value = "rang 3 May"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), {"Name": "Dr GP 9", "Email": "gp9@example.org",
                                                 "Profession": "GP",
                                                 "Organisation": "Practice 9"}])
    copies = sorted((tmp_path / "backups").iterdir())
    text = said(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "-o", "other.xlsx"))
    letter = openpyxl.utils.get_column_letter(note_column)
    assert f"but these had no row left to go with (Unpaired!{letter}2): pairs.xlsx, which " \
        "this run read and left as it was, keeps them." in text
    assert "backups/" not in text
    assert sorted((tmp_path / "backups").iterdir()) == copies  # no copy made
    assert openpyxl.load_workbook(paired)["Unpaired"].cell(2, note_column).value == \
        "rang 3 May"


def test_six_replacements_leave_the_five_newest_copies(run: Runner, tmp_path: Path) -> None:
    """Six times an edited tables.xlsx replaced with --force: the copy each run names holds
    the version it replaced; five copies are left, those of versions 2 to 6, and the copy
    the first run named (version 1) is gone."""
    target = tmp_path / "tables.xlsx"
    names = []
    for version in range(1, 7):
        target.write_text(f"version {version}", encoding="utf-8")
        [name] = named(said(run("findings", "template", "--force")))
        assert (tmp_path / name).read_text(encoding="utf-8") == f"version {version}"
        names.append(name)
    kept = copies_in(tmp_path / "backups")
    assert sorted(kept.values()) == [f"version {n}" for n in range(2, 7)]
    assert not (tmp_path / names[0]).exists()
    assert all((tmp_path / name).exists() for name in names[1:])


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock on British time: GMT in winter, an hour ahead (BST) in summer."""
    if not hasattr(time, "tzset"):
        pytest.skip("the time zone is set this way on Linux and macOS only")
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def stopped_clock(monkeypatch: pytest.MonkeyPatch, moments: Iterable[dt.datetime]) -> None:
    """The computer's clock, read by wessex, at each of ``moments`` (in UTC) in turn: told
    for a time zone in it, as a clock on the wall without one."""
    from wessex_cli import safe_write

    times = iter(moments)

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Clock:  # type: ignore[override]
            moment = next(times)
            told = moment.astimezone(tz) if tz else moment.astimezone().replace(tzinfo=None)
            return told  # type: ignore[return-value]

    monkeypatch.setattr(safe_write, "dt", types.SimpleNamespace(
        datetime=Clock, UTC=dt.UTC, timedelta=dt.timedelta))


def test_the_newest_five_are_kept_when_the_clock_goes_back(run: Runner, tmp_path: Path,
                                                           london: None,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """On the night summer time ends the clock goes back an hour (02:00 BST to 01:00 GMT on
    Sunday 31 October 2027). Copies made at 01:10 to 01:50 on the clock before it went back
    and at 01:05 and 01:15 after it were named by the clock: the two last made were named
    before the others, and the seventh replacement pruned the copy of version 6, made ten
    minutes before it, keeping version 2's. Named in UTC (00:10 to 00:50, then 01:05 and
    01:15), the copies go in the order they were made: versions 3 to 7 are kept."""
    from .conftest import newest_backup

    utc = [dt.datetime(2027, 10, 31, 0, minute, tzinfo=dt.UTC) for minute in (10, 20, 30, 40, 50)]
    utc += [dt.datetime(2027, 10, 31, 1, minute, tzinfo=dt.UTC) for minute in (5, 15)]
    stopped_clock(monkeypatch, utc)
    target = tmp_path / "tables.xlsx"
    for version in range(1, 8):
        target.write_text(f"version {version}", encoding="utf-8")
        [name] = named(said(run("findings", "template", "--force")))
        assert (tmp_path / name).read_text(encoding="utf-8") == f"version {version}"
        assert newest_backup(target) == name  # the copy just made is the newest
        if version == 6:
            assert name == "backups/tables-20271031-010500-000000-UTC.xlsx"
    kept = copies_in(tmp_path / "backups")
    assert sorted(kept.values()) == [f"version {n}" for n in range(3, 8)]
    assert kept["tables-20271031-010500-000000-UTC.xlsx"] == "version 6"


def test_copies_named_on_the_clock_before_are_put_in_order_with_those_named_in_utc(
        run: Runner, tmp_path: Path, london: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies an earlier wessex made on 1 June 2027 (British Summer Time, an hour ahead of
    UTC) are named by the clock: 10:00 to 10:26. Two copies made after them, at 10:30 and
    10:40 on the clock, are named 09:30 and 09:40 UTC. The older copies are read as the
    clock's time, so the two new ones are the newest: the 10:00 and 10:10 copies are the
    ones pruned, not the one made at 10:30."""
    from .conftest import newest_backup

    folder = tmp_path / "backups"
    folder.mkdir()
    older = [f"tables-20270601-10{minute}00-000000.xlsx" for minute in ("00", "10", "20", "25",
                                                                         "26")]
    for name in older:
        (folder / name).write_text(f"before {name[15:19]}", encoding="utf-8")
    stopped_clock(monkeypatch, [dt.datetime(2027, 6, 1, 9, minute, tzinfo=dt.UTC)
                                for minute in (30, 40)])
    target = tmp_path / "tables.xlsx"
    for version in (1, 2):
        target.write_text(f"version {version}", encoding="utf-8")
        [name] = named(said(run("findings", "template", "--force")))
        assert newest_backup(target) == name
    assert sorted(copies_in(folder)) == [
        "tables-20270601-093000-000000-UTC.xlsx", "tables-20270601-094000-000000-UTC.xlsx",
        "tables-20270601-102000-000000.xlsx", "tables-20270601-102500-000000.xlsx",
        "tables-20270601-102600-000000.xlsx"]


def test_a_clock_set_back_by_hand_never_names_a_copy_before_an_older_one(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock put back a day (by hand, or by a flat battery) made after a copy named
    1 June 2027 12:00 UTC: the new copy is named just after it, the newest still."""
    from .conftest import newest_backup

    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "tables-20270601-120000-000000-UTC.xlsx").write_text("before", encoding="utf-8")
    stopped_clock(monkeypatch, [dt.datetime(2027, 5, 31, 12, 0, tzinfo=dt.UTC)])
    target = tmp_path / "tables.xlsx"
    target.write_text("mine", encoding="utf-8")
    [name] = named(said(run("findings", "template", "--force")))
    assert name == "backups/tables-20270601-120000-000001-UTC.xlsx"
    assert newest_backup(target) == name
    assert (tmp_path / name).read_text(encoding="utf-8") == "mine"


def test_preferences_import_json_lists_the_copy_of_the_volunteer_workbook(
        run: Runner, tmp_path: Path) -> None:
    """Its text named the copy; its --json, which scripts read, did not."""
    from .test_preferences_import import roster, survey

    book = write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [
        ["amelia@nhs.net", "Amelia Ashworth", "", "", "", "Wednesday", "", ""]])
    args = ["preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx", "--json"]
    dry = json.loads(run(*args, "--force", "--dry-run").stdout)
    assert "backups" not in dry and dry["saved"] is False
    before = book.read_bytes()
    data = json.loads(run(*args, "--force").stdout)
    assert data["saved"] is True and data["changes"]
    [name] = data["backups"]
    assert name.startswith("backups/volunteers-")
    assert (tmp_path / name).read_bytes() == before
