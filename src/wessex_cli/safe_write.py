"""Writing files so that nothing the administrator typed is ever lost.

Every output is written to a temporary file in the same folder and then moved over the
target in one step (``os.replace``), so a crash leaves either the old file or the new one,
never half of each. Replacing a file keeps a timestamped backup first; Excel's ``~$`` lock
file and a second ``wessex`` at work on the same file are refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import OutputError

BACKUP_FOLDER = "backups"
BACKUPS_KEPT = 5


def excel_lock_file(path: Path) -> Path | None:
    """Excel's ``~$name.xlsx`` owner file, present while the workbook is open."""
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])):
        if candidate.exists() and candidate != path:
            return candidate
    return None


def refuse_if_open(path: Path) -> None:
    if path.exists() and excel_lock_file(path) is not None:
        raise OutputError("the file is open in Excel (or another program), so wessex will "
                          "not change it.", "Save and close it, then run the command again.",
                          file=path)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)`` then move the result over ``path`` in one step."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"the folder {folder} cannot be created ({exc.strerror}).",
                              "Choose another folder with -o.", file=path) from None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix,
                                             dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in the folder {folder} ({exc.strerror}).",
                          "Check the folder is not read-only, or choose another with -o.",
                          file=path) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"could not save the file ({exc.strerror or exc}); the previous "
                          "version is unchanged.", "Close it in Excel if it is open, and "
                          "check the folder is writable.", file=path) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    def write(temp: Path) -> None:
        temp.write_bytes(data)

    atomic_write(path, write)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


def backup(path: Path, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy ``path`` to ``backups/name-YYYYmmdd-HHMMSS.ext`` beside it; keep the newest few."""
    if not path.exists():
        return None
    folder = path.parent / BACKUP_FOLDER
    try:
        folder.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{path.stem}-{stamp}{path.suffix}"
        shutil.copy2(path, target)
    except OSError as exc:
        raise OutputError(f"could not keep a backup ({exc.strerror}), so the file was not "
                          "changed.", "Check the folder is writable.", file=path) from None
    old = sorted(folder.glob(f"{path.stem}-*{path.suffix}"))
    for stale in old[:-keep] if keep else []:
        stale.unlink(missing_ok=True)
    return target


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Hold ``.name.wessex-lock`` beside ``path`` so two wessex processes never interleave."""
    lock = path.with_name(f".{path.name}.wessex-lock")
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        age = dt.datetime.now().timestamp() - lock.stat().st_mtime if lock.exists() else 0
        if age > 600:  # a lock left by a crashed run ten minutes ago is stale
            lock.unlink(missing_ok=True)
            with write_lock(path):
                yield
            return
        raise OutputError("another wessex command is changing this file right now.",
                          "Wait for it to finish, then run this again.", file=path) from None
    except OSError as exc:
        raise OutputError(f"cannot write beside {path.name} ({exc.strerror}).",
                          "Check the folder is not read-only.", file=path) from None
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def guard_output(path: Path, force: bool, what: str = "file") -> Path | None:
    """Refuse to replace an existing output without ``--force``; with it, back it up first."""
    if not path.exists():
        return None
    refuse_if_open(path)
    if not force:
        raise OutputError("the file already exists and may hold your tracking data, so it "
                          "was not overwritten.", f"Choose another {what} with -o, or add "
                          "--force to replace it (a backup is kept in backups/).", file=path)
    return backup(path)


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
            for path, data in group:
                with open(staging / path.name, "xb") as handle:
                    handle.write(data)
            os.rename(staging, folder)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise OutputError(f"could not write the files ({exc.strerror or exc}); nothing was "
                              "left half-written.", "Check the folder is writable and has "
                              "space.", file=folder) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
