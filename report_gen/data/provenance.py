"""Check each figure against the text of its source: the excerpt is there, and holds the number.

Newspaper text is often broken into columns, so whitespace (line breaks inside
a sentence) is ignored when looking for an excerpt; nothing else is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError, Problem
from .files import MAX_SOURCE_BYTES, InputRefused, read_regular
from .load import LocatedReport
from ..text.numbers import write_number
from ..text.units import split_unit

WHITESPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def check_provenance(located: LocatedReport, sources_dir: Path) -> list[Problem]:
    """Return a located problem for every excerpt not found verbatim in its source's text."""
    report = located.report
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for index, source in enumerate(report.sources):
        if source.file is None:
            continue
        path = sources_dir / source.file
        try:
            texts[source.id] = _squeeze(read_regular(path, MAX_SOURCE_BYTES).decode("utf-8-sig"))
        except InputRefused as error:
            problems.append(located.problem(("sources", index, "file"), f"{path}: {error.reason}"))
        except UnicodeDecodeError as error:
            problems.append(located.problem(("sources", index, "file"), f"{path}: cannot be read as UTF-8 text ({error})"))
    for t, theme in enumerate(report.themes):
        for f, figure in enumerate(theme.figures):
            here = ("themes", t, "figures", f, "excerpt")
            printed = write_number(figure.value)
            scale, _ = split_unit(figure.unit)
            if f"{printed}" not in figure.excerpt:
                problems.append(located.problem(here, f"excerpt {figure.excerpt!r} does not contain the value as printed ({printed}{scale})"))
            text = texts.get(figure.source)
            if text is not None and _squeeze(figure.excerpt) not in text:
                problems.append(located.problem(here, f"excerpt {figure.excerpt!r} is not in the text of source '{figure.source}'"))
    return problems


def require_provenance(located: LocatedReport, sources_dir: Path) -> None:
    """Raise DataError when any figure's excerpt fails the check."""
    problems = check_provenance(located, sources_dir)
    if problems:
        raise DataError(problems)
