"""Native Word charts in the briefing: a chart's plan (report_gen.charts.native) sized and lettered for the page.

The chart part is the one the deck embeds; here it gets the page's type (五号,
the chart images' size for the page) in the briefing's 黑体, colours written
as RGB (a Word document's theme is not report_gen's), and a ring is laid out
with its share in the middle and its legend beside it, since a Word page has
no text box to lay over a chart; a before/after chart gets
the arrow between its bars as an editable label (report_gen.charts.native.with_arrow). Its height is the picture's less the
资料来源 line (report_gen.charts.size), so both modes follow the content alike. The unit or change goes in a line above the
chart and the 资料来源 line below it, where the picture draws them inside.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..charts.native import native_plan, with_arrow
from ..charts.size import plot_height_mm
from ..data.model import Chart, ChartKind, Figure
from ..data.style import BriefingFonts
from ..design import PT_PER_MM
from ..ooxml.chart_description import ChartLook, NativeChart

CHART_TEXT_PT = 10.5
"""Point size of a chart's category labels (五号), as the chart images for the page are drawn (charts.BRIEFING)."""


@dataclass(frozen=True)
class PagedChart:
    """A native chart as the briefing places it: the part, its height, and the line over it."""

    chart: NativeChart
    height_mm: float
    note: str
    """The line over the chart: the unit (单位：个), a before/after chart's reported change, or a ring's part, whole
    and period; '' for none."""
    centred_note: bool
    """Whether the note is a change, centred over the bars, rather than a unit at the left."""


def chart_look(fonts: BriefingFonts) -> ChartLook:
    """Return how the briefing's native charts write text: in the level-1 heading's 黑体, at 五号, colours as RGB."""
    return ChartLook(latin=fonts.heading1, east_asian=fonts.heading1, base_pt=CHART_TEXT_PT, theme_colours=False)


def paged_chart(chart: Chart, figures: list[Figure], width_mm: float) -> PagedChart:
    """Plan a chart as a Word chart `width_mm` wide; raise ValueError for tiles (key-figure panels) or unfit figures."""
    plan = native_plan(chart, figures)
    height_mm = plot_height_mm(chart, figures, width_mm, CHART_TEXT_PT)
    if plan.ring is not None:
        ring = dataclasses.replace(
            plan.chart,
            centre_text=plan.ring.share_text,
            legend=True,
            legend_position="right",
            frame_pt=(width_mm * PT_PER_MM, height_mm * PT_PER_MM),
        )
        # The image's legend rows give the part and the whole as written; a Word chart's legend names only the slices.
        written = [f"{label}{value}" for _, label, value in plan.ring.rows if value]
        return PagedChart(ring, height_mm, "，".join(written + [plan.ring.period]), False)
    native = with_arrow(plan.chart) if chart.kind is ChartKind.BEFORE_AFTER else plan.chart
    return PagedChart(native, height_mm, plan.change or plan.unit_note, bool(plan.change))
