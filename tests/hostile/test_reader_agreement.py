"""Files on which the inspection and the reader could disagree about what is read.

The inspection measures a workbook before python-calamine reads it; calamine allocates the
whole range of the cells it finds and aborts the process (not an exception: a crash) when
that does not fit in memory. Each file here once passed the inspection as a few cells while
calamine found a cell millions of rows away, or a count of billions, in something the
inspection did not look at or read otherwise. Each is now refused before any reader sees
it (the ``no_readers`` trap fails the test if one is reached), in one message."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wessex_cli.errors import SpreadsheetError
from wessex_cli.inspection import inspect_input
from wessex_cli.spreadsheet import column_letter, read_grid

from ..conftest import COMPLETE_SCHEME, Runner, small_roster, write_book
from . import files
from .files import ODS_HEADER, ods, ods_cell, ods_row
from .test_input_limits import no_readers  # noqa: F401 - a fixture, used by name

NAME_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" '
            't="inlineStr"><is><t>Email</t></is></c><c r="C1" t="inlineStr"><is><t>Profession'
            '</t></is></c></row>')
FAR = '<row r="2"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>'


def _sheet(body: str, after: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://'
            'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            f'{body}</sheetData>{after}</worksheet>').encode()


def _relations(target: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="{target}"/></Relationships>').encode()


def _book(path: Path, body: str = NAME_ROW,
          changes: dict[str, bytes | None] | None = None) -> Path:
    """A minimal valid workbook whose sheet holds ``body``, with ``changes`` made to its
    parts (by name; None leaves the part out)."""
    parts: dict[str, bytes] = {
        "[Content_Types].xml": files._CT, "_rels/.rels": files._RELS,
        "xl/workbook.xml": files._workbook("Volunteers"),
        "xl/_rels/workbook.xml.rels": files._WB_RELS, "xl/worksheets/sheet1.xml": _sheet(body)}
    for name, content in (changes or {}).items():
        if content is None:
            parts.pop(name)
        else:
            parts[name] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def _elsewhere(target: str, member: str) -> Callable[[Path], Path]:
    """The sheet's relation points at ``target``; the far sheet is stored as ``member``."""
    def build(path: Path) -> Path:
        return _book(path, changes={"xl/_rels/workbook.xml.rels": _relations(target),
                                    member: _sheet(NAME_ROW + FAR)})
    return build


def _shared_strings(count: str) -> Callable[[Path], Path]:
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
           f'org/spreadsheetml/2006/main" count="1" uniqueCount="{count}"><si><t>a</t></si>'
           '</sst>').encode()
    return lambda path: _book(path, changes={"xl/sharedStrings.xml": sst})


def _utf16(path: Path) -> Path:
    # To expat a UTF-16 document whose one sheet row is harmless; calamine reads the bytes
    # as they are, and the ASCII run inside is markup to it: a cell at XFD1048576.
    def utf16(text: str) -> bytes:
        return text.encode("utf-16-le")

    hidden = b'<sheetData><row r="1"><c r="XFD1048576" t="n"><v>2</v></c></row></sheetData>'
    data = (b"\xff\xfe" + utf16('<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="'
                                'http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                f'<sheetData>{NAME_ROW}</sheetData><x>') +
            hidden + utf16("</x></worksheet>"))
    return _book(path, changes={"xl/worksheets/sheet1.xml": data})


def _ods_rows(rows: str) -> Callable[[Path], Path]:
    return lambda path: ods(path, ODS_HEADER + rows)


def _ods_tables(path: Path, count: int) -> Path:
    table = ods_row(ods_cell("x", 400), 1_000)  # 1,000 rows x 400 columns
    ods(path, ODS_HEADER + table)
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    more = "".join(f'</table:table><table:table table:name="More{n}">{table}'
                   for n in range(count - 1))
    parts["content.xml"] = parts["content.xml"].replace(b"</table:table>", more.encode() +
                                                        b"</table:table>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def _capital_content(path: Path) -> Path:
    # the .ods content part named in capitals: measured as the part it is
    ods(path, ODS_HEADER + ods_row(ods_cell("x", 900), 2_000))
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    parts["CONTENT.XML"] = parts.pop("content.xml")
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def _named_as_ods(path: Path) -> Path:
    return _book(path)


def _both_kinds(path: Path) -> Path:
    ods(path.with_suffix(".tmp"), ODS_HEADER + ods_row(ods_cell("x", 16_384), 6_000))
    with zipfile.ZipFile(path.with_suffix(".tmp")) as libre:
        extra = {name: libre.read(name) for name in libre.namelist()}
    _book(path)
    with zipfile.ZipFile(path, "a") as archive:
        for name, content in extra.items():
            archive.writestr(name, content)
    return path


def _shared_text(path: Path) -> Path:
    # one text of 300,000 characters, the value of 200 cells: 60 million to the reader
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
           'org/spreadsheetml/2006/main" count="200" uniqueCount="1"><si><t>' + "a" * 300_000 +
           '</t></si></sst>').encode()
    body = NAME_ROW + "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>'
                              for n in range(2, 202))
    return _book(path, body, {"xl/sharedStrings.xml": sst})


def _second_name(path: Path) -> Path:
    # an entry named media/logo.bin whose Info-ZIP Unicode Path field names it as the sheet:
    # the reader's zip library takes that name, Python's does not
    _book(path, changes={"xl/worksheets/sheet1.xml": None})
    data = b"\x01" + struct.pack("<I", zlib.crc32(b"media/logo.bin")) + \
        b"xl/worksheets/sheet1.xml"
    entry = zipfile.ZipInfo("media/logo.bin")
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.extra = struct.pack("<HH", 0x7075, len(data)) + data
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(entry, _sheet(NAME_ROW + FAR))
    return path


def _backslash_main(path: Path) -> Path:
    # "xl\workbook.xml": the reader finds no "/" in it and reads the workbook, its relations
    # and its sheets from the zip's top level, all unmeasured
    return _book(path, changes={
        "_rels/.rels": files._RELS.replace(b"xl/workbook.xml", b"xl\\workbook.xml"),
        "workbook.xml": files._workbook("Volunteers"),
        "_rels/workbook.xml.rels": _relations("hidden/big.xml"),
        "hidden/big.xml": _sheet(NAME_ROW + FAR)})


def _hidden_sheet(path: Path) -> Path:
    # a second sheet whose relation has a type no sheet has: openpyxl (visit, withdraw)
    # reads it as a worksheet all the same, and finds it through ".."
    workbook = files._workbook("Pairs").replace(
        b"</sheets>", b'<sheet name="Notes" sheetId="2" r:id="rId2"/></sheets>')
    relations = files._WB_RELS.replace(b"</Relationships>", (
        b'<Relationship Id="rId2" Type="urn:x" Target="../notes/n1.xml"/></Relationships>'))
    return _book(path, changes={"xl/workbook.xml": workbook,
                                "xl/_rels/workbook.xml.rels": relations,
                                "notes/n1.xml": _sheet(NAME_ROW + FAR)})


def _two_archives(path: Path) -> Path:
    # a workbook with a far cell, then an ordinary one whose end record claims a comment
    # running past the end of the file: Python's zipfile reads the second archive, the
    # reader's zip library skips that end record and reads the first
    _book(path.with_suffix(".far"), NAME_ROW + FAR)
    _book(path.with_suffix(".near"))
    near = bytearray(path.with_suffix(".near").read_bytes())
    struct.pack_into("<H", near, near.rfind(b"PK\x05\x06") + 20, 0xFFFF)
    path.write_bytes(path.with_suffix(".far").read_bytes() + bytes(near))
    return path


def _zip64_locator(path: Path) -> Path:
    # a zip64 locator before the end record: Python follows it, the reader's library only
    # when the ordinary record's fields are full
    _book(path)
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end:end] = b"PK\x06\x07" + struct.pack("<LQL", 0, end, 1)
    path.write_bytes(bytes(data))
    return path


def _prefixed(path: Path) -> Path:
    # bytes before the first part (as in a self-extracting archive), themselves starting
    # like a zip: Python's zipfile shifts every offset to fit, the reader's library may not
    _book(path)
    path.write_bytes(b"PK\x03\x04" + bytes(508) + path.read_bytes())
    return path


def _styles(path: Path) -> Path:
    # the reader reads a style's number format in full for every style when it opens the
    # file: 1,000 styles x a format of 100,000 characters
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt '
              f'numFmtId="200" formatCode="{"0" * 100_000}"/></numFmts><cellXfs count="1000">'
              + '<xf numFmtId="200"/>' * 1_000 + '</cellXfs></styleSheet>').encode()
    return _book(path, changes={"xl/styles.xml": styles})


COMMENTS = (b'<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><authors><author>A</author>'
            b'</authors><commentList><comment ref="ALL100000" authorId="0"><text><t>x</t>'
            b'</text></comment></commentList></comments>')


def _comment(path: Path) -> Path:
    # openpyxl makes a cell where a comment is, and visit then walks every cell up to it
    relations = _relations("../comments1.xml").replace(
        b"relationships/worksheet", b"relationships/comments")
    return _book(path, changes={"xl/worksheets/_rels/sheet1.xml.rels": relations,
                                "xl/comments1.xml": COMMENTS})


# name -> (how to build it, what the refusal says)
CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    # calamine's row counter comes from <row r> and one more at each </row>, not from the
    # cell before; "A99999999" in a row's r is row 99,999,999 to it
    "row-counter.xlsx": (lambda p: _book(p, NAME_ROW + '<row r="99999999"><c r="A2" t="n">'
                                            '<v>1</v></c><c t="n"><v>2</v></c></row>'),
                         "row 99,999,999"),
    "row-letters.xlsx": (lambda p: _book(p, NAME_ROW + '<row r="A99999999"><c t="n"><v>1</v>'
                                            '</c></row>'), "row 99,999,999"),
    # a row written inside a cell: the reader skips it, its counter unmoved
    "row-in-cell.xlsx": (lambda p: _book(p, NAME_ROW + '<row r="5000000"><c r="A2"><f><row r='
                                            '"1"></row></f><v>1</v></c><c><v>2</v></c></row>'),
                         "row 5,000,000"),
    "row-after.xlsx": (lambda p: _book(p, NAME_ROW + '<row r="99999999"><c r="A2" t="n"><v>1'
                                          '</v></c></row><row><c t="n"><v>2</v></c></row>'),
                       "row 100,000,000"),
    # openpyxl (which edits the pairs workbook) reads "1_000_000" and "1e6" as numbers
    "underscores.xlsx": (lambda p: _book(p, NAME_ROW + '<row r="2"><c r="C1_000_000" t="n">'
                                            '<v>1</v></c></row>'), "row 1,000,000"),
    "row-float.xlsx": (lambda p: _book(p, NAME_ROW + '<row r="1e6"><c t="n"><v>1</v></c>'
                                          '</row>'), "row 1,000,000"),
    # the reader follows the relations, ignores case and reads "\" as "/"
    "outside.xlsx": (_elsewhere("evil.xml", "xl/evil.xml"), "row 1,048,576"),
    "absolute.xlsx": (_elsewhere("/evil.xml", "evil.xml"), "row 1,048,576"),
    "binary-name.xlsx": (_elsewhere("worksheets/sheet2.bin", "xl/worksheets/sheet2.bin"),
                         "row 1,048,576"),
    "upper-case.xlsx": (_elsewhere("worksheets/sheet2.xml", "XL/Worksheets/Sheet2.xml"),
                        "row 1,048,576"),
    "backslash.xlsx": (_elsewhere("worksheets/sheet2.xml", "xl\\worksheets\\sheet2.xml"),
                       "row 1,048,576"),
    "second-name.xlsx": (_second_name, "carries a second name"),
    "backslash-main.xlsx": (_backslash_main, "written with escapes"),
    "escaped-target.xlsx": (_elsewhere("data&amp;1.xml", "xl/data&amp;1.xml"),
                            "written with escapes"),
    "hidden-sheet.xlsx": (_hidden_sheet, "row 1,048,576"),
    "other-main.xlsx": (lambda p: _book(p, changes={"[Content_Types].xml": files._CT.replace(
        b'PartName="/xl/workbook.xml"', b'PartName="/other/book.xml"')}),
        "names another main part"),
    "two-archives.xlsx": (_two_archives, "can be read in more than one way"),
    "zip64.xlsx": (_zip64_locator, "can be read in more than one way"),
    "prefixed.xlsx": (_prefixed, "can be read in more than one way"),
    "styles.xlsx": (_styles, "1,000 styles with number formats of up to 100,000 characters"),
    # openpyxl (visit, withdraw) makes a cell for each place a merge or a hyperlink covers
    "merged.xlsx": (lambda p: _book(p, changes={"xl/worksheets/sheet1.xml": _sheet(
        NAME_ROW, '<mergeCells count="1"><mergeCell ref="C20:ALL100000"/></mergeCells>')}),
        "100,000 rows by 1,000 columns"),
    "whole-column.xlsx": (lambda p: _book(p, changes={"xl/worksheets/sheet1.xml": _sheet(
        NAME_ROW, '<mergeCells count="1"><mergeCell ref="D:D"/></mergeCells>')}),
        "row 1,048,576"),
    "hyperlink.xlsx": (lambda p: _book(p, changes={"xl/worksheets/sheet1.xml": _sheet(
        NAME_ROW, '<hyperlinks><hyperlink ref="ALL100000" location="Sheet1!A1"/></hyperlinks>'
    )}), "100,000 rows by 1,000 columns"),
    "comment.xlsx": (_comment, "100,000 rows by 1,000 columns"),
    # openpyxl loads (and saves) a part once for each sheet that names it
    "one-part-twice.xlsx": (lambda p: _book(p, changes={
        "xl/workbook.xml": files._workbook("Volunteers").replace(
            b"</sheets>", b'<sheet name="Again" sheetId="2" r:id="rId1"/></sheets>')}),
        "two of its sheets are one and the same part"),
    "same-name.xlsx": (lambda p: _book(p, changes={
        "XL/Worksheets/Sheet1.xml": _sheet(NAME_ROW + FAR)}), "two parts are named"),
    "redirected.xlsx": (lambda p: _book(p, changes={"_rels/.rels": files._RELS.replace(
        b"xl/workbook.xml", b"other/workbook.xml")}), "main part is not xl/workbook.xml"),
    # the reader sets aside room for uniqueCount strings before reading one
    "unique-count.xlsx": (_shared_strings("10000000000"), "10000000000 different texts"),
    "unique-count-form.xlsx": (_shared_strings("1e12"), "1e12 different texts"),
    "utf16.xlsx": (_utf16, "not written in UTF-8"),
    # the reader is chosen by the extension; the inspection must agree with it
    "excel.ods": (_named_as_ods, "named .ods but holds an Excel spreadsheet"),
    "both.xlsx": (_both_kinds, "of an Excel workbook and of an .ods spreadsheet at once"),
    "hidden-binary.xlsx": (lambda p: _book(p, changes={"xl/Workbook.bin": b"\x00" * 64}),
                           "binary workbook"),
    # a long text copied into many cells, shared (.xlsx) or repeated (.ods): 60 million
    # characters from a file of a few kilobytes
    "shared-text.xlsx": (_shared_text, "characters once each copy of a repeated text"),
    "spaces.ods": (_ods_rows(ods_row('<table:table-cell office:value-type="string" table:'
                                     'number-columns-repeated="600"><text:p><text:s text:c='
                                     '"100000"/></text:p></table:table-cell>')),
                   "characters once each copy of a repeated text"),
    # .ods: the reader knows a table, row or cell by its literal name ("table:table-row"),
    # so another prefix hides one from it or shows one to it; a table in a table joins them
    "foreign-row.ods": (_ods_rows('<x:table-row xmlns:x="urn:x"><x:table-cell><table:table-'
                                  'row table:number-rows-repeated="6000"><table:table-cell '
                                  'office:value="1" table:number-columns-repeated="900"/>'
                                  '</table:table-row></x:table-cell></x:table-row>'),
                        "not 'table:table-row'"),
    "foreign-table.ods": (_ods_rows('<x:table xmlns:x="urn:x" x:name="reset"/>'),
                          "not 'table:table'"),
    "capital-content.ods": (_capital_content, "2,001 rows by 900 columns"),
    "nested-table.ods": (_ods_rows('<table:table table:name="inner"/>'),
                         "a table is written inside another"),
    # .ods: the reader reads every table when it opens the file: the first of 1,001 rows (a
    # header) by 400 columns, two more of 1,000 by 400, are 1,200,400 cells together
    "tables.ods": (lambda p: _ods_tables(p, 3), "sheets together span 1,200,400 cells"),
    # .ods: a value with no value-type, a formula alone, a "+" count and a decoy namespace
    # are all read as calamine reads them
    "value-alone.ods": (_ods_rows('<table:table-row table:number-rows-repeated="200000">'
                                  '<table:table-cell office:value="1" table:number-columns-'
                                  'repeated="3"/></table:table-row>'), "row 200,001"),
    "formula-alone.ods": (_ods_rows('<table:table-row table:number-rows-repeated="200000">'
                                    '<table:table-cell table:formula="of:=1"/></table:table-'
                                    'row>'), "row 200,001"),
    "plus.ods": (_ods_rows(ods_row(ods_cell("x")).replace(
        "<table:table-row>", '<table:table-row table:number-rows-repeated="+200000">')),
        "row 200,001"),
    "decoy.ods": (_ods_rows('<table:table-row xmlns:d="urn:decoy" d:number-rows-repeated="1" '
                            'table:number-rows-repeated="200000">' + ods_cell("x") +
                            '</table:table-row>'), "row 200,001"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_file_the_reader_would_read_otherwise_is_refused_first(
        tmp_path: Path, name: str, no_readers: None) -> None:  # noqa: F811
    build, said = CASES[name]
    path = build(tmp_path / name)
    assert path.stat().st_size < 20_000
    with pytest.raises(SpreadsheetError) as caught:
        read_grid(path)
    assert said in str(caught.value)
    assert caught.value.file == path


@pytest.mark.parametrize("name", ["BOOK.XLSX", "book.xlsm", "book"])
def test_a_workbook_under_another_extension_is_read_as_the_workbook_it_is(
        tmp_path: Path, name: str) -> None:
    # calamine tries each reader in turn for an extension it does not know (".XLSX" is one):
    # an ordinary workbook is still read, whatever its name
    path = tmp_path / name
    write_book(path, small_roster())
    grid = read_grid(path)
    assert grid.rows[0][:3] == ["Name", "Email", "Profession"]


def test_an_ordinary_workbook_with_every_usual_part_is_accepted(tmp_path: Path) -> None:
    # shared strings with an honest count, and a picture (not XML): nothing here is refused
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
           b'org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Name</t></si><si>'
           b'<t>Email</t></si><si><t>Profession</t></si></sst>')
    body = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" '
            't="s"><v>2</v></c></row>')
    path = _book(tmp_path / "usual.xlsx", body, {
        "xl/sharedStrings.xml": sst, "xl/media/image1.png": b"\x89PNG\r\n\x1a\n" + bytes(40)})
    assert read_grid(path).rows == [["Name", "Email", "Profession"]]


def test_one_long_text_among_many_short_ones_is_counted_once(tmp_path: Path) -> None:
    # 2,000 cells and a string of 30,000 characters (a cell holds 32,767 at most): the quick
    # bound (cells x longest) is 60 million, past the limit, so each cell's own string is
    # counted: 31,999 in all
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
           'org/spreadsheetml/2006/main" count="2000" uniqueCount="2"><si><t>' + "a" * 30_000 +
           '</t></si><si><t>x</t></si></sst>').encode()
    body = NAME_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + "".join(
        f'<row r="{n}"><c r="A{n}" t="s"><v>1</v></c></row>' for n in range(3, 2002))
    grid = read_grid(_book(tmp_path / "notes.xlsx", body, {"xl/sharedStrings.xml": sst}))
    assert len(grid.rows) == 2001
    assert len(grid.rows[1][0]) == 30_000 and grid.rows[2][0] == "x"


_ROW_R = st.one_of(st.none(), st.integers(1, 3_000).map(str),
                   st.integers(1, 3_000).map(lambda n: f"B{n}"))
# cells' own rows lower than rows' numbers, so that a cell placed by the row counter is
# the furthest, where a wrong model of the counter shows
_CELL_R = st.one_of(st.none(), st.tuples(st.integers(1, 40), st.integers(1, 60)).map(
    lambda rc: f"{column_letter(rc[0] - 1)}{rc[1]}"), st.just("a1"), st.just("$B$2"))


def _cell(ref: str | None, empty: bool) -> str:
    at = f' r="{ref}"' if ref else ""
    return f'<c{at} t="n"/>' if empty else f'<c{at} t="n"><v>1</v></c>'


_CELLS = st.lists(st.tuples(_CELL_R, st.booleans()), max_size=6).map(
    lambda cells: "".join(_cell(ref, empty) for ref, empty in cells))
_ROW = st.tuples(_ROW_R, _CELLS, st.booleans()).map(
    lambda row: (f'<row r="{row[0]}">' if row[0] else "<row>") + row[1] + "</row>"
    if row[1] or not row[2] else (f'<row r="{row[0]}"/>' if row[0] else "<row/>"))
# rows, with now and then cells outside any row or a row inside another
_BODY = st.lists(st.one_of(_ROW, _CELLS, st.tuples(_ROW_R, _ROW).map(
    lambda outer: (f'<row r="{outer[0]}">' if outer[0] else "<row>") + outer[1] + "</row>")),
    min_size=1, max_size=8).map("".join)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_BODY)
def test_the_reader_places_no_cell_beyond_what_the_inspection_measured(
        tmp_path: Path, body: str) -> None:
    # Oracle: python-calamine itself, on sheets small enough that a wrong measure cannot
    # hurt: wherever cells without references, rows with and without numbers, self-closing
    # rows and cells, cells outside rows and rows inside rows put the reader's cells, the
    # inspection measured at least as far.
    from python_calamine import CalamineError, CalamineWorkbook

    path = _book(tmp_path / "sheet.xlsx", body)
    extent = inspect_input(path).sheets["xl/worksheets/sheet1.xml"]
    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            end = book.get_sheet_by_index(0).end
    except CalamineError:
        return  # the reader refuses the sheet itself (a reference it cannot read)
    if end is not None:
        assert end[0] + 1 <= extent.rows and end[1] + 1 <= extent.columns


def _table(path: Path) -> Path:
    # a table with no columns listed: openpyxl makes every cell of its range when it saves
    table = (b'<?xml version="1.0" encoding="UTF-8"?><table xmlns="http://schemas.openxmlformats.'
             b'org/spreadsheetml/2006/main" id="1" name="T1" displayName="T1" ref="A1:ALL100000"'
             b'/>')
    return _book(path, changes={"xl/tables/table1.xml": table})


def _named_styles(path: Path) -> Path:
    # openpyxl builds a named style, with its fonts, fills and borders, for each one
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main"><cellStyleXfs count="20000">' +
              '<xf/>' * 20_000 + '</cellStyleXfs><cellStyles count="20000">' +
              "".join(f'<cellStyle name="S{n}" xfId="{n}"/>' for n in range(20_000)) +
              '</cellStyles></styleSheet>').encode()
    return _book(path, changes={"xl/styles.xml": styles})


def _properties(path: Path) -> Path:
    # a part openpyxl parses whole, of 600,000 empty elements
    core = (b'<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="urn:x">' +
            b"<a/>" * 600_000 + b"</cp:coreProperties>")
    return _book(path, changes={"docProps/core.xml": core})


def _rules(path: Path) -> Path:
    # openpyxl builds a heavy object for each conditional format
    rules = "".join(f'<conditionalFormatting sqref="B{n}"><cfRule type="expression" priority='
                    f'"{n}"><formula>{n}</formula></cfRule></conditionalFormatting>'
                    for n in range(1, 10_002))
    return _book(path, changes={"xl/worksheets/sheet1.xml": _sheet(NAME_ROW, rules)})


def _many_sheets(path: Path) -> Path:
    # openpyxl loads each sheet twice: 101 small ones
    workbook = files._workbook("Volunteers").replace(b"</sheets>", "".join(
        f'<sheet name="S{n}" sheetId="{n + 10}" r:id="rId{n + 10}"/>' for n in range(100)
    ).encode() + b"</sheets>")
    relations = files._WB_RELS.replace(b"</Relationships>", "".join(
        f'<Relationship Id="rId{n + 10}" Type="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships/worksheet" Target="worksheets/s{n}.xml"/>'
        for n in range(100)).encode() + b"</Relationships>")
    sheets: dict[str, bytes | None] = {f"xl/worksheets/s{n}.xml": _sheet(NAME_ROW)
                                       for n in range(100)}
    return _book(path, changes={"xl/workbook.xml": workbook,
                                "xl/_rels/workbook.xml.rels": relations, **sheets})


# name -> (how to build it, what the refusal to change it says)
EDITS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "table.xlsx": (_table, "sheets together, or a table, span 100,000,000 cells"),
    "named-styles.xlsx": (_named_styles, "20,000 named styles"),
    "properties.xlsx": (_properties, "600,"),
    "rules.xlsx": (_rules, "a sheet more parts or rules"),
    "many-sheets.xlsx": (_many_sheets, "more sheets"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_workbook_openpyxl_would_build_too_much_of_is_not_changed(
        tmp_path: Path, name: str) -> None:
    # each is read (calamine does not build these), but visit, withdraw and pair --keep,
    # which change a workbook through openpyxl, refuse it before openpyxl opens it
    from wessex_cli.inspection import check_editable

    build, said = EDITS[name]
    inspection = inspect_input(build(tmp_path / name))
    with pytest.raises(SpreadsheetError) as caught:
        check_editable(inspection)
    assert "too large to change safely" in str(caught.value) and said in str(caught.value)


def test_an_escaped_relation_type_does_not_hide_comments(tmp_path: Path) -> None:
    # openpyxl reads the type unescaped, so "comment&#115;" is its comments relation
    relations = _relations("../comments1.xml").replace(
        b"relationships/worksheet", b"relationships/comment&#115;")
    path = _book(tmp_path / "escaped.xlsx", changes={
        "xl/worksheets/_rels/sheet1.xml.rels": relations,
        "xl/comments1.xml": COMMENTS})
    with pytest.raises(SpreadsheetError, match="written with escapes"):
        inspect_input(path)


def test_a_row_repeated_no_times_is_still_a_row_to_the_reader(tmp_path: Path,
                                                              no_readers: None) -> None:  # noqa: F811
    # calamine reads every <table:table-row>, repeat 0 or not, and drops it only afterwards:
    # 1,000 such rows of 1,000 columns took it past a gigabyte from a file of a few KB
    row = ('<table:table-row table:number-rows-repeated="0"><table:table-cell table:number-'
           'columns-repeated="999"/><table:table-cell office:value-type="float" office:value='
           '"1"/></table:table-row>')
    path = ods(tmp_path / "zero.ods", ODS_HEADER + row * 1_000)
    with pytest.raises(SpreadsheetError, match="1,001 rows by 1,000 columns"):
        read_grid(path)


def test_a_part_of_too_many_elements_is_refused(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # the reader keeps every cell element, and the inspection calls back for each: a part of
    # millions of tiny elements took minutes (the limit lowered here to keep the file small)
    import dataclasses

    from wessex_cli import inspection

    monkeypatch.setattr(inspection, "LIMITS",
                        dataclasses.replace(inspection.LIMITS, part_elements=1_000))
    cells = "".join(f'<row r="2"><c r="A2" t="n"><v>{n}</v></c></row>' for n in range(400))
    with pytest.raises(SpreadsheetError, match="more than 1,000 XML elements"):
        inspect_input(_book(tmp_path / "elements.xlsx", NAME_ROW + cells))
    fewer = cells[:cells.index('<row r="2"><c r="A2" t="n"><v>100</v>')]  # 100 rows
    assert inspect_input(_book(tmp_path / "fewer.xlsx", NAME_ROW + fewer)).kind == "xlsx"


# ---------------------------------------------------------------- the twenty-second round
#
# Cells that calamine (check, status, render) and openpyxl (visit, withdraw, pair --keep,
# which edit the pairs workbook and save what they read) read as two different texts. A
# shared text's number " 1", "+1" or "-1" is the first text to calamine and the second (or
# the last) to openpyxl: a pairs workbook could show one e-mail address to 'status' and
# 'render' and another to the program the administrator opens it in; a 'visit' to any pair
# then saved openpyxl's, changing the address wessex writes to without a word.

_TWO_TEXTS = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
              'org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>first</t></si>'
              '<si><t>second</t></si><si><t>last</t></si></sst>')
_OTHERWISE = {
    "index-space": ('<c r="D1" t="s"><v> 1</v></c>', _TWO_TEXTS),
    "index-plus": ('<c r="D1" t="s"><v>+1</v></c>', _TWO_TEXTS),
    "index-minus": ('<c r="D1" t="s"><v>-1</v></c>', _TWO_TEXTS),
    "index-wide": ('<c r="D1" t="s"><v>\uff11</v></c>', _TWO_TEXTS),
    "two-values": ('<c r="D1" t="s"><v>0</v><v>1</v></c>', _TWO_TEXTS),
    "value-and-text": ('<c r="D1" t="str"><v>first</v><is><t>second</t></is></c>',
                       _TWO_TEXTS),
    "text-and-value": ('<c r="D1" t="inlineStr"><is><t>first</t></is><v>second</v></c>',
                       _TWO_TEXTS),
    "two-inline-texts": ('<c r="D1" t="inlineStr"><is><t>fir</t><t>st</t></is></c>',
                         _TWO_TEXTS),
    "two-shared-pieces": ('<c r="D1" t="s"><v>0</v></c>', _TWO_TEXTS.replace(
        "<si><t>first</t></si>", "<si><t>fir</t><t>st</t></si>")),
    "text-after-runs": ('<c r="D1" t="inlineStr"><is><r><t>fir</t></r><t>st</t></is></c>',
                        _TWO_TEXTS),
    "shared-text-after-runs": ('<c r="D1" t="s"><v>0</v></c>', _TWO_TEXTS.replace(
        "<si><t>first</t></si>", "<si><r><t>fir</t></r><t>st</t></si>")),
    "two-texts-in-a-run": ('<c r="D1" t="inlineStr"><is><r><t>fir</t><t>st</t></r></is></c>',
                           _TWO_TEXTS),
    "shared-two-in-a-run": ('<c r="D1" t="s"><v>0</v></c>', _TWO_TEXTS.replace(
        "<si><t>first</t></si>", "<si><r><t>fir</t><t>st</t></r></si>")),
    "text-in-a-str-cell": ('<c r="D1" t="str"><is><t>first</t></is></c>', _TWO_TEXTS),
    "text-in-a-number-cell": ('<c r="D1"><is><t>first</t></is></c>', _TWO_TEXTS),
    "text-in-a-shared-cell": ('<c r="D1" t="s"><is><t>first</t></is></c>', _TWO_TEXTS),
    # a formula's shown value, which openpyxl reads (data_only) for visit and withdraw
    "formula-index-plus": ('<c r="D1" t="s"><f>A1</f><v>+1</v></c>', _TWO_TEXTS),
    "formula-index-space": ('<c r="D1" t="s"><f>A1</f><v> 1</v></c>', _TWO_TEXTS),
    "formula-index-minus": ('<c r="D1" t="s"><f>A1</f><v>-1</v></c>', _TWO_TEXTS),
    # a number Python reads and Rust does not: calamine's text, openpyxl's number, which a
    # visit saves ('status' read a done cell's ' 1' one way, and after a visit another)
    "number-space": ('<c r="D1"><v> 1</v></c>', _TWO_TEXTS),
    "number-underscore": ('<c r="D1"><v>1_000</v></c>', _TWO_TEXTS),
    "number-other-digits": ('<c r="D1" s="0"><v>\u0661\u0662</v></c>', _TWO_TEXTS),
    "formula-number-space": ('<c r="D1"><f>A1</f><v>12 </v></c>', _TWO_TEXTS),
}


def _otherwise(path: Path, name: str) -> Path:
    cell, strings = _OTHERWISE[name]
    return _book(path, NAME_ROW.replace("</row>", cell + "</row>", 1),
                 {"xl/sharedStrings.xml": strings.encode()})


@pytest.mark.parametrize("name", sorted(_OTHERWISE))
def test_a_cell_the_two_readers_read_as_different_texts_is_refused(tmp_path: Path,
                                                                   name: str) -> None:
    import openpyxl
    import python_calamine

    path = _otherwise(tmp_path / f"{name}.xlsx", name)
    # (the readers do disagree: calamine's text, against openpyxl's or its failure)
    first_row = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(
        0).to_python()[0]
    with path.open("rb") as handle:
        try:
            edited = openpyxl.load_workbook(handle).active["D1"].value  # type: ignore[index]
        except Exception:  # noqa: BLE001 - openpyxl cannot read it at all
            edited = "(unreadable)"
    assert (first_row[3] if len(first_row) > 3 else None) != edited
    with pytest.raises(SpreadsheetError) as caught:
        inspect_input(path)
    assert "the readers would each" in str(caught.value)


def test_the_texts_of_cells_and_strings_as_written_are_read(tmp_path: Path) -> None:
    cells = ('<c r="D1" t="s"><v>1</v></c><c r="E1" t="s"><v/></c><c r="F1" t="inlineStr">'
             '<is><r><t>a</t></r><r><t>b</t></r></is></c><c r="G1" t="inlineStr"><is><v/>'
             '<t>x</t></is></c>')
    strings = _TWO_TEXTS.replace("<si><t>last</t></si>",
                                 '<si><t>ab</t><rPh sb="0" eb="1"><t>A</t></rPh></si>')
    path = _book(tmp_path / "fine.xlsx", NAME_ROW.replace("</row>", cells + "</row>", 1),
                 {"xl/sharedStrings.xml": strings.encode()})
    assert inspect_input(path).kind == "xlsx"
    assert read_grid(path).rows[0][3:7] == ["second", "", "ab", "x"]


@pytest.mark.parametrize("cell", ['<c r="K2" t="s"><v> 1</v></c>',
                                  # calamine: the first text; openpyxl (data_only): the second
                                  '<c r="K2" t="s"><f>J2</f><v>+1</v></c>'])
def test_a_pairs_workbook_whose_address_the_readers_read_otherwise_is_refused(
        run: Runner, tmp_path: Path, cell: str) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", small_roster())
    run("pair", "v.xlsx")
    with zipfile.ZipFile(tmp_path / "pairs.xlsx") as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    address = sheet.split('<c r="K2"', 1)[1].split("<t>", 1)[1].split("</t>", 1)[0]
    written = sheet.split('<c r="K2"', 1)[1].split("</c>", 1)[0]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(f'<c r="K2"{written}</c>', cell).encode()
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><si><t>mallory@evil.example</t></si><si><t>{address}</t>'
        "</si></sst>").encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.'
        b'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    with zipfile.ZipFile(tmp_path / "pairs.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    for command in (["status", "pairs.xlsx"],
                    ["render", "partner-introduction", "--pairs", "pairs.xlsx", "--format",
                     "eml", "--allow-placeholders"]):
        result = run(*command, code=1)
        assert "read differently" in result.output
    assert not (tmp_path / "documents").exists()
