"""How statistical bulletins (统计公报) word changes, ranks and approximations, and say each period once.

增长 and 下降 take a rate (增长7.7%); an absolute amount takes 增加 and 减少
(增加14545元); percentage points take 提高 and 下降. A rank is 第N位. 余
follows a round number (500余项). A sentence names its period once.
"""

from __future__ import annotations

import re
from typing import Iterator

from .model import Hit
from .numerals import NUMBER

AMOUNT_UNITS = (
    "元|个|人次|人|户|家|项|次|天|吨|件|所|名|台|辆|套|亩|公顷|公里|千米|平方米|立方米|米|千瓦时|千瓦|座|条|栋|间|份|场|批|例|篇|部|株|头|只|箱|张|小时|床|辆"
)
"""Units of an absolute amount: a change in one of them is 增加 or 减少, never 增长 or 下降."""

_AMOUNT_CHANGE = re.compile(rf"(增长|下降)(了)?((?:约|近)?{NUMBER}(?:万亿|亿|万|千)?)(?:{AMOUNT_UNITS})(?!百分点|千分点)")
_AMOUNT_VERB = {"增长": "增加", "下降": "减少"}


def amount_change(text: str) -> Iterator[Hit]:
    for match in _AMOUNT_CHANGE.finditer(text):
        verb = match.group(1)
        yield Hit(match.start(), match.end(), _AMOUNT_VERB[verb] + match.group()[len(verb):])


_POINTS_CHANGE = re.compile(rf"(增长|增加|减少)(了)?(?:约|近)?{NUMBER}个(?:百分点|千分点)")
_POINTS_VERB = {"增长": "提高", "增加": "提高", "减少": "下降"}


def points_change(text: str) -> Iterator[Hit]:
    for match in _POINTS_CHANGE.finditer(text):
        verb = match.group(1)
        yield Hit(match.start(), match.end(), _POINTS_VERB[verb] + match.group()[len(verb):])


_NEGATIVE_CHANGE = re.compile(rf"(增长|增加|提高)[-－−]({NUMBER})")
_NEGATIVE_VERB = {"增长": "下降", "增加": "减少", "提高": "下降"}


def negative_change(text: str) -> Iterator[Hit]:
    for match in _NEGATIVE_CHANGE.finditer(text):
        yield Hit(match.start(), match.end(), _NEGATIVE_VERB[match.group(1)] + match.group(2))


_RANK_PLACE = r"(?:全国|全省|全市|全区|全县|全行业|同类[\u4e00-\u9fff]{0,4}|[\u4e00-\u9fff]{1,6}?(?:国|省|市|区|县|镇|街道|行业|系统))?"
_RANK = re.compile(rf"(名列|位列|位居|居于|排名|排在|居)({_RANK_PLACE})(?<![前后第])(\d{{1,3}}|[一二三四五六七八九十]{{1,3}})位")
_RANK_ORDER = re.compile(r"(位次)(?<![前后第])(\d{1,3}|[一二三四五六七八九十]{1,3})位")


def rank(text: str) -> Iterator[Hit]:
    for match in _RANK.finditer(text):
        verb, place, number = match.groups()
        yield Hit(match.start(), match.end(), f"{verb}{place}第{number}位")
    for match in _RANK_ORDER.finditer(text):
        yield Hit(match.start(), match.end(), note=f"a rank is 第N位: write 位居第{match.group(2)}位, not 位次{match.group(2)}位")


_APPROXIMATE_YU = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)余(?![年])")


def approximate_yu(text: str) -> Iterator[Hit]:
    for match in _APPROXIMATE_YU.finditer(text):
        number = match.group(1)
        if "." in number or not number.endswith("0"):
            yield Hit(match.start(), match.end())


# -- stat.period-repeated -----------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？；!?;]+")
_PART = r"第?[一二三四]季度|前三季度|[上下]半年|(?<![\d—～])\d{1,2}(?:—\d{1,2})?月份?(?![\d日号])"
_PERIOD = re.compile(
    r"(?P<base>比|较|同比|与|相比|对比|由|从|和|及|至|到)?"
    rf"(?:(?P<year>(?<![\d—～])(?:\d{{4}}[—～])?\d{{4}}年)(?P<part>{_PART}|[底末初])?|(?P<bare>{_PART}))"
)
"""A period: a year or span of years with or without its part (2022年一季度, 2022年底, 2020—2024年), or a part alone (一季度, 1—5月); the word before it when it is a comparison's base."""

_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》|‘[^‘’]*’")
"""Quoted words and titles: a period inside them (《2024年上半年工作总结》) is part of a name, not the sentence's period."""


def period_repeated(text: str) -> Iterator[Hit]:
    """Yield a period named a second time in one sentence (2022年一季度，…一季度…); comparison bases (比2021年) do not count."""
    masked = _QUOTED.sub(lambda match: "□" * len(match.group()), text)
    for sentence in _SENTENCE.finditer(masked):
        seen: set[tuple[str, str]] = set()
        year = ""
        for match in _PERIOD.finditer(sentence.group()):
            if match.group("year"):
                year = match.group("year")
            if match.group("base"):
                continue
            key = (year, match.group("part") or match.group("bare") or "")
            if key in seen:
                start = sentence.start() + match.start("year" if match.group("year") else "bare")
                yield Hit(start, sentence.start() + match.end())
            seen.add(key)


# -- stat.unit-scale ------------------------------------------------------------------

_SCALED = re.compile(rf"(?<![\d.])({NUMBER})(万)(?:余|多)?({AMOUNT_UNITS})")
_PER_HEAD = "元"
"""Money: a per-head amount (22258元) beside a total (1350万元) is two quantities, not one written two ways."""
_PLAIN = re.compile(rf"(?<![\d.万亿])(\d{{5,}}(?:\.\d+)?)(?:余|多)?({AMOUNT_UNITS})")
_FULL_SENTENCE = re.compile(r"[^。！？!?]+")
"""A whole sentence, its clauses set apart by ； included: the reader compares the numbers across them."""


def unit_scale(text: str) -> Iterator[Hit]:
    """Yield a count of five digits or more (13500户) in a sentence that writes the same unit in 万 (2.5万户); money is left alone."""
    for sentence in _FULL_SENTENCE.finditer(text):
        scaled = {match.group(3): match.group(2) for match in _SCALED.finditer(sentence.group())}
        for match in _PLAIN.finditer(sentence.group()):
            magnitude = scaled.get(match.group(2))
            if magnitude is not None and match.group(2) != _PER_HEAD:
                yield Hit(sentence.start() + match.start(), sentence.start() + match.end(),
                          note=f"one sentence writes {match.group(2)} in {magnitude} and as {match.group()}: "
                               f"write both in one scale, or say them in two sentences")
