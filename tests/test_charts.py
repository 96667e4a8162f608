"""Charts: each kind drawn at the placed size, deterministic, numbers written the Chinese way, text checked."""

from __future__ import annotations

import copy
import hashlib
import io
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
import yaml
from matplotlib.text import Text
from PIL import Image, ImageStat

from report_gen import charts
from report_gen import design
from report_gen.charts import BRIEFING, SLIDE, Placement, RenderedChart, alt_text, render_chart, render_charts
from report_gen.design import luma
from report_gen.errors import FontError
from report_gen.fonts.chart_font import find_cjk_font
from report_gen.errors import DataError
from report_gen.data.load import load_report
from report_gen.data.model import Chart, ChartKind, Figure, Report
from report_gen.charts.size import drawing_height_mm
from report_gen.charts.spec import category_labels
from report_gen.plan import plan_chart

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
BEIBEI = Path(__file__).resolve().parent.parent / "data" / "beibei.yaml"
PLACEMENTS = [BRIEFING, SLIDE]


YEARS = ["2015年", "2017年", "2019年"]
EARLIER = {"bases": (12, 20, 27), "postdoc": (4, 7, 9), "academician": (1, 1, 2)}
"""The mini platforms in earlier years, for a grouped_bar chart of up to four series."""


def add_grouped(data: dict) -> None:
    """Add the platforms of 2015, 2017 and 2019 to the mini data, and a grouped_bar chart of the latest two years."""
    theme = data["themes"][1]
    for figure_id, values in EARLIER.items():
        label = figure_in(data, figure_id)["label"]
        for year, value in zip(YEARS, values):
            theme["figures"].append({"id": f"{figure_id}_{year[:4]}", "label": label, "value": value, "unit": "个",
                                     "period": year, "source": "src_b", "excerpt": "x"})
    figure_in(data, "postdoc_2017").update(qualifier="近")
    theme["charts"].append({"id": "platforms_grouped", "kind": "grouped_bar", "title": "科技创新平台增长",
                            "caption": "各类平台都比2017年多。", "series": [], "groups": []})
    set_series(data, 2)


def set_series(data: dict, count: int) -> None:
    """Make the grouped chart show the last `count` of 2015, 2017, 2019 and 2021."""
    chart = next(c for c in data["themes"][1]["charts"] if c["id"] == "platforms_grouped")
    years = [y[:4] for y in YEARS] + [None]
    chart["series"] = [f"{y}年" if y else "截至2021年" for y in years][-count:]
    labels = {"bases": "科技示范基地", "postdoc": "博士后工作站", "academician": "院士工作站"}
    chart["groups"] = [
        {"label": label, "figures": [f"{figure_id}_{y}" if y else figure_id for y in years][-count:]}
        for figure_id, label in labels.items()
    ]


@pytest.fixture(scope="module")
def raw() -> dict:
    """The mini data, with a grouped_bar chart added: every kind of chart from one small file."""
    with open(MINI, encoding="utf-8") as file:
        data = yaml.safe_load(file)
    add_grouped(data)
    return data


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
    with charts.render._drawn(chart, report, font, placement) as canvas:
        canvas.fig.canvas.draw()
        renderer = canvas.fig.canvas.get_renderer()
        texts = [
            (artist.get_text(), artist.get_window_extent(renderer))
            for artist in canvas.fig.findobj(Text)
            if artist.get_visible() and artist.get_text().strip()
        ]
        return texts, canvas.fig.bbox


MINI_CHARTS = ["matters_growth", "problems", "key_figures", "platforms", "platforms_h", "platforms_grouped"]


def test_the_chart_data_has_every_chart_kind(report):
    periods = {ChartKind.LINE, ChartKind.BAR_LINE, ChartKind.STACKED}  # in tests/data/bulletin.yaml (test_chart_kinds)
    assert {chart.kind for _, chart in report.all_charts()} == set(ChartKind) - periods
    assert [chart.id for _, chart in report.all_charts()] == MINI_CHARTS


def test_placements():
    assert BRIEFING == Placement("briefing", 156, 96, 300, 10.5, follows_content=True)
    assert SLIDE == Placement("slide", 220, 124, 200, 16)
    assert (BRIEFING.width_px, BRIEFING.height_px) == (1842, 1133)
    assert (SLIDE.width_px, SLIDE.height_px) == (1732, 976)


@pytest.mark.parametrize("placement", PLACEMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("chart_id", MINI_CHARTS)
def test_each_chart_is_a_png_of_the_placed_size(report, font, chart_id, placement):
    rendered = render_chart(chart_in(report, chart_id), report, font, placement)
    assert isinstance(rendered, RenderedChart)
    assert rendered.chart_id == chart_id
    assert (rendered.width_mm, rendered.dpi) == (placement.width_mm, placement.dpi)
    if chart_id == "key_figures":
        # One row of three tiles: the image is only as tall as the row, not a tall blank card.
        assert placement.height_mm * 0.4 < rendered.height_mm < placement.height_mm * 0.8
    elif placement.follows_content:
        planned = plan_chart(report, chart_in(report, chart_id))
        wanted = drawing_height_mm(planned.chart, planned.figures, planned.source_line, placement.width_mm,
                                   placement.base_font_pt)
        assert rendered.height_mm == min(placement.height_mm, wanted)
    else:
        assert rendered.height_mm == placement.height_mm
    image = Image.open(io.BytesIO(rendered.png))
    assert image.format == "PNG"
    assert image.size == (
        int(placement.width_mm / 25.4 * placement.dpi),
        int(rendered.height_mm / 25.4 * placement.dpi),
    )
    assert round(image.info["dpi"][0]) == placement.dpi
    assert "Software" not in image.info
    assert rendered.svg is None, "SVG only when asked for"


def test_the_briefing_is_drawn_at_300_dpi(report, font):
    rendered = render_chart(chart_in(report, "platforms"), report, font, BRIEFING)
    assert rendered.dpi == 300
    assert Image.open(io.BytesIO(rendered.png)).size == (1842, int(rendered.height_mm / 25.4 * 300))


def test_a_page_chart_is_as_tall_as_its_content_needs(report, font):
    def height(chart_id: str, edit=None) -> float:
        changed = edited(report.model_dump(mode="json", exclude_none=True), edit) if edit else report
        return render_chart(chart_in(changed, chart_id), changed, font, BRIEFING).height_mm

    def more_bars(data):
        chart = next(c for theme in data["themes"] for c in theme["charts"] if c["id"] == "platforms")
        chart["figures"] = ["bases", "postdoc", "academician", "bases_2015", "postdoc_2015", "academician_2015",
                            "bases_2017", "postdoc_2017"]

    def long_labels(data):
        for figure_id in ("bases", "postdoc", "academician"):
            figure_in(data, figure_id)["short_label"] = "乡村科技示范基地和博士后科研工作站合计"

    three = height("platforms")
    assert three < height("platforms", more_bars) <= BRIEFING.height_mm, "eight bars stand taller than three"
    assert three < height("platforms", long_labels), "labels that wrap to more lines take more height"
    assert height("problems") < three, "a ring is only as tall as the ring and its legend"
    assert height("problems") < BRIEFING.height_mm * 0.6


RENDER_IN_ANOTHER_PROCESS = """
import hashlib, json, sys
from report_gen import charts
from report_gen.fonts.chart_font import find_cjk_font
from report_gen.data.model import Report

with open(sys.argv[1], encoding="utf-8") as file:
    report = Report.model_validate(json.load(file))
rendered = charts.render_charts(report, find_cjk_font(), charts.BRIEFING, svg=True)
print(json.dumps({i: [hashlib.sha256(c.png).hexdigest(), hashlib.sha256(c.svg).hexdigest()] for i, c in rendered.items()}))
"""


def test_the_same_data_gives_the_same_png_and_svg_bytes(raw, report, font, tmp_path):
    """Rendered here and in a fresh process with another hash seed: no dates, no random ids."""
    data = tmp_path / "data.json"
    data.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    there = subprocess.run(
        [sys.executable, "-c", RENDER_IN_ANOTHER_PROCESS, str(data)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "4242"},
    )
    rendered = render_charts(report, font, BRIEFING, svg=True)
    here = {i: [hashlib.sha256(c.png).hexdigest(), hashlib.sha256(c.svg).hexdigest()] for i, c in rendered.items()}
    assert json.loads(there.stdout) == here
    for chart in rendered.values():
        assert chart.svg.startswith(b"<?xml") and b"<svg" in chart.svg
        assert b"<dc:date>" not in chart.svg
        # The SVG is the same drawing as the PNG, at the same placed size.
        width_pt = float(re.search(rb'<svg[^>]* width="([0-9.]+)pt"', chart.svg).group(1))
        height_pt = float(re.search(rb'<svg[^>]* height="([0-9.]+)pt"', chart.svg).group(1))
        assert width_pt == pytest.approx(BRIEFING.width_mm / 25.4 * 72, abs=0.01)
        assert height_pt == pytest.approx(chart.height_mm / 25.4 * 72, abs=0.01)


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


def test_grouped_bar_alt_text_names_each_group_and_series(report):
    assert alt_text(chart_in(report, "platforms_grouped"), report) == (
        "分组柱状图：科技创新平台增长。科技示范基地2019年27个、截至2021年33个；"
        "博士后工作站2019年9个、截至2021年11个；院士工作站2019年2个、截至2021年2个。"
    )


def test_drawn_values_are_written_the_chinese_way(report, raw, font):
    drawn = {text for text, _ in drawn_texts(chart_in(report, "matters_growth"), report, font, BRIEFING)[0]}
    assert {"500余项", "1000余项"} <= drawn
    drawn = {text for text, _ in drawn_texts(chart_in(report, "key_figures"), report, font, SLIDE)[0]}
    assert {"约12.5亿元", "2.5万户", "97%"} <= drawn
    drawn = {text for text, _ in drawn_texts(chart_in(report, "problems"), report, font, SLIDE)[0]}
    assert {"73个", "118个", "61.9%"} <= drawn
    three = edited(raw, lambda data: set_series(data, 3))
    drawn = {text.replace("\n", "") for text, _ in drawn_texts(chart_in(three, "platforms_grouped"), three, font, BRIEFING)[0]}
    assert {"近7个", "9个", "11个", "20个", "33个", "2017年", "2019年", "截至2021年", "科技示范基地"} <= drawn


def figures_in(units_and_values) -> list[Figure]:
    return [
        Figure(id=f"f{i}", label="x", value=float(value), unit=unit, period="2021年", source="s", excerpt="x")
        for i, (unit, value) in enumerate(units_and_values)
    ]


@pytest.mark.parametrize(
    "units_and_values, plotted, note",
    [
        ([("个", 33), ("个", 11)], [33, 11], "单位：个"),
        ([("万户", 2.5), ("户", 5000)], [2.5, 0.5], "单位：万户"),
        ([("户", 22258), ("户", 8000)], [2.2258, 0.8], "单位：万户"),
        ([("亿元", 12.5), ("万元", 5085)], [12.5, 0.5085], "单位：亿元"),
        ([("万元", 35000), ("万元", 5085)], [3.5, 0.5085], "单位：亿元"),
        ([("万户", 2.5), ("万户", 0.8)], [2.5, 0.8], "单位：万户"),
        ([("元", 1.25e9), ("元", 3e8)], [12.5, 3], "单位：亿元"),
        ([("%", 97), ("%", 30)], [97, 30], "单位：%"),
        ([("", 12000), ("", 3000)], [1.2, 0.3], "单位：万"),
        ([("", 12), ("", 3)], [12, 3], ""),
    ],
)
def test_a_value_axis_counts_in_wan_or_yi_when_the_scale_calls_for_it(units_and_values, plotted, note):
    chart = Chart(id="c", kind="bar", title="t", figures=["f0", "f1"], caption="c")
    axis = charts.axis_values(chart, figures_in(units_and_values))
    values, unit_note = axis.values, axis.note
    assert values == pytest.approx(plotted)
    assert unit_note == note


def test_axis_ticks_are_plain_numbers_under_a_wan_unit_note(raw, font):
    def edit(data):
        figure_in(data, "bases").update(value=2.5, unit="万户")
        figure_in(data, "postdoc").update(value=5000, unit="户", qualifier="余")
        figure_in(data, "academician").update(value=12000, unit="户")

    report = edited(raw, edit)
    for chart_id in ("platforms", "platforms_h"):
        texts = [text for text, _ in drawn_texts(chart_in(report, chart_id), report, font, BRIEFING)[0]]
        assert {"单位：万户", "2.5万户", "5000余户", "12000户"} <= set(texts)
        ticks = [float(text) for text in texts if re.fullmatch(r"-?\d+(\.\d+)?", text)]
        assert ticks and max(ticks) <= 3, f"ticks count 万户, not 户: {ticks}"


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
            {"id": "crowded_grouped", "kind": "grouped_bar", "title": "t", "caption": "c", "series": ["2020年", "2021年"],
             "groups": [{"label": labels[i], "figures": [ids[i], ids[i + 6]]} for i in range(6)]},
        ]

    return edited(raw, edit)


@pytest.mark.parametrize("placement", PLACEMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("chart_id", ["crowded_bar", "crowded_hbar", "long_bar", "six_tiles", "five_tiles", "crowded_grouped"])
def test_crowded_charts_wrap_labels_without_overlap(raw, font, chart_id, placement):
    report = crowded(raw)
    texts, figure_box = drawn_texts(chart_in(report, chart_id), report, font, placement)
    assert_clean_layout(texts, figure_box)
    if chart_id.endswith("tiles"):
        assert int(figure_box.height) == placement.height_px, "two rows of tiles fill the placed height"
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


def test_the_palette_pairs_drawn_together_differ_in_greyscale():
    assert luma(design.MID_GREY) - luma(design.RED) >= design.GREYSCALE_MARGIN, "before and after bars"
    assert luma(design.PALE_GREY) - luma(design.RED) >= design.GREYSCALE_MARGIN, "done and left of a progress ring"
    assert luma("#FFFFFF") - luma(design.RED) >= design.GREYSCALE_MARGIN, "bars on white paper"


def mean_lightness(grey: Image.Image, box) -> float:
    """Return the mean greyscale value inside a bar (a display box), a few pixels in from its edges."""
    inset = 4
    crop = grey.crop((round(box.x0) + inset, round(grey.height - box.y1) + inset,
                      round(box.x1) - inset, round(grey.height - box.y0) - inset))
    return ImageStat.Stat(crop).mean[0]


@pytest.mark.parametrize("series", [2, 3, 4])
def test_adjacent_series_differ_in_greyscale_by_the_margin(raw, font, series):
    """Printed in black and white, each series of a group stays apart from the next, hatching included."""
    report = edited(raw, lambda data: set_series(data, series))
    chart = chart_in(report, "platforms_grouped")
    with charts.render._drawn(chart, report, font, BRIEFING) as canvas:
        buffer = io.BytesIO()
        canvas.fig.savefig(buffer, format="png", dpi=BRIEFING.dpi)
        grey = Image.open(buffer).convert("L")
        renderer = canvas.fig.canvas.get_renderer()
        boxes = [[bar.get_window_extent(renderer) for bar in bars] for bars in canvas.fig.axes[0].containers]
        texts = [(t.get_text(), t.get_window_extent(renderer)) for t in canvas.fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
        assert_clean_layout(texts, canvas.fig.bbox)
    assert len(boxes) == series
    for group in range(len(boxes[0])):
        lightness = [mean_lightness(grey, boxes[s][group]) for s in range(series)]
        for earlier, later in zip(lightness, lightness[1:]):
            assert abs(earlier - later) >= design.GREYSCALE_MARGIN, f"group {group}: {lightness}"
    legend = {text.get_text() for text in canvas.fig.axes[0].get_legend().get_texts()}
    assert legend == set(chart.series)


@pytest.mark.skipif(not BEIBEI.is_file(), reason="data/beibei.yaml not written yet")
def test_the_default_report_renders_cleanly(font):
    from report_gen.data.load import load_report

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


def test_mixing_units_in_a_grouped_bar_chart_raises(raw, font):
    report = edited(raw, lambda data: figure_in(data, "postdoc_2019").update(unit="家"))
    with pytest.raises(ValueError, match=r"chart 'platforms_grouped': a grouped_bar chart compares figures of one unit.*'postdoc_2019' in '家'"):
        render_chart(chart_in(report, "platforms_grouped"), report, font, BRIEFING)


def write_data(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def grouped_chart(data: dict) -> dict:
    return next(c for c in data["themes"][1]["charts"] if c["id"] == "platforms_grouped")


GROUPED_FAULTS = {
    "mixed units": (
        lambda data: figure_in(data, "postdoc_2019").update(unit="家"),
        "themes[1].charts[2].groups: figures have different units and cannot share one axis: "
        "bases_2019 (个), bases (个), postdoc_2019 (家), postdoc (个), academician_2019 (个), academician (个)",
    ),
    "an unknown figure in a group": (
        lambda data: grouped_chart(data)["groups"][1]["figures"].__setitem__(0, "postdoc_2091"),
        "themes[1].charts[2].groups[1].figures[0]: unknown figure 'postdoc_2091'; did you mean 'postdoc_2019'?",
    ),
    "a group with more figures than series": (
        lambda data: grouped_chart(data)["groups"][0]["figures"].append("bases_2015"),
        "themes[1].charts[2].groups: group 1 ('科技示范基地') has 3 figures but the chart has 2 series; "
        "give one figure per series",
    ),
    "figures listed outside the groups": (
        lambda data: grouped_chart(data).update(figures=["bases"]),
        "themes[1].charts[2].figures: a grouped_bar chart lists its figures in groups, one per series; leave figures out",
    ),
    "series on a bar chart": (
        lambda data: data["themes"][1]["charts"][0].update(series=["2021年", "2022年"]),
        "themes[1].charts[0].series: only a grouped_bar chart has series and groups",
    ),
}


@pytest.mark.parametrize("fault", GROUPED_FAULTS, ids=list(GROUPED_FAULTS))
def test_a_faulty_grouped_bar_chart_is_refused_when_loading(raw, tmp_path, fault):
    edit, expected = GROUPED_FAULTS[fault]
    data = copy.deepcopy(raw)
    edit(data)
    with pytest.raises(DataError) as caught:
        load_report(write_data(tmp_path, data))
    messages = [re.sub(r"^.*?:\d+: ", "", str(problem)) for problem in caught.value.problems]
    assert messages == [expected]


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


UNDRAWABLE = {
    "a bar label": (lambda data: figure_in(data, "bases").update(short_label="科技\ue000基地"),
                    "platforms", "chart 'platforms' label '科技\ue000基地'", "U+E000"),
    "an hbar label": (lambda data: figure_in(data, "postdoc").update(label="博士后\ue001工作站"),
                      "platforms_h", "chart 'platforms_h' label '博士后\ue001工作站'", "U+E001"),
    "a series name": (lambda data: grouped_chart(data)["series"].__setitem__(0, "2019\ue002年"),
                      "platforms_grouped", "chart 'platforms_grouped' series '2019\ue002年'", "U+E002"),
    "a group label": (lambda data: grouped_chart(data)["groups"][2].update(label="院士\ue003工作站"),
                      "platforms_grouped", "chart 'platforms_grouped' label '院士\ue003工作站'", "U+E003"),
    "a unit": (lambda data: [figure_in(data, f).update(unit="\ue004") for f in ("bases", "postdoc", "academician")],
               "platforms", "chart 'platforms' value '33\ue004'", "U+E004"),
    "a before/after period": (lambda data: figure_in(data, "matters").update(period="截至2020年\ue005"),
                              "matters_growth", "chart 'matters_growth' label '截至2020年\ue005'", "U+E005"),
    "a tile's period": (lambda data: figure_in(data, "entities").update(period="2021\ue006年"),
                        "key_figures", "chart 'key_figures' note '2021\ue006年'", "U+E006"),
    "a progress label": (lambda data: figure_in(data, "problems_total").update(label="收集\ue007问题"),
                         "problems", "chart 'problems' label '收集\ue007问题'", "U+E007"),
}


@pytest.mark.parametrize("where", UNDRAWABLE, ids=list(UNDRAWABLE))
def test_a_character_the_font_lacks_fails_naming_the_text_and_character(raw, font, where):
    edit, chart_id, named, code_point = UNDRAWABLE[where]
    report = edited(raw, edit)
    with pytest.raises(FontError) as caught:
        render_chart(chart_in(report, chart_id), report, font, BRIEFING)
    message = str(caught.value)
    assert named in message
    assert code_point in message


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


# --- the charts command --------------------------------------------------------


def test_the_charts_command_writes_png_and_svg_with_the_font_of_the_data_files_list(raw, font, tmp_path):
    """style.charts.fonts is tried in order (a family, then a file beside the data file); --verbose says which drew."""
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "chart-font.ttc").symlink_to(font.path)
    data = copy.deepcopy(raw)
    data["style"] = {"charts": {"fonts": ["No Such Family SC", "fonts/chart-font.ttc"]}}
    out = tmp_path / "out"
    env = {key: value for key, value in os.environ.items() if key != "REPORT_GEN_FONT"}
    result = subprocess.run(
        [sys.executable, "-m", "report_gen", "charts", str(write_data(tmp_path, data)), "--out", str(out), "--verbose"],
        capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0, result.stderr
    assert f"chart font: {font.family} (" in result.stderr
    assert "from style.charts.fonts[1]" in result.stderr
    assert "passed over style.charts.fonts[0] 'No Such Family SC': not installed" in result.stderr
    written = sorted(path.name for path in (out / "charts").iterdir())
    assert written == sorted(f"{chart_id}.{ext}" for chart_id in MINI_CHARTS for ext in ("png", "svg"))


def test_bars_of_one_thing_over_several_periods_are_named_by_period():
    def gdp(year, value):
        return Figure(id=f"gdp_{year}", label="地区生产总值", value=value, unit="亿元", period=f"{year}年", source="s", excerpt="x")

    assert category_labels([gdp(2022, 412.6), gdp(2023, 438.9)]) == ["2022年", "2023年"]
    other = Figure(id="other", label="财政收入", value=30, unit="亿元", period="2023年", source="s", excerpt="x")
    assert category_labels([gdp(2022, 412.6), other]) == ["地区生产总值", "财政收入"]


def test_text_longer_than_a_chart_allows_is_cut_with_an_ellipsis_and_never_overlaps(raw, font):
    """A 500-character source title and 1,500-character labels: at most four lines each, the source line three."""
    def edit(data):
        data["sources"][0]["title"] = "很长的来源标题" * 70
        data["sources"][1]["title"] = "很长的来源标题" * 70
        for theme in data["themes"]:
            for figure in theme["figures"]:
                figure["label"] = "非常长的指标名称" * 190
                figure.pop("short_label", None)

    report = edited(raw, edit)
    for chart_id in ("platforms", "platforms_h", "problems", "matters_growth"):
        for placement in (BRIEFING, SLIDE):
            texts, figure_box = drawn_texts(chart_in(report, chart_id), report, font, placement)
            assert_clean_layout(texts, figure_box)
            long = [text for text, _ in texts if "非常长" in text or "很长的" in text]
            assert long and all(text.count("\n") <= 3 and text.endswith("…") for text in long), (chart_id, long)
