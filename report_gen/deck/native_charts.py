"""Charts as PowerPoint charts: python-pptx chart parts that carry the figures' values, editable in PowerPoint.

Each chart kind gets the PowerPoint chart closest to its matplotlib drawing in
`report_gen.charts`: bars in the theme's accent (the party red), a grey
"before" bar, a ring for progress; light gridlines, no chart border, no legend
where the slide labels the data itself. Data labels of bars are number formats
built from how the report writes the figure (`"约"General"亿元"` shows 约12.5亿元),
so a presenter who changes a value in PowerPoint's data sheet sees the label
follow. The workbook behind each chart holds the Chinese category names and the
values, dated by the report.

This module draws only the chart part; the slide (title, source line, the
ring's centre text and legend) is the deck's.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Optional, Sequence

from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Emu, Pt

from ..text import numbers
# The images' data logic, shared so both kinds of chart plot the same numbers.
from ..charts.spec import axis_values, before_after_bars, progress_share, require_one_unit
from .. import design
from ..data.model import Chart, Figure
from ..design import hex_digits
from ..ooxml.pptx import clear_chart_background, make_axis_ids_unsigned, set_chart_fonts, set_doughnut, set_point_number_format

MID_GREY = RGBColor.from_string(hex_digits(design.MID_GREY))
"""The 'before' bar, as in the images."""
PALE_GREY = RGBColor.from_string(hex_digits(design.PALE_GREY))
"""The remainder of a progress ring."""
GRID_GREY = RGBColor.from_string(hex_digits(design.GRID_GREY))
MUTED = RGBColor.from_string(hex_digits(design.MUTED_TEXT))
"""Tick numbers and the axis line."""

BASE_SIZE = 16.0
"""Point size of category labels; the images are drawn at 16 pt for the slide (charts.SLIDE)."""
RING_HOLE = 72
"""Hole of the progress ring, in per cent of its diameter: the images' ring is 0.28 of the radius thick."""


@dataclass(frozen=True)
class ChartText:
    """Fonts of chart text."""

    latin: str
    east_asian: str


@dataclass(frozen=True)
class Series:
    """One series of bars: its name, values, each value as the report writes it, and each label's number format."""

    name: str
    values: list[float]
    labels: list[str]
    formats: list[Optional[str]]
    """Each bar's label as a number format over its value; None where the label must be fixed text."""


@dataclass(frozen=True)
class BarData:
    """What a bar, grouped-bar or before/after chart plots."""

    categories: list[str]
    series: list[Series]
    unit: str
    """Unit of the value axis ('' for none), 万 or 亿 included when the values are scaled to it."""
    change: Optional[str] = None
    """The reported change between the bars of a before/after chart (同比增长48%)."""


@dataclass(frozen=True)
class RingData:
    """What a progress ring shows: the part done and the rest, how the share is written, and the legend rows."""

    done: float
    rest: float
    share_text: str
    rows: list[tuple[bool, str, str]]
    """(has a red swatch, label, written value) for each legend row."""
    period: str
    categories: list[str]


def number_format(value: float, unit: str, qualifier) -> Optional[str]:
    """Return an Excel number format that shows a value as the report writes it (`"约"General"亿元"`), or None.

    None when the written form cannot be built around the number (text with a double quote in it).
    """
    written = numbers.write_amount(value, unit, qualifier)
    number = numbers.write_number(value)
    at = written.find(number)
    if at < 0 or '"' in written:
        return None
    before, after = written[:at], written[at + len(number):]
    quoted = (f'"{before}"' if before else "") + "General" + (f'"{after}"' if after else "")
    return quoted


def _series(name: str, figures: Sequence[Figure], values: list[float], printed: bool) -> Series:
    formats = [number_format(f.value, f.unit, f.qualifier) if printed else None for f in figures]
    return Series(name, values, [numbers.write_figure(f) for f in figures], formats)


def bar_data(chart: Chart, figures: Sequence[Figure]) -> BarData:
    """Return the bars of a bar, hbar or grouped_bar chart."""
    values, unit, printed = axis_values(chart, list(figures))
    if chart.kind.value == "grouped_bar":
        width = len(chart.series)
        series = [
            _series(name, figures[index::width], values[index::width], printed) for index, name in enumerate(chart.series)
        ]
        return BarData([group.label for group in chart.groups], series, unit)
    return BarData([f.axis_label for f in figures], [_series(chart.title, figures, values, printed)], unit)


def before_after_data(chart: Chart, figures: Sequence[Figure]) -> BarData:
    """Return the two bars of a before/after chart and the reported change."""
    labels, values, written, change = before_after_bars(chart, list(figures))
    if len(figures) == 1:
        figure = figures[0]
        comparison = figure.comparison
        formats = [number_format(comparison.base_value, figure.unit, comparison.base_qualifier),
                   number_format(figure.value, figure.unit, figure.qualifier)]
        unit = figure.unit
    else:
        unit = require_one_unit(chart, list(figures))
        same_unit = figures[0].unit == figures[1].unit
        formats = [number_format(f.value, f.unit, f.qualifier) if same_unit else None for f in figures]
    return BarData(labels, [Series(chart.title, list(values), list(written), formats)], unit, change)


def ring_data(chart: Chart, figures: Sequence[Figure]) -> RingData:
    """Return the parts of a progress ring and its legend."""
    share, share_text, whole, part = progress_share(chart, list(figures))
    if whole is None:
        rows = [(True, part.axis_label, "")]
        period = part.period
        done, rest = part.value, max(0.0, 100 - part.value)
        categories = [part.axis_label, "其余"]
    else:
        rows = [(True, part.axis_label, numbers.write_figure(part)), (False, whole.axis_label, numbers.write_figure(whole))]
        period = part.period if part.period == whole.period else f"{part.period}；{whole.period}"
        scale = part.magnitude / part.value if part.value else 1.0
        done = part.value
        rest = max(0.0, whole.magnitude / scale - part.value)
        categories = [part.axis_label, f"{whole.axis_label}中其余"]
    return RingData(done, rest, share_text, rows, period, categories)


class _DatedWorkbook(CategoryWorkbookWriter):
    """The chart's workbook, dated by the report rather than by the clock."""

    created: dt.datetime = dt.datetime(2000, 1, 1)

    def _populate_worksheet(self, workbook, worksheet):
        workbook.set_properties({"created": self.created})
        super()._populate_worksheet(workbook, worksheet)


class _ChartData(CategoryChartData):
    def __init__(self, created: dt.date):
        super().__init__()
        self._created = dt.datetime(created.year, created.month, created.day)

    @property
    def _workbook_writer(self):
        writer = _DatedWorkbook(self)
        writer.created = self._created
        return writer


def _chart_data(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], created: dt.date) -> _ChartData:
    data = _ChartData(created)
    data.categories = list(categories)
    for name, values in series:
        data.add_series(name, list(values))
    return data


SERIES_FILLS = {
    count: tuple(None if style.face == design.RED else RGBColor.from_string(hex_digits(style.face)) for style in styles)
    for count, styles in design.SERIES_STYLES.items()
}
"""Fills of the series of a chart, by how many it has: the images' greys, and the accent (None) for the red one."""


def _fill(fill, paint: Optional[RGBColor]) -> None:
    fill.solid()
    if paint is None:
        fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    else:
        fill.fore_color.rgb = paint


def add_bar_chart(shapes, box, data: BarData, text: ChartText, created: dt.date,
                  horizontal: bool = False, before_after: bool = False) -> GraphicFrame:
    """Add a clustered bar or column chart to a slide's shapes; return its graphic frame.

    One series is drawn in the accent colour; several in greys with the accent
    last, with a legend; a before/after chart's first bar is grey.
    """
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = shapes.add_chart(kind, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height),
                             _chart_data(data.categories, [(s.name, s.values) for s in data.series], created))
    pptx_chart: PptxChart = frame.chart
    several = len(data.series) > 1
    pptx_chart.has_legend = several
    if several:
        pptx_chart.legend.position = XL_LEGEND_POSITION.TOP
        pptx_chart.legend.include_in_layout = False
        pptx_chart.legend.font.size = Pt(BASE_SIZE * 0.85)
    pptx_chart.has_title = False
    pptx_chart.font.size = Pt(BASE_SIZE)
    pptx_chart.font.color.rgb = MUTED
    plot = pptx_chart.plots[0]
    plot.gap_width = 100 if before_after else (67 if horizontal else (72 if not several else 40))
    plot.overlap = 0 if not several else -10
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value = True
    labels.number_format = "General"
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(BASE_SIZE * (1.15 if before_after else (0.95 if not several else 0.8)))
    labels.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
    for series_data, series, paint in zip(data.series, plot.series, SERIES_FILLS[len(data.series)]):
        _fill(series.format.fill, paint)
        series.format.line.fill.background()
        series.invert_if_negative = False
        for index, (fmt, written) in enumerate(zip(series_data.formats, series_data.labels)):
            point = series.points[index]
            if fmt is not None:
                set_point_number_format(point, fmt)
            else:
                point.data_label.text_frame.text = written
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    if before_after:
        series = plot.series[0]
        _fill(series.points[0].format.fill, MID_GREY)
        series.points[1].data_label.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1
        series.points[1].data_label.font.size = Pt(BASE_SIZE * 1.15)

    category_axis = pptx_chart.category_axis
    category_axis.major_tick_mark = XL_TICK_MARK.NONE
    category_axis.tick_labels.font.size = Pt(BASE_SIZE)
    category_axis.tick_labels.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
    category_axis.format.line.fill.solid()
    category_axis.format.line.fill.fore_color.rgb = MUTED
    category_axis.format.line.width = Pt(0.8)
    category_axis.has_major_gridlines = False
    if horizontal:
        # The first figure on top, as in the image. Reversed, the value axis moves to the top (LibreOffice
        # ignores crossing at the maximum category), so its numbers are left to the gridlines and bar labels.
        category_axis.reverse_order = True

    values = [v for s in data.series for v in s.values]
    value_axis = pptx_chart.value_axis
    value_axis.has_major_gridlines = not before_after
    if value_axis.has_major_gridlines:
        gridlines = value_axis.major_gridlines.format.line
        gridlines.fill.solid()
        gridlines.fill.fore_color.rgb = GRID_GREY
        gridlines.width = Pt(0.6)
    value_axis.format.line.fill.background()
    value_axis.major_tick_mark = XL_TICK_MARK.NONE
    value_axis.tick_labels.font.size = Pt(BASE_SIZE * 0.85)
    value_axis.tick_labels.font.color.rgb = MUTED
    value_axis.tick_labels.number_format = "General"
    value_axis.tick_labels.number_format_is_linked = False
    if before_after or horizontal:
        value_axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    value_axis.minimum_scale = min(0.0, min(values))
    value_axis.major_unit = nice_step(max(abs(v) for v in values))
    make_axis_ids_unsigned(pptx_chart)
    clear_chart_background(pptx_chart)
    set_chart_fonts(pptx_chart, text.latin, text.east_asian)
    return frame


def add_ring_chart(shapes, box, chart: Chart, data: RingData, text: ChartText, created: dt.date) -> GraphicFrame:
    """Add a progress ring (a doughnut of the part done and the rest) to a slide's shapes; return its graphic frame."""
    frame = shapes.add_chart(XL_CHART_TYPE.DOUGHNUT, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height),
                             _chart_data(data.categories, [(chart.title, [data.done, data.rest])], created))
    pptx_chart: PptxChart = frame.chart
    pptx_chart.has_legend = False
    pptx_chart.has_title = False
    pptx_chart.font.size = Pt(BASE_SIZE)
    plot = pptx_chart.plots[0]
    plot.vary_by_categories = True
    plot.has_data_labels = False
    series = plot.series[0]
    for index, paint in enumerate((None, PALE_GREY)):
        point = series.points[index].format
        point.fill.solid()
        if paint is None:
            point.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        else:
            point.fill.fore_color.rgb = paint
        point.line.fill.background()
    set_doughnut(pptx_chart, RING_HOLE, 0)
    clear_chart_background(pptx_chart)
    set_chart_fonts(pptx_chart, text.latin, text.east_asian)
    return frame


def nice_step(high: float, ticks: int = 4) -> float:
    """Return a gridline step of 1, 2, 2.5 or 5 times a power of ten giving about `ticks` steps up to `high`, as the images do."""
    if high <= 0:
        return 1.0
    rough = high / ticks
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power


