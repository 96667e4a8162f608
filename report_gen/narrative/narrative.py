"""The narrative: jinja2 templates and highlights rendered into paragraphs of text.

Templates run in a sandbox with StrictUndefined, so a template can read the
report but not the machine, and a misspelt name is an error, not an empty
string. Every failure becomes a TemplateError naming the template file and
line (`templates/briefing/theme.md.j2:7: unknown figure 'foo'`).

What a template sees:

- `report`: the whole Report; `theme`: the theme being written;
- `fig.<figure_id>`: prints the figure as the report writes it (约12.5亿元);
  `.label`, `.period`, `.change` (由500余项增加到1000余项, 同比增长48%; none
  without a comparison), `.statement` (label and amount: 进驻事项1000余项),
  `.base`, `.note`, `.source` (the source's title);
- `chart_numbers`: chart id → number of the chart in the document (图N);
  `table_number`: number of this theme's key-figures table (表N), or none;
- `frameworks`: framework id → Framework; `period_groups(figures)`: the
  theme's figures grouped by period, in order of first appearance;
- filters `written` (a figure's written form), `date` (2021年5月1日 from a
  date or a YYYY[-MM[-DD]] text), `series` (甲、乙和丙), `clauses` (joins
  statements with ， or, when one already holds a comma, with ；).

Every figure a template or highlight prints carries an invisible mark of its
source. `theme_passages` and `highlight_passages` turn the marks into
citations: each sentence that quotes figures cites their sources once, just
before its closing punctuation, and a run of sentences citing the same
sources is cited once at its end. `theme_paragraphs` and `highlights` give
the same text without citations.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Callable, Iterable, Optional

import jinja2

from ..errors import TemplateError
from ..data.model import Figure, Report, Source, Theme
from ..text.numbers import write_base, write_comparison, write_date, write_figure, write_partial_date
from .limits import BoundedEnvironment, RegularFileLoader

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = next(
    (folder for folder in (_PACKAGE.parent / "templates", _PACKAGE / "templates") if folder.is_dir()),
    _PACKAGE.parent / "templates",
)
"""The templates shipped with report_gen."""

THEME_TEMPLATE = "briefing/theme.md.j2"
"""Template of a theme's narrative when the theme has none of its own."""

THEME_OVERRIDE = "{report}/{id}.md.j2"
"""Template of one theme's narrative, used instead of THEME_TEMPLATE when it exists."""


CITE_OPEN = "\ue000"
CITE_CLOSE = "\ue001"
"""Private-use characters around a source id, marking where a figure from that source was printed."""

_MARK = re.compile(f"{CITE_OPEN}([a-z][a-z0-9_]*){CITE_CLOSE}")
_SENTENCE_END = "。！？"
_CLOSING = "”’」』）)"
"""Marks that may follow the sentence-ending punctuation and belong to the sentence."""


def mark_source(text: str, source_id: str) -> str:
    """Return text followed by the invisible mark of the source it was reported in."""
    return f"{text}{CITE_OPEN}{source_id}{CITE_CLOSE}"


def strip_marks(text: str) -> str:
    """Return text without source marks."""
    return _MARK.sub("", text)


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph and the sources (ids, in order of first mention) to cite right after it."""

    text: str
    sources: tuple[str, ...] = ()


def _sentences(text: str) -> list[str]:
    """Split text after each 。！？ (with any closing quote or bracket that follows), keeping every character."""
    return [part for part in re.split(f"(?<=[{_SENTENCE_END}])(?![{_CLOSING}])", text) if part]


def cite(text: str) -> list[Segment]:
    """Turn marked text into segments, each sentence's sources cited once before its closing punctuation.

    Consecutive sentences citing the same sources are cited once, after the
    last of them; text without marks is one segment citing nothing.
    """
    # A mark right after a sentence's closing punctuation belongs to that sentence.
    text = re.sub(f"([{_SENTENCE_END}][{_CLOSING}]*)((?:{_MARK.pattern})+)", r"\2\1", text)
    plain: list[tuple[str, tuple[str, ...]]] = []
    for sentence in _sentences(text):
        sources = tuple(dict.fromkeys(_MARK.findall(sentence)))
        plain.append((strip_marks(sentence), sources))
    segments: list[Segment] = []
    pending = ""
    for index, (sentence, sources) in enumerate(plain):
        following = plain[index + 1][1] if index + 1 < len(plain) else ()
        if not sources or sources == following:
            pending += sentence
            continue
        body = sentence.rstrip(_CLOSING)
        tail = sentence[len(body):]
        if body and body[-1] in _SENTENCE_END:
            body, tail = body[:-1], body[-1] + tail
        segments.append(Segment(pending + body, sources))
        pending = tail
    if pending or not segments:
        segments.append(Segment(pending))
    return segments


class UnknownFigure(LookupError):
    """A template named a figure id the report does not have."""

    def __init__(self, figure_id: str, known: Iterable[str]):
        self.figure_id = figure_id
        close = difflib.get_close_matches(figure_id, list(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        super().__init__(f"unknown figure '{figure_id}'{hint}")


class NothingToWrite(ValueError):
    """A template printed None, e.g. `.change` of a figure without a comparison."""


class FigureText:
    """A figure as templates see it: prints as its written form (约12.5亿元)."""

    def __init__(self, figure: Figure, source: Optional[Source]):
        self.figure = figure
        self.id = figure.id
        self._written = write_figure(figure)
        self._change = write_comparison(figure)
        base = write_base(figure)
        self.written = self._marked(self._written)
        """The figure as written (约12.5亿元), marked with its source."""
        self.label = figure.label
        self.short_label = figure.axis_label
        self.period = figure.period
        self.value = figure.value
        self.unit = figure.unit
        self.qualifier = figure.qualifier.value if figure.qualifier else None
        self.change = self._marked(self._change) if self._change else None
        """The comparison as written (同比增长48%), marked with its source; None without one."""
        self.base = self._marked(base) if base else None
        self.note = figure.note
        self.source = source.title if source else None

    def _marked(self, text: str) -> str:
        return mark_source(text, self.figure.source)

    @property
    def statement(self) -> str:
        """Return the label with the amount and any change: 进驻事项由500余项增加到1000余项."""
        comparison = self.figure.comparison
        if comparison is not None and comparison.base_value is not None:
            return self._marked(f"{self.label}{self._change}")
        if self._change:
            return self._marked(f"{self.label}{self._written}，{self._change}")
        return self._marked(f"{self.label}{self._written}")

    def __str__(self) -> str:
        return self.written

    def __repr__(self) -> str:
        return f"<figure {self.id}: {self.written}>"


class FigureLookup:
    """The `fig` object of templates: `fig.<id>` or `fig['<id>']` is that figure's FigureText."""

    def __init__(self, figures: dict[str, FigureText]):
        self._figures = figures

    def __getattr__(self, name: str) -> FigureText:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> FigureText:
        try:
            return self._figures[name]
        except KeyError:
            raise UnknownFigure(name, self._figures) from None


def _written(value: Any) -> str:
    """Write a figure, a FigureText or a figure id's FigureText as the report prints it."""
    if isinstance(value, Figure):
        return mark_source(write_figure(value), value.source)
    if isinstance(value, FigureText):
        return value.written
    raise TypeError(f"written: expected a figure, got {type(value).__name__}")


def _date(value: Any) -> str:
    """Write a date, or a YYYY[-MM[-DD]] text, the official way: 2021年5月1日."""
    if isinstance(value, dt.date):
        return write_date(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return write_partial_date(value)
    raise TypeError(f"date: expected a date or YYYY[-MM[-DD]], got {value!r}")


def _series(items: Iterable[Any]) -> str:
    """Join items the Chinese way: 甲, 甲和乙, 甲、乙和丙."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return "、".join(words[:-1]) + "和" + words[-1]


def _clauses(items: Iterable[Any]) -> str:
    """Join statements with ，, or with ； when a statement already holds a ，."""
    parts = [str(item) for item in items]
    separator = "；" if any("，" in part for part in parts) else "，"
    return separator.join(parts)


def _finalize(value: Any) -> Any:
    if value is None:
        raise NothingToWrite(
            "nothing to write: the expression is none (a figure without a comparison has no .change;"
            " test it with {% if ... %} first)"
        )
    return value


_CJK = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\ue000\ue001"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def tidy_spacing(text: str) -> str:
    """Remove white space between two Chinese characters or marks, as YAML folding (`>-`) leaves it."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def split_paragraphs(text: str) -> list[str]:
    """Split rendered text into paragraphs on blank lines, joining each paragraph's lines.

    Lines are joined without a space, as Chinese text is, except between two
    Latin letters or digits.
    """
    paragraphs = []
    for block in re.split(r"\n[ \t\r\f\v]*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            space = " " if re.match(r"[A-Za-z0-9]", joined[-1]) and re.match(r"[A-Za-z0-9]", line[0]) else ""
            joined += space + line
        paragraphs.append(tidy_spacing(joined))
    return paragraphs


def _display_path(path: Path) -> str:
    """Return a path relative to the working folder when it lies under it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


class Narrative:
    """Renders the narrative of a report's themes from jinja2 templates and the data file's highlights."""

    def __init__(self, report: Report, templates_dir: Path | None = None, locate: Optional[Callable[[tuple], str]] = None):
        """Prepare templates from `templates_dir`; None means the templates shipped with report_gen.

        `locate` turns a path in the data file, such as ('themes', 0, 'highlights', 1),
        into FILE:LINE for messages about text in the data; None says "data file".
        """
        self.report = report
        self.locate = locate or (lambda path: "data file")
        self.templates_dir = Path(templates_dir) if templates_dir is not None else TEMPLATES_DIR
        self.env = BoundedEnvironment(
            printable=(FigureText,),
            loader=RegularFileLoader(str(self.templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            finalize=_finalize,
        )
        self.env.filters.update(written=_written, date=_date, series=_series, clauses=_clauses)
        sources = report.source_index()
        self.figures = {
            figure.id: FigureText(figure, sources.get(figure.source)) for _, figure in report.all_figures()
        }
        self.chart_numbers: dict[str, int] = {
            chart.id: number for number, (_, chart) in enumerate(report.all_charts(), start=1)
        }
        """Chart id → its number in the document (图N), counted across themes in order."""
        self.table_numbers: dict[str, int] = {
            theme.id: number
            for number, theme in enumerate((theme for theme in report.themes if theme.figures), start=1)
        }
        """Theme id → number of its key-figures table (表N); themes without figures have none."""
        self._paragraphs: dict[str, list[str]] = {}
        self._highlights: dict[str, list[str]] = {}

    # -- public API -------------------------------------------------------

    def theme_paragraphs(self, theme: Theme) -> list[str]:
        """Return the theme's narrative as paragraphs of plain text."""
        return [strip_marks(text) for text in self._theme_marked(theme)]

    def theme_passages(self, theme: Theme) -> list[list[Segment]]:
        """Return the theme's narrative as paragraphs of segments, each citing the sources of the figures it quotes."""
        return [cite(text) for text in self._theme_marked(theme)]

    def highlights(self, theme: Theme) -> list[str]:
        """Return the theme's highlights with any `{{ fig.<id> }}` written out."""
        return [strip_marks(text) for text in self._highlights_marked(theme)]

    def highlight_passages(self, theme: Theme) -> list[list[Segment]]:
        """Return the theme's highlights as segments citing the sources of the figures they quote."""
        return [cite(text) for text in self._highlights_marked(theme)]

    def _theme_marked(self, theme: Theme) -> list[str]:
        if theme.id not in self._paragraphs:
            template = self._theme_template(theme)
            text = self._render(template, self._display_template(template), self._context(theme))
            self._paragraphs[theme.id] = split_paragraphs(text)
        return self._paragraphs[theme.id]

    def _highlights_marked(self, theme: Theme) -> list[str]:
        if theme.id not in self._highlights:
            index = self.report.themes.index(theme)
            rendered = []
            for number, text in enumerate(theme.highlights):
                path = ("themes", index, "highlights", number)
                where = f"{self.locate(path)}: themes[{index}].highlights[{number}]"
                try:
                    template = self.env.from_string(text)
                except jinja2.TemplateSyntaxError as error:
                    raise TemplateError(f"{where}: {error.message}") from None
                rendered.append(" ".join(split_paragraphs(self._render(template, where, self._context(theme)))))
            self._highlights[theme.id] = rendered
        return self._highlights[theme.id]

    def check_all(self) -> None:
        """Render every theme's narrative and highlights once; raise one TemplateError listing every problem."""
        problems: list[str] = []
        for theme in self.report.themes:
            for render in (self.theme_paragraphs, self.highlights):
                try:
                    render(theme)
                except TemplateError as error:
                    if str(error) not in problems:
                        problems.append(str(error))
        if problems:
            raise TemplateError("\n".join(problems))

    def render_template(self, name: str, theme: Optional[Theme] = None, **extra: Any) -> list[str]:
        """Render the template `name` (the deck's speaker notes) with a theme's context plus `extra`; return paragraphs.

        Looked up in the templates folder, then among the shipped templates, so a
        folder of narrative templates need not hold the notes. With theme None the
        context has no `theme` and no `table_number`.
        """
        env = self.__dict__.get("_with_shipped")
        if env is None:
            shipped = RegularFileLoader(str(TEMPLATES_DIR))
            env = self.__dict__["_with_shipped"] = self.env.overlay(loader=jinja2.ChoiceLoader([self.env.loader, shipped]))
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateError(
                f"template {name} not found: looked in {_display_path(self.templates_dir)}/ and {_display_path(TEMPLATES_DIR)}/"
            ) from None
        except jinja2.TemplateSyntaxError as error:
            where = _display_path(Path(error.filename)) if error.filename else name
            raise TemplateError(f"{where}:{error.lineno}: {error.message}") from None
        context = self._context(theme if theme is not None else self.report.themes[0])
        if theme is None:
            del context["theme"], context["table_number"]
        context.update(extra)
        text = self._render(template, self._display_template(template), context)
        return [strip_marks(paragraph) for paragraph in split_paragraphs(text)]

    # -- templates ----------------------------------------------------------

    def _theme_template(self, theme: Theme) -> jinja2.Template:
        own = THEME_OVERRIDE.format(report=self.report.report.name, id=theme.id)
        name = own if (self.templates_dir / own).is_file() else THEME_TEMPLATE
        try:
            return self.env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateError(
                f"template {name} not found: looked in {_display_path(self.templates_dir)}/"
                f" for {own} and {THEME_TEMPLATE}"
            ) from None
        except jinja2.TemplateSyntaxError as error:
            where = _display_path(Path(error.filename)) if error.filename else name
            raise TemplateError(f"{where}:{error.lineno}: {error.message}") from None

    def _display_template(self, template: jinja2.Template) -> str:
        return _display_path(Path(template.filename)) if template.filename else str(template.name)

    def _context(self, theme: Theme) -> dict[str, Any]:
        return {
            "report": self.report,
            "theme": theme,
            "fig": FigureLookup(self.figures),
            "chart_numbers": dict(self.chart_numbers),
            "table_number": self.table_numbers.get(theme.id),
            "frameworks": {framework.id: framework for framework in self.report.frameworks},
            "period_groups": self._period_groups,
        }

    def _period_groups(self, figures: Iterable[Any]) -> list[tuple[str, list[FigureText]]]:
        """Group figures (models, FigureTexts or ids) by period, in order of first appearance."""
        groups: dict[str, list[FigureText]] = {}
        for item in figures:
            figure_id = item if isinstance(item, str) else item.id
            text = FigureLookup(self.figures)[figure_id]
            groups.setdefault(text.period, []).append(text)
        return list(groups.items())

    def _render(self, template: jinja2.Template, where: str, context: dict[str, Any]) -> str:
        try:
            return template.render(context)
        except jinja2.TemplateSyntaxError as error:  # e.g. from an {% include %}d template
            name = _display_path(Path(error.filename)) if error.filename else where
            raise TemplateError(f"{name}:{error.lineno}: {error.message}") from None
        except Exception as error:
            located = _template_location(error.__traceback__)
            if located is None and not isinstance(error, (jinja2.TemplateError, UnknownFigure, NothingToWrite)):
                raise
            if isinstance(error, jinja2.TemplateNotFound):
                message = f"template {error.name} not found in {_display_path(self.templates_dir)}/"
            elif isinstance(error, (jinja2.TemplateError, UnknownFigure, NothingToWrite)):
                message = error.message if isinstance(error, jinja2.TemplateError) else str(error)
            else:
                message = f"{type(error).__name__}: {error}"
            raise TemplateError(f"{self._where(where, located)}: {message}") from None

    def _where(self, default: str, located: Optional[tuple[str, int]]) -> str:
        if located is None:
            return default
        filename, line = located
        if filename == "<template>":  # a template made from a string: a highlight
            return default if line == 1 else f"{default}, line {line}"
        return f"{_display_path(Path(filename))}:{line}"


def _template_location(tb: Optional[TracebackType]) -> Optional[tuple[str, int]]:
    """Return the template file and line of the innermost template frame of a traceback, if any.

    jinja2 rewrites tracebacks so that frames of compiled templates point at
    the template file and line; those frames carry `__jinja_exception__`.
    """
    found = None
    while tb is not None:
        frame = tb.tb_frame
        if "__jinja_exception__" in frame.f_globals:
            found = (frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
