"""Line charts: figures of one unit in period order, one line a short label, each line apart in greyscale."""

from __future__ import annotations

import math

from ..data.model import Figure
from ..design import LINE_STYLES, RED, TEXT, LineStyle
from ..text import numbers
from .axes import add_legend, value_axes
from .canvas import LINESPACING, Canvas, plain_text
from .periods import Scale, label_sides, line_scale, line_table
from .spec import axis_values

MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D"}
"""matplotlib's names of report_gen.design's marker shapes."""

DASHES = {None: "-", "dash": (0, (4, 2)), "dot": (0, (1, 1.5)), "long": (0, (8, 3))}
"""matplotlib's dash patterns of report_gen.design's line dashes."""

SIDES = {
    "above": ((0, 1), "center", "bottom"),
    "below": ((0, -1.6), "center", "top"),
    "above_left": ((-1, 1), "right", "bottom"),
    "above_right": ((1, 1), "left", "bottom"),
}
"""For each side a point is labelled on (periods.label_sides): the label's offset in gaps, and its alignment."""

LINE_WIDTH_PT = 2.25
"""Width of a line, the native charts' (report_gen.ooxml.chart_xml)."""


def line_look(style: LineStyle, canvas: Canvas) -> dict:
    """Return matplotlib's keywords that draw a line in a design line style: colour, dash, white-filled markers."""
    return {
        "color": style.colour,
        "linewidth": LINE_WIDTH_PT,
        "linestyle": DASHES[style.dash],
        "marker": MARKERS[style.marker],
        "markersize": canvas.pt(0.62),
        "markerfacecolor": "white",
        "markeredgecolor": style.colour,
        "markeredgewidth": 1.5,
        "zorder": 3,
    }


def scale_ticks(canvas: Canvas, scale: Scale) -> tuple[list[float], list[str]]:
    """Return the ticks of a scale, from its low to its high a step apart, written the Chinese way and checked."""
    count = int(round((scale.high - scale.low) / scale.step))
    ticks = [scale.low + index * scale.step for index in range(count + 1)]
    labels = [numbers.write_number(round(tick, 6)) for tick in ticks]
    for label in labels:
        canvas.check(label, "axis tick")
    return ticks, labels


def period_labels(canvas: Canvas, ax, periods: list[str]) -> None:
    """Write the periods under the axis, each wrapped to its slot."""
    canvas.relayout()
    axis_w, _ = canvas.axes_box(ax)
    slot = axis_w / (len(periods) + 0.4) * 0.92
    size = canvas.pt(1.0)
    ax.set_xticks(list(range(len(periods))), [plain_text(canvas.wrap(period, slot, size)) for period in periods])
    ax.tick_params(axis="x", labelsize=size, labelcolor=TEXT)
    for tick in ax.get_xticklabels():
        tick.set_linespacing(LINESPACING)


def spread(positions: list[float], gap: float) -> list[float]:
    """Return positions moved apart, as little as needed, so that neighbours are at least `gap` apart; order kept."""
    order = sorted(range(len(positions)), key=lambda index: positions[index])
    moved = list(positions)
    for before, after in zip(order, order[1:]):
        moved[after] = max(moved[after], moved[before] + gap)
    overshoot = (moved[order[-1]] - positions[order[-1]]) / 2 if order else 0.0
    return [value - overshoot for value in moved]


def draw_line(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    """Draw one line per short label through its periods; label every point of one line, each line's end of several."""
    table = line_table(canvas.chart, figures)
    axis = axis_values(canvas.chart, figures)
    rows, written = table.arrange(axis.values), table.labels()
    for text in table.periods + table.series + [axis.note] + [w for row in written for w in row if w]:
        canvas.check(text, "label")
    several = len(table.series) > 1
    ax, _ = value_axes(canvas, sources, axis.note)
    styles = LINE_STYLES[len(rows)]
    for name, values, style in zip(table.series, rows, styles):
        ys = [math.nan if value is None else value for value in values]
        ax.plot(range(len(ys)), ys, label=plain_text(name) if several else None, **line_look(style, canvas))
    scale = line_scale([value for row in rows for value in row if value is not None])
    ticks, tick_labels = scale_ticks(canvas, scale)
    ax.set_yticks(ticks, tick_labels)
    ax.set_ylim(scale.low, scale.high)
    ax.set_xlim(-0.5, len(table.periods) - 0.5)
    if several:
        add_legend(canvas, ax, axis.note)
    period_labels(canvas, ax, table.periods)
    size = canvas.pt(0.85)
    if several:
        _end_labels(canvas, ax, rows, written, styles, size)
    else:
        gap = canvas.pt(0.6)
        for x, (value, text, side) in enumerate(zip(rows[0], written[0], label_sides(rows[0]))):
            if value is not None and text:
                offset, ha, va = SIDES[side]
                ax.annotate(plain_text(text), (x, value), xytext=(offset[0] * gap, offset[1] * gap), textcoords="offset points",
                            ha=ha, va=va, fontproperties=canvas.props(size), color=RED, annotation_clip=False)


def _end_labels(canvas: Canvas, ax, rows, written, styles, size: float) -> None:
    """Label each line at its last point, on the right, moved apart where lines end close together."""
    ends = []
    for values, texts, style in zip(rows, written, styles):
        last = max(index for index, value in enumerate(values) if value is not None)
        ends.append((last, values[last], texts[last], style))
    widest = max(canvas.extent(text, size)[0] for _, _, text, _ in ends)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    low, high = ax.get_xlim()
    per_unit = axis_w / (high - low)
    ax.set_xlim(low, high + (widest + canvas.pt_px(8)) / per_unit)
    bottom, top = ax.get_ylim()
    px_per_value = axis_h / (top - bottom)
    line_px = canvas.extent("国", size)[1] * 1.1
    heights = spread([(value - bottom) * px_per_value for _, value, _, _ in ends], line_px)
    for (last, value, text, style), height in zip(ends, heights):
        ax.annotate(plain_text(text), (last, value), xytext=(canvas.pt(0.7), (height - (value - bottom) * px_per_value) / canvas.pt_px(1)),
                    textcoords="offset points", ha="left", va="center", fontproperties=canvas.props(size),
                    color=RED if style.colour == RED else TEXT, annotation_clip=False)
