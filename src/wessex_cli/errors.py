"""The one exception family of wessex.

The core raises these with enough context (file, sheet, cell) for the CLI to print one
clear paragraph that says what is wrong and what to do next. Nothing else should reach
a user: the CLI turns every ``WessexError`` into that paragraph and exit code 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class WessexError(Exception):
    """A problem the user can fix: bad input, a file in the way, a rule broken."""

    message: str
    hint: str = ""
    file: Path | str | None = None
    sheet: str | None = None
    cell: str | None = None

    def __post_init__(self) -> None:
        """Let ``Exception`` carry the message, so the error reads well wherever it is shown."""
        super().__init__(self.message)

    @property
    def where(self) -> str:
        """``volunteers.xlsx, Volunteers!C7`` — as much of the location as is known."""
        parts: list[str] = []
        if self.file is not None:
            parts.append(Path(self.file).name)
        if self.cell:
            parts.append(f"{self.sheet}!{self.cell}" if self.sheet else self.cell)
        elif self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        """The whole paragraph: where, what, and what to do next."""
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text = f"{text} {self.hint}"
        return text


class SpreadsheetError(WessexError):
    """A file that cannot be read as a spreadsheet (wrong format, damaged, hostile, open)."""


class NotASpreadsheet(SpreadsheetError):
    """A file that is no spreadsheet at all (binary data, a Word document, a zip of another
    kind): its hint is ``GIVE_A_SPREADSHEET``, which a reader expecting one particular file
    (the survey's responses) may replace with how to make that file."""


# What wessex reads, for a file that is none of it: said without naming which file was
# meant, since every command's reader says it
GIVE_A_SPREADSHEET = "Give a workbook (.xlsx or .ods) or a CSV file."


class RosterError(WessexError):
    """The volunteer workbook can be read but its content is unusable (no header, no column)."""


class SchemeError(WessexError):
    """A bad setting in scheme.toml."""


class PairingError(WessexError):
    """A lock that breaks a rule, or a pairing request that cannot be met."""


class TemplateError(WessexError):
    """A document template that is missing, malformed or needs a field the data lacks."""


class TrackingError(WessexError):
    """The pairs workbook cannot be read back, or a person or visit cannot be found."""


@dataclass
class NotInAPair(TrackingError):
    """The person is in the pairs workbook but in no pair now: on the Unpaired sheet, or
    whose partner withdrew (``withdraw --in`` can still mark them in the volunteer workbook)."""

    situation: str = ""  # where they are, as a sentence: "Dr X is on the Unpaired sheet"
    name: str = ""  # whom the pairs workbook found, for withdraw --in to hold to the list's
    email: str = ""


class OutputError(WessexError):
    """An output that would overwrite something, or a folder that cannot be written."""
