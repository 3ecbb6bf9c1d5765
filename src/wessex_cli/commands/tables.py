"""Tables that fit the terminal: never a word broken inside, never a cell cut short.

rich squeezes a table that is too wide by breaking words ("Orthopaedic|s") and cutting
cells ("2027-…"). Here the widths are chosen first: each column gets at least its longest
word, the room left is shared by how much each column wants, and when even the longest
words do not fit side by side, every row becomes a block of "Header: value" lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..console import clean, out

if TYPE_CHECKING:  # rich loads when a table is printed, not for --help
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions
    from rich.segment import Segment
    from rich.style import Style
    from rich.table import Table as RichTable
    from rich.text import Text

    Cell = str | Text


@dataclass(frozen=True)
class Column:
    """One column of a terminal table: its header and whether numbers align right."""

    header: str
    right: bool = False  # numbers line up on the right


def as_text(value: Cell) -> Text:
    """A cell as rich Text; plain strings are printed literally (no markup), cleaned of
    control characters."""
    from rich.text import Text
    if isinstance(value, Text):
        return Text(clean(value.plain), style=value.style, spans=value.spans)
    return Text(clean(value))


def _kept(value: Cell) -> str | Text:
    """A cell as ``show_table`` keeps it: a plain string cleaned, and still a string (what
    ``as_text`` would make of it is made only where rich draws it: a Text for every cell
    took a third of the time of a long table), rich Text as ``as_text`` makes it."""
    return clean(value) if isinstance(value, str) else as_text(value)


def _rich(cell: str | Text) -> Text:
    """A kept cell (``_kept``) as ``as_text`` makes it."""
    from rich.text import Text

    return Text(cell) if isinstance(cell, str) else cell


def _longest(text: str) -> tuple[int, int]:
    """The terminal cells of ``text``'s longest word and of its longest line; printable
    ASCII (one cell a character, one line, as almost every cell is) measured by len."""
    if text.isascii() and text.isprintable():
        return max(map(len, text.split()), default=0), len(text)
    from rich.cells import cell_len
    return (max((cell_len(word) for word in text.split()), default=0),
            max((cell_len(line) for line in text.splitlines()), default=0))


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str | Text]],
                  width: int) -> list[int] | None:
    """Content widths that fit ``width`` without breaking a word, or None if none do.

    Headers stay on one line when there is room for that, else they wrap between words."""
    words = [0] * len(columns)
    headers = [_longest(c.header) for c in columns]  # (longest word, longest line)
    maxs = [line for _, line in headers]
    for row in rows:
        for index, cell in enumerate(row):
            word, line = _longest(cell if isinstance(cell, str) else cell.plain)
            if word > words[index]:
                words[index] = word
            if line > maxs[index]:
                maxs[index] = line
    room = width - (3 * len(columns) + 1)  # borders and one space of padding each side
    mins = [max(w, line) for w, (_, line) in zip(words, headers, strict=True)]
    if sum(mins) > room:
        mins = [max(w, word) for w, (word, _) in zip(words, headers, strict=True)]
    if sum(mins) > room:
        return None
    if sum(maxs) <= room:
        return maxs
    # Share the spare room fairly: each column that wants more gets an equal share, and a
    # column that needs less than its share is given just what it needs, the rest going
    # round the others again (water-filling). No column is squeezed to feed a greedy one.
    widths = list(mins)
    spare = room - sum(mins)
    hungry = [i for i in range(len(widths)) if maxs[i] > widths[i]]
    while hungry and spare > 0:
        share = max(spare // len(hungry), 1)
        for index in list(hungry):
            given = min(share, maxs[index] - widths[index], spare)
            widths[index] += given
            spare -= given
            if widths[index] >= maxs[index]:
                hungry.remove(index)
            if spare == 0:
                break
    return widths


def show_table(title: str | None, columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
               console: Console | None = None, heading_columns: int = 1) -> None:
    """Print a table that fits the console, or one block per row when no table can.

    In blocks, the first ``heading_columns`` values form each block's heading line.
    """
    from rich.table import Table
    from rich.text import Text

    console = console or out
    cells = [[_kept(value) for value in row] for row in rows]
    widths = column_widths(columns, cells, console.width)
    if widths is None:
        _show_blocks(title, columns, [[_rich(cell) for cell in row] for row in cells], console,
                     heading_columns)
        return
    table = Table(title=Text(clean(title)) if title else None)  # a name, never markup
    for column, width in zip(columns, widths, strict=True):
        table.add_column(column.header, justify="right" if column.right else "left",
                         width=width, overflow="fold")
    console.print(_DrawnRows(table, columns, widths, cells))


class _DrawnRows:
    """The table as rich draws it, its rows drawn here. rich lays out each cell of a table
    through several renderables (padding, wrapping, cropping, alignment), some 1.5 ms a row:
    5,000 pairs took seconds to show. Here rich draws the title, the header and the borders
    (the table with no rows), and each row is its cells wrapped by rich's own ``Text.wrap``
    in their widths, side by side between the borders rich uses, a short cell padded with
    blank lines below. ``tests/test_terminal.py`` holds the two to the same output, byte
    for byte, with and without colour, for text of printing characters (wide, accented,
    right to left, emoji). A zero-width character (a joiner, a variation selector, a soft
    hyphen) is where they part: rich pushes its right border out by a column there, where
    the rows drawn here keep it in line."""

    def __init__(self, table: RichTable, columns: Sequence[Column], widths: Sequence[int],
                 rows: Sequence[Sequence[str | Text]]) -> None:
        self.table, self.columns, self.widths, self.rows = table, columns, widths, rows

    def __rich_console__(self, console: Console, options: ConsoleOptions
                         ) -> Iterator[Segment]:
        from rich.segment import Segment

        lines = list(Segment.split_lines(console.render(self.table, options)))
        for line in lines[:-1]:  # the title, the top border, the header and the rule under it
            yield from line
            yield Segment.line()
        box = self.table.box
        assert box is not None  # rich's default, HEAVY_HEAD
        left, middle, right = (Segment(f"{box.mid_left} "), Segment(f" {box.mid_vertical} "),
                               Segment(f" {box.mid_right}"))
        justify: list[Literal["left", "right"]] = [
            "right" if column.right else "left" for column in self.columns]
        blank = [Segment(" " * width) for width in self.widths]
        newline = Segment.line()
        draw = _CellDrawing(console).lines
        for row in self.rows:
            wrapped = [draw(cell, width, justify[index])
                       for index, (cell, width) in enumerate(zip(row, self.widths,
                                                                 strict=True))]
            for number in range(max(len(cell_lines) for cell_lines in wrapped)):
                segments = [left]
                for index, cell_lines in enumerate(wrapped):
                    if index:
                        segments.append(middle)
                    if number < len(cell_lines):
                        segments += cell_lines[number]
                    else:
                        segments.append(blank[index])
                segments.append(right)
                # the line break apart: a line's text, all printable, is cleaned at once
                yield from _joined(segments)
                yield newline
        yield from lines[-1]  # the bottom border
        yield Segment.line()


def _styled(line: Text) -> Text:
    """The line with its own style as a span: ``Text.render`` draws spans only (rich's
    cell renders its lines joined, which makes each line's style a span)."""
    from rich.text import Text

    if not line.style:
        return line
    holder = Text()
    holder.append_text(line)
    return holder


def _wrapped(cell: Text, width: int, justify: Literal["left", "right"],
             console: Console) -> list[Text]:
    """A cell's lines in its width, as rich wraps it (``Text.wrap``); a cell of one line that
    fits, with no space at either end, is just padded, as wrapping would pad it."""
    plain = cell.plain
    if cell.cell_len <= width and plain == plain.strip() and "\n" not in plain and \
            "\t" not in plain:
        line = cell.copy()
        line.align(justify, width)
        return [line]
    return list(cell.wrap(console, width, justify=justify, overflow="fold"))


class _CellDrawing:
    """The cells of one table drawn line by line, each line as the segments that draw it
    (``_wrapped``, then ``Text.render``). A cell of printable ASCII without spans of style
    (almost every one) is wrapped as strings (``folded``), each line one segment, or for a
    styled cell the segments rendered once for each line text (``drawn``) and reused: rich's
    ``Text`` for each line was most of the time of a long table."""

    def __init__(self, console: Console) -> None:
        from rich.segment import Segment
        from rich.text import Text

        self.console, self.segment, self.text = console, Segment, Text
        self.drawn: dict[tuple[str, str | Style], list[Segment]] = {}  # a line, rendered

    def lines(self, cell: str | Text, width: int, justify: Literal["left", "right"]
              ) -> list[list[Segment]]:
        """The lines of ``cell`` (kept as ``_kept`` keeps it) in ``width``, as segments."""
        style: str | Style
        if isinstance(cell, str):
            plain, style, spans = cell, "", None
        else:
            plain, style, spans = cell.plain, cell.style, cell.spans
        if spans or not (plain.isascii() and plain.isprintable()):
            return [list(_styled(line).render(self.console))
                    for line in _wrapped(_rich(cell), width, justify, self.console)]
        lines = folded(plain, width, justify)
        if not style:
            return [[self.segment(line)] for line in lines]
        found = []
        for line in lines:
            segments = self.drawn.get((line, style))
            if segments is None:
                segments = self.drawn[line, style] = list(
                    _styled(self.text(line, style)).render(self.console))
            found.append(segments)
        return found


def folded(plain: str, width: int, justify: Literal["left", "right"]) -> list[str]:
    """The lines of ``plain``, printable ASCII (one terminal cell a character, no line
    break, no tab, no space but " "), as ``Text.wrap`` folds and pads them in ``width``
    (``tests/test_terminal.py`` holds the two to the same lines): rich's own division into
    words (``divide_line``), each line cut to the width (a fold leaves only spaces past
    it), then padded."""
    if len(plain) <= width:  # one line, padded (almost every cell): nothing to divide
        return [plain.rstrip().rjust(width) if justify == "right" else plain.ljust(width)]
    from rich._wrap import divide_line

    bounds = [0, *divide_line(plain, width, fold=True), len(plain)]
    lines = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        line = plain[start:end]  # cut to the width below (Text.rstrip_end cuts no more)
        if justify == "right":
            line = line.rstrip()[:width]
            lines.append(" " * (width - len(line)) + line)
        else:
            line = line[:width]
            lines.append(line + " " * (width - len(line)))
    return lines


def _joined(segments: list[Segment]) -> list[Segment]:
    """``segments`` with each run of plain ones (no style, no control) made one: the same
    text, written alike, for a fraction of the work per segment of rich's writing."""
    from rich.segment import Segment

    joined: list[Segment] = []
    run: list[str] = []
    for segment in segments:
        if segment.style is None and not segment.control:
            run.append(segment.text)
            continue
        if run:
            joined.append(Segment("".join(run)))
            run = []
        joined.append(segment)
    if run:
        joined.append(Segment("".join(run)))
    return joined


def _show_blocks(title: str | None, columns: Sequence[Column], rows: Sequence[Sequence[Text]],
                 console: Console, heading_columns: int) -> None:
    from rich.text import Text
    if title:
        console.print(Text(clean(title), style="bold"))
    for row in rows:
        heading = Text(" ").join(cell for cell in row[:heading_columns] if cell.plain)
        heading.stylize("bold")
        console.print(heading)
        for column, cell in zip(columns[heading_columns:], row[heading_columns:], strict=True):
            if not cell.plain:
                continue
            entry = Text(f"{column.header}: ", style="dim") + cell
            # two spaces before each entry, four before its continuation lines
            for number, line in enumerate(entry.wrap(console, max(console.width - 4, 20))):
                line.rstrip()
                console.print(Text("  " if number == 0 else "    ") + line, soft_wrap=True)
