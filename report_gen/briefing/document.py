"""The Word briefing as a whole: the page, the styles, the properties, the content, and a contents page when it is long.

The page, grid and type sizes come from a preset (report_gen.briefing.layout):
by default A4 with the standard margins, 22 lines of 28 characters, body
text 3号 仿宋 with a two-character first-line indent, headings `一、` 黑体,
`（一）` 楷体 and `1.` 仿宋 (report_gen.briefing.styles). The content is
written by report_gen.briefing.writer. Long briefings get a table of
contents whose cached page numbers come from an estimate of the layout
(report_gen.ooxml.pagination). Every style names its East Asian typeface, so
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
from ..data.model import BriefingFonts, BriefingStyle, ChartKind, Report
from ..errors import BuildError
from ..narrative import Narrative
from ..ooxml import docx as docx_xml
from ..ooxml import package
from ..ooxml.pagination import PageEstimate, estimate_pages
from .contents import add_contents, fill_contents
from .layout import PageLayout, layout_of
from .native_chart import chart_look
from .styles import set_up_styles
from .writer import NATIVE, BriefingWriter


def briefing_bytes(
    report: Report,
    narrative: Narrative,
    charts: Mapping[str, RenderedChart],
    fonts: BriefingFonts | None = None,
    chart_mode: str | None = None,
) -> bytes:
    """Return the Word briefing of a report as .docx bytes, identical for identical input.

    `charts` maps every chart id of the report to its rendered image; a
    missing one is a BuildError where a picture is wanted. `fonts` None means
    the report's `style.briefing.fonts`; `chart_mode` "image" puts charts in
    as pictures, "native" as Word charts (tiles stay pictures), None as
    `style.briefing.charts` says.
    """
    document, _ = briefing_document(report, narrative, charts, fonts, chart_mode)
    stream = io.BytesIO()
    document.save(stream)
    return package.normalise_package(stream.getvalue(), package.CoreProperties(package.build_moment(report.report.date)))


def briefing_document(
    report: Report,
    narrative: Narrative,
    charts: Mapping[str, RenderedChart],
    fonts: BriefingFonts | None = None,
    chart_mode: str | None = None,
) -> tuple[DocumentObject, PageEstimate]:
    """Return the briefing as a python-docx document, with the estimate of where its pages break."""
    style = report.style.briefing
    native = (chart_mode or style.charts) == NATIVE
    pictured = [chart for _, chart in report.all_charts() if not native or chart.kind is ChartKind.TILE]
    missing = [chart.id for chart in pictured if chart.id not in charts]
    if missing:
        raise BuildError(f"no image was rendered for chart(s): {', '.join(missing)}")
    layout = layout_of(style.preset)
    document = Document()
    _set_up_page(document, layout)
    set_up_styles(document, fonts or style.fonts, layout)
    _set_properties(document, report)
    writer = BriefingWriter(document, report, narrative, charts, layout, chart_look(fonts or style.fonts) if native else None)
    writer.write()
    estimate = estimate_pages(document)
    if wants_contents(style, estimate.pages):
        entries = add_contents(document, writer.cover_end, writer.body_start, style.toc_levels)
        estimate = estimate_pages(document)
        fill_contents(entries, estimate)
    return document, estimate


def wants_contents(style: BriefingStyle, estimated_pages: int) -> bool:
    """Say whether the briefing gets a table of contents: as `style.toc` says, or when longer than `toc_above_pages`."""
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
    properties.keywords = package.keywords_of(report)
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
