"""Normalising the text administrators type, so that matching is forgiving.

Names, e-mails and organisations compare after case-folding, trimming, collapsing
spaces and punctuation, removing accents and dropping titles (SPEC, "Pairing rules").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache

# The one list of titles: each as ``fold`` leaves it, with the spelling documents print.
# Names compare without them (``person_key``); letters show them canonically (``split_title``).
TITLES: dict[str, str] = {
    "dr": "Dr", "doctor": "Dr", "prof": "Prof", "professor": "Professor", "mr": "Mr",
    "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx", "sir": "Sir", "dame": "Dame",
    "rev": "Revd", "revd": "Revd", "reverend": "Revd", "lord": "Lord", "lady": "Lady",
}
# Apostrophes as people type them: the straight one, the curly one, and those typed for it
# (the left quotation mark, the backtick, the modifier letter). The one list: ``fold`` and
# ``fold_char`` read each as the straight one, so "O`Donnell" and "O‘Donnell" are matched
# and anonymised as "O'Donnell" is; ``without_apostrophes`` drops them all.
APOSTROPHES = "'\u2019\u2018`\u02bc"
# A letter or digit of any script is part of a word: a name in Greek, Arabic or Chinese
# must not fold to nothing, which reads as a blank cell ("no preference", no Avoid).
_NON_WORD = re.compile(r"(?:[^\w@]|_)+")
_NOT_ALNUM = re.compile(r"[\W_]")


def clean_cell(value: str) -> str:
    """Trim, fold line breaks and runs of whitespace into single spaces: what
    ``" ".join(value.split())`` gives, without building the list for text that is single
    spaced already (most cells). A printable text's only white space is " " (every other
    space character is a separator or a control, which ``isprintable`` refuses)."""
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value
    return " ".join(value.split())


# Characters that show as nothing (Unicode's default-ignorable code points: zero-width
# spaces and joiners, the soft hyphen, the combining grapheme joiner, variation selectors,
# bidirectional marks, tags...). Inside a name ("Ash\u200bworth") they split it in two for
# every match while the page still showed "Ashworth", so ``fold`` drops them before comparing.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def without_invisible(text: str) -> str:
    """``text`` without the characters that show as nothing (``_INVISIBLE``) and without
    any other format character (Unicode category Cf)."""
    if text.isascii():
        return text
    text = _INVISIBLE.sub("", text)
    if text.isprintable():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


@lru_cache(maxsize=1 << 18)
def fold(value: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key.

    ``"Siân Ó-Briain"`` becomes ``"sian o briain"``, ``"Søren"`` ``"soren"``; characters
    that show as nothing go (``without_invisible``), so ``"Ash\u200bworth"`` is
    ``"ashworth"``, not two words. Letters of every script are kept (``"Νίκος"`` is
    ``"νικος"``), so that no name folds to nothing.
    """
    if value.isascii():  # nothing to decompose: NFKD leaves ASCII as it is
        return _NON_WORD.sub(" ", value.casefold()).strip()
    decomposed = unicodedata.normalize("NFKD", without_invisible(value).translate(
        _NO_DECOMPOSITION))
    unaccented = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", unaccented.casefold()).strip()


# Letters that Unicode does not decompose into a base letter and an accent (the cased table
# keeps capitals capital, for text that is not folded).
_PLAIN_CASED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                              "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th",
                              "Þ": "Th", "ı": "i", "ß": "ss"})
# The Arabic tatweel only stretches a word to fit a line ("محـمد" is "محمد"), as an accent
# only marks a letter: it goes as accents do. Every apostrophe is the straight one.
_NO_DECOMPOSITION = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
                                   "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th",
                                   "Þ": "th", "ı": "i", "\u0640": None,
                                   **dict.fromkeys(APOSTROPHES[1:], "'")})


def without_accents(value: str) -> str:
    """``value`` with its accents dropped and its case kept (``"Søren Ó"`` gives
    ``"Soren O"``): for names that must be plain ASCII, such as Word's merge fields."""
    return "".join(c for c in unicodedata.normalize("NFKD", value.translate(_PLAIN_CASED))
                   if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character as ``fold`` compares it, accents and case dropped, but punctuation kept,
    every apostrophe as the straight one (``"Á" -> "a"``, ``"ß" -> "ss"``, ``"ø" -> "o"``,
    ``"`" -> "'"``): for matching inside running text, where
    every folded character must map back to the character it came from."""
    decomposed = unicodedata.normalize("NFKD", char.translate(_NO_DECOMPOSITION))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _without_titles(words: list[str], folded: list[str]) -> int:
    """How many of ``words`` are leading titles (``folded`` is each word as ``fold`` leaves
    it); the last word is never one, so a name made of a title alone stays a name."""
    count = 0
    while count < len(words) - 1 and (folded[count] in TITLES or (
            folded[count] == "the" and count < len(words) - 2 and folded[count + 1] in TITLES)):
        count += 1  # "The" before a title is the formal style's ("The Revd Ann Bell")
    return count


# Letters typed after a name (qualifications, fellowships, honours), as they are written:
# never a surname or a first name. Matched as typed, so "Ma" and "Said" stay surnames; the
# two-letter degrees that are also names (MA, BA, MB, BM, MD) are left out on purpose.
# The honours and offices (orders, the Crown's honorary physicians and surgeons, KC, JP, DL)
# leave out those that are also names or words, in capitals as a surname may be typed: OM
# (Om), AM and AO (Am, Ao), MC (Mc), and CB, CH, GM, VC and GC, which read as initials.
# The one list: letters (``wording``) read a name without them, and names match without them.
LETTERS_AFTER = frozenset("""
    MBBS MBChB BChir BMBCh MBBCh BSc MSc MPhil PhD DPhil MRes MPH MBA MEd MSt DM FRCP FRCPE
    FRCPI MRCP FRCS FRCSEd MRCS FRCGP MRCGP FRCA FRCR FRCPath MRCPath FRCOG MRCOG FRCPsych
    MRCPsych FRCPCH MRCPCH FRCEM MRCEM FRCOphth FFPH MFPH FMedSci DRCOG DFSRH DCH FHEA RGN
    RN RM RHV RMN RSCN NMP MCSP BDS MPharm BPharm MRPharmS FRPharmS FRS FRSE FREng FBA FRSA
    OBE MBE CBE KBE DBE GBE BEM KCB GCB CMG KCMG GCMG LVO MVO CVO KCVO DCVO GCVO DSO
    RRC ARRC QPM QFSM QHP QHS QHN QHNS QHDS QHC KHP KHS KHN KHNS KHDS KHC KC QC JP DL
    QN Jr Jnr Sr Snr
    (Hons) (Hon) (Orth) (Lond) (Glas) (Edin) (Oxon) (Cantab)
    """.split())
# A degree typed in two words ("MB ChB", "MB BS", "BM BCh"): the second half counts only
# after the first, as MB and BM alone may be names.
DEGREE_FIRST_HALVES = frozenset({"MB", "BM"})
DEGREE_SECOND_HALVES = frozenset({"ChB", "BS", "BCh", "BChir"})
_SECOND_HALVES_ANY_CASE = frozenset({"chb", "bch", "bchir"})  # "MB CHB", "mb chb"


# The letters of three or more that are no name in any case, by their small letters, with
# the spelling the list gives them: "MBCHB", "PhD" and "rgn" as typed in a name all in
# capitals or in haste ("DR ANN BELL MBCHB", "jo birch rgn"). Those that are also surnames
# (Obe, Mbe, Bem, Mba) count only as the list writes them, as the two-letter ones do.
LETTERS_ANY_CASE: dict[str, str] = {
    letters.casefold(): letters for letters in LETTERS_AFTER
    if len(letters.strip("()")) >= 3 and letters not in {"OBE", "MBE", "BEM", "MBA"}}


def _listed(word: str) -> bool:
    """Whether ``word`` is in ``LETTERS_AFTER``, as written or, for ``LETTERS_ANY_CASE``,
    in any case."""
    return word in LETTERS_AFTER or word.casefold() in LETTERS_ANY_CASE


def _known_letters(word: str) -> bool:
    """Whether ``word`` is letters after a name, a college joined on too ("FRCP(Edin)")."""
    head, bracket, tail = word.partition("(")
    return _listed(word) or (bool(head) and bool(bracket) and _listed(head)
                             and _listed(f"({tail}"))


def letters_as_listed(letters: str) -> str:
    """Letters after a name (what ``letters_after`` parts from it) with each spelt as the
    list spells it: ", mbbs mrcgp" gives ", MBBS MRCGP" and " PHD" " PhD"."""
    return re.sub(r"[^\s,.]+", lambda m: _AS_LISTED.get(m.group().casefold(), m.group()),
                  letters)


# Each half of a degree typed in two words, as the list spells it ("mb bs" is "MB BS"): among
# letters after a name (``letters_after`` has read them as such), never in a name
_AS_LISTED = {**LETTERS_ANY_CASE,
              **{half.casefold(): half for half in DEGREE_FIRST_HALVES | DEGREE_SECOND_HALVES}}


def letters_after(rest: str) -> tuple[str, str]:
    """(``rest`` without the letters typed after it, those letters as typed with what set
    them apart): "Ann Bell, MBBS" gives ("Ann Bell", ", MBBS"), "Ann Bell,MBBS" ("Ann Bell",
    ",MBBS"). One word always stays. Read back from the end a word at a time, each character
    once, so a cell of 32,767 characters costs no more than a short one (a pattern searched
    from every position took seconds over a long run of spaces)."""

    def before_separator(end: int) -> int:
        # what a separator (spaces, or a comma with any spaces round it) ending at ``end``
        # leaves before it
        while end and rest[end - 1].isspace():
            end -= 1
        if end and rest[end - 1] == ",":
            end -= 1
            while end and rest[end - 1].isspace():
                end -= 1
        return end

    def word_start(end: int) -> int:
        # where the word ending at ``end`` begins (after a space or a comma)
        start = end
        while start and not (rest[start - 1].isspace() or rest[start - 1] == ","):
            start -= 1
        return start

    cut = len(rest)
    while True:
        end = before_separator(cut)  # a comma or spaces after the letters
        if end and rest[end - 1] == ".":  # "MBBS."
            end -= 1
        start = word_start(end)
        known = _known_letters(rest[start:end])
        second = rest[start:end]
        if second in DEGREE_SECOND_HALVES or second == "bs" or (  # "MB ChB": its first half
                end - start > 2 and second.casefold() in _SECOND_HALVES_ANY_CASE):  # too
            gap = start
            while gap and rest[gap - 1] == " ":
                gap -= 1
            first = word_start(gap)
            half = rest[first:gap]
            # "mb bs" typed in haste in small letters: both halves so ("Ann Bell Mb bs" not)
            if gap < start and half.upper() in DEGREE_FIRST_HALVES and (
                    second != "bs" or half.islower()):
                start, known = first, True
        kept = before_separator(start)
        if start == 0 or kept == 0 or not known:
            return rest[:cut], rest[cut:]
        cut = kept


def only_letters_after(text: str) -> bool:
    """Whether ``text`` is letters typed after a name and nothing else ("MBBS", "MRCGP
    FRCP"): what a list cut at its commas leaves of "Dr Ann Bell, MBBS"."""
    return letters_after(f"- {text}")[0] == "-"


# Words that begin a surname of several words ("van der Berg", "Ó Briain"), as ``fold``
# leaves them: the whole of such a surname may come before the comma of a name typed surname
# first ("van der Berg, Anna"), where any other second word makes it a name and not a surname.
SURNAME_START = frozenset({"de", "del", "della", "der", "den", "di", "da", "das", "dos", "du",
                           "van", "von", "le", "la", "o", "ni", "nic", "mac", "bin", "binti",
                           "al", "el", "ap", "ter", "ten"})


def forename_first(name: str) -> str | None:
    """A name typed surname first, as HR lists and Outlook write names, in the usual order:
    ``"Penrose, Alys"`` gives ``"Alys Penrose"``, ``"Hale, Dr Robert"`` ``"Dr Robert
    Hale"``, ``"Dr Penrose, Alys"`` ``"Dr Alys Penrose"``; None for a name not typed so.
    Typed so: one comma, one surname before it (a title and the starts of a surname of
    several words aside: "van der Berg, Anna") and names after it, not letters: "Ann Bell,
    MBBS" and "Ann Bell, Nurse Practitioner" are not (two words before the comma), nor is
    "Bell, MBBS". Letters after the name are for the caller to take off first."""
    family, comma, given = name.partition(",")
    if not comma or "," in given or "@" in name:
        return None
    words, forenames = family.split(), given.split()
    if not words or not forenames or only_letters_after(given.strip()) or \
            not any(c.isalpha() for c in given):
        return None
    folded = [fold(word) for word in words]
    titles = _without_titles(words, folded)
    if folded[-1] in TITLES or any(word not in SURNAME_START for word in folded[titles:-1]):
        return None
    return " ".join(words[:titles] + forenames + words[titles:])


# What a name holds in brackets or quotation marks: a name it goes by ("Robert (Bob) Hale",
# 'Robert "Bob" Hale'), pronouns ("Ema Fox (she/her)"), a note ("Ann Bell (locum)"), the
# workplace of an NHSmail name ("PENROSE, Alys (QUAYSIDE SURGERY)") or the address pasted
# with a name from Outlook ("Penrose, Alys <alys.penrose@nhs.net>"). None of it is the name
# itself: names compare, and letters address, without it.
# A bracket or a quotation mark opens one only as a word of its own: "FRCP(Edin)" and
# '=HYPERLINK("x")' hold none.
_BRACKETED = re.compile(
    "(?<!\\S)(?:\\([^()]*\\)|\\[[^\\[\\]]*\\]|\"[^\"]*\"|\u201c[^\u201c\u201d]*\u201d)"
    "|<[^<>\\s]*@[^<>\\s]*>")


# A word in brackets that is no one's name: pronouns ("Ann (she) Bell")
_PRONOUNS = frozenset({"she", "her", "hers", "he", "him", "his", "they", "them", "their",
                       "theirs", "ze", "xe", "any"})


# A dash with spaces round it, before a role or a workplace ("Dr Bob Hale - GP Partner");
# a double surname is joined without spaces ("Ashworth-Smith")
_SPACED_DASH = re.compile(r"\s[-\u2013\u2014]\s")


def without_notes(name: str) -> str:
    """``name`` without what it holds in brackets or quotation marks (``_BRACKETED``):
    "Robert (Bob) Hale" gives "Robert Hale", "Dr Ema Fox (she/her)" "Dr Ema Fox"; and
    without a role or a workplace after a spaced dash ("Dr Bob Hale - GP Partner" gives "Dr
    Bob Hale"), when that is more than one word, or one in capitals ("- GP"), and a whole
    name is before it: one other word may be the second half of a surname ("Ann Ashworth -
    Smith"); and without what follows a comma after a whole name ("Dr Alys Penrose, GP"),
    where one word before it is a surname typed first ("Penrose, Alys"). A name that is
    nothing else ("(Bob)") stays as it is."""
    kept = name
    if any(mark in name for mark in "([\"\u201c<"):
        kept = " ".join(_BRACKETED.sub(" ", name).split())
    dash = _SPACED_DASH.search(kept)
    if dash is not None:
        before, after = kept[:dash.start()].split(), kept[dash.end():].split()
        names = [word for word in before if fold(word) not in TITLES]
        whole = len(names) >= 2 or 0 < len(names) < len(before)  # "Dr Hale" is whole
        # a surname alone before a role that shows itself by a short word in capitals
        # ("Hale - GP Partner", "Hale - ANP"); "Anne - Marie Bell" is a name, and so may be
        # words all in capitals ("Hale - ANN BELL")
        role = len(before) == 1 and not before[0].isupper() and any(
            word.isupper() and 1 < len(word) < 5 for word in after) and (
            len(after) == 1 or not all(word.isupper() for word in after))
        if (whole or role) and (len(after) > 1 or (after and after[0].isupper())):
            kept = " ".join(before)
    named, comma, rest = kept.partition(",")
    given, second, _ = rest.partition(",")
    if second and forename_first(f"{named},{given}") is not None:
        kept = f"{named},{given}".strip()  # "van der Berg, Anna, GP": her role after
    elif comma and len([word for word in named.split() if fold(word) not in TITLES]) >= 2 \
            and forename_first(letters_after(kept)[0]) is None:  # not "van der Berg, Anna"
        kept = named.strip()  # "Dr Alys Penrose, GP": her role, or letters, after a name
    return kept if any(c.isalnum() for c in kept) else name


def known_as(name: str) -> str:
    """The one name in brackets or quotation marks straight after a first name, that the
    person goes by: "Robert (Bob) Hale" and 'Dr Robert "Bob" Hale' give "Bob"; "" when
    there is none ("Dr Ema Fox (she/her)": two words before the brackets, two in them)."""
    found = _BRACKETED.search(name)
    if found is None:
        return ""
    before = name[:found.start()].split()
    while before and fold(before[0]) in TITLES:  # "Prof Sir John (Jack) Smythe"
        before = before[1:]
    inside = found.group()[1:-1].split()
    if len(inside) != 1 or not inside[0].isalpha() or len(before) != 1 or \
            fold(inside[0]) in _PRONOUNS or \
            not name[found.end():].strip():
        return ""
    return inside[0]


def _folded_name(name: str) -> str:
    """``name`` folded, without its leading titles (the last word is never one)."""
    words = fold(name).replace("@", " ").split()
    return " ".join(words[_without_titles(words, words):])


@lru_cache(maxsize=1 << 18)
def person_key(name: str) -> str:
    """The one name folder: the key under which two names are the same person, with leading
    titles, letters after the name (``LETTERS_AFTER``), case, accents, punctuation and
    spacing dropped (``"Dr A. Khan" -> "a khan"``, ``"Dr Ann Bell, MBBS" -> "ann bell"``),
    what it holds in brackets or adds after a dash (``without_notes``: "Robert (Bob) Hale"
    -> "robert hale"),
    and a name typed surname first put in the usual order (``forename_first``: "Penrose,
    Alys" -> "alys penrose").
    Applied twice it changes nothing, so an already folded key compares as it is."""
    kept, after = letters_after(without_notes(name))
    key = _folded_name(forename_first(kept) or kept)  # "Penrose, Alys" is Alys Penrose
    return _folded_name(name) if after and key in TITLES else key  # "Dr MBBS" is a name


@lru_cache(maxsize=1 << 18)
def person_keys(name: str) -> tuple[str, ...]:
    """The keys under which ``name`` is someone: ``person_key``'s; for a name with the name
    they go by in brackets, that name in place of the first ("Robert (Bob) Hale" is "robert
    hale" and "bob hale"), so a colleague may name him either way; and for a name with an
    apostrophe, the name without it ("Sean O'Brien" is "sean o brien" and "sean obrien"), as
    many type it and as addresses write it ("OBrien")."""
    forms = [name]
    usual = forename_first(name) or name  # "Penrose, Alys (Ally)" is Ally Penrose too
    called = known_as(usual)
    if called:
        found = _BRACKETED.search(usual)
        assert found is not None  # known_as found it
        before = usual[:found.start()].split()
        forms.append(" ".join([*before[:-1], called, usual[found.end():]]))
    if any(mark in name for mark in APOSTROPHES):
        forms += [without_apostrophes(form) for form in forms]
    return tuple(dict.fromkeys(person_key(form) for form in forms))


def names_by_part(part: str, name: str) -> bool:
    """Whether ``part`` is the first or the last words of ``name``, whole words and not all
    of them, compared as ``person_key`` compares names (titles, case, accents and
    punctuation aside): ``"Ashworth"``, ``"amelia"`` and ``"Dr Ashworth"`` are parts of
    "Dr Amelia Ashworth", ``"Ash"`` is not. What a person is called by when only one
    person is: a surname or a first name (``named``)."""
    wanted = person_key(part).split()
    words = person_key(name).split()
    return 0 < len(wanted) < len(words) and (words[:len(wanted)] == wanted or
                                             words[-len(wanted):] == wanted)


def named(text: str, names: Sequence[str]) -> tuple[list[int], bool]:
    """The positions in ``names`` of the names ``text`` gives, and whether it gave them
    only by part: every name that ``text`` is (``person_key``); when it is none of them,
    every name of which it is the first or the last words (``names_by_part``: a surname or
    a first name). Several positions may be one person (their rows) or several people:
    the caller tells them apart, and refuses rather than guesses between people."""
    key = person_key(text)
    wanted = set(person_keys(text))  # "OBrien" names "O'Brien", as "O'Brien" "OBrien"
    whole = [n for n, name in enumerate(names) if key and wanted & set(person_keys(name))]
    if whole:
        return whole, False
    return [n for n, name in enumerate(names) if names_by_part(text, name)], True


def split_title(name: str) -> tuple[str, str]:
    """(canonical title, the rest of the name as typed): ``"dr. Siân Ó Briain"`` gives
    ``("Dr", "Siân Ó Briain")``, for letters that print the title their own way. Only the
    first title is taken, and the rest keeps the case the person typed. A title run on to
    the name by its full stop ("Dr.Nia Rowe") is a title still."""
    words = name.split()
    if len(words) > 2 and fold(words[0]) == "the" and fold(words[1]) in TITLES:
        words = words[1:]  # "The Revd Dr John Smythe", as the formal style writes it
    head, stop, tail = words[0].partition(".") if words else ("", "", "")
    if stop and tail[:1].isalpha() and fold(head) in TITLES:
        words[:1] = [head, tail]
    if _without_titles(words[:2], [fold(w) for w in words[:2]]):
        return TITLES[fold(words[0])], " ".join(words[1:])
    return "", " ".join(words)


# Apostrophes, straight or curly, inside an organisation's name: "St Mary's", "St Marys" and
# "St Mary’s" are one practice as people type it, so they are dropped, not made a space.
_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


def organisation_key(name: str) -> str:
    """An organisation's matching key. SPEC ("Pairing rules"): names, e-mails and
    organisations compare after case-folding, trimming, collapsing spaces and punctuation,
    and dropping titles, so ``"Dr Patel's Surgery"`` and ``"Patel's surgery"`` are one
    organisation, and so are ``"St. Mary's Surgery"`` and ``"St Marys Surgery"``: the
    registered practice that keeps a patient from their own GP must not hang on an
    apostrophe. Folded as a name is (``person_key``, letters after a name aside: they are
    no part of a workplace's name), without the apostrophes, and unchanged by being applied
    twice, so an already folded key (an earlier year's) compares as it is."""
    return _folded_name(without_apostrophes(name))


def without_apostrophes(text: str) -> str:
    """``text`` with its apostrophes gone, straight or curly: "St Mary's", "St Mary’s" and
    "St Marys" become one, as people type a workplace's name."""
    return text.translate(_APOSTROPHES)


def email_key(email: str) -> str:
    """E-mail addresses compare case-insensitively, without surrounding space or brackets."""
    return email.strip().strip("<>").strip().casefold()


@lru_cache(maxsize=1 << 18)
def header_key(header: str) -> str:
    """A header's matching key: letters and digits only (``"E-mail Address" -> "emailaddress"``)."""
    return _NOT_ALNUM.sub("", fold(header))


def first_columns(titles: Sequence[str], start: int = 0) -> dict[str, int]:
    """Each header (as ``header_key``) and its column, numbered from ``start``; a title that
    appears twice is the first column's (wessex writes its own columns before any the
    administrator adds): the one rule for the reader and the editor alike."""
    found: dict[str, int] = {}
    for number, title in enumerate(titles, start=start):
        if title:
            found.setdefault(header_key(title), number)
    return found


# What administrators type in the Cluster column to mean "no cluster".
NO_CLUSTER = frozenset({"", "na", "n a", "none", "nil", "no", "no cluster", "not applicable",
                        "unknown", "tbc", "not known", "nk"})


def cluster_text(value: str) -> str:
    """A Cluster cell as written, or "" when it means no cluster (``-``, ``n/a``, ``none``).

    The one place that decides: the solver, the scores and the reasons all read the result,
    so a blank-like cell can never make two people "the same cluster".
    """
    return "" if fold(value) in NO_CLUSTER else value


def cluster_key(value: str) -> str:
    """The matching key of a cluster: folded; "" for no cluster."""
    return fold(cluster_text(value))


# Names Windows keeps for its devices, whatever the extension: a letter saved as "nul.eml"
# goes nowhere, and "con.docx" cannot be written at all.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul",
                             *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))})


# The longest stem ``slug`` gives: a file named for two people ("amelia-ashworth-hosts-...",
# "certificate-...-with-...") inside the output folder stays far below the 260 characters of
# a Windows path, which two names of 80 characters in a deep folder passed.
SLUG_LIMIT = 40


def slug(text: str, fallback: str = "item") -> str:
    """A safe, readable file name stem (``"Dr Amelia Ashworth" -> "amelia-ashworth"``); one
    Windows keeps for a device is numbered (``"Nul" -> "nul-1"``). A stem longer than
    ``SLUG_LIMIT`` keeps its start and ends in six letters of its hash, so two long names
    that start alike still get two stems, the same on every run."""
    stem = "-".join(_folded_name(text).split())
    if len(stem) > SLUG_LIMIT:
        from hashlib import sha256

        digest = sha256(stem.encode()).hexdigest()[:6]
        stem = f"{stem[:SLUG_LIMIT - 7].strip('-')}-{digest}"
    return f"{stem}-1" if stem in WINDOWS_DEVICES else stem or fallback


# What makes a spreadsheet run a cell as a formula when it parses text (OWASP, "CSV
# Injection"): these first characters, after any leading spaces, including the full-width
# forms that some spreadsheet programs fold to their ASCII twins.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(value: str) -> bool:
    """Would a spreadsheet parsing this text (a CSV, a typed cell) run it as a formula?"""
    return bool(value) and value.lstrip(" ").startswith(_FORMULA_START)


def neutralise_formula(value: str) -> str:
    """Text for a file a spreadsheet will parse (CSV): a formula-like value gets a leading ``'``.

    Only for formats that are parsed: an .xlsx string cell is text already and is written as
    typed (see ``xlsx_out``), so no apostrophe ever reaches a letter from there.
    """
    return "'" + value if looks_like_formula(value) else value


def one_line(value: str) -> str:
    """A value safe for a single-line field such as an e-mail header: no line breaks and no
    control characters at all."""
    return " ".join(strip_controls(value).split())


# Terminal escape sequences (CSI such as ESC[31m, OSC such as ESC]0;title BEL, and two-byte
# escapes) go as a whole; any other C0 or C1 control character (tab, line feed and carriage
# return apart, which cells legitimately hold) becomes a space. So do U+FFFE and U+FFFF
# (a "\ufffe" typed in scheme.toml) and lone surrogates: no XML file, a Word document's
# text and properties among them, may hold them.
_ESCAPES = (r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
            r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]?")
_CONTROLS = re.compile(
    f"({_ESCAPES})|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def has_controls(value: str) -> bool:
    """True when ``value`` holds a control character that must not reach a terminal, an
    e-mail header, a Word document or a workbook."""
    return not value.isprintable() and _CONTROLS.search(value) is not None


def strip_controls(value: str) -> str:
    """``value`` without control characters: escape sequences removed, others made spaces."""
    if value.isprintable():  # the common case, checked at C speed
        return value
    return _CONTROLS.sub(lambda m: "" if m.group(1) else " ", value)


def address_from_cell(text: str) -> str:
    """The e-mail address in a cell: ``Ann <ann@nhs.net>`` and ``<ann@nhs.net>`` give
    ``ann@nhs.net``; anything else is returned without spaces, for the validator to judge."""
    text = text.strip()
    if "<" in text or ">" in text:
        from email.utils import parseaddr

        _, address = parseaddr(text)
        if "@" in address and not any(c in address for c in "<>,;\"\\ "):
            return address
    return text.replace(" ", "")


def suggest(word: str, choices: list[str], limit: int = 1, cutoff: float = 0.6) -> list[str]:
    """The closest of ``choices`` to ``word`` (rapidfuzz), best first: for "did you mean"."""
    if not word or not choices:
        return []
    from rapidfuzz import fuzz, process, utils

    found = process.extract(word, choices, scorer=fuzz.ratio, processor=utils.default_process,
                            limit=limit, score_cutoff=cutoff * 100)
    return [str(choice) for choice, _, _ in found]


def did_you_mean(word: str, choices: list[str], cutoff: float = 0.6) -> str:
    """``"Did you mean 'X'? "`` or nothing: the start of a hint. A single word that is not
    near any choice may be one word of it: a first name alone ("Amelia") suggests the
    person, or the few people, of that name."""
    near = suggest(word, choices, 1, cutoff)
    if near:
        return f"Did you mean '{near[0]}'? "
    return did_you_mean_by_word(word, choices)


def did_you_mean_by_word(word: str, choices: list[str]) -> str:
    """``"Did you mean 'X'? "`` for the few choices (four at most) that have ``word``, a
    single word, as one of theirs: a first name ("Tom") suggests "Dr Tom Harris"."""
    key = fold(word).strip(" .")
    if not key or " " in key:
        return ""
    named = sorted({c for c in choices if key in fold(c).replace("-", " ").split()})
    if not named or len(named) > 4:
        return ""
    quoted = " or ".join(f"'{n}'" for n in named)
    return f"Did you mean {quoted}? "


# A number as a spreadsheet shows one: no sign, no leading zero, no trailing zero after the
# point, at most 15 digits (all Excel keeps), so that writing it as a number loses nothing
_PLAIN_NUMBER = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?")


def figure_or_text(text: str) -> str | int | float:
    """``text`` as the number it plainly is ("4", "2.5"), so that a column of figures carried
    from the volunteer workbook stays figures in the workbooks written from it; anything
    else ("007", "1.50", "-4", "4 years", a 16-digit number) as the text it is."""
    if not _PLAIN_NUMBER.fullmatch(text) or len(text.replace(".", "")) > 15:
        return text
    return float(text) if "." in text else int(text)


def first_capital(text: str) -> str:
    """``text`` begun with a capital, to open a sentence; the rest as it was (``capitalize``
    would make an 'NHS' or a name in it small)."""
    return text[:1].upper() + text[1:]


def first_few(items: Sequence[object], shown: int = 5) -> str:
    """"D2 (A phone), AB3 (A notes) and 4 more": the first items of a list, and a count."""
    rest = len(items) - shown
    return ", ".join(str(item) for item in items[:shown]) + \
        (f" and {rest} more" if rest > 0 else "")


def and_list(items: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C": items as a sentence lists them (no comma before "and",
    as the letters write)."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``"1 pair"``, ``"3 pairs"``: a count with its noun agreeing, never ``"pair(s)"``.
    ``words`` is the plural when it is not the word with an "s"."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def half_up(value: float | Fraction, places: int = 0) -> str:
    """A figure as a reader rounds it by hand, halves up: ``4.25`` to one place is ``"4.3"``,
    12.5 to none is ``"13"``. The one rounding for every figure shown (means, percentages):
    ``round()`` and format strings round halves to even and see 4.35 as 4.3499..., so they
    give 4.2 and 12 and 4.3. A float is taken as the shortest decimal that reads back as it
    (its ``repr``); a Fraction exactly."""
    from decimal import ROUND_HALF_UP, Decimal

    exact = (Decimal(value.numerator) / Decimal(value.denominator)
             if isinstance(value, Fraction) else Decimal(repr(value)))
    return f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"


def percent(part: int, whole: int) -> str:
    """``part`` as a whole-number percentage of ``whole``, rounded half up (1 of 8 is
    ``"13%"``); ``"-"`` when there is no whole to be a share of."""
    return f"{half_up(Fraction(100 * part, whole))}%" if whole else "-"
