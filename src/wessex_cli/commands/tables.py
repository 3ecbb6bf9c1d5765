"""Tables that fit the terminal: never a word broken inside, never a cell cut short.

rich squeezes a table that is too wide by breaking words ("Orthopaedic|s") and cutting
cells ("2027-…"). Here the widths are chosen first: each column gets at least its longest
word, the room left is shared by how much each column wants, and when even the longest
words do not fit side by side, every row becomes a block of "Header: value" lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..console import clean, out

if TYPE_CHECKING:  # rich loads when a table is printed, not for --help
    from rich.console import Console
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


def _longest_word(text: str) -> int:
    from rich.text import Text
    return max((Text(word).cell_len for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    from rich.text import Text
    return max((Text(line).cell_len for line in text.splitlines()), default=0)


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Text]],
                  width: int) -> list[int] | None:
    """Content widths that fit ``width`` without breaking a word, or None if none do.

    Headers stay on one line when there is room for that, else they wrap between words."""
    words = [0] * len(columns)
    maxs = [_longest_line(c.header) for c in columns]
    for row in rows:
        for index, cell in enumerate(row):
            words[index] = max(words[index], _longest_word(cell.plain))
            maxs[index] = max(maxs[index], _longest_line(cell.plain))
    room = width - (3 * len(columns) + 1)  # borders and one space of padding each side
    mins = [max(w, _longest_line(c.header)) for w, c in zip(words, columns, strict=True)]
    if sum(mins) > room:
        mins = [max(w, _longest_word(c.header)) for w, c in zip(words, columns, strict=True)]
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
    cells = [[as_text(value) for value in row] for row in rows]
    widths = column_widths(columns, cells, console.width)
    if widths is None:
        _show_blocks(title, columns, cells, console, heading_columns)
        return
    table = Table(title=Text(clean(title)) if title else None)  # a name, never markup
    for column, width in zip(columns, widths, strict=True):
        table.add_column(column.header, justify="right" if column.right else "left",
                         width=width, overflow="fold")
    for row in cells:
        table.add_row(*row)
    console.print(table)


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
