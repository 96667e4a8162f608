"""A district's statistical bulletin written fresh (tests/fixtures/district/): each construct of issue 19, end to end.

A fictional district (澜湾区) with growth rates standing alone, amounts that
increase, points and 千分点, multiples, 持平, a growth rate's pace, a difference
from the city's average, a rank, a structure over two periods, bases, notes,
precision as printed (4.0 in the YAML, 0.0 cells in the workbook) and a chart of
values and growth rates by indicator. Its source text lies in sources/, so
`validate` and `build` hold every figure to it. The wording is pinned here.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document
from pptx import Presentation

from tests.helpers import FIXTURES
from tests.helpers.documents import docx_text
from tests.helpers.slides import deck_text, notes_of
from report_gen.charts.native import native_plan
from report_gen.charts.periods import growth_series
from report_gen.charts.spec import describe, key_figures
from report_gen.cli import main
from report_gen.data.load import load_located, load_report
from report_gen.data.provenance import check_provenance
from report_gen.plan import plan_report

DISTRICT = FIXTURES / "district" / "district.yaml"
SOURCES = FIXTURES / "district" / "sources"


@pytest.fixture(scope="module")
def report():
    return load_report(DISTRICT)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("district")
    assert main(["build", str(DISTRICT), "--out", str(out / "image"), "--quiet"]) == 0
    assert main(["build", str(DISTRICT), "--out", str(out / "native"), "--charts", "native", "--quiet"]) == 0
    return out


def briefing_text(built, kind="image") -> str:
    return docx_text(Document(built / kind / "lanwan_2022.docx"))


def test_every_figure_is_held_to_the_source_text(capsys):
    assert check_provenance(load_located(DISTRICT), SOURCES) == []
    assert main(["validate", str(DISTRICT)]) == 0
    out = capsys.readouterr().out
    assert "37 figures" in out and f"every excerpt found in {SOURCES}" in out


PINNED = [
    # a series, its last year continued by its pace, its standing against the city and its rank: the subject once
    "2020年地区生产总值268.1亿元，比上年增长2.6%；2021年为281.2亿元，比上年增长5.5%；2022年为295.4亿元，按可比价格计算，"
    "比上年增长3.3%，增速比上年回落2.2个百分点，高于全市平均水平5.7个百分点，居六区两县第1位。",
    # precision as printed (4.0), a value's basis, an amount that increases, 千分点, a structure
    "2022年，第一产业增加值24.6亿元，增长4.1%；第二产业增加值209.9亿元，增长4.0%；第三产业增加值60.9亿元，下降1.0%；"
    "按常住人口计算，人均地区生产总值91243元，比上年增加5218元；人口自然增长率1.63‰，比上年下降1.52个千分点；"
    "三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6。",
    "2022年末，常住人口32.37万人，比上年末增加0.41万人。",
    # the workbook's 0.0 cells: −1 is 下降1.0%
    "2022年，批发和零售业增加值12.8亿元，下降1.0%；交通运输、仓储和邮政业增加值5.6亿元，下降6.3%；",
    "社会消费品零售总额106.2亿元，同比下降0.2%。",
    # growth rates standing alone with their verbs, a pace, multiples, an explicit decimals
    "2022年，规模以上工业增加值增长5.1%，增速比上年加快1.5个百分点；新能源汽车产量由0.5万辆增加到1.2万辆，比上年增长1.4倍；"
    "跨境电商进出口额3.6亿元，是上年的2.4倍；固定资产投资下降3.2%；工业投资增长12.6%；",
    "在建项目412个，比上年增加37个；研究与试验发展经费投入强度2.10%。",
    # a difference below the city's average, no change, points
    "2022年，全体居民人均可支配收入38652元，比上年增长5.1%，低于全市平均水平1246元；",
    "空气质量优良天数272天，比上年增加29天；可吸入颗粒物年平均浓度56微克/立方米，与上年持平；"
    "城镇生活污水集中处理率由96.8%提高到97.6%，比上年提高0.8个百分点；能源消费总量540.8万吨标准煤，比上年下降2.7%。",
]


@pytest.mark.parametrize("sentence", PINNED, ids=range(len(PINNED)))
def test_the_briefing_words_each_construct_as_a_bulletin_does(built, sentence):
    assert sentence in re.sub("\u2060?\\[\\d+\\]", "", briefing_text(built))


def test_nothing_is_worded_as_the_issue_found_it(built):
    text = briefing_text(built) + deck_text(Presentation(built / "image" / "lanwan_2022.pptx"))
    for wrong in ("增长5218元", "增长29天", "位次1位", "下降1%", "增长-", "下降-", "较上年", "增长0%", "；；", "、和"):
        assert wrong not in text, wrong


def test_tables_join_a_difference_from_the_average_to_its_figure(built):
    rows = [[cell.text for cell in row.cells] for table in Document(built / "image" / "lanwan_2022.docx").tables for row in table.rows]
    income = next(row for row in rows if row[0] == "全体居民人均可支配收入")
    assert income[1:3] == ["38652元", "比上年增长5.1%，低于全市平均水平1246元"]
    assert ["人均地区生产总值（按常住人口计算）", "91243元", "比上年增加5218元"] == next(row for row in rows if row[1] == "91243元")[:3]
    assert sum(row[0] == "全体居民人均可支配收入" for row in rows) == 1


def test_notes_are_printed_as_sentences_under_what_shows_the_figure(built):
    paragraphs = [p.text for p in Document(built / "image" / "lanwan_2022.docx").paragraphs]
    assert "注：可吸入颗粒物年平均浓度：可吸入颗粒物指PM10。" in paragraphs, "a table's one note is not numbered"
    assert "注：三次产业结构按现价计算。" in paragraphs, "a note that names its figure is not led by the label again"
    deck = Presentation(built / "image" / "lanwan_2022.pptx")
    notes = "\n".join(notes_of(slide) for slide in deck.slides)
    assert "需要说明：可吸入颗粒物年平均浓度，可吸入颗粒物指PM10。" in notes
    assert "典型案例" not in notes and "目标" not in notes, "the report has neither cases nor frameworks"


def test_charts_by_indicator_take_the_rates_from_each_figure(report):
    plan = plan_report(report)
    services = plan.chart("service_sectors")
    growth = growth_series(services.chart, list(services.figures))
    assert growth.periods == ["批发零售", "交通运输", "住宿餐饮", "金融", "房地产", "信息技术", "其他服务业"]
    assert growth.rates == [-1.0, -6.3, -9.8, 4.8, -5.2, 7.5, 0.6]
    assert growth.rate_labels()[0] == "-1.0%" and growth.bar_name("亿元") == "增加值（亿元）"
    assert describe(services).startswith("柱线图：2022年服务业主要行业增加值及其增长速度。2022年，批发和零售业增加值12.8亿元，下降1.0%；")
    line = native_plan(services.chart, list(services.figures)).chart.plots[1].series[0]
    assert [label.number_format for label in line.labels][:2] == ['0.0"%"', '0.0"%"']


def test_a_tile_of_a_difference_shows_its_number_large_and_the_comparison_under_it(report):
    tiles = key_figures(plan_report(report).chart("standing").figures)
    assert [(tile.value, tile.change) for tile in tiles] == [("5.7个百分点", "高于全市平均水平"), ("居六区两县第1位", None)]


def test_a_structure_is_drawn_stacked_from_one_declaration(report):
    planned = plan_report(report).chart("industry_structure_chart")
    assert [(f.period, f.short_label, f.value) for f in planned.figures][3:] == [
        ("2022年", "第一产业", 8.3), ("2022年", "第二产业", 71.1), ("2022年", "第三产业", 20.6)]
    assert describe(planned) == "结构图：2021年和2022年三次产业结构。2021年第一产业9.4%、第二产业66.8%、第三产业23.8%；2022年第一产业8.3%、第二产业71.1%、第三产业20.6%。"


def test_native_charts_number_their_axes_and_keep_negative_labels_clear(report, built):
    planned = plan_report(report).chart("investment_growth")
    plot = native_plan(planned.chart, list(planned.figures)).chart.plots[0]
    assert plot.axis.tick_labels
    assert plot.axis.minimum <= -21.7 - 0.15 * (12.6 + 21.7), "room left of the lowest bar for its label"
    with zipfile.ZipFile(built / "native" / "lanwan_2022.pptx") as deck:
        charts = [deck.read(name).decode() for name in deck.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", name)]
    hbar = next(xml for xml in charts if '<c:barDir val="bar"/>' in xml and "房地产开发投资" in xml)
    assert '<c:tickLblPos val="nextTo"/>' in hbar


def test_precision_as_published_reaches_the_deck_and_the_native_labels(built):
    deck = deck_text(Presentation(built / "image" / "lanwan_2022.pptx"))
    assert "下降1.0%" in deck and "增长4.0%" in deck and "2.10%" in deck
    with zipfile.ZipFile(built / "native" / "lanwan_2022.docx") as briefing:
        xml = "".join(briefing.read(name).decode() for name in briefing.namelist() if name.startswith("word/charts/chart"))
    assert 'formatCode="0.0&quot;亿元&quot;"' in xml, "bar labels keep the workbook's one decimal"
