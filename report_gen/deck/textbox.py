"""Text on slides: spans of one colour and weight, sized by real font metrics to fit their boxes, and flat shapes.

`SlideText` is the part of the deck builder that writes text: it fits spans
to a box (shrinking within a role's limits, then wrapping, then cutting with
an ellipsis), sizes texts of one role alike across a slide, and adds text
boxes, filled rectangles and number badges.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional, Sequence

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.slide import Slide
from pptx.text.text import Font, TextFrame
from pptx.util import Emu, Inches, Pt

from ..data.style import DeckFonts
from ..fonts.metrics import AdvanceStore, Measure
from ..ooxml.pptx import (
    empty_text_frame,
    end_mark_font,
    inherited_insets,
    remove_shape_style,
    set_side_margins,
    set_text_frame_fonts,
)
from ..text.cjk import mark_pieces
from . import fit as text_fit
from .fit import LINE_SPACING, Role
from .geometry import Box
from .style import ACCENT, CARD_LOOK, MUTED, ON_ACCENT, SOURCE_LINE, TEXT, Paint
from .template import placeholder_box


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph with its own colour and weight; None inherits them from the placeholder."""

    text: str
    color: Paint = TEXT
    bold: Optional[bool] = False


@dataclass(frozen=True)
class Para:
    """A paragraph to write: its spans, size in points, alignment, the space before it and how far it hangs in."""

    spans: Sequence[Span]
    size: float
    align: PP_ALIGN = PP_ALIGN.LEFT
    space_before: float = 0.0
    indent: float = 0.0
    """Points the text stands in from the box's left edge (a bulleted point's hanging indent)."""


@dataclass(frozen=True)
class Placed:
    """A text waiting to be added: where, what, how it is sized, its shape name, anchor and alignment."""

    box: Box
    spans: Sequence[Span]
    role: Role
    name: str
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP
    align: PP_ALIGN = PP_ALIGN.LEFT


def measured(spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """Spans as text_fit measures them: inherited weight is measured as bold, the wider case."""
    return [(span.text, True if span.bold is None else span.bold) for span in spans]


@functools.lru_cache(maxsize=8)
def measure_for(latin: str, east_asian: str, store: Optional[AdvanceStore] = None) -> Measure:
    """Return the measure of a pair of typefaces, its faces kept in `store` (the build's cache; None: none)."""
    return Measure(latin, east_asian, store)


class SlideText:
    """Writes text and flat shapes on slides; mixed into the deck builder, which provides the fonts and the slide size."""

    body_fonts: DeckFonts
    heading_fonts: DeckFonts
    slide_height: int
    area: Box
    faces: Optional[AdvanceStore] = None
    """Where measured font faces are kept between builds (the build's cache); None: read from the font files."""

    def measure(self, heading: bool = False) -> Measure:
        """Return the measure of the deck's body fonts, or with heading its heading fonts."""
        fonts = self.heading_fonts if heading else self.body_fonts
        return measure_for(fonts.latin, fonts.east_asian, self.faces)

    def fill_stack(self, slide: Slide, placeholder, lines: Sequence[tuple[Span, Role]], below, box: Optional[Box] = None,
                   name: str = "Issuer and date") -> None:
        """Write paragraphs of their own roles into a placeholder, or a text box (`box`, else under `below`), scaled alike until all fit."""
        if placeholder is not None:
            box = self._inner(placeholder)
        elif box is None:
            top = int(below.top + below.height) + int(Inches(0.2)) if below is not None else self.slide_height // 2
            box = Box(int(below.left) if below is not None else self.area.left, top,
                      int(below.width) if below is not None else self.area.width,
                      min(int(Inches(1.6)), self.slide_height - top - int(Inches(0.3))))
        measure = self.measure()
        width, height = Emu(box.width).pt, Emu(box.height).pt
        gap = 4.0
        paras: list[Para] = []
        for scale in [1 - step * 0.05 for step in range(9)]:
            paras = []
            used = 0.0
            for index, (span, role) in enumerate(lines):
                scaled = Role(max(role.min_size, role.max_size * scale), role.min_size, role.max_lines or 1)
                fitted, size = self.fit_spans([span], Box(box.left, box.top, box.width, box.height), scaled)
                count = len(text_fit.wrap(measure, measured(fitted), size, width))
                used += count * size * LINE_SPACING + (gap if index else 0)
                paras.append(Para(fitted, size, PP_ALIGN.LEFT if placeholder is None else None, gap if index else 0.0))
            if used <= height:
                break
        if placeholder is not None:
            self._write(placeholder.text_frame, paras, self.body_fonts, box.width)
        else:
            frame = self._frame(slide, box, MSO_ANCHOR.MIDDLE if name != "Issuer and date" else MSO_ANCHOR.TOP, name)
            self._write(frame, paras, self.body_fonts, box.width)

    def fit_spans(self, spans: Sequence[Span], box: Box, role: Role, heading: bool = False) -> tuple[list[Span], float]:
        """Return spans and the size they fit the box at; at the smallest size cut with an ellipsis if they fit at none."""
        measure = self.measure(heading)
        width, height = Emu(box.width).pt, Emu(box.height).pt
        found = text_fit.fit(measure, measured(spans), width, height, role)
        if found is not None:
            return list(spans), found.size
        size = role.min_size
        room = max(1, int(height // (size * LINE_SPACING)))
        if role.max_lines is not None:
            room = min(room, role.max_lines)
        whole = "".join(span.text for span in spans)
        bold = any(span.bold is not False for span in spans)
        shortened = text_fit.shorten(measure, whole, bold, size, width, room)
        kept: list[Span] = []
        remaining = shortened
        for span in spans:
            piece = remaining[: len(span.text)]
            remaining = remaining[len(piece):]
            if piece:
                kept.append(Span(piece, span.color, span.bold))
        if remaining:
            last = kept[-1]
            kept[-1] = Span(last.text + remaining, last.color, last.bold)
        return kept, size

    def place_uniformly(self, slide, texts: Sequence[Placed]) -> None:
        """Add texts so that those of one role share one size: the largest at which all of them fit."""
        sizes: dict[Role, float] = {}
        for placed in texts:
            _, size = self.fit_spans(placed.spans, placed.box, placed.role)
            sizes[placed.role] = min(sizes.get(placed.role, placed.role.max_size), size)
        for placed in texts:
            size = sizes[placed.role]
            self.text(slide, placed.box, placed.spans, Role(size, size, placed.role.max_lines), align=placed.align,
                      anchor=placed.anchor, name=placed.name)

    def text(self, slide, box: Box, spans: Sequence[Span], role: Role, align: PP_ALIGN = PP_ALIGN.LEFT,
             anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, name: str = "Text") -> None:
        """Add a text box holding one paragraph of spans, sized to fit the box."""
        fitted, size = self.fit_spans(spans, box, role)
        frame = self._frame(slide, box, anchor, name)
        self._write(frame, [Para(fitted, size, align)], self.body_fonts, box.width)

    def paragraphs(self, slide, box: Box, paras: Sequence[Para], name: str, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> TextFrame:
        """Add a text box holding paragraphs already sized (see fit_spans), one after another; return its frame."""
        frame = self._frame(slide, box, anchor, name)
        self._write(frame, paras, self.body_fonts, box.width)
        return frame

    def fill_placeholder(self, placeholder, spans: Sequence[Span], role: Role, heading: bool = False) -> None:
        """Write one paragraph of spans into a placeholder, sized to fit the box it inherits from its layout."""
        box = self._inner(placeholder)
        fitted, size = self.fit_spans(spans, box, role, heading)
        self._write(placeholder.text_frame, [Para(fitted, size, None)], self.heading_fonts if heading else self.body_fonts,
                    box.width)

    def _prepare_placeholder(self, placeholder) -> None:
        """Write a placeholder's insets, wrapping and no-autofit on the slide, so its text box is what was measured."""
        left, top, right, bottom = inherited_insets(placeholder)
        frame = placeholder.text_frame
        frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = left, top, right, bottom
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE

    def _inner(self, placeholder) -> Box:
        self._prepare_placeholder(placeholder)
        left, top, right, bottom = inherited_insets(placeholder)
        box = placeholder_box(placeholder)
        return Box(box.left + left, box.top + top, box.width - left - right, box.height - top - bottom)

    def _write(self, frame: TextFrame, paras: Sequence[Para], fonts: DeckFonts, width: int) -> None:
        """Write paragraphs into a frame `width` EMU wide: a paragraph of several lines at a balanced measure
        (`report_gen.deck.fit.balanced_width`), each run of Chinese marks a run of its own in the Chinese face."""
        first = empty_text_frame(frame)
        measure = measure_for(fonts.latin, fonts.east_asian, self.faces)
        for index, para in enumerate(paras):
            paragraph = first if index == 0 else frame.add_paragraph()
            if para.align is not None:
                paragraph.alignment = para.align
            paragraph.line_spacing = Pt(para.size * LINE_SPACING)
            paragraph.space_before = Pt(para.space_before)
            paragraph.space_after = Pt(0)
            for span in para.spans:
                for piece in mark_pieces(span.text):
                    run = paragraph.add_run()
                    run.text = piece
                    style_font(run.font, span, para.size)
            end_mark_font(paragraph).size = Pt(para.size)
            room = Emu(width).pt - para.indent
            spare = room - text_fit.balanced_width(measure, measured(para.spans), para.size, room)
            spare = spare if spare >= 1 else 0.0
            share = spare / 2 if para.align == PP_ALIGN.CENTER else 0.0  # centred text stays centred
            set_side_margins(paragraph, int(Pt(share)), int(Pt(spare - share)))
        set_text_frame_fonts(frame, fonts.latin, fonts.east_asian)

    def _frame(self, slide, box: Box, anchor: MSO_ANCHOR, name: str) -> TextFrame:
        shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
        shape.name = name
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        return frame

    def rect(self, slide, box: Box, color: Paint, name: str):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
        shape.name = name
        shape.fill.solid()
        paint(shape.fill.fore_color, color)
        shape.line.fill.background()
        remove_shape_style(shape)
        return shape

    def card(self, owner, box: Box, name: str) -> Box:
        """Draw a card on a slide or group as every card of the deck is drawn (`report_gen.deck.style.CARD_LOOK`);
        return the box its text goes in."""
        look = CARD_LOOK
        self.rect(owner, box, look.fill, name)
        self.rect(owner, Box(box.left, box.top, box.width, look.band_height), look.band, f"{name} band")
        top = box.top + look.band_height + look.top_pad
        return Box(box.left + look.pad, top, box.width - 2 * look.pad, box.bottom - look.bottom_pad - top)

    def source_line_height(self, text: str, width: int) -> int:
        """Return the height in EMU a 资料来源 line takes in a box `width` EMU wide."""
        spans, size = self.fit_spans([Span(text, MUTED)], Box(0, 0, width, int(Inches(0.5))), SOURCE_LINE)
        lines = len(text_fit.wrap(self.measure(), measured(spans), size, Emu(width).pt))
        return int(Pt(lines * size * LINE_SPACING)) + 1

    def source_line(self, owner, text: str, box: Box) -> None:
        """Write a 资料来源 line in a box, as under every chart and set of key figures."""
        self.text(owner, box, [Span(text, MUTED)], SOURCE_LINE, name="Source line")

    def badge(self, slide: Slide, box: Box, label: str) -> None:
        shape = self.rect(slide, box, ACCENT, "Badge")
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        spans, size = self.fit_spans([Span(label, ON_ACCENT, True)], box, Role(20, 10, 1))
        self._write(frame, [Para(spans, size, PP_ALIGN.CENTER)], self.body_fonts, box.width)

    def fits(self, text: str, box: Box, role: Role) -> bool:
        return text_fit.fit(self.measure(), [(text, False)], Emu(box.width).pt, Emu(box.height).pt, role) is not None


def style_font(font: Font, span: Span, size: float) -> None:
    font.size = Pt(size)
    if span.bold is not None:
        font.bold = span.bold
    if span.color is not None:
        paint(font.color, span.color)


def paint(color_format, paint: Paint) -> None:
    if isinstance(paint, RGBColor):
        color_format.rgb = paint
    elif paint is not None:
        color_format.theme_color = paint
