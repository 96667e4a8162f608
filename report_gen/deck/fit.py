"""Break text into lines with real font metrics and find the size it fits a box at.

Fitting tries, in order: the largest size down to a limit on one line; then
wrapping, from the largest size down to the smallest; and reports failure
(None) when even that does not hold the text, so the caller can continue on a
follow-up slide or, for a short label, shorten it. Widths come from
`report_gen.fonts.metrics`; where a line may break, from `report_gen.text.cjk`
(never beside a quotation mark, as LibreOffice breaks). `balanced_width` gives
the measure at which a paragraph's lines come out even, so none is left with
a character or two.

Knows nothing of PowerPoint: boxes are widths and heights in points.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..fonts.metrics import Measure, line_width
from ..text.cjk import AUTOSPACE_EM, QUOTES, line_ems, needs_autospace, tokens

LINE_SPACING = 1.25
"""Line pitch as a multiple of the font size; slides write it as an exact spacing, so heights are predictable."""
WIDTH_SAFETY = 0.97
"""Share of a box's width a line may fill: room for kerning and a renderer's rounding."""
STRANDED_EM = 2.0
"""A last line this wide (in em) or narrower looks stranded: 干部 split as 干 / 部."""
ELLIPSIS = "…"

Spans = Sequence[tuple[str, bool]]
"""A paragraph as pieces of text, each with whether it is bold."""


# ------------------------------------------------------------ breaking --

@dataclass(frozen=True)
class Line:
    """One line of a wrapped paragraph and its width in points."""

    text: str
    width: float


def _styled(spans: Spans) -> list[tuple[str, bool]]:
    return [(char, bold) for text, bold in spans for char in text]


def _extend(measure: Measure, previous: str, piece: Sequence[tuple[str, bool]]) -> float:
    """Return the width in em that `piece` adds after the character `previous` ('' at a line's start)."""
    return line_ems(piece, measure.advance, previous)


def wrap(measure: Measure, spans: Spans, size: float, width: float) -> list[Line]:
    """Break a paragraph into lines no wider than `width` points at `size` points, greedily.

    A piece wider than a whole line is broken between characters. Hard line
    breaks (\\n) start a new line; the space a line breaks at is dropped.
    """
    chars = _styled(spans)
    capacity = width * WIDTH_SAFETY / size
    lines: list[Line] = []
    start = 0
    text = "".join(char for char, _ in chars)
    for block in text.split("\n"):
        block_chars = chars[start:start + len(block)]
        start += len(block) + 1
        line: list[tuple[str, bool]] = []
        used = 0.0  # width of the line so far, spaces at its end included
        position = 0
        for token in tokens(block, QUOTES):
            piece = block_chars[position:position + len(token)]
            position += len(token)
            previous = line[-1][0] if line else ""
            if token.isspace():
                if line or position == len(token):
                    line += piece
                    used += _extend(measure, previous, piece)
                continue
            extra = _extend(measure, previous, piece)
            if not line or used + extra <= capacity:
                line += piece
                used += extra
            else:
                lines.append(_as_line(measure, line, size))
                line = list(piece)
                used = _extend(measure, "", piece)
            if used > capacity and len(line) > 1:
                line = _break_long(measure, line, capacity, size, lines)
                used = line_width(measure, line)
        lines.append(_as_line(measure, line, size))
    return lines


def _rstrip(chars: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    end = len(chars)
    while end and chars[end - 1][0].isspace():
        end -= 1
    return chars[:end]


def _as_line(measure: Measure, chars: list[tuple[str, bool]], size: float) -> Line:
    kept = _rstrip(chars)
    return Line("".join(char for char, _ in kept), line_width(measure, kept) * size)


def _break_long(measure: Measure, chars: list[tuple[str, bool]], capacity: float, size: float, lines: list[Line]) -> list:
    """Break a run of characters wider than a line between characters; return what is left for the next line."""
    while line_width(measure, _rstrip(chars)) > capacity and len(chars) > 1:
        used, cut = 0.0, 0
        previous = ""
        for char, bold in chars:
            step = measure.advance(char, bold) + (AUTOSPACE_EM if previous and needs_autospace(previous, char) else 0.0)
            if cut and used + step > capacity:
                break
            used += step
            cut += 1
            previous = char
        lines.append(_as_line(measure, chars[:cut], size))
        chars = chars[cut:]
    return chars


BALANCE_SLACK_EM = 0.5
"""Room left past a balanced measure, in em, so a renderer measuring a little wider breaks the lines where fit did."""


def balanced_width(measure: Measure, spans: Spans, size: float, width: float) -> float:
    """Return the narrowest measure, in points, at which a paragraph wraps into no more lines than at `width`.

    Set at that measure, a renderer's greedy line breaking gives lines of
    even length: 实施融合增效先锋工程，/ 党建融入城市管理, not a full line
    and a last line of one character (理). A paragraph of one line keeps `width`.
    """
    return _balanced_width(measure, tuple(spans), size, width)


@functools.lru_cache(maxsize=4096)
def _balanced_width(measure: Measure, spans: Spans, size: float, width: float) -> float:
    count = len(wrap(measure, spans, size, width))
    if count < 2:
        return width
    low = max(unbreakable_width(measure, spans) * size / WIDTH_SAFETY, width / count * 0.9)
    high = width
    while high - low > 0.5:
        middle = (low + high) / 2
        if len(wrap(measure, spans, size, middle)) <= count:
            high = middle
        else:
            low = middle
    return min(width, high + BALANCE_SLACK_EM * size)


def unbreakable_width(measure: Measure, spans: Spans) -> float:
    """Return the width in em of the widest piece a line may not break inside (a number, a word)."""
    chars = _styled(spans)
    text = "".join(char for char, _ in chars)
    widest, position = 0.0, 0
    for token in tokens(text, QUOTES):
        widest = max(widest, line_width(measure, chars[position:position + len(token)]))
        position += len(token)
    return widest


# ------------------------------------------------------------ fitting --


@dataclass(frozen=True)
class Role:
    """How a kind of text is sized: the largest and smallest size, the size it may shrink to on one line, and its lines."""

    max_size: float
    min_size: float
    max_lines: Optional[int] = None
    one_line_floor: Optional[float] = None
    """Smallest size tried on one line before wrapping; None means max_size × 0.85 (never below min_size)."""

    @property
    def floor(self) -> float:
        floor = self.one_line_floor if self.one_line_floor is not None else self.max_size * 0.85
        return max(self.min_size, floor)


@dataclass(frozen=True)
class Fit:
    """Where a paragraph fits: its size in points and its lines."""

    size: float
    lines: tuple[Line, ...]

    @property
    def height(self) -> float:
        """Return the height the lines take in points, at the exact line pitch."""
        return len(self.lines) * self.size * LINE_SPACING


SIZE_STEP = 0.5
"""Sizes are tried in half points."""


def _sizes(high: float, low: float) -> list[float]:
    sizes = []
    size = high
    while size >= low - 1e-9:
        sizes.append(round(size * 2) / 2)
        size -= SIZE_STEP
    return sizes


def stranded(lines: Sequence[Line], size: float) -> bool:
    """Tell whether wrapped lines end in a last line of a character or two."""
    return len(lines) > 1 and lines[-1].width <= STRANDED_EM * size


def fit(measure: Measure, spans: Spans, width: float, height: float, role: Role) -> Optional[Fit]:
    """Return the size and lines at which a paragraph fits a box `width` × `height` points, or None.

    First the largest size down to role.floor on one line; then, wrapping, the
    largest size from role.max_size down to role.min_size whose lines fit the
    height and role.max_lines, passing over sizes that strand a last character
    while a smaller one avoids it. None when no size holds the text.
    """
    return _fit(measure, tuple(spans), width, height, role)


@functools.lru_cache(maxsize=4096)
def _fit(measure: Measure, spans: Spans, width: float, height: float, role: Role) -> Optional[Fit]:
    """fit(), remembered: a deck fits the same text in the same box more than once (sizing a group, then writing it)."""
    chars = _styled(spans)
    if "\n" not in "".join(char for char, _ in chars):
        one_line = line_width(measure, _rstrip(chars))
        for size in _sizes(role.max_size, role.floor):
            if one_line * size <= width * WIDTH_SAFETY and size * LINE_SPACING <= height:
                return Fit(size, tuple(wrap(measure, spans, size, width)))
    fallback: Optional[Fit] = None
    widest = unbreakable_width(measure, spans)
    for size in _sizes(role.max_size, role.min_size):
        lines = wrap(measure, spans, size, width)
        if role.max_lines is not None and len(lines) > role.max_lines:
            continue
        if len(lines) * size * LINE_SPACING > height:
            continue
        if widest * size > width * WIDTH_SAFETY:
            continue
        if not stranded(lines, size):
            return Fit(size, tuple(lines))
        fallback = fallback or Fit(size, tuple(lines))
    return fallback


def shorten(measure: Measure, text: str, bold: bool, size: float, width: float, lines: int) -> str:
    """Return text cut at the end, with an ellipsis, to fit `lines` lines `width` points wide at `size`."""
    kept = text
    while kept and len(wrap(measure, [(kept + ELLIPSIS, bold)], size, width)) > lines:
        kept = kept[:-1]
    return kept.rstrip() + ELLIPSIS


_SENTENCE_END = re.compile(r"(?<=[。！？；])")


def split_to_fit(measure: Measure, text: str, size: float, width: float, height: float) -> list[str]:
    """Split text at sentence ends into pieces that each fit the box at `size`; a sentence too long for a box is cut between characters."""
    room = max(1, int(height // (size * LINE_SPACING)))
    pieces: list[str] = []
    current = ""
    for sentence in [s for s in _SENTENCE_END.split(text) if s]:
        candidate = current + sentence
        if len(wrap(measure, [(candidate, False)], size, width)) <= room:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = sentence
        while len(wrap(measure, [(current, False)], size, width)) > room:
            lines = wrap(measure, [(current, False)], size, width)
            head = "".join(line.text for line in lines[:room])
            pieces.append(head)
            current = current[len(head):].lstrip()
    if current:
        pieces.append(current)
    return pieces
