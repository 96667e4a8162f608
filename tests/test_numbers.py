"""How figures are written: qualifier and unit in their conventional places, values derived, never stored as text."""

import datetime as dt

import pytest

from report_gen.data.model import Comparison, Figure, Qualifier
from report_gen.text.numbers import (
    write_amount,
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
