"""The charts a data file asks for: their kinds, the figures they draw, and the groups of a grouped bar chart.

Part of the data model (`report_gen.data.model` re-exports these); the
docstrings are the data-format reference, like the model's.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

from pydantic import Field, StringConstraints, model_validator

from .types import Id, Model, SlideTitle, Text


class ChartKind(str, Enum):
    """The kinds of chart a data file can ask for."""

    BAR = "bar"
    """Vertical bars, one per figure."""
    HBAR = "hbar"
    """Horizontal bars, one per figure: for long labels."""
    BEFORE_AFTER = "before_after"
    """Before and after: one figure with a comparison base value, or two figures, earlier first."""
    PROGRESS = "progress"
    """Share or progress: a part and its whole (73 of 118), or one percentage (97%)."""
    TILE = "tile"
    """Key-figure tiles: each figure as a large number with its label, period and change; set as text in the documents (a table in the briefing, shapes on a slide), never as a picture."""
    GROUPED_BAR = "grouped_bar"
    """Vertical bars in groups: one group per category, one bar per series (each item in 2017年 and 2020年)."""
    LINE = "line"
    """A line through figures of one unit in period order; figures with another short label make another line (at most 4)."""
    BAR_LINE = "bar_line"
    """Values as bars and each figure's growth rate (`comparison.change` in %) as a line on a second axis: one bar a period (2020—2024年地区生产总值及其增长速度), or one bar an indicator of one period (2022年服务业主要行业增加值及其增长速度), the rates taken from the figures' comparisons."""
    STACKED = "stacked"
    """Shares of a whole in % as one bar split into parts (三次产业结构 10.7:39.5:49.8), one bar per period: a structure's id, or share figures whose shares of a period add up to at most 100."""


class ChartGroup(Model):
    """One category of a grouped_bar chart: its name under the bars and one figure per series."""

    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)]
    """Name of the category, written under its group of bars (进驻事项); at most 24 characters."""
    figures: Annotated[list[Id], Field(min_length=2, max_length=4)]
    """Ids of the category's figures, one for each of the chart's `series`, in the same order."""


class Chart(Model):
    """A chart drawn from figures of the file."""

    id: Id
    """Unique identifier; the images are written as `out/charts/<id>.png` and `out/charts/<id>.svg`."""
    kind: ChartKind
    """bar, hbar, before_after, progress, tile, grouped_bar, line, bar_line or stacked."""
    title: Text
    """Title shown with the chart."""
    figures: Annotated[list[Id], Field(max_length=12)] = []
    """Ids of the figures it plots, in order; every kind but grouped_bar needs them (a grouped_bar chart lists its figures in `groups`). A line, bar_line or stacked chart takes each figure's period as its category, in the order listed; a bar_line chart of figures of one period takes their short labels instead. A stacked chart may list one structure's id instead."""
    caption: Text
    """Sentence under the chart saying what it shows, in the report's own words."""
    series: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]], Field(max_length=4)] = []
    """grouped_bar only: names of the 2 to 4 series, in order, as the legend shows them (2017年, 2020年); the last is drawn in the accent colour."""
    groups: Annotated[list[ChartGroup], Field(max_length=6)] = []
    """grouped_bar only: the categories from left to right, each with one figure per series; at most 12 bars in all."""
    slide_title: Optional[SlideTitle] = None
    """Title of the deck's slide that shows the chart, stating its point in at most 40 characters (政务服务进驻事项翻了一番); none: the deck takes the caption when it states a point, else the chart's largest change or leading figure as written."""

    @model_validator(mode="after")
    def _figure_count_fits_kind(self) -> "Chart":
        n = len(self.figures)
        if self.kind is ChartKind.GROUPED_BAR:
            return self._grouped_bar_fits()
        if self.series or self.groups:
            raise ValueError(f"{'series' if self.series else 'groups'}: only a grouped_bar chart has series and groups")
        if n == 0:
            raise ValueError(f"figures: list the figures the {self.kind.value} chart plots")
        if self.kind is ChartKind.BEFORE_AFTER and n > 2:
            raise ValueError("figures: a before_after chart takes one figure with a comparison or two figures")
        if self.kind is ChartKind.PROGRESS and n > 2:
            raise ValueError("figures: a progress chart takes a part and its whole, or one percentage")
        if self.kind in (ChartKind.BAR, ChartKind.HBAR, ChartKind.LINE, ChartKind.BAR_LINE) and n < 2:
            raise ValueError(f"figures: a {self.kind.value} chart needs at least two figures")
        if len(set(self.figures)) != n:
            raise ValueError("figures: a figure is listed twice")
        return self

    def _grouped_bar_fits(self) -> "Chart":
        if self.figures:
            raise ValueError("figures: a grouped_bar chart lists its figures in groups, one per series; leave figures out")
        if not 2 <= len(self.series) <= 4:
            raise ValueError(f"series: a grouped_bar chart names 2 to 4 series, not {len(self.series)}")
        if len(set(self.series)) != len(self.series):
            raise ValueError("series: a series is named twice")
        if not self.groups:
            raise ValueError("groups: a grouped_bar chart needs at least one group")
        for index, group in enumerate(self.groups):
            if len(group.figures) != len(self.series):
                raise ValueError(
                    f"groups: group {index + 1} ('{group.label}') has {len(group.figures)} figures "
                    f"but the chart has {len(self.series)} series; give one figure per series"
                )
        ids = self.plotted_ids()
        if len(ids) > 12:
            raise ValueError(f"groups: a grouped_bar chart draws at most 12 bars, not {len(ids)}")
        if len(set(ids)) != len(ids):
            raise ValueError("groups: a figure is listed twice")
        return self

    def plotted_ids(self) -> list[str]:
        """Return the ids of every figure the chart draws: `figures`, or the groups' figures group by group."""
        if self.kind is ChartKind.GROUPED_BAR:
            return [figure_id for group in self.groups for figure_id in group.figures]
        return list(self.figures)
