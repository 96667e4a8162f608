"""Figures as templates see them: `fig.<id>` prints the figure as the report writes it, citing its source."""

from __future__ import annotations

import difflib
from typing import Any, Iterable, Optional

from ..data.model import Figure, Source, Structure
from ..text.cited import CitedText
from ..data.written import (
    statement,
    structure_span,
    structure_statement,
    write_base,
    write_comparison,
    write_figure,
    write_structure_change,
    write_structure_shares,
    written_span,
)
from .prose import own_label


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
    """A figure as templates see it: prints as its written form (约12.5亿元), citing its source."""

    def __init__(self, figure: Figure, source: Optional[Source]):
        self.figure = figure
        self.id = figure.id
        self._written = write_figure(figure)
        self._change = write_comparison(figure)
        base = write_base(figure)
        self.written = self._stated(self._written)
        """The figure as written (约12.5亿元), citing its source and marked as the figure's."""
        self.label = figure.label
        self.short_label = figure.axis_label
        self.period = figure.period
        self.value = figure.value
        self.unit = figure.unit
        self.qualifier = figure.qualifier.value if figure.qualifier else None
        moved = base is not None  # 由500余项增加到1000余项 says the figure's own form too
        self.change = (self._stated(self._change) if moved else self._cited(self._change)) if self._change else None
        """The comparison as written (同比增长48%, 由500余项增加到1000余项, the figure's form in it marked), citing its source; None without one."""
        self.base = self._cited(base) if base else None
        self.note = figure.note
        self.source = source.title if source else None

    def _cited(self, text: str) -> CitedText:
        return CitedText.of(text, self.figure.source)

    def _stated(self, text: str) -> CitedText:
        """Return text that states the figure, citing its source, its written form marked as the figure's."""
        return CitedText.stating(text, self.figure.source, self.id, written_span(self.figure, text))

    @property
    def statement(self) -> CitedText:
        """Return the label with the amount and any change: 进驻事项由500余项增加到1000余项."""
        return self._stated(statement(self.figure))

    @property
    def dated_statement(self) -> CitedText:
        """Return the period, then the statement without saying the period twice: 2022年，全体居民人均可支配收入29105元."""
        return self._stated(f"{self.period}，{statement(self.figure, own_label(self.figure))}")

    def __str__(self) -> str:
        return self.written

    def __repr__(self) -> str:
        return f"<figure {self.id}: {self._written}>"


class StructureText:
    """A structure as templates see it, like a figure: prints as its latest shares (8.3:71.1:20.6), citing its source."""

    def __init__(self, structure: Structure, source: Optional[Source]):
        self.structure = structure
        self.id = structure.id
        self.label = structure.label
        self.short_label = structure.label
        self.period = structure.period
        self.note = structure.note
        self.source = source.title if source else None
        self.written = self._stated(write_structure_shares(structure))
        """The latest shares as printed: 8.3:71.1:20.6, marked as the structure's."""
        self.change = self._cited(write_structure_change(structure)) if len(structure.periods) > 1 else None
        """How the structure moved: 由9.4:66.8:23.8调整为8.3:71.1:20.6; None for one period."""

    def _cited(self, text: str) -> CitedText:
        return CitedText.of(text, self.structure.source)

    def _stated(self, text: str) -> CitedText:
        return CitedText.stating(text, self.structure.source, self.id, structure_span(self.structure, text))

    @property
    def statement(self) -> CitedText:
        """Return the label with the shares: 三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6."""
        return self._stated(structure_statement(self.structure))

    @property
    def dated_statement(self) -> CitedText:
        """Return the period, then the statement: 2022年，三次产业结构由9.4:66.8:23.8调整为8.3:71.1:20.6."""
        return self._stated(f"{self.period}，{structure_statement(self.structure, own_label(self.structure))}")

    def __str__(self) -> str:
        return self.written

    def __repr__(self) -> str:
        return f"<structure {self.id}: {self.written}>"


class FigureLookup:
    """The `fig` object of templates: `fig.<id>` or `fig['<id>']` is that figure's FigureText (a structure's StructureText)."""

    def __init__(self, figures: dict[str, FigureText | StructureText]):
        self._figures = figures

    def __getattr__(self, name: str) -> FigureText | StructureText:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> FigureText | StructureText:
        try:
            return self._figures[name]
        except KeyError:
            raise UnknownFigure(name, self._figures) from None


def written(value: Any) -> str:
    """The `written` filter: a figure, or a FigureText, as the report prints it, citing its source."""
    if isinstance(value, Figure):
        return CitedText.of(write_figure(value), value.source, value.id)
    if isinstance(value, FigureText):
        return value.written
    raise TypeError(f"written: expected a figure, got {type(value).__name__}")
