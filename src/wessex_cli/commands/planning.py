"""``wessex plan``, ``feedback`` and ``equality``: before the exchange and after it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..console import escape, out, print_json, warn
from ..text import percent
from .common import (
    JsonOption,
    SchemeOption,
    existing_file,
    require_suffix,
    scheme_for,
    write_blank_workbook,
)
from .tables import Column, show_table

if TYPE_CHECKING:
    from rich.text import Text


# The command for each milestone as it would be typed, with the walkthrough's file names
# (README); tests/test_planning.py runs each one in a copy of examples/.
MILESTONE_COMMANDS = {
    "call-to-action": "wessex render call-to-action",
    "preferences-request": "wessex render preferences-request --volunteers volunteers.xlsx",
    "pairing": "wessex pair volunteers.xlsx",
    "introductions": "wessex render partner-introduction --pairs pairs.xlsx",
    "end": "wessex status pairs.xlsx, then wessex remind pairs.xlsx",  # no ";" on Windows
    # the organisers' checklist while the visits run, months before the day (a venue and a
    # speaker are booked well ahead); on the day each table fills in a findings workbook
    # and the group feedback sheet
    "start": "wessex render event-planning",
    "invitations": "wessex render celebration-invite --pairs pairs.xlsx",
    "celebration": "wessex findings template -o tables.xlsx, then wessex render table-feedback",
}


def plan(
    start: Annotated[str | None, typer.Option("--start", metavar="DATE",
                                              help="Start date (default: "
                                                   "scheme.toml's).")] = None,
    save: Annotated[bool, typer.Option("--save", help="Write the dates into scheme.toml "
                                                      "(comments are kept).")] = False,
    ics: Annotated[Path | None, typer.Option("--ics", metavar="FILE.ics", dir_okay=False,
                                             help="Write a calendar (.ics) file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing calendar (a "
                                                        "backup is kept); with --save, move "
                                                        "the start of an exchange already "
                                                        "under way.")] = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """The timeline: every e-mail's date, warnings, and a calendar to import.

    Once the exchange has started (the start in scheme.toml is today or earlier), --save
    with another --start is refused unless --force is given: every date moves with it,
    and the letters already sent gave the old ones.

    \b
    Example:
      wessex plan --start 2027-04-19 --ics exchange.ics
    """
    from rich.text import Text

    from ..dates import parse_date, today
    from ..errors import SchemeError
    from ..safe_write import backups_shown, guard_output, replaced_said
    from ..scheme import SCHEME_FILE, SCHEME_YEARS
    from ..timeline import (
        dates_moved,
        letters_with_old_dates,
        make_plan,
        moving_a_running_scheme,
        next_exchange_advice,
        save_dates,
        suggested_start,
        write_ics,
    )

    require_suffix(ics, (".ics",), "the calendar", "--ics")
    scheme = scheme_for(scheme_file)
    try:
        first = parse_date(start, scheme.year) if start else scheme.start
    except ValueError:
        raise SchemeError(f"--start '{start}' is not a date.",
                          "Write it as YYYY-MM-DD or day/month/year.") from None
    if first is not None and not SCHEME_YEARS[0] <= first.year <= SCHEME_YEARS[1]:
        raise SchemeError(f"--start {first} is not in a year an exchange could run "
                          f"({SCHEME_YEARS[0]} to {SCHEME_YEARS[1]}).",
                          "Check the year: write it as YYYY-MM-DD or day/month/year.")
    if first is None:  # the example a start this exchange could still take, never a past one
        raise SchemeError("there is no start date.",
                          f"Give one with --start {suggested_start(today()).isoformat()}, or "
                          "set [dates] start in scheme.toml.")
    timeline = make_plan(first, scheme)
    moved = dates_moved(scheme, timeline) if save else ""  # once, for each message below
    running = moving_a_running_scheme(scheme, moved, today())
    if running and not force:  # refused before anything is written, the calendar included
        raise SchemeError(running, " ".join(filter(None, (
            "Nothing was saved. To see the new timeline without saving it, leave out --save. "
            "If the exchange really is to move, run the command again with --force, and tell "
            "everyone taking part the new dates.", next_exchange_advice(scheme, today())))),
            file=scheme.source)
    calendar_copy = None
    if ics:
        calendar_copy = guard_output(ics, force, "calendar", "--ics")
        write_ics(ics, timeline, scheme)
    source = scheme.source or Path(SCHEME_FILE)
    # render's own default folder, in the folder it runs in (as this command does)
    written = letters_with_old_dates(moved, Path("documents")) if not running else ""
    saved, copy = save_dates(source, timeline) if save else (False, None)
    if saved and written:
        timeline.warnings.append(written)
    if saved and running:
        timeline.warnings.append(
            f"The exchange was under way, and --force moved {moved} "
            "in scheme.toml. The letters already sent gave the old dates: tell everyone "
            "taking part the new ones.")
    if json:
        data = timeline.as_json()
        changed = ([(ics, calendar_copy)] if ics else []) + ([(source, copy)] if save else [])
        if changed:  # the copies kept of the files this run replaced
            data["backups"] = backups_shown([path for path, _ in changed],
                                            [kept for _, kept in changed])
        print_json(data)
        return
    show_table(f"Timeline: {scheme.name}", [Column("Date"), Column("What"), Column("Command")],
               # "Fri 2 Apr 2027", as the letters write a day, without a leading zero
               [[f"{milestone.date:%a} {milestone.date.day} {milestone.date:%b %Y}",
                 milestone.label,
                 Text(MILESTONE_COMMANDS.get(milestone.name, ""), "dim")]
                for milestone in timeline.milestones])
    for warning in timeline.warnings:
        out.print(f"[yellow]Warning:[/] {escape(warning)}")
    if ics:
        out.print(escape(f"Wrote the calendar to {ics}. "
                         f"{replaced_said([ics], [calendar_copy])}".rstrip()))
    if saved:
        from ..safe_write import shown_backup

        before = f"; the version before is kept as {shown_backup(copy, source)}" if copy else ""
        out.print(escape(f"Saved the dates in scheme.toml{before}."))
    elif save:
        out.print("scheme.toml already holds these dates, so it was left as it was.")


def feedback(
    responses: Annotated[Path, typer.Argument(help="Survey export (.xlsx, .ods or .csv), "
                                                   "one row per response.")],
    output: Annotated[Path, typer.Option("-o", "--output", dir_okay=False, metavar="FILE",
                                         help="The delegate pack to write.")] = Path("pack.html"),
    fmt: Annotated[str | None, typer.Option("--format", metavar="html|md",
                                            help="html or md (default: from the -o file's "
                                                 "extension).")] = None,
    pairs: Annotated[Path | None, typer.Option("--pairs", metavar="PAIRS.xlsx",
                                               dir_okay=False, callback=existing_file,
                                               help="Pairs workbook: response rate, and the "
                                                    "names to remove.")] = None,
    volunteers: Annotated[Path | None, typer.Option("--volunteers", metavar="VOLUNTEERS",
                                                    dir_okay=False, callback=existing_file,
                                                    help="Volunteer workbook: names to "
                                                         "remove.")] = None,
    no_names_source: Annotated[bool, typer.Option(
        "--no-names-source", help="Make the pack without a volunteer or pairs workbook: only "
                                  "the names respondents typed about themselves or their "
                                  "e-mail addresses give (and names after a title, such as "
                                  "Mr Patel) are removed, and the pack says so.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing pack.")] = False,
    scheme_file: SchemeOption = None,
) -> None:
    """Collate reflections and survey answers into an anonymised delegate pack.

    Every name in the volunteer workbook (--volunteers) and the pairs workbook (--pairs,
    every sheet) is removed from the quotes, whatever its case or accents, withdrawn people
    included, with the usual short forms of first names (Mike for Michael); so are the
    administrator, leads and speaker scheme.toml names, and any name after a title (Mr
    Patel). One of the workbooks is needed, or --no-names-source.

    \b
    Example:
      wessex feedback responses.xlsx --pairs pairs.xlsx
    """
    from ..errors import WessexError
    from ..feedback import organisers, pack_from_files, pack_html, pack_markdown
    from ..safe_write import guard_output, replaced_said, write_text

    suffixes = {"html": (".html", ".htm"), "md": (".md",)}
    if fmt is None:
        fmt = "md" if output.suffix.lower() == ".md" else "html"
    if fmt not in suffixes:
        raise WessexError(f"--format {fmt} is not html or md.")
    require_suffix(output, suffixes[fmt], f"a delegate pack in {fmt}")
    scheme = scheme_for(scheme_file, responses)
    pack = pack_from_files(responses, volunteers, pairs, scheme.themes or None,
                           scheme.side_keys[0], organisers(scheme))
    # after reading, so that a file that is not a survey export is named as such first
    if not pairs and not volunteers and not no_names_source:
        raise WessexError(
            "without the volunteer workbook or the pairs workbook, wessex does not know the "
            "names of the people in the scheme, so it could not remove a partner's or "
            "colleague's name from the quotes.",
            "Add --pairs pairs.xlsx or --volunteers volunteers.xlsx (or both). To make the "
            "pack anyway, add --no-names-source: then only the names respondents typed about "
            "themselves or their e-mail addresses give are removed, and the pack says so.",
            file=responses)
    copy = guard_output(output, force, "pack")
    text = pack_html(pack, scheme.name) if fmt == "html" else pack_markdown(pack, scheme.name)
    write_text(output, text)
    lines: list[list[str | Text]] = [["Responses", str(pack.responses)]]
    if pack.participants:
        lines.append(["Response rate", percent(pack.responses, pack.participants)])
    lines += [[rated.question, f"mean {rated.shown_mean}"] for rated in pack.rated]
    lines += [[f"Theme: {theme}", f"{count} of {pack.responses}"]
              for theme, count in sorted(pack.themes.items(), key=lambda kv: -kv[1])]
    show_table("Feedback", [Column("Item"), Column("Value", right=True)], lines)
    for warning in pack.warnings:
        out.print(f"[yellow]Warning:[/] {escape(warning)}")
    if not pack.names_from:
        out.print("[yellow]Warning:[/] the names of people in the scheme were removed only "
                  "from what respondents wrote about themselves; read every quote before "
                  "sharing the pack.")
    out.print(escape(f"Wrote the delegate pack to {output}. "
                     f"{replaced_said([output], [copy])}".rstrip()))


def equality(
    forms: Annotated[str, typer.Argument(help="The returned forms (.xlsx, .ods or .csv), or "
                                              "'template' to write a collection workbook.",
                                         metavar="FORMS|template")],
    output: Annotated[Path | None, typer.Option("-o", "--output", dir_okay=False, metavar="FILE",
                                                help="equality.html (or forms.xlsx for "
                                                     "'template').")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """Aggregate equality monitoring forms with small numbers suppressed.

    Counts of 1 to 7 show as *, others are rounded to the nearest 5, and nothing suppressed
    can be worked out from the totals. A side with fewer than 8 answers is pooled or not
    shown. Free-text answers are never shown; an answer that is not one of the form's
    choices counts as 'Another answer', with a warning naming its cell.

    \b
    Examples:
      wessex equality template
      wessex equality forms.xlsx -o equality.html
    """
    from ..equality import PUBLISH_ONCE, read_forms, report_html, write_template
    from ..safe_write import backups_shown, guard_output, replaced_said, write_text
    from ..scheme import ANSWER

    template = forms == "template" and not Path(forms).exists()
    require_suffix(output, (".xlsx",) if template else (".html", ".htm"),
                   "the collection workbook" if template else "the equality report")
    if template:
        target = output or Path("forms.xlsx")
        write_blank_workbook(target, force, json, write_template,
                             f"the collection workbook {target}")
        return
    path = Path(forms)
    scheme = scheme_for(scheme_file, path)
    result = read_forms(path, scheme.group_of_answer)
    tables, count = result.tables, result.forms
    warn(result.warnings)
    copy = None
    if output:
        copy = guard_output(output, force, "report")
        write_text(output, report_html(tables, count, scheme.name))
    if json:
        print_json({"tables": [t.as_json() for t in tables], "warnings": result.warnings,
                    **({"wrote": str(output), "backups": backups_shown([output], [copy])}
                       if output else {})})
        return
    for table in tables:
        show_table(table.title, [Column(ANSWER), *(Column(c, right=True) for c in table.columns)],
                   [[row, *cells] for row, cells in zip(table.rows, table.cells, strict=True)])
        for note in table.notes:
            out.print(f"Note: {escape(note)}")
    out.print("* = too few to show (1 to 7), or hidden so that it cannot be worked out from "
              "the totals. Other counts are rounded to the nearest 5. A group with fewer than 8 "
              "answers is never shown on its own.")
    out.print(PUBLISH_ONCE)
    if output:
        out.print(escape(f"Wrote {output}. {replaced_said([output], [copy])}".rstrip()))


def register(app: typer.Typer) -> None:
    """Add ``wessex plan``, ``feedback`` and ``equality`` to ``app``."""
    app.command()(plan)
    app.command()(feedback)
    app.command()(equality)
