"""``wessex pair``: the best pairs, the unpaired with reasons, and the pairs workbook."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..console import Table, escape, out, print_json
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
        "--history", exists=True, dir_okay=False,
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
    from ..console import err
    from ..dates import today
    from ..pairing import explain, pair_volunteers
    from ..pairs_workbook import (
        kept_pairs,
        leave_out_withdrawn,
        read_withdrawals,
        write_pairs_workbook,
    )
    from ..record import carry_pairing, edit_workbook
    from ..roster import read_roster
    from ..safe_write import guard_output, real_path, write_lock

    scheme = scheme_for(scheme_file, volunteers)
    roster = read_roster(volunteers, scheme)
    if history:
        from ..history import apply_history, read_history

        roster = apply_history(roster, read_history(history))
    target = output or volunteers.with_name("pairs.xlsx")
    in_place = keep is not None and real_path(target) == real_path(keep)
    notes: list[str] = []
    saved = None
    writing = not (dry_run or why)
    if writing and not in_place:
        guard_output(target, force, "pairs workbook")  # with --force: backed up first
    # A kept workbook is read under its lock, so no 'wessex visit' can slip in between
    # reading its tracking data and saving the new pairs; it is then changed, not rebuilt.
    editing = edit_workbook(keep, save_to=None if in_place else target, keep_backup=in_place) \
        if keep is not None and writing else None
    with editing if editing is not None else write_lock(target) if writing else _no_lock() \
            as book:
        kept, retired, apart = [], [], []
        if keep is not None:
            kept = kept_pairs(keep)
            withdrawals = read_withdrawals(keep)
            retired = [w.pair_id for w in withdrawals if w.pair_id]
            apart = [(w.key, w.partner_key) for w in withdrawals
                     if not w.whole_scheme and w.key and w.partner_key]
            roster, notes = leave_out_withdrawn(roster, withdrawals, keep)
        result = pair_volunteers(roster, scheme, locks=lock or [], keep=kept, seed=seed,
                                 retired_ids=retired, apart=apart)
        if why:
            _print_why(explain(result, roster, why))
            return
        if writing and book is not None:
            with tempfile.TemporaryDirectory() as work:
                fresh = Path(work) / "pairs.xlsx"
                write_pairs_workbook(fresh, result, volunteers)
                carry_pairing(book, fresh, roster, today())
            saved = target
        elif writing:
            write_pairs_workbook(target, result, volunteers)
            saved = target
    notes += result.released
    if json:
        for text in notes:
            err.print(f"[yellow]Note:[/] {escape(text)}")
        print_json(result.as_json())
        return
    _print_result(result)
    for text in notes:
        out.print(f"[yellow]{escape(text)}[/]")
    if saved and keep is not None:
        kept_count = sum(p.how == "kept" for p in result.pairs)
        out.print(f"Updated {escape(str(saved))}: {kept_count} pair(s) kept as they were, "
                  f"{len(result.pairs) - kept_count} new"
                  f"{'; the previous version is in backups/' if in_place else ''}.")
    elif saved:
        out.print(f"Wrote {escape(str(saved))} (sheets Pairs, Unpaired, Summary, Settings).")


@contextlib.contextmanager
def _no_lock() -> Iterator[Any]:
    yield None


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
    if explanation.unpaired_reason:
        out.print(f"Why unpaired: {escape(explanation.unpaired_reason)}")
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
