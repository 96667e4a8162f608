"""How a number is written in Chinese reporting: 12.5, 1.0, 500余项, 约12.5亿元, 30%以上, 2021年5月1日.

Plain values only (a number, a unit, a qualifier word), so the data model, the
charts and the documents can all call it. The wording of changes (增长, 增加,
提高 …) is in `report_gen.text.wording`; a figure of the data model is written
through `report_gen.data.written`.

- numbers are written as given: no thousands separator, no exponent, the
  decimals the source printed (1.0 stays 1.0 when `decimals` says so), never
  rounded;
- qualifiers take their conventional places: 约/超过/近/不足 before the
  number, 余/多 between the 万/亿 and the measure word, 以上/以下/左右/以内
  after the unit.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Optional

from .units import split_unit

BEFORE_NUMBER = frozenset({"约", "超过", "近", "不足"})
"""Qualifiers written in front of the number: 约12.5亿元, 超过500项, 近600台, 不足5%."""

AFTER_MAGNITUDE = frozenset({"余", "多"})
"""Qualifiers written after the number and its 万/亿 but before the measure word: 2.3万余名."""

AFTER_UNIT = frozenset({"以上", "以下", "左右", "以内"})
"""Qualifiers written after the unit: 30%以上, 3%以下, 6%左右, 5.5%以内."""

QUALIFIERS = BEFORE_NUMBER | AFTER_MAGNITUDE | AFTER_UNIT
"""Every qualifier a number may carry."""

PERCENT = "%"
"""The unit of a rate."""

PER_MILLE = "‰"
"""The unit of a rate per thousand (人口自然增长率)."""

POINTS = "个百分点"
"""The unit of a change in a percentage: 提高1.2个百分点."""

PER_MILLE_POINTS = "个千分点"
"""The unit of a change in a rate per thousand: 下降1.52个千分点."""

TIMES = "倍"
"""The unit of a multiple: 增长1.4倍, 是上年的2.4倍."""

MAX_SIGNIFICANT_DIGITS = 15
"""Significant digits a number may have: a double holds 15 faithfully, so a 16th may not be the one given."""

MAX_DECIMALS = 10
"""Decimal places a number may have: 0.0000001 (1e-7) is written; 1e-11 is too small to write out."""

_DECIMAL_TEXT = re.compile(r"[-+]?\d[\d_,]*(?:\.(\d*))?")


class NumberNotWritable(ValueError):
    """A number cannot be written faithfully: too precise or too small."""


def shortest_decimals(value: float) -> int:
    """Return the decimal places of the shortest decimal that reads back as `value`: 1 for 12.5, 0 for 1.0."""
    if isinstance(value, int) or value == 0 or not math.isfinite(value):
        return 0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(-int(exponent), 0)


def decimals_of(text: str) -> Optional[int]:
    """Return the decimal places a number is written with (1.0 → 1, 12 → 0), or None when the text is no plain number."""
    match = _DECIMAL_TEXT.fullmatch(text.strip())
    if match is None:
        return None
    return len(match.group(1) or "")


def write_number(value: float, decimals: Optional[int] = None) -> str:
    """Write a number as given, with no thousands separator or exponent: 12.5, 22258, 0.0000001, and 1.0 with decimals=1.

    A float is written as the shortest decimal that reads back as the same
    value, so 12345678901234.5 and 0.12345678 stay as given; `decimals` pads
    it with zeros to the places the source printed (−1.0 stays −1.0), and
    never rounds. Raise NumberNotWritable when the number takes more than
    MAX_SIGNIFICANT_DIGITS digits or MAX_DECIMALS decimal places, rather than
    write a rounded number.
    """
    if isinstance(value, bool):
        raise NumberNotWritable(f"{value} is not a number")
    if isinstance(value, int) and not decimals:
        return str(value)
    if not math.isfinite(value):
        raise NumberNotWritable(f"{value} is not a number that can be written")
    exact = Decimal(repr(float(value))).normalize() if value != 0 else Decimal(0)
    _, digits, exponent = exact.as_tuple()
    places = max(-int(exponent), 0)
    if len(digits) > MAX_SIGNIFICANT_DIGITS:
        raise NumberNotWritable(
            f"{value!r} has {len(digits)} significant digits; at most {MAX_SIGNIFICANT_DIGITS} can be written as given (round it)"
        )
    if places > MAX_DECIMALS:
        raise NumberNotWritable(
            f"{value!r} needs {places} decimal places; at most {MAX_DECIMALS} are written (use a smaller unit, e.g. 元 for 亿元)"
        )
    return format(exact, f".{max(places, min(decimals or 0, MAX_DECIMALS))}f")


def qualified(number: str, unit: str, qualifier: Optional[str] = None) -> str:
    """Put a written number, its unit and its qualifier in their conventional places: 约12.5亿元, 2.3万余名, 30%以上.

    The qualifier is its word, or a str enum whose value is the word.
    """
    if not qualifier:
        return f"{number}{unit}"
    qualifier = getattr(qualifier, "value", qualifier)
    if qualifier in BEFORE_NUMBER:
        return f"{qualifier}{number}{unit}"
    if qualifier in AFTER_MAGNITUDE:
        scale, measure = split_unit(unit)
        return f"{number}{scale}{qualifier}{measure}"
    return f"{number}{unit}{qualifier}"


def write_date(date: dt.date) -> str:
    """Write a date the official way, without zero padding: 2021年5月1日."""
    return f"{date.year}年{date.month}月{date.day}日"


def write_partial_date(text: str) -> str:
    """Write a YYYY, YYYY-MM or YYYY-MM-DD date: 2022-05 → 2022年5月."""
    parts = [int(part) for part in text.split("-")]
    return "".join(f"{number}{mark}" for number, mark in zip(parts, "年月日"))
