"""``wessex documents``, ``templates copy``, ``render`` and ``mailmerge``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..console import escape, out, print_json, progress, warn
from ..text import and_list, plural
from .common import (
    AllowPlaceholdersOption,
    JsonOption,
    SchemeOption,
    WholeSummaryGroup,
    existing_file,
    scheme_for,
)
from .tables import Column, show_table

RENDER_PROGRESS_FROM = 50  # fewer documents render in a blink: no bar

templates_app = typer.Typer(cls=WholeSummaryGroup,
                            help="Copy a built-in template to change its wording.",
                            no_args_is_help=True)


def documents(scheme_file: SchemeOption = None, json: JsonOption = False) -> None:
    """List the document templates, where each is used and the fields it takes.

    \b
    Example:
      wessex documents
    """
    from ..documents import FORMATS, list_templates

    scheme = scheme_for(scheme_file)
    templates = list_templates(scheme)
    if json:
        print_json({"documents": [{"name": t.name, "title": t.title, "audience": t.audience,
                                   "default_format": t.default_format,
                                   "formats": list(FORMATS), "used": t.used,
                                   "fields": t.fields(), "custom": t.user} for t in templates]})
        return
    show_table("Document templates",
               [Column("Document"), Column("For"), Column("Default"), Column("Used"),
                Column("Fields")],
               [[f"{t.name} (yours)" if t.user else t.name, t.audience, t.default_format,
                 t.used, ", ".join(t.fields())] for t in templates])
    out.print("Formats: " + ", ".join(FORMATS) + ". Render one with "
              "'wessex render DOCUMENT --pairs pairs.xlsx'.")


@templates_app.command("copy")
def copy_template(
    name: Annotated[str, typer.Argument(help="The template to copy, e.g. partner-introduction.")],
    folder: Annotated[Path | None, typer.Argument(help="Where to copy it (default: templates/ "
                                                      "beside scheme.toml).", file_okay=False)]
    = None,
    scheme_file: SchemeOption = None,
) -> None:
    """Copy a built-in template into your templates/ folder, where it overrides the original.

    \b
    Example:
      wessex templates copy partner-introduction
    """
    from ..documents import SUFFIX, builtin_dir, load_template
    from ..errors import OutputError
    from ..safe_write import write_text

    scheme = scheme_for(scheme_file)
    template = load_template(name, scheme)
    source = builtin_dir() / f"{template.name}{SUFFIX}"
    base = scheme.source.parent if scheme.source else Path.cwd()
    target = (folder or base / "templates") / source.name
    if target.exists():
        raise OutputError(f"{target} already exists and was not overwritten.",
                          "Edit it, or delete it to start again from the built-in one.",
                          file=target)
    write_text(target, source.read_text(encoding="utf-8"))
    out.print(f"Copied {escape(template.name)} to {escape(str(target))}. Edit the wording; "
              "keep the {{ fields }}.")


def render(
    document: Annotated[str, typer.Argument(help="The document, e.g. partner-introduction.")],
    pairs: Annotated[Path | None, typer.Option("--pairs", metavar="PAIRS.xlsx",
                                               dir_okay=False, callback=existing_file,
                                               help="Pairs workbook (for per-pair documents).")]
    = None,
    volunteers: Annotated[Path | None, typer.Option("--volunteers", metavar="VOLUNTEERS",
                                                    dir_okay=False, callback=existing_file,
                                                    help="Volunteer workbook.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", file_okay=False, metavar="DIR",
                                         help="Folder to write into.")] = Path("documents"),
    fmt: Annotated[str | None, typer.Option("--format", metavar="FORMAT",
                                            help="eml, html, txt, md or docx "
                                                 "(default: the document's own).")]
    = None,
    profession: Annotated[str | None, typer.Option(metavar="PROFESSION",
                                                   help="Only the copy worded for this "
                                                        "profession (the call to action "
                                                        "has one for each).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files already there (a "
                                                        "backup of each is kept).")] = False,
    new: Annotated[bool, typer.Option("--new", help="Only the pairs the last 'wessex pair' "
                                                    "made (not those it kept), e.g. after a "
                                                    "re-pairing.")] = False,
    allow_placeholders: AllowPlaceholdersOption = False,
    scheme_file: SchemeOption = None,
) -> None:
    """Render a document: one file per recipient (or one for the scheme).

    Nothing is written if a document would print a setting that scheme.toml lacks (the
    administrator's name, a date, the venue...): the message lists each one with the line to
    add. --allow-placeholders writes a draft with each gap shown in [brackets].

    \b
    Example:
      wessex render partner-introduction --pairs pairs.xlsx
    """

    from ..dates import today
    from ..documents import (
        FORMATS,
        deadline_passed,
        earlier_files,
        hours_backwards,
        kept_pairs_files,
        load_template,
        not_yet,
        output_paths,
        passed_over,
        purpose_passed,
        recipients,
        render_all,
        started_already,
    )
    from ..errors import TemplateError
    from ..safe_write import guard_outputs, replaced_said, write_batch
    from ..sources import RenderPairs, load_render_pairs, load_volunteers_agreed

    if fmt is not None and fmt not in FORMATS:  # a usage error: exit 2, as Typer's own
        raise typer.BadParameter(f"'{fmt}' is not one of {', '.join(FORMATS)}.",
                                 param_hint="'--format'")
    scheme = scheme_for(scheme_file, pairs or volunteers)
    template = load_template(document, scheme)
    chosen = fmt or template.default_format
    if new and not pairs:
        raise TemplateError("--new needs --pairs PAIRS: it picks the pairs made in the last "
                            "run from the pairs workbook.")
    # with --new, every pair as well as the new and those introduced before; the Withdrawn
    # sheet's, whom else someone was paired with; the warnings printed as read: a refusal
    # below names their cells only
    read = load_render_pairs(pairs, template, scheme, new=new,
                             volunteers_given=volunteers is not None) if pairs else None
    pair_records = read.pairs if read is not None else None
    if read is not None:
        warn(read.warnings)
        if new and not pair_records and read.held:
            out.print(f"--new left out {plural(len(read.held), 'pair')} that may be new "
                      "until the cells named above are fixed, and found no other new pair; "
                      "nothing written. Fix those cells, then run this command again.")
            return
        if new and not pair_records:
            out.print("The last pairing made no new pairs, so there is nobody new to "
                      f"introduce; nothing written. Leave out --new to write '"
                      f"{escape(template.name)}' for every pair.")
            return
    people, agreed = load_volunteers_agreed(volunteers, scheme) if volunteers else (None, {})
    read = read or RenderPairs(pairs=[])
    targets = recipients(template, scheme, volunteers=people, pairs=pair_records,
                         profession=profession, now=today(), unpaired=read.unpaired,
                         agreed=agreed, partnered=read.before, record=[*read.every, *read.ended],
                         withdrawn=read.ended)
    finished = passed_over(template, pair_records)
    named = ", ".join(pair.pair_id for pair in finished[:10]) + \
        (", ..." if len(finished) > 10 else "")
    left_out = (f"Left out {plural(len(finished), 'pair')} whose two half-day visits are both "
                f"recorded as done ({escape(named)}): people who have already visited each "
                f"other need no '{escape(template.name)}'.") if finished else ""
    if not targets:
        why = (" It goes only to people whose two visits are both recorded as done, each "
               "with its date, since a certificate states both (wessex status shows who is "
               "done, and warns of a date missing or unreadable)." if template.only_complete
               else "")
        out.print(f"Nobody needs '{escape(template.name)}' at the moment; nothing written."
                  + why)
        if left_out:
            out.print(left_out)
        return
    late = [started_already(template, scheme, today()),
            not_yet(template, scheme, today()),
            purpose_passed(template, scheme, today()),
            deadline_passed(template, targets, today()),
            hours_backwards(template, scheme)]
    warn([text for text in late if text])
    paths = output_paths(template, targets, chosen, output)
    copies = guard_outputs(paths, force, "folder", letters=True)
    with progress(f"Rendering {template.name}", len(targets),
                  quiet=len(targets) < RENDER_PROGRESS_FROM) as done:
        rendered = render_all(template, targets, chosen, scheme, progress=done,
                              allow_placeholders=allow_placeholders, warned=read.warnings)
        write_batch([(path, data) for path, (_, data) in zip(paths, rendered, strict=True)])
    where = paths[0] if len(paths) == 1 else paths[0].parent
    out.print(f"Wrote {plural(len(paths), chosen + ' file')} of '{escape(template.name)}' to "
              f"{escape(str(where))}.")
    if replaced := replaced_said(paths, copies):
        out.print(escape(replaced))
    if left_out:
        out.print(left_out)
    stale = earlier_files(template, paths)
    if new and stale and pairs:
        # the kept pairs' letters are not someone gone's: only the new files are to be sent
        theirs = kept_pairs_files(template, scheme, read.every, chosen, output, today(),
                                  read.ended)
        kept = [path for path in stale if path in theirs]
        stale = [path for path in stale if path not in theirs]
        if kept:
            fresh = ", ".join(path.name for path in paths[:10]) + \
                (", ..." if len(paths) > 10 else "")
            out.print(f"Send only the {plural(len(paths), 'new file')} ({escape(fresh)}): the "
                      f"folder's {plural(len(kept), 'other file')}, for the pairs kept from "
                      "before, were left as they were.")
    if stale:
        shown = ", ".join(path.name for path in stale[:5]) + (", ..." if len(stale) > 5 else "")
        warn([f"{paths[0].parent} also holds {plural(len(stale), 'earlier file')} that this "
              f"render did not write ({shown}): perhaps for someone since withdrawn or "
              f"re-paired{', or in a pair left out above' if finished else ''}. Check or "
              f"delete {'it' if len(stale) == 1 else 'them'} before sending the folder."])
    if template.attachments and chosen != "eml":
        names = and_list(list(template.attachments))  # "reflection and patient-notice"
        them = "them" if len(template.attachments) > 1 else "it"
        out.print(f"The text mentions attachments: render {escape(names)} too and attach "
                  f"{them} when you send it (the .eml format attaches {them} for you).")


def mailmerge(
    source: Annotated[Path, typer.Argument(help="Pairs workbook or volunteer workbook.",
                                           metavar="PAIRS|VOLUNTEERS")],
    output: Annotated[Path, typer.Option("-o", "--output", dir_okay=False, metavar="FILE",
                                         help="merge.csv or merge.xlsx.")] = Path("merge.csv"),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    allow_placeholders: AllowPlaceholdersOption = False,
    scheme_file: SchemeOption = None,
) -> None:
    """Write a mail-merge source for Word or Outlook: one row per recipient, every field.

    \b
    Fields for each person (from a pairs workbook, the same
    again for the partner with Partner in front, e.g.
    PartnerSalutation, plus PartnerAdjustments and PairID):
      Title        Dr, Prof, Mr... as typed, in canonical
                   form (blank if none)
      FirstName    Amelia
      Surname      Ashworth
      FullName     Dr Amelia Ashworth
      FormalName   Dr Ashworth (the full name when there
                   is no title)
      Salutation   Dear Dr Ashworth
      Email, Phone, Profession (GP, Consultant...),
      Organisation, Specialty, Side
      Adjustments  reasonable adjustments the person
                   asked to share
      Notes        the volunteer's Notes, line breaks
                   and all
      and one field for each column of the volunteer
      workbook that wessex does not know, its words
      run together: Line manager becomes LineManager
      HostedOn     (from a pairs workbook) the day this
                   person hosted their partner, once
                   recorded as done: Tuesday 4 May 2027
      VisitedOn    the day they visited the partner
    Fields of the scheme, the same on every row:
    SchemeName, StartDate, EndDate, CelebrationDate,
    CelebrationTime, CelebrationVenue, AdminName,
    AdminEmail, AdminPhone, CPDHours.

    In Word, open a letter with «Salutation», or with Dear «Title» «Surname». The scheme
    fields must be set in scheme.toml (or pass --allow-placeholders for a bracketed draft).

    \b
    Example:
      wessex mailmerge pairs.xlsx -o merge.csv
    """
    from ..mailmerge import merge_rows, write_merge
    from ..safe_write import guard_output, refuse_writing_over_input, replaced_said
    from ..sources import is_pairs_workbook, load_pairs, load_volunteers

    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise typer.BadParameter(f"'{output.name}' must end in .csv or .xlsx, the two forms "
                                 "Word and Outlook read.", param_hint="'-o'")
    scheme = scheme_for(scheme_file, source)
    finished: list[str] = []  # pairs with both half days done, for the note below
    if is_pairs_workbook(source):
        records, warnings = load_pairs(source, year=scheme.year, start=scheme.start)
        warn(warnings)
        finished = [pair.pair_id for pair in records if pair.complete]
        headers, rows = merge_rows(scheme, pairs=records, allow_placeholders=allow_placeholders)
    else:
        headers, rows = merge_rows(scheme, volunteers=load_volunteers(source, scheme),
                                   allow_placeholders=allow_placeholders)
    refuse_writing_over_input(output, source, "merge file", "workbook",
                              f"merge{output.suffix.lower()}")
    copy = guard_output(output, force, "merge file")
    write_merge(output, headers, rows)
    out.print(f"Wrote {plural(len(rows), 'row')} with {len(headers)} merge fields to "
              f"{escape(str(output))}.")
    if replaced := replaced_said([output], [copy]):
        out.print(escape(replaced))
    if finished:
        named = ", ".join(finished[:10]) + (", ..." if len(finished) > 10 else "")
        out.print(f"Note: {plural(len(finished), 'pair')} ({escape(named)}) "
                  f"{'has' if len(finished) == 1 else 'have'} both half-day visits recorded "
                  "as done. Their rows are in the file, as a certificate needs them; leave "
                  "them out (by PairID) if you merge partner introductions.")


def register(app: typer.Typer) -> None:
    """Add the document commands (documents, templates, render, mailmerge) to ``app``."""
    app.command()(documents)
    app.add_typer(templates_app, name="templates")
    app.command()(render)
    app.command()(mailmerge)
