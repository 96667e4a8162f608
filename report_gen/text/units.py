"""Units as Chinese reporting writes them: a measure word, optionally led by a magnitude word (万户, 亿元).

The one place that knows 万 and 亿: the model, the loader's unit checks, number
writing, the provenance check and both kinds of chart split a unit here.
"""

from __future__ import annotations

SCALE_PREFIXES = {"万亿": 1_000_000_000_000, "万": 10_000, "亿": 100_000_000}
"""Chinese magnitude words a unit may start with, and what they multiply by."""

SCALE_STEPS = ("", "万", "亿")
"""Magnitude words in rising order, each 10000 times the one before."""


def split_unit(unit: str) -> tuple[str, str]:
    """Split a unit into its magnitude word and measure word: 万户 → (万, 户), 万亿元 → (万亿, 元), 项 → ('', 项)."""
    for prefix in SCALE_PREFIXES:
        if unit.startswith(prefix):
            return prefix, unit[len(prefix):]
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
    while measure != "%" and word in SCALE_STEPS[:-1] and values and max(abs(v) for v in values) >= 10_000:
        word = SCALE_STEPS[SCALE_STEPS.index(word) + 1]
        values = [v / 10_000 for v in values]
    return values, word


QUALIFIER_WORDS = ("约", "余", "多", "以上", "以下", "超过", "近", "左右", "以内", "不足")
"""Words that qualify a number and belong in `qualifier`, never in a unit."""


def unit_error(unit: str) -> str | None:
    """Say what is wrong with a unit as printed (亿元元, 10元, 约亿元), or None for a plausible one.

    A unit is a measure word, perhaps led by 万 or 亿: a character written
    twice in a row, a digit or a qualifier word in it is a slip of the pen.
    """
    for first, second in zip(unit, unit[1:]):
        if first == second and not first.isascii():
            return f"'{unit}' repeats '{first}'; did you mean '{unit.replace(first + first, first, 1)}'?"
    if any(character.isdigit() for character in unit):
        return f"'{unit}' holds a number; the number goes in value and the unit is only its measure word (亿元, 户, %)"
    for word in QUALIFIER_WORDS:
        if word in unit and word not in ("多",):
            return f"'{unit}' holds the qualifier {word}; give it as qualifier: {word} and the unit without it"
    return None
