"""The title slide, the overview of themes, and the closing slide."""

from __future__ import annotations

import math
from typing import Sequence

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from ..data.model import Theme
from ..narrative.notes import overview_note
from ..data.written import write_figure
from ..text import numbers
from .master import INFO_IDX
from .context import SlideDeck
from .geometry import Box, grid
from .placeholders import drop_empty_placeholders, find_placeholder, other_body_placeholder, placeholder_with_idx
from .style import (
    ACCENT,
    CARD,
    CARD_FIGURE,
    CARD_GOALS,
    CARD_LABEL,
    CARD_TITLE,
    CLOSING_TITLE,
    CONTINUED,
    COVER_SUBTITLE,
    COVER_TITLE,
    INFO_DATE,
    INFO_MAIN,
    MUTED,
    OVERVIEW_TITLE,
    SHARED_DATE,
    SHARED_ISSUER,
    TEXT,
)
from .textbox import Placed, Span



def title_slide(deck: SlideDeck) -> None:
    """Add the title slide: the title, then the subtitle, and the issuer and date in their own placeholder.

    On a template whose title layout has only a subtitle placeholder, the
    subtitle, issuer and date share it; with neither, they go in a text
    box under the title.
    """
    info = deck.report.report
    slide = deck.prs.slides.add_slide(deck.layouts.title)
    title = find_placeholder(slide, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE)
    deck.fill_placeholder(title, [Span(info.title, None, True)], COVER_TITLE, heading=True)
    subtitle = find_placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
    info_box = placeholder_with_idx(slide, INFO_IDX) or other_body_placeholder(slide, exclude=subtitle)
    date = numbers.write_date(info.date)
    if info_box is not None:
        if info.subtitle and subtitle is not None:
            deck.fill_placeholder(subtitle, [Span(info.subtitle, None, False)], COVER_SUBTITLE)
        lines = [(Span(info.subtitle, None, False), COVER_SUBTITLE)] if info.subtitle and subtitle is None else []
        lines += [(Span(info.issuer, None, True), INFO_MAIN), (Span(date, None, False), INFO_DATE)]
        deck.fill_stack(slide, info_box, lines, below=title)
    else:
        lines = [(Span(info.subtitle, None, False), COVER_SUBTITLE)] if info.subtitle else []
        lines += [(Span(info.issuer, None, True), SHARED_ISSUER), (Span(date, None, False), SHARED_DATE)]
        deck.fill_stack(slide, subtitle, lines, below=title)
    deck.notes(slide, "title.md.j2")
    drop_empty_placeholders(slide)


def closing_slide(deck: SlideDeck) -> None:
    info = deck.report.report
    slide = deck.prs.slides.add_slide(deck.layouts.closing)
    title = find_placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    deck.fill_placeholder(title, [Span(deck.report.style.deck.closing, None, True)], CLOSING_TITLE, heading=True)
    lines = [(Span(info.issuer, None, True), INFO_MAIN), (Span(numbers.write_date(info.date), None, False), INFO_DATE)]
    info_box = (placeholder_with_idx(slide, INFO_IDX) or find_placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
                or other_body_placeholder(slide, exclude=None))
    deck.fill_stack(slide, info_box, lines, below=title)
    deck.notes(slide, "closing.md.j2")
    drop_empty_placeholders(slide)


def overview_slide(deck: SlideDeck, themes: Sequence[Theme], first_number: int, continued: bool,
                   with_figures: bool = True) -> None:
    """Add the overview: a card per theme with its most telling figure, or (without figures) the goals it serves.

    The short deck shows no figure here, so that each number is on one slide only.
    """
    slide = deck.content_slide([Span(OVERVIEW_TITLE + (CONTINUED if continued else ""), None, True)])
    count = len(themes)
    rows = 1 if count <= 4 else 2
    cols = math.ceil(count / rows)
    texts: list[Placed] = []
    for index, (theme, box) in enumerate(zip(themes, grid(deck.area, count, cols, rows, Inches(2.6)))):
        texts += theme_card(deck, slide, theme, first_number + index, box, with_figures)
    deck.place_uniformly(slide, texts)
    deck.write_notes(slide, overview_note(deck.narrative.figures, themes, first_number, continued, with_figures))


def theme_card(deck: SlideDeck, slide: Slide, theme: Theme, number: int, box: Box, with_figure: bool = True) -> list[Placed]:
    """Draw a theme's card and return its texts, to be sized alike across the cards.

    Under the number and short title: the theme's first figure, or without
    figures the goal it serves in each framework (八个一流：一流营商环境), else
    its full title.
    """
    deck.rect(slide, box, CARD, f"Card {number}")
    deck.rect(slide, Box(box.left, box.top, box.width, int(Inches(0.07))), ACCENT, f"Card {number} band")
    pad = int(Inches(0.2))
    badge = int(Inches(0.5))
    header_top = box.top + int(Inches(0.27))
    deck.badge(slide, Box(box.left + pad, header_top + int(Inches(0.05)), badge, badge), numbers.write_number(number))
    title_left = box.left + pad + badge + int(Inches(0.15))
    texts = [Placed(Box(title_left, header_top, box.right - pad - title_left, int(Inches(0.6))),
                    [Span(theme.short_title, TEXT, True)], CARD_TITLE, f"Card {number} title", MSO_ANCHOR.MIDDLE)]
    inner = box.width - 2 * pad
    if not with_figure:
        top = header_top + int(Inches(0.75))
        texts.append(Placed(Box(box.left + pad, top, inner, box.bottom - int(Inches(0.2)) - top),
                            [Span(goals_of(deck, theme), MUTED)], CARD_GOALS, f"Card {number} goals"))
        return texts
    if not theme.figures:
        return texts
    figure = theme.figures[0]
    label_height = int(Inches(0.5))
    label_top = box.bottom - int(Inches(0.2)) - label_height
    figure_height = int(Inches(0.62))
    figure_top = max(header_top + int(Inches(0.65)), label_top - int(Inches(0.06)) - figure_height)
    texts.append(Placed(Box(box.left + pad, figure_top, inner, figure_height),
                        [Span(write_figure(figure), ACCENT, True)], CARD_FIGURE, f"Card {number} figure",
                        MSO_ANCHOR.BOTTOM))
    texts.append(Placed(Box(box.left + pad, label_top, inner, label_height),
                        [Span(figure.axis_label, MUTED)], CARD_LABEL, f"Card {number} label"))
    return texts


def goals_of(deck: SlideDeck, theme: Theme) -> str:
    """Return the goals a theme serves, one a line (八个一流：一流营商环境), or its title when it names none."""
    frameworks = {framework.id: framework.title for framework in deck.report.frameworks}
    lines = [f"{frameworks.get(key, key)}：{name}" for key, name in theme.frameworks.items()]
    return "\n".join(lines) if lines else theme.title
