"""The typed model of a report: what a data file may say, field by field.

The docstring under each field is the reference of the data format; the
README's data-format section is generated from them (`report_gen.data.reference`).
The model knows nothing of YAML, Word or PowerPoint.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import Enum
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ..text.units import scale_factor, split_unit

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""An identifier: lower-case ASCII letters, digits and underscores, starting with a letter."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
"""A non-empty piece of text, at most 2000 characters."""

LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
"""A non-empty passage of narrative, at most 20000 characters."""

Number = Annotated[float, Field(strict=True)]
"""A number written as a YAML number (12.5, 500), never as text ('12.5亿' is an error)."""

FONT_FILE_ENDINGS = (".ttf", ".otf", ".ttc", ".otc")
"""File endings that mark an entry of a font list as a file rather than a family name."""



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


class Model(BaseModel):
    """Base of every part of the data file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


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
    """Unit of the change: % for a rate, otherwise a unit like the figure's (亿元); default %."""

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
    """约, 余, 多, 以上, 超过 or 近, as printed; none for an exact number."""
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
    """Key-figure tiles: each figure as a large number with its label."""
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


class BriefingFonts(Model):
    """Typefaces of the Word briefing by role, as written into the document (GB/T 9704 by default).

    A document cannot carry a fallback list: name the fonts the readers' machines have
    (many offices: 仿宋_GB2312, 楷体_GB2312, 方正小标宋简体; stock Windows: 仿宋, 楷体, 宋体).
    """

    title: Text = "方正小标宋简体"
    """The document title (小标宋)."""
    body: Text = "仿宋_GB2312"
    """Body text, tables and the sources list (仿宋)."""
    heading1: Text = "黑体"
    """Level-1 headings `一、` and table header rows (黑体)."""
    heading2: Text = "楷体_GB2312"
    """Level-2 headings `（一）`, captions and the subtitle (楷体)."""
    heading3: Optional[Text] = None
    """Level-3 headings `1.`: the titles of typical cases (仿宋); none means the body font."""
    page_number: Text = "宋体"
    """The page number in the footer (宋体)."""
    latin: Text = "Times New Roman"
    """Latin letters and digits everywhere."""


class DeckFonts(Model):
    """Typefaces written into the deck: Latin text uses `latin`, Chinese text `east_asian`."""

    latin: Text = "Arial"
    """Font for Latin letters and digits."""
    east_asian: Text = "微软雅黑"
    """Font for Chinese characters (Microsoft YaHei); written as the theme's East Asian font too."""


class BriefingPreset(str, Enum):
    """Page layouts of the Word briefing."""

    GBT9704 = "gbt9704"
    """GB/T 9704-2012: A4, margins 37 mm top and 28 mm left, 3号 (16 pt) text, 22 lines of 28 characters."""
    COMPACT = "compact"
    """The same type hierarchy on a denser page, for drafts and reading on screen: 四号 (14 pt) text, 28 lines of 32 characters."""


class BriefingStyle(Model):
    """How the Word briefing looks."""

    fonts: BriefingFonts = BriefingFonts()
    """Font names by role."""
    preset: BriefingPreset = BriefingPreset.GBT9704
    """Page layout: gbt9704 or compact."""
    toc: Optional[bool] = None
    """Table of contents on the first page, after the title: true always, false never; none (the default) when the briefing is estimated to run to more than `toc_above_pages` pages."""
    toc_above_pages: Annotated[int, Field(ge=1, le=999)] = 10
    """Estimated length in pages above which a table of contents is added when `toc` is none: a reader finds a section in ten pages (five sheets printed on both sides) by leafing through."""
    toc_levels: Annotated[int, Field(ge=1, le=2)] = 1
    """Heading levels the table of contents lists: 1 (一、…) or 2 (also （一）…)."""
    charts: Literal["image", "native"] = "image"
    """How charts are put in the briefing: image (a picture) or native (a Word chart whose data is in an embedded workbook, editable in Word; key-figure tiles stay pictures); `build --charts` overrides it."""


class DeckStyle(Model):
    """How the PowerPoint deck looks."""

    fonts: DeckFonts = DeckFonts()
    """Font names for Latin and Chinese text. With a `template`, the template's theme fonts are used unless this is given."""
    charts: Literal["image", "native"] = "image"
    """How charts are drawn: image (a picture, as in the briefing) or native (a PowerPoint chart holding the figures' values, editable in PowerPoint); `build --charts` overrides it."""
    template: Optional[Text] = None
    """An organisation's .pptx template (relative to the data file) whose layouts and theme the deck uses; none means report_gen's own design. `build --pptx-template` overrides it."""
    layouts: dict[Literal["title", "content", "closing"], Text] = {}
    """Names of the template's layouts to use for the title slide, content slides and the closing slide; a kind left out is matched by layout name (Title Slide / 标题幻灯片, Title Only / 仅标题) or by placeholder type."""
    closing: Text = "谢谢"
    """Text of the closing slide, over the issuer and the date."""


class ChartStyle(Model):
    """How the charts are drawn: the font, chosen from an explicit list."""

    fonts: Annotated[list[Text], Field(min_length=1)] = [
        "Noto Sans CJK SC",
        "Noto Serif CJK SC",
        "Source Han Sans SC",
        "Source Han Sans CN",
        "WenQuanYi Micro Hei",
        "WenQuanYi Zen Hei",
        "Microsoft YaHei",
        "SimHei",
        "PingFang SC",
        "Heiti SC",
        "Droid Sans Fallback",
    ]
    """Fonts to draw every chart with, best first: installed family names or font files (.ttf, .otf, .ttc; relative to the data file). The first one found that has Chinese glyphs is used; `--font` or REPORT_GEN_FONT overrides the list, and `--verbose` prints the font used."""

    @field_validator("fonts")
    @classmethod
    def _files_stay_in_the_data_folder(cls, entries: list[str]) -> list[str]:
        for entry in entries:
            looks_like_file = "/" in entry or "\\" in entry or entry.lower().endswith(FONT_FILE_ENDINGS)
            parts = re.split(r"[/\\]", entry)
            if looks_like_file and (entry.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", entry) or ".." in parts):
                raise ValueError(
                    f"font file '{entry}' is outside the data file's folder; put the font beside the data file, "
                    "name an installed font by its family, or pass the file with --font or REPORT_GEN_FONT"
                )
        return entries


class Style(Model):
    """Settings of the documents' look; every field has a default, so the section is optional."""

    briefing: BriefingStyle = BriefingStyle()
    """Settings of the Word briefing."""
    deck: DeckStyle = DeckStyle()
    """Settings of the PowerPoint deck."""
    charts: ChartStyle = ChartStyle()
    """Settings of the charts."""


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
    style: Style = Style()
    """Fonts and layout settings of the documents; GB/T 9704 defaults when omitted."""

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
