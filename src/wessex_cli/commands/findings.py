"""``wessex findings``: the celebration tables' collection workbook, and the action plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..console import Table, escape, out, print_json
from .common import JsonOption

if TYPE_CHECKING:
    from ..findings import ActionPlan


def findings(
    tables: Annotated[list[str], typer.Argument(help="Filled-in findings workbooks, or "
                                                     "'template' to write an empty one.",
                                                metavar="TABLES...|template")],
    output: Annotated[Path | None, typer.Option("-o", "--output", dir_okay=False,
                                                help="With 'template': the workbook to write "
                                                     "(default tables.xlsx).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    json: JsonOption = False,
) -> None:
    """The action plan from the celebration tables' findings, grouped by lead.

    'wessex findings template' writes the collection workbook (Actions and SWOT sheets
    with drop-down lists); give the filled-in workbooks back to read the plan.

    Example: wessex findings template -o tables.xlsx   |   wessex findings table1.xlsx table2.xlsx
    """
    from ..findings import read_findings, write_template
    from ..safe_write import guard_output

    if tables == ["template"] and not Path("template").exists():
        target = output or Path("tables.xlsx")
        guard_output(target, force, "file")
        write_template(target)
        out.print(f"Wrote the findings workbook {escape(str(target))} (sheets Actions, SWOT, "
                  "Instructions).")
        return
    plan = read_findings([Path(t) for t in tables])
    if json:
        print_json(plan.as_json())
        return
    print_plan(plan)


def print_plan(plan: ActionPlan) -> None:
    from ..findings import SWOT_PLURAL

    table = Table(title="Action plan")
    table.add_column("Lead")
    table.add_column("Action", overflow="fold")
    table.add_column("By when", no_wrap=True)
    table.add_column("Confidence")
    table.add_column("Table", justify="right")
    for lead, actions in plan.groups():
        for n, action in enumerate(actions):
            table.add_row(escape(lead) if n == 0 else "", escape(action.action),
                          escape(action.due_text or "no date set"),
                          escape(action.confidence or "-"), escape(action.table or "-"))
    out.print(table)
    for heading, points in plan.swot_by_heading().items():
        if points:
            out.print(f"[bold]{SWOT_PLURAL[heading]}[/]")
            for point in points:
                out.print(f"  - {escape(point.point)}")
    out.print(f"{len(plan.actions)} action(s) from {len(plan.files)} workbook(s); "
              f"{len(plan.without_lead)} with no lead, {len(plan.without_date)} with no date.")
    for warning in plan.warnings:
        out.print(f"[yellow]Warning:[/] {escape(warning)}")


def register(app: typer.Typer) -> None:
    app.command()(findings)
