"""Options shared by several commands, and small printing helpers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # scheme.toml is read when a command runs, not for --help
    from ..scheme import Scheme

SchemeOption = Annotated[
    Path | None,
    typer.Option("--scheme", help="scheme.toml to use (default: ./scheme.toml if present).",
                 dir_okay=False, show_default=False),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON object instead of tables.")
]


def scheme_for(path: Path | None, near: Path | None = None) -> Scheme:
    """``--scheme`` if given, else scheme.toml here, else one beside the input file."""
    from ..scheme import load_scheme

    scheme = load_scheme(path)
    if scheme.source is None and path is None and near is not None:
        scheme = load_scheme(None, near.parent)
    return scheme
AllowPlaceholdersOption = Annotated[
    bool, typer.Option("--allow-placeholders",
                       help="Write a draft even when scheme.toml lacks a setting the documents "
                            "use; each one is shown in [brackets].")
]
