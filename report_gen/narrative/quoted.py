"""Which figures a passage quotes, read from its citations: what a briefing need not say twice.

A template prints a figure as written (约12.5亿元) and cites its source just
after it (report_gen.text.cited). So the figures a passage quotes are those
whose written form ends where one of its citations stands, from that source.
The briefing uses this to leave out a highlight (工作亮点) that only repeats
figures the theme's narrative already states: the reader has just read them.
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
    """Return the theme's highlights as cited segments, without those that only repeat figures its narrative states.

    A highlight that quotes no figure is kept: it says something the
    figures do not.
    """
    figures = [figure for _, figure in narrative.report.all_figures()]
    stated: set[str] = set()
    for paragraph in narrative.theme_cited(theme):
        stated |= quoted_figures(paragraph, figures)
    kept: Sequence[CitedText] = [
        highlight for highlight in narrative.highlights_cited(theme)
        if not quoted_figures(highlight, figures) or not quoted_figures(highlight, figures) <= stated
    ]
    return [sentence_segments(highlight) for highlight in kept]
