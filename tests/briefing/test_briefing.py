"""The Word briefing, reopened with python-docx and checked as a reader would see it."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.helpers.documents import stand_in_charts
from tests.helpers import BEIBEI, FIXTURES, MINI
from report_gen.briefing import briefing_bytes, briefing_document
from report_gen.data.style import BriefingFonts, Citations
from report_gen.charts import alt_text
from report_gen.errors import BuildError
from report_gen.data.model import ChartKind, Report
from report_gen.narrative import Narrative
from report_gen.data.written import write_figure

FONTS = BriefingFonts()
CITATION = re.compile(r"\u2060\[([\d,\-]+)\]")
"""A reference mark as the briefing writes it: a word joiner, then [1], [1,2] or [1-3]."""


def mini_raw(citations: str = "brackets") -> dict:
    """The small test report, citing its sources as `citations` says (most tests here read the [n] marks)."""
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw.setdefault("style", {}).setdefault("briefing", {})["citations"] = citations
    return raw


def report_of(raw: dict) -> Report:
    return Report.model_validate(raw)


def docx_of(report: Report) -> bytes:
    return briefing_bytes(report, Narrative(report), stand_in_charts(report))


@pytest.fixture(scope="module")
def report() -> Report:
    return report_of(mini_raw())


@pytest.fixture(scope="module")
def charts(report):
    return stand_in_charts(report)


@pytest.fixture(scope="module")
def docx_bytes(report, charts) -> bytes:
    return briefing_bytes(report, Narrative(report), charts)


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


@pytest.fixture(scope="module")
def beibei_built():
    """The default report's briefing, with stand-in pictures (its text, citations and contents are real), and its page estimate.

    Its contents come from a threshold of 10 pages: the default (30) leaves them off.
    """
    from report_gen.data.load import load_report

    report = load_report(BEIBEI)
    report = report.model_copy(update={"style": report.style.model_copy(update={
        "briefing": report.style.briefing.model_copy(update={"toc_above_pages": 10})})})
    document, estimate = briefing_document(report, Narrative(report), stand_in_charts(report))
    stream = io.BytesIO()
    document.save(stream)
    return report, document, estimate, Document(io.BytesIO(stream.getvalue()))


@pytest.fixture(scope="module")
def beibei(beibei_built) -> tuple[Report, object]:
    """The default report and its briefing, reopened."""
    report, _, _, reopened = beibei_built
    return report, reopened


def part_xml(docx_bytes: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(docx_bytes)).read(name).decode("utf-8")


def all_text(document) -> str:
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def without_citations(text: str) -> str:
    return CITATION.sub("", text)


def table_description(table) -> str | None:
    """Return a table's alt text (w:tblDescription): key-figure panels have one, data tables none."""
    element = table._tbl.tblPr.find(qn("w:tblDescription"))
    return None if element is None else element.get(qn("w:val"))


def data_tables(document) -> list:
    return [table for table in document.tables if table_description(table) is None]


def key_figure_panels(document) -> list:
    return [table for table in document.tables if table_description(table) is not None]


def field_instructions(paragraph) -> list[str]:
    return [node.text.strip() for node in paragraph._p.iter(qn("w:instrText"))]


def style_xml(styles_xml: str, style_id: str) -> str:
    match = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles_xml, re.S)
    assert match, style_id
    return match.group(0)


# -- structure ----------------------------------------------------------------


def test_headings_number_the_themes_in_order_then_sources(document, report):
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1 == ["一、党建引领营商环境", "二、党建引领科技创新", "资料来源"]
    assert all(p.style.name.startswith("Heading") for p in document.paragraphs if re.match(r"^[一二三]、", p.text))


def test_title_block_comes_first(document):
    texts = [p.text for p in document.paragraphs[:5]]
    assert texts == ["示例组〔2021〕5号", "示例区党建工作简报", "——测试用数据", "示例区委组织部", "2021年5月1日"]
    title = document.paragraphs[1]
    assert title.style.font.size == Pt(22)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_highlights_and_cases_are_level_2_subsections():
    raw = mini_raw()
    raw["themes"][0]["highlights"].append("区级政务服务事项全部实现网上可办。")
    document = Document(io.BytesIO(docx_of(report_of(raw))))
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert level2 == ["（一）工作亮点", "（二）典型案例"]
    texts = [without_citations(p.text) for p in document.paragraphs]
    assert "区级政务服务事项全部实现网上可办。" in texts, "the only fresh highlight: no 1. (a level with one item)"
    case = next(p for p in document.paragraphs if p.text.startswith("直通车解难题。"))
    assert case.runs[0].style.name == "Case Title"
    assert "一家养老企业需要加装电梯" in case.text


def test_a_highlight_that_only_repeats_figures_the_narrative_states_is_left_out(document):
    texts = [without_citations(p.text) for p in document.paragraphs]
    assert not any("进驻事项达到1000余项" in text for text in texts), "the narrative has just said so"
    assert any("进驻事项由500余项增加到1000余项" in text for text in texts)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == ["典型案例"], "a lone part is not numbered"


def test_items_are_numbered_only_when_there_are_several():
    raw = mini_raw()
    raw["themes"][0]["cases"].append({"title": "第二个案例", "text": "一家企业通过直通车制度解决了用地问题。", "source": "src_a"})
    document = Document(io.BytesIO(docx_of(report_of(raw))))
    titles = [p.text.split("。")[0] for p in document.paragraphs if p.runs and p.runs[0].style.name == "Case Title"]
    assert titles == ["1.直通车解难题", "2.第二个案例"]


def test_case_titles_are_level_3_headings_in_bold_body_font(docx_bytes):
    styles = part_xml(docx_bytes, "word/styles.xml")
    case_title = style_xml(styles, "CaseTitle")
    assert f'w:eastAsia="{FONTS.body}"' in case_title, "level 3 (1.) is 仿宋, the body font, unless fonts.heading3 says otherwise"
    assert "<w:b/>" in case_title


def test_narrative_paragraphs_are_in_the_body(document):
    texts = [p.text for p in document.paragraphs]
    assert any("有关数据见图1、图2和图3" in text for text in texts)


# -- page and grid ------------------------------------------------------------


def test_page_is_a4_with_gb_t_9704_margins(document):
    for section in document.sections:
        for measured, expected in [
            (section.page_width, 210), (section.page_height, 297),
            (section.top_margin, 37), (section.bottom_margin, 35),
            (section.left_margin, 28), (section.right_margin, 26),
        ]:
            assert abs(measured - Mm(expected)) <= Mm(1)


def test_the_grid_is_22_lines_of_28_characters(document, docx_bytes):
    section = document.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert 22 * Pt(28.95) <= text_height < 23 * Pt(28.95)
    normal = style_xml(part_xml(docx_bytes, "word/styles.xml"), "Normal")
    letter_spacing = int(re.search(r'<w:spacing w:val="(-?\d+)"/>', normal).group(1)) / 20
    advance = 16 + letter_spacing
    text_width = (section.page_width - section.left_margin - section.right_margin) / 12700
    assert 28 * advance <= text_width < 29 * advance, "28 characters of 三号 text fill a line of the text width"


# -- page numbers --------------------------------------------------------------


def footer_paragraph(footer):
    return footer.paragraphs[0]


def test_odd_pages_number_right_and_even_pages_left_one_character_in(document, docx_bytes):
    assert re.search(r"<w:evenAndOddHeaders/>", part_xml(docx_bytes, "word/settings.xml"))
    section = document.sections[0]
    odd, even = footer_paragraph(section.footer), footer_paragraph(section.even_page_footer)
    for paragraph, alignment in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert any(instr.startswith("PAGE") for instr in field_instructions(paragraph))
        assert paragraph.text == "— 1 —", "an em dash each side of the number"
        assert paragraph.alignment == alignment
        assert paragraph.style.font.size == Pt(14)
    assert odd.paragraph_format.right_indent == Pt(14) and even.paragraph_format.left_indent == Pt(14)


def test_page_numbers_are_in_the_song_font(docx_bytes):
    footer = style_xml(part_xml(docx_bytes, "word/styles.xml"), "Footer")
    assert f'w:eastAsia="{FONTS.page_number}"' in footer and '<w:sz w:val="28"/>' in footer


def test_a_short_briefing_numbers_its_first_page(document):
    assert not document.sections[0].different_first_page_header_footer


# -- fonts and language -------------------------------------------------------


def east_asia_of_style(styles_xml: str, style_id: str) -> str:
    fonts = re.search(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', style_xml(styles_xml, style_id))
    assert fonts, f"{style_id} names no East Asian font"
    return fonts.group(1)


def size_of_style(styles_xml: str, style_id: str) -> float:
    return int(re.search(r'<w:sz w:val="(\d+)"/>', style_xml(styles_xml, style_id)).group(1)) / 2


def test_styles_name_east_asian_fonts_with_their_sizes(docx_bytes):
    styles = part_xml(docx_bytes, "word/styles.xml")
    expected = {
        "Normal": (FONTS.body, 16), "Heading1": (FONTS.heading1, 16), "Heading2": (FONTS.heading2, 16),
        "BriefingTitle": (FONTS.title, 22), "Caption": (FONTS.heading2, 14), "TableGrid": (FONTS.body, 12),
        "Footer": (FONTS.page_number, 14),
    }
    for style_id, (font, size) in expected.items():
        assert (east_asia_of_style(styles, style_id), size_of_style(styles, style_id)) == (font, size), style_id
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert f'w:eastAsia="{FONTS.body}"' in defaults
    assert 'w:eastAsia="zh-CN"' in defaults


def test_no_theme_fonts_remain_to_override_the_names(docx_bytes):
    styles = part_xml(docx_bytes, "word/styles.xml")
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        assert attribute not in styles


def test_settings_say_the_east_asian_theme_language_is_chinese(docx_bytes):
    settings = part_xml(docx_bytes, "word/settings.xml")
    assert re.search(r'<w:themeFontLang [^>]*w:eastAsia="zh-CN"', settings)
    assert "ja-JP" not in settings


def test_headings_are_black_not_bold_and_sized_3hao(document):
    for name in ("Heading 1", "Heading 2"):
        font = document.styles[name].font
        assert font.size == Pt(16)
        assert font.bold is False
        assert str(font.color.rgb) == "000000"
        assert document.styles[name].paragraph_format.keep_with_next


def test_body_is_3hao_with_two_character_indent_and_exact_line_pitch(document, docx_bytes):
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.first_line_indent == Pt(2 * (16 - 0.25)), "two characters on the grid"
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    normal_xml = style_xml(part_xml(docx_bytes, "word/styles.xml"), "Normal")
    assert re.search(r'<w:spacing [^>]*w:line="579" w:lineRule="exact"', normal_xml)


# -- figures, pictures, captions, tables --------------------------------------


def test_every_figure_is_written_in_the_document(document, report):
    text = all_text(document)
    for _, figure in report.all_figures():
        assert write_figure(figure) in text, figure.id


def test_one_picture_per_chart_with_alt_text_and_tiles_as_text(document, docx_bytes, report, charts):
    pictured = [chart for _, chart in report.all_charts() if chart.kind is not ChartKind.TILE]
    assert len(document.inline_shapes) == len(pictured)
    body = part_xml(docx_bytes, "word/document.xml")
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
    assert descriptions == [charts[chart.id].alt_text for chart in pictured]
    for shape in document.inline_shapes:
        assert abs(shape.width - Mm(156)) <= Mm(0.5)
    tiles = [chart for _, chart in report.all_charts() if chart.kind is ChartKind.TILE]
    assert [table_description(panel) for panel in key_figure_panels(document)] == [alt_text(chart, report) for chart in tiles]


def test_a_tile_chart_is_a_panel_of_text_with_its_source_line_and_caption(document, report):
    (panel,) = key_figure_panels(document)
    cells = [cell for row in panel.rows for cell in row.cells]
    assert [[p.text for p in cell.paragraphs] for cell in cells] == [
        ["约12.5亿元", "营业收入", "2022年一季度", "同比增长48%"],
        ["2.5万户", "新增市场主体", "2021年"],
        ["97%", "民营市场主体占比", "近3年"],
    ]
    assert cells[0].paragraphs[0].style.name == "Key Figure Value"
    assert abs(sum(cell.width for cell in panel.rows[0].cells) - Mm(156)) <= Mm(0.5)
    after = panel._tbl.getnext()
    texts = []
    while after is not None and len(texts) < 2:
        texts.append("".join(t.text for t in after.iter(qn("w:t"))))
        after = after.getnext()
    assert texts == ["资料来源：《示例报道乙》；《示例报道甲》", "图3\u3000营商环境关键数字"]


def test_figure_captions_are_numbered_by_seq_fields_in_order(document, report):
    captions = [p for p in document.paragraphs if any(i.startswith("SEQ 图") for i in field_instructions(p))]
    expected = [f"图{n}\u3000{chart.title}" for n, (_, chart) in enumerate(report.all_charts(), start=1)]
    assert [p.text for p in captions] == expected
    assert all(p.style.name == "Caption" for p in captions)


def test_each_picture_keeps_with_its_source_line_and_caption(document):
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph._p.findall(".//" + qn("w:drawing")):
            assert paragraph.style.paragraph_format.keep_with_next
            source, caption = paragraphs[index + 1], paragraphs[index + 2]
            assert source.text.startswith("资料来源：") and source.style.name == "Chart Source", "the source line as text"
            assert source.style.paragraph_format.keep_with_next
            assert caption.text.startswith("图")
            assert caption.style.paragraph_format.keep_with_next, "the caption keeps with its note"


def test_key_figure_tables_list_the_figures_no_chart_shows(document):
    captions = [p.text for p in document.paragraphs if any(i.startswith("SEQ 表") for i in field_instructions(p))]
    assert captions == ["表1\u3000科技创新其他数据"], "营商环境's charts show all its figures: it has no table"
    (table,) = data_tables(document)
    assert [cell.text for cell in table.rows[0].cells] == ["指标", "数值", "时间", "来源"]
    assert [[cell.text for cell in row.cells] for row in table.rows[1:]] == [
        ["销售收入年增幅", "30%以上", "近几年", "[1]"], ["日均私家车", "600多台", "2022年五一假期", "[2]"],
    ]


def test_a_table_with_a_change_column_when_a_figure_has_one():
    raw = mini_raw()
    raw["themes"][0]["charts"] = [chart for chart in raw["themes"][0]["charts"] if chart["kind"] != "tile"]
    document = Document(io.BytesIO(docx_of(report_of(raw))))
    captions = [p.text for p in document.paragraphs if any(i.startswith("SEQ 表") for i in field_instructions(p))]
    assert captions[0] == "表1\u3000营商环境其他数据"
    first = data_tables(document)[0]
    assert [cell.text for cell in first.rows[0].cells] == ["指标", "数值", "变化", "时间", "来源"]
    assert [cell.text for cell in first.rows[1].cells] == ["企业一季度营业收入", "约12.5亿元", "同比增长48%", "2022年一季度", "[2]"]


def test_table_rows_repeat_the_header_and_never_split(document):
    for table in data_tables(document):
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for row in table.rows[1:]:
            assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert table.rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next, "the header stays with the first row"


def test_a_short_table_stays_on_one_page_and_a_long_one_may_split_under_its_repeated_header(beibei):
    _, document = beibei
    for table in data_tables(document):
        keeps = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in table.rows]
        if len(table.rows) - 1 <= 6:
            assert all(keeps)
        else:
            assert keeps[0] and not all(keeps[1:-1])
        assert keeps[-1], "the last row stays with the note under the table"


def test_tables_fit_the_text_width(document):
    for table in document.tables:
        widths = [cell.width for cell in table.rows[0].cells]
        assert abs(sum(widths) - Mm(156)) <= Mm(0.5)


def test_sources_close_the_document_with_dates_written_the_chinese_way(document):
    texts = [p.text for p in document.paragraphs]
    start = texts.index("资料来源")
    assert texts[start + 1:] == ["[1] 张三：《示例报道甲》，示例日报，2021年5月。", "[2] 《示例报道乙》，2022年。"]
    entries = document.paragraphs[start + 1:]
    assert entries[0].paragraph_format.keep_with_next, "the list is kept together"
    assert document.paragraphs[-1].text, "the document ends on text, never on an empty paragraph"


# -- sources of the figures quoted in the text ----------------------------------


def cited_after(text: str, position: int) -> set[int]:
    """Return the source numbers of the first reference mark at or after `position`."""
    match = CITATION.search(text, position)
    if match is None:
        return set()
    numbers: set[int] = set()
    for part in match.group(1).split(","):
        low, _, high = part.partition("-")
        numbers.update(range(int(low), int(high or low) + 1))
    return numbers


def uncited_figures(report: Report, document) -> list[str]:
    """Every figure written in a paragraph of text must be followed, in that paragraph, by a mark citing its source.

    Two figures can be written alike (10余所 in both articles); a mention
    then counts as cited when the mark cites the source of either.
    """
    numbers = {source.id: n for n, source in enumerate(report.sources, start=1)}
    sources_of: dict[str, set[int]] = {}
    for _, figure in report.all_figures():
        sources_of.setdefault(write_figure(figure), set()).add(numbers[figure.source])
    problems = []
    for paragraph in document.paragraphs:
        if paragraph.style.name not in ("Normal", "Chart Note"):
            continue
        text = paragraph.text
        for written, sources in sources_of.items():
            for match in re.finditer(re.escape(written), text):
                start = match.start()
                if start > 0 and text[start - 1].isdigit() or written[0] == "." or (start > 0 and text[start - 1] == "."):
                    continue  # 33个 inside 133个, 5亿 inside 2.5亿
                if not sources & cited_after(text, match.end()):
                    problems.append(f"{written} in: {without_citations(text)[:40]}")
    return problems


def test_every_figure_quoted_in_the_text_cites_its_source(document, report):
    assert uncited_figures(report, document) == []


def test_every_figure_quoted_in_the_default_briefing_cites_its_source_with_brackets():
    from report_gen.data.load import load_report

    report = load_report(BEIBEI)
    report = report.model_copy(update={"style": report.style.model_copy(update={
        "briefing": report.style.briefing.model_copy(update={"citations": Citations.BRACKETS})})})
    document = Document(io.BytesIO(docx_of(report)))
    assert uncited_figures(report, document) == []


def test_a_reference_mark_is_superscript_and_points_into_the_sources_list(document):
    marks = [run for p in document.paragraphs for run in p.runs if CITATION.fullmatch(run.text)]
    assert marks and all(run.style.name == "Citation" and run.style.font.superscript for run in marks)
    listed = {p.text.split(" ")[0] for p in document.paragraphs if re.match(r"\[\d+\] ", p.text)}
    for run in marks:
        for number in cited_after(run.text, 0):
            assert f"[{number}]" in listed


def test_a_sentence_quoting_two_sources_cites_both_once(document):
    note = next(p for p in document.paragraphs if p.text.startswith("营商环境的三个关键数字"))
    assert note.text == "营商环境的三个关键数字\u2060[1,2]。"


# -- table of contents ------------------------------------------------------------


def contents_entries(document):
    return [p for p in document.paragraphs if p.style.name.startswith("toc")]


def test_a_short_briefing_has_no_contents(document):
    assert contents_entries(document) == []


def test_the_default_briefing_has_no_contents_page_under_thirty_pages():
    from report_gen.data.load import load_report

    report = load_report(BEIBEI)
    assert report.style.briefing.toc is None and report.style.briefing.toc_above_pages == 30
    document, estimate = briefing_document(report, Narrative(report), stand_in_charts(report))
    assert estimate.pages <= 30 and contents_entries(document) == []
    assert "目\u3000录" not in [p.text for p in document.paragraphs]


def test_a_jianbao_never_gets_contents_even_when_asked_for():
    from report_gen.briefing import wants_contents
    from report_gen.data.style import BriefingPreset, BriefingStyle

    assert not wants_contents(BriefingStyle(toc=True), 50, BriefingPreset.JIANBAO)
    assert not wants_contents(BriefingStyle(preset=BriefingPreset.JIANBAO), 50)
    assert wants_contents(BriefingStyle(toc=True), 2) and wants_contents(BriefingStyle(), 31)
    assert not wants_contents(BriefingStyle(), 30)


def test_the_contents_field_is_marked_to_be_updated_when_the_file_opens(beibei_built):
    _, document, _, reopened = beibei_built
    begin = contents_entries(reopened)[0]._p.find(f".//{qn('w:fldChar')}")
    assert begin.get(qn("w:fldCharType")) == "begin" and begin.get(qn("w:dirty")) == "true"
    update = reopened.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_without_contents_fields_are_not_updated_on_opening(document):
    assert document.settings.element.find(qn("w:updateFields")) is None


def test_a_long_briefing_gets_contents_listing_its_level_1_headings_with_page_numbers(beibei):
    report, document = beibei
    entries = contents_entries(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [entry.text.split("\t")[0] for entry in entries] == headings
    assert field_instructions(entries[0]) == ['TOC \\o "1-1" \\h \\z \\u']
    pages = [int(entry.text.split("\t")[1]) for entry in entries]
    assert pages[0] == 2 and pages == sorted(pages), "the body starts on page 2, after the title and contents"


def test_the_contents_page_numbers_are_those_of_the_layout_estimate(beibei_built):
    _, document, estimate, _ = beibei_built
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    pages = [int(entry.text.split("\t")[1]) for entry in contents_entries(document)]
    assert pages == [estimate.page_of(heading._p) for heading in headings]
    assert 15 <= estimate.pages <= 40


def test_with_contents_the_first_page_is_a_cover_without_a_number(beibei):
    report, document = beibei
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_footer.paragraphs[0].text == ""
    texts = [p.text for p in document.paragraphs]
    addressee = document.paragraphs[texts.index(report.report.addressee + "：")]
    assert addressee.paragraph_format.page_break_before, "the body, opened by the 主送, starts on page 2"
    assert document.paragraphs[texts.index(addressee.text) + 1].style.name == "Heading 1"


def test_contents_can_be_forced_on_and_list_two_levels():
    raw = mini_raw()
    raw["style"] = {"briefing": {"toc": True, "toc_levels": 2}}
    document = Document(io.BytesIO(docx_of(report_of(raw))))
    entries = [p.text.split("\t")[0] for p in contents_entries(document)]
    assert entries == ["一、党建引领营商环境", "典型案例", "二、党建引领科技创新", "资料来源"]


def test_contents_can_be_turned_off_for_a_long_briefing():
    from report_gen.data.load import load_report

    report = load_report(BEIBEI)
    raw = report.model_dump(mode="json", exclude_defaults=True)
    raw["style"] = {"briefing": {"toc": False, "toc_above_pages": 10}}
    document = Document(io.BytesIO(docx_of(report_of(raw))))
    assert contents_entries(document) == []


# -- the red header (版头) -----------------------------------------------------------


@pytest.fixture(scope="module")
def with_header():
    raw = mini_raw()
    raw["report"]["issuer_mark"] = "中共示例区委组织部文件"
    report = report_of(raw)
    return Document(io.BytesIO(docx_of(report)))


def test_the_header_carries_the_issuer_mark_in_red_the_number_and_a_red_rule(with_header):
    mark, number = with_header.paragraphs[:2]
    assert mark.text == "中共示例区委组织部文件" and mark.style.name == "Issuer Mark"
    assert str(mark.style.font.color.rgb) == "FF0000"
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER or mark.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert number.text == "示例组〔2021〕5号"
    rule = number._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule is not None and rule.get(qn("w:color")) == "FF0000"
    assert with_header.paragraphs[2].text == "示例区党建工作简报"


def test_the_issuer_mark_s_top_lies_35_mm_below_the_type_area_s_top(with_header):
    """GB/T 9704 7.2.2: the space before the mark, plus half the leading of its exact line above the characters."""
    mark = with_header.paragraphs[0]
    line, size = mark.paragraph_format.line_spacing, mark.runs[0].font.size
    assert mark.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(mark.paragraph_format.space_before + (line - size) / 2 - Mm(35)) <= Pt(0.05)


def test_the_issuer_mark_fits_on_one_line(with_header):
    mark = with_header.paragraphs[0]
    size = mark.runs[0].font.size
    assert size * len(mark.text) <= Mm(156)


def test_with_a_header_the_issuer_and_date_sign_off_the_body(with_header):
    texts = [p.text for p in with_header.paragraphs]
    sources = texts.index("资料来源")
    assert texts[sources - 2:sources] == ["示例区委组织部", "2021年5月1日"]
    issuer, dated = with_header.paragraphs[sources - 2:sources]
    assert dated.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # GB/T 9704 7.3.5.1: an issuer longer than the date sits two characters in from the right,
    # and the date starts two characters to the right of where the issuer starts.
    char = Pt(15.75)
    issuer_starts = issuer.paragraph_format.right_indent + 7 * char  # 示例区委组织部
    date_starts = dated.paragraph_format.right_indent + 6 * char  # 2021年5月1日: 4 characters, 4 half-width digits
    assert issuer.paragraph_format.right_indent == 2 * char
    assert abs(issuer_starts - date_starts - 2 * char) < Pt(0.1)


def test_a_short_issuer_is_centred_over_the_date_four_characters_in():
    raw = mini_raw()
    raw["report"].update(issuer_mark="示例区委组织部文件", issuer="示例区委")
    document = Document(io.BytesIO(docx_of(report_of(raw))))
    texts = [p.text for p in document.paragraphs]
    issuer, dated = document.paragraphs[texts.index("资料来源") - 2:texts.index("资料来源")]
    char = Pt(15.75)
    assert dated.paragraph_format.right_indent == 4 * char
    assert abs(issuer.paragraph_format.right_indent - (4 + (6 - 4) / 2) * char) < Pt(0.1)


def test_without_an_issuer_mark_there_is_no_red_header(document):
    assert not any(p.style.name == "Issuer Mark" for p in document.paragraphs)
    assert "FF0000" not in document.element.xml


# -- settings reach the document ------------------------------------------------------


def test_the_compact_preset_changes_the_page_grid_and_type():
    raw = mini_raw()
    raw["style"] = {"briefing": {"preset": "compact"}}
    document = Document(io.BytesIO(docx_of(report_of(raw))))
    section = document.sections[0]
    assert abs(section.top_margin - Mm(30)) <= Mm(1)
    assert section._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "483"
    assert document.styles["Normal"].font.size == Pt(14)
    assert document.styles["Briefing Title"].font.size == Pt(18)
    for shape in document.inline_shapes:
        assert abs(shape.width - Mm(130)) <= Mm(0.5)


def test_changed_fonts_reach_every_role():
    raw = mini_raw()
    raw["report"]["issuer_mark"] = "示例区委组织部"
    raw["style"] = {"briefing": {"fonts": {"title": "华文中宋", "heading1": "思源黑体", "heading3": "楷体", "page_number": "仿宋"}}}
    styles = part_xml(docx_of(report_of(raw)), "word/styles.xml")
    assert east_asia_of_style(styles, "BriefingTitle") == "华文中宋"
    assert east_asia_of_style(styles, "IssuerMark") == "华文中宋"
    assert east_asia_of_style(styles, "Heading1") == "思源黑体"
    assert east_asia_of_style(styles, "CaseTitle") == "楷体"
    assert east_asia_of_style(styles, "Footer") == "仿宋"


# -- the file -----------------------------------------------------------------


def test_the_same_input_gives_the_same_bytes(report, charts, docx_bytes):
    assert briefing_bytes(report, Narrative(report), charts) == docx_bytes


def test_properties_describe_the_report(document):
    properties = document.core_properties
    assert properties.title == "示例区党建工作简报"
    assert properties.author == "示例区委组织部"
    assert properties.language == "zh-CN"


def test_a_missing_chart_image_is_a_build_error(report, charts):
    partial = {key: value for key, value in charts.items() if key != "problems"}
    with pytest.raises(BuildError, match="problems"):
        briefing_bytes(report, Narrative(report), partial)


def test_the_file_passes_the_ooxml_schemas(tmp_path):
    """With every optional part: the red header, the contents, the signature, reference marks."""
    audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "mini.docx"
    raw = mini_raw()
    raw["report"]["issuer_mark"] = "中共示例区委组织部文件"
    raw["style"] = {"briefing": {"toc": True}}
    path.write_bytes(docx_of(report_of(raw)))
    result = audit.OpenXmlValidator().validate(str(path))
    assert result.is_valid, [str(error) for error in result.errors]


def test_no_stale_copy_of_the_styles_is_left(docx_bytes):
    names = zipfile.ZipFile(io.BytesIO(docx_bytes)).namelist()
    assert "word/stylesWithEffects.xml" not in names


def test_a_report_without_templates_of_its_own_writes_every_figure_and_no_tile_as_a_picture():
    report = report_of(yaml.safe_load((FIXTURES / "township.yaml").read_text(encoding="utf-8")))
    document = Document(io.BytesIO(docx_of(report)))
    text = all_text(document)
    assert [figure.id for _, figure in report.all_figures() if write_figure(figure) not in text] == []
    tiles = [chart for _, chart in report.all_charts() if chart.kind is ChartKind.TILE]
    assert len(document.inline_shapes) == len(report.all_charts()) - len(tiles)
    assert len(key_figure_panels(document)) == len(tiles)
    assert "见表None" not in text and "其他数据见表1" in text


def test_the_default_briefing_numbers_no_level_with_a_single_item(tmp_path):
    """GB/T 9704 7.3.3 as `check` reads it: no lone （一）, 1. or note label, and every level counts from 1."""
    from report_gen.data.load import load_report
    from report_gen.proof.check import check_document

    report = load_report(BEIBEI)
    path = tmp_path / "beibei.docx"
    path.write_bytes(docx_of(report))
    findings = [f for f in check_document(path).findings if f.rule.id in ("gw.lone-label", "gw.sequence")]
    assert [f.line() for f in findings] == []
    document = Document(path)
    assert "典型案例" in [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
