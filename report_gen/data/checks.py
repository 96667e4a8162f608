"""Checks across a data file that no single field can make: unique ids, references, one unit per axis, file names.

They run on the raw YAML rather than the model, so a file with type errors
still gets its broken references reported in the same pass.
"""

from __future__ import annotations

import math
import re
from typing import Any, Container

from ..text.numbers import NumberNotWritable, write_number
from ..text.units import split_unit
from .located import Path_, describe_value, did_you_mean, format_path
from .model import ChartKind

ONE_UNIT_KINDS = {kind.value for kind in ChartKind} - {ChartKind.TILE.value}
"""Kinds of chart whose figures share one value axis, so one unit (万户 and 户 are one)."""

GROWTH_RATE_UNIT = "%"
"""Unit of a growth rate: a bar_line chart's line plots changes in it (a missing change_unit means it)."""

MAX_LINES = 4
"""Most lines a line chart draws, and most parts a stacked chart splits a whole into: the series styles that stay apart in greyscale."""


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


def check_references(raw: Any, figures_complete: bool = True, figures_elsewhere: Container[str] = ()) -> list[tuple[Path_, str]]:
    """Check unique ids and every cross-reference; tolerant of a file that failed type checks.

    References to unknown figures go unreported when a spreadsheet could not be read (`figures_complete`
    False) and to rows already reported and left out (`figures_elsewhere`).
    """
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
    figures = unique(_theme_ids(themes, "figures") + _theme_ids(themes, "structures"), "figure")
    unique(_theme_ids(themes, "charts"), "chart")
    units = _measure_units(themes)
    known_sources = ", ".join(sources) or "none defined"

    def cite(path: Path_, source: Any) -> None:
        if isinstance(source, str) and source not in sources:
            problems.append((path, f"unknown source '{source}' (sources: {known_sources})"))

    def refer(path: Path_, figure_id: Any) -> None:
        if figures_complete and isinstance(figure_id, str) and figure_id not in figures and figure_id not in figures_elsewhere:
            problems.append((path, f"unknown figure '{figure_id}'{did_you_mean(figure_id, figures)}"))

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
        for s, structure in _items(theme, "structures"):
            cite(("themes", t, "structures", s, "source"), structure.get("source"))
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
            if chart.get("kind") in ONE_UNIT_KINDS:
                plotted = {units[i] for i in listed if isinstance(i, str) and i in units}
                if len(plotted) > 1:
                    shown = ", ".join(f"{i} ({units[i] or 'no unit'})" for i in listed if i in units)
                    problems.append((axis_path, f"figures have different units and cannot share one axis: {shown}"))
    return problems


def _theme_ids(themes: list[tuple[int, dict]], key: str) -> list[tuple[Path_, Any]]:
    """Return the id of each entry of the themes' `key` (figures, structures, charts) with its path."""
    return [(("themes", t, key, i, "id"), entry.get("id")) for t, theme in themes for i, entry in _items(theme, key)]


def _measure_units(themes: list[tuple[int, dict]]) -> dict[Any, Any]:
    """Return the measure word of each figure by id (户 for 万户), and % for each structure."""
    units = {
        figure.get("id"): split_unit(figure["unit"])[1] if isinstance(figure.get("unit"), str) else figure.get("unit")
        for _, theme in themes
        for _, figure in _items(theme, "figures")
        if isinstance(figure.get("id"), str)
    }
    units.update({
        structure["id"]: "%" for _, theme in themes for _, structure in _items(theme, "structures") if isinstance(structure.get("id"), str)
    })
    return units


def _decimals(number: float) -> int:
    text = repr(float(number))
    return 0 if "e" in text else len(text.split(".")[1].rstrip("0"))


def share_total_exceeds_whole(shares: list[float]) -> bool:
    """Say whether shares in % add up to more than 100, beyond what rounding the printed numbers can explain.

    Each printed share may be up to half a unit of its last digit above the
    true one: 33.3, 33.3 and 33.4 make 100; 33.4 three times makes 100.2, which no rounding explains.
    """
    if not shares:
        return False
    slack = sum(0.5 * 10 ** -_decimals(share) for share in shares)
    return sum(shares) - slack > 100 + 1e-9


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _series_key(figure: dict) -> tuple[Any, Any]:
    """Return the (series, period) a figure stands for in a period chart: its short label or label, and its period."""
    label = figure.get("short_label") or figure.get("label")
    period = figure.get("period")
    return (label.strip() if isinstance(label, str) else label, period.strip() if isinstance(period, str) else period)


def check_chart_fit(raw: Any) -> list[tuple[Path_, str]]:
    """Refuse figures a line, bar_line or stacked chart cannot draw, each at the chart's entry for the figure.

    A bar_line chart needs every figure's growth rate (comparison.change in %)
    and one figure a period, or one an indicator of a single period; a stacked
    chart needs shares in % that add up to at most the whole, or one
    structure; no chart of periods names one series twice in a period.
    Mixed units are refused with the other kinds' (check_references).
    """
    themes = _items(raw, "themes")
    figures = {
        figure["id"]: figure for _, theme in themes for _, figure in _items(theme, "figures") if isinstance(figure.get("id"), str)
    }
    structures = {
        structure["id"] for _, theme in themes for _, structure in _items(theme, "structures") if isinstance(structure.get("id"), str)
    }
    problems: list[tuple[Path_, str]] = []
    for t, theme in themes:
        for c, chart in _items(theme, "charts"):
            kind = chart.get("kind")
            listed = chart.get("figures") if isinstance(chart.get("figures"), list) else []
            path: Path_ = ("themes", t, "charts", c, "figures")
            drawn_structures = [(k, i) for k, i in enumerate(listed) if isinstance(i, str) and i in structures]
            if drawn_structures:
                problems += _structure_fit(kind, path, listed, drawn_structures)
                continue
            if kind not in (ChartKind.LINE.value, ChartKind.BAR_LINE.value, ChartKind.STACKED.value):
                continue
            known = [(path + (k,), i, figures[i]) for k, i in enumerate(listed) if isinstance(i, str) and i in figures]
            problems += _repeated_periods(kind, known)
            if kind == ChartKind.BAR_LINE.value:
                problems += _missing_growth_rates(known)
            if kind == ChartKind.STACKED.value:
                problems += _unfit_shares(path, known)
            series = {_series_key(figure)[0] for _, _, figure in known}
            if kind != ChartKind.BAR_LINE.value and len(series) > MAX_LINES:
                what = "lines" if kind == ChartKind.LINE.value else "parts"
                problems.append((path, f"a {kind} chart draws at most {MAX_LINES} {what}, but its figures have {len(series)} short labels"))
    return problems


def _structure_fit(kind: Any, path: Path_, listed: list, drawn: list[tuple[int, str]]) -> list[tuple[Path_, str]]:
    """Refuse a structure in any chart but a stacked one, and beside anything else in a stacked one."""
    k, structure_id = drawn[0]
    if kind != ChartKind.STACKED.value:
        return [(path + (k,), f"'{structure_id}' is a structure; only a stacked chart draws one")]
    if len(listed) > 1:
        return [(path, f"a stacked chart draws one structure, listed alone; '{structure_id}' is listed with other ids")]
    return []


def _repeated_periods(kind: str, known: list[tuple[Path_, str, dict]]) -> list[tuple[Path_, str]]:
    if kind == ChartKind.BAR_LINE.value:
        keys = [_series_key(figure) for _, _, figure in known]
        if len({period for _, period in keys}) == 1 and len({label for label, _ in keys}) == len(keys):
            return []  # one period, one bar an indicator
    problems = []
    seen: dict[Any, str] = {}
    for path, figure_id, figure in known:
        label, period = _series_key(figure)
        key = period if kind == ChartKind.BAR_LINE.value else (label, period)
        if key in seen:
            what = f"for {period}" if kind == ChartKind.BAR_LINE.value else f"both {label} in {period}"
            problems.append((path, f"'{seen[key]}' and '{figure_id}' are {what}; a {kind} chart draws one figure a period"
                             + (" (or one an indicator, all of one period)" if kind == ChartKind.BAR_LINE.value else " for each short label")))
        else:
            seen[key] = figure_id
    return problems


def _missing_growth_rates(known: list[tuple[Path_, str, dict]]) -> list[tuple[Path_, str]]:
    problems = []
    for path, figure_id, figure in known:
        comparison = figure.get("comparison") if isinstance(figure.get("comparison"), dict) else {}
        unit = comparison.get("change_unit") or GROWTH_RATE_UNIT
        if not _is_number(comparison.get("change")):
            problems.append((path, f"figure '{figure_id}' gives no growth rate (comparison.change in %), "
                                   "which a bar_line chart draws as its line"))
        elif unit != GROWTH_RATE_UNIT:
            problems.append((path, f"figure '{figure_id}' gives its change in {unit}, not a growth rate in %; "
                                   "a bar_line chart draws growth rates"))
    return problems


def _unfit_shares(path: Path_, known: list[tuple[Path_, str, dict]]) -> list[tuple[Path_, str]]:
    units = {figure.get("unit").strip() for _, _, figure in known if isinstance(figure.get("unit"), str)}
    if len(units) > 1:
        return []  # mixed units are refused with the other kinds'
    if units and units != {"%"}:
        return [(path, f"a stacked chart shows shares in %, but its figures are in '{units.pop() or 'no unit'}'")]
    by_period: dict[Any, list[float]] = {}
    for _, _, figure in known:
        if _is_number(figure.get("value")):
            by_period.setdefault(_series_key(figure)[1], []).append(float(figure["value"]))
    problems = []
    for period, shares in by_period.items():
        if share_total_exceeds_whole(shares):
            total = f"{sum(shares):.6f}".rstrip("0").rstrip(".")
            problems.append((path, f"the shares of {period} add up to {total}%, more than the whole (100%)"))
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
