"""A Word paragraph's text as a reader sees it, piece by piece, and runs cut at any character.

Text is what Word shows with its tracked changes accepted: the w:t of every
run, tabs and breaks, field results; not deleted text, field instructions, nor
the paragraphs of a text box inside it (those are paragraphs of their own).
Each piece remembers the run and the element it came from, so a span of the
text can be cut out as whole runs (`isolate`) to be marked as a tracked change
or a comment.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Iterator, Optional

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_SKIPPED = {qn(tag) for tag in ("w:del", "w:moveFrom", "w:txbxContent", "w:pPr", "w:rPr", "w:instrText", "w:delText")} | {_MC_FALLBACK}
"""Elements whose text is not part of what the paragraph shows (or is read as its own paragraphs)."""

_CHARACTERS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}


@dataclass
class Piece:
    """One piece of a paragraph's text: a w:t (or a tab or break) inside a run, and where it starts in the paragraph's text."""

    run: etree._Element
    element: etree._Element
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def pieces(paragraph: etree._Element) -> list[Piece]:
    """Return the pieces of a w:p's text in reading order."""
    found: list[Piece] = []
    position = 0

    def walk(element: etree._Element, run: Optional[etree._Element]) -> None:
        nonlocal position
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == qn("w:r"):
                walk(child, child)
            elif run is not None and tag == qn("w:t"):
                text = child.text or ""
                found.append(Piece(run, child, text, position))
                position += len(text)
            elif run is not None and tag in _CHARACTERS:
                text = _CHARACTERS[tag]
                found.append(Piece(run, child, text, position))
                position += len(text)
            elif run is None:
                walk(child, None)
            else:
                walk(child, run)  # mc:AlternateContent inside a run: its Choice holds drawings, not text of this paragraph

    walk(paragraph, None)
    return found


def paragraph_text(paragraph: etree._Element) -> str:
    """Return a w:p's text as a reader sees it."""
    return "".join(piece.text for piece in pieces(paragraph))


def _split_run(piece: Piece, offset: int) -> None:
    """Cut the piece's run in two so that a new run starts `offset` characters into the piece (a w:t)."""
    run = piece.run
    children = list(run)
    index = children.index(piece.element)
    second = copy.deepcopy(run)
    second_children = list(second)
    for child in children[index + 1:]:
        run.remove(child)
    for child in second_children[:index]:
        if child.tag != qn("w:rPr"):
            second.remove(child)
    text = piece.text
    _set_text(piece.element, text[:offset])
    _set_text(second_children[index], text[offset:])
    run.addnext(second)


def _set_text(element: etree._Element, text: str) -> None:
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _cut_at(paragraph: etree._Element, position: int) -> None:
    """Make `position` of the paragraph's text fall between two runs."""
    for piece in pieces(paragraph):
        if piece.start < position < piece.end:
            _split_run(piece, position - piece.start)
            return
        if piece.start == position:
            _split_run_before(piece)
            return


def _split_run_before(piece: Piece) -> None:
    """Make the piece the first content of its run (a run holding several w:t, tabs or breaks)."""
    run = piece.run
    content = [child for child in run if child.tag != qn("w:rPr")]
    if content and content[0] is piece.element:
        return
    children = list(run)
    index = children.index(piece.element)
    second = copy.deepcopy(run)
    second_children = list(second)
    for child in children[index:]:
        run.remove(child)
    for child in second_children[:index]:
        if child.tag != qn("w:rPr"):
            second.remove(child)
    run.addnext(second)


def isolate(paragraph: etree._Element, start: int, end: int) -> list[etree._Element]:
    """Cut runs so that text[start:end] is exactly whole runs, and return those runs in order (empty when start == end)."""
    _cut_at(paragraph, end)
    _cut_at(paragraph, start)
    runs: list[etree._Element] = []
    for piece in pieces(paragraph):
        if piece.start >= start and piece.end <= end and piece.text and piece.run not in runs:
            runs.append(piece.run)
    return runs


def run_before(paragraph: etree._Element, position: int) -> Optional[etree._Element]:
    """Return the run whose text ends at `position` (after cutting there); None at the paragraph's start."""
    _cut_at(paragraph, position)
    found = None
    for piece in pieces(paragraph):
        if piece.end <= position and piece.text:
            found = piece.run
    return found


def first_run(paragraph: etree._Element) -> Optional[etree._Element]:
    """Return the paragraph's first run with text; None for an empty paragraph."""
    for piece in pieces(paragraph):
        if piece.text:
            return piece.run
    return None


# -- where paragraphs are ----------------------------------------------------------------

def body_items(document: Document) -> Iterator[tuple[str, etree._Element]]:
    """Yield the body's top-level paragraphs and tables in order: ("p", w:p) or ("tbl", w:tbl)."""
    for child in document.element.body:
        if child.tag == qn("w:p"):
            yield "p", child
        elif child.tag == qn("w:tbl"):
            yield "tbl", child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            for inner in content if content is not None else ():
                if inner.tag in (qn("w:p"), qn("w:tbl")):
                    yield ("p" if inner.tag == qn("w:p") else "tbl"), inner


def table_cells(table: etree._Element) -> Iterator[tuple[int, int, list[etree._Element]]]:
    """Yield (row, column, paragraphs) of every cell of a w:tbl, rows and columns from 1; nested tables' paragraphs included."""
    for row_number, row in enumerate(table.iterchildren(qn("w:tr")), start=1):
        column = 0
        for cell in row.iterchildren(qn("w:tc")):
            column += 1
            paragraphs = [p for p in cell.iter(qn("w:p")) if not _in_text_box(p, cell)]
            yield row_number, column, paragraphs


def text_box_paragraphs(element: etree._Element) -> Iterator[list[etree._Element]]:
    """Yield the paragraphs of each text box inside an element, once each (a text box's VML fallback copy is skipped)."""
    for box in element.iter(qn("w:txbxContent")):
        if any(ancestor.tag == _MC_FALLBACK for ancestor in box.iterancestors()):
            continue
        yield [p for p in box.iter(qn("w:p")) if not _in_text_box(p, box)]


def _in_text_box(paragraph: etree._Element, container: etree._Element) -> bool:
    for ancestor in paragraph.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag == qn("w:txbxContent"):
            return True
    return False


def style_id(paragraph: etree._Element) -> str:
    """Return a w:p's paragraph style id, or an empty string."""
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return found.get(qn("w:val"), "") if found is not None else ""


def section_grid(section_properties: etree._Element) -> tuple[Optional[str], Optional[int], Optional[int]]:
    """Return a w:sectPr's document grid: its type, line pitch (twips) and character space (1/4096 pt); None where absent."""
    grid = section_properties.find(qn("w:docGrid"))
    if grid is None:
        return None, None, None

    def number(name: str) -> Optional[int]:
        value = grid.get(qn(name))
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    return grid.get(qn("w:type")), number("w:linePitch"), number("w:charSpace")


def style_letter_spacing(style_element: Optional[etree._Element]) -> int:
    """Return a style's letter spacing (w:rPr/w:spacing) in twips; 0 when it sets none."""
    if style_element is None:
        return 0
    spacing = style_element.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
    try:
        return int(spacing.get(qn("w:val"))) if spacing is not None else 0
    except (TypeError, ValueError):
        return 0


HEADER_FOOTER_KINDS = (
    ("header", "header", "default"), ("first_page_header", "header", "first page"), ("even_page_header", "header", "even pages"),
    ("footer", "footer", "default"), ("first_page_footer", "footer", "first page"), ("even_page_footer", "footer", "even pages"),
)


def header_footer_paragraphs(document: Document) -> Iterator[tuple[str, str, list[etree._Element]]]:
    """Yield ("header" or "footer", a label, its w:p elements) for each header and footer a section defines, once each."""
    seen: set[int] = set()
    for number, section in enumerate(document.sections, start=1):
        for attribute, kind, which in HEADER_FOOTER_KINDS:
            part = getattr(section, attribute)
            if part.is_linked_to_previous:
                continue
            root = part._element
            if id(root) in seen:
                continue
            seen.add(id(root))
            label = f"{kind} of section {number}" + ("" if which == "default" else f" ({which})")
            yield kind, label, [p for p in root.iter(qn("w:p")) if not _in_text_box(p, root)]


def section_properties(document: Document) -> list[etree._Element]:
    """Return each section's w:sectPr in order."""
    return [section._sectPr for section in document.sections]
