"""Every message that points to a backup the command just made names that file.

The messages said "a backup of the previous version is in backups/", or "copy pairs.xlsx
back from backups/". Only the newest five backups of a file are kept, so after five more
changes the copy meant is gone, and with several copies in the folder the administrator
could not tell which one was meant. Each message now names the copy
("backups/pairs-20270601-101233-123456.xlsx"); these tests hold the file named to be there
and to hold the version before the command, byte for byte. A dry run makes no backup and
names none.
"""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import Runner, write_book
from .test_preferences_import import roster, survey
from .test_record_fixes import paired

__all__ = ["paired"]  # the fixture, used by name

# a backup's name as safe_write makes it, in the folder beside the file, as typed from here
NAMED = re.compile(r"(?:[\w.-]+/)*backups/[\w.-]+?-\d{8}-\d{6}-\d{6}-UTC\.[a-z]+")


def said(result: object) -> str:
    return " ".join(str(getattr(result, "output", "")).split())


def named(text: str) -> list[str]:
    """The backups a message names, each once, in the order named."""
    return list(dict.fromkeys(NAMED.findall(text)))


def test_visit_names_a_backup_of_its_own_each_time(run: Runner, paired: Path) -> None:
    """Six visits recorded one after another: each names its own copy, holding the workbook
    as it was just before; the first copy is gone after five more changes (five are kept),
    which a message saying only "backups/" left the administrator to find out."""
    folder = paired.parent
    names = []
    for who in ("Amelia Ashworth", "Chidi Zielinski", "Isla Okonkwo", "Marta Juniper",
                "Priya Varga", "Luca Jessop"):
        before = paired.read_bytes()
        text = said(run("visit", "pairs.xlsx", who, "--reflection"))
        [name] = named(text)
        assert name.startswith("backups/pairs-")
        assert f". The previous version is kept as {name}." in text
        assert (folder / name).read_bytes() == before
        names.append(name)
    assert len(set(names)) == 6
    assert not (folder / names[0]).exists()
    assert all((folder / name).exists() for name in names[1:])


def test_visit_with_nothing_to_change_names_no_backup(run: Runner, paired: Path) -> None:
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--reflection")
    copies = sorted((paired.parent / "backups").iterdir())
    text = said(run("visit", "pairs.xlsx", "Amelia Ashworth", "--reflection"))
    assert "(no new backup)" in text and named(text) == []
    assert sorted((paired.parent / "backups").iterdir()) == copies


def test_withdraw_names_the_copy_to_put_back(run: Runner, paired: Path) -> None:
    before = paired.read_bytes()
    text = said(run("withdraw", "pairs.xlsx", "Luca Jessop"))
    [name] = named(text)
    assert f"The previous version of pairs.xlsx is kept as {name}: copy it back over " \
        "pairs.xlsx if this was a mistake." in text
    assert (paired.parent / name).read_bytes() == before


def test_withdraw_in_names_the_copy_of_each_file(run: Runner, paired: Path) -> None:
    """With --in both workbooks change: each copy is named, and the way back names the
    pairs workbook's, the one to copy back."""
    volunteers = paired.parent / "volunteers.xlsx"
    pairs_before, volunteers_before = paired.read_bytes(), volunteers.read_bytes()
    text = said(run("withdraw", "pairs.xlsx", "Isla Okonkwo", "--in", "volunteers.xlsx"))
    pairs_copy, volunteers_copy = named(text)
    assert pairs_copy.startswith("backups/pairs-")
    assert volunteers_copy.startswith("backups/volunteers-")
    assert f"The previous version of pairs.xlsx is kept as {pairs_copy}. Wrote" in text
    assert f"of volunteers.xlsx, whose previous version is kept as {volunteers_copy}. If " \
        f"this withdrawal was a mistake, copy {pairs_copy} back over pairs.xlsx and empty " \
        "that cell" in text
    assert (paired.parent / pairs_copy).read_bytes() == pairs_before
    assert (paired.parent / volunteers_copy).read_bytes() == volunteers_before


def test_withdraw_in_for_someone_in_no_pair_names_the_volunteer_workbooks_copy(
        run: Runner, paired: Path) -> None:
    """Marta's partner withdrew: nothing moves in pairs.xlsx, only her Status cell is
    written, and the copy of the volunteer workbook is named."""
    run("withdraw", "pairs.xlsx", "Isla Okonkwo")
    volunteers = paired.parent / "volunteers.xlsx"
    before = volunteers.read_bytes()
    text = said(run("withdraw", "pairs.xlsx", "Marta Juniper", "--in", "volunteers.xlsx"))
    [name] = named(text)
    assert f"the next pairing leaves them out; the previous version is kept as {name}." in text
    assert name.startswith("backups/volunteers-")
    assert (paired.parent / name).read_bytes() == before


def test_pair_keep_names_its_backup_and_a_dry_run_names_none(run: Runner,
                                                             paired: Path) -> None:
    dry = said(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--dry-run"))
    assert named(dry) == [] and not (paired.parent / "backups").exists()
    before = paired.read_bytes()
    text = said(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx"))
    [name] = named(text)
    assert f"0 new; the previous version is kept as {name}." in text
    assert (paired.parent / name).read_bytes() == before


def test_pair_keep_in_another_folder_names_the_copy_from_here(run: Runner,
                                                              paired: Path) -> None:
    (paired.parent / "records").mkdir()
    moved = paired.rename(paired.parent / "records" / "pairs.xlsx")
    before = moved.read_bytes()
    text = said(run("pair", "volunteers.xlsx", "--keep", "records/pairs.xlsx"))
    [name] = named(text)
    assert name.startswith("records/backups/pairs-")
    assert (paired.parent / name).read_bytes() == before


def test_preferences_import_names_its_backup(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [
        ["amelia@nhs.net", "Amelia Ashworth", "Oliver Pemberton", "", "", "", "", ""]])
    dry = said(run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx",
                   "--dry-run"))
    assert named(dry) == []
    before = book.read_bytes()
    text = said(run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx"))
    [name] = named(text)
    assert f"Updated volunteers.xlsx; the previous version is kept as {name}." in text
    assert (tmp_path / name).read_bytes() == before


def test_plan_save_names_its_backup_and_none_for_a_new_scheme_toml(run: Runner,
                                                                   tmp_path: Path) -> None:
    """A scheme.toml that was not there before has no version before: the message said it
    was in backups/ all the same."""
    text = said(run("plan", "--start", "2027-04-19", "--save"))
    assert "Saved the dates in scheme.toml." in text and named(text) == []
    assert not (tmp_path / "backups").exists()
    toml = tmp_path / "scheme.toml"
    toml.write_text("# my notes\n[scheme]\nname = \"Test\"\n", encoding="utf-8")
    text = said(run("plan", "--start", "2027-04-19", "--save"))
    [name] = named(text)
    assert name.startswith("backups/scheme-") and name.endswith(".toml")
    assert f"Saved the dates in scheme.toml; the version before is kept as {name}." in text
    assert (tmp_path / name).read_text(encoding="utf-8") == \
        "# my notes\n[scheme]\nname = \"Test\"\n"



def test_the_readme_says_the_newest_five_are_kept_and_when_one_goes() -> None:
    """The README said each file 'keeps its own last five copies', and not that a copy is
    deleted once five more changes are made: the time the administrator has to copy back
    the file a message names (the first visit test above holds wessex to it)."""
    from wessex_cli.safe_write import BACKUPS_KEPT

    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md")
                      .read_text(encoding="utf-8").split())
    assert BACKUPS_KEPT == 5
    assert "Only the newest five copies of each file are kept, so a copy is deleted once five " \
        "more changes have been made to that file" in readme
    assert "the command names the copy it made" in readme
