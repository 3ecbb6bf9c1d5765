"""Running it again: `wessex init --from`, `wessex pair --history`, and other professions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .conftest import EXAMPLES, HEADERS, Runner, person, write_book


@pytest.fixture(autouse=True)
def last_summer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Last year's visits (May 2026) are in the past, and not more than a year ago."""
    monkeypatch.setenv("WESSEX_TODAY", "2026-09-01")


def four(**extra: dict[str, Any]) -> list[dict[str, Any]]:
    people = [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside"),
        person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield"),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant",
               Organisation="Hospital - Cardio"),
        person("Arjun Rasmussen", "arjun@nhs.net", "Consultant", Organisation="Hospital - Resp"),
    ]
    for p in people:
        p.update(extra.get(p["Email"], {}))
    return people


def last_year(run: Runner, tmp_path: Path) -> Path:
    """2026: Amelia with Oliver, Isla with Arjun (agreed partners), Amelia's visit done."""
    folder = tmp_path / "2026"
    folder.mkdir()
    agreed = {"amelia@nhs.net": {"Partner": "Oliver Pemberton"},
              "isla@nhs.net": {"Partner": "Arjun Rasmussen"}}
    write_book(folder / "volunteers.xlsx", four(**agreed))
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx")
    run("visit", "2026/pairs.xlsx", "Oliver Pemberton", "--hosted", "4/5/2026")
    return folder / "pairs.xlsx"


def pairs_of(output: str) -> set[frozenset[str]]:
    data = json.loads(output)
    return {frozenset((p["a"]["email"], p["b"]["email"])) for p in data["pairs"]}


def test_history_never_repeats_a_partner(run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)
    # this year each asks for last year's partner again
    write_book(tmp_path / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Preference 1": "Oliver Pemberton"},
        "isla@nhs.net": {"Preference 1": "Arjun Rasmussen"}}))
    again = {frozenset(("amelia@nhs.net", "oliver@nhs.net")),
             frozenset(("isla@nhs.net", "arjun@nhs.net"))}
    assert pairs_of(run("pair", "volunteers.xlsx", "--dry-run", "--json").output) == again
    # the JSON on stdout; the notes that each asked for last year's partner, on stderr
    fresh = pairs_of(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                         str(old)).stdout)
    assert fresh == {frozenset(("amelia@nhs.net", "arjun@nhs.net")),
                     frozenset(("isla@nhs.net", "oliver@nhs.net"))}
    why = run("pair", "volunteers.xlsx", "--history", str(old), "--why", "Amelia Ashworth").output
    assert "Oliver Pemberton: rule 6 (partners in an earlier scheme)" in why
    locked = run("pair", "volunteers.xlsx", "--dry-run", "--history", str(old), "--lock",
                 "Amelia Ashworth=Oliver Pemberton", code=1)
    assert "rule 6" in locked.output


def test_a_partner_lock_breaking_rule_6_names_its_cell(run: Runner, tmp_path: Path) -> None:
    """Amelia's Partner cell names Oliver, her partner last year: the refusal names that cell
    (it said "the Partner column of row 2")."""
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Partner": "Oliver Pemberton"}}))
    said = " ".join(run("pair", "volunteers.xlsx", "--dry-run", "--history", str(old),
                        code=1).output.split())
    assert "Volunteers!O2 (Dr Amelia Ashworth's Partner cell) locks Dr Amelia Ashworth with " \
        "Oliver Pemberton, but that pair breaks rule 6" in said


def test_a_choice_of_last_years_partner_is_said(run: Runner, tmp_path: Path) -> None:
    """Amelia asks for Oliver again, her partner last year: rule 6 keeps them apart, and the
    administrator, who may have to tell her, hears so from the pairing (only --why said)."""
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Preference 2": "Oliver Pemberton"},
        "isla@nhs.net": {"Preference 1": "Oliver Pemberton"}}))
    said = " ".join(run("pair", "volunteers.xlsx", "--dry-run", "--history",
                        str(old)).stdout.split())
    assert "Dr Amelia Ashworth's 2nd choice, Oliver Pemberton, was their partner in an " \
        "earlier scheme, so the two are not paired again (rule 6: never the same partner " \
        "twice)." in said
    assert "1st choice, Oliver Pemberton, was their partner" not in said  # not Isla's
    without = run("pair", "volunteers.xlsx", "--dry-run").stdout
    assert "earlier scheme" not in without


def test_a_re_pairing_keeps_last_years_partners_apart_as_the_first_did(
        run: Runner, tmp_path: Path) -> None:
    """'pair --keep', as 'withdraw' advises, paired last year's partners again: it did not
    know the first pairing had been made with --history."""
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx", four())
    run("pair", "volunteers.xlsx", "--history", str(old))  # Amelia-Arjun, Isla-Oliver
    settings = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Settings"]
    assert ("History (earlier pairs workbooks)", "2026/pairs.xlsx") in \
        list(settings.iter_rows(values_only=True))
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen")
    run("withdraw", "pairs.xlsx", "Dr Isla Okonkwo")  # Amelia and Oliver, 2026's pair, free
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "Earlier partners kept apart again, as when pairs.xlsx was paired: from " \
        "2026/pairs.xlsx (as its Settings sheet says, from pairs.xlsx's folder)." in said
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    assert sheet.max_row == 1  # no pair: the only one left would be 2026's again
    (tmp_path / "2026").rename(tmp_path / "last-year")
    refused = run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
    assert "names '2026/pairs.xlsx' under History" in refused.output
    assert "--history" in refused.output
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--history", "last-year/pairs.xlsx")
    assert openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"].max_row == 1


def test_the_only_candidate_was_last_years_partner(run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx", four()[0:3:2])  # Amelia and Oliver only
    data = json.loads(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                          str(old)).output)
    assert data["pairs"] == []
    reasons = {u["email"]: u["reason"] for u in data["unpaired"]}
    assert "1 by partners in an earlier scheme" in reasons["amelia@nhs.net"]


def test_a_withdrawn_pair_is_not_history(run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)
    run("withdraw", str(old.relative_to(tmp_path)), "Isla Okonkwo", "--reason", "illness")
    write_book(tmp_path / "volunteers.xlsx", four()[1::2])  # Isla and Arjun
    data = json.loads(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                          str(old)).output)
    assert len(data["pairs"]) == 1


def test_new_organisation_weight_prefers_somewhere_not_visited(run: Runner,
                                                               tmp_path: Path) -> None:
    old = last_year(run, tmp_path)  # Amelia visited Hospital - Cardio (Oliver hosted her)
    people = [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside"),
        person("Dr Ravi Sandhu", "ravi@nhs.net", "GP", Organisation="Quayside"),
        person("Noor Kerrigan", "noor@nhs.net", "Consultant",
               Organisation="Hospital - Cardio"),
        person("Winifred Upton", "winifred@nhs.net", "Consultant", Organisation="Hospital - Ortho"),
    ]
    write_book(tmp_path / "volunteers.xlsx", people)
    wanted = frozenset(("amelia@nhs.net", "winifred@nhs.net"))
    without = [pairs_of(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                            str(old), "--seed", str(seed)).output) for seed in range(8)]
    assert any(wanted not in found for found in without)  # a tie: the seed decides
    (tmp_path / "scheme.toml").write_text("[weights]\nnew_organisation = 1\n", encoding="utf-8")
    for seed in range(8):
        output = run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history", str(old),
                     "--seed", str(seed)).output
        assert wanted in pairs_of(output)
    reasons = [r for p in json.loads(output)["pairs"] for r in p["reasons"]]
    assert "Dr Amelia Ashworth has not visited Hospital - Ortho before" in reasons


def test_init_from_last_year_carries_everyone_forward(run: Runner, tmp_path: Path) -> None:
    old = last_year(run, tmp_path)
    run("withdraw", str(old.relative_to(tmp_path)), "Isla Okonkwo", "--reason", "illness")
    run("init", "2027", "--from", str(old))
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    rows = list(sheet.values)
    head = list(rows[0])
    people = {r[head.index("Email")]: dict(zip(head, r, strict=False)) for r in rows[1:]}
    assert set(people) == {"amelia@nhs.net", "isla@nhs.net", "oliver@nhs.net", "arjun@nhs.net"}
    assert all(p["Status"] is None and p["Partner"] is None for p in people.values())
    assert people["oliver@nhs.net"]["Organisation"] == "Hospital - Cardio"
    assert "partnered with Dr Amelia Ashworth" in people["oliver@nhs.net"]["Notes"]
    assert "withdrew on 1 September 2026 (illness)" in people["isla@nhs.net"]["Notes"]
    assert "Dr Isla Okonkwo" in people["arjun@nhs.net"]["Notes"]
    run("check", "2027/volunteers.xlsx")  # ready to use: no errors
    # and never over an existing scheme
    run("init", "2027", "--from", str(old), code=1)


def test_an_admin_staff_scheme_works_end_to_end(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "2028"
    folder.mkdir()
    for name in ("scheme.toml", "volunteers.csv"):
        shutil.copy(EXAMPLES / "admin-staff" / name, folder / name)
    run("check", "2028/volunteers.csv")
    data = json.loads(run("pair", "2028/volunteers.csv", "-o", "2028/pairs.xlsx",
                          "--json").output)
    practice = {"Practice manager", "Receptionist", "Care navigator"}
    hospital = {"Ward clerk", "Service manager", "Outpatient receptionist"}
    assert len(data["pairs"]) == 6
    for pair in data["pairs"]:
        assert pair["a"]["profession"] in practice and pair["b"]["profession"] in hospital
    table = run("pair", "2028/volunteers.csv", "--dry-run").output
    assert "General practice" in table and "Hospital" in table
    run("render", "partner-introduction", "--pairs", "2028/pairs.xlsx", "-o", "letters")
    assert len(list((tmp_path / "letters").rglob("*.eml"))) == 12
    run("status", "2028/pairs.xlsx")
    run("report", "2028/pairs.xlsx", "-o", "report.html")
    assert "Ward clerk" in (tmp_path / "report.html").read_text(encoding="utf-8")
    # a second year of it: the professions come along from the scheme.toml beside the record
    run("init", "2029", "--from", "2028/pairs.xlsx")
    assert "Ward clerk" in (tmp_path / "2029" / "scheme.toml").read_text("utf-8")
    run("check", "2029/volunteers.xlsx")


def test_new_organisation_weight_works_for_the_second_side_too(run: Runner,
                                                               tmp_path: Path) -> None:
    old = last_year(run, tmp_path)
    run("visit", "2026/pairs.xlsx", "Amelia Ashworth", "--hosted", "11/5/2026")  # Oliver visited
    write_book(tmp_path / "volunteers.xlsx", [
        person("Dr Kit Harbour", "kit@nhs.net", "GP", Organisation="Harbourside"),
        person("Dr Ravi Sandhu", "ravi@nhs.net", "GP", Organisation="Quayside"),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant",
               Organisation="Hospital - Cardio"),
        person("Arjun Rasmussen", "arjun@nhs.net", "Consultant", Organisation="Hospital - Resp"),
    ])
    (tmp_path / "scheme.toml").write_text("[weights]\nnew_organisation = 2\n", encoding="utf-8")
    for seed in range(6):
        data = json.loads(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                              str(old), "--seed", str(seed)).output)
        assert frozenset(("ravi@nhs.net", "oliver@nhs.net")) in pairs_of(json.dumps(data))
        assert data["summary"]["score"] == 2  # Arjun visited nowhere: no bonus for him


def test_history_from_several_years(run: Runner, tmp_path: Path) -> None:
    older = tmp_path / "2025"
    older.mkdir()
    agreed = {"amelia@nhs.net": {"Partner": "Arjun Rasmussen"},
              "isla@nhs.net": {"Partner": "Oliver Pemberton"}}
    write_book(older / "volunteers.xlsx", four(**agreed))
    run("pair", "2025/volunteers.xlsx", "-o", "2025/pairs.xlsx")
    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    write_book(tmp_path / "volunteers.xlsx", four())
    one = json.loads(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                         str(old)).output)
    assert len(one["pairs"]) == 2
    both = json.loads(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                          str(old), "--history", "2025/pairs.xlsx").output)
    assert both["pairs"] == [] and len(both["unpaired"]) == 4


def test_init_from_last_year_keeps_the_scheme_settings_but_not_its_dates(
        run: Runner, tmp_path: Path) -> None:
    """A second year starts from last year's scheme.toml: the administrator, the leads, the
    letterhead (with its logo) and every comment come along; the dates, which were last
    year's, do not, so no letter can print them."""
    import tomllib

    old = last_year(run, tmp_path)
    (old.parent / "crest.png").write_bytes(PNG_1x1)
    (old.parent / "scheme.toml").write_text(
        '[scheme]\nname = "Eastshire exchange"  # the name in every letter\n'
        '[administrator]\nname = "Hester Vane"\nemail = "hester.vane@nhs.net"\n'
        '[[leads]]\nname = "Dr Bea Lowry"\nemail = "bea.lowry@nhs.net"\nrole = "GP lead"\n'
        '[letterhead]\norganisation = "Eastshire ICB"\nlogo = "crest.png"\n'
        '[dates]\nstart = 2026-04-13\nend = 2026-07-13\n'
        '[celebration]\ndate = 2026-07-23\nvenue = "Eastshire Postgraduate Centre"\n',
        encoding="utf-8")
    run("init", "2027", "--from", str(old))
    text = (tmp_path / "2027" / "scheme.toml").read_text("utf-8")
    settings = tomllib.loads(text)
    assert settings["administrator"] == {"name": "Hester Vane", "email": "hester.vane@nhs.net"}
    assert settings["leads"] == [{"name": "Dr Bea Lowry", "email": "bea.lowry@nhs.net",
                                  "role": "GP lead"}]
    assert settings["letterhead"]["logo"] == "crest.png"
    assert (tmp_path / "2027" / "crest.png").read_bytes() == PNG_1x1
    assert settings["celebration"]["venue"] == "Eastshire Postgraduate Centre"
    assert "start" not in settings["dates"] and "end" not in settings["dates"]
    assert "date" not in settings["celebration"]
    assert "2026-0" not in text  # no date of last year's left, even in a comment
    assert "# the name in every letter" in text
    run("check", "2027/volunteers.xlsx", "--scheme", "2027/scheme.toml")


def test_init_from_last_year_leaves_out_last_years_guest_speaker(run: Runner,
                                                                 tmp_path: Path) -> None:
    """The guest speaker was booked for last year's celebration: carried into the new
    scheme.toml, this year's invitation named them and no check could tell. It goes as the
    dates go, with a line saying where to set this year's, and init's note asks for it."""
    import tomllib

    old = last_year(run, tmp_path)
    (old.parent / "scheme.toml").write_text(
        '[scheme]\nname = "Eastshire exchange 2026"\n'
        '[celebration]\ndate = 2026-07-23\nvenue = "Eastshire Postgraduate Centre"\n'
        'speaker = "Professor Imogen Hale"\nspeaker_topic = "Working across the interface"\n',
        encoding="utf-8")
    said = " ".join(run("init", "2027", "--from", str(old)).output.split())
    text = (tmp_path / "2027" / "scheme.toml").read_text("utf-8")
    celebration = tomllib.loads(text)["celebration"]
    assert celebration == {"venue": "Eastshire Postgraduate Centre"}
    assert "Imogen Hale" not in text and "Working across" not in text
    assert "# speaker = \"\"  # set this year's speaker, if any" in text
    # said once: the copy's dates and speaker to set, then last year's name to change
    assert f"{Path('2027') / 'scheme.toml'} is a copy of {old.parent / 'scheme.toml'}, its " \
        "dates and guest speaker left for you to set." in said
    assert "keeps last year's name 'Eastshire exchange 2026': change it before any letter " \
        "goes out." in said
    assert said.count("guest speaker") == 1 and said.count("dates") == 1



def test_init_from_last_year_writes_the_lines_to_set_inside_their_own_table(
        run: Runner, tmp_path: Path) -> None:
    """The lines left for this year's dates followed the blank line that closed their
    table, so '# date = YYYY-MM-DD' of [celebration] sat on top of the [weights] heading,
    read as one of its settings, and [dates] had a blank line and nothing under it."""
    old = last_year(run, tmp_path)
    (old.parent / "scheme.toml").write_text(
        '[scheme]\nname = "Eastshire exchange 2026"\n\n'
        '[dates]\nstart = 2026-04-20\nend = 2026-07-20\n\n'
        '[celebration]\ndate = 2026-07-23\nvenue = "Eastshire Postgraduate Centre"\n\n'
        '[weights]\ncluster = 1\n', encoding="utf-8")
    run("init", "2027", "--from", str(old))
    text = (tmp_path / "2027" / "scheme.toml").read_text("utf-8")
    dates = text.split("[dates]\n", 1)[1].split("[celebration]", 1)[0]
    assert dates.startswith("# start = YYYY-MM-DD")
    assert dates.endswith("was copied)\n\n")  # its two lines, then the blank line
    celebration = text.split("[celebration]\n", 1)[1].split("[weights]", 1)[0]
    assert celebration.startswith('venue = "Eastshire Postgraduate Centre"\n# date = ')
    assert celebration.endswith("was copied)\n\n")

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5f6d5dd0000000049454e44ae426082")


def test_an_organisation_visited_last_year_is_known_with_or_without_its_title(
        run: Runner, tmp_path: Path) -> None:
    """SPEC: organisations compare after dropping titles, so Oliver, who visited "Dr
    Ashworth's Surgery" last year, has visited "ASHWORTH'S SURGERY" (no new-organisation
    bonus for going there again)."""
    from wessex_cli.history import read_history
    from wessex_cli.text import organisation_key

    folder = tmp_path / "2026"
    folder.mkdir()
    write_book(folder / "volunteers.xlsx", four(**{"amelia@nhs.net": {
        "Partner": "Oliver Pemberton", "Organisation": "Dr Ashworth's Surgery"}}))
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx")
    run("visit", "2026/pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2026")
    history = read_history([folder / "pairs.xlsx"])
    assert history.visited["oliver@nhs.net"] == {organisation_key("ASHWORTH'S SURGERY")}


def test_the_settings_sheet_says_how_the_pairs_were_made_in_year_two(
        run: Runner, tmp_path: Path) -> None:
    """The pairs workbook records everything that decided its pairs: with --history the
    earlier workbooks (from its own folder, for 'pair --keep' to find again), and the
    new-organisation weight from scheme.toml."""
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx", four())
    (tmp_path / "scheme.toml").write_text("[weights]\nnew_organisation = 3\n", encoding="utf-8")
    run("pair", "volunteers.xlsx", "--history", str(old), "-o", "pairs.xlsx")
    settings = dict(openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Settings"].iter_rows(
        min_row=2, values_only=True))
    assert settings["Weights: an organisation not visited before (year two)"] == 3
    assert settings["History (earlier pairs workbooks)"] == "2026/pairs.xlsx"


def test_pairing_runs_without_the_command_line(tmp_path: Path) -> None:
    """The core of 'wessex pair' is usable without the CLI: run_pairing reads, pairs and
    writes, and prints nothing."""
    from wessex_cli.pairing_run import PairingRequest, run_pairing
    from wessex_cli.scheme import Scheme

    write_book(tmp_path / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Partner": "Arjun Rasmussen"}}))
    done = run_pairing(PairingRequest(tmp_path / "volunteers.xlsx", Scheme()))
    assert done.saved == tmp_path / "pairs.xlsx" and done.saved.exists()
    assert {frozenset((p.a.email, p.b.email)) for p in done.result.pairs} == {
        frozenset(("amelia@nhs.net", "arjun@nhs.net")),
        frozenset(("isla@nhs.net", "oliver@nhs.net"))}
    dry = run_pairing(PairingRequest(tmp_path / "volunteers.xlsx", Scheme(),
                                     output=tmp_path / "other.xlsx", dry_run=True))
    assert dry.saved is None and not (tmp_path / "other.xlsx").exists()


def test_init_from_last_year_brings_back_their_notes_and_own_columns(run: Runner,
                                                                     tmp_path: Path) -> None:
    """Last year's volunteer workbook had Notes and a "Line manager" column of its own; both
    travelled through the pairs workbook, and init --from brings them back: the column after
    wessex's own, the note above what happened last year."""
    folder = tmp_path / "2026"
    folder.mkdir()
    people = four(**{"amelia@nhs.net": {"Notes": "Prefers afternoons",
                                        "Line manager": "Dr Rhys Penhallow"},
                     "oliver@nhs.net": {"Line manager": "Ms Dilys Carrow"}})
    write_book(folder / "volunteers.xlsx", people, [*HEADERS, "Notes", "Line manager"])
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx")
    book = openpyxl.load_workbook(folder / "pairs.xlsx")  # the administrator's note on a pair
    pairs = book["Pairs"]
    titles = [c.value for c in pairs[1]]
    amelias = next(r for r in range(2, pairs.max_row + 1) if "amelia@nhs.net" in
                   (pairs.cell(r, titles.index("A email") + 1).value,
                    pairs.cell(r, titles.index("B email") + 1).value))
    pairs.cell(amelias, titles.index("Notes") + 1).value = "Rescheduled twice"
    book.save(folder / "pairs.xlsx")
    run("init", "2027", "--from", "2026/pairs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    rows = list(sheet.values)
    head = list(rows[0])
    assert head[-1] == "Line manager" and head.index("Notes") < head.index("Line manager")
    found = {r[head.index("Email")]: dict(zip(head, r, strict=False)) for r in rows[1:]}
    assert found["amelia@nhs.net"]["Line manager"] == "Dr Rhys Penhallow"
    assert found["oliver@nhs.net"]["Line manager"] == "Ms Dilys Carrow"
    assert found["isla@nhs.net"]["Line manager"] is None
    amelia_notes = found["amelia@nhs.net"]["Notes"].split("\n")
    assert amelia_notes[0] == "Prefers afternoons"  # her own, then last year's record
    assert amelia_notes[1].startswith("Workplace Exchange: partnered with ")
    assert amelia_notes[1].endswith("The pair's notes: Rescheduled twice.")
    assert found["oliver@nhs.net"]["Notes"].startswith("Workplace Exchange: partnered with ")
    run("check", "2027/volunteers.xlsx")  # ready to use: no errors


def test_init_from_last_year_carries_the_unpaired_whole_and_says_what_happened(
        run: Runner, tmp_path: Path) -> None:
    """Someone never paired comes back with every detail the paired come back with (the
    Unpaired sheet held five of them); someone whose partner withdrew, and who found no new
    partner, is said to have been paired, not to have volunteered and never been paired."""
    folder = tmp_path / "2026"
    folder.mkdir()
    people = [*four(), person("Dr Maryam Kowalczyk", "maryam@nhs.net", "GP",
                              Organisation="Westcliff", Phone="07700 900163",
                              Specialty="General Practice", Notes="Part time",
                              **{"Line manager": "Dr Rhys Penhallow"})]
    write_book(folder / "volunteers.xlsx", people,
               [*HEADERS, "Phone", "Notes", "Line manager"])
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx", "--lock",
        "Isla Okonkwo=Arjun Rasmussen", "--lock", "Amelia Ashworth=Oliver Pemberton")
    # Isla hosted Arjun before he left: a half day she did, which her note must keep
    run("visit", "2026/pairs.xlsx", "Isla Okonkwo", "--hosted", "2026-07-14")
    run("withdraw", "2026/pairs.xlsx", "Arjun Rasmussen", "--reason", "moved away")
    run("pair", "2026/volunteers.xlsx", "--keep", "2026/pairs.xlsx")  # no one left for Isla
    run("init", "2027", "--from", "2026/pairs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    rows = list(sheet.values)
    head = list(rows[0])
    found = {r[head.index("Email")]: dict(zip(head, r, strict=False)) for r in rows[1:]}
    maryam = found["maryam@nhs.net"]
    assert (maryam["Phone"], maryam["Specialty"], maryam["Line manager"]) == (
        "07700 900163", "General Practice", "Dr Rhys Penhallow")
    assert maryam["Notes"] == "Part time\nWorkplace Exchange: volunteered but was not paired."
    # the scheme named once; her partner, his workplace, when he left and what she did
    assert found["isla@nhs.net"]["Notes"] == (
        "Workplace Exchange: partnered with Arjun Rasmussen (Hospital - Resp), who withdrew on "
        "1 September 2026; hosted them; the visit to their workplace not recorded as done. "
        "No new partner was found.")
    assert found["arjun@nhs.net"]["Notes"] == (
        "Workplace Exchange: withdrew on 1 September 2026 (moved away); had been paired with "
        "Dr Isla Okonkwo; visited them; hosting them not recorded as done.")


def test_init_from_brings_back_what_only_the_volunteer_workbook_held(run: Runner,
                                                                     tmp_path: Path) -> None:
    """init --from read only the pairs workbook, so Avoid, Capacity, Registered practice and
    Cluster came back blank (next year's pairing could meet whom it must not), nobody
    withdrawn before pairing came back, and the administrator's own wording stayed behind."""
    folder = tmp_path / "2026"
    folder.mkdir()
    people = four(**{"amelia@nhs.net": {"Avoid": "Arjun Rasmussen", "Cluster": "North"},
                     "oliver@nhs.net": {"Registered practice": "Elmfield", "Capacity": 2}})
    people.append(person("Dr Femi Fairbairn", "femi@nhs.net", "GP", Organisation="Quayside",
                         Status="withdrawn"))
    write_book(folder / "volunteers.xlsx", people)
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx")
    (folder / "templates").mkdir()
    (folder / "templates" / "reminder.md.j2").write_text("+++\ntitle = \"Mine\"\n+++\nHello\n")
    said = " ".join(run("init", "2027", "--from", "2026/pairs.xlsx").stdout.split())
    assert "Cluster, Registered practice, Avoid and Capacity came from " \
        f"{Path('2026') / 'volunteers.xlsx'}" in said
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    headers = [c.value for c in sheet[1]]
    rows = {row[headers.index("Email")]: dict(zip(headers, row, strict=False))
            for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["amelia@nhs.net"]["Avoid"] == "arjun@nhs.net"
    assert rows["amelia@nhs.net"]["Cluster"] == "North"
    assert rows["oliver@nhs.net"]["Registered practice"] == "Elmfield"
    assert rows["oliver@nhs.net"]["Capacity"] == 2  # a number, as it was typed
    assert rows["isla@nhs.net"]["Avoid"] is None and rows["isla@nhs.net"]["Capacity"] is None
    assert "not paired, as their Status said 'withdrawn' (they withdrew before pairing, or " \
        "took no part that year)." in rows["femi@nhs.net"]["Notes"]
    assert rows["femi@nhs.net"]["Status"] is None
    assert (tmp_path / "2027" / "templates" / "reminder.md.j2").read_text().endswith("Hello\n")
    # without last year's volunteer workbook, the blanks are said
    (folder / "volunteers.xlsx").rename(folder / "elsewhere.xlsx")
    said = " ".join(run("init", "2028", "--from", "2026/pairs.xlsx").stdout.split())
    assert "so Cluster, Registered practice, Avoid and Capacity are blank" in said


def test_a_new_address_does_not_free_someone_from_last_years_partner(run: Runner,
                                                                    tmp_path: Path) -> None:
    """History was matched by e-mail alone: Amelia with a new address could be locked to
    Oliver, last year's partner."""
    old = last_year(run, tmp_path)
    people = four()
    people[0]["Email"] = "amelia.ashworth@harbourside.nhs.uk"
    write_book(tmp_path / "volunteers.xlsx", people)
    refused = run("pair", "volunteers.xlsx", "--dry-run", "--history", str(old), "--lock",
                  "Dr Amelia Ashworth=Oliver Pemberton", code=1)
    assert "rule 6" in refused.output
    said = " ".join(run("pair", "volunteers.xlsx", "--dry-run", "--history",
                        str(old)).stdout.split())
    assert "Dr Amelia Ashworth (amelia.ashworth@harbourside.nhs.uk) is taken to be the Dr " \
        "Amelia Ashworth of the earlier pairs (amelia@nhs.net)" in said
    fresh = pairs_of(run("pair", "volunteers.xlsx", "--dry-run", "--json", "--history",
                         str(old)).stdout)
    assert frozenset(("amelia.ashworth@harbourside.nhs.uk", "oliver@nhs.net")) not in fresh


def test_a_history_given_with_keep_adds_to_the_recorded_one(run: Runner,
                                                            tmp_path: Path) -> None:
    """--keep with a --history of another year replaced the recorded one without a word, and
    last year's partners were paired again; pair --force without --history did the same."""
    old = last_year(run, tmp_path)
    older = tmp_path / "2025"
    older.mkdir()
    write_book(older / "volunteers.xlsx", four()[:3:2])  # Amelia and Oliver only
    run("pair", "2025/volunteers.xlsx", "-o", "2025/pairs.xlsx")
    write_book(tmp_path / "volunteers.xlsx", four())
    run("pair", "volunteers.xlsx", "--history", str(old))
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen")
    run("withdraw", "pairs.xlsx", "Dr Isla Okonkwo")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--history",
                        "2025/pairs.xlsx").stdout.split())
    assert "Earlier partners kept apart again, as when pairs.xlsx was paired: from " \
        "2026/pairs.xlsx" in said
    assert openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"].max_row == 1
    settings = [row[1] for row in openpyxl.load_workbook(tmp_path / "pairs.xlsx")[
        "Settings"].iter_rows(values_only=True) if row[0] == "History (earlier pairs workbooks)"]
    assert sorted(settings) == ["2025/pairs.xlsx", "2026/pairs.xlsx"]
    before = (tmp_path / "pairs.xlsx").read_bytes()
    refused = " ".join(run("pair", "volunteers.xlsx", "--force", code=1).output.split())
    assert "pairs.xlsx was paired keeping earlier partners apart" in refused
    assert "Give --history again" in refused
    assert (tmp_path / "pairs.xlsx").read_bytes() == before


def test_the_settings_name_the_scheme_file_by_its_path(run: Runner, tmp_path: Path) -> None:
    """The Settings sheet named scheme.toml by its name alone, whichever was given with
    --scheme: it names the one used, from the pairs workbook's folder, as the input."""
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "scheme.toml").write_text('[scheme]\nname = "Exchange"\n')
    write_book(tmp_path / "volunteers.xlsx", four())
    run("pair", "volunteers.xlsx", "--scheme", "conf/scheme.toml", "-o", "out/pairs.xlsx")
    settings = dict(openpyxl.load_workbook(tmp_path / "out" / "pairs.xlsx")[
        "Settings"].iter_rows(min_row=2, values_only=True))
    assert settings["Scheme file"] == "../conf/scheme.toml"
    assert settings["Input file"] == "../volunteers.xlsx"


def test_init_from_a_pairs_workbook_written_elsewhere_finds_its_volunteers(
        run: Runner, tmp_path: Path) -> None:
    """The Settings sheet named the volunteer workbook by its name alone, so a pairs workbook
    written with -o into another folder could not lead init --from back to it."""
    (tmp_path / "lists").mkdir()
    write_book(tmp_path / "lists" / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Avoid": "Arjun Rasmussen"}}))
    run("pair", "lists/volunteers.xlsx", "-o", "out/2026/pairs.xlsx")
    settings = dict(openpyxl.load_workbook(tmp_path / "out" / "2026" / "pairs.xlsx")[
        "Settings"].iter_rows(min_row=2, values_only=True))
    assert settings["Input file"] == "../../lists/volunteers.xlsx"
    said = " ".join(run("init", "2027", "--from", "out/2026/pairs.xlsx").stdout.split())
    assert "came from" in said and "are blank" not in said
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    headers = [c.value for c in sheet[1]]
    avoid = {row[headers.index("Email")]: row[headers.index("Avoid")]
             for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert avoid["amelia@nhs.net"] == "arjun@nhs.net"


def test_a_history_workbook_that_is_not_one_is_named_as_given(run: Runner,
                                                              tmp_path: Path) -> None:
    """'volunteers.xlsx: this workbook has no Pairs sheet' read as this year's workbook, when
    it was last year's, given with --history from another folder."""
    (tmp_path / "2027").mkdir()
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "2027" / "volunteers.xlsx")
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    said = " ".join(run("pair", "volunteers.xlsx", "--history",
                        str(Path("2027") / "volunteers.xlsx"), "--dry-run", code=1
                        ).output.split())
    assert f"the workbook given with --history ({Path('2027') / 'volunteers.xlsx'}): this " \
        "workbook has no 'Pairs' sheet" in said


def test_init_from_names_last_year_in_scheme_toml_and_pair_keeps_those_partners_apart(
        run: Runner, tmp_path: Path) -> None:
    """SPEC, year two: never the same partner again. 'init --from' lists last year's pairs
    workbook in the new scheme.toml ([pairing] history), so a 'pair' without --history
    keeps last year's partners apart (it paired them again, unnoticed)."""
    import tomllib

    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    said = " ".join(run("init", "2027", "--from", "2026/pairs.xlsx").output.split())
    assert "2027/scheme.toml lists 2026/pairs.xlsx under [pairing] history" in said
    text = (tmp_path / "2027" / "scheme.toml").read_text("utf-8")
    assert tomllib.loads(text)["pairing"]["history"] == ["../2026/pairs.xlsx"]
    # under its heading, with a word on what it does, not after the commented [feedback]
    # example that ends the table
    assert "[pairing]\n# earlier years' pairs workbooks (paths from this folder): 'wessex " \
        "pair'\n# never pairs anyone with a partner they had in one\nhistory = " \
        "[\"../2026/pairs.xlsx\"]\nseed = 2027" in text
    assert "# history =" not in text  # the commented example, replaced
    # this year each asks for last year's partner again
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Preference 1": "Oliver Pemberton"},
        "isla@nhs.net": {"Preference 1": "Arjun Rasmussen"}}))
    result = run("pair", "2027/volunteers.xlsx", "--dry-run", "--json")
    assert pairs_of(result.stdout) == {frozenset(("amelia@nhs.net", "arjun@nhs.net")),
                                       frozenset(("isla@nhs.net", "oliver@nhs.net"))}
    assert "Earlier partners kept apart, as 2027/scheme.toml says under [pairing] history: " \
        "from 2026/pairs.xlsx." in " ".join(result.stderr.split())
    # given again with --history as well, it is read once, and still said
    twice = run("pair", "2027/volunteers.xlsx", "--dry-run", "--json", "--history", str(old))
    assert pairs_of(twice.stdout) == pairs_of(result.stdout)
    assert " ".join(twice.stderr.split()).count(
        "as 2027/scheme.toml says under [pairing] history: from 2026/pairs.xlsx.") == 1


def test_a_third_year_lists_both_earlier_years(run: Runner, tmp_path: Path) -> None:
    """Year three from year two's workbook, which was paired apart from year one: the new
    scheme.toml lists both, from its own folder, under one history setting."""
    import tomllib

    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx")
    said = " ".join(run("init", "2028", "--from", "2027/pairs.xlsx").output.split())
    assert "lists 2027/pairs.xlsx (and the earlier year it was paired apart from)" in said
    text = (tmp_path / "2028" / "scheme.toml").read_text("utf-8")
    assert tomllib.loads(text)["pairing"]["history"] == ["../2027/pairs.xlsx",
                                                         "../2026/pairs.xlsx"]
    assert text.count("\nhistory =") == 1  # and the commented example
    assert text.count("# earlier years' pairs workbooks (paths from this folder):") == 1


def test_a_history_workbook_scheme_toml_names_but_cannot_find_is_refused(
        run: Runner, tmp_path: Path) -> None:
    """Last year's folder moved: pairing would let last year's partners meet again, so it
    stops and says which setting names what."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    shutil.move(tmp_path / "2026", tmp_path / "archive-2026")
    said = " ".join(run("pair", "2027/volunteers.xlsx", "--dry-run", code=1).output.split())
    # as scheme.toml has it, to find it there, and from the folder the command ran in
    assert "setting 'pairing.history' names ../2026/pairs.xlsx (2026/pairs.xlsx from this " \
        "folder), an earlier year's pairs workbook, which is not there" in said
    assert "which is not there" in said
    assert "Correct the path (it is read from scheme.toml's folder)" in said
    # 'check' says so first, as a warning: the volunteer workbook itself is fine
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)["problems"]
    assert [p["message"] for p in checked if "pairing.history" in p["message"]] == [
        "scheme.toml's setting 'pairing.history' names ../2026/pairs.xlsx (2026/pairs.xlsx "
        "from this folder), an earlier year's pairs workbook, which is not there, so wessex "
        "cannot tell who was paired then, and "
        "'wessex pair' stops for it. Correct the path (it is read from scheme.toml's folder), "
        "or take it out of the list if that year's partners may be paired again."]


@pytest.mark.parametrize("value", ['"../2026/pairs.xlsx"', '["../2026/pairs.xlsx"]'])
def test_scheme_history_is_one_path_or_a_list(run: Runner, tmp_path: Path, value: str) -> None:
    old = last_year(run, tmp_path)
    (tmp_path / "2027").mkdir()
    (tmp_path / "2027" / "scheme.toml").write_text(f"[pairing]\nhistory = {value}\n",
                                                  encoding="utf-8")
    # Amelia asks for Oliver again: without the history they would be paired
    write_book(tmp_path / "2027" / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Preference 1": "Oliver Pemberton"}}))
    result = run("pair", "2027/volunteers.xlsx", "--dry-run", "--json")
    assert frozenset(("amelia@nhs.net", "oliver@nhs.net")) not in pairs_of(result.stdout)
    assert old.is_file()


def test_scheme_history_that_is_not_paths_is_refused(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text("[pairing]\nhistory = [2026]\n", encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", four())
    said = " ".join(run("pair", "volunteers.xlsx", "--dry-run", code=1).output.split())
    assert "setting 'pairing.history' (line 2) must be a list of the earlier pairs " \
        "workbooks" in said


def test_the_preferences_request_asks_returning_volunteers_for_someone_new(
        run: Runner, tmp_path: Path) -> None:
    """A scheme that keeps earlier partners apart ([pairing] history) says so where it asks
    for choices, so nobody spends a choice on last year's partner; a first year does not."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    run("render", "preferences-request", "--volunteers", "2027/volunteers.xlsx", "--format",
        "txt", "-o", "letters", "--allow-placeholders")
    text = " ".join((tmp_path / "letters" / "preferences-request" /
                     "amelia-ashworth.txt").read_text("utf-8").split())
    # pairs moved to the Withdrawn sheet do not count (README), so the letter says so
    assert "- If you have taken part before: choose someone new. Nobody is paired again " \
        "with a partner from an earlier year, unless one of the two withdrew from that " \
        "pairing." in text
    run("render", "preferences-request", "--volunteers", "2026/volunteers.xlsx", "--format",
        "txt", "-o", "first", "--allow-placeholders")
    first = (tmp_path / "first" / "preferences-request" / "amelia-ashworth.txt").read_text(
        "utf-8")
    assert "taken part before" not in first


def test_a_third_year_names_an_earlier_year_it_cannot_find(run: Runner,
                                                           tmp_path: Path) -> None:
    """Year one's folder gone by year three: init cannot list it, and says so, rather than
    let year one's partners meet again without a word."""
    import tomllib

    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx")
    shutil.move(tmp_path / "2026", tmp_path / "archive-2026")
    said = " ".join(run("init", "2028", "--from", "2027/pairs.xlsx").output.split())
    assert "Note: 2027/pairs.xlsx was also paired apart from ../2026/pairs.xlsx (as its " \
        "Settings sheet says, from its folder), which is not there now, so the new " \
        "scheme.toml does not list it: add the path under [pairing] history if that year's " \
        "partners are to be kept apart too." in said
    text = (tmp_path / "2028" / "scheme.toml").read_text("utf-8")
    assert tomllib.loads(text)["pairing"]["history"] == ["../2027/pairs.xlsx"]


def test_check_says_a_partner_lock_names_last_years_partner(run: Runner,
                                                             tmp_path: Path) -> None:
    """Amelia's Partner cell names Oliver, her partner last year, whom scheme.toml's [pairing]
    history keeps from her: 'check' said "0 errors", then 'pair' refused the lock."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Partner": "Oliver Pemberton"}}))
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json", code=1).stdout)
    locks = [p for p in checked["problems"] if p["severity"] == "error"]
    partner_column = HEADERS.index("Partner")
    assert [p["cell"] for p in locks] == [f"Volunteers!{chr(ord('A') + partner_column)}2"]
    assert "Oliver Pemberton" in locks[0]["message"]
    assert "rule 6 (partners in an earlier scheme)" in locks[0]["message"]
    assert [r["name"] for r in checked["rows_with_errors"]] == ["Dr Amelia Ashworth"]
    # as 'pair' refuses it
    assert "rule 6" in run("pair", "2027/volunteers.xlsx", "--dry-run", code=1).output


def test_skip_errors_leaves_out_a_partner_lock_naming_last_years_partner(
        run: Runner, tmp_path: Path) -> None:
    """'check' calls that Partner cell an error of its row, and --skip-errors pairs everyone
    but the people of such rows: it refused the whole pairing for the lock instead."""
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Partner": "Oliver Pemberton"}}))
    data = json.loads(run("pair", "volunteers.xlsx", "--history", str(old), "--skip-errors",
                          "--dry-run", "--json").stdout)
    assert [left["name"] for left in data["left_out"]] == ["Dr Amelia Ashworth"]
    assert "rule 6 (partners in an earlier scheme)" in data["left_out"][0]["reasons"][0]
    # Isla, Arjun's partner last year, takes Oliver
    assert pairs_of(json.dumps(data)) == {frozenset(("isla@nhs.net", "oliver@nhs.net"))}


def test_init_from_says_to_take_out_anyone_not_taking_part_this_year(
        run: Runner, tmp_path: Path) -> None:
    """Everyone last year's workbook knows is carried forward, and the preferences request
    thanks each person listed for volunteering this year ('So far 4 of us have signed up,
    you included'): init said only to ask them for their days and choices."""
    old = last_year(run, tmp_path)
    said = " ".join(run("init", "2027", "--from", str(old)).output.split())
    assert "Carried forward 4 people from" in said
    assert "Delete the row of anyone not taking part this year, or write 'withdrawn' in " \
        "their Status cell, before the preferences request goes out: it thanks everyone " \
        "listed for volunteering." in said


def test_init_from_says_the_status_cells_are_left_blank(run: Runner, tmp_path: Path) -> None:
    """init said 'status reset', which names nothing the administrator sees: it leaves each
    Status cell of the new Volunteers sheet blank, which counts as taking part, even for
    someone who withdrew last year before the pairing, and says so."""
    old = last_year(run, tmp_path)
    write_book(old.parent / "volunteers.xlsx", [*four(), person(
        "Dr Tomasz Ferreira", "tomasz@nhs.net", "GP", Organisation="Brookside",
        Status="withdrawn")])
    said = " ".join(run("init", "2027", "--from", str(old)).output.split())
    assert f"Carried forward 5 people from {old}, their Status cells left blank (taking " \
        "part), and in their Notes" in said
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    titles = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5
    assert [row[titles.index("Status")] for row in rows] == [None] * 5
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json", code=None).stdout)
    assert checked["active"] == 5  # a blank Status is taking part


def test_check_warns_of_a_choice_naming_last_years_partner(run: Runner,
                                                            tmp_path: Path) -> None:
    """Amelia's 2nd choice is Oliver, her partner last year, whom scheme.toml's [pairing]
    history keeps from her: 'check' said nothing, and only 'pair' said so, after the
    pairing, too late to ask her for someone else."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Preference 2": "Oliver Pemberton"},
        "isla@nhs.net": {"Preference 1": "Oliver Pemberton"}}))
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)
    said = [p for p in checked["problems"] if "earlier scheme" in p["message"]]
    column = chr(ord("A") + HEADERS.index("Preference 2"))
    assert [(p["severity"], p["cell"]) for p in said] == [("warning", f"Volunteers!{column}2")]
    assert "Oliver Pemberton" in said[0]["message"]
    assert "cannot be met" in said[0]["message"]
    assert "rule 6 (partners in an earlier scheme)" in said[0]["message"]
    assert checked["rows_with_errors"] == []  # a choice is no error: pairing goes on
    # Isla was never paired with Oliver: her choice is no warning; nor, without the history
    (tmp_path / "2027" / "scheme.toml").write_text("", "utf-8")
    again = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)
    assert not [p for p in again["problems"] if "earlier scheme" in p["message"]]


def test_check_reads_no_history_while_no_choice_names_a_person(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With choices of topics only and no Partner cell filled, no choice or lock can name an
    earlier partner: 'check' does not read the earlier years' workbooks for nothing."""
    from wessex_cli import history

    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Preference 1": "Hospital - Cardio"}}))

    def unread(paths: list[Path]) -> history.History:
        raise AssertionError(f"read {paths}")

    monkeypatch.setattr(history, "read_history", unread)
    run("check", "2027/volunteers.xlsx")


def test_init_from_words_a_withdrawn_status_true_of_someone_not_returning(
        run: Runner, tmp_path: Path) -> None:
    """Arjun, not returning in 2027, is marked withdrawn there as init --from says; the
    2028 Notes said he 'volunteered (Status: withdrawn) but was not paired', which he never
    did that year. The note now holds whether he withdrew or never took part."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx",
               four(**{"arjun@nhs.net": {"Status": "withdrawn"}}))
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx")
    run("init", "2028", "--from", "2027/pairs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "2028" / "volunteers.xlsx")["Volunteers"]
    headers = [c.value for c in sheet[1]]
    notes = {row[headers.index("Email")]: row[headers.index("Notes")]
             for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert notes["arjun@nhs.net"] == (
        "Workplace Exchange: not paired, as their Status said 'withdrawn' (they withdrew "
        "before pairing, or took no part that year).")


def test_a_history_workbook_mistyped_in_scheme_toml_gets_the_near_name(
        run: Runner, tmp_path: Path) -> None:
    """'pairs.xls' for pairs.xlsx in a scheme file of another name: the near name is offered
    as the setting would hold it (from that file's folder), and the file is named by its own
    name, as a missing input file's near name is offered."""
    last_year(run, tmp_path)
    (tmp_path / "2027").mkdir()
    (tmp_path / "2027" / "exchange.toml").write_text(
        '[pairing]\nhistory = ["../2026/pairs.xls"]\n', encoding="utf-8")
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    said = " ".join(run("pair", "2027/volunteers.xlsx", "--scheme", "2027/exchange.toml",
                        "--dry-run", code=1).output.split())
    assert "Did you mean '../2026/pairs.xlsx'? Correct the path (it is read from " \
        "exchange.toml's folder)" in said


def history_rows(book: Path) -> list[str]:
    """The earlier pairs workbooks ``book``'s Settings sheet records, one row each."""
    return [row[1] for row in openpyxl.load_workbook(book)["Settings"].iter_rows(
        values_only=True) if row[0] == "History (earlier pairs workbooks)"]


def test_a_year_given_with_history_and_in_scheme_toml_is_recorded_once(
        run: Runner, tmp_path: Path) -> None:
    """Last year named both by scheme.toml's [pairing] history and by --history, in 'pair'
    and again in 'pair --keep' (whose Settings sheet names it a third time): the Settings
    sheet lists it once, as one year, not once for each place it was named."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))  # its scheme.toml lists ../2026/pairs.xlsx
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx", "--history", str(old))
    assert history_rows(tmp_path / "2027" / "pairs.xlsx") == ["../2026/pairs.xlsx"]
    run("pair", "2027/volunteers.xlsx", "--keep", "2027/pairs.xlsx", "--history",
        "2026/pairs.xlsx")
    assert history_rows(tmp_path / "2027" / "pairs.xlsx") == ["../2026/pairs.xlsx"]


def test_a_third_year_lists_each_earlier_year_once(run: Runner, tmp_path: Path) -> None:
    """Year two's Settings sheet naming year one twice, and naming year two itself (rows
    copied or typed in by hand): year three's scheme.toml lists each year once."""
    import tomllib

    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx")
    book = openpyxl.load_workbook(tmp_path / "2027" / "pairs.xlsx")
    book["Settings"].append(["History (earlier pairs workbooks)", "../2026/pairs.xlsx"])
    book["Settings"].append(["History (earlier pairs workbooks)", "pairs.xlsx"])
    book.save(tmp_path / "2027" / "pairs.xlsx")
    run("init", "2028", "--from", "2027/pairs.xlsx")
    text = (tmp_path / "2028" / "scheme.toml").read_text("utf-8")
    assert tomllib.loads(text)["pairing"]["history"] == ["../2027/pairs.xlsx",
                                                         "../2026/pairs.xlsx"]


def test_a_missing_history_workbook_is_named_once_where_both_paths_agree(
        run: Runner, tmp_path: Path) -> None:
    """Run from the folder of scheme.toml, the path it gives for a year not there is the
    path from this folder too: it is said once, not again in brackets as 'from this
    folder'."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    shutil.move(tmp_path / "2026", tmp_path / "archive-2026")
    inside = Runner(tmp_path / "2027")
    said = " ".join(inside("pair", "volunteers.xlsx", "--dry-run", code=1).output.split())
    assert "setting 'pairing.history' names ../2026/pairs.xlsx, an earlier year's pairs " \
        "workbook, which is not there" in said
    assert "from this folder" not in said


def test_init_from_puts_history_in_the_pairing_table_not_in_a_text_that_holds_its_heading(
        run: Runner, tmp_path: Path) -> None:
    """Last year's scheme.toml with a line '[pairing]' inside a text of several lines (the
    venue): the history setting goes in the [pairing] table, and the venue is as it was."""
    import tomllib

    old = last_year(run, tmp_path)
    venue = "The Atrium\n[pairing]\nEastshire General Hospital"
    (tmp_path / "2026" / "scheme.toml").write_text(
        f'[celebration]\nvenue = """{venue}"""\n\n[pairing]\nseed = 2026\n', encoding="utf-8")
    run("init", "2027", "--from", str(old))
    scheme = tomllib.loads((tmp_path / "2027" / "scheme.toml").read_text("utf-8"))
    assert scheme["pairing"]["history"] == ["../2026/pairs.xlsx"]
    assert scheme["celebration"]["venue"] == venue


def test_check_warns_only_of_a_history_workbook_not_there(run: Runner,
                                                          tmp_path: Path) -> None:
    """scheme.toml lists last year, there, and a year before it that is not: 'check' warns
    of the one 'pair' would stop for, and not of the one it reads."""
    old = last_year(run, tmp_path)
    run("init", "2027", "--from", str(old))
    scheme = tmp_path / "2027" / "scheme.toml"
    scheme.write_text(scheme.read_text("utf-8").replace(
        'history = ["../2026/pairs.xlsx"]',
        'history = ["../2026/pairs.xlsx", "../2025/pairs.xlsx"]'), encoding="utf-8")
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)["problems"]
    named = [p["message"] for p in checked if "pairing.history" in p["message"]]
    assert len(named) == 1
    assert "names ../2025/pairs.xlsx (2025/pairs.xlsx from this folder)" in named[0]


def test_one_year_spelt_two_ways_is_read_and_recorded_once(run: Runner, tmp_path: Path) -> None:
    """scheme.toml naming last year as '../2026/pairs.xlsx' and '../2026/../2026/pairs.xlsx',
    and a Settings sheet naming it twice by hand: each is one year, recorded once, by 'pair' and by
    'pair --keep' (the paths as typed were compared, so both spellings were kept)."""
    last_year(run, tmp_path)
    (tmp_path / "2027").mkdir()
    (tmp_path / "2027" / "scheme.toml").write_text(
        '[pairing]\nhistory = ["../2026/pairs.xlsx", "../2026/../2026/pairs.xlsx"]\n',
        encoding="utf-8")
    write_book(tmp_path / "2027" / "volunteers.xlsx", four())
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx")
    assert history_rows(tmp_path / "2027" / "pairs.xlsx") == ["../2026/pairs.xlsx"]
    book = openpyxl.load_workbook(tmp_path / "2027" / "pairs.xlsx")
    settings = book["Settings"]
    settings.append(["History (earlier pairs workbooks)", "../2026/pairs.xlsx"])
    book.save(tmp_path / "2027" / "pairs.xlsx")
    (tmp_path / "2027" / "scheme.toml").write_text("", encoding="utf-8")
    said = " ".join(run("pair", "2027/volunteers.xlsx", "--keep", "2027/pairs.xlsx").output
                    .split())
    assert "from ../2026/pairs.xlsx (as its Settings sheet says" in said
    assert history_rows(tmp_path / "2027" / "pairs.xlsx") == ["../2026/pairs.xlsx"]


def test_a_history_row_naming_the_workbook_itself_says_so(run: Runner, tmp_path: Path) -> None:
    """This year's pairs saved over last year's (in one folder, last.xlsx, whose Settings
    then name last.xlsx): 'pair --keep' cannot read last year's partners from it, and said
    "wessex cannot find that workbook" of a file that is there."""
    last_year(run, tmp_path).rename(tmp_path / "last.xlsx")
    write_book(tmp_path / "volunteers.xlsx", four())
    run("pair", "volunteers.xlsx", "--history", "last.xlsx")
    shutil.copy(tmp_path / "pairs.xlsx", tmp_path / "last.xlsx")  # last year's record lost
    refused = " ".join(run("pair", "volunteers.xlsx", "--keep", "last.xlsx",
                           code=1).output.split())
    assert "names 'last.xlsx' under History as an earlier year, but from last.xlsx's " \
        "folder that is last.xlsx itself" in refused
    assert "cannot find" not in refused
    assert "--history PATH-TO-LAST-YEARS-pairs.xlsx" in refused


def history_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The earlier years' workbooks read from now on, in order, each time one is read."""
    import wessex_cli.history

    reading = wessex_cli.history._history_book
    read: list[Path] = []

    def counted(path: Path) -> object:
        read.append(path)
        return reading(path)

    monkeypatch.setattr(wessex_cli.history, "_history_book", counted)
    return read


def test_skip_errors_with_keep_leaves_out_a_lock_of_a_partner_its_settings_keep_apart(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The years a pairs workbook's Settings record (no --history given again) keep
    partners apart in 'pair --keep --skip-errors' too: a Partner lock of last year's
    partners is an error of its row, left out, where the whole re-pairing was refused for
    it. And each earlier workbook is read once (it was read for the locks, then again)."""
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx", four())
    run("pair", "volunteers.xlsx", "--history", str(old))  # Amelia-Arjun, Isla-Oliver
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen")
    write_book(tmp_path / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Partner": "Oliver Pemberton"},
                       "arjun@nhs.net": {"Status": "withdrawn"}}))
    read = history_reads(monkeypatch)
    data = json.loads(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--skip-errors",
                          "--dry-run", "--json").stdout)
    assert [left["name"] for left in data["left_out"]] == ["Dr Amelia Ashworth"]
    assert "rule 6 (partners in an earlier scheme)" in data["left_out"][0]["reasons"][0]
    assert [p.name for p in read] == ["pairs.xlsx"]  # 2026's, once
    assert [p.parent.name for p in read] == ["2026"]


def test_skip_errors_reads_each_earlier_year_once(run: Runner, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """--history and --skip-errors with a Partner cell filled: last year's workbook was read
    (and applied) once to find the locks of earlier partners, then once more to pair."""
    old = last_year(run, tmp_path)
    write_book(tmp_path / "volunteers.xlsx",
               four(**{"amelia@nhs.net": {"Partner": "Oliver Pemberton"}}))
    read = history_reads(monkeypatch)
    data = json.loads(run("pair", "volunteers.xlsx", "--history", str(old), "--skip-errors",
                          "--dry-run", "--json").stdout)
    assert [left["name"] for left in data["left_out"]] == ["Dr Amelia Ashworth"]
    assert read == [old]


def test_init_from_writes_a_side_only_where_the_profession_does_not_decide_it(
        run: Runner, tmp_path: Path) -> None:
    """init --from wrote every carried person's side as the pairs workbook keeps it
    ('primary'), which is not on the Side column's drop-down list ('Primary care') and goes
    against its advice to leave the cell blank when the profession decides the side."""
    folder = tmp_path / "2026"
    folder.mkdir()
    people = four()
    people.append(person("Kit Marlowe", "kit@nhs.net", "Physiotherapist", Side="Primary care",
                         Organisation="Quayside"))
    write_book(folder / "volunteers.xlsx", people, headers=[*HEADERS, "Side"])
    run("pair", "2026/volunteers.xlsx", "-o", "2026/pairs.xlsx")
    run("init", "2027", "--from", "2026/pairs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "2027" / "volunteers.xlsx")["Volunteers"]
    headers = [c.value for c in sheet[1]]
    sides = {row[headers.index("Email")]: row[headers.index("Side")]
             for row in sheet.iter_rows(min_row=2, values_only=True)}
    # a GP and a consultant: the profession decides, as the column's advice says
    assert sides["amelia@nhs.net"] is None and sides["oliver@nhs.net"] is None
    # a profession scheme.toml does not list: the side as the drop-down offers it
    assert sides["kit@nhs.net"] == "Primary care"
    run("check", "2027/volunteers.xlsx")


def test_check_says_where_the_earlier_pair_is_recorded(run: Runner, tmp_path: Path) -> None:
    """'check' called a Partner cell or a choice naming last year's partner a breach of rule 6
    without saying where that earlier pairing is written: with several years listed, the
    administrator could not tell which year, nor look the pair up to tell the volunteer. It
    names the pair and the earlier workbook, from the folder the command runs in."""
    old = last_year(run, tmp_path)  # P001 is Amelia with Oliver
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Partner": "Oliver Pemberton"},
        "isla@nhs.net": {"Preference 1": "Arjun Rasmussen"}}))
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json", code=1).stdout)
    said = {p["cell"]: p["message"] for p in checked["problems"]
            if "earlier scheme" in p["message"]}
    lock = f"Volunteers!{chr(ord('A') + HEADERS.index('Partner'))}2"
    choice = f"Volunteers!{chr(ord('A') + HEADERS.index('Preference 1'))}3"
    assert sorted(said) == sorted([lock, choice])
    assert "rule 6 (partners in an earlier scheme). They were pair P001 in " \
        "2026/pairs.xlsx." in said[lock]
    assert "never pairs them again. They were pair P002 in 2026/pairs.xlsx." in said[choice]


def test_a_new_partner_after_a_withdrawal_is_not_said_to_replace_last_years(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a second year, the partner introduction to someone whose partner withdrew said
    'Your earlier exchange partner is no longer able to take part': to Arjun, Isla's
    partner last year and taking part again with her this year, that reads as Isla. It
    now says the partner left this exchange."""
    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    folder = tmp_path / "2027"
    folder.mkdir()
    (folder / "scheme.toml").write_text(
        "[dates]\nstart = 2027-04-19\nend = 2027-07-19\n", encoding="utf-8")
    write_book(folder / "volunteers.xlsx", four())
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-10")
    run("pair", "2027/volunteers.xlsx", "-o", "2027/pairs.xlsx", "--history", str(old))
    # rule 6 leaves one way: Amelia with Arjun, Isla with Oliver
    write_book(folder / "volunteers.xlsx", [*four(), person(
        "Dr Femi Okoro", "femi@nhs.net", "GP", Organisation="Brookside")])
    run("withdraw", "2027/pairs.xlsx", "Dr Amelia Ashworth", "--reason", "moved away")
    run("pair", "2027/volunteers.xlsx", "--keep", "2027/pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "2027/pairs.xlsx", "--new", "--format",
        "md", "-o", "2027/letters", "--allow-placeholders")
    letters = {path.stem: " ".join(path.read_text(encoding="utf-8").split())
               for path in (folder / "letters").rglob("*.md")}
    arjun = next(text for stem, text in letters.items() if stem.startswith("arjun"))
    assert "Dr Femi Okoro" in arjun
    assert "Your earlier partner in this exchange is no longer able to take part, so Femi " \
        "is your new partner in their place." in arjun
    assert "earlier exchange partner" not in arjun


def test_check_names_someone_as_the_earlier_workbook_wrote_them(run: Runner,
                                                                 tmp_path: Path) -> None:
    """Amelia married and is Dr Amelia Ferreira this year, at the same address: 'check' said
    she and Oliver were pair P001 in last year's workbook, where no Ferreira is to be found.
    It says under which name that workbook has her."""
    old = last_year(run, tmp_path)  # P001 is Amelia with Oliver
    run("init", "2027", "--from", str(old))
    write_book(tmp_path / "2027" / "volunteers.xlsx", four(**{
        "amelia@nhs.net": {"Name": "Dr Amelia Ferreira", "Preference 1": "Oliver Pemberton"}}))
    checked = json.loads(run("check", "2027/volunteers.xlsx", "--json").stdout)
    said = [p["message"] for p in checked["problems"] if "earlier scheme" in p["message"]]
    assert len(said) == 1
    assert "They were pair P001 in 2026/pairs.xlsx, where Dr Amelia Ferreira is written as " \
        "Dr Amelia Ashworth." in said[0]


def test_a_name_typed_surname_first_under_a_new_address_is_still_recognised(
        run: Runner, tmp_path: Path) -> None:
    """Oliver comes back with a new address, his name typed as a staff list gives it,
    'Pemberton, Oliver': every letter calls him Oliver Pemberton, but the earlier year's
    workbook was searched for 'pemberton oliver', so he was taken for someone new and
    could be paired with Amelia, his partner last year, again."""
    old = last_year(run, tmp_path)  # 2026: Amelia with Oliver, Isla with Arjun
    write_book(tmp_path / "volunteers.xlsx", four(**{
        "oliver@nhs.net": {"Name": "Pemberton, Oliver", "Email": "oliver.p@example.org"},
        "amelia@nhs.net": {"Partner": "Oliver Pemberton"}}))
    refused = run("pair", "volunteers.xlsx", "--history", str(old), "--dry-run", code=1)
    assert "rule 6" in refused.output
    write_book(tmp_path / "volunteers.xlsx", four(**{
        "oliver@nhs.net": {"Name": "Pemberton, Oliver", "Email": "oliver.p@example.org"}}))
    result = run("pair", "volunteers.xlsx", "--history", str(old), "--dry-run", "--json")
    assert pairs_of(result.stdout) == {frozenset(("amelia@nhs.net", "arjun@nhs.net")),
                                       frozenset(("isla@nhs.net", "oliver.p@example.org"))}
