"""Estimate where a .docx's pages break, without rendering it.

The briefing needs page numbers before any reader lays it out: for the
cached entries of its table of contents, and to decide whether it is long
enough to need one. This module reads a python-docx document the way a
word processor lays it out, simplified: paragraphs broken into lines by
character widths (report_gen.text.cjk's estimate: CJK characters one em plus
letter spacing, Latin text by Times New Roman's widths, a Latin word never
broken, closing punctuation allowed to hang), exact or single line heights, inline pictures, table rows
that do not split and a header row repeated on every page, and the rules
that move text to the next page: page breaks, keep with next, keep lines
together, widow and orphan control.

It is an estimate: a reader's own line breaking and font substitutions can
move a break by a line. The tests compare it with LibreOffice's layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from .docx import ends_section
from ..text.cjk import AUTOSPACE_EM, HANGING, NO_LINE_END, NO_LINE_START, estimated_ems, is_wide, needs_autospace

TWIPS_PER_PT = Pt(1) / Twips(1)
"""20: WordprocessingML measures spacing and indents in twentieths of a point."""
EMU_PER_PT = Pt(1) / Emu(1)
"""12700: drawings and page sizes are in EMU."""

SINGLE_LINE_EM = 1.45
"""Height of a single-spaced line in ems of its largest text (CJK fonts' ascent plus descent)."""
PICTURE_DESCENT_EM = 0.0
"""What a line holding a picture adds below it, in ems of the paragraph's text (readers add nothing)."""


@dataclass
class _Props:
    """Paragraph and character properties that decide a paragraph's height, resolved through its style."""

    size: float = 11.0
    letter_spacing: float = 0.0
    line: Optional[float] = None
    """Exact or at-least line height in points; None for proportional spacing."""
    line_rule: str = "auto"
    line_factor: float = 1.0
    before: float = 0.0
    after: float = 0.0
    first_line: float = 0.0
    left: float = 0.0
    right: float = 0.0
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    widow_control: bool = True

    def copy(self) -> "_Props":
        return _Props(**self.__dict__)


def _on(element: Optional[etree._Element]) -> Optional[bool]:
    if element is None:
        return None
    return element.get(qn("w:val"), "1") not in ("0", "false", "off")


def _apply_ppr(props: _Props, pPr: Optional[etree._Element]) -> None:
    if pPr is None:
        return
    spacing = pPr.find(qn("w:spacing"))
    if spacing is not None:
        if spacing.get(qn("w:before")) is not None:
            props.before = int(spacing.get(qn("w:before"))) / TWIPS_PER_PT
        if spacing.get(qn("w:after")) is not None:
            props.after = int(spacing.get(qn("w:after"))) / TWIPS_PER_PT
        if spacing.get(qn("w:line")) is not None:
            rule = spacing.get(qn("w:lineRule"), "auto")
            value = int(spacing.get(qn("w:line")))
            props.line_rule = rule
            if rule == "auto":
                props.line, props.line_factor = None, value / 240
            else:
                props.line = value / TWIPS_PER_PT
    ind = pPr.find(qn("w:ind"))
    if ind is not None:
        for attribute, name in (("w:firstLine", "first_line"), ("w:left", "left"), ("w:start", "left"), ("w:right", "right"), ("w:end", "right")):
            if ind.get(qn(attribute)) is not None:
                setattr(props, name, int(ind.get(qn(attribute))) / TWIPS_PER_PT)
        if ind.get(qn("w:hanging")) is not None:
            props.first_line = -int(ind.get(qn("w:hanging"))) / TWIPS_PER_PT
    for tag, name in (("w:keepNext", "keep_next"), ("w:keepLines", "keep_lines"), ("w:pageBreakBefore", "page_break_before"), ("w:widowControl", "widow_control")):
        value = _on(pPr.find(qn(tag)))
        if value is not None:
            setattr(props, name, value)


def _apply_rpr(props: _Props, rPr: Optional[etree._Element]) -> None:
    if rPr is None:
        return
    sz = rPr.find(qn("w:sz"))
    if sz is not None:
        props.size = int(sz.get(qn("w:val"))) / 2
    spacing = rPr.find(qn("w:spacing"))
    if spacing is not None:
        props.letter_spacing = int(spacing.get(qn("w:val"))) / TWIPS_PER_PT


class _Styles:
    """Resolves paragraph properties through docDefaults and the basedOn chain of styles."""

    def __init__(self, document: Document):
        root = document.styles.element
        self.by_id = {style.get(qn("w:styleId")): style for style in root.findall(qn("w:style"))}
        self.default_paragraph = next(
            (sid for sid, style in self.by_id.items() if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true")),
            "Normal",
        )
        self.defaults = _Props()
        docDefaults = root.find(qn("w:docDefaults"))
        if docDefaults is not None:
            _apply_rpr(self.defaults, docDefaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
            _apply_ppr(self.defaults, docDefaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
        self._cache: dict[str, _Props] = {}

    def props(self, style_id: Optional[str]) -> _Props:
        style_id = style_id or self.default_paragraph
        if style_id not in self._cache:
            style = self.by_id.get(style_id)
            if style is None:
                resolved = self.defaults.copy()
            else:
                based_on = style.find(qn("w:basedOn"))
                resolved = self.props(based_on.get(qn("w:val"))) if based_on is not None else self.defaults.copy()
                resolved = resolved.copy()
                _apply_ppr(resolved, style.find(qn("w:pPr")))
                _apply_rpr(resolved, style.find(qn("w:rPr")))
            self._cache[style_id] = resolved
        return self._cache[style_id]

    def paragraph(self, p: etree._Element) -> _Props:
        pPr = p.find(qn("w:pPr"))
        style = pPr.find(qn("w:pStyle")) if pPr is not None else None
        props = self.props(style.get(qn("w:val")) if style is not None else None).copy()
        _apply_ppr(props, pPr)
        return props


# -- lines of a paragraph ------------------------------------------------------


@dataclass
class _Token:
    width: float
    height: float = 0.0
    """Height of an inline picture; 0 for text."""
    text: str = ""
    breaks_line: bool = False
    size: float = 0.0


def _char_width(char: str, size: float, letter_spacing: float) -> float:
    return estimated_ems(char) * size + letter_spacing


def _tokens(p: etree._Element, props: _Props, styles: _Styles) -> Iterator[_Token]:
    """Yield the paragraph's unbreakable pieces: a CJK character, a Latin word, a picture, a line break.

    Readers put a gap (AUTOSPACE_EM) between a Chinese character and a Latin
    letter or digit next to it (Word's autoSpaceDE/DN, on by default); that
    gap is added to the piece after the boundary.
    """
    previous = ""
    for token in _raw_tokens(p, props, styles):
        if token.text and previous:
            if needs_autospace(previous[-1], token.text[0]):
                token.width += AUTOSPACE_EM * token.size
        if token.text or token.height:
            previous = token.text or "\ufffc"
        yield token


def _raw_tokens(p: etree._Element, props: _Props, styles: _Styles) -> Iterator[_Token]:
    for r in p.iter(qn("w:r")):
        run = props.copy()
        rPr = r.find(qn("w:rPr"))
        if rPr is not None:
            rstyle = rPr.find(qn("w:rStyle"))
            if rstyle is not None and rstyle.get(qn("w:val")) in styles.by_id:
                _apply_rpr(run, styles.by_id[rstyle.get(qn("w:val"))].find(qn("w:rPr")))
            _apply_rpr(run, rPr)
            vert = rPr.find(qn("w:vertAlign"))
            if vert is not None and vert.get(qn("w:val")) in ("superscript", "subscript"):
                run.size *= 0.65
        word = ""
        for child in r:
            if child.tag == qn("w:t"):
                for char in child.text or "":
                    if not is_wide(char) and not char.isspace():
                        word += char
                        continue
                    if word:
                        yield _Token(sum(_char_width(c, run.size, run.letter_spacing) for c in word), text=word, size=run.size)
                        word = ""
                    yield _Token(_char_width(char, run.size, run.letter_spacing), text=char, size=run.size)
            elif child.tag == qn("w:tab"):
                yield _Token(2 * run.size, text="\t")
            elif child.tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) != "page":
                    yield _Token(0, breaks_line=True)
            elif child.tag == qn("w:drawing"):
                extent = next(child.iter(qn("wp:extent")), None)
                if extent is not None:
                    yield _Token(int(extent.get("cx")) / EMU_PER_PT, height=int(extent.get("cy")) / EMU_PER_PT)
        if word:
            yield _Token(sum(_char_width(c, run.size, run.letter_spacing) for c in word), text=word, size=run.size)


def _line_heights(p: etree._Element, props: _Props, styles: _Styles, width: float) -> list[float]:
    """Return the height of each line the paragraph takes in a column `width` points wide."""
    lines: list[list[_Token]] = [[]]
    used = props.first_line
    available = width - props.left - props.right
    for token in _tokens(p, props, styles):
        if token.breaks_line:
            lines.append([])
            used = 0.0
            continue
        if used + token.width > available + 0.01 and lines[-1]:
            previous = lines[-1][-1].text
            if token.text and token.text[0] in HANGING and previous and is_wide(previous[-1]):
                lines[-1].append(token)  # hangs past the margin
                used += token.width
                continue
            carried = []
            if token.text and token.text[0] in NO_LINE_START and len(lines[-1]) > 1:
                carried.append(lines[-1].pop())
            if lines[-1][-1].text and lines[-1][-1].text[-1] in NO_LINE_END and len(lines[-1]) > 1:
                carried.append(lines[-1].pop())
            lines.append(carried)
            used = sum(t.width for t in carried)
        lines[-1].append(token)
        used += token.width
    heights = []
    for line in lines:
        picture = max((t.height for t in line), default=0.0)
        if props.line is not None and props.line_rule == "exact":
            heights.append(props.line)
            continue
        natural = max(picture + PICTURE_DESCENT_EM * props.size if picture else 0.0, SINGLE_LINE_EM * props.size * props.line_factor)
        heights.append(max(natural, props.line or 0.0))
    return heights


# -- blocks and pages ----------------------------------------------------------


@dataclass
class _Block:
    """A paragraph or a table row: lines that may split (paragraph) or not (row)."""

    element: etree._Element
    lines: list[float]
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    widow_control: bool = True
    header_rows: list["_Block"] = field(default_factory=list)
    """For a table row: the table's repeated header rows, placed again at the top of a new page."""
    is_header: bool = False

    @property
    def height(self) -> float:
        return self.before + sum(self.lines) + self.after

    def minimum_start(self) -> float:
        """Height that must fit on a page for the block to start there (its space after may fall below)."""
        if self.keep_lines or len(self.lines) < 4:
            return self.before + sum(self.lines)
        return self.before + sum(self.lines[:2] if self.widow_control else self.lines[:1])


def _cell_width(tc: etree._Element, default_margin: float) -> float:
    tcW = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if tcW is not None and tcW.get(qn("w:type")) == "dxa":
        return int(tcW.get(qn("w:w"))) / TWIPS_PER_PT - 2 * default_margin
    return 100.0


def _table_blocks(tbl: etree._Element, styles: _Styles) -> list[_Block]:
    margin = 5.4  # Word's default cell margin, 0.19 cm
    rows: list[_Block] = []
    headers: list[_Block] = []
    for tr in tbl.findall(qn("w:tr")):
        trPr = tr.find(qn("w:trPr"))
        is_header = trPr is not None and trPr.find(qn("w:tblHeader")) is not None
        height = 0.0
        keep_next = False
        for tc in tr.findall(qn("w:tc")):
            width = _cell_width(tc, margin)
            cell = 0.0
            for p in tc.findall(qn("w:p")):
                props = styles.paragraph(p)
                keep_next = keep_next or props.keep_next
                cell += props.before + sum(_line_heights(p, props, styles, width)) + props.after
            height = max(height, cell)
        block = _Block(tr, [height + 0.75], keep_next=keep_next, keep_lines=True, is_header=is_header)
        if is_header and not rows:
            headers.append(block)
        block.header_rows = headers
        rows.append(block)
    return rows


def _blocks(document: Document, styles: _Styles, width: float) -> list[_Block]:
    blocks = []
    section_ended = False
    for child in document.element.body:
        if child.tag == qn("w:p"):
            props = styles.paragraph(child)
            breaks = [br for br in child.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
            blocks.append(
                _Block(
                    child, _line_heights(child, props, styles, width), props.before, props.after, props.keep_next,
                    props.keep_lines, props.page_break_before or bool(breaks) or section_ended, props.widow_control,
                )
            )
            # A paragraph carrying a section's properties ends it: the next section starts on a new page.
            section_ended = ends_section(child)
        elif child.tag == qn("w:tbl"):
            blocks.extend(_table_blocks(child, styles))
    return blocks


@dataclass
class PageEstimate:
    """Where the pages break: the page count and the page each paragraph or table row starts on."""

    pages: int
    starts: dict[etree._Element, int]

    def page_of(self, element: etree._Element) -> int:
        """Return the page (from 1) a body paragraph (`w:p`) or table row (`w:tr`) starts on."""
        return self.starts[element]

    def page_of_paragraph(self, paragraph: Paragraph) -> int:
        """Return the page (from 1) a python-docx body paragraph starts on."""
        return self.starts[paragraph._p]


class _Pager:
    def __init__(self, height: float):
        self.height = height
        self.page = 1
        self.used = 0.0
        self.starts: dict[etree._Element, int] = {}

    @property
    def room(self) -> float:
        return self.height - self.used

    def new_page(self, block: Optional[_Block] = None) -> None:
        self.page += 1
        self.used = 0.0
        if block is not None and block.header_rows and not block.is_header:
            for header in block.header_rows:
                self.used += header.height

    def place(self, block: _Block) -> None:
        if block.page_break_before and self.used > 0:
            self.new_page(block)
        # Readers drop the space before a paragraph at the top of a page, but not at the top of the document.
        before = block.before if self.used > 0 or not self.starts else 0.0
        # Space after the last paragraph of a page may fall below the text area.
        if before + sum(block.lines) <= self.room + 0.01:
            self.starts[block.element] = self.page
            self.used += before + sum(block.lines) + block.after
            return
        if block.keep_lines or len(block.lines) == 1:
            if self.used > 0:
                self.new_page(block)
            self.starts[block.element] = self.page
            self.used += sum(block.lines) + block.after
            return
        lines = list(block.lines)
        first = True
        while lines:
            fit, total = 0, before if first else 0.0
            while fit < len(lines) and total + lines[fit] <= self.room + 0.01:
                total += lines[fit]
                fit += 1
            if fit == len(lines):
                if first:
                    self.starts[block.element] = self.page
                self.used += total + block.after
                return
            if block.widow_control and fit < len(lines):
                if len(lines) - fit == 1:
                    fit -= 1  # never leave a single line (a widow) at the top of the next page
                if fit < 2:
                    fit = 0  # never leave a single line (an orphan) at the foot of this page
            if fit == 0:
                if self.used == 0:  # a single line taller than the page: place it anyway
                    fit = 1
                else:
                    self.new_page()
                    before = 0.0
                    continue
            if first:
                self.starts[block.element] = self.page
                first = False
            self.used += sum(lines[:fit])
            lines = lines[fit:]
            before = 0.0
            if lines:
                self.new_page()


def estimate_pages(document: Document) -> PageEstimate:
    """Return where the pages of a python-docx document break, as a reader laying it out would, roughly."""
    section = document.sections[-1]
    width = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_PT
    height = (section.page_height - section.top_margin - section.bottom_margin) / EMU_PER_PT
    styles = _Styles(document)
    blocks = _blocks(document, styles, width)
    pager = _Pager(height)
    index = 0
    while index < len(blocks):
        chain_end = index
        while chain_end < len(blocks) - 1 and blocks[chain_end].keep_next:
            chain_end += 1
        if chain_end > index and pager.used > 0 and not blocks[index].page_break_before:
            needed = sum(block.height for block in blocks[index:chain_end]) + blocks[chain_end].minimum_start()
            needed -= blocks[index].before if pager.used == 0 else 0.0
            if needed <= pager.height and needed > pager.room + 0.01:
                pager.new_page(blocks[index])
        pager.place(blocks[index])
        index += 1
    return PageEstimate(pages=pager.page, starts=pager.starts)
