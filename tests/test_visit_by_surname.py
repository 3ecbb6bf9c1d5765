"""``wessex visit`` and ``withdraw`` find a person by a surname or a first name that only
they have: the administrator types "Ashworth", not "Dr Amelia Ashworth". Case, accents and
titles aside, as every name compares (SPEC, "Pairing rules"). When the word names two people
or more, the command refuses and lists them, name and address, so that more can be typed:
it never guesses between them.

Every expected value below is written by hand from the rosters here.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from wessex_cli.text import named, names_by_part

from .conftest import Runner, person, write_book


def _roster(*more: dict[str, object]) -> list[dict[str, object]]:
    return [
        person("Dr Amelia Ashworth", "amelia.ashworth@example.org", "GP",
               Organisation="Harbourside Surgery", **{"Preference 1": "Siân Ó Briain"}),
        person("Dr Isla Okonkwo", "isla.okonkwo@nhs.net", "GP", Organisation="Elmfield Surgery",
               **{"Preference 1": "Bartholomew Quist"}),
        person("Prof Siân Ó Briain", "sian.obriain@example.org", "Consultant",
               Organisation="General Hospital - Cardiology"),
        person("Bartholomew Quist", "bart.quist@nhs.net", "Consultant",
               Organisation="General Hospital - Respiratory"),
        *more,
    ]


def _cells(path: Path, sheet: str = "Pairs") -> list[list[object]]:
    return [list(r) for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)]


def _row_of(path: Path, email: str) -> dict[str, object]:
    rows = _cells(path)
    return next(dict(zip(rows[0], r, strict=False)) for r in rows[1:]
                if email in (r[rows[0].index("A email")], r[rows[0].index("B email")]))


def test_the_name_finder_by_hand() -> None:
    people = ["Dr Amelia Ashworth", "Prof Siân Ó Briain", "Amelia Quist", "Ashworth"]
    assert names_by_part("ASHWORTH", "Dr Amelia Ashworth")
    assert names_by_part("Dr Ashworth", "Dr Amelia Ashworth")  # the title aside
    assert names_by_part("o briain", "Prof Siân Ó Briain")  # accents aside, two words
    assert names_by_part("Siân", "Prof Siân Ó Briain")  # a first name
    assert not names_by_part("Ó", "Prof Siân Ó Briain")  # a middle word: neither end
    assert not names_by_part("Ash", "Dr Amelia Ashworth")  # whole words only
    assert not names_by_part("Amelia Ashworth", "Dr Amelia Ashworth")  # all of it: not a part
    assert not names_by_part("", "Dr Amelia Ashworth")
    assert named("sian o briain", people) == ([1], False)  # the whole name
    assert named("Amelia", people) == ([0, 2], True)  # a first name two people have
    assert named("Briain", people) == ([1], True)
    assert named("ashworth", people) == ([3], False)  # someone called just that comes first
    assert named("Okonkwo", people) == ([], True)


def test_visit_by_a_surname_only_one_person_has(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", _roster())
    run("pair", "v.xlsx")
    said = " ".join(run("visit", "pairs.xlsx", "ashworth", "--hosted", "4/5/2027").output.split())
    assert said.startswith("Recorded: Dr Amelia Ashworth (hosted on 4 May 2027) with Prof Siân "
                           "Ó Briain, row ")
    row = _row_of(tmp_path / "pairs.xlsx", "amelia.ashworth@example.org")
    assert row["A email"] == "amelia.ashworth@example.org"
    assert (str(row["A hosts B: date"])[:10], row["A hosts B: done"]) == ("2027-05-04", "yes")
    # accents and case aside, two words of a surname; a first name; --partner by surname
    run("visit", "pairs.xlsx", "O BRIAIN", "--reflection")
    row = _row_of(tmp_path / "pairs.xlsx", "sian.obriain@example.org")
    assert row["Reflection from B"] == "yes"
    run("visit", "pairs.xlsx", "Isla", "--planned", "8/6/2027", "--partner", "quist")
    row = _row_of(tmp_path / "pairs.xlsx", "isla.okonkwo@nhs.net")
    assert str(row["A hosts B: date"])[:10] == "2027-06-08" and not row["A hosts B: done"]


def test_a_surname_two_people_have_is_refused_with_both(run: Runner, tmp_path: Path) -> None:
    people = _roster()
    people[1] = person("Tomás Ashworth", "tomas.ashworth@nhs.net", "GP",
                       Organisation="Quayside Surgery", **{"Preference 1": "Bartholomew Quist"})
    write_book(tmp_path / "v.xlsx", people)
    run("pair", "v.xlsx")  # Amelia and Tomás Ashworth, each paired with a consultant
    before = (tmp_path / "pairs.xlsx").read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", "Ashworth", "--hosted", "4/5/2027",
                        code=1).output.split())
    assert ("'Ashworth' names 2 people in the Pairs sheet: Dr Amelia Ashworth "
            "<amelia.ashworth@example.org> (row 2); Tomás Ashworth <tomas.ashworth@nhs.net> "
            "(row 3). Type the full name or the e-mail address of the one you mean.") in said
    assert (tmp_path / "pairs.xlsx").read_bytes() == before  # nothing recorded
    assert "names 2 people" in run("withdraw", "pairs.xlsx", "ashworth", code=1).output
    assert (tmp_path / "pairs.xlsx").read_bytes() == before
    said = run("visit", "pairs.xlsx", "Tomas Ashworth", "--hosted", "4/5/2027").output
    assert "Recorded: Tomás Ashworth (hosted on 4 May 2027)" in " ".join(said.split())


def test_a_surname_shared_with_someone_unpaired_is_refused(run: Runner, tmp_path: Path) -> None:
    # only one Ashworth is in the Pairs sheet, but the other is on the Unpaired sheet: the
    # word names two people of the scheme, so it is not taken to mean the paired one
    write_book(tmp_path / "v.xlsx", _roster(
        person("Tomás Ashworth", "tomas.ashworth@nhs.net", "GP", Organisation="Quayside Surgery",
               Avoid="Siân Ó Briain; Bartholomew Quist")))
    run("pair", "v.xlsx")
    before = (tmp_path / "pairs.xlsx").read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", "ashworth", "--hosted", "4/5/2027",
                        code=1).output.split())
    assert ("'ashworth' names 2 people in the pairs workbook: Dr Amelia Ashworth "
            "<amelia.ashworth@example.org> (Pairs row 2); Tomás Ashworth "
            "<tomas.ashworth@nhs.net> (Unpaired sheet). Type the full name or the e-mail "
            "address of the one you mean.") in said
    assert (tmp_path / "pairs.xlsx").read_bytes() == before
    # the first name is Tomás's alone: he is on the Unpaired sheet, and is told so
    said = " ".join(run("visit", "pairs.xlsx", "tomas", "--hosted", "4/5/2027",
                        code=1).output.split())
    assert "Tomás Ashworth is on the Unpaired sheet: the pairing found them no partner" in said


def test_a_surname_shared_with_someone_withdrawn_is_refused_from_the_open_workbook(
        run: Runner, tmp_path: Path, calamine_opened: list[str]) -> None:
    # Tomás Ashworth withdrew: the word names him on the Withdrawn sheet as well as Amelia
    # on the Pairs sheet. The sheets are read from the workbook open for the change; calamine
    # read the file again (three openings) while the change held it
    write_book(tmp_path / "v.xlsx", _roster(
        person("Tomás Ashworth", "tomas.ashworth@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Dr Cy Vale", "cy.vale@nhs.net", "Consultant",
               Organisation="General Hospital - Renal")))
    run("pair", "v.xlsx")
    run("withdraw", "pairs.xlsx", "tomas.ashworth@nhs.net")
    before = (tmp_path / "pairs.xlsx").read_bytes()
    opened = calamine_opened
    opened.clear()  # what the setup opened
    listed = ("'ashworth' names 2 people in the pairs workbook: Dr Amelia Ashworth "
              "<amelia.ashworth@example.org> (Pairs row 2); Tomás Ashworth "
              "<tomas.ashworth@nhs.net> (Withdrawn sheet). Type the full name or the e-mail "
              "address of the one you mean.")
    said = " ".join(run("visit", "pairs.xlsx", "ashworth", "--hosted", "4/5/2027",
                        code=1).output.split())
    assert listed in said
    said = " ".join(run("withdraw", "pairs.xlsx", "ashworth", code=1).output.split())
    assert listed in said
    # once a command: its warnings, read as 'status' reads them before the workbook is
    # opened for the change, none while the change holds it
    assert opened == ["pairs.xlsx", "pairs.xlsx"]
    assert (tmp_path / "pairs.xlsx").read_bytes() == before


def test_withdraw_by_a_surname_and_its_status_cell(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", _roster())
    run("pair", "v.xlsx")
    said = " ".join(run("withdraw", "pairs.xlsx", "okonkwo", "--reason", "moved away", "--in",
                        "v.xlsx").output.split())
    assert "Moved the pair of Dr Isla Okonkwo and Bartholomew Quist to the Withdrawn sheet." \
        in said
    assert "Wrote 'withdrawn' in Dr Isla Okonkwo's Status cell (Volunteers!P3) of v.xlsx" in said
    assert _cells(tmp_path / "v.xlsx", "Volunteers")[2][15] == "withdrawn"
    withdrawn = _cells(tmp_path / "pairs.xlsx", "Withdrawn")
    assert withdrawn[1][:2] == ["Dr Isla Okonkwo", "moved away"]
    # found again on the Withdrawn sheet by the surname, and told why nothing is recorded
    said = " ".join(run("visit", "pairs.xlsx", "OKONKWO", "--hosted", "4/5/2027",
                        code=1).output.split())
    assert "Dr Isla Okonkwo withdrew from the scheme on 1 June 2027 (Withdrawn sheet)" in said


def test_withdraw_in_refuses_a_surname_two_volunteers_have(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", _roster())
    run("pair", "v.xlsx")
    # a volunteer who joined after the pairing shares the surname: the Status cell to write
    # cannot be told, and nothing moves
    write_book(tmp_path / "v.xlsx", _roster(
        person("Nell Okonkwo", "nell.okonkwo@example.org", "Consultant",
               Organisation="General Hospital - Renal")))
    before = (tmp_path / "pairs.xlsx").read_bytes()
    said = " ".join(run("withdraw", "pairs.xlsx", "Okonkwo", "--in", "v.xlsx",
                        code=1).output.split())
    assert ("'Okonkwo' is ambiguous in the volunteer workbook (Dr Isla Okonkwo "
            "<isla.okonkwo@nhs.net>, Nell Okonkwo <nell.okonkwo@example.org>), so nothing was "
            "changed. Type the full name or the e-mail address of the one you mean, or set "
            "the cell by hand.") in said
    assert (tmp_path / "pairs.xlsx").read_bytes() == before


def test_withdraw_in_refuses_a_surname_that_is_another_person_in_each_workbook(
        run: Runner, tmp_path: Path) -> None:
    """The one Okonkwo of the pairs workbook has left the volunteer workbook, and another
    Okonkwo has joined it: each workbook finds one, but two people. Moving Isla's pair and
    writing 'withdrawn' beside Nell would record a withdrawal nobody made."""
    write_book(tmp_path / "v.xlsx", _roster())
    run("pair", "v.xlsx")
    joined = [p for p in _roster() if p["Name"] != "Dr Isla Okonkwo"] + [
        person("Nell Okonkwo", "nell.okonkwo@example.org", "Consultant",
               Organisation="General Hospital - Renal")]
    write_book(tmp_path / "v.xlsx", joined)
    pairs_before = (tmp_path / "pairs.xlsx").read_bytes()
    volunteers_before = (tmp_path / "v.xlsx").read_bytes()
    said = " ".join(run("withdraw", "pairs.xlsx", "Okonkwo", "--in", "v.xlsx",
                        code=1).output.split())
    assert ("'Okonkwo' is Dr Isla Okonkwo <isla.okonkwo@nhs.net> in the pairs workbook but "
            "Nell Okonkwo <nell.okonkwo@example.org> in the volunteer workbook: two people, so "
            "nothing was changed in either.") in said
    assert (tmp_path / "pairs.xlsx").read_bytes() == pairs_before
    assert (tmp_path / "v.xlsx").read_bytes() == volunteers_before


def test_withdraw_in_takes_one_person_under_a_corrected_address(run: Runner,
                                                                 tmp_path: Path) -> None:
    """The same full name under an address corrected in the volunteer workbook only is the
    same person: the pair moves and their Status cell is written."""
    write_book(tmp_path / "v.xlsx", _roster())
    run("pair", "v.xlsx")
    corrected = [dict(p, Email="isla.okonkwo2@nhs.net") if p["Name"] == "Dr Isla Okonkwo"
                 else p for p in _roster()]
    write_book(tmp_path / "v.xlsx", corrected)
    said = " ".join(run("withdraw", "pairs.xlsx", "Okonkwo", "--in", "v.xlsx").output.split())
    assert "Moved the pair of Dr Isla Okonkwo and Bartholomew Quist to the Withdrawn sheet." \
        in said
    assert _cells(tmp_path / "v.xlsx", "Volunteers")[2][15] == "withdrawn"


def test_withdraw_in_refuses_another_person_for_someone_in_no_pair(run: Runner,
                                                                   tmp_path: Path) -> None:
    """Isla Okonkwo's partner withdrew, so she is in no pair; the volunteer workbook's only
    Okonkwo is now Nell. Nothing moves in the pairs workbook either way, but 'withdrawn'
    beside Nell would leave out of the next pairing someone who never withdrew."""
    write_book(tmp_path / "v.xlsx", _roster())
    run("pair", "v.xlsx")
    run("withdraw", "pairs.xlsx", "Bartholomew Quist")
    joined = [p for p in _roster() if p["Name"] != "Dr Isla Okonkwo"] + [
        person("Nell Okonkwo", "nell.okonkwo@example.org", "Consultant",
               Organisation="General Hospital - Renal")]
    write_book(tmp_path / "v.xlsx", joined)
    volunteers_before = (tmp_path / "v.xlsx").read_bytes()
    said = " ".join(run("withdraw", "pairs.xlsx", "Okonkwo", "--in", "v.xlsx",
                        code=1).output.split())
    assert ("'Okonkwo' is Dr Isla Okonkwo <isla.okonkwo@nhs.net> in the pairs workbook but "
            "Nell Okonkwo <nell.okonkwo@example.org> in the volunteer workbook") in said
    assert (tmp_path / "v.xlsx").read_bytes() == volunteers_before
