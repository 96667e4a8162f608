"""Where a document prints each figure now: through its anchors, and by their context where an editor removed one.

An anchor holds the characters that printed the figure when the briefing
was built. After an edit it may hold:

- the new form whole (约13亿元 typed over 约12.5亿元): read as it is;
- the new form but for a qualifier typed just outside it (…亿元以上, 约…):
  the text either side joins the reading when the longer form reads as the
  figure;
- nothing (the form was selected and typed over, and the editor dropped
  the bookmark's range): the form is read forward from where it stood.

An anchor the document lost altogether (python-docx's `cell.text = …`,
some editors' retyping) is looked for by the text the document's list of
anchors recorded either side of it; failing that, the data's own form
printed anywhere in the document counts as the figure printed there. A
figure of the data that no anchor names and no list recorded (a document
that report_gen did not build) is read only where its data's form stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Optional

from ..ooxml.anchors import Anchored, Listed, body_lines, find_anchors, listed_anchors, long_ids_of
from ..ooxml import docx_text
from .reading import Item, Reading, data_form, read_as
from ..text.numbers import AFTER_UNIT, BEFORE_NUMBER

MAX_FORM_CHARACTERS = 40
"""The longest written form read forward from where an anchor stood (高于全市平均水平5.7个百分点 is 17)."""


@dataclass(frozen=True)
class Printed:
    """One place a document prints a figure: the text there, and how it was found."""

    figure: str
    text: str
    place: str
    how: str
    """anchor, emptied anchor (read from where it stood), context (its anchor lost, found by the text either side) or text (the data's form found)."""
    anchor: str = ""
    reading: Optional[Reading] = None
    """What the text says as the figure; None when it cannot be read as the figure."""


@dataclass(frozen=True)
class Lost:
    """An anchor the document's list names that is gone, its figure's form found nowhere by its context."""

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


def printed_figures(document, places: Places, items: Mapping[str, Item]) -> Printing:
    """Read where a document prints each figure of `items` (by id), through its anchors, their contexts, and the data's forms."""
    listed = listed_anchors(document)
    anchors = find_anchors(document, long_ids_of(listed))
    printed = [_through_anchor(anchored, places, items.get(anchored.figure)) for anchored in anchors]
    present = {anchored.name for anchored in anchors}
    lines = list(body_lines(document))
    lost: list[Lost] = []
    for entry in listed.values():
        if entry.name in present or entry.figure not in items:
            continue
        found = _by_context(entry, lines, places, items[entry.figure])
        if found is not None:
            printed.append(found)
            continue
        found = _by_data_form(entry.figure, lines, places, items[entry.figure], entry.name)
        if found is not None:
            printed.append(found)
        else:
            lost.append(Lost(entry.figure, entry.name, entry.written, entry.before))
    if not anchors and not listed:
        for figure_id, item in items.items():
            found = _by_data_form(figure_id, lines, places, item, "")
            if found is not None:
                printed.append(found)
    return Printing(printed, lost, bool(anchors or listed))


def _through_anchor(anchored: Anchored, places: Places, item: Optional[Item]) -> Printed:
    text = docx_text.paragraph_text(anchored.paragraph)
    place = places.get(anchored.paragraph, "body")
    if item is None:
        return Printed(anchored.figure, text[anchored.start:anchored.end], place, "anchor", anchored.name)
    if anchored.collapsed:
        span = _read_forward(text, anchored.start, item) or _read_backward(text, anchored.start, item)
        if span is not None:
            start, end, reading = span
            return Printed(anchored.figure, text[start:end], place, "emptied anchor", anchored.name, reading)
        return Printed(anchored.figure, "", place, "emptied anchor", anchored.name)
    start, end = anchored.start, anchored.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    start, end, reading = _widened(text, start, end, item)
    return Printed(anchored.figure, text[start:end], place, "anchor", anchored.name, reading)


def _widened(text: str, start: int, end: int, item: Item) -> tuple[int, int, Optional[Reading]]:
    """Read an anchor's text, taking in a qualifier typed just before or after it when the whole then reads as the item."""
    best = (start, end, read_as(item, text[start:end]))
    for before in ("", *BEFORE_NUMBER):
        for after in ("", *AFTER_UNIT):
            if not before and not after:
                continue
            if text[max(0, start - len(before)):start] != before or text[end:end + len(after)] != after:
                continue
            wider = (start - len(before), end + len(after))
            reading = read_as(item, text[wider[0]:wider[1]])
            if reading is not None:
                best = (*wider, reading)
    return best


def _read_forward(text: str, start: int, item: Item, unit_kept: bool = True) -> Optional[tuple[int, int, Reading]]:
    """Read the longest form that starts at `start` (or a qualifier before it) and reads as the item in its own unit."""
    found = None
    for begin in [start - len(word) for word in BEFORE_NUMBER if text[max(0, start - len(word)):start] == word] + [start]:
        for end in range(begin + 1, min(len(text), begin + MAX_FORM_CHARACTERS) + 1):
            reading = read_as(item, text[begin:end])
            if reading is not None and _same_unit(reading, item, unit_kept):
                if found is None or end - begin > found[1] - found[0]:
                    found = (begin, end, reading)
    return found


def _read_backward(text: str, end: int, item: Item) -> Optional[tuple[int, int, Reading]]:
    """Read the longest form that ends at `end` and reads as the item in its own unit."""
    found = None
    for begin in range(end - 1, max(-1, end - MAX_FORM_CHARACTERS - 1), -1):
        reading = read_as(item, text[begin:end])
        if reading is not None and _same_unit(reading, item, True):
            found = (begin, end, reading)
    return found


def _same_unit(reading: Reading, item: Item, required: bool) -> bool:
    return not required or reading.shares or reading.unit == getattr(item, "unit", reading.unit)


def _by_context(entry: Listed, lines, places: Places, item: Item) -> Optional[Printed]:
    """Find a lost anchor's form again: after the text recorded before it, or before the text recorded after it."""
    for key in _keys(entry.before, from_end=True):
        for line, members in lines:
            at = line.find(key)
            while at >= 0:
                span = _read_forward(line, at + len(key), item)
                if span is not None:
                    return _printed_in_line(entry, line, members, places, span)
                at = line.find(key, at + 1)
    for key in _keys(entry.after, from_end=False):
        for line, members in lines:
            at = line.find(key)
            while at >= 0:
                span = _read_backward(line, at, item)
                if span is not None:
                    return _printed_in_line(entry, line, members, places, span)
                at = line.find(key, at + 1)
    return None


def _keys(context: str, from_end: bool) -> Iterator[str]:
    """Yield a context, then its nearer half, as the text to look for (short contexts are not looked for)."""
    for size in (len(context), len(context) // 2):
        key = context[-size:] if from_end else context[:size]
        if len(key) >= 4:
            yield key


def _printed_in_line(entry: Listed, line: str, members, places: Places, span) -> Printed:
    start, end, reading = span
    paragraph = _paragraph_at(members, start)
    return Printed(entry.figure, line[start:end], places.get(paragraph, "body"), "context", entry.name, reading)


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
        at = line.find(written)
        while at >= 0:
            if not _inside_a_number(line, at, at + len(written)):
                return Printed(figure_id, written, places.get(_paragraph_at(members, at), "body"), "text", anchor,
                               read_as(item, written))
            at = line.find(written, at + 1)
    return None


def _inside_a_number(line: str, start: int, end: int) -> bool:
    """Say whether a form found in a line is part of a longer number (500余名 in 1500余名, 12% in 12%以上)."""
    before = line[start - 1:start]
    after = line[end:end + 2]
    return before.isdigit() or before == "." or after[:1].isdigit() or after in AFTER_UNIT or after[:1] in ("余", "多")


def place_names(passages) -> dict:
    """Return each passage's paragraph element → its place name."""
    return {passage.anchor: passage.place for passage in passages if passage.anchor is not None}
