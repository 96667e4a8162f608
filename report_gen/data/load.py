"""Read a YAML data file into the typed model, collecting every problem with its file and line.

Loading runs in three passes, each collecting problems rather than stopping
at the first: the file itself (exists, text, UTF-8), the YAML (syntax,
duplicate keys; every node's line is remembered by its path), then the model
(types and required fields through pydantic, then ids and references).
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import DataError, Problem
from .model import SCALE_PREFIXES, ChartKind, Report

MAX_FILE_BYTES = 10 * 1024 * 1024
"""A report's data file is a few hundred kilobytes; anything over this is not one."""

MAX_NODES = 200_000
"""Upper bound on YAML nodes after aliases are expanded, so an alias bomb is refused."""

FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold: they would corrupt the .docx and .pptx."""

UNREADABLE_CHARACTERS = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file (escaped in a quoted string they are caught later)."""

PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
"""YAML tags a data file may use; others (!!python/..., !!binary, custom !tags) are refused."""

Path_ = tuple[Any, ...]


def format_path(path: Path_) -> str:
    """Write a path the way messages show it: themes[2].figures[0].value."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_report(path: str | Path) -> Report:
    """Read and validate a data file; raise DataError listing every problem found."""
    return load_located(path).report


@dataclass(frozen=True)
class LocatedReport:
    """A validated report together with where each of its parts stands in the file."""

    report: Report
    file: str
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """Return the line of a path such as ('themes', 0, 'figures', 2, 'excerpt'), or of its nearest parent."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def problem(self, path: Path_, message: str) -> Problem:
        """Return a problem located at `path` in this file."""
        return Problem(self.file, self.line_of(path), format_path(path), message)


def load_located(path: str | Path) -> LocatedReport:
    """Read and validate a data file, keeping each path's line for later checks."""
    path = Path(path)
    name = str(path)
    text = _read_text(path, name)
    raw, lines = _parse_yaml(text, name)
    return LocatedReport(_validate(raw, lines, name), name, lines)


def _read_text(path: Path, name: str) -> str:
    def fail(message: str, line: int | None = None) -> DataError:
        return DataError([Problem(name, line, "", message)])

    if path.is_dir():
        raise fail("is a directory; expected a YAML data file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(f"file is {size // (1024 * 1024)} MB; a data file may be at most {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is encoded in UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise fail("not a text file (it contains binary data); expected a YAML data file in UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise fail("file is not UTF-8 text; save it as UTF-8", line) from None
        raise fail(
            "file is not UTF-8: it looks like GBK/GB18030 (as saved by many Chinese Windows editors); "
            "save it as UTF-8, e.g. `iconv -f GBK -t UTF-8 IN > OUT`",
            line,
        ) from None
    if not text.strip():
        raise fail("file is empty; expected a report with report, sources and themes")
    return text


class _NodeReader:
    """Turn a composed YAML node tree into plain Python, remembering each path's line."""

    def __init__(self, loader: yaml.SafeLoader, name: str):
        self.loader = loader
        self.name = name
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.nodes = 0

    def problem(self, line: int, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.name, line, format_path(path), message))

    def read(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge
        line = node.start_mark.line + 1
        self.lines.setdefault(path, line)
        if node.tag not in PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(line, path, f"YAML tag {tag} is not allowed: a data file holds only text, numbers, dates, lists and mappings")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, path, line)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        self.loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_line, path, "a key must be plain text, not a list or mapping")
                continue
            key = self._scalar(key_node, path, key_line)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = self.lines.get(path + (key,))
                self.problem(key_line, path + (key,), f"duplicate key (first given on line {first})")
                continue
            self.lines[path + (key,)] = key_line
            result[key] = self.read(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_, line: int) -> Any:
        try:
            value = self.loader.construct_object(node)
        except (ValueError, yaml.YAMLError):
            what = "date" if node.tag.endswith(":timestamp") else "value"
            self.problem(line, path, f"not a valid {what}: {node.value!r}")
            return node.value
        if isinstance(value, str):
            bad = FORBIDDEN_CHARACTERS.search(value)
            if bad:
                self.problem(line, path, f"contains control character U+{ord(bad.group()):04X}, which documents cannot hold")
        return value


class _TooLarge(Exception):
    pass


def _parse_yaml(text: str, name: str) -> tuple[Any, dict[Path_, int]]:
    unreadable = UNREADABLE_CHARACTERS.search(text)
    if unreadable:
        line = text.count("\n", 0, unreadable.start()) + 1
        code = ord(unreadable.group())
        raise DataError([Problem(name, line, "", f"contains control character U+{code:04X}, which a data file cannot hold")])
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as error:
        raise DataError([Problem(name, None, "", f"not valid YAML: {error}")]) from None
    try:
        root = loader.get_single_node()
        if root is None:
            raise DataError([Problem(name, None, "", "file holds no YAML document")])
        reader = _NodeReader(loader, name)
        raw = reader.read(root, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context == "while scanning a quoted scalar" and error.context_mark:
            mark = error.context_mark  # where the quote opens, not where the file ends
        line = mark.line + 1 if mark else None
        raise DataError([Problem(name, line, "", _describe_yaml_error(error, text, line))]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(name, None, "", f"not valid YAML: {error}")]) from None
    except _TooLarge:
        raise DataError([Problem(name, None, "", f"more than {MAX_NODES} values once aliases are expanded")]) from None
    except RecursionError:
        raise DataError([Problem(name, None, "", "nested too deeply to be a report")]) from None
    finally:
        loader.dispose()
    if reader.problems:
        raise DataError(reader.problems)
    return raw, reader.lines


def _describe_yaml_error(error: yaml.MarkedYAMLError, text: str, line: int | None) -> str:
    problem = error.problem or "syntax error"
    if error.context == "while scanning a quoted scalar" and "end of stream" in problem:
        return "YAML syntax error: a quoted text starting on this line is never closed"
    if error.context == "expected a single document in the stream":
        return "YAML syntax error: a second document starts here (---); a data file holds one"
    if problem == "mapping values are not allowed here":
        return "YAML syntax error: mapping values are not allowed here (check the indentation, or quote text that holds ': ')"
    if line is not None and "\t" in (text.splitlines()[line - 1:line] or [""])[0] and "\\t" in problem:
        return "YAML syntax error: a tab is used for indentation; indent with spaces"
    if error.context:
        return f"YAML syntax error: {problem} ({error.context})"
    return f"YAML syntax error: {problem}"


# -- the model pass -----------------------------------------------------------------------


def _validate(raw: Any, lines: dict[Path_, int], name: str) -> Report:
    def line_of(path: Path_) -> int | None:
        while path not in lines and path:
            path = path[:-1]
        return lines.get(path)

    if not isinstance(raw, dict):
        raise DataError([Problem(name, line_of(()), "", f"expected a mapping with report, sources and themes, got {_kind(raw)}")])
    problems: list[Problem] = []
    report = None
    try:
        report = Report.model_validate(raw)
    except ValidationError as error:
        explained = [_explain(detail, raw) for detail in error.errors(include_url=False)]
        typos = {path[:-1] + (message.split("'")[1],) for path, message in explained if "did you mean" in message}
        for path, message in explained:
            if message == "required field missing" and path in typos:
                continue  # the misspelt key's own message already says which field it meant
            problems.append(Problem(name, line_of(path), format_path(path), message))
    for path, message in check_references(raw) + check_file_names(raw):
        problems.append(Problem(name, line_of(path), format_path(path), message))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.path))
        raise DataError(_unique(problems))
    assert report is not None
    return report


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    return [p for p in problems if not (p in seen or seen.add(p))]


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


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
        close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else (f"; known keys: {', '.join(known)}" if known else "")
        return path, f"unknown key{hint}"
    if kind in NUMBER_ERRORS:
        return path, f"expected a number, got {_kind(given)}"
    if kind in ("string_type",):
        return path, f"expected text, got {_kind(given)}" + (" (put it in quotes)" if isinstance(given, (int, float, bool)) else "")
    if kind == "string_too_short":
        return path, "must not be empty"
    if kind == "string_too_long":
        return path, f"too long: {len(given)} characters, at most {ctx.get('max_length')}"
    if kind == "string_pattern_mismatch":
        if path and path[-1] == "date":
            return path, f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {_kind(given)}"
        if path and path[-1] == "file":
            return path, f"expected a bare file name without folders, got {_kind(given)}"
        return path, f"expected an id of lower-case letters, digits and _ starting with a letter, got {_kind(given)}"
    if kind == "enum":
        return path, f"expected one of {ctx.get('expected', '')}, got {_kind(given)}".replace("'", "")
    if kind == "literal_error":
        return path, f"expected {ctx.get('expected')}, got {_kind(given)}"
    if kind.startswith("date"):
        return path, f"expected a date as YYYY-MM-DD, got {_kind(given)}"
    if kind in ("list_type", "tuple_type"):
        return path, f"expected a list, got {_kind(given)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return path, f"expected a mapping of keys to values, got {_kind(given)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return path, f"expected true or false, got {_kind(given)}"
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


# -- ids and references -------------------------------------------------------------------


def _items(raw: Any, key: str) -> list[tuple[int, dict]]:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _base_unit(unit: Any) -> Any:
    """Return a unit without its 万/亿, so 万户 and 户 count as one unit on an axis."""
    if isinstance(unit, str) and unit[:1] in SCALE_PREFIXES:
        return unit[1:]
    return unit


def check_file_names(raw: Any) -> list[tuple[Path_, str]]:
    """Refuse file names that the pattern lets through but that leave the folder: `..`, `.`, `C:name`."""
    problems: list[tuple[Path_, str]] = []
    for index, source in _items(raw, "sources"):
        name = source.get("file")
        if isinstance(name, str) and (name.strip() in (".", "..") or ":" in name):
            problems.append((("sources", index, "file"), f"expected a bare file name without folders, got {_kind(name)}"))
    return problems


def check_references(raw: Any) -> list[tuple[Path_, str]]:
    """Check unique ids and every cross-reference; tolerant of a file that failed type checks."""
    problems: list[tuple[Path_, str]] = []

    def unique(entries: list[tuple[Path_, Any]], what: str) -> dict[str, Path_]:
        seen: dict[str, Path_] = {}
        for path, value in entries:
            if not isinstance(value, str):
                continue
            if value in seen:
                problems.append((path, f"duplicate {what} id '{value}' (also at {format_path(seen[value])})"))
            else:
                seen[value] = path
        return seen

    sources = unique([(("sources", i, "id"), s.get("id")) for i, s in _items(raw, "sources")], "source")
    frameworks = unique([(("frameworks", i, "id"), f.get("id")) for i, f in _items(raw, "frameworks")], "framework")
    themes = _items(raw, "themes")
    unique([(("themes", t, "id"), theme.get("id")) for t, theme in themes], "theme")
    figure_entries = [
        (("themes", t, "figures", f, "id"), figure.get("id"))
        for t, theme in themes
        for f, figure in _items(theme, "figures")
    ]
    figures = unique(figure_entries, "figure")
    unique(
        [(("themes", t, "charts", c, "id"), chart.get("id")) for t, theme in themes for c, chart in _items(theme, "charts")],
        "chart",
    )
    units = {
        figure.get("id"): _base_unit(figure.get("unit"))
        for _, theme in themes
        for _, figure in _items(theme, "figures")
        if isinstance(figure.get("id"), str)
    }
    known_sources = ", ".join(sources) or "none defined"

    def cite(path: Path_, source: Any) -> None:
        if isinstance(source, str) and source not in sources:
            problems.append((path, f"unknown source '{source}' (sources: {known_sources})"))

    def refer(path: Path_, figure_id: Any) -> None:
        if isinstance(figure_id, str) and figure_id not in figures:
            close = difflib.get_close_matches(figure_id, list(figures), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append((path, f"unknown figure '{figure_id}'{hint}"))

    for i, framework in _items(raw, "frameworks"):
        cite(("frameworks", i, "source"), framework.get("source"))
    for t, theme in themes:
        mapping = theme.get("frameworks")
        if isinstance(mapping, dict):
            for key in mapping:
                if key not in frameworks:
                    problems.append((("themes", t, "frameworks", key), f"unknown framework '{key}' (frameworks: {', '.join(frameworks) or 'none defined'})"))
        for f, figure in _items(theme, "figures"):
            cite(("themes", t, "figures", f, "source"), figure.get("source"))
        for c, case in _items(theme, "cases"):
            cite(("themes", t, "cases", c, "source"), case.get("source"))
            for k, figure_id in enumerate(case.get("figures") or [] if isinstance(case.get("figures"), list) else []):
                refer(("themes", t, "cases", c, "figures", k), figure_id)
        for c, chart in _items(theme, "charts"):
            listed = chart.get("figures") if isinstance(chart.get("figures"), list) else []
            for k, figure_id in enumerate(listed):
                refer(("themes", t, "charts", c, "figures", k), figure_id)
            axis_path: Path_ = ("themes", t, "charts", c, "figures")
            for g, group in _items(chart, "groups"):
                axis_path = ("themes", t, "charts", c, "groups")
                in_group = group.get("figures") if isinstance(group.get("figures"), list) else []
                for k, figure_id in enumerate(in_group):
                    refer(("themes", t, "charts", c, "groups", g, "figures", k), figure_id)
                listed = listed + [i for i in in_group if isinstance(i, str)]
            if chart.get("kind") in (ChartKind.BAR.value, ChartKind.HBAR.value, ChartKind.PROGRESS.value, ChartKind.BEFORE_AFTER.value, ChartKind.GROUPED_BAR.value):
                plotted = {units[i] for i in listed if isinstance(i, str) and i in units}
                if len(plotted) > 1:
                    shown = ", ".join(f"{i} ({units[i] or 'no unit'})" for i in listed if i in units)
                    problems.append((axis_path, f"figures have different units and cannot share one axis: {shown}"))
    return problems
