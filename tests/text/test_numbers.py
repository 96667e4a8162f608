"""How numbers are written: no separators, the decimals as printed, qualifiers in their conventional places."""

import datetime as dt

import pytest

from tests.helpers import MINI
from report_gen.data.load import load_report
from report_gen.data.model import Qualifier
from report_gen.errors import DataError
from report_gen.text.numbers import NumberNotWritable, decimals_of, write_date, write_number, write_partial_date
from report_gen.text.wording import write_amount


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
    mini = MINI.read_text(encoding="utf-8")
    path = tmp_path / "precise.yaml"
    path.write_text(mini.replace("value: 12.5\n", "value: 12345678901234.56\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_report(path)
    assert [str(problem).replace(str(path), "FILE") for problem in caught.value.problems] == [
        "FILE:44: themes[0].figures[0].value: 12345678901234.56 has 16 significant digits; at most 15 can be written as given (round it)"
    ]


@pytest.mark.parametrize("value, decimals, expected", [
    (-1.0, 1, "-1.0"), (1, 1, "1.0"), (20, 2, "20.00"), (12.35, 1, "12.35"), (0, 1, "0.0"), (22258, None, "22258"), (4.0, 0, "4"),
])
def test_decimals_pad_a_number_to_the_places_it_was_printed_with_and_never_round(value, decimals, expected):
    assert write_number(value, decimals) == expected


@pytest.mark.parametrize("text, places", [("1.0", 1), ("-0.20", 2), ("12", 0), ("1,200.5", 1), ("12亿", None)])
def test_the_decimals_of_a_written_number_are_counted(text, places):
    assert decimals_of(text) == places
