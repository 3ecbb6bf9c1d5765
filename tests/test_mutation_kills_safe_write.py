"""Tests added to kill mutants of ``safe_write``'s one-step writes, lock and guards
(benchmarks/MUTATION.md).

SPEC: "Nothing already written is lost or half-written: outputs are written atomically,
and an existing file that holds tracking data is never overwritten without ``--force``
(and then a backup is kept)." Expected values are worked out by hand from that promise
and from each function's docstring.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from wessex_cli import safe_write
from wessex_cli.errors import OutputError

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits and links")


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_replaces_the_content_and_leaves_no_temporary(tmp_path: Path) -> None:
    """Outputs are written atomically: the file has the new content, nothing else is left."""
    target = tmp_path / "pairs.csv"
    target.write_text("old")
    seen: list[Path] = []

    def write(temp: Path) -> None:
        seen.append(temp)
        temp.write_text("new")

    safe_write.atomic_write(target, write)
    assert target.read_text() == "new"
    assert files_in(tmp_path) == ["pairs.csv"]
    # The temporary is hidden, beside the target, named after it and with its suffix.
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".pairs-") and seen[0].suffix == ".csv"


def test_a_failed_write_leaves_the_previous_version_unchanged(tmp_path: Path) -> None:
    """Nothing already written is lost or half-written: an error while writing keeps the
    old file whole, removes the partial one, and says so."""
    target = tmp_path / "pairs.csv"
    target.write_text("old")

    def write(temp: Path) -> None:
        temp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError) as caught:
        safe_write.atomic_write(target, write)
    assert "could not save the file (the disk is full); the previous version is unchanged" \
        in caught.value.message
    assert caught.value.file == target
    assert target.read_text() == "old"
    assert files_in(tmp_path) == ["pairs.csv"]


def test_an_interrupted_write_removes_its_partial_file(tmp_path: Path) -> None:
    """Stopped by any other error (or Ctrl-C), the partial file is removed and the error
    goes on unchanged."""
    target = tmp_path / "pairs.csv"

    def write(temp: Path) -> None:
        temp.write_text("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        safe_write.atomic_write(target, write)
    assert files_in(tmp_path) == []


def test_an_error_without_a_message_is_still_explained(tmp_path: Path) -> None:
    """The reason given is the system's words for the error."""
    def write(temp: Path) -> None:
        raise OSError(13, "Permission denied")

    with pytest.raises(OutputError) as caught:
        safe_write.atomic_write(tmp_path / "a.txt", write)
    assert "could not save the file (Permission denied)" in caught.value.message


def test_atomic_write_creates_the_missing_folder(tmp_path: Path) -> None:
    """An output in a folder that does not exist yet: the folders are made."""
    safe_write.write_text(tmp_path / "out" / "letters" / "a.txt", "x")
    assert (tmp_path / "out" / "letters" / "a.txt").read_text() == "x"


@posix_only
def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    """Under a file, no folder can be made: an OutputError naming it, not a traceback."""
    (tmp_path / "plain").write_text("")
    with pytest.raises(OutputError) as caught:
        safe_write.write_text(tmp_path / "plain" / "sub" / "a.txt", "x")
    assert "cannot be created" in caught.value.message
    assert "-o" in caught.value.hint


@posix_only
def test_existing_permissions_are_kept_and_new_files_get_the_usual_ones(
        tmp_path: Path) -> None:
    """An existing file keeps its permission bits; a new one gets 0666 less the umask
    (here 022: 0644), not the private 0600 of a temporary file."""
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    os.chmod(kept, 0o640)
    safe_write.write_text(kept, "new")
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o640
    old = os.umask(0o022)
    try:
        safe_write.write_bytes(tmp_path / "new.bin", b"\x00\x01")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.bin").st_mode) == 0o644
    assert (tmp_path / "new.bin").read_bytes() == b"\x00\x01"


@posix_only
def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    """The file a link points to is replaced and the link stays a link."""
    real = tmp_path / "data" / "pairs.csv"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "pairs.csv"
    link.symlink_to(real)
    safe_write.write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_write_text_uses_the_encoding_asked_for(tmp_path: Path) -> None:
    safe_write.write_text(tmp_path / "a.txt", "Zoë", encoding="utf-16")
    assert (tmp_path / "a.txt").read_bytes().decode("utf-16") == "Zoë"


@pytest.mark.parametrize(("owner", "program"), [("~$pairs.xlsx", "Excel"),
                                                ("~$irs.xlsx", "Excel"),
                                                (".~lock.pairs.xlsx#", "LibreOffice")])
def test_a_workbook_open_in_a_spreadsheet_program_is_not_changed(
        tmp_path: Path, owner: str, program: str) -> None:
    """Never overwritten while open: Excel's ``~$`` owner file (whole name, or the name
    less its first two letters, as Excel writes it for long names) and LibreOffice's
    ``.~lock.NAME#`` are both seen, and the message names the program and the file."""
    target = tmp_path / "pairs.xlsx"
    target.write_text("x")
    (tmp_path / owner).write_text("someone")
    assert safe_write.office_lock_file(target) == tmp_path / owner
    with pytest.raises(OutputError) as caught:
        safe_write.refuse_if_open(target)
    assert f"open in {program}" in caught.value.message
    assert owner in caught.value.message and owner in caught.value.hint
    assert caught.value.file == target


def test_no_owner_file_means_not_open(tmp_path: Path) -> None:
    target = tmp_path / "pairs.xlsx"
    target.write_text("x")
    (tmp_path / "~$other.xlsx").write_text("")
    assert safe_write.office_lock_file(target) is None
    safe_write.refuse_if_open(target)  # no error
    safe_write.refuse_if_open(tmp_path / "missing.xlsx")


def test_an_owner_file_is_never_its_own_owner(tmp_path: Path) -> None:
    """``~$x.xlsx`` less two letters names ``x.xlsx``'s owner, not itself."""
    owner = tmp_path / "~$x.xlsx"
    owner.write_text("")
    assert safe_write.office_lock_file(owner) is None


@posix_only
def test_a_workbook_open_through_a_link_is_not_changed(tmp_path: Path) -> None:
    """The owner file beside the real workbook counts when the path given is a link."""
    real = tmp_path / "data" / "pairs.xlsx"
    real.parent.mkdir()
    real.write_text("x")
    (real.parent / "~$pairs.xlsx").write_text("")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    with pytest.raises(OutputError):
        safe_write.refuse_if_open(link)


@posix_only
def test_a_read_only_file_is_left_alone(tmp_path: Path) -> None:
    """A file marked read-only is refused, with the way to make it writable."""
    target = tmp_path / "pairs.xlsx"
    target.write_text("x")
    os.chmod(target, 0o444)
    try:
        with pytest.raises(OutputError) as caught:
            safe_write.refuse_if_read_only(target)
        assert "read-only" in caught.value.message and "chmod u+w" in caught.value.hint
        assert caught.value.file == target
    finally:
        os.chmod(target, 0o644)
    safe_write.refuse_if_read_only(target)  # writable again: no error
    safe_write.refuse_if_read_only(tmp_path / "missing.xlsx")  # nothing to protect


@posix_only
@pytest.mark.parametrize("mode", [0o400, 0o040, 0o004])
def test_only_write_bits_decide_read_only(tmp_path: Path, mode: int) -> None:
    """A file marked read-only (no write bit for owner, group or others) is refused even
    when the user could write to it anyway (as an administrator can)."""
    target = tmp_path / "a.txt"
    target.write_text("x")
    os.chmod(target, mode)
    try:
        with pytest.raises(OutputError):
            safe_write.refuse_if_read_only(target)
    finally:
        os.chmod(target, 0o644)


def test_an_existing_output_is_not_overwritten_without_force(tmp_path: Path) -> None:
    """Never overwritten without --force: the message says so and names the option."""
    existing = tmp_path / "letters.docx"
    existing.write_text("x")
    with pytest.raises(OutputError) as caught:
        safe_write.guard_output(existing, force=False, what="output", option="--out")
    assert caught.value.message.startswith("the file already exists and may hold your work")
    assert "Choose another output with --out, or add --force to replace it" in \
        caught.value.hint
    assert caught.value.file == existing
    assert existing.read_text() == "x"


def test_several_existing_outputs_are_counted_and_the_first_named(tmp_path: Path) -> None:
    """In one folder, the error is the folder's ("Error: letters: 2 files already exist in
    the folder out/letters"), not the first file's, which read as if that file held the
    others; and the folder is given whole (it was named only by its last part, "reminder:",
    which read as the document's name, reminders/2027-06-01/reminder never said)."""
    paths = [tmp_path / "a.eml", tmp_path / "b.eml", tmp_path / "c.eml"]
    paths[1].write_text("1")
    paths[2].write_text("2")
    with pytest.raises(OutputError) as caught:
        safe_write.guard_outputs(paths, force=False)
    assert caught.value.message == (f"2 files already exist in the folder {tmp_path} (e.g. "
                                    "b.eml) and may hold your work, so nothing was "
                                    "overwritten.")
    assert "replace them" in caught.value.hint and "-o" in caught.value.hint
    assert caught.value.file == tmp_path


def test_several_existing_outputs_in_two_folders_name_the_first_file(tmp_path: Path) -> None:
    (tmp_path / "notices").mkdir()
    paths = [tmp_path / "a.eml", tmp_path / "notices" / "a.docx"]
    for path in paths:
        path.write_text("1")
    with pytest.raises(OutputError) as caught:
        safe_write.guard_outputs(paths, force=False)
    assert caught.value.message.startswith(f"2 files already exist (e.g. {paths[0]}) and")
    assert caught.value.file == paths[0]


def test_with_force_a_backup_is_kept_first(tmp_path: Path) -> None:
    """With --force an existing file is replaced only after a backup of it is kept; a new
    output needs no backup."""
    existing = tmp_path / "pairs.xlsx"
    existing.write_text("tracking data")
    made = safe_write.guard_outputs([existing, tmp_path / "new.xlsx"], force=True)
    assert made[1] is None
    assert made[0] is not None and made[0].read_text() == "tracking data"
    assert made[0].parent == tmp_path / "backups"
    assert safe_write.guard_output(tmp_path / "other.xlsx", force=True) is None
    single = safe_write.guard_output(existing, force=True)
    assert single is not None and single.read_text() == "tracking data"


def test_force_does_not_override_an_open_workbook(tmp_path: Path) -> None:
    existing = tmp_path / "pairs.xlsx"
    existing.write_text("x")
    (tmp_path / "~$pairs.xlsx").write_text("")
    with pytest.raises(OutputError, match="open in Excel"):
        safe_write.guard_outputs([existing], force=True)
    assert not (tmp_path / "backups").exists()


@posix_only
def test_force_does_not_override_a_read_only_file(tmp_path: Path) -> None:
    existing = tmp_path / "pairs.xlsx"
    existing.write_text("x")
    os.chmod(existing, 0o444)
    try:
        with pytest.raises(OutputError, match="read-only"):
            safe_write.guard_outputs([existing], force=True)
    finally:
        os.chmod(existing, 0o644)
    assert not (tmp_path / "backups").exists()


def test_the_write_lock_is_held_and_released(tmp_path: Path) -> None:
    """Two wessex commands never change a file at once: while one holds the lock the other
    is refused with a clear message; afterwards the lock can be taken again and the owner
    file with the process number is gone."""
    target = tmp_path / "pairs.xlsx"
    owner = tmp_path / ".pairs.xlsx.wessex-owner"
    with safe_write.write_lock(target):
        assert owner.read_text() == str(os.getpid())
        assert (tmp_path / ".pairs.xlsx.wessex-lock").exists()
        from filelock import FileLock, Timeout
        with pytest.raises(Timeout):
            FileLock(str(tmp_path / ".pairs.xlsx.wessex-lock"), timeout=0).acquire()
    assert not owner.exists()
    with safe_write.write_lock(target):
        pass


def test_a_second_holder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    target = tmp_path / "pairs.xlsx"
    other = FileLock(str(tmp_path / ".pairs.xlsx.wessex-lock"), timeout=0)
    other.acquire()
    try:
        # filelock is re-entrant inside one process: a new lock object on the same path is
        # the same lock, so hold it from "another process" by making acquire time out.
        from filelock import Timeout

        def busy(self: object, *args: object, **kwargs: object) -> None:
            raise Timeout(str(target))

        monkeypatch.setattr(FileLock, "acquire", busy)
        with pytest.raises(OutputError) as caught, safe_write.write_lock(target):
            pass
        assert "another wessex command is changing this file right now" in caught.value.message
        assert caught.value.file == target
    finally:
        monkeypatch.undo()
        other.release()


def test_a_stopped_holder_is_noted_and_its_lock_taken_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The process number left behind by a command that was stopped is reported once."""
    target = tmp_path / "pairs.xlsx"
    (tmp_path / ".pairs.xlsx.wessex-owner").write_text("999999\n")
    with safe_write.write_lock(target):
        pass
    err = capsys.readouterr().err
    assert "process 999999" in err and "was stopped" in err and "pairs.xlsx" in err
    with safe_write.write_lock(target):
        pass
    assert "was stopped" not in capsys.readouterr().err


def test_the_lock_is_released_when_the_change_fails(tmp_path: Path) -> None:
    target = tmp_path / "pairs.xlsx"
    with pytest.raises(ValueError), safe_write.write_lock(target):
        raise ValueError("stop")
    assert not (tmp_path / ".pairs.xlsx.wessex-owner").exists()
    with safe_write.write_lock(target):
        pass


@posix_only
def test_the_lock_is_kept_beside_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "data" / "pairs.xlsx"
    real.parent.mkdir()
    real.write_text("x")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    with safe_write.write_lock(link):
        assert (real.parent / ".pairs.xlsx.wessex-owner").exists()


def test_the_open_and_read_only_refusals_say_what_to_do(tmp_path: Path) -> None:
    """The exact words of the two refusals: what happened, and the fix."""
    target = tmp_path / "pairs.xlsx"
    target.write_text("x")
    (tmp_path / "~$pairs.xlsx").write_text("")
    with pytest.raises(OutputError) as caught:
        safe_write.refuse_if_open(target)
    assert caught.value.message == ("the file is open in Excel (or another program: "
                                    "~$pairs.xlsx is beside it), so wessex will not change it.")
    assert caught.value.hint == ("Save and close it, then run the command again. If nothing "
                                 "has it open, delete ~$pairs.xlsx.")
    (tmp_path / "~$pairs.xlsx").unlink()
    os.chmod(target, 0o444)
    try:
        with pytest.raises(OutputError) as caught:
            safe_write.refuse_if_read_only(target)
    finally:
        os.chmod(target, 0o644)
    assert caught.value.message == "the file is read-only, so wessex did not change it."
    assert caught.value.hint == ("Make it writable (uncheck Read-only in its properties, or "
                                 "'chmod u+w'), or choose another file.")


def test_an_owner_file_beside_a_missing_workbook_does_not_stop_a_new_one(
        tmp_path: Path) -> None:
    """A new output has nothing to lose: a stale ``~$`` file beside it is no reason to refuse."""
    (tmp_path / "~$pairs.xlsx").write_text("")
    safe_write.refuse_if_open(tmp_path / "pairs.xlsx")


@posix_only
def test_the_folder_errors_say_which_folder_and_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plain").write_text("")
    target = tmp_path / "plain" / "sub" / "a.txt"
    with pytest.raises(OutputError) as caught:
        safe_write.write_text(target, "x")
    assert caught.value.hint == "Choose another folder with -o."
    assert caught.value.file == target

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_write.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        safe_write.write_text(tmp_path / "b.txt", "x")
    assert caught.value.message == \
        f"cannot write in the folder {tmp_path} (Permission denied)."
    assert caught.value.hint == "Check the folder is not read-only, or choose another with -o."
    assert caught.value.file == tmp_path / "b.txt"


def test_a_failed_save_says_what_to_check(tmp_path: Path) -> None:
    def write(temp: Path) -> None:
        raise OSError(5, "Input/output error")

    with pytest.raises(OutputError) as caught:
        safe_write.atomic_write(tmp_path / "a.txt", write)
    assert caught.value.hint == ("Close it in Excel if it is open, and check the folder is "
                                 "writable and has space.")


def test_a_failure_after_the_move_is_still_one_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If flushing the folder fails after the file was moved into place, the temporary name
    is already gone: the user still gets one OutputError, not a FileNotFoundError."""
    def fail(folder: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(safe_write, "_fsync_folder", fail)
    with pytest.raises(OutputError):
        safe_write.write_text(tmp_path / "a.txt", "x")


def test_the_default_advice_names_a_file_and_the_o_option(tmp_path: Path) -> None:
    existing = tmp_path / "pairs.xlsx"
    existing.write_text("x")
    for guard in (lambda: safe_write.guard_output(existing, force=False),
                  lambda: safe_write.guard_outputs([existing], force=False)):
        with pytest.raises(OutputError) as caught:
            guard()
        assert caught.value.hint == ("Choose another file with -o, or add --force to replace "
                                     "it (a backup is kept in backups/).")
