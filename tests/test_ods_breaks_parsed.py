"""The line breaks and tabs of an .ods cell are found by an XML parser, not by a pattern
searched in the file's text (issue 14). The pattern ended a break's tag at the first ">",
even one inside an attribute's value, so such a break was read as nothing (or its
attribute's end as text in the cell); it rewrote "<text:line-break/>" in comments and CDATA
sections too; and it held the whole content in memory three times over (a content of
170 MB took a read to 653 MB).

Each cell is written here by hand, as a program other than LibreOffice might write it; the
expected text is what the cell holds, written by hand.
"""

from __future__ import annotations

from pathlib import Path

from .hostile.files import ods, ods_cell, ods_row

TEXT_NAMESPACE = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _cell(inner: str, attributes: str = "") -> str:
    """A text cell holding ``inner`` as written, not wrapped in a paragraph."""
    return (f'<table:table-cell office:value-type="string"{attributes}>{inner}'
            "</table:table-cell>")


def _read(path: Path, *cells: str) -> list[str]:
    """The cells' texts below a heading, each cell on a row of its own."""
    from wessex_cli.spreadsheet import read_grid

    ods(path, ods_row(ods_cell("Answer")) + "".join(ods_row(cell) for cell in cells),
        table="Responses")
    grid = read_grid(path, "Responses")
    assert grid.rows[0] == ["Answer"]
    return [row[0] for row in grid.rows[1:]]


def test_a_break_and_a_tab_in_a_cell_and_in_a_span(tmp_path: Path) -> None:
    assert _read(tmp_path / "answers.ods",
                 ods_cell("Thanks to Ellis<text:line-break/>Great visit"),
                 ods_cell("Ward 7<text:tab/>Clinic"),
                 ods_cell('Met <text:span text:style-name="T1">Robin<text:line-break/>'
                          "Vale<text:tab/>twice</text:span> on the ward"),
                 # written open and closed, as some programs write them: the element holds
                 # nothing (spaces laid out between its tags are no part of the text)
                 ods_cell("one<text:line-break></text:line-break>two<text:tab >"
                          "</text:tab >three<text:tab>\n  </text:tab>four"),
                 # and where it does hold something: the format gives a break no content,
                 # so the break stands for its character alone
                 ods_cell("five<text:tab>six<text:line-break/></text:tab>seven")) == [
        "Thanks to Ellis\nGreat visit", "Ward 7\tClinic",
        "Met Robin\nVale\ttwice on the ward", "one\ntwo\tthree\tfour", "five\tseven"]


def test_a_break_in_a_comment_on_the_cell_leaves_its_text_alone(tmp_path: Path) -> None:
    # the comment (LibreOffice's annotation) is no part of what the cell holds
    assert _read(tmp_path / "answers.ods",
                 _cell("<office:annotation><text:p>Checked<text:line-break/>by Sam"
                       "<text:tab/>Rowe</text:p></office:annotation>"
                       "<text:p>Short<text:tab/>visit</text:p>")) == ["Short\tvisit"]


def test_break_markup_held_as_text_is_no_break(tmp_path: Path) -> None:
    # "<text:line-break/>" in an XML comment, a CDATA section or a processing instruction
    # is not an element: the reader shows none of them (CDATA included), and none becomes
    # a line break; the real break beside them still does
    assert _read(tmp_path / "answers.ods",
                 ods_cell("one<!-- <text:line-break/> -->two<text:line-break/>three"),
                 ods_cell("four<![CDATA[<text:line-break/><text:tab/>]]>five"),
                 ods_cell("six<?note <text:tab/> ?>seven")) == [
        "onetwo\nthree", "fourfive", "sixseven"]


def test_a_break_with_a_closing_bracket_in_an_attribute_is_a_break(tmp_path: Path) -> None:
    # ">" may stand unescaped in an attribute's value; the pattern ended the tag there, and
    # left the break unread ("ab") or its attribute's end read as text ('c\n"/>d')
    assert _read(tmp_path / "answers.ods",
                 ods_cell('a<text:tab text:style-name="x>y"/>b'),
                 ods_cell('c<text:line-break text:style-name="/>"/>d'),
                 ods_cell("e<text:tab text:style-name='>'></text:tab>f")) == [
        "a\tb", "c\nd", "e\tf"]


def test_a_break_named_with_another_prefix_reads_as_the_reader_reads_it(
        tmp_path: Path) -> None:
    # "t:" bound to the text namespace: a namespace-aware parser sees a line break, but the
    # reader knows paragraphs and spaces only by the names "text:p" and "text:s", and the
    # inspection counts the breaks that call for this rewrite by name too. The cell reads
    # as the reader reads it (no break, paragraphs joined), whether or not another cell of
    # the file holds a "text:" break: one cell's reading never depends on another's
    other = f' xmlns:t="{TEXT_NAMESPACE}"'
    cell = _cell("<t:p>one<t:line-break/>two</t:p><t:p>three</t:p>", other)
    assert _read(tmp_path / "alone.ods", cell) == ["onetwothree"]
    assert _read(tmp_path / "beside.ods", cell, ods_cell("four<text:tab/>five")) == [
        "onetwothree", "four\tfive"]


def test_the_content_is_not_held_whole_in_memory(tmp_path: Path) -> None:
    # a content of 16 MB with a break in each cell: the copy the reader reads is written a
    # chunk at a time, compressed, rather than the content read whole and rewritten whole
    # (twice its size held at once, before)
    import tracemalloc
    import zipfile

    from wessex_cli.spreadsheet import _ods_with_breaks

    words = "A long answer about the visit to the ward. " * 30
    rows = "".join(ods_row(ods_cell(f"{number} {words}<text:line-break/>{words}"))
                   for number in range(6_000))
    path = ods(tmp_path / "answers.ods", rows, table="Responses")
    size = zipfile.ZipFile(path).getinfo("content.xml").file_size
    assert size > 15_000_000
    tracemalloc.start()
    try:
        copy = _ods_with_breaks(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size  # a few chunks: not the content once, where it was twice
    with zipfile.ZipFile(copy) as written:
        content = written.read("content.xml")
    assert content.count(b"&#10;") == 6_000 and b"line-break" not in content
