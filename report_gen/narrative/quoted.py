"""Which figures a passage quotes, read from its citations: what a briefing need not say twice.

A template prints a figure as written (约12.5亿元) and cites its source just
after it (report_gen.text.cited). So the figures a passage quotes are those
whose written form ends where one of its citations stands, from that source.
The briefing uses this to leave out a highlight (工作亮点) that only repeats
figures the theme already prints: in its narrative, its charts, its key-figure
table or its cases. A number is printed once or twice in a theme, not four times.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from ..data.model import Figure, Theme
from ..text.cited import CitedText, Segment, sentence_segments
from ..data.written import write_figure
from .narrative import Narrative


def quoted_figures(text: CitedText, figures: Iterable[Figure]) -> set[str]:
    """Return the ids of the figures a cited text prints: a written form ending at a citation of its source."""
    plain = text.plain
    written = [(figure.id, figure.source, write_figure(figure)) for figure in figures]
    return {
        figure_id
        for citation in text.citations
        for figure_id, source, form in written
        if source == citation.source and plain[:citation.at].endswith(form)
    }


def fresh_highlights(narrative: Narrative, theme: Theme) -> list[list[Segment]]:
    """Return the theme's highlights as cited segments, without those that only repeat figures the theme prints:
    stated in its narrative, shown by its charts or its key-figure table, or quoted by its cases.

    A highlight that quotes no figure is kept: it says something the
    figures do not.
    """
    figures = [figure for _, figure in narrative.report.all_figures()]
    stated: set[str] = set()
    for paragraph in narrative.theme_cited(theme):
        stated |= quoted_figures(paragraph, figures)
    stated |= {figure_id for chart in theme.charts for figure_id in chart.plotted_ids()}
    stated |= {figure.id for figure in narrative.plan.table_figures.get(theme.id, ())}
    stated |= {figure_id for case in theme.cases for figure_id in case.figures}
    # A highlight's numbers are read as the theme's own figures: 32个 is 城市公园 here, whatever other theme prints 32个.
    own = {figure.id for figure in theme.figures}
    kept: Sequence[CitedText] = []
    for highlight in narrative.highlights_cited(theme):
        quoted = quoted_figures(highlight, figures)
        quoted = (quoted & own) or quoted
        if not quoted or not quoted <= stated:
            kept.append(highlight)
    return [sentence_segments(highlight) for highlight in kept]
