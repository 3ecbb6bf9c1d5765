"""Ways a delegate pack still named people the tool knows of, though the README promises it
names nobody: a title written without a space before the surname ("Prof.Hale").

Every person here is invented; the expected quotes are written by hand.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from wessex_cli.feedback import Anonymiser

from .conftest import Runner, person, write_book

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
