"""Writing files so that nothing the administrator typed is ever lost.

Every output is written to a temporary file in the same folder, flushed to the disk, and
then moved over the target in one step (``os.replace``), after which the folder itself is
flushed: a crash or a full disk leaves either the old file or the new one, never half of
each. A path that is a symbolic link is followed once, so the file it points to is the one
replaced (the link stays a link), and the file keeps its permissions. Replacing a file
first keeps a backup of it in ``backups/`` beside it (a letter's, beside its folder of
letters: ``letters/backups/partner-introduction/``), copied in full and flushed before it
counts; each file's backups are its own, named by the time in UTC, so summer time ending
never puts them out of order. A read-only file, a file open in Excel (``~$``)
or LibreOffice (``.~lock.NAME#``), and a second ``wessex`` at work on the same file are
refused. The lock between wessex commands is an operating-system lock (``filelock``), so
a command that is killed releases it with its process and the next one takes over at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import OutputError

BACKUP_FOLDER = "backups"
BACKUPS_KEPT = 5
# a copy's name holds the time it was made: in UTC since copies marked so ("-UTC"), so an
# hour repeated when summer time ends never puts them out of order; older ones in local time
STAMP = r"\d{8}-\d{6}-\d{6}(?:-UTC)?"
# a copy's name less its file's suffix: the file's stem, then the time (one way only, as
# the time ends it and has one length, with or without "-UTC")
_COPY = re.compile(r"(.*)-" + STAMP, re.DOTALL)
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_UTC_MARK = "-UTC"


def real_path(path: Path) -> Path:
    """The file a path names, symbolic links followed (resolved once, then used throughout)."""
    return Path(os.path.realpath(path))


def office_lock_file(path: Path) -> Path | None:
    """The owner file Excel (``~$name``) or LibreOffice (``.~lock.name#``) keeps while the
    workbook is open, if there is one."""
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:]),
                      path.with_name(f".~lock.{path.name}#")):
        if candidate.exists() and candidate != path:
            return candidate
    return None


excel_lock_file = office_lock_file  # the older name, kept for callers


def refuse_if_open(path: Path) -> None:
    """Refuse to write a file Excel or LibreOffice has open: saving over it would lose its edits."""
    for where in dict.fromkeys((path, real_path(path))):
        lock = office_lock_file(where) if where.exists() else None
        if lock is not None:
            program = "LibreOffice" if lock.name.startswith(".~lock.") else "Excel"
            raise OutputError(f"the file is open in {program} (or another program: {lock.name} "
                              "is beside it), so wessex will not change it.",
                              "Save and close it, then run the command again. If nothing has "
                              f"it open, delete {lock.name}.", file=path)


def refuse_if_read_only(path: Path) -> None:
    """A file marked read-only is left alone, even by a user who could write to it anyway."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise OutputError("the file is read-only, so wessex did not change it.",
                          "Make it writable (uncheck Read-only in its properties, or "
                          "'chmod u+w'), or choose another file.", file=path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entry list, so a rename in it survives a power cut (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        handle.flush()
        os.fsync(handle.fileno())


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    found = too_long(exc)
    return found.reason if found else str(exc.strerror or exc)


# Windows refuses a path of 260 characters or more (unless long paths are turned on), and
# says only that the file was not found
_WINDOWS_PATH_LIMIT = 260
_ON_WINDOWS = os.name == "nt"
SHORTER_FOLDER = ("Use a folder with a shorter path, nearer the top of the drive (a command's "
                  "output folder is chosen with -o), or shorten the names of the folders on "
                  "the way to it.")
# One name in a path (a file's, a folder's) may have 255 bytes on Linux, macOS and Windows;
# wessex's lock and temporary copy beside a file add some 15 characters to its name
_NAME_MAX = 255
SHORTER_NAME = ("Give the file a shorter name, of 200 characters at most (a command's output "
                "is named with -o).")
_SHOWN_NAME = 40  # a name longer than this is shown by its two ends


class TooLong(NamedTuple):
    """Why a path was longer than the computer takes, in words (``reason``), and the way out
    (``fix``). ``name`` is the one name in it that was too long, shortened for display ("" when
    the whole path was), and ``folder`` whether that name is a folder's on the way to the
    file rather than the file's own."""

    reason: str
    fix: str
    name: str = ""
    folder: bool = False


def _failed_path(exc: OSError) -> str | None:
    """The path ``exc`` is about, made absolute: the second one of two (a file renamed)."""
    name = exc.filename2 or exc.filename
    if not isinstance(name, str | bytes | os.PathLike):
        return None
    return os.path.abspath(os.fsdecode(name))


def _shown(name: str) -> str:
    """``name`` as a message shows it: whole when short, else its start and end."""
    return name if len(name) <= _SHOWN_NAME else f"{name[:24]}...{name[-12:]}"


def windows_long_form(path: Path) -> Path | None:
    r"""On Windows, a path of 260 characters or more written in the form that reaches it
    even when long paths are not turned on (``\\?\C:\...``): a file that is there must
    not look missing. None elsewhere, and for a shorter path: measured whole, as Windows
    measures it, though it was named from the folder one is in."""
    if not _ON_WINDOWS:
        return None
    text = os.path.abspath(path)
    if len(text) < _WINDOWS_PATH_LIMIT:
        return None
    if text.startswith("\\\\?\\"):
        return Path(text)
    if text.startswith("\\\\"):  # a network share, \\server\share\...
        return Path("\\\\?\\UNC\\" + text[2:])
    return Path("\\\\?\\" + text)


def too_long(exc: OSError) -> TooLong | None:
    """Why ``exc`` happened and what to do, when its path, or one name in it (the file's or
    a folder's, named), was longer than the computer takes; None when that is not why."""
    path = _failed_path(exc)
    if path is None:
        return None
    if exc.errno == errno.ENAMETOOLONG:
        parts = Path(path).parts
        # a path far shorter than the limit on a path's length: one name in it is too long
        over = [n for n, part in enumerate(parts) if len(os.fsencode(part)) > _NAME_MAX]
        if not over:
            return TooLong(f"its path is {len(path):,} characters long, more than this "
                           "computer allows", SHORTER_FOLDER)
        name, shown = parts[over[0]], _shown(parts[over[0]])
        allows = (f"{len(os.fsencode(name)):,} characters long, more than the {_NAME_MAX} "
                  "this computer allows for one name")
        if over[0] == len(parts) - 1:
            return TooLong(f"the file's name is {allows}", SHORTER_NAME, shown)
        return TooLong(f"the name of the folder '{shown}' in its path is {allows}",
                       f"Give the folder '{shown}' a shorter name, of 200 characters at "
                       "most, or use another folder (a command's output folder is chosen "
                       "with -o).", shown, folder=True)
    if _ON_WINDOWS and exc.errno == errno.ENOENT and len(path) >= _WINDOWS_PATH_LIMIT:
        return TooLong(f"its path is {len(path):,} characters long, and Windows allows fewer "
                       f"than {_WINDOWS_PATH_LIMIT} unless long paths are turned on",
                       SHORTER_FOLDER)
    return None


def _fix(exc: OSError, usual: str) -> str:
    """The way out to suggest for ``exc``: ``too_long``'s when the path was too long."""
    found = too_long(exc)
    return found.fix if found else usual


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)`` then move the result over ``path`` in one step.

    A symbolic link is followed: the file it points to is replaced and the link kept. An
    existing file keeps its permission bits; a new one gets the usual ones (0666 less the
    umask) rather than the private 0600 of a temporary file.
    """
    target = real_path(path)
    folder = target.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"the folder {folder} cannot be created ({exc.strerror}).",
                              "Choose another folder with -o.", file=path) from None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                             dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in the folder {folder} ({_reason(exc)}).",
                          _fix(exc, "Check the folder is not read-only, or choose another "
                               "with -o."), file=path) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        _fsync_file(temp)
        os.chmod(temp, mode)
        os.replace(temp, target)
        _fsync_folder(folder)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"could not save the file ({_reason(exc)}); the previous "
                          "version is unchanged.", _fix(exc, "Close it in Excel if it is open, "
                          "and check the folder is writable and has space."),
                          file=path) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a reader sees the old file or the new, never half."""
    def write(temp: Path) -> None:
        with open(temp, "wb") as handle:
            handle.write(data)

    atomic_write(path, write)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, encoded as ``encoding``."""
    write_bytes(path, text.encode(encoding))


def backups_folder(path: Path, letters: bool = False) -> Path:
    """The folder the backups of the file ``path`` go in: ``backups/`` beside it, or, for a
    letter (``letters``), ``backups/`` beside its folder of letters, in a folder named for
    it (``letters/backups/partner-introduction/``): the folder the administrator sends or
    prints from then holds only the letters. Letters written into the folder wessex was run
    in (or a drive's top folder) have theirs beside them, as any file there has."""
    target = real_path(path)
    folder = target.parent
    if letters and folder.parent != folder and folder != real_path(Path.cwd()):
        return folder.parent / BACKUP_FOLDER / folder.name
    return folder / BACKUP_FOLDER


def made_at(copy: Path) -> dt.datetime:
    """When the backup ``copy`` was made, as a moment in UTC: its name says so, in UTC when
    it ends "-UTC", else (a copy made before that) on this computer's clock."""
    found = re.search(r"(\d{8}-\d{6}-\d{6})(-UTC)?$", copy.stem)
    if found is None:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    when = dt.datetime.strptime(found[1], _STAMP_FORMAT)
    return when.replace(tzinfo=dt.UTC) if found[2] else \
        when.astimezone(dt.UTC)


def backups_of(path: Path, folder: Path | None = None) -> list[Path]:
    """This file's own backups, oldest first (``pairs-1.xlsx``'s are not ``pairs.xlsx``'s),
    in ``folder`` (``backups/`` beside it unless another is given), in the order they were
    made whatever the clock did: the times their names hold, read in UTC."""
    target = real_path(path)
    return _copies_in(folder or target.parent / BACKUP_FOLDER, [target])[_own(target)]


def _own(target: Path) -> tuple[str, str]:
    """What the names of ``target``'s copies are made of: its stem and its suffix."""
    return target.stem, target.suffix


def _copies_in(folder: Path, targets: Sequence[Path]) -> dict[tuple[str, str], list[Path]]:
    """The copies in ``folder`` of each of ``targets`` (real paths), by ``_own``, each file's
    oldest first as ``backups_of`` gives them, from one look at the folder: a folder of many
    letters' copies is read once for them all, not once for each."""
    found: dict[tuple[str, str], list[Path]] = {_own(target): [] for target in targets}
    if not folder.is_dir():
        return found
    suffixes = {suffix for _, suffix in found}
    for entry in folder.iterdir():
        name = entry.name
        for suffix in suffixes:
            parsed = _COPY.fullmatch(name[:len(name) - len(suffix)]) \
                if name.endswith(suffix) else None
            if parsed and (parsed[1], suffix) in found:
                found[parsed[1], suffix].append(entry)
    for copies in found.values():
        copies.sort(key=lambda p: (made_at(p), p.name))
    return found


def backup_name(path: Path, letters: bool = False,
                earlier: Sequence[Path] | None = None) -> Path:
    """The name a backup of ``path`` made now has: ``name-YYYYmmdd-HHMMSS-micro-UTC.ext`` in
    its ``backups_folder``, the time in UTC. Chosen before the change by a command that names
    it in what it says first (``backup(path, to=...)`` then makes it). A clock set back (by
    hand, or wrong) never names it before a copy already there: it is named just after the
    newest instead, so the newest copy is always the one made last. ``earlier``: its copies
    there, when already found (``backups_of``)."""
    target = real_path(path)
    folder = backups_folder(target, letters)
    now = dt.datetime.now(dt.UTC)
    if earlier is None:
        earlier = backups_of(target, folder)
    if earlier and made_at(earlier[-1]) >= now:
        now = made_at(earlier[-1]) + dt.timedelta(microseconds=1)
    stamp = now.strftime(_STAMP_FORMAT) + _UTC_MARK
    return folder / f"{target.stem}-{stamp}{target.suffix}"


def shown_backup(copy: Path, given: Path) -> str:
    """The backup ``copy`` of the file named ``given``, as the administrator finds it from
    where they ran the command: in ``backups/`` beside the file as they named it
    (``backups/pairs-20270601-091233-123456-UTC.xlsx``), or beside its folder of letters
    (``letters/backups/partner-introduction/...``), or in full when a symbolic link put it
    in another folder."""
    folder = given.parent
    letters = Path(os.path.normpath(folder / os.pardir)) / BACKUP_FOLDER / \
        real_path(folder).name
    beside = next((where for where in (folder / BACKUP_FOLDER, letters)
                   if real_path(where) == copy.parent), None)
    if beside is None:
        return str(copy)
    if beside.is_absolute():  # as found from here (scheme.toml is named in full)
        with contextlib.suppress(ValueError):
            beside = beside.relative_to(Path.cwd())
    return str(beside / copy.name)


def backups_shown(given: Sequence[Path], copies: Sequence[Path | None]) -> list[str]:
    """The backups kept of the files ``given`` (``guard_outputs``'s answer, in the same
    order), each as the administrator finds it from here (``shown_backup``); a file that
    was not there before has none."""
    return [shown_backup(copy, path) for path, copy in zip(given, copies, strict=True)
            if copy is not None]


def replaced_said(given: Sequence[Path], copies: Sequence[Path | None]) -> str:
    """What a command says once, after writing, of the files it replaced (with --force):
    the one copy kept, named, or how many were replaced and the folder their copies are
    in; "" when it replaced none."""
    shown = backups_shown(given, copies)
    if not shown:
        return ""
    if len(shown) == 1:
        name = next(path.name for path, copy in zip(given, copies, strict=True) if copy)
        return f"The previous {name} is kept as {shown[0]}."
    folders = list(dict.fromkeys(os.path.join(os.path.dirname(copy), "") for copy in shown))
    where = folders[0] if len(folders) == 1 else \
        "the backups folders " + ", ".join(folders)
    return f"{len(shown)} files replaced; their previous versions are kept in {where}."


def backup(path: Path, keep: int = BACKUPS_KEPT, to: Path | None = None,
           earlier: list[Path] | None = None) -> Path | None:
    """Copy ``path`` to ``backups/name-YYYYmmdd-HHMMSS-micro-UTC.ext`` beside it (or to
    ``to``, named beforehand by ``backup_name``), and return that copy; keep its newest few
    in that folder, the order they were made in read from their names in UTC. The
    copy is made under a temporary name, flushed, then renamed, so a backup that exists is
    always complete. ``earlier``: its copies in that folder, when already found
    (``backups_of``), kept up to date here: the copies left and the new one."""
    target = real_path(path)
    if not target.exists():
        return None
    final = to or backup_name(target)
    folder = final.parent
    partial = folder / f".{final.name}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, partial)
        _fsync_file(partial)
        os.replace(partial, final)
        _fsync_folder(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):  # "backups" may be a file: then no partial exists
            partial.unlink(missing_ok=True)
        raise OutputError(f"could not keep a backup ({_reason(exc)}), so the file was not "
                          "changed.", _fix(exc, "Check the folder is writable and has space."),
                          file=path) from None
    # the copy just made is the newest whatever its name says (one named by hand with ``to``)
    found = backups_of(target, folder) if earlier is None else earlier
    old = [p for p in found if p.name != final.name]
    stale = old[:max(len(old) - keep + 1, 0)] if keep else []
    for copy in stale:
        copy.unlink(missing_ok=True)
    if earlier is not None:  # as backups_of would find them now
        earlier[:] = sorted([*old[len(stale):], final], key=lambda p: (made_at(p), p.name))
    return final


def remove_leftovers(path: Path) -> list[Path]:
    """Delete what a killed wessex left beside ``path``: its temporary files (``.name-XXXXXXXX
    .ext``) and unfinished backups. Only call this while holding ``write_lock(path)``: then no
    other wessex process can be writing them."""
    target = real_path(path)
    temp = re.compile(re.escape(f".{target.stem}-") + r"[a-z0-9_]{8}" + re.escape(target.suffix))
    partial = re.compile(re.escape(f".{target.stem}-") + STAMP + re.escape(target.suffix) +
                         re.escape(".partial"))
    found = [p for p in target.parent.iterdir() if temp.fullmatch(p.name)]
    folder = target.parent / BACKUP_FOLDER
    if folder.is_dir():
        found += [p for p in folder.iterdir() if partial.fullmatch(p.name)]
    for leftover in found:
        leftover.unlink(missing_ok=True)
    return found


def note(text: str) -> None:
    """A remark for the person at the keyboard (stderr), never part of an output."""
    from rich.markup import escape

    from .console import err

    err.print(f"[yellow]Note:[/] {escape(text)}")


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Hold an operating-system lock on ``.name.wessex-lock`` beside the real file, so two
    wessex processes never interleave. The lock dies with its process; the process number
    kept in ``.name.wessex-owner`` tells the next command that a holder was stopped."""
    from filelock import FileLock, Timeout

    target = real_path(path)
    lock = FileLock(str(target.with_name(f".{target.name}.wessex-lock")), timeout=0)
    owner = target.with_name(f".{target.name}.wessex-owner")
    try:
        lock.acquire()
    except Timeout:
        raise OutputError("another wessex command is changing this file right now.",
                          "Wait for it to finish, then run this again.", file=path) from None
    except OSError as exc:
        raise OutputError(f"cannot write beside {target.name} ({_reason(exc)}).",
                          _fix(exc, "Check the folder is not read-only."), file=path) from None
    try:
        try:
            previous = owner.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            previous = ""
        if previous and previous != str(os.getpid()):
            note(f"a wessex command (process {previous}) was stopped while changing "
                 f"{target.name}; its lock was released with it and has been taken over. "
                 "The file is as that command left it before its last complete save.")
        try:
            owner.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            pass  # the note is a courtesy; the lock itself is what protects the file
        try:
            yield
        finally:  # not reached when the process is killed: then the number stays behind
            owner.unlink(missing_ok=True)
    finally:
        lock.release()


def refuse_writing_over_input(path: Path, source: Path, what: str, source_what: str,
                              example: str, option: str = "-o") -> None:
    """Refuse an output that is the very file the command reads (the same name, a link to
    it, or the same name in other capitals on a disk that ignores them), even with --force:
    the file a run is made from is never replaced by what the run makes of it."""
    try:
        same = path.exists() and os.path.samefile(path, source)
    except OSError:
        same = False
    if same:
        raise OutputError(f"the {what} would be written over {source.name}, the {source_what} "
                          "it is made from, so nothing was written.",
                          f"Name the {what} something else with {option}, such as {example}.",
                          file=path)


def guard_output(path: Path, force: bool, what: str = "file",
                 option: str = "-o") -> Path | None:
    """Refuse to replace an existing output without ``--force``; with it, back it up first."""
    return guard_outputs([path], force, what, option)[0] if path.exists() else None


def guard_outputs(paths: Sequence[Path], force: bool, what: str = "file",
                  option: str = "-o", letters: bool = False) -> list[Path | None]:
    """The one rule for every writer: an existing file is replaced only with ``--force``,
    never while open or read-only, and only after a backup of it has been kept. ``option``
    is the one that named the output, for the advice to choose another. ``letters``: the
    files are a folder of letters, whose backups are kept beside that folder, not in it
    (``backups_folder``)."""
    existing = [p for p in paths if p.exists()]
    for path in existing:
        refuse_if_open(path)
    if existing and not force:
        # several in one folder: the message is about the folder, which the error names
        folders = {p.parent for p in existing}
        one_folder = len(existing) > 1 and len(folders) == 1
        many = f"{len(existing)} files already exist in the folder {existing[0].parent} " \
            f"(e.g. {existing[0].name})" if one_folder else \
            f"{len(existing)} files already exist (e.g. {existing[0]})" if len(existing) > 1 \
            else "the file already exists"
        raise OutputError(f"{many} and may hold your work, so nothing was overwritten.",
                          f"Choose another {what} with {option}, or add --force to replace "
                          f"{'them' if len(existing) > 1 else 'it'} (a backup is kept in "
                          f"{_shown_folder(existing[0]) if letters else 'backups/'}).",
                          file=existing[0].parent if one_folder else existing[0])
    for path in existing:
        refuse_if_read_only(path)
    # each backups folder is read once, for the copies of all its files there
    where = {path: (backups_folder(path, letters), real_path(path))
             for path in paths if path.exists()}
    by_folder: dict[Path, list[Path]] = {}
    for folder, target in where.values():
        by_folder.setdefault(folder, []).append(target)
    found = {(folder, own): copies for folder, targets in by_folder.items()
             for own, copies in _copies_in(folder, targets).items()}

    def kept(path: Path) -> Path | None:
        folder, target = where[path]
        earlier = found[folder, _own(target)]
        return backup(path, to=backup_name(path, letters, earlier), earlier=earlier)

    return [kept(p) if p in where else None for p in paths]


def _shown_folder(letter: Path) -> str:
    """The folder the backups of ``letter`` go in, as found from here
    (``letters/backups/partner-introduction/``)."""
    shown = shown_backup(backups_folder(letter, letters=True) / letter.name, letter)
    return os.path.join(os.path.dirname(shown), "")


def write_batch(files: list[tuple[Path, bytes]]) -> None:
    """Write many files. A folder that does not exist yet is filled under a temporary name
    and renamed into place in one step (all or nothing, and far fewer renames than one per
    file); files in an existing folder are replaced one by one, each atomically."""
    by_folder: dict[Path, list[tuple[Path, bytes]]] = {}
    for path, data in files:
        by_folder.setdefault(path.parent, []).append((path, data))
    for folder, group in by_folder.items():
        if folder.exists():
            for path, data in group:
                write_bytes(path, data)
            continue
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        try:
            os.chmod(staging, 0o777 & ~_umask())
            for path, data in group:
                with open(staging / path.name, "xb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            _fsync_folder(staging)
            os.rename(staging, folder)
            _fsync_folder(folder.parent)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise OutputError(f"could not write the files ({_reason(exc)}); nothing was "
                              "left half-written.", _fix(exc, "Check the folder is writable "
                              "and has space."), file=folder) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
