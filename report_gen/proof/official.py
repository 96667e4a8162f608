"""The elements of a 公文 (GB/T 9704-2012): sequence labels, the 发文字号, the 成文日期, the page and its grid.

Sequence labels are read from the start of body paragraphs (not tables,
headers or a table of contents): 一、 (level 1), （一） (2), 1. (3), （1） (4).
A level counts from 1 under each label of a higher level, and under a
heading of a higher level that carries no label (a section's only part).
A note's items (注：1.…, then 2.…) are a list of their own under a chart or
table, not a level of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ..text.numbering import chinese_numeral
from .model import Hit, PageSetup, Passage
from .numerals import chinese_small_number, chinese_year, full_year

_CHINESE_NUMBER = "[一二三四五六七八九十]{1,3}"

LABELS = (
    (1, re.compile(rf"\s*({_CHINESE_NUMBER})、")),
    (2, re.compile(rf"\s*（({_CHINESE_NUMBER})）")),
    (3, re.compile(r"\s*(\d{1,2})[.．](?![\d０-９])")),
    (4, re.compile(r"\s*（(\d{1,2})）")),
)
"""The four levels of GB/T 9704-2012 7.3.3, each as the pattern of its label at the start of a paragraph."""

_FORMS = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}


@dataclass(frozen=True)
class Label:
    """A sequence label at the start of a passage: its level, its number and where it ends."""

    level: int
    number: int
    end: int

    def written(self, number: Optional[int] = None) -> str:
        """Return the label as written for `number` (default its own): 三、 or （2）."""
        value = self.number if number is None else number
        return _FORMS[self.level].format(chinese_numeral(value) if self.level in (1, 2) else value)


def label_of(passage: Passage) -> Optional[Label]:
    """Return the sequence label a body paragraph opens with; None for any other passage."""
    if passage.kind != "body" or passage.style.lower().startswith(("toc", "目录")):
        return None
    for level, pattern in LABELS:
        match = pattern.match(passage.text)
        if match:
            number = chinese_small_number(match.group(1)) if level in (1, 2) else int(match.group(1))
            if number:
                return Label(level, number, match.end())
    return None


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def unlabelled_heading_level(passage: Passage) -> Optional[int]:
    """Return the level of a heading that carries no label (典型案例 as a section's only part), None for any other passage.

    Its heading style (Heading 2, 标题 2) says its level; the labels under it count afresh, as under a （一）.
    """
    match = _HEADING_STYLE.match(passage.style.strip())
    if passage.kind != "body" or match is None or label_of(passage) is not None:
        return None
    return int(match.group(1))


_NOTE = re.compile(r"\s*注[：:]")
"""A note under a chart or table: 注：…, its items numbered 1. 2. on its own line or the lines after it."""


def text_labels(passages: list[Passage]) -> list[Optional[Label]]:
    """Return each passage's sequence label, None for the items of a note (注：1.…, 2.…), which number a list of their own."""
    labels: list[Optional[Label]] = []
    in_note = False
    for passage in passages:
        label = label_of(passage)
        if passage.kind == "body" and _NOTE.match(passage.text):
            in_note = True
            labels.append(None)
            continue
        in_note = in_note and label is not None and label.level == 3
        labels.append(None if in_note else label)
    return labels


def sequence(passages: list[Passage]) -> Iterator[tuple[int, Hit]]:
    """Yield labels out of order: a level that starts above 1 or skips or repeats a number under the same parent."""
    last: dict[int, int] = {}
    for index, label in enumerate(text_labels(passages)):
        passage = passages[index]
        heading = unlabelled_heading_level(passage)
        if heading is not None:
            for deeper in [level for level in last if level > heading]:
                del last[deeper]
        if label is None:
            continue
        for deeper in [level for level in last if level > label.level]:
            del last[deeper]
        expected = last.get(label.level, 0) + 1
        if label.number != expected:
            previous = last.get(label.level)
            why = (f"{label.written()} follows {label.written(previous)}; expected {label.written(expected)}" if previous
                   else f"the level starts at {label.written()}; expected {label.written(1)}")
            start = len(passage.text) - len(passage.text.lstrip())
            yield index, Hit(start, label.end, note=why)
        last[label.level] = label.number


def lone_label(passages: list[Passage]) -> Iterator[tuple[int, Hit]]:
    """Yield a label that is the only one of its level under its parent: a level with one item is not numbered."""
    open_levels: dict[int, list[int]] = {}

    def close(levels: list[int]) -> Iterator[tuple[int, Hit]]:
        for level in levels:
            items = open_levels.pop(level)
            if len(items) == 1:
                index = items[0]
                text = passages[index].text
                start = len(text) - len(text.lstrip())
                label = label_of(passages[index])
                yield index, Hit(start, label.end, note=f"{label.written()} is the only label of its level here, with no "
                                 f"{label.written(label.number + 1)}: a level with one item is not numbered")

    for index, label in enumerate(text_labels(passages)):
        heading = unlabelled_heading_level(passages[index])
        if heading is not None:
            yield from close([level for level in open_levels if level > heading])
        if label is None:
            continue
        yield from close([level for level in open_levels if level > label.level])
        open_levels.setdefault(label.level, []).append(index)
    yield from close(sorted(open_levels))


_LABEL_FORMS = (
    (re.compile(r"\s*(\d{1,2})、"), lambda m: f"{m.group(1)}."),
    (re.compile(r"\s*([（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)])[、.．，,]"), lambda m: m.group(1)),
    (re.compile(r"\s*([一二三四五六七八九十]{1,3})[.．,，](?!\d)"), lambda m: f"{m.group(1)}、"),
)
"""Labels in the wrong form at the start of a paragraph, and their right form: 1、 → 1.; （一）、 → （一）; 一. → 一、."""


def label_form(text: str) -> Iterator[Hit]:
    for pattern, right in _LABEL_FORMS:
        match = pattern.match(text)
        if match:
            start = len(text) - len(text.lstrip())
            yield Hit(start, match.end(), right(match))
            return


# -- gw.doc-number -------------------------------------------------------------------

_DOCUMENT_NUMBER = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,12}?)([〔\[［(（【〖])\s*(\d{2}|\d{4})\s*([〕\]］)）】〗])\s*(第?)\s*(\d{1,5})\s*号"
)
"""机关代字, a year in brackets, the number and 号: 北碚府发〔2025〕3号 and its wrong forms."""


def document_number(text: str) -> Iterator[Hit]:
    for match in _DOCUMENT_NUMBER.finditer(text):
        issuer, opening, year, closing, ordinal, number = match.groups()
        wrong = []
        if (opening, closing) != ("〔", "〕"):
            wrong.append(f"the year goes in 〔〕, not {opening}{closing}")
        if len(year) == 2:
            wrong.append("the year is written in full")
            year = full_year(year) or ""
        if ordinal:
            wrong.append("the number takes no 第")
        if number.startswith("0"):
            wrong.append("the number has no leading zero")
        if not wrong:
            continue
        fix = f"{issuer}〔{year}〕{int(number)}号" if year else None
        yield Hit(match.start(), match.end(), fix, "发文字号: " + "; ".join(wrong) + " (机关代字〔2025〕3号)")


# -- gw.signing-date -----------------------------------------------------------------

_CHINESE_DATE = re.compile(r"\s*([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日\s*")
_SEPARATED_DATE = re.compile(r"\s*(\d{4})\s*[./\-－]\s*(\d{1,2})\s*[./\-－]\s*(\d{1,2})\s*")


def signing_date(text: str) -> Iterator[Hit]:
    """Yield a paragraph that is only a date not written as 2025年8月1日: the 成文日期 and 印发日期 take Arabic digits, 年月日 in full."""
    match = _CHINESE_DATE.fullmatch(text)
    if match:
        year, month, day = chinese_year(match.group(1)), chinese_small_number(match.group(2)), chinese_small_number(match.group(3))
        fix = f"{year}年{month}月{day}日" if year and month and day else None
        start = len(text) - len(text.lstrip())
        yield Hit(start, len(text.rstrip()), fix)
        return
    match = _SEPARATED_DATE.fullmatch(text)
    if match and 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31:
        start = len(text) - len(text.lstrip())
        yield Hit(start, len(text.rstrip()), f"{match.group(1)}年{int(match.group(2))}月{int(match.group(3))}日")


# -- the page ------------------------------------------------------------------------

TWIPS_PER_MM = 1440 / 25.4
A4 = (210, 297)
MARGINS_MM = {"top": 37, "left": 28}
TEXT_AREA_MM = (156, 225)
TOLERANCE_MM = 1
GRID = (22, 28)
"""Lines a page and characters a line, the usual grid (一般每面排22行，每行排28个字)."""


def _mm(twips: Optional[int]) -> Optional[float]:
    return None if twips is None else twips / TWIPS_PER_MM


def paper(page: PageSetup) -> Iterator[str]:
    width, height = _mm(page.width), _mm(page.height)
    if width is None or height is None:
        return
    if abs(width - A4[0]) > TOLERANCE_MM or abs(height - A4[1]) > TOLERANCE_MM:
        yield f"the page is {width:.0f} × {height:.0f} mm; a 公文 is printed on A4, 210 × 297 mm"


def margins(page: PageSetup) -> Iterator[str]:
    values = {side: _mm(getattr(page, side)) for side in ("top", "bottom", "left", "right")}
    width, height = _mm(page.width), _mm(page.height)
    if any(value is None for value in values.values()) or width is None or height is None:
        return
    wrong = [f"{side} margin {values[side]:.0f} mm, not {MARGINS_MM[side]} mm" for side in MARGINS_MM
             if abs(values[side] - MARGINS_MM[side]) > TOLERANCE_MM]
    area = (width - values["left"] - values["right"], height - values["top"] - values["bottom"])
    if abs(area[0] - TEXT_AREA_MM[0]) > TOLERANCE_MM or abs(area[1] - TEXT_AREA_MM[1]) > TOLERANCE_MM:
        wrong.append(f"text area {area[0]:.0f} × {area[1]:.0f} mm, not {TEXT_AREA_MM[0]} × {TEXT_AREA_MM[1]} mm")
    if wrong:
        yield "; ".join(wrong)


def grid(page: PageSetup) -> Iterator[str]:
    if None in (page.width, page.height, page.top, page.bottom, page.left, page.right):
        return
    lines = chars = None
    if page.line_pitch:
        lines = int((page.height - page.top - page.bottom) // page.line_pitch)
    if page.char_pitch:
        chars = int((page.width - page.left - page.right) / 20 // page.char_pitch)
    wrong = []
    if lines is not None and lines != GRID[0]:
        wrong.append(f"{lines} lines a page")
    if chars is not None and chars != GRID[1]:
        wrong.append(f"{chars} characters a line")
    if wrong:
        yield f"{' and '.join(wrong)}; the usual grid is {GRID[0]} lines of {GRID[1]} characters"
