"""The deck being built: its presentation, layouts, fonts, the report and its plan, and what every content slide shares.

A `SlideDeck` is what each kind of slide (report_gen.deck.cover, chart_slides,
figure_slides, case_slides, text_slides) adds itself to: it opens report_gen's
design or an organisation's template, makes content slides with their title,
footer and slide number, and writes speaker notes from templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Optional, Protocol, Sequence

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Emu, Inches, Pt

from ..charts import RenderedChart
from ..data.model import Report, Theme
from ..data.style import DeckFonts
from ..fonts.metrics import AdvanceStore
from ..ooxml.pptx import (
    empty_text_frame,
    number_parts_incrementally,
    add_slide_number_field,
    end_mark_font,
    fill_empty_theme_east_asian,
    remove_runs_and_fields,
    remove_shape,
    set_text_frame_fonts,
    set_theme_fonts,
    theme_fonts,
)
from ..narrative.notes import DETAILS, Note, render_note
from ..text import numbers
from ..text.cjk import mark_pieces
from .fit import LINE_SPACING
from .geometry import Box
from .master import designed_presentation
from .placeholders import find_placeholder, placeholder_with_idx
from .style import ACCENT, FOOTER, KICKER, KICKER_BESIDE, MUTED, SLIDE_TITLE
from .titles import Titles
from ..data.files import Reads
from .template import Layouts, find_layouts, open_template
from .textbox import Para, SlideText, Span, style_font


class PartStore(Protocol):
    """Where slides are kept: entries of JSON metadata and named bytes, by key (the build's cache)."""

    def load(self, key: str) -> Optional[tuple[dict[str, Any], dict[str, bytes]]]: ...

    def keep(self, key: str, meta: dict[str, Any], parts: dict[str, bytes]) -> None: ...

KICKER_GAP = 2.0
"""Points between the kicker and the title under it."""


class SlideDeck(SlideText):
    """Builds the slides of one report into a python-pptx presentation."""

    def __init__(self, report: Report, charts: Mapping[str, RenderedChart], fonts: DeckFonts | None, narrative,
                 template: Path | None, mode: str, reads: Optional[Reads] = None, faces: Optional[AdvanceStore] = None,
                 parts: Optional[PartStore] = None):
        self.report = report
        self.faces = faces
        self.parts = parts
        """Where the full deck's slides are kept between builds, a theme's at a time (None: built afresh)."""
        self.made_parts: list[tuple[str, int, int, list[str]]] = []
        """The slides built afresh to keep (`report_gen.deck.slide_cache`): key, first and end index, titles taken."""
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
            self.prs = open_template(Path(template), reads)
            self.layouts = find_layouts(self.prs, dict(style.layouts), str(template))
            self.heading_fonts, self.body_fonts = self._template_fonts(chosen, explicit=fonts is not None or "fonts" in style.model_fields_set)
        number_parts_incrementally(self.prs)
        self.area = self.layouts.area
        self.slide_width = int(self.prs.slide_width)
        self.slide_height = int(self.prs.slide_height)
        self.plan = narrative.plan
        self.titles = Titles()
        """The titles given so far: no two slides share one."""
        self.brief = False
        """Whether notes are rendered brief, as the short deck's (report_gen.deck.script)."""
        self.detail = DETAILS[0]
        """How much brief notes say (report_gen.narrative.notes.DETAILS)."""

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

    def content_slide(self, title: str, kicker: Optional[str] = None) -> Slide:
        """Add a slide on the content layout with its title (under its theme as a kicker), footer and slide number."""
        slide = self.prs.slides.add_slide(self.layouts.content)
        number = len(self.prs.slides)
        if self.layouts.body_placeholder_idx is not None:
            body = placeholder_with_idx(slide, self.layouts.body_placeholder_idx)
            if body is not None:
                remove_shape(body)
        heading = find_placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        self.fill_title(heading, title, kicker)
        self.footer(slide, number)
        return slide

    def fill_title(self, placeholder, title: str, kicker: Optional[str]) -> None:
        """Write a slide's title into its placeholder, the theme above it as a small kicker in the accent colour.

        A title box too low for both (an organisation's template) has the
        kicker before the title instead: 营商环境｜政务服务中心进驻事项约翻了一番.
        """
        box = self._inner(placeholder)
        heading = [Span(title, None, True)]
        if kicker is None:
            self.fill_placeholder(placeholder, heading, SLIDE_TITLE, heading=True)
            return
        kicker_height = int(Pt(KICKER.max_size * LINE_SPACING + KICKER_GAP))
        below = Box(box.left, box.top + kicker_height, box.width, box.height - kicker_height)
        if Emu(below.height).pt < SLIDE_TITLE.min_size * LINE_SPACING:
            self.fill_placeholder(placeholder, [Span(kicker + KICKER_BESIDE, ACCENT, True), *heading], SLIDE_TITLE, heading=True)
            return
        spans, size = self.fit_spans(heading, below, SLIDE_TITLE, heading=True)
        paras = [Para([Span(kicker, ACCENT, True)], KICKER.max_size, None), Para(spans, size, None, KICKER_GAP)]
        self._write(placeholder.text_frame, paras, self.heading_fonts, box.width)

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
            remove_runs_and_fields(paragraph)
            size = FOOTER.max_size
            paragraph.line_spacing = Pt(size * LINE_SPACING)
            rPr = add_slide_number_field(paragraph, shown)
            Font(rPr).size = Pt(size)
            end_mark_font(paragraph).size = Pt(size)
            set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)
        elif room >= Inches(0.4):
            box = Box(self.area.right - int(Inches(1.2)), self.area.bottom + (room - int(Inches(0.35))) // 2,
                      int(Inches(1.2)), int(Inches(0.35)))
            frame = self._frame(slide, box, MSO_ANCHOR.MIDDLE, "Slide number")
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT
            paragraph.line_spacing = Pt(FOOTER.max_size * LINE_SPACING)
            rPr = add_slide_number_field(paragraph, shown)
            style_font(Font(rPr), Span("", MUTED), FOOTER.max_size)
            end_mark_font(paragraph).size = Pt(FOOTER.max_size)
            set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)

    def notes(self, slide: Slide, template: str, theme: Optional[Theme] = None, **context) -> None:
        """Write the slide's speaker notes from templates/deck/notes/<template>, one paragraph each."""
        self.write_notes(slide, Note(template, theme, context))

    def render_note(self, note: Note) -> list[str]:
        """Return the paragraphs a note of `report_gen.narrative.notes` renders to."""
        return render_note(self.narrative, note, self.brief, self.detail)

    def write_notes(self, slide: Slide, note: Note) -> None:
        """Write the slide's speaker notes from a note of `report_gen.narrative.notes`."""
        self.write_paragraphs(slide, self.render_note(note))

    def write_paragraphs(self, slide: Slide, paragraphs: Sequence[str]) -> None:
        """Write paragraphs as the slide's speaker notes, each run of Chinese marks a run of its own (see `_write`)."""
        frame = slide.notes_slide.notes_text_frame
        first = empty_text_frame(frame)
        for index, text in enumerate(paragraphs):
            paragraph = first if index == 0 else frame.add_paragraph()
            for piece in mark_pieces(text):
                paragraph.add_run().text = piece
        set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)
