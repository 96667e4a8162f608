"""Chinese text as typesetters treat it: full-width characters, where lines break, the Chinese–Latin gap, spacing to drop."""

from __future__ import annotations

import pytest

from report_gen.text import cjk
from report_gen.text.cjk import AUTOSPACE_EM, estimated_ems, is_wide, needs_autospace, text_ems, tidy_spacing, tokens


@pytest.mark.parametrize("char", ["国", "，", "（", "％", "“", "—", "…", "·"])
def test_chinese_characters_full_width_forms_and_chinese_marks_are_wide(char):
    assert is_wide(char) and estimated_ems(char) == 1.0


@pytest.mark.parametrize("char", ["a", "1", "%", ",", " "])
def test_latin_letters_digits_and_ascii_marks_are_narrow(char):
    assert not is_wide(char) and estimated_ems(char) < 1.0


def test_a_reader_puts_a_gap_between_chinese_and_latin_text_and_after_a_percent():
    assert needs_autospace("约", "1") and needs_autospace("5", "亿") and needs_autospace("%", "以")
    assert not needs_autospace("以", "%"), "a percent sign keeps to its number"
    assert not needs_autospace("国", "家") and not needs_autospace("1", "2")
    assert text_ems("12亿") == pytest.approx(0.5 + 0.5 + AUTOSPACE_EM + 1)
    assert text_ems("12亿", gaps=False) == pytest.approx(2.0)


def test_lines_break_between_characters_but_never_inside_a_number_or_before_a_closing_mark():
    assert tokens("约12.5亿元，增长48%") == ["约", "12.5", "亿", "元，", "增", "长", "48%"]
    assert tokens("见（图3）") == ["见", "（图", "3）"]


def test_folded_yaml_spaces_between_chinese_characters_are_removed():
    assert tidy_spacing("发展中的作用、 划定清单 and more 12 亿元") == "发展中的作用、划定清单 and more 12 亿元"


def test_a_space_before_a_full_width_bracket_or_after_a_full_stop_is_dropped():
    assert tidy_spacing("见图3 （见下）") == "见图3（见下）"
    assert tidy_spacing("以上。 2021年") == "以上。2021年"
    assert tidy_spacing("GB/T 9704 规定") == "GB/T 9704 规定", "a space between Latin words stays"


def test_a_quotation_mark_keeps_to_both_its_neighbours_where_unicode_breaks_never_beside_it():
    assert cjk.tokens("探索“1+3+X”，一社区", cjk.QUOTES) == ["探", "索“1+3+X”，", "一", "社", "区"]
    assert cjk.tokens("“初心一家”小区", cjk.QUOTES) == ["“初", "心", "一", "家”小", "区"]
    assert cjk.tokens("探索“1+3+X”，一社区") == ["探", "索", "“1+3+X”，", "一", "社", "区"]


def test_chinese_marks_are_pieces_of_their_own_so_a_slide_sets_them_in_the_chinese_face():
    assert cjk.mark_pieces("探索“1+3+X”——一社区…") == ["探索", "“", "1+3+X", "”——", "一社区", "…"]
    assert cjk.is_mark("”——") and not cjk.is_mark("1”") and not cjk.is_mark("")


def test_a_line_is_summed_once_whatever_measures_its_characters():
    def advance(char, bold):
        return 2.0 if bold else 1.0

    assert cjk.line_ems([("年", False), ("2", True)], advance) == 3.0 + AUTOSPACE_EM, "a gap between Chinese and a digit"
    assert cjk.line_ems([("2", True)], advance, previous="年") == 2.0 + AUTOSPACE_EM, "the gap after the character before the piece"
    assert cjk.line_ems([("年", False), ("2", True)], advance, gaps=False) == 3.0
    assert text_ems("2021年") == cjk.line_ems([(char, False) for char in "2021年"], lambda char, bold: estimated_ems(char))
