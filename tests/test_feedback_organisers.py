"""The delegate pack "names nobody the tool knows of", yet the people scheme.toml names (the
administrator, the leads, the guest speaker) were quoted by name: "Perpetua never answered my
e-mails" reached the pack and the board report as written.

Every person here is invented; the expected quotes are written by hand.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

from .conftest import Runner, person, write_book

SCHEME = """[scheme]
name = "Invented exchange"

[administrator]
name = "Caspian Ormerod"
email = "caspian.ormerod@nhs.net"

[[leads]]
name = "Dr Perpetua Lindqvist"
email = "perpetua.lindqvist@nhs.net"
role = "GP lead"

[celebration]
speaker = "Professor Wilhelmina Thorne"
"""
VOLUNTEERS = [
    person("Dr Ansel Brightwater", "ansel.b@nhs.net", "GP", Organisation="Fernhill Surgery"),
    person("Dr Odile Marchbank", "odile.m@nhs.net", "Consultant",
           Organisation="Eastvale Hospital - Renal"),
]
ANSWERS = [
    ("GP", "Perpetua never answered my e-mails"),
    ("GP", "Thanks to Caspian Ormerod for the rota"),
    ("Consultant", "Wilhelmina Thorne's talk was the best part"),
    ("Consultant", "The ward round was calmer than I expected"),
]
EXPECTED = [
    "[name] never answered my e-mails",
    "Thanks to [name] for the rota",
    "[name]'s talk was the best part",
    "The ward round was calmer than I expected",
]
LEAKS = ["Perpetua", "Lindqvist", "Caspian", "Ormerod", "Wilhelmina", "Thorne"]


def _files(run: Runner, tmp_path: Path, scheme: str = SCHEME) -> None:
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", VOLUNTEERS)
    run("pair", "volunteers.xlsx")
    with (tmp_path / "responses.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Profession", "What surprised you on the visit?"])
        writer.writerows(ANSWERS)


def _quotes(page: str) -> list[str]:
    return [html.unescape(q) for q in re.findall(r"<blockquote>(.*?)</blockquote>", page)]


def test_the_pack_removes_the_people_scheme_toml_names(run: Runner, tmp_path: Path) -> None:
    _files(run, tmp_path)
    run("feedback", "responses.csv", "--pairs", "pairs.xlsx", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    quoted = [line[2:] for line in markdown.splitlines() if line.startswith("> ")]
    assert sorted(quoted) == sorted(EXPECTED)
    assert "So are the names scheme.toml gives for the administrator, the leads and the " \
        "guest speaker." in markdown


def test_without_a_names_source_they_are_removed_too(run: Runner, tmp_path: Path) -> None:
    _files(run, tmp_path)
    run("feedback", "responses.csv", "--no-names-source", "-o", "pack.html")
    page = (tmp_path / "pack.html").read_text("utf-8")
    assert sorted(_quotes(page)) == sorted(EXPECTED)


def test_the_report_removes_them_from_its_quotes(run: Runner, tmp_path: Path) -> None:
    _files(run, tmp_path)
    run("report", "pairs.xlsx", "--feedback", "responses.csv", "-o", "report.html")
    page = (tmp_path / "report.html").read_text("utf-8")
    assert set(_quotes(page)) <= set(EXPECTED)
    for leak in LEAKS:
        assert leak not in page, leak


def test_the_default_administrator_takes_no_words_out(run: Runner, tmp_path: Path) -> None:
    # without [administrator], its name is "Scheme administrator": no one's name
    _files(run, tmp_path, '[scheme]\nname = "Invented exchange"\n')
    (tmp_path / "responses.csv").write_text(
        "Profession,What surprised you on the visit?\n"
        "GP,The scheme administrator sorted the dates\n", encoding="utf-8")
    run("feedback", "responses.csv", "--pairs", "pairs.xlsx", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert "> The scheme administrator sorted the dates" in markdown
    assert "So are the names scheme.toml gives" not in markdown
