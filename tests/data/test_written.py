"""How a figure of the model is written: its kind, unit, decimals and comparison choose the wording (data.written)."""

import pydantic
import pytest

from report_gen.data.model import Comparison, Figure, FigureKind, Qualifier, Structure
from report_gen.data.written import (
    statement,
    structure_statement,
    write_base,
    write_change,
    write_comparison,
    write_figure,
    write_plotted,
)


def figure(value, unit, qualifier=None, comparison=None, **fields):
    return Figure(
        id="f", label=fields.pop("label", "指标"), value=value, unit=unit, qualifier=qualifier, period="2021年",
        source="s", excerpt="x", comparison=comparison, **fields,
    )


@pytest.mark.parametrize(
    "unit, value, magnitude, base_unit",
    [("亿元", 12.5, 1.25e9, "元"), ("万户", 2.5, 25000, "户"), ("万元", 5085, 50_850_000, "元"), ("项", 500, 500, "项"),
     ("万", 28.65, 286_500, ""), ("万亿元", 1.2, 1.2e12, "元")],
)
def test_a_unit_carries_its_magnitude_word(unit, value, magnitude, base_unit):
    f = figure(value, unit)
    assert f.magnitude == magnitude
    assert f.base_unit == base_unit


def test_a_year_on_year_change_is_written_tongbi():
    assert write_change(figure(1, "%", comparison=Comparison(base_period="上年同期", change=220))) == "同比增长220%"


def test_a_change_against_a_base_period_names_it_after_bi():
    assert write_change(figure(1, "亿元", comparison=Comparison(base_period="2017年", change=2.65, change_unit="亿元"))) == "比2017年增加2.65亿元"
    assert write_change(figure(1, "亿元", comparison=Comparison(base_period="2017年", change=27.8))) == "比2017年增长27.8%"


def test_a_fall_is_written_as_such():
    assert write_change(figure(1, "%", comparison=Comparison(base_period="上年同期", change=-5))) == "同比下降5%"


def test_a_base_value_is_written_from_to():
    f = figure(1000, "项", Qualifier.OVER_YU, Comparison(base_value=500, base_qualifier=Qualifier.OVER_YU))
    assert write_comparison(f) == "由500余项增加到1000余项"


def test_a_figure_without_comparison_has_none():
    assert write_comparison(figure(3, "个")) is None


def test_a_change_in_points_is_raised_or_lowered():
    f = figure(61, "%", comparison=Comparison(base_period="上年", change=1.2, change_unit="个百分点"))
    assert write_change(f) == "比上年提高1.2个百分点"
    f = figure(61, "%", comparison=Comparison(base_period="上年", change=-0.3, change_unit="个百分点"))
    assert write_change(f) == "比上年下降0.3个百分点"


def test_an_amount_rises_by_an_increase_and_falls_by_a_decrease():
    """Why: 人均地区生产总值91243元，较上年增长14545元 — 增长 belongs to rates."""
    rise = figure(91243, "元", comparison=Comparison(base_period="上年", change=14545, change_unit="元"), label="人均地区生产总值")
    assert statement(rise) == "人均地区生产总值91243元，比上年增加14545元"
    days = figure(272, "天", comparison=Comparison(base_period="上年", change=29, change_unit="天"), label="优良以上天数")
    assert statement(days) == "优良以上天数272天，比上年增加29天"
    fall = figure(1, "亿元", comparison=Comparison(base_period="上年", change=-2.65, change_unit="亿元"))
    assert write_change(fall) == "比上年减少2.65亿元"


def test_no_change_is_level_with_its_base():
    assert write_change(figure(1, "%", comparison=Comparison(base_period="上年同期", change=0))) == "与上年同期持平"
    assert write_change(figure(1, "%", comparison=Comparison(base_period="上年", change=0, change_unit="个百分点"))) == "与上年持平"


@pytest.mark.parametrize(
    "value, unit, qualifier, expected",
    [
        (-18.9, "%", None, "下降18.9%"),
        (-0.4, "个百分点", None, "下降0.4个百分点"),
        (-3.2, "亿元", None, "减少3.2亿元"),
        (-1200, "人", None, "减少1200人"),
        (-5, "%", Qualifier.AROUND, "下降5%左右"),
        (-5, "%", Qualifier.ABOUT, "下降约5%"),
    ],
)
def test_a_negative_value_is_written_as_a_fall_with_its_absolute_value(value, unit, qualifier, expected):
    written = write_figure(Figure(
        id="f", label="房地产开发投资", value=value, unit=unit, qualifier=qualifier, period="2024年",
        source="s", excerpt="x", count=False,
    ))
    assert written == expected
    assert "-" not in written


def test_a_percentage_rises_to_its_new_value():
    f = figure(61.2, "%", comparison=Comparison(base_value=60, change=1.2, change_unit="个百分点", base_period="上年"))
    assert write_comparison(f) == "由60%提高到61.2%，比上年提高1.2个百分点"


def test_a_basis_leads_the_change_it_qualifies():
    f = figure(134908, "亿元", comparison=Comparison(base_period="上年", base_value=126058, change=5, basis="按不变价格计算"))
    assert write_comparison(f) == "由126058亿元增加到134908亿元，按不变价格计算，比上年增长5%"


def test_a_value_basis_leads_the_whole_statement():
    """Why: 按常住人口计算 (per-capita GDP) never reached the briefing."""
    f = figure(91243, "元", label="人均地区生产总值", value_basis="按常住人口计算",
               comparison=Comparison(base_period="上年", change=14545, change_unit="元"))
    assert statement(f) == "按常住人口计算，人均地区生产总值91243元，比上年增加14545元"


def test_a_bar_below_the_axis_keeps_its_minus_sign():
    falling = Figure(id="f", label="财政收入", value=-3.2, unit="亿元", period="2024年", source="s", excerpt="x", count=False)
    assert write_plotted(falling) == "-3.2亿元"
    assert write_plotted(figure(3.2, "亿元", Qualifier.ABOUT)) == "约3.2亿元"


# -- the constructs of a district bulletin ----------------------------------------------


def test_a_growth_rate_standing_alone_takes_its_verb():
    """Why: 金融业增加值增长速度4.8% read as a level beside …下降5.2%."""
    rising = figure(4.8, "%", kind=FigureKind.CHANGE, label="金融业增加值")
    falling = figure(-5.2, "%", kind=FigureKind.CHANGE, label="房地产业增加值")
    assert statement(rising) == "金融业增加值增长4.8%"
    assert statement(falling) == "房地产业增加值下降5.2%"
    assert write_plotted(falling) == "-5.2%"


def test_precision_is_kept_as_published():
    """Why: the source prints −1.0; the briefing said 下降1%."""
    f = figure(-1.0, "%", kind=FigureKind.CHANGE, decimals=1, label="批发和零售业增加值")
    assert statement(f) == "批发和零售业增加值下降1.0%"
    g = figure(295.4, "亿元", comparison=Comparison(base_period="上年", change=-1.0, change_decimals=1))
    assert write_change(g) == "比上年下降1.0%"
    share = figure(20, "%", decimals=1, comparison=Comparison(base_value=19.5, change=0.5, change_unit="个百分点"))
    assert write_comparison(share) == "由19.5%提高到20.0%，提高0.5个百分点"


def test_a_growth_rate_of_a_growth_rate_is_its_pace():
    level = figure(295.4, "亿元", comparison=Comparison(base_period="上年", change=7.2, growth_change=-2.2))
    assert write_change(level) == "比上年增长7.2%，增速比上年回落2.2个百分点"
    rate = figure(7.2, "%", kind=FigureKind.CHANGE, label="地区生产总值",
                  comparison=Comparison(base_period="上年", change=1.5, change_unit="个百分点"))
    assert statement(rate) == "地区生产总值增长7.2%，增速比上年加快1.5个百分点"


def test_multiples_and_per_mille_points():
    times = figure(24, "亿元", comparison=Comparison(base_period="上年", base_value=10, change=1.4, change_unit="倍", multiple=2.4))
    assert write_change(times) == "比上年增长1.4倍，是上年的2.4倍"
    rate = figure(3.1, "‰", label="人口自然增长率", comparison=Comparison(base_period="上年", change=-1.52, change_unit="个千分点"))
    assert statement(rate) == "人口自然增长率3.1‰，比上年下降1.52个千分点"


def test_a_difference_from_an_average_and_a_rank():
    """Why: 地区生产总值增速在六区两县中的位次1位."""
    above = figure(5.7, "个百分点", against="全市平均水平", label="地区生产总值增速", count=False)
    rank = figure(1, "位", among="六区两县", label="地区生产总值增速")
    below = figure(-1200, "元", against="全市平均水平", label="人均可支配收入")
    assert statement(above) == "地区生产总值增速高于全市平均水平5.7个百分点"
    assert statement(rank) == "地区生产总值增速居六区两县第1位"
    assert statement(below) == "人均可支配收入低于全市平均水平1200元"
    assert write_base(rank) is None


def test_a_structure_is_one_construct():
    structure = Structure(
        id="industry", label="三次产业结构", parts=["第一产业", "第二产业", "第三产业"], source="s",
        periods=[{"period": "2021年", "shares": [9.4, 66.8, 23.8], "excerpt": "x"},
                 {"period": "2022年", "shares": [8.3, 71.1, 20.6], "excerpt": "y"}],
    )
    assert structure_statement(structure) == "三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6"
    shares = structure.share_figures()
    assert [(f.short_label, f.period, f.value) for f in shares[:2]] == [("第一产业", "2021年", 9.4), ("第二产业", "2021年", 66.8)]


def test_a_structure_must_make_a_whole():
    with pytest.raises(pydantic.ValidationError, match="add up to 103%, not 100%"):
        Structure(id="s", label="结构", parts=["甲", "乙"], source="s", periods=[{"period": "2022年", "shares": [50, 53], "excerpt": "x"}])
    with pytest.raises(pydantic.ValidationError, match="gives 3 shares for 2 parts"):
        Structure(id="s", label="结构", parts=["甲", "乙"], source="s", periods=[{"period": "2022年", "shares": [50, 30, 20], "excerpt": "x"}])


def test_a_multiple_that_falls_and_a_rank_that_is_no_place_are_refused():
    with pytest.raises(pydantic.ValidationError, match="a multiple cannot fall"):
        Comparison(change=-1.4, change_unit="倍")
    with pytest.raises(pydantic.ValidationError, match="a rank is a whole number"):
        figure(1.5, "位", among="全市")
    with pytest.raises(pydantic.ValidationError, match="a rank .among. is counted in 位 or 名"):
        figure(1, "个", among="全市")
