"""What a chart means, apart from how it is drawn: its figures, units, value axis, words and rules.

Both the matplotlib images and the native Office charts read charts through
these functions, so they plot the same numbers, refuse the same unfit
figures and describe a chart in the same words. Nothing here imports
matplotlib.
"""

from __future__ import annotations

from typing import NamedTuple, Optional, Sequence

from ..data.model import Chart, ChartKind, Figure, Report
from ..plan import ChartPlan, plan_chart
from ..data.written import headline, write_base, write_change, write_comparison, write_figure
from ..text import numbers
from ..text.units import rescale
from .periods import bar_line_sentence, line_sentence, stacked_sentence


MAX_TILES = 6
"""Most figures a tile chart lays out (two rows of three)."""


def require_tiles_fit(chart: Chart, figures: list[Figure]) -> None:
    """Refuse a tile chart of more figures than its grid holds."""
    if len(figures) > MAX_TILES:
        raise ValueError(f"chart '{chart.id}': a tile chart shows at most {MAX_TILES} figures, not {len(figures)}")


class KeyFigure(NamedTuple):
    """A figure as a key-figure tile shows it, in every medium: the number, what it counts, and when."""

    value: str
    """The figure as written: 约12.5亿元."""
    label: str
    """Its short label: 力帆一季度营收."""
    period: str
    """Its period: 2022年一季度."""
    change: Optional[str]
    """Its reported change (同比增长48%); None without one."""

    @property
    def note(self) -> str:
        """Return the period and the change on one line: 2022年一季度，同比增长48%."""
        return f"{self.period}，{self.change}" if self.change else self.period


def key_figures(figures: Sequence[Figure]) -> list[KeyFigure]:
    """Return what the tiles of a tile chart say, one a figure, as the picture, the slide and the page all write them."""
    tiles = []
    for figure in figures:
        value, lead = headline(figure)
        said = "，".join(part for part in (lead, write_change(figure)) if part)
        tiles.append(KeyFigure(value, figure.axis_label, figure.period, said or None))
    return tiles


def tile_grid(count: int) -> tuple[int, int]:
    """Return rows and columns for `count` tiles: one row up to three, then two rows (2 × 2, 2 × 3)."""
    if count <= 3:
        return 1, count
    if count == 4:
        return 2, 2
    return 2, 3


def category_labels(figures: Sequence[Figure]) -> list[str]:
    """Name each bar: its figure's short label, or its period when every figure counts the same thing (地区生产总值 in 2022年, 2023年, 2024年)."""
    labels = [figure.axis_label for figure in figures]
    periods = [figure.period for figure in figures]
    if len(figures) > 1 and len(set(labels)) == 1 and len(set(periods)) == len(periods):
        return periods
    return labels


KIND_NAMES = {
    ChartKind.BAR: "柱状图",
    ChartKind.HBAR: "条形图",
    ChartKind.BEFORE_AFTER: "对比图",
    ChartKind.PROGRESS: "进度图",
    ChartKind.TILE: "关键数字",
    ChartKind.GROUPED_BAR: "分组柱状图",
    ChartKind.LINE: "折线图",
    ChartKind.BAR_LINE: "柱线图",
    ChartKind.STACKED: "结构图",
}
"""What each kind of chart is called at the start of its alt text."""

PERIOD_SENTENCES = {ChartKind.LINE: line_sentence, ChartKind.BAR_LINE: bar_line_sentence, ChartKind.STACKED: stacked_sentence}
"""The body of the alt text of the charts of periods (report_gen.charts.periods)."""


def alt_text(chart: Chart, report: Report) -> str:
    """Say in Chinese what a chart of the report shows, with every number written as the report writes it."""
    return describe(plan_chart(report, chart))


def describe(planned: ChartPlan) -> str:
    """Say in Chinese what a planned chart shows, with every number written as the report writes it."""
    chart, figures = planned.chart, list(planned.figures)
    lead = f"{KIND_NAMES[chart.kind]}：{_sentence(chart.title)}"
    if chart.kind is ChartKind.GROUPED_BAR:
        body = _grouped_sentence(chart, figures)
    elif chart.kind is ChartKind.BEFORE_AFTER:
        body = _before_after_sentence(chart, figures)
    elif chart.kind is ChartKind.PROGRESS:
        body = _progress_sentence(chart, figures)
    elif chart.kind in PERIOD_SENTENCES:
        body = PERIOD_SENTENCES[chart.kind](chart, figures)
    else:
        body = "，".join(f"{f.label}{write_figure(f)}" for f in figures) + "。"
    return lead + body


def require_fit(planned: ChartPlan) -> None:
    """Raise ValueError when a chart's figures do not fit its kind: every rule its drawings apply, checked before drawing.

    `validate` and `build` call this before any chart is drawn, so a chart
    the drawing would refuse is a located problem in the data file.
    """
    chart, figures = planned.chart, list(planned.figures)
    if chart.kind is ChartKind.TILE:
        require_tiles_fit(chart, figures)
    elif chart.kind in (ChartKind.BAR, ChartKind.HBAR, ChartKind.GROUPED_BAR):
        axis_values(chart, figures)
    describe(planned)  # the other kinds are described from what they draw (bars, share, period tables), refusing the same


def require_one_unit(chart: Chart, figures: list[Figure]) -> str:
    """Return the unit the chart's axis is in; refuse figures of different units (万户 and 户 are one unit)."""
    first = figures[0]
    for other in figures[1:]:
        if other.base_unit != first.base_unit:
            raise ValueError(
                f"chart '{chart.id}': a {chart.kind.value} chart compares figures of one unit, "
                f"but '{first.id}' is in '{first.unit}' and '{other.id}' in '{other.unit}'; "
                "chart them separately or restate one in the other's unit"
            )
    return first.unit if all(f.unit == first.unit for f in figures) else first.base_unit


class ValueAxis(NamedTuple):
    """The values a chart plots on its value axis, in the axis's unit."""

    values: list[float]
    unit: str
    """The axis's unit, 万 or 亿 included when the values are restated in it; '' for none."""
    as_printed: bool
    """Whether each value is the figure's value as printed (not restated in another magnitude)."""

    @property
    def note(self) -> str:
        """Return the unit note over the axis (单位：万户), or '' when the figures have no unit."""
        return f"单位：{self.unit}" if self.unit else ""


def axis_values(chart: Chart, figures: list[Figure]) -> ValueAxis:
    """Return the values to draw on a value axis and its unit, refusing mixed units.

    Values are drawn as printed when the figures share a unit, else in the base
    unit; then, where the largest reaches 10000, in 万 or 亿 of it, so ticks
    read 0, 1, 2, 3 under 单位：万户 rather than 0, 10000, 20000, 30000. A
    percentage is never scaled.
    """
    require_one_unit(chart, figures)
    base = figures[0].base_unit
    printed = all(f.unit == figures[0].unit for f in figures)
    word, values = (figures[0].scale_word, [f.value for f in figures]) if printed else ("", [f.magnitude for f in figures])
    scaled, scaled_word = rescale(values, word, base)
    return ValueAxis(scaled, scaled_word + base, printed and scaled_word == word)


def plotted_values(figures: list[Figure]) -> list[float]:
    """Return the values to draw: as printed when the units match exactly, else in the base unit (2.5万户 → 25000)."""
    if all(f.unit == figures[0].unit for f in figures):
        return [f.value for f in figures]
    return [f.magnitude for f in figures]


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？")) else text + "。"


def before_after_bars(chart: Chart, figures: list[Figure]) -> tuple[list[str], list[float], list[str], Optional[str]]:
    """Return the two bars of a before/after chart: labels, values, written values, and the reported change."""
    if len(figures) == 1:
        figure = figures[0]
        comparison = figure.comparison
        if comparison is None or comparison.base_value is None:
            raise ValueError(
                f"chart '{chart.id}': a before_after chart of one figure needs a comparison with a base_value "
                f"(figure '{figure.id}' has none); give base_value or list an earlier figure first"
            )
        labels = [comparison.base_period or "此前", figure.period]
        values = [comparison.base_value, figure.value]
        if min(values) < 0:
            raise ValueError(f"chart '{chart.id}': a before_after chart draws counts, not negative values")
        written = [write_base(figure), write_figure(figure)]
        change = write_change(figure)
        return labels, values, written, change
    earlier, later = figures
    require_one_unit(chart, figures)
    if earlier.period != later.period:
        labels = [earlier.period, later.period]
    else:
        labels = [earlier.axis_label, later.axis_label]
    change = write_change(later)
    values = plotted_values(figures)
    if min(values) < 0:
        raise ValueError(f"chart '{chart.id}': a before_after chart draws counts, not negative values")
    return labels, values, [write_figure(earlier), write_figure(later)], change


def _before_after_sentence(chart: Chart, figures: list[Figure]) -> str:
    labels, _, written, change = before_after_bars(chart, figures)
    if len(figures) == 1:
        return f"{figures[0].label}{write_comparison(figures[0])}。"
    earlier, later = figures
    text = f"{earlier.label}{labels[0]}为{written[0]}，{later.label}{labels[1]}为{written[1]}"
    if earlier.label == later.label:
        text = f"{earlier.label}{labels[0]}为{written[0]}，{labels[1]}为{written[1]}"
    return text + (f"，{change}。" if change else "。")


def progress_share(chart: Chart, figures: list[Figure]) -> tuple[float, str, Optional[Figure], Figure]:
    """Return the share done (0–1), how it is written, the whole (None for a percentage) and the part."""
    if len(figures) == 1:
        (figure,) = figures
        if figure.unit != "%":
            raise ValueError(
                f"chart '{chart.id}': a progress chart of one figure needs a percentage, "
                f"but '{figure.id}' is in '{figure.unit}'; add its whole as a second figure"
            )
        if not 0 <= figure.value <= 100:
            raise ValueError(f"chart '{chart.id}': '{figure.id}' is {figure.value}%, outside 0–100%, so it cannot be drawn as progress")
        return figure.value / 100, write_figure(figure), None, figure
    require_one_unit(chart, figures)
    part, whole = sorted(figures, key=lambda f: f.magnitude)
    if whole.magnitude <= 0 or part.magnitude < 0:
        raise ValueError(f"chart '{chart.id}': a part and its whole must be positive ('{part.id}', '{whole.id}')")
    share = part.magnitude / whole.magnitude
    approximate = "约" if part.qualifier or whole.qualifier else ""
    return share, f"{approximate}{numbers.write_number(round(share * 100, 1))}%", whole, part


def _progress_sentence(chart: Chart, figures: list[Figure]) -> str:
    _, share_text, whole, part = progress_share(chart, figures)
    if whole is None:
        return f"{part.label}{share_text}。"
    share = f"约占{share_text[1:]}" if share_text.startswith("约") else f"占{share_text}"
    return f"{whole.label}{write_figure(whole)}，{part.label}{write_figure(part)}，{share}。"


def _grouped_sentence(chart: Chart, figures: list[Figure]) -> str:
    width = len(chart.series)
    parts = []
    for index, group in enumerate(chart.groups):
        row = figures[index * width:(index + 1) * width]
        parts.append(group.label + "、".join(f"{name}{write_figure(f)}" for name, f in zip(chart.series, row)))
    return "；".join(parts) + "。"
