"""The pipeline: load → charts → narrative → documents, then write out/ atomically.

Everything is produced in memory before the first byte reaches out/, so bad
input or a failing stage leaves the previous outputs exactly as they were.
A file whose bytes did not change is not written again (its mtime holds).

Charts and documents come from the cache (report_gen.cache) when everything
they depend on is unchanged; charts that must be drawn are drawn in worker
processes across the cores (tools/batch builds many reports the same way).

The heavy libraries (matplotlib, python-docx, python-pptx) are imported inside
the functions that use them: `validate` and `figures` import this module for
its defaults and must stay quick.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, NamedTuple, Optional, Sequence, Union

from . import cache as caching
from .errors import DataError, ReportError
from .output import write_changed_atomically
from .tools.libreoffice import find_soffice, require_soffice

if TYPE_CHECKING:
    from .briefing.template import WordTemplate
    from .charts import Placement, RenderedChart
    from .data.located import LocatedReport
    from .data.model import Report
    from .fonts.chart_font import CjkFont

Progress = Callable[[str], None]
"""Receives one line per step of a long build, for the user to see."""

DEFAULT_DATA_DIR = Path("data")
DEFAULT_DATA_NAME = "beibei.yaml"

POOL_THRESHOLD = 3
"""Fewest charts to draw for which starting worker processes pays off; fewer are drawn in this process."""

HEAVY_MODULES = ["report_gen.charts", "report_gen.briefing", "report_gen.deck"]
"""Modules a worker server imports once, so each worker it forks starts with them loaded."""


def default_data_file() -> Path:
    """Return the data file to use when none is named: data/beibei.yaml, or the only YAML file in data/."""
    preferred = DEFAULT_DATA_DIR / DEFAULT_DATA_NAME
    if preferred.is_file():
        return preferred
    candidates = sorted(DEFAULT_DATA_DIR.glob("*.yaml")) + sorted(DEFAULT_DATA_DIR.glob("*.yml"))
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ReportError(f"no data file given and none found in {DEFAULT_DATA_DIR}/; name one, e.g. `report_gen build data/my_report.yaml`")
    names = ", ".join(str(c) for c in candidates)
    raise ReportError(f"no data file given and {DEFAULT_DATA_DIR}/ holds several ({names}); name the one to build")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; every field has the default `report_gen build` uses."""

    data: Path
    """The YAML data file."""
    out_dir: Path = Path("out")
    """Folder the documents and charts are written to; created when missing."""
    templates_dir: Optional[Path] = None
    """Folder of jinja2 narrative templates; None means the templates shipped with report_gen."""
    font_file: Optional[Path] = None
    """CJK font file for the charts; None means search the machine."""
    briefing: bool = True
    """Write the Word briefing."""
    deck: bool = True
    """Write the PowerPoint deck."""
    pdf: bool = False
    """Also write the briefing as out/<name>.pdf, converted by LibreOffice."""
    pptx_template: Optional[Path] = None
    """An organisation's .pptx whose layouts and theme the deck uses; None means the data file's style.deck.template, else report_gen's design."""
    charts: Optional[str] = None
    """How both documents put charts: "image" or "native" (PowerPoint charts, Word charts); None means the data file's style.deck.charts and style.briefing.charts."""
    deck_length: Optional[str] = None
    """"short" (a deck to present) or "full" (a slide per chart, every figure on the 关键数字 slides); None means the data file's style.deck.length."""
    docx_template: Optional[Path] = None
    """An organisation's Word template (.docx or .dotx) whose styles, page set-up, headers and footers the briefing uses; None means the data file's style.briefing.template, else report_gen's design."""
    preset: Optional[str] = None
    """The briefing's page preset: "gbt9704", "compact" or "jianbao" (the 简报 form); None means the data file's style.briefing.preset."""
    use_cache: bool = True
    """Reuse charts and documents from the cache and store new ones there; False draws and writes everything afresh."""
    cache_dir: Optional[Path] = None
    """The cache folder; None means $REPORT_GEN_CACHE, else <out_dir>/.cache."""
    jobs: Optional[int] = None
    """Most worker processes to draw charts (or build reports) in; None means one per core, 1 means none."""

    def cache(self) -> caching.Cache:
        """Return the cache this build reads and fills (a disabled one without use_cache)."""
        if not self.use_cache:
            return caching.Cache(None)
        return caching.Cache(self.cache_dir if self.cache_dir is not None else caching.cache_dir(self.out_dir))


class BuildEvents:
    """What a build says while it runs; this base says nothing. The command line shows it (tools/progress)."""

    def stage(self, text: str) -> None:
        """A step begins."""

    def begin(self, task: str, total: int) -> None:
        """A counted step begins: `total` items of `task` (charts, documents, reports)."""

    def advance(self, task: str, item: str, reused: bool = False) -> None:
        """One item of a counted step is done; `reused` when it came from the cache."""


class _Lines(BuildEvents):
    """Events as lines for a Progress callable: stages and counted steps, not each item."""

    def __init__(self, say: Progress):
        self.say = say

    def stage(self, text: str) -> None:
        self.say(text)


def as_events(progress: Union[Progress, BuildEvents, None]) -> BuildEvents:
    """Return build events from a Progress callable (lines), events, or None (silence)."""
    if progress is None:
        return BuildEvents()
    return progress if isinstance(progress, BuildEvents) else _Lines(progress)


@dataclass
class BuildResult:
    """What a build wrote, what it left as it was, and what it reused."""

    written: list[Path] = field(default_factory=list)
    """Files written (their bytes changed)."""
    font: str = ""
    warnings: list[str] = field(default_factory=list)
    """Things the user should know that did not stop the build (a font the briefing names is not installed)."""
    font_details: list[str] = field(default_factory=list)
    """Which font drew the charts, from where, and what the list passed over (printed with --verbose)."""
    warning_details: list[str] = field(default_factory=list)
    """What the warnings sum up, one line each (printed with --verbose): each missing font, its role and stand-in."""
    unchanged: list[Path] = field(default_factory=list)
    """Files the build produced with the bytes they already had, so they were not written."""
    reused: dict[str, int] = field(default_factory=dict)
    """Charts and documents taken from the cache, by kind."""
    made: dict[str, int] = field(default_factory=dict)
    """Charts and documents drawn or assembled afresh, by kind."""
    seconds: float = 0.0
    """Wall time of the build."""

    @property
    def outputs(self) -> list[Path]:
        """Return every file the build produced, written or unchanged."""
        return self.written + self.unchanged

    def summary(self) -> str:
        """Return the one line every build ends with: files written, time taken, cache hits."""
        documents = [path.name for path in self.outputs if path.suffix in (".docx", ".pptx", ".pdf")]
        kinds = sorted(set(self.reused) | set(self.made))
        if "builds" in self.reused:
            return f"{' '.join(documents)}: nothing changed, {len(self.unchanged)} files left as they were, in {self.seconds:.1f} s"
        hits = ", ".join(f"{self.reused.get(kind, 0)} of {self.reused.get(kind, 0) + self.made.get(kind, 0)} {kind}" for kind in kinds)
        return (
            f"{' '.join(documents) or 'nothing'}: {len(self.written)} files written, {len(self.unchanged)} unchanged, "
            f"in {self.seconds:.1f} s; from the cache: {hits or 'nothing'}"
        )


Placements = Union["Placement", Mapping[str, "Placement"]]
"""Where charts are drawn: one placement for every chart, or a placement for each chart named."""


class _ChartWork(NamedTuple):
    role: str
    chart_id: str
    placement: "Placement"
    svg: bool
    key: str


def build(options: BuildOptions, progress: Union[Progress, BuildEvents, None] = None) -> BuildResult:
    """Build the briefing and the deck from a data file; write nothing unless every stage succeeds."""
    events = as_events(progress)
    started = time.perf_counter()
    _check_pdf(options)
    cache = options.cache()
    stamp = _stamp_key(options) if cache.root is not None else ""
    unchanged = _unchanged_build(cache, stamp)
    if unchanged is not None:
        unchanged.seconds = time.perf_counter() - started
        return unchanged
    # Imported here, not at the top: pydantic, matplotlib and the writers are slow to
    # import, and neither `validate` nor a build with nothing to do needs them.
    from .preflight import check_before_drawing

    events.stage(f"checking {options.data}")
    checked = check_before_drawing(options.data, options.templates_dir, options.pptx_template, notes=options.deck,
                                   docx_template=options.docx_template if options.briefing else None)
    located, narrative = checked.located, checked.narrative
    report = located.report
    choices = _briefing_choices(options, located) if options.briefing else (None, None)
    figure_count = sum(len(theme.figures) for theme in report.themes)
    events.stage(f"  {len(report.themes)} themes, {figure_count} figures, {len(report.all_charts())} charts")

    # The drawing and document libraries load only once the input has passed every check: bad input fails fast.
    from .fonts import chart_font

    font = chart_font.find_cjk_font(options.font_file, report.style.charts.fonts, options.data.parent)
    drawn, keys = draw_charts(report, font, _placements(options, report), cache, events, options.jobs)
    outputs: dict[Path, bytes] = {}
    for chart_id, chart in drawn.get("briefing", {}).items():
        outputs[options.out_dir / "charts" / f"{chart_id}.png"] = chart.png
        outputs[options.out_dir / "charts" / f"{chart_id}.svg"] = chart.svg
    result = BuildResult(font=font.family, font_details=font.describe())
    outputs.update(_documents(options, report, narrative, font, choices, drawn, keys, cache, events, result))
    result.written, result.unchanged = write_changed_atomically(outputs)
    if stamp:
        cache.put("builds", stamp, _stamp_of(options, report, font, outputs, result), {})
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
    from . import charts
    from .deck.outline import slide_placements

    wanted: list[tuple[str, Placements, bool]] = []
    if options.briefing:
        wanted.append(("briefing", charts.BRIEFING, True))
    if options.deck and (options.charts or report.style.deck.charts) == "image":
        wanted.append(("slide", slide_placements(report, options.deck_length or report.style.deck.length), False))
    return wanted


TEMPLATE_KEY = ("style", "briefing", "template")


def _briefing_choices(options: BuildOptions, located: "LocatedReport") -> tuple[Any, Optional["WordTemplate"]]:
    """Return the preset the command line asks for, checked against the data, and the Word template to use."""
    from .data.presets import check_preset
    from .data.style import BriefingPreset

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
    from .briefing.template import WordTemplateError, read_word_template

    try:
        return read_word_template(path, style.styles, source)
    except WordTemplateError as error:
        if error.role is not None:
            raise DataError([located.problem(("style", "briefing", "styles", error.role), str(error))]) from None
        if options.docx_template is None:
            raise DataError([located.problem(TEMPLATE_KEY, str(error))]) from None
        raise


# --- a build with nothing to do ---------------------------------------------------------------


STAMP_ENVIRONMENT = ("REPORT_GEN_FONT", "SOURCE_DATE_EPOCH", "REPORT_GEN_SOFFICE")
"""Environment variables a build reads, part of its stamp."""


def _stamp_key(options: BuildOptions) -> str:
    """Return the key of a whole build: everything it reads that can be known before the data file is parsed.

    What the data file leads to (the chart font, font files it lists, a .pptx
    template) is recorded in the stamp itself and checked when it is read.
    """
    package = Path(__file__).resolve().parent
    return caching.digest(
        "build",
        caching.environment_digest(),
        str(Path.cwd()),
        _digest_or_none(options.data),
        caching.tree_digest([options.templates_dir, package / "templates", package.parent / "templates"]),
        caching.installed_fonts_digest(),
        {name: os.environ.get(name) for name in STAMP_ENVIRONMENT},
        {item.name: str(getattr(options, item.name)) for item in dataclasses.fields(options)},
        _soffice_identity() if options.pdf else None,
    )


def _stamp_of(options: BuildOptions, report: "Report", font: "CjkFont", outputs: dict[Path, bytes], result: BuildResult) -> dict[str, Any]:
    """Return what a build read beyond its stamp key and what it wrote, to know next time whether it can be skipped."""
    from .data.types import FONT_FILE_ENDINGS

    listed = [options.data.parent / entry for entry in report.style.charts.fonts if entry.lower().endswith(FONT_FILE_ENDINGS)]
    read = [Path(font.path), *listed]
    if options.pptx_template is not None or report.style.deck.template:
        read.append(options.pptx_template or options.data.parent / str(report.style.deck.template))
    word_template = _word_template_path(options, report)
    if word_template is not None:
        read.append(word_template)
    return {
        "read": {str(path): _digest_or_none(path) for path in read},
        "wrote": {str(path): caching.digest(data) for path, data in outputs.items()},
        "warnings": result.warnings,
        "warning_details": result.warning_details,
        "font": result.font,
        "font_details": result.font_details,
    }


def _unchanged_build(cache: caching.Cache, stamp: str) -> Optional[BuildResult]:
    """Return the result of the last build when it read the same inputs and its outputs are still as written; else None."""
    if not stamp:
        return None
    found = cache.get("builds", stamp)
    if found is None:
        return None
    recorded = found[0]
    if any(_digest_or_none(Path(path)) != digest for path, digest in recorded["read"].items()):
        return None
    for path, digest in recorded["wrote"].items():
        try:
            if not Path(path).is_file() or caching.digest(Path(path).read_bytes()) != digest:
                return None
        except OSError:
            return None
    return BuildResult(
        font=recorded["font"], warnings=list(recorded["warnings"]), warning_details=list(recorded["warning_details"]),
        font_details=list(recorded["font_details"]),
        unchanged=[Path(path) for path in recorded["wrote"]], reused={"builds": 1},
    )


def _digest_or_none(path: Path) -> Optional[str]:
    try:
        return caching.file_digest(path)
    except OSError:
        return None


# --- charts ---------------------------------------------------------------------------------


def draw_charts(
    report: "Report",
    font: "CjkFont",
    placements: Sequence[tuple[str, Placements, bool]],
    cache: caching.Cache,
    events: BuildEvents = BuildEvents(),
    jobs: Optional[int] = None,
) -> tuple[dict[str, dict[str, "RenderedChart"]], dict[str, dict[str, str]]]:
    """Draw the charts of each role (briefing, slide), reusing cached ones; return them and their keys, by role and chart id.

    Each role gives one placement for every chart or a placement for each chart
    it names, and whether an SVG is drawn too. Charts not in the cache are drawn
    in worker processes (at most `jobs`, None: one per core) when there are
    enough of them to pay for starting the workers. The bytes are the same
    however they were drawn.
    """
    from .plan import plan_report

    font_key = caching.font_key(font.family, font.path)
    plan = plan_report(report)
    work = []
    for role, placement, svg in placements:
        each = placement if isinstance(placement, Mapping) else {chart_id: placement for chart_id in plan.charts}
        for chart_id, planned in plan.charts.items():
            if chart_id in each:
                key = caching.chart_key(planned, report.style.charts, font_key, each[chart_id], svg)
                work.append(_ChartWork(role, chart_id, each[chart_id], svg, key))
    events.begin("charts", len(work))
    done: dict[_ChartWork, RenderedChart] = {}
    missing = []
    for item in work:
        found = cache.get("charts", item.key)
        if found is None:
            missing.append(item)
            continue
        done[item] = _chart_from_entry(*found)
        events.advance("charts", f"{item.chart_id} ({item.role})", reused=True)
    for item, chart in _render(report, font, missing, jobs):
        done[item] = chart
        cache.put("charts", item.key, *_chart_entry(chart))
        events.advance("charts", f"{item.chart_id} ({item.role})")
    drawn: dict[str, dict[str, RenderedChart]] = {role: {} for role, _, _ in placements}
    keys: dict[str, dict[str, str]] = {role: {} for role, _, _ in placements}
    for item in work:
        drawn[item.role][item.chart_id] = done[item]
        keys[item.role][item.chart_id] = item.key
    return drawn, keys


def _render(report: "Report", font: "CjkFont", work: list[_ChartWork], jobs: Optional[int]) -> Iterator[tuple[_ChartWork, "RenderedChart"]]:
    """Yield each chart of `work` as it is drawn: here, or across worker processes when there are enough."""
    workers = min(worker_count(jobs), len(work))
    if workers < 2 or len(work) < POOL_THRESHOLD:
        from . import charts

        by_id = {chart.id: chart for _, chart in report.all_charts()}
        for item in work:
            yield item, charts.render_chart(by_id[item.chart_id], report, font, item.placement, item.svg)
        return
    pool = ProcessPoolExecutor(workers, mp_context=worker_context(["report_gen.charts"]), initializer=_start_chart_worker, initargs=(report, font))
    try:
        # The slide charts take longest; hand them out first so no worker is left with a long one at the end.
        order = sorted(work, key=lambda item: -item.placement.width_mm * item.placement.height_mm * item.placement.dpi)
        futures: dict[Future, _ChartWork] = {
            pool.submit(_draw_in_worker, item.chart_id, item.placement, item.svg): item for item in order
        }
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def worker_count(jobs: Optional[int]) -> int:
    """Return how many worker processes to use: `jobs`, or one per core this process may run on."""
    if jobs is not None:
        return max(1, jobs)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_context(preload: Sequence[str] = HEAVY_MODULES) -> Any:
    """Return how worker processes start.

    On Linux, from a process with a single thread (a plain `build`), by fork:
    the workers begin with everything already loaded, the font registered and
    the report in memory. From a process with threads (watch, serve) fork could
    deadlock, so there they are forked from a server that has loaded `preload`;
    elsewhere they are spawned.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return context


_worker: dict[str, Any] = {}
"""In a worker process: the report, its charts by id and the registered font, set once when the worker starts."""


def _start_chart_worker(report: "Report", font: "CjkFont") -> None:
    """Keep the report and register the chart font in a new worker process."""
    from .fonts.chart_font import register

    _worker.update(report=report, charts={chart.id: chart for _, chart in report.all_charts()}, font=register(font))


def _draw_in_worker(chart_id: str, placement: "Placement", svg: bool) -> "RenderedChart":
    from . import charts

    return charts.render_chart(_worker["charts"][chart_id], _worker["report"], _worker["font"], placement, svg)


def _chart_entry(chart: "RenderedChart") -> tuple[dict[str, Any], dict[str, bytes]]:
    """Split a drawn chart into cache metadata (its plain fields) and parts (its images)."""
    meta: dict[str, Any] = {}
    parts: dict[str, bytes] = {}
    for item in dataclasses.fields(chart):
        value = getattr(chart, item.name)
        if isinstance(value, bytes):
            parts[item.name] = value
        else:
            meta[item.name] = value
    return meta, parts


def _chart_from_entry(meta: dict[str, Any], parts: dict[str, bytes]) -> "RenderedChart":
    from .charts import RenderedChart

    return RenderedChart(**meta, **parts)


# --- documents ------------------------------------------------------------------------------


def _documents(
    options: BuildOptions,
    report: "Report",
    narrative: Any,
    font: "CjkFont",
    choices: tuple[Any, Optional["WordTemplate"]],
    drawn: dict[str, dict[str, "RenderedChart"]],
    keys: dict[str, dict[str, str]],
    cache: caching.Cache,
    events: BuildEvents,
    result: BuildResult,
) -> dict[Path, bytes]:
    """Return the briefing (and its PDF) and the deck, from the cache when nothing they depend on changed."""
    from .narrative.environment import TEMPLATES_DIR
    from .ooxml import package

    properties = package.properties_of(report)
    basis = caching.digest(
        caching.environment_digest(),
        report.model_dump(mode="json"),
        caching.tree_digest([options.templates_dir, TEMPLATES_DIR]),
        caching.installed_fonts_digest(),
        caching.font_key(font.family, font.path),
        repr(properties),
        options.data.name,
    )
    name = report.report.name
    outputs: dict[Path, bytes] = {}
    events.begin("documents", int(options.briefing) + int(options.pdf) + int(options.deck))
    if options.briefing:
        preset, word_template = choices
        mode = options.charts or report.style.briefing.charts
        key = caching.digest("docx", basis, keys.get("briefing"), mode, str(preset), caching.file_digest(_word_template_path(options, report)))
        make = lambda: _make_briefing(report, narrative, drawn.get("briefing", {}), mode, preset, word_template, properties)  # noqa: E731
        docx = outputs[options.out_dir / f"{name}.docx"] = _cached(cache, key, f"{name}.docx", events, make, result)
        if options.pdf:
            pdf_key = caching.digest("pdf", key, _soffice_identity())
            outputs[options.out_dir / f"{name}.pdf"] = _cached(cache, pdf_key, f"{name}.pdf", events, lambda: (_make_pdf(report, docx, properties), [], []), result)
    if options.deck:
        template = options.pptx_template
        if template is None and report.style.deck.template:
            template = options.data.parent / report.style.deck.template
        mode = options.charts or report.style.deck.charts
        length = options.deck_length or report.style.deck.length
        key = caching.digest("pptx", basis, keys.get("slide"), mode, length, caching.file_digest(template))
        make = lambda: (_make_deck(report, narrative, drawn.get("slide", {}), template, mode, length, properties), [], [])  # noqa: E731
        outputs[options.out_dir / f"{name}.pptx"] = _cached(cache, key, f"{name}.pptx", events, make, result)
    return outputs


Made = tuple[bytes, list[str], list[str]]
"""A document, the warnings about it, and their details (printed with --verbose)."""


def _cached(cache: caching.Cache, key: str, name: str, events: BuildEvents, make: Callable[[], Made], result: BuildResult) -> bytes:
    """Return a document from the cache, or make it and store it there; add its warnings to the result."""
    found = cache.get("documents", key)
    if found is not None:
        meta, parts = found
        events.advance("documents", name, reused=True)
        document, warnings, details = parts["document"], list(meta["warnings"]), list(meta["details"])
    else:
        events.stage(f"assembling {name}")
        document, warnings, details = make()
        cache.put("documents", key, {"name": name, "warnings": warnings, "details": details}, {"document": document})
        events.advance("documents", name)
    result.warnings.extend(warnings)
    result.warning_details.extend(details)
    return document


def _word_template_path(options: BuildOptions, report: "Report") -> Optional[Path]:
    """Return the Word template file the briefing is built on; None for report_gen's own design."""
    if options.docx_template is not None:
        return options.docx_template
    return options.data.parent / report.style.briefing.template if report.style.briefing.template else None


def _make_briefing(report: "Report", narrative: Any, charts: dict[str, "RenderedChart"], mode: str, preset: Any,
                   word_template: Optional["WordTemplate"], properties: Any) -> Made:
    """Return the briefing's bytes, the warnings about its template and the fonts it names, and their details."""
    from . import briefing  # briefing.briefing_bytes looked up when called, as deck_bytes is
    from .fonts.document import MISSING_ADVICE, missing_fonts, missing_summary
    from .ooxml import package

    docx = briefing.briefing_bytes(report, narrative, charts, chart_mode=mode, preset=preset, template=word_template)
    warnings = list(word_template.warnings()) if word_template is not None else []
    details: list[str] = []
    missing = missing_fonts(report.style.briefing.fonts)
    if missing:
        warnings.append(missing_summary(missing))
        details.extend([*(entry.message() for entry in missing), MISSING_ADVICE])
    return package.normalise_package(docx, properties), warnings, details


def _make_pdf(report: "Report", docx: bytes, properties: Any) -> bytes:
    from .fonts import fontconfig
    from .fonts.document import render_config
    from .tools.libreoffice import docx_to_pdf

    with render_config(report.style.briefing.fonts) as config:
        return docx_to_pdf(docx, fontconfig.environment(config), report.report.name, moment=properties.moment)


def _make_deck(report: "Report", narrative: Any, charts: dict[str, "RenderedChart"], template: Optional[Path], mode: str,
               length: str, properties: Any) -> bytes:
    from . import deck  # the package's deck_bytes, looked up when called (tests replace it to make the deck fail)
    from .ooxml import package

    pptx = deck.deck_bytes(report, charts, narrative=narrative, template=template, chart_mode=mode, length=length)
    return package.normalise_package(pptx, properties)


def _soffice_identity() -> Any:
    """Return which LibreOffice converts (its program's path, size and time), for the PDF's key."""
    program = find_soffice()
    if program is None:
        return None
    status = Path(program).resolve().stat()
    return [str(Path(program).resolve()), status.st_size, status.st_mtime_ns]
