"""How report_gen numbers things in Chinese documents: section numerals and source references.

Sections are numbered 一、 （一） in Chinese numerals and typical cases 案例一;
references to the 资料来源 list are [1], [1,2], [1-3,5].
"""

from __future__ import annotations

from typing import Iterable

CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """Write 1–99 in Chinese numerals as section numbers use them: 一, 十, 十一, 二十三."""
    if not 1 <= number <= 99:
        raise ValueError(f"section number out of range: {number}")
    tens, ones = divmod(number, 10)
    if tens == 0:
        return CHINESE_DIGITS[ones]
    lead = "" if tens == 1 else CHINESE_DIGITS[tens]
    return f"{lead}十{CHINESE_DIGITS[ones] if ones else ''}"


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
