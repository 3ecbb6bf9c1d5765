"""Issue 12: every word that reaches a clinician is true to the record and looks finished.

Expected sentences are written by hand from the issue, never copied from the output.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wessex_cli.documents import (
    Recipient,
    Rendered,
    list_templates,
    load_template,
    recipients,
    render_all,
)
from wessex_cli.errors import SchemeError
from wessex_cli.formats import to_eml
from wessex_cli.model import PairRecord, Person
from wessex_cli.scheme import Celebration, Contact, Scheme, load_scheme
from wessex_cli.text import slug

from .conftest import EXAMPLES, Runner, few_pairs, person, write_book

COMPLETE = """\
[scheme]
name = "Northmoor Exchange"

[administrator]
name = "Robin Fairweather"
email = "northmoor.exchange@nhs.net"

[[leads]]
name = "Dr Helena Marsh"
role = "GP lead"

[sides.primary]
organisation = "Northmoor Integrated Care Board"

[sides.secondary]
organisation = "Northmoor Hospitals NHS Trust"

[dates]
start = 2027-04-19
end = 2027-07-19

[celebration]
date = 2027-07-29
time = "18:30"
venue = "The Atrium, Northmoor Postgraduate Centre"
"""


def complete_scheme() -> Scheme:
    return Scheme(name="Northmoor Exchange",
                  administrator=Contact("Robin Fairweather", "northmoor.exchange@nhs.net"),
                  leads=(Contact("Dr Helena Marsh", "h.marsh@nhs.net", role="GP lead"),),
                  start=dt.date(2027, 4, 19), end=dt.date(2027, 7, 19),
                  celebration=Celebration(date=dt.date(2027, 7, 29), venue="The Atrium"),
                  given=frozenset({"celebration.time"}),
                  sides=(dataclasses.replace(Scheme().sides[0],
                                             organisation="Northmoor Integrated Care Board"),
                         dataclasses.replace(Scheme().sides[1],
                                             organisation="Northmoor Hospitals NHS Trust")))


BEN = Person("Dr Ben Aldous", "ben.aldous@nhs.net", profession="GP", side="primary",
             organisation="Moorside Surgery")
ROSA = Person("Dr Rosa Quill", "rosa.quill@nhs.net", profession="Consultant", side="secondary",
              organisation="Northmoor Hospital")


def reminders(done: tuple[bool, bool], dates: tuple[dt.date | None, dt.date | None],
              now: dt.date) -> dict[str, Rendered]:
    """Reminders for the pair Ben (A) and Rosa (B), by recipient's e-mail."""
    scheme = complete_scheme()
    template = load_template("reminder", scheme)
    pair = PairRecord.with_visits("P1", BEN, ROSA, done, dates)
    people = recipients(template, scheme, pairs=[pair], now=now)
    return {r.recipient.email: r for r, _ in render_all(template, people, "md", scheme)}


def flat(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


JUNE = dt.date(2027, 6, 1)


def test_both_visits_owed_is_said_plainly() -> None:
    found = reminders((False, False), (None, None), JUNE)
    ben = flat(found["ben.aldous@nhs.net"].markdown)
    assert "about your exchange with Dr Rosa Quill." in ben  # in full once, then "Rosa"
    assert ("neither of your two half days with Rosa has taken place yet: you are "
            "still to host Rosa at your workplace, and to spend half a day at "
            "theirs.") in ben
    assert "Please agree dates with Rosa for both half days, to take place by Monday 19 July " \
        "2027" in ben
    assert "is still to happen" not in ben and "has not yet happened" not in ben
    assert "If our record is wrong, just reply with the dates" in ben
    assert found["ben.aldous@nhs.net"].subject.startswith("Reminder:")
    assert set(found) == {"ben.aldous@nhs.net", "rosa.quill@nhs.net"}


def test_only_hosting_owed_and_only_visiting_owed() -> None:
    # Rosa hosted Ben on 4 May: Ben owes the hosting, Rosa owes the visit.
    found = reminders((False, True), (None, dt.date(2027, 5, 4)), JUNE)
    ben = flat(found["ben.aldous@nhs.net"].markdown)
    assert ("you visited Rosa's workplace on Tuesday 4 May 2027. You have not yet "
            "hosted them at your workplace.") in ben
    assert "for the half day when you host them" in ben
    rosa = flat(found["rosa.quill@nhs.net"].markdown)
    assert ("you hosted Ben on Tuesday 4 May 2027. You have not yet visited "
            "their workplace.") in rosa
    assert "for the half day when you visit them" in rosa


def test_a_planned_visit_whose_date_has_passed_is_asked_about() -> None:
    found = reminders((False, True), (dt.date(2027, 5, 20), dt.date(2027, 5, 4)), JUNE)
    ben = flat(found["ben.aldous@nhs.net"].markdown)
    assert ("You planned to host them on Thursday 20 May 2027, but we have no record yet "
            "that it went ahead") in ben
    assert "If you hosted them on Thursday 20 May 2027 as planned, please reply" in ben
    assert "Please agree a date" not in ben  # nothing is simply owed
    # asked once to reply: the closing line's own "reply with the dates" is left out
    assert "If our record is wrong" not in ben


def test_a_planned_future_visit_is_named_and_not_chased() -> None:
    found = reminders((False, False), (dt.date(2027, 6, 15), None), JUNE)
    ben = flat(found["ben.aldous@nhs.net"].markdown)
    assert ("you are due to host Rosa on Tuesday 15 June 2027. You have not yet "
            "visited their workplace.") in ben
    assert "for the half day when you visit them" in ben
    # Both arranged for dates to come: nothing to chase, nobody is written to.
    assert reminders((False, False), (dt.date(2027, 6, 15), dt.date(2027, 6, 22)), JUNE) == {}


def test_nobody_with_nothing_owed_is_written_to() -> None:
    assert reminders((True, True), (dt.date(2027, 5, 4), dt.date(2027, 5, 18)), JUNE) == {}


def test_after_the_end_date_the_reminder_asks_what_happened() -> None:
    """After the end date the reminder does not ask for visits to be arranged this week as
    if there were time: it asks for the date of any half day that did take place, and of
    the others whether they can still happen or will not."""
    found = reminders((False, False), (None, None), dt.date(2027, 8, 2))
    ben = found["ben.aldous@nhs.net"]
    text = flat(ben.markdown)
    assert ben.subject.startswith("Overdue:")
    assert text.startswith("Dear Ben, Your exchange with Dr Rosa Quill in **Northmoor Exchange** "
                           "is not yet complete.")  # the partner in full, once
    assert ("The exchange period ended on Monday 19 July 2027. If either half day with Rosa "
            "did take place, please reply with its date so that we can record it; for any "
            "that did not, please tell us whether it can still happen, and when, or whether "
            "it will not go ahead.") in text
    assert "this week" not in text and "arrange" not in text
    assert "to take place by Monday 19 July 2027" not in text
    # said once: the opening does not also announce that the period is over
    assert text.count("exchange period") == 1 and "is over" not in text


# ---------------------------------------------------------------- placeholders


def test_render_refuses_placeholders_and_lists_each_missing_setting(run: Runner,
                                                                    tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path)  # away from the example's scheme.toml
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "out", code=1)
    message = " ".join(result.output.split())
    for line in ('under [administrator]: name = "Your Name"',
                 'under [administrator]: email = "your.name@nhs.net"', "under [dates]: end = ",
                 "under [celebration]: date = "):
        assert line in message, line
    assert "--allow-placeholders" in message
    assert not (tmp_path / "out").exists()
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "out",
        "--format", "txt", "--allow-placeholders")
    text = next((tmp_path / "out" / "partner-introduction").glob("*.txt")).read_text()
    assert "[celebration date]" in text and "[administrator's name]" in text
    assert "exchange.admin@example.org" not in text and "to be confirmed" not in text


def test_optional_mentions_do_not_need_the_setting(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace(
        'venue = "The Atrium, Northmoor Postgraduate Centre"\n', ""))
    few_pairs(tmp_path / "pairs.xlsx", 1)  # what is missing is said once, for any pair
    # The introduction names the venue only if there is one...
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "a")
    # ...the invitation cannot do without it.
    result = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "b", code=1)
    assert "celebration venue" in result.output
    assert "under [celebration]: venue =" in " ".join(result.output.split())
    assert "administrator" not in result.output.split("uses:")[1]


def test_remind_and_mailmerge_refuse_placeholders(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path)
    result = run("remind", "pairs.xlsx", "-o", "r", code=1)
    assert "administrator.name" in result.output
    assert not (tmp_path / "r").exists()
    result = run("mailmerge", "pairs.xlsx", "-o", "m.csv", code=1)
    assert "celebration.venue" in result.output and not (tmp_path / "m.csv").exists()
    run("mailmerge", "pairs.xlsx", "-o", "m.csv", "--allow-placeholders")
    row = next(csv.DictReader(io.StringIO((tmp_path / "m.csv").read_text("utf-8-sig"))))
    assert (row["CelebrationVenue"], row["AdminName"]) == ("[celebration venue]",
                                                           "[administrator's name]")


def test_a_missing_logo_is_named(tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE + '\n[letterhead]\nlogo = "crest.png"\n')
    with pytest.raises(SchemeError) as caught:
        load_scheme(tmp_path / "scheme.toml")
    assert "'letterhead.logo'" in str(caught.value) and "crest.png" in str(caught.value)


def test_check_reports_settings_for_the_documents_due_next(run: Runner, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace(
        'venue = "The Atrium, Northmoor Postgraduate Centre"\n', "").replace(
        'name = "Robin Fairweather"\n', ""))
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "v.xlsx")
    monkeypatch.setenv("WESSEX_TODAY", "2027-03-01")  # recruitment: call to action next
    early = " ".join(run("check", "v.xlsx", code=None).output.split())
    assert "administrator.name" in early and "call-to-action" in early
    assert "celebration.venue" not in early  # not needed until the invitation
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-20")  # after the end: invitations next
    late = " ".join(run("check", "v.xlsx", code=None).output.split())
    assert "celebration.venue" in late and "celebration-invite" in late


# ---------------------------------------------------------------- one celebration date


def test_a_celebration_before_the_end_date_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "scheme.toml"
    path.write_text(COMPLETE.replace("date = 2027-07-29", "date = 2027-07-01"))
    with pytest.raises(SchemeError) as caught:
        load_scheme(path)
    assert "'celebration.date' (line 23)" in str(caught.value)


def test_plan_invitation_and_calendar_show_the_same_date(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace("date = 2027-07-29",
                                                           "date = 2027-09-14"))
    milestones = json.loads(run("plan", "--json").stdout)["milestones"]
    assert {m["name"]: m["date"] for m in milestones}["celebration"] == "2027-09-14"
    run("plan", "--start", "2027-04-26", "--ics", "c.ics")  # another start keeps the date
    assert "DTSTART;TZID=Europe/London:20270914T183000" in (tmp_path / "c.ics").read_text()
    run("render", "celebration-invite", "--pairs", str(EXAMPLES / "pairs.xlsx"), "-o", "i")
    eml = next((tmp_path / "i" / "celebration-invite").glob("*.eml")).read_bytes()
    message = BytesParser(policy=policy.default).parsebytes(eml)
    assert "Tuesday 14 September 2027" in message["Subject"]
    # A start that would end the exchange after the celebration is refused, not moved.
    result = run("plan", "--start", "2027-07-05", code=1)
    assert "celebration.date" in result.output


# ---------------------------------------------------------------- people


def test_professions_and_titles_are_canonical_and_grouped_once() -> None:
    scheme = complete_scheme()
    people = [dataclasses.replace(BEN, name="dr. ben aldous", profession="gp"),
              dataclasses.replace(BEN, name="Dr Ada Lovat", email="ada@nhs.net", profession="GP"),
              dataclasses.replace(ROSA, name="DR Rosa Quill", profession="consultant"),
              dataclasses.replace(ROSA, name="Mr Ivo Dunmore", email="ivo@nhs.net",
                                  profession="Consultant ")]
    template = load_template("preferences-request", scheme)
    rendered = render_all(template, recipients(template, scheme, volunteers=people), "md",
                          scheme)
    text = flat(rendered[0][0].markdown)
    # by surname, titles and case aside: Aldous before Lovat; a name typed all in small
    # letters is printed as names are (tests/test_name_capitals.py)
    assert "**GP** (2): Dr Ben Aldous (Moorside Surgery); Dr Ada Lovat" in text
    assert "**Consultant** (2):" in text
    assert "gp (" not in text and "consultant (" not in text and "Dr." not in text
    assert "Dr Rosa Quill" in text  # "DR" becomes "Dr"; the name keeps its own case


def test_patient_notice_names_the_clinicians_formally() -> None:
    scheme = complete_scheme()
    template = load_template("patient-notice", scheme)
    pair = PairRecord("P1", dataclasses.replace(BEN, name="Dr. Ben Aldous"),
                      dataclasses.replace(ROSA, name="Prof Siân Ó Briain"))
    (rendered, _), = render_all(template, recipients(template, scheme, pairs=[pair]), "md",
                                scheme)
    text = flat(rendered.markdown)
    assert "You do not have to agree to Prof Ó Briain being present" in text
    assert "rather see Dr Aldous alone" in text
    assert "Siân being" not in text and "see Ben" not in text


# ---------------------------------------------------------------- attachments


CLAIMS = {"equality and diversity monitoring form": "equality-form.docx",
          "reflection template": "reflection.docx",
          "notice you can show patients": "patient-notice.docx"}


def test_every_attachment_the_text_promises_is_attached(run: Runner, tmp_path: Path) -> None:
    scheme_args = ("--scheme", str(EXAMPLES / "scheme.toml"))
    for profession in ("GP", "Consultant"):
        run("render", "call-to-action", "--profession", profession, "-o", "out", *scheme_args)
    assert {p.name for p in (tmp_path / "out").glob("*.eml")} == {
        "call-to-action-gp.eml", "call-to-action-consultant.eml"}
    for template in list_templates(load_scheme(EXAMPLES / "scheme.toml")):
        if template.name != "call-to-action":
            run("render", template.name, "--pairs", str(EXAMPLES / "pairs.xlsx"), "-o", "out",
                "--format", "eml", *scheme_args)
    checked = 0
    for path in (tmp_path / "out").rglob("*.eml"):
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        body = message.get_body(("plain",))
        assert body is not None
        text = " ".join(body.get_content().split())
        attached = {part.get_filename() for part in message.iter_attachments()}
        promises = [s for s in re.split(r"(?<=[.:])\s", text)
                    if re.search(r"attach|enclos", s, re.I)]
        for sentence in promises:
            names = [name for claim, name in CLAIMS.items() if claim in sentence]
            assert names, f"{path.name}: an attachment is promised but not known: {sentence}"
            assert set(names) <= attached, (path.name, sentence, attached)
            checked += 1
    assert checked >= 60 + 30 + 2  # every introduction, every notice, both calls to action


# ---------------------------------------------------------------- e-mail headers


NAME_CHARS = st.sampled_from(list("aeoAEOrstnlmk") + list("áéíóúâêîôûçñøåäöüÓÑŁłŚśŻżÆæßđ") +
                             ["😀", "李", "'", "-", ".", ",", '"', "(", ")", "="])
WORDS = st.lists(st.text(NAME_CHARS, min_size=1, max_size=14), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(name=WORDS, subject=WORDS)
def test_names_and_subjects_decode_exactly(name: list[str], subject: list[str]) -> None:
    display, title = " ".join(name), "Reminder: " + " ".join(subject)
    recipient = Recipient(display, "sian.obriain@nhs.net", {}, "x")
    admin = Scheme(administrator=Contact(display, "admin@nhs.net"))
    data = to_eml(Rendered(recipient, title, "Hello\n"), admin)
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert message["To"].addresses[0].display_name == display
    assert message["From"].addresses[0].display_name == display
    assert str(message["Subject"]) == title
    head = data.split(b"\n\n", 1)[0].decode("ascii")  # the header is plain ASCII
    assert all(len(line) <= 998 for line in head.splitlines())
    raw_subject = re.search(r"^Subject: (.*?)\n(?=\S)", head + "\nX", re.M | re.S)
    assert raw_subject is not None
    # The e-mail package's older RFC 2047 decoder agrees, once the header is unfolded (RFC
    # 5322: remove each line break before a space) as every mail client does first.
    unfolded = raw_subject.group(1).replace("\n ", " ")
    assert str(make_header(decode_header(unfolded))) == title


def test_the_reported_name_keeps_its_space() -> None:
    recipient = Recipient("Siân Ó Briain", "sian@nhs.net", {}, "x")
    data = to_eml(Rendered(recipient, "Siân Ó Briain", "Hi\n"), complete_scheme())
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert str(message["To"]) == "Siân Ó Briain <sian@nhs.net>"
    assert str(message["Subject"]) == "Siân Ó Briain"


# ---------------------------------------------------------------- mail merge


def test_mailmerge_gives_the_fields_a_letter_needs(run: Runner, tmp_path: Path) -> None:
    run("mailmerge", str(EXAMPLES / "pairs.xlsx"), "--scheme", str(EXAMPLES / "scheme.toml"),
        "-o", "m.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "m.csv").read_text("utf-8-sig"))))
    amelia = next(r for r in rows if r["Email"] == "amelia.ashworth@nhs.net")
    assert (amelia["Title"], amelia["FirstName"], amelia["Surname"], amelia["FullName"]) == \
        ("Dr", "Amelia", "Ashworth", "Dr Amelia Ashworth")
    assert amelia["Salutation"] == "Dear Dr Ashworth"
    assert (amelia["Profession"], amelia["Organisation"]) == ("GP", "Harbourside Surgery")
    assert (amelia["PartnerTitle"], amelia["PartnerSurname"]) == ("Prof", "Zielinski")
    assert amelia["PartnerSalutation"] == "Dear Prof Zielinski"
    assert amelia["PartnerProfession"] == "Consultant"
    assert "Eastshire General Hospital" in amelia["PartnerOrganisation"]
    # the sides as scheme.toml names them and letters print them, not wessex's own keys
    # ('primary'), which a merged letter would have printed as they are
    assert (amelia["Side"], amelia["PartnerSide"]) == ("Primary care", "Secondary care")
    assert all(" " not in header for header in rows[0])
    help_text = " ".join(run("mailmerge", "--help").output.split())
    for field in ("Title", "FirstName", "Surname", "FullName", "Salutation", "Dear Dr Ashworth",
                  "Profession", "Organisation", "PartnerSalutation"):
        assert field in help_text


# ---------------------------------------------------------------- Word documents


def tiny_png(path: Path) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x00\x5e\xb8" * 4 for _ in range(4))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0,
                                                                      0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def test_word_documents_are_a4_uk_english_dated_with_letterhead(run: Runner,
                                                                tmp_path: Path) -> None:
    tiny_png(tmp_path / "logo.png")
    (tmp_path / "scheme.toml").write_text(COMPLETE + """
[letterhead]
organisation = "Northmoor Integrated Care Board"
address = ["1 Moor Lane", "Northmoor NM1 1AA"]
logo = "logo.png"
""")
    import os
    os.environ["WESSEX_TODAY"] = "2027-04-12"
    try:
        # a letter, not a form printed blank (the reflection template), which has no date
        run("render", "event-planning", "--format", "docx")
    finally:
        del os.environ["WESSEX_TODAY"]
    document = docx.Document(str(tmp_path / "documents" / "event-planning.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = document.styles.element.xml
    assert 'w:lang w:val="en-GB"' in styles and "en-US" not in styles
    assert document.paragraphs[0].text == "12 April 2027"
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert "Northmoor Integrated Care Board" in header and "Northmoor NM1 1AA" in header
    assert section.header.part.package.image_parts._image_parts  # the logo is in


def test_the_certificate_is_a_certificate() -> None:
    scheme = complete_scheme()
    template = load_template("certificate", scheme)
    pair = PairRecord.with_visits("P1", BEN, ROSA, (True, True),
                                  (dt.date(2027, 5, 4), dt.date(2027, 5, 18)))
    people = recipients(template, scheme, pairs=[pair], now=dt.date(2027, 8, 2))
    rendered = {r.recipient.email: data for r, data in
                render_all(template, people, "docx", scheme)}
    document = docx.Document(io.BytesIO(rendered["ben.aldous@nhs.net"]))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    text = " ".join(" ".join(p.text for p in paragraphs).split())
    assert all(p.alignment == 1 for p in paragraphs)  # centred
    assert "Northmoor Exchange" in text
    assert "Monday 19 April 2027 to Monday 19 July 2027" in text
    assert "hosted Dr Quill for half a day on Tuesday 4 May 2027" in text
    assert "Dr Quill's workplace on Tuesday 18 May 2027" in text
    assert "8 hours" in text and "Date of issue: Monday 2 August 2027" in text
    assert text.count("Signed ____") == 1 and "Dr Helena Marsh, GP lead" in text
    assert "pgBorders" in document.sections[0]._sectPr.xml
    # one sentence, the visits in the order they happened: Rosa's first visit was Ben's
    # (4 May), so her certificate names it first
    paragraph = next(p.text for p in paragraphs if "two-way workplace exchange" in p.text)
    assert "hosted Dr Quill for half a day on Tuesday 4 May 2027" in paragraph
    rosa = docx.Document(io.BytesIO(rendered[ROSA.email]))
    said = " ".join(" ".join(p.text for p in rosa.paragraphs).split())
    assert ("exchange with Dr Ben Aldous, GP, Moorside Surgery: spent half a day at Dr "
            "Aldous's workplace on Tuesday 4 May 2027, and hosted Dr Aldous for half a day on "
            "Tuesday 18 May 2027.") in said


# ---------------------------------------------------------------- init workbook


def resolved_lists(path: Path) -> dict[str, list[str]]:
    """Every list validation of the Volunteers sheet, by column header, resolved."""
    book = openpyxl.load_workbook(path)
    sheet = book["Volunteers"]
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type != "list":
            continue
        column = re.match(r"[A-Z]+", str(validation.sqref)).group(0)  # type: ignore[union-attr]
        target = re.fullmatch(r"=?'?(\w+)'?!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)",
                              validation.formula1)
        assert target, validation.formula1
        lists, first_col, first, last_col, last = target.groups()
        assert first_col == last_col
        values = [book[lists][f"{first_col}{r}"].value for r in range(int(first), int(last) + 1)]
        found[str(headers[column])] = values
    return found


def test_init_workbook_drop_downs_hold_their_lists(run: Runner, tmp_path: Path) -> None:
    run("init", "new")
    lists = resolved_lists(tmp_path / "new" / "volunteers.xlsx")
    assert set(lists) == {"Profession", "Side", "Status", "Host days", "Visit days"}
    # the sides as every output names them, and check reads a side picked from the list
    assert lists["Side"] == ["Primary care", "Secondary care"]
    assert lists["Status"] == ["active", "withdrawn"]
    assert "GP" in lists["Profession"] and "Consultant" in lists["Profession"]
    assert {"any", "Mon", "Fri pm"} <= set(lists["Host days"]) and \
        lists["Host days"] == lists["Visit days"]
    assert all(all(v for v in values) for values in lists.values())  # no empty entries
    # a side picked from the list is read as that side, for a profession no side lists
    book = openpyxl.load_workbook(tmp_path / "new" / "volunteers.xlsx")
    headers = [cell.value for cell in book["Volunteers"][1]]
    row = {"Name": "Dr Ada Quist", "Email": "ada.quist@example.org",
           "Profession": "Paramedic", "Side": lists["Side"][1]}
    book["Volunteers"].append([row.get(str(h), None) for h in headers])
    book.save(tmp_path / "new" / "volunteers.xlsx")
    checked = json.loads(run("check", "new/volunteers.xlsx", "--scheme", "new/scheme.toml",
                             "--json").stdout)
    assert checked["sides"]["secondary"]["people"] == 1
    assert not [p for p in checked["problems"] if p["severity"] == "error"]
    if shutil.which("soffice") is None:
        return
    # LibreOffice reads the file and keeps every list when it saves it again.
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path / "lo"), str(tmp_path / "new" / "volunteers.xlsx")],
                   check=True, capture_output=True, timeout=120)
    again = resolved_lists(tmp_path / "lo" / "volunteers.xlsx")
    assert again["Side"] == ["Primary care", "Secondary care"]
    assert again["Status"] == ["active", "withdrawn"]


def test_an_email_never_comes_from_the_placeholder_administrator() -> None:
    scheme = dataclasses.replace(complete_scheme(), administrator=Contact(
        "Robin Fairweather", "exchange.admin@example.org"))
    template = load_template("equality-form", scheme)  # its text has no e-mail address
    people = recipients(template, scheme)
    render_all(template, people, "docx", scheme)  # as a Word form it is fine
    with pytest.raises(SchemeError) as caught:
        render_all(template, people, "eml", scheme)  # as an e-mail it would come From it
    assert "administrator.email" in str(caught.value)


def test_a_placeholder_through_a_filter_is_still_caught(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace(
        'venue = "The Atrium, Northmoor Postgraduate Centre"\n', ""))
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "notice.md.j2").write_text(
        "Come to {{ scheme.celebration.venue | upper }}.\n")
    result = run("render", "notice", code=1)
    assert "celebration.venue" in result.output
    run("render", "notice", "--format", "txt", "--allow-placeholders")
    assert "[CELEBRATION VENUE]" in (tmp_path / "documents" / "notice.txt").read_text()


def test_the_patient_notice_carries_the_visit_day_never_the_day_it_was_printed() -> None:
    """A notice put up in the surgery says when the visitor comes: Ben hosts Rosa on Friday
    18 June 2027 (planned), so the notice says so, and is not dated 1 June (the day it was
    rendered). Without a recorded day it says "Today" and carries no date at all, and so
    does one whose planned day (Friday 14 May) has gone by with no visit recorded: the
    visit is to be rearranged, and a notice naming 14 May would be put up on another day."""
    import docx

    from wessex_cli.formats import to_bytes

    scheme = complete_scheme()
    template = load_template("patient-notice", scheme)
    for dates, opening, dated in (((dt.date(2027, 6, 18), None),
                                   "On Friday 18 June 2027, Dr Ben Aldous", "18 June 2027"),
                                  ((None, None), "Today, Dr Ben Aldous", None),
                                  ((dt.date(2027, 5, 14), None), "Today, Dr Ben Aldous", None)):
        pair = PairRecord.with_visits("P1", BEN, ROSA, (False, False), dates)
        people = recipients(template, scheme, pairs=[pair], now=dt.date(2027, 6, 1))
        (rendered, _), = render_all(template, people, "md", scheme)
        assert flat(rendered.markdown).split(" (GP)")[0].endswith(opening)
        page = docx.Document(io.BytesIO(to_bytes(rendered, "docx", scheme)))
        text = "\n".join(p.text for p in page.paragraphs)
        assert "1 June 2027" not in text
        assert (dated in text) if dated else not re.search(r"\b20\d\d\b", text.split(
            "Information for our patients")[0])


def test_no_patient_notice_is_written_for_a_visit_already_done() -> None:
    """A notice is for the day of the visit: one written afterwards, for a visit recorded as
    done, told patients in the present tense that the GP "is welcoming a colleague"."""
    scheme = complete_scheme()
    template = load_template("patient-notice", scheme)
    done = PairRecord.with_visits("P1", BEN, ROSA, (True, False), (dt.date(2027, 5, 4), None))
    planned = PairRecord.with_visits("P1", BEN, ROSA, (False, False), (dt.date(2027, 6, 8), None))
    assert recipients(template, scheme, pairs=[done], now=dt.date(2027, 6, 1)) == []
    (notice,) = recipients(template, scheme, pairs=[planned], now=dt.date(2027, 6, 1))
    assert notice.context["visit_date"] == dt.date(2027, 6, 8)


def test_a_notice_attached_to_an_introduction_is_undated_once_its_planned_day_has_gone(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The notice attached to a partner introduction sent again after the host's planned
    day had passed unrecorded told patients the visit was "On Thursday 10 June 2027"."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 1)  # P001, Amelia Ashworth and Chidi Zielinski
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--planned", "10/6/2027")
    for day, wanted in (("2027-06-01", "On Thursday 10 June 2027, Dr Amelia Ashworth"),
                        ("2027-06-20", "Today, Dr Amelia Ashworth")):
        monkeypatch.setenv("WESSEX_TODAY", day)
        run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", day)
        run("render", "patient-notice", "--pairs", "pairs.xlsx", "-o", day, "--format", "txt")
        mail = BytesParser(policy=policy.default).parsebytes(
            (tmp_path / day / "partner-introduction" / "amelia-ashworth.eml").read_bytes())
        part, = (p for p in mail.walk() if p.get_filename() == "patient-notice.docx")
        attached = docx.Document(io.BytesIO(part.get_content()))
        assert any(p.text.startswith(wanted) for p in attached.paragraphs), day
        notice, = (tmp_path / day / "patient-notice").glob("amelia-ashworth-*.txt")
        assert wanted in " ".join(notice.read_text(encoding="utf-8").split()), day


def test_an_introduction_sent_again_says_which_half_days_are_done(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An introduction rendered again mid-scheme told a GP who had hosted to "plan both
    visits", and attached a notice for patients "on the day you host", a day gone by."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 1)  # P001, Amelia Ashworth and Chidi Zielinski
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "again")
    folder = tmp_path / "again" / "partner-introduction"
    mail = BytesParser(policy=policy.default).parsebytes(
        (folder / "amelia-ashworth.eml").read_bytes())
    text = " ".join(mail.get_body(("plain",)).get_content().split())  # type: ignore[union-attr]
    assert "Our records show that you hosted Chidi on Tuesday 4 May 2027. You have not yet " \
        "visited their workplace. Please agree a date with Chidi for the half day when you " \
        "visit them, to take place by Monday 19 July 2027, when the exchange period ends." in text
    assert "plan both visits" not in text and "notice you can show patients" not in text
    assert [p.get_filename() for p in mail.iter_attachments()] == ["reflection.docx"]
    # her partner, who has visited her, is told so and asked to host
    partner = BytesParser(policy=policy.default).parsebytes(
        (folder / "chidi-zielinski.eml").read_bytes())
    said = " ".join(partner.get_body(("plain",)).get_content().split())  # type: ignore[union-attr]
    assert "Our records show that you visited Amelia's workplace on Tuesday 4 May 2027. You " \
        "have not yet hosted them at your workplace. Please agree a date with Amelia for the " \
        "half day when you host them, to take place by Monday 19 July 2027, when the exchange " \
        "period ends." in said


def test_a_subject_longer_than_word_keeps_still_makes_a_word_document() -> None:
    """Word keeps at most 255 characters of a document's title (python-docx refuses more):
    a long scheme name and a long name make a document, titled with the start of it."""
    import io

    import docx

    from wessex_cli.formats import to_bytes

    scheme = complete_scheme()
    long_name = "Dr " + " ".join(["Bartholomew-Featherstonehaugh"] * 10)
    partner = Person(long_name, "bart@nhs.net", profession="Consultant", side="secondary",
                     organisation="Northmoor Hospital")
    template = load_template("partner-introduction", scheme)
    people = recipients(template, scheme, pairs=[PairRecord.with_visits("P1", BEN, partner)],
                        now=dt.date(2027, 4, 12))
    rendered = render_all(template, people, "docx", scheme)
    title = docx.Document(io.BytesIO(rendered[0][1])).core_properties.title
    assert len(title) == 255 and title.endswith("…")
    assert title.startswith(rendered[0][0].subject[:254])
    assert to_bytes(rendered[0][0], "docx", scheme)[:2] == b"PK"


def invitation(run: Runner, tmp_path: Path) -> str:
    """The text of one celebration invitation for the example pairs."""
    run("render", "celebration-invite", "--pairs", str(EXAMPLES / "pairs.xlsx"), "-o", "i",
        "--force")
    eml = next((tmp_path / "i" / "celebration-invite").glob("*.eml")).read_bytes()
    message = BytesParser(policy=policy.default).parsebytes(eml)
    body = message.get_body(("plain",))
    assert body is not None
    return " ".join(str(body.get_content()).split())


def test_an_end_time_is_not_made_up_for_a_start_that_cannot_be_read(run: Runner,
                                                                     tmp_path: Path) -> None:
    """A start typed the way many people write it ("12.30pm"), with no end_time, reached
    every delegate as "12.30pm to 21:00": an end made up from the default evening, eight and
    a half hours after a lunchtime start. Without a start it can read, wessex cannot tell
    when the event ends: the invitation gives the start as typed, and no end."""
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace('time = "18:30"',
                                                           'time = "12.30pm"'))
    text = invitation(run, tmp_path)
    assert "When: Thursday 29 July 2027, 12.30pm - Where:" in text
    assert "21:00" not in text
    # an end typed in scheme.toml is the organisers' own, and printed as typed
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace(
        'time = "18:30"', 'time = "12.30pm"\nend_time = "3pm"'))
    assert "When: Thursday 29 July 2027, 12.30pm to 3pm - Where:" in invitation(run, tmp_path)


def test_the_default_agenda_fits_the_events_own_hours(run: Runner, tmp_path: Path) -> None:
    """An invitation for 16:00 to 18:00 listed refreshments at 18:30 and a guest speaker
    nobody had booked, and called the afternoon an evening."""
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace(
        'time = "18:30"', 'time = "16:00"\nend_time = "18:00"'))
    text = invitation(run, tmp_path)
    assert "Thursday 29 July 2027, 16:00 to 18:00" in text
    assert "- 16:00: Refreshments and arrivals - 16:15: Welcome - 16:50: What we saw" in text
    assert "- 18:00: Close" in text
    assert "Guest speaker" not in text and "evening" not in text
    # a start alone: the event keeps the default length, two and a half hours
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace('time = "18:30"', 'time = "12:30"'))
    assert "Thursday 29 July 2027, 12:30 to 15:00" in invitation(run, tmp_path)
    # with a speaker, at 18:30, the times the agenda always had
    (tmp_path / "scheme.toml").write_text(COMPLETE + 'speaker = "Professor Imogen Hale"\n')
    text = invitation(run, tmp_path)
    assert "- 18:30: Refreshments and arrivals - 18:50: Welcome - 19:05: Guest speaker - " \
        "19:35: What we saw: feedback from the visits - 20:00: What next? Table-top " \
        "discussions in mixed groups - 21:00: Close" in text


def _five_paired(run: Runner, tmp_path: Path) -> None:
    """Three GPs and two consultants paired from v.xlsx: one GP is left unpaired."""
    (tmp_path / "scheme.toml").write_text(COMPLETE)
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP", Organisation="Harbourside"),
        person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Elmfield"),
        person("Dr Femi Fairbairn", "femi@example.org", "GP", Organisation="Quayside"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant", Organisation="Hospital"),
        person("Arjun Rasmussen", "arjun@example.org", "Consultant", Organisation="Hospital")])
    run("pair", "v.xlsx")


def test_the_invitation_from_the_pairs_reaches_the_unpaired_too(run: Runner,
                                                                 tmp_path: Path) -> None:
    """From the pairs workbook, the invitation went only to people in a pair: a volunteer
    whose partner withdrew, or for whom nobody was found, was not invited."""
    _five_paired(run, tmp_path)
    unpaired = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Unpaired"]
    assert unpaired.max_row == 2  # one GP has nobody
    left = unpaired.cell(2, 1).value
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "i")
    written = sorted(p.stem for p in (tmp_path / "i" / "celebration-invite").glob("*.eml"))
    assert written == ["amelia-ashworth", "arjun-rasmussen", "femi-fairbairn", "isla-okonkwo",
                       "oliver-pemberton"]
    assert left in {"Dr Amelia Ashworth", "Dr Isla Okonkwo", "Dr Femi Fairbairn"}
    # one withdraws from the scheme: their partner, in no pair now, is still invited
    run("withdraw", "pairs.xlsx", "Oliver Pemberton")
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "j")
    again = sorted(p.stem for p in (tmp_path / "j" / "celebration-invite").glob("*.eml"))
    assert again == [stem for stem in written if stem != "oliver-pemberton"]
    # one whose address cannot be used is named by its cell, and no e-mail is written, as
    # for someone in a pair (it was left out and the rest written); a letter still reaches
    # them
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    book["Unpaired"].cell(2, 2).value = "not an address"
    book.save(tmp_path / "pairs.xlsx")
    said = " ".join(run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "k",
                        code=1).stderr.split())
    assert "Unpaired!B2: 'not an address' is not a valid e-mail address" in said
    assert f"for {left} (in no pair now); correct it before sending anything to them" in said
    assert not (tmp_path / "k").exists()
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "k", "--format", "docx")
    assert len(list((tmp_path / "k" / "celebration-invite").glob("*.docx"))) == len(again)


def _unpaired_address_typed(run: Runner, tmp_path: Path, typed: str | None
                            ) -> tuple[str, str]:
    """Three volunteers paired, one GP left on the Unpaired sheet; ``typed`` put in her
    address cell (B2), '{address}' standing for the address she had. Her name and that
    address."""
    (tmp_path / "scheme.toml").write_text(COMPLETE)
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP", Organisation="Harbourside"),
        person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Elmfield"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant", Organisation="Hospital")])
    run("pair", "v.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    cell, address = book["Unpaired"].cell(2, 2), str(book["Unpaired"].cell(2, 2).value)
    cell.value = typed.format(address=address) if typed is not None else None
    book.save(tmp_path / "pairs.xlsx")
    return str(book["Unpaired"].cell(2, 1).value), address


def test_someone_unpaired_without_an_address_is_named_by_their_cell(run: Runner,
                                                                   tmp_path: Path) -> None:
    """The Unpaired sheet's address emptied: the warning and the .eml refusal name its cell,
    and the letter in another format is still written to them."""
    left, _ = _unpaired_address_typed(run, tmp_path, None)
    said = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "d", "--format",
               "docx")
    assert f"Unpaired!B2: {left} (in no pair now) has no e-mail address; fill it in before " \
        "sending anything to them." in " ".join(said.stderr.split())
    assert len(list((tmp_path / "d" / "celebration-invite").glob("*.docx"))) == 3
    refused = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "e", code=1)
    # the fault once, in the warning above; the refusal names the cell
    assert f"cannot be addressed: Unpaired!B2 ({left}'s address, warned of above)" in \
        " ".join(refused.stderr.split())


def withdrawn_partner(run: Runner, tmp_path: Path) -> tuple[Any, str, Any, Any]:
    """_five_paired, Oliver Pemberton withdrawn from the scheme: the workbook opened, the name
    of his partner on the Withdrawn sheet, her address cell and his."""
    _five_paired(run, tmp_path)
    run("withdraw", "pairs.xlsx", "Oliver Pemberton")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Withdrawn"]
    headers = [cell.value for cell in sheet[1]]
    half = "A" if sheet.cell(2, headers.index("A name") + 1).value != "Oliver Pemberton" \
        else "B"
    partner = str(sheet.cell(2, headers.index(f"{half} name") + 1).value)
    address = sheet.cell(2, headers.index(f"{half} email") + 1)
    his = sheet.cell(2, headers.index(f"{'B' if half == 'A' else 'A'} email") + 1)
    return book, partner, address, his


def test_a_partner_of_someone_withdrawn_without_an_address_is_named_not_lost(
        run: Runner, tmp_path: Path) -> None:
    """Her address emptied on the Withdrawn sheet, the partner of one who left the scheme
    was dropped from every letter without a word, as if she had left too; she is named by
    the cell, as on the Unpaired sheet, and still written to. Once 'pair --keep' has put her
    on the Unpaired sheet with her address, that row is hers and she gets one letter."""
    book, partner, address, his = withdrawn_partner(run, tmp_path)
    his.value = None  # he left the scheme: told apart by his name, and not written to
    book.save(tmp_path / "pairs.xlsx")
    run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "c", "--format", "docx")
    assert sorted(p.stem for p in (tmp_path / "c" / "celebration-invite").glob("*.docx")) == \
        ["amelia-ashworth", "arjun-rasmussen", "femi-fairbairn", "isla-okonkwo"]
    his.value, address.value = "oliver@example.org", None
    book.save(tmp_path / "pairs.xlsx")
    said = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "d", "--format",
               "docx")
    assert f"Withdrawn!{address.coordinate}: {partner} (in no pair now) has no e-mail " \
        "address" in " ".join(said.stderr.split())
    assert len(list((tmp_path / "d" / "celebration-invite").glob("*.docx"))) == 4
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # on the Unpaired sheet, with her address
    said = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "e", "--format",
               "docx")
    assert "Withdrawn!" not in said.stderr
    assert len(list((tmp_path / "e" / "celebration-invite").glob("*.docx"))) == 4


def test_an_unpaired_address_with_its_name_is_read_as_on_the_pairs_sheet(
        run: Runner, tmp_path: Path) -> None:
    """'Amelia <amelia@example.org>', as Outlook copies an address, is the address on the
    Pairs sheet; on the Unpaired sheet it was taken as typed, not an address, and stopped
    every e-mail of the batch."""
    left, address = _unpaired_address_typed(run, tmp_path, "Someone <{address}>")
    said = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "m")
    assert "Unpaired!B2" not in said.stderr
    [mail] = (tmp_path / "m" / "celebration-invite").glob(f"{slug(left)}.eml")
    sent = BytesParser(policy=policy.default).parsebytes(mail.read_bytes())
    assert parseaddr(str(sent["To"]))[1] == address


def test_a_recruiting_letter_written_after_the_start_is_warned_about(run: Runner,
                                                                     tmp_path: Path) -> None:
    """The call to action, rendered mid-exchange, still invited interest in an exchange that
    had started, without a word."""
    (tmp_path / "scheme.toml").write_text(COMPLETE)  # 19 April to 19 July 2027
    late = run("render", "call-to-action", "-o", "c")  # today is pinned to 1 June 2027
    assert "'call-to-action' is meant to go out before the exchange starts, and it started " \
        "on Monday 19 April 2027." in " ".join(late.stderr.split())
    (tmp_path / "scheme.toml").write_text(COMPLETE.replace("2027-04-19", "2027-06-14").replace(
        "2027-07-19", "2027-09-13").replace("2027-07-29", "2027-09-23"))
    early = run("render", "call-to-action", "-o", "e")
    assert "before the exchange starts" not in early.stderr


def test_the_monitoring_form_promises_only_what_it_can_keep() -> None:
    """The business case called the form anonymous, though it goes back by e-mail to the
    administrator who holds the volunteer list; now nothing says anonymous, and the form
    asks for no name."""
    scheme = load_scheme(EXAMPLES / "scheme.toml")
    texts = {name: render_all(load_template(name, scheme),
                              recipients(load_template(name, scheme), scheme), "md",
                              scheme)[0][1].decode()
             for name in ("business-case", "equality-form")}
    assert "anonymous" not in texts["business-case"].casefold()
    assert "confidential monitoring form that asks for no name" in \
        " ".join(texts["business-case"].split())
    form = " ".join(texts["equality-form"].split())
    assert "Please do not write your name on it." in form
    assert "anonymous" not in form.casefold()


def test_letters_for_roles_no_regulator_registers_promise_no_code(run: Runner,
                                                                  tmp_path: Path) -> None:
    """For receptionists and ward clerks (examples/admin-staff) the patient notice said the
    visitor was bound by a professional code, told patients to ask the receptionist who was
    the host, and the call to action spoke of locum cover and revalidation."""
    shutil.copytree(EXAMPLES / "admin-staff", tmp_path, dirs_exist_ok=True)
    run("pair", "volunteers.csv")
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "-o", "n", "--format", "md")
    notices = [" ".join(p.read_text().split())
               for p in (tmp_path / "n" / "patient-notice").glob("*.md")]
    assert notices
    for notice in notices:
        assert "professional code" not in notice and "bound by" not in notice
        assert "works in the NHS and keeps what they see and hear confidential" in notice
        assert "or any member of staff: nobody will mind" in notice
    run("render", "call-to-action", "-o", "c", "--format", "md")
    for letter in (tmp_path / "c").rglob("*.md"):
        text = " ".join(letter.read_text().split())
        assert "locum" not in text and "revalidation" not in text
        assert "There is no payment and no cover for your time" in text
    for name in ("business-case", "reflection"):  # the scheme's own documents too
        run("render", name, "-o", "s", "--format", "md", "--force")
        text = " ".join((tmp_path / "s" / f"{name}.md").read_text().split())
        assert "revalidation" not in text and "locum" not in text and "clinical" not in text
    # a GP's copy still names locum cover and revalidation
    (tmp_path / "gp").mkdir()
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "gp")
    Runner(tmp_path / "gp")("render", "call-to-action", "--profession", "GP", "-o", "c",
                            "--format", "md")
    gp = " ".join(next((tmp_path / "gp" / "c").rglob("*.md")).read_text().split())
    assert "no locum cover" in gp and "appraisal and revalidation" in gp


def test_revalidation_is_offered_only_to_those_their_regulator_revalidates(
        run: Runner, tmp_path: Path) -> None:
    """A paramedic's call to action, and a physiotherapist's certificate and covering note,
    said the exchange counted "for revalidation": the HCPC (like the dental and optical
    councils) does not revalidate, so only doctors, nurses and pharmacy professionals read
    it, and a business case for HCPC professions alone leaves it out."""
    scheme = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    scheme = scheme.replace('professions = ["GP", "Practice nurse", "ANP", "Practice pharmacist"]',
                            'professions = ["First contact physiotherapist", "GP"]')
    scheme = scheme.replace('professions = ["Consultant", "Registrar", "Ward nurse", '
                            '"Hospital pharmacist"]', 'professions = ["Paramedic"]')
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", [
        {"Name": "Ada Physio", "Email": "ada@nhs.net",
         "Profession": "First contact physiotherapist", "Organisation": "Brook Surgery"},
        {"Name": "Ben Medic", "Email": "ben@nhs.net", "Profession": "Paramedic",
         "Organisation": "Eastshire Ambulance Service"}])
    run("pair", "volunteers.xlsx")
    run("visit", "pairs.xlsx", "Ada Physio", "--hosted", "4/5/2027")
    run("visit", "pairs.xlsx", "Ben Medic", "--hosted", "5/5/2027")
    for name in ("certificate", "certificate-email"):
        run("render", name, "--pairs", "pairs.xlsx", "-o", "c", "--format", "md")
    letters = list((tmp_path / "c").rglob("*.md"))
    assert len(letters) == 4
    for letter in letters:
        text = " ".join(letter.read_text(encoding="utf-8").split())
        assert "appraisal" in text and "revalidation" not in text, letter.name
    run("render", "call-to-action", "--profession", "Paramedic", "-o", "p", "--format", "md")
    paramedic = " ".join(next((tmp_path / "p").rglob("*.md")).read_text().split())
    assert "appraisal as quality improvement" in paramedic
    run("render", "call-to-action", "--profession", "GP", "-o", "g", "--format", "md")
    gp = " ".join(next((tmp_path / "g").rglob("*.md")).read_text().split())
    assert "appraisal and revalidation" in gp  # a GP is still told
    (tmp_path / "scheme.toml").write_text(scheme.replace(', "GP"]', "]"), encoding="utf-8")
    run("render", "business-case", "-o", "b", "--format", "md")
    case = " ".join((tmp_path / "b" / "business-case.md").read_text().split())
    assert "for appraisal: about" in case and "revalidation" not in case


def test_an_exchange_finished_before_a_partner_withdrew_still_earns_its_certificate(
        run: Runner, tmp_path: Path) -> None:
    """Dr Leon Ince (two partners) did both half days with Dr Priya Varga, then withdrew
    from the scheme: both pairs moved to the Withdrawn sheet, and neither Dr Varga nor he
    had a certificate for the exchange they had finished. The unfinished pair earns none."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path)
    run("pair", "volunteers.xlsx")
    run("visit", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga", "--hosted", "5/5/2027",
        "--reflection")
    run("visit", "pairs.xlsx", "Priya Varga", "--hosted", "6/5/2027")
    run("visit", "pairs.xlsx", "Zainab Abernethy", "--hosted", "12/5/2027")
    run("withdraw", "pairs.xlsx", "Leon Ince", "--reason", "illness")
    run("render", "certificate", "--pairs", "pairs.xlsx", "-o", "c", "--format", "md")
    written = {p.stem: " ".join(p.read_text(encoding="utf-8").split())
               for p in (tmp_path / "c" / "certificate").glob("*.md")}
    assert set(written) == {"priya-varga", "leon-ince-with-priya-varga"}
    assert "Wednesday 5 May 2027" in written["priya-varga"]
    assert "Thursday 6 May 2027" in written["priya-varga"]
    # his file is named for the partner it is about, as he had two
    assert "written reflection on the exchange from Dr Ince" in \
        written["leon-ince-with-priya-varga"]
    run("render", "certificate-email", "--pairs", "pairs.xlsx", "-o", "e")
    assert {p.stem for p in (tmp_path / "e" / "certificate-email").glob("*.eml")} == \
        {"priya-varga", "leon-ince-with-priya-varga"}


def _finished_then_withdrawn(run: Runner, tmp_path: Path, who: str, reason: str) -> None:
    """The example pairs workbook with Dr Leon Ince and Dr Priya Varga's two half days done
    (5 and 6 May 2027), then ``who`` withdrawn from the scheme for ``reason``."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path)
    run("pair", "volunteers.xlsx")
    run("visit", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga", "--hosted", "5/5/2027")
    run("visit", "pairs.xlsx", "Priya Varga", "--hosted", "6/5/2027")
    run("withdraw", "pairs.xlsx", who, "--reason", reason)


def test_a_finished_withdrawn_pairs_unreadable_cell_is_warned_of_with_its_certificate(
        run: Runner, tmp_path: Path) -> None:
    """The Withdrawn sheet's finished pair comes to 'render' for its certificates: a cell of
    its row that cannot be read is warned of, as the Pairs sheet's are (its warnings were
    gathered before the pair was added, so nothing was said)."""
    _finished_then_withdrawn(run, tmp_path, "Leon Ince", "illness")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Withdrawn"]
    headers = [cell.value for cell in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1)
               if "Priya Varga" in str(sheet.cell(r, headers.index("B name") + 1).value) or
               "Priya Varga" in str(sheet.cell(r, headers.index("A name") + 1).value))
    column = headers.index("Reflection from B") + 1
    sheet.cell(row, column).value = "maybe"
    book.save(tmp_path / "pairs.xlsx")
    cell = f"Withdrawn!{openpyxl.utils.get_column_letter(column)}{row}"
    said = " ".join(run("render", "certificate", "--pairs", "pairs.xlsx", "-o", "c",
                        "--format", "md").output.split())
    assert f"{cell}: 'maybe' is not yes or no" in said
    assert {p.stem for p in (tmp_path / "c" / "certificate").glob("*.md")} == \
        {"priya-varga", "leon-ince-with-priya-varga"}


def test_one_hour_of_cpd_is_not_one_hours(run: Runner, tmp_path: Path) -> None:
    """With cpd_hours = 1 the certificate, its covering note, the call to action and the
    business case all said "1 hours"."""
    scheme = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    (tmp_path / "scheme.toml").write_text(scheme.replace("cpd_hours = 8", "cpd_hours = 1"),
                                          encoding="utf-8")
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path)
    run("pair", "volunteers.xlsx")
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027")
    run("visit", "pairs.xlsx", "Chidi Zielinski", "--hosted", "5/5/2027")
    for name in ("certificate", "certificate-email"):
        run("render", name, "--pairs", "pairs.xlsx", "-o", "d", "--format", "md")
    for name in ("call-to-action", "business-case"):
        run("render", name, "-o", "d", "--format", "md")
    letters = list((tmp_path / "d").rglob("*.md"))
    assert len(letters) > 4
    for letter in letters:
        text = " ".join(letter.read_text(encoding="utf-8").replace("**", "").split())
        assert "1 hours" not in text and "1 hour" in text, letter.name


def test_a_scheme_without_doctors_is_not_offered_doctors_arrangements(run: Runner,
                                                                       tmp_path: Path) -> None:
    """A practice nurse and district nurse exchange: the business case told sponsors the half
    days "may count as supporting professional activity" for hospital consultants, offered
    "Hospital clinicians use supporting professional activity time" as funding, and the
    planning checklist suggested the Local Medical Committee and the RCGP as sponsors."""
    scheme = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    scheme = scheme.replace('professions = ["GP", "Practice nurse", "ANP", "Practice pharmacist"]',
                            'professions = ["Practice nurse"]')
    scheme = scheme.replace('professions = ["Consultant", "Registrar", "Ward nurse", '
                            '"Hospital pharmacist"]', 'professions = ["District nurse"]')
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    for name in ("business-case", "event-planning"):
        run("render", name, "-o", "d", "--format", "md", "--allow-placeholders")
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split())
                    for p in (tmp_path / "d").glob("*.md"))
    for medical in ("supporting professional activity", "consultants", "Medical Committee",
                    "General Practitioners"):
        assert medical not in text, medical
    assert "locums, receive backfill" in text  # nurses are clinicians, locums among them
    # a scheme with doctors still offers them
    (tmp_path / "gp").mkdir()
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "gp")
    for name in ("business-case", "event-planning"):
        Runner(tmp_path / "gp")("render", name, "-o", "d", "--format", "md")
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split())
                    for p in (tmp_path / "gp" / "d").glob("*.md"))
    assert "Hospital clinicians use supporting professional activity time" in text
    assert "Local Medical Committee" in text


def test_a_finished_exchange_on_both_sheets_earns_one_certificate(
        run: Runner, tmp_path: Path) -> None:
    """A withdrawal typed by mistake, undone by copying the row back to the Pairs sheet (the
    Withdrawn row left): the exchange was read from both sheets, so each of the two had two
    certificates (leon-ince.md and leon-ince-2.md) and two e-mails."""
    import openpyxl

    _finished_then_withdrawn(run, tmp_path, "Priya Varga", "typed by mistake")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    gone, pairs = book["Withdrawn"], book["Pairs"]
    titles = [c.value for c in gone[1]]
    below = pairs.max_row + 1
    for column, title in enumerate((c.value for c in pairs[1]), start=1):
        pairs.cell(below, column).value = gone.cell(2, titles.index(title) + 1).value
    book.save(tmp_path / "pairs.xlsx")
    run("render", "certificate", "--pairs", "pairs.xlsx", "-o", "c", "--format", "md")
    assert {p.stem for p in (tmp_path / "c" / "certificate").glob("*.md")} == \
        {"priya-varga", "leon-ince-with-priya-varga"}


@pytest.mark.parametrize("profession,regulator", [
    ("Practice nurse", "Nursing and Midwifery"), ("Midwife", "Nursing and Midwifery"),
    ("Pharmacy technician", "Pharmaceutical"), ("Physiotherapist", "Health and Care"),
    ("Consultant", "General Medical"), ("GP", "General Medical"),
    ("Nurse consultant", "Nursing and Midwifery"), ("Receptionist", ""), ("Ward clerk", ""),
    ("Practice manager", ""),
    # a word of a regulated title inside an unregulated one is not the regulated role
    ("GP receptionist", ""), ("Consultant secretary", ""), ("Consultant's PA", ""),
    ("IT specialist", ""), ("Pharmacy assistant", ""), ("Healthcare assistant", ""),
    ("Student nurse", ""), ("Nursery nurse", ""), ("Dental receptionist", ""),
    # and the regulated ones still are, each by its own regulator
    ("Dental nurse", "General Dental"), ("Dental hygienist", "General Dental"),
    ("Specialty doctor", "General Medical"), ("Consultant physician", "General Medical"),
    ("GPs", "General Medical"), ("Clinical nurse specialist", "Nursing and Midwifery"),
    ("Advanced Nurse Practitioner (ANP)", "Nursing and Midwifery"),
    ("Ward sister", "Nursing and Midwifery"),
    # not on a register yet, or on none these letters name; doctors in training are on it
    ("Trainee pharmacist", ""), ("Pre-registration pharmacist", ""),
    ("Pharmacy dispenser", ""), ("Trainee nursing associate", ""),
    ("Trainee dental nurse", ""), ("Veterinary nurse", ""),
    ("GP trainee", "General Medical"), ("Foundation doctor", "General Medical"),
    ("Psychological wellbeing practitioner", ""), ("Physiotherapy technician", ""),
    ("Occupational therapy technician", ""), ("Radiography helper", ""),
    ("Management consultant", ""), ("Dental technician", "General Dental"),
    # a consultant or registrar grade in another profession is not a doctor
    ("Consultant clinical scientist", "Health and Care"), ("Consultant sonographer", ""),
    ("Consultant practitioner", ""), ("Consultant embryologist", ""),
    ("Consultant clinical perfusionist", ""), ("Consultant radiologist", "General Medical"),
    ("Consultant psychiatrist", "General Medical"), ("Registrar", "General Medical"),
    ("Consultant orthodontist", "General Dental"), ("Orthodontist", "General Dental"),
    ("Specialty registrar in orthodontics", "General Dental"),
    ("General practitioner", "General Medical")])
def test_each_profession_is_given_its_regulators_code(profession: str, regulator: str) -> None:
    from wessex_cli.documents import code_of_conduct

    found = code_of_conduct(profession)
    assert (regulator in found) if regulator else found == ""


def test_a_question_stays_on_the_page_of_its_box(run: Runner, tmp_path: Path) -> None:
    """In the findings and monitoring forms a question ended page 1 and its box began page
    2: each paragraph before a box now keeps with it, and no box splits across pages."""
    from docx.oxml.ns import qn

    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    for name in ("event-findings", "equality-form"):
        run("render", name, "-o", "forms", "--force")
        body = docx.Document(str(tmp_path / "forms" / f"{name}.docx")).element.body
        children = list(body)
        tables = [n for n, child in enumerate(children) if child.tag == qn("w:tbl")]
        assert tables, name
        for at in tables:
            before = children[at - 1]
            assert before.tag == qn("w:p")
            assert before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, name
            assert children[at].find(f".//{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
