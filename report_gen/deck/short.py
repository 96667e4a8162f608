"""The short deck: a deck to present, each number on one slide only, nothing left out of the slides and notes together.

In order: the title slide; 工作概览, a card per theme with the goals it
serves; each theme's slides as `report_gen.deck.outline` packs them (charts,
small ones two to a slide; one 关键数字 slide of the figures no chart shows;
cases as short points); 资料来源; the closing slide. The speaker notes of a
theme's first slide open with its summary and highlights; every panel's notes
then say its numbers with period and source, and a case's notes tell its
whole story.
"""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from .case_points import case_cards
from ..narrative.notes import Note, cases_note, chart_note, key_figures_note, theme_note
from .chart_slides import chart_panel
from .context import SlideDeck
from .cover import overview_slide, title_slide
from .figure_slides import figures_panel
from .geometry import Box, paginate
from .outline import CASES, CHART, FIGURES, Panel, SlidePlan, pack, theme_panels
from .style import (
    ACCENT,
    CARDS_PER_SLIDE,
    CAPTION,
    CASES_TITLE,
    CONTINUED,
    HALF_CAPTION,
    GAP,
    KEY_FIGURES_TITLE,
    PANEL_HEADING,
    TEXT,
)
from .text_slides import sources_and_closing_slides, summary_slides
from .textbox import Span

CHARTS_TITLE = "图表"
"""What a slide of two charts is called after the theme's short title."""
KIND_TITLES = {CHART: CHARTS_TITLE, FIGURES: KEY_FIGURES_TITLE, CASES: CASES_TITLE}
HEADING_HEIGHT = Inches(0.45)


def short_slides(deck: SlideDeck) -> None:
    """Add every slide of the short deck in order."""
    report = deck.report
    title_slide(deck)
    number = 1
    for index, page in enumerate(paginate(report.themes, CARDS_PER_SLIDE)):
        overview_slide(deck, page, first_number=number, continued=index > 0, with_figures=False)
        number += len(page)
    shown: set[str] = set()
    for theme in report.themes:
        slides = pack(theme, theme_panels(theme, deck.plan, shown))
        if not slides:
            summary_slides(deck, theme)
        for plan in slides:
            theme_slide(deck, plan)
    sources_and_closing_slides(deck)


def theme_slide(deck: SlideDeck, plan: SlidePlan) -> None:
    """Add one slide of a theme: its panel on the whole content area, or two panels side by side under headings."""
    theme = plan.theme
    slide = deck.content_slide(deck.theme_title(theme, slide_title(plan)))
    area = deck.area
    if plan.shared:
        width = (area.width - int(GAP)) // 2
        boxes = [Box(area.left, area.top, width, area.height), Box(area.right - width, area.top, width, area.height)]
    else:
        boxes = [area]
    notes = [theme_note(theme, deck.narrative.highlights(theme))] if plan.first else []
    for index, (panel, box) in enumerate(zip(plan.panels, boxes)):
        if plan.shared:
            box = panel_heading(deck, slide, box, panel_title(panel), index + 1)
        notes.append(draw_panel(deck, slide, panel, box, shared=plan.shared))
    deck.write_paragraphs(slide, [paragraph for note in notes for paragraph in deck.render_note(note)])


def draw_panel(deck: SlideDeck, slide: Slide, panel: Panel, box: Box, shared: bool) -> Note:
    """Draw a panel in a box and return its part of the slide's speaker notes; `shared`: on half a slide."""
    figures = deck.narrative.figures
    if panel.kind == CHART:
        chart_panel(deck, slide, panel.chart, box, HALF_CAPTION if shared else CAPTION)
        return chart_note(figures, deck.plan.chart(panel.chart.id), part=True)
    if panel.kind == FIGURES:
        figures_panel(deck, slide, panel.figures, box)
        return key_figures_note(figures, deck.plan, panel.theme, panel.figures, panel.continued, part=True)
    case_cards(deck, slide, panel.cases, box, panel.continued)
    stories = [(case, case.text, False) for _, case in panel.cases]  # the card shows points; the notes tell it whole
    return cases_note(figures, deck.report, panel.theme, stories, panel.continued, part=True)


def panel_title(panel: Panel) -> str:
    """Return a panel's heading on a shared slide: the chart's title, or 关键数字 / 典型案例."""
    if panel.kind == CHART:
        return panel.chart.title
    return KIND_TITLES[panel.kind] + (CONTINUED if panel.continued else "")


def slide_title(plan: SlidePlan) -> str:
    """Return the slide's title after the theme's short title: one panel's own title, or what two panels are (图表与典型案例).

    The panels of a shared slide carry their own headings, so the slide's
    title does not repeat them.
    """
    if not plan.shared:
        return panel_title(plan.panels[0])
    return "与".join(dict.fromkeys(KIND_TITLES[panel.kind] for panel in plan.panels))


def panel_heading(deck: SlideDeck, slide: Slide, box: Box, title: str, number: int) -> Box:
    """Write a panel's heading over its half of the slide, after an accent bar; return the box left below it."""
    height = int(HEADING_HEIGHT)
    bar = int(Inches(0.07))
    deck.rect(slide, Box(box.left, box.top + int(Inches(0.09)), bar, height - int(Inches(0.18))), ACCENT,
              f"Panel {number} bar")
    deck.text(slide, Box(box.left + int(Inches(0.18)), box.top, box.width - int(Inches(0.18)), height),
              [Span(title, TEXT, True)], PANEL_HEADING, anchor=MSO_ANCHOR.MIDDLE, name=f"Panel {number} heading")
    top = box.top + height + int(Inches(0.1))
    return Box(box.left, top, box.width, box.bottom - top)

