"""``wessex init``'s core: a commented scheme.toml and an empty volunteer workbook."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .availability import DAYS
from .errors import OutputError
from .safe_write import write_bytes, write_text
from .scheme import SCHEME_FILE, Scheme
from .xlsx_out import SheetSpec, write_workbook

VOLUNTEER_HEADERS = {
    "name": "Name", "email": "Email", "phone": "Phone", "profession": "Profession",
    "side": "Side", "organisation": "Organisation", "specialty": "Specialty",
    "cluster": "Cluster", "registered_practice": "Registered practice",
    "host_days": "Host days", "visit_days": "Visit days", "preference_1": "Preference 1",
    "preference_2": "Preference 2", "preference_3": "Preference 3", "avoid": "Avoid",
    "capacity": "Capacity", "partner": "Partner", "status": "Status",
    "adjustments": "Adjustments", "notes": "Notes",
}

SCHEME_TOML = """\
# scheme.toml: the settings of your workplace exchange.
# Every setting has a default: delete what you do not need. Text goes in "quotes",
# dates are written YYYY-MM-DD. Lines starting with # are notes for you.

[scheme]
name = "{name}"                # appears in every letter and e-mail
locality = ""                  # e.g. "North Eastshire"
cpd_hours = 8                  # CPD hours a participant can claim on the certificate

[sides.primary]
label = "Primary care"
organisation = ""              # who runs this side, e.g. "Eastshire Integrated Care Board"
workplace = "surgery"          # what a workplace on this side is called in letters
professions = [{primary}]

[sides.secondary]
label = "Secondary care"
organisation = ""              # e.g. "Eastshire Hospitals NHS Foundation Trust"
workplace = "hospital"
professions = [{secondary}]

[administrator]                # replies to every e-mail come here
name = "Scheme administrator"
email = "exchange.admin@example.org"
phone = ""

# One [[leads]] block per scheme lead (usually one for each side).
# [[leads]]
# name = "Dr A. Lead"
# email = "a.lead@example.org"
# phone = ""
# role = "GP lead"

[letterhead]                   # optional: printed at the top of every Word document
# organisation = "Eastshire Integrated Care Board"
# address = ["Eastshire Postgraduate Centre", "Eastshire EA1 4ZZ"]
# logo = "logo.png"            # a PNG or JPEG file beside this one

[dates]
# start = 2027-04-12           # the first day visits can happen
# end = 2027-07-12             # three months later: all visits done by then

[celebration]
# date = 2027-07-22
time = "18:30"
end_time = "21:00"
venue = "to be confirmed"
speaker = ""
speaker_topic = ""
refreshments = "Refreshments provided"   # as the invitation words it; "" to promise none
# agenda = ["18:30 Refreshments", "18:50 Welcome", "19:05 Guest speaker",
#           "19:35 Feedback from the visits", "20:00 Table-top discussions", "21:00 Close"]

[weights]                      # how pairs are scored (higher = preferred)
person = [6, 4, 2]             # a colleague named as 1st, 2nd, 3rd choice
topic = [3, 2, 1]              # a specialty or organisation named as 1st, 2nd, 3rd choice
cluster = 1                    # both in the same locality cluster
new_organisation = 0           # year two (see history below): a partner from an organisation
                               # the person has not visited before

[pairing]
seed = 2027                    # change it to get a different, equally good, set of pairs
# history = ["../exchange-2026/pairs.xlsx"]  # earlier years' pairs workbooks: nobody is
#                              # paired again with a partner from one ('init --from' sets it)

# An online survey for the reflections? Reminders and the reflection form then link to it.
# [feedback]
# survey_url = "https://forms.example.org/exchange"
"""

INSTRUCTIONS = [
    ("How to fill in this workbook", ""),
    ("One row per volunteer", "Fill in the 'Volunteers' sheet. Name, Email and Profession are "
     "required; everything else is optional."),
    ("Phone", "A number the partner can call: the introduction gives it to them."),
    ("Profession and Side", "Side is worked out from the profession using scheme.toml "
     "(a GP is on the primary care side, a consultant on the secondary). Fill in Side only for "
     "professions it does not know, from its list."),
    ("Organisation", "The GP practice, or the hospital and department, where the person works. "
     "People from the same organisation are never paired."),
    ("Specialty", "The person's specialty (e.g. Cardiology, General Practice). A colleague "
     "who names it as a choice can be paired with them for it."),
    ("Cluster", "The locality cluster or primary care network the person works in. Two people "
     "in the same cluster score a little higher, so neighbours are paired when nothing else "
     "decides."),
    ("Registered practice", "The GP practice where the person is registered as a patient. "
     "Nobody is paired with anyone who works there, a GP, nurse or pharmacist alike."),
    ("Host days / Visit days", "When they can host and when they can visit, e.g. 'Mon, Wed', "
     "'Tue-Thu', 'Fri am', 'Mon pm' or 'any'. Blank means any day."),
    ("Preference 1-3", "A colleague (name or e-mail), a specialty (e.g. Cardiology) or an "
     "organisation. 'No preference' or blank means none."),
    ("Avoid", "Names or e-mails of people this person must not be paired with (for example a "
     "colleague who has treated them), separated by ';'."),
    ("Capacity", "How many partners the person can take. Leave blank for 1."),
    ("Partner", "A partner already agreed: the pair is kept exactly as written."),
    ("Status", "Write 'withdrawn' when someone drops out; they are left out of the pairing."),
    ("Adjustments", "Any reasonable adjustments or access needs the person wants shared with "
     "their partner. Never used for matching."),
    ("Notes", "Your own notes about the person: carried through to the pairs workbook, never "
     "used for pairing and never printed in wessex's own letters."),
    ("Extra columns", "Add any column you like: wessex keeps it and carries it through."),
    ("Check your work", "Run 'wessex check volunteers.xlsx' to list every problem with its cell."),
]


def _toml_list(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def scheme_toml_text(scheme: Scheme | None = None, history: Sequence[str] = ()) -> str:
    """The commented scheme.toml a new folder starts with.

    Started from an existing scheme (``init --from`` last year's record, or ``--scheme``),
    it is that file's own text, every setting and comment kept (administrator, leads,
    letterhead, weights...), less the dates and the celebration's guest speaker, which
    belong to last year. ``history``: the earlier pairs workbooks (paths from the new
    folder) set under [pairing] history, in place of any the file started from had."""
    scheme = scheme or Scheme()
    if scheme.source is not None and scheme.source.is_file():
        text = _without_last_years(scheme.source.read_text(encoding="utf-8"), scheme.source)
    else:
        text = SCHEME_TOML.format(name=scheme.name,
                                  primary=_toml_list(scheme.sides[0].professions),
                                  secondary=_toml_list(scheme.sides[1].professions))
    return _with_history(text, history) if history else text


_HISTORY_EXAMPLE = ("# history = [\"../exchange-2026/pairs.xlsx\"]  # earlier years' pairs "
                    "workbooks: nobody is\n#                              # paired again with a "
                    "partner from one ('init --from' sets it)\n")
_HISTORY_COMMENT = ("# earlier years' pairs workbooks (paths from this folder): 'wessex pair'\n"
                    "# never pairs anyone with a partner they had in one\n")


def _with_history(text: str, history: Sequence[str]) -> str:
    """``text`` with [pairing] history set to ``history``: last year's copy named the years
    before it from last year's folder, which is not this one. A new setting goes straight
    under the [pairing] heading (added by tomlkit, it would follow whatever comments close
    the table, such as the commented [feedback] example), in place of the commented example."""
    import re
    import tomllib

    import tomlkit

    document = tomlkit.parse(text)
    pairing = document.get("pairing")
    if isinstance(pairing, tomlkit.items.Table | tomlkit.items.InlineTable) and \
            "history" in pairing:
        pairing["history"] = list(history)  # in its place, its comments kept
        return tomlkit.dumps(document)
    setting = f"{_HISTORY_COMMENT}history = {tomlkit.item(list(history)).as_string()}\n"
    heading = re.search(r"^\[pairing\][ \t]*(?:#[^\n]*)?\n", text, re.MULTILINE)
    if heading is not None:
        placed = text[:heading.end()] + setting + text[heading.end():].replace(
            _HISTORY_EXAMPLE, "", 1)
        if tomllib.loads(placed).get("pairing", {}).get("history") == list(history):
            return placed
    if not isinstance(pairing, tomlkit.items.Table | tomlkit.items.InlineTable):
        pairing = tomlkit.table()
        document["pairing"] = pairing
    pairing["history"] = list(history)  # a [pairing] written otherwise: at its end
    return tomlkit.dumps(document)


def _without_last_years(text: str, source: Path) -> str:
    """Last year's scheme.toml less its dates and its guest speaker: this year's invitation
    would name a speaker booked for last year's celebration, and no check can tell."""
    import tomlkit

    document = tomlkit.parse(text)
    removed = f"last year's was removed when {source.name} was copied"
    for table, key, example, what in (
            ("dates", "start", "YYYY-MM-DD", "date"), ("dates", "end", "YYYY-MM-DD", "date"),
            ("celebration", "date", "YYYY-MM-DD", "date"),
            ("celebration", "speaker", '""', "speaker, if any"),
            ("celebration", "speaker_topic", '""', "speaker's topic")):
        section = document.get(table)
        if isinstance(section, tomlkit.items.InlineTable) and key in section:
            del section[key]  # an inline table, {start = ...}, has no room for a comment
        elif isinstance(section, tomlkit.items.Table) and key in section:
            del section[key]
            # inside the table, above the blank line that closes it: added after that
            # line, '# date = ...' of [celebration] sat on the next table's heading
            body = section.value.body
            closing: list[tuple[None, tomlkit.items.Item]] = []
            while body and body[-1][0] is None and \
                    isinstance(body[-1][1], tomlkit.items.Whitespace):
                closing.insert(0, (None, body.pop()[1]))
            section.add(tomlkit.comment(f"{key} = {example}  # set this year's {what} "
                                        f"({removed})"))
            section.value.body.extend(closing)
    return tomlkit.dumps(document)


def write_starter(folder: Path, scheme: Scheme | None = None,
                  history: Sequence[Path] = ()) -> list[Path]:
    """Write scheme.toml and volunteers.xlsx into ``folder`` (and the letterhead's logo, when
    the scheme started from has one); refuse if any of them exists. ``history``: earlier
    years' pairs workbooks, named in scheme.toml for 'pair' to keep their partners apart."""
    from .pairs_workbook import path_beside

    scheme = scheme or Scheme()
    toml_path, book_path = folder / SCHEME_FILE, folder / "volunteers.xlsx"
    logo = _logo_to_copy(scheme, folder)
    targets = [toml_path, book_path] + ([logo[1]] if logo else [])
    existing = [p for p in targets if p.exists()]
    if existing:
        names = " and ".join(p.name for p in existing)
        raise OutputError(f"{names} already exist{'s' if len(existing) == 1 else ''} in "
                          f"{folder}, and init never overwrites anything.",
                          "Run init in an empty folder, or delete the files first.",
                          file=existing[0])
    write_text(toml_path, scheme_toml_text(
        scheme, [path_beside(earlier, toml_path) for earlier in history]))
    write_volunteer_template(book_path, scheme)
    if logo:
        logo[1].parent.mkdir(parents=True, exist_ok=True)
        write_bytes(logo[1], logo[0].read_bytes())
    return targets


def _logo_to_copy(scheme: Scheme, folder: Path) -> tuple[Path, Path] | None:
    """A logo named relative to the scheme started from goes along with its scheme.toml, so
    that the copied setting still finds it."""
    logo = scheme.letterhead.logo
    if scheme.source is None or logo is None or not logo.is_file():
        return None
    try:
        relative = logo.resolve().relative_to(scheme.source.resolve().parent)
    except ValueError:  # an absolute path elsewhere: the copied setting still points to it
        return None
    return logo, folder / relative


def write_volunteer_template(path: Path, scheme: Scheme) -> None:
    """A blank volunteer workbook with the right headers, drop-down lists and instructions."""
    headers = list(VOLUNTEER_HEADERS.values())
    col = {key: index for index, key in enumerate(VOLUNTEER_HEADERS)}
    professions = [p for side in scheme.sides for p in side.professions]
    days = ["any", *DAYS[:5], *(f"{d} am" for d in DAYS[:5]), *(f"{d} pm" for d in DAYS[:5]),
            "Mon-Fri"]
    # the sides as every output names them ("Primary care"); the reader takes a key
    # ("primary") as well, so the list only offers, and a key typed is let through
    lists = {"Profession": professions, "Side": [side.label for side in scheme.sides],
             "Status": ["active", "withdrawn"], "Days": days}

    def from_list(column: str, rows: int, strict: bool, message: str) -> dict[str, object]:
        letter = "ABCD"[list(lists).index(column)]
        return {"validate": "list", "source": f"=Lists!${letter}$2:${letter}${rows + 1}",
                "error_type": "stop" if strict else "information",
                "input_title": column, "input_message": message[:255]}

    validations = [
        (col["profession"], from_list("Profession", len(professions), False,
                                      "Pick from the list, or type another profession.")),
        (col["side"], from_list("Side", 2, False, "Leave blank: the profession decides. "
                                "Else pick the person's side.")),
        (col["status"], from_list("Status", 2, True, "Write 'withdrawn' when someone drops out.")),
        (col["host_days"], from_list("Days", len(days), False,
                                     "Pick, or type e.g. 'Mon, Wed' or 'Tue-Thu'.")),
        (col["visit_days"], from_list("Days", len(days), False,
                                      "Pick, or type e.g. 'Mon, Wed' or 'Tue-Thu'.")),
        (col["capacity"], {"validate": "integer", "criteria": "between", "minimum": 1,
                           "maximum": 5, "input_title": "Capacity",
                           "input_message": "How many partners (blank = 1)."}),
    ]
    widths = {index: max(12.0, len(h) + 4.0) for index, h in enumerate(headers)}
    widths.update({col["name"]: 24, col["email"]: 30, col["organisation"]: 28,
                   col["adjustments"]: 30, col["notes"]: 30})
    # the name stays in view while the administrator scrolls across twenty columns
    volunteers = SheetSpec("Volunteers", headers, [], widths=widths, validations=validations,
                           frozen_columns=col["name"] + 1)
    instructions = SheetSpec("Instructions", ["Topic", "What to do"], INSTRUCTIONS,
                             widths={0: 24, 1: 100}, wrap_columns=frozenset({1}))
    write_workbook(path, [volunteers, instructions], hidden_lists=lists)
