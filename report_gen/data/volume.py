"""How much a data file may hold: themes, figures, charts, cases, sources and characters of text.

A few kilobytes of YAML can ask for thousands of slides (a 20,000-character
case aliased 300 times once built a 7,837-slide deck in 27 minutes). These
limits leave room for a report a hundred times the Beibei example (8 themes,
62 figures, 16 charts, 19 cases, about 14,000 characters of text: the size
the benchmark builds, in minutes and about 1.5 GB), and refuse what goes
past it at once. They run on the raw YAML, before
the model is validated, so an oversized file is refused at once.
"""

from __future__ import annotations

import typing
from typing import Any, Iterator

from .located import Path_
from .types import LongText

MAX_THEMES = 1_000
"""Themes (sections) in one report."""

MAX_FIGURES = 10_000
"""Figures in one report, across all themes."""

MAX_CHARTS = 2_000
"""Charts in one report, across all themes."""

MAX_CASES = 2_500
"""Typical cases in one report, across all themes."""

MAX_SOURCES = 1_000
"""Sources one report cites."""

MAX_TEXT_CHARACTERS = 3_000_000
"""Characters of all the text in the file together: titles, summaries, highlights, cases, labels."""


LONGEST_TEXT: int = typing.get_args(LongText)[1].max_length
"""The longest text any field takes; a longer one is refused by its field, so it counts only this much here."""


def _list_at(raw: Any, key: str) -> list:
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, list) else []


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def check_volume(raw: Any) -> list[tuple[Path_, str]]:
    """Return a located problem for each limit the file goes past, at the first entry beyond it."""
    problems: list[tuple[Path_, str]] = []
    themes = _list_at(raw, "themes")
    if len(themes) > MAX_THEMES:
        problems.append((("themes", MAX_THEMES), f"theme {MAX_THEMES + 1} of {len(themes)}: a report may have at most {MAX_THEMES} themes"))
    sources = _list_at(raw, "sources")
    if len(sources) > MAX_SOURCES:
        problems.append((("sources", MAX_SOURCES), f"source {MAX_SOURCES + 1} of {len(sources)}: a report may cite at most {MAX_SOURCES} sources"))
    for key, limit, what in (("figures", MAX_FIGURES, "figures"), ("charts", MAX_CHARTS, "charts"), ("cases", MAX_CASES, "cases")):
        entries = [("themes", t, key, i) for t, theme in enumerate(themes) for i, _ in enumerate(_list_at(theme, key))]
        if len(entries) > limit:
            problems.append((entries[limit], f"{what[:-1]} {limit + 1} of {len(entries)}: a report may have at most {limit} {what}"))
    total = 0
    for path, text in _strings(raw, ()):
        total += min(len(text), LONGEST_TEXT)
        if total > MAX_TEXT_CHARACTERS:
            problems.append((path, f"the file's text passes {MAX_TEXT_CHARACTERS} characters here; a report may hold at most {MAX_TEXT_CHARACTERS} characters of text"))
            break
    return problems
