"""An output folder whose path is longer than the computer takes for a file: the message
says so, shows the end of the path rather than thousands of characters of it, and says
what to do (a shorter folder), where it said only "File name too long" and advised
closing the file in Excel."""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import pytest

from wessex_cli import safe_write
from wessex_cli.errors import SchemeError

from .conftest import Runner

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LINUX_PATH_MAX = 4096  # bytes with the closing NUL: a longer path is refused by the kernel


def _scheme(folder: Path) -> None:
    for name in ("pairs.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, folder / name)


def _deep(folder: Path, length: int) -> Path:
    """A path under ``folder`` whose absolute form is ``length`` characters long."""
    path = folder.resolve()
    while len(str(path)) < length:
        room = length - len(str(path)) - 1
        path /= "d" * min(200, max(room, 1))
    assert len(str(path)) == length
    return path


def _said_length(output: str) -> int:
    found = re.search(r"its path is ([\d,]+) characters long, more than this computer allows",
                      output)
    assert found is not None, output
    return int(found.group(1).replace(",", ""))


@pytest.mark.skipif(not Path("/proc").exists(), reason="Linux's own limit on a path's length")
def test_a_folder_too_deep_to_make_is_named_by_its_end(tmp_path: Path, run: Runner) -> None:
    _scheme(tmp_path)
    deep = _deep(tmp_path, 4_400)
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", str(deep),
                 code=1)
    output = " ".join(result.output.split())
    assert _said_length(output) >= LINUX_PATH_MAX
    assert "Use a folder with a shorter path, nearer the top of the drive" in output
    assert "closed in Excel" not in output  # no file of theirs is open
    assert "d" * 200 not in output  # the end of the path, not all of it
    assert "could not use ...d" in output


@pytest.mark.skipif(not Path("/proc").exists(), reason="Linux's own limit on a path's length")
def test_files_too_deep_to_write_in_a_folder_that_exists(tmp_path: Path, run: Runner) -> None:
    # the letters' folder could be made, but a letter's path inside it is past the limit:
    # nothing is written, and the message is the same
    _scheme(tmp_path)
    deep = _deep(tmp_path, 4_055)
    deep.mkdir(parents=True)
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", str(deep),
                 code=1)
    output = " ".join(result.output.split())
    assert _said_length(output) >= LINUX_PATH_MAX
    assert "/partner-introduction/amelia-ashworth.eml: its path is" in output
    assert "Use a folder with a shorter path" in output
    assert list(deep.iterdir()) == []


def test_a_long_path_on_windows_is_said_to_be_too_long(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    # Windows answers a path of 260 characters or more with "not found"
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", True)
    long = _deep(tmp_path, 300) / "letter.eml"
    said = safe_write.too_long(FileNotFoundError(errno.ENOENT, "not found", str(long)))
    assert said is not None
    assert said.reason == (f"its path is {len(str(long)):,} characters long, and Windows "
                           "allows fewer than 260 unless long paths are turned on")
    short = tmp_path / "letter.eml"
    assert len(str(short)) < 260
    assert safe_write.too_long(
        FileNotFoundError(errno.ENOENT, "not found", str(short))) is None
    # elsewhere a missing file is just missing
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", False)
    assert safe_write.too_long(
        FileNotFoundError(errno.ENOENT, "not found", str(long))) is None


@pytest.mark.skipif(not Path("/proc").exists(), reason="Linux's own limit on a path's length")
def test_write_batch_says_a_path_is_too_long(tmp_path: Path) -> None:
    # a new folder is filled under a temporary name (some 30 characters) first: that one
    # can be made here, a letter's path inside it cannot
    from wessex_cli.errors import OutputError

    parent = _deep(tmp_path, 4_040)
    parent.mkdir(parents=True)
    letter = parent / "partner-introduction" / ("x" * 40 + ".eml")
    with pytest.raises(OutputError) as raised:
        safe_write.write_batch([(letter, b"Dear Amelia")])
    said = str(raised.value)
    assert "could not write the files (its path is" in said
    assert _said_length(said) >= LINUX_PATH_MAX
    assert raised.value.hint == safe_write.SHORTER_FOLDER
    assert list(parent.iterdir()) == []  # nothing half-written


@pytest.mark.skipif(not Path("/proc").exists(), reason="Linux's own limit on a path's length")
def test_a_workbook_too_deep_to_read_is_said_to_be(tmp_path: Path, run: Runner) -> None:
    # the pairs workbook given by a path past the computer's limit: the same words as for a
    # file written, and the way out is to move the workbook, where it said "the file cannot
    # be opened (File name too long)" and to check the path and that you may read it
    _scheme(tmp_path)  # run, as the README has it, from the folder of scheme.toml
    deep = _deep(tmp_path, 4_400)
    result = run("status", str(deep / "pairs.xlsx"), code=1)
    output = " ".join(result.output.split())
    assert _said_length(output) >= LINUX_PATH_MAX
    assert "Move the workbook to a folder with a shorter path, nearer the top of the drive" \
        in output
    assert "that you may read it" not in output
    assert "d" * 200 not in output


def test_a_workbook_too_deep_to_find_on_windows_is_not_said_to_be_missing(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Windows answers a path of 260 characters or more with "not found": the workbook is
    # there, and "there is no such file. Check the name and the folder." sent the
    # administrator looking for a file they can see
    from wessex_cli.errors import SpreadsheetError
    from wessex_cli.inspection import inspect_input

    monkeypatch.setattr(safe_write, "_ON_WINDOWS", True)
    long = _deep(tmp_path, 300) / "pairs.xlsx"
    with pytest.raises(SpreadsheetError) as raised:
        inspect_input(long)
    assert raised.value.message == (
        f"the file cannot be opened: its path is {len(str(long)):,} characters long, and "
        "Windows allows fewer than 260 unless long paths are turned on.")
    assert raised.value.hint.startswith("Move the workbook to a folder with a shorter path")
    # a short path to a file that is not there is still missing
    with pytest.raises(SpreadsheetError) as raised:
        inspect_input(tmp_path / "pairs.xlsx")
    assert raised.value.message == "there is no such file."


# One name (a file's or a folder's) may have 255 bytes on Linux, macOS and Windows alike
NAME_MAX = 255


@pytest.mark.parametrize("length", [300, 248])
def test_a_file_name_too_long_is_said_to_be_the_name_not_the_path(
        tmp_path: Path, run: Runner, length: int) -> None:
    """A pairs workbook named with 300 characters, in a short folder: its path was said to
    be '322 characters long, more than this computer allows' (it allows 4,096), with advice
    to use a folder nearer the top of the drive, which changes nothing. One of 248 fits,
    but not the names wessex gives its lock and its copy beside it: that said 'File name
    too long. Check the folder is not read-only'."""
    _scheme(tmp_path)
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    name = "p" * (length - len(".xlsx")) + ".xlsx"
    assert len(str(tmp_path.resolve() / name)) < 1_000
    output = " ".join(run("pair", "volunteers.xlsx", "-o", name, code=1).output.split())
    found = re.search(r"the file's name is ([\d,]+) characters long, more "
                      rf"than the {NAME_MAX} this computer allows for one name", output)
    assert found is not None, output
    assert int(found.group(1).replace(",", "")) > NAME_MAX
    assert "Give the file a shorter name, of 200 characters at most" in output
    assert "folder with a shorter path" not in output
    assert "read-only" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pairs.xlsx", "scheme.toml", "volunteers.xlsx"]  # nothing written beside them


def test_a_workbook_whose_own_name_is_too_long_is_to_be_renamed_not_moved(
        tmp_path: Path, run: Runner) -> None:
    # a name of 300 characters in a short folder: moving the workbook nearer the top of the
    # drive, as the message advised, keeps the name that stops it being opened
    _scheme(tmp_path)
    name = "p" * 295 + ".xlsx"
    output = " ".join(run("status", name, code=1).output.split())
    assert ("the file cannot be opened: the file's name is 300 characters "
            f"long, more than the {NAME_MAX} this computer allows for one name") in output
    assert "Rename the workbook with a shorter name (200 characters at most)." in output
    assert "Move the workbook" not in output


def test_a_scheme_file_too_deep_for_windows_is_still_read(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    # Windows says a file at the end of a path of 260 characters or more is not there: the
    # administrator's scheme.toml looked missing and its settings gave way to the defaults
    # without a word. It is looked for again in the form Windows reads at any length.
    from wessex_cli.scheme import find_scheme

    folder = _deep(tmp_path, 270)
    folder.mkdir(parents=True)
    (folder / "scheme.toml").write_text('[scheme]\nname = "Deep Vale Exchange"\n')
    real_is_file = Path.is_file

    def windows_is_file(path: Path) -> bool:  # as Windows answers, long paths not turned on
        text = str(path)
        if text.startswith("\\\\?\\"):
            return real_is_file(Path(text[4:]))
        return len(text) < 260 and real_is_file(path)

    monkeypatch.setattr(Path, "is_file", windows_is_file)
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", True)
    assert find_scheme(None, folder) == Path("\\\\?\\" + str(folder / "scheme.toml"))
    # a folder with no scheme.toml still has none; and elsewhere nothing changes
    assert find_scheme(None, folder / "d") is None
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", False)
    assert find_scheme(None, folder) is None
    # given with --scheme, the same file was refused as "there is no scheme file at ..."
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", True)
    assert find_scheme(folder / "scheme.toml") == Path("\\\\?\\" + str(folder / "scheme.toml"))
    with pytest.raises(SchemeError, match="there is no scheme file at"):
        find_scheme(folder / "other.toml")


def test_a_folder_name_too_long_is_named_as_the_folder_to_rename(tmp_path: Path,
                                                                 run: Runner) -> None:
    """A folder of 300 characters on the way: the advice was to give the file a shorter
    name, though the file's own name was short; now the folder is named, by its two ends."""
    _scheme(tmp_path)
    folder = "letters-" + "d" * 280 + "-2027"
    shown = "letters-dddddddddddddddd...ddddddd-2027"  # 24 characters, '...', the last 12
    output = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o",
                          folder, code=1).output.split())
    assert (f"the name of the folder '{shown}' in its path is 293 characters long, more "
            f"than the {NAME_MAX} this computer allows for one name") in output
    assert f"Give the folder '{shown}' a shorter name, of 200 characters at most" in output
    assert "Give the file" not in output
    read = " ".join(run("status", f"{folder}/pairs.xlsx", code=1).output.split())
    assert f"Rename the folder '{shown}' with a shorter name (200 characters at most), or " \
        "move the workbook out of it." in read
    assert "Rename the workbook" not in read


@pytest.mark.skipif(not Path("/proc").exists(), reason="Linux's own limit on a path's length")
def test_a_workbook_too_deep_to_change_is_not_said_to_be_damaged(
        tmp_path: Path, run: Runner) -> None:
    # the pairs workbook read by a short path (a link to a deep folder, or from inside it)
    # whose whole path is past the computer's limit: 'visit' said "the pairs workbook is
    # damaged and cannot be opened. Restore the latest copy from the backups/ folder",
    # advice that loses every change made since that copy
    _scheme(tmp_path)
    names = [f"{n:02d}" + "d" * 198 for n in range(21)]
    folder = os.open(tmp_path, os.O_RDONLY)
    for name in names:  # made one folder at a time: the whole path is past the limit
        os.mkdir(name, dir_fd=folder)
        inner = os.open(name, os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    os.close(folder)
    (tmp_path / "link").symlink_to("/".join(names[:19]))
    workbook = Path("link", *names[19:], "pairs.xlsx")
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / workbook)
    before = (tmp_path / workbook).read_bytes()
    assert len(os.path.realpath(tmp_path / workbook)) > LINUX_PATH_MAX
    result = run("visit", str(workbook), "Amelia Ashworth", "--hosted", "4/5/2027", code=1)
    output = " ".join(result.output.split())
    assert "damaged" not in output
    assert "backups" not in output
    assert _said_length(output) >= LINUX_PATH_MAX
    assert "Move the workbook to a folder with a shorter path, nearer the top of the drive" \
        in output
    assert (tmp_path / workbook).read_bytes() == before


def test_a_scheme_file_named_from_a_short_relative_folder_is_measured_whole(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A pairs workbook named from the folder one is in ('deep\pairs.xlsx') gives a folder
    # whose own text is short; Windows measures the whole path it stands for, and said the
    # scheme.toml there was not there. The long form was tried only for a long text.
    from wessex_cli.scheme import find_scheme

    folder = _deep(tmp_path, 270)
    folder.mkdir(parents=True)
    (folder / "scheme.toml").write_text('[scheme]\nname = "Deep Vale Exchange"\n')
    real_is_file = Path.is_file

    def windows_is_file(path: Path) -> bool:  # the whole path, as Windows measures it
        text = str(path)
        if text.startswith("\\\\?\\"):
            return real_is_file(Path(text[4:]))
        return len(os.path.abspath(text)) < 260 and real_is_file(path)

    monkeypatch.chdir(folder.parent)
    relative = Path(folder.name)
    assert len(str(relative / "scheme.toml")) < 260
    monkeypatch.setattr(Path, "is_file", windows_is_file)
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", True)
    assert find_scheme(None, relative) == Path("\\\\?\\" + str(folder / "scheme.toml"))


@pytest.mark.parametrize(("typed", "expected"), [
    # a drive path gains the prefix that reaches past 260 characters
    ("C:\\Exchange\\" + "d" * 250 + "\\pairs.xlsx",
     "\\\\?\\C:\\Exchange\\" + "d" * 250 + "\\pairs.xlsx"),
    # a network share is written \\?\UNC\server\share\..., its two leading backslashes dropped
    ("\\\\trust-files\\exchange\\" + "d" * 250 + "\\pairs.xlsx",
     "\\\\?\\UNC\\trust-files\\exchange\\" + "d" * 250 + "\\pairs.xlsx"),
    # already in the long form: left as it is, not prefixed twice
    ("\\\\?\\C:\\Exchange\\" + "d" * 250 + "\\pairs.xlsx",
     "\\\\?\\C:\\Exchange\\" + "d" * 250 + "\\pairs.xlsx"),
])
def test_a_long_windows_path_is_written_in_the_form_that_reaches_it(
        monkeypatch: pytest.MonkeyPatch, typed: str, expected: str) -> None:
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", True)
    # Windows' own abspath leaves these absolute paths as they are; this machine's would
    # prefix the folder it runs in
    monkeypatch.setattr(safe_write.os.path, "abspath", lambda path: os.fspath(path))
    assert str(safe_write.windows_long_form(Path(typed))) == expected


def test_a_short_windows_path_and_any_path_elsewhere_is_left_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_write.os.path, "abspath", lambda path: os.fspath(path))
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", True)
    assert safe_write.windows_long_form(Path("C:\\Exchange\\pairs.xlsx")) is None
    assert safe_write.windows_long_form(Path("\\\\trust-files\\exchange\\pairs.xlsx")) is None
    monkeypatch.setattr(safe_write, "_ON_WINDOWS", False)
    assert safe_write.windows_long_form(Path("/srv/" + "d" * 300 + "/pairs.xlsx")) is None
