"""Wording read as the administrator and a recipient read it: the sides named by the labels
scheme.toml gives them, as typed, in sentences that read properly around them."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, few_pairs

# labels an administrator may choose: an acronym and a proper name, never to be lower-cased
LABELS = ('[sides.primary]\nlabel = "General practice"\n\n'
          '[sides.secondary]\nlabel = "NHS Trust"\n')


def test_status_gives_each_side_a_sentence_of_its_own(run: Runner, tmp_path: Path) -> None:
    """The line under the table joined the sides with a semicolon, so the second side's
    label, a capital letter, came mid-sentence ('...; Secondary care hosts: ...')."""
    few_pairs(tmp_path / "pairs.xlsx", 2)
    (tmp_path / "scheme.toml").write_text(LABELS, encoding="utf-8")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    # two pairs, nobody has hosted yet: each side hosts once a pair
    assert "General practice hosts: 0 of 2 done. NHS Trust hosts: 0 of 2 done." in said
    assert "; NHS Trust" not in said
