"""The short deck's outline: which panels each theme's slides hold, and the size each chart picture is drawn at.

A theme's content comes as panels, in order: its charts, then one 关键数字
panel of the figures no chart shows (the briefing's table lists the same,
report_gen.plan), then its cases. The 关键数字 panel shows at most
FIGURES_A_SLIDE of them, chosen by `choose_figures`: those with nothing to
explain first (no note, no remark in their period), the largest first; the
rest are said in the slide's notes. A small panel (a ring, two bars, a few
key figures, one or two cases) takes half a slide, and two half panels in a
row share one when they show no more than FIGURES_A_SLIDE figures together;
anything else takes a slide of its own, as does a half panel left alone. So
every figure is shown on one slide only: a chart that shows only numbers an
earlier chart shows is left out (the full deck keeps it).

Knows nothing of PowerPoint or of drawing (so `validate` reads it without
python-pptx or matplotlib): the deck's slide modules draw what this plans, and
the pipeline draws chart pictures at the sizes `report_gen.deck.pictures` gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..data.model import Case, Chart, ChartKind, Figure, Report, Structure, Theme
from ..data.written import subject_groups
from ..data.choices import FULL, SHORT  # noqa: F401  (the deck lengths; named here for the deck's modules)
from ..plan import Plan
from .geometry import paginate


CHART, FIGURES, CASES = "chart", "figures", "cases"
"""What a panel holds."""

SMALL_BARS = 4
"""Most bars (or key figures) a chart may have to take half a slide."""
FIGURES_HALF = 4
"""Most key figures a half panel holds (two rows of two)."""
FIGURES_A_SLIDE = 8
"""Most figures one slide shows, its panels together: more is a table to read, not a slide to present."""
CARDS_PER_SLIDE = 8
"""Most themes one overview slide shows, a card each (two rows of four)."""
SOURCES_PER_SLIDE = 5
"""Most sources one 资料来源 slide lists."""
CASES_PER_SLIDE = 4
"""Most cases one slide holds as cards of short points (two rows of two)."""
CASES_HALF = 2
"""Most cases a half panel holds, one card over the other."""


@dataclass(frozen=True)
class Panel:
    """One part of a slide: a chart, a set of key figures, or a set of cases."""

    kind: str
    """CHART, FIGURES or CASES."""
    theme: Theme
    chart: Optional[Chart] = None
    """The chart of a CHART panel."""
    figures: tuple[Figure | Structure, ...] = ()
    """The figures a CHART or FIGURES panel shows."""
    unshown: tuple[Figure | Structure, ...] = ()
    """The figures a FIGURES panel leaves to its notes (see `choose_figures`)."""
    cases: tuple[tuple[int, Case], ...] = ()
    """The cases of a CASES panel, each with its number in the theme (案例一 is 1)."""
    small: bool = False
    """Whether the panel fits half a slide."""
    continued: bool = False
    """Whether the panel continues the theme's cases from an earlier slide."""

    @property
    def figure_count(self) -> int:
        """Return how many figures the panel shows (a case card shows none)."""
        return len(self.figures)


@dataclass(frozen=True)
class SlidePlan:
    """One slide of a theme: one panel on the whole content area, or two small ones side by side."""

    theme: Theme
    panels: tuple[Panel, ...]
    first: bool
    """Whether it is the theme's first slide (its notes open with the theme's summary)."""

    @property
    def shared(self) -> bool:
        """Return whether two panels share the slide."""
        return len(self.panels) > 1


def is_small(chart: Chart, figures: Sequence[Figure]) -> bool:
    """Tell whether a chart reads at half a slide: a ring, a before/after pair, a few bars or key figures."""
    if chart.kind in (ChartKind.PROGRESS, ChartKind.BEFORE_AFTER):
        return True
    if chart.kind in (ChartKind.BAR, ChartKind.HBAR, ChartKind.TILE):
        return len(figures) <= SMALL_BARS
    return False


def theme_panels(theme: Theme, plan: Plan, shown: set[str]) -> list[Panel]:
    """Return a theme's panels in order; `shown` holds the ids of figures earlier charts show, and grows."""
    panels: list[Panel] = []
    for chart in theme.charts:
        figures = plan.chart(chart.id).figures
        ids = {figure.id for figure in figures}
        if ids and ids <= shown:
            continue  # its numbers are on an earlier slide already
        shown |= ids
        panels.append(Panel(CHART, theme, chart, figures, small=is_small(chart, figures)))
    shown_here, unshown = choose_figures(plan.table_figures.get(theme.id, ()), plan.table_structures.get(theme.id, ()))
    if shown_here:
        panels.append(Panel(FIGURES, theme, figures=shown_here, unshown=unshown, small=len(shown_here) <= FIGURES_HALF))
    numbered = list(enumerate(theme.cases, start=1))
    for index, page in enumerate(paginate(numbered, CASES_PER_SLIDE)):
        panels.append(Panel(CASES, theme, cases=tuple(page), small=len(page) <= CASES_HALF, continued=index > 0))
    return panels


def choose_figures(figures: Sequence[Figure], structures: Sequence[Structure] = ()) -> tuple[tuple, tuple]:
    """Return the figures a 关键数字 panel shows, at most FIGURES_A_SLIDE, and those it leaves to the notes.

    Structures come first; then each figure with the figures that continue it
    (its rank, its difference from an average: they share its card), chosen
    with nothing to explain first (no note, no remark after the period:
    2021年报道，原文未注明调查年份), the largest first, and shown the largest first.
    """
    groups = [[subject, *followers] for subject, followers in subject_groups(list(figures))]
    groups.sort(key=lambda group: (any(needs_explaining(figure) for figure in group), -group[0].magnitude))
    shown: list[list] = []
    unshown: list = list(structures[FIGURES_A_SLIDE:])
    room = FIGURES_A_SLIDE - min(len(structures), FIGURES_A_SLIDE)
    for group in groups:
        if len(group) <= room:
            shown.append(group)
            room -= len(group)
        else:
            unshown.extend(group)
    shown.sort(key=lambda group: -group[0].magnitude)  # on the slide, the largest first
    return (*structures[:FIGURES_A_SLIDE], *(figure for group in shown for figure in group)), tuple(unshown)


def needs_explaining(figure: Figure) -> bool:
    """Tell whether a figure needs words a slide has no room for: a note, or a remark after its period."""
    return bool(figure.note) or PERIOD_REMARK in figure.period


PERIOD_REMARK = "，"
"""What sets a remark apart in a period (2021年报道，原文未注明调查年份): a slide shows what comes before it."""


def slide_period(period: str) -> str:
    """Return the period as a slide shows it: without the remark after it (2021年报道), which the notes say."""
    return period.split(PERIOD_REMARK, 1)[0]


def pack(theme: Theme, panels: Sequence[Panel]) -> list[SlidePlan]:
    """Put panels on slides in order: a small panel joins a slide holding one small panel when together they show no
    more than FIGURES_A_SLIDE figures; anything else starts one."""
    slides: list[list[Panel]] = []
    for panel in panels:
        alone = slides[-1][0] if slides and len(slides[-1]) == 1 else None
        if panel.small and alone is not None and alone.small and alone.figure_count + panel.figure_count <= FIGURES_A_SLIDE:
            slides[-1].append(panel)
        else:
            slides.append([panel])
    return [SlidePlan(theme, tuple(panels), index == 0) for index, panels in enumerate(slides)]


def short_outline(report: Report, plan: Plan) -> list[SlidePlan]:
    """Return the short deck's theme slides, in order, as `plan` numbers the report; a theme with no charts, figures or cases has none."""
    shown: set[str] = set()
    slides: list[SlidePlan] = []
    for theme in report.themes:
        slides += pack(theme, theme_panels(theme, plan, shown))
    return slides
