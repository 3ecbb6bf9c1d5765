"""The pairs workbook changed in place: ``wessex visit`` (a half day or a reflection in a
pair's row), ``wessex withdraw`` (a pair moved to the Withdrawn sheet) and ``wessex pair
--keep`` (a new pairing carried in, the administrator's own columns with it).

A person's row is found by name or address as every reader finds it, or by a surname or
first name that nobody else in the workbook has (``text.named``): never a guess between
two. Opening and saving without losing anything is ``workbook_edit``'s; deleting and adding
rows as Excel would, ``sheet_rows``'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import NotInAPair, TrackingError
from .ignored_errors import grown_marks
from .model import (
    HALVES,
    PairRecord,
    PairsWorkbook,
    Person,
    Placement,
    copied_rows,
    how_paired_text,
    standard_id,
)
from .pairs_workbook import (
    INPUT_SETTING,
    MOVED_SETTING,
    PAIRS_SETTING,
    REFLECTION_COLUMNS,
    VISIT_COLUMNS,
    WITHDRAWN_HEADERS,
    PairsLayout,
    find_pairs_header,
    ids_listed,
    ids_with,
    ids_without,
    person_header,
    refuse_pairs_above,
    setting_values,
    side_key,
    side_labels,
)
from .safe_write import real_path, refuse_if_open, refuse_if_read_only, shown_backup
from .sheet_rows import (
    delete_rows,
    extend_ranges_down,
    grown_ranges,
    insert_rows,
    rows_cannot_move,
)
from .sources import volunteers_argument
from .spreadsheet import cell_text, same_sheet
from .text import (
    did_you_mean,
    email_key,
    first_columns,
    first_few,
    header_key,
    named,
    names_by_part,
    person_key,
    plural,
)
from .wording import day_month_year
from .workbook_edit import (
    Workbook,
    append_values,
    column_width,
    edit_workbook,
    is_formula,
    put_date,
    put_value,
)
from .workbook_notes import copy_note

if TYPE_CHECKING:
    from .xlsx_out import SheetSpec


def _shown(book: Workbook | None, cell: Any) -> Any:
    return book.shown(cell) if book is not None else cell.value


def header_map(sheet: Any, book: Workbook | None = None) -> dict[str, int]:
    """header_key -> 1-based column of a Pairs (or Withdrawn) sheet, from the header row the
    calamine reader would find (``pairs_workbook.find_pairs_header``); ``"__row__"`` holds
    that row's number."""
    from .spreadsheet import HEADER_SCAN_ROWS

    rows = [[_shown(book, c) for c in row]
            for row in sheet.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS)]
    index = find_pairs_header(rows, sheet.title)
    if index is None and sheet.max_row > HEADER_SCAN_ROWS:  # sorted below many pairs?
        rows = [[_shown(book, c) for c in row] for row in sheet.iter_rows(min_row=1)]
        index = find_pairs_header(rows, sheet.title)
    path = book.path if book is not None else None  # named in a refusal, as status names it
    if index is None:
        if same_sheet(sheet.title, "Withdrawn"):
            raise TrackingError("the Withdrawn sheet has no header row with 'Withdrawn "
                                "person'.", "Restore the header row as 'wessex withdraw' "
                                "wrote it.", file=path, sheet=sheet.title)
        raise TrackingError("the Pairs sheet has no header row with 'A email' and 'B email'.",
                            "Restore the header row as 'wessex pair' wrote it.", file=path,
                            sheet="Pairs")
    refuse_pairs_above(rows, index, sheet.title, path)
    keys = first_columns([cell_text(value) for value in rows[index]], start=1)
    keys["__row__"] = index + 1
    return keys


def find_rows(sheet: Any, columns: dict[str, int], who: str,
              book: Workbook | None = None) -> tuple[list[Placement], bool]:
    """The pairs in which ``who`` is person A or B, each read into the model as the calamine
    reader reads it (``pairs_workbook.PairsLayout``), and whether they were found by part of
    a name. ``who`` is an e-mail, a name (titles, case and accents aside), or, when it is
    nobody's name in the sheet, a surname or first name (``text.named``): then everyone it
    names, for ``pick_row`` to refuse several."""
    wanted_email = email_key(who) if "@" in who else None
    header_row = columns["__row__"]
    layout = PairsLayout([cell_text(_shown(book, c)) for c in sheet[header_row]],
                         labels=_side_labels(book))
    places = []
    for number, cells in enumerate(sheet.iter_rows(min_row=header_row + 1), start=header_row + 1):
        pair = layout.pair([_shown(book, c) for c in cells], number, sheet.title)
        if pair is not None:
            places += [Placement(pair, half) for half in HALVES]
    if wanted_email:
        return [place for place in places if place.person.key == wanted_email], False
    positions, by_part = named(who, [place.person.name for place in places])
    if not positions:
        _refuse_a_pair_id(who, places, book)
    return [places[n] for n in positions], by_part


def _refuse_a_pair_id(who: str, places: list[Placement], book: Workbook | None) -> None:
    """Refuse ``who`` when it is no one's name but the ID of a pair in the sheet ('P001',
    copied from the status table's first column): the command names a person, and which of
    the two is meant (who hosted, who withdraws) only the administrator can say."""
    wanted = standard_id(who.strip()).casefold()  # 'x3' for X3, as 'p2' for P002
    pairs = {place.pair.row: place.pair for place in places
             if place.pair.pair_id.casefold() == wanted}
    if not wanted or len(pairs) != 1:
        return  # no pair holds it, or two rows do, which every reading already warns of
    pair = next(iter(pairs.values()))
    people = [person.name or person.email for person in pair.people]
    raise TrackingError(
        f"'{who}' is not a person but the ID of the pair of {people[0]} and {people[1]} (Pairs "
        f"row {pair.row}).", "Give the name or e-mail address of the one you mean in place of "
        f"the pair ID: {people[0]} or {people[1]}.",
        file=book.path if book is not None else None)


def _type_more(names: Iterable[str]) -> str:
    """How to say which of several people: their full name when it tells them apart, else
    their address."""
    keys = [person_key(name) for name in names]
    if len(set(keys)) == len(keys):
        return "Type the full name or the e-mail address of the one you mean."
    return "Give the e-mail address of the one you mean in place of the name."


def _people_off_the_pairs_sheet(recorded: PairsWorkbook) -> list[tuple[str, Person, str]]:
    """(identity, person, where) of each person on the Withdrawn and Unpaired sheets, once
    each; identity is the e-mail key, or the name's key for someone without one."""
    found: dict[str, tuple[str, Person, str]] = {}

    def add(person: Person, where: str) -> None:
        identity = person.key or "name:" + person_key(person.name)
        if person.name or person.key:
            found.setdefault(identity, (identity, person, where))

    for pair in recorded.withdrawn:
        add(pair.a, "Withdrawn sheet")
        add(pair.b, "Withdrawn sheet")
    for left in recorded.withdrawals:
        add(Person(name=left.person, email=left.key), "Withdrawn sheet")
    for person in recorded.unpaired:
        add(person, "Unpaired sheet")
    return list(found.values())


def _side_labels(book: Workbook | None) -> tuple[str, ...]:
    """Each side's label as the Summary sheet of ``book`` (open for a change) gives it, for
    its Side cells to be read by (``pairs_workbook.side_labels``); none without the sheet."""
    from .spreadsheet import Grid

    if book is None or not book.has_sheet("Summary"):
        return ()
    sheet = book["Summary"]
    return side_labels(Grid(book.path, sheet.title, [[book.shown(cell) for cell in row]
                                                     for row in sheet.iter_rows(max_col=2)]))


def _side_sheets(book: Workbook) -> PairsWorkbook:
    """The Withdrawn and Unpaired sheets of the workbook open for a change, read from it as
    the calamine reader reads them from the file (``pairs_workbook.withdrawn_rows`` and
    ``unpaired_rows``); its pairs are not read."""
    from .pairs_workbook import unpaired_rows, withdrawn_rows
    from .spreadsheet import Grid

    def grid(title: str) -> Grid:
        if not book.has_sheet(title):
            return Grid(book.path, "", [])
        sheet = book[title]
        return Grid(book.path, sheet.title,
                    [[book.shown(cell) for cell in row] for row in sheet.iter_rows()])

    labels = _side_labels(book)
    withdrawn, withdrawals = withdrawn_rows(grid("Withdrawn"), labels=labels)
    return PairsWorkbook(book.path, [], [], withdrawn, withdrawals,
                         unpaired_rows(grid("Unpaired"), labels=labels))


def refuse_others_by_part(book: Workbook, who: str, rows: list[Placement],
                          by_part: bool) -> None:
    """When ``who`` found ``rows`` of the Pairs sheet by a surname or first name only
    (``by_part``, as ``find_rows`` tells it), refuse if it also names someone on the
    Withdrawn or Unpaired sheet of ``book`` (open for the change): never a guess between two
    people of the scheme. Several people in the Pairs sheet alone are ``pick_row``'s."""
    if not by_part or not rows:
        return
    path = book.path
    mine = {r.person.key for r in rows}
    others = [(person, where) for identity, person, where in
              _people_off_the_pairs_sheet(_side_sheets(book))
              if identity not in mine and names_by_part(who, person.name)]
    if not others:
        return
    people = {r.person.key: r.person for r in rows}
    listed = [f"{p.name} <{p.email}> (Pairs row "
              f"{', '.join(str(r.pair.row) for r in rows if r.person.key == k)})"
              for k, p in people.items()]
    listed += [f"{p.name} <{p.email}> ({where})" if p.email else f"{p.name} ({where})"
               for p, where in others]
    raise TrackingError(f"'{who}' names {len(listed)} people in the pairs workbook: "
                        f"{'; '.join(listed)}.",
                        _type_more([*(p.name for p in people.values()),
                                    *(p.name for p, _ in others)]), file=path)


def names_in(sheet: Any, columns: dict[str, int], book: Workbook | None = None) -> list[str]:
    """Everyone named in the Pairs sheet, for suggestions."""
    found = []
    for key in (header_key(person_header(h, "name")) for h in HALVES):
        if key in columns:
            found += [cell_text(_shown(book, sheet.cell(r, columns[key])))
                      for r in range(columns["__row__"] + 1, sheet.max_row + 1)]
    return [n for n in found if n]


def pick_row(rows: list[Placement], who: str, partner: str | None, book: Workbook,
             everyone: Callable[[], list[str]] = list,
             doing: str = "there is no pair to change", copies_refused: bool = False
             ) -> Placement:
    """The one place of ``who`` to change (with ``partner``, if given) in ``book`` (open for
    the change), or a TrackingError that says why there is none or which partner to name.
    ``copies_refused``: a pair in two rows was refused among all of ``rows`` already
    (``withdraw``), not to be sought again."""
    path = book.path
    any_rows = bool(rows)
    if partner and "@" in partner:
        rows = [r for r in rows if r.partner.key == email_key(partner)]
    elif partner:  # a name, or a surname or first name that only one of them has
        rows = [rows[n] for n in named(partner, [r.partner.name for r in rows])[0]]
    if not rows:
        if not any_rows:
            refuse_if_in_no_pair(book, who, doing)
        hint = did_you_mean(who, everyone()) if not partner else ""
        raise TrackingError(f"nobody called '{who}'{' paired with ' + partner if partner else ''}"
                            " is in the Pairs sheet.", hint + "Use the name or e-mail as in the "
                            "workbook; 'wessex status' lists everyone.", file=path)
    same = {r.pair.couple for r in rows}
    if len(same) == 1 and not copies_refused:
        refuse_copied_rows((r.pair for r in rows), path)
    people = {r.person.key: r.person for r in rows}
    if len(people) > 1:
        # several people of that name (two in one pair, even): which of them is the question,
        # and only an address answers it; "more than one pair" would be untrue of each
        listed = "; ".join(f"{p.name} <{p.email}> (row "
                           f"{', '.join(str(r.pair.row) for r in rows if r.person.key == k)})"
                           for k, p in people.items())
        raise TrackingError(f"'{who}' names {len(people)} people in the Pairs sheet: {listed}.",
                            _type_more(p.name for p in people.values()), file=path)
    if len(rows) > 1:
        names = "; ".join(
            f"row {r.pair.row}: {r.pair.a.name} and {r.pair.b.name}" for r in rows)
        # the partner's e-mail when it has one: it needs no quoting in any shell, and a name
        # such as Zoë "Zed" O'Neil would break the quotes around it
        others = [r.partner.email or r.partner.name for r in rows]
        partners = " or ".join(f"--partner {o}" if "@" in o and " " not in o
                               else f'--partner "{o}"' for o in others)
        also = "" if "@" in who else "; an e-mail address also tells people with the same " \
            "name apart"
        raise TrackingError(f"'{who}' has more than one pair ({names}).",
                            f"Say which with {partners}{also}.", file=path)
    return rows[0]


def refuse_copied_rows(pairs: Iterable[PairRecord], path: Path,
                       so: str = "wessex cannot tell which row to change.") -> None:
    """Refuse when one of ``pairs`` stands in two rows or more of the Pairs sheet (a row
    copied to keep a second note, say), saying what would follow (``so``): which row to
    change cannot be told, or (``pair --keep``) the pair would be kept twice."""
    for same in copied_rows(pairs):
        numbers = " and ".join(str(number) for number in sorted(p.row for p in same))
        raise TrackingError(f"rows {numbers} of the Pairs sheet both hold the pair of "
                            f"{same[0].a.name} and {same[0].b.name}, so {so}",
                            "Keep one row: move anything typed in the others into it, delete "
                            "them, and run the command again.", file=path, sheet="Pairs")


def refuse_if_in_no_pair(book: Workbook, who: str, doing: str) -> None:
    """Explain why ``who`` is in no pair on the Pairs sheet, rather than saying nobody of
    that name exists: they withdrew (Withdrawn sheet), the pairing found them no partner
    (Unpaired sheet), or their partner withdrew and nobody new has been found. The sheets
    are read from ``book``, open for the change, not from the file again."""
    path = book.path
    recorded = _side_sheets(book)
    wanted = email_key(who) if "@" in who else None
    if wanted is None:  # a surname or first name: of one person on these sheets, or refused
        everyone = _people_off_the_pairs_sheet(recorded)
        positions, by_part = named(who, [person.name for _, person, _ in everyone])
        if by_part and len(positions) > 1:
            listed = "; ".join(f"{p.name} <{p.email}> ({where})" if p.email else
                               f"{p.name} ({where})"
                               for _, p, where in (everyone[n] for n in positions))
            raise TrackingError(f"'{who}' names {len(positions)} people in the pairs "
                                f"workbook, none of them in the Pairs sheet: {listed}.",
                                _type_more(everyone[n][1].name for n in positions), file=path)
        if by_part and positions:
            who = everyone[positions[0]][1].name

    def is_who(key: str, name: str) -> bool:
        return bool(key == wanted) if wanted else bool(name) and person_key(name) == \
            person_key(who)

    for left in reversed(recorded.withdrawals):  # the latest row says it best
        if is_who(left.key, left.person):
            gone = "the scheme" if left.whole_scheme else f"pair {left.pair_id}"
            raise TrackingError(
                f"{left.person} withdrew from {gone} on {left.said_when} (Withdrawn sheet), so "
                f"{doing}.",
                "A half day that took place before then can be typed in the pair's row on the "
                "Withdrawn sheet. If they are back, delete that row, make their Status in the "
                "volunteer workbook active if it says withdrawn, and run 'wessex pair "
                f"{_volunteers_argument(book, path)} --keep {path.name}' to pair them again.",
                file=path)
    # a partner who withdrew says more than the Unpaired sheet: someone offered two places
    # may be on it too, for the place nobody took, while their half day with the partner
    # who left belongs on the Withdrawn sheet
    for pair in reversed(recorded.withdrawn):
        for person, partner in ((pair.a, pair.b), (pair.b, pair.a)):
            if is_who(person.key, person.name):
                volunteers = _volunteers_argument(book, path)
                situation = (f"{person.name}'s pair {pair.pair_id} with {partner.name} is on "
                             "the Withdrawn sheet, and no new partner has been found for them "
                             "yet")
                raise NotInAPair(
                    f"{situation}, so {doing}.", "Run 'wessex pair "
                    f"{volunteers} --keep {path.name}' to find them one. If they have left, "
                    "write withdrawn in their Status cell in the volunteer workbook ('wessex "
                    f"withdraw ... --in {volunteers}' does), or that run would pair them again. "
                    "A half day that took place before the withdrawal can be typed in the "
                    "pair's row on the Withdrawn sheet.",
                    file=path, situation=situation, name=person.name, email=person.email)
    for person in recorded.unpaired:
        if is_who(person.key, person.name):
            volunteers = _volunteers_argument(book, path)
            raise NotInAPair(
                f"{person.name} is on the Unpaired sheet: the pairing found them no partner, "
                f"so {doing}.", situation=f"{person.name} is on the Unpaired sheet",
                hint="The Unpaired sheet says why. To find them a partner, add a "
                "volunteer who can be one to the volunteer workbook and run 'wessex pair "
                f"{volunteers} --keep {path.name}'; if they have left, write withdrawn in "
                f"their Status cell there ('wessex withdraw ... --in {volunteers}' does).",
                file=path, name=person.name, email=person.email)


def _volunteers_argument(book: Workbook, path: Path) -> str:
    """The volunteer workbook the pairs workbook ``path`` was paired from, for a command
    to type, as the Settings sheet of ``book`` (``path``, held open) records it."""
    rows = list(book["Settings"].iter_rows(values_only=True)) \
        if book.has_sheet("Settings") else []
    entries = [entry for entry in setting_values(rows, INPUT_SETTING) if entry != "(none)"]
    return volunteers_argument(path, entries)


def _refuse_a_visit_before_the_pair(book: Workbook, row: Placement, hosted: dt.date) -> None:
    """Refuse a half day dated before this pair existed: one of the two was then paired with
    someone who has since withdrawn (the Withdrawn sheet's date, read from ``book``, open for
    the change), so the half day was with that partner, and belongs on their row there."""
    path = book.path
    mine = {row.person.key, row.partner.key}
    for left in _side_sheets(book).withdrawals:
        try:
            when = dt.date.fromisoformat(left.when)
        except ValueError:
            continue
        if hosted < when and ({left.key, left.partner_key} & mine) and \
                {left.key, left.partner_key} != mine:
            raise TrackingError(
                f"the visit date {day_month_year(hosted)} is before this pair was made: "
                f"pair {left.pair_id} ({left.person} withdrew on {left.said_when}) was still "
                "under way then, so it was not recorded.",
                f"A half day of pair {left.pair_id} is typed in its row on the Withdrawn sheet; "
                "if the date is right for this pair, add --force.", file=path)


def hosted_doubts(hosted: dt.date, now: dt.date, start: dt.date | None) -> list[str]:
    """Why a --hosted date looks wrong: in the future, before the scheme, or far away."""
    doubts = []
    if hosted > now:
        doubts.append(f"is still to come (today is {day_month_year(now)})")
    if start and hosted < start:
        doubts.append(f"is before the exchange starts ({day_month_year(start)})")
    if abs((hosted - now).days) > 366:
        doubts.append("is more than a year from today")
    return doubts


def record_visit(path: Path, who: str, *, hosted: dt.date | None = None,
                 planned: dt.date | None = None, reflection: bool = False,
                 partner: str | None = None, force: bool = False, now: dt.date | None = None,
                 start: dt.date | None = None, year: int | None = None,
                 hosted_typed: str = "") -> Recorded:
    """Record that ``who`` hosted their partner (or plans to), or sent a reflection.

    ``year`` (the scheme's) completes a date already typed without one ("4/5"), as
    ``status`` reads it. ``hosted_typed``: ``hosted`` as typed, when it was ("yesterday"
    has no day-first order to check).

    A ``hosted`` date still to come, before ``start`` or more than a year from ``now`` is
    refused (it is usually a plan or a typing slip) unless ``force``; a plan never marks the
    visit done.
    """
    from .dates import parse_date, today
    from .tracking import parse_done

    now = now or today()
    if hosted and not force:
        doubts = hosted_doubts(hosted, now, start)
        if doubts:
            advice = ("If the visit has not happened yet, record it with --planned"
                      if hosted > now else "Check the year and the day-first order "
                      "(4/5/2027 is 4 May)" if not hosted_typed or
                      any(c.isdigit() for c in hosted_typed) else "Check the day")
            raise TrackingError(f"the visit date {day_month_year(hosted)} "
                                f"{' and '.join(doubts)}, so it was not recorded.",
                                f"{advice}; if the date is right, add --force.", file=path)
    if planned and planned < now and not force:
        raise TrackingError(f"the planned date {day_month_year(planned)} has already passed (today "
                            f"is {day_month_year(now)}), so it was not recorded.",
                            "If the visit happened, record it with --hosted; check the date "
                            "otherwise, or add --force to record the plan anyway.", file=path)
    with edit_workbook(path) as book:
        sheet = book["Pairs"]
        columns = header_map(sheet, book)
        found, by_part = find_rows(sheet, columns, who, book)
        refuse_others_by_part(book, who, found, by_part)
        row = pick_row(found, who, partner, book,
                       lambda: names_in(sheet, columns, book),
                       "no visit can be recorded for them")
        changes = []
        notes: list[str] = []  # said after what was recorded
        visit_same = True  # nothing asked for differs from what the workbook says
        if hosted and not force:
            _refuse_a_visit_before_the_pair(book, row, hosted)
        if hosted or planned:
            date_title, done_title = VISIT_COLUMNS[HALVES.index(row.half)]
            date_col = columns.get(header_key(date_title))
            done_col = columns.get(header_key(done_title))
            if date_col is None or done_col is None:
                raise TrackingError("the Pairs sheet has lost its visit columns.",
                                    "Restore them as 'wessex pair' wrote them.", file=path)
            cell = sheet.cell(row.pair.row, date_col)
            done_cell = sheet.cell(row.pair.row, done_col)
            try:
                before = parse_date(book.shown(cell), year)
            except ValueError:
                before = None
            shown_before = cell_text(book.shown(cell))
            was_done = bool(parse_done(book.shown(done_cell), year))
            if planned and was_done and not force:
                raise TrackingError(
                    f"this visit is already recorded as done"
                    f"{' on ' + day_month_year(before) if before else ''}, so a plan was not "
                    "recorded over it.", "To correct the date, use --hosted DATE; add --force to "
                    "turn it back into a plan.", file=path, sheet="Pairs",
                    cell=done_cell.coordinate)
            new = hosted or planned
            same = before == new and was_done == bool(hosted)
            visit_same = same
            typed = ""  # words of the administrator's in the done cell, written over
            if same:
                changes.append(f"{'hosted on' if hosted else 'planned for'} "
                               f"{day_month_year(new) if new else ''}, already recorded")
            elif hosted:
                book.writable(cell)
                book.writable(done_cell)
                typed = _own_words(book, done_cell, year)
                done_cell.value = "yes"
                changes.append(f"hosted on {day_month_year(hosted)}")
            else:
                book.writable(cell)
                if was_done:
                    book.writable(done_cell)
                    done_cell.value = None
                changes.append(f"planned for {day_month_year(planned) if planned else ''}")
            if not same and before and before != new:
                was = day_month_year(before)
                changes.append("replacing " + (f"the visit recorded as done on {was}"
                                               if was_done else f"the plan for {was}"))
            elif not same and shown_before and not before:
                changes.append(f"replacing '{shown_before}'")
            if not same and new is not None:
                put_date(cell, new)
            if typed:
                changes.append(typed)
        if reflection:
            col = columns.get(header_key(REFLECTION_COLUMNS[HALVES.index(row.half)]))
            if col is None:
                raise TrackingError("the Pairs sheet has lost its reflection columns.",
                                    "Restore them as 'wessex pair' wrote them.", file=path)
            if parse_done(book.shown(sheet.cell(row.pair.row, col)), year):
                changes.append("reflection received, already recorded")
            else:
                book.writable(sheet.cell(row.pair.row, col))
                typed = _own_words(book, sheet.cell(row.pair.row, col), year)
                sheet.cell(row.pair.row, col).value = "yes"
                changes.append(f"reflection received{', ' + typed if typed else ''}")
                visit_same = False
                notes += _reflection_before_any_visit(book, sheet, columns, row, year,
                                                      sheet.cell(row.pair.row, col))
        book.unchanged = visit_same
        name, partner_name = row.person.name, row.partner.name
    return Recorded(f"{name} ({'; '.join(changes)}) with {partner_name}, row {row.pair.row}",
                    book.unchanged, notes, book.backup)


def _own_words(book: Workbook, cell: Any, year: int | None) -> str:
    """"replacing 'cancelled' in V2" when a yes/no cell that visit writes "yes" in holds
    words of the administrator's, not yes or no (which status warns of); else "": the
    message says what is written over, as the backup alone keeps it."""
    from .tracking import parse_done

    shown = book.shown(cell)
    if parse_done(shown, year) is not None:
        return ""
    return f"replacing '{cell_text(shown)}' in {cell.coordinate}"


def _reflection_before_any_visit(book: Workbook, sheet: Any, columns: dict[str, int],
                                 row: Placement, year: int | None, ticked: Any) -> list[str]:
    """A note when a reflection is recorded (in the cell ``ticked``) for a pair with neither
    half day done: a reflection comes after a visit, so the visit may be unrecorded, or the
    row wrong; in the words ``status`` warns of it afterwards (``reflection_before_visits``)."""
    from .tracking import parse_done, reflection_before_visits

    done_cols = [columns.get(header_key(done)) for _, done in VISIT_COLUMNS]
    if any(col is not None and parse_done(book.shown(sheet.cell(row.pair.row, col)), year)
           for col in done_cols):
        return []
    return [reflection_before_visits(f"{sheet.title}!{ticked.coordinate}", row.person.name,
                                     row.pair.pair_id)]


class Recorded(str):
    """What ``record_visit`` did, said as text; ``unchanged`` when the workbook already said
    all of it, so nothing was written; ``backup``, the copy of the version before."""

    unchanged: bool
    notes: list[str]
    backup: Path | None

    def __new__(cls, text: str, unchanged: bool = False,
                notes: list[str] | None = None, backup: Path | None = None) -> Recorded:
        """The text of the change, marked ``unchanged`` when nothing was written, with the
        ``notes`` to say after it and the ``backup`` kept of the workbook before it."""
        made = super().__new__(cls, text)
        made.unchanged = unchanged
        made.notes = notes or []
        made.backup = backup
        return made


WHOLE_SCHEME = "the scheme"


ONE_PAIR = "this pair only"


def only_this_pair(person: str, cell: str = "") -> str:
    """The step that keeps ``person`` in the scheme when a pair of theirs ended on the
    Withdrawn sheet as though they had left it (they had no other pair): its Withdrew from
    ``cell``, when known, to say 'this pair only'. One wording, for 'withdraw --partner' and
    for the warning of a pair held as it stands that names that command."""
    where = f" ({cell})" if cell else ""
    return (f"if its row on the Withdrawn sheet says '{WHOLE_SCHEME}' in its Withdrew from "
            f"cell{where}, type '{ONE_PAIR}' there, or the next pairing leaves {person} out")


@dataclass(frozen=True)
class StillPaired:
    """A partner of a pair moved to the Withdrawn sheet who stays in a pair of their own."""

    key: str  # their e-mail, folded: whose Capacity in the volunteer workbook to look up
    others: tuple[str, ...]  # their partners in the pairs they keep, by name


@dataclass
class Withdrawal:
    """What ``withdraw`` did: the pairs moved, and whether the person left the scheme."""

    person: str
    partners: list[str]
    whole_scheme: bool
    # each partner moved who is still in a pair of their own, by name
    still_paired: dict[str, StillPaired] = field(default_factory=dict)
    # the person, leaving one pair of theirs (``whole_scheme`` false): their key and the
    # partners of the pairs they keep
    stays: StillPaired | None = None
    backup: Path | None = None  # the copy kept of the pairs workbook before the move
    # the Withdrew from cell of each row written on the Withdrawn sheet ("Withdrawn!D2")
    scope_cells: list[str] = field(default_factory=list)
    # the volunteer workbook the pairs were made from, as a command types it
    # (``volunteers_argument``), read from the Settings sheet of the workbook open for the move
    paired_from: str = "VOLUNTEERS"


def withdraw(path: Path, who: str, reason: str, when: dt.date,
             partner: str | None = None, listed: Person | None = None) -> Withdrawal:
    """Move the person's pairs to the Withdrawn sheet: all of them, or only the one with
    ``partner`` (then, if they have another pair, they stay in the scheme with it).

    ``listed``: whom ``who`` names in the volunteer workbook (``withdraw --in``, whose Status
    cell is written next). Someone else in the pairs workbook (a surname each workbook has
    once, for two people) is refused before anything moves: one person's pair would move
    and another's Status say withdrawn. The same e-mail or the same full name is the same
    person (an address corrected in one workbook only)."""
    from .text import strip_controls

    reason = strip_controls(reason)  # typed text too: no control character enters a workbook
    moved: list[tuple[str, str]] = []
    scope_cells: list[str] = []
    with edit_workbook(path) as book:
        sheet = book["Pairs"]
        columns = header_map(sheet, book)
        found, by_part = find_rows(sheet, columns, who, book)
        refuse_others_by_part(book, who, found, by_part)
        rows = found
        # else both rows would move, as two pairs
        refuse_copied_rows((r.pair for r in found), path)
        if partner or not found or len({r.person.key for r in found}) > 1:
            rows = [pick_row(found, who, partner, book, lambda: names_in(sheet, columns, book),
                             "there is nothing to withdraw", copies_refused=True)]
        if listed is not None:
            refuse_another_person(rows[0].person, listed, who, path)
        scope = ONE_PAIR if len(rows) < len(found) else WHOLE_SCHEME
        still_paired = _still_paired(sheet, columns, book, rows)
        leaving = {row.pair.row for row in rows}
        stays = StillPaired(rows[0].person.key, tuple(
            row.partner.name for row in found if row.pair.row not in leaving)) \
            if scope == ONE_PAIR else None
        for row in sorted(rows, key=lambda r: -r.pair.row):  # the Withdrawn sheet's order
            name, partner_name = row.person.name, row.partner.name
            scope_cells.append(
                _copy_to_withdrawn(book, sheet, row.pair.row, name, reason, when, scope))
            moved.append((name, partner_name))
        delete_rows(book, sheet, {row.pair.row for row in rows})
        _forget_moved_pairs(book, {row.pair.pair_id for row in rows})
        paired_from = _volunteers_argument(book, path)
    return Withdrawal(moved[0][0], [p for _, p in moved[::-1]], scope == WHOLE_SCHEME,
                      still_paired, stays, book.backup, scope_cells[::-1], paired_from)


def _still_paired(sheet: Any, columns: dict[str, int], book: Workbook,
                  leaving: Sequence[Placement]) -> dict[str, StillPaired]:
    """The partners of the pairs ``leaving`` who stay in another pair on the Pairs sheet, by
    name, each with their key and the names of their partners there: they need no new
    partner unless their Capacity leaves a place (one whose address is empty cannot be told,
    and is left out)."""
    gone = {place.pair.row for place in leaving}
    kept: dict[str, StillPaired] = {}
    for place in leaving:
        partner = place.partner
        if not partner.key:
            continue
        others = tuple(other.partner.name
                       for other in find_rows(sheet, columns, partner.key, book)[0]
                       if other.pair.row not in gone)
        if others:
            kept[partner.name] = StillPaired(partner.key, others)
    return kept


@dataclass(frozen=True)
class PartnerKept:
    """A partner of a pair moved who is still paired, and whether their Capacity in the
    volunteer workbook leaves them a place for a new partner."""

    name: str
    others: tuple[str, ...]  # their partners in the pairs they keep, by name
    capacity: int | None  # None: no volunteer workbook read (no --in), or no number there
    capacity_cell: str  # where that number is ("Volunteers!O48"); empty when nowhere
    has_place: bool | None  # None when there is no number to tell by
    # the number is the default of 1: their Capacity cell is blank (or there is no column)
    default: bool = False


@dataclass(frozen=True)
class NewPartners:
    """Who needs a new partner once ``withdraw`` has moved pairs: what 'pair --keep' does
    next, for ``withdraw`` to say."""

    still_paired: tuple[PartnerKept, ...]  # each partner moved who keeps a pair of their own
    # left without a pair, or still paired with a place left: 'pair --keep' finds them one
    free: tuple[str, ...]
    # still in a pair, and whether they have a place left is not known here: the person
    # leaving only one pair of theirs, and a partner still paired whose Capacity was not read
    unknown: tuple[str, ...]


def new_partners(done: Withdrawal, status: StatusCell | None) -> NewPartners:
    """Who of those a withdrawal ``done`` leaves needs a new partner. A partner still in a
    pair of their own needs none unless their Capacity leaves a place (a Capacity of 1 gets
    none), and so does the person when they leave one pair of theirs and keep another; that
    number is read from the volunteer workbook of ``status`` (``withdraw --in``), and without
    it who has a place left cannot be told."""

    def place_of(name: str, still: StillPaired) -> PartnerKept:
        capacity = None if status is None else status.capacities.get(still.key)
        cell = "" if status is None or capacity is None else \
            status.capacity_cells.get(still.key, "")
        return PartnerKept(name, still.others, capacity, cell,
                           None if capacity is None else capacity > len(still.others),
                           capacity is not None and status is not None and
                           still.key in status.capacity_blank)

    kept = [place_of(name, still) for name, still in done.still_paired.items()]
    person = place_of(done.person, done.stays) if done.stays is not None else None
    with_place = {partner.name for partner in kept if partner.has_place}
    free = tuple(name for name in done.partners
                 if name not in done.still_paired or name in with_place)
    unknown = [partner.name for partner in kept if partner.has_place is None]
    if not done.whole_scheme and (person is None or person.has_place is None):
        unknown.insert(0, done.person)  # no number for them: unknown
    elif person is not None:  # their row says: said first, as the one who stays
        kept.insert(0, person)
        free += (done.person,) if person.has_place else ()
    return NewPartners(tuple(kept), free, tuple(unknown))


def _forget_moved_pairs(book: Workbook, moved: set[str]) -> None:
    """Take the pairs ``moved`` to the Withdrawn sheet out of the Settings sheet's list of
    the pairs wessex last wrote on the Pairs sheet (that list finds rows deleted by hand, and
    a Withdrawn row deleted so that someone can be paired again is no such row), and record
    them among the pairs moved there (``MOVED_SETTING``): a row copied back, the withdrawal
    undone, is then known as a pair wessex wrote, not one typed in by hand."""
    moved = {pair_id for pair_id in moved if pair_id}  # a pair without an ID: none to forget
    if not moved or not book.has_sheet("Settings"):
        return
    settings = book["Settings"]
    taken: set[str] = set()
    for value in _setting_cells(settings, PAIRS_SETTING):
        left = ids_without(cell_text(value.value), moved)
        if left != cell_text(value.value):  # else left as it is, typed text and all
            taken |= ids_listed(cell_text(value.value), moved)
            put_value(value, left)
    if not taken:
        return
    recorded = _setting_cells(settings, MOVED_SETTING)
    if recorded:
        put_value(recorded[0], ids_with(cell_text(recorded[0].value), taken))
    else:
        append_values(settings, [MOVED_SETTING, ids_with("", taken)])


def _setting_cells(settings: Any, title: str) -> list[Any]:
    """The value cells of the Settings sheet's rows titled ``title`` that hold no formula
    (the administrator's, which wessex never writes over)."""
    wanted = header_key(title)
    return [value for key, value in settings.iter_rows(max_col=2)
            if header_key(cell_text(key.value)) == wanted and not is_formula(value)]


def refuse_another_person(paired: Person, listed: Person, who: str, path: Path) -> None:
    """Refuse when ``who`` found ``paired`` in the pairs workbook and ``listed`` in the
    volunteer workbook and they are two people: neither the same e-mail nor the same full
    name (one is the same person under an address corrected in one workbook)."""
    if email_key(paired.email) == email_key(listed.email) or \
            person_key(paired.name) == person_key(listed.name):
        return
    raise TrackingError(
        f"'{who}' is {paired.name} <{paired.email}> in the pairs workbook but {listed.name} "
        f"<{listed.email}> in the volunteer workbook: two people, so nothing was changed in "
        "either.", "Type the full name or the e-mail address of the one who has dropped out.",
        file=path)


@dataclass(frozen=True)
class StatusCell:
    """Where ``mark_withdrawn`` writes: the volunteer, their row and the Status column of
    the volunteer workbook, found once (``volunteer_to_withdraw``) before anything changes."""

    path: Path
    sheet: str
    header_row: int
    status: str  # the Status column's title as the workbook writes it
    row: int
    person: Person
    # each volunteer's Capacity there, by key: whether a partner left with another pair has a
    # place for a new partner
    capacities: dict[str, int] = field(default_factory=dict)
    # the cell of each volunteer's Capacity ("Volunteers!O15"), by key, and its column's
    # title ("Max partners"), to name where the number is; empty when there is no column
    capacity_cells: dict[str, str] = field(default_factory=dict)
    capacity_title: str = ""
    # those whose Capacity cell is blank (or who are in a workbook without the column): their
    # 1 is the default, not a number typed there
    capacity_blank: frozenset[str] = frozenset()


def volunteer_to_withdraw(volunteers: Path, who: str, scheme: Any) -> StatusCell:
    """The Status cell of the one volunteer ``who`` names in the volunteer workbook, once
    everything that could stop ``mark_withdrawn`` writing it is checked (run before the
    pairs move; its person is given to ``withdraw``, which holds the pairs workbook's
    person to them)."""
    roster, people, status = _status_cell(volunteers, who, scheme)
    refuse_if_open(volunteers)
    refuse_if_read_only(real_path(volunteers))
    return StatusCell(volunteers, roster.sheet, roster.header_row, status, people[0].row,
                      Person.of(people[0]),
                      {volunteer.key: volunteer.capacity for volunteer in roster.volunteers},
                      {volunteer.key: roster.cell(volunteer, "capacity")
                       for volunteer in roster.volunteers},
                      roster.columns.get("capacity", ""),
                      frozenset(volunteer.key for volunteer in roster.volunteers
                                if volunteer.capacity_blank))


def mark_withdrawn(target: StatusCell) -> tuple[str, Path | None]:
    """Write 'withdrawn' in the Status cell ``target`` of the volunteer workbook
    (atomically, with a backup). Returns the cell, e.g. ``Volunteers!P7``, and the backup."""
    from openpyxl.utils import get_column_letter

    with edit_workbook(target.path, require=target.sheet) as book:
        sheet = book[target.sheet]
        column = next((c.column for c in sheet[target.header_row]
                       if cell_text(book.shown(c)) == target.status), None)
        if column is None:
            raise TrackingError(f"the Status column '{target.status}' was not found again.",
                                file=target.path, sheet=target.sheet)
        cell = sheet.cell(target.row, column)
        book.writable(cell, target.sheet)
        cell.value = "withdrawn"
    return f"{target.sheet}!{get_column_letter(column)}{target.row}", book.backup


def _refuse_row_in_error(roster: Any, who: str, volunteers: Path) -> None:
    """A TrackingError when ``who`` names the one row of the volunteer workbook left out of
    its reading for an error (``roster.rejected``): they are there, and the error is what
    stops wessex writing their Status cell."""
    wanted = email_key(who) if "@" in who else person_key(who)
    rows = [r for r in roster.rejected if wanted and wanted in (
        (email_key(r.email),) if "@" in who else (person_key(r.name),))] or \
        ([] if "@" in who else [r for r in roster.rejected if names_by_part(who, r.name)])
    if len(rows) != 1:
        return
    row = rows[0]
    first = next((p for p in roster.errors if p.row == row.row), None)
    error = "" if first is None else \
        f" {first.cell + ': ' if first.cell else ''}{first.message.rstrip('.')}."
    raise TrackingError(f"{row.name or row.email}'s row of the volunteer workbook (row "
                        f"{row.row}) has an error, so wessex does not read it, and nothing "
                        f"was changed.{error}",
                        f"Fix the row ('wessex check {volunteers.name}' says how) and run this "
                        "again, or leave out --in and write 'withdrawn' in their Status cell "
                        "by hand.", file=volunteers)


def _status_cell(volunteers: Path, who: str, scheme: Any) -> tuple[Any, list[Any], str]:
    """The volunteer workbook read, the one volunteer ``who`` names there (a list of one),
    and the title of its Status column; a TrackingError when any of them is missing."""
    from .roster import read_roster

    if volunteers.suffix.lower() not in (".xlsx", ".xlsm"):
        raise TrackingError("wessex can set the Status cell only in an .xlsx volunteer "
                            "workbook, so nothing was changed.", "Leave out --in and set the "
                            "cell by hand, or save the workbook as .xlsx.", file=volunteers)
    roster = read_roster(volunteers, scheme)
    people = roster.named(who)
    if not people:
        _refuse_row_in_error(roster, who, volunteers)
    if len(people) != 1:
        names = ", ".join(f"{v.name} <{v.email}>" for v in people)
        near = "" if people else did_you_mean(who, [
            v.email if "@" in who else v.name for v in roster.volunteers])
        advice = f"{near}Use the name or e-mail address as in the workbook" if not people \
            else _type_more(v.name for v in people)[:-1]
        raise TrackingError(f"'{who}' is {'not in' if not people else 'ambiguous in'} the "
                            f"volunteer workbook{' (' + names + ')' if names else ''}, so "
                            f"nothing was changed.", f"{advice}, or set the cell by hand.",
                            file=volunteers)
    status = roster.columns.get("status")
    if status is None:
        raise TrackingError("the volunteer workbook has no Status column, so nothing was "
                            "written there.", "Add a Status column (or set it by hand).",
                            file=volunteers, sheet=roster.sheet)
    return roster, people, status


def _copy_to_withdrawn(book: Workbook, sheet: Any, number: int, person: str, reason: str,
                       when: dt.date, scope: str) -> str:
    """Copy row ``number`` of the Pairs sheet whole to the Withdrawn sheet, to be deleted
    from Pairs with the others that go (``sheet_rows.delete_rows``): each cell's value as
    shown, its formatting, note and link, under the column of the same title. Nothing in
    the row is left behind: the second of two columns with one title goes under the second
    such column, a column without a title under "Pairs column X", and a Pairs column called
    "Reason" (say) under a second "Reason", not over the reason for withdrawing. A column
    the sheet gains is as wide as on the Pairs sheet, or as its title and value need, so
    that a date shows as one, not as "########". Returns where its Withdrew from cell
    (``scope``) is: "Withdrawn!D2"."""

    from openpyxl.utils import get_column_letter

    from .xlsx_out import fitted_width

    columns = header_map(sheet, book)
    header_row = columns["__row__"]
    if book.has_sheet("Withdrawn"):
        from .spreadsheet import HEADER_SCAN_ROWS

        target = book["Withdrawn"]
        above = [[book.shown(c) for c in r]
                 for r in target.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS)]
        title_row = (find_pairs_header(above, "Withdrawn") or 0) + 1  # none yet: the first
        titles = [cell_text(c.value) for c in target[title_row]]
    else:
        target = book.create_sheet("Withdrawn")
        target.freeze_panes = "A2"
        title_row, titles = 1, []
    line = max(_last_used_row(target), title_row) + 1  # not max_row: formatted empty rows

    def column_of(title: str, occurrence: int, width: float) -> int:
        """The Withdrawn column of the ``occurrence``-th column titled ``title`` (from 0),
        added at the end when the sheet has fewer, ``width`` wide unless set already (a
        column of a sheet an older wessex made has none, and showed its dates as "###")."""
        at = [n for n, t in enumerate(titles, start=1) if t == title]
        if occurrence < len(at):
            column = at[occurrence]
        else:
            put_value(target.cell(title_row, len(titles) + 1), title)
            titles.append(title)
            column = len(titles)
        if column_width(target, column) is None:
            target.column_dimensions[get_column_letter(column)].width = width
        return column

    seen: dict[str, int] = {}

    def place(title: str, width: float) -> int:
        seen[title] = seen.get(title, -1) + 1
        return column_of(title, seen[title], width)

    scope_cell = ""
    for title, value in zip(WITHDRAWN_HEADERS, (person, reason, when, scope), strict=True):
        if isinstance(value, dt.date):
            put_date(target.cell(line, place(title, fitted_width(title, [value]))),
                     value)
        else:
            written = target.cell(line, place(title, fitted_width(title, [str(value)])))
            put_value(written, value)
            scope_cell = f"Withdrawn!{written.coordinate}"  # the last: Withdrew from
    for column in range(1, sheet.max_column + 1):
        source = sheet.cell(number, column)
        title = cell_text(book.shown(sheet.cell(header_row, column)))
        value = book.shown(source)
        if not title:
            if value in (None, "") and source.comment is None:
                continue  # an empty column without a title: nothing to keep
            title = f"Pairs column {get_column_letter(column)}"
        width = column_width(sheet, column) or fitted_width(title, [value])
        copied = target.cell(line, place(title, width))
        if value is not None:
            put_value(copied, value)
        _copy_look(book, source, copied)
    return scope_cell


def _copy_look(book: Workbook, source: Any, target: Any) -> None:
    """Give ``target`` the formatting, note and link of ``source``, a cell of the same
    workbook (a pair's row moved to the Withdrawn sheet, an own cell put back by its row),
    and keep it empty text if ``source`` was (``Workbook.copy_empty_text``)."""
    book.copy_empty_text(source, target)
    if source.has_style:
        target._style = copy(source._style)  # noqa: SLF001 - one workbook's styles
    if source.comment is not None:
        copy_note(book.notes, source, target)
    if source.hyperlink is not None:
        target.hyperlink = copy(source.hyperlink)


def _last_used_row(sheet: Any) -> int:
    """The last row holding a value (0 for an empty sheet)."""
    return max((cell.row for row in sheet.iter_rows() for cell in row
                if cell.value not in (None, "")), default=0)


def _row_key_column(titles: Sequence[str]) -> int:
    """The column whose cell names a row of a sheet wessex rewrites: its Email column (the
    Unpaired people change from run to run), else its first (a measure, a setting)."""
    return next((n for n, t in enumerate(titles, start=1) if header_key(t) == "email"), 1)


def _own_columns(sheet: Any, headers: Sequence[str], written: Collection[str] = ()
                 ) -> tuple[list[tuple[int, str, dict[str, Any], list[str]]], list[str]]:
    """The administrator's own columns on a sheet wessex rewrites (Unpaired, Summary,
    Settings): those past its columns or under a heading it does not write, each as (its
    column, its heading, row key -> (the cell, with its value, look, note and link, and
    where it was), the cells of rows without a key), a row's key being the text of its
    ``_row_key_column``. A cell counts when it holds a value or a note. Second, the cells
    under wessex's own headings in a row without a key (a note typed below the people), or,
    on a sheet keyed by its first cell (Summary, Settings), whose key is none of those
    ``written`` (a note typed below the measures): wessex writes no such row, so they have
    nowhere to go but are named."""
    from .pairs_workbook import (
        AGREED_SETTING,
        CARRIED_SETTING,
        GONE_SETTING,
        HAND_SETTING,
        HISTORY_SETTING,
        HOW_SETTINGS,
        IN_PLACE_SETTING,
        MOVED_SETTING,
    )

    ours = {header_key(h) for h in headers}
    titles = [cell_text(c.value) for c in sheet[1]] if sheet.max_row else []
    key_col = _row_key_column(titles)
    columns: dict[int, tuple[int, str, dict[str, Any], list[str]]] = {}
    nowhere: list[str] = []
    # wessex's own settings rows, which a pairing may write no more (a pair moved to the
    # Withdrawn sheet back on the Pairs sheet, the agreed pair withdrawn, the pair found
    # typed in kept since), are no note of the administrator's
    known = {header_key(k) for k in (*written, CARRIED_SETTING, HISTORY_SETTING,
                                     GONE_SETTING, MOVED_SETTING, AGREED_SETTING, HAND_SETTING,
                                     IN_PLACE_SETTING, *HOW_SETTINGS.values())}
    for column, title in enumerate(titles, start=1):  # a heading of one's own, still empty
        if title and not (column <= len(headers) and header_key(title) in ours):
            columns[column] = (column, title, {}, [])
    for cell in sheet._cells.values():  # noqa: SLF001 - the cells there are, none made
        title = titles[cell.column - 1] if cell.column <= len(titles) else ""
        if (cell.value in (None, "") and cell.comment is None) or cell.row == 1:
            continue
        if cell.column <= len(headers) and header_key(title) in ours:
            key = header_key(cell_text(sheet.cell(cell.row, key_col).value))
            if not key or (key_col == 1 and key not in known):
                nowhere.append(f"{sheet.title}!{cell.coordinate}")
            continue
        entry = columns.setdefault(cell.column, (cell.column, title, {}, []))
        key = header_key(cell_text(sheet.cell(cell.row, key_col).value))
        if key and key not in entry[2]:
            entry[2][key] = (cell, f"{sheet.title}!{cell.coordinate}")
        else:
            entry[3].append(f"{sheet.title}!{cell.coordinate}")
    return [columns[n] for n in sorted(columns)], nowhere


def _put_back_own_columns(book: Workbook, sheet: Any, headers: Sequence[str],
                          own: list[tuple[int, str, dict[str, Any], list[str]]]) -> list[str]:
    """Write the administrator's own columns back beside the sheet written afresh, each
    cell (its value, formatting, note and link) on the row with the same key, under its
    heading, past wessex's columns; the cells whose row is gone (someone paired since, a
    setting no longer written), named."""

    if not own:
        return []
    key_col = _row_key_column([cell_text(c.value) for c in sheet[1]])
    rows = {header_key(cell_text(sheet.cell(r, key_col).value)): r
            for r in range(2, sheet.max_row + 1)}
    lost: list[str] = []
    next_free = len(headers) + 1
    for old_column, title, cells, unkeyed in own:
        column = max(old_column, next_free)
        next_free = column + 1
        if title:
            sheet.cell(1, column).value = title
        for key, (source, was_at) in cells.items():
            if key not in rows:
                lost.append(was_at)
                continue
            target = sheet.cell(rows[key], column)
            target.value = source.value
            target.data_type = source.data_type  # text that looks like a formula stays text
            shown = book.cached.get(id(source))
            if shown is not None:  # a formula keeps the value Excel last showed
                book.cached[id(target)] = (target, shown[1], shown[2])
            _copy_look(book, source, target)
        lost += unkeyed
    return lost


def carry_pairing(book: Workbook, fresh: Sequence[SheetSpec], roster: Any,
                  when: dt.date, held: Collection[str] = (),
                  given_back: Mapping[int, str] | None = None,
                  moved_emptied: bool = False,
                  warned_agreed: Collection[str] = (),
                  held_kept: Collection[str] = (),
                  recorded_agreed: Collection[str] = ()) -> list[str]:
    """Bring a new pairing (``fresh``, the sheets 'wessex pair' would write:
    ``pairs_workbook.pairs_workbook_sheets``) into the kept workbook without disturbing
    what the administrator made of it.

    Rows of kept pairs stay where they are, with every cell, colour, comment and formula;
    only the columns wessex generates (people, score, reasons, how paired, and what it
    carries from the volunteer workbook) are refreshed, and never over a formula. Pairs
    that could not be kept move to the Withdrawn sheet with the reason, so nothing typed in
    their rows is lost. New pairs are added straight under the last pair: rows of the
    administrator's below it (a total) move down, their formulas re-pointed, unless merged
    cells stop that, when the pairs go below them and the output says where. The Unpaired,
    Summary and Settings sheets are rewritten; every other sheet is left alone. The rows of
    ``held`` pairs (one of them left out for an error in their row) are left exactly as
    they are. ``given_back``: rows of the Pairs sheet whose Pair cell, emptied or typed
    over, takes the ID of the one pair missing from every sheet
    (``pairs_workbook.missing_id_back``; 'pair --keep' says so). ``moved_emptied``: the
    Settings list of the pairs moved to the Withdrawn sheet was found emptied, so a pair
    called added by hand may be a withdrawal undone, its people introduced.
    ``warned_agreed``: the IDs of the pairs whose Reasons the run warned of first that it
    begins as an agreed pair's (``pairs_workbook.lock_edits``): a How paired cell saying
    "locked", their Reasons emptied, or the list of the pairs agreed in advance naming them
    (``pairs_workbook.agreed_by_list``), which the warning says in full.
    ``held_kept``: the IDs of ``held`` pairs whose How paired cell alone is rewritten "kept",
    carried over from the pairing before as every kept pair is (said with them).
    ``recorded_agreed``: the IDs of the pairs the Settings sheet records as agreed in advance
    (``pairs_workbook.AGREED_SETTING``), whose Reasons are begun so again if emptied.

    Returns what the administrator should hear: the person cells whose text the volunteer
    workbook changed (a correction there, or something typed over wessex's copy here), those
    it filled where they had been emptied here, and the columns cleared because the volunteer
    workbook no longer has them.

    The steps, in order, are ``_Carry``'s: the columns wessex now writes are added, each row
    of the Pairs sheet is matched to a pair of the new pairing (or moved to the Withdrawn
    sheet), the kept rows are refreshed, the new pairs placed under them, and the sheets
    wessex owns written afresh.
    """
    from .pairs_workbook import carried_setting

    by_name = {spec.name: spec for spec in fresh}
    before = carried_setting(list(book["Settings"].iter_rows(values_only=True))) \
        if book.has_sheet("Settings") else frozenset()
    sheet = book["Pairs"]
    columns = header_map(sheet, book)
    header_row = columns["__row__"]
    by_name = _beside_the_administrators(by_name, sheet, header_row, before)
    gone = before - carried_setting(by_name["Settings"].rows)
    carry = _Carry(book, sheet, columns, header_row, list(by_name["Pairs"].headers),
                   {cell_text(r[0]): r for r in by_name["Pairs"].rows},
                   existing=set(columns))  # the columns the sheet had before this run
    carry.add_missing_columns()
    carry.match_rows(by_name["Pairs"].rows, roster.by_key(), when, held, held_kept,
                     given_back)
    carry.refresh_kept(warned_agreed, recorded_agreed)
    cleared = _clear_columns(sheet, columns, gone, header_row)
    carry.changed = carry.changed or bool(cleared)
    placed = carry.place_new_pairs()
    rewritten_yours = carry.rewrite_sheets_of_wessex(by_name)
    book.unchanged = not carry.changed
    return carry.said(placed, rewritten_yours, cleared, moved_emptied)


@dataclass
class _Carry:
    """One carrying of a new pairing into a kept Pairs sheet (``carry_pairing``, which takes
    it through its steps): the sheet and its columns, the new pairing's rows by pair ID, and
    what each step found and did, down to every cell the output names afterwards."""

    book: Workbook
    sheet: Any
    columns: dict[str, int]  # header_key -> column, and "__row__" -> the header row
    header_row: int
    new_headers: list[str]
    new_rows: dict[str, Sequence[Any]]  # pair ID -> its row in the new pairing
    existing: set[str]  # the columns the sheet had before this run
    changed: bool = False  # nothing to change: nothing saved, no backup pushes out an older one
    seen: set[str] = field(default_factory=set)  # IDs of the pairs kept
    going: list[int] = field(default_factory=list)  # rows of pairs not kept, to Withdrawn
    kept: list[tuple[Any, Sequence[Any]]] = field(default_factory=list)  # Pair cell, fresh row
    refreshed: list[_At] = field(default_factory=list)  # a person's cell written over its text
    refilled: list[_At] = field(default_factory=list)  # ... written where it was emptied here
    # a kept pair's Score, Reasons or How paired rewritten
    restated: dict[str, list[_At]] = field(default_factory=dict)
    # Reasons begun 'locked as agreed' for a How paired cell's 'locked'
    locked: list[_At] = field(default_factory=list)
    warned: list[_At] = field(default_factory=list)  # ... over Reasons of their own, warned of
    # ... for a lock naming the two, How paired not saying 'locked'
    named: list[_At] = field(default_factory=list)
    # ... for a pair the Settings sheet records as agreed, How paired not saying 'locked'
    recorded: list[_At] = field(default_factory=list)
    refigured: list[_At] = field(default_factory=list)  # Score or Reasons emptied, written again
    numbered: list[_At] = field(default_factory=list)  # Pair cells emptied, given the ID again
    shortened: list[_At] = field(default_factory=list)  # Pair cells typed 'P7', written 'P007'

    @property
    def emails(self) -> list[int]:
        """The columns of the two people's e-mail addresses: a row with neither is no pair."""
        return [self.columns[key] for key in (header_key(person_header(half, "email"))
                                              for half in HALVES) if key in self.columns]

    def add_missing_columns(self) -> None:
        """Head a new column for each that wessex now writes but the sheet lacks."""
        for title in self.new_headers:
            if header_key(title) not in self.columns:
                self.changed = True
                column = self.sheet.max_column + 1
                put_value(self.sheet.cell(self.header_row, column), title)
                self.columns[header_key(title)] = column

    def match_rows(self, fresh_rows: Sequence[Sequence[Any]], by_key: dict[str, Any],
                   when: dt.date, held: Collection[str], held_kept: Collection[str],
                   given_back: Mapping[int, str] | None) -> None:
        """Find each row of the sheet its pair in the new pairing (``kept``), by its ID as
        the reader reads it (the Pair cell written so), by ``given_back`` or, the Pair cell
        emptied, by the two people; a row whose pair the new pairing did not keep moves to
        the Withdrawn sheet with the reason (its row deleted once all are seen)."""
        from .pairs_workbook import ID_COLUMN

        book, sheet = self.book, self.sheet
        id_column = self.columns.get(header_key(ID_COLUMN))
        if id_column is None:
            raise TrackingError("the Pairs sheet has lost its Pair column, so kept pairs cannot "
                                "be told apart.", "Restore the column as 'wessex pair' wrote "
                                "it.", file=book.path, sheet="Pairs")
        emails = self.emails
        # a kept pair whose ID cell was emptied is numbered afresh: it takes that ID in its row
        people_of = [self.new_headers.index(person_header(half, "email")) for half in HALVES]
        by_people = {frozenset(email_key(cell_text(r[n])) for n in people_of): cell_text(r[0])
                     for r in fresh_rows if cell_text(r[people_of[1]])}
        for number in range(sheet.max_row, self.header_row, -1):
            typed = cell_text(book.shown(sheet.cell(number, id_column)))
            pair_id = standard_id(typed)  # as the reader reads it
            if pair_id in held:
                how_cell = self.columns.get(header_key("How paired"))
                if pair_id in held_kept and how_cell is not None and \
                        not is_formula(target := sheet.cell(number, how_cell)):
                    put_value(target, "kept")
                    self.restated.setdefault("How paired", []).append(_At(target))
                    self.changed = True
                continue
            found = [cell_text(book.shown(sheet.cell(number, column))) for column in emails]
            if not any(found):
                continue  # a total or a heading of the administrator's, as the reader says
            target = sheet.cell(number, id_column)
            if pair_id != typed and pair_id in self.new_rows and not is_formula(target):
                put_value(target, pair_id)
                self.shortened.append(_At(target, f" (was '{typed}')"))
                self.changed = True
            if given_back and number in given_back:
                pair_id = given_back[number]
                if not is_formula(target):  # a formula's row is still the pair's, as it stands
                    put_value(target, pair_id)
                    self.changed = True
            if not pair_id:
                pair_id = by_people.get(frozenset(email_key(e) for e in found), "")
                if pair_id in self.seen or is_formula(target):
                    continue
                if pair_id:
                    put_value(target, pair_id)
                    self.numbered.append(_At(target, f" ({pair_id})"))
                    self.changed = True
                # else a pair the new pairing did not keep: it goes, as one with its ID does
            row = self.new_rows.get(pair_id) if pair_id else None
            if row is None:
                person, reason, scope = _why_dropped(book, sheet, self.columns, number, by_key)
                _copy_to_withdrawn(book, sheet, number, person, reason, when, scope)
                self.going.append(number)
                self.changed = True
                continue
            self.seen.add(pair_id)
            self.kept.append((sheet.cell(number, id_column), row))
        if self.going:  # all at once, then the kept rows (a merge with a row that went is gone)
            delete_rows(book, sheet, self.going)

    def refresh_kept(self, warned_agreed: Collection[str],
                     recorded_agreed: Collection[str]) -> None:
        """Write each kept pair's cells that wessex generates as the new pairing has them,
        never over a formula nor in the tracking columns, noting every cell whose text
        changed (``warned_agreed``, ``recorded_agreed``: as ``carry_pairing``'s)."""
        from .pairs_workbook import TRACKING_COLUMNS

        book, sheet = self.book, self.sheet
        how_column = self.columns.get(header_key("How paired"))
        # a Side cell of an older workbook holds the key ('primary'): the label written over
        # it now names the same side, no text of the administrator's to speak of
        labels = _side_labels(book)
        sides = {header_key(person_header(half, "side")) for half in HALVES}
        for pair_cell, row in self.kept:  # from the bottom up, as found
            # as it said before this run: "locked" is why an agreed pair's Reasons are begun,
            # unless a lock (the Partner column, --lock) names the two (``named``)
            how_was = how_paired_text(book.shown(sheet.cell(pair_cell.row, how_column))) \
                if how_column is not None else ""
            for title, value in zip(self.new_headers, row, strict=False):
                if title in TRACKING_COLUMNS:
                    continue  # the administrator's; every other column is refreshed
                target = sheet.cell(pair_cell.row, self.columns[header_key(title)])
                shown = book.shown(target)
                if is_formula(target):
                    continue  # the administrator's formula wins
                if cell_text(shown) != cell_text(value):
                    book.unmerged(target)
                    if header_key(title) not in sides or side_key(cell_text(shown), labels) \
                            != side_key(cell_text(value), labels):
                        self._note_rewritten(target, title, cell_text(shown), cell_text(value),
                                             how_was, cell_text(row[0]) in warned_agreed,
                                             cell_text(row[0]) in recorded_agreed)
                    put_value(target, None if value == "" else value)
                    self.changed = True

    def _note_rewritten(self, target: Any, title: str, was: str, now: str, how_was: str,
                        warned_of: bool, recorded: bool) -> None:
        """Note a kept pair's cell ``target`` (under ``title``) whose text ``was`` is about to
        be written ``now``, in the list that the output says it in (``warned_of``: the run
        warned of the pair's Reasons begun so before it began; ``recorded``: the Settings
        sheet records it agreed). Reasons begun for the list's word alone, warned of, are
        said by that warning and not again."""
        if title[:2] in ("A ", "B "):  # a person's cell, not the score or reasons
            if was:
                self.refreshed.append(_At(target, f" ({title})"))
            elif header_key(title) in self.existing:  # emptied here, perhaps on purpose
                self.refilled.append(_At(target, f" ({title})"))
        elif header_key(title) in self.existing:  # Score, Reasons, How paired: said too
            begun = header_key(title) == header_key("Reasons") and _lock_begun(was, now)
            if begun and how_was != "locked":
                if not (recorded and warned_of):  # agreed_by_list said it
                    (self.recorded if recorded else self.named).append(_At(target))
            elif begun:  # Reasons of their own: pairs_workbook.lock_edits
                (self.warned if was or warned_of else self.locked).append(_At(target))
            if not was and header_key(title) != header_key("How paired"):
                self.refigured.append(_At(target, f" ({title})"))  # emptied here
            elif not begun or _without_lock(now) != was:  # not the lock alone
                self.restated.setdefault(title, []).append(_At(target))

    def place_new_pairs(self) -> str:
        """Write the pairs the sheet did not have straight under the last pair, moving the
        administrator's rows below it (a total) down unless merged cells stop that; what to
        say of where they went when not there ("" when they were)."""
        book, sheet, header_row = self.book, self.sheet, self.header_row
        emails = self.emails
        filled = [r for r in range(header_row + 1, sheet.max_row + 1)
                  if any(c.value not in (None, "") for c in sheet[r])]
        last = max(filled, default=header_row)
        # the last pair, held or kept; below it, rows of the administrator's (a total, a heading)
        last_pair = max((r for r in filled if any(cell_text(book.shown(sheet.cell(r, column)))
                                                  for column in emails)), default=header_row)
        adding = sum(pair_id not in self.seen for pair_id in self.new_rows)
        placed = ""  # where the new pairs went, when not straight under the last pair
        if adding and last > last_pair:
            theirs = [r for r in filled if r > last_pair]

            def rows_of(moved: int) -> str:
                first, end = theirs[0] + moved, theirs[-1] + moved
                return f"row {first}" if first == end else f"rows {first} to {end}"

            # as the administrator last saw them: above them, the rows of pairs not kept went
            where = rows_of(len(self.going))
            why = rows_cannot_move(book, sheet, last_pair + 1)
            if why:
                rows = f"row {last + 1}" if adding == 1 else f"rows {last + 1} to {last + adding}"
                new = "The new pair" if adding == 1 else f"The {adding} new pairs"
                placed = (f"{new} went to {rows} of the Pairs sheet, "
                          f"below your own {rows_of(0)} under the pairs, not straight under the "
                          f"last pair (row {last_pair}): {why}, so wessex did not move your "
                          "rows. A total there does not count the new pairs: move them up in "
                          "Excel.")
            else:
                insert_rows(book, sheet, last_pair + 1, adding)
                # once pairs went, the rows moved up first: say where they are now
                moved = f"are now {rows_of(adding)}, below the new pairs" if self.going else \
                    f"moved down {plural(adding, 'row')}"
                placed = (f"Your own {where} under the pairs {moved}, "
                          f"with what refers to {'it' if len(theirs) == 1 else 'them'}, so that "
                          f"the new {'pair stands' if adding == 1 else 'pairs stand'} straight "
                          "under the last pair; "
                          "a formula's range that reached the last pair (a total's) reaches the "
                          "new pairs too.")
                last = last_pair
        last_kept = last
        for pair_id, row in self.new_rows.items():
            if pair_id in self.seen:
                continue
            self.changed = True
            last += 1
            for title, value in zip(self.new_headers, row, strict=False):
                target = sheet.cell(last, self.columns[header_key(title)])
                book.unmerged(target)
                if isinstance(value, dt.date):
                    put_date(target, value)
                elif value not in (None, ""):  # nothing for an empty cell, as Excel saves one
                    put_value(target, value)
        if last > last_kept > header_row:
            extend_ranges_down(book, sheet, last_kept, last)
            if book.ignored.get(sheet.title):  # the "Ignore error" marks reach them too
                book.ignored[sheet.title] = grown_marks(
                    book.ignored[sheet.title],
                    lambda ranges: grown_ranges(ranges, last_kept, last))
        return placed

    def rewrite_sheets_of_wessex(self, by_name: Mapping[str, SheetSpec]) -> list[str]:
        """Write the Unpaired, Summary and Settings sheets afresh (a sheet the same cell for
        cell is left alone), each heading with the look it had and the administrator's own
        columns going with their rows; the cells of those columns that found no row."""
        import openpyxl

        book = self.book
        rewritten_yours: list[str] = []  # cells of the administrator's own that found no row
        for name in ("Unpaired", "Summary", "Settings"):
            source = by_name[name]
            own: list[tuple[int, str, dict[str, Any], list[str]]] = []
            looks: dict[str, Any] = {}
            if book.has_sheet(name):
                target = book[name]
                if _as_text(target.iter_rows(values_only=True)) == \
                        _as_text([source.headers, *source.rows]):
                    continue  # the same as before, cell for cell
                own, nowhere = _own_columns(target, source.headers,
                                            [cell_text(row[0]) for row in source.rows if row])
                rewritten_yours += nowhere
                for merged in list(target.merged_cells.ranges):  # it would hide the rows
                    target.merged_cells.remove(merged)          # written afresh under it
                looks = _heading_looks(target)
                target.delete_rows(1, target.max_row + 1)
            else:
                target = book.create_sheet(name)
            self.changed = True
            for values in (source.headers, *source.rows):
                append_values(target, list(values))
            for cell in target[1]:
                look = looks.get(header_key(cell_text(cell.value)))
                if look is None:
                    cell.font = openpyxl.styles.Font(bold=True)
                else:
                    cell._style = copy(look)  # noqa: SLF001 - one sheet's styles
            rewritten_yours += _put_back_own_columns(book, target, source.headers, own)
        return rewritten_yours

    def _kept_in(self) -> str:
        """Where what this run wrote over is kept: the backup of the workbook changed in
        place, named; saved as another file (-o), no backup of the kept workbook is made,
        and it still holds all it held, unchanged."""
        copy = self.book.backup
        return shown_backup(copy, self.book.path) if copy else \
            f"{self.book.path}, which this run read and left as it was,"

    def said(self, placed: str, rewritten_yours: Sequence[str], cleared: Sequence[str],
             moved_emptied: bool) -> list[str]:
        """What the administrator should hear of this carrying (``carry_pairing``)."""
        said = [placed] if placed else []
        numbered, shortened = self.numbered, self.shortened
        if numbered:
            said.append(f"A kept pair had no ID in its Pair cell, so it was given a new one "
                        f"there: Pairs!{_cells_named(numbered)}. If the letters sent name "
                        f"{'it' if len(numbered) == 1 else 'one of them'} otherwise, type that "
                        "ID over the new one: nothing is lost, and the next 'wessex pair "
                        "--keep' records it.")
        if shortened:
            one = len(shortened) == 1
            said.append(f"{'A Pair cell' if one else 'Pair cells'} typed otherwise than wessex "
                        f"writes {'it' if one else 'them'} now {'holds' if one else 'hold'} "
                        "the ID as wessex writes it, as the letters sent name it (the same "
                        "pair): "
                        f"Pairs!{_cells_named(shortened)}.")
        if rewritten_yours:
            said.append(f"The Unpaired, Summary and Settings sheets are written afresh by each "
                        f"pairing; your own columns there go with their rows (by e-mail on the "
                        f"Unpaired sheet, by the first cell on the others), but these had no row "
                        f"left to go with ({first_few(rewritten_yours)}): {self._kept_in()} "
                        "keeps them.")
        said += _restated(self.restated, self.locked, moved_emptied, self.warned, self.named,
                          self.recorded)
        if self.refigured:
            said.append(f"Worked out again from the volunteer workbook, where they were empty: "
                        f"Pairs!{_cells_named(self.refigured)}.")
        if self.refreshed:
            said.append(f"Copied again from the volunteer workbook, over different text: "
                        f"Pairs!{_cells_named(self.refreshed)}. Type your own notes in the "
                        "Notes column or a column of your own: wessex keeps those as they "
                        "are.")
        if self.refilled:
            said.append(f"Filled again from the volunteer workbook, where they were empty: "
                        f"Pairs!{_cells_named(self.refilled)}. To keep such a cell empty (a "
                        "detail taken out before the workbook is shared), empty it in the "
                        "volunteer workbook.")
        if cleared:
            many = len(cleared) > 1
            titles = ", ".join(f"'{title}'" for title in cleared)
            said.append(f"The volunteer workbook no longer has the column{'s' if many else ''} "
                        f"{titles}, so {'their' if many else 'its'} "
                        "cells in the Pairs sheet were emptied (for a pair kept, as for a new "
                        "one).")
        return said


def _heading_looks(sheet: Any) -> dict[str, Any]:
    """How each heading of a sheet written afresh looked (wessex's fill, or the
    administrator's), by its text, to be given again to the heading written in its place."""
    return {header_key(cell_text(cell.value)): copy(cell._style)  # noqa: SLF001
            for cell in sheet[1] if cell_text(cell.value) and cell.has_style}


def _lock_begun(was: str, now: str) -> bool:
    """Whether a kept pair's Reasons, ``was`` before this run, ``now`` begin as an agreed
    pair's and did not: its How paired cell said "locked" (``pairing.pair``)."""
    from .pairing import LOCKED_REASON

    return now.startswith(LOCKED_REASON) and not was.startswith(LOCKED_REASON)


def _without_lock(reasons: str) -> str:
    """A pair's Reasons without the agreed pair's first one: what they would say unlocked."""
    from .pairing import LOCKED_REASON

    return reasons.removeprefix(LOCKED_REASON).removeprefix(";").strip()


def _restated(restated: dict[str, list[_At]], locked: Sequence[_At] = (),
              moved_emptied: bool = False, warned: Sequence[_At] = (),
              named: Sequence[_At] = (), recorded: Sequence[_At] = ()) -> list[str]:
    """What was rewritten in the rows of kept pairs besides the people's cells: How paired
    (a pair carried over says "kept", which is how 'render --new' tells the new pairs from
    the rest; one typed in by hand, never introduced, says ``ADDED_BY_HAND``, as does a
    withdrawal undone while the list of the pairs moved was emptied: ``moved_emptied``),
    the Reasons begun as an agreed pair's because How paired said "locked" (``locked``;
    ``warned``: those the run warned of first, named alone; ``named``: those begun so for
    a lock naming the two, their How paired cell not saying 'locked'; ``recorded``: those
    the Settings sheet records as agreed), and the Score and Reasons worked out again from
    the volunteer workbook."""
    from .pairing import ADDED_BY_HAND, LOCKED_REASON
    from .pairs_workbook import undo_agreement

    said = []
    written = restated.pop("How paired", [])  # first_few puts them in the sheet's order
    how = [at for at in written if cell_text(at.cell.value) != ADDED_BY_HAND]
    added = [at for at in written if cell_text(at.cell.value) == ADDED_BY_HAND]
    if added:
        one = len(added) == 1
        it = "it" if one else "them"
        if moved_emptied:  # a withdrawal undone, its row copied back, is not told apart
            why = (f"typed in by hand, or {'a withdrawal' if one else 'withdrawals'} undone, "
                   f"{'its row' if one else 'their rows'} copied back from the Withdrawn "
                   "sheet, which the list of the pairs moved there would tell, had it not "
                   f"been emptied. 'render --new' writes to {it} as to the new pairs: if "
                   f"{'its people' if one else 'the people of one'} had their introductions "
                   f"before, type 'kept' in {'that' if one else 'its'} cell first")
        else:
            why = (f"typed in by hand, {'it was' if one else 'they were'} never introduced, "
                   f"so 'render --new' writes to {it} as to the new pairs")
        said.append(f"How paired now says '{ADDED_BY_HAND}' for {plural(len(added), 'pair')} "
                    f"not in the list of the pairs wessex last wrote (Pairs!"
                    f"{_cells_named(added)}): {why}. The next 'wessex pair --keep' says 'kept'.")
    if how:
        said.append(f"How paired now says 'kept' for {plural(len(how), 'pair')} carried over "
                    f"from the pairing before (Pairs!{_cells_named(how)}), so that 'render "
                    "--new' writes only to the new pairs.")
    def begun(cells: Sequence[_At]) -> str:
        """The start of what is said of the Reasons begun as an agreed pair's in ``cells``."""
        return (f"The Reasons of {plural(len(cells), 'kept pair')} now begin "
                f"'{LOCKED_REASON}' (Pairs!{_cells_named(cells)})")

    if locked:
        one = len(locked) == 1
        said.append(f"{begun(locked)}, as "
                    f"{'its How paired cell' if one else 'their How paired cells'} said "
                    f"'locked': {'its' if one else 'their'} letters say that the two agreed in "
                    f"advance, and every 'wessex pair --keep' keeps {'it' if one else 'them'} "
                    f"so. {'If they' if one else 'For a pair whose two'} did not (the cell "
                    "typed or filled down by mistake), "
                    f"{undo_agreement('that Reasons cell' if one else 'its Reasons cell')}")
    if warned:
        said.append(f"{begun(warned)}, for the How paired "
                    f"{'cell' if len(warned) == 1 else 'cells'} saying 'locked' warned of "
                    "above.")
    if named:
        one = len(named) == 1
        said.append(f"{begun(named)}, as the Partner column of "
                    f"the volunteer workbook (or --lock) names {'its' if one else 'their'} two "
                    f"as each other's partners: {'its' if one else 'their'} letters say that "
                    "the two agreed in advance.")
    if recorded:
        one = len(recorded) == 1
        said.append(f"{begun(recorded)}, as the Settings sheet records "
                    f"{'its' if one else 'their'} two as agreed in advance, which "
                    f"{'its' if one else 'their'} letters say.")
    if restated:
        cells = [_At(at.cell, f" ({title})") for title, found in restated.items() for at in found]
        said.append(f"Worked out again from the volunteer workbook for kept pairs, whose "
                    f"preferences or details changed there: Pairs!{_cells_named(cells)}.")
    return said


def _cells_named(cells: Sequence[_At]) -> str:
    """``first_few`` of cells, in the sheet's order, row by row, whatever order found them
    (the rows are gone through from the bottom up)."""
    ordered: list[_At] = sorted(cells, key=_At.place)
    return first_few(ordered)


@dataclass(frozen=True)
class _At:
    """A cell that the output names, by where it stands when the output is written: a kept
    pair's row moves up when a pair above it goes to the Withdrawn sheet, after the row was
    seen (the rows are gone through from the bottom up), and openpyxl moves the cell itself,
    so its address is read at the end ("T4" for the pair now in row 4, not the "T5" it
    stood in)."""

    cell: Any
    note: str = ""  # " (A phone)"

    def __str__(self) -> str:
        return f"{self.cell.coordinate}{self.note}"

    def place(self) -> tuple[int, int]:
        """Where the cell stands now, row first: the order the sheet shows cells in."""
        return self.cell.row, self.cell.column


def _as_text(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """A sheet's rows as text, blank cells and rows at the ends dropped: to tell whether
    writing a sheet again would change it."""
    found = []
    for row in rows:
        texts = [cell_text(value) for value in row]
        while texts and not texts[-1]:
            texts.pop()
        found.append(texts)
    while found and not found[-1]:
        found.pop()
    return found


def _beside_the_administrators(sheets: dict[str, SheetSpec], sheet: Any, header_row: int,
                               before: Collection[str]) -> dict[str, SheetSpec]:
    """The fresh sheets, with any carried column that the administrator already has a column
    of the same title for ("A level", typed in the Pairs sheet before the volunteer workbook
    had a Level column) renamed "A level (volunteer list)", on the Pairs and the Settings
    sheet alike: the administrator's column is never written over."""
    from dataclasses import replace

    from .pairs_workbook import CARRIED_SETTING, PAIRS_HEADERS

    ours = {header_key(h) for h in PAIRS_HEADERS} | {"a" + k for k in before} | \
        {"b" + k for k in before} | {"anotes", "bnotes"}
    theirs = {header_key(cell_text(c.value)) for c in sheet[header_row]} - ours
    fresh = sheets["Pairs"]
    clash = {title[2:] for title in fresh.headers
             if title not in PAIRS_HEADERS and header_key(title) in theirs}
    if not clash:
        return sheets

    def moved(title: str) -> str:
        return f"{title} (volunteer list)" if title[2:] in clash else title

    settings = sheets["Settings"]
    rows = [[row[0], f"{row[1]} (volunteer list)"] if len(row) > 1 and row[0] ==
            CARRIED_SETTING and row[1] in clash else list(row) for row in settings.rows]
    return {**sheets, "Pairs": replace(fresh, headers=[moved(h) if h not in PAIRS_HEADERS
                                                       else h for h in fresh.headers]),
            "Settings": replace(settings, rows=rows)}


def _clear_columns(sheet: Any, columns: dict[str, int], gone: Collection[str],
                   header_row: int) -> list[str]:
    """Empty the Pairs sheet's copies ("A <title>", "B <title>") of the volunteer workbook's
    columns named in ``gone`` (as ``header_key`` of the title), formulas aside; the titles of
    those that held anything."""
    cleared = []
    for key in sorted(gone):
        found = False
        for half in HALVES:
            column = columns.get(half.lower() + key)
            if column is None:
                continue
            for number in range(header_row + 1, sheet.max_row + 1):
                cell = sheet.cell(number, column)
                if cell.value not in (None, "") and not is_formula(cell):
                    cell.value = None
                    found = True
        if found:
            cleared.append(cell_text(sheet.cell(header_row, columns.get("a" + key) or
                                                columns.get("b" + key) or 1).value)[2:])
    return cleared


def _why_dropped(book: Workbook, sheet: Any, columns: dict[str, int], number: int,
                 by_key: dict[str, Any]) -> tuple[str, str, str]:
    """(person, reason, scope) for a kept pair that the new pairing could not keep."""
    found: list[tuple[str, bool]] = []
    for half in HALVES:
        email = email_key(cell_text(book.shown(sheet.cell(
            number, columns.get(header_key(person_header(half, "email")), 1)))))
        name = cell_text(book.shown(sheet.cell(
            number, columns.get(header_key(person_header(half, "name")), 1))))
        volunteer = by_key.get(email)
        if volunteer is None:
            return name, "no longer in the volunteer workbook", WHOLE_SCHEME
        if not volunteer.active:
            return name, f"marked '{volunteer.status}' in the volunteer workbook", WHOLE_SCHEME
        side = columns.get(header_key(person_header(half, "side")))
        recorded = cell_text(book.shown(sheet.cell(number, side))) if side else ""
        # the label written there ("Primary care"), or the key of an older workbook
        found.append((name, bool(recorded) and
                      volunteer.side != side_key(recorded, _side_labels(book))))
    # the one whose side is not the one the row records changed it (a Profession or Side
    # cell typed over): they, not their partner, are who left the pair
    changed = [n for n, (_, moved) in enumerate(found) if moved]
    if len(changed) == 1:
        return (found[changed[0]][0], "Profession or Side changed in the volunteer workbook: "
                f"now on the same side as {found[1 - changed[0]][0]}", ONE_PAIR)
    return found[0][0], "the two are no longer on different sides", ONE_PAIR
