"""``wessex preferences import``: the preferences survey's answers into the volunteer workbook.

The survey comes back as Microsoft Forms or Google Forms export it: one row per response,
the respondent's e-mail and name, then one column per question. Each response is matched to
a volunteer by e-mail, then by name (titles, case and accents ignored, small typing slips
forgiven when only one volunteer is that close). Choices, days and adjustments are written
into the workbook with the same safeguards as the pairs workbook (a backup, an atomic save,
refusal while Excel has it open), and a value the administrator already typed is kept unless
``force`` is given. Choices are then read the way ``wessex check`` reads them, so a choice
that names nobody comes back with its "did you mean".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RosterError
from .roster import NO_PREFERENCE, Roster, Volunteer, read_roster, roster_from_grid
from .scheme import Scheme
from .spreadsheet import HEADER_SCAN_ROWS, Grid, cell_ref, cell_text, find_header_row, read_grid
from .text import email_key, fold, header_key, person_key

TARGETS = ("preference_1", "preference_2", "preference_3", "host_days", "visit_days",
           "adjustments")
_ORDINALS = {1: {"1", "1st", "first", "one"}, 2: {"2", "2nd", "second", "two"},
             3: {"3", "3rd", "third", "three"}}
_SKIP = {"id", "starttime", "completiontime", "lastmodifiedtime", "timestamp", "submittedat",
         "submissiontime", "responseid"}
_NAME_KEYS = {"name", "yourname", "fullname", "yourfullname", "respondent", "respondentname"}
NAME_CUTOFF = 85.0  # rapidfuzz score (0-100) for a name with a small slip


@dataclass
class Change:
    """One cell the import wants to fill."""

    person: str
    cell: str  # "Volunteers!L5"
    column: str
    old: str
    new: str
    status: str = "written"  # "written", "overwritten", "kept" (the administrator's value)

    def as_json(self) -> dict[str, str]:
        """The change as plain data for ``--json``."""
        return {"person": self.person, "cell": self.cell, "column": self.column,
                "old": self.old, "new": self.new, "status": self.status}


@dataclass
class ImportResult:
    """What an import did or would do: who answered, who did not, and every cell it fills."""

    answered: list[tuple[str, str, str]] = field(default_factory=list)  # name, email, how
    not_answered: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # responses that match no volunteer
    unresolved: list[tuple[str, str, str]] = field(default_factory=list)  # person, cell, why
    changes: list[Change] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    questions: dict[str, str] = field(default_factory=dict)  # target -> question text
    saved: bool = False  # the workbook was written (never with --dry-run)
    backup: Path | None = None  # the copy kept of the workbook before it was written

    @property
    def written(self) -> list[Change]:
        """The changes that write a cell (new, or replacing a value with ``force``)."""
        return [c for c in self.changes if c.status in ("written", "overwritten")]

    @property
    def kept(self) -> list[Change]:
        """The answers not written because the administrator had already typed a value."""
        return [c for c in self.changes if c.status == "kept"]

    def as_json(self) -> dict[str, Any]:
        """The result as plain data for ``--json``."""
        return {
            "answered": [{"name": n, "email": e, "matched_by": how}
                         for n, e, how in self.answered],
            "not_answered": [{"name": n, "email": e} for n, e in self.not_answered],
            "unknown_respondents": self.unknown,
            "unresolved": [{"name": n, "cell": c, "problem": p} for n, c, p in self.unresolved],
            "changes": [c.as_json() for c in self.changes],
            "duplicates": self.duplicates,
            "questions": self.questions,
            "saved": self.saved,
        }


def classify(header: str) -> list[str]:
    """Which volunteer columns a survey question fills ([] when it is not one of ours)."""
    key = header_key(header)
    words = set(fold(header).split())
    if not key or key in _SKIP:
        return []
    if "adjust" in key or "accessneed" in key or "accessib" in key:
        return ["adjustments"]
    if "day" in key or "when" in words or "availab" in key:
        if "host" in key:
            return ["host_days"]
        if "visit" in key:
            return ["visit_days"]
        return ["host_days", "visit_days"]
    ordinal = bool(words & set().union(*_ORDINALS.values()))
    # "Specialty" alone is the respondent's own (or, in a pairs workbook, a partner's):
    # it is a choice only when the question asks for one.
    wished = "specialt" in key and (ordinal or bool(words & {"like", "visit", "want"}))
    if wished or any(w in key for w in ("choice", "prefer", "colleague")):
        for rank, forms in _ORDINALS.items():
            if words & forms or any(f"{w}choice" in key or f"choice{w}" in key or
                                    f"preference{w}" in key for w in forms):
                return [f"preference_{rank}"]
        return ["preference_?"]
    return []


def _clean(target: str, text: str) -> str:
    if target in ("host_days", "visit_days"):
        # Forms joins ticked boxes with ";" and ends with one: "Monday;Wednesday;"
        parts = [p.strip() for p in re.split(r";", text) if p.strip()]
        return ", ".join(parts)
    return text.strip()


def _header_columns(headers: list[str]) -> tuple[list[int], list[int], dict[int, str]]:
    """A row read as the survey's header: its e-mail columns, name columns, and question
    columns (column -> volunteer column it fills, or "days")."""
    questions: dict[int, str] = {}
    pending: list[int] = []
    for col, header in enumerate(headers):
        found = classify(header)
        if found == ["preference_?"]:
            pending.append(col)
        elif len(found) == 1:
            if found[0] not in questions.values():
                questions[col] = found[0]
        elif found:
            questions[col] = "days"
    free = [f"preference_{k}" for k in (1, 2, 3) if f"preference_{k}" not in
            questions.values()]
    for col, target in zip(pending, free, strict=False):
        questions[col] = target
    emails = [c for c, h in enumerate(headers) if "email" in header_key(h)]
    names = [c for c, h in enumerate(headers) if header_key(h) in _NAME_KEYS or
             header_key(h).startswith("yourname")]
    return emails, names, questions


def _header_score(headers: list[str]) -> int:
    """How many columns of a survey header a row names; 0 unless it has a question we fill
    and an e-mail or name column."""
    emails, names, questions = _header_columns(headers)
    return len(questions) + len(emails) + len(names) if questions and (emails or names) else 0


def _read_responses(path: Path) -> tuple[Grid, int, list[int], list[int], dict[int, str]]:
    """The grid, its header row, e-mail columns, name columns, and question columns."""
    grid = read_grid(path, "Sheet1")
    index = find_header_row(grid.rows, _header_score)
    for row in grid.rows[:HEADER_SCAN_ROWS if index is None else index + 1]:
        keys = {header_key(cell_text(c)) for c in row}
        if {"aname", "bname"} <= keys or {"aemail", "bemail"} <= keys:
            raise RosterError(
                "this is a pairs workbook (it has A and B columns), not the preferences "
                "survey's export.", "Give the file you exported from Microsoft Forms or Google "
                "Forms (.xlsx or .csv).", file=path, sheet=grid.sheet)
    if index is None:
        raise RosterError(
            "no header row with an e-mail or name column and a question about choices, days "
            "or adjustments was found, so this does not look like the preferences survey's "
            "export.",
            "Export the responses from Microsoft Forms or Google Forms as .xlsx or .csv and "
            "give that file.", file=path, sheet=grid.sheet, cell="A1")
    emails, names, questions = _header_columns([cell_text(c) for c in grid.rows[index]])
    return grid, index, emails, names, questions


# How a response was matched to a volunteer, surest first (``_Matcher.match``)
SURENESS = ("e-mail", "name", "name (close match)")


class _Matcher:
    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.by_email = roster.by_key()
        self.names = [person_key(v.name) for v in roster.volunteers]

    def match(self, emails: list[str], names: list[str]) -> tuple[Volunteer, str] | None:
        for email in emails:
            found = self.by_email.get(email_key(email))
            if found is not None:
                return found, "e-mail"
        for name in names:
            exact = self.roster.find(name)
            if len(exact) == 1:
                return exact[0], "name"
        for name in names:
            near = self._near(name)
            if near is not None:
                return near, "name (close match)"
        return None

    def _near(self, name: str) -> Volunteer | None:
        from rapidfuzz import fuzz, process

        key = person_key(name)
        if not key:
            return None
        found = process.extract(key, self.names, scorer=fuzz.token_sort_ratio, limit=2,
                                score_cutoff=NAME_CUTOFF)
        if not found or (len(found) > 1 and found[1][1] >= found[0][1] - 5):
            return None  # nobody close, or two people equally close
        return self.roster.volunteers[found[0][2]]


def import_preferences(responses: Path, volunteers: Path, scheme: Scheme,
                       force: bool = False, dry_run: bool = False) -> ImportResult:
    """Match the responses to volunteers and write their answers into ``volunteers``."""
    if volunteers.suffix.lower() != ".xlsx":
        raise RosterError("wessex can write preferences only into an .xlsx volunteer "
                          "workbook.", "Open it in Excel or LibreOffice and save it as "
                          ".xlsx, then run this again.", file=volunteers)
    if responses.resolve() == volunteers.resolve():
        raise RosterError("the survey export and the volunteer workbook are the same file.",
                          "Give the survey's export first and the volunteer workbook after "
                          "--into.", file=responses)
    roster = read_roster(volunteers, scheme)
    grid, header, email_cols, name_cols, questions = _read_responses(responses)
    headers = [cell_text(c) for c in grid.rows[header]]
    result = ImportResult()
    for col, target in questions.items():
        for name in (("host_days", "visit_days") if target == "days" else (target,)):
            result.questions[name] = headers[col]
    matcher = _Matcher(roster)
    answers: dict[str, tuple[Volunteer, str, dict[str, str]]] = {}
    rows_of: dict[str, int] = {}  # the row each answer used was read from
    for index in range(header + 1, len(grid.rows)):
        row = grid.rows[index]

        def text(col: int, row: list[Any] = row) -> str:
            return cell_text(row[col]) if col < len(row) else ""

        if not any(text(c) for c in range(len(row))):
            continue
        emails = [text(c) for c in email_cols if "@" in text(c)]
        names = [text(c) for c in name_cols if text(c)]
        found = matcher.match(emails, names)
        if found is None:
            who = " / ".join(names + emails) or f"row {index + 1}"
            same = max((len(roster.find(n)) for n in names), default=0)
            why = f": {same} volunteers have this name, so match it by e-mail" if same > 1 else ""
            result.unknown.append(f"{who} ({grid.sheet}!A{index + 1}){why}")
            continue
        volunteer, how = found
        values: dict[str, str] = {}
        for col, target in questions.items():
            value = text(col)
            nothing = header_key(value) in NO_PREFERENCE - {"any", "anyone"}
            if not value or (nothing and target != "days"):
                continue  # "-", "n/a", "none": no choice, no adjustment ("any" day is a day)
            for name in (("host_days", "visit_days") if target == "days" else (target,)):
                values[name] = _clean(name, value)
        if volunteer.key in answers:
            earlier, earlier_how = rows_of[volunteer.key], answers[volunteer.key][1]
            if SURENESS.index(how) > SURENESS.index(earlier_how):
                # a later answer found only by a name close to theirs may be someone else's:
                # it does not replace one matched by their own address or name
                who = " / ".join(names + emails)
                result.duplicates.append(
                    f"{volunteer.name} answered more than once; the answer in row {earlier} "
                    f"(matched by {earlier_how}) is used, not row {index + 1} ('{who}', "
                    f"matched by {how} only): check that row is not someone else's.")
                continue
            result.duplicates.append(f"{volunteer.name} answered more than once; the answer "
                                     f"in row {index + 1} is used.")
        answers[volunteer.key] = (volunteer, how, values)
        rows_of[volunteer.key] = index + 1
    for volunteer, how, _ in answers.values():
        result.answered.append((volunteer.name, volunteer.email, how))
    result.not_answered = [(v.name, v.email) for v in roster.active if v.key not in answers]
    _plan_changes(roster, answers, result, force)
    _resolve(roster, scheme, result)
    if not dry_run and result.written:
        result.backup = _write(volunteers, roster, result)
        result.saved = True
    return result


def _column_index(roster: Roster, grid: Grid) -> dict[str, int]:
    """canonical column -> 0-based index in the header row, for the columns present."""
    header = [cell_text(c) for c in grid.rows[roster.header_row - 1]]
    found = {}
    for canonical, title in roster.columns.items():
        if title in header:
            found[canonical] = header.index(title)
    return found


def _plan_changes(roster: Roster, answers: dict[str, tuple[Volunteer, str, dict[str, str]]],
                  result: ImportResult, force: bool) -> None:
    from .starter import VOLUNTEER_HEADERS

    grid = read_grid(roster.path)
    columns = _column_index(roster, grid)
    width = max((len(r) for r in grid.rows), default=0)
    for target in TARGETS:  # columns the workbook lacks are added at the right
        if target not in columns and any(target in v for _, _, v in answers.values()):
            columns[target] = width
            width += 1
    roster_columns = dict(columns)
    for volunteer, _, values in answers.values():
        row = grid.rows[volunteer.row - 1]
        for target in TARGETS:
            if target not in values:
                continue
            col = roster_columns[target]
            old = cell_text(row[col]) if col < len(row) else ""
            if target.startswith("preference_") and header_key(old) in NO_PREFERENCE:
                old = ""  # "No preference" is no choice: the answer may fill it
            new = values[target]
            title = roster.columns.get(target, VOLUNTEER_HEADERS[target])
            change = Change(volunteer.name, f"{roster.sheet}!{cell_ref(volunteer.row - 1, col)}",
                            title, old, new)
            if old and fold(old) == fold(new):
                continue
            if old:
                change.status = "overwritten" if force else "kept"
            result.changes.append(change)


def _cell_position(cell: str) -> tuple[int, int]:
    """"Volunteers!L5" -> (row index 4, column index 11)."""
    ref = cell.rsplit("!", 1)[-1]
    match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    assert match is not None
    letters, number = match.groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(number) - 1, col - 1


def _resolve(roster: Roster, scheme: Scheme, result: ImportResult) -> None:
    """Read the workbook as it would be after the import, the way ``check`` does; a written
    value that check would call an error is not written, and every problem is reported."""
    from .starter import VOLUNTEER_HEADERS

    grid = read_grid(roster.path)
    rows = [list(r) for r in grid.rows]
    header = roster.header_row - 1
    for change in result.written:
        r, c = _cell_position(change.cell)
        for line in (header, r):
            while len(rows[line]) <= c:
                rows[line].append(None)
        if not cell_text(rows[header][c]):
            canonical = next(k for k, v in VOLUNTEER_HEADERS.items() if v == change.column)
            rows[header][c] = VOLUNTEER_HEADERS[canonical]
        rows[r][c] = change.new
    after = roster_from_grid(Grid(grid.path, grid.sheet, rows, grid.warnings), scheme)
    before = {p.cell + p.message for p in roster.problems}
    touched = {c.cell: c for c in result.written}
    for problem in after.problems:
        hit = touched.get(problem.cell)
        if hit is None or problem.cell + problem.message in before:
            continue
        if problem.severity == "error":
            hit.status = "not written"
            result.unresolved.append((hit.person, problem.cell,
                                      f"{problem.text} It was not written."))
        else:
            result.unresolved.append((hit.person, problem.cell, problem.text))


def _write(path: Path, roster: Roster, result: ImportResult) -> Path | None:
    """Write the answers into their cells with the record's safe edit: locked, symbolic links
    followed, read-only and open files refused, formulas' cached values kept, a backup first
    (returned), and the file replaced in one step."""
    from .workbook_edit import edit_workbook, put_value

    with edit_workbook(path, require=roster.sheet) as book:
        sheet = book[roster.sheet]
        for change in result.written:
            r, c = _cell_position(change.cell)
            head = sheet.cell(roster.header_row, c + 1)
            if head.value in (None, ""):
                put_value(head, change.column)
            target = sheet.cell(r + 1, c + 1)
            book.writable(target, roster.sheet)  # never type over a formula
            put_value(target, change.new)  # text as typed, never a formula
    return book.backup


__all__ = ["ImportResult", "Change", "import_preferences", "classify"]
