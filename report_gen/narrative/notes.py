"""Speaker notes: what each notes template sees, built in one place for the deck and for `validate`.

The deck renders `templates/deck/notes/<kind>.md.j2` on every slide with a
context built here. The short deck renders them `brief`, at a `detail` from
2 down to 0 chosen to keep within the talk's length (report_gen.deck.script):
a sentence or two a panel, said the way a presenter says it (`spoken`); the
full deck renders them whole. `check_notes` renders every notes template the
deck would render, with the same contexts, for whole themes rather than slide
by slide, in both manners: a theme's figures on one slide, each case and
summary whole, every source, each both as a first slide and as a continued
one. Slides only split these into smaller pieces of the same text, so a
problem any slide's notes would meet is met here too, without python-pptx or
a single slide laid out.
"""

from __future__ import annotations

import re
import weakref
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence

from ..data.model import Case, Figure, Report, Source, Structure, Theme
from ..errors import TemplateError
from ..plan import ChartPlan, Plan
from ..text import numbers
from ..text.numbering import chinese_numeral
from .figures import FigureText
from .prose import join_clauses

NOTES_DIR = "deck/notes"
"""Folder of the speaker-notes templates, under the templates folder."""

DETAILS = (2, 1, 0)
"""How much the short deck's notes say, most first: 2 with the notes on the data and a case's gist, 1 without the
notes on the data, 0 only what no slide shows."""

_PERIOD_WORDS = re.compile(r"\d{4}年|[一二三四]季度|[上下]半年|\d{1,2}月|年底|年末|年初|报道时")
"""Words that name a period: a label holding one says its own period (力帆科技一季度营业收入)."""
_BRACKETED = re.compile(r"（([^（）]*)）")
_STORY_SENTENCE = re.compile(r"[^。！？]+[。！？]")


def spoken_period(figure: Any) -> tuple[str, Optional[str]]:
    """Return the period a presenter says before a figure, and the remark the source's period carries, if any.

    A remark after the period (2021年报道，原文未注明调查年份) is said apart;
    a bracket that repeats the label (2021年以来（常态化选派）, of 常态化选派驻企党建指导员)
    is left out; what the label already says of the period is not said again
    (2022年一季度 before 力帆科技一季度营业收入 is said 2022年). '' when the label
    says it all.
    """
    period, _, remark = figure.period.partition("，")
    if period in figure.label:
        return "", remark or None
    period = _BRACKETED.sub(lambda match: "" if match.group(1) in figure.label else match.group(0), period)
    for word in _PERIOD_WORDS.findall(figure.label):
        period = period.replace(word, "")
    return period.strip("，, "), remark or None


def spoken(figures: Sequence[Any]) -> str:
    """Say figures (FigureTexts) as a presenter does, as one sentence: those of one period after the period, said
    once (2021年，全年新增市场主体2.5万户，全年新增民营企业5000余户); periods apart by ；; a remark on the period
    in brackets after its figure."""
    groups: dict[str, list[str]] = {}
    for figure in figures:
        period, remark = spoken_period(figure)
        said = str(figure.statement) + (f"（{remark}）" if remark else "")
        groups.setdefault(period, []).append(said)
    clauses = [(f"{period}，" if period else "") + str(join_clauses(said)) for period, said in groups.items()]
    return "；".join(clauses) + "。" if clauses else ""


def count_word(number: int) -> str:
    """Return a small count as said before a measure word (两个方面, 四个案例); a larger one in digits (12个)."""
    if number == 2:
        return "两"
    return chinese_numeral(number) if 1 <= number <= 10 else numbers.write_number(number)


def title_note(report: Report) -> Note:
    """Notes of the title slide: the talk's length in minutes and how many themes it covers."""
    return Note("title.md.j2", None, {"minutes": report.style.deck.minutes, "count": count_word(len(report.themes))})


def story_gist(text: str) -> str:
    """Return a story's first sentence: what a presenter says of a case whose points are on the slide."""
    found = _STORY_SENTENCE.match(" ".join(text.split()))
    return (found.group(0) if found else text).strip()


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


def overview_note(figures: Mapping[str, FigureText], themes: Sequence[Theme], first_number: int, continued: bool) -> Note:
    """Notes of an overview slide: each theme with its number and its headline figure (its first; none without)."""
    items: list[dict[str, Any]] = []
    for index, theme in enumerate(themes):
        figure = figures[theme.figures[0].id] if theme.figures else None
        items.append({"theme": theme, "number": first_number + index, "figure": figure,
                      "said": spoken([figure]) if figure is not None else ""})
    return Note("overview.md.j2", None, {"themes": items, "continued": continued, "count": count_word(len(themes))})


def theme_note(theme: Theme, highlights: Sequence[str]) -> Note:
    """Notes that open a theme in the short deck: its summary and its highlights as written."""
    return Note("theme.md.j2", theme, {"highlights": list(highlights)})


def chart_note(figures: Mapping[str, FigureText], planned: ChartPlan, part: bool = False, share: int = 1) -> Note:
    """Notes of a chart: the chart, its number, its figures (and as `said`, spoken), the notes on them and its sources'
    titles; `part`: one part of a slide's notes; `share`: how many panels the slide holds."""
    shown = [figures[figure_id] for figure_id in planned.chart.plotted_ids()]
    return Note("chart.md.j2", planned.theme, {
        "chart": planned.chart, "figures": shown, "said": spoken(shown), "remarks": remarks(shown),
        "chart_number": planned.number, "sources": planned.source_titles, "part": part, "share": share,
    })


def remarks(figures: Sequence[Any]) -> list[str]:
    """Return the notes on figures (a source's discrepancy, an unstated year), each once, as clauses led by what the
    figure counts unless the note starts with it (新增市级科技型企业，原文未注明统计时段), so that a slide's notes say
    them all in one sentence, joined by ；."""
    said = {}
    for figure in figures:
        if figure.note and figure.note not in said:
            note = figure.note if figure.note.startswith(figure.label) else f"{figure.label}，{figure.note}"
            said[figure.note] = re.sub(r"[。；]+", "；", note.strip()).strip("；，")
    return list(said.values())


def key_figures_note(figures: Mapping[str, FigureText], plan: Plan, theme: Theme, shown: Sequence[Figure | Structure], continued: bool,
                     part: bool = False, unshown: Sequence[Figure | Structure] = (), share: int = 1) -> Note:
    """Notes of key figures: the figures shown (and as `said`, the first few spoken), those left off the slide
    (`unshown`, `unshown_said`), the notes on them and their sources' titles; `part`: one part of a slide's notes;
    `share`: how many panels the slide holds."""
    texts = [figures[figure.id] for figure in shown]
    others = [figures[figure.id] for figure in unshown]
    return Note("figures.md.j2", theme, {
        "figures": texts, "continued": continued, "said": spoken(texts[:LEADING_FIGURES]),
        "unshown": others, "unshown_said": spoken(others), "remarks": remarks([*texts[:LEADING_FIGURES], *others]),
        "all_remarks": remarks([*texts, *others]), "count": count_word(len(texts)),
        "each": [spoken([text]) for text in [*texts, *others]],
        "sources": [source.title for source in plan.sources_of([*shown, *unshown])], "part": part, "share": share,
    })


LEADING_FIGURES = 2
"""How many of a slide's key figures its brief notes say: the ones it leads with; the audience reads the rest."""


def cases_note(figures: Mapping[str, FigureText], report: Report, theme: Theme,
               items: Iterable[tuple[Case, str, bool]], continued: bool, part: bool = False, share: int = 1) -> Note:
    """Notes of cases: each (case, the part of its story shown, whether that part continues it), with its story's
    first sentence as its `gist`; `part`: one part of a slide's notes; `share`: how many panels the slide holds."""
    sources = report.source_index()
    items = list(items)
    return Note("cases.md.j2", theme, {"continued": continued, "part": part, "share": share, "count": count_word(len(items)), "cases": [
        {
            "title": case.title,
            "text": text,
            "gist": story_gist(case.text),
            "continued": continues,
            "source": sources[case.source].title if case.source in sources else case.source,
            "figures": [figures[figure_id] for figure_id in case.figures if figure_id in figures],
            "said": spoken([figures[figure_id] for figure_id in case.figures if figure_id in figures]),
        }
        for case, text, continues in items
    ]})


def summary_note(theme: Theme, text: str, continued: bool) -> Note:
    """Notes of a summary slide: the part of the theme's summary it shows, and its first sentence as its `gist`."""
    return Note("summary.md.j2", theme, {"text": text, "gist": story_gist(text), "continued": continued})


def sources_note(sources: Sequence[Source], first_number: int, continued: bool, total: Optional[int] = None) -> Note:
    """Notes of a sources slide: each source with its number and details, and how many the report has (`total`,
    None: these)."""
    return Note("sources.md.j2", None, {"sources": [
        {"number": first_number + index, "source": source, "details": source_details(source)}
        for index, source in enumerate(sources)
    ], "continued": continued, "total": len(sources) if total is None else total,
        "count": count_word(len(sources) if total is None else total)})


def every_note(report: Report, plan: Plan, figures: Mapping[str, FigureText],
               highlights: Optional[Mapping[str, Sequence[str]]] = None) -> Iterator[Note]:
    """Yield the notes of every kind of slide either deck length makes for this report, whole themes at a time.

    `highlights`: each theme's highlights as written, by theme id, for the short deck's theme notes (None: none).
    """
    yield title_note(report)
    for continued in (False, True):
        yield overview_note(figures, report.themes, 1, continued)
    for theme in report.themes:
        yield theme_note(theme, (highlights or {}).get(theme.id, []))
        listed = [*theme.figures, *theme.structures]
        half = len(listed) // 2
        for part, share in ((False, 1), (True, 1), (True, 2)):
            for chart in theme.charts:
                yield chart_note(figures, plan.chart(chart.id), part, share)
            for continued in (False, True):
                if listed:
                    yield key_figures_note(figures, plan, theme, listed, continued, part, share=share)
                    yield key_figures_note(figures, plan, theme, listed[:half], continued, part, listed[half:], share)
                if theme.cases:
                    stories = [(case, case.text, continued) for case in theme.cases]
                    yield cases_note(figures, report, theme, stories, continued, part, share)
        for continued in (False, True):
            if not theme.figures and not theme.charts and not theme.structures:
                yield summary_note(theme, theme.summary, continued)
    for continued in (False, True):
        yield sources_note(report.sources, 1, continued)
    yield Note("closing.md.j2", None, {})


def check_notes(narrative: Any) -> None:
    """Render every note the deck would render (see `every_note`) in every manner (`MANNERS`); raise one
    TemplateError listing every problem.

    `narrative` is the report's `Narrative`, whose `render_template` the deck uses.
    """
    problems: list[str] = []
    for rendered in every_rendering(narrative):
        if rendered.error is not None and rendered.error not in problems:
            problems.append(rendered.error)
    if problems:
        raise TemplateError("\n".join(problems))


class Rendering(NamedTuple):
    """One note rendered in one manner: its paragraphs, or the error rendering it raised."""

    note: Note
    brief: bool
    detail: int
    paragraphs: list[str]
    error: Optional[str]


_RENDERINGS: "weakref.WeakKeyDictionary[Any, list[Rendering]]" = weakref.WeakKeyDictionary()


def every_rendering(narrative: Any) -> list[Rendering]:
    """Return every note the deck would render (`every_note`) in every manner (`MANNERS`), rendered once for a narrative.

    The check of the notes and the proofreading of what they say read the
    same renderings. A theme whose highlights fail is rendered without them
    (the narrative's own check reports it).
    """
    kept = _RENDERINGS.get(narrative)
    if kept is not None:
        return kept
    highlights = {}
    for theme in narrative.report.themes:
        try:
            highlights[theme.id] = narrative.highlights(theme)
        except TemplateError:
            highlights[theme.id] = []
    renderings = []
    for note in every_note(narrative.report, narrative.plan, narrative.figures, highlights):
        for brief, detail in MANNERS:
            try:
                renderings.append(Rendering(note, brief, detail, render_note(narrative, note, brief, detail), None))
            except TemplateError as error:
                renderings.append(Rendering(note, brief, detail, [], str(error)))
    _RENDERINGS[narrative] = renderings
    return renderings


MANNERS = ((False, DETAILS[0]), *((True, detail) for detail in DETAILS))
"""Every way a note is rendered: whole, for the full deck, and brief at each detail, for the short deck."""


def render_note(narrative: Any, note: Note, brief: bool = False, detail: int = DETAILS[0]) -> list[str]:
    """Return a note rendered by the report's `Narrative`, whole or brief at a detail, a paragraph each."""
    return narrative.render_template(f"{NOTES_DIR}/{note.template}", note.theme, **note.context, brief=brief,
                                     detail=detail)
