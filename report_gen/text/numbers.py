"""How a figure is written in Chinese reporting: 500余项, 约12.5亿元, 2.5万户, 30%以上.

Values are stored as numbers; every written form is derived here, so the
briefing, the deck, the charts and `figures --format` all write a figure alike.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Optional

from ..data.model import Comparison, Figure, Qualifier
from .units import split_unit

BEFORE_NUMBER = {Qualifier.ABOUT, Qualifier.MORE_THAN, Qualifier.NEARLY}
"""Qualifiers written in front of the number: 约12.5亿元, 超过500项, 近600台."""

AFTER_MAGNITUDE = {Qualifier.OVER_YU, Qualifier.OVER_DUO}
"""Qualifiers written after the number and its 万/亿 but before the measure word: 2.3万余名."""

AFTER_UNIT = {Qualifier.AT_LEAST}
"""Qualifiers written after the unit: 30%以上."""


MAX_SIGNIFICANT_DIGITS = 15
"""Significant digits a number may have: a double holds 15 faithfully, so a 16th may not be the one given."""

MAX_DECIMALS = 10
"""Decimal places a number may have: 0.0000001 (1e-7) is written; 1e-11 is too small to write out."""


class NumberNotWritable(ValueError):
    """A number cannot be written faithfully: too precise or too small."""


def write_number(value: float) -> str:
    """Write a number as given, with no thousands separator, exponent or trailing zeros: 12.5, 22258, 0.0000001.

    A float is written as the shortest decimal that reads back as the same
    value, so 12345678901234.5 and 0.12345678 stay as given. Raise
    NumberNotWritable when that takes more than MAX_SIGNIFICANT_DIGITS digits
    or MAX_DECIMALS decimal places, rather than write a rounded number.
    """
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise NumberNotWritable(f"{value} is not a number that can be written")
    if value == 0:
        return "0"
    exact = Decimal(repr(float(value))).normalize()
    _, digits, exponent = exact.as_tuple()
    decimals = max(-int(exponent), 0)
    if len(digits) > MAX_SIGNIFICANT_DIGITS:
        raise NumberNotWritable(
            f"{value!r} has {len(digits)} significant digits; at most {MAX_SIGNIFICANT_DIGITS} can be written as given (round it)"
        )
    if decimals > MAX_DECIMALS:
        raise NumberNotWritable(
            f"{value!r} needs {decimals} decimal places; at most {MAX_DECIMALS} are written (use a smaller unit, e.g. 元 for 亿元)"
        )
    return format(exact, "f")


def write_amount(value: float, unit: str, qualifier: Optional[Qualifier] = None) -> str:
    """Write a value with its unit and qualifier in their conventional places."""
    number = write_number(value)
    if qualifier is None:
        return f"{number}{unit}"
    if qualifier in BEFORE_NUMBER:
        return f"{qualifier.value}{number}{unit}"
    if qualifier in AFTER_MAGNITUDE:
        scale, measure = split_unit(unit)
        return f"{number}{scale}{qualifier.value}{measure}"
    return f"{number}{unit}{qualifier.value}"


def write_figure(figure: Figure) -> str:
    """Write a figure as the report prints it: 约12.5亿元."""
    return write_amount(figure.value, figure.unit, figure.qualifier)


def _direction(change: float, rising: str = "增长", falling: str = "下降") -> str:
    if change > 0:
        return rising
    if change < 0:
        return falling
    return "持平"


def write_change(comparison: Comparison) -> Optional[str]:
    """Write the reported change: 同比增长48%, 较2017年增长2.65亿元; None when only a base value is known."""
    if comparison.change is None:
        return None
    if comparison.base_period == "上年同期":
        lead = "同比"
    elif comparison.base_period:
        lead = f"较{comparison.base_period}"
    else:
        lead = ""
    direction = _direction(comparison.change)
    if comparison.change == 0:
        return f"{lead}{direction}"
    amount = write_amount(abs(comparison.change), comparison.change_unit or "%")
    return f"{lead}{direction}{amount}"


def write_base(figure: Figure) -> Optional[str]:
    """Write the earlier value of a figure's comparison: 500余项; None when the source gives none."""
    comparison = figure.comparison
    if comparison is None or comparison.base_value is None:
        return None
    return write_amount(comparison.base_value, figure.unit, comparison.base_qualifier)


def write_comparison(figure: Figure) -> Optional[str]:
    """Write how a figure moved: 由500余项增加到1000余项, 同比增长48%; None without a comparison."""
    comparison = figure.comparison
    if comparison is None:
        return None
    base = write_base(figure)
    if base is not None:
        verb = "增加到" if figure.value >= comparison.base_value else "减少到"
        moved = f"由{base}{verb}{write_figure(figure)}"
        change = write_change(comparison)
        return f"{moved}，{change}" if change else moved
    return write_change(comparison)


def write_date(date: dt.date) -> str:
    """Write a date the official way, without zero padding: 2021年5月1日."""
    return f"{date.year}年{date.month}月{date.day}日"


def write_partial_date(text: str) -> str:
    """Write a YYYY, YYYY-MM or YYYY-MM-DD date: 2022-05 → 2022年5月."""
    parts = [int(part) for part in text.split("-")]
    return "".join(f"{number}{mark}" for number, mark in zip(parts, "年月日"))
