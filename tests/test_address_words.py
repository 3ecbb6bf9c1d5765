"""A bad e-mail address is worded alike wherever wessex reports it: 'check' on the volunteer
workbook, the warnings of the pairs workbook and the refusals of 'render' all say what
``roster.address_fault`` says, in the administrator's (British) English, and each thing once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def test_a_refusal_leaves_the_fault_to_the_warning_just_above_it(run: Runner,
                                                                 tmp_path: Path) -> None:
    """The partner of someone who left the scheme, her address mistyped on the Withdrawn
    sheet: the warning said what was wrong and what to do, and the refusal to write the
    drafts said the same again. The refusal now names the cell and whose it is."""
    from .test_words import withdrawn_partner

    book, partner, address, _ = withdrawn_partner(run, tmp_path)
    address.value = "partner@example"
    book.save(tmp_path / "pairs.xlsx")
    said = " ".join(run("render", "celebration-invite", "--pairs", "pairs.xlsx",
                        code=1).stderr.split())
    fault = f"Withdrawn!{address.coordinate}: 'partner@example' is not a valid e-mail address"
    assert f"{fault} (The part after the @-sign is not valid. It should have a full stop), " \
           f"for {partner} (in no pair now); correct it before sending anything to them." \
           in said
    assert said.count(fault) == 1
    assert f"cannot be addressed: Withdrawn!{address.coordinate} ({partner}'s address, " \
           "warned of above). Fill in or correct the address in each cell named" in said


def test_a_refusal_no_warning_came_before_says_the_fault_itself() -> None:
    """What no warning above has said, the refusal says in full: its cell, what is wrong
    and for whom."""
    from wessex_cli.documents import Recipient, load_template, refuse_unaddressed
    from wessex_cli.errors import TemplateError
    from wessex_cli.model import Person
    from wessex_cli.scheme import Scheme

    template = load_template("reminder", Scheme())
    ann = Person("Ann Lee", "ann@nhs", email_cell="Pairs!C2")
    fault = "Pairs!C2: 'ann@nhs' is not a valid e-mail address"
    with pytest.raises(TemplateError) as refused:
        refuse_unaddressed(template, [Recipient("Ann Lee", "ann@nhs", {}, "ann-lee", ann)])
    assert f"cannot be addressed: {fault} (The part after the @-sign is not valid. It " \
           "should have a full stop), for Ann Lee." in str(refused.value)
    warned = [f"{fault} (The part after the @-sign is not valid. It should have a full "
              "stop), for Ann Lee; correct it before sending anything to them."]
    with pytest.raises(TemplateError) as refused:
        refuse_unaddressed(template, [Recipient("Ann Lee", "ann@nhs", {}, "ann-lee", ann)],
                           warned)
    assert "cannot be addressed: Pairs!C2 (Ann Lee's address, warned of above)." in \
        str(refused.value)


def test_a_refusal_leaves_a_missing_address_to_the_warning_above_it() -> None:
    """The warning of someone in no pair now says "(in no pair now)" between the name and
    "has no e-mail address": the refusal below still names the cell only, not the fault a
    second time. A warning of another matter in the same cell leaves the fault to it."""
    from wessex_cli.documents import Recipient, load_template, refuse_unaddressed
    from wessex_cli.errors import TemplateError
    from wessex_cli.model import Person
    from wessex_cli.scheme import Scheme

    template = load_template("reminder", Scheme())
    maryam = Person("Dr Maryam Kowalczyk", "", email_cell="Unpaired!B2")
    someone = [Recipient("Dr Maryam Kowalczyk", "", {}, "maryam-kowalczyk", maryam)]
    for warned, said in (
            (["Unpaired!B2: Dr Maryam Kowalczyk (in no pair now) has no e-mail address; fill "
              "it in before sending anything to them."],
             "cannot be addressed: Unpaired!B2 (Dr Maryam Kowalczyk's address, warned of "
             "above)."),
            (["Unpaired!B2: this cell held control characters; they were removed."],
             "cannot be addressed: Unpaired!B2: Dr Maryam Kowalczyk has no e-mail address.")):
        with pytest.raises(TemplateError) as refused:
            refuse_unaddressed(template, someone, warned)
        assert said in str(refused.value)
