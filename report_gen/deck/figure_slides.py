"""Key-figure slides (关键数字): each figure as a large number with its change, label and period."""

from __future__ import annotations

from typing import Optional, Sequence

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from ..data.model import Figure, Theme
from ..text import numbers
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
    KEY_FIGURES_TITLE,
    MUTED,
    TEXT,
)
from .textbox import Placed, Span



def key_figures_slide(deck: SlideDeck, theme: Theme, figures: Sequence[Figure], continued: bool) -> None:
    title = KEY_FIGURES_TITLE + (CONTINUED if continued else "")
    slide = deck.content_slide(deck.theme_title(theme, title))
    count = len(figures)
    cols, rows = {1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (2, 2)}.get(count, (3, 2))
    texts: list[Placed] = []
    with_change = any(figure_change(figure) for figure in figures)
    for index, (figure, box) in enumerate(zip(figures, grid(deck.area, count, cols, rows, Inches(2.8)))):
        texts += figure_cell(deck, slide, figure, box, index + 1, with_change)
    deck.place_uniformly(slide, texts)
    deck.notes(slide, "figures.md.j2", theme=theme, figures=[deck._fig(f) for f in figures], continued=continued,
               sources=[source.title for source in deck.plan.sources_of(figures)])


def figure_cell(deck: SlideDeck, slide: Slide, figure: Figure, box: Box, number: int, with_change: bool) -> list[Placed]:
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
    change = figure_change(figure)
    top = inner.top + value_height
    texts = [Placed(Box(inner.left, inner.top, inner.width, value_height),
                    [Span(numbers.write_figure(figure), ACCENT, True)], FIGURE_VALUE, f"Figure {number} value",
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


def figure_change(figure: Figure) -> Optional[str]:
    """Return what a key-figure cell writes under the number: the reported change, else the earlier value."""
    comparison = figure.comparison
    if comparison is None:
        return None
    change = numbers.write_change(comparison)
    if change:
        return change
    base = numbers.write_base(figure)
    if base is None:
        return None
    return f"{comparison.base_period}为{base}" if comparison.base_period else f"此前为{base}"
