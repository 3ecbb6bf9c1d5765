"""``wessex status``, ``visit``, ``remind`` and ``withdraw``: the three months of visits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from ..console import out, print_json, warn
from .common import AllowPlaceholdersOption, JsonOption, SchemeOption, scheme_for
from .tables import Column, show_table

PairsArgument = Annotated[Path, typer.Argument(help="The pairs workbook (pairs.xlsx).",
                                               metavar="PAIRS", dir_okay=False)]


def _date(text: str | None, option: str, year: int | None = None) -> dt.date | None:
    from ..dates import parse_date, today
    from ..errors import TrackingError

    if text is None:
        return None
    if text.strip().casefold() == "today":
        return today()
    try:
        return parse_date(text, year)
    except ValueError:
        raise TrackingError(f"{option} '{text}' is not a date.",
                            "Write it like 4/5/2027 (day first), 2027-05-04 or 'today'.") from None


def status(
    pairs: PairsArgument,
    owed: Annotated[bool, typer.Option("--owed", help="Show only pairs with a visit owed.")]
    = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """Who has visited whom, who still owes a visit, and what is overdue.

    Example: wessex status pairs.xlsx --owed
    """
    from ..dates import today
    from ..pairs_workbook import read_pair_rows
    from ..tracking import track

    scheme = scheme_for(scheme_file, pairs)
    rows, headers = read_pair_rows(pairs)
    tracked = [track(row, headers, year=scheme.year) for row in rows]
    now, end = today(), scheme.end
    warn(w for pair in tracked for w in pair.warnings)
    shown = [p for p in tracked if not (owed and p.complete)]
    visits_done = sum(v.done for p in tracked for v in p.visits)
    summary = {"pairs": len(tracked), "complete": sum(p.complete for p in tracked),
               "visits_done": visits_done, "visits_owed": 2 * len(tracked) - visits_done,
               "overdue": sum(p.overdue(end, now) for p in tracked)}
    if json:
        print_json({"pairs": [_pair_json(p, end, now) for p in shown], "summary": summary})
        return
    styles = {"OVERDUE": "red"}
    lines: list[list[str | Text]] = []
    for pair in shown:
        states = [v.state(end, now) for v in pair.visits]
        styled = [Text(s, "green" if s.startswith("done") else styles.get(s, ""))
                  for s in states]
        reflections = f"{'A' if pair.reflections[0] else '-'}{'B' if pair.reflections[1] else '-'}"
        lines.append([pair.pair_id, pair.row.a["name"], pair.row.b["name"], *styled,
                     reflections, Text("yes", "green") if pair.complete else "no"])
    show_table(f"Visits{' still owed' if owed else ''}",
               [Column(h) for h in ("Pair", "A", "B", "A hosts B", "B hosts A", "Reflections",
                                    "Complete")], lines)
    by_side: dict[str, list[int]] = {}
    for pair in tracked:
        for visit, host in zip(pair.visits, (pair.row.a, pair.row.b), strict=True):
            entry = by_side.setdefault(host["side"] or "?", [0, 0])
            entry[0] += visit.done
            entry[1] += 1
    sides = "; ".join(f"{side} hosts: {done} of {due} done" for side, (done, due)
                      in by_side.items())
    share = f"{100 * summary['complete'] / len(tracked):.0f}%" if tracked else "-"
    left = f"; {(end - now).days} days left" if end and end >= now else \
        ("; the exchange period has ended" if end else "")
    out.print(f"{summary['complete']} of {summary['pairs']} pairs complete ({share}); "
              f"{visits_done} of {2 * len(tracked)} visits done; {summary['overdue']} overdue"
              f"{left}.")
    if sides:
        out.print(sides + ".")


def _pair_json(pair: Any, end: dt.date | None, now: dt.date) -> dict[str, Any]:
    return {
        "id": pair.pair_id,
        "a": {"name": pair.row.a["name"], "email": pair.row.a["email"]},
        "b": {"name": pair.row.b["name"], "email": pair.row.b["email"]},
        "visits": [{"host": v.host, "visitor": v.visitor,
                    "date": v.date.isoformat() if v.date else None, "done": v.done}
                   for v in pair.visits],
        "complete": pair.complete,
        "overdue": pair.overdue(end, now),
    }


def visit(
    pairs: PairsArgument,
    person: Annotated[str, typer.Argument(help="Who hosted: name or e-mail.")],
    hosted: Annotated[str | None, typer.Option("--hosted", metavar="DATE",
                                               help="The date they hosted their "
                                                    "partner (4/5/2027, or today).")]
    = None,
    planned: Annotated[str | None, typer.Option("--planned", metavar="DATE",
                                                help="A date planned for them to "
                                                     "host.")] = None,
    reflection: Annotated[bool, typer.Option("--reflection", help="Their reflection has come "
                                                                  "in.")] = False,
    partner: Annotated[str | None, typer.Option("--partner", metavar="NAME",
                                                help="Which partner, for someone "
                                                     "with two.")] = None,
) -> None:
    """Record in the pairs workbook that PERSON hosted their partner on a date.

    Example: wessex visit pairs.xlsx "Amelia Ashworth" --hosted 4/5/2027
    """
    from ..errors import TrackingError
    from ..record import record_visit

    if not (hosted or planned or reflection):
        raise TrackingError("nothing to record.", "Add --hosted DATE, --planned DATE or "
                                                  "--reflection.")
    year = scheme_for(None, pairs).year
    done = record_visit(pairs, person, hosted=_date(hosted, "--hosted", year),
                        planned=_date(planned, "--planned", year), reflection=reflection,
                        partner=partner)
    out.print(f"Recorded: {escape(done)}. A backup of the previous version is in backups/.")


def remind(
    pairs: PairsArgument,
    output: Annotated[Path | None, typer.Option("-o", "--output", file_okay=False, metavar="DIR",
                                                help="Folder for the e-mails (default: "
                                                     "reminders/DATE).")] = None,
    allow_placeholders: AllowPlaceholdersOption = False,
    scheme_file: SchemeOption = None,
) -> None:
    """Write reminder e-mails (Outlook drafts) to everyone with a visit still owed.

    Each reminder says which of the person's two half days is owed, planned, done, or
    planned for a date now past without being recorded as done. People with nothing owed
    and nothing to confirm get no e-mail.

    Example: wessex remind pairs.xlsx
    """
    from ..dates import today
    from ..documents import load_template, output_paths, recipients, render_all
    from ..safe_write import write_batch
    from ..sources import load_pairs

    scheme = scheme_for(scheme_file, pairs)
    records, warnings = load_pairs(pairs, scheme.year)
    warn(warnings)
    template = load_template("reminder", scheme)
    now = today()
    people = recipients(template, scheme, pairs=records, now=now)
    if not people:
        out.print("[green]Nobody owes a visit or has one to confirm: nobody to remind.[/]")
        return
    folder = output or Path("reminders") / now.isoformat()
    paths = output_paths(template, people, "eml", folder)
    rendered = render_all(template, people, "eml", scheme,
                          allow_placeholders=allow_placeholders)
    write_batch([(path, data) for path, (_, data) in zip(paths, rendered, strict=True)])
    firm = " (the end date has passed: the wording is firmer)" if scheme.end and now > \
        scheme.end else ""
    out.print(f"Wrote {len(paths)} reminder(s){firm} to {escape(str(paths[0].parent))}:")
    for person in people:
        out.print(f"  {escape(person.name)} <{escape(person.email)}>: "
                  f"{escape(person.context['owed_text'])}")


def withdraw(
    pairs: PairsArgument,
    person: Annotated[str, typer.Argument(help="Who has dropped out: name or e-mail.")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT",
                                        help="Why, for the record.")] = "",
    partner: Annotated[str | None, typer.Option("--partner", metavar="NAME",
                                                help="Which pair, for someone "
                                                     "with two partners.")] = None,
) -> None:
    """Record that PERSON dropped out: their pair moves to the Withdrawn sheet.

    Example: wessex withdraw pairs.xlsx "Oliver Pemberton" --reason "long-term sick leave"
    """
    from ..dates import today
    from ..record import withdraw as withdraw_person

    name, partner_name = withdraw_person(pairs, person, reason, today(), partner)
    out.print(f"Moved the pair of {escape(name)} and {escape(partner_name)} to the Withdrawn "
              "sheet.")
    out.print(f"Next: write 'withdrawn' in {escape(name)}'s Status cell in the volunteer "
              f"workbook, then run 'wessex pair VOLUNTEERS --keep {escape(str(pairs))}' to find "
              f"{escape(partner_name)} a new partner. Every other pair stays as it is.")


def register(app: typer.Typer) -> None:
    app.command()(status)
    app.command()(visit)
    app.command()(remind)
    app.command()(withdraw)
