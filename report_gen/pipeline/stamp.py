"""A build with nothing to do: the record of a build's inputs and outputs, and the check that nothing has changed since."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from . import cache as caching

from .documents import soffice_identity, word_template_path
from .options import BuildOptions, BuildResult
if TYPE_CHECKING:
    from ..data.model import Report
    from ..fonts.chart_font import CjkFont


STAMP_ENVIRONMENT = ("REPORT_GEN_FONT", "SOURCE_DATE_EPOCH", "REPORT_GEN_SOFFICE")
"""Environment variables a build reads, part of its stamp."""


def stamp_key(options: BuildOptions) -> str:
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
        soffice_identity() if options.pdf else None,
    )


def stamp_of(options: BuildOptions, report: "Report", font: "CjkFont", outputs: dict[Path, bytes], result: BuildResult) -> dict[str, Any]:
    """Return what a build read beyond its stamp key and what it wrote, to know next time whether it can be skipped."""
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..data.types import FONT_FILE_ENDINGS

    listed = [options.data.parent / entry for entry in report.style.charts.fonts if entry.lower().endswith(FONT_FILE_ENDINGS)]
    read = [Path(font.path), *listed]
    if options.pptx_template is not None or report.style.deck.template:
        read.append(options.pptx_template or options.data.parent / str(report.style.deck.template))
    word_template = word_template_path(options, report)
    if word_template is not None:
        read.append(word_template)
    # The sources' files, checked against when at hand: a corrected source text is a reason to build again.
    read += [options.data.parent / "sources" / source.file for source in report.sources if source.file]
    read += [options.data.parent / source.file for source in report.sources if source.file]
    return {
        "read": {str(path): _digest_or_none(path) for path in read},
        "wrote": {str(path): caching.digest(data) for path, data in outputs.items()},
        "warnings": result.warnings,
        "warning_details": result.warning_details,
        "font": result.font,
        "font_details": result.font_details,
    }


def unchanged_build(cache: caching.Cache, stamp: str) -> Optional[BuildResult]:
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
