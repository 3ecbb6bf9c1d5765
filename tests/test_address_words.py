"""A bad e-mail address is worded alike wherever wessex reports it: 'check' on the volunteer
workbook, the warnings of the pairs workbook and the refusals of 'render' all say what
``roster.address_fault`` says, in the administrator's (British) English, and each thing once."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner, person, small_roster, write_book


def test_check_words_a_bad_address_as_every_other_warning_does(run: Runner,
                                                               tmp_path: Path) -> None:
    """'check' said "... (why). Correct the address.", naming nobody, where a warning of the
    pairs workbook and a refusal to write a draft name whom it is for and when to fix it."""
    people = [*small_roster()[1:], person("Dr Amelia Ashworth", "amelia@example",
                                          Organisation="Harbourside Surgery")]
    write_book(tmp_path / "v.xlsx", people)
    said = [problem["message"] for problem in
            json.loads(run("check", "v.xlsx", "--json", code=1).stdout)["problems"]]
    assert "'amelia@example' is not a valid e-mail address (The part after the @-sign is not " \
           "valid. It should have a period), for Dr Amelia Ashworth. Correct it before " \
           "sending anything to them." in said
