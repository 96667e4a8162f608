"""Charts as native Office charts: what each kind plots, painted and labelled as its image, for any host document.

`native_plan` turns a chart and its figures into a `NativeChart` (the chart
part: categories, series, colours, labels) and the words a host sets around
it: the unit note, a before/after chart's reported change, a progress ring's
legend. The deck (`report_gen.deck`) and the Word briefing
(`report_gen.briefing`) embed the same part through `report_gen.ooxml`.

The values are the images' (report_gen.charts.spec and .periods), so both
kinds of chart plot the same numbers and refuse the same figures. Bar labels
are number formats built from how the report writes each figure
(`"约"General"亿元"` shows 约12.5亿元), so a reader who edits a value in the
chart's data sees its label follow. Key-figure tiles are no chart: hosts draw
them as shapes or pictures.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Callable, Optional

from .. import design
from ..data.model import Chart, ChartKind, Figure
from ..ooxml.chart_description import (
    ACCENT,
    TEXT,
    WHITE,
    NativeChart,
    Paint,
    Plot,
    PointLabel,
    Series,
    ValueAxis,
    series_paints,
)
from ..data.written import write_figure, write_plotted
from ..text import numbers
from .periods import bar_line_scales, growth_series, label_sides, line_scale, line_table, nice_step, share_table
from .spec import axis_values, before_after_bars, category_labels, progress_share, require_one_unit

MID_GREY = Paint(design.MID_GREY)
ARROW = "→"
"""What a before/after chart shows between its bars, as the pictures draw it."""
PALE_GREY = Paint(design.PALE_GREY)
REMAINDER = Paint("#FFFFFF", edge=design.MID_GREY)
NATIVE_SIDES = {"above": "above", "below": "below", "above_left": "left", "above_right": "right"}
"""Where a native chart puts a point's label for each side the images label it on (report_gen.charts.periods.label_sides)."""
"""The part of a whole no listed share covers: white in a grey outline."""


@dataclass(frozen=True)
class RingLegend:
    """What a progress ring shows beside the ring: its share, one row per figure, and the period."""

    share_text: str
    """The share done, as written in the ring's middle (97%, 约61.9%)."""
    rows: list[tuple[bool, str, str]]
    """(has the accent swatch, label, written value) for each row."""
    period: str


@dataclass(frozen=True)
class NativePlan:
    """A chart as a native chart part, with the words its host sets around it."""

    chart: NativeChart
    unit_note: str = ""
    """单位：… over the value axis, or '' when the axis has no unit or no tick numbers."""
    change: Optional[str] = None
    """The reported change a before/after chart states over its bars (同比增长48%)."""
    ring: Optional[RingLegend] = None
    """The share and legend of a progress ring; None for other kinds."""


def number_format(label: str, value: float, decimals: Optional[int] = None) -> Optional[str]:
    """Return an Excel number format that shows a value as its label writes it (`"约"0.0"亿元"` for 约12.0亿元), or None.

    The number keeps the decimals it is printed with (`0.0` for 下降1.0%;
    General where the data gives none). A negative value's minus sign is
    Excel's own, so -3.2亿元 is `0.0"亿元"` too. None when the label cannot
    be built around the number (text with a double quote in it).
    """
    number = numbers.write_number(abs(value), decimals)
    text = label[1:] if label.startswith("-") and value < 0 else label
    at = text.find(number)
    if at < 0 or '"' in text:
        return None
    places = len(number.partition(".")[2])
    code = "General" if decimals is None else ("0." + "0" * places if places else "0")
    before, after = text[:at], text[at + len(number):]
    return (f'"{before}"' if before else "") + code + (f'"{after}"' if after else "")


def _label(figure: Figure, as_printed: bool, **look) -> PointLabel:
    """Label a point as the report writes its figure: a number format over the value where the value is the
    figure's as printed, else fixed text (a value restated in 万 cannot show 25000户)."""
    text = write_plotted(figure)
    fmt = number_format(text, figure.value, figure.decimals) if as_printed else None
    return PointLabel(number_format=fmt, text=text, **look)


NEGATIVE_LABEL_ROOM = 0.2
"""Part of the bars' span left beyond the lowest negative bar, where its value label sits clear of the category labels."""


def _value_axis(values: list[float]) -> ValueAxis:
    """Return the numbered value axis of a bar chart; below a negative bar, room for its label before the category labels."""
    low, high = min(0.0, min(values)), max(0.0, max(values))
    step = nice_step(max(abs(v) for v in values) or 1.0)
    if low < 0:
        step = nice_step(high - low)
        low = math.floor((low - NEGATIVE_LABEL_ROOM * (high - low)) / step) * step
    return ValueAxis(minimum=low, major_unit=step, gridlines=True, tick_labels=True)


# -- bars --------------------------------------------------------------------------


def _bars(chart: Chart, figures: list[Figure]) -> NativePlan:
    axis = axis_values(chart, figures)
    horizontal = chart.kind is ChartKind.HBAR
    if chart.kind is ChartKind.GROUPED_BAR:
        width = len(chart.series)
        names, categories = list(chart.series), [group.label for group in chart.groups]
        columns = [(figures[index::width], axis.values[index::width]) for index in range(width)]
    else:
        names, categories = [chart.title], category_labels(figures)
        columns = [(figures, axis.values)]
    several = len(columns) > 1
    series = tuple(
        Series(name, tuple(values), paint, tuple(_label(f, axis.as_printed) for f in column),
               label_scale=0.8 if several else 0.95)
        for name, (column, values), paint in zip(names, columns, series_paints(len(columns)))
    )
    plot = Plot("bar" if horizontal else "column", series, _value_axis(axis.values),
                gap_width=67 if horizontal else (40 if several else 72), overlap=-10 if several else 0)
    native = NativeChart(tuple(categories), (plot,), legend=several, reverse_categories=horizontal)
    return NativePlan(native, unit_note=axis.note)


def _before_after(chart: Chart, figures: list[Figure]) -> NativePlan:
    labels, values, written, change = before_after_bars(chart, figures)
    if len(figures) == 1:
        figure = figures[0]
        comparison = figure.comparison
        formats = [number_format(written[0], comparison.base_value, figure.decimals),
                   number_format(written[1], figure.value, figure.decimals)]
    else:
        require_one_unit(chart, figures)
        same_unit = figures[0].unit == figures[1].unit
        formats = [number_format(text, f.value, f.decimals) if same_unit else None for text, f in zip(written, figures)]
    point_labels = (PointLabel(formats[0], written[0]), PointLabel(formats[1], written[1], paint=ACCENT))
    series = Series(chart.title, tuple(values), ACCENT, point_labels, label_scale=1.15, point_paints=(MID_GREY, None))
    axis = ValueAxis(minimum=0.0, major_unit=nice_step(max(values)), gridlines=False, tick_labels=False)
    return NativePlan(NativeChart(tuple(labels), (Plot("column", (series,), axis),)), change=change)


def with_arrow(native: NativeChart) -> NativeChart:
    """Return a before/after chart with the arrow the pictures draw between its bars (a page has no shape to lay over it).

    Three slots: before, the arrow, after. The arrow is a data label of a lone
    point halfway up, on a line plot measured on the bars' scale, so it is
    text the reader can edit; the middle slot holds no bar.
    """
    (bars,) = native.plots
    (series,) = bars.series
    before, after = series.values
    label_before, label_after = series.labels
    top = nice_step(max(before, after)) * math.ceil(max(before, after) * 1.2 / nice_step(max(before, after)))
    axis = dataclasses.replace(bars.axis, maximum=top)
    series = dataclasses.replace(series, values=(before, None, after), labels=(label_before, None, label_after),
                                 point_paints=(series.point_paints[0], None, None))
    arrow = Series("变化", (None, (before + after) / 2, None), ACCENT,
                   (None, PointLabel(text=ARROW, paint=ACCENT, scale=2.0, position="centre"), None), label_position="centre")
    plots = (dataclasses.replace(bars, series=(series,), axis=axis, gap_width=60), Plot("line", (arrow,), axis))
    return dataclasses.replace(native, categories=(native.categories[0], "", native.categories[1]), plots=plots)


# -- ring --------------------------------------------------------------------------


def _ring(chart: Chart, figures: list[Figure]) -> NativePlan:
    _, share_text, whole, part = progress_share(chart, figures)
    if whole is None:
        rows = [(True, part.axis_label, "")]
        period = part.period
        done, rest = part.value, max(0.0, 100 - part.value)
        categories = (part.axis_label, "其余")
    else:
        rows = [(True, part.axis_label, write_figure(part)), (False, whole.axis_label, write_figure(whole))]
        period = part.period if part.period == whole.period else f"{part.period}；{whole.period}"
        scale = part.magnitude / part.value if part.value else 1.0
        done, rest = part.value, max(0.0, whole.magnitude / scale - part.value)
        categories = (part.axis_label, f"{whole.axis_label}中其余")
    ring = Series(chart.title, (done, rest), ACCENT, point_paints=(ACCENT, PALE_GREY))
    native = NativeChart(categories, (Plot("doughnut", (ring,)),))
    return NativePlan(native, ring=RingLegend(share_text, rows, period))


# -- charts of periods -------------------------------------------------------------


def _line(chart: Chart, figures: list[Figure]) -> NativePlan:
    table = line_table(chart, figures)
    axis = axis_values(chart, figures)
    rows = table.arrange(axis.values)
    several = len(table.series) > 1
    series = []
    for name, cells, values, style in zip(table.series, table.cells, rows, design.LINE_STYLES[len(rows)]):
        last = max(i for i, value in enumerate(values) if value is not None)
        # One line is labelled at every point; several only at their last, where the lines part.
        sides = [NATIVE_SIDES[side] for side in label_sides(values)]
        labels = tuple(
            _label(cell, axis.as_printed, position=None if several else side)
            if cell is not None and value is not None and (not several or point == last) else None
            for point, (cell, value, side) in enumerate(zip(cells, values, sides))
        )
        red = style.colour == design.RED
        paint = ACCENT if red else Paint(style.colour)
        series.append(Series(name, tuple(values), paint, labels, label_paint=ACCENT if red else TEXT, label_scale=0.85,
                             label_position="right" if several else "above", marker=style.marker, dash=style.dash))
    scale = line_scale([value for row in rows for value in row if value is not None])
    value_axis = ValueAxis(scale.low, scale.high, scale.step)
    plot = Plot("line", tuple(series), value_axis)
    return NativePlan(NativeChart(tuple(table.periods), (plot,), legend=several), unit_note=axis.note)


def _bar_line(chart: Chart, figures: list[Figure]) -> NativePlan:
    growth = growth_series(chart, figures)
    axis = axis_values(chart, figures)
    bars_scale, rates_scale = bar_line_scales(axis.values, growth.rates)
    bar_labels = tuple(_label(f, axis.as_printed) for f in growth.figures)
    bars = Series(growth.bar_name(axis.unit), tuple(axis.values), MID_GREY, bar_labels, label_scale=0.85)
    rate_labels = tuple(PointLabel(number_format=number_format(text, rate, growth.rate_decimals), text=text)
                        for text, rate in zip(growth.rate_labels(), growth.rates))
    line = Series(growth.line_name, tuple(growth.rates), ACCENT, rate_labels, label_paint=ACCENT, label_scale=0.85,
                  label_position="above", marker="circle")
    bar_axis = ValueAxis(bars_scale.low, bars_scale.high, bars_scale.step)
    rate_axis = ValueAxis(rates_scale.low, rates_scale.high, rates_scale.step, gridlines=False, tick_labels=False)
    plots = (Plot("column", (bars,), bar_axis, gap_width=80), Plot("line", (line,), rate_axis))
    return NativePlan(NativeChart(tuple(growth.periods), plots, legend=True), unit_note=axis.note)


def _stacked(chart: Chart, figures: list[Figure]) -> NativePlan:
    table = share_table(chart, figures)
    listed = len(table.parts) - (1 if table.has_remainder else 0)
    paints = list(series_paints(listed)) + ([REMAINDER] if table.has_remainder else [])
    series = []
    for row, (name, shares, paint) in enumerate(zip(table.parts, table.shares, paints)):
        text_paint = WHITE if paint.luma < 128 else TEXT
        labels = tuple(
            PointLabel(number_format=number_format(table.written(row, column), share, table.decimals(row, column)),
                       text=table.written(row, column)) if share > 0 else None
            for column, share in enumerate(shares)
        )
        plain = Paint(paint.rgb, paint.theme) if paint.hatch else None
        series.append(Series(name, tuple(shares), paint, labels, label_paint=text_paint, label_scale=0.9,
                             label_position="centre", label_fill=plain))
    axis = ValueAxis(minimum=0.0, maximum=100.0, major_unit=25.0, gridlines=False, tick_labels=False)
    # Bars about as thick as the images' whatever the number of periods: a lone bar is no block.
    gap = {1: 220, 2: 90}.get(len(table.periods), 50)
    plot = Plot("bar", tuple(series), axis, stacked=True, gap_width=gap, category_line=False)
    return NativePlan(NativeChart(tuple(table.periods), (plot,), legend=True, reverse_categories=True))


PLANS: dict[ChartKind, Callable[[Chart, list[Figure]], NativePlan]] = {
    ChartKind.BAR: _bars,
    ChartKind.HBAR: _bars,
    ChartKind.GROUPED_BAR: _bars,
    ChartKind.BEFORE_AFTER: _before_after,
    ChartKind.PROGRESS: _ring,
    ChartKind.LINE: _line,
    ChartKind.BAR_LINE: _bar_line,
    ChartKind.STACKED: _stacked,
}
"""How each kind of chart is planned as a native chart; tiles are no chart and have no plan."""


def native_plan(chart: Chart, figures: list[Figure]) -> NativePlan:
    """Return a chart as a native chart part and the words around it; raise ValueError for tiles or unfit figures."""
    if chart.kind not in PLANS:
        raise ValueError(f"chart '{chart.id}': a {chart.kind.value} chart has no native chart; draw it as shapes or a picture")
    return PLANS[chart.kind](chart, figures)
