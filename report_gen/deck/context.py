"""The deck being built: its presentation, layouts, fonts, the report and its plan, and what every content slide shares.

A `SlideDeck` is what each kind of slide (report_gen.deck.cover, chart_slides,
figure_slides, case_slides, text_slides) adds itself to: it opens report_gen's
design or an organisation's template, makes content slides with their title,
footer and slide number, and writes speaker notes from templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Optional, Sequence

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Inches, Pt

from ..charts import RenderedChart
from ..data.model import Report, Theme
from ..data.style import DeckFonts
from ..ooxml.pptx import (
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
from ..narrative.notes import NOTES_DIR, Note
from ..text import numbers
from .fit import LINE_SPACING
from .geometry import Box
from .master import designed_presentation
from .placeholders import find_placeholder, placeholder_with_idx
from .style import ACCENT, FOOTER, MUTED, SLIDE_TITLE, TITLE_SEPARATOR
from ..data.files import Reads
from .template import Layouts, find_layouts, open_template
from .textbox import SlideText, Span, style_font


class SlideDeck(SlideText):
    """Builds the slides of one report into a python-pptx presentation."""

    def __init__(self, report: Report, charts: Mapping[str, RenderedChart], fonts: DeckFonts | None, narrative,
                 template: Path | None, mode: str, reads: Optional[Reads] = None):
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
            self.prs = open_template(Path(template), reads)
            self.layouts = find_layouts(self.prs, dict(style.layouts), str(template))
            self.heading_fonts, self.body_fonts = self._template_fonts(chosen, explicit=fonts is not None or "fonts" in style.model_fields_set)
        number_parts_incrementally(self.prs)
        self.area = self.layouts.area
        self.slide_width = int(self.prs.slide_width)
        self.slide_height = int(self.prs.slide_height)
        self.plan = narrative.plan

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

    def content_slide(self, title: Sequence[Span]) -> Slide:
        """Add a slide on the content layout with its title, footer and slide number."""
        slide = self.prs.slides.add_slide(self.layouts.content)
        number = len(self.prs.slides)
        if self.layouts.body_placeholder_idx is not None:
            body = placeholder_with_idx(slide, self.layouts.body_placeholder_idx)
            if body is not None:
                remove_shape(body)
        heading = find_placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
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

    def theme_title(self, theme: Theme, title: str) -> list[Span]:
        """Return a slide title led by the theme's short title in the accent colour: 营商环境｜关键数字."""
        return [Span(theme.short_title + TITLE_SEPARATOR, ACCENT, True), Span(title, None, True)]

    def notes(self, slide: Slide, template: str, theme: Optional[Theme] = None, **context) -> None:
        """Write the slide's speaker notes from templates/deck/notes/<template>, one paragraph each."""
        self.write_notes(slide, Note(template, theme, context))

    def render_note(self, note: Note) -> list[str]:
        """Return the paragraphs a note of `report_gen.narrative.notes` renders to."""
        return self.narrative.render_template(f"{NOTES_DIR}/{note.template}", note.theme, **note.context)

    def write_notes(self, slide: Slide, note: Note) -> None:
        """Write the slide's speaker notes from a note of `report_gen.narrative.notes`."""
        self.write_paragraphs(slide, self.render_note(note))

    def write_paragraphs(self, slide: Slide, paragraphs: Sequence[str]) -> None:
        """Write paragraphs as the slide's speaker notes (the short deck's: several notes, one after another)."""
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join(paragraphs)
        set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)
