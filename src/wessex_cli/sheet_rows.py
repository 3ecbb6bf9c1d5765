"""Rows deleted from a sheet, and pairs added below its last, as Excel would do it.

openpyxl moves cells when rows are deleted or inserted, but nothing that points at them:
formulas, merged cells, links, drop-down lists, conditional formats, the filter, tables,
row heights and hidden rows, defined names and the print area stay on their old row
numbers, so that they would land on the next pair. Here each moves as Excel moves it (a
reference below a deleted row up one, a range across it a row shorter, one to the row
itself #REF!; several rows in one pass), and new pairs written under the last kept one
join the ranges that covered the pairs. Rows of the administrator's under the pairs (a
total) move down to make room for new pairs, re-pointed in the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from .ignored_errors import without_row

if TYPE_CHECKING:
    from .workbook_edit import Workbook


@dataclass(frozen=True)
class _Move:
    """How one edit moves a sheet's rows, which ``_rows_moved`` applies to all that points
    at them: rows deleted or inserted, as a reference, a row and a range of rows see it."""

    first: int  # the first row that moves or goes; those above stay as they are
    ref: Callable[[str, int], str]  # one reference once rows moved ("#REF!": it went), in
    # a formula written for the row given (0: none; a drop-down's or a colour rule's first)
    row: Callable[[int], int | None]  # a row's number once rows moved (None: it went)
    reaches: Callable[[int, int], bool]  # whether a range of these rows may hold otherwise


def _deleted(numbers: Collection[int]) -> _Move:
    """Rows ``numbers`` deleted, all at once as one at a time from the bottom up: a row
    below moves up by as many as went above it, a range across them shrinks by as many, a
    reference to rows that all went becomes #REF! (``_without_rows``)."""
    gone = sorted(set(numbers))
    return _Move(gone[0], lambda ref, anchor: _without_rows(ref, gone, anchor),
                 lambda row: None if _went(gone, row) else row - bisect_left(gone, row),
                 lambda first, last: bisect_right(gone, last) > bisect_left(gone, first))


def _went(gone: Sequence[int], row: int) -> bool:
    """Whether ``row`` is one of ``gone`` (in order)."""
    at = bisect_left(gone, row)
    return at < len(gone) and gone[at] == row


def delete_rows(book: Workbook, sheet: Any, numbers: Collection[int]) -> None:
    """Delete the rows ``numbers`` and re-point every formula that refers to this sheet's
    cells as Excel does when rows are deleted: a reference below them moves up, a range
    across them shrinks, a reference to rows that all went becomes #REF!. One pass for all
    of them, the same as deleting each from the bottom up, where each moved every row and
    formula below it again."""
    move = _deleted(numbers)
    _cells_moved(sheet, move)
    _rows_moved(book, sheet, move)


def _cells_moved(sheet: Any, move: _Move) -> None:
    """The sheet's cells (values, formatting, notes, links) moved as ``move`` says, those of
    rows that went dropped: the same cell objects, which wessex holds for what Excel showed
    in them and for the cells it names (openpyxl's delete_rows moves every cell below once
    for each row)."""
    cells = sheet._cells  # noqa: SLF001 - the cells there are, none made
    kept = {}
    for (row, column), cell in cells.items():
        moved = move.row(row) if row >= move.first else row
        if moved is not None:
            cell.row = moved
            kept[moved, column] = cell
    cells.clear()
    cells.update(kept)
    sheet._current_row = sheet.max_row if cells else 0  # noqa: SLF001 - as delete_rows does


def insert_rows(book: Workbook, sheet: Any, at: int, count: int) -> None:
    """Make ``count`` empty rows at row ``at`` for new pairs, moving down what stood there
    (a total, a heading of the administrator's) and re-pointing what refers to it as Excel
    does when rows are inserted: a reference at or below ``at`` moves down, a range across it
    grows. A range ending on the row above (the last pair) is grown by
    ``extend_ranges_down`` once the pairs are written, as it is when nothing had to move."""
    sheet.insert_rows(at, count)
    _rows_moved(book, sheet, _Move(at, lambda ref, _: _range_down(ref, at, count),
                                   lambda row: row + count if row >= at else row,
                                   lambda first, last: first < at <= last))


def _rows_moved(book: Workbook, sheet: Any, move: _Move) -> None:
    """Once openpyxl moved ``sheet``'s cells, move all that points at its rows as ``move``
    says, on every sheet: formulas (each read once), what is set by range on the sheet
    (``_move_ranges``), row heights, names, the "Ignore error" marks."""
    from openpyxl.worksheet.formula import ArrayFormula

    def plain(ref: str) -> str:
        return move.ref(ref, 0)

    _move_ranges(sheet, move)
    _move_row_settings(sheet, move)
    _repoint_names(book.book, sheet, plain)
    if book.ignored.get(sheet.title):
        book.ignored[sheet.title] = without_row(book.ignored[sheet.title], plain)
    for other in book.book.worksheets:
        own = other is sheet
        for cell in other._cells.values():  # noqa: SLF001 - the cells there are, none made
            # formulas only: text typed as "=..." (stored as text) is not one
            if cell.data_type == "f" and isinstance(cell.value, str):
                moved, reaches = _moved_formula(cell.value, plain, move.reaches, own=own,
                                                sheet_name=sheet.title)
                if moved != cell.value:
                    shown = book.cached.get(id(cell))
                    if shown is not None and shown[1] == cell.value and not reaches:
                        # the same cells, re-pointed: what Excel showed still holds (a
                        # "done" filled by a formula below the rows still reads as done); a
                        # range across them shrank or grew, and Excel works it out again
                        book.cached[id(cell)] = (cell, moved, shown[2])
                    cell.value = moved
            elif cell.data_type == "f" and isinstance(cell.value, ArrayFormula):
                # an array formula's text, and its range, which openpyxl left on the
                # old rows (a formula whose range no longer held its own cell)
                cell.value.text = _repointed(cell.value.text or "", plain, own=own,
                                             sheet_name=sheet.title)
                if own and cell.value.ref:
                    cell.value.ref = plain(cell.value.ref)
        if not own:  # its own are moved with their ranges (_move_ranges)
            _rules_pointed(other, lambda formula, _: _repointed(
                "=" + formula, plain, own=False, sheet_name=sheet.title)[1:])


def _rules_pointed(other: Any, moved: Callable[[str, int], str]) -> None:
    """The formulas of ``other``'s drop-down lists and conditional formats, each passed
    through ``moved`` with the first row it is written for: a drop-down of the Pair IDs, a
    colour set by the total under the pairs, re-pointed or grown with the rows they name
    (else they stayed on the old rows, on another pair's cells)."""
    for validation in other.data_validations.dataValidation:
        top = _top_row(validation.sqref.ranges)
        for attribute in ("formula1", "formula2"):
            formula = getattr(validation, attribute)
            if formula:
                setattr(validation, attribute, moved(formula, top))
    for formatting in other.conditional_formatting:
        top = _top_row(formatting.sqref.ranges)
        for rule in formatting.rules:
            rule.formula = [moved(formula, top) for formula in rule.formula]


def _moved_ranges(ranges: Iterable[Any], move: _Move) -> list[str]:
    """openpyxl CellRanges as they stand once rows moved, as a formula's references move:
    a range that was deleted rows alone is gone."""
    moved = (move.ref(found.coord, 0) for found in ranges)
    return [coord for coord in moved if coord != "#REF!"]


def _move_ranges(sheet: Any, move: _Move) -> None:
    """What openpyxl's delete_rows and insert_rows leave where it was, moved with the cells
    (as Excel does): merged cells (else a merge stays over another row and hides what was
    typed there), links (else a link stays on another pair), drop-down lists and
    conditional formats with their formulas, the filter's range and the tables' ranges."""
    from openpyxl.formatting.formatting import ConditionalFormattingList
    from openpyxl.worksheet.cell_range import CellRange

    merged = list(sheet.merged_cells.ranges)
    for old in merged:
        sheet.merged_cells.remove(old)
    for coord in _moved_ranges(merged, move):
        found = CellRange(coord)
        if found.size["rows"] * found.size["columns"] > 1:
            # a merge of one cell ("AG4:AG4", once its second row went) is no merge
            sheet.merged_cells.add(found)
        _first_cell_plain(sheet, found.min_row, found.min_col)
    for cell in sheet._cells.values():  # noqa: SLF001 - the cells there are, none made
        link = getattr(cell, "hyperlink", None)
        if link is not None and cell.row >= move.first:
            link.ref = cell.coordinate
    for validation in list(sheet.data_validations.dataValidation):
        kept = _moved_ranges(validation.sqref.ranges, move)
        if kept:
            top = _top_row(validation.sqref.ranges)
            for attribute in ("formula1", "formula2"):
                formula = getattr(validation, attribute)
                if formula:
                    setattr(validation, attribute,
                            _anchored(formula, move, top, sheet.title))
            validation.sqref = " ".join(kept)
        else:
            sheet.data_validations.dataValidation.remove(validation)
    formats = ConditionalFormattingList()
    for formatting in sheet.conditional_formatting:
        kept = _moved_ranges(formatting.sqref.ranges, move)
        top = _top_row(formatting.sqref.ranges)
        for rule in formatting.rules if kept else ():
            rule.formula = [_anchored(f, move, top, sheet.title) for f in rule.formula]
            formats.add(" ".join(kept), rule)
    sheet.conditional_formatting = formats
    if sheet.auto_filter.ref:
        moved = move.ref(sheet.auto_filter.ref, 0)
        sheet.auto_filter.ref = moved if moved != "#REF!" else None
    for table in sheet.tables.values():
        moved = move.ref(table.ref, 0)
        if moved != "#REF!":
            # a table keeps a row below its header (Excel's tables cannot be a header
            # alone): one whose rows all went keeps the row now under its header
            found = CellRange(moved)
            found.expand(down=int(found.max_row == found.min_row))
            table.ref = found.coord
            _filter_with_table(table)


def _first_cell_plain(sheet: Any, row: int, column: int) -> None:
    """The first cell of a merge (or of what is left of one) as a plain cell, with its
    formatting: once the merge's first row went, the cell now first was one openpyxl keeps
    for the merge's other cells, which takes no value, so a pair's cell there refused one."""
    from copy import copy

    from openpyxl.cell.cell import Cell, MergedCell

    cells = sheet._cells  # noqa: SLF001 - the cells there are, none made
    found = cells.get((row, column))
    if isinstance(found, MergedCell):
        plain = Cell(sheet, row=row, column=column)
        plain._style = copy(found._style)  # noqa: SLF001 - one sheet's styles
        cells[row, column] = plain


def extend_ranges_down(book: Workbook, sheet: Any, last_kept: int, last: int) -> None:
    """New pairs written below the last kept one (rows ``last_kept`` + 1 to ``last``) join
    what covered the pairs down to that row, as a row typed under a table joins it in
    Excel: the yes/no drop-downs, the conditional formats, the filter's range, a table's
    range, and a range of rows in a formula (a total's, on any sheet, or a share of the
    pairs' in a pair's own row), a drop-down's or a conditional format's formula, a defined
    name or the print area. A range that stops before the last pair covers only the rows it
    did, and one that ends on its own formula's row (a running count) keeps to it."""
    from openpyxl.formatting.formatting import ConditionalFormattingList
    from openpyxl.worksheet.cell_range import CellRange

    def grown(ranges: Iterable[Any]) -> str | None:
        return grown_ranges(" ".join(r.coord for r in ranges), last_kept, last)

    for validation in sheet.data_validations.dataValidation:
        sqref = grown(validation.sqref.ranges)
        if sqref is not None:
            validation.sqref = sqref
    if sheet.auto_filter.ref:
        ref = grown([CellRange(sheet.auto_filter.ref)])
        sheet.auto_filter.ref = ref or sheet.auto_filter.ref
    for table in sheet.tables.values():
        ref = grown([CellRange(table.ref)])
        if ref is not None:
            table.ref = ref
            _filter_with_table(table)
            _calculated_columns_down(book, sheet, table, last_kept, last)
    formats = ConditionalFormattingList()
    for formatting in sheet.conditional_formatting:
        sqref = grown(formatting.sqref.ranges) or str(formatting.sqref)
        for rule in formatting.rules:
            formats.add(sqref, rule)
    sheet.conditional_formatting = formats
    _grow_formulas(book, sheet, last_kept, last)


def _calculated_columns_down(book: Workbook, sheet: Any, table: Any, last_kept: int,
                             last: int) -> None:
    """The rows a table grew over take the formula of each of its calculated columns (a
    formula typed in the table's column, which Excel fills down it), as row ``last_kept``
    holds it, moved to their row: as a row added to the table in Excel takes it. Each keeps
    the value its formula gives where a kept row shows it (``_results_of_kept_rows``)."""
    from openpyxl.formula.translate import Translator
    from openpyxl.worksheet.cell_range import CellRange

    area = CellRange(table.ref)
    first = area.min_col
    names = {str(c.name).casefold(): first + n
             for n, c in enumerate(table.tableColumns or ()) if c.name is not None}
    for offset, column in enumerate(table.tableColumns or ()):
        if column.calculatedColumnFormula is None:
            continue
        above = sheet._cells.get((last_kept, first + offset))  # noqa: SLF001 - none made
        if above is None or above.data_type != "f" or not isinstance(above.value, str):
            continue
        filled = []
        moved = Translator(above.value, above.coordinate)  # the formula, parsed once
        for row in range(last_kept + 1, last + 1):
            cell = sheet.cell(row, first + offset)
            if cell.value is None:
                cell.value = moved.translate_formula(cell.coordinate)
                filled.append(cell)
        _results_of_kept_rows(book, sheet, _RowFormula.of(above, table.displayName, names),
                              range(area.min_row + (table.headerRowCount or 0), last_kept + 1),
                              filled)


# Functions whose result the values they are given decide: a formula using no other (none
# of TODAY, RAND, OFFSET, INDIRECT, ROW...) gives the same result wherever it reads the
# same values (the "_xlfn." prefix of Excel's newer functions taken off)
_PURE = frozenset("""IF IFS IFERROR IFNA AND OR NOT XOR SWITCH CHOOSE ISBLANK ISNUMBER ISTEXT
    ISNONTEXT ISLOGICAL ISERROR ISERR ISNA N T LEN TRIM CLEAN UPPER LOWER PROPER LEFT RIGHT
    MID CONCATENATE CONCAT TEXTJOIN REPT SUBSTITUTE REPLACE FIND SEARCH EXACT TEXT VALUE SUM
    PRODUCT MAX MIN AVERAGE COUNT COUNTA ABS ROUND ROUNDUP ROUNDDOWN INT TRUNC MOD SIGN DATE
    YEAR MONTH DAY WEEKDAY DATEDIF DAYS EDATE EOMONTH HOUR MINUTE SECOND""".split())
_ONE_CELL = re.compile(r"\$?([A-Za-z]{1,3})(\$?)([1-9][0-9]{0,6})")
# a table's cell in the formula's own row, as Excel saves [@Column]: its escapes (' before
# [ ] # ') taken off the column's name
_THIS_ROW = re.compile(r"([^\[\]!]+)\[\[#This Row\],\[((?:[^\[\]']|'.)+)\]\]", re.IGNORECASE)


@dataclass(frozen=True)
class _RowFormula:
    """A formula of one row that reads single cells only, of its own sheet, through pure
    functions: its text in any row (``text``), and the cells it reads there (``cells``)."""

    tokens: tuple[Any, ...]  # openpyxl's tokens, as in the row it was read in
    moving: tuple[tuple[int, str, int], ...]  # (token index, column letters, row offset) of
    # each reference whose row moves with the formula's
    cells: tuple[tuple[int | None, int, int], ...]  # each cell read: (its row, or None for
    # the formula's own row plus the offset; the offset; its column)

    @staticmethod
    def of(cell: Any, table: str, names: dict[str, int]) -> _RowFormula | None:
        """The formula of ``cell``, in a table called ``table`` whose columns are ``names``
        (name casefolded -> sheet column), or None when it reads anything else."""
        from openpyxl.formula.tokenizer import Token
        from openpyxl.utils import column_index_from_string

        tokens = _tokens(cell.value)
        if tokens is None:
            return None
        moving: list[tuple[int, str, int]] = []
        cells: list[tuple[int | None, int, int]] = []
        for index, token in enumerate(tokens):
            if token.type == Token.FUNC and token.subtype == Token.OPEN:
                name = token.value[:-1].upper().removeprefix("_XLFN.")
                if name not in _PURE:
                    return None
            elif token.type == Token.OPERAND and token.subtype == Token.RANGE:
                plain = _ONE_CELL.fullmatch(token.value)
                own = _THIS_ROW.fullmatch(token.value)
                if plain is not None:
                    column = column_index_from_string(plain[1].upper())
                    if plain[2]:
                        cells.append((int(plain[3]), 0, column))
                    else:
                        offset = int(plain[3]) - cell.row
                        moving.append((index, token.value[:plain.start(3)], offset))
                        cells.append((None, offset, column))
                elif own is not None and own[1].casefold() == table.casefold() and \
                        (named := re.sub("'(.)", r"\1", own[2]).casefold()) in names:
                    cells.append((None, 0, names[named]))
                else:
                    return None
        return _RowFormula(tuple(tokens), tuple(moving), tuple(cells))

    def text(self, row: int) -> str:
        """The formula as it reads in ``row``: its references moved down or up with it."""
        values = [token.value for token in self.tokens]
        for index, letters, offset in self.moving:
            values[index] = f"{letters}{row + offset}"
        return "=" + "".join(values)


def _results_of_kept_rows(book: Workbook, sheet: Any, formula: _RowFormula | None,
                          kept: range, filled: list[Any]) -> None:
    """Give each of the ``filled`` cells (a calculated column's, in new rows) the value
    Excel showed for ``formula`` in a ``kept`` row where it reads the same values: what it
    gives there, it gives here. Without it a reader that does not calculate (wessex's own)
    found the cell never calculated; where no kept row reads the same values, or two that
    do show different results, the cell is left for Excel to work out."""
    from openpyxl.cell.rich_text import CellRichText

    if formula is None or not filled:
        return

    def read(row: int) -> tuple[tuple[str, Any], ...] | None:
        found = []
        for fixed, offset, column in formula.cells:
            cell = sheet._cells.get((fixed or row + offset, column))  # noqa: SLF001
            value = None if cell is None else _known_value(book, cell)
            if value is _UNKNOWN:
                return None
            if isinstance(value, CellRichText):  # formulas read its text
                value = str(value)
            found.append((type(value).__name__, value))
        return tuple(found)

    shown: dict[tuple[tuple[str, Any], ...], Any] = {}
    differing: set[tuple[tuple[str, Any], ...]] = set()
    for row in kept:
        cell = sheet._cells.get((row, filled[0].column))  # noqa: SLF001
        if cell is None or cell.value != formula.text(row):
            continue
        value, values = _known_value(book, cell), read(row)
        if value is _UNKNOWN or values is None:
            continue
        if shown.setdefault(values, value) != value:
            differing.add(values)
    for cell in filled:
        values = read(cell.row)
        if values in shown and values not in differing and cell.value == formula.text(cell.row):
            book.cached[id(cell)] = (cell, cell.value, shown[values])


_UNKNOWN = object()  # a formula's value that Excel has not shown


def _known_value(book: Workbook, cell: Any) -> Any:
    """A cell's value as Excel showed it: a formula's last result, or ``_UNKNOWN`` for one
    it never showed."""
    if cell.data_type != "f":
        return cell.value
    found = book.cached.get(id(cell))
    known = found is not None and found[0] is cell and found[1] == cell.value and \
        found[2] is not None
    return found[2] if known and found is not None else _UNKNOWN


def _grow_formulas(book: Workbook, sheet: Any, last_kept: int, last: int) -> None:
    """The formulas, drop-downs' and conditional formats' formulas, defined names and print
    area that refer to ``sheet``'s rows, each range of theirs ending on row ``last_kept``
    carried down to row ``last`` (``extend_ranges_down``), but for a range on ``sheet`` whose
    last row is its formula's own, not written with "$" (``=SUM($R$2:R5)`` in row 5, a
    running count): it stays on that row. What Excel showed for a grown formula no longer
    matches it, so Excel works it out again."""
    from openpyxl.worksheet.formula import ArrayFormula

    def grow(ref: str, row: int = 0) -> str:
        # a range ending on the last pair, none of its rows below it: those are re-pointed
        # by the rows moving (insert_rows), not grown
        moved = _range_down(ref, last_kept + 1, last - last_kept)
        if moved != ref or _ends_on_its_row(ref, row):
            return ref
        return _range_down(ref, last_kept + 1, last - last_kept, join=True)

    def rule_grown(formula: str, top: int, *, own: bool) -> str:
        # a drop-down's or a conditional format's formula is written as for its first row
        return _repointed("=" + formula, partial(grow, row=top if own else 0), own=own,
                          sheet_name=sheet.title)[1:]

    for other in book.book.worksheets:
        own = other is sheet
        for cell in other._cells.values():  # noqa: SLF001 - the cells there are, none made
            if cell.data_type != "f":
                continue
            mine = partial(grow, row=cell.row if own else 0)
            if isinstance(cell.value, str):
                cell.value = _repointed(cell.value, mine, own=own, sheet_name=sheet.title)
            elif isinstance(cell.value, ArrayFormula):
                cell.value.text = _repointed(cell.value.text or "", mine, own=own,
                                             sheet_name=sheet.title)
        _rules_pointed(other, partial(rule_grown, own=own))
    _repoint_names(book.book, sheet, grow)


def _ends_on_its_row(ref: str, row: int) -> bool:
    """Whether a reference's last row is ``row`` and not written with "$" (``$R$2:R5`` in
    row 5's formula): a range copied down row by row that ends on each one's own."""
    whole_rows = _ROWS.fullmatch(ref)
    if whole_rows is not None:
        return not whole_rows.group(3) and int(whole_rows.group(4)) == row
    ends = list(_REF.finditer(ref)) if _A_REFERENCE.fullmatch(ref) else []
    return bool(ends) and not ends[-1].group(2) and int(ends[-1].group(3)) == row


def _filter_with_table(table: Any) -> None:
    """A table's filter over its header and rows once the table's range moved: not over a
    totals row, which Excel keeps out of the filter (a filter over it, Excel repairs the
    table on opening, and a sort moves the total in among the rows)."""
    from openpyxl.worksheet.cell_range import CellRange

    if table.autoFilter is None:
        return
    found = CellRange(table.ref)
    totals = table.totalsRowCount or 0
    if totals and found.max_row - totals >= found.min_row:
        found.shrink(bottom=totals)
    table.autoFilter.ref = found.coord


def grown_ranges(ranges: str, last_kept: int, last: int) -> str | None:
    """A range list ("V2:V30 X5") with each range that ends on row ``last_kept`` carried
    down to row ``last``; None when none ends there (nothing to grow)."""
    from openpyxl.worksheet.cell_range import CellRange

    found = [CellRange(r) for r in ranges.replace("$", "").split()]
    if not any(r.max_row == last_kept for r in found):
        return None
    for r in found:
        if r.max_row == last_kept:
            r.expand(down=last - last_kept)
    return " ".join(r.coord for r in found)


def _top_row(ranges: Iterable[Any]) -> int:
    """The first row of a drop-down's or a conditional format's ranges: its formula is
    written as for that row's cell, as Excel keeps it."""
    return min((found.min_row for found in ranges), default=0)


def _anchored(formula: str, move: _Move, top: int, title: str) -> str:
    """A drop-down's or a conditional format's formula (written as for row ``top``, without
    "=") once rows moved. Its cell moves with the rows, so its references move as a
    formula's in that cell do; when row ``top`` was deleted, the row below takes its place
    and the references relative to it stay as they were (``$V10`` on rows 10 to 31 stays
    ``$V10`` on rows 10 to 30), and only those fixed with "$" move."""
    return _repointed("=" + formula, lambda ref: move.ref(ref, top), own=True,
                      sheet_name=title)[1:]


def _move_row_settings(sheet: Any, move: _Move) -> None:
    """Row heights, rows hidden (by hand or by a filter) and rows grouped in an outline moved
    with their rows, as Excel moves them (openpyxl leaves them on their numbers, so a
    filter's hidden rows and a taller row landed on the next pair)."""
    dimensions = sheet.row_dimensions
    moved = {}
    for index in sorted(n for n in dimensions if n >= move.first):
        dimension = dimensions.pop(index)
        row = move.row(index)
        # a row pushed past the sheet's last row goes, as in Excel (LibreOffice writes the
        # last row, with a height of its own, once a row above it was deleted)
        if row is not None and row <= LAST_ROW:
            dimension.index = row
            moved[row] = dimension
    dimensions.update(moved)


def _repoint_names(book: Any, sheet: Any, move: Callable[[str], str]) -> None:
    """Defined names and the print area that refer to the sheet's rows, each reference
    passed through ``move`` as a formula's is (``_repointed``): a name for a deleted row
    alone becomes #REF!, a part of the print area that was that row alone goes."""
    names = [*book.defined_names.values()]
    for each in book.worksheets:
        names += [*each.defined_names.values()]
    for name in names:
        text = name.attr_text or ""
        moved = _repointed("=" + text, move, own=False, sheet_name=sheet.title)
        if moved[1:] != text:
            name.attr_text = moved[1:]
    if sheet.print_area:
        areas = [area.rpartition("!")[2] for area in sheet.print_area.split(",")]
        kept = [a for a in map(move, areas) if a != "#REF!"]
        if kept != areas:
            sheet.print_area = kept or None


LAST_ROW = 1_048_576  # the last row of a sheet, in Excel and LibreOffice alike

_REF = re.compile(r"(\$?[A-Za-z]{1,3})(\$?)(\d+)")


# a reference as Excel writes one: a cell or a range of cells (a column within XFD), or a
# range of whole rows ("10:10", "$5:$9"); a name such as Q1FY24 or x1y2 is none of these
_CELL = r"\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}"


_A_REFERENCE = re.compile(rf"{_CELL}(?::{_CELL})?")


_ROWS = re.compile(r"(\$?)([1-9][0-9]{0,6}):(\$?)([1-9][0-9]{0,6})")


def _repointed(formula: str, move: Callable[[str], str], *, own: bool, sheet_name: str
               ) -> str:
    """``formula`` with each of its references to ``sheet_name`` passed through ``move``
    (one reference to where it stands once rows moved, or "#REF!"; ``own``: the formula is
    on that sheet, so references without a sheet name are to it)."""
    return _moved_formula(formula, move, None, own=own, sheet_name=sheet_name)[0]


def _tokens(formula: str) -> list[Any] | None:
    """A formula's tokens (openpyxl's tokenizer), or None when it cannot be parsed."""
    from openpyxl.formula.tokenizer import Tokenizer

    try:
        return list(Tokenizer(formula).items)
    except Exception:  # noqa: BLE001 - the tokenizer raises many kinds for odd formulas
        return None


def _references_to(tokens: list[Any], sheet_name: str, own: bool
                   ) -> Iterator[tuple[Any, str, str, str]]:
    """Each reference among a formula's ``tokens`` to a range of ``sheet_name``, as (the
    token, the sheet part before "!", the "!" or "", the range): a reference without a sheet
    name is to the formula's own sheet, so it counts when ``own``."""
    from openpyxl.formula.tokenizer import Token

    for token in tokens:
        if token.type != Token.OPERAND or token.subtype != Token.RANGE:
            continue
        where, bang, ref = token.value.rpartition("!")
        named = where.strip("'").replace("''", "'")
        # sheet names match whatever their case, as Excel (and same_sheet) match them
        if (bang and named.casefold() != sheet_name.casefold()) or (not bang and not own):
            continue
        yield token, where, bang, ref


def _moved_formula(formula: str, move: Callable[[str], str],
                   reaches: Callable[[int, int], bool] | None, *, own: bool, sheet_name: str
                   ) -> tuple[str, bool]:
    """``formula`` re-pointed as ``_repointed`` says, tokenized once, and with ``reaches``
    whether it refers to the rows that went or came, so that what Excel showed for it may no
    longer hold; True for anything it cannot tell (a whole column, a name may hold them)."""
    tokens = _tokens(formula)
    if tokens is None:
        return formula, True  # a formula openpyxl cannot parse is left as it was
    changed = found = False
    for token, where, bang, ref in _references_to(tokens, sheet_name, own):
        if reaches is not None and not found:
            rows = _rows_of(ref)
            found = rows is None or reaches(*rows)
        moved = move(ref)
        if moved != ref:
            token.value = f"{where}{bang}{moved}" if moved != "#REF!" else "#REF!"
            changed = True
    return ("=" + "".join(t.value for t in tokens) if changed else formula), found


def _rows_of(ref: str) -> tuple[int, int] | None:
    """The first and last rows of a reference (``V11``, ``$V$2:$V$40``, ``5:9``), or None
    for one not bound to rows (a whole column, a name, a table)."""
    from openpyxl.worksheet.cell_range import CellRange

    whole_rows = _ROWS.fullmatch(ref)
    if whole_rows is not None:
        return int(whole_rows.group(2)), int(whole_rows.group(4))
    if not _A_REFERENCE.fullmatch(ref):
        return None
    try:
        found = CellRange(ref.replace("$", ""))
    except ValueError:
        return None
    return found.min_row, found.max_row


def _without_rows(ref: str, gone: Sequence[int], anchor: int = 0) -> str:
    """One reference (``V11``, ``$V$2:$V$40``, ``5:9``) once the rows ``gone`` (in order)
    went: a row below them moves up by as many as went above it, a range across them
    shrinks by as many as went within it (but one reaching the sheet's last row still ends
    there), and a reference whose rows all went is #REF!. When ``anchor``, the row a
    drop-down's or a colour rule's formula is written for, went, the row below takes its
    place: a reference not wholly written with "$" is moved as if that row had stayed (it
    was relative to the row, which is still the first)."""
    whole_rows = _ROWS.fullmatch(ref)
    if whole_rows is not None:  # "10:10", "$5:$9"
        ends = [("", whole_rows.group(1), whole_rows.group(2)),
                ("", whole_rows.group(3), whole_rows.group(4))]
    elif _A_REFERENCE.fullmatch(ref):
        ends = [(m.group(1), m.group(2), m.group(3)) for m in _REF.finditer(ref)]
        from openpyxl.utils import column_index_from_string

        if any(column_index_from_string(column.lstrip("$")) > 16_384 for column, _, _ in ends):
            return ref  # past column XFD: a name, not a cell
    else:
        return ref  # a whole column (V:V), a name (Q1FY24) or anything else: not row-bound
    if anchor and _went(gone, anchor) and not all(fixed for _, fixed, _ in ends):
        gone = [row for row in gone if row != anchor]
    first, last = int(ends[0][2]), int(ends[-1][2])
    if first <= last and bisect_right(gone, last) - bisect_left(gone, first) == \
            last - first + 1:
        return "#REF!"
    # the last row of a range that went gives way to the one above it that stays; a range
    # that reached the sheet's last row (a whole column, V1:V1048576) still ends there, as
    # Excel keeps it: the rows under it come up, and an empty one comes in at the bottom
    rows = [first - bisect_left(gone, first),
            LAST_ROW if first < last == LAST_ROW else
            last - bisect_left(gone, last) - (first < last and _went(gone, last))]
    return ":".join(f"{column}{fixed}{row}" for (column, fixed, _), row
                    in zip(ends, rows[:1] if len(ends) == 1 else rows, strict=True))


def rows_cannot_move(book: Workbook, sheet: Any, at: int) -> str:
    """Why the rows from ``at`` down cannot be moved down safely ("" when they can): merged
    cells across the row above and ``at`` (Excel would widen the merge over the new pairs),
    or a formula referring to the sheet that openpyxl cannot read, whose references would
    stay where they were."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row < at <= merged.max_row:
            return (f"the merged cells {merged.coord} reach across the last pair's row and "
                    "the row below it")
    for other in book.book.worksheets:
        for cell in other._cells.values():  # noqa: SLF001 - the cells there are, none made
            text = cell.value if isinstance(cell.value, str) else \
                getattr(cell.value, "text", None)
            if cell.data_type == "f" and text and _tokens(text) is None:
                return f"wessex cannot read the formula in {other.title}!{cell.coordinate}"
    return ""


def _range_down(ref: str, at: int, count: int, join: bool = False) -> str:
    """One reference (``V11``, ``$V$2:$V$40``, ``5:9``) after ``count`` rows were inserted at
    row ``at``: a row at or below it moves down; with ``join``, a range ending on the row
    above reaches down over the inserted rows."""
    whole_rows = _ROWS.fullmatch(ref)
    if whole_rows is not None:
        first, last = int(whole_rows.group(2)), int(whole_rows.group(4))
        first, last = _rows_down(first, last, at, count, join)
        if first > LAST_ROW:
            return "#REF!"
        return f"{whole_rows.group(1)}{first}:{whole_rows.group(3)}{last}"
    if not _A_REFERENCE.fullmatch(ref):
        return ref  # a whole column (V:V), a name (Q1FY24) or anything else: not row-bound
    from openpyxl.utils import column_index_from_string

    ends = list(_REF.finditer(ref))
    if any(column_index_from_string(m.group(1).lstrip("$")) > 16_384 for m in ends):
        return ref  # past column XFD: a name, not a cell
    rows = [int(m.group(3)) for m in ends]
    if len(ends) == 1:
        moved = [rows[0] + count if rows[0] >= at else rows[0]]
    else:
        moved = list(_rows_down(rows[0], rows[-1], at, count, join))
    if moved[0] > LAST_ROW:
        return "#REF!"  # pushed off the bottom of the sheet, as Excel says of it
    return ":".join(f"{m.group(1)}{m.group(2)}{row}" for m, row in zip(ends, moved, strict=True))


def _rows_down(first: int, last: int, at: int, count: int, join: bool) -> tuple[int, int]:
    """A range's first and last rows after ``count`` rows were inserted at row ``at``. A
    range that reached the sheet's last row (a whole column, as LibreOffice writes one:
    V1:V1048576) still ends there, as Excel keeps it: past it there are no rows."""
    grows = last >= at or (join and last == at - 1 and first < last)
    moved = last + count if grows else last
    return (first + count if first >= at else first,
            min(moved, LAST_ROW) if last <= LAST_ROW else moved)
