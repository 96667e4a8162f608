"""Read a data file's text and its YAML into plain Python, remembering the line of every path.

The first two passes of loading: the file itself (a regular file within
MAX_FILE_BYTES, text, UTF-8), then the YAML (syntax, tags, duplicate keys,
aliases and merge keys). Each collects problems rather than stopping at the
first.

A data file may come from someone else, so what its aliases (`*name`) and
merge keys (`<<:`) would expand to is counted on the composed node graph,
each shared node once, before a single value is built: a 600-byte file whose
merges double at every level is refused at once. Merge keys follow the YAML
merge-key rules (keys of the mapping itself win over merged ones, and earlier
merged mappings over later ones), so overriding a merged key is not a
duplicate. A number written with trailing zeros (1.0) keeps its decimals
(`report_gen.data.precision`). Three traps of YAML 1.1 are named rather than silently read:
`1:30` (base 60, so 90), `017` (octal, so 15), and `1e15` (text, as YAML 1.1
wants a point and a signed exponent: 1.0e+15).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, Problem
from ..text.controls import forbidden_message
from .files import MAX_DATA_BYTES, InputRefused, Reads
from .located import Path_, format_path
from .precision import printed

MAX_FILE_BYTES = MAX_DATA_BYTES
"""A report's data file is a few hundred kilobytes; anything over this is not one."""

MAX_NODES = 500_000
"""Upper bound on YAML values once aliases and merge keys are expanded, so an alias or merge bomb is refused."""

MAX_DEPTH = 50
"""Upper bound on how deeply values nest (a report nests about 6 deep: themes[0].figures[0].comparison.change)."""

MERGE_TAG = "tag:yaml.org,2002:merge"

UNREADABLE_CHARACTERS = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file (escaped in a quoted string they are caught later)."""

PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
"""YAML tags a data file may use; others (!!python/..., !!binary, custom !tags) are refused."""


def read_text(path: Path, name: str, reads: Reads | None = None) -> str:
    """Return the data file's text, read through `reads` (the build's reader; None: a reader of its own).

    Raise DataError when it is missing, not a regular file, too large, binary or not UTF-8.
    """
    def fail(message: str, line: int | None = None) -> DataError:
        return DataError([Problem(name, line, "", message)])

    if path.is_dir():
        raise fail("is a directory; expected a YAML data file")
    try:
        data = (reads if reads is not None else Reads()).read(path, MAX_FILE_BYTES, "data")
    except InputRefused as error:
        raise fail(error.reason) from None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise fail("file is encoded in UTF-32; save it as UTF-8")
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


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    pass


class _Recursive(Exception):
    def __init__(self, line: int):
        self.line = line


def expanded_size(root: yaml.Node, limit: int = MAX_NODES, depth_limit: int = MAX_DEPTH) -> int:
    """Return how many values the node graph holds once aliases and merge keys are expanded.

    Each node is sized once (aliases share nodes), so this takes time in
    proportion to the file, however much it would expand. Raise _TooLarge past
    `limit`, _TooDeep past `depth_limit` levels, and _Recursive for an alias
    inside its own anchor.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if depth > depth_limit:
            raise _TooDeep
        if key in open_nodes:
            raise _Recursive(node.start_mark.line + 1)
        open_nodes.add(key)
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(item, depth + 1) for item in node.value)
        else:
            total = 1
        open_nodes.discard(key)
        if total > limit:
            raise _TooLarge
        sizes[key] = total
        return total

    return size(root, 0)


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

    def _entries(self, node: yaml.MappingNode, path: Path_) -> tuple[list, list]:
        """Return a mapping's own entries and, in order of precedence, the entries its merge keys bring in."""
        own: list[tuple[yaml.Node, yaml.Node]] = []
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != MERGE_TAG:
                own.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            if not all(isinstance(source, yaml.MappingNode) for source in sources):
                self.problem(key_node.start_mark.line + 1, path, "a merge key (<<) takes a mapping or a list of mappings")
                continue
            for source in sources:
                source_own, source_merged = self._entries(source, path)
                merged.extend(source_own + source_merged)
        return own, merged

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        own, merged = self._entries(node, path)
        result: dict = {}
        for key_node, value_node in own:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_line, path, "a key must be plain text, not a list or mapping")
                continue
            key = str(self._scalar(key_node, path, key_line))
            if key in result:
                first = self.lines.get(path + (key,))
                self.problem(key_line, path + (key,), f"duplicate key (first given on line {first})")
                continue
            self.lines[path + (key,)] = key_line
            result[key] = self.read(value_node, path + (key,))
        for key_node, value_node in merged:  # a key given already, here or by an earlier merge, wins
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = str(self._scalar(key_node, path, key_node.start_mark.line + 1))
            if key not in result:
                self.lines.setdefault(path + (key,), key_node.start_mark.line + 1)
                result[key] = self.read(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_, line: int) -> Any:
        try:
            value = self.loader.construct_object(node)
        except Exception:  # PyYAML's constructors fail in many ways on `!!bool maybe`, `!!int ""`, `!!timestamp ""`
            what = "date" if node.tag.endswith(":timestamp") else "yes/no value" if node.tag.endswith(":bool") else "value"
            self.problem(line, path, f"not a valid {what}: {node.value!r}")
            return node.value
        if isinstance(value, str):
            refused = forbidden_message(value)
            if refused:
                self.problem(line, path, refused)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and node.style is None:
            trap = yaml_1_1_trap(node.value, value)
            if trap:
                self.problem(line, path, trap)
            if isinstance(value, float):
                return printed(value, node.value)  # 1.0 keeps its decimal, as the source printed it
        return value


def yaml_1_1_trap(written: str, value: float) -> str | None:
    """Say why a plain number is not what it looks like under YAML 1.1 (base 60, octal), or None when it is."""
    if ":" in written:
        return (
            f"{written} is read by YAML as the base-60 number {value:g}; "
            "put it in quotes if it is text (a time, a ratio), or write the number itself"
        )
    if re.fullmatch(r"[-+]?0[0-7_]+", written):
        return f"{written} is read by YAML as the octal number {value}; write it without the leading 0, or in quotes if it is text"
    return None


def number_hint(text: str) -> str:
    """Return a hint for text that a reader meant as a number in exponent form (1e15), or ''."""
    if re.fullmatch(r"[-+]?(\d[\d_]*)?\.?\d*[eE][-+]?\d+", text.strip()):
        return " (YAML reads 1e15 as text: write a point and a signed exponent, 1.0e+15, or the digits)"
    return ""


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
        expanded_size(root)
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
    except _Recursive as error:
        raise DataError([Problem(name, error.line, "", "an alias refers to the mapping or list it is in, so it would never end")]) from None
    except (_TooDeep, RecursionError):
        raise DataError([Problem(name, None, "", f"nested more than {MAX_DEPTH} levels deep, too deeply to be a report")]) from None
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
