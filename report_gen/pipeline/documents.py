"""The briefing, its PDF and the deck, each from the cache when nothing it depends on changed."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional

from . import cache as caching
from ..data.files import Reads
from ..convert.libreoffice import find_soffice

from .lifeline import die_with_parent
from .options import BuildEvents, BuildOptions, BuildResult
from .workers import fork_is_safe, worker_count
if TYPE_CHECKING:
    from ..briefing.template import WordTemplate
    from ..charts import RenderedChart
    from ..data.model import Report
    from ..fonts.chart_font import CjkFont


def make_documents(
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
    reads: Reads,
) -> dict[Path, bytes]:
    """Return the briefing (and its PDF) and the deck, from the cache when nothing they depend on changed.

    Their keys take the templates, the Word and PowerPoint templates and the
    chart font as the build's reader recorded them: the bytes they are made from.
    """
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..ooxml import package

    properties = package.properties_of(report)
    basis = caching.digest(
        caching.environment_digest(),
        report.model_dump(mode="json"),
        reads.record(kinds=("template",)),
        caching.installed_fonts_digest(),
        caching.font_key(font.family, reads.digest(font.path)),
        repr(properties),
        options.data.name,
    )
    name = report.report.name
    events.begin("documents", int(options.briefing) + int(options.pdf) + int(options.deck))
    briefing = deck = None
    if options.briefing:
        preset, word_template = choices
        briefing_mode = options.charts or report.style.briefing.charts
        key = caching.digest("docx", basis, keys.get("briefing"), briefing_mode, str(preset), reads.digest(word_template_path(options, report)))
        make = lambda: _make_briefing(report, narrative, drawn.get("briefing", {}), briefing_mode, preset, word_template, properties)  # noqa: E731
        briefing = _Job(options.out_dir / f"{name}.docx", key, make)
    if options.deck:
        template = options.pptx_template
        if template is None and report.style.deck.template:
            template = options.data.parent / report.style.deck.template
        deck_mode = options.charts or report.style.deck.charts
        length = options.deck_length or report.style.deck.length
        key = caching.digest("pptx", basis, keys.get("slide"), deck_mode, length, reads.digest(template))
        make = lambda: (_make_deck(report, narrative, drawn.get("slide", {}), template, deck_mode, length, properties, reads), [], [])  # noqa: E731
        deck = _Job(options.out_dir / f"{name}.pptx", key, make)
    made = _make_both(briefing, deck, cache, events, result, options.jobs)
    outputs: dict[Path, bytes] = {}
    if briefing is not None:
        docx = outputs[briefing.path] = made[briefing.path]
        if options.pdf:
            pdf_key = caching.digest("pdf", briefing.key, soffice_identity())
            make_pdf = lambda: (_make_pdf(report, docx, properties), [], [])  # noqa: E731
            outputs[briefing.path.with_suffix(".pdf")] = _cached(cache, pdf_key, f"{name}.pdf", events, make_pdf, result)
    if deck is not None:
        outputs[deck.path] = made[deck.path]
    return outputs


Made = tuple[bytes, list[str], list[str]]
"""A document, the warnings about it, and their details (printed with --verbose)."""


class _Job(NamedTuple):
    """A document to return: where it goes, its cache key, and how to make it."""

    path: Path
    key: str
    make: Callable[[], Made]


def _make_both(briefing: Optional[_Job], deck: Optional[_Job], cache: caching.Cache, events: BuildEvents,
               result: BuildResult, jobs: Optional[int]) -> dict[Path, bytes]:
    """Return the briefing and the deck (either may be None); when both are to be made, the briefing beside the deck."""
    beside = briefing is not None and deck is not None and worker_count(jobs) > 1 \
        and not cache.contains("documents", briefing.key) and not cache.contains("documents", deck.key)
    if not beside:
        return {job.path: _cached(cache, job.key, job.path.name, events, job.make, result) for job in (briefing, deck) if job}
    started = Background(briefing.make)
    try:
        pptx = _cached(cache, deck.key, deck.path.name, events, deck.make, result)
    except BaseException:
        started.cancel()
        raise
    return {briefing.path: _cached(cache, briefing.key, briefing.path.name, events, started.result, result), deck.path: pptx}


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


class Background:
    """Work started in a forked process, where that is safe; result() waits for it, cancel() stops it.

    Where fork is not safe (threads are running: watch, serve) or not
    available, the work is done when result() is called. If the forked process
    fails in any way, result() does the work here instead, so an error is
    raised as it would be without the fork. The forked process ends with this
    one however this one ends (`lifeline.die_with_parent`).
    """

    def __init__(self, make: Callable[[], Made]):
        self.make = make
        self.process: Any = None
        if not fork_is_safe():
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        parent = os.getpid()

        def run() -> None:
            die_with_parent(parent)
            try:
                send.send(make())
            except BaseException:  # result() makes it again and raises the error itself
                send.send(None)

        self.process = context.Process(target=run, daemon=True)
        self.process.start()
        send.close()

    def result(self) -> Made:
        """Return what the work made (waiting for the forked process), or make it here."""
        if self.process is None:
            return self.make()
        try:
            made = self.receive.recv()
        except (EOFError, OSError):
            made = None
        finally:
            self._close()
        return made if made is not None else self.make()

    def cancel(self) -> None:
        """Stop the work, when the result is no longer wanted."""
        if self.process is not None:
            self.process.terminate()
            self._close()

    def _close(self) -> None:
        self.receive.close()
        self.process.join()
        self.process = None


def word_template_path(options: BuildOptions, report: "Report") -> Optional[Path]:
    """Return the Word template file the briefing is built on; None for report_gen's own design."""
    if options.docx_template is not None:
        return options.docx_template
    return options.data.parent / report.style.briefing.template if report.style.briefing.template else None


def _make_briefing(report: "Report", narrative: Any, charts: dict[str, "RenderedChart"], mode: str, preset: Any,
                   word_template: Optional["WordTemplate"], properties: Any) -> Made:
    """Return the briefing's bytes, the warnings about its template and the fonts it names, and their details."""
    from .. import briefing  # briefing.briefing_bytes looked up when called, as deck_bytes is
    from ..fonts.document import MISSING_ADVICE, missing_fonts, missing_summary
    from ..ooxml import package

    docx = briefing.briefing_bytes(report, narrative, charts, chart_mode=mode, preset=preset, template=word_template)
    warnings = list(word_template.warnings()) if word_template is not None else []
    details: list[str] = []
    missing = missing_fonts(report.style.briefing.fonts)
    if missing:
        warnings.append(missing_summary(missing))
        details.extend([*(entry.message() for entry in missing), MISSING_ADVICE])
    return package.normalise_package(docx, properties), warnings, details


def _make_pdf(report: "Report", docx: bytes, properties: Any) -> bytes:
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..fonts import fontconfig
    from ..fonts.document import render_config
    from ..convert.libreoffice import docx_to_pdf

    with render_config(report.style.briefing.fonts) as config:
        return docx_to_pdf(docx, fontconfig.environment(config), report.report.name, moment=properties.moment)


def _make_deck(report: "Report", narrative: Any, charts: dict[str, "RenderedChart"], template: Optional[Path], mode: str,
               length: str, properties: Any, reads: Reads) -> bytes:
    from .. import deck  # the package's deck_bytes, looked up when called (tests replace it to make the deck fail)
    from ..ooxml import package

    pptx = deck.deck_bytes(report, charts, narrative=narrative, template=template, chart_mode=mode, length=length, reads=reads)
    return package.normalise_package(pptx, properties)


def soffice_identity() -> Any:
    """Return which LibreOffice converts (its program's path, size and time), for the PDF's key."""
    program = find_soffice()
    if program is None:
        return None
    status = Path(program).resolve().stat()
    return [str(Path(program).resolve()), status.st_size, status.st_mtime_ns]
