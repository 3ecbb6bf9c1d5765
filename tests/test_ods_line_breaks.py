"""A line break or a tab typed inside an .ods cell (``<text:line-break/>``, ``<text:tab/>``)
was read as nothing, joining the words either side: a survey answer "Thanks to Ellis Hale" /
"Great visit" on two lines read "Thanks to Ellis HaleGreat visit", and the delegate pack
quoted "HaleGreat", a volunteer's surname that no longer matched. Each is now read as the
line break or tab it is, in every spreadsheet wessex reads.

Every person here is invented; the expected text is written by hand.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book

SURPRISE = "What surprised you on the visit?"


def _ods(path: Path, rows: list[list[str]]) -> Path:
    """An .ods whose cells keep their line breaks and tabs as elements, as LibreOffice and
    other programs write them."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.teletype import addTextToElement
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Responses")
    for values in rows:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            paragraph = P()
            addTextToElement(paragraph, value)  # "\n" as <text:line-break/>, "\t" as <text:tab/>
            cell.addElement(paragraph)
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    assert b"<text:line-break/>" in __import__("zipfile").ZipFile(path).read("content.xml")
    return path


def test_a_line_break_in_an_ods_cell_is_read_as_one(tmp_path: Path) -> None:
    from wessex_cli.spreadsheet import read_grid

    _ods(tmp_path / "answers.ods", [["Profession", SURPRISE], ["GP", "one\ntwo"],
                                    ["GP", "three\tfour"]])
    grid = read_grid(tmp_path / "answers.ods", "Responses")
    assert grid.rows[1:] == [["GP", "one\ntwo"], ["GP", "three\tfour"]]


def test_a_name_before_a_line_break_is_not_quoted(run: Runner, tmp_path: Path) -> None:
    write_book(tmp_path / "volunteers.xlsx", [person("Dr Ellis Hale", "e.hale@nhs.net")])
    _ods(tmp_path / "responses.ods", [
        ["Profession", SURPRISE],
        ["GP", "Thanks to Ellis Hale\nGreat visit"],
        ["GP", "Ellis\tHale ran the clinic"]])
    run("feedback", "responses.ods", "--volunteers", "volunteers.xlsx", "-o", "pack.md")
    markdown = (tmp_path / "pack.md").read_text("utf-8")
    assert "hale" not in markdown.casefold()
    assert "[name] ran the clinic" in markdown


def test_a_file_with_many_unfinished_breaks_in_a_comment_is_read_in_good_time(
        tmp_path: Path) -> None:
    # a comment in the content holding 40,000 "<text:tab " with no tag ended (a file of a
    # few KB, damaged or made to stall): the search for the end of each read the rest of
    # the comment again (minutes, before); the cells are read as they are, break and all
    import zipfile

    made = _ods(tmp_path / "made.ods", [["Profession", SURPRISE], ["GP", "one\ntwo"]])
    comment = b"<!-- " + b"<text:tab " * 40_000 + b"-->"
    with zipfile.ZipFile(made) as source, \
            zipfile.ZipFile(tmp_path / "answers.ods", "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                data = data.replace(b"<office:body>", comment + b"<office:body>", 1)
                assert comment in data
            target.writestr(info, data)
    from wessex_cli.spreadsheet import read_grid

    grid = read_grid(tmp_path / "answers.ods", "Responses")
    assert grid.rows[1:] == [["GP", "one\ntwo"]]
