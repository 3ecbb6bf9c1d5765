"""Fixes to wording found by an administrator trying the tool: reminder sentences, import
suggestions, anonymised surnames, withdrawn pairs in the report, and files given to check."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wessex_cli.documents import Rendered, load_template, recipients, render_all
from wessex_cli.feedback import Anonymiser
from wessex_cli.model import PairRecord, Person
from wessex_cli.scheme import Celebration, Contact, Scheme
from wessex_cli.wording import VisitView, next_steps, situation

from .conftest import EXAMPLES, Runner, person, write_book

# ---------------------------------------------------------------- 1. reminder wording

SCHEME = Scheme(name="Northmoor Exchange",
                administrator=Contact("Robin Fairweather", "northmoor.exchange@nhs.net"),
                start=dt.date(2027, 4, 19), end=dt.date(2027, 7, 19),
                celebration=Celebration(date=dt.date(2027, 7, 29), venue="The Atrium"),
                given=frozenset({"celebration.time"}))
BEN = Person("Dr Ben Aldous", "ben.aldous@nhs.net", profession="GP", side="primary",
             organisation="Moorside Surgery")
ROSA = Person("Dr Rosa Quill", "rosa.quill@nhs.net", profession="Consultant", side="secondary",
              organisation="Northmoor Hospital")
BEFORE_END = dt.date(2027, 6, 1)
AFTER_END = dt.date(2027, 8, 2)
STATES = ("owed", "planned", "unconfirmed", "done")


def visit(state: str, now: dt.date, offset: int) -> tuple[bool, dt.date | None]:
    """(done, date) giving ``state`` on ``now``; ``offset`` keeps the two visits' dates apart."""
    return {
        "owed": (False, None),
        "planned": (False, now + dt.timedelta(days=10 + offset)),
        "unconfirmed": (False, now - dt.timedelta(days=10 + offset)),
        "done": (True, now - dt.timedelta(days=20 + offset)),
    }[state]


def reminders(ben_hosts: str, rosa_hosts: str, now: dt.date) -> dict[str, Rendered]:
    (d0, t0), (d1, t1) = visit(ben_hosts, now, 0), visit(rosa_hosts, now, 3)
    template = load_template("reminder", SCHEME)
    people = recipients(template, SCHEME, pairs=[PairRecord.with_visits("P1", BEN, ROSA, (d0, d1),
                                                                        (t0, t1))], now=now)
    return {r.recipient.email: r for r, _ in render_all(template, people, "md", SCHEME)}


def flat(text: str) -> str:
    return " ".join(text.replace("\\", "").replace("*", "").split())


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=\.) (?=[A-Z])", text) if s]


DONE_CLAUSE = re.compile(r"\byou (hosted|visited)\b")


def check_sentences(text: str, partner: str) -> None:
    assert partner in text, text
    assert text.endswith("."), text
    for sentence in sentences(text):
        assert sentence.endswith("."), sentence
        assert sentence[0].isupper(), sentence
        assert sentence.count(" but ") <= 1, sentence
        if " but " in sentence:
            assert not DONE_CLAUSE.search(sentence), sentence  # done joined to missing


@pytest.mark.parametrize("hosting,visiting", list(itertools.product(STATES, STATES)))
@pytest.mark.parametrize("now", [BEFORE_END, AFTER_END])
def test_every_combination_reads_as_english(hosting: str, visiting: str, now: dt.date) -> None:
    h_done, h_date = visit(hosting, now, 0)
    v_done, v_date = visit(visiting, now, 3)
    host = VisitView("host", hosting, h_date)
    away = VisitView("visit", visiting, v_date)
    text = situation(host, away, "Dr Rosa Quill")
    check_sentences(text, "Dr Rosa Quill")
    assert text.startswith("Our records show that ")
    for step in next_steps(host, away, "Dr Rosa Quill", SCHEME.end, now > SCHEME.end):
        # after the end date a half day owed is asked about, not arranged: it names the
        # partner too ("If you did host Dr Rosa Quill, please reply with the date")
        asked = "agree" in step or "contact" in step or "we can record it" in step
        check_sentences(step, "Dr Rosa Quill" if asked
                        else "after the exchange period" if "go ahead then" in step
                        else "as planned")
    # And the same through the rendered reminder, when one is sent at all.
    found = reminders(hosting, visiting, now)
    chased = {"owed", "unconfirmed"}
    assert ("ben.aldous@nhs.net" in found) == bool({hosting, visiting} & chased)
    # The letter names the partner in full once, at the start; its sentences about the
    # visits then use their first name, as "You can reach Rosa at" does.
    for email, partner, formal in (("ben.aldous@nhs.net", "Dr Rosa Quill", "Rosa"),
                                   ("rosa.quill@nhs.net", "Dr Ben Aldous", "Ben")):
        if email in found:
            body = flat(found[email].markdown)
            assert f"exchange with {partner}" in body[:body.index("Our records show")]
            paragraph = body[body.index("Our records show"):body.index(" You can reach")]
            check_sentences(paragraph, formal)
            assert partner not in paragraph
            assert ", but you" not in paragraph and ", and but" not in paragraph


def test_the_administrators_case_one_visit_done_the_other_unconfirmed() -> None:
    # Ben was hosted by Rosa on 1 June (done); he planned to host her on 30 June (passed).
    host = VisitView("host", "unconfirmed", dt.date(2027, 6, 30))
    away = VisitView("visit", "done", dt.date(2027, 6, 1))
    assert situation(host, away, "Rosa") == (
        "Our records show that you visited Rosa's workplace on Tuesday 1 June 2027. "
        "You planned to host them on Wednesday 30 June 2027, but we have no record yet that it "
        "went ahead.")
    # after the end date, and nothing owed: the letter still says first that it has ended
    assert next_steps(host, away, "Rosa", SCHEME.end, True) == [
        "The exchange period ended on Monday 19 July 2027. If you hosted them on Wednesday 30 "
        "June 2027 as planned, please reply to say so and we will update the record; if not, "
        "please tell us whether that half day can still happen, and when, or whether it will "
        "not go ahead."]


def test_overdue_with_one_half_day_owed_and_one_unconfirmed_asks_once() -> None:
    """After the end date, Zainab still owes her visit and never confirmed hosting: one
    question about what happened, not the same question twice, and no request to arrange
    visits as if the period had not ended."""
    host = VisitView("host", "unconfirmed", dt.date(2027, 6, 30))
    away = VisitView("visit", "owed", None)
    steps = next_steps(host, away, "Leon", SCHEME.end, True)
    assert steps == [
        "The exchange period ended on Monday 19 July 2027. If you did visit Leon's "
        "workplace, please reply with the date so that we can record it; if not, please tell "
        "us whether that half day can still happen, and when, or whether it will not go "
        "ahead.",
        "If you hosted them on Wednesday 30 June 2027 as planned, please reply to say so and "
        "we will update the record; if not, please tell us in the same reply whether that "
        "half day can still happen."]
    assert " ".join(steps).count("ended") == 1 and "arrange" not in " ".join(steps)


def test_hand_written_sentences_for_other_combinations() -> None:
    done = VisitView("host", "done", dt.date(2027, 5, 4))
    owed = VisitView("visit", "owed", None)
    assert situation(done, owed, "Rosa") == (
        "Our records show that you hosted Rosa on Tuesday 4 May 2027. You have not "
        "yet visited their workplace.")
    host_planned = VisitView("host", "unconfirmed", dt.date(2027, 5, 4))
    visit_planned = VisitView("visit", "unconfirmed", dt.date(2027, 5, 18))
    both = situation(host_planned, visit_planned, "Rosa")
    assert both == ("Our records show that you planned to host Rosa on Tuesday 4 May "
                    "2027 and to visit their workplace on Tuesday 18 May 2027, but we have no "
                    "record yet that either half day went ahead.")
    # two half days to confirm: one request, not the same paragraph twice
    assert next_steps(host_planned, visit_planned, "Rosa", SCHEME.end, False) == [
        "If either half day went ahead as planned (hosting them on Tuesday 4 May 2027, "
        "visiting them on Tuesday 18 May 2027), please reply to tell us which, and we will "
        "update the record; for any that did not, please agree a new date with Rosa, to take place "
        "by Monday 19 July 2027, when the exchange period ends."]
    neither = situation(VisitView("host", "owed", None), VisitView("visit", "owed", None), "Rosa")
    assert neither == ("Our records show that neither of your two half days with Rosa has "
                       "taken place yet: you are still to host Rosa at your workplace, and to "
                       "spend half a day at theirs.")
    planned = situation(VisitView("host", "owed", None),
                        VisitView("visit", "planned", dt.date(2027, 6, 15)), "Rosa")
    assert planned == ("Our records show that you are due to visit Rosa's workplace "
                       "on Tuesday 15 June 2027. You have not yet hosted them at your "
                       "workplace.")


# ---------------------------------------------------------------- 2. import suggests as check does

def _survey(path: Path, email: str, first: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["Email", "Name", "First choice"])
    sheet.append([email, "", first])
    book.save(path)


def _hints(text: str) -> list[str]:
    return re.findall(r"Did you mean '([^']*)'", " ".join(text.replace("│", " ").split()))


@pytest.mark.parametrize("typed", ["Dr Noor Kerigan", "noor kerigan", "Kerigan"])
def test_import_and_check_suggest_the_same_colleague(run: Runner, tmp_path: Path,
                                                     typed: str) -> None:
    # The examples list both Dr Noor Kerrigan and Dr Mei Corrigan; a slip in "Kerrigan"
    # is Noor's name, and both commands must say so.
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    _survey(tmp_path / "prefs.xlsx", "amelia.ashworth@nhs.net", typed)
    imported = run("preferences", "import", "prefs.xlsx", "--into", "volunteers.xlsx")
    assert _hints(imported.output) == ["Dr Noor Kerrigan"]
    checked = run("check", "volunteers.xlsx", code=None)
    assert _hints(checked.output) == ["Dr Noor Kerrigan"]


# ---------------------------------------------------------------- 3. particles of surnames

SURNAMES = [("Siân", "Ó Briain"), ("Pieter", "van der Berg"), ("Ana", "de la Cruz"),
            ("Aoife", "Mac Giolla Phádraig"), ("Rhodri", "ap Gwilym"), ("Yusra", "bin Haziq"),
            ("Klara", "von Essen"), ("Inês", "da Silva"), ("Orlaith", "Ní Bhriain"),
            ("Ewan", "Mc Lachlainn")]
ACCENTS = str.maketrans("ÓóáâêéíÁ", "OoaaeeiA")


@given(person=st.sampled_from(SURNAMES),
       spelling=st.sampled_from([str, str.upper, str.lower, str.title,
                                 lambda s: s.translate(ACCENTS)]),
       title=st.sampled_from(["", "Dr ", "dr. ", "Prof "]),
       first=st.booleans())
@settings(max_examples=150, deadline=None)
def test_a_surname_with_particles_becomes_one_name_mark(
        person: tuple[str, str], spelling: Callable[[str], str], title: str,
        first: bool) -> None:
    given_name, family = person
    anonymise = Anonymiser([f"Dr {given_name} {family}"])
    written = spelling(f"{given_name} {family}" if first else family)
    assert anonymise(f"Thanks to {title}{written}, who was kind.") == \
        "Thanks to [name], who was kind."
    assert anonymise(f"{title}{written} was kind") == "[name] was kind"


@pytest.mark.parametrize("quote,expected", [
    ("Dr Ó Briain", "[name]"),
    ("O Briain was kind", "[name] was kind"),
    ("ó briain's clinic was busy", "[name]'s clinic was busy"),
    ("We met Van Der Berg and de la Cruz.", "We met [name] and [name]."),
    # A particle alone is an ordinary word, not a name.
    ("The van arrived late; de facto we waited.", "The van arrived late; de facto we waited."),
])
def test_particles_in_quotes(quote: str, expected: str) -> None:
    anonymise = Anonymiser(["Dr Siân Ó Briain", "Pieter van der Berg", "Ana de la Cruz"])
    assert anonymise(quote) == expected


def test_a_short_surname_that_looks_like_a_particle_is_still_removed() -> None:
    assert Anonymiser(["Dr Mei Le"])("Dr Le said so; Le agreed") == "[name] said so; [name] agreed"


# ---------------------------------------------------------------- 4. withdrawn pairs' visits

def _done_visits(path: Path) -> tuple[int, int]:
    """(done on the Pairs sheet, done on the Withdrawn sheet), counted from the cells."""
    book = openpyxl.load_workbook(path)
    counts = []
    for name in ("Pairs", "Withdrawn"):
        if name not in book.sheetnames:
            counts.append(0)
            continue
        rows = list(book[name].iter_rows(values_only=True))
        header = list(rows[0])
        cols = [header.index("A hosts B: done"), header.index("B hosts A: done")]
        counts.append(sum(1 for r in rows[1:] for c in cols
                          if str(r[c] or "").strip().lower() == "yes"))
    return counts[0], counts[1]


def test_visits_of_a_pair_that_withdrew_are_counted_and_named(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wessex_cli.report import build_report
    from wessex_cli.scheme import load_scheme

    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-10")
    run("pair", "volunteers.xlsx")
    run("visit", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga", "--hosted", "1/6/2027")
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--hosted", "2/6/2027")
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--hosted", "3/6/2027")
    pairs = len(list(openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"].iter_rows())) - 1
    scheme = load_scheme(tmp_path / "scheme.toml")
    before = build_report(tmp_path / "pairs.xlsx", scheme).figures
    assert (before.visits_done, before.visits_total) == (3, 2 * pairs)

    run("withdraw", "pairs.xlsx", "Leon Ince", "--partner", "Priya Varga")
    assert _done_visits(tmp_path / "pairs.xlsx") == (2, 1)  # the record itself
    after = build_report(tmp_path / "pairs.xlsx", scheme).figures
    # Three visits happened: two by pairs still running, one by the pair that withdrew;
    # the withdrawn pair's other visit is owed by nobody.
    assert after.visits_done == 3
    assert after.visits_done_withdrawn == 1
    assert after.visits_total == 2 * (pairs - 1) + 1
    run("report", "pairs.xlsx", "-o", "report.html")
    page = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "report.html").read_text()).split())
    assert f"3 of {2 * (pairs - 1) + 1}, including 1 by a pair that later withdrew" in page
    assert (f"3 of {2 * (pairs - 1) + 1} half-day visits were completed, including 1 by a "
            "pair that later withdrew") in page



def test_visits_all_on_one_day_name_that_day_once(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's visits sentence named the day of the first and of the last visit even
    when they were the same visit ('the first on 12 May 2027 and the last on 12 May 2027')."""
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    run("pair", "volunteers.xlsx")

    def sentence() -> str:
        run("report", "pairs.xlsx", "-o", "report.html", "--force")
        page = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "report.html").read_text()).split())
        return page.split("half-day visits", 1)[1].split(" pairs did both")[0]

    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "12/5/2027")
    assert sentence() == " was completed, on 12 May 2027. 0 of 30"
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--hosted", "12/5/2027")
    assert sentence() == " were completed, all on 12 May 2027. 0 of 30"
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    book["Pairs"]["V4"].value = "yes"  # P003: a half day done, its date not typed in
    book.save(tmp_path / "pairs.xlsx")
    assert sentence() == " were completed, every dated one on 12 May 2027. 0 of 30"
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--hosted", "13/5/2027")
    assert sentence() == (" were completed, the first on 12 May 2027 and the last on 13 May "
                          "2027. 1 of 30")

# ---------------------------------------------------------------- 5. the wrong file given to check

@pytest.mark.parametrize("command", ["check", "pair"])
def test_the_settings_file_given_as_volunteers_is_named(run: Runner, tmp_path: Path,
                                                        command: str) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    out = " ".join(run(command, "scheme.toml", code=1).output.split())
    assert "settings file" in out and "not a volunteer workbook" in out
    assert "Give the volunteer workbook" in out
    assert "no header row" not in out


def test_the_pairs_workbook_given_to_check_is_named(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    run("pair", "volunteers.xlsx")
    out = " ".join(run("check", "pairs.xlsx", code=1).output.split())
    assert "this is a pairs workbook" in out and "Give the volunteer workbook" in out
    assert "no header row" not in out


def test_a_web_page_given_to_check_is_not_a_spreadsheet(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text("<!DOCTYPE html><p>Report</p>\n", encoding="utf-8")
    out = " ".join(run("check", "report.html", code=1).output.split())
    assert "web page (.html), not a spreadsheet" in out and "no header row" not in out


# ---------------------------------------------------------------- 6. what the README says of .eml

def _message(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    return message


def test_scheme_documents_go_to_the_schemes_mailbox_and_letters_to_people(
        run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    run("pair", "volunteers.xlsx")
    run("render", "call-to-action", "--profession", "GP", "-o", "out")
    run("render", "business-case", "--format", "eml", "-o", "out")
    for name in ("call-to-action-gp.eml", "business-case.eml"):
        message = _message(tmp_path / "out" / name)
        # examples/scheme.toml: the administrator's mailbox is eastshire.exchange@nhs.net
        assert message["To"].addresses[0].addr_spec == "eastshire.exchange@nhs.net"
        assert message["From"].addresses[0].addr_spec == "eastshire.exchange@nhs.net"
    gp = _message(tmp_path / "out" / "call-to-action-gp.eml")
    assert [p.get_filename() for p in gp.iter_attachments()] == ["equality-form.docx"]
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "out")
    amelia = _message(tmp_path / "out" / "partner-introduction" / "amelia-ashworth.eml")
    assert amelia["To"].addresses[0].addr_spec == "amelia.ashworth@nhs.net"
    assert {p.get_filename() for p in amelia.iter_attachments()} == {
        "reflection.docx", "patient-notice.docx"}  # she hosts in a surgery
    chidi = _message(tmp_path / "out" / "partner-introduction" / "chidi-zielinski.eml")
    assert {p.get_filename() for p in chidi.iter_attachments()} == {"reflection.docx"}
    chidi_text = chidi.get_body(("plain",))
    assert chidi_text is not None and "notice" not in chidi_text.get_content()
    # Other formats carry no attachments, and render says what to attach by hand.
    said = " ".join(run("render", "partner-introduction", "--pairs", "pairs.xlsx",
                        "--format", "docx", "-o", "letters").output.split())
    # the two named as a sentence lists them, as the other messages do
    assert "render reflection and patient-notice too and attach them" in said


def test_a_placeholder_draft_has_no_made_up_sender(run: Runner, tmp_path: Path) -> None:
    """No placeholder ever goes out: a draft made with --allow-placeholders and no
    administrator in scheme.toml carries no From, Reply-To or scheme To address (Outlook
    sends it from the account it is opened in), never the made-up default address."""
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Bare exchange"\n',
                                          encoding="utf-8")
    run("render", "equality-form", "--format", "eml", "--allow-placeholders", "-o", "out")
    [eml] = list((tmp_path / "out").rglob("*.eml"))
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert message["From"] is None and message["Reply-To"] is None and message["To"] is None
    assert b"exchange.admin@example.org" not in eml.read_bytes()
    assert message["X-Unsent"] == "1"  # still a draft, for the administrator to address


def test_the_call_to_action_without_a_profession_is_written_for_every_profession(
        run: Runner, tmp_path: Path) -> None:
    """The example scheme recruits GP, practice nurse, ANP and practice pharmacist on one
    side and consultant, registrar, ward nurse and hospital pharmacist on the other: without
    --profession each gets its own call to action, never the GP's alone."""
    run("render", "call-to-action", "--scheme", str(EXAMPLES / "scheme.toml"), "-o", "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"call-to-action-{name}.eml" for name in (
            "gp", "practice-nurse", "anp", "practice-pharmacist", "consultant", "registrar",
            "ward-nurse", "hospital-pharmacist"))
    ward = (tmp_path / "out" / "call-to-action-ward-nurse.eml").read_text("utf-8")
    assert "Subject: Ward nurse volunteers wanted" in ward
    assert "from primary care into their hospital" in " ".join(ward.split())


def test_a_person_with_two_partners_hears_of_both_and_what_was_shared_about_them(
        run: Runner, tmp_path: Path) -> None:
    """Leon offered two places: each introduction names the other partner. Adjustments a
    volunteer asked for go to their partner, and their own letter says what was passed on,
    so nothing about them is shared without their knowing."""
    import dataclasses

    from wessex_cli.documents import load_template, recipients, render_all
    from wessex_cli.model import PairRecord, Person

    from .conftest import COMPLETE_SCHEME

    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    from wessex_cli.scheme import load_scheme

    scheme = load_scheme(tmp_path / "scheme.toml")
    leon = Person("Dr Leon Ince", "leon.ince@nhs.net", profession="Consultant",
                  side="secondary", adjustments="Step-free access needed")
    priya = Person("Dr Priya Varga", "priya.varga@nhs.net", profession="GP", side="primary")
    zainab = dataclasses.replace(priya, name="Dr Zainab Abernethy",
                                 email="zainab.abernethy@nhs.net")
    template = load_template("partner-introduction", scheme)
    people = recipients(template, scheme, pairs=[PairRecord.with_visits("P1", priya, leon),
                                                 PairRecord.with_visits("P2", zainab, leon)])
    letters = {(r.recipient.email, r.recipient.context["partner"]["name"]):
               " ".join(r.markdown.split()) for r, _ in render_all(template, people, "md",
                                                                    scheme)}
    to_leon_about_priya = letters[("leon.ince@nhs.net", "Dr Priya Varga")]
    # no "as you offered": a pair kept beyond capacity, or typed in by hand, was no offer
    assert "You are also paired with Dr Zainab Abernethy, introduced in a letter of its own: " \
        "each pair has its own two half days." in to_leon_about_priya
    assert "You are also paired with Dr Priya Varga, introduced" in \
        letters[("leon.ince@nhs.net", "Dr Zainab Abernethy")]
    assert "offered" not in to_leon_about_priya
    assert "We have passed on to Priya the adjustments you asked for (Step-free access " \
        "needed)" in to_leon_about_priya
    # told as done (the invitation said so), with what to do if they change: not an offer to
    # undo what the partner's letter, sent at the same time, has already said
    assert "If you would rather we had not" not in to_leon_about_priya
    assert "If they have changed, please tell Priya when you arrange the visits." \
        in to_leon_about_priya
    to_priya = letters[("priya.varga@nhs.net", "Dr Leon Ince")]
    assert "Leon has asked for these adjustments" in to_priya and "Step-free" in to_priya
    assert "also paired" not in to_priya and "passed on to" not in to_priya


def test_a_profession_reads_in_lower_case_inside_a_sentence() -> None:
    """"We are looking for ward nurse volunteers", but GP and ANP keep their capitals."""
    from wessex_cli.documents import in_sentence

    assert in_sentence("Ward nurse") == "ward nurse"
    assert in_sentence("Hospital pharmacist") == "hospital pharmacist"
    assert in_sentence("GP") == "GP" and in_sentence("ANP") == "ANP"


def test_a_preferences_request_rendered_after_its_reply_by_date_warns(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example scheme starts on 19 April 2027, so the request asks for replies by 9
    April; rendered on 1 June (today, pinned) that date has passed, and render says so."""
    result = run("render", "preferences-request", "--volunteers",
                 str(EXAMPLES / "volunteers.xlsx"), "--scheme", str(EXAMPLES / "scheme.toml"),
                 "-o", "out")
    said = " ".join(result.output.split())
    assert "ask for a reply by Friday 9 April 2027, which has passed" in said
    monkeypatch.setenv("WESSEX_TODAY", "2027-03-15")  # in good time: nothing to say
    early = run("render", "preferences-request", "--volunteers",
                str(EXAMPLES / "volunteers.xlsx"), "--scheme", str(EXAMPLES / "scheme.toml"),
                "-o", "early")
    assert "has passed" not in early.output


def test_only_a_letter_that_gives_the_reply_by_date_warns_that_it_has_passed(
        run: Runner, tmp_path: Path) -> None:
    """The warning is about the date a letter prints: one that only uses the word
    "deadline" in its text (here, the administrator's own copy of a letter to each
    volunteer) prints no date, so nothing has passed."""
    import shutil

    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "note.md.j2").write_text(
        '+++\ntitle = "A note"\naudience = "volunteer"\nformat = "md"\n+++\n'
        "Dear {{ person.first_name }}, there is no deadline for this.\n", encoding="utf-8")
    result = run("render", "note", "--volunteers", str(EXAMPLES / "volunteers.xlsx"), "-o",
                 "out")
    assert "Wrote" in result.output and "has passed" not in result.output


def test_a_profession_the_scheme_does_not_recruit_is_refused_with_a_suggestion(
        run: Runner, tmp_path: Path) -> None:
    """"nurse" is neither of the example scheme's nurses: no letter is guessed for a side,
    and the nearest professions are named."""
    refused = " ".join(run("render", "call-to-action", "--profession", "nurse", "--scheme",
                           str(EXAMPLES / "scheme.toml"), "-o", "out", code=1).output.split())
    assert "'nurse' is not one of the professions in scheme.toml" in refused
    assert "Practice nurse" in refused and "Ward nurse" in refused
    assert not (tmp_path / "out").exists()
    run("render", "call-to-action", "--profession", "ward NURSE", "--scheme",
        str(EXAMPLES / "scheme.toml"), "-o", "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["call-to-action-ward-nurse.eml"]


def test_the_call_to_action_promises_only_what_the_introduction_then_gives() -> None:
    """The call to action says the introduction letter will say how to plan the visits and
    how confidentiality and the rules for visitors are sorted out; that letter does."""
    scheme = SCHEME
    call = load_template("call-to-action", scheme)
    rendered = render_all(call, recipients(call, scheme), "md", scheme,
                          allow_placeholders=True)
    invitation = flat(rendered[0][0].markdown)
    # to someone not yet paired, "your introduction letter" named a letter they had not
    # heard of, and "no payment ..., but" set it against the payment it has nothing to do with
    assert "There is no payment and no locum cover. Once you are paired, the letter " \
        "introducing your partner will say how to plan the visits." in invitation
    assert "introduction letter" not in invitation and "cover, but" not in invitation
    assert "rules for visitors are sorted out before any visit, as that letter explains" \
        in invitation
    intro = load_template("partner-introduction", scheme)
    people = recipients(intro, scheme, pairs=[PairRecord.with_visits("P1", BEN, ROSA)])
    letter = flat(render_all(intro, people, "md", scheme, allow_placeholders=True)[0][0]
                  .markdown)
    assert "Planning the half days. Agree beforehand what the visitor will see" in letter
    assert "what your organisation asks of a visiting colleague" in letter
    assert "is present with a patient only when the patient agrees" in letter
    assert "the celebration is on Thursday 29 July 2027 at 18:30, in The Atrium." in letter


def test_the_reflection_says_how_to_send_it_without_the_name_it_was_given() -> None:
    """The copy attached to a partner introduction has the person's name filled in, so
    "with or without your name" must say how to take it out; an e-mail names its sender, so
    without an address to post it to, the administrator is asked for another way."""
    template = load_template("reflection", SCHEME)
    text = flat(render_all(template, recipients(template, SCHEME), "md", SCHEME,
                           allow_placeholders=True)[0][0].markdown)
    assert ("You can e-mail it to Robin Fairweather (northmoor.exchange@nhs.net), though an "
            "e-mail shows who sent it. To share it without your name, delete the lines under "
            "About you, then ask Robin Fairweather for a way to return it that does not show "
            "who it is from.") in text
    assert "About you (optional)" in text


def test_the_equality_form_instructions_agree_with_its_questions() -> None:
    """One question (caring) takes several ticks, so "one box for each question" must allow
    it; the answers are used by the exchange's organisers, not one of its organisations."""
    template = load_template("equality-form", SCHEME)
    text = flat(render_all(template, recipients(template, SCHEME), "md", SCHEME,
                           allow_placeholders=True)[0][0].markdown)
    assert "Tick one box for each question, unless it says otherwise." in text
    assert "Caring responsibilities (tick all that apply)" in text
    assert "The organisers of the exchange use the answers only" in text


def test_the_business_case_names_every_profession_the_scheme_recruits(
        run: Runner, tmp_path: Path) -> None:
    # examples/scheme.toml recruits four professions on each side; the case named three
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    run("render", "business-case", "--format", "txt", "-o", "out")
    text = " ".join((tmp_path / "out" / "business-case.txt").read_text(encoding="utf-8").split())
    # in the sentence's own case, as every other letter writes a profession; acronyms kept
    assert "from primary care (GP, practice nurse, ANP, practice pharmacist) and from " \
           "secondary care (consultant, registrar, ward nurse, hospital pharmacist)" in text


def test_the_equality_form_asks_what_its_collection_workbook_records(
        run: Runner, tmp_path: Path) -> None:
    """The tables are broken down by side, so the form asks it; and the workbook's
    ethnicity drop-down offers the backgrounds the form prints, group by group."""
    from wessex_cli.equality import ETHNIC_BACKGROUNDS

    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    run("render", "equality-form", "--format", "md", "-o", "out")
    form = (tmp_path / "out" / "equality-form.md").read_text(encoding="utf-8")
    assert "## Your side of the exchange\n\n☐ Primary care ☐ Secondary care\n" in form
    printed = {}
    for line in form.splitlines():
        if line.startswith("**") and ":**" in line:
            group, boxes = line[2:].split(":**", 1)
            printed[group] = [box.split(":")[0].strip() for box in boxes.split("☐")[1:]]
    assert printed == {group: list(backgrounds)
                       for group, backgrounds in ETHNIC_BACKGROUNDS.items()}


def test_a_visit_planned_after_the_end_is_pointed_out() -> None:
    """A reminder asked for a date 'before 19 July, when the exchange period ends' beside a
    visit planned for 27 July, and never said that the plan fell after the end."""
    late = VisitView("host", "planned", dt.date(2027, 7, 27))
    owed = VisitView("visit", "owed", None)
    assert next_steps(late, owed, "Hamza", dt.date(2027, 7, 19), False) == [
        "Please agree a date with Hamza for the half day when you visit them, to take place by "
        "Monday 19 July 2027, when the exchange period ends.",
        "The half day when you host them is planned for Tuesday 27 July 2027, after the "
        "exchange period ends on Monday 19 July 2027. If you can, please bring it forward; if "
        "not, let us know that it will go ahead then."]
    in_time = VisitView("host", "planned", dt.date(2027, 7, 19))
    assert len(next_steps(in_time, owed, "Hamza", dt.date(2027, 7, 19), False)) == 1


def test_visit_says_when_a_plan_falls_after_the_end(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path)
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    said = " ".join(run("visit", "pairs.xlsx", "Femi Fairbairn", "--planned",
                        "2027-07-27").stdout.split())
    assert "Note: Tuesday 27 July 2027 is after the exchange ends (Monday 19 July 2027)" in said
    said = " ".join(run("visit", "pairs.xlsx", "Femi Fairbairn", "--planned",
                        "2027-07-13").stdout.split())
    assert "after the exchange ends" not in said


def test_a_profession_typed_loosely_is_written_as_the_scheme_spells_it(
        run: Runner, tmp_path: Path) -> None:
    """"gp" and "CONSULTANT " were shown as typed in the pairing table and the pairs
    workbook, so the board report counted "gp" apart from "GP"; the README promises the
    scheme's own spelling. A profession the scheme does not list keeps its words."""
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ann Acre", "ann.acre@example.org", "gp", Organisation="Acre Surgery"),
        person("Dr Bea Bell", "bea.bell@example.org", "GP", Organisation="Bell Surgery"),
        person("Dr Cal Cole", "cal.cole@example.org", "CONSULTANT ", Organisation="Hospital"),
        person("Dr Dee Dunn", "dee.dunn@example.org", "Consultant", Organisation="Hospital")])
    table = run("pair", "v.xlsx").stdout
    assert "gp," not in table and "CONSULTANT" not in table
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    headers = [c.value for c in sheet[1]]
    found = {sheet.cell(r, headers.index(f"{half} profession") + 1).value
             for r in range(2, sheet.max_row + 1) for half in "AB"}
    assert found == {"GP", "Consultant"}


def test_a_reminder_for_a_planned_day_gone_unrecorded_says_with_whom_and_by_when(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Arjun was to host Noor on 20 May 2027; on 1 June nobody has recorded it, and the
    exchange runs to 19 July. If it did not go ahead, the reminder asks for a new date as it
    asks for a half day owed: with Noor, before the end (it said only "please arrange a new
    date"). With no end date in scheme.toml, it still names Noor."""
    from .conftest import few_pairs

    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    few_pairs(tmp_path / "pairs.xlsx", 2)  # Arjun and Noor are P002
    monkeypatch.setenv("WESSEX_TODAY", "2027-05-10")
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--planned", "20/5/2027")
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--hosted", "5/5/2027")
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-01")
    run("remind", "pairs.xlsx", "-o", "out")
    message = BytesParser(policy=policy.default).parsebytes(
        (tmp_path / "out" / "reminder" / "arjun-rasmussen.eml").read_bytes())
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    said = " ".join(body.get_content().split())
    assert "If you hosted them on Thursday 20 May 2027 as planned, please reply to say so and " \
        "we will update the record; if not, please agree a new date with Noor, to take place by " \
        "Monday 19 July 2027, when the exchange period ends." in said
    assert "arrange a new date" not in said
    unrecorded = VisitView("host", "unconfirmed", dt.date(2027, 5, 20))
    done = VisitView("visit", "done", dt.date(2027, 5, 5))
    assert next_steps(unrecorded, done, "Noor", None, False) == [
        "If you hosted them on Thursday 20 May 2027 as planned, please reply to say so and we "
        "will update the record; if not, please agree a new date with Noor."]


@pytest.mark.parametrize(("done", "dates", "when"), [
    ((False, False), (None, None), "when you arrange the visits"),
    # both arranged, nothing left to arrange
    ((False, False), (dt.date(2027, 6, 10), dt.date(2027, 6, 24)),
     "before your next half day together"),
    # Priya has hosted Leon; Leon's turn is still to be arranged
    ((True, False), (dt.date(2027, 5, 4), None), "when you arrange the other half day"),
    # Priya has hosted; Leon's turn is booked
    ((True, False), (dt.date(2027, 5, 4), dt.date(2027, 6, 24)),
     "before your next half day together"),
    # Leon's turn was planned for a day gone by, not recorded; Priya's not yet arranged
    ((False, False), (None, dt.date(2027, 5, 20)), "before your next half day together"),
])
def test_the_change_to_adjustments_is_asked_for_when_it_is_still_true(
        tmp_path: Path, done: tuple[bool, bool], dates: tuple[dt.date | None, dt.date | None],
        when: str) -> None:
    """Leon's introduction says his adjustments went to Priya, and when to tell her of a
    change: 'when you arrange the visits' only while nothing is arranged (it said so of
    visits already booked, or half done)."""
    from wessex_cli.scheme import load_scheme

    from .conftest import COMPLETE_SCHEME

    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    scheme = load_scheme(tmp_path / "scheme.toml")
    leon = Person("Dr Leon Ince", "leon.ince@nhs.net", profession="Consultant",
                  side="secondary", adjustments="Step-free access needed")
    priya = Person("Dr Priya Varga", "priya.varga@nhs.net", profession="GP", side="primary")
    template = load_template("partner-introduction", scheme)
    pair = PairRecord.with_visits("P1", priya, leon, done, dates)
    people = recipients(template, scheme, pairs=[pair], now=dt.date(2027, 6, 1))
    letters = {r.recipient.email: " ".join(r.markdown.split())
               for r, _ in render_all(template, people, "md", scheme)}
    to_leon = letters["leon.ince@nhs.net"]
    assert f"If they have changed, please tell Priya {when}." in to_leon
    assert to_leon.count("If they have changed") == 1
    assert "If they have changed" not in letters["priya.varga@nhs.net"]  # nothing to change


def test_a_half_day_owed_and_one_unconfirmed_give_the_end_date_once() -> None:
    """One half day owed, the other planned for a day gone by without a record: the letter
    asked for a date 'before Monday 19 July 2027 when the exchange period ends' in two
    sentences running."""
    owed = VisitView("host", "owed", None)
    unconfirmed = VisitView("visit", "unconfirmed", dt.date(2027, 5, 18))
    assert next_steps(owed, unconfirmed, "Noor", dt.date(2027, 7, 19), False) == [
        "Please agree a date with Noor for the half day when you host them, to take place by "
        "Monday 19 July 2027, when the exchange period ends.",
        "If you visited them on Tuesday 18 May 2027 as planned, please reply to say so and we "
        "will update the record; if not, please agree a new date for it with Noor as well, "
        "by the same day."]
