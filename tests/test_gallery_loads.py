"""The gallery (tests/golden.py) loads each document's recipients as 'wessex render' does for
the command it shows: a certificate from a pairs workbook goes to the people of a pair on the
Withdrawn sheet whose two visits were both done before one of them withdrew, as the render
gives it (the gallery left them out: the example has no Withdrawn sheet, so it is unchanged);
a letter to each volunteer from the volunteer workbook tells someone whose Partner cell names
their partner that the pair is agreed, as the render does (the gallery asked Dr Oliver
Pemberton, whose Partner cell names Dr Dara Arkwright, for three choices).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from wessex_cli.documents import load_template, output_paths, render_all
from wessex_cli.scheme import load_scheme

from .conftest import EXAMPLES, Runner
from .golden import gallery_recipients


def test_the_gallery_certifies_a_pair_finished_then_withdrawn_as_render_does(
        run: Runner, tmp_path: Path) -> None:
    for name in ("scheme.toml", "volunteers.xlsx", "pairs.xlsx"):
        shutil.copy(EXAMPLES / name, tmp_path)
    # Dr Amelia Ashworth and Prof Chidi Zielinski (P001) host each other, then she withdraws:
    # their pair moves to the Withdrawn sheet, its two visits done; no other pair has begun
    run("visit", "pairs.xlsx", "Amelia Ashworth", "--hosted", "4/5/2027")
    run("visit", "pairs.xlsx", "Chidi Zielinski", "--hosted", "11/5/2027")
    run("withdraw", "pairs.xlsx", "Amelia Ashworth", "--reason", "illness")
    run("render", "certificate", "--pairs", "pairs.xlsx", "-o", "docs", "--format", "md")
    rendered = {path.name: path.read_bytes()
                for path in (tmp_path / "docs" / "certificate").iterdir()}
    assert sorted(rendered) == ["amelia-ashworth.md", "chidi-zielinski.md"]
    scheme = load_scheme(tmp_path / "scheme.toml")
    template = load_template("certificate", scheme)
    people = gallery_recipients(template, scheme, tmp_path / "pairs.xlsx", examples=tmp_path)
    paths = output_paths(template, people, "md", tmp_path / "gallery")
    shown = {path.name: data for path, (_, data) in
             zip(paths, render_all(template, people, "md", scheme), strict=True)}
    assert shown == rendered


def test_the_gallery_tells_a_volunteer_of_their_agreed_partner_as_render_does(
        run: Runner, tmp_path: Path) -> None:
    run("render", "preferences-request", "--volunteers", str(EXAMPLES / "volunteers.xlsx"),
        "--scheme", str(EXAMPLES / "scheme.toml"), "-o", "docs", "--format", "md")
    rendered = (tmp_path / "docs" / "preferences-request" / "oliver-pemberton.md").read_bytes()
    assert b"you will be paired with Dr Dara Arkwright" in rendered  # his Partner cell
    scheme = load_scheme(EXAMPLES / "scheme.toml")
    template = load_template("preferences-request", scheme)
    people = gallery_recipients(template, scheme, EXAMPLES / "pairs.xlsx")
    oliver = [person for person in people if person.name == "Dr Oliver Pemberton"]
    [(_, shown)] = render_all(template, oliver, "md", scheme)
    assert shown == rendered


def _docx_text(path: Path) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(path) as book:
        return re.sub(r"<[^>]+>", "", book.read("word/document.xml").decode("utf-8"))


def test_documents_sent_before_the_start_are_dated_before_it_in_the_gallery() -> None:
    # the example starts on 19 April 2027 and asks for replies by 9 April; dated 1 June (the
    # gallery's mid-scheme day), the preferences request asked for a reply two months gone.
    # Each is dated as 'wessex plan --start 2027-04-19' says to send it: the call to action
    # on Mon 15 Mar 2027 (the business case with it), the request on Fri 2 Apr 2027
    for name, sent in (("preferences-request/oliver-pemberton.docx", "2 April 2027"),
                       ("call-to-action-gp.docx", "15 March 2027"),
                       ("business-case.docx", "15 March 2027")):
        text = _docx_text(EXAMPLES / "documents" / name)
        assert sent in text, name
        assert "1 June 2027" not in text, name
    request = _docx_text(EXAMPLES / "documents" / "preferences-request" /
                         "oliver-pemberton.docx")
    assert "reply by Friday 9 April 2027" in " ".join(request.split())
    # a letter of the exchange itself is still shown mid-scheme
    assert "1 June 2027" in _docx_text(EXAMPLES / "documents" / "reminder" /
                                       next(p.name for p in (EXAMPLES / "documents" /
                                                             "reminder").glob("*.docx")))


def test_the_invitation_is_dated_after_the_exchange_in_the_gallery() -> None:
    # 'celebration-invite' is for use from the end of the exchange (Monday 19 July 2027);
    # 'wessex plan' sends it on Tuesday 20 July 2027. Dated 1 June, the gallery's letter
    # celebrated what was learnt from visits that had seven weeks still to run.
    for name in ("amelia-ashworth", "oliver-pemberton"):
        text = _docx_text(EXAMPLES / "documents" / "celebration-invite" / f"{name}.docx")
        assert "20 July 2027" in text, name
        assert "1 June 2027" not in text, name
