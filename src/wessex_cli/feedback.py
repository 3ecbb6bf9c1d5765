"""``wessex feedback``'s core: reflections and survey answers into a delegate pack.

Responses come as survey tools export them: one row per response, columns named by the
question's text. Free text is anonymised before anything else sees it (names from the
roster and the response with the short forms of their first names, any name after a title,
e-mails, phone numbers, NHS numbers with a valid check digit, postcodes), and a profession
with fewer than three respondents is pooled. The pack says where the names came from and
what is removed, and always asks for every quote to be read before the pack is shared: a
nickname beyond the usual short forms ("Izzy" for Isla), or one written in lower case, is
not recognised.

Four steps, each usable alone: ``read_responses`` (the export into a ``Survey``),
``anonymise_survey`` (names and numbers removed, groups pooled), ``analyse_survey`` (quotes,
ratings, themes into a ``FeedbackPack``) and presenting (``pack_view`` as data, then
``pack_markdown`` or ``pack_html`` through ``templates/pages/delegate-pack.html.j2``).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import MONTHS, WEEKDAYS
from .errors import NotASpreadsheet, RosterError, SpreadsheetError
from .roster import COLUMN_ALIASES, NOT_SPREADSHEETS, column_meant, names_no_one
from .spreadsheet import Grid, cell_ref, cell_text, find_header_row, read_every_grid, read_grid
from .text import (
    APOSTROPHES,
    TITLES,
    fold,
    fold_char,
    half_up,
    header_key,
    letters_after,
    percent,
    plural,
    without_apostrophes,
    without_invisible,
)

if TYPE_CHECKING:
    from .model import PairsWorkbook
    from .scheme import Scheme

MIN_GROUP = 3
OTHER_GROUP = "Other professions"
REFLECTIVE = {
    "surprise": "Did anything surprise or shock you during the visit?",
    "expected": "What did you expect to see that you did not (or see that you did not expect)?",
    "take_back": "What will you take back to your own workplace or practice?",
}
DEFAULT_THEMES: dict[str, tuple[str, ...]] = {
    "Communication": ("communicat", "e-mail", "email", "letter", "phone", "talk", "contact",
                      "conversation"),
    "Referrals": ("referr", "pathway", "advice and guidance", "discharge"),
    "IT and systems": ("system", "computer", "software", "electronic", "digital", "record",
                       " it "),
    "Workload": ("workload", "busy", "pressure", "demand", "capacity", "time"),
    "Mutual respect": ("respect", "understand", "appreciat", "empathy", "trust", "relationship"),
}
LIKERT = {"strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "neutral": 3,
          "neither": 3, "agree": 4, "strongly agree": 5}

# The part before the "@" is at most 64 characters, as an address's may be: unbounded, the
# search tried every start in a long run of letters with no "@" and read the run to its end
# from each (a 32,000-character answer written without spaces took 5 s)
# Written to dodge a harvester too: "jo (at) example.org", "jo [at] example dot org", "jo
# AT example DOT org", the fullwidth "＠" and spaces around the "@". The last part of the
# address has a letter, so "met @ 9.30" is no address; a plain "at" counts only before a
# domain spelt with the word "dot", so "seen at clinic.Then" stays. A dot with a space after
# it and none before is a sentence's end unless a small letter follows ("nhs. net"): "thanks
# @aashworth. Great visit" is a handle and a new sentence, not one address of four words.
_AT = r"(?:\s{0,3}[@\uff20\ufe6b]\s{0,3}|\s{0,3}[(\[{<]\s?at\s?[)\]}>]\s{0,3})"
# The dot is read one way only, once read (an atomic group): " ." is read by two of its
# ways, and an answer of 108 characters ("x @ 1 .1 1 .1 ...", no address in it) took 68 s
# trying each way for each dot, twice as long for each dot more. What either way leaves
# after it is the same or spaces, which no part of an address that follows could begin with.
_DOT = (r"(?>\s{0,3}[.\uff0e](?!\s)|\s{1,3}[.\uff0e]\s{0,3}|[.\uff0e]\s{1,3}(?=(?-i:[a-z]))"
        r"|\s{0,3}[(\[{<]\s?dot\s?[)\]}>]\s{0,3}|\s{1,3}dot\s{1,3})")
_LABEL = r"[\w-]*[^\W\d_][\w-]*"
_EMAIL = re.compile(
    rf"[\w.+'-]{{1,64}}(?:{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}{_LABEL}"
    rf"|\s{{1,3}}at\s{{1,3}}[\w-]+(?:\s{{1,3}}dot\s{{1,3}}[\w-]+)*?\s{{1,3}}dot\s{{1,3}}{_LABEL})"
    r"(?!\w)", re.IGNORECASE)
# Between the digits and the two halves of a postcode, any space (the no-break and thin
# spaces that Word and Outlook put in a signature among them), and in a number a dot or any
# dash: "07700\u00a0900123", "07700.900.123" and "0117–496–0000" are phone numbers too.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s{0,2}[0-9][A-Z]{2}\b", re.I)
_DIGITS = re.compile(r"(?<![\w])(?:\+?\d[\d\s().\u2010-\u2015-]{8,16}\d)(?![\w])")


def valid_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


# Cyrillic and Greek letters drawn as Latin ones: "Amеlia" with a Cyrillic "е" shows as
# "Amelia", so it matches as "Amelia" does (in matching only; the text is left as written).
# Looked up after case folding, so that a capital and its small letter read alike: keyed on
# the capitals, "ΕΛΕΝΗ" (Ν as N) never matched "Ελένη" (ν as v), nor "ДМИТРИЙ" "Дмитрий".
_LOOK_LATIN = str.maketrans("аеорсухіјѕԁԛԝһӏвкмнтүοαικνρτυχβεζημ",
                            "aeopcyxijsdqwhlbkmhtyoaikvptuxbezhm")


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character (``text.fold_char``: case and accents dropped,
    separators kept, Cyrillic and Greek letters drawn as Latin ones read as those), and for
    each folded character the index of the one it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char).translate(_LOOK_LATIN)
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


# Words that belong to the surname after them (folded: "Ó" is "o"). Alone they are not
# names: "van" in "the van arrived" is kept.
SURNAME_PARTICLES = frozenset({
    "o", "ui", "ua", "mac", "mc", "nic", "ni", "mhic", "nig", "van", "von", "der", "den", "de",
    "del", "della", "di", "da", "das", "dos", "du", "le", "la", "bin", "binti", "bint", "ibn",
    "al", "el", "ap", "ab", "ter", "ten", "zu", "y", "st",
})
# in folded text, where every apostrophe of text.APOSTROPHES is already a straight one
_NAME_TOKEN = re.compile(r"\w+(?:['-]\w+)*")
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Hangul's letters
# as folding leaves them, kana, Chinese characters): "王小明很好" is one run of letters, so a
# name in it is looked for inside the run, not as a whole word.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u11ff\u1780-\u17ff\u3040-\u30ff"
                       "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
                       "\U00020000-\U0003134f]")
_SCRIPT_RUNS = re.compile(f"({_UNSPACED.pattern}+)|(?:(?!{_UNSPACED.pattern}).)+", re.DOTALL)

# A name in Russian or Ukrainian text takes the ending of its case: "Ивана", "Ивану" for
# Иван, "Ивановой" for Иванова. Looked for only in a word written in Cyrillic, where no
# English word can be a name with an ending, and on a stem of three letters or more; each
# ending as ``_folded`` leaves it (some Cyrillic letters read as Latin ones).
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CASE_ENDINGS = tuple(sorted({
    "".join(fold_char(c) for c in ending).translate(_LOOK_LATIN) for ending in (
        "а", "я", "у", "ю", "е", "и", "ы", "ой", "ей", "ою", "ею", "ом", "ем", "ём", "ым",
        "им", "ых", "их", "ого", "его", "ому", "ему", "ов", "ев", "ам", "ям", "ами", "ями",
        "ах", "ях", "ую", "ая", "ий", "ий", "і", "ї", "ові", "еві")}, key=len, reverse=True))
_DROPPED_BEFORE_AN_ENDING = frozenset(
    fold_char(c).translate(_LOOK_LATIN) for c in "аяйьоыиі")
# Arabic writes "and", "with", "the" as letters joined to the word: "والأحمد" is "and
# al-Ahmad"; longest first, leaving three letters or more
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ك", "ل")
_ARABIC = re.compile("[\u0600-\u06ff]")

# British short forms that the ``nicknames`` package (hand-kept, but drawn from American
# records) does not give: without them a volunteer "Catherine" written about as "Kate"
# would be quoted.
BRITISH_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "abigail": ("abi",), "alexandra": ("lexi",), "alfred": ("alf", "alfie"),
    "barbara": ("barb",), "benjamin": ("benji",), "beverley": ("bev",),
    "caroline": ("caz",), "catherine": ("kate", "cath", "kat", "katie"), "charles": ("chas",),
    "charlotte": ("charlie",), "christina": ("chrissie",), "david": ("davy",),
    "eleanor": ("nell",), "gareth": ("gaz",), "georgia": ("georgie",),
    "georgina": ("georgie",), "gillian": ("gill", "gilly"), "helen": ("nell",),
    "isabel": ("izzy",), "isabella": ("izzy",), "jeremy": ("jerry",), "juliet": ("jules",),
    "kathleen": ("kath", "kathy"), "katherine": ("kath", "katie"), "kathryn": ("kath",),
    "lawrence": ("laurie",), "madeleine": ("maddie",), "natalie": ("nat",),
    "natasha": ("tash",), "nicola": ("nicky", "nic"), "olivia": ("liv", "livvy"),
    "philippa": ("pip", "pippa"), "robert": ("robbie",), "rosalind": ("ros",),
    "rosemary": ("rosie",),
    # spellings the table does not list, with the short forms of the spelling it does
    "katharine": ("kate", "kath", "kathy", "katie", "kat"),
    "catharine": ("kate", "cath", "cathy", "katie", "kat"),
    "kathrine": ("kate", "kath", "kathy", "katie"), "rebekah": ("becky", "becca", "bex"),
    "rebecca": ("bex",), "isobel": ("izzy", "issy"), "elisabeth": ("liz", "lizzie", "beth"),
    "alistair": ("ali", "al"), "alasdair": ("ali", "al"), "bethany": ("beth",),
    "annabel": ("annie", "bel"), "annabelle": ("annie", "belle"), "mohammed": ("mo",),
    "mohammad": ("mo",), "muhammad": ("mo",),
}


@lru_cache(maxsize=1)
def _short_form_table() -> dict[str, frozenset[str]]:
    """Given name (lower case, unaccented) -> its usual short forms ("michael" -> "mike",
    "mick", "mikey"...): the ``nicknames`` package's table with ``BRITISH_SHORT_FORMS``."""
    from nicknames import NickNamer

    table = {name: set(forms) for name, forms in NickNamer.default_lookup().items()}
    for name, forms in BRITISH_SHORT_FORMS.items():
        table.setdefault(name, set()).update(forms)
    return {name: frozenset(forms) for name, forms in table.items()}


def short_forms(given_name: str) -> frozenset[str]:
    """The usual short forms of a given name, folded ("Michael" -> "mike", "mick"...)."""
    return _short_form_table().get(fold(given_name), frozenset())


@lru_cache(maxsize=1)
def _full_form_table() -> dict[str, frozenset[str]]:
    """Short form -> the given names it is short for ("bill" -> "william", "robert"...): the
    same table read backwards."""
    table: dict[str, set[str]] = {}
    for name, forms in _short_form_table().items():
        for form in forms:
            table.setdefault(form, set()).add(name)
    return {form: frozenset(names) for form, names in table.items()}


def full_forms(given_name: str) -> frozenset[str]:
    """The given names a short form stands for, folded: a volunteer known as "Bill" in the
    workbook is written about as "William" too ("Bill" -> "william", "robert"...)."""
    return _full_form_table().get(fold(given_name), frozenset())


# Titles before a name that the roster does not know ("Mr Patel", "Sister O'Neill"): the
# roster's own titles, and the ward's. Abbreviations count in any case ("dr Patel"); a title
# that is also a word ("miss", "nurse") only with a capital, so "we miss Mondays" stays.
_TITLE_ABBREVIATIONS = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "rev", "revd", "sr",
                                  "fr", "cllr"}) | {"drs", "profs", "messrs"}
# Titles of several people, each name after them one of theirs: "Drs Patel and Jones"
_PLURAL_TITLES = frozenset({"drs", "profs", "messrs"})
_TITLE_WORDS = (frozenset(TITLES) - _TITLE_ABBREVIATIONS) | {"sister", "nurse", "matron"}
# Capitalised words that follow a title as a role, not as a surname: "Nurse Practitioner".
_ROLES = frozenset({"practitioner", "practitioners", "specialist", "specialists", "consultant",
                    "consultants", "prescriber", "prescribers", "associate", "associates",
                    "lead", "leads", "led", "manager", "managers"})
_TITLES_BEFORE_NAMES = _TITLE_ABBREVIATIONS | _TITLE_WORDS
# Titles that name a person in lower case too ("nurse Jones", "my sister Kate"): words of
# the ward and the clinic, never "miss" (which "we miss Mondays" shows is a verb); the name
# after them must be capitalised and not a day, a month or "I" ("the doctor I saw")
_LOWER_CASE_TITLES = frozenset({"nurse", "sister", "matron", "doctor", "professor"})
# Abbreviations of the ward and the clinic, never initials: after a title in lower case
# ("the practice nurse ANP clinic") they are words of the sentence. Initials that are not on
# this list ("the nurse AJ") are removed as a name may be.
_WARD_ABBREVIATIONS = frozenset({
    "ANP", "ACP", "NHS", "MDT", "GP", "GPS", "ED", "ICU", "ITU", "HDU", "CCU", "AMU", "MAU",
    "SAU", "OPD", "ENT", "IT", "PCN", "ICB", "CQC", "OOH", "TTO", "TTA", "EPR", "ECG", "CT",
    "MRI", "DN", "HCA", "SHO", "FY", "ST", "COPD", "CKD", "DNACPR", "ReSPECT", "UTC", "WIC"})
_NOT_A_NAME_AFTER_A_WORD = frozenset({"i"}) | WEEKDAYS | frozenset(MONTHS)
# "Patel", "O'Neill" (or "O`Neill", "O‘Neill": any apostrophe), "Smith-Jones"
_WORD = rf"[^\W\d_]\w*(?:[{APOSTROPHES}-][^\W\d_]\w*)*"
_TITLED_NAME = re.compile(
    r"(?<!\w)(?P<title>" + "|".join(sorted(_TITLES_BEFORE_NAMES, key=len,
                                           reverse=True)) + r")(?:\.\s*|\s+)"
    r"(?P<initials>(?:[^\W\d_]\.\s*|[^\W\d_]\s+(?=[^\W\d_]))*)"
    r"(?P<particles>(?-i:(?:" + "|".join(sorted(SURNAME_PARTICLES, key=len, reverse=True)) +
    r")(?:\s+|-))*)"
    r"(?P<quote>[\"\u201c\u2018'(]?)(?P<surname>" + _WORD + r")", re.IGNORECASE)
# the marks that may close a name in quotation marks or brackets ("Dr ‘Patel’")
_CLOSING = "\"\u201d\u2019')"
# between a title and the name after it: spaces, or a full stop with or without them
# ("Dr Okonkwo", "Dr. Okonkwo", "Dr.Okonkwo", "Prof.Hale")
_AFTER_A_TITLE = re.compile(r"\.\s*|\s+")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+(" + _WORD + r")")
# the same, or a name in brackets or quotation marks within a name ("Dr Jo (Joanna) Smith",
# 'Dr Jim "Jimbo" Patel')
_NEXT_NAME_WORD = re.compile(r"[ \t\u00a0]+(?:[(\"\u201c\u2018'](" + _WORD +
                             r")[)\"\u201d\u2019'](?=[ \t\u00a0])|(" + _WORD + r"))")
_POSSESSIVE = re.compile(r"'s$")  # of a folded word: its apostrophe a straight one
# the next of several names after a plural title: ", Okafor", " and Jones", " & Ng"
_ANOTHER_NAME = re.compile(r"(,[ \t\u00a0]*|[ \t\u00a0]+(?:and|&)[ \t\u00a0]+)(" + _WORD + r")")
_ADJACENT_NAMES = re.compile(r"\[name\](?:[ \t\u00a0]+\[name\])+")


def _titled_name_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Where the name that ``match`` found after a title starts and ends ("Mr Patel",
    "Dr A. Smith-Jones", "Sister O'Neill", "Dr Sarah Jane Smith"), before any "'s"; None
    when what follows the title is not a capitalised name ("we miss Mondays", "Nurse
    Practitioner clinics"). A title goes with the name, but one in lower case is a word of
    the sentence ("my sister Kate", "the nurse practitioner Okafor") and stays."""
    title, surname = match.group("title"), match.group("surname")
    end = match.end()
    if match.group("quote") and end < len(match.string) and match.string[end] in _CLOSING:
        end += 1  # 'Dr "Patel"', "Dr ‘Patel’": the marks go with the name
    if "." in match.string[match.end("title"):match.start("initials")] and \
            fold(title) not in _TITLE_ABBREVIATIONS:
        return None  # "the Nurse. Then we left": a title word ends a sentence, "Dr." not
    lower_case_title = not title[0].isupper() and fold(title) in _LOWER_CASE_TITLES
    if lower_case_title and fold(surname) in _NOT_A_NAME_AFTER_A_WORD:
        return None
    a_and_e = surname == "A" and match.string[match.end():match.end() + 2] == "&E"
    if lower_case_title and not match.group("initials").strip() and (
            surname in _WARD_ABBREVIATIONS or a_and_e):
        after = _NEXT_WORD.match(match.string, match.end() + (2 if a_and_e else 0))
        if after is None or not after.group(1)[0].isupper():  # "nurse ANP Okafor": a name
            return None  # "the practice nurse ANP clinic", "doctor A&E": a word of the ward
    start = match.start("initials") if lower_case_title else match.start()
    if surname.casefold() in _ROLES and (title[0].isupper() or lower_case_title):
        # "Nurse Practitioner Okafor": the name comes after the roles, if one does
        word = _NEXT_WORD.match(match.string, end)
        while word is not None and word.group(1).casefold() in _ROLES:
            word = _NEXT_WORD.match(match.string, word.end())
        if word is None or not word.group(1)[0].isupper() or \
                fold(word.group(1)) in _TITLES_BEFORE_NAMES:
            return None  # "Nurse Practitioner clinics": roles, and no name
        surname, end = word.group(1), word.end()
        if lower_case_title:
            start = word.start(1)
    if (title.casefold() in _TITLE_WORDS and not title[0].isupper() and
            not lower_case_title) or \
            not surname[0].isupper() or surname.casefold() in _ROLES or \
            any(c.isalpha() and not c.isupper() for c in match.group("initials")) or \
            (len(title) > 1 and title.isupper() and not surname.isupper()):
        return None  # "MS Nurse", "MR Imaging": multiple sclerosis, magnetic resonance
    # up to two more capitalised words, written as the first is ("Dr Patel NHS" keeps
    # "NHS", "MR JOHN PATEL" goes whole), or after initials or a name in capitals ("Dr AJ
    # Patel", "Mr JOHN Patel"), with the particles before them ("Ó", "van der")
    last, taken = surname, 0
    while taken < 2:
        word = _NEXT_NAME_WORD.match(match.string, end)
        while word is not None and fold(word.group(word.lastindex or 0)) in SURNAME_PARTICLES:
            word = _NEXT_NAME_WORD.match(match.string, word.end())
        found = word.group(word.lastindex or 0) if word is not None else ""
        if word is None or _ends_possessive(match.string, end) or not found or \
                fold(found) in _TITLES_BEFORE_NAMES or not found[0].isupper() or \
                (found.isupper() and not last.isupper()):
            break
        if word.group(1):  # in brackets: part of the name only with more of it after
            after = _NEXT_WORD.match(match.string, word.end())
            if after is None or not after.group(1)[0].isupper() or \
                    fold(after.group(1)) in _TITLES_BEFORE_NAMES:
                break
        else:
            taken += 1
        end, last = word.end(), found
    return start, end - 2 if _ends_possessive(match.string, end) else end  # "[name]'s clinic"


_APOSTROPHE_ESSES = tuple(f"{mark}s" for mark in APOSTROPHES)


def _ends_possessive(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends in "'s": looked at where it ends, not by copying the text
    before it (which, for every name in a long answer, took quadratic time)."""
    return text.endswith(_APOSTROPHE_ESSES, 0, end)


def remove_titled_names(text: str) -> str:
    """``text`` with each capitalised name after a title ("Mr Patel", "Mrs O'Neill",
    "Dr. Smith-Jones", "Sister Okafor") as "[name]", the title with it: such a name is a
    person's, known to the scheme or not (a patient's, above all)."""
    pieces: list[str] = []
    done = 0
    position = 0
    while (match := _TITLED_NAME.search(text, position)) is not None:
        span = _titled_name_span(match)
        if span is None:
            position = match.end("title")
            continue
        pieces += [text[done:span[0]], "[name]"]
        done = position = span[1]
        while fold(match.group("title")) in _PLURAL_TITLES and \
                (more := _ANOTHER_NAME.match(text, done)) is not None and \
                more.group(2)[0].isupper() and \
                fold(more.group(2)) not in _TITLES_BEFORE_NAMES | _NOT_A_NAME_AFTER_A_WORD:
            pieces += [more.group(1), "[name]"]  # "Drs Patel and Jones": Jones too
            done = position = more.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _stems(word: str) -> set[str]:
    """The stems a Cyrillic name word (folded) takes its case endings on, three letters or
    more: the word itself, and without a last vowel, "й" or "ь" ("мари" of "мария",
    "иванов" of "иванова")."""
    found = {word} if len(word) >= 3 else set()
    if word[-1:] in _DROPPED_BEFORE_AN_ENDING and len(word) >= 4:
        found.add(word[:-1])
    return found


def _handles(tokens: list[str]) -> set[str]:
    """How a name of several words (folded, titles gone) is joined up as a handle or as the
    part of an address before its "@": "ameliaashworth", "aashworth", "ashwortha" for Amelia
    Ashworth, "jmsmith" for Jo Mary Smith; four letters or more."""
    words = ["".join(re.findall(r"[^\W\d_]+", token)) for token in tokens]
    words = [w for w in words if w]
    if len(words) < 2:
        return set()
    given, surname = words[:-1], words[-1]
    joined = {"".join(words), given[0] + surname, given[0][0] + surname,
              "".join(w[0] for w in given) + surname, surname + given[0][0],
              surname + given[0]}
    return {j for j in joined if len(j) >= 4}


# Letters that German and the Scandinavian languages spell out when they cannot be typed:
# "Bjoern" for Björn, "Mueller" for Müller, "Soeren" for Søren, "Aase" for Åse (folding
# alone reads them "Bjorn", "Muller", "Soren", "Ase")
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                            "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa"})


def _spelt_out_too(names: Iterable[str]) -> Iterable[str]:
    """Each of ``names``, and after it the same name with its umlauts, "ø" and "å" spelt
    out (``_SPELT_OUT``) when it has any."""
    import unicodedata

    for name in names:
        yield name
        composed = unicodedata.normalize("NFC", name)
        if (spelt := composed.translate(_SPELT_OUT)) != composed:
            yield spelt


# A web address's site before the "/" ending at a name: "twitter.com/", "x.com/in/"
_WEB_ADDRESS = re.compile(r"[\w-]\.[a-z]{2,}(?:/[\w.-]*)*/\Z")
# Around a nickname within a name, as ``_folded`` leaves the marks: 'Ellis "Ellie" Hale'
_OPENING = re.compile("[ \t\u00a0]+[(\"\u201c\u2018']")
_CLOSING_MARK = re.compile("[)\"\u201d\u2019'][ \t\u00a0]+")
# The end of a line inside a word, a hyphen before it or not: "Fair-\nbrother"
_BROKEN_LINE = re.compile(r"-?[ \t]*(?:\r\n|[\r\n\u2028])[ \t]*")
# Single letters with a full stop after at least the first, as initials are written ("E.H.",
# "E. H.", "P.A-L.", "Z.F"), one person's or several people's in a row ("E.H. Z.F."), a full
# stop after the last going with them
_DOTTED_INITIALS = re.compile(
    r"(?<![\w.])[^\W\d_]\.[ \t\u00a0]?-?(?:[^\W\d_](?:\.[ \t\u00a0]?-?|-))*[^\W\d_]"
    r"\.?(?!\.?\w)")
_ONE_LETTER = re.compile(r"[^\W\d_]")


def _initials_of(tokens: list[str]) -> set[str]:
    """A name's initials (its words folded, titles gone) as they may be written, two letters
    or more: of each word, of each part of a hyphenated one, and of the first given name and
    the surname ("pa", "pal" for Priya Ashworth-Lee; "ss", "sjs" for Sarah Jane Smith)."""
    words = [t for t in tokens if t[:1].isalpha()]
    if len(words) < 2:
        return set()
    parts = [p for w in words for p in re.findall(r"[^\W_]+", w)]
    found = {"".join(w[0] for w in words), "".join(p[0] for p in parts),
             words[0][0] + words[-1][0]}
    return {f for f in found if len(f) >= 2} - _NOT_INITIALS


# Letters with full stops that are words, not a person's initials: "P.S.", "9 A.M.", "N.B."
_NOT_INITIALS = frozenset({"am", "pm", "ps", "pps", "nb", "uk", "us", "usa", "eu", "ie", "eg",
                           "ad", "bc", "ok", "re", "cc", "bcc", "aka", "etc", "rsvp", "asap",
                           "md", "gp", "ae", "fyi", "dob", "tba", "tbc"})


class Anonymiser:
    """Removes identifying details from free text.

    Names match whatever their case and accents ("SIAN" and "Sian" for Siân, "Tomas" for
    Tomás), with or without a title ("Dr Tomas"): each part of a name of two letters or more,
    as a whole word or the root of one ("Sian's"). The usual short forms of each given name
    ("Mike" for Michael) match too, capitalised only, so that "will" stays for William. A
    run of name words, with a title before it, becomes one "[name]", as does any capitalised
    name after a title ("Mr Patel"), known or not. In a script written without spaces a name
    is found inside the word around it ("王小明很好"). Matching looks words up in a set, so
    its cost does not grow with the size of the roster.
    """

    def __init__(self, names: Iterable[str]) -> None:
        """Learn the words of every name (titles, letters after it and lone particles left
        out) to find in answers."""
        words: set[str] = set()
        handles: set[str] = set()
        initials: set[str] = set()
        nicknames: set[str] = set()
        stems: set[str] = set()
        lettered: set[str] = set()
        # the letters after a name ("MBBS" of "Dr Ann Bell, MBBS") are no part of it: an
        # answer's "my MBBS training" stays
        for name in _spelt_out_too(letters_after(n)[0] for n in names):
            folded, _ = _folded(without_invisible(name))
            tokens = _NAME_TOKEN.findall(folded)
            while tokens and tokens[0] in TITLES:
                tokens.pop(0)
            # the given names: every word but the surname, or the one word of "Michael"
            for given in tokens[:-1] or tokens:
                nicknames.update(f for f in short_forms(given) | full_forms(given)
                                 if len(f) >= 2)
            for place, token in enumerate(tokens):
                if token in SURNAME_PARTICLES and place < len(tokens) - 1:
                    if place == 0 and full_forms(token):
                        # a given name that is a particle too ("Al Jones", "Di Evans"):
                        # alone, with its capital, as a short form is ("et al." stays)
                        nicknames.add(token)
                    continue  # "van" of "van der Berg": a name only next to the surname
                parts = (token, *re.findall(r"[^\W_]+", token))
                words.update(p for p in parts if len(p) >= 2 and p not in TITLES)
                initials.update(p for p in parts if len(p) == 1)
            if any(_UNSPACED.search(t) for t in tokens):
                words.add("".join(tokens))  # "王 小明" is written "王小明" too
            for token in tokens:
                pieces = re.findall(r"[^\W_]+", token)
                if len(pieces) > 1:  # "Ji-woo" is written "Jiwoo", "Al-Rashid" "Alrashid"
                    words.add("".join(pieces))
                if token.startswith("ال") and len(token) >= 5:
                    words.add(token[2:])  # "الأحمد" is "أحمد" too
                for prefix, other in (("mc", "mac"), ("mac", "mc")):
                    if token.startswith(prefix) and len(token) - len(prefix) >= 3:
                        words.add(other + token[len(prefix):])  # "MacAllister" for McAllister
            stems.update(stem for token in tokens if _CYRILLIC.search(name)
                         for stem in _stems(token))
            handles.update(_handles(tokens))
            lettered.update(_initials_of(tokens))
        self.words = frozenset(words)
        self.unspaced = frozenset(w for w in words if _UNSPACED.search(w))
        self.unspaced_lengths = sorted({len(w) for w in self.unspaced}, reverse=True)
        self.short_forms = frozenset(nicknames - words)
        self.stems = frozenset(stems)  # of the Cyrillic names, for their case endings
        # one-letter parts ("Ó" of "Siân Ó Briain") count only between two name words
        self.initials = frozenset(initials)
        # a name written as a handle is ("aashworth" for Amelia Ashworth): only after an "@"
        # or a "#"
        self.handles = frozenset(handles - words)
        # a name's initials, as "E.H." writes them for Ellis Hale: only with full stops
        self.lettered = frozenset(lettered)

    def __call__(self, text: str) -> str:
        """``text`` with e-mails, phone and NHS numbers, postcodes and known names replaced."""
        text = _EMAIL.sub("[e-mail]", without_invisible(text))
        text = _DIGITS.sub(self._number, text)
        text = _POSTCODE.sub("[postcode]", text)
        text = remove_titled_names(text)
        if self.words:
            text = self._remove_names(text)
        if self.lettered:
            text = _DOTTED_INITIALS.sub(self._initials, text)
        # a run of names is one "[name]", as in "_remove_names", even when one rule took a
        # part and the other the rest ("Dr Aoife Mac Giolla Phádraig", "Dr Patel Mr Jones")
        return _ADJACENT_NAMES.sub("[name]", text)

    def _initials(self, match: re.Match[str]) -> str:
        """The letters ``match`` found with each known person's initials in them, written in
        capitals, as "[name]" ("E.H.", "P.A-L.", both of "E.H. Z.F."), four letters at most
        each, the longest first; the letters as written for anyone else's or for "e.g."."""
        run = match.group(0)
        letters = list(_ONE_LETTER.finditer(run))
        pieces: list[str] = []
        done = index = 0
        while index < len(letters):
            size = next((n for n in (4, 3, 2) if index + n <= len(letters) and all(
                c.group(0).isupper() for c in letters[index:index + n]) and fold("".join(
                    c.group(0) for c in letters[index:index + n])) in self.lettered), 0)
            if not size:
                index += 1
                continue
            end = letters[index + size - 1].end()
            end += run.startswith(".", end)  # "E.H." whole
            pieces += [run[done:letters[index].start()], "[name]"]
            done, index = end, index + size
        return "".join(pieces) + run[done:]

    def _is_name(self, token: str) -> bool:
        pieces = re.findall(r"[^\W_]+", token)
        return token in self.words or any(p in self.words for p in pieces) or \
            (len(pieces) > 1 and "".join(pieces) in self.words)  # "Ji-woo" for "Jiwoo"

    def _is_handle(self, token: str) -> bool:
        """``token`` (folded, written after an "@" or a "#") is a known name joined up as a
        handle or an address is, with any number after it: "aashworth", "ameliaashworth",
        "ashwortha", "ashworth87" for Amelia Ashworth."""
        bare = token.rstrip("0123456789")
        return (bare != token and self._is_name(bare)) or bare in self.handles

    def _is_inflected(self, token: str, written: str) -> bool:
        """``token`` (folded) is a name with a grammatical ending or prefix: written in
        Cyrillic with a case ending ("Ивана", "Ивановой"), in Arabic with a joined prefix
        ("والأحمد"), or in Latin letters with "Al" or "El" run into it ("AlRashid")."""
        if _CYRILLIC.search(written):
            return any(token.endswith(e) and token[:-len(e)] in self.stems
                       for e in _CASE_ENDINGS)
        if _ARABIC.search(written):
            return any(token.startswith(p) and len(token) - len(p) >= 3 and
                       token[len(p):] in self.words for p in _ARABIC_PREFIXES)
        # only with the name's capital kept ("AlRashid"): "Alpine" is no "Al" and Pine
        return token[:2] in ("al", "el") and written[2:3].isupper() and \
            written[:1].isupper() and token[2:] in self.words

    def _is_short_form(self, token: str, written: str) -> bool:
        """``token`` (folded) is a short form of a known given name, or its possessive
        ("Mike's"), and is ``written`` capitalised: "Will", not "will", nor "ED", which is
        more likely the emergency department than Edward."""
        token = _POSSESSIVE.sub("", token)
        return token in self.short_forms and written[0].isupper() and not written.isupper()

    def _is_run_together(self, token: str, written: str) -> bool:
        """``token`` (folded) is a known name with a number after it ("Hale2"), or ``written``
        runs words together with a capital starting each ("HaleFairbrother", "ZoeHale"),
        one of them a known name."""
        bare = token.rstrip("0123456789")
        if bare != token and bare and self._is_name(bare):
            return True
        cuts = [i for i in range(1, len(written))
                if written[i - 1].islower() and written[i].isupper()]
        pieces = [written[a:b] for a, b in pairwise([0, *cuts, len(written)])]
        return len(pieces) > 1 and any(self._is_name(_folded(p)[0]) for p in pieces)

    def _is_bare_possessive(self, token: str, written: str) -> bool:
        """``token`` (folded) is a name of three letters or more, or a short form of one,
        with the "s" of a possessive typed without its apostrophe, and ``written`` with a
        capital as a name is: "Hales clinic", "ZOES TEAM"; "sales" stays for a Sale."""
        stem = token[:-1]
        return token.endswith("s") and len(stem) >= 3 and written[:1].isupper() and \
            (stem in self.words or stem in self.short_forms)

    def _remove_names(self, text: str) -> str:
        folded, origin = _folded(text)
        places = [piece for t in _NAME_TOKEN.finditer(folded)
                  for piece in self._pieces(folded, t.start(), t.end())]
        tokens = [folded[start:end] for start, end in places]
        written = [text[origin[start]:origin[end - 1] + 1] for start, end in places]
        # after an "@", a "#" as a hashtag writes a name ("#ZoeFairbrother"), or the "/" of
        # a web address ("twitter.com/ellishale")
        handle = [folded[start - 1:start] in ("@", "#") or (
            folded[start - 1:start] == "/" and
            _WEB_ADDRESS.search(folded, max(0, start - 100), start) is not None)
            for start, _ in places]
        hits = [self._is_name(token) or self._is_short_form(token, shown) or
                self._is_inflected(token, shown) or (at and self._is_handle(token)) or
                self._is_bare_possessive(token, shown) or self._is_run_together(token, shown)
                for token, shown, at in zip(tokens, written, handle, strict=True)]
        for index in range(1, len(tokens) - 1):
            if tokens[index] in self.initials and hits[index - 1] and hits[index + 1]:
                hits[index] = True
        # an initial joined to a name by a full stop, as an address writes one: "a.ashworth"
        for index in range(len(tokens) - 2, -1, -1):
            if len(tokens[index]) == 1 and tokens[index].isalpha() and hits[index + 1] and \
                    folded[places[index][1]:places[index + 1][0]] == ".":
                hits[index] = True
        # A particle goes with the surname after it ("Ó Briain", "van der Berg"), whether or
        # not a first name comes before: right to left, so that particles chain.
        for index in range(len(tokens) - 2, -1, -1):
            if tokens[index] in SURNAME_PARTICLES and \
                    not _CYRILLIC.search(written[index]) and \
                    re.fullmatch(r"[ \t\u00a0]+", folded[places[index][1]:places[index + 1][0]]):
                if self._is_name(tokens[index] + tokens[index + 1]):  # "Mc Allister"
                    hits[index + 1] = True
                hits[index] = hits[index] or hits[index + 1]
        # a name broken at the end of a line, with a hyphen or without ("Fair-\nbrother"):
        # its two halves are one name, and one "[name]"
        joined: set[int] = set()  # tokens that go on the "[name]" before them
        for index in range(len(tokens) - 1):
            if _BROKEN_LINE.fullmatch(folded, places[index][1], places[index + 1][0]) and \
                    self._is_name(tokens[index] + tokens[index + 1]):
                hits[index] = hits[index + 1] = True
                joined.add(index + 1)
        # a nickname in quotation marks or brackets within a name: 'Ellis "Ellie" Hale'
        for index in range(1, len(tokens) - 1):
            if hits[index - 1] and hits[index + 1] and \
                    _OPENING.fullmatch(folded, places[index - 1][1], places[index][0]) and \
                    _CLOSING_MARK.fullmatch(folded, places[index][1], places[index + 1][0]):
                hits[index] = True
                joined.update((index, index + 1))
        spans: list[list[int]] = []  # [start, end) in ``folded`` of each "[name]"
        for index, token in enumerate(tokens):
            if not hits[index]:
                continue
            start, end = places[index]
            possessive = re.search(r"['\u2019]s$", token)
            stem = token[:possessive.start()] if possessive else ""
            if possessive and (self._is_name(stem) or stem in self.short_forms):
                end -= 2  # keep "'s": "[name]'s clinic"
            if index and tokens[index - 1] in TITLES and \
                    _AFTER_A_TITLE.fullmatch(folded, places[index - 1][1], start):
                start = places[index - 1][0]  # "Dr Tomas", "Dr. Tomas", "dr.tomas"
            elif handle[index] and folded[start - 1] != "/":
                start -= 1  # the "@" or "#" goes with it: "@aashworth" is "[name]"
            if spans and (index in joined or
                          re.fullmatch(r"[ \t.\u00a0-]*", folded[spans[-1][1]:start])):
                spans[-1][1] = end  # "Tomás Ferreira" is one name
            else:
                spans.append([start, end])
        pieces: list[str] = []
        done = 0
        for start, end in spans:
            first, last = origin[start], origin[end - 1] + 1
            pieces += [text[done:first], "[name]"]
            done = last
        pieces.append(text[done:])
        return "".join(pieces)

    def _pieces(self, folded: str, start: int, end: int) -> list[tuple[int, int]]:
        """Where the word of ``folded`` from ``start`` to ``end`` (a ``_NAME_TOKEN``) is
        compared with the names: whole, or, when part of it is written in a script without
        spaces, cut where that script starts and ends ("Ameliaの") and around each known name
        inside it ("王小明很好" gives "王小明" and "很好"; longest name first at each place)."""
        if not _UNSPACED.search(folded, start, end):
            return [(start, end)]
        cuts = [start]
        for run in _SCRIPT_RUNS.finditer(folded, start, end):
            cuts.append(run.start())
            place = run.start()
            while run.group(1) and self.unspaced and place < run.end():
                length = next((n for n in self.unspaced_lengths if place + n <= run.end() and
                               folded[place:place + n] in self.unspaced), 0)
                if length:
                    cuts += [place, place + length]
                place += length or 1
        cuts.append(end)
        return [(a, b) for a, b in pairwise(cuts) if a < b]

    @staticmethod
    def _number(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if valid_nhs_number(digits):
            return "[NHS number]"
        if 10 <= len(digits) <= 13:
            return "[phone]"
        return match.group(0)


NAME_HEADERS = frozenset(header_key(h) for column in ("name", "partner", "avoid")
                         for h in COLUMN_ALIASES[column]) | {"withdrawnperson"} | {
    # what an HR export adds beside the name: what someone is called, and their given names
    "knownas", "alsoknownas", "aka", "nickname", "nicknames", "givennames", "forenames",
    "firstnames", "middlenames", "othernames", "preferrednames"}


def _is_name_header(key: str) -> bool:
    return key in NAME_HEADERS or (key.endswith("name") and len(key) <= 16)


def _names_header_score(texts: list[str]) -> int:
    """2 for a row with a name column and an e-mail column, 1 for a name column alone."""
    keys = [header_key(t) for t in texts]
    if not any(_is_name_header(k) for k in keys):
        return 0
    return 2 if any("email" in k for k in keys) else 1


# Columns whose entries are a topic, not a person: what a preference naming a specialty or
# a workplace is written as
_TOPIC_COLUMNS = frozenset({"profession", "side", "organisation", "specialty", "cluster",
                            "registered_practice"})
# Words of a specialty or a workplace, never of a person's name: a preference "Acute
# Medicine" or "Harbour Lane Clinic" is no person to remove from the quotes (with the words
# that end a practice's name, ``_SUFFIXES``)
_TOPIC_WORDS = frozenset({
    "hospital", "medicine", "care", "service", "services", "team", "unit", "ward",
    "department", "trust", "nhs", "community", "acute", "general", "primary", "secondary",
    "mental", "hub", "pcn", "and", "of", "the"})


def _preference_names(entries: list[str], topics: set[str]) -> list[str]:
    """The entries of preference cells that name a person: not a topic of the workbook (a
    specialty, a workplace), no e-mail, and written as a name is, two capitalised words or
    more ("Yolanda Brisk") or one after a title ("Dr Brisk"), none of them a word of a
    specialty or a workplace. A first name alone ("Yolanda") cannot be told from a
    specialty ("Frailty") and is not taken. Entries and ``topics`` are compared folded and
    without apostrophes, straight or curly ("St Mary’s" is "st marys")."""
    topic_words = _TOPIC_WORDS | {w for words in _SUFFIX_WORDS for w in words} | \
        {w for topic in topics for w in topic.split()}
    found = []
    for entry in entries:
        words = entry.split()
        titled = len(words) > 1 and fold(words[0]) in TITLES
        folded = fold(without_apostrophes(entry))
        if "@" in entry or names_no_one(entry) or folded in topics or \
                (len(words) < 2 and not titled):
            continue
        if all(w[:1].isupper() for w in words) and not set(folded.split()) & topic_words:
            found.append(entry)
    return found


def _entries(rows: Sequence[Sequence[Any]], column: int, names: bool = False) -> list[str]:
    """Every entry of a column, a cell holding several (";", "," or a new line) giving each;
    of a column of ``names``, without an organisation in capitals in brackets."""
    return [part.strip() for data in rows if column < len(data)
            for part in re.split(r"[;,\n]+", _without_organisation(cell_text(data[column]))
                                 if names else cell_text(data[column])) if part.strip()]


_IN_BRACKETS = re.compile(r"\([^()]*\)")


def _without_organisation(text: str) -> str:
    """``text`` without what it holds in brackets in capitals, as an NHSmail display name
    writes the organisation ("HALE, Ellis (EASTSHIRE INTEGRATED CARE BOARD)"): its words
    ("care", "board") are no one's name, to take out of every quote. A name in brackets
    ("Jo (Joanna) Smith") stays."""
    def organisation(found: re.Match[str]) -> str:
        letters = [c for c in found.group(0) if c.isalpha()]
        return " " if len(letters) >= 2 and not any(c.islower() for c in letters) else \
            found.group(0)

    return _IN_BRACKETS.sub(organisation, text)


def names_in_workbook(path: Path) -> list[str]:
    """Every name in a volunteer or pairs workbook: each sheet (Withdrawn and Unpaired
    included), each column headed like a name, partner or avoid column ("Preferred partner"
    too), every row (withdrawn people and rows with errors included), and the names of
    people written in preference cells (``_preference_names``), with the name each e-mail
    address gives before its "@" (``_address_name``). Every sheet from one
    inspected opening (``spreadsheet.read_every_grid``)."""
    return names_in_grids(read_every_grid(path))


def names_in_grids(grids: Iterable[Grid]) -> list[str]:
    """Every name in the sheets ``grids`` of one workbook, as ``names_in_workbook`` finds
    them: for a pairs workbook already read (``PairsWorkbook.sheets``)."""
    found: list[str] = []
    for grid in grids:
        # the header row: one with a name column, preferably beside an e-mail column (a
        # title above the table such as "Scheme name" is not the header)
        index = find_header_row(grid.rows, _names_header_score)
        if index is None:
            continue
        headers = [cell_text(cell) for cell in grid.rows[index]]
        keys = [header_key(h) for h in headers]
        meant = [column_meant(h) or "" for h in headers]
        preferences = [c for c, m in enumerate(meant) if m.startswith("preference_")]
        columns = [c for c, key in enumerate(keys) if c not in preferences and (
            _is_name_header(key) or (("partner" in key or "colleague" in key) and
                                     meant[c] != "capacity"))]
        rows = grid.rows[index + 1:]
        for column in columns:
            found += [part for part in _entries(rows, column, names=True) if "@" not in part]
        # and each address, by its part before the "@" ("mel.ash@" for Amelia Ashworth
        # names her as her name does), in an e-mail column or typed for a name
        found += [name for column in (*columns, *(c for c, key in enumerate(keys)
                                                  if "email" in key and c not in columns))
                  for part in _entries(rows, column) if (name := _address_name(part))]
        if preferences:
            # each topic once, its apostrophes gone: "St Mary’s", "St Mary's" and "St Marys"
            topics = {fold(without_apostrophes(entry)) for c, m in enumerate(meant)
                      if m in _TOPIC_COLUMNS for entry in _entries(rows, c)}
            found += _preference_names([e for c in preferences for e in _entries(rows, c)],
                                       topics)
    return found


@dataclass
class Rated:
    """One rated question's answers on its scale (1-5, 1-6 or 1-10, or from 0), for charts and
    summaries."""

    question: str
    scale: tuple[int, int]
    values: list[int]
    agreement: bool = False  # answered in words, "Strongly agree" to "Strongly disagree"

    @property
    def mean(self) -> float:
        """The average answer; 0 when nobody answered."""
        return statistics.fmean(self.values) if self.values else 0.0

    @property
    def median(self) -> float:
        """The middle answer, less swayed than the mean by extremes; 0 when nobody answered."""
        return float(statistics.median(self.values)) if self.values else 0.0

    @property
    def shown_mean(self) -> str:
        """The mean as every page and table shows it: one decimal place, rounded half up."""
        return half_up(self.mean, 1)

    @property
    def summary(self) -> str:
        """The sentence under the question in the pack and the report: how many answered,
        the mean and the median on the scale."""
        return (f"{plural(len(self.values), 'answer')}; mean {self.shown_mean}, median "
                f"{self.median:g} on a scale of {self.scale_words}.")

    @property
    def scale_words(self) -> str:
        """The scale as the pages name it: "1 to 5", or, for answers given in words, what its
        ends stand for, "1 (strongly disagree) to 5 (strongly agree)": a reader of "median 4"
        could not tell otherwise that 4 is "agree"."""
        low, high = self.scale
        if self.agreement and self.scale == (1, 5):
            return f"{low} (strongly disagree) to {high} (strongly agree)"
        return f"{low} to {high}"

    @property
    def axis_label(self) -> str:
        """The label under a chart's bars, the scale's ends said as ``scale_words`` says them."""
        low, high = self.scale
        if self.agreement and self.scale == (1, 5):
            return f"Rating ({low} = strongly disagree, {high} = strongly agree)"
        return f"Rating ({low} to {high})"

    def distribution(self) -> dict[int, int]:
        """How many gave each point of the scale, unused points included, so every bar is drawn."""
        counts = Counter(self.values)
        return {v: counts.get(v, 0) for v in range(self.scale[0], self.scale[1] + 1)}


@dataclass
class FeedbackPack:
    """Everything the delegate pack shows, already anonymised and pooled: safe to print as it is."""

    responses: int
    quotes: dict[str, dict[str, list[str]]]  # question -> group -> distinct anonymised quotes
    rated: list[Rated]
    themes: dict[str, int]  # theme -> how many responses mention it
    participants: int | None = None
    groups: dict[str, int] = field(default_factory=dict)
    # (question, group, quote) -> how many people wrote it, for quotes written more than once
    said_by: dict[tuple[str, str, str], int] = field(default_factory=dict)
    # where the names removed from the quotes came from, besides the responses themselves;
    # empty when no roster or pairs workbook was given
    names_from: tuple[str, ...] = ()
    # for the administrator (a column used in a way they may not expect), not printed in it
    warnings: list[str] = field(default_factory=list)
    places_hidden: bool = False  # the practices of the pairs workbook shown as [practice]
    organisers_hidden: bool = False  # scheme.toml's administrator, leads and speaker removed

    def people(self, question: str, group: str, quote: str) -> int:
        """How many respondents wrote ``quote`` (after anonymising) in answer to ``question``."""
        return self.said_by.get((question, group, quote), 1)

    @property
    def response_rate(self) -> float | None:
        """Responses as a share of participants, or None when the number taking part is unknown."""
        return self.responses / self.participants if self.participants else None


def _question_of(header: str) -> str | None:
    key = header_key(header)
    if "surpris" in key or "shock" in key:
        return "surprise"
    if "expect" in key:
        return "expected"
    if "takeback" in key or "bringback" in key or "whatwillyou" in key:
        return "take_back"
    return None


_NUMBER_WORDS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
# A scale the question states: "(0-10)", "1 to 5", "0 – 10"
_STATED_SCALE = re.compile(r"\b([01])\s*(?:-|–|—|to)\s*(5|6|7|10)\b")


def _rating(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else None
    text = cell_text(value).casefold().strip()
    if text in LIKERT:
        return LIKERT[text]
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    match = re.match(r"^(\d{1,2})\b", text)
    return int(match.group(1)) if match else None


def _scale(header: str, usable: list[int]) -> tuple[int, int] | None:
    """The question's scale: as its text states it ("0-10"), or else the smallest of 1-5,
    1-6 and 1-10 holding every answer, from 0 when someone answered 0 (a "0 to 10" question
    whose text does not say so); None past 10, which is no rating."""
    stated = _STATED_SCALE.search(header)
    if stated is not None:
        return int(stated.group(1)), int(stated.group(2))
    top = max(usable)
    high = 5 if top <= 5 else 6 if top <= 6 else 10 if top <= 10 else None
    return None if high is None else (0 if min(usable) == 0 else 1, high)


@dataclass
class Survey:
    """A survey export as read: every response's answers sorted by kind of question, so that
    anonymising and analysing can each be done (and tested) on their own."""

    responses: int
    groups: list[str]  # each response's profession (or role, side...), "" when not given
    # each reflective column, in order: (REFLECTIVE key, the answer of every response)
    reflective: list[tuple[str, list[str]]]
    other_text: list[list[str]]  # each other free-text column: every response's answer
    rated: list[Rated]
    respondent_names: list[str]  # the names respondents typed in a name column
    warnings: list[str] = field(default_factory=list)  # for the administrator, never the pack


_NOT_AN_ANSWER = {"na", "none", "no", "nothing"}
# The survey tool's own columns (Microsoft Forms' ID and times, Google Forms' timestamp).
_TOOL_COLUMNS = frozenset({"id", "starttime", "completiontime", "lastmodifiedtime", "timestamp"})


def _responses_header_score(texts: list[str]) -> int:
    """How much a row looks like a survey export's header: two points for each reflective
    question it names, each counted once, so that an answer mentioning what surprised or what
    was expected cannot outscore the header above it; one more for a column the survey tool
    adds (ID, Timestamp, Email, Name), which answers never are."""
    keys = [header_key(t) for t in texts]
    named = {q for t in texts if (q := _question_of(t))}
    if not named:
        return 0
    return 2 * len(named) + any(k in _TOOL_COLUMNS or k in ("email", "name") for k in keys)


# Files that are plainly not a survey export, by their extension: said so, with how to
# export one, rather than read as a CSV without the questions
_NOT_RESPONSES = {**NOT_SPREADSHEETS, ".toml": "a settings file", ".doc": "a Word document",
                  ".docx": "a Word document", ".ppt": "a PowerPoint presentation",
                  ".pptx": "a PowerPoint presentation"}


def read_responses(path: Path) -> Survey:
    """Read a survey export (one row per response, columns headed by the question's text) and
    sort its columns into reflective questions, ratings, other free text and names."""
    try:
        what = _NOT_RESPONSES.get(path.suffix.lower())
        if what is not None:  # read as text, it would be a table without the questions
            raise NotASpreadsheet(f"this is {what} ({path.suffix}), not a spreadsheet.")
        grid = read_grid(path, "Responses")
    except NotASpreadsheet as error:
        raise SpreadsheetError(
            f"{error.message} The survey's responses are read from a workbook (.xlsx or "
            ".ods) or a CSV file.",
            "Download them again from the survey: in Microsoft Forms, Responses > Open "
            "results in Excel, then save the workbook; in Google Forms, Responses > More (the "
            "three dots) > Download responses (.csv).", file=path) from None
    if not grid.rows:
        raise RosterError("the responses file is empty.", "Export the survey again.", file=path)
    first = find_header_row(grid.rows, _responses_header_score) or 0
    headers = [cell_text(c) for c in grid.rows[first]]
    numbered = [(n, r) for n, r in enumerate(grid.rows[first + 1:], start=first + 1)
                if any(cell_text(c) for c in r)]
    rows = [r for _, r in numbered]
    keys = [header_key(h) for h in headers]

    def column(col: int) -> list[str]:
        return [cell_text(r[col]) if col < len(r) else "" for r in rows]

    group_col = next((i for i, k in enumerate(keys) if "profession" in k or k in
                      {"role", "jobtitle", "side", "setting", "sector"}), None)
    reflective = {i: q for i, h in enumerate(headers) if (q := _question_of(h))}
    if not reflective:
        raise RosterError(
            "none of the reflective questions was found in a header row, so this does not "
            "look like a survey export.",
            "The columns are recognised by their question text: one mentioning what "
            "surprised or shocked, what was expected, or what you will take back.",
            file=path, sheet=grid.sheet, cell="A1")
    name_cols = [i for i, k in enumerate(keys) if i not in reflective and _is_name_header(k)]
    # an address typed for a name gives the name before its "@": "amelia.ashworth@nhs.net"
    # names Amelia Ashworth, and "nhs" and "net" are no names to take from every quote
    names = [name for i in name_cols for entry in _entries(rows, i, names=True)
             if (name := _address_name(entry) if "@" in entry else entry)]
    # and the respondent's own address names them: "t.brennock@nhs.net" signs "t.brennock"
    names += [name for i, k in enumerate(keys) if "email" in k and i not in reflective
              for entry in _entries(rows, i) if (name := _address_name(entry))]
    skip = set(reflective) | set(name_cols) | ({group_col} if group_col is not None else set())
    rated: list[Rated] = []
    other_text: list[list[str]] = []
    warnings: list[str] = []
    for col, header in enumerate(headers):
        if col in skip or not header or "email" in keys[col] or "date" in keys[col] or \
                keys[col] in _TOOL_COLUMNS:
            continue  # the survey tool's own columns (Forms' ID and times) are not answers
        present = [(n, r[col]) for n, r in numbered if col < len(r) and cell_text(r[col])]
        ratings = [(n, v, _rating(v)) for n, v in present]
        usable = [rating for _, _, rating in ratings if rating is not None]
        scale = _scale(header, usable) if len(usable) >= 0.6 * len(present) > 0 else None
        if scale is None:
            other_text.append(column(col))  # another free-text question: for themes
            if present:
                warnings.append(_unrecognised(grid.sheet, first, col, header))
            continue
        # every answer not counted is named, so that no mean quietly leaves one out
        warnings += [f"{grid.sheet}!{cell_ref(n, col)}: '{cell_text(v)}' under '{header}' is "
                     f"not a rating from {scale[0]} to {scale[1]}, so it is not counted."
                     for n, v, rating in ratings
                     if rating is None or not scale[0] <= rating <= scale[1]]
        agreement = any(cell_text(v).casefold().strip() in LIKERT for _, v in present)
        rated.append(Rated(header, scale, [v for v in usable if scale[0] <= v <= scale[1]],
                           agreement))
    groups = column(group_col) if group_col is not None else [""] * len(rows)
    return Survey(len(rows), groups, [(q, column(c)) for c, q in reflective.items()],
                  other_text, rated, names, warnings)


# Words of a shared mailbox's address ("practice.manager@", "reception@", "it.support@"):
# such an address names no one, and its words are not to be taken out of every quote
_MAILBOX_WORDS = frozenset({
    "admin", "administrator", "office", "reception", "enquiries", "enquiry", "info", "team",
    "practice", "manager", "surgery", "clinic", "contact", "hello", "mail", "noreply", "no",
    "reply", "nhs", "secretary", "secretaries", "general", "ward", "department", "hospital",
    "anonymous", "feedback", "survey", "the", "and", "of", "support", "helpdesk", "help",
    "desk", "pharmacy", "bookings", "booking", "appointments", "referrals", "referral",
    "rota", "oncall", "call", "staff", "patients", "patient", "queries", "accounts",
    "finance", "education", "training", "services", "service", "unit", "records",
    "results", "prescriptions", "dispensary", "workforce", "governance", "research", "mailbox",
    "shared", "group", "list", "digital", "systems", "data", "quality", "complaints", "pals",
    "safeguarding", "nursing", "nurses", "doctors", "medical", "health", "care", "lead",
    "leads", "exchange", "scheme", "postmaster", "webmaster"})
# the words of the part of an address before its "@": split at dots, hyphens, underscores,
# "+" and digits ("o_tre-kapur2" is "o", "tre", "kapur"), an apostrophe kept ("o'neill")
_ADDRESS_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Read from the start of a run of the letters an address is made of only: looked for from
# every letter of a long run with no "@" after it (a reflection pasted into the e-mail
# column), each start read the run to its end again (100,000 letters took minutes)
_LOCAL_PART = re.compile(r"(?<![\w.+'-])([\w.+'-]+)\s*@")


def _address_name(entry: str) -> str:
    """The name an e-mail address gives, its part before the "@" as words ("t.brennock2@nhs.net"
    gives "t brennock", "Ann <mel.ash@nhs.net>" "mel ash"); "" for no address, or a shared
    mailbox's ("practice.manager@nhs.net", "info@"). A word of two letters is left out ("an"
    of "an.li@"), so that no ordinary word goes from every quote; an initial stays, as it
    counts only beside a name ("t.brennock")."""
    found = _LOCAL_PART.search(entry)
    if found is None:
        return ""
    words = _ADDRESS_WORDS.findall(found.group(1).split("+")[0])
    if {fold(word) for word in words} & _MAILBOX_WORDS:
        return ""
    kept = [word for word in words if len(word) != 2]
    return " ".join(kept) if any(len(word) > 2 for word in kept) else ""


def _unrecognised(sheet: str, row: int, col: int, header: str) -> str:
    """The warning for a free-text column that is not one of the reflective questions."""
    return (f"{sheet}!{cell_ref(row, col)}: the column '{header}' is not one of the reflective "
            "questions (what surprised you, what you expected, what you will take back), so "
            "its answers are quoted neither in the delegate pack nor in the board report; "
            "they are anonymised and counted only towards the themes.")


def pool_groups(groups: list[str]) -> list[str]:
    """Each response's group for publication: groups smaller than ``MIN_GROUP`` are pooled
    into "Other professions" (and, if that is still too small, everyone into one group), so
    that no quote can be traced to one of a few people. A group typed loosely ("gp" beside
    "GP", "nurse " beside "Nurse") is one group, shown as most respondents spelt it: else
    one GP who typed "gp" made a group of one, pooled away from the other GPs."""
    spellings: dict[str, Counter[str]] = {}
    for group in groups:
        if group.strip():
            spellings.setdefault(header_key(group), Counter())[" ".join(group.split())] += 1
    # the commonest spelling; on a tie, one with capitals ("GP" before "gp")
    shown = {key: max(found, key=lambda s: (found[s], s != s.lower(), s))
             for key, found in spellings.items()}
    named = [shown[header_key(g)] if g.strip() else "Not stated" for g in groups]
    sizes = Counter(named)
    pooled = [g if sizes[g] >= MIN_GROUP else OTHER_GROUP for g in named]
    if 0 < Counter(pooled)[OTHER_GROUP] < MIN_GROUP:
        pooled = [OTHER_GROUP if g == OTHER_GROUP or sizes[g] < 2 * MIN_GROUP else g
                  for g in pooled]
        if Counter(pooled)[OTHER_GROUP] < MIN_GROUP:
            pooled = ["All respondents"] * len(pooled)
    if pooled and all(g == OTHER_GROUP for g in pooled):  # "other" than nobody shown
        pooled = ["All respondents"] * len(pooled)
    return pooled


# The words that end a practice's name: its stem ("Harbourside") names it in a quote too
_SUFFIXES = ("surgery", "practice", "medical centre", "medical center", "medical group",
             "medical practice", "health centre", "health center", "group practice", "clinic")
_GENERIC = re.compile(r"\s+(?:" + "|".join(map(re.escape, _SUFFIXES)) + ")$", re.I)
# the same, as ``_folded`` leaves them, word by word
_SUFFIX_WORDS = tuple(tuple(words.split()) for words in _SUFFIXES)
_LETTERS = re.compile(r"[^\W_]+")
_BETWEEN_WORDS = re.compile(r"\W{1,3}")  # "St. Mary's", "Harbourside  Surgery", " - "


def _place_words(organisation: str) -> set[tuple[str, ...]]:
    """The words by which a quote names ``organisation``, as ``_folded`` leaves them: the whole
    name and, for "Harbourside Surgery", its stem "Harbourside" (four letters or more)."""
    name = " ".join(without_invisible(organisation).split())
    stem = _GENERIC.sub("", name)
    names = [name, stem] if stem != name and len(stem) >= 4 else [name]
    return {words for n in names
            if (words := tuple(w for w, _, _, _ in _place_tokens(_folded(n)[0])))}


_APOSTROPHE_S = re.compile(rf"[{APOSTROPHES}]s(?![^\W_])")


def _place_tokens(folded: str) -> list[tuple[str, int, int, bool]]:
    """The words of ``folded`` as a practice's name is compared: (word, start, end, whether
    it ends in "'s"). An "'s" is part of its word, without the apostrophe, so "St Mary's"
    and "St Marys" are one name as people type it; "Harbourside's" is "harboursides",
    which also names "Harbourside"."""
    found: list[tuple[str, int, int, bool]] = []
    for token in _LETTERS.finditer(folded):
        if token.group(0) == "s" and found and found[-1][2] == token.start() - 1 and \
                _APOSTROPHE_S.match(folded, token.start() - 1):
            word, start, _, _ = found.pop()
            found.append((word + "s", start, token.end(), True))
        else:
            found.append((token.group(0), token.start(), token.end(), False))
    return found


def without_places(text: str, organisations: list[str]) -> str:
    """A quote with each practice named in it ("Harbourside Surgery", or "Harbourside") as
    "[practice]": in a scheme with one or two volunteers per practice, the practice names the
    person as surely as their name does. Compared as names are, case, accents, look-alike
    letters and punctuation aside ("St Mary’s" and "ST. MARY'S" for "St Mary's Surgery", "Ty
    Gwyn" for "Tŷ Gwyn", "St Marys" for "St Mary's"), with a suffix ("Surgery") or "'s"
    after it taken too."""
    keys = {words for organisation in organisations for words in _place_words(organisation)}
    if not keys:
        return text
    folded, origin = _folded(without_invisible(text))
    text = without_invisible(text)
    tokens = _place_tokens(folded)
    words = [t[0] for t in tokens]
    # a word may also be read without its "'s": "Harbourside's" names "Harbourside"
    bare = [t[0][:-1] if t[3] else t[0] for t in tokens]

    def joined(first: int, last: int) -> bool:
        """Whether tokens ``first`` to ``last`` are written as one name."""
        return all(_BETWEEN_WORDS.fullmatch(folded, tokens[i][2], tokens[i + 1][1])
                   for i in range(first, last))

    def names(at: int, key: tuple[str, ...]) -> bool:
        """Whether the tokens from ``at`` are the words of ``key``, the last one possessive
        or not, and written as one name."""
        last = at + len(key) - 1
        return last < len(tokens) and (tuple(words[at:last + 1]) == key or (
            tuple(words[at:last]) == key[:-1] and bare[last] == key[-1])) and \
            joined(at, last)

    lengths = sorted({len(k) for k in keys}, reverse=True)
    pieces: list[str] = []
    done = index = 0
    while index < len(tokens):
        size = next((n for n in lengths if any(names(index, k) for k in keys if len(k) == n)),
                    0)
        if not size:
            index += 1
            continue
        end = index + size
        if words[end - 1] == bare[end - 1]:  # no "'s" yet: a suffix may follow
            suffix = next((s for s in _SUFFIX_WORDS if names(end - 1, (words[end - 1], *s))),
                          ())
            end += len(suffix)
        pieces += [text[done:origin[tokens[index][1]]], "[practice]"]
        done = origin[tokens[end - 1][2] - 1] + 1
        index = end
    pieces.append(text[done:])
    return "".join(pieces)


def anonymise_survey(survey: Survey, names: Iterable[str] = (),
                     places: Sequence[str] = ()) -> Survey:
    """The survey as it may be published: every free-text answer, group and rated question's
    text anonymised (``names`` and the respondents' own names removed, each practice of
    ``places`` as "[practice]"), groups pooled, the respondents' names dropped. An answer
    that only says "none", "n/a"... becomes empty."""
    anonymise = Anonymiser([*names, *survey.respondent_names])
    practices = list(places)

    def clean(text: str, drop_non_answers: bool) -> str:
        if not text or (drop_non_answers and header_key(text) in _NOT_AN_ANSWER):
            return ""
        return without_places(anonymise(text), practices) if practices else anonymise(text)

    # the group is a respondent's own words too, printed as a heading over the quotes; a
    # rated question's text is printed over its chart ("How useful was Dr Okonkwo's talk?")
    return Survey(survey.responses, pool_groups([clean(g, False) for g in survey.groups]),
                  [(q, [clean(t, True) for t in answers]) for q, answers in survey.reflective],
                  [[clean(t, False) for t in answers] for answers in survey.other_text],
                  [replace(r, question=clean(r.question, False)) for r in survey.rated], [],
                  survey.warnings)


def analyse_survey(survey: Survey, themes: dict[str, tuple[str, ...]] | None = None,
                   participants: int | None = None,
                   names_from: tuple[str, ...] = ()) -> FeedbackPack:
    """Build the delegate pack from an anonymised survey: distinct quotes per question and
    group (repeats counted), ratings, and how many responses mention each theme."""
    quotes: dict[str, dict[str, list[str]]] = {q: {} for q in REFLECTIVE}
    said_by: dict[tuple[str, str, str], int] = {}
    first_wording: dict[tuple[str, str, str], str] = {}
    texts: list[list[str]] = [[] for _ in range(survey.responses)]  # for themes
    for index, group in enumerate(survey.groups):
        for question, answers in survey.reflective:
            clean = answers[index]
            if not clean:
                continue
            texts[index].append(clean)
            same = (question, group, fold(clean))
            if same in first_wording:
                key = (question, group, first_wording[same])
                said_by[key] = said_by.get(key, 1) + 1
            else:
                first_wording[same] = clean
                quotes[question].setdefault(group, []).append(clean)
    for answers in survey.other_text:
        for index, text in enumerate(answers):
            if text:
                texts[index].append(text)
    counts = {theme: sum(1 for answers in texts
                         if any(w in f" {t.casefold()} " for t in answers for w in words))
              for theme, words in (themes or DEFAULT_THEMES).items()}
    return FeedbackPack(survey.responses, quotes, survey.rated, counts, participants,
                        dict(Counter(survey.groups)), said_by, names_from, survey.warnings)


def analyse(path: Path, names: Iterable[str] = (), participants: int | None = None,
            themes: dict[str, tuple[str, ...]] | None = None,
            names_from: tuple[str, ...] = (), places: Sequence[str] = ()) -> FeedbackPack:
    """Read a survey export, anonymise it and build the delegate pack.

    ``names`` are removed from every answer, with the names the respondents typed in any
    name column; ``names_from`` says where ``names`` came from, for the pack's own words;
    each practice of ``places`` is shown as "[practice]".
    """
    survey = anonymise_survey(read_responses(path), names, places)
    pack = analyse_survey(survey, themes, participants, names_from)
    pack.places_hidden = bool(places)
    return pack


def organisers(scheme: Scheme) -> list[str]:
    """The people scheme.toml names, whom a quote may name as it may a volunteer ("the lead,
    Helena, never replied"): the administrator (unless left at the default, which is no
    one's name), the leads and the guest speaker."""
    from .scheme import Scheme

    named = [contact.name for contact in scheme.leads]
    if scheme.administrator.name != Scheme().administrator.name:
        named.append(scheme.administrator.name)
    return [name for name in (*named, scheme.celebration.speaker) if name.strip()]


def pack_from_files(responses: Path, volunteers: Path | None = None,
                    pairs: Path | None = None,
                    themes: dict[str, tuple[str, ...]] | None = None,
                    practice_side: str | None = None,
                    organisers: Sequence[str] = ()) -> FeedbackPack:
    """The delegate pack for ``wessex feedback``: every name in the given volunteer and pairs
    workbooks and of the ``organisers`` (scheme.toml's, see ``organisers``) removed from the
    answers, the response rate from the pairs workbook, and each organisation of its
    ``practice_side`` (a practice names its one or two volunteers as surely as their names
    do) shown as "[practice]", as the board report shows it."""
    names: list[str] = list(organisers)
    names_from: list[str] = []
    participants = None
    places: list[str] = []
    if volunteers:
        names += names_in_workbook(volunteers)
        names_from.append("volunteer workbook")
    if pairs:
        from .pairs_workbook import read_pairs_workbook

        book = read_pairs_workbook(pairs, every_sheet=True)  # its names, from the one read
        participants = len(book.paired_people())
        names += names_in_grids(book.sheets or ())
        names_from.append("pairs workbook")
        places = practices(book, practice_side)
    pack = analyse(responses, names, participants, themes, tuple(names_from), places)
    pack.organisers_hidden = bool(organisers)
    return pack


def practices(book: PairsWorkbook, side: str | None) -> list[str]:
    """The organisations of everyone on ``side`` in a pairs workbook, its Withdrawn and
    Unpaired sheets' people too: what a quote may not name (``without_places``)."""
    everyone = [p for r in (*book.pairs, *book.withdrawn) for p in (r.a, r.b)] + book.unpaired
    return [p.organisation for p in everyone if p.side == side]


def chart_svg(rated: Rated) -> str:
    """A bar chart of one rated question as inline SVG (matplotlib, no timestamps)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "wessex"
    distribution = rated.distribution()
    figure, axes = plt.subplots(figsize=(6, 2.6))
    axes.bar([str(k) for k in distribution], list(distribution.values()), color="#005eb8")
    axes.set_xlabel(rated.axis_label)
    axes.set_ylabel("Responses")
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=NO_SVG_METADATA)
    plt.close(figure)
    counts = ", ".join(f"{rating}: {count}" for rating, count in distribution.items())
    return labelled_svg(buffer.getvalue(), f"Answers to '{rated.question}', how many gave "
                                           f"each rating ({rated.scale_words}): {counts}")


# matplotlib writes into an SVG what drew it and when, which LibreOffice prints as text on
# the page; without any of them it writes no <metadata> at all
NO_SVG_METADATA: dict[str, None] = {"Date": None, "Creator": None, "Format": None,
                                    "Type": None}


def labelled_svg(svg: str, label: str) -> str:
    """``svg`` from its <svg> tag on, for a page to hold inline, as an image a screen reader
    names: role="img", with ``label`` (escaped) as its name and title."""
    import hashlib
    from html import escape

    start = svg.index("<svg")
    end = svg.index(">", start)
    said = escape(label, quote=True)
    svg = f'{svg[start:end]} role="img" aria-label="{said}"><title>{said}</title>{svg[end + 1:]}'
    # matplotlib names a chart's glyphs and clip paths alike in every chart: two on one page
    # would share ids, which HTML forbids. Each chart's own prefix, from what it draws, keeps
    # the page the same from run to run.
    ids = sorted(set(re.findall(r'\bid="([^"]+)"', svg)), key=len, reverse=True)
    if not ids:
        return svg
    prefix = "c" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8] + "-"
    named = "|".join(map(re.escape, ids))
    return re.sub(rf'(\bid="|#)({named})(?=["\)])', lambda found: found[1] + prefix + found[2],
                  svg)


def privacy_statement(pack: FeedbackPack) -> list[str]:
    """What the pack can truthfully say about the anonymising, sentence by sentence."""
    details = ("A capitalised name written after a title such as Mr, Dr or Sister is "
               "removed, as are e-mail addresses, phone numbers, NHS numbers and postcodes, and "
               f"a profession with fewer than {MIN_GROUP} respondents is not shown on its own: "
               "it is pooled with others, and with larger professions too where that pool "
               "would still be small.")
    organisers = ["So are the names scheme.toml gives for the administrator, the leads and "
                  "the guest speaker."] if pack.organisers_hidden else []
    if not pack.names_from:
        return ["No volunteer or pairs workbook was given, so the names of people in the "
                "scheme were removed only from what respondents wrote about themselves (the "
                "names they typed in the survey or that their e-mail addresses give, and the "
                "usual short forms of their first names).", *organisers,
                "Anyone else named in an answer, such as a partner, a colleague or a patient, "
                "may still be named below: read every quote before sharing this pack.",
                details]
    sources = " and the ".join(pack.names_from)
    places = ["Each practice in the pairs workbook is shown as [practice]: with one or two "
              "volunteers from a practice, its name would name them."] \
        if pack.places_hidden else []
    return [f"The names of everyone in the scheme (from the {sources}, people who withdrew "
            "included, and from the responses), and the names their e-mail addresses give, "
            "are removed from every quote, whatever their "
            "case, accents or title, and so are the usual English short forms of their first "
            "names (Mike for Michael).", *organisers, *places, details,
            "A nickname beyond those short forms (Izzy for Isla), one written in lower case, "
            "or a name spelt in another alphabet (Eleni for Ελένη) or with a grammatical "
            "ending (other than a Russian or Ukrainian case ending) is not recognised: read "
            "every quote before sharing this pack."]


def _said_by(count: int) -> str:
    return f" (said by {count} people)" if count > 1 else ""


def _mentioned(count: int, responses: int) -> str:
    return f"mentioned in {count} of {responses} response{'s' if responses != 1 else ''}"


def pack_view(pack: FeedbackPack, scheme_name: str) -> dict[str, Any]:
    """What the delegate pack shows, as plain data in reading order: the one source for its
    Markdown and its HTML page."""
    summary = f"{pack.responses} responses" + (
        f" from {pack.participants} participants ({percent(pack.responses, pack.participants)})"
        if pack.participants else "") + "."
    sections = [
        {"question": REFLECTIVE[question],
         "groups": [{"name": group,
                     "quotes": [{"text": quote, "people": pack.people(question, group, quote)}
                                for quote in groups[group]]}
                    for group in sorted(groups)]}
        for question, groups in pack.quotes.items() if any(groups.values())]
    ratings = [{"question": rated.question, "answers": plural(len(rated.values), "answer"),
                "summary": rated.summary,
                "mean": rated.shown_mean, "median": f"{rated.median:g}",
                "low": rated.scale[0], "high": rated.scale[1],
                "distribution": ", ".join(f"{k}: {v}" for k, v in rated.distribution().items()),
                "rated": rated}
               for rated in pack.rated]
    # a theme nobody mentioned is no common theme: "Mutual respect: mentioned in 0 of 6
    # responses" under that heading told delegates it was one
    themes = [{"name": theme, "mentioned": _mentioned(count, pack.responses)}
              for theme, count in sorted(pack.themes.items(), key=lambda kv: -kv[1]) if count]
    return {"title": scheme_name, "summary": summary,
            "privacy": " ".join(privacy_statement(pack)), "sections": sections,
            "ratings": ratings, "themes": themes}


def pack_markdown(pack: FeedbackPack, scheme_name: str) -> str:
    """The delegate pack as Markdown, for pasting into a newsletter or slides."""
    view = pack_view(pack, scheme_name)
    lines = [f"# What we learnt: {view['title']}", "", view["summary"], "", view["privacy"], ""]
    for section in view["sections"]:
        lines += [f"## {section['question']}", ""]
        for group in section["groups"]:
            lines += [f"### {group['name']}", ""]
            lines += [f"> {quote['text']}{_said_by(quote['people'])}\n"
                      for quote in group["quotes"]]
    if view["ratings"]:
        lines += ["## Ratings", ""]
        for rating in view["ratings"]:
            lines += [f"**{rating['question']}** ({rating['answers']}): mean "
                      f"{rating['mean']}, median {rating['median']}. {rating['distribution']}",
                      ""]
    if view["themes"]:
        lines += ["## Common themes", ""]
        lines += [f"- {theme['name']}: {theme['mentioned']}" for theme in view["themes"]]
    return "\n".join(lines) + "\n"


def pack_html(pack: FeedbackPack, scheme_name: str) -> str:
    """The delegate pack as one web page with a chart per rated question
    (``templates/pages/delegate-pack.html.j2``)."""
    from .pages import render_page, trusted

    view = pack_view(pack, scheme_name)
    for rating in view["ratings"]:
        rating["chart"] = trusted(chart_svg(rating["rated"]))
    return render_page("delegate-pack", **view)
