"""Measure text with the real fonts' advance widths, break it into lines, and find the size it fits a box at.

A slide names two typefaces for each run: a Latin one for letters and digits
and an East Asian one for Chinese. `Measure` reads the advance widths of the
font files a renderer will draw those typefaces with (fontTools on the file
fontconfig or matplotlib resolves the name to; for a Chinese typeface that is
not installed, the CJK font report_gen draws its charts with), so a line is as
wide here as on the slide.

Fitting tries, in order: the largest size down to a limit on one line; then
wrapping, from the largest size down to the smallest; and reports failure
(None) when even that does not hold the text, so the caller can continue on a
follow-up slide or, for a short label, shorten it.

Knows nothing of PowerPoint: boxes are widths and heights in points.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from ..fonts.chart_font import CJK_PROBE, find_cjk_font

LINE_SPACING = 1.25
"""Line pitch as a multiple of the font size; slides write it as an exact spacing, so heights are predictable."""
WIDTH_SAFETY = 0.97
"""Share of a box's width a line may fill: room for kerning and a renderer's rounding."""
AUTOSPACE_EM = 0.25
"""Gap LibreOffice puts between a Chinese character and a Latin word or number (约 12.5 亿元)."""
STRANDED_EM = 2.0
"""A last line this wide (in em) or narrower looks stranded: 干部 split as 干 / 部."""
ELLIPSIS = "…"

Spans = Sequence[tuple[str, bool]]
"""A paragraph as pieces of text, each with whether it is bold."""


# ------------------------------------------------------------ font files --


@dataclass(frozen=True)
class FaceFile:
    """A face of a font file: the file and the face's index in a collection (.ttc)."""

    path: Path
    index: int = 0


class Face:
    """Advance widths of one font face, in em."""

    def __init__(self, face: FaceFile):
        from fontTools.ttLib import TTFont

        self.file = face
        with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
            units = font["head"].unitsPerEm
            metrics = font["hmtx"].metrics
            self._advances = {
                code: metrics[glyph][0] / units for code, glyph in (font.getBestCmap() or {}).items() if glyph in metrics
            }

    def advance(self, char: str) -> Optional[float]:
        """Return a character's advance in em, or None when the face has no glyph for it."""
        return self._advances.get(ord(char))

    def covers(self, text: str) -> bool:
        """Tell whether the face has a glyph for every character of text."""
        return all(ord(char) in self._advances for char in text)


@functools.lru_cache(maxsize=None)
def _face(face: FaceFile) -> Face:
    return Face(face)


@functools.lru_cache(maxsize=None)
def locate(family: str, bold: bool) -> Optional[FaceFile]:
    """Return the face a renderer draws a typeface with (fontconfig's match, else matplotlib's); None if neither knows."""
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        try:
            found = subprocess.run(
                [fc_match, "-f", "%{file}\t%{index}", f"{family}:bold" if bold else family],
                capture_output=True, text=True, timeout=30, check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            found = ""
        file, _, index = found.partition("\t")
        if file and Path(file).is_file():
            return FaceFile(Path(file), int(index or 0))
    from matplotlib import font_manager

    try:
        path = font_manager.fontManager.findfont(
            font_manager.FontProperties(family=family, weight="bold" if bold else "normal"), fallback_to_default=True
        )
    except ValueError:
        return None
    return FaceFile(Path(path), 0)


# ------------------------------------------------------------ measuring --


def is_wide(char: str) -> bool:
    """Tell whether a character is drawn in the East Asian font: CJK characters and full-width forms."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _ambiguous(char: str) -> bool:
    """Tell whether a renderer may draw a character in either font (“ ” … — ·)."""
    return unicodedata.east_asian_width(char) == "A"


class Measure:
    """Widths of text set in a Latin and an East Asian typeface, from the fonts that will draw them."""

    def __init__(self, latin: str, east_asian: str):
        """Resolve both typefaces, regular and bold; a Chinese typeface that is not installed is measured with the charts' CJK font."""
        self.latin = latin
        self.east_asian = east_asian
        self._faces: dict[tuple[str, bool], Face] = {}
        self._cache: dict[tuple[str, bool], float] = {}

    def _get(self, script: str, bold: bool) -> Face:
        key = (script, bold)
        if key not in self._faces:
            self._faces[key] = self._resolve(script, bold)
        return self._faces[key]

    def _resolve(self, script: str, bold: bool) -> Face:
        if script == "latin":
            found = locate(self.latin, bold) or locate(self.latin, False)
            if found is not None:
                return _face(found)
            return self._get("ea", bold)
        found = locate(self.east_asian, bold)
        if found is not None and _face(found).covers(CJK_PROBE):
            return _face(found)
        cjk = find_cjk_font()
        if bold:
            bold_face = locate(cjk.family, True)
            if bold_face is not None and _face(bold_face).covers(CJK_PROBE):
                return _face(bold_face)
        from ..fonts.chart_font import face_index  # the face of a collection that holds the family

        return _face(FaceFile(cjk.path, face_index(cjk)))

    def advance(self, char: str, bold: bool = False) -> float:
        """Return the advance of a character in em, in the font the renderer picks for it."""
        key = (char, bold)
        if key not in self._cache:
            latin = self._get("latin", bold).advance(char)
            wide = self._get("ea", bold).advance(char)
            if is_wide(char) or latin is None:
                value = wide if wide is not None else 1.0
            elif _ambiguous(char) and wide is not None:
                value = max(latin, wide)
            else:
                value = latin
            self._cache[key] = value
        return self._cache[key]

    def width(self, text: str, bold: bool = False) -> float:
        """Return the width of one line of text in em, with the gaps a renderer may put between scripts."""
        return _line_width(self, [(char, bold) for char in text])


def _script_change(before: str, after: str) -> bool:
    """Tell whether two neighbouring characters are a Chinese character and a Latin letter or digit."""
    def han(char: str) -> bool:
        return is_wide(char) and unicodedata.category(char).startswith("L")

    def latin(char: str) -> bool:
        return char.isascii() and char.isalnum()

    return (han(before) and latin(after)) or (latin(before) and han(after))


def _line_width(measure: Measure, chars: Sequence[tuple[str, bool]]) -> float:
    total = 0.0
    previous = ""
    for char, bold in chars:
        total += measure.advance(char, bold)
        if previous and _script_change(previous, char):
            total += AUTOSPACE_EM
        previous = char
    return total


# ------------------------------------------------------------ breaking --

_CLOSING = "，。、；：？！）》」』】〉”’%,.;:?!)]…·"
_OPENING = "（《「『【〈“‘([￥$"
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,/%+\-·:]*|\s+|.")


def tokens(text: str) -> list[str]:
    """Split text into the pieces a line may break between: characters, but numbers and words whole.

    Closing punctuation stays with what precedes it and opening punctuation
    with what follows, so no line starts with ）or ends with （.
    """
    found: list[str] = []
    carry = ""
    for piece in _TOKEN.findall(text):
        if piece in _OPENING:
            carry += piece
            continue
        if found and not carry and piece in _CLOSING:
            found[-1] += piece
            continue
        found.append(carry + piece)
        carry = ""
    if carry:
        found.append(carry)
    return found


@dataclass(frozen=True)
class Line:
    """One line of a wrapped paragraph and its width in points."""

    text: str
    width: float


def _styled(spans: Spans) -> list[tuple[str, bool]]:
    return [(char, bold) for text, bold in spans for char in text]


def _extend(measure: Measure, previous: str, piece: Sequence[tuple[str, bool]]) -> float:
    """Return the width in em that `piece` adds after the character `previous` ('' at a line's start)."""
    total = 0.0
    for char, bold in piece:
        total += measure.advance(char, bold)
        if previous and _script_change(previous, char):
            total += AUTOSPACE_EM
        previous = char
    return total


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
        for token in tokens(block):
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
                used = _line_width(measure, line)
        lines.append(_as_line(measure, line, size))
    return lines


def _rstrip(chars: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    end = len(chars)
    while end and chars[end - 1][0].isspace():
        end -= 1
    return chars[:end]


def _as_line(measure: Measure, chars: list[tuple[str, bool]], size: float) -> Line:
    kept = _rstrip(chars)
    return Line("".join(char for char, _ in kept), _line_width(measure, kept) * size)


def _break_long(measure: Measure, chars: list[tuple[str, bool]], capacity: float, size: float, lines: list[Line]) -> list:
    """Break a run of characters wider than a line between characters; return what is left for the next line."""
    while _line_width(measure, _rstrip(chars)) > capacity and len(chars) > 1:
        used, cut = 0.0, 0
        previous = ""
        for char, bold in chars:
            step = measure.advance(char, bold) + (AUTOSPACE_EM if previous and _script_change(previous, char) else 0.0)
            if cut and used + step > capacity:
                break
            used += step
            cut += 1
            previous = char
        lines.append(_as_line(measure, chars[:cut], size))
        chars = chars[cut:]
    return chars


def unbreakable_width(measure: Measure, spans: Spans) -> float:
    """Return the width in em of the widest piece a line may not break inside (a number, a word)."""
    chars = _styled(spans)
    text = "".join(char for char, _ in chars)
    widest, position = 0.0, 0
    for token in tokens(text):
        widest = max(widest, _line_width(measure, chars[position:position + len(token)]))
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
    chars = _styled(spans)
    if "\n" not in "".join(char for char, _ in chars):
        one_line = _line_width(measure, _rstrip(chars))
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
