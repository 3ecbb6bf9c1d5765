"""Someone given a second partner after their first was introduced (a Capacity of 2, or a
pair typed in by hand with someone already paired) hears of the first in the second's
introduction: 'render --new' wrote to the new pair alone, and the letter read as if the new
partner replaced the one they already had."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, small_paired, small_roster, write_book


def test_a_new_partners_introduction_names_the_partner_already_there(run: Runner,
                                                                     tmp_path: Path) -> None:
    small_paired(run, tmp_path)  # Amelia Ashworth with Oliver Pemberton, her first choice
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "first")
    # she takes a second partner, and a consultant joins
    people = [{**small_roster()[0], "Capacity": 2}, *small_roster()[1:],
              person("Dr Mei Corrigan", "mei@example.org", "Consultant",
                     Organisation="General Hospital - Neurology")]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "second",
        "--format", "md")
    folder = tmp_path / "second" / "partner-introduction"
    assert sorted(p.name for p in folder.iterdir()) == ["amelia-ashworth.md", "mei-corrigan.md"]
    amelia = " ".join((folder / "amelia-ashworth.md").read_text(encoding="utf-8").split())
    assert "we have paired you with: - **Dr Mei Corrigan**" in amelia
    assert "You are still paired with Oliver Pemberton, as we wrote to you before: Mei is a " \
           "further partner, not a replacement, and each pair has its own two half days." \
           in amelia
    mei = (folder / "mei-corrigan.md").read_text(encoding="utf-8")
    assert "still paired" not in mei and "Oliver" not in mei  # her only partner is Amelia
