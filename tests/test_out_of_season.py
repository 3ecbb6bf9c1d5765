"""Letters written after the day they were for, and reminders before any visit is owed.

The example scheme (examples/scheme.toml) runs from Monday 19 April to Monday 19 July 2027,
with the celebration on Thursday 29 July 2027. Every date below is worked out by hand from
those three.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wessex_cli.documents import list_templates
from wessex_cli.scheme import load_scheme

from .conftest import EXAMPLES, Runner, few_pairs
from .test_lifecycle import mail


@pytest.fixture
def scheme_folder(tmp_path: Path) -> Path:
    """The example scheme with two of its pairs: a warning is said once for a render, and
    the letters of their people show it stops none being written."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    few_pairs(tmp_path / "pairs.xlsx", 2)
    return tmp_path


def said(result: object) -> str:
    return " ".join(str(getattr(result, "output", "")).split())


def test_which_built_in_documents_have_a_day_after_which_they_are_out_of_date() -> None:
    """Declared in each template's front matter: recruiting letters before the start, the
    introduction and the patients' notice up to the end, the celebration's papers and the
    reminder up to the celebration; the reflection, the equality form and the certificates
    have no such day."""
    templates = {t.name: t for t in list_templates(load_scheme(EXAMPLES / "scheme.toml"))}
    assert {n for n, t in templates.items() if t.before_start} == {
        "business-case", "call-to-action", "preferences-request"}
    assert {n: t.until for n, t in templates.items() if t.until} == {
        "partner-introduction": "end", "patient-notice": "end",
        "celebration-invite": "celebration", "event-planning": "celebration",
        "event-findings": "celebration", "table-feedback": "celebration",
        "reminder": "celebration"}
    assert all(t.until_advice for t in templates.values() if t.until)
    assert {n: t.from_ for n, t in templates.items() if t.from_} == {
        "reminder": "start", "celebration-invite": "end"}
    assert all(t.from_advice for t in templates.values() if t.from_)


def test_an_invitation_written_after_the_celebration_says_the_day_has_passed(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Thursday 5 August 2027 the invitations asked people to an event a week gone."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-05")
    result = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "late")
    assert ("Warning: 'celebration-invite' is meant for use up to the celebration, which was "
            "on Thursday 29 July 2027. Do not send these invitations to an event that is "
            "over. If the celebration has moved, set its new day in [celebration] date in "
            "scheme.toml and render again.") in said(result)
    assert len(list((scheme_folder / "late" / "celebration-invite").glob("*.eml"))) == 5
    # (both people of both pairs, and Maryam Kowalczyk, who is on the Unpaired sheet)
    # on the day itself the invitation is late but the event has not passed: no warning
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-29")
    on_the_day = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "day")
    assert "is meant for use up to" not in said(on_the_day)


def test_an_introduction_written_after_the_end_says_the_exchange_has_ended(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-20")  # the day after the end
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "late")
    assert ("Warning: 'partner-introduction' is meant for use up to the end of the exchange, "
            "which was on Monday 19 July 2027. It asks each pair to arrange visits before "
            "that day. If these pairs really are to meet now, move [dates] end in "
            "scheme.toml") in said(result)
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-19")  # the last day: visits can still happen
    last_day = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "-o", "day")
    assert "is meant for use up to" not in said(last_day)


@pytest.mark.parametrize("document,day", [
    ("patient-notice", "the end of the exchange, which was on Monday 19 July 2027"),
    ("event-planning", "the celebration, which was on Thursday 29 July 2027"),
    ("event-findings", "the celebration, which was on Thursday 29 July 2027"),
    ("table-feedback", "the celebration, which was on Thursday 29 July 2027"),
])
def test_the_other_documents_whose_day_has_passed_warn(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch,
        document: str, day: str) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-05")
    result = run("render", document, "--pairs", "pairs.xlsx", "-o", "late")
    assert f"Warning: '{document}' is meant for use up to {day}." in said(result)


def test_a_business_case_after_the_start_warns_like_the_call_to_action(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-19")
    result = run("render", "business-case", "-o", "late")
    assert ("'business-case' is meant to go out before the exchange starts, and it started "
            "on Monday 19 April 2027.") in said(result)
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-18")
    assert "meant to go out before" not in said(run("render", "business-case", "-o", "early"))


def test_the_front_matter_decides_not_the_name(run: Runner, scheme_folder: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """An administrator's own letter that declares until = "end" warns after the end; a copy
    of the invitation that declares no day does not; a day wessex does not know is an error
    naming the template."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-05")
    own = scheme_folder / "templates"
    own.mkdir()
    (own / "thanks.md.j2").write_text('+++\naudience = "scheme"\nuntil = "end"\n+++\nThanks\n')
    result = run("render", "thanks", "-o", "t")
    assert ("'thanks' is meant for use up to the end of the exchange, which was on Monday 19 "
            "July 2027. Check [dates] end in scheme.toml before sending it.") in said(result)
    (own / "celebration-invite.md.j2").write_text(
        '+++\naudience = "volunteer"\nuntil = ""\n+++\nCome along\n')
    quiet = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "c")
    assert "is meant for use up to" not in said(quiet)
    (own / "thanks.md.j2").write_text('+++\naudience = "scheme"\nuntil = "tomorrow"\n+++\nX\n')
    bad = run("render", "thanks", "-o", "u", code=1)
    assert "template 'thanks' has until = 'tomorrow'" in said(bad)
    assert "Use one of: end, celebration" in said(bad)


def test_remind_before_the_start_writes_nothing_and_says_why(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A week before the exchange starts, 60 reminders told people that neither half day had
    taken place yet. No visit can be owed before Monday 19 April 2027."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-12")
    result = run("remind", "pairs.xlsx", "-o", "rb")  # nothing to do: exit 0
    assert ("The exchange starts on Monday 19 April 2027, so no visit is owed yet: nobody to "
            "remind, nothing written.") in said(result)
    # the setting is named as it is written, brackets and all (the terminal took them for
    # a style and printed "correct  start")
    assert "or correct [dates] start in scheme.toml" in said(result)
    assert not (scheme_folder / "rb").exists()
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-19")  # from the first day, as before
    assert "Wrote 4 reminders" in said(run("remind", "pairs.xlsx", "-o", "r"))


def test_reminders_after_the_end_ask_what_happened_and_after_the_celebration_warn(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-26")  # after the end, before the celebration
    between = run("remind", "pairs.xlsx", "-o", "r1")
    assert "is meant for use up to" not in said(between)
    assert len(list((scheme_folder / "r1").rglob("*.eml"))) == 4  # nobody's visit recorded
    letters = mail(scheme_folder / "r1")
    for letter in letters.values():
        text = str(letter["text"])
        assert "The exchange period ended on Monday 19 July 2027. If either half day with " \
            in text
        assert "please reply with its date so that we can record it" in text
        assert "this week" not in text and "arrange" not in text
    monkeypatch.setenv("WESSEX_TODAY", "2027-08-05")
    after = run("remind", "pairs.xlsx", "-o", "r2")
    assert ("Warning: 'reminder' is meant for use up to the celebration, which was on "
            "Thursday 29 July 2027. The scheme is over: rather than send reminders, ask these "
            "people whether their visits took place") in said(after)


def test_reminders_rendered_before_the_start_warn_that_nothing_is_owed_yet(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A week before Monday 19 April 2027 'render reminder' wrote 60 chasing e-mails without a
    word; 'wessex remind' refuses on the same day. From the first day, no warning."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-12")
    result = run("render", "reminder", "--pairs", "pairs.xlsx", "-o", "early")
    assert ("Warning: 'reminder' is meant for use from the start of the exchange, which is "
            "not until Monday 19 April 2027. Before then no visit can be owed, so there is "
            "nobody to chase: do not send these.") in said(result)
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-19")
    on_the_day = run("render", "reminder", "--pairs", "pairs.xlsx", "-o", "day")
    assert "is meant for use from" not in said(on_the_day)


def test_invitations_rendered_before_the_end_warn_that_the_visits_are_not_over(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Saturday 10 July 2027, nine days before the exchange ends, the invitation to share
    what was learnt went to 60 people with no warning."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-10")
    result = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "early")
    assert ("Warning: 'celebration-invite' is meant for use from the end of the exchange, "
            "which is not until Monday 19 July 2027. The invitation speaks of what has been "
            "learnt, so it goes out once the visits are over") in said(result)
    assert "up to the celebration" not in said(result)
    monkeypatch.setenv("WESSEX_TODAY", "2027-07-20")
    after = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "-o", "late")
    assert "is meant for use from" not in said(after)


def test_an_own_copy_keeps_the_built_in_from_and_an_own_letter_declares_its_own(
        run: Runner, scheme_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An administrator's copy of the reminder made before 'from' existed still warns; one
    that says from = "" does not; an own letter with from = "end" gets the plain advice; a
    day wessex does not know is an error naming the template."""
    monkeypatch.setenv("WESSEX_TODAY", "2027-04-12")
    own = scheme_folder / "templates"
    own.mkdir()
    old_copy = '+++\naudience = "pair"\nonly_chased = true\n+++\nHello {{ person.name }}\n'
    (own / "reminder.md.j2").write_text(old_copy)
    result = run("render", "reminder", "--pairs", "pairs.xlsx", "-o", "a")
    assert "'reminder' is meant for use from the start of the exchange" in said(result)
    (own / "reminder.md.j2").write_text(old_copy.replace("+++\nHello", 'from = ""\n+++\nHello'))
    quiet = run("render", "reminder", "--pairs", "pairs.xlsx", "-o", "b")
    assert "is meant for use from" not in said(quiet)
    (own / "wrap-up.md.j2").write_text('+++\naudience = "scheme"\nfrom = "end"\n+++\nDone\n')
    plain = run("render", "wrap-up", "-o", "c")
    assert ("'wrap-up' is meant for use from the end of the exchange, which is not until "
            "Monday 19 July 2027. Check [dates] end in scheme.toml before sending it.") \
        in said(plain)
    (own / "wrap-up.md.j2").write_text('+++\naudience = "scheme"\nfrom = "soon"\n+++\nX\n')
    bad = run("render", "wrap-up", "-o", "d", code=1)
    assert "template 'wrap-up' has from = 'soon'" in said(bad)
    assert "Use one of: start, end" in said(bad)
