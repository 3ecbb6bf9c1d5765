"""The commands for after the celebration and for a second year: report, findings,
preferences import. Registered together so that cli.py needs one line for them."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the commands used after the exchange (findings, report, preferences) to ``app``."""
    from . import findings, preferences, report

    findings.register(app)
    report.register(app)
    preferences.register(app)
