"""Whether a figure's base value and its change agree, allowing for how each number was rounded when printed.

A source that gives both 由57.4%提高到58.6% and 提高1.2个百分点 states the
change twice; a typo in either shows as a disagreement. Every printed number
stands for a range (58.6 for 58.55 to 58.65), so the check asks whether the
change the value and base can give overlaps the change as printed.
"""

from __future__ import annotations

from typing import Optional

from ..text.units import scale_factor, split_unit

EPSILON = 1e-9
"""Slack for binary floating point at the edge of a range."""

MULTIPLE_OF_BASE = "是…的倍"
"""The 'unit' of a comparison's multiple (是上年的2.4倍): the value divided by the base."""


def change_disagreement(value: float, unit: str, base: float, change: float, change_unit: str) -> Optional[str]:
    """Return a message when the change disagrees with base and value beyond rounding; None when they agree or cannot be compared."""
    expected = change_range(value, unit, base, change_unit)
    if expected is None:
        return None
    low, high = expected
    margin = half_step(change)
    if change + margin >= low - EPSILON and change - margin <= high + EPSILON:
        return None
    what, shown = ("multiple", "") if change_unit == MULTIPLE_OF_BASE else ("change", change_unit)
    return (
        f"{what} {_plain(change)}{shown} does not agree with base_value {_plain(base)} and value {_plain(value)}, "
        f"which give {_plain(round(low, 2))}{shown} to {_plain(round(high, 2))}{shown} allowing for rounding; "
        "correct one of them, or give the change's basis (按可比价格计算) when the source computes it another way"
    )


def _plain(number: float) -> str:
    """Write a number for a message: 12.5, 500, -3."""
    return f"{number:.6f}".rstrip("0").rstrip(".")


def half_step(number: float) -> float:
    """Return half a unit in the last decimal place a number is written with: 0.05 for 12.5, 0.5 for 500."""
    written = _plain(number)
    decimals = len(written.partition(".")[2])
    return 0.5 * 10 ** -decimals


def change_range(value: float, unit: str, base: float, change_unit: str) -> Optional[tuple[float, float]]:
    """Return the least and greatest change that a value and a base, each rounded as written, can give.

    A change in % is the ratio, in 个百分点 the difference of two percentages,
    in a unit of the figure's measure (亿元 for 万元) the difference; None when
    the units do not say which.
    """
    low_value, high_value = value - half_step(value), value + half_step(value)
    low_base, high_base = base - half_step(base), base + half_step(base)
    if change_unit in ("%", "倍", MULTIPLE_OF_BASE):
        if low_base <= 0:
            return None
        low, high = low_value / high_base, high_value / low_base
        if change_unit == MULTIPLE_OF_BASE:
            return low, high
        return ((low - 1) * 100, (high - 1) * 100) if change_unit == "%" else (low - 1, high - 1)
    if change_unit == "个百分点":
        return (low_value - high_base, high_value - low_base) if unit == "%" else None
    if change_unit == "个千分点":
        return (low_value - high_base, high_value - low_base) if unit == "‰" else None
    if split_unit(change_unit)[1] != split_unit(unit)[1]:
        return None
    factor = scale_factor(unit) / scale_factor(change_unit)
    return (low_value - high_base) * factor, (high_value - low_base) * factor
