"""Paragraphs set as a typesetter sets them: no lone character on a last line, no line spaced out.

The body is justified. A line that must break early, because the next piece
cannot start a line or does not fit ("48%", "5）[1]。", "“1+3+X”"), is spread
across the measure until its characters stand apart ("同 比 增 长"); a
paragraph whose last line holds one character and its full stop ("2。",
"一[2]。") wastes a line and reads as a slip. A typesetter tightens or
loosens the paragraph's tracking by a hair until its lines fall well. This
does the same with the page estimate's line breaking
(report_gen.briefing.pagination): for each paragraph of the body with a
fault, it tries letter spacings a twentieth of a point apart, up to
MAX_TRACKING_TWIPS either way, and keeps the one whose neighbours leave no
fault either (a reader's widths differ a little from the estimate's), tighter
first; a paragraph no such spacing mends is left as it was.
"""

from __future__ import annotations

import functools
import re
from typing import Callable

from docx.document import Document

from ..ooxml.flow import FlowParagraph, read_flow, set_tracking
from .pagination import LaidLine, lay_out_lines

MIN_LAST_CHARACTERS = 3
"""A paragraph's last line holds at least this many characters besides punctuation and citation marks.

Three in the estimate, so that a reader whose line breaks differ by one
character still shows two.
"""
MAX_SLACK_EM = 1.0
"""A justified line may fall short of the measure by this many ems at most before its characters spread visibly."""
MAX_TRACKING_TWIPS = 12
"""The most a paragraph's letter spacing moves, in twentieths of a point (0.6 pt, under 4% of a 3号 character)."""
TRIES = tuple(range(-1, -MAX_TRACKING_TWIPS - 1, -1)) + tuple(range(1, MAX_TRACKING_TWIPS + 1))
"""Letter spacings tried, in twentieths of a point: tighter before looser (looser takes a character off every
full line), small before large."""

STABLE_TWIPS = 1
"""The lines of a paragraph left as it is must fall well this many twips tighter and looser too."""
SAFE_TWIPS = 3
"""A tracking is taken for the widest margin, up to this many twips, either way of it in which the lines fall well."""

_MARKS = re.compile(r"\u2060?\[[0-9,\-–]+\]")
_NOT_COUNTED = set("，。、；：？！“”‘’（）《》〈〉「」『』【】…—·,.;:?!()%\u2060\u3000\t ")


def counted_characters(text: str) -> int:
    """Count a line's characters besides punctuation, spaces and citation marks ([1], [1,2])."""
    return sum(1 for char in _MARKS.sub("", text) if char not in _NOT_COUNTED)


def faults(lines: list[LaidLine]) -> list[str]:
    """Say what is wrong with a paragraph's lines: a lone last character, or a justified line spread too wide."""
    found = []
    if len(lines) >= 2 and counted_characters(lines[-1].text) < MIN_LAST_CHARACTERS:
        found.append(f"last line {lines[-1].text!r}")
    for line in lines[:-1]:
        if line.text and line.available - line.width > MAX_SLACK_EM * line.size:
            found.append(f"spread line {line.text!r}")
    return found


def _clean(paragraph: FlowParagraph, width: float, twips: int) -> bool:
    return not faults(lay_out_lines(paragraph, width, twips / 20))


def _margin(clean: Callable[[int], bool], twips: int) -> int:
    """How many twips either way from `twips` the lines still fall well (0: only at `twips` itself)."""
    margin = 0
    while clean(twips - margin - 1) and clean(twips + margin + 1):
        margin += 1
    return margin


def _mend(paragraph: FlowParagraph, width: float) -> int:
    """Return the tracking in twips that leaves the paragraph without faults, 0 if none is needed or none does.

    A reader's widths differ a little from the estimate's, so a tracking is
    taken by how far either way the lines would still fall well: the widest
    margin up to SAFE_TWIPS first, then tighter before looser, small before large.
    """
    reach = MAX_TRACKING_TWIPS + SAFE_TWIPS

    @functools.lru_cache(maxsize=None)
    def clean(twips: int) -> bool:
        # Laid out only when asked: most paragraphs fall well at 0 and ±1 and need no other tracking tried.
        return -reach <= twips <= reach and _clean(paragraph, width, twips)

    if clean(0) and _margin(clean, 0) >= STABLE_TWIPS:
        return 0
    usable = [twips for twips in TRIES if clean(twips)]
    if not usable:
        return 0
    best = max(min(_margin(clean, twips), SAFE_TWIPS) for twips in usable)
    if clean(0) and best <= _margin(clean, 0):
        return 0
    return next(twips for twips in usable if min(_margin(clean, twips), SAFE_TWIPS) == best)


def set_paragraphs(document: Document) -> dict[str, int]:
    """Track the body's paragraphs whose lines would fall badly; return each changed paragraph's text and tracking."""
    flow = read_flow(document)
    changed = {}
    for block in flow.blocks:
        if not isinstance(block, FlowParagraph) or any(piece.picture for piece in block.pieces):
            continue
        twips = _mend(block, flow.width)
        if twips:
            set_tracking(block, twips)
            changed["".join(piece.text for piece in block.pieces)] = twips
    return changed
