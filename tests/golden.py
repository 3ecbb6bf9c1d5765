"""The document gallery in examples/documents: every built-in document in every format,
rendered for the example scheme. Tests compare against it byte for byte; after changing a
template, refresh it with ``python -m tests.golden`` and review the diff."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import openpyxl

from wessex_cli.documents import (
    FORMATS,
    DocumentTemplate,
    Recipient,
    list_templates,
    output_paths,
    recipients,
    render_all,
)
from wessex_cli.scheme import Scheme, load_scheme
from wessex_cli.sources import load_render_pairs, load_volunteers_agreed

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GALLERY = EXAMPLES / "documents"
PER_DOCUMENT = 2  # recipients kept per document: enough to show, small enough to review
TODAY = dt.date(2027, 6, 1)


def sent_on(template: DocumentTemplate, scheme: Scheme) -> dt.date:
    """The day the gallery shows ``template`` written: a document sent before the exchange
    starts (front matter 'before_start') on the day 'wessex plan' gives for sending it (the
    business case, which has none, with the call to action), ahead of the replies the
    preferences request asks for; every other one mid-scheme, TODAY. (Dated TODAY, the
    preferences request asked on 1 June for a reply by 9 April.) A document premature before
    the end of the exchange (front matter 'from = "end"', the celebration invitation) on the
    day 'wessex plan' gives for sending it: dated 1 June, the invitation spoke of what the
    visits had taught seven weeks before they were over, as 'render' warns it would."""
    from wessex_cli.timeline import MILESTONES, make_plan

    if template.from_ == "end" and scheme.start is not None:
        return make_plan(scheme.start, scheme).date("invitations")
    if not template.before_start or scheme.start is None:
        return TODAY
    milestone = template.name if template.name in MILESTONES else "call-to-action"
    return make_plan(scheme.start, scheme).date(milestone)


def tracked_pairs(folder: Path) -> Path:
    """A copy of examples/pairs.xlsx with some visits recorded, as mid-scheme."""
    book = openpyxl.load_workbook(EXAMPLES / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header if name}
    sheet.cell(2, col["A hosts B: date"], dt.datetime(2027, 5, 4))
    sheet.cell(2, col["A hosts B: done"], "yes")
    sheet.cell(2, col["B hosts A: date"], "18/5/2027")
    sheet.cell(2, col["B hosts A: done"], "✓")
    sheet.cell(3, col["A hosts B: done"], "y")
    path = folder / "pairs-tracked.xlsx"
    book.save(path)
    return path


def render_gallery(target: Path, work: Path) -> list[Path]:
    scheme = load_scheme(EXAMPLES / "scheme.toml")
    tracked = tracked_pairs(work)
    written = []
    for template in list_templates(scheme):
        people = gallery_recipients(template, scheme, tracked)[:PER_DOCUMENT]
        for fmt in FORMATS:
            paths = output_paths(template, people, fmt, target)
            for path, (_, data) in zip(paths, render_all(template, people, fmt, scheme),
                                       strict=True):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.append(path)
    return written


def gallery_recipients(template: DocumentTemplate, scheme: Scheme, tracked: Path,
                       examples: Path | None = None) -> list[Recipient]:
    """Everyone ``template`` goes to, loaded as 'wessex render' loads them for the command
    the gallery shows: a letter to each volunteer from the volunteer workbook (sent before
    the pairing, its Partner column's agreed partners with it), the introductions from the
    pairs workbook as 'wessex pair' wrote it (sent again mid-scheme, a letter says which half
    days are done), the rest from ``tracked``, mid-scheme; a certificate with the Withdrawn
    sheet's finished pairs, each letter with the pairs of that sheet (whom else someone was
    paired with names it for the partner).
    ``examples``: the folder of the workbooks, EXAMPLES unless given."""
    examples = examples or EXAMPLES
    now = sent_on(template, scheme)
    if template.audience == "volunteer":  # wessex render NAME --volunteers volunteers.xlsx
        # with whom the Partner column already pairs each, whom a letter asks for no choices
        people, agreed = load_volunteers_agreed(examples / "volunteers.xlsx", scheme)
        return recipients(template, scheme, volunteers=people, now=now, agreed=agreed)
    # wessex render NAME --pairs pairs.xlsx
    path = examples / "pairs.xlsx" if template.name == "partner-introduction" else tracked
    read = load_render_pairs(path, template, scheme, now=now)
    return recipients(template, scheme, pairs=read.pairs, now=now, unpaired=read.unpaired,
                      partnered=read.before, record=[*read.every, *read.ended],
                      withdrawn=read.ended)


if __name__ == "__main__":
    import os
    import tempfile

    # as the tests pin it (conftest): Word documents are dated the moment they are written
    os.environ.setdefault("WESSEX_TODAY", TODAY.isoformat())

    shutil.rmtree(GALLERY, ignore_errors=True)
    with tempfile.TemporaryDirectory() as work:
        files = render_gallery(GALLERY, Path(work))
    sys.stdout.write(f"wrote {len(files)} files to {GALLERY}\n")
