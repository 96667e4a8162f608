"""Chart pictures for the deck: the size each is drawn at, as the slide it goes on holds it.

The pipeline asks here before drawing, so pictures are drawn once at the size
they are shown: a whole slide's content area, or half of it where the short
deck's outline (report_gen.deck.outline) puts two small panels on one slide.
Tiles are shapes, never pictures.
"""

from __future__ import annotations

from ..charts import SLIDE, Placement
from ..data.model import ChartKind, Report
from ..plan import Plan
from .outline import CHART, FULL, short_outline

SLIDE_HALF = Placement("slide-half", 150, 104, 200, 14)
"""A chart picture on half a 16:9 slide's content area, under its heading and over its caption."""


def slide_placements(report: Report, length: str, plan: Plan) -> dict[str, Placement]:
    """Return the size each chart picture of the deck is drawn at, by chart id; tiles are shapes, never pictures."""
    if length == FULL:
        return {chart.id: SLIDE for _, chart in report.all_charts() if chart.kind is not ChartKind.TILE}
    placements: dict[str, Placement] = {}
    for slide in short_outline(report, plan):
        for panel in slide.panels:
            if panel.kind == CHART and panel.chart.kind is not ChartKind.TILE:
                placements[panel.chart.id] = SLIDE_HALF if slide.shared else SLIDE
    return placements
