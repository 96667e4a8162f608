"""Sentences written from figures alone, for a theme without a template of its own: a bulletin's paragraph.

The figures are stated the way a statistical bulletin states them, and never
say a period or a label twice:

- one figure reported for several periods is one sentence:
  2022—2024年，地区生产总值分别为120亿元、128亿元和135亿元，较上年分别增长5.1%、6%和5.5%;
- the other figures are grouped by period, the period said once at the head:
  2024年，房地产开发投资下降18.9%，城镇化率由60%提高到61.2%;
- a label that starts with its period drops it there (2022年全体居民人均可支配收入
  under 2022年 is 全体居民人均可支配收入), and a label repeated within a
  sentence is said once.

Every number cites its figure's source (report_gen.text.cited), so the
sentence can cite it; pieces are put together with `join`, which keeps the
citations where they are.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from ..data.model import Figure
from ..text.cited import CitedText, join
from ..text.numbers import PERCENT, change_lead, fall_word, rise_word, write_amount, write_change, write_comparison, write_figure

_YEAR = re.compile(r"(\d{4})年")


def own_label(figure: Figure) -> str:
    """Return the label without the period it starts with: 2022年全体居民人均可支配收入 → 全体居民人均可支配收入."""
    label, period = figure.label, figure.period
    if label.startswith(period) and len(label) > len(period):
        return label[len(period):].lstrip("，, ")
    return label


def statement(figure: Figure, label: Optional[str] = None) -> str:
    """Write a label with the figure's amount and change: 进驻事项由500余项增加到1000余项, 营业收入约12.5亿元，同比增长48%."""
    label = figure.label if label is None else label
    moved = write_comparison(figure)
    if figure.comparison is not None and figure.comparison.base_value is not None:
        return f"{label}{moved}"
    if moved:
        return f"{label}{write_figure(figure)}，{moved}"
    return f"{label}{write_figure(figure)}"


def cited(text: str, figure: Figure) -> CitedText:
    """Return text taken from a figure, citing the figure's source."""
    return CitedText.of(text, figure.source)


def join_series(words: Sequence[str]) -> CitedText:
    """Join words the Chinese way, keeping their citations: 甲, 甲和乙, 甲、乙和丙."""
    if len(words) <= 1:
        return join(words)
    return join([join(words[:-1], "、"), words[-1]], "和")


def join_clauses(parts: Sequence[str]) -> CitedText:
    """Join statements with ，, or with ； when a statement already holds a ，, keeping their citations."""
    return join(parts, "；" if any("，" in part for part in parts) else "，")


def figure_sentences(figures: Sequence[Figure]) -> list[CitedText]:
    """Return sentences, each ending in 。 and citing its figures, that state every figure once, in the order met."""
    series = _series(figures)
    in_series = {figure.id for members in series for figure in members}
    by_period: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.id not in in_series:
            by_period.setdefault(figure.period, []).append(figure)
    sentences: list[CitedText] = []
    said: set[str] = set()
    for figure in figures:
        if figure.id in said:
            continue
        members = next((group for group in series if figure.id in {member.id for member in group}), None)
        if members is not None:
            sentences.append(_series_sentence(members))
        else:
            members = by_period[figure.period]
            sentences.append(_period_sentence(figure.period, members))
        said.update(member.id for member in members)
    return sentences


def _series(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Return the groups of figures that state one label in one unit for two or more different periods."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        groups.setdefault((own_label(figure), figure.unit), []).append(figure)
    return [
        members for members in groups.values()
        if len(members) > 1 and len({member.period for member in members}) == len(members)
    ]


def _period_sentence(period: str, figures: list[Figure]) -> CitedText:
    """State figures of one period: 2024年，房地产开发投资下降18.9%，城镇化率由60%提高到61.2%。"""
    parts, previous = [], None
    for figure in figures:
        label = own_label(figure)
        parts.append(cited(statement(figure, "" if label == previous else label), figure))
        previous = label
    return join([f"{period}，", join_clauses(parts), "。"])


def _series_sentence(figures: list[Figure]) -> CitedText:
    """State one label over several periods: 2022—2024年，地区生产总值分别为…，较上年分别增长…。"""
    label = own_label(figures[0])
    amounts = [cited(write_figure(figure), figure) for figure in figures]
    changes = _shared_change(figures)
    plain = all(figure.value >= 0 and (figure.comparison is None or figure.comparison.base_value is None) for figure in figures)
    if plain and (changes or all(figure.comparison is None for figure in figures)):
        span = _period_span([figure.period for figure in figures])
        return join([f"{span}，{label}分别为", join_series(amounts)] + (["，", changes] if changes else []) + ["。"])
    parts = [cited(f"{figures[0].period}{statement(figures[0], label)}", figures[0])]
    for previous, figure in zip(figures, figures[1:]):
        said = _following_statement(figure, previous)
        joiner = "" if said.startswith(("下降", "减少", "由")) else "为"
        parts.append(cited(f"{figure.period}{joiner}{said}", figure))
    return join([join_clauses(parts), "。"])


def _following_statement(figure: Figure, previous: Figure) -> str:
    """State a figure after the one before it in a series, without repeating its value as this one's base."""
    comparison = figure.comparison
    if comparison is not None and comparison.base_value == previous.value and comparison.base_qualifier == previous.qualifier:
        change = write_change(comparison)
        return write_figure(figure) + (f"，{change}" if change else "")
    return statement(figure, "")


def _shared_change(figures: list[Figure]) -> Optional[CitedText]:
    """Write the figures' changes as one clause, 较上年分别增长5.1%、6%和5.5%, when they run the same way against the same base."""
    comparisons = [figure.comparison for figure in figures]
    if any(c is None or c.change is None or c.basis for c in comparisons):
        return None
    leads = {change_lead(c) for c in comparisons}
    units = {c.change_unit or PERCENT for c in comparisons}
    rising = {c.change > 0 for c in comparisons}
    if len(leads) != 1 or len(units) != 1 or len(rising) != 1 or any(c.change == 0 for c in comparisons):
        return None
    (lead,), (unit,), (up,) = leads, units, rising
    verb = rise_word(unit) if up else fall_word(unit)
    amounts = [cited(write_amount(abs(c.change), unit), figure) for c, figure in zip(comparisons, figures)]
    return join([f"{lead}分别{verb}", join_series(amounts)])


def _period_span(periods: list[str]) -> str:
    """Write periods as one span when they are three or more consecutive years (2022—2024年), else as a series."""
    years = [int(match.group(1)) if (match := _YEAR.fullmatch(period)) else None for period in periods]
    if len(years) >= 3 and None not in years and years == list(range(years[0], years[0] + len(years))):
        return f"{years[0]}—{years[-1]}年"
    return join_series(periods)
