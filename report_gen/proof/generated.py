"""report_gen's own text as (place, text) pairs: what the briefing and the deck will print, before they are made.

`validate` and `build` proofread these with the same rules `check` runs on a
.docx: the title, each theme's narrative and highlights (as rendered), its
summary, cases, chart titles and captions, each figure's statement and change
(the key-figure tables), every speaker note the deck would render, and the
short deck's slides as it says them (report_gen.deck.script): each slide's
title and its notes. A place is the data file's line and path where the text
comes from the data (data/beibei.yaml:215: themes[0].cases[1].text), else the
template and theme, or the slide.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from ..errors import TemplateError
from .engine import describe_counts, proofread_texts
from .model import Finding, Severity

Locate = Callable[[tuple], str]
"""Turns a path in the data file into FILE:LINE."""


def report_texts(narrative: Any, locate: Optional[Locate] = None) -> list[tuple[str, str]]:
    """Return every text the documents print for the report `narrative` renders, once each, with its place."""
    where = locate or (lambda path: "data file")
    seen: set[str] = set()
    texts: list[tuple[str, str]] = []
    for place, text in _all_texts(narrative, where):
        text = str(text).strip()
        if text and text not in seen:
            seen.add(text)
            texts.append((place, text))
    return texts


def _at(where: Locate, path: tuple) -> str:
    label = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
    return f"{where(path)}: {label}"


def _all_texts(narrative: Any, where: Locate) -> Iterator[tuple[str, str]]:
    report = narrative.report
    for field in ("title", "subtitle"):
        yield _at(where, ("report", field)), getattr(report.report, field) or ""
    for t, theme in enumerate(report.themes):
        yield _at(where, ("themes", t, "title")), theme.title
        yield _at(where, ("themes", t, "summary")), theme.summary
        for number, paragraph in enumerate(narrative.theme_paragraphs(theme), start=1):
            yield f"narrative of theme {theme.id} ¶{number}", paragraph
        for h, highlight in enumerate(narrative.highlights(theme)):
            yield _at(where, ("themes", t, "highlights", h)), highlight
        for c, case in enumerate(theme.cases):
            yield _at(where, ("themes", t, "cases", c, "title")), case.title
            yield _at(where, ("themes", t, "cases", c, "text")), case.text
            for p, point in enumerate(case.points):
                yield _at(where, ("themes", t, "cases", c, "points", p)), point
        for c, chart in enumerate(theme.charts):
            yield _at(where, ("themes", t, "charts", c, "title")), chart.title
            yield _at(where, ("themes", t, "charts", c, "caption")), chart.caption
        for f, figure in enumerate(theme.figures):
            written = narrative.figures[figure.id]
            yield _at(where, ("themes", t, "figures", f)), str(written.statement)
            if written.change is not None:
                yield _at(where, ("themes", t, "figures", f, "comparison")), str(written.change)
    yield from _notes(narrative)
    yield from _slides(narrative)


def _slides(narrative: Any) -> Iterator[tuple[str, str]]:
    """Yield the short deck's slides as it says them: each one's title, then its notes, paragraph by paragraph."""
    # The deck's plan of slides is read here, when slides are proofread: it imports neither python-pptx nor matplotlib.
    from ..deck.script import short_script

    try:
        script = short_script(narrative.report, narrative)
    except TemplateError:
        return  # the notes' own check reports it
    for number, slide in enumerate(script.slides, start=1):
        if slide.title:
            yield f"slide {number} title", slide.title
        for paragraph, text in enumerate(slide.said, start=1):
            yield f"slide {number} notes ¶{paragraph}", text


def _notes(narrative: Any) -> Iterator[tuple[str, str]]:
    """Yield each speaker note the deck would render (see narrative.notes.every_note), paragraph by paragraph."""
    # The notes' contexts come from the narrative package, as the deck's do: loaded here, when notes are proofread.
    from ..narrative.notes import every_rendering

    for rendered in every_rendering(narrative):
        note, paragraphs = rendered.note, rendered.paragraphs
        if rendered.error is None:
            owner = f", theme {note.theme.id}" if note.theme is not None else ""
            for number, paragraph in enumerate(paragraphs, start=1):
                yield f"speaker notes ({note.template}{owner}) ¶{number}", paragraph


AS_PRINTED = ("stat.approx-yu",)
"""Rules on how a number is printed (61余份 where a bulletin writes 60余份 or 61份): a figure whose data say
`as_printed: true` keeps its number as the source printed it, its note telling the reader, so a finding on it is
not reported. Copied from the source without that, the form is reported as a warning like any other."""


def printed_by_source(finding: Finding, excerpts: set[str]) -> bool:
    """Tell whether a finding is on a number kept as printed on purpose: an AS_PRINTED rule, its quote in the excerpt
    of a figure marked `as_printed`."""
    return finding.rule.id in AS_PRINTED and any(finding.quote in excerpt for excerpt in excerpts)


def proofread_report(narrative: Any, locate: Optional[Locate] = None) -> list[Finding]:
    """Proofread every text the documents print for a report (see `report_texts`); a fault printed in several places
    is listed once, at the first; a number kept as its source printed it on purpose is not a fault (`printed_by_source`)."""
    excerpts = {figure.excerpt for _, figure in narrative.report.all_figures() if figure.as_printed}
    findings = []
    seen: set[tuple[str, str]] = set()
    for finding in proofread_texts(report_texts(narrative, locate)):
        key = (finding.rule.id, finding.excerpt().replace("（续）", ""))
        if key not in seen and not printed_by_source(finding, excerpts):
            seen.add(key)
            findings.append(finding)
    return findings


def summary_warning(findings: list[Finding]) -> Optional[str]:
    """Return the one warning line `validate` and `build` print about their own text's findings; None when there are none."""
    if not findings:
        return None
    rules = sorted({finding.rule.id for finding in findings})
    errors = [finding for finding in findings if finding.severity is Severity.ERROR]
    strength = " (report_gen's own wording: reported, not refused)" if errors else ""
    return (f"proofreading the briefing's and the deck's text found {describe_counts(findings)}{strength}: "
            f"{', '.join(rules)}. --verbose lists each with its place; see README.md, “Proofreading”")
