"""Tests added to kill mutants of ``safe_write``'s flushing (benchmarks/MUTATION.md, seventh
run). The module's promise: the new version is flushed to the disk, moved over the target in
one step, and then the folder itself is flushed, so the move survives a power cut (POSIX)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from wessex_cli import safe_write


@pytest.mark.skipif(os.name != "posix", reason="folders are flushed on POSIX only")
def test_a_write_flushes_the_new_file_then_its_folder(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        flushed.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(safe_write.os, "fsync", spy)
    safe_write.write_text(tmp_path / "letter.txt", "Dear Dr Okonkwo")
    assert flushed == ["file", "folder"]
    assert (tmp_path / "letter.txt").read_text(encoding="utf-8") == "Dear Dr Okonkwo"
