"""``wessex report``'s core: the scheme's evaluation for the boards, from the scheme's own files.

Every figure comes from the files given: the pairs workbook (who volunteered, who was
paired, how well their choices were met, which visits happened and when, which reflections
came back), and optionally the feedback survey export (read by ``feedback.analyse``, so its
anonymisation and pooling apply), the equality monitoring forms (read by
``equality.aggregate``, so only its protected counts are ever shown) and the celebration
tables' findings (``findings.read_findings``). The result renders as HTML that prints on A4,
or as a Word document for editing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .pairs_workbook import copied_row_warnings, read_pairs_workbook
from .scheme import Scheme
from .spreadsheet import cell_text
from .text import and_list, email_key, header_key, percent, person_key, plural
from .wording import day_month_year

if TYPE_CHECKING:
    from .equality import ProtectedTable
    from .feedback import FeedbackPack
    from .findings import ActionPlan
    from .model import PairsWorkbook

RANKS = ("1st", "2nd", "3rd")
SURVEY_METADATA = {"id", "responseid", "starttime", "completiontime", "lastmodifiedtime",
                   "timestamp"}
_CHOICE = re.compile(r"^(?P<chosen>.+) was (?P<chooser>.+)'s (?P<rank>1st|2nd|3rd) choice$")


@dataclass
class ParticipationRow:
    """One profession's row of the participation table: who volunteered, was paired or left."""

    side: str
    profession: str
    volunteered: int = 0
    paired: int = 0
    unpaired: int = 0
    withdrew: int = 0


@dataclass
class Figures:
    """The numbers of the report, each computed from the pairs workbook."""

    volunteered: int
    paired_people: int
    pairs: int
    withdrew: int
    unpaired: int
    best_choice_met: dict[str, int]  # "1st"/"2nd"/"3rd"/"none" -> paired people
    visits_total: int
    visits_done: int
    pairs_complete: int
    reflections_expected: int
    reflections_returned: int
    hosts_by_side: dict[str, tuple[int, int]]  # side -> (visits hosted, visits owed in all)
    # Visits done by pairs that later withdrew (the Withdrawn sheet): they happened, so they
    # are counted in visits_done and visits_total, and named apart.
    visits_done_withdrawn: int = 0
    visits_planned: int = 0  # dated after today and not done: arranged, still to come
    # paired people whose partner withdrew and who are in no pair of the Pairs sheet now
    partner_withdrew: int = 0
    # Reflections returned by people in no pair of the Pairs sheet now (their pair is on the
    # Withdrawn sheet): counted in reflections_returned and reflections_expected, as a
    # withdrawn pair's visit done is in the visits, and named apart.
    reflections_returned_withdrawn: int = 0

    def as_json(self) -> dict[str, Any]:
        """The figures for --json, each side's hosting as done and total."""
        return {**{k: v for k, v in self.__dict__.items() if k != "hosts_by_side"},
                "hosts_by_side": {k: {"done": d, "total": t}
                                  for k, (d, t) in self.hosts_by_side.items()}}


@dataclass
class Report:
    """Everything the board report says, built once and shown as HTML, Word or JSON."""

    scheme: Scheme
    figures: Figures
    participation: list[ParticipationRow]
    visit_dates: list[dt.date]  # one per completed visit with a known date
    undated_done: int
    feedback: FeedbackPack | None = None
    gems: list[str] = field(default_factory=list)
    equality: tuple[list[ProtectedTable], int] | None = None
    plan: ActionPlan | None = None
    warnings: list[str] = field(default_factory=list)
    as_at: dt.date | None = None  # the day the figures were read
    # (people listed, of them active) in the volunteer workbook when the pairs were made,
    # from the Summary sheet: those not active then appear nowhere else in the record
    listed: tuple[int, int] | None = None


def build_report(pairs_path: Path, scheme: Scheme, feedback: Path | None = None,
                 equality: Path | None = None, findings: list[Path] | None = None) -> Report:
    """Gather the report from the pairs workbook and, when given, the feedback export,
    equality forms and table findings."""
    from .dates import today
    from .tracking import dated_before

    now = today()
    # read as 'status' reads it: a visit ticked but dated after today is planned, not done,
    # and "4/5" is in the scheme's year, so the report and the tracking table agree
    # every sheet from one reading: the Summary's counts, and the names a quote may not carry
    book = read_pairs_workbook(pairs_path, now=now, year=scheme.year, every_sheet=True)
    rows = tracked = book.pairs
    left = book.withdrawn
    people: dict[str, dict[str, str]] = {}  # email key -> side, profession, state
    paired = book.paired_people()

    def note(email: str, side: str, profession: str, state: str) -> None:
        key = email_key(email)
        if not key:
            return
        entry = people.setdefault(key, {"side": side, "profession": profession, "state": state})
        order = ("paired", "withdrew", "unpaired")
        if order.index(state) < order.index(entry["state"]):
            entry["state"] = state
    for row in rows:
        for person in row.people:
            note(person.email, person.side, person.profession, "paired")
    for person in book.unpaired:
        note(person.email, person.side, person.profession, "unpaired")
    for pair in left:
        gone = person_key(cell_text(pair.value("Withdrawn person")))
        for person in pair.people:
            # the partner they left was paired (Figures.paired_people), paired anew or not
            state = "withdrew" if person.name and person_key(person.name) == gone else \
                "paired" if email_key(person.email) in paired else "unpaired"
            note(person.email, person.side, person.profession, state)
    table: dict[tuple[str, str], ParticipationRow] = {}
    for entry in people.values():
        side = entry["side"] or "not stated"
        profession = entry["profession"] or "not stated"
        line = table.setdefault((side, profession.casefold()), ParticipationRow(side, profession))
        line.volunteered += 1
        setattr(line, entry["state"], getattr(line, entry["state"]) + 1)
    order = {key: n for n, key in enumerate(scheme.side_keys)}
    participation = sorted(table.values(), key=lambda r: (order.get(r.side, 9), r.side,
                                                          r.profession.casefold()))
    # per person, not per pair: someone with two partners counts once, with their best
    # and the partner someone withdrew from was given the choice their pair met
    met: dict[str, str] = dict.fromkeys(paired, "none")
    for row in [*rows, *left]:
        reasons = cell_text(row.value("Reasons"))
        for reason in (r.strip() for r in reasons.split(";")):
            match = _CHOICE.match(reason)
            if match is None:
                continue
            chooser = person_key(match["chooser"])
            for person in row.people:
                key = email_key(person.email)
                if person_key(person.name) == chooser and key in met:
                    if met[key] == "none" or RANKS.index(match["rank"]) < RANKS.index(met[key]):
                        met[key] = match["rank"]
    best = Counter(met.values())
    first, second = scheme.side_keys
    hosts = {first: [0, 0], second: [0, 0]}
    dates: list[dt.date] = []
    undated = 0
    # what 'status' says of the workbook itself (a pair deleted by hand, two rows under one
    # ID, a row copied whole), then of each row, as it says them
    warnings: list[str] = [*book.warnings, *copied_row_warnings(tracked),
                           *book.withdrawn_unread]
    for pair, withdrawn in [*((p, False) for p in tracked), *((p, True) for p in left)]:
        warnings += pair.warnings
        if not withdrawn:  # as 'status' names it: a visit dated before the exchange began
            warnings += dated_before(pair, book.headers, scheme.start)
        for visit, host_side in zip(pair.visits, (pair.a.side, pair.b.side), strict=True):
            if withdrawn and not visit.done:
                continue  # a withdrawn pair's visit that never happened is owed by nobody
            tally = hosts.setdefault(host_side or "not stated", [0, 0])
            tally[1] += 1
            if visit.done:
                tally[0] += 1
                if visit.date:
                    dates.append(visit.date)
                else:
                    undated += 1
    paired_people = len(paired)
    withdrawn_done = sum(v.done for p in left for v in p.visits)
    # one reflection due from each person in a pair now: someone with two partners writes
    # one, ticked on either row, as their certificates count it; from someone whose pair
    # ended (the Withdrawn sheet), one returned is counted, one never written owed by nobody
    in_pairs = {someone.key for p in tracked for someone in p.people}
    returned = {someone.key for p in [*tracked, *left]
                for someone, sent in zip(p.people, p.reflections, strict=True) if sent}
    states = Counter(e["state"] for e in people.values())
    figures = Figures(
        volunteered=len(people), paired_people=paired_people, pairs=len(rows),
        withdrew=states["withdrew"], unpaired=states["unpaired"],
        best_choice_met={k: best[k] for k in (*RANKS, "none")},
        visits_total=2 * len(tracked) + withdrawn_done,
        visits_done=sum(v.done for p in tracked for v in p.visits) + withdrawn_done,
        pairs_complete=sum(p.complete for p in tracked),
        reflections_expected=len(in_pairs | returned),
        reflections_returned=len(returned),
        reflections_returned_withdrawn=len(returned - in_pairs),
        hosts_by_side={k: (v[0], v[1]) for k, v in hosts.items()},
        visits_done_withdrawn=withdrawn_done,
        # "planned" as status and the letters say it: not done, dated today or later
        visits_planned=sum(1 for p in tracked for v in p.visits if v.state(now) == "planned"),
        partner_withdrew=len(paired - in_pairs))
    report = Report(scheme, figures, participation, sorted(dates), undated, warnings=warnings,
                    as_at=now, listed=_listed(book))
    if feedback is not None:
        from .feedback import analyse, names_in_grids, organisers, practices, without_places

        # every name on every sheet (Withdrawn and Unpaired included), and scheme.toml's
        # people, as 'feedback' does
        names = names_in_grids(book.sheets or ()) + organisers(scheme)
        report.feedback = analyse(feedback, names, paired_people, scheme.themes or None,
                                  ("pairs workbook",))
        report.feedback.organisers_hidden = bool(organisers(scheme))
        # Survey tools number their rows (Microsoft Forms' ID column): not a rating.
        report.feedback.rated = [r for r in report.feedback.rated
                                 if header_key(r.question) not in SURVEY_METADATA]
        places = practices(book, scheme.side_keys[0])  # as 'feedback' takes them
        report.gems = [without_places(g, places)
                       for g in pick_gems(report.feedback, scheme.themes or None)]
        # as 'wessex feedback' says them (a question never quoted, a rating not read), with
        # the file named, since the report reads several
        report.warnings += [f"{feedback.name}, {w}" for w in report.feedback.warnings]
    if equality is not None:
        from .equality import read_forms

        forms = read_forms(equality, scheme.group_of_answer)
        report.equality = (forms.tables, forms.forms)
        # as 'wessex equality' says them: an answer counted as "Another answer" is named by
        # its cell on the terminal, never in the report
        report.warnings += forms.warnings
    if findings:
        from .findings import read_findings

        report.plan = read_findings(findings)
        report.warnings += report.plan.warnings
    return report


def pick_gems(pack: FeedbackPack, themes: dict[str, tuple[str, ...]] | None = None,
              limit: int = 6) -> list[str]:
    """A few of the (already anonymised) reflections worth reading out: those touching the
    most common themes, then the fuller ones, at most two per question."""
    from .feedback import DEFAULT_THEMES

    words = [w for group in (themes or DEFAULT_THEMES).values() for w in group]
    chosen: list[str] = []
    for groups in pack.quotes.values():
        quotes = [q for group in sorted(groups) for q in groups[group]]
        ranked = sorted(quotes, key=lambda q: (-sum(w in f" {q.casefold()} " for w in words),
                                               -len(q), q))
        fresh = [q for q in dict.fromkeys(ranked) if len(q.split()) >= 6 and q not in chosen]
        chosen += fresh[:2]
    return chosen[:limit]


# Charts ------------------------------------------------------------------------------------

def _figure(width: float = 6.4, height: float = 2.6) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "wessex"
    figure, axes = plt.subplots(figsize=(width, height))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure, axes


def _save(figure: Any, fmt: str) -> bytes:
    import matplotlib.pyplot as plt

    figure.tight_layout()
    buffer = io.BytesIO()
    from .feedback import NO_SVG_METADATA

    metadata: dict[str, Any] = dict(NO_SVG_METADATA) if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, metadata=metadata, dpi=150)
    plt.close(figure)
    return buffer.getvalue()


def timeline_chart(report: Report, fmt: str = "svg") -> bytes:
    """Visits completed over time: a rising step line, with the scheme's start and end."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure, axes = _figure()
    dates = report.visit_dates
    counts = list(range(1, len(dates) + 1))
    if dates:
        axes.step([dates[0], *dates], [0, *counts], where="post", color="#005eb8")
        axes.plot(dates, counts, "o", color="#005eb8", markersize=3)
    for when, label in ((report.scheme.start, "start"), (report.scheme.end, "end")):
        if when:
            axes.axvline(when, color="#768692", linestyle="--", linewidth=1)
            axes.annotate(label, (when, 0), xytext=(3, 3), textcoords="offset points",
                          fontsize=8, color="#425563")
    # the scheme's dates bound the axis, so a few visits do not stretch it over years
    days = [d for d in (*dates, report.scheme.start, report.scheme.end) if d]
    if days:
        axes.set_xlim(min(days) - dt.timedelta(days=7),
                      max(days) + dt.timedelta(days=7))
    axes.set_ylabel("Visits completed")
    axes.set_ylim(0, max(report.figures.visits_total, 1))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    def day_month(value: float, _: Any) -> str:  # "1 May", not "01 May"
        day = num2date(value)  # type: ignore[no-untyped-call]
        return f"{day.day} {day:%b}"

    axes.xaxis.set_major_formatter(FuncFormatter(day_month))
    figure.autofmt_xdate()
    return _save(figure, fmt)


def rating_chart(rated: Any, fmt: str = "png") -> bytes:
    """One rated question's answers as bars (for the Word document; HTML uses feedback's)."""
    from matplotlib.ticker import MaxNLocator

    figure, axes = _figure(6.0, 2.4)
    distribution = rated.distribution()
    axes.bar([str(k) for k in distribution], list(distribution.values()), color="#005eb8")
    axes.set_xlabel(rated.axis_label)
    axes.set_ylabel("Responses")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return _save(figure, fmt)


# Rendering ---------------------------------------------------------------------------------

def context(report: Report) -> dict[str, Any]:
    """Everything the templates show, as plain values."""
    from .equality import PUBLISH_ONCE, forms_returned
    from .findings import SWOT_PLURAL

    f = report.figures
    side_label = report.scheme.side_label  # a side's label, as every output names it
    reflections = f"{f.reflections_returned} of {f.reflections_expected}{_ended_note(f)}"
    key_figures = [
        ("volunteered", "People who volunteered", str(f.volunteered), ""),
        ("paired", "People paired", str(f.paired_people), percent(f.paired_people,
                                                                   f.volunteered)),
        ("pairs", "Pairs", str(f.pairs), ""),
        ("withdrew", "People who withdrew after being paired", str(f.withdrew), ""),
        ("choice_met", "Paired people given one of their choices",
         str(sum(f.best_choice_met[r] for r in RANKS)),
         percent(sum(f.best_choice_met[r] for r in RANKS), f.paired_people)),
        ("visits_done", "Half-day visits completed",
         f"{f.visits_done} of {f.visits_total}{_withdrawn_note(f)}",
         percent(f.visits_done, f.visits_total)),
        ("pairs_complete", "Pairs with both visits done", f"{f.pairs_complete} of {f.pairs}",
         percent(f.pairs_complete, f.pairs)),
        ("reflections", "Reflections returned", reflections,
         percent(f.reflections_returned, f.reflections_expected)),
    ]
    if report.feedback is not None:
        key_figures.append(("responses", "Feedback responses", str(report.feedback.responses),
                            percent(report.feedback.responses, f.paired_people)))
    dates = report.visit_dates
    equality = None
    if report.equality is not None:
        tables, forms = report.equality
        equality = {"forms": forms_returned(forms),
                    "tables": tables, "publish_once": PUBLISH_ONCE}
    plan = report.plan
    values = {
        "scheme": report.scheme, "figures": f, "key_figures": key_figures,
        "withdrawn_note": _withdrawn_note(f),
        "reflections_sentence": f"Reflections returned: {reflections}.",
        "shares_note": SHARES_NOTE,
        "side_label": side_label,
        "participation": report.participation,
        "choices": [(f"{r} choice", f.best_choice_met[r]) for r in RANKS] +
                   [("none of their choices (or gave none)", f.best_choice_met["none"])],
        "hosts": [(side_label(k), d, t) for k, (d, t) in f.hosts_by_side.items() if t],
        "first_visit": dates[0] if dates else None, "last_visit": dates[-1] if dates else None,
        "undated": report.undated_done,
        "by_month": sorted(Counter(d.strftime("%Y-%m") for d in dates).items()),
        "feedback": report.feedback, "gems": report.gems,
        # only the themes some response mentions: the heading calls them common
        "themes": sorted(((theme, count) for theme, count in report.feedback.themes.items()
                          if count), key=lambda kv: (-kv[1], kv[0]))
        if report.feedback else [],
        "equality": equality, "plan": plan,
        "swot": [(SWOT_PLURAL[h], points) for h, points in plan.swot_by_heading().items()]
        if plan else [],
        "plan_sentences": plan_sentences(plan) if plan else [],
        "inequality_counts": plan.inequality_counts() if plan else {},
        "inequality_text": inequality_sentence(plan.inequality_counts(), len(plan.actions))
        if plan else "",
        "narrowing": [a for a in plan.actions if a.inequalities == "Should narrow them"]
        if plan else [],
        "widening": [a for a in plan.actions if a.inequalities == "Could widen them"]
        if plan else [],
        "warnings": report.warnings,
        "month": lambda key: dt.date.fromisoformat(f"{key}-01").strftime("%B %Y"),
        "date": lambda d: day_month_year(d) if d else "",
    }
    values["visits_sentence"] = _visits_sentence(values)  # one wording for the page and Word
    values["intro"] = _intro(report)
    values["feedback_sentence"] = (
        f"{plural(report.feedback.responses, 'feedback response')}. Every quote is anonymised "
        "and professions with fewer than three respondents are pooled, as in the delegate "
        "pack.") if report.feedback is not None else ""
    n = report.figures.partner_withdrew
    values["participation_sentence"] = (
        "Everyone who volunteered, by side and profession, and what became of them." +
        (f" Paired includes {plural(n, 'person', 'people')} whose partner withdrew and who "
         f"{'has' if n == 1 else 'have'} no new partner." if n else ""))
    values["choices_sentence"] = (
        f"{plural(report.figures.pairs, 'pair')} {'was' if report.figures.pairs == 1 else 'were'}"
        " made. Each volunteer could name three colleagues, specialties or organisations; "
        "this is the best of their choices each paired person was given.")
    return values


def report_html(report: Report) -> str:
    """The board report as one web page (``templates/pages/report.html.j2``), charts inline."""
    from .feedback import chart_svg, labelled_svg
    from .pages import render_page
    from .wording import day_month_year

    values = context(report)
    # no dated visit: nothing to draw
    values["timeline_svg"] = _inline_svg(labelled_svg(
        timeline_chart(report, "svg").decode("utf-8"),
        f"Visits completed over time: {len(report.visit_dates)} dated, the first on "
        f"{day_month_year(report.visit_dates[0])} and the last on "
        f"{day_month_year(report.visit_dates[-1])}")) if report.visit_dates else None
    values["rating_svg"] = {id(r): _inline_svg(chart_svg(r))
                            for r in (report.feedback.rated if report.feedback else [])}
    values["id"] = id
    return render_page("report", **values)


def _inline_svg(svg: str) -> Any:
    from markupsafe import Markup

    # drawn by matplotlib from numbers, its label escaped by ``labelled_svg``
    return Markup(svg)  # noqa: S704


def report_docx(report: Report) -> bytes:
    """The board report as a Word document, the same content as the web page."""
    from docx.shared import Cm, Pt

    from .formats import a4_document, stable_zip

    values = context(report)
    # as the letters: UK English, the administrator as author
    document = a4_document(f"Evaluation: {report.scheme.name}", report.scheme)
    section = document.sections[0]
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    document.styles["Normal"].font.size = Pt(10.5)

    def table(headers: list[str], rows: list[list[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        # Word shares the width equally unless told: give wordy columns more of the 17 cm.
        # A header is never broken inside a word ("Confiden/ce"): it sets the least width.
        weights = [min(60, max(9, len(headers[n]) + 3, *(len(line) + 2 for r in [headers, *rows]
                                                         for line in r[n].splitlines() or [""])))
                   for n in range(len(headers))]
        grid.autofit = False
        for n, weight in enumerate(weights):
            width = Cm(17 * weight / sum(weights))
            grid.columns[n].width = width  # what LibreOffice reads
            for cell in grid.columns[n].cells:
                cell.width = width  # what Word reads
        document.add_paragraph()

    def picture(data: bytes) -> None:
        document.add_picture(io.BytesIO(data), width=Cm(15.5))

    document.add_heading(f"Evaluation: {report.scheme.name}", 0)
    document.add_paragraph(values["intro"])
    document.add_heading("Key figures", 1)
    table(["Figure", "Value", "Share"], [[label, value, share]
                                          for _, label, value, share in values["key_figures"]])
    document.paragraphs[-1].text = SHARES_NOTE  # the empty paragraph after the table
    document.add_heading("Who took part", 1)
    document.add_paragraph(values["participation_sentence"])
    table(["Side", "Profession", "Volunteered", "Paired", "Not paired", "Withdrew"],
          [[values["side_label"](r.side), r.profession, str(r.volunteered),
            str(r.paired), str(r.unpaired), str(r.withdrew)] for r in report.participation])
    document.add_heading("Pairs and preferences", 1)
    document.add_paragraph(values["choices_sentence"])
    table(["Given", "People"], [[label, str(n)] for label, n in values["choices"]])
    document.add_heading("Visits", 1)
    document.add_paragraph(values["visits_sentence"])
    if report.visit_dates:
        picture(timeline_chart(report, "png"))
    table(["Hosting side", "Visits hosted", "Visits due"],
          [[label, str(d), str(t)] for label, d, t in values["hosts"]])
    if values["by_month"]:
        table(["Month", "Visits completed"],
              [[values["month"](key), str(n)] for key, n in values["by_month"]])
    document.add_paragraph(values["reflections_sentence"])
    if report.feedback is not None:
        pack = report.feedback
        document.add_heading("What participants said", 1)
        document.add_paragraph(values["feedback_sentence"])
        for rated in pack.rated:
            document.add_heading(rated.question, 2)
            # the heading keeps with this line (Word's heading styles do), and this line
            # with its chart: else the chart can begin the next page on its own
            document.add_paragraph(rated.summary).paragraph_format.keep_with_next = True
            picture(rating_chart(rated, "png"))
        if values["themes"]:
            document.add_heading("Common themes", 2)
            table(["Theme", "Responses that mention it"],
                  [[t, str(n)] for t, n in values["themes"]])
        if report.gems:
            document.add_heading("Gems", 2)
            for gem in report.gems:
                document.add_paragraph(gem, style="Intense Quote")
    _docx_plan(document, values, table)
    if values["equality"] is not None:
        document.add_heading("Equality monitoring", 1)
        document.add_paragraph(EQUALITY_NOTE + f" Forms returned: {values['equality']['forms']}."
                               f" {values['equality']['publish_once']}")
        for protected in values["equality"]["tables"]:
            document.add_heading(protected.title, 2)
            table(["", *protected.columns],
                  [[r, *c] for r, c in
                                             zip(protected.rows, protected.cells, strict=True)])
            for note in protected.notes:  # what was pooled or hidden, under the table
                document.add_paragraph(note)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


SHARES_NOTE = ("Shares: people paired, of those who volunteered; choices met and feedback "
               "responses, of the people paired; visits, pairs and reflections, of those due.")
NO_PLAN = ("The celebration tables' findings are not part of this report, so it holds no action "
           "plan yet.")
EQUALITY_NOTE = ("Counts are rounded to the nearest 5; * marks a count from 1 to 7, or one "
                 "hidden so that it cannot be worked out from the totals.")


def _listed(book: PairsWorkbook) -> tuple[int, int] | None:
    """(listed, active) from the Summary sheet (of ``book.sheets``), when it has both as
    numbers; people who withdrew from the scheme after being paired are in the record (the
    Withdrawn sheet) and count as active here, so that nobody is left out twice."""
    from .history import summary_of

    summary = next((g for g in book.sheets or () if g.is_sheet("Summary")), None)
    found = {row.get("item", ""): row.get("value", "") for row in
             (summary_of(summary) if summary is not None else [])}
    recorded = len({w.key for w in book.withdrawals if w.whole_scheme and w.key})
    try:
        listed, active = int(found["Volunteers in the workbook"]), int(found["Active volunteers"])
    except (KeyError, ValueError):
        return None
    return listed, min(listed, active + recorded)


def _intro(report: Report) -> str:
    """The opening paragraph, the same in the page and in Word: what the report covers, the
    day its figures were read (and whether the exchange is still running), and who is not in
    them."""
    s = report.scheme
    when = f" ({day_month_year(s.start)} to {day_month_year(s.end)})" if s.start and s.end else ""
    sources = ["the pairs workbook"] + (["the feedback survey"] if report.feedback else []) + \
        (["the equality monitoring forms"] if report.equality else []) + \
        (["the celebration tables' findings"] if report.plan else [])
    listed = and_list(sources)
    text = f"What the scheme{when} achieved, drawn from its own records: {listed}."
    if report.as_at:
        text += f" Figures as at {day_month_year(report.as_at)}"
        text += (f"; the exchange runs until {day_month_year(s.end)}, so visits are still being "
                 "made." if s.end and report.as_at <= s.end else ".")
    if report.listed and report.listed[0] > report.listed[1]:
        gone = report.listed[0] - report.listed[1]
        text += (f" When the pairs were made the volunteer workbook listed {report.listed[0]} "
                 f"people, {plural(gone, 'of whom was', 'of whom were')} no longer active; "
                 f"{'they are' if gone > 1 else 'that person is'} not counted below.")
    return text


def _withdrawn_note(f: Figures) -> str:
    n = f.visits_done_withdrawn
    if not n:
        return ""
    return f", including {n} by {'a pair' if n == 1 else 'pairs'} that later withdrew"


def _ended_note(f: Figures) -> str:
    """The reflections among those returned from people whose pair has since ended."""
    n = f.reflections_returned_withdrawn
    if not n:
        return ""
    return f", including {n} from {'someone whose pair' if n == 1 else 'people whose pairs'} " \
        "later ended"


def _visits_sentence(values: dict[str, Any]) -> str:
    f: Figures = values["figures"]
    text = (f"{f.visits_done} of {f.visits_total} half-day visits "
            f"{'was' if f.visits_done == 1 else 'were'} completed{_withdrawn_note(f)}")
    first, last = values["first_visit"], values["last_visit"]
    if first and first == last:  # one day: named once
        every = "" if f.visits_done == 1 else "all " if not values["undated"] else \
            "every dated one "
        text += f", {every}on {values['date'](first)}"
    elif first:
        text += f", the first on {values['date'](first)} and the last on {values['date'](last)}"
    text += f". {f.pairs_complete} of {plural(f.pairs, 'pair')} did both."
    if f.visits_planned:
        text += (f" {plural(f.visits_planned, 'more visit')} "
                 f"{'is' if f.visits_planned == 1 else 'are'} arranged for the days ahead.")
    if values["undated"]:
        undated = values["undated"]
        text += (f" {plural(undated, 'completed visit')} "
                 f"{'has' if undated == 1 else 'have'} no date and "
                 f"{'is' if undated == 1 else 'are'} not on the chart.")
    return text


def _docx_plan(document: Any, values: dict[str, Any],
               table: Callable[[list[str], list[list[str]]], None]) -> None:
    plan = values["plan"]
    document.add_heading("Action plan", 1)
    if plan is None:
        document.add_paragraph(NO_PLAN)
    else:
        document.add_paragraph(" ".join(text for text, _ in plan_sentences(plan)))
        for lead, actions in plan.groups():
            document.add_heading(lead, 2)
            table(["Action", "By when", "Confidence", "Table"],
                  [[a.action + (f"\nSupported by {a.support}" if a.support else "") +
                    (f"\nHow we will know: {a.measure}" if a.measure else ""),
                    day_month_year(a.due) if a.due else a.due_text or "no date set",
                    a.confidence or "-", a.table or "-"]
                   for a in actions])
        for heading, points in values["swot"]:
            if points:
                document.add_heading(heading, 2)
                for point in points:
                    document.add_paragraph(point.point, style="List Bullet")
    document.add_heading("Health inequalities", 1)
    if plan is None:
        document.add_paragraph("Without the tables' findings there is nothing to report here.")
        return
    document.add_paragraph(values["inequality_text"])
    for label, actions in (("Expected to narrow them", values["narrowing"]),
                           ("Could widen them: check before going ahead", values["widening"])):
        if actions:
            document.add_heading(label, 2)
            for action in actions:
                document.add_paragraph(action.action + (f" ({action.notes})" if action.notes
                                                        else ""), style="List Bullet")


def plan_sentences(plan: ActionPlan) -> list[tuple[str, bool]]:
    """The sentences above the action plan, each with whether it is a warning (the page
    shows those in colour): how many actions, how many still need a lead or have no date."""
    sentences = [(f"{plural(len(plan.actions), 'action')} proposed by the celebration tables, "
                  "grouped by who leads them.", False)]
    if plan.without_lead:
        sentences.append((f"{plural(len(plan.without_lead), 'still needs', 'still need')} "
                          "a lead.", True))
    if plan.without_date:
        sentences.append((f"{plural(len(plan.without_date), 'has', 'have')} no date.", True))
    return sentences


def inequality_sentence(counts: dict[str, int], total: int) -> str:
    """One sentence whose counts add up to ``total`` (each action has exactly one answer)."""
    def were(n: int) -> str:
        return f"{n} was" if n == 1 else f"{n} were"

    return (f"Of {total} proposed action{'' if total == 1 else 's'}, the tables expect "
            f"{counts.get('Should narrow them', 0)} to narrow health inequalities and "
            f"{counts.get('Could widen them', 0)} to risk widening them; "
            f"{counts.get('No likely effect', 0)} should make no difference, the tables were "
            f"unsure about {counts.get('Not sure', 0)}, and "
            f"{were(counts.get('Not considered', 0))} not assessed.")
