"""``wessex plan``, ``feedback`` and ``equality``: before the exchange and after it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..console import Table, err, escape, out, print_json
from .common import JsonOption, SchemeOption, scheme_for


def plan(
    start: Annotated[str | None, typer.Option("--start", help="Start date (default: "
                                                              "scheme.toml's).")] = None,
    save: Annotated[bool, typer.Option("--save", help="Write the dates into scheme.toml "
                                                      "(comments are kept).")] = False,
    ics: Annotated[Path | None, typer.Option("--ics", dir_okay=False,
                                             help="Write a calendar (.ics) file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing calendar (a "
                                                        "backup is kept).")] = False,
    scheme_file: SchemeOption = None,
    json: JsonOption = False,
) -> None:
    """The timeline: every e-mail's date, warnings, and a calendar to import.

    Example: wessex plan --start 2027-04-19 --ics exchange.ics
    """
    from ..dates import parse_date
    from ..errors import SchemeError
    from ..safe_write import backup, guard_output, refuse_if_read_only
    from ..scheme import SCHEME_FILE
    from ..timeline import make_plan, save_dates, write_ics

    scheme = scheme_for(scheme_file)
    try:
        first = parse_date(start) if start else scheme.start
    except ValueError:
        raise SchemeError(f"--start '{start}' is not a date.",
                          "Write it as YYYY-MM-DD or day/month/year.") from None
    if first is None:
        raise SchemeError("there is no start date.",
                          "Give one with --start 2027-04-19, or set [dates] start in "
                          "scheme.toml.")
    timeline = make_plan(first, scheme)
    if ics:
        guard_output(ics, force, "calendar")
        write_ics(ics, timeline, scheme)
    if save:
        refuse_if_read_only(scheme.source or Path(SCHEME_FILE))
        backup(scheme.source or Path(SCHEME_FILE))  # edited in place: keep the version before
        save_dates(scheme.source or Path(SCHEME_FILE), timeline)
    if json:
        print_json(timeline.as_json())
        return
    table = Table(title=f"Timeline: {escape(scheme.name)}")
    table.add_column("Date", no_wrap=True)
    table.add_column("What")
    table.add_column("Command", style="dim")
    commands = {"call-to-action": "wessex render call-to-action",
                "preferences-request": "wessex render preferences-request",
                "pairing": "wessex pair", "introductions": "wessex render partner-introduction",
                "end": "wessex status / remind", "celebration": "wessex render "
                                                                "celebration-invite"}
    for milestone in timeline.milestones:
        table.add_row(f"{milestone.date:%a %d %b %Y}", milestone.label,
                      commands.get(milestone.name, ""))
    out.print(table)
    for warning in timeline.warnings:
        out.print(f"[yellow]Warning:[/] {escape(warning)}")
    if ics:
        out.print(f"Wrote the calendar to {escape(str(ics))}.")
    if save:
        out.print("Saved the dates in scheme.toml.")


def feedback(
    responses: Annotated[Path, typer.Argument(help="Survey export (.xlsx or .csv), one row per "
                                                   "response.")],
    output: Annotated[Path, typer.Option("-o", "--output", dir_okay=False,
                                         help="The delegate pack to write.")] = Path("pack.html"),
    fmt: Annotated[str, typer.Option("--format", help="html or md.")] = "html",
    pairs: Annotated[Path | None, typer.Option("--pairs", exists=True, dir_okay=False,
                                               help="Pairs workbook: response rate, and the "
                                                    "names to remove.")] = None,
    volunteers: Annotated[Path | None, typer.Option("--volunteers", exists=True, dir_okay=False,
                                                    help="Volunteer workbook: names to "
                                                         "remove.")] = None,
    no_names_source: Annotated[bool, typer.Option(
        "--no-names-source", help="Make the pack without a volunteer or pairs workbook: only "
                                  "the names respondents typed about themselves are removed, "
                                  "and the pack says so.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing pack.")] = False,
    scheme_file: SchemeOption = None,
) -> None:
    """Collate reflections and survey answers into an anonymised delegate pack.

    Every name in the volunteer workbook (--volunteers) and the pairs workbook (--pairs,
    every sheet) is removed from the quotes, whatever its case or accents, withdrawn people
    included. One of them is needed, or --no-names-source.

    Example: wessex feedback responses.xlsx --pairs pairs.xlsx -o pack.html
    """
    from ..errors import WessexError
    from ..feedback import analyse, names_in_workbook, pack_html, pack_markdown
    from ..safe_write import guard_output, write_text

    if fmt not in ("html", "md"):
        raise WessexError(f"--format {fmt} is not html or md.")
    scheme = scheme_for(scheme_file, responses)
    names: list[str] = []
    names_from: list[str] = []
    participants = None
    if volunteers:
        names += names_in_workbook(volunteers)
        names_from.append("volunteer workbook")
    if pairs:
        from ..pairs_workbook import read_pair_rows

        rows, _ = read_pair_rows(pairs)
        participants = len({r.a["email"] for r in rows} | {r.b["email"] for r in rows})
        names += names_in_workbook(pairs)
        names_from.append("pairs workbook")
    pack = analyse(responses, names, participants, scheme.themes or None, tuple(names_from))
    # after reading, so that a file that is not a survey export is named as such first
    if not pairs and not volunteers and not no_names_source:
        raise WessexError(
            "without the volunteer workbook or the pairs workbook, wessex does not know the "
            "names of the people in the scheme, so it could not remove a partner's or "
            "colleague's name from the quotes.",
            "Add --pairs pairs.xlsx or --volunteers volunteers.xlsx (or both). To make the "
            "pack anyway, add --no-names-source: then only the names respondents typed about "
            "themselves are removed, and the pack says so.", file=responses)
    guard_output(output, force, "pack")
    text = pack_html(pack, scheme.name) if fmt == "html" else pack_markdown(pack, scheme.name)
    write_text(output, text)
    table = Table(title="Feedback")
    table.add_column("Item")
    table.add_column("Value", justify="right")
    table.add_row("Responses", str(pack.responses))
    if pack.response_rate is not None:
        table.add_row("Response rate", f"{pack.response_rate:.0%}")
    for rated in pack.rated:
        table.add_row(escape(rated.question[:60]), f"mean {rated.mean:.1f}")
    for theme, count in sorted(pack.themes.items(), key=lambda kv: -kv[1]):
        table.add_row(f"Theme: {escape(theme)}", f"{count} of {pack.responses}")
    out.print(table)
    if not names_from:
        out.print("[yellow]Warning:[/] names were removed only from what respondents wrote "
                  "about themselves; read every quote before sharing the pack.")
    out.print(f"Wrote the delegate pack to {escape(str(output))}.")


def equality(
    forms: Annotated[str, typer.Argument(help="The returned forms (.xlsx or .csv), or "
                                              "'template' to write a collection workbook.",
                                         metavar="FORMS|template")],
    output: Annotated[Path | None, typer.Option("-o", "--output", dir_okay=False,
                                                help="report.html (or forms.xlsx for "
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

    Example: wessex equality forms.xlsx -o report.html   |   wessex equality template
    """
    from ..equality import read_forms, report_html, write_template
    from ..safe_write import guard_output, write_text

    if forms == "template" and not Path(forms).exists():
        target = output or Path("forms.xlsx")
        guard_output(target, force, "file")
        write_template(target)
        out.print(f"Wrote the collection workbook {escape(str(target))}.")
        return
    path = Path(forms)
    scheme = scheme_for(scheme_file, path)

    def side_of(text: str) -> str:
        return (scheme.side_from_text(text) or scheme.side_for_profession(text)
                or "Not stated")

    result = read_forms(path, side_of)
    tables, count = result.tables, result.forms
    for warning in result.warnings:
        err.print(f"[yellow]Warning:[/] {escape(warning)}")
    if json:
        print_json({"tables": [t.as_json() for t in tables], "warnings": result.warnings})
        return
    for table in tables:
        view = Table(title=table.title)
        view.add_column("")
        for column in table.columns:
            view.add_column(escape(column), justify="right")
        for row, cells in zip(table.rows, table.cells, strict=True):
            view.add_row(escape(row), *cells)
        out.print(view)
        for note in table.notes:
            out.print(f"Note: {escape(note)}")
    out.print("* = too few to show (1 to 7), or hidden so that it cannot be worked out from "
              "the totals. Other counts are rounded to the nearest 5. A group with fewer than 8 "
              "answers is never shown on its own.")
    if output:
        guard_output(output, force, "report")
        write_text(output, report_html(tables, count, scheme.name))
        out.print(f"Wrote {escape(str(output))}.")


def register(app: typer.Typer) -> None:
    app.command()(plan)
    app.command()(feedback)
    app.command()(equality)
