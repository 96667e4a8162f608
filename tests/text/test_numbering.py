"""Numbering in Chinese documents: section numerals and reference marks."""

from __future__ import annotations

import pytest

from report_gen.text.numbering import chinese_numeral, citation_label


@pytest.mark.parametrize("numbers, label", [([1], "[1]"), ([2, 1], "[1,2]"), ([1, 2, 3, 5], "[1-3,5]")])
def test_reference_marks_join_ranges(numbers, label):
    assert citation_label(numbers) == label


@pytest.mark.parametrize(
    "number, written",
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九"),
     (100, "一百"), (101, "一百零一"), (110, "一百一十"), (123, "一百二十三"), (205, "二百零五"), (999, "九百九十九")],
)
def test_section_numbers_are_chinese_numerals(number, written):
    assert chinese_numeral(number) == written


@pytest.mark.parametrize("number", [0, 1000])
def test_section_numbers_out_of_range_are_refused(number):
    with pytest.raises(ValueError):
        chinese_numeral(number)
