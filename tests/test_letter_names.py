"""A letter to someone with more than one partner, now or before, is named for the partner
it is about: 'render --new' after a second partner was found gave the new letter the file
name of the first one's, and stopped in the folder of the first render ("already exist ...
add --force"). Someone with one partner keeps the file name of their own name alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Runner, person, small_paired, small_roster, write_book

MEI = person("Dr Mei Corrigan", "mei@example.org", "Consultant",
             Organisation="General Hospital - Neurology")


def _files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


@pytest.mark.parametrize("fmt", ["md", "eml", "docx"])
def test_a_second_partners_letters_are_written_beside_the_first(run: Runner, tmp_path: Path,
                                                                fmt: str) -> None:
    small_paired(run, tmp_path)  # Amelia Ashworth with Oliver Pemberton, Isla with Arjun
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters",
        "--format", fmt)
    folder = tmp_path / "letters" / "partner-introduction"
    first = {name: (folder / name).read_bytes() for name in _files(folder)}
    assert set(first) == {f"{stem}.{fmt}" for stem in (
        "amelia-ashworth", "oliver-pemberton", "isla-okonkwo", "arjun-rasmussen")}
    # she takes a second partner, and the consultant who joins is paired with her
    write_book(tmp_path / "v.xlsx", [{**small_roster()[0], "Capacity": 2}, *small_roster()[1:],
                                     MEI])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", fmt).output.split())
    new = {f"amelia-ashworth-with-mei-corrigan.{fmt}", f"mei-corrigan.{fmt}"}
    assert _files(folder) == set(first) | new
    assert all((folder / name).read_bytes() == data for name, data in first.items())
    assert "Send only the 2 new files" in said
    assert "the folder's 4 other files, for the pairs kept from before" in said
    assert "earlier file" not in said  # her first letter is her kept pair's, not someone gone's
    # the same letters again are refused, nothing overwritten
    again = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o",
                "letters", "--format", fmt, code=1)
    assert "already exist" in again.output and "--force" in again.output
    assert _files(folder) == set(first) | new


def test_a_re_paired_persons_letter_is_written_beside_the_one_about_a_partner_gone(
        run: Runner, tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters",
        "--format", "md")
    run("withdraw", "pairs.xlsx", "oliver@example.org")
    write_book(tmp_path / "v.xlsx", [*small_roster(), MEI])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # Amelia Ashworth with Mei, new
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new",
                        "-o", "letters", "--format", "md").output.split())
    assert _files(tmp_path / "letters" / "partner-introduction") == {
        "amelia-ashworth.md", "oliver-pemberton.md", "isla-okonkwo.md", "arjun-rasmussen.md",
        "amelia-ashworth-with-mei-corrigan.md", "mei-corrigan.md"}
    # her letter about Oliver, and his, are for a pair ended: the administrator is told
    assert "also holds 2 earlier files that this render did not write (amelia-ashworth.md, " \
        "oliver-pemberton.md): perhaps for someone since withdrawn or re-paired" in said
    # her reminder is named so too, as every letter about one of her pairs is
    run("remind", "pairs.xlsx", "-o", "reminders")
    assert _files(tmp_path / "reminders" / "reminder") == {
        "amelia-ashworth-with-mei-corrigan.eml", "mei-corrigan.eml", "isla-okonkwo.eml",
        "arjun-rasmussen.eml"}


def test_letters_and_reminders_to_someone_with_two_partners_are_named_for_each(
        run: Runner, tmp_path: Path) -> None:
    small_paired(run, tmp_path)
    # paired at once with two: Isla Okonkwo will not be paired with Mei, so Amelia is
    write_book(tmp_path / "v.xlsx", [{**small_roster()[0], "Capacity": 2},
                                     {**small_roster()[1], "Avoid": "Mei Corrigan"},
                                     *small_roster()[2:], MEI])
    run("pair", "v.xlsx", "--force")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters",
        "--format", "txt")
    # they were amelia-ashworth.txt and amelia-ashworth-2.txt, which said neither partner
    expected = {"amelia-ashworth-with-oliver-pemberton", "amelia-ashworth-with-mei-corrigan",
                "oliver-pemberton", "mei-corrigan", "isla-okonkwo", "arjun-rasmussen"}
    assert _files(tmp_path / "letters" / "partner-introduction") == \
        {f"{stem}.txt" for stem in expected}
    run("remind", "pairs.xlsx", "-o", "reminders")  # every half day is owed on 1 June 2027
    assert _files(tmp_path / "reminders" / "reminder") == {f"{stem}.eml" for stem in expected}
