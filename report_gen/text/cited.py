"""Text that cites its sources: the string, with the places figures were printed and the source of each, beside it.

A template prints a figure (约12.5亿元) and the reader must learn where it was
reported. The text and its citations travel together as a `CitedText`: a
`str` (so jinja2, filters and joins treat it as text, the way markupsafe's
Markup travels) that also holds `citations`, each the offset just after a
printed figure and the id of the source that reported it. Operations that
keep citations (join, tidy, split, strip) are here; any other string
operation gives plain text without them.

A text may also carry `marks`: the span of a figure's written form (约12.5亿元)
and the figure's id, so the briefing can anchor the very characters that
print the figure, and `report_gen check --data` read them back after an edit.

`sentence_segments` turns cited text into what the briefing writes: each
sentence that quotes figures cites their sources once, just before its
closing punctuation, and a run of sentences citing the same sources is
cited once at its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from .cjk import SPACING_RULES

SENTENCE_END = "。！？"
CLOSING_MARKS = "”’」』）)"
"""Marks that may follow the sentence-ending punctuation and belong to the sentence."""


@dataclass(frozen=True, order=True)
class Citation:
    """A figure from `source` was printed just before offset `at` of the text."""

    at: int
    source: str


@dataclass(frozen=True, order=True)
class Mark:
    """Characters start..end of the text print the written form of the figure `figure` (its id)."""

    start: int
    end: int
    figure: str

    def shifted(self, by: int) -> "Mark":
        return Mark(self.start + by, self.end + by, self.figure)


class CitedText(str):
    """A string with the citations of the figures printed in it, and the marks of their written forms; see the module docstring."""

    citations: tuple[Citation, ...]
    marks: tuple[Mark, ...]

    def __new__(cls, text: str = "", citations: Iterable[Citation] = (), marks: Iterable[Mark] = ()) -> "CitedText":
        made = super().__new__(cls, text)
        made.citations = tuple(sorted(citations))
        made.marks = tuple(sorted(marks))
        return made

    @classmethod
    def of(cls, text: str, source: str, figure: str | None = None) -> "CitedText":
        """Return text that cites `source` at its end: a figure as printed (约12.5亿元), marked as `figure`'s when given."""
        return cls.stating(text, source, figure, (0, len(text)) if figure is not None else None)

    @classmethod
    def stating(cls, text: str, source: str, figure: str, span: tuple[int, int] | None) -> "CitedText":
        """Return a statement of a figure that cites `source` at its end, its characters `span` (the figure's written form
        inside the statement) marked as the figure's; no mark when `span` is None (the form is not in the text)."""
        marks = ()
        if span is not None and 0 <= span[0] < span[1] <= len(text):
            marks = (Mark(span[0], span[1], figure),)
        return cls(text, (Citation(len(text), source),), marks)

    def __str__(self) -> "CitedText":
        # jinja2 writes str(value) for every {{ }}; returning self keeps the citations.
        return self

    def __repr__(self) -> str:
        return f"CitedText({str.__str__(self)!r}, {list(self.citations)!r})"

    def __add__(self, other: str) -> "CitedText":
        return join([self, other])

    def __radd__(self, other: str) -> "CitedText":
        return join([other, self])

    @property
    def plain(self) -> str:
        """Return the text alone, as a plain str."""
        return str.__str__(self)

    @property
    def sources(self) -> tuple[str, ...]:
        """Return the cited source ids in order of first citation."""
        return tuple(dict.fromkeys(citation.source for citation in self.citations))

    def cite(self, source: str) -> "CitedText":
        """Return this text with one more citation of `source` at its end."""
        return CitedText(self.plain, self.citations + (Citation(len(self), source),), self.marks)

    def slice(self, start: int, end: int) -> "CitedText":
        """Return text[start:end] with the citations inside it (one at `end` included, one at `start` only when empty)
        and the marks wholly inside it."""
        kept = [Citation(c.at - start, c.source) for c in self.citations if start < c.at <= end or (c.at == start == end)]
        marks = [mark.shifted(-start) for mark in self.marks if start <= mark.start and mark.end <= end]
        return CitedText(self.plain[start:end], kept, marks)

    def substitute(self, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], str]) -> "CitedText":
        """Return the text with each match replaced, moving citations after a match by the change in length.

        A citation inside a replaced stretch moves to the end of its replacement.
        """
        pieces: list[str] = []
        shifts: list[tuple[int, int, int]] = []  # (old start, old end, new end) of each replaced stretch
        position = new_length = 0
        for match in pattern.finditer(self.plain):
            pieces.append(self.plain[position:match.start()])
            new_length += match.start() - position
            replaced = replacement(match)
            pieces.append(replaced)
            new_length += len(replaced)
            shifts.append((match.start(), match.end(), new_length))
            position = match.end()
        pieces.append(self.plain[position:])
        marks = [Mark(_moved(m.start, shifts), _moved(m.end, shifts), m.figure) for m in self.marks]
        return CitedText("".join(pieces), [Citation(_moved(c.at, shifts), c.source) for c in self.citations],
                         [mark for mark in marks if mark.start < mark.end])

    def strip(self, chars: str | None = None) -> "CitedText":  # type: ignore[override]
        """Return the text without leading and trailing white space (or `chars`), citations kept."""
        start = len(self) - len(self.plain.lstrip(chars))
        end = len(self.plain.rstrip(chars))
        return self.slice(start, max(start, end))

    def split_at(self, pattern: re.Pattern[str]) -> list["CitedText"]:
        """Split where the pattern matches (the matches dropped), citations kept with their pieces."""
        pieces = []
        position = 0
        for match in pattern.finditer(self.plain):
            pieces.append(self.slice(position, match.start()))
            position = match.end()
        pieces.append(self.slice(position, len(self)))
        return pieces


def _moved(at: int, shifts: Sequence[tuple[int, int, int]]) -> int:
    """Return where offset `at` lands after the replacements described by `shifts`."""
    delta = 0
    for start, end, new_end in shifts:
        if at <= start:
            break
        if at < end:  # inside the replaced stretch
            return new_end
        delta = new_end - end
    return at + delta


def as_cited(text: str) -> CitedText:
    """Return text as CitedText, keeping its citations if it has any."""
    return text if isinstance(text, CitedText) else CitedText(str(text))


def join(pieces: Iterable[str], separator: str = "") -> CitedText:
    """Join pieces of text, keeping every piece's citations at their places in the result."""
    text: list[str] = []
    citations: list[Citation] = []
    marks: list[Mark] = []
    length = 0
    for index, piece in enumerate(pieces):
        if index and separator:
            text.append(separator)
            length += len(separator)
        for citation in getattr(piece, "citations", ()):
            citations.append(Citation(citation.at + length, citation.source))
        marks.extend(mark.shifted(length) for mark in getattr(piece, "marks", ()))
        plain = piece.plain if isinstance(piece, CitedText) else str(piece)
        text.append(plain)
        length += len(plain)
    return CitedText("".join(text), citations, marks)


def tidy(text: str) -> CitedText:
    """Return text without the white space YAML folding leaves (the rules of report_gen.text.cjk), citations kept."""
    cited = as_cited(text)
    for rule in SPACING_RULES:
        cited = cited.substitute(rule, lambda match: "")
    return cited


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph and the sources (ids, in order of first mention) to cite right after it."""

    text: str
    sources: tuple[str, ...] = ()
    marks: tuple[Mark, ...] = ()
    """The figures' written forms in the text, their offsets counted from the segment's start."""


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence: text up to and including 。！？ and any closing marks after it."""
    bounds = []
    start = 0
    for match in re.finditer(f"[{SENTENCE_END}][{CLOSING_MARKS}]*", text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def sentence_segments(text: str) -> list[Segment]:
    """Turn cited text into segments, each sentence's sources cited once before its closing punctuation.

    Consecutive sentences citing the same sources are cited once, after the
    last of them; text without citations is one segment citing nothing. A
    citation right after a sentence's closing punctuation belongs to that
    sentence.
    """
    cited = as_cited(text)
    plain = cited.plain
    bounds = _sentence_bounds(plain)
    sentences: list[tuple[str, tuple[str, ...]]] = []
    for start, end in bounds:
        # A citation right after a sentence's end mark (at == end) belongs to that sentence, not the next.
        sources = tuple(dict.fromkeys(c.source for c in cited.citations if start < c.at <= end or c.at == start == 0))
        sentences.append((plain[start:end], sources))
    segments: list[Segment] = []
    pending, start = "", 0  # the text not yet in a segment, and where it starts in the whole

    def segment(text: str, sources: tuple[str, ...] = ()) -> Segment:
        end = start + len(text)
        marks = tuple(mark.shifted(-start) for mark in cited.marks if start <= mark.start and mark.end <= end)
        return Segment(text, sources, marks)

    for index, (sentence, sources) in enumerate(sentences):
        following = sentences[index + 1][1] if index + 1 < len(sentences) else ()
        if not sources or sources == following:
            pending += sentence
            continue
        body = sentence.rstrip(CLOSING_MARKS)
        tail = sentence[len(body):]
        if body and body[-1] in SENTENCE_END:
            body, tail = body[:-1], body[-1] + tail
        segments.append(segment(pending + body, sources))
        start += len(pending + body)
        pending = tail
    if pending or not segments:
        segments.append(segment(pending))
    return segments
