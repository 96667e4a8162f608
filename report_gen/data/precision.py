"""Precision as published: the decimals a number was written with, kept from the file into every written form.

A bulletin prints −1.0, not −1; YAML and Excel read both as the same float.
The readers keep what the float forgets: the YAML reader gives a number
written with trailing zeros (1.0, 20.50) as a `Printed` float that remembers
its decimal places, and the spreadsheet reader does the same for a cell whose
number format shows them (0.0). Before the model checks the data,
`fill_decimals` writes those places into the figure's `decimals` (value and
base value), its comparison's `change_decimals` (change and growth_change)
and a structure's `decimals`, unless the file gives them itself. The writers
(`report_gen.text.numbers.write_number`) then pad each number to them.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from ..text.numbers import MAX_DECIMALS, decimals_of, shortest_decimals


class Printed(float):
    """A float that remembers the decimal places it was written with: Printed(1.0, 1) is 1.0 as printed."""

    decimals: int

    def __new__(cls, value: float, decimals: int) -> "Printed":
        number = super().__new__(cls, value)
        number.decimals = decimals
        return number

    def __reduce__(self):
        return (Printed, (float(self), self.decimals))


def printed(value: float, text: str) -> float:
    """Return `value` as read from `text`, as a Printed float when the text shows more decimals than the float does."""
    places = decimals_of(text)
    if places is None or places <= shortest_decimals(value) or places > MAX_DECIMALS:
        return value
    return Printed(value, places)


_FORMAT_DECIMALS = re.compile(r"^[^;]*?[0#?,]\.([0#?]+)")


def format_decimals(number_format: Optional[str]) -> Optional[int]:
    """Return the decimal places a spreadsheet number format shows (0.0 → 1, #,##0.00 → 2), or None for General."""
    if not number_format:
        return None
    match = _FORMAT_DECIMALS.match(re.sub(r'"[^"]*"', "", number_format))
    return len(match.group(1)) if match else None


def _places(values: Iterable[Any]) -> Optional[int]:
    """Return the most decimal places any Printed value among `values` was written with, or None when none is Printed."""
    places = [value.decimals for value in values if isinstance(value, Printed)]
    return max(places) if places else None


def _fill(mapping: dict, key: str, values: Iterable[Any]) -> None:
    if key not in mapping:
        places = _places(values)
        if places is not None:
            mapping[key] = places


def fill_figure_decimals(figure: dict) -> None:
    """Give one figure (a plain mapping, from YAML or a spreadsheet row) and its comparison the decimals their numbers were written with."""
    comparison = figure.get("comparison")
    base = comparison.get("base_value") if isinstance(comparison, dict) else None
    _fill(figure, "decimals", [figure.get("value"), base])
    if isinstance(comparison, dict):
        _fill(comparison, "change_decimals", [comparison.get("change"), comparison.get("growth_change")])


def fill_decimals(raw: Any) -> None:
    """Give each figure, comparison and structure the decimals its numbers were written with, where the file gives none."""
    themes = raw.get("themes") if isinstance(raw, dict) else None
    for theme in themes if isinstance(themes, list) else []:
        if not isinstance(theme, dict):
            continue
        figures = theme.get("figures")
        for figure in figures if isinstance(figures, list) else []:
            if isinstance(figure, dict):
                fill_figure_decimals(figure)
        structures = theme.get("structures")
        for structure in structures if isinstance(structures, list) else []:
            periods = structure.get("periods") if isinstance(structure, dict) else None
            if isinstance(periods, list):
                shares = [share for period in periods if isinstance(period, dict) and isinstance(period.get("shares"), list)
                          for share in period["shares"]]
                _fill(structure, "decimals", shares)
