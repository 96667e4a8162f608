"""Everything a build checks before it draws: `validate` and `build` both run this, so they refuse the same files.

- the data file itself (`load_located`: a regular file within its size, YAML,
  types, references, volume, numbers that can be written as given);
- what the documents' properties can hold: a title, subtitle and issuer of at
  most 255 characters, a report date from 1980 to 2107;
- each chart's figures fit its kind (`charts.spec.require_fit`, the rules the
  drawings apply);
- the deck's template (`style.deck.template` or `--pptx-template`), the
  briefing's (`style.briefing.template` or `--docx-template`) and any font
  file `style.charts.fonts` names: regular files within their limits, the
  templates zips whose parts unpack within their limit and read back;
- the narrative templates, the highlights and every speaker-notes template
  render, within the limits of `report_gen.narrative.limits`;
- the figures against their sources (`data.provenance`: each excerpt in its
  source, holding the value at its magnitude, each change in the source's
  sentence) when every source names its file and the files are at hand in
  `sources/` beside the data file, or in the folder `validate --sources`
  names. A build refuses what this finds, or with `--source-check warn`
  says it and builds.

Nothing here imports matplotlib, python-docx or python-pptx, so `validate`
stays quick; what needs them (glyphs of the chart font, the layouts of a
template) is checked while building.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .charts.spec import require_fit
from .data.files import MAX_FONT_BYTES, InputRefused, read_docx_template, read_pptx_template, require_regular
from .data.load import load_located
from .data.located import LocatedReport
from .data.provenance import check_provenance, sources_at_hand
from .data.types import FONT_FILE_ENDINGS
from .errors import DataError, Problem, ReportError, TemplateError
from .narrative import Narrative
from .narrative.notes import check_notes
from .ooxml.package import MAX_PROPERTY_CHARACTERS, ZIP_END, ZIP_EPOCH
from .plan import plan_chart

PROPERTY_FIELDS = ("title", "subtitle", "issuer")
"""Fields of `report` written into the documents' core properties."""


SOURCE_CHECKS = ("refuse", "warn")
"""What a build does when a figure disagrees with its source: refuse to build, or warn and build."""


@dataclass(frozen=True)
class Checked:
    """A data file that passed every check before drawing, with the narrative rendered for it."""

    located: LocatedReport
    narrative: Narrative
    sources_checked: Optional[Path] = None
    """The folder the figures were checked against their sources in; None when the sources' files were not at hand."""
    warnings: tuple[str, ...] = ()
    """Problems found against the sources when the build only warns of them."""


def check_before_drawing(
    data: Path, templates_dir: Optional[Path] = None, pptx_template: Optional[Path] = None, notes: bool = True,
    docx_template: Optional[Path] = None, sources_dir: Optional[Path] = None, source_check: str = "refuse",
) -> Checked:
    """Run every check a build makes before drawing; raise DataError or TemplateError listing the problems.

    `templates_dir`, `pptx_template` and `docx_template` are the build's
    options (None: the shipped templates, the data's `style.deck.template`
    and `style.briefing.template`); `notes` says whether the deck's speaker
    notes are rendered too. `sources_dir` is where the sources' files are
    (None: `sources/` beside the data file when every file is there);
    `source_check` is "refuse" or "warn" for what disagrees with them.
    """
    located = load_located(data)
    problems = property_problems(located) + chart_problems(located) + file_problems(located, data.parent)
    folder = sources_dir if sources_dir is not None else sources_at_hand(located.report, data.parent)
    found = check_provenance(located, folder) if folder is not None else []
    if source_check == "refuse":
        problems += found
    if problems:
        raise DataError(problems)
    if pptx_template is not None:
        try:
            read_pptx_template(pptx_template)
        except InputRefused as error:
            raise ReportError(f"PowerPoint template {error}") from None
    if docx_template is not None:
        try:
            read_docx_template(docx_template)
        except InputRefused as error:
            raise ReportError(f"Word template {error}") from None
    narrative = Narrative(located.report, templates_dir, locate=lambda path: f"{located.file}:{located.line_of(path)}")
    messages: list[str] = []
    for check in (narrative.check_all, lambda: check_notes(narrative)) if notes else (narrative.check_all,):
        try:
            check()
        except TemplateError as error:
            messages += [line for line in str(error).splitlines() if line not in messages]
    if messages:
        raise TemplateError("\n".join(messages))
    warned = tuple(f"{problem} (against {folder}; built anyway: --source-check warn)" for problem in found) if source_check != "refuse" else ()
    return Checked(located, narrative, folder, warned)


def property_problems(located: LocatedReport) -> list[Problem]:
    """Refuse a title, subtitle or issuer longer than the documents' properties hold, and dates they cannot hold."""
    info = located.report.report
    problems = []
    for field in PROPERTY_FIELDS:
        text = getattr(info, field)
        if text is not None and len(text) > MAX_PROPERTY_CHARACTERS:
            problems.append(located.problem(
                ("report", field),
                f"too long for the documents' properties: {len(text)} characters, at most {MAX_PROPERTY_CHARACTERS}",
            ))
    moment = dt.datetime.combine(info.date, dt.time(), tzinfo=dt.timezone.utc)
    if not ZIP_EPOCH <= moment <= ZIP_END:
        problems.append(located.problem(
            ("report", "date"),
            f"{info.date.isoformat()} is outside {ZIP_EPOCH.year}–{ZIP_END.year}, the dates a .docx or .pptx can hold",
        ))
    return problems


def chart_problems(located: LocatedReport) -> list[Problem]:
    """Return a located problem for each chart whose figures do not fit its kind."""
    report = located.report
    problems = []
    for t, theme in enumerate(report.themes):
        for c, chart in enumerate(theme.charts):
            try:
                require_fit(plan_chart(report, chart))
            except (ValueError, ReportError) as error:
                message = re.sub(rf"^chart '{re.escape(chart.id)}':? ", "", str(error))
                problems.append(located.problem(("themes", t, "charts", c), message))
    return problems


def file_problems(located: LocatedReport, data_dir: Path) -> list[Problem]:
    """Check the files the data names beside it: the deck's and the briefing's templates and chart font files."""
    style = located.report.style
    problems = []
    if style.deck.template:
        try:
            read_pptx_template(data_dir / style.deck.template)
        except InputRefused as error:
            problems.append(located.problem(("style", "deck", "template"), f"PowerPoint template {error}"))
    if style.briefing.template:
        try:
            read_docx_template(data_dir / style.briefing.template)
        except InputRefused as error:
            problems.append(located.problem(("style", "briefing", "template"), f"Word template {error}"))
    for index, entry in enumerate(style.charts.fonts):
        path = data_dir / entry
        if entry.lower().endswith(FONT_FILE_ENDINGS) and path.exists():
            try:
                require_regular(path, MAX_FONT_BYTES)
            except InputRefused as error:
                problems.append(located.problem(("style", "charts", "fonts", index), f"font file {error}"))
    return problems

