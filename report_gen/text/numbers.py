"""How a figure is written in Chinese reporting: 500余项, 约12.5亿元, 2.5万户, 30%以上, 下降18.9%.

Values are stored as numbers; every written form is derived here, so the
briefing, the deck, the charts and `figures --format` all write a figure alike.

The wording of statistical bulletins lives here and nowhere else:

- qualifiers take their conventional places: 约/超过/近/不足 before the
  number, 余/多 between the 万/亿 and the measure word, 以上/以下/左右/以内
  after the unit;
- a change in 个百分点 is 提高/下降 N个百分点, a rate 增长/下降 N%, an amount
  增长/减少 N亿元;
- a negative value or change is written with 下降 (a rate or 个百分点) or
  减少 (an amount) and the absolute value: −18.9% is 下降18.9%.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Optional

from ..data.model import Comparison, Figure, Qualifier
from .units import split_unit

BEFORE_NUMBER = {Qualifier.ABOUT, Qualifier.MORE_THAN, Qualifier.NEARLY, Qualifier.UNDER}
"""Qualifiers written in front of the number: 约12.5亿元, 超过500项, 近600台, 不足5%."""

AFTER_MAGNITUDE = {Qualifier.OVER_YU, Qualifier.OVER_DUO}
"""Qualifiers written after the number and its 万/亿 but before the measure word: 2.3万余名."""

AFTER_UNIT = {Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.AROUND, Qualifier.WITHIN}
"""Qualifiers written after the unit: 30%以上, 3%以下, 6%左右, 5.5%以内."""

PERCENT = "%"
"""The unit of a rate."""

POINTS = "个百分点"
"""The unit of a change in a percentage: 提高1.2个百分点."""

RATE_UNITS = (PERCENT, POINTS)
"""Units whose fall is written 下降; any other unit's fall is 减少."""


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


def rise_word(unit: str) -> str:
    """Return the verb of a rise in `unit`: 提高 for 个百分点, else 增长."""
    return "提高" if unit == POINTS else "增长"


def fall_word(unit: str) -> str:
    """Return the verb of a fall in `unit`: 下降 for a rate or 个百分点, 减少 for an amount (亿元, 人)."""
    return "下降" if unit in RATE_UNITS else "减少"


def _qualified(number: str, unit: str, qualifier: Optional[Qualifier]) -> str:
    if qualifier is None:
        return f"{number}{unit}"
    if qualifier in BEFORE_NUMBER:
        return f"{qualifier.value}{number}{unit}"
    if qualifier in AFTER_MAGNITUDE:
        scale, measure = split_unit(unit)
        return f"{number}{scale}{qualifier.value}{measure}"
    return f"{number}{unit}{qualifier.value}"


def write_amount(value: float, unit: str, qualifier: Optional[Qualifier] = None) -> str:
    """Write a value with its unit and qualifier in their conventional places; a negative value as a fall.

    write_amount(12.5, "亿元", 约) → 约12.5亿元; write_amount(-18.9, "%") → 下降18.9%;
    write_amount(-3, "亿元") → 减少3亿元.
    """
    written = _qualified(write_number(abs(value)), unit, qualifier)
    return f"{fall_word(unit)}{written}" if value < 0 else written


def write_figure(figure: Figure) -> str:
    """Write a figure as the report prints it: 约12.5亿元, 下降18.9%."""
    return write_amount(figure.value, figure.unit, figure.qualifier)


def write_plotted(figure: Figure) -> str:
    """Write a figure as a bar's label: as write_figure, but a negative value keeps its minus sign (-3.2亿元).

    The bar stands below the axis and the axis counts in signed numbers, so
    the label reads with them; prose and tables write 减少3.2亿元.
    """
    if figure.value < 0:
        return "-" + _qualified(write_number(-figure.value), figure.unit, figure.qualifier)
    return write_figure(figure)


def write_movement(change: float, unit: str) -> str:
    """Write a change without its base: 增长48%, 下降5%, 提高1.2个百分点, 减少2.65亿元, 持平."""
    if change == 0:
        return "持平"
    verb = rise_word(unit) if change > 0 else fall_word(unit)
    return f"{verb}{write_number(abs(change))}{unit}"


def change_lead(comparison: Comparison) -> str:
    """Return what a change is measured against: 同比 for 上年同期, 较2017年, or '' without a base period."""
    if comparison.base_period == "上年同期":
        return "同比"
    if comparison.base_period:
        return f"较{comparison.base_period}"
    return ""


def write_change(comparison: Comparison) -> Optional[str]:
    """Write the reported change: 同比增长48%, 较2017年增长2.65亿元, 较上年提高1.2个百分点; None when only a base value is known."""
    if comparison.change is None:
        return None
    return change_lead(comparison) + write_movement(comparison.change, comparison.change_unit or PERCENT)


def write_base(figure: Figure) -> Optional[str]:
    """Write the earlier value of a figure's comparison: 500余项; None when the source gives none."""
    comparison = figure.comparison
    if comparison is None or comparison.base_value is None:
        return None
    return write_amount(comparison.base_value, figure.unit, comparison.base_qualifier)


def write_comparison(figure: Figure) -> Optional[str]:
    """Write how a figure moved: 由500余项增加到1000余项, 同比增长48%; None without a comparison.

    A percentage moves 由60%提高到61.2%; a change computed on a basis of its own
    is led by it: 按可比价格计算，较上年增长5%.
    """
    comparison = figure.comparison
    if comparison is None:
        return None
    change = write_change(comparison)
    if change and comparison.basis:
        change = f"{comparison.basis}，{change}"
    base = write_base(figure)
    if base is not None:
        rising = figure.value >= comparison.base_value
        if figure.unit == PERCENT:
            verb = "提高到" if rising else "下降到"
        else:
            verb = "增加到" if rising else "减少到"
        moved = f"由{base}{verb}{write_figure(figure)}"
        return f"{moved}，{change}" if change else moved
    return change


def write_date(date: dt.date) -> str:
    """Write a date the official way, without zero padding: 2021年5月1日."""
    return f"{date.year}年{date.month}月{date.day}日"


def write_partial_date(text: str) -> str:
    """Write a YYYY, YYYY-MM or YYYY-MM-DD date: 2022-05 → 2022年5月."""
    parts = [int(part) for part in text.split("-")]
    return "".join(f"{number}{mark}" for number, mark in zip(parts, "年月日"))
