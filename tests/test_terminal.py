"""What the terminal says (issue 11.1-11.5): strict input, honest counts, options that keep
their word, progress only for a person at a terminal, and tables that fit.

The whole-output tests compare against files in ``tests/golden_terminal/``. Set
``WESSEX_UPDATE_GOLDEN=1`` to rewrite them, then read every changed file before committing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from wessex_cli.cli import app
from wessex_cli.dates import parse_date

from .conftest import EXAMPLES, HEADERS, Runner, person, write_book

GOLDEN = Path(__file__).resolve().parent / "golden_terminal"
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def invoke(folder: Path, *args: str, width: int = 200, code: int | None = 0,
           env: dict[str, str] | None = None) -> Any:
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(width), "NO_COLOR": "1",
                                                          "WESSEX_TODAY": "2027-06-01",
                                                          **(env or {})})
    finally:
        os.chdir(old)
    if code is not None:
        assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    return result


# ---------------------------------------------------------------- 11.1 dates, strictly


@pytest.mark.parametrize(("text", "expected"), [
    ("2027-05-04", dt.date(2027, 5, 4)), ("4/5/2027", dt.date(2027, 5, 4)),
    ("04.05.27", dt.date(2027, 5, 4)), ("4 May 2027", dt.date(2027, 5, 4)),
    ("Tuesday 4th May 2027", dt.date(2027, 5, 4)), ("May 4, 2027", dt.date(2027, 5, 4)),
    ("2027-05-04 00:00:00", dt.date(2027, 5, 4)),
])
def test_whole_dates_are_read(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2027", "46511", "2027-05-0412", "4/5/2027 and then",
                                  "May 2027", "31/2/2027", "soon", "4/5/2027/6"])
def test_digits_alone_and_trailing_garbage_are_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, 2027)


def test_a_day_and_month_take_the_schemes_year_never_this_years() -> None:
    assert parse_date("4/5", 2031) == dt.date(2031, 5, 4)
    assert parse_date("4 May", 2031) == dt.date(2031, 5, 4)
    with pytest.raises(ValueError, match="no year"):
        parse_date("4/5")


def test_excel_serials_follow_excel() -> None:
    # 1 is 1900-01-01; 61 is 1 March 1900, after Excel's phantom 29 February (serial 60).
    assert parse_date(1) == dt.date(1900, 1, 1)
    assert parse_date(61) == dt.date(1900, 3, 1)
    assert parse_date(46511.75) == dt.date(2027, 5, 4)
    with pytest.raises(ValueError):
        parse_date(0)


def test_hosted_refuses_a_year_alone(tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_scheme_people())
    invoke(tmp_path, "pair", "v.xlsx")
    result = invoke(tmp_path, "visit", "pairs.xlsx", "Dr Amelia Ashworth", "--hosted", "2027",
                    code=1)
    assert "--hosted '2027' is not a date" in result.output


def test_hosted_without_a_year_takes_the_schemes(tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2031-04-14\n", encoding="utf-8")
    write_book(tmp_path / "v.xlsx", small_scheme_people())
    invoke(tmp_path, "pair", "v.xlsx")
    result = invoke(tmp_path, "visit", "pairs.xlsx", "Dr Amelia Ashworth", "--hosted", "4/5",
                    "--force")  # 2031 is years away: the date is meant
    assert "(hosted on 4 May 2031)" in result.output


@pytest.mark.parametrize("written", ["4/5/2027", "04.05.2027", "4-5-2027", "4 May 2027",
                                     "4/5/2027  # the first day"])
def test_uk_date_in_scheme_toml_is_explained(tmp_path: Path, written: str) -> None:
    (tmp_path / "scheme.toml").write_text(f"[dates]\nstart = {written}\n", encoding="utf-8")
    result = invoke(tmp_path, "plan", code=1)
    assert "write dates in scheme.toml as 2027-05-04" in result.output.casefold()
    assert "line 2" in result.output and "TOML" not in result.output


@pytest.mark.parametrize("written", ["31/2/2027", "2027-02-31", "31 Feb 2027"])
def test_a_day_the_calendar_lacks_in_scheme_toml_is_named(tmp_path: Path, written: str) -> None:
    """31 February is a date in form but no day: the message says so, at its line, not that
    quotes or '=' are wrong (the old advice for any TOML it could not read)."""
    (tmp_path / "scheme.toml").write_text(f"[dates]\nstart = {written}\n", encoding="utf-8")
    result = invoke(tmp_path, "plan", code=1)
    text = " ".join(result.output.split())
    assert "'start' (line 2)" in text and "February 2027 has no 31st" in text
    assert "year-month-day" in text and "quotes around text" not in text


def test_other_toml_mistakes_keep_the_toml_message(tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = Eastshire 2027\n',
                                          encoding="utf-8")
    result = invoke(tmp_path, "plan", code=1)
    assert "not valid TOML" in result.output and "2027-05-04" not in result.output


def test_a_year_alone_in_scheme_toml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text('[dates]\nstart = "2027"\n', encoding="utf-8")
    result = invoke(tmp_path, "plan", code=1)
    assert "'dates.start'" in result.output and "2027-05-04" in result.output


def test_the_schemes_wessex_writes_raise_no_warning(tmp_path: Path) -> None:
    from wessex_cli.scheme import load_scheme

    invoke(tmp_path, "init", "new")
    assert load_scheme(tmp_path / "new" / "scheme.toml").warnings == ()
    assert load_scheme(EXAMPLES / "scheme.toml").warnings == ()


def test_the_same_warning_is_printed_once(tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(
        '[[leads]]\nname = "Dr A"\nemial = "a@nhs.net"\n'
        '[[leads]]\nname = "Dr B"\nemial = "b@nhs.net"\n', encoding="utf-8")
    result = invoke(tmp_path, "plan", "--start", "2027-04-19", "--json")
    assert result.stderr.count("'emial' in [leads]") == 1
    assert "Did you mean 'email'?" in result.stderr


def test_tracking_warnings_reach_every_command_once(tmp_path: Path) -> None:
    folder = golden_folder(tmp_path)
    book = openpyxl.load_workbook(folder / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [c.value for c in sheet[1]]
    sheet.cell(3, header.index("B hosts A: date") + 1, "2027")  # a year is not a date
    book.save(folder / "pairs.xlsx")
    drafts = "--allow-placeholders"  # the test scheme.toml names no administrator
    for args in (("status", "pairs.xlsx"), ("mailmerge", "pairs.xlsx", "-o", "m.csv", drafts),
                 ("remind", "pairs.xlsx", drafts),
                 ("render", "reminder", "--pairs", "pairs.xlsx", drafts)):
        result = invoke(folder, *args)
        assert result.stderr.count("'2027' is not a date") == 1, args
        assert "12/6" not in result.stderr  # a day and month take the scheme's year


def test_unknown_scheme_settings_are_warned_about_with_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(
        "[wieghts]\nperson = [6, 4, 2]\n[dates]\nstart = 2027-04-12\nedn = 2027-07-12\n",
        encoding="utf-8")
    result = invoke(tmp_path, "plan", "--json")
    assert "[wieghts] is not a setting" in result.stderr
    assert "Did you mean [weights]?" in result.stderr
    assert "'edn' in [dates]" in result.stderr and "Did you mean 'end'?" in result.stderr
    json.loads(result.stdout)  # warnings never reach the JSON
    assert result.stderr.count("[wieghts]") == 1  # once, however often the file is read


# ---------------------------------------------------------------- 11.1 clusters, e-mails


def small_scheme_people() -> list[dict[str, Any]]:
    return [
        person("Dr Amelia Ashworth", "amelia@example.org", "GP",
               Organisation="Harbourside Surgery"),
        person("Oliver Pemberton", "oliver@example.org", "Consultant",
               Organisation="General Hospital - Cardiology", Specialty="Cardiology"),
    ]


@pytest.mark.parametrize("blank", ["-", "n/a", "N/A", "none", "None", " ", "—"])
def test_blank_like_clusters_are_no_cluster(tmp_path: Path, blank: str) -> None:
    people = small_scheme_people()
    for row in people:
        row["Cluster"] = blank
    write_book(tmp_path / "v.xlsx", people)
    data = json.loads(invoke(tmp_path, "pair", "v.xlsx", "--dry-run", "--json").stdout)
    assert data["summary"]["pairs"] == 1 and data["summary"]["score"] == 0
    assert not any("cluster" in r for p in data["pairs"] for r in p["reasons"])
    why = json.loads(invoke(tmp_path, "pair", "v.xlsx", "--why", "Amelia Ashworth",
                            "--json").stdout)
    assert why["candidates"][0]["score"] == 0


def test_real_clusters_still_score(tmp_path: Path) -> None:
    people = small_scheme_people()
    for row in people:
        row["Cluster"] = "North"
    write_book(tmp_path / "v.xlsx", people)
    data = json.loads(invoke(tmp_path, "pair", "v.xlsx", "--dry-run", "--json").stdout)
    assert data["summary"]["score"] == 1


def test_every_address_goes_through_email_validator(tmp_path: Path) -> None:
    # Every part well formed, the whole too long (RFC 5321 allows 254 characters): a
    # pattern checking the parts accepts it, the standard does not.
    too_long = "a" * 64 + "@" + ".".join(["b" * 63] * 4) + ".org"
    people = [*small_scheme_people(), person("Dr Long Name", too_long, "GP")]
    write_book(tmp_path / "v.xlsx", people)
    result = invoke(tmp_path, "check", "v.xlsx", code=1)
    assert "is not a valid e-mail address" in result.output


def test_an_address_that_is_none_is_quoted_as_typed(tmp_path: Path) -> None:
    # the address is taken out of the cell without its spaces (so "ann @nhs.net" reads);
    # one that is still no address is quoted as the volunteer typed it, in the roster and
    # in the pairs workbook alike
    import openpyxl

    people = small_scheme_people()
    write_book(tmp_path / "v.xlsx", people)
    invoke(tmp_path, "pair", "v.xlsx")
    people[0]["Email"] = "not an address"
    write_book(tmp_path / "w.xlsx", people)
    said = " ".join(invoke(tmp_path, "check", "w.xlsx", code=1).output.split())
    assert "'not an address' is not a valid e-mail address" in said
    # and the Unpaired sheet of a pairing that leaves the row out shows the cell as typed
    invoke(tmp_path, "pair", "w.xlsx", "-o", "w-pairs.xlsx", "--skip-errors")
    unpaired = openpyxl.load_workbook(tmp_path / "w-pairs.xlsx")["Unpaired"]
    assert "not an address" in [c.value for row in unpaired.iter_rows() for c in row]
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    column = [c.value for c in sheet[1]].index("A email") + 1
    sheet.cell(2, column).value = "not an address"
    book.save(tmp_path / "pairs.xlsx")
    said = " ".join(invoke(tmp_path, "status", "pairs.xlsx").output.split())
    assert "'not an address' is not a valid e-mail address" in said


def test_a_pairs_workbook_given_as_volunteers_is_named(tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_scheme_people())
    invoke(tmp_path, "pair", "v.xlsx")
    for command in ("pair", "check"):
        result = invoke(tmp_path, command, "pairs.xlsx", code=1)
        assert "pairs.xlsx" in result.output and "this is a pairs workbook" in result.output
        assert "no header row" not in result.output


def test_a_headers_only_workbook_has_no_volunteers(tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", [])
    result = invoke(tmp_path, "check", "v.xlsx")
    assert "no volunteers found" in result.output
    assert "No problems found" not in result.output
    assert "no volunteers found" in invoke(tmp_path, "pair", "v.xlsx", code=1).output


# ---------------------------------------------------------------- 11.2 check counts


def test_a_row_with_an_error_still_counts_on_its_side(tmp_path: Path) -> None:
    people = small_scheme_people()
    people[1]["Email"] = "oliver@"  # one bad cell on the secondary side
    write_book(tmp_path / "v.xlsx", people)
    result = invoke(tmp_path, "check", "v.xlsx", code=1)
    assert "unbalanced" not in result.output
    assert "With errors" in result.output
    data = json.loads(invoke(tmp_path, "check", "v.xlsx", "--json", code=1).stdout)
    assert data["sides"]["secondary"] == {"people": 1, "active": 1, "capacity": 1,
                                          "with_errors": 1}
    assert [r["name"] for r in data["rows_with_errors"]] == ["Oliver Pemberton"]


def test_a_shared_address_asks_to_correct_one_never_to_delete(tmp_path: Path) -> None:
    people = [*small_scheme_people(),
              person("Dr Isla Okonkwo", "amelia@example.org", "GP",
                     Organisation="Elmfield Surgery")]
    write_book(tmp_path / "v.xlsx", people)
    result = invoke(tmp_path, "check", "v.xlsx", code=1)
    text = " ".join(result.output.split())
    assert "Correct one of the addresses" in text
    assert "delete" not in text.casefold()
    data = json.loads(invoke(tmp_path, "check", "v.xlsx", "--json", code=1).stdout)
    assert data["sides"]["primary"]["people"] == 2  # both are real volunteers


def test_a_shared_address_is_an_error_on_both_rows_and_skip_errors_pairs_neither(
        tmp_path: Path) -> None:
    # Either row may hold the mistyped address: pairing the first would send its partner
    # introduction, and its partner's, to the second person's inbox.
    people = [*small_scheme_people(),
              person("Dr Isla Okonkwo", "amelia@example.org", "GP",
                     Organisation="Elmfield Surgery"),
              person("Dr Rhys Tolley", "rhys@example.org", "Consultant",
                     Organisation="General Hospital - Renal")]
    write_book(tmp_path / "v.xlsx", people)
    data = json.loads(invoke(tmp_path, "check", "v.xlsx", "--json", code=1).stdout)
    errors = {p["cell"] for p in data["problems"] if p["severity"] == "error"}
    assert errors == {"Volunteers!B2", "Volunteers!B4"}  # Amelia's row and Isla's
    paired = json.loads(invoke(tmp_path, "pair", "v.xlsx", "--dry-run", "--skip-errors",
                               "--json").stdout)
    assert [p["name"] for p in paired["left_out"]] == ["Dr Amelia Ashworth", "Dr Isla Okonkwo"]
    assert paired["pairs"] == []  # no GP left to pair


def test_a_repeated_row_of_the_same_person_may_be_deleted(tmp_path: Path) -> None:
    people = [*small_scheme_people(), small_scheme_people()[0]]
    write_book(tmp_path / "v.xlsx", people)
    result = invoke(tmp_path, "check", "v.xlsx", code=1)
    assert "repeats them" in " ".join(result.output.split())


def test_skip_errors_pairs_the_others_and_says_who_was_left_out(tmp_path: Path) -> None:
    people = [*small_scheme_people(),
              person("Dr Isla Okonkwo", "isla@example.org", "GP",
                     Organisation="Elmfield Surgery", **{"Host days": "Tuesday lunchtime"}),
              person("Arjun Rasmussen", "arjun@example.org", "Consultant",
                     Organisation="General Hospital - Respiratory",
                     Partner="Dr Isla Okonkwo"),
              # an error found only when names are resolved, and a partner locked to him
              person("Dr Noor Kerrigan", "noor@example.org", "GP",
                     Organisation="Kingsway Health Centre", Avoid="Nobody Atall"),
              person("Dr Hamza Eversley", "hamza@example.org", "Consultant",
                     Organisation="General Hospital - Renal", Partner="Dr Noor Kerrigan")]
    write_book(tmp_path / "v.xlsx", people)
    refused = invoke(tmp_path, "pair", "v.xlsx", "--dry-run", code=1)
    assert "--skip-errors" not in refused.output or "error" in refused.output
    result = invoke(tmp_path, "pair", "v.xlsx", "--dry-run", "--skip-errors")
    text = " ".join(result.stdout.split())
    assert "Left out" in text and "Dr Isla Okonkwo" in text and "Tuesday lunchtime" in text
    data = json.loads(invoke(tmp_path, "pair", "v.xlsx", "--dry-run", "--skip-errors",
                             "--json").stdout)
    assert data["summary"]["pairs"] == 1  # one GP left for three consultants
    assert [p["name"] for p in data["left_out"]] == ["Dr Isla Okonkwo", "Dr Noor Kerrigan"]
    assert "lunchtime" in data["left_out"][0]["reasons"][0]
    assert set(data["left_out"][0]) == {"name", "email", "row", "reasons"}  # as check's
    # and written: the pairs workbook's Unpaired sheet lists them, with their row's error
    invoke(tmp_path, "pair", "v.xlsx", "--skip-errors", "-o", "pairs.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["Unpaired"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    isla = rows["Dr Isla Okonkwo"]
    assert isla[1:3] == ("isla@example.org", "Primary care")  # as the Side drop-down says it
    # the profession and organisation typed in the row, for someone left out whole by an
    # error in their days as for someone left out after being read (Noor)
    header = [c.value for c in sheet[1]]
    for name, profession, organisation in (
            ("Dr Isla Okonkwo", "GP", "Elmfield Surgery"),
            ("Dr Noor Kerrigan", "GP", "Kingsway Health Centre")):
        row = dict(zip(header, rows[name], strict=False))
        assert (row["Profession"], row["Organisation"]) == (profession, organisation), row
    assert "--skip-errors" in isla[6] and "row 4" in isla[6] and "lunchtime" in isla[6]
    assert "--skip-errors" in rows["Dr Noor Kerrigan"][6]


# ---------------------------------------------------------------- 11.3 options keep their word


def test_why_with_json_prints_json(tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_scheme_people())
    data = json.loads(invoke(tmp_path, "pair", "v.xlsx", "--why", "Amelia Ashworth",
                             "--json").stdout)
    assert data["person"]["name"] == "Dr Amelia Ashworth"
    # people as everywhere else in the JSON: name and e-mail
    assert data["partners"] == [{"name": "Oliver Pemberton", "email": "oliver@example.org"}]


def test_pair_refuses_an_output_that_is_not_xlsx(tmp_path: Path) -> None:
    write_book(tmp_path / "v.xlsx", small_scheme_people())
    result = invoke(tmp_path, "pair", "v.xlsx", "-o", "p.csv", code=2)
    assert "p.xlsx" in result.output
    assert not (tmp_path / "p.csv").exists()


def test_plan_refuses_a_calendar_that_is_not_ics(tmp_path: Path) -> None:
    invoke(tmp_path, "plan", "--start", "2027-04-19", "--ics", "plan.txt", code=2)


def test_feedback_format_follows_the_extension_or_is_refused(tmp_path: Path) -> None:
    invoke(tmp_path, "feedback", "r.csv", "-o", "pack.md", "--format", "html", code=2)


def test_equality_json_with_output_writes_the_file_and_prints_json(tmp_path: Path) -> None:
    rows = [["Profession or side", "Gender", "Age band"]]
    rows += [["GP" if i % 2 else "Consultant", "Woman", "35 to 39"] for i in range(20)]
    with (tmp_path / "forms.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = invoke(tmp_path, "equality", "forms.csv", "--json", "-o", "report.html")
    data = json.loads(result.stdout)
    assert data["tables"] and data["wrote"] == "report.html"
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!")
    invoke(tmp_path, "equality", "forms.csv", "-o", "report.xlsx", code=2)
    shown = invoke(tmp_path, "equality", "forms.csv", width=100).stdout
    headers = table_headers(shown)
    assert headers and all(all(headers) for headers in headers)  # no column without one


def test_templates_written_with_json_print_json(tmp_path: Path) -> None:
    for args in (("findings", "template", "-o", "t.xlsx"), ("equality", "template")):
        data = json.loads(invoke(tmp_path, *args, "--json").stdout)
        assert (tmp_path / data["wrote"]).is_file()


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and re.fullmatch(r"wessex \d+\.\d+\.\d+\n", result.output)


def test_the_api_takes_text_paths(tmp_path: Path) -> None:
    from wessex_cli import check_roster, load_scheme, pair_volunteers, read_roster

    write_book(tmp_path / "v.xlsx", small_scheme_people())
    (tmp_path / "scheme.toml").write_text("[pairing]\nseed = 7\n", encoding="utf-8")
    scheme = load_scheme(str(tmp_path / "scheme.toml"))
    roster = read_roster(str(tmp_path / "v.xlsx"), scheme)
    assert scheme.seed == 7 and len(pair_volunteers(roster, scheme).pairs) == 1
    assert not check_roster(roster, scheme).errors


# ---------------------------------------------------------------- 11.3 help and README

def _all_commands() -> list[str]:
    """Every command, sub-commands included ("templates copy"), as the app defines them."""
    from typer.main import get_command

    def walk(command: Any, name: str) -> list[str]:
        if hasattr(command, "commands"):
            return [found for sub, inner in command.commands.items()
                    for found in walk(inner, f"{name} {sub}".strip())]
        return [name]

    return walk(get_command(app), "")


COMMANDS = _all_commands()


def _help(*command: str, width: int = 60) -> str:
    # CliRunner fixes help at 80 columns unless told the terminal's width
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=width,
                                env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return str(result.output)


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("command", COMMANDS)
def test_help_at_60_columns_keeps_every_word(command: str) -> None:
    from typer.main import get_command

    text = _help(*command.split())
    assert all(len(line) <= 60 for line in text.splitlines()), text
    assert "…" not in text
    click_command: Any = get_command(app)
    for part in command.split():
        click_command = click_command.commands[part]
    flowing = " ".join(text.split())
    described = (click_command.help or "").replace("\b", "")  # \b: keep the lines as written
    assert " ".join(described.split()) in flowing  # the whole description
    for param in click_command.params:
        if param.help:  # every word of every help text is there, none cut in two
            assert " ".join(param.help.split()) in flowing, param.help
        if param.param_type_name == "option" and not param.is_flag:
            # a name for the value, not a Python type such as <list[str]> or <path>
            assert param.metavar, param.name
    assert not re.search(r"<[a-z]+(\[[a-z]+\])?>", text)  # no <path>, <str>, <list[str]>


def test_top_level_help_summaries_are_whole() -> None:
    from typer.main import get_command

    text = " ".join(_help().split())
    group: Any = get_command(app)
    for name, command in group.commands.items():
        summary = " ".join((command.help or "").split("\n\n")[0].split())
        assert f"{name} {summary}" in text


@pytest.mark.parametrize("group_name", ["templates", "preferences"])
def test_sub_group_help_summaries_are_whole(group_name: str) -> None:
    """``wessex templates --help`` lists ``copy`` with its whole summary, as the top level
    does, not cut off with "..." at 45 characters."""
    from typer.main import get_command

    text = " ".join(_help(group_name).split())
    group: Any = get_command(app).commands[group_name]  # type: ignore[attr-defined]
    for name, command in group.commands.items():
        summary = " ".join((command.help or "").split("\n\n")[0].split())
        assert len(summary) > 45  # long enough that click would have cut it
        assert f"{name} {summary}" in text


def test_every_option_in_the_readme_exists() -> None:
    from typer.main import get_command

    group: Any = get_command(app)
    options: dict[str, set[str]] = {}
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", {"": command})
        for sub, leaf in subcommands.items():
            key = f"{name} {sub}".strip()
            options[key] = {o for p in leaf.params for o in (*p.opts, *p.secondary_opts)}
    every = set().union(*options.values()) | {"--version", "--help"}
    documented = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", README))
    assert documented - every == set()
    # and where an option is written after its command, that command has it
    for line in re.findall(r"wessex [^`\n]*", README):
        words = line.split()
        command = words[1] if len(words) > 1 else ""
        if command not in options:
            continue
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line):
            assert option in options[command] | {"--help"}, (command, option)


# ---------------------------------------------------------------- 11.4 progress


def test_progress_only_for_a_person_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from wessex_cli import console

    monkeypatch.setattr(type(console.err), "is_terminal", property(lambda self: True),
                        raising=False)  # err is made on first use
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert console.shows_progress()
    assert not console.shows_progress(quiet=True)  # --json
    monkeypatch.setenv("TERM", "dumb")
    assert not console.shows_progress()
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not console.shows_progress()
    monkeypatch.setattr(type(console.err), "is_terminal", property(lambda self: False),
                        raising=False)
    monkeypatch.delenv("NO_COLOR")
    assert not console.shows_progress()  # a pipe


def test_reading_a_long_sheet_reports_progress(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int | None]] = []

    class Recorder:
        def __init__(self, description: str, total: int | None, quiet: bool) -> None:
            self.total = total

        def __enter__(self) -> Any:
            return lambda done: seen.append((done, self.total))

        def __exit__(self, *args: Any) -> None:
            pass

    from wessex_cli.commands import common

    monkeypatch.setattr(common, "progress", Recorder)
    people = [person(f"Dr Person {i}", f"p{i}@example.org", "GP" if i % 2 else "Consultant",
                     Organisation=f"Place {i}") for i in range(2500)]
    write_book(tmp_path / "v.xlsx", people)
    invoke(tmp_path, "check", "v.xlsx")
    assert seen and seen[-1][0] >= 2000 and all(total == 2500 for _, total in seen)
    seen.clear()
    write_book(tmp_path / "short.xlsx", people[:100])
    invoke(tmp_path, "check", "short.xlsx")
    assert seen == []


def test_pairing_and_rendering_report_progress_unless_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wessex_cli.commands import documents, pairing

    calls: list[tuple[str, int | None, bool]] = []

    class Recorder:
        def __init__(self, description: str, total: int | None, quiet: bool = False) -> None:
            calls.append((description.split()[0], total, quiet))

        def __enter__(self) -> Any:
            return lambda *args: None

        def __exit__(self, *args: Any) -> None:
            pass

    monkeypatch.setattr(pairing, "progress", Recorder)
    monkeypatch.setattr(documents, "progress", Recorder)
    monkeypatch.setattr(pairing, "PROGRESS_FROM", 2)
    monkeypatch.setattr(documents, "RENDER_PROGRESS_FROM", 2)
    write_book(tmp_path / "v.xlsx", golden_people())
    invoke(tmp_path, "pair", "v.xlsx")
    invoke(tmp_path, "pair", "v.xlsx", "--dry-run", "--json")
    invoke(tmp_path, "render", "partner-introduction", "--pairs", "pairs.xlsx",
           "--allow-placeholders")
    assert calls == [("Pairing", None, False), ("Pairing", None, True),
                     ("Rendering", 4, False)]


def test_no_progress_output_on_a_pipe_or_with_json(tmp_path: Path) -> None:
    people = [person(f"Dr Person {i}", f"p{i}@example.org", "GP" if i % 2 else "Consultant",
                     Organisation=f"Place {i}") for i in range(2100)]
    write_book(tmp_path / "v.xlsx", people)
    result = invoke(tmp_path, "check", "v.xlsx", "--json", env={"TERM": "xterm"})
    assert result.stderr == ""
    json.loads(result.stdout)


# ---------------------------------------------------------------- 11.5 tables and goldens


def golden_people() -> list[dict[str, Any]]:
    return [
        person("Dr Amelia Ashworth", "amelia.ashworth@nhs.net", "GP",
               Organisation="Harbourside Surgery", Cluster="Coastal",
               **{"Preference 1": "Orthopaedics", "Host days": "Mon, Wed",
                  "Visit days": "any"}),
        person("Dr Isla Okonkwo", "isla.okonkwo@nhs.net", "GP",
               Organisation="Elmfield Medical Centre", Cluster="-",
               **{"Preference 1": "Prof Chidi Zielinski", "Preference 2": "Cardiology"}),
        person("Dr Callum Whitlow", "callum.whitlow@nhs.net", "GP",
               Organisation="Orchard Lane Practice", Cluster="Coastal"),
        person("Prof Chidi Zielinski", "chidi.zielinski@nhs.net", "Consultant",
               Organisation="Eastshire General Hospital - Gastroenterology",
               Specialty="Gastroenterology", Cluster="n/a",
               **{"Preference 1": "Harbourside Surgery"}),
        person("Dr Winifred Upton", "winifred.upton@nhs.net", "Consultant",
               Organisation="Eastshire General Hospital - Orthopaedics",
               Specialty="Orthopaedics", Cluster="Coastal"),
    ]


def golden_folder(tmp_path: Path) -> Path:
    (tmp_path / "scheme.toml").write_text(
        '[scheme]\nname = "Eastshire Exchange"\n[dates]\nstart = 2027-04-19\n'
        'end = 2027-07-19\n[administrator]\nname = "Morwenna Trask"\n'
        'email = "morwenna.trask@nhs.net"\nphone = "01632 960123"\n', encoding="utf-8")
    write_book(tmp_path / "volunteers.xlsx", golden_people())
    broken = golden_people()
    broken[1]["Email"] = "isla.okonkwo@nhs"
    broken[2]["Host days"] = "Tuesday lunchtime"
    write_book(tmp_path / "broken.xlsx", broken)
    invoke(tmp_path, "pair", "volunteers.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    sheet = book["Pairs"]
    header = [c.value for c in sheet[1]]
    col = {h: header.index(h) + 1 for h in header}
    sheet.cell(2, col["A hosts B: date"], dt.datetime(2027, 5, 4))
    sheet.cell(2, col["A hosts B: done"], "yes")
    sheet.cell(2, col["B hosts A: date"], "18/5/2027")
    sheet.cell(2, col["B hosts A: done"], "✓")
    sheet.cell(2, col["Reflection from A"], "yes")
    sheet.cell(3, col["A hosts B: date"], "12/6")  # planned, in the scheme's year
    book.save(tmp_path / "pairs.xlsx")
    return tmp_path


CASES = {
    "check": ("check", "broken.xlsx"),
    "pair": ("pair", "volunteers.xlsx", "--dry-run"),
    "status": ("status", "pairs.xlsx"),
}


@pytest.mark.parametrize("width", [60, 100, 200])
@pytest.mark.parametrize("case", sorted(CASES))
def test_whole_output_at_fixed_widths(tmp_path: Path, case: str, width: int) -> None:
    folder = golden_folder(tmp_path)
    result = invoke(folder, *CASES[case], width=width, code=None)
    text = result.stdout
    assert all(len(line) <= width for line in text.splitlines())
    path = GOLDEN / f"{case}-{width}.txt"
    if os.environ.get("WESSEX_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_no_word_is_broken_and_no_cell_cut(tmp_path: Path, width: int) -> None:
    folder = golden_folder(tmp_path)
    for case in CASES.values():
        text = invoke(folder, *case, width=width, code=None).stdout
        assert "…" not in text
        words = set(re.findall(r"[A-Za-z][A-Za-z'-]+|\d{4}-\d\d-\d\d", text))
        for whole in ("Orthopaedics", "Gastroenterology", "2027-05-04", "2027-05-18",
                      "Reflections", "Harbourside"):
            if whole[:5] in text:
                assert whole in words, (case, width, whole)


def test_every_column_has_a_whole_header_at_every_width(tmp_path: Path) -> None:
    folder = golden_folder(tmp_path)
    tables = [["Pair", "A", "B", "A hosts B", "B hosts A", "Reflections", "Complete"],
              ["Pair", "Primary care", "Secondary care", "Score", "Why"],
              ["Name", "Side", "Reason"], ["Level", "Cell", "Problem and fix"],
              ["Side", "People", "Active", "Places (capacity)", "With errors"]]
    for width in range(60, 201, 10):
        for args in CASES.values():
            text = invoke(folder, *args, width=width, code=None).stdout
            for joined in table_headers(text):
                assert joined in tables, (args, width, joined)


def table_headers(text: str) -> list[list[str]]:
    """The column headers of each table printed in ``text``, each header's lines joined."""
    blocks: list[list[str]] = []
    previous = False
    for line in text.splitlines():
        if line.startswith("┃"):
            if not previous:
                blocks.append([])
            blocks[-1].append(line)
        previous = line.startswith("┃")
    headers = []
    for block in blocks:
        cells = [[c.strip() for c in line.strip("┃").split("┃")] for line in block]
        headers.append([" ".join(part for part in column if part)
                        for column in zip(*cells, strict=True)])
    return headers


@pytest.mark.parametrize("width", [60, 80, 120])
def test_documents_and_plan_keep_their_words_whole(tmp_path: Path, width: int) -> None:
    listed = invoke(tmp_path, "documents", width=width).stdout
    plan = invoke(tmp_path, "plan", "--start", "2027-04-19", width=width).stdout
    for text in (listed, plan):
        assert "…" not in text and all(len(line) <= width for line in text.splitlines())
    words = set(re.findall(r"[\w.-]+", listed + plan))
    assert {"preferences-request", "partner-introduction", "call-to-action",
            "scheme.administrator.email"} <= words


def test_control_characters_from_cells_are_never_printed(tmp_path: Path) -> None:
    people = golden_people()
    people[0]["Name"] = "Dr Amelia \x1b[2J\x1b]0;owned\x07Ashworth"
    people[3]["Organisation"] = "Eastshire \x1b[31mGeneral\x1b[0m Hospital"
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)  # openpyxl refuses control characters; a CSV does not
        writer.writerow(HEADERS)
        writer.writerows([[p.get(h, "") for h in HEADERS] for p in people])
    for width in (60, 200):
        for args in (("pair", "v.csv"), ("status", "pairs.xlsx"), ("check", "v.csv")):
            result = invoke(tmp_path, *args, width=width, code=None)
            assert "\x1b" not in result.output and "\x07" not in result.output, args


def test_safe_console_cleans_every_print() -> None:
    from io import StringIO

    from wessex_cli.console import SafeConsole

    sink = StringIO()
    SafeConsole(file=sink, force_terminal=False, width=80).print("a\x1b[31mb\x9bc")
    assert sink.getvalue() == "a\N{REPLACEMENT CHARACTER}[31mb\N{REPLACEMENT CHARACTER}c\n"



def test_every_character_clean_replaces_is_one_isprintable_refuses() -> None:
    """``clean`` passes printable text at once: sound only while every character it would
    replace is a control or a format character, which ``isprintable`` refuses."""
    from wessex_cli.console import _CONTROL, clean

    assert not [hex(code) for code in _CONTROL if chr(code).isprintable()]
    # one of each kind, by hand: ESC, DEL, a C1 control, a right-to-left override
    assert clean("a\x1bb\x7fc\x9bd\u202ee\tf\n") == "a\ufffdb\ufffdc\ufffdd\ufffde\tf\n"


@given(st.text())
def test_clean_gives_what_the_translation_gives(text: str) -> None:
    from wessex_cli.console import _CONTROL, clean

    assert clean(text) == text.translate(_CONTROL)

def test_examples_still_read(tmp_path: Path) -> None:
    result = invoke(EXAMPLES, "check", "volunteers.xlsx", "--json")
    assert json.loads(result.stdout)["volunteers"] == 61


# ---------------------------------------------------------------- properties



@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_day_reads_back_in_each_written_form(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(f"{day.day} {day:%B %Y}") == day
    assert parse_date(f"{day.day}/{day.month}", day.year) == day


@given(st.text(alphabet="0123456789", min_size=1, max_size=8))
def test_digits_alone_are_never_a_date(digits: str) -> None:
    with pytest.raises(ValueError):
        parse_date(digits, 2027)


words = st.text(alphabet="abcdefghij-", min_size=1, max_size=14)
cells = st.lists(words, min_size=0, max_size=6).map(" ".join)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=0, max_size=5),
       st.integers(min_value=20, max_value=120))
def test_column_widths_never_cut_a_word_and_always_fit(rows: list[list[str]],
                                                       width: int) -> None:
    from rich.text import Text

    from wessex_cli.commands.tables import Column, column_widths

    columns = [Column("Name"), Column("A hosts B"), Column("Reason")]
    texts = [[Text(cell) for cell in row] for row in rows]
    widths = column_widths(columns, texts, width)
    if widths is None:  # then the longest words really cannot stand side by side
        longest = [max([len(w) for w in c.header.split()] +
                       [len(w) for row in rows for w in row[i].split()]) for i, c in
                   enumerate(columns)]
        assert sum(longest) + 3 * len(columns) + 1 > width
        return
    assert sum(widths) + 3 * len(columns) + 1 <= width
    for index, column in enumerate(columns):
        for text in [column.header, *(row[index] for row in rows)]:
            assert all(len(word) <= widths[index] for word in text.split())



def test_a_cell_of_several_lines_wants_the_width_of_its_longest_line() -> None:
    """A cell of two lines wants room for its longer line, not for the two run together;
    a word in a wide script counts two columns a character."""
    from rich.text import Text

    from wessex_cli.commands.tables import Column, column_widths

    rows = [[Text("Harbourside Surgery\nOrchard Lane"), Text("漢字 ab")]]
    # "Harbourside Surgery" is 19; "漢字" is 4 columns, the longer word of "漢字 ab" (7)
    assert column_widths([Column("N"), Column("M")], rows, 80) == [19, 7]
    assert column_widths([Column("N"), Column("M")], rows, 7 + 11 + 4) == [11, 4]

def test_unbalanced_sides_are_counted_in_words_that_agree(tmp_path: Path) -> None:
    """Two GPs and one consultant: two primary places for one secondary place, so at least
    one primary place goes unpaired (never "1 secondary places" or "place(s)")."""
    people = [*small_scheme_people(),
              person("Dr Isla Okonkwo", "isla@example.org", "GP", Organisation="Quayside")]
    write_book(tmp_path / "v.xlsx", people)
    data = json.loads(invoke(tmp_path, "check", "v.xlsx", "--json").output)
    messages = " ".join(json.dumps(data).split())
    assert ("2 places on the Primary care side for 1 on the Secondary care side, so at least "
            "1 place on the Primary care side will go unpaired") in messages


def test_a_long_list_of_problems_is_cut_in_the_terminal_and_whole_in_json(
        run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    # 198,000 problems took a minute and 1.5 GB to print as a table; --json lists them all
    from wessex_cli.commands import setup

    monkeypatch.setattr(setup, "PROBLEMS_SHOWN", 3)
    lines = "".join(f"Person {n},not an address {n},GP\n" for n in range(5))
    (run.folder / "bad.csv").write_text("Name,Email,Profession\n" + lines, encoding="utf-8")
    shown = run("check", "bad.csv", code=1).output
    # five addresses in error, then six warnings: no scheme.toml gives the administrator's
    # name and e-mail, the dates or the two sides' organisations the call to action prints
    assert shown.count("is not a valid e-mail address") == 3
    assert "... and 8 more problems (errors first, then warnings): wessex check bad.csv " \
        "--json lists them all." in " ".join(shown.split())
    assert "5 errors, 6 warnings." in shown
    listed = json.loads(run("check", "bad.csv", "--json", code=1).output)["problems"]
    assert len([p for p in listed if "is not a valid e-mail" in p["message"]]) == 5


def test_json_is_written_as_it_is_encoded_exactly_as_one_string_would_be(
        capsys: pytest.CaptureFixture[str]) -> None:
    from wessex_cli.console import json_chunks, print_json

    data = {"problems": [{"cell": f"A{n}", "message": f"é {n}", "date": dt.date(2027, 5, 4)}
                         for n in range(5_000)], "empty": [], "none": None}
    print_json(data)
    written = capsys.readouterr().out
    assert written == "".join(json_chunks(data)) + "\n"
    assert json.loads(written) == json.loads(json.dumps(data, default=str))


def test_json_has_one_record_a_line_and_everything_else_indented(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A list of objects (pairs, problems) one object to a line, as sqlite-utils prints
    rows; the rest indented two spaces. Written by hand, as a script or a person sees it."""
    from wessex_cli.console import print_json

    print_json({"pairs": [{"id": "P001", "visits": [{"done": True}], "date": None},
                          {"id": "P002", "name": "Siân"}],
                "summary": {"pairs": 2, "sides": ["primary", "secondary"], "none": {}},
                "unpaired": []})
    assert capsys.readouterr().out == (
        '{\n'
        '  "pairs": [\n'
        '    {"id": "P001", "visits": [{"done": true}], "date": null},\n'
        '    {"id": "P002", "name": "Siân"}\n'
        '  ],\n'
        '  "summary": {\n'
        '    "pairs": 2,\n'
        '    "sides": [\n'
        '      "primary",\n'
        '      "secondary"\n'
        '    ],\n'
        '    "none": {}\n'
        '  },\n'
        '  "unpaired": []\n'
        '}\n')


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) |
    st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4), max_leaves=20)


@settings(max_examples=300)
@given(_JSON_VALUES)
def test_json_as_written_reads_back_as_the_json_module_writes_it(value: object) -> None:
    from wessex_cli.console import json_chunks

    assert json.loads("".join(json_chunks(value))) == json.loads(json.dumps(value))




def _table_both_ways(title: str, headers: list[tuple[str, bool]], rows: list[list[Any]],
                     width: int, colour: bool) -> tuple[str, str] | None:
    """A table as ``show_table`` draws it, and as rich draws the same table with every row
    added (what show_table did before it drew the rows itself); None when the rows do not
    fit side by side at this width (then they are blocks, which rich does not draw)."""
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from wessex_cli.commands.tables import Column, as_text, column_widths, show_table

    def console() -> Console:
        return Console(file=io.StringIO(), width=width, color_system="truecolor" if colour
                       else None, force_terminal=colour, legacy_windows=False)

    columns = [Column(header, right) for header, right in headers]
    cells = [[as_text(value) for value in row] for row in rows]
    widths = column_widths(columns, cells, width)
    if widths is None:
        return None
    ours = console()
    show_table(title, columns, rows, console=ours)
    theirs = console()
    table = Table(title=Text(title))
    for column, column_width in zip(columns, widths, strict=True):
        table.add_column(column.header, justify="right" if column.right else "left",
                         width=column_width, overflow="fold")
    for row in cells:
        table.add_row(*row)
    theirs.print(table)
    return ours.file.getvalue(), theirs.file.getvalue()  # type: ignore[attr-defined]


_CELL_TEXT = st.lists(st.sampled_from(list("ab Zé漢-\n\t") + [
    "Orthopaedics", "2027-05-04", "OVERDUE", "not confirmed", "  "]), max_size=8).map("".join)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[tuple[str, bool]], list[list[Any]]]:
    """Headers, and rows of cells each (text, style, how much of it underlined, as rich
    Text or as a plain string): made into cells by ``_cells``, outside the strategy."""
    headers = draw(st.lists(st.tuples(st.sampled_from(["Pair", "A hosts B", "Reflections",
                                                       "Name", "N"]), st.booleans()),
                            min_size=1, max_size=5))
    rows = [[(draw(_CELL_TEXT), draw(st.sampled_from(["", "green", "red", "bold yellow"])),
              draw(st.integers(0, 30)), draw(st.booleans())) for _ in headers]
            for _ in range(draw(st.integers(0, 4)))]
    return headers, rows


def _cells(rows: list[list[Any]]) -> list[list[Any]]:
    from rich.text import Text

    made: list[list[Any]] = []
    for row in rows:
        made.append([])
        for plain, style, underlined, rich_text in row:
            if not rich_text:
                made[-1].append(plain)
                continue
            text = Text(plain, style)
            if plain and underlined:
                text.stylize("underline", 0, min(underlined, len(plain)))
            made[-1].append(text)
    return made


@settings(max_examples=300, deadline=None)
@given(_tables(), st.integers(20, 130), st.booleans())
def test_a_table_with_its_rows_drawn_by_wessex_is_byte_for_byte_richs(
        table: tuple[list[tuple[str, bool]], list[list[Any]]], width: int,
        colour: bool) -> None:
    headers, rows = table
    drawn = _table_both_ways("Visits", headers, _cells(rows), width=width, colour=colour)
    if drawn is not None:
        assert drawn[0] == drawn[1]


def test_a_table_of_wrapped_and_styled_cells_is_richs_by_hand() -> None:
    """The forms the property test may seldom meet together: a cell wrapped over three lines
    beside one of a line, a right-aligned number, a coloured state, a wide character."""
    from rich.text import Text

    rows: list[list[Any]] = [
        ["P001", "Dr Amelia Ashworth of Harbourside Surgery", Text("OVERDUE", "red"), "12"],
        ["P002", "漢字 name", Text("done 4 May", "green"), "3"]]
    for colour in (False, True):
        drawn = _table_both_ways("Visits still owed", [("Pair", False), ("A", False),
                                                       ("A hosts B", False), ("N", True)],
                                 rows, width=40, colour=colour)
        assert drawn is not None and drawn[0] == drawn[1]
        assert drawn[0].count("\n") > 8  # the long name did wrap


# Printable ASCII, spaces often (runs of them, at either end), words longer than a width
_ASCII_CELL = st.lists(st.sampled_from([" ", "  ", "a", "Zb", "-", "P001", "Orthopaedics",
                                        "done 4 May", "x" * 14, "!~"]),
                       max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(_ASCII_CELL, st.integers(1, 24), st.sampled_from(["left", "right"]), st.booleans())
def test_a_cell_of_ascii_is_drawn_as_rich_wraps_and_renders_it(
        plain: str, width: int, justify: Any, colour: bool) -> None:
    """The strings ``folded`` makes of a cell of printable ASCII, and the segments
    ``_CellDrawing`` draws each line with (a styled line rendered once and reused, for its
    text in its style), are rich's own: ``Text.wrap``, then ``Text.render`` of each line."""
    import io

    from rich.console import Console
    from rich.text import Text

    from wessex_cli.commands.tables import _CellDrawing, _styled, folded

    console = Console(file=io.StringIO(), width=80, force_terminal=colour,
                      color_system="truecolor" if colour else None, legacy_windows=False)
    drawing = _CellDrawing(console)  # one for the table: each line in each style, twice
    for style in ["", "green", "bold red"] * 2:
        richs = Text(plain, style).wrap(console, width, justify=justify, overflow="fold")
        assert folded(plain, width, justify) == [line.plain for line in richs]
        drawn = [list(_styled(line).render(console)) for line in richs]
        assert drawing.lines(Text(plain, style), width, justify) == drawn
        if not style:  # a plain string, as show_table keeps one
            assert drawing.lines(plain, width, justify) == drawn


def test_a_plain_string_cell_is_cleaned_as_as_text_cleans_it() -> None:
    """A cell given as a plain string holding an escape sequence is measured and drawn as
    its cleaned text (each control character one replacement character, a column wide),
    as rich draws the cells ``as_text`` makes."""
    rows: list[list[Any]] = [["P001", "Ann\x1b[31m Lee"], ["P002", "Bo\x07b"]]
    for colour in (False, True):
        drawn = _table_both_ways("Visits", [("Pair", False), ("A", False)], rows, width=40,
                                 colour=colour)
        assert drawn is not None and drawn[0] == drawn[1]
        assert "│ Ann\N{REPLACEMENT CHARACTER}[31m Lee │" in drawn[0]
        assert "\x1b" not in drawn[0] or colour  # in colour, the header's bold is one
