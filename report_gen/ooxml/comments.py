"""Word comments anchored on a span of a paragraph's text, through python-docx's comments part.

python-docx anchors a comment on whole runs; the span is first cut into
runs of its own (`docx_text.isolate`), so the comment marks exactly the
text it is about.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from .docx_text import first_run, isolate


def comment_on(document: Document, paragraph: etree._Element, start: int, end: int, text: str, author: str, initials: str) -> bool:
    """Add a comment on text[start:end] of a w:p of the document's body (the whole paragraph when the span is empty).

    Return False when the paragraph has no text to anchor a comment on.
    """
    runs = isolate(paragraph, start, end) if end > start else []
    if not runs:
        first = first_run(paragraph)
        if first is None:
            return False
        runs = [first]
    _ensure_reference_style(document)
    owner = Paragraph(paragraph, document._body)
    document.add_comment([Run(runs[0], owner), Run(runs[-1], owner)], text=text, author=author, initials=initials)
    return True


def comment_count(document: Document) -> int:
    """Return how many comments the document holds."""
    return len(list(document.comments))


REFERENCE_STYLE = ("CommentReference", "annotation reference")
"""The character style python-docx gives a comment's reference mark: (style id, name), as Word names it."""


def _ensure_reference_style(document: Document) -> None:
    """Define the comment reference's character style when the document lacks it, so the mark's style is not dangling."""
    style_id, name = REFERENCE_STYLE
    if any(style.style_id == style_id for style in document.styles):
        return
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.element.set(qn("w:styleId"), style_id)
    style.hidden = True
    style.font.size = None
