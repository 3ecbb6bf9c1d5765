"""Every public function and class of the core says what it is for (issue 14, point 6), and
the functions split into steps stay simple. ruff (a test dependency) does the checking:
pydocstyle's D100-D107 and mccabe's C901.

Run ``python -m tests.test_docstrings`` to list what is missing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wessex_cli"


def ruff(select: str) -> list[dict[str, object]]:
    """ruff's findings for ``select`` over the package, as JSON records."""
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", select,
                           "--output-format", "json", "--exit-zero", "--no-cache", str(PACKAGE)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def missing(select: str = "D1") -> list[str]:
    """``file:line code`` for every missing docstring, file relative to the package."""
    return sorted(f"{Path(str(f['filename'])).relative_to(PACKAGE).as_posix()}:"
                  f"{f['location']['row']} {f['code']}"  # type: ignore[index]
                  for f in ruff(select))


def test_every_public_function_and_class_has_a_docstring() -> None:
    assert missing() == []


def test_the_split_functions_are_not_complex_again() -> None:
    flagged = {str(f["message"]).split("`")[1] for f in ruff("C901")
               if Path(str(f["filename"])).name in ("equality.py", "formats.py")}
    assert flagged == set()


if __name__ == "__main__":
    listed = missing()
    print("\n".join(listed))
    print(f"{len(listed)} missing.")
