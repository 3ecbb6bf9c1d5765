"""Hand-mutation kills (mut5) for the warnings that a partner introduction may leave out
the sentence "... is your new partner in the place of one who withdrew": neither is given
for a pair whose letter never had that sentence to lose. A pair kept from before the
withdrawal was made in nobody's place (``in_place_held_back``), and a pair of the same two
people as the withdrawn one, locked together again, is no new partner for either
(``in_place_held_back`` and ``likely_in_place``: the partner check)."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book
from .test_in_place_row_lost import TITLE, _delete_row, _said
from .test_introduction_repaired import EARLIER, _letters, _partners, _second_partner_before
from .test_repaired_kept import _type_into_the_record

HELD_BACK = "leaves out the sentence"


def test_a_kept_pair_made_before_the_withdrawal_is_not_warned_of(run: Runner,
                                                                  tmp_path: Path) -> None:
    """Colm 0 took Gwen 2 as a second partner before his first withdrew; 'pair --keep' has
    marked that pair 'kept' since. With the record of the last pairing typed over, its
    letter has no sentence to leave out: the only warning is the one naming that cell."""
    first = _second_partner_before(run, tmp_path)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    run("withdraw", "pairs.xlsx", first)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path)["Mr Colm Reid 0"] == {"Dr Gwen Pryce 2"}
    row = _type_into_the_record(tmp_path / "pairs.xlsx")
    said = _said(run, "status", "pairs.xlsx")
    assert f"Settings!B{row}" in said
    assert HELD_BACK not in said


def _locked_again(run: Runner, folder: Path) -> None:
    """Dr Ann Holt (two places) paired with Mr Tom Reed and Ms Una Vale; she leaves the pair
    with Tom only, and the next 'pair --keep' locks the two together again."""
    write_book(folder / "v.xlsx", [
        person("Dr Ann Holt", "ann@example.org", "GP", Organisation="Quay Surgery", Capacity=2),
        person("Mr Tom Reed", "tom@example.org", "Consultant", Organisation="General Hospital"),
        person("Ms Una Vale", "una@example.org", "Consultant", Organisation="General Hospital"),
    ])
    run("pair", "v.xlsx")
    run("withdraw", "pairs.xlsx", "Holt", "--partner", "Tom Reed")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--lock", "Holt=Reed")
    assert _partners(folder)["Dr Ann Holt"] == {"Mr Tom Reed", "Ms Una Vale"}


def test_the_same_two_paired_again_are_not_warned_of_with_the_record_typed_over(
        run: Runner, tmp_path: Path) -> None:
    _locked_again(run, tmp_path)
    assert not [stem for stem, text in _letters(run, tmp_path, "made").items()
                if EARLIER in text]
    row = _type_into_the_record(tmp_path / "pairs.xlsx")
    said = _said(run, "status", "pairs.xlsx")
    assert f"Settings!B{row}" in said
    assert HELD_BACK not in said


def test_the_same_two_paired_again_need_no_row_of_pairs_made_in_place(
        run: Runner, tmp_path: Path) -> None:
    """Once kept, the pair is not taken for one made in the withdrawn pair's place: the
    Settings row of such pairs deleted, nothing is said of it."""
    _locked_again(run, tmp_path)
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _delete_row(tmp_path / "pairs.xlsx")
    assert TITLE not in _said(run, "status", "pairs.xlsx")


def test_a_pair_older_than_the_withdrawn_one_is_in_nobody_s_place(run: Runner,
                                                                    tmp_path: Path) -> None:
    """Colm 0's second partner, given by a later 'pair --keep' (a higher pair ID), withdraws;
    his pair with the first partner, made before, is kept. It cannot be in the place of a
    pair made after it: the Settings row of such pairs deleted, nothing is said of it."""
    first = _second_partner_before(run, tmp_path)
    run("withdraw", "pairs.xlsx", "Dr Gwen Pryce 2")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path)["Mr Colm Reid 0"] == {first}
    assert _delete_row(tmp_path / "pairs.xlsx")
    assert TITLE not in _said(run, "status", "pairs.xlsx")
