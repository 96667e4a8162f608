"""Typical-case slides (典型案例): up to three cases side by side, a long story continued on the next slide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches

from ..data.model import Case, Theme
from ..narrative.notes import cases_note
from ..text import numbers
from ..text.cjk import tidy_spacing
from ..text.numbering import chinese_numeral
from . import fit as text_fit
from .context import SlideDeck
from .geometry import Box, grid, paginate
from .style import (
    ACCENT,
    CARD_LOOK,
    CASES_PER_SLIDE,
    CASE_LABEL,
    CASE_SOURCE,
    CASE_TEXT,
    CASE_TITLE,
    MUTED,
    TEXT,
)
from .textbox import Placed, Span
from .titles import CONTINUED, cases_messages



@dataclass
class CaseItem:
    """A case, or a piece of a long one, as one card."""

    case: Case
    number: int
    text: str
    continued: bool = False


def case_slides(deck: SlideDeck, theme: Theme) -> None:
    """Add the theme's typical cases, up to three a slide side by side; a story too long for one slide continues."""
    items: list[CaseItem] = []
    full = _case_boxes(deck, Box(deck.area.left, deck.area.top, deck.area.width, deck.area.height))[2]
    for number, case in enumerate(theme.cases, start=1):
        story = tidy_spacing(case.text)
        if deck.fits(story, full, CASE_TEXT):
            items.append(CaseItem(case, number, story))
            continue
        pieces = text_fit.split_to_fit(deck.measure(), story, CASE_TEXT.min_size, Emu(full.width).pt, Emu(full.height).pt)
        items += [CaseItem(case, number, piece, index > 0) for index, piece in enumerate(pieces)]
    pages: list[list[CaseItem]] = []
    for per in range(CASES_PER_SLIDE, 0, -1):
        pages = paginate(items, per)
        if all(_page_fits(deck, page) for page in pages):
            break
    for index, page in enumerate(pages):
        case_slide(deck, theme, page, continued=index > 0)


def _page_fits(deck: SlideDeck, page: Sequence[CaseItem]) -> bool:
    boxes = list(grid(deck.area, len(page), len(page), 1, deck.area.height))
    return all(deck.fits(item.text, _case_boxes(deck, box)[2], CASE_TEXT) for item, box in zip(page, boxes))


def unique_cases(items: Sequence[CaseItem]) -> list[Case]:
    """Return the cases a slide's cards tell, once each (a long story's pieces are one case)."""
    return list({id(item.case): item.case for item in items}.values())


def _case_boxes(deck: SlideDeck, card: Box) -> tuple[Box, Box, Box, Box]:
    """Return the boxes of a case card: its number, title, story and source."""
    look = CARD_LOOK
    top = card.top + look.band_height + look.top_pad
    inner = Box(card.left + look.pad, top, card.width - 2 * look.pad, card.bottom - look.bottom_pad - top)
    label = Box(inner.left, inner.top, inner.width, int(Inches(0.32)))
    title = Box(inner.left, label.bottom + int(Inches(0.05)), inner.width, int(Inches(0.74)))
    source = Box(inner.left, inner.bottom - int(Inches(0.3)), inner.width, int(Inches(0.3)))
    story_top = title.bottom + int(Inches(0.12))
    story = Box(inner.left, story_top, inner.width, source.top - int(Inches(0.1)) - story_top)
    return label, title, story, source


def case_slide(deck: SlideDeck, theme: Theme, items: Sequence[CaseItem], continued: bool) -> None:
    slide = deck.content_slide(deck.titles.take(cases_messages(unique_cases(items))), theme.short_title)
    sources = deck.report.source_index()
    texts: list[Placed] = []
    for index, (item, card) in enumerate(zip(items, grid(deck.area, len(items), len(items), 1, deck.area.height))):
        number = index + 1
        deck.card(slide, card, f"Case {number}")
        label, title, story, source = _case_boxes(deck, card)
        numeral = chinese_numeral(item.number) if item.number <= 99 else numbers.write_number(item.number)
        texts += [
            Placed(label, [Span(f"案例{numeral}" + (CONTINUED if item.continued else ""), ACCENT, True)], CASE_LABEL,
                   f"Case {number} number"),
            Placed(title, [Span(item.case.title, TEXT, True)], CASE_TITLE, f"Case {number} title", MSO_ANCHOR.MIDDLE),
            Placed(story, [Span(item.text, TEXT)], CASE_TEXT, f"Case {number} story"),
        ]
        source_title = sources[item.case.source].title if item.case.source in sources else item.case.source
        texts.append(Placed(source, [Span(f"来源：《{source_title}》", MUTED)], CASE_SOURCE, f"Case {number} source",
                            MSO_ANCHOR.BOTTOM))
    deck.place_uniformly(slide, texts)
    parts = [(item.case, item.text, item.continued) for item in items]
    deck.write_notes(slide, cases_note(deck.narrative.figures, deck.report, theme, parts, continued))
