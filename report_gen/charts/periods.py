"""What the period charts mean: figures laid out by period (line), values with their growth rates (bar_line),
and shares of a whole (stacked).

Both the images (`line`, `bar_line`, `stacked`) and the native charts
(`native`) read these, so they plot the same numbers and refuse the same
figures. A figure's period is its category and its short label its series, so
a data file says `gdp_2023`, `gdp_2024` and gets one line over two years.
The data file's own checks (`report_gen.data.checks`) refuse unfit figures
first, with their line; the errors here guard callers that skip loading.
Nothing here imports matplotlib.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from ..data.checks import MAX_LINES, share_total_exceeds_whole
from ..data.model import Chart, Figure
from ..data.written import write_change, write_figure
from ..text import numbers, wording

MAX_PARTS = MAX_LINES
"""Most parts a stacked chart splits a whole into, besides the remainder; as many as lines in a line chart."""

REMAINDER_LABEL = "其他"
"""Name of the part of a whole that the listed shares leave over."""

REMAINDER_SHOWN_FROM = 0.5
"""Smallest remainder, in percentage points, drawn as a part of its own: less is rounding in the printed shares."""

BARS_SHARE = 0.62
"""Part of a bar_line chart's height the tallest bar reaches; the growth line runs above it."""

LINE_BAND = (0.72, 0.92)
"""Heights (as parts of the plot) between which a bar_line chart's growth line runs, lowest to highest rate."""


@dataclass(frozen=True)
class PeriodTable:
    """Figures as a table: one column per period (the categories), one row per series (a figure's short label)."""

    periods: list[str]
    series: list[str]
    cells: list[list[Optional[Figure]]]
    """cells[series][period]: the figure, or None where a series has no figure for that period."""
    places: list[tuple[int, int]]
    """(series, period) of each figure, in the order the chart lists them."""

    def arrange(self, values: list[float]) -> list[list[Optional[float]]]:
        """Return values given in the chart's figure order (the axis's values) as the table's rows."""
        rows: list[list[Optional[float]]] = [[None] * len(self.periods) for _ in self.series]
        for (row, column), value in zip(self.places, values):
            rows[row][column] = value
        return rows

    def labels(self) -> list[list[Optional[str]]]:
        """Return each cell's label: the figure as the report writes it (None for an empty cell)."""
        return [[None if cell is None else write_figure(cell) for cell in row] for row in self.cells]


def period_table(chart: Chart, figures: list[Figure]) -> PeriodTable:
    """Lay a chart's figures out by period and short label, refusing a period named twice for one series."""
    periods = list(dict.fromkeys(f.period for f in figures))
    series = list(dict.fromkeys(f.axis_label for f in figures))
    cells: list[list[Optional[Figure]]] = [[None] * len(periods) for _ in series]
    places = []
    for figure in figures:
        row, column = series.index(figure.axis_label), periods.index(figure.period)
        earlier = cells[row][column]
        if earlier is not None:
            raise ValueError(
                f"chart '{chart.id}': '{earlier.id}' and '{figure.id}' are both {figure.axis_label} "
                f"in {figure.period}; give each figure of a series its own period"
            )
        cells[row][column] = figure
        places.append((row, column))
    return PeriodTable(periods, series, cells, places)


LabelSide = str
"""Where a point's label sits: above, below, above_left or above_right of it."""


def label_sides(values: list[Optional[float]]) -> list[LabelSide]:
    """Return where each point of a line is labelled so that the line does not run through its label.

    A peak is labelled above and a trough below; a point the line climbs
    through is labelled above on the left, where the line comes from below,
    and one it falls through above on the right. An end point counts its one
    neighbour. A gap counts as no neighbour.
    """
    sides = []
    for index, value in enumerate(values):
        before = values[index - 1] if index > 0 else None
        after = values[index + 1] if index + 1 < len(values) else None
        if value is None:
            sides.append("above")
            continue
        rising_in = before is not None and value > before
        falling_in = before is not None and value < before
        rising_out = after is not None and after > value
        falling_out = after is not None and after < value
        if rising_in and rising_out:
            sides.append("above_left")
        elif falling_in and falling_out:
            sides.append("above_right")
        elif (falling_in or before is None) and (rising_out or after is None) and (falling_in or rising_out):
            sides.append("below")
        else:
            sides.append("above")
    return sides


def line_table(chart: Chart, figures: list[Figure]) -> PeriodTable:
    """Return the lines of a line chart: at least two periods, at most MAX_LINES series."""
    table = period_table(chart, figures)
    if len(table.periods) < 2:
        raise ValueError(f"chart '{chart.id}': a line chart needs figures of at least two periods, not only {table.periods[0]}")
    if len(table.series) > MAX_LINES:
        raise ValueError(f"chart '{chart.id}': a line chart draws at most {MAX_LINES} lines, not {len(table.series)}")
    return table


# -- bar_line ----------------------------------------------------------------------


@dataclass(frozen=True)
class GrowthSeries:
    """A bar_line chart: each category's value as a bar and its growth rate (in %) as a point of a line.

    The categories are the figures' periods (one figure reported for several
    years), or, for figures of one period, their short labels (the
    industries of one year: charts by indicator).
    """

    periods: list[str]
    """The categories, left to right: periods, or the indicators' short labels."""
    figures: list[Figure]
    rates: list[float]
    """Each figure's reported change in %."""
    label: str
    """What the bars count: the figures' short label when they share one, else what their labels share, else the chart's title."""
    line_name: str = "增长速度（%）"
    """Legend entry of the line."""
    rate_decimals: Optional[int] = None
    """Decimal places every rate of the line is printed with: as a bulletin's column of rates, one precision for all."""

    def bar_name(self, unit: str) -> str:
        """Return the legend entry of the bars: the label and the axis's unit, 地区生产总值（亿元）."""
        return f"{self.label}（{unit}）" if unit else self.label

    def bar_labels(self) -> list[str]:
        """Return each bar's label: the figure as the report writes it."""
        return [write_figure(f) for f in self.figures]

    def rate_labels(self) -> list[str]:
        """Return each growth rate as the line labels it, a signed number as on an axis: 6.1%, -3.8%, 3.0% beside them."""
        return [wording.write_signed(rate, "%", decimals=self.rate_decimals) for rate in self.rates]


def growth_rate(figure: Figure) -> Optional[float]:
    """Return a figure's reported growth rate in %, or None when it reports none (or a change in another unit)."""
    comparison = figure.comparison
    if comparison is None or comparison.change is None or (comparison.change_unit or "%") != "%":
        return None
    return comparison.change


def bar_line_categories(figures: list[Figure]) -> Optional[list[str]]:
    """Return a bar_line chart's categories: the periods when each figure has its own, else the short labels of
    figures of one period when each has its own (charts by indicator); None when neither tells the bars apart."""
    periods = [f.period for f in figures]
    if len(set(periods)) == len(periods):
        return periods
    labels = [f.axis_label for f in figures]
    if len(set(periods)) == 1 and len(set(labels)) == len(labels):
        return labels
    return None


INDUSTRY_ENDINGS = "业的"
"""Characters that end the indicators' own names (金融业, 房地产业) rather than start what they share (增加值)."""


def shared_subject(labels: list[str]) -> str:
    """Return what labels share at their end (增加值 of 金融业增加值 and 房地产业增加值), or '' when less than two characters."""
    common = labels[0]
    for label in labels[1:]:
        while common and not label.endswith(common):
            common = common[1:]
    while common[:1] and common[0] in INDUSTRY_ENDINGS:
        common = common[1:]
    return common if len(common) >= 2 and all(label != common for label in labels) else ""


def growth_series(chart: Chart, figures: list[Figure]) -> GrowthSeries:
    """Return the bars and the growth line of a bar_line chart, refusing a figure without a growth rate in %."""
    categories = bar_line_categories(figures)
    if categories is None:
        raise ValueError(
            f"chart '{chart.id}': a bar_line chart draws one bar a period, or one bar an indicator of one period; "
            "these figures share periods and labels"
        )
    rates = []
    for figure in figures:
        rate = growth_rate(figure)
        if rate is None:
            raise ValueError(
                f"chart '{chart.id}': '{figure.id}' gives no growth rate (comparison.change in %), "
                "which a bar_line chart draws as its line"
            )
        rates.append(rate)
    labels = [f.axis_label for f in figures]
    label = labels[0] if len(set(labels)) == 1 else (shared_subject([f.label for f in figures]) or chart.title)
    decimals = max(max(numbers.shortest_decimals(rate), f.comparison.change_decimals or 0) for rate, f in zip(rates, figures))
    return GrowthSeries(categories, list(figures), rates, label, rate_decimals=decimals or None)


@dataclass(frozen=True)
class Scale:
    """A value axis: its lowest and highest value and the step between gridlines."""

    low: float
    high: float
    step: float


def nice_step(high: float, ticks: int = 4) -> float:
    """Return a gridline step of 1, 2, 2.5 or 5 times a power of ten giving about `ticks` steps up to `high`."""
    if high <= 0:
        return 1.0
    rough = high / ticks
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power


def line_scale(values: list[float]) -> Scale:
    """Return the value axis of a line chart: from zero when the lowest value is at most half the highest, else
    around the lines, so a slow rise is not drawn flat; with room above the highest point for its label."""
    low, high = min(values), max(values)
    from_zero = low >= 0 and low <= 0.5 * high
    start = 0.0 if from_zero else low
    spread = (high - start) or abs(high) or 1.0
    step = nice_step(spread * 1.3)
    bottom = 0.0 if from_zero else math.floor((low - 0.15 * spread) / step) * step
    if low >= 0:
        bottom = max(0.0, bottom)
    top = math.ceil((high + 0.2 * spread) / step - 1e-9) * step
    return Scale(bottom, top, step)


def bar_line_scales(values: list[float], rates: list[float]) -> tuple[Scale, Scale]:
    """Return the bars' axis and the growth line's axis of a bar_line chart, so the line runs above the bars.

    The tallest bar reaches BARS_SHARE of the height; the rates run between the
    LINE_BAND heights on the second axis, so the labels of bars and of points stay apart.
    """
    low = min(0.0, min(values))
    top = max(values) / BARS_SHARE if max(values) > 0 else 1.0
    step = nice_step(top - low)
    bars = Scale(low, math.ceil(top / step - 1e-9) * step, step)
    lowest, highest = min(rates), max(rates)
    spread = highest - lowest or max(abs(highest), 1.0)
    span = spread / (LINE_BAND[1] - LINE_BAND[0])
    rate_low = lowest - LINE_BAND[0] * span
    return bars, Scale(rate_low, rate_low + span, span / 4)


# -- stacked -----------------------------------------------------------------------


@dataclass(frozen=True)
class ShareTable:
    """A stacked chart: for each period (a bar), the share of each part of the whole, in %."""

    periods: list[str]
    parts: list[str]
    """Names of the parts, in order; REMAINDER_LABEL last when some period leaves a remainder."""
    shares: list[list[float]]
    """shares[part][period] in %; the remainder row holds what the listed shares leave of 100."""
    figures: list[list[Optional[Figure]]]
    """figures[part][period]; None in the remainder row."""
    has_remainder: bool

    def written(self, part: int, period: int) -> str:
        """Return a share as the chart labels it: as the report writes the figure (10.7%), or the remainder's number."""
        figure = self.figures[part][period]
        if figure is not None:
            return write_figure(figure)
        return wording.write_amount(round(self.shares[part][period], 1), "%")

    def decimals(self, part: int, period: int) -> Optional[int]:
        """Return the decimal places a share is printed with: its figure's, or None for the remainder."""
        figure = self.figures[part][period]
        return figure.decimals if figure is not None else None


def share_table(chart: Chart, figures: list[Figure]) -> ShareTable:
    """Return the shares of a stacked chart: every part in % for every period, the remainder where one is left."""
    for figure in figures:
        if figure.unit != "%":
            raise ValueError(f"chart '{chart.id}': a stacked chart shows shares in %, but '{figure.id}' is in '{figure.unit or 'no unit'}'")
    table = period_table(chart, figures)
    if len(table.series) > MAX_PARTS:
        raise ValueError(f"chart '{chart.id}': a stacked chart splits a whole into at most {MAX_PARTS} parts, not {len(table.series)}")
    shares: list[list[float]] = []
    for row, part in enumerate(table.series):
        missing = [period for period, cell in zip(table.periods, table.cells[row]) if cell is None]
        if missing:
            raise ValueError(f"chart '{chart.id}': {part} has no share for {missing[0]}; give every part for every period")
        shares.append([cell.value for cell in table.cells[row]])
    remainder = []
    for column, period in enumerate(table.periods):
        listed = [row[column] for row in shares]
        if share_total_exceeds_whole(listed):
            raise ValueError(f"chart '{chart.id}': the shares of {period} add up to {numbers.write_number(round(sum(listed), 2))}%, more than the whole")
        remainder.append(max(0.0, 100.0 - sum(listed)))
    has_remainder = max(remainder) >= REMAINDER_SHOWN_FROM
    cells: list[list[Optional[Figure]]] = [list(row) for row in table.cells]
    parts = list(table.series)
    if has_remainder:
        shares.append(remainder)
        cells.append([None] * len(table.periods))
        parts.append(REMAINDER_LABEL)
    return ShareTable(table.periods, parts, shares, cells, has_remainder)


# -- words ---------------------------------------------------------------------------


def line_sentence(chart: Chart, figures: list[Figure]) -> str:
    """Say what a line chart shows, series by series: 地区生产总值2023年1000亿元、2024年1100亿元。"""
    table = line_table(chart, figures)
    parts = []
    for row, name in enumerate(table.series):
        points = [f"{period}{write_figure(cell)}" for period, cell in zip(table.periods, table.cells[row]) if cell]
        parts.append(name + "、".join(points))
    return "；".join(parts) + "。"


def bar_line_sentence(chart: Chart, figures: list[Figure]) -> str:
    """Say what a bar_line chart shows, period by period, each value with its change: 2024年地区生产总值1100亿元，比上年增长6.1%。"""
    growth = growth_series(chart, figures)
    by_indicator = growth.periods != [figure.period for figure in figures]
    parts = []
    for figure in figures:
        change = write_change(figure)
        said = f"{figure.label}{write_figure(figure)}" + (f"，{change}" if change else "")
        parts.append(said if by_indicator else figure.period + said)
    return (f"{figures[0].period}，" if by_indicator else "") + "；".join(parts) + "。"


def stacked_sentence(chart: Chart, figures: list[Figure]) -> str:
    """Say what a stacked chart shows, period by period: 2024年第一产业10.7%、第二产业39.5%、第三产业49.8%。"""
    table = share_table(chart, figures)
    parts = []
    for column, period in enumerate(table.periods):
        shares = [f"{part}{table.written(row, column)}" for row, part in enumerate(table.parts)
                  if table.shares[row][column] > 0]
        parts.append(period + "、".join(shares))
    return "；".join(parts) + "。"
