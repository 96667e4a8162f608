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

from ..text.numbers import MAX_DECIMALS, shortest_decimals, PER_MILLE, PER_MILLE_POINTS, PERCENT, POINTS, TIMES
from ..text.units import scale_factor, split_unit, unit_error
from ..text.wording import RANK_UNITS
from .chart import Chart, ChartGroup, ChartKind  # noqa: F401 (re-exported: a report's charts are read with its figures)
from .style import (  # re-exported: the report's model and its style section are read together
    Style,
)
from .types import (
    Id,
    LongText,
    Model,
    Number,
    SlideTitle,
    Text,
    figure_file_error,
)
from .agreement import MULTIPLE_OF_BASE, change_disagreement

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


class Imprint(Model):
    """The 版记 of a 公文 (GB/T 9704 §7.4), printed by the gbt9704 and compact presets at the foot of the last even page.

    In 4号 of the body face between a thick rule above and one below that
    sits on the type area's last line: the 抄送 line (抄送：甲，乙。), then
    the 印发机关 one character in from the left and the 印发日期
    (2021年5月1日印发) one character in from the right (without the thin
    rule between them, which LibreOffice cannot draw in the frame that
    holds the 版记 at the foot of the page). When it cannot
    share the last page of text it has an even page of its own, after a
    blank page if need be; that page, and the blank one, carry no page
    number (§7.5). The 简报 form prints its 报尾 from `report.bulletin`
    instead.
    """

    copy_to: list[Text] = []
    """抄送机关: the bodies that get a copy, printed 抄送：甲，乙。 in this order; empty leaves the line out."""
    issued_by: Text
    """印发机关: the office that prints and sends the document (often the issuer's general office), e.g. 中共示例区委办公室."""
    issued_on: dt.date
    """印发日期 (YYYY-MM-DD), written 2021年5月1日印发 at the right of the 印发机关's line."""


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
    addressee: Optional[Text] = None
    """主送机关: the bodies the document is addressed to, printed by the gbt9704 and compact presets a line under the title block, flush left, ending with a full-width colon (GB/T 9704 §7.3.2), e.g. 各镇街党（工）委，区级各部门; none leaves it off. The 简报 form names its readers in the 报尾's 报/送/发 lines instead."""
    imprint: Optional[Imprint] = None
    """The 版记 (抄送, 印发机关 and 印发日期) at the foot of the last even page of the gbt9704 and compact presets; none leaves it off. The 简报 form prints its 报尾 instead."""
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


Decimals = Annotated[int, Field(ge=0, le=MAX_DECIMALS)]
"""A number of decimal places a number is printed with: 1 for 1.0."""

Excerpt = Annotated[str, StringConstraints(min_length=1, max_length=19)]
"""A phrase under 20 characters copied verbatim from a source."""


class FigureKind(str, Enum):
    """What a figure's value is: a level at its period, or a change."""

    LEVEL = "level"
    """An amount at its period: 地区生产总值295.4亿元 (a negative one is written as a fall, 下降18.9%)."""
    CHANGE = "change"
    """A change itself, written with its verb: 金融业增加值增长4.8%, 减少587个, 提高0.8个百分点."""


class Comparison(Model):
    """How a figure compares with an earlier one, as the source reports it.

    Give a base value (由500余项增加到1000余项), a change (同比增长48%), a
    multiple (是上年的2.4倍), or more than one. The change's unit says what
    changed and so its verb: % 增长/下降, an amount 增加/减少, 个百分点 and
    个千分点 提高/下降, 倍 增长N倍; a change of 0 is 与上年持平.
    """

    base_period: Optional[Text] = None
    """Period compared against, e.g. 2017年, written 比2017年增长…; 上年同期 writes the change as 同比."""
    base_value: Optional[Number] = None
    """The earlier value, in the figure's unit; none when the source gives only the change."""
    base_qualifier: Optional[Qualifier] = None
    """Qualifier of the earlier value, as for the figure."""
    change: Optional[Number] = None
    """Reported change: negative for a fall (−0.2 is 下降0.2%), 0 for 与上年持平; none when the source gives only the base value."""
    change_unit: Optional[Text] = None
    """Unit of the change: % for a rate (增长7.7%), 个百分点 for the change of a percentage (提高1.2个百分点), 个千分点 for the change of a rate in ‰ (下降1.52个千分点), 倍 for growth in multiples (增长1.4倍), otherwise a unit like the figure's (增加14545元); default %."""
    basis: Optional[Text] = None
    """How the source computed the change when it is not the plain ratio or difference of value and base_value, written before the change in the narrative and tables: 按可比价格计算，比上年增长7.7%. The check that a base_value and a change agree skips such a change."""
    multiple: Optional[Annotated[float, Field(strict=True, gt=0)]] = None
    """The value as a multiple of the base, when the source writes it so: 2.4 is 是上年的2.4倍."""
    growth_change: Optional[Number] = None
    """For a growth rate (a change in %): how much faster or slower it grew than in the base period, in 个百分点: −2.2 is 增长7.2%，增速比上年回落2.2个百分点; 1.5 is 增速比上年加快1.5个百分点."""
    change_decimals: Optional[Decimals] = None
    """Decimal places the change and growth_change are printed with, at least: 1 writes −1 as 下降1.0%. Read from the number as written in the file (−1.0) or from a spreadsheet cell's number format (0.0) when omitted; a number is never rounded."""
    change_excerpt: Optional[Excerpt] = None
    """Phrase under 20 characters copied verbatim from the source that prints the change (同比增长3.3%), when the sentence holding the figure's excerpt does not; `validate --sources` checks the change there."""

    @model_validator(mode="after")
    def _something_to_compare(self) -> "Comparison":
        if self.base_value is None and self.change is None and self.multiple is None:
            raise ValueError("a comparison needs base_value, change, multiple or more than one")
        unit = self.change_unit or PERCENT
        if unit == TIMES and self.change is not None and self.change < 0:
            raise ValueError("change: a multiple cannot fall (降低N倍 is wrong): give the fall in % with change_unit: %")
        if self.growth_change is not None and (self.change is None or unit != PERCENT):
            raise ValueError("growth_change: only a growth rate (a change in %) has a growth of its own (增速比上年回落2.2个百分点)")
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
    """Anything a reader must know to read the number right (e.g. that two sources differ), printed as a note under the chart or table that shows the figure and in the speaker notes."""
    as_printed: bool = False
    """The written form breaks a bulletin's usage the way its source printed it (61余份: 余 after a number that is not round) and is kept so on purpose, its `note` telling the reader. Without it, `validate` and `build` warn about the form (stat.approx-yu); with it, the form is printed as the source has it and not reported."""
    kind: FigureKind = FigureKind.LEVEL
    """What the value is: level (an amount at its period: 295.4亿元) or change (a change itself, written with its verb: a growth rate 4.8 in % is 金融业增加值增长4.8%, −587 in 个 is 减少587个). A change may be negative; its comparison in 个百分点 is the growth rate's own change (增速比上年回落2.2个百分点)."""
    value_basis: Optional[Text] = None
    """How the value is computed, when the source says so: written before the figure, 按常住人口计算，人均地区生产总值91243元."""
    decimals: Optional[Decimals] = None
    """Decimal places the value and base value are printed with, at least: 1 writes −1 as 下降1.0% and 20 as 20.0%. Read from the number as written in the file (1.0) or from a spreadsheet cell's number format (0.0) when omitted; a number is never rounded."""
    against: Optional[Text] = None
    """The area or average the value is a difference from: 5.7 in 个百分点 against 全市平均水平 is written 高于全市平均水平5.7个百分点, a negative value 低于…, 0 与全市平均水平持平."""
    among: Optional[Text] = None
    """The group the figure ranks in: the value is then its place, in 位 or 名, written 居六区两县第1位."""

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("expected a finite number")
        if abs(value) >= 1e15:
            raise ValueError("number too large to be a reported figure")
        return value

    @field_validator("unit")
    @classmethod
    def _unit_as_printed(cls, unit: str) -> str:
        error = unit_error(unit)
        if error:
            raise ValueError(error)
        return unit

    @model_validator(mode="after")
    def _counts_are_not_negative(self) -> "Figure":
        if self.count and self.value < 0 and self.kind is FigureKind.LEVEL and self.against is None:
            raise ValueError("value: a count cannot be negative (set count: false for a change)")
        return self

    @model_validator(mode="after")
    def _one_reading(self) -> "Figure":
        if self.against is not None and self.among is not None:
            raise ValueError("among: a figure is a difference from another area (against) or a rank (among), not both")
        if (self.against is not None or self.among is not None) and self.kind is FigureKind.CHANGE:
            raise ValueError(f"{'against' if self.against is not None else 'among'}: a difference or a rank is not a change; leave out kind")
        if self.among is not None:
            if self.unit not in RANK_UNITS:
                raise ValueError(f"unit: a rank (among) is counted in {' or '.join(RANK_UNITS)}, not '{self.unit}'")
            if self.value < 1 or not float(self.value).is_integer():
                raise ValueError("value: a rank is a whole number from 1 (第1位)")
            if self.comparison is not None:
                raise ValueError("comparison: a rank takes no comparison; give the earlier rank as a figure of its own")
        comparison = self.comparison
        unit = (comparison.change_unit or PERCENT) if comparison else None
        if self.kind is FigureKind.CHANGE and comparison is not None and comparison.change is not None and unit not in (POINTS, PER_MILLE_POINTS):
            raise ValueError(
                "comparison: a change's own change is in 个百分点 (增速比上年回落2.2个百分点) or 个千分点, "
                f"not '{unit}'"
            )
        if unit == PER_MILLE_POINTS and self.unit != PER_MILLE:
            raise ValueError(f"comparison: a change in 个千分点 is of a rate in ‰, but the unit is '{self.unit}'")
        return self

    @model_validator(mode="after")
    def _base_and_change_agree(self) -> "Figure":
        comparison = self.comparison
        if comparison is None or comparison.base_value is None:
            return self
        if self.qualifier or comparison.base_qualifier or comparison.basis:
            return self  # an approximate number, or a change computed another way, is not checked
        stated = [(comparison.change, comparison.change_unit or PERCENT)] if comparison.change is not None else []
        if comparison.multiple is not None:
            stated.append((comparison.multiple, MULTIPLE_OF_BASE))
        for change, unit in stated:
            disagreement = change_disagreement(self.value, self.unit, comparison.base_value, change, unit)
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


MAX_STRUCTURE_PARTS = 4
"""Most parts a structure divides a whole into: the fills a stacked chart keeps apart in greyscale."""


def shares_make_whole(shares: list[float], decimals: Optional[int] = None) -> bool:
    """Say whether shares in % add up to 100 within what rounding the printed numbers explains (33.3 + 33.3 + 33.3)."""
    slack = sum(0.5 * 10 ** -max(shortest_decimals(share), decimals or 0) for share in shares)
    return abs(sum(shares) - 100) <= slack + 1e-9


class StructurePeriod(Model):
    """The shares of a structure in one period, as the source prints them."""

    period: Text
    """Period the shares describe, as the source states it (2022年)."""
    shares: Annotated[list[Annotated[float, Field(strict=True, ge=0, le=100)]], Field(min_length=2, max_length=MAX_STRUCTURE_PARTS)]
    """The shares in %, one for each part, in the parts' order; they add up to 100 within the rounding of the printed numbers."""
    excerpt: Excerpt
    """Phrase under 20 characters copied verbatim from the source, holding the shares as printed (8.3:71.1:20.6)."""


class Structure(Model):
    """Shares of a whole (三次产业结构, 城乡结构) in one or two periods, declared once.

    Written 三次产业结构为8.3:71.1:20.6 for one period and
    三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6 for two; a stacked chart
    that lists the structure's id draws a bar a period, split into the parts.
    """

    id: Id
    """Unique identifier across the file's figures and structures; a stacked chart lists it in `figures` to draw it."""
    label: Text
    """What the shares divide, as the source names it: 三次产业结构."""
    parts: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)]], Field(min_length=2, max_length=MAX_STRUCTURE_PARTS)]
    """Names of the parts, in the order the shares are printed: [第一产业, 第二产业, 第三产业]."""
    periods: Annotated[list[StructurePeriod], Field(min_length=1, max_length=2)]
    """One period (为8.3:71.1:20.6) or two, earlier first (由9.4:66.8:23.8调整为8.3:71.1:20.6)."""
    source: Id
    """Source that reports the shares (an id from `sources`)."""
    decimals: Optional[Decimals] = None
    """Decimal places every share is printed with, at least (1 writes 20 as 20.0); read from the shares as written when omitted."""
    note: Optional[Text] = None
    """Anything a reader must know to read the shares right, printed as a note."""

    @model_validator(mode="after")
    def _shares_make_a_whole(self) -> "Structure":
        seen: set[str] = set()
        for index, period in enumerate(self.periods):
            if len(period.shares) != len(self.parts):
                raise ValueError(f"periods: {period.period} gives {len(period.shares)} shares for {len(self.parts)} parts; give one share a part")
            if period.period in seen:
                raise ValueError(f"periods: {period.period} is given twice")
            seen.add(period.period)
            if not shares_make_whole(period.shares, self.decimals):
                total = f"{sum(period.shares):.6f}".rstrip("0").rstrip(".")
                raise ValueError(f"periods: the shares of {period.period} add up to {total}%, not 100% within the rounding of the printed numbers")
        if len(set(self.parts)) != len(self.parts):
            raise ValueError("parts: a part is named twice")
        return self

    @property
    def period(self) -> str:
        """Return the period the structure ends in: its latest."""
        return self.periods[-1].period

    def share_figures(self) -> list["Figure"]:
        """Return each share as a figure of its part and period, as a stacked chart draws them (ids `<id>[period][part]`)."""
        return [
            Figure.model_construct(
                id=f"{self.id}[{p}][{k}]", label=f"{part}比重", short_label=part, value=share, unit=PERCENT, qualifier=None,
                period=period.period, comparison=None, source=self.source, excerpt=period.excerpt, count=True, note=None,
                kind=FigureKind.LEVEL, value_basis=None, decimals=self.decimals, against=None, among=None,
            )
            for p, period in enumerate(self.periods)
            for k, (part, share) in enumerate(zip(self.parts, period.shares))
        ]


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
    slide_title: Optional[SlideTitle] = None
    """Title of the deck's slide that leads with the case, stating its point in at most 40 characters; none: the case's title (several cases on a slide are named together, or the first with how many there are)."""


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
    structures: list[Structure] = []
    """Structures of this theme: shares of a whole in one or two periods (三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6)."""
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

    def all_structures(self) -> list[tuple[Theme, Structure]]:
        """Return every structure with the theme it belongs to, in file order."""
        return [(theme, structure) for theme in self.themes for structure in theme.structures]

    def structure_index(self) -> dict[str, Structure]:
        """Return structures by id."""
        return {structure.id: structure for _, structure in self.all_structures()}

    def chart_figure_index(self) -> dict[str, list[Figure]]:
        """Return what each id a chart may list draws: a figure itself, or a structure's share figures."""
        index = {figure_id: [figure] for figure_id, figure in self.figure_index().items()}
        index.update({structure_id: structure.share_figures() for structure_id, structure in self.structure_index().items()})
        return index

    def source_index(self) -> dict[str, Source]:
        """Return sources by id."""
        return {source.id: source for source in self.sources}

    def all_charts(self) -> list[tuple[Theme, Chart]]:
        """Return every chart with its theme, in file order."""
        return [(theme, chart) for theme in self.themes for chart in theme.charts]
