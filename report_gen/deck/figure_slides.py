"""Key figures (关键数字): each figure as a large number with its change, label and period.

`figures_panel` draws them in any box, as cards, or as two columns of rows
when there are more than LIST_ABOVE (the short deck's one 关键数字 slide of
a theme's figures no chart shows).
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Inches

from ..data.model import Figure, Structure, Theme
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
from .style import (
    ACCENT,
    CARD,
    CONTINUED,
    FIGURE_CHANGE,
    FIGURE_LABEL,
    FIGURE_PERIOD,
    FIGURE_VALUE,
    GAP,
    KEY_FIGURES_TITLE,
    MUTED,
    ROW_LABEL,
    ROW_NOTE,
    ROW_VALUE,
    TEXT,
)
from .textbox import Placed, Span

LIST_ABOVE = 8
"""More key figures than this are drawn as rows rather than cards."""


def key_figures_slide(deck: SlideDeck, theme: Theme, figures: Sequence[Figure | Structure], continued: bool) -> None:
    title = KEY_FIGURES_TITLE + (CONTINUED if continued else "")
    slide = deck.content_slide(deck.theme_title(theme, title))
    figures_panel(deck, slide, figures, deck.area)
    deck.write_notes(slide, key_figures_note(deck.narrative.figures, deck.plan, theme, figures, continued))


def figures_panel(deck: SlideDeck, slide: Slide, figures: Sequence[Figure | Structure], box: Box) -> None:
    """Draw key figures in a box: a card each (up to four in a row, two rows), or more as two columns of rows.

    A figure that continues the one before it (its rank, its difference from
    the city's average) joins that figure's card, as it joins its sentence.
    """
    cards = key_cards(figures)
    count = len(cards)
    if count > LIST_ABOVE:
        figure_rows(deck, slide, cards, box)
        return
    if box.width < Inches(8):  # half a slide: two in a row
        cols = min(count, 2)
    else:
        cols = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3}.get(count, 4)
    rows = math.ceil(count / cols)
    texts: list[Placed] = []
    with_change = any(figure_change(*card) for card in cards)
    for index, (card, cell) in enumerate(zip(cards, grid(box, count, cols, rows, Inches(2.8)))):
        texts += figure_cell(deck, slide, card, cell, index + 1, with_change)
    deck.place_uniformly(slide, texts)


Card = tuple[Figure | Structure, Sequence[Figure]]
"""A key figure's card: the figure (or structure) and the figures that continue it."""


def key_cards(items: Sequence[Figure | Structure]) -> list[Card]:
    """Return the cards of key figures: each figure with the figures that continue it; a structure alone."""
    figures = [item for item in items if isinstance(item, Figure)]
    cards: list[Card] = list(subject_groups(figures))
    return cards + [(item, ()) for item in items if isinstance(item, Structure)]


def figure_rows(deck: SlideDeck, slide: Slide, cards: Sequence[Card], box: Box) -> None:
    """Draw many key figures as rows in two columns: the number on the left; label, period and change on the right."""
    rows = math.ceil(len(cards) / 2)
    column_width = (box.width - int(GAP)) // 2
    row_height = min(int(Inches(0.9)), box.height // rows)
    top = box.top + (box.height - rows * row_height) // 2
    texts: list[Placed] = []
    for index, (figure, followers) in enumerate(cards):
        column, row = divmod(index, rows)
        cell = Box(box.left + column * (column_width + int(GAP)), top + row * row_height, column_width, row_height)
        number = index + 1
        deck.rect(slide, Box(cell.left, cell.top + int(Inches(0.06)), cell.width, cell.height - int(Inches(0.12))), CARD,
                  f"Figure {number}")
        deck.rect(slide, Box(cell.left, cell.top + int(Inches(0.06)), int(Inches(0.06)), cell.height - int(Inches(0.12))),
                  ACCENT, f"Figure {number} bar")
        value_width = int(cell.width * 0.36)
        inner_top, inner_height = cell.top + int(Inches(0.08)), cell.height - int(Inches(0.16))
        text_left = cell.left + value_width + int(Inches(0.3))
        text_width = cell.right - int(Inches(0.12)) - text_left
        change = figure_change(figure, followers)
        note = f"{figure.period}，{change}" if change else figure.period
        texts += [
            Placed(Box(cell.left + int(Inches(0.2)), inner_top, value_width, inner_height),
                   [Span(figure_value(figure), ACCENT, True)], ROW_VALUE, f"Figure {number} value",
                   MSO_ANCHOR.MIDDLE, PP_ALIGN.RIGHT),
            Placed(Box(text_left, inner_top, text_width, inner_height // 2), [Span(figure.label, TEXT, True)], ROW_LABEL,
                   f"Figure {number} label", MSO_ANCHOR.BOTTOM),
            Placed(Box(text_left, inner_top + inner_height // 2, text_width, inner_height - inner_height // 2),
                   [Span(note, MUTED)], ROW_NOTE, f"Figure {number} period", MSO_ANCHOR.TOP),
        ]
    deck.place_uniformly(slide, texts)


def figure_cell(deck: SlideDeck, slide: Slide, card: Card, box: Box, number: int, with_change: bool) -> list[Placed]:
    """Draw a key figure's cell and return its texts, to be sized alike across the cells.

    The number, then its comparison (同比增长48%) when the source gives one
    (a row kept for it in every cell of the slide when any has one), the
    label, and the period at the bottom.
    """
    deck.rect(slide, box, CARD, f"Figure {number}")
    deck.rect(slide, Box(box.left, box.top, int(Inches(0.08)), box.height), ACCENT, f"Figure {number} bar")
    pad = int(Inches(0.35))
    inner = Box(box.left + pad, box.top + int(Inches(0.18)), box.width - pad - int(Inches(0.25)), box.height - int(Inches(0.33)))
    value_height = int(Inches(0.85))
    change_height = int(Inches(0.36)) if with_change else 0
    period_height = int(Inches(0.42))
    figure, followers = card
    change = figure_change(figure, followers)
    top = inner.top + value_height
    texts = [Placed(Box(inner.left, inner.top, inner.width, value_height),
                    [Span(figure_value(figure), ACCENT, True)], FIGURE_VALUE, f"Figure {number} value",
                    MSO_ANCHOR.BOTTOM)]
    if change:
        texts.append(Placed(Box(inner.left, top, inner.width, change_height), [Span(change, ACCENT)], FIGURE_CHANGE,
                            f"Figure {number} change", MSO_ANCHOR.MIDDLE))
    top += change_height if with_change else int(Inches(0.08))
    label_height = inner.bottom - period_height - top - int(Inches(0.05))
    texts.append(Placed(Box(inner.left, top, inner.width, label_height), [Span(figure.label, TEXT, True)],
                        FIGURE_LABEL, f"Figure {number} label"))
    texts.append(Placed(Box(inner.left, inner.bottom - period_height, inner.width, period_height),
                        [Span(figure.period, MUTED)], FIGURE_PERIOD, f"Figure {number} period", MSO_ANCHOR.BOTTOM))
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
