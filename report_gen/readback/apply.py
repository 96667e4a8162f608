"""`check --apply`: write the values a document gives its figures back into the data file and the spreadsheets it names.

Each difference that reads the same in every place the document prints it
is written where its figure comes from: the data file (targeted edits,
`write_yaml`) or the spreadsheet cell (`write_sheet`). Conflicts and forms
that do not read as their figure are never applied. Before anything is
written, the data is loaded again as it would read after the edits: it must
load without a problem, every applied figure must be written exactly as the
document writes it, and every other figure and structure must be as it was.
Then each changed file is replaced atomically (a temporary file beside it,
renamed into place), keeping its permissions; the document is only read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..data.files import Reads
from ..data.located import LocatedReport, SheetRow
from ..data.model import Figure
from ..errors import DataError
from .compare import Difference, items_of
from .reading import Item, data_form
from .write_sheet import cell_edits, edited_csv, edited_workbook
from .write_yaml import Edit, Unwritable, apply_edits, compose, field_changes, yaml_edits


@dataclass
class Applied:
    """What `--apply` did: a line for each change written, and one for each difference left alone, with why."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


class EditedReads(Reads):
    """A reader that serves edited bytes for files about to be written, so the data can be loaded as it will read."""

    def __init__(self, edited: dict[Path, bytes]):
        super().__init__()
        self.edited = {os.path.abspath(path): data for path, data in edited.items()}

    def read(self, path, limit: int, kind: str) -> bytes:
        data = self.edited.get(os.path.abspath(os.fspath(path)))
        return data if data is not None else super().read(path, limit, kind)


def apply_differences(located: LocatedReport, data_path: Path, differences: list[Difference]) -> Applied:
    """Write every applicable difference into its file; return what was written and what was left, with reasons."""
    applied = Applied()
    yaml_changes: list[Difference] = []
    sheets: dict[str, list[tuple[Difference, SheetRow]]] = {}
    for difference in differences:
        if not difference.applicable:
            if difference.kind != "unknown":
                applied.skipped.append(f"{difference.data_place}: {difference.figure}: not applied ({_why_not(difference)})")
            continue
        row = _row_of(located, difference)
        if row is None:
            yaml_changes.append(difference)
        else:
            sheets.setdefault(row.file, []).append((difference, row))
    items, _ = items_of(located)
    edited: dict[Path, bytes] = {}
    done: list[Difference] = []
    if yaml_changes:
        data, kept = _yaml_file(data_path, yaml_changes, items, applied)
        if kept:
            edited[data_path], done = data, done + kept
    for name, rows in sheets.items():
        path = Path(name)  # the spreadsheet's path as the loader read it: the data file's folder joined with figure_files' entry
        data, kept = _sheet_file(path, rows, items, applied)
        if kept:
            edited[path], done = data, done + kept
    if not edited:
        return applied
    try:
        _verify(data_path, edited, done, items)
    except (DataError, Unwritable) as error:
        reason = "; ".join(str(problem) for problem in error.problems) if isinstance(error, DataError) else str(error)
        applied.skipped += [f"{difference.data_place}: {difference.figure}: not applied (the data would not load after the edits: {reason})"
                            for difference in done]
        return applied
    for path, data in edited.items():
        _write_keeping_mode(path, data)
        applied.files.append(path)
    for difference in done:
        changes = ", ".join(str(change) for change in _changes(items[difference.figure], difference))
        applied.written.append(f"{difference.data_place}: {difference.figure}: {changes} (the document's {difference.places[0].text})")
    return applied


def _why_not(difference: Difference) -> str:
    if difference.kind == "conflict":
        return "the document writes it two ways; make them agree, then check again"
    return "the document's form does not read as this figure"


def _row_of(located: LocatedReport, difference: Difference) -> Optional[SheetRow]:
    for length in range(len(difference.path), 0, -1):
        row = located.rows.get(difference.path[:length])
        if row is not None:
            return row
    return None


def _shares(difference: Difference) -> Optional[list[str]]:
    text = difference.places[0].text
    return text.split(":") if difference.reading is not None and difference.reading.shares else None


def _changes(item: Item, difference: Difference):
    assert difference.reading is not None
    return field_changes(item, difference.reading, _shares(difference))


def _yaml_file(path: Path, differences: list[Difference], items: dict[str, Item], applied: Applied) -> tuple[bytes, list[Difference]]:
    raw = Reads().read(path, 1 << 26, "data")
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    root = compose(text)
    edits: list[Edit] = []
    kept = []
    for difference in differences:
        try:
            edits += yaml_edits(text, root, difference.path, items[difference.figure], difference.reading, _shares(difference))
        except Unwritable as error:
            applied.skipped.append(f"{difference.data_place}: {difference.figure}: not applied ({error})")
            continue
        kept.append(difference)
    return ("\ufeff" if bom else "").encode() + apply_edits(text, edits).encode("utf-8"), kept


def _sheet_file(path: Path, rows, items: dict[str, Item], applied: Applied) -> tuple[bytes, list[Difference]]:
    edits, kept = [], []
    for difference, row in rows:
        item = items[difference.figure]
        try:
            if not isinstance(item, Figure):
                raise Unwritable("a structure is not held in a spreadsheet")
            edits.append((row, cell_edits(row, item, difference.reading)))
        except Unwritable as error:
            applied.skipped.append(f"{difference.data_place}: {difference.figure}: not applied ({error})")
            continue
        kept.append(difference)
    if not kept:
        return b"", []
    data = Reads().read(path, 1 << 26, "sheet")
    try:
        return (edited_csv(data, edits) if path.suffix.lower() == ".csv" else edited_workbook(data, edits)), kept
    except Unwritable as error:
        for difference in kept:
            applied.skipped.append(f"{difference.data_place}: {difference.figure}: not applied ({error}); "
                                   f"set {', '.join(str(change) for change in _changes(items[difference.figure], difference))} by hand")
        return b"", []


def _verify(data_path: Path, edited: dict[Path, bytes], done: list[Difference], items: dict[str, Item]) -> None:
    """Load the data as the edits leave it; raise DataError unless it loads, says what the document says and nothing else changed."""
    from ..data.load import load_located

    after = load_located(data_path, EditedReads(edited))
    new_items, _ = items_of(after)
    changed = {difference.figure: difference for difference in done}
    problems = []
    for item_id, item in items.items():
        new = new_items.get(item_id)
        difference = changed.get(item_id)
        if difference is None:
            if new != item:
                problems.append(f"{item_id} would change too")
            continue
        expected = difference.places[0].text
        form = difference.reading.form if difference.reading is not None else "text"
        if new is None or data_form(new, form) != expected:
            problems.append(f"{item_id} would be written {data_form(new, form) if new else 'nowhere'}, not {expected}")
    if problems:
        raise Unwritable("; ".join(problems))


def _write_keeping_mode(path: Path, data: bytes) -> None:
    from ..output import write_atomically

    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    write_atomically(target, data)
    os.chmod(target, mode)

