"""Issue 14: withdraw's core says who is still paired after a withdrawal and, with the
volunteer workbook read, who has a place left; the command only words it. Tested here at the
core, on the example pairs workbook: Dr Leon Ince is in P018 with Dr Priya Varga and in P022
with Dr Zainab Abernethy."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from wessex_cli.model import Person
from wessex_cli.record import (
    PartnerKept,
    StatusCell,
    StillPaired,
    Withdrawal,
    new_partners,
    volunteer_to_withdraw,
    withdraw,
)
from wessex_cli.scheme import load_scheme

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WHEN = dt.date(2027, 6, 1)


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    return tmp_path / "pairs.xlsx"


def test_a_partner_with_another_pair_is_still_paired_with_key_and_partners(pairs: Path) -> None:
    done = withdraw(pairs, "Priya Varga", "illness", WHEN)
    assert done.partners == ["Dr Leon Ince"]
    assert done.still_paired == {
        "Dr Leon Ince": StillPaired("leon.ince@nhs.net", ("Dr Zainab Abernethy",))}


def test_partners_left_without_a_pair_are_not_still_paired(pairs: Path) -> None:
    done = withdraw(pairs, "Leon Ince", "", WHEN)
    assert sorted(done.partners) == ["Dr Priya Varga", "Dr Zainab Abernethy"]
    assert done.still_paired == {}


def _withdrawal(partners: list[str], still: dict[str, StillPaired],
                whole_scheme: bool = True) -> Withdrawal:
    return Withdrawal("Dr Ada Quill", partners, whole_scheme, still)


def _status(capacities: dict[str, int]) -> StatusCell:
    """The volunteer workbook of 'withdraw --in', read: each one's Capacity and its cell."""
    cells = {key: f"Volunteers!O{row}" for row, key in enumerate(capacities, start=5)}
    return StatusCell(Path("v.xlsx"), "Volunteers", 1, "Status", 2,
                      Person("Dr Ada Quill", "ada@example.org"), capacities, cells,
                      "Max partners")


XAVIER = StillPaired("xavier@example.org", ("Dr Ben Roe",))


def test_a_capacity_above_the_pairs_kept_leaves_a_place() -> None:
    # Xavier Pell keeps his pair with Ben Roe and can take two partners: one place is free
    after = new_partners(_withdrawal(["Mr Xavier Pell"], {"Mr Xavier Pell": XAVIER}),
                         _status({"xavier@example.org": 2}))
    assert after.still_paired == (PartnerKept("Mr Xavier Pell", ("Dr Ben Roe",), 2,
                                              "Volunteers!O5", True),)
    assert after.free == ("Mr Xavier Pell",)
    assert after.unknown == ()


def test_a_capacity_the_pairs_kept_fill_leaves_none() -> None:
    after = new_partners(_withdrawal(["Mr Xavier Pell"], {"Mr Xavier Pell": XAVIER}),
                         _status({"xavier@example.org": 1}))
    assert [(p.capacity, p.has_place) for p in after.still_paired] == [(1, False)]
    assert after.free == ()
    assert after.unknown == ()
    # two pairs kept of a Capacity of 2: full too; of 3, a place
    two = StillPaired("xavier@example.org", ("Dr Ben Roe", "Dr Cara Voss"))
    for capacity, place in ((2, False), (3, True)):
        after = new_partners(_withdrawal(["Mr Xavier Pell"], {"Mr Xavier Pell": two}),
                             _status({"xavier@example.org": capacity}))
        assert [p.has_place for p in after.still_paired] == [place]
        assert after.free == (("Mr Xavier Pell",) if place else ())


def test_without_the_volunteer_workbook_a_place_cannot_be_told() -> None:
    # no --in: no Capacity to read, so neither free nor full
    after = new_partners(_withdrawal(["Mr Xavier Pell"], {"Mr Xavier Pell": XAVIER}), None)
    assert after.still_paired == (PartnerKept("Mr Xavier Pell", ("Dr Ben Roe",), None, "",
                                              None),)
    assert after.free == ()
    assert after.unknown == ("Mr Xavier Pell",)
    # with --in but nobody of that address there: the same
    after = new_partners(_withdrawal(["Mr Xavier Pell"], {"Mr Xavier Pell": XAVIER}),
                         _status({"ben@example.org": 2}))
    assert [(p.capacity, p.capacity_cell, p.has_place) for p in after.still_paired] == [
        (None, "", None)]
    assert after.unknown == ("Mr Xavier Pell",)


def test_a_partner_left_without_a_pair_needs_one_and_the_person_staying_may_take_one() -> None:
    # Ada Quill leaves her pairs with Yara Moss (her only pair) and Xavier Pell (who keeps
    # Ben Roe, and is full), staying in the scheme with a third partner
    after = new_partners(_withdrawal(["Dr Yara Moss", "Mr Xavier Pell"],
                                     {"Mr Xavier Pell": XAVIER}, whole_scheme=False),
                         _status({"xavier@example.org": 1}))
    assert after.free == ("Dr Yara Moss",)
    assert after.unknown == ("Dr Ada Quill",)
    # without --in, Xavier may have a place too: named after the person who stays
    after = new_partners(_withdrawal(["Dr Yara Moss", "Mr Xavier Pell"],
                                     {"Mr Xavier Pell": XAVIER}, whole_scheme=False), None)
    assert after.free == ("Dr Yara Moss",)
    assert after.unknown == ("Dr Ada Quill", "Mr Xavier Pell")


ADA = StillPaired("ada@example.org", ("Mr Xavier Pell",))


def test_the_person_staying_with_another_pair_has_a_place_as_their_capacity_says() -> None:
    # Ada Quill leaves her pair with Yara Moss and keeps Xavier Pell; 'withdraw --in' read
    # her Capacity: 2 leaves her a place, 1 none; without a number she stays unknown
    for capacity, place in ((2, True), (1, False)):
        after = new_partners(Withdrawal("Dr Ada Quill", ["Dr Yara Moss"], False, {}, ADA),
                             _status({"ada@example.org": capacity}))
        assert after.still_paired == (PartnerKept("Dr Ada Quill", ("Mr Xavier Pell",), capacity,
                                                  "Volunteers!O5", place),)
        assert after.free == (("Dr Yara Moss", "Dr Ada Quill") if place else ("Dr Yara Moss",))
        assert after.unknown == ()
    after = new_partners(Withdrawal("Dr Ada Quill", ["Dr Yara Moss"], False, {}, ADA), None)
    assert after.still_paired == ()
    assert after.unknown == ("Dr Ada Quill",)


def test_withdrawing_from_one_pair_records_the_pairs_the_person_keeps(pairs: Path) -> None:
    done = withdraw(pairs, "Leon Ince", "", WHEN, partner="Priya Varga")
    assert not done.whole_scheme
    assert done.stays == StillPaired("leon.ince@nhs.net", ("Dr Zainab Abernethy",))
    assert withdraw(pairs, "Zainab Abernethy", "", WHEN).stays is None  # the whole scheme


def test_the_example_volunteer_workbook_gives_leon_ince_a_place(pairs: Path) -> None:
    # in the example volunteer workbook Leon Ince's Max partners (O48) is 2
    volunteers = pairs.parent / "volunteers.xlsx"
    shutil.copy(EXAMPLES / "volunteers.xlsx", volunteers)
    status = volunteer_to_withdraw(volunteers, "Priya Varga",
                                   load_scheme(EXAMPLES / "scheme.toml"))
    after = new_partners(withdraw(pairs, "Priya Varga", "", WHEN, listed=status.person),
                         status)
    assert after.still_paired == (PartnerKept("Dr Leon Ince", ("Dr Zainab Abernethy",), 2,
                                              "Volunteers!O48", True),)
    assert after.free == ("Dr Leon Ince",)
    assert after.unknown == ()


def test_withdraw_with_in_says_the_person_staying_has_a_place(tmp_path: Path) -> None:
    """Dr Leon Ince leaves his pair with Dr Priya Varga and keeps Dr Zainab Abernethy; his
    Max partners (Volunteers!O48) is 2. With --in read, the output says he has a place and
    the Next line sends him to 'pair --keep' with Priya, where it said only 'another, if
    their row in the volunteer workbook lets them take one more' of the row it had read."""
    from .conftest import Runner

    for name in ("pairs.xlsx", "volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    said = " ".join(Runner(tmp_path)("withdraw", "pairs.xlsx", "Leon Ince", "--partner",
                                     "Priya Varga", "--in", "volunteers.xlsx").output.split())
    assert "Dr Leon Ince is still paired with Dr Zainab Abernethy and can take 2 partners " \
        "(Max partners, Volunteers!O48 in volunteers.xlsx), so has a place for one more." in said
    assert "Next: run 'wessex pair volunteers.xlsx --keep pairs.xlsx' to find Dr Priya Varga " \
        "and Dr Leon Ince a new partner." in said
    assert "another, if their row" not in said
