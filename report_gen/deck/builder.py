"""Model + chart images (or native charts) + notes templates → a 16:9 PowerPoint deck.

Slides go on the layouts of `report_gen.slide_layouts`: report_gen's own
master (a party-red band, a title over a rule with a red accent, a footer with
the issuer and the slide number) or an organisation's template. In order:

1. title (封面): title, subtitle, issuer, date;
2. overview (工作概览): one card per theme with its most telling figure, eight a slide;
3. per theme: one slide per chart (a picture, or a native PowerPoint chart),
   its key figures (关键数字, at most six a slide, each with its comparison),
   its typical cases (典型案例, up to three a slide, a long story continued on
   the next), or its summary when it has neither figures nor charts;
4. sources (资料来源);
5. closing (结束页).

Every number shown is written by `report_gen.numbers`. Every text is sized by
`report_gen.deck.fit` with the real fonts' metrics: shrunk within its role's
limits, then wrapped, then continued on a follow-up slide (stories, summaries,
sources) or, for a short label, cut with an ellipsis (the notes carry it whole).
Every content slide has speaker notes rendered from `templates/deck/notes/`.
"""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence, Union

from PIL import Image
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import Font, TextFrame
from pptx.util import Emu, Inches, Pt

from ..text import numbers
from . import fit as text_fit
from ..text.cjk import tidy_spacing
from ..charts import RenderedChart
from ..data.model import Case, Chart, ChartKind, DeckFonts, Figure, Report, Source, Theme
from ..ooxml.pptx import (
    add_slide_number_field,
    inherited_insets,
    remove_shape,
    remove_shape_style,
    set_alt_text,
    set_text_frame_fonts,
    theme_fonts,
    fill_empty_theme_east_asian,
    set_theme_fonts,
)
from .master import (
    INFO_IDX,
    Box,
    Layouts,
    designed_presentation,
    find_layouts,
    open_template,
    placeholder_box,
)
from ..fonts.metrics import Measure
from .fit import LINE_SPACING, Role


IMAGE, NATIVE = "image", "native"
"""How charts are drawn: pictures from report_gen.charts, or PowerPoint charts with their data."""

# ---------------------------------------------------------------- design --

Paint = Union[MSO_THEME_COLOR, RGBColor, None]
"""A theme colour slot (so another template recolours it), a fixed colour, or None to inherit."""

ACCENT = MSO_THEME_COLOR.ACCENT_1
TEXT = MSO_THEME_COLOR.TEXT_1
MUTED = MSO_THEME_COLOR.TEXT_2
CARD = MSO_THEME_COLOR.BACKGROUND_2
ON_ACCENT = MSO_THEME_COLOR.BACKGROUND_1

GAP = Inches(0.25)

OVERVIEW_TITLE = "工作概览"
KEY_FIGURES_TITLE = "关键数字"
CASES_TITLE = "典型案例"
SUMMARY_TITLE = "概述"
SOURCES_TITLE = "资料来源"
CONTINUED = "（续）"
TITLE_SEPARATOR = "｜"
CASE_NUMERALS = "一二三四五六七八九十"

CARDS_PER_SLIDE = 8
FIGURES_PER_SLIDE = 6
NARROW_FIGURES_PER_SLIDE = 4
"""Key figures a slide holds when the content area is narrower than 11 in (a 4:3 template)."""
CASES_PER_SLIDE = 3
SOURCES_PER_SLIDE = 5

SLIDE_TITLE = Role(28, 20, 2, one_line_floor=24)
COVER_TITLE = Role(40, 28, 2, one_line_floor=34)
COVER_SUBTITLE = Role(22, 16, 2)
INFO_MAIN = Role(24, 16, 1)
INFO_DATE = Role(18, 12, 1)
SHARED_ISSUER = Role(18, 12, 1)
SHARED_DATE = Role(16, 11, 1)
CLOSING_TITLE = Role(54, 32, 1)
FOOTER = Role(12, 9, 1)
CAPTION = Role(16, 12, 2)
SOURCE_LINE = Role(12, 10, 2)
CARD_TITLE = Role(20, 14, 2)
CARD_FIGURE = Role(32, 16, 1)
CARD_LABEL = Role(14, 11, 2)
FIGURE_VALUE = Role(44, 20, 1)
FIGURE_CHANGE = Role(16, 11, 1)
FIGURE_LABEL = Role(18, 12, 3)
FIGURE_PERIOD = Role(14, 10, 2)
CASE_LABEL = Role(14, 12, 1)
CASE_TITLE = Role(20, 15, 2)
CASE_TEXT = Role(20, 14)
CASE_SOURCE = Role(12, 10, 1)
SOURCE_TITLE = Role(20, 13, 1)
SOURCE_DETAILS = Role(16, 11, 1)
SOURCE_URL = Role(13, 10, 1)
SUMMARY_TEXT = Role(24, 16)
RING_SHARE = Role(40, 18, 1)
RING_LABEL = Role(18, 12, 2)
RING_VALUE = Role(27, 16, 1)
UNIT_NOTE = Role(13, 10, 1)
CHANGE_NOTE = Role(18, 12, 1)
TILE_VALUE = Role(40, 18, 1)
TILE_LABEL = Role(17, 12, 2)
TILE_NOTE = Role(13, 10, 2)

NOTES_DIR = "deck/notes"
"""Folder of the speaker-notes templates, under the templates folder."""


# ------------------------------------------------------------ public API --


def deck_bytes(
    report: Report,
    charts: Optional[Mapping[str, RenderedChart]] = None,
    fonts: DeckFonts | None = None,
    *,
    narrative=None,
    template: Path | None = None,
    chart_mode: str | None = None,
) -> bytes:
    """Return the .pptx of a report.

    charts: rendered images by chart id, needed when charts are drawn as
    images; fonts: None means the data file's style.deck.fonts; narrative: a
    `report_gen.narrative.Narrative` for the notes (None: the shipped
    templates); template: an organisation's .pptx whose layouts and theme the
    deck uses (None: report_gen's design); chart_mode: "image" or "native"
    (None: the data file's style.deck.charts).
    """
    mode = chart_mode or report.style.deck.charts
    if mode not in (IMAGE, NATIVE):
        raise ValueError(f"chart mode must be '{IMAGE}' or '{NATIVE}', not {mode!r}")
    charts = charts or {}
    if mode == IMAGE:
        missing = [chart.id for _, chart in report.all_charts() if chart.id not in charts]
        if missing:
            raise ValueError(f"no rendered image for chart(s): {', '.join(missing)}")
    if narrative is None:
        from ..narrative.narrative import Narrative

        narrative = Narrative(report)
    deck = _Deck(report, charts, fonts, narrative, template, mode)
    deck.build()
    stream = io.BytesIO()
    deck.prs.save(stream)
    return stream.getvalue()


# ------------------------------------------------------------ drawing --


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph with its own colour and weight; None inherits them from the placeholder."""

    text: str
    color: Paint = TEXT
    bold: Optional[bool] = False


@dataclass(frozen=True)
class Para:
    """A paragraph to write: its spans, size in points, alignment and the space before it."""

    spans: Sequence[Span]
    size: float
    align: PP_ALIGN = PP_ALIGN.LEFT
    space_before: float = 0.0


@dataclass(frozen=True)
class Placed:
    """A text waiting to be added: where, what, how it is sized, its shape name, anchor and alignment."""

    box: Box
    spans: Sequence[Span]
    role: Role
    name: str
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP
    align: PP_ALIGN = PP_ALIGN.LEFT


def _measured(spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """Spans as text_fit measures them: inherited weight is measured as bold, the wider case."""
    return [(span.text, True if span.bold is None else span.bold) for span in spans]


@functools.lru_cache(maxsize=8)
def _measure(latin: str, east_asian: str) -> Measure:
    return Measure(latin, east_asian)


@dataclass
class _CaseItem:
    """A case, or a piece of a long one, as one card."""

    case: Case
    number: int
    text: str
    continued: bool = False


class _Deck:
    """Builds the slides of one report into a python-pptx presentation."""

    def __init__(self, report: Report, charts: Mapping[str, RenderedChart], fonts: DeckFonts | None, narrative,
                 template: Path | None, mode: str):
        self.report = report
        self.charts = charts
        self.narrative = narrative
        self.mode = mode
        style = report.style.deck
        chosen = fonts or style.fonts
        if template is None:
            self.prs: PresentationType = designed_presentation(chosen)
            self.layouts: Layouts = find_layouts(self.prs, {}, "report_gen's design")
            self.heading_fonts = self.body_fonts = chosen
        else:
            self.prs = open_template(Path(template))
            self.layouts = find_layouts(self.prs, dict(style.layouts), str(template))
            self.heading_fonts, self.body_fonts = self._template_fonts(chosen, explicit=fonts is not None or "fonts" in style.model_fields_set)
        self.area = self.layouts.area
        self.slide_width = int(self.prs.slide_width)
        self.slide_height = int(self.prs.slide_height)
        self._notes_figures = narrative.figures

    def _template_fonts(self, chosen: DeckFonts, explicit: bool) -> tuple[DeckFonts, DeckFonts]:
        """Return the heading and body fonts on a user's template: its theme's, unless the data file names fonts."""
        if explicit:
            set_theme_fonts(self.prs, chosen.latin, chosen.east_asian)
            return chosen, chosen
        for master in self.prs.slide_masters:
            fill_empty_theme_east_asian(master, chosen.east_asian)
        found = theme_fonts(self.prs.slide_masters[0])
        heading = DeckFonts(latin=found["major_latin"] or chosen.latin, east_asian=found["major_ea"] or chosen.east_asian)
        body = DeckFonts(latin=found["minor_latin"] or chosen.latin, east_asian=found["minor_ea"] or chosen.east_asian)
        return heading, body

    def measure(self, heading: bool = False) -> Measure:
        fonts = self.heading_fonts if heading else self.body_fonts
        return _measure(fonts.latin, fonts.east_asian)

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
            per_slide = FIGURES_PER_SLIDE if self.area.width >= Inches(11) else NARROW_FIGURES_PER_SLIDE
            for index, page in enumerate(_pages(theme.figures, per_slide)):
                self.key_figures_slide(theme, page, continued=index > 0)
            if theme.cases:
                self.case_slides(theme)
            if not theme.figures and not theme.charts:
                self.summary_slides(theme)
        number = 1
        for index, page in enumerate(_pages(report.sources, SOURCES_PER_SLIDE)):
            self.sources_slide(page, first_number=number, continued=index > 0)
            number += len(page)
        self.closing_slide()

    # -- slides on the title and closing layouts --

    def title_slide(self) -> None:
        """Add the title slide: the title, then the subtitle, and the issuer and date in their own placeholder.

        On a template whose title layout has only a subtitle placeholder, the
        subtitle, issuer and date share it; with neither, they go in a text
        box under the title.
        """
        info = self.report.report
        slide = self.prs.slides.add_slide(self.layouts.title)
        title = _placeholder(slide, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE)
        self.fill_placeholder(title, [Span(info.title, None, True)], COVER_TITLE, heading=True)
        subtitle = _placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
        info_box = _placeholder_by_idx(slide, INFO_IDX) or _other_body(slide, exclude=subtitle)
        date = numbers.write_date(info.date)
        if info_box is not None:
            if info.subtitle and subtitle is not None:
                self.fill_placeholder(subtitle, [Span(info.subtitle, None, False)], COVER_SUBTITLE)
            lines = [(Span(info.subtitle, None, False), COVER_SUBTITLE)] if info.subtitle and subtitle is None else []
            lines += [(Span(info.issuer, None, True), INFO_MAIN), (Span(date, None, False), INFO_DATE)]
            self.fill_stack(slide, info_box, lines, below=title)
        else:
            lines = [(Span(info.subtitle, None, False), COVER_SUBTITLE)] if info.subtitle else []
            lines += [(Span(info.issuer, None, True), SHARED_ISSUER), (Span(date, None, False), SHARED_DATE)]
            self.fill_stack(slide, subtitle, lines, below=title)
        self.notes(slide, "title.md.j2")
        _drop_empty_placeholders(slide)

    def closing_slide(self) -> None:
        info = self.report.report
        slide = self.prs.slides.add_slide(self.layouts.closing)
        title = _placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        self.fill_placeholder(title, [Span(self.report.style.deck.closing, None, True)], CLOSING_TITLE, heading=True)
        lines = [(Span(info.issuer, None, True), INFO_MAIN), (Span(numbers.write_date(info.date), None, False), INFO_DATE)]
        info_box = (_placeholder_by_idx(slide, INFO_IDX) or _placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
                    or _other_body(slide, exclude=None))
        self.fill_stack(slide, info_box, lines, below=title)
        self.notes(slide, "closing.md.j2")
        _drop_empty_placeholders(slide)

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
                count = len(text_fit.wrap(measure, _measured(fitted), size, width))
                used += count * size * LINE_SPACING + (gap if index else 0)
                paras.append(Para(fitted, size, PP_ALIGN.LEFT if placeholder is None else None, gap if index else 0.0))
            if used <= height:
                break
        if placeholder is not None:
            self._write(placeholder.text_frame, paras, self.body_fonts)
        else:
            frame = self._frame(slide, box, MSO_ANCHOR.MIDDLE if name != "Issuer and date" else MSO_ANCHOR.TOP, name)
            self._write(frame, paras, self.body_fonts)

    # -- content slides --

    def content_slide(self, title: Sequence[Span]) -> Slide:
        """Add a slide on the content layout with its title, footer and slide number."""
        slide = self.prs.slides.add_slide(self.layouts.content)
        number = len(self.prs.slides)
        if self.layouts.body_placeholder_idx is not None:
            body = _placeholder_by_idx(slide, self.layouts.body_placeholder_idx)
            if body is not None:
                remove_shape(body)
        heading = _placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        self.fill_placeholder(heading, title, SLIDE_TITLE, heading=True)
        self.footer(slide, number)
        return slide

    def footer(self, slide: Slide, number: int) -> None:
        """Add the issuer and the slide number: in the layout's footer placeholders, or in text boxes under the content."""
        layout = slide.slide_layout
        shown = numbers.write_number(number)
        placeholders = {p.placeholder_format.type: p for p in layout.placeholders}
        footer_ph = placeholders.get(PP_PLACEHOLDER.FOOTER)
        number_ph = placeholders.get(PP_PLACEHOLDER.SLIDE_NUMBER)
        room = self.slide_height - self.area.bottom
        if footer_ph is not None:
            slide.shapes.clone_placeholder(footer_ph)
            shape = slide.shapes[-1]
            shape.name = "Footer"
            self.fill_placeholder(shape, [Span(self.report.report.issuer, None, False)], FOOTER)
        elif room >= Inches(0.4):
            box = Box(self.area.left, self.area.bottom + (room - int(Inches(0.35))) // 2,
                      self.area.width - int(Inches(1.5)), int(Inches(0.35)))
            self.text(slide, box, [Span(self.report.report.issuer, MUTED)], FOOTER, anchor=MSO_ANCHOR.MIDDLE, name="Footer")
        if number_ph is not None:
            slide.shapes.clone_placeholder(number_ph)
            shape = slide.shapes[-1]
            shape.name = "Slide number"
            frame = shape.text_frame
            self._prepare_placeholder(shape)
            paragraph = frame.paragraphs[0]
            for child in list(paragraph._p):
                if child.tag.endswith("}r") or child.tag.endswith("}fld"):
                    paragraph._p.remove(child)
            size = FOOTER.max_size
            paragraph.line_spacing = Pt(size * LINE_SPACING)
            rPr = add_slide_number_field(paragraph, shown)
            Font(rPr).size = Pt(size)
            Font(paragraph._p.get_or_add_endParaRPr()).size = Pt(size)
            set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)
        elif room >= Inches(0.4):
            box = Box(self.area.right - int(Inches(1.2)), self.area.bottom + (room - int(Inches(0.35))) // 2,
                      int(Inches(1.2)), int(Inches(0.35)))
            frame = self._frame(slide, box, MSO_ANCHOR.MIDDLE, "Slide number")
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT
            paragraph.line_spacing = Pt(FOOTER.max_size * LINE_SPACING)
            rPr = add_slide_number_field(paragraph, shown)
            _style(Font(rPr), Span("", MUTED), FOOTER.max_size)
            Font(paragraph._p.get_or_add_endParaRPr()).size = Pt(FOOTER.max_size)
            set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)

    def theme_title(self, theme: Theme, title: str) -> list[Span]:
        """Return a slide title led by the theme's short title in the accent colour: 营商环境｜关键数字."""
        return [Span(theme.short_title + TITLE_SEPARATOR, ACCENT, True), Span(title, None, True)]

    def overview_slide(self, themes: Sequence[Theme], first_number: int, continued: bool) -> None:
        slide = self.content_slide([Span(OVERVIEW_TITLE + (CONTINUED if continued else ""), None, True)])
        count = len(themes)
        rows = 1 if count <= 4 else 2
        cols = math.ceil(count / rows)
        texts: list[Placed] = []
        for index, (theme, box) in enumerate(zip(themes, _grid(self.area, count, cols, rows, Inches(2.6)))):
            texts += self.theme_card(slide, theme, first_number + index, box)
        self.place_uniformly(slide, texts)
        shown = [(theme, theme.figures[0] if theme.figures else None) for theme in themes]
        self.notes(slide, "overview.md.j2", themes=[
            {"theme": theme, "number": first_number + index, "figure": self._fig(figure) if figure else None}
            for index, (theme, figure) in enumerate(shown)
        ], continued=continued)

    def theme_card(self, slide: Slide, theme: Theme, number: int, box: Box) -> list[Placed]:
        """Draw a theme's card and return its texts, to be sized alike across the cards."""
        self.rect(slide, box, CARD, f"Card {number}")
        self.rect(slide, Box(box.left, box.top, box.width, int(Inches(0.07))), ACCENT, f"Card {number} band")
        pad = int(Inches(0.2))
        badge = int(Inches(0.5))
        header_top = box.top + int(Inches(0.27))
        self.badge(slide, Box(box.left + pad, header_top + int(Inches(0.05)), badge, badge), numbers.write_number(number))
        title_left = box.left + pad + badge + int(Inches(0.15))
        texts = [Placed(Box(title_left, header_top, box.right - pad - title_left, int(Inches(0.6))),
                        [Span(theme.short_title, TEXT, True)], CARD_TITLE, f"Card {number} title", MSO_ANCHOR.MIDDLE)]
        if not theme.figures:
            return texts
        figure = theme.figures[0]
        inner = box.width - 2 * pad
        label_height = int(Inches(0.5))
        label_top = box.bottom - int(Inches(0.2)) - label_height
        figure_height = int(Inches(0.62))
        figure_top = max(header_top + int(Inches(0.65)), label_top - int(Inches(0.06)) - figure_height)
        texts.append(Placed(Box(box.left + pad, figure_top, inner, figure_height),
                            [Span(numbers.write_figure(figure), ACCENT, True)], CARD_FIGURE, f"Card {number} figure",
                            MSO_ANCHOR.BOTTOM))
        texts.append(Placed(Box(box.left + pad, label_top, inner, label_height),
                            [Span(figure.axis_label, MUTED)], CARD_LABEL, f"Card {number} label"))
        return texts

    # -- charts --

    def chart_slide(self, theme: Theme, chart: Chart) -> None:
        slide = self.content_slide(self.theme_title(theme, chart.title))
        area = self.area
        caption_spans, caption_size = self.fit_spans([Span(chart.caption, MUTED)],
                                                     Box(area.left, 0, area.width, int(Inches(0.8))), CAPTION)
        caption_lines = len(text_fit.wrap(self.measure(), _measured(caption_spans), caption_size, Emu(area.width).pt))
        caption_height = int(Pt(caption_lines * caption_size * LINE_SPACING)) + 1
        gap = int(Inches(0.12))
        room = Box(area.left, area.top, area.width, area.height - caption_height - gap)
        if self.mode == NATIVE:
            drawn = self.native_chart(slide, chart, room)
        else:
            drawn = self.picture(slide, chart, room)
        self.text(slide, Box(area.left, drawn.bottom + gap, area.width, caption_height), caption_spans,
                  Role(caption_size, caption_size, CAPTION.max_lines), align=PP_ALIGN.CENTER, name="Caption")
        figures = _chart_figures(chart, self.report)
        self.notes(slide, "chart.md.j2", theme=theme, chart=chart, figures=[self._fig(f) for f in figures],
                   chart_number=self.narrative.chart_numbers.get(chart.id), sources=self._source_titles(figures))

    def picture(self, slide: Slide, chart: Chart, room: Box) -> Box:
        image = self.charts[chart.id]
        pixel_width, pixel_height = Image.open(io.BytesIO(image.png)).size
        scale = min(room.width / pixel_width, room.height / pixel_height)
        width, height = round(pixel_width * scale), round(pixel_height * scale)
        box = Box(room.left + (room.width - width) // 2, room.top + (room.height - height) // 2, width, height)
        picture = slide.shapes.add_picture(io.BytesIO(image.png), Emu(box.left), Emu(box.top), Emu(width), Emu(height))
        set_alt_text(picture, image.alt_text, name=f"Chart {chart.id}")
        return box

    def native_chart(self, slide: Slide, chart: Chart, room: Box) -> Box:
        """Draw a chart as a PowerPoint chart (tiles as shapes) in the room given; return the box it took."""
        from . import native_charts
        from ..charts import alt_text

        figures = _chart_figures(chart, self.report)
        description = alt_text(chart, self.report)
        text = native_charts.ChartText(self.body_fonts.latin, self.body_fonts.east_asian)
        created = self.report.report.date
        # The images' proportions: a 220 × 124 mm picture centred in the room; tiles, like the
        # tile images, as wide as the room.
        width = room.width if chart.kind is ChartKind.TILE else min(room.width, int(room.height * 220 / 124))
        height = min(room.height, int(width * 124 / 220))
        box = Box(room.left + (room.width - width) // 2, room.top + (room.height - height) // 2, width, height)
        source_line = "资料来源：" + "；".join(f"《{title}》" for title in self._source_titles(figures))
        source_spans, source_size = self.fit_spans([Span(source_line, MUTED)], Box(box.left, 0, box.width, int(Inches(0.5))), SOURCE_LINE)
        source_lines = len(text_fit.wrap(self.measure(), _measured(source_spans), source_size, Emu(box.width).pt))
        source_height = int(Pt(source_lines * source_size * LINE_SPACING)) + 1
        plot = Box(box.left, box.top, box.width, box.height - source_height - int(Inches(0.08)))
        self.text(slide, Box(box.left, box.bottom - source_height, box.width, source_height), source_spans,
                  Role(source_size, source_size), name="Source line")
        if chart.kind is ChartKind.TILE:
            group = self.tiles(slide, figures, plot)
            set_alt_text(group, description, name=f"Chart {chart.id}")
        elif chart.kind is ChartKind.PROGRESS:
            self.ring(slide, chart, figures, plot, text, created, description)
        else:
            before_after = chart.kind is ChartKind.BEFORE_AFTER
            data = (native_charts.before_after_data(chart, figures) if before_after
                    else native_charts.bar_data(chart, figures))
            top_note = Box(plot.left, plot.top, plot.width, int(Inches(0.35)))
            if data.change:
                self.text(slide, top_note, [Span(data.change, ACCENT, True)], CHANGE_NOTE, align=PP_ALIGN.CENTER,
                          name="Change")
            elif data.unit and not before_after:
                self.text(slide, top_note, [Span(f"单位：{data.unit}", MUTED)], UNIT_NOTE, name="Unit")
            chart_box = Box(plot.left, plot.top + top_note.height, plot.width, plot.height - top_note.height)
            frame = native_charts.add_bar_chart(slide.shapes, chart_box, data, text, created,
                                                horizontal=chart.kind is ChartKind.HBAR, before_after=before_after)
            set_alt_text(frame, description, name=f"Chart {chart.id}")
        return box

    def ring(self, slide: Slide, chart: Chart, figures: Sequence[Figure], plot: Box, text, created, description: str) -> None:
        """Draw a progress ring with its share in the middle and a legend on the right, as the image does."""
        from . import native_charts

        data = native_charts.ring_data(chart, figures)
        side = min(plot.height, int(plot.width * 0.42))
        ring_box = Box(plot.left + int(plot.width * 0.04), plot.top + (plot.height - side) // 2, side, side)
        frame = native_charts.add_ring_chart(slide.shapes, ring_box, chart, data, text, created)
        set_alt_text(frame, description, name=f"Chart {chart.id}")
        hole = int(side * 0.72 * 0.72)
        centre = Box(ring_box.left + (side - hole) // 2, ring_box.top + (side - int(hole * 0.6)) // 2, hole, int(hole * 0.6))
        self.text(slide, centre, [Span(data.share_text, ACCENT, False)], RING_SHARE, align=PP_ALIGN.CENTER,
                  anchor=MSO_ANCHOR.MIDDLE, name="Share")
        left = ring_box.right + int(plot.width * 0.06)
        width = plot.right - left
        swatch = int(Pt(15))
        indent = int(swatch * 1.8)
        rows = []
        for red, label, value in data.rows:
            rows.append((red, label, value))
        row_height = int(Inches(1.15))
        total = row_height * len(rows) + int(Inches(0.4))
        top = plot.top + (plot.height - total) // 2
        for index, (red, label, value) in enumerate(rows):
            if red:
                self.rect(slide, Box(left, top + int(Pt(5)), swatch, swatch), ACCENT, f"Legend {index + 1} swatch")
            self.text(slide, Box(left + indent, top, width - indent, int(Inches(0.5))), [Span(label, TEXT)], RING_LABEL,
                      name=f"Legend {index + 1} label")
            if value:
                self.text(slide, Box(left + indent, top + int(Inches(0.5)), width - indent, int(Inches(0.5))),
                          [Span(value, ACCENT if red else TEXT)], RING_VALUE, name=f"Legend {index + 1} value")
            top += row_height
        self.text(slide, Box(left + indent, top, width - indent, int(Inches(0.4))), [Span(data.period, MUTED)],
                  Role(14, 10, 1), name="Legend period")

    def tiles(self, slide: Slide, figures: Sequence[Figure], plot: Box):
        """Draw key-figure tiles as shapes (value, label, period and change), grouped; return the group."""
        count = len(figures)
        rows, cols = (1, count) if count <= 3 else ((2, 2) if count == 4 else (2, 3))
        group = slide.shapes.add_group_shape()
        texts: list[Placed] = []
        gap = int(Inches(0.16))
        tile_width = (plot.width - (cols - 1) * gap) // cols
        # As in the image: a single row only as tall as its content needs, not a tall empty card.
        max_height = plot.height if rows > 1 else min(plot.height, int(tile_width * 0.6))
        for index, (figure, box) in enumerate(zip(figures, _grid(plot, count, cols, rows, max_height, gap=gap))):
            number = index + 1
            self.rect(group, box, CARD, f"Tile {number}")
            self.rect(group, Box(box.left, box.top, box.width, int(Inches(0.05))), ACCENT, f"Tile {number} band")
            pad = int(box.width * 0.07)
            inner = Box(box.left + pad, box.top + int(Inches(0.2)), box.width - 2 * pad, box.height - int(Inches(0.3)))
            change = numbers.write_change(figure.comparison) if figure.comparison else None
            note = figure.period + (f"，{change}" if change else "")
            value_h = int(inner.height * 0.42)
            label_h = int(inner.height * 0.33)
            texts += [
                Placed(Box(inner.left, inner.top, inner.width, value_h), [Span(numbers.write_figure(figure), ACCENT)],
                       TILE_VALUE, f"Tile {number} value", MSO_ANCHOR.BOTTOM, PP_ALIGN.CENTER),
                Placed(Box(inner.left, inner.top + value_h, inner.width, label_h), [Span(figure.axis_label, TEXT)],
                       TILE_LABEL, f"Tile {number} label", MSO_ANCHOR.TOP, PP_ALIGN.CENTER),
                Placed(Box(inner.left, inner.top + value_h + label_h, inner.width, inner.height - value_h - label_h),
                       [Span(note, MUTED)], TILE_NOTE, f"Tile {number} note", MSO_ANCHOR.TOP, PP_ALIGN.CENTER),
            ]
        self.place_uniformly(group, texts)
        return group

    # -- key figures --

    def key_figures_slide(self, theme: Theme, figures: Sequence[Figure], continued: bool) -> None:
        title = KEY_FIGURES_TITLE + (CONTINUED if continued else "")
        slide = self.content_slide(self.theme_title(theme, title))
        count = len(figures)
        cols, rows = {1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (2, 2)}.get(count, (3, 2))
        texts: list[Placed] = []
        with_change = any(_figure_change(figure) for figure in figures)
        for index, (figure, box) in enumerate(zip(figures, _grid(self.area, count, cols, rows, Inches(2.8)))):
            texts += self.figure_cell(slide, figure, box, index + 1, with_change)
        self.place_uniformly(slide, texts)
        self.notes(slide, "figures.md.j2", theme=theme, figures=[self._fig(f) for f in figures], continued=continued,
                   sources=self._source_titles(figures))

    def figure_cell(self, slide: Slide, figure: Figure, box: Box, number: int, with_change: bool) -> list[Placed]:
        """Draw a key figure's cell and return its texts, to be sized alike across the cells.

        The number, then its comparison (同比增长48%) when the source gives one
        (a row kept for it in every cell of the slide when any has one), the
        label, and the period at the bottom.
        """
        self.rect(slide, box, CARD, f"Figure {number}")
        self.rect(slide, Box(box.left, box.top, int(Inches(0.08)), box.height), ACCENT, f"Figure {number} bar")
        pad = int(Inches(0.35))
        inner = Box(box.left + pad, box.top + int(Inches(0.18)), box.width - pad - int(Inches(0.25)), box.height - int(Inches(0.33)))
        value_height = int(Inches(0.85))
        change_height = int(Inches(0.36)) if with_change else 0
        period_height = int(Inches(0.42))
        change = _figure_change(figure)
        top = inner.top + value_height
        texts = [Placed(Box(inner.left, inner.top, inner.width, value_height),
                        [Span(numbers.write_figure(figure), ACCENT, True)], FIGURE_VALUE, f"Figure {number} value",
                        MSO_ANCHOR.BOTTOM)]
        if change:
            texts.append(Placed(Box(inner.left, top, inner.width, change_height), [Span(change, ACCENT)], FIGURE_CHANGE,
                                f"Figure {number} change", MSO_ANCHOR.MIDDLE))
        top += change_height if with_change else int(Inches(0.08))
        label_height = inner.bottom - period_height - top - int(Inches(0.05))
        texts.append(Placed(Box(inner.left, top, inner.width, label_height), [Span(figure.label, TEXT, True)],
                            FIGURE_LABEL, f"Figure {number} label"))
        texts.append(Placed(Box(inner.left, inner.bottom - period_height, inner.width, period_height),
                            [Span(figure.period, MUTED)], FIGURE_PERIOD, f"Figure {number} period", MSO_ANCHOR.BOTTOM))
        return texts

    # -- cases --

    def case_slides(self, theme: Theme) -> None:
        """Add the theme's typical cases, up to three a slide side by side; a story too long for one slide continues."""
        items: list[_CaseItem] = []
        full = self._case_boxes(Box(self.area.left, self.area.top, self.area.width, self.area.height))[2]
        for number, case in enumerate(theme.cases, start=1):
            story = tidy_spacing(case.text)
            if self._fits(story, full, CASE_TEXT):
                items.append(_CaseItem(case, number, story))
                continue
            pieces = text_fit.split_to_fit(self.measure(), story, CASE_TEXT.min_size, Emu(full.width).pt, Emu(full.height).pt)
            items += [_CaseItem(case, number, piece, index > 0) for index, piece in enumerate(pieces)]
        pages: list[list[_CaseItem]] = []
        for per in range(CASES_PER_SLIDE, 0, -1):
            pages = _pages(items, per)
            if all(self._page_fits(page) for page in pages):
                break
        for index, page in enumerate(pages):
            self.case_slide(theme, page, continued=index > 0)

    def _page_fits(self, page: Sequence[_CaseItem]) -> bool:
        boxes = list(_grid(self.area, len(page), len(page), 1, self.area.height))
        return all(self._fits(item.text, self._case_boxes(box)[2], CASE_TEXT) for item, box in zip(page, boxes))

    def _fits(self, text: str, box: Box, role: Role) -> bool:
        return text_fit.fit(self.measure(), [(text, False)], Emu(box.width).pt, Emu(box.height).pt, role) is not None

    def _case_boxes(self, card: Box) -> tuple[Box, Box, Box, Box]:
        """Return the boxes of a case card: its number, title, story and source."""
        pad = int(Inches(0.28))
        inner = Box(card.left + pad, card.top + int(Inches(0.25)), card.width - 2 * pad, card.height - int(Inches(0.45)))
        label = Box(inner.left, inner.top, inner.width, int(Inches(0.32)))
        title = Box(inner.left, label.bottom + int(Inches(0.05)), inner.width, int(Inches(0.74)))
        source = Box(inner.left, inner.bottom - int(Inches(0.3)), inner.width, int(Inches(0.3)))
        story_top = title.bottom + int(Inches(0.12))
        story = Box(inner.left, story_top, inner.width, source.top - int(Inches(0.1)) - story_top)
        return label, title, story, source

    def case_slide(self, theme: Theme, items: Sequence[_CaseItem], continued: bool) -> None:
        slide = self.content_slide(self.theme_title(theme, CASES_TITLE + (CONTINUED if continued else "")))
        sources = self.report.source_index()
        texts: list[Placed] = []
        for index, (item, card) in enumerate(zip(items, _grid(self.area, len(items), len(items), 1, self.area.height))):
            number = index + 1
            self.rect(slide, card, CARD, f"Case {number}")
            self.rect(slide, Box(card.left, card.top, card.width, int(Inches(0.07))), ACCENT, f"Case {number} band")
            label, title, story, source = self._case_boxes(card)
            numeral = CASE_NUMERALS[item.number - 1] if item.number <= len(CASE_NUMERALS) else numbers.write_number(item.number)
            texts += [
                Placed(label, [Span(f"案例{numeral}" + (CONTINUED if item.continued else ""), ACCENT, True)], CASE_LABEL,
                       f"Case {number} number"),
                Placed(title, [Span(item.case.title, TEXT, True)], CASE_TITLE, f"Case {number} title", MSO_ANCHOR.MIDDLE),
                Placed(story, [Span(item.text, TEXT)], CASE_TEXT, f"Case {number} story"),
            ]
            source_title = sources[item.case.source].title if item.case.source in sources else item.case.source
            texts.append(Placed(source, [Span(f"来源：《{source_title}》", MUTED)], CASE_SOURCE, f"Case {number} source",
                                MSO_ANCHOR.BOTTOM))
        self.place_uniformly(slide, texts)
        figures = self.report.figure_index()
        self.notes(slide, "cases.md.j2", theme=theme, continued=continued, cases=[
            {
                "title": item.case.title,
                "text": item.text,
                "continued": item.continued,
                "source": sources[item.case.source].title if item.case.source in sources else item.case.source,
                "figures": [self._fig(figures[figure_id]) for figure_id in item.case.figures if figure_id in figures],
            }
            for item in items
        ])

    # -- summary and sources --

    def summary_slides(self, theme: Theme) -> None:
        area = self.area
        summary = tidy_spacing(theme.summary)
        pieces = [summary]
        if not self._fits(summary, area, SUMMARY_TEXT):
            pieces = text_fit.split_to_fit(self.measure(), summary, SUMMARY_TEXT.min_size,
                                           Emu(area.width).pt, Emu(area.height).pt)
        for index, piece in enumerate(pieces):
            slide = self.content_slide(self.theme_title(theme, SUMMARY_TITLE + (CONTINUED if index else "")))
            self.text(slide, area, [Span(piece, TEXT)], SUMMARY_TEXT, name="Summary")
            self.notes(slide, "summary.md.j2", theme=theme, text=piece, continued=index > 0)

    def sources_slide(self, sources: Sequence[Source], first_number: int, continued: bool) -> None:
        """Add a slide listing sources as numbered cards: title, then authors, publication and date, then the address."""
        slide = self.content_slide([Span(SOURCES_TITLE + (CONTINUED if continued else ""), None, True)])
        area = self.area
        gap = int(Inches(0.15))
        row = min((area.height - (SOURCES_PER_SLIDE - 1) * gap) // SOURCES_PER_SLIDE, int(Inches(1.2)))
        for index, source in enumerate(sources):
            top = area.top + index * (row + gap)
            label = numbers.write_number(first_number + index)
            card = Box(area.left, top, area.width, row)
            self.rect(slide, card, CARD, f"Source {label}")
            self.rect(slide, Box(card.left, card.top, int(Inches(0.08)), card.height), ACCENT, f"Source {label} bar")
            badge = int(Inches(0.5))
            self.badge(slide, Box(card.left + int(Inches(0.3)), top + (row - badge) // 2, badge, badge), label)
            text_left = card.left + int(Inches(1.05))
            text_width = card.right - int(Inches(0.3)) - text_left
            lines = [(Span(source.title, TEXT, True), SOURCE_TITLE), (Span(_source_details(source), MUTED), SOURCE_DETAILS)]
            if source.url:
                lines.append((Span(source.url, MUTED), SOURCE_URL))
            inner = Box(text_left, top + int(Inches(0.12)), text_width, row - int(Inches(0.24)))
            self.fill_stack(slide, None, lines, below=None, box=inner, name=f"Source {label} text")
        self.notes(slide, "sources.md.j2", sources=[
            {"number": first_number + index, "source": source, "details": _source_details(source)}
            for index, source in enumerate(sources)
        ], continued=continued)

    # -- notes --

    def notes(self, slide: Slide, template: str, theme: Optional[Theme] = None, **context) -> None:
        """Write the slide's speaker notes from templates/deck/notes/<template>, one paragraph each."""
        paragraphs = self.narrative.render_template(f"{NOTES_DIR}/{template}", theme, **context)
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join(paragraphs)
        set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)

    def _fig(self, figure: Figure):
        return self._notes_figures[figure.id]

    def _source_titles(self, figures: Iterable[Figure]) -> list[str]:
        index = self.report.source_index()
        titles: list[str] = []
        for figure in figures:
            title = index[figure.source].title if figure.source in index else figure.source
            if title not in titles:
                titles.append(title)
        return titles

    # -- text --

    def fit_spans(self, spans: Sequence[Span], box: Box, role: Role, heading: bool = False) -> tuple[list[Span], float]:
        """Return spans and the size they fit the box at; at the smallest size cut with an ellipsis if they fit at none."""
        measure = self.measure(heading)
        width, height = Emu(box.width).pt, Emu(box.height).pt
        found = text_fit.fit(measure, _measured(spans), width, height, role)
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
        self._write(frame, [Para(fitted, size, align)], self.body_fonts)

    def fill_placeholder(self, placeholder, spans: Sequence[Span], role: Role, heading: bool = False) -> None:
        """Write one paragraph of spans into a placeholder, sized to fit the box it inherits from its layout."""
        box = self._inner(placeholder)
        fitted, size = self.fit_spans(spans, box, role, heading)
        self._write(placeholder.text_frame, [Para(fitted, size, None)], self.heading_fonts if heading else self.body_fonts)

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

    def _write(self, frame: TextFrame, paras: Sequence[Para], fonts: DeckFonts) -> None:
        for extra in frame.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        first = frame.paragraphs[0]
        for child in list(first._p):
            if not child.tag.endswith("}pPr"):
                first._p.remove(child)
        for index, para in enumerate(paras):
            paragraph = first if index == 0 else frame.add_paragraph()
            if para.align is not None:
                paragraph.alignment = para.align
            paragraph.line_spacing = Pt(para.size * LINE_SPACING)
            paragraph.space_before = Pt(para.space_before)
            paragraph.space_after = Pt(0)
            for span in para.spans:
                run = paragraph.add_run()
                run.text = span.text
                _style(run.font, span, para.size)
            Font(paragraph._p.get_or_add_endParaRPr()).size = Pt(para.size)
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

    # -- shapes --

    def rect(self, slide, box: Box, color: Paint, name: str):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
        shape.name = name
        shape.fill.solid()
        _paint(shape.fill.fore_color, color)
        shape.line.fill.background()
        remove_shape_style(shape)
        return shape

    def badge(self, slide: Slide, box: Box, label: str) -> None:
        shape = self.rect(slide, box, ACCENT, "Badge")
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        spans, size = self.fit_spans([Span(label, ON_ACCENT, True)], box, Role(20, 10, 1))
        self._write(frame, [Para(spans, size, PP_ALIGN.CENTER)], self.body_fonts)


# ------------------------------------------------------------ helpers --


def _style(font: Font, span: Span, size: float) -> None:
    font.size = Pt(size)
    if span.bold is not None:
        font.bold = span.bold
    if span.color is not None:
        _paint(font.color, span.color)


def _paint(color_format, paint: Paint) -> None:
    if isinstance(paint, RGBColor):
        color_format.rgb = paint
    elif paint is not None:
        color_format.theme_color = paint


def _placeholder(slide: Slide, *kinds):
    """Return the slide's first placeholder of the first of `kinds` it has, or None."""
    for kind in kinds:
        for placeholder in slide.placeholders:
            if placeholder.placeholder_format.type == kind:
                return placeholder
    return None


def _placeholder_by_idx(slide: Slide, idx: int):
    for placeholder in slide.placeholders:
        if placeholder.placeholder_format.idx == idx:
            return placeholder
    return None


def _other_body(slide: Slide, exclude):
    """Return a text placeholder of the slide other than its title and `exclude`, or None."""
    for placeholder in slide.placeholders:
        kind = placeholder.placeholder_format.type
        if placeholder is not exclude and kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
            if exclude is None or placeholder.placeholder_format.idx != exclude.placeholder_format.idx:
                return placeholder
    return None


def _drop_empty_placeholders(slide: Slide) -> None:
    """Remove placeholders left empty, so no 'click to add text' prompt shows in the editor."""
    for placeholder in list(slide.placeholders):
        if placeholder.has_text_frame and not placeholder.text_frame.text.strip():
            remove_shape(placeholder)


def _chart_figures(chart: Chart, report: Report) -> list[Figure]:
    """Return the figures a chart draws, in its order (a grouped_bar chart's group by group)."""
    index = report.figure_index()
    return [index[figure_id] for figure_id in chart.plotted_ids() if figure_id in index]


def _figure_change(figure: Figure) -> Optional[str]:
    """Return what a key-figure cell writes under the number: the reported change, else the earlier value."""
    comparison = figure.comparison
    if comparison is None:
        return None
    change = numbers.write_change(comparison)
    if change:
        return change
    base = numbers.write_base(figure)
    if base is None:
        return None
    return f"{comparison.base_period}为{base}" if comparison.base_period else f"此前为{base}"


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


def _grid(area: Box, count: int, cols: int, rows: int, max_height: int, gap: int = GAP) -> Iterable[Box]:
    """Yield boxes for count cells laid out cols × rows in an area, centred vertically.

    A last row with fewer cells is centred horizontally.
    """
    gap = int(gap)
    width = (area.width - (cols - 1) * gap) // cols
    height = min((area.height - (rows - 1) * gap) // rows, int(max_height))
    top = area.top + (area.height - rows * height - (rows - 1) * gap) // 2
    for index in range(count):
        row, col = divmod(index, cols)
        in_row = min(cols, count - row * cols)
        offset = (cols - in_row) * (width + gap) // 2
        yield Box(area.left + offset + col * (width + gap), top + row * (height + gap), width, height)


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
