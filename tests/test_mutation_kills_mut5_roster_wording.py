"""Hand-mutation kills (mut5) for roster, wording and model (a status message naming an
address only when there is one): an Avoid cell holding only letters
after a name ("MBBS") names nobody, and check says so, as for any entry naming nobody (only
letters after a name already read in the same cell go with it); a letter greets someone
with three titles before their name by the name, never by a title."""

from __future__ import annotations

from pathlib import Path

from wessex_cli.wording import given_name

from .conftest import Runner, person, write_book


def test_an_avoid_of_letters_alone_names_nobody(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ann Bell", "ann@example.org", "GP", Organisation="Quay Surgery",
               Avoid="MBBS"),
        person("Mr Tom Reed", "tom@example.org", "Consultant", Organisation="General Hospital"),
    ])
    said = " ".join(run("check", "v.xlsx", code=1).output.split())
    assert "Volunteers!M2" in said
    assert "'MBBS' names nobody in the list." in said


def test_every_title_before_the_name_is_passed_over() -> None:
    assert given_name("Revd Dr Sir John Smythe") == "John"
    assert given_name("Prof Dr Dame Ivy Hale") == "Ivy"


def test_a_withdrawn_volunteer_s_lock_on_a_withdrawn_partner_is_not_warned_of(
        run: Runner, tmp_path: Path) -> None:
    """Both of a pair agreed in advance have withdrawn: no lock is left to release, and the
    Partner cell is no problem ('pair' leaves both out)."""
    import json

    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP", Organisation="Quayside Surgery",
               Partner="Oliver Pemberton", Status="withdrawn"),
        person("Dr Tom Reed", "tom.reed@nhs.net", "GP", Organisation="Millbrook Surgery"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant",
               Organisation="County Hospital", Status="withdrawn"),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    problems = json.loads(run("check", "v.xlsx", "--json").stdout)["problems"]
    assert [p for p in problems if p["cell"] == "Volunteers!O2"] == []


def test_a_half_emptied_of_name_and_address_is_not_called_someone_s_name(
        run: Runner, tmp_path: Path) -> None:
    """Person.name_missing names the address whose name was emptied: with the address gone
    too there is none to name, and no "(the name of ) is empty" is printed."""
    import openpyxl

    from .test_status_nameless import emptied

    emptied(tmp_path, "B3", "C3")  # A name and A email of pair P002
    assert openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]["C1"].value == "A email"
    said = " ".join(run("status", "pairs.xlsx", code=None).output.split())
    assert "(the name of" not in said
