"""Checks across a data file that no single field can make: unique ids, references, one unit per axis, file names.

They run on the raw YAML rather than the model, so a file with type errors
still gets its broken references reported in the same pass.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Any

from ..text.numbers import NumberNotWritable, write_number
from ..text.units import split_unit
from .located import Path_, describe_value, format_path
from .model import ChartKind

def _items(raw: Any, key: str) -> list[tuple[int, dict]]:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def check_file_names(raw: Any) -> list[tuple[Path_, str]]:
    """Refuse file names that the pattern lets through but that leave the folder: `..`, `.`, `C:name`."""
    problems: list[tuple[Path_, str]] = []
    for index, source in _items(raw, "sources"):
        name = source.get("file")
        if isinstance(name, str) and (name.strip() in (".", "..") or ":" in name):
            problems.append((("sources", index, "file"), f"expected a bare file name without folders, got {describe_value(name)}"))
    style = raw.get("style") if isinstance(raw, dict) else None
    deck = style.get("deck") if isinstance(style, dict) else None
    template = deck.get("template") if isinstance(deck, dict) else None
    if isinstance(template, str) and _leaves_folder(template):
        problems.append((
            ("style", "deck", "template"),
            f"template '{template}' is outside the data file's folder; put it beside the data file, or pass it with --pptx-template",
        ))
    return problems


def _leaves_folder(name: str) -> bool:
    """Say whether a relative file name given in the data reaches outside the data file's folder."""
    parts = re.split(r"[/\\]", name.strip())
    return name.strip().startswith(("/", "\\", "~")) or bool(re.match(r"^[A-Za-z]:", name.strip())) or ".." in parts


def check_references(raw: Any) -> list[tuple[Path_, str]]:
    """Check unique ids and every cross-reference; tolerant of a file that failed type checks."""
    problems: list[tuple[Path_, str]] = []

    def unique(entries: list[tuple[Path_, Any]], what: str) -> dict[str, Path_]:
        seen: dict[str, Path_] = {}
        for path, value in entries:
            if not isinstance(value, str):
                continue
            if value in seen:
                problems.append((path, f"duplicate {what} id '{value}' (also at {format_path(seen[value])})"))
            else:
                seen[value] = path
        return seen

    sources = unique([(("sources", i, "id"), s.get("id")) for i, s in _items(raw, "sources")], "source")
    frameworks = unique([(("frameworks", i, "id"), f.get("id")) for i, f in _items(raw, "frameworks")], "framework")
    themes = _items(raw, "themes")
    unique([(("themes", t, "id"), theme.get("id")) for t, theme in themes], "theme")
    figure_entries = [
        (("themes", t, "figures", f, "id"), figure.get("id"))
        for t, theme in themes
        for f, figure in _items(theme, "figures")
    ]
    figures = unique(figure_entries, "figure")
    unique(
        [(("themes", t, "charts", c, "id"), chart.get("id")) for t, theme in themes for c, chart in _items(theme, "charts")],
        "chart",
    )
    units = {
        figure.get("id"): split_unit(figure["unit"])[1] if isinstance(figure.get("unit"), str) else figure.get("unit")
        for _, theme in themes
        for _, figure in _items(theme, "figures")
        if isinstance(figure.get("id"), str)
    }
    known_sources = ", ".join(sources) or "none defined"

    def cite(path: Path_, source: Any) -> None:
        if isinstance(source, str) and source not in sources:
            problems.append((path, f"unknown source '{source}' (sources: {known_sources})"))

    def refer(path: Path_, figure_id: Any) -> None:
        if isinstance(figure_id, str) and figure_id not in figures:
            close = difflib.get_close_matches(figure_id, list(figures), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append((path, f"unknown figure '{figure_id}'{hint}"))

    for i, framework in _items(raw, "frameworks"):
        cite(("frameworks", i, "source"), framework.get("source"))
    for t, theme in themes:
        mapping = theme.get("frameworks")
        if isinstance(mapping, dict):
            for key in mapping:
                if key not in frameworks:
                    problems.append((("themes", t, "frameworks", key), f"unknown framework '{key}' (frameworks: {', '.join(frameworks) or 'none defined'})"))
        for f, figure in _items(theme, "figures"):
            cite(("themes", t, "figures", f, "source"), figure.get("source"))
        for c, case in _items(theme, "cases"):
            cite(("themes", t, "cases", c, "source"), case.get("source"))
            for k, figure_id in enumerate(case.get("figures") or [] if isinstance(case.get("figures"), list) else []):
                refer(("themes", t, "cases", c, "figures", k), figure_id)
        for c, chart in _items(theme, "charts"):
            listed = chart.get("figures") if isinstance(chart.get("figures"), list) else []
            for k, figure_id in enumerate(listed):
                refer(("themes", t, "charts", c, "figures", k), figure_id)
            axis_path: Path_ = ("themes", t, "charts", c, "figures")
            for g, group in _items(chart, "groups"):
                axis_path = ("themes", t, "charts", c, "groups")
                in_group = group.get("figures") if isinstance(group.get("figures"), list) else []
                for k, figure_id in enumerate(in_group):
                    refer(("themes", t, "charts", c, "groups", g, "figures", k), figure_id)
                listed = listed + [i for i in in_group if isinstance(i, str)]
            if chart.get("kind") in (ChartKind.BAR.value, ChartKind.HBAR.value, ChartKind.PROGRESS.value, ChartKind.BEFORE_AFTER.value, ChartKind.GROUPED_BAR.value):
                plotted = {units[i] for i in listed if isinstance(i, str) and i in units}
                if len(plotted) > 1:
                    shown = ", ".join(f"{i} ({units[i] or 'no unit'})" for i in listed if i in units)
                    problems.append((axis_path, f"figures have different units and cannot share one axis: {shown}"))
    return problems


def check_written_numbers(raw: Any) -> list[tuple[Path_, str]]:
    """Refuse figure values, base values and changes that cannot be written as given (too precise or too small)."""
    problems: list[tuple[Path_, str]] = []
    for t, theme in _items(raw, "themes"):
        for f, figure in _items(theme, "figures"):
            comparison = figure.get("comparison") if isinstance(figure.get("comparison"), dict) else {}
            values = [(("value",), figure.get("value"))] + [(("comparison", key), comparison.get(key)) for key in ("base_value", "change")]
            for steps, value in values:
                if isinstance(value, float) and math.isfinite(value) and abs(value) < 1e15:
                    try:
                        write_number(value)
                    except NumberNotWritable as error:
                        problems.append((("themes", t, "figures", f, *steps), str(error)))
    return problems
