"""Sentences written from figures alone, for a theme without a template of its own: a bulletin's paragraph.

The figures are stated the way a statistical bulletin states them, and never
say a period, a subject or a number twice:

- one figure reported for several periods is one sentence:
  2022—2024年，地区生产总值分别为120亿元、128亿元和135亿元，比上年分别增长5.1%、6%和5.5%;
- the other figures are grouped by period, the period said once at the head:
  2024年，房地产开发投资下降18.9%；城镇化率由60%提高到61.2%;
- within a period, what is said of one subject is one clause group, the
  subject said once: 地区生产总值295.4亿元，比上年增长3.3%，增速高于全市平均
  水平5.7个百分点，居六区两县第1位 (the last two are figures labelled
  地区生产总值增速); subjects are set apart with ；. A figure that only repeats
  what its subject's clause already says (下降2.7% after 比上年下降2.7%) is not
  said again;
- a structure is one clause: 三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6;
- a label that starts with its period drops it there (2022年全体居民人均可支配收入
  under 2022年 is 全体居民人均可支配收入), and one that says the period's part again
  drops that (力帆科技一季度营业收入 under 2022年一季度 is 力帆科技营业收入; 全年 under a year).

Every number cites its figure's source (report_gen.text.cited), so the
sentence can cite it; pieces are put together with `join`, which keeps the
citations where they are.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence, Union

from ..data.model import Figure, FigureKind, Structure
from ..data.written import (
    continuation_clauses,
    continues,
    pace_said,
    statement,
    structure_span,
    structure_statement,
    write_change,
    write_figure,
    written_span,
)
from ..text.cited import CitedText, join
from ..text.numbers import PERCENT, qualified, write_number
from ..text.wording import PACE_SUBJECT, change_kind, lead, verb

_YEAR = re.compile(r"(\d{4})年")

Stated = Union[Figure, Structure]
"""What a bulletin's paragraph states: a figure, or a structure."""


_PERIOD_WORD = re.compile(r"第?[一二三四]季度|前三季度|[上下]半年|每年")
"""Words of a period a label may say again: 一季度 in 力帆科技一季度营业收入 under 2022年一季度."""
_WHOLE_YEAR = re.compile(r"(?:\d{4}年)+")
"""A period of whole years (2021年), under which a label's 全年 says the period again."""


def own_label(figure: Stated) -> str:
    """Return the label without the period it says: 2022年全体居民人均可支配收入 under 2022年 is 全体居民人均可支配收入,
    力帆科技一季度营业收入 under 2022年一季度 is 力帆科技营业收入, 全年新增市场主体 under 2021年 is 新增市场主体."""
    label, period = figure.label, figure.period
    if label.startswith(period) and len(label) > len(period):
        return label[len(period):].lstrip("，, ")
    words = _PERIOD_WORD.findall(period) + (["全年"] if _WHOLE_YEAR.fullmatch(period) else [])
    for word in words:
        if word in label and len(label) > len(word):
            label = label.replace(word, "", 1)
    return label


def cited(text: str, figure: Stated) -> CitedText:
    """Return text taken from a figure, citing the figure's source, the figure's written form in it marked as the figure's."""
    span = structure_span(figure, text) if isinstance(figure, Structure) else written_span(figure, text)
    return CitedText.stating(text, figure.source, figure.id, span)


def join_series(words: Sequence[str]) -> CitedText:
    """Join words the Chinese way, keeping their citations: 甲, 甲和乙, 甲、乙和丙."""
    if len(words) <= 1:
        return join(words)
    return join([join(words[:-1], "、"), words[-1]], "和")


def join_clauses(parts: Sequence[str]) -> CitedText:
    """Join statements with ，, or with ； when a statement already holds a ，, keeping their citations."""
    return join(parts, "；" if any("，" in part for part in parts) else "，")


def figure_sentences(figures: Sequence[Figure], structures: Sequence[Structure] = ()) -> list[CitedText]:
    """Return sentences, each ending in 。 and citing its figures, that state every figure and structure once, in the order met."""
    series = _series(figures)
    followers = {id(members[-1]): [f for f in figures if continues(f, members[-1])] for members in series}
    series = [members + followers[id(members[-1])] for members in series]
    in_series = {figure.id for members in series for figure in members}
    by_period: dict[str, list[Stated]] = {}
    for item in [*figures, *structures]:
        if item.id not in in_series:
            by_period.setdefault(item.period, []).append(item)
    sentences: list[CitedText] = []
    said: set[str] = set()
    for item in [*figures, *structures]:
        if item.id in said:
            continue
        members: Optional[Sequence[Stated]] = next((group for group in series if item.id in {m.id for m in group}), None)
        if members is not None:
            sentences.append(_series_sentence(list(members)))  # type: ignore[arg-type]
        else:
            members = by_period[item.period]
            sentences.append(_period_sentence(item.period, list(members)))
        said.update(member.id for member in members)
    return sentences


def _series(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Return the groups of level figures that state one label in one unit for two or more different periods."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        if figure.kind is FigureKind.LEVEL and figure.against is None and figure.among is None:
            groups.setdefault((own_label(figure), figure.unit), []).append(figure)
    return [
        members for members in groups.values()
        if len(members) > 1 and len({member.period for member in members}) == len(members)
    ]


def _subject_rest(label: str, subject: Optional[str]) -> Optional[str]:
    """Return what a label says beyond the subject before it (增速 of 地区生产总值增速 after 地区生产总值), or None
    when the label has a subject of its own."""
    if subject is None or not label.startswith(subject):
        return None
    return label[len(subject):]


def _period_sentence(period: str, items: list[Stated]) -> CitedText:
    """State figures of one period, a subject's clauses together: 2024年，地区生产总值…，增速…；房地产开发投资下降18.9%。"""
    groups: list[list[CitedText]] = []
    subject: Optional[str] = None
    aspect = ""
    for item in items:
        label = own_label(item)
        rest = _subject_rest(label, subject)
        if isinstance(item, Structure):
            groups.append([cited(structure_statement(item, label), item)])
            subject, aspect = label, ""
            continue
        if rest is None:
            groups.append([cited(statement(item, label), item)])
            subject, aspect = label, PACE_SUBJECT if pace_said(item) else ""
            continue
        said = statement(item, "" if rest == aspect else rest)
        if said and any(said in str(clause) for clause in groups[-1]):
            continue  # only repeats what its subject's clauses say (下降2.7% after 比上年下降2.7%)
        groups[-1].append(cited(said, item))
        aspect = rest or aspect
    return join([f"{period}，", join_clauses([join(group, "，") for group in groups]), "。"])


def _series_sentence(members: list[Figure]) -> CitedText:
    """State one label over several periods: 2022—2024年，地区生产总值分别为…，比上年分别增长…。

    Figures that continue the last period's (its growth rate against the
    city's, its rank) close the sentence as that period's clauses.
    """
    figures = [f for f in members if not any(continues(f, g) for g in members if g is not f and f.period == g.period)]
    more = [f for f in members if f not in figures]
    said = _series_said(figures)
    if not more:
        return join([said, "。"])
    clauses = continuation_clauses(figures[-1], more, str(said))
    return join([said, "，", join([cited(clause, f) for clause, f in zip(clauses, more)], "，"), "。"])


def _series_said(figures: list[Figure]) -> CitedText:
    """State the series itself, without its closing full stop."""
    label = own_label(figures[0])
    amounts = [cited(write_figure(figure), figure) for figure in figures]
    changes = _shared_change(figures)
    plain = all(
        figure.value >= 0 and figure.value_basis is None and (figure.comparison is None or figure.comparison.base_value is None)
        for figure in figures
    )
    if plain and (changes or all(figure.comparison is None for figure in figures)):
        span = _period_span([figure.period for figure in figures])
        return join([f"{span}，{label}分别为", join_series(amounts)] + (["，", changes] if changes else []))
    parts = [cited(f"{figures[0].period}{statement(figures[0], label)}", figures[0])]
    for previous, figure in zip(figures, figures[1:]):
        said = _following_statement(figure, previous)
        joiner = "" if said.startswith(("下降", "减少", "由", "按")) else "为"
        parts.append(cited(f"{figure.period}{joiner}{said}", figure))
    return join_clauses(parts)


def _following_statement(figure: Figure, previous: Figure) -> str:
    """State a figure after the one before it in a series, without repeating its value as this one's base."""
    comparison = figure.comparison
    if comparison is not None and comparison.base_value == previous.value and comparison.base_qualifier == previous.qualifier:
        change = write_change(figure)
        return write_figure(figure) + (f"，{change}" if change else "")
    return statement(figure, "")


def _shared_change(figures: list[Figure]) -> Optional[CitedText]:
    """Write the figures' changes as one clause, 比上年分别增长5.1%、6%和5.5%, when they run the same way against the same base."""
    comparisons = [figure.comparison for figure in figures]
    if any(c is None or c.change is None or c.basis or c.multiple is not None or c.growth_change is not None for c in comparisons):
        return None
    leads = {lead(c.base_period) for c in comparisons}
    units = {c.change_unit or PERCENT for c in comparisons}
    rising = {c.change > 0 for c in comparisons}
    if len(leads) != 1 or len(units) != 1 or len(rising) != 1 or any(c.change == 0 for c in comparisons):
        return None
    (shared_lead,), (unit,), (up,) = leads, units, rising
    word = verb(change_kind(unit), up)
    amounts = [CitedText.of(qualified(write_number(abs(c.change), c.change_decimals), unit), figure.source)
               for c, figure in zip(comparisons, figures)]
    return join([f"{shared_lead}分别{word}", join_series(amounts)])


def _period_span(periods: list[str]) -> str:
    """Write periods as one span when they are three or more consecutive years (2022—2024年), else as a series."""
    years = [int(match.group(1)) if (match := _YEAR.fullmatch(period)) else None for period in periods]
    if len(years) >= 3 and None not in years and years == list(range(years[0], years[0] + len(years))):
        return f"{years[0]}—{years[-1]}年"
    return join_series(periods)
