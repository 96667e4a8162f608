"""Message titles: each slide says its point in its title, worked out from the data, never its type; no two alike.

Checked on the default data, on tests/fixtures/district/ and on the report `init` writes, neither of which has
templates of its own, and on the rules the titles are made by.
"""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation

from report_gen.cli import main
from report_gen.data.load import load_report
from report_gen.deck import deck_bytes
from report_gen.deck.script import THEME, panel_messages, short_script
from report_gen.deck.titles import (
    CONTINUED,
    Titles,
    caption_message,
    cases_messages,
    chart_messages,
    is_type_word,
    joined,
    largest_change,
    says_something,
)
from report_gen.narrative import Narrative
from report_gen.plan import plan_report
from tests.helpers import BEIBEI, FIXTURES
from tests.helpers.slides import kicker_of, title_of

DISTRICT = FIXTURES / "district" / "district.yaml"


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory):
    folder = tmp_path_factory.mktemp("init") / "county"
    assert main(["init", str(folder)]) == 0
    return folder / "report.yaml"


@pytest.fixture(scope="module", params=["beibei", "district", "scaffold"])
def report_path(request, scaffold):
    return {"beibei": BEIBEI, "district": DISTRICT, "scaffold": scaffold}[request.param]


def test_every_content_slide_says_its_point_under_its_theme_and_no_two_alike(report_path):
    report = load_report(report_path)
    deck = Presentation(io.BytesIO(deck_bytes(report, {}, chart_mode="native")))
    slides = list(deck.slides)
    content = [slide for slide in slides if kicker_of(slide) is not None]
    assert len(content) == len(slides) - 4, "every slide but the title, overview, sources and closing is a theme's"
    assert {kicker_of(slide) for slide in content} == {theme.short_title for theme in report.themes}
    titles = [title_of(slide) for slide in slides[1:-1]]
    assert len(set(titles)) == len(titles)
    assert not [title for title in titles[1:-1] if is_type_word(title)]
    assert not [title for title in titles if title.endswith(("。", "，", "；"))], "a heading ends without punctuation"


def test_each_title_is_taken_from_what_the_slide_holds(report_path):
    report = load_report(report_path)
    narrative = Narrative(report)
    for slide in short_script(report, narrative).slides:
        if slide.kind != THEME:
            continue
        messages = [panel_messages(panel, narrative.plan) for panel in slide.plan.panels]
        candidates = {text for group in messages for text in group}
        if len(messages) == 2:
            candidates |= {joined(first, second) for first in messages[0] for second in messages[1]}
        assert slide.title.removesuffix(CONTINUED) in candidates or slide.title in candidates, slide.title


def test_a_data_file_may_set_a_slide_s_title(tmp_path):
    text = BEIBEI.read_text(encoding="utf-8").replace(
        "        caption: 力帆科技一季度营收和净利润均比上年同期大幅增长。\n",
        "        caption: 力帆科技一季度营收和净利润均比上年同期大幅增长。\n        slide_title: 力帆科技一季度净利润增长两倍多\n")
    path = tmp_path / "titled.yaml"
    path.write_text(text, encoding="utf-8")
    deck = Presentation(io.BytesIO(deck_bytes(load_report(path), {}, chart_mode="native")))
    assert "力帆科技一季度净利润增长两倍多" in [title_of(slide) for slide in deck.slides]


def test_a_slide_title_longer_than_forty_characters_is_refused(tmp_path):
    text = BEIBEI.read_text(encoding="utf-8").replace(
        "        caption: 力帆科技一季度营收和净利润均比上年同期大幅增长。\n",
        "        caption: 力帆科技一季度营收和净利润均比上年同期大幅增长。\n        slide_title: " + "长" * 41 + "\n")
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1


# -- the rules ------------------------------------------------------------------


@pytest.mark.parametrize("caption, says", [
    ("推进服务大厅集中后，进驻政务服务中心的事项数量约翻了一番。", True),
    ("城乡居民收入逐年增加。", True),
    ("2021年全区新增市场主体与新增民营企业的户数。", False),
    ("两地合作的协议签署数量和直达客运专线的服务人次。", False),
    ("各类科技创新平台的数量。", False),
])
def test_a_caption_that_names_what_is_shown_says_no_message(caption, says):
    assert says_something(caption) is says
    assert (caption_message(caption) is not None) is says


def test_a_caption_too_long_for_a_title_gives_way_to_the_largest_change():
    report = load_report(BEIBEI)
    plan = plan_report(report)
    chart = next(chart for _, chart in report.all_charts() if chart.id == "rural_economy")
    assert caption_message(chart.caption) is None
    assert chart_messages(chart, plan.chart(chart.id))[0] == "农村居民人均可支配收入22258元，比2017年增长27.8%"


def test_the_largest_change_is_the_one_that_moved_most_against_its_base():
    report = load_report(BEIBEI)
    figures = plan_report(report).chart("lifan_q1_results").figures
    assert largest_change(figures).id == "lifan_q1_net_profit", "220% over 48%"


def test_cases_are_named_together_when_short_else_the_first_with_how_many():
    report = load_report(BEIBEI)
    business, governance = report.themes[0], report.themes[5]
    assert cases_messages(business.cases)[0] == "帮扶力帆科技解决用工难题等四个案例"
    assert cases_messages(governance.cases)[0] == "两江名居“四力共治”；“初心一家”小区党支部"


def test_a_title_taken_is_not_given_again():
    titles = Titles()
    assert [titles.take(["甲", "乙"]) for _ in range(4)] == ["甲", "乙", "甲（续）", "乙（续）"]
    assert titles.take(["甲"]) == "甲（续二）"
    assert titles.take_shared(["丙"], ["丁"]) == "丙，丁"
    assert titles.take_shared(["丙"], ["丁"]) == "丙"


@pytest.mark.parametrize("title, is_type", [("图表", True), ("关键数字与典型案例", True), ("典型案例（续）", True),
                                            ("进驻事项翻了一番", False), ("图表中的数字翻了一番", False)])
def test_a_type_word_alone_or_joined_is_no_message(title, is_type):
    assert is_type_word(title) is is_type


def test_no_title_in_the_default_short_deck_repeats_a_figure_s_words_it_does_not_show():
    report = load_report(BEIBEI)
    narrative = Narrative(report)
    for slide in short_script(report, narrative).slides:
        if slide.title and re.search(r"\d", slide.title):
            shown = {figure.id for panel in (slide.plan.panels if slide.plan else ()) for figure in panel.figures}
            said = [figure for _, figure in report.all_figures() if figure.label in slide.title]
            assert all(figure.id in shown for figure in said), slide.title
