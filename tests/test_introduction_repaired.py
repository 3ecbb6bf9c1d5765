"""A volunteer whose partner withdrew, re-paired by 'pair --keep', was introduced to the new
partner in the words of a first introduction: nothing said that the partner they had been
introduced to before was gone. The introduction now says, in one sentence, that the earlier
partner can no longer take part and that this is the new partner in their place, naming
neither the earlier partner nor why. Nobody else's letter says it: not the one who withdrew
from one pair and stays, not a pair made before the withdrawal, not one kept."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.text import slug

from .conftest import Runner, person, write_book

SCHEME = "[dates]\nstart = 2027-04-19\nend = 2027-07-19\n"
ONE = "Your earlier partner in this exchange is no longer able to take part, so {} is your " \
    "new partner in their place."
SOME = "One of your earlier partners in this exchange is no longer able to take part, so {} " \
    "is your new partner in their place."
EARLIER = "earlier partner"


def _letters(run: Runner, folder: Path, out: str, *more: str) -> dict[str, str]:
    """The partner introductions rendered as Markdown, by file name, each as one line."""
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "md", "-o",
        out, "--allow-placeholders", *more)
    return {path.stem: " ".join(path.read_text(encoding="utf-8").split())
            for path in (folder / out).rglob("*.md")}


def _to(letters: dict[str, str], name: str, partner: str) -> str:
    """The letter to ``name`` about their pair with ``partner`` (named for the partner too
    when they have had more than one)."""
    own, other = (slug(n) for n in (name, partner))
    return next(text for stem, text in letters.items()
                if stem in (own, f"{own}-with-{other}"))


def _others(letters: dict[str, str], name: str, partner: str) -> list[str]:
    """Every letter but that one that speaks of an earlier partner."""
    mine = _to(letters, name, partner)
    return [stem for stem, text in letters.items() if EARLIER in text and text != mine]


def _partners(folder: Path) -> dict[str, set[str]]:
    import openpyxl

    sheet = openpyxl.load_workbook(folder / "pairs.xlsx")["Pairs"]
    head = [c.value for c in sheet[1]]
    found: dict[str, set[str]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        a, b = row[head.index("A name")], row[head.index("B name")]
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found


GPS = [person(f"Dr Gwen Pryce {n}", f"gp{n}@example.org", "GP", Organisation=f"Practice {n}")
       for n in range(3)]
CONSULTANTS = [person(f"Mr Colm Reid {n}", f"c{n}@example.org", "Consultant",
                      Organisation="General Hospital") for n in range(2)]


def _paired_with_one_over(run: Runner, folder: Path) -> tuple[str, str]:
    """The three GPs and two consultants paired in ``folder`` (two pairs, one GP over):
    Mr Colm Reid 0's partner, and the GP left over."""
    (folder / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    write_book(folder / "v.xlsx", [*GPS, *CONSULTANTS])
    run("pair", "v.xlsx")
    partners = _partners(folder)
    return next(iter(partners["Mr Colm Reid 0"])), \
        next(gp["Name"] for gp in GPS if gp["Name"] not in partners)


def test_the_partner_left_behind_is_told_the_new_partner_is_in_the_earlier_one_s_place(
        run: Runner, tmp_path: Path) -> None:
    first, spare = _paired_with_one_over(run, tmp_path)
    run("withdraw", "pairs.xlsx", first, "--reason", "a family illness")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path)["Mr Colm Reid 0"] == {spare}
    for out, more in (("new", ("--new",)), ("all", ())):
        letters = _letters(run, tmp_path, out, *more)
        colm = _to(letters, "Mr Colm Reid 0", spare)
        assert ONE.format("Gwen") in colm
        # neither who left nor why
        assert first not in colm and "illness" not in colm and "withdr" not in colm
        assert _others(letters, "Mr Colm Reid 0", spare) == []


def test_no_sentence_before_the_re_pairing_nor_for_a_pair_made_before_the_withdrawal(
        run: Runner, tmp_path: Path) -> None:
    """Mr Colm Reid 0 takes two partners. One withdraws: his letter about the other, a pair
    made with the first, says nothing of a new partner; once 'pair --keep' gives him a new
    one, that letter says it, and the one about the pair kept does not."""
    (tmp_path / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1]])
    run("pair", "v.xlsx")  # every place taken: Colm 0 with two GPs
    two = sorted(_partners(tmp_path)["Mr Colm Reid 0"])
    run("withdraw", "pairs.xlsx", two[0], "--reason", "moved away")
    letters = _letters(run, tmp_path, "before")
    assert not [name for name, text in letters.items() if EARLIER in text]
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1],
                                     person("Dr Gwen Pryce 9", "gp9@example.org", "GP",
                                            Organisation="Practice 9")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path)["Mr Colm Reid 0"] == {two[1], "Dr Gwen Pryce 9"}
    letters = _letters(run, tmp_path, "after")
    new = _to(letters, "Mr Colm Reid 0", "Dr Gwen Pryce 9")
    assert SOME.format("Gwen") in new  # he is paired with another too
    assert _others(letters, "Mr Colm Reid 0", "Dr Gwen Pryce 9") == []


def _second_partner_before(run: Runner, folder: Path) -> str:
    """Two GPs and two consultants paired in ``folder``; then Mr Colm Reid 0 takes two and
    'pair --keep' gives him a second partner: his first partner."""
    (folder / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    write_book(folder / "v.xlsx", [*GPS[:2], *CONSULTANTS])
    run("pair", "v.xlsx")
    first = next(iter(_partners(folder)["Mr Colm Reid 0"]))
    write_book(folder / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1]])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    return first


def test_a_partner_made_before_the_withdrawal_is_no_new_partner(run: Runner,
                                                                tmp_path: Path) -> None:
    """Colm 0 is given a second partner by 'pair --keep'; then his first withdraws. The
    second came before that: no letter calls him one in the first's place."""
    first = _second_partner_before(run, tmp_path)
    assert _partners(tmp_path)["Mr Colm Reid 0"] == {first, "Dr Gwen Pryce 2"}
    run("withdraw", "pairs.xlsx", first, "--reason", "moved away")
    letters = _letters(run, tmp_path, "all")
    assert not [name for name, text in letters.items() if EARLIER in text]


def test_a_pair_left_alone_is_told_as_no_longer_their_partner(run: Runner,
                                                              tmp_path: Path) -> None:
    """Colm 0 leaves his pair with one GP only and stays with his other partner: the GP
    re-paired is told the earlier partner can no longer take part as their partner (Colm
    still takes part); Colm, who withdrew from that pair, is told nothing of the kind."""
    (tmp_path / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2}, CONSULTANTS[1]])
    run("pair", "v.xlsx")
    two = sorted(_partners(tmp_path)["Mr Colm Reid 0"])
    run("withdraw", "pairs.xlsx", "Mr Colm Reid 0", "--partner", two[0])
    colm_1 = next(iter(_partners(tmp_path)["Mr Colm Reid 1"]))
    write_book(tmp_path / "v.xlsx", [*GPS, {**CONSULTANTS[0], "Capacity": 2},
                                     {**CONSULTANTS[1], "Capacity": 2}])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert _partners(tmp_path)[two[0]] == {"Mr Colm Reid 1"}
    letters = _letters(run, tmp_path, "all")
    said = _to(letters, two[0], "Mr Colm Reid 1")
    assert "Your earlier partner in this exchange is no longer able to take part as your " \
        "partner, so Colm is your new partner in their place." in said
    assert _others(letters, two[0], "Mr Colm Reid 1") == []
    assert colm_1 in _partners(tmp_path)["Mr Colm Reid 1"]
