"""``wessex feedback``'s core: reflections and survey answers into a delegate pack.

Responses come as survey tools export them: one row per response, columns named by the
question's text. Free text is anonymised before anything else sees it (names from the
roster and the response, e-mails, phone numbers, NHS numbers with a valid check digit,
postcodes), and a profession with fewer than three respondents is pooled so that nobody's
words can be traced back to them.
"""

from __future__ import annotations

import html
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RosterError
from .roster import cell_text
from .spreadsheet import read_grid
from .text import TITLES, header_key

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

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", re.I)
_DIGITS = re.compile(r"(?<![\w])(?:\+?\d[\d ()-]{8,16}\d)(?![\w])")


def valid_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


class Anonymiser:
    """Removes identifying details from free text."""

    def __init__(self, names: Iterable[str]) -> None:
        words: set[str] = set()
        fulls: set[str] = set()
        for name in names:
            parts = [p for p in re.split(r"[\s,]+", name.strip()) if p]
            while parts and parts[0].strip(".").casefold() in TITLES:
                parts.pop(0)
            if not parts:
                continue
            fulls.add(" ".join(parts))
            words.update(p for p in parts if len(p) >= 2)
        alternatives = sorted(fulls | words, key=len, reverse=True)
        titles = "|".join(sorted(TITLES, key=len, reverse=True))
        self.names = re.compile(
            rf"(?:\b(?:{titles})\.?\s+)?\b(?:{'|'.join(map(re.escape, alternatives))})\b",
            re.I) if alternatives else None

    def __call__(self, text: str) -> str:
        text = _EMAIL.sub("[e-mail]", text)
        text = _DIGITS.sub(self._number, text)
        text = _POSTCODE.sub("[postcode]", text)
        if self.names is not None:
            text = self.names.sub("[name]", text)
        return text

    @staticmethod
    def _number(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if valid_nhs_number(digits):
            return "[NHS number]"
        if 10 <= len(digits) <= 13:
            return "[phone]"
        return match.group(0)


@dataclass
class Rated:
    question: str
    scale: tuple[int, int]
    values: list[int]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.values) if self.values else 0.0

    @property
    def median(self) -> float:
        return float(statistics.median(self.values)) if self.values else 0.0

    def distribution(self) -> dict[int, int]:
        counts = Counter(self.values)
        return {v: counts.get(v, 0) for v in range(self.scale[0], self.scale[1] + 1)}


@dataclass
class FeedbackPack:
    responses: int
    quotes: dict[str, dict[str, list[str]]]  # question -> group -> anonymised quotes
    rated: list[Rated]
    themes: dict[str, int]
    participants: int | None = None
    groups: dict[str, int] = field(default_factory=dict)

    @property
    def response_rate(self) -> float | None:
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


def _rating(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else None
    text = cell_text(value).casefold()
    if text in LIKERT:
        return LIKERT[text]
    match = re.match(r"^(\d{1,2})\b", text)
    return int(match.group(1)) if match else None


def analyse(path: Path, names: Iterable[str] = (), participants: int | None = None,
            themes: dict[str, tuple[str, ...]] | None = None) -> FeedbackPack:
    grid = read_grid(path, "Responses")
    if not grid.rows:
        raise RosterError("the responses file is empty.", "Export the survey again.", file=path)
    headers = [cell_text(c) for c in grid.rows[0]]
    rows = [r for r in grid.rows[1:] if any(cell_text(c) for c in r)]
    keys = [header_key(h) for h in headers]
    group_col = next((i for i, k in enumerate(keys) if "profession" in k or k in
                      {"role", "jobtitle", "side", "setting", "sector"}), None)
    name_cols = [i for i, k in enumerate(keys) if k in {"name", "yourname", "fullname"} or
                 k.startswith("yourname")]
    reflective = {i: q for i, h in enumerate(headers) if (q := _question_of(h))}
    if not reflective:
        raise RosterError(
            "none of the reflective questions was found in the first row, so this does not "
            "look like a survey export.",
            "The columns are recognised by their question text: one mentioning what "
            "surprised or shocked, what was expected, or what you will take back.",
            file=path, sheet=grid.sheet, cell="A1")
    response_names = [cell_text(r[i]) for r in rows for i in name_cols if i < len(r)]
    anonymise = Anonymiser([*names, *response_names])
    raw_groups = [cell_text(r[group_col]) if group_col is not None and group_col < len(r)
                  else "" for r in rows]
    sizes = Counter(g or "Not stated" for g in raw_groups)
    pooled = [g if sizes[g] >= MIN_GROUP else OTHER_GROUP for g in
              (g or "Not stated" for g in raw_groups)]
    if 0 < Counter(pooled)[OTHER_GROUP] < MIN_GROUP:
        pooled = [OTHER_GROUP if g == OTHER_GROUP or sizes[g] < 2 * MIN_GROUP else g
                  for g in pooled]
        if Counter(pooled)[OTHER_GROUP] < MIN_GROUP:
            pooled = ["All respondents"] * len(pooled)
    quotes: dict[str, dict[str, list[str]]] = {q: {} for q in REFLECTIVE}
    texts: list[str] = []
    for row, group in zip(rows, pooled, strict=True):
        for col, question in reflective.items():
            text = cell_text(row[col]) if col < len(row) else ""
            if text and header_key(text) not in {"na", "none", "no", "nothing"}:
                clean = anonymise(text)
                quotes[question].setdefault(group, []).append(clean)
                texts.append(clean)
    rated = []
    skip = set(reflective) | set(name_cols) | ({group_col} if group_col is not None else set())
    for col, header in enumerate(headers):
        if col in skip or not header or "email" in keys[col] or "date" in keys[col] or \
                keys[col] in {"id", "starttime", "completiontime", "lastmodifiedtime", "timestamp"}:
            continue  # the survey tool's own columns (Forms' ID and times) are not answers
        values = [cell_text(r[col]) if col < len(r) else "" for r in rows]
        present = [r[col] for r in rows if col < len(r) and cell_text(r[col])]
        ratings = [_rating(v) for v in present]
        usable = [v for v in ratings if v is not None]
        if not present or len(usable) < 0.6 * len(present):
            for value in values:  # another free-text question: anonymise and keep for themes
                if value:
                    texts.append(anonymise(value))
            continue
        top = max(usable)
        scale = (1, 5) if top <= 5 else (1, 6) if top <= 6 else (1, 10) if top <= 10 else None
        if scale is None or min(usable) < 0:
            continue
        rated.append(Rated(header, scale, [v for v in usable if scale[0] <= v <= scale[1]]))
    theme_words = themes or DEFAULT_THEMES
    counts = {theme: sum(1 for t in texts if any(w in f" {t.casefold()} " for w in words))
              for theme, words in theme_words.items()}
    return FeedbackPack(len(rows), quotes, rated, counts, participants,
                        dict(Counter(pooled)))


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
    axes.set_xlabel(f"Rating ({rated.scale[0]} to {rated.scale[1]})")
    axes.set_ylabel("Responses")
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def pack_markdown(pack: FeedbackPack, scheme_name: str) -> str:
    lines = [f"# What we learnt: {scheme_name}", ""]
    rate = pack.response_rate
    lines.append(f"{pack.responses} responses" + (f" from {pack.participants} participants "
                                                  f"({rate:.0%})" if rate is not None else "")
                 + ". Quotes are anonymised; small groups are pooled.")
    lines.append("")
    for question, groups in pack.quotes.items():
        if not any(groups.values()):
            continue
        lines += [f"## {REFLECTIVE[question]}", ""]
        for group in sorted(groups):
            lines += [f"### {group}", ""]
            lines += [f"> {quote}\n" for quote in groups[group]]
    if pack.rated:
        lines += ["## Ratings", ""]
        for rated in pack.rated:
            dist = ", ".join(f"{k}: {v}" for k, v in rated.distribution().items())
            lines += [f"**{rated.question}** ({len(rated.values)} answers): mean "
                      f"{rated.mean:.1f}, median {rated.median:g}. {dist}", ""]
    lines += ["## Common themes", ""]
    lines += [f"- {theme}: {count} mention(s)" for theme, count in
              sorted(pack.themes.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines) + "\n"


def pack_html(pack: FeedbackPack, scheme_name: str) -> str:
    from .formats import CSS

    body = [f"<h1>What we learnt: {html.escape(scheme_name)}</h1>"]
    rate = pack.response_rate
    body.append(f"<p>{pack.responses} responses" + (
        f" from {pack.participants} participants ({rate:.0%})" if rate is not None else "")
        + ". Every quote is anonymised, and professions with fewer than three respondents are "
          "pooled, so nobody can be identified.</p>")
    for question, groups in pack.quotes.items():
        if not any(groups.values()):
            continue
        body.append(f"<h2>{html.escape(REFLECTIVE[question])}</h2>")
        for group in sorted(groups):
            body.append(f"<h3>{html.escape(group)}</h3>")
            body += [f"<blockquote>{html.escape(q)}</blockquote>" for q in groups[group]]
    if pack.rated:
        body.append("<h2>Ratings</h2>")
        for rated in pack.rated:
            body.append(f"<h3>{html.escape(rated.question)}</h3><p>{len(rated.values)} answers; "
                        f"mean {rated.mean:.1f}, median {rated.median:g} on a scale of "
                        f"{rated.scale[0]} to {rated.scale[1]}.</p>")
            body.append(f'<figure class="chart">{chart_svg(rated)}</figure>')
    body.append("<h2>Common themes</h2><table>")
    for theme, count in sorted(pack.themes.items(), key=lambda kv: -kv[1]):
        body.append(f"<tr><th>{html.escape(theme)}</th><td>{count} mention(s)</td></tr>")
    body.append("</table>")
    style = CSS + ("blockquote{border-left:4px solid #005eb8;margin:.6em 0;padding:.2em .8em;"
                   "background:#f4f7fb}figure.chart svg{max-width:100%;height:auto}"
                   "td,th{padding:.2em .8em;text-align:left}")
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\">"
            f"<title>{html.escape(scheme_name)}: delegate pack</title><style>{style}</style>"
            "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
