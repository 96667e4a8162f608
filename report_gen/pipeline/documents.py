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
from .resolved import ResolvedBuild, Run
from .workers import fork_is_safe, worker_count
if TYPE_CHECKING:
    from ..charts import RenderedChart


def make_documents(build: ResolvedBuild, drawn: dict[str, dict[str, "RenderedChart"]], keys: dict[str, dict[str, str]],
                   run: Run) -> dict[Path, bytes]:
    """Return the briefing (and its PDF) and the deck, from the cache when nothing they depend on changed.

    `drawn` and `keys` are the chart pictures by role and chart id and their
    cache keys (`draw_charts`). The documents' keys take every choice of the
    build, and the templates, the Word and PowerPoint templates and the chart
    font as the build's reader recorded them: the bytes they are made from.
    """
    report, reads, cache, events = build.report, run.reads, run.cache, run.events
    # What every document is made with besides the report: the code, the templates, the fonts.
    surroundings = (
        caching.environment_digest(),
        reads.record(kinds=("template",)),
        caching.installed_fonts_digest(),
        caching.font_key(build.font.family, reads.digest(build.font.path)),
    )
    basis = caching.digest(surroundings[0], report.model_dump(mode="json"), *surroundings[1:], repr(build.properties), build.data.name)
    events.begin("documents", int(build.briefing is not None) + int(build.pdf) + int(build.deck is not None))
    briefing = deck = None
    if build.briefing is not None:
        key = caching.digest("docx", basis, keys.get("briefing"), build.briefing.key(), reads.digest(build.briefing.template_path))
        briefing = _Job(build.out_dir / f"{build.name}.docx", key, lambda: _make_briefing(build, drawn.get("briefing", {})))
    if build.deck is not None:
        key = caching.digest("pptx", basis, keys.get("slide"), build.deck.key(), reads.digest(build.deck.template_path))
        faces = caching.FaceAdvanceStore(cache) if cache.root is not None else None
        slides = caching.digest("slides", *surroundings, build.deck.key(), reads.digest(build.deck.template_path))
        parts = caching.PartStore(cache, "slides", slides) if cache.root is not None else None
        deck = _Job(build.out_dir / f"{build.name}.pptx", key, lambda: (_make_deck(build, drawn.get("slide", {}), reads, faces, parts), [], []))
    made = _make_both(briefing, deck, run, build.jobs)
    outputs: dict[Path, bytes] = {}
    if briefing is not None:
        docx = outputs[briefing.path] = made[briefing.path]
        if build.pdf:
            pdf_key = caching.digest("pdf", briefing.key, soffice_identity())
            make_pdf = lambda: (_make_pdf(build, docx), [], [])  # noqa: E731
            outputs[briefing.path.with_suffix(".pdf")] = _cached(run, pdf_key, f"{build.name}.pdf", make_pdf)
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


def _make_both(briefing: Optional[_Job], deck: Optional[_Job], run: Run, jobs: Optional[int]) -> dict[Path, bytes]:
    """Return the briefing and the deck (either may be None); when both are to be made, the briefing beside the deck."""
    cache = run.cache
    beside = briefing is not None and deck is not None and worker_count(jobs) > 1 \
        and not cache.contains("documents", briefing.key) and not cache.contains("documents", deck.key)
    if not beside:
        return {job.path: _cached(run, job.key, job.path.name, job.make) for job in (briefing, deck) if job}
    started = Background(briefing.make)
    try:
        pptx = _cached(run, deck.key, deck.path.name, deck.make)
    except BaseException:
        started.cancel()
        raise
    return {briefing.path: _cached(run, briefing.key, briefing.path.name, started.result), deck.path: pptx}


def _cached(run: Run, key: str, name: str, make: Callable[[], Made]) -> bytes:
    """Return a document from the cache, or make it and store it there; add its warnings to the result."""
    cache, events, result = run.cache, run.events, run.result
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


def _make_briefing(build: ResolvedBuild, charts: dict[str, "RenderedChart"]) -> Made:
    """Return the briefing's bytes, the warnings about its template and the fonts it names, and their details."""
    from .. import briefing  # briefing.briefing_bytes looked up when called, as deck_bytes is
    from ..fonts.document import MISSING_ADVICE, missing_fonts, missing_summary
    from ..ooxml import package

    report, chosen, word_template = build.report, build.briefing, build.word_template
    docx = briefing.briefing_bytes(report, build.narrative, charts, chart_mode=chosen.chart_mode, preset=chosen.preset, template=word_template)
    warnings = list(word_template.warnings()) if word_template is not None else []
    details: list[str] = []
    missing = missing_fonts(report.style.briefing.fonts)
    if missing:
        warnings.append(missing_summary(missing))
        details.extend([*(entry.message() for entry in missing), MISSING_ADVICE])
    return package.normalise_package(docx, build.properties), warnings, details


def _make_pdf(build: ResolvedBuild, docx: bytes) -> bytes:
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..fonts import fontconfig
    from ..fonts.document import render_config
    from ..convert.libreoffice import docx_to_pdf

    with render_config(build.report.style.briefing.fonts) as config:
        return docx_to_pdf(docx, fontconfig.environment(config), build.name, moment=build.properties.moment)


def _make_deck(build: ResolvedBuild, charts: dict[str, "RenderedChart"], reads: Reads, faces: Any, parts: Any) -> bytes:
    """Return the deck's bytes, its slides put back from `parts` where they are kept; built afresh if one cannot be."""
    from .. import deck  # the package's deck_bytes, looked up when called (tests replace it to make the deck fail)
    from ..ooxml import package
    from ..ooxml.pptx_parts import ReplayError

    chosen = build.deck

    def make(parts: Any) -> bytes:
        return deck.deck_bytes(build.report, charts, narrative=build.narrative, template=chosen.template_path,
                               chart_mode=chosen.chart_mode, length=chosen.length, reads=reads, faces=faces, parts=parts)

    try:
        pptx = make(parts)
    except ReplayError:
        pptx = make(None)
    return package.normalise_package(pptx, build.properties)


def soffice_identity() -> Any:
    """Return which LibreOffice converts (its program's path, size and time), for the PDF's key."""
    program = find_soffice()
    if program is None:
        return None
    status = Path(program).resolve().stat()
    return [str(Path(program).resolve()), status.st_size, status.st_mtime_ns]
