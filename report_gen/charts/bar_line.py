"""Values with their growth: a bar a period for the value, and a line of growth rates on a second axis above them.

The standard first figure of a statistical bulletin (2020—2024年地区生产总值及其增长速度):
grey bars labelled with the values, the red line of rates running above the
tallest bar (report_gen.charts.periods.bar_line_scales) and labelled at each point.
"""

from __future__ import annotations

from matplotlib.patches import Rectangle

from ..data.model import Figure
from ..design import LINE_STYLES, MID_GREY, RED, TEXT
from .axes import add_legend, value_axes
from .canvas import Canvas, plain_text
from .line import line_look, period_labels, scale_ticks
from .periods import bar_line_scales, growth_series
from .spec import axis_values

BAR_WIDTH = 0.55
"""Width of a bar, as a part of its period's slot."""


def draw_bar_line(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    """Draw each period's value as a grey bar and its growth rate as a point of a red line above the bars."""
    growth = growth_series(canvas.chart, figures)
    axis = axis_values(canvas.chart, figures)
    bar_labels, rate_labels = growth.bar_labels(), growth.rate_labels()
    bar_name = growth.bar_name(axis.unit)
    for text in growth.periods + bar_labels + rate_labels + [bar_name, growth.line_name, axis.note]:
        canvas.check(text, "label")
    bars_scale, rates_scale = bar_line_scales(axis.values, growth.rates)

    ax, _ = value_axes(canvas, sources, axis.note)
    xs = list(range(len(growth.periods)))
    # The legend's entries, bars first: matplotlib lists a bar container after lines, so both are stand-ins.
    ax.add_patch(Rectangle((0, 0), 0, 0, color=MID_GREY, label=plain_text(bar_name)))
    red_line = line_look(LINE_STYLES[1][0], canvas)
    ax.plot([], [], label=plain_text(growth.line_name), **red_line)
    ax.bar(xs, axis.values, width=BAR_WIDTH, color=MID_GREY, zorder=2)
    ticks, tick_labels = scale_ticks(canvas, bars_scale)
    ax.set_yticks(ticks, tick_labels)
    ax.set_ylim(bars_scale.low, bars_scale.high)
    ax.set_xlim(-0.6, len(xs) - 0.4)

    rates = ax.twinx()
    rates.set_ylim(rates_scale.low, rates_scale.high)
    rates.set_yticks([])
    for side in ("top", "right", "left", "bottom"):
        rates.spines[side].set_visible(False)
    rates.plot(xs, growth.rates, **red_line)
    add_legend(canvas, ax, axis.note)
    period_labels(canvas, ax, growth.periods)

    canvas.relayout()
    axis_w, _ = canvas.axes_box(ax)
    slot = axis_w / (len(xs) + 0.2)
    size = min(canvas.fit(text, slot * 0.96, canvas.pt(0.85), canvas.pt(0.65)) for text in bar_labels + rate_labels)
    lift = canvas.pt(0.35)
    for x, value, text in zip(xs, axis.values, bar_labels):
        ax.annotate(plain_text(text), (x, value), xytext=(0, lift), textcoords="offset points", ha="center",
                    va="bottom" if value >= 0 else "top", fontproperties=canvas.props(size), color=TEXT,
                    annotation_clip=False)
    for x, rate, text in zip(xs, growth.rates, rate_labels):
        rates.annotate(plain_text(text), (x, rate), xytext=(0, canvas.pt(0.6)), textcoords="offset points",
                       ha="center", va="bottom", fontproperties=canvas.props(size), color=RED, annotation_clip=False)
