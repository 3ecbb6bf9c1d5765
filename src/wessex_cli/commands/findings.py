"""``wessex findings``: the celebration tables' collection workbook, and the action plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..console import escape, out, print_json
from ..text import plural
from .common import JsonOption, write_blank_workbook
from .tables import Column, show_table

if TYPE_CHECKING:
    from ..findings import ActionPlan


def findings(
    tables: Annotated[list[str], typer.Argument(help="Filled-in findings workbooks, or "
                                                     "'template' to write an empty one.",
                                                metavar="TABLES...|template")],
    output: Annotated[Path | None, typer.Option("-o", "--output", dir_okay=False, metavar="FILE",
                                                help="With 'template': the workbook to write "
                                                     "(default tables.xlsx).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    json: JsonOption = False,
) -> None:
    """The action plan from the celebration tables' findings, grouped by lead.

    'wessex findings template' writes the collection workbook (Actions and SWOT sheets
    with drop-down lists); give the filled-in workbooks back to read the plan.

    \b
    Examples:
      wessex findings template -o tables.xlsx
      wessex findings table1.xlsx table2.xlsx
    """
    from ..errors import WessexError
    from ..findings import read_findings, write_template
    if tables[0] == "template" and not Path("template").exists():
        if len(tables) > 1:
            raise WessexError(f"'wessex findings template' writes one workbook and takes no "
                              f"file ({' '.join(tables[1:])}).",
                              "Name the workbook with -o, e.g. "
                              "'wessex findings template -o tables.xlsx'.")
        target = output or Path("tables.xlsx")
        if target.suffix.lower() != ".xlsx":
            raise WessexError(f"-o {target.name}: the findings workbook is an Excel workbook.",
                              "Name it with .xlsx, e.g. tables.xlsx.")
        write_blank_workbook(target, force, json, write_template,
                             f"the findings workbook {target} (sheets Actions, SWOT, "
                             "Instructions)")
        return
    plan = read_findings([Path(t) for t in tables])
    if json:
        print_json(plan.as_json())
        return
    print_plan(plan)


def print_plan(plan: ActionPlan) -> None:
    """Print the action plan grouped by lead, then the SWOT points, for the terminal."""
    from ..findings import SWOT_PLURAL
    from ..wording import day_month_year

    if not plan.actions:
        out.print("No actions were found in the Actions sheet: is this the blank template, or "
                  "did the table write its actions somewhere else?")
    else:
        show_table("Action plan", [Column("Lead"), Column("Action"), Column("By when"),
                                   Column("Confidence"), Column("Table", right=True)],
                   [[lead if n == 0 else "", action.action,
                     day_month_year(action.due) if action.due else action.due_text or "no date set",
                     action.confidence or "-", action.table or "-"]
                    for lead, actions in plan.groups() for n, action in enumerate(actions)])
    for heading, points in plan.swot_by_heading().items():
        if points:
            out.print(f"[bold]{SWOT_PLURAL[heading]}[/]")
            for point in points:
                out.print(f"  - {escape(point.point)}")
    out.print(f"{plural(len(plan.actions), 'action')} from {plural(len(plan.files), 'workbook')}; "
              f"{len(plan.without_lead)} with no lead, {len(plan.without_date)} with no date.")
    for warning in plan.warnings:
        out.print(f"[yellow]Warning:[/] {escape(warning)}")


def register(app: typer.Typer) -> None:
    """Add ``wessex findings`` to ``app``."""
    app.command()(findings)
