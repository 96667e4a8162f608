"""Edits of a YAML data file that write a document's values back: each scalar replaced where it stands, nothing else moved.

A round trip through a YAML library would write the whole file again: the
comments of a hand-written data file, its quoting, its flow mappings
(`comparison: {base_period: 上年同期, change: 48}`) and its blank lines would
all depend on that library's emitter. Here the file is composed once with
PyYAML, which records where every scalar starts and ends, and only the
characters of the scalars that change are replaced: `value: 12.5  # 营收`
becomes `value: 13  # 营收`, and every other byte of the file stays as it was.
A qualifier the figure gains is a new `qualifier:` entry after `value:`
(inside a flow mapping, `, qualifier: 约`); one it loses is removed with its
line. A value that comes from an alias or a merge key (`<<: *base`) is
shared with other figures, and is not edited.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Optional

import yaml

from ..data.located import Path_, format_path
from ..data.model import Figure, Structure
from ..text.numbers import write_number
from .reading import Item, Reading


_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)+")
"""An anchor (&name) or a tag (!!str) before a scalar's text."""


class Unwritable(ValueError):
    """A difference that cannot be written into the file as a targeted edit; the message says why."""


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field of an item changed by a write-back, for the listing: value 12.5 → 13."""

    field: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.field} {self.before or '(none)'} → {self.after or '(none)'}"


def field_changes(item: Item, reading: Reading, shares: Optional[list[str]] = None) -> list[FieldChange]:
    """Return what a reading changes in an item: its value (or shares), unit, qualifier and shown decimals."""
    if isinstance(item, Structure):
        before = ":".join(write_number(share) for share in item.periods[-1].shares)
        return [FieldChange("shares", before, ":".join(shares or []))]
    changes = []
    new_value = write_number(reading.value, reading.decimals)
    old_value = write_number(item.value, item.decimals)
    if new_value != old_value:
        changes.append(FieldChange("value", old_value, new_value))
    if reading.unit != item.unit:
        changes.append(FieldChange("unit", item.unit, reading.unit))
    old_qualifier = item.qualifier.value if item.qualifier else ""
    if (reading.qualifier or "") != old_qualifier:
        changes.append(FieldChange("qualifier", old_qualifier, reading.qualifier or ""))
    return changes


def compose(text: str) -> yaml.Node:
    """Compose a data file's YAML into nodes that know where each scalar stands."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def yaml_edits(text: str, root: yaml.Node, path: Path_, item: Item, reading: Reading, shares: Optional[list[str]] = None) -> list[Edit]:
    """Return the edits that make the item at `path` say what `reading` (or a structure's `shares`) says; raise Unwritable."""
    node = _walk(root, path)
    shared = _shared_nodes(root)
    if isinstance(item, Structure):
        periods = _own_value(node, "periods", path)
        last = periods.value[-1] if isinstance(periods, yaml.SequenceNode) and periods.value else None
        listed = _own_value(last, "shares", path) if isinstance(last, yaml.MappingNode) else None
        if not isinstance(listed, yaml.SequenceNode) or len(listed.value) != len(shares or []):
            raise Unwritable(f"{format_path(path)}: its latest shares are not a list of {len(shares or [])} numbers")
        return [_replace(scalar, share, shared, path) for scalar, share in zip(listed.value, shares or [])]
    assert isinstance(item, Figure)
    edits = []
    for change in field_changes(item, reading):
        if change.field == "value":
            edits.append(_replace(_own_value(node, "value", path), change.after, shared, path))
        elif change.field == "unit":
            edits.append(_replace(_own_value(node, "unit", path), _string(change.after, _own_value(node, "unit", path)), shared, path))
        else:
            edits.append(_qualifier_edit(text, node, change.after, shared, path))
    decimals = _own_entry(node, "decimals")
    if decimals is not None and decimals[1].value != str(reading.decimals):
        edits.append(_replace(decimals[1], str(reading.decimals), shared, path))
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Return the text with the edits made (they must not overlap)."""
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def _walk(node: yaml.Node, path: Path_) -> yaml.Node:
    for part in path:
        if isinstance(part, int) and isinstance(node, yaml.SequenceNode) and part < len(node.value):
            node = node.value[part]
            continue
        found = _own_entry(node, part) if isinstance(node, yaml.MappingNode) else None
        if found is None:
            raise Unwritable(f"{format_path(path)}: not found as written in the file (a merge key or an alias?)")
        node = found[1]
    return node


def _own_entry(node: yaml.Node, key: object) -> Optional[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge" and key_node.value == key:
            return key_node, value_node
    return None


def _own_value(node: Optional[yaml.Node], key: str, path: Path_) -> yaml.Node:
    found = _own_entry(node, key) if node is not None else None
    if found is None:
        raise Unwritable(f"{format_path(path)}.{key}: not written in the figure's own mapping (it comes from a merge key)")
    return found[1]


def _shared_nodes(root: yaml.Node) -> set[int]:
    """Return the ids of nodes reached more than once (an anchor's node, through its aliases)."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


def _replace(node: yaml.Node, text: str, shared: set[int], path: Path_) -> Edit:
    """Return the edit that puts `text` in place of a scalar (after its anchor or tag, which stay: `&base 12.5`)."""
    if not isinstance(node, yaml.ScalarNode):
        raise Unwritable(f"{format_path(path)}: expected a number or text where a list or mapping stands")
    if id(node) in shared:
        raise Unwritable(f"{format_path(path)}: the value is an anchor shared through aliases with other parts of the file")
    source = node.start_mark.buffer
    start = node.start_mark.index
    if source is not None:
        properties = _PROPERTIES.match(source, start, node.end_mark.index)
        start = properties.end() if properties else start
    return Edit(start, node.end_mark.index, text)


def _string(value: str, like: Optional[yaml.Node] = None) -> str:
    """Write text as a YAML scalar: plain where YAML reads it back as that text, else quoted as `like` was (double by default)."""
    style = getattr(like, "style", None)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style != '"':
        try:
            if value and yaml.safe_load(value) == value and "#" not in value and ": " not in value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _qualifier_edit(text: str, node: yaml.Node, qualifier: str, shared: set[int], path: Path_) -> Edit:
    """Return the edit that gives the figure `qualifier` (empty: none), replacing, adding or removing its entry."""
    entry = _own_entry(node, "qualifier")
    if entry is not None and qualifier:
        return _replace(entry[1], _string(qualifier, entry[1]), shared, path)
    if entry is not None:
        return _remove_entry(text, node, *entry)
    value_node = _own_value(node, "value", path)
    if node.flow_style:
        return Edit(value_node.end_mark.index, value_node.end_mark.index, f", qualifier: {_string(qualifier)}")
    key_node = _own_entry(node, "value")[0]  # type: ignore[index]
    line_end = text.find("\n", value_node.end_mark.index)
    line_end = len(text) if line_end < 0 else line_end
    if line_end > 0 and text[line_end - 1] == "\r":
        line_end -= 1
    newline = "\r\n" if "\r\n" in text else "\n"
    indent = " " * key_node.start_mark.column
    return Edit(line_end, line_end, f"{newline}{indent}qualifier: {_string(qualifier)}")


def _remove_entry(text: str, node: yaml.Node, key_node: yaml.Node, value_node: yaml.Node) -> Edit:
    """Return the edit that removes one entry of a mapping: its line in a block mapping, the entry and a comma in a flow one."""
    start, end = key_node.start_mark.index, value_node.end_mark.index
    if node.flow_style:
        after = text[end:]
        stripped = after.lstrip(" ")
        if stripped.startswith(","):  # `qualifier: 约, ` goes, or `, qualifier: 约` at a line's end
            end += len(after) - len(stripped) + 1
            following = text[end:].lstrip(" ")
            if following[:1] in ("\r", "\n", ""):
                start = len(text[:start].rstrip(" "))
            else:
                end = len(text) - len(following)
        else:
            before = text[:start].rstrip(" ")
            if before.endswith(","):
                start = len(before) - 1
        return Edit(start, end, "")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)].strip()
    if text[line_start:start].strip() or (rest and not rest.startswith("#")):
        return Edit(start, end, "")  # not alone on its line: leave the line, remove the entry
    return Edit(line_start, line_end + 1 if line_end >= 0 else len(text), "")
