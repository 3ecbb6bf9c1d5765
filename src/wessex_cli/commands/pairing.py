"""``wessex pair``: the best pairs, the unpaired with reasons, and the pairs workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..console import out, print_json
from .common import JsonOption, SchemeOption, scheme_for

if TYPE_CHECKING:  # the core loads numpy and OR-Tools: imported only when pairing runs
    from ..pairing import Explanation, PairingResult


def pair(
    volunteers: Annotated[Path, typer.Argument(help="The volunteer workbook (.xlsx, .ods, .csv).",
                                               metavar="VOLUNTEERS")],
    output: Annotated[Path | None, typer.Option("-o", "--output", dir_okay=False,
                                                help="Pairs workbook to write (default: pairs.xlsx "
                                                     "beside the volunteer workbook).")] = None,
    keep: Annotated[Path | None, typer.Option("--keep", exists=True, dir_okay=False,
                                              help="Keep the pairs (and tracking) of this pairs "
                                                   "workbook; pair only the others.")] = None,
    lock: Annotated[list[str] | None, typer.Option("--lock", help='Force a pair: "A=B" (names or '
                                                   'e-mails). Repeat for more.')] = None,
    seed: Annotated[int | None, typer.Option(help="Tie-break seed (default: scheme.toml's, "
                                                  "else 2027).")] = None,
    why: Annotated[str | None, typer.Option("--why", help="Explain one person's pairing.")] = None,
    history: Annotated[list[Path] | None, typer.Option(
        "--history", exists=True, dir_okay=False, metavar="<file>",
        help="An earlier scheme's pairs workbook: nobody gets a partner they had before. "
             "Repeat for more years.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing pairs workbook "
                                                        "(a backup is kept).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run",
                                          help="Show the pairs; write nothing.")] = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """Pair the volunteers: the most pairs, then the best preferences, every rule kept.

    Example: wessex pair volunteers.xlsx --lock "Dr Amelia Ashworth=Oliver Pemberton"
    """
    from ..pairing import explain, pair_volunteers
    from ..pairs_workbook import carried_sheets, kept_pairs, write_pairs_workbook
    from ..roster import read_roster
    from ..safe_write import backup, guard_output, refuse_if_open, write_lock

    scheme = scheme_for(scheme_file, volunteers)
    roster = read_roster(volunteers, scheme)
    if history:
        from ..history import apply_history, read_history

        roster = apply_history(roster, read_history(history))
    target = output or volunteers.with_name("pairs.xlsx")
    kept = kept_pairs(keep) if keep else []
    result = pair_volunteers(roster, scheme, locks=lock or [], keep=kept, seed=seed)
    if why:
        _print_why(explain(result, roster, why))
        return
    saved = None
    if not dry_run:
        with write_lock(target):
            if keep is not None and target.resolve() == keep.resolve():
                refuse_if_open(target)  # its tracking data is carried over: safe to replace
                backup(target)
            else:
                guard_output(target, force, "pairs workbook")
            write_pairs_workbook(target, result, volunteers,
                                 carried_sheets(keep) if keep else None)
            saved = target
    if json:
        print_json(result.as_json())
        return
    _print_result(result)
    if saved:
        out.print(f"Wrote {escape(str(saved))} (sheets Pairs, Unpaired, Summary, Settings).")


def _print_result(result: PairingResult) -> None:
    scheme = result.scheme
    table = Table(title="Pairs", show_lines=False)
    table.add_column("Pair", no_wrap=True)
    table.add_column(scheme.sides[0].label)
    table.add_column(scheme.sides[1].label)
    table.add_column("Score", justify="right")
    table.add_column("Why", overflow="fold")
    for p in result.pairs:
        table.add_row(p.pair_id, escape(f"{p.a.name}\n{p.a.profession}, {p.a.organisation}"),
                      escape(f"{p.b.name}\n{p.b.profession}, {p.b.organisation}"),
                      str(p.score), escape("; ".join(p.reasons[:-1]) or "-"))
    out.print(table)
    if result.unpaired:
        lonely = Table(title="Unpaired")
        lonely.add_column("Name")
        lonely.add_column("Side")
        lonely.add_column("Reason", overflow="fold")
        for u in result.unpaired:
            lonely.add_row(escape(u.person.name), u.person.side, escape(u.reason))
        out.print(lonely)
    for dropped in result.dropped:
        out.print(f"[yellow]Pair {escape(dropped.pair_id)} was not kept: "
                  f"{escape(dropped.a_key)} or {escape(dropped.b_key)} has withdrawn or left the "
                  "list; the partner was paired again if possible.[/]")
    summary = result.summary()
    paired = summary["paired"]
    share = f"{100 * result.preference_met / paired:.0f}%" if paired else "-"
    out.print(f"{summary['pairs']} pairs, {paired} people paired, {summary['unpaired']} "
              f"unpaired; {result.preference_met} of {paired} paired people ({share}) have a "
              f"preference met; total score {result.score} (upper bound {result.upper_bound}).")


def _print_why(explanation: Explanation) -> None:
    person = explanation.person
    partners = ", ".join(explanation.partners) or "nobody"
    out.print(f"[bold]{escape(person.name)}[/] ({escape(person.profession)}, "
              f"{escape(person.organisation)}) is paired with {escape(partners)}.")
    if explanation.choices:
        out.print("Their choices:")
        for choice, state in explanation.choices:
            out.print(f"  {escape(choice)}: {escape(state)}")
    table = Table(title="Best eligible candidates")
    table.add_column("Candidate")
    table.add_column("Score", justify="right")
    table.add_column("Why", overflow="fold")
    for other, score, reasons in explanation.candidates:
        table.add_row(escape(other.name), str(score), escape("; ".join(reasons[:-1])))
    out.print(table)
    if explanation.excluded:
        out.print(f"{len(explanation.excluded)} excluded:")
        for other, rules in explanation.excluded:
            out.print(f"  {escape(other.name)}: " +
                      escape(", ".join(f"rule {r.value} ({r.short})" for r in rules)))


def register(app: typer.Typer) -> None:
    app.command()(pair)
