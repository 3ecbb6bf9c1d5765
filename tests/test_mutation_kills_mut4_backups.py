"""Hand-mutation kills (mut4) for the one look through a backups folder (safe_write's
_copies_in): a copy of another file of the same stem but another suffix is left alone
while files of both suffixes are replaced, and a file with no suffix keeps its newest five."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.safe_write import guard_outputs


def test_a_copy_of_the_same_stem_with_another_suffix_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_text("a", encoding="utf-8")
    (tmp_path / "b.pdf").write_text("b", encoding="utf-8")
    backups = tmp_path / "backups"
    backups.mkdir()
    other = backups / "a-20990101-000000-000000-UTC.pdf"  # a copy of a.pdf, not replaced
    other.write_text("old a.pdf", encoding="utf-8")
    copies = guard_outputs([tmp_path / "a.docx", tmp_path / "b.pdf"], force=True)
    assert [c.name[:2] + c.suffix for c in copies if c] == ["a-.docx", "b-.pdf"]
    assert other.read_text(encoding="utf-8") == "old a.pdf"
    assert len(list(backups.iterdir())) == 3


def test_a_file_without_a_suffix_keeps_its_newest_five(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("now", encoding="utf-8")
    backups = tmp_path / "backups"
    backups.mkdir()
    seeded = [f"notes-20990101-00000{j}-000000-UTC" for j in range(5)]
    for name in seeded:
        (backups / name).write_text(name, encoding="utf-8")
    [copy] = guard_outputs([tmp_path / "notes"], force=True)
    assert copy is not None
    # the oldest goes: four of the old and the one just made
    assert sorted(p.name for p in backups.iterdir()) == sorted([*seeded[1:], copy.name])
