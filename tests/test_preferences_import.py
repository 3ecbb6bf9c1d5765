"""`wessex preferences import`: a survey export's answers written into the volunteer workbook."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from .conftest import Runner, person, write_book

MS_FORMS = ["ID", "Start time", "Completion time", "Email", "Name",
            "First choice: a colleague, specialty or organisation you would like to visit",
            "Second choice", "Third choice", "Which days could you host a visitor?",
            "Which days could you visit?", "Do you need any reasonable adjustments?"]


def roster() -> list[dict[str, Any]]:
    return [
        person("Dr Amelia Ashworth", "amelia@nhs.net", "GP", Organisation="Harbourside Surgery",
               **{"Host days": "Mon"}),
        person("Dr Isla Okonkwo", "isla@nhs.net", "GP", Organisation="Elmfield Surgery"),
        person("Dr Callum Whitlow", "callum@nhs.net", "GP", Organisation="Orchard Lane"),
        person("Oliver Pemberton", "oliver@nhs.net", "Consultant",
               Organisation="General Hospital - Cardiology", Specialty="Cardiology"),
        person("Arjun Rasmussen", "arjun@nhs.net", "Consultant",
               Organisation="General Hospital - Respiratory", Specialty="Respiratory"),
        person("Noor Kerrigan", "noor@nhs.net", "Consultant", Status="withdrawn",
               Organisation="General Hospital - Psychiatry"),
    ]


def survey(path: Path, rows: list[list[Any]], headers: list[str] = MS_FORMS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(headers)
    for number, row in enumerate(rows, start=1):
        stamp = dt.datetime(2027, 3, 1, 9, number)
        sheet.append([number, stamp, stamp + dt.timedelta(minutes=4), *row])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # the survey tool exported text, not a formula
    book.save(path)
    return path


def cells(path: Path) -> dict[str, dict[str, Any]]:
    """Volunteer rows by e-mail, each as header -> value, read straight from the file."""
    sheet = openpyxl.load_workbook(path)["Volunteers"]
    rows = list(sheet.values)
    headers = [str(h) for h in rows[0]]
    return {str(r[1]): dict(zip(headers, r, strict=False)) for r in rows[1:] if r[1]}


def test_answers_are_written_matched_by_email_then_name(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [
        # matched by e-mail, whatever its case; a 2nd choice with a typing slip
        ["AMELIA@nhs.net", "Amelia Ashworth", "Oliver Pemberton", "Arjun Rasmusen", "",
         "Tuesday;Thursday;", "Friday;", "A hearing loop, please"],
        # the account e-mail is "anonymous": matched by name, title and case aside
        ["anonymous", "isla okonkwo", "Cardiology", "", "", "Monday;", "any", ""],
        # nobody in the workbook
        ["zara.quill@example.org", "Zara Quill", "Respiratory", "", "", "", "", ""],
    ])
    result = run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx")
    after = cells(book)
    amelia, isla = after["amelia@nhs.net"], after["isla@nhs.net"]
    assert amelia["Preference 1"] == "Oliver Pemberton"
    assert amelia["Preference 2"] == "Arjun Rasmusen"  # written as answered, and reported
    assert amelia["Visit days"] == "Friday"
    assert amelia["Adjustments"] == "A hearing loop, please"  # a column the workbook lacked
    assert amelia["Host days"] == "Mon"  # the administrator's value is kept
    assert isla["Preference 1"] == "Cardiology"
    assert isla["Host days"] == "Monday" and isla["Visit days"] == "any"
    out = " ".join(result.output.split())
    assert "Did you mean 'Arjun Rasmussen'?" in out
    assert "kept 'Mon' (use --force to replace)" in out
    assert "Zara Quill" in out
    # who has not answered: active volunteers only, with their e-mail to chase them
    assert "Dr Callum Whitlow <callum@nhs.net>" in out and "Noor Kerrigan" not in out.split(
        "Not answered yet")[1]
    assert "2 answered, 3 not yet, 1 unmatched" in out
    assert list((tmp_path / "backups").glob("volunteers-*.xlsx"))


def test_force_replaces_and_json_reports(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [
        ["amelia@nhs.net", "Amelia Ashworth", "", "", "", "Wednesday", "", ""]])
    data = json.loads(run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx",
                          "--force", "--json").output)
    assert cells(book)["amelia@nhs.net"]["Host days"] == "Wednesday"
    assert data["changes"] == [{"person": "Dr Amelia Ashworth", "cell": "Volunteers!H2",
                                "column": "Host days", "old": "Mon", "new": "Wednesday",
                                "status": "overwritten"}]
    assert [a["matched_by"] for a in data["answered"]] == ["e-mail"]
    assert {n["email"] for n in data["not_answered"]} == {"isla@nhs.net", "callum@nhs.net",
                                                         "oliver@nhs.net", "arjun@nhs.net"}


def test_days_check_cannot_read_are_not_written(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [
        ["callum@nhs.net", "Callum Whitlow", "Respiratory", "", "", "lunchtimes", "Mon", ""]])
    result = run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx")
    callum = cells(book)["callum@nhs.net"]
    assert callum["Host days"] is None and callum["Visit days"] == "Mon"
    assert "It was not written" in result.output
    run("check", "volunteers.xlsx")  # the workbook still passes check


def test_dry_run_writes_nothing(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    before = book.read_bytes()
    survey(tmp_path / "answers.xlsx", [
        ["isla@nhs.net", "Isla Okonkwo", "Cardiology", "", "", "", "", ""]])
    result = run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx",
                 "--dry-run")
    assert book.read_bytes() == before
    # the table and the summary agree: the one answer would be written, nothing was
    text = " ".join(result.output.split())
    assert re.findall(r"(\S+) written", text) == ["(not", "be", "be"], text
    assert "1 cell would be written (--dry-run: nothing was)" in text


def test_google_forms_csv_and_a_close_name(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    with (tmp_path / "answers.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Email address", "Your name", "1st preference",
                         "2nd preference", "3rd preference", "Days you are free"])
        writer.writerow(["01/03/2027 09:00:00", "callum.w@example.org", "Dr Calum Whitlow",
                         "Respiratory", "Cardiology", "Oliver Pemberton", "Tue, Wed"])
    run("preferences", "import", "answers.csv", "--into", "volunteers.xlsx")
    callum = cells(book)["callum@nhs.net"]
    assert (callum["Preference 1"], callum["Preference 2"], callum["Preference 3"]) == (
        "Respiratory", "Cardiology", "Oliver Pemberton")
    assert callum["Host days"] == callum["Visit days"] == "Tue, Wed"


def test_a_later_answer_found_only_by_a_close_name_does_not_replace_her_own(
        run: Runner, tmp_path: Path) -> None:
    # Amelia answered from her own address; a later response by "Dr Ameila Ashworth" from
    # another address matched her only by a close name, and replaced hers: her hearing loop
    # was lost, and the other row could be someone else's choices put in her row
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [
        ["amelia@nhs.net", "Amelia Ashworth", "Oliver Pemberton", "", "", "Tuesday;",
         "Friday;", "A hearing loop, please"],
        ["someone@else.example.org", "Dr Ameila Ashworth", "Respiratory", "", "", "Monday;",
         "Monday;", ""],
    ])
    out = " ".join(run("preferences", "import", "answers.xlsx", "--into",
                       "volunteers.xlsx").output.split())
    amelia = cells(book)["amelia@nhs.net"]
    assert amelia["Preference 1"] == "Oliver Pemberton"
    assert amelia["Adjustments"] == "A hearing loop, please"
    assert ("Dr Amelia Ashworth answered more than once; the answer in row 2 (matched by "
            "e-mail) is used, not row 3 ('Dr Ameila Ashworth / someone@else.example.org', "
            "matched by name (close match) only): check that row is not someone else's.") in out
    # two answers from her own address: the later is used, as before
    survey(tmp_path / "again.xlsx", [
        ["amelia@nhs.net", "Amelia Ashworth", "Oliver Pemberton", "", "", "", "", ""],
        ["amelia@nhs.net", "Amelia Ashworth", "Cardiology", "", "", "", "", ""],
    ])
    out = " ".join(run("preferences", "import", "again.xlsx", "--into", "volunteers.xlsx",
                       "--force").output.split())
    assert "the answer in row 3 is used" in out
    assert cells(book)["amelia@nhs.net"]["Preference 1"] == "Cardiology"


def test_a_formula_in_an_answer_is_stored_as_text(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    survey(tmp_path / "answers.xlsx", [
        ["isla@nhs.net", "Isla Okonkwo", "", "", "", "", "", "=HYPERLINK(\"x\")"]])
    run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx")
    value = cells(book)["isla@nhs.net"]["Adjustments"]
    assert value == "=HYPERLINK(\"x\")"  # as typed, no apostrophe added (issue 9.6) ...
    sheet = openpyxl.load_workbook(book)["Volunteers"]
    stored = [c for row in sheet.iter_rows() for c in row if c.value == value]
    assert stored and all(c.data_type == "s" for c in stored)  # ... and text, not a formula


def test_not_a_survey_and_not_xlsx_are_clear_errors(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "volunteers.xlsx", roster())
    write_book(tmp_path / "other.xlsx", roster(), headers=["Name", "Email", "Profession"])
    result = run("preferences", "import", "other.xlsx", "--into", "volunteers.xlsx", code=1)
    assert "does not look like the preferences survey" in result.output
    (tmp_path / "volunteers.csv").write_text("Name,Email,Profession\n", encoding="utf-8")
    survey(tmp_path / "answers.xlsx", [])
    result = run("preferences", "import", "answers.xlsx", "--into", "volunteers.csv", code=1)
    assert "save it as .xlsx" in result.output


def test_a_workbook_open_in_excel_is_left_alone(run: Runner, tmp_path: Path) -> None:
    book = write_book(tmp_path / "volunteers.xlsx", roster())
    before = book.read_bytes()
    (tmp_path / "~$volunteers.xlsx").write_bytes(b"owner")
    survey(tmp_path / "answers.xlsx", [
        ["isla@nhs.net", "Isla Okonkwo", "Cardiology", "", "", "", "", ""]])
    result = run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx", code=1)
    assert "open in Excel" in result.output
    assert book.read_bytes() == before


def test_import_writes_through_a_link_and_keeps_formula_results(run: Runner,
                                                                tmp_path: Path) -> None:
    """Nothing typed is lost: the import edits the workbook the link points at (the link
    stays a link) and keeps the values Excel computed for the administrator's formulas."""
    import openpyxl

    real = tmp_path / "shared" / "volunteers.xlsx"
    real.parent.mkdir()
    write_book(real, roster())
    book = openpyxl.load_workbook(real)
    sheet = book.active
    sheet["Z1"] = "Count"
    sheet["Z2"] = "=COUNTA(A:A)"
    book.save(real)
    with zipfile.ZipFile(real) as archive:  # give the formula a result, as Excel would
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet_part = "xl/worksheets/sheet1.xml"
    parts[sheet_part] = parts[sheet_part].replace(b"<f>COUNTA(A:A)</f><v></v>",
                                                  b"<f>COUNTA(A:A)</f><v>6</v>")
    parts[sheet_part] = parts[sheet_part].replace(b"<f>COUNTA(A:A)</f><v/>",
                                                  b"<f>COUNTA(A:A)</f><v>6</v>")
    with zipfile.ZipFile(real, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert openpyxl.load_workbook(real, data_only=True).active["Z2"].value == 6
    (tmp_path / "volunteers.xlsx").symlink_to(real)
    survey(tmp_path / "answers.xlsx", [
        ["isla@nhs.net", "Isla Okonkwo", "Cardiology", "", "", "", "", ""]])
    run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx")
    assert (tmp_path / "volunteers.xlsx").is_symlink()
    shown = openpyxl.load_workbook(real, data_only=True).active
    assert "Cardiology" in [c.value for row in shown.iter_rows() for c in row]
    assert shown["Z2"].value == 6
