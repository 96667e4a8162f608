"""One build: check the input, draw the charts, make the documents, write what changed. See the package docstring."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from ..errors import DataError, ReportError
from ..output import write_changed_atomically
from ..tools.libreoffice import require_soffice

from . import cache as caching
from .documents import make_documents
from .options import BuildEvents, BuildOptions, BuildResult, Progress, as_events
from .stamp import stamp_key, stamp_of, unchanged_build
from .workers import Placements, draw_charts
if TYPE_CHECKING:
    from ..briefing.template import WordTemplate
    from ..data.located import LocatedReport
    from ..data.model import Report


def build(options: BuildOptions, progress: Union[Progress, BuildEvents, None] = None) -> BuildResult:
    """Build the briefing and the deck from a data file; write nothing unless every stage succeeds."""
    events = as_events(progress)
    started = time.perf_counter()
    _check_pdf(options)
    cache = options.cache()
    stamp = stamp_key(options) if cache.root is not None else ""
    unchanged = unchanged_build(cache, stamp)
    if unchanged is not None:
        unchanged.seconds = time.perf_counter() - started
        return unchanged
    # Imported here, not at the top: pydantic, matplotlib and the writers are slow to
    # import, and neither `validate` nor a build with nothing to do needs them.
    from ..preflight import check_before_drawing

    events.stage(f"checking {options.data}")
    checked = check_before_drawing(options.data, options.templates_dir, options.pptx_template, notes=options.deck,
                                   docx_template=options.docx_template if options.briefing else None,
                                   source_check=options.source_check)
    located, narrative = checked.located, checked.narrative
    report = located.report
    choices = _briefing_choices(options, located) if options.briefing else (None, None)
    figure_count = sum(len(theme.figures) for theme in report.themes)
    events.stage(f"  {len(report.themes)} themes, {figure_count} figures, {len(report.all_charts())} charts")

    # The drawing and document libraries load only once the input has passed every check: bad input fails fast.
    from ..fonts import chart_font, metrics

    font = chart_font.find_cjk_font(options.font_file, report.style.charts.fonts, options.data.parent)
    drawn, keys = draw_charts(report, font, _placements(options, report), cache, events, options.jobs)
    outputs: dict[Path, bytes] = {}
    for chart_id, chart in drawn.get("briefing", {}).items():
        outputs[options.out_dir / "charts" / f"{chart_id}.png"] = chart.png
        outputs[options.out_dir / "charts" / f"{chart_id}.svg"] = chart.svg
    result = BuildResult(font=font.family, font_details=font.describe(), warnings=list(checked.warnings))
    metrics.use_store(caching.FaceAdvanceStore(cache) if cache.root is not None else None)
    try:
        outputs.update(make_documents(options, report, narrative, font, choices, drawn, keys, cache, events, result))
    finally:
        metrics.use_store(None)
    result.written, result.unchanged = write_changed_atomically(outputs)
    if stamp:
        cache.put("builds", stamp, stamp_of(options, report, font, outputs, result), {})
    cache.commit()
    cache.prune()
    for kind in ("charts", "documents"):
        result.reused[kind], result.made[kind] = cache.hits.get(kind, 0), cache.misses.get(kind, 0)
    result.seconds = time.perf_counter() - started
    return result


def _check_pdf(options: BuildOptions) -> None:
    if options.pdf:
        if not options.briefing:
            raise ReportError("--pdf converts the briefing; it cannot be combined with --only pptx")
        require_soffice("--pdf converts the briefing")


def _placements(options: BuildOptions, report: "Report") -> list[tuple[str, "Placements", bool]]:
    """Return the charts this build draws: for each role (briefing, slide) the placement of each chart and whether an SVG is drawn too."""
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from .. import charts
    from ..deck.outline import slide_placements

    wanted: list[tuple[str, Placements, bool]] = []
    if options.briefing:
        wanted.append(("briefing", charts.BRIEFING, True))
    if options.deck and (options.charts or report.style.deck.charts) == "image":
        wanted.append(("slide", slide_placements(report, options.deck_length or report.style.deck.length), False))
    return wanted


TEMPLATE_KEY = ("style", "briefing", "template")


def _briefing_choices(options: BuildOptions, located: "LocatedReport") -> tuple[Any, Optional["WordTemplate"]]:
    """Return the preset the command line asks for, checked against the data, and the Word template to use."""
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..data.presets import check_preset
    from ..data.style import BriefingPreset

    preset = BriefingPreset(options.preset) if options.preset else None
    if preset is not None:
        check_preset(located, preset)
    return preset, _word_template(options, located)


def _word_template(options: BuildOptions, located: "LocatedReport") -> Optional["WordTemplate"]:
    """Read the Word template the command line or the data file names; None for report_gen's own design.

    A fault in a template the data file names, or in a style name given under
    style.briefing.styles, is a DataError at its line in the data file.
    """
    style = located.report.style.briefing
    path, source = options.docx_template, None
    if path is None and style.template:
        path, source = options.data.parent / style.template, style.template
    if path is None:
        return None
    # The briefing package pulls in python-docx and the charts: kept off the path of commands that never build.
    from ..briefing.template import WordTemplateError, read_word_template

    try:
        return read_word_template(path, style.styles, source)
    except WordTemplateError as error:
        if error.role is not None:
            raise DataError([located.problem(("style", "briefing", "styles", error.role), str(error))]) from None
        if options.docx_template is None:
            raise DataError([located.problem(TEMPLATE_KEY, str(error))]) from None
        raise
