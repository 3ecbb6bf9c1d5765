"""A fictional scheme from ``wessex init`` to the certificates, with "today" pinned as the
timeline moves on, checking what each document SAYS against the record at that moment:
who is addressed, which visits are named as owed, the dates and the attachments.

Expected sentences are written by hand from issue 12; the weekdays were looked up in a
calendar for 2027.
"""

from __future__ import annotations

import io
import json
import shutil
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import openpyxl
import pytest

from .conftest import Runner

SETTINGS = {
    'name = "Workplace Exchange"': 'name = "Northmoor Exchange 2027"',
    'name = "Scheme administrator"': 'name = "Robin Fairweather"',
    'email = "exchange.admin@example.org"': 'email = "northmoor.exchange@nhs.net"',
    "# [[leads]]\n# name = \"Dr A. Lead\"": "[[leads]]\nname = \"Dr Helena Marsh\"",
    '# role = "GP lead"': 'role = "GP lead"',
    "# start = 2027-04-12": "start = 2027-04-19",
    "# end = 2027-07-12": "end = 2027-07-19",
    "# date = 2027-07-22": "date = 2027-07-29",
    'venue = "to be confirmed"': 'venue = "The Atrium, Northmoor Postgraduate Centre"',
    'organisation = ""              # who runs this side':
        'organisation = "Northmoor Integrated Care Board"  # who runs this side',
    'organisation = ""              # e.g.': 'organisation = "Northmoor Hospitals NHS Trust"  #',
}

PEOPLE = [  # typed as a busy administrator would: mixed case, stray dots
    ("Dr. Amara Pell", "amara.pell@nhs.net", "gp", "Pellbrook Surgery", "Dr Rosa Quill"),
    ("Dr Jonah Fisk", "jonah.fisk@nhs.net", "GP", "Fiskwater Practice", "Prof Idris Vell"),
    ("dr Siân Ó Briain", "sian.obriain@nhs.net", "GP", "Quayside Surgery", "Dr Maud Kestrel"),
    ("Dr Tomas Reyne", "tomas.reyne@nhs.net", "Gp", "Reyne Lane Surgery", ""),
    ("Dr Rosa Quill", "rosa.quill@nhs.net", "consultant", "Northmoor Hospital - Cardiology",
     ""),
    ("Prof Idris Vell", "idris.vell@nhs.net", "Consultant", "Northmoor Hospital - Renal", ""),
    ("Dr Maud Kestrel", "maud.kestrel@nhs.net", "Consultant",
     "Northmoor Hospital - Respiratory", ""),
]


def mail(folder: Path) -> dict[str, dict[str, object]]:
    """Every .eml under ``folder`` by recipient: subject, plain text, attachment names."""
    found: dict[str, dict[str, object]] = {}
    for path in sorted(folder.rglob("*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        body = message.get_body(("plain",))
        assert body is not None
        to = message["To"].addresses[0]
        found[to.addr_spec] = {
            "to": to.display_name, "subject": str(message["Subject"]),
            "text": " ".join(body.get_content().split()),
            "attached": {p.get_filename() for p in message.iter_attachments()}}
    return found


def test_a_scheme_from_init_to_certificates(run: Runner, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def on(day: str) -> None:
        monkeypatch.setenv("WESSEX_TODAY", day)

    # Recruitment. init writes a scheme.toml whose placeholders no letter may carry.
    on("2027-03-08")
    run("init")
    book = openpyxl.load_workbook(tmp_path / "volunteers.xlsx")
    sheet = book["Volunteers"]
    column = {cell.value: cell.column for cell in sheet[1]}
    for row, (name, email, profession, organisation, choice) in enumerate(PEOPLE, start=2):
        for header, value in (("Name", name), ("Email", email), ("Profession", profession),
                              ("Organisation", organisation), ("Preference 1", choice)):
            sheet.cell(row, column[header], value or None)
    book.save(tmp_path / "volunteers.xlsx")
    early = " ".join(run("check", "volunteers.xlsx").output.split())
    assert "administrator.name" in early and "call-to-action" in early
    # the lines are there, as init wrote them: what is wrong is that they are its examples
    assert "scheme.toml still has init's example administrator's name ('Scheme " \
        "administrator') (administrator.name), which call-to-action" in early
    refused = " ".join(run("render", "call-to-action", code=1).output.split())
    assert "the administrator's name (administrator.name) is still init's example 'Scheme " \
        "administrator': write yours under [administrator]: name = \"Your Name\"" in refused
    assert not (tmp_path / "documents").exists()

    toml = (tmp_path / "scheme.toml").read_text()
    for old, new in SETTINGS.items():
        assert old in toml, old
        toml = toml.replace(old, new)
    (tmp_path / "scheme.toml").write_text(toml)
    assert "scheme.toml" not in run("check", "volunteers.xlsx").output  # nothing missing now

    plan = {m["name"]: m["date"] for m in json.loads(run("plan", "--json").stdout)["milestones"]}
    assert plan["celebration"] == "2027-07-29" and plan["end"] == "2027-07-19"

    # The call to action, one per profession, each with the monitoring form it promises.
    for profession in ("gp", "Consultant"):
        run("render", "call-to-action", "--profession", profession, "-o", "cta")
    calls = {p.name for p in (tmp_path / "cta").glob("*.eml")}
    assert calls == {"call-to-action-gp.eml", "call-to-action-consultant.eml"}
    for call in mail(tmp_path / "cta").values():
        assert call["attached"] == {"equality-form.docx"}
    assert any(str(c["subject"]).startswith("GP volunteers wanted")
               for c in mail(tmp_path / "cta").values())

    # Preferences: every volunteer, the list grouped by canonical profession once.
    on("2027-04-01")
    run("render", "preferences-request", "--volunteers", "volunteers.xlsx", "-o", "prefs")
    prefs = mail(tmp_path / "prefs")
    assert set(prefs) == {email for _, email, *_ in PEOPLE}
    text = str(prefs["amara.pell@nhs.net"]["text"])
    assert "GP (4):" in text and "Consultant (3):" in text
    assert "gp (" not in text and "Gp (" not in text and "Dr. " not in text
    assert "Dr Siân Ó Briain" in text and "dr Siân" not in text  # "dr" as "Dr"
    assert "Dr Amara Pell" in text
    assert "Dr Amara Pell" == prefs["amara.pell@nhs.net"]["to"]

    # Pairing and introductions.
    on("2027-04-12")
    run("pair", "volunteers.xlsx")
    intro = tmp_path / "intro"
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", str(intro))
    letters = mail(intro)
    assert set(letters) == {e for _, e, *_ in PEOPLE} - {"tomas.reyne@nhs.net"}  # unpaired
    amara = letters["amara.pell@nhs.net"]
    assert str(amara["subject"]).endswith("meet your exchange partner, Dr Rosa Quill")
    assert "Monday 19 July 2027" in str(amara["text"])
    assert "Thursday 29 July 2027" in str(amara["text"])
    assert amara["attached"] == {"reflection.docx", "patient-notice.docx"}  # hosts in a surgery
    assert letters["rosa.quill@nhs.net"]["attached"] == {"reflection.docx"}

    # Visits, some done, some planned.
    on("2027-05-20")
    run("visit", "pairs.xlsx", "Amara Pell", "--hosted", "4/5/2027")
    run("visit", "pairs.xlsx", "Rosa Quill", "--planned", "10/6/2027")
    run("visit", "pairs.xlsx", "Jonah Fisk", "--planned", "12/5/2027", "--force")  # now past
    run("remind", "pairs.xlsx", "-o", "r1")
    chased = mail(tmp_path / "r1")
    # Amara and Rosa: one visit done, the other arranged for a date to come: left alone.
    assert set(chased) == {"jonah.fisk@nhs.net", "idris.vell@nhs.net", "sian.obriain@nhs.net",
                           "maud.kestrel@nhs.net"}
    jonah = str(chased["jonah.fisk@nhs.net"]["text"])
    assert ("you planned to host Idris on Wednesday 12 May 2027, but we have no record yet "
            "that it went ahead, and you have not yet visited their workplace.") in jonah
    assert "for the half day when you visit them, to take place by Monday 19 July 2027" in jonah
    idris = str(chased["idris.vell@nhs.net"]["text"])
    assert ("you planned to visit Jonah's workplace on Wednesday 12 May 2027, but we have no "
            "record yet that it went ahead, and you have not yet hosted them at your "
            "workplace.") in idris
    sian = str(chased["sian.obriain@nhs.net"]["text"])
    assert "neither of your two half days with Maud has taken place yet" in sian
    assert "about your exchange with Dr Maud Kestrel." in sian
    assert chased["sian.obriain@nhs.net"]["to"] == "Dr Siân Ó Briain"
    assert str(chased["maud.kestrel@nhs.net"]["subject"]).startswith("Reminder:")

    # A drop-out, and the partner paired again with the volunteer who was left over.
    on("2027-05-25")
    run("withdraw", "pairs.xlsx", "Siân Ó Briain", "--reason", "moved away")
    book = openpyxl.load_workbook(tmp_path / "volunteers.xlsx")
    book["Volunteers"].cell(4, column["Status"], "withdrawn")
    book.save(tmp_path / "volunteers.xlsx")
    run("pair", "volunteers.xlsx", "--keep", "pairs.xlsx")
    run("remind", "pairs.xlsx", "-o", "r2")
    chased = mail(tmp_path / "r2")
    assert "sian.obriain@nhs.net" not in chased
    assert ("neither of your two half days with Tomas has taken place yet"
            in str(chased["maud.kestrel@nhs.net"]["text"]))

    # The rest of the visits, then a reminder after the end date asking what happened.
    on("2027-07-02")
    run("visit", "pairs.xlsx", "Jonah Fisk", "--hosted", "12/5/2027")
    run("visit", "pairs.xlsx", "Idris Vell", "--hosted", "2/6/2027")
    run("visit", "pairs.xlsx", "Rosa Quill", "--hosted", "10/6/2027")
    run("visit", "pairs.xlsx", "Tomas Reyne", "--hosted", "1/7/2027")
    on("2027-07-26")
    result = run("remind", "pairs.xlsx", "-o", "r3")
    assert "the end date has passed: they are asked what happened" in result.stdout
    late = mail(tmp_path / "r3")
    assert set(late) == {"tomas.reyne@nhs.net", "maud.kestrel@nhs.net"}
    tomas = late["tomas.reyne@nhs.net"]
    assert str(tomas["subject"]).startswith("Overdue:")
    assert str(tomas["text"]).startswith("Dear Tomas, Your exchange with Dr Maud Kestrel in ")
    assert ("you hosted Maud on Thursday 1 July 2027. You have not yet visited "
            "their workplace.") in str(tomas["text"])
    assert ("The exchange period ended on Monday 19 July 2027. If you did visit Maud's "
            "workplace, please reply with the date so that we can record it; if not, please "
            "tell us whether that half day can still happen, and when, or whether it will not "
            "go ahead.") in " ".join(str(tomas["text"]).split())
    maud = str(late["maud.kestrel@nhs.net"]["text"])
    assert ("you visited Tomas's workplace on Thursday 1 July 2027. You have not yet "
            "hosted them at your workplace.") in maud

    # The celebration: the same date as the plan, to every active volunteer.
    run("render", "celebration-invite", "--volunteers", "volunteers.xlsx", "-o", "party")
    invites = mail(tmp_path / "party")
    assert "sian.obriain@nhs.net" not in invites and len(invites) == 6
    for invite in invites.values():
        assert "Thursday 29 July 2027" in str(invite["subject"])
        assert "The Atrium, Northmoor Postgraduate Centre" in str(invite["text"])

    # Certificates only for the two pairs whose visits are both done, with their dates.
    on("2027-08-02")
    run("render", "certificate", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "certs")
    certificates = {p.stem: " ".join(p.read_text().split())
                    for p in (tmp_path / "certs" / "certificate").glob("*.txt")}
    assert set(certificates) == {"amara-pell", "rosa-quill", "jonah-fisk", "idris-vell"}
    amara_text = certificates["amara-pell"]
    assert "Dr Amara Pell" in amara_text and "GP, Pellbrook Surgery" in amara_text
    assert "hosted Dr Quill for half a day on Tuesday 4 May 2027" in amara_text
    assert "Dr Quill's workplace on Thursday 10 June 2027" in amara_text
    assert "Date of issue: Monday 2 August 2027" in amara_text
    assert "Signed" in amara_text and "Dr Helena Marsh, GP lead" in amara_text

    # ... and to send them, a short e-mail to each of the four with their own certificate.
    run("render", "certificate-email", "--pairs", "pairs.xlsx", "-o", "sent")
    sent = mail(tmp_path / "sent")
    assert set(sent) == {"amara.pell@nhs.net", "rosa.quill@nhs.net", "jonah.fisk@nhs.net",
                         "idris.vell@nhs.net"}
    amara = sent["amara.pell@nhs.net"]
    assert amara["attached"] == {"certificate-amara-pell-with-rosa-quill.docx"}
    assert str(amara["subject"]).endswith(
        ": your certificate for the exchange with Dr Rosa Quill")
    assert str(amara["text"]).startswith("Dear Amara, Thank you for taking part in")
    assert "both of your half days with Dr Rosa Quill have taken place" in str(amara["text"])
    assert "attached to this e-mail as a Word document" in str(amara["text"])
    (eml,) = (tmp_path / "sent" / "certificate-email").glob("amara-pell.eml")
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    (attachment,) = message.iter_attachments()
    words = " ".join(p.text for p in docx.Document(io.BytesIO(attachment.get_content()))
                     .paragraphs)
    assert "This is to certify that Dr Amara Pell GP, Pellbrook Surgery" in words
    assert "on Tuesday 4 May 2027" in words and "on Thursday 10 June 2027" in words
    # sent by e-mail, it names who issues it, with no blank line to sign
    assert "Signed" not in words and "Issued for the scheme by Dr Helena Marsh (GP lead)" in words
    shutil.rmtree(tmp_path / "documents", ignore_errors=True)
