"""'pair --keep pairs.xlsx -o other.xlsx' said "Updated other.xlsx: ..." of a file it had just
written for the first time, and said nothing of pairs.xlsx, which it read and left alone;
over an existing other.xlsx (--force) it read as if other.xlsx's own pairs had been kept.
It now says it wrote other.xlsx with the pairs kept from pairs.xlsx, that pairs.xlsx was left
as it was, and, when it replaced a file, where the earlier one went. Changing pairs.xlsx in
place still says "Updated"."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, newest_backup
from .test_record import paired

__all__ = ["paired"]  # the fixture, used by name


def test_keep_into_another_file_says_what_it_wrote_and_what_it_left(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    before = paired.read_bytes()
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "-o", "other.xlsx")
                    .output.split())
    assert "Wrote other.xlsx: 4 pairs kept from pairs.xlsx with their visits and notes, 0 " \
        "new; pairs.xlsx was left as it was." in said
    assert "Updated" not in said
    assert paired.read_bytes() == before
    other = tmp_path / "other.xlsx"
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "-o", "other.xlsx",
                        "--force").output.split())
    assert "Wrote other.xlsx: 4 pairs kept from pairs.xlsx with their visits and notes, 0 " \
        "new; pairs.xlsx was left as it was; the earlier other.xlsx is kept as " \
        f"{newest_backup(other)}." in said
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "Updated pairs.xlsx: 4 pairs kept with their visits and notes, 0 new" in said
