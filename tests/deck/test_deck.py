"""The deck: built from mini.yaml and the default data, reopened with python-pptx, and checked as a reader sees it.

These build the full deck (a slide per chart, every figure on the 关键数字 slides);
tests/test_short_deck.py checks the short deck, the default.

Chart images are stand-ins drawn with matplotlib's object API, so these tests do
not depend on how report_gen.charts draws; native charts are report_gen's own.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture
from pptx.util import Emu

from tests.helpers.decks import build, charts_for, load, mini_data
from tests.helpers.slides import (
    all_shapes,
    charted,
    deck_text,
    descr,
    frame_overflows,
    kicker_of,
    notes_of,
    slide_text,
    slide_text_of,
    title_of,
)
from report_gen.data import written as numbers
from report_gen.deck import deck_bytes
from report_gen.deck.titles import chart_messages, is_type_word
from report_gen.data.model import ChartKind
from report_gen.data.style import DeckFonts
from report_gen.narrative import Narrative
from report_gen.narrative.notes import spoken_period
from report_gen.plan import plan_report

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


# -- the shape of the deck --------------------------------------------------


def test_slides_are_16_by_9(prs):
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))


def runs_of_kickers(prs) -> list[tuple[str, int]]:
    """Return the themes the content slides between the overview and the sources are under, with how many slides
    each has in a row."""
    runs: list[tuple[str, int]] = []
    for slide in list(prs.slides)[2:-2]:
        kicker = kicker_of(slide)
        if runs and runs[-1][0] == kicker:
            runs[-1] = (kicker, runs[-1][1] + 1)
        else:
            runs.append((kicker, 1))
    return runs


def holding(prs, name: str, kicker: str | None = None) -> list:
    """Return the slides holding a shape of this name (Chart <id>, Figure 1 value, Case 1), under a theme if given."""
    return [slide for slide in prs.slides if any(shape.name == name for shape in all_shapes(slide.shapes))
            and (kicker is None or kicker_of(slide) == kicker)]


def test_slides_come_title_overview_themes_sources_then_closing(prs, mini):
    titles = [title_of(slide) for slide in prs.slides]
    assert titles[:2] == [mini.report.title, "工作概览"] and titles[-2:] == ["资料来源", "谢谢"]
    assert [kicker for kicker, _ in runs_of_kickers(prs)] == [theme.short_title for theme in mini.themes]
    plan = plan_report(mini)
    for theme in mini.themes:
        for chart in theme.charts:
            (slide,) = holding(prs, f"Chart {chart.id}")
            assert title_of(slide) in chart_messages(chart, plan.chart(chart.id)), "a chart's slide says its message"
        assert holding(prs, "Figure 1 value", theme.short_title), "then its key figures"
        assert bool(holding(prs, "Case 1", theme.short_title)) == bool(theme.cases), "then its cases"


def test_the_default_deck_has_every_theme_in_order_with_its_charts_figures_and_cases(beibei_prs, beibei):
    titles = [title_of(slide) for slide in beibei_prs.slides]
    assert titles[:2] == [beibei.report.title, "工作概览"] and titles[-2:] == ["资料来源", "谢谢"]
    runs = runs_of_kickers(beibei_prs)
    assert [kicker for kicker, _ in runs] == [theme.short_title for theme in beibei.themes]
    for (kicker, count), theme in zip(runs, beibei.themes):
        key_slides = len(holding(beibei_prs, "Figure 1 value", kicker))
        assert key_slides == -(-len(theme.figures) // 6), f"{theme.id}: six key figures a slide"
        case_slides = count - len(theme.charts) - key_slides
        assert (1 if theme.cases else 0) <= case_slides <= len(theme.cases), f"{theme.id}: at most one slide a case"
    assert len(set(titles)) == len(titles), "no two slides share a title"
    assert not [title for title in titles[2:-2] if is_type_word(title)], "titles say what a slide shows, not what it is"


def test_slides_sit_on_named_layouts_of_the_designed_master(prs):
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts[0] == "封面" and layouts[-1] == "结束页"
    assert set(layouts[1:-1]) == {"仅标题"}
    master = prs.slide_masters[0]
    assert {layout.name for layout in master.slide_layouts} == {"封面", "标题和内容", "仅标题", "结束页"}
    decorations = [shape.name for shape in master.shapes if not shape.is_placeholder]
    assert "顶部色带" in decorations, "the red band is drawn once, on the master"
    for slide in list(prs.slides)[1:-1]:
        assert not any(shape.name in ("Top band", "顶部色带") for shape in slide.shapes)


def test_the_theme_carries_the_red_accent_and_the_east_asian_font(prs):
    theme = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{qn('a:accent1')}/{qn('a:srgbClr')}").get("val") == "C00000"
    for font_set in ("a:majorFont", "a:minorFont"):
        fonts = theme.find(f".//{qn(font_set)}")
        assert fonts.find(qn("a:ea")).get("typeface") == "微软雅黑"
        assert fonts.find(qn("a:latin")).get("typeface") == "Arial"


def test_title_slide_shows_title_subtitle_issuer_and_written_date(prs, mini):
    text = slide_text(prs.slides[0])
    for wanted in (mini.report.title, mini.report.subtitle, mini.report.issuer, "2021年5月1日"):
        assert wanted in text


def test_closing_slide_thanks_and_names_the_issuer(prs, mini):
    text = slide_text(prs.slides[-1])
    assert "谢谢" in text and mini.report.issuer in text


def test_content_slides_have_issuer_and_slide_number_in_the_footer(prs, mini):
    for number, slide in enumerate(prs.slides, start=1):
        if number in (1, len(prs.slides)):
            continue
        footer = next(p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
        assert footer.text_frame.text == mini.report.issuer
        slide_number = next(p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
        field = slide_number._element.find(f".//{qn('a:fld')}")
        assert field.get("type") == "slidenum"
        assert field.findtext(qn("a:t")) == str(number)


def test_no_placeholder_is_left_empty(beibei_prs):
    for slide in beibei_prs.slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), f"{title_of(slide)}: empty {placeholder.name}"


# -- what the slides say ----------------------------------------------------


def test_overview_has_a_card_per_theme_with_its_first_figure(prs, mini):
    text = slide_text(prs.slides[1])
    for theme in mini.themes:
        assert theme.short_title in text
        assert numbers.write_figure(theme.figures[0]) in text
        assert theme.figures[0].axis_label in text


@pytest.mark.parametrize("written", ["约12.5亿元", "1000余项", "2.5万户", "30%以上", "600多台"])
def test_figures_are_written_the_chinese_way(prs, written):
    assert written in deck_text(prs)


def test_every_figure_appears_written_out_with_label_and_period(prs, mini):
    text = deck_text(prs)
    for _, figure in mini.all_figures():
        assert numbers.write_figure(figure) in text
        assert figure.label in text
        assert figure.period in text


def test_key_figures_show_their_comparison_under_the_number(prs):
    (slide,) = holding(prs, "Figure 1 value", "营商环境")
    changes = {shape.text_frame.text for shape in slide.shapes if shape.name.endswith(" change")}
    assert changes == {"同比增长48%", "此前为500余项"}


def test_case_slides_tell_each_case_with_its_source(prs, mini):
    (slide,) = holding(prs, "Case 1", "营商环境")
    text = slide_text(slide)
    case = mini.themes[0].cases[0]
    assert "案例一" in text and case.title in text and case.text in text
    assert "来源：《示例报道甲》" in text


def test_a_long_case_continues_on_a_follow_up_slide(stand_in_png):
    data = mini_data()
    story = "".join(f"第{n}句讲述党员干部帮助企业解决用工难题的经过和结果。" for n in range(1, 60))
    data["themes"][0]["cases"][0]["text"] = story
    prs = build(load(data), stand_in_png)
    case_slides = holding(prs, "Case 1", "营商环境")
    assert len(case_slides) >= 2 and len({title_of(slide) for slide in case_slides}) == len(case_slides)
    assert title_of(case_slides[0]) == data["themes"][0]["cases"][0]["title"]
    told = "".join(shape.text_frame.text for slide in case_slides for shape in slide.shapes if shape.name.endswith(" story"))
    assert told == story, "the story is split between slides, not cut"
    assert "案例一（续）" in slide_text(case_slides[1])


def test_sources_slide_lists_title_authors_publication_and_date(prs):
    text = slide_text(prs.slides[-2])
    for wanted in ("示例报道甲", "张三", "示例日报", "2021年5月", "示例报道乙", "2022年"):
        assert wanted in text


def test_a_theme_with_many_figures_continues_on_further_key_figure_slides(stand_in_png):
    data = mini_data()
    economy = data["themes"][0]
    template = economy["figures"][2]
    for index in range(7):
        economy["figures"].append({**template, "id": f"extra_{index}", "value": 100 + index, "label": f"补充指标{index}"})
    report = load(data)  # 13 figures: three slides of 5, 4 and 4 rather than 6, 6 and 1
    prs = build(report, stand_in_png)
    key_slides = holding(prs, "Figure 1 value", "营商环境")
    assert len({title_of(slide) for slide in key_slides}) == 3, "each titled with the figure it leads with"
    assert [sum(1 for shape in slide.shapes if shape.name.endswith(" value")) for slide in key_slides] == [5, 4, 4]


def test_a_theme_with_neither_figures_nor_charts_gets_its_summary(stand_in_png):
    data = mini_data()
    data["themes"][1].update(figures=[], charts=[], cases=[])
    prs = build(load(data), stand_in_png)
    (slide,) = [slide for slide in prs.slides if kicker_of(slide) == "科技创新"]
    assert title_of(slide) == data["themes"][1]["title"]
    assert data["themes"][1]["summary"] in slide_text(slide)
    assert data["themes"][1]["summary"] in notes_of(slide)


# -- notes ------------------------------------------------------------------


def test_every_content_slide_has_notes_that_speak_its_figures(beibei_prs, beibei):
    figures = [figure for _, figure in beibei.all_figures()]
    chart_figures = {chart.id: [f for f in figures if f.id in chart.plotted_ids()] for _, chart in beibei.all_charts()}
    for slide in list(beibei_prs.slides)[1:-1]:
        notes = notes_of(slide)
        assert len(notes) > 20, f"{title_of(slide)}: notes"
        shown = slide_text(slide)
        spoken = [f for f in figures if numbers.write_figure(f) in shown and f.label in shown]
        for shape in slide.shapes:
            if shape.name.startswith("Chart "):
                spoken += chart_figures[shape.name.removeprefix("Chart ")]
        for figure in spoken:
            assert numbers.write_figure(figure) in notes, f"{title_of(slide)}: {figure.id}"
            assert spoken_period(figure)[0] in notes, f"{title_of(slide)}: period of {figure.id}"


def test_notes_of_a_chart_name_its_sources(prs):
    (slide,) = holding(prs, "Chart problems")
    notes = notes_of(slide)
    assert "2022年5月，已办结问题73个，收集企业问题118个" in notes
    assert "《示例报道乙》" in notes


def test_notes_templates_can_be_replaced(tmp_path, mini, stand_in_png):
    folder = tmp_path / "templates" / "deck" / "notes"
    folder.mkdir(parents=True)
    (folder / "figures.md.j2").write_text("自定义备注：{% for f in figures %}{{ f.written }}{% endfor %}", encoding="utf-8")
    prs = build(mini, stand_in_png, narrative=Narrative(mini, tmp_path / "templates"))
    (slide,) = holding(prs, "Figure 1 value", "营商环境")
    assert notes_of(slide).startswith("自定义备注：约12.5亿元")
    assert "本页" in notes_of(prs.slides[1]), "templates the folder lacks come from report_gen's own"


# -- pictures, charts and alt text ------------------------------------------


def test_every_chart_picture_is_described_by_its_alt_text_and_tiles_are_shapes(prs, mini):
    pictures = [shape for slide in prs.slides for shape in slide.shapes if isinstance(shape, Picture)]
    pictured = [chart for _, chart in mini.all_charts() if chart.kind is not ChartKind.TILE]
    assert [descr(picture) for picture in pictures] == [f"图表{chart.id}：三根柱子，第一根最高。" for chart in pictured]
    (group,) = [shape for _, shape in charted(prs) if isinstance(shape, GroupShape)]
    assert group.name == "Chart key_figures" and descr(group).startswith("关键数字：营商环境关键数字。")
    assert "约12.5亿元" in slide_text_of(group)


def test_every_native_chart_and_tile_group_has_alt_text_not_a_file_name(native, beibei):
    shapes = [shape for _, shape in charted(native)]
    assert len(shapes) == len(beibei.all_charts())
    for shape in shapes:
        text = descr(shape)
        assert text and CJK.search(text) and not re.search(r"\.(png|jpe?g|emf)$", text)
    assert not any(isinstance(shape, Picture) for slide in native.slides for shape in slide.shapes)


def test_native_charts_carry_the_figures_values_and_chinese_categories(native, beibei):
    index = beibei.figure_index()
    checked = 0
    for slide, shape in charted(native):
        if not isinstance(shape, GraphicFrame):
            continue
        chart = next(chart for _, chart in beibei.all_charts() if f"Chart {chart.id}" == shape.name)
        plot = shape.chart.plots[0]
        values = [value for series in plot.series for value in series.values]
        figures = [index[figure_id] for figure_id in chart.plotted_ids()]
        if chart.kind.value == "progress":
            part = min(figures, key=lambda f: f.magnitude)
            assert part.value in values
        elif chart.kind.value == "before_after" and len(figures) == 1:
            assert values == [figures[0].comparison.base_value, figures[0].value]
        else:
            magnitudes = [f.magnitude for f in figures]
            assert values == pytest.approx([m * values[0] / magnitudes[0] for m in magnitudes]), chart.id
            if all(f.unit == figures[0].unit for f in figures) and max(f.value for f in figures) < 10_000:
                assert values == [f.value for f in figures], "the values as printed"
        assert all(CJK.search(category) for category in plot.categories), chart.id
        checked += 1
    assert checked >= 8


def test_native_bar_labels_are_number_formats_that_follow_an_edited_value(mini_native_pptx):
    native = Presentation(io.BytesIO(mini_native_pptx))
    frame = next(shape for _, shape in charted(native) if shape.name == "Chart matters_growth")
    xml = etree.tostring(frame.chart._chartSpace, encoding="unicode")
    assert 'formatCode="General&quot;余项&quot;"' in xml
    workbook = frame.chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        assert "截至2020年底" in archive.read("xl/sharedStrings.xml").decode()


def test_native_chart_axis_ids_are_positive_32_bit_numbers(native):
    for _, shape in charted(native):
        if isinstance(shape, GraphicFrame):
            ids = [int(element.get("val")) for element in shape.chart._chartSpace.iter(qn("c:axId"))]
            assert all(0 < value < 2**31 for value in ids), "the schema wants unsigned; LibreOffice reads signed"


def test_native_chart_text_names_the_east_asian_font(native):
    frame = next(shape for _, shape in charted(native) if isinstance(shape, GraphicFrame))
    typefaces = {ea.get("typeface") for ea in frame.chart._chartSpace.iter(qn("a:ea"))}
    assert typefaces == {"微软雅黑"}


def test_a_native_grouped_bar_chart_has_a_series_per_period_and_a_legend():
    data = mini_data()
    science = data["themes"][1]
    science["figures"] += [
        {**science["figures"][1], "id": "postdoc_2017", "value": 6, "period": "2017年"},
        {**science["figures"][2], "id": "academician_2017", "value": 1, "period": "2017年"},
    ]
    science["charts"].append({
        "id": "stations", "kind": "grouped_bar", "title": "工作站数量变化", "caption": "两类工作站都有增加。",
        "series": ["2017年", "2021年"],
        "groups": [{"label": "博士后工作站", "figures": ["postdoc_2017", "postdoc"]},
                   {"label": "院士工作站", "figures": ["academician_2017", "academician"]}],
    })
    prs = Presentation(io.BytesIO(deck_bytes(load(data), {}, chart_mode="native")))
    frame = next(shape for _, shape in charted(prs) if shape.name == "Chart stations")
    chart = frame.chart
    assert [series.name for series in chart.plots[0].series] == ["2017年", "2021年"]
    assert [list(series.values) for series in chart.plots[0].series] == [[6, 1], [11, 2]]
    assert list(chart.plots[0].categories) == ["博士后工作站", "院士工作站"]
    assert chart.has_legend


def test_charts_can_be_native_by_setting(stand_in_png):
    data = mini_data()
    data["style"] = {"deck": {"charts": "native"}}
    prs = Presentation(io.BytesIO(deck_bytes(load(data), {})))
    frames = [shape for _, shape in charted(prs) if isinstance(shape, GraphicFrame)]
    assert frames and all(frame.has_chart for frame in frames)


def test_pictures_keep_their_aspect_ratio_and_stay_on_the_slide(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if isinstance(shape, Picture):
                assert shape.width / shape.height == pytest.approx(220 / 124, rel=0.01)
                assert shape.left >= 0 and shape.top >= 0
                assert shape.left + shape.width <= prs.slide_width
                assert shape.top + shape.height <= prs.slide_height


def test_a_missing_chart_image_is_an_error(mini, stand_in_png):
    charts = charts_for(mini, stand_in_png)
    del charts["problems"]
    with pytest.raises(ValueError, match="problems"):
        deck_bytes(mini, charts)


# -- fonts --------------------------------------------------------------------


def runs_with_chinese(prs):
    for slide in prs.slides:
        parts = [slide._element] + ([slide.notes_slide._element] if slide.has_notes_slide else [])
        for part in parts:
            for run in part.iter(qn("a:r"), qn("a:fld")):
                if CJK.search(run.findtext(qn("a:t")) or ""):
                    yield run


def test_every_run_with_chinese_text_names_an_east_asian_font_and_chinese_language(beibei_prs):
    checked = 0
    for run in runs_with_chinese(beibei_prs):
        rPr = run.find(qn("a:rPr"))
        ea = rPr.find(qn("a:ea"))
        assert ea is not None and ea.get("typeface") == "微软雅黑"
        assert rPr.get("lang") == "zh-CN"
        assert rPr.index(ea) == rPr.index(rPr.find(qn("a:latin"))) + 1, "a:ea must follow a:latin"
        checked += 1
    assert checked > 500


def test_fonts_can_be_chosen(mini, stand_in_png):
    prs = build(mini, stand_in_png, fonts=DeckFonts(latin="Liberation Sans", east_asian="Noto Sans CJK SC"))
    typefaces = {ea.get("typeface") for ea in prs.slides[1]._element.iter(qn("a:ea"))}
    assert typefaces == {"Noto Sans CJK SC"}


# -- text fits ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["beibei_prs", "native", "prs"])
def test_every_text_frame_fits_its_box_by_the_fonts_metrics(which, request):
    deck = request.getfixturevalue(which)
    measures: dict = {}
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in all_shapes(slide.shapes):
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            assert shape.text_frame.auto_size is not None or shape.is_placeholder, shape.name
            problems += [f"slide {number}: {problem}" for problem in frame_overflows(shape, measures)]
            assert 0 <= shape.left and shape.left + shape.width <= deck.slide_width, shape.name
            assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height, shape.name
    assert problems == []


def test_a_long_title_is_shrunk_or_wrapped_to_fit(stand_in_png):
    data = mini_data()
    data["report"]["title"] = "示例区" + "党建引领高质量发展" * 8 + "情况简报"
    data["themes"][0]["charts"][0]["title"] = "Very long chart title " * 6
    prs = build(load(data), stand_in_png)
    measures: dict = {}
    for slide in prs.slides:
        assert frame_overflows(slide.shapes.title, measures) == []


# -- the file ----------------------------------------------------------------


@pytest.mark.parametrize("which", ["mini_pptx", "mini_native_pptx"])
def test_the_deck_is_valid_against_the_ooxml_schemas(which, tmp_path, request):
    openxml_audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "mini.pptx"
    path.write_bytes(request.getfixturevalue(which))
    result = openxml_audit.validate_pptx(path)
    schema_errors = [error.description for error in result.errors if error.error_type.value == "schema"]
    assert schema_errors == []


def test_two_builds_have_the_same_slides(prs, mini, stand_in_png):
    first = prs
    second = build(mini, stand_in_png)
    for one, other in zip(first.slides, second.slides, strict=True):
        assert etree.tostring(one._element) == etree.tostring(other._element)
