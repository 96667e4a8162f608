"""Read a data file's text and its YAML into plain Python, remembering the line of every path.

The first two passes of loading: the file itself (exists, size, text,
UTF-8), then the YAML (syntax, tags, duplicate keys, aliases expanded within
a limit). Each collects problems rather than stopping at the first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, Problem
from .located import Path_, format_path

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


def read_text(path: Path, name: str) -> str:
    """Return the data file's text; raise DataError when it is missing, too large, binary or not UTF-8."""
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


def parse_yaml(text: str, name: str) -> tuple[Any, dict[Path_, int]]:
    """Return the YAML document as plain Python and the line of every path; raise DataError listing its problems."""
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
