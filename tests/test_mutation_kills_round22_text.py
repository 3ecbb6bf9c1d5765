"""Tests added to kill mutants of ``text`` that survived the 22nd hand mutation run. SPEC
("Pairing rules"): names, e-mails and organisations compare after case-folding, trimming,
collapsing spaces and punctuation, and dropping titles."""

from __future__ import annotations

from dataclasses import replace

from wessex_cli.rules import Rule, rules_broken
from wessex_cli.text import organisation_key, person_key

from .test_pairing import make

ANY = 0x3FFF


def test_an_at_sign_is_punctuation_in_names_and_organisations() -> None:
    """'GP@Home Surgery' and 'gp @ home surgery' differ only in case, spacing and
    punctuation: one organisation, key 'gp home surgery'."""
    assert organisation_key("GP@Home Surgery") == "gp home surgery"
    assert organisation_key("gp @ home surgery") == "gp home surgery"
    assert person_key("Dr Ann@Smith") == "ann smith"


def test_colleagues_at_one_organisation_spelt_with_and_without_spaces_are_kept_apart() -> None:
    """Rule 2: the two work at the same organisation, however its '@' is spaced."""
    a = replace(make(0, "primary", 0, 0, ANY, ANY, 1, 0, [], []),
                organisation="GP@Home Surgery")
    b = replace(make(0, "secondary", 0, 0, ANY, ANY, 1, 0, [], []),
                organisation="GP @ Home surgery")
    assert rules_broken(a, b) == [Rule.ORGANISATION]
