"""``wessex init`` and ``wessex check``: a starting workbook, and every problem in one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..console import Table, escape, out, print_json
from .common import JsonOption, SchemeOption, scheme_for


def init(
    folder: Annotated[Path, typer.Argument(help="Folder to set up (created if missing).",
                                           file_okay=False)] = Path("."),
    scheme_file: SchemeOption = None,
    last_year: Annotated[Path | None, typer.Option(
        "--from", exists=True, dir_okay=False,
        help="Last year's pairs workbook: carry everyone forward, with last year's partner "
             "noted.")] = None,
) -> None:
    """Write a commented scheme.toml and an empty volunteers.xlsx, never overwriting anything.

    Example: wessex init exchange-2027   |   wessex init exchange-2028 --from pairs-2027.xlsx
    """
    from ..starter import write_starter

    scheme = scheme_for(scheme_file, last_year)  # last year's scheme.toml, if beside it
    carried = None
    if last_year is not None:
        from ..history import carry_forward

        carried = carry_forward(last_year)  # read before anything is written
    written = write_starter(folder, scheme)
    if carried is not None:
        from ..history import write_carried

        write_carried(written[1], carried, scheme.side_keys)
    for path in written:
        out.print(f"Wrote {escape(str(path))}")
    if carried is not None:
        out.print(f"Carried forward {len(carried)} people from {escape(str(last_year))}, "
                  "status reset, last year's partner in Notes. Ask them again for their days "
                  "and choices; run 'wessex pair ... --history' with last year's pairs workbook "
                  "so nobody meets the same partner.")
    out.print("Next: fill in the Volunteers sheet, then run "
              f"'wessex check {escape(str(written[1]))}'.")


def check(
    volunteers: Annotated[Path, typer.Argument(help="The volunteer workbook (.xlsx, .ods, .csv).")],
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """List every problem in the volunteer workbook with its cell, then a summary per side.

    Exits 1 if there is any error (warnings alone exit 0).

    Example: wessex check volunteers.xlsx
    """
    from ..check import check_file

    scheme = scheme_for(scheme_file, volunteers)
    report = check_file(volunteers, scheme)
    if json:
        print_json(report.as_json())
    else:
        if report.problems:
            table = Table(title=f"Problems in {escape(volunteers.name)}", expand=False)
            table.add_column("", no_wrap=True)
            table.add_column("Cell", no_wrap=True)
            table.add_column("Problem and fix", overflow="fold")
            for problem in report.problems:
                mark = "[red]error[/]" if problem.severity == "error" else "[yellow]warning[/]"
                table.add_row(mark, escape(problem.cell or "-"), escape(problem.text))
            out.print(table)
        else:
            out.print(f"[green]No problems found in {escape(volunteers.name)}.[/]")
        summary = Table(title="Volunteers per side")
        for column in ("Side", "People", "Active", "Places (capacity)"):
            summary.add_column(column, justify="left" if column == "Side" else "right")
        for side, counts in report.sides.items():
            summary.add_row(side, str(counts["people"]), str(counts["active"]),
                            str(counts["capacity"]))
        out.print(summary)
        out.print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s).")
    if report.errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(check)
