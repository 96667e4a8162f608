"""The narrative: each theme's template and the data file's highlights, rendered into cited paragraphs.

What a template sees:

- `report`: the whole Report; `theme`: the theme being written;
- `fig.<figure_id>`: prints the figure as the report writes it (约12.5亿元);
  `.label`, `.period`, `.change` (由500余项增加到1000余项, 同比增长48%; none
  without a comparison), `.statement` (label and amount: 进驻事项1000余项),
  `.dated_statement` (截至2020年底，进驻事项由500余项增加到1000余项),
  `.base`, `.note`, `.source` (the source's title);
- `chart_numbers`: chart id → number of the chart in the document (图N);
  `table_number`: number of this theme's key-figures table (表N) of the figures no chart shows, or none;
- `frameworks`: framework id → Framework; `period_groups(figures)`: the
  theme's figures grouped by period, in order of first appearance;
  `figure_sentences(figures)`: the figures stated as a bulletin states them,
  one sentence per series or period, no period or label said twice (`prose`);
- `wording.<name>(…)`: the bulletin's wording of plain numbers
  (`report_gen.text.wording.FOR_TEMPLATES`): `wording.change(-1.0, "%", "上年", 1)`
  is 比上年下降1.0%, `wording.rank(1, "全市")` 居全市第1位;
- filters `written` (a figure's written form), `date` (2021年5月1日 from a
  date or a YYYY[-MM[-DD]] text), `series` (甲、乙和丙), `clauses` (joins
  statements with ， or, when one already holds a comma, with ；).

Every failure becomes a TemplateError naming the template file and line
(`templates/briefing/theme.md.j2:7: unknown figure 'foo'`). Every figure a
template or highlight prints cites its source (report_gen.text.cited):
`theme_passages` and `highlight_passages` give each sentence's citations;
`theme_paragraphs` and `highlights` the same text without them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import jinja2

from ..data.model import Report, Theme
from ..errors import TemplateError
from ..plan import Plan, plan_report
from ..text.cited import CitedText, Segment, as_cited, join, sentence_segments, tidy
from ..text.controls import forbidden_message
from ..data.files import Reads
from .environment import TEMPLATES_DIR, display_path, make_environment, template_folders, template_location
from .figures import FigureLookup, FigureText, NothingToWrite, StructureText, UnknownFigure
from ..text.wording import FOR_TEMPLATES as WORDING
from .prose import figure_sentences

THEME_TEMPLATE = "briefing/theme.md.j2"
"""Template of a theme's narrative when the theme has none of its own."""

THEME_OVERRIDE = "{report}/{id}.md.j2"
"""Template of one theme's narrative, used instead of THEME_TEMPLATE when it exists."""

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")
_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


def split_paragraphs(text: str) -> list[CitedText]:
    """Split rendered text into paragraphs on blank lines, joining each paragraph's lines, citations kept.

    Lines are joined without a space, as Chinese text is, except between two
    Latin letters or digits.
    """
    paragraphs = []
    for block in as_cited(text).split_at(_BLANK_LINE):
        lines = [line.strip() for line in block.split_at(_LINE_BREAK) if line.strip()]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            space = " " if _LATIN_EDGE.match(joined[-1]) and _LATIN_EDGE.match(line[0]) else ""
            joined = join([joined, line], space)
        paragraphs.append(tidy(joined))
    return paragraphs


class Narrative:
    """Renders the narrative of a report's themes from jinja2 templates and the data file's highlights."""

    def __init__(self, report: Report, templates_dir: Path | None = None, locate: Optional[Callable[[tuple], str]] = None,
                 plan: Optional[Plan] = None, reads: Optional[Reads] = None):
        """Prepare templates from `templates_dir`, then the templates shipped with report_gen for any it lacks.

        `locate` turns a path in the data file, such as ('themes', 0, 'highlights', 1),
        into FILE:LINE for messages about text in the data; None says "data file".
        `plan` is the report's numbering (None: planned here). `reads` is the
        build's reader, which every template is read through.
        """
        self.report = report
        self.plan = plan or plan_report(report)
        self.locate = locate or (lambda path: "data file")
        self.templates_dir = Path(templates_dir) if templates_dir is not None else TEMPLATES_DIR
        self.env = make_environment(templates_dir, reads)
        self.figures: dict[str, FigureText | StructureText] = {
            figure.id: FigureText(figure, self.plan.sources.get(figure.source)) for _, figure in report.all_figures()
        }
        """Figure id → the figure as templates see it; a structure's id → its StructureText."""
        self.figures.update({
            structure.id: StructureText(structure, self.plan.sources.get(structure.source)) for _, structure in report.all_structures()
        })
        self.chart_numbers = self.plan.chart_numbers
        """Chart id → its number in the document (图N), counted across themes in order."""
        self.table_numbers = self.plan.table_numbers
        """Theme id → number of its key-figures table (表N); themes without figures have none."""
        self._paragraphs: dict[str, list[CitedText]] = {}
        self._highlights: dict[str, list[CitedText]] = {}

    # -- public API -------------------------------------------------------

    def theme_paragraphs(self, theme: Theme) -> list[str]:
        """Return the theme's narrative as paragraphs of plain text."""
        return [text.plain for text in self.theme_cited(theme)]

    def theme_passages(self, theme: Theme) -> list[list[Segment]]:
        """Return the theme's narrative as paragraphs of segments, each citing the sources of the figures it quotes."""
        return [sentence_segments(text) for text in self.theme_cited(theme)]

    def highlights(self, theme: Theme) -> list[str]:
        """Return the theme's highlights with any `{{ fig.<id> }}` written out."""
        return [text.plain for text in self.highlights_cited(theme)]

    def highlight_passages(self, theme: Theme) -> list[list[Segment]]:
        """Return the theme's highlights as segments citing the sources of the figures they quote."""
        return [sentence_segments(text) for text in self.highlights_cited(theme)]

    def theme_cited(self, theme: Theme) -> list[CitedText]:
        """Return the theme's narrative as paragraphs of cited text."""
        if theme.id not in self._paragraphs:
            template = self._theme_template(theme)
            text = self._render(template, self._display_template(template), self._context(theme))
            self._paragraphs[theme.id] = split_paragraphs(text)
        return self._paragraphs[theme.id]

    def highlights_cited(self, theme: Theme) -> list[CitedText]:
        """Return the theme's highlights as cited text, one paragraph each."""
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
                rendered.append(join(split_paragraphs(self._render(template, where, self._context(theme))), " "))
            self._highlights[theme.id] = rendered
        return self._highlights[theme.id]

    def check_all(self) -> None:
        """Render every theme's narrative and highlights once; raise one TemplateError listing every problem."""
        problems: list[str] = []
        for theme in self.report.themes:
            for render in (self.theme_cited, self.highlights_cited):
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
        try:
            template = self.env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateError(f"template {name} not found: looked in {self._looked_in()}") from None
        except jinja2.TemplateSyntaxError as error:
            where = display_path(Path(error.filename)) if error.filename else name
            raise TemplateError(f"{where}:{error.lineno}: {error.message}") from None
        context = self._context(theme if theme is not None else self.report.themes[0])
        if theme is None:
            del context["theme"], context["table_number"]
        context.update(extra)
        text = self._render(template, self._display_template(template), context)
        return [paragraph.plain for paragraph in split_paragraphs(text)]

    # -- templates ----------------------------------------------------------

    def _theme_template(self, theme: Theme) -> jinja2.Template:
        """Return the theme's own template (templates/<report>/<theme id>.md.j2) where one exists, else the general one."""
        own = THEME_OVERRIDE.format(report=self.report.report.name, id=theme.id)
        for name in (own, THEME_TEMPLATE):
            try:
                return self.env.get_template(name)
            except jinja2.TemplateNotFound as error:
                if error.name != name:  # a template the found one names
                    raise TemplateError(f"template {error.name} not found: looked in {self._looked_in()}") from None
            except jinja2.TemplateSyntaxError as error:
                where = display_path(Path(error.filename)) if error.filename else name
                raise TemplateError(f"{where}:{error.lineno}: {error.message}") from None
        raise TemplateError(f"template {THEME_TEMPLATE} not found: looked in {self._looked_in()} for {own} and {THEME_TEMPLATE}")

    def _looked_in(self) -> str:
        return " and ".join(f"{display_path(folder)}/" for folder in template_folders(self.templates_dir))

    def _display_template(self, template: jinja2.Template) -> str:
        return display_path(Path(template.filename)) if template.filename else str(template.name)

    def _context(self, theme: Theme) -> dict[str, Any]:
        return {
            "report": self.report,
            "theme": theme,
            "fig": FigureLookup(self.figures),
            "chart_numbers": dict(self.chart_numbers),
            "table_number": self.table_numbers.get(theme.id),
            "frameworks": {framework.id: framework for framework in self.report.frameworks},
            "period_groups": self._period_groups,
            "figure_sentences": self._figure_sentences,
            "wording": dict(WORDING),
        }

    def _figure_sentences(self, figures: Iterable[Any], structures: Iterable[Any] = ()) -> list[CitedText]:
        """State figures (models, FigureTexts or ids) and structures (models or ids) as a bulletin does, each sentence citing its figures."""
        lookup = FigureLookup(self.figures)
        index = self.report.structure_index()
        return figure_sentences(
            [lookup[item if isinstance(item, str) else item.id].figure for item in figures],
            [index[item] if isinstance(item, str) else item for item in structures],
        )

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
            text = template.render(context)
        except jinja2.TemplateSyntaxError as error:  # e.g. from an {% include %}d template
            name = display_path(Path(error.filename)) if error.filename else where
            raise TemplateError(f"{name}:{error.lineno}: {error.message}") from None
        except Exception as error:
            located = template_location(error.__traceback__)
            if located is None and not isinstance(error, (jinja2.TemplateError, UnknownFigure, NothingToWrite)):
                raise
            if isinstance(error, jinja2.TemplateNotFound):
                message = f"template {error.name} not found in {self._looked_in()}"
            elif isinstance(error, (jinja2.TemplateError, UnknownFigure, NothingToWrite)):
                message = error.message if isinstance(error, jinja2.TemplateError) else str(error)
            else:
                message = f"{type(error).__name__}: {error}"
            raise TemplateError(f"{self._where(where, located)}: {message}") from None
        refused = forbidden_message(text)
        if refused:  # written by an escape such as "\u202e" in the template
            raise TemplateError(f"{where}: the text it writes {refused}")
        return text

    def _where(self, default: str, located: Optional[tuple[str, int]]) -> str:
        if located is None:
            return default
        filename, line = located
        if filename == "<template>":  # a template made from a string: a highlight
            return default if line == 1 else f"{default}, line {line}"
        return f"{display_path(Path(filename))}:{line}"
