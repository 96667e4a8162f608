"""The deck: built from mini.yaml, reopened with python-pptx, and checked as a reader sees it.

Charts are stand-ins drawn with matplotlib's object API, so these tests need no
CJK font and do not depend on how report_gen.charts draws.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.picture import Picture
from pptx.util import Emu, Inches

from conftest import MINI
from report_gen import numbers
from report_gen.deck import LINE_SPACING, DeckFonts, count_lines, deck_bytes, fit_text
from report_gen.model import Report

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
SLIDE_TITLE = "Slide title"


@dataclass(frozen=True)
class StandInChart:
    """Has what report_gen.charts.RenderedChart has."""

    chart_id: str
    png: bytes
    width_mm: float
    height_mm: float
    dpi: int
    alt_text: str


def stand_in_chart(chart_id: str, width_mm: float = 220, height_mm: float = 124, dpi: int = 40) -> StandInChart:
    figure = MplFigure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=dpi)
    FigureCanvasAgg(figure)
    figure.add_subplot().bar([0, 1, 2], [3, 1, 2], color="#C00000")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return StandInChart(chart_id, buffer.getvalue(), width_mm, height_mm, dpi, f"图表{chart_id}：三根柱子，第一根最高。")


def load(data: dict) -> Report:
    return Report.model_validate(data)


def mini_data() -> dict:
    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


def charts_for(report: Report) -> dict[str, StandInChart]:
    return {chart.id: stand_in_chart(chart.id) for _, chart in report.all_charts()}


def reopen(report: Report, **kwargs):
    return Presentation(io.BytesIO(deck_bytes(report, charts_for(report), **kwargs)))


def slide_title(slide) -> str:
    for shape in slide.shapes:
        if shape.name in (SLIDE_TITLE, "Title"):
            return shape.text_frame.text
    raise AssertionError("slide without a title")


def deck_text(prs) -> str:
    return "\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)


@pytest.fixture(scope="module")
def mini() -> Report:
    return load(mini_data())


@pytest.fixture(scope="module")
def prs(mini):
    return reopen(mini)


def test_slides_are_16_by_9(prs):
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    assert abs(prs.slide_width.inches - 13.333) < 0.001
    assert prs.slide_height.inches == 7.5


def test_slides_come_title_overview_themes_then_sources(prs, mini):
    expected = [mini.report.title, "工作概览"]
    for theme in mini.themes:
        expected += [f"{theme.short_title}｜{chart.title}" for chart in theme.charts]
        expected.append(f"{theme.short_title}｜关键数字")
    expected.append("资料来源")
    assert [slide_title(slide) for slide in prs.slides] == expected


def test_title_slide_shows_title_subtitle_issuer_and_written_date(prs, mini):
    texts = [shape.text_frame.text for shape in prs.slides[0].shapes if shape.has_text_frame]
    info = mini.report
    for wanted in (info.title, info.subtitle, info.issuer, "2021年5月1日"):
        assert wanted in texts


def test_overview_has_a_card_per_theme_with_its_first_figure(prs, mini):
    text = "\n".join(shape.text_frame.text for shape in prs.slides[1].shapes if shape.has_text_frame)
    for theme in mini.themes:
        assert theme.short_title in text
        assert numbers.write_figure(theme.figures[0]) in text
        assert theme.figures[0].axis_label in text


def test_every_chart_is_a_picture_described_by_its_alt_text(prs, mini):
    pictures = [shape for slide in prs.slides for shape in slide.shapes if isinstance(shape, Picture)]
    descriptions = [picture._element.nvPicPr.cNvPr.get("descr") for picture in pictures]
    assert descriptions == [f"图表{chart.id}：三根柱子，第一根最高。" for _, chart in mini.all_charts()]
    assert not any(description.endswith((".png", ".jpg")) for description in descriptions)


def test_pictures_keep_their_aspect_ratio_and_stay_on_the_slide(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if isinstance(shape, Picture):
                assert shape.width / shape.height == pytest.approx(220 / 124, rel=0.01)
                assert shape.left >= 0 and shape.top >= 0
                assert shape.left + shape.width <= prs.slide_width
                assert shape.top + shape.height <= prs.slide_height


def test_chart_caption_is_under_its_chart(prs, mini):
    chart_slides = [slide for slide in prs.slides if any(isinstance(shape, Picture) for shape in slide.shapes)]
    for slide, (_, chart) in zip(chart_slides, mini.all_charts()):
        picture = next(shape for shape in slide.shapes if isinstance(shape, Picture))
        caption = next(shape for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text == chart.caption)
        assert caption.top >= picture.top + picture.height


@pytest.mark.parametrize("written", ["约12.5亿元", "1000余项", "2.5万户", "30%以上", "600多台"])
def test_figures_are_written_the_chinese_way(prs, written):
    assert written in deck_text(prs)


def test_every_figure_appears_written_out_with_label_and_period(prs, mini):
    text = deck_text(prs)
    for _, figure in mini.all_figures():
        assert numbers.write_figure(figure) in text
        assert figure.label in text
        assert figure.period in text


def test_sources_slide_lists_title_authors_publication_and_date(prs):
    text = "\n".join(shape.text_frame.text for shape in prs.slides[-1].shapes if shape.has_text_frame)
    for wanted in ("示例报道甲", "张三", "示例日报", "2021年5月", "示例报道乙", "2022年"):
        assert wanted in text


def test_content_slides_have_issuer_and_slide_number_in_the_footer(prs, mini):
    for number, slide in enumerate(prs.slides, start=1):
        if number == 1:
            continue
        names = {shape.name: shape for shape in slide.shapes}
        assert names["Footer"].text_frame.text == mini.report.issuer
        field = names["Slide number"].text_frame._txBody.find(f".//{qn('a:fld')}")
        assert field.get("type") == "slidenum"
        assert field.findtext(qn("a:t")) == str(number)


def test_every_run_with_chinese_text_names_an_east_asian_font_and_chinese_language(prs):
    checked = 0
    for slide in prs.slides:
        for run in slide._element.iter(qn("a:r"), qn("a:fld")):
            if not CJK.search(run.findtext(qn("a:t")) or ""):
                continue
            rPr = run.find(qn("a:rPr"))
            ea = rPr.find(qn("a:ea"))
            assert ea is not None and ea.get("typeface") == "微软雅黑"
            assert rPr.get("lang") == "zh-CN"
            assert rPr.index(ea) == rPr.index(rPr.find(qn("a:latin"))) + 1, "a:ea must follow a:latin"
            checked += 1
    assert checked > 50


def test_theme_names_the_east_asian_font(prs):
    theme_part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    for font_set in ("a:majorFont", "a:minorFont"):
        fonts = theme.find(f".//{qn(font_set)}")
        assert fonts.find(qn("a:ea")).get("typeface") == "微软雅黑"
        assert fonts.find(qn("a:latin")).get("typeface") == "Arial"


def test_fonts_can_be_chosen(mini):
    prs = reopen(mini, fonts=DeckFonts(latin="Liberation Sans", east_asian="Noto Sans CJK SC"))
    typefaces = {ea.get("typeface") for ea in prs.slides[1]._element.iter(qn("a:ea"))}
    assert typefaces == {"Noto Sans CJK SC"}


def test_no_text_is_estimated_to_overflow_its_box(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            assert frame.word_wrap is not False or len(frame.paragraphs) == 1
            sizes = {run.font.size.pt for paragraph in frame.paragraphs for run in paragraph.runs}
            assert len(sizes) <= 1, f"{shape.name}: one size per box"
            size = sizes.pop() if sizes else 12
            lines = count_lines(frame.text, size, shape.width)
            assert lines * size * LINE_SPACING <= Emu(shape.height).pt + 0.01, shape.name
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height


def test_a_theme_with_many_figures_continues_on_further_key_figure_slides():
    data = mini_data()
    economy = data["themes"][0]
    template = economy["figures"][2]
    for index in range(7):
        economy["figures"].append({**template, "id": f"extra_{index}", "value": 100 + index, "label": f"补充指标{index}"})
    report = load(data)  # 13 figures: three slides of 5, 4 and 4 rather than 6, 6 and 1
    prs = reopen(report)
    key_slides = [slide for slide in prs.slides if slide_title(slide).startswith("营商环境｜关键数字")]
    assert [slide_title(slide) for slide in key_slides] == ["营商环境｜关键数字", "营商环境｜关键数字（续）", "营商环境｜关键数字（续）"]
    values = [sum(1 for shape in slide.shapes if shape.name.endswith(" value")) for slide in key_slides]
    assert values == [5, 4, 4]
    text = deck_text(prs)
    for figure in report.themes[0].figures:
        assert numbers.write_figure(figure) in text


def test_a_theme_without_charts_still_gets_its_key_figures_slide():
    data = mini_data()
    data["themes"][1]["charts"] = []
    prs = reopen(load(data))
    titles = [slide_title(slide) for slide in prs.slides]
    assert titles[-2:] == ["科技创新｜关键数字", "资料来源"]
    assert not any(title.startswith("科技创新｜科技创新平台") for title in titles)


def test_a_long_title_is_shrunk_or_wrapped_to_fit():
    data = mini_data()
    data["report"]["title"] = "示例区" + "党建引领高质量发展" * 8 + "情况简报"
    data["themes"][0]["charts"][0]["title"] = "Very long chart title " * 6
    prs = reopen(load(data))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name in ("Title", SLIDE_TITLE):
                size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
                lines = count_lines(shape.text_frame.text, size, shape.width)
                assert lines * size * LINE_SPACING <= Emu(shape.height).pt


def test_a_missing_chart_image_is_an_error(mini):
    charts = charts_for(mini)
    del charts["problems"]
    with pytest.raises(ValueError, match="problems"):
        deck_bytes(mini, charts)


def test_the_deck_is_valid_against_the_ooxml_schemas(mini, tmp_path):
    openxml_audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "mini.pptx"
    path.write_bytes(deck_bytes(mini, charts_for(mini)))
    result = openxml_audit.validate_pptx(path)
    schema_errors = [error.description for error in result.errors if error.error_type.value == "schema"]
    assert schema_errors == []


def test_two_builds_have_the_same_slides(mini):
    first = reopen(mini)
    second = reopen(mini)
    for one, other in zip(first.slides, second.slides, strict=True):
        assert etree.tostring(one._element) == etree.tostring(other._element)


# -- fitting text --------------------------------------------------------


def test_fit_keeps_the_largest_size_that_fits():
    fit = fit_text("营商环境", Inches(4), Inches(1), 28, 12)
    assert (fit.text, fit.size, fit.lines) == ("营商环境", 28, 1)


def test_fit_counts_cjk_as_one_em_and_latin_as_a_little_over_half():
    # 10 CJK characters at 20 pt need 200 pt; 10 digits need 110 pt.
    assert count_lines("一" * 10, 20, Emu(Inches(190 / 72 / 0.94))) == 2
    assert count_lines("1" * 10, 20, Emu(Inches(115 / 72 / 0.94))) == 1


def test_fit_avoids_a_stranded_last_character():
    fit = fit_text("抽调参与缙云山整治的党员干部", Inches(3.24), Inches(0.6), 18, 12, max_lines=3)
    assert fit.lines == 1


def test_fit_shortens_with_an_ellipsis_as_a_last_resort():
    fit = fit_text("很长的标题" * 40, Inches(3), Inches(0.5), 20, 16, max_lines=1)
    assert fit.size == 16 and fit.lines == 1 and fit.text.endswith("…")


text_strategy = st.text(
    alphabet=st.sampled_from(list("党建引领高质量发展，（）“”ABCxyz0123456789.% ")), min_size=1, max_size=200
)


@settings(max_examples=200, deadline=None)
@given(text=text_strategy, width=st.floats(0.5, 12), height=st.floats(0.4, 5), max_lines=st.none() | st.integers(1, 4))
def test_fitted_text_never_overflows(text, width, height, max_lines):
    fit = fit_text(text, Inches(width), Inches(height), 32, 12, max_lines)
    assert 12 <= fit.size <= 32
    assert fit.lines == count_lines(fit.text, fit.size, Inches(width))
    if fit.text != text:
        assert fit.text.endswith("…") and fit.size == 12
    assert fit.lines * fit.size * LINE_SPACING <= Emu(Inches(height)).pt
    if max_lines is not None:
        assert fit.lines <= max_lines
