"""``wessex equality``'s core: monitoring forms aggregated so that nobody can be picked out.

Disclosure control, in the way official statistics do it: a count of 1 to 7 is shown as
``*`` (primary suppression); every other count is rounded to the nearest 5 and 0 stays 0;
totals are computed from the exact counts and then rounded the same way. A suppressed count
could still be worked out by subtraction from its row or column total, so every row and
column holding one suppressed cell gets a second (secondary suppression). Free-text answers
("please specify") are never printed: they count under "Another answer".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .roster import cell_text
from .spreadsheet import read_grid
from .text import header_key

SUPPRESS_BELOW = 8
PREFER = "Prefer not to say"
OTHER = "Another answer"

QUESTIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # key: (title, header keywords, categories in order)
    "gender": ("Gender", ("gender",), ("Man", "Woman", "Intersex", "Non-binary", OTHER, PREFER)),
    "marriage": ("Married or in a civil partnership", ("married", "civil", "marital", "spouse"),
                 ("Yes", "No", PREFER)),
    "age": ("Age band", ("age",), ("16 to 24", "25 to 29", "30 to 34", "35 to 39", "40 to 44",
                                   "45 to 49", "50 to 54", "55 to 59", "60 to 64", "65 or over",
                                   PREFER)),
    "ethnicity": ("Ethnic group", ("ethnic",), ("White", "Mixed or multiple ethnic groups",
                                                "Asian or Asian British",
                                                "Black, African, Caribbean or Black British",
                                                "Other ethnic group", PREFER)),
    "disability": ("Disability or health condition", ("disab",), ("Yes", "No", PREFER)),
    "sexual_orientation": ("Sexual orientation", ("sexual", "orientation"),
                           ("Heterosexual", "Gay", "Lesbian", "Bisexual", OTHER, PREFER)),
    "religion": ("Religion or belief", ("religion", "belief", "faith"),
                 ("No religion or belief", "Buddhist", "Christian", "Hindu", "Jewish", "Muslim",
                  "Sikh", OTHER, PREFER)),
    "working_pattern": ("Working pattern", ("workingpattern", "fulltime", "parttime"),
                        ("Full-time", "Part-time", PREFER)),
    "flexible_working": ("Flexible working", ("flexible",),
                         ("None", "Annualised hours", "Compressed hours", "Flexi-time",
                          "Flexible shifts", "Homeworking", "Job-share", "Staggered hours",
                          "Term-time hours", OTHER, PREFER)),
    "caring": ("Caring responsibilities", ("caring", "carer"),
               ("None", "Primary carer of a child or children under 18",
                "Primary carer of a disabled child", "Primary carer of a disabled adult",
                "Primary carer of an older person", "Secondary carer", PREFER)),
}
ETHNIC_GROUPS = {
    "White": ("white", "english", "welsh", "scottish", "northern irish", "irish", "british",
              "gypsy", "traveller", "roma"),
    "Mixed or multiple ethnic groups": ("mixed", "multiple", "white and"),
    "Asian or Asian British": ("asian", "indian", "pakistani", "bangladeshi", "chinese"),
    "Black, African, Caribbean or Black British": ("black", "african", "caribbean"),
    "Other ethnic group": ("arab", "other ethnic", "any other ethnic"),
}


def categorise(question: str, answer: str) -> list[str]:
    """The category (or categories, for caring) an answer counts under; [] for blank."""
    text = " ".join(answer.casefold().replace("-", " ").split())
    if not text:
        return []
    if "prefer not" in text:
        return [PREFER]
    categories = QUESTIONS[question][2]
    if question == "ethnicity":
        for group, words in ETHNIC_GROUPS.items():
            if any(text.startswith(w) or f" {w}" in f" {text}" for w in words):
                if group == "White" and any(w in text for w in ("mixed", "white and")):
                    continue
                return [group]
        return ["Other ethnic group"]
    if question == "caring":
        found = []
        for part in (p.strip() for p in text.replace(",", ";").split(";")):
            match = _match(part, categories)
            if match:
                found.append(match)
        return found or [OTHER if OTHER in categories else PREFER]
    if question == "age":
        digits = [int(d) for d in re.findall(r"\d+", text)]
        if digits:
            for category in categories[:-1]:
                low = int(category.split()[0])
                if digits[0] == low or (low == 65 and digits[0] >= 65):
                    return [category]
    match = _match(text, categories)
    return [match or (OTHER if OTHER in categories else categories[-1])]


def _match(text: str, categories: tuple[str, ...]) -> str | None:
    key = header_key(text)
    for category in categories:
        if header_key(category) == key:
            return category
    for category in categories:
        if key and (header_key(category).startswith(key) or key.startswith(header_key(category))):
            return category
    return None


@dataclass
class ProtectedTable:
    """One question's counts by category (rows) and group (columns), made safe to publish."""

    question: str
    title: str
    rows: list[str]  # categories, then "Total"
    columns: list[str]  # "All", then each side
    cells: list[list[str]]  # published values: "*", "0" or a multiple of 5

    def as_json(self) -> dict[str, Any]:
        return {"question": self.question, "title": self.title, "columns": self.columns,
                "rows": [{"category": r, "counts": dict(zip(self.columns, c, strict=True))}
                         for r, c in zip(self.rows, self.cells, strict=True)]}


def round5(value: int) -> int:
    return 5 * ((value + 2) // 5)


def protect(counts: list[list[int]]) -> list[list[str]]:
    """Publishable values for an exact table whose last row and first column are totals.

    ``counts[r][c]``: rows are categories then the total row; column 0 is the overall
    count (the row total of the other columns, or the only column).
    """
    n_rows, n_cols = len(counts), len(counts[0])
    suppressed = [[1 <= counts[r][c] < SUPPRESS_BELOW for c in range(n_cols)]
                  for r in range(n_rows)]
    lines: list[list[tuple[int, int]]] = []
    for r in range(n_rows):  # each row: the groups, then its total (column 0)
        if n_cols > 1:
            lines.append([(r, c) for c in range(1, n_cols)] + [(r, 0)])
    for c in range(n_cols):  # each column: the categories, then its total (last row)
        lines.append([(r, c) for r in range(n_rows)])
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [cell for cell in line if suppressed[cell[0]][cell[1]]]
            if len(hidden) != 1:
                continue
            candidates = [cell for cell in line[:-1] if not suppressed[cell[0]][cell[1]]
                          and counts[cell[0]][cell[1]] > 0]
            target = min(candidates, key=lambda cell: counts[cell[0]][cell[1]]) \
                if candidates else line[-1]
            if not suppressed[target[0]][target[1]]:
                suppressed[target[0]][target[1]] = True
                changed = True
    return [["*" if suppressed[r][c] else str(round5(counts[r][c])) if counts[r][c] else "0"
             for c in range(n_cols)] for r in range(n_rows)]


def find_columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        if key in {"side", "setting", "sector"} or "profession" in key:
            found.setdefault("group", index)
            continue
        for question, (_, words, _) in QUESTIONS.items():
            if question not in found and any(w in key for w in words):
                if question == "age" and not (key.startswith("age") or "ageband" in key):
                    continue
                if question == "religion" and "nonreligion" in key:
                    continue
                found[question] = index
                break
    return found


def aggregate(path: Path, side_of: Any = None) -> tuple[list[ProtectedTable], int]:
    """Read the returned forms and build a protected table per question."""
    from .errors import RosterError

    grid = read_grid(path, "Forms")
    header_index = next((i for i, row in enumerate(grid.rows[:20])
                         if len(find_columns([cell_text(c) for c in row])) >= 2), None)
    if header_index is None:
        raise RosterError("no header row with the monitoring questions was found.",
                          "Use 'wessex equality template' to get a workbook with the right "
                          "columns.", file=path, sheet=grid.sheet)
    headers = [cell_text(c) for c in grid.rows[header_index]]
    columns = find_columns(headers)
    forms = [row for row in grid.rows[header_index + 1:] if any(cell_text(c) for c in row)]
    groups: list[str] = []
    if "group" in columns:
        for row in forms:
            raw = cell_text(row[columns["group"]]) if columns["group"] < len(row) else ""
            group = side_of(raw) if side_of else raw
            groups.append(group or "Not stated")
    group_names = sorted(set(groups))
    tables = []
    for question, (title, _, categories) in QUESTIONS.items():
        if question not in columns:
            continue
        col = columns[question]
        counts = {c: dict.fromkeys(["All", *group_names], 0) for c in categories}
        for index, row in enumerate(forms):
            answer = cell_text(row[col]) if col < len(row) else ""
            for category in categorise(question, answer):
                counts[category]["All"] += 1
                if groups:
                    counts[category][groups[index]] += 1
        names = ["All", *group_names]
        matrix = [[counts[c][g] for g in names] for c in categories]
        matrix.append([sum(row[i] for row in matrix) for i in range(len(names))])
        tables.append(ProtectedTable(question, title, [*categories, "Total"], names,
                                     protect(matrix)))
    return tables, len(forms)


def report_html(tables: list[ProtectedTable], forms: int, scheme_name: str) -> str:
    parts = [f"<h1>Equality monitoring: {html.escape(scheme_name)}</h1>",
             "<p>Counts are rounded to the nearest 5; <strong>*</strong> marks a count too "
             "small to publish (1 to 7) or one hidden so that it cannot be worked out from the "
             f"totals. Forms returned: {round5(forms) if forms >= SUPPRESS_BELOW else '*'}.</p>"]
    for table in tables:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
        body = "".join(
            f"<tr><th>{html.escape(r)}</th>" + "".join(f"<td>{v}</td>" for v in cells) + "</tr>"
            for r, cells in zip(table.rows, table.cells, strict=True))
        parts.append(f"<h2>{html.escape(table.title)}</h2><table><tr><th></th>{head}</tr>"
                     f"{body}</table>")
    style = ("body{font-family:Arial,sans-serif;max-width:50em;margin:2em auto}"
             "table{border-collapse:collapse;margin-bottom:1.5em}"
             "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}"
             "th{text-align:left;background:#eef3f9}")
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
            f"<title>Equality monitoring</title><style>{style}</style></head><body>"
            + "".join(parts) + "</body></html>\n")


def write_template(path: Path) -> None:
    """A collection workbook: one column per question, drop-downs of the categories."""
    from .xlsx_out import SheetSpec, write_workbook

    titles = ["Profession or side"] + [QUESTIONS[q][0] for q in QUESTIONS]
    lists = {QUESTIONS[q][0][:30]: list(QUESTIONS[q][2]) for q in QUESTIONS}
    validations = []
    for index, question in enumerate(QUESTIONS, start=1):
        letter = _col(index - 1)
        size = len(QUESTIONS[question][2]) + 1
        validations.append((index, {"validate": "list",
                                    "source": f"=Lists!${letter}$2:${letter}${size}",
                                    "error_type": "information"}))
    sheet = SheetSpec("Forms", titles, [], widths=dict.fromkeys(range(len(titles)), 24.0),
                      validations=validations)
    write_workbook(path, [sheet], hidden_lists=lists)


def _col(index: int) -> str:
    from .spreadsheet import column_letter

    return column_letter(index)
