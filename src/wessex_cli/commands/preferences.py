"""``wessex preferences import``: the preferences survey's answers into the volunteer workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..console import escape, out, print_json
from ..text import plural
from .common import JsonOption, SchemeOption, WholeSummaryGroup, existing_file, scheme_for
from .tables import Column, show_table

if TYPE_CHECKING:
    from rich.text import Text

preferences_app = typer.Typer(cls=WholeSummaryGroup,
                              help="Bring the preferences survey's answers into the volunteer "
                                   "workbook.", no_args_is_help=True, rich_markup_mode=None)


@preferences_app.command("import")
def import_command(
    responses: Annotated[Path, typer.Argument(help="The survey export (.xlsx, .ods or .csv) from "
                                                   "Microsoft Forms or Google Forms.",
                                              dir_okay=False, callback=existing_file)],
    into: Annotated[Path, typer.Option("--into", dir_okay=False, callback=existing_file,
                                       metavar="VOLUNTEERS",
                                       help="The volunteer workbook (.xlsx) to fill in.")],
    force: Annotated[bool, typer.Option("--force", help="Replace values already typed in the "
                                                        "workbook (a backup is kept).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write "
                                                            "nothing.")] = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """Write each respondent's three choices, days and adjustments into the volunteer workbook.

    Respondents are matched by e-mail, then by name. A value already in the workbook is kept
    unless --force is given. Lists who answered, who did not, and what could not be resolved.

    \b
    Example:
      wessex preferences import forms.xlsx --into roster.xlsx
    """
    from ..preferences_import import import_preferences

    scheme = scheme_for(scheme_file, into)
    result = import_preferences(responses, into, scheme, force=force, dry_run=dry_run)
    if json:
        data = result.as_json()
        if result.saved:  # the copy kept of the workbook before it was written
            from ..safe_write import backups_shown

            data["backups"] = backups_shown([into], [result.backup])
        print_json(data)
        return
    if result.changes:
        rows: list[list[str | Text]] = []
        for change in result.changes:
            state = {"written": "would be written" if dry_run else "written",
                     "overwritten": f"{'would replace' if dry_run else 'replaced'} "
                                    f"'{change.old}'",
                     "kept": f"kept '{change.old}' (use --force to replace)",
                     "not written": "not written (see below)"}[change.status]
            rows.append([change.person, change.cell, change.column, change.new, state])
        show_table("Answers" + (" (not written: --dry-run)" if dry_run else ""),
                   [Column(c) for c in ("Person", "Cell", "Column", "Answer", "State")], rows)
    if result.unresolved:
        out.print("[yellow]Could not be resolved:[/]")
        for person, cell, why in result.unresolved:
            out.print(f"  {escape(person)} ({escape(cell)}): {escape(why)}")
    if result.unknown:
        out.print("[yellow]Responses that match no volunteer (add them to the workbook, or "
                  "check the e-mail):[/]")
        for who in result.unknown:
            out.print(f"  {escape(who)}")
    for note in result.duplicates:
        out.print(f"[yellow]Note:[/] {escape(note)}")
    if result.not_answered:
        out.print(f"Not answered yet ({len(result.not_answered)}): " + escape(
            "; ".join(f"{name} <{email}>" for name, email in result.not_answered)))
    written = len(result.written) if not dry_run else 0
    wrote = (f"{plural(len(result.written), 'cell')} would be written (--dry-run: nothing "
             "was)" if dry_run else f"{plural(written, 'cell')} written")
    out.print(f"{len(result.answered)} answered, {len(result.not_answered)} not yet, "
              f"{len(result.unknown)} unmatched; {wrote}, "
              f"{len(result.kept)} kept as typed.")
    if written:
        from ..safe_write import shown_backup

        kept = f"; the previous version is kept as {shown_backup(result.backup, into)}" \
            if result.backup else ""
        out.print(escape(f"Updated {into}{kept}."))


def register(app: typer.Typer) -> None:
    """Add the ``wessex preferences`` group to ``app``."""
    app.add_typer(preferences_app, name="preferences")
