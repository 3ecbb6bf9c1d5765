"""[pairing] history naming a folder (".", the last year's folder) rather than the pairs
workbook in it: said as such, never an internal error."""

from __future__ import annotations

from pathlib import Path

from ..conftest import COMPLETE_SCHEME, Runner, small_roster, write_book


def test_a_folder_under_pairing_history_is_named_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "year2"
    folder.mkdir()
    # a file beside the folder with a name like it, which a suggestion would offer
    (tmp_path / "year2.xlsx").write_bytes(b"")
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME + '\n[pairing]\nhistory = ["."]\n',
                                        encoding="utf-8")
    write_book(folder / "v.xlsx", small_roster())
    result = Runner(folder)("pair", "v.xlsx", code=1)
    said = " ".join(result.output.split())
    assert "internal" not in said
    assert "setting 'pairing.history' names ., which is a folder, not an earlier year's " \
        "pairs workbook" in said
    assert 'Give the pairs workbook in that folder by its name' in said
    assert not (folder / "pairs.xlsx").exists()
