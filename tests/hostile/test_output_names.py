"""A volunteer's name decides the file their letter is saved under: a name chosen to clash
with the number given to a namesake ("Ann Smith 2" beside two Ann Smiths) must not stop the
letters being written, nor put two letters in one file."""

from __future__ import annotations

import csv
from pathlib import Path

from ..conftest import COMPLETE_SCHEME, Runner


def test_a_name_like_a_namesakes_file_gets_a_file_of_its_own(run: Runner,
                                                              tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    rows = [["Name", "Email", "Profession", "Organisation"],
            ["Ann Smith", "ann1@nhs.net", "GP", "Surgery One"],
            ["Ann Smith", "ann2@nhs.net", "GP", "Surgery Two"],
            ["Ann Smith 2", "ann3@nhs.net", "GP", "Surgery Three"],
            ["Bob Able", "bob1@nhs.net", "Consultant", "Hospital One"],
            ["Bob Baker", "bob2@nhs.net", "Consultant", "Hospital Two"],
            ["Bob Cole", "bob3@nhs.net", "Consultant", "Hospital Three"]]
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    run("pair", "v.csv")
    for source in (["--pairs", "pairs.xlsx"], ["--volunteers", "v.csv"]):
        document = "partner-introduction" if source[0] == "--pairs" else "preferences-request"
        run("render", document, *source, "--format", "eml", "-o", "out", "--force",
            "--allow-placeholders")
        letters = sorted((tmp_path / "out" / document).glob("*.eml"))
        assert len(letters) == 6, letters
        to = sorted(line for f in letters for line in f.read_text("utf-8").splitlines()
                    if line.startswith("To:"))
        assert sorted(line.split("<")[-1] for line in to) == sorted(
            f"{r[1]}>" for r in rows[1:]), to


def test_many_namesakes_are_numbered_each_once(tmp_path: Path) -> None:
    # Each namesake's number was looked for from 1: 20,000 letters to one name took 53 s.
    # (The growth is benchmarks/complexity.py's "namesakes"; the suite times nothing.)
    from types import SimpleNamespace

    from wessex_cli.documents import output_paths

    template = SimpleNamespace(audience="volunteers", name="letter")
    people = [SimpleNamespace(stem="ann-smith") for _ in range(20_000)]
    people[1:1] = [SimpleNamespace(stem="ann-smith-2"), SimpleNamespace(stem="ann-smith-2")]
    paths = output_paths(template, people, "eml", tmp_path)  # type: ignore[arg-type]
    names = [p.stem for p in paths]
    assert len(set(names)) == len(names)
    assert names[:5] == ["ann-smith", "ann-smith-2", "ann-smith-2-2", "ann-smith-3",
                         "ann-smith-4"]


def test_professions_whose_names_make_one_file_name_get_a_file_each(run: Runner,
                                                                     tmp_path: Path) -> None:
    # 'Nurse' on one side and 'nurse' on the other: the per-profession copies of a letter to
    # the scheme were aimed at one file, and the render stopped with 'File exists'
    scheme = COMPLETE_SCHEME.replace(
        "[sides.primary]\n", '[sides.primary]\nprofessions = ["GP", "Nurse"]\n').replace(
        "[sides.secondary]\n", '[sides.secondary]\nprofessions = ["Consultant", "nurse"]\n')
    assert scheme.count("professions") == 2
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    run("render", "call-to-action", "--allow-placeholders")
    written = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert written == ["call-to-action-consultant.eml", "call-to-action-gp.eml",
                       "call-to-action-nurse-2.eml", "call-to-action-nurse.eml"]


def test_a_name_windows_keeps_for_a_device_is_no_file_name(run: Runner,
                                                          tmp_path: Path) -> None:
    # Volunteers known by one name, "Con" and "Nul": their letters were con.eml and
    # nul.eml, which Windows cannot write ("con") or writes to nowhere ("nul"), the letter
    # reported as written all the same
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    rows = [["Name", "Email", "Profession", "Organisation"],
            ["Con", "con@nhs.net", "GP", "Surgery One"],
            ["Dr Com\u00b9", "com@nhs.net", "GP", "Surgery Two"],  # a superscript one
            ["Nul", "nul@nhs.net", "Consultant", "Hospital One"],
            ["Lpt9", "lpt@nhs.net", "Consultant", "Hospital Two"]]
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    run("pair", "v.csv")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "eml",
        "-o", "out", "--allow-placeholders")
    written = sorted(p.name for p in (tmp_path / "out" / "partner-introduction").iterdir())
    assert written == ["com1-1.eml", "con-1.eml", "lpt9-1.eml", "nul-1.eml"]


def test_two_long_names_make_file_names_a_windows_path_can_hold(run: Runner,
                                                              tmp_path: Path) -> None:
    # Each name gave up to 80 characters of a file name, and a file named for two people
    # ("...-hosts-...", "certificate-...-with-...") took 170 and more: inside a deep folder
    # the path passed the 260 characters Windows allows, and the letter could not be saved.
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    long_gp = "Dr Bartholomew Alexander Fitzwilliam-Montgomery Ravenscroft-Haverstocks"
    long_consultant = "Professor Wilhelmina Josephine Featherstonehaugh-Cholmondeley Smythe-Ord"
    rows = [["Name", "Email", "Profession", "Organisation"],
            [long_gp + " Ashbury", "a@nhs.net", "GP", "Surgery One"],
            [long_gp + " Ashdown", "b@nhs.net", "GP", "Surgery Two"],
            [long_consultant + " Abbot", "c@nhs.net", "Consultant", "Hospital One"],
            [long_consultant + " Abney", "d@nhs.net", "Consultant", "Hospital Two"]]
    assert sorted({len(r[0]) for r in rows[1:]}) == [78, 79]  # the Name, titles aside
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    run("pair", "v.csv")
    names: list[str] = []
    for document in ("partner-introduction", "patient-notice"):
        for attempt in range(2):  # the same names on every run
            run("render", document, "--pairs", "pairs.xlsx", "-o", f"out{attempt}",
                "--allow-placeholders", "--force")
        written = sorted(p.name for p in (tmp_path / "out0" / document).iterdir())
        assert written == sorted(p.name for p in (tmp_path / "out1" / document).iterdir())
        names += written
    assert len(names) == 4 + 2, names  # a letter each, a notice for each GP host
    assert len(set(names)) == len(names)
    # readable: each starts with the start of the person's name...
    assert all(n.startswith("bartholomew-alexander-fitzwill") or
               n.startswith("wilhelmina-josephine-feathersto") for n in names), names
    # ...and short: a name of nearly 80 characters gives 40 at most, two of them under 100
    assert max(len(n) for n in names) < 100, names
