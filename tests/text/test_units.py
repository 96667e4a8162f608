"""Units with a magnitude word: 万 and 亿 split off, multiplied out, and chosen for an axis."""

from __future__ import annotations

import pytest

from report_gen.text.units import rescale, scale_factor, split_unit


@pytest.mark.parametrize("unit, parts, factor", [("万户", ("万", "户"), 10_000), ("亿元", ("亿", "元"), 100_000_000), ("项", ("", "项"), 1), ("", ("", ""), 1)])
def test_a_unit_splits_into_magnitude_and_measure(unit, parts, factor):
    assert split_unit(unit) == parts and scale_factor(unit) == factor


def test_values_are_restated_in_wan_or_yi_while_the_largest_reaches_ten_thousand():
    assert rescale([25_000, 8_000], "", "户") == ([2.5, 0.8], "万")
    assert rescale([3.5e8], "", "元") == ([3.5], "亿")
    assert rescale([12_000, 500], "万", "元") == ([1.2, 0.05], "亿")
    assert rescale([12_000], "", "%") == ([12_000], ""), "a percentage is never rescaled"
