"""The Word briefing: model + narrative + chart images → a .docx laid out after GB/T 9704.

The page, grid and type sizes come from a preset (report_gen.briefing_layout):
by default A4 with the standard margins, 22 lines of 28 characters, body
text 3号 仿宋 with a two-character first-line indent, headings `一、` 黑体,
`（一）` 楷体 and `1.` 仿宋. An optional red header (版头) carries the issuer
mark, the document number and the red rule. Each theme gets its narrative,
its charts with numbered captions (SEQ fields), a key-figures table, its
highlights and its typical cases; every sentence quoting a figure cites its
source as [n] in the 资料来源 list that closes the document. Long briefings
get a table of contents whose cached page numbers come from an estimate of
the layout (report_gen.pagination). Page numbers `— N —` sit right on odd
pages and left on even ones. Every style names its East Asian typeface, so
Chinese text never falls back to a theme or Japanese font.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Iterable, Mapping, Optional, Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Length, Mm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from ..ooxml import docx as docx_xml
from ..ooxml import package
from .layout import PageLayout, layout_of
from ..errors import BuildError
from ..data.model import BriefingFonts, BriefingStyle, Chart, Figure, Report, Source, Theme
from ..narrative import Narrative
from ..text.cited import Segment, sentence_segments, tidy
from ..text.cjk import tidy_spacing
from ..text.numbers import write_comparison, write_date, write_figure, write_partial_date
from ..charts import RenderedChart
from .pagination import PageEstimate, estimate_pages


BLACK = RGBColor(0, 0, 0)
RED = RGBColor(0xFF, 0, 0)
"""The red of the issuer mark and the rule under it (版头)."""
RED_RULE_WIDTH = 12
"""Thickness of the red rule, in eighths of a point (1.5 pt)."""
RED_RULE_GAP_PT = 11
"""Gap between the document number and the red rule: 4 mm."""
ISSUER_MARK_MAX_PT = 42  # 初号
"""Largest size of the issuer mark; a longer mark is set smaller so it stays on one line of the text width."""

KEEP_TABLE_WHOLE_ROWS = 6
"""Key-figure tables of up to this many rows are kept on one page: a split would leave a row or two on either side."""

CHINESE_DIGITS = "〇一二三四五六七八九"

STYLE_TITLE = "Briefing Title"
STYLE_SUBTITLE = "Briefing Subtitle"
STYLE_META = "Briefing Meta"
STYLE_ISSUER_MARK = "Issuer Mark"
STYLE_DOCUMENT_NUMBER = "Document Number"
STYLE_SIGNATURE = "Signature"
STYLE_CONTENTS_TITLE = "Contents Title"
STYLE_TOC = "toc {level}"
STYLE_PICTURE = "Chart Picture"
STYLE_CHART_NOTE = "Chart Note"
STYLE_TABLE_TEXT = "Table Text"
STYLE_TABLE_HEADING = "Table Heading"
STYLE_TABLE_NOTE = "Table Note"
STYLE_CASE_TITLE = "Case Title"
STYLE_CITATION = "Citation"

SOURCES_HEADING = "资料来源"
CONTENTS_TITLE = "目\u3000录"
WORD_JOINER = "\u2060"


def chinese_numeral(number: int) -> str:
    """Write 1–99 in Chinese numerals as section numbers use them: 一, 十, 十一, 二十三."""
    if not 1 <= number <= 99:
        raise ValueError(f"section number out of range: {number}")
    tens, ones = divmod(number, 10)
    if tens == 0:
        return CHINESE_DIGITS[ones]
    lead = "" if tens == 1 else CHINESE_DIGITS[tens]
    return f"{lead}十{CHINESE_DIGITS[ones] if ones else ''}"


def citation_label(numbers: Iterable[int]) -> str:
    """Write source numbers as one reference mark, ranges of three or more joined: [1], [1,2], [1-3,5]."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - index >= 2:
            parts.append(f"{ordered[index]}-{ordered[end]}")
        else:
            parts.extend(str(n) for n in ordered[index:end + 1])
        index = end + 1
    return f"[{','.join(parts)}]"


def ems(text: str) -> float:
    """Width of text in ems of Chinese type: a Chinese character or mark is one, a Latin letter or digit half."""
    return sum(1.0 if ord(char) >= 0x2E80 or char in "“”‘’—…" else 0.5 for char in text)


def briefing_bytes(
    report: Report,
    narrative: Narrative,
    charts: Mapping[str, RenderedChart],
    fonts: BriefingFonts | None = None,
) -> bytes:
    """Return the Word briefing of a report as .docx bytes, identical for identical input.

    `charts` maps every chart id of the report to its rendered image; a
    missing one is a BuildError. `fonts` None means the report's
    `style.briefing.fonts`.
    """
    document, _ = briefing_document(report, narrative, charts, fonts)
    stream = io.BytesIO()
    document.save(stream)
    return package.normalise_package(stream.getvalue(), package.CoreProperties(package.build_moment(report.report.date)))


def briefing_document(
    report: Report,
    narrative: Narrative,
    charts: Mapping[str, RenderedChart],
    fonts: BriefingFonts | None = None,
) -> tuple[DocumentObject, PageEstimate]:
    """Return the briefing as a python-docx document, with the estimate of where its pages break."""
    missing = [chart.id for _, chart in report.all_charts() if chart.id not in charts]
    if missing:
        raise BuildError(f"no image was rendered for chart(s): {', '.join(missing)}")
    style = report.style.briefing
    layout = layout_of(style.preset)
    document = Document()
    _set_up_page(document, layout)
    _set_up_styles(document, fonts or style.fonts, layout)
    _set_properties(document, report)
    writer = _Writer(document, report, narrative, charts, layout)
    writer.write()
    estimate = estimate_pages(document)
    if wants_contents(style, estimate.pages):
        writer.add_contents(style.toc_levels)
        estimate = estimate_pages(document)
        writer.fill_contents(estimate)
    return document, estimate


def wants_contents(style: BriefingStyle, estimated_pages: int) -> bool:
    """Say whether the briefing gets a table of contents: as `style.toc` says, or when longer than `toc_above_pages`."""
    if style.toc is not None:
        return style.toc
    return estimated_pages > style.toc_above_pages


# -- page and styles ---------------------------------------------------------


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


def _paragraph_style(
    document: DocumentObject,
    name: str,
    *,
    east_asian: str,
    latin: str,
    size: Length,
    alignment: Optional[WD_ALIGN_PARAGRAPH] = None,
    first_line_indent: Optional[Length] = Pt(0),
    line_spacing: Optional[Length] = None,
    space_before: Length = Pt(0),
    space_after: Length = Pt(0),
    keep_with_next: Optional[bool] = None,
    on_grid: bool = False,
    base: str = "Normal",
) -> ParagraphStyle:
    """Get or make a paragraph style and give it fonts, size, alignment and spacing; black, not bold.

    Only body text and headings (`on_grid`) keep the body's letter spacing
    and snap to the line grid; every other style sets its own.
    """
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
    docx_xml.set_style_fonts(style, latin, east_asian)
    font = style.font
    font.size = size
    font.bold = False
    font.italic = False
    font.color.rgb = BLACK
    fmt = style.paragraph_format
    if alignment is not None:
        fmt.alignment = alignment
    fmt.first_line_indent = first_line_indent
    fmt.space_before = space_before
    fmt.space_after = space_after
    if line_spacing is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = line_spacing
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next
    if not on_grid and name != "Normal":
        docx_xml.set_letter_spacing(style, 0)
        docx_xml.set_snap_to_grid(style, False)
    return style


def _set_up_styles(document: DocumentObject, fonts: BriefingFonts, layout: PageLayout) -> None:
    latin = fonts.latin
    body = Pt(layout.body_pt)
    pitch = layout.line_pitch
    indent = layout.first_line_indent
    caption_lines = Pt(round(layout.caption_pt * 1.43))
    table_lines = Pt(round(layout.table_pt * 1.5))
    docx_xml.drop_styles_with_effects(document)
    docx_xml.strip_theme_fonts(document)
    docx_xml.set_default_fonts(document, latin, fonts.body)
    docx_xml.set_chinese_language(document)

    normal = _paragraph_style(
        document, "Normal", east_asian=fonts.body, latin=latin, size=body,
        alignment=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_indent=indent, line_spacing=pitch, on_grid=True,
    )
    normal.paragraph_format.widow_control = True
    docx_xml.set_letter_spacing(normal, layout.body_letter_spacing.twips)
    for level, face in ((1, fonts.heading1), (2, fonts.heading2)):
        _paragraph_style(
            document, f"Heading {level}", east_asian=face, latin=latin, size=body,
            alignment=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_indent=indent, line_spacing=pitch,
            keep_with_next=True, on_grid=True,
        )
    _paragraph_style(
        document, STYLE_TITLE, east_asian=fonts.title, latin=latin, size=Pt(layout.title_pt),
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=Pt(round(layout.title_pt * 1.6)), keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_SUBTITLE, east_asian=fonts.heading2, latin=latin, size=body,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=pitch, keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_META, east_asian=fonts.body, latin=latin, size=body,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=pitch, keep_with_next=True,
    )
    mark = _paragraph_style(
        document, STYLE_ISSUER_MARK, east_asian=fonts.title, latin=latin, size=Pt(ISSUER_MARK_MAX_PT),
        alignment=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True,
    )
    mark.font.color.rgb = RED
    _paragraph_style(
        document, STYLE_DOCUMENT_NUMBER, east_asian=fonts.body, latin=latin, size=body,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=pitch, space_before=Twips(2 * pitch.twips), keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_SIGNATURE, east_asian=fonts.body, latin=latin, size=body,
        alignment=WD_ALIGN_PARAGRAPH.RIGHT, line_spacing=pitch, keep_with_next=True, on_grid=True,
    )
    _paragraph_style(
        document, STYLE_CONTENTS_TITLE, east_asian=fonts.heading1, latin=latin, size=body,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=pitch, space_before=pitch, keep_with_next=True,
    )
    for level in (1, 2):
        toc = _paragraph_style(
            document, STYLE_TOC.format(level=level), east_asian=fonts.body, latin=latin, size=body,
            alignment=WD_ALIGN_PARAGRAPH.LEFT, first_line_indent=Twips(0), line_spacing=pitch, on_grid=True,
        )
        toc.paragraph_format.left_indent = Twips((level - 1) * indent.twips)
        toc.paragraph_format.tab_stops.add_tab_stop(layout.text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _paragraph_style(
        document, STYLE_PICTURE, east_asian=fonts.body, latin=latin, size=Pt(8),
        alignment=WD_ALIGN_PARAGRAPH.CENTER, space_before=Pt(4), keep_with_next=True,
    )
    _paragraph_style(
        document, "Caption", east_asian=fonts.heading2, latin=latin, size=Pt(layout.caption_pt),
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=caption_lines, keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_CHART_NOTE, east_asian=fonts.body, latin=latin, size=Pt(layout.caption_pt),
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=caption_lines, space_after=Pt(6),
    )
    _paragraph_style(
        document, STYLE_TABLE_TEXT, east_asian=fonts.body, latin=latin, size=Pt(layout.table_pt),
        alignment=WD_ALIGN_PARAGRAPH.LEFT, line_spacing=table_lines,
    )
    _paragraph_style(
        document, STYLE_TABLE_HEADING, east_asian=fonts.heading1, latin=latin, size=Pt(layout.table_pt),
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=table_lines, base=STYLE_TABLE_TEXT,
    )
    _paragraph_style(
        document, STYLE_TABLE_NOTE, east_asian=fonts.body, latin=latin, size=Pt(layout.table_pt),
        alignment=WD_ALIGN_PARAGRAPH.LEFT, line_spacing=caption_lines, space_before=Pt(3),
    )
    _paragraph_style(
        document, "Footer", east_asian=fonts.page_number, latin=latin, size=Pt(layout.page_number_pt),
        alignment=WD_ALIGN_PARAGRAPH.CENTER,
    )

    table_style = document.styles["Table Grid"]
    docx_xml.set_style_fonts(table_style, latin, fonts.body)
    table_style.font.size = Pt(layout.table_pt)

    case_title = document.styles.add_style(STYLE_CASE_TITLE, WD_STYLE_TYPE.CHARACTER)
    case_title.quick_style = True
    docx_xml.set_style_fonts(case_title, latin, fonts.heading3 or fonts.body)
    case_title.font.bold = layout.heading3_bold

    citation = document.styles.add_style(STYLE_CITATION, WD_STYLE_TYPE.CHARACTER)
    citation.font.superscript = True


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
    properties.keywords = "、".join(theme.short_title for theme in report.themes)
    properties.created = moment
    properties.modified = moment
    properties.revision = 1


# -- content -----------------------------------------------------------------


class _Writer:
    """Writes the content of the briefing into a prepared document, in reading order."""

    def __init__(
        self,
        document: DocumentObject,
        report: Report,
        narrative: Narrative,
        charts: Mapping[str, RenderedChart],
        layout: PageLayout,
    ):
        self.document = document
        self.report = report
        self.narrative = narrative
        self.charts = charts
        self.layout = layout
        self.plan = narrative.plan
        self.source_numbers = self.plan.source_numbers
        self.cover_end: Optional[Paragraph] = None
        self.body_start: Optional[Paragraph] = None
        self._style_ids: dict[str, str] = {}
        self.contents: list[tuple[Paragraph, Paragraph]] = []
        """Each table-of-contents entry with the heading it points to."""

    def write(self) -> None:
        header = bool(self.report.report.issuer_mark)
        self._cover(header)
        for number, theme in enumerate(self.report.themes, start=1):
            self._theme(number, theme)
        if header:
            self._signature()
        self._sources()
        self._footers()

    def _style_id(self, name: str) -> str:
        """Return a style's id, looked up once: python-docx looks styles up slowly, scanning them all."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def _paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.document.add_paragraph(text)
        self._set_style(paragraph, style)
        return paragraph

    def _set_style(self, paragraph: Paragraph, style: str) -> None:
        paragraph._p.style = self._style_id(style)

    def _run(self, paragraph: Paragraph, text: str, style: str) -> None:
        paragraph.add_run(text)._r.style = self._style_id(style)

    def _cited(self, segments: Sequence[Segment], paragraph: Paragraph) -> Paragraph:
        """Append segments to a paragraph, each followed by its superscript reference mark."""
        for segment in segments:
            if segment.text:
                paragraph.add_run(segment.text)
            if segment.sources:
                # A word joiner keeps the mark on the line of the text it cites.
                label = citation_label(self.source_numbers[s] for s in segment.sources)
                self._run(paragraph, f"{WORD_JOINER}{label}", STYLE_CITATION)
        return paragraph

    # cover block: the red header or the document number, title, issuer and date

    def _cover(self, header: bool) -> None:
        info = self.report.report
        if header:
            self._issuer_header()
        elif info.document_number:
            self._paragraph(info.document_number, STYLE_META)
        title = self._paragraph(info.title, STYLE_TITLE)
        if header:
            title.paragraph_format.space_before = Twips(2 * self.layout.line_pitch.twips)
        last = title
        if info.subtitle:
            last = self._paragraph(f"——{info.subtitle}", STYLE_SUBTITLE)
        if not header:
            self._paragraph(info.issuer, STYLE_META).paragraph_format.space_before = self.layout.line_pitch
            last = self._paragraph(write_date(info.date), STYLE_META)
        last.paragraph_format.space_after = self.layout.line_pitch
        last.paragraph_format.keep_with_next = False
        self.cover_end = last

    def _issuer_header(self) -> None:
        """The 版头: the issuer mark in red, the document number, and the red rule across the text width."""
        info = self.report.report
        mark_text = info.issuer_mark or ""
        size = min(ISSUER_MARK_MAX_PT, math.floor(self.layout.text_width_mm / 25.4 * 72 / max(ems(mark_text), 1)))
        mark = self._paragraph(mark_text, STYLE_ISSUER_MARK)
        mark.paragraph_format.line_spacing = Pt(round(size * 1.25))
        mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        for run in mark.runs:
            run.font.size = Pt(size)
        ruled = mark
        if info.document_number:
            ruled = self._paragraph(info.document_number, STYLE_DOCUMENT_NUMBER)
        docx_xml.set_bottom_rule(ruled, str(RED), RED_RULE_WIDTH, RED_RULE_GAP_PT)

    def _signature(self) -> None:
        """The issuer and the date after the body, the issuer centred over the date (GB/T 9704 7.3.5)."""
        info = self.report.report
        char = self.layout.body_pt + self.layout.body_letter_spacing.pt
        date = write_date(info.date)
        issuer_ems, date_ems = ems(info.issuer), ems(date)
        if issuer_ems <= date_ems:
            date_in, issuer_in = 4.0, 4.0 + (date_ems - issuer_ems) / 2
        else:
            issuer_in = 2.0
            date_in = max(issuer_in + issuer_ems - 2 - date_ems, 0.0)
        last = self.document.paragraphs[-1]
        if not last._p.xpath("ancestor::w:tbl"):
            last.paragraph_format.keep_with_next = True  # a page never holds the signature alone
        issuer = self._paragraph(info.issuer, STYLE_SIGNATURE)
        issuer.paragraph_format.space_before = self.layout.line_pitch
        issuer.paragraph_format.right_indent = Pt(issuer_in * char)
        dated = self._paragraph(date, STYLE_SIGNATURE)
        dated.paragraph_format.right_indent = Pt(date_in * char)
        dated.paragraph_format.keep_with_next = False

    # one theme

    def _theme(self, number: int, theme: Theme) -> None:
        heading = self._paragraph(f"{chinese_numeral(number)}、{theme.title}", "Heading 1")
        if self.body_start is None:
            self.body_start = heading
        for segments in self.narrative.theme_passages(theme):
            self._cited(segments, self._paragraph())
        for chart in theme.charts:
            self._chart(chart)
        if theme.figures:
            self._figure_table(theme)
        subsection = 0
        highlights = self.narrative.highlight_passages(theme)
        if highlights:
            subsection += 1
            self._heading2(subsection, "工作亮点")
            for item, segments in enumerate(highlights, start=1):
                self._cited([Segment(f"{item}."), *segments], self._paragraph())
        if theme.cases:
            subsection += 1
            self._heading2(subsection, "典型案例")
            for item, case in enumerate(theme.cases, start=1):
                paragraph = self._paragraph()
                title = case.title.rstrip("。")
                self._run(paragraph, f"{item}.{title}。", STYLE_CASE_TITLE)
                self._cited(sentence_segments(tidy(case.text).cite(case.source)), paragraph)

    def _heading2(self, number: int, text: str) -> None:
        self._paragraph(f"（{chinese_numeral(number)}）{text}", "Heading 2")

    def _chart(self, chart: Chart) -> None:
        image = self.charts[chart.id]
        width_mm = min(float(image.width_mm), self.layout.chart_width_mm, self.layout.text_width_mm)
        height_mm = float(image.height_mm) * width_mm / float(image.width_mm)
        holder = self._paragraph(style=STYLE_PICTURE)
        picture = holder.add_run().add_picture(io.BytesIO(image.png), width=Mm(width_mm), height=Mm(height_mm))
        docx_xml.set_picture_alt_text(picture, image.alt_text or chart.title)
        label = self._paragraph(style="Caption")
        label.add_run("图")
        planned = self.plan.chart(chart.id)
        docx_xml.add_sequence_number(label, "图", planned.number)
        label.add_run(f"\u3000{chart.title}")
        caption = tidy(chart.caption)
        for source in planned.sources:
            caption = caption.cite(source.id)
        self._cited(sentence_segments(caption), self._paragraph(style=STYLE_CHART_NOTE))

    def _figure_table(self, theme: Theme) -> None:
        number = self.plan.table_numbers[theme.id]
        label = self._paragraph(style="Caption")
        label.paragraph_format.space_before = Pt(6)
        label.add_run("表")
        docx_xml.add_sequence_number(label, "表", number)
        label.add_run(f"\u3000{theme.short_title}主要数据")

        with_change = any(figure.comparison is not None for figure in theme.figures)
        columns: list[tuple[str, float, WD_ALIGN_PARAGRAPH]] = [
            ("指标", 44 if with_change else 64, WD_ALIGN_PARAGRAPH.LEFT),
            ("数值", 27 if with_change else 32, WD_ALIGN_PARAGRAPH.RIGHT),
        ]
        if with_change:
            columns.append(("变化", 37, WD_ALIGN_PARAGRAPH.LEFT))
        columns += [
            ("时间", 34 if with_change else 46, WD_ALIGN_PARAGRAPH.LEFT),
            ("来源", 14, WD_ALIGN_PARAGRAPH.CENTER),
        ]
        scale = self.layout.text_width_mm / sum(width for _, width, _ in columns)
        rows = [self._figure_row(figure, with_change) for figure in theme.figures]

        table = self.document.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, (_, width, _) in enumerate(columns):
            table.columns[index].width = Mm(width * scale)
        last = len(table.rows) - 1
        for row_index, row in enumerate(table.rows):
            docx_xml.keep_row_on_one_page(row)
            if row_index == 0:
                docx_xml.repeat_row_as_header(row)
            values = [name for name, _, _ in columns] if row_index == 0 else rows[row_index - 1]
            for cell, value, (_, width, alignment) in zip(row.cells, values, columns):
                cell.width = Mm(width * scale)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                paragraph = cell.paragraphs[0]
                self._set_style(paragraph, STYLE_TABLE_HEADING if row_index == 0 else STYLE_TABLE_TEXT)
                if row_index > 0:
                    paragraph.alignment = alignment
                # A short table stays whole; a long one keeps its header with the first row.
                # Either way the last row stays with the note under the table.
                if row_index == 0 or row_index == last or len(rows) <= KEEP_TABLE_WHOLE_ROWS:
                    paragraph.paragraph_format.keep_with_next = True
                paragraph.add_run(value)

        notes = [figure for figure in theme.figures if figure.note]
        cited = sorted({self.source_numbers[figure.source] for figure in theme.figures})
        sources = "、".join(f"[{n}]" for n in cited)
        lines = [f"注：“来源”栏的{sources}见文末{SOURCES_HEADING}。"]
        lines += [f"{item}.{figure.label}：{tidy_spacing(figure.note)}" for item, figure in enumerate(notes, start=1)]
        for text in lines:
            self._paragraph(text, STYLE_TABLE_NOTE)

    def _figure_row(self, figure: Figure, with_change: bool) -> list[str]:
        row = [figure.label, write_figure(figure)]
        if with_change:
            row.append(write_comparison(figure) or "")
        row += [figure.period, f"[{self.source_numbers[figure.source]}]"]
        return row

    # sources and footers

    def _sources(self) -> None:
        """The numbered list the [n] marks refer to, a line below the body and kept together on one page."""
        heading = self._paragraph(SOURCES_HEADING, "Heading 1")
        heading.paragraph_format.space_before = self.layout.line_pitch
        count = len(self.report.sources)
        for number, source in enumerate(self.report.sources, start=1):
            entry = self._paragraph(f"[{number}] {_cite(source)}")
            if number < count:
                entry.paragraph_format.keep_with_next = True

    def _footers(self) -> None:
        """Page numbers `— N —`: odd pages right and even pages left, one character in from the text edge."""
        one_character = Pt(self.layout.page_number_pt)
        for section in self.document.sections:
            for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
                footer.is_linked_to_previous = False
                paragraph = footer.paragraphs[0]
                paragraph.style = self.document.styles["Footer"]
                paragraph.alignment = alignment
                if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
                    paragraph.paragraph_format.right_indent = one_character
                else:
                    paragraph.paragraph_format.left_indent = one_character
                paragraph.add_run("— ")
                docx_xml.add_page_number(paragraph)
                paragraph.add_run(" —")

    # table of contents

    def add_contents(self, levels: int) -> None:
        """Put a table of contents after the title block and start the body on a new page.

        The first page then holds only the title and the contents, so it
        carries no page number; the body starts on page 2.
        """
        assert self.cover_end is not None and self.body_start is not None
        headings = [
            paragraph for paragraph in self.document.paragraphs
            if paragraph.style.name in [f"Heading {level}" for level in range(1, levels + 1)]
        ]
        anchor = self.body_start
        anchor.insert_paragraph_before(CONTENTS_TITLE, style=STYLE_CONTENTS_TITLE)
        self.cover_end.paragraph_format.space_after = Pt(0)
        for index, heading in enumerate(headings):
            level = int(heading.style.name.rsplit(" ", 1)[1])
            entry = anchor.insert_paragraph_before(style=STYLE_TOC.format(level=level))
            if index == 0:
                docx_xml.start_field(entry, f'TOC \\o "1-{levels}" \\h \\z \\u')
            entry.add_run(heading.text)
            entry.add_run("\t")
            entry.add_run("0")
            self.contents.append((entry, heading))
        if self.contents:
            docx_xml.end_field(self.contents[-1][0])
        anchor.paragraph_format.page_break_before = True
        for section in self.document.sections:
            section.different_first_page_header_footer = True
            section.first_page_footer.is_linked_to_previous = False
            section.first_page_footer.paragraphs[0].style = self.document.styles["Footer"]

    def fill_contents(self, estimate: PageEstimate) -> None:
        """Write each entry's page number as the layout estimate has it."""
        for entry, heading in self.contents:
            number_run = [run for run in entry.runs if run.text][-1]
            number_run.text = str(estimate.page_of(heading._p))


def _cite(source: Source) -> str:
    """Write a source as a Chinese reference: 张三、李四：《标题》，某日报，2022年5月。"""
    parts: Sequence[str] = [f"《{source.title}》"]
    if source.publication:
        parts = [*parts, source.publication]
    parts = [*parts, write_partial_date(source.date) if source.date else "日期不详"]
    text = "，".join(parts) + "。"
    if source.authors:
        text = f"{'、'.join(source.authors)}：{text}"
    if source.date_note:
        text += f"（{tidy_spacing(source.date_note).rstrip('。')}。）"
    return text
