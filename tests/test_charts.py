"""Charts: each kind drawn at the placed size, deterministic, numbers written the Chinese way, text checked."""

from __future__ import annotations

import copy
import io
import itertools
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
import yaml
from matplotlib.text import Text
from PIL import Image

from report_gen import charts
from report_gen.charts import BRIEFING, SLIDE, Placement, RenderedChart, alt_text, render_chart, render_charts
from report_gen.errors import FontError
from report_gen.fonts import find_cjk_font
from report_gen.model import ChartKind, Report

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
BEIBEI = Path(__file__).resolve().parent.parent / "data" / "beibei.yaml"
PLACEMENTS = [BRIEFING, SLIDE]


@pytest.fixture(scope="module")
def raw() -> dict:
    with open(MINI, encoding="utf-8") as file:
        return yaml.safe_load(file)


@pytest.fixture(scope="module")
def report(raw) -> Report:
    return Report.model_validate(raw)


@pytest.fixture(scope="module")
def font():
    return find_cjk_font()


def edited(raw: dict, edit) -> Report:
    """Return the mini report after an edit of its raw data."""
    data = copy.deepcopy(raw)
    edit(data)
    return Report.model_validate(data)


def figure_in(data: dict, figure_id: str) -> dict:
    return next(f for theme in data["themes"] for f in theme["figures"] if f["id"] == figure_id)


def chart_in(report: Report, chart_id: str):
    return next(chart for _, chart in report.all_charts() if chart.id == chart_id)


def drawn_texts(chart, report, font, placement) -> tuple[list[tuple[str, object]], object]:
    """Draw a chart and return every visible non-empty text with its box in pixels, and the figure's box."""
    with charts._drawn(chart, report, font, placement) as canvas:
        canvas.fig.canvas.draw()
        renderer = canvas.fig.canvas.get_renderer()
        texts = [
            (artist.get_text(), artist.get_window_extent(renderer))
            for artist in canvas.fig.findobj(Text)
            if artist.get_visible() and artist.get_text().strip()
        ]
        return texts, canvas.fig.bbox


MINI_CHARTS = ["matters_growth", "problems", "key_figures", "platforms", "platforms_h"]


def test_mini_has_every_chart_kind(report):
    assert {chart.kind for _, chart in report.all_charts()} == set(ChartKind)
    assert [chart.id for _, chart in report.all_charts()] == MINI_CHARTS


def test_placements():
    assert BRIEFING == Placement("briefing", 156, 96, 300, 10.5)
    assert SLIDE == Placement("slide", 220, 124, 200, 16)
    assert (BRIEFING.width_px, BRIEFING.height_px) == (1842, 1133)
    assert (SLIDE.width_px, SLIDE.height_px) == (1732, 976)


@pytest.mark.parametrize("placement", PLACEMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("chart_id", MINI_CHARTS)
def test_each_chart_is_a_png_of_the_placed_size(report, font, chart_id, placement):
    rendered = render_chart(chart_in(report, chart_id), report, font, placement)
    assert isinstance(rendered, RenderedChart)
    assert rendered.chart_id == chart_id
    assert (rendered.width_mm, rendered.height_mm, rendered.dpi) == (placement.width_mm, placement.height_mm, placement.dpi)
    image = Image.open(io.BytesIO(rendered.png))
    assert image.format == "PNG"
    assert image.size == (
        int(placement.width_mm / 25.4 * placement.dpi),
        int(placement.height_mm / 25.4 * placement.dpi),
    )
    assert round(image.info["dpi"][0]) == placement.dpi
    assert "Software" not in image.info


def test_the_briefing_is_drawn_at_300_dpi(report, font):
    rendered = render_chart(chart_in(report, "platforms"), report, font, BRIEFING)
    assert rendered.dpi == 300
    assert Image.open(io.BytesIO(rendered.png)).size == (1842, 1133)


def test_the_same_chart_gives_the_same_bytes(report, font):
    for chart_id in MINI_CHARTS:
        chart = chart_in(report, chart_id)
        assert render_chart(chart, report, font, BRIEFING).png == render_chart(chart, report, font, BRIEFING).png


def test_render_charts_renders_every_chart_by_id(report, font):
    rendered = render_charts(report, font, SLIDE)
    assert list(rendered) == MINI_CHARTS
    assert all(chart.dpi == SLIDE.dpi for chart in rendered.values())


def test_rendering_leaves_global_rcparams_alone(report, font):
    before = dict(matplotlib.rcParams)
    render_chart(chart_in(report, "platforms"), report, font, BRIEFING)
    assert dict(matplotlib.rcParams) == before


def test_charts_do_not_import_pyplot():
    code = "import sys, report_gen.charts; assert 'matplotlib.pyplot' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- numbers and alt text ----------------------------------------------------


def test_bar_alt_text_writes_each_figure(report):
    assert alt_text(chart_in(report, "platforms"), report) == (
        "柱状图：科技创新平台数量。乡村科技示范基地33个，博士后工作站11个，院士工作站2个。"
    )
    assert alt_text(chart_in(report, "platforms_h"), report).startswith("条形图：")


def test_before_after_alt_text_has_both_written_values(report, font):
    rendered = render_chart(chart_in(report, "matters_growth"), report, font, BRIEFING)
    assert rendered.alt_text == "对比图：政务服务中心进驻事项。进驻事项由500余项增加到1000余项。"


def test_progress_alt_text_has_part_whole_and_share(report):
    assert alt_text(chart_in(report, "problems"), report) == (
        "进度图：企业问题办结进度。收集企业问题118个，已办结问题73个，占61.9%。"
    )


def test_tile_alt_text_writes_qualified_figures(report):
    text = alt_text(chart_in(report, "key_figures"), report)
    assert "约12.5亿元" in text and "2.5万户" in text and "97%" in text


def test_drawn_values_are_written_the_chinese_way(report, font):
    drawn = {text for text, _ in drawn_texts(chart_in(report, "matters_growth"), report, font, BRIEFING)[0]}
    assert {"500余项", "1000余项"} <= drawn
    drawn = {text for text, _ in drawn_texts(chart_in(report, "key_figures"), report, font, SLIDE)[0]}
    assert {"约12.5亿元", "2.5万户", "97%"} <= drawn
    drawn = {text for text, _ in drawn_texts(chart_in(report, "problems"), report, font, SLIDE)[0]}
    assert {"73个", "118个", "61.9%"} <= drawn


def test_source_line_is_drawn_and_the_title_is_not(report, font):
    chart = chart_in(report, "key_figures")
    drawn = [text for text, _ in drawn_texts(chart, report, font, BRIEFING)[0]]
    assert "资料来源：《示例报道乙》；《示例报道甲》" in [text.replace("\n", "") for text in drawn]
    assert chart.title not in drawn


# --- layout ----------------------------------------------------------------


def assert_clean_layout(texts, figure_box):
    for text, box in texts:
        assert box.x0 >= figure_box.x0 - 1 and box.x1 <= figure_box.x1 + 1, f"{text!r} is clipped left or right"
        assert box.y0 >= figure_box.y0 - 1 and box.y1 <= figure_box.y1 + 1, f"{text!r} is clipped top or bottom"
    for (text_a, a), (text_b, b) in itertools.combinations(texts, 2):
        overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_w <= 1 or overlap_h <= 1, f"{text_a!r} overlaps {text_b!r}"


@pytest.mark.parametrize("placement", PLACEMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("chart_id", MINI_CHARTS)
def test_no_text_overlaps_or_is_clipped(report, font, chart_id, placement):
    assert_clean_layout(*drawn_texts(chart_in(report, chart_id), report, font, placement))


LONG = "全区各级党组织组织开展主题党日活动数量"


def crowded(raw: dict) -> Report:
    """Return the mini report with twelve long-labelled figures in a bar, an hbar and six tiles."""

    def edit(data):
        theme = data["themes"][1]
        labels = [LONG, "党员志愿服务队", "村（社区）“两委”成员培训", "专题讲座", "红色教育基地现场教学活动", "线上学习",
                  "读书班", "微党课比赛", "知识竞赛", "党史学习教育宣讲", "技能培训", "其他"]
        values = [1200, 356, 88, 12, 45, 900, 7, 15, 9, 630, 210, 3]
        qualifiers = ["余", None, None, "近", "超过", "约", None, None, None, "多", None, None]
        for i, (label, value, qualifier) in enumerate(zip(labels, values, qualifiers)):
            figure = {"id": f"c{i}", "label": label, "value": value, "unit": "场", "period": "2021年",
                      "source": "src_a", "excerpt": "x"}
            if qualifier:
                figure["qualifier"] = qualifier
            theme["figures"].append(figure)
        ids = [f"c{i}" for i in range(12)]
        theme["charts"] += [
            {"id": "crowded_bar", "kind": "bar", "title": "t", "figures": ids, "caption": "c"},
            {"id": "crowded_hbar", "kind": "hbar", "title": "t", "figures": ids, "caption": "c"},
            {"id": "long_bar", "kind": "bar", "title": "t", "figures": ids[:4], "caption": "c"},
            {"id": "six_tiles", "kind": "tile", "title": "t", "figures": ids[:6], "caption": "c"},
            {"id": "five_tiles", "kind": "tile", "title": "t", "figures": ids[:5], "caption": "c"},
        ]

    return edited(raw, edit)


@pytest.mark.parametrize("placement", PLACEMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("chart_id", ["crowded_bar", "crowded_hbar", "long_bar", "six_tiles", "five_tiles"])
def test_crowded_charts_wrap_labels_without_overlap(raw, font, chart_id, placement):
    report = crowded(raw)
    texts, figure_box = drawn_texts(chart_in(report, chart_id), report, font, placement)
    assert_clean_layout(texts, figure_box)
    if chart_id == "long_bar":
        wrapped = [text for text, _ in texts if text.replace("\n", "") == LONG]
        assert wrapped and "\n" in wrapped[0]


def test_negative_values_are_drawn_below_the_axis(raw, font):
    def edit(data):
        for figure_id, value in (("bases", -3.2), ("postdoc", 5.1)):
            figure = figure_in(data, figure_id)
            figure.update(value=value, count=False, unit="亿元")
        figure_in(data, "academician").update(unit="亿元")

    report = edited(raw, edit)
    for chart_id in ("platforms", "platforms_h"):
        for placement in PLACEMENTS:
            texts, box = drawn_texts(chart_in(report, chart_id), report, font, placement)
            assert "-3.2亿元" in {text for text, _ in texts}
            assert_clean_layout(texts, box)


@pytest.mark.skipif(not BEIBEI.is_file(), reason="data/beibei.yaml not written yet")
def test_the_default_report_renders_cleanly(font):
    from report_gen.load import load_report

    report = load_report(BEIBEI)
    for _, chart in report.all_charts():
        for placement in PLACEMENTS:
            assert_clean_layout(*drawn_texts(chart, report, font, placement))


# --- what a chart refuses ----------------------------------------------------


def test_mixing_units_in_a_bar_chart_raises(raw, font):
    report = edited(raw, lambda data: figure_in(data, "postdoc").update(unit="家"))
    with pytest.raises(ValueError, match=r"chart 'platforms': a bar chart compares figures of one unit.*'bases' is in '个' and 'postdoc' in '家'"):
        render_chart(chart_in(report, "platforms"), report, font, BRIEFING)
    with pytest.raises(ValueError, match="one unit"):
        render_chart(chart_in(report, "platforms_h"), report, font, SLIDE)


def test_mixing_units_in_a_two_figure_before_after_chart_raises(raw, font):
    def edit(data):
        data["themes"][0]["charts"][0]["figures"] = ["entities", "revenue"]

    report = edited(raw, edit)
    with pytest.raises(ValueError, match="chart 'matters_growth': a before_after chart compares figures of one unit"):
        render_chart(chart_in(report, "matters_growth"), report, font, BRIEFING)


def test_mixing_units_in_a_progress_chart_raises(raw, font):
    report = edited(raw, lambda data: figure_in(data, "problems_total").update(unit="件"))
    with pytest.raises(ValueError, match="chart 'problems': a progress chart compares figures of one unit"):
        render_chart(chart_in(report, "problems"), report, font, BRIEFING)


def test_a_single_progress_figure_must_be_a_percentage(raw, font):
    def edit(data):
        data["themes"][0]["charts"][1]["figures"] = ["problems_total"]

    report = edited(raw, edit)
    with pytest.raises(ValueError, match="needs a percentage"):
        render_chart(chart_in(report, "problems"), report, font, BRIEFING)


def test_a_percentage_progress_chart_renders(raw, font):
    def edit(data):
        data["themes"][0]["charts"][1]["figures"] = ["private_share"]

    report = edited(raw, edit)
    chart = chart_in(report, "problems")
    assert alt_text(chart, report) == "进度图：企业问题办结进度。民营市场主体占比97%。"
    assert "97%" in {text for text, _ in drawn_texts(chart, report, font, BRIEFING)[0]}


def test_before_after_of_one_figure_needs_a_base_value(raw, font):
    def edit(data):
        data["themes"][0]["charts"][0]["figures"] = ["revenue"]

    report = edited(raw, edit)
    with pytest.raises(ValueError, match="needs a comparison with a base_value"):
        render_chart(chart_in(report, "matters_growth"), report, font, BRIEFING)


def test_before_after_of_two_figures_shows_the_reported_change(raw, font):
    def edit(data):
        theme = data["themes"][0]
        theme["figures"].append({"id": "revenue_2021", "label": "企业一季度营业收入", "value": 8.4, "unit": "亿元",
                                 "qualifier": "约", "period": "2021年一季度", "source": "src_b", "excerpt": "x"})
        theme["charts"][0]["figures"] = ["revenue_2021", "revenue"]

    report = edited(raw, edit)
    chart = chart_in(report, "matters_growth")
    drawn = {text.replace("\n", "") for text, _ in drawn_texts(chart, report, font, BRIEFING)[0]}
    assert {"约8.4亿元", "约12.5亿元", "2021年一季度", "2022年一季度", "同比增长48%"} <= drawn
    assert alt_text(chart, report).endswith("，同比增长48%。")


def test_more_than_six_tiles_raises(raw, font):
    report = crowded(raw)
    chart = chart_in(report, "six_tiles").model_copy(update={"figures": [f"c{i}" for i in range(7)]})
    with pytest.raises(ValueError, match="at most 6 figures"):
        render_chart(chart, report, font, BRIEFING)


def test_an_unsupported_character_in_a_label_names_the_label(raw, font):
    report = edited(raw, lambda data: figure_in(data, "bases").update(short_label="科技\ue000基地"))
    with pytest.raises(FontError) as caught:
        render_chart(chart_in(report, "platforms"), report, font, BRIEFING)
    message = str(caught.value)
    assert "chart 'platforms' label '科技\ue000基地'" in message
    assert "U+E000" in message


def test_an_unsupported_character_in_a_source_title_names_the_source_line(raw, font):
    def edit(data):
        data["sources"][0]["title"] = "示例\ue001报道"

    report = edited(raw, edit)
    with pytest.raises(FontError, match=r"chart 'platforms' source line .*U\+E001"):
        render_chart(chart_in(report, "platforms"), report, font, SLIDE)


def test_a_dollar_sign_is_drawn_as_text_not_mathtext(raw, font):
    report = edited(raw, lambda data: figure_in(data, "bases").update(short_label="$1$基地"))
    texts, box = drawn_texts(chart_in(report, "platforms"), report, font, BRIEFING)
    assert_clean_layout(texts, box)
    render_chart(chart_in(report, "platforms"), report, font, BRIEFING)
