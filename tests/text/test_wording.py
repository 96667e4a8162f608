"""The wording of bulletins: every convention in the one table is written as its examples say, and read back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_gen.text.numbers import QUALIFIERS
from report_gen.text.wording import (
    CONVENTIONS,
    WRITERS,
    ChangeKind,
    Written,
    as_sentence,
    change_kind,
    join_series,
    parse_written,
    verb,
    write_amount,
    write_movement,
    write_signed,
)

EXAMPLES = [(rule.kind, example) for rule in CONVENTIONS for example in rule.examples]


def test_every_kind_of_change_has_a_convention_with_examples():
    assert {rule.kind for rule in CONVENTIONS} == set(ChangeKind)
    assert all(rule.examples for rule in CONVENTIONS)


@pytest.mark.parametrize("kind, example", EXAMPLES, ids=[example.written for _, example in EXAMPLES])
def test_each_convention_writes_its_examples_and_never_the_wrong_form(kind, example):
    written = WRITERS[kind](**example.given)
    assert written == example.written
    assert written != example.wrong


@pytest.mark.parametrize("unit, kind, rise, fall", [
    ("%", ChangeKind.RATE, "增长", "下降"),
    ("元", ChangeKind.AMOUNT, "增加", "减少"),
    ("亿元", ChangeKind.AMOUNT, "增加", "减少"),
    ("个百分点", ChangeKind.POINTS, "提高", "下降"),
    ("个千分点", ChangeKind.PER_MILLE_POINTS, "提高", "下降"),
])
def test_the_unit_of_a_change_says_what_changed_and_so_its_verb(unit, kind, rise, fall):
    assert change_kind(unit) is kind
    assert (verb(kind, True), verb(kind, False)) == (rise, fall)


def test_a_multiple_cannot_fall():
    with pytest.raises(ValueError, match="cannot be written as a fall"):
        write_movement(-1.4, "倍")


def test_lists_and_notes_read_as_chinese():
    assert join_series(["甲", "乙", "丙"]) == "甲、乙和丙"
    assert join_series(["甲", "乙"]) == "甲和乙"
    assert as_sentence("按常住人口计算") == "按常住人口计算。"
    assert as_sentence("原文如此。") == "原文如此。"


# -- reading written forms back ------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("约12.8亿元", Written(12.8, "亿元", "约", 1)),
    ("下降1.0%", Written(-1.0, "%", None, 1, ChangeKind.RATE)),
    ("2.3万余名", Written(2.3, "万名", "余", 1)),
    ("30%以上", Written(30, "%", "以上", 0)),
    ("减少587个", Written(-587, "个", None, 0, ChangeKind.AMOUNT)),
    ("提高0.8个百分点", Written(0.8, "个百分点", None, 1, ChangeKind.POINTS)),
    ("回落2.2个百分点", Written(-2.2, "个百分点", None, 1, ChangeKind.PACE)),
    ("增长1.4倍", Written(1.4, "倍", None, 1, ChangeKind.MULTIPLE)),
    ("-3.2亿元", Written(-3.2, "亿元", None, 1)),
])
def test_a_written_number_is_read_back(text, expected):
    assert parse_written(text) == expected


@pytest.mark.parametrize("text", ["", "亿元", "约", "增长", "下降-1%", "1.2.3亿元"])
def test_text_that_is_no_written_number_is_refused(text):
    with pytest.raises(ValueError, match="not a written number"):
        parse_written(text)


UNITS = ["亿元", "万元", "元", "万户", "项", "%", "‰", "个百分点", "个千分点", "万人次", "人", "家", "", "万", "万亿元", "天"]

numbers = st.builds(lambda whole, fraction, places: (whole, fraction % 10 ** places, places),
                    st.integers(0, 10 ** 8), st.integers(0, 10 ** 4), st.integers(0, 4))


def _value(number):
    whole, fraction, places = number
    return float(f"{whole}.{fraction:0{places}d}") if places else float(whole), places


@given(numbers, st.sampled_from(UNITS), st.sampled_from(sorted(QUALIFIERS) + [None]), st.booleans())
def test_reading_a_written_amount_is_the_inverse_of_writing_it(number, unit, qualifier, negative):
    value, places = _value(number)
    value = -value if negative and value else value
    text = write_amount(value, unit, qualifier, places)
    read = parse_written(text)
    assert (read.value, read.unit, read.qualifier, read.decimals) == (value, unit, qualifier, max(places, read.decimals))
    assert write_amount(read.value, read.unit, read.qualifier, read.decimals) == text
    signed = write_signed(value, unit, qualifier, places)
    assert write_signed(*(lambda r: (r.value, r.unit, r.qualifier, r.decimals))(parse_written(signed))) == signed


@given(numbers, st.sampled_from(["%", "元", "亿元", "个百分点", "个千分点", "倍", "天"]), st.booleans())
def test_reading_a_movement_is_the_inverse_of_writing_it(number, unit, falling):
    value, places = _value(number)
    if value == 0 or (falling and unit == "倍"):
        return
    change = -value if falling else value
    text = write_movement(change, unit, places)
    read = parse_written(text)
    assert (read.value, read.unit, read.kind) == (change, unit, change_kind(unit))
    assert write_movement(read.value, read.unit, read.decimals) == text
