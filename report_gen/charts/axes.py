"""Value axes shared by the bar kinds: clean spines, nice ticks written the Chinese way, room for labels, legends."""

from __future__ import annotations

from typing import Any, NamedTuple

from matplotlib.ticker import MaxNLocator

from ..data.model import Figure
from ..design import GRID_GREY, MUTED_TEXT
from ..data.written import write_plotted
from ..text import numbers
from .canvas import Canvas, plain_text
from .spec import axis_values


def style_value_axes(ax, value_axis: str) -> None:
    """Clean axes: no frame but the baseline, light gridlines along the value axis."""
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom" if value_axis == "y" else "left"].set_visible(True)
    ax.spines["bottom" if value_axis == "y" else "left"].set_linewidth(0.8)
    ax.set_axisbelow(True)
    ax.grid(True, axis=value_axis, color=GRID_GREY, linewidth=0.6)
    ax.grid(False, axis="x" if value_axis == "y" else "y")
    ax.tick_params(length=0, pad=4)


def value_ticks(canvas: Canvas, values: list[float], low: float, high: float) -> tuple[list[float], list[str]]:
    """Return nice ticks between low and high, written without separators, each checked against the font."""
    integer = all(float(v).is_integer() for v in values)
    locator = MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10], integer=integer)
    ticks = [t for t in locator.tick_values(low, high) if low - 1e-9 <= t <= high + 1e-9]
    labels = [numbers.write_number(round(t, 6)) for t in ticks]
    for label in labels:
        canvas.check(label, "axis tick")
    return ticks, labels


def headroom(low: float, high: float, need_px: float, axis_px: float) -> float:
    """Return a new high so that need_px pixels of the axis lie above the old high."""
    ratio = min(need_px / max(axis_px, 1.0), 0.45)
    return (high - ratio * low) / (1 - ratio)


def footroom(low: float, high: float, need_px: float, axis_px: float) -> float:
    """Return a new low so that need_px pixels of the axis lie below the old low."""
    ratio = min(need_px / max(axis_px, 1.0), 0.45)
    return (low - ratio * high) / (1 - ratio)


class BarAxes(NamedTuple):
    """What a bar chart draws on, prepared by bar_axes."""

    ax: Any
    values: list[float]
    """The values to plot, in the axis's unit."""
    written: list[str]
    """Each figure as written (500余项)."""
    unit_note: str
    """单位：… above the axis, or '' when the figures have no unit."""
    band: float
    """Height the source line takes at the bottom, margins included."""


def bar_axes(canvas: Canvas, figures: list[Figure], labels: list[str], series: list[str], sources: str, value_axis: str) -> BarAxes:
    """Check every string a bar chart draws, lay out the axes above the source line, and note the unit."""
    axis = axis_values(canvas.chart, figures)
    values, unit_note = axis.values, axis.note
    written = [write_plotted(f) for f in figures]
    for label in labels:
        canvas.check(label, "label")
    for name in series:
        canvas.check(name, "series")
    for text in written:
        canvas.check(text, "value")
    canvas.check(unit_note, "unit")

    ax, band = value_axes(canvas, sources, unit_note, value_axis)
    return BarAxes(ax, values, written, unit_note, band)


def value_axes(canvas: Canvas, sources: str, unit_note: str, value_axis: str = "y") -> tuple[Any, float]:
    """Draw the source line, lay out clean value axes above it with the unit note over them; return the axes and the band."""
    band = canvas.draw_source_line(sources)
    canvas.layout_above(band)
    ax = canvas.fig.add_subplot()
    style_value_axes(ax, value_axis)
    ax.tick_params(labelsize=canvas.pt(0.85))
    if unit_note:
        ax.set_title(plain_text(unit_note), loc="left", fontproperties=canvas.props(canvas.pt(0.8)), color=MUTED_TEXT, pad=canvas.pt(0.6))
    return ax, band


def add_legend(canvas: Canvas, ax, unit_note: str) -> None:
    """Put the series legend above the axes at the right, on the unit note's line; in two rows if one is too wide."""
    handles, labels = ax.get_legend_handles_labels()
    size = canvas.pt(0.85)
    for columns in (len(labels), (len(labels) + 1) // 2):
        legend = ax.legend(
            handles,
            labels,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncols=columns,
            frameon=False,
            prop=canvas.props(size),
            handlelength=1.6,
            handleheight=1.0,
            handletextpad=0.5,
            columnspacing=1.4,
            borderaxespad=0.2,
            borderpad=0.0,
        )
        canvas.relayout()
        note_w = canvas.extent(unit_note, canvas.pt(0.8))[0] if unit_note else 0.0
        axis_w, _ = canvas.axes_box(ax)
        if legend.get_window_extent(canvas.renderer).width + note_w + canvas.mm(4) <= axis_w:
            return
