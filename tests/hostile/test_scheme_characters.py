"""scheme.toml settings typed with characters no Word document may hold (a noncharacter
such as \\ufffe, a control character, a line break): each is cleaned where scheme.toml is
read, so every document still renders, and none reaches a file the tool writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..conftest import COMPLETE_SCHEME, Runner, few_pairs

# characters that XML 1.0, and so a .docx, cannot hold
NOT_IN_XML = ["\ufffe", "\uffff", "\x01", "\x0b"]


def _word_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.endswith(".xml"))


def test_a_noncharacter_in_the_schemes_name_and_administrator_still_makes_a_word_file(
        run: Runner, tmp_path: Path) -> None:
    scheme = COMPLETE_SCHEME.replace('name = "Test exchange"',
                                     'name = "Test\\ufffeexchange"')
    scheme = scheme.replace('name = "Robin Fairweather"', 'name = "Robin\\uffffFairweather"')
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    run("render", "business-case", "--format", "docx", "--allow-placeholders")
    text = _word_text(tmp_path / "documents" / "business-case.docx")
    assert not [c for c in NOT_IN_XML if c in text]
    assert "Test exchange" in text  # the title, in the document and its properties
    assert "<dc:creator>Robin Fairweather</dc:creator>" in text


def test_a_control_character_in_a_letterhead_address_line_still_makes_a_word_file(
        run: Runner, tmp_path: Path) -> None:
    scheme = COMPLETE_SCHEME + (
        '\n[letterhead]\norganisation = "Test Exchange"\n'
        'address = ["1 High\\u0001Street", "\\u000b", "Testtown\\ufffe TT1 1AA"]\n')
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    run("render", "business-case", "--format", "docx", "--allow-placeholders")
    with zipfile.ZipFile(tmp_path / "documents" / "business-case.docx") as archive:
        header = "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                         if name.startswith("word/header"))
    assert not [c for c in NOT_IN_XML if c in header]
    assert ">1 High Street<" in header and ">Testtown  TT1 1AA<" in header
    assert header.count("<w:p>") + header.count("<w:p ") == 3  # the blank line left out


def test_a_line_break_in_the_schemes_name_still_makes_a_calendar(run: Runner,
                                                                 tmp_path: Path) -> None:
    scheme = COMPLETE_SCHEME.replace('name = "Test exchange"',
                                     'name = "Test\\r\\nX-INJECTED:1\\nexchange"')
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    run("plan", "--ics", "plan.ics")
    lines = (tmp_path / "plan.ics").read_text(encoding="utf-8").splitlines()
    assert "X-WR-CALNAME:Test X-INJECTED:1 exchange" in lines
    assert not [line for line in lines if line.startswith("X-INJECTED")]
    summaries = [line for line in lines if line.startswith("SUMMARY:")]
    assert summaries and all(line.startswith("SUMMARY:Test X-INJECTED:1 exchange: ")
                             for line in summaries)


def test_an_administrators_name_longer_than_word_keeps_still_makes_a_word_file(
        run: Runner, tmp_path: Path) -> None:
    long_name = "Robin " + "Fairweather-" * 30  # 366 characters, pasted in by mistake
    scheme = COMPLETE_SCHEME.replace('name = "Robin Fairweather"', f'name = "{long_name}"')
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    run("render", "business-case", "--format", "docx", "--allow-placeholders")
    text = _word_text(tmp_path / "documents" / "business-case.docx")
    kept = long_name[:254] + "…"
    assert f"<dc:creator>{kept}</dc:creator>" in text
    assert f"<cp:lastModifiedBy>{kept}</cp:lastModifiedBy>" in text


def test_a_bad_administrators_address_is_said_to_be_the_administrators(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME.replace(
        'email = "test.exchange@nhs.net"',
        'email = "test.exchange@nhs.net\\r\\nBcc: someone@example.org"'), encoding="utf-8")
    few_pairs(tmp_path / "pairs.xlsx", 1)
    result = run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "eml",
                 "--allow-placeholders", code=1)
    said = " ".join(result.output.split())
    assert "scheme.toml: the administrator's e-mail 'test.exchange@nhs.net Bcc: " \
        "someone@example.org' is not an e-mail address, so no draft can be sent from it. " \
        'Correct email under [administrator], for example: email = "your.name@nhs.net".' \
        in said
    assert not (tmp_path / "documents").exists()


def _invitation(run: Runner, tmp_path: Path, agenda: str, code: int = 0) -> str:
    scheme = COMPLETE_SCHEME.replace('venue = "Hall"', f'venue = "Hall"\nagenda = {agenda}')
    (tmp_path / "scheme.toml").write_text(scheme, encoding="utf-8")
    few_pairs(tmp_path / "pairs.xlsx", 1)
    result = run("render", "celebration-invite", "--pairs", "pairs.xlsx", "--format", "md",
                 "--allow-placeholders", "--force", code=code)
    if code:
        return " ".join(result.output.split())
    return (tmp_path / "documents" / "celebration-invite" /
            "amelia-ashworth.md").read_text(encoding="utf-8")


def test_a_blank_agenda_entry_prints_no_empty_line(run: Runner, tmp_path: Path) -> None:
    letter = _invitation(run, tmp_path, '["18:30 Arrivals", "", "   ", ["", ""], '
                                         '"Closing words"]')
    agenda = letter.split("## Agenda", 1)[1].split("We look forward", 1)[0]
    assert [line for line in agenda.splitlines() if line.strip()] == \
        ["- 18:30: Arrivals", "- Closing words"]


def test_an_agenda_with_no_entries_is_refused(run: Runner, tmp_path: Path) -> None:
    for agenda in ('[]', '["", " "]'):
        said = _invitation(run, tmp_path, agenda, code=1)
        assert "setting 'celebration.agenda' (line 21) has no entries, so every invitation " \
            "would print an Agenda heading with nothing under it" in said
