"""Hostile templates: an administrator's own template cannot read or write files, reach
Python's internals, or exhaust memory or time. Each attack is a user template in a
templates/ folder beside scheme.toml; each must end in exit 1 with one message naming the
template and line, with the secret never shown and nothing written."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from wessex_cli.documents import list_templates, load_template, recipients
from wessex_cli.model import PairRecord, Person
from wessex_cli.sandbox import is_plain
from wessex_cli.scheme import load_scheme

from ..conftest import Runner

SECRET = "TOP-SECRET-4242"

ATTACKS = {
    "path-read": "{{ scheme.source.parent.joinpath('secret.txt').read_text() }}",
    "path-write": "{{ scheme.source.parent.joinpath('written.txt').write_text('owned') }}",
    "class-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "mro-method": "{{ dict.mro() }}",
    "subclasses": "{{ scheme.name.__class__.__base__.__subclasses__() }}",
    "cycler": "{{ cycler.__init__.__globals__.os.popen('cat secret.txt').read() }}",
    "joiner": "{{ joiner.__init__.__globals__['__builtins__']['open']('secret.txt').read() }}",
    "namespace": "{{ namespace.__init__.__globals__ }}",
    "self": "{{ self.__init__.__globals__ }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "globals-of-filter": "{{ (''|attr('upper')).__globals__ }}",
    "format-attr": "{{ '{0.__class__.__mro__}'.format(scheme.name) }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': 1}) }}",
    "format-width": "{{ '{:>999999999}'.format(1) }}",
    "format-nested": "{{ '{:{w}}'.format(1, w=999999999) }}",
    "printf-width": "{{ '%999999999d' % 1 }}",
    "printf-star": "{{ '%*d' % (999999999, 1) }}",
    "format-filter": "{{ '%999999999d' | format(1) }}",
    "range": "{{ range(10**9) | list }}",
    "repeat": "{{ 'x' * 10**9 }}",
    "list-repeat": "{{ [0] * 10**9 }}",
    "power": "{{ 2 ** 999999999 }}",
    "power-chain": "{{ 10 ** 10 ** 10 ** 10 ** 10 }}",  # Jinja's ** groups from the left
    "center": "{{ 'x' | center(10**9) }}",
    "method-center": "{{ 'x'.center(999999999) }}",
    "doubling-concat": "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                       "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    "doubling-plus": "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                     "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}",
    "replace-growth": "{{ 'abc'.replace('', 'x' * 90000).replace('', 'y' * 90000) }}",
    "nested-loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                    "{% endfor %}",
    "output-flood": "{% for i in range(100000) %}{{ 'z' * 90000 }}{% endfor %}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "include": "{% include 'secret.txt' %}",
    "import": "{% import 'secret.txt' as s %}",
    "extends": "{% extends 'secret.txt' %}",
    "mutate-shared": "{{ scheme.sides.append(1) }}",
    "lipsum": "{{ lipsum(10**6) }}",
    "map-attribute": "{{ [scheme] | map(attribute='__class__') | list }}",
    "sort-attribute": "{{ [scheme, scheme] | sort(attribute='__class__') }}",
    "attr-filter": "{{ scheme | attr('__class__') }}",
    "class-method": "{{ dict.fromkeys }}",
    "indent-growth": "{{ ('a\\n' * 100000) | indent(100000) }}",
    "replace-filter": "{{ 'abc' | replace('', 'x' * 90000) | replace('', 'y' * 90000) }}",
    "join-growth": "{{ range(100000) | map('string') | join('x' * 90000) }}",
    # whole numbers grown by '*' (squaring doubles the size: gigabytes after twenty sets) or
    # by '-' (a bit a turn, past the digits Python will print)
    "square-chain": "{% set a0 = 2 ** 2000 %}" + "".join(
        f"{{% set a{i} = a{i - 1} * a{i - 1} %}}" for i in range(1, 23)) + "{{ a22 > 0 }}",
    "product": "{{ (2 ** 2000) * (2 ** 2000) * (2 ** 2000) * (2 ** 2000) }}",
    "minus-doubling": "{% set ns = namespace(x=1) %}{% set ns.x = 2 ** 2000 %}"
                      "{% for i in range(20000) %}{% set ns.x = ns.x - (0 - ns.x) %}"
                      "{% endfor %}{{ ns.x }}",
    # whole numbers no operator built: a method's (from_bytes of a megabyte is 8 million
    # bits, past the digits Python will print, and dividing it by a 4,000-bit number took
    # 70 ms a time: 100,000 loop turns are two hours), a literal's
    "from-bytes-print": "{{ (0).from_bytes(('a' * 3000).encode(), 'big') }}",
    "from-bytes-divide": "{% set x = (0).from_bytes(('a' * 1000000).encode(), 'big') %}"
                         "{% set y = (0).from_bytes(('c' * 500).encode(), 'big') %}"
                         "{% for i in range(3) %}{% set z = x % y %}{% endfor %}",
    "long-literal": "{{ " + "9" * 5000 + " }}",
    "hex-literal": "{{ 0x" + "f" * 5000 + " }}",
}

# Bytes are measured before they are built, as text is: 'a'.encode() * 3e9 built 3 GB (and
# (0).to_bytes(100000) * 100000 ten) before the result was found too long.
BYTES_ATTACKS = {
    "bytes-repeat": "{{ ('a'.encode() * 3000000000) | length }}",
    "bytes-to-repeat": "{{ ((0).to_bytes(100000, 'big') * 100000) | length }}",
    "bytes-join": "{{ 'ab'.encode().join([('a' * 1000000).encode()] * 1000) | length }}",
}

# Text grown by what a size check did not read, or by printing the same text many times over:
# each built 100 MB (and ten or a thousand times more with a larger number in it, enough to
# exhaust the computer's memory) before the result was found too long.
_MB = "{% set b = 'x' * 1000000 %}"
GROWTH_ATTACKS = {
    "expandtabs-by-name": "{{ ('\\t' * 100000).expandtabs(tabsize=1000) | length }}",
    "bytes-expandtabs": "{{ ('\\t' * 100000).encode().expandtabs(1000) | length }}",
    "translate": "{{ ('a' * 1000).translate({97: 'b' * 100000}) | length }}",
    "wordwrap-wrapstring": "{{ ('a ' * 400000) | wordwrap(2, wrapstring='y' * 250) | length }}",
    "indent-by-name": "{{ ('x\\n' * 10000) | indent(first=true, width=10000) | length }}",
    "indent-by-text": "{{ ('x\\n' * 10000) | indent('y' * 10000) | length }}",
    "tojson-indent": "{{ (range(1000) | list) | tojson(indent=100000) | length }}",
    "sum-lists": "{{ ([['x'] * 100000] * 100) | sum(start=[]) | length }}",
    "print-repeated-list": _MB + "{{ [b] * 100 }}",
    "string-repeated-list": _MB + "{{ ([b] * 100) | string | length }}",
    "upper-repeated-list": _MB + "{{ ([b] * 100) | upper | length }}",
    "pprint-repeated-list": _MB + "{{ ([b] * 100) | pprint | length }}",
    "printf-many": _MB + "{{ '%s%s%s%s%s%s%s%s%s%s' % (b, b, b, b, b, b, b, b, b, b) }}",
    "printf-one-name-many-times": _MB + "{{ '%(a)s%(a)s%(a)s%(a)s%(a)s' % {'a': b} }}",
    "format-one-field-many-times": _MB + "{{ '{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}'.format(b) }}",
    "format-filter-many": _MB + "{{ '%s%s%s%s%s%s%s%s%s%s' | format(b, b, b, b, b, b, b, b, b, "
                                "b) }}",
}


def _scheme_folder(tmp_path: Path, body: str) -> None:
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test exchange"\n', encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "attack.md.j2").write_text(
        '+++\ntitle = "Attack"\naudience = "scheme"\n+++\nDear reader,\n' + body + "\n",
        encoding="utf-8")


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_refused_with_template_and_line(run: Runner, tmp_path: Path,
                                                  name: str) -> None:
    _scheme_folder(tmp_path, ATTACKS[name])
    result = run("render", "attack", "--allow-placeholders", code=1)
    output = result.output
    assert SECRET not in output
    assert "template 'attack' line 6" in output
    assert ("which templates cannot reach" in output or
            "more than a document may use" in output)
    assert "spelling" not in output
    assert not (tmp_path / "written.txt").exists()
    assert not (tmp_path / "documents").exists()
    assert len(output.strip().splitlines()) == 1  # one paragraph


@pytest.mark.parametrize("name", sorted(BYTES_ATTACKS))
def test_bytes_are_measured_before_they_are_built(run: Runner, tmp_path: Path,
                                                  name: str) -> None:
    _scheme_folder(tmp_path, BYTES_ATTACKS[name])
    result = run("render", "attack", "--allow-placeholders", code=1)
    assert "template 'attack' line 6" in result.output
    assert "giving about" in result.output  # estimated, not "giving a value of": built


@pytest.mark.parametrize("name", sorted(GROWTH_ATTACKS))
def test_text_is_measured_before_it_is_built(run: Runner, tmp_path: Path, name: str) -> None:
    _scheme_folder(tmp_path, GROWTH_ATTACKS[name])
    result = run("render", "attack", "--allow-placeholders", code=1)
    assert "template 'attack' line 6" in result.output
    assert "giving about" in result.output  # estimated, not "giving a value of": built
    assert not (tmp_path / "documents").exists()


def test_a_harmless_template_still_renders(run: Runner, tmp_path: Path) -> None:
    # The same machinery lets ordinary Jinja through: loops, filters, ~, +, format, namespace.
    _scheme_folder(tmp_path, "{% set ns = namespace(n=0) %}{% for i in range(3) %}"
                             "{% set ns.n = ns.n + i %}{% endfor %}"
                             "{{ scheme.name ~ '!' }} {{ ns.n }} {{ '%05.1f' | format(2.5) }} "
                             "{{ '{:>4}'.format(7) }} {{ scheme.sides | map(attribute='label') "
                             "| join(' / ') }} {{ 'ab' * 2 }}")
    run("render", "attack", "--allow-placeholders")
    text = (tmp_path / "documents" / "attack.md").read_text(encoding="utf-8")
    # (values are Markdown-escaped and their spaces collapsed, as in every document)
    assert "Test exchange\\! 3 002.5 7 Primary care / Secondary care abab" in text


# These said "giving about" even before: each item's text was built to be measured; or
# the output a block keeps was never measured at all, so the document was written (a
# thousand turns more of its loop exhaust memory)
BUILT_TO_MEASURE = {
    "concat-repeated-list": _MB + "{{ ([b] * 100) ~ '' }}",
    "join-nested-list": _MB + "{{ [[b] * 100] | join | length }}",
    "set-block": _MB + "{% set x %}{% for i in range(100) %}{{ b }}{% endfor %}{% endset %}"
                       "{{ x | length }}",
    "set-block-own-text": "{% set x %}{% for i in range(100000) %}" + "y" * 300 +
                          "{% endfor %}{% endset %}{{ x | length }}",
    "macro": _MB + "{% macro m() %}{% for i in range(100) %}{{ b }}{% endfor %}{% endmacro %}"
                   "{{ m() | length }}",
    "filter-block": _MB + "{% filter length %}{% for i in range(100) %}{{ b }}{% endfor %}"
                          "{% endfilter %}",
}


@pytest.mark.parametrize("name", sorted(BUILT_TO_MEASURE))
def test_items_are_measured_without_building_their_text(run: Runner, tmp_path: Path,
                                                         name: str) -> None:
    import tracemalloc

    _scheme_folder(tmp_path, BUILT_TO_MEASURE[name])
    tracemalloc.start()
    try:
        result = run("render", "attack", "--allow-placeholders", code=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "template 'attack' line 6" in result.output
    assert peak < 30_000_000  # the megabyte, not a hundred copies of it
    assert not (tmp_path / "documents").exists()


def test_ordinary_uses_of_the_measured_filters_and_methods_still_render(
        run: Runner, tmp_path: Path) -> None:
    _scheme_folder(tmp_path, "{{ 'a\\tb'.expandtabs(tabsize=2) == 'a b' }} "
                             "{{ 'ab'.translate({97: 'xy'}) }} {{ 'one two' | wordwrap(3) "
                             "| length }} {{ 'x\\ny' | indent(width=2, first=true) | length }} "
                             "{{ [[1], [2]] | sum(start=[]) | length }} {{ [1, 2] | tojson }} "
                             "{{ '%(n)s-%(n)s' % {'n': 'k'} }} {{ '{0}{0}'.format('z') }} "
                             "{{ ('w' * 300000) | upper | length }} {{ [3, 4] }} "
                             "{% set k %}{% for i in range(2) %}v{{ i }}{% endfor %}{% endset %}"
                             "{{ k }} {% macro m(n) %}({{ n }}){% endmacro %}{{ m(5) }}")
    run("render", "attack", "--allow-placeholders")
    text = (tmp_path / "documents" / "attack.md").read_text(encoding="utf-8")
    assert "True xyb 7 7 2 \\[1, 2\\] k-k zz 300000 [3, 4] v0v1 (5)" in text


def test_a_misspelt_field_is_still_a_spelling_problem(run: Runner, tmp_path: Path) -> None:
    _scheme_folder(tmp_path, "{{ scheme.nmae }}")
    result = run("render", "attack", "--allow-placeholders", code=1)
    assert "spelling" in result.output and "cannot reach" not in result.output


# Mistakes, not attacks: a sum or a format the template's own values cannot fill. Each was
# "an unexpected internal problem ... Please report this" (or, for a division by zero, "more
# than a document may use"): the administrator is told the line and what cannot be done.
MISTAKES = {
    "printf-too-few": ('{{ "%s and %s" % "Ann" }}', "not enough arguments for format string"),
    "format-too-few": ('{{ "{} and {}".format("Ann") }}',
                       "it names a place in a list or a field that the values given do not "
                       "have"),
    "format-missing-name": ('{{ "{first}".format(last="Bee") }}',
                            "it names a place in a list or a field that the values given do "
                            "not have"),
    "divide-by-zero": ("{{ 10 / 0 }}", "it divides by zero"),
    "text-plus-number": ('{{ "day " + 2 }}', 'can only concatenate str (not "int") to str'),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_sum_or_format_that_cannot_be_done_names_its_line(run: Runner, tmp_path: Path,
                                                            name: str) -> None:
    body, why = MISTAKES[name]
    _scheme_folder(tmp_path, body)
    result = run("render", "attack", "--allow-placeholders", code=1)
    output = " ".join(result.output.split())
    assert f"template 'attack' line 6 cannot be worked out: {why}." in output
    assert "Check that line of the template" in output
    for wrong in ("internal problem", "more than a document may use", "cannot reach"):
        assert wrong not in output
    assert not (tmp_path / "documents").exists()


def _every_context(tmp_path: Path) -> list[tuple[str, dict[str, object]]]:
    (tmp_path / "scheme.toml").write_text(
        '[scheme]\nname = "Test"\n[dates]\nstart = 2027-05-03\nend = 2027-08-01\n'
        '[celebration]\ndate = 2027-09-01\n[[leads]]\nname = "Dr Lead"\nemail = "l@nhs.net"\n',
        encoding="utf-8")
    scheme = load_scheme(tmp_path / "scheme.toml")
    a = Person("Dr Ann Example", "ann@nhs.net", side="primary", profession="GP",
               organisation="Harbour Surgery")
    b = Person("Ben Sample", "ben@example.org", side="secondary", profession="Consultant",
               organisation="General Hospital")
    c = dataclasses.replace(a, name="Cara Third", email="cara@nhs.net")
    d = dataclasses.replace(b, name="Dev Fourth", email="dev@example.org")
    pairs = [PairRecord.with_visits("P001", a, b, (True, True),
                                    (dt.date(2027, 5, 4), dt.date(2027, 5, 11))),
             PairRecord.with_visits("P002", c, d, (False, True), (None, None))]
    found = []
    for template in list_templates(scheme):
        loaded = load_template(template.name, scheme)
        for person in recipients(loaded, scheme, volunteers=[a, b, c, d], pairs=pairs,
                                 profession="GP" if template.name == "call-to-action" else None):
            found.append((template.name, person.context))
    return found


def test_every_render_context_is_plain_data(tmp_path: Path) -> None:
    contexts = _every_context(tmp_path)
    assert len({name for name, _ in contexts}) == 14
    for name, context in contexts:
        assert is_plain(context), name
        assert "source" not in context["scheme"]  # type: ignore[operator]


BROKEN_FILES = {
    "attachments-number": b'+++\ntitle = "A"\nattachments = 5\n+++\nHello\n',
    "attachments-tables": b'+++\ntitle = "A"\nattachments = [{a = 1}]\n+++\nHello\n',
    "not-utf8": b'+++\ntitle = "A"\n+++\nHello \xff reader\n',
    "deep-front-matter": b'+++\ntitle = "A"\nx = ' + b"[" * 100_000 + b"]" * 100_000 +
                         b"\n+++\nHello\n",
    "huge": b'+++\ntitle = "A"\n+++\nHello\n{# ' + b"x" * 6_000_000 + b" #}\n",
    # each attachment is a Word file made for every recipient: a thousand made a 50 MB
    # e-mail for each, in 29 s and 323 MB
    "attachments-many": b'+++\ntitle = "A"\nattachments = [' +
                        b", ".join(b'"reflection"' for _ in range(1000)) + b"]\n+++\nHello\n",
    "attachments-twice": b'+++\ntitle = "A"\nattachments = ["reflection", "reflection"]\n'
                         b"+++\nHello\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_a_broken_template_file_is_refused_naming_it(run: Runner, tmp_path: Path,
                                                     name: str) -> None:
    _scheme_folder(tmp_path, "")
    (tmp_path / "templates" / "attack.md.j2").write_bytes(BROKEN_FILES[name])
    result = run("render", "attack", "--allow-placeholders", code=1)
    assert "template 'attack'" in result.output
    assert "unexpected internal problem" not in result.output
    assert not (tmp_path / "documents").exists()


def test_a_template_linked_to_a_file_outside_its_folder_is_refused(run: Runner,
                                                                  tmp_path: Path) -> None:
    # a folder of templates copied from elsewhere may hold a link: rendering it put the file
    # it points to (here the secret beside scheme.toml) into a letter ready to send
    _scheme_folder(tmp_path, "")
    link = tmp_path / "templates" / "attack.md.j2"
    link.unlink()
    (tmp_path / "secret.txt").write_text('+++\ntitle = "A"\n+++\n' + SECRET + "\n",
                                         encoding="utf-8")
    link.symlink_to(tmp_path / "secret.txt")
    result = run("render", "attack", "--allow-placeholders", code=1)
    assert "template 'attack' is a link to a file outside the templates folder" in result.output
    assert SECRET not in result.output
    assert not (tmp_path / "documents").exists()


def test_a_template_linked_within_its_folder_still_renders(run: Runner, tmp_path: Path) -> None:
    _scheme_folder(tmp_path, "Within the folder")
    (tmp_path / "templates" / "linked.md.j2").symlink_to(tmp_path / "templates" / "attack.md.j2")
    run("render", "linked", "--allow-placeholders")
    assert "Within the folder" in (tmp_path / "documents" / "linked.md").read_text("utf-8")


def test_a_scheme_toml_nested_too_deep_is_refused(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "T"\nx = ' + "[" * 100_000 +
                                          "]" * 100_000 + "\n", encoding="utf-8")
    result = run("documents", code=1)
    assert "scheme.toml is not valid TOML" in result.output


# Within every limit above (a value of a million characters, a million loop turns, nothing
# printed), each turn scanned a megabyte: one letter took about an hour, a render days. The
# clock is moved on rather than waited for; each is stopped at its first look at the clock
# after the document's time is up, wherever it is: a loop turn, a call, a piece of output.
SLOW = {
    "count-in-loop": "{% set s = 'ab' * 500000 %}{% for i in range(1000) %}"
                     "{{ '' if s.count('ba') > 0 else '' }}{% endfor %}",
    "in-without-a-loop": "{% set s = 'ab' * 500000 %}" + "{{ 'x' in s }}" * 50,
}


@pytest.mark.parametrize("name", sorted(SLOW))
def test_a_document_that_takes_too_long_is_stopped(run: Runner, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   name: str) -> None:
    from wessex_cli import sandbox

    clock = iter(range(0, 10**6, 10))  # ten seconds on at each look
    monkeypatch.setattr(sandbox, "_now", lambda: float(next(clock)))
    _scheme_folder(tmp_path, SLOW[name])
    output = " ".join(run("render", "attack", "--allow-placeholders", code=1).output.split())
    assert "template 'attack' line 6" in output
    assert "more than 30 seconds spent on one document" in output
    assert not (tmp_path / "documents").exists()
