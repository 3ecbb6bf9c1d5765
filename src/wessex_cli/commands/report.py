"""``wessex report``: the scheme's evaluation for the boards, as HTML or a Word document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..console import escape, out
from ..text import plural
from .common import SchemeOption, existing_file, scheme_for


def report(
    pairs: Annotated[Path, typer.Argument(help="The pairs workbook (pairs.xlsx).",
                                          dir_okay=False, callback=existing_file)],
    output: Annotated[Path, typer.Option("-o", "--output", dir_okay=False, metavar="FILE",
                                         help="report.html (prints on A4) or "
                                              "report.docx.")] = Path("report.html"),
    feedback: Annotated[Path | None, typer.Option("--feedback", dir_okay=False,
                                                  callback=existing_file,
                                                  metavar="RESPONSES",
                                                  help="The feedback survey export.")] = None,
    equality: Annotated[Path | None, typer.Option("--equality", dir_okay=False,
                                                  callback=existing_file,
                                                  metavar="FORMS",
                                                  help="The equality monitoring forms.")] = None,
    findings: Annotated[list[Path] | None, typer.Option(
        "--findings", dir_okay=False, callback=existing_file, metavar="TABLES",
        help="A filled-in findings workbook; repeat for more.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing report.")] = False,
    scheme_file: SchemeOption = None,
) -> None:
    """The scheme's evaluation: who took part, pairs, visits, feedback, action plan, equality.

    Every figure is worked out from the files given; feedback quotes are anonymised and
    equality counts protected exactly as 'wessex feedback' and 'wessex equality' do.

    \b
    Examples:
      wessex report pairs.xlsx
      wessex report pairs.xlsx --feedback responses.xlsx
      wessex report pairs.xlsx --findings tables.xlsx
    """
    from ..errors import WessexError
    from ..report import build_report, report_docx, report_html
    from ..safe_write import guard_output, replaced_said, write_bytes, write_text

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".docx"):
        raise WessexError(f"-o {output.name}: the report is written as .html or .docx.",
                          "Name the output report.html (to print or share) or report.docx "
                          "(to edit in Word).")
    scheme = scheme_for(scheme_file, pairs)
    result = build_report(pairs, scheme, feedback, equality, findings or None)
    copy = guard_output(output, force, "report")
    if suffix == ".docx":
        write_bytes(output, report_docx(result))
    else:
        write_text(output, report_html(result))
    f = result.figures
    out.print(f"{plural(f.pairs, 'pair')}; {f.visits_done} of {f.visits_total} visits done; "
              f"{plural(f.reflections_returned, 'reflection')} returned"
              + (f"; {plural(result.feedback.responses, 'feedback response')}"
                 if result.feedback else "")
              + (f"; {plural(len(result.plan.actions), 'action')}" if result.plan else "") + ".")
    for warning in result.warnings:
        out.print(f"[yellow]Warning:[/] {escape(warning)}")
    if result.warnings:  # notes about cells are for the administrator, not for the board
        out.print("These warnings are not printed in the report: correct the files and run "
                  "'wessex report' again with --force.")
    out.print(escape(f"Wrote {output}. {replaced_said([output], [copy])}".rstrip()))


def register(app: typer.Typer) -> None:
    """Add ``wessex report`` to ``app``."""
    app.command()(report)
