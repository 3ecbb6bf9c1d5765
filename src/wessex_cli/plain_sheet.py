"""The rows of a sheet measured without an XML parser, when they are written plainly.

The safety inspection (``inspection``) measures every sheet before a reader sees it by
streaming its XML through expat, one Python call for each element: a third of a second
for 10,000 rows, more than the read itself. But spreadsheet programs write a sheet's rows
in one plain form, ``<row r="2"><c r="A2" t="s"><v>7</v></c>...</row>``, which a regular
expression can recognise whole. For a sheet whose rows are *entirely* in that form this
module measures them at C speed; for anything else it answers None and the inspection
streams the sheet as before.

Why this is as sound as the streaming scan: the rows are recognised, not searched. The
pattern below must match every byte between ``<sheetData>`` and ``</sheetData>``, and it
admits only rows holding cells, each cell with its own reference on the row's own number
and at most a value or one plain inline text. Text may not hold ``<``, so every ``<`` in
the rows starts one of these tags and nothing can hide inside a comment, a CDATA section or
a value. Every cell's position is then its reference, so the furthest row and column
follow from the references alone, as the streaming scan finds them. What lies before and
after the rows (the sheet's settings, merges, validations) is still streamed by the
inspection; ``tests/hostile/test_plain_sheet.py`` checks that both ways measure every
sheet the same.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_SPACE = rb"[ \t\r\n]*+"
# An attribute's value: no markup, no reference to expand, no character XML forbids
_VALUE = rb'"[^"<>&\x00-\x08\x0b\x0c\x0e-\x1f]*+"'
# Any attribute but r (so none repeats the reference) and no namespace declaration
_OTHER = (rb"(?:[ \t\r\n]++(?!r=|xmlns)[A-Za-z_][A-Za-z0-9_.-]*+(?::[A-Za-z_][A-Za-z0-9_.-]*+)?="
          + _VALUE + rb")")
# A cell's style and type, each at most once, in either order
_CELL_ATTRIBUTES = (rb'(?:(?: s="[0-9]{1,9}+")?(?: t="[A-Za-z]{1,9}+")?'
                    rb'|(?: t="[A-Za-z]{1,9}+")(?: s="[0-9]{1,9}+"))')
# Text: no markup, no "]]>", references only to the five named entities or a character
_TEXT = (rb"(?:[^<&\]\x00-\x08\x0b\x0c\x0e-\x1f]++|\](?!\]>)"
         rb"|&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)*+")
_CONTENT = (rb"(?:<v>" + _TEXT + rb"</v>|<v/>|<is>" + _SPACE +
            rb'<t(?: xml:space="preserve")?>' + _TEXT + rb"</t>" + _SPACE + rb"</is>)?")
_CELL = (rb'<c r="[A-Z]{1,3}+(?P=row)"' + _CELL_ATTRIBUTES + _SPACE +
         rb"(?:/>|>" + _SPACE + _CONTENT + _SPACE + rb"</c>)")
_ROW = (rb'<row r="(?P<row>[0-9]{1,7}+)"' + _OTHER + rb"*+" + _SPACE +
        rb"(?:/>|>" + _SPACE + rb"(?:" + _CELL + _SPACE + rb")*+</row>)")
_ROWS = re.compile(_SPACE + rb"(?:" + _ROW + _SPACE + rb")*+")

# A row's number, its other attributes, and "<c" when a cell follows (it holds cells)
_ROW_TAG = re.compile(rb'<row r="([0-9]{1,7})"([^>]*?)/?>(?:(?=' + _SPACE + rb"(<c)))?")
_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})')
_SHARED = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,9}")? t="s"')
# A shared-string cell whose index is plain digits: the readers read " 1", "+1" or "-1"
# each their own way, which only the streaming scan words a refusal for
# A cell holding a text of its own, of the type that holds one: openpyxl reads an <is>
# only in an inlineStr cell, calamine in any
_INLINE = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,9}")? t="inlineStr"'
                     rb'(?: s="[0-9]{1,9}")?' + _SPACE + rb">" + _SPACE + rb"<is>")
_SHARED_INDEX = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,9}")? t="s"'
                           rb'(?: s="[0-9]{1,9}")?' + _SPACE + rb"(?:/>|>" + _SPACE +
                           rb"(?:<v>[0-9]*+</v>" + _SPACE + rb"|<v/>" + _SPACE + rb")?</c>)")
# A number cell whose value is not written as both readers read a number alike ("1_000",
# " 1"): only the streaming scan words a refusal for it
_ODD_NUMBER = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,9}")?(?: t="n")?'
                         rb'(?: s="[0-9]{1,9}")?' + _SPACE + rb">" + _SPACE + rb"<v>"
                         rb"(?![+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?</v>|</v>)"
                         rb"([^<]*+)</v>")
_VALUE_TEXT = re.compile(rb"<v>([^<]*+)</v>")
_NUMBER = re.compile(rb"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_CHARACTER = re.compile(rb"&#(x?)([0-9a-fA-F]+);")
# An attribute's name, after the space before it (so a long value costs one pass)
_ATTRIBUTE_NAME = re.compile(rb'[ \t\r\n]([^\s="]+)="')
_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([^\"']*)[\"']")
_LONGEST_DECLARATION = 1_000
_CHUNK = 1 << 20
_MOST_ROWS, _MOST_CELLS, _MOST_REFERENCES = 200_000, 1_100_000, 100_000
_MOST_ATTRIBUTES = 64  # on a row: Excel writes a dozen at most
_CONTAINER = re.compile(rb"<(?:[^\s/<>]*:)?c[\s/>]")  # a cell, with any prefix
_OPEN, _CLOSE = b"<sheetData>", b"</sheetData>"


@dataclass(frozen=True)
class PlainRows:
    """What the rows of a plainly written sheet hold, and where they lie in its XML."""

    start: int  # the rows are data[start:end]: the inspection streams the rest
    end: int
    rows: int  # the furthest row holding a cell
    columns: int  # the furthest column holding a cell
    shared_cells: int  # cells whose text is a shared string (t="s")
    elements: int  # XML elements among the rows


def plain_rows(data: bytes) -> PlainRows | None:
    """The measure of a sheet part's rows when every one is written plainly (see the
    module's docstring); None when anything among them is not, or when what surrounds them
    could change what they mean: then only the streaming scan can tell."""
    start = data.find(_OPEN)
    end = data.find(_CLOSE, start) if start >= 0 else -1
    if end < 0:
        return None
    start += len(_OPEN)
    # Before the rows, nothing in which "<sheetData>" could be other than a tag (a comment,
    # a CDATA section, a processing instruction, "<?xml-stylesheet" among them); and no cell
    # before or after them, whose place would depend on the reader's row counter. (Another
    # <sheetData> after them is only more of what the inspection streams.)
    declaration = _declaration(data)
    if declaration is None or data.find(b"<!", 0, start) >= 0 or \
            data.find(b"<?", len(declaration), start) >= 0 or \
            _CONTAINER.search(data, 0, start) or _CONTAINER.search(data, end):
        return None
    if not _well_encoded(data, start, end, declaration) or \
            _ROWS.fullmatch(data, start, end) is None:
        return None
    # Past these counts the lists below would take hundreds of megabytes: such a sheet is
    # beyond the limits anyway, and streaming it costs little memory. (Rows and cells are
    # elements, so only a sheet of many elements needs them counted.)
    elements = data.count(b"<", start, end) - data.count(b"</", start, end)
    if (elements > _MOST_ROWS and data.count(b"<row ", start, end) > _MOST_ROWS) or \
            (elements > _MOST_CELLS and data.count(b"<c ", start, end) > _MOST_CELLS):
        return None
    if data.find(b"&#", start, end) >= 0 and (
            data.count(b"&#", start, end) > _MOST_REFERENCES or
            not _characters_allowed(data, start, end)):
        return None
    row_tags = _ROW_TAG.findall(data, start, end)
    if any(_repeats_an_attribute(rest) for rest in {rest for _, rest, _ in row_tags}):
        return None  # a malformed row: the streaming scan says so
    columns = set(_COLUMN.findall(data, start, end))
    shared = len(_SHARED.findall(data, start, end)) if data.find(b't="s"', start, end) >= 0 \
        else 0
    if shared and len(_SHARED_INDEX.findall(data, start, end)) != shared:
        return None
    inline = data.count(b"<is>", start, end)
    # The rows being in the plain form, "t="inlineStr"><is>" can only be a cell of that
    # type opening its text: when every <is> is one of these, none needs the search
    if inline and data.count(b't="inlineStr"><is>', start, end) != inline and \
            len(_INLINE.findall(data, start, end)) != inline:
        return None
    if data.find(b't="e"', start, end) >= 0:
        return None  # a cell holding an error value: the streaming scan lists where
    if not _all_values_numbers(data, start, end) and \
            any(_read_apart(odd) for odd in _ODD_NUMBER.findall(data, start, end)):
        return None
    return PlainRows(
        start, end,
        rows=max((int(number) for number, _, cell in row_tags if cell), default=0),
        columns=max((_column_number(letters) for letters in columns), default=0),
        shared_cells=shared, elements=elements)


def _all_values_numbers(data: bytes, start: int, end: int) -> bool:
    """Whether every ``<v>`` among the rows is written as both readers read a number (or
    is empty): then no number cell can be read apart and ``_ODD_NUMBER`` need not search.
    The values are few and short where a sheet keeps its text as shared strings (indexes)
    or inline, so checking each distinct one costs less than the search."""
    values = set(_VALUE_TEXT.findall(data, start, end))
    return all(not value or _NUMBER.fullmatch(value) for value in values)


def _declaration(data: bytes) -> bytes | None:
    """The part's XML declaration, with the byte-order mark before it ("" for none); None
    for one the quick way does not read (too long, or never ended)."""
    offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if not (data.startswith(b"<?xml", offset) and
            data[offset + 5:offset + 6] in (b" ", b"\t", b"\r", b"\n")):
        return data[:offset]
    ends = data.find(b"?>", offset, offset + _LONGEST_DECLARATION)
    return data[:ends + 2] if ends >= 0 else None


def _well_encoded(data: bytes, start: int, end: int, declaration: bytes) -> bool:
    """Whether the rows' text is characters XML allows, in the encoding the part declares:
    UTF-8 (or one that reads ASCII alike, for a part all ASCII); another is left to expat.
    The rows are decoded a chunk at a time, so a few wide characters cost little memory."""
    named = _ENCODING.search(declaration)
    encoding = named.group(1).lower() if named is not None else b"utf-8"
    if data.isascii():
        return encoding in (b"utf-8", b"us-ascii", b"iso-8859-1")
    if encoding != b"utf-8":
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for at in range(start, end, _CHUNK):
            text = decoder.decode(view[at:min(at + _CHUNK, end)])
            if "\ufffe" in text or "\uffff" in text:
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _characters_allowed(data: bytes, start: int, end: int) -> bool:
    """Whether every character reference among the rows (``&#233;``) names a character
    XML allows, as expat requires."""
    for hexadecimal, digits in set(_CHARACTER.findall(data, start, end)):
        code = int(digits, 16 if hexadecimal else 10)
        if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or
                0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF):
            return False
    return True


def _repeats_an_attribute(attributes: bytes) -> bool:
    if attributes.count(b'="') > _MOST_ATTRIBUTES:
        return True  # not a row any program writes: streamed, without listing the names
    names = _ATTRIBUTE_NAME.findall(attributes)
    return len(names) != len(set(names)) or b"r" in names


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


# A number as both readers read it alike. calamine reads " 1", "1_000" or "١٢" as text
# (Rust's parse refuses them) and openpyxl as the number (Python's int and float take
# them): 'status' showed a visit's cell as text, and a 'visit' to any pair saved the number.
# (A text neither reads as a number, "a & b" in a cell of no type, is calamine's text and
# stops openpyxl, which names the file as one it cannot open: no silent difference.)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def numbers_read_apart(text: str) -> bool:
    """Whether a number cell's value ``text`` is a number to openpyxl (as its reader casts
    it) but not written as calamine reads one."""
    if not text or _PLAIN_NUMBER.fullmatch(text):
        return False
    try:
        float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return False
    return True


def _read_apart(value: bytes) -> bool:
    """Whether a number cell's value (as written) is a number to openpyxl but not to
    calamine ("1_000", " 1")."""
    import html

    return numbers_read_apart(html.unescape(value.decode("utf-8", "replace")))
