"""The briefing, its PDF and the deck, each from the cache when nothing it depends on changed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from . import cache as caching
from ..tools.libreoffice import find_soffice

from .options import BuildEvents, BuildOptions, BuildResult
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
) -> dict[Path, bytes]:
    """Return the briefing (and its PDF) and the deck, from the cache when nothing they depend on changed."""
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..narrative.environment import TEMPLATES_DIR
    from ..ooxml import package

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
        key = caching.digest("docx", basis, keys.get("briefing"), mode, str(preset), caching.file_digest(word_template_path(options, report)))
        make = lambda: _make_briefing(report, narrative, drawn.get("briefing", {}), mode, preset, word_template, properties)  # noqa: E731
        docx = outputs[options.out_dir / f"{name}.docx"] = _cached(cache, key, f"{name}.docx", events, make, result)
        if options.pdf:
            pdf_key = caching.digest("pdf", key, soffice_identity())
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
    from ..tools.libreoffice import docx_to_pdf

    with render_config(report.style.briefing.fonts) as config:
        return docx_to_pdf(docx, fontconfig.environment(config), report.report.name, moment=properties.moment)


def _make_deck(report: "Report", narrative: Any, charts: dict[str, "RenderedChart"], template: Optional[Path], mode: str,
               length: str, properties: Any) -> bytes:
    from .. import deck  # the package's deck_bytes, looked up when called (tests replace it to make the deck fail)
    from ..ooxml import package

    pptx = deck.deck_bytes(report, charts, narrative=narrative, template=template, chart_mode=mode, length=length)
    return package.normalise_package(pptx, properties)


def soffice_identity() -> Any:
    """Return which LibreOffice converts (its program's path, size and time), for the PDF's key."""
    program = find_soffice()
    if program is None:
        return None
    status = Path(program).resolve().stat()
    return [str(Path(program).resolve()), status.st_size, status.st_mtime_ns]
