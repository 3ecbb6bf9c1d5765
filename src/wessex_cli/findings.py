"""``wessex findings``'s core: the celebration tables' findings, collected and read back.

At the celebration each table fills in the guide's findings form (what should change, who
leads it, by when, how sure the table is that it will happen, and how it could touch health
inequalities) and the group sheet of strengths, weaknesses, opportunities and threats.
``write_template`` writes a workbook to collect both, with drop-down lists; ``read_findings``
reads one or more filled-in workbooks back into an ``ActionPlan`` grouped by lead, with the
actions that still lack a lead or a date listed as such.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import parse_date, why_not
from .errors import RosterError
from .spreadsheet import cell_ref, cell_text, find_header_row, read_grid
from .text import header_key, person_key

ACTIONS_SHEET = "Actions"
SWOT_SHEET = "SWOT"
CONFIDENCE = ("Very confident", "Fairly confident", "Not very confident", "Not at all confident")
INEQUALITY_EFFECTS = ("Should narrow them", "No likely effect", "Could widen them", "Not sure")
SWOT_HEADINGS = ("Strength", "Weakness", "Opportunity", "Threat")
SWOT_PLURAL = {"Strength": "Strengths", "Weakness": "Weaknesses",
               "Opportunity": "Opportunities", "Threat": "Threats"}
NO_LEAD = "No lead named yet"

# Column title -> what it holds. The titles are the workbook's; reading matches them
# forgivingly, so a table that renames "By when" to "Timeline" is still understood.
ACTION_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "table": ("Table", ("table", "tableno", "tablenumber", "group")),
    "action": ("Proposed action", ("proposedaction", "action", "whatwillchange")),
    "lead": ("Lead", ("lead", "proposedlead", "wholeads", "owner", "responsible",
                      "whoisresponsible", "ledby")),
    "support": ("Supported by", ("supportedby", "support", "supporters")),
    "due": ("By when", ("bywhen", "timeline", "proposedtimeline", "deadline", "due", "when")),
    "confidence": ("Confidence", ("confidence", "howconfident", "howsure")),
    "measure": ("How we will know", ("howwewillknow", "selfassessment", "measure",
                                     "howwillweknow")),
    "inequalities": ("Health inequalities", ("healthinequalities", "inequalities",
                                             "effectonhealthinequalities")),
    "notes": ("Notes", ("notes", "comments", "how")),
}
SWOT_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "table": ("Table", ("table", "tableno", "tablenumber", "group")),
    "heading": ("Heading", ("heading", "category", "swot", "type")),
    "point": ("Point", ("point", "what", "text", "comment")),
}
INSTRUCTIONS = [
    ("What this workbook is for", "Each table at the celebration writes down what should "
     "happen next. Send the filled-in workbook back to the scheme administrator."),
    ("Actions sheet", "One row per proposed action. Say who is best placed to lead it, who "
     "can help, and when it could be done: a date, or words such as 'end of March'."),
    ("Confidence", "How sure the table is that the action will happen: pick from the list."),
    ("How we will know", "What would show that the action made a difference, and how the "
     "table would check."),
    ("Health inequalities", "Could the action narrow or widen the gaps in access and outcomes "
     "between groups of patients? Pick from the list and say why under Notes."),
    ("SWOT sheet", "One row per point: pick Strength, Weakness, Opportunity or Threat and "
     "write the point beside it."),
    ("From the group feedback sheet", "What was good: Strength. The challenges: Weakness (or "
     "Threat, for one from outside the exchange). The opportunities, and how to use them: "
     "Opportunity. The next steps: rows of the Actions sheet."),
]


@dataclass
class Action:
    """One proposed action as a table wrote it."""

    action: str
    lead: str
    support: str
    due: dt.date | None
    due_text: str  # as written ("end of March"), empty when blank
    confidence: str
    measure: str
    inequalities: str
    notes: str
    table: str
    source: str  # "tables.xlsx, Actions!B5"

    def as_json(self) -> dict[str, Any]:
        """The action as plain data for ``--json``."""
        return {"action": self.action, "lead": self.lead or None, "support": self.support,
                "due": self.due.isoformat() if self.due else None,
                "due_text": self.due_text or None, "confidence": self.confidence,
                "measure": self.measure, "health_inequalities": self.inequalities,
                "notes": self.notes, "table": self.table, "source": self.source}


@dataclass
class SwotPoint:
    """One strength, weakness, opportunity or threat as a table wrote it, with its cell."""

    heading: str
    point: str
    table: str
    source: str


@dataclass
class ActionPlan:
    """Every table's actions and SWOT points, with what could not be read as warnings."""

    actions: list[Action]
    swot: list[SwotPoint]
    files: list[Path]
    warnings: list[str] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[Action]]]:
        """Actions by lead (leads in name order, the unled last), each soonest first."""
        by_lead: dict[str, list[Action]] = {}
        shown: dict[str, str] = {}
        for action in self.actions:
            key = person_key(action.lead) if action.lead else ""
            shown.setdefault(key, action.lead or NO_LEAD)
            by_lead.setdefault(key, []).append(action)
        order = sorted((k for k in by_lead if k), key=lambda k: shown[k].casefold())
        if "" in by_lead:
            order.append("")
        return [(shown[k], sorted(by_lead[k], key=_due_order)) for k in order]

    @property
    def without_lead(self) -> list[Action]:
        """Actions nobody has agreed to lead: the plan lists them apart to be picked up."""
        return [a for a in self.actions if not a.lead]

    @property
    def without_date(self) -> list[Action]:
        """Actions with no date or time frame, listed apart so they get one."""
        return [a for a in self.actions if not a.due and not a.due_text]

    def swot_by_heading(self) -> dict[str, list[SwotPoint]]:
        """The SWOT points under each heading, in the usual order, every heading present."""
        return {h: [p for p in self.swot if p.heading == h] for h in SWOT_HEADINGS}

    def inequality_counts(self) -> dict[str, int]:
        """How many actions may narrow, widen or not touch health inequalities, and how many did not
        say."""
        counts = dict.fromkeys(INEQUALITY_EFFECTS, 0)
        counts["Not considered"] = 0
        for action in self.actions:
            key = action.inequalities if action.inequalities in counts else (
                "Not considered" if not action.inequalities else "Not sure")
            counts[key] += 1  # every action counted once, so the parts add up to the whole
        return counts

    def as_json(self) -> dict[str, Any]:
        """The plan as plain data for ``--json``, grouped by lead."""
        return {
            "files": [p.name for p in self.files],
            "groups": [{"lead": lead if lead != NO_LEAD else None,
                        "actions": [a.as_json() for a in actions]}
                       for lead, actions in self.groups()],
            "without_lead": len(self.without_lead),
            "without_date": len(self.without_date),
            "swot": {SWOT_PLURAL[h]: [{"point": p.point, "table": p.table} for p in points]
                     for h, points in self.swot_by_heading().items()},
            "health_inequalities": self.inequality_counts(),
            "warnings": self.warnings,
        }


def _due_order(action: Action) -> tuple[int, dt.date, str]:
    """Dated actions and those whose words name a month or a season ("end of September",
    "Spring 2028") in time order, then the other worded ones, then those with none."""
    from .dates import today

    when = action.due or (approximate_due(action.due_text, today()) if action.due_text else None)
    if when:
        return (0, when, action.action.casefold())
    return (1 if action.due_text else 2, dt.date.max, action.action.casefold())


# a season as the month it ends with, as "by spring" is read
_SEASONS = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}


def approximate_due(text: str, now: dt.date) -> dt.date | None:
    """The day worded time frame most plainly means, to put it in order among dates: "end
    of September" the last of the next September from ``now`` (the year when it says one),
    "early March" the 1st, "mid-June" the 15th, a season the end of its last month, "by
    Christmas" 25 December, "end of the financial year" 31 March; None for words that name
    no month or season ("when funding allows"). Only for ordering: the plan shows the words
    as written."""
    import calendar

    from .dates import MONTHS

    words = re.findall(r"[a-z]+|\d{4}", text.casefold())
    said = set(words)
    years = [int(w) for w in words if w.isdigit()]

    def next_one(month: int, day: int = 0) -> dt.date:
        """That day (with ``day`` 0, that month) in the year written, else the next one from
        ``now``: "end of August" on 5 August is this August's."""
        passed = (month, day) < (now.month, now.day) if day else month < now.month
        year = years[0] if len(years) == 1 else now.year + passed
        return dt.date(year, month, day or 1)

    if {"financial", "year"} <= said:  # the NHS's year: to 31 March
        return next_one(3, 31)
    if "christmas" in said:
        return next_one(12, 25)
    if {"end", "year"} <= said or "yearend" in said:
        return next_one(12, 31)
    # "may" is a month only as "May": "we may need funding" names none
    months = [MONTHS[w] for w in words if w in MONTHS and
              (w != "may" or re.search(r"\bMay\b", text))]
    seasons = [_SEASONS[w] for w in words if w in _SEASONS]
    if len(months) + len(seasons) != 1:
        return None  # none, or "March or April": no one month to go by
    month = (months or seasons)[0]
    last = next_one(month)  # the month meant, in the year meant
    day = 1 if {"early", "start", "beginning"} & said else 15 if {"mid", "middle"} & said \
        else calendar.monthrange(last.year, month)[1]
    return last.replace(day=day)


def write_template(path: Path, tables: int = 12) -> None:
    """The collection workbook: Actions and SWOT sheets with drop-downs, and instructions."""
    from .xlsx_out import SheetSpec, write_workbook

    # The lists are short, so each is written into its validation itself (Excel allows
    # 255 characters), which needs no hidden sheet to keep in step.
    lists = {"Confidence": list(CONFIDENCE), "Health inequalities": list(INEQUALITY_EFFECTS),
             "Heading": list(SWOT_HEADINGS), "Table": [str(n) for n in range(1, tables + 1)]}

    def listed(name: str, message: str) -> dict[str, Any]:
        return {"validate": "list", "source": lists[name], "error_type": "information",
                "input_title": name, "input_message": message}

    action_titles = [title for title, _ in ACTION_COLUMNS.values()]
    col = {key: n for n, key in enumerate(ACTION_COLUMNS)}
    actions = SheetSpec(
        ACTIONS_SHEET, action_titles, [],
        widths={col["table"]: 8, col["action"]: 50, col["lead"]: 24, col["support"]: 24,
                col["due"]: 14, col["confidence"]: 20, col["measure"]: 40,
                col["inequalities"]: 22, col["notes"]: 40},
        wrap_columns=frozenset({col["action"], col["measure"], col["notes"]}),
        validations=[
            (col["table"], listed("Table", "Your table's number.")),
            (col["confidence"], listed("Confidence", "How sure is the table that this will "
                                                     "happen?")),
            (col["inequalities"], listed("Health inequalities", "Could this narrow or widen "
                                                               "health inequalities?")),
        ])
    swot = SheetSpec(SWOT_SHEET, [title for title, _ in SWOT_COLUMNS.values()], [],
                     widths={0: 8, 1: 16, 2: 80}, wrap_columns=frozenset({2}),
                     validations=[(0, listed("Table", "Your table's number.")),
                                  (1, {**listed("Heading", "Strength, Weakness, Opportunity "
                                                           "or Threat."), "error_type": "stop"})])
    instructions = SheetSpec("Instructions", ["Topic", "What to do"], INSTRUCTIONS,
                             widths={0: 26, 1: 100}, wrap_columns=frozenset({1}))
    write_workbook(path, [actions, swot, instructions])


def _columns(headers: list[str], known: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        for name, (title, aliases) in known.items():
            if name not in found and (key == header_key(title) or key in aliases):
                found[name] = index
                break
    return found


def _header_row(rows: list[list[Any]], known: dict[str, tuple[str, tuple[str, ...]]],
                needed: str) -> tuple[int, dict[str, int]] | None:
    """The header row (the one naming the most of ``known``, ``needed`` among them and at
    least two in all) and where each known column is; None when no row qualifies."""

    def score(texts: list[str]) -> int:
        columns = _columns(texts, known)
        return len(columns) if needed in columns else 0

    index = find_header_row(rows, score, minimum=2)
    if index is None:
        return None
    return index, _columns([cell_text(c) for c in rows[index]], known)


def _pick(heading: str) -> str | None:
    """The SWOT heading a table meant: the word, its plural, its initial, a common synonym,
    or a small slip ("Strenght")."""
    from rapidfuzz import fuzz, process

    key = header_key(heading)
    if not key:
        return None
    for name in SWOT_HEADINGS:
        if key in (header_key(name), header_key(SWOT_PLURAL[name]), header_key(name)[0]):
            return name
    aliases = {"good": "Strength", "challenge": "Weakness", "challenges": "Weakness",
               "risk": "Threat", "risks": "Threat"}
    if key in aliases:
        return aliases[key]
    spellings = {header_key(w): name for name in SWOT_HEADINGS for w in (name, SWOT_PLURAL[name])}
    found = process.extractOne(key, list(spellings), scorer=fuzz.ratio, score_cutoff=80)
    return spellings[found[0]] if found else None


def _due(value: Any) -> tuple[dt.date | None, str]:
    """A 'by when' cell as a date, or None when it is words ("end of March", "Spring 2028",
    which stay as written); the second value says why a would-be date was not taken.

    Dates are read by ``parse_date``, as visit reads the tracking cells (2027/05/04 and
    4-May-27 too). Only a whole date is a date: "March 2028" and "4/5" name no day or no
    year, so they stay words; "2027-13-01" is a slip, not 13 January, and is warned of."""
    if value is None or isinstance(value, bool):
        return None, ""
    text = cell_text(value)
    try:
        return parse_date(value), ""
    except ValueError as error:
        if not isinstance(value, str):  # a number that is no Excel date
            return None, f"'{text}' under By when is not a date; it is kept as written."
        why = why_not(error)  # "February 2027 has no 31st"; "" for words
        if not why:
            return None, ""
        return None, (f"'{text}' under By when is not a real date ({why}); it is kept "
                      "as written. Correct it in the workbook.")


def _either(choices: tuple[str, ...]) -> str:
    """A drop-down's choices as a warning names them: "A, B or C"."""
    return f"{', '.join(choices[:-1])} or {choices[-1]}"


def _listed(text: str, choices: tuple[str, ...]) -> str:
    """A drop-down answer in the list's own wording when only its case differs."""
    for choice in choices:
        if text.casefold() == choice.casefold():
            return choice
    return text


# "reduce", "lessen" and "increase" say which way the gaps go only when nothing follows
# them but the gaps themselves: "increase access" or "reduce waiting times" is what the
# action does, not its effect on inequalities (increasing access narrows them), and is
# warned about rather than counted; a dash or a bracket may follow ("Reduce - by better
# access": the answer, then why), and "reducing" or "increasing" say it as well
_OF_THE_GAPS = (r"[a-z]*(?=\s*(?:$|[.,;:!?)(\-\u2013\u2014]|(?:(?:the|health|these|those)\s+)*"
                r"(?:gaps?\b|inequalit|disparit|differences?\b|them\b|it\b)))")
# Typed answers to Health inequalities: words whose start names each effect
INEQUALITY_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("narrow", "reduc" + _OF_THE_GAPS, "lessen" + _OF_THE_GAPS, "close the gap"),
     "Should narrow them"),
    (("widen", "worsen", "increas" + _OF_THE_GAPS), "Could widen them"),
    (("no effect", "no likely", "none", "neutral", "no difference"), "No likely effect"),
    (("not sure", "unsure", "don't know", "do not know", "unknown"), "Not sure"))
# (each a regular expression: only _OF_THE_GAPS and the apostrophe are not plain letters)


def _inequality(text: str) -> str | None:
    """The Health inequalities answer as one of the list ("" when blank), forgiving typed
    answers ("narrow", "unsure"); None when it cannot be placed, as one naming two effects
    ("narrow or widen"). A question mark after an effect ("widen?") says the table was
    unsure of it."""
    if not text:
        return ""
    listed = _listed(text, INEQUALITY_EFFECTS)
    if listed in INEQUALITY_EFFECTS:
        return listed
    words = text.casefold().replace("\u2019", "'")
    found = {effect for stems, effect in INEQUALITY_WORDS
             if any(re.search(rf"(?<![a-z]){stem}", words) for stem in stems)}
    if found and "?" in words or "Not sure" in found:  # "maybe?" alone is still warned about
        return "Not sure"
    return found.pop() if len(found) == 1 else None


def read_findings(paths: Iterable[Path]) -> ActionPlan:
    """Every action and SWOT point of the filled-in workbooks, in file and row order."""
    actions: list[Action] = []
    swot: list[SwotPoint] = []
    warnings: list[str] = []
    files: list[Path] = []
    for path in paths:  # the same workbook named twice would count every action twice
        if any(path.resolve() == seen.resolve() for seen in files):
            warnings.append(f"{path.name} was given more than once; it is read once.")
        else:
            files.append(path)
    for path in files:
        grid = read_grid(path, ACTIONS_SHEET)
        found = _header_row(grid.rows, ACTION_COLUMNS, "action")
        if found is None:
            raise RosterError(
                "no row of column headers with 'Proposed action' was found, so this is not a "
                "findings workbook.", "Use 'wessex findings template' to get one.",
                file=path, sheet=grid.sheet)
        header, columns = found
        for name in ("lead", "due"):
            if name not in columns:
                title = ACTION_COLUMNS[name][0]
                warnings.append(f"{path.name}, {grid.sheet} row {header + 1}: no '{title}' "
                                f"column was found, so no action in it has a {title.lower()}. "
                                f"Name the column '{title}' and run again.")
        for index in range(header + 1, len(grid.rows)):
            row = grid.rows[index]

            def value(name: str, row: list[Any] = row, columns: dict[str, int] = columns) -> Any:
                col = columns.get(name)
                return row[col] if col is not None and col < len(row) else None

            text = {name: cell_text(value(name)) for name in ACTION_COLUMNS}
            if not any(text.values()):
                continue
            # where each cell of the row is, for a warning about it (a plan is a few rows)
            at = {name: f"{path.name}, {grid.sheet}!{cell_ref(index, col)}"
                  for name, col in columns.items()}
            where = at["action"]
            if not text["action"]:
                warnings.append(f"{where}: a row with no action was left out.")
                continue
            due, problem = _due(value("due"))
            if problem:
                warnings.append(f"{at['due']}: {problem}")
            confidence = _listed(text["confidence"], CONFIDENCE)
            if confidence and confidence not in CONFIDENCE:
                warnings.append(f"{at['confidence']}: '{confidence}' under Confidence is not "
                                "one of the list; it is shown as written. To have it read as "
                                f"one, pick {_either(CONFIDENCE)} in its drop-down.")
            inequalities = _inequality(text["inequalities"])
            if inequalities is None:
                warnings.append(f"{at['inequalities']}: '{text['inequalities']}' under Health "
                                "inequalities is not one of the list; it is counted as "
                                "'Not sure'. If the table said more, pick "
                                f"{_either(INEQUALITY_EFFECTS[:-1])} in its drop-down.")
                inequalities = "Not sure"
            actions.append(Action(
                text["action"], text["lead"], text["support"], due,
                text["due"], confidence, text["measure"], inequalities,
                text["notes"], text["table"], where))
        swot.extend(_read_swot(path, warnings))
    return ActionPlan(actions, swot, files, warnings)


def _read_swot(path: Path, warnings: list[str]) -> list[SwotPoint]:
    grid = read_grid(path, SWOT_SHEET, only=True)
    if not grid.is_sheet(SWOT_SHEET):
        return []
    found = _header_row(grid.rows, SWOT_COLUMNS, "point")
    if found is None:
        return []
    header, columns = found
    points = []
    for index in range(header + 1, len(grid.rows)):
        row = grid.rows[index]
        cells = {n: cell_text(row[c]) if c < len(row) else "" for n, c in columns.items()}
        if not cells.get("point"):
            continue
        where = f"{path.name}, {grid.sheet}!{cell_ref(index, columns['point'])}"
        heading = _pick(cells.get("heading", ""))
        if heading is None:
            typed = cells.get("heading", "")
            column = columns.get("heading", columns["point"])
            warnings.append(f"{path.name}, {grid.sheet}!{cell_ref(index, column)}: " +
                            (f"'{typed}' is not" if typed else "the point has no heading: pick") +
                            " Strength, Weakness, Opportunity or Threat; the point was left out.")
            continue
        points.append(SwotPoint(heading, cells["point"], cells.get("table", ""), where))
    return points
