"""``wessex status``, ``visit``, ``remind`` and ``withdraw``: the three months of visits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..console import escape, out, print_json, warn
from ..text import and_list, first_capital, percent, plural
from .common import AllowPlaceholdersOption, JsonOption, SchemeOption, existing_file, scheme_for
from .tables import Column, show_table

if TYPE_CHECKING:
    from rich.text import Text

    from ..model import PairRecord
    from ..scheme import Scheme

PairsArgument = Annotated[Path, typer.Argument(help="The pairs workbook (pairs.xlsx).",
                                               metavar="PAIRS", dir_okay=False)]


def _warn_before_changing(pairs: Path, scheme: Scheme) -> None:
    """Say the pairs workbook's warnings as 'status' gives them (a pair deleted by hand, two
    rows under one pair ID, a Name cell emptied), before a command changes it: they would go
    unsaid otherwise until the next 'status', which the administrator may never run. A
    workbook no change can be made to is refused first."""
    from ..sources import load_pairs
    from ..workbook_edit import refuse_unchangeable

    refuse_unchangeable(pairs)
    tracked, warnings = load_pairs(pairs, year=scheme.year, start=scheme.start,
                                   withdrawn_warnings=True)
    warn([*warnings, *_nameless(tracked)])


def _date(text: str | None, option: str, year: int | None = None) -> dt.date | None:
    from ..dates import parse_date, today, why_not
    from ..errors import TrackingError

    if text is None:
        return None
    # a visit is most often recorded the day after it, so "yesterday" is as good as "today"
    relative = {"today": 0, "yesterday": 1}.get(text.strip().casefold())
    if relative is not None:
        return today() - dt.timedelta(days=relative)
    try:
        return parse_date(text, year)
    except ValueError as exc:
        why = why_not(exc)  # "February 2027 has no 31st"
        raise TrackingError(f"{option} '{text}' is not a date{': ' + why if why else ''}.",
                            "Write it like 4/5/2027 (day first), 2027-05-04, 'today' or "
                            "'yesterday'.") from None


def status(
    pairs: PairsArgument,
    owed: Annotated[bool, typer.Option("--owed", help="Show only pairs with a visit owed.")]
    = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """Who has visited whom, who still owes a visit, and what is overdue.

    \b
    Example:
      wessex status pairs.xlsx --owed
    """

    from ..dates import today
    from ..model import summarise
    from ..sources import load_pairs
    from ..timeline import time_left

    scheme = scheme_for(scheme_file, pairs)
    now, end = today(), scheme.end
    tracked, warnings = load_pairs(pairs, now, year=scheme.year, start=scheme.start,
                                   withdrawn_warnings=True, capacities=scheme)
    warn([*warnings, *_nameless(tracked)])
    shown = [p for p in tracked if not (owed and p.complete)]
    summary = summarise(tracked, end, now)
    if json:
        print_json({"pairs": [_pair_json(p, end, now) for p in shown],
                    "summary": summary.as_json()})
        return
    from rich.text import Text

    lines: list[list[str | Text]] = []
    for pair in shown:
        states = [v.status(end, now) for v in pair.visits]
        styled = [Text(s, "green" if s.startswith("done") else
                       "red" if s.startswith("OVERDUE") else
                       "yellow" if s.endswith("not confirmed") else "")
                  for s in states]
        reflections = _reflections_in(pair.reflections)
        lines.append([pair.pair_id, pair.a.name, pair.b.name, *styled,
                     reflections, Text("yes", "green") if pair.complete else "no"])
    show_table(f"Visits{' still owed' if owed else ''}",
               [Column(h) for h in ("Pair", "A", "B", "A hosts B", "B hosts A", "Reflections",
                                    "Complete")], lines)
    # a sentence each: a side's label starts it as typed in scheme.toml ("Primary care",
    # "NHS Trust"), which after a semicolon would be a capital mid-sentence
    sides = ". ".join(f"{scheme.side_label(side)} hosts: {done} of {due} done"
                      for side, (done, due)
                      in summary.hosted_by_side.items())
    share = percent(summary.complete, summary.pairs) if tracked else "-"
    left = time_left(scheme.start, end, now)
    out.print(f"{summary.complete} of {summary.pairs} pairs complete ({share}); "
              f"{summary.visits_done} of {2 * summary.pairs} visits done; "
              f"{plural(summary.overdue, 'pair')} overdue{'; ' + left if left else ''}.")
    if sides:
        out.print(sides + ".")


def _nameless(pairs: list[PairRecord]) -> list[str]:
    """One warning naming each Name cell of the Pairs sheet emptied by hand (its e-mail cell
    kept), in the words render and remind refuse their letters with; none when every name
    is there."""
    from ..model import TYPE_THE_NAME

    cells = list(dict.fromkeys(person.name_missing for pair in pairs for person in pair.people
                               if person.name_missing))
    if not cells:
        return []
    who, names = ("these people", "the names are") if len(cells) > 1 else \
        ("this person", "the name is")
    # render and remind refuse the whole batch, not this person's letters alone
    return [f"{'; '.join(cells)}: until {names} typed back in, render and remind will refuse "
            f"any batch of letters that would greet or name {who}, writing no letter of it. "
            f"{TYPE_THE_NAME}."]


def _reflections_in(received: tuple[bool, bool]) -> str:
    """The Reflections cell in words ("from A", "none yet"), where "A-" needed a key."""
    return {(True, True): "from both", (True, False): "from A", (False, True): "from B",
            (False, False): "none yet"}[received]


def _pair_json(pair: PairRecord, end: dt.date | None, now: dt.date) -> dict[str, Any]:
    return {
        "id": pair.pair_id,
        "a": {"name": pair.a.name, "email": pair.a.email},
        "b": {"name": pair.b.name, "email": pair.b.email},
        # "state" as the table words it: owed, planned, unconfirmed (a planned date passed
        # with nothing recorded) or done
        "visits": [{"host": v.host_email, "visitor": v.visitor_email,
                    "date": v.date.isoformat() if v.date else None, "done": v.done,
                    "state": state}
                   for v, state in zip(pair.visits, pair.visit_states(now), strict=True)],
        "reflections": {"a": pair.reflections[0], "b": pair.reflections[1]},
        "complete": pair.complete,
        "overdue": pair.overdue(end, now),
    }


def visit(
    pairs: PairsArgument,
    person: Annotated[str, typer.Argument(help="Who hosted: name or e-mail, or a surname "
                                                "or first name nobody else has.")],
    hosted: Annotated[str | None, typer.Option("--hosted", metavar="DATE",
                                               help="The date they hosted their "
                                                    "partner (4/5/2027, today or yesterday).")]
    = None,
    planned: Annotated[str | None, typer.Option("--planned", metavar="DATE",
                                                help="A date planned for them to "
                                                     "host.")] = None,
    reflection: Annotated[bool, typer.Option("--reflection", help="Their reflection has come "
                                                                  "in.")] = False,
    partner: Annotated[str | None, typer.Option("--partner", metavar="NAME",
                                                help="Which partner, for someone "
                                                     "with two.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Record a --hosted date even though "
                                                        "it is still to come, before the start "
                                                        "or a year away, or a --planned date "
                                                        "already past.")] = False,
    scheme_file: SchemeOption = None,
) -> None:
    """Record in the pairs workbook that PERSON hosted their partner on a date.

    A plan (--planned) is never counted as done.

    \b
    Example:
      wessex visit pairs.xlsx "Leon Ince" --hosted 4/5/2027
    """
    from ..errors import TrackingError
    from ..record import record_visit
    from ..safe_write import shown_backup

    if not (hosted or planned or reflection):
        raise TrackingError("nothing to record.", "Add --hosted DATE, --planned DATE or "
                                                  "--reflection.")
    if hosted and planned:
        raise TrackingError("give --hosted or --planned, not both.",
                            "--hosted is for a visit that happened; --planned for one to come.")
    scheme = scheme_for(scheme_file, pairs)
    hosted_on = _date(hosted, "--hosted", scheme.year)
    planned_on = _date(planned, "--planned", scheme.year)
    _warn_before_changing(pairs, scheme)
    done = record_visit(pairs, person, hosted=hosted_on, planned=planned_on,
                        reflection=reflection, partner=partner, force=force, start=scheme.start,
                        year=scheme.year, hosted_typed=hosted or "")
    day = hosted_on or planned_on
    if done.unchanged:
        out.print(f"Nothing to change: {escape(done)}. The workbook was left as it was "
                  "(no new backup).")
        return
    kept = f" The previous version is kept as {escape(shown_backup(done.backup, pairs))}." \
        if done.backup else ""
    out.print(f"Recorded: {escape(done)}.{kept}")
    for note in done.notes:
        out.print(f"[yellow]Note:[/] {escape(first_capital(note))}")
    if day is not None:
        from ..timeline import closed_on
        from ..wording import long_date

        if shut := closed_on(day):
            out.print(f"[yellow]Note:[/] {long_date(day)} is {shut}; if that is not the day "
                      "meant, run the command again with the right date.")
    if planned_on and scheme.end and planned_on > scheme.end:
        from ..wording import long_date

        out.print(f"[yellow]Note:[/] {long_date(planned_on)} is after the exchange ends "
                  f"({long_date(scheme.end)}); the visit counts as owed until it is done, and "
                  "the reminders say so.")


def remind(
    pairs: PairsArgument,
    output: Annotated[Path | None, typer.Option("-o", "--output", file_okay=False, metavar="DIR",
                                                help="Where the e-mails go: a folder "
                                                     "'reminder' inside DIR, or DIR itself if "
                                                     "so named (default: "
                                                     "reminders/DATE/reminder).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace reminders already written "
                                                        "there (a backup is kept).")] = False,
    allow_placeholders: AllowPlaceholdersOption = False,
    scheme_file: SchemeOption = None,
) -> None:
    """Write reminder e-mails (Outlook drafts) to everyone with a visit still owed.

    Each reminder says which of the person's two half days is owed, planned, done, or
    planned for a date now past without being recorded as done. People with nothing owed
    and nothing to confirm get no e-mail. Before the start date nothing is owed, so nothing
    is written; after the end date the reminders ask what happened.

    \b
    Example:
      wessex remind pairs.xlsx
    """
    from ..dates import today
    from ..documents import (
        load_template,
        output_paths,
        purpose_passed,
        recipients,
        render_all,
    )
    from ..safe_write import guard_outputs, replaced_said, write_batch
    from ..sources import load_pairs_ended
    from ..wording import long_date

    scheme = scheme_for(scheme_file, pairs)
    records, ended, warnings = load_pairs_ended(pairs, year=scheme.year, start=scheme.start)
    warn(warnings)
    template = load_template("reminder", scheme)
    now = today()
    if scheme.start and now < scheme.start:  # nothing can be owed before the first visit day
        out.print(escape(f"The exchange starts on {long_date(scheme.start)}, so no visit is "
                         "owed yet: nobody to remind, nothing written. Run 'wessex remind' "
                         "once visits are under way, or correct [dates] start in scheme.toml "
                         "if the exchange has started."))
        return
    people = recipients(template, scheme, pairs=records, now=now, record=ended)
    if not people:
        out.print("[green]Nobody owes a visit or has one to confirm: nobody to remind.[/]")
        return
    warn([text for text in [purpose_passed(template, scheme, now)] if text])
    folder = output or Path("reminders") / now.isoformat()
    paths = output_paths(template, people, "eml", folder)
    copies = guard_outputs(paths, force, "folder", letters=True)
    rendered = render_all(template, people, "eml", scheme, warned=warnings,
                          allow_placeholders=allow_placeholders)
    write_batch([(path, data) for path, (_, data) in zip(paths, rendered, strict=True)])
    firm = " (the end date has passed: they are asked what happened)" if scheme.end and \
        now > scheme.end else ""
    out.print(f"Wrote {plural(len(paths), 'reminder')}{firm} to {escape(str(paths[0].parent))}:")
    for person in people:
        # the partner and the pair: someone with two partners has a reminder for each
        pair_id = person.context["pair_id"]
        about = f"with {person.context['partner']['name']}" + (f" ({pair_id})" if pair_id else "")
        out.print(f"  {escape(person.name)} <{escape(person.email)}>, {escape(about)}: "
                  f"{escape(person.context['owed_text'])}")
    if replaced := replaced_said(paths, copies):
        out.print(escape(replaced))


def withdraw(
    pairs: PairsArgument,
    person: Annotated[str, typer.Argument(help="Who has dropped out: name or e-mail, or a "
                                                "surname or first name nobody else has.")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT",
                                        help="Why, for the record.")] = "",
    partner: Annotated[str | None, typer.Option("--partner", metavar="NAME",
                                                help="Leave only the pair with this partner "
                                                     "(for someone with two).")] = None,
    volunteers: Annotated[Path | None, typer.Option(
        "--in", dir_okay=False, callback=existing_file, metavar="VOLUNTEERS",
        help="Also write 'withdrawn' in their Status cell in this volunteer workbook.")] = None,
) -> None:
    """Record that PERSON dropped out: their pairs move to the Withdrawn sheet.

    Someone with two partners leaves both pairs unless --partner names one.

    \b
    Example:
      wessex withdraw pairs.xlsx "Leon Ince" --reason illness
    """
    from ..dates import today
    from ..errors import NotInAPair
    from ..model import Person
    from ..record import (
        mark_withdrawn,
        new_partners,
        only_this_pair,
        refuse_another_person,
        volunteer_to_withdraw,
    )
    from ..record import withdraw as withdraw_person
    from ..safe_write import shown_backup

    status = None  # everything that could stop the Status cell is checked before any change
    if volunteers is not None:
        status = volunteer_to_withdraw(volunteers, person, scheme_for(None, volunteers))
    # the pairs workbook's warnings are read as status reads them, with its own scheme
    _warn_before_changing(pairs, scheme_for(None, pairs))
    try:
        done = withdraw_person(pairs, person, reason, today(), partner,
                               status.person if status else None)
    except NotInAPair as exc:
        if status is None:  # no --in: nothing to write anywhere
            raise
        refuse_another_person(Person(exc.name, exc.email), status.person, person, pairs)
        # in no pair now (Unpaired sheet, or their partner withdrew): nothing moves in the
        # pairs workbook, and the Status cell keeps them out of the next pairing
        cell, copy = mark_withdrawn(status)
        before = f"; the previous version is kept as {shown_backup(copy, status.path)}" \
            if copy else ""
        out.print(escape(f"{exc.situation}: nothing to move in {pairs.name}. Wrote "
                         f"'withdrawn' in their Status cell ({cell}) of {status.path.name}, so "
                         f"the next pairing leaves them out{before}."))
        return
    for partner_name in done.partners:
        out.print(f"Moved the pair of {escape(done.person)} and {escape(partner_name)} to the "
                  "Withdrawn sheet.")
    # the way back from a withdrawal typed by mistake: the pair as it was, visits and ID
    # (with a Status cell written, said once below with the cell to empty as well)
    marks = status is not None and done.whole_scheme
    copied = escape(shown_backup(done.backup, pairs)) if done.backup else ""
    if copied:
        back = "." if marks else f": copy it back over {escape(pairs.name)} if this was a " \
            "mistake."
        out.print(f"The previous version of {escape(pairs.name)} is kept as {copied}{back}")
    name = escape(done.person)
    if not done.whole_scheme:
        out.print(f"{name} stays in the scheme with their other partner"
                  f"{'; their Status cell was left as it is' if volunteers else ''}.")
    marked = ""  # the Status cell written 'withdrawn' ("Volunteers!P5"), if one was
    if status is not None and marks:
        cell, copy = mark_withdrawn(status)
        marked = cell
        # the way back is both files: a Status cell left saying withdrawn ends the pair again
        pairs_said = "pairs" if len(done.partners) > 1 else "pair"
        also = f", whose previous version is kept as {escape(shown_backup(copy, status.path))}" \
            if copy else ""
        restore = f"copy {copied} back over {escape(pairs.name)}" if copied else \
            f"copy {escape(pairs.name)} back from backups/"
        out.print(f"Wrote 'withdrawn' in {name}'s Status cell ({escape(cell)}) of "
                  f"{escape(status.path.name)}{also}. If this withdrawal was a mistake, "
                  f"{restore} and empty that cell: while it says withdrawn, 'wessex pair "
                  f"--keep' ends their {pairs_said} again.")
    kept_out = ("The Withdrawn sheet keeps these two from being paired again"
                if not done.whole_scheme else
                # --in has just written 'withdrawn' there: the workbook says active no more
                f"The Withdrawn sheet and their Status cell keep {name} out of that pairing"
                if status is not None else
                f"The Withdrawn sheet keeps {name} out of that pairing, even while the "
                "volunteer workbook says active")
    book = escape(volunteers.name if volunteers is not None else done.paired_from)
    # who needs a new partner, as the core tells it: a partner still in a pair of their own
    # has a place left or not as their row says ('pair --keep' fills it if there is one)
    after = new_partners(done, status)
    title = status.capacity_title if status is not None else ""
    for kept in after.still_paired:
        paired = f"{escape(kept.name)} is still paired with " \
            f"{and_list([escape(o) for o in kept.others])}"
        if kept.has_place is None or kept.capacity is None:
            out.print(f"{paired}, so needs no new partner unless their row in the volunteer "
                      "workbook lets them take one more.")
            continue
        # the number, and where the administrator reads it: the column's title and the cell;
        # a blank cell (or no column) holds no number, and 1 is the default
        where = f" ({escape(title)}, {escape(kept.capacity_cell)} in {book})" \
            if kept.capacity_cell and title else ""
        if kept.default:
            where = f" (the default, as their {escape(title)} cell, " \
                f"{escape(kept.capacity_cell)} in {book}, is blank)" \
                if kept.capacity_cell and title else \
                f" (the default, as {book} has no column for how many partners someone takes)"
        take = f"{paired} and can take {plural(kept.capacity, 'partner')}{where}"
        out.print(f"{take}, so has a place for one more." if kept.has_place else
                  f"{take}, so needs no new partner.")
    free = [escape(p) for p in after.free]
    unknown = [escape(p) for p in after.unknown]
    run = f"'wessex pair {book} --keep {escape(str(pairs))}'"
    more = f" (and {and_list(unknown)} another, if their row in the volunteer workbook " \
        "lets them take one more)" if unknown else ""
    step = (f"run {run} to find {and_list(free)} a new partner{more}" if free else
            f"{run} pairs only those with a place left")
    out.print(f"Next: {step}. {kept_out}; every other pair stays as it is.")
    if partner and done.whole_scheme and len(done.scope_cells) == 1:
        # --partner, and it was their only pair: the row says they left the scheme, which
        # may not be what was meant (with --in, so does the Status cell just written)
        status_too = f"empty their Status cell ({marked}) in {status.path.name}, and " \
            if status is not None and marked else ""
        out.print(f"If {name} stays in the scheme (only this pair ends), before that run: "
                  f"{escape(status_too + only_this_pair(done.person, done.scope_cells[0]))}.")


def register(app: typer.Typer) -> None:
    """Add status, visit, remind and withdraw to the ``wessex`` command."""
    app.command()(status)
    app.command()(visit)
    app.command()(remind)
    app.command()(withdraw)
