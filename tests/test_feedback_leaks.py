"""Ways a delegate pack still named people the tool knows of, though the README promises it
names nobody: a title written without a space before the surname ("Prof.Hale"); a known
person's social handle ("@aashworth") or e-mail address before its "@" ("a.ashworth") written
as their name; the respondent's own address, whose first part named them in their answer; a
rated question's heading, printed as the survey wrote it ("How useful was Dr Okonkwo's
session?"). And a survey export that was no spreadsheet got the volunteer workbook's error.

Every person here is invented; the expected quotes are written by hand.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from wessex_cli.feedback import Anonymiser

from .conftest import Runner, person, write_book, write_ods

VOLUNTEERS = [
    person("Dr Amelia Ashworth", "amelia.ashworth@nhs.net", "GP",
           Organisation="Fernhill Surgery"),
    person("Jo Smithfield", "jo.smithfield@nhs.net", "Consultant",
           Organisation="Eastvale Hospital - Renal"),
    person("Dr Chidi Okonkwo", "chidi.okonkwo@example.org", "Consultant",
           Organisation="Eastvale Hospital - Cardiology"),
]
SURPRISE = "What surprised you on the visit?"


def _responses(path: Path, headers: list[str], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)


def _pack(run: Runner, tmp_path: Path, *extra: str) -> tuple[str, str]:
    """The pack made with the volunteer workbook, as Markdown and as a web page."""
    write_book(tmp_path / "volunteers.xlsx", VOLUNTEERS)
    for name in ("pack.md", "pack.html"):
        run("feedback", "responses.csv", "--volunteers", "volunteers.xlsx", "-o", name, *extra)
    return ((tmp_path / "pack.md").read_text("utf-8"),
            (tmp_path / "pack.html").read_text("utf-8"))


def _quoted(markdown: str, page: str) -> list[str]:
    """The quotes of the pack, checked to read the same in its Markdown and its web page."""
    quoted = sorted(line[2:] for line in markdown.splitlines() if line.startswith("> "))
    shown = sorted(html.unescape(q) for q in re.findall(r"<blockquote>(.*?)</blockquote>",
                                                        page))
    assert quoted == shown
    return quoted


# ------------------------------------------------------------- a title with no space after it

TITLED = [
    ("GP", "Prof.Hale talked us through the whole referral pathway"),
    ("GP", "Dr.Okonkwo was kind to the students"),
    ("GP", "Mr.Penhaligon's wife phoned twice, and so did Dr.Q.Varga"),
    ("GP", "We met the Nurse.Then we left"),
]
TITLED_EXPECTED = [
    "[name] talked us through the whole referral pathway",
    "[name] was kind to the students",
    "[name]'s wife phoned twice, and so did [name]",
    "We met the Nurse.Then we left",  # a title word ending a sentence, as before
]


def test_a_title_written_without_a_space_goes_with_its_name(run: Runner,
                                                           tmp_path: Path) -> None:
    _responses(tmp_path / "responses.csv", ["Profession", SURPRISE], TITLED)
    markdown, page = _pack(run, tmp_path)
    assert _quoted(markdown, page) == sorted(TITLED_EXPECTED)
    for leak in ("Hale", "Okonkwo", "Penhaligon", "Varga"):
        assert leak not in page and leak not in markdown, leak


@pytest.mark.parametrize(("written", "expected"), [
    ("dr.okonkwo came", "[name] came"),  # known, in lower case
    ("see www.dr.com for it", "see www.dr.com for it"),  # no capitalised name after it
    ("MR.Imaging list", "MR.Imaging list"),  # magnetic resonance, as "MR Imaging" is
])
def test_a_title_and_a_known_name_joined_by_a_full_stop(written: str, expected: str) -> None:
    assert Anonymiser(["Dr Chidi Okonkwo"])(written) == expected


# ------------------------------------------- a handle or an address's first part as a name

HANDLES = [
    ("GP", "Thanks @aashworth for the tour of the practice"),
    ("GP", "@amelia_ashworth posted the rota"),
    ("GP", "jo.smithfield said the clinic overran"),
    ("GP", "thanks to a.ashworth for lunch"),
    ("Consultant", "@jsmithfield1 replied within the hour"),
    ("Consultant", "@smithfieldj and @chidiokonkwo ran the huddle"),
    ("Consultant", "A.Okonkwo showed us the new system"),
]
HANDLES_EXPECTED = [
    "Thanks [name] for the tour of the practice",
    "[name] posted the rota",
    "[name] said the clinic overran",
    "thanks to [name] for lunch",
    "[name] replied within the hour",
    "[name] and [name] ran the huddle",
    "[name] showed us the new system",
]


def test_a_known_persons_handle_or_address_is_removed(run: Runner, tmp_path: Path) -> None:
    _responses(tmp_path / "responses.csv", ["Profession", SURPRISE], HANDLES)
    markdown, page = _pack(run, tmp_path)
    assert _quoted(markdown, page) == sorted(HANDLES_EXPECTED)
    for leak in ("ashworth", "smithfield", "okonkwo", "@"):
        assert leak not in markdown.casefold(), leak


@pytest.mark.parametrize(("written", "expected"), [
    ("We bring lunch on Fridays", "We bring lunch on Fridays"),  # "bring" is B. Ring only as @
    ("ask @bring about it", "ask [name] about it"),
    ("ask @boring2 about it", "ask [name] about it"),
    ("We met @ 9 in the ward", "We met @ 9 in the ward"),
    ("Plan A.Then we left", "Plan A.Then we left"),
    # a handle ending a sentence (a dot with a space after it and none before): the words
    # either side are the respondent's, not parts of an address
    ("thanks @bring. Great visit", "thanks [name]. Great visit"),
    ("Great clinic @ Fernhill. Loved it", "Great clinic @ Fernhill. Loved it"),
    # still addresses: spaced to dodge a harvester, or a space typed after a dot before "net"
    ("write to bo @ example . org now", "write to [e-mail] now"),
    ("bo.ring@nhs. net wrote", "[e-mail] wrote"),
])
def test_joined_names_count_only_as_a_handle(written: str, expected: str) -> None:
    assert Anonymiser(["Bo Ring"])(written) == expected


# ------------------------------------------------------- the respondent's own address

OWN_ADDRESS = [
    ("wquist@nhs.net", "GP", "Signed wquist, happy to talk more"),
    ("T.Brennock@nhs.net", "GP", "t.brennock here: the clinic ran late"),
    ("ottilie.marsh2@example.org", "GP", "Ask Ottilie Marsh about the rota"),
    ("practice.manager@nhs.net", "GP", "The practice manager met us at the door"),
    ("anonymous", "GP", "An anonymous answer about the ward"),
]
OWN_ADDRESS_EXPECTED = [
    "Signed [name], happy to talk more",
    "[name] here: the clinic ran late",
    "Ask [name] about the rota",
    # a shared mailbox names no one: its words stay in every quote
    "The practice manager met us at the door",
    "An anonymous answer about the ward",
]


def test_the_respondents_own_address_names_them(run: Runner, tmp_path: Path) -> None:
    _responses(tmp_path / "responses.csv", ["Email", "Profession", SURPRISE], OWN_ADDRESS)
    for name in ("pack.md", "pack.html"):
        run("feedback", "responses.csv", "--no-names-source", "-o", name)
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    page = (tmp_path / "pack.html").read_text("utf-8")
    assert _quoted(markdown, page) == sorted(OWN_ADDRESS_EXPECTED)
    for leak in ("quist", "brennock", "ottilie", "marsh"):
        assert leak not in markdown.casefold(), leak
    assert "the names they typed in the survey or that their e-mail addresses give" in \
        " ".join(markdown.split())


# ------------------------------------------------------------ a rated question's heading

USEFUL = "How useful was Dr Okonkwo's session? (1-5)"
CLEAR = "How well did Ashworth explain the rota? (1-5)"
RATED = [("GP", "The ward was calm", "4", "5"), ("Consultant", "Quiet clinic", "5", "3"),
         ("Consultant", "Long waits", "3", "4")]
HEADINGS = ["How useful was [name]'s session? (1-5)", "How well did [name] explain the rota? (1-5)"]


def test_a_rated_questions_heading_names_no_one(run: Runner, tmp_path: Path) -> None:
    _responses(tmp_path / "responses.csv", ["Profession", SURPRISE, USEFUL, CLEAR], RATED)
    markdown, page = _pack(run, tmp_path)
    assert "**How useful was [name]'s session? (1-5)** (3 answers): mean 4.0, median 4." \
        in markdown
    assert "**How well did [name] explain the rota? (1-5)** (3 answers): mean 4.0, median 4." \
        in markdown
    shown = html.unescape(page)
    for heading in HEADINGS:
        assert f"Answers to '{heading}', how many gave each rating" in shown  # the chart
    said = run("feedback", "responses.csv", "--volunteers", "volunteers.xlsx", "-o",
               "again.md").output
    for text in (markdown, shown, said):
        assert "Okonkwo" not in text and "Ashworth" not in text


def test_the_reports_rating_headings_name_no_one(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "volunteers.xlsx", VOLUNTEERS)
    run("pair", "volunteers.xlsx")
    _responses(tmp_path / "responses.csv", ["Profession", SURPRISE, USEFUL, CLEAR], RATED)
    run("report", "pairs.xlsx", "--feedback", "responses.csv", "-o", "report.html")
    page = html.unescape((tmp_path / "report.html").read_text("utf-8"))
    for heading in HEADINGS:
        assert heading in page
    assert "Okonkwo" not in page and "Ashworth" not in page


# ---------------------------------------------- a responses file that is no spreadsheet


def _word_document(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("What surprised you on the visit?")
    document.save(str(path))


@pytest.mark.parametrize(("name", "said"), [
    ("responses.pdf", "a PDF document (.pdf), not a spreadsheet"),
    ("responses", "not a spreadsheet or a CSV file"),  # binary data
    ("responses.csv", "not a spreadsheet or a CSV file"),  # binary data named .csv
    ("responses.docx", "a Word document"),
    ("answers.xlsx", "a Word document"),  # a Word document named as a workbook
    ("responses.html", "a web page (.html)"),  # text, but no CSV
])
@pytest.mark.parametrize("command", ["feedback", "report"])
def test_a_responses_file_that_is_no_spreadsheet_is_named_with_how_to_export(
        run: Runner, tmp_path: Path, name: str, said: str, command: str) -> None:
    path = tmp_path / name
    if "Word" in said:
        _word_document(path)
    elif name.endswith(".html"):
        path.write_text("<!DOCTYPE html><p>What surprised you on the visit?</p>\n", "utf-8")
    else:
        path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff binary")
    if command == "report":
        write_book(tmp_path / "volunteers.xlsx", VOLUNTEERS)
        run("pair", "volunteers.xlsx")
        out = run("report", "pairs.xlsx", "--feedback", name, "-o", "report.html", code=1).output
    else:
        out = run("feedback", name, "--no-names-source", "-o", "pack.md", code=1).output
    out = " ".join(out.split())
    assert f"{name}: " in out and said in out
    assert "The survey's responses are read from a workbook (.xlsx or .ods) or a CSV " \
        "file." in out
    assert "Microsoft Forms" in out and "Google Forms" in out  # how to export one
    assert "volunteer workbook" not in out


def test_another_file_that_is_no_spreadsheet_is_not_called_the_volunteer_workbook(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "pairs.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    _word_document(tmp_path / "forms.xlsx")
    for args in (["status", "pairs.pdf"], ["equality", "forms.xlsx"]):
        out = " ".join(run(*args, code=1).output.split())
        assert "not a spreadsheet" in out or "a Word document" in out
        assert "volunteer workbook" not in out and "a CSV file" in out


def test_feedback_reads_an_ods_export_as_its_help_says(run: Runner, tmp_path: Path) -> None:
    # --help names .ods beside .xlsx and .csv: the same rated answers read from one give the
    # same figures (4, 5, 3 -> mean 4.0) and the same anonymised heading
    assert ".ods" in " ".join(run("feedback", "--help").output.split())
    write_ods(tmp_path / "responses.ods", "Responses",
              [["Profession", SURPRISE, USEFUL, CLEAR], *RATED])
    write_book(tmp_path / "volunteers.xlsx", VOLUNTEERS)
    run("feedback", "responses.ods", "--volunteers", "volunteers.xlsx", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert "**How useful was [name]'s session? (1-5)** (3 answers): mean 4.0, median 4." \
        in markdown
    assert "> The ward was calm" in markdown


def test_an_answer_of_spaced_dots_after_an_at_sign_is_read_in_good_time() -> None:
    # "x @ _ ._ _ ._ ...": no address (its last part has no letter), but each " ." could be
    # read as a dot two ways, and every way was tried for every dot, twice as long for each
    # one more: 27 of them, 112 characters, took two minutes and more before
    pasted = "x @ " + "_ ._" * 27
    assert Anonymiser(["Dr Ellis Hale"])(f"Ellis Hale said {pasted} was odd") == \
        f"[name] said {pasted} was odd"
