"""How report_gen numbers things in Chinese documents: section numerals and source references.

Sections are numbered 一、 （一） in Chinese numerals and typical cases 案例一;
items within a section 1. 2., a lone item not at all (a level with one item
is not numbered); references to the 资料来源 list are [1], [1,2], [1-3,5].
"""

from __future__ import annotations

from typing import Iterable

CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """Write 1–999 in Chinese numerals as section numbers use them: 一, 十, 十一, 二十三, 一百, 一百零一, 一百一十."""
    if not 1 <= number <= 999:
        raise ValueError(f"section number out of range: {number}")
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    if hundreds == 0:
        lead = "" if tens == 1 else CHINESE_DIGITS[tens] if tens else ""
        return f"{lead}十{CHINESE_DIGITS[ones] if ones else ''}" if tens else CHINESE_DIGITS[ones]
    written = f"{CHINESE_DIGITS[hundreds]}百"
    if tens:
        written += f"{CHINESE_DIGITS[tens]}十"
    elif ones:
        written += "零"
    return written + (CHINESE_DIGITS[ones] if ones else "")


def item_label(number: int, count: int) -> str:
    """Label item `number` of `count` at the third level: 1. 2. …, or nothing when it is the only one."""
    return "" if count == 1 else f"{number}."


def citation_label(numbers: Iterable[int]) -> str:
    """Write source numbers as one reference mark, ranges of three or more joined: [1], [1,2], [1-3,5]."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - index >= 2:
            parts.append(f"{ordered[index]}-{ordered[end]}")
        else:
            parts.extend(str(n) for n in ordered[index:end + 1])
        index = end + 1
    return f"[{','.join(parts)}]"
