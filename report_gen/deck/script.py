"""The short deck as it is said: every slide's title and kicker and its speaker notes, worked out before a slide is drawn.

In order: the title slide; 工作概览, a card per theme with its headline
figure; each theme's slides as `report_gen.deck.outline` packs them (a theme
with nothing but its summary gets a summary slide); 资料来源; the closing
slide. Each content slide gets its message title (report_gen.deck.titles),
the theme above it as a kicker.

The notes are what to tell the room: the short deck renders the notes
templates `brief`, a sentence or two a panel, no more than NOTES_PER_SLIDE
sentences a slide, the sources said once, on the 资料来源 slide. The whole
deck's notes stay within the talk's length (style.deck.minutes, read at
READING_PACE characters a minute): they are rendered at the most `detail`
(report_gen.narrative.notes.DETAILS) that keeps within it. What no slide shows
(the key figures a slide leaves out) is said at every detail.

Knows nothing of PowerPoint or drawing: the deck (report_gen.deck.short) draws
what this says, and `validate` proofreads its titles and notes without
python-pptx or matplotlib, before anything is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Optional, Sequence

from ..data.model import Report, Source, Theme
from ..narrative.notes import (
    DETAILS,
    Note,
    cases_note,
    chart_note,
    key_figures_note,
    overview_note,
    render_note,
    sources_note,
    summary_note,
    theme_note,
    title_note,
)
from .geometry import paginate
from .outline import CARDS_PER_SLIDE, CASES, CHART, FIGURES, SOURCES_PER_SLIDE, Panel, SlidePlan, pack, theme_panels
from .titles import OVERVIEW_TITLE, SOURCES_TITLE, Titles, cases_messages, chart_messages, figures_messages

TITLE, OVERVIEW, THEME, SUMMARY, SOURCES, CLOSING = "title", "overview", "theme", "summary", "sources", "closing"
"""The kinds of slide the short deck has."""

READING_PACE = 230
"""Characters of speaker notes a presenter reads aloud in a minute (a meeting's pace is about 220–250)."""
NOTES_PER_SLIDE = (2, 4)
"""Fewest and most sentences the short deck's notes give a content slide: what to tell the room, not a data dump."""

_SENTENCE_END = re.compile(r"[。！？]")


@dataclass
class ScriptedSlide:
    """One slide of the short deck: what kind, its title and kicker, what it holds, and its notes."""

    kind: str
    title: Optional[str] = None
    """Its title; none for the title and closing slides, whose layouts carry the report's title and the closing words."""
    kicker: Optional[str] = None
    """The theme above the title (营商环境)."""
    plan: Optional[SlidePlan] = None
    """A theme slide's panels."""
    theme: Optional[Theme] = None
    """A summary slide's theme."""
    themes: tuple[Theme, ...] = ()
    """An overview slide's themes."""
    sources: tuple[Source, ...] = ()
    """A sources slide's sources."""
    first_number: int = 1
    """The number of the first theme or source the slide lists."""
    continued: bool = False
    notes: tuple[Note, ...] = ()
    said: tuple[str, ...] = ()
    """Its notes as rendered, a paragraph each."""
    detail: int = DETAILS[0]
    """How much its notes say (report_gen.narrative.notes.DETAILS)."""


@dataclass
class Script:
    """The short deck's slides as said, the titles they took, and the notes' budget."""

    slides: list[ScriptedSlide]
    titles: Titles
    budget: int
    """Characters the notes may run to: the talk's minutes at READING_PACE."""
    detail: int = DETAILS[0]
    """The detail the notes are rendered at."""

    @property
    def length(self) -> int:
        """Return how many characters the whole deck's notes run to."""
        return sum(len(paragraph) for slide in self.slides for paragraph in slide.said)


def short_script(report: Report, narrative: Any) -> Script:
    """Return the short deck as it is said: its slides in order, each titled and with its notes rendered."""
    titles = Titles()
    plan, figures = narrative.plan, narrative.figures
    slides = [ScriptedSlide(TITLE, notes=(title_note(report),))]
    number = 1
    for index, page in enumerate(paginate(report.themes, CARDS_PER_SLIDE)):
        slides.append(ScriptedSlide(OVERVIEW, titles.take([OVERVIEW_TITLE]), themes=tuple(page), first_number=number,
                                    continued=index > 0, notes=(overview_note(figures, page, number, index > 0),)))
        number += len(page)
    shown: set[str] = set()
    for theme in report.themes:
        plans = pack(theme, theme_panels(theme, plan, shown))
        if not plans:
            slides.append(ScriptedSlide(SUMMARY, titles.take([theme.title]), theme.short_title, theme=theme,
                                        notes=(summary_note(theme, theme.summary, continued=False),)))
        for slide_plan in plans:
            slides.append(ScriptedSlide(THEME, slide_title(titles, slide_plan, plan), theme.short_title, plan=slide_plan,
                                        notes=theme_notes(narrative, slide_plan)))
    number = 1
    for index, page in enumerate(paginate(report.sources, SOURCES_PER_SLIDE)):
        slides.append(ScriptedSlide(SOURCES, titles.take([SOURCES_TITLE]), sources=tuple(page), first_number=number,
                                    continued=index > 0, notes=(sources_note(page, number, index > 0, len(report.sources)),)))
        number += len(page)
    slides.append(ScriptedSlide(CLOSING, notes=(Note("closing.md.j2", None, {}),)))
    script = Script(slides, titles, report.style.deck.minutes * READING_PACE)
    say(script, narrative)
    return script


def slide_title(titles: Titles, slide: SlidePlan, plan: Any) -> str:
    """Return a theme slide's message title: its panel's, or two panels' joined when short, else the first's."""
    messages = [panel_messages(panel, plan) for panel in slide.panels]
    if slide.shared:
        return titles.take_shared(*messages)
    return titles.take(messages[0], [slide.theme.title])


def panel_messages(panel: Panel, plan: Any) -> list[str]:
    """Return the titles a panel's slide may take, best first (report_gen.deck.titles)."""
    if panel.kind == CHART:
        return chart_messages(panel.chart, plan.chart(panel.chart.id))
    if panel.kind == FIGURES:
        return figures_messages(panel.figures)
    return cases_messages([case for _, case in panel.cases])


def theme_notes(narrative: Any, slide: SlidePlan) -> tuple[Note, ...]:
    """Return the notes of a theme's slide: the theme's opening on its first slide, then each panel's."""
    notes = [theme_note(slide.theme, [])] if slide.first else []
    share = len(slide.panels)
    for panel in slide.panels:
        notes.append(panel_note(narrative, panel, share))
    return tuple(notes)


def panel_note(narrative: Any, panel: Panel, share: int) -> Note:
    """Return a panel's part of its slide's notes."""
    figures, plan = narrative.figures, narrative.plan
    if panel.kind == CHART:
        return chart_note(figures, plan.chart(panel.chart.id), part=True, share=share)
    if panel.kind == FIGURES:
        return key_figures_note(figures, plan, panel.theme, panel.figures, panel.continued, part=True,
                                unshown=panel.unshown, share=share)
    assert panel.kind == CASES
    stories = [(case, case.text, False) for _, case in panel.cases]
    return cases_note(figures, narrative.report, panel.theme, stories, panel.continued, part=True, share=share)


def render(narrative: Any, notes: Sequence[Note], detail: int) -> tuple[str, ...]:
    """Return notes rendered brief at a detail, their paragraphs one after another."""
    return tuple(paragraph for note in notes for paragraph in render_note(narrative, note, True, detail))


def sentences(paragraphs: Sequence[str]) -> int:
    """Return how many sentences paragraphs hold."""
    return sum(len(_SENTENCE_END.findall(paragraph)) for paragraph in paragraphs)


def say(script: Script, narrative: Any) -> None:
    """Render every slide's notes at the most detail the budget allows, each slide within NOTES_PER_SLIDE sentences."""
    for detail in DETAILS:
        slides = [said_at(narrative, slide, detail) for slide in script.slides]
        length = sum(len(paragraph) for slide in slides for paragraph in slide.said)
        if length <= script.budget or detail == DETAILS[-1]:
            script.slides[:] = slides
            script.detail = detail
            return


def said_at(narrative: Any, slide: ScriptedSlide, detail: int) -> ScriptedSlide:
    """Return a slide with its notes rendered at `detail`, or less where they would run past NOTES_PER_SLIDE sentences."""
    most = NOTES_PER_SLIDE[1]
    for level in [level for level in DETAILS if level <= detail]:
        said = render(narrative, slide.notes, level)
        if sentences(said) <= most or level == DETAILS[-1]:
            return replace(slide, said=said, detail=level)
    raise AssertionError("DETAILS is not empty")
