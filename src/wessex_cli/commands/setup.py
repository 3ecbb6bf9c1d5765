"""``wessex init`` and ``wessex check``: a starting workbook, and every problem in one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..console import escape, out, print_json
from ..text import plural
from .common import JsonOption, SchemeOption, existing_file, reading_progress, scheme_for
from .tables import Column, show_table

if TYPE_CHECKING:
    from ..check import CheckReport
    from ..scheme import Scheme


def init(
    folder: Annotated[Path, typer.Argument(help="Folder to set up (created if missing).",
                                           file_okay=False)] = Path("."),
    scheme_file: SchemeOption = None,
    last_year: Annotated[Path | None, typer.Option(
        "--from", dir_okay=False, callback=existing_file, metavar="OLD-PAIRS.xlsx",
        help="Last year's pairs workbook: carry everyone forward, with last year's record "
             "(partner, visits, any withdrawal) in their Notes, and list it in scheme.toml so "
             "that 'pair' keeps those partners apart.")] = None,
) -> None:
    """Write a commented scheme.toml and an empty volunteers.xlsx, never overwriting anything.

    \b
    Examples:
      wessex init exchange-2027
      wessex init exchange-2028 --from pairs-2027.xlsx
    """
    from ..starter import write_starter

    scheme = scheme_for(scheme_file, last_year)  # last year's scheme.toml, if beside it
    carried, source = None, None
    history: list[Path] = []  # the earlier years' pairs workbooks, for the new scheme.toml
    gone: list[str] = []  # those last year's record names that are not there now
    if last_year is not None:
        from ..history import carry_forward, earlier_years, last_years_volunteers

        # read before anything is written: the pairs, and the volunteer workbook behind them
        source, volunteers = last_years_volunteers(last_year, scheme)
        carried = carry_forward(last_year, volunteers)
        history, gone = earlier_years(last_year)
    written = write_starter(folder, scheme, history)
    if carried is not None:
        from ..history import write_carried

        write_carried(written[1], carried, scheme)
    for path in written:
        out.print(f"Wrote {escape(str(path))}")
    if scheme.source is not None:  # not the commented default: say whose settings these are
        speaker = " and guest speaker" if scheme.celebration.speaker else ""
        out.print(f"{escape(str(written[0]))} is a copy of {escape(str(scheme.source))}, its "
                  f"dates{speaker} left for you to set.")
    if carried is not None and last_year is not None:
        # the Notes as history.carry_forward writes them, under the person's own note
        out.print(f"Carried forward {len(carried)} people from {escape(str(last_year))}, "
                  "their Status cells left blank (taking part), and in their Notes, after "
                  "any note of their own, last year's record: whom they were paired with, if "
                  "anyone, which visits were recorded as done, the pair's notes and any "
                  "withdrawal. Ask them again for their days and choices. Delete the row of "
                  "anyone not taking part this year, or write 'withdrawn' in their Status "
                  "cell, before the preferences request goes out: it thanks everyone listed "
                  "for volunteering.")
        earlier = "earlier year" if len(history) == 2 else \
            f"{len(history) - 1} earlier years"
        before = f" (and the {earlier} it was paired apart from)" if len(history) > 1 else ""
        out.print(f"{escape(str(written[0]))} lists {escape(str(last_year))}{before} under "
                  f"{escape('[pairing]')} history, so 'wessex pair' never pairs anyone with a "
                  "partner they had then.")
        if gone:  # a year whose partners could meet again: said, never dropped quietly
            out.print(f"[yellow]Note:[/] {escape(str(last_year))} was also paired apart from "
                      f"{escape(', '.join(gone))} (as its Settings sheet says, from its "
                      f"folder), which {'is' if len(gone) == 1 else 'are'} not there now, so "
                      "the new scheme.toml does not list "
                      f"{'it' if len(gone) == 1 else 'them'}: add the path under "
                      f"{escape('[pairing]')} history if that year's partners are to be kept "
                      "apart too.")
        if source is not None:
            out.print(f"Cluster, Registered practice, Avoid and Capacity came from "
                      f"{escape(str(source))}, last year's volunteer workbook: check them.")
        else:
            out.print("[yellow]Note:[/] last year's volunteer workbook is not beside "
                      f"{escape(str(last_year))}, so Cluster, Registered practice, Avoid and "
                      "Capacity are blank: copy them from it, or everyone's Avoid is lost.")
        _copy_templates(last_year.parent, folder)
        import re

        if re.search(r"\b20\d\d\b", scheme.name):  # every letter would carry last year's
            out.print(f"[yellow]Note:[/] the new scheme.toml keeps last year's name "
                      f"'{escape(scheme.name)}': change it before any letter goes out.")
    out.print("Next: fill in the Volunteers sheet, then run "
              f"'wessex check {escape(str(written[1]))}'.")


def _copy_templates(last_year: Path, folder: Path) -> None:
    """Last year's own wording (templates/ beside last year's workbook) into the new
    folder, never over a templates folder already there."""
    import shutil

    from ..safe_write import real_path

    old, new = last_year / "templates", folder / "templates"
    if not old.is_dir() or new.exists() or real_path(old) == real_path(new):
        return
    shutil.copytree(old, new)
    out.print(f"Copied your own templates from {escape(str(old))} to {escape(str(new))}.")


def check(
    volunteers: Annotated[Path, typer.Argument(help="The volunteer workbook (.xlsx, .ods, .csv).")],
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """List every problem in the volunteer workbook with its cell, then a summary per side.

    Exits 1 if there is any error (warnings alone exit 0).

    \b
    Example:
      wessex check volunteers.xlsx
    """
    from ..check import check_file

    scheme = scheme_for(scheme_file, volunteers)
    with reading_progress(volunteers, quiet=json) as progress:
        report = check_file(volunteers, scheme, progress)
    if json:
        print_json(report.as_json())
    else:
        _print_check(report, volunteers, scheme)
    if report.errors:
        raise typer.Exit(1)


# Problems listed in the terminal: past a thousand, the fix is a systematic one (a column
# pasted wrongly), and a table of two hundred thousand took a minute and 1.5 GB to print
PROBLEMS_SHOWN = 1_000


def _print_check(report: CheckReport, path: Path, scheme: Scheme) -> None:
    import shlex

    from rich.text import Text

    name = path.name

    if report.problems:
        shown = report.problems[:PROBLEMS_SHOWN]
        show_table(f"Problems in {name}", [Column("Level"), Column("Cell"),
                                           Column("Problem and fix")],
                   [[Text("error", "red") if p.severity == "error" else
                     Text("warning", "yellow"), p.cell or "-", p.text]
                    for p in shown], heading_columns=2)
        if len(report.problems) > len(shown):
            more = len(report.problems) - len(shown)
            out.print(f"... and {more:,} more problem{'' if more == 1 else 's'} "
                      "(errors first, then warnings): "
                      f"wessex check {escape(shlex.quote(str(path)))} --json lists them all.")
    else:
        out.print(Text(f"No problems found in {name}.", "green"))
    with_errors = any(counts["with_errors"] for counts in report.sides.values())
    headers = ["Side", "People", "Active", "Places (capacity)"]
    if with_errors:
        headers.append("With errors")
    show_table("Volunteers per side", [Column(h, right=h != "Side") for h in headers],
               [[scheme.side_label(side), str(counts["people"]), str(counts["active"]),
                 str(counts["capacity"]),
                 *([str(counts["with_errors"])] if with_errors else [])]
                for side, counts in report.sides.items()])
    if with_errors:
        out.print("People with errors are counted above but left out of the pairing until "
                  "their rows are fixed.")
    out.print(f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}.")


def register(app: typer.Typer) -> None:
    """Add ``wessex init`` and ``wessex check`` to ``app``."""
    app.command()(init)
    app.command()(check)
