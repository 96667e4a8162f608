"""One pass over a report that fixes what every document must agree on: order, numbers and sources.

Charts are numbered 图1, 图2 … across themes in file order; each theme with
figures (or structures) that no chart shows gets a key-figures table of those,
numbered 表1, 表2 … (a figure a chart shows is read off the chart and its
caption, not listed again); sources are numbered
[1], [2] … in the order the file lists them. Each chart's figures are looked
up once, and its source line (资料来源：《…》；《…》) is written once. The
briefing, the deck, the charts and the narrative all read these from the plan,
so a number or a source line cannot differ between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from .data.model import Chart, Figure, Report, Source, Structure, Theme
from .errors import ReportError

SOURCE_LINE_LEAD = "资料来源："
"""How a chart's source line starts."""


class PlanError(ReportError):
    """A chart names a figure, or a figure a source, that the report does not define."""


@dataclass(frozen=True)
class ChartPlan:
    """A chart with everything the documents need to agree on about it."""

    chart: Chart
    theme: Theme
    number: int
    """The chart's number in the documents (图N), counted across themes in file order."""
    figures: tuple[Figure, ...]
    """The figures it draws, in its order (a grouped_bar chart's group by group; a structure's shares period by period)."""
    sources: tuple[Source, ...]
    """The sources of its figures, in order of first figure."""

    @property
    def source_titles(self) -> list[str]:
        """Return the titles of its sources, as the data file writes them."""
        return [source.title for source in self.sources]

    @property
    def source_line(self) -> str:
        """Return the line under the chart naming its sources: 资料来源：《甲》；《乙》."""
        return source_line(self.source_titles)


@dataclass(frozen=True)
class Plan:
    """Order, numbering and sources of a whole report."""

    charts: dict[str, ChartPlan]
    """Every chart by id, in file order."""
    table_numbers: dict[str, int]
    """Theme id → number of its key-figures table (表N); themes whose every figure a chart shows have none."""
    table_figures: dict[str, tuple[Figure, ...]]
    """Theme id → the figures its key-figures table lists: those of its figures that no chart shows, in file order."""
    source_numbers: dict[str, int]
    """Source id → its number in the 资料来源 list ([n])."""
    sources: dict[str, Source]
    """Source id → the source."""
    table_structures: dict[str, tuple[Structure, ...]] = field(default_factory=dict)
    """Theme id → the structures its key-figures table lists after its figures: those no chart draws."""

    @property
    def chart_numbers(self) -> dict[str, int]:
        """Return chart id → its number (图N)."""
        return {chart_id: planned.number for chart_id, planned in self.charts.items()}

    def sources_of(self, figures: Iterable[Figure]) -> list[Source]:
        """Return the sources of some figures, once each, in order of first figure."""
        cited: dict[str, Source] = {}
        for figure in figures:
            cited.setdefault(figure.source, self.sources[figure.source])
        return list(cited.values())

    def chart(self, chart_id: str) -> ChartPlan:
        """Return a chart's plan; PlanError for an id the report does not have."""
        try:
            return self.charts[chart_id]
        except KeyError:
            raise PlanError(f"no chart '{chart_id}' in the report") from None


def source_line(titles: Iterable[str]) -> str:
    """Return a line naming sources by their titles, as under a chart or a slide's key figures: 资料来源：《甲》；《乙》."""
    return SOURCE_LINE_LEAD + "；".join(book_title(title) for title in titles)


def book_title(title: str) -> str:
    """Return a title in book-title marks, 《…》, unless it already has them."""
    return title if title.startswith("《") else f"《{title}》"


def plan_report(report: Report) -> Plan:
    """Number the report's charts, tables and sources and resolve each chart's figures and sources.

    Raise PlanError when a chart names an unknown figure or a figure an
    unknown source (the loader refuses such files, so this guards code that
    builds reports by hand).
    """
    figures = report.chart_figure_index()
    sources = report.source_index()
    charts = {
        chart.id: _chart_plan(chart, theme, number, figures, sources)
        for number, (theme, chart) in enumerate(report.all_charts(), start=1)
    }
    charted = {figure.id for planned in charts.values() for figure in planned.figures}
    charted |= {figure_id for planned in charts.values() for figure_id in planned.chart.plotted_ids()}
    listed = {theme.id: tuple(f for f in theme.figures if f.id not in charted) for theme in report.themes}
    shares = {theme.id: tuple(s for s in theme.structures if s.id not in charted) for theme in report.themes}
    tabled = [theme.id for theme in report.themes if listed[theme.id] or shares[theme.id]]
    tables = {theme_id: number for number, theme_id in enumerate(tabled, start=1)}
    numbered_sources = {source.id: number for number, source in enumerate(report.sources, start=1)}
    return Plan(charts, tables, {theme_id: listed[theme_id] for theme_id in tabled}, numbered_sources, sources,
                {theme_id: shares[theme_id] for theme_id in tabled if shares[theme_id]})


def plan_chart(report: Report, chart: Chart, plan: Optional[Plan] = None) -> ChartPlan:
    """Return the plan of one chart: its plan in `plan` when it is the report's own chart unedited, else resolved afresh.

    An edited copy of a chart keeps its original's number and theme; a chart
    the report does not have is numbered after the last. Only this chart's
    figures and sources are looked up: the report is not planned again.
    """
    planned = plan.charts.get(chart.id) if plan is not None else None
    if planned is not None and planned.chart == chart:
        return planned
    theme, number = report.themes[0], len(report.all_charts()) + 1
    for count, (own_theme, own) in enumerate(report.all_charts(), start=1):
        if own.id == chart.id:
            theme, number = own_theme, count
            break
    return _chart_plan(chart, theme, number, report.chart_figure_index(), report.source_index())


def _chart_plan(chart: Chart, theme: Theme, number: int, figures: dict[str, list[Figure]], sources: dict[str, Source]) -> ChartPlan:
    unknown = [figure_id for figure_id in chart.plotted_ids() if figure_id not in figures]
    if unknown:
        raise PlanError(f"chart '{chart.id}' names figure '{unknown[0]}', which the file does not define")
    drawn = tuple(figure for figure_id in chart.plotted_ids() for figure in figures[figure_id])
    cited: dict[str, Source] = {}
    for figure in drawn:
        if figure.source not in sources:
            raise PlanError(f"chart '{chart.id}': figure '{figure.id}' cites source '{figure.source}', which the file does not define")
        cited.setdefault(figure.source, sources[figure.source])
    return ChartPlan(chart, theme, number, drawn, tuple(cited.values()))
