"""The title slide, the overview of themes, and the closing slide."""

from __future__ import annotations

import math
from typing import Optional, Sequence

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from ..data.model import Theme
from ..narrative.notes import overview_note, title_note
from ..data.written import write_figure
from ..text import numbers
from .master import INFO_IDX
from .context import SlideDeck
from .geometry import Box, grid
from .placeholders import drop_empty_placeholders, find_placeholder, other_body_placeholder, placeholder_with_idx
from .style import (
    ACCENT,
    CARD_FIGURE,
    CARD_GOALS,
    CARD_GOALS_SMALL,
    CARD_LABEL,
    CARD_TITLE,
    CLOSING_TITLE,
    COVER_SUBTITLE,
    COVER_TITLE,
    INFO_DATE,
    INFO_MAIN,
    MUTED,
    SHARED_DATE,
    SHARED_ISSUER,
    TEXT,
)
from .textbox import Placed, Span
from .titles import OVERVIEW_TITLE



def title_slide(deck: SlideDeck) -> Slide:
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
    deck.write_notes(slide, title_note(deck.report))
    drop_empty_placeholders(slide)
    return slide


def closing_slide(deck: SlideDeck) -> Slide:
    """Add the closing slide: the closing words over the issuer and the date."""
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
    return slide


def overview_slide(deck: SlideDeck, themes: Sequence[Theme], first_number: int, continued: bool,
                   title: Optional[str] = None) -> Slide:
    """Add the overview (its `title`, else 工作概览): a card per theme with its headline figure and the goals it
    serves; a theme without figures shows its goals alone."""
    slide = deck.content_slide(title or deck.titles.take([OVERVIEW_TITLE]))
    count = len(themes)
    rows = 1 if count <= 4 else 2
    cols = math.ceil(count / rows)
    texts: list[Placed] = []
    for index, (theme, box) in enumerate(zip(themes, grid(deck.area, count, cols, rows, Inches(2.6)))):
        texts += theme_card(deck, slide, theme, first_number + index, box)
    deck.place_uniformly(slide, texts)
    deck.write_notes(slide, overview_note(deck.narrative.figures, themes, first_number, continued))
    return slide


def theme_card(deck: SlideDeck, slide: Slide, theme: Theme, number: int, box: Box) -> list[Placed]:
    """Draw a theme's card and return its texts, to be sized alike across the cards.

    Under the number and short title: the theme's headline figure (its first)
    with its short label, and at the foot the goal it serves in each
    framework (八个一流：一流营商环境); a theme without figures shows its goals
    under its title, or its full title when it names none.
    """
    inner = deck.card(slide, box, f"Card {number}")
    badge = int(Inches(0.5))
    deck.badge(slide, Box(inner.left, inner.top + int(Inches(0.05)), badge, badge), numbers.write_number(number))
    title_left = inner.left + badge + int(Inches(0.15))
    texts = [Placed(Box(title_left, inner.top, inner.right - title_left, int(Inches(0.6))),
                    [Span(theme.short_title, TEXT, True)], CARD_TITLE, f"Card {number} title", MSO_ANCHOR.MIDDLE)]
    goals_height = int(inner.height * 0.26)
    goals = Box(inner.left, inner.bottom - goals_height, inner.width, goals_height)
    if not theme.figures:
        top = inner.top + int(Inches(0.75))
        texts.append(Placed(Box(inner.left, top, inner.width, inner.bottom - top), [Span(goals_of(deck, theme), MUTED)],
                            CARD_GOALS, f"Card {number} goals"))
        return texts
    figure = theme.figures[0]
    label_height = int(inner.height * 0.2)
    label_top = goals.top - int(Inches(0.04)) - label_height
    figure_top = inner.top + int(Inches(0.68))
    texts += [
        Placed(Box(inner.left, figure_top, inner.width, label_top - figure_top), [Span(write_figure(figure), ACCENT, True)],
               CARD_FIGURE, f"Card {number} figure", MSO_ANCHOR.BOTTOM),
        Placed(Box(inner.left, label_top, inner.width, label_height), [Span(figure.axis_label, TEXT)], CARD_LABEL,
               f"Card {number} label"),
    ]
    if theme.frameworks:
        texts.append(Placed(goals, [Span(goals_of(deck, theme), MUTED)], CARD_GOALS_SMALL, f"Card {number} goals",
                            MSO_ANCHOR.BOTTOM))
    return texts


def goals_of(deck: SlideDeck, theme: Theme) -> str:
    """Return the goals a theme serves, one a line (八个一流：一流营商环境), or its title when it names none."""
    frameworks = {framework.id: framework.title for framework in deck.report.frameworks}
    lines = [f"{frameworks.get(key, key)}：{name}" for key, name in theme.frameworks.items()]
    return "\n".join(lines) if lines else theme.title
