"""A bad e-mail address is worded alike wherever wessex reports it: 'check' on the volunteer
workbook, the warnings of the pairs workbook and the refusals of 'render' all say what
``roster.address_fault`` says, in the administrator's (British) English, and each thing once."""

from __future__ import annotations

import json
from pathlib import Path

from wessex_cli.roster import address_fault

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
           "valid. It should have a full stop), for Dr Amelia Ashworth. Correct it before " \
           "sending anything to them." in said


def test_the_validators_reasons_are_worded_in_british_english(run: Runner,
                                                             tmp_path: Path) -> None:
    """email-validator says 'period' and 'email'; the administrator, in the UK, reads 'full
    stop', and 'e-mail' as wessex writes it everywhere else."""
    assert address_fault("Pairs!C2", "ann.lee@nhs.net.", "Ann Lee") == (
        "Pairs!C2: 'ann.lee@nhs.net.' is not a valid e-mail address (An e-mail address cannot "
        "end with a full stop), for Ann Lee")
    assert address_fault("", "ann..lee@nhs.net", "Ann Lee") == (
        "'ann..lee@nhs.net' is not a valid e-mail address (An e-mail address cannot have two "
        "full stops in a row), for Ann Lee")
    people = [*small_roster()[1:], person("Dr Amelia Ashworth", "amelia.@example.org",
                                          Organisation="Harbourside Surgery")]
    write_book(tmp_path / "v.xlsx", people)
    said = " ".join(json.dumps(json.loads(run("check", "v.xlsx", "--json",
                                              code=1).stdout)).split())
    assert "An e-mail address cannot have a full stop immediately before the @-sign" in said
    assert "period" not in said
