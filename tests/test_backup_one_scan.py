"""Replacing many letters at once (render or remind --force): each letter's copy was named
by one look through the backups folder and its old copies pruned by another, so N letters
read a folder of up to 5N copies 2N times. The folder is now read once for them all, and
what is kept is as before: each letter's newest five copies, named as before, the copy just
made among them, and nothing of another file's touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wessex_cli.safe_write import guard_outputs

LETTERS = 12


def _seeded(backups: Path) -> dict[str, list[str]]:
    """Letter i's copies in ``backups``: 1 + i % 7 of them, made in 2099 (one second apart),
    so that the copies made now are named just after the newest, whatever today's clock
    says; p03 has one more, named on the clock of an older wessex (no -UTC), made in 2098.
    Each letter's names, oldest first."""
    backups.mkdir(parents=True)
    seeded = {}
    for i in range(LETTERS):
        names = [f"p{i:02d}-20990101-00000{j}-000000-UTC.eml" for j in range(1 + i % 7)]
        if i == 3:
            names.insert(0, "p03-20980101-000000-000000.eml")
        for name in names:
            (backups / name).write_text(f"old {name}", encoding="utf-8")
        seeded[f"p{i:02d}"] = names
    return seeded


OTHERS = ["p00-1-20990101-000009-000000-UTC.eml",  # a copy of p00-1.eml, not of p00.eml
          "p00-20990101-000009-000000-UTC.txt",  # of p00.txt
          "p00-20990101-000009.eml",  # no copy: the time is not whole
          "notes.txt"]


def test_many_letters_replaced_twice_keep_each_ones_newest_five(tmp_path: Path) -> None:
    folder = tmp_path / "letters" / "partner-introduction"
    folder.mkdir(parents=True)
    backups = tmp_path / "letters" / "backups" / "partner-introduction"
    seeded = _seeded(backups)
    for name in OTHERS:
        (backups / name).write_text("not a letter's copy", encoding="utf-8")
    letters = [folder / f"p{i:02d}.eml" for i in range(LETTERS)]
    made: dict[str, list[str]] = {letter.stem: [] for letter in letters}
    for version in ("first", "second"):
        for letter in letters:
            letter.write_text(f"{version} {letter.stem}", encoding="utf-8")
        copies = guard_outputs(letters, force=True, letters=True)
        for letter, copy in zip(letters, copies, strict=True):
            assert copy is not None and copy.parent == backups
            assert copy.read_text(encoding="utf-8") == f"{version} {letter.stem}"
            made[letter.stem].append(copy.name)
    survivors = {p.name for p in backups.iterdir()}
    expected = set(OTHERS)
    for i in range(LETTERS):
        stem = f"p{i:02d}"
        newest = seeded[stem][-1]  # the two copies made now: a microsecond after it, then two
        assert made[stem] == [newest.replace("-000000-UTC", "-000001-UTC"),
                              newest.replace("-000000-UTC", "-000002-UTC")]
        expected |= set([*seeded[stem], *made[stem]][-5:])
    assert survivors == expected
    # p06 had seven: its five oldest went, p03's copy from the older wessex went first
    assert not (backups / "p03-20980101-000000-000000.eml").exists()
    assert sorted(n for n in survivors if n.startswith("p06-")) == [
        "p06-20990101-000004-000000-UTC.eml", "p06-20990101-000005-000000-UTC.eml",
        "p06-20990101-000006-000000-UTC.eml", "p06-20990101-000006-000001-UTC.eml",
        "p06-20990101-000006-000002-UTC.eml"]


def test_the_backups_folder_is_read_once_for_all_the_letters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "letters" / "partner-introduction"
    folder.mkdir(parents=True)
    backups = tmp_path / "letters" / "backups" / "partner-introduction"
    _seeded(backups)
    letters = [folder / f"p{i:02d}.eml" for i in range(LETTERS)]
    for letter in letters:
        letter.write_text("a letter", encoding="utf-8")
    reads: list[Path] = []
    iterdir = Path.iterdir

    def counted(self: Path) -> Iterator[Path]:
        reads.append(self)
        return iterdir(self)

    monkeypatch.setattr(Path, "iterdir", counted)
    for _ in range(2):
        reads.clear()
        guard_outputs(letters, force=True, letters=True)
        assert len([p for p in reads if p.resolve() == backups.resolve()]) == 1
