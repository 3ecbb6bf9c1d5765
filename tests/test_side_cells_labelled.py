"""The pairs workbook's "A side" and "B side" columns and the Unpaired sheet's "Side" column
held the key ('primary', 'secondary') where the volunteer workbook's Side drop-down, the
Summary sheet and every table name the side by its label from scheme.toml ("Primary care").
They now hold the label; wessex reads either back, since workbooks written before hold keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from wessex_cli.pairs_workbook import read_pairs_workbook

from .conftest import Runner, person, write_book
from .test_record import columns, pair_emails, people

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LABELLED = "[sides.primary]\nlabel = \"GP surgeries\"\n[sides.secondary]\nlabel = \"Hospitals\"\n"


def _side_cells(path: Path) -> tuple[set[object], set[object]]:
    """The values of the Pairs sheet's A side and B side columns, and of the Unpaired
    sheet's Side column."""
    book = openpyxl.load_workbook(path)
    pairs, unpaired = book["Pairs"], book["Unpaired"]
    col = columns(pairs)
    sides = {pairs.cell(r, col[f"{half} side"]).value
             for r in range(2, pairs.max_row + 1) for half in "AB"}
    side = columns(unpaired)["Side"]
    return sides, {unpaired.cell(r, side).value for r in range(2, unpaired.max_row + 1)}


def test_the_example_pairing_writes_each_side_by_its_label(run: Runner, tmp_path: Path) -> None:
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    run("pair", "volunteers.xlsx")
    sides, unpaired = _side_cells(tmp_path / "pairs.xlsx")
    assert sides == {"Primary care", "Secondary care"}
    # one more place on the Primary care side than on the other: its volunteer is left over
    assert unpaired == {"Primary care"}


def _with_labels(run: Runner, folder: Path, roster: list[dict[str, object]]) -> Path:
    (folder / "scheme.toml").write_text(LABELLED, encoding="utf-8")
    write_book(folder / "v.xlsx", roster)
    run("pair", "v.xlsx")
    return folder / "pairs.xlsx"


def test_a_scheme_s_own_labels_are_written_and_read_back(run: Runner, tmp_path: Path) -> None:
    roster = [*people(), person("Dr GP 9", "gp9@example.org", "GP", Organisation="Practice 9")]
    pairs = _with_labels(run, tmp_path, roster)
    assert _side_cells(pairs) == ({"GP surgeries", "Hospitals"}, {"GP surgeries"})
    book = read_pairs_workbook(pairs)
    assert {p.side for pair in book.pairs for p in (pair.a, pair.b)} == \
        {"primary", "secondary"}
    assert [p.side for p in book.unpaired] == ["primary"]


def _typed_over_with_keys(path: Path) -> None:
    """The side cells as workbooks written before the labels hold them: the keys."""
    book = openpyxl.load_workbook(path)
    for title, heads in (("Pairs", ("A side", "B side")), ("Unpaired", ("Side",))):
        sheet = book[title]
        col = columns(sheet)
        for head in heads:
            for r in range(2, sheet.max_row + 1):
                cell = sheet.cell(r, col[head])
                cell.value = {"GP surgeries": "primary", "Hospitals": "secondary",
                              "Primary care": "primary",
                              "Secondary care": "secondary"}[cell.value]
    book.save(path)


@pytest.mark.parametrize("older", [False, True], ids=["labels", "keys"])
def test_keep_tells_who_changed_side_from_either_form(run: Runner, tmp_path: Path,
                                                      older: bool) -> None:
    """'pair --keep' names the one whose side is not the one the row records: it reads the
    label written there now, and the key an older workbook holds, as the same side."""
    pairs = _with_labels(run, tmp_path, people())
    if older:
        _typed_over_with_keys(pairs)
        assert _side_cells(pairs)[0] == {"primary", "secondary"}
    pair_id, (gp_email, _) = next((pid, emails) for pid, emails in pair_emails(pairs).items()
                                  if emails[1] == "c0@example.org")
    write_book(tmp_path / "v.xlsx", [dict(p, Profession="GP") if p["Email"] == "c0@example.org"
                                     else p for p in people()])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    gp = f"Dr GP {gp_email[2]}"
    assert (f"Pair {pair_id} was not kept: Consultant 0 is now on the GP surgeries side, as "
            f"{gp} is: Consultant 0's Profession cell (Volunteers!C6) in the volunteer workbook "
            "has changed "
            "since the pairing (the Hospitals side then).") in said
    withdrawn = openpyxl.load_workbook(pairs)["Withdrawn"]
    head = [c.value for c in withdrawn[1]]
    row = next(r for r in withdrawn.iter_rows(min_row=2, values_only=True)
               if r[head.index("Pair")] == pair_id)
    assert row[head.index("Withdrawn person")] == "Consultant 0"
    # the pairs kept are written again with the labels, and a key written over with its
    # own side's label is no text of the administrator's copied over
    assert _side_cells(pairs)[0] == {"GP surgeries", "Hospitals"}
    assert "Copied again from the volunteer workbook" not in said


def test_an_older_workbook_s_keys_read_as_the_sides(run: Runner, tmp_path: Path) -> None:
    roster = [*people(), person("Dr GP 9", "gp9@example.org", "GP", Organisation="Practice 9")]
    pairs = _with_labels(run, tmp_path, roster)
    _typed_over_with_keys(pairs)
    book = read_pairs_workbook(pairs)
    assert {(pair.a.side, pair.b.side) for pair in book.pairs} == {("primary", "secondary")}
    assert [p.side for p in book.unpaired] == ["primary"]
