"""A table withheld from its breakdown by group said why: "'GP' had fewer than 8 answers"
when a group was small, but "Not broken down by group, so that no one's answer can be worked
out" only when a group had answered alike. Beside the other tables, which showed every group
with more than 8 answers, that second note told the reader that one group's answers were all
the same ("Disability: No" for every consultant, read off the "All" column). Every table
withheld from its breakdown now carries one note, worded the same whatever the reason, so
that a group answering alike cannot be told from a group too few answered in.

Every form here is invented; the expected notes are written by hand.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from wessex_cli.equality import build_table

from .conftest import Runner
from .test_equality_alike import write_forms

NOTE = ("Not broken down by group: a group's figures could tell what someone answered, as "
        "fewer than 8 in it answered this question or their answers were too alike.")


def test_every_reason_for_no_breakdown_is_said_alike() -> None:
    # ten consultants all said No
    alike = build_table("disability", [("GP", ["Yes"])] * 10 + [("GP", ["No"])] * 10 +
                        [("Consultant", ["No"])] * 10)
    # three consultants answered beside twenty GPs
    small = build_table("disability", [("GP", ["Yes"])] * 10 + [("GP", ["No"])] * 10 +
                        [("Consultant", ["No"])] * 2 + [("Consultant", ["Yes"])])
    # every group small
    all_small = build_table("disability", [("GP", ["Yes"])] * 5 + [("GP", ["No"])] * 2 +
                            [("Consultant", ["No"])] * 4 + [("Consultant", ["Yes"])] * 3)
    for table in (alike, small, all_small):
        assert table.columns == ["All"]
        assert table.notes == [NOTE]


def test_the_report_says_nothing_of_a_group_answering_alike(run: Runner,
                                                            tmp_path: Path) -> None:
    # ten of each; every secondary-care answer to Disability is No
    write_forms(tmp_path / "forms.xlsx", [("primary" if index % 2 else "secondary",
                                           "Man" if index % 4 < 2 else "Woman",
                                           "Yes" if index % 4 == 1 else "No")
                                          for index in range(20)])
    result = run("equality", "forms.xlsx", "--json", "-o", "equality.html")
    tables = {t["question"]: t for t in json.loads(result.stdout)["tables"]}
    assert tables["gender"]["columns"] == ["All", "Primary care", "Secondary care"]
    assert tables["disability"]["columns"] == ["All"]
    assert tables["disability"]["notes"] == [NOTE]
    page = html.unescape(" ".join((tmp_path / "equality.html").read_text("utf-8").split()))
    assert "so that no one's answer can be worked out" not in page
    assert NOTE in page
