"""Check each figure against the text of its source: the excerpt is there, and holds the number.

Newspaper text is often broken into columns, so whitespace (line breaks inside
a sentence) is ignored when looking for an excerpt; nothing else is.

The excerpt holds the number as a bulletin prints it: a negative value may be
printed with a minus sign or as a fall (下降18.9%, 减少3.2亿元, 回落0.5个百分点),
so `read_numbers` reads 下降18.9% as −18.9.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError, Problem
from .files import MAX_SOURCE_BYTES, InputRefused, Reads
from .load import LocatedReport
from ..text.numbers import fall_word, write_number
from ..text.units import split_unit

WHITESPACE = re.compile(r"\s+")

FALL_WORDS = ("下降", "减少", "回落", "降低", "下滑", "减")
"""Words that print a negative number as a fall: 下降18.9% is −18.9."""

_NUMBER = re.compile(
    r"(?P<fall>" + "|".join(FALL_WORDS) + r")?(?:约|近|超过|不足)?(?P<sign>[-−－])?(?P<digits>\d+(?:\.\d+)?)"
)


def read_numbers(text: str) -> list[float]:
    """Return every number in a piece of text, a fall read as negative: '房地产开发投资下降18.9%' → [-18.9]."""
    numbers = []
    for match in _NUMBER.finditer(text):
        value = float(match["digits"])
        numbers.append(-value if match["fall"] or match["sign"] else value)
    return numbers


def _squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def check_provenance(located: LocatedReport, sources_dir: Path, reads: Reads | None = None) -> list[Problem]:
    """Return a located problem for every excerpt not found verbatim in its source's text (read through `reads`)."""
    report = located.report
    reads = reads if reads is not None else Reads()
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for index, source in enumerate(report.sources):
        if source.file is None:
            continue
        path = sources_dir / source.file
        try:
            texts[source.id] = _squeeze(reads.read(path, MAX_SOURCE_BYTES, "source").decode("utf-8-sig"))
        except InputRefused as error:
            problems.append(located.problem(("sources", index, "file"), f"{path}: {error.reason}"))
        except UnicodeDecodeError as error:
            problems.append(located.problem(("sources", index, "file"), f"{path}: cannot be read as UTF-8 text ({error})"))
    for t, theme in enumerate(report.themes):
        for f, figure in enumerate(theme.figures):
            here = ("themes", t, "figures", f, "excerpt")
            if not _holds_value(figure.excerpt, figure.value):
                problems.append(located.problem(here, f"excerpt {figure.excerpt!r} does not contain the value as printed ({_as_printed(figure.value, figure.unit)})"))
            text = texts.get(figure.source)
            if text is not None and _squeeze(figure.excerpt) not in text:
                problems.append(located.problem(here, f"excerpt {figure.excerpt!r} is not in the text of source '{figure.source}'"))
    return problems


def _holds_value(excerpt: str, value: float) -> bool:
    """Say whether the excerpt prints the value: the number's digits, and a fall or minus sign for a negative one."""
    if value >= 0:
        return write_number(value) in excerpt
    return value in read_numbers(excerpt)


def _as_printed(value: float, unit: str) -> str:
    scale, _ = split_unit(unit)
    if value >= 0:
        return f"{write_number(value)}{scale}"
    return f"{fall_word(unit)}{write_number(-value)}{scale} or -{write_number(-value)}{scale}"


def require_provenance(located: LocatedReport, sources_dir: Path, reads: Reads | None = None) -> None:
    """Raise DataError when any figure's excerpt fails the check."""
    problems = check_provenance(located, sources_dir, reads)
    if problems:
        raise DataError(problems)
