"""Command line: parse flags, call one library function, turn user errors into messages and exit 1.

Each command imports what only it needs when it runs (pydantic and jinja2 for
the checks, matplotlib for charts, rich, watchfiles, the web server): a build
with nothing to do starts and ends in a fraction of a second, and `validate`
and `figures` never load the drawing and document libraries.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .errors import DataError, ReportError
from .output import write_all_atomically, write_atomically
from .pipeline import BuildOptions, build, default_data_file

EPILOG_MAIN = """\
examples:
  python -m report_gen build                      build out/beibei.docx and out/beibei.pptx from data/beibei.yaml
  python -m report_gen build data/other.yaml      build another report
  python -m report_gen build districts/           build every .yaml in a folder, one out/<file>/ each, across the cores
  python -m report_gen watch                      rebuild whenever the data, templates or settings change
  python -m report_gen serve --open               live preview in the browser: pages, slides, charts, problems
  python -m report_gen validate data/other.yaml   check a data file and list every problem with file:line
  python -m report_gen figures --format csv       list every figure as written (500余项, 约12.5亿元)
  python -m report_gen charts                     draw only the charts into out/charts/
  python -m report_gen preview                    build, then render pages and a contact sheet into out/preview/
  python -m report_gen init my_report             start a new report: my_report/report.yaml, figures.xlsx, ...
  python -m report_gen figures -o figures.xlsx    export every figure to a workbook that figure_files can read back
  python -m report_gen check draft.docx           proofread any 公文 .docx (GB/T 15834, 15835, 9704); --fix -o marks fixes
  python -m report_gen check draft.docx --data data/beibei.yaml --apply
                                                  list the figures an edited briefing changed, and write them into the data

Run `python -m report_gen COMMAND --help` for the options of a command.
Exit status: 0 success, 1 a problem with the input or machine (message printed), 2 bad command-line usage,
3 an internal error (a bug in report_gen; --verbose shows the traceback), 130 interrupted.
"""


def _add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        help="YAML data file (default: data/beibei.yaml, or the only .yaml file in data/)",
    )


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--verbose", "-v", action="store_true", default=argparse.SUPPRESS, help="say more; show a traceback on internal errors")
    return common


def _add_build_options(parser: argparse.ArgumentParser, action: str) -> None:
    """Add the options `build` and `preview` share: what to build, from which templates and fonts."""
    parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out)")
    parser.add_argument("--templates", type=Path, metavar="DIR", help="narrative templates folder (default: the built-in templates/)")
    parser.add_argument("--font", type=Path, metavar="FILE", help="CJK font file for charts (default: search the machine; env REPORT_GEN_FONT)")
    parser.add_argument("--only", choices=["docx", "pptx"], help=f"{action} only the briefing or only the deck")
    parser.add_argument("--pptx-template", type=Path, metavar="FILE", help="build the deck on the layouts and theme of an organisation's .pptx (default: style.deck.template, else report_gen's design)")
    parser.add_argument("--charts", choices=["image", "native"], help="charts as pictures or as editable charts: PowerPoint charts in the deck, Word charts in the briefing "
                        "(default: style.deck.charts and style.briefing.charts, else image)")
    parser.add_argument("--no-cache", action="store_true", help="draw and assemble everything afresh, neither reading nor filling the cache (default: out/.cache, env REPORT_GEN_CACHE)")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes to draw charts in (default: one per core; 1: none)")
    parser.add_argument("--deck-length", choices=["short", "full"], help="short: a deck to present, each number on one slide; "
                        "full: a slide per chart and every figure on the key-figure slides (default: style.deck.length, else short)")
    parser.add_argument("--docx-template", type=Path, metavar="FILE", help="build the briefing on the styles, page set-up, headers and footers of an organisation's "
                        ".docx or .dotx (default: style.briefing.template, else report_gen's design)")
    parser.add_argument("--preset", choices=["gbt9704", "compact", "jianbao"], help="the briefing's page preset: GB/T 9704, a denser draft, or the 简报 form "
                        "with its 报头 and 报尾 from report.bulletin (default: style.briefing.preset, else gbt9704)")
    parser.add_argument("--source-check", choices=["refuse", "warn"], default="refuse",
                        help="when every source's file is at hand in sources/ beside the data file, each figure's excerpt, value and change "
                             "are checked against it: refuse to build on a disagreement (default), or warn and build")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only errors")


def _build_options(args: argparse.Namespace, **more) -> BuildOptions:
    """Return the BuildOptions the shared build options ask for."""
    if "data" not in more:
        more["data"] = _data_file(args)
    return BuildOptions(
        out_dir=args.out,
        templates_dir=args.templates,
        font_file=args.font,
        briefing=args.only != "pptx",
        deck=args.only != "docx",
        pptx_template=args.pptx_template,
        charts=args.charts,
        use_cache=not args.no_cache,
        jobs=args.jobs,
        deck_length=args.deck_length,
        docx_template=args.docx_template,
        preset=args.preset,
        source_check=args.source_check,
        **more,
    )


def _add_start_commands(commands: argparse._SubParsersAction) -> None:
    """Add the commands that start a report: `init` and `schema`."""
    schema = commands.add_parser(
        "schema",
        parents=[_common()],
        help="write the JSON Schema of the data format, for editors that check YAML as you type",
        description="Write the JSON Schema of the data format, made from the typed model: every key, its type, "
        "its meaning and its default. A data file whose first line is "
        "`# yaml-language-server: $schema=report.schema.json` gets completion and underlined mistakes in "
        "editors that speak the YAML language server (VS Code's YAML extension, for one).",
    )
    schema.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE (e.g. report.schema.json) instead of standard output")

    init = commands.add_parser(
        "init",
        parents=[_common()],
        help="create a new report folder that builds at once: a commented data file, figures.xlsx, a source text",
        description="Create DIR with report.yaml (a short commented example of every construct of the data format), "
        "figures.xlsx (figures kept in a spreadsheet), sources/ (the example's source text), report.schema.json "
        "(for editors) and README.md (what to edit). DIR must not exist or be empty.",
    )
    init.add_argument("folder", type=Path, metavar="DIR", help="the folder to create")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="report_gen",
        description="Turn a YAML file of reported figures into a printable Word briefing (GB/T 9704 layout) "
        "and a PowerPoint deck, with charts and Chinese number writing.",
        epilog=EPILOG_MAIN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="say more; show a traceback on internal errors")
    parser.add_argument("--version", action="version", version=f"report_gen {__version__}", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    _add_document_commands(commands)
    _add_check_commands(commands)
    _add_proofread_command(commands)
    _add_start_commands(commands)
    _add_live_commands(commands)
    return parser


def _add_document_commands(commands: argparse._SubParsersAction) -> None:
    """Add the commands that make documents: `build`, `charts` and `preview`."""
    build = commands.add_parser(
        "build",
        parents=[_common()],
        help="validate the data, draw the charts, write out/<name>.docx and out/<name>.pptx",
        description="Validate the data file, draw its charts, render the narrative templates and write the "
        "briefing and the deck. Nothing is written when any step fails; files are replaced atomically, and "
        "only when their bytes change. Charts and documents whose inputs did not change come from the cache. "
        "Several files (or a folder) build into out/<file name>/ each, across the cores.",
    )
    build.add_argument(
        "data", nargs="*", type=Path, metavar="DATA",
        help="YAML data files or folders of them (default: data/beibei.yaml, or the only .yaml file in data/)",
    )
    _add_build_options(build, "write")
    build.add_argument("--pdf", action="store_true", help="also write out/<name>.pdf of the briefing through LibreOffice (soffice --headless)")

    charts = commands.add_parser(
        "charts",
        parents=[_common()],
        help="draw only the charts into out/charts/<chart id>.png and .svg",
        description="Validate the data file and draw its charts into out/charts/: a PNG at 300 dpi at the "
        "briefing's text width, and the same drawing as SVG. --verbose says which font drew them.",
    )
    _add_data_argument(charts)
    charts.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out)")
    charts.add_argument("--font", type=Path, metavar="FILE", help="CJK font file (default: search the machine; env REPORT_GEN_FONT)")

    preview = commands.add_parser(
        "preview",
        parents=[_common()],
        help="build, then render every page and slide to PNG and a contact sheet in out/preview/",
        description="Build the briefing and the deck, convert them to PDF with LibreOffice and their pages to PNG "
        "with pdftoppm, and lay the pages out on a contact sheet: out/preview/briefing-NN.png, deck-NN.png, "
        "contact-sheet.png and the two PDFs. Needs LibreOffice (soffice, or env REPORT_GEN_SOFFICE) and poppler-utils.",
    )
    _add_data_argument(preview)
    _add_build_options(preview, "build and render")
    preview.add_argument("--dpi", type=_dpi, default=80, metavar="N", help=f"resolution of the page images, {DPI_RANGE[0]} to {DPI_RANGE[1]} (default: 80)")


def _add_check_commands(commands: argparse._SubParsersAction) -> None:
    """Add the commands that read a data file without drawing: `validate` and `figures`."""
    validate = commands.add_parser(
        "validate",
        parents=[_common()],
        help="check a data file; print every problem as FILE:LINE: PATH: message (FILE:Sheet!C7 in a spreadsheet)",
        description="Check everything a build checks before drawing: syntax, types, required fields, unique ids "
        "and references, the limits of a report, each chart's fit to its kind, the narrative templates, highlights "
        "and speaker notes; print every problem at once as FILE:LINE: PATH: message. Exit status 1 when there is any.",
    )
    _add_data_argument(validate)
    validate.add_argument("--templates", type=Path, metavar="DIR", help="check with these narrative templates, as build --templates")
    validate.add_argument("--pptx-template", type=Path, metavar="FILE", help="check this .pptx template too, as build --pptx-template")
    validate.add_argument("--docx-template", type=Path, metavar="FILE", help="check this Word template too, as build --docx-template")
    validate.add_argument(
        "--sources",
        type=Path,
        metavar="DIR",
        help="check each figure's excerpt, value (its magnitude too) and change against its source's text (sources[].file, looked up in DIR; "
             "without it, in sources/ beside the data file when every source's file is there)",
    )

    figures = commands.add_parser(
        "figures",
        parents=[_common()],
        help="export every figure as JSON, CSV or an Excel workbook that figure_files reads back",
        description="List every figure of the data file in the layout `figure_files` reads: theme, the figure's "
        "fields with its comparison flattened (base_period, base_value, change, ...), then text (the figure as "
        "written, e.g. 500余项) and change_text (同比增长48%), which are ignored when the file is read back.",
    )
    _add_data_argument(figures)
    figures.add_argument("--format", choices=["json", "csv", "xlsx"], help="output format (default: the --output file's ending, else json)")
    figures.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output (CSV gets a BOM for Excel; xlsx needs a FILE)")


def _add_proofread_command(commands: argparse._SubParsersAction) -> None:
    """Add `check`: proofread any 公文 .docx and mark the safe fixes as tracked changes."""
    check = commands.add_parser(
        "check",
        parents=[_common()],
        help="proofread a .docx against GB/T 15834, 15835 and 9704; --data DATA lists the figures an edit changed, "
        "--apply writes them back; --fix -o FILE marks the fixes as tracked changes",
        description="Read a Word document (report_gen's or anyone's: paragraphs, tables, text boxes, headers, footers, "
        "the page set-up) and list every finding one a line: where it is (section heading and paragraph, or table, row "
        "and column), the rule, its standard and clause, error or warning, the text quoted, and the fix where it is "
        "certain. With --data, read each figure back from a briefing report_gen built (through the bookmarks around "
        "its written forms) and list each one the document writes otherwise than the data: where, the figure's id, "
        "the document's form and the data's, and the data file's line (or spreadsheet cell); --apply writes the "
        "document's values back there, keeping the file's comments and layout. Exit status 0 when there is no "
        "error (warnings alone pass) and the document agrees with the data, 1 when there is an error, a figure "
        "differs or the file cannot be read. README.md, \"Reading a draft back\", explains it and lists the rules.",
        epilog="examples:\n  python -m report_gen check draft.docx\n"
        "  python -m report_gen check draft.docx --fix -o draft-proofread.docx\n"
        "  python -m report_gen check draft.docx --data data/beibei.yaml\n"
        "  python -m report_gen check draft.docx --data data/beibei.yaml --apply",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("document", type=Path, metavar="DOCUMENT", help="the .docx to proofread; it is only read")
    check.add_argument("--fix", action="store_true", help="write a copy with the safe fixes as tracked changes (author report_gen) "
                       "and a comment on each finding that needs a person; needs -o")
    check.add_argument("--output", "-o", type=Path, metavar="FIXED", help="where --fix writes the copy (a new .docx, never the DOCUMENT itself)")
    check.add_argument("--data", type=Path, metavar="DATA", help="the data file the briefing was built from: list each figure "
                       "the document writes otherwise than the data")
    check.add_argument("--apply", action="store_true", help="with --data: write the document's values back into the data file "
                       "or the spreadsheet cell each figure came from (conflicts are not applied); the document is only read")


def _add_live_commands(commands) -> None:
    """Add `watch` and `serve`: builds that follow the data file as it is edited."""
    watch = commands.add_parser(
        "watch",
        parents=[_common()],
        help="build, then rebuild whenever the data file, templates or settings change",
        description="Build, then watch the data file, the templates folder and the files the data names "
        "(fonts, .pptx template) and rebuild on every change, saying what changed, what was rebuilt and how "
        "long it took. A data error is shown with its location and watching goes on. Ctrl+C stops.",
    )
    _add_data_argument(watch)
    _add_build_options(watch, "write")

    serve = commands.add_parser(
        "serve",
        parents=[_common()],
        help="live preview in the browser: pages, slides, charts and data problems, updated on every save",
        description="Start a local web server (127.0.0.1, a free port unless --port) showing the charts, the data's "
        "problems with their locations, and the briefing's pages and the deck's slides rendered by LibreOffice "
        "in the background. The page updates itself after every rebuild. Ctrl+C stops.",
    )
    _add_data_argument(serve)
    _add_build_options(serve, "write")
    serve.add_argument("--port", type=int, default=0, metavar="N", help="port to listen on (default: a free one, printed)")
    serve.add_argument("--open", action="store_true", help="open the page in the default browser")
    serve.add_argument("--dpi", type=_dpi, default=60, metavar="N", help=f"resolution of the page images, {DPI_RANGE[0]} to {DPI_RANGE[1]} (default: 60)")


DPI_RANGE = (20, 600)
"""Resolutions preview renders pages at: below 20 a page is unreadable, above 600 an A4 page passes 30 million pixels."""


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of dots per inch, got {text!r}") from None
    if not DPI_RANGE[0] <= value <= DPI_RANGE[1]:
        raise argparse.ArgumentTypeError(f"expected {DPI_RANGE[0]} to {DPI_RANGE[1]} dots per inch, got {value}")
    return value


def _data_file(args: argparse.Namespace) -> Path:
    data = args.data[0] if isinstance(args.data, list) and args.data else args.data
    return data if isinstance(data, Path) else default_data_file()


def _run_build(args: argparse.Namespace) -> None:
    from .tools.batch import build_many, data_files, is_data_folder, many_options  # the worker pool, for many reports

    if len(args.data) > 1 or any(is_data_folder(path) for path in args.data):
        template = _build_options(args, data=Path("."), pdf=args.pdf)
        with _progress(args) as events:
            outcomes = build_many(many_options(template, data_files(args.data)), events, args.jobs)
        _report_many(outcomes, args.quiet)
        return
    options = _build_options(args, pdf=args.pdf)
    with _progress(args) as events:
        result = build(options, events)
    if not args.quiet:
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(result.summary(), file=sys.stderr)
    if getattr(args, "verbose", False):
        for line in result.warning_details:
            print(f"  {line}", file=sys.stderr)
        for line in result.font_details:
            print(line, file=sys.stderr)


def _progress(args: argparse.Namespace):
    """Return a context giving the build's progress events: bars on a terminal, else silence."""
    from .tools.progress import TerminalProgress, wants_progress  # rich, only when something is built

    return TerminalProgress() if wants_progress(sys.stderr, args.quiet) else contextlib.nullcontext(None)


def _report_many(outcomes, quiet: bool) -> None:
    """Print each report's result (its problems when it failed); raise ReportError when any failed."""
    failed = [outcome for outcome in outcomes if outcome.result is None]
    for outcome in outcomes:
        if outcome.result is None:
            for line in outcome.problems:
                print(line, file=sys.stderr)
            print(f"{outcome.data}: not built; nothing was written for it", file=sys.stderr)
        elif not quiet:
            print(f"{outcome.data}: {outcome.result.summary()}", file=sys.stderr)
    if failed:
        raise ReportError(f"{len(failed)} of {len(outcomes)} reports failed; the other {len(outcomes) - len(failed)} were built")
    if not quiet:
        print(f"built {len(outcomes)} reports", file=sys.stderr)


def _run_watch(args: argparse.Namespace) -> None:
    from .tools.watch import watch  # watchfiles, for this command alone

    watch(_build_options(args), quiet=args.quiet)


def _run_serve(args: argparse.Namespace) -> None:
    from .tools.serve import serve  # the web server, for this command alone

    serve(_build_options(args), port=args.port, open_browser=args.open, dpi=args.dpi)


def _run_validate(args: argparse.Namespace) -> None:
    # pydantic and jinja2: loaded by the commands that read a data file, not by a build with nothing to do.
    from .data.files import Reads
    from .preflight import check_before_drawing

    data = _data_file(args)
    if args.sources is not None and not args.sources.is_dir():
        raise ReportError(f"{args.sources}: not a folder of source texts")
    reads = Reads()
    checked = check_before_drawing(data, args.templates, args.pptx_template, docx_template=args.docx_template,
                                   reads=reads, sources_dir=args.sources)
    report = checked.located.report
    figures = sum(len(theme.figures) for theme in report.themes)
    charts = sum(len(theme.charts) for theme in report.themes)
    folder = checked.sources_checked
    checked_sources = f"; every excerpt found in {folder}" if folder is not None else ""
    counted = ", ".join(f"{count} {noun if count == 1 else noun + 's'}" for count, noun in (
        (len(report.themes), "theme"), (figures, "figure"), (charts, "chart"), (len(report.sources), "source")))
    print(f"{data}: ok ({counted}{checked_sources})")
    warnings, details = checked.proofreading_warnings()
    for line in warnings + (details if getattr(args, "verbose", False) else []):
        print(f"warning: {line}" if line in warnings else f"  {line}", file=sys.stderr)


def _run_check(args: argparse.Namespace) -> None:
    from .proof.check import check_document, describe_failure, write_fixed  # python-docx, for this command alone

    if args.fix != (args.output is not None):
        raise ReportError("--fix writes a copy and -o FIXED.docx names it: give both, or neither to only list the findings")
    if args.apply and args.data is None:
        raise ReportError("--apply writes the document's values into a data file: name it with --data DATA.yaml")
    checked = check_document(args.document)
    read = None
    if args.data is not None:  # the data is read before anything is printed: a bad data file is its one message
        from .data.files import Reads
        from .readback.check import read_back

        read = read_back(checked.draft, args.data, Reads())
    for line in checked.lines():
        print(line)
    if args.fix:
        print(write_fixed(checked, args.output), file=sys.stderr)
    print(checked.summary(), file=sys.stderr)
    failure = describe_failure(checked)
    if read is not None:
        _report_read_back(read, args.apply)
        if not read.agrees:
            hint = " (--apply writes the document's values into the data)" if read.applicable and not args.apply else ""
            differing = f"the document and the data disagree{hint}"
            failure = f"{failure}; {differing}" if failure else f"{args.document.name}: {differing}"
    if failure:
        raise ReportError(failure)


def _report_read_back(read, apply_them: bool) -> None:
    """Print each figure the document writes otherwise than the data; with --apply, write them back and say what was done."""
    from .readback.check import apply

    for line in read.lines():
        print(line)
    if apply_them:
        apply(read)
        for prefix, lines in (("applied", read.applied.written), ("left", read.applied.skipped), ("note", read.applied.notes)):
            for line in lines:
                print(f"{prefix}: {line}")
    print(read.summary(), file=sys.stderr)


def _run_figures(args: argparse.Namespace) -> None:
    # pydantic for the data, lxml for the workbook's properties: this command's alone.
    from .data.export import figures_csv, figures_json, figures_xlsx
    from .data.files import Reads
    from .data.load import load_report
    from .pipeline.resolved import properties_of
    from .preflight import named_files

    suffix = args.output.suffix.lower().lstrip(".") if args.output is not None else ""
    form = args.format or (suffix if suffix in ("json", "csv", "xlsx") else "json")
    if form == "xlsx" and args.output is None:
        raise ReportError("an .xlsx workbook cannot go to the terminal: name the file with --output FILE.xlsx")
    data, reads = _data_file(args), Reads()
    report = load_report(data, reads)
    if args.output is not None:
        reads.refuse_overwriting([args.output], "--output", named_files(report, data.parent))
    if form == "xlsx":
        write_atomically(args.output, figures_xlsx(report, properties_of(report)))
        return
    text = figures_json(report) if form == "json" else figures_csv(report)
    if args.output is None:
        sys.stdout.write(text)
        return
    bom = "\ufeff" if form == "csv" else ""
    write_atomically(args.output, (bom + text).encode("utf-8"))


def _run_charts(args: argparse.Namespace) -> None:
    # matplotlib: only the commands that draw load it.
    from . import charts
    from .data.files import Reads
    from .data.load import load_report
    from .fonts import chart_font as fonts
    from .preflight import named_files

    data, reads = _data_file(args), Reads()
    report = load_report(data, reads)
    planned = [args.out / "charts" / f"{chart.id}.{ending}" for _, chart in report.all_charts() for ending in ("png", "svg")]
    reads.refuse_overwriting(planned, "--out", named_files(report, data.parent))
    font = fonts.find_cjk_font(args.font, report.style.charts.fonts, data.parent)
    if args.verbose:
        for line in font.describe():
            print(line, file=sys.stderr)
    rendered = charts.render_charts(report, font, charts.BRIEFING, svg=True)
    outputs = {}
    for chart_id, chart in rendered.items():
        outputs[args.out / "charts" / f"{chart_id}.png"] = chart.png
        outputs[args.out / "charts" / f"{chart_id}.svg"] = chart.svg
    write_all_atomically(outputs)
    print(f"wrote {len(rendered)} charts (PNG and SVG) to {args.out / 'charts'}", file=sys.stderr)


def _run_preview(args: argparse.Namespace) -> None:
    from .tools.preview import preview  # Pillow and the page rendering, for this command alone

    options = _build_options(args)
    say = (lambda line: None) if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    result = preview(options, progress=say, dpi=args.dpi)
    if not args.quiet:
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(result.build_summary, file=sys.stderr)
        counts = ", ".join(f"{document.name} {len(pages)}" for document, pages in result.pages.items())
        print(f"wrote page images ({counts}) and {result.contact_sheet}", file=sys.stderr)


def _run_schema(args: argparse.Namespace) -> None:
    from .data.schema import refuse_replacing, schema_json  # pydantic's schema generation, for this command alone

    text = schema_json()
    if args.output is None:
        sys.stdout.write(text)
        return
    refuse_replacing(args.output)
    write_atomically(args.output, text.encode("utf-8"))


def _run_init(args: argparse.Namespace) -> None:
    from .scaffold import create_report_folder  # openpyxl writes the example workbook

    data = create_report_folder(args.folder)
    print(f"created {args.folder}/: edit {data.name} and figures.xlsx, then run: python -m report_gen build {data}", file=sys.stderr)


COMMANDS = {
    "build": _run_build,
    "validate": _run_validate,
    "figures": _run_figures,
    "check": _run_check,
    "charts": _run_charts,
    "preview": _run_preview,
    "schema": _run_schema,
    "init": _run_init,
    "watch": _run_watch,
    "serve": _run_serve,
}


def _interrupt(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    # SIGTERM (a batch runner stopping the build) unwinds like Ctrl-C, so temporary files are removed.
    previous = signal.signal(signal.SIGTERM, _interrupt) if threading.current_thread() is threading.main_thread() else None
    try:
        COMMANDS[args.command](args)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        written = "; nothing was written" if args.command in ("build", "charts", "preview") else ""
        print(f"{count} problem{'s' if count != 1 else ''} found{written}", file=sys.stderr)
        return 1
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was left in place", file=sys.stderr)
        return 130
    except Exception as error:  # a bug in report_gen, not the user's mistake
        if args.verbose:
            traceback.print_exc()
        else:
            print(f"internal error: {type(error).__name__}: {error} (run with --verbose for details)", file=sys.stderr)
        return 3
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
