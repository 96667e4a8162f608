"""Everything a build checks before it draws: `validate` and `build` both run this, so they refuse the same files.

- the data file itself (`load_located`: a regular file within its size, YAML,
  types, references, volume, numbers that can be written as given);
- what the documents' properties can hold: a title, subtitle and issuer of at
  most 255 characters, a report date from 1980 to 2107;
- each chart's figures fit its kind (`charts.spec.require_fit`, the rules the
  drawings apply);
- any font file `style.charts.fonts` names: a regular file within its limit;
- the deck's template (`style.deck.template` or `--pptx-template`) and the
  briefing's (`style.briefing.template` or `--docx-template`), read exactly
  as the build reads them: cleaned (ooxml/template_package.py), their numbers
  checked, the layouts and styles the data names found;
- the narrative templates, the highlights and every speaker-notes template
  render, within the limits of `report_gen.narrative.limits`;
- the figures against their sources (`data.provenance`: each excerpt in its
  source, holding the value at its magnitude, each change in the source's
  sentence) when every source names its file and the files are at hand in
  `sources/` beside the data file, or in the folder `validate --sources`
  names. A build refuses what this finds, or with `--source-check warn`
  says it and builds;
- what the documents will print is proofread (`report_gen.proof`): its
  findings are warnings, reported and not refused.

Nothing here imports matplotlib, and python-docx or python-pptx only when a
template is named, so `validate` stays quick; what needs drawing (glyphs of
the chart font) is checked while building.
"""

from __future__ import annotations

import datetime as dt
import re
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .charts.spec import require_fit
from .data.files import MAX_FONT_BYTES, InputRefused, Reads, require_regular
from .data.load import load_located
from .data.located import LocatedReport
from .data.provenance import check_provenance, sources_at_hand
from .data.types import FONT_FILE_ENDINGS
from .errors import DataError, Problem, ReportError, TemplateError
from .data.model import Report
from .narrative import Narrative
from .narrative.environment import TEMPLATES_DIR
from .narrative.notes import check_notes
from .ooxml.package import MAX_PROPERTY_CHARACTERS, ZIP_END, ZIP_EPOCH
from .plan import Plan, plan_report
from .proof.generated import proofread_report, summary_warning

if TYPE_CHECKING:
    from .briefing.template import WordTemplate

PROPERTY_FIELDS = ("title", "subtitle", "issuer")
"""Fields of `report` written into the documents' core properties."""


SOURCE_CHECKS = ("refuse", "warn")
"""What a build does when a figure disagrees with its source: refuse to build, or warn and build."""


@dataclass(frozen=True)
class Checked:
    """A data file that passed every check before drawing, with the narrative rendered for it."""

    located: LocatedReport
    narrative: Narrative
    word_template: Optional["WordTemplate"] = None
    """The Word template the briefing is built on, read and checked; None for report_gen's own design."""
    proofreading: list = dataclasses.field(default_factory=list)
    """What proofreading found in the text the documents will print (report_gen.proof Findings): warnings, not refusals."""
    sources_checked: Optional[Path] = None
    """The folder the figures were checked against their sources in; None when the sources' files were not at hand."""
    warnings: tuple[str, ...] = ()
    """Problems found against the sources when the build only warns of them."""

    def proofreading_warnings(self) -> tuple[list[str], list[str]]:
        """Return the one-line warning about the proofreading findings and one detail line a finding; both empty when there are none."""
        summary = summary_warning(self.proofreading)
        return ([summary] if summary else []), [finding.line() for finding in self.proofreading]


def check_before_drawing(
    data: Path, templates_dir: Optional[Path] = None, pptx_template: Optional[Path] = None, notes: bool = True,
    docx_template: Optional[Path] = None, briefing: bool = True, reads: Optional[Reads] = None,
    sources_dir: Optional[Path] = None, source_check: str = "refuse",
) -> Checked:
    """Run every check a build makes before drawing; raise DataError or TemplateError listing the problems.

    `templates_dir`, `pptx_template` and `docx_template` are the build's
    options (None: the shipped templates, the data's `style.deck.template`
    and `style.briefing.template`); `notes` says whether the deck is made (its
    template and speaker notes are checked), `briefing` whether the briefing is
    (its Word template is checked and returned). Every file is read through
    `reads`, the build's reader (None: one of its own), which the narrative
    keeps reading through.
    `sources_dir` is where the sources' files are (None: `sources/` beside the
    data file when every file is there); `source_check` is "refuse" or "warn"
    for what disagrees with them.
    """
    reads = reads if reads is not None else Reads()
    located = load_located(data, reads)
    plan = plan_report(located.report)  # the build's one plan: the narrative, the charts and the documents read it
    problems = property_problems(located) + chart_problems(located, plan) + file_problems(located, data.parent)
    folder = sources_dir if sources_dir is not None else sources_at_hand(located.report, data.parent, reads)
    found = check_provenance(located, folder, reads) if folder is not None else []
    if source_check == "refuse":
        problems += found
    if problems:
        raise DataError(problems)
    word_template = check_word_template(located, data.parent, docx_template, reads) if briefing else None
    if notes:
        check_pptx_template(located, data.parent, pptx_template, reads)
    narrative = Narrative(located.report, templates_dir, locate=lambda path: f"{located.file}:{located.line_of(path)}", plan=plan, reads=reads)
    messages: list[str] = []
    for check in (narrative.check_all, lambda: check_notes(narrative)) if notes else (narrative.check_all,):
        try:
            check()
        except TemplateError as error:
            messages += [line for line in str(error).splitlines() if line not in messages]
    if messages:
        raise TemplateError("\n".join(messages))
    warned = tuple(f"{problem} (against {folder}; built anyway: --source-check warn)" for problem in found) if source_check != "refuse" else ()
    proofreading = proofread_report(narrative, locate=lambda path: f"{located.file}:{located.line_of(path)}")
    return Checked(located, narrative, word_template, proofreading, folder, warned)


WORD_TEMPLATE_KEY = ("style", "briefing", "template")
PPTX_TEMPLATE_KEY = ("style", "deck", "template")


def check_word_template(located: LocatedReport, data_dir: Path, given: Optional[Path], reads: Reads) -> Optional["WordTemplate"]:
    """Read the Word template the command line (`given`) or the data file names, as the briefing will; None when none is.

    A fault in a template the data file names, or in a style name given under
    style.briefing.styles, is a DataError at its line in the data file; a
    fault in one given on the command line is a ReportError.
    """
    style = located.report.style.briefing
    path, source = given, None
    if path is None and style.template:
        path, source = data_dir / style.template, style.template
    if path is None:
        return None
    # python-docx, only when a Word template is named: validate stays quick without one.
    from .briefing.template import WordTemplateError, read_word_template

    try:
        reads.docx_template(path)
        return read_word_template(path, style.styles, source, reads)
    except InputRefused as error:
        message = f"Word template {error}"
        role = None
    except WordTemplateError as error:
        message, role = str(error), error.role
    if role is not None:
        raise DataError([located.problem(("style", "briefing", "styles", role), message)])
    if given is None:
        raise DataError([located.problem(WORD_TEMPLATE_KEY, message)])
    raise ReportError(message)


def check_pptx_template(located: LocatedReport, data_dir: Path, given: Optional[Path], reads: Reads) -> None:
    """Open the PowerPoint template the command line or the data file names and find its layouts, as the deck will.

    Faults are located as `check_word_template` locates them.
    """
    style = located.report.style.deck
    path = given if given is not None else (data_dir / style.template if style.template else None)
    if path is None:
        return
    # python-pptx, only when a PowerPoint template is named.
    from .deck.template import PptxTemplateError, find_layouts, open_template

    try:
        reads.pptx_template(path)
        find_layouts(open_template(path, reads), dict(style.layouts), str(path))
        return
    except InputRefused as error:
        message, kind = f"PowerPoint template {error}", None
    except PptxTemplateError as error:
        message, kind = str(error), error.kind
    if kind is not None:
        raise DataError([located.problem(("style", "deck", "layouts", kind), message)])
    if given is None:
        raise DataError([located.problem(PPTX_TEMPLATE_KEY, message)])
    raise ReportError(message)


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


def chart_problems(located: LocatedReport, plan: Plan) -> list[Problem]:
    """Return a located problem for each chart whose figures do not fit its kind."""
    report = located.report
    problems = []
    for t, theme in enumerate(report.themes):
        for c, chart in enumerate(theme.charts):
            try:
                require_fit(plan.chart(chart.id))
            except (ValueError, ReportError) as error:
                message = re.sub(rf"^chart '{re.escape(chart.id)}':? ", "", str(error))
                problems.append(located.problem(("themes", t, "charts", c), message))
    return problems


def named_files(report: Report, data_dir: Path) -> dict[Path, str]:
    """Return the files a data file names beside it (spreadsheets, templates, font files) and the shipped templates, by kind.

    These are inputs: no output may replace one (see `Reads.refuse_overwriting`).
    """
    style = report.style
    named = {data_dir / entry: "sheet" for entry in report.figure_files}
    named.update({data_dir / name: kind for name, kind in ((style.deck.template, "pptx template"), (style.briefing.template, "docx template")) if name})
    named.update({data_dir / entry: "font" for entry in style.charts.fonts if entry.lower().endswith(FONT_FILE_ENDINGS)})
    named.update({path: "template" for path in TEMPLATES_DIR.rglob("*") if path.is_file()})
    return named


def file_problems(located: LocatedReport, data_dir: Path) -> list[Problem]:
    """Check the chart font files the data names beside it (templates: `check_word_template`, `check_pptx_template`)."""
    style = located.report.style
    problems = []
    for index, entry in enumerate(style.charts.fonts):
        path = data_dir / entry
        if entry.lower().endswith(FONT_FILE_ENDINGS) and path.exists():
            try:
                require_regular(path, MAX_FONT_BYTES)
            except InputRefused as error:
                problems.append(located.problem(("style", "charts", "fonts", index), f"font file {error}"))
    return problems
