"""How punctuation is written (GB/T 15834-2011): full-width marks, paired marks that balance and nest, 顿号, 省略号, ranges.

A mark counts as part of Chinese text when a Chinese character stands beside
it; Latin text inside a Chinese sentence (GB/T 9704, Python: a language) keeps
its own marks.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..text.cjk import is_han
from .model import Hit, Passage

HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
"""The full-width form of each half-width mark a draft typed into Chinese text."""

_CHINESE_CLOSERS = "）”’》】〕」』。，、；：？！%％"
_CHINESE_OPENERS = "（“‘《【〔「『"


def _chinese_before(text: str, index: int) -> bool:
    return index > 0 and (is_han(text[index - 1]) or text[index - 1] in _CHINESE_CLOSERS)


def _chinese_after(text: str, index: int) -> bool:
    return index + 1 < len(text) and (is_han(text[index + 1]) or text[index + 1] in _CHINESE_OPENERS)


def _latin_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


# -- punct.halfwidth -----------------------------------------------------------------

def halfwidth(text: str) -> Iterator[Hit]:
    yield from _halfwidth_marks(text)
    yield from _halfwidth_parentheses(text)
    yield from _straight_quotes(text, '"', "“”")
    yield from _straight_quotes(text, "'", "‘’")


_HALF_WIDTH_MARK = re.compile(r"[,;:?!.]")


def _halfwidth_marks(text: str) -> Iterator[Hit]:
    for found in _HALF_WIDTH_MARK.finditer(text):
        index, char = found.start(), found.group()
        before, after = _chinese_before(text, index), _chinese_after(text, index)
        end = index + 1 >= len(text) or text[index + 1].isspace()
        if char == ".":
            # a full stop: only after a Chinese character, at the end of a sentence (not 1.5, not 第1.)
            if index > 0 and is_han(text[index - 1]) and (end or after):
                yield Hit(index, index + 1, "。")
            continue
        if char == ":" and index > 0 and text[index - 1].isdigit() and index + 1 < len(text) and text[index + 1].isdigit():
            continue  # 15:40, 3:2
        if before or (after and not (index > 0 and _latin_or_digit(text[index - 1]) and char in ",.")):
            yield Hit(index, index + 1, HALF_TO_FULL[char])


def _halfwidth_parentheses(text: str) -> Iterator[Hit]:
    """Yield half-width parentheses in Chinese text: a pair whose inside or outside is Chinese, and a lone one beside Chinese."""
    paired: set[int] = set()
    for match in re.finditer(r"\(([^()]*)\)", text):
        inside = match.group(1)
        chinese = any(is_han(char) for char in inside) or _chinese_before(text, match.start()) \
            or _chinese_after(text, match.end() - 1)
        paired.update((match.start(), match.end() - 1))
        if chinese:
            yield Hit(match.start(), match.start() + 1, "（")
            yield Hit(match.end() - 1, match.end(), "）")
    for index, char in enumerate(text):
        if char in "()" and index not in paired and (_chinese_before(text, index) or _chinese_after(text, index)):
            yield Hit(index, index + 1, HALF_TO_FULL[char])


def _straight_quotes(text: str, mark: str, curly: str) -> Iterator[Hit]:
    """Yield straight quotes in Chinese text; where they pair up, the curly quote each one stands for."""
    places = [index for index, char in enumerate(text) if char == mark]
    if not places or not any(_chinese_before(text, i) or _chinese_after(text, i) for i in places):
        return
    if mark == "'" and any(0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha() and text[i - 1].isascii() for i in places):
        return  # an apostrophe in a Latin word (O'Brien): leave this paragraph's single quotes alone
    even = len(places) % 2 == 0
    for number, index in enumerate(places):
        yield Hit(index, index + 1, curly[number % 2] if even else None)


# -- punct.pairs and punct.quote-nesting --------------------------------------------

PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "〔": "〕", "【": "】", "〈": "〉", "「": "」", "『": "』"}
_CLOSERS = {closer: opener for opener, closer in PAIRS.items()}
_PAIRED_MARK = re.compile("[" + "".join(PAIRS) + "".join(_CLOSERS) + "]")


def _unmatched(text: str) -> tuple[list[int], list[int]]:
    """Return the indexes of opening marks left open and of closing marks that close nothing (or the wrong mark)."""
    stack: list[int] = []
    stray: list[int] = []
    for found in _PAIRED_MARK.finditer(text):
        index, char = found.start(), found.group()
        if char in PAIRS:
            stack.append(index)
        elif char in _CLOSERS:
            opener = _CLOSERS[char]
            if stack and text[stack[-1]] == opener:
                stack.pop()
            elif opener in (text[i] for i in stack):
                while text[stack[-1]] != opener:  # marks opened inside and never closed
                    stray.append(stack.pop())
                stack.pop()
            else:
                stray.append(index)
    return stack, sorted(stray)


def unbalanced(passages: list[Passage]) -> Iterator[tuple[int, Hit]]:
    """Yield paired marks left open or closing nothing, passage by passage.

    A quotation of several paragraphs opens each with “ and closes only the
    last (GB/T 15834-2011 4.8.3.5), so an open “ is left alone when the next
    passage of the same kind begins with “.
    """
    for number, passage in enumerate(passages):
        text = passage.text
        left_open, stray = _unmatched(text)
        following = passages[number + 1] if number + 1 < len(passages) else None
        continued = following is not None and following.kind == passage.kind and following.text.lstrip().startswith("“")
        for index in left_open:
            if text[index] == "“" and continued:
                continue
            yield number, Hit(index, index + 1, note=f"{text[index]} is never closed by {PAIRS[text[index]]}")
        for index in stray:
            if text[index] == "”" and number > 0 and _quotation_continues(passages, number):
                continue
            yield number, Hit(index, index + 1, note=f"{text[index]} closes nothing: no {_CLOSERS.get(text[index], '')} before it")


def _quotation_continues(passages: list[Passage], number: int) -> bool:
    """Tell whether this passage ends a quotation of several paragraphs: it begins with “ and a passage before it opened one."""
    return passages[number].text.lstrip().startswith("“") and _unmatched(passages[number - 1].text)[0] != []


def quote_nesting(text: str) -> Iterator[Hit]:
    """Yield double quotes inside double quotes (inner ones become ‘ ’), and double quotes inside single ones."""
    if _unmatched(text) != ([], []):
        return  # unbalanced: punct.pairs says where; nesting cannot be read
    stack: list[tuple[str, int]] = []
    for found in _PAIRED_MARK.finditer(text):
        index, char = found.start(), found.group()
        if char in "“‘":
            outer = [mark for mark, _ in stack if mark in "“‘"]
            if char == "“" and outer == ["‘"]:
                yield Hit(index, index + 1, note="a double quote inside a single one: the outer quotes are “ ”, the inner ‘ ’")
            stack.append((char, index))
        elif char in "”’":
            mark, start = stack.pop()
            outer = [m for m, _ in stack if m in "“‘"]
            if mark == "“" and outer and outer[-1] == "“":
                yield Hit(start, start + 1, "‘")
                yield Hit(index, index + 1, "’")
        elif char in PAIRS:
            stack.append((char, index))
        elif char in _CLOSERS:
            stack.pop()


# -- 顿号 ----------------------------------------------------------------------------

def dunhao_before_deng(text: str) -> Iterator[Hit]:
    for match in re.finditer(r"、+(?=等)", text):
        yield Hit(match.start(), match.end() + 1, "等")


def dunhao_between_quotes(text: str) -> Iterator[Hit]:
    for match in re.finditer(r"(?<=[”》])、(?=[“《])", text):
        yield Hit(match.start() - 1, match.end() + 1, text[match.start() - 1] + text[match.end()])


# -- punct.ellipsis ------------------------------------------------------------------

_WRONG_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|·{3,}|…{5,}|(?<!…)…(?!…)|(?<!…)…{3}(?!…)")
"""Three dots, three 句号 or a single …; not …… (the ellipsis) nor ………… (twelve dots: whole paragraphs left out)."""


def ellipsis(text: str) -> Iterator[Hit]:
    for match in _WRONG_ELLIPSIS.finditer(text):
        if match.group() == "..." and match.start() > 0 and text[match.start() - 1].isascii() and text[match.start() - 1].isalpha():
            continue  # Latin text's own ellipsis
        yield Hit(match.start(), match.end(), "……")


# -- punct.range-connector -------------------------------------------------------------

_HYPHEN_RANGE = re.compile(
    r"(?<![\d.\-/:：A-Za-z])(\d{1,4}(?:\.\d+)?)(\s*[-~－]\s*)(\d{1,4}(?:\.\d+)?)(?![\d.\-])(?=[%％年月日号万亿元个人次天项所名家户条吨件期届])"
)


def range_connector(text: str) -> Iterator[Hit]:
    for match in _HYPHEN_RANGE.finditer(text):
        time = text[match.end()] in "年月日号"
        yield Hit(match.start(2), match.end(2), "—" if time else "～")
