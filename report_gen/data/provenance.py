"""Check each figure against the text of its source: the excerpt is there, holds the number at its magnitude,
and the sentence around it states the figure's change.

Newspaper text is often broken into columns, so whitespace (line breaks inside
a sentence) is ignored when looking for an excerpt; nothing else is.

The excerpt holds the number as a bulletin prints it: a negative value may be
printed with a minus sign or as a fall (下降18.9%, 减少3.2亿元, 回落0.5个百分点),
so `read_numbers` reads 下降18.9% as −18.9. Its magnitude word must be the
unit's: 295.4万元 against an excerpt that prints 295.4亿元 is refused, as the
chart would draw a bar ten thousand times too short. A figure's change (and
its growth_change and multiple) must be printed in the sentence of the source
that holds the figure's excerpt, or its comparison's own change_excerpt,
worded as the change is (下降0.2% for −0.2): a change mistyped as 3.8 where
the source says 同比增长3.3% is refused, naming the sentence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ..errors import DataError, Problem
from ..text.numbers import write_number
from ..text.units import split_unit
from ..text.wording import fall_word, write_change, write_pace, write_times
from .files import MAX_SOURCE_BYTES, InputRefused, Reads
from .load import LocatedReport
from .model import Figure, Report, Structure

WHITESPACE = re.compile(r"\s+")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

FALL_WORDS = ("下降", "减少", "回落", "降低", "下滑", "减")
"""Words that print a negative number as a fall: 下降18.9% is −18.9."""

SENTENCE_ENDS = "。！？；\n"
"""Marks that end a sentence or a clause of its own in a source: a change is looked for between two of them."""

SOURCES_FOLDER = "sources"
"""Folder beside the data file where `build` and `validate` look for the sources' files."""

FLAT_WORD = "持平"
"""How a source prints a change of 0."""

_NUMBER = re.compile(
    r"(?P<fall>" + "|".join(FALL_WORDS) + r")?(?:约|近|超过|不足)?(?P<sign>[-−－])?(?P<digits>\d+(?:\.\d+)?)"
)
_RATIO_MARKS = re.compile(r"[∶：]")


def read_numbers(text: str) -> list[float]:
    """Return every number in a piece of text, a fall read as negative: '房地产开发投资下降18.9%' → [-18.9]."""
    numbers = []
    for match in _NUMBER.finditer(text):
        value = float(match["digits"])
        numbers.append(-value if match["fall"] or match["sign"] else value)
    return numbers


def _squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def _squeeze_paragraphs(text: str) -> str:
    """Return a source's text without whitespace, its paragraphs (apart by a blank line) one a line, so a sentence
    never runs from a heading into the paragraph under it."""
    return "\n".join(_squeeze(paragraph) for paragraph in PARAGRAPH_BREAK.split(text))


def sentence_around(text: str, excerpt: str) -> Optional[str]:
    """Return the sentence (or clause ended by ；) of `text` that holds `excerpt`, or None when the excerpt is not there.

    `text` has its paragraphs one a line (see _squeeze_paragraphs); an excerpt
    that runs over a paragraph break (a newspaper's) is looked for without them.
    """
    start = text.find(excerpt)
    if start < 0:
        text = text.replace("\n", "")
        start = text.find(excerpt)
    if start < 0:
        return None
    end = start + len(excerpt)
    before = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS)
    after = [at for at in (text.find(mark, end) for mark in SENTENCE_ENDS) if at >= 0]
    return text[before + 1:min(after) + 1 if after else len(text)].strip()


def sources_at_hand(report: Report, data_dir: Path, reads: Reads | None = None) -> Optional[Path]:
    """Return the folder holding every source's file (`sources/` beside the data file, or its own folder), or None
    when a source names no file or a file is not there: then only `validate --sources DIR` checks the excerpts.

    Each place looked in and not found is recorded in `reads`, so a source file
    that appears later makes the next build check it.
    """
    if not report.sources or any(source.file is None for source in report.sources):
        return None
    for folder in (data_dir / SOURCES_FOLDER, data_dir):
        absent = [folder / source.file for source in report.sources if source.file and not (folder / source.file).is_file()]
        if not absent:
            return folder
        for path in absent if reads is not None else ():
            reads.missing(path, "source")
    return None


def _source_texts(located: LocatedReport, sources_dir: Path, reads: Reads) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for index, source in enumerate(located.report.sources):
        if source.file is None:
            continue
        path = sources_dir / source.file
        try:
            texts[source.id] = _squeeze_paragraphs(reads.read(path, MAX_SOURCE_BYTES, "source").decode("utf-8-sig"))
        except InputRefused as error:
            problems.append(located.problem(("sources", index, "file"), f"{path}: {error.reason}"))
        except UnicodeDecodeError as error:
            problems.append(located.problem(("sources", index, "file"), f"{path}: cannot be read as UTF-8 text ({error})"))
    return texts, problems


def check_provenance(located: LocatedReport, sources_dir: Path, reads: Reads | None = None) -> list[Problem]:
    """Return a located problem for every excerpt not found verbatim in its source's text, every value its excerpt
    does not hold at its magnitude, and every change the source's sentence does not state (each source read through `reads`)."""
    report = located.report
    texts, problems = _source_texts(located, sources_dir, reads if reads is not None else Reads())
    for t, theme in enumerate(report.themes):
        for f, figure in enumerate(theme.figures):
            here = ("themes", t, "figures", f)
            problems += [located.problem(here + ("excerpt",), message) for message in _value_problems(figure)]
            text = texts.get(figure.source)
            if text is None:
                continue
            if _squeeze(figure.excerpt) not in text.replace("\n", ""):
                problems.append(located.problem(here + ("excerpt",), f"excerpt {figure.excerpt!r} is not in the text of source '{figure.source}'"))
                continue
            problems += [located.problem(here + tail, message) for tail, message in _change_problems(figure, text)]
        for s, structure in enumerate(theme.structures):
            problems += [located.problem(("themes", t, "structures", s) + tail, message)
                         for tail, message in _structure_problems(structure, texts.get(structure.source))]
    return problems


def _value_problems(figure: Figure) -> list[str]:
    """Say what is wrong with the number an excerpt prints: not there, or there at another magnitude (万 for 亿)."""
    excerpt = _squeeze(figure.excerpt)
    printed = _printed_scales(excerpt, figure)
    if printed is None:
        return [f"excerpt {figure.excerpt!r} does not contain the value as printed ({_as_printed(figure)})"]
    scale = figure.scale_word
    wrong = [word for word in printed if word is not None and word != scale]
    if wrong and scale not in printed:
        number = write_number(abs(figure.value))
        shown = f"{number}{wrong[0]}"
        return [f"excerpt {figure.excerpt!r} prints {shown}, but the unit '{figure.unit}' makes figure '{figure.id}' {number}{figure.unit}: "
                f"the magnitude word ({wrong[0] or 'none'}) differs from the unit's ({scale or 'none'})"]
    return []


def _printed_scales(excerpt: str, figure: Figure) -> Optional[list[Optional[str]]]:
    """Return the magnitude word printed after each place the excerpt prints the figure's number ('' for a measure
    word without one, None where nothing tells), or None when the excerpt does not print the number."""
    if figure.value < 0 and figure.against is None:
        matches = [m for m in _NUMBER.finditer(excerpt) if (m["fall"] or m["sign"]) and float(m["digits"]) == -figure.value]
    else:
        matches = [m for m in _NUMBER.finditer(excerpt) if float(m["digits"]) == abs(figure.value)]
    if not matches:
        return None
    measure = figure.base_unit
    scales: list[Optional[str]] = []
    for match in matches:
        after = excerpt[match.end():].lstrip("余多")
        word = next((w for w in ("万亿", "万", "亿") if after.startswith(w)), None)
        if word is None and measure and after.startswith(measure):
            word = ""
        scales.append(word)
    return scales


def _as_printed(figure: Figure) -> str:
    scale, _ = split_unit(figure.unit)
    value = figure.value
    if value >= 0 or figure.against is not None:
        return f"{write_number(abs(value))}{scale}"
    return f"{fall_word(figure.unit)}{write_number(-value)}{scale} or -{write_number(-value)}{scale}"


def _change_problems(figure: Figure, text: str) -> list[tuple[tuple, str]]:
    """Say which of a figure's stated changes the sentence of its source does not print, worded as it is."""
    comparison = figure.comparison
    if comparison is None:
        return []
    excerpt = _squeeze(comparison.change_excerpt or figure.excerpt)
    sentence = sentence_around(text, excerpt)
    if sentence is None:
        return [(("comparison", "change_excerpt"), f"change_excerpt {comparison.change_excerpt!r} is not in the text of source '{figure.source}'")]
    printed = read_numbers(sentence)
    base, decimals = comparison.base_period, comparison.change_decimals
    stated = [
        ("change", comparison.change, lambda n: write_change(n, comparison.change_unit or "%", base, decimals)),
        ("growth_change", comparison.growth_change, lambda n: write_pace(n, base, decimals)),
        ("multiple", comparison.multiple, lambda n: write_times(n, base)),
    ]
    problems = []
    for name, number, wording in stated:
        if number is None or number in printed or (number == 0 and FLAT_WORD in sentence):
            continue
        where = "its change_excerpt" if comparison.change_excerpt else "the figure's excerpt"
        problems.append((
            ("comparison", name),
            f"{name} {write_number(number)} ({wording(number)}) of figure '{figure.id}' is not what the source says in the sentence holding "
            f"{where}: “{sentence}”",
        ))
    return problems


def _structure_problems(structure: Structure, text: Optional[str]) -> list[tuple[tuple, str]]:
    """Say which periods of a structure have an excerpt that does not print their shares, or is not in the source."""
    problems = []
    for p, period in enumerate(structure.periods):
        excerpt = _squeeze(period.excerpt)
        numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", _RATIO_MARKS.sub(":", excerpt))]
        shares = [float(share) for share in period.shares]
        if not any(numbers[i:i + len(shares)] == shares for i in range(len(numbers))):
            written = ":".join(write_number(share, structure.decimals) for share in shares)
            problems.append((("periods", p, "excerpt"), f"excerpt {period.excerpt!r} does not contain the shares as printed ({written})"))
        elif text is not None and excerpt not in text.replace("\n", ""):
            problems.append((("periods", p, "excerpt"), f"excerpt {period.excerpt!r} is not in the text of source '{structure.source}'"))
    return problems


def require_provenance(located: LocatedReport, sources_dir: Path, reads: Reads | None = None) -> None:
    """Raise DataError when any figure's excerpt fails the check."""
    problems = check_provenance(located, sources_dir, reads)
    if problems:
        raise DataError(problems)
