"""One build: check the input, draw the charts, make the documents, write what changed. See the package docstring."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from ..data.files import MAX_FONT_BYTES, Reads
from ..errors import ReportError
from ..output import recover, write_changed_atomically
from ..convert.libreoffice import require_soffice

from . import cache as caching
from .documents import make_documents
from .options import BuildEvents, BuildOptions, BuildResult, Progress, as_events
from .stamp import keep_record, record_key, unchanged_build
from .workers import Placements, draw_charts
if TYPE_CHECKING:
    from ..data.located import LocatedReport
    from ..data.model import Report
    from ..fonts.chart_font import CjkFont


def build(options: BuildOptions, progress: Union[Progress, BuildEvents, None] = None, reads: Optional[Reads] = None) -> BuildResult:
    """Build the briefing and the deck from a data file; write nothing unless every stage succeeds.

    Every input is read once, through `reads` (None: a reader of the build's
    own); afterwards it holds what the build read, whether the build
    succeeded, failed, or found nothing to do (then: what the last build read).
    """
    events = as_events(progress)
    reads = reads if reads is not None else Reads()
    started = time.perf_counter()
    _check_pdf(options)
    recover([options.out_dir, options.out_dir / "charts"])  # a set a killed build left half-renamed is finished first
    cache = options.cache()
    key = record_key(options) if cache.root is not None else ""
    unchanged = unchanged_build(cache, key, reads)
    if unchanged is not None:
        unchanged.seconds, unchanged.out_dir = time.perf_counter() - started, options.out_dir
        return unchanged
    # Imported here, not at the top: pydantic, matplotlib and the writers are slow to
    # import, and neither `validate` nor a build with nothing to do needs them.
    from ..preflight import check_before_drawing

    events.stage(f"checking {options.data}")
    checked = check_before_drawing(options.data, options.templates_dir, options.pptx_template, notes=options.deck,
                                   docx_template=options.docx_template, briefing=options.briefing, reads=reads,
                                   source_check=options.source_check)
    located, narrative = checked.located, checked.narrative
    report = located.report
    reads.refuse_overwriting(planned_outputs(options, report), "--out")
    choices = (_preset(options, located), checked.word_template) if options.briefing else (None, None)
    figure_count = sum(len(theme.figures) for theme in report.themes)
    events.stage(f"  {len(report.themes)} themes, {figure_count} figures, {len(report.all_charts())} charts")

    # The drawing and document libraries load only once the input has passed every check: bad input fails fast.
    from ..fonts import chart_font, metrics

    font = chart_font.find_cjk_font(options.font_file, report.style.charts.fonts, options.data.parent)
    font_digest = _read_fonts(options, report, font, reads)
    drawn, keys = draw_charts(report, font, _placements(options, report), cache, events, options.jobs, font_digest)
    outputs: dict[Path, bytes] = {}
    for chart_id, chart in drawn.get("briefing", {}).items():
        outputs[options.out_dir / "charts" / f"{chart_id}.png"] = chart.png
        outputs[options.out_dir / "charts" / f"{chart_id}.svg"] = chart.svg
    result = BuildResult(font=font.family, font_details=font.describe(), out_dir=options.out_dir, charts=len(report.all_charts()),
                         pictures={role: len(pictures) for role, pictures in drawn.items()}, warnings=list(checked.warnings))
    result.warnings[:0], result.warning_details[:0] = checked.proofreading_warnings()
    metrics.use_store(caching.FaceAdvanceStore(cache) if cache.root is not None else None)
    try:
        outputs.update(make_documents(options, report, narrative, font, choices, drawn, keys, cache, events, result, reads))
    finally:
        metrics.use_store(None)
    reads.refuse_overwriting(outputs, "--out")
    result.written, result.unchanged = write_changed_atomically(outputs)
    if key:
        keep_record(cache, key, reads, outputs, result)
    cache.commit()
    cache.prune()
    for kind in ("charts", "documents"):
        result.reused[kind], result.made[kind] = cache.hits.get(kind, 0), cache.misses.get(kind, 0)
    result.seconds = time.perf_counter() - started
    return result


def planned_outputs(options: BuildOptions, report: "Report") -> list[Path]:
    """Return the files a build of `report` writes: the documents, the PDF, and each chart's PNG and SVG."""
    name = report.report.name
    planned = [options.out_dir / f"{name}.docx"] if options.briefing else []
    planned += [options.out_dir / f"{name}.pdf"] if options.pdf else []
    planned += [options.out_dir / f"{name}.pptx"] if options.deck else []
    if options.briefing:
        for _, chart in report.all_charts():
            planned += [options.out_dir / "charts" / f"{chart.id}.png", options.out_dir / "charts" / f"{chart.id}.svg"]
    return planned


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


def _check_pdf(options: BuildOptions) -> None:
    if options.pdf:
        if not options.briefing:
            raise ReportError("--pdf converts the briefing; it cannot be combined with --only pptx")
        require_soffice("--pdf converts the briefing")


def _placements(options: BuildOptions, report: "Report") -> list[tuple[str, "Placements", bool]]:
    """Return the charts this build draws: for each role (briefing, slide) the placement of each chart and whether an SVG is drawn too."""
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from .. import charts
    from ..deck.pictures import slide_placements

    wanted: list[tuple[str, Placements, bool]] = []
    if options.briefing:
        wanted.append(("briefing", charts.BRIEFING, True))
    if options.deck and (options.charts or report.style.deck.charts) == "image":
        wanted.append(("slide", slide_placements(report, options.deck_length or report.style.deck.length), False))
    return wanted


def _preset(options: BuildOptions, located: "LocatedReport") -> Any:
    """Return the preset the command line asks for, checked against the data; None for the data's own."""
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..data.presets import check_preset
    from ..data.style import BriefingPreset

    preset = BriefingPreset(options.preset) if options.preset else None
    if preset is not None:
        check_preset(located, preset)
    return preset
