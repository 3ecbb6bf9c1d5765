"""The one place output goes through: a rich Console for people, plain JSON for scripts.

Rich is imported on first use, not at import: ``wessex --help`` and commands that print
through ``print_json`` never load it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable


class _LazyConsole:
    """Stands in for a rich Console and makes it on first use."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


# Rich follows the terminal: colour only on a colour terminal, none with NO_COLOR, and
# tables sized to the window (or $COLUMNS when output is piped).
out = cast("Console", _LazyConsole(highlight=False))
err = cast("Console", _LazyConsole(stderr=True, highlight=False))


def escape(text: str) -> str:
    """Rich's markup escape (text from cells is never read as markup)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def Table(*args: Any, **kwargs: Any) -> RichTable:  # a function standing in for the class
    """A rich Table, imported when the first table is made."""
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


def print_json(data: Any) -> None:
    """Exactly one JSON object on stdout, nothing else."""
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
