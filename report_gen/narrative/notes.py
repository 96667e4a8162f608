"""Speaker notes: what each notes template sees, built in one place for the deck and for `validate`.

The deck renders `templates/deck/notes/<kind>.md.j2` on every slide with a
context built here. `check_notes` renders every notes template the deck would
render, with the same contexts, for whole themes rather than slide by slide:
a theme's figures on one slide, each case and summary whole, every source,
each both as a first slide and as a continued one. Slides only split these
into smaller pieces of the same text, so a problem any slide's notes would
meet is met here too, without python-pptx or a single slide laid out.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence

from ..data.model import Case, Figure, Report, Source, Structure, Theme
from ..errors import TemplateError
from ..plan import ChartPlan, Plan
from ..text import numbers
from .figures import FigureText

NOTES_DIR = "deck/notes"
"""Folder of the speaker-notes templates, under the templates folder."""


class Note(NamedTuple):
    """The notes of one slide: which template, for which theme (None: none), with what context."""

    template: str
    theme: Optional[Theme]
    context: dict[str, Any]


def source_details(source: Source) -> str:
    """Return a source's authors, publication and date on one line."""
    parts = []
    if source.authors:
        parts.append("、".join(source.authors))
    if source.publication:
        parts.append(source.publication)
    if source.date:
        parts.append(numbers.write_partial_date(source.date))
    elif source.date_note:
        parts.append(source.date_note)
    return "，".join(parts) if parts else "出处不详"


def overview_note(figures: Mapping[str, FigureText], themes: Sequence[Theme], first_number: int, continued: bool,
                  with_figures: bool = True) -> Note:
    """Notes of an overview slide: each theme with its number and, unless the short deck's, its first figure."""
    return Note("overview.md.j2", None, {"themes": [
        {"theme": theme, "number": first_number + index,
         "figure": figures[theme.figures[0].id] if theme.figures and with_figures else None}
        for index, theme in enumerate(themes)
    ], "continued": continued})


def theme_note(theme: Theme, highlights: Sequence[str]) -> Note:
    """Notes that open a theme in the short deck: its summary and its highlights as written."""
    return Note("theme.md.j2", theme, {"highlights": list(highlights)})


def chart_note(figures: Mapping[str, FigureText], planned: ChartPlan, part: bool = False) -> Note:
    """Notes of a chart: the chart, its number, its figures and its sources' titles; `part`: one part of a slide's notes."""
    return Note("chart.md.j2", planned.theme, {
        "chart": planned.chart, "figures": [figures[figure_id] for figure_id in planned.chart.plotted_ids()],
        "chart_number": planned.number, "sources": planned.source_titles, "part": part,
    })


def key_figures_note(figures: Mapping[str, FigureText], plan: Plan, theme: Theme, shown: Sequence[Figure | Structure], continued: bool,
                     part: bool = False) -> Note:
    """Notes of key figures: the figures shown and their sources' titles; `part`: one part of a slide's notes."""
    return Note("figures.md.j2", theme, {
        "figures": [figures[figure.id] for figure in shown], "continued": continued,
        "sources": [source.title for source in plan.sources_of(shown)], "part": part,
    })


def cases_note(figures: Mapping[str, FigureText], report: Report, theme: Theme,
               items: Iterable[tuple[Case, str, bool]], continued: bool, part: bool = False) -> Note:
    """Notes of cases: each (case, the part of its story shown, whether that part continues it); `part`: one part of a slide's notes."""
    sources = report.source_index()
    return Note("cases.md.j2", theme, {"continued": continued, "part": part, "cases": [
        {
            "title": case.title,
            "text": text,
            "continued": continues,
            "source": sources[case.source].title if case.source in sources else case.source,
            "figures": [figures[figure_id] for figure_id in case.figures if figure_id in figures],
        }
        for case, text, continues in items
    ]})


def summary_note(theme: Theme, text: str, continued: bool) -> Note:
    """Notes of a summary slide: the part of the theme's summary it shows."""
    return Note("summary.md.j2", theme, {"text": text, "continued": continued})


def sources_note(sources: Sequence[Source], first_number: int, continued: bool) -> Note:
    """Notes of a sources slide: each source with its number and details."""
    return Note("sources.md.j2", None, {"sources": [
        {"number": first_number + index, "source": source, "details": source_details(source)}
        for index, source in enumerate(sources)
    ], "continued": continued})


def every_note(report: Report, plan: Plan, figures: Mapping[str, FigureText],
               highlights: Optional[Mapping[str, Sequence[str]]] = None) -> Iterator[Note]:
    """Yield the notes of every kind of slide either deck length makes for this report, whole themes at a time.

    `highlights`: each theme's highlights as written, by theme id, for the short deck's theme notes (None: none).
    """
    yield Note("title.md.j2", None, {})
    for continued, with_figures in ((False, True), (True, True), (False, False)):
        yield overview_note(figures, report.themes, 1, continued, with_figures)
    for theme in report.themes:
        yield theme_note(theme, (highlights or {}).get(theme.id, []))
        for part in (False, True):
            for chart in theme.charts:
                yield chart_note(figures, plan.chart(chart.id), part)
            for continued in (False, True):
                if theme.figures or theme.structures:
                    yield key_figures_note(figures, plan, theme, [*theme.figures, *theme.structures], continued, part)
                if theme.cases:
                    stories = [(case, case.text, continued) for case in theme.cases]
                    yield cases_note(figures, report, theme, stories, continued, part)
        for continued in (False, True):
            if not theme.figures and not theme.charts and not theme.structures:
                yield summary_note(theme, theme.summary, continued)
    for continued in (False, True):
        yield sources_note(report.sources, 1, continued)
    yield Note("closing.md.j2", None, {})


def check_notes(narrative: Any) -> None:
    """Render every note the deck would render (see `every_note`); raise one TemplateError listing every problem.

    `narrative` is the report's `Narrative`, whose `render_template` the deck uses.
    """
    problems: list[str] = []
    highlights = {}
    for theme in narrative.report.themes:
        try:
            highlights[theme.id] = narrative.highlights(theme)
        except TemplateError:
            highlights[theme.id] = []  # the narrative's own check reports it
    for note in every_note(narrative.report, narrative.plan, narrative.figures, highlights):
        try:
            narrative.render_template(f"{NOTES_DIR}/{note.template}", note.theme, **note.context)
        except TemplateError as error:
            if str(error) not in problems:
                problems.append(str(error))
    if problems:
        raise TemplateError("\n".join(problems))
