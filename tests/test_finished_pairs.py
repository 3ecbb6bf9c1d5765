"""A pair whose two half-day visits are both recorded as done gets no partner introduction:
its two people have already visited each other. A pair with one visit done still gets one,
saying which half day is done (tests/test_words.py). The render says how many pairs it left
out, and why.

Expected values are written by hand from SPEC.md ("introduce: third e-mail, individual, a few
days before start: partner's contact details") and the people and dates typed below.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from wessex_cli.documents import list_templates, load_template, recipients, render_markdown
from wessex_cli.model import PairRecord, Person
from wessex_cli.scheme import Scheme, load_scheme

from .conftest import COMPLETE_SCHEME, EXAMPLES, Runner, few_pairs, small_roster, write_book

TODAY = dt.date(2027, 6, 1)


def _pair_of(run: Runner, name: str) -> str:
    """The ID of the pair ``name`` is in, as 'wessex status --json' gives it."""
    shown = json.loads(run("status", "pairs.xlsx", "--json").stdout)
    found = [p["id"] for p in shown["pairs"]
             if name in (p["a"]["name"], p["b"]["name"])]
    assert len(found) == 1, shown["pairs"][:2]
    return str(found[0])


def test_no_introduction_for_a_pair_whose_two_visits_are_done(run: Runner,
                                                               tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 3)  # P001 will be done, P002 half done, P003 not begun
    first = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "before")
    assert "Wrote 6 eml files" in first.stdout and "Left out" not in first.stdout
    # Amelia and Chidi have hosted each other; Arjun has hosted Noor, who has still to host
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027")
    run("visit", "pairs.xlsx", "Chidi Zielinski", "--hosted", "11/5/2027")
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--hosted", "5/5/2027")
    done = _pair_of(run, "Dr Amelia Ashworth")
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "again")
    said = " ".join(result.stdout.split())
    assert "Wrote 4 eml files of 'partner-introduction' to again/partner-introduction." in said
    assert f"Left out 1 pair whose two half-day visits are both recorded as done ({done}): " \
        "people who have already visited each other need no 'partner-introduction'." in said
    folder = tmp_path / "again" / "partner-introduction"
    assert not (folder / "amelia-ashworth.eml").exists()
    assert not (folder / "chidi-zielinski.eml").exists()
    assert len(list(folder.iterdir())) == 4
    # the pair with one half day done is still introduced, told which one is done
    mail = BytesParser(policy=policy.default).parsebytes(
        (folder / "arjun-rasmussen.eml").read_bytes())
    text = " ".join(mail.get_body(("plain",)).get_content().split())  # type: ignore[union-attr]
    assert "Our records show that you hosted Noor on Wednesday 5 May 2027. You have not yet " \
        "visited their workplace. Please agree a date with Noor for the half day when you " \
        "visit them, to take place by Monday 19 July 2027, when the exchange period ends." in text
    # a mail-merge source serves certificates too: the finished pair keeps its rows, and
    # the output says which pair not to introduce
    merged = " ".join(run("mailmerge", "pairs.xlsx", "-o", "merge.csv").stdout.split())
    assert "Wrote 6 rows" in merged
    assert f"Note: 1 pair ({done}) has both half-day visits recorded as done. Their rows are " \
        "in the file, as a certificate needs them; leave them out (by PairID) if you merge " \
        "partner introductions." in merged


def test_nobody_to_introduce_when_every_pair_is_done(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", small_roster())
    run("pair", "volunteers.xlsx")
    for name, day in (("Amelia Ashworth", "3/5/2027"), ("Oliver Pemberton", "10/5/2027"),
                      ("Isla Okonkwo", "4/5/2027"), ("Arjun Rasmussen", "11/5/2027")):
        run("visit", "pairs.xlsx", name, "--hosted", day)
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx")
    said = " ".join(result.stdout.split())
    assert "Nobody needs 'partner-introduction' at the moment; nothing written." in said
    assert "Left out 2 pairs whose two half-day visits are both recorded as done" in said
    assert not (tmp_path / "documents").exists()


def _person(name: str, email: str, side: str, profession: str, where: str) -> Person:
    return Person(name, email, side=side, profession=profession, organisation=where)


@pytest.fixture
def scheme(tmp_path: Path) -> Scheme:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    return load_scheme(tmp_path / "scheme.toml")


def _two_partners() -> list[PairRecord]:
    """Dr Tamsin Eddowes, a GP with two partners: both half days with Rhodri Quayle done,
    none yet with Dr Saoirse Lund."""
    tamsin = _person("Dr Tamsin Eddowes", "tamsin.eddowes@nhs.net", "primary", "GP",
                     "Larkhill Surgery")
    rhodri = _person("Rhodri Quayle", "rhodri.quayle@nhs.net", "secondary", "Consultant",
                     "Moorgate Hospital")
    saoirse = _person("Dr Saoirse Lund", "saoirse.lund@nhs.net", "secondary", "Consultant",
                      "Moorgate Hospital")
    finished = PairRecord.with_visits("P1", tamsin, rhodri, (True, True),
                                      (dt.date(2027, 5, 3), dt.date(2027, 5, 10)))
    return [finished, PairRecord("P2", tamsin, saoirse)]


def test_a_finished_pair_is_not_named_as_a_letter_of_its_own(scheme: Scheme) -> None:
    template = load_template("partner-introduction", scheme)
    letters = recipients(template, scheme, pairs=_two_partners(), now=TODAY)
    assert [(r.email, r.context["partner"]["email"]) for r in letters] == [
        ("tamsin.eddowes@nhs.net", "saoirse.lund@nhs.net"),
        ("saoirse.lund@nhs.net", "tamsin.eddowes@nhs.net")]
    # Tamsin gets no letter for Rhodri, so hers does not promise one
    assert letters[0].context["other_partners"] == []
    text = " ".join(render_markdown(template, letters[0]).markdown.split())
    assert "also paired with" not in text and "Rhodri" not in text


def test_a_copy_of_the_introduction_keeps_leaving_finished_pairs_out(scheme: Scheme) -> None:
    assert {t.name for t in list_templates(Scheme()) if t.only_incomplete} == \
        {"partner-introduction"}
    assert scheme.source is not None
    own = scheme.source.parent / "templates" / "partner-introduction.md.j2"
    # a copy made before the key existed: it does not say, so the built-in setting holds
    own.write_text('+++\naudience = "pair"\n+++\nDear {{ person.first_name }}\n',
                   encoding="utf-8")
    template = load_template("partner-introduction", scheme)
    assert template.user and template.only_incomplete
    assert [r.email for r in recipients(template, scheme, pairs=_two_partners(), now=TODAY)] \
        == ["tamsin.eddowes@nhs.net", "saoirse.lund@nhs.net"]
    # one that says otherwise is written for every pair
    own.write_text('+++\naudience = "pair"\nonly_incomplete = false\n+++\nDear you\n',
                   encoding="utf-8")
    assert len(recipients(load_template("partner-introduction", scheme), scheme,
                          pairs=_two_partners(), now=TODAY)) == 4


def test_one_half_done_and_the_other_planned_gives_the_planned_date(run: Runner,
                                                                    tmp_path: Path) -> None:
    """Arjun has hosted Noor; Noor's turn to host is already booked for Wednesday 2 June
    2027. Their letters name that day instead of asking them to arrange a half day that is
    arranged (the reminder, too, counts a planned date as arranged)."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 2)  # Arjun and Noor are P002
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--hosted", "5/5/2027")
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--planned", "2/6/2027")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt",
        "-o", "out")
    folder = tmp_path / "out" / "partner-introduction"
    arjun = " ".join((folder / "arjun-rasmussen.txt").read_text(encoding="utf-8").split())
    noor = " ".join((folder / "noor-kerrigan.txt").read_text(encoding="utf-8").split())
    assert "Our records show that you hosted Noor on Wednesday 5 May 2027, and you are due " \
        "to visit their workplace on Wednesday 2 June 2027. If the day when you visit them " \
        "has to move, please agree a new one with Noor within the exchange period." in arjun
    # the earlier day first: Noor visited Arjun on 5 May, hosts him on 2 June
    assert "Our records show that you visited Arjun's workplace on Wednesday 5 May 2027, and " \
        "you are due to host them on Wednesday 2 June 2027. If the day when you host them has " \
        "to move, please agree a new one with Arjun within the exchange period." in noor
    assert "to arrange the other half day" not in arjun + noor


def test_no_half_done_but_dates_planned_gives_those_dates(run: Runner,
                                                          tmp_path: Path) -> None:
    """Nothing done yet, but Arjun is booked to host Noor on Monday 7 June 2027 (and, in a
    second run, Noor to host Arjun on Monday 14 June 2027): the letters give the booked
    days and ask only for what is not booked."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 2)  # Arjun and Noor are P002
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--planned", "7/6/2027")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt",
        "-o", "one")
    folder = tmp_path / "one" / "partner-introduction"
    arjun = " ".join((folder / "arjun-rasmussen.txt").read_text(encoding="utf-8").split())
    noor = " ".join((folder / "noor-kerrigan.txt").read_text(encoding="utf-8").split())
    assert "Our records show that you are due to host Noor on Monday 7 June 2027. You have " \
        "not yet visited their workplace. Please agree a date with Noor for the half day when " \
        "you visit them, to take place by Monday 19 July 2027, when the exchange period ends. " \
        "If the day when you host them has to move, please agree a new one with Noor within " \
        "the exchange period." in arjun
    assert "Our records show that you are due to visit Arjun's workplace on Monday 7 June " \
        "2027. You have not yet hosted them at your workplace. Please agree a date with Arjun " \
        "for the half day when you host them, to take place by Monday 19 July 2027, when the " \
        "exchange period ends. If the day when you visit them has to move, please agree a new " \
        "one with Arjun within the exchange period." in noor
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--planned", "14/6/2027")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt",
        "-o", "two")
    folder = tmp_path / "two" / "partner-introduction"
    arjun = " ".join((folder / "arjun-rasmussen.txt").read_text(encoding="utf-8").split())
    assert "Our records show that you are due to host Noor on Monday 7 June 2027, and you are " \
        "due to visit their workplace on Monday 14 June 2027. If either day has to move, " \
        "please agree a new one with Noor within the exchange period." in arjun
    assert "arrange your two half days" not in arjun


def test_one_half_done_and_the_other_planned_for_a_day_gone_by(run: Runner,
                                                               tmp_path: Path) -> None:
    """Arjun has hosted Noor; Noor's turn was planned for Thursday 20 May 2027, before
    today (1 June 2027), and nobody recorded it: it may have happened. The letter asks to
    say so, or to agree a new date, not to arrange a half day as if none was planned."""
    import openpyxl

    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 2)  # Arjun and Noor are P002
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--hosted", "5/5/2027")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    titles = {cell.value: cell.column for cell in sheet[1]}
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, titles["A email"]).value == "arjun.rasmussen@nhs.net")
    sheet.cell(row, titles["B hosts A: date"], dt.datetime(2027, 5, 20))
    book.save(tmp_path / "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt",
        "-o", "out")
    arjun = " ".join((tmp_path / "out" / "partner-introduction" / "arjun-rasmussen.txt")
                     .read_text(encoding="utf-8").split())
    assert "Our records show that you hosted Noor on Wednesday 5 May 2027. You planned to " \
        "visit their workplace on Thursday 20 May 2027, but we have no record yet that it went " \
        "ahead. If you visited them on Thursday 20 May 2027 as planned, please reply to say so " \
        "and we will update the record; if not, please agree a new date with Noor, to take place " \
        "by Monday 19 July 2027, when the exchange period ends." in arjun
    assert "to arrange the other half day" not in arjun


def test_a_half_day_planned_after_the_end_is_not_given_as_arranged(run: Runner,
                                                                   tmp_path: Path) -> None:
    """Arjun has hosted Noor; Noor's turn is booked for Sunday 25 July 2027, after the
    exchange ends on Monday 19 July 2027. The letter must not let that day stand unremarked:
    as the reminder does, it says the day falls after the end and asks for it to be brought
    forward, or to be told that it will go ahead then."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 2)  # Arjun and Noor are P002
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--hosted", "5/5/2027")
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--planned", "25/7/2027", "--force")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt",
        "-o", "out")
    arjun = " ".join((tmp_path / "out" / "partner-introduction" / "arjun-rasmussen.txt")
                     .read_text(encoding="utf-8").split())
    assert "Our records show that you hosted Noor on Wednesday 5 May 2027, and you are due to " \
        "visit their workplace on Sunday 25 July 2027. The half day when you visit them is " \
        "planned for Sunday 25 July 2027, after the exchange period ends on Monday 19 July " \
        "2027. If you can, please bring it forward; if not, let us know that it will go ahead " \
        "then." in arjun
    assert "has to move" not in arjun  # as if it could stay where it is
