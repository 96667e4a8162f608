"""Where a document prints each figure now: in the paragraph its anchor marks, found by the text either side of it.

Each anchor marks a paragraph (or a table cell) and the list of anchors in
the document says what stood either side of the figure's form there. The
form is found again between that context, or after the text before it, or
before the text after it (the nearer part of the context if an editor
changed the rest), and read as the figure from there: the longest text that
reads as the figure in its own unit, so a qualifier typed before or after a
number (约…, …以上) is read with it, and 500余名党员 is read as 500余名. Text
between a context that is still whole on both sides, which does not read
as the figure (十三亿元), is the document's form all the same, and is listed
for a person. A table row is one line, its cells joined by tabs, so a value
in a cell is found by the label beside it.

An anchor the document lost (python-docx's `cell.text = …`, a paragraph
retyped) is looked for by the same context in every line of the document;
failing that, the data's own form printed anywhere counts as the figure
printed there. A document without a list of anchors (one report_gen did
not build, or whose list an editor's program dropped) is read only where
the data's own forms stand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping, Optional

from ..ooxml import docx_text
from ..ooxml.anchors import Listed, body_lines, find_anchors, line_of, listed_anchors, long_ids_of
from ..text.numbers import AFTER_UNIT
from .reading import Item, Reading, data_form, read_as

MAX_FORM_CHARACTERS = 40
"""The longest written form read after or before its context (高于全市平均水平5.7个百分点 is 17)."""

MIN_KEY_CHARACTERS = 2
"""The shortest part of a context looked for in the paragraph an anchor marks."""

MIN_KEY_CHARACTERS_ELSEWHERE = 8
"""The shortest part of a context looked for in the whole document, for a figure whose anchor is gone: shorter
text (北碚, 年底，) stands before many numbers."""


@dataclass(frozen=True)
class Printed:
    """One place a document prints a figure: the text there, and how it was found."""

    figure: str
    text: str
    place: str
    how: str
    """anchor (in the paragraph its bookmark marks), context (its bookmark lost, found by the text either side) or text (the data's form found)."""
    anchor: str = ""
    reading: Optional[Reading] = None
    """What the text says as the figure; None when it cannot be read as the figure."""


@dataclass(frozen=True)
class Lost:
    """An anchor whose figure's form is found nowhere: not in its paragraph, not by its context, not as the data writes it."""

    figure: str
    anchor: str
    written: str
    before: str


@dataclass
class Printing:
    """Every place a document prints the figures of a data file, and the anchors lost without a trace."""

    printed: list[Printed]
    lost: list[Lost]
    anchored: bool
    """Whether the document holds figure anchors or a list of them (a briefing report_gen built)."""


Places = Mapping[object, str]
"""A paragraph element → its place, as proofreading names it (一、总体情况 ¶3, table 2 row 3 col 1)."""

Span = tuple[int, int, Optional[Reading]]


def printed_figures(document, places: Places, items: Mapping[str, Item]) -> Printing:
    """Read where a document prints each figure of `items` (by id), through its anchors, their contexts, and the data's forms."""
    listed = listed_anchors(document)
    anchors = find_anchors(document, long_ids_of(listed))
    lines = list(body_lines(document))
    printed: list[Printed] = []
    lost: list[Lost] = []
    present = set()
    for anchored in anchors:
        present.add(anchored.name)
        item = items.get(anchored.figure)
        entry = listed.get(anchored.name)
        if item is None:
            printed.append(Printed(anchored.figure, entry.written if entry else "", places.get(anchored.paragraph, "body"),
                                   "anchor", anchored.name))
            continue
        entry = entry or Listed(anchored.name, anchored.figure, data_form(item), "", "")
        line, offset = line_of(anchored.paragraph)
        span = locate(line, offset, offset + len(docx_text.paragraph_text(anchored.paragraph)), entry, item)
        if span is not None:
            printed.append(Printed(anchored.figure, line[span[0]:span[1]], places.get(anchored.paragraph, "body"), "anchor",
                                   anchored.name, span[2]))
        else:
            _elsewhere(entry, lines, places, item, printed, lost)
    for entry in listed.values():
        if entry.name not in present and entry.figure in items:
            _elsewhere(entry, lines, places, items[entry.figure], printed, lost)
    if not anchors and not listed:
        for figure_id, item in items.items():
            found = _by_data_form(figure_id, lines, places, item, "")
            if found is not None:
                printed.append(found)
    return Printing(printed, lost, bool(anchors or listed))


def _elsewhere(entry: Listed, lines, places: Places, item: Item, printed: list[Printed], lost: list[Lost]) -> None:
    """Find a figure whose anchor is gone (or whose paragraph no longer holds it) by its context, then by the data's form."""
    for line, members in lines:
        span = locate(line, 0, len(line), entry, item, in_its_paragraph=False)
        if span is not None:
            printed.append(Printed(entry.figure, line[span[0]:span[1]], places.get(_paragraph_at(members, span[0]), "body"),
                                   "context", entry.name, span[2]))
            return
    found = _by_data_form(entry.figure, lines, places, item, entry.name)
    if found is not None:
        printed.append(found)
    else:
        lost.append(Lost(entry.figure, entry.name, entry.written, entry.before))


def locate(line: str, low: int, high: int, entry: Listed, item: Item, in_its_paragraph: bool = True) -> Optional[Span]:
    """Find an anchor's figure within line[low:high]: between its context, after the text before it, before the text after it.

    The context may lie outside low..high (a table cell's is in its row). In
    the paragraph the anchor marks, a short part of the context will do, a
    figure that opened the paragraph is read from its start, and the form as
    built or as the data writes it counts; in any other line, only eight or
    more characters of context do.
    Return (start, end, reading), the reading None for text between a whole
    context that does not read as the figure; None when not found.
    """
    between = _between(line, low, high, entry.before, entry.after)
    if between is not None:
        start, end = between
        reading = read_as(item, line[start:end])
        if reading is not None or entry.before and entry.after:
            return start, end, reading
    shortest = MIN_KEY_CHARACTERS if in_its_paragraph else MIN_KEY_CHARACTERS_ELSEWHERE
    for key in _keys(entry.before, True, shortest):
        for at in _occurrences(line, key):
            if low <= at + len(key) < high and (span := _read_forward(line, at + len(key), high, item)) is not None:
                return span
    for key in _keys(entry.after, False, shortest):
        for at in _occurrences(line, key):
            if low < at <= high and (span := _read_backward(line, low, at, item)) is not None:
                return span
    if not entry.before and in_its_paragraph:  # the figure opened its paragraph or cell
        span = _read_forward(line, low, high, item)
        if span is not None:
            return span
    if in_its_paragraph:
        for written in dict.fromkeys((entry.written, data_form(item))):
            for at in _occurrences(line, written):
                if low <= at and at + len(written) <= high and not _inside_a_number(line, at, at + len(written)):
                    return at, at + len(written), read_as(item, written)
    return None


def _between(line: str, low: int, high: int, before: str, after: str) -> Optional[tuple[int, int]]:
    """Return the span within low..high between the whole context either side (the paragraph's start when `before` is empty)."""
    if not after:
        return None
    starts = [at + len(before) for at in _occurrences(line, before)] if before else [low]
    for start in starts:
        end = line.find(after, start)
        if low <= start < end <= min(high, start + MAX_FORM_CHARACTERS):
            return start, end
    return None


def _occurrences(line: str, key: str) -> Iterator[int]:
    at = line.find(key) if key else -1
    while at >= 0:
        yield at
        at = line.find(key, at + 1)


def _keys(context: str, from_end: bool, shortest: int) -> Iterator[str]:
    """Yield a context, then ever nearer parts of it (8, 4, then 2 characters, none under `shortest`), as the text to look for."""
    for size in dict.fromkeys((len(context), 8, 4, 2)):
        if shortest <= size <= len(context):
            yield context[-size:] if from_end else context[:size]


def _read_forward(line: str, start: int, high: int, item: Item) -> Optional[Span]:
    """Read the longest text from `start` that reads as the item in its own unit."""
    found = None
    for end in range(start + 1, min(high, start + MAX_FORM_CHARACTERS) + 1):
        reading = read_as(item, line[start:end])
        if reading is not None and _same_unit(reading, item):
            found = (start, end, reading)
    return found


def _read_backward(line: str, low: int, end: int, item: Item) -> Optional[Span]:
    """Read the longest text ending at `end` that reads as the item in its own unit."""
    found = None
    for start in range(end - 1, max(low, end - MAX_FORM_CHARACTERS) - 1, -1):
        reading = read_as(item, line[start:end])
        if reading is not None and _same_unit(reading, item):
            found = (start, end, reading)
    return found


def _same_unit(reading: Reading, item: Item) -> bool:
    """Say whether a reading keeps the item's unit: a number read from running text does not change 万元 to 元."""
    return bool(reading.shares) or reading.unit == getattr(item, "unit", reading.unit)


def _paragraph_at(members, position: int):
    holder = members[0][0]
    for paragraph, offset in members:
        if offset <= position:
            holder = paragraph
    return holder


def _by_data_form(figure_id: str, lines, places: Places, item: Item, anchor: str) -> Optional[Printed]:
    """Find the data's own form of an item printed anywhere in the document: the first place it stands."""
    written = data_form(item)
    for line, members in lines:
        for at in _occurrences(line, written):
            if not _inside_a_number(line, at, at + len(written)):
                return Printed(figure_id, written, places.get(_paragraph_at(members, at), "body"), "text", anchor,
                               read_as(item, written))
    return None


def _inside_a_number(line: str, start: int, end: int) -> bool:
    """Say whether a form found in a line is part of a longer number (500余名 in 1500余名, 12% in 12%以上)."""
    before = line[start - 1:start] if start else ""
    after = line[end:end + 2]
    return before.isdigit() or before == "." or after[:1].isdigit() or after in AFTER_UNIT or after[:1] in ("余", "多")


def place_names(passages) -> dict:
    """Return each passage's paragraph element → its place name."""
    return {passage.anchor: passage.place for passage in passages if passage.anchor is not None}
