"""A volunteer whose address is not their name ("mel.ash@nhs.net" for Amelia Ashworth) was
quoted by it: "thanks mel.ash", "Mel Ash ran the clinic" reached the delegate pack, since only
the Name, Partner and Avoid columns of the workbooks were read for names. The part of every
known address before its "@" (volunteer workbook, pairs workbook, the respondents' own) is
now a name too, split at its dots, hyphens and underscores. A shared mailbox's address
("info@", "it.support@") or a part of two letters ("an.li@") names no one, and the ordinary
words it is made of stay in every quote.

Every person here is invented; the expected quotes are written by hand.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from .conftest import Runner, few_pairs, person, write_book

SURPRISE = "What surprised you on the visit?"

VOLUNTEERS = [
    person("Dr Amelia Ashworth", "mel.ash@nhs.net", "GP", Organisation="Fernhill Surgery"),
    person("Dr Oswin Trelawney", "o_tre-kapur@example.org", "Consultant",
           Organisation="Eastvale Hospital - Renal"),
    person("Jo Smithfield", "info@example.org", "Consultant",
           Organisation="Eastvale Hospital - Cardiology"),
]
ANSWERS = [
    ("GP", "thanks mel.ash, a great visit"),
    ("GP", "mel.ash was great"),
    ("GP", "Mel Ash ran the clinic on Thursday"),
    ("Consultant", "I learnt a lot from Kapur"),
    ("Consultant", "The info desk was helpful"),
]
EXPECTED = [
    "thanks [name], a great visit",
    "[name] was great",
    "[name] ran the clinic on Thursday",
    "I learnt a lot from [name]",
    # "info@" is a shared mailbox's: "info" is no one's name
    "The info desk was helpful",
]


def _responses(path: Path, headers: list[str], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)


def _quotes(markdown: str) -> list[str]:
    return sorted(line[2:] for line in markdown.splitlines() if line.startswith("> "))


def test_an_address_in_the_volunteer_workbook_is_a_name(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "volunteers.xlsx", VOLUNTEERS)
    _responses(tmp_path / "responses.csv", ["Profession", SURPRISE], ANSWERS)
    run("feedback", "responses.csv", "--volunteers", "volunteers.xlsx", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert _quotes(markdown) == sorted(EXPECTED)
    for leak in ("mel", "kapur"):
        assert leak not in markdown.casefold(), leak


def test_an_address_in_the_pairs_workbook_is_a_name(run: Runner, tmp_path: Path) -> None:
    pairs = few_pairs(tmp_path / "pairs.xlsx")
    book = openpyxl.load_workbook(pairs)
    book["Pairs"]["C2"] = "mel.ash@nhs.net"  # Dr Amelia Ashworth's A email
    book["Unpaired"]["B2"] = "kowal-zyx@nhs.net"  # Dr Maryam Kowalczyk's
    book.save(pairs)
    rows = [("GP", "thanks mel.ash, a great visit"), ("GP", "mel.ash was great"),
            ("GP", "Mel Ash ran the clinic on Thursday"),
            ("GP", "Zyx never came to the huddle")]
    _responses(tmp_path / "responses.csv", ["Profession", SURPRISE], rows)
    run("feedback", "responses.csv", "--pairs", "pairs.xlsx", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert _quotes(markdown) == sorted([
        "thanks [name], a great visit", "[name] was great",
        "[name] ran the clinic on Thursday", "[name] never came to the huddle"])


def test_a_respondents_address_blanks_no_ordinary_word(run: Runner, tmp_path: Path) -> None:
    rows = [("an.li@nhs.net", "GP", "It was an eye opener, and the support was on call"),
            ("it.support@nhs.net", "GP", "It was an eye opener, and the support was on call"),
            ("admin@example.org", "GP", "The admin team helped, thanks to Li"),
            ("mel.ash3@nhs.net", "GP", "Signed Mel.Ash, happy to talk")]
    _responses(tmp_path / "responses.csv", ["Email", "Profession", SURPRISE], rows)
    run("feedback", "responses.csv", "--no-names-source", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert _quotes(markdown) == sorted([
        "It was an eye opener, and the support was on call (said by 2 people)",
        "The admin team helped, thanks to Li", "Signed [name], happy to talk"])


def test_a_volunteers_known_as_and_given_names_are_names(run: Runner, tmp_path: Path) -> None:
    # columns an HR export adds beside the name: what the volunteer is called, and their
    # given names; "Birdie" is no short form of Eleanor's, so only "Known as" gives it
    headers = ["Name", "Email", "Profession", "Known as", "Given names", "Forenames"]
    write_book(tmp_path / "volunteers.xlsx", [
        {"Name": "Dr Eleanor Quarrington", "Email": "eq@nhs.net", "Profession": "GP",
         "Known as": "Birdie", "Given names": "Eleanor Jocasta", "Forenames": "Eleanor Jocasta"},
    ], headers=headers)
    _responses(tmp_path / "responses.csv", ["Profession", SURPRISE],
               [("GP", "Birdie was kind"), ("GP", "Jocasta showed us round")])
    run("feedback", "responses.csv", "--volunteers", "volunteers.xlsx", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert _quotes(markdown) == ["[name] showed us round", "[name] was kind"]


def test_an_nhsmail_display_name_blanks_no_organisation(run: Runner,
                                                        tmp_path: Path) -> None:
    # Microsoft Forms fills its Name column with the NHSmail display name, the organisation
    # in capitals in brackets: its words ("care", "NHS", "group") are no one's name
    rows = [("HALE, Ellis (EASTSHIRE INTEGRATED CARE BOARD)", "GP",
             "Ellis saw how the integrated care board and NHS teams work"),
            ("FAIRBROTHER, Zoe (NHS ENGLAND - X24)", "GP", "NHS England, said Zoe"),
            ("Ng, Kim (WESTCLIFF MEDICAL GROUP)", "GP", "Kim liked the medical group")]
    _responses(tmp_path / "responses.csv", ["Name", "Profession", SURPRISE], rows)
    run("feedback", "responses.csv", "--no-names-source", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert _quotes(markdown) == sorted([
        "[name] saw how the integrated care board and NHS teams work",
        "NHS England, said [name]", "[name] liked the medical group"])


def test_long_cells_with_no_address_are_read_in_good_time(run: Runner,
                                                         tmp_path: Path) -> None:
    # reflections pasted into the Email column, 32,000 letters (near the most a cell holds)
    # with no "@" in them before an address or none: each letter was a new start of the
    # search for an address, read to the end of the run again (over a minute for these eight,
    # before); the address after the letters still names its owner
    pasted = "x" * 32_000
    rows = [(pasted + " mel.ash@nhs.net", "GP", "Mel Ash ran the clinic on Thursday"),
            *[("@" + pasted, "GP", "Nothing to add")] * 3,
            *[(pasted, "GP", "Nothing to add")] * 4]
    _responses(tmp_path / "responses.csv", ["Email", "Profession", SURPRISE], rows)
    run("feedback", "responses.csv", "--no-names-source", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert _quotes(markdown) == ["Nothing to add (said by 7 people)",
                                 "[name] ran the clinic on Thursday"]
