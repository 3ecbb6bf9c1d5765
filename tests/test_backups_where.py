"""Where each kind of backup goes, as the README's "Nothing is lost" passage says: its
passage named `backups/` beside a file and the letters' folder
(`documents/backups/partner-introduction/`), while 'render business-case --force' kept its
copy in `backups/documents/`, as its message said, and the reminders theirs in
`reminders/<date>/backups/reminder/`. Each folder the README names is where copies are found
when the commands are run, and no copy is anywhere else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLES, Runner, few_pairs

README = Path(__file__).resolve().parent.parent / "README.md"


def _named_in_readme() -> set[str]:
    """The folders of backups the README's "Nothing is lost" passage names, each as a path
    from the folder the command runs in ("documents/backups/partner-introduction")."""
    text = README.read_text(encoding="utf-8")
    passage = text[text.index("**Nothing is lost.**"):]
    passage = passage[:passage.index("\n\n", passage.index("- Rendering a letter"))]
    folders = set()
    for span in re.findall(r"`([^`]*backups/[^`]*)`", passage):
        parts = span.rstrip("/").split("/")
        if "." in parts[-1]:  # a copy named: its folder
            parts = parts[:-1]
        folders.add("/".join(parts))
    return folders


@pytest.fixture
def copies(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
           ) -> dict[str, set[str]]:
    """Each kind of file written twice (the second time replacing the first), or changed in
    place: each folder holding a copy, from tmp_path, with the names of the files copied
    there, the time taken off ("business-case.docx")."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")  # the exchange under way: visits owed
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    few_pairs(tmp_path / "pairs.xlsx")
    for force in ((), ("--force",)):
        run("render", "business-case", *force)  # documents/business-case.docx
        run("render", "business-case", "-o", ".", *force)  # ./business-case.docx
        run("render", "partner-introduction", "--pairs", "pairs.xlsx", *force)
        run("remind", "pairs.xlsx", *force)  # reminders/2027-06-01/reminder/
        run("plan", "--ics", "exchange.ics", *force)
    run("withdraw", "pairs.xlsx", "Amelia Ashworth")  # the pairs workbook, changed in place
    found: dict[str, set[str]] = {}
    for copy in tmp_path.rglob("*-UTC.*"):
        where = copy.parent.relative_to(tmp_path).as_posix()
        found.setdefault(where, set()).add(re.sub(r"-\d{8}-\d{6}-\d{6}-UTC", "", copy.name))
    return found


def test_each_kind_of_file_has_its_copies_where_the_readme_says(
        copies: dict[str, set[str]]) -> None:
    assert copies["backups"] == {"pairs.xlsx", "exchange.ics", "business-case.docx"}
    assert copies["backups/documents"] == {"business-case.docx"}
    assert copies["documents/backups/partner-introduction"] == {
        "amelia-ashworth.eml", "chidi-zielinski.eml", "arjun-rasmussen.eml", "noor-kerrigan.eml"}
    assert copies["reminders/2027-06-01/backups/reminder"] == {
        "amelia-ashworth.eml", "chidi-zielinski.eml", "arjun-rasmussen.eml", "noor-kerrigan.eml"}
    assert set(copies) == _named_in_readme()
