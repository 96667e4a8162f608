"""The Word briefing, reopened with python-docx and checked as a reader would see it."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from matplotlib.figure import Figure as MplFigure

from report_gen.briefing import BriefingFonts, briefing_bytes, chinese_numeral
from report_gen.errors import BuildError
from report_gen.model import Report
from report_gen.narrative import Narrative
from report_gen.numbers import write_figure

MINI = Path(__file__).parent / "data" / "mini.yaml"
FONTS = BriefingFonts()


@dataclass(frozen=True)
class StandInChart:
    """Has the attributes of report_gen.charts.RenderedChart that the briefing reads."""

    chart_id: str
    png: bytes
    width_mm: float
    height_mm: float
    dpi: int
    alt_text: str


def stand_in_png(width_mm: float, height_mm: float, dpi: int) -> bytes:
    figure = MplFigure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=dpi)
    axes = figure.add_subplot()
    axes.bar(["a", "b"], [3, 5])
    stream = io.BytesIO()
    figure.savefig(stream, format="png", dpi=dpi)
    return stream.getvalue()


@pytest.fixture(scope="module")
def report() -> Report:
    return Report.model_validate(yaml.safe_load(MINI.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def charts(report):
    png = stand_in_png(156, 96, 100)
    return {
        chart.id: StandInChart(chart.id, png, 156, 96, 100, f"{chart.title}：示意图")
        for _, chart in report.all_charts()
    }


@pytest.fixture(scope="module")
def docx_bytes(report, charts) -> bytes:
    return briefing_bytes(report, Narrative(report), charts)


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


def part_xml(docx_bytes: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(docx_bytes)).read(name).decode("utf-8")


def all_text(document) -> str:
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def field_instructions(paragraph) -> list[str]:
    return [node.text.strip() for node in paragraph._p.iter(qn("w:instrText"))]


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


def test_highlights_and_cases_are_level_2_subsections(document):
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert level2 == ["（一）工作亮点", "（二）典型案例"]
    texts = [p.text for p in document.paragraphs]
    assert "1.政务服务中心进驻事项达到1000余项。" in texts
    case = next(p for p in document.paragraphs if p.text.startswith("1.直通车解难题。"))
    assert case.runs[0].style.name == "Case Title"
    assert "一家养老企业需要加装电梯" in case.text


def test_narrative_paragraphs_are_in_the_body(document):
    texts = [p.text for p in document.paragraphs]
    assert any("分别如图1、图2、图3所示" in text for text in texts)


# -- page ---------------------------------------------------------------------


def test_page_is_a4_with_gb_t_9704_margins(document):
    for section in document.sections:
        for measured, expected in [
            (section.page_width, 210), (section.page_height, 297),
            (section.top_margin, 37), (section.bottom_margin, 35),
            (section.left_margin, 28), (section.right_margin, 26),
        ]:
            assert abs(measured - Mm(expected)) <= Mm(1)


def test_footer_holds_a_page_field_between_dashes(document):
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    assert any(instr.startswith("PAGE") for instr in field_instructions(paragraph))
    assert paragraph.text == "— 1 —"
    assert paragraph.style.font.size == Pt(14)


# -- fonts and language -------------------------------------------------------


def east_asia_of_style(styles_xml: str, style_id: str) -> str:
    match = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles_xml, re.S)
    assert match, style_id
    fonts = re.search(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', match.group(0))
    assert fonts, f"{style_id} names no East Asian font"
    return fonts.group(1)


def test_styles_name_east_asian_fonts(docx_bytes):
    styles = part_xml(docx_bytes, "word/styles.xml")
    assert east_asia_of_style(styles, "Normal") == FONTS.body
    assert east_asia_of_style(styles, "Heading1") == FONTS.heading1
    assert east_asia_of_style(styles, "Heading2") == FONTS.heading2
    assert east_asia_of_style(styles, "Caption") == FONTS.heading2
    assert east_asia_of_style(styles, "TableGrid") == FONTS.body
    assert east_asia_of_style(styles, "Footer") == FONTS.page_number
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


def test_body_is_3hao_with_two_character_indent_and_exact_line_pitch(document, docx_bytes):
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.first_line_indent == Pt(32)
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    styles = part_xml(docx_bytes, "word/styles.xml")
    normal_xml = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    assert re.search(r'<w:spacing [^>]*w:line="579" w:lineRule="exact"', normal_xml)


# -- figures, pictures, captions, tables --------------------------------------


def test_every_figure_is_written_in_the_document(document, report):
    text = all_text(document)
    for _, figure in report.all_figures():
        assert write_figure(figure) in text, figure.id


def test_one_picture_per_chart_with_alt_text(document, docx_bytes, report, charts):
    assert len(document.inline_shapes) == len(report.all_charts())
    body = part_xml(docx_bytes, "word/document.xml")
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
    assert descriptions == [charts[chart.id].alt_text for _, chart in report.all_charts()]
    for shape in document.inline_shapes:
        assert abs(shape.width - Mm(156)) <= Mm(0.5)


def test_figure_captions_are_numbered_by_seq_fields_in_order(document, report):
    captions = [p for p in document.paragraphs if any(i.startswith("SEQ 图") for i in field_instructions(p))]
    expected = [f"图{n}\u3000{chart.title}" for n, (_, chart) in enumerate(report.all_charts(), start=1)]
    assert [p.text for p in captions] == expected
    assert all(p.style.name == "Caption" for p in captions)


def test_each_picture_keeps_with_its_caption(document):
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph._p.findall(".//" + qn("w:drawing")):
            assert paragraph.style.paragraph_format.keep_with_next
            assert paragraphs[index + 1].text.startswith("图")


def test_key_figure_tables_are_numbered_and_headed(document):
    captions = [p.text for p in document.paragraphs if any(i.startswith("SEQ 表") for i in field_instructions(p))]
    assert captions == ["表1\u3000营商环境主要数据", "表2\u3000科技创新主要数据"]
    first, second = document.tables
    assert [cell.text for cell in first.rows[0].cells] == ["指标", "数值", "变化", "时间", "来源"]
    assert [cell.text for cell in second.rows[0].cells] == ["指标", "数值", "时间", "来源"]
    assert [cell.text for cell in first.rows[1].cells] == ["企业一季度营业收入", "约12.5亿元", "同比增长48%", "2022年一季度", "[2]"]


def test_table_rows_repeat_the_header_and_never_split(document):
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for row in table.rows[1:]:
            assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_sources_close_the_document_with_dates_written_the_chinese_way(document):
    texts = [p.text for p in document.paragraphs]
    start = texts.index("资料来源")
    assert texts[start + 1:] == ["[1] 张三：《示例报道甲》，示例日报，2021年5月。", "[2] 《示例报道乙》，2022年。"]


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


@pytest.mark.parametrize("number, written", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_section_numbers_are_chinese_numerals(number, written):
    assert chinese_numeral(number) == written


def test_the_file_passes_the_ooxml_schemas(docx_bytes, tmp_path):
    audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "mini.docx"
    path.write_bytes(docx_bytes)
    result = audit.OpenXmlValidator().validate(str(path))
    assert result.is_valid, [str(error) for error in result.errors]


def test_no_stale_copy_of_the_styles_is_left(docx_bytes):
    names = zipfile.ZipFile(io.BytesIO(docx_bytes)).namelist()
    assert "word/stylesWithEffects.xml" not in names
