"""The one place output goes through: a rich Console for people, plain JSON for scripts.

Rich is imported on first use, not at import: ``wessex --help`` and commands that print
through ``print_json`` never load it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable


def SafeConsole(**options: Any) -> Console:
    """A Console that never prints a control character taken from a cell.

    rich removes a few control codes from text but keeps ESC, so a cell holding an ANSI
    sequence could recolour, clear or retitle the terminal. Every piece of text is cleaned
    just before it is written; rich's own control segments (cursor moves of a progress bar)
    and the styles it adds pass untouched."""
    from rich.console import Console
    from rich.segment import Segment

    class _SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(clean(segment.text), segment.style)
                for segment in buffer)

    return _SafeConsole(**options)


class _LazyConsole:
    """Stands in for a (safe) rich Console and makes it on first use."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            self._console = SafeConsole(**self._options)
        return getattr(self._console, name)

    def forget(self) -> None:
        """Make a new Console on next use: rich fixes the width ($COLUMNS) when it is made."""
        self._console = None


# Rich follows the terminal: colour only on a colour terminal, none with NO_COLOR, and
# tables sized to the window (or $COLUMNS when output is piped).
_out, _err = _LazyConsole(highlight=False), _LazyConsole(stderr=True, highlight=False)
out = cast("Console", _out)
err = cast("Console", _err)


def escape(text: str) -> str:
    """Rich's markup escape (text from cells is never read as markup)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def Table(*args: Any, **kwargs: Any) -> RichTable:  # a function standing in for the class
    """A rich Table, imported when the first table is made."""
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


def print_json(data: Any) -> None:
    """Exactly one JSON object on stdout, nothing else, written a few kilobytes at a time.

    Indented two spaces, except that a list of objects (the pairs of ``status``, the
    problems of ``check``) has each object on one line of its own, as sqlite-utils prints
    rows: a script reads the same JSON, a person can still read it, and ``grep`` finds one
    record with its line. (It is also what makes large output fast: each record goes through
    the json module's C encoder, where indenting everything encoded 5,000 pairs in Python a
    few characters at a time, the longest part of ``status --json``.)"""
    pending: list[str] = []
    size = 0
    for chunk in json_chunks(data):
        pending.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            sys.stdout.write("".join(pending))
            pending.clear()
            size = 0
    sys.stdout.write("".join(pending) + "\n")
    sys.stdout.flush()


def json_chunks(value: Any, depth: int = 0,
                compact: Callable[[Any], str] | None = None) -> Iterator[str]:
    """``value`` as :func:`print_json` writes it, in pieces (no final line break).

    ``compact`` encodes one value on one line: ``json.dumps(item, ensure_ascii=False,
    default=str)``, through one encoder made here for the whole value (``json.dumps`` with
    options makes an encoder for each call, a third of the time of 5,000 pairs)."""
    if compact is None:
        import json

        compact = json.JSONEncoder(ensure_ascii=False, default=str).encode

    inner, outer = "  " * (depth + 1), "  " * depth
    if isinstance(value, dict) and value:
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            # a key as the encoder writes it ("1" for 1, "true" for True)
            name = compact(key) if isinstance(key, str) else compact({key: 0})[1:-4]
            yield f"{',' if number else ''}\n{inner}{name}: "
            yield from json_chunks(item, depth + 1, compact)
        yield f"\n{outer}}}"
    elif isinstance(value, list | tuple) and value:
        records = all(isinstance(item, dict) for item in value)
        yield "["
        for number, item in enumerate(value):
            yield f"{',' if number else ''}\n{inner}"
            if records:
                yield compact(item)
            else:
                yield from json_chunks(item, depth + 1, compact)
        yield f"\n{outer}]"
    else:
        yield compact(value)


_warned: set[str] = set()


def warn(messages: Iterable[str]) -> None:
    """Each warning on stderr, once per command however often it is met."""
    for message in messages:
        if message not in _warned:
            _warned.add(message)
            err.print(f"[yellow]Warning:[/] {escape(clean(message))}")


def start_command() -> None:
    """Forget the warnings and the terminal size of an earlier command run in the same
    process (tests, or the Python API)."""
    _warned.clear()
    _out.forget()
    _err.forget()


def shows_progress(quiet: bool = False) -> bool:
    """A progress display only for a person at a terminal: never for --json, a pipe,
    ``NO_COLOR`` or ``TERM=dumb``."""
    return not quiet and err.is_terminal and not os.environ.get("NO_COLOR") and \
        os.environ.get("TERM", "") != "dumb"


@contextmanager
def progress(description: str, total: int | None, quiet: bool = False
             ) -> Iterator[Callable[..., None]]:
    """A rich progress bar on stderr (a spinner while ``total`` is None).

    Yields ``done(completed, total=None)``, which moves the bar (and can set the total once
    it is known). The display is transient: it disappears when the work is over."""
    if not shows_progress(quiet):
        yield _no_progress
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task(description, total=total)

        def done(completed: int, new_total: int | None = None) -> None:
            if new_total is not None:
                bar.update(task, total=new_total)
            bar.update(task, completed=completed)

        yield done


def _no_progress(completed: int, new_total: int | None = None) -> None:
    """Progress nobody sees."""


# C0 and C1 control characters (ANSI escapes start with ESC), except tab and line breaks.
_CONTROL: dict[int, str] = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                          *range(0x7F, 0xA0)], "\N{REPLACEMENT CHARACTER}")
_CONTROL.update(dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)],
                              "\N{REPLACEMENT CHARACTER}"))


def clean(text: str) -> str:
    """Text from a cell made safe to print: control characters (an ANSI escape, a bell) and
    text-direction overrides each become one \N{REPLACEMENT CHARACTER}. Text with none of
    them is returned at once: each is a character ``isprintable`` refuses (a control or a
    format character), which the check finds at C speed where the translation looked up
    every character."""
    if text.isprintable():
        return text
    return text.translate(_CONTROL)


def cell(text: object) -> str:
    """A value for a rich table or message: control characters out, markup escaped."""
    from rich.markup import escape

    return escape(clean(str(text)))
