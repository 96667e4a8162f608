"""Cases as the short deck shows them: a card of two or three short points, the whole story in the speaker notes.

The points are the case's own `points` when the data file gives them.
Otherwise they are taken from the story: its sentences in order, each cut at
a clause boundary to at most POINT_CHARS characters, passing over sentences
that print a figure's number, since the figure is shown on a slide of its
own (the notes still tell the whole story).
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Sequence

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from ..data.model import Case, Figure
from ..ooxml.pptx import set_bullet
from ..text import numbers
from ..text.cjk import tidy_spacing
from ..text.numbering import chinese_numeral
from . import fit as text_fit
from .context import SlideDeck
from .fit import LINE_SPACING, Role
from .geometry import Box, grid
from .style import ACCENT, ACCENT_SCHEME, GAP, CASE_LABEL, CASE_SOURCE, CASE_TITLE, MUTED, POINT_TEXT, TEXT
from .titles import CONTINUED
from .textbox import Para, Placed, Span

POINTS = 3
"""Most points a case card shows."""
POINT_CHARS = 40
"""Longest point taken from a story, in characters (the data format's limit for `points` too)."""
BULLET = "●"
BULLET_EM = 1.3
"""How far a point's text hangs in from its bullet, in ems of its size."""
CARD_CHROME = Inches(2.2)
"""What a card of one row holds besides its points: pads, number, title, source, and room to breathe."""

_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
_CLAUSE_END = re.compile(r"[，、：；]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?![\d.]*[年月日])")
"""A number in a story that is not part of a date (2022年4月21日 is not a figure)."""


def figure_numbers(figures: Iterable[Figure]) -> set[str]:
    """Return the numbers figures print, as written (12.5, 5085) and their comparisons' base values."""
    found = set()
    for figure in figures:
        found.add(numbers.write_number(figure.value))
        if figure.comparison is not None and figure.comparison.base_value is not None:
            found.add(numbers.write_number(figure.comparison.base_value))
    return found


def case_points(case: Case, shown: set[str]) -> list[str]:
    """Return the points a case's card shows: its own, or up to three from its story.

    A story's sentences are taken in order, passing over those that print
    one of the `shown` numbers (figures on other slides), each cut to at most
    POINT_CHARS characters at a clause boundary.
    """
    if case.points:
        return list(case.points)
    sentences = [s.strip().rstrip("。！？；") for s in _SENTENCE.findall(tidy_spacing(case.text)) if s.strip()]
    fresh = [s for s in sentences if not set(_NUMBER.findall(s)) & shown]
    return [_shorten(sentence) for sentence in fresh[:POINTS]]


def _shorten(sentence: str) -> str:
    """Cut a sentence after the last clause that ends within POINT_CHARS characters, else at POINT_CHARS with …."""
    if len(sentence) <= POINT_CHARS:
        return sentence
    ends = [match.start() for match in _CLAUSE_END.finditer(sentence) if 6 <= match.start() <= POINT_CHARS]
    if ends:
        return sentence[:ends[-1]]
    return sentence[:POINT_CHARS - 1] + "…"


def case_cards(deck: SlideDeck, slide: Slide, cases: Sequence[tuple[int, Case]], box: Box, continued: bool) -> None:
    """Draw cases as cards in a box: number, title, short points and source; two or more in a wide box side by side."""
    count = len(cases)
    if box.width < Inches(8):
        cols, rows = 1, count
    else:
        cols = count if count <= 3 else 2
        rows = math.ceil(count / cols)
    sources = deck.report.source_index()
    shown = figure_numbers(figure for _, figure in deck.report.all_figures())
    height = box.height
    if rows == 1:  # one row of cards only as tall as the longest points need at their largest size
        width = Emu((box.width - (cols - 1) * int(GAP)) // cols - int(Inches(0.5))).pt
        need = max(_height(deck, case_points(case, shown), POINT_TEXT.max_size, width) for _, case in cases)
        height = min(box.height, int(CARD_CHROME) + int(Pt(need)))
    texts: list[Placed] = []
    point_boxes: list[tuple[Box, list[str], str]] = []
    for index, ((number, case), card) in enumerate(zip(cases, grid(box, count, cols, rows, height))):
        name = f"Case {index + 1}"
        inner = deck.card(slide, card, name)
        label = Box(inner.left, inner.top, inner.width, int(Inches(0.3)))
        title = Box(inner.left, label.bottom, inner.width, int(Inches(0.45 if rows > 1 else 0.7)))
        source = Box(inner.left, inner.bottom - int(Inches(0.28)), inner.width, int(Inches(0.28)))
        points = Box(inner.left, title.bottom + int(Inches(0.08)), inner.width, source.top - title.bottom - int(Inches(0.14)))
        numeral = chinese_numeral(number)
        source_title = sources[case.source].title if case.source in sources else case.source
        texts += [
            Placed(label, [Span(f"案例{numeral}" + (CONTINUED if continued and index == 0 else ""), ACCENT, True)],
                   CASE_LABEL, f"{name} number"),
            Placed(title, [Span(case.title, TEXT, True)], Role(CASE_TITLE.max_size, CASE_TITLE.min_size, 1 if rows > 1 else 2),
                   f"{name} title", MSO_ANCHOR.MIDDLE),
            Placed(source, [Span(f"来源：《{source_title}》", MUTED)], CASE_SOURCE, f"{name} source", MSO_ANCHOR.BOTTOM),
        ]
        point_boxes.append((points, case_points(case, shown), f"{name} points"))
    deck.place_uniformly(slide, texts)
    fitted = [_fitted(deck, area, points) for area, points, _ in point_boxes]
    size = min(found for found, _ in fitted)
    for (area, _, name), (_, points) in zip(point_boxes, fitted):
        paras = [Para([Span(point, TEXT)], size, PP_ALIGN.LEFT, size * 0.4 if i else 0.0, size * BULLET_EM)
                 for i, point in enumerate(points)]
        frame = deck.paragraphs(slide, area, paras, name)
        for paragraph in frame.paragraphs:
            set_bullet(paragraph, BULLET, deck.body_fonts.east_asian, ACCENT_SCHEME, int(Pt(size * BULLET_EM)))


def _height(deck: SlideDeck, points: Sequence[str], size: float, width: float) -> float:
    """Return the height in points that points take one under another at `size` in a box `width` points wide."""
    hanging = size * BULLET_EM
    lines = sum(len(text_fit.wrap(deck.measure(), [(point, False)], size, width - hanging)) for point in points)
    return lines * size * LINE_SPACING + size * 0.4 * (len(points) - 1)


def _fitted(deck: SlideDeck, area: Box, points: Sequence[str]) -> tuple[float, list[str]]:
    """Return the largest size of POINT_TEXT at which the points fit the box, and the points that fit.

    When even the smallest size is too big, the last point goes (the notes
    tell the whole story), down to one.
    """
    width, height = Emu(area.width).pt, Emu(area.height).pt
    kept = list(points)
    while True:
        size = POINT_TEXT.max_size
        while size > POINT_TEXT.min_size and _height(deck, kept, size, width) > height:
            size -= text_fit.SIZE_STEP
        if len(kept) <= 1 or _height(deck, kept, size, width) <= height:
            return size, kept
        kept.pop()
