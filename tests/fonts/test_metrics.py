"""The fonts' real advance widths, read from the files a renderer draws a typeface with."""

from __future__ import annotations

import pytest

from report_gen.fonts.metrics import Measure


@pytest.fixture(scope="module")
def measure() -> Measure:
    return Measure("Arial", "微软雅黑")


def test_measure_reads_the_fonts_advances(measure):
    assert measure.advance("国") == 1.0
    assert measure.advance("，") == 1.0
    assert 0.5 < measure.advance("1") < 0.6, "Arial's (or a metric twin's) digits"
    assert measure.advance("W", bold=True) > measure.advance("i", bold=True)


def test_a_chinese_typeface_not_installed_is_measured_with_the_charts_cjk_font():
    assert Measure("Arial", "No Such 字体 Here").advance("国") == 1.0
