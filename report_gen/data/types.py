"""The building blocks of the data format: ids, text, numbers, the base model, and file names a data file may give.

`report_gen.data.model` (the report) and `report_gen.data.style` (the look
of the documents) are both made of these.
"""

from __future__ import annotations

import re
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""An identifier: lower-case ASCII letters, digits and underscores, starting with a letter."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
"""A non-empty piece of text, at most 2000 characters."""

SlideTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
"""A slide's title as the data file words it: its message in at most 40 characters."""

LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
"""A non-empty passage of narrative, at most 20000 characters."""

Number = Annotated[float, Field(strict=True)]
"""A number written as a YAML number (12.5, 500), never as text ('12.5亿' is an error)."""

FONT_FILE_ENDINGS = (".ttf", ".otf", ".ttc", ".otc")
"""File endings that mark an entry of a font list as a file rather than a family name."""

FIGURE_FILE_ENDINGS = (".xlsx", ".csv")
"""File endings of the spreadsheets `figure_files` may name."""

WORD_TEMPLATE_ENDINGS = (".docx", ".dotx")
"""File endings of the Word templates `style.briefing.template` may name."""


def _leaves_folder(entry: str) -> bool:
    """Say whether a relative file name reaches outside its folder: absolute, ~, a drive, or a `..` step."""
    parts = re.split(r"[/\\]", entry)
    return entry.startswith(("/", "\\", "~")) or bool(re.match(r"^[A-Za-z]:", entry)) or ".." in parts


def figure_file_error(entry: str) -> Optional[str]:
    """Return what is wrong with an entry of `figure_files`, or None for a spreadsheet inside the data file's folder."""
    if _leaves_folder(entry):
        return f"'{entry}' is outside the data file's folder; put the spreadsheet beside the data file"
    if not entry.lower().endswith(FIGURE_FILE_ENDINGS):
        return f"'{entry}' is not a spreadsheet: expected a file ending in .xlsx or .csv"
    return None


def word_template_error(entry: str) -> Optional[str]:
    """Return what is wrong with `style.briefing.template`, or None for a .docx or .dotx inside the data file's folder."""
    if _leaves_folder(entry):
        return f"'{entry}' is outside the data file's folder; put the Word template beside the data file, or pass it with --docx-template"
    if not entry.lower().endswith(WORD_TEMPLATE_ENDINGS):
        return f"'{entry}' is not a Word template: expected a file ending in .docx or .dotx"
    return None


class Model(BaseModel):
    """Base of every part of the data file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)
