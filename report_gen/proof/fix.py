"""Write a proofread copy of a .docx: the safe fixes as tracked changes, a comment on every finding that needs a person.

Each fix becomes the smallest tracked change that makes it (10～20% → 10%～20%
inserts one %), by author "report_gen" with the time of the run (or
SOURCE_DATE_EPOCH), so a reviewer accepts or rejects it in Word, WPS or
LibreOffice. A fix that would overlap another, or cross runs Word keeps apart
(a hyperlink, a field), becomes a comment instead. Findings in headers and
footers are listed by `check` but not marked: Word keeps no comments there.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from typing import Optional, Sequence

from .document import Draft
from .model import Finding

AUTHOR = "report_gen"
INITIALS = "RG"
MARKED_KINDS = ("body", "table", "textbox")
"""Passages of the document's body part, where tracked changes and comments go."""


@dataclass
class Fixed:
    """A proofread copy: its bytes, and how many findings became tracked changes, comments, or were only listed."""

    data: bytes
    tracked: int = 0
    commented: int = 0
    listed: int = 0
    insertions: int = 0
    deletions: int = 0


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    inserted: str
    finding: Finding


def smallest_edit(text: str, start: int, end: int, replacement: str) -> tuple[int, int, str]:
    """Return the smallest (start, end, inserted) that turns text[start:end] into `replacement`: equal ends are left alone."""
    old = text[start:end]
    if old and replacement.endswith(old):  # 25 → 2025: insert before, rather than in the middle of, what stays
        return start, start, replacement[:len(replacement) - len(old)]
    if old and replacement.startswith(old):
        return end, end, replacement[len(old):]
    prefix = 0
    while prefix < min(len(old), len(replacement)) and old[prefix] == replacement[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(replacement)) - prefix and old[len(old) - 1 - suffix] == replacement[len(replacement) - 1 - suffix]:
        suffix += 1
    return start + prefix, end - suffix, replacement[prefix:len(replacement) - suffix]


def review_moment(environ=os.environ) -> dt.datetime:
    """Return the time tracked changes and comments carry: SOURCE_DATE_EPOCH when set (reproducible runs), else now."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def fixed_copy(draft: Draft, findings: Sequence[Finding], moment: Optional[dt.datetime] = None) -> Fixed:
    """Return the draft with every finding marked, as the bytes of a new .docx; the draft's file is not touched."""
    from ..ooxml import comments, revisions

    document = draft.document
    date = revisions.timestamp(moment or review_moment())
    ids = revisions.RevisionIds(document.element, reserve=2 * len(findings) + 1)
    result = Fixed(b"")
    by_paragraph: dict[int, list[Finding]] = {}
    anchors: dict[int, object] = {}
    for finding in findings:
        passage = finding.passage
        if passage is None or passage.kind not in MARKED_KINDS:
            if passage is None and not finding.text and _first_body_paragraph(draft) is not None:
                anchor = _first_body_paragraph(draft)
                by_paragraph.setdefault(id(anchor), []).append(finding)
                anchors[id(anchor)] = anchor
            else:
                result.listed += 1
            continue
        by_paragraph.setdefault(id(passage.anchor), []).append(finding)
        anchors[id(passage.anchor)] = passage.anchor
    for key, marked in by_paragraph.items():
        paragraph = anchors[key]
        edits, notes = _plan(paragraph, marked)
        for item in sorted(edits + notes, key=_order, reverse=True):
            if isinstance(item, _Edit):
                revisions.track_change(paragraph, item.start, item.end, item.inserted, AUTHOR, date, ids)
                result.tracked += 1
            else:
                start, end = _shifted(item, edits)
                comments.comment_on(document, paragraph, start, end, _comment_text(item), AUTHOR, INITIALS)
                result.commented += 1
    result.insertions, result.deletions = revisions.count_revisions(document.element)
    stream = io.BytesIO()
    document.save(stream)
    result.data = stream.getvalue()
    return result


def _first_body_paragraph(draft: Draft):
    return next((passage.anchor for passage in draft.passages if passage.kind == "body"), None)


def _plan(paragraph, findings: list[Finding]) -> tuple[list[_Edit], list[Finding]]:
    """Split a paragraph's findings into tracked changes that do not overlap and can be made, and comments."""
    from ..ooxml import revisions

    edits: list[_Edit] = []
    notes: list[Finding] = []
    for finding in findings:
        if finding.fix is None or not finding.text:
            notes.append(finding)
            continue
        start, end, inserted = smallest_edit(finding.text, finding.start, finding.end, finding.fix)
        clash = any(_overlaps((start, end), (edit.start, edit.end)) for edit in edits)
        if clash or not revisions.can_track(paragraph, start, end):
            notes.append(finding)
            continue
        edits.append(_Edit(start, end, inserted, finding))
    return edits, notes


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    if first[0] == first[1] or second[0] == second[1]:  # an insertion clashes only with a deletion around its point
        point, span = (first, second) if first[0] == first[1] else (second, first)
        return span[0] < point[0] < span[1] or (point == span)
    return first[0] < second[1] and second[0] < first[1]


def _order(item) -> tuple[int, int]:
    """Sort key for marking from the end of a paragraph to its start: where an insertion and a replacement meet, the replacement first."""
    if isinstance(item, _Edit):
        return item.start, 1 if item.end > item.start else 0
    return item.start, -1


def _shifted(finding: Finding, edits: list[_Edit]) -> tuple[int, int]:
    """Return a comment's span in the text as it reads once the edits inside it are made; the paragraph's start when an edit straddles it."""
    start, end = finding.start, finding.end
    for edit in edits:
        if edit.start >= start and edit.end <= end and not (edit.start == edit.end == end):
            end += len(edit.inserted) - (edit.end - edit.start)
        elif _overlaps((start, end), (edit.start, edit.end)):
            return 0, 0
    return start, end


def _comment_text(finding: Finding) -> str:
    rule = finding.rule
    detail = f"（{finding.note}）" if finding.note else ""
    where = f"{finding.place}：" if not finding.text else ""
    return f"{where}{rule.comment}{detail}〔{rule.id}，{rule.reference}〕"
