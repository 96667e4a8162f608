"""Slides of running text: the summary of a theme that has neither figures nor charts, and the 资料来源 list."""

from __future__ import annotations

from typing import Optional, Sequence

from pptx.slide import Slide

from pptx.util import Emu, Inches

from ..data.model import Source, Theme
from ..narrative.notes import source_details, sources_note, summary_note
from ..text import numbers
from ..text.cjk import tidy_spacing
from . import fit as text_fit
from .context import SlideDeck
from .cover import closing_slide
from .geometry import Box, paginate
from .style import (
    ACCENT,
    CARD,
    MUTED,
    SOURCE_DETAILS,
    SOURCE_TITLE,
    SOURCE_URL,
    SUMMARY_TEXT,
    TEXT,
)
from .outline import SOURCES_PER_SLIDE
from .textbox import Span
from .titles import SOURCES_TITLE



def summary_slides(deck: SlideDeck, theme: Theme, title: Optional[str] = None) -> Slide:
    """Add the slides of a theme with nothing but its summary, continued where it is long; return the first.

    The first is titled `title` (else the theme's title), the others as it, continued.
    """
    area = deck.area
    summary = tidy_spacing(theme.summary)
    pieces = [summary]
    if not deck.fits(summary, area, SUMMARY_TEXT):
        pieces = text_fit.split_to_fit(deck.measure(), summary, SUMMARY_TEXT.min_size,
                                       Emu(area.width).pt, Emu(area.height).pt)
    slides = []
    for index, piece in enumerate(pieces):
        named = title if title is not None and index == 0 else deck.titles.take([title or theme.title])
        slide = deck.content_slide(named, theme.short_title)
        deck.text(slide, area, [Span(piece, TEXT)], SUMMARY_TEXT, name="Summary")
        deck.write_notes(slide, summary_note(theme, piece, continued=index > 0))
        slides.append(slide)
    return slides[0]


def sources_slide(deck: SlideDeck, sources: Sequence[Source], first_number: int, continued: bool,
                  title: Optional[str] = None) -> Slide:
    """Add a slide listing sources as numbered cards: title, then authors, publication and date, then the address."""
    slide = deck.content_slide(title or deck.titles.take([SOURCES_TITLE]))
    area = deck.area
    gap = int(Inches(0.15))
    row = min((area.height - (SOURCES_PER_SLIDE - 1) * gap) // SOURCES_PER_SLIDE, int(Inches(1.2)))
    for index, source in enumerate(sources):
        top = area.top + index * (row + gap)
        label = numbers.write_number(first_number + index)
        card = Box(area.left, top, area.width, row)
        deck.rect(slide, card, CARD, f"Source {label}")
        deck.rect(slide, Box(card.left, card.top, int(Inches(0.08)), card.height), ACCENT, f"Source {label} bar")
        badge = int(Inches(0.5))
        deck.badge(slide, Box(card.left + int(Inches(0.3)), top + (row - badge) // 2, badge, badge), label)
        text_left = card.left + int(Inches(1.05))
        text_width = card.right - int(Inches(0.3)) - text_left
        lines = [(Span(source.title, TEXT, True), SOURCE_TITLE), (Span(source_details(source), MUTED), SOURCE_DETAILS)]
        if source.url:
            lines.append((Span(source.url, MUTED), SOURCE_URL))
        inner = Box(text_left, top + int(Inches(0.12)), text_width, row - int(Inches(0.24)))
        deck.fill_stack(slide, None, lines, below=None, box=inner, name=f"Source {label} text")
    deck.write_notes(slide, sources_note(sources, first_number, continued, len(deck.report.sources)))
    return slide


def sources_and_closing_slides(deck: SlideDeck) -> None:
    """End the deck: the 资料来源 list, a few sources a slide, then the closing slide."""
    number = 1
    for index, page in enumerate(paginate(deck.report.sources, SOURCES_PER_SLIDE)):
        sources_slide(deck, page, first_number=number, continued=index > 0)
        number += len(page)
    closing_slide(deck)
