"""One build, every choice settled: what the options and the report's style come to, made once after the checks.

`resolve` turns a build's options and the report that passed its checks
into a `ResolvedBuild`: the report, its one `Plan` and narrative, each
document's choices (`report_gen.data.choices`: chart mode, deck length,
preset, templates), the Word template as read, the template folders and the
documents' properties. Chart drawing, the documents and the build's record
take it; nothing after it settles a default again. A new option is a field
of `BuildOptions`, a choice in `report_gen.data.choices`, and one line in
`resolve`.

`Run` is what a build carries besides its choices: its cache, its reader,
what it tells as it goes and the result it fills.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Optional

from ..data.choices import IMAGE, BriefingChoices, DeckChoices, briefing_choices, deck_choices
from ..data.files import MAX_FONT_BYTES, Reads
from ..ooxml.package import MAX_PROPERTY_CHARACTERS, CoreProperties, build_moment
from . import cache as caching
from .options import BuildEvents, BuildOptions, BuildResult

if TYPE_CHECKING:
    from ..briefing.template import WordTemplate
    from ..charts import Placement
    from ..fonts.chart_font import CjkFont
    from ..data.model import Report
    from ..narrative import Narrative
    from ..plan import Plan
    from ..preflight import Checked


@dataclass(frozen=True)
class ResolvedBuild:
    """A build with every choice settled: made once by `resolve`, read by the charts, the documents and the record."""

    data: Path
    """The data file."""
    out_dir: Path
    """Where the documents and charts go."""
    report: "Report"
    plan: "Plan"
    """The report's numbering and sources, planned once (by the checks) for everything that follows."""
    narrative: "Narrative"
    """The narrative and notes templates, ready to render; it reads the same plan."""
    properties: CoreProperties
    """What both documents' docProps/core.xml say."""
    template_folders: tuple[Path, ...]
    """The narrative's template folders, in the order a template is looked up: the user's, then report_gen's."""
    briefing: Optional[BriefingChoices]
    """How the briefing is made; None when it is not (--only pptx)."""
    word_template: Optional["WordTemplate"]
    """The Word template the briefing is built on, as read and checked; None for report_gen's design."""
    deck: Optional[DeckChoices]
    """How the deck is made; None when it is not (--only docx)."""
    font: "CjkFont"
    """The CJK font the charts are drawn with."""
    font_digest: str
    """The sha256 of the chart font's file, as the build's reader recorded it."""
    pdf: bool
    """Whether the briefing is also converted to PDF."""
    jobs: Optional[int]
    """Most worker processes (None: one per core)."""

    @property
    def name(self) -> str:
        """Return the report's name, which its documents are named after."""
        return self.report.report.name

    def placements(self) -> list[tuple[str, Any, bool]]:
        """Return the charts this build draws: for each role (briefing, slide) the placement of each chart and whether an SVG is drawn too."""
        # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
        from .. import charts
        from ..deck.pictures import slide_placements

        wanted: list[tuple[str, Any, bool]] = []
        if self.briefing is not None:
            wanted.append(("briefing", charts.BRIEFING, True))
        if self.deck is not None and self.deck.chart_mode == IMAGE:
            placements: Mapping[str, Placement] = slide_placements(self.report, self.deck.length, self.plan)
            wanted.append(("slide", placements, False))
        return wanted


@dataclass
class Run:
    """What one build carries besides its choices: its cache, its reader, what it tells as it goes and the result it fills."""

    cache: caching.Cache
    reads: Reads
    events: BuildEvents
    result: BuildResult


def resolve(options: BuildOptions, checked: "Checked", reads: Reads) -> ResolvedBuild:
    """Settle every choice of a build whose input passed its checks: the command line's option, else the data file's style.

    The chart font is found here and the files that chose it recorded by
    `reads`. Raise DataError when --preset asks for a form the data cannot
    fill, FontError when no CJK font is found.
    """
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..data.presets import check_preset
    from ..data.style import BriefingPreset
    from ..fonts.chart_font import find_cjk_font
    from ..narrative.environment import template_folders

    located, narrative = checked.located, checked.narrative
    report = located.report
    data_dir = options.data.parent
    briefing = deck = None
    if options.briefing:
        preset = BriefingPreset(options.preset) if options.preset else None
        if preset is not None:
            check_preset(located, preset)
        briefing = briefing_choices(report.style, data_dir, chart_mode=options.charts, preset=preset, template=options.docx_template)
    if options.deck:
        deck = deck_choices(report.style, data_dir, chart_mode=options.charts, length=options.deck_length, template=options.pptx_template)
    font = find_cjk_font(options.font_file, report.style.charts.fonts, data_dir)
    return ResolvedBuild(
        data=options.data, out_dir=options.out_dir, report=report, plan=narrative.plan, narrative=narrative,
        properties=properties_of(report), template_folders=tuple(template_folders(options.templates_dir)),
        briefing=briefing, word_template=checked.word_template if options.briefing else None, deck=deck,
        font=font, font_digest=_read_fonts(options, report, font, reads), pdf=options.pdf, jobs=options.jobs,
    )


def _read_fonts(options: BuildOptions, report: "Report", font: "CjkFont", reads: Reads) -> str:
    """Record the font files that chose the chart font and the one drawn with; return the sha256 of the one drawn with.

    The files that choose it are --font or REPORT_GEN_FONT, or else each font
    file style.charts.fonts lists (found or not). matplotlib may draw a
    family from another file of the same name; that file is recorded too.
    """
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..data.types import FONT_FILE_ENDINGS
    from ..fonts.chart_font import ENV_VAR

    given = str(options.font_file or "").strip() or os.environ.get(ENV_VAR, "").strip()
    if given:
        reads.fingerprint(Path(given).expanduser(), MAX_FONT_BYTES)
    for entry in report.style.charts.fonts if not given else ():
        if entry.lower().endswith(FONT_FILE_ENDINGS):
            listed = options.data.parent / entry
            if listed.is_file():
                reads.fingerprint(listed, MAX_FONT_BYTES)
            else:
                reads.missing(listed, "font")
    return reads.fingerprint(font.path, MAX_FONT_BYTES)


def properties_of(report: "Report", environ: Mapping[str, str] = os.environ) -> CoreProperties:
    """Return the core properties both documents of a report carry (and its figures' workbook)."""
    info = report.report
    return CoreProperties(
        moment=build_moment(info.date, environ),
        title=info.title,
        subject=info.subtitle or "",
        creator=info.issuer,
        keywords="、".join(theme.short_title for theme in report.themes)[:MAX_PROPERTY_CHARACTERS],
        language=info.language,
        description="",
    )
