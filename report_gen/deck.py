"""Model + chart images → a 16:9 PowerPoint deck.

The deck is drawn with shapes on python-pptx's blank layout: a white slide, a
thin party-red band at the top, a dark title over a rule with a short red
segment, and a footer with the issuer and the slide number. Slides, in order:

1. title: report title, subtitle, issuer, date;
2. overview: one card per theme (number, short title, first figure);
3. per theme: one slide per chart, then its key figures, at most six a
   slide, spread evenly over as few slides as hold them (a theme with
   neither figures nor charts gets a slide of its summary);
4. sources.

Every number shown is written by `report_gen.numbers`. Text boxes get
explicit sizes chosen by `fit_text`, which estimates widths (1 em per CJK
character, 0.55 em per Latin character) and shrinks, wraps or, as a last
resort, shortens text so that nothing overflows its box.
"""

from __future__ import annotations

import io
import math
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Protocol, Sequence

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import Font, TextFrame
from pptx.util import Emu, Inches, Length, Pt

from . import numbers
from .model import Chart, DeckFonts, Figure, Report, Source, Theme
from .pptx_xml import (
    add_slide_number_field,
    remove_shape_style,
    set_picture_alt_text,
    set_text_frame_fonts,
    set_theme_fonts,
)


class ChartImage(Protocol):
    """What the deck needs of a rendered chart; `report_gen.charts.RenderedChart` is one.

    The picture is scaled to the content area keeping the PNG's own aspect
    ratio; `alt_text` becomes the picture's alt text.
    """

    @property
    def chart_id(self) -> str: ...
    @property
    def png(self) -> bytes: ...
    @property
    def width_mm(self) -> float: ...
    @property
    def height_mm(self) -> float: ...
    @property
    def dpi(self) -> int: ...
    @property
    def alt_text(self) -> str: ...



# ---------------------------------------------------------------- design --

SLIDE_WIDTH = Emu(12192000)
"""13.333 in: the 16:9 width PowerPoint uses."""
SLIDE_HEIGHT = Emu(6858000)
"""7.5 in."""

RED = RGBColor(0xC0, 0x00, 0x00)
DARK = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x59, 0x59, 0x59)
RULE = RGBColor(0xD9, 0xD9, 0xD9)
CARD = RGBColor(0xF5, 0xF5, 0xF5)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

MARGIN = Inches(0.6)
CONTENT_WIDTH = Emu(SLIDE_WIDTH - 2 * MARGIN)
TOP_BAND = Inches(0.1)
TITLE_TOP = Inches(0.3)
TITLE_HEIGHT = Inches(0.8)
RULE_TOP = Inches(1.18)
CONTENT_TOP = Inches(1.45)
CONTENT_BOTTOM = Inches(6.75)
CONTENT_HEIGHT = Emu(CONTENT_BOTTOM - CONTENT_TOP)
FOOTER_TOP = Inches(6.95)
FOOTER_HEIGHT = Inches(0.35)
GAP = Inches(0.25)

LINE_SPACING = 1.25
"""Line pitch as a multiple of the font size; written as an exact spacing, so heights are predictable."""
LATIN_EM = 0.55
"""Estimated advance of a Latin letter or digit, in em."""
FIT_MARGIN = 0.94
"""Share of a box's width the estimate may fill: room for kerning and line-breaking rules."""
ELLIPSIS = "…"
AUTOSPACE_EM = 0.25
"""Gap LibreOffice puts between a Chinese character and a Latin word or number (约 12.5 亿元)."""
WIDOW_EM = 2.0
"""A last line this wide (in em) or narrower looks stranded: 干部 split as 干 / 部."""

OVERVIEW_TITLE = "工作概览"
KEY_FIGURES_TITLE = "关键数字"
SUMMARY_TITLE = "概述"
SOURCES_TITLE = "资料来源"
CONTINUED = "（续）"
TITLE_SEPARATOR = "｜"

CARDS_PER_SLIDE = 8
FIGURES_PER_SLIDE = 6
SOURCES_PER_SLIDE = 7


# ------------------------------------------------------------ public API --


def deck_bytes(report: Report, charts: Mapping[str, ChartImage], fonts: DeckFonts | None = None) -> bytes:
    """Return the .pptx of a report, with the given chart images (by chart id) for its chart slides."""
    missing = [chart.id for _, chart in report.all_charts() if chart.id not in charts]
    if missing:
        raise ValueError(f"no rendered image for chart(s): {', '.join(missing)}")
    deck = _Deck(report, charts, fonts or report.style.deck.fonts)
    deck.build()
    stream = io.BytesIO()
    deck.prs.save(stream)
    return stream.getvalue()


# ------------------------------------------------------------ text fitting --


def char_em(char: str) -> float:
    """Return the estimated advance of a character in em: 1 for CJK and full-width, 0.55 otherwise."""
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return 1.0
    return LATIN_EM


def text_em(text: str) -> float:
    """Return the estimated width of a line of text in em."""
    return sum(char_em(char) for char in text)


def _tokens(text: str) -> list[str]:
    """Split text into what a line may break between: each CJK character, each Latin word, each space."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char.isspace() or char_em(char) == 1.0:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap_widths(text: str, size: float, width: Length, cautious: bool = True) -> list[float]:
    """Return the estimated width in em of each line text wraps to at `size` points in a box `width` wide.

    The cautious estimate fills only FIT_MARGIN of the width and counts the
    gap some renderers (LibreOffice) put between Chinese and Latin text; the
    other is the most any renderer could put on a line.
    """
    capacity = Emu(width).pt * (FIT_MARGIN if cautious else 1.0) / size
    autospace = AUTOSPACE_EM if cautious else 0.0
    widths: list[float] = []
    for paragraph in text.split("\n"):
        used = 0.0
        previous = ""
        for token in _tokens(paragraph):
            advance = text_em(token)
            if previous and _script_changes(previous, token):
                advance += autospace
            previous = token
            if used + advance <= capacity:
                used += advance
            elif token.isspace():
                widths.append(used)
                used = 0.0
            else:
                widths.append(used)
                while advance > capacity:  # a word longer than the line breaks anywhere
                    widths.append(capacity)
                    advance -= capacity
                used = advance
        widths.append(used)
    return widths


def _script_changes(before: str, after: str) -> bool:
    """Tell whether two neighbouring tokens are a Chinese character and a Latin word or number."""
    wide = [char_em(token[0]) == 1.0 and unicodedata.category(token[0]).startswith("L") for token in (before, after)]
    latin = [token[0].isascii() and token[0].isalnum() for token in (before, after)]
    return (wide[0] and latin[1]) or (latin[0] and wide[1])


def count_lines(text: str, size: float, width: Length) -> int:
    """Return how many lines text wraps to at `size` points in a box `width` wide (an estimate)."""
    return len(wrap_widths(text, size, width))


def _stranded(widths: list[float]) -> bool:
    """Tell whether wrapped lines end in a last line of a character or two."""
    return len(widths) > 1 and widths[-1] <= WIDOW_EM


@dataclass(frozen=True)
class Fit:
    """Text and the size it fits its box at."""

    text: str
    size: float
    """Font size in points."""
    lines: int


def fit_text(
    text: str,
    width: Length,
    height: Length,
    max_size: float,
    min_size: float,
    max_lines: Optional[int] = None,
) -> Fit:
    """Return the largest size from max_size down to min_size at which text fits the box.

    A size that would leave a last line of one or two characters, by the
    cautious estimate or by the widest a renderer could fill the lines, is
    passed over while a smaller one avoids it. When the text fits at no size, return
    it at min_size shortened with an ellipsis to the lines the box holds, so
    that nothing overflows.
    """
    height_pt = Emu(height).pt
    fits: list[Fit] = []
    size = float(max_size)
    while size >= min_size:
        widths = wrap_widths(text, size, width)
        lines = len(widths)
        if (max_lines is None or lines <= max_lines) and lines * size * LINE_SPACING <= height_pt:
            fit = Fit(text, size, lines)
            if not _stranded(widths) and not _stranded(wrap_widths(text, size, width, cautious=False)):
                return fit
            fits.append(fit)
        size -= 1
    if fits:
        return fits[0]
    size = float(min_size)
    room = max(1, math.floor(height_pt / (size * LINE_SPACING)))
    if max_lines is not None:
        room = min(room, max_lines)
    shortened = text
    while shortened and count_lines(shortened + ELLIPSIS, size, width) > room:
        shortened = shortened[:-1]
    shortened = shortened.rstrip() + ELLIPSIS
    return Fit(shortened, size, count_lines(shortened, size, width))


# ------------------------------------------------------------ drawing --


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph with its own colour and weight."""

    text: str
    color: RGBColor = DARK
    bold: bool = False


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width


@dataclass(frozen=True)
class Role:
    """How a kind of text is sized: the largest and smallest size tried, and the lines it may take."""

    max_size: float
    min_size: float
    max_lines: Optional[int] = None


CARD_TITLE = Role(20, 14, 2)
CARD_FIGURE = Role(32, 16, 1)
CARD_LABEL = Role(14, 11, 2)
FIGURE_VALUE = Role(44, 20, 1)
FIGURE_LABEL = Role(18, 12, 3)
FIGURE_PERIOD = Role(14, 10, 2)


@dataclass(frozen=True)
class Placed:
    """A text waiting to be added: where, what, how it is sized, its shape name and vertical anchor."""

    box: Box
    spans: Sequence[Span]
    role: Role
    name: str
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP

    @property
    def whole(self) -> str:
        return "".join(span.text for span in self.spans)


class _Deck:
    """Builds the slides of one report into a python-pptx presentation."""

    def __init__(self, report: Report, charts: Mapping[str, ChartImage], fonts: DeckFonts):
        self.report = report
        self.charts = charts
        self.fonts = fonts
        self.prs: PresentationType = Presentation()
        self._make_widescreen()
        set_theme_fonts(self.prs, fonts.latin, fonts.east_asian)
        self.blank = self.prs.slide_layouts[6]

    def _make_widescreen(self) -> None:
        """Set the 16:9 size and widen the template's masters and layouts to match."""
        ratio = SLIDE_WIDTH / self.prs.slide_width
        self.prs.slide_width = SLIDE_WIDTH
        self.prs.slide_height = SLIDE_HEIGHT
        master = self.prs.slide_masters[0]
        for shapes in [master.shapes] + [layout.shapes for layout in master.slide_layouts]:
            for shape in shapes:
                if shape.left is not None and shape.width is not None:
                    shape.left = Emu(round(shape.left * ratio))
                    shape.width = Emu(round(shape.width * ratio))

    # -- the sequence --

    def build(self) -> None:
        report = self.report
        self.title_slide()
        number = 1
        for index, page in enumerate(_pages(report.themes, CARDS_PER_SLIDE)):
            self.overview_slide(page, first_number=number, continued=index > 0)
            number += len(page)
        for theme in report.themes:
            for chart in theme.charts:
                self.chart_slide(theme, chart)
            for index, page in enumerate(_pages(theme.figures, FIGURES_PER_SLIDE)):
                self.key_figures_slide(theme, page, continued=index > 0)
            if not theme.figures and not theme.charts:
                self.summary_slide(theme)
        number = 1
        for index, page in enumerate(_pages(report.sources, SOURCES_PER_SLIDE)):
            self.sources_slide(page, first_number=number, continued=index > 0)
            number += len(page)

    # -- slides --

    def title_slide(self) -> None:
        info = self.report.report
        slide = self.prs.slides.add_slide(self.blank)
        self.rect(slide, Box(0, 0, SLIDE_WIDTH, Inches(0.35)), RED, "Top band")
        self.rect(slide, Box(0, SLIDE_HEIGHT - Inches(0.12), SLIDE_WIDTH, Inches(0.12)), RED, "Bottom band")
        width = Emu(SLIDE_WIDTH - 2 * Inches(1.2))
        left = Inches(1.2)
        self.text(slide, Box(left, Inches(1.7), width, Inches(1.9)), [Span(info.title, DARK, True)],
                  max_size=40, min_size=28, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.BOTTOM, name="Title")
        rule_width = Inches(1.4)
        self.rect(slide, Box((SLIDE_WIDTH - rule_width) // 2, Inches(3.85), rule_width, Inches(0.06)), RED, "Title rule")
        if info.subtitle:
            self.text(slide, Box(left, Inches(4.15), width, Inches(0.9)), [Span(info.subtitle, GREY)],
                      max_size=24, min_size=18, align=PP_ALIGN.CENTER, name="Subtitle")
        self.text(slide, Box(left, Inches(5.35), width, Inches(0.5)), [Span(info.issuer, DARK)],
                  max_size=20, min_size=14, max_lines=1, align=PP_ALIGN.CENTER, name="Issuer")
        self.text(slide, Box(left, Inches(5.9), width, Inches(0.45)), [Span(numbers.write_date(info.date), GREY)],
                  max_size=18, min_size=14, max_lines=1, align=PP_ALIGN.CENTER, name="Date")

    def overview_slide(self, themes: Sequence[Theme], first_number: int, continued: bool) -> None:
        slide = self.content_slide([Span(OVERVIEW_TITLE + (CONTINUED if continued else ""), DARK, True)])
        count = len(themes)
        rows = 1 if count <= 4 else 2
        cols = math.ceil(count / rows)
        texts: list[Placed] = []
        for index, (theme, box) in enumerate(zip(themes, _grid(count, cols, rows, Inches(2.6)))):
            texts += self.theme_card(slide, theme, first_number + index, box)
        self.place_uniformly(slide, texts)

    def theme_card(self, slide: Slide, theme: Theme, number: int, box: Box) -> list[Placed]:
        """Draw a theme's card and return its texts, to be sized alike across the cards."""
        self.rect(slide, box, CARD, f"Card {number}")
        self.rect(slide, Box(box.left, box.top, box.width, Inches(0.07)), RED, f"Card {number} band")
        pad = Inches(0.2)
        badge = Inches(0.5)
        header_top = box.top + Inches(0.27)
        self.badge(slide, Box(box.left + pad, header_top + Inches(0.05), badge, badge), numbers.write_number(number))
        title_left = box.left + pad + badge + Inches(0.15)
        texts = [Placed(Box(title_left, header_top, box.right - pad - title_left, Inches(0.6)),
                        [Span(theme.short_title, DARK, True)], CARD_TITLE, f"Card {number} title", MSO_ANCHOR.MIDDLE)]
        if not theme.figures:
            return texts
        figure = theme.figures[0]
        inner = box.width - 2 * pad
        label_height = Inches(0.5)
        label_top = box.bottom - Inches(0.2) - label_height
        figure_height = Inches(0.62)
        figure_top = max(header_top + Inches(0.65), label_top - Inches(0.06) - figure_height)
        texts.append(Placed(Box(box.left + pad, figure_top, inner, figure_height),
                            [Span(numbers.write_figure(figure), RED, True)], CARD_FIGURE, f"Card {number} figure",
                            MSO_ANCHOR.BOTTOM))
        texts.append(Placed(Box(box.left + pad, label_top, inner, label_height),
                            [Span(figure.axis_label, GREY)], CARD_LABEL, f"Card {number} label"))
        return texts

    def chart_slide(self, theme: Theme, chart: Chart) -> None:
        image = self.charts[chart.id]
        slide = self.content_slide(self.theme_title(theme, chart.title))
        caption = fit_text(chart.caption, CONTENT_WIDTH, Inches(0.8), 16, 12, max_lines=2)
        caption_height = Emu(Pt(caption.lines * caption.size * LINE_SPACING))
        gap = Inches(0.12)
        area_height = CONTENT_HEIGHT - caption_height - gap
        pixel_width, pixel_height = Image.open(io.BytesIO(image.png)).size
        scale = min(CONTENT_WIDTH / pixel_width, area_height / pixel_height)
        width, height = Emu(round(pixel_width * scale)), Emu(round(pixel_height * scale))
        top = CONTENT_TOP + (CONTENT_HEIGHT - height - gap - caption_height) // 2
        picture = slide.shapes.add_picture(io.BytesIO(image.png), MARGIN + (CONTENT_WIDTH - width) // 2, top, width, height)
        set_picture_alt_text(picture, image.alt_text, name=f"Chart {chart.id}")
        self.text(slide, Box(MARGIN, top + height + gap, CONTENT_WIDTH, caption_height),
                  [Span(caption.text, GREY)], fit=caption, align=PP_ALIGN.CENTER, name="Caption")

    def key_figures_slide(self, theme: Theme, figures: Sequence[Figure], continued: bool) -> None:
        title = KEY_FIGURES_TITLE + (CONTINUED if continued else "")
        slide = self.content_slide(self.theme_title(theme, title))
        count = len(figures)
        cols, rows = {1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (2, 2)}.get(count, (3, 2))
        texts: list[Placed] = []
        for index, (figure, box) in enumerate(zip(figures, _grid(count, cols, rows, Inches(2.8)))):
            texts += self.figure_cell(slide, figure, box, index + 1)
        self.place_uniformly(slide, texts)

    def figure_cell(self, slide: Slide, figure: Figure, box: Box, number: int) -> list[Placed]:
        """Draw a key figure's cell and return its texts, to be sized alike across the cells."""
        self.rect(slide, box, CARD, f"Figure {number}")
        self.rect(slide, Box(box.left, box.top, Inches(0.08), box.height), RED, f"Figure {number} bar")
        pad = Inches(0.35)
        inner = Box(box.left + pad, box.top + Inches(0.2), box.width - pad - Inches(0.25), box.height - Inches(0.4))
        number_height = Inches(0.9)
        period_height = Inches(0.45)
        label_height = inner.height - number_height - period_height - Inches(0.1)
        return [
            Placed(Box(inner.left, inner.top, inner.width, number_height),
                   [Span(numbers.write_figure(figure), RED, True)], FIGURE_VALUE, f"Figure {number} value",
                   MSO_ANCHOR.BOTTOM),
            Placed(Box(inner.left, inner.top + number_height + Inches(0.1), inner.width, label_height),
                   [Span(figure.label, DARK, True)], FIGURE_LABEL, f"Figure {number} label"),
            Placed(Box(inner.left, inner.bottom - period_height, inner.width, period_height),
                   [Span(figure.period, GREY)], FIGURE_PERIOD, f"Figure {number} period", MSO_ANCHOR.BOTTOM),
        ]

    def summary_slide(self, theme: Theme) -> None:
        slide = self.content_slide(self.theme_title(theme, SUMMARY_TITLE))
        self.text(slide, Box(MARGIN, CONTENT_TOP, CONTENT_WIDTH, CONTENT_HEIGHT), [Span(theme.summary)],
                  max_size=24, min_size=14, name="Summary")

    def sources_slide(self, sources: Sequence[Source], first_number: int, continued: bool) -> None:
        slide = self.content_slide([Span(SOURCES_TITLE + (CONTINUED if continued else ""), DARK, True)])
        row = Emu(CONTENT_HEIGHT // SOURCES_PER_SLIDE)
        number_width = Inches(0.5)
        text_left = MARGIN + number_width
        text_width = CONTENT_WIDTH - number_width
        for index, source in enumerate(sources):
            top = CONTENT_TOP + index * row
            label = numbers.write_number(first_number + index)
            self.text(slide, Box(MARGIN, top, number_width, Inches(0.4)), [Span(label, RED, True)],
                      max_size=18, min_size=18, max_lines=1, name=f"Source {label} number")
            self.text(slide, Box(text_left, top, text_width, Inches(0.4)), [Span(source.title, DARK, True)],
                      max_size=18, min_size=13, max_lines=1, name=f"Source {label} title")
            self.text(slide, Box(text_left, top + Inches(0.4), text_width, Inches(0.32)),
                      [Span(_source_details(source), GREY)], max_size=14, min_size=11, max_lines=1,
                      name=f"Source {label} details")

    # -- furniture --

    def place_uniformly(self, slide: Slide, texts: Sequence[Placed]) -> None:
        """Add texts so that those of one role share one size: the largest at which all of them fit."""
        sizes: dict[Role, float] = {}
        for placed in texts:
            role = placed.role
            fit = fit_text(placed.whole, placed.box.width, placed.box.height, role.max_size, role.min_size, role.max_lines)
            sizes[role] = min(sizes.get(role, role.max_size), fit.size)
        for placed in texts:
            role = placed.role
            size = sizes[role]
            self.text(slide, placed.box, placed.spans, max_size=size, min_size=min(size, role.min_size),
                      max_lines=role.max_lines, anchor=placed.anchor, name=placed.name)

    def content_slide(self, title: Sequence[Span]) -> Slide:
        """Add a slide with the top band, a title, the rule under it and the footer."""
        slide = self.prs.slides.add_slide(self.blank)
        number = len(self.prs.slides)
        self.rect(slide, Box(0, 0, SLIDE_WIDTH, TOP_BAND), RED, "Top band")
        self.text(slide, Box(MARGIN, TITLE_TOP, CONTENT_WIDTH, TITLE_HEIGHT), title,
                  max_size=28, min_size=20, max_lines=2, anchor=MSO_ANCHOR.MIDDLE, name="Slide title")
        self.rect(slide, Box(MARGIN, RULE_TOP, CONTENT_WIDTH, Pt(1)), RULE, "Title rule")
        self.rect(slide, Box(MARGIN, RULE_TOP - Pt(1.5), Inches(1.2), Pt(4)), RED, "Title rule accent")
        footer_width = CONTENT_WIDTH - Inches(1.5)
        self.text(slide, Box(MARGIN, FOOTER_TOP, footer_width, FOOTER_HEIGHT), [Span(self.report.report.issuer, GREY)],
                  max_size=12, min_size=10, max_lines=1, anchor=MSO_ANCHOR.MIDDLE, name="Footer")
        box = Box(SLIDE_WIDTH - MARGIN - Inches(1.2), FOOTER_TOP, Inches(1.2), FOOTER_HEIGHT)
        frame = self._frame(slide, box, MSO_ANCHOR.MIDDLE, "Slide number")
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.RIGHT
        paragraph.line_spacing = Pt(12 * LINE_SPACING)
        rPr = add_slide_number_field(paragraph, numbers.write_number(number))
        self._style(Font(rPr), Span("", GREY), 12)
        set_text_frame_fonts(frame, self.fonts.latin, self.fonts.east_asian)
        return slide

    def theme_title(self, theme: Theme, title: str) -> list[Span]:
        """Return a slide title led by the theme's short title in red: 营商环境｜关键数字."""
        return [Span(theme.short_title + TITLE_SEPARATOR, RED, True), Span(title, DARK, True)]

    def rect(self, slide: Slide, box: Box, color: RGBColor, name: str):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
        shape.name = name
        shape.fill.solid()
        shape.fill.fore_color.rgb = color
        shape.line.fill.background()
        shape.shadow.inherit = False
        remove_shape_style(shape)
        return shape

    def badge(self, slide: Slide, box: Box, label: str) -> None:
        shape = self.rect(slide, box, RED, "Badge")
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.word_wrap = False
        fit = fit_text(label, box.width, box.height, 20, 10, max_lines=1)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = fit.text
        self._style(run.font, Span(label, WHITE, True), fit.size)
        set_text_frame_fonts(frame, self.fonts.latin, self.fonts.east_asian)

    def text(
        self,
        slide: Slide,
        box: Box,
        spans: Sequence[Span],
        max_size: float = 18,
        min_size: float = 12,
        max_lines: Optional[int] = None,
        align: PP_ALIGN = PP_ALIGN.LEFT,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        name: str = "Text",
        fit: Optional[Fit] = None,
    ) -> None:
        """Add a text box holding one paragraph of spans, sized by `fit_text` to fit the box."""
        whole = "".join(span.text for span in spans)
        if fit is None:
            fit = fit_text(whole, box.width, box.height, max_size, min_size, max_lines)
        if fit.text != whole:  # shortened: keep the spans that fit, cut the last one
            kept: list[Span] = []
            remaining = fit.text
            for span in spans:
                piece = remaining[: len(span.text)]
                remaining = remaining[len(piece):]
                if piece:
                    kept.append(Span(piece, span.color, span.bold))
            if remaining:
                kept[-1] = Span(kept[-1].text + remaining, kept[-1].color, kept[-1].bold)
            spans = kept
        frame = self._frame(slide, box, anchor, name)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = align
        paragraph.line_spacing = Pt(fit.size * LINE_SPACING)
        for span in spans:
            run = paragraph.add_run()
            run.text = span.text
            self._style(run.font, span, fit.size)
        set_text_frame_fonts(frame, self.fonts.latin, self.fonts.east_asian)
        Font(paragraph._p.get_or_add_endParaRPr()).size = Pt(fit.size)

    def _frame(self, slide: Slide, box: Box, anchor: MSO_ANCHOR, name: str) -> TextFrame:
        shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
        shape.name = name
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        return frame

    def _style(self, font: Font, span: Span, size: float) -> None:
        font.size = Pt(size)
        font.bold = span.bold
        font.color.rgb = span.color


# ------------------------------------------------------------ helpers --


def _pages(items: Sequence, per_page: int) -> list[list]:
    """Split items into as few pages of at most per_page as possible, evenly (13 → 5 + 4 + 4, not 6 + 6 + 1)."""
    if not items:
        return []
    count = math.ceil(len(items) / per_page)
    base, extra = divmod(len(items), count)
    pages, start = [], 0
    for index in range(count):
        size = base + (1 if index < extra else 0)
        pages.append(list(items[start:start + size]))
        start += size
    return pages


def _grid(count: int, cols: int, rows: int, max_height: Length) -> Iterable[Box]:
    """Yield boxes for count cells laid out cols × rows in the content area, centred vertically.

    A last row with fewer cells is centred horizontally.
    """
    width = (CONTENT_WIDTH - (cols - 1) * GAP) // cols
    height = min((CONTENT_HEIGHT - (rows - 1) * GAP) // rows, max_height)
    top = CONTENT_TOP + (CONTENT_HEIGHT - rows * height - (rows - 1) * GAP) // 2
    for index in range(count):
        row, col = divmod(index, cols)
        in_row = min(cols, count - row * cols)
        offset = (cols - in_row) * (width + GAP) // 2
        yield Box(MARGIN + offset + col * (width + GAP), top + row * (height + GAP), width, height)


def _source_details(source: Source) -> str:
    """Return a source's authors, publication and date on one line."""
    parts = []
    if source.authors:
        parts.append("、".join(source.authors))
    if source.publication:
        parts.append(source.publication)
    if source.date:
        parts.append(numbers.write_partial_date(source.date))
    elif source.date_note:
        parts.append(source.date_note)
    return "，".join(parts) if parts else "出处不详"
