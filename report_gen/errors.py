"""One family of errors for a user's mistakes, shown as messages without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class ReportError(Exception):
    """A problem the user can fix: bad data, a bad template, a missing font or tool."""


@dataclass(frozen=True)
class Problem:
    """One located problem in a data file or a spreadsheet of figures: where it is and what is wrong."""

    file: str
    line: int | None
    path: str
    message: str
    cell: str | None = None
    """A spreadsheet cell such as Sheet1!C7, shown in place of the line; None in a YAML or CSV file."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.cell or self.line}" if self.cell or self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataError(ReportError):
    """The data file is invalid; carries every problem found in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class TemplateError(ReportError):
    """A narrative template is missing, malformed or names something unknown."""


class FontError(ReportError):
    """No usable CJK font, or a character the chosen font cannot draw."""


class BuildError(ReportError):
    """Writing the outputs failed for a reason the user can act on."""
