"""How figures are written: qualifier and unit in their conventional places, values derived, never stored as text."""

import datetime as dt
from pathlib import Path

import pytest

from report_gen.data.load import load_report
from report_gen.data.model import Comparison, Figure, Qualifier
from report_gen.errors import DataError
from report_gen.text.numbers import (
    NumberNotWritable,
    write_amount,
    write_figure,
    write_plotted,
    write_change,
    write_comparison,
    write_date,
    write_number,
    write_partial_date,
)


def figure(value, unit, qualifier=None, comparison=None):
    return Figure(
        id="f", label="指标", value=value, unit=unit, qualifier=qualifier, period="2021年",
        source="s", excerpt="x", comparison=comparison,
    )


@pytest.mark.parametrize(
    "value, expected",
    [(500, "500"), (500.0, "500"), (12.5, "12.5"), (17.64, "17.64"), (22258, "22258"), (0.5, "0.5"), (99.3, "99.3")],
)
def test_numbers_have_no_separators_or_trailing_zeros(value, expected):
    assert write_number(value) == expected


@pytest.mark.parametrize(
    "value, unit, qualifier, expected",
    [
        (12.5, "亿元", Qualifier.ABOUT, "约12.5亿元"),
        (500, "项", Qualifier.OVER_YU, "500余项"),
        (2.3, "万名", Qualifier.OVER_YU, "2.3万余名"),
        (1, "万人次", Qualifier.OVER_YU, "1万余人次"),
        (600, "台", Qualifier.OVER_DUO, "600多台"),
        (30, "%", Qualifier.AT_LEAST, "30%以上"),
        (500, "项", Qualifier.MORE_THAN, "超过500项"),
        (600, "台", Qualifier.NEARLY, "近600台"),
        (6, "%", Qualifier.AROUND, "6%左右"),
        (5.5, "%", Qualifier.WITHIN, "5.5%以内"),
        (5, "%", Qualifier.UNDER, "不足5%"),
        (3, "%", Qualifier.AT_MOST, "3%以下"),
        (1.2, "万人", Qualifier.AROUND, "1.2万人左右"),
        (2.5, "万户", None, "2.5万户"),
        (99.3, "%", None, "99.3%"),
        (5085, "万元", None, "5085万元"),
        (13, "", None, "13"),
    ],
)
def test_each_qualifier_takes_its_conventional_place(value, unit, qualifier, expected):
    assert write_amount(value, unit, qualifier) == expected


def test_every_qualifier_is_covered():
    written = {q: write_amount(5, "万项", q) for q in Qualifier}
    assert written == {
        Qualifier.ABOUT: "约5万项",
        Qualifier.OVER_YU: "5万余项",
        Qualifier.OVER_DUO: "5万多项",
        Qualifier.AT_LEAST: "5万项以上",
        Qualifier.MORE_THAN: "超过5万项",
        Qualifier.NEARLY: "近5万项",
        Qualifier.AROUND: "5万项左右",
        Qualifier.WITHIN: "5万项以内",
        Qualifier.UNDER: "不足5万项",
        Qualifier.AT_MOST: "5万项以下",
    }


@pytest.mark.parametrize(
    "unit, value, magnitude, base_unit",
    [("亿元", 12.5, 1.25e9, "元"), ("万户", 2.5, 25000, "户"), ("万元", 5085, 50_850_000, "元"), ("项", 500, 500, "项"), ("万", 28.65, 286_500, "")],
)
def test_a_unit_carries_its_magnitude_word(unit, value, magnitude, base_unit):
    f = figure(value, unit)
    assert f.magnitude == magnitude
    assert f.base_unit == base_unit


def test_a_year_on_year_change_is_written_tongbi():
    assert write_change(Comparison(base_period="上年同期", change=220, change_unit="%")) == "同比增长220%"


def test_a_change_against_a_base_period_names_it():
    assert write_change(Comparison(base_period="2017年", change=2.65, change_unit="亿元")) == "较2017年增长2.65亿元"
    assert write_change(Comparison(base_period="2017年", change=27.8)) == "较2017年增长27.8%"


def test_a_fall_is_written_as_such():
    assert write_change(Comparison(base_period="上年同期", change=-5)) == "同比下降5%"


def test_a_base_value_is_written_from_to():
    f = figure(1000, "项", Qualifier.OVER_YU, Comparison(base_value=500, base_qualifier=Qualifier.OVER_YU))
    assert write_comparison(f) == "由500余项增加到1000余项"


def test_a_figure_without_comparison_has_none():
    assert write_comparison(figure(3, "个")) is None


def test_dates_are_written_without_zero_padding():
    assert write_date(dt.date(2021, 5, 1)) == "2021年5月1日"
    assert write_partial_date("2022-05") == "2022年5月"
    assert write_partial_date("2021") == "2021年"


@pytest.mark.parametrize("value, expected", [
    (1.0e-7, "0.0000001"),
    (0.12345678, "0.12345678"),
    (1234567890123.45, "1234567890123.45"),
    (999999999999999.0, "999999999999999"),
    (-0.0, "0"),
])
def test_numbers_are_written_exactly_as_given(value, expected):
    assert write_number(value) == expected


@pytest.mark.parametrize("value, message", [
    (12345678901234.56, "12345678901234.56 has 16 significant digits; at most 15 can be written as given (round it)"),
    (0.1 + 0.2, "0.30000000000000004 has 17 significant digits; at most 15 can be written as given (round it)"),
    (1e-11, "1e-11 needs 11 decimal places; at most 10 are written (use a smaller unit, e.g. 元 for 亿元)"),
])
def test_numbers_that_cannot_be_written_as_given_are_refused(value, message):
    with pytest.raises(NumberNotWritable) as caught:
        write_number(value)
    assert str(caught.value) == message


def test_a_tiny_figure_is_written_in_full_not_as_zero():
    assert write_amount(1.0e-7, "亿元", Qualifier.ABOUT) == "约0.0000001亿元"


def test_a_figure_too_precise_to_write_is_a_located_problem(tmp_path):
    mini = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
    path = tmp_path / "precise.yaml"
    path.write_text(mini.replace("value: 12.5\n", "value: 12345678901234.56\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_report(path)
    assert [str(problem).replace(str(path), "FILE") for problem in caught.value.problems] == [
        "FILE:44: themes[0].figures[0].value: 12345678901234.56 has 16 significant digits; at most 15 can be written as given (round it)"
    ]


# -- bulletin wording ------------------------------------------------------------


def test_a_change_in_points_is_raised_or_lowered():
    assert write_change(Comparison(base_period="上年", change=1.2, change_unit="个百分点")) == "较上年提高1.2个百分点"
    assert write_change(Comparison(base_period="上年", change=-0.3, change_unit="个百分点")) == "较上年下降0.3个百分点"


def test_a_fall_in_an_amount_is_a_decrease():
    assert write_change(Comparison(base_period="上年", change=-2.65, change_unit="亿元")) == "较上年减少2.65亿元"


def test_no_change_is_level():
    assert write_change(Comparison(base_period="上年同期", change=0)) == "同比持平"


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
    assert write_comparison(f) == "由60%提高到61.2%，较上年提高1.2个百分点"


def test_a_basis_leads_the_change_it_qualifies():
    f = figure(134908, "亿元", comparison=Comparison(base_period="上年", base_value=126058, change=5, basis="按不变价格计算"))
    assert write_comparison(f) == "由126058亿元增加到134908亿元，按不变价格计算，较上年增长5%"


def test_a_bar_below_the_axis_keeps_its_minus_sign():
    falling = Figure(id="f", label="财政收入", value=-3.2, unit="亿元", period="2024年", source="s", excerpt="x", count=False)
    assert write_plotted(falling) == "-3.2亿元"
    assert write_plotted(figure(3.2, "亿元", Qualifier.ABOUT)) == "约3.2亿元"
