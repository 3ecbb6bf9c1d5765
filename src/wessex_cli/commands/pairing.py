"""``wessex pair``: the best pairs, the unpaired with reasons, and the pairs workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..console import cell, escape, out, print_json, progress
from ..safe_write import backups_shown, replaced_said, shown_backup
from ..text import percent, plural
from .common import (
    JsonOption,
    SchemeOption,
    existing_file,
    reading_progress,
    require_suffix,
    scheme_for,
)
from .tables import Column, show_table

if TYPE_CHECKING:  # the core loads numpy and OR-Tools: imported only when pairing runs

    from ..pairing import Explanation, PairingResult


def _locks_well_formed(locks: list[str] | None) -> list[str] | None:
    """A --lock that is not "A=B" is a usage error (exit 2), found before anything is read."""
    from ..errors import PairingError
    from ..pairing import parse_lock

    for text in locks or []:
        try:
            parse_lock(text)
        except PairingError as error:
            raise typer.BadParameter(f"{error.message} {error.hint}") from None
    return locks


def pair(
    volunteers: Annotated[Path, typer.Argument(help="The volunteer workbook (.xlsx, .ods, .csv).",
                                               metavar="VOLUNTEERS")],
    output: Annotated[Path | None, typer.Option("-o", "--output", dir_okay=False,
                                                metavar="PAIRS.xlsx",
                                                help="Pairs workbook to write (default: the "
                                                     "--keep workbook, changed in place; else "
                                                     "pairs.xlsx beside the volunteer "
                                                     "workbook).")] = None,
    keep: Annotated[Path | None, typer.Option("--keep", dir_okay=False, callback=existing_file,
                                              metavar="PAIRS.xlsx",
                                              help="Keep the pairs (and tracking) of this pairs "
                                                   "workbook; pair only the others.")] = None,
    lock: Annotated[list[str] | None, typer.Option("--lock", metavar='"A=B"',
                                                   callback=_locks_well_formed,
                                                   help='Force a pair: "A=B" (names or '
                                                   'e-mails). Repeat for more.')] = None,
    seed: Annotated[int | None, typer.Option(metavar="N", help="Tie-break seed (default: "
                                                               "scheme.toml's, else 2027).")]
    = None,
    why: Annotated[str | None, typer.Option("--why", metavar="NAME",
                                            help="Explain one person's pairing.")] = None,
    history: Annotated[list[Path] | None, typer.Option(
        "--history", dir_okay=False, callback=existing_file, metavar="OLD-PAIRS.xlsx",
        help="An earlier scheme's pairs workbook: nobody gets a partner they had before. "
             "Repeat for more years; those scheme.toml lists under [pairing] history are "
             "read as well.")] = None,
    skip_errors: Annotated[bool, typer.Option(
        "--skip-errors", help="Leave out the people whose rows have an error, pair everyone "
                              "else, and list who was left out and why.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing pairs workbook "
                                                        "(a backup is kept); with --keep, pair "
                                                        "again although rows of pairs were "
                                                        "deleted by hand.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run",
                                          help="Show the pairs; write nothing.")] = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """Pair the volunteers: the most pairs, then the best preferences, every rule kept.

    \b
    Examples:
      wessex pair volunteers.xlsx
      wessex pair volunteers.xlsx --lock "Wilf Umeh=Leon Ince"
    """
    from ..pairing_run import NoteKind, PairingRequest, run_pairing

    require_suffix(output, (".xlsx",), "the pairs workbook")
    request = PairingRequest(volunteers, scheme_for(scheme_file, volunteers), output, keep,
                             lock or [], seed, history or [], skip_errors, force, dry_run, why)
    with reading_progress(volunteers, quiet=json) as report:
        run = run_pairing(request, report, lambda active: progress(
            f"Pairing {active:,} volunteers", None, quiet=json or active < PROGRESS_FROM))
    if run.explanation is not None:
        # without --keep a pairing is made afresh: beside a pairs workbook already written
        # (a withdrawal or a row changed since), its partner need not be that workbook's
        written = request.target if keep is None and request.target.is_file() else None
        if json:
            if written is not None:
                from ..console import err

                err.print(f"[yellow]Note:[/] {escape(_fresh_note(volunteers, written))}")
            print_json(_why_json(run.explanation))
        else:
            _print_why(run.explanation, volunteers if written is not None else None)
            if written is not None:
                out.print(f"[yellow]{escape(_fresh_note(volunteers, written))}[/]")
        return
    result, notes, left_out, saved = run.result, run.notes, run.left_out, run.saved
    # the copy kept of the file this run wrote over: --keep's workbook, or the -o file
    copy = run.backup if run.in_place else run.replaced
    if json:
        from ..console import err

        for note in notes:  # a warning says so itself, not "Note: Warning:"
            said = "" if note.kind is NoteKind.WARNING else "[yellow]Note:[/] "
            err.print(f"{said}{escape(str(note))}")
        data = result.as_json()
        if skip_errors:
            data["left_out"] = [person.as_json() for person in left_out]
        if keep is not None:  # only --keep warns: a kept pair breaking a rule, a pair moved
            data["warnings"] = [note.text for note in notes if note.kind is NoteKind.WARNING]
        if saved is not None:
            data["backups"] = backups_shown([saved], [copy])
        print_json(data)
        return
    # the way back to the workbook --keep changed in place: its backup, named
    undo = f"copy {shown_backup(run.backup, keep)} back over {keep.name}" \
        if run.backup is not None and keep is not None else ""
    _print_result(result, undo)
    for note in notes:
        out.print(f"[yellow]{escape(str(note))}[/]")
    if left_out:
        show_table("Left out: their rows have errors",
                   [Column("Name"), Column("Row", right=True), Column("Why")],
                   [[person.name, str(person.row), " ".join(person.reasons)]
                    for person in left_out])
        out.print(f"{len(left_out)} left out; fix their rows, then run 'wessex pair "
                  f"{cell(str(volunteers))} --keep {cell(str(request.target))}' again.")
    if dry_run:
        out.print(_dry_run_summary(result, keep))
    if saved and keep is not None and run.unchanged:
        out.print(f"{cell(saved)} already says all this: {plural(len(result.pairs), 'pair')} "
                  "kept as they were, nothing new; it was left as it was, with no new backup.")
    elif saved and keep is not None:
        kept_count = sum(p.carried for p in result.pairs)
        stands = "it stands" if len(result.held) == 1 else "they stand"
        held = f", {len(result.held)} held as {stands}" if result.held else ""
        backups = f"; the previous version is kept as {cell(shown_backup(copy, saved))}" \
            if copy is not None else ""
        moved = f", {len(result.dropped)} moved to the Withdrawn sheet" if result.dropped else ""
        # kept with what was typed in their rows; what wessex rewrote there is said above
        counts = f"{held}, {len(result.pairs) - kept_count} new{moved}"
        if Path(saved).resolve() == keep.resolve():
            out.print(f"Updated {cell(saved)}: {plural(kept_count, 'pair')} kept with their "
                      f"visits and notes{counts}{backups}.")
        else:  # -o: another file written, the one kept from read and left alone
            replaced = f"; the earlier {cell(saved)} is kept as {cell(shown_backup(copy, saved))}" \
                if copy is not None else ""
            out.print(f"Wrote {cell(saved)}: {plural(kept_count, 'pair')} kept from "
                      f"{cell(keep)} with their visits and notes{counts}; {cell(keep)} was "
                      f"left as it was{replaced}.")
    elif saved:
        out.print(cell(f"Wrote {saved} (sheets Pairs, Unpaired, Summary, Settings). "
                       f"{replaced_said([saved], [copy])}".rstrip()))


def _dry_run_summary(result: PairingResult, keep: Path | None) -> str:
    """What a dry run would have done: with --keep, the pairs the real run would keep, add
    and move to the Withdrawn sheet, by ID (by row for one typed in without); else that
    nothing was written."""
    from ..pairing import dropped_key

    if keep is None:
        return "Dry run: nothing was written."
    kept = [p for p in result.pairs if p.carried]
    new = [p.pair_id for p in result.pairs if not p.carried]
    moved = [dropped_key(p) for p in result.dropped]

    def listed(ids: list[str]) -> str:
        return f" ({', '.join(ids[:10])}{', ...' if len(ids) > 10 else ''})" if ids else ""

    stands = "it stands" if len(result.held) == 1 else "they stand"
    held = f", hold {len(result.held)} as {stands}" if result.held else ""
    return (f"Dry run: {cell(str(keep))} was not changed. The real run would keep "
            f"{plural(len(kept), 'pair')} with their visits and notes{held}, add {len(new)} "
            f"new{listed(new)} and move {len(moved)} to the Withdrawn sheet{listed(moved)}.")


# Below this many volunteers the solver answers in well under a second: no spinner.
PROGRESS_FROM = 1000


def _print_result(result: PairingResult, undo: str = "") -> None:
    """The pairs and the unpaired, each pair not kept and what became of its people (with
    ``undo``, the way back to the workbook as it was, for a row deleted by mistake), and
    the totals."""
    from rich.text import Text

    from ..pairing import HELD_LEFT_OUT, after_dropped, dropped_key
    from ..scheme import PAIR_COLUMNS

    scheme = result.scheme
    pair, score, why = PAIR_COLUMNS  # no side is labelled as one (scheme.toml refuses it)
    show_table("Pairs", [Column(pair), Column(scheme.sides[0].label),
                         Column(scheme.sides[1].label), Column(score, right=True),
                         Column(why)],
               [[p.pair_id, f"{p.a.name}\n{p.a.profession}, {p.a.organisation}",
                 f"{p.b.name}\n{p.b.profession}, {p.b.organisation}", str(p.score),
                 "; ".join(p.reasons[:-1]) or "-"] for p in result.pairs])
    if result.unpaired or result.left_out:  # as the Unpaired sheet lists them
        show_table("Unpaired", [Column("Name"), Column("Side"), Column("Reason")],
                   [[u.person.name, scheme.side_label(u.person.side), u.reason]
                    for u in result.unpaired] +
                   [[p.name, scheme.side_label(p.side) if p.side else "",
                     f"left out by --skip-errors: row {p.row} has an error (below)"]
                    for p in result.left_out])
    for dropped in result.dropped:
        # a pair typed in by hand may have no ID: its row says which it is
        which = f"Pair {dropped.pair_id}" if dropped.pair_id else \
            f"The pair in row {dropped.row} of the Pairs sheet, with no ID,"
        why = result.dropped_why.get(dropped_key(dropped), "someone has withdrawn")
        out.print(Text(f"{which} was not kept: {why}. "
                       f"{after_dropped(result, dropped, undo)}".rstrip(), "yellow"))
    summary = result.summary()
    paired = summary["paired"]
    # preferences are known only for the pairs of this run, not for those held as they stand
    scored = len({key for p in result.pairs for key in (p.a.key, p.b.key)})
    share = percent(result.preference_met, scored)
    held = f" {HELD_LEFT_OUT}" if result.held else ""
    out.print(f"{plural(summary['pairs'], 'pair')}, {paired} "
              f"{'person' if paired == 1 else 'people'} paired, {summary['unpaired']} "
              f"unpaired; {result.preference_met} of {scored} paired "
              f"{'person' if scored == 1 else 'people'} ({share}) "
              f"{'has' if result.preference_met == 1 else 'have'} a preference met{held}; total "
              f"score {result.score} (upper bound {result.upper_bound}).")


def _why_json(explanation: Explanation) -> dict[str, Any]:
    person = explanation.person
    return {
        "person": {"name": person.name, "email": person.email, "side": person.side,
                   "profession": person.profession, "organisation": person.organisation},
        "partners": [{"name": name, "email": email} for name, email in
                     zip(explanation.partners, explanation.partner_emails, strict=True)],
        "choices": [{"choice": choice, "state": state}
                    for choice, state in explanation.choices],
        "candidates": [{"name": other.name, "email": other.email, "score": score,
                        "reasons": reasons[:-1]}
                       for other, score, reasons in explanation.candidates],
        "excluded": [{"name": other.name, "email": other.email,
                      "rules": [{"rule": r.value, "name": r.short} for r in rules]}
                     for other, rules in explanation.excluded],
    }


def _fresh_note(volunteers: Path, written: Path) -> str:
    """What '--why' without --keep explains, said when a pairs workbook is already written."""
    return (f"This explains a fresh pairing of {volunteers.name}, not the pairs in "
            f"{written.name}, which may differ: add --keep {written} to explain the pairs "
            "written there.")


def _print_why(explanation: Explanation, fresh: Path | None = None) -> None:
    """One person's pairing explained; ``fresh``: the volunteer workbook paired afresh for
    it, beside a pairs workbook already written, whose partner may be another."""
    person = explanation.person
    partners = ", ".join(explanation.partners) or "nobody"
    paired = f"would be paired with {cell(partners)} in a fresh pairing of " \
        f"{cell(fresh.name)}" if fresh is not None else f"is paired with {cell(partners)}"
    out.print(f"[bold]{cell(person.name)}[/] ({cell(person.profession)}, "
              f"{cell(person.organisation)}) {paired}.")
    if explanation.unpaired_reason:
        out.print(f"Why unpaired: {cell(explanation.unpaired_reason)}")
    if explanation.choices:
        out.print("Their choices:")
        for choice, state in explanation.choices:
            out.print(f"  {cell(choice)}: {cell(state)}")
    show_table("Best eligible candidates",
               [Column("Candidate"), Column("Score", right=True), Column("Why")],
               [[other.name, str(score), "; ".join(reasons[:-1])]
                for other, score, reasons in explanation.candidates])
    if explanation.excluded:
        out.print(f"{len(explanation.excluded)} excluded:")
        for other, rules in explanation.excluded:
            out.print(f"  {cell(other.name)}: " +
                      cell(", ".join(f"rule {r.value} ({r.short})" for r in rules)))


def register(app: typer.Typer) -> None:
    """Add ``wessex pair`` to ``app``."""
    app.command()(pair)
