"""Model + chart images (or native charts) + notes templates → a 16:9 PowerPoint deck, short or full.

Slides go on the layouts of `report_gen.deck.master`, report_gen's own
master (a party-red band, a title over a rule with a red accent, a footer with
the issuer and the slide number) or an organisation's template.

The short deck (the default) is a deck to present: see `report_gen.deck.short`.
The full deck has, in order:

1. title (封面): title, subtitle, issuer, date;
2. overview (工作概览): one card per theme with its most telling figure, eight a slide;
3. per theme: one slide per chart (a picture, or a native PowerPoint chart;
   key-figure tiles as shapes),
   its key figures (关键数字, at most six a slide, each with its comparison),
   its typical cases (典型案例, up to three a slide, a long story continued on
   the next), or its summary when it has neither figures nor charts;
4. sources (资料来源);
5. closing (结束页).

Every number shown is written by `report_gen.text.numbers`. Every text is sized by
`report_gen.deck.fit` with the real fonts' metrics: shrunk within its role's
limits, then wrapped, then continued on a follow-up slide (stories, summaries,
sources) or, for a short label, cut with an ellipsis (the notes carry it whole).
Every content slide has speaker notes rendered from `templates/deck/notes/`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Mapping, Optional

from pptx.util import Inches

from ..charts import RenderedChart
from ..data.files import Reads
from ..data.choices import deck_choices
from ..data.model import Report, Theme
from ..data.style import DeckFonts
from ..fonts.metrics import AdvanceStore
from ..narrative import Narrative
from .case_slides import case_slides
from .chart_slides import chart_slide
from .context import SlideDeck
from .cover import overview_slide, title_slide
from .figure_slides import key_figures_slide
from .geometry import paginate
from .outline import CARDS_PER_SLIDE, SHORT
from .pictures import slide_placements
from .short import short_slides
from .context import PartStore
from .slide_cache import keep_slides, theme_slides
from .style import FIGURES_PER_SLIDE, IMAGE, NARROW_FIGURES_PER_SLIDE
from .text_slides import sources_and_closing_slides, summary_slides


def deck_bytes(
    report: Report,
    charts: Optional[Mapping[str, RenderedChart]] = None,
    fonts: DeckFonts | None = None,
    *,
    narrative=None,
    template: Path | None = None,
    chart_mode: str | None = None,
    length: str | None = None,
    reads: Reads | None = None,
    faces: AdvanceStore | None = None,
    parts: PartStore | None = None,
) -> bytes:
    """Return the .pptx of a report.

    charts: rendered images by chart id, needed when charts are drawn as
    images; fonts: None means the data file's style.deck.fonts; narrative: a
    `report_gen.narrative.Narrative` for the notes (None: the shipped
    templates); template: an organisation's .pptx whose layouts and theme the
    deck uses (None: report_gen's design); chart_mode: "image" or "native"
    (None: the data file's style.deck.charts); length: "short" or "full"
    (None: the data file's style.deck.length); reads: the build's reader, which
    the template is read through; faces: where the fonts measured to fit the
    text are kept between builds (the build's cache; None: none). Pictures are needed of the charts
    `slide_placements` names, best drawn at the sizes it gives.
    """
    chosen = deck_choices(report.style, chart_mode=chart_mode, length=length, template=template)
    mode, length = chosen.chart_mode, chosen.length
    charts = charts or {}
    if narrative is None:
        narrative = Narrative(report)
    if mode == IMAGE:
        missing = [chart_id for chart_id in slide_placements(report, length, narrative.plan) if chart_id not in charts]
        if missing:
            raise ValueError(f"no rendered image for chart(s): {', '.join(missing)}")
    deck = SlideDeck(report, charts, fonts, narrative, template, mode, reads, faces, parts)
    if length == SHORT:
        short_slides(deck)
    else:
        build_slides(deck)
    keep_slides(deck)
    stream = io.BytesIO()
    deck.prs.save(stream)
    return stream.getvalue()


def build_slides(deck: SlideDeck) -> None:
    """Add every slide of the full deck in order: title, overview, each theme's charts, key figures and cases, sources, closing."""
    report = deck.report
    title_slide(deck)
    number = 1
    for index, page in enumerate(paginate(report.themes, CARDS_PER_SLIDE)):
        overview_slide(deck, page, first_number=number, continued=index > 0)
        number += len(page)
    for index, theme in enumerate(report.themes):
        theme_slides(deck, theme, index, lambda theme=theme: _theme_slides(deck, theme))
    sources_and_closing_slides(deck)


def _theme_slides(deck: SlideDeck, theme: Theme) -> None:
    """Add a theme's slides of the full deck: one a chart, its key figures, its cases, or its summary."""
    for chart in theme.charts:
        chart_slide(deck, theme, chart)
    per_slide = FIGURES_PER_SLIDE if deck.area.width >= Inches(11) else NARROW_FIGURES_PER_SLIDE
    for index, page in enumerate(paginate([*theme.figures, *theme.structures], per_slide)):
        key_figures_slide(deck, theme, page, continued=index > 0)
    if theme.cases:
        case_slides(deck, theme)
    if not theme.figures and not theme.charts and not theme.structures:
        summary_slides(deck, theme)
