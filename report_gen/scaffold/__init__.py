"""`report_gen init DIR`: a new report folder that builds at once, from the example files kept beside this module.

The example (`report.yaml`, the rows of `figures.csv`, `sources/`, `README.md`)
shows one of every construct of the data format. A new chart kind or
qualifier is shown by adding it to `report.yaml` or `figures.csv` here; a
test fails until every kind and qualifier is shown.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import yaml

from ..data.export import figure_record, records_xlsx
from ..data.model import Figure
from ..data.precision import fill_figure_decimals
from ..data.schema import schema_json
from ..data.sheets import csv_table, figures_of
from ..errors import ReportError
from ..ooxml.package import CoreProperties, build_moment
from ..output import write_all_atomically

DATA_FILE = "report.yaml"
SCHEMA_FILE = "report.schema.json"
FIGURES_FILE = "figures.xlsx"
SOURCES_FOLDER = "sources"
COPIED = ("README.md",)
"""Example files copied as they are, besides the sources."""

DEFAULT_NAME = "new_report"
"""The example's report name, kept when the folder's name cannot be one."""


def example_files() -> dict[str, bytes]:
    """Return every file of a new report folder by its path inside the folder."""
    shipped = resources.files(__name__)
    text = shipped.joinpath(DATA_FILE).read_text(encoding="utf-8")
    files = {name: shipped.joinpath(name).read_bytes() for name in COPIED}
    for source in shipped.joinpath(SOURCES_FOLDER).iterdir():
        files[f"{SOURCES_FOLDER}/{source.name}"] = source.read_bytes()
    files[DATA_FILE] = text.encode("utf-8")
    files[FIGURES_FILE] = _figures_workbook(text, shipped.joinpath("figures.csv").read_text(encoding="utf-8"))
    files[SCHEMA_FILE] = schema_json().encode("utf-8")
    return files


def _figures_workbook(data_text: str, rows_text: str) -> bytes:
    """Return figures.xlsx holding the example's rows, in the layout `figures --format xlsx` writes."""
    raw = yaml.safe_load(data_text)
    figures, header_problems, cell_problems = figures_of(csv_table(rows_text, "figures.csv"))
    if header_problems or cell_problems:
        raise AssertionError(f"the shipped example rows are invalid: {header_problems + cell_problems}")
    for row in figures:
        fill_figure_decimals(row.fields)
    records = [figure_record(row.theme, Figure.model_validate(row.fields)) for row in figures]
    themes = [theme["id"] for theme in raw["themes"]]
    sources = [source["id"] for source in raw["sources"]]
    return records_xlsx(records, themes, sources, CoreProperties(moment=build_moment(raw["report"]["date"])))


NAME_MAX_BYTES = 255
"""The longest file or folder name most file systems allow, in bytes (about 85 Chinese characters in UTF-8)."""


def create_report_folder(folder: Path) -> Path:
    """Create a new report folder from the example; return its data file. Refuse a folder that holds anything."""
    for part in folder.parts:
        if len(os.fsencode(part)) > NAME_MAX_BYTES:
            raise ReportError(
                f"{part[:40]}…: a folder name of {len(part)} characters is too long; most file systems allow "
                f"{NAME_MAX_BYTES} bytes (about 85 Chinese characters); name a shorter folder"
            )
    try:
        taken = folder.exists() and (not folder.is_dir() or any(folder.iterdir()))
    except OSError as error:
        raise ReportError(f"{folder}: cannot be made a report folder: {error.strerror or error}") from None
    if taken:
        raise ReportError(f"{folder}: already exists and is not an empty folder; name a new one")
    files = example_files()
    name = folder.resolve().name
    if re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
        files[DATA_FILE] = files[DATA_FILE].replace(DEFAULT_NAME.encode(), name.encode())
    write_all_atomically({folder / path: data for path, data in files.items()})
    return folder / DATA_FILE
