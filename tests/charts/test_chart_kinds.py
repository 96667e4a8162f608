"""The charts of periods (line, bar_line, stacked): what they mean, what they refuse and where, how they are drawn.

The data is tests/fixtures/bulletin.yaml, a statistical-bulletin style report of
a fictional county: a five-year GDP series with growth rates, budget revenue
with a fall in 2023, two years of the three industries' shares and two lines
of income.
"""

from __future__ import annotations

import copy
import io
import itertools
from pathlib import Path

import pytest
import yaml
from matplotlib.text import Text
from PIL import Image, ImageStat

from tests.helpers import FIXTURES
from report_gen import charts, design
from report_gen.charts import BRIEFING, SLIDE, alt_text, render_chart
from report_gen.charts.periods import (
    BARS_SHARE,
    LINE_BAND,
    REMAINDER_LABEL,
    bar_line_scales,
    growth_series,
    label_sides,
    line_scale,
    line_table,
    share_table,
)
from report_gen.plan import plan_chart
from report_gen.cli import main
from report_gen.data.checks import share_total_exceeds_whole
from report_gen.data.load import load_report
from report_gen.data.model import ChartKind, Report
from report_gen.errors import DataError
from report_gen.fonts.chart_font import find_cjk_font

BULLETIN = FIXTURES / "bulletin.yaml"
MINI = FIXTURES / "mini.yaml"
PERIOD_CHARTS = ["gdp_growth", "revenue_growth", "industry_structure", "income_lines", "retail_line"]


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(BULLETIN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(raw) -> Report:
    return Report.model_validate(raw)


@pytest.fixture(scope="module")
def font():
    return find_cjk_font()


def chart_in(report: Report, chart_id: str):
    return next(chart for _, chart in report.all_charts() if chart.id == chart_id)


def edited(raw: dict, edit) -> dict:
    data = copy.deepcopy(raw)
    edit(data)
    return data


def figure_in(data: dict, figure_id: str) -> dict:
    return next(f for theme in data["themes"] for f in theme["figures"] if f["id"] == figure_id)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "bulletin.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_report(path)
    return [str(problem).replace(str(path), "FILE") for problem in caught.value.problems]


def test_mini_and_the_bulletin_have_every_chart_kind_between_them(report):
    mini = load_report(MINI)
    kinds = {chart.kind for source in (mini, report) for _, chart in source.all_charts()}
    assert kinds == set(ChartKind) - {ChartKind.GROUPED_BAR}, "grouped_bar is added to mini by test_charts"
    assert {chart.kind for _, chart in report.all_charts()} == {ChartKind.LINE, ChartKind.BAR_LINE, ChartKind.STACKED}


# -- what the charts mean -------------------------------------------------------------


def test_a_line_chart_has_a_line_per_short_label_over_the_periods_in_order(report):
    chart = chart_in(report, "income_lines")
    table = line_table(chart, list(plan_chart(report, chart).figures))
    assert table.periods == ["2022年", "2023年", "2024年"]
    assert table.series == ["城镇居民", "农村居民"]
    assert table.labels()[1] == ["19870元", "21150元", "22460元"]
    assert table.arrange([1, 2, 3, 4, 5, 6]) == [[1, 2, 3], [4, 5, 6]]


def test_a_bar_line_chart_pairs_each_value_with_its_growth_rate(report):
    chart = chart_in(report, "revenue_growth")
    growth = growth_series(chart, list(plan_chart(report, chart).figures))
    assert growth.periods == ["2022年", "2023年", "2024年"]
    assert growth.rates == [5.2, -3.8, 7.8]
    assert growth.bar_labels() == ["18.6亿元", "17.9亿元", "19.3亿元"]
    assert growth.rate_labels() == ["5.2%", "-3.8%", "7.8%"]
    assert growth.bar_name("亿元") == "一般公共预算收入（亿元）"


def test_the_growth_line_runs_above_the_tallest_bar():
    values, rates = [286.4, 312.7, 321.5, 340.2, 357.9], [3.9, 8.1, 2.6, 5.6, 5.3]
    bars, line = bar_line_scales(values, rates)
    assert bars.low == 0 and max(values) / bars.high <= BARS_SHARE
    heights = [(rate - line.low) / (line.high - line.low) for rate in rates]
    assert min(heights) == pytest.approx(LINE_BAND[0]) and max(heights) == pytest.approx(LINE_BAND[1])


def test_a_stacked_chart_gives_every_part_of_every_period(report):
    chart = chart_in(report, "industry_structure")
    table = share_table(chart, list(plan_chart(report, chart).figures))
    assert table.periods == ["2020年", "2024年"]
    assert table.parts == ["第一产业", "第二产业", "第三产业"]
    assert [row[1] for row in table.shares] == [10.7, 39.5, 49.8]
    assert not table.has_remainder, "10.7 + 39.5 + 49.8 is the whole"


def test_shares_that_leave_part_of_the_whole_get_a_remainder(raw):
    data = edited(raw, lambda d: figure_in(d, "tertiary_2024").update(value=45.8))
    report = Report.model_validate(data)
    chart = chart_in(report, "industry_structure")
    table = share_table(chart, list(plan_chart(report, chart).figures))
    assert table.parts[-1] == REMAINDER_LABEL
    assert table.shares[-1] == pytest.approx([0.0, 4.0])
    assert table.written(3, 1) == "4%"


@pytest.mark.parametrize("shares, exceeds", [
    ([10.7, 39.5, 49.8], False),
    ([33.3, 33.3, 33.4], False),
    ([10.7, 39.5, 49.9], False),  # 100.1: the three printed shares may each be 0.05 above the true ones
    ([33.4, 33.4, 33.4], True),  # 100.2: no rounding of one decimal explains it
    ([34, 34, 33], False),  # 101: whole percentages round by up to a half each
    ([60, 42], True),
    ([], False),
])
def test_shares_exceed_the_whole_only_beyond_rounding(shares, exceeds):
    assert share_total_exceeds_whole(shares) is exceeds


@pytest.mark.parametrize("values, sides", [
    ([96.4, 104.8, 110.2], ["below", "above_left", "above"]),
    ([5.2, -3.8, 7.8], ["above", "below", "above"]),
    ([3, 2, 1], ["above", "above_right", "below"]),
    ([1, 1, 1], ["above", "above", "above"]),
])
def test_a_point_is_labelled_on_the_side_its_line_leaves_free(values, sides):
    assert label_sides(values) == sides


def test_a_line_axis_starts_at_zero_unless_the_line_would_lie_flat():
    assert line_scale([19870, 22460, 41230, 45020]).low == 0
    slow = line_scale([96.4, 104.8, 110.2])
    assert 80 < slow.low <= 96.4 and slow.high > 110.2


def test_alt_text_states_every_number(report):
    assert alt_text(chart_in(report, "revenue_growth"), report) == (
        "柱线图：2022—2024年一般公共预算收入及其增长速度。"
        "2022年一般公共预算收入18.6亿元，比上年增长5.2%；2023年一般公共预算收入17.9亿元，比上年下降3.8%；"
        "2024年一般公共预算收入19.3亿元，比上年增长7.8%。"
    )
    assert alt_text(chart_in(report, "industry_structure"), report) == (
        "结构图：2020年和2024年三次产业结构。2020年第一产业12.1%、第二产业40.3%、第三产业47.6%；"
        "2024年第一产业10.7%、第二产业39.5%、第三产业49.8%。"
    )
    assert alt_text(chart_in(report, "income_lines"), report) == (
        "折线图：2022—2024年城乡居民人均可支配收入。城镇居民2022年41230元、2023年43180元、2024年45020元；"
        "农村居民2022年19870元、2023年21150元、2024年22460元。"
    )


# -- located refusals -----------------------------------------------------------------


FAULTS = {
    "a missing growth rate": (
        ("comparison: {base_period: 上年, change: 8.1}, source", "source"),
        "FILE:43: themes[0].charts[0].figures[1]: figure 'gdp_2021' gives no growth rate (comparison.change in %), "
        "which a bar_line chart draws as its line",
    ),
    "a change in another unit": (
        ("change: 2.6}", "change: 8.2, change_unit: 亿元}"),
        "FILE:43: themes[0].charts[0].figures[2]: figure 'gdp_2022' gives its change in 亿元, not a growth rate in %; "
        "a bar_line chart draws growth rates",
    ),
    "shares over 100": (
        ("value: 49.8", "value: 52.8"),
        "FILE:72: themes[1].charts[0].figures: the shares of 2024年 add up to 103%, more than the whole (100%)",
    ),
    "shares in another unit": (
        ('unit: "%"', "unit: 亿元"),
        "FILE:72: themes[1].charts[0].figures: a stacked chart shows shares in %, but its figures are in '亿元'",
    ),
    "mixed units in a line": (
        ("value: 22460, unit: 元", "value: 22460, unit: 户"),
        "FILE:102: themes[2].charts[0].figures: figures have different units and cannot share one axis: "
        "urban_2022 (元), urban_2023 (元), urban_2024 (元), rural_2022 (元), rural_2023 (元), rural_2024 (户)",
    ),
    "a period twice in a line": (
        ("value: 21150, unit: 元, period: 2023年", "value: 21150, unit: 元, period: 2024年"),
        "FILE:102: themes[2].charts[0].figures[5]: 'rural_2023' and 'rural_2024' are both 农村居民 in 2024年; "
        "a line chart draws one figure a period for each short label",
    ),
    "one figure": (
        ("figures: [retail_2022, retail_2023, retail_2024]", "figures: [retail_2022]"),
        "FILE:107: themes[2].charts[1].figures: a line chart needs at least two figures",
    ),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_unfit_figures_are_refused_at_their_line(tmp_path, fault):
    (old, new), expected = FAULTS[fault]
    text = BULLETIN.read_text(encoding="utf-8")
    assert old in text
    problems = problems_of(tmp_path, text.replace(old, new) if fault == "shares in another unit" else text.replace(old, new, 1))
    assert problems == [expected]


def test_the_cli_refuses_a_missing_growth_rate_without_a_traceback(tmp_path, capsys):
    text = BULLETIN.read_text(encoding="utf-8").replace("comparison: {base_period: 上年, change: 8.1}, source", "source")
    path = tmp_path / "bulletin.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert "figure 'gdp_2021' gives no growth rate" in error and "Traceback" not in error
    assert not (tmp_path / "out").exists()


# -- images ---------------------------------------------------------------------------


def drawn(chart, report, font, placement):
    """Draw a chart; return its visible texts with their boxes, its lines, the figure's box and its greyscale image."""
    with charts.render._drawn(chart, report, font, placement) as canvas:
        buffer = io.BytesIO()
        canvas.fig.savefig(buffer, format="png", dpi=placement.dpi)
        renderer = canvas.fig.canvas.get_renderer()
        texts = [(t.get_text(), t.get_window_extent(renderer)) for t in canvas.fig.findobj(Text)
                 if t.get_visible() and t.get_text().strip()]
        lines = [line for ax in canvas.fig.axes for line in ax.get_lines() if len(line.get_xdata())]
        return texts, lines, canvas.fig.bbox, Image.open(buffer).convert("L")


def assert_clean_layout(texts, box):
    for text, extent in texts:
        assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1, f"{text!r} is clipped left or right"
        assert extent.y0 >= box.y0 - 1 and extent.y1 <= box.y1 + 1, f"{text!r} is clipped top or bottom"
    for (text_a, a), (text_b, b) in itertools.combinations(texts, 2):
        assert min(a.x1, b.x1) - max(a.x0, b.x0) <= 1 or min(a.y1, b.y1) - max(a.y0, b.y0) <= 1, f"{text_a!r} overlaps {text_b!r}"


@pytest.mark.parametrize("placement", [BRIEFING, SLIDE], ids=lambda p: p.name)
@pytest.mark.parametrize("chart_id", PERIOD_CHARTS)
def test_each_chart_of_periods_draws_every_number_without_overlap(report, font, chart_id, placement):
    chart = chart_in(report, chart_id)
    texts, _, box, _ = drawn(chart, report, font, placement)
    assert_clean_layout(texts, box)
    shown = {text for text, _ in texts}
    assert "资料来源：《示例县2024年国民经济和社会发展统计公报》" in shown
    figures = list(plan_chart(report, chart).figures)
    if chart.kind is ChartKind.BAR_LINE:
        assert {"286.4亿元", "357.9亿元", "3.9%", "8.1%"} <= shown or {"18.6亿元", "-3.8%"} <= shown
        assert {f.period for f in figures} <= shown
    elif chart.kind is ChartKind.STACKED:
        assert {"10.7%", "39.5%", "49.8%", "12.1%", "第一产业", "第三产业", "2020年", "2024年"} <= shown
    elif chart_id == "retail_line":
        assert {"96.4亿元", "104.8亿元", "110.2亿元", "单位：亿元"} <= shown
    else:
        assert {"45020元", "22460元", "城镇居民", "农村居民", "单位：万元"} <= shown


def test_a_bar_line_chart_draws_grey_bars_under_a_red_line(report, font):
    texts, lines, _, _ = drawn(chart_in(report, "gdp_growth"), report, font, BRIEFING)
    (line,) = lines
    assert line.get_color() == design.RED
    legend = [text for text, _ in texts if text in ("地区生产总值（亿元）", "增长速度（%）")]
    assert legend == ["地区生产总值（亿元）", "增长速度（%）"], "the bars first in the legend"


def test_lines_differ_by_dash_and_marker_as_well_as_grey(report, font):
    _, lines, _, _ = drawn(chart_in(report, "income_lines"), report, font, BRIEFING)
    assert [line.get_color() for line in lines] == [style.colour for style in design.LINE_STYLES[2]]
    assert lines[0].get_marker() != lines[1].get_marker()
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    for count, styles in design.LINE_STYLES.items():
        assert len(styles) == count and styles[-1].colour == design.RED
        assert len({(s.marker, s.dash) for s in styles}) == count


def test_the_parts_of_a_whole_differ_in_greyscale(report, font):
    chart = chart_in(report, "industry_structure")
    with charts.render._drawn(chart, report, font, BRIEFING) as canvas:
        buffer = io.BytesIO()
        canvas.fig.savefig(buffer, format="png", dpi=BRIEFING.dpi)
        grey = Image.open(buffer).convert("L")
        renderer = canvas.fig.canvas.get_renderer()
        parts = [[bar.get_window_extent(renderer) for bar in bars] for bars in canvas.fig.axes[0].containers]
    for period in range(2):
        lightness = []
        for boxes in parts:
            extent = boxes[period]
            # Sample the part's left end, away from its share written in the middle.
            crop = grey.crop((round(extent.x0) + 4, round(grey.height - extent.y1) + 4,
                              round(extent.x0) + 40, round(grey.height - extent.y0) - 4))
            lightness.append(ImageStat.Stat(crop).mean[0])
        for left, right in zip(lightness, lightness[1:]):
            assert abs(left - right) >= design.GREYSCALE_MARGIN, lightness


def test_a_stacked_chart_is_only_as_tall_as_its_bars(report, font):
    rendered = render_chart(chart_in(report, "industry_structure"), report, font, BRIEFING)
    assert rendered.height_mm < BRIEFING.height_mm * 0.75
    with Image.open(io.BytesIO(rendered.png)) as image:
        assert image.height == round(rendered.height_mm / 25.4 * BRIEFING.dpi) or abs(
            image.height - rendered.height_mm / 25.4 * BRIEFING.dpi) < 2
