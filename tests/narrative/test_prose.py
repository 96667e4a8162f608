"""Prose written from figures alone reads like a bulletin: no period or label said twice, series in one sentence."""

from __future__ import annotations

import re

from report_gen.data.model import Comparison, Figure, Qualifier, Structure
from report_gen.narrative.figures import FigureText
from report_gen.narrative.prose import figure_sentences, own_label


def figure(id, label, value, unit, period, comparison=None, qualifier=None, source="s", count=True):
    return Figure(
        id=id, label=label, value=value, unit=unit, period=period, source=source, excerpt="x",
        comparison=comparison, qualifier=qualifier, count=count,
    )


def sentences(figures) -> list[str]:
    return [sentence.plain for sentence in figure_sentences(figures)]


def gdp(year, value, growth):
    return figure(f"gdp_{year}", "地区生产总值", value, "亿元", f"{year}年", Comparison(base_period="上年", change=growth))


def test_a_label_that_starts_with_its_period_does_not_say_it_twice():
    income = figure("income", "2022年全体居民人均可支配收入", 29105, "元", "2022年")
    assert own_label(income) == "全体居民人均可支配收入"
    assert sentences([income]) == ["2022年，全体居民人均可支配收入29105元。"]


def test_one_figure_over_three_years_is_one_sentence_with_a_span():
    assert sentences([gdp(2022, 120.5, 5.1), gdp(2023, 128, 6), gdp(2024, 135.2, 5.5)]) == [
        "2022—2024年，地区生产总值分别为120.5亿元、128亿元和135.2亿元，比上年分别增长5.1%、6%和5.5%。"
    ]


def test_a_series_whose_changes_run_different_ways_states_each_year_once():
    assert sentences([gdp(2023, 128, 6), gdp(2024, 126, -1.6)]) == [
        "2023年地区生产总值128亿元，比上年增长6%；2024年为126亿元，比上年下降1.6%。"
    ]


def test_figures_of_one_period_share_one_sentence_and_the_period_is_said_once():
    estate = figure("estate", "房地产开发投资", -18.9, "%", "2024年", count=False)
    urban = figure("urban", "常住人口城镇化率", 61.2, "%", "2024年", Comparison(base_value=60, change=1.2, change_unit="个百分点"))
    jobs = figure("jobs", "城镇新增就业", 1.2, "万人", "2024年", qualifier=Qualifier.OVER_YU)
    assert sentences([estate, urban, jobs]) == [
        "2024年，房地产开发投资下降18.9%；常住人口城镇化率由60%提高到61.2%，提高1.2个百分点；城镇新增就业1.2万余人。"
    ]


def test_a_label_repeated_within_a_period_is_said_once():
    in_yuan = figure("trade", "外贸进出口总额", 45.6, "亿元", "2024年")
    in_dollars = figure("trade_usd", "外贸进出口总额", 6.4, "亿美元", "2024年")
    assert sentences([in_yuan, in_dollars]) == ["2024年，外贸进出口总额45.6亿元，6.4亿美元。"]


def test_series_and_periods_keep_the_order_figures_are_first_met():
    jobs = figure("jobs", "城镇新增就业", 1.2, "万人", "2024年")
    text = sentences([jobs, gdp(2022, 120, 5), gdp(2023, 128, 6), gdp(2024, 135, 5.5)])
    assert text[0].startswith("2024年，城镇新增就业") and text[1].startswith("2022—2024年，地区生产总值")


def test_no_sentence_says_a_period_or_a_label_twice():
    figures = [
        gdp(2022, 120, 5), gdp(2023, 128, 6), gdp(2024, 135, 5.5),
        figure("estate", "2024年房地产开发投资", -18.9, "%", "2024年", count=False),
        figure("income", "2024年全体居民人均可支配收入", 3.1, "万元", "2024年"),
        figure("rural", "农村居民人均可支配收入", 2.2, "万元", "截至2024年底"),
        figure("matters", "进驻事项", 1000, "项", "截至2024年底", Comparison(base_value=500), Qualifier.OVER_YU),
    ]
    for sentence in sentences(figures):
        for period in {f.period for f in figures}:
            assert len(re.findall(re.escape(period) + "(?!底)", sentence)) <= 1, sentence
        for label in {own_label(f) for f in figures}:
            assert sentence.count(label) <= 1, sentence


def test_every_number_carries_its_source_for_citation():
    (sentence,) = figure_sentences([gdp(2023, 128, 6), gdp(2024, 135, 5.5)])
    assert sentence.plain == "2023年和2024年，地区生产总值分别为128亿元和135亿元，比上年分别增长6%和5.5%。"
    assert sentence.sources == ("s",)
    cited_after = [sentence.plain[: citation.at] for citation in sentence.citations]
    assert [text[-5:] for text in cited_after] == ["128亿元", "135亿元", "别增长6%", "和5.5%"]


def test_a_base_that_is_the_year_before_is_not_said_again():
    earlier = figure("pupils_2023", "小学在校生", 2.31, "万人", "2023年")
    later = figure("pupils_2024", "小学在校生", 2.38, "万人", "2024年", Comparison(base_period="上年", base_value=2.31, change=0.07, change_unit="万人"))
    assert sentences([earlier, later]) == ["2023年小学在校生2.31万人；2024年为2.38万人，比上年增加0.07万人。"]


def test_a_dated_statement_says_its_period_once_and_its_value_once():
    income = FigureText(figure("income", "2022年全体居民人均可支配收入", 29105, "元", "2022年"), None)
    assert income.dated_statement.plain == "2022年，全体居民人均可支配收入29105元"
    matters = FigureText(figure("matters", "进驻事项", 1000, "项", "截至2020年底", Comparison(base_value=500, base_qualifier=Qualifier.OVER_YU), Qualifier.OVER_YU), None)
    assert matters.dated_statement.plain == "截至2020年底，进驻事项由500余项增加到1000余项"
    assert matters.dated_statement.sources == ("s",)


# -- a subject said once (issue 19) ---------------------------------------------------


def test_a_subject_is_said_once_for_its_change_standing_and_rank():
    """Why: 地区生产总值295.4亿元…；地区生产总值增速高于…；地区生产总值增速在六区两县中的位次1位."""
    gdp = figure("gdp", "地区生产总值", 295.4, "亿元", "2022年", Comparison(base_period="上年", change=3.3))
    above = Figure(id="above", label="地区生产总值增速", value=5.7, unit="个百分点", against="全市平均水平", period="2022年",
                   source="s", excerpt="x", count=False)
    rank = Figure(id="rank", label="地区生产总值增速", value=1, unit="位", among="六区两县", period="2022年", source="s", excerpt="x")
    assert sentences([gdp, above, rank]) == [
        "2022年，地区生产总值295.4亿元，比上年增长3.3%，增速高于全市平均水平5.7个百分点，居六区两县第1位。"
    ]


def test_a_figure_that_only_repeats_its_subjects_change_is_not_said_again():
    """Why: 能源能耗总量540.8万吨标准煤，较上年下降2.7%；下降2.7%；"""
    energy = figure("energy", "能源消费总量", 540.8, "万吨标准煤", "2022年", Comparison(base_period="上年", change=-2.7))
    again = Figure(id="energy_growth", label="能源消费总量", kind="change", value=-2.7, unit="%", period="2022年", source="s", excerpt="x")
    assert sentences([energy, again]) == ["2022年，能源消费总量540.8万吨标准煤，比上年下降2.7%。"]


def test_separate_subjects_are_set_apart_with_semicolons_only_when_they_hold_commas():
    firms = figure("firms", "规模以上工业企业", 312, "家", "2024年")
    large = figure("large", "产值超亿元企业", 90, "家", "2024年", qualifier=Qualifier.NEARLY)
    assert sentences([firms, large]) == ["2024年，规模以上工业企业312家，产值超亿元企业近90家。"]


def test_a_structure_is_one_clause_of_its_latest_period():
    structure = Structure(id="industry", label="三次产业结构", parts=["第一产业", "第二产业", "第三产业"], source="s", periods=[
        {"period": "2021年", "shares": [9.4, 66.8, 23.8], "excerpt": "x"}, {"period": "2022年", "shares": [8.3, 71.1, 20.6], "excerpt": "y"}])
    gdp = figure("gdp", "地区生产总值", 295.4, "亿元", "2022年")
    assert [s.plain for s in figure_sentences([gdp], [structure])] == [
        "2022年，地区生产总值295.4亿元，三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6。"
    ]
