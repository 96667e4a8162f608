"""Read a YAML data file into the typed model, collecting every problem with its file and line.

Loading runs in three passes, each collecting problems rather than stopping
at the first: the file itself and its YAML (`yaml_reader`: exists, text,
UTF-8, syntax, duplicate keys; every node's line is remembered by its path),
the spreadsheets its `figure_files` names (`sheets`: each row joins its
theme, every cell remembered), then the model (types and required fields
through pydantic here, then ids and references in `checks`).
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import DataError, Problem
from .files import Reads
from .checks import check_chart_fit, check_file_names, check_references, check_written_numbers
from .located import LocatedReport, Path_, describe_value, did_you_mean, line_in, locate
from .precision import fill_decimals
from .presets import check_preset
from .sheets import Merged, merge_figure_files
from .volume import check_volume
from .yaml_reader import number_hint, parse_yaml, read_text
from .model import Report

def load_report(path: str | Path, reads: Reads | None = None) -> Report:
    """Read and validate a data file; raise DataError listing every problem found."""
    return load_located(path, reads).report


def load_located(path: str | Path, reads: Reads | None = None) -> LocatedReport:
    """Read and validate a data file, keeping each path's line for later checks.

    The data file and the spreadsheets it names are read through `reads`, the
    build's one reader (None: a reader of its own).
    """
    path = Path(path)
    name = str(path)
    reads = reads if reads is not None else Reads()
    text = read_text(path, name, reads)
    raw, lines = parse_yaml(text, name)
    if not isinstance(raw, dict):
        raise DataError([Problem(name, line_in(lines, ()), "", f"expected a mapping with report, sources and themes, got {describe_value(raw)}")])
    merged = merge_figure_files(raw, path.parent, name, lines, reads)
    fill_decimals(raw)
    too_much = [locate(name, lines, merged.rows, where, message) for where, message in check_volume(raw)]
    if too_much:
        raise DataError(too_much)
    located = LocatedReport(_validate(raw, lines, name, merged), name, lines, merged.rows)
    check_preset(located)
    return located


# -- the model pass -----------------------------------------------------------------------


def _validate(raw: dict, lines: dict[Path_, int], name: str, merged: Merged) -> Report:
    """Validate the data, with the spreadsheets' rows merged in, against the model; raise every problem found."""
    rows = merged.rows
    found: list[Problem] = []
    report = None
    try:
        report = Report.model_validate(raw)
    except ValidationError as error:
        explained = [_explain(detail, raw) for detail in error.errors(include_url=False)]
        typos = {path[:-1] + (message.split("'")[1],) for path, message in explained if "did you mean" in message}
        for path, message in explained:
            if message == "required field missing" and path in typos:
                continue  # the misspelt key's own message already says which field it meant
            found.append(locate(name, lines, rows, path, message))
    for path, message in check_references(raw, merged.complete, merged.left_out) + check_file_names(raw) + check_chart_fit(raw) + check_written_numbers(raw):
        found.append(locate(name, lines, rows, path, message))
    said = {(p.file, p.line, p.cell, p.path) for p in merged.problems}
    problems = merged.problems + [
        problem for problem in found
        if problem.file not in merged.muted and (problem.file, problem.line, problem.cell, problem.path) not in said
    ]  # a sheet's header or cell problem already explains what the model finds there
    if problems:
        problems.sort(key=lambda p: (p.file != name, p.file, p.line or 0, _cell_order(p.cell), p.path))
        raise DataError(_unique(problems))
    assert report is not None
    return report


def _cell_order(cell: str | None) -> tuple:
    """Order cells such as Sheet1!C7 by sheet, row, then column, so C10 follows C7."""
    match = re.fullmatch(r"(.*)!([A-Z]+)(\d+)", cell or "")
    if match is None:
        return (cell or "", 0, 0, "")
    sheet, column, row = match.groups()
    return (sheet, int(row), len(column), column)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    return [p for p in problems if not (p in seen or seen.add(p))]


def _model_at(path: Path_) -> type[BaseModel] | None:
    """Return the model class that holds the mapping at `path`, if the path leads to one."""
    current: Any = Report
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or str(origin) == "types.UnionType":
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
        else:
            return annotation


NUMBER_ERRORS = {"float_type", "float_parsing", "int_type", "int_parsing"}


def _input_path(loc: tuple, raw: Any) -> Path_:
    """Return pydantic's location as a path in the data, leaving out its own steps (union members, validators).

    A step is the data's own when the data has it there, so a key that merely
    looks like a pydantic step (`[`, `function-x`) stays in the path.
    """
    path: list[Any] = []
    current = raw
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        else:
            current = None  # a field the data lacks
        path.append(part)
    return tuple(path)


def _explain(detail: dict, raw: Any = None) -> tuple[Path_, str]:
    """Turn one pydantic error into a path and a message a user can act on."""
    path = _input_path(detail["loc"], raw)
    kind = detail["type"]
    given = detail.get("input")
    ctx = detail.get("ctx") or {}
    if kind == "missing":
        return path, "required field missing"
    if kind == "extra_forbidden":
        owner = _model_at(path[:-1])
        known = list(owner.model_fields) if owner else []
        hint = did_you_mean(str(path[-1]), known) or (f"; known keys: {', '.join(known)}" if known else "")
        return path, f"unknown key{hint}"
    if kind in NUMBER_ERRORS:
        hint = number_hint(given) if isinstance(given, str) else ""
        return path, f"expected a number, got {describe_value(given)}{hint}"
    if kind in ("string_type",):
        return path, f"expected text, got {describe_value(given)}" + (" (put it in quotes)" if isinstance(given, (int, float, bool)) else "")
    if kind == "string_too_short":
        return path, "must not be empty"
    if kind == "string_too_long":
        return path, f"too long: {len(given)} characters, at most {ctx.get('max_length')}"
    if kind == "string_pattern_mismatch":
        if path and path[-1] == "date":
            return path, f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {describe_value(given)}"
        if path and path[-1] == "file":
            return path, f"expected a bare file name without folders, got {describe_value(given)}"
        return path, f"expected an id of lower-case letters, digits and _ starting with a letter, got {describe_value(given)}"
    if kind == "enum":
        return path, f"expected one of {ctx.get('expected', '')}, got {describe_value(given)}".replace("'", "")
    if kind == "literal_error":
        return path, f"expected {ctx.get('expected')}, got {describe_value(given)}"
    if kind.startswith("date"):
        return path, f"expected a date as YYYY-MM-DD, got {describe_value(given)}"
    if kind in ("list_type", "tuple_type"):
        return path, f"expected a list, got {describe_value(given)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return path, f"expected a mapping of keys to values, got {describe_value(given)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return path, f"expected true or false, got {describe_value(given)}"
    if kind in ("too_short", "too_long"):
        low, high = ctx.get("min_length"), ctx.get("max_length")
        return path, f"expected {'at least ' + str(low) if kind == 'too_short' else 'at most ' + str(high)} items, got {ctx.get('actual_length')}"
    if kind == "value_error":
        message = str(ctx.get("error", detail["msg"]))
        field, _, rest = message.partition(": ")
        owner = _model_at(path)
        if rest and owner and field in owner.model_fields:
            return path + (field,), rest
        return path, message
    return path, detail["msg"]
