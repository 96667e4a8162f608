"""The content of the Word briefing, written in reading order into a prepared document.

An optional red header (版头) carries the issuer mark, the document number
and the red rule; otherwise the document number, title, issuer and date open
the briefing. The 主送, when the data names one, follows a line below. Each theme gets its narrative, its charts with numbered
captions (SEQ fields), a key-figures table of the figures no chart shows,
its highlights (those that state more than the narrative already has) and
its typical cases; the 资料来源 list closes the document. `style.briefing.citations`
chooses how a sentence quoting a figure cites its source: not at all (none, the
default: the list names the sources once), as a superscript [n] into the list
with a 来源 column in the tables (brackets), or as a Word footnote (footnotes,
see report_gen.ooxml.footnotes). Page numbers `— N —` sit right on odd pages
and left on even ones.
"""

from __future__ import annotations

import io
import math
from typing import Mapping, Optional, Sequence

from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt, Twips
from docx.text.paragraph import Paragraph

from ..charts import RenderedChart
from ..charts.spec import describe, key_figures
from ..data.model import Chart, ChartKind, Figure, Report, Source, Structure, Theme
from ..data.style import BriefingPreset, Citations
from ..narrative import Narrative
from ..narrative.quoted import fresh_highlights
from ..ooxml import docx as docx_xml
from ..ooxml.anchors import FigureAnchors
from ..ooxml.docx_text import paragraph_text
from ..ooxml.chart_description import ChartLook
from ..ooxml.docx_chart import add_native_chart
from ..ooxml.footnotes import Footnotes
from ..text.cited import CitedText, Mark, Segment, sentence_segments, tidy
from ..text.cjk import WORD_JOINER, text_ems, tidy_spacing
from ..text.numbering import chinese_numeral, citation_label, item_label
from ..data.written import (
    continuation_clauses,
    subject_groups,
    write_comparison,
    write_figure,
    write_structure_change,
    write_structure_shares,
    written_span,
)
from ..text.numbers import write_date, write_partial_date
from ..text.wording import as_sentence
from .bulletin import write_masthead
from .colophon import write_addressee
from .key_figures import add_key_figure_panel, shared_period
from .layout import PageLayout
from .native_chart import paged_chart
from .styles import (
    RED,
    RED_RULE_GAP_PT,
    RED_RULE_WIDTH,
    STYLE_CAPTION,
    STYLE_CASE_TITLE,
    STYLE_CHART_NOTE,
    STYLE_CHART_SOURCE,
    STYLE_CHART_UNIT,
    STYLE_CITATION,
    STYLE_DOCUMENT_NUMBER,
    STYLE_FOOTER,
    STYLE_ISSUER_MARK,
    STYLE_META,
    STYLE_PICTURE,
    STYLE_SIGNATURE,
    STYLE_SOURCE,
    STYLE_SUBTITLE,
    STYLE_TABLE,
    STYLE_TABLE_HEADING,
    STYLE_TABLE_NOTE,
    STYLE_TABLE_TEXT,
    STYLE_TITLE,
    ISSUER_MARK_MAX_PT,
)

KEEP_TABLE_WHOLE_ROWS = 6
"""Key-figure tables of up to this many rows are kept on one page: a split would leave a row or two on either side."""

ISSUER_MARK_DROP_MM = 35
"""GB/T 9704 7.2.2: the top of the issuer mark (发文机关标志) lies 35 mm below the top of the type area."""

SOURCES_HEADING = "资料来源"


class BriefingWriter:
    """Writes the content of the briefing into a prepared document, in reading order."""

    def __init__(
        self,
        document: DocumentObject,
        report: Report,
        narrative: Narrative,
        charts: Mapping[str, RenderedChart],
        layout: PageLayout,
        native_look: Optional[ChartLook] = None,
        style_names: Mapping[str, str] = {},
        page_numbers: bool = True,
    ):
        self.document = document
        self.report = report
        self.narrative = narrative
        self.charts = charts
        self.layout = layout
        self.native_look = native_look
        """How native charts write their text; None puts every chart in as a picture."""
        self.style_names = style_names
        """report_gen's style name → the style a Word template gives that role, for the roles it serves."""
        self.page_numbers = page_numbers
        """Write the page numbers into the footers; false keeps a template's own footers."""
        self.plan = narrative.plan
        self.source_numbers = self.plan.source_numbers
        self.citations = report.style.briefing.citations
        """How a sentence quoting figures cites their sources (style.briefing.citations)."""
        self.footnotes = Footnotes(document) if self.citations is Citations.FOOTNOTES else None
        self.cover_end: Optional[Paragraph] = None
        self.body_start: Optional[Paragraph] = None
        self.figures: list[list] = []
        """Each chart's and table's body blocks (its picture, panel or table, caption and notes), in reading order."""
        self.anchors = FigureAnchors(document)
        """Where each figure's written form is printed, for the bookmarks `check --data` reads back."""
        self._style_ids: dict[str, str] = {}

    def write(self) -> None:
        bulletin = self.layout.preset is BriefingPreset.JIANBAO
        header = bool(self.report.report.issuer_mark) and not bulletin
        self._cover(header, bulletin)
        if self.report.report.addressee and not bulletin:
            self.body_start = write_addressee(self._paragraph, self.report.report.addressee)
        for number, theme in enumerate(self.report.themes, start=1):
            self._theme(number, theme)
        if header:
            self._signature()
        self._sources()
        if self.page_numbers:
            self._footers()

    def _style_id(self, name: str) -> str:
        """Return a style's id, looked up once: python-docx looks styles up slowly, scanning them all."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[self.style_names.get(name, name)].style_id
        return self._style_ids[name]

    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        """Append a paragraph in one of report_gen's styles (a template's style for that role when it has one)."""
        return self._paragraph(text, style)

    def _paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.document.add_paragraph(text)
        self._set_style(paragraph, style)
        return paragraph

    def _set_style(self, paragraph: Paragraph, style: str) -> None:
        docx_xml.set_paragraph_style_id(paragraph, self._style_id(style))

    def _run(self, paragraph: Paragraph, text: str, style: str) -> None:
        docx_xml.set_run_style_id(paragraph.add_run(text), self._style_id(style))

    def _text(self, paragraph: Paragraph, text: str, marks: Sequence[Mark] = ()) -> None:
        """Append text as a run, noting where each figure's written form in it stands (`marks`, else those text carries)."""
        marks = marks or getattr(text, "marks", ())
        offset = len(paragraph_text(paragraph._p)) if marks else 0
        paragraph.add_run(text)
        for mark in marks:
            self.anchors.mark(paragraph._p, offset + mark.start, offset + mark.end, mark.figure)

    def _cited(self, segments: Sequence[Segment], paragraph: Paragraph) -> Paragraph:
        """Append segments to a paragraph, each followed by its citation in the chosen form (none, [n] or a footnote)."""
        for segment in segments:
            if segment.text:
                self._text(paragraph, segment.text, segment.marks)
            if segment.sources and self.citations is Citations.BRACKETS:
                # A word joiner keeps the mark on the line of the text it cites.
                label = citation_label(self.source_numbers[s] for s in segment.sources)
                self._run(paragraph, f"{WORD_JOINER}{label}", STYLE_CITATION)
            elif segment.sources and self.footnotes is not None:
                self._footnote(paragraph, segment.sources)
        return paragraph

    def _footnote(self, paragraph: Paragraph, sources: Sequence[str]) -> None:
        """Add a footnote naming `sources` (ids) after the text so far in `paragraph`."""
        by_id = {source.id: source for source in self.report.sources}
        assert self.footnotes is not None
        self.footnotes.add(paragraph, "；".join(_cite(by_id[s], short=True).rstrip("。") for s in sources) + "。",
                           self._style_id(STYLE_CITATION), self._style_id(STYLE_TABLE_NOTE))

    # cover block: the red header or the document number, title, issuer and date

    def _cover(self, header: bool, bulletin: bool) -> None:
        """The 简报's 报头, the red 版头, or the document number; then the title, and the issuer and date unless a head gave them."""
        info = self.report.report
        if bulletin:
            write_masthead(self._paragraph, info, self.layout)
        elif header:
            self._issuer_header()
        elif info.document_number:
            self._paragraph(info.document_number, STYLE_META)
        title = self._paragraph(info.title, STYLE_TITLE)
        if header or bulletin:
            title.paragraph_format.space_before = Twips(2 * self.layout.line_pitch.twips)
        last = title
        if info.subtitle:
            last = self._paragraph(f"——{info.subtitle}", STYLE_SUBTITLE)
        if not header and not bulletin:
            self._paragraph(info.issuer, STYLE_META).paragraph_format.space_before = self.layout.line_pitch
            last = self._paragraph(write_date(info.date), STYLE_META)
        last.paragraph_format.space_after = self.layout.line_pitch
        last.paragraph_format.keep_with_next = False
        self.cover_end = last

    def _issuer_header(self) -> None:
        """The 版头: the issuer mark in red 35 mm below the type area's top, the document number, and the red rule across the text width."""
        info = self.report.report
        mark_text = info.issuer_mark or ""
        size = min(ISSUER_MARK_MAX_PT, math.floor(Mm(self.layout.text_width_mm).pt / max(text_ems(mark_text, gaps=False), 1)))
        mark = self._paragraph(mark_text, STYLE_ISSUER_MARK)
        line = round(size * 1.25)
        mark.paragraph_format.line_spacing = Pt(line)
        mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        # The characters' top lies half the leading below the line's top (GB/T 9704 7.2.2 measures from the characters).
        mark.paragraph_format.space_before = Twips(round(Mm(ISSUER_MARK_DROP_MM).twips - (line - size) / 2 * 20))
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
        issuer_ems, date_ems = text_ems(info.issuer, gaps=False), text_ems(date, gaps=False)
        if issuer_ems <= date_ems:
            date_in, issuer_in = 4.0, 4.0 + (date_ems - issuer_ems) / 2
        else:
            issuer_in = 2.0
            date_in = max(issuer_in + issuer_ems - 2 - date_ems, 0.0)
        last = self.document.paragraphs[-1]
        if not docx_xml.is_in_table(last):
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
            start = docx_xml.body_length(self.document)
            self._chart(chart)
            self.figures.append(docx_xml.body_blocks(self.document, start))
        if theme.id in self.plan.table_numbers:
            start = docx_xml.body_length(self.document)
            self._figure_table(theme)
            self.figures.append(docx_xml.body_blocks(self.document, start))
        highlights = fresh_highlights(self.narrative, theme)
        parts = [name for name, present in (("工作亮点", highlights), ("典型案例", theme.cases)) if present]
        # A level with one part is not numbered: a lone （一） would promise a （二）.
        numbered = len(parts) > 1
        if highlights:
            self._heading2(parts.index("工作亮点") + 1 if numbered else None, "工作亮点")
            for item, segments in enumerate(highlights, start=1):
                self._cited([Segment(item_label(item, len(highlights))), *segments], self._paragraph())
        if theme.cases:
            self._heading2(parts.index("典型案例") + 1 if numbered else None, "典型案例")
            for item, case in enumerate(theme.cases, start=1):
                paragraph = self._paragraph()
                title = case.title.rstrip("。")
                self._run(paragraph, f"{item_label(item, len(theme.cases))}{title}。", STYLE_CASE_TITLE)
                self._cited(sentence_segments(tidy(case.text).cite(case.source)), paragraph)

    def _heading2(self, number: Optional[int], text: str) -> None:
        """A level-2 heading, （一）工作亮点; unnumbered when it is its section's only part."""
        self._paragraph(text if number is None else f"（{chinese_numeral(number)}）{text}", "Heading 2")

    def _chart(self, chart: Chart) -> None:
        if chart.kind is ChartKind.TILE:
            self._key_figure_panel(chart)
        elif self.native_look is not None:
            self._native_chart(chart)
        else:
            self._picture(chart)
        self._chart_caption(chart)

    def _key_figure_panel(self, chart: Chart) -> None:
        """Put a tile chart in as a table of its key figures, in the document's fonts, with its 资料来源 line below."""
        planned = self.plan.chart(chart.id)
        width_mm = min(self.layout.chart_width_mm, self.layout.text_width_mm)
        cells = [cell._replace(value=CitedText.of(cell.value, figure.source, figure.id))
                 for cell, figure in zip(key_figures(planned.figures), planned.figures)]
        shared = shared_period(cells)
        if shared and shared not in chart.title:  # said once above the panel, not in each of its cells
            self._paragraph(f"时间：{shared}", STYLE_CHART_UNIT)
        add_key_figure_panel(self.document, cells, width_mm, self._set_style, chart.title,
                             describe(planned), self.style_names.get(STYLE_TABLE, STYLE_TABLE), self._text,
                             (self.layout.body_pt, self.layout.table_pt))
        self._paragraph(planned.source_line, STYLE_CHART_SOURCE)

    def _native_chart(self, chart: Chart) -> None:
        """Put a chart in as a Word chart holding its data, with its unit above and its 资料来源 line below."""
        planned = self.plan.chart(chart.id)
        width_mm = min(self.layout.chart_width_mm, self.layout.text_width_mm)
        placed = paged_chart(chart, list(planned.figures), width_mm)
        if placed.note:
            note = self._paragraph(placed.note, STYLE_CHART_UNIT)
            if placed.centred_note:
                note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder = self._paragraph(style=STYLE_PICTURE)
        add_native_chart(holder.add_run(), placed.chart, self.native_look, self.report.report.date, Mm(width_mm),
                         Mm(placed.height_mm), describe(planned), f"Chart {chart.id}")
        self._paragraph(planned.source_line, STYLE_CHART_SOURCE)

    def _picture(self, chart: Chart) -> None:
        image = self.charts[chart.id]
        width_mm = min(float(image.width_mm), self.layout.chart_width_mm, self.layout.text_width_mm)
        # The picture's own 资料来源 band is cropped off: the line is set as text under it, as under a panel.
        height_mm = float(image.height_mm) * width_mm / float(image.width_mm) * (1 - image.source_share)
        holder = self._paragraph(style=STYLE_PICTURE)
        picture = holder.add_run().add_picture(io.BytesIO(image.png), width=Mm(width_mm), height=Mm(height_mm))
        if image.source_share:
            docx_xml.crop_picture_bottom(picture, image.source_share)
        docx_xml.set_picture_alt_text(picture, image.alt_text or chart.title)
        self._paragraph(self.plan.chart(chart.id).source_line, STYLE_CHART_SOURCE)

    def _chart_caption(self, chart: Chart) -> None:
        label = self._paragraph(style=STYLE_CAPTION)
        label.add_run("图")
        planned = self.plan.chart(chart.id)
        docx_xml.add_sequence_number(label, "图", planned.number)
        label.add_run(f"\u3000{chart.title}")
        caption = tidy(chart.caption)
        for source in planned.sources:
            caption = caption.cite(source.id)
        self._cited(sentence_segments(caption), self._paragraph(style=STYLE_CHART_NOTE))
        figures, structures = self.report.figure_index(), self.report.structure_index()
        items = [structures.get(figure_id) or figures[figure_id] for figure_id in chart.plotted_ids()]
        for text in note_lines([item for item in items if item.note]):
            self._paragraph(text, STYLE_TABLE_NOTE)

    def _figure_table(self, theme: Theme) -> None:
        """The theme's figures that no chart shows, as a table: label, value, change, period and source."""
        number = self.plan.table_numbers[theme.id]
        figures = self.plan.table_figures[theme.id]
        structures = self.plan.table_structures.get(theme.id, ())
        label = self._paragraph(style=STYLE_CAPTION)
        label.paragraph_format.space_before = Pt(6)
        label.add_run("表")
        docx_xml.add_sequence_number(label, "表", number)
        label.add_run(f"\u3000{theme.short_title}{table_title(theme, [*figures, *structures])}")
        if self.footnotes is not None:
            self._footnote(label, sorted({item.source for item in [*figures, *structures]},
                                         key=[source.id for source in self.report.sources].index))

        groups = subject_groups(figures)
        with_change = (any(figure.comparison is not None or followers for figure, followers in groups)
                       or any(len(s.periods) > 1 for s in structures))
        columns: list[tuple[str, float, WD_ALIGN_PARAGRAPH]] = [
            ("指标", 44 if with_change else 64, WD_ALIGN_PARAGRAPH.LEFT),
            ("数值", 27 if with_change else 32, WD_ALIGN_PARAGRAPH.RIGHT),
        ]
        if with_change:
            columns.append(("变化", 37, WD_ALIGN_PARAGRAPH.LEFT))
        columns.append(("时间", 34 if with_change else 46, WD_ALIGN_PARAGRAPH.LEFT))
        if self.citations is Citations.BRACKETS:
            columns.append(("来源", 14, WD_ALIGN_PARAGRAPH.CENTER))
        scale = self.layout.text_width_mm / sum(width for _, width, _ in columns)
        rows = [self._figure_row(figure, followers, with_change) for figure, followers in groups]
        rows += [self._structure_row(structure, with_change) for structure in structures]

        table = self.document.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = self.document.styles[self.style_names.get(STYLE_TABLE, STYLE_TABLE)]
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
                self._text(paragraph, value)

        listed = [*figures, *structures]
        lines = []
        if self.citations is Citations.BRACKETS:
            sources = "、".join(f"[{n}]" for n in sorted({self.source_numbers[item.source] for item in listed}))
            lines.append(f"注：“来源”栏的{sources}见文末{SOURCES_HEADING}。")
        notes = [item for item in listed if item.note]
        if lines:
            lines += [f"{item_label(item, len(notes))}{noted(figure)}" for item, figure in enumerate(notes, start=1)]
        else:
            lines = note_lines(notes)
        for text in lines:
            self._paragraph(text, STYLE_TABLE_NOTE)

    def _figure_row(self, figure: Figure, followers: Sequence[Figure], with_change: bool) -> list[str]:
        """A figure's row; what the figures that continue it add (低于全市平均水平1246元) joins its change."""
        label = f"{figure.label}（{figure.value_basis}）" if figure.value_basis else figure.label
        row = [label, CitedText.of(write_figure(figure), figure.source, figure.id)]
        if with_change:
            change = write_comparison(figure) or ""
            row.append(marked("，".join(part for part in [change, *continuation_clauses(figure, followers, change)] if part), followers))
        row.append(figure.period)
        if self.citations is Citations.BRACKETS:
            row.append(f"[{self.source_numbers[figure.source]}]")
        return row

    def _structure_row(self, structure: Structure, with_change: bool) -> list[str]:
        row = [f"{structure.label}（{'∶'.join(structure.parts)}）",
               CitedText.of(write_structure_shares(structure), structure.source, structure.id)]
        if with_change:
            row.append(write_structure_change(structure) if len(structure.periods) > 1 else "")
        row.append(structure.period)
        if self.citations is Citations.BRACKETS:
            row.append(f"[{self.source_numbers[structure.source]}]")
        return row

    # sources and footers

    def _sources(self) -> None:
        """The sources, a line below the body and kept together on one page: numbered [n] as the marks refer to them
        with brackets, else each named once, in the order the data file lists them."""
        heading = self._paragraph(SOURCES_HEADING, "Heading 1")
        heading.paragraph_format.space_before = self.layout.line_pitch
        count = len(self.report.sources)
        for number, source in enumerate(self.report.sources, start=1):
            label = f"[{number}] " if self.citations is Citations.BRACKETS else ""
            entry = self._paragraph(f"{label}{_cite(source)}", STYLE_SOURCE)
            if number < count:
                entry.paragraph_format.keep_with_next = True

    def _footers(self) -> None:
        """Page numbers `— N —`: odd pages right and even pages left, one character in from the text edge.

        A document that does not tell odd pages from even ones (a template's) gets one centred number.
        """
        one_character = Pt(self.layout.page_number_pt)
        sides = self.document.settings.odd_and_even_pages_header_footer
        for section in self.document.sections:
            footers = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
            for footer, alignment in footers if sides else ((section.footer, WD_ALIGN_PARAGRAPH.CENTER),):
                footer.is_linked_to_previous = False
                paragraph = footer.paragraphs[0]
                paragraph.style = self.document.styles[STYLE_FOOTER]
                paragraph.alignment = alignment
                if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
                    paragraph.paragraph_format.right_indent = one_character
                elif alignment == WD_ALIGN_PARAGRAPH.LEFT:
                    paragraph.paragraph_format.left_indent = one_character
                paragraph.add_run("— ")
                docx_xml.add_page_number(paragraph)
                paragraph.add_run(" —")

    # table of contents




def marked(text: str, figures: Sequence[Figure]) -> CitedText:
    """Return text with the written form of each figure it states marked, in order (a row's 变化 column stating its followers)."""
    marks, position = [], 0
    for figure in figures:
        span = written_span(figure, text[position:])
        if span is not None:
            marks.append(Mark(position + span[0], position + span[1], figure.id))
            position += span[1]
    return CitedText(text, marks=marks)


def table_title(theme: Theme, figures: Sequence[Figure | Structure]) -> str:
    """Name a key-figures table: 主要数据 when it lists all the theme's figures, 其他数据 when charts show the rest."""
    return "主要数据" if len(figures) == len(theme.figures) + len(theme.structures) else "其他数据"


def noted(item: Figure | Structure) -> str:
    """Write a figure's note as a sentence, led by its label unless the note starts with it: 可吸入颗粒物年平均浓度：…。"""
    note = as_sentence(tidy_spacing(item.note or ""))
    return note if note.startswith(item.label) else f"{item.label}：{note}"


def note_lines(items: Sequence[Figure | Structure]) -> list[str]:
    """Write the notes of the figures a chart shows, under it: 注：人均地区生产总值：…。, numbered when there are several."""
    if len(items) == 1:
        return [f"注：{noted(items[0])}"]
    lines = [f"{number}.{noted(item)}" for number, item in enumerate(items, start=1)]
    return ["注：" + lines[0], *lines[1:]] if lines else []


def _cite(source: Source, short: bool = False) -> str:
    """Write a source as a Chinese reference: 张三、李四：《标题》，某日报，2022年5月。; `short` leaves out the note on its date."""
    parts: Sequence[str] = [f"《{source.title}》"]
    if source.publication:
        parts = [*parts, source.publication]
    parts = [*parts, write_partial_date(source.date) if source.date else "日期不详"]
    text = "，".join(parts) + "。"
    if source.authors:
        text = f"{'、'.join(source.authors)}：{text}"
    if source.date_note and not short:
        text += f"（{tidy_spacing(source.date_note).rstrip('。')}。）"
    return text
