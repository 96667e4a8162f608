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

import io
from pathlib import Path
from typing import Mapping, Optional, Sequence

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Inches, Pt

from ..charts import RenderedChart
from ..data.model import DeckFonts, Figure, Report, Theme
from ..ooxml.pptx import (
    add_slide_number_field,
    end_mark_font,
    fill_empty_theme_east_asian,
    remove_runs_and_fields,
    remove_shape,
    set_text_frame_fonts,
    set_theme_fonts,
    theme_fonts,
)
from ..text import numbers
from .case_slides import case_slides
from .chart_slides import chart_slide
from .cover import closing_slide, overview_slide, title_slide
from .figure_slides import key_figures_slide
from .fit import LINE_SPACING
from .geometry import Box, paginate
from .master import designed_presentation
from .template import Layouts, find_layouts, open_template
from .placeholders import find_placeholder, placeholder_with_idx
from .style import (
    ACCENT,
    CARDS_PER_SLIDE,
    FIGURES_PER_SLIDE,
    FOOTER,
    IMAGE,
    MUTED,
    NARROW_FIGURES_PER_SLIDE,
    NATIVE,
    NOTES_DIR,
    SLIDE_TITLE,
    SOURCES_PER_SLIDE,
    TITLE_SEPARATOR,
)
from .text_slides import sources_slide, summary_slides
from .textbox import SlideText, Span, style_font


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
        from ..narrative import Narrative

        narrative = Narrative(report)
    deck = DeckBuilder(report, charts, fonts, narrative, template, mode)
    deck.build()
    stream = io.BytesIO()
    deck.prs.save(stream)
    return stream.getvalue()


class DeckBuilder(SlideText):
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

    def build(self) -> None:
        report = self.report
        title_slide(self, )
        number = 1
        for index, page in enumerate(paginate(report.themes, CARDS_PER_SLIDE)):
            overview_slide(self, page, first_number=number, continued=index > 0)
            number += len(page)
        for theme in report.themes:
            for chart in theme.charts:
                chart_slide(self, theme, chart)
            per_slide = FIGURES_PER_SLIDE if self.area.width >= Inches(11) else NARROW_FIGURES_PER_SLIDE
            for index, page in enumerate(paginate(theme.figures, per_slide)):
                key_figures_slide(self, theme, page, continued=index > 0)
            if theme.cases:
                case_slides(self, theme)
            if not theme.figures and not theme.charts:
                summary_slides(self, theme)
        number = 1
        for index, page in enumerate(paginate(report.sources, SOURCES_PER_SLIDE)):
            sources_slide(self, page, first_number=number, continued=index > 0)
            number += len(page)
        closing_slide(self, )

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
        paragraphs = self.narrative.render_template(f"{NOTES_DIR}/{template}", theme, **context)
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join(paragraphs)
        set_text_frame_fonts(frame, self.body_fonts.latin, self.body_fonts.east_asian)

    def _fig(self, figure: Figure):
        return self._notes_figures[figure.id]
