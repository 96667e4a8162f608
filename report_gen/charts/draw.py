"""Chart spec → matplotlib Figure → PNG bytes, at the size the chart is placed at.

Knows nothing of Word or PowerPoint. Uses the Agg canvas and matplotlib's object
API only (no pyplot, no global rcParams): rendering is the same whatever else the
process does with matplotlib, and the same data gives the same bytes.

Each chart is drawn afresh for each placement (the briefing's text width, the
slide's picture area), so text is drawn at the point size it is read at.
"""

from __future__ import annotations

import contextlib
import io
import math
from dataclasses import dataclass
from typing import Any, Callable, Iterator, NamedTuple, Optional

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyArrowPatch, Rectangle, Wedge
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from ..text import numbers
from ..fonts.chart_font import CjkFont, require_glyphs
from ..data.model import Chart, ChartKind, Figure, Report
from ..text.units import rescale
from ..design import GRID_GREY, MID_GREY, MUTED_TEXT, PALE_GREY, RED, SERIES_STYLES, TEXT, TILE_GREY
from ..text.fit import tokens as break_tokens

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0


@dataclass(frozen=True)
class Placement:
    """The size a chart is placed at, and the body text size around it."""

    name: str
    """Name of the placement, for messages and file names."""
    width_mm: float
    """Width of the picture as placed, in millimetres."""
    height_mm: float
    """Height of the picture as placed, in millimetres."""
    dpi: int
    """Pixels per inch at the placed size."""
    base_font_pt: float
    """Point size of ordinary chart text (axis labels); other text is sized relative to it."""

    @property
    def width_px(self) -> int:
        """Return the image width in pixels: width_mm / 25.4 * dpi, rounded down."""
        return int(self.width_mm / MM_PER_INCH * self.dpi)

    @property
    def height_px(self) -> int:
        """Return the image height in pixels: height_mm / 25.4 * dpi, rounded down."""
        return int(self.height_mm / MM_PER_INCH * self.dpi)


BRIEFING = Placement("briefing", 156, 96, 300, 10.5)
"""The full text width of a GB/T 9704 A4 page (156 mm), at print resolution, with 五号 text."""

SLIDE = Placement("slide", 220, 124, 200, 16)
"""A 16:9 slide's picture area below the title; 200 dpi is ample for projection."""


@dataclass(frozen=True)
class RenderedChart:
    """A chart drawn for one placement."""

    chart_id: str
    """Id of the chart in the data file."""
    png: bytes
    """The PNG image, exactly width_mm × height_mm at dpi."""
    width_mm: float
    """Width to place the image at, in millimetres."""
    height_mm: float
    """Height to place the image at, in millimetres."""
    dpi: int
    """Resolution the image was drawn at."""
    alt_text: str
    """One or two Chinese sentences saying what the chart shows, with its numbers written out."""
    svg: Optional[bytes] = None
    """The same drawing as SVG (text drawn as outlines, so it needs no font to view); None unless asked for."""


MAX_TILES = 6
"""Most figures a tile chart lays out (two rows of three)."""

KIND_NAMES = {
    ChartKind.BAR: "柱状图",
    ChartKind.HBAR: "条形图",
    ChartKind.BEFORE_AFTER: "对比图",
    ChartKind.PROGRESS: "进度图",
    ChartKind.TILE: "关键数字",
    ChartKind.GROUPED_BAR: "分组柱状图",
}
"""What each kind of chart is called at the start of its alt text."""


def render_charts(report: Report, font: CjkFont, placement: Placement, svg: bool = False) -> dict[str, RenderedChart]:
    """Render every chart of every theme for one placement, by chart id in file order; with svg, SVG too."""
    return {chart.id: render_chart(chart, report, font, placement, svg) for _, chart in report.all_charts()}


def render_chart(chart: Chart, report: Report, font: CjkFont, placement: Placement, svg: bool = False) -> RenderedChart:
    """Draw one chart at a placement and return it as PNG bytes (and SVG bytes with svg) with its alt text.

    The image is the placement's size, except that a single row of key-figure
    tiles is only as tall as it needs (height_mm says how tall). The files hold
    no dates or random ids, so the same chart gives the same bytes.
    Raise ValueError when the chart's figures do not fit its kind (mixed units,
    no base value to compare with) and FontError when the font lacks a character.
    """
    with _drawn(chart, report, font, placement) as canvas:
        buffer = io.BytesIO()
        canvas.fig.savefig(buffer, format="png", dpi=placement.dpi, facecolor="white", metadata={"Software": None})
        vector = None
        if svg:
            svg_buffer = io.BytesIO()
            canvas.fig.savefig(svg_buffer, format="svg", facecolor="white", metadata={"Date": None})
            vector = svg_buffer.getvalue()
    return RenderedChart(
        chart_id=chart.id,
        png=buffer.getvalue(),
        width_mm=placement.width_mm,
        height_mm=canvas.height_mm,
        dpi=placement.dpi,
        alt_text=alt_text(chart, report),
        svg=vector,
    )


@contextlib.contextmanager
def _drawn(chart: Chart, report: Report, font: CjkFont, placement: Placement) -> Iterator["_Canvas"]:
    """Draw a chart and yield its canvas, with the chart's rcParams in force until the caller is done."""
    figures = _chart_figures(chart, report)
    draw = _DRAWERS[chart.kind]
    with matplotlib.rc_context({**_RC, "font.family": [font.family], "font.size": placement.base_font_pt}):
        canvas = _Canvas(chart, font, placement)
        sources = _source_line(chart, figures, report)
        canvas.check(sources, "source line")
        draw(canvas, figures, sources)
        if canvas.wanted_height_mm is not None and canvas.wanted_height_mm < canvas.height_mm:
            # Drawn again rather than cropped, so the layout is measured on the final size.
            canvas = _Canvas(chart, font, placement, canvas.wanted_height_mm)
            draw(canvas, figures, sources)
        yield canvas


def alt_text(chart: Chart, report: Report) -> str:
    """Say in Chinese what a chart shows, with every number written as the report writes it."""
    figures = _chart_figures(chart, report)
    lead = f"{KIND_NAMES[chart.kind]}：{_sentence(chart.title)}"
    if chart.kind is ChartKind.GROUPED_BAR:
        body = _grouped_sentence(chart, figures)
    elif chart.kind is ChartKind.BEFORE_AFTER:
        body = _before_after_sentence(chart, figures)
    elif chart.kind is ChartKind.PROGRESS:
        body = _progress_sentence(chart, figures)
    else:
        body = "，".join(f"{f.label}{numbers.write_figure(f)}" for f in figures) + "。"
    return lead + body


# --- rendering context -------------------------------------------------------

_RC = {
    "axes.unicode_minus": False,
    "text.usetex": False,
    "text.color": TEXT,
    "axes.edgecolor": MUTED_TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": MUTED_TEXT,
    "ytick.color": MUTED_TEXT,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "report_gen",
    "hatch.linewidth": 1.2,
}
"""The rcParams a chart depends on, set only for the duration of a render."""


class _Canvas:
    """A figure at the placement's exact size, with text measured in the chart font."""

    def __init__(self, chart: Chart, font: CjkFont, placement: Placement, height_mm: Optional[float] = None):
        self.chart = chart
        self.font = font
        self.placement = placement
        self.height_mm = placement.height_mm if height_mm is None else height_mm
        self.wanted_height_mm: Optional[float] = None
        """Set by a drawer whose content needs less than the placement's height."""
        self.fig = MplFigure(
            figsize=(placement.width_mm / MM_PER_INCH, self.height_mm / MM_PER_INCH),
            dpi=placement.dpi,
            facecolor="white",
        )
        self.canvas = FigureCanvasAgg(self.fig)
        self.renderer = self.canvas.get_renderer()
        self.width = self.fig.bbox.width
        self.height = self.fig.bbox.height
        self.margin = self.mm(3)
        self._extents: dict[tuple[str, float], tuple[float, float]] = {}
        """Measured text sizes: wrapping measures the same pieces many times."""

    # sizes

    def pt(self, scale: float = 1.0) -> float:
        """Return a font size relative to the placement's base size, in points."""
        return self.placement.base_font_pt * scale

    def mm(self, millimetres: float) -> float:
        """Return a length in pixels."""
        return millimetres / MM_PER_INCH * self.placement.dpi

    def pt_px(self, points: float) -> float:
        """Return a length given in points, in pixels."""
        return points / PT_PER_INCH * self.placement.dpi

    def props(self, size: float) -> FontProperties:
        """Return the chart font at a size in points."""
        return FontProperties(family=[self.font.family], size=size)

    # text

    def check(self, text: str, role: str) -> None:
        """Raise FontError unless the font draws every character of a string about to be drawn."""
        require_glyphs(text, self.font, f"chart '{self.chart.id}' {role} '{text}'")

    def extent(self, text: str, size: float) -> tuple[float, float]:
        """Return the width and height in pixels that text (possibly several lines) takes."""
        if not text:
            return 0.0, 0.0
        key = (text, size)
        if key not in self._extents:
            artist = Text(0, 0, _plain(text), fontproperties=self.props(size), linespacing=LINESPACING)
            artist.set_figure(self.fig)
            box = artist.get_window_extent(self.renderer)
            self._extents[key] = (box.width, box.height)
        return self._extents[key]

    def wrap(self, text: str, max_width: float, size: float) -> str:
        """Break text into balanced lines no wider than max_width pixels, never inside a number or word.

        The fewest lines that fit are used, and then the narrowest width that
        still needs no more of them, so a label breaks 党史学习/教育宣讲 rather
        than 党史学习教育宣/讲.
        """
        tokens = break_tokens(text)
        lines = self._greedy(tokens, max_width, size)
        if len(lines) < 2:
            return "\n".join(lines)
        low, high = max_width / len(lines) * 0.8, max_width
        for _ in range(10):
            middle = (low + high) / 2
            if len(self._greedy(tokens, middle, size)) <= len(lines):
                high = middle
            else:
                low = middle
        return "\n".join(self._greedy(tokens, high, size))

    def _greedy(self, tokens: list[str], max_width: float, size: float) -> list[str]:
        lines: list[str] = []
        line = ""
        for token in tokens:
            candidate = line + token
            if line and self.extent(candidate.rstrip(), size)[0] > max_width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def fit(self, text: str, max_width: float, size: float, smallest: float) -> float:
        """Return the largest size from size down to smallest at which text fits max_width (else smallest)."""
        while size > smallest and self.extent(text, size)[0] > max_width:
            size = max(smallest, size * 0.94)
        return size

    def text(self, x: float, y: float, text: str, size: float, **kwargs) -> Text:
        """Draw text at a position in figure pixels."""
        return self.fig.text(
            x / self.width,
            y / self.height,
            _plain(text),
            fontproperties=self.props(size),
            linespacing=LINESPACING,
            **kwargs,
        )

    def frac(self, left: float, bottom: float, width: float, height: float) -> list[float]:
        """Return a rectangle in figure pixels as figure fractions."""
        return [left / self.width, bottom / self.height, width / self.width, height / self.height]

    # parts every chart has

    def draw_source_line(self, sources: str) -> float:
        """Draw 资料来源 at the bottom left, wrapped to the width; return the height it takes, margins included."""
        size = self.pt(0.75)
        wrapped = self.wrap(sources, self.width - 2 * self.margin, size)
        self.text(self.margin, self.margin * 0.8, wrapped, size, ha="left", va="bottom", color=MUTED_TEXT)
        return self.extent(wrapped, size)[1] + self.margin * 1.8

    def layout_above(self, band: float) -> None:
        """Lay the axes out with constrained layout in the area above a band at the bottom."""
        pad = self.margin / self.placement.dpi
        self.fig.set_layout_engine(
            "constrained", rect=(0, band / self.height, 1, 1 - band / self.height), w_pad=pad, h_pad=pad / 2
        )

    def relayout(self) -> None:
        """Run the layout now, so axes positions can be measured."""
        self.fig.get_layout_engine().execute(self.fig)

    def axes_box(self, ax) -> tuple[float, float]:
        """Return the width and height of an axes in pixels, as currently laid out."""
        box = ax.get_position()
        return box.width * self.width, box.height * self.height


LINESPACING = 1.25
"""Line spacing of wrapped text, as a multiple of the font size."""


def _plain(text: str) -> str:
    """Escape dollar signs so matplotlib draws text as written, never as mathtext."""
    return text.replace("$", r"\$")


# --- the figures of a chart -------------------------------------------------


def _chart_figures(chart: Chart, report: Report) -> list[Figure]:
    index = report.figure_index()
    ids = chart.plotted_ids()
    unknown = [figure_id for figure_id in ids if figure_id not in index]
    if unknown:
        raise ValueError(f"chart '{chart.id}' names figure '{unknown[0]}', which the file does not define")
    return [index[figure_id] for figure_id in ids]


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


def _plotted(figures: list[Figure]) -> list[float]:
    """Return the values to draw: as printed when the units match exactly, else in the base unit (2.5万户 → 25000)."""
    if all(f.unit == figures[0].unit for f in figures):
        return [f.value for f in figures]
    return [f.magnitude for f in figures]


def _source_line(chart: Chart, figures: list[Figure], report: Report) -> str:
    index = report.source_index()
    titles: list[str] = []
    for figure in figures:
        if figure.source not in index:
            raise ValueError(f"chart '{chart.id}': figure '{figure.id}' cites source '{figure.source}', which the file does not define")
        title = index[figure.source].title
        if not title.startswith("《"):
            title = f"《{title}》"
        if title not in titles:
            titles.append(title)
    return "资料来源：" + "；".join(titles)


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
        written = [numbers.write_base(figure), numbers.write_figure(figure)]
        change = numbers.write_change(comparison)
        return labels, values, written, change
    earlier, later = figures
    require_one_unit(chart, figures)
    if earlier.period != later.period:
        labels = [earlier.period, later.period]
    else:
        labels = [earlier.axis_label, later.axis_label]
    change = numbers.write_change(later.comparison) if later.comparison else None
    return labels, _plotted(figures), [numbers.write_figure(earlier), numbers.write_figure(later)], change


def _before_after_sentence(chart: Chart, figures: list[Figure]) -> str:
    labels, _, written, change = before_after_bars(chart, figures)
    if len(figures) == 1:
        return f"{figures[0].label}{numbers.write_comparison(figures[0])}。"
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
        return figure.value / 100, numbers.write_figure(figure), None, figure
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
    return f"{whole.label}{numbers.write_figure(whole)}，{part.label}{numbers.write_figure(part)}，{share}。"


# --- drawing ---------------------------------------------------------------


def _style_value_axes(ax, value_axis: str) -> None:
    """Clean axes: no frame but the baseline, light gridlines along the value axis."""
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom" if value_axis == "y" else "left"].set_visible(True)
    ax.spines["bottom" if value_axis == "y" else "left"].set_linewidth(0.8)
    ax.set_axisbelow(True)
    ax.grid(True, axis=value_axis, color=GRID_GREY, linewidth=0.6)
    ax.grid(False, axis="x" if value_axis == "y" else "y")
    ax.tick_params(length=0, pad=4)


def _value_ticks(canvas: _Canvas, values: list[float], low: float, high: float) -> tuple[list[float], list[str]]:
    """Return nice ticks between low and high, written without separators, each checked against the font."""
    integer = all(float(v).is_integer() for v in values)
    locator = MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10], integer=integer)
    ticks = [t for t in locator.tick_values(low, high) if low - 1e-9 <= t <= high + 1e-9]
    labels = [numbers.write_number(round(t, 6)) for t in ticks]
    for label in labels:
        canvas.check(label, "axis tick")
    return ticks, labels


def _headroom(low: float, high: float, need_px: float, axis_px: float) -> float:
    """Return a new high so that need_px pixels of the axis lie above the old high."""
    ratio = min(need_px / max(axis_px, 1.0), 0.45)
    return (high - ratio * low) / (1 - ratio)


def _footroom(low: float, high: float, need_px: float, axis_px: float) -> float:
    """Return a new low so that need_px pixels of the axis lie below the old low."""
    ratio = min(need_px / max(axis_px, 1.0), 0.45)
    return (low - ratio * high) / (1 - ratio)


def _draw_bar(canvas: _Canvas, figures: list[Figure], sources: str) -> None:
    _draw_columns(canvas, [f.axis_label for f in figures], [[f] for f in figures], [], sources)


def _draw_grouped_bar(canvas: _Canvas, figures: list[Figure], sources: str) -> None:
    chart = canvas.chart
    width = len(chart.series)
    rows = [figures[i:i + width] for i in range(0, len(figures), width)]
    _draw_columns(canvas, [group.label for group in chart.groups], rows, list(chart.series), sources)


def _grouped_sentence(chart: Chart, figures: list[Figure]) -> str:
    width = len(chart.series)
    parts = []
    for index, group in enumerate(chart.groups):
        row = figures[index * width:(index + 1) * width]
        parts.append(group.label + "、".join(f"{name}{numbers.write_figure(f)}" for name, f in zip(chart.series, row)))
    return "；".join(parts) + "。"


class _BarAxes(NamedTuple):
    """What a bar chart draws on, prepared by _bar_axes."""

    ax: Any
    values: list[float]
    """The values to plot, in the axis's unit."""
    written: list[str]
    """Each figure as written (500余项)."""
    unit_note: str
    """单位：… above the axis, or '' when the figures have no unit."""
    band: float
    """Height the source line takes at the bottom, margins included."""


def _bar_axes(canvas: _Canvas, figures: list[Figure], labels: list[str], series: list[str], sources: str, value_axis: str) -> _BarAxes:
    """Check every string a bar chart draws, lay out the axes above the source line, and note the unit."""
    axis = axis_values(canvas.chart, figures)
    values, unit_note = axis.values, axis.note
    written = [numbers.write_figure(f) for f in figures]
    for label in labels:
        canvas.check(label, "label")
    for name in series:
        canvas.check(name, "series")
    for text in written:
        canvas.check(text, "value")
    canvas.check(unit_note, "unit")

    band = canvas.draw_source_line(sources)
    canvas.layout_above(band)
    ax = canvas.fig.add_subplot()
    _style_value_axes(ax, value_axis)
    ax.tick_params(labelsize=canvas.pt(0.85))
    if unit_note:
        ax.set_title(_plain(unit_note), loc="left", fontproperties=canvas.props(canvas.pt(0.8)), color=MUTED_TEXT, pad=canvas.pt(0.6))
    return _BarAxes(ax, values, written, unit_note, band)


def _draw_columns(canvas: _Canvas, categories: list[str], rows: list[list[Figure]], series: list[str], sources: str) -> None:
    """Draw vertical bars: one group per category, one bar per series in it (a plain bar chart has one series)."""
    figures = [figure for row in rows for figure in row]
    ax, values, written, unit_note, _ = _bar_axes(canvas, figures, categories, series, sources, "y")
    n = len(categories)
    per_group = len(rows[0])
    styles = SERIES_STYLES[per_group]
    group_width = 0.58 if per_group == 1 else 0.8
    pitch = group_width / per_group
    bar_width = pitch if per_group == 1 else pitch * 0.9
    centres = [[g - group_width / 2 + pitch * (s + 0.5) for s in range(per_group)] for g in range(n)]
    label_size = canvas.pt(1.0)
    value_size = canvas.pt(0.95)

    for s, style in enumerate(styles):
        ax.bar(
            [centres[g][s] for g in range(n)],
            [values[g * per_group + s] for g in range(n)],
            width=bar_width,
            color=style.face,
            hatch=style.hatch,
            hatchcolor=style.hatch_colour,
            edgecolor=style.edge or "none",
            linewidth=0.6 if style.edge else 0,
            label=_plain(series[s]) if series else None,
            zorder=2,
        )
    ax.set_xlim(-0.6, n - 0.4)
    positions = list(range(n))
    ax.set_xticks(positions, [_plain(label) for label in categories])
    low0 = min(0.0, min(values))
    high0 = max(0.0, max(values))
    if high0 == low0:
        high0 = 1.0
    ticks, tick_labels = _value_ticks(canvas, values, low0, high0)
    ax.set_yticks(ticks, tick_labels)
    ax.set_ylim(low0, high0)
    if series:
        _legend(canvas, ax, unit_note)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    unit_w = axis_w / (n + 0.2)
    slot = unit_w * 0.92
    # Category labels: wrapped to the group's slot; smaller type only when a label would need many lines.
    size = label_size
    while True:
        wrapped = [canvas.wrap(label, slot, size) for label in categories]
        if max(w.count("\n") for w in wrapped) < 4 or size <= canvas.pt(0.75):
            break
        size *= 0.92
    ax.set_xticks(positions, [_plain(w) for w in wrapped])
    ax.tick_params(axis="x", labelsize=size, labelcolor=TEXT)
    for tick in ax.get_xticklabels():
        tick.set_linespacing(LINESPACING)
    # Value labels: one line if it fits above the bar at a readable size, else number over unit.
    # A lone bar's label may use its whole slot; in a group, only the bar's own width.
    room = unit_w * 0.97 if per_group == 1 else bar_width * unit_w
    vsize = min(canvas.fit(text, room, min(value_size, size), canvas.pt(0.7)) for text in written)
    shown = [text if canvas.extent(text, vsize)[0] <= room else canvas.wrap(text, room, vsize) for text in written]
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    need = max(canvas.extent(text, vsize)[1] for text in shown) + canvas.pt_px(6)
    high = _headroom(low0, high0, need, axis_h) if high0 > 0 else high0
    low = _footroom(low0, high, need, axis_h) if low0 < 0 else low0
    ticks, tick_labels = _value_ticks(canvas, values, low, high)
    ax.set_yticks(ticks, tick_labels)
    ax.set_ylim(low, high)
    for index, (value, text) in enumerate(zip(values, shown)):
        ax.annotate(
            _plain(text),
            (centres[index // per_group][index % per_group], value),
            xytext=(0, 3 if value >= 0 else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if value >= 0 else "top",
            fontproperties=canvas.props(vsize),
            linespacing=LINESPACING,
            color=TEXT,
            annotation_clip=False,
        )
    if low < 0:
        ax.spines["bottom"].set_visible(False)
        ax.axhline(0, color=MUTED_TEXT, linewidth=0.8, zorder=3)


def _legend(canvas: _Canvas, ax, unit_note: str) -> None:
    """Put the series legend above the axes at the right, on the unit note's line; in two rows if one is too wide."""
    handles, labels = ax.get_legend_handles_labels()
    size = canvas.pt(0.85)
    for columns in (len(labels), (len(labels) + 1) // 2):
        legend = ax.legend(
            handles,
            labels,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncols=columns,
            frameon=False,
            prop=canvas.props(size),
            handlelength=1.6,
            handleheight=1.0,
            handletextpad=0.5,
            columnspacing=1.4,
            borderaxespad=0.2,
            borderpad=0.0,
        )
        canvas.relayout()
        note_w = canvas.extent(unit_note, canvas.pt(0.8))[0] if unit_note else 0.0
        axis_w, _ = canvas.axes_box(ax)
        if legend.get_window_extent(canvas.renderer).width + note_w + canvas.mm(4) <= axis_w:
            return


def _draw_hbar(canvas: _Canvas, figures: list[Figure], sources: str) -> None:
    labels = [f.axis_label for f in figures]
    ax, values, written, _, band = _bar_axes(canvas, figures, labels, [], sources, "x")
    n = len(figures)
    positions = list(range(n))
    label_size = canvas.pt(1.0)
    value_size = canvas.pt(0.95)

    low0 = min(0.0, min(values))
    high0 = max(0.0, max(values))
    if high0 == low0:
        high0 = 1.0
    ax.barh(positions, values, height=0.6, color=RED, zorder=2)
    ax.set_ylim(n - 0.4, -0.6)
    # Category labels: wrapped to at most a third of the width, fewer lines than the row holds.
    row = (canvas.height - band) * 0.8 / n
    size = label_size
    while True:
        for share in (0.22, 0.28, 0.34):
            wrapped = [canvas.wrap(label, canvas.width * share, size) for label in labels]
            if max(canvas.extent(w, size)[1] for w in wrapped) <= row * 0.92:
                break
        else:
            if size > canvas.pt(0.7):
                size *= 0.92
                continue
        break
    ax.set_yticks(positions, [_plain(w) for w in wrapped])
    ax.tick_params(axis="y", labelsize=size, labelcolor=TEXT)
    for tick in ax.get_yticklabels():
        tick.set_linespacing(LINESPACING)
    ticks, tick_labels = _value_ticks(canvas, values, low0, high0)
    ax.set_xticks(ticks, tick_labels)
    ax.set_xlim(low0, high0)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    widest = max(written, key=lambda t: canvas.extent(t, value_size)[0])
    vsize = canvas.fit(widest, axis_w * 0.3, min(value_size, max(size, canvas.pt(0.8))), canvas.pt(0.7))
    need = max(canvas.extent(text, vsize)[0] for text in written) + canvas.pt_px(6)
    high = _headroom(low0, high0, need, axis_w) if high0 > 0 else high0
    low = _footroom(low0, high, need, axis_w) if low0 < 0 else low0
    ticks, tick_labels = _value_ticks(canvas, values, low, high)
    ax.set_xticks(ticks, tick_labels)
    ax.set_xlim(low, high)
    for y, value, text in zip(positions, values, written):
        ax.annotate(
            _plain(text),
            (value, y),
            xytext=(4 if value >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            va="center",
            fontproperties=canvas.props(vsize),
            color=TEXT,
            annotation_clip=False,
        )
    if low < 0:
        ax.spines["left"].set_visible(False)
        ax.axvline(0, color=MUTED_TEXT, linewidth=0.8, zorder=3)




def _draw_before_after(canvas: _Canvas, figures: list[Figure], sources: str) -> None:
    labels, values, written, change = before_after_bars(canvas.chart, figures)
    for label in labels:
        canvas.check(label, "label")
    for text in written:
        canvas.check(text, "value")
    if change:
        canvas.check(change, "change")
    if min(values) < 0:
        raise ValueError(f"chart '{canvas.chart.id}': a before_after chart draws counts, not negative values")

    band = canvas.draw_source_line(sources)
    canvas.layout_above(band)
    ax = canvas.fig.add_subplot()
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_linewidth(0.8)
    ax.set_yticks([])
    ax.tick_params(length=0, pad=5)
    width = 0.5
    ax.bar([0, 1], values, width=width, color=[MID_GREY, RED], zorder=2)
    ax.set_xlim(-0.75, 1.75)
    label_size = canvas.pt(1.0)
    value_size = canvas.pt(1.15)
    ax.set_xticks([0, 1], [_plain(label) for label in labels])
    high0 = max(values) or 1.0
    ax.set_ylim(0, high0)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    px_per_x = axis_w / 2.5
    slot = px_per_x * 0.95
    wrapped = [canvas.wrap(label, slot, label_size) for label in labels]
    ax.set_xticks([0, 1], [_plain(w) for w in wrapped])
    ax.tick_params(axis="x", labelsize=label_size, labelcolor=TEXT)
    vsize = min(canvas.fit(text, slot, value_size, canvas.pt(0.8)) for text in written)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    value_h = max(canvas.extent(text, vsize)[1] for text in written) + canvas.pt_px(4)
    high = _headroom(0, high0, value_h, axis_h)
    ax.set_ylim(0, high)
    for x, value, text, colour in zip([0, 1], values, written, [TEXT, RED]):
        ax.annotate(
            _plain(text),
            (x, value),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontproperties=canvas.props(vsize),
            color=colour,
            annotation_clip=False,
        )

    # The arrow (and the reported change) sit in the gap between the bars, in
    # whichever free band is taller: below the lower bar's top, or between the
    # lower bar's value label and the higher bar's top.
    px_per_y = axis_h / high
    small, big = sorted(values)
    bands = [(0.0, small * px_per_y), (small * px_per_y + value_h, big * px_per_y)]
    bottom_px, top_px = max(bands, key=lambda b: b[1] - b[0])
    gap_px = (1 - width) * px_per_x * 0.9
    change_size = canvas.pt(0.9)
    change_text = canvas.wrap(change, gap_px, change_size) if change else ""
    change_h = canvas.extent(change_text, change_size)[1] if change else 0.0
    arrow_y_px = bottom_px + max((top_px - bottom_px - change_h) / 2, canvas.pt_px(4))
    arrow_y = arrow_y_px / px_per_y
    arrow = FancyArrowPatch(
        (width / 2 + 0.06, arrow_y),
        (1 - width / 2 - 0.06, arrow_y),
        arrowstyle="-|>",
        mutation_scale=canvas.pt(1.4),
        linewidth=max(1.0, canvas.pt(0.12)),
        color=RED,
        zorder=3,
    )
    ax.add_patch(arrow)
    if change:
        ax.annotate(
            _plain(change_text),
            (0.5, arrow_y),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontproperties=canvas.props(change_size),
            linespacing=LINESPACING,
            color=RED,
            annotation_clip=False,
        )


def _draw_progress(canvas: _Canvas, figures: list[Figure], sources: str) -> None:
    share, share_text, whole, part = progress_share(canvas.chart, figures)
    if whole is None:
        rows = [(RED, part.axis_label, "")]
        period = part.period
    else:
        # Only the part gets a swatch: the whole is the full ring, not its grey remainder.
        rows = [(RED, part.axis_label, numbers.write_figure(part)), (None, whole.axis_label, numbers.write_figure(whole))]
        period = part.period if part.period == whole.period else f"{part.period}；{whole.period}"
    canvas.check(share_text, "value")
    for _, label, value in rows:
        canvas.check(label, "label")
        canvas.check(value, "value")
    canvas.check(period, "period")

    band = canvas.draw_source_line(sources)
    margin = canvas.margin
    area_bottom = band
    area_h = canvas.height - band - margin
    area_w = canvas.width - 2 * margin
    side = min(area_h, area_w * 0.42)
    ring_left = margin + area_w * 0.04
    ring_bottom = area_bottom + (area_h - side) / 2
    ax = canvas.fig.add_axes(canvas.frac(ring_left, ring_bottom, side, side))
    ax.set_xlim(-1.02, 1.02)
    ax.set_ylim(-1.02, 1.02)
    ax.set_aspect("equal")
    ax.axis("off")
    thickness = 0.28
    done = 360 * share
    ax.add_patch(Wedge((0, 0), 1, 90, 450, width=thickness, facecolor=PALE_GREY, edgecolor="none"))
    if done > 0:
        ax.add_patch(Wedge((0, 0), 1, 90 - done, 90, width=thickness, facecolor=RED, edgecolor="none"))
    inner = side / 2.04 * (1 - thickness) * 2 * 0.84
    size = canvas.fit(share_text, inner, canvas.pt(2.4), canvas.pt(1.0))
    ax.text(0, 0, _plain(share_text), ha="center", va="center_baseline", fontproperties=canvas.props(size), color=RED)

    # The legend: a swatch, the label, and the written value, one row per figure,
    # centred in the space right of the ring.
    space_left = ring_left + side + area_w * 0.06
    space_w = canvas.width - margin - space_left
    swatch = canvas.pt_px(canvas.pt(0.9))
    indent = swatch * 1.8
    text_w = space_w - indent
    label_size = canvas.pt(1.1)
    value_size = canvas.pt(1.7)
    period_size = canvas.pt(0.85)
    for _attempt in range(8):
        laid = []
        for colour, label, value in rows:
            wrapped = canvas.wrap(label, text_w, label_size)
            vsize = canvas.fit(value, text_w, value_size, canvas.pt(1.0)) if value else 0
            laid.append((colour, wrapped, value, vsize))
        period_text = canvas.wrap(period, text_w, period_size)
        gap = canvas.pt_px(label_size) * 1.1
        heights = [
            canvas.extent(w, label_size)[1] + (canvas.extent(v, vs)[1] + canvas.pt_px(3) if v else 0)
            for _, w, v, vs in laid
        ]
        period_h = canvas.extent(period_text, period_size)[1]
        total = sum(heights) + gap * len(laid) + period_h
        if total <= area_h * 0.95 or label_size <= canvas.pt(0.8):
            break
        label_size *= 0.92
        value_size *= 0.92
        period_size = max(canvas.pt(0.7), period_size * 0.95)
    block_w = indent + max(
        [canvas.extent(w, label_size)[0] for _, w, _, _ in laid]
        + [canvas.extent(v, vs)[0] for _, _, v, vs in laid if v]
        + [canvas.extent(period_text, period_size)[0]]
    )
    block_left = space_left + max(0.0, (space_w - block_w) / 2)
    text_left = block_left + indent
    y = area_bottom + (area_h + total) / 2
    for (colour, wrapped, value, vsize), height in zip(laid, heights):
        first_line = canvas.extent("国", label_size)[1]
        if colour is not None:
            canvas.fig.patches.append(
                Rectangle(
                    (block_left / canvas.width, (y - (first_line + swatch) / 2) / canvas.height),
                    swatch / canvas.width,
                    swatch / canvas.height,
                    transform=canvas.fig.transFigure,
                    facecolor=colour,
                    edgecolor="none",
                )
            )
        canvas.text(text_left, y, wrapped, label_size, ha="left", va="top", color=TEXT)
        if value:
            value_y = y - canvas.extent(wrapped, label_size)[1] - canvas.pt_px(3)
            canvas.text(text_left, value_y, value, vsize, ha="left", va="top", color=colour or TEXT)
        y -= height + gap
    canvas.text(text_left, y + gap * 0.4, period_text, period_size, ha="left", va="top", color=MUTED_TEXT)


def _tile_grid(n: int) -> tuple[int, int]:
    """Return rows and columns for n tiles: one row up to three, then two rows."""
    if n <= 3:
        return 1, n
    if n == 4:
        return 2, 2
    return 2, 3


def _draw_tile(canvas: _Canvas, figures: list[Figure], sources: str) -> None:
    if len(figures) > MAX_TILES:
        raise ValueError(f"chart '{canvas.chart.id}': a tile chart shows at most {MAX_TILES} figures, not {len(figures)}")
    tiles = []
    for figure in figures:
        change = numbers.write_change(figure.comparison) if figure.comparison else None
        notes = [figure.period, change] if change else [figure.period]
        tiles.append((numbers.write_figure(figure), figure.axis_label, notes))
    for value, label, notes in tiles:
        canvas.check(value, "value")
        canvas.check(label, "label")
        for note in notes:
            canvas.check(note, "note")

    band = canvas.draw_source_line(sources)
    margin = canvas.margin
    rows, cols = _tile_grid(len(tiles))
    gutter = canvas.mm(4)
    area_w = canvas.width - 2 * margin
    area_h = canvas.height - band - margin
    tile_w = (area_w - gutter * (cols - 1)) / cols
    tile_h = (area_h - gutter * (rows - 1)) / rows
    inner_w = tile_w * 0.86
    stripe = canvas.mm(1.2)

    # One size for all numbers and one for all labels, so the tiles read as a set.
    scale = 1.0
    for _attempt in range(10):
        value_size = min(canvas.fit(v, inner_w, canvas.pt(2.6 * scale), canvas.pt(1.2)) for v, _, _ in tiles)
        label_size = canvas.pt(1.05 * scale)
        note_size = canvas.pt(0.8 * max(scale, 0.85))
        laid = [
            (v, canvas.wrap(l, inner_w, label_size), "\n".join(canvas.wrap(n, inner_w, note_size) for n in notes))
            for v, l, notes in tiles
        ]
        spacing = canvas.pt_px(label_size) * 0.5
        blocks = [
            canvas.extent(v, value_size)[1] + spacing + canvas.extent(l, label_size)[1] + spacing * 0.6 + canvas.extent(n, note_size)[1]
            for v, l, n in laid
        ]
        if max(blocks) <= (tile_h - stripe) * 0.8 or scale <= 0.6:
            break
        scale *= 0.92
    if rows == 1:
        # A single row is only as tall as its content needs, not a tall empty card,
        # and the image no taller than the row: the documents place it at its own height.
        tile_h = min(tile_h, max(max(blocks) / 0.6 + stripe, tile_w * 0.5))
        canvas.wanted_height_mm = float(math.ceil((band + tile_h + 2 * margin) / canvas.mm(1)))
    grid_top = band + (area_h + rows * tile_h + (rows - 1) * gutter) / 2

    # Numbers of one row start at the same height: centre the row's tallest block.
    row_blocks = [max(blocks[r * cols:(r + 1) * cols]) for r in range(rows)]
    for i, (value, label, note) in enumerate(laid):
        row, col = divmod(i, cols)
        left = margin + col * (tile_w + gutter)
        top = grid_top - row * (tile_h + gutter)
        canvas.fig.patches.append(
            Rectangle(
                (left / canvas.width, (top - tile_h) / canvas.height),
                tile_w / canvas.width,
                tile_h / canvas.height,
                transform=canvas.fig.transFigure,
                facecolor=TILE_GREY,
                edgecolor="none",
            )
        )
        canvas.fig.patches.append(
            Rectangle(
                (left / canvas.width, (top - stripe) / canvas.height),
                tile_w / canvas.width,
                stripe / canvas.height,
                transform=canvas.fig.transFigure,
                facecolor=RED,
                edgecolor="none",
            )
        )
        centre = left + tile_w / 2
        y = top - stripe - (tile_h - stripe - row_blocks[row]) / 2
        canvas.text(centre, y, value, value_size, ha="center", va="top", color=RED)
        y -= canvas.extent(value, value_size)[1] + spacing
        canvas.text(centre, y, label, label_size, ha="center", va="top", color=TEXT, multialignment="center")
        y -= canvas.extent(label, label_size)[1] + spacing * 0.6
        canvas.text(centre, y, note, note_size, ha="center", va="top", color=MUTED_TEXT, multialignment="center")


_DRAWERS: dict[ChartKind, Callable[[_Canvas, list[Figure], str], None]] = {
    ChartKind.BAR: _draw_bar,
    ChartKind.HBAR: _draw_hbar,
    ChartKind.BEFORE_AFTER: _draw_before_after,
    ChartKind.PROGRESS: _draw_progress,
    ChartKind.TILE: _draw_tile,
    ChartKind.GROUPED_BAR: _draw_grouped_bar,
}
