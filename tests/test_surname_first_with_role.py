"""A name typed surname first with a role after a second comma ("van der Berg, Anna, GP",
"Berg, Anna, GP"): the role was read into the name, so letters greeted 'Dear van der Berg'
or 'Dear Berg, Anna, GP', and a preference or Avoid naming 'Anna van der Berg' named
nobody. The role is no part of the name; an Avoid cell naming her so still keeps the two
apart."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_a_role_after_a_name_typed_surname_first(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("van der Berg, Anna, GP", "anna.berg@nhs.net", "GP",
               Organisation="Quayside Surgery"),
        person("Berg, Tom, Practice Nurse", "tom.berg@nhs.net", "Practice nurse",
               Organisation="Moor Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Anna van der Berg"}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Tom Berg"}),
    ])
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors, 2 warnings" in checked
    assert "wessex reads it as Anna van der Berg." in checked
    assert "wessex reads it as Tom Berg." in checked
    paired = " ".join(run("pair", "v.xlsx").stdout.split())
    assert "was Priya Lund's 1st choice" in paired
    assert "was Owen Hart's 1st choice" in paired
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    to_anna = next(text for stem, text in letters.items() if "anna" in stem)
    assert to_anna.startswith("Dear Anna,\n")
    to_tom = next(text for stem, text in letters.items() if "tom" in stem)
    assert to_tom.startswith("Dear Tom,\n")
    assert "- Anna van der Berg, GP, Quayside Surgery\n" in letters["priya-lund"]


def test_an_avoid_naming_her_so_still_keeps_them_apart(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("van der Berg, Anna, GP", "anna.berg@nhs.net", "GP",
               Organisation="Quayside Surgery"),
        person("Ida Cole", "ida.cole@nhs.net", "GP", Organisation="Moor Surgery"),
        person("Kai Moss", "kai.moss@nhs.net", "GP", Organisation="Hill Surgery"),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Anna van der Berg",
               **{"Preference 1": "Anna van der Berg"}),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", Avoid="van der Berg, Anna, GP",
               **{"Preference 1": "Anna van der Berg"}),
    ])
    checked = " ".join(run("check", "v.xlsx", code=None).stdout.split())
    assert "'Anna van der Berg' names nobody" not in checked
    assert "'van der Berg, Anna' names nobody" not in checked
    # the role, typed as an entry of its own, names nobody: an error, so the row waits for
    # it to be put right, never a reason to let the two be paired
    assert "'GP' names nobody in the list." in checked
    run("pair", "v.xlsx", "--skip-errors")
    import openpyxl

    rows = list(openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"].iter_rows(
        values_only=True))
    assert any("Owen Hart" in row for row in rows)
    for row in rows:
        cells = " ".join(str(cell) for cell in row)
        assert not ("Berg" in cells and ("Owen Hart" in cells or "Priya Lund" in cells))
