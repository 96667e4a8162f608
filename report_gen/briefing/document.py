"""The Word briefing as a whole: the page, the styles, the properties, the content, and a contents page when it is long.

The page, grid and type sizes come from a preset (report_gen.briefing.layout):
by default A4 with the standard margins, 22 lines of 28 characters, body
text 3号 仿宋 with a two-character first-line indent, headings `一、` 黑体,
`（一）` 楷体 and `1.` 仿宋 (report_gen.briefing.styles). The content is
written by report_gen.briefing.writer. Long briefings (not a 简报) get a
table of contents whose cached page numbers come from an estimate of the
layout (report_gen.briefing.pagination). The 简报's 报尾 or a 公文's 版记
closes the last page (report_gen.briefing.colophon). Every style names its East Asian typeface, so
Chinese text never falls back to a theme or Japanese font.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Mapping

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from ..charts import RenderedChart
from ..data.choices import NATIVE, briefing_choices
from ..data.model import ChartKind, Report
from ..data.style import BriefingFonts, BriefingPreset, BriefingStyle
from ..errors import BuildError
from ..narrative import Narrative
from ..ooxml import docx as docx_xml
from ..ooxml import package
from .pagination import PageEstimate, estimate_pages
from .bulletin import add_colophon
from .colophon import add_imprint
from .contents import add_contents, fill_contents
from .layout import PageLayout, layout_of
from .native_chart import chart_look
from .styles import set_up_styles
from .floats import place_figures
from .typeset import set_paragraphs
from .template import WordTemplate, set_up_template_styles, template_layout
from .writer import BriefingWriter


def briefing_bytes(
    report: Report,
    narrative: Narrative,
    charts: Mapping[str, RenderedChart],
    fonts: BriefingFonts | None = None,
    chart_mode: str | None = None,
    preset: BriefingPreset | None = None,
    template: WordTemplate | None = None,
) -> bytes:
    """Return the Word briefing of a report as .docx bytes, identical for identical input.

    `charts` maps every chart id of the report to its rendered image; a
    missing one is a BuildError where a picture is wanted. `fonts` None means
    the report's `style.briefing.fonts`; `chart_mode` "image" puts charts in
    as pictures, "native" as Word charts, None as
    `style.briefing.charts` says; `preset` None means `style.briefing.preset`.
    `template` is an organisation's Word template (read_word_template) whose
    styles, page set-up, headers and footers the briefing takes; None means
    report_gen's own design.
    """
    document, _ = briefing_document(report, narrative, charts, fonts, chart_mode, preset, template)
    stream = io.BytesIO()
    document.save(stream)
    return package.normalise_package(stream.getvalue(), package.CoreProperties(package.build_moment(report.report.date)))


def briefing_document(
    report: Report,
    narrative: Narrative,
    charts: Mapping[str, RenderedChart],
    fonts: BriefingFonts | None = None,
    chart_mode: str | None = None,
    preset: BriefingPreset | None = None,
    template: WordTemplate | None = None,
) -> tuple[DocumentObject, PageEstimate]:
    """Return the briefing as a python-docx document, with the estimate of where its pages break."""
    style = report.style.briefing
    fonts = fonts or style.fonts
    chosen = briefing_choices(report.style, chart_mode=chart_mode, preset=preset)
    native = chosen.chart_mode == NATIVE
    pictured = [chart for _, chart in report.all_charts() if not native and chart.kind is not ChartKind.TILE]
    missing = [chart.id for chart in pictured if chart.id not in charts]
    if missing:
        raise BuildError(f"no image was rendered for chart(s): {', '.join(missing)}")
    layout = layout_of(chosen.preset)
    style_names: Mapping[str, str] = {}
    if template is None:
        document = Document()
        _set_up_page(document, layout)
        set_up_styles(document, fonts, layout)
    else:
        document = template.open()
        layout = template_layout(document, template, layout)
        set_up_template_styles(document, template, fonts, layout)
        style_names = template.styles
    _set_properties(document, report)
    writer = BriefingWriter(document, report, narrative, charts, layout, chart_look(fonts) if native else None,
                            style_names, page_numbers=template is None or not template.has_footers)
    writer.write()
    set_paragraphs(document)
    estimate = estimate_pages(document)
    entries = None
    if wants_contents(style, estimate.pages, layout.preset):
        headings = [style_names.get(name, name) for name in ("Heading 1", "Heading 2")]
        entries = add_contents(document, writer.cover_end, writer.body_start, style.toc_levels, headings, template is None)
    heading = document.styles[style_names.get("Heading 1", "Heading 1")].style_id
    place_figures(document, writer.figures, {heading}, layout.line_pitch.pt)
    estimate = estimate_pages(document)
    if entries is not None:
        fill_contents(entries, estimate)
    if layout.preset is BriefingPreset.JIANBAO:
        add_colophon(document, report.report.bulletin, layout)
        estimate = estimate_pages(document)
    elif report.report.imprint is not None:
        add_imprint(writer.paragraph, document, report.report.imprint, layout)
        estimate = estimate_pages(document)
    writer.anchors.list_in_document(report.report.name)
    return document, estimate


def wants_contents(style: BriefingStyle, estimated_pages: int, preset: BriefingPreset | None = None) -> bool:
    """Say whether the briefing gets a table of contents: as `style.toc` says, or when longer than `toc_above_pages`.

    A 简报 (`preset` jianbao, None meaning `style.preset`) never gets one: its 报头 is followed by its title and text.
    """
    if (preset or style.preset) is BriefingPreset.JIANBAO:
        return False
    if style.toc is not None:
        return style.toc
    return estimated_pages > style.toc_above_pages


def _set_up_page(document: DocumentObject, layout: PageLayout) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(layout.page_width_mm)
        section.page_height = Mm(layout.page_height_mm)
        section.top_margin = Mm(layout.margin_top_mm)
        section.bottom_margin = Mm(layout.margin_bottom_mm)
        section.left_margin = Mm(layout.margin_left_mm)
        section.right_margin = Mm(layout.margin_right_mm)
        section.footer_distance = layout.footer_distance
        section.header_distance = Mm(15)
        docx_xml.set_line_grid(section, layout.line_pitch.twips)
    document.settings.odd_and_even_pages_header_footer = True


def _set_properties(document: DocumentObject, report: Report) -> None:
    info = report.report
    moment = dt.datetime.combine(info.date, dt.time())
    properties = document.core_properties
    properties.title = info.title
    properties.subject = info.subtitle or ""
    properties.author = info.issuer
    properties.last_modified_by = info.issuer
    properties.comments = ""
    properties.language = info.language
    properties.keywords = "、".join(theme.short_title for theme in report.themes)[:package.MAX_PROPERTY_CHARACTERS]
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
