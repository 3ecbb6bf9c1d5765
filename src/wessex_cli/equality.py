"""``wessex equality``'s core: monitoring forms aggregated so that nobody can be picked out.

Disclosure control, in the way official statistics do it: a count of 1 to 7 is shown as
``*`` (primary suppression); every other count is rounded to the nearest 5 and 0 stays 0;
totals are computed from the exact counts and then rounded the same way. A suppressed count
could still be worked out by subtraction from its row or column total, so every row and
column holding one suppressed cell gets a second (secondary suppression), and more while
the rounded figures it shows would leave its hidden cells one value each. A column (a side
or profession) with fewer than 8 answers is never shown on its own, since even its zeros
describe the few people in it: small groups are pooled, or the table is not broken down.
Nor is a group whose every answer is one category (every member ticking one same box, where
several may be ticked) shown answer by answer: its zeros would say what each member answered.
A table not broken down says so in one note whatever the reason, naming no group.
A question everyone answered alike shows no figure, under the same note as one too few
answered, since saying why would tell each answer too.
Free-text answers ("please specify") are never printed: they count under "Another answer",
as does any answer wessex does not recognise, or that fits two choices (an age range
crossing two bands, "Christian and Muslim"), with a warning naming its cell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .scheme import ALL, NOT_STATED, POOLED
from .spreadsheet import cell_text, find_header_row, read_grid
from .text import first_few, fold, header_key

SUPPRESS_BELOW = 8
# Rounding and suppression protect one set of figures, not two: a report made again after a
# few more forms came in, beside the first, shows how the newcomers answered (a Woman count
# from 10 to 15 with the total from 20 to 25 is one more woman). Said wherever figures are.
PUBLISH_ONCE = ("Publish these figures once, when every form is in: two versions a few forms "
                "apart, side by side, can show how the late few answered.")
PREFER = "Prefer not to say"
OTHER = "Another answer"

QUESTIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # key: (title, header keywords, categories in order)
    "gender": ("Gender", ("gender",), ("Man", "Woman", "Intersex", "Non-binary", OTHER, PREFER)),
    "marriage": ("Married or in a civil partnership", ("married", "civil", "marital", "spouse"),
                 ("Yes", "No", OTHER, PREFER)),
    "age": ("Age band", ("age",), ("16 to 24", "25 to 29", "30 to 34", "35 to 39", "40 to 44",
                                   "45 to 49", "50 to 54", "55 to 59", "60 to 64", "65 or over",
                                   OTHER, PREFER)),
    "ethnicity": ("Ethnic group", ("ethnic",), ("White", "Mixed or multiple ethnic groups",
                                                "Asian or Asian British",
                                                "Black, African, Caribbean or Black British",
                                                "Other ethnic group", OTHER, PREFER)),
    "disability": ("Disability or health condition", ("disab",), ("Yes", "No", OTHER, PREFER)),
    "sexual_orientation": ("Sexual orientation", ("sexual", "orientation"),
                           ("Heterosexual", "Gay", "Lesbian", "Bisexual", OTHER, PREFER)),
    "religion": ("Religion or belief", ("religion", "belief", "faith"),
                 ("No religion or belief", "Buddhist", "Christian", "Hindu", "Jewish", "Muslim",
                  "Sikh", OTHER, PREFER)),
    "working_pattern": ("Working pattern", ("workingpattern", "fulltime", "parttime"),
                        ("Full-time", "Part-time", OTHER, PREFER)),
    "flexible_working": ("Flexible working", ("flexible",),
                         ("None", "Annualised hours", "Compressed hours", "Flexi-time",
                          "Flexible shifts", "Homeworking", "Job-share", "Staggered hours",
                          "Term-time hours", OTHER, PREFER)),
    "caring": ("Caring responsibilities", ("caring", "carer"),
               ("None", "Primary carer of a child or children under 18",
                "Primary carer of a disabled child", "Primary carer of a disabled adult",
                "Primary carer of an older person", "Secondary carer", OTHER, PREFER)),
}
# Questions whose printed form offers a write-in answer ("My own term", "Other: ...");
# elsewhere "Another answer" holds only answers wessex did not recognise.
WRITE_IN = frozenset({"gender", "sexual_orientation", "religion", "flexible_working"})
# Said under every table not broken down by group, whatever the reason: a group too small
# in answers to this question, or one whose answers were all alike. Worded alike for both
# and naming no group: a note said only when a group answered alike told, beside the tables
# broken down, that one group's answers were all the same.
NOT_BROKEN_DOWN = ("Not broken down by group: a group's figures could tell what someone "
                   f"answered, as fewer than {SUPPRESS_BELOW} in it answered this question or "
                   "their answers were too alike.")
# Said under a question that shows no figure, whether too few answered it or everyone who did
# gave the same answer: the reason is not said, since "everyone answered alike" tells each
# answer to anyone who knows one of them (their own) or can guess it.
HIDDEN_QUESTION = (f"No figure is shown for this question: fewer than {SUPPRESS_BELOW} people "
                   "answered it, or their answers were too alike to show any figure without "
                   "telling what someone answered.")
# Words that name a form's choice in other ways people type it.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "marriage": {"Yes": ("married", "civil partnership", "civil partner", "spouse"),
                 "No": ("single", "divorced", "widowed", "separated", "not married")},
    "gender": {"Man": ("male", "m"), "Woman": ("female", "f"),
               OTHER: ("my own term", "own term", "other")},
    "sexual_orientation": {"Heterosexual": ("straight", "heterosexual or straight"),
                           "Gay": ("gay man",), "Lesbian": ("gay woman", "lesbian woman"),
                           OTHER: ("my own term", "own term", "other")},
    "religion": {"No religion or belief": ("none", "no religion", "atheist", "no belief"),
                 "Christian": ("christianity", "church of england", "anglican", "catholic",
                               "roman catholic", "methodist", "baptist", "orthodox"),
                 "Muslim": ("islam",), "Jewish": ("judaism",), "Hindu": ("hinduism",),
                 "Sikh": ("sikhism",), "Buddhist": ("buddhism",),
                 OTHER: ("another religion", "other religion", "other", "another")},
    "flexible_working": {OTHER: ("other",)},
    "working_pattern": {"Full-time": ("full time", "whole time", "fulltime"),
                        "Part-time": ("part time", "less than full time", "ltft")},
}
CARING_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (category, words that must all appear), in order: the first that fits wins
    ("None", ("none",)),
    ("None", ("no caring",)),
    ("None", ("not a carer",)),
    ("Secondary carer", ("secondary",)),
    ("Primary carer of a disabled child", ("disabled", "child")),
    ("Primary carer of a disabled adult", ("disabled", "adult")),
    ("Primary carer of an older person", ("older",)),
    ("Primary carer of an older person", ("elderly",)),
    ("Primary carer of a child or children under 18", ("child",)),
)
# The backgrounds the printed form offers under each broad group: the collection
# workbook's drop-down offers each ("White: Irish"), and the tables count the broad group.
ETHNIC_BACKGROUNDS: dict[str, tuple[str, ...]] = {
    "White": ("British", "English", "Welsh", "Scottish", "Northern Irish", "Irish",
              "Gypsy or Irish Traveller", "Another white background"),
    "Mixed or multiple ethnic groups": ("White and Asian", "White and Black African",
                                        "White and Black Caribbean",
                                        "Another mixed background"),
    "Asian or Asian British": ("Indian", "Pakistani", "Bangladeshi", "Chinese",
                               "Another Asian background"),
    "Black, African, Caribbean or Black British": ("African", "Caribbean",
                                                   "Another Black background"),
    "Other ethnic group": ("Arab", "Another ethnic group"),
}
# Questions where the form asks to tick every box that applies: a total counts ticks
SEVERAL_ANSWERS = frozenset({"caring"})
ETHNIC_GROUPS = {
    "White": ("white", "english", "welsh", "scottish", "northern irish", "irish", "british",
              "gypsy", "traveller", "roma"),
    "Mixed or multiple ethnic groups": ("mixed", "multiple", "white and"),
    "Asian or Asian British": ("asian", "indian", "pakistani", "bangladeshi", "chinese"),
    "Black, African, Caribbean or Black British": ("black", "african", "caribbean"),
    "Other ethnic group": ("arab", "other ethnic", "any other ethnic", "another ethnic"),
}


def categorise(question: str, answer: str) -> list[str]:
    """The category (or categories, for caring) an answer counts under; [] for blank."""
    return classify(question, answer)[0]


def classify(question: str, answer: str) -> tuple[list[str], bool]:
    """The categories an answer counts under, and whether every part of it was recognised.

    An answer wessex does not recognise counts under "Another answer" (never silently under
    another category), and ``False`` tells the caller to warn about its cell.
    """
    text = " ".join(fold(answer).split())
    if not text:
        return [], True
    if _declines(text):
        return [PREFER], True
    if question == "caring":
        return _classify_caring(answer)
    categories = QUESTIONS[question][2]
    if question == "ethnicity":
        match = _named(text, categories) or _ethnic_group(text)  # "OtherEthnicGroup" too
    elif question == "age":
        match = _age_band(answer, categories)
    else:  # the choice itself, then the other ways of typing it, then a choice with more
        match = _named(text, categories)
        if match is None:
            match = _synonym(question, text) or _begins_with(text, categories)
            # "Christian and Muslim", "Full time and part time": the first named is no
            # more the answer than the second
            if match is not None and _choices_named(question, text) - {match, OTHER}:
                match = None
    return ([match], True) if match is not None else ([OTHER], False)


# Ways of declining to answer besides the form's own "Prefer not to say": they mean that
# choice, never the one a word in them names ("none of your business" is not "None", nor
# "no religion"). Matched as whole words at the start of the folded answer.
DECLINING = ("rather not", "would rather not", "i d rather not", "i would rather not",
             "none of your business", "mind your own", "not telling", "not saying",
             "not disclosed", "decline", "declined", "i decline", "do not wish",
             "don t wish", "i do not wish", "i don t wish", "no comment", "not prepared to",
             "not willing to", "withheld")


def _declines(text: str) -> bool:
    """Whether a folded answer declines to answer (``DECLINING``); "prefer not" anywhere
    in it does too, as the form's choice may be typed after another word."""
    return "prefer not" in text or any(f"{text} ".startswith(f"{words} ")
                                        for words in DECLINING)


def _classify_caring(answer: str) -> tuple[list[str], bool]:
    """Caring answers may tick several boxes ("Secondary carer; primary carer of a child"):
    each part counts once, and an unrecognised part counts under "Another answer"."""
    found: list[str] = []
    known = True
    for part in (" ".join(fold(p).split()) for p in re.split(r"[;,\n]+", answer)):
        if not part:
            continue
        match = _caring_category(part)  # "prefer not" anywhere was answered by classify
        if match is None:
            known = False
            match = OTHER
        if match not in found:
            found.append(match)
    return found, known


CONTRASTS = ("but", "however", "although", "though", "except", "apart from", "yet")


def _caring_category(part: str) -> str | None:
    """The caring category whose words all appear in ``part`` (folded), first listed first.
    A part that begins by saying no ("no children", "no dependants", "not applicable")
    cares for nobody: the words after "no" name whom they do not care for."""
    padded = f" {part} "
    if padded.startswith((" no ", " not ", " nil ", " n a ", " nobody ", " nope ")):
        # unless it goes on to say whom they do care for ("no children but I care for my
        # father", "No - secondary carer"): then it is not read, and its cell is named
        cared_for = " carer " in padded and any(
            all(f" {w}" in padded for w in needed)
            for category, needed in CARING_WORDS if category != "None")
        if cared_for or any(f" {w} " in padded for w in CONTRASTS):
            return None
        return "None"
    return next((category for category, needed in CARING_WORDS
                 if all(f" {w}" in padded for w in needed)), None)


# Words that say where someone is from, not their ethnic group: "Black British", "British
# Indian", "Irish Chinese" name one group. Alone, they name a white background, as on the form.
NATIONAL = frozenset({"british", "english", "welsh", "scottish", "northern irish", "irish"})


def _ethnic_group(text: str) -> str | None:
    """The broad ethnic group an answer names, itself or through a background in it, by
    whole words ("Blackpool" names none). "Mixed" (or "White and ...") is the mixed group;
    an answer naming two other groups ("Black and Asian", "Asian and white") is not placed
    in either. A nationality ("Black British", "British Indian") does not make a second."""
    named = {group for group, words in ETHNIC_GROUPS.items()
             if any(f" {w} " in f" {text} " for w in words if group != "White" or
                    w not in NATIONAL)}
    if "Mixed or multiple ethnic groups" in named:
        return "Mixed or multiple ethnic groups"
    if len(named) == 1:
        return named.pop()
    if not named and any(f" {w} " in f" {text} " for w in NATIONAL):
        return "White"
    return None


OLDEST = 200  # a larger number is not an age
# Words an age answer may carry besides its numbers ("aged 50 to 54", "45 years").
_AGE_FILLER = frozenset({"aged", "age", "years", "year", "yrs", "yr", "old", "band"})


def _age_band(answer: str, categories: tuple[str, ...]) -> str | None:
    """The age band an answer falls wholly within: one age ("42", "45.5"), a range ("45-49",
    "aged 45 to 49") or an open band ("65+", "65 or over", "over 70"). A range that crosses
    two bands ("45-54"), runs backwards, or words that do not read as ages ("40s", "under
    25") fall within no band: such an answer is never put into one of the bands it touches.
    """
    low_high = _age_range(answer)
    if low_high is None:
        return None
    low, high = low_high
    for category in categories:
        bounds = [int(d) for d in re.findall(r"\d+", category)]
        if not bounds:
            continue
        band_low, band_high = bounds[0], bounds[-1] if len(bounds) > 1 else OLDEST
        if band_low <= low and high <= band_high:
            return category
    return None


def _age_range(answer: str) -> tuple[int, int] | None:
    """The whole ages an age answer covers, lowest and highest; None when it cannot be read
    as one age or one range of ages."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", answer.casefold())
    tokens = [t for t in re.findall(r"\d+(?:\.\d+)?|[a-z]+|[+-]", text)
              if t not in _AGE_FILLER]
    numbers = [int(float(t)) for t in tokens if t[0].isdigit()]
    if any(n > OLDEST for n in numbers):
        return None
    shape = ["N" if t[0].isdigit() else t for t in tokens]
    if shape == ["N"]:
        return numbers[0], numbers[0]
    if shape in (["N", "to", "N"], ["N", "-", "N"]):
        return (numbers[0], numbers[1]) if numbers[0] <= numbers[1] else None
    if shape in (["N", "+"], ["N", "plus"], ["N", "or", "over"], ["N", "and", "over"],
                 ["N", "or", "older"], ["N", "and", "older"], ["N", "or", "above"]):
        return numbers[0], OLDEST
    if shape in (["over", "N"], ["above", "N"], ["older", "than", "N"]):
        return numbers[0] + 1, OLDEST
    return None


def _synonym(question: str, text: str) -> str | None:
    for category, words in SYNONYMS.get(question, {}).items():
        if any(text == w or text.startswith(w + " ") for w in words):
            return category
    return None


def _choices_named(question: str, text: str) -> set[str]:
    """Every choice whose words (or another way of typing it) stand whole anywhere in
    ``text``; words inside a longer match ("married" in "not married") name only that."""
    words = text.split()
    spans: list[tuple[int, int, str]] = []
    for category in QUESTIONS[question][2]:
        phrases = {fold(category), *SYNONYMS.get(question, {}).get(category, ())}
        for phrase in phrases:
            wanted = phrase.split()
            spans += [(start, start + len(wanted), category)
                      for start in range(len(words) - len(wanted) + 1)
                      if wanted and words[start:start + len(wanted)] == wanted]
    return {category for start, end, category in spans
            if not any(s <= start and end <= e and (s, e) != (start, end)
                       for s, e, _ in spans)}


def _named(text: str, categories: tuple[str, ...]) -> str | None:
    """The category the answer names exactly (case, spaces and punctuation aside)."""
    key = header_key(text)
    return next((category for category in categories if header_key(category) == key), None)


def _begins_with(text: str, categories: tuple[str, ...]) -> str | None:
    """A category whose words the answer starts with, followed by more (``"Part-time
    (0.6)"``); never a different word that merely starts the same way ("Womanly")."""
    words = fold(text).split()
    for category in categories:
        wanted = fold(category).split()
        if wanted and words[:len(wanted)] == wanted:
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
    notes: list[str] = field(default_factory=list)  # what was pooled or hidden, and why

    def as_json(self) -> dict[str, Any]:
        """The published table for --json: only the protected values, never raw counts."""
        return {"question": self.question, "title": self.title, "columns": self.columns,
                "rows": [{"category": r, "counts": dict(zip(self.columns, c, strict=True))}
                         for r, c in zip(self.rows, self.cells, strict=True)],
                "notes": self.notes}


def round5(value: int) -> int:
    """Round to the nearest 5 (halves up): published counts never show an exact small number."""
    return 5 * ((value + 2) // 5)


def _published_range(count: int) -> tuple[int, int]:
    """What a reader can tell of ``count`` from its published figure: 0 is exact; a
    rounded figure is within 2 of the count, which is at least ``SUPPRESS_BELOW``."""
    if not count:
        return 0, 0
    shown = round5(count)
    return max(shown - 2, SUPPRESS_BELOW), shown + 2


def _exposed(line: list[tuple[int, int]], counts: list[list[int]],
             suppressed: list[list[bool]]) -> bool:
    """Whether the line's hidden cells can be worked out from what it shows: one alone,
    or several whose shown total, less its shown parts, leaves each one value only.
    Stars are each 1 at least, so "10" beside "Total 10" can leave four stars 4 at most
    between them (each shown figure 8 at least, the total 12 at most): each is 1."""
    hidden = [cell for cell in line if suppressed[cell[0]][cell[1]]]
    if len(hidden) == 1:
        return True
    total = line[-1]
    if not hidden or suppressed[total[0]][total[1]]:
        return False
    most = _published_range(counts[total[0]][total[1]])[1] - sum(
        _published_range(counts[r][c])[0] for r, c in line[:-1] if not suppressed[r][c])
    return most - (len(hidden) - 1) < 2  # the most one hidden cell can hold, 1 at least


def protect(counts: list[list[int]], hidden: Collection[tuple[int, int]] = ()
            ) -> list[list[str]]:
    """Publishable values for an exact table whose last row and first column are totals.

    ``counts[r][c]``: rows are categories then the total row; column 0 is the overall
    count (the row total of the other columns, or the only column). ``hidden``: cells to
    suppress whatever they hold (a group whose every answer is one category), with the
    others their suppression then calls for.
    """
    n_rows, n_cols = len(counts), len(counts[0])
    suppressed = [[1 <= counts[r][c] < SUPPRESS_BELOW or (r, c) in hidden
                   for c in range(n_cols)] for r in range(n_rows)]
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
            if not _exposed(line, counts, suppressed):
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
    """Which column holds each monitored question (and the group), recognised by its heading."""
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


def build_table(question: str, answers: list[tuple[str, list[str]]],
                grouped: bool = True) -> ProtectedTable:
    """One question's published table from each form's (group, categories).

    Beyond suppressing 1 to 7 and rounding, a column is only shown when at least
    ``SUPPRESS_BELOW`` people in it answered: in a smaller column every figure, a 0 included,
    tells something about the few people in it. Small groups are pooled into "Other groups"
    when together they are large enough; otherwise the table has no breakdown by group (a
    lone small column could be worked out as "All" minus the others). A question fewer than
    ``SUPPRESS_BELOW`` people answered, or that everyone answered alike, shows no figure at
    all, and the two look the same (``HIDDEN_QUESTION``).
    """
    title, _, categories = QUESTIONS[question]
    answered = [(group, cats) for group, cats in answers if cats]
    used = {c for _, cats in answered for c in cats}
    rows = [c for c in categories if c != OTHER or question in WRITE_IN or OTHER in used]
    sizes = Counter(group for group, _ in answered)
    column_of, notes = _group_columns(sizes) if grouped else ({}, [])
    columns, matrix = _counted(rows, answered, column_of)
    people = _people(answered, column_of, columns)
    if any(_alike(matrix, c, people[c]) for c in range(1, len(columns))):
        # hiding such a group's cells was not enough: the "All" column bounds each answer
        # ("Man 20" of "Total 20" leaves the others 4 at most), and only one answer could
        # hold a group of 10 who all said the same
        columns, matrix = _counted(rows, answered, {})
        notes = [NOT_BROKEN_DOWN]
    if question in SEVERAL_ANSWERS and any(len(cats) > 1 for _, cats in answered):
        notes.append("People could tick more than one box, so the total counts the boxes "
                     "ticked, not the people.")
    if len(answered) < SUPPRESS_BELOW or _alike(matrix, 0, len(answered)):
        # the form's own rows and one column, each hidden, and one note for either reason:
        # a row for an answer someone gave, a note about groups or boxes ticked, would tell
        # the two apart
        rows = [c for c in categories if c != OTHER or question in WRITE_IN]
        return ProtectedTable(question, title, [*rows, "Total"], [ALL],
                              [["*"] for _ in range(len(rows) + 1)],
                              [HIDDEN_QUESTION] if answered else [])
    cells = protect(matrix)
    return ProtectedTable(question, title, [*rows, "Total"], columns, cells, notes)


def _counted(rows: list[str], answered: list[tuple[str, list[str]]],
             column_of: dict[str, str]) -> tuple[list[str], list[list[int]]]:
    """The columns ("All", then each group's column of ``column_of``) and the exact counts
    by category, a total row last."""
    columns = [ALL, *sorted(set(column_of.values()), key=lambda c: (c == POOLED, c))]
    counts = {c: dict.fromkeys(columns, 0) for c in rows}
    for group, cats in answered:
        for category in cats:
            counts[category][ALL] += 1
            if group in column_of:
                counts[category][column_of[group]] += 1
    matrix = [[counts[c][g] for g in columns] for c in rows]
    matrix.append([sum(row[i] for row in matrix) for i in range(len(columns))])
    return columns, matrix


def _alike(matrix: list[list[int]], column: int, people: int | None = None) -> bool:
    """Whether everyone counted in ``column`` of ``matrix`` gave the same answer, or, where
    a form may tick several boxes, whether all ``people`` of the column ticked one same box
    (its count then tells that each of them did, whatever else they ticked)."""
    total = matrix[-1][column] if people is None else people
    return bool(total) and any(row[column] == total for row in matrix[:-1])


def _people(answered: list[tuple[str, list[str]]], column_of: dict[str, str],
            columns: list[str]) -> list[int]:
    """How many people answered, in each of ``columns`` ("All" first)."""
    sizes = Counter(column_of.get(group) for group, _ in answered)
    return [len(answered), *(sizes[c] for c in columns[1:])]


def _group_columns(sizes: Counter[str]) -> tuple[dict[str, str], list[str]]:
    """Each group's column (its own, or pooled), and the notes saying what was pooled or why
    there is no breakdown: see :func:`build_table`."""
    small = sorted(g for g in sizes if sizes[g] < SUPPRESS_BELOW)
    big = sorted(g for g in sizes if sizes[g] >= SUPPRESS_BELOW)
    if not small:
        return {g: g for g in big}, []
    if not big and len(small) > 1:  # pooled, they would only repeat the "All" column
        return {}, [NOT_BROKEN_DOWN]
    if len(small) > 1 and sum(sizes[g] for g in small) >= SUPPRESS_BELOW:
        return {**{g: g for g in big}, **dict.fromkeys(small, POOLED)}, [
            f"{_listed(small)} are counted together as '{POOLED}': each had fewer than "
            f"{SUPPRESS_BELOW} answers."]
    if big:  # a lone small column could be worked out as "All" minus the others
        return {}, [NOT_BROKEN_DOWN]
    return {}, []


def _listed(names: list[str]) -> str:
    from .text import and_list

    return and_list([f"'{n}'" for n in names])


@dataclass
class EqualityResult:
    """The returned forms as read: protected tables, the number of forms, warnings by cell."""

    tables: list[ProtectedTable]
    forms: int
    warnings: list[str] = field(default_factory=list)  # each names its cell


def aggregate(path: Path, side_of: Any = None) -> tuple[list[ProtectedTable], int]:
    """Read the returned forms and build a protected table per question."""
    result = read_forms(path, side_of)
    return result.tables, result.forms


# A first column saying so on purpose: counted under 'Not stated' without a warning.
_NOT_STATED = frozenset({"notstated", "prefernottosay", "prefernottosaythis", "unknown",
                         "notknown"})


def read_forms(path: Path, side_of: Any = None) -> EqualityResult:
    """The returned forms as protected tables, with a warning for each answer not recognised
    (naming its cell, never its words)."""
    from .errors import RosterError
    from .spreadsheet import cell_ref

    grid = read_grid(path, "Forms")
    header_index = find_header_row(grid.rows, lambda texts: len(find_columns(texts)), minimum=2)
    if header_index is None:
        raise RosterError("no header row with the monitoring questions was found.",
                          "Use 'wessex equality template' to get a workbook with the right "
                          "columns.", file=path, sheet=grid.sheet)
    headers = [cell_text(c) for c in grid.rows[header_index]]
    columns = find_columns(headers)
    forms = [(header_index + 1 + offset, row)
             for offset, row in enumerate(grid.rows[header_index + 1:])
             if any(cell_text(c) for c in row)]
    if not forms:  # a table of stars would say "too few to show", which is not the case
        raise RosterError("no returned forms were found: the Forms sheet has its headers "
                          "but no answers below them.",
                          "Type or paste one row per returned form under the headers, then "
                          "run 'wessex equality' again.", file=path, sheet=grid.sheet)
    groups: list[str] = []
    warnings = []
    unnamed: list[str] = []  # the first column's cells naming neither side nor a profession
    for index, row in forms:
        raw = cell_text(row[columns["group"]]) if "group" in columns and \
            columns["group"] < len(row) else ""
        group = side_of(raw) if side_of else raw
        groups.append(group or NOT_STATED)
        if raw and group in ("", NOT_STATED) and header_key(raw) not in _NOT_STATED:
            unnamed.append(cell_ref(index, columns["group"]))
    # said like an answer not recognised: one such cell can stop every table being broken
    # down by side, and the note under them would name 'Not stated' only
    warnings += _said_of_forms(path, grid.sheet, unnamed, (
        "the first column names neither side nor a profession listed in scheme.toml, so "
        "{form} counted under " f"'{NOT_STATED}'. Type the side (for example primary) or "
        "the profession as scheme.toml lists it, and run again."),
        ("the form is", "each form is"))
    tables = []
    for question, (title, _, _) in QUESTIONS.items():
        if question not in columns:
            continue
        col = columns[question]
        answers = []
        unknown: list[str] = []  # the cells of the answers not recognised
        for (index, row), group in zip(forms, groups, strict=True):
            answer = cell_text(row[col]) if col < len(row) else ""
            categories, known = classify(question, answer)
            if not known:
                unknown.append(cell_ref(index, col))
            answers.append((group, categories))
        warnings += _said_of_forms(path, grid.sheet, unknown,
                                   f"{{form}} counted as '{OTHER}'. {_fix_hint(question)}",
                                   (f"the answer to '{title}' is not one of the form's "
                                    "choices, so it is", f"the answers to '{title}' are not "
                                    "among the form's choices, so each is"))
        tables.append(build_table(question, answers, grouped="group" in columns))
    return EqualityResult(tables, len(forms), warnings)


def _said_of_forms(path: Path, sheet: str, cells: list[str], text: str,
                   form: tuple[str, str]) -> list[str]:
    """One warning of the forms whose ``cells`` are alike ([] for none), where each had a
    warning of its own: "forms.xlsx, Forms!B5: <text>", or for many, "forms.xlsx, 7 forms
    (Forms!B5, B9, B12, B14, B20 and 2 more): <text>", its "{form}" the first of ``form``
    for one form and the second for many, and its "{a_form}" "the form" or "a form"."""
    if not cells:
        return []
    if len(cells) == 1:
        return [f"{path.name}, {sheet}!{cells[0]}: " + text.format(form=form[0], a_form="the "
                                                                   "form")]
    return [f"{path.name}, {len(cells)} forms ({sheet}!{first_few(cells)}): " +
            text.format(form=form[1], a_form="a form")]


def _fix_hint(question: str) -> str:
    """What to do about an answer counted as "Another answer" because it was not recognised."""
    if question == "age":
        return ("If {a_form} gives one age or one of the form's bands, type that (for example "
                "46, or 45 to 49) and run again; a range that crosses two bands cannot be "
                "counted in either.")
    if question in SEVERAL_ANSWERS:
        return ("If {a_form} ticks boxes on the list, type each as the list words it, "
                "separated by ; and run again.")
    return ("If {a_form} ticks one choice on the list, type that choice as the list words it "
            "and run again; an answer naming two choices cannot be counted in either.")


def forms_returned(forms: int) -> str:
    """The number of forms as published, after "Forms returned: ": rounded like every count
    (an exact total could undo a suppressed cell) and saying so, "about 40 (rounded to the
    nearest 5)" of 39, which alone read as exact; "fewer than 8" when too few to publish
    (a "*" there read as a footnote mark, and says no less)."""
    if forms == 0:
        return "none"
    if forms < SUPPRESS_BELOW:
        return f"fewer than {SUPPRESS_BELOW}"
    return f"about {round5(forms)} (rounded to the nearest 5)"


def report_html(tables: list[ProtectedTable], forms: int, scheme_name: str) -> str:
    """The published tables as one web page (``templates/pages/equality-report.html.j2``);
    the number of forms is itself rounded, or hidden when small (``forms_returned``)."""
    from .pages import render_page

    return render_page(
        "equality-report", title=scheme_name, publish_once=PUBLISH_ONCE,
        forms=forms_returned(forms),
        tables=[{"title": table.title, "columns": table.columns, "notes": table.notes,
                 "rows": [{"category": row, "cells": cells}
                          for row, cells in zip(table.rows, table.cells, strict=True)]}
                for table in tables])


def form_choices(question: str) -> list[str]:
    """The choices the collection workbook's drop-down offers for ``question``: the form's,
    as the table's categories, with "Another answer" only where the printed form has a
    write-in box; for ethnicity each background the form lists, under its group."""
    if question == "ethnicity":
        return [f"{group}: {background}" for group, backgrounds in ETHNIC_BACKGROUNDS.items()
                for background in backgrounds] + [PREFER]
    return [c for c in QUESTIONS[question][2] if c != OTHER or question in WRITE_IN]


def write_template(path: Path) -> None:
    """A collection workbook: one column per question, drop-downs of the categories.

    Each drop-down refers to its own column of the hidden Lists sheet, which holds exactly
    that question's choices under the question whole (a cell's text has no length limit to
    keep within).
    """
    from .xlsx_out import SheetSpec, write_workbook

    titles = ["Profession or side"] + [QUESTIONS[q][0] for q in QUESTIONS]
    lists = {QUESTIONS[q][0]: form_choices(q) for q in QUESTIONS}
    validations: list[tuple[int, dict[str, Any]]] = [(0, {
        "validate": "any", "input_title": "Side of the exchange",
        "input_message": "As ticked on the form, or the profession if the form gives one; "
                         "blank if not answered."})]
    for index, question in enumerate(QUESTIONS, start=1):
        letter = _col(index - 1)
        last = len(form_choices(question)) + 1
        rule = {"validate": "list", "source": f"=Lists!${letter}$2:${letter}${last}",
                "error_type": "information"}
        if question in SEVERAL_ANSWERS:  # the list takes one: more are typed, with ";"
            rule |= {"input_title": "Tick all that apply",
                     "input_message": "Pick one, or type every box ticked, separated by ; "
                                      "(for example: Secondary carer; Primary carer of an "
                                      "older person)."}
        validations.append((index, rule))
    sheet = SheetSpec("Forms", titles, [], widths=dict.fromkeys(range(len(titles)), 24.0),
                      validations=validations)
    write_workbook(path, [sheet], hidden_lists=lists)


def _col(index: int) -> str:
    from .spreadsheet import column_letter

    return column_letter(index)
