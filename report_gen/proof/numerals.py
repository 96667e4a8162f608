"""How numbers are written (GB/T 15835-2011): years in full, ranges with both signs, dates, digits half width.

Each function takes one passage's text and yields a Hit for every place that
breaks its rule, with the right form where it is certain. The patterns are
narrow on purpose: a number in Chinese text has many honest forms (25年 as a
duration, 3～5元, 2025-08-01), and a rule that fires on them is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, Optional

from ..text.cjk import is_han
from .model import Hit

NUMBER = r"\d+(?:\.\d+)?"
RANGE_MARK = r"\s*[～~〜—–\-－至到]\s*"
"""What joins the two ends of a range in drafts: the right 浪纹线 ～ and 一字线 —, and the half-width marks people type."""

_CHINESE_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_DIGIT_CLASS = "〇零○一二三四五六七八九"
_SMALL_CHINESE = "[一二三四五六七八九十]{1,3}"


def chinese_small_number(text: str) -> Optional[int]:
    """Return the value of a Chinese numeral from 一 to 三十九 (八, 十二, 二十三), or None for anything else."""
    if not text or any(char not in _CHINESE_DIGITS and char != "十" for char in text):
        return None
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    value = (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)
    return value if value < 40 else None


def chinese_year(text: str) -> Optional[str]:
    """Return a year written digit by digit in Chinese numerals as Arabic digits: 二〇二五 → 2025; None otherwise."""
    if len(text) != 4 or any(char not in _CHINESE_DIGITS for char in text):
        return None
    return "".join(str(_CHINESE_DIGITS[char]) for char in text)


# -- num.year-short ----------------------------------------------------------

_YEAR_SHORT = re.compile(
    r"(?<![\d０-９.／/\-〔\[［(（近约满第了达共逾超过前后每])(\d{2})年"
    r"(?=\d{1,2}月|[上下]半年|第?[一二三四]季度|前三季度|底|初|末|度)"
)
"""A two-digit year followed by what only a calendar year takes (a month, a quarter, 底, 年度); not 25年 as a duration."""


def full_year(short: str, today: Optional[dt.date] = None) -> Optional[str]:
    """Return the four-digit year a two-digit one most likely means in a current document; None where it is not clear.

    Years up to next year's are this century (25 → 2025); 50 to 99 the last
    one (98 → 1998); the years between could be either, and are left to a person.
    """
    year = (today or dt.date.today()).year
    value = int(short)
    if value <= year % 100 + 1:
        return f"{year // 100}{short}"
    if value >= 50:
        return f"{year // 100 - 1}{short}"
    return None


def year_short(text: str) -> Iterator[Hit]:
    for match in _YEAR_SHORT.finditer(text):
        year = full_year(match.group(1))
        yield Hit(match.start(1), match.end(1), year)


# -- num.range-percent and num.range-magnitude -----------------------------------

_PERCENT_RANGE = re.compile(rf"(?<![\d.%％])({NUMBER})({RANGE_MARK})({NUMBER})([%％])")
_MAGNITUDE_RANGE = re.compile(rf"(?<![\d.])({NUMBER})({RANGE_MARK})({NUMBER})(万亿|千万|百万|十万|万|亿)")


def percent_range(text: str) -> Iterator[Hit]:
    for match in _PERCENT_RANGE.finditer(text):
        first, mark, second, sign = match.groups()
        yield Hit(match.start(), match.end(), f"{first}{sign}{mark}{second}{sign}")


def magnitude_range(text: str) -> Iterator[Hit]:
    for match in _MAGNITUDE_RANGE.finditer(text):
        first, mark, second, magnitude = match.groups()
        yield Hit(match.start(), match.end(), f"{first}{magnitude}{mark}{second}{magnitude}")


# -- num.date-padded and num.date-mixed ------------------------------------------

_PADDED_MONTH = re.compile(r"(?<![\d０-９.])0([1-9])月")
_PADDED_DAY = re.compile(r"(?<=月)0([1-9])(?=[日号])")


def date_padded(text: str) -> Iterator[Hit]:
    for pattern, suffix in ((_PADDED_MONTH, "月"), (_PADDED_DAY, "")):
        for match in pattern.finditer(text):
            yield Hit(match.start(), match.end(), match.group(1) + suffix)


_CHINESE_YEAR_ARABIC_MONTH = re.compile(rf"([{_CHINESE_DIGIT_CLASS}]{{4}})年(\d{{1,2}})月(?:(\d{{1,2}})日)?")
_ARABIC_YEAR_CHINESE_MONTH = re.compile(rf"(?<!\d)(\d{{4}})年({_SMALL_CHINESE})月(?:({_SMALL_CHINESE})日)?")


def date_mixed(text: str) -> Iterator[Hit]:
    for match in _CHINESE_YEAR_ARABIC_MONTH.finditer(text):
        year = chinese_year(match.group(1))
        day = f"{int(match.group(3))}日" if match.group(3) else ""
        fix = f"{year}年{int(match.group(2))}月{day}" if year else None
        yield Hit(match.start(), match.end(), fix)
    for match in _ARABIC_YEAR_CHINESE_MONTH.finditer(text):
        month = chinese_small_number(match.group(2))
        day = chinese_small_number(match.group(3)) if match.group(3) else None
        if month is None or not 1 <= month <= 12 or (match.group(3) and day is None):
            continue
        yield Hit(match.start(), match.end(), f"{match.group(1)}年{month}月" + (f"{day}日" if day else ""))


# -- num.fullwidth-digit and num.decimal-zero --------------------------------------

_FULL_WIDTH_NUMBER = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
_FULL_TO_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.")


def fullwidth_digit(text: str) -> Iterator[Hit]:
    for match in _FULL_WIDTH_NUMBER.finditer(text):
        yield Hit(match.start(), match.end(), match.group().translate(_FULL_TO_HALF))


_BARE_DECIMAL = re.compile(r"(?<![0-9A-Za-z.．])[.．](\d+)(?=[%％]|[\u4e00-\u9fff])")


def decimal_zero(text: str) -> Iterator[Hit]:
    for match in _BARE_DECIMAL.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        if before and not (is_han(before) or before in "（(：:，,；;、 "):
            continue
        yield Hit(match.start(), match.end(), f"0.{match.group(1)}")
