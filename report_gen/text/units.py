"""Units as Chinese reporting writes them: a measure word, optionally led by a magnitude word (万户, 亿元).

The one place that knows 万 and 亿: the model, the loader's unit checks, number
writing, the provenance check and both kinds of chart split a unit here.
"""

from __future__ import annotations

SCALE_PREFIXES = {"万": 10_000, "亿": 100_000_000}
"""Chinese magnitude words a unit may start with, and what they multiply by."""

SCALE_STEPS = ("", "万", "亿")
"""Magnitude words in rising order, each 10000 times the one before."""


def split_unit(unit: str) -> tuple[str, str]:
    """Split a unit into its magnitude word and measure word: 万户 → (万, 户), 项 → ('', 项)."""
    if unit[:1] in SCALE_PREFIXES:
        return unit[:1], unit[1:]
    return "", unit


def scale_factor(unit: str) -> int:
    """Return what a unit's magnitude word multiplies by: 10000 for 万户, 1 for 户."""
    return SCALE_PREFIXES.get(split_unit(unit)[0], 1)


def rescale(values: list[float], scale_word: str, measure: str) -> tuple[list[float], str]:
    """Restate values given in `scale_word` + `measure` in 万 or 亿 while the largest reaches 10000.

    Return the new values and their magnitude word: [25000, 8000] 户 → [2.5, 0.8] 万.
    A percentage is never rescaled.
    """
    word = scale_word
    while measure != "%" and word != SCALE_STEPS[-1] and values and max(abs(v) for v in values) >= 10_000:
        word = SCALE_STEPS[SCALE_STEPS.index(word) + 1]
        values = [v / 10_000 for v in values]
    return values, word
