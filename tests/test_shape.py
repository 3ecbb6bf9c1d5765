"""Issue 14.3: pages from autoescaped templates, document behaviour declared in front
matter (not by template name), and the feedback pipeline in separately testable steps."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from wessex_cli.documents import list_templates, load_template, recipients
from wessex_cli.model import PairRecord, Person
from wessex_cli.scheme import Scheme, load_scheme

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = dt.date(2027, 6, 1)


def _person(name: str, email: str, side: str, profession: str) -> Person:
    return Person(name, email, side=side, profession=profession, organisation="Somewhere")


@pytest.fixture
def scheme(tmp_path: Path) -> Scheme:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    (tmp_path / "templates").mkdir()
    return load_scheme(tmp_path / "scheme.toml")


def _own(scheme: Scheme, name: str, front: str, body: str = "Hello {{ person.name }}\n") -> None:
    assert scheme.source is not None
    folder = scheme.source.parent / "templates"
    (folder / f"{name}.md.j2").write_text(f"+++\n{front}\n+++\n{body}", encoding="utf-8")


def _pairs(scheme: Scheme) -> list[PairRecord]:
    gp, hospital = scheme.sides[0], scheme.sides[1]
    a = _person("Dr Ada Quill", "ada@example.org", gp.key, gp.professions[0])
    b = _person("Bo Lantern", "bo@example.org", hospital.key, hospital.professions[0])
    c = _person("Dr Cy Marsh", "cy@example.org", gp.key, gp.professions[0])
    d = _person("Di Fennel", "di@example.org", hospital.key, hospital.professions[0])
    done = PairRecord.with_visits("P1", a, b, (True, True),
                                  (dt.date(2027, 5, 3), dt.date(2027, 5, 10)))
    owed = PairRecord("P2", c, d)
    return [done, owed]


def test_only_chased_is_read_from_front_matter(scheme: Scheme) -> None:
    # a template of any name that declares only_chased writes only to people still owing;
    # one that does not writes to everyone in a pair
    _own(scheme, "nudge", 'audience = "pair"\nonly_chased = true')
    _own(scheme, "hello", 'audience = "pair"')
    pairs = _pairs(scheme)
    nudged = recipients(load_template("nudge", scheme), scheme, pairs=pairs, now=TODAY)
    assert sorted(r.email for r in nudged) == ["cy@example.org", "di@example.org"]
    everyone = recipients(load_template("hello", scheme), scheme, pairs=pairs, now=TODAY)
    assert len(everyone) == 4


def test_the_reminder_is_not_special_by_name(scheme: Scheme) -> None:
    builtin = {t.name: t for t in list_templates(Scheme())}
    assert builtin["reminder"].only_chased and builtin["call-to-action"].per_profession
    assert not any(t.only_chased or t.per_profession for name, t in builtin.items()
                   if name not in {"reminder", "call-to-action"})
    # an administrator's own "reminder" that declares only_chased = false goes to everyone
    _own(scheme, "reminder", 'audience = "pair"\nonly_chased = false')
    people = recipients(load_template("reminder", scheme), scheme, pairs=_pairs(scheme),
                        now=TODAY)
    assert len(people) == 4


def test_a_copy_without_the_new_keys_keeps_the_builtin_behaviour(scheme: Scheme) -> None:
    # a copy of a built-in template made before only_chased/per_profession existed
    _own(scheme, "reminder", 'audience = "pair"')
    _own(scheme, "call-to-action", 'audience = "scheme"', "For {{ profession }}\n")
    reminder = load_template("reminder", scheme)
    assert reminder.user and reminder.only_chased
    people = recipients(reminder, scheme, pairs=_pairs(scheme), now=TODAY)
    assert sorted(r.email for r in people) == ["cy@example.org", "di@example.org"]
    adverts = recipients(load_template("call-to-action", scheme), scheme, now=TODAY)
    assert all(advert.stem.startswith("call-to-action-") for advert in adverts)
    assert [advert.context["profession"] for advert in adverts] == \
        [p for side in scheme.sides for p in side.professions]


def test_per_profession_is_read_from_front_matter(scheme: Scheme) -> None:
    _own(scheme, "advert", 'audience = "scheme"\nper_profession = true',
         "Wanted: {{ profession }} ({{ other_side.label }})\n")
    one, *others = recipients(load_template("advert", scheme), scheme, now=TODAY)
    wanted = scheme.sides[0].professions[0]
    assert one.context["profession"] == wanted
    assert one.stem.startswith("advert-") and one.stem != "advert"
    assert len(others) == sum(len(side.professions) for side in scheme.sides) - 1
    _own(scheme, "call-to-action", 'audience = "scheme"\nper_profession = false', "Plain\n")
    (plain,) = recipients(load_template("call-to-action", scheme), scheme, now=TODAY)
    assert plain.stem == "call-to-action" and "profession" not in plain.context


def test_document_page_escapes_its_title_and_keeps_the_body() -> None:
    from wessex_cli.formats import to_html

    page = to_html("# Hi\n\nSome *text*\n\n___\n", 'Tea & <b>cake</b> "now"')
    assert page.startswith("<!DOCTYPE html>\n")
    assert "<title>Tea &amp; &lt;b&gt;cake&lt;/b&gt; &#34;now&#34;</title>" in page
    assert "<h1>Hi</h1>\n<p>Some <em>text</em></p>\n<div class=\"write\"></div>\n" in page
    assert ".write { border: 1px solid #999;" in page  # the shared style sheet is inlined


def test_page_templates_are_not_documents() -> None:
    names = {t.name for t in list_templates(Scheme())}
    assert not any(name.startswith(("document", "delegate", "equality-report")) for name in names)


# ---------------------------------------------------------------- feedback, step by step

def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


SURVEY_HEADERS = ["Date completed", "Your name", "Profession",
                  "What surprised you on your visit?", "What will you take back?",
                  "How useful was it? (1-5)", "Any other comments"]


def test_read_responses_sorts_columns_by_kind(tmp_path: Path) -> None:
    from wessex_cli.feedback import read_responses

    path = _write_csv(tmp_path / "r.csv", [
        SURVEY_HEADERS,
        ["2027-07-01", "Dr Wren Halloway", "GP", "The queue", "n/a", "4", "Good tea"],
        ["2027-07-02", "Piet Osei; P. Osei", "Nurse", "", "Phone first", "Agree", ""],
        ["", "", "", "", "", "", ""],  # an empty row is not a response
    ])
    survey = read_responses(path)
    assert survey.responses == 2
    assert survey.groups == ["GP", "Nurse"]
    assert survey.reflective == [("surprise", ["The queue", ""]),
                                 ("take_back", ["n/a", "Phone first"])]
    assert survey.other_text == [["Good tea", ""]]
    assert [(r.question, r.scale, r.values) for r in survey.rated] == \
        [("How useful was it? (1-5)", (1, 5), [4, 4])]
    # a cell naming several people gives each, as read from the workbooks (``_entries``):
    # the space after the semicolon is no part of a name
    assert survey.respondent_names == ["Dr Wren Halloway", "Piet Osei", "P. Osei"]


def test_pool_groups_hides_small_groups() -> None:
    from wessex_cli.feedback import pool_groups

    big = ["GP"] * 6 + ["Nurse"] * 3
    assert pool_groups(big + ["Pharmacist"]) == \
        ["GP"] * 6 + ["Other professions"] * 4  # Nurse (3 < 6) joins a lone pharmacist
    assert pool_groups(["GP"] * 3 + ["Nurse"] * 3) == ["GP"] * 3 + ["Nurse"] * 3
    # a lone nurse would be "Other professions" of one: GP (3 < 6) joins to make four, and
    # a pool of everyone is "All respondents", other than no profession shown
    assert pool_groups(["GP"] * 3 + ["Nurse"]) == ["All respondents"] * 4
    # four GPs, three consultants and a pharmacist: every group pooled (user36's pack headed
    # them all "Other professions", its note saying only groups under three were pooled)
    assert pool_groups(["GP"] * 4 + ["Consultant"] * 3 + ["Pharmacist"]) == \
        ["All respondents"] * 8
    # six GPs stay a group, and one other cannot be shown: everyone is one group
    assert pool_groups(["GP"] * 6 + ["Nurse"]) == ["All respondents"] * 7
    assert pool_groups(["", "", ""]) == ["Not stated"] * 3


def test_anonymise_survey_cleans_every_free_text_answer() -> None:
    from wessex_cli.feedback import Survey, anonymise_survey

    survey = Survey(3, ["GP", "GP", "GP"],
                    [("surprise", ["Wren was kind", "None", "call 07700 900123"])],
                    [["Ask Halloway", "", "mail wren@example.org"]], [], ["Wren Halloway"])
    clean = anonymise_survey(survey, ["Dr Oona Pask"])
    assert clean.reflective == [("surprise", ["[name] was kind", "", "call [phone]"])]
    assert clean.other_text == [["Ask [name]", "", "mail [e-mail]"]]
    assert clean.respondent_names == [] and clean.groups == ["GP", "GP", "GP"]
    assert anonymise_survey(Survey(1, ["GP"], [("surprise", ["Oona helped"])], [], [], []),
                            ["Dr Oona Pask"]).reflective == [("surprise", ["[name] helped"])]


def test_analyse_survey_counts_repeats_and_themes() -> None:
    from wessex_cli.feedback import Survey, analyse_survey

    survey = Survey(3, ["GP", "GP", "Nurse"],
                    [("surprise", ["So busy", "so BUSY", "So busy"]),
                     ("take_back", ["", "", "More phone calls"])],
                    [["", "trust matters", ""]], [], [])
    pack = analyse_survey(survey, participants=6)
    assert pack.quotes["surprise"] == {"GP": ["So busy"], "Nurse": ["So busy"]}
    assert pack.people("surprise", "GP", "So busy") == 2
    assert pack.people("surprise", "Nurse", "So busy") == 1
    assert pack.quotes["expected"] == {}
    assert pack.themes["Workload"] == 3 and pack.themes["Communication"] == 1
    assert pack.themes["Mutual respect"] == 1
    assert pack.groups == {"GP": 2, "Nurse": 1} and pack.response_rate == 0.5


def _small_pack() -> object:
    from wessex_cli.feedback import FeedbackPack, Rated

    return FeedbackPack(
        4, {"surprise": {"GP <b>": ["It's <i>busy</i> & loud"]}, "expected": {},
            "take_back": {}},
        [Rated("Useful?", (1, 5), [4, 5, 5])], {"Workload": 1, "Referrals": 2}, 8,
        said_by={("surprise", "GP <b>", "It's <i>busy</i> & loud"): 2})


def test_pack_view_is_plain_data_in_reading_order() -> None:
    from wessex_cli.feedback import FeedbackPack, pack_view

    pack = _small_pack()
    assert isinstance(pack, FeedbackPack)
    view = pack_view(pack, "Exchange")
    assert view["summary"] == "4 responses from 8 participants (50%)."
    assert view["sections"] == [{"question": "Did anything surprise or shock you during the "
                                             "visit?",
                                 "groups": [{"name": "GP <b>", "quotes": [
                                     {"text": "It's <i>busy</i> & loud", "people": 2}]}]}]
    assert [t["name"] for t in view["themes"]] == ["Referrals", "Workload"]
    (rating,) = view["ratings"]
    assert (rating["mean"], rating["median"], rating["distribution"]) == \
        ("4.7", "5", "1: 0, 2: 0, 3: 0, 4: 1, 5: 2")


def test_pack_html_escapes_every_answer() -> None:
    from wessex_cli.feedback import FeedbackPack, pack_html, pack_markdown

    pack = _small_pack()
    assert isinstance(pack, FeedbackPack)
    page = pack_html(pack, "Tea & <Cake>")
    assert "<i>" not in page and "<b>" not in page and "Cake>" not in page
    assert "<title>Tea &amp; &lt;Cake&gt;: delegate pack</title>" in page
    assert ("<blockquote>It&#39;s &lt;i&gt;busy&lt;/i&gt; &amp; loud <span class=\"said-by\">"
            "(said by 2 people)</span></blockquote>") in page
    assert page.count("<svg") == 1 and page.endswith("</html>\n")
    assert "> It's <i>busy</i> & loud (said by 2 people)\n" in pack_markdown(pack, "Tea")


def test_equality_page_escapes_and_shows_published_counts() -> None:
    from wessex_cli.equality import ProtectedTable, report_html

    table = ProtectedTable("gender", "Gender <x>", ["Woman", "Total"], ["All", "GP & co"],
                           [["10", "*"], ["15", "5"]], ["Pooled <small> groups"])
    page = report_html([table], 3, "Scheme & <b>")
    assert "Forms returned: fewer than 8." in page  # 3 forms: too few to publish
    assert "<h1>Equality monitoring: Scheme &amp; &lt;b&gt;</h1>" in page
    assert ("<h2>Gender &lt;x&gt;</h2><table><tr><th></th><th>All</th><th>GP &amp; co</th>"
            "</tr><tr><th>Woman</th><td>10</td><td>*</td></tr><tr><th>Total</th><td>15</td>"
            "<td>5</td></tr></table><p class=\"note\">Pooled &lt;small&gt; groups</p>"
            "</body></html>\n") in page
    assert "Forms returned: about 40 (rounded to the nearest 5)." in report_html([], 41, "S")


def test_pack_from_files_takes_names_and_rate_from_the_workbooks(tmp_path: Path) -> None:
    from tests.conftest import person, write_book
    from wessex_cli.feedback import pack_from_files

    responses = _write_csv(tmp_path / "r.csv", [
        ["Profession", "What surprised you?"],
        *[["GP", "Chidi Zielinski and Quentin Marlowe were great"]] * 3])
    roster = write_book(tmp_path / "v.xlsx",
                        [person("Dr Quentin Marlowe", "quentin@example.org")])
    pack = pack_from_files(responses, volunteers=roster, pairs=EXAMPLES / "pairs.xlsx")
    assert pack.quotes["surprise"] == {"GP": ["[name] and [name] were great"]}
    assert pack.names_from == ("volunteer workbook", "pairs workbook")
    assert pack.participants == 59  # the example pairs workbook: 59 distinct paired people
    alone = pack_from_files(responses)
    assert alone.names_from == () and alone.participants is None
    assert alone.quotes["surprise"]["GP"] == ["Chidi Zielinski and Quentin Marlowe were great"]


def test_attachments_follow_front_matter_not_name(scheme: Scheme) -> None:
    from wessex_cli.documents import render_all

    _own(scheme, "hello", 'audience = "pair"\nsubject = "Hi"\n'
                          'attachments = ["patient-notice", "reflection"]')
    template = load_template("hello", scheme)
    people = recipients(template, scheme, pairs=_pairs(scheme)[1:], now=TODAY)
    done = render_all(template, people, "eml", scheme, allow_placeholders=True)
    attached = {r.recipient.email: [name for name, _ in r.attachments] for r, _ in done}
    # the patient notice's own audience (host-visit) sends it only to the host in general
    # practice (who has not hosted yet: the pair owes its visits); the reflection form
    # (audience scheme) goes to both
    assert attached == {"cy@example.org": ["patient-notice.docx", "reflection.docx"],
                        "di@example.org": ["reflection.docx"]}


def test_the_pack_says_a_small_profession_may_be_pooled_with_larger_ones() -> None:
    """The note said "professions with fewer than 3 respondents are pooled", untrue of four
    GPs pooled beside a lone pharmacist: it says now that larger professions join the pool
    where it would still be small."""
    from wessex_cli.feedback import FeedbackPack, privacy_statement

    pack = _small_pack()
    assert isinstance(pack, FeedbackPack)
    said = " ".join(privacy_statement(pack))
    assert "a profession with fewer than 3 respondents is not shown on its own: it is pooled " \
        "with others, and with larger professions too where that pool would still be small." \
        in said
    assert "professions with fewer than 3 respondents are pooled." not in said
