"""A name with two titles before it ("Prof Sir John Smythe", "Revd Dr Ann Bell"): the letters
greeted him "Dear Sir," and told his partner to "get in touch with Sir directly", taking the
second title for his first name. SPEC: titles are kept for display and ignored for matching;
a letter that greets by first name greets by the name, never by a title."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


@pytest.mark.parametrize(("typed", "first"), [
    ("Prof Sir John Smythe", "John"),
    ("Revd Dr Ann Bell", "Ann"),
    ("Prof Dame Sarah Oduya", "Sarah"),
    ("Dr Sir Smythe", ""),  # titles and a surname: no first name to greet by
])
def test_a_second_title_is_not_a_first_name(typed: str, first: str) -> None:
    from wessex_cli.wording import given_name

    assert given_name(typed) == first


def test_letters_greet_a_knighted_consultant_by_his_first_name(run: Runner,
                                                               tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amy Lee", "amy.lee@example.org", "GP", Organisation="Oak Surgery"),
        person("Prof Sir John Smythe", "john.smythe@nhs.net", "Consultant",
               Organisation="General Hospital - Cardiology")])
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    his = " ".join((folder / "john-smythe.txt").read_text(encoding="utf-8").split())
    hers = " ".join((folder / "amy-lee.txt").read_text(encoding="utf-8").split())
    assert his.startswith("Dear John,")
    assert "Please get in touch with John directly" in hers
    assert "Sir directly" not in hers and "host Sir " not in hers
