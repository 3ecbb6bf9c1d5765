"""Defects an administrator found in the record (tracking, visit, withdraw, --new, --ics),
each shown through the command line on the example workbook: undated visits and the
certificate, uncalculated formulas, the messages for withdrawn people and for someone with
two partners, a visit that changes nothing, and dates in the past."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner, few_pairs, newest_backup

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = "2027-06-02"  # the example scheme runs 19 April to 19 July 2027
DRAFT = "--allow-placeholders"
# P001: Amelia Ashworth (A) & Chidi Zielinski (B); P002: Arjun Rasmussen & Noor Kerrigan;
# P003: Callum Whitlow & Winifred Upton. Leon Ince is B in P018 (with Priya Varga) and in
# P022 (with Zainab Abernethy). Tracking columns: U/V = A hosts B date/done, W/X = B hosts A.


@pytest.fixture
def paired(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    run("pair", "volunteers.xlsx")
    return tmp_path / "pairs.xlsx"


def fill(path: Path, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book["Pairs"][ref].value = value
    book.save(path)


def visits(run: Runner, pair_id: str) -> list[bool]:
    data = json.loads(run("status", "pairs.xlsx", "--json").stdout)
    found = next(p for p in data["pairs"] if p["id"] == pair_id)
    return [v["done"] for v in found["visits"]]


def backups(folder: Path) -> list[Path]:
    return sorted((folder / "backups").glob("*")) if (folder / "backups").exists() else []


# 1. A visit done but undated: done for status, but no certificate until the date is typed


def test_a_done_visit_without_a_date_holds_back_the_certificate(run: Runner,
                                                                paired: Path) -> None:
    fill(paired, {"V2": "yes", "W2": "3/5/2027", "X2": "yes",  # P001: one visit undated
                  "U3": "4/5/2027", "V3": "yes", "W3": "5/5/2027", "X3": "yes"})  # P002 dated
    assert visits(run, "P001") == [True, True]  # status still counts it done
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Pairs!U2" in status and "Pairs!V2" in status and "no certificate" in status
    result = run("render", "certificate", "--pairs", "pairs.xlsx", "-o", "docs", "--format",
                 "txt", DRAFT)
    written = {p.name for p in (paired.parent / "docs").rglob("*.txt")}
    assert written == {"arjun-rasmussen.txt", "noor-kerrigan.txt"}
    assert "Pairs!U2" in " ".join(result.output.split())


def test_an_impossible_date_beside_done_counts_done_but_undated(run: Runner,
                                                                paired: Path) -> None:
    fill(paired, {"U2": "31/2/2027", "V2": "yes", "W2": "3/5/2027", "X2": "yes"})
    assert visits(run, "P001") == [True, True]
    status = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Pairs!U2" in status and "February 2027 has no 31st" in status
    assert "no certificate" in status
    result = run("render", "certificate", "--pairs", "pairs.xlsx", "-o", "docs", DRAFT)
    assert "Nobody needs" in result.stdout and not (paired.parent / "docs").exists()


# 2. A "done" formula that was never calculated is a warning naming the cell


def test_an_uncalculated_done_formula_is_a_warning(run: Runner, paired: Path) -> None:
    fill(paired, {"V4": '=IF(1=1,"yes","no")'})
    result = run("status", "pairs.xlsx")
    said = " ".join(result.output.split())
    assert "Pairs!V4: formula with no saved result" in said and "not done" in said
    assert "LibreOffice" in said and said.count("Pairs!V4") == 1
    assert visits(run, "P003") == [False, False]


# 3. --new after a re-pairing that made no new pairs


def test_new_with_no_new_pairs_says_so(run: Runner, paired: Path) -> None:
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "-o", "pairs.xlsx")
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o",
                 "intro", DRAFT)
    said = " ".join(result.output.split())
    assert "made no new pairs" in said and "nobody new to introduce" in said
    assert "Give the pairs workbook" not in said
    assert not (paired.parent / "intro").exists()


# 4. Someone who withdrew is named as withdrawn, not as unknown


def test_a_withdrawn_person_is_said_to_have_withdrawn(run: Runner, paired: Path) -> None:
    run("withdraw", "pairs.xlsx", "Oliver Pemberton", "--reason", "sick leave")
    before = paired.read_bytes()
    again = " ".join(run("withdraw", "pairs.xlsx", "Oliver Pemberton", code=1).output.split())
    visit = " ".join(run("visit", "pairs.xlsx", "oliver.pemberton@nhs.net", "--hosted",
                         "1/5/2027", code=1).output.split())
    for said in (again, visit):
        assert "withdrew from the scheme on 2 June 2027" in said
        assert "Withdrawn sheet" in said and "nobody called" not in said
    assert paired.read_bytes() == before


def test_a_misspelt_name_with_in_offers_a_suggestion(run: Runner, paired: Path) -> None:
    before = paired.read_bytes()
    result = run("withdraw", "pairs.xlsx", "Olivr Pemberton", "--in", "volunteers.xlsx",
                 code=1)
    assert "Did you mean 'Dr Oliver Pemberton'?" in " ".join(result.output.split())
    assert paired.read_bytes() == before


# 5. Two partners: the hint names --partner and both partners


def test_two_partners_by_email_lists_the_partners(run: Runner, paired: Path) -> None:
    result = run("visit", "pairs.xlsx", "leon.ince@nhs.net", "--hosted", "1/5/2027", code=1)
    said = " ".join(result.output.split())
    # by e-mail: nothing to quote, in any shell, whatever the name holds
    assert "--partner priya.varga@nhs.net" in said and \
        "--partner zainab.abernethy@nhs.net" in said
    assert "Dr Priya Varga and Dr Leon Ince;" in said  # the pairs themselves named, in words
    assert "e-mail address" not in said


# 6. The calendar already there: the advice names --ics


def test_an_existing_calendar_names_ics(run: Runner, paired: Path) -> None:
    run("plan", "--ics", "cal.ics")
    said = " ".join(run("plan", "--ics", "cal.ics", code=1).output.split())
    assert "with --ics" in said and "with -o" not in said


# 7. A visit that changes nothing writes nothing


def test_a_visit_already_recorded_writes_nothing(run: Runner, paired: Path) -> None:
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027")
    before, kept = paired.read_bytes(), backups(paired.parent)
    result = run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027")
    assert "Nothing to change" in result.stdout and "Recorded" not in result.stdout
    assert paired.read_bytes() == before and backups(paired.parent) == kept
    changed = run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027",
                  "--reflection")
    assert "Recorded" in changed.stdout and paired.read_bytes() != before


# 8. Dates in the past, before the start, and impossible


def test_a_plan_in_the_past_is_refused_without_force(run: Runner, paired: Path) -> None:
    before = paired.read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", "Amelia Ashworth", "--planned", "1/5/2027",
                        code=1).output.split())
    assert "already passed" in said and "--hosted" in said and "--force" in said
    assert paired.read_bytes() == before
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--planned", "1/5/2027", "--force")
    assert paired.read_bytes() != before


def test_visit_help_says_force_records_a_plan_already_past(run: Runner) -> None:
    """The refusal of a past --planned date says to add --force; the help said --force was
    for a --hosted date only ('Record a --hosted date even though it is still to come,
    before the start or a year away')."""
    said = " ".join(run("visit", "--help").output.split())
    assert "or a --planned date already past" in said


def test_a_visit_before_the_start_asks_to_check_the_year(run: Runner, paired: Path) -> None:
    said = " ".join(run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "1/1/2027",
                        code=1).output.split())
    assert "before the exchange starts (19 April 2027)" in said and "year" in said
    assert "--planned" not in said and "--force" in said


def test_an_impossible_date_says_why(run: Runner, paired: Path) -> None:
    said = " ".join(run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "31/2/2027",
                        code=1).output.split())
    assert "February 2027 has no 31st" in said



def test_check_still_sees_the_settings_a_certificate_prints(run: Runner, paired: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Holding back undated certificates must not hide, from 'wessex check', the settings
    a certificate prints (it finds them by rendering one for two invented people)."""
    toml = paired.parent / "scheme.toml"
    without = re.sub(r"\[\[leads\]\]\n(?:\w+ = .*\n)+", "", toml.read_text(encoding="utf-8"))
    assert without.count("[[leads]]") == 0 and "[dates]" in without
    toml.write_text(without, encoding="utf-8")
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-15")  # after the celebration: certificates due
    said = " ".join(run("check", "volunteers.xlsx").output.split())
    assert "scheme leads (leads)" in said and "certificate" in said


def test_withdrawing_re_points_formulas_as_excel_does_and_fills_the_next_free_row(
        run: Runner, paired: Path) -> None:
    """The administrator's own column, =IF(<done cell>="","chase","ok") on every row, and a
    count on a sheet of their own, still point at the same pairs after a row is deleted;
    each withdrawal goes in the next free row of the Withdrawn sheet."""
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    head = [c.value for c in sheet[1]]
    done = get_column_letter(head.index("A hosts B: done") + 1)
    mine = sheet.max_column + 1
    sheet.cell(1, mine, "Admin check")
    last = sheet.max_row
    for r in range(2, last + 1):
        sheet.cell(r, mine, f'=IF({done}{r}="","chase","ok")')
    book.create_sheet("Mine")["A1"] = f"=COUNTA(Pairs!A2:A{last})"
    book.save(paired)
    third = sheet.cell(4, head.index("A name") + 1).value  # the pair on row 4
    fifth = sheet.cell(6, head.index("A name") + 1).value
    run("withdraw", paired.name, third, "--reason", "moved away")
    run("withdraw", paired.name, fifth, "--reason", "illness")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    for r in range(2, sheet.max_row + 1):  # each row's check still reads its own row
        assert sheet.cell(r, mine).value == f'=IF({done}{r}="","chase","ok")', r
    assert book["Mine"]["A1"].value == f"=COUNTA(Pairs!A2:A{last - 2})"
    withdrawn = [r[0] for r in book["Withdrawn"].iter_rows(values_only=True)]
    assert len(withdrawn) == 3 and all(withdrawn)  # header, then rows 2 and 3: no gap


def test_the_report_and_next_year_count_visits_as_status_does(run: Runner,
                                                               paired: Path) -> None:
    """A visit ticked done but dated after today (2 June 2027) is planned, for the report
    and for next year's notes as for status; "5 May" is in the scheme's year (2027)."""
    import datetime as dt

    from openpyxl.utils import get_column_letter

    from wessex_cli.history import carry_forward
    from wessex_cli.report import build_report
    from wessex_cli.scheme import load_scheme

    head = [c.value for c in openpyxl.load_workbook(paired)["Pairs"][1]]

    def col(title: str) -> str:
        return get_column_letter(head.index(title) + 1)

    fill(paired, {f"{col('A hosts B: date')}2": "20/06/2027", f"{col('A hosts B: done')}2": "yes",
                  f"{col('A hosts B: date')}3": "5 May", f"{col('A hosts B: done')}3": "yes"})
    status = json.loads(run("status", "pairs.xlsx", "--json").stdout)["summary"]
    assert status["visits_done"] == 1  # the 5 May one
    report = build_report(paired, load_scheme(paired.parent / "scheme.toml"))
    assert report.figures.visits_done == 1
    assert report.visit_dates == [dt.date(2027, 5, 5)]
    assert not any("5 May" in w for w in report.warnings)
    notes = {c.person.name: c.notes for c in carry_forward(paired)}
    a_name = openpyxl.load_workbook(paired)["Pairs"][f"{col('A name')}2"].value
    assert "neither visit recorded as done" in notes[a_name]


def test_keep_given_the_volunteer_workbook_says_so_not_use_force(run: Runner,
                                                                 paired: Path) -> None:
    """With pairs.xlsx already there, --keep volunteers.xlsx is the mistake to name, not
    "pairs.xlsx exists: add --force" (which would lead to replacing the record)."""
    refused = " ".join(run("pair", "volunteers.xlsx", "--keep", "volunteers.xlsx",
                           code=1).output.split())
    assert "no 'Pairs' sheet" in refused and "--force" not in refused


def test_a_weekend_visit_is_recorded_with_a_note(run: Runner, paired: Path) -> None:
    """Sunday 20 June 2027 may be right (hospitals work weekends), so it is recorded, but
    the administrator is asked to check it; a Thursday is recorded without a note."""
    name = openpyxl.load_workbook(paired)["Pairs"]["B2"].value
    sunday = " ".join(run("visit", "pairs.xlsx", name, "--planned", "20/6/2027").output.split())
    assert "Recorded" in sunday and "Sunday 20 June 2027 is a weekend day" in sunday
    thursday = run("visit", "pairs.xlsx", name, "--planned", "24/6/2027").output
    assert "Recorded" in thursday and "weekend" not in thursday


def test_a_visit_on_a_bank_holiday_is_recorded_with_a_note(run: Runner, paired: Path) -> None:
    """Monday 31 May 2027, the spring bank holiday, was recorded without a word, while a
    Saturday is queried: a surgery is as shut on the one as on the other."""
    name = openpyxl.load_workbook(paired)["Pairs"]["B2"].value
    said = " ".join(run("visit", "pairs.xlsx", name, "--hosted", "31/5/2027").output.split())
    assert "Recorded" in said
    # the holiday's name in brackets is the holidays library's ("Spring Bank Holiday")
    assert "Note: Monday 31 May 2027 is a bank holiday (" in said
    assert "); if that is not the day meant, run the command again with the right date." in said
    tuesday = run("visit", "pairs.xlsx", name, "--hosted", "1/6/2027").output
    assert "Recorded" in tuesday and "Note:" not in tuesday


def test_status_says_nothing_of_the_administrators_own_uncalculated_formulas(
        run: Runner, paired: Path) -> None:
    """A formula column of the administrator's own, saved by a program that does not
    calculate (never opened in Excel), is not wessex's business: status does not warn about
    it row by row; an uncalculated formula in a column wessex reads is still named."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    head = [c.value for c in sheet[1]]
    mine = sheet.max_column + 1
    sheet.cell(1, mine, "Admin check")
    for r in range(2, sheet.max_row + 1):
        sheet.cell(r, mine, f"=LEN(B{r})")
    sheet.cell(2, head.index("A hosts B: done") + 1, '=IF(1=1,"yes","no")')
    book.save(paired)
    output = " ".join(run("status", "pairs.xlsx").output.split())
    assert "never calculated" not in output  # nothing about the Admin check column
    assert output.count("Warning:") == 1
    assert "Pairs!V2: formula with no saved result" in output


def test_a_second_render_names_the_letters_it_did_not_rewrite(run: Runner, paired: Path) -> None:
    """After a withdrawal, rendering the introductions again (--force) rewrites the
    others' letters but cannot know the withdrawn pair's old ones: the folder would send
    them too, so the command names them (and deletes nothing)."""
    import openpyxl

    few_pairs(paired, 2)  # P001 is rewritten, P002 withdraws: each letter costs a render
    rows = list(openpyxl.load_workbook(paired)["Pairs"].iter_rows(values_only=True))
    header = list(rows[0])
    a_name, b_name = header.index("A name"), header.index("B name")
    pair = next(r for r in rows[1:] if "Arjun Rasmussen" in f"{r[a_name]} {r[b_name]}")
    # each letter is named for its recipient, without a title: "Dr Dara X" -> dara-x.eml
    stale = sorted("-".join(str(n).lower().split()[-2:]) + ".eml"
                   for n in (pair[a_name], pair[b_name]))
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "intro", DRAFT)
    folder = paired.parent / "intro" / "partner-introduction"
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen", "--reason", "sick leave")
    again = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "intro", DRAFT,
                "--force")
    said = " ".join(again.output.split())
    assert f"holds 2 earlier files that this render did not write ({', '.join(stale)})" in said
    assert "Check or delete them before sending" in said
    assert all((folder / name).exists() for name in stale)  # named, not deleted
    first = run("render", "reflection", "--pairs", "pairs.xlsx", "-o", "fresh", DRAFT)
    assert "earlier file" not in first.output
    # a document for the whole scheme goes into a folder shared with other things: the
    # letters already there are not its own, so they are not called earlier copies
    run("render", "reflection", "-o", "intro/partner-introduction", "--format", "eml", DRAFT)
    assert (folder / "reflection.eml").exists()
    scheme_doc = run("render", "reflection", "-o", "intro/partner-introduction", "--format",
                     "eml", DRAFT, "--force")
    assert "earlier file" not in scheme_doc.output


def test_a_renamed_sheet_is_found_by_every_command_alike(run: Runner, paired: Path) -> None:
    """An administrator who renames the sheets "pairs " and "withdrawn" (case, a stray space)
    gets the same answer from the commands that read and the ones that change the workbook."""
    import openpyxl

    book = openpyxl.load_workbook(paired)
    book["Pairs"].title = "pairs "
    book.save(paired)
    assert "P001" in run("status", "pairs.xlsx").output
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "1/5/2027")
    run("withdraw", "pairs.xlsx", "Oliver Pemberton", "--reason", "sick leave")
    book = openpyxl.load_workbook(paired)
    assert book.sheetnames.count("Withdrawn") == 1 and "pairs " in book.sheetnames
    book["Withdrawn"].title = "renamed"  # openpyxl would call it "withdrawn1" in one step
    book["renamed"].title = "withdrawn"
    book.save(paired)
    said = " ".join(run("visit", "pairs.xlsx", "oliver.pemberton@nhs.net", "--hosted",
                        "1/5/2027", code=1).output.split())
    assert "withdrew from the scheme on 2 June 2027" in said
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen", "--reason", "moved away")
    names = openpyxl.load_workbook(paired).sheetnames
    assert "withdrawn" in names and "Withdrawn" not in names  # added to, not doubled


def test_new_tells_the_kept_pairs_letters_from_those_of_people_gone(run: Runner,
                                                                     paired: Path) -> None:
    """After a re-pairing, 'render --new' writes the new pairs' letters into the folder
    holding everyone's: it names the new files to send, and warns only of the letters of
    people no longer in a pair (the kept pairs' 58 were all called 'perhaps withdrawn')."""
    folder = paired.parent
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "intro", DRAFT)
    for gone in ("Oliver Pemberton", "Dara Arkwright"):  # P017, both of them
        run("withdraw", "pairs.xlsx", gone, "--reason", "moved away", "--in", "volunteers.xlsx")
    book = openpyxl.load_workbook(folder / "volunteers.xlsx")
    sheet = book["Volunteers"]
    late = ["Dr Ophelia Quinn", "ophelia.quinn@nhs.net", "07700 900999", "Consultant",
            "Eastshire General Hospital - Neurology", "Neurology", "Cluster 4", None, "any",
            "any"]
    row = sheet.max_row + 1
    for column, value in enumerate(late, start=1):
        sheet.cell(row, column, value)
    book.save(folder / "volunteers.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")  # Maryam Kowalczyk, unpaired, and her
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o",
                 "intro", DRAFT)
    said = " ".join(result.output.split())
    assert "Send only the 2 new files (maryam-kowalczyk.eml, ophelia-quinn.eml)" in said
    assert "the folder's 58 other files, for the pairs kept from before" in said
    assert ("holds 2 earlier files that this render did not write (dara-arkwright.eml, "
            "oliver-pemberton.eml)") in said
    assert (folder / "intro" / "partner-introduction" / "oliver-pemberton.eml").exists()


def test_the_merge_source_gives_the_days_a_certificate_states(run: Runner,
                                                              paired: Path) -> None:
    """The mail-merge source is said to serve certificates, which state both half days, yet
    it held no visit date at all. Each row now has the day that person hosted and the day
    they visited, once done; a plan (or a 'done' dated after today) gives none."""
    import csv

    fill(paired, {"U2": "4/5/2027", "V2": "yes", "W2": "12/5/2027", "X2": "yes",  # P001 done
                  "U3": "20/6/2027", "V3": "yes"})  # P002: 'done' on a day still to come
    run("mailmerge", "pairs.xlsx", "-o", "merge.csv")
    with (paired.parent / "merge.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Email"]: row for row in csv.DictReader(handle)}
    amelia, chidi = rows["amelia.ashworth@nhs.net"], rows["chidi.zielinski@nhs.net"]
    assert (amelia["HostedOn"], amelia["VisitedOn"]) == ("Tuesday 4 May 2027",
                                                         "Wednesday 12 May 2027")
    assert (chidi["HostedOn"], chidi["VisitedOn"]) == ("Wednesday 12 May 2027",
                                                       "Tuesday 4 May 2027")
    arjun = rows["arjun.rasmussen@nhs.net"]
    assert (arjun["HostedOn"], arjun["VisitedOn"]) == ("", "")


def test_withdraw_says_where_the_way_back_is(run: Runner, paired: Path) -> None:
    """A withdrawal typed for the wrong person moves a pair, visits and all; 'pair --keep'
    can only make a new pair after it. The backup holds the pair as it was, but withdraw,
    unlike visit, never said that it had made one."""
    before = paired.read_bytes()
    said = " ".join(run("withdraw", "pairs.xlsx", "Luca Jessop").output.split())
    assert (f"The previous version of pairs.xlsx is kept as {newest_backup(paired)}: copy it "
            "back over pairs.xlsx if this was a mistake.") in said
    assert [copy.read_bytes() for copy in backups(paired.parent)] == [before]


def delete_pair_row(path: Path, row: int, pair_id: str) -> None:
    """Row ``row`` of the Pairs sheet, pair ``pair_id``'s, deleted as in Excel."""
    book = openpyxl.load_workbook(path)
    assert book["Pairs"][f"A{row}"].value == pair_id
    book["Pairs"].delete_rows(row)
    book.save(path)


def test_a_pair_row_deleted_by_hand_stops_pair_keep_until_it_is_back_or_forced(
        run: Runner, paired: Path) -> None:
    """P003's row deleted in Excel: status counted 29 pairs without a word, and pair --keep
    paired Callum and Winifred afresh under P003 again, their visits gone (then, warned of,
    it still paired them afresh: the visits in the deleted row were lost for good)."""
    from wessex_cli.safe_write import backup

    backup(paired)  # as an earlier visit or withdraw leaves one
    delete_pair_row(paired, 4, "P003")
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "pair P003, on the Pairs sheet when wessex last wrote this workbook, is on " \
        "neither the Pairs nor the Withdrawn sheet now" in said
    assert "copy its row back from the newest copy in backups/ that has it" in said
    before = paired.read_bytes()
    refused = run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
    said = " ".join(refused.output.split())
    assert "Pair P003, on the Pairs sheet" in said and "Nothing was changed." in said
    assert "run it again with --force" in said
    assert paired.read_bytes() == before
    # --why writes nothing: it explains, rather than being refused
    explained = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--why",
                             "Callum Whitlow").output.split())
    assert "Dr Callum Whitlow (GP, Orchard Lane Practice) is paired with" in explained
    assert paired.read_bytes() == before
    kept = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--force")
                    .output.split())
    assert "Warning: pair P003, on the Pairs sheet" in kept
    assert "With --force, the people of P003 were paired again as if new:" in kept
    ids = [p["id"] for p in json.loads(run("status", "pairs.xlsx", "--json").stdout)["pairs"]]
    assert "P003" not in ids and "P031" in ids  # numbered on, never in the gap
    # written again, the workbook records the pairs it now holds: said once, not for ever
    assert "neither the Pairs nor the Withdrawn" not in run("status", "pairs.xlsx").output


def test_a_pair_whose_id_was_emptied_may_be_the_missing_one_so_pair_keep_goes_on(
        run: Runner, paired: Path) -> None:
    """P003's ID cell emptied, its row still there: P003 is missing from every sheet, but
    may be that row; status warns, naming its cell and the ID to type back there, and pair
    --keep is not refused (it gives the row that ID back: test_keep_id_back)."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A4"].value = None
    book.save(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert ("Pair P003, on the Pairs sheet when wessex last wrote this workbook, is on no "
            "sheet now, and Pairs!A4 (Dr Callum Whitlow and Dr Winifred Upton) is blank: the "
            "only pair without an ID wessex wrote, it is most likely P003. Type P003 in "
            "Pairs!A4") in said
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")


def test_a_withdrawn_pair_is_not_taken_for_a_deleted_one(run: Runner, tmp_path: Path) -> None:
    """withdraw takes the pair it moves out of the Settings sheet's list of the pairs on the
    Pairs sheet, so deleting its Withdrawn row to pair someone again (as withdraw's note
    advises) is no deleted pair: pair --keep goes on (it was warned of as one)."""
    few_pairs(tmp_path / "pairs.xlsx", 3)
    assert "neither the Pairs" not in run("status", "pairs.xlsx").output
    run("withdraw", "pairs.xlsx", "Callum Whitlow", "--reason", "moved away")
    assert "neither the Pairs" not in run("status", "pairs.xlsx").output
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    listed = [row[1] for row in book["Settings"].iter_rows(values_only=True)
              if row[0] == "Pairs when wessex last wrote this workbook"]
    assert listed == ["P001-P002"]  # P003 was Callum's
    book["Withdrawn"].delete_rows(2)  # Callum is back
    book.save(tmp_path / "pairs.xlsx")
    assert "neither the Pairs" not in run("status", "pairs.xlsx").output


def test_the_list_of_pairs_written_loses_only_the_pairs_withdrawn() -> None:
    from wessex_cli.pairs_workbook import ids_without

    assert ids_without("P001-P030", {"P003"}) == "P001-P002, P004-P030"
    assert ids_without("P001", {"P001"}) == "(none)"
    assert ids_without("(none)", {"P001"}) == "(none)"
    # text typed in the list is no ID: it stays as typed, nothing of it lost
    assert ids_without("P001-P003, X9", {"P001", "P002", "P003"}) == "X9"
    assert ids_without("see my notes", {"P001"}) == "see my notes"
    # typed over: no list wessex wrote, left as it is
    assert ids_without("P1-P999999999", {"P001"}) == "P1-P999999999"


def test_a_pair_ended_by_a_deleted_volunteer_row_says_what_became_of_the_partner(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """Kwame Quayle's row deleted from the volunteer workbook: his pair (P012, with Zofia
    Yeoman) ends, and the message said "the partner was paired again if possible" where
    Zofia was left unpaired, with no word of how to undo the deletion."""
    book = openpyxl.load_workbook(tmp_path / "volunteers.xlsx")
    sheet = book["Volunteers"]
    row = next(r for r in range(1, sheet.max_row + 1)
               if "Kwame" in str(sheet.cell(r, 1).value))
    sheet.delete_rows(row)
    book.save(tmp_path / "v2.xlsx")
    trial = " ".join(run("pair", "v2.xlsx", "--keep", "pairs.xlsx", "--dry-run").output.split())
    assert "Pair P012 was not kept: Dr Kwame Quayle is no longer in the volunteer workbook. " \
        "Zofia Yeoman is unpaired. If a row was deleted from the volunteer workbook by " \
        "mistake, or was never there (a pair typed in by hand), put it back or add it and " \
        "pair with --keep again." in trial
    assert "paired again if possible" not in trial
    done = " ".join(run("pair", "v2.xlsx", "--keep", "pairs.xlsx").output.split())
    assert f"put it back or add it, copy {newest_backup(tmp_path / 'pairs.xlsx')} back over " \
        "pairs.xlsx and pair with --keep again." in done


def test_the_rows_that_may_be_a_missing_pair_are_named_in_agreeing_words() -> None:
    """A missing pair and the rows whose ID is none wessex wrote are counted apart: one
    missing pair beside several such rows is 'one of the pairs in rows ...', each with IDs
    (it said 'it is the pairs in row 2, 3' and 'whose ID are')."""
    from wessex_cli.pairs_workbook import deleted_pairs

    start = ("pair P003, on the Pairs sheet when wessex last wrote this workbook, is on "
             "neither the Pairs nor the Withdrawn sheet now")
    assert deleted_pairs(["P003"], [4]) == (
        f"{start} (unless it is the pair in row 4 of the Pairs sheet, whose ID is blank or "
        "not one wessex wrote).")
    assert deleted_pairs(["P003"], [2, 5]) == (
        f"{start} (unless it is one of the pairs in rows 2 and 5 of the Pairs sheet, whose "
        "IDs are blank or not ones wessex wrote).")
    several = ("pairs P003-P004, on the Pairs sheet when wessex last wrote this workbook, are "
               "on neither the Pairs nor the Withdrawn sheet now")
    assert deleted_pairs(["P003", "P004"], [4]) == (
        f"{several} (unless one of them is the pair in row 4 of the Pairs sheet, whose ID is "
        "blank or not one wessex wrote).")
    assert deleted_pairs(["P003", "P004"], [2, 3, 4, 5, 6, 7]) == (
        f"{several} (unless they are among the pairs in rows 2, 3, 4, 5, 6 and 1 more of the "
        "Pairs sheet, whose IDs are blank or not ones wessex wrote).")


def test_a_forced_pairing_no_longer_says_to_copy_the_deleted_row_back(
        run: Runner, paired: Path) -> None:
    """Once --force has paired the people of a deleted row again, its row copied back from
    backups/ would put them in a second pair: the warning said to copy it back all the same
    (it gave the status warning's way back, then 'With --force, ... were paired again')."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(4)  # P003
    book.save(paired)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--force")
                    .output.split())
    assert "With --force, the people of P003 were paired again as if new: the visits " \
        "recorded in its row are no longer counted, and it is not to be copied back " \
        "from backups/ now, as its people are in this pairing." in said
    assert "copy its row back" not in said
    # a dry run has written nothing yet: the row can still be copied back before the real run
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(4)
    book.save(paired)
    dry = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--force",
                       "--dry-run").output.split())
    assert "copy its row back from the newest copy in backups/ that has it" in dry


def test_a_forced_dry_run_says_the_people_of_a_deleted_pair_would_be_paired_again(
        run: Runner, paired: Path) -> None:
    """--keep --force --dry-run changes nothing, so it says what the real run would do with
    the people of a deleted row (it said they 'were paired again as if new')."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(4)  # P003
    book.save(paired)
    before = paired.read_bytes()
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", "--force",
                        "--dry-run").output.split())
    assert "With --force, the people of P003 would be paired again as if new." in said
    assert "were paired again" not in said
    assert paired.read_bytes() == before


def test_the_refusal_says_a_withdrawn_row_deleted_before_withdraw_kept_the_list_is_forced(
        run: Runner, paired: Path) -> None:
    """A workbook withdraw changed before it kept the Settings sheet's list still lists the
    pair it moved; its Withdrawn row deleted so that someone is paired again, as withdraw
    advises, is then refused as a deleted pair. The refusal said only to copy the row back,
    which would withdraw them again; it says too that --force pairs them as wanted."""
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen")  # P002 to the Withdrawn sheet
    book = openpyxl.load_workbook(paired)
    for key, value in book["Settings"].iter_rows(max_col=2):
        if key.value == "Pairs when wessex last wrote this workbook":
            assert value.value == "P001, P003-P030"
            value.value = "P001-P030"  # as withdraw left it before it edited the list
    book["Withdrawn"].delete_rows(2)  # Arjun is back
    book.save(paired)
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                    .output.split())
    assert ("To pair the people afresh all the same, run it again with --force: nothing is "
            "lost if you deleted a row of the Withdrawn sheet so that its people could be "
            "paired again.") in said


def test_fewer_rows_without_a_known_id_than_missing_pairs_still_stop_pair_keep(
        run: Runner, paired: Path) -> None:
    """P003's row deleted (a half day done in it) and P005's ID emptied: one row cannot be
    two missing pairs, so P003 is deleted for certain. pair --keep only warned, paired
    Callum and Winifred afresh, and the half day recorded for them was lost for good."""
    fill(paired, {"U4": "10/5/2027", "V4": "yes", "A6": None})
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(4)
    book.save(paired)
    before = paired.read_bytes()
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                    .output.split())
    assert "Nothing was changed." in said and "run it again with --force" in said
    assert paired.read_bytes() == before


def test_status_names_the_sides_by_their_labels(run: Runner, paired: Path) -> None:
    """The line under the table said 'primary hosts' where the report and equality say
    'Primary care', the label scheme.toml gives the side."""
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert "Primary care hosts: 0 of 30 done. Secondary care hosts: 0 of 30 done." in said


def test_a_pair_withdrawn_after_its_id_was_emptied_does_not_stop_pair_keep(
        run: Runner, paired: Path) -> None:
    """P003's ID emptied, then Callum withdrawn: his pair's Withdrawn row has no ID, so P003
    was on no sheet, and every later pair --keep was refused as if its row were deleted."""
    from wessex_cli.pairs_workbook import deleted_pairs

    book = openpyxl.load_workbook(paired)
    assert book["Pairs"]["A4"].value == "P003"
    book["Pairs"]["A4"].value = None
    book.save(paired)
    run("withdraw", "pairs.xlsx", "Callum Whitlow", "--reason", "moved away")
    said = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx").output.split())
    assert ("pair P003, on the Pairs sheet when wessex last wrote this workbook, is on neither "
            "the Pairs nor the Withdrawn sheet now (unless it is the pair in row 2 of the "
            "Withdrawn sheet, whose ID is blank or not one wessex wrote)") in said
    assert deleted_pairs(["P003", "P009"], [4], [2, 3]).endswith(
        "(unless they are among the pairs in row 4 of the Pairs sheet and rows 2 and 3 of the "
        "Withdrawn sheet, whose IDs are blank or not ones wessex wrote).")


def test_a_deleted_pair_row_with_no_backup_to_copy_back_says_so(run: Runner,
                                                                 paired: Path) -> None:
    """A workbook no command has changed since 'pair' has no backup: the warning sent the
    administrator to 'the newest copy in backups/', a folder with none."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"].delete_rows(4)
    book.save(paired)
    said = " ".join(run("status", "pairs.xlsx").output.split())
    assert ("no copy of pairs.xlsx in backups/ has its row, so restore it from a copy of "
            "your own, or type it in again (each pair's ID and people are in the letters "
            "sent)") in said
    refused = " ".join(run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx", code=1)
                       .output.split())
    assert "No copy of pairs.xlsx in backups/ has its row" in refused


def test_the_unpaired_table_names_the_side_by_its_label(run: Runner, paired: Path) -> None:
    """pair's Unpaired table said 'primary' beside a Pairs table headed 'Primary care'."""
    said = run("pair", "volunteers.xlsx", "--dry-run").output
    row = next(line for line in said.splitlines() if "Maryam Kowalczyk" in line)
    assert "Primary care" in row and "primary " not in row.split("│")[2]


# 5. A pair ID typed where a person is named


def test_a_pair_id_for_a_person_names_the_two_people(run: Runner, paired: Path) -> None:
    """The status table leads with the pair ID, so 'P002' (or 'p2') is a natural thing to type
    for a pair; visit and withdraw name a person, and which of the two only the administrator
    knows: the refusal names both, and nothing is written."""
    before = paired.read_bytes()
    for command in (("visit", "pairs.xlsx", "P002", "--hosted", "1/5/2027"),
                    ("withdraw", "pairs.xlsx", "p2", "--reason", "moved away")):
        said = " ".join(run(*command, code=1).output.split())
        assert "is not a person but the ID of the pair of Dr Arjun Rasmussen and " \
               "Dr Noor Kerrigan (Pairs row 3)" in said
        assert "in place of the pair ID: Dr Arjun Rasmussen or Dr Noor Kerrigan." in said
        assert "nobody called" not in said
    assert paired.read_bytes() == before
    # an ID no pair holds is still nobody
    said = " ".join(run("visit", "pairs.xlsx", "P999", "--hosted", "1/5/2027",
                        code=1).output.split())
    assert "nobody called 'P999'" in said


# 6. The report says what status says of the workbook itself


def test_the_report_warns_of_a_deleted_pair_and_a_copied_row(run: Runner, paired: Path) -> None:
    """A pair's row deleted by hand and another's row copied whole are what 'status' warns
    of before any row's cells; the report, counting the same pairs for the board, says them
    too (it gave only the rows' own warnings, so it counted a pair twice without a word)."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.delete_rows(5)  # P004
    sheet.append([cell.value for cell in sheet[2]])  # P001's row again, as row 31
    book.save(paired)
    said = " ".join(run("report", "pairs.xlsx", "-o", "report.html").output.split())
    assert "pair P004, on the Pairs sheet when wessex last wrote this workbook, is on " \
           "neither the Pairs nor the Withdrawn sheet now." in said
    assert "rows 2 and 31 of the Pairs sheet both hold the pair of Dr Amelia Ashworth and " \
           "Prof Chidi Zielinski, so it is counted twice" in said
    assert "These warnings are not printed in the report" in said


def test_an_own_pair_id_for_a_person_is_known_in_any_case(run: Runner, paired: Path) -> None:
    """An ID of the administrator's own ('X3') typed in small letters is the pair's ID as
    much as 'p2' is P002's: the refusal names the two people, not nobody."""
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["A3"] = "X3"  # Dr Arjun Rasmussen and Dr Noor Kerrigan's pair
    book.save(paired)
    said = " ".join(run("visit", "pairs.xlsx", "x3", "--hosted", "1/5/2027",
                        code=1).output.split())
    assert "'x3' is not a person but the ID of the pair of Dr Arjun Rasmussen and " \
           "Dr Noor Kerrigan (Pairs row 3)" in said
    assert "nobody called" not in said
