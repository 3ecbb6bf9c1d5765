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


def _is_cli_control(exc: Exception) -> bool:
    """Exit, Abort and usage errors belong to Typer (and click): they are not bugs."""
    return any(cls.__module__.split(".")[0] in {"typer", "click"} for cls in type(exc).__mro__)


def report_error(exc: WessexError) -> None:
    from rich.markup import escape

    from .console import err
    from .text import strip_controls

    # Every refusal passes here: no control character in it reaches the terminal.
    err.print(f"[bold red]Error:[/] {escape(strip_controls(str(exc)))}", soft_wrap=True)


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


def _register() -> None:
    from .commands import after, documents, pairing, planning, setup, tracking

    for module in (setup, pairing, documents, tracking, planning):
        module.register(app)
    after.register(app)


_register()


def main() -> None:
    app(prog_name="wessex")
