"""The two ways the inspection measures a sheet must agree.

A sheet whose rows are written plainly is measured at once (``plain_sheet``), and only
what surrounds its rows is streamed through expat; any other sheet is streamed whole. The
streaming scan is the model of what the readers read (``test_reader_agreement`` holds it to
python-calamine), so it is the oracle here: whenever the quick way gives a measure, it
must be the streaming scan's, field for field. The sheets are built from the forms the
writers use and from forms meant to mislead the quick way: comments and processing
instructions around the rows, cells outside them, repeated attributes, references that
disagree with their row, references to characters XML forbids, bytes inserted anywhere."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wessex_cli.errors import SpreadsheetError
from wessex_cli.inspection import (
    SheetExtent,
    _pieces,
    _plain_xlsx_sheet,
    _stream_xlsx_sheet,
    feed_chunks,
    inspect_input,
)
from wessex_cli.plain_sheet import plain_rows
from wessex_cli.spreadsheet import column_letter

from ..conftest import small_roster, write_book
from .test_input_limits import no_readers  # noqa: F401 - a fixture, used by name

PATH, PART, TITLE = Path("sheet.xlsx"), "xl/worksheets/sheet1.xml", "Volunteers"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def streamed(data: bytes) -> SheetExtent | str:
    """The oracle: the whole part streamed through expat ("refused" for a refusal)."""
    try:
        return _stream_xlsx_sheet(lambda parser: feed_chunks(parser, _pieces(data), PART, PATH),
                                  PATH, PART, TITLE)
    except SpreadsheetError:
        return "refused"


def quick(data: bytes) -> SheetExtent | str | None:
    """The quick way: a measure, None where it leaves the sheet to streaming, or "refused"
    (only ever for an encoding both ways refuse before reading a tag)."""
    try:
        return _plain_xlsx_sheet(data, PATH, PART, TITLE)
    except SpreadsheetError:
        return "refused"


# ------------------------------------------------------------------ the forms writers use

_PLAIN_ROW_ATTRIBUTES = ["", ' spans="1:3"', ' spans="1:3" x14ac:dyDescent="0.25"',
                         ' customFormat="false" ht="12.8" hidden="false" customHeight="false"'
                         ' outlineLevel="0" collapsed="false"']
_PLAIN_CELL_ATTRIBUTES = ["", ' t="s"', ' s="1" t="s"', ' t="s" s="1"', ' t="n"', ' s="2"',
                          ' t="inlineStr"', ' s="3" t="inlineStr"', ' t="inlineStr" s="3"',
                          ' t="b"', ' t="str"']
_PLAIN_CONTENT = ["", "<v>1</v>", "<v/>", "<v>12.5</v>", "<v>a &amp; b &lt;c&gt;</v>", "<v>😀</v>",
                  "<v>&#233;&#xE9;</v>", "<is><t>x</t></is>",
                  '<is><t xml:space="preserve"> Dr  Ann </t></is>', "<v>Siân Ó Briain</v>",
                  "<is>\n  <t>line\nbreak</t>\n</is>"]


_HEADS = ([DECLARATION + f"<worksheet {MAIN}>",
           DECLARATION + f'<worksheet {MAIN}><dimension ref="A1:C3"/><sheetViews>'
           '<sheetView workbookViewId="0"/></sheetViews>', f"<worksheet {MAIN}>",
           "\ufeff" + DECLARATION + f"<worksheet {MAIN}>"],
          [DECLARATION + f"<!-- a note --><worksheet {MAIN}>",
           DECLARATION + f"<?note x?><worksheet {MAIN}>",
           DECLARATION + f'<worksheet {MAIN}><c r="Z9"/>',
           DECLARATION + f'<worksheet {MAIN}><x:c xmlns:x="urn:x" r="Z9"/>',
           DECLARATION + f"<worksheet {MAIN}><c><v>1</v>",
           DECLARATION + f'<worksheet {MAIN}><row r="70000"/>',
           '<?xml version="1.0" encoding="ISO-8859-1"?>' + f"<worksheet {MAIN}>",
           DECLARATION + f'<worksheet {MAIN} a="<sheetData>">',
           DECLARATION + f"<worksheet {MAIN}><sheetData></sheetData>",
           # a processing instruction at the very start, hiding rows of its own
           '<?xml-stylesheet <sheetData><row r="50"><c r="Z50" t="s"><v>1</v></c></row>'
           f"</sheetData> ?><worksheet {MAIN}>",
           # encodings expat reads otherwise: a name it does not know, one declared late
           '<?xml version="1.0" encoding="utf8"?>' + f"<worksheet {MAIN}>",
           '<?xml version="1.0"' + " " * 600 + 'encoding="windows-1252"?>' +
           f"<worksheet {MAIN}>"])
_TAILS = (["</worksheet>", '<mergeCells count="1"><mergeCell ref="A1:D40"/></mergeCells>'
           "</worksheet>", '<dataValidations count="1"><dataValidation sqref="A1"><formula1>'
           '"a,b"</formula1></dataValidation></dataValidations><pageMargins left="0.7" '
           'right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'],
          ['<c r="A99"/></worksheet>', "<c/></worksheet>", '<row r="9"><c/></row></worksheet>',
           '<hyperlinks><hyperlink ref="Z200"/></hyperlinks></worksheet>',
           '<mergeCells><mergeCell ref="A1:XFD1"/></mergeCells></worksheet>',
           "<f>1</f><v>2</v></worksheet>", "</c></worksheet>"])
# What opens before the rows and closes after them, making them no rows at all
_AROUND = [("<!-- ", " -->"), ("<![CDATA[ ", "]]>"), ("<?note ", " ?>")]
_INSERTED = [b"<!--", b"-->", b"<![CDATA[", b"]]>", b"\xff", b"<", b"&", b"\x00", b'"',
             b"<sheetData>", b"</sheetData>", b"<c/>", b"</row>", b"<row>", b"<?x?>", b"\xc3"]


@st.composite
def plain_sheets(draw: st.DrawFn, misleading: bool = False) -> bytes:
    """A sheet part with rows as writers write them; with ``misleading``, one thing in it
    is replaced by a form meant to lead the quick way astray: a choice among the rows, the
    part before or after them, something opened before them and closed after, or a few
    bytes inserted anywhere. (One, since a single odd form is what the quick way must
    notice: a sheet with several is mostly refused for the first.)"""
    numbers = sorted(draw(st.sets(st.integers(1, 3_000), min_size=1, max_size=6)))
    columns = [sorted(draw(st.sets(st.integers(0, 40), max_size=5))) for _ in numbers]
    choices = 3 + sum(2 + 3 * len(row) for row in columns)  # every pick() below
    way = draw(st.sampled_from(["rows", "ends", "around", "bytes"])) if misleading else ""
    odd = draw(st.integers(0, choices - 1)) if way == "rows" else \
        draw(st.integers(0, 1)) if way == "ends" else -1
    made = [0]

    def pick(plain: list[str], odd_forms: list[str]) -> str:
        number, made[0] = made[0], made[0] + 1
        return draw(st.sampled_from(odd_forms if number == odd else plain))

    head, tail, space = pick(*_HEADS), pick(*_TAILS), pick(["", "\n  "], [" \t", "\r\n"])
    rows = []
    for number, row_columns in zip(numbers, columns, strict=True):
        row = pick([str(number)], [f"0{number}", f"B{number}", "", "1048577", "12345678"])
        cells = []
        for column in row_columns:
            digits, letters = row.lstrip("B") or str(number), column_letter(column)
            ref = pick([f"{letters}{digits}"],
                       [f"{letters}{number + 7}", letters, f"{letters.lower()}{digits}",
                        f"${letters}${digits}", "", f"XFD{digits}", f"AAAA{digits}",
                        "A1048576"])
            at = f' r="{ref}"' if ref else ""
            attributes = pick(_PLAIN_CELL_ATTRIBUTES,
                              [' t="s" t="n"', ' s="1" s="2"', ' cm="1"', ' t = "s"',
                               " t='s'", ' r="Z9"', ' xmlns="urn:x"', ' t="&amp;"'])
            content = pick(_PLAIN_CONTENT,
                           ["<v>&#1;</v>", "<v>]]></v>", "<v>&bogus;</v>", "<v>\x01</v>",
                            "<is><r><t>x</t></r></is>", "<f>1+1</f>", "<f>1+1</f><v>2</v>",
                            '<row r="9999"/>', "<v>\ufffe</v>", "<v>&#xD800;</v>",
                            "<!-- -->", '<![CDATA[<c r="ZZ99"/>]]>', '<c r="Q77"/>',
                            # numbers the two readers read apart
                            "<v> 1</v>", "<v>1_000</v>", "<v>+-1</v>"])
            if 't="s"' in attributes and content in _PLAIN_CONTENT and \
                    content not in ("", "<v>1</v>", "<v/>"):
                content = "<v>1</v>"  # a writer gives a shared text by its number
            if "<is>" in content and 'inlineStr' not in attributes and \
                    attributes in _PLAIN_CELL_ATTRIBUTES:
                attributes = ' t="inlineStr"'  # and a text of its own in the type for it
            closed = draw(st.booleans()) and not content
            cells.append(f"<c{at}{attributes}/>" if closed else
                         f"<c{at}{attributes}>{content}</c>")
        named = f' r="{row}"' if row else ""
        extra = pick(_PLAIN_ROW_ATTRIBUTES,
                     [' spans="1:3" spans="1:3"', ' xmlns="urn:x"', ' r="5"', ' a="x=y"',
                      ' a="&amp;"', ' a="x>y"', " spans='1:3'", ' a="b" r="7"'])
        rows.append(f"<row{named}{extra}/>" if not cells and draw(st.booleans()) else
                    f"<row{named}{extra}>{space}{space.join(cells)}{space}</row>")
    opened, closed_after = draw(st.sampled_from(_AROUND)) if way == "around" else ("", "")
    data = (f"{head}{opened}<sheetData>{space}{space.join(rows)}{space}</sheetData>"
            f"{closed_after}{tail}").encode()
    if way == "bytes":
        where = draw(st.integers(0, len(data)))
        data = data[:where] + draw(st.sampled_from(_INSERTED)) + data[where:]
    return data


@settings(max_examples=1000, deadline=None)
@given(data=plain_sheets(misleading=True))
def test_the_quick_measure_is_always_the_streamed_one(data: bytes) -> None:
    measured = quick(data)
    if measured is not None:
        assert measured == streamed(data)


@settings(max_examples=100, deadline=None)
@given(data=plain_sheets())
def test_rows_as_writers_write_them_are_measured_the_quick_way(data: bytes) -> None:
    measured = quick(data)
    assert isinstance(measured, SheetExtent)
    assert measured == streamed(data)


@pytest.mark.parametrize(("rows", "why"), [
    ('<row r="2"><c r="A2"><v>1</v></c></row><!-- <row r="9"> -->', "a comment"),
    ('<row r="2"><c r="A3"><v>1</v></c></row>', "a reference off its row"),
    ('<row r="2"><c r="A2"><v>1</v></c><c><v>2</v></c></row>', "a cell without one"),
    ('<row r="2" spans="1:2" spans="1:2"><c r="A2"/></row>', "an attribute twice"),
    ('<row r="2"><c r="A2" t="s" t="n"><v>1</v></c></row>', "a cell's type twice"),
    ('<row r="2"><c r="A2"><f>B2</f></c></row>', "a formula"),
    ('<row r="2"><c r="A2"><v>&#0;</v></c></row>', "a character XML forbids"),
    ('<row r="2"><c r="A2"><v>a]]>b</v></c></row>', "the end of a CDATA section"),
    ('<row r="2"><c r="A2"><v>\udcff</v></c></row>', "a byte that is not UTF-8"),
    ('<row r="2"><c r="A2"><v>\ufffe</v></c></row>', "a character XML forbids, as UTF-8"),
])
def test_a_row_not_in_the_plain_form_is_streamed(rows: str, why: str) -> None:
    data = f"{DECLARATION}<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>".encode(
        "utf-8", "surrogateescape")
    assert plain_rows(data) is None, why


def test_what_surrounds_the_rows_can_stop_the_quick_way() -> None:
    rows = '<row r="2"><c r="A2"><v>1</v></c></row>'
    for head, tail in [(f"<!-- x --><worksheet {MAIN}>", "</worksheet>"),
                       (f"<?note?><worksheet {MAIN}>", "</worksheet>"),
                       (f'<worksheet {MAIN}><c r="Z9"/>', "</worksheet>"),
                       (f"<worksheet {MAIN}>", '<x:c xmlns:x="urn:x"/></worksheet>')]:
        data = f"{DECLARATION}{head}<sheetData>{rows}</sheetData>{tail}".encode()
        assert plain_rows(data) is None, head + tail
    # but a comment after the rows is only streamed, not a reason to stream them
    data = f"{DECLARATION}<worksheet {MAIN}><sheetData>{rows}</sheetData><!-- x -->" \
           "</worksheet>".encode()
    assert plain_rows(data) is not None


def test_the_measure_of_plain_rows_is_counted_by_hand() -> None:
    data = (f"{DECLARATION}<worksheet {MAIN}><sheetData>"
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1" t="s"><v>1</v></c></row>'
            '<row r="4" spans="1:27"><c r="AA4"><v>5</v></c><c r="B4" t="str"><v>x</v></c>'
            '</row><row r="9" ht="20"/></sheetData></worksheet>').encode()
    rows = plain_rows(data)
    assert rows is not None
    # furthest cell: row 4, column AA (27); row 9 holds no cell, so counts for nothing
    assert (rows.rows, rows.columns) == (4, 27)
    # two shared-string cells; 3 rows + 4 cells + 4 values
    assert (rows.shared_cells, rows.elements) == (2, 11)


def _rows_sheet(rows: str) -> bytes:
    return f"{DECLARATION}<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>".encode()


@pytest.mark.parametrize("number", [" 1", "1_000", "12 ", "\u0661\u0662"])
def test_a_number_read_apart_among_plain_texts_and_numbers_is_streamed(number: str) -> None:
    """Where every value is a plain number the search for odd ones is skipped: one value
    that is not must still send the sheet to the streaming scan (which refuses it)."""
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Ann</t></is></c><c r="B1"><v>2</v></c>'
            f'<c r="C1" s="1"><v>{number}</v></c><c r="D1" t="s"><v>0</v></c></row>')
    assert plain_rows(_rows_sheet(rows)) is None
    assert streamed(_rows_sheet(rows)) == "refused"


def test_texts_of_every_type_beside_plain_numbers_are_measured_the_quick_way() -> None:
    """A text value (a formula's shown "Yes") is no number, so the search runs and finds no
    number cell read apart; an inline text whose style follows its type is one the quick
    count of 't="inlineStr"><is>' misses, and the search finds."""
    rows = ('<row r="1"><c r="A1" t="str"><v>Yes</v></c><c r="B1" t="str"><v>No</v></c>'
            '<c r="C1" t="inlineStr" s="2"><is><t>Ann</t></is></c><c r="D1"><v>-1.5e3</v></c>'
            '</row><row r="2"><c r="E2" t="inlineStr"><is><t>Bo</t></is></c></row>')
    measured = plain_rows(_rows_sheet(rows))
    assert measured is not None and (measured.rows, measured.columns) == (2, 5)
    assert quick(_rows_sheet(rows)) == streamed(_rows_sheet(rows))


def test_a_cell_holding_an_error_is_streamed() -> None:
    """An error value (#N/A, read by python-calamine as blank) is listed by the streaming
    scan, whose place the warnings name: the quick way, which lists none, steps aside."""
    rows = ('<row r="1"><c r="A1" t="str"><v>Yes</v></c><c r="B1" t="e"><v>#N/A</v></c>'
            '</row>')
    assert plain_rows(_rows_sheet(rows)) is None


def test_an_inline_text_in_a_cell_of_another_type_is_streamed() -> None:
    """The count of 't="inlineStr"><is>' falls short of the <is> count here, and the search
    finds the text in a number cell: the readers read it apart, so it is streamed."""
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Ann</t></is></c>'
            '<c r="B1"><is><t>Bo</t></is></c></row>')
    assert plain_rows(_rows_sheet(rows)) is None


def _sheet_of(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(PART)


def test_workbooks_the_usual_writers_save_are_measured_the_quick_way(tmp_path: Path) -> None:
    import openpyxl
    import xlsxwriter

    examples = Path(__file__).resolve().parents[2] / "examples"
    made = [write_book(tmp_path / "roster.xlsx", small_roster()), examples / "volunteers.xlsx",
            examples / "pairs.xlsx"]
    book = openpyxl.Workbook()
    book.active.append(["Name", "Email", 3, 4.5, True])
    book.active.append(["Siân Ó Briain", "sian@nhs.net", None, 1, False])
    book.save(tmp_path / "openpyxl.xlsx")
    for memory in (False, True):
        name = tmp_path / f"xlsxwriter-{memory}.xlsx"
        with xlsxwriter.Workbook(str(name), {"constant_memory": memory}) as out:
            sheet = out.add_worksheet("Volunteers")
            sheet.write_row(0, 0, ["Name", "Email", 1.5, True])
            sheet.write_row(1, 0, ["Dr Ann  Example", "ann@nhs.net", 2, False])
        made.append(name)
    made.append(tmp_path / "openpyxl.xlsx")
    for path in made:
        data = _sheet_of(path)
        assert plain_rows(data) is not None, path.name
        measured = inspect_input(path).sheets[PART]
        assert dataclasses.replace(measured, title=TITLE) == streamed(data), path.name


def _rows_sheet(rows: str, declaration: str = DECLARATION) -> bytes:
    return f"{declaration}<worksheet {MAIN}><sheetData>{rows}</sheetData></worksheet>".encode()


def test_a_long_attribute_value_is_read_in_one_pass() -> None:
    # The attribute names of a row were once found by a pattern that started again at
    # every byte of a value: a 1.7 KB workbook took over a minute (a 1 MB value, hours).
    import signal

    def too_slow(*_: object) -> None:
        raise TimeoutError("plain_rows took far too long: work grows with the square")

    data = _rows_sheet(f'<row r="1" spans="{"x" * 1_000_000}"><c r="A1"><v>1</v></c></row>')
    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(30)  # some milliseconds when each value is read once
    try:
        rows = plain_rows(data)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert rows is not None and rows.rows == 1


@pytest.mark.parametrize(("rows", "why"), [
    ('<row r="1"/>' * 200_001, "more rows than any sheet within the limits"),
    ('<row r="1">' + '<c r="A1"/>' * 1_100_001 + "</row>", "more cells than that"),
    ('<row r="1"><c r="A1"><v>' + "&#33;" * 100_001 + "</v></c></row>",
     "more character references than that"),
])
def test_rows_that_would_take_much_memory_to_list_are_streamed(rows: str, why: str) -> None:
    # the quick way lists rows, cells and references as bytes objects: past these counts
    # (beyond any sheet the limits accept) that took gigabytes, where streaming takes a few MB
    assert plain_rows(_rows_sheet(rows)) is None, why


def test_wide_characters_across_a_chunk_are_read_a_chunk_at_a_time() -> None:
    # UTF-8 is checked a megabyte at a time (a whole sheet decoded at once, with one emoji
    # in it, took four bytes a character): a character split between two chunks still reads
    filler = "a" * ((1 << 20) - 60)
    data = _rows_sheet(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{filler}😀é</t></is></c>'
                       "</row>")
    rows = plain_rows(data)
    assert rows is not None and quick(data) == streamed(data)
    assert plain_rows(data.replace("😀".encode(), b"\xf0\x9f\x98")) is None  # cut short


@pytest.mark.parametrize(("declaration", "why"), [
    ('<?xml version="1.0" encoding="utf8"?>', "a name expat does not know"),
    ('<?xml version="1.0"' + " " * 600 + 'encoding="windows-1252"?>', "declared late"),
    ('<?xml version="1.0" encoding="ISO-8859-1"?>', "not UTF-8"),
])
def test_text_in_another_encoding_is_left_to_expat(declaration: str, why: str) -> None:
    data = _rows_sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Siân</t></is></c></row>',
                       declaration)
    assert plain_rows(data) is None, why


def test_a_row_of_many_attributes_is_streamed_without_listing_them() -> None:
    # names were listed before any was compared: millions of them took hundreds of MB
    extra = "".join(f' a{n}=""' for n in range(65))
    data = _rows_sheet(f'<row r="1"{extra}><c r="A1"><v>1</v></c></row>')
    assert plain_rows(data) is None
    assert quick(data) is None and isinstance(streamed(data), SheetExtent)


@pytest.mark.usefixtures("no_readers")
def test_a_tag_of_more_than_a_megabyte_is_refused_before_any_reading(tmp_path: Path) -> None:
    # expat keeps every attribute of a tag at once: a 16 MB workbook of one row with seven
    # million attributes took the inspection to 950 MB, whichever way it measured the sheet
    # (a ">" in a value, as XML allows, does not end the tag)
    from .test_reader_agreement import _book

    attributes = ' a=">"' * 200_000  # one name, repeated (expat kept them all, then said so)
    path = _book(tmp_path / "tag.xlsx", f'<row r="1"{attributes}><c r="A1"><v>1</v></c></row>')
    with pytest.raises(SpreadsheetError, match="a tag or text of a megabyte or more"):
        inspect_input(path)


@pytest.mark.parametrize("offset", [0, 1, 12_345, (1 << 20) - 1, 1 << 20, 3_000_001])
def test_a_megabyte_without_a_tag_is_found_across_chunks(offset: int) -> None:
    # parts are read a megabyte at a time: a megabyte between one "<" and the next is found
    # wherever it starts; a byte less is not
    from wessex_cli.inspection import _no_huge_tag, _pieces

    def scan(gap: int) -> None:
        since = [0]
        data = b"<a>" * (offset // 3) + b"<" + b"x" * gap + b"<b/>" * 10
        for chunk in _pieces(data):
            _no_huge_tag(chunk, since, PART, PATH)

    with pytest.raises(SpreadsheetError, match="a tag or text of a megabyte or more"):
        scan(1 << 20)
    scan((1 << 20) - 1)


_MANY_NAMES = "".join(f'<row r="1" x{n}=""/>' for n in range(50_001))


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "docProps/app.xml"])
@pytest.mark.usefixtures("no_readers")
def test_a_part_of_too_many_attribute_names_is_refused(tmp_path: Path, part: str) -> None:
    # expat keeps every attribute name it meets: three million different ones (a 7 MB
    # workbook, one to a row, after the rows or in any other part) took it past 600 MB
    from .test_reader_agreement import NAME_ROW, _book, _sheet

    if part.startswith("xl/worksheets/"):  # after the rows, which expat reads
        path = _book(tmp_path / "names.xlsx", changes={part: _sheet(NAME_ROW, _MANY_NAMES)})
    else:
        path = _book(tmp_path / "names.xlsx", changes={
            part: f'<?xml version="1.0"?><Properties>{_MANY_NAMES}</Properties>'.encode()})
    with pytest.raises(SpreadsheetError, match="more than 50,000 different attribute names"):
        inspect_input(path)
