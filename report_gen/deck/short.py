"""The short deck: a deck to present, each number on one slide only, nothing left out of the slides and notes together.

Draws what `report_gen.deck.script` says: in order, the title slide;
工作概览, a card per theme with its headline figure; each theme's slides as
`report_gen.deck.outline` packs them (charts, small ones two to a slide; one
关键数字 slide of at most eight of the figures no chart shows; cases as short
points), each under its message title with the theme as its kicker;
资料来源; the closing slide. Every slide's notes are the script's: what to
tell the room, within the talk's length.
"""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from .case_points import case_cards
from .chart_slides import chart_panel
from .context import SlideDeck
from .cover import closing_slide, overview_slide, title_slide
from .figure_slides import figures_panel
from .geometry import Box
from .outline import CASES, CHART, FIGURES, Panel, SlidePlan
from .slide_cache import cached_slides, short_slide_key
from .script import CLOSING, OVERVIEW, SOURCES, SUMMARY, THEME, TITLE, ScriptedSlide, short_script
from .style import ACCENT, CAPTION, GAP, HALF_CAPTION, PANEL_HEADING, TEXT
from .text_slides import sources_slide, summary_slides
from .textbox import Span
from .titles import CASES_TITLE, CONTINUED, KEY_FIGURES_TITLE, headline

PANEL_HEADINGS = {FIGURES: KEY_FIGURES_TITLE, CASES: CASES_TITLE}
"""What a panel of key figures or of cases is headed on a slide two panels share (a chart is headed by its title)."""
HEADING_HEIGHT = Inches(0.45)


def short_slides(deck: SlideDeck) -> None:
    """Add every slide of the short deck in order, with the script's titles and notes."""
    script = short_script(deck.report, deck.narrative)
    deck.titles = script.titles
    deck.brief, deck.detail = True, script.detail
    for scripted in script.slides:
        cached_slides(deck, short_slide_key(deck, scripted) if deck.parts is not None else None,
                      lambda scripted=scripted: deck.write_paragraphs(draw(deck, scripted), scripted.said))


def draw(deck: SlideDeck, scripted: ScriptedSlide) -> Slide:
    """Draw a slide the script says (and a summary's continuation slides after it); return the slide."""
    if scripted.kind == TITLE:
        return title_slide(deck)
    if scripted.kind == OVERVIEW:
        return overview_slide(deck, scripted.themes, scripted.first_number, scripted.continued, title=scripted.title)
    if scripted.kind == THEME:
        return theme_slide(deck, scripted.plan, scripted.title)
    if scripted.kind == SUMMARY:
        return summary_slides(deck, scripted.theme, title=scripted.title)
    if scripted.kind == SOURCES:
        return sources_slide(deck, scripted.sources, scripted.first_number, scripted.continued, title=scripted.title)
    assert scripted.kind == CLOSING
    return closing_slide(deck)


def theme_slide(deck: SlideDeck, plan: SlidePlan, title: str) -> Slide:
    """Add one slide of a theme: its panel on the whole content area, or two panels side by side under headings."""
    slide = deck.content_slide(title, plan.theme.short_title)
    area = deck.area
    if plan.shared:
        width = (area.width - int(GAP)) // 2
        boxes = [Box(area.left, area.top, width, area.height), Box(area.right - width, area.top, width, area.height)]
    else:
        boxes = [area]
    for index, (panel, box) in enumerate(zip(plan.panels, boxes)):
        if plan.shared:
            box = panel_heading(deck, slide, box, panel_title(panel), index + 1)
        draw_panel(deck, slide, panel, box, plan.shared, title)
    return slide


def draw_panel(deck: SlideDeck, slide: Slide, panel: Panel, box: Box, shared: bool, title: str) -> None:
    """Draw a panel in a box; `shared`: on half a slide. A chart's caption is left off when the title says it."""
    if panel.kind == CHART:
        caption = headline(panel.chart.caption) not in title
        chart_panel(deck, slide, panel.chart, box, HALF_CAPTION if shared else CAPTION, caption=caption, keep_room=shared)
    elif panel.kind == FIGURES:
        figures_panel(deck, slide, panel.figures, box)
    else:
        case_cards(deck, slide, panel.cases, box, panel.continued)


def panel_title(panel: Panel) -> str:
    """Return a panel's heading on a shared slide: the chart's title, or 关键数字 / 典型案例."""
    if panel.kind == CHART:
        return panel.chart.title
    return PANEL_HEADINGS[panel.kind] + (CONTINUED if panel.continued else "")


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

