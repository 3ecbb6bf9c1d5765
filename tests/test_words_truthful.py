"""Letters that said more than the scheme knew: a certificate claiming a reflection nobody
sent, a call to action inventing its organisers and dates, clinical words in letters to
administrative staff, a form with nowhere to go back to, and the preferences request's
list and its copies for people already paired. Each is shown through the command line on
fictional data, with the words expected written out by hand."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from wessex_cli.documents import load_template, recipients
from wessex_cli.model import PairRecord, Person
from wessex_cli.scheme import Scheme
from wessex_cli.wording import alphabetical

from .conftest import EXAMPLES, Runner, person, write_book

TODAY = "2027-08-02"  # after the example scheme's end (19 July 2027): certificates are due
# P001: Dr Amelia Ashworth (A) & Prof Chidi Zielinski (B) in the example pairs workbook.
# U/V: A hosts B date/done, W/X: B hosts A date/done, Y/Z: reflection from A/B.


def words(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


@pytest.fixture
def finished(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example scheme with P001's two visits done and only Prof Zielinski's reflection
    received."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    for name in ("scheme.toml", "pairs.xlsx"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    for ref, value in {"U2": "4/5/2027", "V2": "yes", "W2": "18/5/2027", "X2": "yes",
                       "Y2": None, "Z2": "yes"}.items():
        sheet[ref].value = value
    book.save(tmp_path / "pairs.xlsx")
    return tmp_path


# ---------------------------------------------------------------- 1. reflections


def test_a_certificate_mentions_a_reflection_only_when_one_was_received(
        run: Runner, finished: Path) -> None:
    run("render", "certificate", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "c")
    amelia = words(finished / "c" / "certificate" / "amelia-ashworth.txt")
    chidi = words(finished / "c" / "certificate" / "chidi-zielinski.txt")
    hours = ("This quality improvement activity is worth 8 hours of continuing professional "
             "development and may be used for appraisal and revalidation.")
    assert hours in amelia and hours in chidi  # the hours are the exchange's, either way
    assert "reflection" not in amelia
    assert (hours + " The scheme has also received a written reflection on the exchange "
            "from Prof Zielinski.") in chidi


def test_the_certificate_email_thanks_for_a_reflection_or_asks_for_one(
        run: Runner, finished: Path) -> None:
    run("render", "certificate-email", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "e")
    amelia = words(finished / "e" / "certificate-email" / "amelia-ashworth.txt")
    chidi = words(finished / "e" / "certificate-email" / "chidi-zielinski.txt")
    assert ("the 8 hours of continuing professional development that the exchange is worth. "
            "For your next appraisal and for revalidation, keep it with a reflection of your "
            "own on what the two half days taught you") in amelia
    assert "has reached us" not in amelia and "with a written reflection on it" not in amelia
    assert ("the 8 hours of continuing professional development that the exchange is worth. "
            "It also records that your written reflection has reached us: thank you for "
            "sending it. Please keep the two together for your next appraisal and for "
            "revalidation.") in chidi
    assert "reflection of your own" not in chidi


# ---------------------------------------------------------------- 2. the call to action

NO_ORGANISATIONS = ('[scheme]\nname = "Northvale Exchange"\n\n'
                    '[administrator]\nname = "Sam Lee"\nemail = "sam.lee@nhs.net"\n')
DATES = "\n[dates]\nstart = 2027-04-19\nend = 2027-07-19\n"
ORGANISATIONS = ('\n[sides.primary]\norganisation = "Northvale ICB"\n'
                 '\n[sides.secondary]\norganisation = "Northvale Hospitals Trust"\n')


def test_a_call_to_action_without_organisers_or_dates_is_refused(run: Runner,
                                                                  tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(NO_ORGANISATIONS, encoding="utf-8")
    result = run("render", "call-to-action", "--profession", "GP", "--format", "txt", "-o",
                 "t", code=1)
    said = " ".join(result.output.split())
    assert "the primary care organisation (sides.primary.organisation): add under " \
           '[sides.primary]: organisation = "Eastshire Integrated Care Board"' in said
    assert "the secondary care organisation (sides.secondary.organisation)" in said
    assert "the start date (dates.start)" in said and "the end date (dates.end)" in said
    assert not (tmp_path / "t").exists()


def test_a_draft_call_to_action_shows_the_gaps_in_brackets(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(NO_ORGANISATIONS, encoding="utf-8")
    run("render", "call-to-action", "--profession", "GP", "--format", "txt", "-o", "t",
        "--allow-placeholders")
    text = words(tmp_path / "t" / "call-to-action-gp.txt")
    assert text.startswith("GP VOLUNTEERS WANTED ==================== Dear colleague, "
                           "[primary care organisation] and [secondary care organisation] "
                           "are running Northvale Exchange, a workplace exchange")
    assert "If you could take part at some point between [start date] and [end date], " \
           "please reply to Sam Lee" in text
    assert "Primary care and" not in text and "during the scheme" not in text


def test_a_call_to_action_names_the_organisers_and_dates_it_is_given(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(NO_ORGANISATIONS + DATES + ORGANISATIONS,
                                          encoding="utf-8")
    run("render", "call-to-action", "--profession", "GP", "--format", "txt", "-o", "t")
    text = words(tmp_path / "t" / "call-to-action-gp.txt")
    assert "Dear colleague, Northvale ICB and Northvale Hospitals Trust are running " \
           "Northvale Exchange" in text
    assert "between Monday 19 April 2027 and Monday 19 July 2027, please reply" in text
    assert "[" not in text


def test_check_warns_of_the_organisers_the_call_to_action_needs(run: Runner, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-02-20")  # recruiting: the call to action is next
    (tmp_path / "scheme.toml").write_text(NO_ORGANISATIONS + DATES, encoding="utf-8")
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path / "volunteers.xlsx")
    said = " ".join(run("check", "volunteers.xlsx", code=None).output.split())
    assert "scheme.toml does not give the primary care organisation " \
           "(sides.primary.organisation), which call-to-action (due next) would print." in said


# ---------------------------------------------------------------- 3. administrative staff


@pytest.fixture
def admin_staff(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fictional exchange of receptionists, practice managers and ward clerks, paired."""
    monkeypatch.setenv("WESSEX_TODAY", "2028-04-10")
    for name in ("scheme.toml", "volunteers.csv"):
        shutil.copy(EXAMPLES / "admin-staff" / name, tmp_path / name)
    run("pair", "volunteers.csv", "-o", "pairs.xlsx")
    return tmp_path


def test_the_business_case_for_administrative_staff_promises_no_consultant_time(
        run: Runner, admin_staff: Path) -> None:
    run("render", "business-case", "--format", "txt", "-o", "o")
    text = words(admin_staff / "o" / "business-case.txt")
    assert "supporting professional activity" not in text
    assert "The two half days per participant: each employer agrees how its staff are " \
           "released for them, for instance as protected development time." in text


def test_event_planning_for_administrative_staff_suggests_other_roles(
        run: Runner, admin_staff: Path) -> None:
    run("render", "event-planning", "--format", "txt", "-o", "o")
    text = words(admin_staff / "o" / "event-planning.txt")
    assert "managers, receptionists, ward clerks" not in text
    # sharing the learning where administrative staff will see it, not at grand rounds
    assert "grand rounds" not in text and "college e-news" not in text
    assert "☐ staff bulletins and intranet news in both organisations" in text
    assert "Could other roles join next time, such as nurses, pharmacists or doctors from " \
           "the same teams?" in text


def test_event_planning_for_administrative_staff_suggests_sponsors_outside_medicine(
        run: Runner, admin_staff: Path) -> None:
    """A medical committee, a college of GPs and locum groups have nothing to do with an
    exchange of receptionists and ward clerks; the employers' training money and the training
    hub may."""
    run("render", "event-planning", "--format", "txt", "-o", "o")
    text = words(admin_staff / "o" / "event-planning.txt")
    assert "Medical Committee" not in text and "Negotiating Committee" not in text
    assert "General Practitioners" not in text and "locum" not in text
    assert ("Do you need any? Places worth asking include: - ☐ the training or staff "
            "development budgets of the employers taking part - ☐ the local training hub - ☐ "
            "a leadership academy - ☐ hospital charities with an interest") in text


def test_a_practice_manager_is_not_told_to_ask_their_practice_manager(
        run: Runner, admin_staff: Path) -> None:
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "o")
    text = words(admin_staff / "o" / "partner-introduction" / "corin-ashdown.txt")
    assert "Practice manager" in (admin_staff / "volunteers.csv").read_text(encoding="utf-8")
    assert "practice manager" not in text
    assert "ward round" not in text and "(how the front desk, the ward office or the booking " \
        "team runs a day, a team meeting" in text
    assert "Before hosting, ask whoever looks after visitors where you work what a visiting " \
           "colleague needs to sign or read, such as a visitor agreement or a " \
           "confidentiality form." in text


def test_clinicians_keep_the_clinical_words(run: Runner, finished: Path) -> None:
    run("render", "business-case", "--format", "txt", "-o", "o")
    run("render", "event-planning", "--format", "txt", "-o", "o")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "o")
    assert "for hospital consultants these may count as supporting professional activity; " \
           "primary care colleagues arrange their own time." in words(
               finished / "o" / "business-case.txt")
    assert "Could other professions or roles take part next time, beyond those who took " \
           "part this year?" in words(finished / "o" / "event-planning.txt")
    assert ("Do you need any? Bodies that have helped other schemes include: - ☐ the Local "
            "Medical Committee or Local Negotiating Committee - ☐ the local faculty of the "
            "Royal College of General Practitioners - ☐ a leadership academy - ☐ local locum "
            "groups") in words(finished / "o" / "event-planning.txt")
    assert "training hub" not in words(finished / "o" / "event-planning.txt")
    # Dr Rasmussen, a GP of P002 (P001's two visits are done: it gets no introduction)
    assert not (finished / "o" / "partner-introduction" / "amelia-ashworth.txt").exists()
    assert "(a clinic, a ward round or home visits, a team meeting" in words(
        finished / "o" / "partner-introduction" / "arjun-rasmussen.txt")
    assert "Before hosting, check with your practice manager or department what your " \
           "organisation asks of a visiting colleague" in words(
               finished / "o" / "partner-introduction" / "arjun-rasmussen.txt")


# ---------------------------------------------------------------- 4. where the form goes


def test_the_equality_form_gives_the_letterhead_address_to_return_it_to(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(
        NO_ORGANISATIONS + '\n[letterhead]\norganisation = "Northvale Exchange Office"\n'
        'address = ["Northvale Postgraduate Centre", "Northvale NV1 9ZZ"]\n', encoding="utf-8")
    run("render", "equality-form", "--format", "txt", "-o", "f")
    text = words(tmp_path / "f" / "equality-form.txt")
    assert "Please do not write your name on it. Return it in a sealed envelope marked " \
           "Strictly confidential to Sam Lee, Northvale Exchange Office, Northvale " \
           "Postgraduate Centre, Northvale NV1 9ZZ; nothing on the envelope need say who it " \
           "is from." in text
    assert "internal post" not in text


def test_without_an_address_the_equality_form_goes_in_the_post_never_by_hand(
        run: Runner, tmp_path: Path) -> None:
    """Handing a sealed envelope to the administrator shows whose answers are inside; the
    internal post, or the post to an address the administrator gives, does not."""
    (tmp_path / "scheme.toml").write_text(NO_ORGANISATIONS, encoding="utf-8")
    run("render", "equality-form", "--format", "txt", "-o", "f")
    text = words(tmp_path / "f" / "equality-form.txt")
    assert "Please do not write your name on it. Seal it in an envelope marked Strictly " \
           "confidential and addressed to Sam Lee, and send it in the internal post, or by " \
           "post to the address Sam Lee can give you, rather than hand it over in person, " \
           "which would show whose it is; nothing on the envelope need say who it is " \
           "from." in text
    assert "Hand it to" not in text


# ---------------------------------------------------------------- 4b. a reflection without a name


def test_the_reflection_says_an_email_names_its_sender_and_where_to_post_one_without(
        run: Runner, tmp_path: Path) -> None:
    """Deleting one's name from a reflection and e-mailing it still says who sent it: the
    copy without a name goes on paper to the letterhead's address."""
    (tmp_path / "scheme.toml").write_text(
        NO_ORGANISATIONS + '\n[letterhead]\norganisation = "Northvale Exchange Office"\n'
        'address = ["Northvale Postgraduate Centre", "Northvale NV1 9ZZ"]\n', encoding="utf-8")
    run("render", "reflection", "--format", "txt", "-o", "r")
    text = words(tmp_path / "r" / "reflection.txt")
    assert ("We would be grateful for a copy. You can e-mail it to Sam Lee (sam.lee@nhs.net), "
            "though an e-mail shows who sent it. To share it without your name, delete the "
            "lines under About you, then print it and post it, or send it in the internal "
            "post, to Sam Lee, Northvale Exchange Office, Northvale Postgraduate Centre, "
            "Northvale NV1 9ZZ, with nothing on the envelope to say who it is from.") in text


def test_the_reflection_without_an_address_asks_for_a_way_back_without_a_name(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(NO_ORGANISATIONS, encoding="utf-8")
    run("render", "reflection", "--format", "txt", "-o", "r")
    text = words(tmp_path / "r" / "reflection.txt")
    assert ("though an e-mail shows who sent it. To share it without your name, delete the "
            "lines under About you, then ask Sam Lee for a way to return it that does not "
            "show who it is from.") in text
    assert "post" not in text


def test_the_partner_introduction_agrees_with_the_reflection_it_attaches(
        run: Runner, finished: Path) -> None:
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "o")
    # P001's two visits are done, so it gets no introduction: Dr Rasmussen's, of P002
    text = words(finished / "o" / "partner-introduction" / "arjun-rasmussen.txt")
    assert ("Attached you will find a reflection template for your CPD portfolio. We would "
            "love to see your completed copy, sent by e-mail (which shows who it is from) or "
            "without your name, as the template explains.") in text
    assert "with or without your name on it" not in text


# ---------------------------------------------------------------- 5. the preferences request

PREFERENCES_SCHEME = NO_ORGANISATIONS + DATES + (
    '\n[[leads]]\nname = "Dr Helena Marsh"\nemail = "helena.marsh@nhs.net"\n'
    '\n[celebration]\ndate = 2027-07-29\ntime = "18:30"\nvenue = "Hall"\n')


@pytest.fixture
def volunteers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WESSEX_TODAY", "2027-03-22")
    (tmp_path / "scheme.toml").write_text(PREFERENCES_SCHEME, encoding="utf-8")
    return write_book(tmp_path / "volunteers.xlsx", [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP",
               Organisation="Harbourside Surgery", Partner="Ned Pemberton"),
        person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Elmfield Surgery"),
        person("Dr Yasmin Brook", "yasmin@example.org", "Consultant", Organisation="Hospital"),
        person("Prof Chidi Adams", "chidi@example.org", "Consultant", Organisation="Hospital"),
        person("Dr Oliver Pemberton", "oliver@example.org", "Consultant",
               Organisation="Hospital"),
        person("Ned Pemberton", "ned@example.org", "Consultant", Organisation="Hospital"),
    ])


def test_the_volunteers_are_listed_by_surname_then_given_name(run: Runner,
                                                               volunteers: Path) -> None:
    run("render", "preferences-request", "--volunteers", "volunteers.xlsx", "--format", "txt",
        "-o", "p")
    text = words(volunteers.parent / "p" / "preferences-request" / "isla-okonkwo.txt")
    assert "Consultant (4): Prof Chidi Adams (Hospital); Dr Yasmin Brook (Hospital); " \
           "Ned Pemberton (Hospital); Dr Oliver Pemberton (Hospital)" in text
    assert "GP (2): Dr Amelia Ashworth (Harbourside Surgery); Dr Isla Okonkwo " \
           "(Elmfield Surgery)" in text


def test_people_with_an_agreed_partner_are_asked_for_days_not_choices(
        run: Runner, volunteers: Path) -> None:
    run("render", "preferences-request", "--volunteers", "volunteers.xlsx", "--format", "txt",
        "-o", "p")
    folder = volunteers.parent / "p" / "preferences-request"
    for stem, partner in (("amelia-ashworth", "Ned Pemberton"),
                          ("ned-pemberton", "Dr Amelia Ashworth")):  # either Partner cell
        text = words(folder / f"{stem}.txt")
        assert f"Your exchange partner is already agreed: you will be paired with {partner}, " \
               "as arranged, so there is nobody for you to choose. Please reply by" in text
        assert "with the days (and mornings or afternoons) when you could host, and when " \
               "you could visit, so that we can check that the two of you can meet." in text
        assert "up to three choices" not in text and "do not choose anyone" not in text
        assert "Who has volunteered" in text  # the list is still there to read
        # a consultant has no practice of their own: the rule is the GP's practice, as SPEC's
        assert "tell us if one of you is registered as a patient at the practice where the " \
               "other works, or if one of you has treated the other." in text
        assert "the other's practice" not in text
    isla = words(folder / "isla-okonkwo.txt")
    assert "already agreed" not in isla
    assert "1. up to three choices, in order: a colleague from the list" in isla


def test_the_agreed_copy_has_its_own_subject(run: Runner, volunteers: Path) -> None:
    run("render", "preferences-request", "--volunteers", "volunteers.xlsx", "-o", "p")
    folder = volunteers.parent / "p" / "preferences-request"
    subjects = {path.stem: next(line for line in path.read_text(encoding="utf-8").splitlines()
                                if line.startswith("Subject:"))
                for path in folder.glob("*.eml")}
    assert subjects["ned-pemberton"] == \
        "Subject: Northvale Exchange: the days you could host and visit"
    assert subjects["isla-okonkwo"] == \
        "Subject: Northvale Exchange: who would you like to be paired with?"


def test_names_sort_by_surname_then_given_name_titles_aside() -> None:
    names = ["Dr Yasmin Brook", "Prof Chidi Adams", "Dr Oliver Pemberton", "Ned Pemberton",
             "Dr Siân Ó Briain", "Penrose, Alys"]
    assert sorted(names, key=alphabetical) == [
        "Prof Chidi Adams", "Dr Yasmin Brook", "Dr Siân Ó Briain", "Ned Pemberton",
        "Dr Oliver Pemberton", "Penrose, Alys"]


def four_people() -> tuple[Person, Person, Person, Person]:
    """Dr Amelia Ashworth and Dr Isla Okonkwo (GPs), Ned and Dr Oliver Pemberton
    (consultants)."""
    amelia = Person("Dr Amelia Ashworth", "amelia@example.org", profession="GP",
                    side="primary")
    ned = Person("Ned Pemberton", "ned@example.org", profession="Consultant", side="secondary")
    isla = replace(amelia, name="Dr Isla Okonkwo", email="isla@example.org")
    oliver = replace(ned, name="Dr Oliver Pemberton", email="oliver@example.org")
    return amelia, ned, isla, oliver


@pytest.mark.parametrize(("agreed", "chosen"), [
    ({"How paired": "locked"}, {"How paired": "optimised"}),
    # 'wessex pair --keep' writes "kept" under How paired for a locked pair, its Reasons still
    # beginning "locked as agreed": its people's partner is as agreed as before, and their
    # preferences request asked them whom they would like while their introduction said "as
    # agreed in advance"
    ({"How paired": "kept", "Reasons": "locked as agreed; same cluster"},
     {"How paired": "kept", "Reasons": "same cluster"})])
def test_a_locked_pair_in_the_pairs_workbook_needs_no_choices(
        agreed: dict[str, str], chosen: dict[str, str]) -> None:
    scheme = Scheme(name="Northvale Exchange")
    amelia, ned, isla, oliver = four_people()
    pairs = [PairRecord("P001", amelia, ned, values=agreed),
             PairRecord("P002", isla, oliver, values=chosen)]
    template = load_template("preferences-request", scheme)
    found = {r.email: r.context["agreed_partners"]
             for r in recipients(template, scheme, pairs=pairs)}
    assert found == {"amelia@example.org": ["Ned Pemberton"],
                     "ned@example.org": ["Dr Amelia Ashworth"],
                     "isla@example.org": [], "oliver@example.org": []}


# ---------------------------------------------------------------- 6. letters that must agree


def test_a_locked_pair_is_introduced_as_agreed_in_advance(run: Runner, volunteers: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Dr Ashworth's Partner cell names Ned Pemberton: her preferences request said so, and
    her introduction must not then say the pairing weighed everyone's preferences."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-12")
    run("pair", "volunteers.xlsx", "-o", "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "o")
    folder = volunteers.parent / "o" / "partner-introduction"
    for stem, partner in (("amelia-ashworth", "Ned Pemberton, Consultant, Hospital"),
                          ("ned-pemberton", "Dr Amelia Ashworth, GP, Harbourside Surgery")):
        text = words(folder / f"{stem}.txt")
        assert ("Thank you for taking part in Northvale Exchange. As agreed in advance, your "
                f"exchange partner is: - {partner}") in text
        assert "preferences and availability" not in text
    isla = words(folder / "isla-okonkwo.txt")
    assert ("Thank you for taking part in Northvale Exchange. Taking into account everyone's "
            "preferences and availability, we have paired you with:") in isla
    assert "agreed in advance" not in isla


def test_a_pair_kept_after_being_locked_is_still_agreed_in_advance() -> None:
    """'wessex pair --keep' writes "kept" under How paired but keeps the locked reason first;
    the pair's "how" is there for a template of one's own."""
    scheme = Scheme(name="Northvale Exchange")
    amelia, ned, isla, oliver = four_people()
    kept = PairRecord("P001", amelia, ned, values={
        "How paired": "kept", "Reasons": "locked as agreed; same cluster"})
    chosen = PairRecord("P002", isla, oliver, values={"How paired": "optimised",
                                                      "Reasons": "same cluster"})
    template = load_template("partner-introduction", scheme)
    found = {r.email: (r.context["how"], r.context["locked"])
             for r in recipients(template, scheme, pairs=[kept, chosen])}
    assert found == {"amelia@example.org": ("kept", True), "ned@example.org": ("kept", True),
                     "isla@example.org": ("optimised", False),
                     "oliver@example.org": ("optimised", False)}


def test_someone_with_two_partners_is_thanked_for_their_reflection_in_both_emails(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dr Leon Ince has two partners in the example workbook (P018, row 19, with Dr Priya
    Varga; P022, row 23, with Dr Zainab Abernethy), both exchanges done. His one reflection
    is ticked on row 19 only: the two e-mails he gets the same day both thank him for it."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    for name in ("scheme.toml", "pairs.xlsx"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    assert (sheet["B19"].value, sheet["J19"].value) == ("Dr Priya Varga", "Dr Leon Ince")
    assert (sheet["B23"].value, sheet["J23"].value) == ("Dr Zainab Abernethy", "Dr Leon Ince")
    for row in (19, 23):
        for column, value in {"U": "4/5/2027", "V": "yes", "W": "18/5/2027", "X": "yes"}.items():
            sheet[f"{column}{row}"].value = value
    sheet["Z19"].value = "yes"  # Reflection from B, Dr Ince, on his first pair's row only
    book.save(tmp_path / "pairs.xlsx")
    run("render", "certificate-email", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "e")
    run("render", "certificate", "--pairs", "pairs.xlsx", "--format", "txt", "-o", "c")
    thanks = ("It also records that your written reflection has reached us: thank you for "
              "sending it.")
    # each named for the partner it is about (they were leon-ince and leon-ince-2)
    for stem in ("leon-ince-with-priya-varga", "leon-ince-with-zainab-abernethy"):
        text = words(tmp_path / "e" / "certificate-email" / f"{stem}.txt")
        assert thanks in text
        assert "reflection of your own" not in text
        certificate = words(tmp_path / "c" / "certificate" / f"{stem}.txt")
        assert "The scheme has also received a written reflection on the exchange from " \
               "Dr Ince." in certificate
    for stem in ("priya-varga", "zainab-abernethy"):  # their own reflections never came
        text = words(tmp_path / "e" / "certificate-email" / f"{stem}.txt")
        assert thanks not in text and "reflection of your own" in text
