"""The Word briefing: model + narrative + chart images → a .docx laid out after GB/T 9704.

The page is A4 with the standard margins and a 28.95 pt line pitch (22 lines
a page); body text is 3号 仿宋 with a two-character first-line indent, level-1
headings `一、` in 黑体 and level-2 headings `（一）` in 楷体. Each theme gets
its narrative, its charts with numbered captions (SEQ fields), a key-figures
table, its highlights and its typical cases; the sources close the document.
Every style names its East Asian typeface, so Chinese text never falls back
to a theme or Japanese font.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Mapping, Optional, Protocol, Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from . import docx_xml, package
from .errors import BuildError
from .model import BriefingFonts, Figure, Report, Source, Theme
from .narrative import Narrative, tidy_spacing
from .numbers import write_comparison, write_date, write_figure, write_partial_date


class ChartImage(Protocol):
    """What the briefing needs of a rendered chart (report_gen.charts.RenderedChart has it)."""

    chart_id: str
    png: bytes
    width_mm: float
    height_mm: float
    dpi: int
    alt_text: str


PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)
MARGIN_BOTTOM = Mm(35)
MARGIN_LEFT = Mm(28)
MARGIN_RIGHT = Mm(26)
FOOTER_DISTANCE = Mm(22)
"""Footer from the page edge, putting the page number about 7 mm below the text area."""
TEXT_WIDTH_MM = 156
"""Width of the text area: 210 − 28 − 26 mm."""

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_CAPTION = Pt(14)  # 四号
SIZE_PAGE_NUMBER = Pt(14)  # 四号
SIZE_TABLE = Pt(12)  # 小四
LINE_PITCH = Pt(28.95)
"""Exact line spacing of body text: 225 mm / 22 lines (w:line="579")."""
FIRST_LINE_INDENT = Pt(32)
"""Two characters of 16 pt body text."""
BLACK = RGBColor(0, 0, 0)

CHINESE_DIGITS = "〇一二三四五六七八九"

STYLE_TITLE = "Briefing Title"
STYLE_SUBTITLE = "Briefing Subtitle"
STYLE_META = "Briefing Meta"
STYLE_PICTURE = "Chart Picture"
STYLE_CHART_NOTE = "Chart Note"
STYLE_TABLE_TEXT = "Table Text"
STYLE_TABLE_HEADING = "Table Heading"
STYLE_TABLE_NOTE = "Table Note"
STYLE_CASE_TITLE = "Case Title"


def chinese_numeral(number: int) -> str:
    """Write 1–99 in Chinese numerals as section numbers use them: 一, 十, 十一, 二十三."""
    if not 1 <= number <= 99:
        raise ValueError(f"section number out of range: {number}")
    tens, ones = divmod(number, 10)
    if tens == 0:
        return CHINESE_DIGITS[ones]
    lead = "" if tens == 1 else CHINESE_DIGITS[tens]
    return f"{lead}十{CHINESE_DIGITS[ones] if ones else ''}"


def briefing_bytes(
    report: Report,
    narrative: Narrative,
    charts: Mapping[str, ChartImage],
    fonts: BriefingFonts | None = None,
) -> bytes:
    """Return the Word briefing of a report as .docx bytes, identical for identical input.

    `charts` maps every chart id of the report to its rendered image; a
    missing one is a BuildError. `fonts` None means the report's
    `style.briefing.fonts`.
    """
    missing = [chart.id for _, chart in report.all_charts() if chart.id not in charts]
    if missing:
        raise BuildError(f"no image was rendered for chart(s): {', '.join(missing)}")
    document = Document()
    _set_up_page(document)
    _set_up_styles(document, fonts or report.style.briefing.fonts)
    _set_properties(document, report)
    _Writer(document, report, narrative, charts).write()
    stream = io.BytesIO()
    document.save(stream)
    return package.normalise_package(stream.getvalue(), package.CoreProperties(package.build_moment(report.report.date)))


# -- page and styles ---------------------------------------------------------


def _set_up_page(document: DocumentObject) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = PAGE_WIDTH
        section.page_height = PAGE_HEIGHT
        section.top_margin = MARGIN_TOP
        section.bottom_margin = MARGIN_BOTTOM
        section.left_margin = MARGIN_LEFT
        section.right_margin = MARGIN_RIGHT
        section.footer_distance = FOOTER_DISTANCE
        section.header_distance = Mm(15)


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
    base: str = "Normal",
) -> ParagraphStyle:
    """Get or make a paragraph style and give it fonts, size, alignment and spacing; black, not bold."""
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
    return style


def _set_up_styles(document: DocumentObject, fonts: BriefingFonts) -> None:
    latin = fonts.latin
    docx_xml.drop_styles_with_effects(document)
    docx_xml.strip_theme_fonts(document)
    docx_xml.set_default_fonts(document, latin, fonts.body)
    docx_xml.set_chinese_language(document)

    normal = _paragraph_style(
        document, "Normal", east_asian=fonts.body, latin=latin, size=SIZE_BODY,
        alignment=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_indent=FIRST_LINE_INDENT, line_spacing=LINE_PITCH,
    )
    normal.paragraph_format.widow_control = True
    for level, face in ((1, fonts.heading1), (2, fonts.heading2)):
        _paragraph_style(
            document, f"Heading {level}", east_asian=face, latin=latin, size=SIZE_BODY,
            alignment=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_indent=FIRST_LINE_INDENT, line_spacing=LINE_PITCH,
            keep_with_next=True,
        )
    _paragraph_style(
        document, STYLE_TITLE, east_asian=fonts.title, latin=latin, size=SIZE_TITLE,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=Pt(36), keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_SUBTITLE, east_asian=fonts.heading2, latin=latin, size=SIZE_BODY,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=LINE_PITCH, keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_META, east_asian=fonts.body, latin=latin, size=SIZE_BODY,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=LINE_PITCH, keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_PICTURE, east_asian=fonts.body, latin=latin, size=Pt(8),
        alignment=WD_ALIGN_PARAGRAPH.CENTER, space_before=Pt(4), keep_with_next=True,
    )
    _paragraph_style(
        document, "Caption", east_asian=fonts.heading2, latin=latin, size=SIZE_CAPTION,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=Pt(20), keep_with_next=True,
    )
    _paragraph_style(
        document, STYLE_CHART_NOTE, east_asian=fonts.body, latin=latin, size=SIZE_CAPTION,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=Pt(20), space_after=Pt(6),
    )
    _paragraph_style(
        document, STYLE_TABLE_TEXT, east_asian=fonts.body, latin=latin, size=SIZE_TABLE,
        alignment=WD_ALIGN_PARAGRAPH.LEFT, line_spacing=Pt(18),
    )
    _paragraph_style(
        document, STYLE_TABLE_HEADING, east_asian=fonts.heading1, latin=latin, size=SIZE_TABLE,
        alignment=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=Pt(18), base=STYLE_TABLE_TEXT,
    )
    _paragraph_style(
        document, STYLE_TABLE_NOTE, east_asian=fonts.body, latin=latin, size=SIZE_TABLE,
        alignment=WD_ALIGN_PARAGRAPH.LEFT, line_spacing=Pt(20), space_before=Pt(3),
    )
    _paragraph_style(
        document, "Footer", east_asian=fonts.page_number, latin=latin, size=SIZE_PAGE_NUMBER,
        alignment=WD_ALIGN_PARAGRAPH.CENTER,
    )

    table_style = document.styles["Table Grid"]
    docx_xml.set_style_fonts(table_style, latin, fonts.body)
    table_style.font.size = SIZE_TABLE

    case_title = document.styles.add_style(STYLE_CASE_TITLE, WD_STYLE_TYPE.CHARACTER)
    case_title.quick_style = True
    docx_xml.set_style_fonts(case_title, latin, fonts.heading2)


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
        charts: Mapping[str, ChartImage],
    ):
        self.document = document
        self.report = report
        self.narrative = narrative
        self.charts = charts
        self.source_numbers = {source.id: number for number, source in enumerate(report.sources, start=1)}

    def write(self) -> None:
        self._cover()
        for number, theme in enumerate(self.report.themes, start=1):
            self._theme(number, theme)
        self._sources()
        self._footer()

    def _paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        return self.document.add_paragraph(text, style=style)

    # cover block

    def _cover(self) -> None:
        info = self.report.report
        if info.document_number:
            self._paragraph(info.document_number, STYLE_META)
        self._paragraph(info.title, STYLE_TITLE)
        if info.subtitle:
            self._paragraph(f"——{info.subtitle}", STYLE_SUBTITLE)
        self._paragraph(info.issuer, STYLE_META).paragraph_format.space_before = LINE_PITCH
        dated = self._paragraph(write_date(info.date), STYLE_META)
        dated.paragraph_format.space_after = LINE_PITCH
        dated.paragraph_format.keep_with_next = False

    # one theme

    def _theme(self, number: int, theme: Theme) -> None:
        self.document.add_paragraph(f"{chinese_numeral(number)}、{theme.title}", style="Heading 1")
        for text in self.narrative.theme_paragraphs(theme):
            self._paragraph(text)
        for chart in theme.charts:
            self._chart(chart.id, chart.title, chart.caption)
        if theme.figures:
            self._figure_table(theme)
        subsection = 0
        highlights = self.narrative.highlights(theme)
        if highlights:
            subsection += 1
            self._heading2(subsection, "工作亮点")
            for item, text in enumerate(highlights, start=1):
                self._paragraph(f"{item}.{text}")
        if theme.cases:
            subsection += 1
            self._heading2(subsection, "典型案例")
            for item, case in enumerate(theme.cases, start=1):
                paragraph = self._paragraph()
                title = case.title.rstrip("。")
                paragraph.add_run(f"{item}.{title}。", style=STYLE_CASE_TITLE)
                paragraph.add_run(tidy_spacing(case.text))

    def _heading2(self, number: int, text: str) -> None:
        self.document.add_paragraph(f"（{chinese_numeral(number)}）{text}", style="Heading 2")

    def _chart(self, chart_id: str, title: str, caption: str) -> None:
        image = self.charts[chart_id]
        width_mm = min(float(image.width_mm), TEXT_WIDTH_MM)
        height_mm = float(image.height_mm) * width_mm / float(image.width_mm)
        holder = self._paragraph(style=STYLE_PICTURE)
        picture = holder.add_run().add_picture(io.BytesIO(image.png), width=Mm(width_mm), height=Mm(height_mm))
        docx_xml.set_picture_alt_text(picture, image.alt_text or title)
        label = self._paragraph(style="Caption")
        label.add_run("图")
        docx_xml.add_sequence_number(label, "图", self.narrative.chart_numbers[chart_id])
        label.add_run(f"\u3000{title}")
        self._paragraph(tidy_spacing(caption), STYLE_CHART_NOTE)

    def _figure_table(self, theme: Theme) -> None:
        number = self.narrative.table_numbers[theme.id]
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
        rows = [self._figure_row(figure, with_change) for figure in theme.figures]

        table = self.document.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, (_, width, _) in enumerate(columns):
            table.columns[index].width = Mm(width)
        for row_index, row in enumerate(table.rows):
            docx_xml.keep_row_on_one_page(row)
            if row_index == 0:
                docx_xml.repeat_row_as_header(row)
            values = [name for name, _, _ in columns] if row_index == 0 else rows[row_index - 1]
            for cell, value, (_, width, alignment) in zip(row.cells, values, columns):
                cell.width = Mm(width)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                paragraph = cell.paragraphs[0]
                paragraph.style = self.document.styles[STYLE_TABLE_HEADING if row_index == 0 else STYLE_TABLE_TEXT]
                if row_index > 0:
                    paragraph.alignment = alignment
                paragraph.add_run(value)

        notes = [figure for figure in theme.figures if figure.note]
        cited = sorted({self.source_numbers[figure.source] for figure in theme.figures})
        sources = "、".join(f"[{n}]" for n in cited)
        self._paragraph(f"注：“来源”栏的{sources}见文末资料来源。", STYLE_TABLE_NOTE)
        for item, figure in enumerate(notes, start=1):
            self._paragraph(f"{item}.{figure.label}：{tidy_spacing(figure.note)}", STYLE_TABLE_NOTE)

    def _figure_row(self, figure: Figure, with_change: bool) -> list[str]:
        row = [figure.label, write_figure(figure)]
        if with_change:
            row.append(write_comparison(figure) or "")
        row += [figure.period, f"[{self.source_numbers[figure.source]}]"]
        return row

    # sources and footer

    def _sources(self) -> None:
        self.document.add_paragraph("资料来源", style="Heading 1")
        for number, source in enumerate(self.report.sources, start=1):
            self._paragraph(f"[{number}] {_cite(source)}")

    def _footer(self) -> None:
        for section in self.document.sections:
            paragraph = section.footer.paragraphs[0]
            paragraph.style = self.document.styles["Footer"]
            paragraph.add_run("— ")
            docx_xml.add_page_number(paragraph)
            paragraph.add_run(" —")


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
