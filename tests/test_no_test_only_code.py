"""The modules that change the pairs workbook hold no function kept only for a test: a test
calls what wessex calls (a wrapper only tests called could drift from what the commands do,
and passed while they did not)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "wessex_cli"


@pytest.mark.parametrize("module", ["sheet_rows", "workbook_edit", "record"])
def test_every_function_of_the_workbook_edits_is_called_by_wessex(module: str) -> None:
    texts = [path.read_text(encoding="utf-8") for path in SOURCE.rglob("*.py")]
    tree = ast.parse((SOURCE / f"{module}.py").read_text(encoding="utf-8"))
    names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    # its name once, where it is defined, and nowhere else in wessex
    unused = [name for name in names
              if sum(len(re.findall(rf"\b{name}\b", text)) for text in texts) == 1]
    assert unused == []
