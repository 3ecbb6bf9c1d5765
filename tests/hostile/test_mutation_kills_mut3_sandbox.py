"""Tests written against mutants of the day's size estimates in the template sandbox that
tests/hostile/test_template_sandbox.py let live: each text here is too long (over the
1,000,000 characters a template may build) only when measured as the estimate promises,
so a weaker estimate lets it be built first ("giving a value of" instead of "giving
about"), or not stopped at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Runner
from .test_template_sandbox import _scheme_folder

_FIFTH = "{% set b = 'x' * 200000 %}"
ESTIMATED = {
    # ten fields of 200,000 characters each: two million, though each value is a fifth
    # of the limit (mutant: one field counted)
    "printf-fields": _FIFTH + "{{ ('%s%s%s%s%s%s%s%s%s%s' % (b, b, b, b, b, b, b, b, b, b)) "
                              "| length }}",
    # tojson writes each 'é' as six characters: ten copies of 50,000 of them are three
    # million (mutant: counted once each)
    "tojson-accents": "{% set c = 'é' * 50000 %}{{ ([c] * 10) | tojson | length }}",
}


@pytest.mark.parametrize("name", sorted(ESTIMATED))
def test_a_text_too_long_only_as_estimated_is_stopped_before_it_is_built(
        run: Runner, tmp_path: Path, name: str) -> None:
    _scheme_folder(tmp_path, ESTIMATED[name])
    result = run("render", "attack", "--allow-placeholders", code=1)
    assert "template 'attack' line 6" in result.output
    assert "giving about" in result.output, result.output
    assert not (tmp_path / "documents").exists()


def test_text_printed_inside_a_set_block_counts_towards_the_document_s_work(
        run: Runner, tmp_path: Path) -> None:
    """Fifty blocks each keeping half a million characters, every one thrown away: no value
    is too long, but 25 million characters printed is past the 20 million of work one
    document may do (mutant: what is printed not counted)."""
    _scheme_folder(tmp_path, "{% set b = 'x' * 500000 %}{% for i in range(50) %}"
                             "{% set y %}{{ b }}{% endset %}{% endfor %}done")
    result = run("render", "attack", "--allow-placeholders", code=1)
    assert "template 'attack'" in result.output
    assert not (tmp_path / "documents").exists()


def test_sum_of_a_generator_still_adds_every_item(run: Runner, tmp_path: Path) -> None:
    """sum given a map (read once): its items are measured and then added, 1 + 2 + 3 + 4
    making 10 (mutant: the items read to measure them and the emptied map added, 0)."""
    _scheme_folder(tmp_path, "Total {{ [1, 2, 3, 4] | map('int') | sum }}.")
    run("render", "attack", "--allow-placeholders")
    text = (tmp_path / "documents" / "attack.md").read_text(encoding="utf-8")
    assert "Total 10." in text
