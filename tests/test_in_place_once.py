"""One withdrawal leaves one place. Mr Colm Reid 0's only partner withdrew; by the next
'pair --keep' he could take two partners, and it gave him two new ones in one run. Both
pairs were recorded on the Settings sheet as made in place of the withdrawn pair, and both
letters to him said the new partner was in the earlier one's place. Only one can be: the
first pair given (the lower pair ID) is in that place, the other is a further partner."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book
from .test_in_place_row_lost import _delete_row, _ids, _in_place_row, _said
from .test_introduction_repaired import (
    CONSULTANTS,
    EARLIER,
    GPS,
    _letters,
    _paired_with_one_over,
    _partners,
    _to,
)

NEWCOMER = person("Dr Gwen Pryce 9", "gp9@example.org", "GP", Organisation="Practice 9")


def test_two_new_partners_for_one_who_stayed_fill_one_place(run: Runner,
                                                            tmp_path: Path) -> None:
    first, spare = _paired_with_one_over(run, tmp_path)
    ended = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", first))]
    run("withdraw", "pairs.xlsx", first)
    # Colm 0 now takes two partners, and a newcomer joins: two new pairs for him at once
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1],
                                     NEWCOMER])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path)["Mr Colm Reid 0"] == {spare, "Dr Gwen Pryce 9"}
    ids = _ids(tmp_path)
    made = sorted((ids[frozenset(("Mr Colm Reid 0", spare))],
                   ids[frozenset(("Mr Colm Reid 0", "Dr Gwen Pryce 9"))]))
    partner_of = {ids[frozenset(("Mr Colm Reid 0", name))]: name
                  for name in (spare, "Dr Gwen Pryce 9")}
    in_place, further = partner_of[made[0]], partner_of[made[1]]
    letters = _letters(run, tmp_path, "new")
    first_name = in_place.split()[1]  # "Gwen"
    assert "One of your earlier partners in this exchange is no longer able to take part, so " \
        f"{first_name} is your new partner in their place." in \
        _to(letters, "Mr Colm Reid 0", in_place)
    assert EARLIER not in _to(letters, "Mr Colm Reid 0", further)
    # a later 'pair --keep' records the one, and the letters say the same still
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _in_place_row(tmp_path) == f"{made[0]} in place of {ended}"
    again = _letters(run, tmp_path, "kept")
    assert _to(again, "Mr Colm Reid 0", in_place) == _to(letters, "Mr Colm Reid 0", in_place)
    assert EARLIER not in _to(again, "Mr Colm Reid 0", further)
    # the row deleted: the warning gives back the one entry, and names the one letter
    assert _delete_row(tmp_path / "pairs.xlsx")
    status = _said(run, "status", "pairs.xlsx")
    assert f"most likely '{made[0]} in place of {ended}'." in status
    assert f"Without it, the introduction of Mr Colm Reid 0 to {in_place} (pair {made[0]}) " \
        "leaves out the sentence" in status
    assert f"(pair {made[1]})" not in status


def test_one_new_partner_is_in_the_place_as_before(run: Runner, tmp_path: Path) -> None:
    """No rival: the one new pair for Colm 0 is recorded, as it always was."""
    first, spare = _paired_with_one_over(run, tmp_path)
    ended = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", first))]
    run("withdraw", "pairs.xlsx", first)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    new = _ids(tmp_path)[frozenset(("Mr Colm Reid 0", spare))]
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _in_place_row(tmp_path) == f"{new} in place of {ended}"


def test_a_record_unread_holds_back_only_the_first_pair_s_sentence(run: Runner,
                                                                   tmp_path: Path) -> None:
    """The Settings record of the last pairing typed over, so that it cannot be read whole:
    render warns that the introduction which would say the new partner is in the earlier
    one's place leaves that sentence out. Of Colm 0's two new pairs only the first given
    would say it, so only its letter is named; the other never said it."""
    from .test_repaired_kept import _type_into_the_record

    first, spare = _paired_with_one_over(run, tmp_path)
    run("withdraw", "pairs.xlsx", first)
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1],
                                     NEWCOMER])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    ids = _ids(tmp_path)
    made = sorted((ids[frozenset(("Mr Colm Reid 0", spare))],
                   ids[frozenset(("Mr Colm Reid 0", "Dr Gwen Pryce 9"))]))
    _type_into_the_record(tmp_path / "pairs.xlsx")
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "md",
                 "-o", "held", "--allow-placeholders")
    said = " ".join(result.output.split())
    assert said.count("leaves out the sentence") == 1
    assert f"(pair {made[0]}) leaves out the sentence" in said
    assert f"(pair {made[1]})" not in said
