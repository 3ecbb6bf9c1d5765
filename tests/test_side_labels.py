"""A side may not be labelled as a heading the tables print beside the sides' own columns:
labelled 'Pair', the table of pairs read "Pair | GPs | Pair | Score | Why", and labelled
'Answer', an equality table "Answer | All | Answer | ...". scheme.toml is refused, naming the
key's line and what to do, as a label 'All' already was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Runner, small_roster, write_book

PAIRS_TABLE = ("the table of pairs 'wessex pair' prints has a column of its own headed '{}', "
               "so two columns would be headed alike. Give the side another label, for "
               "example: label = \"Secondary care\". That table keeps 'Pair', 'Score' and "
               "'Why' for columns of its own.")
EQUALITY = ("the equality tables have a column of their own headed 'Answer', so two columns "
            "would be headed alike. Give the side another label, for example: label = "
            "\"Secondary care\". The tables keep 'Answer', 'All', 'Not stated' and 'Other "
            "groups' for columns of their own.")


@pytest.mark.parametrize(("label", "said"), [
    ("Pair", PAIRS_TABLE.format("Pair")), ("score", PAIRS_TABLE.format("Score")),
    ("WHY", PAIRS_TABLE.format("Why")), ("Answer", EQUALITY), ("answer ", EQUALITY)])
def test_a_side_labelled_as_a_heading_of_the_tables_is_refused(
        run: Runner, tmp_path: Path, label: str, said: str) -> None:
    (tmp_path / "scheme.toml").write_text(
        f'[sides.primary]\nlabel = "GPs"\n\n[sides.secondary]\nlabel = "{label}"\n')
    write_book(tmp_path / "v.xlsx", small_roster())
    for command in (["check", "v.xlsx"], ["pair", "v.xlsx", "--dry-run"]):
        refused = " ".join(run(*command, code=1).output.split())
        assert f"setting 'sides.secondary.label' (line 5) is '{label.strip()}': {said}" \
            in refused
