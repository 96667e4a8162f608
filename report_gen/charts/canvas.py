"""The surface a chart is drawn on: a matplotlib figure at the exact size it is placed at, with text helpers.

Uses the Agg canvas and matplotlib's object API only (no pyplot, no global
rcParams): rendering is the same whatever else the process does with
matplotlib. Text is measured in the chart font, wrapped without breaking a
number or word, and checked glyph by glyph before it is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from ..data.model import Chart
from ..design import MM_PER_INCH, MUTED_TEXT, PT_PER_INCH
from ..fonts.chart_font import CjkFont, require_glyphs
from ..text.cjk import tokens as break_tokens

MAX_LINES = 4
"""Most lines a label, a legend entry or a note takes on a chart; longer text is cut with an ellipsis."""
SOURCE_LINES = 3
"""Most lines the 资料来源 line under a chart takes; the full titles are in the documents' sources list."""
ELLIPSIS = "…"



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
    follows_content: bool = False
    """Whether a chart is drawn only as tall as its content needs (report_gen.charts.size), height_mm at most."""

    @property
    def width_px(self) -> int:
        """Return the image width in pixels at dpi, rounded down."""
        return int(self.width_mm / MM_PER_INCH * self.dpi)

    @property
    def height_px(self) -> int:
        """Return the image height in pixels at dpi, rounded down."""
        return int(self.height_mm / MM_PER_INCH * self.dpi)


BRIEFING = Placement("briefing", 156, 96, 300, 10.5, follows_content=True)
"""The full text width of a GB/T 9704 A4 page (156 mm), at print resolution, with 五号 text; as tall as the content needs."""


SLIDE = Placement("slide", 220, 124, 200, 16)
"""A 16:9 slide's picture area below the title; 200 dpi is ample for projection."""


class Canvas:
    """A figure at the placement's exact size, with text measured in the chart font."""

    def __init__(self, chart: Chart, font: CjkFont, placement: Placement, height_mm: Optional[float] = None):
        self.chart = chart
        self.font = font
        self.placement = placement
        self.height_mm = placement.height_mm if height_mm is None else height_mm
        self.wanted_height_mm: Optional[float] = None
        self.source_band = 0.0
        """Height of the 资料来源 band at the bottom, in pixels (draw_source_line); 0 before it is drawn."""
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
        self._widths: dict[tuple[str, float], float] = {}
        """Measured widths of single lines (see line_width)."""

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
            artist = Text(0, 0, plain_text(text), fontproperties=self.props(size), linespacing=LINESPACING)
            artist.set_figure(self.fig)
            box = artist.get_window_extent(self.renderer)
            self._extents[key] = (box.width, box.height)
        return self._extents[key]

    def line_width(self, text: str, size: float) -> float:
        """Return the width in pixels of one line of text: what extent() gives, measured without laying out a Text."""
        if "\n" in text or not text:
            return self.extent(text, size)[0]
        key = (text, size)
        if key not in self._widths:
            self._widths[key] = self.renderer.get_text_width_height_descent(text, self.props(size), ismath=False)[0]
        return self._widths[key]

    def wrap(self, text: str, max_width: float, size: float, max_lines: Optional[int] = MAX_LINES) -> str:
        """Break text into balanced lines no wider than max_width pixels, never inside a number or word.

        The fewest lines that fit are used, and then the narrowest width that
        still needs no more of them, so a label breaks 党史学习/教育宣讲 rather
        than 党史学习教育宣/讲. Text that would take more than `max_lines`
        lines (None: no limit) is cut with an ellipsis on the last of them;
        the documents carry it whole (tables, alt text, the sources list).
        """
        tokens = break_tokens(text)
        lines = self._greedy(tokens, max_width, size)
        if max_lines is not None and len(lines) > max_lines:
            return "\n".join(lines[:max_lines - 1] + [self._shortened(lines[max_lines - 1], max_width, size)])
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

    def _shortened(self, line: str, max_width: float, size: float) -> str:
        """Cut a line so that it ends in an ellipsis within max_width pixels."""
        while line and self.line_width(line + ELLIPSIS, size) > max_width:
            line = line[:-1]
        return line.rstrip() + ELLIPSIS

    def _greedy(self, tokens: list[str], max_width: float, size: float) -> list[str]:
        lines: list[str] = []
        line = ""
        for token in tokens:
            candidate = line + token
            if line and self.line_width(candidate.rstrip(), size) > max_width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def fit(self, text: str, max_width: float, size: float, smallest: float) -> float:
        """Return the largest size from size down to smallest at which text fits max_width (else smallest)."""
        while size > smallest and self.line_width(text, size) > max_width:
            size = max(smallest, size * 0.94)
        return size

    def text(self, x: float, y: float, text: str, size: float, **kwargs) -> Text:
        """Draw text at a position in figure pixels."""
        return self.fig.text(
            x / self.width,
            y / self.height,
            plain_text(text),
            fontproperties=self.props(size),
            linespacing=LINESPACING,
            **kwargs,
        )

    def rectangle(self, left: float, bottom: float, width: float, height: float, colour: str) -> None:
        """Fill a rectangle given in figure pixels with a colour, without an outline."""
        self.fig.patches.append(
            Rectangle(
                (left / self.width, bottom / self.height),
                width / self.width,
                height / self.height,
                transform=self.fig.transFigure,
                facecolor=colour,
                edgecolor="none",
            )
        )

    def frac(self, left: float, bottom: float, width: float, height: float) -> list[float]:
        """Return a rectangle in figure pixels as figure fractions."""
        return [left / self.width, bottom / self.height, width / self.width, height / self.height]

    # parts every chart has

    def draw_source_line(self, sources: str) -> float:
        """Draw 资料来源 at the bottom left, wrapped to the width; return the height it takes, margins included."""
        size = self.pt(0.75)
        wrapped = self.wrap(sources, self.width - 2 * self.margin, size, SOURCE_LINES)
        self.text(self.margin, self.margin * 0.8, wrapped, size, ha="left", va="bottom", color=MUTED_TEXT)
        self.source_band = self.extent(wrapped, size)[1] + self.margin * 1.8
        return self.source_band

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


def plain_text(text: str) -> str:
    """Escape dollar signs so matplotlib draws text as written, never as mathtext."""
    return text.replace("$", r"\$")
