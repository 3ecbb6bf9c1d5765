"""The example volunteer workbook's specialties read as an administrator would type them:
an abbreviation such as ANP stays in capitals (the generator's capitalize() made it 'Anp',
which the letters and the mail merge then carried)."""

from __future__ import annotations

import csv
from pathlib import Path

from .conftest import EXAMPLES, Runner


def test_the_example_anps_specialty_is_written_as_the_abbreviation(run: Runner,
                                                                   tmp_path: Path) -> None:
    run("mailmerge", str(EXAMPLES / "volunteers.xlsx"), "-o", "merge.csv",
        "--scheme", str(EXAMPLES / "scheme.toml"))
    with (tmp_path / "merge.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    specialty = {row["FullName"]: row["Specialty"] for row in rows}
    # the example's three ANPs in general practice, Tegan Rooke among them
    anps = [row["FullName"] for row in rows if row["Profession"] == "ANP"]
    assert "Tegan Rooke" in anps and len(anps) == 3
    assert {specialty[name] for name in anps} == {"ANP"}
    # the other primary-care roles keep their word, capitalised as before
    assert {row["Specialty"] for row in rows if row["Profession"] == "Practice nurse"} == \
        {"Nurse"}
