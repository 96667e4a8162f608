"""The jinja2 environment narrative templates run in: sandboxed, strict, with report_gen's filters and its errors located.

Templates run in a sandbox with StrictUndefined, so a template can read the
report but not the machine, and a misspelt name is an error, not an empty
string. Rendered text is `report_gen.text.cited.CitedText`: the environment
joins template output keeping the citations of every figure printed, and the
`series` and `clauses` filters keep them too.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from types import TracebackType
from typing import Any, Iterable, Optional

import jinja2

from ..data.files import Reads
from ..text.cited import join
from ..text.numbers import write_date, write_partial_date
from ..text.wording import as_sentence
from .figures import FigureText, NothingToWrite, StructureText, written
from .limits import BoundedEnvironment, RegularFileLoader
from .prose import join_clauses, join_series

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = next(
    (folder for folder in (_PACKAGE.parent / "templates", _PACKAGE / "templates") if folder.is_dir()),
    _PACKAGE.parent / "templates",
)
"""The templates shipped with report_gen: templates/ beside the package in a clone, inside it when installed."""


def date_filter(value: Any) -> str:
    """Write a date, or a YYYY[-MM[-DD]] text, the official way: 2021年5月1日."""
    if isinstance(value, dt.date):
        return write_date(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return write_partial_date(value)
    raise TypeError(f"date: expected a date or YYYY[-MM[-DD]], got {value!r}")


def series_filter(items: Iterable[Any]) -> str:
    """Join items the Chinese way: 甲, 甲和乙, 甲、乙和丙."""
    return join_series([str(item) for item in items])


def sentence_filter(text: Any) -> str:
    """Close text as a sentence, with a full stop unless it ends in one: a note printed after a figure."""
    return as_sentence(str(text))


def clauses_filter(items: Iterable[Any]) -> str:
    """Join statements with ，, or with ； when a statement already holds a ，."""
    return join_clauses([str(item) for item in items])


def _finalize(value: Any) -> Any:
    if value is None:
        raise NothingToWrite(
            "nothing to write: the expression is none (a figure without a comparison has no .change;"
            " test it with {% if ... %} first)"
        )
    return value


def template_folders(templates_dir: Optional[Path]) -> list[Path]:
    """Return the folders templates are looked up in, in order: `templates_dir` (a user's), then the shipped templates."""
    folders = [Path(templates_dir)] if templates_dir is not None else []
    if not any(folder.resolve() == TEMPLATES_DIR.resolve() for folder in folders):
        folders.append(TEMPLATES_DIR)
    return folders


def make_environment(templates_dir: Optional[Path], reads: Optional[Reads] = None) -> BoundedEnvironment:
    """Return the sandboxed, bounded environment (`report_gen.narrative.limits`) that loads templates.

    A template is looked up in `templates_dir` first, then among the shipped
    templates, so a folder of templates may hold only the files it changes.
    Every template is read through `reads`, the build's reader.
    """
    environment = BoundedEnvironment(
        printable=(FigureText, StructureText),
        join=join,  # template output keeps the citations of the figures it prints
        loader=RegularFileLoader([str(folder) for folder in template_folders(templates_dir)], reads),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
    )
    environment.filters.update(written=written, date=date_filter, series=series_filter, clauses=clauses_filter,
                               sentence=sentence_filter)
    return environment


def display_path(path: Path) -> str:
    """Return a path relative to the working folder when it lies under it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


def template_location(tb: Optional[TracebackType]) -> Optional[tuple[str, int]]:
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
