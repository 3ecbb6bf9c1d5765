"""Layering that shows in the imports: help and tracking commands load only what they use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES

# pydantic: Typer 0.29 brought it, imported to parse any parameter (the pin in pyproject)
HEAVY = ("numpy", "ortools", "scipy", "pandas", "jinja2", "openpyxl", "matplotlib", "pydantic",
         "wessex_cli.solver", "wessex_cli.eligibility", "wessex_cli.scoring")

PROBE = """
import json, sys
sys.argv = ["wessex", *json.loads(sys.argv[1])]
from wessex_cli.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
print(json.dumps([code, sorted(name for name in sys.modules)]))
"""


def loaded(tmp_path: Path, *args: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``wessex ARGS``."""
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))],
                          capture_output=True, text=True, cwd=tmp_path, check=True,
                          env={"COLUMNS": "100", "NO_COLOR": "1", "PATH": ""})
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0, done.stdout + done.stderr
    return set(modules)


@pytest.mark.parametrize(("args", "also_absent"), [
    (("--help",), ("rich", "wessex_cli.scheme", "tomllib")),  # plain click text, no rich
    (("pair", "--help"), ("rich",)),
    # reading the pairs workbook: nothing of writing one (its digest, the xlsx writer)
    (("status", str(EXAMPLES / "pairs.xlsx")), ("wessex_cli.xlsx_out", "hashlib")),
    (("status", str(EXAMPLES / "pairs.xlsx"), "--json"), ("rich", "wessex_cli.xlsx_out")),
])
def test_help_and_status_load_no_solver_numpy_or_templates(
        tmp_path: Path, args: tuple[str, ...], also_absent: tuple[str, ...]) -> None:
    modules = loaded(tmp_path, *args)
    assert "wessex_cli.cli" in modules  # the probe ran the command
    assert not [m for m in (*HEAVY, *also_absent) if m in modules]


def test_pair_does_load_the_solver(tmp_path: Path) -> None:
    """The probe can see a heavy import when there is one."""
    modules = loaded(tmp_path, "pair", str(EXAMPLES / "volunteers.xlsx"), "--scheme",
                     str(EXAMPLES / "scheme.toml"), "--dry-run", "--json")
    assert {"numpy", "ortools", "wessex_cli.solver"} <= modules



def test_status_beside_a_scheme_file_loads_no_equality_module(tmp_path: Path) -> None:
    """Reading scheme.toml checks a side's label against the equality tables' own columns;
    those names are the scheme's, so status (which reads no equality form) does not load
    the equality module for them."""
    for name in ("pairs.xlsx", "scheme.toml"):
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    modules = loaded(tmp_path, "status", "pairs.xlsx")
    assert "wessex_cli.scheme" in modules  # scheme.toml was read
    assert "wessex_cli.equality" not in modules


def test_check_of_a_scheme_without_dates_loads_no_bank_holiday_calendar(tmp_path: Path) -> None:
    """The start date suggested where scheme.toml gives none is found without the holidays
    library, which loads every country's calendar (some 0.15 s and 14 MB a run); 'plan', a
    command about dates, still uses it."""
    (tmp_path / "volunteers.xlsx").write_bytes((EXAMPLES / "volunteers.xlsx").read_bytes())
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Dale Exchange"\n',
                                          encoding="utf-8")
    modules = loaded(tmp_path, "check", "volunteers.xlsx", "--json")
    assert "wessex_cli.check" in modules and "holidays" not in modules
    assert "holidays" in loaded(tmp_path, "plan", "--start", "2027-04-19", "--json")
