"""Plan, feedback and equality: timelines, anonymisation and disclosure control."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from wessex_cli.equality import SUPPRESS_BELOW, categorise, protect
from wessex_cli.feedback import Anonymiser, valid_nhs_number
from wessex_cli.timeline import MILESTONES, make_plan

from .conftest import EXAMPLES, Runner, person, write_book

VALID_NHS = ["9434765919", "9434765870", "4010232137"]


def test_plan_dates_follow_the_guide_for_every_start_in_a_year() -> None:
    day = dt.date(2027, 1, 4)
    while day < dt.date(2028, 1, 3):
        plan = make_plan(day)
        dates = {m.name: m.date for m in plan.milestones}
        assert [m.name for m in plan.milestones] == list(MILESTONES)
        assert 28 <= (day - dates["call-to-action"]).days <= 42 + 4
        assert 14 <= (day - dates["preferences-request"]).days <= 21 + 4
        # no e-mail goes between Christmas Eve and New Year's Day: across that break the
        # introductions go before it, up to twelve days ahead of a start on 4 January
        christmas = dates["introductions"].month == 12 and dates["introductions"].day <= 23
        assert 0 < (day - dates["introductions"]).days <= (12 if christmas else 7)
        assert not (dates["introductions"].month == 12 and dates["introductions"].day >= 24)
        assert dates["call-to-action"].weekday() < 5
        # replies are due on a working day, two days or more before the pairs are made
        assert dates["preferences-request"] < dates["replies"]
        assert (dates["pairing"] - dates["replies"]).days >= 2
        assert dates["replies"].weekday() < 5
        in_break = (dates["replies"].month, dates["replies"].day) >= (12, 24) or \
            (dates["replies"].month, dates["replies"].day) == (1, 1)
        assert in_break == any("The day replies are due falls" in w for w in plan.warnings)
        assert dates["end"] < dates["invitations"] <= dates["celebration"]
        # three months, ended on the last working day before they are up: a weekend, a bank
        # holiday or the Christmas break (a 1 January end goes back to 23 December) before
        assert 80 <= (dates["end"] - day).days <= 92 and dates["end"].weekday() < 5
        assert not ((dates["end"].month, dates["end"].day) >= (12, 24) or
                    (dates["end"].month, dates["end"].day) == (1, 1))
        assert 0 < (dates["celebration"] - dates["end"]).days <= 21
        # the celebration it chooses is on a working day (a Saturday, then a warning that
        # it fell on a Saturday, was the plan's own choice)
        assert dates["celebration"].weekday() < 5
        assert not any("The celebration event falls" in w for w in plan.warnings)
        q4 = any(dt.date(y, 1, 1) <= dates["end"] and day <= dt.date(y, 3, 31)
                 for y in (day.year, day.year + 1))
        assert q4 == any("QOF quarter 4" in w for w in plan.warnings)
        if any("overlaps" in w for w in plan.warnings):
            assert plan.suggestion is not None
            suggested = make_plan(plan.suggestion)
            assert not any("overlaps" in w for w in suggested.warnings)
            assert not any("The start of the exchange falls" in w for w in suggested.warnings)
        day += dt.timedelta(days=7)


def test_a_celebration_ten_days_after_the_end_on_a_saturday_moves_to_monday() -> None:
    """Start 1 December 2027: the end is Wednesday 1 March 2028, ten days on a Saturday."""
    dates = {m.name: m.date for m in make_plan(dt.date(2027, 12, 1)).milestones}
    assert (dates["end"], dates["celebration"]) == (dt.date(2028, 3, 1), dt.date(2028, 3, 13))


def test_replies_are_due_before_pairing_and_not_on_good_friday(run: Runner,
                                                               tmp_path: Path) -> None:
    """For a start on 24 April 2028 the letters asked for replies by Friday 14 April, Good
    Friday, the day after the plan paired the volunteers."""
    # nor is the start it suggests Easter Monday (17 April 2028)
    assert make_plan(dt.date(2028, 4, 24)).suggestion == dt.date(2028, 4, 10)
    plan = {m.name: m.date for m in make_plan(dt.date(2028, 4, 24)).milestones}
    assert plan["pairing"] == dt.date(2028, 4, 13)
    assert plan["replies"] == dt.date(2028, 4, 11)  # Tuesday: Thursday less two days
    shutil.copytree(EXAMPLES / "admin-staff", tmp_path, dirs_exist_ok=True)
    run("render", "preferences-request", "--volunteers", "volunteers.csv", "-o", "p")
    letter = next((tmp_path / "p" / "preferences-request").glob("*.eml")).read_text()
    assert "reply by Tuesday 11 April 2028" in " ".join(letter.split())


def test_the_preferences_request_leaves_a_week_for_replies_when_easter_pulls_pairing_in(
        run: Runner, tmp_path: Path) -> None:
    """For a start on Monday 13 April 2026 the plan sent the request on Friday 27 March and
    wanted replies by Tuesday 31 March: two working days. Good Friday (3 April) and Easter
    Monday (6 April) pull pairing back to Thursday 2 April, so the replies stay due on
    Tuesday 31 March, and the request goes out a week before it, on Tuesday 24 March (three
    weeks less six days before the start: inside the guide's two to three weeks)."""
    data = json.loads(run("plan", "--start", "2026-04-13", "--json").stdout)
    dates = {m["name"]: m["date"] for m in data["milestones"]}
    assert dates["call-to-action"] == "2026-03-09"
    assert dates["preferences-request"] == "2026-03-24"
    assert dates["replies"] == "2026-03-31"
    assert dates["pairing"] == "2026-04-02"
    assert dates["introductions"] == "2026-04-10"
    assert not any("working days for replies" in w for w in data["warnings"])
    # Easter 2028 (Good Friday 14 April): a start on 24 April sent the request on Friday 7
    # April for replies by Tuesday 11 April; now on Tuesday 4 April
    dates = {m.name: m.date for m in make_plan(dt.date(2028, 4, 24)).milestones}
    assert (dates["preferences-request"], dates["replies"], dates["pairing"]) == \
        (dt.date(2028, 4, 4), dt.date(2028, 4, 11), dt.date(2028, 4, 13))
    # an ordinary Monday start is as it was: Friday to Friday, pairing the Monday after
    dates = {m.name: m.date for m in make_plan(dt.date(2027, 4, 19)).milestones}
    assert (dates["preferences-request"], dates["replies"], dates["pairing"]) == \
        (dt.date(2027, 4, 2), dt.date(2027, 4, 9), dt.date(2027, 4, 12))


def test_a_request_that_christmas_leaves_short_of_a_week_is_warned_about() -> None:
    """A start on Monday 6 January 2025: the request can go no sooner than Monday 16
    December (three weeks before), pairing no later than Monday 23 December (the break
    follows), and replies are due two days before it, on Friday 20 December: four working
    days. The plan says so rather than print the dates as if they were fine."""
    plan = make_plan(dt.date(2025, 1, 6))
    dates = {m.name: m.date for m in plan.milestones}
    assert (dates["preferences-request"], dates["replies"], dates["pairing"]) == \
        (dt.date(2024, 12, 16), dt.date(2024, 12, 20), dt.date(2024, 12, 23))
    assert ("The preferences request (16 December 2024) leaves only 4 working days for "
            "replies (due 20 December 2024) outside the holidays, not a week") in \
        " ".join(plan.warnings)


def test_replies_due_in_the_christmas_break_are_warned_about() -> None:
    """A start on Monday 11 January 2027: the request goes on Tuesday 22 December 2026 and
    replies are due on Thursday 31 December, inside the break. The days from Christmas Eve
    count for no one's reply, so the plan says there is one working day (23 December) and
    that the day replies are due falls in the break."""
    plan = make_plan(dt.date(2027, 1, 11))
    dates = {m.name: m.date for m in plan.milestones}
    assert (dates["preferences-request"], dates["replies"]) == (dt.date(2026, 12, 22),
                                                                dt.date(2026, 12, 31))
    said = " ".join(plan.warnings)
    assert "leaves only 1 working day for replies (due 31 December 2026) outside the " \
        "holidays" in said
    assert "The day replies are due falls between Christmas Eve and New Year's Day (31 " \
        "December 2026)" in said


def test_every_start_for_three_years_gives_a_week_for_replies_or_says_why() -> None:
    import holidays

    closed = holidays.country_holidays("GB", subdiv="ENG", years=range(2025, 2030))
    day = dt.date(2026, 1, 1)
    while day < dt.date(2029, 1, 1):
        plan = make_plan(day)
        dates = {m.name: m.date for m in plan.milestones}
        asked, due = dates["preferences-request"], dates["replies"]
        working = [asked + dt.timedelta(days=n) for n in range(1, (due - asked).days + 1)]
        working = [d for d in working if d.weekday() < 5 and d not in closed and
                   not ((d.month, d.day) >= (12, 24) or (d.month, d.day) == (1, 1))]
        short = any(re.search(r"working days? for replies", w) for w in plan.warnings)
        assert (len(working) < 5) == short, (day, asked, due)
        if short:  # only where Christmas crowds the weeks before the start: its break (24
            # December to 1 January) between the week before the request and the start
            near = [asked + dt.timedelta(days=n) for n in range(-7, (day - asked).days)]
            assert any((d.month, d.day) >= (12, 24) or (d.month, d.day) == (1, 1)
                       for d in near), day
        # inside the guide's two to three weeks (a few days more across a break), and due
        # before the pairs are made (the day before, when Christmas leaves no other day)
        assert 14 <= (day - asked).days <= 25 and due < dates["pairing"]
        day += dt.timedelta(days=1)


def test_plan_warns_about_summer_and_bank_holidays() -> None:
    summer = make_plan(dt.date(2027, 6, 7))
    assert any("summer holidays" in w for w in summer.warnings)
    easter = make_plan(dt.date(2027, 3, 29))  # Easter Monday 2027
    assert any("bank holiday (Easter Monday" in w for w in easter.warnings)


def test_plan_warnings_read_as_sentences_with_dates_as_letters_write_them() -> None:
    summer = make_plan(dt.date(2027, 6, 7))
    assert summer.warnings[0] == (
        "The exchange (7 June 2027 to 7 September 2027) overlaps the school summer holidays "
        "(22 July to 2 September 2027), when many people are away.")
    easter = make_plan(dt.date(2027, 3, 29))
    assert "The start of the exchange falls on a bank holiday (Easter Monday, 29 March 2027)." \
        in easter.warnings
    weekend = make_plan(dt.date(2027, 5, 1))  # a Saturday
    assert "The start of the exchange falls on a Saturday (1 May 2027)." in weekend.warnings


def test_a_celebration_set_long_after_a_new_end_is_warned_about() -> None:
    """The guide holds the celebration shortly after the end. A start moved earlier with
    --start leaves scheme.toml's celebration months later: the plan shows the date it set
    (the invitations print it) and says so; six weeks after is still shortly."""
    from wessex_cli.scheme import Celebration, Scheme

    scheme = Scheme(celebration=Celebration(date=dt.date(2027, 7, 29)))
    # three months run to Sunday 11 April: the plan ends them on Friday 9 April
    plan = make_plan(dt.date(2027, 1, 11), scheme)
    assert {m.name: m.date for m in plan.milestones}["celebration"] == dt.date(2027, 7, 29)
    assert ("The celebration set in scheme.toml (29 July 2027) is 15 weeks after the "
            "exchange ends (9 April 2027); the guide holds it shortly after") in \
        " ".join(plan.warnings)
    near = Scheme(celebration=Celebration(date=dt.date(2027, 5, 21)))  # 42 days after
    assert not any("celebration set" in w for w in make_plan(dt.date(2027, 1, 11), near).warnings)


def test_plan_cli_json_ics_and_save(run: Runner, tmp_path: Path) -> None:
    toml = tmp_path / "scheme.toml"
    toml.write_text("# my notes\n[scheme]\nname = \"Test\"  # keep me\n\n[celebration]\n"
                    "time = \"18:30\"\nvenue = \"Hall\"\n")
    data = json.loads(run("plan", "--start", "2027-04-19", "--json", "--ics", "cal.ics",
                          "--save").stdout)
    assert [m["name"] for m in data["milestones"]] == list(MILESTONES)
    assert data["warnings"] == []
    calendar = Calendar.from_ical((tmp_path / "cal.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 9
    party = next(e for e in events if "Celebration" in str(e.get("summary")))
    assert party.decoded("dtstart").replace(tzinfo=None) == dt.datetime(2027, 7, 29, 18, 30)
    assert str(party.get("location")) == "Hall"
    text = toml.read_text()
    assert "# my notes" in text and "# keep me" in text and "start = 2027-04-19" in text
    run("plan")  # the saved start is used next time
    assert "no start date" in Runner(tmp_path / "..")("plan", code=1).output


@pytest.mark.parametrize(("start", "party", "offset", "in_utc"), [
    # summer: 18:30 in England is British Summer Time, an hour ahead of UTC
    ("2027-04-19", "2027-07-29", dt.timedelta(hours=1), dt.datetime(2027, 7, 29, 17, 30)),
    # winter: Greenwich Mean Time, UTC itself
    ("2027-09-06", "2027-12-09", dt.timedelta(0), dt.datetime(2027, 12, 9, 18, 30)),
])
def test_the_celebration_in_the_calendar_is_at_englands_time(
        run: Runner, tmp_path: Path, start: str, party: str, offset: dt.timedelta,
        in_utc: dt.datetime) -> None:
    """The calendar's celebration had a floating time, which a device reads in its own zone:
    18:30 in England became 18:30 in Dublin's winter or New York. It carries Europe/London,
    defined in the file (VTIMEZONE) for Outlook; the milestones stay whole days."""
    (tmp_path / "scheme.toml").write_text(
        f'[dates]\nstart = {start}\n\n[celebration]\ndate = {party}\ntime = "18:30"\n'
        'end_time = "21:00"\nvenue = "Hall"\n')
    run("plan", "--ics", "c.ics")
    text = (tmp_path / "c.ics").read_text()
    day = party.replace("-", "")
    assert f"DTSTART;TZID=Europe/London:{day}T183000" in text
    assert f"DTEND;TZID=Europe/London:{day}T210000" in text
    calendar = Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    (celebration,) = [e for e in events if "Celebration" in str(e.get("summary"))]
    begin = celebration.decoded("dtstart")
    assert str(begin.tzinfo) == "Europe/London" and begin.utcoffset() == offset
    assert begin.astimezone(dt.UTC) == in_utc.replace(tzinfo=dt.UTC)
    assert celebration.decoded("dtend").astimezone(dt.UTC) == \
        (in_utc + dt.timedelta(hours=2, minutes=30)).replace(tzinfo=dt.UTC)
    # the zone is defined in the file, as RFC 5545 asks: read from its VTIMEZONE alone (not
    # the TZID looked up in this machine's zones), it gives the same offset
    (zone,) = calendar.timezones
    assert zone.tz_name == "Europe/London" and calendar.get_missing_tzids() == set()
    own = zone.to_tz(lookup_tzid=False)
    assert begin.replace(tzinfo=own).utcoffset() == offset
    # the eight milestones are all-day: dates, a day long, in no zone
    days = [e for e in events if e is not celebration]
    assert len(days) == 8
    assert all(type(e.decoded("dtstart")) is dt.date and
               e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(days=1) for e in days)
    assert text.count("DTSTART;VALUE=DATE:") == 8


def test_plan_save_with_the_same_dates_changes_nothing(run: Runner, tmp_path: Path) -> None:
    # a second --save of the same dates made a backup each time, pushing out older versions
    # (five are kept): the file and its backups stay as they were, and the output says so
    from wessex_cli.safe_write import backups_of

    toml = tmp_path / "scheme.toml"
    toml.write_text("# my notes\n[scheme]\nname = \"Test\"\n")
    first = run("plan", "--start", "2027-04-19", "--save").output
    assert "Saved the dates in scheme.toml" in " ".join(first.split())
    saved, backups = toml.read_bytes(), backups_of(toml)
    assert len(backups) == 1  # the version before the dates
    again = " ".join(run("plan", "--start", "2027-04-19", "--save").output.split())
    assert "scheme.toml already holds these dates, so it was left as it was." in again
    assert toml.read_bytes() == saved and backups_of(toml) == backups
    # (the start saved, 19 April, is before today: moving it takes --force)
    moved = " ".join(run("plan", "--start", "2027-04-26", "--save", "--force").output.split())
    assert "Saved the dates" in moved and len(backups_of(toml)) == 2


def test_nhs_number_check_digit() -> None:
    assert all(valid_nhs_number(n) for n in VALID_NHS)
    assert not valid_nhs_number("9434765918")


@settings(max_examples=80, deadline=None)
@given(first=st.sampled_from(["Amelia", "Oliver", "Siân", "Kwame"]),
       last=st.sampled_from(["Ashworth", "Pemberton", "Okonkwo"]),
       title=st.sampled_from(["", "Dr ", "Prof ", "Mrs "]),
       nhs=st.sampled_from(VALID_NHS), filler=st.text(alphabet="abcdefg ,.", max_size=30),
       form=st.sampled_from(["full", "first", "last", "titled"]))
def test_no_planted_identifier_survives(first: str, last: str, title: str, nhs: str,
                                        filler: str, form: str) -> None:
    anonymise = Anonymiser([f"{title}{first} {last}"])
    name = {"full": f"{first} {last}", "first": first, "last": last,
            "titled": f"Dr {last}"}[form]
    spaced = f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
    text = (f"{filler} I met {name} ({first.lower()}.{last.lower()}@nhs.net, 07700 900123) "
            f"about patient {spaced} of SO16 6YD {filler}")
    clean = anonymise(text)
    for planted in (first, last, "@", "07700", nhs, spaced, "SO16"):
        assert planted.casefold() not in clean.casefold()


def test_invalid_nhs_number_is_not_called_an_nhs_number() -> None:
    clean = Anonymiser([])("ref 9434765918 end")
    assert "[NHS number]" not in clean


def write_responses(path: Path) -> None:
    rows = [["Timestamp", "Your name", "Profession",
             "Q1. Anything that surprised or shocked you on your visit?",
             "Q2. Anything you expected to see but did not?",
             "Q3. What will you take back to your own workplace?",
             "How useful was the exchange? (1-5)", "I would recommend it"]]
    people = [("Dr Amelia Ashworth", "GP"), ("Oliver Pemberton", "Consultant"),
              ("Isla Okonkwo", "GP"), ("Arjun Rasmussen", "Consultant"), ("Kwame Mirza", "GP"),
              ("Freya Strand", "Consultant"), ("Tom Tolley", "Pharmacist")]
    for index, (name, role) in enumerate(people):
        rows.append(["2027-07-01", name, role,
                     f"How busy {name.split()[-1]} was; call me on 07700 900{index}12",
                     "I expected more letters", "Better communication and e-mail contact",
                     str(1 + index % 5), ["Agree", "Strongly agree", "Neutral"][index % 3]])
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def test_feedback_pack(run: Runner, tmp_path: Path) -> None:
    write_responses(tmp_path / "responses.csv")
    run("feedback", "responses.csv", "-o", "pack.html", "--no-names-source")
    page = (tmp_path / "pack.html").read_text()
    for name in ("Ashworth", "Pemberton", "Amelia", "07700"):
        assert name not in page
    assert page.count("<svg") == 2  # both rated questions have a chart
    assert "Pharmacist" not in page  # one respondent: pooled
    assert "Communication" in page
    run("feedback", "responses.csv", "-o", "pack.md", "--format", "md", "--no-names-source")
    assert "## Ratings" in (tmp_path / "pack.md").read_text()


def test_a_rating_answered_in_words_says_what_its_numbers_stand_for(run: Runner,
                                                                      tmp_path: Path) -> None:
    """'I would recommend it' answered Agree, Strongly agree, Neutral: 4, 5, 3, 4, 5, 3, 4.
    "median 4" alone would not tell a reader that 4 is "agree"; a question answered in
    figures keeps "1 to 5"."""
    write_responses(tmp_path / "responses.csv")
    run("feedback", "responses.csv", "-o", "pack.html", "--no-names-source")
    page = " ".join((tmp_path / "pack.html").read_text("utf-8").split())
    assert "7 answers; mean 4.0, median 4 on a scale of 1 (strongly disagree) to 5 " \
        "(strongly agree)." in page
    assert "Rating (1 = strongly disagree, 5 = strongly agree)" in page  # the chart's axis
    assert "7 answers; mean 2.6, median 2 on a scale of 1 to 5." in page  # 1-5, 1-2
    # each chart is an image a screen reader names, with the counts it draws; matplotlib's
    # note of what drew it, which LibreOffice prints as text, is not there
    assert page.count('role="img"') == 2 and "<metadata" not in page
    assert ('aria-label="Answers to &#x27;I would recommend it&#x27;, how many gave each '
            'rating (1 (strongly disagree) to 5 (strongly agree)): 1: 0, 2: 0, 3: 2, 4: 3, '
            '5: 2"') in page


def test_two_charts_on_one_page_share_no_id(run: Runner, tmp_path: Path) -> None:
    """matplotlib names the glyphs and clip paths of every chart alike: the pack's two charts
    repeated ids, which HTML forbids. Each id is the page's once, and what refers to it
    follows (every "#id" in a chart names an id of that chart)."""
    import re

    write_responses(tmp_path / "responses.csv")
    run("feedback", "responses.csv", "-o", "pack.html", "--no-names-source")
    page = (tmp_path / "pack.html").read_text("utf-8")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) > 10 and len(ids) == len(set(ids))
    for chart in re.findall(r"<svg.*?</svg>", page, re.S):
        named = set(re.findall(r'\bid="([^"]+)"', chart))
        referred = set(re.findall(r'(?:url\(#|href="#)([^")]+)', chart))
        assert referred and referred <= named


def test_a_chart_label_holds_the_question_as_text(run: Runner, tmp_path: Path) -> None:
    """A question heading typed with markup is a label's text, never a tag in the page."""
    rows = [["Q1. Anything that surprised you?", 'Was it <b>good</b> & "useful"? (1-5)']]
    rows += [["Nothing", str(1 + n % 5)] for n in range(9)]
    with (tmp_path / "responses.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    run("feedback", "responses.csv", "-o", "pack.html", "--no-names-source")
    page = (tmp_path / "pack.html").read_text("utf-8")
    assert "<b>good</b>" not in page
    assert ('aria-label="Answers to &#x27;Was it &lt;b&gt;good&lt;/b&gt; &amp; &quot;useful'
            '&quot;? (1-5)&#x27;') in page


def test_feedback_response_rate(run: Runner, tmp_path: Path) -> None:
    write_responses(tmp_path / "responses.csv")
    result = run("feedback", "responses.csv", "--pairs", str(EXAMPLES / "pairs.xlsx"),
                 "--scheme", str(EXAMPLES / "scheme.toml"))
    assert "12%" in result.stdout  # 7 responses from 59 paired people


@pytest.mark.parametrize(("question", "answer", "expected"), [
    ("ethnicity", "White and Black Caribbean", ["Mixed or multiple ethnic groups"]),
    ("ethnicity", "Welsh", ["White"]), ("ethnicity", "Bangladeshi", ["Asian or Asian British"]),
    ("gender", "my own words here", ["Another answer"]), ("age", "35-39", ["35 to 39"]),
    ("caring", "None", ["None"]), ("marriage", "Prefer not to say", ["Prefer not to say"]),
])
def test_categories(question: str, answer: str, expected: list[str]) -> None:
    assert categorise(question, answer) == expected


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 40), min_size=2, max_size=4), min_size=2, max_size=6))
def test_disclosure_control(interior: list[list[int]]) -> None:
    width = min(len(r) for r in interior)
    interior = [r[:width] for r in interior]
    matrix = [[sum(r), *r] for r in interior]
    matrix.append([sum(row[c] for row in matrix) for c in range(width + 1)])
    published = protect(matrix)
    for r, row in enumerate(published):
        for c, value in enumerate(row):
            if value == "*":
                continue
            number = int(value)
            assert number == 0 or (number % 5 == 0 and number >= SUPPRESS_BELOW - 2)
            assert abs(number - matrix[r][c]) <= 2
            assert (number == 0) == (matrix[r][c] == 0)
    lines = [[(r, c) for c in range(len(matrix[0]))] for r in range(len(matrix))]
    lines += [[(r, c) for r in range(len(matrix))] for c in range(len(matrix[0]))]
    for line in lines:  # no line reveals a suppressed cell by subtraction
        hidden = [cell for cell in line if published[cell[0]][cell[1]] == "*"]
        assert len(hidden) != 1


def test_equality_cli(run: Runner, tmp_path: Path) -> None:
    run("equality", "template", "-o", "forms.xlsx")
    rows = [["Profession or side", "Gender", "Age band", "Ethnic group",
             "Religion or belief"]]
    for index in range(40):
        rows.append(["GP" if index % 2 else "Consultant", "Woman" if index % 3 else "Man",
                     "35 to 39", "British" if index % 4 else "my own private words",
                     "Sikh" if index == 5 else "No religion or belief"])
    with (tmp_path / "forms.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    data = json.loads(run("equality", "forms.csv", "--json").stdout)
    values = [v for t in data["tables"] for row in t["rows"] for v in row["counts"].values()]
    assert all(v == "*" or v == "0" or int(v) % 5 == 0 for v in values)
    religion = next(t for t in data["tables"] if t["question"] == "religion")
    sikh = next(r for r in religion["rows"] if r["category"] == "Sikh")
    assert sikh["counts"]["All"] == "*"
    result = run("equality", "forms.csv", "-o", "report.html")
    page = (tmp_path / "report.html").read_text()
    assert "my own private words" not in page and "my own private words" not in result.stdout
    assert re.search(r"<td>\*</td>", page)



@pytest.mark.parametrize(("label", "column"), [
    ("All", "All"), ("all", "All"), ("Not stated", "Not stated"),
    ("other groups", "Other groups")])
def test_a_side_labelled_as_a_column_of_the_equality_tables_is_refused(
        run: Runner, tmp_path: Path, label: str, column: str) -> None:
    """A side labelled 'All' headed two columns 'All' (the --json kept one key of the two,
    and the side's forms were counted twice in it); labelled 'Not stated', its forms and
    those naming no side were one column. scheme.toml is refused, naming the key's line."""
    (tmp_path / "scheme.toml").write_text(
        f'[sides.primary]\nlabel = "GPs"\n\n[sides.secondary]\nlabel = "{label}"\n')
    rows = [["Profession or side", "Gender"]]
    rows += [[side, "Woman" if i % 2 else "Man"] for side in ("primary", "secondary")
             for i in range(10)]
    with (tmp_path / "forms.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    said = " ".join(run("equality", "forms.csv", "--json", code=1).output.split())
    assert (f"setting 'sides.secondary.label' (line 5) is '{label}': the equality tables have "
            f"a column of their own headed '{column}', so two columns would be headed alike. "
            'Give the side another label, for example: label = "Secondary care".') in said


@pytest.mark.parametrize(("label", "said"), [
    ("gps", "is 'gps', the other side's label too, so the two sides could not be told apart "
            "in the tables. Give each side its own label"),
    ("G.P.s", "is 'G.P.s', the other side's label too"),
    ("  ", "is empty: the label names the side in every table and report. Give the side a "
           "label"),
    ("---", "is '---', with no letter or digit: the label names the side in every table and "
            "report"),
    # a Side cell may say 'primary' or 'GP' for the first side: a second side so labelled
    # took such cells as well
    ("Primary", "is 'Primary', a word a Side cell may use for the primary side, so a Side "
                "cell reading it could mean either side. Give the side a label of its own"),
    ("G P", "is 'G P', a word a Side cell may use for the primary side")])
def test_a_side_labelled_as_the_other_side_or_not_at_all_is_refused(
        run: Runner, tmp_path: Path, label: str, said: str) -> None:
    """Two sides labelled alike headed two columns alike in every table, and an empty label
    headed a column with nothing; scheme.toml is refused, naming the second side's line."""
    (tmp_path / "scheme.toml").write_text(
        f'[sides.primary]\nlabel = "GPs"\n\n[sides.secondary]\nlabel = "{label}"\n')
    (tmp_path / "volunteers.csv").write_text("Name,Email\n")
    output = " ".join(run("check", "volunteers.csv", code=1).output.split())
    assert f"setting 'sides.secondary.label' (line 5) {said}" in output


def test_equality_groups_are_headed_by_the_sides_labels_everywhere(run: Runner,
                                                                    tmp_path: Path) -> None:
    """The example scheme calls its sides "Primary care" and "Secondary care": so do the
    terminal's tables, the equality page and the board report (the first two headed the
    columns "primary" and "secondary", and so did every note naming a group)."""
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path)
    rows = [["Profession or side", "Gender"]]
    rows += [["GP", "Woman" if i % 2 else "Man"] for i in range(20)]
    rows += [["Consultant", "Woman" if i % 3 else "Man"] for i in range(20)]
    with (tmp_path / "forms.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    shown = run("equality", "forms.csv", "-o", "equality.html").stdout
    header = next(line for line in shown.splitlines() if "Answer" in line)
    assert re.findall(r"\w[\w ]*\w", header) == ["Answer", "All", "Primary care",
                                                 "Secondary care"]
    with (tmp_path / "few.csv").open("w", newline="") as handle:  # 3 from secondary care
        csv.writer(handle).writerows(rows[:24])
    shown = " ".join(run("equality", "few.csv").stdout.split())
    # the note under a table not broken down names no group (tests/test_equality_one_note.py)
    assert "Not broken down by group: a group's figures could tell" in shown
    assert "'secondary'" not in shown
    page = (tmp_path / "equality.html").read_text(encoding="utf-8")
    assert re.findall(r"<th>([^<]+)</th>", page)[:3] == ["All", "Primary care",
                                                         "Secondary care"]
    assert ">primary<" not in page and ">secondary<" not in page
    data = json.loads(run("equality", "forms.csv", "--json").stdout)
    assert data["tables"][0]["columns"] == ["All", "Primary care", "Secondary care"]
    run("report", str(EXAMPLES / "pairs.xlsx"), "--equality", "forms.csv", "-o", "report.html")
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    part = report[report.index("Equality monitoring"):]
    assert re.findall(r"<th>([^<]+)</th>", part)[:3] == ["All", "Primary care",
                                                         "Secondary care"]


def test_the_celebration_row_gives_what_the_tables_fill_in_on_the_day() -> None:
    """The planning checklist is for the months before (it goes with the start of the
    visits, not the invitations nine days before the day); on the day each table fills in
    the findings workbook and the group feedback sheet."""
    from wessex_cli.commands.planning import MILESTONE_COMMANDS
    from wessex_cli.timeline import LABELS

    assert MILESTONE_COMMANDS["start"] == "wessex render event-planning"
    assert LABELS["start"].endswith("; start planning the celebration")  # says why
    assert "event-planning" not in MILESTONE_COMMANDS["invitations"]
    assert MILESTONE_COMMANDS["celebration"].split(", then ") == [
        "wessex findings template -o tables.xlsx", "wessex render table-feedback"]


def test_every_command_the_plan_shows_runs_as_typed(tmp_path: Path) -> None:
    """The plan's Command column is something to copy: each command, typed in a folder with
    the walkthrough's files (a copy of examples/), runs and succeeds."""
    import shlex
    import shutil

    from wessex_cli.commands.planning import MILESTONE_COMMANDS

    for name in ("volunteers.xlsx", "scheme.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    run = Runner(tmp_path)
    order = ["pairing", "call-to-action", "preferences-request", "introductions", "start",
             "end", "invitations", "celebration"]
    assert sorted(order) == sorted(MILESTONE_COMMANDS)
    for milestone in order:
        for command in MILESTONE_COMMANDS[milestone].split(", then "):
            words = shlex.split(command)
            assert words[0] == "wessex"
            run(*words[1:])
    assert (tmp_path / "pairs.xlsx").exists()


def test_a_celebration_time_that_cannot_be_read_is_said(run: Runner, tmp_path: Path) -> None:
    """'7pm' printed as written on the invitation, but the calendar quietly used 18:30."""
    (tmp_path / "scheme.toml").write_text(
        '[dates]\nstart = 2027-04-19\n\n[celebration]\ndate = 2027-07-29\ntime = "7pm"\n'
        'end_time = "21:00"\nvenue = "Hall"\n')
    warnings = json.loads(run("plan", "--json").stdout)["warnings"]
    assert any(w.startswith("The celebration's start time in scheme.toml ('7pm') is not a "
                            "time wessex can read.") and 'write time = "19:00"' in w
               for w in warnings)
    assert not any("end time" in w for w in warnings)
    # a time the invitation reads, the calendar reads alike: 7:30 is not 18:30 there
    (tmp_path / "scheme.toml").write_text(
        '[dates]\nstart = 2027-04-19\n\n[celebration]\ndate = 2027-07-29\ntime = "7:30"\n'
        'end_time = "9.45"\nvenue = "Hall"\n')
    run("plan", "--ics", "c.ics")
    calendar = (tmp_path / "c.ics").read_text()
    assert "DTSTART;TZID=Europe/London:20270729T073000" in calendar and \
        "DTEND;TZID=Europe/London:20270729T094500" in calendar


def test_an_invitation_whose_event_ends_before_it_starts_is_warned_about(
        run: Runner, tmp_path: Path) -> None:
    """An end time typed before the start reached every delegate as "18:30 to 17:00", above
    an agenda running to 21:00: only 'wessex plan' said so, not the render that wrote it."""
    (tmp_path / "scheme.toml").write_text(
        '[scheme]\nname = "Testshire Exchange"\n[administrator]\nname = "Robin"\n'
        'email = "robin@nhs.net"\n[dates]\nstart = 2027-04-19\nend = 2027-07-19\n\n'
        '[celebration]\ndate = 2027-07-29\ntime = "18:30"\nend_time = "17:00"\n'
        'venue = "Hall"\n')
    write_book(tmp_path / "v.xlsx", [person("Ann Bell", "ann@nhs.net")])
    said = " ".join(run("render", "celebration-invite", "--volunteers", "v.xlsx",
                        "--format", "txt", "--allow-placeholders").output.split())
    assert "the celebration would end at 17:00, no later than it starts (18:30)" in said
    said = " ".join(run("render", "event-findings", "--format", "txt").output.split())
    assert "would end" not in said  # a document that prints no hours is not warned about
    (tmp_path / "scheme.toml").write_text((tmp_path / "scheme.toml").read_text().replace(
        '"17:00"', '"21:00"'))
    said = " ".join(run("render", "celebration-invite", "--volunteers", "v.xlsx",
                        "--format", "txt", "--allow-placeholders", "--force").output.split())
    assert "would end" not in said


def test_a_celebration_that_would_end_before_it_starts_is_said(run: Runner,
                                                                tmp_path: Path) -> None:
    """A start at 23:00 with no end ran, by the default length, to 01:30 unremarked."""
    (tmp_path / "scheme.toml").write_text(
        '[dates]\nstart = 2027-04-19\n\n[celebration]\ndate = 2027-07-29\ntime = "23:00"\n'
        'venue = "Hall"\n')
    warnings = json.loads(run("plan", "--json").stdout)["warnings"]
    assert "The celebration would end at 01:30, no later than it starts (23:00): set " \
        "[celebration] time and end_time in scheme.toml to the hours the event runs." in warnings
    (tmp_path / "scheme.toml").write_text(
        '[dates]\nstart = 2027-04-19\n\n[celebration]\ndate = 2027-07-29\ntime = "18:00"\n'
        'venue = "Hall"\n')
    assert not any("would end" in w for w in json.loads(run("plan", "--json").stdout)["warnings"])


def test_an_invitation_printing_hours_that_run_backwards_is_warned(run: Runner,
                                                                  tmp_path: Path) -> None:
    """The invitation prints the celebration's hours: '18:30 to 17:00' is said when it is
    rendered, not only by 'wessex plan'."""
    import shutil

    from .conftest import EXAMPLES

    text = (EXAMPLES / "scheme.toml").read_text(encoding="utf-8")
    assert 'end_time = "21:00"' in text
    (tmp_path / "scheme.toml").write_text(text.replace('end_time = "21:00"',
                                                       'end_time = "17:00"'), encoding="utf-8")
    shutil.copy(EXAMPLES / "volunteers.xlsx", tmp_path)
    said = " ".join(run("render", "celebration-invite", "--volunteers", "volunteers.xlsx",
                        "--format", "txt").output.split())
    assert "the celebration would end at 17:00, no later than it starts (18:30), and " \
        "'celebration-invite' says so" in said


def test_the_calendar_is_stamped_with_the_time_it_was_written(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every event carried DTSTAMP 2000-01-01 on every save: a calendar program that already
    held the milestones from an earlier file had no sign that the new one was newer (RFC
    5546 takes the later DTSTAMP as the newer version, SEQUENCE being equal), so a moved date
    could be kept at its old day. Each save now stamps its events with the moment of
    writing, and the UIDs stay the same, so the events are the same events, updated."""
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test"\n')

    def events(stamp_env: str | None) -> dict[str, tuple[dt.datetime, dt.date]]:
        if stamp_env is None:
            monkeypatch.delenv("WESSEX_TODAY", raising=False)
        else:
            monkeypatch.setenv("WESSEX_TODAY", stamp_env)
        run("plan", "--start", "2027-04-19", "--ics", "cal.ics", "--force")
        calendar = Calendar.from_ical((tmp_path / "cal.ics").read_bytes())
        return {str(e.get("uid")): (e.decoded("dtstamp"), e.decoded("dtstart"))
                for e in calendar.walk("VEVENT")}

    pinned = events("2027-03-01")
    assert {stamp for stamp, _ in pinned.values()} == \
        {dt.datetime(2027, 3, 1, tzinfo=dt.UTC)}
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    written = events(None)
    after = dt.datetime.now(dt.UTC)
    assert written.keys() == pinned.keys()  # the same events, not new ones beside them
    assert all(before <= stamp <= after for stamp, _ in written.values())


@pytest.mark.parametrize("start", ["9999-10-01", "0001-01-01"])
def test_a_start_in_no_possible_year_is_refused(run: Runner, start: str) -> None:
    """The plan counts weeks on from the start: year 9999 ran past the calendar's last day
    and year 1 before its first, each an "unexpected internal problem"."""
    refused = run("plan", "--start", start, code=1)
    assert f"--start {start} is not in a year an exchange could run (1990 to 2200)" in \
        " ".join(refused.output.split())


def test_equality_groups_are_headed_by_the_sides_labels() -> None:
    """A form is counted under its side's label, or 'Not stated' when it names neither side
    nor a listed profession (sides labelled alike are refused on reading scheme.toml)."""
    from wessex_cli.scheme import Scheme

    scheme = Scheme()
    assert (scheme.group_of_answer("GP"), scheme.group_of_answer("Hospital")) == \
        ("Primary care", "Secondary care")
    assert scheme.group_of_answer("Hospital porter") == "Not stated"


@pytest.mark.parametrize(("today", "start", "end"), [
    # 1 June 2027: six weeks on is Monday 19 July, whose three months meet the summer
    # holidays (22 July to 2 September) until the start of Monday 6 September
    ("2027-06-01", "2027-09-06", "2027-12-06"),
    # 10 January 2028, a year two set up after the last: six weeks on is 21 February, in QOF
    # quarter 4 until Monday 3 April 2028 (Easter Monday is the 17th)
    ("2028-01-10", "2028-04-03", "2028-07-03"),
    # 19 February 2029: six weeks on is Monday 2 April 2029, Easter Monday (Easter Sunday is
    # 1 April): the Monday after
    ("2029-02-19", "2029-04-09", "2029-07-09"),
])
def test_a_missing_start_is_asked_for_with_a_date_still_to_come(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str, start: str,
        end: str) -> None:
    """The line to add for a start scheme.toml lacks gives a date this scheme could take:
    a scheme.toml copied for a new year, its dates taken out, was told to add
    'start = 2027-04-19' whatever the year."""
    monkeypatch.setenv("WESSEX_TODAY", today)
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Dale Exchange"\n',
                                          encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [person("Ann Hughes", "ann@example.org", "GP"),
                                     person("Bob Stone", "bob@example.org", "Consultant")])
    said = " ".join(p["message"] for p in
                    json.loads(run("check", "v.xlsx", "--json").stdout)["problems"])
    assert f"Add under [dates]: start = {start} (or the day you choose" in said
    assert f"Add under [dates]: end = {end} (three months after the start)" in said


def test_plan_without_a_start_suggests_one_still_to_come(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On 10 January 2028, a scheme.toml with no dates: the start plan suggests is Monday 3
    April 2028, the first clear of QOF quarter 4 six weeks or more away (it suggested 19
    April 2027, nine months past)."""
    monkeypatch.setenv("WESSEX_TODAY", "2028-01-10")
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Dale Exchange"\n',
                                          encoding="utf-8")
    said = " ".join(run("plan", code=1).output.split())
    assert "there is no start date. Give one with --start 2028-04-03, or set [dates] start" \
        in said


def test_the_readme_plan_example_shows_the_warnings_plan_gives(run: Runner) -> None:
    """The README's `wessex plan --start 2027-01-11` showed an end on Sunday 11 April and a
    warning about it, where plan ends a scheme on the last working day (Friday 9 April), and
    left out the warnings about replies due over Christmas: a new administrator reading it
    was told of dates and a warning the command does not give."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ wessex plan --start 2027-01-11\n", 1)[1].split("```", 1)[0]
    shown = [" ".join(w.split()) for w in re.split(r"\n(?=Warning: )", block)
             if w.startswith("Warning: ")]
    output = run("plan", "--start", "2027-01-11").output
    given = [" ".join(line.split()) for line in re.split(r"\n(?=Warning: )", output)
             if line.startswith("Warning: ")]
    assert shown == given


def test_the_plan_table_writes_a_day_without_a_leading_zero(run: Runner) -> None:
    """'Fri 2 Apr 2027', as the letters write a day: the table padded it ('Fri 02 Apr')."""
    output = run("plan", "--start", "2027-04-19").output
    assert "Fri 2 Apr 2027" in output  # the preferences request goes out
    assert "Mon 19 Apr 2027" in output  # the exchange starts
    assert " 02 Apr" not in output
