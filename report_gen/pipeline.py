"""The pipeline: load → charts → narrative → documents, then write out/ atomically.

Everything is produced in memory before the first byte reaches out/, so bad
input or a failing stage leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from .errors import DataError, ReportError
from .data.located import LocatedReport
from .data.style import BriefingPreset
from .data.presets import check_preset
from .preflight import check_before_drawing
from .output import write_all_atomically

if TYPE_CHECKING:
    from .briefing.template import WordTemplate

Progress = Callable[[str], None]
"""Receives one line per step of a long build, for the user to see."""

DEFAULT_DATA_DIR = Path("data")
DEFAULT_DATA_NAME = "beibei.yaml"


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


@dataclass
class BuildResult:
    """What a build wrote."""

    written: list[Path] = field(default_factory=list)
    font: str = ""
    warnings: list[str] = field(default_factory=list)
    """Things the user should know that did not stop the build (a font the briefing names is not installed)."""
    font_details: list[str] = field(default_factory=list)
    """Which font drew the charts, from where, and what the list passed over (printed with --verbose)."""
    warning_details: list[str] = field(default_factory=list)
    """What the warnings sum up, one line each (printed with --verbose): each missing font, its role and stand-in."""


def build(options: BuildOptions, progress: Progress = lambda line: None) -> BuildResult:
    """Build the briefing and the deck from a data file; write nothing unless every stage succeeds."""
    if options.pdf:
        from .tools.libreoffice import require_soffice

        if not options.briefing:
            raise ReportError("--pdf converts the briefing; it cannot be combined with --only pptx")
        require_soffice("--pdf converts the briefing")
    progress(f"checking {options.data}")
    checked = check_before_drawing(options.data, options.templates_dir, options.pptx_template, notes=options.deck,
                                   docx_template=options.docx_template if options.briefing else None)
    located, narrative = checked.located, checked.narrative
    report = located.report
    preset, word_template = _briefing_choices(options, located) if options.briefing else (None, None)
    figure_count = sum(len(theme.figures) for theme in report.themes)
    chart_count = sum(len(theme.charts) for theme in report.themes)
    progress(f"  {len(report.themes)} themes, {figure_count} figures, {chart_count} charts")

    # The drawing and document libraries load only once the input has passed every check: bad input fails fast.
    from . import charts
    from .fonts import chart_font as fonts
    from .ooxml import package
    from .briefing import briefing_bytes
    from .deck import deck_bytes
    from .deck.outline import slide_placements

    font = fonts.find_cjk_font(options.font_file, report.style.charts.fonts, options.data.parent)
    progress(f"rendered the narrative from {options.templates_dir or 'the built-in templates'}")

    properties = package.properties_of(report)
    outputs: dict[Path, bytes] = {}
    briefing_charts = {}
    if options.briefing:
        progress(f"drawing {chart_count} charts for the briefing (font: {font.family})")
        briefing_charts = charts.render_charts(report, font, charts.BRIEFING, svg=True)
        for chart_id, chart in briefing_charts.items():
            outputs[options.out_dir / "charts" / f"{chart_id}.png"] = chart.png
            outputs[options.out_dir / "charts" / f"{chart_id}.svg"] = chart.svg
    deck_charts = options.charts or report.style.deck.charts
    deck_length = options.deck_length or report.style.deck.length
    slide_charts = {}
    if options.deck and deck_charts == "image":
        placements = slide_placements(report, deck_length)
        progress(f"drawing {len(placements)} charts for the deck")
        slide_charts = charts.render_charts(report, font, placements)
    if options.briefing:
        progress("assembling the Word briefing")
        docx = briefing_bytes(report, narrative, briefing_charts, chart_mode=options.charts or report.style.briefing.charts,
                              preset=preset, template=word_template)
        outputs[options.out_dir / f"{report.report.name}.docx"] = docx = package.normalise_package(docx, properties)
        if options.pdf:
            from .fonts import fontconfig
            from .fonts.document import render_config
            from .tools.libreoffice import docx_to_pdf

            progress("converting the briefing to PDF with LibreOffice")
            with render_config(report.style.briefing.fonts) as config:
                pdf = docx_to_pdf(docx, fontconfig.environment(config), report.report.name, moment=properties.moment)
            outputs[options.out_dir / f"{report.report.name}.pdf"] = pdf
    if options.deck:
        progress("assembling the PowerPoint deck")
        template = options.pptx_template
        if template is None and report.style.deck.template:
            template = options.data.parent / report.style.deck.template
        pptx = deck_bytes(report, slide_charts, narrative=narrative, template=template, chart_mode=deck_charts,
                          length=deck_length)
        outputs[options.out_dir / f"{report.report.name}.pptx"] = package.normalise_package(pptx, properties)

    result = BuildResult(font=font.family, font_details=font.describe())
    if word_template is not None:
        result.warnings.extend(word_template.warnings())
    if options.briefing:
        from .fonts.document import MISSING_ADVICE, missing_fonts, missing_summary

        missing = missing_fonts(report.style.briefing.fonts)
        if missing:
            result.warnings.append(missing_summary(missing))
            result.warning_details.extend([*(entry.message() for entry in missing), MISSING_ADVICE])
    write_all_atomically(outputs)
    result.written.extend(outputs)
    return result


TEMPLATE_KEY = ("style", "briefing", "template")


def _briefing_choices(options: BuildOptions, located: LocatedReport) -> tuple[Optional[BriefingPreset], Optional["WordTemplate"]]:
    """Return the preset the command line asks for, checked against the data, and the Word template to use."""
    preset = BriefingPreset(options.preset) if options.preset else None
    if preset is not None:
        check_preset(located, preset)
    return preset, _word_template(options, located)


def _word_template(options: BuildOptions, located: LocatedReport) -> Optional["WordTemplate"]:
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
