"""Tracked changes in a Word paragraph: text deleted (w:del) and inserted (w:ins), with author and date, as Word writes them.

A reviewer accepts or rejects each one in Word, WPS or LibreOffice. The
deleted runs stay where they were, their w:t turned into w:delText; the new
text is a run with the first deleted run's formatting (or the run before it).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Iterator, Optional

from docx.oxml.ns import qn
from lxml import etree

from .docx_text import first_run, isolate, pieces, run_before

_DELETABLE = {qn(tag) for tag in ("w:r", "w:proofErr", "w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart",
                                  "w:commentRangeEnd", "w:permStart", "w:permEnd", "w:smartTag", "w:customXml")}
"""What may stand between deleted runs inside one w:del (the schema's run-level content)."""

_TRACKED_PARENTS = {qn(tag) for tag in ("w:p", "w:hyperlink", "w:smartTag", "w:customXml", "w:sdtContent", "w:fldSimple")}
"""Where a w:ins or w:del may go: not inside another tracked change."""


class RevisionIds:
    """Hands out w:id values for revisions, above every id already in the document (bookmarks and comments use the same kind of ids)."""

    def __init__(self, *roots: etree._Element, reserve: int = 0):
        highest = -1
        for root in roots:
            for element in root.iter():
                value = element.get(qn("w:id")) if isinstance(element.tag, str) else None
                if value is not None and value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
        self.next = highest + 1 + reserve

    def take(self) -> str:
        value = self.next
        self.next += 1
        return str(value)


def timestamp(moment: Optional[dt.datetime] = None) -> str:
    """Return a moment as w:date writes it: 2025-08-01T09:30:00Z (UTC, no fraction)."""
    moment = (moment or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def can_track(paragraph: etree._Element, start: int, end: int) -> bool:
    """Tell whether text[start:end] of a paragraph can be changed as a tracked change: its runs share one parent outside any tracked change."""
    covered = [piece for piece in pieces(paragraph) if piece.end > start and piece.start < end]
    if end > start and not covered:
        return False
    parents = {id(piece.run.getparent()) for piece in covered}
    if len(parents) > 1 or (covered and not can_delete_span(covered[0].run, covered[-1].run)):
        return False
    anchor = covered[0].run if covered else None
    if anchor is None:
        before = [piece for piece in pieces(paragraph) if piece.end <= start]
        anchor = before[-1].run if before else first_run(paragraph)
    return anchor is not None and anchor.getparent().tag in _TRACKED_PARENTS


def track_change(paragraph: etree._Element, start: int, end: int, inserted: str, author: str, date: str, ids: RevisionIds) -> None:
    """Mark text[start:end] of a w:p as deleted and `inserted` as inserted there, as tracked changes (call `can_track` first)."""
    runs = isolate(paragraph, start, end) if end > start else []
    template: Optional[etree._Element] = runs[0] if runs else None
    anchor: Optional[etree._Element] = None
    if runs:
        deletion = _element("w:del", ids.take(), author, date)
        first = runs[0]
        first.addprevious(deletion)
        for sibling in list(_siblings_through(first, runs[-1])):
            deletion.append(sibling)
            for run in sibling.iter(qn("w:r")):
                _mark_deleted(run)
        anchor = deletion
    else:
        before = run_before(paragraph, start)
        template = before if before is not None else first_run(paragraph)
        anchor = before
    if not inserted:
        return
    insertion = _element("w:ins", ids.take(), author, date)
    insertion.append(_new_run(template, inserted))
    if anchor is not None:
        anchor.addnext(insertion)
    elif template is not None:
        template.addprevious(insertion)
    else:
        paragraph.append(insertion)


def _siblings_through(first: etree._Element, last: etree._Element) -> Iterator[etree._Element]:
    element: Optional[etree._Element] = first
    while element is not None:
        following = element.getnext()
        yield element
        if element is last:
            return
        element = following


def can_delete_span(first: etree._Element, last: etree._Element) -> bool:
    """Tell whether every element from `first` to `last` may stand inside one w:del."""
    return all(element.tag in _DELETABLE for element in _siblings_through(first, last))


def _mark_deleted(run: etree._Element) -> None:
    for text in run.findall(qn("w:t")):
        text.tag = qn("w:delText")
    for instruction in run.findall(qn("w:instrText")):
        instruction.tag = qn("w:delInstrText")


def _element(tag: str, identifier: str, author: str, date: str) -> etree._Element:
    element = etree.Element(qn(tag))
    element.set(qn("w:id"), identifier)
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date)
    return element


def _new_run(template: Optional[etree._Element], text: str) -> etree._Element:
    run = etree.Element(qn("w:r"))
    properties = template.find(qn("w:rPr")) if template is not None else None
    if properties is not None:
        run.append(copy.deepcopy(properties))
    element = etree.SubElement(run, qn("w:t"))
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def count_revisions(root: etree._Element) -> tuple[int, int]:
    """Return how many w:ins and w:del elements a part holds."""
    return len(root.findall(f".//{qn('w:ins')}")), len(root.findall(f".//{qn('w:del')}"))
