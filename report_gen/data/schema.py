"""A JSON Schema of the data format, written from the typed model, for editors that check YAML as it is typed.

`report_gen schema --output report.schema.json` writes it. A data file that
starts with the line

    # yaml-language-server: $schema=report.schema.json

gets completion of keys, the field docstrings on hover and mistakes
underlined in any editor that speaks the YAML language server (VS Code's
YAML extension, for one). The schema says what the model says field by
field; checks across fields (ids, references, chart kinds) stay `validate`'s.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import ReportError
from .files import MAX_DATA_BYTES, InputRefused, read_regular
from .model import Report

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect pydantic writes."""

TITLE = "report_gen data file"

MODELINE = "# yaml-language-server: $schema={schema}"
"""The first line of a data file that points the YAML language server at a schema file beside it."""


def data_schema() -> dict[str, Any]:
    """Return the JSON Schema of a data file: every key, its type, its docstring and its default."""
    schema = Report.model_json_schema(mode="validation")
    _drop_field_titles(schema)
    return {"$schema": DIALECT, "title": TITLE, **{key: value for key, value in schema.items() if key != "title"}}


def schema_json() -> str:
    """Return the schema as indented JSON text, Chinese kept readable."""
    return json.dumps(data_schema(), ensure_ascii=False, indent=2) + "\n"


def refuse_replacing(path: Path) -> None:
    """Raise ReportError unless `path` is a new file or a schema this command wrote: a schema never replaces a data file or anything else."""
    if not path.exists() and not path.is_symlink():
        return
    try:
        written = json.loads(read_regular(path, MAX_DATA_BYTES))
    except (InputRefused, ValueError):
        written = None
    if not (isinstance(written, dict) and written.get("$schema") and written.get("title") == TITLE):
        raise ReportError(
            f"{path}: exists and is not a schema `schema` wrote (a data file, or another file); "
            "it is left as it is: name a new file, e.g. --output report.schema.json"
        )


def _drop_field_titles(node: Any) -> None:
    """Remove the titles pydantic makes from field names ("Short Label"): the docstring says more, and editors show both."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for field in properties.values():
                if isinstance(field, dict):
                    field.pop("title", None)
        for value in node.values():
            _drop_field_titles(value)
    elif isinstance(node, list):
        for value in node:
            _drop_field_titles(value)
