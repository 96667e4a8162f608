"""Charts and tables placed where the page has room for them, as a typesetter places figures.

A chart, a key-figure panel or a table is kept whole with its caption and
notes. Where one does not fit at the foot of a page it starts the next, and
the page before ends early, a quarter of the type area blank in the middle
of a section. A typesetter moves the figure past the paragraph that follows
it, so the text fills the page and the figure heads the next, or brings it
up before the paragraph that precedes it, where it still fits and the text
flows on after it. This module does the same with the page estimate
(report_gen.briefing.pagination): for each figure that starts a page with
more than MOST_LINES_LEFT lines left blank above it, it tries those moves
across plain body paragraphs (never across a heading or another figure, so
figures keep their order and their section) and keeps the one that leaves
the fewest blank lines at the feet of pages without adding a page.

Writer does not keep a table with the paragraph after it, so a key-figure
panel can stay at the foot of a page while its source line and caption go
on to the next. A figure split that way is moved too, and no move may split
one.
"""

from __future__ import annotations

from typing import Sequence

from docx.document import Document
from lxml import etree

from ..ooxml import docx as docx_xml
from .pagination import PageEstimate, PageModel

MOST_LINES_LEFT = 3
"""A page may end this many body lines early before its section ends (the tests hold LibreOffice's pages to five)."""
REACH = 2
"""A figure moves past at most this many paragraphs either way."""

Group = Sequence[etree._Element]
"""The body blocks (paragraphs, a table) of one figure, kept together: its picture, panel or table, caption and notes."""


def _blank(estimate: PageEstimate, model: PageModel, order: list[etree._Element], section_styles: set[str], pitch: float) -> float:
    """Total blank depth, in points, beyond MOST_LINES_LEFT lines at the feet of pages whose section goes on."""
    first_on: dict[int, etree._Element] = {}
    for element in order:
        page = estimate.starts[model.by_body[element][0].element]
        first_on.setdefault(page, element)
    total = 0.0
    for page, left in estimate.left.items():
        following = model.paragraphs.get(first_on.get(page + 1))
        if following is not None and (following.style in section_styles or following.props.page_break_before or following.page_break):
            continue
        total += max(0.0, left - MOST_LINES_LEFT * pitch)
    return total


def _split(estimate: PageEstimate, model: PageModel, group: Group) -> bool:
    """Tell whether a figure breaks between two of its blocks: its panel or table on one page, its caption on the next."""
    pages = [(estimate.starts[model.by_body[element][0].element], estimate.starts[model.by_body[element][-1].element])
             for element in group]
    return any(end != start for (_, end), (start, _) in zip(pages, pages[1:]))


def _cost(estimate: PageEstimate, model: PageModel, order: list[etree._Element], groups: Sequence[Group],
          section_styles: set[str], pitch: float) -> float:
    """The blank depth at the feet of pages (see _blank), and a whole page's worth for each figure split in two."""
    splits = sum(_split(estimate, model, group) for group in groups)
    return _blank(estimate, model, order, section_styles, pitch) + splits * model.height


def _plain(model: PageModel, element: etree._Element, figures: set[etree._Element]) -> bool:
    """Tell whether a body block is a paragraph of running text a figure may move across."""
    paragraph = model.paragraphs.get(element)
    return (element not in figures and paragraph is not None and not paragraph.props.keep_next and not paragraph.page_break
            and not any(piece.picture for piece in paragraph.pieces) and any(piece.text.strip() for piece in paragraph.pieces))


def _moves(order: list[etree._Element], group: Group, model: PageModel, figures: set[etree._Element]) -> list[list[etree._Element]]:
    """Orders with the figure moved up before, or down past, one to REACH plain paragraphs.

    Figures that stand together move together: up, the figure with those
    before it; down, with those after it; so their order never changes.
    """
    start, end = order.index(group[0]), order.index(group[-1]) + 1
    first, last = start, end
    while first > 0 and order[first - 1] in figures:
        first -= 1
    while last < len(order) and order[last] in figures:
        last += 1
    moves = []
    for count in range(1, REACH + 1):
        before = order[first - count:first]
        if first - count >= 0 and all(_plain(model, element, figures) for element in before):
            moves.append(order[:first - count] + order[first:end] + before + order[end:])
        after = order[last:last + count]
        if len(after) == count and all(_plain(model, element, figures) for element in after):
            moves.append(order[:start] + after + order[start:last] + order[last + count:])
    return moves


def place_figures(document: Document, groups: Sequence[Group], section_styles: set[str], pitch: float) -> int:
    """Move figures where the pages leave room for them; return how many moved.

    `groups` are the figures' body blocks in reading order; `section_styles`
    the ids of the paragraph styles that open a section (a page before one may
    end early); `pitch` the body's line pitch in points.
    """
    model = PageModel(document)
    order = list(model.body)
    estimate = model.paginate(order)
    blank = _cost(estimate, model, order, groups, section_styles, pitch)
    moved = 0
    figures = {element for group in groups for element in group}
    for group in groups:
        if blank == 0:
            break
        head = model.by_body[group[0]][0].element
        page = estimate.starts[head]
        early = page > 1 and estimate.left.get(page - 1, 0.0) > MOST_LINES_LEFT * pitch
        if not early and not _split(estimate, model, group):
            continue
        best = None
        for candidate in _moves(order, group, model, figures):
            tried = model.paginate(candidate)
            score = _cost(tried, model, candidate, groups, section_styles, pitch)
            if tried.pages <= estimate.pages and score < blank and (best is None or score < best[0]):
                best = (score, candidate, tried)
        if best is not None:
            blank, order, estimate = best
            moved += 1
    if moved:
        docx_xml.reorder_body(document, order)
    return moved
