"""Where things are in a data file: paths like themes[2].figures[0].value, and their lines or cells.

Every message about the data names a file, a line (or a spreadsheet cell) and
a path; this module holds the path type, how a path is written, where a
figure read from a spreadsheet stands, and a report kept with its places.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..errors import Problem

if TYPE_CHECKING:
    from .model import Report

Path_ = tuple[Any, ...]
"""A place in the data: keys and list indexes from the top, e.g. ('themes', 2, 'figures', 0, 'value')."""


def format_path(path: Path_) -> str:
    """Write a path the way messages show it: themes[2].figures[0].value."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def line_in(lines: dict[Path_, int], path: Path_) -> int | None:
    """Return the line of a path, or of its nearest parent that has one."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


@dataclass(frozen=True)
class SheetRow:
    """Where a figure read from a spreadsheet stands: its file, sheet and row, and the column of each field."""

    file: str
    """The spreadsheet's path as messages show it."""
    sheet: str | None
    """The worksheet's name; None for a CSV file, whose rows are located by line."""
    row: int
    """The row number in the sheet, or the line in the CSV file."""
    columns: Mapping[str, str]
    """Field name → column letter; `comparison` names the column a problem with the comparison as a whole points to."""

    def problem(self, inside: Path_, message: str) -> Problem:
        """Return a problem at the path `inside` the row's figure, e.g. ('comparison', 'change'), named by its column."""
        name = inside[-1] if inside[:1] == ("comparison",) and len(inside) > 1 else (inside[0] if inside else "id")
        name = name if isinstance(name, str) else "id"
        if name == "comparison":  # the comparison as a whole: name the column it points to
            name = next((key for key, letter in self.columns.items() if key != name and letter == self.columns.get(name)), name)
        if self.sheet is None:
            return Problem(self.file, self.row, name, message)
        return Problem(self.file, None, name, message, cell=f"{self.sheet}!{self.columns.get(name, 'A')}{self.row}")


@dataclass(frozen=True)
class LocatedReport:
    """A validated report together with where each of its parts stands: its line in the file, or a spreadsheet cell."""

    report: "Report"
    file: str
    lines: dict[Path_, int]
    rows: dict[Path_, SheetRow] = field(default_factory=dict)
    """Figures read from spreadsheets, by their path in the report: ('themes', 1, 'figures', 4) → its row."""

    def line_of(self, path: Path_) -> int | None:
        """Return the line of a path such as ('themes', 0, 'figures', 2, 'excerpt'), or of its nearest parent."""
        return line_in(self.lines, path)

    def problem(self, path: Path_, message: str) -> Problem:
        """Return a problem located at `path`: in the data file, or in the spreadsheet cell the value came from."""
        return locate(self.file, self.lines, self.rows, path, message)


def locate(file: str, lines: dict[Path_, int], rows: Mapping[Path_, SheetRow], path: Path_, message: str) -> Problem:
    """Return a problem at `path`: in a spreadsheet's cell when a row holds the path, else at its line in `file`."""
    for length in range(len(path), 0, -1):
        row = rows.get(path[:length])
        if row is not None:
            return row.problem(path[length:], message)
    return Problem(file, line_in(lines, path), format_path(path), message)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Return '; did you mean 'value'?' for the closest known word, or '' when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def describe_value(value: Any) -> str:
    """Say what a value in the data is, for messages: '12.5亿', the number 3, a list, nothing."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
