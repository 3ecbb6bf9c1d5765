"""The ``wessex`` command: joins the command modules and turns errors into messages.

Every ``WessexError`` raised anywhere below becomes one paragraph on stderr and exit
code 1, here and nowhere else; usage errors exit 2 as Typer does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer

from .commands.common import WholeSummaryGroup, summary
from .errors import WessexError


class WessexGroup(WholeSummaryGroup):
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
            report_error(_file_problem(exc))
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


    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The group, its commands built only when one is asked for (see ``LazyCommands``)."""
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(_PENDING)

    def command_summaries(self, ctx: Any) -> list[tuple[str, str]]:
        """Each command's summary, read from its registration: listing them builds none."""
        return _summaries(_PENDING)


def _file_problem(exc: OSError) -> WessexError:
    """An operating system's refusal of a file, in words: a path too long for the computer
    is named by its end, as the whole of it would fill the screen."""
    from .safe_write import too_long

    found = too_long(exc)
    if found is not None:
        name = os.fsdecode(exc.filename2 or exc.filename)
        shown = name if len(name) <= 80 else "..." + name[-77:]
        return WessexError(f"could not use {shown}: {found.reason}.", found.fix)
    name = f" {exc.filename}" if exc.filename else ""
    return WessexError(f"the file{name} could not be used: {exc.strerror or exc}.",
                       "Check the path, that the file is closed in Excel, and that the folder "
                       "is writable.")


class LazyCommands(MutableMapping[str, Any]):
    """The commands of ``wessex`` by name, each turned from its Typer registration into a
    click command the first time it is looked up (click's pattern for lazily loaded
    subcommands). Typer otherwise reads the type hints of every parameter of every command
    on each start, which is most of the time ``wessex --help`` takes."""

    def __init__(self, pending: dict[str, Any]) -> None:
        """Commands registered as Typer ``CommandInfo`` or ``TyperInfo``, in help order."""
        self._pending = pending
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        """The click command ``name``, built on first use."""
        if name not in self._built:
            self._built[name] = _build(self._pending[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        """A command added after start-up (click's ``add_command``)."""
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        """Remove a command (click's mapping protocol)."""
        self._built.pop(name, None)
        self._pending = {k: v for k, v in self._pending.items() if k != name}

    def __iter__(self) -> Iterator[str]:
        """The names in the order help lists them."""
        return iter([*self._pending, *(n for n in self._built if n not in self._pending)])

    def __len__(self) -> int:
        """How many commands there are, built or not."""
        return len(set(self._pending) | set(self._built))

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` is a command, without building it."""
        return name in self._pending or name in self._built


def _build(info: Any) -> Any:
    """A registered command or sub-group as the click command Typer would have made."""
    from typer.main import get_command_from_info, get_group_from_info
    from typer.models import CommandInfo

    if isinstance(info, CommandInfo):
        command = get_command_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                        rich_markup_mode=None)
    else:
        command = get_group_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                      suggest_commands=app.suggest_commands,
                                      rich_markup_mode=None)
    _name_arguments_only(command)
    return command


def _summaries(pending: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, summary) of each command help lists, as Typer would give them, read without
    building the command."""
    import inspect

    from typer.main import solve_typer_info_defaults
    from typer.models import CommandInfo

    found = []
    for name, info in pending.items():
        if isinstance(info, CommandInfo):
            text = info.help if info.help is not None else inspect.getdoc(info.callback)
            if not info.hidden:
                found.append((name, summary(info.short_help, text)))
        else:
            solved = solve_typer_info_defaults(info)
            if not solved.hidden:
                found.append((name, summary(solved.short_help, solved.help)))
    return found


def _name_arguments_only(command: Any) -> None:
    """Help lists an argument by its name in capitals ("VOLUNTEERS", "PERSON", as the help
    texts write them), without a Python type after it ("<path>", "<list[str]>"): the help
    text says what the file is."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":
            param.display_type_rich = lambda ctx: None
            if param.metavar is None and param.name:
                param.metavar = param.name.upper()
            if param.required and param.nargs == 1:
                # Typer writes a required argument as "{PAIRS}" on the usage line; the
                # README and every example write "PAIRS", and braces mean nothing to a reader.
                param.get_usage_pieces = lambda ctx, param=param: [param.metavar]
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


_PENDING: dict[str, Any] = {}  # every command's Typer registration, by name, in help order


def _register() -> None:
    """Register every command module's commands, then hand them to ``LazyCommands``: the
    app keeps only its own options, so start-up builds no command it is not asked for."""
    from typer.main import get_command_name, solve_typer_info_defaults

    from .commands import after, documents, pairing, planning, setup, tracking

    for module in (setup, pairing, documents, tracking, planning):
        module.register(app)
    after.register(app)
    for command in app.registered_commands:
        _PENDING[command.name or get_command_name(getattr(command.callback, "__name__", ""))] = \
            command
    for group in app.registered_groups:
        _PENDING[str(solve_typer_info_defaults(group).name)] = group
    app.registered_commands.clear()
    app.registered_groups.clear()


_register()


def main() -> None:
    """The ``wessex`` console script."""
    app(prog_name="wessex")
