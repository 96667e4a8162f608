"""Key figures (关键数字): each figure as a card of its number, its change, its label and its period.

Every key figure of the deck is drawn by `figure_cards`, one design in every
place: the 关键数字 panels of both decks and the tiles of a tile chart
(report_gen.deck.chart_slides). A card is the deck's card
(report_gen.deck.style.CARD_LOOK), its text left-aligned under the band.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from ..data.model import Figure, Structure, Theme
from ..plan import source_line
from ..narrative.notes import key_figures_note
from ..data.written import (
    continuation_clauses,
    headline,
    subject_groups,
    write_base,
    write_change,
    write_structure_change,
    write_structure_shares,
)
from .context import SlideDeck
from .geometry import Box, grid
from .outline import slide_period
from .style import ACCENT, FIGURE_CHANGE, FIGURE_LABEL, FIGURE_PERIOD, FIGURE_VALUE, GAP, MUTED, TEXT
from .textbox import Placed, Span
from .titles import figures_messages

CARD_HEIGHT = Inches(2.2)
"""Tallest a key figure's card is drawn: a row of cards is not stretched to the whole box."""


@dataclass(frozen=True)
class CardText:
    """What a key figure's card says: its number, its change (or none), its label and its period."""

    value: str
    change: Optional[str]
    label: str
    period: str


def key_figures_slide(deck: SlideDeck, theme: Theme, figures: Sequence[Figure | Structure], continued: bool) -> None:
    """Add a slide of key figures of the full deck, titled with the figure it leads with."""
    slide = deck.content_slide(deck.titles.take(figures_messages(figures), [theme.title]), theme.short_title)
    figures_panel(deck, slide, figures, deck.area)
    deck.write_notes(slide, key_figures_note(deck.narrative.figures, deck.plan, theme, figures, continued))


def figures_panel(deck: SlideDeck, slide: Slide, figures: Sequence[Figure | Structure], box: Box) -> None:
    """Draw key figures in a box over their 资料来源 line, a card each, as a tile chart draws its figures; a figure that
    continues the one before it (its rank, its difference from the city's average) joins that figure's card, as it
    joins its sentence."""
    cards = [card_text(*card) for card in key_cards(figures)]
    sources = source_line(source.title for source in deck.plan.sources_of(figures))
    cards_with_source(deck, slide, cards, box, sources, "Figure")


def cards_with_source(deck: SlideDeck, owner, cards: Sequence[CardText], box: Box, source: str, name: str) -> Box:
    """Draw key figures' cards in a box with their 资料来源 line under them, the two centred together; return the box
    they took."""
    count = len(cards)
    cols, rows = card_grid(count, box.width)
    line = deck.source_line_height(source, box.width)
    gap = int(Inches(0.08))
    height = min(box.height, rows * int(CARD_HEIGHT) + (rows - 1) * int(GAP) + gap + line)
    taken = Box(box.left, box.top + (box.height - height) // 2, box.width, height)
    figure_cards(deck, owner, cards, Box(taken.left, taken.top, taken.width, height - gap - line), name)
    deck.source_line(owner, source, Box(taken.left, taken.bottom - line, taken.width, line))
    return taken


def card_grid(count: int, width: int) -> tuple[int, int]:
    """Return the columns and rows of `count` cards: up to four in a row on a whole slide, two on half of one."""
    cols = {1: 1, 2: 2, 3: 3, 4: 4, 5: 3, 6: 3}.get(count, 4) if width >= Inches(8) else min(count, 2)
    return cols, math.ceil(count / cols)


def figure_cards(deck: SlideDeck, owner, cards: Sequence[CardText], box: Box, name: str = "Figure") -> None:
    """Draw key figures' cards in a box (see `card_grid`), centred."""
    count = len(cards)
    cols, rows = card_grid(count, box.width)
    with_change = any(card.change for card in cards)
    texts: list[Placed] = []
    for index, (card, cell) in enumerate(zip(cards, grid(box, count, cols, rows, CARD_HEIGHT))):
        texts += figure_card(deck, owner, card, cell, f"{name} {index + 1}", with_change)
    deck.place_uniformly(owner, texts)


Card = tuple[Figure | Structure, Sequence[Figure]]
"""A key figure's card: the figure (or structure) and the figures that continue it."""


def key_cards(items: Sequence[Figure | Structure]) -> list[Card]:
    """Return the cards of key figures: each figure with the figures that continue it; a structure alone."""
    figures = [item for item in items if isinstance(item, Figure)]
    cards: list[Card] = list(subject_groups(figures))
    return [(item, ()) for item in items if isinstance(item, Structure)] + cards


def card_text(figure: Figure | Structure, followers: Sequence[Figure] = ()) -> CardText:
    """Return what a key figure's card says; the period without a remark after it (the notes say that)."""
    return CardText(figure_value(figure), figure_change(figure, followers), figure.label, slide_period(figure.period))


def figure_card(deck: SlideDeck, owner, card: CardText, box: Box, name: str, with_change: bool) -> list[Placed]:
    """Draw a key figure's card and return its texts, to be sized alike across the cards.

    The number, then its comparison (同比增长48%) when the source gives one
    (a row kept for it in every card when any has one), the label, and the
    period at the bottom, each a share of the card's height.
    """
    inner = deck.card(owner, box, name)
    height = inner.height
    value_height = int(height * 0.34)
    change_height = int(height * 0.2) if with_change else 0
    period_height = int(height * 0.17)
    gap = int(height * 0.03)
    top = inner.top + value_height
    texts = [Placed(Box(inner.left, inner.top, inner.width, value_height), [Span(card.value, ACCENT, True)],
                    FIGURE_VALUE, f"{name} value", MSO_ANCHOR.BOTTOM)]
    if card.change:
        texts.append(Placed(Box(inner.left, top, inner.width, change_height), [Span(card.change, ACCENT)],
                            FIGURE_CHANGE, f"{name} change", MSO_ANCHOR.MIDDLE))
    top += change_height + gap
    label_height = inner.bottom - period_height - gap - top
    texts.append(Placed(Box(inner.left, top, inner.width, label_height), [Span(card.label, TEXT, True)],
                        FIGURE_LABEL, f"{name} label"))
    texts.append(Placed(Box(inner.left, inner.bottom - period_height, inner.width, period_height),
                        [Span(card.period, MUTED)], FIGURE_PERIOD, f"{name} period", MSO_ANCHOR.BOTTOM))
    return texts


def figure_value(figure: Figure | Structure) -> str:
    """Return the number a key-figure cell shows: the figure as written (a difference's number: 0.9个百分点), or a
    structure's latest shares (8.3:71.1:20.6)."""
    return write_structure_shares(figure) if isinstance(figure, Structure) else headline(figure)[0]


def figure_change(figure: Figure | Structure, followers: Sequence[Figure] = ()) -> Optional[str]:
    """Return what a key-figure cell writes under the number: the reported change, else the earlier value; then what
    the figures that continue it add (低于全市平均水平1246元)."""
    if isinstance(figure, Structure):
        return write_structure_change(figure) if len(figure.periods) > 1 else None
    own = _own_change(figure)
    lead = headline(figure)[1]
    return "，".join(part for part in [lead, own, *continuation_clauses(figure, followers, own or "")] if part) or None


def _own_change(figure: Figure) -> Optional[str]:
    comparison = figure.comparison
    if comparison is None:
        return None
    change = write_change(figure)
    if change:
        return change
    base = write_base(figure)
    if base is None:
        return None
    return f"{comparison.base_period}为{base}" if comparison.base_period else f"此前为{base}"
