"""The pairs workbook as a record (issue 10): plans are not visits, what Excel computed and
what LibreOffice left behind survives a save, writes land on the real file, a killed
command does not lock anyone out, backups are each workbook's own and complete, drop-outs
are handled end to end, and the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from wessex_cli import safe_write, sheet_rows

from .conftest import Runner, newest_backup, person, write_book

TODAY = "2027-05-20"  # mid-exchange: the scheme runs 19 April to 19 July 2027
DRAFT = "--allow-placeholders"  # these tests are about files, not the settings letters print


def people() -> list[dict[str, object]]:
    gps = [person(f"Dr GP {i}", f"gp{i}@example.org", "GP", Organisation=f"Practice {i}")
           for i in range(4)]
    return gps + [person(f"Consultant {i}", f"c{i}@example.org", "Consultant",
                         Organisation="Hospital") for i in range(4)]


@pytest.fixture
def paired(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    write_book(tmp_path / "v.xlsx", people())
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    return tmp_path / "pairs.xlsx"


def columns(sheet: object) -> dict[str, int]:
    return {c.value: c.column for c in sheet[1] if c.value}  # type: ignore[attr-defined]


def row_of(path: Path, email: str) -> tuple[int, str]:
    """(row, side) of the pair where ``email`` is person A or B."""
    sheet = openpyxl.load_workbook(path)["Pairs"]
    col = columns(sheet)
    for r in range(2, sheet.max_row + 1):
        for side in "AB":
            if sheet.cell(r, col[f"{side} email"]).value == email:
                return r, side
    raise AssertionError(email)


def status_json(run: Runner) -> dict[str, object]:
    result: dict[str, object] = json.loads(run("status", "pairs.xlsx", "--json").stdout)
    return result


def visits_of(data: dict[str, object], host: str) -> dict[str, object]:
    for pair in data["pairs"]:  # type: ignore[attr-defined]
        for visit in pair["visits"]:
            if visit["host"] == host:
                return dict(visit)
    raise AssertionError(host)


# 1. Planned is not done ---------------------------------------------------------------------

def test_a_plan_is_never_done_and_a_passed_plan_is_still_owed(
        run: Runner, paired: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("visit", "pairs.xlsx", "gp0@example.org", "--planned", "30/6/2027")
    data = status_json(run)
    assert visits_of(data, "gp0@example.org") == {"host": "gp0@example.org", "visitor":
                                                  visits_of(data, "gp0@example.org")["visitor"],
                                                  "date": "2027-06-30", "done": False,
                                                  "state": "planned"}
    assert "planned for 30 Jun" in run("status", "pairs.xlsx").stdout
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-02")
    assert visits_of(status_json(run), "gp0@example.org")["state"] == "unconfirmed"
    shown = run("status", "pairs.xlsx").stdout
    assert "planned 30 Jun — not confirmed" in shown
    assert json.loads(run("status", "pairs.xlsx", "--json").stdout)["summary"]["visits_owed"] == 8
    out = run("remind", DRAFT, "pairs.xlsx", "-o", "r")
    assert "Dr GP 0" in out.stdout  # a passed plan is owed: its host is reminded


def test_a_visit_dated_in_the_future_gets_no_certificate(run: Runner, paired: Path) -> None:
    """Ticked done in Excel but dated next month: a plan, so no certificate and a warning."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    for title, value in (("A hosts B: date", dt.datetime(2027, 5, 4)), ("A hosts B: done", "yes"),
                         ("B hosts A: date", dt.datetime(2027, 6, 10)),
                         ("B hosts A: done", "yes")):
        sheet.cell(2, col[title]).value = value
    book.save(paired)
    result = run("render", DRAFT, "certificate", "--pairs", "pairs.xlsx", "-o", "docs")
    assert "Nobody needs" in result.stdout and not (paired.parent / "docs").exists()
    assert "still to come" in result.output


@pytest.mark.parametrize(("date", "today", "why"), [
    ("30/5/2027", TODAY, "is still to come (today is 20 May 2027)"),
    ("1/4/2027", TODAY, "is before the exchange starts (19 April 2027)"),
    ("1/5/2027", "2028-06-01", "is more than a year from today"),
])
def test_doubtful_hosted_dates_need_force(run: Runner, paired: Path,
                                          monkeypatch: pytest.MonkeyPatch, date: str,
                                          today: str, why: str) -> None:
    monkeypatch.setenv("WESSEX_TODAY", today)
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", date, code=1)
    assert why in result.output and "--force" in result.output
    # --planned is advice only for a date still to come, not for one in the past
    assert ("--planned" in result.output) == (date == "30/5/2027")
    assert paired.read_bytes() == before
    run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", date, "--force")
    monkeypatch.setenv("WESSEX_TODAY", "2028-06-01")  # after every one of these dates
    assert visits_of(status_json(run), "gp1@example.org")["done"] is True


def test_replacing_a_date_says_what_it_replaced(run: Runner, paired: Path) -> None:
    run("visit", "pairs.xlsx", "gp2@example.org", "--planned", "30/6/2027")
    moved = run("visit", "pairs.xlsx", "gp2@example.org", "--planned", "2/7/2027").stdout
    assert "replacing the plan for 30 June 2027" in moved
    done = run("visit", "pairs.xlsx", "gp2@example.org", "--hosted", "18/5/2027").stdout
    assert "replacing the plan for 2 July 2027" in done
    fixed = run("visit", "pairs.xlsx", "gp2@example.org", "--hosted", "19/5/2027").stdout
    assert "replacing the visit recorded as done on 18 May 2027" in fixed
    refused = run("visit", "pairs.xlsx", "gp2@example.org", "--planned", "1/7/2027", code=1)
    assert "already recorded as done on 19 May 2027" in refused.output


# 2. What Excel computed, and what LibreOffice left ------------------------------------------

def with_cached_formula(path: Path, cell: str, formula: str, cached: str,
                        array: bool = False) -> None:
    """Put a formula with a cached text result into the Pairs sheet, as Excel saves it
    (``array``: as a one-cell array formula, as Excel 365 saves one that could spill)."""
    book = openpyxl.load_workbook(path)
    book["Pairs"][cell] = formula
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode()
    pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*(?:/>|></v>)</c>')
    kind = f' t="array" ref="{cell}"' if array else ""
    assert pattern.search(xml), xml[:400]
    parts[name] = pattern.sub(
        lambda m: f'<c r="{cell}"{m.group(1)} t="str"><f{kind}>{m.group(2)}</f>'
                  f'<v>{cached}</v></c>',
        xml).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("array", [False, True])
def test_formula_cells_read_as_shown_and_survive_another_visit(run: Runner, paired: Path,
                                                                array: bool) -> None:
    row, side = row_of(paired, "gp3@example.org")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    col = columns(sheet)
    other = "B" if side == "A" else "A"
    date_cell = sheet.cell(row, col[f"{side} hosts {other}: date"]).coordinate
    done_cell = sheet.cell(row, col[f"{side} hosts {other}: done"]).coordinate
    book = openpyxl.load_workbook(paired)
    book["Pairs"][date_cell] = dt.datetime(2027, 5, 6)
    book.save(paired)
    with_cached_formula(paired, done_cell, f'=IF({date_cell}<>"","yes","no")', "yes", array)
    assert visits_of(status_json(run), "gp3@example.org")["done"] is True
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")  # another row
    data = status_json(run)
    assert visits_of(data, "gp3@example.org")["done"] is True  # still done, not owed
    assert visits_of(data, "gp0@example.org")["done"] is True
    after = openpyxl.load_workbook(paired)["Pairs"][done_cell].value
    text = after.text if array else after
    assert text == f'=IF({date_cell}<>"","yes","no")'  # the formula itself is kept too
    refused = run("visit", "pairs.xlsx", "gp3@example.org", "--hosted", "7/5/2027", code=1)
    assert f"Pairs!{done_cell}" in refused.output and "formula" in refused.output


def test_comments_and_an_empty_drawing_are_kept(run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["B2"].comment = Comment("Prefers Tuesdays", "Administrator")
    book.save(paired)
    with zipfile.ZipFile(paired, "a") as archive:  # what a LibreOffice re-save leaves
        archive.writestr("xl/drawings/drawing1.xml",
                         '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/'
                         'drawingml/2006/spreadsheetDrawing"/>')
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    after = openpyxl.load_workbook(paired)["Pairs"]["B2"].comment
    assert after is not None and after.text == "Prefers Tuesdays"


def with_ignored_errors(path: Path, marks: str) -> None:
    """Add Excel's "Ignore error" list (``marks``: its <ignoredError> elements) to the Pairs
    sheet, where Excel writes it: after the page margins, before the drawing of notes."""
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode()
    at = xml.index("<legacyDrawing") if "<legacyDrawing" in xml else xml.index("</worksheet>")
    parts[name] = (xml[:at] + f"<ignoredErrors>{marks}</ignoredErrors>" + xml[at:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def ignored_errors(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """The Pairs sheet's "Ignore error" marks (attributes), and its elements' names in order."""
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    marks = [dict(e.attrib) for e in root.iter(f"{main}ignoredError")]
    return marks, [child.tag.removeprefix(main) for child in root]


def test_ignore_error_marks_survive_a_visit_and_move_with_a_withdrawn_row(
        run: Runner, paired: Path) -> None:
    """Phone numbers typed as text show Excel's green triangle; the administrator's "Ignore
    error" on them was dropped by every save. The marks are kept, in the place the schema
    gives them (Excel repairs a file with them elsewhere), and move up with the rows below
    a withdrawn pair, as Excel moves them when a row is deleted."""
    row, _ = row_of(paired, "gp0@example.org")
    book = openpyxl.load_workbook(paired)
    book["Pairs"]["B2"].comment = Comment("Prefers Tuesdays", "Administrator")  # a drawing
    book.save(paired)
    with_ignored_errors(paired, f'<ignoredError sqref="D2:D5 L{row}" numberStoredAsText="1"/>'
                                f'<ignoredError sqref="W{row + 1}" twoDigitTextYear="1"/>')
    run("visit", "pairs.xlsx", "c1@example.org", "--hosted", "10/5/2027")
    marks, order = ignored_errors(paired)
    assert marks == [{"sqref": f"D2:D5 L{row}", "numberStoredAsText": "1"},
                     {"sqref": f"W{row + 1}", "twoDigitTextYear": "1"}]
    assert order.index("pageMargins") < order.index("ignoredErrors") < \
        order.index("legacyDrawing")
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    marks, _ = ignored_errors(paired)
    # D2:D5 spans the deleted row: one row shorter; L on that row alone: gone; W below: up
    assert marks == [{"sqref": "D2:D4", "numberStoredAsText": "1"},
                     {"sqref": f"W{row}", "twoDigitTextYear": "1"}]
    run("status", "pairs.xlsx")  # the sheet still reads


def test_a_cell_style_of_a_libreoffice_workbook_stays_linked(run: Runner, paired: Path) -> None:
    """LibreOffice lists unnamed style formats between the named ones ("Follow up" at
    position 20 of 21, with 7 names). openpyxl kept the 7 named ones, numbered 0 to 6, and
    left the cell pointing at 20: past the end, so openpyxl could not read the cell's style
    back and Excel would offer to repair the file."""
    from openpyxl.styles import NamedStyle

    book = openpyxl.load_workbook(paired)
    book.add_named_style(NamedStyle("Follow up"))
    book["Pairs"]["B3"].style = "Follow up"
    book.save(paired)
    with zipfile.ZipFile(paired) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    styles = parts["xl/styles.xml"].decode()
    # as LibreOffice writes it: 14 unnamed formats after the first, the named ones after them
    first = re.search(r"<cellStyleXfs count=\"(\d+)\">(<xf [^>]*?(?:/>|>.*?</xf>))", styles)
    assert first is not None
    count = int(first.group(1))
    styles = styles.replace(first.group(0), f'<cellStyleXfs count="{count + 14}">' +
                            first.group(2) * 15)
    styles = re.sub(r'xfId="([1-9][0-9]*)"', lambda m: f'xfId="{int(m.group(1)) + 14}"',
                    styles)
    parts["xl/styles.xml"] = styles.encode()
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    # (openpyxl itself cannot read that cell's style: IndexError, as after a save before)
    run("visit", "pairs.xlsx", "c1@example.org", "--hosted", "10/5/2027")
    assert openpyxl.load_workbook(paired)["Pairs"]["B3"].style == "Follow up"
    with zipfile.ZipFile(paired) as archive:
        styles = archive.read("xl/styles.xml").decode()
    listed = re.search(r'<cellStyleXfs count="(\d+)"', styles)
    formats = re.search(r"<cellXfs.*?</cellXfs>", styles, re.S)
    assert listed is not None and formats is not None
    assert all(int(n) < int(listed.group(1))
               for n in re.findall(r'xfId="(\d+)"', formats.group(0)))


# What Microsoft 365 and SharePoint write, as they write it (MS-OI29500 3.4.1.5, MS-OFFCRYPTO
# 2.6.4; ECMA-376 Part 1 15.2.5): the label from the package, the library's items from the
# workbook, each item with its properties part and its own relations
LABELS = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
CUSTOM_PROPERTIES = \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
LABEL_TYPE = "application/vnd.ms-office.classificationlabels+xml"
ITEM_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
SHAREPOINT_PARTS = {
    "docMetadata/LabelInfo.xml":
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<clbl:labelList xmlns:clbl='
        b'"http://schemas.microsoft.com/office/2020/mipLabelMetadata"><clbl:label id="{3de9faa6-'
        b'9fe1-49b3-9a08-227a296b54a6}" enabled="1" method="Privileged" siteId="{37c354b2-85b0-'
        b'47f5-b222-07b48d774ee3}" contentBits="0" removed="0"/></clbl:labelList>',
    "customXml/item1.xml":
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><p:properties xmlns:p="http://'
        b'schemas.microsoft.com/office/2006/metadata/properties" xmlns:xsi="http://www.w3.org/'
        b'2001/XMLSchema-instance"><documentManagement><RetentionPeriod xmlns="7c1f">7 years'
        b'</RetentionPeriod></documentManagement></p:properties>',
    "customXml/item2.xml":
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ct:contentTypeSchema ct:_="" '
        b'ma:_="" ma:contentTypeName="Document" ma:contentTypeID="0x0101005F2C" xmlns:ct="http://'
        b'schemas.microsoft.com/office/2006/metadata/contentType" xmlns:ma="http://schemas.'
        b'microsoft.com/office/2006/metadata/properties/metaAttributes"/>',
    "customXml/item3.xml":
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><?mso-contentType?><FormTemplates'
        b' xmlns="http://schemas.microsoft.com/sharepoint/v3/contenttype/forms"><Display>'
        b'DocumentLibraryForm</Display></FormTemplates>',
    **{f"customXml/itemProps{n}.xml":
       f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n<ds:datastoreItem ds:itemID='
       f'"{{AAAA111{n}-2222-3333-4444-555566667777}}" xmlns:ds="http://schemas.openxmlformats.'
       f'org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>'.encode()
       for n in (1, 2, 3)},
    **{f"customXml/_rels/item{n}.xml.rels":
       f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://'
       f'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
       f'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" '
       f'Target="itemProps{n}.xml"/></Relationships>'.encode() for n in (1, 2, 3)},
}
MSIP = ('<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        'name="MSIP_Label_3de9faa6-9fe1-49b3-9a08-227a296b54a6_Enabled">'
        '<vt:lpwstr>true</vt:lpwstr></property>')


def edit_parts(path: Path, edit: dict[str, Callable[[str], str]],
               added: dict[str, bytes] | None = None) -> None:
    """Change parts of the workbook (each through its function on the part's text) and add
    others, rewriting its zip as Excel would."""
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    for name, change in edit.items():
        parts[name] = change(parts[name].decode()).encode()
    parts.update(added or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def before_end(end: str, xml: str) -> Callable[[str], str]:
    """A change that puts ``xml`` before the closing tag ``end``."""
    return lambda text: text.replace(end, xml + end)


def labelled_as_excel_does(path: Path, sharing: str = '<fileSharing readOnlyRecommended="1"/>',
                           protection: str = "") -> None:
    """A sensitivity label, SharePoint's three items and "Always open read-only" (``sharing``:
    the <fileSharing> element), added to the workbook as Excel 365 saves them; the Ids are
    Excel's, free in the workbook as 'wessex pair' wrote it."""
    with zipfile.ZipFile(path) as archive:
        relations = archive.read("xl/_rels/workbook.xml.rels").decode()
        assert 'Id="rId7"' not in relations and 'Id="rId6"' in relations
        assert 'Id="rId4"' not in archive.read("_rels/.rels").decode()
    items = "".join(f'<Relationship Id="rId{6 + n}" Type="{CUSTOM_XML}" '
                    f'Target="../customXml/item{n}.xml"/>' for n in (1, 2, 3))
    types = "".join(f'<Override PartName="/customXml/itemProps{n}.xml" '
                    f'ContentType="{ITEM_PROPS_TYPE}"/>' for n in (1, 2, 3))
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="http:'
              '//schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http:'
              f'//schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{MSIP}</Properties>')
    edit_parts(path, {
        "_rels/.rels": before_end("</Relationships>", (
            f'<Relationship Id="rId4" Type="{LABELS}" Target="docMetadata/LabelInfo.xml"/>'
            f'<Relationship Id="rId5" Type="{CUSTOM_PROPERTIES}" Target="docProps/custom.xml"/>')),
        "xl/_rels/workbook.xml.rels": before_end("</Relationships>", items),
        "[Content_Types].xml": before_end("</Types>", (
            f'<Override PartName="/docMetadata/LabelInfo.xml" ContentType="{LABEL_TYPE}"/>'
            '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.'
            f'openxmlformats-officedocument.custom-properties+xml"/>{types}')),
        "xl/workbook.xml": lambda text: re.sub(
            r"(<fileVersion[^>]*/>)(<workbookPr[^>]*/>)", rf"\g<1>{sharing}\g<2>{protection}",
            text, count=1),
    }, {**SHAREPOINT_PARTS, "docProps/custom.xml": custom.encode()})
    assert sharing in zipfile.ZipFile(path).read("xl/workbook.xml").decode()


def package_as_saved(path: Path) -> tuple[dict[str, bytes], list[tuple[str, str, str]],
                                          list[tuple[str, str, str]], dict[str, str], str]:
    """The label's and SharePoint's parts, the relations of the package and of the workbook
    (Id, kind, target), the Overrides of the content types, and xl/workbook.xml."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}

    def relations(name: str) -> list[tuple[str, str, str]]:
        return [(r.get("Id", ""), r.get("Type", ""), r.get("Target", ""))
                for r in ElementTree.fromstring(parts[name])]

    overrides = [(o.get("PartName", ""), o.get("ContentType", ""))
                 for o in ElementTree.fromstring(parts["[Content_Types].xml"])
                 if o.tag.endswith("Override")]
    assert len(overrides) == len(dict(overrides))  # none listed twice
    return ({n: d for n, d in parts.items() if n.startswith(("customXml/", "docMetadata/"))},
            relations("_rels/.rels"), relations("xl/_rels/workbook.xml.rels"), dict(overrides),
            parts["xl/workbook.xml"].decode())


def opens_everywhere(path: Path, tmp_path: Path) -> None:
    """openpyxl and python-calamine read the workbook, and so does LibreOffice, when there."""
    from python_calamine import CalamineWorkbook

    assert "Pairs" in openpyxl.load_workbook(path).sheetnames
    assert CalamineWorkbook.from_path(str(path)).sheet_names[0] == "Pairs"
    if shutil.which("soffice"):
        out = tmp_path / "pdf"
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(out), str(path)],
                       check=True, capture_output=True, timeout=120)
        assert (out / f"{path.stem}.pdf").read_bytes().startswith(b"%PDF")


def test_a_sensitivity_label_and_sharepoint_metadata_survive_a_visit_and_a_withdrawal(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """Microsoft 365 labels the workbook ("OFFICIAL-SENSITIVE") in docMetadata/LabelInfo.xml
    and SharePoint keeps its columns in customXml; openpyxl dropped both on every save, and
    with them Excel's label (only the MSIP_ custom properties stayed) and the file's place in
    its library. They are copied back byte for byte, with the relations and content types
    openpyxl left out, under Ids of their own where openpyxl's use Excel's."""
    labelled_as_excel_does(paired)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    parts, package, workbook, overrides, workbook_xml = package_as_saved(paired)
    assert parts == SHAREPOINT_PARTS
    # openpyxl gave rId4 to the custom properties: the label, Excel's rId4, takes rId5
    assert package == [
        ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                 "officeDocument", "xl/workbook.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                 "core-properties", "docProps/core.xml"),
        ("rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                 "extended-properties", "docProps/app.xml"),
        ("rId4", CUSTOM_PROPERTIES, "docProps/custom.xml"),
        ("rId5", LABELS, "docMetadata/LabelInfo.xml")]
    # four sheets, styles and theme are openpyxl's rId1 to rId6: Excel's Ids are free
    assert workbook[6:] == [("rId7", CUSTOM_XML, "../customXml/item1.xml"),
                            ("rId8", CUSTOM_XML, "../customXml/item2.xml"),
                            ("rId9", CUSTOM_XML, "../customXml/item3.xml")]
    assert [r[0] for r in workbook[:6]] == [f"rId{n}" for n in range(1, 7)]
    assert overrides["/docMetadata/LabelInfo.xml"] == LABEL_TYPE
    assert [overrides[f"/customXml/itemProps{n}.xml"] for n in (1, 2, 3)] == \
        [ITEM_PROPS_TYPE] * 3
    assert "/customXml/item1.xml" not in overrides  # Excel's Default for .xml covers it
    # the label's copy in the custom properties is openpyxl's to keep, and it does
    assert openpyxl.load_workbook(paired).custom_doc_props[
        "MSIP_Label_3de9faa6-9fe1-49b3-9a08-227a296b54a6_Enabled"].value == "true"
    assert re.search(r'^<workbook [^>]*><fileSharing readOnlyRecommended="1"/><workbookPr',
                     workbook_xml)
    assert visits_of(status_json(run), "gp0@example.org")["done"] is True

    run("withdraw", "pairs.xlsx", "c1@example.org", "--reason", "moved away")
    parts, package, workbook, overrides, workbook_xml = package_as_saved(paired)
    assert parts == SHAREPOINT_PARTS
    assert package[4] == ("rId5", LABELS, "docMetadata/LabelInfo.xml") and len(package) == 5
    # a fifth sheet (Withdrawn) gives openpyxl's theme rId7: item 1 takes the first Id free
    assert [r[0] for r in workbook[:7]] == [f"rId{n}" for n in range(1, 8)]
    assert workbook[7:] == [("rId10", CUSTOM_XML, "../customXml/item1.xml"),
                            ("rId8", CUSTOM_XML, "../customXml/item2.xml"),
                            ("rId9", CUSTOM_XML, "../customXml/item3.xml")]
    assert overrides["/docMetadata/LabelInfo.xml"] == LABEL_TYPE
    assert workbook_xml.count("<fileSharing") == 1
    opens_everywhere(paired, tmp_path)


def test_read_only_recommended_and_the_password_to_modify_are_kept_beside_protection(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """openpyxl drops <fileSharing> whole: "Always open read-only", who reserved the file and
    the password to modify. It is put back as it was (its text escaped); the protection of
    the workbook's structure openpyxl keeps and writes itself, once."""
    sharing = ('<fileSharing readOnlyRecommended="1" userName="J &quot;Jo&quot; O\'Neil &amp; '
               '&lt;Co&gt;" algorithmName="SHA-512" hashValue="q1Xz/9+AbA==" saltValue="c2FsdA=='
               '" spinCount="100000"/>')
    protection = ('<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="aGFzaA=='
                  '" workbookSaltValue="c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>')
    labelled_as_excel_does(paired, sharing, protection)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    root = ElementTree.fromstring(package_as_saved(paired)[4])
    order = [child.tag.removeprefix(main) for child in root]
    assert order[:4] == ["fileSharing", "workbookPr", "workbookProtection", "bookViews"]
    assert dict(root[0].attrib) == {
        "readOnlyRecommended": "1", "userName": "J \"Jo\" O'Neil & <Co>",
        "algorithmName": "SHA-512", "hashValue": "q1Xz/9+AbA==", "saltValue": "c2FsdA==",
        "spinCount": "100000"}
    assert dict(root[2].attrib) == {
        "workbookAlgorithmName": "SHA-512", "workbookHashValue": "aGFzaA==",
        "workbookSaltValue": "c2FsdA==", "workbookSpinCount": "100000", "lockStructure": "1"}
    opens_everywhere(paired, tmp_path)


def test_a_label_or_library_part_not_named_as_excel_names_it_is_refused(
        run: Runner, paired: Path) -> None:
    """Only parts named as Excel names them are copied back: any other in those folders
    would be lost, so the workbook is refused, the part named."""
    labelled_as_excel_does(paired)
    edit_parts(paired, {}, {"customXml/item4.xml.bak": b"<x/>"})
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert "document metadata under a name Excel does not use (customXml/item4.xml.bak)" in \
        " ".join(result.output.split())
    assert paired.read_bytes() == before


def test_metadata_is_put_back_only_where_openpyxl_left_room() -> None:
    """What a hostile workbook holds cannot take the place of what openpyxl wrote: no part,
    relation or content type of openpyxl's is replaced or listed twice, a relation to one of
    openpyxl's parts is not added, an Id that is not one is replaced, and <fileSharing>
    attributes that are not of their type are left out."""
    from wessex_cli.package_metadata import Metadata, Relation, restored_package

    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Type="{CUSTOM_XML}" Target="/customXml/item2.xml" Id="rId1"/>'
            "</Relationships>")
    saved = {
        "customXml/Item1.xml": b"openpyxl's",
        "customXml/item2.xml": b"openpyxl's too",
        "xl/_rels/workbook.xml.rels": rels.encode(),
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Override PartName="/customXml/ITEMPROPS1.xml" '
                               b'ContentType="application/xml"/></Types>',
        "xl/workbook.xml": b'<workbook xmlns="x"><workbookPr/><sheets/></workbook>',
    }
    metadata = Metadata(
        parts={"customXml/item1.xml": b"hostile", "customXml/item2.xml": b"hostile",
               "customXml/itemProps1.xml": b"<p/>", "customXml/item3.xml": b"<i/>"},
        relations={"xl/_rels/workbook.xml.rels": [
            Relation("rId1", CUSTOM_XML, "customXml/item2.xml"),  # openpyxl's already
            Relation('x" Target="evil', CUSTOM_XML, "customXml/item3.xml"),
            Relation("rId3", CUSTOM_XML, "customXml/item3.xml"),  # the same again
            Relation("rId9", CUSTOM_XML, "xl/styles.xml")]},  # not a part copied back
        content_types={"customXml/itemProps1.xml": ITEM_PROPS_TYPE,
                       "customXml/item3.xml": "application/xml"},
        sharing={"readOnlyRecommended": "1"})
    changed = restored_package(metadata, saved)
    assert changed == {
        "customXml/itemProps1.xml": b"<p/>", "customXml/item3.xml": b"<i/>",
        "xl/_rels/workbook.xml.rels": rels.replace("</Relationships>", (
            f'<Relationship Id="rId2" Type="{CUSTOM_XML}" Target="../customXml/item3.xml"/>'
            "</Relationships>")).encode(),
        "[Content_Types].xml": saved["[Content_Types].xml"].replace(b"</Types>", (
            b'<Override PartName="/customXml/item3.xml" ContentType="application/xml"/>'
            b"</Types>")),
        "xl/workbook.xml": b'<workbook xmlns="x"><fileSharing readOnlyRecommended="1"/>'
                           b"<workbookPr/><sheets/></workbook>"}
    # a later openpyxl that writes <fileSharing> itself, and the parts: nothing to put back
    assert restored_package(metadata, {**saved, **changed}) == {}


def test_file_sharing_is_read_only_as_its_types_allow(tmp_path: Path) -> None:
    """An attribute of <fileSharing> that is not of its type, or not one Excel writes, is
    not kept; the label's and library's parts are read by name alone."""
    from wessex_cli.package_metadata import read_metadata

    path = tmp_path / "book.xlsx"
    openpyxl.Workbook().save(path)
    edit_parts(path, {"xl/workbook.xml": lambda text: text.replace("<workbookPr", (
        '<fileSharing readOnlyRecommended="yes" userName="A&#9;B" reservationPassword="CC1A" '
        'hashValue="not base64!" spinCount="-1" onload="x"/><workbookPr'))},
        {"customXml/item1.xml": b"<a/>", "customXml/../evil.xml": b"<b/>",
         "customxml/item2.xml": b"<c/>", "docMetadata/LabelInfo.xml.rels": b"<d/>"})
    found = read_metadata(path)
    assert found.sharing == {"userName": "A\tB", "reservationPassword": "CC1A"}
    assert found.parts == {"customXml/item1.xml": b"<a/>"}
    assert found.relations == {} and found.content_types == {}


def test_a_library_items_relations_and_types_are_copied_only_as_excel_writes_them(
        tmp_path: Path) -> None:
    """An item's relations part was copied byte for byte, so a target outside the package
    or an external link in it was written back; an Override could give a label part a
    worksheet's type; a spinCount past an unsigned int was kept."""
    from wessex_cli.package_metadata import read_metadata

    item_props = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" \
        "customXmlProps"
    path = tmp_path / "book.xlsx"
    openpyxl.Workbook().save(path)
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{item_props}" '
            'Target="itemProps1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/oleObject" '
            'TargetMode="External" Target="file://evil.example/share/x.bin"/>'
            '<Relationship Id="rId3" Type="x" Target="../../../../etc/passwd"/>'
            '</Relationships>')
    types = ('<Override PartName="/docMetadata/LabelInfo.xml" ContentType="application/vnd.'
             'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName='
             '"/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.customXmlProperties+xml"/></Types>')
    edit_parts(path, {"xl/workbook.xml": lambda text: text.replace(
                          "<workbookPr", '<fileSharing spinCount="9999999999"/><workbookPr'),
                      "[Content_Types].xml": lambda text: text.replace("</Types>", types)},
               {"customXml/item1.xml": b"<a/>", "customXml/itemProps1.xml": b"<p/>",
                "customXml/_rels/item1.xml.rels": rels.encode(),
                "docMetadata/LabelInfo.xml": b"<l/>"})
    found = read_metadata(path)
    kept = found.parts["customXml/_rels/item1.xml.rels"].decode()
    assert f'<Relationship Id="rId1" Type="{item_props}" Target="itemProps1.xml"/>' in kept
    assert "evil" not in kept and "passwd" not in kept and kept.count("<Relationship ") == 1
    assert found.content_types == {"customXml/itemProps1.xml": "application/vnd."
                                   "openxmlformats-officedocument.customXmlProperties+xml"}
    assert found.sharing == {}


def test_a_print_area_of_whole_rows_is_refused_not_dropped(run: Runner, paired: Path) -> None:
    """openpyxl cannot read a print area of whole rows ("Pairs!$1:$31"): it dropped it, and
    printed its own warning line on stderr. The change is refused, saying how to set one it
    can keep."""
    edit_parts(paired, {"xl/workbook.xml": lambda text: text.replace(
        "<definedNames>", '<definedNames><definedName name="_xlnm.Print_Area" '
        'localSheetId="0">Pairs!$1:$31</definedName>', 1)})
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    said = " ".join(result.output.split())
    assert "its print area (Pairs!$1:$31) is whole rows or columns, which wessex cannot keep " \
        "when it saves, so it was not changed." in said
    assert "UserWarning" not in said and paired.read_bytes() == before


def test_a_drawing_with_a_picture_is_named_and_refused(run: Runner, paired: Path) -> None:
    with zipfile.ZipFile(paired, "a") as archive:
        archive.writestr("xl/drawings/drawing1.xml",
                         '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
                         'spreadsheetDrawing"><xdr:twoCellAnchor/></xdr:wsDr>')
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert "images or shapes" in result.output
    assert paired.read_bytes() == before


@pytest.mark.parametrize(("part", "named"), [
    ("xl/threadedComments/threadedComment1.xml", "threaded comments"),
    ("xl/media/image1.png", "pictures"),
    ("xl/vbaProject.bin", "macros"),
])
def test_parts_openpyxl_would_drop_are_named(run: Runner, paired: Path, part: str,
                                            named: str) -> None:
    with zipfile.ZipFile(paired, "a") as archive:
        archive.writestr(part, "x")
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert named in result.output and paired.read_bytes() == before


@pytest.mark.parametrize(("part", "content", "named"), [
    # kept outside the folders Excel uses: openpyxl finds them through the relations all the
    # same (and would decode the picture to write it again), so they are found by content
    ("xl/pix/img.tiff", b"II*\x00" + bytes(60), "pictures"),
    ("xl/art/picture.xml", b"\x89PNG\r\n\x1a\n" + bytes(60), "pictures"),
    ("xl/art/drawing1.xml", b'<xdr:wsDr xmlns:xdr="urn:x"><xdr:oneCellAnchor/></xdr:wsDr>',
     "images or shapes"),
    ("xl/art/chart1.xml", b'<c:chartSpace xmlns:c="urn:x"/>', "charts"),
    # among the parts every workbook has, with a prefix Excel never uses, as a BigTIFF
    ("xl/theme/drawing1.xml", b'<x-d:wsDr xmlns:x-d="urn:x"><x-d:oneCellAnchor/></x-d:wsDr>',
     "images or shapes"),
    ("xl/theme/image1.tiff", b"II+\x00" + bytes(60), "pictures"),
])
def test_parts_openpyxl_would_drop_are_found_wherever_they_are(
        run: Runner, paired: Path, part: str, content: bytes, named: str) -> None:
    with zipfile.ZipFile(paired, "a") as archive:
        archive.writestr(part, content)
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert named in result.output and paired.read_bytes() == before


def test_libreoffice_lock_file_is_honoured(run: Runner, paired: Path) -> None:
    (paired.parent / ".~lock.pairs.xlsx#").write_text("Someone,host,01.01.2027 10:00;")
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert "open in LibreOffice" in result.output
    assert paired.read_bytes() == before


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice(run: Runner, paired: Path, tmp_path: Path) -> None:
    """A real LibreOffice re-save (comments, formulas it computed) then a visit."""
    row, side = row_of(paired, "gp3@example.org")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    other = "B" if side == "A" else "A"
    date_cell = sheet.cell(row, col[f"{side} hosts {other}: date"]).coordinate
    sheet[date_cell] = dt.datetime(2027, 5, 6)
    sheet.cell(row, col[f"{side} hosts {other}: done"]).value = \
        f'=IF({date_cell}<>"","yes","no")'
    sheet["B2"].comment = Comment("Prefers Tuesdays", "Administrator")
    book.save(paired)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(paired)], check=True, capture_output=True, timeout=120)
    shutil.copy(out / "pairs.xlsx", paired)
    assert visits_of(status_json(run), "gp3@example.org")["done"] is True
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    assert visits_of(status_json(run), "gp3@example.org")["done"] is True
    after = openpyxl.load_workbook(paired)["Pairs"]["B2"].comment
    assert after is not None and "Prefers Tuesdays" in after.text


# 3. Writes land on the file the user named --------------------------------------------------

def test_a_symbolic_link_is_followed_and_kept(run: Runner, paired: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "pairs.xlsx"
    paired.rename(real)
    paired.symlink_to(real)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    assert paired.is_symlink() and paired.resolve() == real.resolve()
    assert visits_of(status_json(run), "gp0@example.org")["done"] is True
    assert len(list((shared / "backups").glob("pairs-*.xlsx"))) == 1
    assert not (tmp_path / "backups").exists()


def test_permissions_are_kept_and_new_files_are_not_private(run: Runner, paired: Path,
                                                           tmp_path: Path) -> None:
    os.chmod(paired, 0o640)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    assert stat.S_IMODE(paired.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        run("pair", "v.xlsx", "-o", "fresh.xlsx")
        run("plan", "--start", "2027-04-19", "--ics", "dates.ics")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh.xlsx").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "dates.ics").stat().st_mode) == 0o644


def test_a_read_only_workbook_is_refused(run: Runner, paired: Path) -> None:
    os.chmod(paired, 0o444)
    before = paired.read_bytes()
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert "read-only" in result.output
    assert paired.read_bytes() == before
    assert "read-only" in run("withdraw", "pairs.xlsx", "gp0@example.org", code=1).output
    scheme = paired.with_name("scheme.toml")
    os.chmod(scheme, 0o444)
    text = scheme.read_text()
    # --force: the exchange started on 19 April, so moving its start is refused without it
    assert "read-only" in run("plan", "--start", "2027-04-26", "--save", "--force",
                              code=1).output
    assert scheme.read_text() == text


# 4. A lock left by a killed process ---------------------------------------------------------

def test_a_killed_lock_holder_does_not_lock_anyone_out(run: Runner, paired: Path) -> None:
    with subprocess.Popen(
            [sys.executable, "-c", "import sys, time; from pathlib import Path; "
             "from wessex_cli.safe_write import write_lock\n"
             "with write_lock(Path(sys.argv[1])):\n    print('held', flush=True); "
             "time.sleep(60)", str(paired)], stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            busy = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027",
                       code=1)
            assert "another wessex command" in busy.output
            holder.send_signal(signal.SIGKILL)
            holder.wait(10)
        finally:
            holder.kill()
    taken = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    assert f"process {holder.pid}" in taken.output and "taken over" in taken.output
    again = run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", "10/5/2027")
    assert "taken over" not in again.output  # a clean finish leaves nothing behind


# 5. Backups ---------------------------------------------------------------------------------

def test_each_workbook_keeps_its_own_backups(run: Runner, paired: Path) -> None:
    shutil.copy(paired, paired.with_name("pairs-1.xlsx"))
    for day in (5, 6):
        run("visit", "pairs-1.xlsx", "gp0@example.org", "--hosted", f"{day}/5/2027")
    for day in range(1, 8):
        run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", f"{day}/5/2027")
    names = sorted(p.name for p in (paired.parent / "backups").iterdir())
    assert len([n for n in names if n.startswith("pairs-1-")]) == 2
    assert len([n for n in names if re.fullmatch(r"pairs-\d{8}-\d{6}-\d{6}-UTC\.xlsx", n)]) == 5


def test_two_workbooks_in_one_folder_have_separate_locks(run: Runner, paired: Path) -> None:
    shutil.copy(paired, paired.with_name("pairs-1.xlsx"))
    with safe_write.write_lock(paired):
        run("visit", "pairs-1.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
        assert "another wessex command" in run("visit", "pairs.xlsx", "gp0@example.org",
                                               "--hosted", "10/5/2027", code=1).output


def test_a_full_disk_during_the_backup_leaves_no_backup_and_no_change(
        run: Runner, paired: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", "5/5/2027")
    before = paired.read_bytes()
    backups = sorted((paired.parent / "backups").iterdir())

    def half_then_full(src: object, dst: object) -> None:
        Path(str(dst)).write_bytes(Path(str(src)).read_bytes()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.shutil, "copy2", half_then_full)
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert "the disk is full" in result.output
    assert sorted((paired.parent / "backups").iterdir()) == backups  # no truncated newest
    assert paired.read_bytes() == before


def test_a_full_disk_while_saving_changes_nothing(run: Runner, paired: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = paired.read_bytes()

    def full(path: Path) -> None:  # the disk fills while the new version is flushed
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write, "_fsync_file", full)
    result = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert "the disk is full" in result.output
    assert paired.read_bytes() == before
    assert not list(paired.parent.glob(".pairs-*"))


def test_the_replace_flushes_the_file_and_its_folder(paired: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        flushed.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(safe_write.os, "fsync", spy)
    safe_write.write_bytes(paired.with_name("x.txt"), b"hello")
    assert flushed == ["file", "folder"]
    flushed.clear()
    safe_write.backup(paired)
    assert flushed == ["file", "folder"]
    flushed.clear()
    safe_write.write_batch([(paired.parent / "new" / "a.txt", b"a"),
                            (paired.parent / "new" / "b.txt", b"b")])
    assert flushed == ["file", "file", "folder", "folder"]


def test_every_writer_refuses_to_overwrite_without_force(run: Runner, paired: Path,
                                                        tmp_path: Path) -> None:
    run("plan", "--start", "2027-04-19", "--ics", "dates.ics")
    assert "--force" in run("plan", "--start", "2027-04-19", "--ics", "dates.ics",
                            code=1).output
    run("plan", "--start", "2027-04-26", "--ics", "dates.ics", "--force")
    assert len(list((tmp_path / "backups").glob("dates-*.ics"))) == 1
    run("remind", DRAFT, "pairs.xlsx", "-o", "r")
    assert "--force" in run("remind", DRAFT, "pairs.xlsx", "-o", "r", code=1).output
    run("remind", DRAFT, "pairs.xlsx", "-o", "r", "--force")
    assert len(list((tmp_path / "r" / "backups" / "reminder").iterdir())) == 8  # beside them
    run("render", DRAFT, "partner-introduction", "--pairs", "pairs.xlsx", "-o", "d")
    assert "--force" in run("render", DRAFT, "partner-introduction", "--pairs", "pairs.xlsx",
                            "-o", "d", code=1).output


# 6. A drop-out, end to end ------------------------------------------------------------------

def pair_ids(path: Path, sheet: str = "Pairs") -> list[str]:
    book = openpyxl.load_workbook(path)[sheet]
    col = columns(book)["Pair"]
    return [book.cell(r, col).value for r in range(2, book.max_row + 1)]


def test_withdrawn_stays_out_even_if_the_roster_says_active(run: Runner, paired: Path,
                                                           tmp_path: Path) -> None:
    row, _ = row_of(paired, "gp0@example.org")
    gone_id = pair_ids(paired)[row - 2]
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    # The volunteer workbook still says active; a new GP has joined.
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert "Dr GP 0 withdrew on 20 May 2027 (pairs.xlsx, Withdrawn sheet); left out" \
        in result.stdout
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    emails = {sheet.cell(r, c).value for r in range(2, sheet.max_row + 1)
              for c in (columns(sheet)["A email"], columns(sheet)["B email"])}
    assert "gp0@example.org" not in emails and "gp9@example.org" in emails
    assert gone_id in pair_ids(paired, "Withdrawn")
    assert gone_id not in pair_ids(paired)  # never reused by the new pair


def test_new_pair_ids_skip_the_withdrawn_ones(run: Runner, paired: Path, tmp_path: Path) -> None:
    run("withdraw", "pairs.xlsx", "gp0@example.org")
    gone = pair_ids(paired, "Withdrawn")[0]
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert sorted(pair_ids(paired)) == sorted({"P001", "P002", "P003", "P004"} - {gone}
                                              | {"P005"})


def test_withdraw_in_sets_the_status_cell(run: Runner, paired: Path, tmp_path: Path) -> None:
    result = run("withdraw", "pairs.xlsx", "Dr GP 2", "--in", "v.xlsx")
    assert "Volunteers!P4" in result.stdout
    sheet = openpyxl.load_workbook(tmp_path / "v.xlsx")["Volunteers"]
    assert sheet["P4"].value == "withdrawn" and sheet["A4"].value == "Dr GP 2"
    assert len(list((tmp_path / "backups").glob("v-*.xlsx"))) == 1
    before = paired.read_bytes()
    (tmp_path / "nobody.csv").write_text("Name,Email\n")
    refused = run("withdraw", "pairs.xlsx", "Dr GP 1", "--in", "nobody.csv", code=1)
    assert "only in an .xlsx" in refused.output and paired.read_bytes() == before


def test_visit_or_withdraw_for_someone_left_unpaired_says_so(run: Runner, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """Four GPs and three consultants: one GP is on the Unpaired sheet. 'nobody called ...
    is in the Pairs sheet' sent the administrator looking for a typo."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    write_book(tmp_path / "v.xlsx", people()[:7])
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    unpaired = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Unpaired"]
    headers = [c.value for c in unpaired[1]]
    (name,) = [unpaired.cell(r, headers.index("Name") + 1).value
               for r in range(2, unpaired.max_row + 1)]
    for command, doing in ((["visit", "pairs.xlsx", name, "--hosted", "10/5/2027"],
                            "no visit can be recorded for them"),
                           (["withdraw", "pairs.xlsx", name], "there is nothing to withdraw")):
        said = " ".join(run(*command, code=1).output.split())
        assert f"{name} is on the Unpaired sheet: the pairing found them no partner, so " \
            f"{doing}." in said
        assert "nobody called" not in said
    # with --in, leaving is still recorded where it counts: their Status cell
    said = " ".join(run("withdraw", "pairs.xlsx", name, "--in", "v.xlsx").output.split())
    assert f"{name} is on the Unpaired sheet: nothing to move in pairs.xlsx. Wrote " \
        "'withdrawn' in their Status cell" in said
    volunteers = openpyxl.load_workbook(tmp_path / "v.xlsx")["Volunteers"]
    status = [c.value for c in volunteers[1]].index("Status") + 1
    assert [volunteers.cell(r, status).value for r in range(2, volunteers.max_row + 1)
            if volunteers.cell(r, 1).value == name] == ["withdrawn"]


def test_a_visit_for_the_partner_of_someone_who_withdrew_says_so(run: Runner,
                                                                 paired: Path) -> None:
    """gp0 withdrew; their partner is in no pair until --keep finds them one. 'nobody
    called ... is in the Pairs sheet' was untrue, and the withdrawn person's own refusal
    only told them to delete the row, as if they were back."""
    partner = next(a if b == "gp0@example.org" else b
                   for a, b in pair_emails(paired).values() if "gp0@example.org" in (a, b))
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    said = " ".join(run("visit", "pairs.xlsx", partner, "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "pair P00" in said and "with Dr GP 0 is on the Withdrawn sheet, and no new " \
        "partner has been found for them yet, so no visit can be recorded for them." in said
    assert "Run 'wessex pair v.xlsx --keep pairs.xlsx' to find them one." in said
    said = " ".join(run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "A half day that took place before then can be typed in the pair's row on the " \
        "Withdrawn sheet." in said


def _paired_again(run: Runner, paired: Path, tmp_path: Path) -> str:
    """gp0 withdraws (on 20 May, today) and their partner is paired again with gp9, who
    joins; the partner's address."""
    partner = next(a if b == "gp0@example.org" else b
                   for a, b in pair_emails(paired).values() if "gp0@example.org" in (a, b))
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert any(partner in pair and "gp9@example.org" in pair
               for pair in pair_emails(paired).values())
    return partner


def test_a_visit_dated_before_a_new_pair_was_made_is_refused(run: Runner, paired: Path,
                                                              tmp_path: Path) -> None:
    """gp0 withdrew on 20 May; their partner was paired again with gp9. A half day on 10 May
    was with gp0, not gp9: it was recorded on the new pair's row without a word."""
    partner = _paired_again(run, paired, tmp_path)
    before = paired.read_bytes()
    said = " ".join(run("visit", "pairs.xlsx", partner, "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "the visit date 10 May 2027 is before this pair was made: pair P00" in said
    assert "(Dr GP 0 withdrew on 20 May 2027) was still under way then" in said
    assert paired.read_bytes() == before
    run("visit", "pairs.xlsx", partner, "--hosted", "20/5/2027")  # from that day: recorded


def test_visit_reads_the_withdrawn_and_unpaired_sheets_from_the_workbook_it_holds_open(
        run: Runner, paired: Path, tmp_path: Path, calamine_opened: list[str]) -> None:
    """gp0 withdrew on 20 May and their partner was paired again. A visit of that partner
    dated before then, and one of gp0, are refused from the Withdrawn sheet as the change
    holds it open: the file was opened again with python-calamine, once for each."""
    partner = _paired_again(run, paired, tmp_path)
    calamine_opened.clear()  # what the setup opened
    said = " ".join(run("visit", "pairs.xlsx", partner, "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "(Dr GP 0 withdrew on 20 May 2027) was still under way then" in said
    said = " ".join(run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027",
                        code=1).output.split())
    assert "Dr GP 0 withdrew from the scheme on 20 May 2027 (Withdrawn sheet)" in said
    # once a visit: its warnings, read as 'status' reads them before the workbook is opened
    # for the change (commands.tracking._warn_before_changing), none for the refusals
    assert calamine_opened == ["pairs.xlsx", "pairs.xlsx"]


def test_withdraw_moves_row_settings_formats_and_names_with_the_rows(run: Runner,
                                                                    paired: Path) -> None:
    """Withdrawing the pair in row 2 deletes that row, as Excel would: what belongs to the
    rows below moves up with them. openpyxl left row heights, hidden rows (a filter's
    too) and outline groups on their numbers, so they landed on the next pair; formulas of
    conditional formats and drop-downs, defined names and the print area still pointed at
    the old rows."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert sheet.max_row == 5  # four pairs, in rows 2 to 5
    first = sheet.cell(2, columns(sheet)["A email"]).value
    for row in range(2, 6):
        sheet.row_dimensions[row].height = 20 + row
    sheet.row_dimensions[5].hidden = True
    sheet.row_dimensions[5].outlineLevel = 1
    sheet.conditional_formatting.add("A3:C5", FormulaRule(formula=['$V3="yes"']))
    sheet.conditional_formatting.add("D2:D5", FormulaRule(formula=['$V2="yes"']))
    sheet.conditional_formatting.add("E3:E5", FormulaRule(formula=['$W$5="x"']))
    rule = DataValidation(type="custom", formula1="U3>DATE(2027,1,1)", sqref="U3:U5")
    sheet.add_data_validation(rule)
    book.defined_names["Pair3"] = DefinedName("Pair3", attr_text="Pairs!$A$3:$C$3")
    book.defined_names["FirstPair"] = DefinedName("FirstPair", attr_text="Pairs!$A$2")
    sheet.print_area = "A1:AE5"
    sheet.auto_filter.ref = "A1:AE5"
    book.save(paired)

    run("withdraw", "pairs.xlsx", first, "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    assert sheet.max_row == 4
    heights = {row: sheet.row_dimensions[row].height for row in range(2, 5)}
    assert heights == {2: 23, 3: 24, 4: 25}  # rows 3, 4, 5 are now 2, 3, 4
    assert [r for r in range(2, 6) if sheet.row_dimensions[r].hidden] == [4]
    assert [r for r in range(2, 6) if sheet.row_dimensions[r].outlineLevel] == [4]
    formats = {str(f.sqref): [r.formula for r in f.rules] for f in sheet.conditional_formatting}
    assert formats == {"A2:C4": [['$V2="yes"']],  # moved up with its first row
                       "D2:D4": [['$V2="yes"']],  # its first row went: row 3 took its place
                       "E2:E4": [['$W$4="x"']]}  # a fixed row below moves up
    custom = [v for v in sheet.data_validations.dataValidation if v.type == "custom"]
    assert [(str(v.sqref), v.formula1) for v in custom] == [("U2:U4", "U2>DATE(2027,1,1)")]
    assert book.defined_names["Pair3"].attr_text == "Pairs!$A$2:$C$2"
    assert book.defined_names["FirstPair"].attr_text == "#REF!"
    assert sheet.print_area == "'Pairs'!$A$1:$AE$4"
    assert sheet.auto_filter.ref == "A1:AE4"


def test_withdraw_shrinks_a_table_over_the_pairs(run: Runner, paired: Path) -> None:
    """A pairs sheet formatted as a table (Excel's Format as Table) loses the withdrawn
    pair's row from the table too, so that counts of its rows stay true."""
    from openpyxl.worksheet.table import Table

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.auto_filter.ref = None  # a table brings its own filter
    sheet.add_table(Table(displayName="PairsTable", ref="A1:C5"))
    first = sheet.cell(2, columns(sheet)["A email"]).value
    book.save(paired)
    run("withdraw", "pairs.xlsx", first, "--reason", "moved away")
    table = openpyxl.load_workbook(paired)["Pairs"].tables["PairsTable"]
    assert table.ref == "A1:C4"


def test_withdraw_moves_a_table_of_one_row_under_the_pairs_up_with_its_cells(
        run: Runner, paired: Path) -> None:
    """A table of the administrator's under the pairs, a header in row 8 and one row in row
    9, moves up a row with its cells when the pair in row 2 goes: it stayed on rows 8 and 9,
    its header on the row under its own, as its one row was compared with its old header."""
    from openpyxl.worksheet.table import Table

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet["A8"], sheet["B8"], sheet["A9"], sheet["B9"] = "Month", "Visits", "May", 3
    sheet.add_table(Table(displayName="Tally", ref="A8:B9"))
    first = sheet.cell(2, columns(sheet)["A email"]).value
    book.save(paired)
    run("withdraw", "pairs.xlsx", first, "--reason", "moved away")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert [sheet["A7"].value, sheet["A8"].value] == ["Month", "May"]
    assert sheet.tables["Tally"].ref == "A7:B8"


def test_withdraw_moves_the_whole_row_with_its_notes_and_colours(run: Runner,
                                                                paired: Path) -> None:
    """Everything typed in a withdrawn pair's row reaches the Withdrawn sheet: it was copied
    by title, so a second column with the same title got the first one's text, a column
    without a title and a cell's note were dropped, and a column of the administrator's
    called "Reason" lost its text to the reason for withdrawing."""
    from openpyxl.styles import PatternFill

    row, _ = row_of(paired, "gp0@example.org")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    last = sheet.max_column
    for offset, title in enumerate(("Contact log", "Contact log", "Reason"), start=1):
        sheet.cell(1, last + offset).value = title
    for offset, text in enumerate(("rang 3 May", "rang again 10 May", "parking", None,
                                   "typed under no title"), start=1):
        sheet.cell(row, last + offset).value = text
    name = sheet.cell(row, columns(sheet)["A name"])
    name.comment = Comment("On leave from 1 June", "Administrator")
    name.fill = PatternFill("solid", fgColor="FFFF00")
    book.save(paired)
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    withdrawn = openpyxl.load_workbook(paired)["Withdrawn"]
    headers = [c.value for c in withdrawn[1]]
    moved = {n: withdrawn.cell(2, n + 1) for n in range(len(headers))}
    logs = [moved[n].value for n, title in enumerate(headers) if title == "Contact log"]
    assert logs == ["rang 3 May", "rang again 10 May"]
    reasons = [moved[n].value for n, title in enumerate(headers) if title == "Reason"]
    assert reasons == ["moved away", "parking"]
    untitled = f"Pairs column {openpyxl.utils.get_column_letter(last + 5)}"
    assert moved[headers.index(untitled)].value == "typed under no title"
    assert f"Pairs column {openpyxl.utils.get_column_letter(last + 4)}" not in headers
    name_cell = moved[headers.index("A name")]
    assert name_cell.value == "Dr GP 0"
    assert name_cell.comment is not None and name_cell.comment.text == "On leave from 1 June"
    assert name_cell.fill.fgColor.rgb == "00FFFF00"
    # a date, in a sheet of wessex's making whose column shows no dates: "12 May 2027"
    assert moved[headers.index("Date withdrawn")].number_format == "d mmm yyyy"
    run("status", "pairs.xlsx")  # the sheet still reads


def paired_twice(run: Runner, tmp_path: Path) -> Path:
    """The pairs workbook of two GPs and Consultant X, who takes two partners: the pairs of
    X with each, rows 2 and 3."""
    roster = [person("Dr GP 0", "gp0@example.org", "GP", Organisation="Practice 0"),
              person("Dr GP 1", "gp1@example.org", "GP", Organisation="Practice 1"),
              person("Consultant X", "cx@example.org", "Consultant", Organisation="Hospital",
                     Capacity=2)]
    write_book(tmp_path / "v.xlsx", roster)
    run("pair", "v.xlsx")
    return tmp_path / "pairs.xlsx"


def test_capacity_two_leaves_both_pairs_unless_partner_names_one(run: Runner, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    paired_twice(run, tmp_path)
    shutil.copy(tmp_path / "pairs.xlsx", tmp_path / "both.xlsx")
    both = run("withdraw", "both.xlsx", "Consultant X").stdout
    assert both.count("to the Withdrawn sheet") == 2
    assert pair_ids(tmp_path / "both.xlsx") == []
    one = run("withdraw", "pairs.xlsx", "Consultant X", "--partner", "Dr GP 1").stdout
    assert one.count("to the Withdrawn sheet") == 1 and "stays in the scheme" in one
    assert len(pair_ids(tmp_path / "pairs.xlsx")) == 1
    again = run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout
    assert "left out" not in again  # still in the scheme with Dr GP 0
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Pairs"]
    assert sheet.max_row == 2  # Dr GP 1 is not paired with Consultant X again


def test_a_partner_lock_naming_the_withdrawn_is_released(run: Runner, paired: Path,
                                                        tmp_path: Path) -> None:
    run("withdraw", "pairs.xlsx", "gp0@example.org")
    roster = [dict(p, Partner="gp0@example.org") if p["Email"] == "c3@example.org" else p
              for p in people()]
    write_book(tmp_path / "v.xlsx", roster)
    result = run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert "names Dr GP 0, who has withdrawn; that lock is released" in result.stdout


# 7. pair --keep keeps what it can, names what it cannot; render --new -----------------------

def test_keep_keeps_everything_the_administrator_added(run: Runner, paired: Path,
                                                      tmp_path: Path) -> None:
    from openpyxl.styles import PatternFill

    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    row, side = row_of(paired, "gp3@example.org")
    other = "B" if side == "A" else "A"
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    date_cell = sheet.cell(row, col[f"{side} hosts {other}: date"]).coordinate
    done_cell = sheet.cell(row, col[f"{side} hosts {other}: done"]).coordinate
    sheet[date_cell] = dt.datetime(2027, 5, 6)
    sheet.column_dimensions["B"].width = 33
    extra = sheet.max_column + 1
    sheet.cell(1, extra).value = "Room booked"
    sheet.cell(row, extra).value = "Room 4"
    sheet.cell(row, col["Notes"]).fill = PatternFill("solid", fgColor="FFFF00")
    sheet.cell(row, col["Notes"]).comment = Comment("Prefers Tuesdays", "Administrator")
    book.create_sheet("Budget")["A1"] = 250
    book.save(paired)
    with_cached_formula(paired, done_cell, f'=IF({date_cell}<>"","yes","no")', "yes")
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "Updated pairs.xlsx: 3 pairs kept with their visits and notes, 1 new; the " \
        f"previous version is kept as {newest_backup(paired)}." in said
    after = openpyxl.load_workbook(paired)
    sheet = after["Pairs"]
    new_row, _ = row_of(paired, "gp3@example.org")
    col = columns(sheet)
    assert sheet.column_dimensions["B"].width == pytest.approx(33)
    assert sheet.cell(new_row, col["Room booked"]).value == "Room 4"
    notes = sheet.cell(new_row, col["Notes"])
    assert notes.fill.fgColor.rgb == "00FFFF00"
    assert notes.comment is not None and notes.comment.text == "Prefers Tuesdays"
    assert after["Budget"]["A1"].value == 250
    assert after["Withdrawn"].cell(2, 2).value == "moved away"
    assert sheet.cell(new_row, col[f"{side} hosts {other}: done"]).value.startswith("=IF(")
    assert visits_of(status_json(run), "gp3@example.org")["done"] is True
    assert "gp9@example.org" in [sheet.cell(r, col["A email"]).value
                                 for r in range(2, sheet.max_row + 1)]
    assert len(set(pair_ids(paired))) == len(pair_ids(paired)) == 4  # 3 kept, 1 new


def test_a_new_pair_below_the_kept_ones_gets_their_drop_downs_and_filter(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """A pair added by --keep under the kept ones had no yes/no drop-down in its done
    cells and lay outside the filter: the ranges that reached the last kept pair now reach
    the new one, as a row typed under a table joins it in Excel."""
    from openpyxl.formatting.rule import FormulaRule

    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    book = openpyxl.load_workbook(paired)
    book["Pairs"].conditional_formatting.add("A2:C4", FormulaRule(formula=['$V2="yes"']))
    book["Pairs"].conditional_formatting.add("D2:D3", FormulaRule(formula=['$V2="no"']))
    book.save(paired)
    with_ignored_errors(paired, '<ignoredError sqref="D2:D4" numberStoredAsText="1"/>')
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    assert ignored_errors(paired)[0] == [{"sqref": "D2:D5", "numberStoredAsText": "1"}]
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    assert sheet.max_row == 5 and "gp9@example.org" in \
        [sheet.cell(5, c).value for c in range(1, sheet.max_column + 1)]
    col = columns(sheet)
    done = [t for t in col if t.endswith(": done") or t.startswith("Reflection")]
    assert len(done) == 4  # two visits, two reflections
    for title in done:
        cell = sheet.cell(5, col[title]).coordinate
        lists = [v for v in sheet.data_validations.dataValidation
                 if v.type == "list" and cell in v.sqref]
        assert [v.formula1 for v in lists] == ['"yes,no"'], title
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.endswith("5")
    formats = {str(f.sqref) for f in sheet.conditional_formatting}
    assert formats == {"A2:C5", "D2:D3"}  # the one that stopped short stays as it was


def test_keep_dry_run_says_what_the_real_run_would_change(run: Runner, paired: Path,
                                                          tmp_path: Path) -> None:
    """The README promises that --keep --dry-run says what the real run would change: it
    showed the whole table and said nothing of what would be kept, added or moved."""
    gp1_pair = next(pid for pid, (a, b) in pair_emails(paired).items()
                    if "gp1@example.org" in (a, b))
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    row = next(r for r in range(2, 6) if sheet.cell(r, 1).value == gp1_pair)
    sheet.cell(row, columns(sheet)["A hosts B: date"]).value = dt.datetime(2027, 5, 6)
    book.save(paired)
    volunteers = people()
    volunteers[1] = {**volunteers[1], "Status": "withdrawn"}
    write_book(tmp_path / "v.xlsx", [*volunteers, person("Dr GP 9", "gp9@example.org", "GP",
                                                         Organisation="Practice 9")])
    before = paired.read_bytes()
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run").output.split())
    assert paired.read_bytes() == before
    assert ("Dry run: pairs.xlsx was not changed. The real run would keep 3 pairs with their "
            "visits and notes, add 1 new (P005) and move 1 to the Withdrawn sheet "
            f"({gp1_pair}).") in said
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    assert "3 pairs kept with their visits and notes, 1 new, 1 moved to the Withdrawn sheet" in said
    assert sorted(pair_ids(paired)) == sorted({"P001", "P002", "P003", "P004", "P005"} -
                                              {gp1_pair})
    assert pair_ids(paired, "Withdrawn") == [gp1_pair]
    # the visit typed in the pair's row went with it, not to the new pair (which took the
    # row's ID, and the row, before)
    withdrawn = openpyxl.load_workbook(paired)["Withdrawn"]
    assert withdrawn.cell(2, columns(withdrawn)["A hosts B: date"]).value == \
        dt.datetime(2027, 5, 6)
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    new_row = next(r for r in range(2, 6) if sheet.cell(r, 1).value == "P005")
    assert sheet.cell(new_row, columns(sheet)["A hosts B: date"]).value is None


def pair_emails(path: Path) -> dict[str, tuple[str, str]]:
    """Pair ID -> (A email, B email) on the Pairs sheet."""
    sheet = openpyxl.load_workbook(path)["Pairs"]
    col = columns(sheet)
    return {sheet.cell(r, col["Pair"]).value: (sheet.cell(r, col["A email"]).value,
                                               sheet.cell(r, col["B email"]).value)
            for r in range(2, sheet.max_row + 1)}


def test_keep_carries_your_own_columns_on_the_rewritten_sheets_with_their_rows(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """The Unpaired, Summary and Settings sheets are written afresh by --keep: a note and a
    formula typed beside them went without a word. They go with their rows (the Summary's by
    its measure); a note beside someone no longer unpaired is named, kept in the backup."""
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # gp0's partner now has nobody
    book = openpyxl.load_workbook(paired)
    unpaired, summary = book["Unpaired"], book["Summary"]
    note_column = unpaired.max_column + 1
    unpaired.cell(1, note_column).value = "Contact"
    unpaired.cell(2, note_column).value = "rang 3 May"
    measure = summary["A3"].value
    summary["D3"] = "check with finance"
    summary["E3"] = "=B3*2"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").output.split())
    # the partner is paired with gp9 now: their Unpaired row, and the note beside it, went
    letter = openpyxl.utils.get_column_letter(note_column)
    assert f"but these had no row left to go with (Unpaired!{letter}2): " \
        f"{newest_backup(paired)} keeps them." in said
    summary = openpyxl.load_workbook(paired)["Summary"]
    row = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == measure)
    assert (summary.cell(row, 4).value, summary.cell(row, 5).value) == ("check with finance",
                                                                       "=B3*2")


def test_a_note_beside_someone_still_unpaired_follows_them(run: Runner, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Five GPs, four consultants: one GP is unpaired, and a note is typed beside them. A
    second unpaired GP joins: the sheet is written afresh, and the note stays with its
    person (by e-mail), not with its row number."""
    monkeypatch.setenv("WESSEX_TODAY", TODAY)
    five = [*people()[:4], person("Dr GP 8", "gp8@example.org", "GP",
                                  Organisation="Practice 8"), *people()[4:]]
    write_book(tmp_path / "v.xlsx", five)
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    unpaired = book["Unpaired"]
    email_col = [c.value for c in unpaired[1]].index("Email") + 1
    (who,) = [unpaired.cell(r, email_col).value for r in range(2, unpaired.max_row + 1)]
    note_column = unpaired.max_column + 1
    unpaired.cell(1, note_column).value = "Contact"
    unpaired.cell(2, note_column).value = "rang 3 May"
    book.save(tmp_path / "pairs.xlsx")
    write_book(tmp_path / "v.xlsx", [person("Dr Aa First", "aa@example.org", "GP",
                                            Organisation="Practice A"), *five])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    unpaired = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Unpaired"]
    notes = {unpaired.cell(r, email_col).value: unpaired.cell(r, note_column).value
             for r in range(2, unpaired.max_row + 1)}
    assert len(notes) == 2 and notes[who] == "rang 3 May"
    assert unpaired.cell(1, note_column).value == "Contact"


def test_keep_moves_a_pair_it_cannot_keep_to_the_withdrawn_sheet(run: Runner, paired: Path,
                                                                tmp_path: Path) -> None:
    row, side = row_of(paired, "c1@example.org")
    book = openpyxl.load_workbook(paired)
    book["Pairs"].cell(row, columns(book["Pairs"])["Notes"]).value = "met on the ward"
    book.save(paired)
    write_book(tmp_path / "v.xlsx", [dict(p, Status="inactive") if p["Email"] == "c1@example.org"
                                     else p for p in people()])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    withdrawn = openpyxl.load_workbook(paired)["Withdrawn"]
    titles = columns(withdrawn)
    assert withdrawn.cell(2, titles["Withdrawn person"]).value == "Consultant 1"
    assert withdrawn.cell(2, titles["Reason"]).value == \
        "marked 'inactive' in the volunteer workbook"
    assert withdrawn.cell(2, titles["Notes"]).value == "met on the ward"


def test_keep_refuses_what_it_cannot_carry(run: Runner, paired: Path) -> None:
    with zipfile.ZipFile(paired, "a") as archive:
        archive.writestr("xl/charts/chart1.xml", "<chart/>")
    before = paired.read_bytes()
    refused = run("pair", "v.xlsx", "--keep", "pairs.xlsx", code=1)
    assert "charts" in refused.output
    assert paired.read_bytes() == before
    # the dry run refuses as the real run does: it said what the run "would change"
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--dry-run",
                        code=1).output.split())
    assert "the workbook contains charts, which wessex cannot keep when it saves" in said
    assert "would keep" not in said


def _openpyxl_chart(path: Path) -> Path:
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    sheet = book.active
    for number in range(1, 4):
        sheet.append([number])
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=1, min_row=1, max_row=3))
    sheet.add_chart(chart, "C1")
    book.save(path)
    return path


def _xlsxwriter_charts(path: Path) -> Path:
    """A chart placed on a sheet and one on a chart sheet of its own."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Data")
    sheet.write_column(0, 0, [1, 2, 3])
    for kind, where in (("column", None), ("pie", book.add_chartsheet("Pie"))):
        chart = book.add_chart({"type": kind})
        chart.add_series({"values": "=Data!$A$1:$A$3"})
        if where is None:
            sheet.insert_chart("C1", chart)
        else:
            where.set_chart(chart)
    book.close()
    return path


def test_a_chart_in_a_drawing_is_named_once(tmp_path: Path) -> None:
    """A chart is placed by a drawing, but kept in a chart part of its own: the refusal
    lists charts, and the drawing as images or shapes, not 'charts, images, shapes or
    charts'; as openpyxl and xlsxwriter write a chart."""
    from wessex_cli.workbook_edit import features_that_would_be_lost

    for made in (_openpyxl_chart(tmp_path / "openpyxl.xlsx"),
                 _xlsxwriter_charts(tmp_path / "xlsxwriter.xlsx")):
        assert features_that_would_be_lost(made) == ["charts", "images or shapes"], made.name


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_chart_libreoffice_saved_is_named_once(tmp_path: Path) -> None:
    """LibreOffice too keeps a chart of an .ods it saves as .xlsx in a chart part."""

    from wessex_cli.workbook_edit import features_that_would_be_lost

    made = _openpyxl_chart(tmp_path / "chart.xlsx")
    for kind, folder in (("ods", "ods"), ("xlsx", "again")):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--headless", "--convert-to", kind, "--outdir", str(tmp_path / folder),
                        str(made)], check=True, capture_output=True, timeout=120)
        made = tmp_path / folder / f"chart.{kind}"
    assert features_that_would_be_lost(made) == ["charts", "images or shapes"]


def test_render_new_writes_only_for_pairs_made_in_the_last_run(run: Runner, paired: Path,
                                                              tmp_path: Path) -> None:
    run("withdraw", "pairs.xlsx", "gp0@example.org")
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    run("render", DRAFT, "partner-introduction", "--pairs", "pairs.xlsx", "--new", "-o", "d",
        "--format", "eml")
    written = sorted(p.name for p in (tmp_path / "d").rglob("*.eml"))
    assert len(written) == 2 and any("gp-9" in n for n in written)


# 8. The same input gives the same bytes -----------------------------------------------------

def test_same_input_and_seed_give_the_same_bytes_at_any_hour(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlsxwriter.core

    write_book(tmp_path / "v.xlsx", people())
    outputs = []
    for hour in (9, 17):
        class Clock(type):  # datetime, with a clock stopped at ``hour``
            def __instancecheck__(cls, value: object) -> bool:
                return isinstance(value, dt.datetime)

            def now(cls, tz: dt.tzinfo | None = None, hour: int = hour) -> dt.datetime:
                return dt.datetime(2027, 3, 1, hour, 59, 58, tzinfo=tz)

        monkeypatch.setattr(xlsxwriter.core, "datetime", Clock("datetime", (), {}))
        run("pair", "v.xlsx", "-o", f"p{hour}.xlsx", "--seed", "7")
        outputs.append((tmp_path / f"p{hour}.xlsx").read_bytes())
    assert outputs[0] == outputs[1]


def test_preferences_import_refuses_a_read_only_volunteer_workbook(run: Runner,
                                                                   tmp_path: Path) -> None:
    from .test_preferences_import import roster as survey_roster
    from .test_preferences_import import survey

    write_book(tmp_path / "volunteers.xlsx", survey_roster())
    survey(tmp_path / "answers.xlsx", [
        ["amelia@nhs.net", "Amelia Ashworth", "Oliver Pemberton", "", "", "Tuesday", "", ""]])
    os.chmod(tmp_path / "volunteers.xlsx", 0o444)
    before = (tmp_path / "volunteers.xlsx").read_bytes()
    result = run("preferences", "import", "answers.xlsx", "--into", "volunteers.xlsx", code=1)
    assert "read-only" in result.output
    assert (tmp_path / "volunteers.xlsx").read_bytes() == before


def test_a_row_error_holds_a_kept_pair_and_never_ends_it(run: Runner, paired: Path,
                                                           tmp_path: Path) -> None:
    """A typo in the row of someone whose pair is done (--skip-errors, --keep): the pair
    stays as it stands, visits and all, their partner is not paired again, and nobody is
    recorded as withdrawn; once the row is fixed the pair is simply kept."""
    row, side = row_of(paired, "gp1@example.org")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    partner = sheet.cell(row, columns(sheet)[f"{'B' if side == 'A' else 'A'} email"]).value
    run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", "4/5/2027")
    run("visit", "pairs.xlsx", str(partner), "--hosted", "11/5/2027")
    pair_id = sheet.cell(row, columns(sheet)["Pair"]).value
    typo = [{**p, "Host days": "Tuesday lunchtime"} if p["Email"] == "gp1@example.org" else p
            for p in people()]
    write_book(tmp_path / "v.xlsx", typo)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--skip-errors").stdout.split())
    assert f"Pair {pair_id} is kept as it stands: Dr GP 1's row (row 3) has an error" in said
    assert "not kept" not in said
    # four pairs, eight people; the choices are known for the three pairs of this run
    assert "4 pairs, 8 people paired, 0 unpaired; 0 of 6 paired people (0%) have a " \
        "preference met (the pairs held as they stand left out)" in said
    assert "fix their rows, then run 'wessex pair v.xlsx --keep pairs.xlsx' again." in said
    book = openpyxl.load_workbook(paired)
    assert "Withdrawn" not in book.sheetnames
    unpaired = [r[1] for r in book["Unpaired"].iter_rows(min_row=2, values_only=True)]
    assert "gp1@example.org" not in unpaired and partner not in unpaired
    data = status_json(run)
    held = next(p for p in data["pairs"] if p["id"] == pair_id)  # type: ignore[attr-defined]
    assert [v["done"] for v in held["visits"]] == [True, True]
    emails = [(p["a"]["email"], p["b"]["email"]) for p in data["pairs"]]  # type: ignore
    assert sum(partner in pair for pair in emails) == 1  # not paired again meanwhile
    why = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--skip-errors", "--why",
                       str(partner)).stdout.split())
    assert "Dr GP 1" in why and "nobody" not in why  # the held pair is still theirs
    write_book(tmp_path / "v.xlsx", people())  # the row fixed
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "4 pairs kept with their visits and notes, 0 new" in said
    assert [v["done"] for v in next(p for p in status_json(run)["pairs"]  # type: ignore
                                    if p["id"] == pair_id)["visits"]] == [True, True]


def test_keep_changes_the_workbook_it_names_wherever_it_is(run: Runner, paired: Path,
                                                           tmp_path: Path) -> None:
    """`--keep` without -o changes the workbook it names in place, whatever it is called and
    wherever it is; it never writes a second pairs.xlsx beside the volunteers."""
    (tmp_path / "records").mkdir()
    moved = tmp_path / "records" / "exchange-pairs.xlsx"
    paired.rename(moved)
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                       Organisation="Practice 9"),
                                     person("Consultant 9", "c9@example.org", "Consultant",
                                            Organisation="Hospital 9")])
    said = " ".join(run("pair", "v.xlsx", "--keep", "records/exchange-pairs.xlsx").stdout
                    .split())
    # the backup beside the workbook, not here
    assert "Updated records/exchange-pairs.xlsx: 4 pairs kept with their visits and notes, " \
        f"1 new; the previous version is kept as records/{newest_backup(moved)}." in said
    assert (tmp_path / "records" / "backups").is_dir()
    assert not (tmp_path / "pairs.xlsx").exists()
    from wessex_cli.pairs_workbook import read_pairs_workbook

    pairs = {(p.a.email, p.b.email) for p in read_pairs_workbook(moved).pairs}
    assert ("gp9@example.org", "c9@example.org") in pairs and len(pairs) == 5


def test_a_mistyped_address_holds_the_pair_too(run: Runner, paired: Path,
                                               tmp_path: Path) -> None:
    """The error may be in the address itself: the person is found by name, and their pair
    is held, not ended as if they had left."""
    row, _ = row_of(paired, "gp1@example.org")
    pair_id = openpyxl.load_workbook(paired)["Pairs"].cell(row, 1).value
    typo = [{**p, "Email": "gp1@example"} if p["Email"] == "gp1@example.org" else p
            for p in people()]
    write_book(tmp_path / "v.xlsx", typo)
    data = json.loads(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--skip-errors",
                          "--json").stdout)
    assert [h["id"] for h in data["held"]] == [pair_id]
    assert data["summary"]["pairs"] == 4  # the held pair is still a pair
    assert "Withdrawn" not in openpyxl.load_workbook(paired).sheetnames


def test_a_held_pair_whose_partner_withdrew_ends_for_that_reason(run: Runner, paired: Path,
                                                                 tmp_path: Path) -> None:
    row, side = row_of(paired, "gp1@example.org")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    partner = sheet.cell(row, columns(sheet)[f"{'B' if side == 'A' else 'A'} email"]).value
    changed = [{**p, "Host days": "Tuesday lunchtime"} if p["Email"] == "gp1@example.org" else
               {**p, "Status": "withdrawn"} if p["Email"] == partner else p for p in people()]
    write_book(tmp_path / "v.xlsx", changed)
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx", "--skip-errors").stdout.split())
    assert "is kept as it stands" not in said
    assert "was not kept: Consultant" in said and "is no longer active (withdrawn)" in said


@pytest.mark.parametrize("asked", [["--lock", "Dr GP 1=Consultant 3"], ["--why", "Dr GP 1"]])
def test_naming_someone_left_out_for_an_error_says_so(run: Runner, tmp_path: Path,
                                                      asked: list[str]) -> None:
    typo = [{**p, "Host days": "Tuesday lunchtime"} if p["Email"] == "gp1@example.org" else p
            for p in people()]
    write_book(tmp_path / "v.xlsx", typo)
    said = " ".join(run("pair", "v.xlsx", "--skip-errors", *asked, code=1).output.split())
    assert "names 'Dr GP 1', whose row (row 3) has an error, so --skip-errors left them " \
        "out." in said
    assert "not in the volunteer list" not in said


def test_keep_with_nothing_to_change_saves_nothing_and_keeps_the_older_backups(
        run: Runner, paired: Path, tmp_path: Path) -> None:
    """Backups are the record's safety net and only the newest five are kept: a --keep that
    would change nothing does not push an older one out."""
    write_book(tmp_path / "v.xlsx", people())
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")  # the first --keep writes "kept"
    before = paired.read_bytes()
    backups = sorted((tmp_path / "backups").iterdir())
    said = " ".join(run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout.split())
    assert "pairs.xlsx already says all this: 4 pairs kept as they were, nothing new; it was " \
        "left as it was, with no new backup." in said
    assert paired.read_bytes() == before
    assert sorted((tmp_path / "backups").iterdir()) == backups
    run("pair", "v.xlsx", "--keep", "pairs.xlsx", "-o", "copy.xlsx")  # another file: written
    assert (tmp_path / "copy.xlsx").exists()


def test_a_note_with_mixed_formatting_keeps_it_through_a_visit(run: Runner,
                                                               paired: Path) -> None:
    """A word of a Notes cell made bold and red in Excel stays so when a visit is recorded
    (openpyxl, loading plain text, wrote it back as plain)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    notes = sheet.cell(2, columns(sheet)["Notes"])
    notes.value = CellRichText(["Call first: ", TextBlock(InlineFont(b=True, color="FFFF0000"),
                                                          "allergic to latex")])
    book.save(paired)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "18/5/2027")
    after = openpyxl.load_workbook(paired, rich_text=True)["Pairs"]
    kept = after.cell(2, columns(after)["Notes"]).value
    assert isinstance(kept, CellRichText) and str(kept) == "Call first: allergic to latex"
    bold = [block for block in kept if isinstance(block, TextBlock)]
    assert [(b.text, b.font.b) for b in bold] == [("allergic to latex", True)]


def test_formulas_that_spill_are_refused_as_saving_would_drop_them(run: Runner,
                                                                    paired: Path) -> None:
    with zipfile.ZipFile(paired, "a") as archive:  # Excel 365 keeps them in metadata.xml
        archive.writestr("xl/metadata.xml", '<metadata xmlns="http://schemas.openxmlformats.'
                                            'org/spreadsheetml/2006/main"/>')
    refused = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert "formulas that spill over several cells" in refused.output


_ELSEWHERE = {
    # (part, its content): each is found by what it holds, wherever the relations keep it
    "formulas that spill over several cells": (
        "xl/md.xml", '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main"><futureMetadata name="XLDAPR" count="1"><bk/></futureMetadata><cellMetadata '
        'count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>'),
    "pictures or data types placed in cells": (
        "xl/values/rv.xml", '<rvData xmlns="http://schemas.microsoft.com/office/spreadsheetml/'
        '2017/richdata" count="1"><rv s="0"><v>0</v><v>5</v></rv></rvData>'),
    "threaded comments (their replies)": (
        "xl/talk/tc1.xml", '<ThreadedComments xmlns="http://schemas.microsoft.com/office/'
        'spreadsheetml/2018/threadedcomments"><threadedComment ref="A2" id="{1}" '
        'personId="{2}"><text>Moved to June</text></threadedComment></ThreadedComments>'),
    "slicers": ("xl/s/slicer1.xml", '<slicers xmlns="http://schemas.microsoft.com/office/'
                                    'spreadsheetml/2009/9/main"/>'),
    "timelines": ("xl/t/timeline1.xml", '<timelines xmlns="http://schemas.microsoft.com/'
                                        'office/spreadsheetml/2010/11/main"/>'),
    "data connections (Power Query, external data)": (
        "xl/connections.xml", '<connections xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><connection id="1" name="Query - X" type="5"/></connections>'),
    "form controls": ("xl/c/ctrl1.xml", '<formControlPr xmlns="http://schemas.microsoft.com/'
                                        'office/spreadsheetml/2009/9/main" objectType="CheckBox"'
                                        '/>'),
}


@pytest.mark.parametrize("what", sorted(_ELSEWHERE))
def test_what_openpyxl_drops_is_refused_wherever_it_is_kept(run: Runner, paired: Path,
                                                             what: str) -> None:
    """Excel finds a part through the relations, under any name: metadata.xml kept as
    xl/md.xml passed, and a visit turned a formula that spills into an old array formula."""
    part, content = _ELSEWHERE[what]
    with zipfile.ZipFile(paired, "a") as archive:
        archive.writestr(part, '<?xml version="1.0" encoding="UTF-8"?>' + content)
    before = paired.read_bytes()
    refused = run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027", code=1)
    assert what in refused.output
    assert paired.read_bytes() == before


def test_a_formulas_text_that_looks_like_an_error_stays_text(run: Runner, paired: Path) -> None:
    """A formula showing "#TEAM A" was saved back as an error value, which no reader reads
    ('status' then failed on the workbook); only Excel's own errors are errors."""
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    cell = sheet.cell(3, columns(sheet)["Notes"]).coordinate
    with_cached_formula(paired, cell, '="#TEAM "&"A"', "#TEAM A")
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    with zipfile.ZipFile(paired) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(rf'<c r="{cell}"[^>]* t="str"><f>[^<]*</f><v>#TEAM A</v></c>', xml)
    run("status", "pairs.xlsx")


def test_a_data_tables_last_value_is_kept(run: Runner, paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    book.create_sheet("Budget")["A1"] = 2
    book.save(paired)
    with zipfile.ZipFile(paired) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/") and b"<v>2</v>" in parts[n]
                and n != "xl/worksheets/sheet1.xml")
    table = ('<c r="B1"><f t="dataTable" ref="B1:B3" dt2D="0" dtr="0" r1="A1"/><v>111</v></c>')
    parts[name] = re.sub(r'(<c r="A1"[^>]*>.*?</c>)', lambda m: m.group(1) + table,
                         parts[name].decode(), count=1).encode()
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "10/5/2027")
    with zipfile.ZipFile(paired) as archive:
        xml = archive.read(name).decode()
    assert re.search(r'<c r="B1"[^>]*><f t="dataTable"[^>]*>(?:</f>)?<v>111</v></c>', xml), xml


# Notes as Excel writes them: the author's name in bold, a word in red, a box made larger,
# set to stay shown and placed by hand (Anchor: column, offset, row, offset, twice)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EXCEL_NOTES = (f'<comments xmlns="{MAIN}"><authors><author>Pat Admin</author></authors>'
               '<commentList><comment ref="{ref}" authorId="0" shapeId="0"><text>'
               '<r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr><t>Pat Admin:</t></r>'
               '<r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr>'
               '<t xml:space="preserve"> call before </t></r>'
               '<r><rPr><b/><sz val="9"/><color rgb="FFFF0000"/><rFont val="Tahoma"/></rPr>'
               '<t>Tuesday</t></r></text></comment></commentList></comments>')
EXCEL_DRAWING = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
    'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;'
    'margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:90pt;z-index:1;'
    'visibility:visible" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
    '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    '<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row>'
    '<x:Column>{column}</x:Column><x:Visible/></x:ClientData></v:shape></xml>')


def with_excel_note(path: Path, row: int, column: int) -> None:
    """Give the Pairs sheet's cell at (row, column) the note above, as Excel saves it."""
    book = openpyxl.load_workbook(path)
    cell = book["Pairs"].cell(row, column)
    cell.comment = Comment("placeholder", "Pat Admin")
    book.save(path)
    anchor = f"{column}, 15, {row - 2}, 10, {column + 3}, 15, {row + 4}, 4"
    xml = {"xl/comments/comment1.xml": EXCEL_NOTES.format(ref=cell.coordinate),
           "xl/drawings/commentsDrawing1.vml": EXCEL_DRAWING.format(
               anchor=anchor, row=row - 1, column=column - 1)}
    with zipfile.ZipFile(path) as archive:
        parts = [(info, xml.get(info.filename, archive.read(info))) for info in
                 archive.infolist()]
    assert all(name in [info.filename for info, _ in parts] for name in xml)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info, data)


def runs(comments: str) -> list[tuple[str, bool, str | None]]:
    """(text, bold, colour) of each run of formatting in a comments part's notes."""
    from xml.etree import ElementTree

    found = []
    for run_ in ElementTree.fromstring(comments).iter(f"{{{MAIN}}}r"):
        properties = run_.find(f"{{{MAIN}}}rPr")
        bold = properties is not None and properties.find(f"{{{MAIN}}}b") is not None
        colour = properties.find(f"{{{MAIN}}}color") if properties is not None else None
        found.append((run_.findtext(f"{{{MAIN}}}t", ""), bold,
                      colour.get("rgb") if colour is not None else None))
    return found


EXCEL_RUNS = [("Pat Admin:", True, None), (" call before ", False, None),
              ("Tuesday", True, "FFFF0000")]


def note_as_saved(path: Path, sheet: str) -> tuple[str, str]:
    """(comments part, drawing part) of ``sheet`` in the workbook at ``path``."""
    book = openpyxl.load_workbook(path)
    index = book.sheetnames.index(sheet) + 1
    with zipfile.ZipFile(path) as archive:
        relations = archive.read(f"xl/worksheets/_rels/sheet{index}.xml.rels").decode()
        comments = re.search(r'Target="/?([^"]*comment[^"]*\.xml)"', relations)
        drawing = re.search(r'Target="/?([^"]*\.vml)"', relations)
        assert comments is not None and drawing is not None
        return (archive.read(comments.group(1)).decode(),
                archive.read(drawing.group(1)).decode())


def test_a_note_keeps_its_formatting_size_and_place_through_a_visit(run: Runner,
                                                                    paired: Path) -> None:
    """openpyxl wrote every note back plain, hidden, at its default size and place."""
    row, _ = row_of(paired, "gp1@example.org")
    column = columns(openpyxl.load_workbook(paired)["Pairs"])["Notes"]
    with_excel_note(paired, row, column)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "18/5/2027")
    comments, drawing = note_as_saved(paired, "Pairs")
    assert runs(comments) == EXCEL_RUNS
    assert "width:240px;height:120px" in drawing  # 180pt by 90pt
    assert "visibility:visible" in drawing and "visibility:hidden" not in drawing
    assert re.search(r"<\w+:Visible\s*/>", drawing)
    anchor = f"{column}, 15, {row - 2}, 10, {column + 3}, 15, {row + 4}, 4"
    assert re.search(rf"<\w+:SizeWithCells\s*/><\w+:Anchor>{anchor}</\w+:Anchor>", drawing)
    note = openpyxl.load_workbook(paired)["Pairs"].cell(row, column).comment
    assert note is not None and note.text == "Pat Admin: call before Tuesday"


def test_a_note_keeps_its_look_when_its_row_moves_up_or_to_the_withdrawn_sheet(
        run: Runner, paired: Path) -> None:
    rows = sorted(row_of(paired, f"gp{i}@example.org")[0] for i in range(4))
    above, noted = rows[0], rows[-1]
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    column = columns(sheet)["Notes"]
    leaving = next(sheet.cell(above, columns(sheet)[f"{half} email"]).value for half in "AB"
                   if sheet.cell(above, columns(sheet)[f"{half} email"]).value.startswith("gp"))
    with_excel_note(paired, noted, column)
    run("withdraw", "pairs.xlsx", leaving)
    comments, drawing = note_as_saved(paired, "Pairs")
    assert runs(comments) == EXCEL_RUNS
    assert f'ref="{sheet.cell(noted - 1, column).coordinate}"' in comments
    moved = f"{column}, 15, {noted - 3}, 10, {column + 3}, 15, {noted + 3}, 4"  # up one row
    assert f">{moved}</" in drawing and "visibility:visible" in drawing
    gone = next(sheet.cell(noted, columns(sheet)[f"{half} email"]).value for half in "AB"
                if sheet.cell(noted, columns(sheet)[f"{half} email"]).value.startswith("gp"))
    run("withdraw", "pairs.xlsx", gone)
    comments, drawing = note_as_saved(paired, "Withdrawn")
    assert runs(comments) == EXCEL_RUNS
    assert "visibility:visible" in drawing and "width:240px" in drawing


def test_a_total_below_the_pairs_is_not_a_pair(run: Runner, paired: Path,
                                               tmp_path: Path) -> None:
    """A row naming nobody (a total typed under the table) was read as a pair: status counted
    its visits as owed and remind stopped on its empty address, saying 'string index out of
    range'."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    below = sheet.max_row + 2
    sheet.cell(below, 1).value = "Total"
    sheet.cell(below, columns(sheet)["A hosts B: done"]).value = 12
    sheet.cell(below, columns(sheet)["A name"]).value = 4  # a count of the names above
    sheet.cell(below, columns(sheet)["B name"]).value = "Totals"
    book.save(paired)
    result = run("status", "pairs.xlsx", "--json")
    assert len(json.loads(result.stdout)["pairs"]) == 4
    assert f"Pairs!A{below}: row {below} has no e-mail address on either side, so it is " \
        "not counted as a pair" in " ".join(result.stderr.split())
    reminded = run("remind", "pairs.xlsx", "-o", "reminders", DRAFT)
    assert "string index" not in reminded.output, reminded.output
    assert len(list((tmp_path / "reminders").rglob("*.eml"))) == 8, reminded.output


def test_a_person_without_an_address_is_named_not_a_python_error(run: Runner,
                                                                 paired: Path) -> None:
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(2, columns(sheet)["B email"]).value = None
    name = sheet.cell(2, columns(sheet)["B name"]).value
    book.save(paired)
    warned = " ".join(run("status", "pairs.xlsx").stderr.split())
    cell = sheet.cell(2, columns(sheet)["B email"]).coordinate
    assert f"Pairs!{cell}: {name} has no e-mail address; fill it in before sending" in warned
    refused = run("remind", "pairs.xlsx", "-o", "reminders", DRAFT, code=1)
    said = " ".join(refused.output.split())
    # the cell to fill in, named by the refusal too (what is wrong, the warning above says)
    assert f"Pairs!{cell} ({name}'s address, warned of above)." in said
    assert "index" not in said


def test_a_first_name_alone_is_answered_with_the_person_it_may_mean(run: Runner,
                                                                    paired: Path) -> None:
    """'wessex visit pairs.xlsx Amelia' said nobody of that name was there, with no
    suggestion; a surname got one. A first name nobody else has now finds the person
    (tests/test_visit_by_surname.py); the suggestion still answers a near miss."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(2, columns(sheet)["A name"]).value = "Dr Amelia Ashworth"
    book.save(paired)
    said = " ".join(run("visit", "pairs.xlsx", "Amelia", "--hosted", "18/5/2027").output.split())
    assert said.startswith("Recorded: Dr Amelia Ashworth (hosted on 18 May 2027)")
    from wessex_cli.text import did_you_mean

    assert did_you_mean("Leon", ["Dr Leon Ince", "Leon Marsh-Tate", "Dr Leona Price"]) == \
        "Did you mean 'Dr Leon Ince' or 'Leon Marsh-Tate'? "


def test_a_drawing_claiming_a_note_far_away_makes_no_cell_there(run: Runner,
                                                                paired: Path) -> None:
    """A note's box said to be at the last row of the sheet, where no note is: looking it up
    must not make a cell there (every later pass over the sheet would walk to it)."""
    column = columns(openpyxl.load_workbook(paired)["Pairs"])["Notes"]
    with_excel_note(paired, 2, column)
    with zipfile.ZipFile(paired) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            if info.filename.endswith(".vml"):
                data = data.replace(b"<x:Row>1</x:Row>", b"<x:Row>1048575</x:Row>")
                assert b"1048575" in data
            archive.writestr(info, data)
    from wessex_cli.workbook_edit import open_in_memory

    assert open_in_memory(paired).book["Pairs"].max_row < 100  # no cell made far away
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "18/5/2027")
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    note = sheet.cell(2, column).comment
    assert note is not None and note.text == "Pat Admin: call before Tuesday"


def test_note_looks_read_as_excel_means_them(tmp_path: Path) -> None:
    """Round 19: '<x:Visible>False</x:Visible>' was read as shown; one '$AA$3' reference
    lost the formatting of every note in its part; a box moved above the sheet's top edge
    lost its place altogether."""
    from xml.etree import ElementTree

    from wessex_cli.workbook_notes import NoteLook, _box, _formatted_texts, _place_boxes

    x = "urn:schemas-microsoft-com:office:excel"
    v = "urn:schemas-microsoft-com:vml"

    def shape(inner: str, style: str = "visibility:hidden") -> ElementTree.Element:
        return ElementTree.fromstring(
            f'<v:shape xmlns:v="{v}" xmlns:x="{x}" style="{style}"><x:ClientData '
            f'ObjectType="Note"><x:Row>2</x:Row><x:Column>0</x:Column>{inner}'
            "</x:ClientData></v:shape>")

    assert _box(shape("<x:Visible>False</x:Visible>"))[(3, 1)]["shown"] is False
    assert _box(shape("<x:Visible/>"))[(3, 1)]["shown"] is True
    assert _box(shape("", "visibility:visible"))[(3, 1)]["shown"] is True
    part = tmp_path / "notes.zip"
    with zipfile.ZipFile(part, "w") as archive:
        archive.writestr("c.xml", EXCEL_NOTES.replace('ref="{ref}"', 'ref="$AA$3"').replace(
            "</commentList>", EXCEL_NOTES.split("<commentList>")[1].split(
                "</commentList>")[0].replace('ref="{ref}"', 'ref="AA4"') + "</commentList>"))
    with zipfile.ZipFile(part) as archive:
        assert set(_formatted_texts(archive, "c.xml")) == {"AA3", "AA4"}
    from openpyxl.xml.functions import fromstring  # as openpyxl parses its own drawing

    # the note was on row 3 with its box from row 0; now a row higher, the box stops at row 0
    look = NoteLook(None, "", row=3, column=1, anchor=(1, 15, 0, 2, 3, 15, 4, 4))
    root = fromstring(f'<xml xmlns:v="{v}" xmlns:x="{x}"><v:shape style="visibility:hidden">'
                      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
                      "<x:Row>1</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>")
    assert _place_boxes(root, {(2, 1): look})
    assert root.findtext(f".//{{{x}}}Anchor") == "1, 15, 0, 2, 3, 15, 3, 4"


@pytest.mark.parametrize("title", ["Withdrawn person", "Withdrew from"])
def test_a_pairs_column_titled_like_a_withdrawn_one_does_not_hide_it(run: Runner, paired: Path,
                                                                     tmp_path: Path,
                                                                     title: str) -> None:
    """A Pairs column of the administrator's called 'Withdrawn person' went to a second such
    column on the Withdrawn sheet, and the reader took that empty one: pair --keep paired the
    withdrawn person again."""
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    sheet.cell(1, sheet.max_column + 1).value = title
    book.save(paired)
    run("withdraw", "pairs.xlsx", "gp0@example.org", "--reason", "moved away")
    said = run("pair", "v.xlsx", "--keep", "pairs.xlsx").stdout
    assert "Dr GP 0 withdrew on 20 May 2027" in " ".join(said.split())
    emails = {c.value for row in openpyxl.load_workbook(paired)["Pairs"].iter_rows(min_row=2)
              for c in row}
    assert "gp0@example.org" not in emails


def test_a_withdrawn_row_takes_nothing_of_the_rows_below_with_it(run: Runner,
                                                                 paired: Path) -> None:
    """openpyxl moved the cells below a deleted row up but left merges, links, drop-downs
    and conditional formats where they were: a merge then lay over the next pair's row and
    hid what was typed there, and a link sat on another pair's cell."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    row, _ = row_of(paired, "gp0@example.org")
    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    col = columns(sheet)
    below = row + 1
    last = sheet.max_column
    left, right = sheet.cell(1, last + 1).coordinate[:-1], sheet.cell(1, last + 2).coordinate[:-1]
    sheet.cell(1, last + 1).value, sheet.cell(1, last + 2).value = "Own A", "Own B"
    sheet.cell(below, last + 1).value = "merged note"
    sheet.merge_cells(f"{left}{below}:{right}{below}")
    sheet.cell(below + 1, last + 2).value = "typed after"
    notes = sheet.cell(below, col["Notes"])
    notes.value = "file"
    notes.hyperlink = "https://example.org/file"
    validation = DataValidation(type="list", formula1='"yes,no"')
    validation.add(f"{notes.column_letter}{below}")
    sheet.add_data_validation(validation)
    sheet.conditional_formatting.add(f"{notes.column_letter}{below}", CellIsRule(
        operator="equal", formula=['"file"'], fill=PatternFill("solid", fgColor="FFFF00")))
    book.save(paired)
    run("withdraw", "pairs.xlsx", "gp0@example.org")
    after = openpyxl.load_workbook(paired)["Pairs"]
    moved = row  # the row below is now where the withdrawn one was
    assert [str(r) for r in after.merged_cells.ranges] == [f"{left}{moved}:{right}{moved}"]
    assert after.cell(moved + 1, last + 2).value == "typed after"  # not under a merge
    link = after.cell(moved, col["Notes"])
    assert link.value == "file" and link.hyperlink is not None
    assert link.hyperlink.target == "https://example.org/file"
    assert after.cell(below, col["Notes"]).hyperlink is None
    ranges = [str(v.sqref) for v in after.data_validations.dataValidation]
    assert f"{notes.column_letter}{moved}" in ranges  # the administrator's drop-down, moved
    assert f"{notes.column_letter}{below}" not in ranges
    assert "U2:U5000" in ranges  # wessex's own (U2:U5001), a row shorter
    assert [str(f.sqref) for f in after.conditional_formatting] == \
        [f"{notes.column_letter}{moved}"]


@pytest.mark.parametrize("formula,own,expected", [
    # row 4 of Pairs is deleted
    ("=A10+B3", True, "=A9+B3"),
    ("=SUM(Pairs!A2:A10)", False, "=SUM(Pairs!A2:A9)"),
    ("=pairs!A10", False, "=pairs!A9"),  # a sheet name in another case is the same sheet
    ("='Pairs'!$B$4", False, "=#REF!"),
    ("=Q1FY24*2", True, "=Q1FY24*2"),  # a name that looks like two cells is a name
    ("=x1y2+XFE10", True, "=x1y2+XFE10"),  # past column XFD: no cell either
    ("=SUM(Pairs!10:10)", False, "=SUM(Pairs!9:9)"),  # whole rows move too
    ("=SUM($5:$9)", True, "=SUM($4:$8)"),
    ("=SUM(4:4)", True, "=SUM(#REF!)"),
    ("=SUM(Other!A10)", False, "=SUM(Other!A10)"),
])
def test_references_move_as_excel_moves_them_when_a_row_is_deleted(
        formula: str, own: bool, expected: str) -> None:
    """A name such as Q1FY24 was rewritten as the range Q1:FY23, whole rows and a sheet
    name in lower case were left pointing at the old rows."""
    move = sheet_rows._deleted([4])  # as delete_rows re-points a formula when row 4 goes
    assert sheet_rows._repointed(formula, lambda ref: move.ref(ref, 0), own=own,
                                 sheet_name="Pairs") == expected


def test_withdraw_moves_an_array_formula_and_keeps_a_merge_of_two_rows_whole(
        run: Runner, paired: Path) -> None:
    """An array formula below the withdrawn row kept its range on the old row (a formula
    whose range did not hold its own cell) and its references; a merge of rows 4 and 5,
    with row 5 withdrawn, was written as a merge of one cell."""
    from openpyxl.worksheet.formula import ArrayFormula

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    first = sheet.cell(2, columns(sheet)["A email"]).value
    last = sheet.max_column + 2
    formula_column, merge_column = (openpyxl.utils.get_column_letter(n)
                                    for n in (last, last + 1))
    sheet.cell(5, last).value = ArrayFormula(f"{formula_column}5", "=SUM(A4:A5)")
    sheet.merge_cells(f"{merge_column}2:{merge_column}3")  # across the withdrawn row
    sheet.merge_cells(f"{merge_column}4:{merge_column}5")  # below it
    book.save(paired)
    run("withdraw", "pairs.xlsx", first, "--reason", "moved away")  # row 2
    sheet = openpyxl.load_workbook(paired)["Pairs"]
    moved = sheet.cell(4, last).value
    assert isinstance(moved, ArrayFormula)
    assert (moved.ref, moved.text) == (f"{formula_column}4", "=SUM(A3:A4)")
    # the first merge is one cell now, so no merge; the second moved up whole
    assert [str(r) for r in sheet.merged_cells.ranges] == [f"{merge_column}3:{merge_column}4"]


def test_a_link_on_an_empty_cell_never_becomes_a_formula(run: Runner, paired: Path) -> None:
    """openpyxl, reading a link on an empty cell, writes the link's address in as the
    cell's value: a workbook whose link pointed at "=1+1" came out of a visit to another
    pair with a live formula there."""
    import re

    book = openpyxl.load_workbook(paired)
    sheet = book["Pairs"]
    last = sheet.max_column + 1
    sheet.cell(1, last).value = "Rota"
    cell = sheet.cell(3, last, "placeholder")
    cell.hyperlink = "https://example.org/rota"
    book.save(paired)
    where = cell.coordinate
    parts = {}
    with zipfile.ZipFile(paired) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    sheet_part = "xl/worksheets/sheet1.xml"
    # the cell emptied, as Excel leaves one whose text was deleted, and the link's target
    # made formula-like
    parts[sheet_part] = re.sub(rb'<c r="' + where.encode() + rb'"[^>]*>.*?</c>', b"",
                               parts[sheet_part])
    rels = "xl/worksheets/_rels/sheet1.xml.rels"
    parts[rels] = parts[rels].replace(b"https://example.org/rota", b"=1+1")
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    run("visit", "pairs.xlsx", "gp0@example.org", "--hosted", "4/5/2027")
    after = openpyxl.load_workbook(paired, rich_text=True)["Pairs"][where]
    with zipfile.ZipFile(paired) as archive:
        saved = archive.read(sheet_part)
    assert b"<f>1+1</f>" not in saved  # no formula was written
    # the link stays, showing its address as text (openpyxl writes no link on an empty cell)
    assert after.hyperlink is not None and after.hyperlink.target == "=1+1"
    assert after.value == "=1+1" and after.data_type == "s"
