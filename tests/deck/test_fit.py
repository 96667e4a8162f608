"""Fitting text to a box: the largest size that fits, a little shrinking before wrapping, no stranded character, never overflowing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.util import Inches

from report_gen.deck import fit as text_fit
from report_gen.deck.fit import LINE_SPACING, Role
from report_gen.fonts.metrics import Measure


@pytest.fixture(scope="module")
def measure() -> Measure:
    return Measure("Arial", "微软雅黑")


def test_fit_keeps_the_largest_size_that_fits(measure):
    fit = text_fit.fit(measure, [("营商环境", False)], 288, 72, Role(28, 12))
    assert (fit.size, len(fit.lines)) == (28, 1)


def test_fit_shrinks_a_little_before_it_wraps(measure):
    # 10 characters at 28 pt need 280 pt: at 26.5 pt they fit 265 pt on one line.
    fit = text_fit.fit(measure, [("一" * 10, False)], 265 / text_fit.WIDTH_SAFETY, 100, Role(28, 12))
    assert fit.size == 26.5 and len(fit.lines) == 1


def test_fit_wraps_when_shrinking_would_go_too_far(measure):
    fit = text_fit.fit(measure, [("一" * 20, False)], 300, 100, Role(28, 12))
    assert len(fit.lines) == 2 and fit.size >= 24


def test_fit_avoids_a_stranded_last_character(measure):
    fit = text_fit.fit(measure, [("抽调参与缙云山整治的党员干部", True)], Inches(3.24).pt, Inches(0.6).pt, Role(18, 12, 3))
    assert len(fit.lines[-1].text) > 2 or len(fit.lines) == 1


def test_fit_gives_up_so_the_caller_can_continue(measure):
    assert text_fit.fit(measure, [("很长的标题" * 40, False)], 200, 36, Role(20, 16, 1)) is None


def test_split_to_fit_cuts_at_sentence_ends(measure):
    text = "第一句话比较短。第二句话也不长。第三句话同样如此。"
    pieces = text_fit.split_to_fit(measure, text, 16, 16 * 9, 16 * LINE_SPACING * 2)
    assert "".join(pieces) == text
    assert all(piece.endswith("。") for piece in pieces) and len(pieces) > 1


text_strategy = st.text(
    alphabet=st.sampled_from(list("党建引领高质量发展，（）“”ABCxyz0123456789.% ")), min_size=1, max_size=200
)


@settings(max_examples=80, deadline=None)
@given(text=text_strategy, width=st.floats(40, 800), height=st.floats(20, 300), max_lines=st.none() | st.integers(1, 4))
def test_fitted_text_never_overflows(measure, text, width, height, max_lines):
    fit = text_fit.fit(measure, [(text, False)], width, height, Role(32, 12, max_lines))
    if fit is None:
        return
    assert 12 <= fit.size <= 32
    assert fit.height <= height
    assert all(line.width <= width for line in fit.lines)
    if max_lines is not None:
        assert len(fit.lines) <= max_lines
    assert "".join(line.text for line in fit.lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", ["实施融合增效先锋工程，党建融入城市管理", "新房子社区探索“1+3+X”，一社区一品牌",
                                  "形成从街道党工委到党员中心户的服务网络"])
def test_a_balanced_measure_keeps_the_line_count_and_leaves_no_short_last_line(measure, text):
    width = Inches(4.3).pt
    lines = text_fit.wrap(measure, [(text, False)], 20, width)
    balanced = text_fit.balanced_width(measure, [(text, False)], 20, width)
    even = text_fit.wrap(measure, [(text, False)], 20, balanced)
    assert len(lines) == 2 and len(even) == 2 and balanced < width
    assert len(even[-1].text) >= 5 and len(lines[-1].text) < len(even[-1].text), [line.text for line in even]


def test_a_paragraph_of_one_line_keeps_its_measure(measure):
    assert text_fit.balanced_width(measure, [("营商环境", False)], 20, 300) == 300
