"""Message titles: what each slide shows, said in its title (政务服务中心进驻事项约翻了一番), never its type (图表).

A slide's title is worked out from what it holds, in the report's own words
or through the wording engine, never invented:

- a chart: the `slide_title` the data gives it; else its caption when the
  caption says something (约翻了一番, 多于, 最快) rather than naming what is
  shown (…的数量, …的户数); else its largest change as the wording engine
  writes it (力帆科技一季度净利润5085万元，同比增长220%); else its leading
  figure (the largest, or the latest of a series); else its own title;
- key figures: the figure the slide leads with (年均新发展市场主体13500户);
- cases: a case's `slide_title` or its title; several cases side by side are
  named together when short, else the first with how many there are
  (帮扶力帆科技解决用工难题等四个案例).

Two panels sharing a slide have their messages joined when both are short,
else the first panel's. No two slides share a title: `Titles` hands out each
slide the first of its candidates no earlier slide took. The theme goes above
the title as a small kicker (营商环境).

Knows nothing of PowerPoint: the short deck's outline (report_gen.deck.outline)
and the full deck's builder ask here.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from ..data.model import Case, Chart, ChartKind, Figure
from ..data.written import statement
from ..plan import ChartPlan
from ..text.cjk import text_ems
from ..text.numbering import chinese_numeral

OVERVIEW_TITLE = "工作概览"
SOURCES_TITLE = "资料来源"
KEY_FIGURES_TITLE = "关键数字"
"""The heading of a panel of key figures on a slide two panels share (the slide's own title says its message)."""
CASES_TITLE = "典型案例"
"""The heading of a panel of cases on a slide two panels share."""
CONTINUED = "（续）"
"""After a title or a heading whose slide continues the one before."""
TYPE_WORDS = ("图表", KEY_FIGURES_TITLE, CASES_TITLE, "概述", OVERVIEW_TITLE, SOURCES_TITLE)
"""What a slide is rather than what it says: no content slide is titled with one of these, alone or joined by 与."""

MESSAGE_EMS = 28.0
"""Widest a caption may be, in ems, to title a slide: about one line of the title at its largest size."""
JOINED_EMS = 34.0
"""Widest two panels' messages may be together, in ems, to title the slide they share."""

DESCRIPTION_ENDINGS = ("数量", "户数", "人数", "人次", "规模", "情况", "数字", "对比", "目标", "降幅", "长度", "水平",
                       "构成", "分布", "变化", "一览", "概况", "指标")
"""How a caption that names what a chart shows ends (…的协议签署数量和…服务人次): it says no message."""
_TRAILING = "。；;，,：:！？!?"


def headline(text: str) -> str:
    """Return text as a title: no sentence-ending mark (a heading ends without punctuation)."""
    return text.strip().rstrip(_TRAILING)


def says_something(caption: str) -> bool:
    """Tell whether a caption states a message (约翻了一番, 逐年增加) rather than names what is shown (…的户数)."""
    text = headline(caption)
    return bool(text) and not text.endswith(DESCRIPTION_ENDINGS)


def caption_message(caption: str) -> Optional[str]:
    """Return the message a caption states when it is short enough for a title; None when it only names what is
    shown, or is too long (its last clause alone would lose its subject: 前两项均较2017年有所增长)."""
    text = headline(caption)
    return text if says_something(text) and text_ems(text) <= MESSAGE_EMS else None


def relative_change(figure: Figure) -> Optional[float]:
    """Return how much a figure moved, as a share of its base: 0.48 for 同比增长48%, 1.0 for 由500增加到1000; None
    when it gives no comparison to measure."""
    comparison = figure.comparison
    if comparison is None:
        return None
    if comparison.base_value:
        return abs(figure.value / comparison.base_value - 1)
    if comparison.multiple is not None:
        return abs(comparison.multiple - 1)
    if comparison.change is not None and (comparison.change_unit or "%") == "%":
        return abs(comparison.change) / 100
    if comparison.change is not None:
        return 0.0
    return None


def largest_change(figures: Iterable[Figure]) -> Optional[Figure]:
    """Return the figure that moved most against its base, or None when none gives a comparison."""
    moved = [(change, index, figure) for index, figure in enumerate(figures)
             if (change := relative_change(figure)) is not None]
    return max(moved, key=lambda item: (item[0], -item[1]))[2] if moved else None


def leading_figure(chart: Chart, figures: Sequence[Figure]) -> Optional[Figure]:
    """Return the figure a chart leads with: the latest of a series over periods, else the largest of one unit,
    else the first."""
    if not figures:
        return None
    if chart.kind in (ChartKind.LINE, ChartKind.BAR_LINE, ChartKind.STACKED) and len({f.period for f in figures}) > 1:
        return figures[-1]
    if chart.kind is ChartKind.PROGRESS or len({figure.unit for figure in figures}) > 1:
        return figures[0]
    return max(figures, key=lambda figure: figure.magnitude)


def chart_messages(chart: Chart, planned: ChartPlan) -> list[str]:
    """Return the titles a chart's slide may take, best first (see the module's docstring)."""
    figures = [figure for figure in planned.figures if isinstance(figure, Figure)]
    moved, leading = largest_change(figures), leading_figure(chart, figures)
    candidates = [chart.slide_title, caption_message(chart.caption),
                  statement(moved) if moved is not None else None,
                  statement(leading) if leading is not None else None, chart.title]
    return _distinct(candidates)


def figures_messages(figures: Sequence[Figure]) -> list[str]:
    """Return the titles a slide of key figures may take: each figure's statement, the one it leads with first."""
    return _distinct(statement(figure) for figure in figures if isinstance(figure, Figure))


def cases_messages(cases: Sequence[Case]) -> list[str]:
    """Return the titles a slide of cases may take: the cases named together when short, else the first with how
    many there are; then each case's own."""
    own = [case.slide_title or case.title for case in cases]
    candidates = [case.slide_title for case in cases]
    if len(own) > 1:
        together = "；".join(headline(title) for title in own)
        counted = f"{headline(own[0])}等{chinese_numeral(len(own))}个案例"
        candidates.append(together if text_ems(together) <= JOINED_EMS else counted)
    return _distinct([*candidates, *own])


def _distinct(candidates: Iterable[Optional[str]]) -> list[str]:
    return list(dict.fromkeys(headline(text) for text in candidates if text and headline(text)))


def joined(first: str, second: str) -> Optional[str]:
    """Return two panels' messages as one title when together they are short and neither is a list (甲；乙); None
    otherwise."""
    if "；" in first + second:
        return None
    separator = "；" if "，" in first + second else "，"
    together = f"{first}{separator}{second}"
    return together if text_ems(together) <= JOINED_EMS else None


class Titles:
    """The titles a deck has given so far, so that no two slides share one."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, *candidates: Sequence[str]) -> str:
        """Give a slide the first candidate no earlier slide took: of the first list, then the next; a taken
        title marked （续）, （续二）… when every candidate is taken."""
        options = [text for group in candidates for text in group]
        if not options:
            raise ValueError("a slide needs at least one candidate title")
        chosen = next((text for text in options if text not in self.used), None)
        number = 1
        while chosen is None:
            mark = CONTINUED if number == 1 else f"（续{chinese_numeral(number)}）"
            chosen = next((text + mark for text in options if text + mark not in self.used), None)
            number += 1
        self.used.add(chosen)
        return chosen

    def take_shared(self, first: Sequence[str], second: Sequence[str]) -> str:
        """Give a slide of two panels its title: their first free messages joined when short, else the first's."""
        free = [[text for text in group if text not in self.used] for group in (first, second)]
        if free[0] and free[1]:
            together = joined(free[0][0], free[1][0])
            if together is not None and together not in self.used:
                self.used.add(together)
                return together
        return self.take(first, second)


def is_type_word(title: str) -> bool:
    """Tell whether a title only names a slide's type: 图表, 关键数字与典型案例, 典型案例（续）."""
    bare = re.sub(r"（续[一二三四五六七八九十]*）$", "", title)
    return bool(bare) and all(part in TYPE_WORDS for part in bare.split("与"))

