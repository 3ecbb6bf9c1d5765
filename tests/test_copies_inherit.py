"""README: your copy of a built-in template that does not set layout, per_profession,
only_chased, only_incomplete, before_start, until or from (a copy made before the key
existed) takes it from the built-in one. Each key each built-in template sets is taken out
of a copy in turn, and the copy read as wessex reads the administrator's templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wessex_cli.documents import builtin_dir, list_templates
from wessex_cli.scheme import load_scheme

from .conftest import EXAMPLES

KEYS = ("layout", "per_profession", "only_chased", "only_incomplete", "before_start",
        "until", "from")
FIELD = {"from": "from_"}
BUILTIN = {path.name.removesuffix(".md.j2"): path.read_text(encoding="utf-8")
           for path in sorted(builtin_dir().glob("*.md.j2"))}
CASES = [(name, key) for name, text in BUILTIN.items() for key in KEYS
         if re.search(rf"^{key}\s*=", text.split("+++")[1], re.M)]


def test_every_key_is_set_by_some_built_in_template() -> None:
    assert {key for _, key in CASES} == set(KEYS)


@pytest.mark.parametrize(("name", "key"), CASES)
def test_a_copy_without_the_key_takes_the_built_in_value(tmp_path: Path, name: str,
                                                         key: str) -> None:
    (tmp_path / "scheme.toml").write_text((EXAMPLES / "scheme.toml").read_text(
        encoding="utf-8"), encoding="utf-8")
    (tmp_path / "templates").mkdir()
    _, front, body = BUILTIN[name].split("+++", 2)
    older = re.sub(rf"^{key}(_advice)?\s*=.*\n", "", front, flags=re.M)
    assert older != front
    (tmp_path / "templates" / f"{name}.md.j2").write_text(f"+++{older}+++{body}",
                                                           encoding="utf-8")
    scheme = load_scheme(tmp_path / "scheme.toml")
    builtin = next(t for t in list_templates(load_scheme(EXAMPLES / "scheme.toml"))
                   if t.name == name)
    copy = next(t for t in list_templates(scheme) if t.name == name)
    assert copy.path.parent == tmp_path / "templates"  # the administrator's own is read
    attribute = FIELD.get(key, key)
    assert getattr(copy, attribute) == getattr(builtin, attribute)
