"""wessex: run a Wessex Model workplace exchange.

The core is usable without the CLI::

    from wessex_cli import load_scheme, read_roster, pair_volunteers
    scheme = load_scheme()
    roster = read_roster(Path("volunteers.xlsx"), scheme)
    result = pair_volunteers(roster, scheme)

Heavy libraries (numpy, OR-Tools, openpyxl, Jinja) load only when a function needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import (
    OutputError,
    PairingError,
    RosterError,
    SchemeError,
    SpreadsheetError,
    TemplateError,
    TrackingError,
    WessexError,
)

_LAZY = {
    "Preference": "roster", "Problem": "roster", "Roster": "roster", "Volunteer": "roster",
    "read_roster": "roster", "Scheme": "scheme", "load_scheme": "scheme",
    "pair_volunteers": "pairing", "PairingResult": "pairing", "Pair": "pairing",
    "EligibilityModel": "eligibility", "rules_broken": "rules", "Rule": "rules",
    "check_roster": "check",
}

if TYPE_CHECKING:
    from .check import check_roster
    from .eligibility import EligibilityModel
    from .pairing import Pair, PairingResult, pair_volunteers
    from .roster import Preference, Problem, Roster, Volunteer, read_roster
    from .rules import Rule, rules_broken
    from .scheme import Scheme, load_scheme


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)


__all__ = [
    "WessexError", "SpreadsheetError", "RosterError", "SchemeError", "PairingError",
    "TemplateError", "TrackingError", "OutputError", "Volunteer", "Preference", "Problem",
    "Roster", "read_roster", "Scheme", "load_scheme", "pair_volunteers", "PairingResult", "Pair",
    "EligibilityModel", "rules_broken", "Rule", "check_roster", "__version__",
]
