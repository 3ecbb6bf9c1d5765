"""Options shared by several commands, and small printing helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from ..console import escape, out, print_json, progress, warn

if TYPE_CHECKING:  # scheme.toml is read when a command runs, not for --help
    from ..scheme import Scheme

SchemeOption = Annotated[
    Path | None,
    typer.Option("--scheme", metavar="FILE",
                 help="scheme.toml to use (default: ./scheme.toml if present).",
                 dir_okay=False, show_default=False),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON object instead of tables.")
]


def summary(short_help: str | None, help_text: str | None) -> str:
    """What a list of commands says of one: its short help, else its help's first paragraph."""
    return short_help or (help_text or "").split("\n\n")[0]


class WholeSummaryGroup(TyperGroup):
    """A command group whose help lists each command's whole first paragraph, wrapped,
    rather than cut off with "..." as click does at 45 characters."""

    def command_summaries(self, ctx: Any) -> list[tuple[str, str]]:
        """(name, first paragraph of its help) for each command help lists."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, summary(command.short_help, command.help)))
        return rows

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The Commands section of help, one whole summary per command."""
        rows = [(name, " ".join(summary.split())) for name, summary in
                self.command_summaries(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def existing_file(value: Any) -> Any:
    """Typer callback for a file the command reads (one path, or a list): one not there is a
    usage error, exit 2 as Typer's own check gives, naming a file of a near name in its
    folder ("Did you mean 'pairs.xlsx'?"), as a missing file given as an argument is."""
    from ..inspection import near_file

    for path in value if isinstance(value, list) else [value]:
        if path is not None and not path.exists():
            raise typer.BadParameter(f"File '{path}' does not exist. {near_file(path)}"
                                     .rstrip())
    return value


def scheme_for(path: Path | None, near: Path | None = None) -> Scheme:
    """``--scheme`` if given, else scheme.toml here, else one beside the input file."""
    from ..scheme import load_scheme

    scheme = load_scheme(path)
    if scheme.source is None and path is None and near is not None:
        scheme = load_scheme(None, Path(near).parent)
    warn(scheme.warnings)
    if path is None and near is not None and scheme.source is not None:
        warn(_other_scheme_beside(scheme.source, Path(near)))
    return scheme


def _other_scheme_beside(used: Path, near: Path) -> list[str]:
    """A warning when a scheme.toml beside the input file, unlike the one read from the
    folder the command runs in, is passed over: run from the folder above a new year's,
    last year's settings (its dates, no history) would be read without a word."""
    from ..scheme import SCHEME_FILE

    beside = near.parent / SCHEME_FILE
    try:
        if not beside.is_file() or beside.resolve() == used.resolve() \
                or beside.read_bytes() == used.read_bytes():
            return []
    except OSError:
        return []
    return [f"the settings read are those of {SCHEME_FILE} in the folder this command runs "
            f"in, not {beside}, beside {near.name}, which differs from it. To use that one, "
            f"run the command from inside {near.parent}, or add --scheme {beside}."]


def require_suffix(path: Path | None, allowed: tuple[str, ...], what: str,
                   option: str = "-o") -> None:
    """A usage error (exit 2) when an output's extension says another format than the one
    wessex would write into it."""
    if path is None or path.suffix.lower() in allowed:
        return
    names = " or ".join(allowed)
    raise typer.BadParameter(
        f"{path.name} does not end in {names}, but {what} is written as {allowed[0]}. "
        f"Name it {path.stem}{allowed[0]}.", param_hint=f"'{option}'")


READ_PROGRESS_FROM = 2000  # rows: a shorter sheet is read in a blink, so no bar


@contextmanager
def reading_progress(path: Path, quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(rows_read, rows_in_sheet)`` for the reader: it shows a bar only once the
    sheet turns out to be long."""
    with ExitStack() as stack:
        bar: list[Callable[..., None]] = []

        def report(done: int, total: int) -> None:
            if total < READ_PROGRESS_FROM:
                return
            if not bar:
                bar.append(stack.enter_context(progress(f"Reading {path.name}", total, quiet)))
            bar[0](done)

        yield report


AllowPlaceholdersOption = Annotated[
    bool, typer.Option("--allow-placeholders",
                       help="Write a draft even when scheme.toml lacks a setting the documents "
                            "use; each one is shown in [brackets].")
]


def write_blank_workbook(target: Path, force: bool, json: bool,
                         write: Callable[[Path], None], described: str) -> None:
    """Write a blank collection workbook (``findings template``, ``equality template``)
    with ``write``, keeping a copy of any file it replaces, and say so: "Wrote
    ``described`` ``target``." (with --json, what was written and the copy kept)."""
    from ..safe_write import backups_shown, guard_output, replaced_said

    copy = guard_output(target, force, "file")
    write(target)
    if json:
        print_json({"wrote": str(target), "backups": backups_shown([target], [copy])})
    else:
        out.print(escape(f"Wrote {described}. {replaced_said([target], [copy])}".rstrip()))
