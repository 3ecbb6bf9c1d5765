"""Names typed surname first with a comma, as HR lists and Outlook write them ("Penrose,
Alys"). A preference naming "Penrose, Alys" matched nobody, an Avoid or a Partner cell
naming her was cut at the comma into 'Penrose' and 'Alys' (two errors, her colleague left out
of the pairing), and 'visit pairs.xlsx "Penrose, Alys"' found nobody. Now each is Alys
Penrose; a Name cell typed so is read in the usual order and 'check' suggests retyping it.
A comma after two words ("Ann Bell, Nurse Practitioner") is no such name: the letters greeted
her "Dear Nurse,"."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import COMPLETE_SCHEME, Runner, partners, person, write_book


def volunteers(alys: str = "Alys Penrose", robert: str = "Dr Robert Hale",
               **owen: str) -> list[dict[str, object]]:
    """Two GPs and two consultants: Priya's first choice is ``Penrose, Alys``; Owen is given
    ``owen``'s cells."""
    return [
        person(alys, "alys.penrose@nhs.net", "GP", Organisation="Quayside Surgery"),
        person(robert, "robert.hale@nhs.net", "GP", Organisation="Millbrook Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Penrose, Alys"}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", **owen),
    ]


@pytest.mark.parametrize("avoid", ["Penrose, Alys", "Penrose, Alys; Priya Lund",
                                   "PENROSE, ALYS", "Penrose, Dr Alys, MRCGP"])
def test_a_preference_and_an_avoid_typed_surname_first_find_her(run: Runner, tmp_path: Path,
                                                                avoid: str) -> None:
    # Owen would rather have Alys's practice, but his Avoid cell names her
    write_book(tmp_path / "v.xlsx", volunteers(Avoid=avoid,
                                               **{"Preference 1": "Quayside Surgery"}))
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert "0 errors" in checked
    assert "names nobody" not in checked and "matches no" not in checked
    result = run("pair", "v.xlsx")
    assert "Priya Lund's 1st choice" in " ".join(result.stdout.split())
    assert partners(tmp_path / "pairs.xlsx") == {
        "alys.penrose@nhs.net": "priya.lund@example.org",
        "priya.lund@example.org": "alys.penrose@nhs.net",
        "robert.hale@nhs.net": "owen.hart@example.org",
        "owen.hart@example.org": "robert.hale@nhs.net"}


def test_a_partner_cell_typed_surname_first_finds_him(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", volunteers(Partner="Hale, Robert"))
    assert "0 errors" in run("check", "v.xlsx").stdout
    run("pair", "v.xlsx")
    assert partners(tmp_path / "pairs.xlsx")["robert.hale@nhs.net"] == "owen.hart@example.org"


def test_two_surnames_in_an_avoid_cell_still_stop_the_pairing(run: Runner,
                                                              tmp_path: Path) -> None:
    # "Penrose, Hale" is read as one person, Hale Penrose, who is nobody: an error, as each
    # surname alone was, so the Avoid is never quietly dropped
    write_book(tmp_path / "v.xlsx", volunteers(Avoid="Penrose, Hale"))
    checked = " ".join(run("check", "v.xlsx", code=None).stdout.split())
    assert "'Penrose, Hale' names nobody in the list." in checked
    assert "1 error" in checked


def test_a_misspelt_name_typed_surname_first_is_suggested_in_the_usual_order(
        run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", volunteers(Avoid="Penrose, Alis"))
    checked = " ".join(run("check", "v.xlsx", code=None).stdout.split())
    assert "'Penrose, Alis' names nobody in the list. Did you mean 'Alys Penrose'?" in checked


def test_a_name_cell_typed_surname_first_is_warned_of_and_written_in_the_usual_order(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-20")
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", volunteers(alys="Penrose, Alys", robert="Hale, Dr Robert",
                                               Avoid="Robert Hale"))
    checked = " ".join(run("check", "v.xlsx").stdout.split())
    assert ("Volunteers!A2 │ 'Penrose, Alys' is typed surname first; wessex reads it as Alys "
            "Penrose. Type it 'Alys Penrose'") in checked
    assert "Type it 'Dr Robert Hale'" in checked
    run("pair", "v.xlsx")  # Owen avoids Robert: Owen with Alys, Priya with Robert
    assert partners(tmp_path / "pairs.xlsx")["alys.penrose@nhs.net"] == "owen.hart@example.org"
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    to_alys = (folder / "alys-penrose.txt").read_text()
    assert to_alys.startswith("Dear Alys,\n")
    assert "- Owen Hart, Consultant" in to_alys
    to_owen = (folder / "owen-hart.txt").read_text()
    assert "- Alys Penrose, GP, Quayside Surgery" in to_owen
    assert "in touch with Alys directly" in to_owen
    to_priya = (folder / "priya-lund.txt").read_text()
    assert "- Dr Robert Hale, GP, Millbrook Surgery" in to_priya
    assert "in touch with Robert directly" in to_priya
    assert (folder / "robert-hale.txt").read_text().startswith("Dear Robert,\n")
    for who, day in (("Penrose, Alys", "30"), ("Alys Penrose", "29")):
        visited = run("visit", "pairs.xlsx", who, "--planned", f"{day}/6/2027").stdout
        assert f"Recorded: Penrose, Alys (planned for {day} June 2027" in \
            " ".join(visited.split())


def test_a_comma_after_a_whole_name_is_not_a_surname_first(run: Runner,
                                                           tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", volunteers(alys="Alys Penrose, Nurse Practitioner"))
    checked = run("check", "v.xlsx").stdout
    assert "surname first" not in checked
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.name: path.read_text() for path in folder.iterdir()}
    to_alys = next(text for name, text in letters.items() if "alys" in name)
    assert to_alys.startswith("Dear Alys,\n")
    assert "Nurse Practitioner Alys" not in "".join(letters.values())
