"""Someone given a second partner after their first was introduced (a Capacity of 2, or a
pair typed in by hand with someone already paired) hears of the first in the second's
introduction: 'render --new' wrote to the new pair alone, and the letter read as if the new
partner replaced the one they already had."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import COMPLETE_SCHEME, Runner, person, small_paired, small_roster, write_book


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
    # hers is named for the partner it is about, as she has two
    assert sorted(p.name for p in folder.iterdir()) == ["amelia-ashworth-with-mei-corrigan.md",
                                                        "mei-corrigan.md"]
    amelia = " ".join((folder / "amelia-ashworth-with-mei-corrigan.md").read_text(
        encoding="utf-8").split())
    assert "we have paired you with: - **Dr Mei Corrigan**" in amelia
    assert "You are still paired with Oliver Pemberton, as we wrote to you before: Mei is a " \
           "further partner, not a replacement, and each pair has its own two half days." \
           in amelia
    mei = (folder / "mei-corrigan.md").read_text(encoding="utf-8")
    assert "still paired" not in mei and "Oliver" not in mei  # her only partner is Amelia


def test_a_pair_typed_in_since_is_not_named_as_written_to_before(run: Runner,
                                                                  tmp_path: Path) -> None:
    small_paired(run, tmp_path)  # Isla Okonkwo with Arjun Rasmussen
    people = [{**small_roster()[0], "Capacity": 2}, *small_roster()[1:],
              person("Dr Mei Corrigan", "mei@example.org", "Consultant",
                     Organisation="General Hospital - Neurology")]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # Amelia Ashworth with Mei, new
    # then Mei is paired with Isla as well, typed in by hand below the pairs: no letter has
    # introduced the two yet, and --new leaves their pair out until 'pair --keep'
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [cell.value for cell in sheet[1]]
    row = sheet.max_row + 1
    for title, value in {"A name": "Dr Isla Okonkwo", "A email": "isla@example.org",
                         "B name": "Dr Mei Corrigan", "B email": "mei@example.org"}.items():
        sheet.cell(row, header.index(title) + 1).value = value
    book.save(tmp_path / "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "second",
        "--format", "md")
    # named for Amelia: the Pairs sheet gives Mei two partners
    mei = (tmp_path / "second" / "partner-introduction" /
           "mei-corrigan-with-amelia-ashworth.md").read_text(encoding="utf-8")
    assert "we have paired you with:\n\n- **Dr Amelia Ashworth**" in mei
    # not "You are still paired with Dr Isla Okonkwo, as we wrote to you before"
    assert "still paired" not in mei and "Isla" not in mei


def _letters_of(folder: Path, name: str) -> dict[str, str]:
    """Each letter in ``folder`` to ``name`` (its file's stem begins with it), keyed by the
    partner it introduces, its words joined with single spaces."""
    letters = {}
    for path in sorted(folder.glob(f"{name}*.md")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        partner = text.split("we have paired you with: - **", 1)[1].split("**", 1)[0]
        letters[partner] = text
    return letters


def test_a_third_partners_introduction_says_the_half_days_once(run: Runner,
                                                               tmp_path: Path) -> None:
    small_paired(run, tmp_path)  # Amelia Ashworth with Oliver Pemberton
    people = [{**small_roster()[0], "Capacity": 3}, *small_roster()[1:],
              person("Dr Mei Corrigan", "mei@example.org", "Consultant",
                     Organisation="General Hospital - Neurology"),
              person("Dr Ravi Ollerton", "ravi@example.org", "Consultant",
                     Organisation="General Hospital - Renal")]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # Amelia with Mei and with Ravi, new
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "second",
        "--format", "md")
    letters = _letters_of(tmp_path / "second" / "partner-introduction", "amelia-ashworth")
    assert sorted(letters) == ["Dr Mei Corrigan", "Dr Ravi Ollerton"]
    to_meet_mei = letters["Dr Mei Corrigan"]
    assert "You are also paired with Dr Ravi Ollerton, introduced in a letter of its own: " \
           "each pair has its own two half days. You are still paired with Oliver " \
           "Pemberton, as we wrote to you before: Mei is a further partner, not a " \
           "replacement." in to_meet_mei
    # not said again of the pair before
    assert to_meet_mei.count("each pair has its own two half days") == 1


def test_two_other_partners_are_introduced_in_letters_of_their_own(run: Runner,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [
        *small_roster(),
        person("Dr Zara Quinn", "zara@example.org", "GP", Organisation="Quayside Surgery",
               Capacity=3),
        *(person(f"Dr {name} Corrigan", f"{name.lower()}@example.org", "Consultant",
                 Organisation=f"General Hospital - {ward}")
          for name, ward in (("Mei", "Neurology"), ("Ravi", "Renal"), ("Nadia", "Stroke")))])
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "letters",
        "--format", "md")
    letters = _letters_of(tmp_path / "letters" / "partner-introduction", "zara-quinn")
    assert sorted(letters) == ["Dr Mei Corrigan", "Dr Nadia Corrigan", "Dr Ravi Corrigan"]
    # not "..., introduced in a letter of its own", as if the two shared one
    assert "You are also paired with Dr Nadia Corrigan and Dr Ravi Corrigan, introduced in " \
           "letters of their own: each pair has its own two half days." \
           in letters["Dr Mei Corrigan"]


def test_a_partner_in_place_of_one_withdrawn_is_not_called_no_replacement(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    # Amelia Ashworth takes two partners: Oliver Pemberton, her first choice, and Mei Corrigan
    # (Isla Okonkwo shares a cluster with Arjun Rasmussen)
    people = [{**small_roster()[0], "Capacity": 2}, *small_roster()[1:],
              person("Dr Mei Corrigan", "mei@example.org", "Consultant",
                     Organisation="General Hospital - Neurology")]
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")
    run("withdraw", "pairs.xlsx", "Mei Corrigan", "--reason", "moved away")
    write_book(tmp_path / "v.xlsx", [*people, person(
        "Dr Ravi Ollerton", "ravi@example.org", "Consultant",
        Organisation="General Hospital - Renal")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # Ravi takes the place Mei left
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "second",
        "--format", "md")
    letters = _letters_of(tmp_path / "second" / "partner-introduction", "amelia-ashworth")
    assert sorted(letters) == ["Dr Ravi Ollerton"]
    # Ravi does replace Mei: the letter says only what is true of Oliver
    assert "You are still paired with Oliver Pemberton, as we wrote to you before, and each " \
           "pair has its own two half days." in letters["Dr Ravi Ollerton"]
    assert "replacement" not in letters["Dr Ravi Ollerton"]
