"""Native charts from one home: the chart part and workbook report_gen writes, as the deck and the Word briefing
embed them, reopened with python-pptx, python-docx and openpyxl, checked against the schemas and by LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn as docx_qn
from lxml import etree
from pptx import Presentation
from pptx.shapes.graphfrm import GraphicFrame

from tests.helpers import FIXTURES, MINI, rendering_missing
from report_gen.briefing import briefing_bytes
from report_gen.charts import BRIEFING, alt_text, render_charts
from report_gen.briefing.native_chart import paged_chart
from report_gen.charts.native import native_plan
from report_gen.charts.size import plot_height_mm, source_band_mm
from report_gen.plan import plan_chart
from report_gen.cli import main
from report_gen.data.load import load_report
from report_gen.data.model import ChartKind, Report
from report_gen.deck.builder import deck_bytes
from report_gen.fonts.chart_font import find_cjk_font
from report_gen.narrative.narrative import Narrative
from report_gen.ooxml.chart_description import ChartLook
from report_gen.ooxml.chart_workbook import chart_workbook
from report_gen.ooxml.chart_xml import C_NS, chart_xml

BULLETIN = FIXTURES / "bulletin.yaml"
C = {"c": C_NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
LOOK = ChartLook("黑体", "黑体", 10.5)
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


@pytest.fixture(scope="module")
def bulletin() -> Report:
    return load_report(BULLETIN)


@pytest.fixture(scope="module")
def mini() -> Report:
    return load_report(MINI)


def chart_in(report: Report, chart_id: str):
    return next(chart for _, chart in report.all_charts() if chart.id == chart_id)


def part_of(report: Report, chart_id: str) -> etree._Element:
    chart = chart_in(report, chart_id)
    plan = native_plan(chart, list(plan_chart(report, chart).figures))
    return etree.fromstring(chart_xml(plan.chart, LOOK, "rId1"))


# -- the chart part ------------------------------------------------------------------


def test_a_bar_line_chart_is_one_part_with_a_bar_chart_and_a_line_chart_on_two_value_axes(bulletin):
    space = part_of(bulletin, "gdp_growth")
    plot_area = space.find("c:chart/c:plotArea", C)
    bar, line = plot_area.find("c:barChart", C), plot_area.find("c:lineChart", C)
    assert bar is not None and line is not None
    value_axes = plot_area.findall("c:valAx", C)
    assert len(value_axes) == 2
    bar_axes = [a.get("val") for a in bar.findall("c:axId", C)]
    line_axes = [a.get("val") for a in line.findall("c:axId", C)]
    assert set(bar_axes).isdisjoint(line_axes), "the line is measured on axes of its own"
    second = next(axis for axis in value_axes if axis.find("c:axId", C).get("val") in line_axes)
    assert second.find("c:axPos", C).get("val") == "r" and second.find("c:crosses", C).get("val") == "max"
    rates = [float(v.text) for v in line.iterfind("c:ser/c:val//c:v", C)]
    assert rates == [3.9, 8.1, 2.6, 5.6, 5.3]
    assert [v.text for v in line.iterfind("c:ser/c:tx//c:v", C)] == ["增长速度（%）"]
    assert [v.text for v in bar.iterfind("c:ser/c:tx//c:v", C)] == ["地区生产总值（亿元）"]
    formats = [f.get("formatCode") for f in bar.iterfind("c:ser/c:dLbls/c:dLbl/c:numFmt", C)]
    assert formats == ['General"亿元"'] * 5, "bar labels follow an edited value"


def test_a_stacked_chart_is_one_bar_a_period_split_into_its_parts(bulletin):
    space = part_of(bulletin, "industry_structure")
    bar = space.find("c:chart/c:plotArea/c:barChart", C)
    assert bar.find("c:grouping", C).get("val") == "stacked"
    assert bar.find("c:overlap", C).get("val") == "100"
    assert [v.text for v in bar.iterfind("c:ser/c:tx//c:v", C)] == ["第一产业", "第二产业", "第三产业"]
    assert [v.text for v in bar.find("c:ser/c:cat", C).iter(f"{{{C_NS}}}v")] == ["2020年", "2024年"]
    fills = [ser.find("c:spPr/*", C).tag.split("}")[1] for ser in bar.findall("c:ser", C)]
    assert fills == ["solidFill", "pattFill", "solidFill"], "the middle grey is hatched, as in the image"
    positions = {p.get("val") for p in bar.iterfind(".//c:dLblPos", C)}
    assert positions == {"ctr"}, "the schema's stacked bars have no outside end"


def test_a_line_chart_has_a_series_per_short_label_with_its_own_dash_and_marker(bulletin):
    line = part_of(bulletin, "income_lines").find("c:chart/c:plotArea/c:lineChart", C)
    series = line.findall("c:ser", C)
    assert [s.find("c:tx//c:v", C).text for s in series] == ["城镇居民", "农村居民"]
    assert [s.find("c:marker/c:symbol", C).get("val") for s in series] == ["square", "circle"]
    assert [s.find("c:spPr/a:ln/a:prstDash", C) is not None for s in series] == [True, False]
    values = [[float(v.text) for v in s.iterfind("c:val//c:v", C)] for s in series]
    assert values == [[4.123, 4.318, 4.502], [1.987, 2.115, 2.246]], "in 万元, as the axis counts"


def test_chart_text_names_its_east_asian_font_and_language(bulletin):
    space = part_of(bulletin, "retail_line")
    eas = {ea.get("typeface") for ea in space.iter(f"{{{C['a']}}}ea")}
    assert eas == {"黑体"}
    assert space.find("c:lang", C).get("val") == "zh-CN"


def test_the_workbook_holds_the_categories_and_every_series(bulletin):
    chart = chart_in(bulletin, "gdp_growth")
    plan = native_plan(chart, list(plan_chart(bulletin, chart).figures))
    blob = chart_workbook(plan.chart, dt.date(2025, 3, 20))
    sheet = openpyxl.load_workbook(io.BytesIO(blob))["Sheet1"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [None, "地区生产总值（亿元）", "增长速度（%）"]
    assert rows[1:] == [["2020年", 286.4, 3.9], ["2021年", 312.7, 8.1], ["2022年", 321.5, 2.6],
                        ["2023年", 340.2, 5.6], ["2024年", 357.9, 5.3]]
    assert chart_workbook(plan.chart, dt.date(2025, 3, 20)) == blob, "the same chart gives the same bytes"


def test_tiles_have_no_native_chart(mini):
    tile = next(chart for _, chart in mini.all_charts() if chart.kind is ChartKind.TILE)
    with pytest.raises(ValueError, match="has no native chart"):
        native_plan(tile, list(plan_chart(mini, tile).figures))


# -- in the deck -------------------------------------------------------------------


@pytest.fixture(scope="module")
def native_deck(bulletin) -> Presentation:
    return Presentation(io.BytesIO(deck_bytes(bulletin, {}, chart_mode="native")))


def chart_frames(prs) -> dict[str, GraphicFrame]:
    return {shape.name: shape for slide in prs.slides for shape in slide.shapes
            if isinstance(shape, GraphicFrame) and shape.has_chart}


def test_the_deck_carries_the_new_kinds_as_powerpoint_charts_it_reads_back(native_deck, bulletin):
    frames = chart_frames(native_deck)
    assert sorted(frames) == sorted(f"Chart {chart.id}" for _, chart in bulletin.all_charts())
    gdp = frames["Chart gdp_growth"].chart
    assert [plot.__class__.__name__ for plot in gdp.plots] == ["BarPlot", "LinePlot"]
    assert list(gdp.plots[0].categories) == ["2020年", "2021年", "2022年", "2023年", "2024年"]
    assert list(gdp.plots[1].series[0].values) == [3.9, 8.1, 2.6, 5.6, 5.3]
    workbook = gdp.part.chart_workbook.xlsx_part.blob
    assert openpyxl.load_workbook(io.BytesIO(workbook))["Sheet1"]["B6"].value == 357.9
    for frame in frames.values():
        descr = frame._element.nvGraphicFramePr.cNvPr.get("descr")
        assert descr == alt_text(chart_in(bulletin, frame.name.removeprefix("Chart ")), bulletin)


def test_the_deck_with_the_new_kinds_has_no_schema_errors(bulletin, tmp_path):
    audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "bulletin.pptx"
    path.write_bytes(deck_bytes(bulletin, {}, chart_mode="native"))
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(e) for e in result.errors if e.error_type.value == "schema"] == []


# -- in the Word briefing ------------------------------------------------------------


def native_briefing(report: Report, **kwargs) -> bytes:
    return briefing_bytes(report, Narrative(report), {}, chart_mode="native", **kwargs)


@pytest.fixture(scope="module")
def native_docx(bulletin) -> bytes:
    return native_briefing(bulletin)


def inline_charts(document) -> list[etree._Element]:
    return [inline for inline in document.element.body.iter(docx_qn("wp:inline"))
            if inline.find(f".//{{{C_NS}}}chart") is not None]


def test_every_chart_is_a_word_chart_with_its_data_in_an_embedded_workbook(native_docx, bulletin):
    document = Document(io.BytesIO(native_docx))
    inlines = inline_charts(document)
    assert len(inlines) == len(bulletin.all_charts())
    assert not document.inline_shapes or all(shape.type != 3 for shape in document.inline_shapes), "no pictures"
    with zipfile.ZipFile(io.BytesIO(native_docx)) as archive:
        names = archive.namelist()
        content_types = archive.read("[Content_Types].xml").decode()
        assert [n for n in names if n.startswith("word/charts/chart")] == [f"word/charts/chart{i}.xml" for i in range(1, 6)]
        assert f'PartName="/word/charts/chart1.xml" ContentType="{CHART_CONTENT_TYPE}"' in content_types
        rels = archive.read("word/charts/_rels/chart1.xml.rels").decode()
        assert "relationships/package" in rels and "../embeddings/Microsoft_Excel_Worksheet1.xlsx" in rels
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")))["Sheet1"]
        assert [sheet.cell(row, 2).value for row in range(2, 7)] == [286.4, 312.7, 321.5, 340.2, 357.9]
        part = etree.fromstring(archive.read("word/charts/chart1.xml"))
        assert part.find("c:externalData", C) is not None


def test_a_word_chart_keeps_its_alt_text_caption_and_source_line(native_docx, bulletin):
    document = Document(io.BytesIO(native_docx))
    first = inline_charts(document)[0]
    assert first.find(docx_qn("wp:docPr")).get("descr") == alt_text(chart_in(bulletin, "gdp_growth"), bulletin)
    texts = [p.text for p in document.paragraphs]
    at = next(i for i, p in enumerate(document.paragraphs) if inline_charts_in(p))
    assert texts[at - 1] == "单位：亿元"
    assert texts[at + 1] == "资料来源：《示例县2024年国民经济和社会发展统计公报》"
    assert texts[at + 2] == "图1\u30002020—2024年地区生产总值及其增长速度"
    assert texts[at + 3].startswith("五年间地区生产总值逐年增加")


def inline_charts_in(paragraph) -> bool:
    return any(inline.find(f".//{{{C_NS}}}chart") is not None for inline in paragraph._p.iter(docx_qn("wp:inline")))


def test_pictures_stay_the_default_and_tiles_are_never_pictures(mini):
    images = render_charts(mini, find_cjk_font(), BRIEFING)
    tiles = [chart for _, chart in mini.all_charts() if chart.kind is ChartKind.TILE]
    default = Document(io.BytesIO(briefing_bytes(mini, Narrative(mini), images)))
    assert inline_charts(default) == [] and len(default.inline_shapes) == len(mini.all_charts()) - len(tiles)
    native = Document(io.BytesIO(briefing_bytes(mini, Narrative(mini), images, chart_mode="native")))
    assert len(inline_charts(native)) == len(mini.all_charts()) - len(tiles)
    pictures = [shape for shape in native.inline_shapes if shape._inline.find(f".//{{{C_NS}}}chart") is None]
    assert pictures == [], "a tile chart is a panel of text in either mode"
    for document in (default, native):
        texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert "约12.5亿元" in "".join(texts)


def test_the_data_file_can_ask_for_word_charts(bulletin):
    data = bulletin.model_dump(mode="json", exclude_none=True)
    data["style"]["briefing"]["charts"] = "native"
    report = Report.model_validate(data)
    document = Document(io.BytesIO(briefing_bytes(report, Narrative(report), {})))
    assert len(inline_charts(document)) == len(report.all_charts())


def test_two_native_briefings_are_the_same_bytes(native_docx, bulletin):
    assert native_briefing(bulletin) == native_docx


@pytest.mark.parametrize("name", ["bulletin", "mini"])
def test_native_word_charts_have_no_schema_errors(name, bulletin, mini, tmp_path):
    audit = pytest.importorskip("openxml_audit")
    report = bulletin if name == "bulletin" else mini
    path = tmp_path / f"{name}.docx"
    if name == "mini":
        path.write_bytes(briefing_bytes(report, Narrative(report), render_charts(report, find_cjk_font(), BRIEFING),
                                        chart_mode="native"))
    else:
        path.write_bytes(native_briefing(report))
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(e) for e in result.errors if e.error_type.value == "schema"] == []


MISSING = rendering_missing()


@pytest.mark.skipif(MISSING is not None, reason=f"LibreOffice rendering not possible here: {MISSING}")
def test_libreoffice_draws_the_word_charts_with_their_numbers(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(BULLETIN), "--out", str(out), "--charts", "native", "--only", "docx", "--pdf", "--quiet"]) == 0
    pdf = out / "bulletin.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(text.split())
    for drawn in ("357.9亿元", "-3.8%", "49.8%", "45020元", "增长速度（%）", "第三产业"):
        assert drawn in compact, f"{drawn} is not on the rendered page"


def test_a_word_ring_has_its_share_in_the_middle_and_its_part_and_whole_written_over_it(mini):
    images = render_charts(mini, find_cjk_font(), BRIEFING)
    docx = briefing_bytes(mini, Narrative(mini), images, chart_mode="native")
    document = Document(io.BytesIO(docx))
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = [etree.fromstring(archive.read(name)) for name in archive.namelist() if name.startswith("word/charts/chart")]
    ring = next(part for part in parts if part.find(".//c:doughnutChart", C) is not None)
    assert "".join(t.text for t in ring.iterfind("c:chart/c:title//a:t", C)) == "61.9%"
    assert ring.find("c:chart/c:title/c:layout/c:manualLayout", C) is not None, "placed over the ring's middle"
    assert ring.find("c:chart/c:legend/c:legendPos", C).get("val") == "r"
    texts = [p.text for p in document.paragraphs]
    assert "已办结问题73个，收集企业问题118个，2022年5月" in texts


@pytest.mark.parametrize("data", [MINI, BULLETIN], ids=["mini", "bulletin"])
def test_a_word_chart_is_as_tall_as_the_picture_less_its_source_line(data):
    report = load_report(data)
    images = render_charts(report, find_cjk_font(), BRIEFING)
    for _, chart in report.all_charts():
        if chart.kind is ChartKind.TILE:
            continue
        planned = plan_chart(report, chart)
        word = paged_chart(chart, list(planned.figures), BRIEFING.width_mm)
        band = source_band_mm(planned.source_line, BRIEFING.width_mm, BRIEFING.base_font_pt)
        assert word.height_mm == plot_height_mm(chart, planned.figures, BRIEFING.width_mm, BRIEFING.base_font_pt)
        if chart.kind is not ChartKind.STACKED:  # a stacked picture trims itself to its bars
            assert abs(images[chart.id].height_mm - (word.height_mm + band)) < 1.0, chart.id


def _chart_of_kind(report: Report, kind: str) -> etree._Element:
    chart = next(chart for _, chart in report.all_charts() if chart.kind.value == kind)
    return part_of(report, chart.id)


def test_data_labels_never_wrap_so_a_number_keeps_its_unit(mini):
    part = _chart_of_kind(mini, "before_after")
    bodies = part.findall(".//c:dLbls//a:bodyPr", C) + part.findall(".//c:dLbl//a:bodyPr", C)
    assert bodies and all(body.get("wrap") == "none" for body in bodies)


def test_a_before_after_word_chart_keeps_the_arrow_between_its_bars(mini):
    chart = next(chart for _, chart in mini.all_charts() if chart.kind.value == "before_after")
    placed = paged_chart(chart, list(plan_chart(mini, chart).figures), 156)
    part = etree.fromstring(chart_xml(placed.chart, LOOK, "rId1"))
    line = part.find(".//c:lineChart", C)
    assert line is not None, "the arrow rides on a line plot over the bars"
    assert "→" in "".join(t.text for t in line.iterfind(".//c:dLbl//a:t", C))
    values = [v.text for v in part.find(".//c:barChart", C).iterfind(".//c:val//c:pt/c:v", C)]
    assert len(values) == 2, "the middle slot holds no bar"


def test_a_ring_legend_names_its_part_only_and_its_share_fits_the_hole(mini):
    from report_gen.briefing.native_chart import paged_chart

    chart = next(chart for _, chart in mini.all_charts() if chart.kind.value == "progress")
    placed = paged_chart(chart, list(plan_chart(mini, chart).figures), 156)
    part = etree.fromstring(chart_xml(placed.chart, LOOK, "rId1"))
    hidden = [entry.find("c:idx", C).get("val") for entry in part.iterfind(".//c:legend/c:legendEntry", C)
              if entry.find("c:delete", C).get("val") in ("1", "true")]
    assert hidden == ["1"], "the grey rest is not in the legend"
    size_pt = int(part.find("c:chart/c:title//a:rPr", C).get("sz")) / 100
    share = "".join(t.text for t in part.iterfind("c:chart/c:title//a:t", C))
    hole_pt = 0.5 * 0.9 * placed.height_mm * 72 / 25.4  # the hole LibreOffice draws, of a ring 0.9 of the height
    assert len(share) * 0.6 * size_pt <= 0.8 * hole_pt, (share, size_pt, hole_pt)
