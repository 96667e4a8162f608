"""How a figure or a structure of the data model is written: the model's fields handed to `report_gen.text.wording`.

The one place that reads a figure's kind, unit, qualifier, decimals and
comparison to choose its wording, so the narrative, tables, tiles, slides,
charts and exports write every figure alike:

- a level: 约12.5亿元 (a negative one as a fall: 下降18.9%, 减少3.2亿元);
- a change (`kind: change`): 增长4.8%, 减少587个;
- a difference from another area (`against`): 高于全市平均水平5.7个百分点;
- a rank (`among`): 居六区两县第1位;
- its comparison: 比上年增长3.3%, 比上年增加14545元, 提高0.8个百分点,
  增长1.4倍, 是上年的2.4倍, 与上年持平, 增速比上年回落2.2个百分点,
  由500余项增加到1000余项, with its basis before it (按可比价格计算，…);
- a structure: 三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ..text.numbers import PERCENT, POINTS, qualified, write_number
from ..text.wording import (
    PACE_SUBJECT,
    against_lead,
    write_against,
    write_amount,
    write_based,
    write_change as word_change,
    write_moved,
    write_movement,
    write_pace,
    write_rank,
    write_shares,
    write_signed,
    write_structure,
    write_times,
)
from .model import Figure, FigureKind, Structure


def _qualifier(figure: Figure) -> Optional[str]:
    return figure.qualifier.value if figure.qualifier else None


def write_figure(figure: Figure) -> str:
    """Write a figure's value as the report prints it: 约12.5亿元, 下降18.9%, 增长4.8%, 高于全市平均水平5.7个百分点, 居全国第13位."""
    qualifier, decimals = _qualifier(figure), figure.decimals
    if figure.among is not None:
        return write_rank(int(figure.value), figure.among, figure.unit)
    if figure.against is not None:
        return write_against(figure.value, figure.unit, figure.against, decimals, qualifier)
    if figure.kind is FigureKind.CHANGE:
        return write_movement(figure.value, figure.unit, decimals, qualifier)
    return write_amount(figure.value, figure.unit, qualifier, decimals)


def headline(figure: Figure) -> tuple[str, Optional[str]]:
    """Return what a key-figure tile or card shows large and what it says first under it.

    A difference from another area shows its number large and says the
    comparison under it (0.9个百分点 / 高于全市平均水平), as the whole would not fit
    large; any other figure shows its written form and nothing more.
    """
    if figure.against is not None and figure.value != 0:
        number = qualified(write_number(abs(figure.value), figure.decimals), figure.unit, _qualifier(figure))
        return number, against_lead(figure.value, figure.against)
    return write_figure(figure), None


def write_plotted(figure: Figure) -> str:
    """Write a figure as a bar's label: its number with unit and qualifier, a negative one with its minus sign (-3.2亿元).

    The bar stands below the axis and the axis counts in signed numbers, so
    the label reads with them; prose and tables write 减少3.2亿元. A rank is 第1位.
    """
    if figure.among is not None:
        return f"第{write_number(figure.value)}{figure.unit}"
    return write_signed(figure.value, figure.unit, _qualifier(figure), figure.decimals)


def write_number_of(figure: Figure) -> str:
    """Write a figure's number alone, as printed: 1.0 for a value of 1 printed with one decimal."""
    return write_number(figure.value, figure.decimals)


def is_growth_rate(figure: Figure) -> bool:
    """Say whether the figure is itself a growth rate: a change in %."""
    return figure.kind is FigureKind.CHANGE and figure.unit == PERCENT


def write_change(figure: Figure) -> Optional[str]:
    """Write a figure's reported change with its lead: 同比增长48%, 比上年增加14545元, 增长1.4倍，是上年的2.4倍; None without one.

    A growth rate's own change in points is its pace (增速比上年回落2.2个百分点),
    and so is a comparison's growth_change. The basis is left to write_comparison.
    """
    comparison = figure.comparison
    if comparison is None:
        return None
    decimals, base = comparison.change_decimals, comparison.base_period
    clauses = []
    if comparison.change is not None:
        unit = comparison.change_unit or PERCENT
        if figure.kind is FigureKind.CHANGE and unit == POINTS:
            clauses.append(write_pace(comparison.change, base, decimals))
        else:
            clauses.append(word_change(comparison.change, unit, base, decimals))
    if comparison.multiple is not None:
        clauses.append(write_times(comparison.multiple, base))
    if comparison.growth_change is not None:
        clauses.append(write_pace(comparison.growth_change, base, decimals))
    return "，".join(clauses) or None


def write_base(figure: Figure) -> Optional[str]:
    """Write the earlier value of a figure's comparison: 500余项; None when the source gives none."""
    comparison = figure.comparison
    if comparison is None or comparison.base_value is None:
        return None
    qualifier = comparison.base_qualifier.value if comparison.base_qualifier else None
    if figure.kind is FigureKind.CHANGE:
        return write_movement(comparison.base_value, figure.unit, figure.decimals, qualifier)
    return write_amount(comparison.base_value, figure.unit, qualifier, figure.decimals)


def write_comparison(figure: Figure) -> Optional[str]:
    """Write how a figure moved: 由500余项增加到1000余项, 同比增长48%; None without a comparison.

    A percentage moves 由60%提高到61.2%; a change computed on a basis of its own
    is led by it: 按可比价格计算，比上年增长5%.
    """
    comparison = figure.comparison
    if comparison is None:
        return None
    change = write_change(figure)
    if change and comparison.basis:
        change = write_based(comparison.basis, change)
    base = write_base(figure)
    if base is None:
        return change
    if figure.kind is FigureKind.CHANGE:
        value = write_number(abs(figure.value), figure.decimals) + figure.unit
        base = write_number(abs(comparison.base_value), figure.decimals) + figure.unit
        moved = write_moved(base, value, figure.value >= comparison.base_value, figure.unit)
    else:
        moved = write_moved(base, write_figure(figure), figure.value >= comparison.base_value, figure.unit)
    return f"{moved}，{change}" if change else moved


def statement(figure: Figure, label: Optional[str] = None) -> str:
    """Write a label with the figure's value and change, led by its basis: 营业收入约12.5亿元，同比增长48%,
    进驻事项由500余项增加到1000余项, 按常住人口计算，人均地区生产总值91243元，比上年增加14545元."""
    label = figure.label if label is None else label
    moved = write_comparison(figure)
    if figure.comparison is not None and figure.comparison.base_value is not None:
        said = f"{label}{moved}"
    elif moved:
        said = f"{label}{write_figure(figure)}，{moved}"
    else:
        said = f"{label}{write_figure(figure)}"
    return write_based(figure.value_basis, said)


def written_span(figure: Figure, text: str) -> Optional[tuple[int, int]]:
    """Return where the figure's written form (`write_figure`) stands in a text that states it; None where it does not.

    In 由500余项增加到1000余项 it is the amount after the base, not a base that reads the same.
    """
    base = write_base(figure)
    return _span_of(write_figure(figure), text, base)


def _span_of(written: str, text: str, after: Optional[str] = None) -> Optional[tuple[int, int]]:
    start = 0
    if after:
        found = text.find(after)
        start = found + len(after) if found >= 0 else 0
    at = text.find(written, start)
    return (at, at + len(written)) if at >= 0 else None


# -- structures ---------------------------------------------------------------------


def write_structure_shares(structure: Structure) -> str:
    """Write a structure's latest shares as printed: 8.3:71.1:20.6."""
    return write_shares(structure.periods[-1].shares, structure.decimals)


def write_structure_change(structure: Structure) -> str:
    """Write a structure over its periods: 由9.4:66.8:23.8调整为8.3:71.1:20.6, or 为8.3:71.1:20.6 for one period."""
    return write_structure([period.shares for period in structure.periods], structure.decimals)


def structure_span(structure: Structure, text: str) -> Optional[tuple[int, int]]:
    """Return where a structure's latest shares (8.3:71.1:20.6) stand in a text that states it, after any earlier shares."""
    earlier = write_shares(structure.periods[0].shares, structure.decimals) if len(structure.periods) > 1 else None
    return _span_of(write_structure_shares(structure), text, earlier)


def structure_statement(structure: Structure, label: Optional[str] = None) -> str:
    """Write a structure with its label: 三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6."""
    return f"{structure.label if label is None else label}{write_structure_change(structure)}"



# -- one subject, said once ----------------------------------------------------------


def continues(figure: Figure, subject: Figure) -> bool:
    """Say whether a figure says more of the figure before it, so a bulletin writes them as one subject's clauses:
    of its period, labelled as it or with a label that starts with its (地区生产总值增速 after 地区生产总值), and a
    difference from an average, a rank or a change (…，增速高于全市平均水平5.7个百分点，居六区两县第1位)."""
    return (
        figure is not subject and figure.period == subject.period and figure.label.startswith(subject.label)
        and (figure.against is not None or figure.among is not None or figure.kind is FigureKind.CHANGE)
    )


def pace_said(figure: Figure) -> bool:
    """Say whether a figure's statement ends on its growth rate's own change (…，增速比上年回落2.2个百分点)."""
    comparison = figure.comparison
    if comparison is None:
        return False
    own_pace = figure.kind is FigureKind.CHANGE and comparison.change is not None and (comparison.change_unit or PERCENT) == POINTS
    return comparison.growth_change is not None or own_pace


def subject_groups(figures: Sequence[Figure]) -> list[tuple[Figure, list[Figure]]]:
    """Group each figure with the figures after it that continue it (see `continues`), in order."""
    groups: list[tuple[Figure, list[Figure]]] = []
    for figure in figures:
        if groups and continues(figure, groups[-1][0]):
            groups[-1][1].append(figure)
        else:
            groups.append((figure, []))
    return groups


def continuation_clauses(subject: Figure, followers: Sequence[Figure], said: str = "") -> list[str]:
    """Write what followers add to a subject, its label not said again: 增速高于全市平均水平5.7个百分点, 居六区两县第1位.

    The part of a label beyond the subject's (增速) is said once for a run of
    clauses, and not at all after the subject's own pace; a clause that only
    repeats what is `said` already (下降2.7% after 比上年下降2.7%) is left out.
    """
    aspect = PACE_SUBJECT if pace_said(subject) else ""
    clauses: list[str] = []
    for figure in followers:
        rest = figure.label[len(subject.label):]
        clause = statement(figure, "" if rest == aspect else rest)
        if clause in said or any(clause in earlier for earlier in clauses):
            continue
        clauses.append(clause)
        aspect = rest or aspect
    return clauses
