"""The wording of statistical bulletins (统计公报): how a change, a comparison, a rank and a structure are written.

One table, CONVENTIONS, holds every rule a reader checks: what changed, the
verb of a rise and of a fall, and examples of the right and the wrong
wording. The writers below take their verbs from it, and the tests read it,
so a rule is stated once. Everything here takes plain values (a number, a
unit, a qualifier word, a base period) so templates, charts and the
proofreading pass can call it; a figure of the data model is written through
`report_gen.data.written`.

`parse_written` reads a written amount or movement back (约12.8亿元 →
12.8 亿元 约; 下降1.0% → −1.0 %), the inverse of `write_amount` and
`write_movement`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Mapping, Optional, Sequence

from .numbers import (
    AFTER_MAGNITUDE,
    AFTER_UNIT,
    BEFORE_NUMBER,
    PER_MILLE,
    PER_MILLE_POINTS,
    PERCENT,
    POINTS,
    TIMES,
    qualified,
    write_number,
)


class ChangeKind(str, Enum):
    """What changed, which decides the verb: a rate, an amount, a share in points, a multiple …"""

    RATE = "rate"
    """A rate of change in % (or ‰): 增长7.7%, 下降0.2%."""
    AMOUNT = "amount"
    """An absolute amount in the figure's unit (元, 个, 天, 亿元): 增加14545元, 减少587个."""
    POINTS = "points"
    """A share or rate in percentage points: 提高0.8个百分点, 下降3.2个百分点."""
    PER_MILLE_POINTS = "per_mille_points"
    """A rate per mille in 千分点: 下降1.52个千分点."""
    MULTIPLE = "multiple"
    """Growth in multiples of the base: 增长1.4倍 (2.4 times the base)."""
    PACE = "pace"
    """A growth rate against an earlier growth rate, in points: 增速比上年回落2.2个百分点."""
    AGAINST = "against"
    """A number against another area or an average: 高于全市平均水平5.7个百分点."""
    TIMES = "times"
    """A value as a multiple of its base: 是上年的2.4倍."""
    FLAT = "flat"
    """No change: 与上年持平."""
    RANK = "rank"
    """A place among others: 居六区两县第1位."""
    STRUCTURE = "structure"
    """Shares of a whole across periods: 由9.4:66.8:23.8调整为8.3:71.1:20.6."""
    BASIS = "basis"
    """How a number is computed, said before it: 按可比价格计算，比上年增长7.7%."""
    MOVED = "moved"
    """A value from its base to its new level: 由60.1%提高到61.3%."""


@dataclass(frozen=True)
class Example:
    """An instance of a convention: the writer's arguments, what it writes, and a wording a bulletin would not use."""

    given: Mapping[str, Any]
    written: str
    wrong: str


@dataclass(frozen=True)
class Convention:
    """One rule of a bulletin's wording: what changed, the verbs of a rise and a fall, and examples."""

    kind: ChangeKind
    what: str
    """What changed, in words."""
    rise: str = ""
    """The verb of a rise (or of 'above'); '' where the wording has none."""
    fall: str = ""
    """The verb of a fall (or of 'below'); '' where a fall cannot be written this way."""
    examples: tuple[Example, ...] = field(default_factory=tuple)


CONVENTIONS: tuple[Convention, ...] = (
    Convention(ChangeKind.RATE, "a rate of change, in %", "增长", "下降", (
        Example({"change": 7.7, "unit": "%", "base": "上年"}, "比上年增长7.7%", "比上年增加7.7%"),
        Example({"change": -0.2, "unit": "%", "base": "上年同期"}, "同比下降0.2%", "同比增长-0.2%"),
        Example({"change": -1.0, "unit": "%", "base": "上年", "decimals": 1}, "比上年下降1.0%", "比上年下降1%"),
        Example({"change": 4.8, "unit": "%"}, "增长4.8%", "4.8%"),
    )),
    Convention(ChangeKind.AMOUNT, "an absolute amount (元, 个, 天, 人, 亿元)", "增加", "减少", (
        Example({"change": 14545, "unit": "元", "base": "上年"}, "比上年增加14545元", "比上年增长14545元"),
        Example({"change": -587, "unit": "个", "base": "上年"}, "比上年减少587个", "比上年下降587个"),
        Example({"change": 29, "unit": "天", "base": "上年"}, "比上年增加29天", "较上年增长29天"),
    )),
    Convention(ChangeKind.POINTS, "a share or rate, in percentage points", "提高", "下降", (
        Example({"change": 0.8, "unit": "个百分点", "base": "上年"}, "比上年提高0.8个百分点", "比上年增长0.8%"),
        Example({"change": -3.2, "unit": "个百分点", "base": "上年末"}, "比上年末下降3.2个百分点", "比上年末减少3.2个百分点"),
    )),
    Convention(ChangeKind.PER_MILLE_POINTS, "a rate per mille, in 千分点", "提高", "下降", (
        Example({"change": -1.52, "unit": "个千分点", "base": "上年"}, "比上年下降1.52个千分点", "比上年减少1.52‰"),
    )),
    Convention(ChangeKind.MULTIPLE, "a multiple of the base (增长1.4倍 is 2.4 times the base)", "增长", "", (
        Example({"change": 1.4, "unit": "倍", "base": "上年"}, "比上年增长1.4倍", "比上年增长140%倍"),
    )),
    Convention(ChangeKind.TIMES, "a value as a multiple of its base", "是", "", (
        Example({"multiple": 2.4, "base": "上年"}, "是上年的2.4倍", "比上年增长2.4倍"),
    )),
    Convention(ChangeKind.PACE, "a growth rate against the base period's growth rate", "加快", "回落", (
        Example({"change": -2.2, "base": "上年"}, "增速比上年回落2.2个百分点", "比上年下降2.2个百分点"),
        Example({"change": 1.5, "base": "上年"}, "增速比上年加快1.5个百分点", "增速比上年增长1.5%"),
    )),
    Convention(ChangeKind.FLAT, "no change", "持平", "", (
        Example({"change": 0, "unit": "%", "base": "上年"}, "与上年持平", "比上年增长0%"),
        Example({"change": 0, "unit": "个百分点", "base": "上年同期"}, "与上年同期持平", "同比提高0个百分点"),
    )),
    Convention(ChangeKind.AGAINST, "against another area or an average", "高于", "低于", (
        Example({"difference": 5.7, "unit": "个百分点", "against": "全市平均水平"}, "高于全市平均水平5.7个百分点", "增长5.7个百分点"),
        Example({"difference": -1200, "unit": "元", "against": "全市平均水平"}, "低于全市平均水平1200元", "高于全市平均水平-1200元"),
        Example({"difference": 0, "unit": "%", "against": "全省平均水平"}, "与全省平均水平持平", "高于全省平均水平0%"),
    )),
    Convention(ChangeKind.RANK, "a rank", "居", "", (
        Example({"place": 1, "among": "六区两县"}, "居六区两县第1位", "在六区两县中的位次1位"),
        Example({"place": 13, "among": "全国", "unit": "名"}, "居全国第13名", "名列全国13位"),
    )),
    Convention(ChangeKind.STRUCTURE, "a structure: shares of a whole", "调整为", "", (
        Example({"shares": ((9.4, 66.8, 23.8), (8.3, 71.1, 20.6)), "decimals": 1},
                "由9.4:66.8:23.8调整为8.3:71.1:20.6", "第一产业比重9.4%，2022年为8.3%"),
        Example({"shares": ((38.0, 62.0),), "decimals": 1}, "为38.0:62.0", "为38:62"),
    )),
    Convention(ChangeKind.BASIS, "a basis", "", "", (
        Example({"basis": "按可比价格计算", "text": "比上年增长7.7%"}, "按可比价格计算，比上年增长7.7%", "比上年增长7.7%"),
        Example({"basis": "按常住人口计算", "text": "人均地区生产总值91243元"}, "按常住人口计算，人均地区生产总值91243元",
                "人均地区生产总值91243元。按常住人口计算"),
    )),
    Convention(ChangeKind.MOVED, "a value moved from its base", "增加到", "减少到", (
        Example({"base": "500余项", "value": "1000余项", "rising": True, "unit": "项"}, "由500余项增加到1000余项", "由500余项增长到1000余项"),
        Example({"base": "60.1%", "value": "61.3%", "rising": True, "unit": "%"}, "由60.1%提高到61.3%", "由60.1%增加到61.3%"),
    )),
)
"""Every wording rule of a bulletin, as a table: the writers take their verbs from it and the tests read its examples."""

_BY_KIND = {convention.kind: convention for convention in CONVENTIONS}

RATE_MOVES = ("提高到", "下降到")
"""How a rate or share moves from its base to its new level (由60.1%提高到61.3%); an amount moves 增加到/减少到."""

YEAR_ON_YEAR_BASE = "上年同期"
"""The base period whose change is written 同比."""

PACE_SUBJECT = "增速"
"""The subject of a growth rate's own change: 增速比上年回落2.2个百分点."""

RANK_UNITS = ("位", "名")
"""Units of a rank: 第1位, 第13名."""


def convention(kind: ChangeKind) -> Convention:
    """Return the convention of a kind of change."""
    return _BY_KIND[kind]


def change_kind(unit: str) -> ChangeKind:
    """Return what a change in `unit` is: a rate (%, ‰), points (个百分点), 千分点, a multiple (倍), else an amount."""
    if unit in (PERCENT, PER_MILLE):
        return ChangeKind.RATE
    if unit == POINTS:
        return ChangeKind.POINTS
    if unit == PER_MILLE_POINTS:
        return ChangeKind.PER_MILLE_POINTS
    if unit == TIMES:
        return ChangeKind.MULTIPLE
    return ChangeKind.AMOUNT


def verb(kind: ChangeKind, rising: bool) -> str:
    """Return the verb of a rise or a fall of a kind of change: 增长/下降, 增加/减少, 提高/下降, 加快/回落, 高于/低于."""
    rule = _BY_KIND[kind]
    word = rule.rise if rising else rule.fall
    if not word:
        raise ValueError(f"{rule.what} cannot be written as a {'rise' if rising else 'fall'}")
    return word


def rise_word(unit: str) -> str:
    """Return the verb of a rise in `unit`: 增长 for a rate, 提高 for points, 增加 for an amount."""
    return verb(change_kind(unit), True)


def fall_word(unit: str) -> str:
    """Return the verb of a fall in `unit`: 下降 for a rate or points, 减少 for an amount (亿元, 人)."""
    kind = change_kind(unit)
    return verb(ChangeKind.RATE if kind is ChangeKind.MULTIPLE else kind, False)


def lead(base: Optional[str]) -> str:
    """Return what a change is measured against: 同比 for 上年同期, 比2017年, or '' without a base period."""
    if not base:
        return ""
    return "同比" if base == YEAR_ON_YEAR_BASE else f"比{base}"


def flat(base: Optional[str]) -> str:
    """Return 'no change' against a base: 与上年持平, or 持平 without one."""
    word = _BY_KIND[ChangeKind.FLAT].rise
    return f"与{base}{word}" if base else word


def write_amount(value: float, unit: str, qualifier: Optional[str] = None, decimals: Optional[int] = None) -> str:
    """Write a value with its unit and qualifier; a negative value as a fall: 约12.5亿元, 下降18.9%, 减少3亿元."""
    written = qualified(write_number(abs(value), decimals), unit, qualifier)
    return f"{fall_word(unit)}{written}" if value < 0 else written


def write_signed(value: float, unit: str, qualifier: Optional[str] = None, decimals: Optional[int] = None) -> str:
    """Write a value as a bar's label: as write_amount, but a negative value keeps its minus sign, as the axis does (-3.2亿元)."""
    written = qualified(write_number(abs(value), decimals), unit, qualifier)
    return f"-{written}" if value < 0 else written


def write_movement(change: float, unit: str, decimals: Optional[int] = None, qualifier: Optional[str] = None,
                   kind: Optional[ChangeKind] = None) -> str:
    """Write a change without its base: 增长48%, 下降1.0%, 提高1.2个百分点, 减少2.65亿元, 增长1.4倍; 0 is 持平."""
    if change == 0:
        return flat(None)
    kind = kind or change_kind(unit)
    word = verb(kind, change > 0)
    return f"{word}{qualified(write_number(abs(change), decimals), unit, qualifier)}"


def write_change(change: float, unit: str = PERCENT, base: Optional[str] = None, decimals: Optional[int] = None,
                 qualifier: Optional[str] = None) -> str:
    """Write a change with what it is measured against: 比上年增长7.7%, 同比下降0.2%, 比上年增加14545元, 与上年持平."""
    if change == 0:
        return flat(base)
    return lead(base) + write_movement(change, unit, decimals, qualifier)


def write_pace(change: float, base: Optional[str] = None, decimals: Optional[int] = None, subject: str = PACE_SUBJECT) -> str:
    """Write a growth rate's change against the base period's growth rate: 增速比上年回落2.2个百分点, 增速与上年持平."""
    if change == 0:
        return subject + flat(base)
    return subject + lead(base) + write_movement(change, POINTS, decimals, kind=ChangeKind.PACE)


def write_against(difference: float, unit: str, against: str, decimals: Optional[int] = None,
                  qualifier: Optional[str] = None) -> str:
    """Write a number against another area or an average: 高于全市平均水平5.7个百分点, 低于…, 与全省平均水平持平."""
    if difference == 0:
        return flat(against)
    return f"{against_lead(difference, against)}{qualified(write_number(abs(difference), decimals), unit, qualifier)}"


def against_lead(difference: float, against: str) -> str:
    """Return what a difference from another area says before its number: 高于全市平均水平, 低于全市平均水平."""
    return f"{verb(ChangeKind.AGAINST, difference > 0)}{against}"


def write_times(multiple: float, base: Optional[str] = None, decimals: Optional[int] = None) -> str:
    """Write a value as a multiple of its base: 是上年的2.4倍 (是原来的2.4倍 without a base period)."""
    return f"{verb(ChangeKind.TIMES, True)}{base or '原来'}的{write_number(multiple, decimals)}{TIMES}"


def write_rank(place: int, among: str, unit: str = RANK_UNITS[0]) -> str:
    """Write a place among others: 居六区两县第1位, 居全国第13名."""
    return f"{verb(ChangeKind.RANK, True)}{among}第{write_number(place)}{unit}"


def write_shares(shares: Sequence[float], decimals: Optional[int] = None) -> str:
    """Write the shares of a whole as a bulletin prints a structure: 8.3:71.1:20.6."""
    return ":".join(write_number(share, decimals) for share in shares)


def write_structure(shares: Sequence[Sequence[float]], decimals: Optional[int] = None) -> str:
    """Write a structure over one or two periods: 为8.3:71.1:20.6, 由9.4:66.8:23.8调整为8.3:71.1:20.6."""
    written = [write_shares(period, decimals) for period in shares]
    word = verb(ChangeKind.STRUCTURE, True)
    if len(written) == 1:
        return f"为{written[0]}"
    return f"由{written[0]}{word}{written[-1]}"


def write_based(basis: Optional[str], text: str) -> str:
    """Put a basis before what it qualifies: 按可比价格计算，比上年增长7.7%."""
    return f"{basis}，{text}" if basis else text


def write_moved(base: str, value: str, rising: bool, unit: str) -> str:
    """Write a value moved from its written base: 由500余项增加到1000余项, 由60.1%提高到61.3%."""
    if change_kind(unit) is ChangeKind.RATE:
        word = RATE_MOVES[0] if rising else RATE_MOVES[1]
    else:
        word = verb(ChangeKind.MOVED, rising)
    return f"由{base}{word}{value}"


def join_series(words: Sequence[str]) -> str:
    """Join words the Chinese way: 甲, 甲和乙, 甲、乙和丙."""
    if len(words) <= 1:
        return "".join(words)
    return "、".join(words[:-1]) + "和" + words[-1]


SENTENCE_ENDS = ("。", "！", "？", "…")


def as_sentence(text: str) -> str:
    """Return text closed as a sentence: a full stop added unless it ends in one (a note printed after a figure)."""
    text = text.strip().rstrip("；;，,")
    return text if text.endswith(SENTENCE_ENDS) else text + "。"


FOR_TEMPLATES: dict[str, Callable[..., str]] = {
    "amount": write_amount,
    "movement": write_movement,
    "change": write_change,
    "pace": write_pace,
    "against": write_against,
    "times": write_times,
    "rank": write_rank,
    "structure": write_structure,
    "series": join_series,
}
"""The writers templates call as `wording.<name>(…)`: {{ wording.change(-1.0, "%", "上年", 1) }} is 比上年下降1.0%."""

WRITERS: dict[ChangeKind, Callable[..., str]] = {
    ChangeKind.RATE: write_change,
    ChangeKind.AMOUNT: write_change,
    ChangeKind.POINTS: write_change,
    ChangeKind.PER_MILLE_POINTS: write_change,
    ChangeKind.MULTIPLE: write_change,
    ChangeKind.FLAT: write_change,
    ChangeKind.TIMES: write_times,
    ChangeKind.PACE: write_pace,
    ChangeKind.AGAINST: write_against,
    ChangeKind.RANK: write_rank,
    ChangeKind.STRUCTURE: write_structure,
    ChangeKind.BASIS: write_based,
    ChangeKind.MOVED: write_moved,
}
"""The writer of each convention's examples."""


# -- reading written forms back --------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A written amount or movement read back: 下降1.0% is −1.0 in %, with one decimal, written as a rate's fall."""

    value: float
    unit: str
    qualifier: Optional[str] = None
    decimals: int = 0
    kind: Optional[ChangeKind] = None
    """The kind of change its verb says (增长 a rate, 增加 an amount …); None for a plain amount."""


def _verbs() -> dict[str, tuple[ChangeKind, bool]]:
    words: dict[str, tuple[ChangeKind, bool]] = {}
    for rule in CONVENTIONS:
        if rule.kind in (ChangeKind.RATE, ChangeKind.AMOUNT, ChangeKind.POINTS, ChangeKind.PER_MILLE_POINTS, ChangeKind.PACE):
            for word, rising in ((rule.rise, True), (rule.fall, False)):
                words.setdefault(word, (rule.kind, rising))
    return words


VERBS = _verbs()
"""Verb → (the kind of change it first words in CONVENTIONS, whether it is a rise)."""

_WRITTEN = re.compile(
    "^(?P<verb>" + "|".join(map(re.escape, sorted(VERBS, key=len, reverse=True))) + ")?"
    "(?P<sign>-)?(?P<before>" + "|".join(sorted(BEFORE_NUMBER, key=len, reverse=True)) + ")?"
    r"(?P<number>\d+(?:\.(?P<fraction>\d+))?)"
    r"(?P<scale>万亿|万|亿)?"
    "(?P<middle>" + "|".join(sorted(AFTER_MAGNITUDE)) + ")?"
    r"(?P<measure>[^\d\s]*?)"
    "(?P<after>" + "|".join(sorted(AFTER_UNIT)) + ")?$"
)


def parse_written(text: str) -> Written:
    """Read a written amount or movement back into its number: 约12.8亿元 → 12.8 亿元 约; 下降1.0% → −1.0 % (one decimal).

    The inverse of write_amount, write_signed and write_movement: a fall
    verb (下降, 减少, 回落) makes the value negative; the kind of change is
    the verb's (增长 a rate, 增加 an amount, 提高 points). Raise ValueError for
    text that is no single written number.
    """
    match = _WRITTEN.fullmatch(text.strip())
    if match is None or (match["sign"] and match["verb"]):
        raise ValueError(f"not a written number: {text!r}")
    unit = (match["scale"] or "") + match["measure"]
    qualifier = match["before"] or match["middle"] or match["after"]
    value = float(match["number"])
    kind = None
    if match["verb"]:
        kind, rising = VERBS[match["verb"]]
        if not rising:
            value = -value
        if kind is not ChangeKind.PACE:
            kind = change_kind(unit)
    elif match["sign"]:
        value = -value
    return Written(value, unit, qualifier, len(match["fraction"] or ""), kind)
