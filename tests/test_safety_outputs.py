"""Every file the tool writes, in every format, checked against SPEC's safety promises:

- "Values that a spreadsheet program would run as a formula (=, +, -, @, tab, carriage
  return at the start) are written as text, never as formulas, in every xlsx and csv";
- "HTML is escaped" (and Markdown from the workbook stays literal text) in html, md, docx
  and the bodies of eml files;
- "a header value can never carry a line break".

A roster whose every free-text field is hostile goes through pair, mailmerge, render (all
five formats, several documents) and remind; then every file under the folder is opened
and judged by its kind.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import docx
import pytest
from markdown_it import MarkdownIt

from wessex_cli.mailmerge import write_merge

from .conftest import COMPLETE_SCHEME, Runner

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FULL_WIDTH_START = ("\uff1d", "\uff0b", "\uff0d", "\uff20")  # ＝ ＋ － ＠
SCRIPT = "<script>alert(1)</script>"
MARKDOWN = "**bold** [link](http://evil.example.org) _under_"
HTML_TAG = "<b>Wessex</b> & Co"
# xlsxwriter copied a text shaped as its own rich text into the sheet unescaped: this one
# closed its cell and added a formula cell of its own
RICH = ('<r><t>x</t></r></is></c><c r="Z1"><f>HYPERLINK("http://evil.example.org","x")</f>'
        '</c><c r="Z2" t="inlineStr"><is><r><t>y</t></r>')

PEOPLE: list[dict[str, str]] = [
    {"Name": "Dr Amelia Ashworth", "Email": "amelia.ashworth@nhs.net",
     "Phone": "+44 7700 900001", "Profession": "GP",
     "Organisation": '=HYPERLINK("http://evil.example.org","x")',
     "Specialty": "", "Adjustments": f"{MARKDOWN} {SCRIPT}", "Notes": "-2+3"},
    {"Name": "Dr Isla Okonkwo", "Email": "isla.okonkwo@nhs.net", "Phone": "@SUM(1+1)",
     "Profession": "GP", "Organisation": HTML_TAG, "Specialty": RICH,
     "Adjustments": "\uff1d1+1", "Notes": "\uff20SUM(A1)"},
    {"Name": "Oliver Pemberton", "Email": "oliver.pemberton@nhs.net", "Phone": "-1",
     "Profession": "Consultant", "Organisation": "\uff0bcmd|' /C calc'!A0",
     "Specialty": MARKDOWN, "Adjustments": HTML_TAG, "Notes": "=1+1"},
    {"Name": "Arjun Rasmussen", "Email": "arjun.rasmussen@nhs.net", "Phone": "\uff0d1",
     "Profession": "Consultant", "Organisation": "@Wessex General",
     "Specialty": SCRIPT, "Adjustments": "+ramp please", "Notes": MARKDOWN},
]


def dangerous(cell: str) -> bool:
    """Whether a spreadsheet would run this text as a formula: a formula character at the
    start, looking past leading spaces."""
    return cell.lstrip(" ").startswith(FORMULA_START)


def full_width_dangerous(cell: str) -> bool:
    return cell.lstrip(" ").startswith(FULL_WIDTH_START)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every file written by the commands that carry volunteers' text, by suffix."""
    folder = tmp_path_factory.mktemp("hostile")
    run = Runner(folder)
    (folder / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    with (folder / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(PEOPLE[0]))
        writer.writeheader()
        writer.writerows(PEOPLE)
    run("pair", "v.csv")
    run("mailmerge", "pairs.xlsx", "-o", "merge-pairs.csv")
    run("mailmerge", "pairs.xlsx", "-o", "merge-pairs.xlsx")
    run("mailmerge", "v.csv", "-o", "merge-volunteers.csv")
    run("mailmerge", "v.csv", "-o", "merge-volunteers.xlsx")
    for fmt in ("html", "eml", "md", "txt", "docx"):
        for document in ("partner-introduction", "patient-notice", "reminder"):
            run("render", document, "--pairs", "pairs.xlsx", "--format", fmt, "-o", fmt)
        run("render", "preferences-request", "--volunteers", "v.csv", "--format", fmt,
            "-o", fmt)
    run("remind", "pairs.xlsx", "-o", "reminders")
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "v.csv":
            found.setdefault(path.suffix.lstrip("."), []).append(path)
    return found


def test_every_format_is_written(written: dict[str, list[Path]]) -> None:
    """The checks below see every kind of file the tool writes from volunteers' text."""
    assert {"html", "docx", "eml", "txt", "md", "csv", "xlsx"} <= set(written)
    assert len(written["eml"]) >= 8 and len(written["docx"]) >= 8


def xlsx_cells(path: Path) -> tuple[list[str], list[str]]:
    """(formula elements, string values) straight from the workbook's XML."""
    formulas: list[str] = []
    strings: list[str] = []
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            xml = book.read(name).decode("utf-8")
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                formulas += re.findall(r"<f[ >].*?</f>|<f/>", xml)
                strings += re.findall(r"<is><t[^>]*>(.*?)</t></is>", xml, re.S)
            if name == "xl/sharedStrings.xml":
                strings += re.findall(r"<t[^>]*>(.*?)</t>", xml, re.S)
    return formulas, strings


def test_no_xlsx_cell_is_a_formula(written: dict[str, list[Path]]) -> None:
    """Values a spreadsheet would run as a formula are written as text, never as formulas,
    in every xlsx the tool writes: not one formula cell, and the text is still there."""
    for path in written["xlsx"]:
        formulas, strings = xlsx_cells(path)
        assert formulas == [], (path.name, formulas)
        assert any("HYPERLINK" in s for s in strings), path.name


def csv_cells(path: Path) -> list[str]:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    return [cell for row in rows[1:] for cell in row]


def test_no_csv_cell_starts_a_formula(written: dict[str, list[Path]]) -> None:
    """Values a spreadsheet would run as a formula (=, +, -, @ at the start) are written as
    text in every csv: each such value is neutralised, and its text is kept."""
    for path in written["csv"]:
        cells = csv_cells(path)
        assert [c for c in cells if dangerous(c)] == [], path.name
        assert any(c.endswith('=HYPERLINK("http://evil.example.org","x")') for c in cells)
        assert any(c.endswith("+44 7700 900001") for c in cells)


def test_no_csv_cell_starts_a_full_width_formula(written: dict[str, list[Path]]) -> None:
    """The full-width forms ＝ ＋ － ＠ start a formula too in some spreadsheet programs
    (OWASP CSV injection): neutralised in every csv."""
    for path in written["csv"]:
        assert [c for c in csv_cells(path) if full_width_dangerous(c)] == [], path.name


@pytest.mark.parametrize("value", [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", "   =1+1", " \t@A1", "  -2+3",
    '=HYPERLINK("http://evil.example.org","x")', "=cmd|' /C calc'!A0",
])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_mail_merge_writer_neutralises_every_formula_prefix(tmp_path: Path, value: str,
                                                            suffix: str) -> None:
    """Values a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the
    start, also after leading spaces) are written as text in the mail-merge csv and xlsx."""
    path = tmp_path / f"merge.{suffix}"
    write_merge(path, ["Name", "Notes"], [["Amelia", value]])
    if suffix == "csv":
        cells = csv_cells(path)
        assert not dangerous(cells[1]), cells
        # OWASP: a single quote in front; the text itself kept.
        assert cells[1].startswith("'") and cells[1].endswith(value.lstrip(" \t\r")), cells
        assert len(cells[1]) <= len(value) + 1, cells
    else:
        formulas, strings = xlsx_cells(path)
        assert formulas == []
        assert any(s.endswith(value.lstrip(" \t\r").replace("&", "&amp;")
                              .replace("<", "&lt;").replace('"', "&quot;"))
                   or value.lstrip(" \t\r") in s for s in strings), strings


@pytest.mark.parametrize("notes", [RICH, "<r></r>", "<r>&amp;</r>"])
def test_text_shaped_as_rich_text_is_written_as_typed(tmp_path: Path, notes: str) -> None:
    """A text that begins "<r>" and ends "</r>" is text like any other in every workbook
    written: no formula, and both readers read it back exactly as typed."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    path = tmp_path / "merge.xlsx"
    write_merge(path, ["Name", "Notes"], [["Amelia", notes], [notes, "x"]])
    assert xlsx_cells(path)[0] == []
    with CalamineWorkbook.from_path(str(path)) as book:
        rows = book.get_sheet_by_index(0).to_python()
    assert [row[:2] for row in rows[-2:]] == [["Amelia", notes], [notes, "x"]]
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [[c.value for c in row][:2] for row in sheet.iter_rows()][-2:] == \
        [["Amelia", notes], [notes, "x"]]


# One character more than a cell holds, so that the text as stored (cut to 32,767) is the
# rich-text shape even though the text as typed is not
_CUT_TO_RICH = RICH[:-len("</t></r>")] + "y" * (32_767 - len(RICH)) + "</t></r>!"


@pytest.mark.parametrize("place", ["note", "header", "middle", "last"])
@pytest.mark.parametrize("typed", [_CUT_TO_RICH, "<r>see _x0041_ and \x01 here</r>",
                                   "<r>" + "x" * 32_761 + "</r>"])
def test_text_shaped_as_rich_text_reads_back_in_every_place(tmp_path: Path, typed: str,
                                                            place: str) -> None:
    """Wherever a cell is (the note above a table, a header, a row the tool writes itself
    or the last one, which xlsxwriter writes), text shaped as rich text, once cut to what a
    cell holds, adds nothing to the workbook and reads back as typed (cut, if need be, but
    never lost)."""
    from python_calamine import CalamineWorkbook

    from wessex_cli.xlsx_out import SheetSpec, write_workbook

    rows: list[list[Any]] = [["a", "b"], ["c", "d"], ["e", "f"]]
    headers, note = ["Name", "Notes"], ""
    if place == "note":
        note = typed
    elif place == "header":
        headers[1] = typed
    else:
        rows[1 if place == "middle" else 2][1] = typed
    path = tmp_path / "book.xlsx"
    write_workbook(path, [SheetSpec("Pairs", headers, rows, note=note)])
    assert xlsx_cells(path)[0] == []
    with zipfile.ZipFile(path) as book:
        assert '<c r="Z1"' not in book.read("xl/worksheets/sheet1.xml").decode()
    with CalamineWorkbook.from_path(str(path)) as book:
        read = [str(cell) for row in book.get_sheet_by_index(0).to_python() for cell in row]
    stored = next(cell for cell in read if cell.startswith("<r>"))
    expected = typed[:32_767]
    assert stored == expected or (expected.startswith(stored) and len(stored) > 32_000)


_AMPERSANDS = "<r>" + "&" * 32_760 + "</r>"
_WIDE = "<r>" + "&" * 2_500 + "\U0001F600" * 10_047 + "a" * 10_159 + "</r>"


@pytest.mark.parametrize(("typed", "kept"), [
    # a cell holds 32,767 UTF-16 units, 35 of them the run's tags: "&" takes five once
    # escaped (&amp;), "<" and ">" four, a character beyond U+FFFF two
    (_AMPERSANDS, "<r>" + "&" * 6_544),  # 9 + 6,544 x 5 = 32,729 of 32,732
    (_WIDE, "<r>" + "&" * 2_500 + "\U0001F600" * 10_047 + "a" * 129),  # 32,603 + 129
])
def test_text_shaped_as_rich_text_too_long_once_escaped_keeps_all_that_fits(
        tmp_path: Path, typed: str, kept: str) -> None:
    """The run is cut once, at the longest start that fits: not to nothing (each cut once
    assumed a character took two places), and not a character at a time (minutes)."""
    from python_calamine import CalamineWorkbook

    from wessex_cli.xlsx_out import SheetSpec, write_workbook

    path = tmp_path / "book.xlsx"
    write_workbook(path, [SheetSpec("Pairs", ["Name", "Notes"], [["a", "b"], ["c", typed]])])
    with CalamineWorkbook.from_path(str(path)) as book:
        assert book.get_sheet_by_index(0).to_python()[-1][1] == kept


@pytest.mark.parametrize("value", ["Dr Amelia Ashworth", "X=1", "1+1", "Cardiology - adult",
                                   "amelia@nhs.net", "'quoted", "Xavier =1"])
def test_text_that_is_no_formula_is_written_as_typed(tmp_path: Path, value: str) -> None:
    """Neutralisation is only for values a spreadsheet would run as a formula: other text
    reaches the csv exactly as typed."""
    path = tmp_path / "merge.csv"
    write_merge(path, ["Name", "Notes"], [["Amelia", value]])
    assert csv_cells(path) == ["Amelia", value]


def check_html(html: str, where: str) -> None:
    """HTML is escaped; Markdown from the workbook is shown, not obeyed."""
    assert "<script" not in html, where
    assert "<b>Wessex</b>" not in html, where
    assert "evil.example.org\"" not in html and "href=\"http://evil" not in html, where
    assert "<strong>bold</strong>" not in html and "<em>under</em>" not in html, where


def test_html_files_escape_html_and_markdown(written: dict[str, list[Path]]) -> None:
    """HTML is escaped in every html file: no tag, link or emphasis from a volunteer's text."""
    seen = ""
    for path in written["html"]:
        html = path.read_text("utf-8")
        check_html(html, path.name)
        seen += html
    assert "&lt;script&gt;" in seen and "&lt;b&gt;Wessex&lt;/b&gt; &amp; Co" in seen
    assert "**bold** [link](http://evil.example.org)" in seen


def test_markdown_files_render_literally(written: dict[str, list[Path]]) -> None:
    """A Markdown file shows a volunteer's text as typed: rendered by a Markdown viewer it
    has no tag, link or emphasis that came from the workbook."""
    parser = MarkdownIt("commonmark")
    for path in written["md"]:
        check_html(parser.render(path.read_text("utf-8")), path.name)


def docx_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def check_docx(data: bytes, where: str) -> str:
    document = docx.Document(io.BytesIO(data))
    targets = [rel.target_ref for rel in document.part.rels.values()]
    assert not any("evil" in t for t in targets), where
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip() in {"bold", "under", "Wessex"}:
                assert not run.bold and not run.italic, where
    text = docx_text(document)
    assert "\\*" not in text and "\\<" not in text and "&lt;" not in text, where
    return text


def test_docx_files_show_text_as_typed(written: dict[str, list[Path]]) -> None:
    """Word letters: no link, bold or italic comes from a volunteer's text, and the text is
    shown as typed (no Markdown or HTML escapes)."""
    seen = "".join(check_docx(path.read_bytes(), path.name) for path in written["docx"])
    assert SCRIPT in seen and "**bold** [link](http://evil.example.org)" in seen
    assert HTML_TAG in seen


def test_eml_headers_and_bodies_are_safe(written: dict[str, list[Path]]) -> None:
    """E-mails: a header value never carries a line break; HTML is escaped in the html body,
    the plain body shows the text as typed, and attached Word files are safe too."""
    plain_seen = ""
    for path in written["eml"]:
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert isinstance(message, EmailMessage)
        for header, value in message.items():
            assert "\n" not in str(value) and "\r" not in str(value), (path.name, header)
        assert len(message["To"].addresses) == 1
        html = message.get_body(("html",))
        plain = message.get_body(("plain",))
        assert html is not None and plain is not None
        check_html(html.get_content(), path.name)
        text = plain.get_content()
        assert "\\*" not in text and "&lt;" not in text, path.name
        plain_seen += text
        for attachment in message.iter_attachments():
            if (attachment.get_filename() or "").endswith(".docx"):
                check_docx(attachment.get_content(), f"{path.name}: attachment")
    assert SCRIPT in plain_seen and HTML_TAG in plain_seen


def test_text_files_show_text_as_typed(written: dict[str, list[Path]]) -> None:
    """Plain-text letters carry no escape characters: the text reads as typed."""
    text = "".join(p.read_text("utf-8") for p in written["txt"])
    assert "\\*" not in text and "&lt;" not in text and "&amp;" not in text
    assert HTML_TAG in text and "**bold** [link](http://evil.example.org)" in text


def test_letters_show_formula_like_text_without_an_apostrophe(
        written: dict[str, list[Path]]) -> None:
    """Neutralisation is for spreadsheets only: a letter shows the telephone number
    "+44 7700 900001" as typed, never with an apostrophe in front."""
    for suffix in ("txt", "md", "html"):
        text = "".join(unicodedata.normalize("NFC", p.read_text("utf-8"))
                       for p in written[suffix])
        assert "+44 7700 900001" in text
        assert "'+44 7700 900001" not in text and "&#39;+44" not in text, suffix
