"""The ``wessex`` command: joins the command modules and turns errors into messages.

Every ``WessexError`` raised anywhere below becomes one paragraph on stderr and exit
code 1, here and nowhere else; usage errors exit 2 as Typer does.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from .errors import WessexError


class WessexGroup(TyperGroup):
    """A Typer group that reports WessexError (and file-system errors) without a traceback."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a WessexError becomes one paragraph and exit 1, not a traceback."""
        from .console import start_command

        start_command()
        try:
            return super().invoke(ctx)
        except WessexError as exc:
            report_error(exc)
            raise typer.Exit(1) from None
        except OSError as exc:
            name = f" {exc.filename}" if exc.filename else ""
            report_error(WessexError(f"the file{name} could not be used: {exc.strerror or exc}.",
                                     "Check the path, that the file is closed in Excel, and that "
                                     "the folder is writable."))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            report_error(WessexError("stopped. Nothing half-written was left behind."))
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: still no traceback for the user, unless asked for
            if _is_cli_control(exc) or os.environ.get("WESSEX_DEBUG"):
                raise
            report_error(WessexError(
                f"an unexpected internal problem stopped wessex ({type(exc).__name__}: {exc}).",
                "Nothing half-written was left behind. Please report this; run again with "
                "WESSEX_DEBUG=1 for the details."))
            raise typer.Exit(1) from None


    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The subcommand, with its arguments named in help the way the README writes them."""
        command = super().get_command(ctx, cmd_name)
        _name_arguments_only(command)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command's whole first paragraph, wrapped, rather than cut off with "..."."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                summary = command.short_help or (command.help or "").split("\n\n")[0]
                rows.append((name, " ".join(summary.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _name_arguments_only(command: Any) -> None:
    """Help lists an argument by its name in capitals ("VOLUNTEERS", "PERSON", as the help
    texts write them), without a Python type after it ("<path>", "<list[str]>"): the help
    text says what the file is."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":
            param.display_type_rich = lambda ctx: None
            if param.metavar is None and param.name:
                param.metavar = param.name.upper()
    for inner in getattr(command, "commands", {}).values():
        _name_arguments_only(inner)


def _keep_hyphenated_words_whole() -> None:
    """Help text wraps between words, never inside "e-mail" or "partner-introduction".

    The wrapper Typer's help formatter builds breaks on hyphens by default; it is looked up
    each time help is wrapped, so a variant with ``break_on_hyphens=False`` takes its place."""
    import importlib

    try:
        _textwrap = importlib.import_module("typer._click._textwrap")
    except ImportError:  # an older Typer, on click itself
        _textwrap = importlib.import_module("click._textwrap")

    base: Any = _textwrap.TextWrapper
    if getattr(base, "keeps_hyphens", False):
        return

    class WholeWords(base):  # type: ignore[misc]
        keeps_hyphens = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["break_on_hyphens"] = False
            super().__init__(*args, **kwargs)

    setattr(_textwrap, "TextWrapper", WholeWords)  # noqa: B010 - a module attribute


_keep_hyphenated_words_whole()


def _is_cli_control(exc: Exception) -> bool:
    """Exit, Abort and usage errors belong to Typer (and click): they are not bugs."""
    return any(cls.__module__.split(".")[0] in {"typer", "click"} for cls in type(exc).__mro__)


def report_error(exc: WessexError) -> None:
    """Print a refusal as one clear paragraph on stderr: the one place errors are shown."""
    from .console import cell, err
    from .text import strip_controls

    # Every refusal passes here: no control character in it reaches the terminal.
    err.print(f"[bold red]Error:[/] {cell(strip_controls(str(exc)))}", soft_wrap=True)


app = typer.Typer(
    cls=WessexGroup,
    name="wessex",
    help="Run a Wessex Model workplace exchange: a volunteer spreadsheet in, the best pairs "
         "out, every letter ready, and a table of who still owes a visit.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"wessex {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help="Show the version and exit."),
) -> None:
    """Run a Wessex Model workplace exchange: a volunteer spreadsheet in, the best pairs out,
    every letter ready, and a table of who still owes a visit."""


def _register() -> None:
    from .commands import after, documents, pairing, planning, setup, tracking

    for module in (setup, pairing, documents, tracking, planning):
        module.register(app)
    after.register(app)


_register()


def main() -> None:
    """The ``wessex`` console script."""
    app(prog_name="wessex")
