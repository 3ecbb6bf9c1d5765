"""The one place output goes through: a rich Console for people, plain JSON for scripts."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

# Rich follows the terminal: colour only on a colour terminal, none with NO_COLOR, and
# tables sized to the window (or $COLUMNS when output is piped).
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    """Exactly one JSON object on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
