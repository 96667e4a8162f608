"""How tall a chart is on the page: its height follows its content, the same for the picture and the Word chart.

A page chart is always the text width; its height is what the content needs:
the bars' own band, which grows with their number, plus the lines its
category labels wrap to at that width, plus a line for the unit. A two-bar
chart is so much shorter than an eight-bar one, a ring only as tall as the
ring and its legend. `plot_height_mm` is that height without the 资料来源
line: a native Word chart is exactly that tall (its unit and source are
lines of text around it); `drawing_height_mm` adds the source line the
picture draws inside itself. Labels are measured with the shared width
model (report_gen.text.cjk), so nothing here draws or needs a font.
"""

from __future__ import annotations

import math
from typing import Sequence

from ..data.model import Chart, ChartKind, Figure
from ..design import MM_PER_PT
from ..text.cjk import text_ems
from .spec import before_after_bars, category_labels

LINE = 1.25
"""Line pitch of chart text as a multiple of its size (charts.canvas.LINESPACING)."""
AXIS_MM = 18.0
"""Width the value axis's tick labels and the margins take beside vertical bars."""
BAND_MM = 22.0
"""Height of the bars' band before it grows with their number."""
BAR_MM = 3.5
"""What each bar adds to the band: eight bars stand taller than two."""
HBAR_ROW_MM = 8.5
"""Least height of a horizontal bar's row."""
RING_MM = 40.0
"""A progress ring and its legend beside it."""
STACKED_MM = (14.0, 16.0)
"""A stacked chart: its legend and margins, and each period's bar."""
PERIODS_MM = 62.0
"""A line or bar-and-line chart: wide, with room for labels above and below the points."""
GROUPED_MM = 60.0
"""A grouped bar chart with its legend."""
LIMIT = 0.62
"""Tallest a chart's plot is, as a part of its width."""


def _lines(text: str, size_pt: float, width_mm: float) -> int:
    """Return how many lines text takes at size_pt in a column width_mm wide (a number is never split)."""
    ems = text_ems(text, gaps=False)
    return max(1, math.ceil(ems * size_pt * MM_PER_PT / max(width_mm, 1.0) - 1e-9))


def _label_mm(labels: Sequence[str], size_pt: float, slot_mm: float, most: int = 4) -> float:
    """Return the height of the tallest category label, wrapped to its slot, with the gap above it."""
    lines = min(most, max(_lines(label, size_pt, slot_mm) for label in labels))
    return lines * size_pt * LINE * MM_PER_PT + 2.0


def _columns_mm(labels: Sequence[str], bars: int, width_mm: float, base_pt: float) -> float:
    """Vertical bars: the band (growing with the bars), the wrapped category labels and the unit line."""
    slot = (width_mm - AXIS_MM) / (len(labels) + 0.2) * 0.92
    unit = 0.8 * base_pt * LINE * MM_PER_PT + 2.0
    return BAND_MM + BAR_MM * bars + _label_mm(labels, base_pt, slot) + unit


def _hbars_mm(labels: Sequence[str], width_mm: float, base_pt: float) -> float:
    """Horizontal bars: a row per bar, as tall as its label wraps to in a third of the width, and the axis."""
    row = max(HBAR_ROW_MM, _label_mm(labels, base_pt, width_mm * 0.28) + 2.0)
    return row * len(labels) + 2 * base_pt * LINE * MM_PER_PT + 4.0


def plot_height_mm(chart: Chart, figures: Sequence[Figure], width_mm: float, base_pt: float) -> float:
    """Return the height a chart's plot needs at `width_mm` with `base_pt` text, without its 资料来源 line."""
    kind = chart.kind
    if kind is ChartKind.BAR:
        height = _columns_mm(category_labels(figures), len(figures), width_mm, base_pt)
    elif kind is ChartKind.BEFORE_AFTER:
        labels = before_after_bars(chart, list(figures))[0]
        height = _columns_mm(labels, 2, width_mm, base_pt) + base_pt * MM_PER_PT
    elif kind is ChartKind.HBAR:
        height = _hbars_mm(category_labels(figures), width_mm, base_pt)
    elif kind is ChartKind.PROGRESS:
        height = RING_MM
    elif kind is ChartKind.STACKED:
        periods = len(dict.fromkeys(figure.period for figure in figures))
        height = STACKED_MM[0] + STACKED_MM[1] * periods
    elif kind is ChartKind.GROUPED_BAR:
        height = GROUPED_MM + _label_mm([group.label for group in chart.groups], base_pt,
                                        (width_mm - AXIS_MM) / (len(chart.groups) + 0.2) * 0.92)
    else:  # line, bar_line; tiles are never drawn on a page
        height = PERIODS_MM
    return round(min(height, width_mm * LIMIT), 1)


def source_band_mm(source_line: str, width_mm: float, base_pt: float) -> float:
    """Return the height the 资料来源 line takes at the foot of a picture, its margins included (charts.canvas)."""
    size = 0.75 * base_pt
    return _lines(source_line, size, width_mm - 6.0) * size * LINE * MM_PER_PT + 5.4 + 1.0


def drawing_height_mm(chart: Chart, figures: Sequence[Figure], source_line: str, width_mm: float, base_pt: float) -> float:
    """Return the height of a chart's picture: its plot, then its 资料来源 line, in whole millimetres."""
    plot = plot_height_mm(chart, figures, width_mm, base_pt)
    return float(math.ceil(plot + source_band_mm(source_line, width_mm, base_pt)))
