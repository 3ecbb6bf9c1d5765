"""The document gallery in examples/documents: every built-in document in every format,
rendered for the example scheme. Tests compare against it byte for byte; after changing a
template, refresh it with ``python -m tests.golden`` and review the diff."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import openpyxl

from wessex_cli.documents import FORMATS, list_templates, output_paths, recipients, render_all
from wessex_cli.scheme import load_scheme
from wessex_cli.sources import load_pairs_ended, load_volunteers

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GALLERY = EXAMPLES / "documents"
PER_DOCUMENT = 2  # recipients kept per document: enough to show, small enough to review
TODAY = dt.date(2027, 6, 1)


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
    # each with the pairs of its Withdrawn sheet, as 'wessex render' reads them: a letter
    # about one pair to someone paired before with another is named for the partner
    pairs, ended, _ = load_pairs_ended(tracked_pairs(work), now=TODAY)
    # the introductions go out before any visit, from the workbook as 'wessex pair' wrote
    # it (sent again mid-scheme, a letter says which half days are done)
    fresh, ended_fresh, _ = load_pairs_ended(EXAMPLES / "pairs.xlsx", now=TODAY)
    volunteers = load_volunteers(EXAMPLES / "volunteers.xlsx", scheme)
    written = []
    for template in list_templates(scheme):
        introducing = template.name == "partner-introduction"
        people = recipients(template, scheme, volunteers=volunteers,
                            pairs=fresh if introducing else pairs, now=TODAY,
                            record=ended_fresh if introducing else ended)[:PER_DOCUMENT]
        for fmt in FORMATS:
            paths = output_paths(template, people, fmt, target)
            for path, (_, data) in zip(paths, render_all(template, people, fmt, scheme),
                                       strict=True):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.append(path)
    return written


if __name__ == "__main__":
    import tempfile

    shutil.rmtree(GALLERY, ignore_errors=True)
    with tempfile.TemporaryDirectory() as work:
        files = render_gallery(GALLERY, Path(work))
    sys.stdout.write(f"wrote {len(files)} files to {GALLERY}\n")
