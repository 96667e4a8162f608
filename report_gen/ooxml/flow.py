"""A .docx body read as the flow a word processor lays out, for the page estimate.

Each body paragraph comes with its properties resolved through docDefaults,
its style's basedOn chain and its own pPr (`ParagraphProps`), and its content
as pieces: runs of text at their size and letter spacing (a character
style's and a superscript's size applied), tabs, line breaks and inline
pictures. Each table row comes with its cells' widths and paragraphs.
report_gen.briefing.pagination breaks these into lines and pages; this module
only reads the XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree

from ..design import EMU_PER_PT
from .docx import ends_section, set_run_letter_spacing

TWIPS_PER_PT = Pt(1) / Twips(1)
"""20: WordprocessingML measures spacing and indents in twentieths of a point."""
"""12700: drawings and page sizes are in EMU."""
SUPERSCRIPT_SCALE = 0.58
"""A superscript or subscript's size, of its run's (LibreOffice's default, and close to Word's)."""
CELL_MARGIN_PT = 5.4
"""Word's default left and right cell margin, 0.19 cm."""


@dataclass
class ParagraphProps:
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
    border_top: float = 0.0
    """A rule above: its width and its gap to the text, in points; 0 for none."""
    border_bottom: float = 0.0
    """A rule below, the same way."""
    borders: str = ""
    """The paragraph's rules as written, to tell a group of paragraphs sharing one frame of rules (readers draw it once)."""

    def copy(self) -> "ParagraphProps":
        return ParagraphProps(**self.__dict__)


def _on(element: Optional[etree._Element]) -> Optional[bool]:
    if element is None:
        return None
    return element.get(qn("w:val"), "1") not in ("0", "false", "off")


def _apply_ppr(props: ParagraphProps, pPr: Optional[etree._Element]) -> None:
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
    pBdr = pPr.find(qn("w:pBdr"))
    if pBdr is not None:
        props.borders = etree.tostring(pBdr).decode()
        for side, name in (("w:top", "border_top"), ("w:bottom", "border_bottom")):
            rule = pBdr.find(qn(side))
            if rule is not None and rule.get(qn("w:val")) not in ("nil", "none"):
                setattr(props, name, int(rule.get(qn("w:space"), "0")) + int(rule.get(qn("w:sz"), "0")) / 8)
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


def _apply_rpr(props: ParagraphProps, rPr: Optional[etree._Element]) -> None:
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
        self.defaults = ParagraphProps()
        docDefaults = root.find(qn("w:docDefaults"))
        if docDefaults is not None:
            _apply_rpr(self.defaults, docDefaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
            _apply_ppr(self.defaults, docDefaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
        self._cache: dict[str, ParagraphProps] = {}

    def props(self, style_id: Optional[str]) -> ParagraphProps:
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

    def paragraph(self, p: etree._Element) -> ParagraphProps:
        pPr = p.find(qn("w:pPr"))
        style = pPr.find(qn("w:pStyle")) if pPr is not None else None
        props = self.props(style.get(qn("w:val")) if style is not None else None).copy()
        _apply_ppr(props, pPr)
        return props


# -- the flow ------------------------------------------------------------------


@dataclass
class Piece:
    """A run's text at its size and letter spacing, or a tab, a line break or an inline picture."""

    text: str = ""
    size: float = 0.0
    letter_spacing: float = 0.0
    tab: bool = False
    line_break: bool = False
    picture: Optional[tuple[float, float]] = None
    """An inline picture's width and height in points."""
    run: Optional[etree._Element] = None
    """The `w:r` it comes from."""


@dataclass
class FlowParagraph:
    """A paragraph: its element, resolved properties, pieces, and whether it holds a page break."""

    element: etree._Element
    props: ParagraphProps
    pieces: list[Piece]
    page_break: bool = False
    style: Optional[str] = None
    """Its paragraph style's id; None for the default style."""


@dataclass
class FlowCell:
    """A table cell: the width its text may take (its width less the cell margins) and its paragraphs."""

    width: float
    paragraphs: list[FlowParagraph]


@dataclass
class FlowRow:
    """A table row: its element, its cells, and whether it is a header row repeated on each page."""

    element: etree._Element
    cells: list[FlowCell]
    is_header: bool = False
    table: Optional[etree._Element] = None


@dataclass
class Flow:
    """A document's text area (width and height in points) and its body in order."""

    width: float
    height: float
    blocks: list[Union[FlowParagraph, FlowRow]] = field(default_factory=list)


def _pieces(p: etree._Element, props: ParagraphProps, styles: _Styles) -> list[Piece]:
    pieces = []
    for r in p.iter(qn("w:r")):
        run = props.copy()
        rPr = r.find(qn("w:rPr"))
        if rPr is not None:
            raised = False
            rstyle = rPr.find(qn("w:rStyle"))
            for source in (styles.by_id[rstyle.get(qn("w:val"))].find(qn("w:rPr")) if rstyle is not None and rstyle.get(qn("w:val")) in styles.by_id else None, rPr):
                if source is None:
                    continue
                _apply_rpr(run, source)
                vert = source.find(qn("w:vertAlign"))
                if vert is not None:
                    raised = vert.get(qn("w:val")) in ("superscript", "subscript")
            if raised:
                run.size *= SUPERSCRIPT_SCALE
        for child in r:
            if child.tag == qn("w:t"):
                pieces.append(Piece(child.text or "", run.size, run.letter_spacing, run=r))
            elif child.tag == qn("w:tab"):
                pieces.append(Piece("\t", run.size, tab=True))
            elif child.tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) != "page":
                    pieces.append(Piece(line_break=True))
            elif child.tag == qn("w:drawing"):
                extent = next(child.iter(qn("wp:extent")), None)
                if extent is not None:
                    pieces.append(Piece(picture=(int(extent.get("cx")) / EMU_PER_PT, int(extent.get("cy")) / EMU_PER_PT)))
    return pieces


def _paragraph(p: etree._Element, styles: _Styles) -> FlowParagraph:
    props = styles.paragraph(p)
    breaks = any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br")))
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return FlowParagraph(p, props, _pieces(p, props, styles), breaks, style.get(qn("w:val")) if style is not None else None)


def _cell_width(tc: etree._Element) -> float:
    tcW = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if tcW is not None and tcW.get(qn("w:type")) == "dxa":
        return int(tcW.get(qn("w:w"))) / TWIPS_PER_PT - 2 * CELL_MARGIN_PT
    return 100.0


def _rows(tbl: etree._Element, styles: _Styles) -> list[FlowRow]:
    rows = []
    for tr in tbl.findall(qn("w:tr")):
        trPr = tr.find(qn("w:trPr"))
        is_header = trPr is not None and trPr.find(qn("w:tblHeader")) is not None
        cells = [FlowCell(_cell_width(tc), [_paragraph(p, styles) for p in tc.findall(qn("w:p"))]) for tc in tr.findall(qn("w:tc"))]
        rows.append(FlowRow(tr, cells, is_header, tbl))
    return rows


def read_flow(document: Document) -> Flow:
    """Return the text area of the document's last section and its body as paragraphs and table rows."""
    section = document.sections[-1]
    width = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_PT
    height = (section.page_height - section.top_margin - section.bottom_margin) / EMU_PER_PT
    styles = _Styles(document)
    flow = Flow(width, height)
    section_ended = False
    for child in document.element.body:
        if child.tag == qn("w:p"):
            paragraph = _paragraph(child, styles)
            # A paragraph carrying a section's properties ends it: the next section starts on a new page.
            paragraph.page_break = paragraph.page_break or section_ended
            section_ended = ends_section(child)
            flow.blocks.append(paragraph)
        elif child.tag == qn("w:tbl"):
            flow.blocks.extend(_rows(child, styles))
    return flow


def set_tracking(paragraph: FlowParagraph, extra_twips: int) -> None:
    """Set every text run of a paragraph `extra_twips` twentieths of a point wider (negative: tighter) than its style sets it."""
    done = set()
    for piece in paragraph.pieces:
        if piece.run is not None and id(piece.run) not in done:
            done.add(id(piece.run))
            set_run_letter_spacing(piece.run, round(piece.letter_spacing * TWIPS_PER_PT) + extra_twips)
