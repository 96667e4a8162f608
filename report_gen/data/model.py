"""The typed model of a report: what a data file may say, field by field.

The docstring under each field is the reference of the data format; the
README's data-format section is generated from them (`report_gen.data.reference`).
The model knows nothing of YAML, Word or PowerPoint.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import Enum
from typing import Annotated, Literal, Optional

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..text.units import scale_factor, split_unit
from .style import (  # re-exported: the report's model and its style section are read together
    Style,
)
from .types import (
    Id,
    LongText,
    Model,
    Number,
    Text,
    figure_file_error,
)
from .agreement import change_disagreement

class Qualifier(str, Enum):
    """How exact a reported number is, as the source wrote it."""

    ABOUT = "约"
    """Approximately: written before the number, 约12.5亿元."""
    OVER_YU = "余"
    """A little more than: written after the number and magnitude, 500余项, 2.3万余名."""
    OVER_DUO = "多"
    """More than (colloquial): placed like 余, 600多台."""
    AT_LEAST = "以上"
    """At least: written after the unit, 30%以上."""
    MORE_THAN = "超过"
    """More than: written before the number, 超过500项."""
    NEARLY = "近"
    """Nearly: written before the number, 近600台."""
    AROUND = "左右"
    """Around, as targets are set: written after the unit, 增长6%左右."""
    WITHIN = "以内"
    """Within, for a ceiling: written after the unit, 控制在5.5%以内."""
    UNDER = "不足"
    """Less than: written before the number, 不足5%."""
    AT_MOST = "以下"
    """At most: written after the unit like 以上, 3%以下."""


DistributionLine = Literal["报", "送", "发"]
"""A line of a 简报's 报尾: 报 (up to the leadership), 送 (to peer bodies), 发 (down to the units below)."""


class Bulletin(Model):
    """The 简报 form: its 报头 on the first page and its 报尾 at the foot of the last (`style.briefing.preset: jianbao`).

    The 报头 prints the name in red, the issue under it, `report.issuer` on the
    left and `report.date` on the right, then a red rule; the 报尾 prints the
    报/送/发 lines and 共印N份 between rules. The jianbao preset needs every field.
    """

    name: Optional[Text] = None
    """Name of the bulletin, printed large and in red at the head of the first page, e.g. 党建工作简报."""
    issue: Optional[Text] = None
    """Issue as printed under the name, e.g. 第3期 or 第3期（总第45期）."""
    distribution: dict[DistributionLine, Annotated[list[Text], Field(min_length=1)]] = {}
    """Where the bulletin goes, by line of the 报尾: 报, 送 and 发, each a list of recipients, printed in that order and separated by ，; the jianbao preset needs at least one line."""
    copies: Optional[Annotated[int, Field(ge=1, le=1_000_000)]] = None
    """Print run, printed at the end of the 报尾 as 共印60份."""
    double_sided: bool = True
    """Printed on both sides: a 简报 running past one page puts its 报尾 on an even page, the back of the last sheet, as GB/T 9704 puts a 版记 (after a page break when the text ends on an odd page); false puts it at the foot of the last page whatever its number."""


class ReportInfo(Model):
    """What the report is: it goes on the cover of the briefing and the title slide."""

    name: Id
    """File name of the outputs, without extension: `out/<name>.docx`, `out/<name>.pptx`."""
    title: Text
    """Title of the briefing and the deck."""
    subtitle: Optional[Text] = None
    """Line under the title; none when omitted."""
    issuer: Text
    """Issuing organisation, as printed under the title and in the deck footer."""
    date: dt.date
    """Date of the report (YYYY-MM-DD), written 2021年5月1日; also dates the documents' properties."""
    region: Optional[Text] = None
    """Region the report covers, e.g. 重庆市北碚区."""
    language: Literal["zh-CN"] = "zh-CN"
    """Language of the text; only zh-CN is supported."""
    document_number: Optional[Text] = None
    """Official document number such as 北碚组〔2021〕5号; none for an unnumbered briefing."""
    issuer_mark: Optional[Text] = None
    """Issuer mark (发文机关标志) printed in red at the head of the briefing, e.g. 中共示例区委组织部文件, over the document number and a red rule; none leaves the red header (版头) off."""
    bulletin: Optional[Bulletin] = None
    """The 简报's name, issue, distribution and print run, for `style.briefing.preset: jianbao`; ignored by the other presets."""


class Source(Model):
    """A publication the figures come from."""

    id: Id
    """Identifier that figures and cases use to cite this source."""
    title: Text
    """Title of the article or document."""
    publication: Optional[Text] = None
    """Newspaper, journal or website that carried it; none when not known."""
    authors: list[Text] = []
    """Authors as credited; empty when uncredited."""
    date: Optional[Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]] = None
    """Publication date as YYYY, YYYY-MM or YYYY-MM-DD, as precisely as it is known; none when unknown."""
    date_note: Optional[Text] = None
    """How the date is known when the source does not print it (e.g. inferred from the events it reports)."""
    file: Optional[Annotated[str, StringConstraints(pattern=r"^[^/\\]+$")]] = None
    """File name of the source's text, for checking excerpts against it (a bare name, no folders)."""
    url: Optional[Text] = None
    """Where the source can be read online; none when not known."""


class Framework(Model):
    """A set of goals or headings the themes are organised under (e.g. 八个一流, 四篇文章)."""

    id: Id
    """Identifier that themes use in their `frameworks` mapping."""
    title: Text
    """Name of the framework as the sources write it, e.g. 八个一流."""
    description: Optional[Text] = None
    """One sentence on what the framework is, in the report's own words."""
    source: Optional[Id] = None
    """Source that sets out the framework."""


class Comparison(Model):
    """How a figure compares with an earlier one, as the source reports it.

    Give a base value (由500余项增加到1000余项), a change (同比增长48%), or both.
    """

    base_period: Optional[Text] = None
    """Period compared against, e.g. 2017年; 上年同期 writes the change as 同比."""
    base_value: Optional[Number] = None
    """The earlier value, in the figure's unit; none when the source gives only the change."""
    base_qualifier: Optional[Qualifier] = None
    """Qualifier of the earlier value, as for the figure."""
    change: Optional[Number] = None
    """Reported change: negative for a fall; none when the source gives only the base value."""
    change_unit: Optional[Text] = None
    """Unit of the change: % for a rate, 个百分点 for the change of a percentage (提高1.2个百分点), otherwise a unit like the figure's (亿元); default %."""
    basis: Optional[Text] = None
    """How the source computed the change when it is not the plain ratio or difference of value and base_value, written before the change in the narrative and tables: 按可比价格计算. The check that a base_value and a change agree skips such a change."""

    @model_validator(mode="after")
    def _something_to_compare(self) -> "Comparison":
        if self.base_value is None and self.change is None:
            raise ValueError("a comparison needs base_value, change or both")
        return self


class Figure(Model):
    """One reported number: what it counts, how much, how exact, when, and where it was reported."""

    id: Id
    """Unique identifier across the whole file; templates and charts refer to the figure by it."""
    label: Text
    """What the number counts, as a short noun phrase (新增市场主体)."""
    short_label: Optional[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)]] = None
    """Shorter label for chart axes and tiles; the label is used when omitted."""
    value: Number
    """The number as printed, without qualifier or unit: 12.5 for 约12.5亿元."""
    unit: Annotated[str, StringConstraints(strip_whitespace=True, max_length=12)]
    """Unit as printed, including a magnitude word: 亿元, 万户, 项, %, or empty for a bare count."""
    qualifier: Optional[Qualifier] = None
    """约, 余, 多, 以上, 超过, 近, 左右, 以内, 不足 or 以下, as printed; none for an exact number."""
    period: Text
    """Period or as-of date the number describes, as the source states it (2022年一季度, 截至2020年底)."""
    comparison: Optional[Comparison] = None
    """How the number compares with an earlier one, when the source says."""
    source: Id
    """Source that reports the number (an id from `sources`)."""
    excerpt: Annotated[str, StringConstraints(min_length=1, max_length=19)]
    """Phrase under 20 characters copied verbatim from the source, containing the number as printed."""
    count: bool = True
    """Whether the number counts things (it must then not be negative); false for changes and balances."""
    note: Optional[Text] = None
    """Anything a reader must know to read the number right (e.g. that two sources differ)."""

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("expected a finite number")
        if abs(value) >= 1e15:
            raise ValueError("number too large to be a reported figure")
        return value

    @model_validator(mode="after")
    def _counts_are_not_negative(self) -> "Figure":
        if self.count and self.value < 0:
            raise ValueError("value: a count cannot be negative (set count: false for a change)")
        return self

    @model_validator(mode="after")
    def _base_and_change_agree(self) -> "Figure":
        comparison = self.comparison
        if comparison is None or comparison.base_value is None or comparison.change is None:
            return self
        if self.qualifier or comparison.base_qualifier or comparison.basis:
            return self  # an approximate number, or a change computed another way, is not checked
        disagreement = change_disagreement(self.value, self.unit, comparison.base_value, comparison.change, comparison.change_unit or "%")
        if disagreement:
            raise ValueError(f"comparison: {disagreement}")
        return self

    @property
    def scale_word(self) -> str:
        """Return the magnitude word the unit starts with (万 or 亿), or ''."""
        return split_unit(self.unit)[0]

    @property
    def base_unit(self) -> str:
        """Return the unit without its magnitude word: 元 for 亿元."""
        return split_unit(self.unit)[1]

    @property
    def magnitude(self) -> float:
        """Return the value in the base unit: 1.25e9 for 12.5 亿元."""
        return self.value * scale_factor(self.unit)

    @property
    def axis_label(self) -> str:
        """Return the label to use where space is short."""
        return self.short_label or self.label


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
    """Values as bars, one per period, and each figure's growth rate (`comparison.change` in %) as a line on a second axis: 2020—2024年地区生产总值及其增长速度."""
    STACKED = "stacked"
    """Shares of a whole in % as one bar split into parts (三次产业结构 10.7:39.5:49.8), one bar per period; the shares of a period add up to at most 100."""


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
    """Ids of the figures it plots, in order; every kind but grouped_bar needs them (a grouped_bar chart lists its figures in `groups`). A line, bar_line or stacked chart takes each figure's period as its category, in the order listed."""
    caption: Text
    """Sentence under the chart saying what it shows, in the report's own words."""
    series: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]], Field(max_length=4)] = []
    """grouped_bar only: names of the 2 to 4 series, in order, as the legend shows them (2017年, 2020年); the last is drawn in the accent colour."""
    groups: Annotated[list[ChartGroup], Field(max_length=6)] = []
    """grouped_bar only: the categories from left to right, each with one figure per series; at most 12 bars in all."""

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
        if self.kind in (ChartKind.BAR, ChartKind.HBAR, ChartKind.LINE, ChartKind.BAR_LINE, ChartKind.STACKED) and n < 2:
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


class Case(Model):
    """A typical case (典型案例) told in the report's own words."""

    title: Text
    """Short title of the case."""
    text: LongText
    """The story, in the report's own words (not copied from the source)."""
    source: Id
    """Source the case is drawn from."""
    figures: list[Id] = []
    """Figures the case illustrates, if any."""
    points: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]], Field(max_length=3)] = []
    """Two or three short points (at most 40 characters each) the short deck shows on the case's card, the full story going in the speaker notes; none means points taken from the story's sentences."""


class Theme(Model):
    """One section of the report: a goal or heading with its narrative, cases, figures and charts."""

    id: Id
    """Identifier; the narrative template `templates/<report name>/<id>.md.j2` is used when it exists."""
    title: Text
    """Heading of the section."""
    short_title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)]
    """Short name for overviews and slide tabs, at most 12 characters."""
    frameworks: dict[Id, Text] = {}
    """Frameworks the theme belongs to, each mapped to the theme's name in it (eight_firsts: 一流营商环境)."""
    summary: LongText
    """One paragraph on what the theme is about, in the report's own words."""
    highlights: list[Text] = []
    """Key points, one sentence each; figures may be cited as {{ fig.<id> }}."""
    cases: list[Case] = []
    """Typical cases of the theme."""
    figures: list[Figure] = []
    """Figures reported under this theme."""
    charts: list[Chart] = []
    """Charts of this theme, in the order they appear."""


class Report(Model):
    """A whole data file: the report, its sources, frameworks and themes."""

    report: ReportInfo
    """What the report is."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Every publication a figure or case cites."""
    frameworks: list[Framework] = []
    """Frameworks the themes are organised under."""
    themes: Annotated[list[Theme], Field(min_length=1)]
    """The sections of the report, in order."""
    figure_files: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]] = []
    """Spreadsheets (.xlsx or .csv, relative to the data file) holding more figures, one a row, in the layout `figures --format xlsx` writes: a `theme` column names the theme each row joins."""
    style: Style = Style()
    """Fonts and layout settings of the documents; GB/T 9704 defaults when omitted."""

    @field_validator("figure_files")
    @classmethod
    def _spreadsheets_beside_the_data(cls, entries: list[str]) -> list[str]:
        for entry in entries:
            error = figure_file_error(entry)
            if error:
                raise ValueError(error)
        if len(set(entries)) != len(entries):
            raise ValueError("a spreadsheet is named twice")
        return entries

    def all_figures(self) -> list[tuple[Theme, Figure]]:
        """Return every figure with the theme it belongs to, in file order."""
        return [(theme, figure) for theme in self.themes for figure in theme.figures]

    def figure_index(self) -> dict[str, Figure]:
        """Return figures by id."""
        return {figure.id: figure for _, figure in self.all_figures()}

    def source_index(self) -> dict[str, Source]:
        """Return sources by id."""
        return {source.id: source for source in self.sources}

    def all_charts(self) -> list[tuple[Theme, Chart]]:
        """Return every chart with its theme, in file order."""
        return [(theme, chart) for theme in self.themes for chart in theme.charts]
