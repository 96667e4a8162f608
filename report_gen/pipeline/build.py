"""One build: check the input, draw the charts, make the documents, write what changed. See the package docstring."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from ..data.files import Reads
from ..errors import ReportError
from ..output import recover, write_changed_atomically
from ..convert.libreoffice import require_soffice

from .documents import make_documents
from .options import BuildEvents, BuildOptions, BuildResult, Progress, as_events
from .resolved import Run, resolve
from .stamp import keep_record, record_key, unchanged_build
from .workers import draw_charts
if TYPE_CHECKING:
    from ..data.model import Report


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
    report = checked.located.report
    reads.refuse_overwriting(planned_outputs(options, report), "--out")
    figure_count = sum(len(theme.figures) for theme in report.themes)
    events.stage(f"  {len(report.themes)} themes, {figure_count} figures, {len(report.all_charts())} charts")

    # The drawing and document libraries load only once the input has passed every check: bad input fails fast.
    resolved = resolve(options, checked, reads)
    font = resolved.font
    result = BuildResult(font=font.family, font_details=font.describe(), out_dir=options.out_dir, charts=len(report.all_charts()),
                         warnings=list(checked.warnings))
    run = Run(cache, reads, events, result)
    drawn, keys = draw_charts(resolved.plan, report.style.charts, font, resolved.placements(), cache, events, resolved.jobs,
                              resolved.font_digest)
    result.pictures = {role: len(pictures) for role, pictures in drawn.items()}
    outputs: dict[Path, bytes] = {}
    for chart_id, chart in drawn.get("briefing", {}).items():
        outputs[options.out_dir / "charts" / f"{chart_id}.png"] = chart.png
        outputs[options.out_dir / "charts" / f"{chart_id}.svg"] = chart.svg
    result.warnings[:0], result.warning_details[:0] = checked.proofreading_warnings()
    outputs.update(make_documents(resolved, drawn, keys, run))
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


def _check_pdf(options: BuildOptions) -> None:
    if options.pdf:
        if not options.briefing:
            raise ReportError("--pdf converts the briefing; it cannot be combined with --only pptx")
        require_soffice("--pdf converts the briefing")
