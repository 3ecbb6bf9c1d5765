"""The scheme's letters, e-mails and forms: templates, recipients and rendering.

A template is Markdown with Jinja fields and a TOML front matter (between ``+++`` lines)
saying who it is for (its *audience*), its subject and attachments. Templates render with
``StrictUndefined`` in Jinja's sandbox, so a missing field is an error naming the template,
line and field, and an administrator's own template (``templates/NAME.md.j2`` beside
scheme.toml overrides the built-in one) cannot reach into Python. Every value is escaped
for Markdown before rendering, so text from a spreadsheet can never become markup, a link
or HTML. One Markdown source gives every format: .md, .txt, .html, .docx and .eml.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .model import TYPE_THE_NAME, PairRecord, Person, pair_number
from .placeholders import note
from .scheme import Scheme
from .text import did_you_mean, one_line, person_key, slug, strip_controls

FORMATS = ("eml", "html", "txt", "md", "docx")
AUDIENCES = ("scheme", "volunteer", "pair", "host-visit")
# front matter 'layout': "certificate" centred in a border, "form" a blank form left undated
LAYOUTS = ("certificate", "form")
SUFFIX = ".md.j2"
# front matter keys an administrator's copy of a built-in template takes from the built-in one
# when it does not set them itself (copies made before the keys existed)
INHERITED = ("per_profession", "only_chased", "only_incomplete", "before_start", "until",
             "until_advice", "from", "from_advice", "layout")
# the field a front matter key is kept in, where the key is a word Python reserves
_FIELD = {"from": "from_"}
# front matter 'until': the day after which a document has served its purpose, as a sentence
# names it, and the setting in scheme.toml that holds it
UNTIL = {"end": ("the end of the exchange", "[dates] end"),
         "celebration": ("the celebration", "[celebration] date")}
# front matter 'from': the day before which a document is premature (nothing is owed before
# the start; the celebration invitation speaks of the exchange as over), as a sentence names
# it, and the setting in scheme.toml that holds it
FROM = {"start": ("the start of the exchange", "[dates] start"),
        "end": ("the end of the exchange", "[dates] end")}
_FRONT = re.compile(r"\A\+\+\+\s*\n(.*?)\n\+\+\+\s*\n", re.S)
TEMPLATE_BYTES = 5_000_000  # a template's file: letters are a few kilobytes
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def builtin_dir() -> Path:
    """Built-in templates: inside the installed package, or the repository's templates/."""
    from importlib.resources import files

    packaged = Path(str(files("wessex_cli"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def user_dir(scheme: Scheme) -> Path | None:
    """The administrator's own templates: ``templates/`` beside scheme.toml (or the current
    folder without one), whose files override the built-in ones of the same name. None when
    there is none, or when that folder is the built-in templates' own (run in a checkout of
    wessex), whose files are no one's own."""
    base = Path.cwd() if scheme.source is None else scheme.source.parent
    folder = base / "templates"
    if not folder.is_dir() or folder.samefile(builtin_dir()):
        return None
    return folder


@dataclass(frozen=True)
class DocumentTemplate:
    """A document template as loaded: its front matter (who receives it, what is attached, how
    it is laid out) and its Markdown body."""

    name: str
    title: str
    audience: str
    default_format: str
    subject: str
    attachments: tuple[str, ...]
    used: str
    only_complete: bool
    body: str
    path: Path
    first_line: int  # the body's first line in the file, for error messages
    user: bool
    # front matter 'layout': "certificate" centres the Word document; "form", a form printed
    # blank to be filled in by hand, leaves out the date a letter has at its top
    layout: str = ""
    # front matter 'per_profession': worded for one profession (--profession, else the first
    # side's first), saved as NAME-PROFESSION
    per_profession: bool = False
    # front matter 'only_chased': written only to people with a visit still owed or not yet
    # confirmed
    only_chased: bool = False
    # front matter 'only_incomplete': not written for a pair whose two half-day visits are
    # both recorded as done (an introduction to two people who have already visited each
    # other); a pair with one visit done is still written to
    only_incomplete: bool = False
    # front matter 'before_start': sent before the exchange starts (recruiting): written once
    # it has started, with a warning
    before_start: bool = False
    # front matter 'until': "end" or "celebration", the day after which the document has served
    # its purpose (an introduction once visits can no longer be made, an invitation once the
    # event is over): written after it with a warning, which 'until_advice' ends with what to do
    until: str = ""
    until_advice: str = ""
    # front matter 'from': "start" or "end", the day before which the document is premature
    # (a reminder before any visit is owed, an invitation to share what was learnt before
    # the visits are over): written before it with a warning, which 'from_advice' ends with
    # what to do
    from_: str = ""
    from_advice: str = ""
    declared: frozenset[str] = frozenset()  # the front matter's own keys

    def fields(self) -> list[str]:
        """Fields the template reads, e.g. ``partner.name`` (from Jinja's syntax tree)."""
        from jinja2 import nodes
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment()
        found: set[str] = set()
        for source in (self.body, self.subject):
            try:
                tree = env.parse(source)
            except Exception:  # noqa: BLE001 - a broken template lists no fields
                continue
            for node in tree.find_all(nodes.Getattr):
                if isinstance(node.node, nodes.Name):
                    found.add(f"{node.node.name}.{node.attr}")
                elif isinstance(node.node, nodes.Getattr) and isinstance(node.node.node,
                                                                           nodes.Name):
                    found.add(f"{node.node.node.name}.{node.node.attr}.{node.attr}")
            for name in tree.find_all(nodes.Name):
                if name.ctx == "load" and name.name not in {"loop"}:
                    if not any(f.startswith(name.name + ".") for f in found):
                        found.add(name.name)
        # Jinja's own names (loop.last, loop.index) and the template's own variables are not
        # fields anyone can give; "scheme.administrator" is only the way to its name and e-mail
        locals_ = {n.name for n in env.parse(self.body).find_all(nodes.Name) if n.ctx == "store"}
        locals_ |= {"loop", "range", "self", "super", "caller", "varargs", "kwargs"}
        usable = {f for f in found if f.split(".")[0] not in locals_}
        return sorted(f for f in usable if not any(g.startswith(f + ".") for g in usable))


MAX_ATTACHMENTS = 10  # the Word files one document may carry (the built-in ones carry one)


def load_template_file(path: Path, user: bool) -> DocumentTemplate:
    """Read one template file and check its front matter; a bad key value is a TemplateError."""
    name = path.name[: -len(SUFFIX)]
    if user and not path.resolve().is_relative_to(path.parent.resolve()):
        # a link copied in with the folder would print whatever file it points to (a key, a
        # password store) into a letter ready to send
        raise TemplateError(f"template '{name}' is a link to a file outside the templates "
                            "folder, which wessex does not read.",
                            "Replace the link with a copy of the template itself, or remove "
                            "it.", file=path)
    if not path.is_file():  # a pipe or a device would be waited on for ever
        raise TemplateError(f"template '{name}' is not an ordinary file.",
                            "Replace it with a text file, or remove it.", file=path)
    if path.stat().st_size > TEMPLATE_BYTES:
        raise TemplateError(f"template '{name}' is larger than {TEMPLATE_BYTES // 1_000_000} MB, "
                            "far more than any letter needs.",
                            "Use a template of the usual size, or remove it.", file=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"template '{name}' is not UTF-8 text (byte {exc.start}).",
                            "Save it as UTF-8 text in your editor, then run this again.",
                            file=path) from None
    match = _FRONT.match(text)
    if not match and _yaml_front_matter(text):
        raise TemplateError(f"template '{name}' begins with settings between --- lines, "
                            "which wessex does not read: they would be printed at the top of "
                            "every letter.", "Put the settings between +++ lines instead, "
                            'written as title = "..." and audience = "volunteer" (a copy made '
                            "with 'wessex templates copy' shows how).", file=path)
    meta: dict[str, Any] = {}
    body, first_line = text, 1
    if match:
        try:
            meta = tomllib.loads(match.group(1))
        except (tomllib.TOMLDecodeError, RecursionError) as exc:
            reason = exc if isinstance(exc, tomllib.TOMLDecodeError) else \
                "its brackets nest too deep"
            raise TemplateError(f"the front matter of template '{name}' is not valid TOML "
                                f"({reason}).", "Fix the lines between the +++ markers.",
                                file=path) from None
        body = text[match.end():]
        first_line = text[: match.end()].count("\n") + 1
    audience = str(meta.get("audience", "scheme"))
    if audience not in AUDIENCES:
        raise TemplateError(f"template '{name}' has audience '{audience}'.",
                            f"Use one of: {', '.join(AUDIENCES)}.", file=path)
    fmt = str(meta.get("format", "md"))
    if fmt not in FORMATS:
        raise TemplateError(f"template '{name}' has format '{fmt}'.",
                            f"Use one of: {', '.join(FORMATS)}.", file=path)
    until = str(meta.get("until", ""))
    if until and until not in UNTIL:
        raise TemplateError(f"template '{name}' has until = '{until}'.",
                            f"Use one of: {', '.join(UNTIL)}, or leave it out.", file=path)
    attachments = meta.get("attachments", [])
    if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
        raise TemplateError(f"template '{name}' has attachments = {attachments!r:.60}.",
                            'Give a list of template names, as attachments = ["reflection"], '
                            "or leave it out.", file=path)
    twice = len(set(attachments)) < len(attachments)
    if len(attachments) > MAX_ATTACHMENTS or twice:
        # each is a Word file rendered for every recipient: a thousand names (one name a
        # thousand times) made a 50 MB e-mail for each, 29 s and 323 MB apiece
        raise TemplateError(f"template '{name}' lists {len(attachments):,} attachments"
                            f"{' with a name twice' if twice else ''}.",
                            f"Name each template once, at most {MAX_ATTACHMENTS} of them.",
                            file=path)
    start = str(meta.get("from", ""))
    if start and start not in FROM:
        raise TemplateError(f"template '{name}' has from = '{start}'.",
                            f"Use one of: {', '.join(FROM)}, or leave it out.", file=path)
    layout = str(meta.get("layout", ""))
    if layout and layout not in LAYOUTS:
        # a mistyped layout ("Form") printed a blank form dated, with nothing said
        raise TemplateError(f"template '{name}' has layout = '{layout}'.",
                            f"{did_you_mean(layout, list(LAYOUTS))}Use one of: "
                            f"{', '.join(LAYOUTS)}, or leave it out.", file=path)
    return DocumentTemplate(
        name=name, title=str(meta.get("title", name)), audience=audience, default_format=fmt,
        subject=str(meta.get("subject", meta.get("title", name))),
        attachments=tuple(attachments),
        used=str(meta.get("used", "")), only_complete=bool(meta.get("only_complete", False)),
        body=body, path=path, first_line=first_line, user=user,
        layout=layout,
        per_profession=bool(meta.get("per_profession", False)),
        only_chased=bool(meta.get("only_chased", False)),
        only_incomplete=bool(meta.get("only_incomplete", False)),
        before_start=bool(meta.get("before_start", False)), until=until,
        until_advice=str(meta.get("until_advice", "")), from_=start,
        from_advice=str(meta.get("from_advice", "")), declared=frozenset(meta))


def _yaml_front_matter(text: str) -> bool:
    """Whether ``text`` begins with front matter written as YAML between --- lines (as many
    site generators take it), which would otherwise be printed at the top of every letter,
    its settings unread. Only the first lines are looked at."""
    lines = text[:10_000].splitlines()[:60]
    if not lines or lines[0].strip() != "---":
        return False
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    return end is not None and any(
        re.match(r"\s*(title|audience|format|subject|attachments)\s*:", line)
        for line in lines[1:end])


def list_templates(scheme: Scheme, only: str | None = None) -> list[DocumentTemplate]:
    """Every template by name, an administrator's own overriding the built-in one; with
    ``only``, just the files named ``only`` (the listing compares exact names, as it does
    on a disk that ignores case)."""
    found: dict[str, DocumentTemplate] = {}
    for path in sorted(_template_files(builtin_dir(), only)):
        template = load_template_file(path, user=False)
        found[template.name] = template
    folder = user_dir(scheme)
    if folder is not None:
        for path in sorted(_template_files(folder, only)):
            template = load_template_file(path, user=True)
            builtin = found.get(template.name)
            if builtin is not None:  # a copy made before these keys existed keeps working
                kept = [_FIELD.get(key, key) for key in INHERITED if key not in template.declared]
                template = replace(template, **{key: getattr(builtin, key) for key in kept})
            found[template.name] = template
    return list(found.values())


def _template_files(folder: Path, only: str | None) -> list[Path]:
    """The template files in ``folder``: all, or the one named ``only`` if it is there."""
    paths = folder.glob(f"*{SUFFIX}")
    return [p for p in paths if only is None or p.name == only + SUFFIX]


def load_template(name: str, scheme: Scheme) -> DocumentTemplate:
    """The template called ``name`` (the administrator's own first); an unknown name is a
    TemplateError suggesting the closest one. Only that template's files are read, so a
    mistake in another template stops only the commands that use it."""
    found = list_templates(scheme, only=name)
    if found:
        return found[0]
    names = _template_names(scheme)
    raise TemplateError(f"there is no document template named '{name}'.",
                        (did_you_mean(name, names, 0.5) or _begun_by(name, names)) +
                        "Run 'wessex documents' to list them.")


def _template_names(scheme: Scheme) -> list[str]:
    """Every template's name, from the files alone: reading every template would stop at a
    mistake in one of the administrator's, and report it rather than the name asked for."""
    folders = [builtin_dir(), *filter(None, [user_dir(scheme)])]
    return sorted({path.name[: -len(SUFFIX)] for folder in folders
                   for path in _template_files(folder, None)})


def _attachment(name: str, template: DocumentTemplate, scheme: Scheme) -> DocumentTemplate:
    """The template ``template`` attaches as ``name``; a name no template has is said as a
    mistake of ``template``'s front matter, in its file."""
    found = list_templates(scheme, only=name)
    if found:
        return found[0]
    raise TemplateError(f"template '{template.name}' lists '{name}' among its attachments, "
                        "but there is no document template of that name.",
                        did_you_mean(name, _template_names(scheme), 0.5) +
                        "Correct the name in attachments = [...] between the +++ lines, or "
                        "take it out.", file=template.path)


def _begun_by(typed: str, names: list[str]) -> str:
    """``"Did you mean 'X'? "`` for the few template names (two at most) one of whose words
    ``typed`` begins, as a word is shortened ("intro" for partner-introduction), or nothing."""
    key = typed.strip().casefold()
    begun = [n for n in names if len(key) >= 3 and any(
        word.startswith(key) for word in n.casefold().split("-"))]
    quoted = " or ".join(f"'{n}'" for n in begun)
    return f"Did you mean {quoted}? " if 0 < len(begun) <= 2 else ""


# ---------------------------------------------------------------- people and contexts

def person_context(person: Person, scheme: Scheme | None = None) -> dict[str, str]:
    """What a template may say about a person: the one place a typed Person becomes the
    plain dict that templates see.

    Titles and professions are shown in their canonical form ("dr." as "Dr", "gp" as "GP");
    the name as ``wording.display_name`` gives it (a name typed all in capitals or all in
    small letters written as names are, any other as typed); ``plain_name`` without the
    letters after it."""
    from . import wording

    scheme = scheme or Scheme()
    name = wording.display_name(person.name)
    return {
        # "Dear Alys"; "Dear Dr Okafor" when the name gives no first name to use
        "name": name, "first_name": wording.given_name(name) or wording.formal_name(name),
        "title": wording.split_title(name)[0], "surname": wording.surname(name),
        "formal_name": wording.formal_name(name), "salutation": wording.salutation(name),
        "plain_name": wording.plain_name(name),
        "email": person.email, "phone": person.phone,
        "profession": scheme.profession_as_listed(person.profession),
        "organisation": person.organisation,
        "specialty": person.specialty, "side": person.side,
        "adjustments": one_line_list(person.adjustments),
        # "" for a role no regulator registers: no code to name
        "code_of_conduct": code_of_conduct(person.profession),
        # "yes" when their regulator revalidates them (GMC, NMC, GPhC), else ""
        "revalidation": revalidation(person.profession),
    }


_BULLET = re.compile(r"^[-*\u2022\u2013]\s+")  # "- ", "* ", "• " or "– " before a line


def one_line_list(text: str) -> str:
    """A cell's lines in one sentence, kept apart: "Step-free access" and "Hearing loop" on
    two lines (Alt+Enter) read "Step-free access; Hearing loop", never run together as one
    need; a line that ends in its own punctuation ("Wheelchair user:") needs none added, and
    a bullet typed before a line is dropped."""
    said = ""
    for line in text.splitlines():
        line = _BULLET.sub("", " ".join(line.split()))
        if line:
            said += (" " if said[-1] in ";,:." else "; ") + line if said else line
    return said


@dataclass
class Recipient:
    """One copy of a document: who receives it, what its template sees, and the file
    name it is written under (without the extension)."""

    name: str
    email: str
    context: dict[str, Any]
    stem: str
    # the record's person written to, and for a document about one pair their partner: their
    # e-mail cells, as typed, for a refusal to name and quote
    sent_to: Person | None = None
    partner: Person | None = None


# Words of a profession -> the code its regulator sets, named in the letters (confidentiality
# during a visit is governed by it). Each word is matched at the start of a word of the
# title ("pharmac": pharmacist, pharmacy), whole when it ends in "$" (a "nursery nurse" is
# no nurse by "nursery"). The first that matches wins: a "pharmacy technician" is the
# pharmacy regulator's, a "nurse consultant" a nurse's and a "dental nurse" the dental
# regulator's.
MEDICAL_CODE = "the General Medical Council's guidance on good medical practice"
PHARMACY_CODE = "the General Pharmaceutical Council's standards"
DENTAL_CODE = "the General Dental Council's standards"
NURSING_CODE = "the Nursing and Midwifery Council's Code"
# Only these three regulators revalidate their registrants; the others (the HCPC, the
# dental and optical councils) renew registration on CPD, so a letter to a physiotherapist
# or an optometrist that offers the exchange "for revalidation" promises what is not theirs.
REVALIDATING_CODES = (MEDICAL_CODE, NURSING_CODE, PHARMACY_CODE)
CODES = (
    (("pharmac",), PHARMACY_CODE),
    # a dental specialist (a "consultant orthodontist" in a hospital) is the dental
    # regulator's, said before "consultant" names a doctor
    (("dentist", "dental$", "dental hygienist", "dental therapist", "orthodont",
      "endodont", "periodont", "prosthodont"), DENTAL_CODE),
    (("nurse$", "nurses$", "matron$", "sister$", "anp$", "midwi", "health visitor"),
     NURSING_CODE),
    (("optometrist", "optician"), "the General Optical Council's standards"),
    (("physiotherap", "paramedic", "occupational therap", "dietit", "podiatr", "radiograph",
      "psycholog", "speech and language", "orthoptist", "biomedical scientist",
      "clinical scientist"),
     "the Health and Care Professions Council's standards"),
    (("consultant$", "consultants$", "registrar$", "doctor", "gp$", "gps$", "gpwsi$",
      "physician", "surgeon", "general practitioner", "psychiatrist", "anaesthetist",
      "paediatrician"), MEDICAL_CODE),
)
# Words that make a title a role no regulator registers, whatever else it says: a "GP
# receptionist", a "consultant secretary", a "pharmacy assistant" or a "student nurse" is
# not bound by the regulator's code, and a letter saying so would mislead patients. (A
# "nurse manager" may be registered, but a letter that leaves out the code says nothing
# false; one that names a code the person is not bound by does.)
UNREGISTERED_WORDS = frozenset({
    "receptionist", "receptionists", "reception", "secretary", "secretaries", "clerk",
    "clerks", "administrator", "administrative", "admin", "manager", "managers", "assistant",
    "assistants", "student", "students", "coordinator", "co", "ordinator", "porter",
    "cleaner", "pa", "it", "support", "navigator", "officer", "analyst", "volunteer",
    "apprentice", "housekeeper", "buyer", "nursery", "dispenser", "dispensers", "veterinary",
    "vet", "technologist", "helper", "helpers", "wellbeing", "management"})
# A technician is registered only by the pharmacy and dental regulators (a "pharmacy
# technician", a "dental technician"), not as a "physiotherapy technician"
TECHNICIAN_WORDS = frozenset({"technician", "technicians"})
# Words of a title for someone still training for the register: a "trainee pharmacist",
# "pre-registration pharmacist", "trainee nursing associate" or "trainee dental nurse" is not
# yet on it. Doctors in training are (a "GP trainee" or "specialty trainee" is a registered
# doctor), so a title the medical regulator's words name keeps its code.
IN_TRAINING_WORDS = frozenset({"trainee", "trainees", "pre", "preregistration", "foundation",
                               "student"})
# "Consultant" and "registrar" are grades, not only doctors': a "consultant sonographer",
# "consultant clinical scientist" (the HCPC's, matched above) or "consultant practitioner"
# is no doctor, so a grade word alongside one of these is not the medical regulator's.
MEDICAL_GRADES = frozenset({"consultant", "consultants", "registrar"})
NOT_DOCTOR_WORDS = frozenset({
    "sonographer", "sonographers", "scientist", "scientists", "practitioner",
    "practitioners", "embryologist", "embryologists", "perfusionist", "perfusionists",
    "therapist", "therapists", "counsellor", "counsellors", "technologist", "physiologist",
    "physiologists", "audiologist", "audiologists"})


# what a copy of the patient notice made before the person's own code_of_conduct field
# existed prints for a role no regulator registers
OLD_CODE = "their professional code of conduct"


def code_of_conduct(profession: str) -> str:
    """The code of the regulator of ``profession`` ("" for a role no regulator registers,
    such as a receptionist, a ward clerk or a consultant's secretary: the letters then
    promise no such code)."""
    words = re.findall(r"[a-z]+", profession.casefold())
    if UNREGISTERED_WORDS.intersection(words):
        return ""
    title = " " + " ".join(words) + " "
    for stems, code in CODES:
        for stem in stems:
            whole = stem.endswith("$")
            if f" {stem.rstrip('$')}{' ' if whole else ''}" in title:
                training = IN_TRAINING_WORDS.intersection(words)
                technician = TECHNICIAN_WORDS.intersection(words) and \
                    code not in (PHARMACY_CODE, DENTAL_CODE)
                grade_only = code == MEDICAL_CODE and stem.rstrip("$") in MEDICAL_GRADES \
                    and NOT_DOCTOR_WORDS.intersection(words)
                return "" if (training and code != MEDICAL_CODE) or technician or grade_only \
                    else code
    return ""


def revalidation(profession: str) -> str:
    """"yes" when the regulator of ``profession`` revalidates its registrants (doctors,
    nurses and midwives, pharmacy professionals), else "": the letters offer the exchange
    "for revalidation" only to them."""
    return "yes" if code_of_conduct(profession) in REVALIDATING_CODES else ""


def scheme_context(scheme: Scheme, now: dt.date | None = None) -> dict[str, Any]:
    """What every template sees: the scheme (missing settings as placeholders) and the date
    of issue, as plain data only (``scheme.source``, a path, is not given: its methods could
    read and write files)."""
    from .dates import today
    from .placeholders import template_view
    from .sandbox import plain

    data = plain(template_view(scheme))
    data.pop("source", None)
    # whether the invitation makes the default promise of refreshments, in whatever case:
    # the checklist words its own item then, and quotes the organisers' words otherwise
    data["celebration"]["default_refreshments"] = scheme.celebration.default_refreshments
    # ``attached``: the copy goes out attached to another document's e-mail (a certificate
    # with its covering note), so a template can leave out what only paper needs.
    # ``regulated``: some profession of the scheme has a regulator (revalidation, locums and
    # clinicians are then the scheme's words; for administrative staff alone they are not)
    regulated = any(code_of_conduct(p) for side in scheme.sides for p in side.professions)
    # ``revalidating``: some profession of the scheme is revalidated by its regulator
    revalidating = any(revalidation(p) for side in scheme.sides for p in side.professions)
    # ``medical``: some profession of the scheme is a doctor's (consultants' supporting
    # professional activity, the medical committees and the RCGP are then the scheme's words;
    # for nurses, pharmacists or therapists alone they are not)
    medical = any(code_of_conduct(p) == MEDICAL_CODE for side in scheme.sides
                  for p in side.professions)
    now = now or today()
    # ``celebration_over``: the celebration's day has gone by, so no letter asks anyone to
    # save the date
    held = scheme.celebration.date
    return {"scheme": data, "today": now, "attached": False,
            "regulated": regulated, "revalidating": revalidating, "medical": medical,
            "celebration_over": bool(held and now > held)}


def letter_how(pair: PairRecord) -> str:
    """How the pair was made, as its letters word it: "added by hand" for a pair typed in
    since the last pairing; its How paired cell when it holds a value wessex writes; else
    (blank or typed over, which status warns of) what the Settings sheet records wessex
    wrote there, or, unrecorded, "added by hand", whose words claim no choice by the
    pairing. A pair the Settings sheet records as typed in by hand (``hand_recorded``) is
    "added by hand" still once 'pair --keep' has written "kept" in its cell: nobody's
    preferences chose the two."""
    from .pairing import ADDED_BY_HAND, HOW_PAIRED

    how = pair.how_paired()
    if pair.typed_in:
        return ADDED_BY_HAND
    found = how if how in HOW_PAIRED else pair.how_recorded or ADDED_BY_HAND
    return ADDED_BY_HAND if found == "kept" and pair.hand_recorded else found


def agreed_in_advance(pair: PairRecord) -> bool:
    """Whether a pair's two people were agreed before the pairing (the Partner column or
    --lock), so that no letter says the pairing chose them: locked when made, or kept since
    with its reasons still saying so ('pair --keep' writes such a pair "kept"), or recorded
    so on the Settings sheet when wessex last wrote it, its cells typed over or emptied
    since. A pair typed in by hand since the last pairing was the administrator's choice,
    whatever the cells copied with its row say."""
    from .pairing import LOCKED_REASON

    return not pair.typed_in and (
        pair.agreed_recorded or letter_how(pair) == "locked" or
        str(pair.value("Reasons") or "").startswith(LOCKED_REASON))


def recipients(template: DocumentTemplate, scheme: Scheme, *,
               volunteers: Sequence[Person] | None = None,
               pairs: Sequence[PairRecord] | None = None, profession: str | None = None,
               now: dt.date | None = None, unpaired: Sequence[Person] = (),
               agreed: Mapping[str, Sequence[str]] | None = None,
               partnered: Sequence[PairRecord] = (),
               record: Sequence[PairRecord] = (),
               withdrawn: Sequence[PairRecord] = ()) -> list[Recipient]:
    """Who gets a copy of ``template``, each with the fields it can use. A letter to each
    volunteer, from the pairs, goes to the ``unpaired`` (the Unpaired sheet's) as well.

    ``agreed``: the partners already agreed for a volunteer (by key) with no place left to
    choose for (``sources.agreed_partners``); from the pairs, a locked pair's people.
    ``partnered``: the pairs introduced before when ``pairs`` are the new ones ('render
    --new'), for whom else each person is paired with, told them in a letter before.
    ``record``: the other pairs of the pairs workbook (its Withdrawn sheet's too), by which
    the letters about one pair to someone with more than one partner are named for the
    partner as well (``several_partners``). ``withdrawn``: the Withdrawn sheet's pairs, whose
    people a new partner may have been found for in a withdrawn partner's place."""
    from .dates import today
    from .sandbox import plain
    from .timeline import reply_deadline
    from .wording import VisitView, alphabetical, day_to_come
    from .wording import display_name as wording_name

    now = now or today()
    base = scheme_context(scheme, now)
    stem = template.name
    known = tuple(p for side in scheme.sides for p in side.professions)

    def worded_for(wanted: str) -> tuple[dict[str, Any], str]:
        """The context and file name of the copy worded for one profession."""
        side_key = scheme.side_for_profession(wanted) or scheme.sides[0].key
        own = scheme.side(side_key)
        other = scheme.sides[1] if own is scheme.sides[0] else scheme.sides[0]
        return (base | {"profession": wanted, "own_side": plain(own),
                        "other_side": plain(other),
                        "profession_code": code_of_conduct(wanted),
                        "profession_revalidation": revalidation(wanted)},
                f"{template.name}-{slug(wanted)}")

    if template.audience == "scheme" and template.per_profession and not profession:
        # one copy for each profession the scheme recruits, never one of them silently
        return [Recipient(scheme.name, scheme.administrator.email, *worded_for(wanted))
                for wanted in dict.fromkeys(known)]
    if template.per_profession or profession:
        wanted = scheme.profession_as_listed(profession or known[0])
        if known and wanted not in known:  # never a letter worded for a side it guesses
            from .text import did_you_mean

            raise TemplateError(
                f"--profession '{wanted}' is not one of the professions in scheme.toml "
                f"({', '.join(known)}).",
                f"{did_you_mean(wanted, list(known))}Use one of them, or add it to the "
                "professions of its side in scheme.toml.", file=scheme.source)
        base, stem = worded_for(wanted)
    if template.audience == "scheme":
        return [Recipient(scheme.name, scheme.administrator.email, base, stem)]
    if template.audience == "volunteer":
        people = list(volunteers or [])
        agreed_with = {key: list(names) for key, names in (agreed or {}).items()}
        if not people and pairs:
            seen: dict[str, Person] = {}
            free: set[str] = set()  # in some pair 'wessex pair' chose, not one agreed
            for pair in pairs:  # one letter each, people told apart as everywhere: by key
                locked = agreed_in_advance(pair)
                for someone, other in ((pair.a, pair.b), (pair.b, pair.a)):
                    seen.setdefault(_letter_key(someone), someone)
                    if locked:
                        agreed_with.setdefault(_letter_key(someone), []).append(other.name)
                    else:
                        free.add(_letter_key(someone))
            for key in free:
                agreed_with.pop(key, None)
            for someone in unpaired:  # a volunteer nobody was found for is one all the same
                seen.setdefault(_letter_key(someone), someone)
            people = list(seen.values())
        if not people:
            raise TemplateError(f"'{template.name}' is written to each volunteer.",
                                "Give the list with --volunteers VOLUNTEERS (or --pairs PAIRS).")
        contexts = [person_context(p, scheme) for p in people]
        by_profession: dict[str, list[dict[str, str]]] = {}
        for person in sorted(contexts, key=lambda c: alphabetical(c["name"])):
            by_profession.setdefault(person["profession"], []).append(person)
        start = scheme.start
        extra = {"volunteers": contexts,
                 "volunteers_by_profession": sorted(by_profession.items(),
                                                    key=lambda kv: kv[0].casefold()),
                 "deadline": reply_deadline(start) if start else None}
        # ``agreed_partners``: whom the Partner column already pairs this person with, so a
        # letter asks them for no choices ([] for everyone still to be paired)
        return [Recipient(c["name"], c["email"],
                          {**base, **extra, "person": c,
                           "agreed_partners": [wording_name(n) for n in
                                               agreed_with.get(_letter_key(p), [])]},
                          slug(c["name"]), p)
                for p, c in zip(people, contexts, strict=True)]
    if not pairs:
        raise TemplateError(f"'{template.name}' is written for each pair.",
                            "Give the pairs workbook with --pairs pairs.xlsx.")
    found: list[Recipient] = []
    partners_of: dict[str, list[PairRecord]] = {}  # someone with two partners hears of both
    reflected: set[str] = set()  # whose written reflection has come in, on any pair's row
    for pair in pairs:
        partners_of.setdefault(pair.a.key, []).append(pair)
        partners_of.setdefault(pair.b.key, []).append(pair)
        reflected.update(someone.key for someone, sent in zip(pair.people, pair.reflections,
                                                               strict=True) if sent)
    # someone paired with more than one partner, now or before, has each letter about one
    # pair named for that partner too: the letter about a second partner, rendered later into
    # the folder of the first's, took the first's file name and stopped the render
    apart = several_partners([*pairs, *partnered, *record])
    # the pairs not written for now (kept from before 'render --new'), by each of their people
    written = {pair.couple for pair in pairs}
    before_of: dict[str, list[PairRecord]] = {}
    for pair in partnered:
        if pair.couple not in written:
            before_of.setdefault(pair.a.key, []).append(pair)
            before_of.setdefault(pair.b.key, []).append(pair)
    # who had a pair moved to the Withdrawn sheet: a new partner may be in its place, so no
    # letter calls them "a further partner, not a replacement"
    left = {someone.key for pair in withdrawn for someone in (pair.a, pair.b) if someone.key}
    from .pairs_workbook import earlier_partners, partners_left

    # whose partner left a pair on the Withdrawn sheet, by the one who stayed: a pair made
    # for them in that partner's place says so (``earlier_partners``)
    replaced = partners_left(withdrawn)
    # the pairs the last pairing made, of every pair of the workbook (not only those written
    # for): of those it made for one who stayed, only the first is in the earlier one's place
    ended_ids = {id(pair) for pair in withdrawn}
    rivals = [pair for pair in {id(p): p for p in [*pairs, *record]}.values()
              if id(pair) not in ended_ids and letter_how(pair) != "kept"]
    for pair in pairs:
        a, b = person_context(pair.a, scheme), person_context(pair.b, scheme)
        # ``how``: the pair's "How paired" as letter_how reads it; ``locked``: its two people
        # were agreed in advance, so no letter says the pairing chose them
        how = letter_how(pair)
        locked = agreed_in_advance(pair)
        if template.audience == "host-visit":
            for index, (host, visitor) in enumerate(((a, b), (b, a))):
                # a visit already done needs no notice for the day: it has passed
                if host["side"] == scheme.sides[0].key and not pair.visits[index].done:
                    # dated for the visit day when one is recorded, else not dated at all:
                    # a notice put up on the day must not carry the day it was printed,
                    # nor a planned day already gone by (the visit is to be rearranged)
                    visit_day = day_to_come(VisitView("host", pair.visits[index].state(now),
                                                      pair.visit_dates[index]))
                    context = {**base, "host": host, "visitor": visitor, "today": visit_day,
                               "visit_date": visit_day,
                               "code_of_conduct": visitor["code_of_conduct"] or OLD_CODE}
                    found.append(Recipient(host["name"], host["email"], context,
                                           f"{slug(host['name'])}-hosts-{slug(visitor['name'])}",
                                           pair.people[index], pair.people[1 - index]))
            continue
        complete = pair.complete
        if complete and template.only_incomplete:
            continue  # both half days done: nobody to introduce (passed_over says who)
        states = pair.visit_states(now)
        dates = ", ".join(_longdate(d) for d in pair.visit_dates if d)
        for index, (person, partner, key) in enumerate(((a, b, pair.a.key),
                                                        (b, a, pair.b.key))):
            if template.only_complete and not (complete and all(pair.visit_dates)):
                # a certificate states both dates: an undated visit holds it back (the
                # tracking warning names the cell to fill in)
                continue
            # the other partners written to now, and those written to before (kept when
            # 'render --new' writes to the new pairs): not one whose pair gets no letter,
            # its two visits done
            others, before = ([(p.b if p.a.key == key else p.a).name
                               for p in among.get(key, []) if p is not pair and
                               not (p.complete and template.only_incomplete)]
                              for among in (partners_of, before_of))
            # whether this person's written reflection has come in (the Pairs sheet's
            # "Reflection from A/B"): a certificate claims one only when it has. Someone
            # with two partners writes one reflection, ticked on one row: both of their
            # e-mails, sent the same day, must agree that it arrived
            # a partner of theirs withdrew, and this pair is one the pairing since made: the
            # letter says the new partner is in the earlier one's place, never why they left
            # (recorded so by the 'pair --keep' that kept it, its letters say it still)
            earlier = [whole for _, whole, _ in
                       earlier_partners(pair, index, replaced, how != "kept", rivals)]
            context = {**base, "person": person, "partner": partner, "pair_id": pair.pair_id,
                       "how": how, "locked": locked,
                       "earlier_partners_left": len(earlier),
                       "earlier_partners_left_scheme": bool(earlier) and all(earlier),
                       "visit_dates": dates, "other_partners": others,
                       "partners_before": before, "partner_left": key in left,
                       "reflection_received": key in reflected,
                       **_visit_fields(pair, states, index, partner, scheme, now)}
            if template.only_chased and not context["chased"]:
                continue  # nothing owed, nothing to confirm: nobody is written to
            stem = slug(person["name"])
            if _letter_key(pair.people[index]) in apart:
                stem += f"-with-{slug(partner['name'])}"
            found.append(Recipient(person["name"], person["email"], context, stem,
                                   pair.people[index], pair.people[1 - index]))
    return found


def several_partners(pairs: Iterable[PairRecord]) -> set[str]:
    """The people (by ``_letter_key``) paired in ``pairs`` with more than one partner, whose
    letters about one pair are named for its partner too. A side left blank (no address,
    no name) is nobody."""
    partners: dict[str, set[str]] = {}
    for pair in pairs:
        for someone, other in ((pair.a, pair.b), (pair.b, pair.a)):
            if other.key or other.name.strip():
                partners.setdefault(_letter_key(someone), set()).add(_letter_key(other))
    return {key for key, them in partners.items() if len(them) > 1}


def _named_alone(pairs: Sequence[PairRecord], ended: Sequence[PairRecord]) -> list[str]:
    """The file stems (their names alone) of the letters written to people with several
    partners now while they had one: each about their first pair, the lowest-numbered, and
    given when that pair is on the Pairs sheet still (``pairs``), not ended (``ended``): the
    letter is a kept pair's. Someone with a pair not numbered by wessex is left out, as the
    first pair cannot be told."""
    first: dict[str, tuple[int, bool, str]] = {}
    unnumbered: set[str] = set()
    for kept, among in ((True, pairs), (False, ended)):
        for pair in among:
            number = pair_number(pair.pair_id)
            for someone in pair.people:
                key = _letter_key(someone)
                if number is None:
                    unnumbered.add(key)
                elif key not in first or number < first[key][0]:
                    first[key] = (number, kept, slug(someone.name))
    apart = several_partners([*pairs, *ended]) - unnumbered
    return [stem for key, (_, kept, stem) in first.items() if kept and key in apart]


def _letter_key(someone: Person) -> str:
    """Who gets one letter to each volunteer: their key, or for someone with no e-mail
    address their name, so that two people without one are not taken for one person (the
    second lost their letter, and a refusal to write e-mails named only the first)."""
    return someone.key or "\0" + person_key(someone.name)


def passed_over(template: DocumentTemplate,
                pairs: Sequence[PairRecord] | None) -> list[PairRecord]:
    """The pairs a template declaring 'only_incomplete' (the partner introduction) is not
    written for: both of their half-day visits recorded as done. [] for any other
    template."""
    if not template.only_incomplete or template.audience != "pair":
        return []
    return [pair for pair in pairs or () if pair.complete]


def started_already(template: DocumentTemplate, scheme: Scheme, now: dt.date) -> str:
    """A warning when a letter meant to go out before the exchange starts (front matter
    'before_start': the call to action, the preferences request) is written after the start
    date in scheme.toml; "" otherwise."""
    if not template.before_start or scheme.start is None or now < scheme.start:
        return ""
    return (f"'{template.name}' is meant to go out before the exchange starts, and it started "
            f"on {_longdate(scheme.start)}. Check its dates before sending it, or set this "
            "year's [dates] in scheme.toml ('wessex plan --start DATE --save').")


def purpose_passed(template: DocumentTemplate, scheme: Scheme, now: dt.date) -> str:
    """A warning when a document is written after the day its front matter 'until' names (the
    end of the exchange, the celebration), when it has served its purpose: the date that
    passed, then what to do ('until_advice', else to check the date); "" otherwise."""
    return _out_of_season(template, scheme, now, template.until, template.until_advice, UNTIL,
                          too_late=True)


def not_yet(template: DocumentTemplate, scheme: Scheme, now: dt.date) -> str:
    """A warning when a document is written before the day its front matter 'from' names (the
    start of the exchange, its end), when it is premature: the day not yet reached, then what
    to do ('from_advice', else to check the date); "" otherwise."""
    return _out_of_season(template, scheme, now, template.from_, template.from_advice, FROM,
                          too_late=False)


def _out_of_season(template: DocumentTemplate, scheme: Scheme, now: dt.date, key: str,
                   advice: str, names: dict[str, tuple[str, str]], *, too_late: bool) -> str:
    """The warning of ``purpose_passed`` (``too_late``) or ``not_yet``: the day ``key`` names
    in ``names`` ("start", "end", "celebration"), and whether today is past it or short of it."""
    if key not in names:
        return ""
    day = {"start": scheme.start, "end": scheme.end,
           "celebration": scheme.celebration.date}.get(key)
    if not isinstance(day, dt.date) or (now <= day if too_late else now >= day):
        return ""
    event, setting = names[key]
    said = " ".join(advice.split()) or f"Check {setting} in scheme.toml before sending it."
    when = f"up to {event}, which was on" if too_late else f"from {event}, which is not until"
    return f"'{template.name}' is meant for use {when} {_longdate(day)}. {said}"


def hours_backwards(template: DocumentTemplate, scheme: Scheme) -> str:
    """A warning when the document prints the celebration's hours and scheme.toml gives an
    end no later than the start: an invitation read "18:30 to 17:00" above an agenda that
    ran on to 21:00 ('wessex plan' warned; the letters themselves did not). "" otherwise."""
    if not scheme.celebration.runs_backwards or \
            "scheme.celebration.end_time" not in template.fields():
        return ""
    return (f"the celebration would end at {scheme.celebration.end_time}, no later than it "
            f"starts ({scheme.celebration.time}), and '{template.name}' says so: set "
            "[celebration] time and end_time in scheme.toml to the hours the event runs, "
            "and render again.")


def deadline_passed(template: DocumentTemplate, people: Sequence[Recipient],
                    now: dt.date) -> str:
    """A warning when the letters would ask for a reply by a day already gone (the
    preferences request asks by the day 'wessex plan' gives: two days or more before
    pairing, a week or more after the request); "" otherwise."""
    deadline = people[0].context.get("deadline") if people else None
    if not isinstance(deadline, dt.date) or deadline >= now or \
            "deadline" not in template.fields():  # the field, not the word in the text
        return ""
    return (f"these letters ask for a reply by {_longdate(deadline)}, which has passed (the "
            "day 'wessex plan' shows replies due for the start date in scheme.toml). Change "
            "the date in each letter before sending, or move [dates] start in scheme.toml "
            "and render again.")


def _visit_fields(pair: PairRecord, states: tuple[str, str], index: int,
                  partner: dict[str, str], scheme: Scheme, now: dt.date) -> dict[str, Any]:
    """A person's two visits, and the reminder's sentences about them."""
    from .wording import (
        CHASED,
        DONE,
        VisitView,
        in_date_order,
        next_steps,
        situation,
        still_together,
        summary,
        when_to_tell,
    )

    hosting = VisitView("host", states[index], pair.visit_dates[index])
    hosted = hosting.state == DONE
    visiting = VisitView("visit", states[1 - index], pair.visit_dates[1 - index])
    overdue = bool(scheme.end and now > scheme.end)
    # The letter names the partner in full once ("your exchange with Dr Noor Kerrigan");
    # these sentences follow it and say "Noor", as the partner introduction and the
    # letter's own "You can reach Noor" do: one form for a doctor and a nurse alike.
    name = partner["first_name"]
    return {
        "hosting": {"state": hosting.state, "date": hosting.date},
        "visiting": {"state": visiting.state, "date": visiting.date},
        # the two as a letter lists them ("host", "visit", or the other way), by the one
        # rule the sentences above follow: the certificate says its two half days so
        "in_date_order": [v.role for v in in_date_order(hosting, visiting)],
        # ``hosted``: they have hosted this partner; the partner introduction's offer of a
        # notice for patients and the notice attached to it follow this one decision
        "hosted": hosted,
        "hosted_date": hosting.date if hosted else None,
        "visited_date": visiting.date if visiting.state == "done" else None,
        "overdue": overdue,
        "chased": hosting.state in CHASED or visiting.state in CHASED,
        "situation": situation(hosting, visiting, name),
        "next_steps": next_steps(hosting, visiting, name, scheme.end, overdue),
        "owed_text": summary(hosting, visiting),
        # when to tell the partner that one's adjustments have changed
        "tell_changes": when_to_tell(hosting, visiting),
        # what is to allow for someone's adjustments ("your half days together allow")
        "together": still_together(hosting, visiting),
    }


# ---------------------------------------------------------------- rendering

class MarkdownText(str):
    """Text already written as Markdown (its data escaped, its dates in bold), which the
    finalizer prints as it is; only a filter makes it, never the (plain) render context."""


def _visit_sentences(hosting: Any, visiting: Any, partner: Any, administrator: Any,
                     end: Any, today: Any) -> MarkdownText:
    """The partner introduction's paragraph on the two half days (a filter: ``hosting |
    visit_sentences(visiting, partner.first_name, scheme.administrator.name, scheme.end,
    today)``), from wording.introduction_visits, names escaped and dates in bold.
    ``administrator`` is no longer said (the letter asks for a reply, as the reminder does):
    it stays in the call so that templates written for it still render."""
    from .dates import today as render_day
    from .wording import VISIT_STATES, VisitView, introduction_visits

    def date(value: Any) -> dt.date | None:
        """A date given, else None (a template may pass anything)."""
        return value if isinstance(value, dt.date) else None

    def day(value: dt.date) -> str:
        """A date in bold, as the letter gives dates."""
        return f"**{markdown_escape(_longdate(value))}**"

    def view(role: str, visit: Any) -> VisitView:
        """A visit as the context gives it (``hosting``: its state and date)."""
        visit = visit if isinstance(visit, dict) else {}
        state = str(visit.get("state", ""))
        if state not in VISIT_STATES:
            raise TemplateError("visit_sentences is given something other than a pair's "
                                "visits.", "Give it hosting and visiting, as the partner "
                                "introduction does.")
        return VisitView(role, state, date(visit.get("date")))

    # an end date missing from scheme.toml is noted as missing (the render refuses without
    # --allow-placeholders), though the sentences, as the reminder's, can do without it
    note(end)
    now = date(today) or render_day()
    return MarkdownText(" ".join(introduction_visits(
        view("host", hosting), view("visit", visiting), markdown_escape(str(partner)),
        date(end), now, day)))


def _longdate(value: Any) -> Any:
    from .placeholders import Placeholder
    from .wording import long_date

    if isinstance(value, Placeholder):
        return value  # printed bracketed, and noted as missing
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return long_date(value)
    return str(value)


def markdown_escape(value: Any) -> Any:
    """Values from data are text, never Markdown: escape its markup characters."""
    note(value)
    if isinstance(value, MarkdownText):
        return value
    if isinstance(value, str):
        return _MD_SPECIAL.sub(r"\\\1", " ".join(value.split()))
    return value


def _noted(value: Any) -> Any:
    note(value)
    return value


def make_environment(escape: bool = True) -> Any:
    """Jinja's immutable sandbox, strict, with every size and loop bounded (``sandbox``)."""
    from .sandbox import make_sandbox

    return make_sandbox(finalize=markdown_escape if escape else _noted,
                        filters={"longdate": _longdate, "in_sentence": in_sentence,
                                 "visit_sentences": _visit_sentences})


def in_sentence(words: Any) -> Any:
    """A profession as it reads inside a sentence: "ward nurse", "hospital pharmacist", but
    "GP" and "ANP" (words in capitals are acronyms and keep them)."""
    if not isinstance(words, str):
        return words
    return " ".join(w if w.isupper() else w[:1].lower() + w[1:] for w in words.split(" "))


_COMPILED: dict[tuple[str, str, bool], Any] = {}


def _compiled(template: DocumentTemplate, source: str, escape: bool) -> Any:
    """Compile each template source once per process: rendering thousands of letters must
    not pay for parsing thousands of times."""
    key = (str(template.path), source, escape)
    if key not in _COMPILED:
        compiled = make_environment(escape=escape).from_string(source)
        compiled.filename = str(template.path)
        _COMPILED[key] = compiled
    return _COMPILED[key]


def _render_text(template: DocumentTemplate, source: str, context: dict[str, Any],
                 offset: int, escape: bool) -> str:
    from jinja2 import TemplateError as JinjaError

    from .sandbox import describe_block, render_bounded

    try:
        return render_bounded(_compiled(template, source, escape), context)
    except Exception as exc:  # noqa: BLE001 - the template's own failures, named below
        line = getattr(exc, "lineno", None)
        if line is None:
            tb = exc.__traceback__
            while tb is not None:
                if tb.tb_frame.f_code.co_filename in (str(template.path), "<template>"):
                    line = tb.tb_lineno
                tb = tb.tb_next
        blocked = describe_block(exc)
        if blocked is None and not isinstance(exc, JinjaError):
            if line is None:
                raise  # not raised where the template runs: a fault of wessex's own
            # a sum or a format the template's values cannot fill ('{{ "%s %s" % name }}',
            # a division by zero): the administrator's to mend, at the line it is on
            raise TemplateError(
                f"template '{template.name}' line {line + offset - 1} cannot be worked out: "
                f"{_failure(exc)}.",
                "Check that line of the template: a sum or a format there does not fit the "
                "values it is given.", file=template.path) from None
        where = f" line {line + offset - 1}" if line else ""
        if blocked is not None:
            what, limit = blocked
            if limit:
                raise TemplateError(f"template '{template.name}'{where} tries to use {what}, "
                                    "more than a document may use.",
                                    "Letters need no such loops or sizes; remove that part "
                                    "of the template.", file=template.path) from None
            raise TemplateError(f"template '{template.name}'{where} tries to use {what}, "
                                "which templates cannot reach.",
                                "Templates see only the fields 'wessex documents' lists; "
                                "remove that part of the template.",
                                file=template.path) from None
        message = getattr(exc, "message", None) or str(exc)
        raise TemplateError(f"template '{template.name}'{where}: {message}.",
                            "Check the field's spelling; 'wessex documents' lists the fields "
                            "each template can use.", file=template.path) from None


def _failure(exc: Exception) -> str:
    """What went wrong in a template's line, in words: Python's own message, which for these
    is plain ("not enough arguments for format string"), or what the failure is."""
    if isinstance(exc, ZeroDivisionError):
        return "it divides by zero"
    said = str(exc).strip().rstrip(".")
    return said if said and not isinstance(exc, KeyError | IndexError) else \
        "it names a place in a list or a field that the values given do not have"


@dataclass
class Rendered:
    """One document for one recipient, in every representation a format needs."""

    recipient: Recipient
    subject: str
    markdown: str
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    layout: str = ""  # "certificate": centred in Word


def render_markdown(template: DocumentTemplate, recipient: Recipient) -> Rendered:
    """One recipient's copy of ``template`` as Markdown with its subject, before it is
    turned into an e-mail, a web page or a Word document."""
    body = _render_text(template, template.body, recipient.context, template.first_line, True)
    body = re.sub(r"\n{3,}", "\n\n", strip_controls(body)).strip() + "\n"
    subject = one_line(_render_text(template, template.subject, recipient.context, 1, False))
    return Rendered(recipient, subject, body, layout=template.layout)


def refuse_unaddressed(template: DocumentTemplate, people: Sequence[Recipient],
                       warned: Collection[str] = ()) -> None:
    """Raise a ``TemplateError`` naming the cell of each person with no address or one that
    is not an address: no draft is written that Outlook could not send, nor any of the
    others, so that the corrected run writes the whole batch at once. ``warned``: the
    warnings printed above it, whose words it does not repeat (``_fault_once``)."""
    faults = []
    for person in people:
        of_record = person.sent_to or Person(person.name, person.email)
        if fault := _fault_once(of_record, person.name, warned):
            faults.append(fault)
    _refuse_batch(faults, len(people), f"no e-mail of '{template.name}' was written",
                  "cannot be addressed")


def _fault_once(of_record: Person, name: str, warned: Collection[str]) -> str:
    """``roster.address_fault``'s words for ``name``'s address in ``of_record``; or, when a
    warning in ``warned`` already gave them with the fix, its cell and whose it is: a refusal
    repeated the warning printed just above it word for word."""
    from .roster import address_fault

    cell = of_record.email_cell
    typed = of_record.email_as_typed.strip()
    fault = address_fault(cell, typed, name)
    # a warning of the cell names it first and says the fault in the same words, with more
    # between them ("(in no pair now)") and after (the fix)
    said_so = f"'{typed}' is not a valid e-mail address" if typed else "has no e-mail address"
    if fault and cell and any(said.startswith(f"{cell}: ") and said_so in said
                              for said in warned):
        return f"{cell} ({name}'s address, warned of above)"
    return fault


def _refuse_batch(faults: Sequence[str], total: int, refused: str, why: str) -> None:
    """Raise the refusal of a whole batch for the addresses of ``faults`` (each naming its
    cell), the first ten listed: "<refused>, as 2 of the 60 <why>: ..."."""
    if not faults:
        return
    shown = "; ".join(faults[:10]) + (f"; and {len(faults) - 10} more" if len(faults) > 10
                                      else "")
    raise TemplateError(f"{refused}, as {len(faults)} of the {total} {why}: {shown}.",
                        "Fill in or correct the address in each cell named, then run this "
                        "again.")


def refuse_nameless(template: DocumentTemplate, people: Sequence[Recipient]) -> None:
    """Raise a ``TemplateError`` naming each Name cell emptied on the pairs workbook (its
    e-mail cell kept) of someone a copy is written to or about: it would greet them "Dear ,"
    or tell their partner to "get in touch with  directly", in any format. None is written,
    so that the corrected run writes the whole batch."""
    faults: dict[str, str] = {}
    both = False  # a half of a pair emptied, its address too
    for recipient in people:
        for someone, other in ((recipient.sent_to, recipient.partner),
                               (recipient.partner, recipient.sent_to)):
            if someone is None:
                continue
            if someone.name_missing:
                faults.setdefault(someone.name_cell or someone.email_cell,
                                  someone.name_missing)
            elif someone.cells_emptied:
                # name and address cells both emptied (the pair is still read): the notice
                # for patients named its visitor as nobody, an invitation greeted 'Dear ,'
                both = True
                whose = f" of {other.name}'s partner" if other is not None and other.name \
                    else ""
                faults.setdefault(someone.name_cell or someone.email_cell,
                                  f"{someone.cells_emptied} (the name and address{whose}) "
                                  "are empty")
    if not faults:
        return
    shown = list(faults.values())
    listed = "; ".join(shown[:10]) + (f"; and {len(shown) - 10} more" if len(shown) > 10
                                      else "")
    raise TemplateError(f"no copy of '{template.name}' was written, as it would greet or name "
                        f"someone whose name is missing: {listed}.",
                        "Type the name and address back into each cell named (the volunteer "
                        "workbook has them), then run this again." if both else
                        f"{TYPE_THE_NAME}, then run this again.")


# printed for a partner's address in a trial render: found in the text, the letter gives it
ADDRESS_MARK = "wessexpartneraddressmark"


def refuse_misaddressed_partners(template: DocumentTemplate, people: Sequence[Recipient],
                                 warned: Collection[str] = ()) -> None:
    """Raise a ``TemplateError`` when a copy, in any format, would give the partner's e-mail
    address while it is missing or not an address (a Word introduction telling its reader to
    write to 'name@nhs', or "E-mail:" and nothing): a letter must not say the wrong thing, and
    with none written the corrected run writes the whole batch, no --force needed.
    ``warned``: as ``refuse_unaddressed``'s."""
    faults = []
    for person in people:
        partner = person.context.get("partner")
        if not isinstance(partner, Mapping):
            continue
        address = str(partner.get("email") or "").strip()
        name = str(partner.get("name") or "")
        fault = _fault_once(person.partner or Person(name, address), name, warned)
        if not fault:
            continue
        trial = replace(person, context={**person.context,
                                         "partner": {**partner, "email": ADDRESS_MARK}})
        copy = render_markdown(template, trial)
        # in its subject too, and in capitals ('{{ partner.email | upper }}') all the same
        if ADDRESS_MARK not in f"{copy.subject}\n{copy.markdown}".casefold():
            continue  # this document does not give the partner's address
        faults.append(f"{fault}, and {person.name}'s copy would " +
                      ("give it as their partner's address" if address else
                       "leave their partner's address blank"))
    _refuse_batch(faults, len(people), f"no copy of '{template.name}' was written",
                  "would give a partner's e-mail address that is missing or not an address")


def render_all(template: DocumentTemplate, people: Sequence[Recipient], fmt: str,
               scheme: Scheme, progress: Callable[[int], None] | None = None,
               allow_placeholders: bool = False, warned: Collection[str] = ()
               ) -> list[tuple[Rendered, bytes]]:
    """Render every recipient's copy in memory: all or nothing.

    A document that prints a setting scheme.toml lacks is refused (a ``SchemeError`` listing
    each one and the line to add) unless ``allow_placeholders`` asks for a bracketed draft.
    ``warned``: the warnings printed before it, which a refusal of an address names only."""
    from .formats import to_bytes
    from .placeholders import collecting, missing_settings, refusal, template_view

    if fmt == "eml" and template.audience != "scheme":
        refuse_unaddressed(template, people, warned)
    refuse_misaddressed_partners(template, people, warned)
    refuse_nameless(template, people)
    results = []
    # every name checked, so that no format's advice names a template there is not; only an
    # e-mail attaches them (other formats by hand: 'render' names what to attach)
    attachment_templates = [_attachment(name, template, scheme)
                            for name in template.attachments]
    if fmt != "eml":
        attachment_templates = []
    possible = missing_settings(scheme)
    shown = {key: re.compile(r"\\?\[" + re.escape(m.label) + r"\\?\]", re.I)
             for key, m in possible.items()}
    with collecting() as missing:
        if fmt == "eml":  # an e-mail comes From the administrator: that must be real too
            view = template_view(scheme)
            note(view.administrator.name)
            note(view.administrator.email)
        for index, recipient in enumerate(people):
            rendered = render_markdown(template, recipient)
            for extra in attachment_templates:
                attach_for = _attachment_recipient(extra, recipient, scheme)
                if attach_for is not None:
                    attach_for = replace(attach_for,
                                         context={**attach_for.context, "attached": True})
                    part = render_markdown(extra, attach_for)
                    rendered.attachments.append((_attachment_name(extra, attach_for),
                                                 to_bytes(part, "docx", scheme)))
            for key, pattern in shown.items():
                # A filter (| upper, | join) turns a placeholder into plain text: find it.
                if pattern.search(rendered.markdown) or pattern.search(rendered.subject):
                    missing.setdefault(key, possible[key])
            if missing and not allow_placeholders:
                raise refusal(missing, f"'{template.name}'", scheme)
            results.append((rendered, to_bytes(rendered, fmt, scheme)))
            if progress:
                progress(index + 1)
    return results


def _attachment_name(template: DocumentTemplate, recipient: Recipient) -> str:
    """The file name an attachment arrives under: the template's name, and for a document
    about one pair (a certificate) whose it is and with whom, so that someone with two
    partners saves two files, not one over the other."""
    if template.audience != "pair":
        return f"{template.name}.docx"
    person, partner = recipient.context.get("person"), recipient.context.get("partner")
    if not person or not partner:
        return f"{template.name}.docx"
    return f"{template.name}-{slug(person['name'])}-with-{slug(partner['name'])}.docx"


def _attachment_recipient(template: DocumentTemplate, recipient: Recipient,
                          scheme: Scheme) -> Recipient | None:
    """Who an attachment is rendered for, from the attachment's own front matter: a
    host-visit attachment only for a host, with the visitor as partner; None to leave it out."""
    context = recipient.context
    if template.audience == "host-visit":
        person, partner = context.get("person"), context.get("partner")
        if not person or not partner or person["side"] != scheme.sides[0].key:
            return None
        from .wording import VisitView, day_to_come

        if context.get("hosted"):
            return None  # they have hosted: the day the notice was for has passed
        hosting = context.get("hosting") or {}
        # the day they host, if known and not yet gone by
        visit_day = day_to_come(VisitView("host", hosting.get("state", ""), hosting.get("date")))
        return Recipient(recipient.name, recipient.email, {
            **scheme_context(scheme, context.get("today")), "today": visit_day,
            "visit_date": visit_day, "host": person, "visitor": partner,
            "code_of_conduct": partner["code_of_conduct"] or OLD_CODE}, recipient.stem)
    return recipient


def earlier_files(template: DocumentTemplate, paths: Sequence[Path]) -> list[Path]:
    """Files of the same kind already in the folder a render fills that it did not write:
    letters from an earlier render, perhaps to someone since withdrawn or re-paired, which
    would go out with the new ones if the folder were sent as it stands. A document for the
    scheme is written into a folder shared with other things, so it is not looked at."""
    if template.audience == "scheme":
        return []
    written = set(paths)
    suffixes = {path.suffix for path in paths}
    found: list[Path] = []
    for folder in sorted({path.parent for path in paths}):
        if folder.is_dir():
            found += sorted(f for f in folder.iterdir()
                            if f.is_file() and f.suffix in suffixes and f not in written)
    return found


def kept_pairs_files(template: DocumentTemplate, scheme: Scheme,
                     pairs: Sequence[PairRecord], fmt: str, folder: Path,
                     now: dt.date, ended: Sequence[PairRecord] = ()) -> set[Path]:
    """The files a render of ``template`` for every pair on the Pairs sheet would be
    written to, whether or not a pair still needs one: after 'render --new', the letters
    already there for the pairs kept from before, which are not letters of someone gone.
    Their visits are taken as still owed: a patient notice is written only for a visit to
    come, and one written before its visit was done is a kept pair's all the same.
    ``ended``: the Withdrawn sheet's pairs (``recipients``' ``record``). The letter someone
    with a second partner was sent while they had one, under their name alone, is a kept
    pair's too when their first pair is kept (``_named_alone``)."""
    every = replace(template, only_complete=False, only_incomplete=False, only_chased=False)
    owed = [pair.owed() for pair in pairs]
    people = recipients(every, scheme, pairs=owed, now=now, record=ended)
    if template.audience == "pair":
        people += [Recipient("", "", {}, stem) for stem in _named_alone(pairs, ended)]
    return set(output_paths(every, people, fmt, folder))


def output_paths(template: DocumentTemplate, people: Sequence[Recipient], fmt: str,
                 folder: Path) -> list[Path]:
    """``folder/partner-introduction/amelia-ashworth.eml``, or ``folder/amelia-ashworth.eml``
    when ``folder`` is already named for the document; clashes get -2, -3, ...
    A document for the scheme is one file for each copy, named for its profession when it
    has one (``call-to-action-gp.eml``, ``call-to-action-consultant.eml``)."""
    if template.audience == "scheme":
        # two professions whose names make one file name ("Nurse" on one side, "nurse" on
        # the other) are numbered as namesakes are; they stopped the render with 'File exists'
        return [folder / f"{name}.{fmt}"
                for name in _numbered([p.stem or template.name for p in people])] or \
            [folder / f"{template.name}.{fmt}"]
    # '-o letters/reminder' is the folder to fill, not one to make letters/reminder/reminder in
    own = folder if folder.name.casefold() == template.name.casefold() else folder / template.name
    return [own / f"{name}.{fmt}" for name in _numbered([p.stem or "recipient" for p in people])]


def _numbered(stems: Sequence[str]) -> list[str]:
    """Each stem as a file name of its own: a second Ann Smith is ann-smith-2, past anyone
    named that."""
    taken: set[str] = set()
    last: dict[str, int] = {}  # stem -> the number its last namesake got
    names = []
    for stem in stems:
        # each namesake's number is looked for from the last one's, not from 1: 20,000
        # recipients of one name ("recipient" for each without one) took 53 s, 100,000 hours
        count = last.get(stem, 0) + 1
        name = stem if count == 1 else f"{stem}-{count}"
        while name in taken:
            count += 1
            name = f"{stem}-{count}"
        last[stem] = count
        taken.add(name)
        names.append(name)
    return names


def settings_needed(template: DocumentTemplate, scheme: Scheme) -> dict[str, Any]:
    """The missing scheme.toml settings (``placeholders.Missing`` by key) that ``template``
    and its attachments would print, found by rendering it for two invented people."""
    from .placeholders import collecting

    a = Person("Dr Ada Example", "ada@example.org", profession=scheme.sides[0].professions[0]
               if scheme.sides[0].professions else "GP", side=scheme.sides[0].key,
               organisation="A Surgery")
    b = replace(a, name="Dr Bo Example", email="bo@example.org", side=scheme.sides[1].key,
                organisation="A Hospital")
    done = (True, True) if template.only_complete else (False, False)
    start = scheme.start or dt.date(2027, 5, 4)  # a certificate needs both visits dated
    pair = PairRecord.with_visits("P1", a, b, done, (start, start) if template.only_complete
                                  else (None, None))
    with collecting() as missing:
        people = recipients(template, scheme, volunteers=[a, b], pairs=[pair])
        for recipient in people[:1]:
            render_markdown(template, recipient)
            for name in template.attachments:
                extra = _attachment(name, template, scheme)
                attach_for = _attachment_recipient(extra, recipient, scheme)
                if attach_for is not None:
                    render_markdown(extra, attach_for)
    return dict(missing)
