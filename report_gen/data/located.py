"""Where things are in a data file: paths like themes[2].figures[0].value, and their lines.

Every message about the data names a file, a line and a path; this module
holds the path type, how a path is written, and a report kept with its lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
class LocatedReport:
    """A validated report together with where each of its parts stands in the file."""

    report: "Report"
    file: str
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """Return the line of a path such as ('themes', 0, 'figures', 2, 'excerpt'), or of its nearest parent."""
        return line_in(self.lines, path)

    def problem(self, path: Path_, message: str) -> Problem:
        """Return a problem located at `path` in this file."""
        return Problem(self.file, self.line_of(path), format_path(path), message)


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
