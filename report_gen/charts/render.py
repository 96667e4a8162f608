"""Chart → matplotlib figure → PNG (and SVG) bytes, at the size the chart is placed at.

Each chart is drawn afresh for each placement (the briefing's text width, the
slide's picture area), so text is drawn at the point size it is read at. The
files hold no dates or random ids, so the same chart gives the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Optional

import matplotlib
from PIL import Image

from ..data.model import Chart, ChartKind, Figure, Report
from ..design import MUTED_TEXT, TEXT
from ..errors import ReportError
from ..fonts.chart_font import CjkFont
from ..plan import ChartPlan, Plan, plan_chart, plan_report
from .bar_line import draw_bar_line
from .bars import draw_bar, draw_grouped_bar, draw_hbar
from .before_after import draw_before_after
from .canvas import Canvas, Placement
from .line import draw_line
from .progress import draw_progress
from .size import drawing_height_mm
from .spec import describe
from .stacked import draw_stacked
from .tile import draw_tile


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
    source_share: float = 0.0
    """The share of the height its 资料来源 line takes at the bottom; the briefing crops it and sets the line as text."""


CHART_RC = {
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


DRAWERS: dict[ChartKind, Callable[[Canvas, list[Figure], str], None]] = {
    ChartKind.BAR: draw_bar,
    ChartKind.HBAR: draw_hbar,
    ChartKind.BEFORE_AFTER: draw_before_after,
    ChartKind.PROGRESS: draw_progress,
    ChartKind.TILE: draw_tile,
    ChartKind.GROUPED_BAR: draw_grouped_bar,
    ChartKind.LINE: draw_line,
    ChartKind.BAR_LINE: draw_bar_line,
    ChartKind.STACKED: draw_stacked,
}


def render_charts(report: Report, font: CjkFont, placement: Placement | Mapping[str, Placement],
                  svg: bool = False, plan: Optional[Plan] = None) -> dict[str, RenderedChart]:
    """Render charts by chart id in file order, with svg as SVG too: every chart at one placement, or the charts a
    mapping names, each at its own placement. `plan` is the report's plan (None: planned here)."""
    plan = plan if plan is not None else plan_report(report)
    placements = placement if isinstance(placement, Mapping) else {chart_id: placement for chart_id in plan.charts}
    return {chart_id: render_planned(planned, font, placements[chart_id], svg)
            for chart_id, planned in plan.charts.items() if chart_id in placements}


def render_chart(chart: Chart, report: Report, font: CjkFont, placement: Placement, svg: bool = False) -> RenderedChart:
    """Draw one chart at a placement and return it as PNG bytes (and SVG bytes with svg) with its alt text.

    The image is the placement's size, except that it is only as tall as its
    content needs on a placement that follows content (report_gen.charts.size),
    and so is a single row of key-figure tiles (height_mm says how tall). The files hold
    no dates or random ids, so the same chart gives the same bytes.
    Raise ValueError when the chart's figures do not fit its kind (mixed units,
    no base value to compare with) and FontError when the font lacks a character.
    """
    return render_planned(plan_chart(report, chart), font, placement, svg)


def render_planned(planned: ChartPlan, font: CjkFont, placement: Placement, svg: bool = False) -> RenderedChart:
    """Draw a planned chart at a placement: PNG bytes (and SVG with svg) and its alt text (see render_chart)."""
    chart = planned.chart
    with _drawing(planned, font, placement) as canvas:
        png = opaque_png(canvas.fig, placement.dpi)
        vector = None
        if svg:
            svg_buffer = io.BytesIO()
            canvas.fig.savefig(svg_buffer, format="svg", facecolor="white", metadata={"Date": None})
            vector = svg_buffer.getvalue()
    return RenderedChart(
        chart_id=chart.id,
        png=png,
        width_mm=placement.width_mm,
        height_mm=canvas.height_mm,
        dpi=placement.dpi,
        alt_text=describe(planned),
        svg=vector,
        source_share=round(canvas.source_band / canvas.height, 4),
    )


def opaque_png(figure: "matplotlib.figure.Figure", dpi: float) -> bytes:
    """Return a figure as an RGB PNG at a dpi, with the dpi in its header and nothing else.

    A chart is drawn on white, so the alpha channel matplotlib's own PNG
    carries is always opaque: without it the file is about a tenth smaller and
    is encoded in two thirds of the time.
    """
    raw = io.BytesIO()
    figure.savefig(raw, format="rgba", dpi=dpi, facecolor="white")
    renderer = figure.canvas.get_renderer()  # the one savefig drew with, at this dpi
    width, height = int(renderer.width), int(renderer.height)
    image = Image.frombuffer("RGBA", (width, height), raw.getvalue(), "raw", "RGBA", 0, 1).convert("RGB")
    stream = io.BytesIO()
    image.save(stream, format="png", dpi=(dpi, dpi))
    return stream.getvalue()


@contextlib.contextmanager
def _drawn(chart: Chart, report: Report, font: CjkFont, placement: Placement) -> Iterator["Canvas"]:
    """Draw a chart of the report and yield its canvas, with the chart's rcParams in force until the caller is done."""
    with _drawing(plan_chart(report, chart), font, placement) as canvas:
        yield canvas


class ChartLayoutError(ReportError):
    """A chart's text leaves no room to draw it at the size it is placed at."""


@contextlib.contextmanager
def _layout_warnings_as_errors(chart: Chart, placement: Placement) -> Iterator[None]:
    """Turn a warning matplotlib gives while laying a chart out (axes collapsed to nothing) into a message naming the chart.

    Labels and source lines are cut to fit before this can happen; a warning
    here means a chart that would be printed broken, so it never passes silently.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        try:
            yield
        except UserWarning as warning:
            raise ChartLayoutError(
                f"chart '{chart.id}' cannot be laid out at the {placement.name}'s size: {warning}; shorten its labels or title"
            ) from None


@contextlib.contextmanager
def _drawing(planned: ChartPlan, font: CjkFont, placement: Placement) -> Iterator["Canvas"]:
    """Draw a planned chart and yield its canvas, with the chart's rcParams in force until the caller is done."""
    chart, figures = planned.chart, list(planned.figures)
    draw = DRAWERS[chart.kind]
    sources = planned.source_line
    height = None
    if placement.follows_content and chart.kind is not ChartKind.TILE:
        wanted = drawing_height_mm(chart, figures, sources, placement.width_mm, placement.base_font_pt)
        height = min(placement.height_mm, wanted)
    with matplotlib.rc_context({**CHART_RC, "font.family": [font.family], "font.size": placement.base_font_pt}), \
            _layout_warnings_as_errors(chart, placement):
        canvas = Canvas(chart, font, placement, height)
        canvas.check(sources, "source line")
        draw(canvas, figures, sources)
        if canvas.wanted_height_mm is not None and canvas.wanted_height_mm < canvas.height_mm:
            # Drawn again rather than cropped, so the layout is measured on the final size.
            canvas = Canvas(chart, font, placement, canvas.wanted_height_mm)
            draw(canvas, figures, sources)
        yield canvas
